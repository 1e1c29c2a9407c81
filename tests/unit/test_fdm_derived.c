/*
 * test_fdm_derived.c - JSBSim properties derived on request: the
 * distances from the initial position (position/distance-from-start-*-mt,
 * FGAuxiliary), and simulation/dt, which reads 0 while a trim runs
 * (FGFDMExec::SuspendIntegration) and the step again afterwards.
 */
#include "fdm_util.h"

#include <math.h>


static void the_distance_from_start_follows_the_flight_path(void **state)
{
    (void)state;
    saqr_fdm *f = fdm_c172_in_flight();
    assert_int_equal(saqr_fdm_set(f, saqr_fdm_property(f, "propulsion/set-running"), -1.0), SAQR_OK);
    assert_int_equal(saqr_fdm_trim(f, SAQR_TRIM_LONGITUDINAL), SAQR_OK);
    assert_near(fdm_get(f, "position/distance-from-start-mag-mt"), 0.0, 1e-6);
    /* 20 s of flight: the distance along the ellipsoid matches the
     * straight line between the ECEF positions (under a millimetre of
     * difference over ~1 km) */
    double x0 = fdm_get(f, "position/ecef-x-ft"), y0 = fdm_get(f, "position/ecef-y-ft"), z0 = fdm_get(f, "position/ecef-z-ft");
    for (int i = 0; i < 20 * 120; i++)
        assert_int_equal(saqr_fdm_step(f), SAQR_OK);
    double dx = fdm_get(f, "position/ecef-x-ft") - x0, dy = fdm_get(f, "position/ecef-y-ft") - y0,
           dz = fdm_get(f, "position/ecef-z-ft") - z0;
    double dh = fdm_get(f, "position/geod-alt-ft") - 4000.0; /* reset01 starts at 4,000 ft */
    double chord_m = sqrt(dx * dx + dy * dy + dz * dz - dh * dh) * 0.3048;
    double mag = fdm_get(f, "position/distance-from-start-mag-mt");
    if (!(mag > 500.0))
        fail_msg("distance %g m, chord %g m", mag, chord_m);
    assert_near(mag, chord_m, 2e-3 * chord_m);
    /* the north and east parts make up the whole, as on a plane */
    double lon = fdm_get(f, "position/distance-from-start-lon-mt"), lat = fdm_get(f, "position/distance-from-start-lat-mt");
    assert_near(sqrt(lon * lon + lat * lat), mag, 1e-3 * mag);
    saqr_fdm_destroy(f);
}

static void simulation_dt_is_the_step_outside_trims(void **state)
{
    (void)state;
    saqr_fdm *f = fdm_c172_in_flight();
    assert_near(fdm_get(f, "simulation/dt"), 1.0 / 120.0, 1e-15);
    assert_int_equal(saqr_fdm_set(f, saqr_fdm_property(f, "propulsion/set-running"), -1.0), SAQR_OK);
    assert_int_equal(saqr_fdm_trim(f, SAQR_TRIM_LONGITUDINAL), SAQR_OK);
    assert_near(fdm_get(f, "simulation/dt"), 1.0 / 120.0, 1e-15);
    assert_int_equal(saqr_fdm_step(f), SAQR_OK);
    assert_near(fdm_get(f, "simulation/dt"), 1.0 / 120.0, 1e-15);
    saqr_fdm_destroy(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_distance_from_start_follows_the_flight_path),
        cmocka_unit_test(simulation_dt_is_the_step_outside_trims),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
