/*
 * test_nasa_f16.c - NASA TM-2015-218675 cases 11, 12 (F-16 trimmed
 * straight and level), 13.1 and 13.3 (autopilot steps), whose reference
 * trajectories are held back.
 *
 * Independent references used:
 *  - the F-16 package README, table 11 (trimmed level flight at 10,013 ft,
 *    565.6854 ft/s, CG 25 %): pitch 2.6538 deg, stick 12.96 % aft,
 *    elevator -3.2410 deg, throttle 13.9019 %.  NASA's simulation used
 *    constant 32.174 ft/s^2 gravity, so Saqr is trimmed on its flat Earth
 *    (constant g0) for this comparison;
 *  - spherical trigonometry: on a round, non-rotating Earth an aircraft
 *    with no side force flies a great circle, so its course at the end
 *    must equal the great-circle course from the start to where it is;
 *  - the hold criteria of the case files, which an untrimmed or
 *    mis-trimmed aircraft must fail;
 *  - cases 13.1 and 13.3 (autopilot steps): the commanded change of
 *    altitude or heading must be reached, and without the step the
 *    autopilot must keep the trimmed state.
 */
#include "test_util.h"

#include <math.h>
#include <unistd.h>

#include "check/csv_table.h"
#include "check/nasa_case.h"
#include "check/nasa_run.h"
#include "math/units.h"

static char nasa_root[1024];

static void load_case(const char *id, nasa_case *c)
{
    char path[1200];
    saqr_err err = {{0}};
    snprintf(path, sizeof path, "%s/nasa/atmos_%s.xml", SAQR_DATA_DIR, id);
    if (nasa_case_load(path, c, &err) != SAQR_OK)
        fail_msg("%s", err.msg);
}

/* Runs `c` into a temporary CSV (kept in csv when csv is not NULL). */
static saqr_status run(const nasa_case *c, nasa_run_result *res, char *csv, size_t n, saqr_err *err)
{
    char local[256];
    if (!csv) {
        csv = local;
        n = sizeof local;
    }
    snprintf(csv, n, "/tmp/saqr-verify-f16-%s-%ld.csv", c->id, (long)getpid());
    saqr_status st = nasa_run_case_ex(c, nasa_root, csv, res, err);
    if (csv == local)
        remove(csv);
    return st;
}

static void print_result(const nasa_case *c, const nasa_run_result *r)
{
    print_message("case %s trim: pitch %.4f deg, stick %.4f %%, elevator %.4f deg, throttle %.4f %%\n", c->id,
                  r->trim.pitch_rad * DEG_PER_RAD, 100.0 * r->trim.stick, r->trim.elevator_deg,
                  100.0 * r->trim.throttle);
    print_message("  over %.0f s: altitude %.4g ft, true airspeed %.4g ft/s, course %.4g deg\n", c->duration_s,
                  r->max_dev[NASA_Q_ALTITUDE] / M_PER_FT, r->max_dev[NASA_Q_TRUE_AIRSPEED] / M_PER_FT,
                  r->max_dev[NASA_Q_COURSE] * DEG_PER_RAD);
}

static void trimmed_case_should_hold(const char *id, double alt_ft, double tas_ft_s)
{
    nasa_case c;
    nasa_run_result r;
    saqr_err err = {{0}};
    load_case(id, &c);
    if (run(&c, &r, NULL, 0, &err) != SAQR_OK)
        fail_msg("%s", err.msg);
    print_result(&c, &r);
    assert_true(r.trimmed);
    assert_true(c.n_criteria >= 2);
    assert_true(r.pass);
    /* Independently of the case file's bounds: a trim worth the name
     * holds altitude to a foot and airspeed to a tenth of a ft/s. */
    assert_true(r.max_dev[NASA_Q_ALTITUDE] / M_PER_FT < alt_ft);
    assert_true(r.max_dev[NASA_Q_TRUE_AIRSPEED] / M_PER_FT < tas_ft_s);
    /* The trim is level: speed and altitude at the start are the case's. */
    assert_near(r.initial[NASA_Q_ALTITUDE], c.init.alt_m, 1e-6);
    assert_near(r.initial[NASA_Q_TRUE_AIRSPEED], hypot(c.init.vel_ned_mps[0], c.init.vel_ned_mps[1]), 1e-6);
}

