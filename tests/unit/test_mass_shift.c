/*
 * test_mass_shift.c - a change of the mass distribution written between
 * frames (a script's set action, the API) acts in the next frame as
 * JSBSim's tied setters do: the mass balance, which runs before the
 * engines, already sees new tank contents; and an aircraft standing on
 * its gear keeps its structure where it stands while its CG moves
 * (FGMassBalance's NudgeBodyLocation), so the CG's height above the
 * ground changes by the CG shift in that same frame.
 *
 * JSBSim's c172x at rest on the runway (reset00), both wing tanks
 * (130 lb each, 59.4 in up the structural frame) emptied at once.  The
 * expected height change is geometry: the structural shift (x aft, z up)
 * turned into the local vertical by the pitch attitude.
 */
#include "fdm_util.h"

#include <math.h>

static void emptying_the_tanks_on_the_ground_moves_the_cg_in_the_same_frame(void **state)
{
    (void)state;
    saqr_fdm *f = fdm_reference_aircraft("c172x", "reset00");
    for (int i = 0; i < 240; i++) /* settle on the gear */
        assert_int_equal(saqr_fdm_step(f), SAQR_OK);
    double weight0 = fdm_get(f, "inertia/weight-lbs");
    double h0 = fdm_get(f, "position/h-agl-ft");
    double x0 = fdm_get(f, "inertia/cg-x-in"), z0 = fdm_get(f, "inertia/cg-z-in");
    double theta = fdm_get(f, "attitude/theta-rad");
    assert_true(fdm_get(f, "gear/wow") != 0.0);

    fdm_set(f, "propulsion/tank[0]/contents-lbs", 0.0);
    fdm_set(f, "propulsion/tank[1]/contents-lbs", 0.0);
    assert_int_equal(saqr_fdm_step(f), SAQR_OK);

    double fuel = 260.0;
    assert_true(fabs(fdm_get(f, "inertia/weight-lbs") - (weight0 - fuel)) < 0.5);
    double dx = fdm_get(f, "inertia/cg-x-in") - x0, dz = fdm_get(f, "inertia/cg-z-in") - z0;
    assert_true(dz < -1.0); /* the wing tanks sit high: the CG drops inches */
    double expected_ft = (cos(theta) * dz - sin(theta) * dx) / 12.0;
    double moved_ft = fdm_get(f, "position/h-agl-ft") - h0;
    if (fabs(moved_ft - expected_ft) > 2e-3)
        fail_msg("the CG moved %.5f ft in the frame, the shift is %.5f ft", moved_ft, expected_ft);
    saqr_fdm_destroy(f);
}

static void a_tank_write_in_flight_changes_the_mass_in_the_next_frame(void **state)
{
    (void)state;
    saqr_fdm *f = fdm_c172_in_flight(), *twin = fdm_c172_in_flight();
    assert_int_equal(saqr_fdm_step(f), SAQR_OK);
    assert_int_equal(saqr_fdm_step(twin), SAQR_OK);
    double weight0 = fdm_get(f, "inertia/weight-lbs");
    fdm_set(f, "propulsion/tank[0]/contents-lbs", 30.0);
    assert_int_equal(saqr_fdm_step(f), SAQR_OK);
    assert_int_equal(saqr_fdm_step(twin), SAQR_OK);
    assert_true(fabs(fdm_get(f, "inertia/weight-lbs") - (weight0 - 100.0)) < 0.1);
    /* in the air nothing holds the structure: the CG does not jump (its
     * new mass acts through the next accelerations) */
    assert_true(fabs(fdm_get(f, "position/h-sl-ft") - fdm_get(twin, "position/h-sl-ft")) < 1e-9);
    saqr_fdm_destroy(f);
    saqr_fdm_destroy(twin);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(emptying_the_tanks_on_the_ground_moves_the_cg_in_the_same_frame),
        cmocka_unit_test(a_tank_write_in_flight_changes_the_mass_in_the_next_frame),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
