// horn.js - the cockpit's aural stall warning: a steady tone while the
// aircraft's stall-warning system sounds (the state's pfd.stall_warning),
// as a light aircraft's stall-warning horn does.  A training device is
// expected to have it (14 CFR Part 60: the stall warning is one of the
// objective tests); the trainee flying slow flight on instruments must
// hear the warning the lesson grades them on avoiding.
//
// Browsers start audio only after the user has interacted with the page,
// so the sound is made ready at the first key, click or touch (unlock);
// until then, and when the trainee turns the sound off, the horn is
// silent but still reports whether it would sound (element.dataset.horn:
// "on" / "off"; dataset.audio: "locked", "ready", "muted"), which is also
// what tests read.

const TONE_HZ = 2000;     // a reed horn's shrill note, roughly
const LEVEL = 0.08;       // loud enough to notice, not to startle
const RAMP_S = 0.015;     // no click at the edges

export function createHorn(element, { muted = false } = {}) {
  let ctx = null;
  let gain = null;
  let sounding = false;
  let off = muted;

  function show() {
    element.dataset.horn = sounding ? 'on' : 'off';
    element.dataset.audio = off ? 'muted' : ctx && ctx.state === 'running' ? 'ready' : 'locked';
  }

  function level() {
    if (!gain) return;
    const now = ctx.currentTime;
    gain.gain.cancelScheduledValues(now);
    gain.gain.setTargetAtTime(sounding && !off ? LEVEL : 0, now, RAMP_S);
  }

  // Made at the first user gesture: one oscillator kept running, its
  // level switched, so that the warning starts without delay.
  function unlock() {
    const Audio = window.AudioContext || window.webkitAudioContext;
    if (!Audio) return;
    if (!ctx) {
      ctx = new Audio();
      const osc = ctx.createOscillator();
      osc.type = 'triangle';
      osc.frequency.value = TONE_HZ;
      gain = ctx.createGain();
      gain.gain.value = 0;
      osc.connect(gain).connect(ctx.destination);
      osc.start();
      ctx.onstatechange = show;
    }
    if (ctx.state !== 'running') ctx.resume().then(show, show);
    level();
    show();
  }

  function set(warning) {
    const want = !!warning;
    if (want === sounding) return;
    sounding = want;
    level();
    show();
  }

  function mute(m) {
    off = !!m;
    level();
    show();
  }

  show();
  return { set, unlock, mute };
}
