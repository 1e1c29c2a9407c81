/*
 * test_jsbsim_regressions.c - behaviour JSBSim's own test suite asks of
 * JSBSim (the Test*.py programs in the tests folder of JSBSim's repository), on the reference c172x:
 *  - TestHoldDown: with forces/hold-down set, an aircraft resting on its
 *    gear keeps its place and attitude, every acceleration zero, and so it
 *    does with its engine at full throttle;
 *  - TestUnusableFuel: tanks with unusable fuel starve the engine when
 *    what is left in them is the unusable volume, not when they are empty;
 *  - TestFuelTanksInertia: a tank with an <inertia_factor> (the c172x's
 *    first, in a copy of the reference root) has local moments of inertia
 *    in proportion to its contents, when the contents are written and as
 *    the engine burns them;
 *  - TestPointMassInertia (testInertiaMatrix): the F-16 with its pilot and
 *    fuel taken out weighs its empty weight and has the file's product of
 *    inertia, sign convention and all;
 *  - TestWaypoint (on the c172x, whose GNCUtilities system holds the
 *    waypoint_heading and waypoint_distance components of JSBSim's c310):
 *    the heading and distance to points along the equator, to either pole
 *    from any longitude (a quarter of the WGS-84 meridian, due north or
 *    south) and to the antipodes of points from 75 deg S to 75 deg N (half
 *    the meridian), the aircraft placed by its initial conditions.
 * The scenarios are JSBSim's; the aircraft, its initialisation files and
 * the numbers the checks hold to are the shared reference root's and
 * JSBSim's test's own (assertAlmostEqual's seven places, 1e-6 ft).
 */
#include "fdm_util.h"
#include "temp_root.h"

#include <math.h>

static void fly_until(saqr_fdm *f, double t_s)
{
    while (saqr_fdm_time(f) < t_s - 1e-9)
        assert_int_equal(saqr_fdm_step(f), SAQR_OK);
}

static void assert_held(saqr_fdm *f)
{
    static const char *const acc[] = {"accelerations/pdot-rad_sec2", "accelerations/qdot-rad_sec2",
                                       "accelerations/rdot-rad_sec2", "accelerations/udot-ft_sec2",
                                       "accelerations/vdot-ft_sec2",  "accelerations/wdot-ft_sec2"};
    for (size_t k = 0; k < sizeof acc / sizeof acc[0]; k++)
        if (fabs(fdm_get(f, acc[k])) > 1e-7)
            fail_msg("%s = %g at %.3f s with the hold-down on", acc[k], fdm_get(f, acc[k]), saqr_fdm_time(f));
}

/* JSBSim's test_hold_down_with_gnd_reactions (c1721 there: the c172x on
 * the runway; reset00 here), and its dynamic test's thrust. */
static void hold_down_keeps_a_resting_aircraft_in_place(void **state)
{
    (void)state;
    saqr_fdm *f = fdm_reference_aircraft("c172x", "reset00");
    fly_until(f, 0.25);
    fdm_set(f, "forces/hold-down", 1.0);
    const double h0 = fdm_get(f, "position/h-sl-ft"), r0 = fdm_get(f, "position/vrp-radius-ft");
    const double pitch = fdm_get(f, "attitude/pitch-rad"), roll = fdm_get(f, "attitude/roll-rad");
    const double heading = fdm_get(f, "attitude/heading-true-rad");
    while (saqr_fdm_time(f) < 2.0) {
        assert_int_equal(saqr_fdm_step(f), SAQR_OK);
        assert_held(f);
    }
    assert_near(fdm_get(f, "position/h-sl-ft"), h0, 1e-6);
    assert_near(fdm_get(f, "attitude/pitch-rad"), pitch, 1e-7);
    assert_near(fdm_get(f, "attitude/roll-rad"), roll, 1e-7);
    assert_near(fdm_get(f, "attitude/heading-true-rad"), heading, 1e-7);
    /* the engine started and at full throttle: the propeller pulls, the
     * aircraft stays (JSBSim's test_dynamic_hold_down, its rockets' thrust) */
    fdm_set(f, "propulsion/set-running", -1.0);
    fdm_set(f, "fcs/mixture-cmd-norm", 1.0);
    fdm_set(f, "fcs/throttle-cmd-norm", 1.0);
    while (saqr_fdm_time(f) < 6.0) {
        assert_int_equal(saqr_fdm_step(f), SAQR_OK);
        assert_held(f);
        assert_near(fdm_get(f, "position/vrp-radius-ft") / r0, 1.0, 1e-9);
    }
    if (!(fdm_get(f, "propulsion/engine/thrust-lbs") > 100.0))
        fail_msg("the engine gives %g lbf: nothing to hold down", fdm_get(f, "propulsion/engine/thrust-lbs"));
    /* released, the thrust moves it */
    fdm_set(f, "forces/hold-down", 0.0);
    fly_until(f, 7.0);
    assert_true(fdm_get(f, "velocities/u-fps") > 0.5);
    saqr_fdm_destroy(f);
}

