// cockpit.js - the trainee's page: the instruments of the instructor page
// (PFD, readouts, engine gauges) and the trainee's controls from the
// keyboard and the gamepad (input.js), sent as `controls` messages at most
// 30 times a second and only when something changed.
//
// The page connects with the cockpit key from its URL (#key=HEX, given by
// the instructor station); that key carries control inputs only, so this
// page has no instructor commands and the server refuses them from it.

import './style.css';
import { createEngine } from './engine.js';
import { createHorn } from './horn.js';
import { createInput, DEFAULT_SETTINGS, loadSettings, saveSettings } from './input.js';
import { drawFormation, formationText } from './formation.js';
import { createPfd } from './pfd.js';
import { createReadouts, formatTime, note as noteLine, showFrozen } from './readouts.js';
import { createStopwatch } from './stopwatch.js';
import { connect, socketUrl } from './ws.js';

const $ = (id) => document.getElementById(id);
const SEND_INTERVAL_MS = 1000 / 30;

// The sortie's grade for the trainee: the result, the summary, and each
// element with its mark and the first place it was left (the deductions
// say when, where and by how much); the instructor's items as marked.
function showDebrief(m) {
  $('debrief').hidden = false;
  $('debrief-result').textContent = m.result ?? '?';
  $('debrief-summary').textContent = m.summary ?? '';
  const body = $('debrief-elements').tBodies[0];
  body.textContent = '';
  for (const e of m.elements ?? []) {
    const tr = document.createElement('tr');
    const mark = e.by_instructor && e.mark === 'Not observed' ? 'for the instructor' : e.mark ?? '';
    const cells = [e.title ?? e.id, mark, (e.deductions ?? [])[0] ?? ''];
    cells.forEach((c, i) => {
      const td = document.createElement('td');
      td.textContent = c;
      if (i === 1) td.className = `mark ${String(c).toLowerCase().replace(/[^a-z]+/g, '-')}`;
      tr.appendChild(td);
    });
    body.appendChild(tr);
  }
}
const CONTROLS = ['elevator', 'aileron', 'rudder', 'pitch_trim', 'throttle', 'flaps', 'gear', 'brake', 'speedbrake'];
const AXES = ['aileron', 'elevator', 'rudder', 'throttle'];

const pfd = createPfd($('pfd'));
const readouts = createReadouts($('readouts'));
const engine = createEngine($('engine'));
const stopwatch = createStopwatch($('stopwatch'), $('stopwatch-start'), $('stopwatch-reset'));
const settings = loadSettings();
const input = createInput(settings);
const SOUND_KEY = 'saqr-cockpit-sound';
const horn = createHorn($('pfd'), { muted: localStorage.getItem(SOUND_KEY) === 'off' });
// the landing-gear warning: a lower note, beeping (a fighter's gear horn)
const gearHorn = createHorn($('pfd'), {
  muted: localStorage.getItem(SOUND_KEY) === 'off', toneHz: 800, pulseHz: 2.5, key: 'gearHorn',
});

let socket = null;
let latest = null;
let fresh = true;
let sent = null;            // the controls as last sent (or as the aircraft had them)
let lastSendMs = -Infinity;
let lastFrameMs = performance.now();

// ============================================================ connection

const key = new URLSearchParams(location.hash.slice(1)).get('key');
if (!key) {
  $('no-key').hidden = false;
} else {
  socket = connect(socketUrl({ role: 'cockpit', key }), {
    onopen: () => setConnection('connected'),
    onclose: () => {
      horn.set(false);
      gearHorn.set(false);
      latest = null;
      fresh = true;
      sent = null;
      setConnection('reconnecting');
    },
    hello: (m) => setConnection(`connected (${m.role})`),
    state: onState,
    debrief: showDebrief,
    error: (m) => note(m.message),
    notice: (m) => note(m.message, 'info'),
  });
}

function setConnection(text) {
  $('conn').textContent = text;
  $('conn').classList.toggle('ok', text.startsWith('connected'));
}

function note(text, kind = 'error') {
  noteLine(text, kind, 5);
}

// ================================================================= state

