/*
 * func_codegen.c - C source for JSBSim functions (func_codegen.h).
 *
 * A product is written as run_product (func.c) computes it: 1.0, times
 * each leading property in order, times the factors after them (a table,
 * a property, a negated property or a constant), stored to its named
 * slots.  Any other program without jumps, random draws or many-operand
 * operators is written as run (func.c) executes it: one C variable per
 * stack position (t0 the initial top, 0.0), each instruction the same
 * arithmetic on them in the same order.  Constants are written in
 * hexadecimal floating point, read back exactly; a program with a constant
 * that is not finite, or an operation not listed, is called instead.
 *
 * One walk does both jobs: with an output file it writes the code, with a
 * pointer array it collects the tables and programs that code calls, in the
 * same order, so the two can never disagree.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "expr/func_codegen.h"
#include "expr/func_program.h"
#include "math/trig.h"

/* Deepest stack a written-out program may use (deeper ones are called). */
#define INLINE_STACK_MAX 24

static double call_table(const struct jtable *t, double *v)
{
    return jtable_eval(t, v);
}

static double call_func(const struct jfunc *f, double *v, struct saqr_rng *rng)
{
    return jfunc_eval(f, v, rng);
}

static const jfunc_native_api NATIVE_API = {call_table, call_func, trig_atan2, trig_atan, trig_sin, trig_cos};

const jfunc_native_api *jfunc_native_api_get(void)
{
    return &NATIVE_API;
}

/* ------------------------------------------------------------ the walk */

static void out(jfunc_cg *cg, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void out(jfunc_cg *cg, const char *fmt, ...)
{
    if (!cg->out)
        return;
    va_list ap;
    va_start(ap, fmt);
    vfprintf(cg->out, fmt, ap);
    va_end(ap);
}

/* The next pointer the code reads: its index in P. */
static int pointer(jfunc_cg *cg, const void *p)
{
    if (cg->P)
        cg->P[cg->np] = p;
    return cg->np++;
}

/* Whether f is a product written out. */
static int product_inline(const jfunc *f)
{
    if (!f->is_product)
        return 0;
    if (f->tail)
        return 1;
    for (int i = 0; i < f->nrest; i++)
        if (f->rest[i].op == OP_CONST && !isfinite(f->rest[i].k))
            return 0;
    return 1;
}

/* The stack depth change of a straight-line instruction, or -99 for one
 * not written out. */
static int depth_change(const jins *in)
{
    switch (in->op) {
    case OP_CONST: /* min and max start from an infinity (constant()) */
        return isnan(in->k) ? -99 : 1;
    case OP_ADD_K:
    case OP_SUB_K:
    case OP_MUL_K:
    case OP_QUOT_K:
        return isfinite(in->k) ? 0 : -99;
    case OP_PROP:
    case OP_NPROP:
    case OP_TABLE: return 1;
    case OP_STORE:
    case OP_DIVN:
    case OP_ABS:
    case OP_SIGN:
    case OP_SQRT:
    case OP_SIN:
    case OP_COS:
    case OP_ATAN:
    case OP_ADD_P:
    case OP_ADD_T:
    case OP_SUB_P:
    case OP_SUB_T:
    case OP_MUL_P:
    case OP_MUL_T:
    case OP_QUOT_P: return 0;
    case OP_ADD:
    case OP_SUB:
    case OP_MUL:
    case OP_QUOT:
    case OP_POW:
    case OP_ATAN2:
    case OP_MIN2:
    case OP_MAX2:
    case OP_LT:
    case OP_LE:
    case OP_GT:
    case OP_GE:
    case OP_EQ:
    case OP_NQ: return -1;
    default: return -99;
    }
}

/* Longest program written out (its depths live on the stack). */
#define INLINE_CODE_MAX 1024

/* Records depth d arriving at instruction `at`; 0 when another path
 * arrives there with a different depth. */
static int arrive(int *dep, int at, int d)
{
    if (dep[at] < 0)
        dep[at] = d;
    return dep[at] == d;
}

/* Whether f is a program written out: straight-line code and the forward
 * jumps of ifthen, and, or and switch (every path reaching an instruction
 * with the same stack depth, as the compiler lays them out).  dep[i] is
 * the depth before instruction i (dep[ncode] at the end, -1 where nothing
 * arrives); *max_depth the deepest stack position. */
static int program_inline(const jfunc *f, int dep[INLINE_CODE_MAX + 1], int *max_depth)
{
    if (f->is_product || f->is_random || f->ncode <= 0 || f->ncode > INLINE_CODE_MAX)
        return 0;
    const int n = f->ncode;
    for (int i = 0; i <= n; i++)
        dep[i] = -1;
    dep[0] = 0;
    int top = 0;
    for (int i = 0; i < n; i++) {
        const jins *in = &f->code[i];
        const int d = dep[i];
        if (d < 0)
            return 0;
        int next = -1, target = -1, at_target = -1;
        switch (in->op) {
        case OP_JMP:
            target = i + in->arg;
            at_target = d;
            break;
        case OP_JFALSE: /* pops, either way */
            next = at_target = d - 1;
            target = i + in->arg;
            break;
        case OP_ANDT: /* jumps with the top replaced, or pops */
        case OP_ORT:
            next = d - 1;
            target = i + in->arg;
            at_target = d;
            break;
        case OP_SWITCH: /* pops; lands on one of the next arg jumps */
            if (in->arg < 1 || i + in->arg >= n)
                return 0;
            for (int k = 2; k <= in->arg; k++)
                if (!arrive(dep, i + k, d - 1))
                    return 0;
            next = d - 1;
            break;
        case OP_NOT: next = d; break;
        default: {
            int c = depth_change(in);
            if (c == -99)
                return 0;
            /* a binary operator needs two values: the initial 0.0 counts */
            next = d + c;
        }
        }
        if (next < 0 && in->op != OP_JMP)
            return 0;
        if (target >= 0 && (in->arg <= 0 || target > n || !arrive(dep, target, at_target)))
            return 0;
        if (next >= 0 && !arrive(dep, i + 1, next))
            return 0;
        if (next > top)
            top = next;
    }
    if (dep[n] < 0 || top > INLINE_STACK_MAX)
        return 0;
    *max_depth = top;
    return 1;
}

/* Whether every number of the table is finite (written into the code). */
static int table_values_finite(const double *x, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isfinite(x[i]))
            return 0;
    return 1;
}

