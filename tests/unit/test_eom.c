/*
 * test_eom.c - equations of motion and integrators: conservation laws of
 * the torque-free rigid body (with products of inertia), the convergence
 * order of each integration scheme on a harmonic oscillator with a known
 * closed-form solution, quaternion conversions.
 */
#include "test_util.h"

#include <math.h>

#include "eom/integrator.h"
#include "eom/rigid_body.h"
#include "math/quat.h"
#include "math/vec3.h"
#include "saqr.h"

/* ------------------------------------------------------------ quaternions */

static void euler_to_quaternion_and_back_should_round_trip(void **state)
{
    (void)state;
    const double cases[][3] = {{0.1, -0.2, 0.3}, {-3.0, 1.2, -2.9}, {1.0, -1.5, 3.1}, {0, 0, 0}};
    for (size_t i = 0; i < 4; i++) {
        double q[4], c[3][3], e[3], q2[4];
        quat_from_euler(cases[i][0], cases[i][1], cases[i][2], q);
        quat_to_dcm(q, c);
        euler_from_dcm(c, e);
        for (int k = 0; k < 3; k++)
            assert_near(e[k], cases[i][k], 1e-12);
        quat_from_dcm(c, q2);
        double dot = fabs(q[0] * q2[0] + q[1] * q2[1] + q[2] * q2[2] + q[3] * q2[3]);
        assert_near(dot, 1.0, 1e-12);
    }
}

static void dcm_of_a_yaw_should_rotate_north_into_body_x(void **state)
{
    (void)state;
    /* Yaw 90 deg: the nose points east, so east (0,1,0) NED is body x. */
    double q[4], c[3][3], east[3] = {0, 1, 0}, b[3];
    quat_from_euler(0.0, 0.0, 3.14159265358979323846 / 2, q);
    quat_to_dcm(q, c);
    mat3_mul_vec(c, east, b);
    assert_near(b[0], 1.0, 1e-15);
    assert_near(b[1], 0.0, 1e-15);
}

/* --------------------------------------------------- torque-free rotation */

typedef struct body_ctx {
    rigid_body body;
} body_ctx;

static int torque_free(void *ctx, double t, const eom_state *x, eom_state *xd)
{
    (void)t;
    const body_ctx *b = ctx;
    double zero[3] = {0, 0, 0};
    rigid_body_derivative(&b->body, x, zero, zero, zero, xd);
    return 0;
}

static void momentum_eci(const rigid_body *b, const eom_state *x, double h_eci[3])
{
    double h_b[3], c[3][3];
    mat3_mul_vec(b->inertia_kgm2, x->omega_body_radps, h_b);
    quat_to_dcm(x->q_eci_body, c);
    mat3_tmul_vec(c, h_b, h_eci);
}

static void torque_free_body_should_conserve_momentum_and_energy(void **state)
{
    (void)state;
    body_ctx ctx;
    double j[3][3] = {{1.2, -0.1, -0.25}, {-0.1, 2.0, 0.05}, {-0.25, 0.05, 2.6}};
    memcpy(ctx.body.inertia_kgm2, j, sizeof j);
    assert_true(mat3_invert(j, ctx.body.inertia_inv));
    ctx.body.mass_kg = 1.0;
    eom_state x = {0};
    x.q_eci_body[0] = 1.0;
    vec3_set(x.omega_body_radps, 0.3, 2.0, -0.7); /* near the unstable axis */
    integrator it;
    saqr_integrator_config cfg = {SAQR_INTEG_RK4, SAQR_INTEG_RK4, SAQR_INTEG_RK4, SAQR_INTEG_RK4};
    assert_int_equal(integrator_configure(&it, &cfg, NULL), SAQR_OK);
    double h0[3], jw[3];
    momentum_eci(&ctx.body, &x, h0);
    mat3_mul_vec(j, x.omega_body_radps, jw);
    double e0 = 0.5 * vec3_dot(x.omega_body_radps, jw);
    for (int k = 0; k < 20000; k++)
        assert_int_equal(integrator_step(&it, torque_free, &ctx, k * 1e-3, 1e-3, &x), 0);
    double h1[3];
    momentum_eci(&ctx.body, &x, h1);
    mat3_mul_vec(j, x.omega_body_radps, jw);
    double e1 = 0.5 * vec3_dot(x.omega_body_radps, jw);
    for (int i = 0; i < 3; i++)
        assert_near(h1[i], h0[i], 1e-9);
    assert_near(e1 / e0, 1.0, 1e-10);
}

static void products_of_inertia_should_couple_roll_moment_into_yaw(void **state)
{
    (void)state;
    /* J = [[Ixx 0 -Ixz][0 Iyy 0][-Ixz 0 Izz]], at rest, roll moment L:
     * pdot = Izz L / (Ixx Izz - Ixz^2), rdot = Ixz L / (Ixx Izz - Ixz^2). */
    double ixx = 1000, iyy = 3000, izz = 3500, ixz = 120, l = 50;
    rigid_body b = {.mass_kg = 10.0, .inertia_kgm2 = {{ixx, 0, -ixz}, {0, iyy, 0}, {-ixz, 0, izz}}};
    assert_true(mat3_invert(b.inertia_kgm2, b.inertia_inv));
    eom_state x = {0}, xd;
    x.q_eci_body[0] = 1.0;
    double f[3] = {0, 0, 0}, m[3] = {l, 0, 0}, g[3] = {0, 0, 0};
    rigid_body_derivative(&b, &x, f, m, g, &xd);
    double det = ixx * izz - ixz * ixz;
    assert_near(xd.omega_body_radps[0], izz * l / det, 1e-15);
    assert_near(xd.omega_body_radps[2], ixz * l / det, 1e-15);
    assert_near(xd.omega_body_radps[1], 0.0, 1e-15);
}

