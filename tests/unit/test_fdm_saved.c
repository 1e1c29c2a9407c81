/*
 * test_fdm_saved.c - saved states (saqr_fdm_copy, saqr_fdm_restore): a
 * copy flies as the original; a restore gives back the whole run, so the
 * frames after it repeat the frames after the save bit for bit (the F-16,
 * whose control laws are full of filters and integrators); with the clock
 * kept, time runs on and the flight repeats to rounding; flaps put back
 * where they were, not travelling there; and the refusals.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fdm_util.h"
#include "saqr_batch.h"

static void step(saqr_fdm *f, int frames)
{
    for (int k = 0; k < frames; k++)
        if (saqr_fdm_step(f) != SAQR_OK)
            fail_msg("step: %s", saqr_fdm_error(f));
}

/* Every property's value, frame after frame: frames x count doubles. */
static double *fly_recording(saqr_fdm *f, int frames)
{
    const int n = saqr_fdm_property_count(f);
    double *v = malloc((size_t)frames * (size_t)n * sizeof *v);
    assert_non_null(v);
    for (int k = 0; k < frames; k++) {
        step(f, 1);
        for (int i = 0; i < n; i++)
            v[(size_t)k * (size_t)n + (size_t)i] = saqr_fdm_get(f, i);
    }
    return v;
}

/* The first property, in the first frame, whose bits differ (NaN equals
 * NaN); -1 if none. */
static int first_difference(const saqr_fdm *f, const double *a, const double *b, int frames, int *frame)
{
    const int n = saqr_fdm_property_count(f);
    for (int k = 0; k < frames; k++)
        for (int i = 0; i < n; i++) {
            size_t at = (size_t)k * (size_t)n + (size_t)i;
            if (memcmp(&a[at], &b[at], sizeof a[at]) != 0 && !(isnan(a[at]) && isnan(b[at]))) {
                *frame = k;
                return i;
            }
        }
    return -1;
}

static void a_copy_flies_as_the_original_bit_for_bit(void **state)
{
    (void)state;
    saqr_fdm *f = fdm_reference_f16_in_flight("reset00");
    step(f, 30);
    saqr_fdm *c = saqr_fdm_copy(f);
    assert_non_null(c);
    fdm_set(f, "fcs/aileron-cmd-norm", 0.3);
    fdm_set(c, "fcs/aileron-cmd-norm", 0.3);
    double *a = fly_recording(f, 240), *b = fly_recording(c, 240);
    int k = 0, i = first_difference(f, a, b, 240, &k);
    if (i >= 0)
        fail_msg("frame %d: %s differs in the copy", k, saqr_fdm_property_name(f, i));
    /* the roll had teeth: the aircraft banked */
    assert_true(fabs(fdm_get(c, "attitude/phi-deg")) > 20.0);
    free(a);
    free(b);
    saqr_fdm_destroy(c);
    saqr_fdm_destroy(f);
}

/* Saved after a second of a pull, then two seconds of a roll flown, put
 * back and the same roll flown again: every property of each frame, the
 * first time and after the restore. */
typedef struct replay {
    saqr_fdm *loaded, *a;       /* the loaded F-16 and the copy flown   */
    double *first, *second;
} replay;

static replay fly_restore_and_fly_again(int keep_clock)
{
    replay r;
    r.loaded = fdm_reference_f16_in_flight("reset00");
    saqr_fdm *a = r.a = saqr_fdm_copy(r.loaded);
    assert_non_null(a);
    fdm_set(a, "fcs/elevator-cmd-norm", -0.1);
    step(a, 120);
    saqr_fdm *saved = saqr_fdm_copy(a);
    assert_non_null(saved);
    fdm_set(a, "fcs/aileron-cmd-norm", 0.4);
    r.first = fly_recording(a, 240);
    const double t_before = saqr_fdm_time(a);
    if (saqr_fdm_restore(a, saved, keep_clock) != SAQR_OK)
        fail_msg("restore: %s", saqr_fdm_error(a));
    /* the aileron command is the saved one again */
    assert_true(fdm_get(a, "fcs/aileron-cmd-norm") == 0.0);
    assert_true(saqr_fdm_time(a) == (keep_clock ? t_before : saqr_fdm_time(saved)));
    fdm_set(a, "fcs/aileron-cmd-norm", 0.4);
    r.second = fly_recording(a, 240);
    saqr_fdm_destroy(saved);
    return r;
}

