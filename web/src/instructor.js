// instructor.js - the instructor's page: a login form, then the station:
// live instruments, map, exercise with its running grade, and the
// commands of docs/station-protocol.md (start / pause / resume / end,
// position freeze, reposition, weather, malfunctions, replay, a diversion
// on a lesson's route); the debrief
// when a sortie ends; the trainee's training records (records.js).
//
// States arrive at 30 Hz; the text readouts follow each one, the canvases
// are redrawn once per animation frame with the newest state.

import './style.css';
import { getJson, postJson } from './api.js';
import { itemMarkCell, showLiveItems } from './item_marks.js';
import { createEngine } from './engine.js';
import { createMap } from './map.js';
import { createReplayOverlays } from './overlays.js';
import { createApproachPlot } from './approach.js';
import { createPfd } from './pfd.js';
import { createReadouts, formatTime, note, showFrozen } from './readouts.js';
import { createRecords } from './records.js';
import { createStoredReplay, secondsBackTo, sortieClock } from './stored_replay.js';
import { createLiveElements } from './live_elements.js';
import { createScenarios } from './scenarios.js';
import { connect, socketUrl } from './ws.js';

const $ = (id) => document.getElementById(id);

const pfd = createPfd($('pfd'));
const readouts = createReadouts($('readouts'));
const engine = createEngine($('engine'));
const map = createMap($('map'), $('map-zoom-in'), $('map-zoom-out'));
const approach = createApproachPlot($('approach-panel'), $('approach-plot'), $('approach-line'));
const records = createRecords({ onChooseDue: chooseForSortie, onOpenSortie: openStoredSortie,
  onReplaySortie: replayStoredSortie });
const overlays = createReplayOverlays($('replay-panel'), $('replay-charts'));
const storedReplay = createStoredReplay((m) => send(m), () => ({
  seconds: Number($('replay-seconds').value), speed: Number($('replay-speed').value) }));
const scenarios = createScenarios(() => latest, () => repositionMessage());
const liveElements = createLiveElements($('elements'), { markRow, send: (m) => send(m), note,
  speed: () => Number($('replay-speed').value) });

let socket = null;
let latest = null;          // the newest state, null when disconnected
let ended = null;           // the sortie just ended: {t, lesson}, while the station keeps it
let fresh = false;          // a state not drawn yet
// The weather the form was last filled from: the form follows the state's
// weather whenever that changes (a new sortie starts in standard weather,
// another instructor sets it), except while the instructor is editing it:
// from the first change of a field until the form is sent, a state that
// arrives meanwhile (the last weather sent taking effect) must not undo
// the edit about to be sent.
let weatherShown = '';
// The sky's enumerations as the protocol numbers them (docs/station-protocol.md).
const CLOUD_COVER = ['clear', 'few', 'scattered', 'broken', 'overcast'];
const TIME_OF_DAY = ['dawn', 'morning', 'noon', 'afternoon', 'dusk', 'evening', 'midnight'];
let weatherEditing = false;
let loadMasses = '';        // the point masses the load form was built for
// The load the form was last filled from (fuel in whole per cent, each
// mass in whole kg): like the weather's, the form follows the load in
// force (a new sortie's, another instructor's, the fuel burning) except
// while the instructor is editing it, so that "Set load" sends what the
// instructor changed from what is on board, whatever an earlier sortie
// was given.
let loadShown = '';
let loadEditing = false;
let exerciseKey = '';
let routeLesson = '';       // the lesson whose route the map has (asked for)
let diversion = false;      // the route's lesson has a diversion to call
let lessonPicked = false;   // the instructor chose a lesson in the picker

// ================================================================ login

async function boot() {
  const s = await getJson('/api/session');
  if (s.status === 200) showStation(s.body);
  else showLogin();
}

function showLogin(message = '') {
  socket?.close();
  socket = null;
  latest = null;
  $('station').hidden = true;
  $('logout').hidden = true;
  $('who').textContent = '';
  $('login').hidden = false;
  records.clear();
  $('login-password').value = '';
  $('login-error').textContent = message;
  setConnection('offline');
  $('login-name').focus();
}

$('login-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const button = $('login-submit');
  button.disabled = true;
  $('login-error').textContent = '';
  const r = await postJson('/api/login', { name: $('login-name').value, password: $('login-password').value });
  button.disabled = false;
  if (r.status !== 200) {
    $('login-password').value = '';
    $('login-error').textContent = r.body?.error || `Login refused (HTTP ${r.status})`;
    return;
  }
  const s = await getJson('/api/session');
  if (s.status === 200) showStation(s.body);
  else $('login-error').textContent = s.body?.error || `No session after login (HTTP ${s.status})`;
});

$('logout').addEventListener('click', async () => {
  await postJson('/api/logout');
  showLogin('Logged out.');
});

// ============================================================== station

async function showStation(session) {
  $('login').hidden = true;
  $('station').hidden = false;
  $('logout').hidden = false;
  $('who').textContent = session?.instructor?.name ?? '';
  const link = $('cockpit-link');
  if (session?.cockpit_url) {
    link.href = session.cockpit_url;
    link.textContent = new URL(session.cockpit_url, location.href).href;
  } else {
    link.removeAttribute('href');
    link.textContent = 'not available';
  }
  const [lessons, trainees, airports] = await Promise.all([
    getJson('/api/lessons'), getJson('/api/trainees'), getJson('/api/airports'),
  ]);
  fillLessons(lessons.status === 200 ? lessons.body : []);
  fillTrainees(trainees.status === 200 ? trainees.body : []);
  map.setAirports(airports.status === 200 ? airports.body : []);
  fillRunways(airports.status === 200 ? airports.body : []);
  scenarios.refresh();
  openSocket();
}