/* A 2-D table (a 3-D table's sub-table) of at least 2 x 2 finite numbers. */
static int sub_inline(const jtable *s)
{
    return s && s->dims == 2 && !s->sub && s->n[0] >= 2 && s->n[1] >= 2 &&
           table_values_finite(s->key[0], (size_t)s->n[0]) && table_values_finite(s->key[1], (size_t)s->n[1]) &&
           table_values_finite(s->data, (size_t)s->n[0] * (size_t)s->n[1]);
}

/* A 3-D table bound to three properties whose sub-tables are all inlined
 * (at most JTABLE_MAX_SUB_INLINE of them). */
#define JTABLE_MAX_SUB_INLINE 64
static int table3_inline(const jtable *t)
{
    if (t->dims != 3 || !t->sub || t->n[2] < 2 || t->n[2] > JTABLE_MAX_SUB_INLINE || !table_values_finite(t->key[2], (size_t)t->n[2]))
        return 0;
    for (int a = 0; a < 3; a++)
        if (t->var_slot[a] < 0 || !isfinite(t->var_sign[a]))
            return 0;
    for (int k = 0; k < t->n[2]; k++)
        if (!sub_inline(t->sub[k]))
            return 0;
    return 1;
}

static int table_inline(const jtable *t)
{
    if (table3_inline(t))
        return 1;
    if (t->fast == JTABLE_FAST_1D)
        return isfinite(t->var_sign[0]) && table_values_finite(t->key[0], (size_t)t->n[0]) &&
               table_values_finite(t->data, (size_t)t->n[0]);
    if (t->fast == JTABLE_FAST_2D)
        return isfinite(t->var_sign[0]) && isfinite(t->var_sign[1]) &&
               table_values_finite(t->key[0], (size_t)t->n[0]) && table_values_finite(t->key[1], (size_t)t->n[1]) &&
               table_values_finite(t->data, (size_t)t->n[0] * (size_t)t->n[1]);
    return 0;
}

static void values(jfunc_cg *cg, const char *name, const double *x, size_t n)
{
    out(cg, "    static const double %s[] = {", name);
    for (size_t i = 0; i < n; i++)
        out(cg, "%s%a", i ? ", " : "", x[i]);
    out(cg, "};\n");
}

