/*
 * trim_newton.c - the quick trim: the same axes, controls, limits and
 * tolerances as JSBSim's FGTrim (trim_solver.c), solved all at once by
 * Newton's method instead of one axis at a time.
 *
 * FGTrim nulls each acceleration with its own control in turn, bracketing
 * and narrowing every axis again on each outer iteration; on the c172x's
 * full trim that is ~650 evaluations of the models.  The axes are coupled
 * but smooth near a trim, so Newton's method on the vector of
 * accelerations converges in a few steps: a Jacobian by forward
 * differences (one evaluation per axis), then steps that update it with
 * Broyden's rank-one formula and fall back to a fresh Jacobian when a step
 * did not halve the residual.  Every step is kept inside the controls'
 * limits and shortened (up to four halvings) until it lowers the
 * residual.  The trim succeeds on FGTrim's own criterion, every axis
 * within its tolerance; it gives up after a fixed number of evaluations,
 * and the caller then runs FGTrim from the start, so a quick trim that
 * fails costs time, never a trim.
 *
 * An evaluation applies every control in axis order (the throttle only
 * when it moved: setting it runs the engines to their steady state, the
 * dearest part of an evaluation) and runs the models until every axis'
 * state agrees with the run before within its tolerance, as FGTrim's
 * FGTrimAxis::Run does for its one axis.
 *
 * References: J. E. Dennis, R. B. Schnabel, Numerical Methods for
 * Unconstrained Optimization and Nonlinear Equations (SIAM, 1996),
 * ch. 6 (backtracking) and 8 (Broyden's update); B. L. Stevens, F. L.
 * Lewis, Aircraft Control and Simulation, 2nd ed. (Wiley, 2003), ch. 3
 * (steady-state flight: trimming as nulling the state derivatives); JSBSim
 * src/initialization/FGTrim.cpp for the axes and the criterion.
 */
#include <math.h>
#include <string.h>

#include "fdm/trim.h"
#include "math/units.h"

#define MAX_EVALUATIONS 60
#define MAX_HALVINGS 4
#define MAX_STEP_OF_RANGE 0.2

typedef struct newton {
    const trim_plant *p;
    trim_axis *axes;
    int n;
    double applied_throttle;        /* NAN until the throttle is set        */
    int evaluations;
} newton;

/* The forward-difference step of a control: a thousandth of the range
 * of a surface, 0.05 deg of an angle, and a fiftieth of the throttle's,
 * whose effect has to stand out of how closely the engines' steady state
 * settles. */
static double fd_step(const trim_axis *a)
{
    switch (a->control) {
    case TRIM_THROTTLE: return 0.02;
    case TRIM_ALT_AGL: return 0.01;
    case TRIM_PITCH_TRIM: case TRIM_ELEVATOR: case TRIM_AILERON: case TRIM_RUDDER: return 0.002;
    default: return 0.05 * RAD_PER_DEG;
    }
}

/* Sets the controls to x, runs the models until the states settle and
 * writes the residuals (state - target) into r.  Returns the squared
 * residual in tolerances. */
static double evaluate(newton *nw, const double *x, double *r)
{
    const trim_plant *p = nw->p;
    for (int i = 0; i < nw->n; i++) {
        trim_axis *a = &nw->axes[i];
        a->control_value = x[i];
        if (a->control == TRIM_THROTTLE) {
            if (x[i] == nw->applied_throttle)
                continue;
            nw->applied_throttle = x[i];
        }
        p->set_control(p->user, a->control, x[i]);
    }
    if (p->before_axis)
        p->before_axis(p->user);
    for (int run = 1;; run++) {
        int stable = 1;
        p->run(p->user);
        for (int i = 0; i < nw->n; i++) {
            trim_axis *a = &nw->axes[i];
            double last = a->state_value;
            a->state_value = p->state(p->user, a->state) - a->state_target;
            if (!(fabs(a->state_value - last) < a->tolerance))
                stable = 0;
        }
        if ((run > 1 && stable) || run >= TRIM_STABLE_MAX_RUNS)
            break;
    }
    double norm = 0.0;
    for (int i = 0; i < nw->n; i++) {
        trim_axis *a = &nw->axes[i];
        a->runs++;
        r[i] = a->state_value;
        norm += (r[i] / a->tolerance) * (r[i] / a->tolerance);
    }
    nw->evaluations++;
    return isfinite(norm) ? norm : INFINITY;
}

static int within_tolerance(const newton *nw, const double *r)
{
    for (int i = 0; i < nw->n; i++)
        if (!(fabs(r[i]) <= nw->axes[i].tolerance))
            return 0;
    return 1;
}

static double clamp_to(const trim_axis *a, double x)
{
    return x < a->control_min ? a->control_min : x > a->control_max ? a->control_max : x;
}

/* J by forward differences about (x, r); the throttle's column last, so
 * that the engines settle once for it and once more at the next point. */
static void jacobian(newton *nw, const double *x, const double *r, double J[TRIM_MAX_AXES][TRIM_MAX_AXES])
{
    double xp[TRIM_MAX_AXES], rp[TRIM_MAX_AXES];
    int order[TRIM_MAX_AXES], k = 0;
    for (int j = 0; j < nw->n; j++)
        if (nw->axes[j].control != TRIM_THROTTLE)
            order[k++] = j;
    for (int j = 0; j < nw->n; j++)
        if (nw->axes[j].control == TRIM_THROTTLE)
            order[k++] = j;
    for (int c = 0; c < nw->n; c++) {
        int j = order[c];
        const trim_axis *a = &nw->axes[j];
        double h = fd_step(a);
        if (x[j] + h > a->control_max)
            h = -h;
        memcpy(xp, x, sizeof xp);
        xp[j] = x[j] + h;
        (void)evaluate(nw, xp, rp);
        for (int i = 0; i < nw->n; i++)
            J[i][j] = (rp[i] - r[i]) / h;
    }
}

