/*
 * table.c - JSBSim lookup tables (<table>): loading from XML and linear
 * interpolation held at the end values.
 *
 * Loading follows JSBSim's FGTable constructor: up to three
 * <independentVar lookup="row|column|table|axisN"> elements (a leading '-'
 * negates the variable, as FGPropertyValue does), type="internal" for tables
 * whose keys the caller supplies, one <tableData> for 1-D or 2-D data (the
 * dimension is inferred from the column counts of the first two lines) or
 * several <tableData breakPoint=...> for a 3-D table of 2-D sub-tables.
 * Breakpoints must increase strictly; ragged rows, stray characters and
 * missing data are refused with file:line.
 *
 * Lookup reproduces FGTable::GetValue operation for operation (the same
 * search, the same factor clamping, the same floating-point expression
 * order), so results match JSBSim to the last bit.
 *
 * Reference: JSBSim src/math/FGTable.cpp, FGTable.h (the XML format);
 * src/math/FGPropertyValue.cpp (sign of "-name").
 */
#include "expr/table.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expr/index_name.h"

#define NAME_BUF 512

/* Interval hints of a new table, one per axis, starting at the first. */
static _Atomic int *new_hint(arena *ar)
{
    _Atomic int *h = arena_array(ar, 3, sizeof *h);
    if (h)
        for (int i = 0; i < 3; i++)
            atomic_init(&h[i], 1);
    return h;
}

/* ------------------------------------------------------------- tableData */

/* The data lines of a <tableData>: JSBSim splits the text at newlines,
 * trims each line and drops empty ones. */
typedef struct data_lines {
    int count;
    char **text;   /* trimmed lines, in the arena */
    int *line;     /* source line of each         */
} data_lines;

static int count_tokens(const char *s)
{
    int n = 0;
    while (*s) {
        while (*s == ' ' || *s == '\t')
            s++;
        if (!*s)
            break;
        n++;
        while (*s && *s != ' ' && *s != '\t')
            s++;
    }
    return n;
}

static saqr_status read_lines(jx_ctx *c, const xmlNode *td, data_lines *out)
{
    const char *all = NULL;
    size_t total = 0;
    for (const xmlNode *n = td->children; n; n = n->next)
        if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content)
            total += strlen((const char *)n->content) + 1;
    char *buf = arena_alloc(c->ar, total + 1);
    if (!buf)
        return jx_error(c, td, "out of memory");
    size_t k = 0;
    for (const xmlNode *n = td->children; n; n = n->next)
        if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content) {
            size_t m = strlen((const char *)n->content);
            memcpy(buf + k, n->content, m);
            k += m;
            buf[k++] = '\n';  /* text around a comment never joins */
        }
    buf[k] = '\0';
    all = buf;

    int maxlines = 1;
    for (const char *p = all; *p; p++)
        maxlines += *p == '\n';
    out->text = arena_array(c->ar, (size_t)maxlines, sizeof *out->text);
    out->line = arena_array(c->ar, (size_t)maxlines, sizeof *out->line);
    if (!out->text || !out->line)
        return jx_error(c, td, "out of memory");
    out->count = 0;
    int line = jx_line(td);
    char *p = buf;
    while (*p) {
        char *eol = strchr(p, '\n');
        char *next = eol ? eol + 1 : p + strlen(p);
        if (eol)
            *eol = '\0';
        while (*p && isspace((unsigned char)*p))
            p++;
        char *e = p + strlen(p);
        while (e > p && isspace((unsigned char)e[-1]))
            *--e = '\0';
        if (*p) {
            out->text[out->count] = p;
            out->line[out->count] = line;
            out->count++;
        }
        line++;
        p = next;
    }
    return SAQR_OK;
}

/* Parses a whole line of numbers into dst (exactly `n` of them). */
static saqr_status parse_line(jx_ctx *c, const xmlNode *td, const data_lines *L, int i, double *dst,
                              int n)
{
    const char *s = L->text[i];
    size_t bad = strspn(s, "0123456789.-+eE \t");
    if (s[bad])
        return jx_error(c, td, "illegal character '%c' in table data on line %d", s[bad],
                        L->line[i]);
    for (int k = 0; k < n; k++) {
        char *end;
        double x = strtod(s, &end);
        if (end == s || (*end && *end != ' ' && *end != '\t') || !isfinite(x))
            return jx_error(c, td, "bad number in table data on line %d", L->line[i]);
        dst[k] = x;
        s = end;
    }
    return SAQR_OK;
}

