/*
 * test_fcs_load.c - loading the flight controls and systems of JSBSim's
 * reference aircraft (c172x with its autopilot and shared systems, f16
 * with its system files), JSBSim's condition syntax, <property>
 * declarations, and file:line errors on bad input.
 */
#include <math.h>

#include "fcs_test_util.h"
#include "fdm_util.h"
#include "fdm/condition.h"

/* Opens the fixture for a one-engine aircraft and loads every <system>
 * (in order), then <autopilot>, then <flight_control>, as JSBSim's
 * FGFDMExec does. */
static void open_aircraft(fcs_fixture *x, const char *name)
{
    fx_open(x);
    assert_int_equal(fcs_set_engine_count(&x->j.c, x->f, 1), SAQR_OK);
    xmlNode *top = jsb_load_aircraft(&x->j, name);
    static const char *const kinds[] = {"system", "autopilot", "flight_control"};
    for (int k = 0; k < 3; k++)
        for (xmlNode *el = jx_first(top, kinds[k]); el; el = jx_next(el, kinds[k]))
            if (fcs_load(&x->j.c, x->f, el) != SAQR_OK)
                fail_msg("%s", x->j.err.msg);
    fcs_set_dt(x->f, 1.0 / 120.0);
    x->env.dt_s = 1.0 / 120.0;
    /* the loader may keep root/dir pointers only during the load */
    x->j.c.root_dir = x->j.c.aircraft_dir = NULL;
}

/* Each snippet of `bad` must fail to load through `load` with a message
 * naming the file and line. */
typedef saqr_status (*snippet_loader)(fcs_fixture *x, xmlNode *el);

static void each_should_fail_with_file_and_line(const char *const *bad, size_t n, snippet_loader load)
{
    for (size_t i = 0; i < n; i++) {
        fcs_fixture x;
        fx_open(&x);
        if (load(&x, jsb_parse(&x.j, bad[i])) != SAQR_EPARSE)
            fail_msg("case %zu loaded: %s", i, bad[i]);
        if (!strstr(x.j.err.msg, JSB_SNIPPET ":"))
            fail_msg("case %zu: message without file:line: %s", i, x.j.err.msg);
        fx_close(&x);
    }
}

static void c172x_systems_autopilot_and_flight_controls_load_and_run(void **state)
{
    (void)state;
    fcs_fixture x;
    open_aircraft(&x, "c172x");
    /* local <property> values override Autopilot.xml's declarations */
    assert_near(fx_get(&x, "guidance/roll-angle-limit"), 0.523, 0.0);
    fcs_reset(x.f, x.j.props.v);
    assert_near(fx_get(&x, "guidance/roll-rate-limit"), 0.174, 0.0);
    fx_set(&x, "propulsion/tank/density-lbs_per_gal", 6.0);
    fx_set(&x, "propulsion/tank[1]/density-lbs_per_gal", 6.0);
    fx_set(&x, "attitude/heading-true-rad", 1.0);
    fx_set(&x, "fcs/elevator-cmd-norm", 0.5);
    fx_run(&x, 10);
    /* Navigation system: a sensor with bias 0.003 */
    assert_near(fx_get(&x, "navigation/actual-heading-rad"), 1.003, 1e-12);
    /* elevator command reaches the surface through the c172 channels */
    assert_true(fabs(fx_get(&x, "fcs/elevator-pos-rad")) > 0.0);
    assert_near(fx_get(&x, "fcs/elevator-pos-deg"), fx_get(&x, "fcs/elevator-pos-rad") * 180.0 / 3.14159265358979323846,
                1e-12);
    for (int i = 0; i < x.j.props.count; i++)
        if (!isfinite(x.j.props.v[i]))
            fail_msg("%s = %g", x.j.props.names[i], x.j.props.v[i]);
    fx_close(&x);
}

static void f16_flight_controls_and_system_files_load_and_run(void **state)
{
    (void)state;
    fcs_fixture x;
    open_aircraft(&x, "f16");
    fcs_reset(x.f, x.j.props.v);
    fx_set(&x, "fcs/aileron-cmd-norm", 0.3);
    fx_set(&x, "fcs/throttle-cmd-norm", 0.8);
    fx_run(&x, 120);
    assert_true(fabs(fx_get(&x, "fcs/left-aileron-pos-rad")) > 0.0);
    /* FGFCS copies command to position, then the Throttle channel's gain
     * of 2 writes the position */
    assert_near(fx_get(&x, "fcs/throttle-pos-norm"), 1.6, 0.0);
    for (int i = 0; i < x.j.props.count; i++)
        assert_true(isfinite(x.j.props.v[i]));
    fx_close(&x);
}