/* ---------------------------------------------- convergence of the schemes */

/* x'' = -x in the position/velocity groups, started at x = 1, v = 0. */
static int oscillator(void *ctx, double t, const eom_state *x, eom_state *xd)
{
    (void)ctx;
    (void)t;
    memset(xd, 0, sizeof *xd);
    for (int i = 0; i < 3; i++) {
        xd->pos_eci_m[i] = x->vel_eci_mps[i];
        xd->vel_eci_mps[i] = -x->pos_eci_m[i];
    }
    return 0;
}

static double oscillator_error(saqr_integrator s, double dt)
{
    integrator it;
    saqr_integrator_config cfg = {s, s, s, s};
    assert_int_equal(integrator_configure(&it, &cfg, NULL), SAQR_OK);
    eom_state x = {0};
    x.q_eci_body[0] = 1.0;
    x.pos_eci_m[0] = 1.0;
    int n = (int)lround(2.0 / dt);
    for (int k = 0; k < n; k++)
        assert_int_equal(integrator_step(&it, oscillator, NULL, k * dt, dt, &x), 0);
    return fabs(x.pos_eci_m[0] - cos(2.0));
}

static void each_scheme_should_converge_at_its_order(void **state)
{
    (void)state;
    /* Error ratio when halving the step: 2^order.  The multistep schemes
     * start from Euler (history filled with the first derivative, as JSBSim
     * does), which caps AB3's global order at 2. */
    const struct { saqr_integrator s; double lo, hi; } expect[] = {
        {SAQR_INTEG_RK4, 14.0, 18.0},
        {SAQR_INTEG_RECT_EULER, 1.8, 2.2},
        {SAQR_INTEG_TRAPEZOIDAL, 1.8, 2.2},
        {SAQR_INTEG_ADAMS_BASHFORTH2, 3.5, 4.5},
        {SAQR_INTEG_ADAMS_BASHFORTH3, 3.5, 8.5},
    };
    for (size_t i = 0; i < sizeof expect / sizeof expect[0]; i++) {
        double e1 = oscillator_error(expect[i].s, 0.01), e2 = oscillator_error(expect[i].s, 0.005);
        double ratio = e1 / e2;
        print_message("scheme %d: error %.3g at dt 0.01, %.3g at 0.005, ratio %.2f\n", (int)expect[i].s,
                      e1, e2, ratio);
        assert_true(ratio > expect[i].lo && ratio < expect[i].hi);
    }
    assert_true(oscillator_error(SAQR_INTEG_ADAMS_BASHFORTH3, 0.01) <
                oscillator_error(SAQR_INTEG_ADAMS_BASHFORTH2, 0.01));
}

static void none_scheme_should_hold_its_group(void **state)
{
    (void)state;
    integrator it;
    saqr_integrator_config cfg = {SAQR_INTEG_NONE, SAQR_INTEG_RECT_EULER, SAQR_INTEG_NONE, SAQR_INTEG_NONE};
    assert_int_equal(integrator_configure(&it, &cfg, NULL), SAQR_OK);
    eom_state x = {0};
    x.q_eci_body[0] = 1.0;
    x.pos_eci_m[0] = 1.0;
    assert_int_equal(integrator_step(&it, oscillator, NULL, 0.0, 0.1, &x), 0);
    assert_near(x.pos_eci_m[0], 1.0, 0.0);
    assert_near(x.vel_eci_mps[0], -0.1, 1e-15);
}

static void mixing_rk4_with_multistep_should_be_refused(void **state)
{
    (void)state;
    integrator it;
    saqr_err err = {{0}};
    saqr_integrator_config cfg = {SAQR_INTEG_RK4, SAQR_INTEG_RECT_EULER, SAQR_INTEG_RK4, SAQR_INTEG_RK4};
    assert_int_equal(integrator_configure(&it, &cfg, &err), SAQR_EINVAL);
    assert_non_null(strstr(err.msg, "RK4"));
    cfg.translational_rate = (saqr_integrator)77;
    assert_int_equal(integrator_configure(&it, &cfg, &err), SAQR_EINVAL);
    assert_non_null(strstr(err.msg, "translational_rate"));
}

static int failing(void *ctx, double t, const eom_state *x, eom_state *xd)
{
    (void)ctx;
    (void)t;
    (void)x;
    (void)xd;
    return 1;
}

static void a_failed_step_should_leave_the_state_unchanged(void **state)
{
    (void)state;
    integrator it;
    saqr_integrator_config cfg = {SAQR_INTEG_RK4, SAQR_INTEG_RK4, SAQR_INTEG_RK4, SAQR_INTEG_RK4};
    assert_int_equal(integrator_configure(&it, &cfg, NULL), SAQR_OK);
    eom_state x = {0}, before;
    x.q_eci_body[0] = 1.0;
    x.pos_eci_m[1] = 3.0;
    before = x;
    assert_int_not_equal(integrator_step(&it, failing, NULL, 0.0, 0.1, &x), 0);
    assert_memory_equal(&x, &before, sizeof x);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(euler_to_quaternion_and_back_should_round_trip),
        cmocka_unit_test(dcm_of_a_yaw_should_rotate_north_into_body_x),
        cmocka_unit_test(torque_free_body_should_conserve_momentum_and_energy),
        cmocka_unit_test(products_of_inertia_should_couple_roll_moment_into_yaw),
        cmocka_unit_test(each_scheme_should_converge_at_its_order),
        cmocka_unit_test(none_scheme_should_hold_its_group),
        cmocka_unit_test(mixing_rk4_with_multistep_should_be_refused),
        cmocka_unit_test(a_failed_step_should_leave_the_state_unchanged),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
