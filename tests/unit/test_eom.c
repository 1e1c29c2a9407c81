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
#include "eom/state.h"
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

/* The derivative a polynomial of time alone, c0 + c1 t + ... + c4 t^4,
 * in the translational-position group (the others still). */
static int polynomial_in_time(void *ctx, double t, const eom_state *x, eom_state *xd)
{
    const double *c = ctx;
    (void)x;
    memset(xd, 0, sizeof *xd);
    xd->pos_eci_m[0] = c[0] + t * (c[1] + t * (c[2] + t * (c[3] + t * c[4])));
    return 0;
}

static double polynomial_integral(const double *c, double a, double b)
{
    double s = 0.0;
    for (int k = 4; k >= 0; k--)
        s = s + c[k] * (pow(b, k + 1) - pow(a, k + 1)) / (k + 1);
    return s;
}

/* Adams-Bashforth of order k integrates a derivative that is a polynomial
 * of degree k - 1 exactly once its history holds true values (k - 1 steps
 * after the start, whose history is the first derivative repeated). */
static void adams_bashforth_4_and_5_are_exact_for_their_polynomials(void **state)
{
    (void)state;
    const struct { saqr_integrator s; int degree; } cases[] = {
        {SAQR_INTEG_ADAMS_BASHFORTH3, 2}, {SAQR_INTEG_ADAMS_BASHFORTH4, 3}, {SAQR_INTEG_ADAMS_BASHFORTH5, 4}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        double c[5] = {0.3, -1.1, 0.7, 0.0, 0.0};
        if (cases[i].degree >= 3)
            c[3] = 0.25;
        if (cases[i].degree >= 4)
            c[4] = -0.125;
        integrator it;
        saqr_integrator s = cases[i].s;
        saqr_integrator_config cfg = {s, s, SAQR_INTEG_RECT_EULER, s};
        assert_int_equal(integrator_configure(&it, &cfg, NULL), SAQR_OK);
        eom_state x = {0};
        x.q_eci_body[0] = 1.0;
        const double dt = 0.1;
        for (int k = 0; k < 12; k++) {
            double before = x.pos_eci_m[0];
            assert_int_equal(integrator_step(&it, polynomial_in_time, c, k * dt, dt, &x), 0);
            if (k >= cases[i].degree)
                assert_near(x.pos_eci_m[0] - before, polynomial_integral(c, k * dt, (k + 1) * dt), 1e-14);
        }
        /* and one order lower is not exact: the degree matters */
        double c_more[5] = {0.3, -1.1, 0.7, 0.25, -0.125};
        c_more[cases[i].degree + 1 < 5 ? cases[i].degree + 1 : 4] += 0.5;
        if (cases[i].degree + 1 < 5) {
            assert_int_equal(integrator_configure(&it, &cfg, NULL), SAQR_OK);
            x.pos_eci_m[0] = 0.0;
            double worst = 0.0;
            for (int k = 0; k < 12; k++) {
                double before = x.pos_eci_m[0];
                assert_int_equal(integrator_step(&it, polynomial_in_time, c_more, k * dt, dt, &x), 0);
                if (k >= 5)
                    worst = fmax(worst, fabs(x.pos_eci_m[0] - before - polynomial_integral(c_more, k * dt, (k + 1) * dt)));
            }
            assert_true(worst > 1e-9);
        }
    }
}

/* A body turning about a fixed axis with a constant angular acceleration
 * (the torque-free callback's rate derivative replaced by `ctx`). */
typedef struct spin {
    double axis[3];  /* unit */
    double accel;    /* rad/s^2 */
} spin;

static int spinning(void *ctx, double t, const eom_state *x, eom_state *xd)
{
    const spin *sp = ctx;
    (void)t;
    memset(xd, 0, sizeof *xd);
    quat_derivative(x->q_eci_body, x->omega_body_radps, xd->q_eci_body);
    for (int i = 0; i < 3; i++)
        xd->omega_body_radps[i] = sp->accel * sp->axis[i];
    return 0;
}

/* The attitude after `n` steps of `s` from rest, rate w0 about the axis. */
static void spin_for(saqr_integrator s, const spin *sp, double w0, double dt, int n, double q[4])
{
    integrator it;
    saqr_integrator_config cfg = {SAQR_INTEG_RECT_EULER, SAQR_INTEG_RECT_EULER, s, SAQR_INTEG_RECT_EULER};
    assert_int_equal(integrator_configure(&it, &cfg, NULL), SAQR_OK);
    eom_state x = {0};
    quat_from_euler(0.3, -0.2, 1.1, x.q_eci_body);
    for (int i = 0; i < 3; i++)
        x.omega_body_radps[i] = w0 * sp->axis[i];
    for (int k = 0; k < n; k++)
        assert_int_equal(integrator_step(&it, spinning, (void *)sp, k * dt, dt, &x), 0);
    memcpy(q, x.q_eci_body, sizeof x.q_eci_body);
}

/* The exact attitude: q0 times the rotation by `angle` about the axis. */
static double angle_error(const spin *sp, double angle, const double q[4])
{
    double q0[4], r[4], want[4];
    quat_from_euler(0.3, -0.2, 1.1, q0);
    r[0] = cos(0.5 * angle);
    for (int i = 0; i < 3; i++)
        r[1 + i] = sin(0.5 * angle) * sp->axis[i];
    quat_mul(q0, r, want);
    double d = 0.0;
    for (int i = 0; i < 4; i++)
        d = fmax(d, fabs(q[i] - want[i]));
    return d;
}

