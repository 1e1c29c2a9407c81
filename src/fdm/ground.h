/*
 * ground.h - landing gear and structural contacts of a JSBSim-format
 * aircraft (<ground_reactions>): BOGEY and STRUCTURE contacts with spring
 * and damper (including rebound damping and SQUARE damping), static,
 * dynamic and rolling friction, brake groups, steering (fixed, castered,
 * steerable with max_steer), retractable gear following gear/gear-pos-norm,
 * weight on wheels, and JSBSim's friction resolution at low speed
 * (FGAccelerations::ResolveFrictionForces).  The terrain is flat at
 * env->terrain_elev_m.
 *
 * Properties as JSBSim: gear/unit[i]/WOW, compression-ft, ..., gear/wow,
 * fcs/steer-pos-deg[i], forces/fbx-gear-lbs ...; reads fcs/steer-cmd-norm,
 * fcs/left-brake-cmd-norm, right-, center-, gear/gear-pos-norm.
 * Reference: JSBSim src/models/FGGroundReactions.cpp, FGLGear.cpp,
 * FGLGear friction, FGAccelerations.cpp.
 */
#ifndef SAQR_FDM_GROUND_H
#define SAQR_FDM_GROUND_H

#include <libxml/tree.h>

#include "fdm/fdm_env.h"
#include "load/jsbsim/jxml.h"

typedef struct ground ground;

/* Loads <ground_reactions> (NULL `el`: no contacts). */
saqr_status ground_load(jx_ctx *c, const xmlNode *el, ground **out);
void ground_reset(ground *g, double *v);

/* Before the FCS runs: default steering angle of each steerable unit from
 * fcs/steer-cmd-norm (FCS components may then override it). */
void ground_pre_fcs(ground *g, double *v);
/* Contact forces and moments for the current state, added to `out`. */
void ground_run(ground *g, const fdm_env *env, double *v, fdm_forces *out);

/* JSBSim's low-speed friction resolution, run after the accelerations
 * were computed.  uvwdot_mps2: derivative of the Earth-relative body
 * velocity; pqrdot_radps2: of the Earth-relative body rates.  Adds the
 * resolved friction forces and moments to `extra` (which the executive
 * adds to the accelerations).  Does nothing when no unit is in contact. */
void ground_resolve_friction(ground *g, const fdm_env *env, double *v, const double uvwdot_mps2[3],
                             const double pqrdot_radps2[3], fdm_forces *extra);

/* Lowest contact point's height above the terrain (m), for initial
 * conditions on the ground; +inf without contacts. */
double ground_lowest_contact_agl_m(const ground *g, const fdm_env *env);
/* Non-zero when any unit has weight on wheels. */
int ground_wow(const ground *g);

#endif
