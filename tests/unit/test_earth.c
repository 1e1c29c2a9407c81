/*
 * test_earth.c - Earth models: geodetic conversions against WGS-84 closed
 * forms and NASA's initial conditions, J2 and inverse-square gravitation
 * against NASA's reference values, frame matrices.
 */
#include "test_util.h"

#include <math.h>

#include "earth/earth.h"
#include "math/units.h"
#include "math/vec3.h"

static earth_model make(saqr_earth_kind kind)
{
    earth_model e;
    saqr_earth_config c = saqr_earth_default(kind);
    assert_int_equal(earth_init(&e, &c, NULL), SAQR_OK);
    return e;
}

static void geodetic_round_trip_should_be_exact_to_micrometres(void **state)
{
    (void)state;
    earth_model e = make(SAQR_EARTH_WGS84);
    const double lats[] = {0.0, 0.3, -0.7, 1.2, 1.5707, -1.5707963, 89.95 * RAD_PER_DEG};
    const double alts[] = {-400.0, 0.0, 3052.0, 9144.0, 1.0e5};
    for (size_t i = 0; i < sizeof lats / sizeof lats[0]; i++)
        for (size_t k = 0; k < sizeof alts / sizeof alts[0]; k++) {
            double r[3], lat, lon, alt;
            earth_ecef_from_geodetic(&e, lats[i], -1.3, alts[k], r);
            earth_geodetic_from_ecef(&e, r, &lat, &lon, &alt);
            assert_near(lat, lats[i], 1e-12);
            assert_near(lon, -1.3, 1e-12);
            assert_near(alt, alts[k], 1e-6);
        }
}

static void ecef_position_should_match_nasa_workbook_for_case_11(void **state)
{
    (void)state;
    /* Initial_Conditions.txt: case 11 at 36.019167 N, 75.674444 W, 10,013 ft:
     * distance from the Z axis 16,952,811.978 ft,
     * The workbook's own equatorial radius is 20,925,646.99508 ft. */
    earth_model e;
    saqr_earth_config c = saqr_earth_default(SAQR_EARTH_WGS84);
    c.semi_major_m = 20925646.995080002 * M_PER_FT;
    assert_int_equal(earth_init(&e, &c, NULL), SAQR_OK);
    double r[3];
    earth_ecef_from_geodetic(&e, 36.01916666666667 * RAD_PER_DEG, -75.67444444444445 * RAD_PER_DEG,
                             10013.0 * M_PER_FT, r);
    assert_near(hypot(r[0], r[1]) / M_PER_FT, 16952811.978363294, 2e-3);
    /* (The workbook's "radius to vehicle" adds the altitude to the surface
     * radius, an approximation, so it is not compared.) */
}

static void j2_gravity_should_match_nasa_local_gravity_at_30000_ft(void **state)
{
    (void)state;
    /* Atmos_01_sim_04.csv t = 0: 32.1065359519 ft/s^2 at 0 N 0 E 30,000 ft;
     * Atmos_09_sim_04.csv t = 0: 32.1988102141 at sea level. */
    earth_model e = make(SAQR_EARTH_WGS84);
    double r[3], g[3];
    earth_ecef_from_geodetic(&e, 0.0, 0.0, 30000.0 * M_PER_FT, r);
    earth_gravitation_ecef(&e, r, g);
    assert_near(vec3_norm(g) / M_PER_FT, 32.1065359519, 1e-8);
    earth_ecef_from_geodetic(&e, 0.0, 0.0, 0.0, r);
    earth_gravitation_ecef(&e, r, g);
    assert_near(vec3_norm(g) / M_PER_FT, 32.1988102141, 1e-8);
    /* At the pole J2 lowers the pull below GM/r^2 * (1 + 3 J2 (a/r)^2) ... it
     * points straight down the axis. */
    earth_ecef_from_geodetic(&e, UNITS_PI / 2, 0.0, 0.0, r);
    earth_gravitation_ecef(&e, r, g);
    assert_near(g[0], 0.0, 1e-9);
    assert_true(g[2] < -9.83 && g[2] > -9.84);
}

static void round_earth_gravity_should_be_inverse_square(void **state)
{
    (void)state;
    earth_model e = make(SAQR_EARTH_ROUND_FIXED);
    double r[3], g[3], lat, lon, alt;
    earth_ecef_from_geodetic(&e, 0.4, 0.2, 9144.0, r);
    earth_gravitation_ecef(&e, r, g);
    double rn = vec3_norm(r);
    assert_near(vec3_norm(g), 3.986004418e14 / (rn * rn), 1e-12);
    assert_near(rn, 6371007.1809 + 9144.0, 1e-3);
    earth_geodetic_from_ecef(&e, r, &lat, &lon, &alt);
    assert_near(lat, 0.4, 1e-14);
    assert_near(alt, 9144.0, 1e-6);
    assert_near(e.omega_radps, 0.0, 0.0);
    earth_model rot = make(SAQR_EARTH_ROUND_ROTATING);
    assert_near(rot.omega_radps, 7.292115e-5, 0.0);
}

static void ned_matrix_should_point_down_to_the_centre_on_a_sphere(void **state)
{
    (void)state;
    earth_model e = make(SAQR_EARTH_ROUND_FIXED);
    double c[3][3], r[3], r_ned[3];
    earth_ecef_from_geodetic(&e, -0.6, 2.5, 0.0, r);
    earth_dcm_ned_from_ecef(&e, -0.6, 2.5, c);
    mat3_mul_vec(c, r, r_ned);
    assert_near(r_ned[0], 0.0, 1e-6);
    assert_near(r_ned[1], 0.0, 1e-6);
    assert_near(r_ned[2], -vec3_norm(r), 1e-6);
}

