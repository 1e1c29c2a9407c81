// overlays.js - a replay's parameter overlays on the instructor's page:
// while a replay plays, a strip chart per parameter (IAS, altitude, V/S,
// pitch, bank, heading) of the flight over the replayed window, as
// recorded (the true values the grader saw, not what an instrument may
// have shown), the accepted bands of the elements graded then shaded
// behind it (red where the element's mark is Unsatisfactory), and a line
// where the replay is.  The trace arrives once per replay as a
// `replay_trace` message (docs/station-protocol.md); the line follows
// each state's time.

const SVG = 'http://www.w3.org/2000/svg';
const W = 500;         // the charts' drawing width and height (viewBox units)
const H = 64;
const PAD_LEFT = 56;   // room for the label and the scale

const CHARTS = [
  { channel: 'ias-kt', label: 'IAS', unit: 'kt', digits: 0 },
  { channel: 'alt-ft', label: 'ALT', unit: 'ft', digits: 0 },
  { channel: 'vs-fpm', label: 'V/S', unit: 'ft/min', digits: 0 },
  { channel: 'pitch-deg', label: 'Pitch', unit: '°', digits: 1 },
  { channel: 'roll-deg', label: 'Bank', unit: '°', digits: 1 },
  { channel: 'heading-deg', label: 'HDG', unit: '°', digits: 0, wrap: 360 },
];

function el(name, attrs, parent) {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (parent) parent.appendChild(e);
  return e;
}

// A heading series made continuous (no jump from 359 to 0), and a value
// moved by whole turns to lie nearest `near`.
function unwrap(values, turn) {
  const out = [];
  let last = null;
  for (const v of values) {
    if (v === null) { out.push(null); continue; }
    let u = v;
    if (last !== null) u += turn * Math.round((last - v) / turn);
    out.push(u);
    last = u;
  }
  return out;
}
const nearest = (v, near, turn) => v + turn * Math.round((near - v) / turn);

export function createReplayOverlays(panel, charts) {
  let trace = null;     // {t: [...], series: {channel: [...]}, bands: [...]}
  let cursors = [];     // per chart: {line, value, x(t), values, digits, unit}
  let t0 = 0;
  let t1 = 1;

  const xOf = (t) => PAD_LEFT + ((t - t0) / (t1 - t0 || 1)) * (W - PAD_LEFT);

  function drawChart(spec) {
    const values0 = trace.series[spec.channel];
    if (!values0) return null;
    const values = spec.wrap ? unwrap(values0, spec.wrap) : values0;
    const finite = values.filter((v) => v !== null);
    if (!finite.length) return null;
    const bands = trace.bands.filter((b) => b.channel === spec.channel).map((b) => {
      if (!spec.wrap || b.lo === null || b.hi === null) return b;
      // the band moved by whole turns to where the series is in its window
      const i = trace.t.findIndex((t) => t >= b.t_start_s);
      const near = i >= 0 && values[i] !== null ? values[i] : finite[0];
      const shift = nearest((b.lo + b.hi) / 2, near, spec.wrap) - (b.lo + b.hi) / 2;
      return { ...b, lo: b.lo + shift, hi: b.hi + shift };
    });
    let lo = Math.min(...finite);
    let hi = Math.max(...finite);
    for (const b of bands) {
      if (b.lo !== null) lo = Math.min(lo, b.lo);
      if (b.hi !== null) hi = Math.max(hi, b.hi);
    }
    if (hi - lo < 1e-6) { lo -= 1; hi += 1; }
    const margin = (hi - lo) * 0.08;
    lo -= margin;
    hi += margin;
    const yOf = (v) => H - 4 - ((v - lo) / (hi - lo)) * (H - 8);

    const box = document.createElement('div');
    box.className = 'overlay-chart';
    box.dataset.channel = spec.channel;
    const svg = el('svg', { viewBox: `0 0 ${W} ${H}`, preserveAspectRatio: 'none', role: 'img',
      'aria-label': `${spec.label} over the replay` }, box);
    el('rect', { x: PAD_LEFT, y: 0, width: W - PAD_LEFT, height: H, class: 'plot' }, svg);
    for (const b of bands) {
      const top = yOf(b.hi === null ? hi : Math.min(b.hi, hi));
      const bottom = yOf(b.lo === null ? lo : Math.max(b.lo, lo));
      const x0 = xOf(b.t_start_s);
      const r = el('rect', {
        x: x0, y: top, width: Math.max(2, xOf(b.t_end_s) - x0), height: Math.max(1, bottom - top),
        class: b.mark === 'Unsatisfactory' ? 'band bad' : 'band',
      }, svg);
      const side = (v) => (v === null ? 'open' : v.toFixed(spec.digits));
      el('title', {}, r).textContent =
        `${b.title}: ${side(b.lo)} to ${side(b.hi)} ${b.unit} (${b.mark} when the replay began)`;
    }
    let d = '';
    values.forEach((v, i) => {
      if (v === null) return;
      d += `${d && values[i - 1] !== null ? 'L' : 'M'}${xOf(trace.t[i]).toFixed(1)},${yOf(v).toFixed(1)}`;
    });
    el('path', { d, class: 'series' }, svg);
    const scale = (v, y) => {
      const t = el('text', { x: PAD_LEFT - 3, y, class: 'scale' }, svg);
      const shown = spec.wrap ? ((v % spec.wrap) + spec.wrap) % spec.wrap : v; // a heading as read
      t.textContent = shown.toFixed(spec.digits === 0 && Math.abs(hi - lo) < 20 ? 1 : spec.digits);
    };
    scale(hi - margin, 10);
    scale(lo + margin, H - 3);
    const name = el('text', { x: 2, y: H / 2 + 4, class: 'name' }, svg);
    name.textContent = spec.label;
    const line = el('line', { x1: PAD_LEFT, x2: PAD_LEFT, y1: 0, y2: H, class: 'cursor' }, svg);
    const value = document.createElement('span');
    value.className = 'overlay-value mono';
    box.appendChild(value);
    charts.appendChild(box);
    return { line, value, values: values0, digits: spec.digits, unit: spec.unit };
  }

  function setTrace(m) {
    const cols = Array.isArray(m.channels) ? m.channels : [];
    const points = Array.isArray(m.points) ? m.points : [];
    const it = cols.indexOf('t-s');
    charts.textContent = '';
    cursors = [];
    trace = null;
    if (it < 0 || points.length < 2) return;
    const series = {};
    cols.forEach((c, k) => { if (k !== it) series[c] = points.map((p) => (typeof p[k] === 'number' ? p[k] : null)); });
    trace = { t: points.map((p) => p[it]), series, bands: Array.isArray(m.bands) ? m.bands : [] };
    t0 = trace.t[0];
    t1 = trace.t[trace.t.length - 1];
    for (const spec of CHARTS) {
      const c = drawChart(spec);
      if (c) cursors.push(c);
    }
  }

  // The line at the state's time, the value there beside each chart.
  function update(s) {
    const on = !!(s && s.replay && trace);
    panel.hidden = !on;
    if (!on || typeof s.t !== 'number') return;
    const x = xOf(Math.min(Math.max(s.t, t0), t1));
    let i = trace.t.findIndex((t) => t >= s.t);
    if (i < 0) i = trace.t.length - 1;
    for (const c of cursors) {
      c.line.setAttribute('x1', x.toFixed(1));
      c.line.setAttribute('x2', x.toFixed(1));
      const v = c.values[i];
      c.value.textContent = v === null ? '—' : `${v.toFixed(c.digits)} ${c.unit}`;
    }
  }

  return { setTrace, update };
}
