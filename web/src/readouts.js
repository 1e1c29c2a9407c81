// readouts.js - the digital readout panel under the PFD: the flight values
// as text (so they can be read at a glance, copied and tested without
// reading a canvas) and the rate at which states arrive.
//
// Each value is an element with a stable id (#ias, #alt, ...); its text is
// the rounded value and its data-value attribute the value as received.
// While a malfunction falsifies the airspeed or the attitude, the
// instructor's state carries what the aircraft does (state.pfd.true, never
// sent to the cockpit): shown beside each reading it differs from as
// "true N" (#ias-true, #pitch-true, #roll-true), hidden otherwise.

const FIELDS = [
  // id, label, key in state.pfd, decimals (or a function giving the text), unit
  ['ias', 'IAS', 'ias_kt', 0, 'kt'],
  ['alt', 'ALT', 'alt_ft', 0, 'ft'],
  ['vs', 'V/S', 'vs_fpm', 0, 'ft/min'],
  ['hdg', 'HDG', 'heading_deg', 0, '°'],
  ['pitch', 'Pitch', 'pitch_deg', 1, '°'],
  ['roll', 'Bank', 'roll_deg', 1, '°'],
  ['gs', 'GS', 'gs_kt', 0, 'kt'],
  ['agl', 'AGL', 'agl_ft', 0, 'ft'],
  ['nz', 'Load', 'nz_g', 2, 'g'],
  ['alpha', 'AoA', 'alpha_deg', 1, '°'],
  ['mach', 'Mach', 'mach', 3, ''],
  // the landing gear's position (retractable gear only): the indicator's words
  ['gear-pos', 'Gear', 'gear_pos', (v) => (v >= 0.99 ? 'DOWN' : v <= 0.01 ? 'UP' : 'TRANSIT'), ''],
];

// The readings a failed instrument can falsify (state.pfd.true's keys).
const TRUTH = new Set(['ias_kt', 'pitch_deg', 'roll_deg']);

// A value as the panel shows it: rounded, never "-0.0".
function shown(v, decimals) {
  const text = typeof decimals === 'function' ? decimals(v) : v.toFixed(decimals);
  return /^-0\.?0*$/.test(text) ? text.slice(1) : text;
}

// Builds the panel inside `root`; returns update(state) to call on every
// state message (or with null when the connection is lost).
export function createReadouts(root) {
  const cells = new Map();
  for (const [id, label, key, decimals, unit] of FIELDS) {
    const div = document.createElement('div');
    div.className = 'readout';
    div.innerHTML = `<span class="label">${label}</span> <b id="${id}" data-testid="${id}">—</b> <span class="unit">${unit}</span>`;
    let truth = null;
    if (TRUTH.has(key)) {
      truth = document.createElement('span');
      truth.className = 'truth';
      truth.id = `${id}-true`;
      truth.hidden = true;
      div.appendChild(truth);
    }
    root.appendChild(div);
    cells.set(key, { el: div.querySelector('b'), decimals, truth });
  }
  const rate = document.createElement('div');
  rate.className = 'readout';
  rate.innerHTML = '<span class="label">Data</span> <b id="rate" data-testid="rate">—</b> <span class="unit">Hz</span>';
  root.appendChild(rate);
  const rateEl = rate.querySelector('b');
  const arrivals = [];

  return function update(state) {
    const now = performance.now();
    if (state) arrivals.push(now);
    while (arrivals.length && arrivals[0] < now - 1000) arrivals.shift();
    rateEl.textContent = state ? String(arrivals.length) : '—';
    for (const [key, { el, decimals, truth }] of cells) {
      const v = state?.pfd?.[key];
      if (typeof v === 'number' && Number.isFinite(v)) {
        el.textContent = shown(v, decimals);
        el.dataset.value = String(v);
      } else {
        el.textContent = '—';
        delete el.dataset.value;
      }
      if (truth) {
        // only where the reading is off: a blocked pitot leaves the
        // attitude shown as it is
        const t = state?.pfd?.true?.[key];
        const known = typeof t === 'number' && Number.isFinite(t) &&
          !(typeof v === 'number' && shown(v, decimals) === shown(t, decimals));
        truth.hidden = !known;
        truth.textContent = known ? `true ${shown(t, decimals)}` : '';
        if (known) truth.dataset.value = String(t);
        else delete truth.dataset.value;
      }
    }
  };
}

// The freeze badge, on both pages: a crash's, the total freeze's (not
// a replay's, which the server does not count as one) or the position
// freeze's; hidden when none.
export function showFrozen(el, s) {
  const text = s.frozen?.crash ? 'CRASH FREEZE' : s.frozen?.total ? 'TOTAL FREEZE'
    : s.frozen?.position ? 'POSITION FREEZE' : '';
  el.hidden = !text;
  el.textContent = text;
}

// Sim time as text: seconds with one decimal.
export function formatTime(t) {
  return typeof t === 'number' && Number.isFinite(t) ? t.toFixed(1) : '—';
}

// A line in the page's message list (#messages, the newest first, at most
// `keep` lines).
export function note(text, kind = 'info', keep = 8) {
  const ul = document.getElementById('messages');
  const li = document.createElement('li');
  li.className = kind;
  li.textContent = `${new Date().toLocaleTimeString()} ${text}`;
  ul.prepend(li);
  while (ul.children.length > keep) ul.lastChild.remove();
}
