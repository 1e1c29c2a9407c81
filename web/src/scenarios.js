// scenarios.js - the instructors' scenarios (docs/station-ui.md,
// "Scenarios"; /api/scenarios): the conditions set up for a sortie - the
// weather, the load, the malfunctions in force or armed, a position -
// saved under a name in the training records, and applied to the sortie
// flown, here or at any station on the same records.  A scenario is kept
// as the station commands that set it up, which the station checks when
// it is saved and applies in order.

import { getJson, postJson } from './api.js';
import { note } from './readouts.js';

const $ = (id) => document.getElementById(id);

// The state's weather as a `weather` command: every field the command
// takes (the ice on the airframe is the flight's, not the weather's).
function weatherCommand(w) {
  const msg = { type: 'weather' };
  for (const [k, v] of Object.entries(w ?? {})) if (k !== 'ice_pct' && typeof v === 'number') msg[k] = v;
  return msg;
}

// The commands that set up what is in force now (state s), in the order
// they are applied: the position (repositionMessage(), the Reposition
// form's choice), the load, the weather, then the malfunctions.  Returns
// {commands, aircraft}: the aircraft is named when the scenario holds
// something of the aircraft's own (a point mass, a malfunction).
export function scenarioFrom(s, { weather, load, malfunctions, position }, repositionMessage) {
  const commands = [];
  let own = false;
  if (position) commands.push(repositionMessage());
  if (load && s.load) {
    if (typeof s.load.fuel_pct === 'number') commands.push({ type: 'load', fuel_pct: s.load.fuel_pct });
    (s.load.masses ?? []).forEach((m, i) => {
      commands.push({ type: 'load', mass: i, mass_kg: m.kg });
      own = true;
    });
  }
  if (weather && s.weather) commands.push(weatherCommand(s.weather));
  if (malfunctions) {
    for (const name of s.malfunctions ?? []) commands.push({ type: 'malfunction', name, on: true });
    for (const a of s.malfunctions_armed ?? []) {
      // after-s: the delay as the instructor set it (armed_with), not the
      // seconds left of it (value): the scenario arms it again from its
      // start; the command takes 1 s at least
      const value = a.when === 'after-s' ? Math.max(1, Math.round(a.armed_with ?? a.value)) : a.value;
      commands.push({ type: 'malfunction', name: a.name, on: true, when: a.when, value });
    }
    own ||= (s.malfunctions ?? []).length + (s.malfunctions_armed ?? []).length > 0;
  }
  return { commands, aircraft: own ? s.aircraft ?? null : null };
}

// A scenario's commands in a few words: "final 4 nm; fuel 40 %, 3
// masses; wind 300° / 15 kt, gusts 10 kt; engine-failure (armed)".
export function scenarioSummary(commands) {
  const parts = [];
  const fuel = commands.find((c) => c.type === 'load' && c.fuel_pct !== undefined);
  const masses = commands.filter((c) => c.type === 'load' && c.mass !== undefined).length;
  for (const c of commands) {
    if (c.type === 'reposition') {
      parts.push(c.to === 'final' ? `final ${c.nm} nm` : c.to === 'airborne'
        ? `airborne at ${c.alt_ft} ft, heading ${c.heading_deg}°` : 'runway threshold');
    } else if (c.type === 'weather') {
      parts.push(`wind ${c.wind_from_deg ?? '-'}° / ${c.wind_kt ?? '-'} kt` +
        (c.gust_kt ? `, gusts ${c.gust_kt} kt` : '') + (c.temperature_c !== undefined ? `, ${c.temperature_c} °C` : ''));
    } else if (c.type === 'malfunction') {
      parts.push(c.when ? `${c.name} (armed)` : c.name);
    }
  }
  if (fuel || masses) {
    const load = [fuel ? `fuel ${fuel.fuel_pct} %` : '', masses ? `${masses} mass${masses > 1 ? 'es' : ''}` : '']
      .filter(Boolean).join(', ');
    parts.splice(commands[0]?.type === 'reposition' ? 1 : 0, 0, load);
  }
  return parts.join('; ');
}

