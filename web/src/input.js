// input.js - the trainee's controls from the browser: the keyboard and any
// gamepad the Gamepad API reports, turned into the `controls` values of
// docs/station-protocol.md.
//
// Sign conventions are JSBSim's, as in data/controls.xml: elevator > 0
// pushes (nose down), aileron > 0 rolls right, rudder > 0 is the left
// pedal (nose left); throttle, flaps and brake 0..1; gear 1 down;
// speedbrake 0 in, 1 out.
//
// Keyboard: arrows = stick (held keys move it at KEY_RATE, released it
// returns to centre), Z / X = left / right pedal, PageUp / PageDown or
// + / - = throttle in steps, F / Shift+F = flaps down / up a detent,
// G = gear up or down, V = speed brake out or in, B = wheel brakes while
// held, Home / End = pitch trim nose down / nose up while held (as
// FlightGear's keyboard has it: the keys above and below, like the stick).
//
// Gamepad (the browser's "standard" layout by default): left stick = stick,
// right stick x = pedals, right stick y = throttle lever moved at a rate
// (forward opens), left trigger = brakes, bumpers = flaps up / down,
// A = gear, B = speed brake, the d-pad's up / down = pitch trim nose down
// / nose up while held.  Each axis goes through a dead zone and an expo
// curve.

export const DEFAULT_SETTINGS = Object.freeze({
  deadZone: 0.08,     // of full travel, ignored around the centre
  expo: 0.4,          // 0 linear .. 1 cubic: finer control near the centre
  axes: { aileron: 0, elevator: 1, rudder: 2, throttle: 3 },
  // stick forward reads -1 on the standard layout: pushing is elevator > 0;
  // stick right reads +1: the right pedal is rudder < 0
  invert: { aileron: false, elevator: true, rudder: true, throttle: true },
});

const KEY_RATE = 2;          // full travel a second, moving out
const KEY_RETURN = 3;        // and back to the centre
const THROTTLE_STEP = 0.05;  // a key press
const THROTTLE_RATE = 0.5;   // full travel a second at full gamepad lever
const FLAP_DETENTS = [0, 0.5, 1];
const TRIM_RATE = 0.2;       // of the trim's travel (-1..1) a second, held: an electric trim's pace
const STORAGE_KEY = 'saqr.cockpit.input';

// An axis reading (-1..1) through a dead zone and an expo curve: 0 inside
// the dead zone, then rescaled so the output still reaches +-1, then
// (1 - expo) * x + expo * x^3.  Monotonic and continuous.
export function shapeAxis(x, deadZone, expo) {
  if (!Number.isFinite(x)) return 0;
  const a = Math.min(1, Math.abs(x));
  const dz = Math.max(0, Math.min(0.9, deadZone));
  if (a <= dz) return 0;
  const r = (a - dz) / (1 - dz);
  const e = Math.max(0, Math.min(1, expo));
  return Math.sign(x) * ((1 - e) * r + e * r * r * r);
}

// The settings saved in this browser, completed by the defaults.
export function loadSettings() {
  let saved = {};
  try {
    saved = JSON.parse(localStorage.getItem(STORAGE_KEY) || '{}') || {};
  } catch {
    saved = {};
  }
  return {
    deadZone: num(saved.deadZone, DEFAULT_SETTINGS.deadZone),
    expo: num(saved.expo, DEFAULT_SETTINGS.expo),
    axes: { ...DEFAULT_SETTINGS.axes, ...(saved.axes || {}) },
    invert: { ...DEFAULT_SETTINGS.invert, ...(saved.invert || {}) },
  };
}

export function saveSettings(s) {
  localStorage.setItem(STORAGE_KEY, JSON.stringify(s));
}

const num = (v, d) => (typeof v === 'number' && Number.isFinite(v) ? v : d);
const clamp = (v, lo, hi) => Math.max(lo, Math.min(hi, v));

