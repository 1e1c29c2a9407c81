#!/usr/bin/env python3
"""test_batch.py - the Python binding (python/saqr.py) of libsaqr's batch API.

The reference for every batch result is the same aircraft stepped alone
through saqr.Fdm, set up and driven the same way: the batch must give
bit-identical values whatever the number of threads.  Also: get/set round
trips, errors that raise SaqrError with the library's message, per-aircraft
reset, lifetimes (batch freed before its model), and the gym-style example.

    SAQR_LIB=build/rel/libsaqr.so SAQR_SHARED=/work/shared python3 tests/python/test_batch.py
    (again with SAQR_NO_NUMPY=1 for the plain-list arrays; SAQR_REQUIRE_NUMPY=1
    fails the run when numpy cannot be imported)
"""

import array
import gc
import importlib.util
import math
import os
import re
import struct
import subprocess
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(REPO, "python"))
import saqr  # noqa: E402

ROOT = os.path.join(os.environ.get("SAQR_SHARED", "/work/shared"), "reference", "jsbsim")
EXAMPLE = os.path.join(REPO, "examples", "gym_loop.py")

if saqr.USING_NUMPY:
    import numpy as np

ELEV = "fcs/elevator-cmd-norm"
AIL = "fcs/aileron-cmd-norm"
THROTTLE = "fcs/throttle-cmd-norm"
# outputs compared between batch and single aircraft: position, attitude,
# speeds, rates, aerodynamics, the engine and the FCS state
OUTPUTS = ("position/h-sl-ft", "position/lat-geod-deg", "position/long-gc-deg", "attitude/phi-rad",
           "attitude/theta-rad", "attitude/psi-deg", "velocities/vc-kts", "velocities/h-dot-fps",
           "velocities/p-rad_sec", "velocities/q-rad_sec", "velocities/r-rad_sec", "aero/alpha-rad",
           "aero/beta-rad", "aero/qbar-psf", "propulsion/engine/engine-rpm", "fcs/elevator-pos-norm",
           "fcs/left-aileron-pos-rad", "simulation/sim-time-sec")


def c172(trim=True):
    """The c172x at reset01 (100 kt, 4,000 ft), initialised; engine running
    and trimmed level when `trim`."""
    f = saqr.Fdm()
    f.load_aircraft(ROOT, "c172x")
    f.load_initfile("reset01")
    f.init()
    if trim:
        f.set("propulsion/set-running", -1)
        f.trim(saqr.TrimMode.LONGITUDINAL)
    return f


def bits(x):
    """The 64 bits of a double, so equal means bit-identical (and NaN == NaN)."""
    return struct.pack("<d", float(x))


def as_list(a):
    return [float(v) for v in a]


def arr(values):
    """An input array in the mode under test."""
    return np.array(values, dtype=np.float64) if saqr.USING_NUMPY else list(values)


class LibraryVersion(unittest.TestCase):
    def test_the_loaded_library_reports_the_headers_version(self):
        with open(os.path.join(REPO, "include", "saqr.h"), encoding="utf-8") as f:
            want = re.search(r'#define SAQR_VERSION_STRING "([0-9.]+)"', f.read()).group(1)
        self.assertEqual(saqr.version(), want)


class ArraysAreNumpyOrLists(unittest.TestCase):
    def test_the_array_mode_follows_numpy_and_saqr_no_numpy(self):
        have = importlib.util.find_spec("numpy") is not None
        self.assertEqual(saqr.USING_NUMPY, have and not os.environ.get("SAQR_NO_NUMPY"))
        if os.environ.get("SAQR_REQUIRE_NUMPY"):
            self.assertTrue(saqr.USING_NUMPY, f"SAQR_REQUIRE_NUMPY is set but {sys.executable} uses lists")

    def test_get_returns_a_float64_array_or_a_list_of_floats(self):
        with c172() as m, saqr.Batch(m, 3, 1) as b:
            out = b.get("position/h-sl-ft")
            if saqr.USING_NUMPY:
                self.assertIsInstance(out, np.ndarray)
                self.assertEqual(out.dtype, np.float64)
                self.assertEqual(out.shape, (3,))
            else:
                self.assertIsInstance(out, list)
                self.assertTrue(all(type(v) is float for v in out))


