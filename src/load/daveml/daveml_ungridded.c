/*
 * daveml_ungridded.c - DAVE-ML ungridded tables (<ungriddedTableDef>, the
 * 1.x <ungriddedTable>, top-level or inline in a <functionDefn>) and their
 * interpolation.
 *
 * An ungridded table is a set of scattered points; each <dataPoint> lists
 * the point's coordinates, in the order of the using function's inputs,
 * followed by the function's value there.  DAVE-ML leaves the
 * interpolation of such data to the implementer; Saqr's choice (see
 * docs/daveml.md for the reasons):
 *
 *  - one input: the points, sorted by their coordinate, become the
 *    breakpoints of a one-dimensional gridded table, so the function is
 *    piecewise linear through them and every attribute of the input
 *    (min/max, extrapolate, interpolate) means what it means for a gridded
 *    table;
 *  - two or more inputs: Shepard's inverse-distance weighting with power 2,
 *        f(q) = sum_i w_i v_i / sum_i w_i,  w_i = 1 / |q - p_i|^2,
 *    where each coordinate difference is divided by that input's range
 *    over the points (largest minus smallest coordinate), so inputs in
 *    different units weigh alike; an input whose coordinate is the same
 *    for every point is left out of the distance.  The value at a data
 *    point is that point's value exactly; elsewhere it lies between the
 *    smallest and largest values.  With interpolate="discrete" on every
 *    input the value is that of the nearest point (same distance) instead,
 *    the first in file order on a tie.  Outside the box spanned by the
 *    points, an input is held at the box's edge on each side unless its
 *    extrapolate attribute names that side; min/max clamp first.
 *
 * Evaluation takes two passes over the points (nearest distance, then the
 * weights relative to it, so no weight overflows) and allocates nothing.
 * Loading rejects, with file:line: a dataPoint whose number count differs
 * from the first one's, two points with the same coordinates, text that
 * is not a number, a table without points, and (at the function) an
 * input count that does not match the table or an interpolate attribute
 * other than linear/discrete for 2+ inputs.
 *
 * References: DAVE-ML 2.0 reference manual, ungriddedTableDef, dataPoint,
 * ungriddedTableRef and functionDefn; D. Shepard, "A two-dimensional
 * interpolation function for irregularly-spaced data", Proc. 23rd ACM
 * National Conference, 1968, pp. 517-524.
 */
#include "load/daveml/daveml_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/mem.h"

/* ------------------------------------------------------------ loading */

long dml_find_utable(const daveml_model *m, const char *utid)
{
    for (size_t i = 0; i < m->n_utables; i++)
        if (m->utables[i].utid[0] && strcmp(m->utables[i].utid, utid) == 0)
            return (long)i;
    return -1;
}

/* The <dataPoint> after `p` (the first when `p` is NULL) among the
 * children of table `t`, looking one level into <dataTable> wrappers; NULL
 * at the end. */
static const xmlNode *next_point(const xmlNode *t, const xmlNode *p)
{
    const xmlNode *e = p ? dml_next_elem(p) : dml_first_elem(t);
    if (!e && p && p->parent != t)
        e = dml_next_elem(p->parent);
    while (e) {
        if (dml_is(e, "dataPoint"))
            return e;
        const xmlNode *next = NULL;
        if (e->parent == t && dml_is(e, "dataTable"))
            next = dml_first_elem(e);
        if (!next) {
            next = dml_next_elem(e);
            if (!next && e->parent != t)
                next = dml_next_elem(e->parent);
        }
        e = next;
    }
    return NULL;
}

/* One point while checking for duplicates. */
typedef struct point_key {
    const double *x;  /* its coordinates                                  */
    size_t ndim;      /* how many                                         */
    size_t index;     /* position in file order                           */
    long line;        /* line of its <dataPoint>                          */
} point_key;

