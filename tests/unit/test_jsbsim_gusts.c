/*
 * test_jsbsim_gusts.c - the one-minus-cosine gust as JSBSim's own tests
 * ask of it, on the reference script c172_cruise_8K (the c172x cruising,
 * a 30 ft/s head-on gust started at 10 s: 5 s up, 1 s steady, 5 s down):
 *  - TestCosineGust (testMagnitude): the total wind's magnitude follows
 *    the profile, 15 (1 - cos(pi t / 5)) ft/s on the way up (within
 *    1e-3 ft/s), 30 ft/s steady (1e-8), 15 (1 + cos(pi t / 5)) down;
 *  - TestGustReset: a reset to the initial conditions in the middle of
 *    the gust (at 15.5 s) leaves nothing of it behind: the second run to
 *    15.5 s is the first one again, every property within 1e-8.
 * The scenarios, times and tolerances are those of JSBSim's tests.
 */
#include "fdm_util.h"

#include <math.h>

#define PI 3.14159265358979323846

/* JSBSim's test reads the wind after each step and compares it with the
 * profile at the time the step started, less the event's 10 s. */
static void the_total_wind_follows_the_cosine_gust_profile(void **state)
{
    (void)state;
    saqr_fdm *f = fdm_reference_script("c172_cruise_8K");
    const double up = 5.0, steady = 1.0, down = 5.0, start = 10.0, magnitude = 30.0;
    int checked[3] = {0, 0, 0};
    double t = 0.0;
    while (fdm_get(f, "simulation/run_id") == 0.0) {
        assert_int_equal(saqr_fdm_step(f), SAQR_OK);
        if (saqr_fdm_time(f) < t)
            break; /* the script's reset at 25 s */
        const double wn = fdm_get(f, "atmosphere/total-wind-north-fps");
        const double we = fdm_get(f, "atmosphere/total-wind-east-fps");
        const double wd = fdm_get(f, "atmosphere/total-wind-down-fps");
        const double wmag = sqrt(wn * wn + we * we + wd * wd);
        const double tau = t - start;
        if (tau < 0.0 || tau > up + steady + down) {
            /* none but the rounding the trim at 1 s leaves (JSBSim's too) */
            if (!(wmag < 1e-9))
                fail_msg("a wind of %g ft/s at %.4f s, outside the gust", wmag, t);
        } else if (tau <= up) {
            assert_near(wmag, 0.5 * magnitude * (1.0 - cos(PI * tau / up)), 1e-3);
            checked[0]++;
        } else if (tau <= up + steady) {
            assert_near(wmag, magnitude, 1e-8);
            checked[1]++;
        } else {
            assert_near(wmag, 0.5 * magnitude * (1.0 + cos(PI * (tau - up - steady) / down)), 1e-3);
            checked[2]++;
        }
        t = saqr_fdm_time(f);
    }
    /* the whole profile was seen: 120 frames a second */
    assert_true(checked[0] > 590 && checked[1] > 110 && checked[2] > 590);
    saqr_fdm_destroy(f);
}

/* Every property of the aircraft, read at once. */
static double *read_all(saqr_fdm *f, int n)
{
    double *x = malloc((size_t)n * sizeof *x);
    assert_non_null(x);
    for (int k = 0; k < n; k++)
        x[k] = saqr_fdm_get(f, k);
    return x;
}

#define GUST_RESET_T 15.5
#define GUST_RESET_ROWS 311 /* 0 to 15.5 s at 20 Hz */

/* simulation/frame counts on across resets and trim-completed stays set
 * (JSBSim's too); the commands of the trim and the reset keep what was
 * last written to them (JSBSim's cannot be read back), and so do the
 * gust's settings, written by the script at 10 s (JSBSim's keep theirs
 * across the reset too, and cannot be read back either); the rest must
 * be as it was. */
static int differs(const char *name, double a, double b)
{
    static const char *const skip[] = {"simulation/frame", "simulation/trim-completed", "simulation/do_simple_trim",
                                       "simulation/reset"};
    for (size_t k = 0; k < sizeof skip / sizeof skip[0]; k++)
        if (strcmp(name, skip[k]) == 0)
            return 0;
    if (strncmp(name, "atmosphere/cosine-gust/", 23) == 0 || (isnan(a) && isnan(b)))
        return 0;
    return !(fabs(a - b) <= 1e-8);
}

static void a_reset_in_the_middle_of_a_gust_flies_the_same_run_again(void **state)
{
    (void)state;
    /* seeded before the initialisation, which draws the sensors' noise */
    saqr_fdm *f = fdm_reference_script_loaded("c172_cruise_8K");
    fdm_set(f, "simulation/randomseed", 0.0);
    assert_int_equal(saqr_fdm_init(f), SAQR_OK);
    const int n = saqr_fdm_property_count(f);
    double *ref[GUST_RESET_ROWS] = {0};
    /* JSBSim's test compares its 20 Hz output (every sixth frame) */
    int rows = 0;
    for (int frame = 0; saqr_fdm_time(f) < GUST_RESET_T - 1e-9; frame++) {
        if (frame % 6 == 0 && rows < GUST_RESET_ROWS)
            ref[rows++] = read_all(f, n);
        assert_int_equal(saqr_fdm_step(f), SAQR_OK);
    }
    /* mid-gust */
    assert_true(fdm_get(f, "atmosphere/total-wind-north-fps") != 0.0);
    fdm_set(f, "simulation/randomseed", 0.0);
    fdm_set(f, "simulation/reset", 1.0);
    assert_near(saqr_fdm_time(f), 0.0, 0.0);
    int row = 0;
    for (int frame = 0; saqr_fdm_time(f) < GUST_RESET_T - 1e-9; frame++) {
        if (frame % 6 == 0 && row < rows) {
            for (int k = 0; k < n; k++) {
                const double x = saqr_fdm_get(f, k);
                if (differs(saqr_fdm_property_name(f, k), x, ref[row][k]))
                    fail_msg("%s = %.12g at %.3f s after the reset, %.12g before", saqr_fdm_property_name(f, k), x,
                             saqr_fdm_time(f), ref[row][k]);
            }
            row++;
        }
        assert_int_equal(saqr_fdm_step(f), SAQR_OK);
    }
    assert_int_equal(row, rows);
    for (int r = 0; r < rows; r++)
        free(ref[r]);
    saqr_fdm_destroy(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_total_wind_follows_the_cosine_gust_profile),
        cmocka_unit_test(a_reset_in_the_middle_of_a_gust_flies_the_same_run_again),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