static void replay_free(replay *r)
{
    free(r->first);
    free(r->second);
    saqr_fdm_destroy(r->a);
    saqr_fdm_destroy(r->loaded);
}

static void restored_the_next_frames_repeat_bit_for_bit(void **state)
{
    (void)state;
    replay r = fly_restore_and_fly_again(0);
    const size_t n = (size_t)saqr_fdm_property_count(r.a);
    int k = 0, i = first_difference(r.a, r.first, r.second, 240, &k);
    if (i >= 0)
        fail_msg("frame %d after the restore: %s = %.17g, %.17g after the save", k, saqr_fdm_property_name(r.a, i),
                 r.second[(size_t)k * n + (size_t)i], r.first[(size_t)k * n + (size_t)i]);
    replay_free(&r);
}

static void restored_keeping_the_clock_time_runs_on_and_the_flight_repeats(void **state)
{
    (void)state;
    replay r = fly_restore_and_fly_again(1);
    saqr_fdm *a = r.a;
    const double *first = r.first, *second = r.second;
    const int n = saqr_fdm_property_count(a);
    const size_t last = (size_t)239 * (size_t)n;
    const double dt = saqr_fdm_dt(a);
    /* the clock ran on: 1 s before the save, 2 s flown after it and 2 s
     * again after the restore */
    assert_true(fabs(saqr_fdm_time(a) - (1.0 + 240 * dt + 240 * dt)) < 1e-9);
    assert_true(fdm_get(a, "simulation/frame") == 120 + 480);
    static const struct { const char *name; double tol; } same[] = {
        {"position/h-sl-ft", 1e-6}, {"position/lat-geod-deg", 1e-11}, {"position/long-gc-deg", 1e-11},
        {"attitude/phi-deg", 1e-7}, {"attitude/theta-deg", 1e-7}, {"attitude/psi-deg", 1e-7},
        {"velocities/vc-kts", 1e-7}, {"fcs/left-aileron-pos-rad", 1e-9}, {"fcs/elevator-pos-rad", 1e-9},
    };
    for (size_t j = 0; j < sizeof same / sizeof same[0]; j++) {
        const int s = saqr_fdm_property(a, same[j].name);
        assert_true(s >= 0);
        const double got = second[last + (size_t)s], want = first[last + (size_t)s];
        if (!(fabs(got - want) <= same[j].tol))
            fail_msg("%s: %.12g two seconds after the restore, %.12g after the save", same[j].name, got, want);
    }
    /* and the roll was a roll */
    assert_true(fabs(first[last + (size_t)saqr_fdm_property(a, "attitude/phi-deg")]) > 20.0);
    replay_free(&r);
}

/* The c172x's flaps are a kinematic component: a restore puts them where
 * they were, rather than commanding them back to travel there. */
static void a_restore_puts_the_flaps_back(void **state)
{
    (void)state;
    saqr_fdm *f = fdm_reference_aircraft("c172x", "reset01"), *a = saqr_fdm_copy(f);
    assert_non_null(a);
    step(a, 12);
    saqr_fdm *saved = saqr_fdm_copy(a);
    assert_non_null(saved);
    const double flaps_then = fdm_get(a, "fcs/flap-pos-deg");
    fdm_set(a, "fcs/flap-cmd-norm", 1.0);
    step(a, 1200);
    assert_true(fdm_get(a, "fcs/flap-pos-deg") > flaps_then + 20.0);
    assert_int_equal(saqr_fdm_restore(a, saved, 1), SAQR_OK);
    assert_true(fdm_get(a, "fcs/flap-pos-deg") == flaps_then);
    assert_true(fdm_get(a, "fcs/flap-cmd-norm") == 0.0);
    step(a, 1);
    assert_true(fdm_get(a, "fcs/flap-pos-deg") == flaps_then);
    /* the saved state is unchanged and can be put back again */
    step(a, 120);
    assert_int_equal(saqr_fdm_restore(a, saved, 1), SAQR_OK);
    assert_true(fdm_get(a, "position/h-sl-ft") == fdm_get(saved, "position/h-sl-ft"));
    saqr_fdm_destroy(saved);
    saqr_fdm_destroy(a);
    saqr_fdm_destroy(f);
}

/* A batch's aircraft: restored from a saved state it flies as that state
 * flown alone; and a copy of it (made from the model's allocator, not the
 * batch's memory) outlives the batch. */