static void conditions_follow_jsbsim_syntax(void **state)
{
    (void)state;
    fcs_fixture x;
    fx_open(&x);
    xmlNode *el = jsb_parse(&x.j,
                           "<condition logic='OR'>\n a GE 1.5 \n b != -a\n"
                           "<condition> c le 2\n c gt -1e0 </condition></condition>");
    cond *k;
    assert_int_equal(cond_load(&x.j.c, el, &k), SAQR_OK);
    double *v = x.j.props.v;
    int a = fx_slot(&x, "a"), b = fx_slot(&x, "b"), c = fx_slot(&x, "c");
    v[a] = 0.0;
    v[b] = 0.0;
    v[c] = 5.0;
    assert_int_equal(cond_eval(k, v), 0); /* b == -a, c > 2 */
    v[c] = 0.0;
    assert_int_equal(cond_eval(k, v), 1);
    v[c] = 5.0;
    v[a] = 1.5;
    assert_int_equal(cond_eval(k, v), 1);
    double n;
    assert_int_equal(cond_parse_number(" -.5e1 ", &n), 0);
    assert_near(n, -5.0, 0.0);
    assert_int_equal(cond_parse_number("1.5x", &n), -1);
    assert_int_equal(cond_parse_number("inf", &n), -1);
    fx_close(&x);
}

/* A condition that fails to load must leave nothing behind. */
static saqr_status load_condition(fcs_fixture *x, xmlNode *el)
{
    cond *k = NULL;
    saqr_status st = cond_load(&x->j.c, el, &k);
    if (st != SAQR_OK)
        assert_null(k);
    return st;
}

static saqr_status load_system(fcs_fixture *x, xmlNode *el)
{
    return fcs_load(&x->j.c, x->f, el);
}

static void bad_conditions_are_errors_with_file_and_line(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "<test>\n a ~ 1</test>",
        "<test> a ge</test>",
        "<test logic='XOR'> a ge 1</test>",
        "<test></test>",
        "<test> a ge 1 <condition> b ge 1 </condition></test>",
    };
    each_should_fail_with_file_and_line(bad, sizeof bad / sizeof bad[0], load_condition);
}

/* A traverse whose positions go down (the run could loop for ever); the
 * second position is on line 2. */
static const char KINEMATIC_GOING_DOWN[] =
    "<system><channel name='a'><kinematic name='k'><input>a</input><traverse>"
    "<setting><position>5</position><time>0</time></setting>\n"
    "<setting><position>1</position><time>5</time></setting></traverse></kinematic></channel></system>";

static void bad_components_are_errors_with_file_and_line(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "<system><channel name='a'><bogus name='x'/></channel></system>",
        "<system><channel name='a'>\n<pure_gain name='g'><gain>1</gain></pure_gain></channel></system>",
        "<system><channel name='a'><lag_filter name='l'><input>a</input></lag_filter></channel></system>",
        "<system><channel name='a'><aerosurface_scale name='s'><input>a</input></aerosurface_scale>"
        "</channel></system>",
        "<system><channel name='a'><kinematic name='k'><input>a</input><traverse><setting>"
        "<position>0</position><time>0</time></setting></traverse></kinematic></channel></system>",
        KINEMATIC_GOING_DOWN,
        "<system><channel name='a'><switch name='s'><test>a ge 1</test></switch></channel></system>",
        "<system><channel name='a'><distributor name='d'/></channel></system>",
        "<system><channel name='a'><pure_gain name='g'><input>a</input><gain>1 x</gain></pure_gain>"
        "</channel></system>",
        "<system><property value='abc'>p</property></system>",
        "<engine/>",
    };
    each_should_fail_with_file_and_line(bad, sizeof bad / sizeof bad[0], load_system);
}

/* A traverse whose positions go down is refused at its position, not left
 * to loop for ever in the first frame (a fuzzed F-16 hung so); equal
 * positions, as Concorde's flaps have, load and run. */
