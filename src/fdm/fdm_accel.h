/*
 * fdm_accel.h - accelerations and state derivative of a JSBSim-format
 * aircraft (see fdm_accel.c).
 */
#ifndef SAQR_FDM_FDM_ACCEL_H
#define SAQR_FDM_FDM_ACCEL_H

#include "fdm/fdm_internal.h"

/* From the summed forces and moments about the CG (body axes): f->acc,
 * f->xdot and the accelerations/ and forces/ totals properties. */
void fdm_accelerations(saqr_fdm *f, const fdm_forces *total, double *v);

/* forces/hold-down written non-zero (JSBSim's FGFDMExec::SetHoldDown):
 * the aircraft stops relative to the Earth at once. */
void fdm_hold_down_engage(saqr_fdm *f);

#endif
