// formation.js - a formation lesson's picture, from the state's `lead`
// (docs/station-protocol.md): a plan view in the lead's frame - the lead
// at the centre pointing up, the aircraft where it is from it (ahead_ft,
// right_ft) - and the step in words.  At a formation's spacing (a hundred
// feet) the moving map's scale cannot show it; this is what a wingman
// judges by the picture of the lead, drawn for a screen.  The instructor
// page draws it in a corner of the map, the cockpit page on its own
// canvas.

const ok = (v) => typeof v === 'number' && Number.isFinite(v);
const RANGES_FT = [150, 300, 600, 1200, 2500, 5000];   // half the picture, ft

// "102 ft behind, 98 ft right, 3 ft low"; '' without a lead.
export function formationText(lead) {
  if (!lead || ![lead.ahead_ft, lead.right_ft, lead.above_ft].every(ok)) return '';
  const r = (v) => Math.round(Math.abs(v));
  return `${r(lead.ahead_ft)} ft ${lead.ahead_ft < 0 ? 'behind' : 'ahead'}, ` +
    `${r(lead.right_ft)} ft ${lead.right_ft < 0 ? 'left' : 'right'}, ` +
    `${r(lead.above_ft)} ft ${lead.above_ft < 0 ? 'low' : 'high'}`;
}

// A plan view of the two aircraft, `size` px square with its top left at
// (x, y); returns the range drawn (ft from the centre to an edge), 0 when
// there is no lead.
export function drawFormation(ctx, x, y, size, lead) {
  if (!lead || ![lead.ahead_ft, lead.right_ft].every(ok)) return 0;
  const far = Math.max(Math.abs(lead.ahead_ft), Math.abs(lead.right_ft)) * 1.15;
  const range = RANGES_FT.find((r) => r >= far) ?? RANGES_FT[RANGES_FT.length - 1];
  const half = size / 2;
  const cx = x + half;
  const cy = y + half;
  const px = half / range;
  ctx.save();
  ctx.fillStyle = 'rgba(0, 0, 0, 0.55)';
  ctx.fillRect(x, y, size, size);
  ctx.strokeStyle = 'rgba(255, 255, 255, 0.35)';
  ctx.lineWidth = 1;
  ctx.strokeRect(x + 0.5, y + 0.5, size - 1, size - 1);
  ctx.beginPath();                    // the lead's wing line and its axis
  ctx.moveTo(x, cy);
  ctx.lineTo(x + size, cy);
  ctx.moveTo(cx, y);
  ctx.lineTo(cx, y + size);
  ctx.stroke();
  plane(ctx, cx, cy, '#40c8f0');
  const ax = cx + Math.max(-range, Math.min(range, lead.right_ft)) * px;
  const ay = cy - Math.max(-range, Math.min(range, lead.ahead_ft)) * px;
  plane(ctx, ax, ay, '#ffd000');
  ctx.fillStyle = '#fff';
  ctx.font = '11px system-ui, sans-serif';
  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  ctx.fillText(`lead · ${range} ft`, x + 4, y + 3);
  ctx.textBaseline = 'bottom';
  if (ok(lead.above_ft)) {
    const step = Math.round(lead.above_ft);
    ctx.fillText(step === 0 ? 'level' : `${Math.abs(step)} ft ${step < 0 ? 'low' : 'high'}`, x + 4, y + size - 3);
  }
  ctx.restore();
  return range;
}

// A small plan view pointing up (both aircraft fly the lead's way, near
// enough at a formation's spacing).
function plane(ctx, x, y, colour) {
  ctx.fillStyle = colour;
  ctx.strokeStyle = '#000';
  ctx.beginPath();
  ctx.moveTo(x, y - 7);
  ctx.lineTo(x + 1.5, y - 2);
  ctx.lineTo(x + 7, y);
  ctx.lineTo(x + 7, y + 2);
  ctx.lineTo(x + 1, y + 2);
  ctx.lineTo(x + 1, y + 5);
  ctx.lineTo(x + 3, y + 7);
  ctx.lineTo(x - 3, y + 7);
  ctx.lineTo(x - 1, y + 5);
  ctx.lineTo(x - 1, y + 2);
  ctx.lineTo(x - 7, y + 2);
  ctx.lineTo(x - 7, y);
  ctx.lineTo(x - 1.5, y - 2);
  ctx.closePath();
  ctx.fill();
  ctx.stroke();
}
