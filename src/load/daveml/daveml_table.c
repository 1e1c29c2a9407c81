/*
 * daveml_table.c - DAVE-ML function tables: breakpoint sets
 * (<breakpointDef>), gridded tables (<griddedTableDef>, inline or shared by
 * gtID), functions (<function> with independentVarRef/dependentVarRef/
 * functionDefn, or the simple form independentVarPts/dependentVarPts), and
 * their interpolation.
 *
 * Interpolation is multilinear over the 2^n corners of the grid cell.  Per
 * input (independentVarRef attributes): `min`/`max` clamp the input first;
 * outside the breakpoints the value is held at the end of the table unless
 * `extrapolate` (min, max, both) asks for linear extrapolation from the end
 * cell on that side; `interpolate` may be linear (default), discrete
 * (nearest breakpoint, a mid-point rounds up), floor (value at the largest
 * breakpoint <= input) or ceiling (value at the smallest breakpoint >=
 * input).  Spline interpolation is rejected at load.  Table data are
 * stored with the last breakpoint set varying fastest.  A function may
 * also use an ungridded table (<ungriddedTableRef> or an inline
 * <ungriddedTableDef>); those are read and interpolated in
 * daveml_ungridded.c.
 *
 * References: DAVE-ML 2.0 reference manual, sections on breakpointDef,
 * griddedTableDef, function and independentVarRef (2.0 p2 wording of floor
 * and ceiling).
 */
#include "load/daveml/daveml_internal.h"

#include <math.h>
#include <string.h>

/* ------------------------------------------------------------ checking */

saqr_status dml_check_breakpoints(const double *v, size_t n, const char *file, long line,
                                  const char *what, saqr_err *err)
{
    if (n == 0 || n > DML_MAX_COUNT)
        return err_set(err, SAQR_EPARSE, "%s:%ld: %s must have 1 to %d breakpoints, not %zu", file,
                       line, what, DML_MAX_COUNT, n);
    for (size_t i = 1; i < n; i++)
        if (!(v[i] > v[i - 1]))
            return err_set(err, SAQR_EPARSE,
                           "%s:%ld: %s breakpoints must increase strictly (value %zu: %g after %g)",
                           file, line, what, i + 1, v[i], v[i - 1]);
    return SAQR_OK;
}

size_t dml_grid_points(const size_t *counts, size_t ndim)
{
    size_t p = 1;
    for (size_t d = 0; d < ndim; d++) {
        if (counts[d] == 0 || counts[d] > DML_MAX_POINTS / p)
            return 0;
        p *= counts[d];
    }
    return p;
}

/* ---------------------------------------------------------- loading */

static long find_bpset(const daveml_model *m, const char *bpid)
{
    for (size_t i = 0; i < m->n_bps; i++)
        if (m->bps[i].bpid[0] && strcmp(m->bps[i].bpid, bpid) == 0)
            return (long)i;
    return -1;
}

static long find_table(const daveml_model *m, const char *gtid)
{
    for (size_t i = 0; i < m->n_tables; i++)
        if (m->tables[i].gtid[0] && strcmp(m->tables[i].gtid, gtid) == 0)
            return (long)i;
    return -1;
}

/* Adds a breakpoint set parsed from the numbers in `n`. */
static saqr_status add_bpset(dml_ctx *c, const xmlNode *n, const char *bpid, const char *what,
                             size_t *index)
{
    daveml_model *m = c->m;
    if (m->n_bps >= m->cap_bps)
        return err_set(c->err, SAQR_EPARSE, "%s:%ld: too many breakpoint sets", c->file,
                       dml_line(n));
    double *v = NULL;
    size_t k = 0;
    saqr_status st = dml_number_list(c, n, what, &v, &k);
    if (st)
        return st;
    if ((st = dml_check_breakpoints(v, k, c->file, dml_line(n), what, c->err)))
        return st;
    dml_bpset *b = &m->bps[m->n_bps];
    b->bpid = arena_strdup(&m->arena, bpid);
    if (!b->bpid)
        return err_set(c->err, SAQR_ENOMEM, "%s: out of memory", c->file);
    b->vals = v;
    b->n = k;
    b->line = dml_line(n);
    *index = m->n_bps++;
    return SAQR_OK;
}

