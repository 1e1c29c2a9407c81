/*
 * fdm_propagate.h - state placement and derived state of a JSBSim-format
 * aircraft (see fdm_propagate.c).
 */
#ifndef SAQR_FDM_FDM_PROPAGATE_H
#define SAQR_FDM_FDM_PROPAGATE_H

#include "fdm/fdm_internal.h"

/* Sets the integrated state from an initial condition (time 0). */
void fdm_place(saqr_fdm *f, const fdm_ic *ic);
/* Fills the positional and velocity parts of f->env from f->x at f->t_s. */
void fdm_derive_state(saqr_fdm *f);
/* Writes position/, attitude/, velocities/ (u v w p q r ...) properties. */
void fdm_publish_state(const saqr_fdm *f, double *v);
/* Moves the CG to r_ecef_m keeping the attitude to the local north-east-
 * down axes, the Earth-relative velocity in those axes and the body rates
 * relative to the Earth; re-derives and publishes the state. */
void fdm_move(saqr_fdm *f, const double r_ecef_m[3]);
/* Shifts the body by -shift (body axes) relative to the Earth. */
void fdm_nudge(saqr_fdm *f, const double shift_body_m[3]);

/* position/eci-{x,y,z}-ft, ecef-{x,y,z}-ft, velocities/eci-{x,y,z}-fps,
 * eci-velocity-mag-fps, ecef-{x,y,z}-fps, in that order, from the state:
 * published only when read (fdm_publish_on_demand). */
void fdm_inertial_values(const saqr_fdm *f, double out[13]);

#endif