function fillLessons(list) {
  const sel = $('lesson-select');
  const before = sel.value;
  sel.textContent = '';
  const groups = new Map();
  for (const l of Array.isArray(list) ? list : []) {
    const g = l.aircraft ?? '';
    if (!groups.has(g)) {
      const og = document.createElement('optgroup');
      og.label = g;
      groups.set(g, og);
      sel.appendChild(og);
    }
    groups.get(g).appendChild(new Option(l.title ? `${l.title} (${l.id})` : l.id, l.id));
  }
  if (before) sel.value = before;
  updateBriefingLink();
}

// The reposition's runways: the sortie's, or any of the airports file's
// (value "ICAO/ident").
function fillRunways(list) {
  const sel = $('repo-runway');
  for (const a of Array.isArray(list) ? list : []) {
    if (typeof a?.icao !== 'string') continue;
    for (const r of Array.isArray(a.runways) ? a.runways : []) {
      if (typeof r?.ident === 'string') sel.appendChild(new Option(`${a.icao} ${r.ident}`, `${a.icao}/${r.ident}`));
    }
  }
}

function fillTrainees(list) {
  const sel = $('trainee-select');
  const before = sel.value;
  sel.textContent = '';
  sel.appendChild(new Option('— none —', ''));
  for (const t of Array.isArray(list) ? list : []) {
    const extra = [t.service_number, t.course].filter(Boolean).join(', ');
    const o = new Option(extra ? `${t.name} (${extra})` : t.name, String(t.id));
    if (t.service_number) o.dataset.serviceNumber = t.service_number;
    sel.appendChild(o);
  }
  sel.value = before;
  records.setTrainees(list);
  records.follow(selectedTrainee());
}

// The Records panel's "Choose for the sortie": that trainee and their
// next lesson due in the sortie's pickers, ready to start.
function chooseForSortie(serviceNumber, lessonId) {
  const trainees = $('trainee-select');
  const t = [...trainees.options].find((o) => o.dataset.serviceNumber === serviceNumber);
  const lessons = $('lesson-select');
  if (!t || ![...lessons.options].some((o) => o.value === lessonId)) {
    note(`${lessonId} for ${serviceNumber} cannot be chosen here`, 'error');
    return;
  }
  trainees.value = t.value;
  lessons.value = lessonId;
  lessonPicked = true;
  updateBriefingLink();
  note(`next sortie: ${lessons.selectedOptions[0]?.textContent ?? lessonId} for ${t.textContent}`, 'info');
}

// The service number of the trainee chosen for the sortie, '' for none.
function selectedTrainee() {
  const sel = $('trainee-select');
  return sel.selectedOptions[0]?.dataset.serviceNumber ?? '';
}

function openSocket() {
  socket?.close();
  socket = connect(socketUrl({ role: 'instructor' }), {
    onopen: () => setConnection('connected'),
    onclose: async () => {
      latest = null;
      fresh = true;
      routeLesson = '';     // asked for again once connected
      setConnection('reconnecting');
      updateControls(null);
      // A refused upgrade looks like any dropped connection: ask whether
      // the session is still alive.
      const s = await getJson('/api/session');
      if (s.status === 401) showLogin('Your session has ended; please log in again.');
    },
    hello: (m) => setConnection(`connected (${m.role})`),
    state: onState,
    track: (m) => map.setTrack(m.points),
    replay_trace: (m) => { overlays.setTrace(m); overlays.update(latest); },
    debrief: showDebrief,
    error: (m) => { if (!Number.isInteger(m.ref)) note(m.message, 'error'); },
    notice: (m) => note(m.message),
    onreply: (req, reply) => {
      if (reply.type === 'error') note(`${req?.type ?? 'command'}: ${reply.message}`, 'error');
    },
  });
}

function setConnection(text) {
  const el = $('conn');
  el.textContent = text;
  el.classList.toggle('ok', text.startsWith('connected'));
}

function send(msg) {
  if (!socket || !socket.send(msg)) note(`${msg.type}: not connected`, 'error');
}

// ================================================================ state

