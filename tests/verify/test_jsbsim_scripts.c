/*
 * test_jsbsim_scripts.c - flies every script of the shared JSBSim root in
 * Saqr and compares the trajectory with JSBSim's own output
 * (../shared/reference/jsbsim/expected/SCRIPT.csv, 20 Hz).
 *
 * Targets (issue 3): altitude within 5 ft, airspeeds within 0.5 kt,
 * attitude angles within 0.5 deg, engine RPM within 10 rpm over the whole
 * run of the in-flight c172x scripts; the same once airborne for take-off
 * and F-16 scripts, and event times within 0.5 s.  Each script's table of
 * largest differences is printed so the margin is visible, not only
 * pass/fail.
 *
 * A script that resets (simulation/reset) starts a new JSBSim run whose
 * output continues in SCRIPT_0.csv, SCRIPT_1.csv ...: Saqr's clock going
 * back to zero moves the comparison on to the next segment.
 *
 * Events are found the same way in both trajectories, from the CSV
 * columns at the 20 Hz rows: the first row where a column exceeds a
 * threshold (optionally relative to its value at t = 0).  None of the
 * scripts retracts the landing gear (nothing writes gear/gear-cmd-norm),
 * so there is no gear-retraction event to time.
 *
 * Scripts that trim in flight are flown twice: with Saqr's quick trim
 * (the default, trim_newton.c), held to the targets, and with JSBSim's
 * FGTrim reproduced (simulation/trim-fgtrim = 1), held to a fifth of
 * them: the quick trim lands elsewhere inside FGTrim's tolerances, and
 * the lateral axes carry that difference into the flight.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "check/csv_table.h"
#include "saqr.h"

#define EVENT_TOL_S 0.5
#define AIRBORNE_AGL_FT 10.0
#define MAX_SEGMENTS 4
#define MAX_EVENTS 4

typedef struct target {
    const char *column;   /* property name without /fdm/jsbsim/          */
    double tol;           /* largest allowed difference                  */
    int angle_deg;        /* compare modulo 360                          */
} target;

static const target targets[] = {
    {"position/h-sl-ft", 5.0, 0},       {"velocities/vc-kts", 0.5, 0},
    {"velocities/vtrue-kts", 0.5, 0},   {"attitude/phi-deg", 0.5, 1},
    {"attitude/theta-deg", 0.5, 1},     {"attitude/psi-deg", 0.5, 1},
    {"propulsion/engine/engine-rpm", 10.0, 0},
};
#define NTARGETS (sizeof targets / sizeof targets[0])

/* The first row where `column` > threshold (+ its t = 0 value if
 * `relative`). */
typedef struct event_def {
    const char *name;
    const char *column;
    double threshold;
    int relative;
} event_def;

typedef struct segment {
    const char *csv;          /* expected/NAME.csv                          */
    double t_end_s;           /* compare up to here                         */
} segment;

typedef struct script_case {
    const char *script;       /* scripts/NAME.xml                           */
    segment seg[MAX_SEGMENTS];/* one per JSBSim run (resets), NULL-ended    */
    int airborne_only;        /* compare only while h-agl > 10 ft           */
    int until_impact;         /* stop at the first touchdown after flight   */
    event_def events[MAX_EVENTS]; /* NULL-ended                             */
    int enforce;              /* fail the test when a target is missed      */
    int fgtrim;               /* trim with FGTrim, to a fifth of the targets */
} script_case;

static const char *shared_dir(void)
{
    const char *s = getenv("SAQR_SHARED");
    return s ? s : "../shared";
}

static void quiet(void *user, const char *m)
{
    (void)user;
    (void)m;
}

typedef struct event_state {
    int col, slot;
    double start_ref, start_saqr;   /* values at t = 0 of the first segment */
    double t_ref, t_saqr;           /* NAN until found                      */
} event_state;

