/*
 * test_sortie_control.c - an instructor's controls of a sortie in
 * progress (src/train/sortie_control.h), each against the physics it
 * models: a failed engine stops and the aircraft slows; partial power
 * gives less thrust than full; a blocked pitot reads as an altimeter; a
 * blocked static port freezes the altimeter and the VSI; a failed gear
 * stays where it is; a leaking tank empties at its rate; a
 * failed attitude indicator stays put while the aircraft rolls; failed
 * flaps and brakes do not answer their commands; wind changes the ground
 * speed by its component; the altimeter follows QNH and temperature as a
 * real one does (about 27-30 ft per hPa); a reposition to final puts the
 * aircraft on a 3-degree slope without sim time going back, and a failed
 * one leaves it where it was; position freeze; bad values are refused and
 * change nothing; the running marks agree with the final sheet.  Also
 * the flight library's additions they rest on (writable sea-level
 * pressure, capture/reposition of the initial conditions, move_to).
 */
#include "airports_fixture.h"
#include "lesson_fixture.h"

#include <math.h>
#include <unistd.h>

#include "math/units.h"
#include "saqr.h"
#include "train/sortie_control.h"
#include "train/sortie_internal.h"


#define FT_PER_DEG_LAT (60.0 * M_PER_NMI / M_PER_FT) /* about 364,567 ft */


/* A sortie of lesson `id` flown by `who` (the trainee: hands off unless
 * the test moves the controls), its lesson kept with it. */
typedef struct run {
    lesson l;
    sortie *s;
    saqr_fdm *f;
} run;

static void start(run *r, const char *id, const char *who, const char *record)
{
    fixture_lesson_load(id, &r->l);
    saqr_err err;
    err_clear(&err);
    sortie_opts o = {SAQR_ROOT_DIR, &fixture_airports, record, who, 20.0, NULL, NULL};
    if (sortie_begin(&r->l, &o, &r->s, &err))
        fail_msg("%s: %s", id, err.msg);
    r->f = sortie_fdm(r->s);
}

static void finish(run *r)
{
    grade_sheet sh;
    double flown;
    saqr_err err;
    err_clear(&err);
    (void)sortie_end(r->s, &sh, &flown, &err);
    sheet_free(&sh);
    lesson_free(&r->l);
}

static int slot(const run *r, const char *name)
{
    int s = saqr_fdm_property(r->f, name);
    if (s < 0)
        fail_msg("no property %s", name);
    return s;
}

static double get(const run *r, const char *name)
{
    return saqr_fdm_get(r->f, slot(r, name));
}

static void set(run *r, const char *name, double x)
{
    assert_int_equal(saqr_fdm_set(r->f, slot(r, name), x), SAQR_OK);
}

/* Flies `seconds`; a control named (NULL: none) is held at `x` before
 * every frame, as a trainee's hand would. */
static void fly_holding(run *r, double seconds, const char *control, double x)
{
    long n = (long)(seconds / saqr_fdm_dt(r->f) + 0.5);
    saqr_err err;
    err_clear(&err);
    for (long k = 0; k < n; k++) {
        if (control)
            set(r, control, x);
        int st = sortie_frame(r->s, &err);
        if (st != 0)
            fail_msg("the sortie ended (%d) at t = %.1f s: %s", st, saqr_fdm_time(r->f), err.msg);
    }
}

/* Flies `seconds` holding a pitch attitude with the elevator (a
 * proportional law on pitch with pitch-rate damping; JSBSim's elevator:
 * negative is nose up). */
static void fly_pitch(run *r, double seconds, double pitch_deg)
{
    long n = (long)(seconds / saqr_fdm_dt(r->f) + 0.5);
    saqr_err err;
    err_clear(&err);
    for (long k = 0; k < n; k++) {
        double e = 0.03 * (get(r, "attitude/theta-deg") - pitch_deg) + 0.5 * get(r, "velocities/q-rad_sec");
        set(r, "fcs/elevator-cmd-norm", fmax(-0.5, fmin(0.5, e)));
        if (sortie_frame(r->s, &err) != 0)
            fail_msg("the sortie ended at t = %.1f s: %s", saqr_fdm_time(r->f), err.msg);
    }
}

static void fly(run *r, double seconds)
{
    fly_holding(r, seconds, NULL, 0.0);
}

/* One frame of the test pilot's bank hold (aileron proportional to the
 * bank error, damped by the roll rate): a light single's spiral mode is
 * close to neutral (14 CFR Part 60 App. B: within 5 deg of its bank after
 * 20 s), so a held aileron rolls it on and hands off it wanders. */
static void hold_bank(run *r, double bank_deg)
{
    double e = bank_deg - get(r, "attitude/phi-deg"), p_dps = get(r, "velocities/p-rad_sec") * 57.29577951308232;
    set(r, "fcs/aileron-cmd-norm", fmax(-0.5, fmin(0.5, 0.03 * e - 0.01 * p_dps)));
}

/* Flies `seconds` holding a bank (0: wings level). */
static void fly_bank(run *r, double seconds, double bank_deg)
{
    long n = (long)(seconds / saqr_fdm_dt(r->f) + 0.5);
    saqr_err err;
    err_clear(&err);
    for (long k = 0; k < n; k++) {
        hold_bank(r, bank_deg);
        if (sortie_frame(r->s, &err) != 0)
            fail_msg("the sortie ended at t = %.1f s: %s", saqr_fdm_time(r->f), err.msg);
    }
}

static sortie_instruments instruments(const run *r)
{
    sortie_instruments in;
    sortie_read_instruments(r->s, &in);
    return in;
}

static void insert(run *r, sortie_malfunction m, int on)
{
    saqr_err err;
    err_clear(&err);
    assert_int_equal(sortie_set_malfunction(r->s, m, on, &err), SAQR_OK);
    assert_int_equal((sortie_malfunctions(r->s) >> m) & 1u, (unsigned)(on != 0));
}

static sortie_weather no_change(void)
{
    return sortie_weather_unchanged();
}

static void weather(run *r, const sortie_weather *w)
{
    saqr_err err;
    err_clear(&err);
    if (sortie_set_weather(r->s, w, &err))
        fail_msg("%s", err.msg);
}

/* ------------------------------------------------------------ malfunctions */

static void malfunction_names_go_both_ways_and_unknown_ones_are_refused(void **state)
{
    (void)state;
    for (int m = 0; m < MALF_COUNT; m++) {
        const char *name = sortie_malfunction_name((sortie_malfunction)m);
        assert_non_null(name);
        assert_int_equal(sortie_malfunction_from_name(name), m);
    }
    assert_string_equal(sortie_malfunction_name(MALF_PITOT_BLOCKED), "pitot-blocked");
    assert_string_equal(sortie_malfunction_name(MALF_STATIC_BLOCKED), "static-blocked");
    assert_null(sortie_malfunction_name(MALF_COUNT));
    assert_null(sortie_malfunction_name((sortie_malfunction)-1));
    assert_int_equal(sortie_malfunction_from_name("wing-fell-off"), -1);
    assert_int_equal(sortie_malfunction_from_name(NULL), -1);

    run r;
    start(&r, "super-mushak/straight-and-level", "trainee", NULL);
    saqr_err err;
    err_clear(&err);
    assert_int_equal(sortie_set_malfunction(r.s, MALF_COUNT, 1, &err), SAQR_EINVAL);
    assert_int_equal(sortie_set_malfunction(r.s, (sortie_malfunction)-3, 1, &err), SAQR_EINVAL);
    assert_true(strstr(err.msg, "malfunction") != NULL);
    assert_int_equal(sortie_malfunctions(r.s), 0u);
    insert(&r, MALF_BRAKE_FAILURE, 1);
    insert(&r, MALF_BRAKE_FAILURE, 1); /* again: nothing changes */
    assert_int_equal(sortie_malfunctions(r.s), 1u << MALF_BRAKE_FAILURE);
    insert(&r, MALF_BRAKE_FAILURE, 0);
    assert_int_equal(sortie_malfunctions(r.s), 0u);
    finish(&r);
}

/* The engine's tachometer (piston) or N2 (turbine), its thrust, and the
 * airspeed, after flying `seconds` with the engine failed or not; the
 * reference pilot holds the lesson's altitude. */
static void engine_after(const char *id, int failed, double seconds, double *speed, double *thrust, double *ias)
{
    run r;
    start(&r, id, "reference", NULL);
    if (failed)
        insert(&r, MALF_ENGINE_FAILURE, 1);
    fly(&r, seconds);
    sortie_instruments in = instruments(&r);
    *speed = isnan(in.rpm) ? in.n2_pct : in.rpm;
    *thrust = get(&r, "propulsion/engine/thrust-lbs");
    *ias = in.ias_kt;
    if (failed && !isnan(in.rpm)) /* the piston makes no power */
        assert_true(get(&r, "propulsion/engine/power-hp") < 0.0);
    finish(&r);
}

static void a_failed_engine_winds_down_and_the_aircraft_slows(void **state)
{
    (void)state;
    /* Super Mushak: the piston stops (mixture cut), the propeller
     * windmills and drags */
    double rpm0, thrust0, ias0, rpm1, thrust1, ias1;
    engine_after("super-mushak/straight-and-level", 0, 15.0, &rpm0, &thrust0, &ias0);
    engine_after("super-mushak/straight-and-level", 1, 15.0, &rpm1, &thrust1, &ias1);
    printf("super-mushak: rpm %.0f -> %.0f, thrust %.0f -> %.0f lbf, ias %.1f -> %.1f kt\n", rpm0, rpm1, thrust0,
           thrust1, ias0, ias1);
    /* the constant-speed propeller governs while windmilling fast enough:
     * the rpm sags only as the aircraft slows */
    assert_true(rpm1 < rpm0 - 50.0);
    assert_true(thrust0 > 100.0 && thrust1 < 0.0);
    assert_true(ias1 < ias0 - 10.0);

    /* JF-17: the fuel is cut off, the spools run down to windmilling */
    double n20, n21;
    engine_after("jf17/ils-approach", 0, 15.0, &n20, &thrust0, &ias0);
    engine_after("jf17/ils-approach", 1, 15.0, &n21, &thrust1, &ias1);
    printf("jf17: n2 %.1f -> %.1f %%, thrust %.0f -> %.0f lbf, ias %.1f -> %.1f kt\n", n20, n21, thrust0, thrust1,
           ias0, ias1);
    assert_true(n21 < 45.0 && n20 > 60.0);
    assert_true(thrust0 > 1000.0);
    assert_true(fabs(thrust1) < 1.0);
    assert_true(ias1 < ias0 - 5.0);
}

static void a_cleared_engine_failure_lets_the_engine_run_again(void **state)
{
    (void)state;
    run r;
    /* the piston fires again as the windmilling propeller turns it */
    start(&r, "super-mushak/straight-and-level", "trainee", NULL);
    insert(&r, MALF_ENGINE_FAILURE, 1);
    fly(&r, 5.0);
    assert_true(get(&r, "propulsion/engine/power-hp") < 0.0);
    insert(&r, MALF_ENGINE_FAILURE, 0);
    fly_holding(&r, 5.0, "fcs/throttle-cmd-norm", 1.0);
    printf("piston 5 s after clearing: %.0f hp\n", get(&r, "propulsion/engine/power-hp"));
    assert_true(get(&r, "propulsion/engine/power-hp") > 150.0);
    finish(&r);
    /* the turbine is air-started */
    start(&r, "jf17/ils-approach", "trainee", NULL);
    insert(&r, MALF_ENGINE_FAILURE, 1);
    fly(&r, 8.0);
    double n2_out = instruments(&r).n2_pct;
    assert_true(n2_out < 15.0);
    insert(&r, MALF_ENGINE_FAILURE, 0);
    fly(&r, 40.0);
    double n2_back = instruments(&r).n2_pct;
    printf("n2 failed %.1f %%, 40 s after clearing %.1f %%\n", n2_out, n2_back);
    assert_true(n2_back > 55.0);
    assert_true(get(&r, "propulsion/engine/thrust-lbs") > 300.0);
    finish(&r);
}

/* Thrust and manifold pressure (or N2) at full throttle after 20 s. */
static void full_throttle(const char *id, int partial, double *thrust, double *power)
{
    run r;
    start(&r, id, "trainee", NULL);
    if (partial)
        insert(&r, MALF_PARTIAL_POWER, 1);
    fly_holding(&r, 20.0, "fcs/throttle-cmd-norm", 1.0);
    sortie_instruments in = instruments(&r);
    *thrust = get(&r, "propulsion/engine/thrust-lbs");
    *power = isnan(in.manifold_inhg) ? in.n2_pct : get(&r, "propulsion/engine/power-hp");
    finish(&r);
}

static void partial_power_gives_about_half_the_power_of_full(void **state)
{
    (void)state;
    double t_full, p_full, t_part, p_part;
    full_throttle("super-mushak/straight-and-level", 0, &t_full, &p_full);
    full_throttle("super-mushak/straight-and-level", 1, &t_part, &p_part);
    printf("super-mushak full: %.0f lbf %.0f hp; partial: %.0f lbf %.0f hp\n", t_full, p_full, t_part, p_part);
    /* shaft power about half of full (and at most 60% of it) */
    assert_true(p_part < 0.6 * p_full && p_part > 0.35 * p_full);
    assert_true(t_part < t_full);
    full_throttle("jf17/ils-approach", 0, &t_full, &p_full);
    full_throttle("jf17/ils-approach", 1, &t_part, &p_part);
    printf("jf17 full: %.0f lbf n2 %.1f; partial: %.0f lbf n2 %.1f\n", t_full, p_full, t_part, p_part);
    assert_true(p_part < p_full - 5.0);
    assert_true(t_part < 0.6 * t_full);
    /* the cap is 0.70 of the dry range, which on the JF-17's lever ends at
     * its military detent (0.8): N2 = idle + 0.70 (max - idle), the
     * engine's idle 62% and max 100% (aircraft/jf17/Engines/rd93.xml).
     * Capped at 0.70 of the whole lever it would run at 95% */
    assert_near(p_part, 62.0 + 0.70 * (100.0 - 62.0), 0.5);
}

/* Reheat failure: the JF-17's afterburner, lit at the lever's stop, goes
 * out on the frame after it is inserted and the thrust falls to military
 * power's (about 60% of full reheat's; aircraft/jf17/README.md, 50 / 84.4
 * kN static); it does not light while the failure lasts, and cleared it
 * lights again after its light-up (0.8 s, then the rise).  The Super
 * Mushak has no afterburner: refused, nothing changes. */
static void a_reheat_failure_puts_the_afterburner_out_and_keeps_it_out(void **state)
{
    (void)state;
    run r;
    start(&r, "jf17/ils-approach", "trainee", NULL);
    fly_holding(&r, 8.0, "fcs/throttle-cmd-norm", 1.0);
    double lit = instruments(&r).reheat_pct, t_lit = get(&r, "propulsion/engine/thrust-lbs");
    insert(&r, MALF_REHEAT_FAILURE, 1);
    fly_holding(&r, 2.0 * saqr_fdm_dt(r.f), "fcs/throttle-cmd-norm", 1.0);
    double out = instruments(&r).reheat_pct;
    fly_holding(&r, 5.0, "fcs/throttle-cmd-norm", 1.0);
    double still_out = instruments(&r).reheat_pct, t_out = get(&r, "propulsion/engine/thrust-lbs");
    insert(&r, MALF_REHEAT_FAILURE, 0);
    fly_holding(&r, 0.5, "fcs/throttle-cmd-norm", 1.0);
    double lighting = instruments(&r).reheat_pct;
    fly_holding(&r, 2.0, "fcs/throttle-cmd-norm", 1.0);
    double relit = instruments(&r).reheat_pct;
    printf("reheat %.0f%% (%.0f lbf); failed %.0f%%, after 5 s %.0f%% (%.0f lbf); cleared 0.5 s %.0f%%, 2.5 s %.0f%%\n",
           lit, t_lit, out, still_out, t_out, lighting, relit);
    assert_near(lit, 100.0, 0.0);
    assert_near(out, 0.0, 0.0);
    assert_near(still_out, 0.0, 0.0);
    assert_true(t_out < 0.7 * t_lit && t_out > 0.45 * t_lit);
    assert_near(lighting, 0.0, 0.0);
    assert_near(relit, 100.0, 0.0);
    finish(&r);

    start(&r, "super-mushak/straight-and-level", "trainee", NULL);
    saqr_err err;
    err_clear(&err);
    assert_int_equal(sortie_set_malfunction(r.s, MALF_REHEAT_FAILURE, 1, &err), SAQR_EINVAL);
    assert_non_null(strstr(err.msg, "no afterburner"));
    assert_int_equal(sortie_malfunctions(r.s), 0u);
    finish(&r);
}

/* FCS degraded: the JF-17's fly-by-wire drops to its direct law on the
 * frame after the failure (the tail follows the stick and trim, the
 * pitch damper kept: fcs/fbw/de-direct, not the g/AoA law's
 * de-cmd-raw), stays there, and goes back to its control law when
 * cleared.  The Super Mushak has no fly-by-wire: refused. */