class BatchMatchesSingleAircraft(unittest.TestCase):
    """Each batch aircraft flies exactly as the same aircraft stepped alone."""

    elevators = (-0.25, -0.1, 0.0, 0.05, 0.2, -0.05, 0.12)
    ailerons = (0.1, -0.2, 0.0, 0.3, -0.05, 0.0, 0.15)
    throttles = (1.0, 0.5, 0.8, 0.2, 0.9, 0.65, 0.0)

    def fly_single(self, i):
        f = c172()
        f.set(ELEV, self.elevators[i])
        f.set(AIL, self.ailerons[i])
        f.step(90)
        f.set(THROTTLE, self.throttles[i])
        f.step(150)
        return f

    def fly_batch(self, m, threads, model_steps=0):
        b = saqr.Batch(m, len(self.elevators), threads)
        m.step(model_steps)                  # the model flies on its own: not one of the N
        b.set(ELEV, arr(self.elevators))
        b.set(AIL, arr(self.ailerons))
        b.step(90)
        b.set(THROTTLE, arr(self.throttles))
        b.step(150)
        return b

    def test_batch_results_are_bit_identical_to_single_aircraft_set_the_same_way(self):
        with c172() as m, self.fly_batch(m, 2, model_steps=37) as b:
            self.assertEqual(b.size, len(self.elevators))
            got = {name: as_list(b.get(name)) for name in OUTPUTS}
            for i in range(b.size):
                with self.fly_single(i) as f:
                    for name in OUTPUTS:
                        self.assertEqual(bits(got[name][i]), bits(f.get(name)),
                                         f"aircraft {i} {name}: batch {got[name][i]!r} single {f.get(name)!r}")
            # the inputs made a difference: the aircraft went different ways
            alt = got["position/h-sl-ft"]
            self.assertGreater(max(alt) - min(alt), 20.0)
            self.assertAlmostEqual(got["simulation/sim-time-sec"][0], 240 / 120.0, places=9)

    def test_every_property_matches_a_single_aircraft(self):
        with c172() as m, self.fly_batch(m, 2) as b, self.fly_single(4) as f:
            for slot in range(m.property_count):
                self.assertEqual(bits(b.get(slot)[4]), bits(f.get(slot)),
                                 f"slot {slot} {m.property_name(slot)}: batch {b.get(slot)[4]!r} "
                                 f"single {f.get(slot)!r}")

    def test_results_do_not_depend_on_the_number_of_threads(self):
        with c172() as m:
            batches = [self.fly_batch(m, t) for t in (1, 2, 3, 7)]
            try:
                self.assertEqual([b.threads for b in batches], [1, 2, 3, 7])
                for slot in range(m.property_count):
                    ref = [bits(v) for v in batches[0].get(slot)]
                    for b in batches[1:]:
                        self.assertEqual([bits(v) for v in b.get(slot)], ref,
                                         f"{m.property_name(slot)} with {b.threads} threads")
            finally:
                for b in batches:
                    b.close()

    def test_a_view_of_one_aircraft_reads_what_the_batch_reads(self):
        with c172() as m, self.fly_batch(m, 2) as b:
            for i in range(b.size):
                a = b.aircraft(i)
                self.assertEqual(bits(a.get("position/h-sl-ft")), bits(b.get("position/h-sl-ft")[i]))
                self.assertAlmostEqual(a.time, 2.0, places=12)

    def test_an_aircraft_set_up_alone_flies_as_a_single_aircraft(self):
        """Per-aircraft set-up through the view (a different trim speed)."""
        with c172(trim=False) as m, saqr.Batch(m, 3, 2) as b:
            m.set("propulsion/set-running", -1)       # the model changes after the fill: not the batch
            for i in range(3):
                a = b.aircraft(i)
                a.set("propulsion/set-running", -1)
                a.set("ic/vc-kts", 80.0 + 10.0 * i)
                a.init()
                a.trim("longitudinal")
            b.step(120)
            vc = as_list(b.get("velocities/vc-kts"))
            for i in range(3):
                f = c172(trim=False)
                f.set("propulsion/set-running", -1)
                f.set("ic/vc-kts", 80.0 + 10.0 * i)
                f.init()
                f.trim("longitudinal")
                f.step(120)
                self.assertEqual(bits(vc[i]), bits(f.get("velocities/vc-kts")), f"aircraft {i}")
                self.assertAlmostEqual(vc[i], 80.0 + 10.0 * i, delta=2.0)
                f.close()