/* Lexicographic order of the coordinates, then file order: a total order,
 * so the sort (and the message about duplicates) is deterministic. */
static int compare_points(const void *pa, const void *pb)
{
    const point_key *a = pa, *b = pb;
    for (size_t d = 0; d < a->ndim; d++) {
        if (a->x[d] < b->x[d])
            return -1;
        if (a->x[d] > b->x[d])
            return 1;
    }
    return (a->index > b->index) - (a->index < b->index);
}

/* 1 when the first n coordinates of a and b are equal (-0 equals 0). */
static int same_coords(const double *a, const double *b, size_t n)
{
    for (size_t d = 0; d < n; d++)
        if (a[d] != b[d])
            return 0;
    return 1;
}

/* Sorts the points, rejects duplicate coordinates and, for one input,
 * fills the sorted breakpoints and values.  `key` holds t->npts entries
 * with x, index and line set. */
static saqr_status sort_points(dml_ctx *c, dml_utable *t, point_key *key)
{
    qsort(key, t->npts, sizeof *key, compare_points);
    size_t dup = 0; /* 1 + sorted position of the earliest repeat found */
    for (size_t i = 1; i < t->npts; i++)
        if (same_coords(key[i].x, key[i - 1].x, t->ndim) &&
            (!dup || key[i].index < key[dup - 1].index))
            dup = i + 1;
    if (dup)
        return err_set(c->err, SAQR_EPARSE,
                       "%s:%ld: <dataPoint> repeats the coordinates of the dataPoint at line %ld",
                       c->file, key[dup - 1].line, key[dup - 2].line);
    if (t->ndim != 1)
        return SAQR_OK;
    double *bp = arena_array(&c->m->arena, t->npts, sizeof *bp);
    double *val = arena_array(&c->m->arena, t->npts, sizeof *val);
    if (!bp || !val)
        return err_set(c->err, SAQR_ENOMEM, "%s: out of memory", c->file);
    for (size_t i = 0; i < t->npts; i++) {
        bp[i] = key[i].x[0];
        val[i] = key[i].x[1];
    }
    t->bp = bp;
    t->bp_val = val;
    return SAQR_OK;
}

/* Reads the points of table `n` into t (pts, ndim, npts); `what` names the
 * element in messages.  On success *keys is a scratch array, one key per
 * point, from the model's allocator: the caller frees it with mem_free.
 * On failure nothing needs freeing (pts lives in the arena). */
static saqr_status read_points(dml_ctx *c, const xmlNode *n, const char *what, dml_utable *t,
                               point_key **keys)
{
    long line = dml_line(n);
    for (const xmlNode *e = dml_first_elem(n); e; e = dml_next_elem(e))
        if (dml_is(e, "dataTable") && dml_count_children(e, "dataPoint") == 0)
            return err_set(c->err, SAQR_EPARSE,
                           "%s:%ld: <dataTable> of an ungridded table must hold <dataPoint> elements",
                           c->file, dml_line(e));
    /* Pass 1: count and check every point. */
    size_t per = 0, npts = 0;
    long first_line = 0;
    for (const xmlNode *p = next_point(n, NULL); p; p = next_point(n, p)) {
        long k = dml_scan_numbers(c, p, "<dataPoint>", NULL);
        if (k < 0)
            return SAQR_EPARSE;
        if (npts == 0) {
            if (k < 2 || k > DML_MAX_DIMS + 1)
                return err_set(c->err, SAQR_EPARSE,
                               "%s:%ld: <dataPoint> has %ld values; it needs 1 to %d input "
                               "coordinates followed by the output value",
                               c->file, dml_line(p), k, DML_MAX_DIMS);
            per = (size_t)k;
            first_line = dml_line(p);
        } else if ((size_t)k != per) {
            return err_set(c->err, SAQR_EPARSE,
                           "%s:%ld: <dataPoint> has %ld values but the first one (line %ld) has "
                           "%zu",
                           c->file, dml_line(p), k, first_line, per);
        }
        if (npts >= DML_MAX_POINTS / per)
            return err_set(c->err, SAQR_EPARSE, "%s:%ld: %s has more than %d values", c->file,
                           line, what, DML_MAX_POINTS);
        npts++;
    }
    if (npts == 0)
        return err_set(c->err, SAQR_EPARSE, "%s:%ld: %s has no <dataPoint>", c->file, line, what);
    /* Pass 2: store them. */
    double *pts = arena_array(&c->m->arena, npts * per, sizeof *pts);
    point_key *key = mem_alloc(&c->m->alloc, npts * sizeof *key);
    if (!pts || !key) {
        mem_free(&c->m->alloc, key);
        return err_set(c->err, SAQR_ENOMEM, "%s: out of memory", c->file);
    }
    size_t i = 0;
    for (const xmlNode *p = next_point(n, NULL); p; p = next_point(n, p), i++) {
        if (dml_scan_numbers(c, p, "<dataPoint>", pts + i * per) != (long)per) {
            mem_free(&c->m->alloc, key); /* cannot happen: the tree did not change */
            return SAQR_EPARSE;
        }
        key[i] = (point_key){pts + i * per, per - 1, i, dml_line(p)};
    }
    t->pts = pts;
    t->ndim = per - 1;
    t->npts = npts;
    *keys = key;
    return SAQR_OK;
}

