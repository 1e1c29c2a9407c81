/*
 * integrator.c - RK4 and JSBSim's multistep schemes (see integrator.h).
 */
#include "eom/integrator.h"

#include <assert.h>
#include <stddef.h>

#include "math/quat.h"

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
        if ((unsigned)s[g] > (unsigned)SAQR_INTEG_ADAMS_BASHFORTH3)
            return err_set(err, SAQR_EINVAL, "integrator: %s: unknown scheme %d", names[g], (int)s[g]);
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
}

void integrator_prime(integrator *it, const eom_state *xdot)
{
    it->hist[0] = *xdot;
    it->hist[1] = *xdot;
    it->primed = 1;
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

/* x += dt * (weighted sum of f0 and the history) for one group: the
 * scheme chosen once, then one loop of its formula. */
static void multistep_group(saqr_integrator s, double *x, const double *f0, const double *f1,
                            const double *f2, int n, double dt)
{
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
    case SAQR_INTEG_NONE:
    case SAQR_INTEG_RK4: break;
    }
}

static int multistep_step(integrator *it, eom_deriv_fn f, void *ctx, double t, double dt,
                          eom_state *x)
{
    eom_state f0;
    if (f(ctx, t, x, &f0))
        return 1;
    /* the history read in place: hist[1] takes hist[0] only after the step */
    const eom_state *h1 = it->primed ? &it->hist[0] : &f0;
    const eom_state *h2 = it->primed ? &it->hist[1] : &f0;
    eom_state next = *x;
    for (int g = 0; g < EOM_GROUP_COUNT; g++)
        multistep_group(it->scheme[g], group_of(&next, g), cgroup_of(&f0, g), cgroup_of(h1, g), cgroup_of(h2, g),
                        group_len[g], dt);
    quat_normalize(next.q_eci_body);
    if (!eom_state_is_finite(&next))
        return 1;
    *x = next;
    it->hist[1] = *h1;
    it->hist[0] = f0;
    it->primed = 1;
    return 0;
}

int integrator_step(integrator *it, eom_deriv_fn f, void *ctx, double t, double dt, eom_state *x)
{
    return it->use_rk4 ? rk4_step(f, ctx, t, dt, x) : multistep_step(it, f, ctx, t, dt, x);
}
