/*
 * test_trim_solver.c - JSBSim's trim iteration (FGTrim/FGTrimAxis) on toy
 * plants whose equilibrium is known in closed form: a coupled linear
 * longitudinal model, a nonlinear one, a plant whose state settles over
 * several evaluations, and one with an axis its control cannot move.
 */
#include "test_util.h"

#include "trim_toy.h"

static void linear_plant_should_trim_to_its_equilibrium(void **state)
{
    (void)state;
    rig r;
    rig_init(&r);
    assert_int_equal(r.s.naxes, 3);
    assert_int_equal(trim_solver_run(&r.s, &r.p), 1);
    /* every state within its tolerance ... */
    assert_true(fabs(r.t.s[0]) <= 1e-3 && fabs(r.t.s[1]) <= 1e-3 && fabs(r.t.s[2]) <= 1e-4);
    /* ... which, A being regular, puts the controls at c0 */
    assert_near(r.t.alpha, 0.06, 1e-4);
    assert_near(r.t.throttle, 0.55, 2e-4);
    assert_near(r.t.trim, -0.2, 2e-4);
    assert_true(r.s.iterations >= 1 && r.s.iterations <= 60);
}

static void nonlinear_plant_should_trim(void **state)
{
    (void)state;
    rig r;
    rig_init(&r);
    r.t.cube = -4000.0;
    r.t.c0[0] = 0.1;
    assert_int_equal(trim_solver_run(&r.s, &r.p), 1);
    assert_near(r.t.alpha, 0.1, 1e-3);
    assert_true(fabs(r.t.s[0]) <= 1e-3);
}

static void slowly_settling_plant_should_be_run_until_stable(void **state)
{
    (void)state;
    toy t;
    toy_init(&t);
    t.settle = 0.6;
    trim_plant p = {&t, toy_set, toy_run, toy_state, NULL};
    trim_axis a = trim_axis_make(TRIM_WDOT, TRIM_ALPHA, 0.0, 0.0, 0.0);
    a.control_value = 0.2;
    trim_axis_run(&a, &p);
    /* one evaluation would leave 60 % of the step; the axis keeps running
     * until two evaluations agree within its tolerance */
    double target = t.a[0][0] * (0.2 - 0.06) + t.a[0][1] * (0.0 - 0.55) + t.a[0][2] * (0.0 + 0.2);
    assert_true(t.runs > 2);
    assert_near(a.state_value, target, 2e-3);

    rig r;
    rig_init(&r);
    r.t.settle = 0.6;
    assert_int_equal(trim_solver_run(&r.s, &r.p), 1);
    assert_near(r.t.alpha, 0.06, 1e-3);
}

static void axis_that_cannot_move_its_state_should_fail_the_trim(void **state)
{
    (void)state;
    rig r;
    rig_init(&r);
    r.t.frozen_udot = 1;
    assert_int_equal(trim_solver_run(&r.s, &r.p), 0);
    assert_string_equal(r.s.failed_axis, "udot");
}

static void modes_should_have_jsbsims_axes_and_limits(void **state)
{
    (void)state;
    trim_axis ax[TRIM_MAX_AXES];
    int n = trim_axes_for_mode(1, ax, 0.0, 0.0, 0.0, 0.0, 0.1);
    assert_int_equal(n, 6);
    const trim_state st[6] = {TRIM_WDOT, TRIM_UDOT, TRIM_QDOT, TRIM_VDOT, TRIM_PDOT, TRIM_RDOT};
    const trim_control ct[6] = {TRIM_ALPHA, TRIM_THROTTLE, TRIM_PITCH_TRIM, TRIM_PHI, TRIM_AILERON, TRIM_RUDDER};
    for (int i = 0; i < 6; i++) {
        assert_int_equal(ax[i].state, st[i]);
        assert_int_equal(ax[i].control, ct[i]);
    }
    /* no alpha limits in the aircraft: -5 .. 20 deg */
    assert_near(ax[0].control_min, -5.0 * RAD_PER_DEG, 1e-15);
    assert_near(ax[0].control_max, 20.0 * RAD_PER_DEG, 1e-15);
    assert_near(ax[0].tolerance, 1e-3, 0.0);
    assert_near(ax[0].solver_eps, 1e-5, 1e-20);
    assert_near(ax[2].tolerance, 1e-4, 1e-20);
    assert_near(ax[3].control_min, 0.1 - 30.0 * RAD_PER_DEG, 1e-15);
    assert_near(ax[1].control_min, 0.0, 0.0);
    assert_near(ax[1].control_max, 1.0, 0.0);

    n = trim_axes_for_mode(2, ax, 0.0, 0.0, 4.3, 0.02, 0.0);
    assert_int_equal(n, 3);
    assert_int_equal(ax[0].control, TRIM_ALT_AGL);
    assert_near(ax[0].control_value, 4.3, 0.0);
    assert_near(ax[1].control_max, 0.02 + 5.0 * RAD_PER_DEG, 1e-15);
    assert_int_equal(trim_axes_for_mode(7, ax, 0.0, 0.0, 0.0, 0.0, 0.0), 0);
    /* custom and none: no axes from a script */
    assert_int_equal(trim_axes_for_mode(4, ax, 0.0, 0.0, 0.0, 0.0, 0.0), 0);
    assert_int_equal(trim_axes_for_mode(6, ax, 0.0, 0.0, 0.0, 0.0, 0.0), 0);
}