static saqr_status check_increasing(jx_ctx *c, const xmlNode *el, const double *k, int n,
                                    const char *what, const int *lines)
{
    for (int i = 1; i < n; i++)
        if (!(k[i] > k[i - 1])) {
            if (lines)
                return jx_error(c, el,
                                "%s breakpoints must increase strictly: %g after %g on line %d", what,
                                k[i], k[i - 1], lines[i]);
            return jx_error(c, el, "%s breakpoints must increase strictly: %g after %g", what, k[i],
                            k[i - 1]);
        }
    return SAQR_OK;
}

/* Loads one <tableData> as a 1-D or 2-D table into t (dims, n, key, data). */
static saqr_status load_leaf(jx_ctx *c, const xmlNode *td, jtable *t)
{
    data_lines L = {0};
    saqr_status st = read_lines(c, td, &L);
    if (st != SAQR_OK)
        return st;
    if (L.count == 0)
        return jx_error(c, td, "<tableData> is empty");
    int first = count_tokens(L.text[0]);
    int dims;
    if (L.count == 1) {
        if (first != 2)
            return jx_error(c, td, "a one-line table needs \"key value\" (found %d numbers)", first);
        dims = 1;
    } else {
        int second = count_tokens(L.text[1]);
        dims = second == first + 1 ? 2 : 1;
        int want = dims == 2 ? second : 2;
        if (dims == 1 && first != 2)
            return jx_error(c, td, "1-D table rows need \"key value\" (found %d numbers on line %d)",
                            first, L.line[0]);
        for (int i = 1; i < L.count; i++) {
            int got = count_tokens(L.text[i]);
            if (got != want)
                return jx_error(c, td, "line %d has %d numbers, expected %d like line %d", L.line[i],
                                got, want, L.line[1]);
        }
    }
    t->dims = dims;
    int rows = dims == 1 ? L.count : L.count - 1;
    int cols = dims == 1 ? 1 : first;
    t->n[0] = rows;
    t->n[1] = cols;
    t->n[2] = 1;
    t->key[0] = arena_array(c->ar, (size_t)rows, sizeof(double));
    t->key[1] = arena_array(c->ar, (size_t)cols, sizeof(double));
    t->data = arena_array(c->ar, (size_t)rows * (size_t)cols, sizeof(double));
    double *tmp = arena_array(c->ar, (size_t)cols + 1, sizeof(double));
    int *rline = arena_array(c->ar, (size_t)rows, sizeof(int));
    if (!t->key[0] || !t->key[1] || !t->data || !tmp || !rline)
        return jx_error(c, td, "out of memory");
    int r0 = 0;
    if (dims == 2) {
        if ((st = parse_line(c, td, &L, 0, t->key[1], cols)) != SAQR_OK)
            return st;
        r0 = 1;
    }
    for (int r = 0; r < rows; r++) {
        if ((st = parse_line(c, td, &L, r + r0, tmp, cols + 1)) != SAQR_OK)
            return st;
        t->key[0][r] = tmp[0];
        memcpy(t->data + (size_t)r * (size_t)cols, tmp + 1, (size_t)cols * sizeof(double));
        rline[r] = L.line[r + r0];
    }
    if (dims == 1)
        t->key[1][0] = 0.0;
    if (dims == 2 && cols > 1 &&
        (st = check_increasing(c, td, t->key[1], cols, "column", NULL)) != SAQR_OK)
        return st;
    return check_increasing(c, td, t->key[0], rows, "row", rline);
}

/* ------------------------------------------------------------ <table> */

/* Axis index of a lookup= attribute, or -1. */
static int parse_axis(const char *s)
{
    if (!s || !*s || strcmp(s, "row") == 0 || strcmp(s, "axis1") == 0)
        return 0;
    if (strcmp(s, "column") == 0 || strcmp(s, "axis2") == 0)
        return 1;
    if (strcmp(s, "table") == 0 || strcmp(s, "axis3") == 0)
        return 2;
    if (strncmp(s, "axis", 4) == 0 && isdigit((unsigned char)s[4])) {
        char *end;
        long a = strtol(s + 4, &end, 10);
        if (!*end && a >= 4)
            return a > JTABLE_MAX_DIMS ? JTABLE_MAX_DIMS : (int)a - 1; /* MAX: too many */
    }
    return -1;
}