/* Code that leaves t's value at the current properties in `tv` (declared
 * by the caller): jtable_eval_inline's fast paths with the breakpoints and
 * values in the code and the interval hints read where the table keeps
 * them; anything else (a key that left its interval, NaN, another shape)
 * through api->table, which also moves the hints.  The same bits as
 * jtable_eval. */
/* table_value for a 3-D table (table3_inline): lookup_3d's steps, the
 * outermost key's interval from the table's hint and each sub-table's
 * lookup from its own (saqr_sub2d); anything else through api->table. */
static void table3_value(jfunc_cg *cg, const jtable *t, int ti, const char *tv)
{
    int hi = pointer(cg, (const void *)t->hint);
    const int n = t->n[2];
    char name[48];
    out(cg, "    {\n");
    snprintf(name, sizeof name, "K%d_2", ti);
    values(cg, name, t->key[2], (size_t)n);
    int shint[JTABLE_MAX_SUB_INLINE];
    for (int k = 0; k < n; k++) {
        const jtable *sb = t->sub[k];
        shint[k] = pointer(cg, (const void *)sb->hint);
        snprintf(name, sizeof name, "S%d_%d_0", ti, k);
        values(cg, name, sb->key[0], (size_t)sb->n[0]);
        snprintf(name, sizeof name, "S%d_%d_1", ti, k);
        values(cg, name, sb->key[1], (size_t)sb->n[1]);
        snprintf(name, sizeof name, "S%d_%d_Y", ti, k);
        values(cg, name, sb->data, (size_t)sb->n[0] * (size_t)sb->n[1]);
    }
    static const char *const part[3] = {"0", "1", "Y"};
    for (int j = 0; j < 3; j++) {
        out(cg, "    static const double *const S%d_%s[] = {", ti, part[j]);
        for (int k = 0; k < n; k++)
            out(cg, "%sS%d_%d_%s", k ? ", " : "", ti, k, part[j]);
        out(cg, "};\n");
    }
    out(cg, "    static const int S%d_n[][3] = {", ti);
    for (int k = 0; k < n; k++)
        out(cg, "%s{%d, %d, %d}", k ? ", " : "", t->sub[k]->n[0], t->sub[k]->n[1], shint[k]);
    out(cg, "};\n");
    out(cg, "    const double row = v[%d] * %a, col = v[%d] * %a, tab = v[%d] * %a;\n", t->var_slot[0],
        t->var_sign[0], t->var_slot[1], t->var_sign[1], t->var_slot[2], t->var_sign[2]);
    out(cg, "    const int h = __atomic_load_n(&((const int *)P[%d])[2], __ATOMIC_RELAXED);\n", hi);
    out(cg, "    int s0 = -1, s1 = -1;\n    double tf = 0.0, y0 = 0.0, y1 = 0.0;\n"
            "    if (tab <= K%d_2[0]) {\n        s0 = 0;\n    } else if (tab >= K%d_2[%d]) {\n        s0 = %d;\n"
            "    } else if (K%d_2[h - 1] < tab && tab <= K%d_2[h]) {\n"
            "        const double x0 = K%d_2[h - 1];\n        tf = (tab - x0) / (K%d_2[h] - x0);\n"
            "        s0 = h - 1;\n        s1 = h;\n    }\n",
        ti, ti, n - 1, n - 1, ti, ti, ti, ti);
    out(cg, "    int ok = s0 >= 0 && saqr_sub2d(S%d_0[s0], S%d_n[s0][0], S%d_1[s0], S%d_n[s0][1], S%d_Y[s0],\n"
            "                                   (const int *)P[S%d_n[s0][2]], row, col, &y0);\n"
            "    if (ok && s1 >= 0)\n"
            "        ok = saqr_sub2d(S%d_0[s1], S%d_n[s1][0], S%d_1[s1], S%d_n[s1][1], S%d_Y[s1],\n"
            "                        (const int *)P[S%d_n[s1][2]], row, col, &y1);\n",
        ti, ti, ti, ti, ti, ti, ti, ti, ti, ti, ti, ti);
    char store[64] = "";
    if (t->out_slot >= 0)
        snprintf(store, sizeof store, "\n        v[%d] = %s;", t->out_slot, tv);
    out(cg, "    if (!ok) {\n        %s = api->table((const struct jtable *)P[%d], v);\n    } else {\n"
            "        %s = s1 < 0 ? y0 : tf * (y1 - y0) + y0;%s\n    }\n    }\n",
        tv, ti, tv, store);
}

