/*
 * test_jf17_throttle.c - the JF-17's throttle lever (aircraft/jf17/
 * Systems/throttle.xml) on the runway at sea level, brakes on:
 *  - at the military detent the engine gives its published dry thrust,
 *    about 50 kN, and at the stop its published afterburning thrust,
 *    84.4 kN (../shared/reference/aircraft-and-training.md), both static
 *    at sea level;
 *  - between them the reheat is modulated: its minimum just past the
 *    detent's gate (0.02 of travel, still military power), proportional
 *    to the lever beyond;
 *  - the reheat lights only with the engine at military speed and after
 *    the light-up time, then rises to the lever's setting at the design
 *    rate (the file's estimates: 0.8 s, 1.0 a second, minimum 0.15 of
 *    the military-to-maximum span);
 *  - below the detent it goes out at once, and the inhibit the
 *    qualification tests use keeps the engine dry at full travel.
 * The thrust is the engine's own output (propulsion/engine/thrust-lbs),
 * compared with the published figures; the times with the design's.
 */
#include "fdm_util.h"

#include <math.h>

#include "fdm/throttle_detent.h"

#ifndef SAQR_ROOT_DIR
#define SAQR_ROOT_DIR "."
#endif

#define N_PER_LBF 4.4482216152605
#define DETENT 0.8
#define GATE 0.02 /* the detent's width: still military power */
#define LIGHT_UP_S 0.8
#define RAMP_PER_S 1.0
#define REHEAT_MIN 0.15

/* The JF-17 at rest on the runway, brakes on, engine running at idle. */
static saqr_fdm *jf17_on_the_brakes(void)
{
    saqr_fdm *f = fdm_aircraft_in(SAQR_ROOT_DIR, "jf17");
    if (saqr_fdm_load_initfile(f, "reset00") != SAQR_OK)
        fail_msg("%s", saqr_fdm_error(f));
    assert_int_equal(saqr_fdm_init(f), SAQR_OK);
    fdm_set(f, "propulsion/set-running", -1.0);
    fdm_set(f, "gear/gear-cmd-norm", 1.0);
    fdm_set(f, "fcs/left-brake-cmd-norm", 1.0);
    fdm_set(f, "fcs/right-brake-cmd-norm", 1.0);
    fdm_set(f, "fcs/throttle-cmd-norm", 0.0);
    return f;
}

static void run_s(saqr_fdm *f, double seconds)
{
    int n = (int)(seconds / saqr_fdm_dt(f) + 0.5);
    for (int i = 0; i < n; i++)
        assert_int_equal(saqr_fdm_step(f), SAQR_OK);
}

/* The thrust (kN) after `seconds` at `lever`. */
static double thrust_kn_after(saqr_fdm *f, double lever, double seconds)
{
    fdm_set(f, "fcs/throttle-cmd-norm", lever);
    run_s(f, seconds);
    return fdm_get(f, "propulsion/engine/thrust-lbs") * N_PER_LBF / 1000.0;
}

/* The static thrust (kN) at `lever`: a fresh aircraft spooled up at the
 * detent on the brakes, then the lever moved and held until the reheat
 * (if any) has reached its setting; the brakes do not hold the reheat,
 * so the thrust is read before the aircraft has rolled to 25 kt (Mach
 * 0.04: static, within the thrust tables' first row). */
static double static_thrust_kn(double lever, double *reheat)
{
    saqr_fdm *f = jf17_on_the_brakes();
    (void)thrust_kn_after(f, DETENT, 12.0);
    double kn = thrust_kn_after(f, lever, LIGHT_UP_S + 1.0 / RAMP_PER_S + 0.1);
    double gs_kt = fdm_get(f, "velocities/vg-fps") * 0.3048 / 0.514444;
    assert_true(gs_kt < 25.0);
    *reheat = fdm_get(f, "fcs/afterburner-pos-norm");
    saqr_fdm_destroy(f);
    return kn;
}

static void the_detent_gives_the_published_dry_thrust_and_the_stop_the_afterburning(void **state)
{
    (void)state;
    double reheat_at_mil, reheat_in_gate, reheat_mid, reheat_max;
    double mil_kn = static_thrust_kn(DETENT, &reheat_at_mil);
    double gate_kn = static_thrust_kn(DETENT + 0.5 * GATE, &reheat_in_gate);
    double mid_kn = static_thrust_kn(0.5 * (DETENT + GATE + 1.0), &reheat_mid);
    double max_kn = static_thrust_kn(1.0, &reheat_max);
    printf("military %.1f kN (reheat %.2f), in the detent's gate %.1f kN (%.2f), half-way %.1f kN (%.3f), "
           "maximum %.1f kN (%.2f)\n",
           mil_kn, reheat_at_mil, gate_kn, reheat_in_gate, mid_kn, reheat_mid, max_kn, reheat_max);
    assert_near(mil_kn, 50.0, 0.02 * 50.0);
    assert_near(max_kn, 84.4, 0.02 * 84.4);
    assert_near(reheat_at_mil, 0.0, 0.0);
    assert_near(reheat_in_gate, 0.0, 0.0);
    assert_near(gate_kn, mil_kn, 0.001 * mil_kn);
    assert_near(reheat_max, 1.0, 0.0);
    /* half-way past the gate: the minimum plus half the rest of the span */
    double share = REHEAT_MIN + (1.0 - REHEAT_MIN) * 0.5;
    assert_near(reheat_mid, share, 1e-9);
    assert_near(mid_kn, mil_kn + share * (max_kn - mil_kn), 0.02 * mid_kn);
}

