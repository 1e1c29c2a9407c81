/*
 * integrator.c - RK4 and JSBSim's multistep schemes (see integrator.h).
 */
#include "eom/integrator.h"

#include <assert.h>
#include <stddef.h>

#include "math/quat.h"
#include "math/trig.h"
#include "math/vec3.h"

/* Where each group's numbers start in a state, and how many there are
 * (the same for every eom_state: eom_group_ptr's layout as constants). */
static const size_t group_off[EOM_GROUP_COUNT] = {offsetof(eom_state, omega_body_radps),
                                                  offsetof(eom_state, vel_eci_mps),
                                                  offsetof(eom_state, q_eci_body),
                                                  offsetof(eom_state, pos_eci_m)};
static const int group_len[EOM_GROUP_COUNT] = {3, 3, 4, 3};

static inline double *group_of(eom_state *s, int g)
{
    return (double *)(void *)((char *)s + group_off[g]);
}

static inline const double *cgroup_of(const eom_state *s, int g)
{
    return (const double *)(const void *)((const char *)s + group_off[g]);
}

/* How many past derivatives a scheme reads. */
static int history_needed(saqr_integrator s)
{
    switch (s) {
    case SAQR_INTEG_TRAPEZOIDAL:
    case SAQR_INTEG_ADAMS_BASHFORTH2: return 1;
    case SAQR_INTEG_ADAMS_BASHFORTH3: return 2;
    case SAQR_INTEG_ADAMS_BASHFORTH4: return 3;
    case SAQR_INTEG_ADAMS_BASHFORTH5: return 4;
    default: return 0;
    }
}

saqr_status integrator_configure(integrator *it, const saqr_integrator_config *cfg, saqr_err *err)
{
    if (!cfg)
        return err_set(err, SAQR_EINVAL, "integrator: no configuration given");
    saqr_integrator s[EOM_GROUP_COUNT] = {cfg->rotational_rate, cfg->translational_rate,
                                          cfg->rotational_position, cfg->translational_position};
    static const char *names[EOM_GROUP_COUNT] = {"rotational_rate", "translational_rate",
                                                 "rotational_position", "translational_position"};
    int rk4 = 0;
    for (int g = 0; g < EOM_GROUP_COUNT; g++) {
        if ((unsigned)s[g] > (unsigned)SAQR_INTEG_LOCAL_LINEARIZATION)
            return err_set(err, SAQR_EINVAL, "integrator: %s: unknown scheme %d", names[g], (int)s[g]);
        if (s[g] >= SAQR_INTEG_BUSS1 && g != EOM_ROT_POS)
            return err_set(err, SAQR_EINVAL,
                           "integrator: %s: the Buss and local linearisation schemes integrate the attitude "
                           "(rotational_position) only",
                           names[g]);
        rk4 += s[g] == SAQR_INTEG_RK4;
    }
    if (rk4 != 0 && rk4 != EOM_GROUP_COUNT)
        return err_set(err, SAQR_EINVAL,
                       "integrator: RK4 integrates the whole state; set it for all four groups or none");
    for (int g = 0; g < EOM_GROUP_COUNT; g++)
        it->scheme[g] = s[g];
    it->use_rk4 = rk4 == EOM_GROUP_COUNT;
#ifndef NDEBUG
    eom_state probe;
    for (int g = 0; g < EOM_GROUP_COUNT; g++) {
        int n;
        assert(group_of(&probe, g) == eom_group_ptr(&probe, (eom_group)g, &n) && n == group_len[g]);
    }
#endif
    integrator_reset(it);
    return SAQR_OK;
}

void integrator_reset(integrator *it)
{
    it->primed = 0;
    it->head = 0;
}

void integrator_prime(integrator *it, const eom_state *xdot)
{
    for (int k = 0; k < INTEGRATOR_HISTORY; k++)
        it->hist[k] = *xdot;
    it->head = 0;
    it->primed = 1;
}

/* f(n-1-k): the history is a ring, newest at `head`. */
static const eom_state *past(const integrator *it, int k)
{
    return &it->hist[(unsigned)(it->head + k) & (INTEGRATOR_HISTORY - 1)]; /* a power of two */
}

