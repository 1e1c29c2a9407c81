/*
 * test_fdm_turbulence.c - continuous turbulence on JSBSim aircraft,
 * switched on with JSBSim's milspec properties (atmosphere/turb-type 3,
 * atmosphere/turbulence/milspec/severity): none unless asked; with it, the
 * gusts reach the total wind with the intensity MIL-F-8785C gives at that
 * height (the Dryden generator's own spectra are tested in test_dryden);
 * two aircraft side by side draw identical gusts; a reset starts the
 * turbulence again (JSBSim's TestGustReset, with turbulence).
 */
#include <string.h>

#include "fdm_util.h"

#include <math.h>

#include "atmos/dryden.h"

static saqr_fdm *c172_trimmed(void)
{
    saqr_fdm *f = fdm_c172_in_flight();
    fdm_set(f, "propulsion/set-running", -1.0);
    assert_int_equal(saqr_fdm_trim(f, SAQR_TRIM_LONGITUDINAL), SAQR_OK);
    return f;
}

static void there_is_no_turbulence_unless_asked(void **state)
{
    (void)state;
    saqr_fdm *f = c172_trimmed();
    for (int i = 0; i < 600; i++) {
        assert_int_equal(saqr_fdm_step(f), SAQR_OK);
        assert_true(fdm_get(f, "atmosphere/turbulence/down-fps") == 0.0);
        assert_true(fdm_get(f, "atmosphere/p-turb-rad_sec") == 0.0);
        assert_true(fdm_get(f, "velocities/p-aero-rad_sec") == fdm_get(f, "velocities/p-rad_sec"));
        assert_true(fabs(fdm_get(f, "atmosphere/total-wind-down-fps")) < 1e-9);
    }
    saqr_fdm_destroy(f);
}

static void moderate_turbulence_has_the_milspec_intensity(void **state)
{
    (void)state;
    saqr_fdm *f = c172_trimmed();
    fdm_set(f, "atmosphere/turb-type", 3);
    fdm_set(f, "atmosphere/turbulence/milspec/severity", 4); /* 1e-3: moderate */
    dryden d;
    dryden_init(&d, DRYDEN_MODERATE, NAN, 1);
    /* the gusts measured in units of the intensity MIL-F-8785C gives at
     * the aircraft's height at each moment (the aircraft, unflown, wanders) */
    double sum2[3] = {0, 0, 0};
    int n = 0;
    for (int i = 0; i < 120 * 120; i++) {
        assert_int_equal(saqr_fdm_step(f), SAQR_OK);
        double w[3] = {fdm_get(f, "atmosphere/turbulence/north-fps"), fdm_get(f, "atmosphere/turbulence/east-fps"),
                       fdm_get(f, "atmosphere/turbulence/down-fps")};
        /* the gusts are in the total wind (no steady wind here) */
        assert_near(fdm_get(f, "atmosphere/total-wind-down-fps"), w[2], 1e-9);
        double sigma[3], len[3];
        dryden_scales(&d, fdm_get(f, "position/h-agl-ft") * 0.3048, sigma, len);
        for (int k = 0; k < 3; k++)
            sum2[k] += pow(w[k] * 0.3048 / sigma[k < 2 ? 0 : 2], 2);
        n++;
    }
    double horizontal = sqrt((sum2[0] + sum2[1]) / (2.0 * n)), vertical = sqrt(sum2[2] / n);
    printf("rms / sigma: horizontal %.2f, vertical %.2f\n", horizontal, vertical);
    /* 120 s is about a dozen scale lengths: the sample rms is within a
     * factor of two of sigma */
    assert_true(horizontal > 0.5 && horizontal < 2.0);
    assert_true(vertical > 0.5 && vertical < 2.0);
    saqr_fdm_destroy(f);
}

/* The rotary gusts (MIL-F-8785C 3.7.2: p_g from the spanwise gradient of
 * w, q_g and r_g from w and v along the path) turn the air the aircraft
 * flies in: the aerodynamic rates, which the c172x's damping derivatives
 * read, are the body rates less them, as JSBSim's vAeroPQR = vPQR -
 * TurbPQR.  The roll part, in body axes, has the rms of MIL-F-8785C's p_g
 * spectrum, sigma_p^2 = sigma_w^2 0.8 pi^2 (pi/4b)^(1/3) / (8 b L_w^(2/3))
 * (docs/turbulence.md; a bank leaves the roll axis where it is, so the
 * unflown aircraft's wandering does not change it); the generator's
 * spectra themselves are tested in test_dryden. */
static void the_rotary_gusts_turn_the_air_the_aircraft_feels(void **state)
{
    (void)state;
    saqr_fdm *f = c172_trimmed();
    fdm_set(f, "atmosphere/turb-type", 3);
    fdm_set(f, "atmosphere/turbulence/milspec/severity", 4);
    dryden d;
    dryden_init(&d, DRYDEN_MODERATE, NAN, 1);
    const double span_m = fdm_get(f, "metrics/bw-ft") * 0.3048;
    static const char *const rate[3] = {"p", "q", "r"};
    double sum_p = 0, sum2[3] = {0, 0, 0};
    int n = 0;
    for (int i = 0; i < 30 * 120; i++) {
        assert_int_equal(saqr_fdm_step(f), SAQR_OK);
        double g[3];
        for (int k = 0; k < 3; k++) {
            char name[64];
            snprintf(name, sizeof name, "atmosphere/%s-turb-rad_sec", rate[k]);
            g[k] = fdm_get(f, name);
            snprintf(name, sizeof name, "velocities/%s-rad_sec", rate[k]);
            double body = fdm_get(f, name);
            snprintf(name, sizeof name, "velocities/%s-aero-rad_sec", rate[k]);
            assert_true(fdm_get(f, name) == body - g[k]);
            sum2[k] += g[k] * g[k];
        }
        double sigma[3], len[3];
        dryden_scales(&d, fdm_get(f, "position/h-agl-ft") * 0.3048, sigma, len);
        const double pi = 3.14159265358979323846;
        const double var_p = sigma[2] * sigma[2] * 0.8 * pi * pi * cbrt(pi / (4.0 * span_m)) /
                             (8.0 * span_m * pow(len[2], 2.0 / 3.0));
        sum_p += g[0] * g[0] / var_p;
        n++;
    }
    double ratio = sqrt(sum_p / n);
    printf("p_g rms / sigma_p %.2f; rms q_g %.4f, r_g %.4f rad/s\n", ratio, sqrt(sum2[1] / n), sqrt(sum2[2] / n));
    assert_true(ratio > 0.5 && ratio < 2.0);
    assert_true(sum2[1] > 0.0 && sum2[2] > 0.0);
    saqr_fdm_destroy(f);
}

