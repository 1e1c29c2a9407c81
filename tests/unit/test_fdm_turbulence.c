/*
 * test_fdm_turbulence.c - continuous turbulence on JSBSim aircraft,
 * switched on with JSBSim's milspec properties (atmosphere/turb-type 3,
 * atmosphere/turbulence/milspec/severity): none unless asked; with it, the
 * gusts reach the total wind with the intensity MIL-F-8785C gives at that
 * height (the Dryden generator's own spectra are tested in test_dryden);
 * two aircraft side by side draw identical gusts; a reset starts the
 * turbulence again (JSBSim's TestGustReset, with turbulence).
 * JSBSim's TestTurbulenceRandomSeed (on the c172x here, its A-4 there):
 * atmosphere/randomseed chooses the turbulence whatever
 * simulation/randomseed is, and reads simulation/randomseed until written;
 * and its TestTurbulenceGustStop: a cosine gust that has ended, a gust
 * set through atmosphere/gust-*-fps and put back to 0, and turbulence
 * switched off all leave the steady wind, to 1e-8 ft/s, in the next frame.
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

/* JSBSim's turbulence of these tests: milspec, 75 ft/s at 20 ft, severe. */
static void severe_turbulence(saqr_fdm *f)
{
    fdm_set(f, "atmosphere/turb-type", 3);
    fdm_set(f, "atmosphere/turbulence/milspec/windspeed_at_20ft_AGL-fps", 75);
    fdm_set(f, "atmosphere/turbulence/milspec/severity", 6);
}

/* JSBSim's captureTurbulence: the total wind over 0.15 s of severe
 * turbulence (75 ft/s at 20 ft) with the turbulence's seed `wind_seed`
 * and the simulation's `exec_seed`, written before the trim as JSBSim's
 * test writes them before loading the aircraft. */
#define CAPTURED 18 /* frames in 0.15 s at 120 Hz */
static void capture_turbulence(double wind_seed, double exec_seed, double wind[CAPTURED][3])
{
    saqr_fdm *f = fdm_c172_in_flight();
    fdm_set(f, "simulation/randomseed", exec_seed);
    fdm_set(f, "atmosphere/randomseed", wind_seed);
    fdm_set(f, "propulsion/set-running", -1.0);
    assert_int_equal(saqr_fdm_trim(f, SAQR_TRIM_LONGITUDINAL), SAQR_OK);
    severe_turbulence(f);
    for (int i = 0; i < CAPTURED; i++) {
        assert_int_equal(saqr_fdm_step(f), SAQR_OK);
        wind[i][0] = fdm_get(f, "atmosphere/total-wind-north-fps");
        wind[i][1] = fdm_get(f, "atmosphere/total-wind-east-fps");
        wind[i][2] = fdm_get(f, "atmosphere/total-wind-down-fps");
    }
    saqr_fdm_destroy(f);
}

/* JSBSim's testTurbulenceRandomSeed and testUnassignedSeed. */
static void the_turbulence_seed_should_not_follow_the_simulation_seed_once_set(void **state)
{
    (void)state;
    double a[CAPTURED][3], b[CAPTURED][3], c[CAPTURED][3];
    capture_turbulence(2, 4, a);
    capture_turbulence(2, 5, b);
    capture_turbulence(3, 4, c);
    int differ = 0;
    for (int i = 0; i < CAPTURED; i++)
        for (int k = 0; k < 3; k++) {
            assert_near(a[i][k], b[i][k], 1e-8);
            differ |= a[i][k] != c[i][k];
        }
    assert_true(differ); /* another turbulence seed, other gusts */
    /* unassigned, it is the simulation's */
    saqr_fdm *f = fdm_c172_in_flight();
    fdm_set(f, "simulation/randomseed", 47);
    assert_true(fdm_get(f, "atmosphere/randomseed") == 47.0);
    fdm_set(f, "atmosphere/randomseed", 2);
    fdm_set(f, "simulation/randomseed", 48);
    assert_true(fdm_get(f, "atmosphere/randomseed") == 2.0);
    const int k = saqr_fdm_property(f, "atmosphere/randomseed");
    assert_int_equal(saqr_fdm_set(f, k, -1.0), SAQR_EINVAL);
    assert_non_null(strstr(saqr_fdm_error(f), "atmosphere/randomseed"));
    saqr_fdm_destroy(f);
}

/* JSBSim's TestTurbulenceGustStop's set-up: trimmed, a steady wind of
 * (5, 6, 7) ft/s north, east and down. */
static saqr_fdm *c172_in_steady_wind(void)
{
    saqr_fdm *f = c172_trimmed();
    fdm_set(f, "atmosphere/wind-north-fps", 5);
    fdm_set(f, "atmosphere/wind-east-fps", 6);
    fdm_set(f, "atmosphere/wind-down-fps", 7);
    return f;
}