saqr_status dml_load_breakpoint_def(dml_ctx *c, const xmlNode *n)
{
    long line = dml_line(n);
    const char *bpid = dml_attr(n, "bpID");
    if (!bpid || !bpid[0])
        return err_set(c->err, SAQR_EPARSE, "%s:%ld: <breakpointDef> without bpID", c->file, line);
    if (find_bpset(c->m, bpid) >= 0)
        return err_set(c->err, SAQR_EPARSE, "%s:%ld: bpID '%.80s' is defined twice", c->file, line,
                       bpid);
    const xmlNode *vals = NULL;
    for (const xmlNode *e = dml_first_elem(n); e; e = dml_next_elem(e))
        if (dml_is(e, "bpVals"))
            vals = e;
    if (!vals)
        return err_set(c->err, SAQR_EPARSE, "%s:%ld: <breakpointDef> '%.80s' without <bpVals>",
                       c->file, line, bpid);
    size_t index = 0;
    return add_bpset(c, vals, bpid, "<bpVals>", &index);
}

saqr_status dml_load_gridded_table(dml_ctx *c, const xmlNode *n, size_t *index)
{
    daveml_model *m = c->m;
    long line = dml_line(n);
    const char *gtid = dml_attr(n, "gtID");
    if (!gtid)
        gtid = "";
    if (gtid[0] && find_table(m, gtid) >= 0)
        return err_set(c->err, SAQR_EPARSE, "%s:%ld: gtID '%.80s' is defined twice", c->file, line,
                       gtid);
    if (m->n_tables >= m->cap_tables)
        return err_set(c->err, SAQR_EPARSE, "%s:%ld: too many tables", c->file, line);
    const xmlNode *refs = NULL, *data = NULL;
    for (const xmlNode *e = dml_first_elem(n); e; e = dml_next_elem(e)) {
        if (dml_is(e, "breakpointRefs"))
            refs = e;
        else if (dml_is(e, "dataTable"))
            data = e;
    }
    if (!refs || !data)
        return err_set(c->err, SAQR_EPARSE,
                       "%s:%ld: <griddedTableDef> needs <breakpointRefs> and <dataTable>", c->file,
                       line);
    dml_table t;
    memset(&t, 0, sizeof t);
    size_t counts[DML_MAX_DIMS];
    for (const xmlNode *r = dml_first_elem(refs); r; r = dml_next_elem(r)) {
        if (!dml_is(r, "bpRef"))
            return err_set(c->err, SAQR_EPARSE, "%s:%ld: unexpected <%s> in <breakpointRefs>",
                           c->file, dml_line(r), dml_elem_name(r));
        if (t.ndim == DML_MAX_DIMS)
            return err_set(c->err, SAQR_EPARSE, "%s:%ld: tables of more than %d dimensions are not supported",
                           c->file, dml_line(r), DML_MAX_DIMS);
        const char *bpid = dml_attr(r, "bpID");
        long b = bpid ? find_bpset(m, bpid) : -1;
        if (b < 0)
            return err_set(c->err, SAQR_EPARSE, "%s:%ld: <bpRef bpID=\"%.80s\"> names no breakpointDef",
                           c->file, dml_line(r), bpid ? bpid : "");
        t.bp[t.ndim] = (size_t)b;
        counts[t.ndim] = m->bps[b].n;
        t.ndim++;
    }
    if (t.ndim == 0)
        return err_set(c->err, SAQR_EPARSE, "%s:%ld: <breakpointRefs> is empty", c->file,
                       dml_line(refs));
    size_t want = dml_grid_points(counts, t.ndim);
    if (want == 0)
        return err_set(c->err, SAQR_EPARSE, "%s:%ld: table has more than %d points", c->file, line,
                       DML_MAX_POINTS);
    double *v = NULL;
    size_t k = 0;
    saqr_status st = dml_number_list(c, data, "<dataTable>", &v, &k);
    if (st)
        return st;
    if (k != want)
        return err_set(c->err, SAQR_EPARSE,
                       "%s:%ld: <dataTable> has %zu values but its breakpoints need %zu", c->file,
                       dml_line(data), k, want);
    t.data = v;
    t.npts = k;
    t.line = line;
    t.gtid = arena_strdup(&m->arena, gtid);
    if (!t.gtid)
        return err_set(c->err, SAQR_ENOMEM, "%s: out of memory", c->file);
    m->tables[m->n_tables] = t;
    *index = m->n_tables++;
    return SAQR_OK;
}

