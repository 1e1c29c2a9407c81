/*
 * test_jsbsim_atmosphere.c - the behaviour JSBSim's own tests ask of its
 * standard atmosphere and property catalogue, on a point mass of our own
 * (no aerodynamics, no gear, no engine: JSBSim's tests use its "ball"):
 *  - TestStdAtmosphere: the temperature and pressure of the 1976 layers at
 *    their bases and half way up them, at 91 and 100 km and below sea
 *    level, on the standard day, with a temperature bias (delta-T), a
 *    sea-level pressure (P-sl-psf, inches of mercury too) or both; the sea
 *    level's temperature, density and speed of sound; the floors of 1 K
 *    and 1e-15 Pa (test_temperature_lower_limit, test_pressure_lower_limit);
 *    and how delta-T and P-sl-psf react to writes (FGStandardAtmosphere's
 *    setters).  Its humidity and SL-graded-delta-T parts are not modelled
 *    (docs/jsbsim.md) and its SetTemperature has no Saqr API;
 *  - TestPressureAltitude and TestDensityAltitude: the standard day's
 *    altitude of the day's pressure and density, with delta-T 0 and +-27 R,
 *    and the standard day's pressure and density there;
 *  - TestMiscellaneous: the catalogue's geodetic-latitude names and their
 *    access (test_property_catalog), names with their /fdm/jsbsim/ path
 *    and unknown ones (test_property_access), a new aircraft's
 *    ic/lat-geod-deg of 0 whatever an earlier one was given
 *    (test_FG_reset), and two aircraft that keep their own time
 *    (test_property_manager_sharing).
 * The expected values are the standard's formulas written as JSBSim's test
 * writes them (its 47.88 Pa to the psf: JSBSim's 2116.228 psf sea level is
 * 101,325 Pa so), the numbers of JSBSim's assertions, and those JSBSim
 * 1.3's program printed flying this point mass (said where).  JSBSim's
 * run_ic after a change of the day is saqr_fdm_reposition here: a second
 * saqr_fdm_init resets the models and so the day, as JSBSim's
 * ResetToInitialConditions does.
 */
#include "fdm_util.h"
#include "temp_root.h"

#include <math.h>

static char root[64]; /* a JSBSim root holding aircraft/point only */

static const char *const point_xml =
    "<?xml version=\"1.0\"?>\n"
    "<fdm_config name=\"point\" version=\"2.0\">\n"
    "  <metrics>\n"
    "    <wingarea unit=\"FT2\">1</wingarea> <wingspan unit=\"FT\">1</wingspan> <chord unit=\"FT\">1</chord>\n"
    "    <location name=\"AERORP\" unit=\"IN\"><x>0</x><y>0</y><z>0</z></location>\n"
    "  </metrics>\n"
    "  <mass_balance>\n"
    "    <ixx unit=\"SLUG*FT2\">1</ixx> <iyy unit=\"SLUG*FT2\">1</iyy> <izz unit=\"SLUG*FT2\">1</izz>\n"
    "    <emptywt unit=\"LBS\">10</emptywt>\n"
    "    <location name=\"CG\" unit=\"IN\"><x>0</x><y>0</y><z>0</z></location>\n"
    "  </mass_balance>\n"
    "  <aerodynamics/>\n"
    "</fdm_config>\n";

static int setup(void **state)
{
    (void)state;
    if (temp_root_for_aircraft(root, sizeof root, "saqr_atmos", "point") != 0)
        return -1;
    temp_root_write(root, "aircraft/point/point.xml", point_xml);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    return temp_root_remove(root);
}

/* The point mass loaded, its initial conditions (0 deg, 0 deg, 0 ft) not
 * yet applied: the day set now is JSBSim's set before its first run_ic. */
static saqr_fdm *point_loaded(void)
{
    return fdm_aircraft_in(root, "point");
}

static saqr_fdm *point_ready(void)
{
    saqr_fdm *f = point_loaded();
    assert_int_equal(saqr_fdm_init(f), SAQR_OK);
    return f;
}

