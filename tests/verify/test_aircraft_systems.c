/*
 * test_aircraft_systems.c - systems of Saqr's aircraft that the
 * qualification tests do not grade: the Super Mushak's load-factor
 * monitor (+6 / -3 g: an overstress is reported, never hidden), its
 * stall warning, spin entry and recovery, and airframe ice; the JF-17's
 * landing-gear warning (the F-16's WHEELS conditions: gear up, below
 * 10,000 ft, under 190 KCAS, descending over 250 ft/min) and its AoA
 * limit against full pedal and roll stick, and its full trim in cruise,
 * flown through the public API.
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
/* Aircraft `name` from its initialisation file `initfile`, initialised at
 * `alt_ft`, `kt` CAS on a flight path of `gamma` degrees (not trimmed). */
static saqr_fdm *aircraft_at(const char *name, const char *initfile, double alt_ft, double kt, double gamma)
{
    saqr_fdm *f = saqr_fdm_create(NULL);
    assert_non_null(f);
    if (saqr_fdm_load_aircraft(f, SAQR_ROOT_DIR, name) || saqr_fdm_load_initfile(f, initfile))
        fail_msg("%s", saqr_fdm_error(f));
    set(f, "ic/h-sl-ft", alt_ft);
    set(f, "ic/vc-kts", kt);
    set(f, "ic/gamma-deg", gamma);
    assert_int_equal(saqr_fdm_init(f), SAQR_OK);
    return f;
}

static saqr_fdm *mushak_at_alt(double kt, double gamma, double alt_ft)
{
    saqr_fdm *f = aircraft_at("super-mushak", "reset00", alt_ft, kt, gamma);
    set(f, "propulsion/set-running", -1.0);
    set(f, "fcs/mixture-cmd-norm", 1.0);
    if (saqr_fdm_trim(f, SAQR_TRIM_LONGITUDINAL) != SAQR_OK)
        fail_msg("no trim at %g kt, %g deg: %s", kt, gamma, saqr_fdm_error(f));
    return f;
}