static void batch_aircraft_save_and_restore(void **state)
{
    (void)state;
    saqr_fdm *model = fdm_reference_aircraft("c172x", "reset01");
    saqr_batch *b = saqr_batch_create(NULL);
    assert_non_null(b);
    assert_int_equal(saqr_batch_fill(b, model, 3, 1), SAQR_OK);
    assert_int_equal(saqr_batch_step(b, 60), SAQR_OK);
    saqr_fdm *saved = saqr_fdm_copy(saqr_batch_aircraft(b, 1)), *alone = saqr_fdm_copy(saved);
    assert_non_null(saved);
    assert_non_null(alone);
    const int elev = saqr_fdm_property(model, "fcs/elevator-cmd-norm"), h = saqr_fdm_property(model, "position/h-sl-ft");
    assert_int_equal(saqr_batch_set_all(b, elev, -0.2), SAQR_OK);
    assert_int_equal(saqr_batch_step(b, 120), SAQR_OK);
    assert_int_equal(saqr_fdm_restore(saqr_batch_aircraft(b, 1), saved, 0), SAQR_OK);
    assert_int_equal(saqr_batch_step(b, 120), SAQR_OK);
    step(alone, 120);
    double got[3];
    assert_int_equal(saqr_batch_get(b, h, got), SAQR_OK);
    const double want = saqr_fdm_get(alone, h);
    if (memcmp(&got[1], &want, sizeof want) != 0)
        fail_msg("restored in the batch: %.17g ft, the saved state flown alone: %.17g ft", got[1], want);
    assert_true(fabs(got[0] - got[1]) > 1.0); /* the others pulled up */
    saqr_batch_destroy(b);
    step(saved, 120);
    assert_true(saqr_fdm_get(saved, h) > 100.0);
    saqr_fdm_destroy(alone);
    saqr_fdm_destroy(saved);
    saqr_fdm_destroy(model);
}

static void bad_requests_are_refused_naming_the_problem(void **state)
{
    (void)state;
    saqr_fdm *raw = fdm_reference_aircraft_loaded("c172x", "reset01");
    assert_null(saqr_fdm_copy(raw));
    assert_non_null(strstr(saqr_fdm_error(raw), "saqr_fdm_init"));
    assert_null(saqr_fdm_copy(NULL));
    saqr_fdm_destroy(raw);

    saqr_fdm *c172 = fdm_reference_aircraft("c172x", "reset01"), *f16 = fdm_reference_f16_in_flight("reset00");
    saqr_fdm *a = saqr_fdm_copy(c172), *other = saqr_fdm_copy(f16);
    assert_non_null(a);
    assert_non_null(other);
    step(a, 10);
    const double h = fdm_get(a, "position/h-sl-ft");
    /* the loaded aircraft itself does not take a saved state */
    assert_int_equal(saqr_fdm_restore(c172, a, 1), SAQR_ESTATE);
    assert_non_null(strstr(saqr_fdm_error(c172), "copy"));
    /* nor does a copy take another aircraft's */
    assert_int_equal(saqr_fdm_restore(a, other, 1), SAQR_EINVAL);
    assert_non_null(strstr(saqr_fdm_error(a), "not of this loaded aircraft"));
    assert_int_equal(saqr_fdm_restore(a, NULL, 1), SAQR_EINVAL);
    assert_int_equal(saqr_fdm_restore(NULL, a, 1), SAQR_EINVAL);
    /* nothing moved, and the copy still flies */
    assert_true(fdm_get(a, "position/h-sl-ft") == h);
    assert_int_equal(saqr_fdm_restore(a, a, 0), SAQR_OK);
    step(a, 10);
    /* the loaded aircraft is a saved state too */
    assert_int_equal(saqr_fdm_restore(a, c172, 0), SAQR_OK);
    assert_true(saqr_fdm_time(a) == saqr_fdm_time(c172));
    saqr_fdm_destroy(other);
    saqr_fdm_destroy(a);
    saqr_fdm_destroy(f16);
    saqr_fdm_destroy(c172);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_copy_flies_as_the_original_bit_for_bit),
        cmocka_unit_test(restored_the_next_frames_repeat_bit_for_bit),
        cmocka_unit_test(restored_keeping_the_clock_time_runs_on_and_the_flight_repeats),
        cmocka_unit_test(a_restore_puts_the_flaps_back),
        cmocka_unit_test(batch_aircraft_save_and_restore),
        cmocka_unit_test(bad_requests_are_refused_naming_the_problem),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