// Returns {keydown(ev) -> true when used, keyup(ev), poll(dt_s, pads) ->
// controls, sync(controls), settings}; the controls are held in here.
export function createInput(settings) {
  const held = new Set();
  const key = { elevator: 0, aileron: 0, rudder: 0 };   // keyboard stick
  const c = { elevator: 0, aileron: 0, rudder: 0, throttle: 0, flaps: 0, gear: 1, brake: 0, speedbrake: 0, pitch_trim: 0 };
  const buttonsBefore = [];

  function flapStep(dir) {
    const i = FLAP_DETENTS.findIndex((d) => d >= c.flaps - 1e-6);
    const at = i < 0 ? FLAP_DETENTS.length - 1 : i;
    const exact = Math.abs(FLAP_DETENTS[at] - c.flaps) < 1e-6;
    const next = dir > 0 ? (exact ? at + 1 : at) : at - 1;
    c.flaps = FLAP_DETENTS[clamp(next, 0, FLAP_DETENTS.length - 1)];
  }

  function keydown(ev) {
    const k = ev.key;
    switch (k) {
      case 'ArrowUp': case 'ArrowDown': case 'ArrowLeft': case 'ArrowRight':
        held.add(k);
        return true;
      case 'z': case 'Z': case 'x': case 'X':
        held.add(k.toLowerCase());
        return true;
      case 'b': case 'B':
        held.add('b');
        return true;
      case 'Home': case 'End':
        held.add(k);
        return true;
      case 'PageUp': case '+': case '=':
        c.throttle = clamp(c.throttle + THROTTLE_STEP, 0, 1);
        return true;
      case 'PageDown': case '-': case '_':
        c.throttle = clamp(c.throttle - THROTTLE_STEP, 0, 1);
        return true;
      case 'f': case 'F':
        if (!ev.repeat) flapStep(ev.shiftKey ? -1 : 1);
        return true;
      case 'g': case 'G':
        if (!ev.repeat) c.gear = c.gear ? 0 : 1;
        return true;
      case 'v': case 'V':
        if (!ev.repeat) c.speedbrake = c.speedbrake ? 0 : 1;
        return true;
      default:
        return false;
    }
  }

  function keyup(ev) {
    held.delete(ev.key.length === 1 ? ev.key.toLowerCase() : ev.key);
  }

  // Moves the keyboard stick toward where the held keys put it.
  function keyAxis(name, plus, minus, dt) {
    const target = (held.has(plus) ? 1 : 0) - (held.has(minus) ? 1 : 0);
    const v = key[name];
    const rate = target === 0 ? KEY_RETURN : KEY_RATE;
    key[name] = v < target ? Math.min(target, v + rate * dt) : Math.max(target, v - rate * dt);
  }

  // The controls after dt_s seconds, with the keyboard and the first
  // connected gamepad in `pads` (navigator.getGamepads()).
  function poll(dt, pads) {
    dt = clamp(Number.isFinite(dt) ? dt : 0, 0, 0.25);
    keyAxis('elevator', 'ArrowUp', 'ArrowDown', dt);
    keyAxis('aileron', 'ArrowRight', 'ArrowLeft', dt);
    keyAxis('rudder', 'z', 'x', dt);
    const pad = Array.from(pads || []).find((p) => p && p.connected);
    const g = { elevator: 0, aileron: 0, rudder: 0, throttle: 0 };
    let padBrake = 0, padTrim = 0;
    if (pad) {
      for (const name of Object.keys(g)) {
        const raw = pad.axes[settings.axes[name]] ?? 0;
        g[name] = shapeAxis(settings.invert[name] ? -raw : raw, settings.deadZone, settings.expo);
      }
      const pressed = (i) => !!pad.buttons[i]?.pressed;
      const edge = (i) => pressed(i) && !buttonsBefore[i];
      if (edge(4)) flapStep(-1);
      if (edge(5)) flapStep(1);
      if (edge(0)) c.gear = c.gear ? 0 : 1;
      if (edge(1)) c.speedbrake = c.speedbrake ? 0 : 1;
      padBrake = pad.buttons[6]?.value ?? 0;
      padTrim = (pressed(12) ? 1 : 0) - (pressed(13) ? 1 : 0);
      pad.buttons.forEach((b, i) => { buttonsBefore[i] = b.pressed; });
      c.throttle = clamp(c.throttle + g.throttle * THROTTLE_RATE * dt, 0, 1);
    }
    for (const name of ['elevator', 'aileron', 'rudder']) {
      c[name] = clamp(key[name] !== 0 ? key[name] : g[name], -1, 1);
    }
    c.brake = Math.max(held.has('b') ? 1 : 0, clamp(padBrake, 0, 1));
    const trim = (held.has('Home') ? 1 : 0) - (held.has('End') ? 1 : 0) || padTrim; /* > 0 nose down */
    c.pitch_trim = clamp(c.pitch_trim + trim * TRIM_RATE * dt, -1, 1);
    return { ...c };
  }

  // Puts the levers (throttle, flaps, gear, speed brake) and the trim
  // where the aircraft has them, so that taking control does not move
  // them (a lesson starts trimmed).
  function sync(controls) {
    for (const name of ['throttle', 'flaps', 'gear', 'speedbrake', 'pitch_trim']) {
      const v = controls?.[name];
      if (typeof v === 'number' && Number.isFinite(v)) c[name] = v;
    }
  }

  return { keydown, keyup, poll, sync, settings };
}