/* Reads the extrapolate and interpolate attributes of an input. */
static saqr_status read_dim_flags(dml_ctx *c, const xmlNode *n, dml_dim *d)
{
    long line = dml_line(n);
    const char *ex = dml_attr(n, "extrapolate");
    if (!ex || strcmp(ex, "neither") == 0) {
        d->extrap_lo = d->extrap_hi = 0;
    } else if (strcmp(ex, "min") == 0) {
        d->extrap_lo = 1;
    } else if (strcmp(ex, "max") == 0) {
        d->extrap_hi = 1;
    } else if (strcmp(ex, "both") == 0) {
        d->extrap_lo = d->extrap_hi = 1;
    } else {
        return err_set(c->err, SAQR_EPARSE,
                       "%s:%ld: extrapolate=\"%.30s\" (expected neither, min, max or both)", c->file,
                       line, ex);
    }
    const char *in = dml_attr(n, "interpolate");
    if (!in || strcmp(in, "linear") == 0)
        d->interp = DML_INTERP_LINEAR;
    else if (strcmp(in, "discrete") == 0)
        d->interp = DML_INTERP_DISCRETE;
    else if (strcmp(in, "floor") == 0)
        d->interp = DML_INTERP_FLOOR;
    else if (strcmp(in, "ceiling") == 0)
        d->interp = DML_INTERP_CEILING;
    else
        return err_set(c->err, SAQR_EPARSE, "%s:%ld: interpolate=\"%.30s\" is not supported",
                       c->file, line, in);
    return SAQR_OK;
}

/* Resolves the varID attribute of an input or output reference. */
static saqr_status ref_var(dml_ctx *c, const xmlNode *n, size_t *slot)
{
    const char *id = dml_attr(n, "varID");
    long s = id ? dml_find_varid(c->m, id) : -1;
    if (s < 0)
        return err_set(c->err, SAQR_EPARSE, "%s:%ld: <%s varID=\"%.80s\"> names no variableDef",
                       c->file, dml_line(n), dml_elem_name(n), id ? id : "");
    *slot = (size_t)s;
    return SAQR_OK;
}

/* Reads the min/max attributes of an independentVarRef. */
static saqr_status read_dim_limits(dml_ctx *c, const xmlNode *n, dml_dim *d)
{
    long line = dml_line(n);
    const char *lo = dml_attr(n, "min"), *hi = dml_attr(n, "max");
    saqr_status st;
    d->lo = -INFINITY;
    d->hi = INFINITY;
    if (lo && (st = dml_number(c, lo, line, "min", &d->lo)))
        return st;
    if (hi && (st = dml_number(c, hi, line, "max", &d->hi)))
        return st;
    if (d->lo > d->hi)
        return err_set(c->err, SAQR_EPARSE, "%s:%ld: min %g is above max %g", c->file, line, d->lo,
                       d->hi);
    return SAQR_OK;
}

/* The table behind a <functionDefn>: *ungridded says which array *index
 * points into (m->tables or m->utables). */
static saqr_status function_table(dml_ctx *c, const xmlNode *defn, int *ungridded, size_t *index)
{
    const xmlNode *t = dml_first_elem(defn);
    long line = dml_line(defn);
    if (!t || dml_next_elem(t))
        return err_set(c->err, SAQR_EPARSE, "%s:%ld: <functionDefn> must hold one table", c->file,
                       line);
    *ungridded = 0;
    if (dml_is(t, "griddedTableRef")) {
        const char *gtid = dml_attr(t, "gtID");
        long i = gtid && gtid[0] ? find_table(c->m, gtid) : -1;
        if (i < 0)
            return err_set(c->err, SAQR_EPARSE,
                           "%s:%ld: <griddedTableRef gtID=\"%.80s\"> names no griddedTableDef",
                           c->file, dml_line(t), gtid ? gtid : "");
        *index = (size_t)i;
        return SAQR_OK;
    }
    if (dml_is(t, "griddedTableDef") || dml_is(t, "griddedTable"))
        return dml_load_gridded_table(c, t, index);
    *ungridded = 1;
    if (dml_is(t, "ungriddedTableRef")) {
        const char *utid = dml_attr(t, "utID");
        long i = utid && utid[0] ? dml_find_utable(c->m, utid) : -1;
        if (i < 0)
            return err_set(c->err, SAQR_EPARSE,
                           "%s:%ld: <ungriddedTableRef utID=\"%.80s\"> names no ungriddedTableDef",
                           c->file, dml_line(t), utid ? utid : "");
        *index = (size_t)i;
        return SAQR_OK;
    }
    if (dml_is(t, "ungriddedTableDef") || dml_is(t, "ungriddedTable"))
        return dml_load_ungridded_table(c, t, index);
    return err_set(c->err, SAQR_EPARSE, "%s:%ld: unexpected <%s> in <functionDefn>", c->file,
                   dml_line(t), dml_elem_name(t));
}

