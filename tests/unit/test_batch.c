/*
 * test_batch.c - the batch API (include/saqr_batch.h): aircraft of a batch
 * give bit-identical results to the same aircraft loaded and stepped alone,
 * whatever the thread count; they do not disturb each other or the model;
 * reset, errors, and the memory an extra aircraft costs.
 */
#include <stddef.h>
#include <stdlib.h>
#include <math.h>
#include <string.h>

#include "fdm_util.h"
#include "saqr_batch.h"

#define NAC 5
#define FRAMES 360

/* Per-aircraft inputs: different controls for each aircraft. */
typedef struct inputs {
    double elevator, aileron, throttle;
} inputs;

static inputs input_of(int i)
{
    inputs in = {-0.05 + 0.03 * i, 0.04 * (i - 2), 0.5 + 0.1 * i};
    return in;
}

static const char *const outputs[] = {
    "position/h-sl-ft",  "attitude/theta-deg", "attitude/phi-deg",
    "velocities/vc-kts", "position/lat-gc-deg", "fcs/left-aileron-pos-deg",
};
#define NOUT (sizeof outputs / sizeof outputs[0])

static void apply_inputs(saqr_fdm *f, inputs in)
{
    fdm_set(f, "fcs/elevator-cmd-norm", in.elevator);
    fdm_set(f, "fcs/aileron-cmd-norm", in.aileron);
    fdm_set(f, "fcs/throttle-cmd-norm", in.throttle);
}

/* The aircraft at its initialisation file; the F-16's (on the runway) is
 * moved to 8,000 ft and 300 kt with its engine running. */
static saqr_fdm *load(const char *aircraft, const char *initfile)
{
    if (!strcmp(aircraft, "f16"))
        return fdm_reference_f16_in_flight(initfile);
    return fdm_reference_aircraft(aircraft, initfile);
}

/* The same aircraft loaded alone, flown with aircraft i's inputs. */
static void fly_alone(const char *aircraft, const char *initfile, int i, int frames, double out[NOUT])
{
    saqr_fdm *f = load(aircraft, initfile);
    apply_inputs(f, input_of(i));
    for (int k = 0; k < frames; k++)
        assert_int_equal(saqr_fdm_step(f), SAQR_OK);
    for (size_t j = 0; j < NOUT; j++)
        out[j] = fdm_get(f, outputs[j]);
    saqr_fdm_destroy(f);
}

static saqr_batch *batch_of(saqr_fdm *model, int n, int threads)
{
    saqr_batch *b = saqr_batch_create(NULL);
    assert_non_null(b);
    if (saqr_batch_fill(b, model, n, threads) != SAQR_OK)
        fail_msg("fill: %s", saqr_batch_error(b));
    return b;
}

static void set_inputs(saqr_batch *b, saqr_fdm *model)
{
    double v[NAC];
    const char *names[3] = {"fcs/elevator-cmd-norm", "fcs/aileron-cmd-norm", "fcs/throttle-cmd-norm"};
    for (int c = 0; c < 3; c++) {
        for (int i = 0; i < NAC; i++) {
            inputs in = input_of(i);
            v[i] = c == 0 ? in.elevator : c == 1 ? in.aileron : in.throttle;
        }
        assert_int_equal(saqr_batch_set(b, saqr_fdm_property(model, names[c]), v), SAQR_OK);
    }
}

static void check_matches_alone(const char *aircraft, const char *initfile, int threads)
{
    saqr_fdm *model = load(aircraft, initfile);
    saqr_batch *b = batch_of(model, NAC, threads);
    assert_int_equal(saqr_batch_size(b), NAC);
    set_inputs(b, model);
    /* in two calls, as an environment loop would */
    assert_int_equal(saqr_batch_step(b, FRAMES / 3), SAQR_OK);
    assert_int_equal(saqr_batch_step(b, FRAMES - FRAMES / 3), SAQR_OK);
    double got[NOUT][NAC];
    for (size_t j = 0; j < NOUT; j++)
        assert_int_equal(saqr_batch_get(b, saqr_fdm_property(model, outputs[j]), got[j]), SAQR_OK);
    for (int i = 0; i < NAC; i++) {
        double want[NOUT];
        fly_alone(aircraft, initfile, i, FRAMES, want);
        for (size_t j = 0; j < NOUT; j++)
            if (memcmp(&got[j][i], &want[j], sizeof want[j]) != 0)
                fail_msg("%s, %d threads, aircraft %d: %s = %.17g in the batch, %.17g alone", aircraft,
                         threads, i, outputs[j], got[j][i], want[j]);
    }
    /* the inputs made the aircraft differ (pitch or bank by a degree):
     * the comparison had teeth */
    assert_true(fabs(got[1][0] - got[1][NAC - 1]) > 1.0 || fabs(got[2][0] - got[2][NAC - 1]) > 1.0);
    saqr_batch_destroy(b);
    saqr_fdm_destroy(model);
}

