// stopwatch.js - the cockpit clock's stopwatch, for timing a navigation
// leg from its checkpoint (the flight log's time en route) or a holding
// pattern's outbound minute.  It runs on simulation time, not the
// browser's: a freeze stops it, a replay does not move it, and a sortie
// that goes back in time (a rewind, a recall, a new sortie) carries on
// from where it stood.

const ok = (v) => typeof v === 'number' && Number.isFinite(v);

// mm:ss (h:mm:ss from an hour), '—' when not a number.
export function formatClock(s) {
  if (!ok(s) || s < 0) return '—';
  const whole = Math.floor(s);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const sec = String(whole % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

// Binds the stopwatch to its elements: the reading, the start/stop and
// reset buttons.  Returns update(t, live): the sim time of a state, and
// whether time flows for the trainee (a running sortie, not a replay).
export function createStopwatch(reading, startStop, reset) {
  let elapsed = 0;          // seconds counted before the last sim time seen
  let running = false;
  let lastT = NaN;          // the sim time last counted from

  function show() {
    reading.textContent = formatClock(elapsed);
    reading.dataset.value = String(elapsed);
    startStop.textContent = running ? 'Stop' : 'Start';
    startStop.setAttribute('aria-pressed', String(running));
  }

  startStop.addEventListener('click', () => {
    running = !running;
    show();
  });
  reset.addEventListener('click', () => {
    elapsed = 0;
    show();
  });

  function update(t, live) {
    if (ok(t) && ok(lastT) && running && live && t > lastT) elapsed += t - lastT;
    lastT = ok(t) ? t : NaN;
    show();
  }

  show();
  return update;
}