static void table_value(jfunc_cg *cg, const jtable *t, const char *tv)
{
    int ti = pointer(cg, t);
    if (!table_inline(t)) {
        out(cg, "    %s = api->table((const struct jtable *)P[%d], v);\n", tv, ti);
        return;
    }
    if (t->dims == 3) {
        table3_value(cg, t, ti, tv);
        return;
    }
    int hi = pointer(cg, (const void *)t->hint);
    char k0[32], k1[32], y[32];
    snprintf(k0, sizeof k0, "K%d_0", ti);
    snprintf(k1, sizeof k1, "K%d_1", ti);
    snprintf(y, sizeof y, "Y%d", ti);
    out(cg, "    {\n");
    values(cg, k0, t->key[0], (size_t)t->n[0]);
    char store[64] = "";
    if (t->out_slot >= 0)
        snprintf(store, sizeof store, " v[%d] = %s;", t->out_slot, tv);
    if (t->fast == JTABLE_FAST_1D) {
        const int n = t->n[0];
        values(cg, y, t->data, (size_t)n);
        out(cg, "    const double x = v[%d] * %a;\n"
                "    const int h = __atomic_load_n((const int *)P[%d], __ATOMIC_RELAXED);\n"
                "    if (%s[h - 1] < x && x <= %s[h] && (x < %s[h] || h < %d)) {\n"
                "        const double x0 = %s[h - 1], factor = (x - x0) / (%s[h] - x0), y0 = %s[h - 1];\n"
                "        %s = factor * (%s[h] - y0) + y0;%s\n"
                "    } else if (x <= %s[0]) {\n        %s = %s[0];%s\n"
                "    } else if (x >= %s[%d]) {\n        %s = %s[%d];%s\n"
                "    } else {\n        %s = api->table((const struct jtable *)P[%d], v);\n    }\n    }\n",
            t->var_slot[0], t->var_sign[0], hi, k0, k0, k0, n - 1, k0, k0, y, tv, y, store, k0, tv, y, store, k0,
            n - 1, tv, y, n - 1, store, tv, ti);
        return;
    }
    const int nr = t->n[0], nc = t->n[1];
    values(cg, k1, t->key[1], (size_t)nc);
    values(cg, y, t->data, (size_t)nr * (size_t)nc);
    out(cg, "    const double row = v[%d] * %a, col = v[%d] * %a;\n    double cf = 0.0, rf = 0.0;\n"
            "    const int *hint = (const int *)P[%d];\n"
            "    const int c = saqr_axis(%s, %d, col, __atomic_load_n(&hint[1], __ATOMIC_RELAXED), &cf);\n"
            "    const int r = saqr_axis(%s, %d, row, __atomic_load_n(&hint[0], __ATOMIC_RELAXED), &rf);\n"
            "    if (!c || !r) {\n        %s = api->table((const struct jtable *)P[%d], v);\n    } else {\n"
            "        const double *lo = %s + (r - 1) * %d, *hi = lo + %d;\n"
            "        const double col1 = rf * hi[c - 1] + (1.0 - rf) * lo[c - 1];\n"
            "        const double col2 = rf * hi[c] + (1.0 - rf) * lo[c];\n"
            "        %s = cf * (col2 - col1) + col1;%s\n    }\n    }\n",
        t->var_slot[0], t->var_sign[0], t->var_slot[1], t->var_sign[1], hi, k1, nc, k0, nr, tv, ti, y, nc, nc, tv,
        store);
}

static void product(jfunc_cg *cg, const jfunc *g, const char *var)
{
    out(cg, "    {\n    double tv;\n    (void)tv;\n    %s = 1.0;\n", var);
    for (int k = 0; k < g->nprop; k++)
        out(cg, "    %s = %s * v[%d];\n", var, var, g->prop[k]);
    if (g->tail) {
        table_value(cg, g->tail, "tv");
        out(cg, "    %s = %s * tv;\n", var, var);
    } else {
        for (int k = 0; k < g->nrest; k++) {
            const jins *in = &g->rest[k];
            switch (in->op) {
            case OP_TABLE:
                table_value(cg, g->tables[in->arg], "tv");
                out(cg, "    %s = %s * tv;\n", var, var);
                break;
            case OP_PROP: out(cg, "    %s = %s * v[%d];\n", var, var, in->arg); break;
            case OP_NPROP: out(cg, "    %s = %s * -v[%d];\n", var, var, in->arg); break;
            default: out(cg, "    %s = %s * %a;\n", var, var, in->k); break;
            }
        }
    }
    for (int k = 0; k < g->nstore; k++)
        out(cg, "    v[%d] = %s;\n", g->store[k], var);
    out(cg, "    }\n");
}

