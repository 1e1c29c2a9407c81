/*
 * test_atmosphere.c - US Standard Atmosphere 1976 against the values
 * tabulated in NOAA-S/T 76-1562 (table I, geometric altitude) and against
 * the atmosphere columns of NASA's check-case references; wind profiles.
 */
#include "test_util.h"

#include <math.h>
#include <string.h>

#include "atmos/us1976.h"
#include "atmos/wind.h"
#include "math/units.h"

/* NOAA-S/T 76-1562, table I: geometric altitude (m), T (K), P (Pa), rho (kg/m^3). */
static const struct { double z, t, p, rho; } table1[] = {
    {0.0, 288.150, 1.01325e5, 1.2250},
    {1000.0, 281.651, 8.98763e4, 1.1117},
    {5000.0, 255.676, 5.40482e4, 7.3643e-1},
    {11000.0, 216.774, 2.26999e4, 3.6480e-1},
    {20000.0, 216.650, 5.52929e3, 8.8910e-2},
};

/* NOAA-S/T 76-1562, table 4: layer bases in geopotential metres with their
 * temperature (K) and pressure (Pa). */
static const struct { double h, t, p, tol; } table4[] = {
    {11000.0, 216.65, 22632.06, 3e-5}, {20000.0, 216.65, 5474.889, 3e-5},
    {32000.0, 228.65, 868.0187, 3e-5}, {47000.0, 270.65, 110.9063, 3e-5},
    {51000.0, 270.65, 66.93887, 3e-5}, {71000.0, 214.65, 3.956420, 3e-5},
    {84852.0, 186.946, 0.3734, 2e-4}, /* given to four digits */
};

static void us1976_should_match_the_tabulated_standard(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof table1 / sizeof table1[0]; i++) {
        atmos_state a;
        assert_int_equal(us1976(table1[i].z, &a), 0);
        assert_near(a.temperature_k, table1[i].t, 0.002);
        assert_near(a.pressure_pa / table1[i].p, 1.0, 2e-5);
        assert_near(a.density_kgpm3 / table1[i].rho, 1.0, 2e-4);
    }
}

static void us1976_should_match_the_layer_bases_of_table_4(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof table4 / sizeof table4[0]; i++) {
        double z = 6356766.0 * table4[i].h / (6356766.0 - table4[i].h);
        atmos_state a;
        us1976(fmin(z, US1976_MAX_ALT_M), &a);
        assert_near(us1976_geopotential_m(z), table4[i].h, 1e-6);
        assert_near(a.temperature_k, table4[i].t, 0.001);
        assert_near(a.pressure_pa / table4[i].p, 1.0, table4[i].tol);
    }
}

static void us1976_should_match_nasa_check_case_values_at_30000_ft(void **state)
{
    (void)state;
    /* Atmos_01_sim_04.csv, t = 0: 30,000 ft. */
    atmos_state a;
    us1976(30000.0 * M_PER_FT, &a);
    assert_near(a.temperature_k / K_PER_R, 411.838873082, 1e-6);
    /* SIM 04 says 629.6737, SIM 05 629.6672 (constants differ); 0.01 psf
     * covers both. */
    assert_near(a.pressure_pa / PA_PER_PSF, 629.673709538, 1e-2);
    assert_near(a.density_kgpm3 / KGPM3_PER_SLUGPFT3, 8.90685451211e-4, 3e-9);
    /* SIM 04 994.84949, SIM 05 994.84878: the tools' gas constants differ. */
    assert_near(a.sound_speed_mps / M_PER_FT, 994.849493459, 2e-3);
}

static void us1976_should_be_continuous_at_layer_boundaries(void **state)
{
    (void)state;
    const double h[] = {11000.0, 20000.0, 32000.0, 47000.0, 51000.0, 71000.0};
    for (size_t i = 0; i < sizeof h / sizeof h[0]; i++) {
        /* geometric altitude of the geopotential boundary */
        double z = 6356766.0 * h[i] / (6356766.0 - h[i]);
        atmos_state lo, hi;
        us1976(z - 1e-6, &lo);
        us1976(z + 1e-6, &hi);
        assert_near(lo.pressure_pa / hi.pressure_pa, 1.0, 1e-9);
        assert_near(lo.temperature_k, hi.temperature_k, 1e-6);
    }
}