function onState(s) {
  latest = s;
  fresh = true;
  if (s.status === 'ended' && !s.replay && !storedReplay.loaded()) ended = { t: s.t, lesson: s.lesson?.id };
  else if (s.status === 'running' || (s.status === 'paused' && !s.replay)) ended = null;
  // an ended sortie's grade, debrief and records come a moment after it ends
  $('status').textContent = (s.status ?? '—') + (s.status === 'ended' && s.finishing > 0 ? ' (debriefing…)' : '');
  const time = $('time');
  time.textContent = formatTime(s.t);
  time.dataset.value = String(s.t);
  showFrozen($('frozen'), s);
  $('replay-badge').hidden = !s.replay;
  overlays.update(s);
  readouts(s);
  engine(s.engine);
  map.update(s);
  approach.update(s);
  showPosition(s.position);
  updateControls(s);
  updateExercise(s);
  scenarios.update(s);
  const l = s.loop;
  $('loop').textContent = l
    ? `${fmt(l.rate_hz, 0)} Hz (${l.rt_priority ? `real-time priority ${l.rt_priority}` : 'ordinary priority'}), ` +
      `${l.frames} frames, ${l.overruns} overruns, ${l.dropped} dropped` +
      (typeof l.worst_late_ms === 'number' ? `, worst ${l.worst_late_ms.toFixed(1)} ms late` : '') +
      (l.breaks ? `, ${l.breaks} sortie changes (${fmt(l.break_ms, 0)} ms)` : '') +
      `, ${l.clients} clients`
    : '—';
  // FlightGear's outside view: the state stream (UDP, nothing comes back)
  // and the sky's link to its property server
  const fg = s.flightgear;
  $('flightgear').textContent = !fg ? '—'
    : !fg.stream ? 'FlightGear: off (saqr serve --fg)'
    : `FlightGear: ${fg.packets} packets sent; sky ` +
      (fg.sky === 'off' ? 'not sent (--fg-props)' : `${fg.sky}, ${fg.skies} sent`);
  showLoad(s.load);
  const w = s.weather;
  if (w) {
    $('wx-current').textContent =
      `Now: wind ${fmt(w.wind_from_deg, 0)}° / ${fmt(w.wind_kt, 0)} kt, gusts ${fmt(w.gust_kt, 0)} kt, ` +
      `turbulence ${fmt(w.turbulence, 0)}, ${fmt(w.temperature_c, 0)} °C, QNH ${fmt(w.qnh_hpa, 1)} hPa, ` +
      `icing ${['none', 'light', 'moderate', 'severe'][w.icing] ?? '—'}` +
      (typeof w.ice_pct === 'number' ? ` (ice ${fmt(w.ice_pct, 0)} %)` : ' (no icing model)') +
      `, ${w.rain ? 'rain, runway wet' : 'no rain'}` +
      `; visibility ${fmt(w.visibility_m, 0)} m, ` +
      (w.cloud_cover ? `${CLOUD_COVER[w.cloud_cover] ?? '—'} at ${fmt(w.cloud_base_ft, 0)} ft` : 'clear') +
      `, ${TIME_OF_DAY[w.time_of_day] ?? '—'}`;
    const { ice_pct: _ice, ...set } = w; // the ice grows by itself: not a change of the weather set
    const key = JSON.stringify(set);
    if (key !== weatherShown && !weatherEditing) {
      weatherShown = key;
      for (const el of $('weather-form').querySelectorAll('[data-field]')) {
        const v = w[el.dataset.field];
        if (typeof v === 'number') el.value = String(Math.round(v * 10) / 10);
      }
    }
  }
}

// The load panel: what is on board now, and a form built once per set of
// point masses (a new aircraft), starting from the values in force.
function showLoad(l) {
  if (!l) return;
  $('load-current').textContent =
    `Now: ${fmt(l.weight_kg, 0)} kg, CG ${fmt(l.cg_x_in, 1)} in, fuel ${fmt(l.fuel_pct, 0)} % ` +
    `(${fmt(l.fuel_kg, 0)} kg)` + (l.masses || []).map((m) => `, ${m.name || 'mass'} ${fmt(m.kg, 0)} kg`).join('');
  const names = JSON.stringify((l.masses || []).map((m) => m.name));
  if (names !== loadMasses) {
    loadMasses = names;
    loadShown = '';
    const box = $('load-masses');
    box.replaceChildren();
    (l.masses || []).forEach((m, i) => {
      const label = document.createElement('label');
      label.textContent = `${m.name || `Mass ${i}`} `;
      const input = document.createElement('input');
      Object.assign(input, { type: 'number', min: '0', max: '500', step: 'any', id: `load-mass-${i}` });
      input.dataset.mass = String(i);
      label.append(input, ' kg');
      box.append(label);
    });
  }
  const whole = (x) => (typeof x === 'number' ? String(Math.round(x)) : '');
  const inForce = [whole(l.fuel_pct), ...(l.masses || []).map((m) => whole(m.kg))];
  const key = JSON.stringify(inForce);
  if (key === loadShown || loadEditing) return;
  loadShown = key;
  const fields = [$('load-fuel'), ...$('load-masses').querySelectorAll('input[data-mass]')];
  fields.forEach((el, i) => {
    el.value = inForce[i] ?? '';
    el.dataset.was = el.value;
  });
}

// The aircraft's position as text, with the exact values in data-lat/-lon.
function showPosition(p) {
  const el = $('position');
  if (!p || !Number.isFinite(p.lat_deg) || !Number.isFinite(p.lon_deg)) {
    el.textContent = '—';
    return;
  }
  const ns = p.lat_deg >= 0 ? 'N' : 'S';
  const ew = p.lon_deg >= 0 ? 'E' : 'W';
  el.textContent = `${Math.abs(p.lat_deg).toFixed(4)}° ${ns}  ${Math.abs(p.lon_deg).toFixed(4)}° ${ew}  ${fmt(p.alt_ft, 0)} ft`;
  el.dataset.lat = String(p.lat_deg);
  el.dataset.lon = String(p.lon_deg);
}