class StepIo(unittest.TestCase):
    """step_io: one turn of set, step and get, with the same results."""

    def test_step_io_gives_what_set_step_and_get_give(self):
        outs = ("position/h-sl-ft", "attitude/phi-rad", "velocities/vc-kts")
        with c172() as m, saqr.Batch(m, 5, 2) as a, saqr.Batch(m, 5, 2) as b:
            for turn in range(8):
                elev = arr([0.02 * ((i + turn) % 5 - 2) for i in range(5)])
                ail = arr([0.03 * ((2 * i + turn) % 3 - 1) for i in range(5)])
                frames = 0 if turn == 3 else 1 + turn % 2
                a.set(ELEV, elev)
                a.set(AIL, ail)
                a.step(frames)
                want = [as_list(a.get(name)) for name in outs]
                got = b.step_io(frames, {ELEV: elev, AIL: ail}, outs)
                self.assertEqual(len(got), len(outs))
                for k, name in enumerate(outs):
                    self.assertEqual([bits(v) for v in got[k]], [bits(v) for v in want[k]], f"turn {turn} {name}")
            self.assertNotEqual(bits(got[1][0]), bits(got[1][1]))   # the inputs made them differ

    def test_step_io_refuses_bad_inputs_and_names_a_failing_aircraft(self):
        with c172() as m, saqr.Batch(m, 3, 1) as b:
            with self.assertRaises(saqr.SaqrError):
                b.step_io(1, {ELEV: arr([0.1, float("nan"), 0.0])}, ["position/h-sl-ft"])
            with self.assertRaises(saqr.SaqrError):
                b.step_io(1, {"velocities/vt-fps": arr([1.0, 2.0, 3.0])})
            with self.assertRaises(saqr.SaqrError):
                b.step_io(1, [ELEV])
            self.assertEqual(b.get("simulation/sim-time-sec")[0], 0.0)   # nothing flew
            with self.assertRaises(saqr.AircraftFailed) as cm:
                b.step_io(2, {"simulation/randomseed": arr([1.0, 2.5, 3.0])}, ["position/h-sl-ft"])
            self.assertEqual(cm.exception.indices, [1])
            # the outputs were read all the same: the others' after their two frames
            alt = cm.exception.outputs[0]
            self.assertEqual(len(alt), 3)
            self.assertEqual(bits(alt[0]), bits(b.get("position/h-sl-ft")[0]))


