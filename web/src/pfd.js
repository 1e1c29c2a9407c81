// pfd.js - the primary flight display on a canvas: attitude (pitch ladder,
// bank scale with a sky pointer), airspeed tape, altitude tape with QNH,
// vertical speed, heading tape with the ground track, turn rate with the
// standard-rate marks and the slip ball, the ILS deviations (localizer
// below the attitude, glide slope beside it, where the lesson runway's ILS
// is received), the stall warning and the landing-gear warning.
//
// Input is the `pfd` object of a `state` message (docs/station-protocol.md);
// a missing or non-finite value gets the instrument's red failure cross.
// Layout in CSS pixels on a 480 x 400 canvas, scaled for the screen's
// device pixel ratio.

const W = 480;
const H = 400;
const ATT = { x: 92, y: 36, w: 240, h: 262 };      // attitude indicator
const CX = ATT.x + ATT.w / 2;
const CY = ATT.y + ATT.h / 2;
const PX_PER_DEG = 6;                              // pitch ladder
const SPD = { x: 12, y: 46, w: 72, h: 242, pxPer: 4 };       // kt
const ALT = { x: 340, y: 46, w: 78, h: 242, pxPer: 0.6 };    // ft
const VSI = { x: 424, y: 46, w: 48, h: 242, fullFpm: 2000 };
const HDG = { x: ATT.x, y: 306, w: ATT.w, h: 34, pxPer: 3 }; // deg
const TURN = { cx: CX, y: 352, halfW: 90, stdRatePx: 45 };
// ILS scales: two dots each side; full scale (2 dots) 2.5 deg of localizer
// and 0.7 deg of glide slope, the scales the lessons grade against (3/4 of
// full scale: FAA ACS instrument rating)
const ILS = { dotPx: 22, locDegPerDot: 1.25, gsDegPerDot: 0.35, peg: 2.3 };

const SKY = '#2f6fb5';
const GROUND = '#7a5230';
const WHITE = '#f4f4f4';
const TAPE = 'rgba(40, 44, 52, 0.92)';
const MAGENTA = '#e040e0';
const FONT = '13px system-ui, sans-serif';
const BOLD = 'bold 16px system-ui, sans-serif';

const ok = (v) => typeof v === 'number' && Number.isFinite(v);
const wrap360 = (d) => ((d % 360) + 360) % 360;

// Returns draw(pfd) for the canvas; draw(null) shows that there is no data.
export function createPfd(canvas) {
  const ctx = canvas.getContext('2d');
  const dpr = window.devicePixelRatio || 1;
  canvas.width = W * dpr;
  canvas.height = H * dpr;
  canvas.style.aspectRatio = `${W} / ${H}`;

  return function draw(p) {
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = '#15171c';
    ctx.fillRect(0, 0, W, H);
    ctx.font = FONT;
    ctx.textBaseline = 'middle';
    if (!p) {
      failed(ctx, { x: 0, y: 0, w: W, h: H }, 'NO DATA');
      return;
    }
    attitude(ctx, p.pitch_deg, p.roll_deg);
    const dots = ils(ctx, p.loc_dev_deg, p.gs_dev_deg, p.dme_nm);
    // what the needles show, in dots (+: the diamond right / down), for tests
    canvas.dataset.locDots = ok(dots.loc) ? dots.loc.toFixed(2) : '';
    canvas.dataset.gsDots = ok(dots.gs) ? dots.gs.toFixed(2) : '';
    canvas.dataset.dme = ok(p.dme_nm) ? p.dme_nm.toFixed(1) : '';
    speedTape(ctx, p.ias_kt, p.mach, p.gs_kt);
    altitudeTape(ctx, p.alt_ft, p.qnh_hpa);
    verticalSpeed(ctx, p.vs_fpm);
    headingTape(ctx, p.heading_deg, p.track_deg);
    turnCoordinator(ctx, p.turn_rate_dps, p.slip);
    if (p.stall_warning) warningFlag(ctx, 'STALL', 0);
    canvas.dataset.stall = p.stall_warning ? 'on' : 'off';
    if (p.gear_warning) warningFlag(ctx, 'GEAR', 1);
    canvas.dataset.gearWarning = p.gear_warning ? 'on' : 'off';
  };
}