// latest() the newest state; repositionMessage() the Reposition form's
// command.
export function createScenarios(latest, repositionMessage) {
  const select = $('scenario-select');
  const atStart = $('start-scenario');
  let list = [];
  let pending = null;  // {name, lesson, until}: to apply once that lesson runs

  function describe() {
    const sc = list.find((x) => x.name === select.value);
    $('scenario-what').textContent = sc
      ? `${sc.aircraft ? `For the ${sc.aircraft}` : 'Any aircraft'}: ${scenarioSummary(sc.commands ?? [])}` +
        ` (saved ${sc.saved_at}${sc.saved_by ? ` by ${sc.saved_by}` : ''})`
      : '';
    $('scenario-apply').disabled = $('scenario-delete').disabled = !sc;
  }

  async function refresh(choose) {
    const r = await getJson('/api/scenarios');
    if (r.status !== 200) {
      $('scenario-what').textContent = `scenarios: ${r.body?.error ?? `HTTP ${r.status}`}`;
      return;
    }
    list = r.body.scenarios ?? [];
    const keep = choose ?? select.value;
    select.replaceChildren(...list.map((sc) => {
      const o = document.createElement('option');
      o.value = sc.name;
      o.textContent = sc.aircraft ? `${sc.name} (${sc.aircraft})` : sc.name;
      return o;
    }));
    if (list.some((sc) => sc.name === keep)) select.value = keep;
    const keepAtStart = atStart.value;
    atStart.replaceChildren(new Option('— none —', ''), ...list.map((sc) => new Option(
      sc.aircraft ? `${sc.name} (${sc.aircraft})` : sc.name, sc.name)));
    if (list.some((sc) => sc.name === keepAtStart)) atStart.value = keepAtStart;
    describe();
  }

  async function apply(name) {
    const r = await postJson('/api/scenarios/apply', { name });
    if (r.status === 202) note(`scenario "${name}" applied: ${r.body.commands} settings`);
    else note(`scenario "${name}": ${r.body?.error ?? `HTTP ${r.status}`}`, 'error');
  }

  // A start with a scenario chosen beside it: the scenario goes in as soon
  // as the state says that lesson runs (the station applies it to the
  // sortie flown, which the start only replaces in its next frame).
  function starting(lesson) {
    pending = atStart.value ? { name: atStart.value, lesson, until: Date.now() + 20_000 } : null;
  }

  function update(s) {
    if (!pending) return;
    if (Date.now() > pending.until) {
      note(`scenario "${pending.name}": the sortie did not start, so it was not applied`, 'error');
      pending = null;
    } else if (s.status === 'running' && !s.replay && s.lesson?.id === pending.lesson) {
      const { name } = pending;
      pending = null;
      apply(name);
    }
  }

  select.addEventListener('change', describe);
  $('scenario-apply').addEventListener('click', () => apply(select.value));
  $('scenario-delete').addEventListener('click', async () => {
    const name = select.value;
    const r = await postJson('/api/scenarios/delete', { name });
    if (r.status === 200) note(`scenario "${name}" deleted`);
    else note(`scenario "${name}": ${r.body?.error ?? `HTTP ${r.status}`}`, 'error');
    await refresh();
  });
  $('scenario-save-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const s = latest();
    const name = $('scenario-name').value.trim();
    if (!s || !name) return;
    const what = {
      weather: $('scenario-weather').checked, load: $('scenario-load').checked,
      malfunctions: $('scenario-malf').checked, position: $('scenario-position').checked,
    };
    const { commands, aircraft } = scenarioFrom(s, what, repositionMessage);
    if (commands.length === 0) {
      note('scenario: choose something to keep in it', 'error');
      return;
    }
    const r = await postJson('/api/scenarios', { name, aircraft, commands });
    if (r.status === 200 || r.status === 201) {
      note(`scenario "${name}" ${r.body.replaced ? 'replaced' : 'saved'}: ${r.body.commands} settings`);
      await refresh(name);
    } else {
      note(`scenario "${name}": ${r.body?.error ?? `HTTP ${r.status}`}`, 'error');
    }
  });

  return { refresh, starting, update };
}
