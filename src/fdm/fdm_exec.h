/*
 * fdm_exec.h - the executive of a JSBSim-format aircraft (fdm_exec.c).
 */
#ifndef SAQR_FDM_FDM_EXEC_H
#define SAQR_FDM_FDM_EXEC_H

#include "fdm/fdm_internal.h"

/* Configures the integrators from simulation/integrator/..., resolves the
 * initial conditions, applies them (RunIC) and starts the engines the IC
 * names.  `reset_models` puts FCS, engines and gear back to their loaded
 * state first (simulation/reset). */
saqr_status fdm_initialize(saqr_fdm *f, int reset_models);
/* One frame (see fdm_internal.h). */
saqr_status fdm_frame(saqr_fdm *f);

#endif