static void c172_batch_matches_each_alone_on_one_and_two_threads(void **state)
{
    (void)state;
    check_matches_alone("c172x", "reset01", 1);
    check_matches_alone("c172x", "reset01", 2);
}

/* The F-16: a flight-control system full of filters and integrators,
 * run on more threads than the machine has cores. */
static void f16_batch_matches_each_alone_on_three_threads(void **state)
{
    (void)state;
    check_matches_alone("f16", "reset00", 3);
}

/* The model keeps flying as if no batch had been made from it. */
/* A c172x in milspec turbulence (Dryden), each aircraft with a seed of
 * its own: the generator is per aircraft, so each flies as alone with its
 * seed, and the seeds make them differ. */
static saqr_fdm *turbulent_c172(double seed)
{
    saqr_fdm *f = fdm_reference_aircraft("c172x", "reset01");
    fdm_set(f, "atmosphere/turb-type", 3.0);
    fdm_set(f, "atmosphere/turbulence/milspec/windspeed_at_20ft_AGL-fps", 30.0);
    fdm_set(f, "atmosphere/turbulence/milspec/severity", 4.0);
    fdm_set(f, "simulation/randomseed", seed);
    return f;
}

static void turbulent_aircraft_fly_as_alone(void **state)
{
    (void)state;
    enum { N = 3, STEPS = 240 };
    saqr_fdm *model = turbulent_c172(0.0);
    saqr_batch *b = batch_of(model, N, 2);
    const int seed = saqr_fdm_property(model, "simulation/randomseed");
    const int phi = saqr_fdm_property(model, "attitude/phi-deg");
    const double seeds[N] = {11.0, 12.0, 13.0};
    assert_int_equal(saqr_batch_set(b, seed, seeds), SAQR_OK);
    for (int k = 0; k < STEPS; k++) /* frame by frame, as a real-time loop */
        assert_int_equal(saqr_batch_step(b, 1), SAQR_OK);
    double got[N];
    assert_int_equal(saqr_batch_get(b, phi, got), SAQR_OK);
    for (int i = 0; i < N; i++) {
        saqr_fdm *f = turbulent_c172(seeds[i]);
        for (int k = 0; k < STEPS; k++)
            assert_int_equal(saqr_fdm_step(f), SAQR_OK);
        const double want = saqr_fdm_get(f, phi);
        if (memcmp(&got[i], &want, sizeof want) != 0)
            fail_msg("aircraft %d: bank %.17g in the batch, %.17g alone", i, got[i], want);
        saqr_fdm_destroy(f);
    }
    assert_true(fabs(got[0] - got[1]) > 0.01 && fabs(got[1] - got[2]) > 0.01);
    saqr_batch_destroy(b);
    saqr_fdm_destroy(model);
}

/* saqr_batch_step_io against the same turns made of set, step and get:
 * bit for bit the same outputs, turn after turn, also for a turn of no
 * frames (inputs written, outputs read). */
static void step_io_matches_set_step_and_get(void **state)
{
    (void)state;
    enum { N = 5, TURNS = 12 };
    saqr_fdm *model = fdm_c172_in_flight();
    saqr_batch *a = batch_of(model, N, 2), *b = batch_of(model, N, 2);
    const int in[2] = {saqr_fdm_property(model, "fcs/elevator-cmd-norm"),
                       saqr_fdm_property(model, "fcs/aileron-cmd-norm")};
    const int out[3] = {saqr_fdm_property(model, "position/h-sl-ft"), saqr_fdm_property(model, "attitude/phi-deg"),
                        saqr_fdm_property(model, "position/distance-from-start-mag-mt")}; /* worked out when read */
    double values[2 * N], want[3 * N], got[3 * N];
    for (int turn = 0; turn < TURNS; turn++) {
        const int frames = turn == 5 ? 0 : 1 + turn % 3;
        for (int i = 0; i < N; i++) {
            values[i] = 0.02 * ((i + turn) % 5 - 2);
            values[N + i] = 0.03 * ((2 * i + turn) % 3 - 1);
        }
        for (int k = 0; k < 2; k++)
            assert_int_equal(saqr_batch_set(a, in[k], values + k * N), SAQR_OK);
        assert_int_equal(saqr_batch_step(a, frames), SAQR_OK);
        for (int k = 0; k < 3; k++)
            assert_int_equal(saqr_batch_get(a, out[k], want + k * N), SAQR_OK);
        assert_int_equal(saqr_batch_step_io(b, frames, 2, in, values, 3, out, got), SAQR_OK);
        assert_memory_equal(got, want, sizeof want);
    }
    assert_true(fabs(got[N] - got[N + 1]) > 0.01); /* the inputs made them differ */
    saqr_batch_destroy(a);
    saqr_batch_destroy(b);
    saqr_fdm_destroy(model);
}