/* Buss 1 and 2 and the local linearisation are the exact rotation for a
 * constant rate; Buss 2 also for a constant angular acceleration about a
 * fixed axis, where the local linearisation is second order and Euler
 * (renormalised) first. */
static void attitude_schemes_follow_a_spin(void **state)
{
    (void)state;
    spin sp = {{0.48, -0.6, 0.64}, 0.0};
    const double dt = 0.01, w0 = 2.0;
    const int n = 300;
    const double t = n * dt;
    double q[4];
    const saqr_integrator exact_at_constant_rate[] = {SAQR_INTEG_BUSS1, SAQR_INTEG_BUSS2,
                                                      SAQR_INTEG_LOCAL_LINEARIZATION};
    for (size_t i = 0; i < 3; i++) {
        spin_for(exact_at_constant_rate[i], &sp, w0, dt, n, q);
        assert_true(angle_error(&sp, w0 * t, q) < 1e-13);
    }
    spin_for(SAQR_INTEG_RECT_EULER, &sp, w0, dt, n, q);
    assert_true(angle_error(&sp, w0 * t, q) > 1e-6); /* ~(w dt)^3 / 24 a step */

    sp.accel = 0.5; /* the rate grows: angle w0 t + a t^2 / 2 */
    const double angle = w0 * t + 0.5 * sp.accel * t * t;
    spin_for(SAQR_INTEG_BUSS2, &sp, w0, dt, n, q);
    assert_true(angle_error(&sp, angle, q) < 1e-12);
    double e_ll = 0.0, e_ll_half = 0.0;
    spin_for(SAQR_INTEG_LOCAL_LINEARIZATION, &sp, w0, dt, n, q);
    e_ll = angle_error(&sp, angle, q);
    spin_for(SAQR_INTEG_LOCAL_LINEARIZATION, &sp, w0, dt / 2, 2 * n, q);
    e_ll_half = angle_error(&sp, angle, q);
    print_message("local linearisation under a constant acceleration: %.3g, %.3g at half the step\n", e_ll,
                  e_ll_half);
    assert_true(e_ll < 1e-3 && e_ll / e_ll_half > 3.5); /* second order */
    spin_for(SAQR_INTEG_BUSS1, &sp, w0, dt, n, q); /* uses the rate at the start of each step */
    assert_true(angle_error(&sp, angle, q) > 1e-3);
}

static void attitude_schemes_are_for_the_attitude_only(void **state)
{
    (void)state;
    integrator it;
    saqr_err err = {{0}};
    saqr_integrator_config cfg = {SAQR_INTEG_BUSS2, SAQR_INTEG_RECT_EULER, SAQR_INTEG_BUSS2,
                                  SAQR_INTEG_RECT_EULER};
    assert_int_equal(integrator_configure(&it, &cfg, &err), SAQR_EINVAL);
    assert_non_null(strstr(err.msg, "rotational_rate"));
    cfg.rotational_rate = SAQR_INTEG_ADAMS_BASHFORTH5;
    assert_int_equal(integrator_configure(&it, &cfg, &err), SAQR_OK);
    cfg.rotational_position = (saqr_integrator)(SAQR_INTEG_LOCAL_LINEARIZATION + 1);
    assert_int_equal(integrator_configure(&it, &cfg, &err), SAQR_EINVAL);
    assert_non_null(strstr(err.msg, "unknown scheme"));
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

/* eom_state_is_finite: 0 when any member is a NaN or an infinity, 1 for
 * every finite state, the largest doubles and negative zeros included. */
static void a_state_is_finite_only_when_every_member_is(void **state)
{
    (void)state;
    eom_state x;
    double *m[13];
    int n = 0;
    for (int i = 0; i < 3; i++) {
        m[n++] = &x.pos_eci_m[i];
        m[n++] = &x.vel_eci_mps[i];
        m[n++] = &x.omega_body_radps[i];
    }
    for (int i = 0; i < 4; i++)
        m[n++] = &x.q_eci_body[i];
    const double bad[] = {NAN, INFINITY, -INFINITY};
    for (int k = 0; k < n; k++) {
        for (int j = 0; j < n; j++)
            *m[j] = j % 2 ? -0.0 : (j % 3 ? 1.7976931348623157e308 : -1e-310);
        assert_int_equal(eom_state_is_finite(&x), 1);
        for (int b = 0; b < 3; b++) {
            *m[k] = bad[b];
            assert_int_equal(eom_state_is_finite(&x), 0);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(euler_to_quaternion_and_back_should_round_trip),
        cmocka_unit_test(a_state_is_finite_only_when_every_member_is),
        cmocka_unit_test(dcm_of_a_yaw_should_rotate_north_into_body_x),
        cmocka_unit_test(torque_free_body_should_conserve_momentum_and_energy),
        cmocka_unit_test(products_of_inertia_should_couple_roll_moment_into_yaw),
        cmocka_unit_test(each_scheme_should_converge_at_its_order),
        cmocka_unit_test(none_scheme_should_hold_its_group),
        cmocka_unit_test(mixing_rk4_with_multistep_should_be_refused),
        cmocka_unit_test(adams_bashforth_4_and_5_are_exact_for_their_polynomials),
        cmocka_unit_test(attitude_schemes_follow_a_spin),
        cmocka_unit_test(attitude_schemes_are_for_the_attitude_only),
        cmocka_unit_test(a_failed_step_should_leave_the_state_unchanged),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
