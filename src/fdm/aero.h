/*
 * aero.h - aerodynamics of a JSBSim-format aircraft (<aerodynamics>):
 * pre-functions, then the functions of each <axis> summed (DRAG/SIDE/LIFT
 * wind or stability axes, X/Y/Z body, AXIAL/NORMAL/SIDE, and ROLL/PITCH/YAW
 * moments in body, stability or wind axes), forces at the aerodynamic
 * reference point (or at the CG with apply_at_cg="true"), moments
 * transferred to the CG, alpha limits (stall warning) and stall hysteresis,
 * aero_ref_pt_shift_x.  Reference: JSBSim src/models/FGAerodynamics.cpp.
 */
#ifndef SAQR_FDM_AERO_H
#define SAQR_FDM_AERO_H

#include <stdio.h>

#include <libxml/tree.h>

#include "expr/func.h"
#include "fdm/fdm_env.h"
#include "fdm/fdm_slots.h"
#include "fdm/metrics.h"
#include "load/jsbsim/jxml.h"
#include "native/native_build.h"
#include "util/rng.h"

typedef struct aero aero;

saqr_status aero_load(jx_ctx *c, const xmlNode *el, aero **out);
/* Auxiliary aerodynamic values the FCS and functions read (qbar-area,
 * bi2vel, ci2vel, alpha-wing, stall warning and hysteresis); JSBSim
 * computes them at the start of its aerodynamics run. */
void aero_pre(aero *a, const fdm_env *env, const fdm_metrics *m, const fdm_slots *s, double *v);
/* Forces and moments about the CG (body axes), added to `out`, and the
 * forces/ and moments/ aero properties. */
void aero_run(aero *a, const fdm_env *env, const fdm_metrics *m, const fdm_slots *s, double *v,
              saqr_rng *rng, fdm_forces *out);

/* For the output groups (read only, no allocation): the axis functions in
 * JSBSim's output order (DRAG/X, SIDE/Y, LIFT/Z, ROLL, PITCH, YAW, each in
 * file order; not the at-CG ones), then the <function>s run before and
 * after them.  Fills up to `max`, returns how many there are. */
int aero_output_functions(const aero *a, const jfunc **out, int max);
/* Sum of the moment functions of `axis` (0 roll, 1 pitch, 2 yaw) as last
 * computed, in the file's moment axes, lbf ft: JSBSim's vMomentsMRC. */
double aero_moment_mrc_lbsft(const aero *a, int axis, const double *v);

/* A copy for another aircraft of a batch (src/fdm/fdm_clone.c): its own
 * state in `ar`, the read-only loaded data shared with `src`.  NULL when
 * memory runs out. */
aero *aero_clone(arena *ar, const aero *src);

/* saqr_fdm_compile (fdm_native.c): writes the C of the coefficient sums
 * (expr/func_codegen.h); then runs them from the loaded code `lib` (the
 * same results, bit for bit), or stops (unbind). */
void aero_codegen_emit(const aero *a, FILE *out);
saqr_status aero_native_bind(aero *a, arena *ar, native_lib *lib, saqr_err *err);
void aero_native_unbind(aero *a);

#endif