/* Bad exchanges are refused, changing nothing; an aircraft that refuses
 * its own input fails alone, as a failed step. */
static void step_io_refuses_bad_exchanges(void **state)
{
    (void)state;
    enum { N = 3 };
    saqr_fdm *model = fdm_c172_in_flight();
    saqr_batch *b = batch_of(model, N, 1);
    const int elev = saqr_fdm_property(model, "fcs/elevator-cmd-norm");
    const int alt = saqr_fdm_property(model, "position/h-sl-ft");
    const int vt = saqr_fdm_property(model, "velocities/vt-fps"); /* read-only */
    const int seed = saqr_fdm_property(model, "simulation/randomseed");
    double v[N] = {0.1, 0.1, 0.1}, out[N];
    assert_int_equal(saqr_batch_step_io(b, -1, 1, &elev, v, 1, &alt, out), SAQR_EINVAL);
    assert_int_equal(saqr_batch_step_io(b, 1, -1, &elev, v, 1, &alt, out), SAQR_EINVAL);
    assert_int_equal(saqr_batch_step_io(b, 1, 1, NULL, v, 1, &alt, out), SAQR_EINVAL);
    assert_int_equal(saqr_batch_step_io(b, 1, 1, &elev, NULL, 1, &alt, out), SAQR_EINVAL);
    assert_int_equal(saqr_batch_step_io(b, 1, 1, &elev, v, 1, &alt, NULL), SAQR_EINVAL);
    assert_int_equal(saqr_batch_step_io(b, 1, 1, &vt, v, 1, &alt, out), SAQR_EINVAL);
    assert_non_null(strstr(saqr_batch_error(b), "read-only"));
    const int bad = 99999;
    assert_int_equal(saqr_batch_step_io(b, 1, 0, NULL, NULL, 1, &bad, out), SAQR_EINVAL);
    v[2] = NAN;
    assert_int_equal(saqr_batch_step_io(b, 1, 1, &elev, v, 1, &alt, out), SAQR_EINVAL);
    assert_non_null(strstr(saqr_batch_error(b), "aircraft 2"));
    /* nothing changed: no frame flown, no input written */
    assert_int_equal(saqr_fdm_time(saqr_batch_aircraft(b, 0)), 0);
    assert_true(saqr_fdm_get(saqr_batch_aircraft(b, 2), elev) != 0.1);
    /* a seed that is not a whole number: aircraft 1 refuses it and fails */
    double seeds[N] = {3.0, 2.5, 4.0};
    assert_int_equal(saqr_batch_step_io(b, 2, 1, &seed, seeds, 1, &alt, out), SAQR_EINVAL);
    assert_non_null(strstr(saqr_batch_error(b), "aircraft 1"));
    assert_true(saqr_batch_failed(b, 1) && !saqr_batch_failed(b, 0) && !saqr_batch_failed(b, 2));
    assert_true(saqr_fdm_time(saqr_batch_aircraft(b, 0)) > 0 && saqr_fdm_time(saqr_batch_aircraft(b, 1)) == 0);
    assert_true(isfinite(out[1])); /* its output is still read */
    saqr_batch_destroy(b);
    saqr_fdm_destroy(model);
}

static void model_is_not_disturbed_by_its_batch(void **state)
{
    (void)state;
    saqr_fdm *model = fdm_c172_in_flight();
    saqr_batch *b = batch_of(model, 3, 2);
    double v[3] = {-0.3, 0.0, 0.3};
    assert_int_equal(saqr_batch_set(b, saqr_fdm_property(model, "fcs/elevator-cmd-norm"), v), SAQR_OK);
    apply_inputs(model, input_of(1));
    for (int k = 0; k < FRAMES; k++) {
        assert_int_equal(saqr_fdm_step(model), SAQR_OK);
        assert_int_equal(saqr_batch_step(b, 1), SAQR_OK);
    }
    double want[NOUT];
    fly_alone("c172x", "reset01", 1, FRAMES, want);
    for (size_t j = 0; j < NOUT; j++)
        assert_memory_equal(&want[j], &(double){fdm_get(model, outputs[j])}, sizeof(double));
    saqr_batch_destroy(b);
    saqr_fdm_destroy(model);
}