saqr_status dml_load_ungridded_table(dml_ctx *c, const xmlNode *n, size_t *index)
{
    daveml_model *m = c->m;
    long line = dml_line(n);
    const char *what = dml_is(n, "ungriddedTable") ? "<ungriddedTable>" : "<ungriddedTableDef>";
    const char *utid = dml_attr(n, "utID");
    if (!utid)
        utid = "";
    if (utid[0] && dml_find_utable(m, utid) >= 0)
        return err_set(c->err, SAQR_EPARSE, "%s:%ld: utID '%.80s' is defined twice", c->file, line,
                       utid);
    if (m->n_utables >= m->cap_utables)
        return err_set(c->err, SAQR_EPARSE, "%s:%ld: too many ungridded tables", c->file, line);
    dml_utable t;
    memset(&t, 0, sizeof t);
    t.line = line;
    point_key *key = NULL;
    saqr_status st = read_points(c, n, what, &t, &key);
    if (st)
        return st;
    size_t per = t.ndim + 1;
    for (size_t d = 0; d < t.ndim; d++) {
        t.lo[d] = t.hi[d] = t.pts[d];
        for (size_t i = 1; i < t.npts; i++) {
            double x = t.pts[i * per + d];
            t.lo[d] = fmin(t.lo[d], x);
            t.hi[d] = fmax(t.hi[d], x);
        }
        t.range[d] = t.hi[d] - t.lo[d];
        if (!isfinite(t.range[d])) {
            mem_free(&m->alloc, key);
            return err_set(c->err, SAQR_EPARSE,
                           "%s:%ld: the coordinates of input %zu span more than the largest "
                           "double (%g to %g)",
                           c->file, line, d + 1, t.lo[d], t.hi[d]);
        }
    }
    /* The mean, summed in file order; each term divided first so the sum
     * of finite values stays finite. */
    for (size_t i = 0; i < t.npts; i++)
        t.mean += t.pts[i * per + t.ndim] / (double)t.npts;
    st = sort_points(c, &t, key);
    mem_free(&m->alloc, key);
    if (st)
        return st;
    t.utid = arena_strdup(&m->arena, utid);
    if (!t.utid)
        return err_set(c->err, SAQR_ENOMEM, "%s: out of memory", c->file);
    m->utables[m->n_utables] = t;
    *index = m->n_utables++;
    return SAQR_OK;
}