// A red cross and a label over a failed instrument.
function failed(ctx, r, label) {
  ctx.save();
  ctx.strokeStyle = '#e03030';
  ctx.lineWidth = 3;
  ctx.beginPath();
  ctx.moveTo(r.x + 4, r.y + 4);
  ctx.lineTo(r.x + r.w - 4, r.y + r.h - 4);
  ctx.moveTo(r.x + r.w - 4, r.y + 4);
  ctx.lineTo(r.x + 4, r.y + r.h - 4);
  ctx.stroke();
  if (label) {
    ctx.fillStyle = '#e03030';
    ctx.font = BOLD;
    ctx.textAlign = 'center';
    ctx.fillText(label, r.x + r.w / 2, r.y + r.h / 2 - 14);
  }
  ctx.restore();
}

function attitude(ctx, pitch, roll) {
  ctx.save();
  ctx.beginPath();
  ctx.rect(ATT.x, ATT.y, ATT.w, ATT.h);
  ctx.clip();
  if (!ok(pitch) || !ok(roll)) {
    ctx.fillStyle = '#222';
    ctx.fillRect(ATT.x, ATT.y, ATT.w, ATT.h);
    failed(ctx, ATT, 'ATT');
    ctx.restore();
    return;
  }
  // The world: rotated by the bank, shifted by the pitch.
  ctx.save();
  ctx.translate(CX, CY);
  ctx.rotate((-roll * Math.PI) / 180);
  ctx.translate(0, pitch * PX_PER_DEG);
  ctx.fillStyle = SKY;
  ctx.fillRect(-400, -1200, 800, 1200);
  ctx.fillStyle = GROUND;
  ctx.fillRect(-400, 0, 800, 1200);
  ctx.strokeStyle = WHITE;
  ctx.fillStyle = WHITE;
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.moveTo(-400, 0);
  ctx.lineTo(400, 0);
  ctx.stroke();
  ctx.lineWidth = 1.5;
  ctx.textAlign = 'center';
  const lo = Math.ceil((pitch - 25) / 2.5) * 2.5;
  for (let d = lo; d <= pitch + 25; d += 2.5) {
    if (d === 0 || d < -90 || d > 90) continue;
    const y = -d * PX_PER_DEG;
    const half = d % 10 === 0 ? 40 : d % 5 === 0 ? 20 : 8;
    ctx.beginPath();
    ctx.moveTo(-half, y);
    ctx.lineTo(half, y);
    ctx.stroke();
    if (d % 10 === 0) {
      ctx.fillText(String(Math.abs(d)), -half - 14, y);
      ctx.fillText(String(Math.abs(d)), half + 14, y);
    }
  }
  ctx.restore();

  // Bank scale (fixed) and the sky pointer (turns with the horizon).
  const r = 108;
  ctx.strokeStyle = WHITE;
  ctx.fillStyle = WHITE;
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.arc(CX, CY, r, (-150 * Math.PI) / 180, (-30 * Math.PI) / 180);
  ctx.stroke();
  for (const a of [-60, -45, -30, -20, -10, 10, 20, 30, 45, 60]) {
    const len = Math.abs(a) === 30 || Math.abs(a) === 60 ? 12 : 7;
    const t = ((a - 90) * Math.PI) / 180;
    ctx.beginPath();
    ctx.moveTo(CX + r * Math.cos(t), CY + r * Math.sin(t));
    ctx.lineTo(CX + (r + len) * Math.cos(t), CY + (r + len) * Math.sin(t));
    ctx.stroke();
  }
  triangle(ctx, CX, CY - r - 1, 7, -1);          // the zero mark
  ctx.save();
  ctx.translate(CX, CY);
  ctx.rotate((-roll * Math.PI) / 180);
  ctx.fillStyle = '#ffd000';
  triangle(ctx, 0, -r + 1, 8, 1);                 // the sky pointer
  ctx.restore();

  // The aircraft symbol, fixed.
  ctx.fillStyle = '#111';
  ctx.strokeStyle = '#ffd000';
  ctx.lineWidth = 4;
  ctx.beginPath();
  ctx.moveTo(CX - 80, CY);
  ctx.lineTo(CX - 30, CY);
  ctx.lineTo(CX - 30, CY + 10);
  ctx.moveTo(CX + 80, CY);
  ctx.lineTo(CX + 30, CY);
  ctx.lineTo(CX + 30, CY + 10);
  ctx.stroke();
  ctx.fillStyle = '#ffd000';
  ctx.fillRect(CX - 3, CY - 3, 6, 6);
  ctx.restore();
}

// A small triangle with its apex at (x, y) and its base above (dir -1)
// or below (dir 1).
function triangle(ctx, x, y, size, dir) {
  ctx.beginPath();
  ctx.moveTo(x, y);
  ctx.lineTo(x - size, y + dir * size * 1.3);
  ctx.lineTo(x + size, y + dir * size * 1.3);
  ctx.closePath();
  ctx.fill();
}

