/*
 * mass.h - mass balance (<mass_balance>): empty weight, its CG and inertia
 * tensor, point masses (with shapes), plus the masses other models report
 * (fuel tanks); gives the aircraft's mass, CG and inertia about the CG
 * each frame.  Products of inertia follow JSBSim's sign convention
 * (negated_crossproduct_inertia, default true: the file's ixz is the
 * positive integral, stored negated in the tensor).
 * Reference: JSBSim src/models/FGMassBalance.cpp.
 */
#ifndef SAQR_FDM_MASS_H
#define SAQR_FDM_MASS_H

#include <libxml/tree.h>

#include "fdm/fdm_env.h"
#include "fdm/fdm_slots.h"
#include "load/jsbsim/jxml.h"

typedef struct mass_balance mass_balance;

saqr_status mass_load(jx_ctx *c, const xmlNode *el, mass_balance **out);

/* Forgets the previous CG (JSBSim's InitModel on a reset): the next run
 * takes the tanks' inertia about the structural origin, as the first run
 * after loading does, and reports no CG shift. */
void mass_reset(mass_balance *m);

/* Computes mass, CG and inertia from the empty aircraft, the point masses
 * (weights and locations read from their properties) and `extra` (tanks,
 * gas cells) and writes them to env (mass_report gives their properties).
 * Returns the CG displacement in body axes since the previous call (JSBSim
 * nudges the position by it while on the ground). */
void mass_run(mass_balance *m, const fdm_point_mass *extra, int n_extra, const fdm_slots *s, double *v,
              fdm_env *env, double cg_shift_body_m[3]);

/* The inertia/ properties of env's mass, CG and inertia, in this order:
 * mass-slugs, weight-lbs, cg-x-in, cg-y-in, cg-z-in, ixx, iyy, izz, ixy,
 * ixz, iyz (slug ft^2, JSBSim's signs). */
#define MASS_REPORT_COUNT 11
void mass_report(const fdm_env *env, double out[MASS_REPORT_COUNT]);
/* Their slots, in the same order. */
void mass_report_slots(const fdm_slots *s, int out[MASS_REPORT_COUNT]);

/* A copy for another aircraft of a batch (src/fdm/fdm_clone.c): its own
 * state in `ar`, the read-only loaded data shared with `src`.  NULL when
 * memory runs out. */
mass_balance *mass_clone(arena *ar, const mass_balance *src);

/* The point masses: how many, and the i-th one's name (its name=, "" when
 * it has none; NULL for an index out of range). */
int mass_point_count(const mass_balance *m);
const char *mass_point_name(const mass_balance *m, int i);

/* Room in the inertia memo for `n_extra` extra point masses (the tanks
 * and gas cells mass_run is given), once the aircraft is loaded; with
 * more, or without this, the inertia is computed every run. */
saqr_status mass_size_cache(mass_balance *m, arena *ar, int n_extra);

#endif
