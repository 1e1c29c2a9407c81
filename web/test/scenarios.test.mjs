// scenarios.test.mjs - the scenario a state makes (web/src/scenarios.js
// scenarioFrom), with Node's own test runner (node --test; no package):
// what is in force and armed becomes the commands that set it up again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scenarioFrom } from '../src/scenarios.js';

const state = {
  aircraft: 'super-mushak',
  load: { fuel_pct: 60, masses: [{ kg: 80 }] },
  weather: { wind_from_deg: 270, wind_kt: 15, ice_pct: 12 },
  malfunctions: ['pitot-blocked'],
  malfunctions_armed: [
    // armed 120 s ahead 83 s ago: 37 s left
    { name: 'engine-failure', when: 'after-s', value: 37.2, armed_with: 120 },
    { name: 'brakes-failed', when: 'ias-above-kt', value: 40, armed_with: 40 },
  ],
};
const everything = { weather: true, load: true, malfunctions: true, position: true };
const position = () => ({ type: 'reposition', where: 'final', distance_nm: 3 });

test('an armed malfunction is saved with the delay the instructor set, not the seconds left', () => {
  const { commands } = scenarioFrom(state, everything, position);
  const armed = commands.filter((c) => c.type === 'malfunction' && c.when);
  assert.deepEqual(armed, [
    { type: 'malfunction', name: 'engine-failure', on: true, when: 'after-s', value: 120 },
    { type: 'malfunction', name: 'brakes-failed', on: true, when: 'ias-above-kt', value: 40 },
  ]);
});

test('a state from an older station (no armed_with) keeps the seconds left, at least 1', () => {
  const old = { ...state, malfunctions_armed: [{ name: 'engine-failure', when: 'after-s', value: 0.4 }] };
  const { commands } = scenarioFrom(old, everything, position);
  assert.deepEqual(commands.at(-1), { type: 'malfunction', name: 'engine-failure', on: true, when: 'after-s', value: 1 });
});

test('the commands come in order: position, load, weather, malfunctions; the aircraft named', () => {
  const { commands, aircraft } = scenarioFrom(state, everything, position);
  assert.deepEqual(commands.map((c) => c.type),
    ['reposition', 'load', 'load', 'weather', 'malfunction', 'malfunction', 'malfunction']);
  assert.equal(commands[3].ice_pct, undefined); // the airframe's ice is the flight's, not the weather's
  assert.equal(aircraft, 'super-mushak');
});

test('the weather alone is any aircraft\'s', () => {
  const { commands, aircraft } = scenarioFrom(state, { weather: true }, position);
  assert.deepEqual(commands, [{ type: 'weather', wind_from_deg: 270, wind_kt: 15 }]);
  assert.equal(aircraft, null);
});