const fmt = (v, d) => (typeof v === 'number' && Number.isFinite(v) ? v.toFixed(d) : '—');

// Enables the buttons that make sense in this state; null: disconnected.
function updateControls(s) {
  const st = s?.status;
  const live = !!s;
  $('start').disabled = !live || st === 'running' || st === 'paused';
  $('pause').disabled = !live || st !== 'running' || s.replay;
  $('resume').disabled = !live || st !== 'paused' || s.replay;
  $('end').disabled = !live || (st !== 'running' && st !== 'paused');
  const fp = $('freeze-position');
  fp.disabled = !live;
  fp.setAttribute('aria-pressed', String(!!s?.frozen?.position));
  const ff = $('freeze-fuel');
  ff.disabled = !live;
  ff.setAttribute('aria-pressed', String(!!s?.frozen?.fuel));
  // "I have control" / "You have control": only a trainee's sortie has
  // control to take (the server refuses it otherwise)
  const tc = $('take-control');
  const taken = !!s?.hands?.taken;
  tc.disabled = !live || s.pilot !== 'trainee' || (st !== 'running' && st !== 'paused');
  tc.setAttribute('aria-pressed', String(taken));
  tc.textContent = taken ? 'You have control' : 'I have control';
  // taken, the box shows how; otherwise it is the choice for the next take
  const cockpitBox = $('take-control-cockpit');
  cockpitBox.disabled = tc.disabled || taken;
  if (taken) cockpitBox.checked = !!s?.hands?.cockpit;
  const active = new Set(Array.isArray(s?.malfunctions) ? s.malfunctions : []);
  const armed = new Map((Array.isArray(s?.malfunctions_armed) ? s.malfunctions_armed : []).map((a) => [a.name, a]));
  for (const b of document.querySelectorAll('[data-malf]')) {
    b.disabled = !live;
    b.setAttribute('aria-pressed', String(active.has(b.dataset.malf)));
    const a = armed.get(b.dataset.malf);
    b.classList.toggle('armed', !!a);
    if (a) b.dataset.armed = a.when; else delete b.dataset.armed;
  }
  showArmed([...armed.values()]);
  for (const id of ['repo-submit', 'wx-submit', 'replay-start', 'note-add']) $(id).disabled = !live;
  // the diversion: while the sortie's lesson may still have it called
  $('divert').disabled = !live || !diversion || !s.exercise?.divert_open || !!s.replay;
  // the instructor's snapshots: taken in a sortie, the chosen slot's
  // recalled once it holds one; the line lists every slot taken
  const inSortie = live && (st === 'running' || st === 'paused');
  const snaps = Array.isArray(s?.snapshots) ? s.snapshots.filter((x) => typeof x?.t === 'number') : [];
  const slot = Number($('snapshot-slot').value);
  const snapT = snaps.find((x) => x.slot === slot)?.t;
  // a formation's lead: the instructor may take the formation up again
  $('rejoin-box').hidden = !s?.lead;
  $('rejoin').disabled = !inSortie || !s?.lead || !!s.replay;
  $('snapshot-take').disabled = !inSortie;
  $('snapshot-recall').disabled = !inSortie || typeof snapT !== 'number';
  $('snapshot-state').textContent = snaps.length
    ? snaps.map((x) => `${x.slot} at ${formatTime(x.t)}`).join(', ')
    : 'no snapshot';
  $('snapshot-state').dataset.t = typeof snapT === 'number' ? String(snapT) : '';
  // rewind: as far back as the sortie's copies go (a copy every second)
  const back = s?.rewind?.available_s;
  const canRewind = inSortie && typeof back === 'number' && back >= 1;
  $('rewind-go').disabled = !canRewind;
  $('rewind-state').textContent = canRewind ? `up to ${Math.floor(back)} s back` : 'nothing to rewind to';
  $('rewind-state').dataset.available = typeof back === 'number' ? String(back) : '';
  $('replay-stop').disabled = !live || !s.replay;
  storedReplay.update(s);
}

// The map's route: the sortie's lesson's, asked for once per lesson (a
// lesson without one has none; an answer for a lesson no longer flown is
// dropped).
function updateRoute(s) {
  const id = typeof s.lesson?.id === 'string' ? s.lesson.id : '';
  if (id === routeLesson) return;
  routeLesson = id;
  map.setRoute([]);
  showDiversion(null);
  if (!id) return;
  getJson(`/api/lessons/route?lesson=${encodeURIComponent(id)}`).then((r) => {
    if (routeLesson !== id || r.status !== 200) return;
    map.setRoute(r.body?.route);
    showDiversion(r.body);
  });
}

// The diversion's picker, for a lesson whose route has one: every
// checkpoint of the route, the lesson's own destination chosen first;
// hidden otherwise.
function showDiversion(route) {
  const entry = (Array.isArray(route?.route) ? route.route : []).find((l) => l?.diversion === true);
  const points = (Array.isArray(route?.checkpoints) ? route.checkpoints : [])
    .filter((c) => typeof c?.id === 'string' && c.id);
  diversion = !!entry && points.length > 0;
  $('divert-box').hidden = !diversion;
  const sel = $('divert-to');
  sel.textContent = '';
  if (!diversion) return;
  for (const c of points) sel.appendChild(new Option(typeof c.name === 'string' && c.name ? c.name : c.id, c.id));
  if (points.some((c) => c.id === entry.to?.id)) sel.value = entry.to.id;
  updateControls(latest);
}