static void an_fcs_degradation_puts_the_fly_by_wire_in_its_direct_law(void **state)
{
    (void)state;
    run r;
    start(&r, "jf17/ils-approach", "trainee", NULL);
    fly(&r, 2.0);
    assert_near(get(&r, "fcs/fbw-direct"), 0.0, 0.0);
    assert_near(get(&r, "fcs/fbw/de-cmd"), get(&r, "fcs/fbw/de-cmd-raw"), 1e-9);
    assert_int_equal(instruments(&r).fcs_degraded, 0);
    insert(&r, MALF_FCS_DEGRADED, 1);
    fly(&r, 2.0 * saqr_fdm_dt(r.f));
    assert_near(get(&r, "fcs/fbw-direct"), 1.0, 0.0);
    assert_int_equal(instruments(&r).fcs_degraded, 1); /* the cockpit's FCS caution */
    assert_near(get(&r, "fcs/fbw/de-cmd"), get(&r, "fcs/fbw/de-direct"), 1e-9);
    fly(&r, 5.0);
    assert_near(get(&r, "fcs/fbw-direct"), 1.0, 0.0);
    assert_near(get(&r, "fcs/fbw/de-cmd"), get(&r, "fcs/fbw/de-direct"), 1e-9);
    assert_true(fabs(get(&r, "fcs/fbw/de-direct") - get(&r, "fcs/fbw/de-cmd-raw")) > 1e-3); /* two laws */
    insert(&r, MALF_FCS_DEGRADED, 0);
    fly(&r, 2.0 * saqr_fdm_dt(r.f));
    assert_near(get(&r, "fcs/fbw-direct"), 0.0, 0.0);
    assert_int_equal(instruments(&r).fcs_degraded, 0);
    assert_near(get(&r, "fcs/fbw/de-cmd"), get(&r, "fcs/fbw/de-cmd-raw"), 1e-9);
    finish(&r);

    start(&r, "super-mushak/straight-and-level", "trainee", NULL);
    saqr_err err;
    err_clear(&err);
    assert_int_equal(sortie_set_malfunction(r.s, MALF_FCS_DEGRADED, 1, &err), SAQR_EINVAL);
    assert_non_null(strstr(err.msg, "no fly-by-wire"));
    assert_int_equal(sortie_malfunctions(r.s), 0u);
    finish(&r);
}

/* Calibrated airspeed (kt) an indicator shows for total pressure pt and
 * static pressure ps (psf), subsonic: the impact pressure qc = pt - ps,
 * Vc = a0 sqrt(5 ((qc/p0 + 1)^(2/7) - 1)) (NASA RP-1046). */
static double indicated_kt(double pt_psf, double ps_psf)
{
    double qc = pt_psf - ps_psf, a0_kt = 340.29352035335023 / MPS_PER_KT;
    return qc > 0.0 ? a0_kt * sqrt(5.0 * (pow(qc / 2116.228 + 1.0, 2.0 / 7.0) - 1.0)) : 0.0;
}

/* Total pressure (psf) at the aircraft now: isentropic, p (1 + 0.2 M^2)^3.5. */
static double total_pressure_psf(run *r)
{
    double m = get(r, "velocities/mach");
    return get(r, "atmosphere/P-psf") * pow(1.0 + 0.2 * m * m, 3.5);
}

static void a_blocked_pitot_reads_as_an_altimeter(void **state)
{
    (void)state;
    run r;
    start(&r, "super-mushak/straight-and-level", "trainee", NULL);
    fly(&r, 1.0);
    sortie_instruments a = instruments(&r);
    double pt = total_pressure_psf(&r); /* trapped */
    insert(&r, MALF_PITOT_BLOCKED, 1);
    /* at the moment of blockage it reads true */
    assert_near(instruments(&r).ias_kt, a.ias_kt, 0.05);
    /* climb: full power, 12 degrees nose up */
    set(&r, "fcs/throttle-cmd-norm", 1.0);
    fly_pitch(&r, 20.0, 12.0);
    sortie_instruments b = instruments(&r);
    double true_ias = get(&r, "velocities/vc-kts");
    printf("climbed %.0f ft: true ias %.1f -> %.1f kt, indicated %.1f -> %.1f kt\n", b.alt_ft - a.alt_ft, a.ias_kt,
           true_ias, a.ias_kt, b.ias_kt);
    assert_true(b.alt_ft > a.alt_ft + 200.0);
    assert_true(true_ias < a.ias_kt - 5.0);
    assert_true(b.ias_kt > a.ias_kt + 10.0);
    /* the reading: the trapped total pressure less the static pressure now */
    assert_near(b.ias_kt, indicated_kt(pt, get(&r, "atmosphere/P-psf")), 0.05);
    /* and back down below where it was blocked: it reads less than true */
    set(&r, "fcs/throttle-cmd-norm", 0.3);
    fly_pitch(&r, 40.0, -8.0);
    sortie_instruments c = instruments(&r);
    printf("descended to %.0f ft: true ias %.1f kt, indicated %.1f kt\n", c.alt_ft, get(&r, "velocities/vc-kts"),
           c.ias_kt);
    assert_true(c.alt_ft < a.alt_ft - 200.0);
    assert_true(c.ias_kt < get(&r, "velocities/vc-kts") - 5.0);
    finish(&r);
}

/* Blocked static ports (FAA-H-8083-15B, ch. 5): the altimeter freezes,
 * the VSI reads zero, and the airspeed indicator, reading the live total
 * pressure against the trapped static pressure, under-reads in a climb
 * and over-reads in a descent.  With the pitot blocked as well the
 * airspeed stays where it was.  Cleared, all three read true again. */
static void a_blocked_static_port_freezes_the_altimeter(void **state)
{
    (void)state;
    run r;
    start(&r, "super-mushak/straight-and-level", "trainee", NULL);
    fly(&r, 1.0);
    sortie_instruments a = instruments(&r);
    double ps = get(&r, "atmosphere/P-psf"), h0_ft = get(&r, "position/h-sl-ft");
    insert(&r, MALF_STATIC_BLOCKED, 1);
    sortie_instruments a1 = instruments(&r);
    assert_near(a1.ias_kt, a.ias_kt, 0.05);
    assert_true(a1.alt_ft == a.alt_ft);
    assert_true(a1.vs_fpm == 0.0);

    set(&r, "fcs/throttle-cmd-norm", 1.0);
    fly_pitch(&r, 20.0, 12.0);
    sortie_instruments b = instruments(&r);
    double true_ias = get(&r, "velocities/vc-kts"), climbed_ft = get(&r, "position/h-sl-ft");
    printf("static blocked, climbed %.0f ft: altimeter %.0f ft (held), true ias %.1f kt, indicated %.1f kt\n",
           climbed_ft - h0_ft, b.alt_ft, true_ias, b.ias_kt);
    assert_true(b.alt_ft == a.alt_ft);
    assert_true(b.vs_fpm == 0.0);
    assert_true(climbed_ft > h0_ft + 200.0);
    assert_true(b.msl_ft == climbed_ft); /* where it is (the map's), not what the altimeter shows */
    assert_true(b.ias_kt < true_ias - 5.0);
    assert_near(b.ias_kt, indicated_kt(total_pressure_psf(&r), ps), 0.05);

    /* the pitot blocked as well: both pressures trapped, the needle stops */
    insert(&r, MALF_PITOT_BLOCKED, 1);
    double both = instruments(&r).ias_kt;
    fly_pitch(&r, 5.0, 12.0);
    assert_near(instruments(&r).ias_kt, both, 1e-9);
    insert(&r, MALF_PITOT_BLOCKED, 0);

    /* down below where it was blocked: the airspeed over-reads */
    set(&r, "fcs/throttle-cmd-norm", 0.3);
    fly_pitch(&r, 25.0, -8.0);
    sortie_instruments c = instruments(&r);
    printf("descended to %.0f ft below the blockage: true ias %.1f kt, indicated %.1f kt\n",
           h0_ft - get(&r, "position/h-sl-ft"), get(&r, "velocities/vc-kts"), c.ias_kt);
    assert_true(get(&r, "atmosphere/P-psf") > ps + 10.0);
    assert_true(c.alt_ft == a.alt_ft);
    assert_true(c.ias_kt > get(&r, "velocities/vc-kts") + 5.0);
    assert_near(c.ias_kt, indicated_kt(total_pressure_psf(&r), ps), 0.05);

    insert(&r, MALF_STATIC_BLOCKED, 0);
    sortie_instruments d = instruments(&r);
    assert_true(d.ias_kt == get(&r, "velocities/vc-kts"));
    assert_true(d.vs_fpm == get(&r, "velocities/h-dot-fps") * 60.0);
    assert_true(d.alt_ft < a.alt_ft - 100.0);
    finish(&r);
}

/* Lesson `id` flown by nobody for `seconds`: its instruments then (the
 * sortie left open in *r for more). */
static sortie_instruments instruments_after(run *r, const char *id, double seconds)
{
    start(r, id, "trainee", NULL);
    fly(r, seconds);
    return instruments(r);
}

/* The ILS needles: on the JF-17's ILS approach, 10 nm out on the
 * localizer, the localizer reads about zero and the glide slope nothing
 * (its antenna is 10.2 nm away, beyond its 10 nm coverage) until the
 * aircraft is within 10 nm; on the Super Mushak's power-off 180, abeam the
 * threshold 12 deg off the course, the localizer (35 deg coverage near
 * the runway) but no glide slope (8 deg); past the localizer's antenna,
 * neither; on the localizer approach (glide-slope="off"), no glide slope
 * within its coverage either.  The DME reads the slant range from the
 * threshold. */
static void the_ils_needles_follow_its_coverage(void **state)
{
    (void)state;
    run r;
    sortie_instruments a = instruments_after(&r, "jf17/ils-approach", 0.5);
    assert_true(fabs(a.loc_dev_deg) < 0.2);
    assert_true(isnan(a.gs_dev_deg));
    assert_near(a.dme_nm, 10.0, 0.05); /* 10 nm from the threshold, 2,300 ft above it */
    fly(&r, 12.0); /* 155 kt: half a mile */
    sortie_instruments b = instruments(&r);
    assert_true(isfinite(b.gs_dev_deg));
    assert_true(b.gs_dev_deg < 0.0); /* level at 4,000 ft, the slope intercepted from below */
    finish(&r);

    sortie_instruments c = instruments_after(&r, "super-mushak/power-off-180", 0.5);
    finish(&r);
    assert_true(fabs(c.loc_dev_deg) > 8.0 && fabs(c.loc_dev_deg) < 35.0);
    assert_true(isnan(c.gs_dev_deg));

    sortie_instruments d = instruments_after(&r, "super-mushak/steep-turns", 0.5);
    finish(&r);
    assert_true(isnan(d.loc_dev_deg) && isnan(d.gs_dev_deg) && isnan(d.dme_nm));

    /* the localizer approach's ILS has no glide slope, however close */
    sortie_instruments e = instruments_after(&r, "super-mushak/non-precision-approach", 0.5);
    fly(&r, 30.0);
    sortie_instruments e2 = instruments(&r);
    finish(&r);
    assert_true(fabs(e.loc_dev_deg) < 0.5 && isnan(e.gs_dev_deg));
    assert_true(e2.dme_nm < 9.5 && isnan(e2.gs_dev_deg));
}

/* Gear failure: the JF-17's gear, up in level flight, does not come down
 * when selected (its kinematic takes 6 s up to down), and comes down
 * once the failure is cleared; down on the approach, it stays down when
 * raised.  The Super Mushak's gear is fixed: refused, nothing changes. */
static void a_failed_gear_stays_where_it_is(void **state)
{
    (void)state;
    run r;
    start(&r, "jf17/level-acceleration", "trainee", NULL);
    assert_int_equal(saqr_fdm_retractable_gear_count(r.f), 3); /* nose and mains */
    assert_true(saqr_fdm_property_is_read(r.f, saqr_fdm_property(r.f, "fcs/speedbrake-cmd-norm")));
    assert_int_equal(saqr_fdm_retractable_gear_count(NULL), 0);
    fly(&r, 1.0);
    assert_true(get(&r, "gear/gear-pos-norm") == 0.0);
    insert(&r, MALF_GEAR_FAILURE, 1);
    fly_holding(&r, 8.0, "gear/gear-cmd-norm", 1.0);
    assert_true(get(&r, "gear/gear-pos-norm") == 0.0);
    assert_true(instruments(&r).gear_pos == 0.0); /* the indicator: still up */
    insert(&r, MALF_GEAR_FAILURE, 0);
    fly_holding(&r, 3.0, "gear/gear-cmd-norm", 1.0);
    double transit = instruments(&r).gear_pos;
    assert_true(transit > 0.3 && transit < 0.7); /* 6 s up to down */
    fly_holding(&r, 4.0, "gear/gear-cmd-norm", 1.0);
    assert_true(get(&r, "gear/gear-pos-norm") == 1.0);
    assert_true(instruments(&r).gear_pos == 1.0);
    finish(&r);

    start(&r, "jf17/ils-approach", "trainee", NULL);
    fly(&r, 0.5);
    assert_true(get(&r, "gear/gear-pos-norm") == 1.0);
    insert(&r, MALF_GEAR_FAILURE, 1);
    fly_holding(&r, 3.0, "gear/gear-cmd-norm", 0.0);
    assert_true(get(&r, "gear/gear-pos-norm") == 1.0);
    finish(&r);

    start(&r, "super-mushak/straight-and-level", "trainee", NULL);
    assert_int_equal(saqr_fdm_retractable_gear_count(r.f), 0);
    /* every aircraft has the speed brake command; only a speed brake reads it */
    assert_false(saqr_fdm_property_is_read(r.f, saqr_fdm_property(r.f, "fcs/speedbrake-cmd-norm")));
    assert_true(saqr_fdm_property_is_read(r.f, saqr_fdm_property(r.f, "fcs/elevator-cmd-norm")));
    assert_false(saqr_fdm_property_is_read(r.f, -1));
    assert_false(saqr_fdm_property_is_read(NULL, 0));
    assert_true(isnan(instruments(&r).gear_pos)); /* a fixed gear has no indicator */
    saqr_err err;
    err_clear(&err);
    assert_int_equal(sortie_set_malfunction(r.s, MALF_GEAR_FAILURE, 1, &err), SAQR_EINVAL);
    assert_non_null(strstr(err.msg, "fixed"));
    assert_int_equal(sortie_malfunctions(r.s), 0u);
    finish(&r);
}

/* Fuel leak: the fullest tank loses 1% of the aircraft's fuel capacity a
 * minute on top of what the engine burns.  The Super Mushak's engine
 * draws its two wing tanks alike, so over half a minute the leaking tank
 * ends 1.51 lb (half of 1% of 302 lb) below its twin, and the gauge
 * (total fuel) falls by the fuel flow's burn plus the leak; the leak
 * stops at empty. */
static void a_leaking_tank_loses_one_percent_of_the_fuel_a_minute(void **state)
{
    (void)state;
    run r;
    start(&r, "super-mushak/straight-and-level", "trainee", NULL);
    fly(&r, 1.0);
    double cap = get(&r, "propulsion/tank[0]/capacity-lbs") + get(&r, "propulsion/tank[1]/capacity-lbs");
    set(&r, "propulsion/tank[1]/contents-lbs", get(&r, "propulsion/tank[1]/contents-lbs") - 1.0); /* tank 0 fuller */
    double l0 = get(&r, "propulsion/tank[0]/contents-lbs"), r0 = get(&r, "propulsion/tank[1]/contents-lbs");
    double total0 = l0 + r0;
    insert(&r, MALF_FUEL_LEAK, 1);
    double burnt = 0.0;
    long n = (long)(30.0 / saqr_fdm_dt(r.f) + 0.5);
    saqr_err err;
    err_clear(&err);
    for (long k = 0; k < n; k++) {
        burnt += get(&r, "propulsion/engine/fuel-flow-rate-pps") * saqr_fdm_dt(r.f);
        assert_int_equal(sortie_frame(r.s, &err), 0);
    }
    double l1 = get(&r, "propulsion/tank[0]/contents-lbs"), r1 = get(&r, "propulsion/tank[1]/contents-lbs");
    double leak = 0.01 * cap / 2.0; /* half a minute */
    printf("fuel leak over 30 s: left %.2f -> %.2f lb, right %.2f -> %.2f lb; burnt %.2f lb (%.1f lb/h), "
           "leak %.2f lb\n",
           l0, l1, r0, r1, burnt, burnt * 120.0, leak);
    assert_near((l0 - l1) - (r0 - r1), leak, 0.02);
    assert_near(total0 - get(&r, "propulsion/total-fuel-lbs"), burnt + leak, 0.05);
    /* empty, it leaks no more */
    set(&r, "propulsion/tank[0]/contents-lbs", 0.02);
    fly(&r, 2.0);
    assert_true(get(&r, "propulsion/tank[0]/contents-lbs") == 0.0);
    insert(&r, MALF_FUEL_LEAK, 0);
    finish(&r);
}

/* A lesson's exercise may name a malfunction (malfunction="..."): it is
 * inserted when the exercise starts, whoever flies - here a trainee with
 * hands off, who has no reference pilot to trigger segment events. */