/* An axis's name in messages: JSBSim's row, column, table, axisN. */
static const char *axis_name(int axis)
{
    static const char *const names[JTABLE_MAX_DIMS] = {"row", "column", "table", "axis4",
                                                       "axis5", "axis6", "axis7", "axis8"};
    return names[axis];
}

static saqr_status load_vars(jx_ctx *c, const xmlNode *el, const char *prefix, jtable *t,
                             int *declared)
{
    *declared = 0;
    for (const xmlNode *iv = jx_first(el, "independentVar"); iv; iv = jx_next(iv, "independentVar")) {
        const char *lookup = jx_attr(c, iv, "lookup");
        int axis = parse_axis(lookup);
        if (axis < 0)
            return jx_error(c, iv, "lookup=\"%s\" is not row, column, table or axisN", lookup);
        if (axis >= JTABLE_MAX_DIMS)
            return jx_error(c, iv, "tables of more than %d dimensions are not supported", JTABLE_MAX_DIMS);
        if (t->var_slot[axis] >= 0)
            return jx_error(c, iv, "duplicate lookup axis \"%s\"", axis_name(axis));
        const char *name = jx_text(c, iv);
        char buf[NAME_BUF];
        if (strchr(name, '#') && prefix && index_name_is_number(prefix)) {
            if (index_name_replace(name, prefix, buf, sizeof buf))
                return jx_error(c, iv, "property name too long");
            name = buf;
        }
        double sign = 1.0;
        if (name[0] == '-') {
            sign = -1.0;
            name++;
        }
        if (!*name)
            return jx_error(c, iv, "<independentVar> names no property");
        int slot = jx_property(c, iv, name, PROP_READ);
        if (slot < 0)
            return SAQR_EPARSE;
        t->var_slot[axis] = slot;
        t->var_sign[axis] = sign;
        if (axis + 1 > *declared)
            *declared = axis + 1;
    }
    for (int a = 0; a < *declared; a++)
        if (t->var_slot[a] < 0)
            return jx_error(c, el, "missing lookup axis \"%s\"", axis_name(a));
    return SAQR_OK;
}

/* Copies the sub-tables into the documented [table][row][column] layout
 * when they share their row and column breakpoints. */
static saqr_status flatten_3d(jx_ctx *c, const xmlNode *el, jtable *t)
{
    const jtable *s0 = t->sub[0];
    t->n[0] = s0->n[0];
    t->n[1] = s0->n[1];
    t->key[0] = s0->key[0];
    t->key[1] = s0->key[1];
    for (int i = 1; i < t->n[2]; i++) {
        const jtable *s = t->sub[i];
        if (s->n[0] != s0->n[0] || s->n[1] != s0->n[1] ||
            memcmp(s->key[0], s0->key[0], (size_t)s0->n[0] * sizeof(double)) != 0 ||
            memcmp(s->key[1], s0->key[1], (size_t)s0->n[1] * sizeof(double)) != 0)
            return SAQR_OK;  /* data stays NULL; lookups go through sub */
    }
    size_t plane = (size_t)t->n[0] * (size_t)t->n[1];
    t->data = arena_array(c->ar, plane * (size_t)t->n[2], sizeof(double));
    if (!t->data)
        return jx_error(c, el, "out of memory");
    for (int i = 0; i < t->n[2]; i++)
        memcpy(t->data + plane * (size_t)i, t->sub[i]->data, plane * sizeof(double));
    return SAQR_OK;
}

/* A table without variables of its own (a sub-table), or the top one
 * before its variables are read. */
static jtable *new_table(jx_ctx *c, const xmlNode *el)
{
    jtable *t = arena_alloc(c->ar, sizeof *t);
    if (!t) {
        jx_error(c, el, "out of memory");
        return NULL;
    }
    for (int a = 0; a < JTABLE_MAX_DIMS; a++) {
        t->var_slot[a] = -1;
        t->var_sign[a] = 1.0;
    }
    t->out_slot = -1;
    t->hint = new_hint(c->ar);
    if (!t->hint) {
        jx_error(c, el, "out of memory");
        return NULL;
    }
    return t;
}