const ok = (v) => typeof v === 'number' && Number.isFinite(v);

// |v| with its unit and the side it is on ('' when v is not a number).
const signed = (v, digits, unit, plus, minus) =>
  (ok(v) ? `${Math.abs(v).toFixed(digits)}${unit} ${v >= 0 ? plus : minus}` : '');

// The leg flown, one line: "Leg to Charsadda, course 288°: 0.3 nm right of
// course, 4.2 nm to go, 0.2 min late, heading 3° right of plan" (a
// diversion's: "Diversion to Peshawar (the airfield), course 231°: ...");
// '' for none.
function legText(leg) {
  if (!leg || typeof leg !== 'object') return '';
  const xtk = signed(leg.xtk_nm, 1, ' nm', 'right', 'left');
  const hdg = signed(leg.hdg_error_deg, 0, '°', 'right', 'left');
  const parts = [
    xtk && `${xtk} of course`,
    ok(leg.to_go_nm) && `${leg.to_go_nm.toFixed(1)} nm to go`,
    signed(leg.eta_error_min, 1, ' min', 'late', 'early'),
    hdg && `heading ${hdg} of plan`,
  ].filter(Boolean);
  const course = ok(leg.course_deg) ? `, course ${String(Math.round(leg.course_deg) % 360).padStart(3, '0')}°` : '';
  const what = leg.diversion === true ? 'Diversion' : 'Leg';
  return `${what} to ${String(leg.to ?? '?')}${course}: ${parts.join(', ') || '—'}`;
}

// A ground reference manoeuvre's line: "Circle of 0.25 nm: 0.27 nm from
// the point, 1.4 turns left"; '' for none.
function circleText(c) {
  if (!c || typeof c !== 'object' || !ok(c.radius_nm)) return '';
  const parts = [
    ok(c.point_nm) && `${c.point_nm.toFixed(2)} nm from the point`,
    ok(c.around_deg) && `${(Math.abs(c.around_deg) / 360).toFixed(1)} turns ${c.around_deg >= 0 ? 'right' : 'left'}`,
  ].filter(Boolean);
  return `Circle of ${c.radius_nm.toFixed(2)} nm: ${parts.join(', ') || '—'}`;
}

// The leg's (or the circle's) line under the exercise, with its values in
// data- attributes.
function showLeg(leg, circle) {
  const el = $('exercise-leg');
  el.textContent = legText(leg) || circleText(circle);
  el.dataset.pointNm = ok(circle?.point_nm) ? String(circle.point_nm) : '';
  el.hidden = !el.textContent;
  el.dataset.toGo = ok(leg?.to_go_nm) ? String(leg.to_go_nm) : '';
  el.dataset.xtk = ok(leg?.xtk_nm) ? String(leg.xtk_nm) : '';
  el.dataset.diversion = String(leg?.diversion === true);
}

// The lesson, the current exercise and its running marks; the table is
// rebuilt only when something in it changed (not with the leg's values,
// which change with every state).
function updateExercise(s) {
  const sel = $('lesson-select');
  if (!lessonPicked && s.lesson?.id && sel.value !== s.lesson.id) sel.value = s.lesson.id;
  updateBriefingLink();
  updateRoute(s);
  const ex = s.exercise && typeof s.exercise === 'object' ? s.exercise : null;
  showLeg(ex?.leg, ex?.circle);
  // the elements keep their own rows (their worst moments move with every state)
  liveElements.update(s, ex?.elements);
  const key = JSON.stringify([s.lesson?.id, s.trainee?.name, s.pilot,
    ex && { ...ex, leg: undefined, circle: undefined, elements: undefined }, s.hands, s.items]);
  if (key === exerciseKey) return;
  exerciseKey = key;
  if (s.trainee?.service_number) records.follow(s.trainee.service_number);
  $('lesson-title').textContent = s.lesson
    ? `${s.lesson.title ?? s.lesson.id} — ${s.trainee?.name ?? 'no trainee'}, flown by ${s.pilot ?? '?'}` +
      // the automatic pilot's sortie shows the lesson; it never passes it
      (s.trainee && s.pilot && s.pilot !== 'trainee' ? ' (a demonstration)' : '')
    : 'No lesson';
  $('exercise-title').textContent = ex
    ? `${ex.index + 1}. ${ex.title ?? ex.id} (${ex.running ? 'running' : 'waiting for entry'}` +
      `${s.pilot !== 'trainee' ? '' : s.hands?.taken ? '; the instructor took control'
        : ex.instructor || s.hands?.instructor ? '; the instructor has control' : ''})`
    : '';
  // a demonstration by the automatic pilot has nothing of a trainee's to mark
  showLiveItems($('live-items'), s.pilot === 'trainee' ? s.items : [], ex?.index, send);
}