/* One instruction of a straight-line program on t0..t<d> (t<d> the top),
 * as run() does it. */
static void instruction(jfunc_cg *cg, const jfunc *g, const jins *in, int d)
{
    const int b = d - 1; /* the value below the top */
    switch (in->op) {
    case OP_CONST:
        if (isinf(in->k))
            out(cg, "    t%d = %s__builtin_inf();\n", d + 1, in->k < 0.0 ? "-" : "");
        else
            out(cg, "    t%d = %a;\n", d + 1, in->k);
        break;
    case OP_PROP: out(cg, "    t%d = v[%d];\n", d + 1, in->arg); break;
    case OP_NPROP: out(cg, "    t%d = -v[%d];\n", d + 1, in->arg); break;
    case OP_TABLE: {
        char tv[16];
        snprintf(tv, sizeof tv, "t%d", d + 1);
        table_value(cg, g->tables[in->arg], tv);
        break;
    }
    case OP_STORE: out(cg, "    v[%d] = t%d;\n", in->arg, d); break;
    case OP_ADD: out(cg, "    t%d = t%d + t%d;\n", b, b, d); break;
    case OP_SUB: out(cg, "    t%d = t%d - t%d;\n", b, b, d); break;
    case OP_MUL: out(cg, "    t%d = t%d * t%d;\n", b, b, d); break;
    case OP_QUOT: out(cg, "    t%d = t%d != 0.0 ? t%d / t%d : __builtin_huge_val();\n", b, d, b, d); break;
    case OP_POW: out(cg, "    t%d = __builtin_pow(t%d, t%d);\n", b, b, d); break;
    case OP_ATAN2: out(cg, "    t%d = api->atan2(t%d, t%d);\n", b, b, d); break;
    case OP_MIN2: out(cg, "    t%d = t%d < t%d ? t%d : t%d;\n", b, d, b, d, b); break;
    case OP_MAX2: out(cg, "    t%d = t%d > t%d ? t%d : t%d;\n", b, d, b, d, b); break;
    case OP_LT: out(cg, "    t%d = t%d < t%d ? 1.0 : 0.0;\n", b, b, d); break;
    case OP_LE: out(cg, "    t%d = t%d <= t%d ? 1.0 : 0.0;\n", b, b, d); break;
    case OP_GT: out(cg, "    t%d = t%d > t%d ? 1.0 : 0.0;\n", b, b, d); break;
    case OP_GE: out(cg, "    t%d = t%d >= t%d ? 1.0 : 0.0;\n", b, b, d); break;
    case OP_EQ: out(cg, "    t%d = t%d == t%d ? 1.0 : 0.0;\n", b, b, d); break;
    case OP_NQ: out(cg, "    t%d = t%d != t%d ? 1.0 : 0.0;\n", b, b, d); break;
    case OP_DIVN: out(cg, "    t%d = t%d / %a;\n", d, d, (double)in->arg); break;
    case OP_ABS: out(cg, "    t%d = __builtin_fabs(t%d);\n", d, d); break;
    case OP_SIGN: out(cg, "    t%d = t%d < 0.0 ? -1.0 : 1.0;\n", d, d); break;
    case OP_SQRT: out(cg, "    t%d = t%d >= 0.0 ? __builtin_sqrt(t%d) : -__builtin_huge_val();\n", d, d, d); break;
    case OP_SIN: out(cg, "    t%d = api->sin(t%d);\n", d, d); break;
    case OP_COS: out(cg, "    t%d = api->cos(t%d);\n", d, d); break;
    case OP_ATAN: out(cg, "    t%d = api->atan(t%d);\n", d, d); break;
    case OP_ADD_K: out(cg, "    t%d = t%d + %a;\n", d, d, in->k); break;
    case OP_SUB_K: out(cg, "    t%d = t%d - %a;\n", d, d, in->k); break;
    case OP_MUL_K: out(cg, "    t%d = t%d * %a;\n", d, d, in->k); break;
    case OP_QUOT_K:
        if (in->k != 0.0)
            out(cg, "    t%d = t%d / %a;\n", d, d, in->k);
        else
            out(cg, "    t%d = __builtin_huge_val();\n", d);
        break;
    case OP_ADD_P: out(cg, "    t%d = t%d + v[%d];\n", d, d, in->arg); break;
    case OP_SUB_P: out(cg, "    t%d = t%d - v[%d];\n", d, d, in->arg); break;
    case OP_MUL_P: out(cg, "    t%d = t%d * v[%d];\n", d, d, in->arg); break;
    case OP_QUOT_P:
        out(cg, "    { double dv = v[%d]; t%d = dv != 0.0 ? t%d / dv : __builtin_huge_val(); }\n", in->arg, d, d);
        break;
    default: { /* OP_ADD_T, OP_SUB_T, OP_MUL_T */
        table_value(cg, g->tables[in->arg], "tv");
        const char *op = in->op == OP_ADD_T ? "+" : (in->op == OP_SUB_T ? "-" : "*");
        out(cg, "    t%d = t%d %s tv;\n", d, d, op);
        break;
    }
    }
}