/* The parameters a property can change (an engine's friction and
 * volumetric efficiency, the propeller's sense, a tank's place) are each
 * aircraft's own: the aircraft of a batch share their model's loaded
 * parameters, and must not share these.  Each aircraft, given its own
 * values, flies as the same aircraft loaded alone with those values. */
static const char *const engine_params[] = {
    "propulsion/engine/friction-hp", "propulsion/engine/volumetric-efficiency",
    "propulsion/engine/propeller-sense", "propulsion/tank/x-position",
};
#define NPARAM (sizeof engine_params / sizeof engine_params[0])

static double engine_param_of(int i, size_t k)
{
    const double base[NPARAM] = {1.5, 0.8, 1.0, 56.0};
    const double step[NPARAM] = {2.0, 0.04, -2.0, 9.0}; /* the sense flips each aircraft */
    return k == 2 ? (i % 2 ? -1.0 : 1.0) : base[k] + step[k] * i;
}

static void batch_aircraft_keep_their_own_engine_parameters(void **state)
{
    (void)state;
    enum { N = 4, STEPS = 240 };
    const char *const watched[] = {"propulsion/engine/engine-rpm", "propulsion/engine/thrust-lbs",
                                   "attitude/phi-deg", "velocities/r-rad_sec"};
    saqr_fdm *model = load("c172x", "reset01");
    saqr_batch *b = batch_of(model, N, 2);
    for (size_t k = 0; k < NPARAM; k++) {
        double v[N];
        for (int i = 0; i < N; i++)
            v[i] = engine_param_of(i, k);
        assert_int_equal(saqr_batch_set(b, saqr_fdm_property(model, engine_params[k]), v), SAQR_OK);
    }
    assert_int_equal(saqr_batch_step(b, STEPS), SAQR_OK);
    double got[4][N];
    for (int j = 0; j < 4; j++)
        assert_int_equal(saqr_batch_get(b, saqr_fdm_property(model, watched[j]), got[j]), SAQR_OK);
    for (int i = 0; i < N; i++) {
        saqr_fdm *f = load("c172x", "reset01");
        for (size_t k = 0; k < NPARAM; k++)
            fdm_set(f, engine_params[k], engine_param_of(i, k));
        for (int s = 0; s < STEPS; s++)
            assert_int_equal(saqr_fdm_step(f), SAQR_OK);
        for (int j = 0; j < 4; j++) {
            double want = fdm_get(f, watched[j]);
            if (memcmp(&got[j][i], &want, sizeof want) != 0)
                fail_msg("aircraft %d: %s = %.17g in the batch, %.17g alone", i, watched[j], got[j][i], want);
        }
        saqr_fdm_destroy(f);
    }
    /* the parameters made the engines and the flights differ: the
     * comparison had teeth */
    assert_true(fabs(got[0][0] - got[0][N - 1]) > 1.0);
    assert_true(memcmp(&got[3][0], &got[3][1], sizeof(double)) != 0);
    saqr_batch_destroy(b);
    saqr_fdm_destroy(model);
}

static void reset_returns_an_aircraft_to_the_fill_state(void **state)
{
    (void)state;
    saqr_fdm *model = fdm_c172_in_flight();
    const int alt = saqr_fdm_property(model, "position/h-sl-ft");
    const double alt0_ft = saqr_fdm_get(model, alt);
    saqr_batch *b = batch_of(model, 2, 1);
    assert_int_equal(saqr_batch_set_all(b, saqr_fdm_property(model, "fcs/elevator-cmd-norm"), -0.4),
                     SAQR_OK);
    assert_int_equal(saqr_batch_step(b, 600), SAQR_OK);
    double a[2];
    assert_int_equal(saqr_batch_get(b, alt, a), SAQR_OK);
    assert_true(a[0] > alt0_ft + 50.0);          /* pulled up: climbed     */
    /* properties worked out when read come out of get as from the handle */
    const int dist = saqr_fdm_property(model, "position/distance-from-start-mag-mt");
    assert_int_equal(saqr_batch_get(b, dist, a), SAQR_OK);
    assert_true(a[1] > 50.0);                    /* it flew on for 5 s    */
    assert_memory_equal(&a[1], &(double){saqr_fdm_get(saqr_batch_aircraft(b, 1), dist)}, sizeof(double));
    saqr_fdm *before = saqr_batch_aircraft(b, 1);
    assert_int_equal(saqr_batch_reset(b, 1), SAQR_OK);
    assert_ptr_equal(saqr_batch_aircraft(b, 1), before);
    assert_int_equal(saqr_batch_get(b, alt, a), SAQR_OK);
    assert_true(a[0] > alt0_ft + 50.0);
    assert_memory_equal(&a[1], &alt0_ft, sizeof alt0_ft);
    assert_int_equal(saqr_fdm_time(saqr_batch_aircraft(b, 1)), 0);
    assert_int_equal(saqr_batch_reset(b, 2), SAQR_EINVAL);
    saqr_batch_destroy(b);
    saqr_fdm_destroy(model);
}