class Compiled(unittest.TestCase):
    """Fdm.compile: a batch of a compiled model gives the same bits as one
    of the interpreted model; a compiler that fails is named and changes
    nothing."""

    def test_a_compiled_model_flies_its_batch_bit_identically(self):
        results = []
        for compiled in (False, True):
            with c172() as m:
                if compiled:
                    m.compile()
                with saqr.Batch(m, 3, 2) as b:
                    b.set(ELEV, arr([-0.05, 0.0, 0.05]))
                    b.set(AIL, arr([0.1, -0.1, 0.0]))
                    b.step(240)
                    results.append([[bits(x) for x in b.get(slot)] for slot in range(m.property_count)])
        self.assertEqual(results[0], results[1])

    def test_every_order_of_the_frames_flies_the_same_bits(self):
        results = []
        for compiled in (False, True):
            with c172() as m:
                if compiled:
                    m.compile()
                phi = m.property("attitude/phi-rad")
                for order in saqr.Batch.ORDERS:
                    with saqr.Batch(m, 20, 2) as b:
                        b.set_order(order)
                        b.set(AIL, arr([0.01 * (i - 10) for i in range(20)]))
                        b.step(120)
                        results.append([[bits(x) for x in b.get(slot)] for slot in range(m.property_count)])
        for r in results[1:]:
            self.assertEqual(r, results[0])
        # the aircraft flew apart: the comparison had teeth
        self.assertEqual(len(set(results[0][phi])), 20)
        with c172() as m, saqr.Batch(m, 2, 1) as b:
            with self.assertRaisesRegex(saqr.SaqrError, "'sideways' is not one of auto, stages, aircraft"):
                b.set_order("sideways")

    def test_a_reloaded_aircraft_takes_the_compiled_code(self):
        with c172() as donor, c172() as taker, c172() as ref:
            donor.compile()
            self.assertTrue(donor.compiled)
            self.assertFalse(taker.compiled)
            taker.compile_like(donor)
            self.assertTrue(taker.compiled)
            with self.assertRaises(saqr.SaqrError) as cm:
                ref.compile_like(ref)  # nothing compiled to take
            self.assertIn("no compiled code", str(cm.exception))
            self.assertFalse(ref.compiled)
            taker.step(240)
            ref.step(240)
            for slot in range(taker.property_count):
                self.assertEqual(bits(taker.get(slot)), bits(ref.get(slot)), taker.property_name(slot))

    def test_a_failing_compiler_is_named_and_the_model_stays_interpreted(self):
        with c172() as m, c172() as ref:
            with self.assertRaises(saqr.SaqrError) as cm:
                m.compile("/nonexistent/no-such-cc")
            self.assertIn("/nonexistent/no-such-cc", str(cm.exception))
            m.step(120)
            ref.step(120)
            for slot in range(m.property_count):
                self.assertEqual(bits(m.get(slot)), bits(ref.get(slot)), m.property_name(slot))


class RoundTrips(unittest.TestCase):
    def setUp(self):
        self.m = c172()
        self.b = saqr.Batch(self.m, 6, 2)

    def tearDown(self):
        self.b.close()
        self.m.close()

    def test_set_then_get_gives_back_every_value_exactly(self):
        values = [0.1, -1.0 / 3.0, 0.7071067811865476, -0.0, 1e-300, 0.9999999999999999]
        self.b.set(ELEV, arr(values))
        self.assertEqual([bits(v) for v in self.b.get(ELEV)], [bits(v) for v in values])
        slot = self.m.property(ELEV)
        self.assertEqual([bits(v) for v in self.b.get(slot)], [bits(v) for v in values])
        for i, v in enumerate(values):
            self.assertEqual(bits(self.b.aircraft(i).get(ELEV)), bits(v))

    def test_set_all_sets_every_aircraft(self):
        self.b.set_all(THROTTLE, 0.625)
        self.assertEqual(as_list(self.b.get(THROTTLE)), [0.625] * 6)

    def test_setting_one_aircraft_changes_only_that_one(self):
        self.b.set_all(AIL, 0.0)
        self.b.aircraft(4).set(AIL, -0.4)
        self.assertEqual(as_list(self.b.get(AIL)), [0.0, 0.0, 0.0, 0.0, -0.4, 0.0])
        self.assertEqual(self.m.get(AIL), 0.0)     # the model is not one of the aircraft

    def test_fdm_get_and_set_by_name_and_by_slot(self):
        slot = self.m.property(THROTTLE)
        self.assertEqual(self.m.property_name(slot), THROTTLE)
        self.m.set(slot, 0.3)
        self.assertEqual(self.m.get(THROTTLE), 0.3)
        self.m[THROTTLE] = 0.45
        self.assertEqual(self.m[slot], 0.45)
        self.assertEqual(self.m.property("/fdm/jsbsim/" + THROTTLE), slot)
        self.assertEqual(self.m.property_names()[slot], THROTTLE)

    def test_fdm_time_and_dt(self):
        with c172() as f:
            self.assertEqual(f.dt, 1.0 / 120.0)
            f.dt = 1.0 / 60.0
            self.assertEqual(f.dt, 1.0 / 60.0)
            f.step(30)
            self.assertAlmostEqual(f.time, 0.5, places=12)

    def test_get_into_an_existing_array(self):
        if saqr.USING_NUMPY:
            out = np.zeros(6)
            self.assertIs(self.b.get("position/h-sl-ft", out=out), out)
        else:
            out = [0.0] * 6
            self.assertIs(self.b.get("position/h-sl-ft", out=out), out)
        self.assertEqual([bits(v) for v in out], [bits(v) for v in self.b.get("position/h-sl-ft")])
        self.assertGreater(min(out), 3900.0)

    def test_other_array_types_are_accepted(self):
        values = [0.5, 0.25, -0.125, 0.0, 1.0, -1.0]
        if saqr.USING_NUMPY:
            wide = np.array([v for v in values for _ in range(2)])
            self.b.set(ELEV, wide[::2])                         # not contiguous
            self.assertEqual(as_list(self.b.get(ELEV)), values)
            self.b.set(THROTTLE, np.array([1, 0, 1, 0, 1, 0], dtype=np.int32))
            self.assertEqual(as_list(self.b.get(THROTTLE)), [1.0, 0.0] * 3)
        self.b.set(AIL, array.array("d", values))
        self.assertEqual(as_list(self.b.get(AIL)), values)
        self.b.set(AIL, tuple(reversed(values)))
        self.assertEqual(as_list(self.b.get(AIL)), list(reversed(values)))

    def test_sizes(self):
        self.assertEqual(len(self.b), 6)
        self.assertEqual(self.b.size, 6)
        self.assertEqual(self.b.threads, 2)
        per = self.b.bytes_per_aircraft
        # the aircraft's own state: at least its property values, far less
        # than a whole loaded aircraft
        self.assertGreaterEqual(per, 8 * self.m.property_count)
        self.assertLess(per, 10 * 1024 * 1024)


