/*
 * integrator.h - fixed-step integration of the rigid-body state.
 *
 * Two families:
 *  - RK4, the classical fourth-order Runge-Kutta method over the whole
 *    state (four derivative evaluations per step);
 *  - JSBSim's explicit one-evaluation schemes, chosen per state group:
 *    rectangular (forward) Euler, trapezoidal, Adams-Bashforth 2 to 5.
 *    Their derivative history starts filled with the first derivative, as
 *    JSBSim's FGPropagate::InitializeDerivatives does, so the first steps
 *    reduce to Euler.  For the attitude alone, also Buss's first and
 *    augmented second order methods (the quaternion times the exponential
 *    of half the rotation over the step) and Barker's local linearisation.
 * After every step the attitude quaternion is renormalised (not after the
 * Buss methods, whose exponential keeps it a unit quaternion, as JSBSim).
 * References: Press et al., "Numerical Recipes", 3rd ed., sec. 17.1 (RK4);
 * Hairer, Norsett & Wanner, "Solving ODEs I", sec. III.1 (Adams methods);
 * S. R. Buss, "Accurate and efficient simulation of rigid-body rotations",
 * J. Comput. Phys. 164 (2000); L. A. Barker et al., "Quaternion attitude
 * integration by local linearization", NASA/TM (referenced by JSBSim);
 * JSBSim FGPropagate.cpp (scheme numbers, start-up, Integrate).
 */
#ifndef SAQR_EOM_INTEGRATOR_H
#define SAQR_EOM_INTEGRATOR_H

#include "eom/state.h"
#include "saqr.h"
#include "util/err.h"

/* Derivative callback: fills xdot at (t, x).  Returns 0 on success; any
 * other value aborts the step. */
typedef int (*eom_deriv_fn)(void *ctx, double t_s, const eom_state *x, eom_state *xdot);

#define INTEGRATOR_HISTORY 4 /* past derivatives Adams-Bashforth 5 needs
                               (a power of two: the ring's index masks) */

typedef struct integrator {
    saqr_integrator scheme[EOM_GROUP_COUNT]; /* per group, see eom_group  */
    int use_rk4;                             /* all groups are RK4        */
    eom_state hist[INTEGRATOR_HISTORY];      /* a ring: f(n-1) at head,   */
    int head;                                /* f(n-1-k) at head + k      */
    int primed;                              /* history filled            */
} integrator;

/* Checks and stores the schemes; resets the history.  Mixing RK4 with the
 * multistep schemes is refused (SAQR_EINVAL). */
saqr_status integrator_configure(integrator *it, const saqr_integrator_config *cfg, saqr_err *err);

/* Forgets the derivative history (after a re-initialisation). */
void integrator_reset(integrator *it);

/* Fills the derivative history with `xdot` (JSBSim's InitializeDerivatives
 * stores the derivative its models produced one run before the current one). */
void integrator_prime(integrator *it, const eom_state *xdot);

/* Advances x from t_s by dt_s.  On failure (the callback failed or the
 * result is not finite) returns non-zero and leaves x and the history as
 * they were. */
int integrator_step(integrator *it, eom_deriv_fn f, void *ctx, double t_s, double dt_s,
                    eom_state *x);

#endif
