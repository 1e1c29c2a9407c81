/*
 * test_rocket.c - a solid rocket on an inline propulsion (src/fdm/engine.c,
 * tank.c) against FGRocket's and FGTank's formulas worked by hand: the
 * thrust table's thrust times (1 + thrust variation)(1 + total impulse
 * variation), the propellant flow thrust / Isp / (1 + total impulse
 * variation), the variations writable; solid grains with the inertia of
 * what is left - a hollow cylinder whose bore grows (CYLINDRICAL:
 * Ixx = m (R^2 + r^2) / 2) or a shortening solid one (ENDBURNING:
 * Iyy = m (3 R^2 + L^2) / 12); a bore wider than the grain, or an unknown
 * grain type, is an error with file and line.
 */
#include "propulsion_fixture.h"

#include <math.h>

#define DT (1.0 / 120.0)
#define ISP 268.0
#define TABLE_THRUST 1000.0
#define R_IN 24.0      /* tank radius, 2 ft            */
#define BORE_R_IN 6.0  /* half the 1 ft bore diameter  */
#define LEN_IN 120.0   /* 10 ft                        */
#define FULL_LBS 200.0
#define LB_TO_SLUG (1.0 / 32.174049)

#define GRAIN(type, bore) \
    "<grain_config type=\"" type "\"><length unit=\"FT\"> 10 </length>" bore "</grain_config>\n"
#define BORE "<bore_diameter unit=\"FT\"> 1 </bore_diameter>"

#define PROPULSION(grain2)                                                                   \
    "<propulsion>\n"                                                                        \
    " <engine><rocket_engine name=\"SRB\">\n"                                               \
    "   <isp> 268 </isp> <builduptime> 0.2 </builduptime>\n"                                \
    "   <variation> <thrust> 0.02 </thrust> <total_isp> 0.01 </total_isp> </variation>\n"  \
    "   <thrust_table name=\"propulsion/thrust_prop_remain\" type=\"internal\"><tableData>\n" \
    "      0 1000\n 1000 1000 </tableData></thrust_table>\n"                                \
    "  </rocket_engine>\n"                                                                  \
    "  <feed> 0 </feed>\n"                                                                  \
    "  <thruster><nozzle name=\"N\"><area unit=\"FT2\"> 0.001 </area></nozzle>\n"           \
    "   <location unit=\"IN\"><x>0</x><y>0</y><z>0</z></location></thruster>\n"            \
    " </engine>\n"                                                                          \
    " <tank type=\"FUEL\"><location unit=\"IN\"><x>0</x><y>0</y><z>0</z></location>\n"      \
    "  <radius unit=\"FT\"> 2 </radius>\n" GRAIN("CYLINDRICAL", BORE)                       \
    "  <capacity unit=\"LBS\"> 200 </capacity> <contents unit=\"LBS\"> 200 </contents>\n"   \
    " </tank>\n"                                                                            \
    " <tank type=\"FUEL\"><location unit=\"IN\"><x>0</x><y>0</y><z>0</z></location>\n"      \
    "  <radius unit=\"FT\"> 2 </radius>\n" grain2                                            \
    "  <capacity unit=\"LBS\"> 200 </capacity> <contents unit=\"LBS\"> 200 </contents>\n"   \
    " </tank>\n"                                                                            \
    "</propulsion>\n"

typedef prop_fixture fixture;

static fixture *load(void) { return prop_fixture_load(PROPULSION(GRAIN("ENDBURNING", "")), DT); }
static void unload(fixture *f) { prop_fixture_free(f); }
static double get(fixture *f, const char *name) { return prop_get(f, name); }

static void step(fixture *f)
{
    jsb_set(&f->j, "fcs/throttle-pos-norm", 1.0);
    prop_step(f);
}

static void a_solid_rockets_thrust_carries_its_variations(void **state)
{
    (void)state;
    fixture *f = load();
    assert_near(get(f, "propulsion/engine/thrust-variation_pct"), 0.02, 0);
    assert_near(get(f, "propulsion/engine/total-isp-variation_pct"), 0.01, 0);
    for (int k = 0; k < 60; k++) /* past the 0.2 s build-up */
        step(f);
    double want = TABLE_THRUST * 1.02 * 1.01;
    assert_near(get(f, "propulsion/engine/vacuum-thrust_lbs"), want, 1e-9 * want);
    /* the same propellant gives 1% more impulse: the flow is thrust / Isp / 1.01 */
    assert_near(get(f, "propulsion/engine/fuel-flow-rate-pps"), want / ISP / 1.01, 1e-9);
    /* writable, as JSBSim's */
    jsb_set(&f->j, "propulsion/engine/thrust-variation_pct", 0.0);
    step(f);
    assert_near(get(f, "propulsion/engine/vacuum-thrust_lbs"), TABLE_THRUST * 1.01, 1e-9 * TABLE_THRUST);
    unload(f);
}