static void an_exercises_malfunction_reaches_a_trainee(void **state)
{
    (void)state;
    char path[1024], text[8192];
    snprintf(path, sizeof path, "%s/lessons/super-mushak/straight-and-level.xml", SAQR_ROOT_DIR);
    FILE *in = fopen(path, "r");
    assert_non_null(in);
    size_t n = fread(text, 1, sizeof text - 1, in);
    fclose(in);
    text[n] = 0;
    /* its first exercise fails the static ports */
    const char *second = "<exercise id=\"cruise\" title=\"Straight and level at 110 kt\" max-s=\"150\"";
    char *at = strstr(text, second);
    assert_non_null(at);
    char edited[8400];
    snprintf(edited, sizeof edited, "%.*s%s malfunction=\"static-blocked\"%s", (int)(at - text), text, second,
             at + strlen(second));
    char tmp[] = "/tmp/saqr-test-lesson-XXXXXX";
    int fd = mkstemp(tmp);
    assert_true(fd >= 0);
    assert_true(write(fd, edited, strlen(edited)) == (ssize_t)strlen(edited));
    close(fd);

    run r;
    saqr_err err;
    err_clear(&err);
    if (lesson_load(tmp, "super-mushak/straight-and-level", &r.l, &err))
        fail_msg("%s", err.msg);
    unlink(tmp);
    sortie_opts o = {SAQR_ROOT_DIR, &fixture_airports, NULL, "trainee", 20.0, NULL, NULL};
    if (sortie_begin(&r.l, &o, &r.s, &err))
        fail_msg("%s", err.msg);
    r.f = sortie_fdm(r.s);
    /* none before the exercise begins (the first frame), then the ports */
    assert_int_equal(sortie_malfunctions(r.s), 0u);
    fly(&r, 1.0);
    printf("after 1 s: malfunctions 0x%x\n", sortie_malfunctions(r.s));
    assert_int_equal(sortie_malfunctions(r.s), 1u << MALF_STATIC_BLOCKED);
    assert_true(instruments(&r).vs_fpm == 0.0);
    finish(&r);
}

/* Pitot heat failure: in severe icing below freezing the unheated pitot
 * ices over in 12 s (20 times the airframe's rate, sortie_control.c) and
 * then reads as a blocked pitot does - a climb raises the reading while
 * the true airspeed falls; with the heater working the same icing leaves
 * the airspeed true; restored, the heater melts the ice in 30 s and the
 * reading is true again. */
static void an_unheated_pitot_ices_over_in_icing_and_thaws_with_heat(void **state)
{
    (void)state;
    run r;
    start(&r, "super-mushak/straight-and-level", "trainee", NULL);
    sortie_weather w = no_change();
    w.temperature_c = 2.0; /* below freezing at the lesson's height */
    w.icing = 3.0;
    weather(&r, &w);
    fly(&r, 20.0); /* heater working: the airspeed stays true */
    assert_near(instruments(&r).ias_kt, get(&r, "velocities/vc-kts"), 1e-9);
    insert(&r, MALF_PITOT_HEAT_FAILURE, 1);
    fly(&r, 11.5);
    assert_near(instruments(&r).ias_kt, get(&r, "velocities/vc-kts"), 1e-9); /* not yet */
    fly(&r, 1.0);
    sortie_instruments a = instruments(&r);
    set(&r, "fcs/throttle-cmd-norm", 1.0);
    fly_pitch(&r, 15.0, 12.0);
    sortie_instruments b = instruments(&r);
    double true_ias = get(&r, "velocities/vc-kts");
    printf("pitot iced, climbed %.0f ft: true ias %.1f kt, indicated %.1f kt\n", b.alt_ft - a.alt_ft, true_ias,
           b.ias_kt);
    assert_true(b.alt_ft > a.alt_ft + 150.0);
    assert_true(b.ias_kt > true_ias + 10.0);
    /* the heater back: 30 s to melt */
    insert(&r, MALF_PITOT_HEAT_FAILURE, 0);
    set(&r, "fcs/throttle-cmd-norm", 0.6);
    fly_pitch(&r, 25.0, 0.0);
    assert_true(fabs(instruments(&r).ias_kt - get(&r, "velocities/vc-kts")) > 1.0); /* still iced */
    fly_pitch(&r, 6.0, 0.0);
    assert_near(instruments(&r).ias_kt, get(&r, "velocities/vc-kts"), 1e-9);
    finish(&r);
}

static void the_airspeed_formula_is_the_compressible_one(void **state)
{
    (void)state;
    /* Vc = a0 sqrt(5 ((qc/p0 + 1)^(2/7) - 1)), a0 = 661.47 kt (NASA
     * RP-1046): qc = 0.5 rho0 V^2 (1 + M^2/4 ...) for 100 kt */
    double p0 = 2116.228, a0_kt = 340.29352035335023 / MPS_PER_KT;
    for (double v = 50.0; v <= 600.0; v += 50.0) {
        double m = v / a0_kt;
        double qc = p0 * (pow(1.0 + 0.2 * m * m, 3.5) - 1.0);
        assert_near(sortie_airspeed_from_impact_kt(qc), v, 1e-6 * v);
    }
    assert_true(sortie_airspeed_from_impact_kt(-5.0) == 0.0);
    assert_true(sortie_airspeed_from_impact_kt(0.0) == 0.0);
}

static void a_failed_attitude_indicator_stays_put_while_the_aircraft_rolls(void **state)
{
    (void)state;
    run r;
    start(&r, "super-mushak/straight-and-level", "trainee", NULL);
    fly(&r, 1.0);
    double roll0 = instruments(&r).roll_deg, pitch0 = instruments(&r).pitch_deg;
    insert(&r, MALF_ATTITUDE_FAILURE, 1);
    fly_holding(&r, 3.0, "fcs/aileron-cmd-norm", 0.4);
    sortie_instruments in = instruments(&r);
    double roll = get(&r, "attitude/phi-deg");
    printf("true roll %.1f -> %.1f deg, indicated %.2f -> %.2f deg\n", roll0, roll, roll0, in.roll_deg);
    assert_true(fabs(roll - roll0) > 20.0);
    /* frozen, drifting only a few degrees a minute */
    assert_near(in.roll_deg, roll0, 0.5);
    assert_near(in.pitch_deg, pitch0, 0.5);
    assert_true(in.roll_deg != roll0); /* it drifts */
    /* a minute later it has drifted, slowly */
    fly_bank(&r, 60.0, 0.0);
    in = instruments(&r);
    assert_true(fabs(in.roll_deg - roll0) > 1.0 && fabs(in.roll_deg - roll0) < 6.0);
    insert(&r, MALF_ATTITUDE_FAILURE, 0);
    assert_near(instruments(&r).roll_deg, get(&r, "attitude/phi-deg"), 1e-9);
    finish(&r);
}

static double flaps_after_command(int failed)
{
    run r;
    start(&r, "super-mushak/straight-and-level", "trainee", NULL);
    assert_true(get(&r, "fcs/flap-pos-norm") < 0.01);
    if (failed)
        insert(&r, MALF_FLAP_FAILURE, 1);
    fly_holding(&r, 8.0, "fcs/flap-cmd-norm", 1.0);
    double pos = get(&r, "fcs/flap-pos-norm");
    finish(&r);
    return pos;
}

static void failed_flaps_do_not_follow_a_new_command(void **state)
{
    (void)state;
    double ok = flaps_after_command(0), failed = flaps_after_command(1);
    printf("flap position after 8 s of full flap: working %.2f, failed %.2f\n", ok, failed);
    assert_true(ok > 0.8);
    assert_true(failed < 0.01);
}

/* Ground speed after a take-off run of 12 s at full power and 6 s of
 * full braking (throttle closed). */
static double ground_speed_after_braking(int failed)
{
    run r;
    start(&r, "super-mushak/takeoff-and-departure", "trainee", NULL);
    if (failed)
        insert(&r, MALF_BRAKE_FAILURE, 1);
    fly_holding(&r, 12.0, "fcs/throttle-cmd-norm", 1.0);
    double gs0 = instruments(&r).gs_kt;
    set(&r, "fcs/throttle-cmd-norm", 0.0);
    set(&r, "fcs/right-brake-cmd-norm", 1.0);
    fly_holding(&r, 6.0, "fcs/left-brake-cmd-norm", 1.0);
    double gs = instruments(&r).gs_kt;
    assert_true(instruments(&r).on_ground);
    printf("brakes %s: %.1f kt -> %.1f kt after 6 s of braking\n", failed ? "failed" : "working", gs0, gs);
    finish(&r);
    return gs;
}

static void with_failed_brakes_the_aircraft_rolls_on(void **state)
{
    (void)state;
    double ok = ground_speed_after_braking(0), failed = ground_speed_after_braking(1);
    /* working brakes take off over 4 kt/s; failed ones next to nothing */
    assert_true(ok < failed - 20.0);
    assert_true(failed > 55.0);
}

/* ------------------------------------------------------------ weather */

static void wind_changes_the_ground_speed_by_its_component(void **state)
{
    (void)state;
    run r;
    start(&r, "super-mushak/straight-and-level", "trainee", NULL);
    fly(&r, 1.0);
    sortie_weather w0;
    sortie_get_weather(r.s, &w0);
    assert_near(w0.wind_kt, 0.0, 1e-9);
    double hdg = instruments(&r).heading_deg;
    /* still air: ground speed = true airspeed (horizontal) */
    double tas = get(&r, "velocities/vtrue-kts");
    assert_near(instruments(&r).gs_kt, tas, 1.5);
    /* 20 kt on the nose */
    sortie_weather w = no_change();
    w.wind_from_deg = fmod(hdg, 360.0);
    w.wind_kt = 20.0;
    weather(&r, &w);
    fly(&r, 2.0);
    tas = get(&r, "velocities/vtrue-kts");
    double gs = instruments(&r).gs_kt;
    printf("headwind 20 kt: tas %.1f, gs %.1f\n", tas, gs);
    assert_near(gs, tas - 20.0, 2.0);
    /* 20 kt from behind */
    w.wind_from_deg = fmod(hdg + 180.0, 360.0);
    weather(&r, &w);
    fly(&r, 2.0);
    tas = get(&r, "velocities/vtrue-kts");
    gs = instruments(&r).gs_kt;
    printf("tailwind 20 kt: tas %.1f, gs %.1f\n", tas, gs);
    assert_near(gs, tas + 20.0, 2.0);
    /* the wind in effect reads back */
    sortie_weather now;
    sortie_get_weather(r.s, &now);
    assert_near(now.wind_kt, 20.0, 1e-9);
    assert_near(now.wind_from_deg, w.wind_from_deg, 1e-9);
    assert_near(now.qnh_hpa, w0.qnh_hpa, 1e-9);
    finish(&r);
}

static void gusts_blow_above_the_mean_wind_the_same_way_every_time(void **state)
{
    (void)state;
    double peak[2], mean_seen[2];
    for (int i = 0; i < 2; i++) {
        run r;
        start(&r, "super-mushak/straight-and-level", "trainee", NULL);
        sortie_weather w = no_change();
        w.wind_from_deg = 270.0;
        w.wind_kt = 10.0;
        w.gust_kt = 15.0;
        weather(&r, &w);
        peak[i] = 0.0;
        double low = 1e9;
        for (int k = 0; k < 60 * 4; k++) {
            fly(&r, 0.25);
            double n = get(&r, "atmosphere/total-wind-north-fps"), e = get(&r, "atmosphere/total-wind-east-fps");
            double kt = hypot(n, e) * M_PER_FT / MPS_PER_KT;
            /* the wind blows from the west: towards the east */
            assert_true(e > 0.0);
            peak[i] = fmax(peak[i], kt);
            low = fmin(low, kt);
        }
        mean_seen[i] = low;
        finish(&r);
    }
    printf("gusty wind over a minute: %.1f to %.1f kt\n", mean_seen[0], peak[0]);
    assert_near(mean_seen[0], 10.0, 0.5);          /* calm between gusts    */
    assert_true(peak[0] > 10.0 + 7.0 && peak[0] <= 10.0 + 15.0 + 0.01);
    assert_true(peak[0] == peak[1] && mean_seen[0] == mean_seen[1]);
}

static void turbulence_levels_drive_the_milspec_model(void **state)
{
    (void)state;
    double rms[4];
    for (int level = 0; level <= 3; level += 3) {
        run r;
        start(&r, "super-mushak/straight-and-level", "trainee", NULL);
        sortie_weather w = no_change();
        w.turbulence = level;
        weather(&r, &w);
        double sum = 0.0;
        int n = 0;
        for (int k = 0; k < 120; k++, n++) {
            fly(&r, 0.25);
            double d = get(&r, "atmosphere/turbulence/down-fps");
            sum += d * d;
        }
        rms[level] = sqrt(sum / n);
        sortie_weather got;
        sortie_get_weather(r.s, &got);
        assert_near(got.turbulence, level, 0.0);
        finish(&r);
    }
    printf("vertical gust rms: none %.2f ft/s, severe %.2f ft/s\n", rms[0], rms[3]);
    assert_true(rms[0] == 0.0);
    assert_true(rms[3] > 3.0);
}

static void the_altimeter_moves_about_28_ft_per_hpa_of_setting(void **state)
{
    (void)state;
    /* dh/dp = -1 / (rho g): at sea level 1 / (1.225 * 9.80665) m/Pa =
     * 27.3 ft/hPa; at 1,750 ft (rho 1.1653) 28.7 ft/hPa */
    double p0 = 1013.25;
    assert_near(sortie_altimeter_ft(p0, p0), 0.0, 1e-9);
    double per_hpa = sortie_altimeter_ft(p0, p0 + 0.5) - sortie_altimeter_ft(p0, p0 - 0.5);
    assert_near(per_hpa, 100.0 / (1.225 * 9.80665) / M_PER_FT, 0.1);
    assert_true(per_hpa > 27.0 && per_hpa < 30.0);
    /* ISA pressure at 5,000 ft is 843.07 hPa (U.S. Standard Atmosphere) */
    assert_near(sortie_altimeter_ft(843.07, p0), 5000.0, 2.0);
    assert_true(isnan(sortie_altimeter_ft(800.0, 0.0)));
}

static void the_altimeter_set_to_qnh_reads_true_and_temperature_errs_the_right_way(void **state)
{
    (void)state;
    run r;
    start(&r, "super-mushak/straight-and-level", "trainee", NULL);
    sortie_freeze_position(r.s, 1);
    fly(&r, 0.5);
    double h_true = get(&r, "position/h-sl-ft"), field = sortie_runway(r.s)->elevation_ft;
    sortie_instruments a = instruments(&r);
    assert_near(a.qnh_hpa, 1013.25, 1e-9);
    assert_near(a.alt_ft, h_true, 3.0);
    double p_before = get(&r, "atmosphere/P-psf");

    /* higher QNH: more pressure at the same height; the altimeter set to
     * it reads true, one left on 1013.25 would read low by ~28 ft/hPa */
    sortie_weather w = no_change();
    w.qnh_hpa = 1030.0;
    weather(&r, &w);
    fly(&r, 0.5);
    double p_after = get(&r, "atmosphere/P-psf");
    sortie_instruments b = instruments(&r);
    printf("QNH 1030: static %.2f -> %.2f psf, altimeter %.0f (true %.0f)\n", p_before, p_after, b.alt_ft, h_true);
    assert_near(get(&r, "position/h-sl-ft"), h_true, 1.0);
    assert_near(p_after / p_before, 1030.0 / 1013.25, 2e-4);
    assert_near(b.alt_ft, h_true, 3.0);
    double stale = sortie_altimeter_ft(p_after * 1013.25 / 2116.228, 1013.25);
    double per_hpa = (b.alt_ft - stale) / (1030.0 - 1013.25);
    printf("an altimeter left on 1013.25 reads %.0f ft low: %.1f ft/hPa\n", b.alt_ft - stale, per_hpa);
    assert_true(per_hpa > 25.0 && per_hpa < 31.0); /* 26.5 at this height */

    /* a cold day: above the field the altimeter over-reads, by about the
     * temperature deficit over the mean temperature of the column */
    w = no_change();
    w.qnh_hpa = 1013.25;
    w.temperature_c = -20.0;
    weather(&r, &w);
    fly(&r, 0.5);
    double cold = instruments(&r).alt_ft;
    w.temperature_c = 40.0;
    weather(&r, &w);
    fly(&r, 0.5);
    double warm = instruments(&r).alt_ft;
    double above = h_true - field, t_col = 273.15 - 20.0 - 0.0065 * above * M_PER_FT / 2.0;
    printf("%.0f ft above the field: cold day reads %+.0f ft, warm day %+.0f ft\n", above, cold - h_true,
           warm - h_true);
    assert_near(cold - h_true, above * 35.0 / t_col, 0.15 * above * 35.0 / t_col);
    assert_true(warm < h_true - 0.1 * above * 25.0 / 300.0);
    sortie_weather now;
    sortie_get_weather(r.s, &now);
    assert_near(now.temperature_c, 40.0, 1e-9);
    assert_near(get(&r, "atmosphere/T-sl-R") / 1.8 - 273.15, 40.0, 1e-6);

    /* at the field itself the altimeter reads the field's elevation, cold
     * or not */
    sortie_freeze_position(r.s, 0);
    w.temperature_c = -20.0;
    weather(&r, &w);
    sortie_reposition rp = {REPO_THRESHOLD, NAN, NAN, NAN, NAN, "", ""};
    saqr_err err;
    err_clear(&err);
    if (sortie_reposition_to(r.s, &rp, &err))
        fail_msg("%s", err.msg);
    fly(&r, 1.0);
    printf("on the runway, -20 C: altimeter %.1f ft, true %.1f ft\n", instruments(&r).alt_ft,
           get(&r, "position/h-sl-ft"));
    assert_near(instruments(&r).alt_ft, get(&r, "position/h-sl-ft"), 2.0);
    finish(&r);
}