// The trainee's inputs are used only in a running sortie flown by the
// trainee; otherwise the levers follow the aircraft.
// An exercise the instructor flies (a set-up such as an unusual attitude)
// is not the trainee's either, until it ends; nor is the aircraft while
// the instructor has taken control ("I have control").
const instructorHas = (s) => s && s.pilot === 'trainee' && s.status === 'running' &&
  !!(s.exercise?.instructor || s.hands?.instructor || s.hands?.taken);
// ... unless the instructor flies from the cockpit's own controls (dual
// controls): they are then the instructor's hands, and fly the aircraft.
const cockpitFlies = (s) => !instructorHas(s) || !!s.hands?.cockpit;
const flying = (s) => s && s.pilot === 'trainee' && s.status === 'running' && !s.replay && cockpitFlies(s);

// The header's "Briefing" link: the lesson of the sortie, read before it.
function briefingLink(lessonId) {
  const link = $('briefing');
  const href = lessonId ? `/api/lessons/briefing?lesson=${encodeURIComponent(lessonId)}` : '';
  if ((link.getAttribute('href') ?? '') === href) return;
  if (href) link.setAttribute('href', href);
  else link.removeAttribute('href');
  link.hidden = !href;
}

// A diversion the instructor called: where to, and how far to go - not
// its course nor the heading's error, which the trainee works out (the
// legs of the route the trainee planned before the sortie show nothing).
function showDiversion(leg) {
  const el = $('leg');
  const on = leg?.diversion === true;
  const toGo = typeof leg?.to_go_nm === 'number' && Number.isFinite(leg.to_go_nm)
    ? `, ${leg.to_go_nm.toFixed(1)} nm to go` : '';
  el.textContent = on ? `Divert to ${String(leg.to ?? '?')}${toGo}` : '';
  el.hidden = !on;
}

function onState(s) {
  const wasFlying = flying(latest);
  latest = s;
  fresh = true;
  $('status').textContent = s.status ?? '—';
  $('time').textContent = formatTime(s.t);
  $('time').dataset.value = String(s.t);
  stopwatch(s.t, s.status === 'running' && !s.replay);
  $('replay-badge').hidden = !s.replay;
  showFrozen($('frozen'), s);
  $('hands').hidden = !instructorHas(s);
  $('exercise-title').textContent = s.exercise ? s.exercise.title ?? s.exercise.id : s.lesson?.title ?? '';
  showDiversion(s.exercise?.leg);
  briefingLink(s.lesson?.id);
  if (s.status === 'running') $('debrief').hidden = true;
  outside(s.weather);
  formation(s.lead);
  readouts(s);
  engine(s.engine);
  $('pilot-note').textContent = flying(s)
    ? instructorHas(s)
      ? '"I have control": the instructor flies from the cockpit\'s controls.'
      : 'You have control.'
    : s.replay
      ? 'The instructor is replaying the last minutes: the instruments show the past, and the flight goes on ' +
        'from where it stopped.'
      : s.status === 'paused'
        ? 'Total freeze: the simulation is stopped until the instructor resumes it.'
        : instructorHas(s)
          ? s.hands?.taken
            ? '"I have control": the instructor has taken the aircraft; your inputs are not used.'
            : 'The instructor has control; your inputs are not used.'
          : s.pilot && s.pilot !== 'trainee' && s.status === 'running' /* the reference or a fault's */
            ? 'The automatic pilot is flying a demonstration; your inputs are not used.'
            : 'Waiting for the instructor to start a sortie.';
  if (!flying(s) || !wasFlying) {
    input.sync(s.controls);
    sent = s.controls ? { ...s.controls } : null;
  }
  showControls(s.controls);
  // the stall-warning horn sounds while the aircraft's system does, in
  // flight or in a replay, and not while the whole simulation is frozen
  const live = s.status === 'running' && !s.frozen?.total && !s.frozen?.crash;
  horn.set(live && !!s.pfd?.stall_warning);
  gearHorn.set(live && !!s.pfd?.gear_warning);
  // the fly-by-wire's caution light: its control laws lost (direct law)
  $('caution-fcs').hidden = !s.pfd?.fcs_degraded;
}

// A formation lesson's lead: where the trainee is from it, as a picture
// (formation.js) - on a screen without FlightGear's view, what the
// wingman flies by.
function formation(lead) {
  const c = $('formation');
  const text = formationText(lead);
  c.hidden = !text;
  c.dataset.lead = text;
  if (!text) return;
  const ctx = c.getContext('2d');
  ctx.clearRect(0, 0, c.width, c.height);
  drawFormation(ctx, 0, 0, c.width, lead);
}