/* A hollow cylinder of outer radius R and bore r: Ixx = m (R^2 + r^2) / 2,
 * Iyy = Izz = m (3 (R^2 + r^2) + L^2) / 12; the bore grows as it burns,
 * the outer radius and the length stay.  An end-burning grain is a solid
 * cylinder that shortens. */
static void solid_grains_have_the_inertia_of_what_is_left(void **state)
{
    (void)state;
    fixture *f = load();
    step(f);
    double m = get(f, "propulsion/tank/contents-lbs") * LB_TO_SLUG;
    double r2 = BORE_R_IN * BORE_R_IN, big2 = R_IN * R_IN;
    assert_near(get(f, "propulsion/tank/local-ixx-slug_ft2"), 0.5 * m * (big2 + r2) / 144.0, 1e-9 * m);
    /* half the propellant left: the bore's area grows by half the ring's */
    jsb_set(&f->j, "propulsion/tank[0]/contents-lbs", 0.5 * FULL_LBS);
    jsb_set(&f->j, "propulsion/tank[1]/contents-lbs", 0.5 * FULL_LBS);
    jsb_set(&f->j, "fcs/throttle-pos-norm", 0.0);
    f->env.dt_s = 0.0; /* no burn: the contents as written */
    fdm_forces out;
    propulsion_run(f->p, &f->env, f->j.props.v, &out);
    m = 0.5 * FULL_LBS * LB_TO_SLUG;
    double inner2 = big2 - 0.5 * (big2 - r2);
    double sum = (big2 + inner2) / 144.0;
    assert_near(get(f, "propulsion/tank[0]/local-ixx-slug_ft2"), 0.5 * m * sum, 1e-9 * m);
    assert_near(get(f, "propulsion/tank[0]/local-iyy-slug_ft2"), m * (3.0 * sum + LEN_IN * LEN_IN / 144.0) / 12.0,
                1e-9 * m);
    /* end-burning: half the length left */
    double len_ft = 0.5 * LEN_IN / 12.0;
    assert_near(get(f, "propulsion/tank[1]/local-ixx-slug_ft2"), 0.5 * m * big2 / 144.0, 1e-9 * m);
    assert_near(get(f, "propulsion/tank[1]/local-iyy-slug_ft2"), m * (3.0 * big2 / 144.0 + len_ft * len_ft) / 12.0,
                1e-9 * m);
    assert_near(get(f, "propulsion/tank[1]/local-izz-slug_ft2"), get(f, "propulsion/tank[1]/local-iyy-slug_ft2"), 0);
    unload(f);
}

static void bad_grains_are_errors_with_file_and_line(void **state)
{
    (void)state;
    static const char *const bad[] = {
        PROPULSION("<grain_config type=\"CYLINDRICAL\"><length unit=\"FT\"> 10 </length>"
                   "<bore_diameter unit=\"FT\"> 5 </bore_diameter></grain_config>\n"),
        PROPULSION("<grain_config type=\"STAR\"><length unit=\"FT\"> 10 </length></grain_config>\n"),
        PROPULSION("<grain_config type=\"ENDBURNING\"></grain_config>\n"),
    };
    static const char *const says[] = {"bore diameter", "unknown grain type \"STAR\"", "positive <length>"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        jsb_fixture j;
        jsb_open(&j);
        propulsion *p;
        assert_int_not_equal(propulsion_load(&j.c, jsb_load_text(&j, bad[i]), &p), SAQR_OK);
        print_message("%s\n", j.err.msg);
        assert_non_null(strstr(j.err.msg, says[i]));
        assert_non_null(strstr(j.err.msg, ":")); /* file:line */
        jsb_close(&j);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_solid_rockets_thrust_carries_its_variations),
        cmocka_unit_test(solid_grains_have_the_inertia_of_what_is_left),
        cmocka_unit_test(bad_grains_are_errors_with_file_and_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