/* A table of 3 or more dimensions from the ntd >= 2 <tableData
 * breakPoint> children of `el` (a <table>, or a <tableData> inside one):
 * each is a 2-D leaf, or holds the <tableData breakPoint> children of a
 * table of one dimension less (JSBSim FGTable's nested form). */
static saqr_status load_nested(jx_ctx *c, const xmlNode *el, jtable *t, int ntd)
{
    t->n[2] = ntd;
    t->key[2] = arena_array(c->ar, (size_t)ntd, sizeof(double));
    t->sub = arena_array(c->ar, (size_t)ntd, sizeof *t->sub);
    if (!t->key[2] || !t->sub)
        return jx_error(c, el, "out of memory");
    int i = 0;
    for (const xmlNode *td = jx_first(el, "tableData"); td; td = jx_next(td, "tableData"), i++) {
        const char *bp = jx_attr(c, td, "breakPoint");
        if (!bp || !*bp)
            return jx_error(c, td, "missing breakPoint on <tableData>");
        char *end;
        double x = strtod(bp, &end);
        while (isspace((unsigned char)*end))
            end++;
        if (end == bp || *end || !isfinite(x))
            return jx_error(c, td, "breakPoint=\"%s\" is not a number", bp);
        jtable *s = new_table(c, td);
        if (!s)
            return SAQR_ENOMEM;
        int inner = jx_count(td, "tableData");
        saqr_status st;
        if (inner == 1)
            return jx_error(c, td, "a <tableData> holding tables needs two or more, with breakPoints");
        st = inner ? load_nested(c, td, s, inner) : load_leaf(c, td, s);
        if (st != SAQR_OK)
            return st;
        if (s->dims < 2)
            return jx_error(c, td, "a 3-D table needs 2-D sub-tables (a first line of column keys)");
        if (i == 0) {
            t->dims = s->dims + 1;
            if (t->dims > JTABLE_MAX_DIMS)
                return jx_error(c, td, "tables of more than %d dimensions are not supported", JTABLE_MAX_DIMS);
        } else if (s->dims + 1 != t->dims) {
            return jx_error(c, td, "this sub-table has %d dimensions, the first had %d", s->dims, t->dims - 1);
        }
        t->key[2][i] = x;
        t->sub[i] = s;
        if (i > 0 && !(x > t->key[2][i - 1]))
            return jx_error(c, td, "table breakpoints must increase strictly: %g after %g", x,
                            t->key[2][i - 1]);
    }
    return t->dims == 3 ? flatten_3d(c, el, t) : SAQR_OK;
}

saqr_status jtable_load_prefixed(jx_ctx *c, const xmlNode *el, const char *prefix, jtable **out)
{
    *out = NULL;
    jtable *t = new_table(c, el);
    if (!t)
        return SAQR_ENOMEM;
    if (prefix && !*prefix)
        prefix = NULL;

    const char *type = jx_attr(c, el, "type");
    int internal = 0;
    if (type && strcmp(type, "internal") == 0)
        internal = 1;
    else if (type && *type)
        return jx_error(c, el, "unknown table type=\"%s\"", type);

    int declared = 0;
    if (jx_first(el, "independentVar")) {
        if (internal) {
            jx_warn(c, el, "type=\"internal\" and <independentVar> exclude each other; "
                           "the table reads its independentVar");
            internal = 0;
        }
        saqr_status st = load_vars(c, el, prefix, t, &declared);
        if (st != SAQR_OK)
            return st;
    } else if (!internal) {
        return jx_error(c, el, "table has no <independentVar> and is not type=\"internal\"");
    }

    int ntd = jx_count(el, "tableData");
    saqr_status st;
    if (ntd == 0)
        return jx_error(c, el, "<tableData> is missing");
    if (ntd == 1)
        st = load_leaf(c, jx_first(el, "tableData"), t);
    else
        st = load_nested(c, el, t, ntd);
    if (st != SAQR_OK)
        return st;
    if (declared && declared != t->dims)
        return jx_error(c, el, "%d lookup axes are declared but the data make a %d-D table", declared,
                        t->dims);

    const char *name = jx_attr(c, el, "name");
    if (name && *name && !internal) {
        char buf[NAME_BUF];
        if (prefix && index_name_is_number(prefix)) {
            if (!strchr(name, '#'))
                return jx_error(c, el, "table name \"%s\" has no '#' for the index %s", name, prefix);
            if (index_name_replace(name, prefix, buf, sizeof buf))
                return jx_error(c, el, "table name too long");
            name = buf;
        } else if (prefix) {
            if ((size_t)snprintf(buf, sizeof buf, "%s/%s", prefix, name) >= sizeof buf)
                return jx_error(c, el, "table name too long");
            name = buf;
        }
        t->out_slot = jx_property(c, el, name, PROP_PRODUCED);
        if (t->out_slot < 0)
            return SAQR_EPARSE;
    }
    for (const xmlNode *ch = jx_first(el, NULL); ch; ch = jx_next(ch, NULL))
        if (!jx_is(ch, "independentVar") && !jx_is(ch, "tableData") && !jx_is(ch, "description"))
            jx_warn(c, ch, "unknown element <%s> in <table> ignored", (const char *)ch->name);
    t->fast = JTABLE_FAST_NONE;
    if (t->dims == 1 && t->n[0] >= 2 && t->var_slot[0] >= 0)
        t->fast = JTABLE_FAST_1D;
    else if (t->dims == 2 && t->n[0] >= 2 && t->n[1] >= 2 && t->var_slot[0] >= 0 && t->var_slot[1] >= 0)
        t->fast = JTABLE_FAST_2D;
    *out = t;
    return SAQR_OK;
}