/* Solves J dx = -r by Gaussian elimination with partial pivoting; returns
 * 0 when J is singular. */
static int newton_step(int n, double J[TRIM_MAX_AXES][TRIM_MAX_AXES], const double *r, double *dx)
{
    double A[TRIM_MAX_AXES][TRIM_MAX_AXES + 1];
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++)
            A[i][j] = J[i][j];
        A[i][n] = -r[i];
    }
    for (int c = 0; c < n; c++) {
        int piv = c;
        for (int i = c + 1; i < n; i++)
            if (fabs(A[i][c]) > fabs(A[piv][c]))
                piv = i;
        if (!(fabs(A[piv][c]) > 1e-300))
            return 0;
        if (piv != c)
            for (int j = c; j <= n; j++) {
                double t = A[c][j];
                A[c][j] = A[piv][j];
                A[piv][j] = t;
            }
        for (int i = c + 1; i < n; i++) {
            double m = A[i][c] / A[c][c];
            for (int j = c; j <= n; j++)
                A[i][j] -= m * A[c][j];
        }
    }
    for (int i = n - 1; i >= 0; i--) {
        double s = A[i][n];
        for (int j = i + 1; j < n; j++)
            s -= A[i][j] * dx[j];
        dx[i] = s / A[i][i];
    }
    for (int i = 0; i < n; i++)
        if (!isfinite(dx[i]))
            return 0;
    return 1;
}

/* Broyden's update: J += (dr - J dx) dx^T / (dx^T dx). */
static void broyden(int n, double J[TRIM_MAX_AXES][TRIM_MAX_AXES], const double *dx, const double *dr)
{
    double dd = 0.0;
    for (int j = 0; j < n; j++)
        dd += dx[j] * dx[j];
    if (!(dd > 0.0))
        return;
    for (int i = 0; i < n; i++) {
        double e = dr[i];
        for (int j = 0; j < n; j++)
            e -= J[i][j] * dx[j];
        for (int j = 0; j < n; j++)
            J[i][j] += e * dx[j] / dd;
    }
}

/* What the Jacobian in hand is. */
enum jacobian_state { JACOBIAN_NONE, JACOBIAN_FRESH, JACOBIAN_UPDATED };

int trim_newton_run(trim_solver *t, const trim_plant *p)
{
    newton nw = {p, t->axes, t->naxes, NAN, 0};
    int n = t->naxes;
    double x[TRIM_MAX_AXES], r[TRIM_MAX_AXES], J[TRIM_MAX_AXES][TRIM_MAX_AXES];
    t->failed_axis[0] = '\0';
    t->iterations = 0;
    if (n <= 0 || n > TRIM_MAX_AXES)
        return n == 0;
    for (int i = 0; i < n; i++) {
        trim_axis *a = &t->axes[i];
        x[i] = clamp_to(a, a->control_value);
        a->state_value = NAN;
    }
    double norm = evaluate(&nw, x, r);
    enum jacobian_state jac = JACOBIAN_NONE;
    while (!within_tolerance(&nw, r)) {
        if (nw.evaluations >= MAX_EVALUATIONS || (jac == JACOBIAN_NONE && nw.evaluations + n >= MAX_EVALUATIONS))
            return 0;
        if (jac == JACOBIAN_NONE) {
            jacobian(&nw, x, r, J);
            jac = JACOBIAN_FRESH;
        }
        double dx[TRIM_MAX_AXES], xn[TRIM_MAX_AXES], rn[TRIM_MAX_AXES], normn = INFINITY;
        if (!newton_step(n, J, r, dx))
            return 0;
        /* a step of at most a fifth of any control's range: the linear
         * model holds near the trim, not across the envelope */
        double scale = 1.0;
        for (int i = 0; i < n; i++) {
            double limit = MAX_STEP_OF_RANGE * (t->axes[i].control_max - t->axes[i].control_min);
            if (fabs(dx[i]) * scale > limit)
                scale = limit / fabs(dx[i]);
        }
        for (int h = 0; h <= MAX_HALVINGS; h++, scale *= 0.5) {
            for (int i = 0; i < n; i++)
                xn[i] = clamp_to(&t->axes[i], x[i] + scale * dx[i]);
            normn = evaluate(&nw, xn, rn);
            if (normn < norm)
                break;
        }
        t->iterations++;
        if (!(normn < norm)) {
            if (jac == JACOBIAN_FRESH)
                return 0;            /* a fresh Jacobian's step does not descend */
            jac = JACOBIAN_NONE;     /* the updated one has gone stale: rebuild  */
            continue;
        }
        double step[TRIM_MAX_AXES], dr[TRIM_MAX_AXES];
        for (int i = 0; i < n; i++) {
            step[i] = xn[i] - x[i];
            dr[i] = rn[i] - r[i];
        }
        broyden(n, J, step, dr);
        /* keep the updated Jacobian while it halves the residual */
        jac = normn < 0.25 * norm ? JACOBIAN_UPDATED : JACOBIAN_NONE;
        memcpy(x, xn, sizeof x);
        memcpy(r, rn, sizeof r);
        norm = normn;
    }
    return 1;
}
