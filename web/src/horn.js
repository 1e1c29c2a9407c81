// horn.js - the cockpit's aural warnings: the stall warning, a steady tone
// while the aircraft's stall-warning system sounds (the state's
// pfd.stall_warning), as a light aircraft's stall-warning horn does; and
// the landing-gear warning, an intermittent lower tone while the
// aircraft's gear warning does (pfd.gear_warning: the JF-17 gear up on a
// descending approach), as a fighter's gear horn beeps.  A training device is
// expected to have it (14 CFR Part 60: the stall warning is one of the
// objective tests); the trainee flying slow flight on instruments must
// hear the warning the lesson grades them on avoiding.
//
// Browsers start audio only after the user has interacted with the page,
// so the sound is made ready at the first key, click or touch (unlock);
// until then, and when the trainee turns the sound off, the horn is
// silent but still reports whether it would sound (element.dataset[key],
// "horn" for the stall warning: "on" / "off"; dataset.audio: "locked",
// "ready", "muted"), which is also what tests read.

const LEVEL = 0.08;       // loud enough to notice, not to startle
const RAMP_S = 0.015;     // no click at the edges

// toneHz: the note (2 kHz, a reed horn's shrill note, by default);
// pulseHz: beeps a second (0: steady); key: the dataset key it reports in.
export function createHorn(element, { muted = false, toneHz = 2000, pulseHz = 0, key = 'horn' } = {}) {
  let ctx = null;
  let gain = null;
  let sounding = false;
  let off = muted;

  function show() {
    element.dataset[key] = sounding ? 'on' : 'off';
    element.dataset.audio = off ? 'muted' : ctx && ctx.state === 'running' ? 'ready' : 'locked';
  }

  function level() {
    if (!gain) return;
    const now = ctx.currentTime;
    gain.gain.cancelScheduledValues(now);
    gain.gain.setTargetAtTime(sounding && !off ? LEVEL : 0, now, RAMP_S);
  }

  // Made at the first user gesture: one oscillator kept running, its
  // level switched, so that the warning starts without delay.  A pulsed
  // horn's tone goes through a second gain that a square wave swings
  // between 0 and 1 pulseHz times a second.
  function unlock() {
    const Audio = window.AudioContext || window.webkitAudioContext;
    if (!Audio) return;
    if (!ctx) {
      ctx = new Audio();
      const osc = ctx.createOscillator();
      osc.type = 'triangle';
      osc.frequency.value = toneHz;
      gain = ctx.createGain();
      gain.gain.value = 0;
      let tone = osc;
      if (pulseHz > 0) {
        const pulse = ctx.createGain();
        pulse.gain.value = 0.5;
        const lfo = ctx.createOscillator();
        lfo.type = 'square';
        lfo.frequency.value = pulseHz;
        const depth = ctx.createGain();
        depth.gain.value = 0.5;
        lfo.connect(depth).connect(pulse.gain);
        lfo.start();
        tone = osc.connect(pulse);
      }
      tone.connect(gain).connect(ctx.destination);
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
