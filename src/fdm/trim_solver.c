/*
 * trim_solver.c - JSBSim's trim iteration, independent of the aircraft:
 * axes pairing a state to null with a control, the outer loop over the
 * axes, bracketing (first over the control limits, later by a doubling
 * step around the current control) and a relaxed regula-falsi solve.
 * Works on any trim_plant, so it can be exercised on toy models.
 *
 * Reference: JSBSim src/initialization/FGTrim.cpp (DoTrim, solve,
 * findInterval, checkLimits, SetMode), FGTrimAxis.cpp (constructor
 * tolerances and limits, Run).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fdm/trim.h"
#include "math/units.h"

#define DEFAULT_TOLERANCE 0.001

trim_axis trim_axis_make(trim_state s, trim_control c, double alpha_min_rad, double alpha_max_rad,
                         double ic_value)
{
    trim_axis a;
    memset(&a, 0, sizeof a);
    a.state = s;
    a.control = c;
    a.tolerance = DEFAULT_TOLERANCE;
    switch (s) {
    case TRIM_QDOT: case TRIM_PDOT: case TRIM_RDOT: a.tolerance = DEFAULT_TOLERANCE / 10.0; break;
    case TRIM_HMGT: a.tolerance = 0.01; break;
    case TRIM_NLF: a.state_target = 1.0; a.tolerance = 1e-5; break;
    default: break;
    }
    a.solver_eps = a.tolerance;
    switch (c) {
    case TRIM_THROTTLE:
        a.control_min = 0.0;
        a.control_max = 1.0;
        a.control_value = 0.5;
        break;
    case TRIM_BETA:
        a.control_min = -30.0 * RAD_PER_DEG;
        a.control_max = 30.0 * RAD_PER_DEG;
        break;
    case TRIM_ALPHA:
        a.control_min = alpha_min_rad;
        a.control_max = alpha_max_rad;
        if (a.control_max <= a.control_min) {
            a.control_max = 20.0 * RAD_PER_DEG;
            a.control_min = -5.0 * RAD_PER_DEG;
        }
        a.control_value = 0.5 * (a.control_min + a.control_max);
        a.solver_eps = a.tolerance / 100.0;
        break;
    case TRIM_PITCH_TRIM: case TRIM_ELEVATOR: case TRIM_AILERON: case TRIM_RUDDER:
        a.control_min = -1.0;
        a.control_max = 1.0;
        a.solver_eps = a.tolerance / 100.0;
        break;
    case TRIM_ALT_AGL:
        a.control_min = 0.0;
        a.control_max = 30.0;
        a.control_value = ic_value;
        a.solver_eps = a.tolerance / 100.0;
        break;
    case TRIM_THETA:
        a.control_min = ic_value - 5.0 * RAD_PER_DEG;
        a.control_max = ic_value + 5.0 * RAD_PER_DEG;
        break;
    case TRIM_PHI: case TRIM_HEADING:
        a.control_min = ic_value - 30.0 * RAD_PER_DEG;
        a.control_max = ic_value + 30.0 * RAD_PER_DEG;
        break;
    case TRIM_GAMMA:
        a.solver_eps = a.tolerance / 100.0;
        a.control_min = -80.0 * RAD_PER_DEG;
        a.control_max = 80.0 * RAD_PER_DEG;
        break;
    }
    return a;
}

int trim_axes_for_mode(int mode, trim_axis *out, double amin, double amax, double agl_ft, double theta,
                       double phi)
{
    int n = 0;
    switch (mode) {
    case 1: /* full: longitudinal plus lateral */
    case 0:
        out[n++] = trim_axis_make(TRIM_WDOT, TRIM_ALPHA, amin, amax, 0.0);
        out[n++] = trim_axis_make(TRIM_UDOT, TRIM_THROTTLE, amin, amax, 0.0);
        out[n++] = trim_axis_make(TRIM_QDOT, TRIM_PITCH_TRIM, amin, amax, 0.0);
        if (mode == 1) {
            out[n++] = trim_axis_make(TRIM_VDOT, TRIM_PHI, amin, amax, phi);
            out[n++] = trim_axis_make(TRIM_PDOT, TRIM_AILERON, amin, amax, 0.0);
            out[n++] = trim_axis_make(TRIM_RDOT, TRIM_RUDDER, amin, amax, 0.0);
        }
        break;
    case 3: /* pull-up: the load factor with alpha */
        out[n++] = trim_axis_make(TRIM_NLF, TRIM_ALPHA, amin, amax, 0.0);
        out[n++] = trim_axis_make(TRIM_UDOT, TRIM_THROTTLE, amin, amax, 0.0);
        out[n++] = trim_axis_make(TRIM_QDOT, TRIM_PITCH_TRIM, amin, amax, 0.0);
        out[n++] = trim_axis_make(TRIM_HMGT, TRIM_BETA, amin, amax, 0.0);
        out[n++] = trim_axis_make(TRIM_VDOT, TRIM_PHI, amin, amax, phi);
        out[n++] = trim_axis_make(TRIM_PDOT, TRIM_AILERON, amin, amax, 0.0);
        out[n++] = trim_axis_make(TRIM_RDOT, TRIM_RUDDER, amin, amax, 0.0);
        break;
    case 5: /* steady turn: sideslip instead of bank */
        out[n++] = trim_axis_make(TRIM_WDOT, TRIM_ALPHA, amin, amax, 0.0);
        out[n++] = trim_axis_make(TRIM_UDOT, TRIM_THROTTLE, amin, amax, 0.0);
        out[n++] = trim_axis_make(TRIM_QDOT, TRIM_PITCH_TRIM, amin, amax, 0.0);
        out[n++] = trim_axis_make(TRIM_VDOT, TRIM_BETA, amin, amax, 0.0);
        out[n++] = trim_axis_make(TRIM_PDOT, TRIM_AILERON, amin, amax, 0.0);
        out[n++] = trim_axis_make(TRIM_RDOT, TRIM_RUDDER, amin, amax, 0.0);
        break;
    case 2:
        out[n++] = trim_axis_make(TRIM_WDOT, TRIM_ALT_AGL, amin, amax, agl_ft);
        out[n++] = trim_axis_make(TRIM_QDOT, TRIM_THETA, amin, amax, theta);
        out[n++] = trim_axis_make(TRIM_PDOT, TRIM_PHI, amin, amax, phi);
        break;
    default:
        break;
    }
    return n;
}