class Errors(unittest.TestCase):
    def setUp(self):
        self.m = c172()
        self.b = saqr.Batch(self.m, 4, 2)

    def tearDown(self):
        self.b.close()
        self.m.close()

    def assertMessage(self, cm, *parts):
        text = str(cm.exception)
        for p in parts:
            self.assertIn(p, text, f"message {text!r}")

    def test_a_bad_slot_is_refused_naming_it(self):
        n = self.m.property_count
        for slot in (-1, n, 10 ** 9):
            with self.assertRaises(saqr.SaqrError) as cm:
                self.b.get(slot)
            self.assertMessage(cm, "slot", str(slot))
            with self.assertRaises(saqr.SaqrError) as cm:
                self.b.set(slot, arr([0.0] * 4))
            self.assertMessage(cm, str(slot))
            with self.assertRaises(saqr.SaqrError) as cm:
                self.m.get(slot)
            self.assertMessage(cm, str(slot))
            with self.assertRaises(saqr.SaqrError):
                self.b.aircraft(0).set(slot, 0.0)

    def test_an_unknown_property_name_is_refused_naming_it(self):
        with self.assertRaises(saqr.SaqrError) as cm:
            self.b.get("fcs/no-such-thing")
        self.assertMessage(cm, "fcs/no-such-thing")
        self.assertEqual(cm.exception.status, 6)

    def test_a_nan_value_is_refused_and_changes_nothing(self):
        before = [0.1, 0.2, 0.3, 0.4]
        self.b.set(ELEV, arr(before))
        with self.assertRaises(saqr.SaqrError) as cm:
            self.b.set(ELEV, arr([0.0, 0.0, float("nan"), 0.0]))
        self.assertEqual(cm.exception.status, 1)
        self.assertMessage(cm, "finite")
        self.assertIn("2", str(cm.exception))          # the aircraft it came from
        self.assertEqual(as_list(self.b.get(ELEV)), before)
        with self.assertRaises(saqr.SaqrError) as cm:
            self.b.set_all(ELEV, math.inf)
        self.assertMessage(cm, "finite")
        self.assertEqual(as_list(self.b.get(ELEV)), before)
        with self.assertRaises(saqr.SaqrError) as cm:
            self.m.set(ELEV, float("nan"))
        self.assertMessage(cm, ELEV, "finite")

    def test_a_read_only_property_is_refused(self):
        with self.assertRaises(saqr.SaqrError) as cm:
            self.b.set("velocities/vc-kts", arr([90.0] * 4))
        self.assertMessage(cm, "read-only")
        with self.assertRaises(saqr.SaqrError) as cm:
            self.m.set("velocities/vc-kts", 90.0)
        self.assertMessage(cm, "velocities/vc-kts", "read-only")

    def test_a_wrong_array_length_is_refused(self):
        for values in ([0.0] * 3, [0.0] * 5, []):
            with self.assertRaises(saqr.SaqrError) as cm:
                self.b.set(ELEV, arr(values))
            self.assertMessage(cm, "expected 4")
        if saqr.USING_NUMPY:
            with self.assertRaises(saqr.SaqrError) as cm:
                self.b.set(ELEV, np.zeros((4, 1)))
            self.assertMessage(cm, "expected 4")
            with self.assertRaises(saqr.SaqrError):
                self.b.get(ELEV, out=np.zeros(5))
            with self.assertRaises(saqr.SaqrError):
                self.b.get(ELEV, out=np.zeros(4, dtype=np.float32))
        with self.assertRaises(saqr.SaqrError):
            self.b.set(ELEV, 0.5)                        # a number is not an array: set_all
        with self.assertRaises(saqr.SaqrError):
            self.b.set(ELEV, ["a", "b", "c", "d"])

    def test_a_missing_aircraft_file_is_named(self):
        with saqr.Fdm() as f:
            with self.assertRaises(saqr.SaqrError) as cm:
                f.load_aircraft(ROOT, "no-such-plane")
            self.assertEqual(cm.exception.status, 3)
            self.assertMessage(cm, "no-such-plane")
            with self.assertRaises(saqr.SaqrError):
                f.init()                                  # nothing loaded
            with self.assertRaises(saqr.SaqrError) as cm:
                saqr.Batch(f, 2)
            self.assertEqual(cm.exception.status, 5)
        with saqr.Fdm() as f:
            f.load_aircraft(ROOT, "c172x")
            with self.assertRaises(saqr.SaqrError) as cm:
                f.load_initfile("no-such-reset")
            self.assertMessage(cm, "no-such-reset")

    def test_a_model_not_initialised_cannot_fill_a_batch(self):
        with saqr.Fdm() as f:
            f.load_aircraft(ROOT, "c172x")
            with self.assertRaises(saqr.SaqrError) as cm:
                saqr.Batch(f, 2)
            self.assertEqual(cm.exception.status, 5)
            self.assertTrue(str(cm.exception).strip(": "))

    def test_bad_batch_sizes_and_indices(self):
        for n in (0, -3, 1_000_001):
            with self.assertRaises(saqr.SaqrError):
                saqr.Batch(self.m, n)
        with self.assertRaises(saqr.SaqrError):
            saqr.Batch(self.m, 2, threads=257)
        for i in (-1, 4):
            with self.assertRaises(saqr.SaqrError) as cm:
                self.b.aircraft(i)
            self.assertMessage(cm, str(i))
            with self.assertRaises(saqr.SaqrError):
                self.b.reset(i)
            with self.assertRaises(saqr.SaqrError):
                self.b.failed(i)
        with self.assertRaises(saqr.SaqrError):
            self.b.step(-1)

    def test_an_aircraft_that_fails_stops_and_the_others_go_on(self):
        winds = [0.0, 1e300, 0.0, 0.0]          # a wind no force model survives
        self.b.set("atmosphere/wind-north-fps", arr(winds))
        with self.assertRaises(saqr.AircraftFailed) as cm:
            self.b.step(10)
        self.assertEqual(cm.exception.indices, [1])
        self.assertIn("1", str(cm.exception))
        self.assertEqual([self.b.failed(i) for i in range(4)], [False, True, False, False])
        t = as_list(self.b.get("simulation/sim-time-sec"))
        for i in (0, 2, 3):
            self.assertAlmostEqual(t[i], 10 / 120.0, places=12)
        self.assertLess(t[1], 10 / 120.0)
        self.b.reset(1)
        self.assertFalse(self.b.failed(1))
        self.b.step(10)                          # all four fly again
        self.assertEqual(self.b.failed_indices(), [])