// What the pilot sees out of the window that the instruments do not show:
// ice building on the windscreen frame and the wing struts (by how much
// of the aircraft's design ice has grown), and rain.
function outside(w) {
  const ice = typeof w?.ice_pct === 'number' ? w.ice_pct : 0;
  const level = ice >= 75 ? 'heavy' : ice >= 40 ? 'moderate' : ice >= 15 ? 'light' : ice >= 2 ? 'trace' : '';
  const seen = [level && `${level} ice on the airframe`, w?.rain ? 'rain' : ''].filter(Boolean);
  $('outside').hidden = seen.length === 0;
  $('outside').textContent = seen.join(', ');
  $('outside').classList.toggle('warn', ice >= 15);
}

// ============================================================== controls

// A control's value as a bar: from the centre for the stick and pedals
// (-1..1), from the left for the levers (0..1).
const BIPOLAR = new Set(['elevator', 'aileron', 'rudder', 'pitch_trim']);
const controlRows = new Map();
for (const name of CONTROLS) {
  const tr = document.createElement('tr');
  const label = name === 'pitch_trim' ? 'trim' : name;
  tr.innerHTML = `<td>${label}</td><td><span class="bar"><i></i></span> <span class="mono"></span></td>` +
    `<td><span class="bar"><i></i></span> <span class="mono" id="ctl-${name}"></span></td>`;
  const [mine, theirs] = tr.querySelectorAll('.bar i');
  const [mineText, theirsText] = tr.querySelectorAll('span.mono');
  $('controls').tBodies[0].appendChild(tr);
  controlRows.set(name, { tr, mine, theirs, mineText, theirsText });
}

function setBar(fill, text, name, v) {
  const ok = typeof v === 'number' && Number.isFinite(v);
  const x = ok ? Math.max(-1, Math.min(1, v)) : 0;
  if (BIPOLAR.has(name)) {
    fill.style.left = `${50 + Math.min(0, x) * 50}%`;
    fill.style.width = `${Math.abs(x) * 50}%`;
  } else {
    fill.style.left = '0';
    fill.style.width = `${Math.max(0, x) * 100}%`;
  }
  text.textContent = ok ? (Math.abs(v) < 0.005 ? 0 : v).toFixed(2) : '—';
}

// A lever that runs on past military power into the afterburner
// (controls.throttle_mil, the detent's position; null for none): a mark
// on both throttle bars, and the keyboard help says where it is.
let detentShown;
function showDetent(mil) {
  const detent = typeof mil === 'number' && mil > 0 && mil < 1 ? mil : null;
  if (detent === detentShown) return;
  detentShown = detent;
  const row = controlRows.get('throttle');
  for (const bar of row.tr.querySelectorAll('.bar')) {
    let mark = bar.querySelector('.detent');
    if (!mark) {
      mark = document.createElement('b');
      mark.className = 'detent';
      bar.appendChild(mark);
    }
    mark.hidden = detent === null;
    if (detent !== null) mark.style.left = `${detent * 100}%`;
  }
  $('help-reheat').hidden = detent === null;
  if (detent !== null) $('help-reheat-at').textContent = `past ${Math.round(detent * 100)}%`;
}

// The speed brake's row and key only where the aircraft has one (the
// state's controls.speedbrake is null otherwise).
function showControls(aircraft) {
  for (const [name, row] of controlRows) setBar(row.theirs, row.theirsText, name, aircraft?.[name]);
  const speedbrake = typeof aircraft?.speedbrake === 'number';
  controlRows.get('speedbrake').tr.hidden = !speedbrake;
  $('help-speedbrake').hidden = !speedbrake;
  showDetent(aircraft?.throttle_mil);
}

// Audio may start only after the trainee has touched the page.
for (const type of ['keydown', 'pointerdown', 'touchstart']) {
  window.addEventListener(type, () => {
    horn.unlock();
    gearHorn.unlock();
  });
}
$('sound').checked = localStorage.getItem(SOUND_KEY) !== 'off';
$('sound').addEventListener('change', (ev) => {
  localStorage.setItem(SOUND_KEY, ev.target.checked ? 'on' : 'off');
  horn.mute(!ev.target.checked);
  gearHorn.mute(!ev.target.checked);
});

