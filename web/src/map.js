// map.js - a moving map without tiles (so no internet is needed): north
// up, centred on the aircraft, with the runways of GET /api/airports drawn
// to scale, the lesson's runway highlighted, a navigation lesson's route
// (GET /api/lessons/route: each exercise's leg dashed, the current one
// bold, the checkpoints as squares; a diversion, known only once flown,
// from the state's leg), a ground reference manoeuvre's circle about its
// point (the state's exercise.circle), the aircraft's track and the
// aircraft itself pointing along its heading; in a formation lesson the
// lead too, and the formation's picture in the top right corner
// (formation.js).  Zoom by buttons.
//
// Positions are projected on a plane tangent at the aircraft
// (equirectangular: 1 minute of latitude = 1 nm), good to a fraction of a
// percent over the few tens of nautical miles a lesson spans.

import { drawFormation, formationText } from './formation.js';

const W = 520;
const H = 400;
const ZOOMS = [1, 2, 4, 8, 15, 30, 60, 120, 250, 500];   // pixels per nm
const FT_PER_NM = 6076.12;
const TRACK_MAX = 2400;       // points: 30 min at one a second, and slack
const ROUTE_MAX = 64;         // legs drawn at most
const ROUTE = '#40c8f0';      // the route's colour: apart from the track's magenta

const ok = (v) => typeof v === 'number' && Number.isFinite(v);

// A route's checkpoint as drawn ({name, lat_deg, lon_deg}), null when it
// has no position.
function checkpoint(c) {
  if (!c || !ok(c.lat_deg) || !ok(c.lon_deg)) return null;
  return { name: typeof c.name === 'string' ? c.name : '', lat_deg: c.lat_deg, lon_deg: c.lon_deg };
}

// The state's leg as a leg drawn when it is a diversion with both ends
// ({exercise, from, to}), else null.
function diverted(leg, exercise) {
  if (!leg || leg.diversion !== true) return null;
  const from = checkpoint({ name: '', lat_deg: leg.from_lat_deg, lon_deg: leg.from_lon_deg });
  const to = checkpoint({ name: leg.to, lat_deg: leg.to_lat_deg, lon_deg: leg.to_lon_deg });
  return from && to ? { exercise, from, to } : null;
}