static saqr_fdm *mushak_at(double kt, double gamma)
{
    return mushak_at_alt(kt, gamma, 5000.0);
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

/* A spin entered at idle from 75 kt (full aft stick, full rudder at the
 * stall: `side` +1 the left pedal, a left spin, -1 the right) and held for
 * `turns` turns; *rate_dps and *alpha_deg are the yaw rate's and alpha's
 * means over the last turn. */
static saqr_fdm *held_spin(double side, double turns, double *rate_dps, double *alpha_deg)
{
    saqr_fdm *f = mushak_at_alt(75.0, 0.0, 9000.0);
    const double dt = 1.0 / 120.0;
    double turned = 0.0, rate_sum = 0.0, alpha_sum = 0.0;
    long n = 0;
    for (int i = 0; turned < 360.0 * turns; i++) {
        double t = i * dt;
        if (t > 60.0)
            fail_msg("no spin: %.0f deg turned in 60 s", turned);
        set(f, "fcs/throttle-cmd-norm", 0.0);
        set(f, "fcs/elevator-cmd-norm", fmax(-1.0, -0.5 * t));
        if (get(f, "aero/alpha-deg") >= 14.0)
            set(f, "fcs/rudder-cmd-norm", side);
        set(f, "fcs/aileron-cmd-norm", 0.0);
        assert_int_equal(saqr_fdm_step(f), SAQR_OK);
        double yaw = get(f, "velocities/psidot-rad_sec") * 57.29577951308232;
        turned += fabs(yaw) * dt;
        if (turned > 360.0 * (turns - 1.0)) {
            rate_sum += fabs(yaw);
            alpha_sum += get(f, "aero/alpha-deg");
            n++;
        }
    }
    *rate_dps = rate_sum / (double)n;
    *alpha_deg = alpha_sum / (double)n;
    return f;
}

/* The turns from the start of a recovery until the rotation stops (yaw
 * rate under 15 deg/s, alpha under the stall): the rudder `rudder` at
 * once (-1 opposite, 0 neutral, 1 held pro-spin), the stick a third
 * forward half a second later, ailerons neutral; -1 if still spinning
 * after 20 s. */
static double recovery_turns(saqr_fdm *f, double rudder)
{
    const double dt = 1.0 / 120.0;
    double turned = 0.0;
    for (int i = 0; i < (int)(20.0 / dt); i++) {
        set(f, "fcs/rudder-cmd-norm", rudder);
        set(f, "fcs/aileron-cmd-norm", 0.0);
        set(f, "fcs/elevator-cmd-norm", i * dt < 0.5 ? -1.0 : 0.3);
        assert_int_equal(saqr_fdm_step(f), SAQR_OK);
        turned += fabs(get(f, "velocities/psidot-rad_sec")) * 57.29577951308232 * dt;
        if (fabs(get(f, "velocities/r-rad_sec")) * 57.29577951308232 < 15.0 && get(f, "aero/alpha-deg") < 14.0)
            return turned / 360.0;
    }
    return -1.0;
}

/* The spins the lesson (super-mushak/spin-recovery, to the left) and the
 * QTG (both ways) fly.  Held, each is a developed, steady spin (it does
 * not recover by itself in six turns).  The standard recovery stops it
 * within 1.5 turns (14 CFR 23.221(c), aerobatic category, after six
 * turns; FAA-H-8083-3 ch. 5); forward stick with the rudder neutral takes
 * longer, and with the rudder held pro-spin it does not stop within 1.5
 * turns - FAA-H-8083-3's warning, and what a spin lesson must be able to
 * show. */
static void a_held_spin_develops_and_only_the_opposite_rudder_stops_it_in_time(void **state)
{
    (void)state;
    for (double side = 1.0; side >= -1.0; side -= 2.0) {
        double rate, alpha, turns[3]; /* the rudder opposite, neutral, pro-spin */
        for (int k = 0; k < 3; k++) {
            saqr_fdm *f = held_spin(side, 6.0, &rate, &alpha);
            if (!(rate > 120.0 && rate < 320.0 && alpha > 35.0 && alpha < 70.0))
                fail_msg("no developed %s spin in the sixth turn: yaw rate %.0f deg/s, alpha %.0f deg",
                         side > 0.0 ? "left" : "right", rate, alpha);
            turns[k] = recovery_turns(f, (k - 1.0) * side);
            saqr_fdm_destroy(f);
        }
        printf("%s spin, sixth turn %.0f deg/s at alpha %.0f deg; recovery: standard %.2f, rudder neutral %.2f, "
               "rudder pro-spin %.2f turns\n", side > 0.0 ? "left" : "right", rate, alpha, turns[0], turns[1], turns[2]);
        if (!(turns[0] > 0.0 && turns[0] <= 1.5))
            fail_msg("the standard recovery took %.2f turns (-1: none in 20 s)", turns[0]);
        if (!(turns[1] < 0.0 || turns[1] > turns[0]))
            fail_msg("the rudder neutral (%.2f turns) recovered no slower than opposite rudder (%.2f)", turns[1],
                     turns[0]);
        if (!(turns[2] < 0.0 || turns[2] > 1.5))
            fail_msg("the rudder held pro-spin recovered in %.2f turns", turns[2]);
    }
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
    saqr_fdm *f = aircraft_at("jf17", "reset05", ft, kt, gamma);
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

/* The JF-17 slowed at idle from a level trim at 220 kt, 20,000 ft (the
 * stick holding the altitude) until its angle of attack passes 22 deg,
 * then 15 s of full aft stick with the pedal at `rudder` and the roll stick
 * at `aileron`: the largest angle of attack and yaw rate seen. */
static void jf17_at_the_limiter(double rudder, double aileron, double *alpha_max, double *yaw_max_dps)
{
    saqr_fdm *f = aircraft_at("jf17", "reset00", 20000.0, 220.0, 0.0);
    set(f, "propulsion/set-running", -1.0);
    if (saqr_fdm_trim(f, SAQR_TRIM_LONGITUDINAL) != SAQR_OK)
        fail_msg("no trim: %s", saqr_fdm_error(f));
    const double h0 = get(f, "position/h-sl-ft"), stick0 = get(f, "fcs/elevator-cmd-norm"), dt = 1.0 / 120.0;
    double t_limiter = -1.0;
    *alpha_max = *yaw_max_dps = 0.0;
    for (int i = 0; i < 120 * 120; i++) {
        double t = i * dt;
        set(f, "fcs/throttle-cmd-norm", 0.0);
        if (t_limiter < 0.0) {
            double stick = stick0 - 0.002 * (h0 - get(f, "position/h-sl-ft")) + 0.004 * get(f, "velocities/h-dot-fps");
            set(f, "fcs/elevator-cmd-norm", fmax(-1.0, fmin(1.0, stick)));
            if (get(f, "aero/alpha-deg") > 22.0)
                t_limiter = t;
        } else {
            if (t - t_limiter > 15.0)
                break;
            set(f, "fcs/elevator-cmd-norm", -1.0);
            set(f, "fcs/rudder-cmd-norm", rudder);
            set(f, "fcs/aileron-cmd-norm", aileron);
        }
        assert_int_equal(saqr_fdm_step(f), SAQR_OK);
        if (t_limiter >= 0.0) {
            *alpha_max = fmax(*alpha_max, get(f, "aero/alpha-deg"));
            *yaw_max_dps = fmax(*yaw_max_dps, fabs(get(f, "velocities/r-rad_sec")) * 57.29577951308232);
        }
    }
    saqr_fdm_destroy(f);
    if (t_limiter < 0.0)
        fail_msg("the JF-17 never reached 22 deg of alpha");
}

/* The fly-by-wire's angle-of-attack limit holds against the pilot's
 * full pedal and roll stick, either way, with full aft stick at idle at
 * the limiter: no departure (the reference's "AoA limiting"; the
 * limiter's 26 deg with the QTG's band, +-1.5 deg).  Before the pedal's
 * authority faded with alpha, full pedal there yawed the JF-17 into a
 * flat spin past 100 deg of alpha. */
static void the_jf17_does_not_depart_on_full_pedal_and_roll_at_its_aoa_limit(void **state)
{
    (void)state;
    static const double inputs[][2] = {{1, 1}, {1, -1}, {-1, 1}, {-1, -1}, {1, 0}, {0, -1}};
    for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
        double alpha, yaw;
        jf17_at_the_limiter(inputs[i][0], inputs[i][1], &alpha, &yaw);
        printf("pedal %+.0f, roll stick %+.0f: alpha at most %.1f deg, yaw rate at most %.0f deg/s\n", inputs[i][0],
               inputs[i][1], alpha, yaw);
        if (!(alpha < 27.5 && yaw < 30.0))
            fail_msg("departed: alpha %.1f deg, yaw rate %.0f deg/s", alpha, yaw);
    }
}

/* The JF-17 at Mach 0.6 and 10,000 ft (reset01), engine running: a full
 * trim.  JSBSim's FGTrim, visiting one axis at a time, goes round its 60
 * iterations without converging on this fly-by-wire aircraft (60 ms,
 * then the sortie fell back to a longitudinal trim); the quick trim
 * solves the six axes together in a fraction of a millisecond.  The trim
 * must hold: within FGTrim's tolerances, and 10 s hands-off within 20 ft
 * and 1 degree of bank (measured: 3.5 ft, -0.1 deg). */
static void the_jf17_trims_in_full_at_cruise(void **state)
{
    (void)state;
    for (int fgtrim = 0; fgtrim <= 1; fgtrim++) {
        saqr_fdm *f = saqr_fdm_create(NULL);
        assert_non_null(f);
        if (saqr_fdm_load_aircraft(f, SAQR_ROOT_DIR, "jf17") || saqr_fdm_load_initfile(f, "reset01") ||
            saqr_fdm_init(f))
            fail_msg("%s", saqr_fdm_error(f));
        set(f, "simulation/trim-fgtrim", fgtrim);
        set(f, "propulsion/set-running", -1.0);
        saqr_status st = saqr_fdm_trim(f, SAQR_TRIM_FULL);
        print_message("jf17 full trim at Mach 0.6, %s: %s\n", fgtrim ? "FGTrim" : "quick trim",
                      st == SAQR_OK ? "trimmed" : saqr_fdm_error(f));
        if (fgtrim) {
            assert_int_equal(st, SAQR_EINVAL);
            saqr_fdm_destroy(f);
            continue;
        }
        assert_int_equal(st, SAQR_OK);
        assert_true(fabs(get(f, "accelerations/udot-ft_sec2")) <= 1e-3);
        assert_true(fabs(get(f, "accelerations/vdot-ft_sec2")) <= 1e-3);
        assert_true(fabs(get(f, "accelerations/wdot-ft_sec2")) <= 1e-3);
        assert_true(fabs(get(f, "accelerations/pdot-rad_sec2")) <= 1e-4);
        assert_true(fabs(get(f, "accelerations/qdot-rad_sec2")) <= 1e-4);
        assert_true(fabs(get(f, "accelerations/rdot-rad_sec2")) <= 1e-4);
        double h0 = get(f, "position/h-sl-ft");
        for (int i = 0; i < 1200; i++)
            assert_int_equal(saqr_fdm_step(f), SAQR_OK);
        print_message("  10 s hands-off: %+.2f ft, bank %.3f deg\n", get(f, "position/h-sl-ft") - h0,
                      get(f, "attitude/phi-deg"));
        assert_true(fabs(get(f, "position/h-sl-ft") - h0) < 20.0);
        assert_true(fabs(get(f, "attitude/phi-deg")) < 1.0);
        saqr_fdm_destroy(f);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_gentle_pull_is_not_an_overstress),
        cmocka_unit_test(a_hard_pull_past_six_g_is_reported_and_stays_reported),
        cmocka_unit_test(the_stall_warning_is_silent_in_cruise),
        cmocka_unit_test(a_held_spin_develops_and_only_the_opposite_rudder_stops_it_in_time),
        cmocka_unit_test(ice_lowers_clmax_and_stalls_the_wing_before_the_warning),
        cmocka_unit_test(the_jf17_gear_warning_sounds_on_a_gear_up_approach_only),
        cmocka_unit_test(the_jf17_does_not_depart_on_full_pedal_and_roll_at_its_aoa_limit),
        cmocka_unit_test(the_jf17_trims_in_full_at_cruise),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