static int fly_and_compare(const script_case *sc)
{
    char root[1024], script[1200], expected[1200];
    snprintf(root, sizeof root, "%s/reference/jsbsim", shared_dir());
    snprintf(script, sizeof script, "%s/scripts/%s.xml", root, sc->script);

    int nseg = 0;
    csv_table ref[MAX_SEGMENTS];
    saqr_err err;
    for (; nseg < MAX_SEGMENTS && sc->seg[nseg].csv; nseg++) {
        snprintf(expected, sizeof expected, "%s/expected/%s.csv", root, sc->seg[nseg].csv);
        if (csv_read_file(expected, NULL, &ref[nseg], &err) != SAQR_OK) {
            print_message("skip %s: %s\n", sc->script, err.msg);
            for (int k = 0; k < nseg; k++)
                csv_free(&ref[k]);
            return 0;
        }
    }
    saqr_fdm *f = saqr_fdm_create(NULL);
    assert_non_null(f);
    saqr_fdm_set_log(f, quiet, NULL);
    saqr_status st = saqr_fdm_load_script(f, root, script);
    if (st == SAQR_OK && sc->fgtrim)
        st = saqr_fdm_set(f, saqr_fdm_property(f, "simulation/trim-fgtrim"), 1.0);
    if (st == SAQR_OK)
        st = saqr_fdm_init(f);
    if (st != SAQR_OK)
        fail_msg("%s: %s", sc->script, saqr_fdm_error(f));
    double tol_scale = sc->fgtrim ? 0.2 : 1.0;

    int col_ref[MAX_SEGMENTS][NTARGETS], slot[NTARGETS];
    double worst[NTARGETS], worst_t[NTARGETS];
    int worst_seg[NTARGETS];
    char name[300];
    for (size_t k = 0; k < NTARGETS; k++) {
        snprintf(name, sizeof name, "/fdm/jsbsim/%s", targets[k].column);
        for (int s = 0; s < nseg; s++)
            col_ref[s][k] = csv_column(&ref[s], name);
        slot[k] = saqr_fdm_property(f, targets[k].column);
        worst[k] = 0.0;
        worst_t[k] = 0.0;
        worst_seg[k] = 0;
    }
    int nev = 0;
    event_state ev[MAX_EVENTS];
    for (; nev < MAX_EVENTS && sc->events[nev].name; nev++) {
        snprintf(name, sizeof name, "/fdm/jsbsim/%s", sc->events[nev].column);
        ev[nev].col = csv_column(&ref[0], name);
        ev[nev].slot = saqr_fdm_property(f, sc->events[nev].column);
        assert_true(ev[nev].col >= 0 && ev[nev].slot >= 0);
        ev[nev].start_ref = csv_at(&ref[0], 0, (size_t)ev[nev].col);
        ev[nev].start_saqr = saqr_fdm_get(f, ev[nev].slot);
        ev[nev].t_ref = ev[nev].t_saqr = NAN;
    }

    double dt = saqr_fdm_dt(f);
    int seg = 0, was_airborne = 0, impact = 0;
    size_t row = 0;
    double t_prev = saqr_fdm_time(f);
    for (;;) {
        double t = saqr_fdm_time(f);
        if (t < t_prev - 0.5 * dt) { /* a reset: JSBSim's next output file */
            seg++;
            row = 0;
            if (seg >= nseg)
                break;
        }
        t_prev = t;
        const csv_table *r = &ref[seg];
        int agl_col = csv_column(r, "/fdm/jsbsim/position/h-agl-ft");
        while (row < r->nrows && csv_at(r, row, 0) < t - 0.5 * dt)
            row++;                      /* rows we stepped past */
        if (row < r->nrows && fabs(t - csv_at(r, row, 0)) <= 0.5 * dt && !impact) {
            double t_ref = csv_at(r, row, 0);
            int airborne = agl_col < 0 || csv_at(r, row, (size_t)agl_col) > AIRBORNE_AGL_FT;
            if (sc->until_impact && was_airborne && !airborne)
                impact = 1;
            was_airborne |= airborne;
            if (t_ref <= sc->seg[seg].t_end_s + 1e-9 && !impact && (!sc->airborne_only || airborne)) {
                for (size_t k = 0; k < NTARGETS; k++) {
                    if (col_ref[seg][k] < 0 || slot[k] < 0)
                        continue;
                    /* JSBSim writes its t = 0 row inside RunIC, before the
                     * initial conditions start the engines, and the state
                     * read here is after it: skip it for RPM (saqr run's
                     * files hold JSBSim's row; tests/system/run.sh). */
                    if (row == 0 && strstr(targets[k].column, "rpm"))
                        continue;
                    double d = saqr_fdm_get(f, slot[k]) - csv_at(r, row, (size_t)col_ref[seg][k]);
                    if (targets[k].angle_deg)
                        d = remainder(d, 360.0);
                    if (!(fabs(d) <= worst[k])) {
                        worst[k] = isnan(d) ? INFINITY : fabs(d);
                        worst_t[k] = t_ref;
                        worst_seg[k] = seg;
                    }
                }
            }
            if (seg == 0) {
                for (int e = 0; e < nev; e++) {
                    const event_def *d = &sc->events[e];
                    double vr = csv_at(r, row, (size_t)ev[e].col), vs = saqr_fdm_get(f, ev[e].slot);
                    double thr_r = d->threshold + (d->relative ? ev[e].start_ref : 0.0);
                    double thr_s = d->threshold + (d->relative ? ev[e].start_saqr : 0.0);
                    if (isnan(ev[e].t_ref) && vr > thr_r)
                        ev[e].t_ref = t_ref;
                    if (isnan(ev[e].t_saqr) && vs > thr_s)
                        ev[e].t_saqr = t_ref;
                }
            }
            row++;
        }
        if (saqr_fdm_script_done(f))
            break;
        if (saqr_fdm_step(f) != SAQR_OK)
            fail_msg("%s: step at t = %.3f: %s", sc->script, t, saqr_fdm_error(f));
    }

    int missed = 0;
    print_message("%s (%d run%s%s%s%s):\n", sc->script, nseg, nseg > 1 ? "s" : "",
                  sc->airborne_only ? ", airborne" : "", sc->until_impact ? ", until impact" : "",
                  sc->fgtrim ? ", FGTrim" : "");
    if (seg + 1 < nseg) {
        print_message("  only %d of %d runs flown (resets missing)\n", seg + 1, nseg);
        missed++;
    }
    for (size_t k = 0; k < NTARGETS; k++) {
        if (col_ref[0][k] < 0 || slot[k] < 0)
            continue;
        int ok = worst[k] <= tol_scale * targets[k].tol;
        missed += !ok;
        print_message("  %-32s max |diff| %10.4f at t = %7.2f s of run %d  (target %.1f) %s\n",
                      targets[k].column, worst[k], worst_t[k], worst_seg[k], tol_scale * targets[k].tol,
                      ok ? "ok" : "MISSED");
    }
    for (int e = 0; e < nev; e++) {
        double d = fabs(ev[e].t_saqr - ev[e].t_ref);
        int ok = d <= EVENT_TOL_S; /* also false when either never happened */
        missed += !ok;
        print_message("  event %-26s JSBSim %7.2f s, Saqr %7.2f s  (target %.1f s) %s\n", sc->events[e].name,
                      ev[e].t_ref, ev[e].t_saqr, EVENT_TOL_S, ok ? "ok" : "MISSED");
    }
    saqr_fdm_destroy(f);
    for (int k = 0; k < nseg; k++)
        csv_free(&ref[k]);
    return sc->enforce ? missed : 0;
}