class Reset(unittest.TestCase):
    def test_reset_brings_an_aircraft_back_to_the_model_state(self):
        with c172() as m:
            start = [m.get(s) for s in range(m.property_count)]
            with saqr.Batch(m, 5, 2) as b:
                m.set(THROTTLE, 0.3)
                m.step(50)                        # the model moves on; reset must not follow it
                b.set(ELEV, arr([-0.2, -0.1, 0.0, 0.1, 0.2]))
                b.step(120)
                flown = {s: as_list(b.get(s)) for s in range(m.property_count)}
                b.reset(2)
                for s in range(m.property_count):
                    now = as_list(b.get(s))
                    self.assertEqual(bits(now[2]), bits(start[s]), f"aircraft 2 {m.property_name(s)}")
                    for i in (0, 1, 3, 4):
                        self.assertEqual(bits(now[i]), bits(flown[s][i]),
                                         f"aircraft {i} {m.property_name(s)} changed by another's reset")
                self.assertEqual(b.aircraft(2).time, 0.0)
                # and it flies again as a fresh aircraft would
                b.set_all(ELEV, -0.15)
                b.step(60)
                with c172() as f:
                    f.set(ELEV, -0.15)
                    f.step(60)
                    for name in OUTPUTS:
                        self.assertEqual(bits(b.get(name)[2]), bits(f.get(name)), name)

    def test_a_view_taken_before_a_reset_sees_the_reset_aircraft(self):
        with c172() as m, saqr.Batch(m, 3, 1) as b:
            a = b.aircraft(2)
            b.step(30)
            self.assertAlmostEqual(a.time, 0.25, places=12)
            b.reset(2)
            self.assertEqual(a.time, 0.0)
            self.assertEqual(bits(a.get("position/h-sl-ft")), bits(m.get("position/h-sl-ft")))
            a.set(ELEV, -0.3)
            self.assertEqual(as_list(b.get(ELEV)), [0.0, 0.0, -0.3])

    def test_reset_takes_several_indices(self):
        with c172() as m, saqr.Batch(m, 4, 1) as b:
            b.step(30)
            b.reset([0, 3])
            t = as_list(b.get("simulation/sim-time-sec"))
            self.assertEqual(t[0], 0.0)
            self.assertEqual(t[3], 0.0)
            self.assertAlmostEqual(t[1], 0.25, places=12)
            b.reset(range(4))
            self.assertEqual(as_list(b.get("simulation/sim-time-sec")), [0.0] * 4)


