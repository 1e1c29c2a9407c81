/*
 * test_aircraft_systems.c - systems of Saqr's aircraft that the
 * qualification tests do not grade: the Super Mushak's load-factor
 * monitor (+6 / -3 g: an overstress is reported, never hidden), its
 * stall warning, spin entry and recovery, and airframe ice; the JF-17's
 * landing-gear warning (the F-16's WHEELS conditions: gear up, below
 * 10,000 ft, under 190 KCAS, descending over 250 ft/min), flown through
 * the public API.
 */
#include "test_util.h"

#include <math.h>

#include "saqr.h"

#ifndef SAQR_ROOT_DIR
#define SAQR_ROOT_DIR "."
#endif

static double get(saqr_fdm *f, const char *name)
{
    int s = saqr_fdm_property(f, name);
    if (s < 0)
        fail_msg("no property %s", name);
    return saqr_fdm_get(f, s);
}

static void set(saqr_fdm *f, const char *name, double v)
{
    int s = saqr_fdm_property(f, name);
    if (s < 0 || saqr_fdm_set(f, s, v) != SAQR_OK)
        fail_msg("cannot set %s", name);
}

/* The Mushak trimmed at `kt`, 5,000 ft, on a flight path of `gamma`
 * degrees, engine running. */
static saqr_fdm *mushak_at(double kt, double gamma)
{
    saqr_fdm *f = saqr_fdm_create(NULL);
    assert_non_null(f);
    if (saqr_fdm_load_aircraft(f, SAQR_ROOT_DIR, "super-mushak") || saqr_fdm_load_initfile(f, "reset00"))
        fail_msg("%s", saqr_fdm_error(f));
    set(f, "ic/h-sl-ft", 5000.0);
    set(f, "ic/vc-kts", kt);
    set(f, "ic/gamma-deg", gamma);
    assert_int_equal(saqr_fdm_init(f), SAQR_OK);
    set(f, "propulsion/set-running", -1.0);
    set(f, "fcs/mixture-cmd-norm", 1.0);
    if (saqr_fdm_trim(f, SAQR_TRIM_LONGITUDINAL) != SAQR_OK)
        fail_msg("no trim at %g kt, %g deg: %s", kt, gamma, saqr_fdm_error(f));
    return f;
}

static saqr_fdm *mushak_trimmed(void)
{
    return mushak_at(120.0, 0.0);
}

/* Flies `seconds` with the elevator at `elevator`, returning the largest
 * load factor seen (the negative of n-pilot-z-norm). */
static double pull(saqr_fdm *f, double elevator, double seconds)
{
    double peak = -10.0;
    for (int i = 0; i < (int)(seconds * 120.0); i++) {
        set(f, "fcs/elevator-cmd-norm", elevator);
        assert_int_equal(saqr_fdm_step(f), SAQR_OK);
        peak = fmax(peak, -get(f, "accelerations/n-pilot-z-norm"));
    }
    return peak;
}

static void a_gentle_pull_is_not_an_overstress(void **state)
{
    (void)state;
    saqr_fdm *f = mushak_trimmed();
    double trim = get(f, "fcs/elevator-cmd-norm");
    double peak = pull(f, trim - 0.05, 2.0);
    assert_true(peak > 1.2 && peak < 5.0);
    assert_near(get(f, "systems/overstress/flag"), 0.0, 0.0);
    assert_near(get(f, "systems/overstress/max-g"), peak, 0.05);
    saqr_fdm_destroy(f);
}

static void a_hard_pull_past_six_g_is_reported_and_stays_reported(void **state)
{
    (void)state;
    /* above the manoeuvring speed (about 160 kt: 6 g at the stall), in a
     * dive at idle */
    saqr_fdm *f = mushak_at(170.0, -10.0);
    double peak = pull(f, -1.0, 1.5);
    if (!(peak > 6.0))
        fail_msg("full aft stick at 170 kt gave only %.2f g", peak);
    assert_near(get(f, "systems/overstress/flag"), 1.0, 0.0);
    assert_true(get(f, "systems/overstress/max-g") > 6.0);
    /* unloading does not clear it: an overstress is never hidden */
    (void)pull(f, 0.0, 2.0);
    assert_near(get(f, "systems/overstress/flag"), 1.0, 0.0);
    saqr_fdm_destroy(f);
}

static void the_stall_warning_is_silent_in_cruise(void **state)
{
    (void)state;
    saqr_fdm *f = mushak_trimmed();
    (void)pull(f, get(f, "fcs/elevator-cmd-norm"), 1.0);
    assert_near(get(f, "systems/stall-warning"), 0.0, 0.0);
    saqr_fdm_destroy(f);
}