#define ALL 1e9

/* In flight: trim at 1 s, autopilot from 5 s, a cosine gust at 10-21 s,
 * then two resets (t = 25 s) that change atmosphere/delta-T to -36 and
 * +36 K and fly again; the last run ends at 40 s. */
static void c172_cruise_and_its_resets_match_jsbsim(void **state)
{
    (void)state;
    script_case sc = {"c172_cruise_8K",
                      {{"c172_cruise_8K", ALL}, {"c172_cruise_8K_0", ALL}, {"c172_cruise_8K_1", ALL}},
                      0, 0, {{0}}, 1, 0};
    assert_int_equal(fly_and_compare(&sc), 0);
    sc.fgtrim = 1;
    assert_int_equal(fly_and_compare(&sc), 0);
}

static void c172_elevator_doublet_matches_jsbsim(void **state)
{
    (void)state;
    script_case sc = {"c172_elevator_doublet", {{"c172_elevator_doublet", ALL}}, 0, 0, {{0}}, 1, 0};
    assert_int_equal(fly_and_compare(&sc), 0);
    sc.fgtrim = 1;
    assert_int_equal(fly_and_compare(&sc), 0);
}

static void c1722_matches_jsbsim(void **state)
{
    (void)state;
    script_case sc = {"c1722", {{"c1722", ALL}}, 0, 0, {{0}}, 1, 0};
    assert_int_equal(fly_and_compare(&sc), 0);
    sc.fgtrim = 1;
    assert_int_equal(fly_and_compare(&sc), 0);
}

