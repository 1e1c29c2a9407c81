/*
 * test_trim_newton.c - the quick trim (trim_newton.c) on the toy plants of
 * test_trim_solver.c, whose equilibria are known in closed form: it must
 * land within FGTrim's tolerances on the same axes, with far fewer
 * evaluations than FGTrim's iteration needs there, and give up (for the
 * caller to run FGTrim) on a plant it cannot trim: an axis its control
 * cannot move, an equilibrium outside the controls' limits, a state that
 * is not a number.
 */
#include "test_util.h"

#include "trim_toy.h"

static void quick_rig_init(rig *r)
{
    rig_init(r);
    for (int i = 0; i < r->s.naxes; i++) /* where the caller starts it */
        r->s.axes[i].control_value = 0.5 * (r->s.axes[i].control_min + r->s.axes[i].control_max);
}

static void within_fgtrims_tolerances(const toy *t)
{
    assert_true(fabs(t->s[0]) <= 1e-3 && fabs(t->s[1]) <= 1e-3 && fabs(t->s[2]) <= 1e-4);
}

static void linear_plant_should_trim_in_a_few_evaluations(void **state)
{
    (void)state;
    rig quick, fgtrim;
    quick_rig_init(&quick);
    assert_int_equal(trim_newton_run(&quick.s, &quick.p), 1);
    within_fgtrims_tolerances(&quick.t);
    /* a linear plant is solved exactly by one step of its Jacobian */
    assert_near(quick.t.alpha, 0.06, 1e-6);
    assert_near(quick.t.throttle, 0.55, 1e-6);
    assert_near(quick.t.trim, -0.2, 1e-6);
    assert_true(quick.s.iterations >= 1 && quick.s.iterations <= 3);

    rig_init(&fgtrim);
    assert_int_equal(trim_solver_run(&fgtrim.s, &fgtrim.p), 1);
    print_message("toy plant: quick trim %d runs, FGTrim %d\n", quick.t.runs, fgtrim.t.runs);
    assert_true(quick.t.runs * 4 < fgtrim.t.runs);
}

static void nonlinear_plant_should_trim(void **state)
{
    (void)state;
    rig r;
    quick_rig_init(&r);
    r.t.cube = -4000.0;
    r.t.c0[0] = 0.1;
    assert_int_equal(trim_newton_run(&r.s, &r.p), 1);
    within_fgtrims_tolerances(&r.t);
    assert_near(r.t.alpha, 0.1, 1e-3);
}

static void slowly_settling_plant_should_trim(void **state)
{
    (void)state;
    rig r;
    quick_rig_init(&r);
    r.t.settle = 0.6;
    assert_int_equal(trim_newton_run(&r.s, &r.p), 1);
    /* each evaluation runs until two runs agree, so the settled state is
     * what the trim saw */
    assert_near(r.t.alpha, 0.06, 1e-3);
    assert_near(r.t.throttle, 0.55, 1e-3);
}

static void axis_that_cannot_move_its_state_should_give_up(void **state)
{
    (void)state;
    rig r;
    quick_rig_init(&r);
    r.t.frozen_udot = 1;
    assert_int_equal(trim_newton_run(&r.s, &r.p), 0);
    assert_true(r.t.runs < 400);
}

static void equilibrium_beyond_the_limits_should_give_up(void **state)
{
    (void)state;
    rig r;
    quick_rig_init(&r);
    r.t.c0[1] = 1.6; /* the throttle it needs is past full */
    assert_int_equal(trim_newton_run(&r.s, &r.p), 0);
    assert_true(r.t.throttle >= 0.0 && r.t.throttle <= 1.0);
    assert_true(r.t.alpha >= -4.0 * RAD_PER_DEG && r.t.alpha <= 17.0 * RAD_PER_DEG);
}

static void state_that_is_not_a_number_should_give_up(void **state)
{
    (void)state;
    rig r;
    quick_rig_init(&r);
    r.t.c0[0] = NAN;
    assert_int_equal(trim_newton_run(&r.s, &r.p), 0);
}

static void no_axes_should_succeed_at_once(void **state)
{
    (void)state;
    rig r;
    quick_rig_init(&r);
    r.s.naxes = 0;
    assert_int_equal(trim_newton_run(&r.s, &r.p), 1);
    assert_int_equal(r.t.runs, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(linear_plant_should_trim_in_a_few_evaluations),
        cmocka_unit_test(nonlinear_plant_should_trim),
        cmocka_unit_test(slowly_settling_plant_should_trim),
        cmocka_unit_test(axis_that_cannot_move_its_state_should_give_up),
        cmocka_unit_test(equilibrium_beyond_the_limits_should_give_up),
        cmocka_unit_test(state_that_is_not_a_number_should_give_up),
        cmocka_unit_test(no_axes_should_succeed_at_once),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