class Lifetimes(unittest.TestCase):
    def test_a_batch_keeps_its_model_alive_when_the_model_is_closed_first(self):
        m = c172()
        b = saqr.Batch(m, 3, 1)
        handle = m._handle
        m.close()
        self.assertTrue(m.closed)
        self.assertIsNotNone(handle.ptr)          # not freed: the batch still uses it
        with self.assertRaises(saqr.SaqrError):
            m.get(THROTTLE)                        # closed for its user all the same
        b.step(12)
        self.assertAlmostEqual(b.get("simulation/sim-time-sec")[0], 0.1, places=12)
        b.close()
        self.assertIsNone(handle.ptr)             # freed after the batch
        with self.assertRaises(saqr.SaqrError):
            b.step(1)
        b.close()
        m.close()                                  # twice: nothing

    def test_the_batch_is_destroyed_before_its_model_whatever_closes_first(self):
        for first in ("model", "batch"):
            order = []
            m = c172(trim=False)
            b = saqr.Batch(m, 2, 1)
            for obj, name in ((m, "model"), (b, "batch")):
                def destroy(ptr, real=obj._handle.destroy, name=name):
                    order.append(name)
                    real(ptr)
                obj._handle.destroy = destroy
            if first == "model":
                m.close()
                b.close()
            else:
                b.close()
                m.close()
            self.assertEqual(order, ["batch", "model"], f"{first} closed first")

    def test_closing_the_batch_leaves_the_model_usable(self):
        with c172() as m:
            with saqr.Batch(m, 2, 1) as b:
                b.step(5)
            self.assertTrue(b.closed)
            m.step(5)
            self.assertAlmostEqual(m.time, 5 / 120.0, places=12)
            with saqr.Batch(m, 2, 1) as b2:        # and another batch can be made
                self.assertEqual(b2.aircraft(0).time, m.time)

    def test_a_view_stops_working_when_its_batch_closes(self):
        with c172() as m:
            b = saqr.Batch(m, 2, 1)
            a = b.aircraft(1)
            a.close()                              # a view owns nothing
            a = b.aircraft(1)
            self.assertGreater(a.get("position/h-sl-ft"), 3900.0)
            with self.assertRaises(saqr.SaqrError):
                a.load_aircraft(ROOT, "c172x")
            b.close()
            self.assertTrue(a.closed)
            with self.assertRaises(saqr.SaqrError) as cm:
                a.get("position/h-sl-ft")
            self.assertIn("closed", str(cm.exception))

    def test_a_model_with_open_batches_cannot_be_loaded_again(self):
        with c172() as m, saqr.Batch(m, 2, 1):
            with self.assertRaises(saqr.SaqrError) as cm:
                m.load_aircraft(ROOT, "c172x")
            self.assertIn("batch", str(cm.exception))

    def test_garbage_collection_frees_a_cycle_in_a_safe_order(self):
        """Model and batch in a reference cycle: the collector may finalise
        either first; the batch must still be destroyed first (a crash or a
        sanitizer report otherwise)."""
        for first in ("model", "batch"):
            m = c172(trim=False)
            b = saqr.Batch(m, 2, 2)
            holder = {"m": m, "b": b}
            holder["self"] = holder
            m.cycle = holder
            b.cycle = holder
            handles = (m._handle, b._handle)
            if first == "model":
                m.__del__()
            else:
                b.__del__()
            del m, b, holder
            gc.collect()
            self.assertEqual([h.ptr for h in handles], [None, None])

    def test_many_batches_come_and_go(self):
        with c172(trim=False) as m:
            for k in range(20):
                b = saqr.Batch(m, 8, 2)
                b.step(1)
                del b
            gc.collect()
            self.assertEqual(m._handle.users, 1)