/* On the ground, brakes on, a wind from ahead: nothing moves much. */
static void c172_head_wind_matches_jsbsim(void **state)
{
    (void)state;
    script_case sc = {"c172_head_wind", {{"c172_head_wind", ALL}}, 0, 0, {{0}}, 1, 0};
    assert_int_equal(fly_and_compare(&sc), 0);
}

/* On the ground, brakes on, a ramping 5 kt cross wind starts large pitch
 * oscillations (JSBSim issue #89) from near-zero airspeed, where alpha and
 * alpha-dot jump around.  The run is ill-conditioned in JSBSim itself:
 * moving the initial longitude by 1e-13 deg (~1e-8 ft) changes JSBSim's
 * own theta by 0.21 deg at t = 22.6 s.  Saqr's ground trim at 0.1 s (with
 * JSBSim's rotation onto three contacts) lands within 7e-8 deg of theta
 * and 1e-8 ft of JSBSim's (measured), and the oscillation amplifies that
 * to 0.1-2.9 deg of theta around t = 22.6 s depending on rounding-level
 * details (0.115 deg; 0.51 deg after the Earth angle was re-aligned at the
 * trim as JSBSim does; 2.9 deg with JSBSim's gas constant, which brought
 * every other script closer to JSBSim).  So the targets are enforced to
 * 20 s, before the oscillation has grown, and the whole run is reported. */
static void c172_cross_wind_matches_jsbsim(void **state)
{
    (void)state;
    script_case sc = {"c172_cross_wind", {{"c172_cross_wind", 20.0}}, 0, 0, {{0}}, 1, 0};
    assert_int_equal(fly_and_compare(&sc), 0);
}

static void c172_cross_wind_whole_run_is_reported(void **state)
{
    (void)state;
    script_case sc = {"c172_cross_wind", {{"c172_cross_wind", ALL}}, 0, 0, {{0}}, 0, 0};
    assert_int_equal(fly_and_compare(&sc), 0);
}

/* Take-off roll with the heading autopilot steering, rotation at 51 kt
 * (the altitude hold engages), climb to 1000 ft where flaps come up and
 * the heading mode changes, then on to 6000 ft.
 *
 * Past about 60 s this script is two-valued in JSBSim itself: the heading
 * hold's saturated roll-rate loop and the ailerons' 0.005 rad hysteresis
 * sustain an oscillation whose branch depends on the heading left by the
 * brake release at 3 s.  Of 24 JSBSim runs whose initial longitude differs
 * by 2e-14 to 5e-13 deg, 4 end 0.41-0.85 deg away from the unperturbed
 * run in roll/heading (the others within 0.03 deg); with the ailerons'
 * hysteresis set to 0 the spread falls below 0.001 deg.  So the targets
 * are enforced up to 60 s (lift-off at 25 s, the climb) plus the event
 * times, and the whole run is reported (it meets the targets today). */
static void c1723_takeoff_matches_jsbsim_once_airborne(void **state)
{
    (void)state;
    script_case sc = {"c1723",
                      {{"c1723", 60.0}},
                      1,
                      0,
                      {{"lift-off (h-agl +3 ft)", "position/h-agl-ft", 3.0, 1},
                       {"altitude hold (vc >= 51 kt)", "velocities/vc-kts", 51.0 - 1e-9, 0},
                       {0}},
                      1, 0};
    assert_int_equal(fly_and_compare(&sc), 0);
}