static void bad_weather_values_are_refused_and_change_nothing(void **state)
{
    (void)state;
    run r;
    start(&r, "super-mushak/straight-and-level", "trainee", NULL);
    sortie_weather before, after;
    sortie_get_weather(r.s, &before);
    double wn = get(&r, "atmosphere/wind-north-fps"), psl = get(&r, "atmosphere/P-sl-psf");
    struct {
        int field;
        double value;
    } bad[] = {{0, -1.0}, {0, 361.0}, {1, -0.1}, {1, 101.0}, {1, INFINITY}, {2, 51.0}, {2, -2.0}, {3, 1.5},
               {3, 4.0}, {3, -1.0}, {4, -61.0}, {4, 61.0}, {5, 899.0}, {5, 1101.0}, {5, -INFINITY},
               {6, 0.5}, {6, 4.0}, {6, -1.0}, {7, 0.5}, {7, 2.0}, {7, -1.0},
               {8, 49.0}, {8, 50001.0}, {8, INFINITY}, {9, 0.5}, {9, 5.0}, {9, -1.0},
               {10, 99.0}, {10, 25001.0}, {11, 1.5}, {11, 7.0}, {11, -1.0}};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        sortie_weather w = no_change();
        w.wind_kt = 30.0; /* a good value alongside a bad one: not applied */
        double *f[12] = {&w.wind_from_deg, &w.wind_kt, &w.gust_kt, &w.turbulence,
                         &w.temperature_c, &w.qnh_hpa, &w.icing, &w.rain,
                         &w.visibility_m, &w.cloud_cover, &w.cloud_base_ft, &w.time_of_day};
        *f[bad[i].field] = bad[i].value;
        saqr_err err;
        err_clear(&err);
        assert_int_equal(sortie_set_weather(r.s, &w, &err), SAQR_EINVAL);
        assert_true(strstr(err.msg, "weather") != NULL);
        sortie_get_weather(r.s, &after);
        assert_memory_equal(&before, &after, sizeof before);
        assert_true(get(&r, "atmosphere/wind-north-fps") == wn);
        assert_true(get(&r, "atmosphere/P-sl-psf") == psl);
    }
    /* all NAN: nothing changes */
    sortie_weather w = no_change();
    weather(&r, &w);
    sortie_get_weather(r.s, &after);
    assert_memory_equal(&before, &after, sizeof before);
    finish(&r);
}

/* ------------------------------------------------------------ icing and rain */

/* Icing conditions grow airframe ice only in supercooled cloud (0 to -20
 * C), at the intensity's rate (severe: clean to the design ice in 4 min,
 * the estimate sortie_control.c gives for the AIM's "beyond the ice
 * protection"), and above freezing the ice sheds in 5 min whatever the
 * setting.  The ice reaches the aircraft: the same power flies slower. */
static void icing_grows_in_supercooled_air_and_sheds_above_freezing(void **state)
{
    (void)state;
    run r;
    start(&r, "super-mushak/straight-and-level", "trainee", NULL);
    fly(&r, 1.0);
    assert_near(sortie_ice_norm(r.s), 0.0, 0.0);
    sortie_weather w = no_change();
    w.temperature_c = 2.0; /* sea level; below freezing at the lesson's height */
    w.icing = 3.0;
    weather(&r, &w);
    fly(&r, 0.1);
    double oat_c = get(&r, "atmosphere/T-R") / 1.8 - 273.15;
    printf("outside air %.1f C at %.0f ft\n", oat_c, get(&r, "position/h-sl-ft"));
    assert_true(oat_c < 0.0 && oat_c > -20.0);
    fly(&r, 60.0);
    double ice = sortie_ice_norm(r.s);
    printf("after 60 s of severe icing: ice %.4f of the design ice\n", ice);
    assert_near(ice, 60.0 / 240.0, 0.01);
    assert_true(get(&r, "aero/coefficient/CDice") > 0.0);
    /* warm air: sheds at 1/300 a second, icing or not */
    w = no_change();
    w.temperature_c = 25.0;
    weather(&r, &w);
    fly(&r, 30.0);
    printf("after 30 s above freezing: ice %.4f\n", sortie_ice_norm(r.s));
    assert_near(sortie_ice_norm(r.s), ice - 30.0 / 300.0, 0.01);
    fly(&r, 60.0);
    assert_true(sortie_ice_norm(r.s) == 0.0);
    /* too cold for liquid water (-30 C at sea level): no ice */
    w.temperature_c = -30.0;
    weather(&r, &w);
    fly(&r, 10.0);
    assert_true(sortie_ice_norm(r.s) == 0.0);
    sortie_weather now;
    sortie_get_weather(r.s, &now);
    assert_true(now.icing == 3.0 && now.rain == 0.0);
    finish(&r);
}

/* A lesson may start with ice on the airframe (<set> of
 * environment/icing/ice-norm) on a cold day: below freezing and out of
 * icing conditions the ice neither grows nor sheds, so it stays for the
 * whole approach; and it costs lift. */
static void a_lessons_ice_stays_on_a_cold_day(void **state)
{
    (void)state;
    run r;
    start(&r, "super-mushak/iced-approach-and-landing", "trainee", NULL);
    fly(&r, 10.0);
    double oat_c = get(&r, "atmosphere/T-R") / 1.8 - 273.15;
    printf("iced approach: %.1f C outside, ice %.3f, CLice %.1f lbf\n", oat_c, sortie_ice_norm(r.s),
           get(&r, "aero/coefficient/CLice"));
    assert_true(oat_c < 0.0);
    assert_true(sortie_ice_norm(r.s) == 0.5);
    assert_true(get(&r, "aero/coefficient/CLice") < 0.0);
    finish(&r);
}

/* Rain makes the runway wet: the wheels' friction follows the wet
 * braking coefficient of 14 CFR 25.109(c)(1) at the ground speed (over
 * the dry 0.8 of the Super Mushak's tyres), and the same stop from 45 kt
 * on full brakes takes longer.  Were the stop friction-limited all the
 * way, the distance would go as 1 / mu: 1.23 times the dry one here (the
 * integral of v / f(v) over the stop, f the wet-to-dry ratio, 0.70-1); JSBSim's brakes add only
 * part of the static friction to the rolling one, the idling propeller
 * and the drag help, so it is less - but at least 10% longer.  Dry again
 * when the rain stops. */
static double braking_stop_ft(int rain, double *factor_at_40kt)
{
    run r;
    start(&r, "super-mushak/takeoff-and-departure", "trainee", NULL);
    if (rain) {
        sortie_weather w = no_change();
        w.rain = 1.0;
        weather(&r, &w);
    }
    saqr_err err;
    err_clear(&err);
    set(&r, "fcs/flap-cmd-norm", 0.0);
    while (get(&r, "velocities/vg-fps") * 0.3048 / 0.514444 < 45.0) {
        set(&r, "fcs/throttle-cmd-norm", 1.0);
        set(&r, "fcs/elevator-cmd-norm", 0.2); /* keep the nose wheel down */
        if (sortie_frame(r.s, &err) != 0)
            fail_msg("%s", err.msg);
    }
    double lat0 = get(&r, "position/lat-geod-deg"), lon0 = get(&r, "position/long-gc-deg");
    *factor_at_40kt = NAN;
    for (int k = 0; k < 120 * 60 && get(&r, "velocities/vg-fps") > 0.5; k++) {
        set(&r, "fcs/throttle-cmd-norm", 0.0);
        set(&r, "fcs/elevator-cmd-norm", 0.2);
        set(&r, "fcs/left-brake-cmd-norm", 1.0);
        set(&r, "fcs/right-brake-cmd-norm", 1.0);
        if (sortie_frame(r.s, &err) != 0)
            fail_msg("%s", err.msg);
        double kt = get(&r, "velocities/vg-fps") * 0.3048 / 0.514444;
        if (isnan(*factor_at_40kt) && kt < 40.0) {
            *factor_at_40kt = get(&r, "ground/static-friction-factor");
            double x = kt / 100.0, mu = -0.0350 * x * x * x + 0.306 * x * x - 0.851 * x + 0.883;
            /* the factor of the frame before, at a speed a fraction of a knot above */
            assert_near(*factor_at_40kt, rain ? mu / 0.8 : 1.0, rain ? 0.005 : 0.0);
        }
    }
    double dn = (get(&r, "position/lat-geod-deg") - lat0) * FT_PER_DEG_LAT;
    double de = (get(&r, "position/long-gc-deg") - lon0) * FT_PER_DEG_LAT * cos(lat0 * RAD_PER_DEG);
    if (rain) { /* the rain stops: dry again */
        sortie_weather w = no_change();
        w.rain = 0.0;
        weather(&r, &w);
        fly(&r, 0.1);
        assert_true(get(&r, "ground/static-friction-factor") == 1.0);
    }
    finish(&r);
    return hypot(dn, de);
}

static void rain_wets_the_runway_and_the_stop_takes_longer(void **state)
{
    (void)state;
    double f_dry, f_wet;
    double dry = braking_stop_ft(0, &f_dry), wet = braking_stop_ft(1, &f_wet);
    printf("stop from 45 kt on full brakes: dry %.0f ft, wet %.0f ft (friction factor at 40 kt %.3f)\n", dry,
           wet, f_wet);
    assert_true(f_dry == 1.0);
    assert_true(wet > 1.1 * dry && wet < 1.26 * dry);
}

/* ------------------------------------------------------------ load */

/* The instructor's load: the fuel goes to the share of every tank's
 * capacity asked for, and a point mass to its new weight; the gross
 * weight changes by exactly those masses and the CG by the moment
 * balance, cg' = (W cg - dm x_m) / (W - dm) (the baggage sits aft at
 * x = 114 in, so taking it out moves the CG forward).  Bad values are
 * refused and change nothing. */
static void the_load_changes_the_weight_and_the_cg_by_the_moment_balance(void **state)
{
    (void)state;
    run r;
    start(&r, "super-mushak/straight-and-level", "trainee", NULL);
    fly(&r, 0.5);
    sortie_load l0;
    sortie_get_load(r.s, &l0);
    assert_int_equal(l0.nmasses, 3);
    assert_int_equal(saqr_fdm_pointmass_count(r.f), 3);
    assert_null(saqr_fdm_pointmass_name(r.f, 3));
    assert_null(saqr_fdm_pointmass_name(r.f, -1));
    assert_string_equal(l0.mass_name[2], "BAGGAGE (brings the default loading to max take-off weight)");
    assert_near(l0.mass_kg[2], 93.0, 1e-9);
    printf("before: %.1f kg, CG %.2f in, fuel %.1f %% (%.1f kg)\n", l0.weight_kg, l0.cg_x_in, l0.fuel_pct,
           l0.fuel_kg);
    saqr_err err;
    err_clear(&err);
    assert_int_equal(sortie_set_load(r.s, NAN, 2, 0.0, &err), SAQR_OK);
    fly(&r, 0.1);
    sortie_load l1;
    sortie_get_load(r.s, &l1);
    const double w0 = l0.weight_kg, dm = 93.0, x_b = 114.0;
    assert_near(l1.weight_kg, w0 - dm, 0.05); /* plus the fuel of 0.6 s */
    const double cg_expected = (w0 * l0.cg_x_in - dm * x_b) / (w0 - dm);
    printf("baggage out: %.1f kg, CG %.2f in (moment balance %.2f)\n", l1.weight_kg, l1.cg_x_in, cg_expected);
    assert_near(l1.cg_x_in, cg_expected, 0.02);
    assert_true(l1.cg_x_in < l0.cg_x_in);
    /* fuel to 25 %: every tank at a quarter of its capacity */
    assert_int_equal(sortie_set_load(r.s, 25.0, -1, NAN, &err), SAQR_OK);
    fly(&r, 0.1);
    sortie_load l2;
    sortie_get_load(r.s, &l2);
    assert_near(l2.fuel_pct, 25.0, 0.01);
    assert_near(l2.weight_kg, l1.weight_kg - (l1.fuel_kg - l2.fuel_kg), 0.05);
    /* refused, nothing changed */
    struct {
        double fuel;
        int index;
        double kg;
    } bad[] = {{101.0, -1, NAN}, {-1.0, -1, NAN}, {NAN, 3, 50.0}, {NAN, -2, 50.0}, {NAN, 0, 501.0},
               {NAN, 0, -1.0}, {NAN, 0, NAN}, {NAN, -1, NAN}, {INFINITY, -1, NAN}};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        err_clear(&err);
        assert_int_equal(sortie_set_load(r.s, bad[i].fuel, bad[i].index, bad[i].kg, &err), SAQR_EINVAL);
        assert_non_null(strstr(err.msg, "load"));
    }
    sortie_load l3;
    sortie_get_load(r.s, &l3);
    assert_true(l3.mass_kg[0] == l2.mass_kg[0] && l3.fuel_kg == l2.fuel_kg);
    finish(&r);
}

/* ------------------------------------------------------------ reposition */

static void reposition(run *r, const sortie_reposition *rp)
{
    saqr_err err;
    err_clear(&err);
    if (sortie_reposition_to(r->s, rp, &err))
        fail_msg("%s", err.msg);
}

/* Checks an aircraft on final `nm` from the threshold of its lesson's
 * runway, on the 3-degree slope to a point 0..1,000 ft past it. */
static void check_on_final(run *r, double nm, double ias_kt)
{
    const airport_runway *rw = sortie_runway(r->s);
    sortie_instruments in = instruments(r);
    double x, y;
    runway_from_geodetic(rw, in.lat_deg, in.lon_deg, &x, &y);
    double h = get(r, "position/h-sl-ft") - rw->elevation_ft, slope_h = -x * tan(3.0 * RAD_PER_DEG);
    printf("final: %.2f nm out, %.0f ft off the centreline, %.0f ft above the threshold (3 deg: %.0f), ias %.1f, "
           "vs %.0f fpm, gs %.0f\n", -x / (M_PER_NMI / M_PER_FT), y, h, slope_h, in.ias_kt, in.vs_fpm, in.gs_kt);
    assert_near(-x, nm * M_PER_NMI / M_PER_FT, 0.05 * M_PER_NMI / M_PER_FT);
    assert_near(y, 0.0, 50.0);
    assert_true(h > slope_h - 5.0 && h < slope_h + 1000.0 * tan(3.0 * RAD_PER_DEG) + 5.0);
    assert_near(in.ias_kt, ias_kt, 1.0);
    /* descending on 3 degrees over the ground */
    assert_near(in.vs_fpm, -in.gs_kt * MPS_PER_KT / M_PER_FT * 60.0 * tan(3.0 * RAD_PER_DEG), 60.0);
    assert_true(in.gear > 0.5);
    assert_false(in.on_ground);
}

static void reposition_on_final_puts_the_aircraft_on_a_3_degree_slope_and_time_runs_on(void **state)
{
    (void)state;
    run r;
    start(&r, "super-mushak/steep-turns", "trainee", NULL);
    fly(&r, 5.0);
    double t0 = saqr_fdm_time(r.f);
    sortie_reposition rp = {REPO_FINAL, 3.0, NAN, NAN, NAN, "", ""};
    reposition(&r, &rp);
    double t1 = saqr_fdm_time(r.f);
    assert_true(t1 >= t0);
    /* no approach in this lesson: the Super Mushak's 70 kt, landing flap */
    check_on_final(&r, 3.0, 70.0);
    assert_near(get(&r, "fcs/flap-pos-norm"), 1.0, 1e-6);
    /* 3 nm at 3 degrees is 955 ft above the threshold */
    double h = get(&r, "position/h-sl-ft") - sortie_runway(r.s)->elevation_ft;
    assert_near(h, 955.0, 60.0);
    /* trimmed: flown hands off for 5 s it stays on the speed and slope */
    double vs0 = instruments(&r).vs_fpm;
    fly(&r, 5.0);
    assert_true(saqr_fdm_time(r.f) > t1 + 4.9);
    assert_near(instruments(&r).ias_kt, 70.0, 3.0);
    assert_near(instruments(&r).vs_fpm, vs0, 100.0);
    finish(&r);

    /* a headwind and crosswind: still on the centreline, crabbed */
    start(&r, "super-mushak/steep-turns", "trainee", NULL);
    sortie_weather w = no_change();
    w.wind_from_deg = fmod(sortie_runway(r.s)->heading_true_deg + 30.0, 360.0);
    w.wind_kt = 15.0;
    weather(&r, &w);
    rp.nm = 4.0;
    reposition(&r, &rp);
    check_on_final(&r, 4.0, 70.0);
    assert_near(instruments(&r).gs_kt, get(&r, "velocities/vtrue-kts") - 15.0 * cos(30.0 * RAD_PER_DEG), 2.5);
    fly(&r, 3.0);
    double x, y;
    runway_from_geodetic(sortie_runway(r.s), instruments(&r).lat_deg, instruments(&r).lon_deg, &x, &y);
    assert_near(y, 0.0, 60.0);
    finish(&r);

    /* a lesson with an approach: its speed, on the slope to its aim point
     * 500 ft past the threshold: (3 nm + 500 ft) tan 3 deg = 981.5 ft */
    start(&r, "super-mushak/normal-approach-and-landing", "trainee", NULL);
    rp.nm = 3.0;
    reposition(&r, &rp);
    check_on_final(&r, 3.0, 70.0);
    assert_near(get(&r, "position/h-sl-ft") - sortie_runway(r.s)->elevation_ft,
                (3.0 * M_PER_NMI / M_PER_FT + 500.0) * tan(3.0 * RAD_PER_DEG), 2.0);
    finish(&r);

    /* the JF-17 from its ILS lesson: the lesson's 155 kt */
    start(&r, "jf17/ils-approach", "trainee", NULL);
    fly(&r, 2.0);
    rp.nm = 5.0;
    reposition(&r, &rp);
    check_on_final(&r, 5.0, 155.0);
    /* its fly-by-wire law flies on from the trim, hands off */
    vs0 = instruments(&r).vs_fpm;
    fly(&r, 5.0);
    printf("jf17 5 s later: ias %.1f, vs %.0f fpm\n", instruments(&r).ias_kt, instruments(&r).vs_fpm);
    assert_near(instruments(&r).ias_kt, 155.0, 4.0);
    assert_near(instruments(&r).vs_fpm, vs0, 150.0);
    finish(&r);
}