static void two_aircraft_side_by_side_draw_the_same_gusts(void **state)
{
    (void)state;
    saqr_fdm *a = c172_trimmed(), *b = c172_trimmed();
    for (saqr_fdm *f = a; f; f = f == a ? b : NULL) {
        fdm_set(f, "atmosphere/turb-type", 3);
        fdm_set(f, "atmosphere/turbulence/milspec/severity", 6);
    }
    for (int i = 0; i < 1200; i++) {
        assert_int_equal(saqr_fdm_step(a), SAQR_OK);
        assert_int_equal(saqr_fdm_step(b), SAQR_OK);
        assert_true(fdm_get(a, "atmosphere/total-wind-north-fps") == fdm_get(b, "atmosphere/total-wind-north-fps"));
        assert_true(fdm_get(a, "position/h-sl-ft") == fdm_get(b, "position/h-sl-ft"));
    }
    assert_true(fdm_get(a, "atmosphere/turbulence/north-fps") != 0.0);
    saqr_fdm_destroy(a);
    saqr_fdm_destroy(b);
}

/* North gust after 5 s of severe turbulence with simulation/randomseed
 * `seed` (NAN: not set). */
static double gust_with_seed(double seed)
{
    saqr_fdm *f = c172_trimmed();
    if (!isnan(seed))
        fdm_set(f, "simulation/randomseed", seed);
    fdm_set(f, "atmosphere/turb-type", 3);
    fdm_set(f, "atmosphere/turbulence/milspec/severity", 6);
    for (int i = 0; i < 600; i++)
        assert_int_equal(saqr_fdm_step(f), SAQR_OK);
    double g = fdm_get(f, "atmosphere/turbulence/north-fps");
    saqr_fdm_destroy(f);
    return g;
}

/* JSBSim's simulation/randomseed: a seed gives its own turbulence, the
 * same seed the same; 0 is the default stream; bad seeds are refused. */
static void the_random_seed_chooses_the_turbulence(void **state)
{
    (void)state;
    const double unset = gust_with_seed(NAN), zero = gust_with_seed(0.0);
    const double seven = gust_with_seed(7.0), seven_again = gust_with_seed(7.0), eight = gust_with_seed(8.0);
    assert_true(unset == zero);
    assert_true(seven == seven_again);
    assert_true(seven != zero && seven != eight && eight != zero);
    saqr_fdm *f = c172_trimmed();
    const int k = saqr_fdm_property(f, "simulation/randomseed");
    assert_int_equal(saqr_fdm_set(f, k, -1.0), SAQR_EINVAL);
    assert_int_equal(saqr_fdm_set(f, k, 1.5), SAQR_EINVAL);
    assert_int_equal(saqr_fdm_set(f, k, 1e300), SAQR_EINVAL);
    assert_non_null(strstr(saqr_fdm_error(f), "simulation/randomseed"));
    saqr_fdm_destroy(f);
}

/* JSBSim's TestGustReset with turbulence: a reset mid-flight starts the
 * turbulence again with its filters at rest (FGWinds::InitModel), so the
 * run after it blows as the first did (with the seed written again, as
 * JSBSim's test does). */
static void a_reset_starts_the_turbulence_again(void **state)
{
    (void)state;
    saqr_fdm *f = fdm_c172_in_flight();
    double first[240];
    for (int run = 0; run < 2; run++) {
        fdm_set(f, "simulation/randomseed", 0.0);
        fdm_set(f, "atmosphere/turb-type", 3);
        fdm_set(f, "atmosphere/turbulence/milspec/severity", 6);
        for (int i = 0; i < 240; i++) {
            assert_int_equal(saqr_fdm_step(f), SAQR_OK);
            const double g = fdm_get(f, "atmosphere/turbulence/north-fps");
            if (run == 0)
                first[i] = g;
            else if (memcmp(&g, &first[i], sizeof g) != 0)
                fail_msg("north gust %.17g at frame %d after the reset, %.17g before", g, i, first[i]);
        }
        assert_true(fabs(first[239]) > 0.1);
        fdm_set(f, "simulation/reset", 1.0);
    }
    saqr_fdm_destroy(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(there_is_no_turbulence_unless_asked),
        cmocka_unit_test(moderate_turbulence_has_the_milspec_intensity),
        cmocka_unit_test(the_rotary_gusts_turn_the_air_the_aircraft_feels),
        cmocka_unit_test(two_aircraft_side_by_side_draw_the_same_gusts),
        cmocka_unit_test(the_random_seed_chooses_the_turbulence),
        cmocka_unit_test(a_reset_starts_the_turbulence_again),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