static int rk4_step(eom_deriv_fn f, void *ctx, double t, double dt, eom_state *x)
{
    eom_state k1, k2, k3, k4, tmp;
    if (f(ctx, t, x, &k1))
        return 1;
    eom_state_axpy(&tmp, x, 0.5 * dt, &k1);
    if (f(ctx, t + 0.5 * dt, &tmp, &k2))
        return 1;
    eom_state_axpy(&tmp, x, 0.5 * dt, &k2);
    if (f(ctx, t + 0.5 * dt, &tmp, &k3))
        return 1;
    eom_state_axpy(&tmp, x, dt, &k3);
    if (f(ctx, t + dt, &tmp, &k4))
        return 1;
    /* Sum the stages group by group through the generic group view. */
    eom_state next = *x;
    for (int g = 0; g < EOM_GROUP_COUNT; g++) {
        int n;
        double *xn = eom_group_ptr(&next, (eom_group)g, &n);
        double *a = eom_group_ptr(&k1, (eom_group)g, &n), *b = eom_group_ptr(&k2, (eom_group)g, &n);
        double *c = eom_group_ptr(&k3, (eom_group)g, &n), *d = eom_group_ptr(&k4, (eom_group)g, &n);
        for (int i = 0; i < n; i++)
            xn[i] += dt / 6.0 * (a[i] + 2.0 * b[i] + 2.0 * c[i] + d[i]);
    }
    quat_normalize(next.q_eci_body);
    if (!eom_state_is_finite(&next))
        return 1;
    *x = next;
    return 0;
}

/* x += dt * (weighted sum of f0 and the history f[1..4]) for one group:
 * the scheme chosen once, then one loop of its formula (JSBSim's
 * coefficients, FGPropagate::Integrate).  Only the f[k] the scheme reads
 * are set. */
static void multistep_group(saqr_integrator s, double *x, const double *const f[5], int n, double dt)
{
    const double *f0 = f[0], *f1 = f[1], *f2 = f[2], *f3 = f[3], *f4 = f[4];
    switch (s) {
    case SAQR_INTEG_RECT_EULER:
        for (int i = 0; i < n; i++)
            x[i] += dt * f0[i];
        break;
    case SAQR_INTEG_TRAPEZOIDAL:
        for (int i = 0; i < n; i++)
            x[i] += 0.5 * dt * (f0[i] + f1[i]);
        break;
    case SAQR_INTEG_ADAMS_BASHFORTH2:
        for (int i = 0; i < n; i++)
            x[i] += dt * (1.5 * f0[i] - 0.5 * f1[i]);
        break;
    case SAQR_INTEG_ADAMS_BASHFORTH3:
        for (int i = 0; i < n; i++)
            x[i] += dt * (23.0 * f0[i] - 16.0 * f1[i] + 5.0 * f2[i]) / 12.0;
        break;
    case SAQR_INTEG_ADAMS_BASHFORTH4:
        for (int i = 0; i < n; i++)
            x[i] += (1 / 24.0) * dt * (55.0 * f0[i] - 59.0 * f1[i] + 37.0 * f2[i] - 9.0 * f3[i]);
        break;
    case SAQR_INTEG_ADAMS_BASHFORTH5:
        for (int i = 0; i < n; i++)
            x[i] += dt * ((1901. / 720.) * f0[i] - (1387. / 360.) * f1[i] + (109. / 30.) * f2[i] -
                          (637. / 360.) * f3[i] + (251. / 720.) * f4[i]);
        break;
    case SAQR_INTEG_NONE:
    case SAQR_INTEG_RK4:
    case SAQR_INTEG_BUSS1:
    case SAQR_INTEG_BUSS2:
    case SAQR_INTEG_LOCAL_LINEARIZATION: break; /* not for a group's sum (attitude_step) */
    }
}

/* The unit quaternion exp(w) = (cos|w|, w sin|w| / |w|) (JSBSim's QExp). */
static void quat_exp(const double w[3], double e[4])
{
    double angle = sqrt(vec3_dot(w, w)), sn, cs;
    trig_sincos(angle, &sn, &cs);
    double k = angle > 0.0 ? sn / angle : 1.0;
    e[0] = cs;
    e[1] = w[0] * k;
    e[2] = w[1] * k;
    e[3] = w[2] * k;
}

