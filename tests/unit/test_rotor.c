/*
 * test_rotor.c - the helicopter rotor thruster (src/fdm/rotor.c) and its
 * transmission (src/fdm/transmission.c) on an inline propulsion, in still
 * air at sea level, against physics that does not come from the model's
 * own equations:
 *   - momentum theory in hover: once the lagged inflow has settled, the
 *     thrust is 2 rho A v_i^2 (Glauert; the blade-element thrust and the
 *     inflow are computed separately in the model);
 *   - the thrust acts up the shaft, and the shaft torque's reaction yaws
 *     the fuselage against a counter-clockwise rotor (nose right);
 *   - power balance through the drive train: with the engine's power on,
 *     the rotor settles where shaft power equals engine power less the
 *     gear loss;
 *   - a tail rotor slaved to the main rotor turns at the main rotor's
 *     speed times the ratio of their gear ratios;
 *   - the ground effect raises the thrust at a given collective near the
 *     ground and vanishes high above it.
 * And the loader's refusals and warnings, with file:line.
 */
#include "propulsion_fixture.h"

#include <math.h>

#define DT (1.0 / 120.0)
#define PI 3.14159265358979323846
#define RADIUS_FT 22.0
#define GEAR_MAIN 20.0
#define GEAR_TAIL 4.0
#define NOMINAL_RPM 324.0

/* A two-blade teetering main rotor of the AH-1's size (public figures:
 * 44 ft, 324 rpm, 27 in chord), with the shaft up: <orient> pitch 90. */
#define MAIN_ROTOR(extra)                                                              \
    "<rotor name=\"main\">\n"                                                         \
    "  <diameter unit=\"FT\"> 44.0 </diameter> <numblades> 2 </numblades>\n"          \
    "  <gearratio> 20 </gearratio> <nominalrpm> 324 </nominalrpm>\n"                  \
    "  <chord unit=\"FT\"> 2.25 </chord> <liftcurveslope> 6.0 </liftcurveslope>\n"    \
    "  <flappingmoment unit=\"SLUG*FT2\"> 1382 </flappingmoment>\n"                   \
    "  <twist> -0.175 </twist> <massmoment> 85 </massmoment>\n"                       \
    "  <polarmoment unit=\"SLUG*FT2\"> 2900 </polarmoment>\n"                         \
    "  <inflowlag> 0.09 </inflowlag> <hingeoffset unit=\"FT\"> 3.3 </hingeoffset>\n"  \
    extra "</rotor>\n"

#define TAIL_ROTOR(source)                                                             \
    "<rotor name=\"tail\">\n"                                                         \
    "  <diameter unit=\"FT\"> 8.5 </diameter> <numblades> 2 </numblades>\n"           \
    "  <gearratio> 4 </gearratio> <nominalrpm> 1620 </nominalrpm>\n"                  \
    "  <chord unit=\"FT\"> 0.7 </chord> <flappingmoment> 1.45 </flappingmoment>\n"    \
    "  <twist> 0 </twist> <inflowlag> 0.09 </inflowlag>\n"                            \
    "  <hingeoffset unit=\"FT\"> 0.015 </hingeoffset>\n"                              \
    "  <ExternalRPM> " source " </ExternalRPM> <controlmap> TAIL </controlmap>\n"     \
    "</rotor>\n"

#define ELECTRIC(watts) "<electric_engine name=\"e\"><power unit=\"WATTS\"> " watts " </power></electric_engine>\n"

#define ENGINE(engine, rotor, pitch, yaw)                                              \
    " <engine>" engine "  <thruster>" rotor                                           \
    "   <location unit=\"IN\"><x>0</x><y>0</y><z>0</z></location>\n"                  \
    "   <orient unit=\"DEG\"><roll>0</roll><pitch>" pitch "</pitch><yaw>" yaw         \
    "</yaw></orient>\n"                                                               \
    "   <sense> 1 </sense>\n"                                                         \
    "  </thruster>\n"                                                                 \
    " </engine>\n"

#define PROPULSION(engines) "<propulsion>\n" engines "</propulsion>\n"

static prop_fixture *load(const char *xml)
{
    prop_fixture *f = prop_fixture_load(xml, DT);
    propulsion_set_dt(f->p, DT);
    propulsion_reset(f->p, f->j.props.v);
    return f;
}

