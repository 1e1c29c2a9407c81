/*
 * func_codegen.h - C source for JSBSim functions and sums of them (what
 * jfunc_eval and jfunc_eval_sum compute), for saqr_fdm_compile.
 *
 * A generated sum
 *   double NAME(double *v, const void *const *P, const jfunc_native_api *api,
 *               struct saqr_rng *rng)
 * returns the same bits as jfunc_eval_sum(f, n, 0.0, v, rng).  Plain
 * products (most aerodynamic coefficients) and straight-line programs (no
 * jumps, random draws or many-operand operators) are written out with
 * their property slots and constants; their tables are read through
 * api->table, Saqr's trigonometry through api->atan2 ...; any other
 * program is called through api->func.  P holds the tables and programs
 * the code reads, in the order the same walk collects them.
 */
#ifndef SAQR_EXPR_FUNC_CODEGEN_H
#define SAQR_EXPR_FUNC_CODEGEN_H

#include <stdio.h>

#include "expr/func.h"
#include "expr/table.h"
#include "native/native_build.h"
#include "util/arena.h"
#include "util/err.h"
#include "util/rng.h"

typedef struct jfunc_native_api {
    double (*table)(const struct jtable *t, double *v);
    double (*func)(const struct jfunc *f, double *v, struct saqr_rng *rng);
    double (*atan2)(double y, double x);
    double (*atan)(double x);
    double (*sin)(double x);
    double (*cos)(double x);
} jfunc_native_api;

typedef double (*jfunc_native_sum)(double *v, const void *const *P, const jfunc_native_api *api,
                                   struct saqr_rng *rng);

/* The library functions generated code calls. */
const jfunc_native_api *jfunc_native_api_get(void);

/* The declarations generated code needs (guarded: may be written twice). */
void jfunc_codegen_prologue(FILE *out);

/* One walk over generated code: writes it to `out` when not NULL, stores
 * the pointers it reads into P[np...] when P is not NULL; np counts them
 * either way (the code reads P[i] for the i-th). */
typedef struct jfunc_cg {
    FILE *out;
    const void **P;
    int np;
    int nprogram;      /* programs written so far: their labels' prefix  */
} jfunc_cg;

/* Whether f is written out (a product or a straight-line program). */
int jfunc_codegen_writable(const jfunc *f);

/* Code that assigns f's value to the C variable `var` (a double the caller
 * declared; v, P, api and rng in scope).  Returns 0, writing nothing, when
 * f is neither a product nor a straight-line program and !allow_call;
 * else 1 (a call through api->func when not written out). */
int jfunc_codegen_value(jfunc_cg *cg, const jfunc *f, const char *var, int allow_call);

/* Code that sets `var` (declared by the caller) to jtable_eval(t, v): the
 * breakpoints and values in the code for a 1-D or 2-D table, else a call
 * through api->table; the same bits either way. */
void jfunc_codegen_table(jfunc_cg *cg, const jtable *t, const char *var);

/* The function `name` for the sum of f[0..n) (out may be NULL, P may be
 * NULL: see jfunc_cg); returns how many pointers it reads from P. */
int jfunc_codegen_sum(FILE *out, const char *name, jfunc *const *f, int n, const void **P);

/* The compiled sum `name` of f[0..n) (jfunc_codegen_sum's) taken from lib,
 * with its pointer array P from `ar`: SAQR_OK with *fn and *P set, else an
 * error naming it (*fn and *P untouched). */
saqr_status jfunc_codegen_bind_sum(native_lib *lib, arena *ar, const char *name, jfunc *const *f, int n,
                                   jfunc_native_sum *fn, const void ***P, saqr_err *err);

#endif