static void bad_input_is_refused_naming_the_problem(void **state)
{
    (void)state;
    saqr_fdm *model = fdm_c172_in_flight();
    saqr_batch *b = saqr_batch_create(NULL);
    assert_int_equal(saqr_batch_step(b, 1), SAQR_ESTATE);
    assert_int_equal(saqr_batch_fill(b, model, 0, 1), SAQR_EINVAL);
    assert_int_equal(saqr_batch_fill(b, model, 2, -1), SAQR_EINVAL);
    saqr_fdm *unready = saqr_fdm_create(NULL);
    assert_int_equal(saqr_batch_fill(b, unready, 2, 1), SAQR_ESTATE);
    saqr_fdm_destroy(unready);
    assert_int_equal(saqr_batch_fill(b, model, 3, 0), SAQR_OK);
    assert_true(saqr_batch_threads(b) >= 1 && saqr_batch_threads(b) <= 3);
    assert_int_equal(saqr_batch_fill(b, model, 3, 0), SAQR_ESTATE);

    const int elev = saqr_fdm_property(model, "fcs/elevator-cmd-norm");
    double v[3] = {0.1, NAN, 0.2}, out[3];
    assert_int_equal(saqr_batch_set(b, elev, v), SAQR_EINVAL);
    assert_non_null(strstr(saqr_batch_error(b), "aircraft 1"));
    assert_int_equal(saqr_batch_set(b, -1, v), SAQR_EINVAL);
    assert_int_equal(saqr_batch_set(b, saqr_fdm_property_count(model), v), SAQR_EINVAL);
    assert_int_equal(saqr_batch_get(b, elev, NULL), SAQR_EINVAL);
    assert_int_equal(saqr_batch_set_all(b, elev, INFINITY), SAQR_EINVAL);
    assert_int_equal(saqr_batch_step(b, -1), SAQR_EINVAL);
    assert_int_equal(saqr_batch_set_order(b, (saqr_batch_order)3), SAQR_EINVAL);
    assert_non_null(strstr(saqr_batch_error(b), "3 is not one of saqr_batch_order's values"));
    assert_int_equal(saqr_batch_set_order(b, (saqr_batch_order)-1), SAQR_EINVAL);
    assert_int_equal(saqr_batch_set_order(NULL, SAQR_BATCH_ORDER_STAGES), SAQR_EINVAL);
    /* nothing changed by the refused calls */
    assert_int_equal(saqr_batch_get(b, elev, out), SAQR_OK);
    assert_true(out[0] == saqr_fdm_get(model, elev) && out[2] == out[0]);
    /* an aircraft of a batch loads nothing */
    saqr_fdm *one = saqr_batch_aircraft(b, 0);
    char root[1024];
    test_shared_path(root, sizeof root, "reference/jsbsim");
    assert_int_equal(saqr_fdm_load_aircraft(one, root, "c172x"), SAQR_ESTATE);
    assert_int_equal(saqr_fdm_load_initfile(one, "reset01"), SAQR_ESTATE);
    assert_null(saqr_batch_aircraft(b, 3));
    assert_null(saqr_batch_aircraft(b, -1));
    saqr_batch_destroy(b);
    saqr_fdm_destroy(model);
}

/* A batch large enough to set and get on every worker (4,096 aircraft,
 * src/batch/batch.c): each aircraft takes its own value and reads back
 * what it reads alone; a value an aircraft refuses after the batch's
 * checks (a negative random seed) is named by the first aircraft that
 * refused, in either worker's share, every aircraft before it set. */