static void a_kinematic_traverse_must_not_go_down(void **state)
{
    (void)state;
    fcs_fixture x;
    fx_open(&x);
    assert_int_equal(load_system(&x, jsb_parse(&x.j, KINEMATIC_GOING_DOWN)), SAQR_EPARSE);
    assert_non_null(strstr(x.j.err.msg, JSB_SNIPPET ":2: kinematic \"k\": <position> 1 comes after 5"));
    fx_close(&x);
    fx_open_with(&x,
            "<system><channel name='a'><kinematic name='flaps'><input>fcs/flap-cmd-norm</input><traverse>"
            "<setting><position>0</position><time>0</time></setting>"
            "<setting><position>0</position><time>1</time></setting>"
            "<setting><position>10</position><time>2</time></setting></traverse>"
            "<output>fcs/flap-pos-deg</output></kinematic></channel></system>", 0.5);
    fx_set(&x, "fcs/flap-cmd-norm", 1.0);
    fx_run(&x, 2); /* 1 s: through the step of no length, half way up the next */
    assert_near(fx_get(&x, "fcs/flap-pos-deg"), 5.0, 1e-12);
    fx_run(&x, 4);
    assert_near(fx_get(&x, "fcs/flap-pos-deg"), 10.0, 0.0);
    fx_close(&x);
}

static void declared_properties_take_their_values_at_reset(void **state)
{
    (void)state;
    fcs_fixture x;
    fx_open_with(&x,
            "<system><property value='2.5'>sys/a</property><property>sys/b</property>"
            "<property value='4' persistent='true'>sys/c</property>"
            "<channel name='x'><pure_gain name='g'><input>sys/a</input><gain>2</gain></pure_gain></channel>"
            "</system>", 0.01);
    assert_near(fx_get(&x, "sys/a"), 2.5, 0.0);
    fx_set(&x, "sys/a", 7.0);
    fx_set(&x, "sys/c", 9.0);
    fcs_reset(x.f, x.j.props.v);
    assert_near(fx_get(&x, "sys/a"), 2.5, 0.0);
    assert_near(fx_get(&x, "sys/b"), 0.0, 0.0);
    assert_near(fx_get(&x, "sys/c"), 9.0, 0.0);
    fx_run(&x, 1);
    assert_near(fx_get(&x, "fcs/g"), 5.0, 0.0);
    fx_close(&x);
}

/* A surface position written from outside between frames is brought in
 * step (degrees and radians) before the channels run, as JSBSim's tied
 * pair is at once: the c172x's rudder channel then writes its radians (a
 * steady 0 with the pedals centred) over a write of its degrees, and both
 * read 0 after the frame.  (Without that first sync the closing one would
 * find the radians unchanged and take the written degrees.)  With no
 * outside write the run skips the first sync. */
static void a_surface_written_from_outside_is_in_step_before_the_channels(void **state)
{
    (void)state;
    saqr_fdm *f = fdm_c172_in_flight();
    for (int k = 0; k < 5; k++)
        assert_int_equal(saqr_fdm_step(f), SAQR_OK);
    double rad = fdm_get(f, "fcs/rudder-pos-rad");
    assert_near(rad, 0.0, 0.0);
    fdm_set(f, "fcs/rudder-pos-deg", 10.0);
    assert_int_equal(saqr_fdm_step(f), SAQR_OK);
    assert_near(fdm_get(f, "fcs/rudder-pos-rad"), 0.0, 0.0);
    assert_near(fdm_get(f, "fcs/rudder-pos-deg"), 0.0, 0.0);
    saqr_fdm_destroy(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(c172x_systems_autopilot_and_flight_controls_load_and_run),
        cmocka_unit_test(f16_flight_controls_and_system_files_load_and_run),
        cmocka_unit_test(conditions_follow_jsbsim_syntax),
        cmocka_unit_test(bad_conditions_are_errors_with_file_and_line),
        cmocka_unit_test(bad_components_are_errors_with_file_and_line),
        cmocka_unit_test(a_kinematic_traverse_must_not_go_down),
        cmocka_unit_test(declared_properties_take_their_values_at_reset),
        cmocka_unit_test(a_surface_written_from_outside_is_in_step_before_the_channels),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
