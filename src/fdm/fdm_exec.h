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
/* The same frame in FDM_FRAME_STAGES stages run in order 0, 1, ...: the
 * batch runs one stage for a group of aircraft before the next, so the
 * stage's code stays in the instruction cache.  A stage that fails leaves
 * the aircraft failed; the later ones must then not run. */
#define FDM_FRAME_STAGES 5
saqr_status fdm_frame_stage(saqr_fdm *f, int stage);
/* Once every producer and reader of every property is known (at init,
 * and when readers change): the models that skip work by the
 * properties' flags (the contacts' quiet run and held reports, the
 * propulsion's mirrored properties) work out what they may skip. */
void fdm_settle_flags(saqr_fdm *f);
/* The present state as the initial conditions (saqr_fdm_capture_ic). */
void fdm_capture_ic(saqr_fdm *f);
/* Places the aircraft at the initial conditions mid-flight, the time and
 * the models' states going on (saqr_fdm_reposition). */
saqr_status fdm_reposition(saqr_fdm *f);

#endif