saqr_status dml_load_function(dml_ctx *c, const xmlNode *n, size_t *max_stack)
{
    daveml_model *m = c->m;
    long line = dml_line(n);
    if (m->n_funcs >= m->cap_funcs)
        return err_set(c->err, SAQR_EPARSE, "%s:%ld: too many functions", c->file, line);
    dml_func f;
    memset(&f, 0, sizeof f);
    f.line = line;
    size_t in_slot[DML_MAX_DIMS];
    size_t out_slot = 0;
    const xmlNode *dep = NULL, *defn = NULL;
    int refs = 0, pts = 0;
    saqr_status st;
    for (const xmlNode *e = dml_first_elem(n); e; e = dml_next_elem(e)) {
        int is_ref = dml_is(e, "independentVarRef"), is_pts = dml_is(e, "independentVarPts");
        if (is_ref || is_pts) {
            refs |= is_ref;
            pts |= is_pts;
            if (f.ndim == DML_MAX_DIMS)
                return err_set(c->err, SAQR_EPARSE,
                               "%s:%ld: functions of more than %d inputs are not supported",
                               c->file, dml_line(e), DML_MAX_DIMS);
            dml_dim *d = &f.dim[f.ndim];
            if ((st = ref_var(c, e, &in_slot[f.ndim])) || (st = read_dim_flags(c, e, d)))
                return st;
            if (is_ref) {
                if ((st = read_dim_limits(c, e, d)))
                    return st;
            } else {
                size_t b = 0;
                d->lo = -INFINITY;
                d->hi = INFINITY;
                if ((st = add_bpset(c, e, "", "<independentVarPts>", &b)))
                    return st;
                d->bp = m->bps[b].vals;
                d->n = m->bps[b].n;
            }
            f.ndim++;
        } else if (dml_is(e, "dependentVarRef") || dml_is(e, "dependentVarPts")) {
            if (dep)
                return err_set(c->err, SAQR_EPARSE, "%s:%ld: <function> has two outputs", c->file,
                               dml_line(e));
            dep = e;
            pts |= dml_is(e, "dependentVarPts") ? 2 : 0;
            refs |= dml_is(e, "dependentVarRef") ? 2 : 0;
        } else if (dml_is(e, "functionDefn")) {
            defn = e;
        } else if (!dml_is(e, "description") && !dml_is(e, "provenance") &&
                   !dml_is(e, "provenanceRef")) {
            return err_set(c->err, SAQR_EPARSE, "%s:%ld: unexpected <%s> in <function>", c->file,
                           dml_line(e), dml_elem_name(e));
        }
    }
    if (f.ndim == 0 || !dep)
        return err_set(c->err, SAQR_EPARSE, "%s:%ld: <function> needs inputs and an output",
                       c->file, line);
    if (refs && pts)
        return err_set(c->err, SAQR_EPARSE,
                       "%s:%ld: <function> mixes the Ref and Pts forms of inputs and output",
                       c->file, line);
    if ((st = ref_var(c, dep, &out_slot)))
        return st;

    if (refs) {
        if (!defn)
            return err_set(c->err, SAQR_EPARSE, "%s:%ld: <function> without <functionDefn>",
                           c->file, line);
        size_t ti = 0;
        int ungridded = 0;
        if ((st = function_table(c, defn, &ungridded, &ti)))
            return st;
        if (ungridded) {
            if ((st = dml_bind_ungridded(c, &f, &m->utables[ti])))
                return st;
        } else {
            const dml_table *t = &m->tables[ti];
            if (t->ndim != f.ndim)
                return err_set(c->err, SAQR_EPARSE,
                               "%s:%ld: <function> has %zu inputs but its table (line %ld) has %zu dimensions",
                               c->file, line, f.ndim, t->line, t->ndim);
            for (size_t d = 0; d < f.ndim; d++) {
                f.dim[d].bp = m->bps[t->bp[d]].vals;
                f.dim[d].n = m->bps[t->bp[d]].n;
            }
            f.data = t->data;
            f.npts = t->npts;
        }
    } else {
        if (defn)
            return err_set(c->err, SAQR_EPARSE, "%s:%ld: <functionDefn> in a simple function",
                           c->file, dml_line(defn));
        size_t counts[DML_MAX_DIMS];
        for (size_t d = 0; d < f.ndim; d++)
            counts[d] = f.dim[d].n;
        size_t want = dml_grid_points(counts, f.ndim);
        if (want == 0)
            return err_set(c->err, SAQR_EPARSE, "%s:%ld: table has more than %d points", c->file,
                           line, DML_MAX_POINTS);
        double *v = NULL;
        size_t k = 0;
        if ((st = dml_number_list(c, dep, "<dependentVarPts>", &v, &k)))
            return st;
        if (k != want)
            return err_set(c->err, SAQR_EPARSE,
                           "%s:%ld: <dependentVarPts> has %zu values but its breakpoints need %zu",
                           c->file, dml_line(dep), k, want);
        f.data = v;
        f.npts = k;
    }

    dml_var *out = &m->vars[out_slot];
    if (out->flags & DML_F_INPUT)
        return err_set(c->err, SAQR_EPARSE, "%s:%ld: function output '%.80s' is an input (line %ld)",
                       c->file, line, out->varid, out->line);
    if (out->origin != DML_ORIGIN_NONE)
        return err_set(c->err, SAQR_EPARSE,
                       "%s:%ld: '%.80s' is already computed at line %ld", c->file, line,
                       out->varid, out->origin_line);
    size_t start = m->n_code;
    for (size_t d = 0; d < f.ndim; d++)
        if ((st = dml_emit(c, DML_OP_LOAD, (uint32_t)in_slot[d], 0.0, line)))
            return st;
    if ((st = dml_emit(c, DML_OP_TABLE, (uint32_t)m->n_funcs, 0.0, line)))
        return st;
    m->funcs[m->n_funcs++] = f;
    out->origin = DML_ORIGIN_FUNC;
    out->origin_line = line;
    out->code_start = start;
    out->code_len = m->n_code - start;
    if (f.ndim > *max_stack)
        *max_stack = f.ndim;
    return SAQR_OK;
}