/* JSBSim's fdm['ic/h-sl-ft'] = h; fdm.run_ic(): placed at h (ft above sea
 * level), every model run, the day kept. */
static void place_at(saqr_fdm *f, double h_ft)
{
    fdm_set(f, "ic/h-sl-ft", h_ft);
    assert_int_equal(saqr_fdm_reposition(f), SAQR_OK);
}

/* assertAlmostEqual(1.0, a / b): seven places. */
#define assert_ratio(a, b) assert_near((a) / (b), 1.0, 5e-8)

/* ---- the standard atmosphere's layers ------------------------------------ */

/* US 1976 (NOAA-S/T 76-1562, table 4): each layer's top in geopotential km
 * and its temperature gradient (K/km); the first row is sea level. */
static const struct { double top_km, lapse_kpkm; } layers[] = {
    {0.0, 0.0},  {11.0, -6.5}, {20.0, 0.0},  {32.0, 1.0},
    {47.0, 2.8}, {51.0, 0.0},  {71.0, -2.8}, {84.852, -2.0},
};
#define N_LAYERS (sizeof layers / sizeof layers[0])

#define R_EARTH_KM 6356.766 /* the standard's r0 */
#define G0 9.80665
#define R_STAR 8.31432      /* J/(mol K) */
#define M_AIR 28.9645       /* g/mol, JSBSim's */
#define R_AIR (R_STAR * 1000.0 / M_AIR)
#define PA_PER_PSF_JSB 47.88
#define FT_PER_M (1.0 / 0.3048)
#define KG_PER_M3_TO_SLUG_PER_FT3 (0.06852168 * 0.3048 * 0.3048 * 0.3048)
#define R_AIR_FT (R_AIR * FT_PER_M * FT_PER_M / 1.8) /* ft lbf/(slug R) */

static double geometric_ft(double geopotential_km)
{
    return R_EARTH_KM * geopotential_km / (R_EARTH_KM - geopotential_km) * 1000.0 * FT_PER_M;
}

/* Hydrostatic pressure dh_km above a level at p_pa and t_k in a layer of
 * gradient lapse_kpkm. */
static double pressure_above(double p_pa, double lapse_kpkm, double dh_km, double t_k)
{
    const double k = G0 * M_AIR / R_STAR; /* K/km */
    if (lapse_kpkm != 0.0)
        return p_pa * pow(1.0 + lapse_kpkm * dh_km / t_k, -k / lapse_kpkm);
    return p_pa * exp(-k * dh_km / t_k);
}

/* JSBSim's check_temperature without a gradient: every layer's temperature
 * shifted to a sea level of t0_k, linear within the layers, constant above
 * 84.852 km' (at 91 km' and 100 km geometric), the first layer's gradient
 * below sea level (the Dead Sea's 1.5 km' down, and more). */
static void check_temperature(saqr_fdm *f, double t0_k)
{
    assert_ratio(t0_k * 1.8, fdm_get(f, "atmosphere/T-sl-R"));
    assert_ratio(sqrt(1.4 * R_AIR * t0_k) * FT_PER_M, fdm_get(f, "atmosphere/a-sl-fps"));
    double t_k = t0_k, h_km = 0.0;
    for (size_t i = 0; i < N_LAYERS; i++) {
        double dh = layers[i].top_km - h_km, lapse = layers[i].lapse_kpkm;
        place_at(f, geometric_ft(h_km + 0.5 * dh));
        assert_ratio((t_k + 0.5 * lapse * dh) * 1.8, fdm_get(f, "atmosphere/T-R"));
        t_k += lapse * dh;
        place_at(f, geometric_ft(layers[i].top_km));
        assert_ratio(t_k * 1.8, fdm_get(f, "atmosphere/T-R"));
        h_km = layers[i].top_km;
    }
    place_at(f, geometric_ft(91.0));
    assert_ratio(t_k * 1.8, fdm_get(f, "atmosphere/T-R"));
    place_at(f, 100.0 * 1000.0 * FT_PER_M);
    assert_ratio(t_k * 1.8, fdm_get(f, "atmosphere/T-R"));
    place_at(f, geometric_ft(-1.5));
    assert_ratio((t0_k + 1.5 * 6.5) * 1.8, fdm_get(f, "atmosphere/T-R"));
}