/* The station's approach plot (sortie_approach): on final, where the
 * aircraft is in the runway's frame and the lesson's path there, worked
 * out here from the reposition's geometry (3 nm out on the lesson's 3 deg
 * to its aim point 500 ft in); nothing high above the field, and no path
 * for a lesson that flies none. */
static void the_approach_plot_is_where_the_final_is(void **state)
{
    (void)state;
    run r;
    start(&r, "super-mushak/normal-approach-and-landing", "trainee", NULL);
    sortie_reposition rp = {REPO_FINAL, 3.0, NAN, NAN, NAN, "", ""};
    reposition(&r, &rp);
    fly(&r, 0.5); /* the channels it reads are the frame's */
    sortie_approach_values a;
    assert_int_equal(sortie_approach(r.s, &a), 1);
    const double x_ft = -3.0 * M_PER_NMI / M_PER_FT;
    assert_near(a.x_ft, x_ft + 0.5 * 72.0 * MPS_PER_KT / M_PER_FT, 30.0); /* half a second at ~72 kt */
    assert_near(a.y_ft, 0.0, 10.0);
    assert_near(a.h_ft, (500.0 - a.x_ft) * tan(3.0 * RAD_PER_DEG), 5.0);
    assert_near(a.path.glide_deg, 3.0, 1e-12);
    assert_near(a.path.aim_ft, 500.0, 1e-12);
    assert_near(a.path_ft, (500.0 - a.x_ft) * tan(3.0 * RAD_PER_DEG), 1e-6);
    fly(&r, 5.0); /* it flies on down the final */
    sortie_approach_values b;
    assert_int_equal(sortie_approach(r.s, &b), 1);
    assert_true(b.x_ft > a.x_ft + 500.0 && b.h_ft < a.h_ft);
    /* 5,000 ft above the field: no final */
    sortie_reposition up = {REPO_AIRBORNE, NAN, 6100.0, 90.0, NAN, "", ""};
    reposition(&r, &up);
    fly(&r, 0.5);
    if (sortie_approach(r.s, &a))
        fail_msg("a final at x %.0f ft, y %.0f ft, %.0f ft up", a.x_ft, a.y_ft, a.h_ft);
    finish(&r);

    start(&r, "super-mushak/steep-turns", "trainee", NULL);
    reposition(&r, &rp);
    fly(&r, 0.5);
    assert_int_equal(sortie_approach(r.s, &a), 1);
    assert_true(isnan(a.path.glide_deg) && isnan(a.path_ft));
    finish(&r);
}

/* Another runway (a training device's runway presets): on final for the
 * other strip's opposite end, the sortie's runway becomes it - the ILS
 * centred, the reference pilot landing on it, no off-runway event - and
 * the threshold of another airport's; names not in the airports file, or
 * a runway for an airborne reposition, are refused and change nothing. */
static void reposition_to_another_runway_makes_it_the_sorties(void **state)
{
    (void)state;
    run r;
    start(&r, "super-mushak/normal-approach-and-landing", "reference", NULL);
    assert_string_equal(sortie_airport(r.s), "OPRS");
    assert_string_equal(sortie_runway(r.s)->ident, "27L");
    fly(&r, 1.0);
    saqr_err err;
    err_clear(&err);
    const double lat0 = get(&r, "position/lat-geod-deg");
    const struct {
        sortie_reposition rp;
        const char *says;
    } bad[] = {
        {{REPO_FINAL, 3.0, NAN, NAN, NAN, "XXXX", "09R"}, "no airport \"XXXX\""},
        {{REPO_FINAL, 3.0, NAN, NAN, NAN, "", "99"}, "airport OPRS has no runway \"99\""},
        {{REPO_THRESHOLD, NAN, NAN, NAN, NAN, "OPMS", "27L"}, "airport OPMS has no runway \"27L\""},
        {{REPO_AIRBORNE, NAN, 5000.0, 90.0, NAN, "", "09R"}, "not airborne"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(sortie_reposition_to(r.s, &bad[i].rp, &err), SAQR_EINVAL);
        if (!strstr(err.msg, bad[i].says))
            fail_msg("\"%s\", wanted \"%s\"", err.msg, bad[i].says);
        assert_true(get(&r, "position/lat-geod-deg") == lat0);
        assert_string_equal(sortie_runway(r.s)->ident, "27L");
    }
    sortie_reposition rp = {REPO_FINAL, 3.0, NAN, NAN, NAN, "", "09R"};
    reposition(&r, &rp);
    assert_string_equal(sortie_runway(r.s)->ident, "09R");
    check_on_final(&r, 3.0, 70.0); /* measured against 09R */
    assert_near(instruments(&r).loc_dev_deg, 0.0, 0.1);
    assert_near(instruments(&r).gs_dev_deg, 0.0, 0.3);
    /* the reference pilot lands on it */
    uint64_t cursor = 0;
    rec_event ev[SORTIE_EVENT_FEED];
    int touchdowns = 0, off = 0;
    for (int k = 0; k < 250 * 120 && sortie_frame(r.s, &err) == 0; k++) {
        int n = sortie_take_events(r.s, &cursor, ev, SORTIE_EVENT_FEED);
        for (int i = 0; i < n; i++) {
            touchdowns += strcmp(ev[i].kind, "touchdown") == 0;
            off += strcmp(ev[i].kind, "off-runway") == 0;
        }
        if (touchdowns && instruments(&r).gs_kt < 20.0)
            break;
    }
    double x, y;
    runway_from_geodetic(sortie_runway(r.s), instruments(&r).lat_deg, instruments(&r).lon_deg, &x, &y);
    printf("landed on 09R: %.0f ft down it, %.1f ft off the centreline\n", x, y);
    assert_true(touchdowns >= 1);
    assert_int_equal(off, 0);
    assert_true(x > 0.0 && x < sortie_runway(r.s)->length_ft && fabs(y) < 30.0);
    finish(&r);
    /* another airport's threshold */
    start(&r, "super-mushak/straight-and-level", "trainee", NULL);
    sortie_reposition to_opms = {REPO_THRESHOLD, NAN, NAN, NAN, NAN, "OPMS", "30"};
    reposition(&r, &to_opms);
    assert_string_equal(sortie_airport(r.s), "OPMS");
    assert_string_equal(sortie_runway(r.s)->ident, "30");
    runway_from_geodetic(sortie_runway(r.s), instruments(&r).lat_deg, instruments(&r).lon_deg, &x, &y);
    assert_near(x, 50.0, 5.0);
    assert_near(y, 0.0, 5.0);
    assert_true(instruments(&r).on_ground);
    finish(&r);
}

static void reposition_to_the_threshold_and_airborne(void **state)
{
    (void)state;
    run r;
    start(&r, "super-mushak/steep-turns", "trainee", NULL);
    fly(&r, 2.0);
    double t0 = saqr_fdm_time(r.f);
    sortie_reposition rp = {REPO_THRESHOLD, NAN, NAN, NAN, NAN, "", ""};
    reposition(&r, &rp);
    assert_true(instruments(&r).gs_kt < 0.5);
    set(&r, "fcs/right-brake-cmd-norm", 1.0);
    fly_holding(&r, 2.0, "fcs/left-brake-cmd-norm", 1.0);
    sortie_instruments in = instruments(&r);
    double x, y;
    runway_from_geodetic(sortie_runway(r.s), in.lat_deg, in.lon_deg, &x, &y);
    printf("threshold: x %.0f ft, y %.1f ft, gs %.2f kt, heading %.1f\n", x, y, in.gs_kt, in.heading_deg);
    assert_true(in.on_ground);
    assert_near(x, 50.0, 10.0);
    assert_near(y, 0.0, 3.0);
    assert_true(in.gs_kt < 1.0);
    assert_near(in.heading_deg, sortie_runway(r.s)->heading_true_deg, 1.0);
    assert_true(saqr_fdm_time(r.f) > t0 + 1.9);

    rp.kind = REPO_AIRBORNE;
    rp.alt_ft = 6000.0;
    rp.heading_deg = 45.0;
    rp.ias_kt = 120.0;
    reposition(&r, &rp);
    fly(&r, 1.0);
    in = instruments(&r);
    printf("airborne: %.0f ft, heading %.1f, ias %.1f\n", get(&r, "position/h-sl-ft"), in.heading_deg, in.ias_kt);
    assert_false(in.on_ground);
    assert_near(get(&r, "position/h-sl-ft"), 6000.0, 30.0);
    assert_near(in.heading_deg, 45.0, 2.0);
    assert_near(in.ias_kt, 120.0, 2.0);
    finish(&r);
}

/* The instructor's snapshot and recall: the reference pilot flies the
 * steep turn on; recalled, the aircraft is where and as it was when the
 * snapshot was taken (position, altitude, heading, speeds, rates, fuel,
 * throttle) while sim time runs on; a later snapshot replaces it; a
 * recall before any snapshot is refused and changes nothing. */
static void a_recalled_snapshot_puts_the_aircraft_back_as_it_was(void **state)
{
    (void)state;
    run r;
    start(&r, "super-mushak/steep-turns", "reference", NULL);
    saqr_err err;
    err_clear(&err);
    assert_true(isnan(sortie_snapshot_time(r.s, 1)));
    double lat0 = get(&r, "position/lat-geod-deg");
    assert_int_equal(sortie_snapshot_recall(r.s, 1, &err), SAQR_EINVAL);
    assert_non_null(strstr(err.msg, "no snapshot 1"));
    assert_true(get(&r, "position/lat-geod-deg") == lat0);
    const int bad_slots[] = {0, -1, SORTIE_SNAPSHOTS + 1, 1 << 30};
    for (size_t i = 0; i < sizeof bad_slots / sizeof bad_slots[0]; i++) {
        assert_int_equal(sortie_snapshot_take(r.s, bad_slots[i], &err), SAQR_EINVAL);
        assert_non_null(strstr(err.msg, "not within 1.."));
        assert_int_equal(sortie_snapshot_recall(r.s, bad_slots[i], &err), SAQR_EINVAL);
        assert_true(isnan(sortie_snapshot_time(r.s, bad_slots[i])));
    }
    fly(&r, 20.0); /* into the turn */
    assert_int_equal(sortie_snapshot_take(r.s, 1, &err), SAQR_OK);
    const double t_snap = saqr_fdm_time(r.f);
    assert_near(sortie_snapshot_time(r.s, 1), t_snap, 0.0);
    const char *names[] = {"position/lat-geod-deg", "position/long-gc-deg", "position/h-sl-ft",
                           "attitude/phi-deg",       "attitude/theta-deg",   "attitude/psi-deg",
                           "velocities/vc-kts",     "velocities/q-rad_sec", "velocities/r-rad_sec",
                           "propulsion/tank[0]/contents-lbs", "propulsion/tank[1]/contents-lbs",
                           "fcs/throttle-cmd-norm"};
    /* each comes back bit for bit: the aircraft takes the snapshot's
     * whole state (saqr_fdm_restore) */
    enum { N = sizeof names / sizeof names[0] };
    double at[N];
    for (int i = 0; i < N; i++)
        at[i] = get(&r, names[i]);
    fly(&r, 15.0);
    assert_true(fabs(get(&r, "attitude/psi-deg") - at[5]) > 20.0); /* it has turned on */
    /* a second slot, taken here, does not touch the first */
    double later[N];
    for (int i = 0; i < N; i++)
        later[i] = get(&r, names[i]);
    assert_int_equal(sortie_snapshot_take(r.s, SORTIE_SNAPSHOTS, &err), SAQR_OK);
    const double t_later = saqr_fdm_time(r.f);
    fly(&r, 2.0);
    assert_int_equal(sortie_snapshot_recall(r.s, 1, &err), SAQR_OK);
    for (int i = 0; i < N; i++) {
        double x = get(&r, names[i]);
        if (memcmp(&x, &at[i], sizeof x) != 0)
            fail_msg("%s: %.17g recalled, %.17g at the snapshot", names[i], x, at[i]);
    }
    assert_true(saqr_fdm_time(r.f) > t_snap + 16.9); /* time ran on */
    fly(&r, 1.0); /* and it flies on from there */
    assert_near(get(&r, "position/h-sl-ft"), at[2], 30.0);
    /* the other slot takes it to its own moment */
    assert_int_equal(sortie_snapshot_recall(r.s, SORTIE_SNAPSHOTS, &err), SAQR_OK);
    for (int i = 0; i < N; i++) {
        double x = get(&r, names[i]);
        if (memcmp(&x, &later[i], sizeof x) != 0)
            fail_msg("%s: %.17g recalled from slot %d, %.17g when taken", names[i], x, SORTIE_SNAPSHOTS, later[i]);
    }
    assert_near(sortie_snapshot_time(r.s, SORTIE_SNAPSHOTS), t_later, 0.0);
    assert_near(sortie_snapshot_time(r.s, 1), t_snap, 0.0);
    assert_true(isnan(sortie_snapshot_time(r.s, 2)));
    /* a snapshot taken again replaces the slot's */
    assert_int_equal(sortie_snapshot_take(r.s, 1, &err), SAQR_OK);
    assert_true(sortie_snapshot_time(r.s, 1) > t_snap + 17.9);
    finish(&r);
}

/* After a recall the aircraft flies on as it flew on after the snapshot:
 * hands off, 3 s of flight from the recalled state repeat the 3 s after
 * the snapshot (the Super Mushak's piston and the JF-17's fly-by-wire,
 * whose control laws' filters are in the snapshot too), 5 s of other
 * flight between.  Not bit for bit only because the clock runs on: the
 * Earth's angle since ECI was aligned is the snapshot's to the rounding
 * of a sum. */
static void after_a_recall_the_flight_repeats_the_flight_after_the_snapshot(void **state)
{
    (void)state;
    const char *lessons[] = {"super-mushak/straight-and-level", "jf17/ils-approach"};
    for (int i = 0; i < 2; i++) {
        run r;
        start(&r, lessons[i], "trainee", NULL);
        saqr_err err;
        err_clear(&err);
        fly(&r, 5.0);
        assert_int_equal(sortie_snapshot_take(r.s, 1, &err), SAQR_OK);
        double first[3][3];
        for (int k = 0; k < 3; k++) {
            fly(&r, 1.0);
            first[k][0] = get(&r, "position/h-sl-ft");
            first[k][1] = get(&r, "velocities/vc-kts");
            first[k][2] = get(&r, "attitude/theta-deg");
        }
        fly(&r, 5.0);
        assert_int_equal(sortie_snapshot_recall(r.s, 1, &err), SAQR_OK);
        for (int k = 0; k < 3; k++) {
            fly(&r, 1.0);
            printf("%s t+%d s: %.2g ft, %.2g kt, %.2g deg from the first time\n", lessons[i], k + 1,
                   get(&r, "position/h-sl-ft") - first[k][0], get(&r, "velocities/vc-kts") - first[k][1],
                   get(&r, "attitude/theta-deg") - first[k][2]);
            assert_near(get(&r, "position/h-sl-ft"), first[k][0], 1e-6);
            assert_near(get(&r, "velocities/vc-kts"), first[k][1], 1e-7);
            assert_near(get(&r, "attitude/theta-deg"), first[k][2], 1e-7);
        }
        finish(&r);
    }
}

/* A recall puts the gear and flaps back where they were at the snapshot
 * (not commanded back to travel there), while the weather the instructor
 * set since stays as it is now. */
static void a_recall_puts_gear_and_flaps_back_and_keeps_the_weather(void **state)
{
    (void)state;
    run r;
    start(&r, "jf17/ils-approach", "trainee", NULL);
    fly(&r, 2.0);
    saqr_err err;
    err_clear(&err);
    assert_int_equal(sortie_snapshot_take(r.s, 1, &err), SAQR_OK);
    const double gear = get(&r, "gear/gear-pos-norm"), flaps = get(&r, "fcs/flap-pos-deg");
    assert_true(gear == 1.0 && flaps > 5.0);
    sortie_weather w = no_change();
    w.wind_from_deg = 270.0;
    w.wind_kt = 20.0;
    weather(&r, &w);
    const double wind_e = get(&r, "atmosphere/wind-east-fps");
    assert_true(wind_e > 30.0);
    set(&r, "gear/gear-cmd-norm", 0.0);
    set(&r, "fcs/flap-cmd-norm", 0.0);
    fly(&r, 10.0);
    assert_true(get(&r, "gear/gear-pos-norm") < 0.5);
    assert_true(get(&r, "fcs/flap-pos-deg") < flaps - 5.0);
    assert_int_equal(sortie_snapshot_recall(r.s, 1, &err), SAQR_OK);
    assert_true(get(&r, "gear/gear-pos-norm") == gear);
    assert_true(get(&r, "fcs/flap-pos-deg") == flaps);
    assert_true(get(&r, "gear/gear-cmd-norm") == 1.0);
    assert_true(get(&r, "atmosphere/wind-east-fps") == wind_e);
    fly(&r, 0.5);
    assert_true(get(&r, "gear/gear-pos-norm") == gear);
    assert_near(get(&r, "fcs/flap-pos-deg"), flaps, 1e-9);
    finish(&r);
}

/* The place and heading of each frame flown, by sim time. */
typedef struct track {
    double t[6000], lat[6000], lon[6000], alt[6000];
    int n;
} track;

/* Flies `seconds` in a gentle turn (15 deg of bank: the place and the
 * heading change), recording the track. */
static void fly_tracked(run *r, double seconds, track *tr)
{
    long n = (long)(seconds / saqr_fdm_dt(r->f) + 0.5);
    saqr_err err;
    err_clear(&err);
    for (long k = 0; k < n && tr->n < 6000; k++) {
        hold_bank(r, 15.0);
        if (sortie_frame(r->s, &err) != 0)
            fail_msg("the sortie ended at t = %.1f s: %s", saqr_fdm_time(r->f), err.msg);
        tr->t[tr->n] = saqr_fdm_time(r->f);
        tr->lat[tr->n] = get(r, "position/lat-geod-deg");
        tr->lon[tr->n] = get(r, "position/long-gc-deg");
        tr->alt[tr->n++] = get(r, "position/h-sl-ft");
    }
}

/* The aircraft is where the track had it at time t, bit for bit. */
static void assert_at(const run *r, const track *tr, double t)
{
    for (int i = 0; i < tr->n; i++)
        if (fabs(tr->t[i] - t) < 1e-6) {
            double now[3] = {get(r, "position/lat-geod-deg"), get(r, "position/long-gc-deg"),
                             get(r, "position/h-sl-ft")};
            if (memcmp(&now[0], &tr->lat[i], sizeof now[0]) || memcmp(&now[1], &tr->lon[i], sizeof now[1]) ||
                memcmp(&now[2], &tr->alt[i], sizeof now[2]))
                fail_msg("not where the aircraft was at t=%.4f s: %.9f %.9f %.4f ft, then %.9f %.9f %.4f ft", t,
                         now[0], now[1], now[2], tr->lat[i], tr->lon[i], tr->alt[i]);
            return;
        }
    fail_msg("no frame flown at t=%.4f s", t);
}

/* Rewind: the aircraft goes back 30 s along its flight, to where it was
 * (bit for bit), time running on; a second rewind goes further back along
 * the flight as flown; the ring holds a minute; refusals change nothing. */
static void a_rewind_takes_the_aircraft_back_along_its_flight(void **state)
{
    (void)state;
    run r;
    start(&r, "super-mushak/straight-and-level", "trainee", NULL);
    saqr_err err;
    err_clear(&err);
    double back = 0.0;
    assert_true(isnan(sortie_rewind_available(r.s)));
    assert_int_equal(sortie_rewind(r.s, 30.0, &back, &err), SAQR_EINVAL);
    assert_non_null(strstr(err.msg, "not kept"));
    assert_int_equal(sortie_rewind_enable(r.s, 0.5, &err), SAQR_EINVAL);
    assert_int_equal(sortie_rewind_enable(r.s, 5.0, &err), SAQR_OK);
    assert_int_equal(sortie_rewind(r.s, 30.0, &back, &err), SAQR_EINVAL);
    assert_non_null(strstr(err.msg, "nothing kept"));
    static track tr;
    tr.n = 0;
    fly_tracked(&r, 40.0, &tr);
    assert_true(sortie_rewind_available(r.s) > 39.0);
    const double t40 = saqr_fdm_time(r.f), lat40 = get(&r, "position/lat-geod-deg");
    const double bad[] = {0.0, 0.5, 61.0, NAN, -5.0};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(sortie_rewind(r.s, bad[i], &back, &err), SAQR_EINVAL);
        assert_true(get(&r, "position/lat-geod-deg") == lat40);
    }
    uint64_t cursor = 0;
    rec_event ev[SORTIE_EVENT_FEED];
    int nev = sortie_take_events(r.s, &cursor, ev, SORTIE_EVENT_FEED);
    assert_int_equal(sortie_rewind(r.s, 30.0, &back, &err), SAQR_OK);
    printf("rewound %.3f s from t=%.3f\n", back, t40);
    assert_true(back >= 30.0 && back < 35.0 + 1e-9);
    assert_true(saqr_fdm_time(r.f) == t40); /* time runs on */
    assert_at(&r, &tr, t40 - back);
    nev = sortie_take_events(r.s, &cursor, ev, SORTIE_EVENT_FEED);
    assert_int_equal(nev, 1);
    assert_string_equal(ev[0].kind, "rewind");
    assert_true(ev[0].value == back);
    /* further back along the flight as flown: the moment 5 s before it */
    double back2 = 0.0;
    assert_int_equal(sortie_rewind(r.s, 5.0, &back2, &err), SAQR_OK);
    assert_true(back2 >= 5.0 && back2 < 10.0 + 1e-9);
    assert_at(&r, &tr, t40 - back - back2);
    /* the ring keeps a minute, no more */
    fly_bank(&r, 62.0, 0.0);
    assert_true(sortie_rewind_available(r.s) <= SORTIE_REWIND_MAX_S + 5.0 + 1e-9);
    assert_true(sortie_rewind_available(r.s) >= SORTIE_REWIND_MAX_S);
    finish(&r);
}