// Saves the context and paints a tape's background.  With a value, clips
// to the tape and returns true (the caller restores the context); without
// one, marks the tape failed, restores and returns false.
function openTape(ctx, box, value, label) {
  ctx.save();
  ctx.fillStyle = TAPE;
  ctx.fillRect(box.x, box.y, box.w, box.h);
  if (!ok(value)) {
    failed(ctx, box, label);
    ctx.restore();
    return false;
  }
  ctx.beginPath();
  ctx.rect(box.x, box.y, box.w, box.h);
  ctx.clip();
  return true;
}

// A vertical tape: ticks every `minor`, labels every `major`, the value
// in a box at the centre.  side: 'left' ticks on the right edge, 'right'
// on the left edge.
function tape(ctx, box, value, minor, major, side, floor, label) {
  if (!openTape(ctx, box, value, label)) return;
  const cy = box.y + box.h / 2;
  const span = box.h / 2 / box.pxPer;
  ctx.strokeStyle = WHITE;
  ctx.fillStyle = WHITE;
  ctx.lineWidth = 1.5;
  ctx.textAlign = side === 'left' ? 'right' : 'left';
  const edge = side === 'left' ? box.x + box.w : box.x;
  const dir = side === 'left' ? -1 : 1;
  for (let v = Math.floor((value - span) / minor) * minor; v <= value + span; v += minor) {
    if (v < floor) continue;
    const y = cy - (v - value) * box.pxPer;
    const isMajor = Math.round(v) % major === 0;
    ctx.beginPath();
    ctx.moveTo(edge, y);
    ctx.lineTo(edge + dir * (isMajor ? 12 : 6), y);
    ctx.stroke();
    if (isMajor) ctx.fillText(String(Math.round(v)), edge + dir * 16, y);
  }
  ctx.restore();
  // The value box.
  ctx.save();
  ctx.fillStyle = '#000';
  ctx.strokeStyle = WHITE;
  ctx.lineWidth = 1.5;
  ctx.fillRect(box.x + 2, cy - 14, box.w - 4, 28);
  ctx.strokeRect(box.x + 2, cy - 14, box.w - 4, 28);
  ctx.fillStyle = WHITE;
  ctx.font = BOLD;
  ctx.textAlign = 'center';
  ctx.fillText(String(Math.round(value)), box.x + box.w / 2, cy + 1);
  ctx.restore();
}

function caption(ctx, text, x, y, color = WHITE) {
  ctx.save();
  ctx.fillStyle = color;
  ctx.textAlign = 'center';
  ctx.fillText(text, x, y);
  ctx.restore();
}

function speedTape(ctx, ias, mach, gs) {
  tape(ctx, SPD, ias, 5, 10, 'left', 0, 'IAS');
  caption(ctx, 'IAS kt', SPD.x + SPD.w / 2, SPD.y - 12);
  if (ok(gs)) caption(ctx, `GS ${Math.round(gs)}`, SPD.x + SPD.w / 2, SPD.y + SPD.h + 12);
  if (ok(mach) && mach >= 0.3) caption(ctx, `M ${mach.toFixed(2)}`, SPD.x + SPD.w / 2, SPD.y + SPD.h + 28);
}

function altitudeTape(ctx, alt, qnh) {
  tape(ctx, ALT, alt, 20, 100, 'right', -2000, 'ALT');
  caption(ctx, 'ALT ft', ALT.x + ALT.w / 2, ALT.y - 12);
  if (ok(qnh)) caption(ctx, `${qnh.toFixed(0)} hPa`, ALT.x + ALT.w / 2, ALT.y + ALT.h + 12, '#5fd0ff');
}