static void a_large_batch_sets_and_gets_on_every_worker(void **state)
{
    (void)state;
    enum { N = 4096 };
    saqr_fdm *model = fdm_c172_in_flight();
    saqr_batch *b = batch_of(model, N, 2);
    const int elev = saqr_fdm_property(model, "fcs/elevator-cmd-norm");
    const int seed = saqr_fdm_property(model, "simulation/randomseed");
    double *v = malloc(N * sizeof *v), *got = malloc(N * sizeof *got);
    assert_non_null(v);
    assert_non_null(got);
    for (int i = 0; i < N; i++)
        v[i] = -0.5 + (double)i / N;
    assert_int_equal(saqr_batch_set(b, elev, v), SAQR_OK);
    assert_int_equal(saqr_batch_get(b, elev, got), SAQR_OK);
    for (int i = 0; i < N; i++) {
        if (got[i] != v[i] || saqr_fdm_get(saqr_batch_aircraft(b, i), elev) != v[i])
            fail_msg("aircraft %d: elevator command %.17g, set %.17g", i, got[i], v[i]);
    }
    const int refusers[2][2] = {{3000, -1}, {100, 3000}};
    for (int t = 0; t < 2; t++) {
        for (int i = 0; i < N; i++)
            v[i] = 1000.0 * t + i;
        for (int k = 0; k < 2; k++)
            if (refusers[t][k] >= 0)
                v[refusers[t][k]] = -1.0;
        assert_int_equal(saqr_batch_set(b, seed, v), SAQR_EINVAL);
        char want[32];
        snprintf(want, sizeof want, "aircraft %d:", refusers[t][0]);
        if (!strstr(saqr_batch_error(b), want))
            fail_msg("refusal: \"%s\" does not name %s", saqr_batch_error(b), want);
        assert_int_equal(saqr_batch_get(b, seed, got), SAQR_OK);
        for (int i = 0; i < refusers[t][0]; i++)
            if (got[i] != v[i])
                fail_msg("aircraft %d before the refusal: seed %.17g, set %.17g", i, got[i], v[i]);
    }
    /* a batch below the threshold, on the caller's thread: the same */
    saqr_batch *small = batch_of(model, 3, 2);
    const double seeds[3] = {5.0, -1.0, 6.0};
    assert_int_equal(saqr_batch_set(small, seed, seeds), SAQR_EINVAL);
    assert_non_null(strstr(saqr_batch_error(small), "aircraft 1:"));
    free(v);
    free(got);
    saqr_batch_destroy(small);
    saqr_batch_destroy(b);
    saqr_fdm_destroy(model);
}

/* An aircraft driven to a non-finite state fails alone; the others fly
 * on, and a reset brings it back. */
static void a_failing_aircraft_stops_alone(void **state)
{
    (void)state;
    saqr_fdm *model = fdm_c172_in_flight();
    saqr_batch *b = batch_of(model, 3, 2);
    saqr_fdm *bad = saqr_batch_aircraft(b, 1);
    /* an absurd wind: the dynamic pressure and the forces are infinite in
     * the first frame (an absurd mass no longer does: the aircraft flies
     * off to 1e17 ft, finite, above the atmosphere's 1e-15 Pa floor) */
    int w = saqr_fdm_property(bad, "atmosphere/wind-north-fps");
    assert_true(w >= 0);
    assert_int_equal(saqr_fdm_set(bad, w, 1e300), SAQR_OK);
    saqr_status st = saqr_batch_step(b, 240);
    assert_int_equal(st, SAQR_EINVAL);
    assert_non_null(strstr(saqr_batch_error(b), "aircraft 1"));
    assert_true(saqr_batch_failed(b, 1));
    assert_false(saqr_batch_failed(b, 0));
    assert_false(saqr_batch_failed(b, 2));
    assert_true(fabs(saqr_fdm_time(saqr_batch_aircraft(b, 0)) - 2.0) < 1e-9);
    assert_int_equal(saqr_batch_reset(b, 1), SAQR_OK);
    assert_false(saqr_batch_failed(b, 1));
    assert_int_equal(saqr_batch_step(b, 10), SAQR_OK);
    saqr_batch_destroy(b);
    saqr_fdm_destroy(model);
}

/* A batch larger than the worker's group of aircraft stepped stage by
 * stage together (src/batch/batch.c): aircraft i flies input set i % 5,
 * so every aircraft must end bit for bit as aircraft i % 5 (itself checked
 * against a lone aircraft above), whichever group and thread it fell in,
 * and an aircraft failing in the middle of a group stops alone.  Then the
 * same with the model compiled, its batch flying a call's frames stage by
 * stage and then aircraft by aircraft after the first (the two orders
 * saqr_batch_order's AUTO chooses between), and the interpreted model
 * aircraft by aircraft too: every aircraft bit for bit as in the
 * interpreted batch on one thread. */