static void c1723_whole_climb_is_reported(void **state)
{
    (void)state;
    script_case sc = {"c1723",
                      {{"c1723", ALL}},
                      1,
                      0,
                      {{"1000 ft AGL (flaps up)", "position/h-agl-ft", 1000.0 - 1e-9, 0}, {0}},
                      0, 0};
    assert_int_equal(fly_and_compare(&sc), 0);
}

/* Engine start, take-off roll, lift-off, climb; the F-16 then rolls
 * inverted and dives into the ground at t = 127.9 s (JSBSim's output
 * shows h-agl -27 ft and a bounce to 7900 ft), so the comparison stops at
 * that first touchdown after flight. */
static void f16_test_matches_jsbsim_from_lift_off_to_impact(void **state)
{
    (void)state;
    script_case sc = {"f16_test",
                      {{"f16_test", ALL}},
                      1,
                      1,
                      {{"lift-off (h-agl +3 ft)", "position/h-agl-ft", 3.0, 1}, {0}},
                      1, 0};
    assert_int_equal(fly_and_compare(&sc), 0);
}

static void f16_runway_test_matches_jsbsim(void **state)
{
    (void)state;
    script_case sc = {"f16_runway_test", {{"f16_runway_test", ALL}}, 0, 0, {{0}}, 1, 0};
    assert_int_equal(fly_and_compare(&sc), 0);
}

/* JSBSim's numbers for an F-16 trimmed in flight (full trim at 10,000 ft,
 * 250 kt calibrated, engine running), from JSBSim's output of the script
 * the test writes (JSBSim at the reference commit, 120 Hz CSV): time,
 * pitch rate, altitude, pilot load factor.  The trim happens at
 * t = 0.1083 s; the pitch trim JSBSim finds is -0.1079523950. */
typedef struct trimmed_point {
    double t_s, q_rad_sec, h_sl_ft, n_pilot_z;
} trimmed_point;

static const trimmed_point f16_trimmed_jsbsim[] = {
    {0.1166666662, 5.613384284958e-09, 10000.056070, -0.9958181796},
    {0.9999999960, -2.277180202416e-06, 10000.060731, -0.9958398507},
    {1.9999999920, -3.679036142039e-06, 10000.077057, -0.9958366665},
    {2.9999999880, -4.577173663572e-06, 10000.105037, -0.9958249251},
    {3.9999999840, -5.456033476515e-06, 10000.144302, -0.9958103845},
    {4.9999999800, -6.405950060015e-06, 10000.194383, -0.9957942592},
};
#define F16_TRIMMED_POINTS (sizeof f16_trimmed_jsbsim / sizeof f16_trimmed_jsbsim[0])

static void write_text(const char *path, const char *text)
{
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    assert_true(fputs(text, fp) >= 0);
    assert_int_equal(fclose(fp), 0);
}

/* The F-16's pitch law reads the pilot load factor, which the auxiliary
 * air data compute after the FCS from the previous run's accelerations.
 * JSBSim's trim evaluations keep those accelerations from one evaluation
 * to the next; had Saqr's reset them, the trim would settle on a pitch
 * trim of -0.1028 against a load factor that is not the flying one, and
 * the aircraft would pitch down at once (q -1.4e-4 rad/s one step after
 * the trim, 6.4 ft below JSBSim after 5 s). */
/* Loads the shared root's f16 with an initial condition of `ic_body`
 * (latitude 47, longitude 122 and 10,000 ft are added) and a 120 Hz
 * script of `events`, and initialises it. */
