/*
 * trim_toy.h - toy plants for the trim solvers' tests (test_trim_solver.c,
 * test_trim_newton.c): a coupled linear longitudinal model with a known
 * equilibrium, optionally nonlinear, slowly settling or with an axis its
 * control cannot move, behind the trim_plant interface.
 */
#ifndef SAQR_TESTS_TRIM_TOY_H
#define SAQR_TESTS_TRIM_TOY_H

#include <math.h>
#include <string.h>

#include "test_util.h"
#include "fdm/trim.h"
#include "math/units.h"

/* Linear coupled plant: s = A (c - c0) with controls alpha, throttle,
 * pitch trim and states wdot, udot, qdot.  `settle` < 1 makes the state
 * approach its static value geometrically from one run to the next. */
typedef struct toy {
    double alpha, throttle, trim;
    double a[3][3], c0[3];
    double s[3];                 /* wdot, udot, qdot as last evaluated */
    double settle;
    int frozen_udot;             /* udot does not depend on throttle    */
    int runs;
    double cube;                 /* nonlinear term on wdot              */
} toy;

static void toy_set(void *user, trim_control c, double x)
{
    toy *t = user;
    if (c == TRIM_ALPHA)
        t->alpha = x;
    else if (c == TRIM_THROTTLE)
        t->throttle = x;
    else if (c == TRIM_PITCH_TRIM)
        t->trim = x;
    else
        fail_msg("unexpected control %d", (int)c);
}

static void toy_run(void *user)
{
    toy *t = user;
    double d[3] = {t->alpha - t->c0[0], t->throttle - t->c0[1], t->trim - t->c0[2]};
    for (int i = 0; i < 3; i++) {
        double target = t->a[i][0] * d[0] + t->a[i][1] * d[1] + t->a[i][2] * d[2];
        if (i == 0)
            target += t->cube * d[0] * d[0] * d[0];
        if (i == 1 && t->frozen_udot)
            target = 0.7;
        t->s[i] = t->settle > 0.0 ? t->s[i] + t->settle * (target - t->s[i]) : target;
    }
    t->runs++;
}

static double toy_state(void *user, trim_state s)
{
    toy *t = user;
    switch (s) {
    case TRIM_WDOT: return t->s[0];
    case TRIM_UDOT: return t->s[1];
    case TRIM_QDOT: return t->s[2];
    default: fail_msg("unexpected state %d", (int)s);
    }
    return 0.0;
}

static void toy_init(toy *t)
{
    memset(t, 0, sizeof *t);
    /* wdot falls with alpha, udot rises with throttle and falls with
     * alpha (drag), qdot falls with alpha and rises with pitch trim */
    double a[3][3] = {{-60.0, -1.0, 2.0}, {-8.0, 12.0, 0.0}, {-4.0, 0.0, 3.0}};
    memcpy(t->a, a, sizeof a);
    t->c0[0] = 0.06;
    t->c0[1] = 0.55;
    t->c0[2] = -0.2;
}

static void setup_longitudinal(trim_solver *s)
{
    trim_solver_init(s);
    s->naxes = trim_axes_for_mode(0, s->axes, -4.0 * RAD_PER_DEG, 17.0 * RAD_PER_DEG, 0.0, 0.0, 0.0);
}

/* A toy plant behind the trim_plant interface and a longitudinal solver;
 * tests change the toy after rig_init. */
typedef struct rig {
    toy t;
    trim_plant p;
    trim_solver s;
} rig;

static void rig_init(rig *r)
{
    toy_init(&r->t);
    r->p = (trim_plant){&r->t, toy_set, toy_run, toy_state, NULL};
    setup_longitudinal(&r->s);
}

#endif