/* JSBSim's check_pressure without a gradient: the hydrostatic pressure up
 * the layers from a sea level at p0_pa and t0_k, and below it. */
static void check_pressure(saqr_fdm *f, double p0_pa, double t0_k)
{
    assert_ratio(p0_pa / PA_PER_PSF_JSB, fdm_get(f, "atmosphere/P-sl-psf"));
    /* assertAlmostEqual's seven places, ~2e-5 of it */
    assert_near(fdm_get(f, "atmosphere/rho-sl-slugs_ft3"), p0_pa / (R_AIR * t0_k) * KG_PER_M3_TO_SLUG_PER_FT3, 5e-8);
    assert_ratio(sqrt(1.4 * R_AIR * t0_k) * FT_PER_M, fdm_get(f, "atmosphere/a-sl-fps"));
    double p_pa = p0_pa, t_k = t0_k, h_km = 0.0;
    for (size_t i = 0; i < N_LAYERS; i++) {
        double dh = layers[i].top_km - h_km, lapse = layers[i].lapse_kpkm;
        place_at(f, geometric_ft(h_km + 0.5 * dh));
        assert_ratio(pressure_above(p_pa, lapse, 0.5 * dh, t_k) / PA_PER_PSF_JSB, fdm_get(f, "atmosphere/P-psf"));
        p_pa = pressure_above(p_pa, lapse, dh, t_k);
        place_at(f, geometric_ft(layers[i].top_km));
        assert_ratio(p_pa / PA_PER_PSF_JSB, fdm_get(f, "atmosphere/P-psf"));
        t_k += lapse * dh;
        h_km = layers[i].top_km;
    }
    place_at(f, geometric_ft(-1.5));
    assert_ratio(pressure_above(p0_pa, -6.5, -1.5, t0_k) / PA_PER_PSF_JSB, fdm_get(f, "atmosphere/P-psf"));
}

static void the_standard_day_follows_the_1976_layers(void **state)
{
    (void)state;
    saqr_fdm *f = point_ready();
    check_temperature(f, 288.15);
    check_pressure(f, 101325.0, 288.15);
    saqr_fdm_destroy(f);
}

/* A bias shifts every layer's temperature by the same amount; the pressure
 * aloft follows the warmer column. */
static void a_temperature_bias_warms_every_layer(void **state)
{
    (void)state;
    saqr_fdm *f = point_loaded();
    fdm_set(f, "atmosphere/delta-T", 15.0 * 1.8);
    assert_int_equal(saqr_fdm_init(f), SAQR_OK);
    check_temperature(f, 288.15 + 15.0);
    check_pressure(f, 101325.0, 288.15 + 15.0);
    saqr_fdm_destroy(f);
}

/* The sea-level pressure scales the pressure at every altitude and leaves
 * the temperatures; with a bias too (JSBSim's test_sl_pressure_bias and
 * test_pressure_and_temperature_bias).  29.92 inHg, written in psf, is
 * JSBSim's test_set_pressure_SL. */
static void a_sea_level_pressure_scales_every_layer(void **state)
{
    (void)state;
    for (int biased = 0; biased < 2; biased++) {
        saqr_fdm *f = point_loaded();
        fdm_set(f, "atmosphere/P-sl-psf", 95000.0 / PA_PER_PSF_JSB);
        if (biased)
            fdm_set(f, "atmosphere/delta-T", 15.0 * 1.8);
        assert_int_equal(saqr_fdm_init(f), SAQR_OK);
        check_temperature(f, 288.15 + 15.0 * biased);
        check_pressure(f, 95000.0, 288.15 + 15.0 * biased);
        saqr_fdm_destroy(f);
    }
    saqr_fdm *f = point_ready();
    fdm_set(f, "atmosphere/P-sl-psf", 29.92 * 70.7180803); /* JSBSim's psf per inHg */
    place_at(f, 0.0);
    assert_near(fdm_get(f, "atmosphere/P-psf"), 2115.8849626, 5e-8);
    saqr_fdm_destroy(f);
}

