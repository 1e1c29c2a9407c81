/*
 * table.h - JSBSim lookup tables of one, two and three dimensions.
 *
 * XML: <table [name=]> with <independentVar lookup="row|column|table">
 * property</independentVar> ("-property" negates it, as in JSBSim; axis1..3
 * are accepted too) and <tableData> (a 3-D table has one
 * <tableData breakPoint="..."> per breakpoint of its third variable).
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

#include "load/jsbsim/jxml.h"

typedef struct jtable {
    int dims;              /* 1, 2 or 3                                     */
    int var_slot[3];       /* property slot of row, column, table variable;
                              -1 when the caller supplies the keys          */
    double var_sign[3];    /* -1 when the independentVar reads "-name"     */
    int n[3];              /* breakpoint counts: rows, columns, tables     */
    double *key[3];        /* breakpoints, strictly increasing             */
    double *data;          /* [table][row][column], n[0]*n[1]*n[2] values;
                              NULL for a 3-D table whose sub-tables differ
                              in breakpoints (look them up through sub)    */
    int out_slot;          /* property written by name=, or -1             */
    struct jtable **sub;   /* 3-D: the n[2] 2-D tables, one per key[2]
                              breakpoint (own keys); NULL otherwise        */
    int *hint;             /* last interval found per axis, 3 ints in the
                              arena, updated by lookups (a speed-up only:
                              results never depend on it)                  */
} jtable;

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
double jtable_eval(const jtable *t, double *v);

/* Value at explicit keys (unused keys ignored). */
double jtable_lookup(const jtable *t, double row, double col, double tab);

#endif