saqr_status dml_bind_ungridded(dml_ctx *c, dml_func *f, const dml_utable *t)
{
    if (t->ndim != f->ndim)
        return err_set(c->err, SAQR_EPARSE,
                       "%s:%ld: <function> has %zu inputs but the points of its ungridded table "
                       "(line %ld) have %zu coordinates",
                       c->file, f->line, f->ndim, t->line, t->ndim);
    f->npts = t->npts;
    if (t->ndim == 1) {
        /* Piecewise linear through the sorted points: a 1-D gridded table. */
        f->kind = DML_FN_GRID;
        f->dim[0].bp = t->bp;
        f->dim[0].n = t->npts;
        f->data = t->bp_val;
        return SAQR_OK;
    }
    size_t n_discrete = 0;
    for (size_t d = 0; d < f->ndim; d++) {
        dml_interp in = f->dim[d].interp;
        if (in == DML_INTERP_FLOOR || in == DML_INTERP_CEILING)
            return err_set(c->err, SAQR_EPARSE,
                           "%s:%ld: interpolate=\"%s\" (input %zu) is not defined for an ungridded "
                           "table of %zu inputs (use linear or discrete)",
                           c->file, f->line, in == DML_INTERP_FLOOR ? "floor" : "ceiling", d + 1,
                           f->ndim);
        n_discrete += in == DML_INTERP_DISCRETE;
    }
    if (n_discrete != 0 && n_discrete != f->ndim)
        return err_set(c->err, SAQR_EPARSE,
                       "%s:%ld: the inputs of a function with an ungridded table must all be "
                       "linear (inverse-distance weighting) or all discrete (nearest point)",
                       c->file, f->line);
    f->kind = n_discrete ? DML_FN_NEAREST : DML_FN_SHEPARD;
    f->ut = t;
    f->data = NULL;
    return SAQR_OK;
}

/* ------------------------------------------------------ interpolation */

/* Squared distance from q to point p (ndim coordinates), each difference
 * divided by its input's range; inputs of range 0 are left out.  +inf when
 * it overflows, never NaN for a q without NaN. */
static double distance2(const dml_utable *t, const double *q, const double *p)
{
    double s = 0.0;
    for (size_t d = 0; d < t->ndim; d++) {
        if (t->range[d] == 0.0)
            continue;
        double u = (q[d] - p[d]) / t->range[d];
        s += u * u;
    }
    return s;
}

double dml_scatter_eval(const dml_func *f, const double *x)
{
    const dml_utable *t = f->ut;
    size_t per = t->ndim + 1;
    double q[DML_MAX_DIMS];
    for (size_t d = 0; d < t->ndim; d++) {
        const dml_dim *dim = &f->dim[d];
        double v = x[d];
        if (isnan(v))
            return NAN;
        v = fmin(fmax(v, dim->lo), dim->hi);
        if (!dim->extrap_lo && v < t->lo[d])
            v = t->lo[d];
        if (!dim->extrap_hi && v > t->hi[d])
            v = t->hi[d];
        q[d] = v;
    }
    /* Pass 1: the nearest point (first in file order on a tie). */
    size_t best = 0;
    double dmin = INFINITY;
    for (size_t i = 0; i < t->npts; i++) {
        double d2 = distance2(t, q, t->pts + i * per);
        if (d2 < dmin) {
            dmin = d2;
            best = i;
        }
    }
    if (f->kind == DML_FN_NEAREST || dmin == 0.0)
        return t->pts[best * per + t->ndim];
    if (dmin == INFINITY) /* every distance overflowed: the far-field limit */
        return t->mean;
    /* Pass 2: weights relative to the nearest point's, in (0, 1]. */
    double sum_w = 0.0, sum_wv = 0.0;
    for (size_t i = 0; i < t->npts; i++) {
        const double *p = t->pts + i * per;
        double w = dmin / distance2(t, q, p);
        sum_w += w;
        sum_wv += w * p[t->ndim];
    }
    return sum_wv / sum_w;
}