function markRow(cells, mark, deductions) {
  const tr = document.createElement('tr');
  for (const c of cells) {
    const td = document.createElement('td');
    td.textContent = c ?? '';
    tr.appendChild(td);
  }
  const td = document.createElement('td');
  td.textContent = mark ?? '';
  td.className = `mark ${markClass(mark)}`;
  tr.appendChild(td);
  if (deductions) {
    const dd = document.createElement('td');
    const ul = document.createElement('ul');
    for (const d of deductions) {
      const li = document.createElement('li');
      li.textContent = d;
      ul.appendChild(li);
    }
    dd.appendChild(ul);
    tr.appendChild(dd);
  }
  return tr;
}

const markClass = (m) => String(m ?? '').toLowerCase().replace(/[^a-z]+/g, '-');

// The sortie's grading after the instructor changed it (a grade or an
// item's mark): {result, summary, regraded, auto_result}.
function showGrading(g) {
  $('debrief-result').textContent = g.result;
  $('debrief-result').className = `mark ${markClass(g.result)}`;
  if (g.summary) $('debrief-summary').textContent = g.summary;
  if (!g.regraded) $('grade-result').value = g.result;
  records.refresh();
}

// A sortie from the Records panel opened in the debrief panel, as one
// just ended: its comment, grade and items to mark (GET /api/records/sortie).
async function openStoredSortie(id) {
  const r = await getJson(`/api/records/sortie?sortie=${encodeURIComponent(id)}`);
  if (r.status === 200 && r.body?.type === 'debrief') showDebrief(r.body);
  else note(`sortie ${id}: ${r.body?.error ?? `HTTP ${r.status}`}`, 'error');
}

// A stored sortie's flight loaded into the station's replay, its last
// minutes played from the Replay panel's choices (stored_replay.js).
async function replayStoredSortie(id) {
  await storedReplay.load(id);
  $('replay-seconds').scrollIntoView({ block: 'nearest' });
}

// A debrief row's "Replay" button (in its cell) for the moment `at` of
// the sortie, calling onClick(button).
function replayButtonCell(at, onClick) {
  const td = document.createElement('td');
  const b = document.createElement('button');
  b.type = 'button';
  b.className = 'replay-element small';
  b.textContent = 'Replay';
  b.dataset.t = String(at);
  b.addEventListener('click', () => onClick(b));
  td.appendChild(b);
  return td;
}

// The stored sortie's flight from 10 s before the element's worst moment
// `at` (its start when it has none), `what` the element.
function replayCell(sortieId, at, what) {
  const td = replayButtonCell(at, async () => {
    await storedReplay.load(sortieId, at, what);
    $('replay-seconds').scrollIntoView({ block: 'nearest' });
  });
  td.firstChild.title = `Replay the sortie from 10 s before ${what.replace(/^.*: /, '')} (${sortieClock(at)} into the sortie)`;
  return td;
}

// The same for a sortie not stored (no trainee): the ended sortie's last
// ten minutes, which the station keeps until the next sortie starts (or a
// stored one is loaded), from 10 s before `at`, worked out when pressed
// from where the sortie ended (`ended`, followed from the state: a
// debrief can come before the state that says the sortie has ended).
function replayEndedCell(at, lesson, what) {
  const td = replayButtonCell(at, (b) => {
    if (ended?.lesson !== lesson || storedReplay.loaded()) {
      note('replay: that sortie is no longer the one the station keeps', 'error');
      return;
    }
    const seconds = secondsBackTo(ended.t, at);
    if (seconds === null) {
      note('replay: that moment is older than the ten minutes the station keeps of a sortie not stored', 'error');
      return;
    }
    b.dataset.seconds = String(seconds);
    send({ type: 'replay', seconds, speed: Number($('replay-speed').value) });
    $('replay-seconds').scrollIntoView({ block: 'nearest' });
  });
  td.firstChild.title = `Replay the sortie's last minutes from 10 s before ${what.replace(/^.*: /, '')}`;
  return td;
}