static void flat_earth_should_map_north_east_down_directly(void **state)
{
    (void)state;
    earth_model e = make(SAQR_EARTH_FLAT);
    double r[3], g[3], lat, lon, alt;
    earth_ecef_from_geodetic(&e, 0.001, 0.002, 500.0, r);
    earth_geodetic_from_ecef(&e, r, &lat, &lon, &alt);
    assert_near(lat, 0.001, 1e-15);
    assert_near(lon, 0.002, 1e-15);
    assert_near(alt, 500.0, 1e-9);
    assert_near(r[2], -500.0, 1e-9);
    earth_gravitation_ecef(&e, r, g);
    assert_near(g[2], G0_MPS2, 0.0);
}

/* A contact's height and up from the CG's by the curvature
 * (earth_offset_alt_up) against the exact conversion of the point itself:
 * to 1e-8 m and 1e-9 rad for offsets up to 25 m, where the flat-Earth
 * height (no curvature terms) is off by up to 5e-5 m. */
static void offset_height_and_up_should_match_the_exact_conversion(void **state)
{
    (void)state;
    const saqr_earth_kind kinds[] = {SAQR_EARTH_WGS84, SAQR_EARTH_ROUND_ROTATING};
    const double lats[] = {0.0, 0.6, -1.2, 1.5707};
    const double alts[] = {0.0, 3000.0, 1.0e4};
    const double offsets[][3] = {{25.0, 0.0, 0.0}, {0.0, -25.0, 0.0}, {0.0, 0.0, 3.0},
                                 {-14.0, 12.0, 2.5}, {9.0, 20.0, -4.0}, {-0.5, -0.3, 1.9}};
    double worst_flat = 0.0;
    for (size_t ki = 0; ki < sizeof kinds / sizeof kinds[0]; ki++) {
        earth_model e = make(kinds[ki]);
        for (size_t i = 0; i < sizeof lats / sizeof lats[0]; i++)
            for (size_t k = 0; k < sizeof alts / sizeof alts[0]; k++) {
                double r_cg[3], lat, lon, alt, c[3][3], inv_radius_m[2];
                earth_ecef_from_geodetic(&e, lats[i], 0.4, alts[k], r_cg);
                earth_geodetic_frame(&e, r_cg, &lat, &lon, &alt, c);
                earth_inverse_radii(&e, -c[2][2], alt, inv_radius_m);
                for (size_t o = 0; o < sizeof offsets / sizeof offsets[0]; o++) {
                    double d_ecef[3], r[3], up_ecef[3], up_exact[3], up_ned[3];
                    mat3_tmul_vec(c, offsets[o], d_ecef);
                    for (int j = 0; j < 3; j++)
                        r[j] = r_cg[j] + d_ecef[j];
                    double h_exact = earth_geodetic_alt_up(&e, r, up_ecef);
                    mat3_mul_vec(c, up_ecef, up_exact);
                    double h = earth_offset_alt_up(inv_radius_m, alt, offsets[o], up_ned);
                    assert_near(h, h_exact, 1e-8);
                    for (int j = 0; j < 3; j++)
                        assert_near(up_ned[j], up_exact[j], 1e-9);
                    double flat_error = fabs(alt - offsets[o][2] - h_exact);
                    worst_flat = flat_error > worst_flat ? flat_error : worst_flat;
                }
            }
    }
    assert_true(worst_flat > 4e-5); /* the curvature terms are what matches */
    earth_model flat = make(SAQR_EARTH_FLAT);
    double inv_radius_m[2], up_ned[3];
    earth_inverse_radii(&flat, 0.0, 100.0, inv_radius_m);
    assert_near(earth_offset_alt_up(inv_radius_m, 100.0, offsets[3], up_ned), 97.5, 0.0);
    assert_near(up_ned[2], -1.0, 0.0);
}

static void earth_init_should_reject_bad_constants(void **state)
{
    (void)state;
    earth_model e;
    saqr_err err = {{0}};
    saqr_earth_config c = saqr_earth_default(SAQR_EARTH_WGS84);
    c.inv_flattening = NAN;
    assert_int_equal(earth_init(&e, &c, &err), SAQR_EINVAL);
    assert_non_null(strstr(err.msg, "inv_flattening"));
    c = saqr_earth_default(SAQR_EARTH_WGS84);
    c.gm_m3ps2 = -1.0;
    assert_int_equal(earth_init(&e, &c, &err), SAQR_EINVAL);
    assert_non_null(strstr(err.msg, "gm_m3ps2"));
    c = saqr_earth_default(SAQR_EARTH_ROUND_FIXED);
    c.round_radius_m = INFINITY;
    assert_int_equal(earth_init(&e, &c, &err), SAQR_EINVAL);
    c.kind = (saqr_earth_kind)42;
    assert_int_equal(earth_init(&e, &c, &err), SAQR_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(geodetic_round_trip_should_be_exact_to_micrometres),
        cmocka_unit_test(ecef_position_should_match_nasa_workbook_for_case_11),
        cmocka_unit_test(j2_gravity_should_match_nasa_local_gravity_at_30000_ft),
        cmocka_unit_test(round_earth_gravity_should_be_inverse_square),
        cmocka_unit_test(ned_matrix_should_point_down_to_the_centre_on_a_sphere),
        cmocka_unit_test(flat_earth_should_map_north_east_down_directly),
        cmocka_unit_test(offset_height_and_up_should_match_the_exact_conversion),
        cmocka_unit_test(earth_init_should_reject_bad_constants),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