/* JSBSim's test_unusable_fuel: both tanks 10 lbs with 1.5 gal unusable,
 * the engine running until it starves. */
static void unusable_fuel_starves_the_engine_before_the_tanks_are_empty(void **state)
{
    (void)state;
    saqr_fdm *f = fdm_reference_aircraft_loaded("c172x", "reset01");
    for (int t = 0; t < 2; t++) {
        char name[64];
        snprintf(name, sizeof name, "propulsion/tank[%d]/unusable-volume-gal", t);
        fdm_set(f, name, 1.5);
        snprintf(name, sizeof name, "propulsion/tank[%d]/contents-lbs", t);
        fdm_set(f, name, 10.0);
    }
    fdm_set(f, "propulsion/set-running", -1.0);
    fdm_set(f, "fcs/mixture-cmd-norm", 1.0);
    fdm_set(f, "fcs/throttle-cmd-norm", 0.8);
    assert_int_equal(saqr_fdm_init(f), SAQR_OK);
    assert_true(fdm_get(f, "propulsion/engine/set-running") != 0.0);
    for (int t = 0; t < 2; t++) {
        char unusable[64], contents[64];
        snprintf(unusable, sizeof unusable, "propulsion/tank[%d]/unusable-volume-gal", t);
        snprintf(contents, sizeof contents, "propulsion/tank[%d]/contents-volume-gal", t);
        assert_true(fdm_get(f, unusable) < fdm_get(f, contents));
    }
    while (fdm_get(f, "propulsion/engine/set-running") != 0.0) {
        assert_int_equal(saqr_fdm_step(f), SAQR_OK);
        if (saqr_fdm_time(f) > 3600.0)
            fail_msg("the engine still runs after an hour on 2 lbs of usable fuel");
    }
    /* it ran on exactly the usable fuel: 10 lbs less 1.5 gal a tank */
    const double usable_lbs = 2.0 * (10.0 - 1.5 * fdm_get(f, "propulsion/tank[0]/density-lbs_per_gal"));
    assert_true(usable_lbs > 0.0);
    assert_near(fdm_get(f, "propulsion/engine/fuel-used-lbs"), usable_lbs, 1e-3);
    for (int t = 0; t < 2; t++) {
        char unusable[64], contents[64], lbs[64];
        snprintf(unusable, sizeof unusable, "propulsion/tank[%d]/unusable-volume-gal", t);
        snprintf(contents, sizeof contents, "propulsion/tank[%d]/contents-volume-gal", t);
        snprintf(lbs, sizeof lbs, "propulsion/tank[%d]/contents-lbs", t);
        assert_true(fdm_get(f, unusable) >= fdm_get(f, contents));
        /* and not far below it: the tanks were not drained past it */
        assert_near(fdm_get(f, contents), 1.5, 0.01);
        assert_true(fdm_get(f, lbs) > 8.0);
    }
    saqr_fdm_destroy(f);
}

/* JSBSim's test_fuel_tanks_inertia (c1722, 200 s). */
static void a_tanks_inertia_follows_its_contents(void **state)
{
    (void)state;
    char root[256];
    assert_int_equal(temp_root_make(root, sizeof root, "saqr_test_tank_inertia"), 0);
    temp_root_insert(root, "aircraft/c172x/c172x.xml", "<capacity unit=\"LBS\">130</capacity>",
                     "<inertia_factor>1.0</inertia_factor>\n            ");
    saqr_fdm *f = fdm_script_in(root, "scripts/c1722.xml");
    static const char *const axes[3] = {"propulsion/tank/local-ixx-slug_ft2", "propulsion/tank/local-iyy-slug_ft2",
                                        "propulsion/tank/local-izz-slug_ft2"};
    const double contents0 = fdm_get(f, "propulsion/tank/contents-lbs");
    double i0[3];
    for (int k = 0; k < 3; k++) {
        i0[k] = fdm_get(f, axes[k]);
        assert_true(i0[k] > 0.0);
    }
    /* half the fuel taken out: half the inertia, read at once */
    fdm_set(f, "propulsion/tank/contents-lbs", 0.5 * contents0);
    assert_near(fdm_get(f, "propulsion/tank/contents-lbs"), 0.5 * contents0, 1e-7);
    for (int k = 0; k < 3; k++)
        assert_near(fdm_get(f, axes[k]), 0.5 * i0[k], 1e-7);
    /* burnt: in step with what is left (c1722 makes 19.65 gal of each
     * tank unusable, more than half a tank: none of it would burn, as in
     * JSBSim's test; here it all may) */
    fdm_set(f, "propulsion/tank[0]/unusable-volume-gal", 0.0);
    fdm_set(f, "propulsion/tank[1]/unusable-volume-gal", 0.0);
    fly_until(f, 200.0);
    const double ratio = fdm_get(f, "propulsion/tank/contents-lbs") / contents0;
    assert_true(ratio < 0.5 - 1e-3);
    for (int k = 0; k < 3; k++)
        assert_near(fdm_get(f, axes[k]) / i0[k], ratio, 1e-7);
    /* more than it holds: the capacity, full, at once (FGTank::SetContents) */
    fdm_set(f, "propulsion/tank/contents-lbs", 1000.0);
    assert_near(fdm_get(f, "propulsion/tank/contents-lbs"), 130.0, 0.0);
    assert_near(fdm_get(f, "propulsion/tank/pct-full"), 100.0, 0.0);
    saqr_fdm_destroy(f);
    assert_int_equal(temp_root_remove(root), 0);
}