static void a_slam_from_idle_lights_the_reheat_only_at_military_speed_then_after_the_light_up(void **state)
{
    (void)state;
    saqr_fdm *f = jf17_on_the_brakes();
    run_s(f, 5.0);
    fdm_set(f, "fcs/throttle-cmd-norm", 1.0);
    const double dt = saqr_fdm_dt(f);
    double t_95 = NAN, t_lit = NAN, t_full = NAN;
    for (double t = 0.0; t < 20.0 && isnan(t_full); t += dt) {
        assert_int_equal(saqr_fdm_step(f), SAQR_OK);
        double n2 = fdm_get(f, "propulsion/engine/n2"), reheat = fdm_get(f, "fcs/afterburner-pos-norm");
        if (isnan(t_95) && n2 >= 95.0)
            t_95 = t;
        if (isnan(t_lit) && reheat > 0.0) {
            t_lit = t;
            assert_true(n2 >= 95.0); /* never lit below military speed */
        }
        if (isnan(t_full) && reheat >= 1.0)
            t_full = t;
    }
    printf("N2 95%% at %.2f s, reheat lit at %.2f s, maximum at %.2f s\n", t_95, t_lit, t_full);
    assert_true(t_full > 0.0); /* reached maximum (NaN: never) */
    /* the light-up counts from military speed; the frame's order (the
     * controls read the last frame's N2) adds up to two frames */
    assert_near(t_lit - t_95, LIGHT_UP_S, 2.5 * dt);
    assert_near(t_full - t_lit, 1.0 / RAMP_PER_S, 2.5 * dt);
    saqr_fdm_destroy(f);
}

static void the_reheat_stays_out_when_inhibited_and_goes_out_below_the_detent(void **state)
{
    (void)state;
    saqr_fdm *f = jf17_on_the_brakes();
    (void)thrust_kn_after(f, DETENT, 12.0);
    /* inhibited: full travel is military power */
    fdm_set(f, "fcs/afterburner-inhibit", 1.0);
    double inhibited_kn = thrust_kn_after(f, 1.0, 3.0);
    assert_near(fdm_get(f, "fcs/afterburner-pos-norm"), 0.0, 0.0);
    assert_near(inhibited_kn, 50.0, 0.02 * 50.0);
    /* released: it lights */
    fdm_set(f, "fcs/afterburner-inhibit", 0.0);
    double max_kn = thrust_kn_after(f, 1.0, LIGHT_UP_S + 1.0 / RAMP_PER_S + 0.1);
    assert_near(fdm_get(f, "fcs/afterburner-pos-norm"), 1.0, 0.0);
    /* just below the detent: out on the next frame, the dry throttle not
     * lifted by the fading command */
    double dry_kn = thrust_kn_after(f, DETENT - 0.01, saqr_fdm_dt(f));
    assert_near(fdm_get(f, "fcs/afterburner-pos-norm"), 0.0, 0.0);
    assert_true(fdm_get(f, "fcs/throttle-pos-norm") < 1.0);
    assert_true(dry_kn < 0.7 * max_kn);
    saqr_fdm_destroy(f);
}

/* What the training code reads (fdm/throttle_detent.h): the JF-17's
 * declared detent; 1 (the whole travel dry) for an aircraft that declares
 * none, and for a declared value outside (0, 1]. */
static void the_training_code_reads_the_detent_the_aircraft_declares(void **state)
{
    (void)state;
    saqr_fdm *f = jf17_on_the_brakes();
    assert_near(throttle_mil_detent(f), DETENT, 0.0);
    const double bad[] = {0.0, -0.5, 1.5};
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        fdm_set(f, "fcs/throttle-mil-detent-norm", bad[k]);
        assert_near(throttle_mil_detent(f), 1.0, 0.0);
    }
    /* a NaN does not get in at all */
    assert_int_not_equal(saqr_fdm_set(f, saqr_fdm_property(f, "fcs/throttle-mil-detent-norm"), NAN), SAQR_OK);
    saqr_fdm_destroy(f);
    saqr_fdm *c172 = fdm_c172_in_flight();
    assert_near(throttle_mil_detent(c172), 1.0, 0.0);
    saqr_fdm_destroy(c172);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_detent_gives_the_published_dry_thrust_and_the_stop_the_afterburning),
        cmocka_unit_test(a_slam_from_idle_lights_the_reheat_only_at_military_speed_then_after_the_light_up),
        cmocka_unit_test(the_reheat_stays_out_when_inhibited_and_goes_out_below_the_detent),
        cmocka_unit_test(the_training_code_reads_the_detent_the_aircraft_declares),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