window.addEventListener('keydown', (ev) => {
  if (ev.target instanceof HTMLInputElement || ev.target instanceof HTMLSelectElement) return;
  if (ev.ctrlKey || ev.altKey || ev.metaKey) return;
  if (input.keydown(ev)) ev.preventDefault();
});
window.addEventListener('keyup', (ev) => input.keyup(ev));
window.addEventListener('blur', () => {
  for (const k of ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'z', 'x', 'b', 'Home', 'End']) input.keyup({ key: k });
});
window.addEventListener('gamepadconnected', (ev) => {
  $('gamepad').textContent = `Gamepad: ${ev.gamepad.id} (${ev.gamepad.mapping || 'non-standard'} layout)`;
});
window.addEventListener('gamepaddisconnected', () => {
  $('gamepad').textContent = 'No gamepad.';
});

// The fields that changed by more than a hair since they were last sent.
function changes(c) {
  const out = {};
  for (const name of CONTROLS) {
    if ((name === 'speedbrake' || name === 'pitch_trim') && typeof latest?.controls?.[name] !== 'number') continue; /* none to move */
    const v = Math.round(c[name] * 1000) / 1000;
    if (!sent || typeof sent[name] !== 'number' || Math.abs(sent[name] - v) > 0.002) out[name] = v;
  }
  return out;
}

function frame(now) {
  const dt = (now - lastFrameMs) / 1000;
  lastFrameMs = now;
  const pads = navigator.getGamepads ? navigator.getGamepads() : [];
  const c = input.poll(dt, pads);
  for (const [name, row] of controlRows) setBar(row.mine, row.mineText, name, c[name]);
  if (flying(latest) && socket?.connected() && now - lastSendMs >= SEND_INTERVAL_MS) {
    const diff = changes(c);
    if (Object.keys(diff).length) {
      socket.send({ type: 'controls', ...diff });
      sent = { ...(sent || {}), ...diff };
      lastSendMs = now;
    }
  }
  if (fresh) {
    fresh = false;
    pfd(latest?.pfd ?? null);
    if (!latest) {
      readouts(null);
      engine(null);
    }
  }
  requestAnimationFrame(frame);
}

// ============================================================== settings

function showSettings() {
  $('set-dead-zone').value = String(settings.deadZone);
  $('set-dead-zone-value').textContent = settings.deadZone.toFixed(2);
  $('set-expo').value = String(settings.expo);
  $('set-expo-value').textContent = settings.expo.toFixed(2);
  const body = $('set-axes');
  body.textContent = '';
  for (const name of AXES) {
    const tr = document.createElement('tr');
    tr.innerHTML = `<td>${name}</td><td><input type="number" min="0" max="15" step="1" id="set-axis-${name}"></td>` +
      `<td><input type="checkbox" id="set-invert-${name}"></td>`;
    body.appendChild(tr);
    const axis = tr.querySelector('input[type=number]');
    const inv = tr.querySelector('input[type=checkbox]');
    axis.value = String(settings.axes[name]);
    inv.checked = !!settings.invert[name];
    axis.addEventListener('change', () => {
      const n = Number(axis.value);
      if (Number.isInteger(n) && n >= 0 && n <= 15) settings.axes[name] = n;
      saveSettings(settings);
    });
    inv.addEventListener('change', () => {
      settings.invert[name] = inv.checked;
      saveSettings(settings);
    });
  }
}

$('set-dead-zone').addEventListener('input', (ev) => {
  settings.deadZone = Number(ev.target.value);
  $('set-dead-zone-value').textContent = settings.deadZone.toFixed(2);
  saveSettings(settings);
});
$('set-expo').addEventListener('input', (ev) => {
  settings.expo = Number(ev.target.value);
  $('set-expo-value').textContent = settings.expo.toFixed(2);
  saveSettings(settings);
});
$('set-defaults').addEventListener('click', () => {
  settings.deadZone = DEFAULT_SETTINGS.deadZone;
  settings.expo = DEFAULT_SETTINGS.expo;
  settings.axes = { ...DEFAULT_SETTINGS.axes };
  settings.invert = { ...DEFAULT_SETTINGS.invert };
  saveSettings(settings);
  showSettings();
});

showSettings();
requestAnimationFrame(frame);