static saqr_fdm *f16_scripted(const char *ic_body, const char *events, double end_s, saqr_linear_fn sink,
                              void *sink_user)
{
    char dir[] = "/tmp/saqr-verify-f16-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char ic_path[128], script_path[128], root[1024], text[4096];
    snprintf(ic_path, sizeof ic_path, "%s/ic.xml", dir);
    snprintf(script_path, sizeof script_path, "%s/script.xml", dir);
    snprintf(root, sizeof root, "%s/reference/jsbsim", shared_dir());
    snprintf(text, sizeof text,
             "<?xml version=\"1.0\"?>\n<initialize name=\"f16 test\">\n"
             "  <latitude unit=\"DEG\"> 47.0 </latitude>\n"
             "  <longitude unit=\"DEG\"> 122.0 </longitude>\n"
             "  <altitude unit=\"FT\"> 10000 </altitude>\n%s</initialize>\n",
             ic_body);
    write_text(ic_path, text);
    snprintf(text, sizeof text,
             "<?xml version=\"1.0\"?>\n<runscript name=\"f16 test\">\n"
             "  <use aircraft=\"f16\" initialize=\"%s\"/>\n"
             "  <run start=\"0\" end=\"%g\" dt=\"0.0083333333\">\n%s  </run>\n</runscript>\n",
             ic_path, end_s, events);
    write_text(script_path, text);

    saqr_fdm *f = saqr_fdm_create(NULL);
    assert_non_null(f);
    saqr_fdm_set_log(f, quiet, NULL);
    if (sink)
        saqr_fdm_set_linear_sink(f, sink, sink_user);
    saqr_status st = saqr_fdm_load_script(f, root, script_path);
    if (st == SAQR_OK)
        st = saqr_fdm_init(f);
    remove(ic_path);
    remove(script_path);
    rmdir(dir);
    if (st != SAQR_OK)
        fail_msg("f16 script: %s", saqr_fdm_error(f));
    return f;
}

/* A trim's pitch trim and the flight after it, as found or as limits. */
typedef struct f16_trim_result {
    double pitch_trim, worst_q, worst_h, worst_nz;
} f16_trim_result;

/* The F-16 trimmed at 250 kt (with FGTrim when `fgtrim`) and flown 5 s,
 * against JSBSim's output at the points above: its pitch trim's and the
 * flight's largest differences must be under `limit`'s. */
static void f16_trimmed_flight(int fgtrim, f16_trim_result limit)
{
    char events[1024];
    snprintf(events, sizeof events,
             "    <event name=\"engines running\">\n"
             "      <condition> simulation/sim-time-sec ge 0 </condition>\n"
             "      <set name=\"propulsion/set-running\" value=\"-1\"/>\n"
             "    </event>\n"
             "    <event name=\"trim\">\n"
             "      <condition> simulation/sim-time-sec gt 0.1 </condition>\n"
             "      <set name=\"simulation/trim-fgtrim\" value=\"%d\"/>\n"
             "      <set name=\"simulation/do_simple_trim\" value=\"1\"/>\n"
             "    </event>\n",
             fgtrim);
    saqr_fdm *f = f16_scripted("  <vc unit=\"KTS\"> 250 </vc>\n  <psi unit=\"DEG\"> 90.0 </psi>\n", events, 5.0, NULL,
                               NULL);
    int q = saqr_fdm_property(f, "velocities/q-rad_sec"), h = saqr_fdm_property(f, "position/h-sl-ft");
    int nz = saqr_fdm_property(f, "accelerations/n-pilot-z-norm");
    int trim = saqr_fdm_property(f, "fcs/pitch-trim-cmd-norm");
    int done = saqr_fdm_property(f, "simulation/trim-completed");
    assert_true(q >= 0 && h >= 0 && nz >= 0 && trim >= 0 && done >= 0);

    double dt = saqr_fdm_dt(f);
    f16_trim_result r = {0.0, 0.0, 0.0, 0.0};
    size_t k = 0;
    while (!saqr_fdm_script_done(f) && k < F16_TRIMMED_POINTS) {
        if (saqr_fdm_step(f) != SAQR_OK)
            fail_msg("f16 trim: step at t = %.3f: %s", saqr_fdm_time(f), saqr_fdm_error(f));
        const trimmed_point *p = &f16_trimmed_jsbsim[k];
        if (fabs(saqr_fdm_time(f) - p->t_s) > 0.5 * dt)
            continue;
        r.worst_q = fmax(r.worst_q, fabs(saqr_fdm_get(f, q) - p->q_rad_sec));
        r.worst_h = fmax(r.worst_h, fabs(saqr_fdm_get(f, h) - p->h_sl_ft));
        r.worst_nz = fmax(r.worst_nz, fabs(saqr_fdm_get(f, nz) - p->n_pilot_z));
        k++;
    }
    r.pitch_trim = saqr_fdm_get(f, trim);
    print_message("f16 trimmed at 250 kt (%s): pitch trim %.7f (JSBSim -0.1079524), max |diff| q %.2e rad/s, "
                  "h %.2e ft, n-pilot-z %.2e\n",
                  fgtrim ? "FGTrim" : "quick trim", r.pitch_trim, r.worst_q, r.worst_h, r.worst_nz);
    assert_int_equal(k, F16_TRIMMED_POINTS);
    assert_true(saqr_fdm_get(f, done) == 1.0);
    saqr_fdm_destroy(f);
    assert_true(fabs(r.pitch_trim - -0.1079523950) < limit.pitch_trim);
    assert_true(r.worst_q < limit.worst_q);
    assert_true(r.worst_h < limit.worst_h);
    assert_true(r.worst_nz < limit.worst_nz);
}