saqr_status jtable_load(jx_ctx *c, const xmlNode *el, jtable **out)
{
    return jtable_load_prefixed(c, el, NULL, out);
}

/* ---------------------------------------------------------------- lookup */

/* The interval a scan from the low end would find: the smallest i in
 * [1, n-1] with !(k[i] < x), or n-1 (n >= 2).  `hint` remembers the last
 * answer per table and axis; successive frames mostly land in the same
 * interval, so the hint is checked first.  The check accepts the hint only
 * when the scan would stop there too (k[i-1] < x holds for every i the
 * scan passes), so the result never depends on the hint.  A hint is always
 * in [1, n-1]: it starts at 1 and only takes values the scan returned for
 * the same keys. */
static inline int find_interval(const double *k, int n, double x, _Atomic int *hint)
{
    int h = atomic_load_explicit(hint, memory_order_relaxed);
    if ((h == 1 || k[h - 1] < x) && (h == n - 1 || !(k[h] < x)))
        return h;
    int i = 1;
    while (i < n - 1 && k[i] < x)
        i++;
    atomic_store_explicit(hint, i, memory_order_relaxed);
    return i;
}

/* 1-D lookup over keys k[0..n) with values y[i*stride]. */
static double lookup_1d(const double *k, int n, const double *y, int stride, double x, _Atomic int *hint)
{
    if (x <= k[0] || n == 1)
        return y[0];
    if (x >= k[n - 1])
        return y[(size_t)(n - 1) * (size_t)stride];
    /* here k[0] < x < k[n-1]: the first key not below x is the upper end */
    int r = find_interval(k, n, x, hint);
    double x0 = k[r - 1];
    double span = x - x0;
    double factor = span / (k[r] - x0);
    double y0 = y[(size_t)(r - 1) * (size_t)stride];
    return factor * (y[(size_t)r * (size_t)stride] - y0) + y0;
}

static double clamp01(double f)
{
    return f < 0.0 ? 0.0 : (f > 1.0 ? 1.0 : f);
}

/* 2-D lookup in one plane (rows rk[nr], columns ck[nc], data d[nr][nc]);
 * hint[0] and hint[1] are the row and column hints. */
static double lookup_2d(const double *rk, int nr, const double *ck, int nc, const double *d,
                        double row, double col, _Atomic int *hint)
{
    if (nc == 1)
        return lookup_1d(rk, nr, d, 1, row, hint);
    int c = find_interval(ck, nc, col, &hint[1]);
    double x0 = ck[c - 1];
    double cf = clamp01((col - x0) / (ck[c] - x0));
    if (nr == 1) {
        double y0 = d[c - 1];
        return cf * (d[c] - y0) + y0;
    }
    int r = find_interval(rk, nr, row, hint);
    x0 = rk[r - 1];
    double rf = clamp01((row - x0) / (rk[r] - x0));
    const double *lo = d + (size_t)(r - 1) * (size_t)nc, *hi = d + (size_t)r * (size_t)nc;
    double col1 = rf * hi[c - 1] + (1.0 - rf) * lo[c - 1];
    double col2 = rf * hi[c] + (1.0 - rf) * lo[c];
    return cf * (col2 - col1) + col1;
}

