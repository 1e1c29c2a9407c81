/*
 * trig.h - Saqr's own sine, cosine and arctangent.
 *
 * Replacements for libm's sin, cos, atan and atan2 that are cheaper (0.4 to
 * 0.75 of glibc 2.36's instructions) and, above all, give the same bits on
 * every machine: they use only +, -, *, / on doubles and integer operations,
 * so a simulation's output no longer depends on the libm it runs with.
 * Accuracy: under 1 ulp for every finite argument (largest measured: 0.77
 * ulp for sin and cos, 0.55 for atan and atan2; see trig.c); special values
 * as C99 Annex F (NaN in, NaN out; sin(+-0) = +-0; sin and cos of +-inf are
 * NaN; atan2's signed zeros and infinities).  All functions are pure and
 * thread-safe.
 *
 * The file trig.c must be compiled without floating-point contraction
 * (-ffp-contract=off) where the target has fused multiply-add (aarch64,
 * x86-64 with -march=haswell or later): its error terms rely on each product
 * being rounded on its own.  See trig.c.
 */
#ifndef SAQR_MATH_TRIG_H
#define SAQR_MATH_TRIG_H

#include <stdint.h>

/* Pure functions of their argument: the compiler may merge repeated calls,
 * as it does for libm's. */
#if defined(__GNUC__)
#define TRIG_CONST __attribute__((const))
#else
#define TRIG_CONST
#endif

/* sin(x), x in radians. */
TRIG_CONST double trig_sin(double x);

/* cos(x), x in radians. */
TRIG_CONST double trig_cos(double x);

/* *s = sin(x) and *c = cos(x), bit-identical to trig_sin and trig_cos, with
 * one argument reduction for both.  s and c must not be NULL. */
void trig_sincos(double x, double *s, double *c);

/* atan(x) in [-pi/2, pi/2], radians. */
TRIG_CONST double trig_atan(double x);

/* atan2(y, x): the angle of the point (x, y) in [-pi, pi], radians. */
TRIG_CONST double trig_atan2(double y, double x);

/* A guess of the table cell an atan2 falls in: any value will do. */
typedef uint16_t trig_atan2_hint;

/* trig_atan2(y, x), the same bits whatever *hint holds, sooner when *hint
 * holds the cell of the answer: the call then divides twice at once
 * instead of once after the other.  *hint is set to this answer's cell,
 * so an angle that changes little between calls (an aircraft's angle of
 * attack, its latitude) keeps guessing right.  hint must not be NULL. */
double trig_atan2_hinted(double y, double x, trig_atan2_hint *hint);

#endif
