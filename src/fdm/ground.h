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
/* An outside write (script, API) to one of the contacts' reports: the
 * next run rewrites them all. */
void ground_outside_write(ground *g);
/* Once the aircraft is loaded, and again when output directives open:
 * whether anything besides the contacts produces one of their reports
 * (props' PROP_FOREIGN; then every run rewrites them, as JSBSim's tied
 * members are), and whether a run may be skipped while every unit stays
 * high in the air (no model writes a unit's location, castering or
 * extension, nothing reads a height).  Flags the heights PROP_LAZY. */
void ground_settle_flags(ground *g, unsigned *flags);
/* A unit's gear/unit[i]/AGL-ft (or contact/...) when the last run skipped
 * the heights: returns 1 with *value_ft, else 0 (the property holds it). */
int ground_height_value(const ground *g, const fdm_env *env, int slot, double *value_ft);
/* Contact forces and moments for the current state, added to `out`. */
void ground_run(ground *g, const fdm_env *env, double *v, fdm_forces *out);

/* JSBSim's low-speed friction resolution, run after the accelerations
 * were computed.  uvwdot_mps2: derivative of the Earth-relative body
 * velocity; pqrdot_radps2: of the Earth-relative body rates.  Adds the
 * resolved friction forces and moments to `extra` (which the executive
 * adds to the accelerations).  Does nothing when no unit is in contact.
 * jinv: the inverse of env's inertia when the caller has it (the
 * accelerations do), else NULL. */
void ground_resolve_friction(ground *g, const fdm_env *env, double *v, const double uvwdot_mps2[3],
                             const double pqrdot_radps2[3], const double (*jinv)[3], fdm_forces *extra);

/* Lowest contact point's height above the terrain (m), for initial
 * conditions on the ground; +inf without contacts. */
double ground_lowest_contact_agl_m(const ground *g, const fdm_env *env);
/* One contact as the ground trim sees it (JSBSim FGTrim::trimOnGround),
 * for the state of the last run. */
typedef struct ground_contact_geom {
    double arm_body_m[3];     /* uncompressed point from the CG, body axes  */
    double height_m;          /* above the terrain (negative: below)        */
    double up_body[3];        /* terrain normal (geodetic up), body axes    */
    int down;                 /* extended (retractable: position > 0.99)    */
    int bogey;                /* a BOGEY (wheel) rather than a STRUCTURE    */
} ground_contact_geom;

/* Number of contacts (gear/num-units). */
int ground_contact_count(const ground *g);
/* Fills `out` for contact `i` (0 <= i < count); can't fail. */
void ground_contact_geometry(const ground *g, const fdm_env *env, const double *v, int i,
                             ground_contact_geom *out);
/* Non-zero when the terrain is solid (ground/solid). */
int ground_surface_solid(const ground *g, const double *v);
/* Non-zero when any unit has weight on wheels. */
int ground_wow(const ground *g);
/* Number of retractable units (<retractable>1</retractable>). */
int ground_retractable_count(const ground *g);

/* For the <ground_reactions> output group (ground_report.c; read only,
 * no allocation): unit i's name= and whether it is a BOGEY (NULL when i
 * is out of range), and the values JSBSim prints for it, of the last run,
 * in JSBSim units. */
typedef enum ground_report_field {
    GROUND_REPORT_WOW, GROUND_REPORT_COMPRESS_FT, GROUND_REPORT_COMPRESS_SPEED_FPS,
    GROUND_REPORT_STRUT_FORCE_LBS, GROUND_REPORT_WHEEL_SIDE_FORCE_LBS, GROUND_REPORT_WHEEL_ROLL_FORCE_LBS,
    GROUND_REPORT_BODY_X_FORCE_LBS, GROUND_REPORT_BODY_Y_FORCE_LBS, GROUND_REPORT_WHEEL_VEL_X_FPS,
    GROUND_REPORT_WHEEL_VEL_Y_FPS, GROUND_REPORT_WHEEL_ROLL_VEL_FPS, GROUND_REPORT_WHEEL_SIDE_VEL_FPS,
    GROUND_REPORT_SLIP_DEG
} ground_report_field;
const char *ground_unit_name(const ground *g, int i, int *bogey);
double ground_unit_value(const ground *g, int i, ground_report_field field);

/* A copy for another aircraft of a batch (src/fdm/fdm_clone.c): its own
 * state in `ar`, the contacts' (which a frame high in the air does not
 * touch) and the solver's workspace in `cold`, the read-only loaded data
 * shared with `src`.  NULL when memory runs out. */
ground *ground_clone(arena *ar, arena *cold, const ground *src);
/* Starts loading into the caches what of the cold part the next run will
 * touch: all contacts, or only the steering ones' angles when the last
 * run was quiet (fdm_clone_prefetch); v: the property values. */
void ground_prefetch(const ground *g, const double *v);

#endif