/* FGTrim reproduced: JSBSim's trim to its last digits. */
static void f16_fgtrim_in_flight_stays_balanced_as_in_jsbsim(void **state)
{
    (void)state;
    /* placings without the air data of the run before (JSBSim's
     * Initialize): 8e-7 and 1e-11; with them, 6e-6 and 4.5e-11 */
    f16_trimmed_flight(1, (f16_trim_result){2e-6, 2e-11, 0.05, 1e-5});
}

/* The quick trim lands inside FGTrim's tolerances (qdot 1e-4 rad/s^2,
 * about 2e-4 of pitch trim on this aircraft) but not on its point: the
 * pitch trim within 1e-4 of JSBSim's, and the flight after it as steady
 * (measured: 1.9e-5, q 1.9e-7 rad/s, 1.5e-3 ft, 8.6e-6 g). */
static void f16_quick_trim_in_flight_stays_balanced_as_in_jsbsim(void **state)
{
    (void)state;
    f16_trimmed_flight(0, (f16_trim_result){1e-4, 1e-6, 0.05, 1e-4});
}

/* JSBSim's linear model of the F-16 trimmed at 10,000 ft and 300 kt
 * calibrated, heading north, engine running (full trim and
 * simulation/do_linearization in one event at t = 0.1 s), from its
 * General Dynamics F-16A_lin.sce (JSBSim 1.3.2, the reference commit):
 * entries of A and B, states Vt, alpha, theta, q, beta, phi, p, psi, r,
 * inputs throttle, aileron, elevator, rudder. */
enum { F16_VT, F16_ALPHA, F16_THETA, F16_Q, F16_BETA, F16_PHI, F16_P, F16_PSI, F16_R };
typedef struct lin_entry {
    char matrix;
    int row, col;
    double jsbsim;
} lin_entry;
static const lin_entry f16_lin_jsbsim[] = {
    {'A', F16_VT, F16_P, -1.5669254226e+01},   {'A', F16_ALPHA, F16_Q, 9.3113255318e-01},
    {'A', F16_Q, F16_P, -5.8332734878e-02},    {'A', F16_BETA, F16_P, 3.4306963905e-02},
    {'A', F16_BETA, F16_R, -9.9381681969e-01}, {'A', F16_P, F16_P, -6.2520487932e+00},
    {'A', F16_P, F16_R, 2.0559672775e+01},     {'A', F16_R, F16_P, -2.5833899644e-01},
    {'A', F16_R, F16_R, -1.0728765929e+01},    {'A', F16_Q, F16_ALPHA, -5.5097439727e+00},
    {'B', F16_VT, 0, 5.4605744095e+01},        {'B', F16_ALPHA, 1, 4.9918863459e-01},
    {'B', F16_Q, 2, -5.0136805886e+00},        {'B', F16_P, 1, 1.6758784804e+01},
    {'B', F16_R, 3, -1.0250303759e+00},
};