function verticalSpeed(ctx, vs) {
  const b = VSI;
  const cy = b.y + b.h / 2;
  ctx.save();
  ctx.fillStyle = TAPE;
  ctx.fillRect(b.x, b.y, b.w, b.h);
  caption(ctx, 'V/S', b.x + b.w / 2, b.y - 12);
  if (!ok(vs)) {
    failed(ctx, b, '');
    ctx.restore();
    return;
  }
  const scale = (b.h / 2 - 8) / b.fullFpm;
  ctx.strokeStyle = WHITE;
  ctx.fillStyle = WHITE;
  ctx.lineWidth = 1;
  ctx.textAlign = 'left';
  ctx.font = '11px system-ui, sans-serif';
  for (const m of [-2000, -1000, -500, 0, 500, 1000, 2000]) {
    const y = cy - m * scale;
    ctx.beginPath();
    ctx.moveTo(b.x, y);
    ctx.lineTo(b.x + (m % 1000 === 0 ? 10 : 6), y);
    ctx.stroke();
    if (m % 1000 === 0 && m !== 0) ctx.fillText(String(Math.abs(m / 1000)), b.x + 13, y);
  }
  const clamped = Math.max(-b.fullFpm, Math.min(b.fullFpm, vs));
  ctx.strokeStyle = '#40e070';
  ctx.lineWidth = 3;
  ctx.beginPath();
  ctx.moveTo(b.x + b.w, cy);
  ctx.lineTo(b.x + 2, cy - clamped * scale);
  ctx.stroke();
  ctx.fillStyle = '#40e070';
  ctx.textAlign = 'center';
  ctx.font = FONT;
  ctx.fillText(String(Math.round(vs / 10) * 10), b.x + b.w / 2, b.y + b.h + 12);
  ctx.restore();
}

function headingTape(ctx, hdg, track) {
  const b = HDG;
  if (!openTape(ctx, b, hdg, '')) return;
  const cx = b.x + b.w / 2;
  const span = b.w / 2 / b.pxPer;
  ctx.strokeStyle = WHITE;
  ctx.fillStyle = WHITE;
  ctx.lineWidth = 1.5;
  ctx.textAlign = 'center';
  const names = { 0: 'N', 90: 'E', 180: 'S', 270: 'W' };
  for (let d = Math.floor((hdg - span) / 5) * 5; d <= hdg + span; d += 5) {
    const x = cx + (d - hdg) * b.pxPer;
    const major = d % 10 === 0;
    ctx.beginPath();
    ctx.moveTo(x, b.y);
    ctx.lineTo(x, b.y + (major ? 10 : 5));
    ctx.stroke();
    if (major) {
      const w = wrap360(d);
      ctx.fillText(names[w] ?? String(w / 10).padStart(2, '0'), x, b.y + 22);
    }
  }
  if (ok(track)) {
    let dt = wrap360(track - hdg);
    if (dt > 180) dt -= 360;
    const x = cx + dt * b.pxPer;
    ctx.fillStyle = MAGENTA;
    ctx.beginPath();
    ctx.moveTo(x, b.y + 2);
    ctx.lineTo(x - 5, b.y + 8);
    ctx.lineTo(x, b.y + 14);
    ctx.lineTo(x + 5, b.y + 8);
    ctx.closePath();
    ctx.fill();
  }
  ctx.restore();
  // The lubber box with the heading.
  ctx.save();
  ctx.fillStyle = '#000';
  ctx.strokeStyle = WHITE;
  ctx.fillRect(cx - 24, b.y - 16, 48, 20);
  ctx.strokeRect(cx - 24, b.y - 16, 48, 20);
  ctx.fillStyle = WHITE;
  ctx.font = BOLD;
  ctx.textAlign = 'center';
  ctx.fillText(String(Math.round(wrap360(hdg)) % 360).padStart(3, '0'), cx, b.y - 5);
  ctx.restore();
}

function turnCoordinator(ctx, rate, slip) {
  const t = TURN;
  ctx.save();
  ctx.fillStyle = TAPE;
  ctx.fillRect(t.cx - t.halfW - 10, t.y - 8, 2 * t.halfW + 20, 46);
  ctx.strokeStyle = WHITE;
  ctx.fillStyle = WHITE;
  ctx.lineWidth = 2;
  // Turn rate: a bar from the centre; the marks are standard rate (3 deg/s).
  for (const x of [t.cx - t.stdRatePx, t.cx, t.cx + t.stdRatePx]) {
    ctx.beginPath();
    ctx.moveTo(x, t.y - 6);
    ctx.lineTo(x, t.y + 6);
    ctx.stroke();
  }
  ctx.font = '10px system-ui, sans-serif';
  ctx.textAlign = 'center';
  ctx.fillText('L', t.cx - t.stdRatePx - 10, t.y);
  ctx.fillText('R', t.cx + t.stdRatePx + 10, t.y);
  if (ok(rate)) {
    const px = Math.max(-t.halfW, Math.min(t.halfW, (rate / 3) * t.stdRatePx));
    ctx.fillStyle = '#40e070';
    ctx.fillRect(Math.min(t.cx, t.cx + px), t.y - 3, Math.abs(px), 6);
  } else {
    failed(ctx, { x: t.cx - t.halfW, y: t.y - 8, w: 2 * t.halfW, h: 16 }, '');
  }
  // Inclinometer: a tube with two lines a ball's width apart.
  const ty = t.y + 22;
  const tubeHalf = 60;
  ctx.fillStyle = '#d8d8c8';
  ctx.beginPath();
  ctx.roundRect(t.cx - tubeHalf, ty - 8, 2 * tubeHalf, 16, 8);
  ctx.fill();
  if (ok(slip)) {
    const s = Math.max(-1, Math.min(1, slip));
    ctx.fillStyle = '#111';
    ctx.beginPath();
    ctx.arc(t.cx + s * (tubeHalf - 8), ty, 7, 0, 2 * Math.PI);
    ctx.fill();
  }
  ctx.strokeStyle = '#111';
  ctx.lineWidth = 1.5;
  for (const x of [t.cx - 9, t.cx + 9]) {
    ctx.beginPath();
    ctx.moveTo(x, ty - 8);
    ctx.lineTo(x, ty + 8);
    ctx.stroke();
  }
  ctx.restore();
}