static void us1976_should_clamp_and_flag_out_of_range_altitudes(void **state)
{
    (void)state;
    atmos_state a, top;
    us1976(US1976_MAX_ALT_M, &top);
    assert_int_equal(us1976(200000.0, &a), 1);
    assert_near(a.pressure_pa, top.pressure_pa, 0.0);
    assert_int_equal(us1976(NAN, &a), 1);
    assert_near(a.temperature_k, 288.15, 1e-9);
    assert_int_equal(us1976(-1.0e6, &a), 1);
    assert_true(isfinite(a.density_kgpm3));
}

/* Table 4's seventh layer ends at 84,852 m', 0.05 m' below 86 km
 * geometric: at 86 km and above (clamped) the temperature is its top's,
 * as JSBSim's atmosphere keeps it (TestStdAtmosphere at 91 and 100 km). */
static void us1976_should_keep_the_top_layers_temperature_above_it(void **state)
{
    (void)state;
    const double z[] = {US1976_MAX_ALT_M, 92000.0, 100000.0};
    for (size_t i = 0; i < sizeof z / sizeof z[0]; i++) {
        atmos_state a;
        us1976(z[i], &a);
        assert_near(a.temperature_k, 186.946, 1e-9);
        assert_near(us1976_temperature_k(z[i]), 186.946, 1e-9);
    }
}

/* The temperature alone is us1976's temperature to the last bit, clamped
 * the same way (the flight model's atmosphere uses it every frame). */
static void us1976_temperature_alone_is_the_same_bits(void **state)
{
    (void)state;
    const double odd[] = {NAN, 0.0, -0.0, -1e9, 1e9, US1976_MIN_ALT_M, US1976_MAX_ALT_M, 11019.1, 20063.1};
    for (int i = 0; i < 200000 + (int)(sizeof odd / sizeof odd[0]); i++) {
        const double h = i < 200000 ? -6000.0 + 0.4637 * i : odd[i - 200000];
        atmos_state a;
        us1976(h, &a);
        const double t = us1976_temperature_k(h);
        if (memcmp(&t, &a.temperature_k, sizeof t) != 0)
            fail_msg("at %.17g m: %.17g alone, %.17g from us1976", h, t, a.temperature_k);
    }
}

static void wind_should_follow_the_linear_shear_of_nasa_case_8(void **state)
{
    (void)state;
    saqr_wind_config w = {{0.0, 70.0 * M_PER_FT, 0.0}, {0.0, 0.003, 0.0}, 30000.0 * M_PER_FT};
    assert_int_equal(wind_validate(&w, NULL), SAQR_OK);
    double v[3];
    wind_at(&w, 0.0, v);
    assert_near(v[1] / M_PER_FT, -20.0, 1e-9);
    wind_at(&w, 10000.0 * M_PER_FT, v);
    assert_near(v[1] / M_PER_FT, 0.003 * 10000.0 - 20.0, 1e-9);
    assert_near(v[0], 0.0, 0.0);
}

static void wind_validate_should_reject_non_finite_values(void **state)
{
    (void)state;
    saqr_err err = {{0}};
    saqr_wind_config w = {{0.0, NAN, 0.0}, {0.0, 0.0, 0.0}, 0.0};
    assert_int_equal(wind_validate(&w, &err), SAQR_EINVAL);
    assert_non_null(strstr(err.msg, "east"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(us1976_should_match_the_tabulated_standard),
        cmocka_unit_test(us1976_should_match_the_layer_bases_of_table_4),
        cmocka_unit_test(us1976_should_match_nasa_check_case_values_at_30000_ft),
        cmocka_unit_test(us1976_should_be_continuous_at_layer_boundaries),
        cmocka_unit_test(us1976_should_clamp_and_flag_out_of_range_altitudes),
        cmocka_unit_test(us1976_should_keep_the_top_layers_temperature_above_it),
        cmocka_unit_test(us1976_temperature_alone_is_the_same_bits),
        cmocka_unit_test(wind_should_follow_the_linear_shear_of_nasa_case_8),
        cmocka_unit_test(wind_validate_should_reject_non_finite_values),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