static void get_state(trim_axis *a, const trim_plant *p)
{
    a->state_value = p->state(p->user, a->state) - a->state_target;
}

static int in_tolerance(trim_axis *a, const trim_plant *p)
{
    get_state(a, p);
    return fabs(a->state_value) <= a->tolerance;
}

void trim_axis_run(trim_axis *a, const trim_plant *p)
{
    p->set_control(p->user, a->control, a->control_value);
    /* models with internal states (actuators, engines) may need several
     * evaluations to settle: run until two in a row agree */
    for (int i = 1;; i++) {
        double last = a->state_value;
        p->run(p->user);
        get_state(a, p);
        if (i > 1 && (fabs(last - a->state_value) < a->tolerance || i >= TRIM_STABLE_MAX_RUNS))
            break;
    }
    a->runs++;
}

static void set_and_run(trim_axis *a, const trim_plant *p, double x)
{
    a->control_value = x;
    trim_axis_run(a, p);
}

/* Is there a sign change of the state between the control limits?  Sets
 * the bracket to the half on the solution's side of the current control. */
static int check_limits(trim_solver *t, trim_axis *a, const trim_plant *p)
{
    get_state(a, p); /* JSBSim's GetState reads the current state */
    double x0 = a->control_value, f0 = a->state_value;
    t->xlo = a->control_min;
    t->xhi = a->control_max;
    set_and_run(a, p, t->xlo);
    t->alo = a->state_value;
    set_and_run(a, p, t->xhi);
    t->ahi = a->state_value;
    t->solution_domain = 0;
    int exists = 0;
    if (fabs(t->ahi - t->alo) > a->tolerance) {
        if (t->alo * f0 <= 0.0) {
            exists = 1;
            t->solution_domain = -1;
            t->xhi = x0;
            t->ahi = f0;
        } else if (f0 * t->ahi < 0.0) {
            exists = 1;
            t->solution_domain = 1;
            t->xlo = x0;
            t->alo = f0;
        }
    }
    set_and_run(a, p, x0);
    return exists;
}