static void fly_for(saqr_fdm *f, double t_s)
{
    const double end = saqr_fdm_time(f) + t_s;
    while (saqr_fdm_time(f) < end - 1e-9)
        assert_int_equal(saqr_fdm_step(f), SAQR_OK);
}

/* The total wind north, east and down (ft/s), to 1e-8. */
static void assert_total_wind(saqr_fdm *f, double n, double e, double d)
{
    assert_near(fdm_get(f, "atmosphere/total-wind-north-fps"), n, 1e-8);
    assert_near(fdm_get(f, "atmosphere/total-wind-east-fps"), e, 1e-8);
    assert_near(fdm_get(f, "atmosphere/total-wind-down-fps"), d, 1e-8);
}

/* JSBSim's checkBaselineWind. */
static void assert_steady_wind(saqr_fdm *f)
{
    assert_total_wind(f, 5.0, 6.0, 7.0);
}

static void set_gust(saqr_fdm *f, double n, double e, double d)
{
    fdm_set(f, "atmosphere/gust-north-fps", n);
    fdm_set(f, "atmosphere/gust-east-fps", e);
    fdm_set(f, "atmosphere/gust-down-fps", d);
}

/* JSBSim's testCosineGust: 5 s up, 1 s steady, 5 s down, 30 ft/s, in wind
 * axes; over by 15 s. */
static void a_cosine_gust_should_leave_the_steady_wind_when_it_ends(void **state)
{
    (void)state;
    saqr_fdm *f = c172_in_steady_wind();
    fdm_set(f, "atmosphere/cosine-gust/startup-duration-sec", 5);
    fdm_set(f, "atmosphere/cosine-gust/steady-duration-sec", 1);
    fdm_set(f, "atmosphere/cosine-gust/end-duration-sec", 5);
    fdm_set(f, "atmosphere/cosine-gust/magnitude-ft_sec", 30);
    fdm_set(f, "atmosphere/cosine-gust/frame", 2);
    fdm_set(f, "atmosphere/cosine-gust/X-velocity-ft_sec", -1);
    fdm_set(f, "atmosphere/cosine-gust/Y-velocity-ft_sec", -0.5);
    fdm_set(f, "atmosphere/cosine-gust/Z-velocity-ft_sec", 0);
    fdm_set(f, "atmosphere/cosine-gust/start", 1);
    fly_for(f, 6.0);
    const double n = fdm_get(f, "atmosphere/total-wind-north-fps") - 5.0;
    const double e = fdm_get(f, "atmosphere/total-wind-east-fps") - 6.0;
    assert_near(sqrt(n * n + e * e), 30.0, 1.0); /* at its steady top */
    fly_for(f, 9.0);
    assert_steady_wind(f);
    saqr_fdm_destroy(f);
}

/* JSBSim's testGust: (7, 8, 9) ft/s for 15 s, then 0. */
static void a_gust_set_and_cleared_should_leave_the_steady_wind(void **state)
{
    (void)state;
    saqr_fdm *f = c172_in_steady_wind();
    set_gust(f, 7, 8, 9);
    fly_for(f, 1.0);
    assert_total_wind(f, 12.0, 14.0, 16.0);
    assert_near(fdm_get(f, "atmosphere/wind-mag-fps"), sqrt(25.0 + 36.0 + 49.0), 1e-9); /* the steady wind's */
    fly_for(f, 14.0);
    set_gust(f, 0, 0, 0);
    assert_int_equal(saqr_fdm_step(f), SAQR_OK);
    assert_steady_wind(f);
    saqr_fdm_destroy(f);
}

/* JSBSim's testTurbulence: severe for 15 s, then atmosphere/turb-type 0. */
static void turbulence_switched_off_should_leave_the_steady_wind(void **state)
{
    (void)state;
    saqr_fdm *f = c172_in_steady_wind();
    severe_turbulence(f);
    fly_for(f, 15.0);
    assert_true(fabs(fdm_get(f, "atmosphere/total-wind-north-fps") - 5.0) > 1e-3);
    fdm_set(f, "atmosphere/turb-type", 0);
    assert_int_equal(saqr_fdm_step(f), SAQR_OK);
    assert_steady_wind(f);
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
        cmocka_unit_test(the_turbulence_seed_should_not_follow_the_simulation_seed_once_set),
        cmocka_unit_test(a_cosine_gust_should_leave_the_steady_wind_when_it_ends),
        cmocka_unit_test(a_gust_set_and_cleared_should_leave_the_steady_wind),
        cmocka_unit_test(turbulence_switched_off_should_leave_the_steady_wind),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
