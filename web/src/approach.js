// approach.js - the instructor's approach plot: while the aircraft is on a
// final approach to the sortie's runway (the state's `approach`, null
// otherwise; docs/station-protocol.md), its height above the threshold
// against the distance out, beside the lesson's approach path (its glide
// angle to its aim point), with the trail flown since the final began, and
// a line saying how far out, how high and how far above or below the path.
// The last final stays drawn ("last final") until another begins or the
// sortie changes, so that the instructor can talk it through after the
// landing or the go-around.

const SVG = 'http://www.w3.org/2000/svg';
const W = 500;             // drawing size (viewBox units)
const H = 170;
const PAD_LEFT = 44;
const PAD_BOTTOM = 18;
const FT_PER_NM = 1852 / 0.3048;
const TRAIL_MAX = 2000;    // points kept (a 6 nm final is ~ 1,800 steps of MIN_STEP_FT); beyond, every other
const MIN_STEP_FT = 20;    // along the runway between points kept
const GAP_S = 5;           // off the final this long: the next point begins a new one

function el(name, attrs, parent) {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (parent) parent.appendChild(e);
  return e;
}

const ok = (v) => typeof v === 'number' && Number.isFinite(v);

// "40 ft high", "12 ft low", "on the path".
export function pathText(h, path) {
  if (!ok(h) || !ok(path)) return '';
  const d = Math.round(h - path);
  return d === 0 ? 'on the path' : `${Math.abs(d)} ft ${d > 0 ? 'high' : 'low'}`;
}

// The line under the plot.
export function approachText(a) {
  if (!a || !ok(a.x_ft) || !ok(a.h_ft)) return '';
  const nm = (-a.x_ft / FT_PER_NM).toFixed(1);
  let s = `${nm} nm out, ${Math.round(a.h_ft)} ft above the threshold`;
  if (ok(a.path_ft)) s += `; the path ${Math.round(a.path_ft)} ft: ${pathText(a.h_ft, a.path_ft)}`;
  if (ok(a.y_ft) && Math.abs(a.y_ft) >= 30) s += `; ${Math.round(Math.abs(a.y_ft))} ft ${a.y_ft > 0 ? 'right' : 'left'} of the centreline`;
  return s;
}

export function createApproachPlot(panel, svg, line) {
  let trail = [];          // [{x, h}] of this final
  let path = null;         // {glide_deg, aim_ft} of this final
  let lastT = -Infinity;   // sim time of the last point on it
  let sortieKey = null;

  function draw(current) {
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
    const xs = trail.map((p) => p.x), hs = trail.map((p) => p.h);
    const x0 = Math.min(-1 * FT_PER_NM, ...xs);
    const x1 = Math.max(path && ok(path.aim_ft) ? path.aim_ft + 500 : 1000, ...xs.map((x) => x + 200));
    const hTop = Math.max(300, ...hs, path && ok(path.glide_deg) ? (path.aim_ft - x0) * Math.tan(path.glide_deg * Math.PI / 180) : 0) * 1.1;
    const px = (x) => PAD_LEFT + (x - x0) / (x1 - x0) * (W - PAD_LEFT - 4);
    const py = (h) => H - PAD_BOTTOM - (h / hTop) * (H - PAD_BOTTOM - 4);
    // a mile grid and the height scale
    for (let nm = Math.ceil(-x1 / FT_PER_NM); nm <= Math.floor(-x0 / FT_PER_NM); nm++) {
      const x = px(-nm * FT_PER_NM);
      el('line', { x1: x, y1: 4, x2: x, y2: H - PAD_BOTTOM, class: 'grid' }, svg);
      el('text', { x, y: H - 4, 'text-anchor': 'middle', class: 'tick' }, svg).textContent = nm === 0 ? 'THR' : `${nm} nm`;
    }
    const step = hTop > 2000 ? 1000 : hTop > 800 ? 500 : 200;
    for (let h = step; h < hTop; h += step) {
      el('line', { x1: PAD_LEFT, y1: py(h), x2: W - 4, y2: py(h), class: 'grid' }, svg);
      el('text', { x: PAD_LEFT - 4, y: py(h) + 4, 'text-anchor': 'end', class: 'tick' }, svg).textContent = `${h}`;
    }
    el('line', { x1: px(Math.max(0, x0)), y1: py(0), x2: px(x1), y2: py(0), class: 'runway' }, svg);
    if (path && ok(path.glide_deg) && ok(path.aim_ft)) {
      const t = Math.tan(path.glide_deg * Math.PI / 180);
      el('line', { x1: px(x0), y1: py((path.aim_ft - x0) * t), x2: px(path.aim_ft), y2: py(0), class: 'path' }, svg);
    }
    if (trail.length > 1)
      el('polyline', { points: trail.map((p) => `${px(p.x).toFixed(1)},${py(p.h).toFixed(1)}`).join(' '), class: 'flown' }, svg);
    if (current) el('circle', { cx: px(current.x_ft), cy: py(current.h_ft), r: 4, class: 'aircraft' }, svg);
  }

  return {
    // each state: a point of the final, or the last final kept drawn
    update(s) {
      const key = s.lesson?.id ?? '';
      const t = typeof s.t === 'number' ? s.t : 0;
      if (key !== sortieKey || t < lastT - 1) { // another sortie, or a rewind: nothing of the last final
        sortieKey = key;
        trail = [];
        path = null;
        lastT = t;
        panel.hidden = true;
        panel.dataset.live = 'false';
      }
      const a = s.approach;
      if (a && ok(a.x_ft) && ok(a.h_ft)) {
        if (t - lastT > GAP_S) trail = []; // a new final
        lastT = t;
        path = { glide_deg: a.glide_deg, aim_ft: a.aim_ft };
        const last = trail.at(-1);
        if (!last || Math.abs(a.x_ft - last.x) >= MIN_STEP_FT) { // a point every 20 ft flown: none while frozen
          trail.push({ x: a.x_ft, h: a.h_ft });
          if (trail.length > TRAIL_MAX) trail = trail.filter((_, i) => i % 2 === 0);
        }
        panel.hidden = false;
        panel.dataset.live = 'true';
        line.textContent = approachText(a);
        line.dataset.devFt = ok(a.path_ft) ? String(Math.round(a.h_ft - a.path_ft)) : '';
        draw(a);
      } else if (!panel.hidden && panel.dataset.live === 'true') {
        panel.dataset.live = 'false';
        line.textContent = `Last final: ${line.textContent}`;
        draw(null);
      }
    },
  };
}
