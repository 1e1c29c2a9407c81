/*
 * func.h - JSBSim's <function> trees compiled to flat programs over
 * property slots.
 *
 * Every operator JSBSim documents (FGFunction.cpp) is supported: property
 * (with a leading '-' for negation), value, table, p/v/t short forms,
 * sum, difference, product, quotient, pow, sqrt, exp, ln, log2, log10,
 * abs, sign, sin, cos, tan, asin, acos, atan, atan2, min, max, avg,
 * fraction, mod, fmod, roundmultiple, floor, ceil, integer, toradians,
 * todegrees, lt, le, gt, ge, eq, nq, and, or, not, ifthen, switch, random
 * (Gaussian), urandom, pi, interpolate1d, rotation_alpha_local,
 * rotation_beta_local, rotation_gamma_local, rotation_bf_to_wf,
 * rotation_wf_to_bf; name= on any operator or nested table writes that
 * sub-result to a produced property, and copyto= on <function> copies the
 * result.  Arity and unknown operators are load errors with file:line.
 * Where JSBSim throws at run time (a conditional that is neither 0 nor 1,
 * a switch index out of range, a bad rotation index) a value is returned
 * instead; func.c says which.
 *
 * Evaluation never allocates and never looks up names.  Random operators
 * draw from the caller's generator, so runs are repeatable from the seed.
 * Reference: JSBSim src/math/FGFunction.cpp and its documentation.
 */
#ifndef SAQR_EXPR_FUNC_H
#define SAQR_EXPR_FUNC_H

#include <libxml/tree.h>

#include "load/jsbsim/jxml.h"
#include "util/rng.h"

typedef struct jfunc jfunc;

/* Loads a <function> element (its single child is the expression).  A
 * name= attribute makes the result a produced property; its slot is
 * jfunc_output(). */
saqr_status jfunc_load(jx_ctx *c, const xmlNode *function_el, jfunc **out);

/* Same with JSBSim's prefix rule (see jtable_load_prefixed): '#' in
 * property names and name= is replaced by a numeric prefix. */
saqr_status jfunc_load_prefixed(jx_ctx *c, const xmlNode *function_el, const char *prefix,
                                jfunc **out);

/* Loads a bare expression element (an operator, <property>, <value> or
 * <table>), as found inside FCS components and script conditions. */
saqr_status jfunc_load_expr(jx_ctx *c, const xmlNode *expr_el, jfunc **out);
/* A <function type="template" name="..."> is recorded (jx_template_add)
 * instead of loaded: 1; not a template: 0; a bad one: -1 with c->err.
 * <property apply="name">P</property> in a function, an output or a
 * notification then stands for the template with P for its '#'. */
int jfunc_template_take(jx_ctx *c, const xmlNode *function_el);
/* The template `template_name` applied to `property`, as an expression
 * of its own (outputs, notifications); errors name `at_el`. */
saqr_status jfunc_load_applied(jx_ctx *c, const xmlNode *at_el, const char *template_name, const char *property,
                               jfunc **out);

/* Value of the function at the current property values; writes the output
 * slot when there is one.  `rng` may be NULL when the function has no
 * random operator (jfunc_is_random). */
double jfunc_eval(const jfunc *f, double *v, saqr_rng *rng);

/* acc + value of f[0] + value of f[1] ... + value of f[n-1], added in
 * that order (the same bits as a loop of jfunc_eval, in one call). */
double jfunc_eval_sum(jfunc *const *f, int n, double acc, double *v, saqr_rng *rng);

int jfunc_output(const jfunc *f);      /* output slot or -1              */
int jfunc_is_random(const jfunc *f);   /* uses random or urandom         */
/* Non-zero when the value is a constant (no property, no random). */
int jfunc_is_constant(const jfunc *f);

#endif