/* Brackets a root around the current control with a doubling step. */
static int find_interval(trim_solver *t, trim_axis *a, const trim_plant *p)
{
    int found = 0;
    get_state(a, p);
    double x0 = a->control_value, f0 = a->state_value;
    double xmin = a->control_min, xmax = a->control_max;
    double step = 0.025 * fabs(xmax);
    t->xlo = t->xhi = x0;
    t->alo = t->ahi = f0;
    double last_xlo = t->xlo, last_xhi = t->xhi, last_alo = t->alo, last_ahi = t->ahi;
    do {
        t->nsub++;
        step *= 2.0;
        t->xlo -= step;
        if (t->xlo < xmin)
            t->xlo = xmin;
        t->xhi += step;
        if (t->xhi > xmax)
            t->xhi = xmax;
        set_and_run(a, p, t->xlo);
        t->alo = a->state_value;
        set_and_run(a, p, t->xhi);
        t->ahi = a->state_value;
        if (fabs(t->ahi - t->alo) <= a->tolerance)
            continue;
        if (t->alo * t->ahi <= 0.0) {
            found = 1;
            if (t->alo * f0 <= 0.0) {
                t->solution_domain = -1;
                t->xhi = last_xlo;
                t->ahi = last_alo;
            } else {
                t->solution_domain = 1;
                t->xlo = last_xhi;
                t->alo = last_ahi;
            }
        }
        last_xlo = t->xlo;
        last_xhi = t->xhi;
        last_alo = t->alo;
        last_ahi = t->ahi;
    } while (!found && t->nsub <= t->max_sub_iterations);
    return found;
}

/* Regula falsi on [xlo, xhi] with the retained end's value relaxed by 0.9
 * (the Illinois-like modification JSBSim uses). */
static int solve(trim_solver *t, trim_axis *a, const trim_plant *p)
{
    const double relax = 0.9;
    double eps = a->solver_eps, d = 1.0;
    if (t->solution_domain == 0)
        return 0;
    double x1 = t->xlo, f1 = t->alo, x3 = t->xhi, f3 = t->ahi;
    double d0 = fabs(x3 - x1);
    while (!in_tolerance(a, p) && fabs(d) > eps && t->nsub < t->max_sub_iterations) {
        t->nsub++;
        d = (x3 - x1) / d0;
        double x2 = x1 - d * d0 * f1 / (f3 - f1);
        set_and_run(a, p, x2);
        double f2 = a->state_value;
        if (f1 * f2 <= 0.0) {
            x3 = x2;
            f3 = f2;
            f1 = relax * f1;
        } else if (f2 * f3 <= 0.0) {
            x1 = x2;
            f1 = f2;
            f3 = relax * f3;
        }
    }
    return t->nsub < t->max_sub_iterations;
}

void trim_solver_init(trim_solver *t)
{
    memset(t, 0, sizeof *t);
    t->max_iterations = 60;
    t->max_sub_iterations = 100;
}

static const char *state_name(trim_state s)
{
    static const char *const n[] = {"udot", "vdot", "wdot", "qdot", "pdot", "rdot", "hmgt", "nlf"};
    return n[s];
}

void trim_solver_start(trim_solver *t, const trim_plant *p)
{
    t->failed_axis[0] = '\0';
    for (int i = 0; i < t->naxes; i++) {
        trim_axis *a = &t->axes[i];
        set_and_run(a, p, 0.5 * (a->control_min + a->control_max));
        t->solution[i] = 0;
    }
    t->iterations = 0;
}

int trim_solver_iterate(trim_solver *t, const trim_plant *p)
{
    int n = t->naxes, failed = 0, in_tol;
    do {
        for (int i = 0; i < n; i++) {
            trim_axis *a = &t->axes[i];
            if (p->before_axis)
                p->before_axis(p->user);
            t->nsub = 0;
            if (!t->solution[i]) {
                if (check_limits(t, a, p)) {
                    t->solution[i] = 1;
                    solve(t, a, p);
                }
            } else if (find_interval(t, a, p)) {
                solve(t, a, p);
            } else {
                t->solution[i] = 0;
            }
        }
        in_tol = 0;
        for (int i = 0; i < n; i++)
            in_tol += in_tolerance(&t->axes[i], p);
        /* one axis left that cannot move its state: give up */
        if (in_tol == n - 1 && n > 1) {
            for (int i = 0; i < n; i++) {
                trim_axis *a = &t->axes[i];
                if (!in_tolerance(a, p) && !check_limits(t, a, p)) {
                    snprintf(t->failed_axis, sizeof t->failed_axis, "%s", state_name(a->state));
                    failed = 1;
                }
            }
        }
        t->iterations++;
        if (t->iterations > t->max_iterations)
            failed = 1;
    } while (in_tol < n && !failed);
    return !failed && in_tol >= n;
}

int trim_solver_run(trim_solver *t, const trim_plant *p)
{
    trim_solver_start(t, p);
    return trim_solver_iterate(t, p);
}