/* ------------------------------------------------------ interpolation */

/* Finds the cell of x in dimension d: lower index *i and weight *w of the
 * upper corner. */
static void locate(const dml_dim *d, double x, size_t *i, double *w)
{
    if (x < d->lo)
        x = d->lo;
    if (x > d->hi)
        x = d->hi;
    const double *bp = d->bp;
    size_t n = d->n;
    *i = 0;
    if (isnan(x)) {
        *w = NAN;
        return;
    }
    if (n == 1) {
        *w = 0.0;
        return;
    }
    int linear = d->interp == DML_INTERP_LINEAR;
    if (x <= bp[0]) {
        *w = (linear && d->extrap_lo) ? (x - bp[0]) / (bp[1] - bp[0]) : 0.0;
        return;
    }
    if (x >= bp[n - 1]) {
        *i = n - 2;
        *w = (linear && d->extrap_hi) ? (x - bp[n - 2]) / (bp[n - 1] - bp[n - 2]) : 1.0;
        return;
    }
    size_t lo = 0, hi = n - 1; /* bp[lo] < x < bp[hi] */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (bp[mid] <= x)
            lo = mid;
        else
            hi = mid;
    }
    *i = lo;
    double t = (x - bp[lo]) / (bp[lo + 1] - bp[lo]);
    switch (d->interp) {
    case DML_INTERP_LINEAR: *w = t; break;
    case DML_INTERP_DISCRETE: *w = t >= 0.5 ? 1.0 : 0.0; break;
    case DML_INTERP_FLOOR: *w = 0.0; break; /* bp[lo] <= x < bp[lo + 1] */
    case DML_INTERP_CEILING: *w = x > bp[lo] ? 1.0 : 0.0; break;
    }
}

double dml_table_eval(const dml_func *f, const double *x)
{
    if (f->kind != DML_FN_GRID)
        return dml_scatter_eval(f, x);
    size_t idx[DML_MAX_DIMS], stride[DML_MAX_DIMS];
    double w[DML_MAX_DIMS];
    size_t nd = f->ndim;
    for (size_t d = 0; d < nd; d++) {
        locate(&f->dim[d], x[d], &idx[d], &w[d]);
        if (isnan(w[d]))
            return NAN;
    }
    size_t s = 1;
    for (size_t d = nd; d-- > 0;) {
        stride[d] = s;
        s *= f->dim[d].n;
    }
    double sum = 0.0;
    for (size_t corner = 0; corner < ((size_t)1 << nd); corner++) {
        double weight = 1.0;
        size_t off = 0;
        for (size_t d = 0; d < nd && weight != 0.0; d++) {
            if (corner & ((size_t)1 << d)) {
                weight = w[d] == 0.0 ? 0.0 : weight * w[d];
                off += (idx[d] + 1) * stride[d];
            } else {
                weight *= 1.0 - w[d];
                off += idx[d] * stride[d];
            }
        }
        if (weight != 0.0)
            sum += weight * f->data[off];
    }
    return sum;
}