static double lookup_sub(const jtable *s, double row, double col)
{
    return lookup_2d(s->key[0], s->n[0], s->key[1], s->n[1], s->data, row, col, s->hint);
}

/* A 3-D table: between the two 2-D sub-tables around the table key (the
 * commonest case of lookup_nd, without its recursion). */
static double lookup_3d(const jtable *t, double row, double col, double tab)
{
    const double *k = t->key[2];
    int n = t->n[2];
    if (tab <= k[0])
        return lookup_sub(t->sub[0], row, col);
    if (tab >= k[n - 1])
        return lookup_sub(t->sub[n - 1], row, col);
    int r = find_interval(k, n, tab, &t->hint[2]);
    double x0 = k[r - 1];
    double factor = (tab - x0) / (k[r] - x0);
    double y0 = lookup_sub(t->sub[r - 1], row, col);
    return factor * (lookup_sub(t->sub[r], row, col) - y0) + y0;
}

/* keys[0 .. t->dims-1]: the leaves by their row and column, tables of 3
 * and more dimensions between the two sub-tables around the outermost key
 * (held at the end ones outside), as JSBSim's FGTable::GetValue. */
static double lookup_nd(const jtable *t, const double *keys)
{
    if (t->dims == 1)
        return lookup_1d(t->key[0], t->n[0], t->data, 1, keys[0], t->hint);
    if (t->dims == 2)
        return lookup_2d(t->key[0], t->n[0], t->key[1], t->n[1], t->data, keys[0], keys[1], t->hint);
    if (t->dims == 3)
        return lookup_3d(t, keys[0], keys[1], keys[2]);
    const double *k = t->key[2];
    const double outer = keys[t->dims - 1];
    int n = t->n[2];
    if (outer <= k[0])
        return lookup_nd(t->sub[0], keys);
    if (outer >= k[n - 1])
        return lookup_nd(t->sub[n - 1], keys);
    int r = find_interval(k, n, outer, &t->hint[2]);
    double x0 = k[r - 1];
    double factor = (outer - x0) / (k[r] - x0);
    double y0 = lookup_nd(t->sub[r - 1], keys);
    return factor * (lookup_nd(t->sub[r], keys) - y0) + y0;
}

double jtable_lookup_keys(const jtable *t, const double *keys)
{
    return lookup_nd(t, keys);
}

double jtable_lookup(const jtable *t, double row, double col, double tab)
{
    if (t->dims == 1)
        return lookup_1d(t->key[0], t->n[0], t->data, 1, row, t->hint);
    if (t->dims == 2)
        return lookup_2d(t->key[0], t->n[0], t->key[1], t->n[1], t->data, row, col, t->hint);
    if (t->dims == 3)
        return lookup_3d(t, row, col, tab);
    double keys[JTABLE_MAX_DIMS] = {row, col, tab};
    return lookup_nd(t, keys);
}

/* Key of axis a at the current property values (0 for an internal table). */
static double key_of(const jtable *t, const double *v, int a)
{
    return t->var_slot[a] >= 0 ? v[t->var_slot[a]] * t->var_sign[a] : 0.0;
}

double jtable_eval_general(const jtable *t, double *v)
{
    double y;
    if (t->dims == 1) {
        y = lookup_1d(t->key[0], t->n[0], t->data, 1, key_of(t, v, 0), t->hint);
    } else if (t->dims == 2) {
        y = lookup_2d(t->key[0], t->n[0], t->key[1], t->n[1], t->data, key_of(t, v, 0),
                      key_of(t, v, 1), t->hint);
    } else if (t->dims == 3) {
        y = lookup_3d(t, key_of(t, v, 0), key_of(t, v, 1), key_of(t, v, 2));
    } else {
        double keys[JTABLE_MAX_DIMS];
        for (int a = 0; a < t->dims; a++)
            keys[a] = key_of(t, v, a);
        y = lookup_nd(t, keys);
    }
    if (t->out_slot >= 0)
        v[t->out_slot] = y;
    return y;
}
