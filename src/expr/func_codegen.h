/*
 * func_codegen.h - C source for a sum of JSBSim functions (what
 * jfunc_eval_sum computes), for saqr_fdm_compile.
 *
 * The generated function
 *   double NAME(double *v, const void *const *P, const jfunc_native_api *api,
 *               struct saqr_rng *rng)
 * returns the same bits as jfunc_eval_sum(f, n, 0.0, v, rng): a plain
 * product (most aerodynamic coefficients) is written out with its property
 * slots and constants and calls api->table for its tables; any other
 * program is called through api->func.  P holds the tables and programs
 * it calls, in the order jfunc_codegen_pointers gives them.
 */
#ifndef SAQR_EXPR_FUNC_CODEGEN_H
#define SAQR_EXPR_FUNC_CODEGEN_H

#include <stdio.h>

#include "expr/func.h"
#include "expr/table.h"
#include "util/rng.h"

typedef struct jfunc_native_api {
    double (*table)(const struct jtable *t, double *v);
    double (*func)(const struct jfunc *f, double *v, struct saqr_rng *rng);
} jfunc_native_api;

typedef double (*jfunc_native_sum)(double *v, const void *const *P, const jfunc_native_api *api,
                                   struct saqr_rng *rng);

/* The library functions generated sums call. */
const jfunc_native_api *jfunc_native_api_get(void);

/* The declarations generated sums need (once per file). */
void jfunc_codegen_prologue(FILE *out);

/* Writes the function `name` for f[0..n); returns how many pointers it
 * reads from P. */
int jfunc_codegen_sum(FILE *out, const char *name, jfunc *const *f, int n);

/* How many pointers jfunc_codegen_sum's code for f[0..n) reads. */
int jfunc_codegen_pointer_count(jfunc *const *f, int n);

/* Fills P (as many entries as jfunc_codegen_sum returned) for f[0..n). */
void jfunc_codegen_pointers(jfunc *const *f, int n, const void **P);

#endif
