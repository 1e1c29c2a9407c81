/*
 * external.h - external forces and moments (<external_reactions>): each
 * <force> or <moment> has a direction in BODY, LOCAL (NED), WIND or
 * INERTIAL (ECI) axes (properties external_reactions/NAME/x|y|z or l|m|n),
 * a magnitude from external_reactions/NAME/magnitude (lbf; magnitude-lbsft
 * for moments) or a <function>, and for forces a structural location
 * (external_reactions/NAME/location-x|y|z-in, writable; the origin when
 * <location> is absent).  A missing or unknown frame is BODY, with a
 * warning, as in JSBSim.
 * Reference: JSBSim src/models/FGExternalReactions.cpp, FGExternalForce.cpp,
 * propulsion/FGForce.cpp.
 */
#ifndef SAQR_FDM_EXTERNAL_H
#define SAQR_FDM_EXTERNAL_H

#include <libxml/tree.h>

#include "fdm/fdm_env.h"
#include "load/jsbsim/jxml.h"
#include "util/rng.h"

typedef struct external external;

saqr_status external_load(jx_ctx *c, const xmlNode *el, external **out);
void external_run(external *x, const fdm_env *env, double *v, saqr_rng *rng, fdm_forces *out);

/* A copy for another aircraft of a batch (src/fdm/fdm_clone.c): its own
 * state in `ar`, the read-only loaded data shared with `src`.  NULL when
 * memory runs out. */
external *external_clone(arena *ar, const external *src);

#endif