/* ---- writes and floors ---------------------------------------------------- */

/* As JSBSim's SetTemperatureBias and SetPressureSL: a write changes the sea
 * level's temperature, density and speed of sound at once (the air at the
 * altitude at the next run of the models), a bias that would take the
 * coldest layer below 1 K is raised to the one that gives 1 K there, and
 * a sea-level pressure below 1e-15 Pa, zero too, is raised to it. */
static void the_day_reacts_to_writes_as_jsbsims_setters(void **state)
{
    (void)state;
    saqr_fdm *f = point_ready();
    place_at(f, 5000.0);
    const double t_r = fdm_get(f, "atmosphere/T-R");
    fdm_set(f, "atmosphere/delta-T", 27.0);
    assert_near(fdm_get(f, "atmosphere/T-sl-R"), 518.67 + 27.0, 1e-9);
    assert_ratio(fdm_get(f, "atmosphere/a-sl-fps"), sqrt(1.4 * R_AIR * (518.67 + 27.0) / 1.8) * FT_PER_M);
    assert_ratio(fdm_get(f, "atmosphere/rho-sl-slugs_ft3"), 2116.228 / (R_AIR_FT * (518.67 + 27.0)));
    assert_near(fdm_get(f, "atmosphere/T-R"), t_r, 0.0);
    assert_ratio(fdm_get(f, "atmosphere/theta"), t_r / (518.67 + 27.0));
    place_at(f, 5000.0);
    assert_near(fdm_get(f, "atmosphere/T-R"), t_r + 27.0, 1e-9);

    const double p_psf = fdm_get(f, "atmosphere/P-psf");
    fdm_set(f, "atmosphere/P-sl-psf", 2000.0);
    assert_ratio(fdm_get(f, "atmosphere/rho-sl-slugs_ft3"), 2000.0 / (R_AIR_FT * (518.67 + 27.0)));
    assert_near(fdm_get(f, "atmosphere/P-psf"), p_psf, 0.0);
    place_at(f, 5000.0);
    assert_ratio(fdm_get(f, "atmosphere/P-psf"), p_psf * 2000.0 / 2116.228);

    /* JSBSim 1.3 reads back -334.7028 R (1 K less the coldest layer's
     * 336.5028 R) and 1e-15 Pa (2.08854342e-17 psf) */
    fdm_set(f, "atmosphere/delta-T", -4000.0);
    assert_near(fdm_get(f, "atmosphere/delta-T"), 1.8 - 336.5028, 1e-12);
    assert_near(fdm_get(f, "atmosphere/T-sl-R"), 183.9672, 1e-9);
    fdm_set(f, "atmosphere/P-sl-psf", 0.0);
    assert_near(fdm_get(f, "atmosphere/P-sl-psf") * 1e17, 2.08854342, 5e-8);
    fdm_set(f, "atmosphere/P-sl-psf", -100.0);
    assert_near(fdm_get(f, "atmosphere/P-sl-psf") * 1e17, 2.08854342, 5e-8);
    saqr_fdm_destroy(f);
}

/* JSBSim's test_temperature_lower_limit and test_pressure_lower_limit: 1 K
 * at 500,000 ft with delta-T -4000 R; 1e-15 Pa at 1e7 ft on the standard
 * day, where the pressure altitude is that of 1e-15 Pa, and with a
 * sea-level pressure of 0.  The point mass at 500,000 ft with both, in
 * JSBSim 1.3: rho 6.75947138989391479e-21 slug/ft3, pressure altitude
 * 919616.889945426607 ft, density altitude 817721.695740372874 ft. */