// Returns {setAirports(list), setTrack(points), setRoute(legs), update(state),
// draw()}.
export function createMap(canvas, zoomIn, zoomOut) {
  const ctx = canvas.getContext('2d');
  const dpr = window.devicePixelRatio || 1;
  canvas.width = W * dpr;
  canvas.height = H * dpr;
  canvas.style.aspectRatio = `${W} / ${H}`;
  let zoom = 4;                 // index into ZOOMS
  let airports = [];
  let track = [];               // [lat, lon, alt]
  let route = [];               // legs: {exercise, from, to}
  canvas.dataset.routeLegs = '0';
  canvas.dataset.diversion = '';
  let lastTrackT = -Infinity;
  let state = null;
  let dirty = true;

  zoomIn?.addEventListener('click', () => { zoom = Math.min(ZOOMS.length - 1, zoom + 1); dirty = true; });
  zoomOut?.addEventListener('click', () => { zoom = Math.max(0, zoom - 1); dirty = true; });

  function setAirports(list) {
    airports = Array.isArray(list) ? list : [];
    dirty = true;
  }

  // The track from a `track` message (replaces the one we had).
  function setTrack(points) {
    track = Array.isArray(points) ? points.slice(-TRACK_MAX) : [];
    lastTrackT = state && ok(state.t) ? state.t : -Infinity;
    dirty = true;
  }

  // The lesson's route: the legs its exercises fly (GET /api/lessons/route's
  // `route`); anything else, or a leg without two positions, is left out.
  function setRoute(legs) {
    route = (Array.isArray(legs) ? legs : []).slice(0, ROUTE_MAX).map((l) => ({
      exercise: Number.isInteger(l?.exercise) ? l.exercise : -1,
      from: checkpoint(l?.from),
      to: checkpoint(l?.to),
    })).filter((l) => l.from && l.to);
    canvas.dataset.routeLegs = String(route.length);
    dirty = true;
  }

  // A state: moves the aircraft and adds a track point every second of
  // sim time (not during a replay, which shows the past).
  function update(s) {
    state = s;
    dirty = true;
    const p = s?.position;
    if (!p || s.replay || !ok(p.lat_deg) || !ok(p.lon_deg) || !ok(s.t)) return;
    if (s.t < lastTrackT) lastTrackT = s.t;        // a new sortie
    if (s.t - lastTrackT >= 1) {
      track.push([p.lat_deg, p.lon_deg, p.alt_ft]);
      if (track.length > TRACK_MAX) track.shift();
      lastTrackT = s.t;
    }
  }

  function draw() {
    if (!dirty) return;
    dirty = false;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = '#1d2a22';
    ctx.fillRect(0, 0, W, H);
    ctx.font = '12px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    ctx.textAlign = 'center';
    const p = state?.position;
    if (!p || !ok(p.lat_deg) || !ok(p.lon_deg)) {
      canvas.dataset.lead = '';
      ctx.fillStyle = '#aaa';
      ctx.fillText('no position', W / 2, H / 2);
      return;
    }
    const scale = ZOOMS[zoom];
    const lat0 = p.lat_deg;
    const lon0 = p.lon_deg;
    const coslat = Math.cos((lat0 * Math.PI) / 180);
    const xy = (lat, lon) => [
      W / 2 + (lon - lon0) * 60 * coslat * scale,
      H / 2 - (lat - lat0) * 60 * scale,
    ];

    for (const a of airports) {
      for (const r of a.runways ?? []) runway(a, r);
      if (scale < 30) airportLabel(a);
    }
    routeLines();
    groundCircle(state.exercise?.circle);
    trackLine();
    leadAircraft(state.lead);
    aircraft(state.pfd?.heading_deg);
    scaleBar(scale);
    canvas.dataset.lead = formationText(state.lead);
    drawFormation(ctx, W - 138, 46, 130, state.lead); // clear of the zoom buttons and the north arrow

    // A formation's lead where it is, pointing along its heading.
    function leadAircraft(l) {
      if (!l || ![l.lat_deg, l.lon_deg].every(ok)) return;
      const [x, y] = xy(l.lat_deg, l.lon_deg);
      ctx.save();
      ctx.translate(x, y);
      ctx.rotate(((ok(l.heading_deg) ? l.heading_deg : 0) * Math.PI) / 180);
      ctx.fillStyle = ROUTE;
      ctx.strokeStyle = '#000';
      ctx.beginPath();
      ctx.moveTo(0, -10);
      ctx.lineTo(9, 5);
      ctx.lineTo(0, 2);
      ctx.lineTo(-9, 5);
      ctx.closePath();
      ctx.fill();
      ctx.stroke();
      ctx.restore();
    }

    function runway(a, r) {
      if (![r.lat_deg, r.lon_deg, r.end_lat_deg, r.end_lon_deg].every(ok)) return;
      const [x1, y1] = xy(r.lat_deg, r.lon_deg);
      const [x2, y2] = xy(r.end_lat_deg, r.end_lon_deg);
      const len = Math.hypot(x2 - x1, y2 - y1);
      if (len < 0.5) return;
      const ux = (x2 - x1) / len;
      const uy = (y2 - y1) / len;
      const half = Math.max(1.5, ((ok(r.width_ft) ? r.width_ft : 150) / FT_PER_NM) * scale / 2);
      const lesson = state.runway && state.runway.airport === a.icao && state.runway.ident === r.ident;
      ctx.fillStyle = lesson ? '#e8e8e8' : '#9a9a9a';
      ctx.beginPath();
      ctx.moveTo(x1 - uy * half, y1 + ux * half);
      ctx.lineTo(x2 - uy * half, y2 + ux * half);
      ctx.lineTo(x2 + uy * half, y2 - ux * half);
      ctx.lineTo(x1 + uy * half, y1 - ux * half);
      ctx.closePath();
      ctx.fill();
      if (scale >= 30) {
        ctx.fillStyle = lesson ? '#ffd000' : '#cfcfcf';
        ctx.fillText(r.ident, x1 - ux * 12, y1 - uy * 12);
      }
      if (lesson && scale >= 2) {       // the extended centreline, 10 nm
        ctx.strokeStyle = 'rgba(255, 208, 0, 0.5)';
        ctx.setLineDash([6, 6]);
        ctx.beginPath();
        ctx.moveTo(x1, y1);
        ctx.lineTo(x1 - ux * 10 * scale, y1 - uy * 10 * scale);
        ctx.stroke();
        ctx.setLineDash([]);
      }
    }

    // At small scales the airport's code, beside its first runway.
    function airportLabel(a) {
      const r = (a.runways ?? []).find((x) => ok(x.lat_deg) && ok(x.lon_deg));
      if (!r) return;
      const [x, y] = xy(r.lat_deg, r.lon_deg);
      ctx.fillStyle = '#cfcfcf';
      ctx.fillText(a.icao, x, y - 12);
    }

    // The legs dashed, the current exercise's bold and drawn last; each
    // checkpoint a square, named at the larger scales.  A diversion being
    // flown is the current leg: from where it began (the state's leg).
    function routeLines() {
      const current = Number.isInteger(state.exercise?.index) ? state.exercise.index : -1;
      const div = diverted(state.exercise?.leg, current);
      canvas.dataset.diversion = div ? div.to.name : '';
      canvas.dataset.currentLeg = div || route.some((l) => l.exercise === current) ? String(current) : '';
      if (!route.length && !div) return;
      const legs = [...route, ...(div ? [div] : [])]
        .sort((a, b) => (a.exercise === current) - (b.exercise === current));
      const points = new Map();
      ctx.strokeStyle = ROUTE;
      for (const l of legs) {
        const now = l.exercise === current;
        const [x1, y1] = xy(l.from.lat_deg, l.from.lon_deg);
        const [x2, y2] = xy(l.to.lat_deg, l.to.lon_deg);
        ctx.globalAlpha = now ? 1 : 0.5;
        ctx.lineWidth = now ? 3 : 1.5;
        ctx.setLineDash(now ? [10, 5] : [6, 6]);
        ctx.beginPath();
        ctx.moveTo(x1, y1);
        ctx.lineTo(x2, y2);
        ctx.stroke();
        for (const c of [l.from, l.to]) points.set(`${c.lat_deg},${c.lon_deg}`, c);
      }
      ctx.setLineDash([]);
      ctx.globalAlpha = 1;
      ctx.lineWidth = 1.5;
      ctx.fillStyle = ROUTE;
      ctx.textAlign = 'left';
      for (const c of points.values()) {
        const [x, y] = xy(c.lat_deg, c.lon_deg);
        ctx.strokeRect(x - 4, y - 4, 8, 8);
        if (scale >= 8 && c.name) ctx.fillText(c.name, x + 8, y - 8);
      }
      ctx.textAlign = 'center';
    }

    // The circle to fly about the point, dashed, and the point a cross.
    function groundCircle(c) {
      canvas.dataset.circle = '';
      if (!c || ![c.lat_deg, c.lon_deg, c.radius_nm].every(ok) || c.radius_nm <= 0) return;
      const [x, y] = xy(c.lat_deg, c.lon_deg);
      canvas.dataset.circle = `${c.lat_deg},${c.lon_deg},${c.radius_nm}`;
      ctx.strokeStyle = ROUTE;
      ctx.lineWidth = 2;
      ctx.setLineDash([8, 5]);
      ctx.beginPath();
      ctx.arc(x, y, c.radius_nm * scale, 0, 2 * Math.PI);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.beginPath();
      ctx.moveTo(x - 5, y - 5);
      ctx.lineTo(x + 5, y + 5);
      ctx.moveTo(x - 5, y + 5);
      ctx.lineTo(x + 5, y - 5);
      ctx.stroke();
    }

    function trackLine() {
      if (track.length < 1) return;
      ctx.strokeStyle = '#e040e0';
      ctx.lineWidth = 2;
      ctx.beginPath();
      track.forEach(([lat, lon], i) => {
        const [x, y] = xy(lat, lon);
        if (i === 0) ctx.moveTo(x, y);
        else ctx.lineTo(x, y);
      });
      ctx.lineTo(W / 2, H / 2);
      ctx.stroke();
    }

    function aircraft(hdg) {
      ctx.save();
      ctx.translate(W / 2, H / 2);
      ctx.rotate(((ok(hdg) ? hdg : 0) * Math.PI) / 180);
      ctx.fillStyle = '#ffd000';
      ctx.strokeStyle = '#000';
      ctx.lineWidth = 1;
      ctx.beginPath();                 // a plan view: fuselage, wings, tail
      ctx.moveTo(0, -12);
      ctx.lineTo(2, -4);
      ctx.lineTo(12, 0);
      ctx.lineTo(12, 3);
      ctx.lineTo(2, 2);
      ctx.lineTo(1.5, 8);
      ctx.lineTo(5, 10);
      ctx.lineTo(5, 12);
      ctx.lineTo(-5, 12);
      ctx.lineTo(-5, 10);
      ctx.lineTo(-1.5, 8);
      ctx.lineTo(-2, 2);
      ctx.lineTo(-12, 3);
      ctx.lineTo(-12, 0);
      ctx.lineTo(-2, -4);
      ctx.closePath();
      ctx.fill();
      ctx.stroke();
      ctx.restore();
    }

    function scaleBar(s) {
      const nice = [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100];
      const nm = nice.find((n) => n * s >= 60) ?? 100;
      const x = 14;
      const y = H - 16;
      ctx.strokeStyle = '#fff';
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.moveTo(x, y - 5);
      ctx.lineTo(x, y);
      ctx.lineTo(x + nm * s, y);
      ctx.lineTo(x + nm * s, y - 5);
      ctx.stroke();
      ctx.fillStyle = '#fff';
      ctx.textAlign = 'left';
      ctx.fillText(`${nm} nm`, x + nm * s + 6, y - 2);
      ctx.textAlign = 'center';
      ctx.fillText('N', W - 20, 16);
      ctx.beginPath();
      ctx.moveTo(W - 20, 26);
      ctx.lineTo(W - 25, 38);
      ctx.lineTo(W - 15, 38);
      ctx.closePath();
      ctx.fill();
    }
  }

  return { setAirports, setTrack, setRoute, update, draw };
}