/* Spin entry at idle (full aft stick and full rudder held from a slow
 * level trim) and the standard recovery (rudder opposite, ailerons
 * neutral, stick forward): the spin develops and the rotation stops
 * within a turn and a half.  Criteria: FAA-H-8083-3 chapter 5 (spin
 * recovery), a trainer's "recovers within 1.5 turns". */
static void a_held_spin_develops_and_the_recovery_stops_it(void **state)
{
    (void)state;
    saqr_fdm *f = mushak_at(75.0, 0.0);
    const double dt = 1.0 / 120.0;
    double spin_rate = 0.0, spin_alpha = 0.0;
    for (int i = 0; i < (int)(10.0 / dt); i++) {
        double t = i * dt;
        set(f, "fcs/throttle-cmd-norm", 0.0);
        set(f, "fcs/elevator-cmd-norm", t < 2.0 ? -0.5 * t : -1.0);
        set(f, "fcs/rudder-cmd-norm", t < 2.0 ? 0.0 : 1.0);
        set(f, "fcs/aileron-cmd-norm", 0.0);
        assert_int_equal(saqr_fdm_step(f), SAQR_OK);
        if (t > 7.0) { /* developed */
            spin_rate = fmax(spin_rate, fabs(get(f, "velocities/r-rad_sec")) * 57.29577951308232);
            spin_alpha = fmax(spin_alpha, get(f, "aero/alpha-deg"));
        }
    }
    if (!(spin_rate > 90.0 && spin_alpha > 30.0))
        fail_msg("no developed spin: yaw rate %.0f deg/s, alpha %.0f deg", spin_rate, spin_alpha);
    double turned = 0.0, stopped_at = -1.0;
    for (int i = 0; i < (int)(10.0 / dt) && stopped_at < 0.0; i++) {
        double t = i * dt;
        set(f, "fcs/rudder-cmd-norm", -1.0);
        set(f, "fcs/aileron-cmd-norm", 0.0);
        set(f, "fcs/elevator-cmd-norm", t < 1.0 ? 0.0 : 0.3);
        assert_int_equal(saqr_fdm_step(f), SAQR_OK);
        double r = get(f, "velocities/r-rad_sec") * 57.29577951308232;
        turned += fabs(r) * dt;
        if (fabs(r) < 20.0 && get(f, "aero/alpha-deg") < 12.0)
            stopped_at = t;
    }
    if (!(stopped_at >= 0.0 && turned < 540.0))
        fail_msg("spin not stopped within 1.5 turns (turned %.0f deg)", turned);
    saqr_fdm_destroy(f);
}

/* The largest lift coefficient the Mushak reaches (all its lift terms,
 * -Z wind-axis force over qbar S) as the stick comes back from the level
 * trim at 90 kt, 5,000 ft, to full aft over 30 s at idle, with `ice` of
 * the design ice; *alpha_deg and *warning where it peaked.  Stops at the
 * break (alpha past 25 deg) or once the dynamic pressure is small. */
static double cl_max(double ice, double *alpha_deg, double *warning)
{
    saqr_fdm *f = saqr_fdm_create(NULL);
    assert_non_null(f);
    if (saqr_fdm_load_aircraft(f, SAQR_ROOT_DIR, "super-mushak") || saqr_fdm_load_initfile(f, "reset00"))
        fail_msg("%s", saqr_fdm_error(f));
    set(f, "ic/h-sl-ft", 5000.0);
    set(f, "ic/vc-kts", 90.0);
    set(f, "ic/gamma-deg", 0.0);
    set(f, "environment/icing/ice-norm", ice);
    assert_int_equal(saqr_fdm_init(f), SAQR_OK);
    set(f, "propulsion/set-running", -1.0);
    set(f, "fcs/mixture-cmd-norm", 1.0);
    if (saqr_fdm_trim(f, SAQR_TRIM_LONGITUDINAL) != SAQR_OK)
        fail_msg("no trim with ice %g: %s", ice, saqr_fdm_error(f));
    const double area = get(f, "metrics/Sw-sqft"), seconds = 30.0;
    double best = 0.0;
    for (int i = 0; i < (int)(seconds * 120.0); i++) {
        set(f, "fcs/throttle-cmd-norm", 0.0);
        set(f, "fcs/elevator-cmd-norm", -(i / 120.0) / seconds);
        assert_int_equal(saqr_fdm_step(f), SAQR_OK);
        double q = get(f, "aero/qbar-psf"), alpha = get(f, "aero/alpha-deg");
        if (alpha > 25.0 || q < 10.0)
            break;
        double cl = get(f, "forces/fwz-aero-lbs") / (q * area);
        if (cl > best) {
            best = cl;
            *alpha_deg = alpha;
            *warning = get(f, "systems/stall-warning");
        }
    }
    saqr_fdm_destroy(f);
    return best;
}

