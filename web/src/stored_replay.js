// stored_replay.js - a stored sortie's flight in the station's replay
// (POST /api/records/replay): "Replay" on a Records row loads its last ten
// minutes; a longer sortie's other parts are offered by where each of its
// exercises began and by its moments (a touch-down, a malfunction, the
// instructor's notes: "Part of the sortie"), each loading ten minutes from
// a little before it and replaying them from their beginning.  The choice
// is shown while no sortie is flown (a new one replaces it).

import { postJson } from './api.js';
import { note } from './readouts.js';

export const LEAD_IN_S = 10;       // a part begins this long before its exercise
export const REPLAY_MAX_S = 600;   // the replay message's longest window

const $ = (id) => document.getElementById(id);

// "m:ss" (or "h:mm:ss") of a sortie's time in seconds.
export function sortieClock(t) {
  const s = Math.max(0, Math.floor(t));
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

// How far back a `replay` message reaches, from a sortie at `now` s, to
// begin LEAD_IN_S before the moment `at`: at least 10 s (the message's
// least); null when that is beyond the REPLAY_MAX_S the station keeps.
export function secondsBackTo(now, at) {
  const seconds = Math.max(10, Math.ceil(now - at + LEAD_IN_S));
  return seconds > REPLAY_MAX_S ? null : seconds;
}

// send(message) sends to the station; replayChoice() the Replay panel's
// {seconds, speed}.
export function createStoredReplay(send, replayChoice) {
  let loaded = null;          // the last answer: {sortie, from_s, to_s, flight_from_s, flight_to_s, parts}
  const box = $('replay-stored');
  const what = $('replay-stored-what');
  const part = $('replay-part');

  function showChoice(a, from, label) {
    const longer = a.flight_to_s - a.flight_from_s > a.to_s - a.from_s + 0.5;
    what.textContent = `Sortie ${a.sortie}: flown ${sortieClock(a.flight_from_s)}–${sortieClock(a.flight_to_s)}, ` +
      `loaded ${sortieClock(a.from_s)}–${sortieClock(a.to_s)}` + (longer ? ' (part of it)' : '');
    part.replaceChildren();
    const last = document.createElement('option');
    last.value = '';
    last.textContent = 'The last ten minutes';
    part.appendChild(last);
    // where each exercise began, then the moments a debrief goes back to
    // (a touch-down, a malfunction, the instructor's notes, ...)
    for (const [heading, ofKind] of [['Exercises', (k) => k === 'exercise'], ['Moments', (k) => k !== 'exercise']]) {
      const group = document.createElement('optgroup');
      group.label = heading;
      for (const p of (a.parts ?? []).filter((x) => ofKind(x.kind))) {
        const o = document.createElement('option');
        o.value = String(p.t_s);
        o.textContent = `${sortieClock(p.t_s)} ${p.title}`;
        group.appendChild(o);
      }
      if (group.children.length > 0) part.appendChild(group);
    }
    if (from !== undefined && !(a.parts ?? []).some((p) => p.t_s === from)) {
      const o = document.createElement('option'); // a moment chosen elsewhere (a debrief's element)
      o.value = String(from);
      o.textContent = `${sortieClock(from)} ${label ?? ''}`;
      o.dataset.label = label ?? ''; // kept when it is chosen again
      part.appendChild(o);
    }
    part.value = from === undefined ? '' : String(from);
    part.disabled = !longer && (a.parts ?? []).length === 0;
    box.hidden = false;
  }

  // Loads sortie id's flight (from 10 s before `from` s of it, an
  // exercise's start or the moment `label` names, or its last minutes)
  // and replays it: from the window's start for a part, else as the panel
  // asks.
  async function load(id, from, label) {
    const body = { sortie: id };
    if (from !== undefined) body.from_s = Math.max(0, from - LEAD_IN_S);
    const r = await postJson('/api/records/replay', body);
    if (r.status !== 202) {
      note(`replay of sortie ${id}: ${r.body?.error ?? `HTTP ${r.status}`}`, 'error');
      return;
    }
    loaded = r.body;
    showChoice(loaded, from, label);
    const choice = replayChoice();
    const seconds = from === undefined ? choice.seconds
      : Math.min(REPLAY_MAX_S, Math.max(10, Math.ceil(loaded.to_s - loaded.from_s)));
    send({ type: 'replay', seconds, speed: choice.speed });
  }

  part.addEventListener('change', () => {
    if (loaded) {
      load(loaded.sortie, part.value === '' ? undefined : Number(part.value), part.selectedOptions[0]?.dataset.label);
    }
  });

  return {
    load,
    // Whether a stored sortie's flight is in the station's replay now.
    loaded: () => loaded !== null,
    // A sortie flown again replaces the stored one in the replay.
    update(state) {
      if (state && (state.status === 'running' || state.status === 'paused') && !box.hidden) {
        box.hidden = true;
        loaded = null;
      }
    },
  };
}
