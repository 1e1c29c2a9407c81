/*
 * buoyancy.h - buoyant forces (<buoyant_forces>): gas cells of hydrogen,
 * helium or air, each an ellipsoid or cylinder at a structural location,
 * with an optional manual valve, an automatic relief at a maximum
 * overpressure, heat-transfer <function>s and ballonets (air bags inside
 * the cell, filled by a blower function and emptied through a valve).
 * Each cell lifts with the weight of the air its volume displaces, acting
 * straight up (local vertical) at the cell's location; the gas (and the
 * ballonets' air) is a mass the mass balance adds, like a fuel tank.
 *
 * Properties (JSBSim's names and units): buoyant_forces/gas-cell[i]/
 * max_volume-ft3 (read-only), temp-R, pressure-psf, volume-ft3,
 * buoyancy-lbs, contents-mol, valve_open, the same under .../ballonet[j]/
 * (without buoyancy-lbs); forces/fb{x,y,z}-buoyancy-lbs and
 * moments/{l,m,n}-buoyancy-lbsft.  The cell state lives in these slots,
 * so a script or the FCS writing contents-mol or valve_open acts on it.
 *
 * Reference: JSBSim src/models/FGBuoyantForces.cpp, FGGasCell.cpp.
 */
#ifndef SAQR_FDM_BUOYANCY_H
#define SAQR_FDM_BUOYANCY_H

#include <libxml/tree.h>

#include "fdm/fdm_env.h"
#include "load/jsbsim/jxml.h"
#include "util/rng.h"

typedef struct buoyancy buoyancy;

/* Loads <buoyant_forces>: its <property> declarations, pre/post
 * <function>s and every <gas_cell>.  The cells start as JSBSim's do at
 * load time, in the standard sea-level atmosphere.  On failure returns
 * non-OK with a file:line error; *out is untouched. */
saqr_status buoyancy_load(jx_ctx *c, const xmlNode *el, buoyancy **out);

/* Runs every cell for a step of env->dt_s (dt = 0 still lets the gas
 * expand or cool adiabatically, as in JSBSim) and writes the buoyancy
 * force and its moment about the CG to `out`; publishes the properties. */
void buoyancy_run(buoyancy *b, const fdm_env *env, double *v, saqr_rng *rng, fdm_forces *out);

/* Writes up to `max` masses of gas and ballonet air as they were at the
 * end of the last run (before any run: each cell's gas at the structural
 * origin without inertia, as JSBSim's mass balance first sees it) and
 * returns how many were written.  Can't fail. */
int buoyancy_point_masses(const buoyancy *b, fdm_point_mass *out, int max);
/* Number of gas cells (0 for NULL). */
int buoyancy_cell_count(const buoyancy *b);

/* A copy for another aircraft of a batch (src/fdm/fdm_clone.c): its own
 * state in `ar`, the read-only loaded data shared with `src`.  NULL when
 * memory runs out. */
buoyancy *buoyancy_clone(arena *ar, const buoyancy *src);

#endif