/* A value is true unless within 1e-9 of zero (JSBSim's conditions). */
#define FALSE_TEST "__builtin_fabs(t%d) < 1e-9"

/* A program on t0..t<max_depth> (t0 the initial 0.0 below the first
 * push), its jumps as gotos to labels L<program>_<instruction>. */
static void program(jfunc_cg *cg, const jfunc *g, const char *var, int max_depth, const int *dep)
{
    const int id = cg->nprogram++, n = g->ncode;
    out(cg, "    {\n    double tv, t0 = 0.0");
    for (int k = 1; k <= max_depth; k++)
        out(cg, ", t%d", k);
    out(cg, ";\n    (void)tv;\n");
    for (int i = 0; i < n; i++) {
        const jins *in = &g->code[i];
        const int d = dep[i];
        out(cg, "    L%d_%d:;\n", id, i);
        switch (in->op) {
        case OP_JMP: out(cg, "    goto L%d_%d;\n", id, i + in->arg); break;
        case OP_JFALSE: out(cg, "    if (" FALSE_TEST ") goto L%d_%d;\n", d, id, i + in->arg); break;
        case OP_ANDT: out(cg, "    if (" FALSE_TEST ") { t%d = 0.0; goto L%d_%d; }\n", d, d, id, i + in->arg); break;
        case OP_ORT: out(cg, "    if (!(" FALSE_TEST ")) { t%d = 1.0; goto L%d_%d; }\n", d, d, id, i + in->arg); break;
        case OP_NOT: out(cg, "    t%d = " FALSE_TEST " ? 1.0 : 0.0;\n", d, d); break;
        case OP_SWITCH:
            out(cg, "    switch (saqr_switch_case(t%d, %d)) {\n", d, in->arg);
            for (int k = 0; k < in->arg; k++)
                out(cg, "    case %d: goto L%d_%d;\n", k, id, i + 1 + k);
            out(cg, "    default: break;\n    }\n");
            break;
        default: instruction(cg, g, in, d); break;
        }
    }
    out(cg, "    L%d_%d:;\n    %s = t%d;\n    }\n", id, n, var, dep[n]);
}

void jfunc_codegen_table(jfunc_cg *cg, const jtable *t, const char *var)
{
    table_value(cg, t, var);
}

int jfunc_codegen_writable(const jfunc *f)
{
    int depth, dep[INLINE_CODE_MAX + 1];
    return product_inline(f) || program_inline(f, dep, &depth);
}

int jfunc_codegen_value(jfunc_cg *cg, const jfunc *f, const char *var, int allow_call)
{
    int depth, dep[INLINE_CODE_MAX + 1];
    if (product_inline(f)) {
        product(cg, f, var);
        return 1;
    }
    if (program_inline(f, dep, &depth)) {
        program(cg, f, var, depth, dep);
        return 1;
    }
    if (!allow_call)
        return 0;
    int i = pointer(cg, f);
    out(cg, "    %s = api->func((const struct jfunc *)P[%d], v, rng);\n", var, i);
    return 1;
}

/* ------------------------------------------------------------ sums */