function showDebrief(m) {
  $('debrief').hidden = false;
  if (Number.isInteger(m.sortie_id)) $('debrief').dataset.sortieId = String(m.sortie_id);
  else delete $('debrief').dataset.sortieId;
  const r = $('debrief-result');
  r.textContent = m.result ?? '?';
  r.className = `mark ${markClass(m.result)}`;
  $('debrief-lesson').textContent = m.title ? `${m.title} (${m.lesson})` : m.lesson ?? '';
  $('debrief-summary').textContent = m.summary ?? '';
  const body = $('debrief-elements').tBodies[0];
  body.textContent = '';
  // the items the instructor marks, once the trainee's sortie is stored
  const markable = Number.isInteger(m.sortie_id) && m.demonstration !== true;
  let itemsHeading = false;
  for (const e of m.elements ?? []) {
    if (e.by_instructor && !itemsHeading) { // they come after the flying's elements
      itemsHeading = true;
      const tr = document.createElement('tr');
      const th = document.createElement('th');
      th.colSpan = 3;
      th.className = 'items-heading';
      th.textContent = "The instructor's marks: what the simulator cannot observe";
      tr.appendChild(th);
      body.appendChild(tr);
    }
    if (e.by_instructor && markable) {
      const tr = markRow([e.exercise, e.title ?? e.id]);
      tr.lastChild.replaceWith(itemMarkCell(m.sortie_id, e, showGrading));
      tr.classList.add('item');
      body.appendChild(tr);
    } else {
      const tr = markRow([e.exercise, e.title ?? e.id],
        e.by_instructor && e.mark === 'Not observed' ? 'For the instructor' : e.mark, e.deductions ?? []);
      const worst = Number.isFinite(e.worst_t_s);
      const at = worst ? e.worst_t_s : e.t_start_s;
      const what = `${e.title ?? e.id}: ${worst ? 'its worst moment' : 'its start'}`;
      if (Number.isInteger(m.sortie_id) && Number.isFinite(at)) tr.appendChild(replayCell(m.sortie_id, at, what));
      else if (Number.isFinite(at)) tr.appendChild(replayEndedCell(at, m.lesson, what));
      body.appendChild(tr);
    }
  }
  $('debrief-link').href = m.url || '/api/debrief/latest';
  // a stored sortie takes the instructor's comment
  $('comment-form').hidden = !Number.isInteger(m.sortie_id);
  if (String(m.sortie_id) !== $('comment-form').dataset.sortieId) {
    // a sortie read back from the records brings its comment
    $('comment-text').value = typeof m.comment === 'string' ? m.comment : '';
    $('comment-state').textContent = '';
  }
  $('comment-form').dataset.sortieId = String(m.sortie_id);
  // and the instructor's grade, for a sortie the trainee flew
  const grade = $('grade-form');
  grade.hidden = !Number.isInteger(m.sortie_id) || m.demonstration === true;
  if (String(m.sortie_id) !== grade.dataset.sortieId) {
    $('grade-result').value = m.result;
    $('grade-reason').value = m.instructor_grade?.reason ?? '';
    $('grade-state').textContent = m.instructor_grade ? `set (graded ${m.instructor_grade.auto_result})` : '';
  }
  grade.dataset.sortieId = String(m.sortie_id);
  $('debrief').scrollIntoView({ block: 'nearest' });
  records.refresh();      // the sortie just ended is in the records now
}


// ============================================================= commands

// The "Briefing" link beside the lesson picker follows the lesson in it
// (the picker is also set by the running sortie and by "Choose for the
// sortie", which fire no change event: hence the check on each state).
function updateBriefingLink() {
  const lesson = $('lesson-select').value;
  const link = $('lesson-briefing');
  const href = lesson ? `/api/lessons/briefing?lesson=${encodeURIComponent(lesson)}` : '';
  if (link.getAttribute('href') === href) return;
  if (href) link.setAttribute('href', href);
  else link.removeAttribute('href');
  link.hidden = !href;
}

$('lesson-select').addEventListener('change', () => { lessonPicked = true; updateBriefingLink(); });
$('trainee-select').addEventListener('change', () => records.follow(selectedTrainee()));
$('start').addEventListener('click', () => {
  const lesson = $('lesson-select').value;
  if (!lesson) {
    note('choose a lesson first', 'error');
    return;
  }
  const trainee = $('trainee-select').value;
  $('debrief').hidden = true;
  scenarios.starting(lesson);
  send({ type: 'start', lesson, trainee: trainee ? Number(trainee) : null, pilot: $('pilot-select').value });
});
$('end').addEventListener('click', () => send({ type: 'end' }));
$('grade-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const sortie = Number($('grade-form').dataset.sortieId);
  const result = $('grade-result').value;
  const reason = $('grade-reason').value.trim();
  if (!reason) {
    $('grade-state').textContent = 'give the reason';
    return;
  }
  $('grade-save').disabled = true;
  $('grade-state').textContent = 'saving…';
  const r = await postJson('/api/records/grade', { sortie, result, reason });
  $('grade-save').disabled = false;
  if (r.status === 200) {
    showGrading(r.body);
    $('grade-state').textContent = r.body.regraded ? `set (graded ${r.body.auto_result})` : 'as graded';
  } else {
    $('grade-state').textContent = `not stored: ${r.body?.error ?? r.status}`;
  }
  $('grade-state').dataset.state = r.status === 200 ? 'saved' : 'error';
});
$('comment-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const sortie = Number($('comment-form').dataset.sortieId);
  if (!Number.isInteger(sortie)) return;
  // 255 bytes of UTF-8 at most, as the records keep
  const comment = $('comment-text').value.replace(/\r\n?/g, '\n');
  if (new TextEncoder().encode(comment).length > 255) {
    $('comment-state').textContent = 'too long: at most 255 bytes';
    return;
  }
  $('comment-save').disabled = true;
  $('comment-state').textContent = 'saving…';
  const r = await postJson('/api/records/comment', { sortie, comment });
  $('comment-save').disabled = false;
  $('comment-state').textContent = r.status === 200 ? (comment ? 'saved' : 'cleared')
    : `not saved: ${r.body?.error ?? `HTTP ${r.status}`}`;
  $('comment-state').dataset.state = r.status === 200 ? 'saved' : 'error';
  if (r.status === 200) records.refresh();
});
$('pause').addEventListener('click', () => send({ type: 'pause' }));
$('resume').addEventListener('click', () => send({ type: 'resume' }));
$('freeze-position').addEventListener('click', () => {
  send({ type: 'freeze', on: !latest?.frozen?.position });
});
$('freeze-fuel').addEventListener('click', () => {
  send({ type: 'fuel-freeze', on: !latest?.frozen?.fuel });
});
$('snapshot-take').addEventListener('click', () => send({ type: 'snapshot', slot: Number($('snapshot-slot').value) }));
$('rejoin').addEventListener('click', () => send({ type: 'rejoin' }));
$('snapshot-recall').addEventListener('click', () => send({ type: 'recall', slot: Number($('snapshot-slot').value) }));
$('take-control').addEventListener('click', () => {
  const take = !latest?.hands?.taken;
  send(take ? { type: 'control', instructor: true, cockpit: $('take-control-cockpit').checked }
    : { type: 'control', instructor: false });
});
// A malfunction's button: in force or armed, a click clears it; else it
// goes in now, or is armed to come with the trigger chosen under the
// buttons (malfunctions_armed in the state).
for (const b of document.querySelectorAll('[data-malf]')) {
  b.addEventListener('click', () => {
    const on = b.getAttribute('aria-pressed') !== 'true' && !b.dataset.armed;
    const when = $('malf-when').value;
    if (on && when) send({ type: 'malfunction', name: b.dataset.malf, on, when, value: Number($('malf-when-value').value) });
    else send({ type: 'malfunction', name: b.dataset.malf, on });
  });
}
$('malf-when').addEventListener('change', () => {
  const when = $('malf-when').value;
  $('malf-when-value').disabled = !when;
  $('malf-when-value').value = { 'after-s': 60, 'agl-above-ft': 400, 'agl-below-ft': 300, 'ias-above-kt': 80 }[when] ?? '';
});