/* A wing tip struck with the wheels still in the air is a crash: from a
 * mile out on final, full left aileron and the stick pushed roll the
 * aircraft past the vertical into the ground, where a wing tip or the
 * spinner touches first (gear/wow stays 0, the reference point stays
 * above half a foot); before the contacts' forces counted, that bounce
 * flew on. */
static void a_wing_tip_strike_with_the_wheels_up_is_a_crash(void **state)
{
    (void)state;
    run r;
    start(&r, "super-mushak/straight-and-level", "trainee", NULL);
    sortie_reposition rp = {REPO_FINAL, 1.0, NAN, NAN, NAN, "", ""};
    reposition(&r, &rp);
    saqr_err err;
    err_clear(&err);
    int st = 0;
    double wow = 0.0, roll = 0.0;
    for (long k = 0; k < (long)(40.0 / saqr_fdm_dt(r.f)) && st == 0; k++) {
        set(&r, "fcs/aileron-cmd-norm", -1.0);
        set(&r, "fcs/elevator-cmd-norm", 0.3); /* JSBSim's elevator: positive pushes */
        wow = get(&r, "gear/wow");
        roll = get(&r, "attitude/phi-deg");
        st = sortie_frame(r.s, &err);
    }
    printf("ended (%d) at t=%.2f s, bank %.0f deg, wheels %s, %.1f ft above the ground\n", st,
           saqr_fdm_time(r.f), get(&r, "attitude/phi-deg"), wow > 0.5 ? "down" : "up",
           get(&r, "position/h-agl-ft"));
    assert_int_equal(st, 1);
    assert_true(fabs(get(&r, "attitude/phi-deg")) > 60.0 || fabs(roll) > 60.0);
    assert_true(get(&r, "gear/wow") < 0.5);
    assert_true(get(&r, "position/h-agl-ft") > 0.5);
    finish(&r);
}

/* A copy every second (the station's): back within a second of what was
 * asked, to where the aircraft was then; a period changed starts the ring
 * afresh; a minute's worth kept, no more. */
static void a_rewind_with_a_copy_every_second_goes_back_within_a_second(void **state)
{
    (void)state;
    run r;
    start(&r, "super-mushak/straight-and-level", "trainee", NULL);
    saqr_err err;
    err_clear(&err);
    double back = 0.0;
    assert_int_equal(sortie_rewind_enable(r.s, 5.0, &err), SAQR_OK);
    fly(&r, 6.0);
    assert_true(sortie_rewind_available(r.s) > 5.0);
    assert_int_equal(sortie_rewind_enable(r.s, 1.0, &err), SAQR_OK);
    assert_true(sortie_rewind_available(r.s) == 0.0);
    static track tr;
    tr.n = 0;
    fly_tracked(&r, 20.0, &tr);
    assert_true(sortie_rewind_available(r.s) > 19.0 && sortie_rewind_available(r.s) < 20.0 + 1e-9);
    const double t20 = saqr_fdm_time(r.f);
    assert_int_equal(sortie_rewind(r.s, 7.0, &back, &err), SAQR_OK);
    printf("rewound %.3f s for 7 asked, a copy every second\n", back);
    assert_true(back >= 7.0 && back < 8.0 + 1e-9);
    assert_at(&r, &tr, t20 - back);
    set(&r, "fcs/aileron-cmd-norm", 0.0);
    fly(&r, 62.0);
    assert_true(sortie_rewind_available(r.s) <= SORTIE_REWIND_MAX_S + 1.0 + 1e-9);
    assert_true(sortie_rewind_available(r.s) >= SORTIE_REWIND_MAX_S);
    assert_int_equal(sortie_rewind(r.s, SORTIE_REWIND_MAX_S, &back, &err), SAQR_OK);
    assert_true(back >= SORTIE_REWIND_MAX_S && back < SORTIE_REWIND_MAX_S + 1.0 + 1e-9);
    finish(&r);
}

static void a_reposition_that_cannot_be_trimmed_leaves_the_aircraft_where_it_was(void **state)
{
    (void)state;
    run r;
    start(&r, "jf17/level-acceleration", "trainee", NULL);
    fly(&r, 2.0);
    sortie_instruments a = instruments(&r);
    double alt = get(&r, "position/h-sl-ft"), vc = get(&r, "velocities/vc-kts"), t0 = saqr_fdm_time(r.f);
    double thr = get(&r, "fcs/throttle-cmd-norm");
    /* 50 kt at 45,000 ft: no fighter flies there */
    sortie_reposition rp = {REPO_AIRBORNE, NAN, 45000.0, 90.0, 50.0, "", ""};
    saqr_err err;
    err_clear(&err);
    assert_int_not_equal(sortie_reposition_to(r.s, &rp, &err), SAQR_OK);
    printf("%s\n", err.msg);
    assert_true(strstr(err.msg, "trim") != NULL);
    sortie_instruments b = instruments(&r);
    assert_near(b.lat_deg, a.lat_deg, 1e-8);
    assert_near(b.lon_deg, a.lon_deg, 1e-8);
    assert_near(get(&r, "position/h-sl-ft"), alt, 0.01);
    assert_near(get(&r, "velocities/vc-kts"), vc, 0.01);
    assert_near(b.heading_deg, a.heading_deg, 1e-6);
    assert_near(get(&r, "fcs/throttle-cmd-norm"), thr, 0.0);
    assert_true(saqr_fdm_time(r.f) >= t0);
    fly(&r, 1.0);
    assert_near(get(&r, "position/h-sl-ft"), alt, 100.0);
    assert_true(saqr_fdm_time(r.f) > t0 + 0.9);
    finish(&r);
}

static void bad_reposition_values_are_refused_and_change_nothing(void **state)
{
    (void)state;
    run r;
    start(&r, "super-mushak/steep-turns", "trainee", NULL);
    fly(&r, 1.0);
    double lat = get(&r, "position/lat-geod-deg"), alt = get(&r, "position/h-sl-ft");
    double t = saqr_fdm_time(r.f);
    sortie_reposition bad[] = {
        {REPO_FINAL, 0.5, NAN, NAN, NAN, "", ""},       {REPO_FINAL, 21.0, NAN, NAN, NAN, "", ""},
        {REPO_FINAL, NAN, NAN, NAN, NAN, "", ""},       {REPO_FINAL, 3.0, NAN, NAN, 40.0, "", ""},
        {REPO_FINAL, 3.0, NAN, NAN, 701.0, "", ""},     {REPO_AIRBORNE, NAN, 400.0, 90.0, NAN, "", ""},
        {REPO_AIRBORNE, NAN, 1200.0, 90.0, NAN, "", ""}, /* 150 ft above the runway */
        {REPO_AIRBORNE, NAN, 60000.0, 90.0, NAN, "", ""}, {REPO_AIRBORNE, NAN, 5000.0, 361.0, NAN, "", ""},
        {REPO_AIRBORNE, NAN, 5000.0, -1.0, NAN, "", ""}, {REPO_AIRBORNE, NAN, NAN, 90.0, NAN, "", ""},
        {REPO_AIRBORNE, NAN, 5000.0, NAN, NAN, "", ""},  {(sortie_reposition_kind)7, 3.0, 5000.0, 90.0, 100.0, "", ""},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        saqr_err err;
        err_clear(&err);
        assert_int_equal(sortie_reposition_to(r.s, &bad[i], &err), SAQR_EINVAL);
        assert_true(strstr(err.msg, "reposition") != NULL);
        assert_true(get(&r, "position/lat-geod-deg") == lat);
        assert_true(get(&r, "position/h-sl-ft") == alt);
        assert_true(saqr_fdm_time(r.f) == t);
    }
    assert_int_equal(sortie_reposition_to(r.s, NULL, NULL), SAQR_EINVAL);
    finish(&r);
}

/* ------------------------------------------------------------ freeze */

static void position_freeze_holds_the_place_while_the_aircraft_flies(void **state)
{
    (void)state;
    run r;
    start(&r, "super-mushak/straight-and-level", "trainee", NULL);
    fly(&r, 1.0);
    sortie_freeze_position(r.s, 1);
    assert_true(sortie_position_frozen(r.s));
    sortie_instruments a = instruments(&r);
    double alt = get(&r, "position/h-sl-ft");
    fly_holding(&r, 10.0, "fcs/aileron-cmd-norm", 0.1);
    sortie_instruments b = instruments(&r);
    double dn_ft = (b.lat_deg - a.lat_deg) * FT_PER_DEG_LAT;
    double de_ft = (b.lon_deg - a.lon_deg) * FT_PER_DEG_LAT * cos(a.lat_deg * RAD_PER_DEG);
    printf("frozen 10 s: moved %.3f ft north, %.3f ft east, %.3f ft up; ias %.1f -> %.1f, roll %.1f -> %.1f\n",
           dn_ft, de_ft, get(&r, "position/h-sl-ft") - alt, a.ias_kt, b.ias_kt, a.roll_deg, b.roll_deg);
    assert_true(hypot(dn_ft, de_ft) < 1.0);
    assert_near(get(&r, "position/h-sl-ft"), alt, 1.0);
    /* ... yet it flies: airspeed kept, the roll answers the aileron */
    assert_true(b.ias_kt > 0.8 * a.ias_kt);
    assert_true(fabs(b.roll_deg - a.roll_deg) > 5.0);
    assert_true(b.gs_kt > 50.0);
    sortie_freeze_position(r.s, 0);
    assert_false(sortie_position_frozen(r.s));
    fly(&r, 2.0);
    sortie_instruments c = instruments(&r);
    double moved = hypot((c.lat_deg - b.lat_deg) * FT_PER_DEG_LAT,
                         (c.lon_deg - b.lon_deg) * FT_PER_DEG_LAT * cos(a.lat_deg * RAD_PER_DEG));
    assert_true(moved > 100.0);
    finish(&r);
}

/* ------------------------------------------------------------ grade and events */

static void a_lessons_own_engine_failure_shows_as_the_malfunction(void **state)
{
    (void)state;
    run r;
    start(&r, "super-mushak/engine-failure-after-takeoff", "reference", NULL);
    saqr_err err;
    err_clear(&err);
    int seen = 0;
    while (!seen && sortie_frame(r.s, &err) == 0)
        seen = (sortie_malfunctions(r.s) >> MALF_ENGINE_FAILURE) & 1u;
    assert_true(seen);
    fly(&r, 2.0);
    assert_true(instruments(&r).fuel_flow_pph == 0.0);
    /* the instructor may clear it: the fuel flows again */
    insert(&r, MALF_ENGINE_FAILURE, 0);
    fly(&r, 2.0);
    assert_near(get(&r, "fcs/mixture-cmd-norm"), 1.0, 0.0);
    assert_true(instruments(&r).fuel_flow_pph > 1.0);
    finish(&r);
}

/* The newest event of `kind` since *cursor into *out; 0 when none. */
static int newest_event(const run *r, uint64_t *cursor, const char *kind, rec_event *out)
{
    rec_event ev[SORTIE_EVENT_FEED];
    int n = sortie_take_events(r->s, cursor, ev, SORTIE_EVENT_FEED), found = 0;
    for (int i = 0; i < n; i++)
        if (strcmp(ev[i].kind, kind) == 0) {
            *out = ev[i];
            found = 1;
        }
    return found;
}

/* Armed malfunctions come when their trigger does: the engine passing
 * 400 ft on the climb-out (the first frame at or above it), the brakes at
 * 40 kt on the take-off roll, the pitot 5 s after arming; each told as
 * armed, then as a malfunction; nothing before. */