// The ILS deviations as magenta diamonds on dotted scales: the localizer's
// along the bottom of the attitude indicator (the course is left of the
// centre when the aircraft is right of it), the glide slope's along its
// right edge (the slope is below the centre when the aircraft is above
// it), pegged past two dots.  A scale is drawn only while its signal is
// received (the deviation is a number); the DME's distance (nm from the
// threshold) at the attitude indicator's top left while the localizer is.
// Returns the diamonds' positions in dots.
function ils(ctx, locDeg, gsDeg, dmeNm) {
  const out = { loc: NaN, gs: NaN };
  const scale = (x, y, horizontal, dev) => {
    ctx.fillStyle = 'rgba(20, 22, 28, 0.55)';
    if (horizontal) ctx.fillRect(x - 2.6 * ILS.dotPx, y - 9, 5.2 * ILS.dotPx, 18);
    else ctx.fillRect(x - 9, y - 2.6 * ILS.dotPx, 18, 5.2 * ILS.dotPx);
    ctx.strokeStyle = WHITE;
    ctx.lineWidth = 1.5;
    for (const k of [-2, -1, 1, 2]) {
      ctx.beginPath();
      ctx.arc(horizontal ? x + k * ILS.dotPx : x, horizontal ? y : y + k * ILS.dotPx, 3.5, 0, 2 * Math.PI);
      ctx.stroke();
    }
    ctx.fillStyle = WHITE;
    if (horizontal) ctx.fillRect(x - 1, y - 7, 2, 14);
    else ctx.fillRect(x - 7, y - 1, 14, 2);
    const d = Math.max(-ILS.peg, Math.min(ILS.peg, dev));
    const cx = horizontal ? x + d * ILS.dotPx : x, cy = horizontal ? y : y + d * ILS.dotPx;
    ctx.fillStyle = MAGENTA;
    ctx.beginPath();
    ctx.moveTo(cx, cy - 7);
    ctx.lineTo(cx + 6, cy);
    ctx.lineTo(cx, cy + 7);
    ctx.lineTo(cx - 6, cy);
    ctx.closePath();
    ctx.fill();
    return d;
  };
  ctx.save();
  if (ok(locDeg)) out.loc = scale(CX, ATT.y + ATT.h - 30, true, -locDeg / ILS.locDegPerDot);
  if (ok(gsDeg)) out.gs = scale(ATT.x + ATT.w - 16, CY, false, gsDeg / ILS.gsDegPerDot);
  if (ok(dmeNm)) {
    ctx.fillStyle = 'rgba(20, 22, 28, 0.55)';
    ctx.fillRect(ATT.x + 4, ATT.y + 4, 74, 20);
    ctx.fillStyle = MAGENTA;
    ctx.font = FONT;
    ctx.textAlign = 'left';
    ctx.fillText(`DME ${dmeNm.toFixed(1)}`, ATT.x + 9, ATT.y + 14);
  }
  ctx.restore();
  return out;
}

// A red warning flag in the attitude display: STALL at `row` 0, GEAR (the
// landing-gear warning) at row 1 below it.
function warningFlag(ctx, label, row) {
  const y = ATT.y + 40 + 32 * row;
  ctx.save();
  ctx.fillStyle = '#d01818';
  ctx.fillRect(CX - 50, y, 100, 26);
  ctx.fillStyle = '#fff';
  ctx.font = BOLD;
  ctx.textAlign = 'center';
  ctx.fillText(label, CX, y + 14);
  ctx.restore();
}
