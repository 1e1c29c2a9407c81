"""test_linear.py - Fdm.linearize (python/saqr.py): the model of
saqr_fdm_linearize handed over with its states and inputs named, as numpy
arrays (or lists without numpy), the same for two aircraft set up alike,
an entry the kinematics fix right, and the library's refusal raised.
(The matrices themselves are tested in tests/unit/test_linearize.c.)

    SAQR_LIB=build/rel/libsaqr.so SAQR_SHARED=/work/shared python3 tests/python/test_linear.py
"""

import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(REPO, "python"))
import saqr  # noqa: E402

ROOT = os.path.join(os.environ.get("SAQR_SHARED", "/work/shared"), "reference", "jsbsim")


def trimmed_c172():
    f = saqr.Fdm()
    f.load_aircraft(ROOT, "c172x")
    f.load_initfile("reset01")
    f.init()
    f["fcs/mixture-cmd-norm"] = 0.87
    f["propulsion/set-running"] = -1
    f.trim("full")
    return f


def rows(m):
    return [list(r) for r in m]


class Linearize(unittest.TestCase):
    def test_states_inputs_and_matrices(self):
        with trimmed_c172() as f:
            vt = f["velocities/vt-fps"]
            m = f.linearize()
        self.assertEqual(m.states[:5], ["Vt", "Alpha", "Theta", "Q", "Rpm0"])
        self.assertEqual(m.inputs, ["ThtlCmd", "DaCmd", "DeCmd", "DrCmd"])
        self.assertEqual(m.state_units[0], "ft/s")
        n = len(m.states)
        self.assertEqual(n, 13)
        self.assertEqual(len(rows(m.a)), n)
        self.assertEqual(len(rows(m.a)[0]), n)
        self.assertEqual(len(rows(m.b)[0]), 4)
        self.assertAlmostEqual(m.x0[0], vt, delta=1e-6 * vt)
        # phi' = p + ...: the kinematics fix this entry
        self.assertAlmostEqual(rows(m.a)[6][7], 1.0, delta=1e-4)
        if saqr.USING_NUMPY:
            import numpy as np
            self.assertIsInstance(m.a, np.ndarray)
            self.assertEqual(m.a.shape, (13, 13))
            self.assertEqual(m.b.dtype, np.float64)

    def test_same_numbers_as_a_second_identical_aircraft(self):
        # deterministic: two aircraft set up alike give the same model, bit for bit
        with trimmed_c172() as f, trimmed_c172() as g:
            a, b = f.linearize(), g.linearize()
        self.assertEqual(rows(a.a), rows(b.a))
        self.assertEqual(rows(a.b), rows(b.b))

    def test_refused_before_init(self):
        with saqr.Fdm() as f:
            f.load_aircraft(ROOT, "c172x")
            with self.assertRaises(saqr.SaqrError) as e:
                f.linearize()
            self.assertIn("saqr_fdm_init", str(e.exception))


if __name__ == "__main__":
    unittest.main()