static void temperature_and_pressure_keep_jsbsims_floors(void **state)
{
    (void)state;
    saqr_fdm *f = point_ready();
    place_at(f, 500000.0);
    fdm_set(f, "atmosphere/delta-T", -4000.0);
    place_at(f, 500000.0);
    assert_near(fdm_get(f, "atmosphere/T-R"), 1.8, 5e-8);
    assert_true(isfinite(fdm_get(f, "atmosphere/a-fps")) && fdm_get(f, "atmosphere/a-fps") > 0.0);
    fdm_set(f, "atmosphere/P-sl-psf", 0.0);
    place_at(f, 500000.0);
    assert_near(fdm_get(f, "atmosphere/P-psf") * 1e17, 2.08854342, 5e-8);
    assert_ratio(fdm_get(f, "atmosphere/rho-slugs_ft3"), 6.75947138989391479e-21);
    assert_ratio(fdm_get(f, "atmosphere/pressure-altitude"), 919616.889945426607);
    assert_ratio(fdm_get(f, "atmosphere/density-altitude"), 817721.695740372874);
    saqr_fdm_destroy(f);

    f = point_ready();
    place_at(f, 1e7);
    assert_near(fdm_get(f, "atmosphere/P-psf") * 1e17, 2.08854342, 5e-8);
    double hp = fdm_get(f, "atmosphere/pressure-altitude");
    assert_true(hp > 900000.0 && hp < fdm_get(f, "ic/h-sl-ft"));
    assert_ratio(hp, 919616.889945426607); /* JSBSim 1.3, the point mass */
    fdm_set(f, "atmosphere/P-sl-psf", 0.0);
    place_at(f, 1e7);
    assert_near(fdm_get(f, "atmosphere/P-sl-psf") * 1e17, 2.08854342, 5e-8);
    assert_near(fdm_get(f, "atmosphere/P-psf") * 1e17, 2.08854342, 5e-8);
    saqr_fdm_destroy(f);
}

/* ---- pressure and density altitude ---------------------------------------- */

/* Rows of JSBSim's TestPressureAltitude and TestDensityAltitude, one or
 * two in each layer: altitude (ft), delta-T (R) and the standard day's
 * altitudes (ft) of that day's pressure and density. */
static const struct { double h_ft, dt_r, pressure_alt_ft, density_alt_ft; } days[] = {
    {0, -27, 0, -1838.3210293},
    {0, 27, 0, 1724.0715454},
    {10000, -27, 10549.426597202142, 8842.6417730},
    {10000, 27, 9504.969939165301, 11117.881412},
    {40000, -27, 42294.25242340247, 40795.49296642545},
    {60000, 27, 56673.032160129085, 58073.53700852329},
    {100000, -27, 107018.51146890492, 105340.83866126923},
    {150000, 27, 139810.93668842476, 141847.12260237316},
    {160000, -27, 172582.32995327076, 171305.317547756},
    {220000, 27, 207274.89794422916, 207735.4268030979},
    {260000, -27, 275000.20893894637, 274351.9265767301},
    {290000, 27, 275185.69941262825, 276290.37419984984},
    {320000, -27, 339541.05112835445, 337990.28144264355},
    {320000, 0, 320000, 320000},
};

/* Each altitude as JSBSim's (1e-7 ft; the density altitude to seven places
 * of the ratio), and the standard day at it has the day's pressure and
 * density (seven places). */
static void pressure_and_density_altitudes_match_jsbsims(void **state)
{
    (void)state;
    saqr_fdm *f = point_ready();
    for (size_t i = 0; i < sizeof days / sizeof days[0]; i++) {
        fdm_set(f, "atmosphere/delta-T", days[i].dt_r);
        place_at(f, days[i].h_ft);
        double hp = fdm_get(f, "atmosphere/pressure-altitude"), hd = fdm_get(f, "atmosphere/density-altitude");
        double p_psf = fdm_get(f, "atmosphere/P-psf"), rho = fdm_get(f, "atmosphere/rho-slugs_ft3");
        assert_near(hp, days[i].pressure_alt_ft, 1e-7);
        if (days[i].density_alt_ft == 0.0)
            assert_near(hd, 0.0, 5e-8);
        else
            assert_ratio(hd, days[i].density_alt_ft);
        fdm_set(f, "atmosphere/delta-T", 0.0);
        place_at(f, hp);
        assert_near(fdm_get(f, "atmosphere/P-psf"), p_psf, 5e-8);
        place_at(f, hd);
        assert_near(fdm_get(f, "atmosphere/rho-slugs_ft3"), rho, 5e-8);
    }
    saqr_fdm_destroy(f);
}