static void keep_model(void *user, const saqr_linear_model *model)
{
    *(saqr_linear_model *)user = *model;
}

/* The fly-by-wire laws read the air data (roll and yaw rates, load
 * factor) that the auxiliary model works out after them, so what they
 * make of a perturbed placing depends on what the run before left there;
 * JSBSim's Initialize runs the models once without working them out
 * first.  Saqr once did, and its p and r columns came out 5-12% off
 * JSBSim's, with dalpha'/dp -0.118 against JSBSim's -0.0004 (the
 * kinematics give -tan(beta) cos(alpha), about 0).  Linearised about
 * FGTrim's point: about the quick trim's the entries agree to 2.5e-4, but
 * dalpha'/dp, a near-zero set by the trimmed sideslip, is -3.7e-4. */
static void f16_linearised_as_jsbsim(void **state)
{
    (void)state;
    saqr_linear_model m;
    memset(&m, 0, sizeof m);
    saqr_fdm *f = f16_scripted("  <vc unit=\"KTS\"> 300 </vc>\n  <psi unit=\"DEG\"> 0.0 </psi>\n"
                               "  <running> 1 </running>\n",
                               "    <event name=\"trim and linearise\">\n"
                               "      <condition> simulation/sim-time-sec gt 0.1 </condition>\n"
                               "      <set name=\"simulation/trim-fgtrim\" value=\"1\"/>\n"
                               "      <set name=\"simulation/do_simple_trim\" value=\"1\"/>\n"
                               "      <set name=\"simulation/do_linearization\" value=\"0\"/>\n"
                               "    </event>\n",
                               0.2, keep_model, &m);
    while (!saqr_fdm_script_done(f))
        if (saqr_fdm_step(f) != SAQR_OK)
            fail_msg("f16 linearisation: %s", saqr_fdm_error(f));
    saqr_fdm_destroy(f);
    assert_int_equal(m.n_states, 12);
    assert_string_equal(m.state_names[F16_R], "R");
    double worst = 0.0;
    for (size_t i = 0; i < sizeof f16_lin_jsbsim / sizeof f16_lin_jsbsim[0]; i++) {
        const lin_entry *e = &f16_lin_jsbsim[i];
        double got = e->matrix == 'A' ? m.a[e->row][e->col] : m.b[e->row][e->col];
        double rel = fabs(got - e->jsbsim) / fabs(e->jsbsim);
        if (rel > 1e-3)
            print_error("%c[%s][%s] %.6g, JSBSim %.6g\n", e->matrix, m.state_names[e->row],
                        e->matrix == 'A' ? m.state_names[e->col] : m.input_names[e->col], got, e->jsbsim);
        worst = fmax(worst, rel);
    }
    print_message("f16 linearised at 300 kt: largest relative difference from JSBSim %.1e; dalpha'/dp %.3e "
                  "(JSBSim -3.950e-04)\n",
                  worst, m.a[F16_ALPHA][F16_P]);
    assert_true(worst < 1e-3);
    assert_true(fabs(m.a[F16_ALPHA][F16_P] - -3.9498454814e-04) < 1e-6);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(c172_cruise_and_its_resets_match_jsbsim),
        cmocka_unit_test(c172_elevator_doublet_matches_jsbsim),
        cmocka_unit_test(c1722_matches_jsbsim),
        cmocka_unit_test(c172_head_wind_matches_jsbsim),
        cmocka_unit_test(c172_cross_wind_matches_jsbsim),
        cmocka_unit_test(c172_cross_wind_whole_run_is_reported),
        cmocka_unit_test(c1723_takeoff_matches_jsbsim_once_airborne),
        cmocka_unit_test(c1723_whole_climb_is_reported),
        cmocka_unit_test(f16_test_matches_jsbsim_from_lift_off_to_impact),
        cmocka_unit_test(f16_runway_test_matches_jsbsim),
        cmocka_unit_test(f16_fgtrim_in_flight_stays_balanced_as_in_jsbsim),
        cmocka_unit_test(f16_quick_trim_in_flight_stays_balanced_as_in_jsbsim),
        cmocka_unit_test(f16_linearised_as_jsbsim),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
