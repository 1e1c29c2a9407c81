"""test_saved.py - saved states in the Python binding (Fdm.copy,
Fdm.restore over saqr_fdm_copy and saqr_fdm_restore): a copy flies as the
original; restored, the next frames repeat the frames after the save (a
learning loop's reset to a chosen moment, or a batch's aircraft set to
it); the clock kept or not; copies keep their loaded aircraft alive; the
library's refusals raised.  (The restore itself is tested in
tests/unit/test_fdm_saved.c.)

    SAQR_LIB=build/rel/libsaqr.so SAQR_SHARED=/work/shared python3 tests/python/test_saved.py
"""

import gc
import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(REPO, "python"))
import saqr  # noqa: E402

ROOT = os.path.join(os.environ.get("SAQR_SHARED", "/work/shared"), "reference", "jsbsim")
WATCH = ["position/h-sl-ft", "attitude/phi-deg", "attitude/theta-deg", "velocities/vc-kts",
         "fcs/left-aileron-pos-deg", "propulsion/engine/engine-rpm"]


def c172():
    f = saqr.Fdm()
    f.load_aircraft(ROOT, "c172x")
    f.load_initfile("reset01")
    f.init()
    return f


def fly(f, frames):
    f.step(frames)
    return [f[n] for n in WATCH]


class Saved(unittest.TestCase):
    def test_a_copy_flies_as_the_original(self):
        with c172() as f:
            f.step(60)
            with f.copy() as c:
                for a in (f, c):
                    a["fcs/aileron-cmd-norm"] = 0.3
                self.assertEqual(fly(f, 240), fly(c, 240))
                self.assertGreater(abs(c["attitude/phi-deg"]), 10.0)

    def test_restored_the_next_frames_repeat(self):
        with c172() as f, f.copy() as a:
            a.step(120)
            saved = a.copy()
            a["fcs/aileron-cmd-norm"] = 0.3
            first = fly(a, 240)
            a.restore(saved)
            self.assertEqual(a["fcs/aileron-cmd-norm"], 0.0)
            self.assertEqual(a.time, saved.time)
            a["fcs/aileron-cmd-norm"] = 0.3
            self.assertEqual(fly(a, 240), first)
            # with the clock kept: time runs on, the flight repeats to rounding
            t = a.time
            a.restore(saved, keep_clock=True)
            self.assertEqual(a.time, t)
            a["fcs/aileron-cmd-norm"] = 0.3
            for got, want in zip(fly(a, 240), first):
                self.assertAlmostEqual(got, want, delta=1e-6 * max(1.0, abs(want)))
            self.assertAlmostEqual(a.time, t + 2.0, delta=1e-9)
            saved.close()

    def test_a_batch_aircraft_restored_to_a_saved_moment(self):
        with c172() as f, saqr.Batch(f, 3, 1) as b:
            b.step(60)
            saved = b.aircraft(1).copy()
            b.set("fcs/elevator-cmd-norm", [-0.2, -0.2, -0.2])
            b.step(120)
            moved = list(b.get("position/h-sl-ft"))
            b.aircraft(1).restore(saved)
            h = list(b.get("position/h-sl-ft"))
            self.assertEqual(h[1], saved["position/h-sl-ft"])
            self.assertNotEqual(h[1], moved[1])
            self.assertEqual(h[0], moved[0])    # the others are untouched
            saved.close()

    def test_copies_keep_their_aircraft_alive(self):
        f = c172()
        c = f.copy()
        f.close()
        del f
        gc.collect()
        c.step(120)         # the model's data is still there
        self.assertGreater(c["position/h-sl-ft"], 100.0)
        c.close()

    def test_refusals(self):
        with c172() as f:
            saved = f.copy()
            with self.assertRaises(saqr.SaqrError) as e:
                f.restore(saved)            # the loaded aircraft itself
            self.assertIn("copy", str(e.exception))
            with self.assertRaises(saqr.SaqrError) as e:
                f.load_aircraft(ROOT, "c172x")
            self.assertIn("copies", str(e.exception))
            with self.assertRaises(TypeError):
                saved.restore("reset01")
            with saqr.Fdm() as g:
                g.load_aircraft(ROOT, "f16")
                g.load_initfile("reset00")
                with self.assertRaises(saqr.SaqrError):
                    g.copy()                # not initialised
                g.init()
                other = g.copy()
                with self.assertRaises(saqr.SaqrError) as e:
                    saved.restore(other)
                self.assertIn("not of this loaded aircraft", str(e.exception))
                other.close()
            saved.close()


if __name__ == "__main__":
    unittest.main(verbosity=2)