static void steps(prop_fixture *f, int n, fdm_forces *out)
{
    for (int i = 0; i < n; i++) {
        memset(out, 0, sizeof *out);
        propulsion_run(f->p, &f->env, f->j.props.v, out);
    }
}

static double get(prop_fixture *f, const char *name)
{
    return prop_get(f, name);
}

/* A rotor held at its nominal speed (ExternalRPM -1: the speed is the
 * x-rpm-dict property, at the engine side of the gear). */
static prop_fixture *held_rotor(const char *extra, double collective_rad)
{
    char xml[4096];
    snprintf(xml, sizeof xml,
             PROPULSION(ENGINE(ELECTRIC("745.7"), MAIN_ROTOR("<ExternalRPM> -1 </ExternalRPM>%s"), "90", "0")),
             extra);
    prop_fixture *f = load(xml);
    jsb_set(&f->j, "propulsion/engine[0]/x-rpm-dict", NOMINAL_RPM * GEAR_MAIN);
    jsb_set(&f->j, "propulsion/engine[0]/collective-ctrl-rad", collective_rad);
    return f;
}

static void hover_thrust_is_momentum_theory_and_acts_up_the_shaft(void **state)
{
    (void)state;
    prop_fixture *f = held_rotor("", 0.30);
    fdm_forces out;
    steps(f, 1200, &out); /* 10 s: ~100 inflow lags */
    double thrust = get(f, "propulsion/engine[0]/thrust-lbs");
    double vi = get(f, "propulsion/engine[0]/vi-fps");
    double rho = f->env.atmos.density_kgpm3 / KGPM3_PER_SLUGPFT3;
    double area = PI * RADIUS_FT * RADIUS_FT;
    assert_true(fabs(get(f, "propulsion/engine[0]/rotor-rpm") - NOMINAL_RPM) < 1e-9);
    assert_true(thrust > 5000.0 && thrust < 20000.0); /* a few tons, as a 9,000 lb helicopter needs */
    assert_true(fabs(2.0 * rho * area * vi * vi - thrust) < 1e-3 * thrust);
    /* up, through the CG: no x or y force, no pitch or roll moment to speak of */
    double fz_lbs = out.force_body_n[2] / N_PER_LBF;
    assert_true(fabs(fz_lbs + thrust) < 1e-6 * thrust);
    assert_true(fabs(out.force_body_n[0]) < 1e-6 * fabs(out.force_body_n[2]));
    /* the shaft torque yaws the fuselage nose right under a CCW rotor */
    double torque = get(f, "propulsion/engine[0]/torque-lbsft");
    assert_true(torque > 0.0);
    assert_true(fabs(out.moment_body_nm[2] / (N_PER_LBF * M_PER_FT) - torque) < 1e-6 * torque);
    prop_fixture_free(f);
}

static void more_collective_is_more_thrust_and_more_torque(void **state)
{
    (void)state;
    double thrust[2], torque[2];
    for (int k = 0; k < 2; k++) {
        prop_fixture *f = held_rotor("", k ? 0.35 : 0.25);
        fdm_forces out;
        steps(f, 1200, &out);
        thrust[k] = get(f, "propulsion/engine[0]/thrust-lbs");
        torque[k] = get(f, "propulsion/engine[0]/torque-lbsft");
        prop_fixture_free(f);
    }
    assert_true(thrust[1] > 1.5 * thrust[0]);
    assert_true(torque[1] > torque[0]);
}

static void the_ground_effect_adds_thrust_near_the_ground_only(void **state)
{
    (void)state;
    double thrust[3];
    const double agl_m[3] = {0.0, 150.0, 150.0};
    for (int k = 0; k < 3; k++) {
        prop_fixture *f = k < 2 ? held_rotor("<groundeffectexp> 0.19 </groundeffectexp>"
                                             "<groundeffectshift unit=\"FT\"> 10 </groundeffectshift>",
                                             0.30)
                                : held_rotor("", 0.30);
        f->env.alt_agl_m = agl_m[k];
        fdm_forces out;
        steps(f, 2400, &out); /* the height is filtered at 1 Hz */
        thrust[k] = get(f, "propulsion/engine[0]/thrust-lbs");
        prop_fixture_free(f);
    }
    assert_true(thrust[0] > 1.05 * thrust[1]);
    assert_true(fabs(thrust[1] - thrust[2]) < 1e-9 * thrust[2]);
}