const TRIGGER_SAYS = {
  'after-s': (v) => `in ${Math.ceil(v)} s`,
  'agl-above-ft': (v) => `climbing through ${v} ft AGL`,
  'agl-below-ft': (v) => `descending through ${v} ft AGL`,
  'ias-above-kt': (v) => `accelerating through ${v} kt`,
};

// The armed malfunctions in words, under the buttons (#malf-armed).
function showArmed(list) {
  const el = $('malf-armed');
  el.hidden = list.length === 0;
  el.textContent = list.length
    ? `Armed: ${list.map((a) => `${a.name} ${(TRIGGER_SAYS[a.when] ?? (() => a.when))(a.value)}`).join('; ')}`
    : '';
}

function showRepositionFields() {
  const to = $('repo-to').value;
  for (const el of document.querySelectorAll('[data-repo]')) el.hidden = el.dataset.repo !== to;
  $('repo-runway-label').hidden = to === 'airborne'; /* airborne: over where it is */
}
$('repo-to').addEventListener('change', showRepositionFields);
showRepositionFields();

// The Reposition form's command (also a scenario's position).
function repositionMessage() {
  const to = $('repo-to').value;
  const msg = { type: 'reposition', to };
  if (to === 'final') msg.nm = Number($('repo-nm').value);
  const [icao, ident] = $('repo-runway').value.split('/');
  if (to !== 'airborne' && icao && ident) Object.assign(msg, { airport: icao, runway: ident });
  if (to === 'airborne') {
    msg.alt_ft = Number($('repo-alt').value);
    msg.heading_deg = Number($('repo-hdg').value);
    if ($('repo-ias').value !== '') msg.ias_kt = Number($('repo-ias').value);
  }
  return msg;
}
$('reposition-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  send(repositionMessage());
});

for (const kind of ['input', 'change']) {
  $('weather-form').addEventListener(kind, () => { weatherEditing = true; });
}
$('weather-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  weatherEditing = false;
  const msg = { type: 'weather' };
  for (const el of $('weather-form').querySelectorAll('[data-field]')) {
    if (el.value !== '') msg[el.dataset.field] = Number(el.value);
  }
  send(msg);
});

// Sends what the instructor changed: the fuel, then each point mass, one
// message each.
for (const kind of ['input', 'change']) {
  $('load-form').addEventListener(kind, () => { loadEditing = true; });
}
$('load-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  loadEditing = false;
  const fuel = $('load-fuel');
  if (fuel.value !== '' && fuel.value !== fuel.dataset.was) {
    send({ type: 'load', fuel_pct: Number(fuel.value) });
    fuel.dataset.was = fuel.value;
  }
  for (const el of $('load-masses').querySelectorAll('input[data-mass]')) {
    if (el.value === '' || el.value === el.dataset.was) continue;
    send({ type: 'load', mass: Number(el.dataset.mass), mass_kg: Number(el.value) });
    el.dataset.was = el.value;
  }
});

$('replay-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  send({ type: 'replay', seconds: Number($('replay-seconds').value), speed: Number($('replay-speed').value) });
});
$('replay-stop').addEventListener('click', () => send({ type: 'replay', stop: true }));
$('note-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const text = $('note-text').value.trim();
  if (!text) return;
  send({ type: 'note', text });
  $('note-text').value = '';
});
$('divert').addEventListener('click', () => {
  const to = $('divert-to').value;
  if (to) send({ type: 'divert', to });
});
$('rewind-go').addEventListener('click', () => {
  const seconds = Math.min(60, Math.max(1, Number($('rewind-s').value) || 30));
  send({ type: 'rewind', seconds });
});

// ============================================================= drawing

function frame() {
  if (fresh) {
    fresh = false;
    pfd(latest?.pfd ?? null);
    if (!latest) {
      readouts(null);
      engine(null);
    }
  }
  map.draw();
  requestAnimationFrame(frame);
}

updateControls(null);
pfd(null);
requestAnimationFrame(frame);
boot();