/* JSBSim's testInertiaMatrix (f16_test): without its point mass and
 * with tanks 0 and 1 emptied, after a frame. */
static void an_empty_f16_has_its_empty_weight_and_the_files_inertia(void **state)
{
    (void)state;
    saqr_fdm *f = fdm_reference_script("f16_test");
    fdm_set(f, "inertia/pointmass-weight-lbs", 0.0);
    fdm_set(f, "propulsion/tank[0]/contents-lbs", 0.0);
    fdm_set(f, "propulsion/tank[1]/contents-lbs", 0.0);
    assert_int_equal(saqr_fdm_step(f), SAQR_OK);
    assert_near(fdm_get(f, "inertia/weight-lbs"), fdm_get(f, "inertia/empty-weight-lbs"), 1e-7);
    assert_near(fdm_get(f, "inertia/empty-weight-lbs"), 17400.0, 1e-9);
    /* <ixz unit="SLUG*FT2"> -982 </ixz> of f16.xml's mass balance */
    assert_near(fdm_get(f, "inertia/ixz-slugs_ft2"), -982.0, 1e-7);
    saqr_fdm_destroy(f);
}

/* JSBSim's test_waypoint.  The meridian's length is Ramanujan's second
 * approximation of the WGS-84 ellipse's perimeter, as JSBSim's test. */
static void waypoint_heading_and_distance_reach_every_longitude_and_the_poles(void **state)
{
    (void)state;
    const double pi = 3.14159265358979323846;
    const double a = 20925646.32546, b = 20855486.5951; /* ft */
    const double h = (a - b) / (a + b), sq_h = h * h;
    const double p = pi * (a + b) * (1.0 + 3.0 * sq_h / (10.0 + sqrt(4.0 - 3.0 * sq_h)));
    saqr_fdm *f = fdm_reference_aircraft("c172x", "reset00");
    fdm_set(f, "ic/lat-geod-rad", 0.0);
    fdm_set(f, "ic/long-gc-rad", 0.0);
    fdm_set(f, "guidance/target_wp_latitude_rad", 0.0);
    /* along the equator: a times the longitude, due east or west */
    for (int ilon = -5; ilon <= 5; ilon++) {
        const double lon = ilon * pi / 6.0;
        fdm_set(f, "guidance/target_wp_longitude_rad", lon);
        assert_int_equal(saqr_fdm_reposition(f), SAQR_OK);
        assert_near(fdm_get(f, "guidance/wp-distance"), fabs(lon * a), 1.0);
        if (ilon != 0)
            assert_near(fdm_get(f, "guidance/wp-heading-rad"), lon * 0.5 * pi / fabs(lon), 1e-7);
    }
    /* to the poles from every longitude */
    for (int pole = 1; pole >= -1; pole -= 2) {
        fdm_set(f, "guidance/target_wp_latitude_rad", pole * 0.5 * pi);
        fdm_set(f, "guidance/target_wp_longitude_rad", 0.0);
        for (int ilon = -5; ilon <= 6; ilon++) {
            fdm_set(f, "ic/long-gc-rad", ilon * pi / 6.0);
            assert_int_equal(saqr_fdm_reposition(f), SAQR_OK);
            assert_near(fdm_get(f, "guidance/wp-distance"), 0.25 * p, 1.0);
            assert_near(fdm_get(f, "guidance/wp-heading-rad"), pole > 0 ? 0.0 : pi, 1e-7);
        }
    }
    /* to the antipodes */
    for (int ilat = -5; ilat <= 5; ilat++) {
        const double lat = ilat * pi / 12.0;
        fdm_set(f, "ic/lat-geod-rad", lat);
        fdm_set(f, "guidance/target_wp_latitude_rad", -lat);
        for (int ilon = -5; ilon <= 5; ilon++) {
            const double lon = ilon * pi / 6.0;
            fdm_set(f, "ic/long-gc-rad", lon);
            fdm_set(f, "guidance/target_wp_longitude_rad", lon + pi);
            assert_int_equal(saqr_fdm_reposition(f), SAQR_OK);
            assert_near(fdm_get(f, "guidance/wp-distance"), 0.5 * p, 1.0);
        }
    }
    saqr_fdm_destroy(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(hold_down_keeps_a_resting_aircraft_in_place),
        cmocka_unit_test(unusable_fuel_starves_the_engine_before_the_tanks_are_empty),
        cmocka_unit_test(a_tanks_inertia_follows_its_contents),
        cmocka_unit_test(an_empty_f16_has_its_empty_weight_and_the_files_inertia),
        cmocka_unit_test(waypoint_heading_and_distance_reach_every_longitude_and_the_poles),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
