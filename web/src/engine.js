// engine.js - the engine instruments, built from the generic `engine` list
// of a state message: one dial per entry (its range from min to max, red
// from `red` up), with the value also as text in #eng-<id> (for example
// #eng-rpm, #eng-fuel_kg) with its data-value as received.  The gauges are
// rebuilt when the aircraft's list of instruments changes.

const SIZE = { w: 132, h: 96 };
const START = (150 * Math.PI) / 180;   // the dial's sweep: 240 degrees
const SWEEP = (240 * Math.PI) / 180;

const ok = (v) => typeof v === 'number' && Number.isFinite(v);
const safeId = (id) => String(id).replace(/[^A-Za-z0-9_-]/g, '_');

// Returns update(list) for the container; update(null) blanks the values.
export function createEngine(root) {
  let key = '';
  let gauges = [];

  function build(list) {
    root.textContent = '';
    const dpr = window.devicePixelRatio || 1;
    gauges = list.map((e) => {
      const div = document.createElement('div');
      div.className = 'gauge';
      const canvas = document.createElement('canvas');
      canvas.width = SIZE.w * dpr;
      canvas.height = SIZE.h * dpr;
      canvas.style.width = `${SIZE.w}px`;
      canvas.style.height = `${SIZE.h}px`;
      const text = document.createElement('div');
      text.className = 'gauge-text';
      const id = safeId(e.id);
      text.innerHTML = `<span class="label"></span> <b id="eng-${id}" data-testid="eng-${id}">—</b> <span class="unit"></span>`;
      text.querySelector('.label').textContent = e.label ?? e.id;
      text.querySelector('.unit').textContent = e.unit ?? '';
      div.append(canvas, text);
      root.appendChild(div);
      return { ctx: canvas.getContext('2d'), dpr, value: text.querySelector('b'), last: undefined };
    });
  }

  return function update(list) {
    if (!Array.isArray(list)) {
      for (const g of gauges) g.value.textContent = '—';
      return;
    }
    const k = list.map((e) => `${e.id}:${e.min}:${e.max}:${e.red}`).join(',');
    if (k !== key) {
      key = k;
      build(list);
    }
    list.forEach((e, i) => {
      const g = gauges[i];
      if (g.last === e.value) return;
      g.last = e.value;
      if (ok(e.value)) {
        g.value.textContent = e.value.toFixed(decimals(e));
        g.value.dataset.value = String(e.value);
      } else {
        g.value.textContent = '—';
        delete g.value.dataset.value;
      }
      dial(g.ctx, g.dpr, e);
    });
  };
}

// Decimals that suit the range: none for rpm, one for inHg.
function decimals(e) {
  const span = ok(e.max) && ok(e.min) ? e.max - e.min : 100;
  return span >= 200 ? 0 : span >= 20 ? 1 : 2;
}

function dial(ctx, dpr, e) {
  const { w, h } = SIZE;
  const cx = w / 2;
  const cy = h / 2 + 8;
  const r = 40;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, w, h);
  const min = ok(e.min) ? e.min : 0;
  const max = ok(e.max) && e.max > min ? e.max : min + 1;
  const angle = (v) => START + (SWEEP * (Math.max(min, Math.min(max, v)) - min)) / (max - min);
  ctx.lineWidth = 7;
  ctx.strokeStyle = '#3a8f4a';
  ctx.beginPath();
  ctx.arc(cx, cy, r, START, ok(e.red) ? angle(e.red) : START + SWEEP);
  ctx.stroke();
  if (ok(e.red) && e.red < max) {
    ctx.strokeStyle = '#d02020';
    ctx.beginPath();
    ctx.arc(cx, cy, r, angle(e.red), START + SWEEP);
    ctx.stroke();
  }
  if (!ok(e.value)) {
    ctx.strokeStyle = '#e03030';
    ctx.lineWidth = 3;
    ctx.beginPath();
    ctx.moveTo(cx - 20, cy - 20);
    ctx.lineTo(cx + 20, cy + 20);
    ctx.moveTo(cx + 20, cy - 20);
    ctx.lineTo(cx - 20, cy + 20);
    ctx.stroke();
    return;
  }
  const a = angle(e.value);
  ctx.strokeStyle = ok(e.red) && e.value > e.red ? '#ff5050' : '#f4f4f4';
  ctx.lineWidth = 3;
  ctx.beginPath();
  ctx.moveTo(cx, cy);
  ctx.lineTo(cx + (r - 4) * Math.cos(a), cy + (r - 4) * Math.sin(a));
  ctx.stroke();
  ctx.fillStyle = '#f4f4f4';
  ctx.beginPath();
  ctx.arc(cx, cy, 3, 0, 2 * Math.PI);
  ctx.fill();
}
