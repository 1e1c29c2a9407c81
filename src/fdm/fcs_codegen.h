/*
 * fcs_codegen.h - C source for a flight control channel's components, for
 * saqr_fdm_compile (fcs.c compiles it with native/native_build.h).
 *
 * A channel becomes one function that does what the component loop of
 * fcs_run does, in the same order with the same arithmetic, so its results
 * are the same bits:
 *   void NAME(double *v, unsigned char *st, const struct fcs_comp *const *k,
 *             const fcs_native_run *fn, const struct fcs_frame *fr,
 *             fcs_native_clip clip, double dt, int trimming);
 * with dt the channel's step (fr->dt) and trimming fr->trimming.  Summers,
 * pure gains, switches whose tests are plain comparisons, aerosurface
 * scales, deadbands, PIDs and integrators, filters with constant
 * coefficients, actuators without a delay and fcs_functions whose function
 * is a product or a straight-line program (expr/func_codegen.h) are
 * written out
 * with their property slots, state offsets and constants in the code (where
 * reading the loaded record costs more than the arithmetic); every other
 * component is a direct call of its type's run function,
 * fn[j](k[j], state, fr), without the type dispatch.
 */
#ifndef SAQR_FDM_FCS_CODEGEN_H
#define SAQR_FDM_FCS_CODEGEN_H

#include <stdio.h>

#include "expr/func_codegen.h"
#include "fdm/fcs_internal.h"

typedef void (*fcs_native_run)(const fcs_comp *k, fcs_cstate *s, const fcs_frame *fr);
typedef void (*fcs_native_clip)(const fcs_comp *k, fcs_cstate *s, const double *v);
typedef void (*fcs_native_channel)(double *v, unsigned char *st, const fcs_comp *const *k,
                                   const fcs_native_run *fn, const fcs_frame *fr, fcs_native_clip clip,
                                   double dt, int trimming, const void *const *P,
                                   const jfunc_native_api *api);

/* The declarations every generated file starts with. */
void fcs_codegen_prologue(FILE *out);

/* Writes the function `name` for the ncomp components of one channel and
 * stores the pointers its code reads (an fcs_function's tables) in P when
 * not NULL; returns how many (out must be a stream: a sink when only the
 * pointers are wanted). */
int fcs_codegen_channel(FILE *out, const char *name, const fcs_comp *comp, int ncomp, const void **P);

/* Where the generated code of a group finds a channel's state, component
 * pointers and run functions: in the array of the aircraft's channels
 * (fcs.c's fcs_channel), `stride` bytes apart; dt_slot is the property
 * simulation/channel-dt-sec, set before each channel. */
typedef struct fcs_group_layout {
    size_t stride, off_k, off_fn, off_p;
    int dt_slot;
} fcs_group_layout;

typedef void (*fcs_native_group)(double *v, const unsigned char *ch, unsigned char *const *st, const fcs_frame *fr,
                                 fcs_native_clip clip, double dt, int trimming, double dt_s,
                                 const jfunc_native_api *api);

/* Writes the function `name` running the n consecutive channels whose
 * functions fcs_codegen_channel wrote as channels[0..n) (NULL for one
 * without components): each every frame, at the nominal step, without an
 * execute= property - the channel loop of fcs_run for them, in one call.
 * `ch` is the first of them in the model's channel array, `st` the first
 * of their state records' addresses in the aircraft's. */
void fcs_codegen_group(FILE *out, const char *name, const char *const *channels, int n, const fcs_group_layout *l);

/* The run function the generated code calls for component k (any type). */
fcs_native_run fcs_codegen_runner(const fcs_comp *k);

#endif
