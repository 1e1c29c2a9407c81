/*
 * table.h - JSBSim lookup tables of one to eight dimensions.
 *
 * XML: <table [name=]> with <independentVar lookup="row|column|table|axisN">
 * property</independentVar> ("-property" negates it, as in JSBSim; axis1..3
 * are row, column and table) and <tableData> (a 3-D table has one
 * <tableData breakPoint="..."> per breakpoint of its third variable; a
 * table of N > 3 dimensions one per breakpoint of its Nth variable, each
 * holding the (N-1)-D table's <tableData breakPoint> children).
 * type="internal" tables have no variables and no output property; their
 * owner calls jtable_lookup.  A 1-D table's data are rows of "key value";
 * a 2-D table's first line holds the column keys and each further line
 * "row-key values...".
 * Lookup: linear interpolation between breakpoints, held at the end values
 * outside the range (JSBSim FGTable::GetValue).  Breakpoints must increase
 * strictly; the loader refuses otherwise with file:line.
 * Reference: JSBSim src/math/FGTable.cpp.
 */
#ifndef SAQR_EXPR_TABLE_H
#define SAQR_EXPR_TABLE_H

#include <libxml/tree.h>
#include <stdatomic.h>

#include "load/jsbsim/jxml.h"

#define JTABLE_MAX_DIMS 8

typedef struct jtable {
    int dims;              /* 1 .. JTABLE_MAX_DIMS                          */
    int var_slot[JTABLE_MAX_DIMS]; /* property slot of each axis's variable
                              (row, column, table, axis4...); -1 when the
                              caller supplies the keys                      */
    double var_sign[JTABLE_MAX_DIMS]; /* -1 when it reads "-name"           */
    int n[3];              /* breakpoint counts: rows, columns, and for 3-D
                              and more the outermost axis's                 */
    double *key[3];        /* breakpoints, strictly increasing (key[2]: the
                              outermost axis's from 3-D on)                 */
    double *data;          /* [table][row][column], n[0]*n[1]*n[2] values;
                              NULL for a 3-D table whose sub-tables differ
                              in breakpoints (look them up through sub) and
                              for more than 3 dimensions                    */
    int out_slot;          /* property written by name=, or -1             */
    struct jtable **sub;   /* 3-D and more: the n[2] tables of one
                              dimension less, one per key[2] breakpoint
                              (own keys, no variables); NULL otherwise     */
    _Atomic int *hint;     /* last interval found per axis, 3 ints in the
                              arena, updated by lookups (a speed-up only:
                              results never depend on it).  Atomic, read
                              and written relaxed (plain moves on x86):
                              the aircraft of a batch share their tables
                              and may look them up from several threads  */
    int fast;              /* JTABLE_FAST_*: which inline path of
                              jtable_eval applies                          */
} jtable;

enum {
    JTABLE_FAST_NONE,      /* internal, 3-D or a single row or column      */
    JTABLE_FAST_1D,        /* 1-D, >= 2 rows, variable bound               */
    JTABLE_FAST_2D         /* 2-D, >= 2 rows and columns, variables bound  */
};

/* Loads a <table> element.  Independent variables are interned as read
 * properties; a name= attribute is interned as a produced property.
 * Returns SAQR_OK, or SAQR_EPARSE with file:line in c->err. */
saqr_status jtable_load(jx_ctx *c, const xmlNode *el, jtable **out);

/* Same, for a table inside an engine or thruster: JSBSim replaces '#' in
 * property names by a numeric `prefix` (the engine index), or puts a
 * non-numeric prefix in front of name= ("prefix/name").  NULL or "" is no
 * prefix. */
saqr_status jtable_load_prefixed(jx_ctx *c, const xmlNode *el, const char *prefix, jtable **out);

/* Value at the current property values (writes out_slot when set). */
static inline double jtable_eval(const jtable *t, double *v);

/* jtable_eval without the inline fast path (same results). */
double jtable_eval_general(const jtable *t, double *v);

/* Value at explicit keys (unused keys ignored; up to 3 dimensions). */
double jtable_lookup(const jtable *t, double row, double col, double tab);

/* Value at keys[0 .. dims-1], any number of dimensions. */
double jtable_lookup_keys(const jtable *t, const double *keys);

/* The fast paths of jtable_eval repeat the general lookup's arithmetic
 * (table.c) in the cases that need no search: a key inside the interval
 * its hint names, or beyond either end.  In those cases the general
 * lookup would find the same interval and the same (clamped) factor, so
 * the results are the same bits; anything else (a key that moved to
 * another interval, NaN) takes the general path, which also updates the
 * hint. */

/* Interval and factor of key x on a 2-D table's axis k[0..n) with hint h:
 * returns the interval (>= 1) and sets *f as lookup_2d's clamped factor,
 * or returns 0 when a search is needed. */
static inline int jtable_axis(const double *k, int n, double x, int h, double *f)
{
    if (k[h - 1] < x && x <= k[h]) {
        const double x0 = k[h - 1];
        *f = (x - x0) / (k[h] - x0);   /* in [0, 1]: no clamping */
        return h;
    }
    if (x <= k[0]) {
        *f = 0.0;                      /* clamped (x - k0) / (k1 - k0) <= 0 */
        return 1;
    }
    if (x >= k[n - 1]) {
        *f = 1.0;                      /* clamped, >= 1 */
        return n - 1;
    }
    return 0;
}

/* The body of jtable_eval, always inlined: for the hottest call sites. */
static inline __attribute__((always_inline)) double jtable_eval_inline(const jtable *t, double *v)
{
    double y;
    if (t->fast == JTABLE_FAST_1D) {
        const double *k = t->key[0];
        const int n = t->n[0];
        const double x = v[t->var_slot[0]] * t->var_sign[0];
        const int h = atomic_load_explicit(&t->hint[0], memory_order_relaxed);
        if (k[h - 1] < x && x <= k[h] && (x < k[h] || h < n - 1)) {
            const double x0 = k[h - 1];
            const double factor = (x - x0) / (k[h] - x0);
            const double y0 = t->data[h - 1];
            y = factor * (t->data[h] - y0) + y0;
        } else if (x <= k[0]) {
            y = t->data[0];
        } else if (x >= k[n - 1]) {
            y = t->data[n - 1];
        } else {
            return jtable_eval_general(t, v);
        }
    } else if (t->fast == JTABLE_FAST_2D) {
        const double row = v[t->var_slot[0]] * t->var_sign[0];
        const double col = v[t->var_slot[1]] * t->var_sign[1];
        const int nc = t->n[1];
        double cf = 0.0, rf = 0.0;
        const int c = jtable_axis(t->key[1], nc, col, atomic_load_explicit(&t->hint[1], memory_order_relaxed), &cf);
        const int r = jtable_axis(t->key[0], t->n[0], row, atomic_load_explicit(&t->hint[0], memory_order_relaxed), &rf);
        if (!c || !r)
            return jtable_eval_general(t, v);
        const double *lo = t->data + (size_t)(r - 1) * (size_t)nc, *hi = lo + nc;
        const double col1 = rf * hi[c - 1] + (1.0 - rf) * lo[c - 1];
        const double col2 = rf * hi[c] + (1.0 - rf) * lo[c];
        y = cf * (col2 - col1) + col1;
    } else {
        return jtable_eval_general(t, v);
    }
    if (t->out_slot >= 0)
        v[t->out_slot] = y;
    return y;
}

static inline double jtable_eval(const jtable *t, double *v)
{
    return jtable_eval_inline(t, v);
}

#endif
