"""test_linear.py - Fdm.linearize (python/saqr.py): the model of
saqr_fdm_linearize handed over with its states and inputs named, as numpy
arrays (or lists without numpy), the same for two aircraft set up alike,
an entry the kinematics fix right, and the library's refusal raised; and
the Super Mushak's phugoid and Dutch roll from the model's eigenvalues
(numpy) against the periods `saqr qtg` measures from flown time histories.
(The matrices themselves are tested in tests/unit/test_linearize.c.)

    SAQR_LIB=build/rel/libsaqr.so SAQR_SHARED=/work/shared python3 tests/python/test_linear.py
"""

import math
import os
import re
import subprocess
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(REPO, "python"))
import saqr  # noqa: E402

ROOT = os.path.join(os.environ.get("SAQR_SHARED", "/work/shared"), "reference", "jsbsim")
SAQR = os.path.join(os.path.dirname(os.path.abspath(os.environ.get("SAQR_LIB", "build/rel/libsaqr.so"))), "saqr")


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


def qtg_figures(aircraft, ids):
    """`saqr qtg`'s measured figures by test id (time histories)."""
    out = subprocess.run([SAQR, "qtg", aircraft, "--only", ",".join(ids), "-o", os.devnull],
                         capture_output=True, text=True, check=True).stdout
    figures = {}
    for line in out.splitlines():
        m = re.match(r"^(\S+)\s+.*?\s(-?[0-9.]+)\s+\S+ \.\. ", line)
        if m and m.group(1) in ids:
            figures[m.group(1)] = float(m.group(2))
    return figures


def super_mushak_trimmed(mode):
    """The Super Mushak at its QTG condition: 5,000 ft, 120 kt CAS, engine
    running, mixture full, trimmed (`mode`)."""
    f = saqr.Fdm()
    f.load_aircraft(REPO, "super-mushak")
    f.load_initfile("reset00")
    f["ic/terrain-elevation-ft"] = 0
    f["ic/h-sl-ft"] = 5000
    f["ic/vc-kts"] = 120
    f.init()
    f["propulsion/set-running"] = -1
    f["fcs/mixture-cmd-norm"] = 1
    f.trim(mode)
    return f


@unittest.skipUnless(saqr.USING_NUMPY, "eigenvalues need numpy")
class ModesAgreeWithTheTimeHistories(unittest.TestCase):
    """The Super Mushak at its QTG condition (5,000 ft, 120 kt CAS, trimmed):
    the eigenvalues of the linear model against what `saqr qtg` measures
    from flown time histories (a 2 s elevator pulse, a rudder doublet) -
    two independent routes to the same modes."""

    def test_phugoid_and_dutch_roll(self):
        import numpy as np
        f = super_mushak_trimmed("full")
        m = f.linearize()
        f.close()
        s = m.states

        def modes(names):
            idx = [s.index(n) for n in names]
            ev = np.linalg.eigvals(m.a[np.ix_(idx, idx)])
            return sorted((e for e in ev if e.imag > 1e-6), key=abs)   # oscillatory, by frequency

        phugoid, short = modes(("Vt", "Alpha", "Theta", "Q", "Rpm0"))
        dutch = modes(("Beta", "Phi", "P", "R"))[0]
        period = lambda e: 2.0 * math.pi / e.imag
        zeta = lambda e: -e.real / abs(e)
        got = qtg_figures("super-mushak", ["phugoid", "phugoid-damping", "dutch-roll"])
        print(f"phugoid {period(phugoid):.2f} s, zeta {zeta(phugoid):.3f} (qtg {got['phugoid']} s, "
              f"{got['phugoid-damping']}); Dutch roll {period(dutch):.2f} s (qtg {got['dutch-roll']} s); "
              f"short period zeta {zeta(short):.3f}")
        self.assertAlmostEqual(period(phugoid), got["phugoid"], delta=0.05 * got["phugoid"])
        self.assertAlmostEqual(zeta(phugoid), got["phugoid-damping"], delta=0.1 * got["phugoid-damping"])
        self.assertAlmostEqual(period(dutch), got["dutch-roll"], delta=0.05 * got["dutch-roll"])
        # a short period well damped, quicker than the Dutch roll
        self.assertTrue(0.3 < zeta(short) < 1.0 and short.imag > dutch.imag)


class ShortPeriodFigureAgreesWithAFreeResponse(unittest.TestCase):
    """`saqr qtg`'s Super Mushak short-period damping (method="linear-model")
    against the aircraft's own free response: trimmed at the test's
    condition, placed again with its pitch rate kicked by 0.02 rad/s, the
    pitch rate's first two swings against the same aircraft unkicked give
    the damping by the logarithmic decrement."""

    def craft(self, dq):
        f = super_mushak_trimmed("longitudinal")
        f.capture_ic()
        f["ic/q-rad_sec"] = f["ic/q-rad_sec"] + dq
        f.reposition()
        return f

    def test_damping(self):
        with self.craft(0.0) as base, self.craft(0.02) as kick:
            dq = []
            for _ in range(240):
                base.step()
                kick.step()
                dq.append(kick["velocities/q-rad_sec"] - base["velocities/q-rad_sec"])
        ext = [dq[i] for i in range(1, len(dq) - 1) if (dq[i] - dq[i - 1]) * (dq[i + 1] - dq[i]) < 0]
        self.assertGreaterEqual(len(ext), 2)
        half = math.log(abs(ext[0] / ext[1]))             # decrement over half a period
        zeta_free = half / math.sqrt(math.pi ** 2 + half ** 2)
        figure = qtg_figures("super-mushak", ["short-period"])["short-period"]
        print(f"short period: free response {zeta_free:.3f}, qtg figure {figure}")
        self.assertAlmostEqual(figure, zeta_free, delta=0.15 * zeta_free)


if __name__ == "__main__":
    unittest.main()