/* Main rotor on a 300 hp electric engine through its transmission. */
#define DRIVEN_MAIN ENGINE(ELECTRIC("223710"), MAIN_ROTOR(""), "90", "0")

/* `xml` with DRIVEN_MAIN as engine 0, at full throttle and low pitch. */
static prop_fixture *driven_main(const char *xml)
{
    prop_fixture *f = load(xml);
    jsb_set(&f->j, "fcs/throttle-pos-norm", 1.0);
    jsb_set(&f->j, "propulsion/engine[0]/collective-ctrl-rad", 0.10);
    return f;
}

static void the_rotor_settles_where_shaft_power_meets_engine_power(void **state)
{
    (void)state;
    prop_fixture *f = driven_main(PROPULSION(DRIVEN_MAIN));
    fdm_forces out;
    steps(f, 120 * 600, &out);
    double rpm = get(f, "propulsion/engine[0]/rotor-rpm");
    steps(f, 120, &out);
    double rpm2 = get(f, "propulsion/engine[0]/rotor-rpm");
    assert_true(fabs(rpm2 - rpm) < 1e-6 * rpm); /* settled */
    assert_true(rpm > 1.0 && rpm < 2.0 * NOMINAL_RPM);
    /* engine and rotor coupled: one speed through the gear */
    assert_true(fabs(get(f, "propulsion/engine[0]/engine-rpm") - GEAR_MAIN * rpm) < 1e-6 * rpm);
    double omega = rpm * 2.0 * PI / 60.0;
    double shaft_ftlbps = get(f, "propulsion/engine[0]/torque-lbsft") * omega;
    /* the default gear loss: 0.25% of the rotor's power estimate,
     * 0.5 x blades x chord x R^2 "hp" */
    double gear_loss_ftlbps = 0.0025 * (0.5 * 2.0 * 2.25 * RADIUS_FT * RADIUS_FT) * 550.0;
    double engine_ftlbps = 300.0 * 550.0;
    assert_true(fabs(engine_ftlbps - gear_loss_ftlbps - shaft_ftlbps) < 1e-3 * engine_ftlbps);
    assert_true(get(f, "propulsion/engine[0]/free-wheel-transmission") == 1.0);
    prop_fixture_free(f);
}

static void an_open_clutch_lets_the_engine_and_the_rotor_part(void **state)
{
    (void)state;
    prop_fixture *f = driven_main(PROPULSION(DRIVEN_MAIN));
    fdm_forces out;
    steps(f, 120 * 60, &out);
    double coupled = get(f, "propulsion/engine[0]/rotor-rpm");
    jsb_set(&f->j, "propulsion/engine[0]/clutch-ctrl-norm", 0.0);
    steps(f, 120 * 5, &out);
    double rotor_rpm = get(f, "propulsion/engine[0]/rotor-rpm");
    double engine_side = get(f, "propulsion/engine[0]/engine-rpm") / GEAR_MAIN;
    assert_true(rotor_rpm < 0.9 * coupled);   /* the air slows the rotor  */
    assert_true(engine_side > 1.2 * coupled); /* the engine runs away     */
    prop_fixture_free(f);
}

static void a_tail_rotor_follows_the_main_rotor_through_the_gear_ratios(void **state)
{
    (void)state;
    prop_fixture *f = driven_main(PROPULSION(DRIVEN_MAIN ENGINE(ELECTRIC("745.7"), TAIL_ROTOR("0"), "0", "90")));
    jsb_set(&f->j, "propulsion/engine[1]/antitorque-ctrl-rad", 0.10);
    fdm_forces out;
    for (int k = 0; k < 4; k++) {
        steps(f, 120 * 7, &out); /* spinning up: the speed changes every frame */
        double main_rpm = get(f, "propulsion/engine[0]/rotor-rpm");
        double tail_rpm = get(f, "propulsion/engine[1]/rotor-rpm");
        assert_true(fabs(tail_rpm - main_rpm * GEAR_MAIN / GEAR_TAIL) < 1e-9 * tail_rpm);
    }
    /* the tail rotor's collective is the pedal's; it has no cyclic */
    assert_true(prop_find(&f->j.props, "propulsion/engine[1]/collective-ctrl-rad") < 0);
    assert_true(prop_find(&f->j.props, "propulsion/engine[1]/lateral-ctrl-rad") < 0);
    /* a sideways shaft (yaw 90): its thrust is a y force */
    assert_true(fabs(get(f, "propulsion/engine[1]/thrust-lbs")) > 1.0);
    prop_fixture_free(f);
}