static void pullup_and_turn_should_have_jsbsims_axes(void **state)
{
    (void)state;
    trim_axis ax[TRIM_MAX_AXES];
    int n = trim_axes_for_mode(3, ax, -0.1, 0.3, 0.0, 0.0, 0.2);
    assert_int_equal(n, 7);
    const trim_state sp[7] = {TRIM_NLF, TRIM_UDOT, TRIM_QDOT, TRIM_HMGT, TRIM_VDOT, TRIM_PDOT, TRIM_RDOT};
    const trim_control cp[7] = {TRIM_ALPHA,  TRIM_THROTTLE, TRIM_PITCH_TRIM, TRIM_BETA,
                                TRIM_PHI,    TRIM_AILERON,  TRIM_RUDDER};
    for (int i = 0; i < 7; i++) {
        assert_int_equal(ax[i].state, sp[i]);
        assert_int_equal(ax[i].control, cp[i]);
    }
    /* the load factor: target 1 until the pull-up sets ic/targetNlf,
     * tolerance 1e-5; heading minus ground track 0.01 rad */
    assert_near(ax[0].state_target, 1.0, 0.0);
    assert_near(ax[0].tolerance, 1e-5, 1e-20);
    assert_near(ax[0].control_min, -0.1, 0.0);
    assert_near(ax[0].control_max, 0.3, 0.0);
    assert_near(ax[3].tolerance, 0.01, 0.0);
    assert_near(ax[3].control_max, 30.0 * RAD_PER_DEG, 1e-15);
    assert_near(ax[4].control_min, 0.2 - 30.0 * RAD_PER_DEG, 1e-15);

    n = trim_axes_for_mode(5, ax, 0.0, 0.0, 0.0, 0.0, 0.5);
    assert_int_equal(n, 6);
    const trim_state st[6] = {TRIM_WDOT, TRIM_UDOT, TRIM_QDOT, TRIM_VDOT, TRIM_PDOT, TRIM_RDOT};
    const trim_control ct[6] = {TRIM_ALPHA, TRIM_THROTTLE, TRIM_PITCH_TRIM, TRIM_BETA, TRIM_AILERON, TRIM_RUDDER};
    for (int i = 0; i < 6; i++) {
        assert_int_equal(ax[i].state, st[i]);
        assert_int_equal(ax[i].control, ct[i]);
    }
}

/* The split used by the pull-up (set-up between the two halves) changes
 * nothing by itself. */
static void start_then_iterate_should_equal_run(void **state)
{
    (void)state;
    rig a, b;
    rig_init(&a);
    rig_init(&b);
    int ok_a = trim_solver_run(&a.s, &a.p);
    trim_solver_start(&b.s, &b.p);
    int ok_b = trim_solver_iterate(&b.s, &b.p);
    assert_int_equal(ok_a, 1);
    assert_int_equal(ok_b, 1);
    assert_int_equal(a.s.iterations, b.s.iterations);
    for (int i = 0; i < a.s.naxes; i++)
        assert_true(a.s.axes[i].control_value == b.s.axes[i].control_value);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(linear_plant_should_trim_to_its_equilibrium),
        cmocka_unit_test(nonlinear_plant_should_trim),
        cmocka_unit_test(slowly_settling_plant_should_be_run_until_stable),
        cmocka_unit_test(axis_that_cannot_move_its_state_should_fail_the_trim),
        cmocka_unit_test(modes_should_have_jsbsims_axes_and_limits),
        cmocka_unit_test(pullup_and_turn_should_have_jsbsims_axes),
        cmocka_unit_test(start_then_iterate_should_equal_run),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