static void aircraft_in_many_groups_fly_as_their_twins(void **state)
{
    (void)state;
    enum { N = 41, BAD = 21 };
    saqr_fdm *model = load("c172x", "reset01");
    double first[NOUT][N];
    for (int run = 0; run < 8; run++) {
        const int threads = 1 + run % 2;
        if (run == 4)
            assert_int_equal(saqr_fdm_compile(model, NULL), SAQR_OK);
        saqr_batch *b = batch_of(model, N, threads);
        /* runs 0-1 interpreted by stages, 2-3 interpreted aircraft by
         * aircraft, 4-5 compiled by stages, 6-7 compiled aircraft by
         * aircraft */
        const saqr_batch_order order = run / 2 % 2 ? SAQR_BATCH_ORDER_AIRCRAFT : SAQR_BATCH_ORDER_STAGES;
        assert_int_equal(saqr_batch_set_order(b, order), SAQR_OK);
        const char *names[3] = {"fcs/elevator-cmd-norm", "fcs/aileron-cmd-norm", "fcs/throttle-cmd-norm"};
        for (int c = 0; c < 3; c++) {
            double v[N];
            for (int i = 0; i < N; i++) {
                inputs in = input_of(i % NAC);
                v[i] = c == 0 ? in.elevator : c == 1 ? in.aileron : in.throttle;
            }
            assert_int_equal(saqr_batch_set(b, saqr_fdm_property(model, names[c]), v), SAQR_OK);
        }
        saqr_fdm *bad = saqr_batch_aircraft(b, BAD);
        assert_int_equal(saqr_fdm_set(bad, saqr_fdm_property(bad, "atmosphere/wind-north-fps"), 1e300), SAQR_OK);
        assert_int_equal(saqr_batch_step(b, 120), SAQR_EINVAL);
        assert_non_null(strstr(saqr_batch_error(b), "aircraft 21"));
        double got[NOUT][N];
        for (size_t j = 0; j < NOUT; j++)
            assert_int_equal(saqr_batch_get(b, saqr_fdm_property(model, outputs[j]), got[j]), SAQR_OK);
        for (int i = 0; i < N; i++) {
            assert_int_equal(saqr_batch_failed(b, i), i == BAD);
            if (i == BAD)
                continue;
            assert_true(fabs(saqr_fdm_time(saqr_batch_aircraft(b, i)) - 1.0) < 1e-9);
            for (size_t j = 0; j < NOUT; j++) {
                if (memcmp(&got[j][i], &got[j][i % NAC], sizeof(double)) != 0)
                    fail_msg("%d threads: aircraft %d's %s = %.17g, its twin %d's %.17g", threads, i, outputs[j],
                             got[j][i], i % NAC, got[j][i % NAC]);
                if (run == 0)
                    first[j][i] = got[j][i];
                else if (memcmp(&got[j][i], &first[j][i], sizeof(double)) != 0)
                    fail_msg("run %d: aircraft %d's %s = %.17g, %.17g interpreted on one thread", run, i,
                             outputs[j], got[j][i], first[j][i]);
            }
        }
        assert_true(saqr_fdm_time(bad) < 1.0);
        /* the five input sets made different flights: the comparison had teeth */
        assert_true(memcmp(&got[0][0], &got[0][NAC - 1], sizeof(double)) != 0);
        saqr_batch_destroy(b);
    }
    saqr_fdm_destroy(model);
}

/* An allocator that counts the bytes live, to weigh a load and a batch
 * whatever the heap (the sanitizers replace malloc). */
typedef struct counting {
    size_t live_bytes;
} counting;

static void *count_alloc(size_t size, void *ctx)
{
    max_align_t *p = malloc(sizeof(max_align_t) + size);
    if (!p)
        return NULL;
    *(size_t *)(void *)p = size;
    ((counting *)ctx)->live_bytes += size;
    return p + 1;
}

static void count_free(void *ptr, void *ctx)
{
    if (!ptr)
        return;
    max_align_t *p = (max_align_t *)ptr - 1;
    ((counting *)ctx)->live_bytes -= *(size_t *)(void *)p;
    free(p);
}

/* An extra aircraft costs a small part of what loading one costs, and the
 * batch states that cost truly. */