/* ---- the property catalogue and separate aircraft ------------------------- */

/* JSBSim's query_property_catalog("geod-deg") on its ball gives
 * "position/lat-geod-deg (R)" and "ic/lat-geod-deg (RW)"; and, as its
 * test_property_access, a name is found by its full path under
 * /fdm/jsbsim too, and a name nothing defines is not there (Saqr's API
 * creates no property). */
static void the_catalogue_names_the_geodetic_latitude_twice(void **state)
{
    (void)state;
    saqr_fdm *f = point_ready();
    assert_int_equal(saqr_fdm_property(f, "/fdm/jsbsim/ic/lat-geod-deg"), saqr_fdm_property(f, "ic/lat-geod-deg"));
    assert_int_equal(saqr_fdm_property(f, "qwerty"), -1);
    int found = 0;
    for (int i = 0; i < saqr_fdm_property_count(f); i++) {
        const char *name = saqr_fdm_property_name(f, i);
        if (!strstr(name, "geod-deg"))
            continue;
        if (strcmp(name, "position/lat-geod-deg") == 0)
            assert_int_equal(saqr_fdm_set(f, i, 1.0), SAQR_EINVAL); /* read-only */
        else if (strcmp(name, "ic/lat-geod-deg") == 0)
            assert_int_equal(saqr_fdm_set(f, i, 1.0), SAQR_OK);
        else
            fail_msg("%s is not in JSBSim's catalogue", name);
        found++;
    }
    assert_int_equal(found, 2);
    saqr_fdm_destroy(f);
}

/* JSBSim's test_FG_reset: an aircraft loaded after another was placed at
 * 45 deg and destroyed starts from its own ic/lat-geod-deg of 0; and its
 * test_property_manager_sharing: flying one aircraft leaves another's
 * time at 0. */
static void each_aircraft_keeps_its_own_properties(void **state)
{
    (void)state;
    saqr_fdm *f = point_loaded();
    assert_near(fdm_get(f, "ic/lat-geod-deg"), 0.0, 0.0);
    fdm_set(f, "ic/lat-geod-deg", 45.0);
    assert_int_equal(saqr_fdm_init(f), SAQR_OK);
    assert_near(fdm_get(f, "position/lat-geod-deg"), 45.0, 1e-9);
    saqr_fdm_destroy(f);
    f = point_loaded();
    assert_near(fdm_get(f, "ic/lat-geod-deg"), 0.0, 0.0);
    saqr_fdm_destroy(f);

    saqr_fdm *c172 = fdm_c172_in_flight(), *point = point_ready();
    while (fdm_get(c172, "simulation/sim-time-sec") < 1.0) {
        assert_int_equal(saqr_fdm_step(c172), SAQR_OK);
        assert_near(fdm_get(point, "simulation/sim-time-sec"), 0.0, 0.0);
    }
    saqr_fdm_destroy(c172);
    saqr_fdm_destroy(point);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_standard_day_follows_the_1976_layers),
        cmocka_unit_test(a_temperature_bias_warms_every_layer),
        cmocka_unit_test(a_sea_level_pressure_scales_every_layer),
        cmocka_unit_test(the_day_reacts_to_writes_as_jsbsims_setters),
        cmocka_unit_test(temperature_and_pressure_keep_jsbsims_floors),
        cmocka_unit_test(pressure_and_density_altitudes_match_jsbsims),
        cmocka_unit_test(the_catalogue_names_the_geodetic_latitude_twice),
        cmocka_unit_test(each_aircraft_keeps_its_own_properties),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