class GymExample(unittest.TestCase):
    def run_example(self, *args):
        p = subprocess.run([sys.executable, EXAMPLE, "--n", "8", "--steps", "100", "--threads", "2", *args],
                           capture_output=True, text=True, timeout=120)
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
        self.assertIn("steps/s", p.stdout)
        m = re.search(r"mean_reward=(-?[0-9.]+)", p.stdout)
        self.assertIsNotNone(m, p.stdout)
        return float(m.group(1)), p.stdout

    def test_the_gym_loop_runs_and_its_controller_beats_hands_off(self):
        p_reward, out = self.run_example("--policy", "p")
        zero_reward, _ = self.run_example("--policy", "zero")
        self.assertIn("numpy" if saqr.USING_NUMPY else "lists", out)
        # holding altitude and heading with feedback must earn more than
        # leaving the controls at trim while the targets are off
        self.assertGreater(p_reward, zero_reward + 0.2, f"p {p_reward} zero {zero_reward}")

    def test_the_compiled_model_earns_the_same_reward(self):
        p_reward, _ = self.run_example("--policy", "p")
        c_reward, out = self.run_example("--policy", "p", "--compile")
        self.assertIn("compiled", out)
        self.assertEqual(p_reward, c_reward)


if __name__ == "__main__":
    print(f"saqr binding: {saqr.library_path()} {saqr.version()}, {sys.executable}, arrays: "
          f"{'numpy' if saqr.USING_NUMPY else 'lists'}")
    if not saqr.USING_NUMPY and not os.environ.get("SAQR_NO_NUMPY"):
        print(f"note: {sys.executable} cannot import numpy; only the list path is tested "
              "(SAQR_REQUIRE_NUMPY=1 makes that a failure)")
    unittest.main(verbosity=1)