static void case_11_trimmed_subsonic_flight_should_hold_altitude_and_speed(void **state)
{
    (void)state;
    trimmed_case_should_hold("11", 1.0, 0.1);
}

static void case_12_trimmed_supersonic_flight_should_hold_altitude_and_speed(void **state)
{
    (void)state;
    trimmed_case_should_hold("12", 1.0, 0.1);
}

static void trim_with_constant_gravity_should_match_the_f16_readme(void **state)
{
    (void)state;
    nasa_case c;
    nasa_run_result r;
    saqr_err err = {{0}};
    load_case("11", &c);
    c.earth = SAQR_EARTH_FLAT;
    c.duration_s = 1.0;
    if (run(&c, &r, NULL, 0, &err) != SAQR_OK)
        fail_msg("%s", err.msg);
    print_result(&c, &r);
    /* README table 11, to the digits it prints (ours differ by Earth
     * rotation, which NASA's run had and the flat Earth has not). */
    assert_near(r.trim.pitch_rad * DEG_PER_RAD, 2.6538, 0.001);
    assert_near(100.0 * r.trim.stick, 12.96, 0.01);
    assert_near(r.trim.elevator_deg, -3.2410, 0.001);
    assert_near(100.0 * r.trim.throttle, 13.9019, 0.002);
    assert_near(r.trim.pla_pct, 100.0 * r.trim.throttle, 1e-12);
}

/* Final course along the great circle from (lat1, lon1) to (lat2, lon2):
 * the bearing back to the start, turned by 180 deg. */
static double great_circle_final_course(double lat1, double lon1, double lat2, double lon2)
{
    double dl = lon1 - lon2;
    double back = atan2(sin(dl) * cos(lat1), cos(lat2) * sin(lat1) - sin(lat2) * cos(lat1) * cos(dl));
    return back + UNITS_PI;
}

static double col(const csv_table *t, const char *name, size_t row)
{
    int c = csv_column(t, name);
    if (c < 0)
        fail_msg("no column %s", name);
    return csv_at(t, row, (size_t)c);
}

static void on_a_still_sphere_the_trimmed_f16_should_fly_a_great_circle(void **state)
{
    (void)state;
    nasa_case c;
    nasa_run_result r;
    saqr_err err = {{0}};
    char csv[256];
    load_case("11", &c);
    c.earth = SAQR_EARTH_ROUND_FIXED;
    if (run(&c, &r, csv, sizeof csv, &err) != SAQR_OK)
        fail_msg("%s", err.msg);
    csv_table t;
    if (csv_read_file(csv, NULL, &t, &err) != SAQR_OK)
        fail_msg("%s", err.msg);
    remove(csv);
    size_t last = t.nrows - 1;
    double lat1 = col(&t, "latitude_deg", 0) * RAD_PER_DEG, lon1 = col(&t, "longitude_deg", 0) * RAD_PER_DEG;
    double lat2 = col(&t, "latitude_deg", last) * RAD_PER_DEG, lon2 = col(&t, "longitude_deg", last) * RAD_PER_DEG;
    double expect = great_circle_final_course(lat1, lon1, lat2, lon2);
    double got = atan2(col(&t, "feVelocity_ft_s_Y", last), col(&t, "feVelocity_ft_s_X", last));
    double d = remainder(got - expect, 2.0 * UNITS_PI) * DEG_PER_RAD;
    print_message("great circle: course at the end %.5f deg, spherical trigonometry %.5f deg (turned %.4f deg)\n",
                  got * DEG_PER_RAD, expect * DEG_PER_RAD, got * DEG_PER_RAD - 45.0);
    /* The turn is 0.14 deg; it must be reproduced to 2 % of it. */
    assert_true(fabs(got * DEG_PER_RAD - 45.0) > 0.1);
    assert_true(fabs(d) < 0.003);
    assert_true(r.max_dev[NASA_Q_ALTITUDE] / M_PER_FT < 0.1);
    csv_free(&t);
}

