/*
 * test_fcs_load.c - loading the flight controls and systems of JSBSim's
 * reference aircraft (c172x with its autopilot and shared systems, f16
 * with its system files), JSBSim's condition syntax, <property>
 * declarations, and file:line errors on bad input.
 */
#include <math.h>

#include "fcs_test_util.h"
#include "fdm/condition.h"

static void count_warning(void *user, const char *message)
{
    (void)message;
    ++*(int *)user;
}

/* Loads every <system> (in order), then <autopilot>, then
 * <flight_control> of an aircraft, as JSBSim's FGFDMExec does. */
static void load_aircraft(fcs_fixture *x, const char *name, char *dir, size_t dir_size, int *warnings)
{
    char root[512], path[1200];
    test_shared_path(root, sizeof root, "reference/jsbsim");
    snprintf(dir, dir_size, "%s/aircraft/%s", root, name);
    snprintf(path, sizeof path, "%s/%s.xml", dir, name);
    x->c.root_dir = root;
    x->c.aircraft_dir = dir;
    x->c.log = count_warning;
    x->c.log_user = warnings;
    xmlNode *top = jx_load_file(&x->c, path);
    if (!top)
        fail_msg("%s", x->err.msg);
    static const char *const kinds[] = {"system", "autopilot", "flight_control"};
    for (int k = 0; k < 3; k++)
        for (xmlNode *el = jx_first(top, kinds[k]); el; el = jx_next(el, kinds[k]))
            if (fcs_load(&x->c, x->f, el) != SAQR_OK)
                fail_msg("%s", x->err.msg);
    fcs_set_dt(x->f, 1.0 / 120.0);
    x->env.dt_s = 1.0 / 120.0;
    /* the loader may keep root/dir pointers only during the load */
    x->c.root_dir = x->c.aircraft_dir = NULL;
}

static void c172x_systems_autopilot_and_flight_controls_load_and_run(void **state)
{
    (void)state;
    fcs_fixture x;
    fx_open(&x);
    assert_int_equal(fcs_set_engine_count(&x.c, x.f, 1), SAQR_OK);
    char dir[600];
    int warnings = 0;
    load_aircraft(&x, "c172x", dir, sizeof dir, &warnings);
    /* local <property> values override Autopilot.xml's declarations */
    assert_near(fx_get(&x, "guidance/roll-angle-limit"), 0.523, 0.0);
    fcs_reset(x.f, x.props.v);
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
    for (int i = 0; i < x.props.count; i++)
        if (!isfinite(x.props.v[i]))
            fail_msg("%s = %g", x.props.names[i], x.props.v[i]);
    fx_close(&x);
}

static void f16_flight_controls_and_system_files_load_and_run(void **state)
{
    (void)state;
    fcs_fixture x;
    fx_open(&x);
    assert_int_equal(fcs_set_engine_count(&x.c, x.f, 1), SAQR_OK);
    char dir[600];
    int warnings = 0;
    load_aircraft(&x, "f16", dir, sizeof dir, &warnings);
    fcs_reset(x.f, x.props.v);
    fx_set(&x, "fcs/aileron-cmd-norm", 0.3);
    fx_set(&x, "fcs/throttle-cmd-norm", 0.8);
    fx_run(&x, 120);
    assert_true(fabs(fx_get(&x, "fcs/left-aileron-pos-rad")) > 0.0);
    /* FGFCS copies command to position, then the Throttle channel's gain
     * of 2 writes the position */
    assert_near(fx_get(&x, "fcs/throttle-pos-norm"), 1.6, 0.0);
    for (int i = 0; i < x.props.count; i++)
        assert_true(isfinite(x.props.v[i]));
    fx_close(&x);
}

static void conditions_follow_jsbsim_syntax(void **state)
{
    (void)state;
    fcs_fixture x;
    fx_open(&x);
    xmlNode *el = fx_parse(&x,
                           "<condition logic='OR'>\n a GE 1.5 \n b != -a\n"
                           "<condition> c le 2\n c gt -1e0 </condition></condition>");
    cond *k;
    assert_int_equal(cond_load(&x.c, el, &k), SAQR_OK);
    double *v = x.props.v;
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
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        fcs_fixture x;
        fx_open(&x);
        cond *k = NULL;
        assert_int_equal(cond_load(&x.c, fx_parse(&x, bad[i]), &k), SAQR_EPARSE);
        assert_non_null(strstr(x.err.msg, "test.xml:"));
        assert_null(k);
        fx_close(&x);
    }
}

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
        "<system><channel name='a'><switch name='s'><test>a ge 1</test></switch></channel></system>",
        "<system><channel name='a'><distributor name='d'/></channel></system>",
        "<system><channel name='a'><pure_gain name='g'><input>a</input><gain>1 x</gain></pure_gain>"
        "</channel></system>",
        "<system><property value='abc'>p</property></system>",
        "<engine/>",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        fcs_fixture x;
        fx_open(&x);
        if (fcs_load(&x.c, x.f, fx_parse(&x, bad[i])) != SAQR_EPARSE)
            fail_msg("case %zu loaded", i);
        if (!strstr(x.err.msg, "test.xml:"))
            fail_msg("case %zu: message without file:line: %s", i, x.err.msg);
        fx_close(&x);
    }
}

static void declared_properties_take_their_values_at_reset(void **state)
{
    (void)state;
    fcs_fixture x;
    fx_open(&x);
    fx_load(&x,
            "<system><property value='2.5'>sys/a</property><property>sys/b</property>"
            "<property value='4' persistent='true'>sys/c</property>"
            "<channel name='x'><pure_gain name='g'><input>sys/a</input><gain>2</gain></pure_gain></channel>"
            "</system>", 0.01);
    assert_near(fx_get(&x, "sys/a"), 2.5, 0.0);
    fx_set(&x, "sys/a", 7.0);
    fx_set(&x, "sys/c", 9.0);
    fcs_reset(x.f, x.props.v);
    assert_near(fx_get(&x, "sys/a"), 2.5, 0.0);
    assert_near(fx_get(&x, "sys/b"), 0.0, 0.0);
    assert_near(fx_get(&x, "sys/c"), 9.0, 0.0);
    fx_run(&x, 1);
    assert_near(fx_get(&x, "fcs/g"), 5.0, 0.0);
    fx_close(&x);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(c172x_systems_autopilot_and_flight_controls_load_and_run),
        cmocka_unit_test(f16_flight_controls_and_system_files_load_and_run),
        cmocka_unit_test(conditions_follow_jsbsim_syntax),
        cmocka_unit_test(bad_conditions_are_errors_with_file_and_line),
        cmocka_unit_test(bad_components_are_errors_with_file_and_line),
        cmocka_unit_test(declared_properties_take_their_values_at_reset),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