/* Airframe ice (Systems/icing.xml, an estimate): the design ice takes
 * 24% off the wing's CLmax and moves its stall 5 degrees earlier, so
 * the 1-g stall speed rises by sqrt(1 / 0.76) = 15%.  And the
 * stall-warning vane, set for the clean wing (11.3 deg, flaps up), stays
 * silent where the iced wing stalls (11 deg) - the FAA's warning that an
 * iced wing may stall before the stall warning sounds (AC 91-74B). */
static void ice_lowers_clmax_and_stalls_the_wing_before_the_warning(void **state)
{
    (void)state;
    double a_clean = 0.0, a_iced = 0.0, w_clean = -1.0, w_iced = -1.0;
    double clean = cl_max(0.0, &a_clean, &w_clean), iced = cl_max(1.0, &a_iced, &w_iced);
    printf("CLmax clean %.3f (alpha %.1f, warning %.0f), design ice %.3f (alpha %.1f, warning %.0f): ratio %.3f, "
           "stall speed x %.3f\n",
           clean, a_clean, w_clean, iced, a_iced, w_iced, iced / clean, sqrt(clean / iced));
    assert_true(iced / clean > 0.72 && iced / clean < 0.80);
    assert_true(a_iced < a_clean - 3.5);
    assert_true(w_clean == 1.0);
    assert_true(w_iced == 0.0);
}

/* The JF-17 at `ft` and `kt` on a flight path of `gamma` degrees with its
 * gear handle at `gear`, after a few frames: its gear warning. */
static double jf17_gear_warning(double ft, double kt, double gamma, double gear)
{
    saqr_fdm *f = saqr_fdm_create(NULL);
    assert_non_null(f);
    if (saqr_fdm_load_aircraft(f, SAQR_ROOT_DIR, "jf17") || saqr_fdm_load_initfile(f, "reset05"))
        fail_msg("%s", saqr_fdm_error(f));
    set(f, "ic/h-sl-ft", ft);
    set(f, "ic/vc-kts", kt);
    set(f, "ic/gamma-deg", gamma);
    assert_int_equal(saqr_fdm_init(f), SAQR_OK);
    double w = 0.0;
    for (int i = 0; i < 2; i++) { /* untrimmed: read before the path bends */
        set(f, "gear/gear-cmd-norm", gear);
        assert_int_equal(saqr_fdm_step(f), SAQR_OK);
        w = get(f, "systems/gear-warning");
    }
    saqr_fdm_destroy(f);
    return w;
}

static void the_jf17_gear_warning_sounds_on_a_gear_up_approach_only(void **state)
{
    (void)state;
    /* 150 kt down a 3-degree path: ~800 ft/min, the gear forgotten */
    assert_near(jf17_gear_warning(1500.0, 150.0, -3.0, 0.0), 1.0, 0.0);
    /* each condition taken away in turn silences it */
    assert_near(jf17_gear_warning(1500.0, 150.0, -3.0, 1.0), 0.0, 0.0);  /* gear down */
    assert_near(jf17_gear_warning(1500.0, 150.0, 0.0, 0.0), 0.0, 0.0);   /* level */
    assert_near(jf17_gear_warning(1500.0, 150.0, -0.5, 0.0), 0.0, 0.0);  /* ~135 ft/min */
    assert_near(jf17_gear_warning(1500.0, 230.0, -3.0, 0.0), 0.0, 0.0);  /* faster than 190 kt */
    assert_near(jf17_gear_warning(12000.0, 150.0, -3.0, 0.0), 0.0, 0.0); /* above 10,000 ft */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_gentle_pull_is_not_an_overstress),
        cmocka_unit_test(a_hard_pull_past_six_g_is_reported_and_stays_reported),
        cmocka_unit_test(the_stall_warning_is_silent_in_cruise),
        cmocka_unit_test(a_held_spin_develops_and_the_recovery_stops_it),
        cmocka_unit_test(ice_lowers_clmax_and_stalls_the_wing_before_the_warning),
        cmocka_unit_test(the_jf17_gear_warning_sounds_on_a_gear_up_approach_only),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
