/*
 * test_piston_boost.c - a supercharged piston engine (FGPiston's boost:
 * <numboostspeeds>, <ratedboostN>, <ratedpowerN>, <ratedrpmN>,
 * <ratedaltitudeN>, <takeoffboost>) against JSBSim's own output.  No
 * reference aircraft has one, so the c172x's IO-320 in a copy of the
 * reference root is given a two-speed supercharger (6 psi rated at 5,000
 * and 15,000 ft, 8 psi for take-off) and held down (forces/hold-down) at
 * full throttle and mixture for 3 s at four altitudes.  The expected
 * numbers were printed by JSBSim 1.3.2 (the reference data's commit) for
 * exactly these files: below 6,000 ft the first speed, above it the
 * second; the manifold pressure at the take-off limit (46.21 inHg) until
 * the second speed's boost can no longer reach it, 40.98 inHg at 20,000
 * ft.
 */
#include "fdm_util.h"
#include "temp_root.h"

#include <math.h>

static char root[256];

static int make_root(void **state)
{
    (void)state;
    if (temp_root_make(root, sizeof root, "saqr_test_boost"))
        return -1;
    temp_root_insert(root, "engine/eng_io320.xml", "</piston_engine>",
                     "  <numboostspeeds>2</numboostspeeds>\n  <boostoverride>0</boostoverride>\n"
                     "  <ratedboost1 unit=\"PSI\">6.0</ratedboost1>\n  <ratedpower1 unit=\"HP\">200</ratedpower1>\n"
                     "  <ratedrpm1>2700</ratedrpm1>\n  <ratedaltitude1 unit=\"FT\">5000</ratedaltitude1>\n"
                     "  <ratedboost2 unit=\"PSI\">6.0</ratedboost2>\n  <ratedpower2 unit=\"HP\">190</ratedpower2>\n"
                     "  <ratedrpm2>2700</ratedrpm2>\n  <ratedaltitude2 unit=\"FT\">15000</ratedaltitude2>\n"
                     "  <takeoffboost unit=\"PSI\">8.0</takeoffboost>\n");
    return 0;
}

static int remove_root(void **state)
{
    (void)state;
    return temp_root_remove(root);
}

/* The engine after 3 s held at full throttle at alt_ft (reset01's other
 * conditions), as the script JSBSim flew. */
static saqr_fdm *held_at(int alt_ft)
{
    char rel[64], text[1024];
    snprintf(rel, sizeof rel, "aircraft/c172x/boost%d.xml", alt_ft);
    snprintf(text, sizeof text,
             "<?xml version=\"1.0\"?>\n<initialize name=\"b\">\n <vt unit=\"KTS\">100.0</vt>\n"
             " <latitude unit=\"DEG\">28.0</latitude>\n <longitude unit=\"DEG\">-90.0</longitude>\n"
             " <psi unit=\"DEG\">200.0</psi>\n <altitude unit=\"FT\">%d</altitude>\n <running>-1</running>\n"
             "</initialize>\n",
             alt_ft);
    temp_root_write(root, rel, text);
    snprintf(rel, sizeof rel, "scripts/boost%d.xml", alt_ft);
    snprintf(text, sizeof text,
             "<?xml version=\"1.0\"?>\n<runscript name=\"boost\">\n <use aircraft=\"c172x\" initialize=\"boost%d\"/>\n"
             " <run start=\"0.0\" end=\"3.0\" dt=\"0.00833333333\">\n"
             "  <property value=\"1\">fcs/throttle-cmd-norm</property>\n"
             "  <property value=\"1\">fcs/mixture-cmd-norm</property>\n"
             "  <property value=\"1\">forces/hold-down</property>\n </run>\n</runscript>\n",
             alt_ft);
    temp_root_write(root, rel, text);
    saqr_fdm *f = fdm_script_in(root, rel);
    /* to JSBSim's last output row, t = 360 frames = 2.999999999 s */
    while (saqr_fdm_time(f) < 3.0 - 1e-6)
        assert_int_equal(saqr_fdm_step(f), SAQR_OK);
    return f;
}

static void supercharger_changes_speed_and_limits_the_manifold_pressure_as_jsbsim(void **state)
{
    (void)state;
    static const struct {
        int alt_ft;
        double map_inhg, speed, rpm, hp;
    } jsbsim[] = {
        /* JSBSim 1.3.2 at t = 3 s */
        {1000, 46.2088513397787537, 0, 3214.21165998567585, 465.251058273889328},
        {8000, 46.2088513397787537, 1, 3354.33208149952725, 519.376184836488392},
        {12000, 46.2088513397787537, 1, 3497.13159828885182, 561.738214471165179},
        {20000, 40.9778869621813584, 1, 3828.83829778218751, 576.284331990543592},
    };
    for (size_t i = 0; i < sizeof jsbsim / sizeof jsbsim[0]; i++) {
        saqr_fdm *f = held_at(jsbsim[i].alt_ft);
        const double map = fdm_get(f, "propulsion/engine/map-inhg"), rpm = fdm_get(f, "propulsion/engine/engine-rpm");
        const double hp = fdm_get(f, "propulsion/engine/power-hp");
        if (fdm_get(f, "propulsion/engine/boost-speed") != jsbsim[i].speed || fabs(map - jsbsim[i].map_inhg) > 1e-6 ||
            fabs(rpm - jsbsim[i].rpm) > 1e-5 || fabs(hp - jsbsim[i].hp) > 1e-5)
            fail_msg("%d ft: speed %g, MAP %.10g inHg, %.10g rpm, %.10g hp; JSBSim %g, %.10g, %.10g, %.10g",
                     jsbsim[i].alt_ft, fdm_get(f, "propulsion/engine/boost-speed"), map, rpm, hp, jsbsim[i].speed,
                     jsbsim[i].map_inhg, jsbsim[i].rpm, jsbsim[i].hp);
        saqr_fdm_destroy(f);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(supercharger_changes_speed_and_limits_the_manifold_pressure_as_jsbsim),
    };
    return cmocka_run_group_tests(tests, make_root, remove_root);
}