/* The attitude over one step by Buss's methods or Barker's local
 * linearisation from the body rate w (inertial, body axes) at the start of
 * the step and its derivative wdot (JSBSim FGPropagate::Integrate for the
 * quaternion): q <- q * exp(dt/2 omega), omega = w for Buss 1,
 * w + dt/2 wdot + dt^2/12 wdot x w for Buss 2; q <- q * (C1 - C4 wi.wdi,
 * C2 wi + C3 wdi + C4 wi x wdi) with wi = w/2, wdi = wdot/2 for the local
 * linearisation. */
static void attitude_step(saqr_integrator s, double q[4], const double w[3], const double wdot[3], double dt)
{
    double r[4];
    if (s == SAQR_INTEG_LOCAL_LINEARIZATION) {
        double wi[3], wdi[3], c[3];
        for (int i = 0; i < 3; i++) {
            wi[i] = 0.5 * w[i];
            wdi[i] = 0.5 * wdot[i];
        }
        double wk2 = vec3_dot(w, w);
        double wk = wk2 > 1e-6 ? sqrt(wk2) : 1e-6;
        double sn, cs;
        trig_sincos(0.5 * dt * wk, &sn, &cs);
        double c1 = cs, c2 = 2.0 * sn / wk, c3 = 4.0 * (1.0 - c1) / (wk * wk), c4 = 4.0 * (dt - c2) / (wk * wk);
        vec3_cross(c, wi, wdi);
        r[0] = c1 - c4 * vec3_dot(wi, wdi);
        for (int i = 0; i < 3; i++)
            r[1 + i] = c2 * wi[i] + c3 * wdi[i] + c4 * c[i];
    } else {
        double omega[3], c[3];
        vec3_cross(c, wdot, w);
        for (int i = 0; i < 3; i++) {
            omega[i] = s == SAQR_INTEG_BUSS1 ? w[i] : w[i] + 0.5 * dt * wdot[i] + dt * dt / 12. * c[i];
            omega[i] *= 0.5 * dt;
        }
        quat_exp(omega, r);
    }
    double out[4];
    quat_mul(q, r, out);
    for (int i = 0; i < 4; i++)
        q[i] = out[i];
}

static int multistep_step(integrator *it, eom_deriv_fn f, void *ctx, double t, double dt,
                          eom_state *x)
{
    eom_state f0;
    if (f(ctx, t, x, &f0))
        return 1;
    /* the history read in place, as deep as each scheme reads (before
     * priming, every entry is f0) */
    eom_state next = *x;
    for (int g = 0; g < EOM_GROUP_COUNT; g++) {
        const double *fg[5] = {cgroup_of(&f0, g), NULL, NULL, NULL, NULL};
        for (int k = 1, need = history_needed(it->scheme[g]); k <= need; k++)
            fg[k] = it->primed ? cgroup_of(past(it, k - 1), g) : fg[0];
        multistep_group(it->scheme[g], group_of(&next, g), fg, group_len[g], dt);
    }
    saqr_integrator att = it->scheme[EOM_ROT_POS];
    if (att >= SAQR_INTEG_BUSS1)
        attitude_step(att, next.q_eci_body, x->omega_body_radps, f0.omega_body_radps, dt);
    if (att != SAQR_INTEG_BUSS1 && att != SAQR_INTEG_BUSS2) /* an exponential is a unit quaternion */
        quat_normalize(next.q_eci_body);
    if (!eom_state_is_finite(&next))
        return 1;
    *x = next;
    if (!it->primed)
        integrator_prime(it, &f0);
    it->head = (int)((unsigned)(it->head + INTEGRATOR_HISTORY - 1) & (INTEGRATOR_HISTORY - 1));
    it->hist[it->head] = f0;
    return 0;
}

int integrator_step(integrator *it, eom_deriv_fn f, void *ctx, double t, double dt, eom_state *x)
{
    return it->use_rk4 ? rk4_step(f, ctx, t, dt, x) : multistep_step(it, f, ctx, t, dt, x);
}