static void an_extra_aircraft_costs_a_fraction_of_a_load(void **state)
{
    (void)state;
    counting c = {0};
    const saqr_allocator al = {count_alloc, count_free, &c};
    char root[1024];
    test_shared_path(root, sizeof root, "reference/jsbsim");
    saqr_fdm *model = saqr_fdm_create(&al);
    assert_int_equal(saqr_fdm_load_aircraft(model, root, "c172x"), SAQR_OK);
    assert_int_equal(saqr_fdm_load_initfile(model, "reset01"), SAQR_OK);
    assert_int_equal(saqr_fdm_init(model), SAQR_OK);
    const double load_bytes = (double)c.live_bytes;
    saqr_batch *b = saqr_batch_create(&al);
    const size_t before = c.live_bytes;
    assert_int_equal(saqr_batch_fill(b, model, 100, 1), SAQR_OK);
    /* 101 clones: the aircraft and the pristine copy reset uses */
    const double per_aircraft = (double)(c.live_bytes - before) / 101.0;
    const double stated = (double)saqr_batch_bytes_per_aircraft(b);
    print_message("c172x: a load takes %.0f bytes; each aircraft of a batch %.0f (stated %.0f)\n",
                  load_bytes, per_aircraft, stated);
    /* 7.6% since each aircraft keeps only run states (FCS states packed
     * by type, no friction workspace); 16% when it copied whole FCS
     * component records */
    assert_true(per_aircraft < 0.10 * load_bytes);
    assert_true(fabs(stated - per_aircraft) < 0.05 * per_aircraft);
    saqr_batch_destroy(b);
    saqr_fdm_destroy(model);
    assert_int_equal(c.live_bytes, 0);
}

/* An aircraft reset over and over (an episode loop) takes no more memory
 * than the batch held after its first round of resets: the reset frees
 * the memory it replaces for the next one to use; and each reset aircraft
 * still flies bit for bit as one reset once. */
static void resets_reuse_the_memory_they_free(void **state)
{
    (void)state;
    counting c = {0};
    const saqr_allocator al = {count_alloc, count_free, &c};
    saqr_fdm *model = fdm_c172_in_flight();
    saqr_batch *b = saqr_batch_create(&al);
    assert_int_equal(saqr_batch_fill(b, model, 8, 2), SAQR_OK);
    const int alt = saqr_fdm_property(model, "position/h-sl-ft");
    size_t after_first = 0;
    for (int round = 0; round < 50; round++) {
        assert_int_equal(saqr_batch_step(b, 3), SAQR_OK);
        for (int i = 0; i < 8; i += (round % 3) + 1)
            assert_int_equal(saqr_batch_reset(b, i), SAQR_OK);
        if (round == 0)
            after_first = c.live_bytes;
    }
    assert_int_equal(c.live_bytes, after_first);
    for (int i = 0; i < 8; i++)
        assert_int_equal(saqr_batch_reset(b, i), SAQR_OK);
    assert_int_equal(saqr_batch_step(b, 120), SAQR_OK);
    saqr_batch *fresh = batch_of(model, 1, 1);
    assert_int_equal(saqr_batch_step(fresh, 120), SAQR_OK);
    double a[8], a0;
    assert_int_equal(saqr_batch_get(b, alt, a), SAQR_OK);
    assert_int_equal(saqr_batch_get(fresh, alt, &a0), SAQR_OK);
    for (int i = 0; i < 8; i++)
        assert_memory_equal(&a[i], &a0, sizeof a0);
    saqr_batch_destroy(fresh);
    saqr_batch_destroy(b);
    saqr_fdm_destroy(model);
    assert_int_equal(c.live_bytes, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(c172_batch_matches_each_alone_on_one_and_two_threads),
        cmocka_unit_test(f16_batch_matches_each_alone_on_three_threads),
        cmocka_unit_test(turbulent_aircraft_fly_as_alone),
        cmocka_unit_test(step_io_matches_set_step_and_get),
        cmocka_unit_test(step_io_refuses_bad_exchanges),
        cmocka_unit_test(model_is_not_disturbed_by_its_batch),
        cmocka_unit_test(batch_aircraft_keep_their_own_engine_parameters),
        cmocka_unit_test(reset_returns_an_aircraft_to_the_fill_state),
        cmocka_unit_test(bad_input_is_refused_naming_the_problem),
        cmocka_unit_test(a_large_batch_sets_and_gets_on_every_worker),
        cmocka_unit_test(a_failing_aircraft_stops_alone),
        cmocka_unit_test(aircraft_in_many_groups_fly_as_their_twins),
        cmocka_unit_test(an_extra_aircraft_costs_a_fraction_of_a_load),
        cmocka_unit_test(resets_reuse_the_memory_they_free),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