void jfunc_codegen_prologue(FILE *o)
{
    fprintf(o, "#ifndef SAQR_JFUNC_NATIVE_API\n#define SAQR_JFUNC_NATIVE_API\n"
               "struct jtable;\nstruct jfunc;\nstruct saqr_rng;\n"
               "typedef struct jfunc_native_api {\n"
               "    double (*table)(const struct jtable *t, double *v);\n"
               "    double (*func)(const struct jfunc *f, double *v, struct saqr_rng *rng);\n"
               "    double (*atan2)(double y, double x);\n"
               "    double (*atan)(double x);\n"
               "    double (*sin)(double x);\n"
               "    double (*cos)(double x);\n"
               "} jfunc_native_api;\n"
               /* jtable_axis (expr/table.h), the same comparisons and arithmetic */
               "static inline int saqr_axis(const double *k, int n, double x, int h, double *f)\n{\n"
               "    if (k[h - 1] < x && x <= k[h]) {\n        const double x0 = k[h - 1];\n"
               "        *f = (x - x0) / (k[h] - x0);\n        return h;\n    }\n"
               "    if (x <= k[0]) {\n        *f = 0.0;\n        return 1;\n    }\n"
               "    if (x >= k[n - 1]) {\n        *f = 1.0;\n        return n - 1;\n    }\n"
               "    return 0;\n}\n"
               /* lookup_sub (expr/table.c) of a 2-D sub-table of at least
                * 2 x 2, as the 2-D tables are written out; 0 when a hint
                * misses (the caller then looks the table up in full) */
               "static inline int saqr_sub2d(const double *rk, int nr, const double *ck, int nc, const double *d,\n"
               "                             const int *hint, double row, double col, double *y)\n{\n"
               "    double cf = 0.0, rf = 0.0;\n"
               "    const int c = saqr_axis(ck, nc, col, __atomic_load_n(&hint[1], __ATOMIC_RELAXED), &cf);\n"
               "    const int r = saqr_axis(rk, nr, row, __atomic_load_n(&hint[0], __ATOMIC_RELAXED), &rf);\n"
               "    if (!c || !r)\n        return 0;\n"
               "    const double *lo = d + (r - 1) * nc, *hi = lo + nc;\n"
               "    const double col1 = rf * hi[c - 1] + (1.0 - rf) * lo[c - 1];\n"
               "    const double col2 = rf * hi[c] + (1.0 - rf) * lo[c];\n"
               "    *y = cf * (col2 - col1) + col1;\n    return 1;\n}\n"
               /* switch_case (expr/func.c): JSBSim's case of an index */
               "static inline int saqr_switch_case(double x, int n)\n{\n"
               "    if (!(x >= 0.0))\n        return 0;\n"
               "    if (x + 0.5 >= (double)n)\n        return n - 1;\n"
               "    return (int)(x + 0.5);\n}\n#endif\n");
}

int jfunc_codegen_sum(FILE *o, const char *name, jfunc *const *f, int n, const void **P)
{
    jfunc_cg cg = {o, P, 0, 0};
    out(&cg, "\ndouble %s(double *v, const void *const *P, const jfunc_native_api *api,\n"
             "        struct saqr_rng *rng)\n{\n"
             "    (void)P; (void)api; (void)rng;\n    double acc = 0.0, x;\n", name);
    for (int i = 0; i < n; i++) {
        (void)jfunc_codegen_value(&cg, f[i], "x", 1);
        out(&cg, "    acc += x;\n");
    }
    out(&cg, "    return acc;\n}\n");
    return cg.np;
}

saqr_status jfunc_codegen_bind_sum(native_lib *lib, arena *ar, const char *name, jfunc *const *f, int n,
                                   jfunc_native_sum *fn, const void ***P, saqr_err *err)
{
    void *sym = native_symbol(lib, name);
    if (!sym)
        return err_set(err, SAQR_EIO, "native code: %s missing from the compiled code", name);
    size_t cap = (size_t)jfunc_codegen_sum(NULL, name, f, n, NULL) + 1;
    const void **ptrs = arena_alloc(ar, cap * sizeof *ptrs);
    if (!ptrs)
        return err_set(err, SAQR_ENOMEM, "native code: out of memory");
    (void)jfunc_codegen_sum(NULL, name, f, n, ptrs);
    memcpy(fn, &sym, sizeof *fn); /* POSIX: a function's address through void * */
    *P = ptrs;
    return SAQR_OK;
}