static void untrimmed_f16_should_fail_the_hold_criteria(void **state)
{
    (void)state;
    nasa_case c;
    nasa_run_result r;
    saqr_err err = {{0}};
    load_case("11", &c);
    c.trim = 0;
    c.init.euler_rad[1] = 2.6538 * RAD_PER_DEG; /* README pitch, no controls */
    if (run(&c, &r, NULL, 0, &err) != SAQR_OK)
        fail_msg("%s", err.msg);
    assert_false(r.trimmed);
    assert_false(r.pass);
    assert_false(r.crit[0].pass);
}

static void tighter_bounds_than_the_drift_should_fail(void **state)
{
    (void)state;
    nasa_case c;
    nasa_run_result r;
    saqr_err err = {{0}};
    load_case("11", &c);
    c.duration_s = 60.0;
    for (int k = 0; k < c.n_criteria; k++)
        c.criteria[k].within = 1e-9;
    if (run(&c, &r, NULL, 0, &err) != SAQR_OK)
        fail_msg("%s", err.msg);
    assert_false(r.pass);
    for (int k = 0; k < c.n_criteria; k++)
        assert_false(r.crit[k].pass);
}

/* Autopilot steps (F16_control.dml engaged after the trim): the commanded
 * change must be reached; without the event it must not happen. */
static void autopilot_step_should_reach_its_command(const char *id, nasa_quantity q, double change, double tol)
{
    nasa_case c;
    nasa_run_result r;
    saqr_err err = {{0}};
    load_case(id, &c);
    if (run(&c, &r, NULL, 0, &err) != SAQR_OK)
        fail_msg("%s", err.msg);
    double got = r.final[q] - r.initial[q];
    if (q == NASA_Q_HEADING)
        got = remainder(got, 2.0 * UNITS_PI);
    print_message("case %s: change at the end %.4f (commanded %.4f)\n", id, got, change);
    assert_true(r.pass);
    assert_near(got, change, tol);
    c.n_events = 0; /* no step: the autopilot holds the trimmed state */
    if (run(&c, &r, NULL, 0, &err) != SAQR_OK)
        fail_msg("%s", err.msg);
    assert_true(fabs(r.final[q] - r.initial[q]) < 0.05 * fabs(change));
}

static void case_13p1_altitude_step_should_climb_100_ft(void **state)
{
    (void)state;
    autopilot_step_should_reach_its_command("13p1", NASA_Q_ALTITUDE, 100.0 * M_PER_FT, 5.0 * M_PER_FT);
}

static void case_13p3_heading_step_should_turn_15_deg_right(void **state)
{
    (void)state;
    autopilot_step_should_reach_its_command("13p3", NASA_Q_HEADING, 15.0 * RAD_PER_DEG, 0.5 * RAD_PER_DEG);
}

int main(void)
{
    snprintf(nasa_root, sizeof nasa_root, "%s/reference/nasa-eom-2015", test_shared_dir());
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(case_11_trimmed_subsonic_flight_should_hold_altitude_and_speed),
        cmocka_unit_test(case_12_trimmed_supersonic_flight_should_hold_altitude_and_speed),
        cmocka_unit_test(trim_with_constant_gravity_should_match_the_f16_readme),
        cmocka_unit_test(on_a_still_sphere_the_trimmed_f16_should_fly_a_great_circle),
        cmocka_unit_test(untrimmed_f16_should_fail_the_hold_criteria),
        cmocka_unit_test(tighter_bounds_than_the_drift_should_fail),
        cmocka_unit_test(case_13p1_altitude_step_should_climb_100_ft),
        cmocka_unit_test(case_13p3_heading_step_should_turn_15_deg_right),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