static void an_armed_malfunction_comes_with_its_trigger(void **state)
{
    (void)state;
    run r;
    start(&r, "super-mushak/takeoff-and-departure", "reference", NULL);
    saqr_err err;
    err_clear(&err);
    uint64_t cursor = 0;
    rec_event ev;
    assert_int_equal(sortie_arm_malfunction(r.s, MALF_ENGINE_FAILURE, TRIG_AGL_ABOVE, 400.0, &err), SAQR_OK);
    assert_int_equal(sortie_arm_malfunction(r.s, MALF_BRAKE_FAILURE, TRIG_IAS_ABOVE, 40.0, &err), SAQR_OK);
    assert_true(newest_event(&r, &cursor, "malfunction-armed", &ev));
    assert_string_equal(ev.text, "brake-failure, accelerating through 40 kt");
    double v;
    assert_int_equal(sortie_malfunction_armed(r.s, MALF_ENGINE_FAILURE, &v), TRIG_AGL_ABOVE);
    assert_near(v, 400.0, 0.0);
    double ias_at_brakes = NAN, agl_before = NAN, agl_at_engine = NAN;
    for (int k = 0; k < 120 * 200 && isnan(agl_at_engine); k++) {
        double agl = get(&r, "position/h-agl-ft"), ias = get(&r, "velocities/vc-kts");
        assert_int_equal(sortie_frame(r.s, &err), 0);
        unsigned m = sortie_malfunctions(r.s);
        if (isnan(ias_at_brakes) && (m >> MALF_BRAKE_FAILURE & 1u))
            ias_at_brakes = ias; /* the speed the frame it came began with */
        if (m >> MALF_ENGINE_FAILURE & 1u) {
            agl_at_engine = agl;
        } else {
            agl_before = agl;
            assert_true(agl < 400.0);
        }
    }
    print_message("armed: brakes failed at %.2f kt, the engine at %.2f ft (the frame before %.2f)\n", ias_at_brakes,
                  agl_at_engine, agl_before);
    assert_true(ias_at_brakes >= 40.0 && ias_at_brakes < 41.0);
    assert_true(agl_at_engine >= 400.0 && agl_at_engine < 402.0);
    assert_int_equal(sortie_malfunction_armed(r.s, MALF_ENGINE_FAILURE, &v), TRIG_NONE);
    assert_true(isnan(v));
    assert_true(newest_event(&r, &cursor, "malfunction", &ev));
    assert_string_equal(ev.text, "engine-failure");

    /* 5 s of simulated time on */
    assert_int_equal(sortie_arm_malfunction(r.s, MALF_PITOT_BLOCKED, TRIG_AFTER_S, 5.0, &err), SAQR_OK);
    fly(&r, 4.9);
    assert_int_equal(sortie_malfunction_armed(r.s, MALF_PITOT_BLOCKED, &v), TRIG_AFTER_S);
    assert_near(v, 0.1, 0.01);
    assert_near(sortie_malfunction_armed_with(r.s, MALF_PITOT_BLOCKED), 5.0, 0.0); /* as set, for a scenario */
    assert_true(isnan(sortie_malfunction_armed_with(r.s, MALF_ENGINE_FAILURE))); /* not armed */
    assert_false(sortie_malfunctions(r.s) >> MALF_PITOT_BLOCKED & 1u);
    fly(&r, 0.2);
    assert_true(sortie_malfunctions(r.s) >> MALF_PITOT_BLOCKED & 1u);
    finish(&r);
}

/* What cannot be armed is refused with the reason, and nothing is armed:
 * a failure this aircraft cannot have, a value outside its trigger's
 * range (or not a number), no trigger, one already in; clearing an armed
 * malfunction disarms it. */
static void an_armed_malfunction_is_refused_or_disarmed_as_the_instructor_would_expect(void **state)
{
    (void)state;
    run r;
    start(&r, "super-mushak/straight-and-level", "reference", NULL);
    saqr_err err;
    struct {
        sortie_malfunction m;
        sortie_trigger t;
        double value;
        const char *says;
    } bad[] = {
        {MALF_GEAR_FAILURE, TRIG_AFTER_S, 10.0, "landing gear is fixed"},
        {MALF_FCS_DEGRADED, TRIG_AGL_BELOW, 500.0, "no fly-by-wire"},
        {MALF_FUEL_LEAK, TRIG_AFTER_S, 0.5, "after-s 0.5 is outside 1..3600"},
        {MALF_FUEL_LEAK, TRIG_AFTER_S, 4000.0, "outside 1..3600"},
        {MALF_FUEL_LEAK, TRIG_AGL_ABOVE, -1.0, "outside 0..60000"},
        {MALF_FUEL_LEAK, TRIG_IAS_ABOVE, NAN, "ias-above-kt nan is outside"},
        {MALF_FUEL_LEAK, TRIG_NONE, 10.0, "trigger 0 does not exist"},
        {MALF_FUEL_LEAK, TRIG_COUNT, 10.0, "does not exist"},
        {(sortie_malfunction)MALF_COUNT, TRIG_AFTER_S, 10.0, "does not exist"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        err_clear(&err);
        assert_int_equal(sortie_arm_malfunction(r.s, bad[i].m, bad[i].t, bad[i].value, &err), SAQR_EINVAL);
        if (!strstr(err.msg, bad[i].says))
            fail_msg("case %zu: \"%s\" lacks \"%s\"", i, err.msg, bad[i].says);
        for (int m = 0; m < MALF_COUNT; m++)
            assert_int_equal(sortie_malfunction_armed(r.s, (sortie_malfunction)m, NULL), TRIG_NONE);
    }
    insert(&r, MALF_ATTITUDE_FAILURE, 1);
    err_clear(&err);
    assert_int_equal(sortie_arm_malfunction(r.s, MALF_ATTITUDE_FAILURE, TRIG_AFTER_S, 10.0, &err), SAQR_EINVAL);
    assert_non_null(strstr(err.msg, "already in"));
    /* armed, then cleared before it came: it does not come */
    assert_int_equal(sortie_arm_malfunction(r.s, MALF_FUEL_LEAK, TRIG_AFTER_S, 2.0, &err), SAQR_OK);
    insert(&r, MALF_FUEL_LEAK, 0);
    assert_int_equal(sortie_malfunction_armed(r.s, MALF_FUEL_LEAK, NULL), TRIG_NONE);
    fly(&r, 3.0);
    assert_false(sortie_malfunctions(r.s) >> MALF_FUEL_LEAK & 1u);
    /* armed again, it replaces the first arming */
    assert_int_equal(sortie_arm_malfunction(r.s, MALF_FUEL_LEAK, TRIG_AFTER_S, 100.0, &err), SAQR_OK);
    assert_int_equal(sortie_arm_malfunction(r.s, MALF_FUEL_LEAK, TRIG_AFTER_S, 1.0, &err), SAQR_OK);
    fly(&r, 1.1);
    assert_true(sortie_malfunctions(r.s) >> MALF_FUEL_LEAK & 1u);
    finish(&r);
}

static void the_running_marks_end_as_the_final_sheet(void **state)
{
    (void)state;
    run r;
    start(&r, "super-mushak/steep-turns", "reference", NULL);
    grade_mark marks[32];
    double ratios[32];
    int n = sortie_running_marks(r.s, marks, ratios, 32);
    int total = 0;
    for (int i = 0; i < r.l.nexercises; i++)
        total += r.l.exercises[i].ngrades;
    assert_int_equal(n, total);
    for (int i = 0; i < n; i++) {
        assert_int_equal(marks[i], MARK_NOT_OBSERVED);
        assert_true(isnan(ratios[i]));
    }
    assert_int_equal(sortie_running_marks(r.s, marks, ratios, 2), total); /* fills 2, counts all */
    assert_ptr_equal(sortie_lesson(r.s), &r.l);
    saqr_err err;
    err_clear(&err);
    int running = -1, seen_running = 0;
    while (sortie_frame(r.s, &err) == 0) {
        int ex = sortie_exercise(r.s, &running);
        assert_true(ex >= -1 && ex < r.l.nexercises);
        seen_running |= running;
    }
    assert_true(seen_running);
    assert_int_equal(sortie_exercise(r.s, &running), -1);
    n = sortie_running_marks(r.s, marks, ratios, 32);
    grade_sheet sh;
    double flown;
    assert_int_equal(sortie_end(r.s, &sh, &flown, &err), SAQR_OK);
    /* the lesson's item for the instructor (the clearing turn) follows */
    assert_int_equal(sh.nelements, n + 1);
    assert_true(sh.elements[n].by_instructor);
    for (int i = 0; i < n; i++) {
        assert_int_equal(marks[i], sh.elements[i].mark);
        assert_true(ratios[i] == sh.elements[i].ratio);
        assert_false(sh.elements[i].by_instructor);
    }
    sheet_free(&sh);
    lesson_free(&r.l);
}

/* Frames with the stick held full forward until the sortie is held at a
 * crash, ends, or 40 s go by; sortie_frame's last return. */
static int dive(run *r)
{
    saqr_err err;
    err_clear(&err);
    int st = 0;
    for (long k = 0; k < (long)(40.0 / saqr_fdm_dt(r->f)) && st == 0 && !sortie_crash_held(r->s); k++) {
        set(r, "fcs/elevator-cmd-norm", 1.0); /* JSBSim's elevator: positive pushes */
        st = sortie_frame(r->s, &err);
    }
    return st;
}

static void dive_until_held(run *r)
{
    if (dive(r) != 0)
        fail_msg("the sortie ended at t = %.1f s", saqr_fdm_time(r->f));
    assert_true(sortie_crash_held(r->s));
}

/* Crash freeze: a dive into the ground from final holds the sortie where
 * it crashed (frames fly nothing, time stands, the crash recorded once);
 * a rewind puts it back in the air to fly on; a second crash holds it
 * again, and a reposition lets it fly on too; the grade is Unsatisfactory
 * for the crash.  Without the freeze the crash ends the sortie. */
static void a_crash_holds_the_sortie_until_the_aircraft_is_placed_elsewhere(void **state)
{
    (void)state;
    run r;
    start(&r, "super-mushak/straight-and-level", "trainee", NULL);
    saqr_err err;
    err_clear(&err);
    assert_false(sortie_crash_held(r.s));
    sortie_crash_freeze(r.s, 1);
    assert_int_equal(sortie_rewind_enable(r.s, 1.0, &err), SAQR_OK);
    sortie_reposition rp = {REPO_FINAL, 1.0, NAN, NAN, NAN, "", ""};
    reposition(&r, &rp);
    fly(&r, 6.0);
    uint64_t cursor = 0;
    rec_event ev[SORTIE_EVENT_FEED];
    (void)sortie_take_events(r.s, &cursor, ev, SORTIE_EVENT_FEED);
    dive_until_held(&r);
    const double t_crash = saqr_fdm_time(r.f), h_crash = get(&r, "position/h-agl-ft");
    printf("crashed at t=%.2f s, %.1f ft above the ground\n", t_crash, h_crash);
    fly(&r, 2.0); /* held: nothing flies, time stands */
    assert_true(saqr_fdm_time(r.f) == t_crash);
    assert_true(get(&r, "position/h-agl-ft") == h_crash);
    int nev = sortie_take_events(r.s, &cursor, ev, SORTIE_EVENT_FEED), crashes = 0;
    for (int i = 0; i < nev; i++)
        crashes += strcmp(ev[i].kind, "crash") == 0;
    assert_int_equal(crashes, 1);
    double back = 0.0;
    assert_int_equal(sortie_rewind(r.s, 8.0, &back, &err), SAQR_OK);
    assert_false(sortie_crash_held(r.s));
    printf("rewound %.1f s: %.0f ft above the ground\n", back, get(&r, "position/h-agl-ft"));
    assert_true(get(&r, "position/h-agl-ft") > 100.0);
    set(&r, "fcs/elevator-cmd-norm", 0.0);
    fly(&r, 0.5); /* it flies on, time runs */
    assert_true(saqr_fdm_time(r.f) > t_crash + 0.4);
    assert_false(sortie_crash_held(r.s));
    dive_until_held(&r); /* again: held again */
    reposition(&r, &rp);
    assert_false(sortie_crash_held(r.s));
    set(&r, "fcs/elevator-cmd-norm", 0.0);
    fly(&r, 1.0);
    grade_sheet sh;
    double flown;
    assert_int_equal(sortie_end(r.s, &sh, &flown, &err), SAQR_OK);
    printf("%s: %s\n", sheet_result_name(sh.result), sh.summary);
    assert_int_equal(sh.result, SORTIE_UNSAT);
    assert_non_null(strstr(sh.summary, "Crashed at"));
    sheet_free(&sh);
    lesson_free(&r.l);
    /* without the freeze, the sortie ends at the crash */
    start(&r, "super-mushak/straight-and-level", "trainee", NULL);
    reposition(&r, &rp);
    assert_int_equal(dive(&r), 1);
    assert_false(sortie_crash_held(r.s));
    finish(&r);
}

/* Fuel freeze: the engine burns nothing while it is on (every tank keeps
 * its contents to the bit), a recall of a snapshot taken before it leaves
 * it on, and released the burn resumes; both told as events. */
static void fuel_freeze_stops_the_burn_and_outlasts_a_recall(void **state)
{
    (void)state;
    run r;
    start(&r, "super-mushak/straight-and-level", "trainee", NULL);
    saqr_err err;
    err_clear(&err);
    fly(&r, 2.0);
    assert_int_equal(sortie_snapshot_take(r.s, 1, &err), SAQR_OK);
    uint64_t cursor = 0;
    rec_event ev[SORTIE_EVENT_FEED];
    (void)sortie_take_events(r.s, &cursor, ev, SORTIE_EVENT_FEED);
    assert_false(sortie_fuel_frozen(r.s));
    sortie_freeze_fuel(r.s, 1);
    assert_true(sortie_fuel_frozen(r.s));
    const double frozen_lbs = get(&r, "propulsion/total-fuel-lbs");
    fly(&r, 30.0);
    assert_true(get(&r, "propulsion/total-fuel-lbs") == frozen_lbs);
    assert_int_equal(sortie_snapshot_recall(r.s, 1, &err), SAQR_OK);
    assert_true(sortie_fuel_frozen(r.s)); /* an instructor's setting: kept */
    const double recalled_lbs = get(&r, "propulsion/total-fuel-lbs");
    fly(&r, 10.0);
    assert_true(get(&r, "propulsion/total-fuel-lbs") == recalled_lbs);
    sortie_freeze_fuel(r.s, 0);
    fly(&r, 10.0);
    /* the Super Mushak's O-540 at cruise burns some 90 lb an hour: a
     * quarter of a pound in 10 s */
    const double burnt = recalled_lbs - get(&r, "propulsion/total-fuel-lbs");
    printf("released: %.2f lb burnt in 10 s\n", burnt);
    assert_true(burnt > 0.1);
    int n = sortie_take_events(r.s, &cursor, ev, SORTIE_EVENT_FEED), seen = 0;
    for (int i = 0; i < n; i++)
        if (strcmp(ev[i].kind, "fuel-freeze") == 0)
            assert_true(ev[i].value == (seen++ == 0 ? 1.0 : 0.0));
    assert_int_equal(seen, 2);
    finish(&r);
}

/* A note with nothing in it, or what a recording cannot hold, is
 * refused naming why, and nothing is recorded. */
static void bad_notes_are_refused_and_record_nothing(void **state)
{
    (void)state;
    run r;
    start(&r, "super-mushak/straight-and-level", "trainee", NULL);
    fly(&r, 0.5);
    char long_note[SORTIE_NOTE_MAX + 2];
    memset(long_note, 'x', sizeof long_note - 1);
    long_note[sizeof long_note - 1] = '\0';
    static const struct { const char *text, *says; } bad[] = {
        {"", "nothing written"},         {"   ", "nothing written"},     {"tab\there", "control character at byte 4"},
        {"line\nbreak", "control"},      {"\xc3\x28", "not UTF-8"},    {"\xed\xa0\x80 surrogate", "not UTF-8"},
        {NULL, "no text"},
    };
    uint64_t cursor = 0;
    rec_event ev[SORTIE_EVENT_FEED];
    (void)sortie_take_events(r.s, &cursor, ev, SORTIE_EVENT_FEED);
    saqr_err err;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        err_clear(&err);
        assert_int_equal(sortie_note(r.s, bad[i].text, &err), SAQR_EINVAL);
        if (!strstr(err.msg, bad[i].says))
            fail_msg("note %zu: \"%s\", wanted \"%s\"", i, err.msg, bad[i].says);
    }
    assert_int_equal(sortie_note(r.s, long_note, &err), SAQR_EINVAL);
    assert_non_null(strstr(err.msg, "at most 150"));
    assert_int_equal(sortie_take_events(r.s, &cursor, ev, SORTIE_EVENT_FEED), 0);
    long_note[SORTIE_NOTE_MAX] = '\0'; /* exactly the most */
    assert_int_equal(sortie_note(r.s, long_note, &err), SAQR_OK);
    assert_int_equal(sortie_take_events(r.s, &cursor, ev, SORTIE_EVENT_FEED), 1);
    assert_string_equal(ev[0].kind, "note");
    assert_string_equal(ev[0].text, long_note);
    /* a scenario's name the same way, to its own length */
    char long_name[SORTIE_SCENARIO_NAME_MAX + 2];
    memset(long_name, 's', sizeof long_name - 1);
    long_name[sizeof long_name - 1] = '\0';
    assert_int_equal(sortie_scenario_applied(r.s, long_name, &err), SAQR_EINVAL);
    assert_non_null(strstr(err.msg, "scenario: 64 bytes, at most 63"));
    assert_int_equal(sortie_scenario_applied(r.s, "a\tb", &err), SAQR_EINVAL);
    assert_non_null(strstr(err.msg, "scenario: a control character at byte 2"));
    assert_int_equal(sortie_take_events(r.s, &cursor, ev, SORTIE_EVENT_FEED), 0);
    finish(&r);
}