static void a_follower_of_an_engine_without_a_rotor_is_an_error_with_its_line(void **state)
{
    (void)state;
    jsb_fixture j;
    jsb_open(&j);
    propulsion *p;
    const char *xml = PROPULSION(ENGINE(ELECTRIC("745.7"), "<direct/>\n", "0", "0")
                                     ENGINE(ELECTRIC("745.7"), TAIL_ROTOR("0"), "0", "90"));
    assert_int_not_equal(propulsion_load(&j.c, jsb_load_text(&j, xml), &p), SAQR_OK);
    jsb_assert_error(&j, ":16: rotor: <ExternalRPM> 0 names an engine without a rotor");
    jsb_close(&j);
}

static void a_rotor_following_itself_takes_its_speed_from_a_property_with_a_warning(void **state)
{
    (void)state;
    prop_fixture *f = load(PROPULSION(ENGINE(ELECTRIC("745.7"), TAIL_ROTOR("0"), "0", "90")));
    assert_non_null(strstr(f->j.warnings, "no earlier engine"));
    jsb_set(&f->j, "propulsion/engine[0]/x-rpm-dict", 1620.0 * GEAR_TAIL);
    fdm_forces out;
    steps(f, 2, &out);
    assert_true(fabs(get(f, "propulsion/engine[0]/rotor-rpm") - 1620.0) < 1e-9);
    prop_fixture_free(f);
}

static void bad_rotor_definitions_are_refused_or_warned(void **state)
{
    (void)state;
    jsb_fixture j;
    jsb_open(&j);
    propulsion *p;
    const char *no_blades = PROPULSION(ENGINE(ELECTRIC("745.7"),
                                              "<rotor name=\"r\"><diameter> 10 </diameter>"
                                              "<numblades> 0 </numblades></rotor>",
                                              "90", "0"));
    assert_int_not_equal(propulsion_load(&j.c, jsb_load_text(&j, no_blades), &p), SAQR_OK);
    jsb_assert_error(&j, "at least one blade");
    jsb_close(&j);

    jsb_open(&j);
    const char *bad_number = PROPULSION(ENGINE(ELECTRIC("745.7"), MAIN_ROTOR("<tiplossfactor> x </tiplossfactor>"),
                                               "90", "0"));
    assert_int_not_equal(propulsion_load(&j.c, jsb_load_text(&j, bad_number), &p), SAQR_OK);
    jsb_assert_error(&j, ":11: <tiplossfactor>: \"x\" is not a number");
    jsb_close(&j);

    /* unknown elements and a missing size are warnings, as JSBSim's */
    prop_fixture *f = load(PROPULSION(ENGINE(ELECTRIC("745.7"),
                                             "<rotor name=\"r\"><numblades> 3 </numblades>"
                                             "<wingspan> 3 </wingspan><controlmap> SIDEWAYS </controlmap></rotor>",
                                             "90", "0")));
    assert_non_null(strstr(f->j.warnings, "wingspan"));
    assert_non_null(strstr(f->j.warnings, "<diameter>"));
    assert_non_null(strstr(f->j.warnings, "SIDEWAYS"));
    prop_fixture_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(hover_thrust_is_momentum_theory_and_acts_up_the_shaft),
        cmocka_unit_test(more_collective_is_more_thrust_and_more_torque),
        cmocka_unit_test(the_ground_effect_adds_thrust_near_the_ground_only),
        cmocka_unit_test(the_rotor_settles_where_shaft_power_meets_engine_power),
        cmocka_unit_test(an_open_clutch_lets_the_engine_and_the_rotor_part),
        cmocka_unit_test(a_tail_rotor_follows_the_main_rotor_through_the_gear_ratios),
        cmocka_unit_test(a_follower_of_an_engine_without_a_rotor_is_an_error_with_its_line),
        cmocka_unit_test(a_rotor_following_itself_takes_its_speed_from_a_property_with_a_warning),
        cmocka_unit_test(bad_rotor_definitions_are_refused_or_warned),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