static void every_instructor_action_is_recorded_as_an_event(void **state)
{
    (void)state;
    char path[] = "/tmp/saqr-ctl-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    run r;
    start(&r, "super-mushak/straight-and-level", "trainee", path);
    saqr_err serr;
    err_clear(&serr);
    assert_int_equal(sortie_rewind_enable(r.s, 1.0, &serr), SAQR_OK);
    fly(&r, 1.0);
    insert(&r, MALF_PITOT_BLOCKED, 1);
    fly(&r, 1.0);
    insert(&r, MALF_PITOT_BLOCKED, 0);
    sortie_weather w = no_change();
    w.wind_kt = 12.0;
    weather(&r, &w);
    sortie_freeze_position(r.s, 1);
    fly(&r, 1.0);
    sortie_reposition rp = {REPO_FINAL, 2.0, NAN, NAN, NAN, "", ""};
    reposition(&r, &rp);
    fly(&r, 1.0);
    assert_int_equal(sortie_snapshot_take(r.s, 1, &serr), SAQR_OK);
    fly(&r, 1.0);
    assert_int_equal(sortie_snapshot_recall(r.s, 1, &serr), SAQR_OK);
    fly(&r, 1.5);
    assert_int_equal(sortie_rewind(r.s, 1.0, NULL, &serr), SAQR_OK);
    assert_int_equal(sortie_note(r.s, "late flare \xe2\x80\x94 floated", &serr), SAQR_OK);
    assert_int_equal(sortie_scenario_applied(r.s, "EFATO, crosswind 300/15G25", &serr), SAQR_OK);
    fly(&r, 1.0);
    finish(&r);
    rec_data d;
    saqr_err err;
    err_clear(&err);
    assert_int_equal(rec_read(path, &d, &err), SAQR_OK);
    const char *want[][2] = {{"malfunction", "pitot-blocked"}, {"malfunction-cleared", "pitot-blocked"},
                             {"weather", NULL}, {"freeze", NULL}, {"reposition", NULL}, {"snapshot", NULL},
                             {"recall", NULL}, {"rewind", NULL}, {"note", "late flare \xe2\x80\x94 floated"},
                             {"scenario", "EFATO, crosswind 300/15G25"}};
    enum { NWANT = sizeof want / sizeof want[0] };
    size_t k = 0;
    double t_prev = -1.0;
    for (size_t i = 0; i < d.nevents; i++) {
        const rec_event *e = &d.events[i];
        assert_true(e->t_s >= t_prev);
        t_prev = e->t_s;
        if (k < NWANT && strcmp(e->kind, want[k][0]) == 0 && (!want[k][1] || strcmp(e->text, want[k][1]) == 0))
            k++;
    }
    assert_int_equal(k, NWANT);
    /* the recorded time never goes back, across the reposition too */
    int tch = rec_channel_index(&d, "t-s");
    for (size_t i = 1; i < d.nframes; i++)
        assert_true(rec_value(&d, i, tch) > rec_value(&d, i - 1, tch));
    rec_data_free(&d);
    unlink(path);
}

/* The sky (what the visuals show): a lesson without <sky> starts on a
 * clear day at noon with 30 km; a change of the sky alone is recorded as
 * a "sky" event in words and leaves the flight model's atmosphere and the
 * "weather" events alone; a lesson's <sky> is where its sortie starts. */
static void the_sky_is_the_lessons_and_its_changes_are_recorded_apart(void **state)
{
    (void)state;
    char path[] = "/tmp/saqr-sky-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    run r;
    start(&r, "super-mushak/straight-and-level", "trainee", path);
    sortie_weather w0;
    sortie_get_weather(r.s, &w0);
    assert_true(w0.visibility_m == 30000.0 && w0.cloud_cover == 0.0 && w0.time_of_day == 2.0);
    fly(&r, 1.0);
    double wn = get(&r, "atmosphere/wind-north-fps"), psl = get(&r, "atmosphere/P-sl-psf");
    sortie_weather w = no_change();
    w.visibility_m = 1500.0;
    w.cloud_cover = 4.0;
    w.cloud_base_ft = 400.0;
    w.time_of_day = 5.0;
    weather(&r, &w);
    fly(&r, 1.0);
    assert_true(get(&r, "atmosphere/wind-north-fps") == wn);
    assert_true(get(&r, "atmosphere/P-sl-psf") == psl);
    sortie_weather now;
    sortie_get_weather(r.s, &now);
    assert_true(now.visibility_m == 1500.0 && now.cloud_cover == 4.0 && now.cloud_base_ft == 400.0 &&
                now.time_of_day == 5.0 && now.wind_kt == w0.wind_kt);
    weather(&r, &w); /* the same again: no second event */
    fly(&r, 0.5);
    finish(&r);
    rec_data d;
    saqr_err err;
    err_clear(&err);
    assert_int_equal(rec_read(path, &d, &err), SAQR_OK);
    int sky = 0, wx = 0;
    for (size_t i = 0; i < d.nevents; i++) {
        if (strcmp(d.events[i].kind, "sky") == 0) {
            assert_string_equal(d.events[i].text, "visibility 1500 m, overcast at 400 ft, evening");
            sky++;
        }
        wx += strcmp(d.events[i].kind, "weather") == 0;
    }
    rec_data_free(&d);
    unlink(path);
    assert_int_equal(sky, 1);
    assert_int_equal(wx, 0);

    /* the missed approach's lesson sets its own sky */
    start(&r, "jf17/missed-approach", "trainee", NULL);
    sortie_get_weather(r.s, &now);
    assert_true(now.cloud_cover == 4.0 && now.cloud_base_ft == 150.0 && now.visibility_m == 800.0);
    finish(&r);
}

static void instruments_are_all_filled_and_nan_only_where_the_aircraft_has_none(void **state)
{
    (void)state;
    run r;
    start(&r, "super-mushak/straight-and-level", "trainee", NULL);
    fly(&r, 1.0);
    sortie_instruments in = instruments(&r);
    double all[] = {in.t_s, in.ias_kt, in.alt_ft, in.vs_fpm, in.pitch_deg, in.roll_deg, in.heading_deg,
                    in.turn_rate_dps, in.slip, in.mach, in.nz_g, in.alpha_deg, in.agl_ft, in.gs_kt, in.track_deg,
                    in.lat_deg, in.lon_deg, in.qnh_hpa, in.rpm, in.manifold_inhg, in.egt_c, in.fuel_flow_pph,
                    in.fuel_kg, in.elevator, in.aileron, in.rudder, in.throttle, in.flaps, in.gear, in.brake};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        if (!isfinite(all[i]))
            fail_msg("instrument %zu of the Super Mushak is not finite", i);
    assert_true(isnan(in.n1_pct) && isnan(in.n2_pct));
    assert_near(in.nz_g, 1.0, 0.1);
    assert_near(in.slip, 0.0, 0.1);
    assert_true(in.rpm > 2000.0 && in.manifold_inhg > 10.0 && in.fuel_flow_pph > 20.0 && in.egt_c > 300.0);
    assert_near(in.t_s, get(&r, "simulation/sim-time-sec"), 0.0);
    /* a rudder kick: the ball goes the other way (skid outwards) */
    fly_holding(&r, 1.0, "fcs/rudder-cmd-norm", 0.6);
    sortie_instruments k = instruments(&r);
    printf("rudder: ball %.2f, turn %.2f deg/s\n", k.slip, k.turn_rate_dps);
    /* a skid: the ball goes to the outside of the turn */
    assert_true(fabs(k.slip) > 0.05 && fabs(k.turn_rate_dps) > 0.5);
    assert_true(k.slip * k.turn_rate_dps < 0.0);
    finish(&r);

    start(&r, "jf17/level-acceleration", "trainee", NULL);
    fly(&r, 1.0);
    in = instruments(&r);
    assert_true(isnan(in.rpm) && isnan(in.manifold_inhg) && isnan(in.egt_c));
    assert_true(in.n1_pct > 30.0 && in.n2_pct > 60.0 && in.fuel_flow_pph > 100.0 && in.fuel_kg > 100.0);
    finish(&r);
}

/* ------------------------------------------------------------ library */

static void the_flight_library_moves_and_replaces_an_aircraft_mid_flight(void **state)
{
    (void)state;
    run r;
    start(&r, "super-mushak/straight-and-level", "trainee", NULL);
    fly(&r, 3.0);
    const char *keep[] = {"velocities/v-north-fps", "velocities/v-east-fps", "velocities/v-down-fps",
                          "attitude/phi-deg", "attitude/theta-deg", "attitude/psi-deg", "velocities/p-rad_sec",
                          "velocities/q-rad_sec", "velocities/r-rad_sec", "velocities/vc-kts"};
    double before[10];
    for (int i = 0; i < 10; i++)
        before[i] = get(&r, keep[i]);
    double t = saqr_fdm_time(r.f), lat = get(&r, "position/lat-geod-deg"), lon = get(&r, "position/long-gc-deg");
    double alt = get(&r, "position/h-sl-ft");

    /* capture + reposition: the same state, the same time */
    assert_int_equal(saqr_fdm_capture_ic(r.f), SAQR_OK);
    assert_near(get(&r, "ic/h-sl-ft"), alt, 1e-6);
    assert_near(get(&r, "ic/lat-geod-deg"), lat, 1e-12);
    assert_int_equal(saqr_fdm_reposition(r.f), SAQR_OK);
    assert_true(saqr_fdm_time(r.f) == t);
    assert_near(get(&r, "position/lat-geod-deg"), lat, 1e-11);
    assert_near(get(&r, "position/long-gc-deg"), lon, 1e-11);
    assert_near(get(&r, "position/h-sl-ft"), alt, 1e-4);
    for (int i = 0; i < 10; i++)
        assert_near(get(&r, keep[i]), before[i], 1e-6 * fmax(1.0, fabs(before[i])));
    /* a change on top applies alone */
    set(&r, "ic/h-sl-ft", alt + 500.0);
    assert_int_equal(saqr_fdm_reposition(r.f), SAQR_OK);
    assert_near(get(&r, "position/h-sl-ft"), alt + 500.0, 1e-4);
    assert_near(get(&r, "position/lat-geod-deg"), lat, 1e-11);
    assert_near(get(&r, "velocities/v-north-fps"), before[0], 1e-6 * fabs(before[0]) + 1e-9);

    /* move_to: one nautical mile north, 1,000 ft up; all else kept */
    double lat2 = lat + 1.0 / 60.0;
    assert_int_equal(saqr_fdm_move_to(r.f, lat2, lon, alt + 1000.0), SAQR_OK);
    assert_near(get(&r, "position/lat-geod-deg"), lat2, 1e-10);
    assert_near(get(&r, "position/long-gc-deg"), lon, 1e-10);
    assert_near(get(&r, "position/h-sl-ft"), alt + 1000.0, 1e-4);
    for (int i = 0; i < 9; i++)
        assert_near(get(&r, keep[i]), before[i], 1e-6 * fmax(1.0, fabs(before[i])));
    assert_true(saqr_fdm_time(r.f) == t);
    assert_int_equal(saqr_fdm_move_to(r.f, 91.0, lon, alt), SAQR_EINVAL);
    assert_int_equal(saqr_fdm_move_to(r.f, lat, NAN, alt), SAQR_EINVAL);
    assert_int_equal(saqr_fdm_move_to(r.f, lat, lon, INFINITY), SAQR_EINVAL);
    assert_near(get(&r, "position/lat-geod-deg"), lat2, 1e-10);
    /* and it flies on from there */
    fly(&r, 2.0);
    assert_near(get(&r, "position/h-sl-ft"), alt + 1000.0, 100.0);
    finish(&r);

    saqr_fdm *f = saqr_fdm_create(NULL);
    assert_int_equal(saqr_fdm_capture_ic(f), SAQR_ESTATE);
    assert_int_equal(saqr_fdm_reposition(f), SAQR_ESTATE);
    assert_int_equal(saqr_fdm_move_to(f, 0, 0, 0), SAQR_ESTATE);
    saqr_fdm_destroy(f);
}

static void sea_level_pressure_is_writable_and_scales_the_pressure_aloft(void **state)
{
    (void)state;
    saqr_fdm *f = saqr_fdm_create(NULL);
    assert_int_equal(saqr_fdm_load_aircraft(f, SAQR_ROOT_DIR, "super-mushak"), SAQR_OK);
    int h = saqr_fdm_property(f, "ic/h-sl-ft"), psl = saqr_fdm_property(f, "atmosphere/P-sl-psf");
    int p = saqr_fdm_property(f, "atmosphere/P-psf"), delta = saqr_fdm_property(f, "atmosphere/delta");
    assert_int_equal(saqr_fdm_set(f, h, 8000.0), SAQR_OK);
    assert_int_equal(saqr_fdm_init(f), SAQR_OK);
    assert_near(saqr_fdm_get(f, psl), 2116.228, 0.0);
    double p_std = saqr_fdm_get(f, p);
    /* US 1976 at 8,000 ft: 1571.9 psf */
    assert_near(p_std, 1571.9, 1.0);
    assert_int_equal(saqr_fdm_set(f, psl, 2116.228 * 1.02), SAQR_OK);
    assert_int_equal(saqr_fdm_step(f), SAQR_OK);
    assert_near(saqr_fdm_get(f, psl), 2116.228 * 1.02, 1e-9);
    assert_near(saqr_fdm_get(f, p) / p_std, 1.02, 1e-3);
    assert_near(saqr_fdm_get(f, delta), saqr_fdm_get(f, p) / saqr_fdm_get(f, psl), 1e-12);
    /* simulation/reset brings the standard day back (JSBSim's InitModel) */
    assert_int_equal(saqr_fdm_init(f), SAQR_OK);
    assert_near(saqr_fdm_get(f, psl), 2116.228, 0.0);
    saqr_fdm_destroy(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(malfunction_names_go_both_ways_and_unknown_ones_are_refused),
        cmocka_unit_test(a_failed_engine_winds_down_and_the_aircraft_slows),
        cmocka_unit_test(a_cleared_engine_failure_lets_the_engine_run_again),
        cmocka_unit_test(partial_power_gives_about_half_the_power_of_full),
        cmocka_unit_test(a_reheat_failure_puts_the_afterburner_out_and_keeps_it_out),
        cmocka_unit_test(an_fcs_degradation_puts_the_fly_by_wire_in_its_direct_law),
        cmocka_unit_test(a_blocked_pitot_reads_as_an_altimeter),
        cmocka_unit_test(an_unheated_pitot_ices_over_in_icing_and_thaws_with_heat),
        cmocka_unit_test(a_blocked_static_port_freezes_the_altimeter),
        cmocka_unit_test(a_failed_gear_stays_where_it_is),
        cmocka_unit_test(the_ils_needles_follow_its_coverage),
        cmocka_unit_test(a_leaking_tank_loses_one_percent_of_the_fuel_a_minute),
        cmocka_unit_test(an_exercises_malfunction_reaches_a_trainee),
        cmocka_unit_test(the_airspeed_formula_is_the_compressible_one),
        cmocka_unit_test(a_failed_attitude_indicator_stays_put_while_the_aircraft_rolls),
        cmocka_unit_test(failed_flaps_do_not_follow_a_new_command),
        cmocka_unit_test(with_failed_brakes_the_aircraft_rolls_on),
        cmocka_unit_test(wind_changes_the_ground_speed_by_its_component),
        cmocka_unit_test(gusts_blow_above_the_mean_wind_the_same_way_every_time),
        cmocka_unit_test(turbulence_levels_drive_the_milspec_model),
        cmocka_unit_test(the_altimeter_moves_about_28_ft_per_hpa_of_setting),
        cmocka_unit_test(the_altimeter_set_to_qnh_reads_true_and_temperature_errs_the_right_way),
        cmocka_unit_test(bad_weather_values_are_refused_and_change_nothing),
        cmocka_unit_test(icing_grows_in_supercooled_air_and_sheds_above_freezing),
        cmocka_unit_test(a_lessons_ice_stays_on_a_cold_day),
        cmocka_unit_test(rain_wets_the_runway_and_the_stop_takes_longer),
        cmocka_unit_test(the_load_changes_the_weight_and_the_cg_by_the_moment_balance),
        cmocka_unit_test(reposition_on_final_puts_the_aircraft_on_a_3_degree_slope_and_time_runs_on),
        cmocka_unit_test(the_approach_plot_is_where_the_final_is),
        cmocka_unit_test(reposition_to_the_threshold_and_airborne),
        cmocka_unit_test(reposition_to_another_runway_makes_it_the_sorties),
        cmocka_unit_test(a_reposition_that_cannot_be_trimmed_leaves_the_aircraft_where_it_was),
        cmocka_unit_test(a_recalled_snapshot_puts_the_aircraft_back_as_it_was),
        cmocka_unit_test(after_a_recall_the_flight_repeats_the_flight_after_the_snapshot),
        cmocka_unit_test(a_recall_puts_gear_and_flaps_back_and_keeps_the_weather),
        cmocka_unit_test(a_rewind_takes_the_aircraft_back_along_its_flight),
        cmocka_unit_test(a_rewind_with_a_copy_every_second_goes_back_within_a_second),
        cmocka_unit_test(a_crash_holds_the_sortie_until_the_aircraft_is_placed_elsewhere),
        cmocka_unit_test(a_wing_tip_strike_with_the_wheels_up_is_a_crash),
        cmocka_unit_test(bad_notes_are_refused_and_record_nothing),
        cmocka_unit_test(fuel_freeze_stops_the_burn_and_outlasts_a_recall),
        cmocka_unit_test(bad_reposition_values_are_refused_and_change_nothing),
        cmocka_unit_test(position_freeze_holds_the_place_while_the_aircraft_flies),
        cmocka_unit_test(a_lessons_own_engine_failure_shows_as_the_malfunction),
        cmocka_unit_test(an_armed_malfunction_comes_with_its_trigger),
        cmocka_unit_test(an_armed_malfunction_is_refused_or_disarmed_as_the_instructor_would_expect),
        cmocka_unit_test(the_running_marks_end_as_the_final_sheet),
        cmocka_unit_test(every_instructor_action_is_recorded_as_an_event),
        cmocka_unit_test(the_sky_is_the_lessons_and_its_changes_are_recorded_apart),
        cmocka_unit_test(instruments_are_all_filled_and_nan_only_where_the_aircraft_has_none),
        cmocka_unit_test(the_flight_library_moves_and_replaces_an_aircraft_mid_flight),
        cmocka_unit_test(sea_level_pressure_is_writable_and_scales_the_pressure_aloft),
    };
    return cmocka_run_group_tests(tests, airports_setup, airports_teardown);
}
