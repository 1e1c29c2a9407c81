/*
 * func_codegen.c - C source for a sum of JSBSim functions
 * (func_codegen.h).
 *
 * A product is written as run_product (func.c) computes it: 1.0, times
 * each leading property in order, times the factors after them (a table,
 * a property, a negated property or a constant), stored to its named
 * slots, then added to the sum.  Constants are written in hexadecimal
 * floating point, read back exactly; a program with a constant that is
 * not finite is called instead.
 */
#include <math.h>

#include "expr/func_codegen.h"
#include "expr/func_program.h"

static double call_table(const struct jtable *t, double *v)
{
    return jtable_eval(t, v);
}

static double call_func(const struct jfunc *f, double *v, struct saqr_rng *rng)
{
    return jfunc_eval(f, v, rng);
}

static const jfunc_native_api NATIVE_API = {call_table, call_func};

const jfunc_native_api *jfunc_native_api_get(void)
{
    return &NATIVE_API;
}

/* Whether f is written out (else called). */
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

void jfunc_codegen_prologue(FILE *o)
{
    fprintf(o, "struct jtable;\nstruct jfunc;\nstruct saqr_rng;\n"
               "typedef struct jfunc_native_api {\n"
               "    double (*table)(const struct jtable *t, double *v);\n"
               "    double (*func)(const struct jfunc *f, double *v, struct saqr_rng *rng);\n"
               "} jfunc_native_api;\n");
}

int jfunc_codegen_sum(FILE *o, const char *name, jfunc *const *f, int n)
{
    fprintf(o, "\ndouble %s(double *v, const void *const *P, const jfunc_native_api *api,\n"
               "        struct saqr_rng *rng)\n{\n"
               "    (void)P; (void)api; (void)rng;\n    double acc = 0.0;\n", name);
    int np = 0;
    for (int i = 0; i < n; i++) {
        const jfunc *g = f[i];
        if (!product_inline(g)) {
            fprintf(o, "    acc += api->func((const struct jfunc *)P[%d], v, rng);\n", np++);
            continue;
        }
        fprintf(o, "    {\n    double t = 1.0;\n");
        for (int k = 0; k < g->nprop; k++)
            fprintf(o, "    t = t * v[%d];\n", g->prop[k]);
        if (g->tail) {
            fprintf(o, "    t = t * api->table((const struct jtable *)P[%d], v);\n", np++);
        } else {
            for (int k = 0; k < g->nrest; k++) {
                const jins *in = &g->rest[k];
                switch (in->op) {
                case OP_TABLE:
                    fprintf(o, "    t = t * api->table((const struct jtable *)P[%d], v);\n", np++);
                    break;
                case OP_PROP: fprintf(o, "    t = t * v[%d];\n", in->arg); break;
                case OP_NPROP: fprintf(o, "    t = t * -v[%d];\n", in->arg); break;
                default: fprintf(o, "    t = t * %a;\n", in->k); break;
                }
            }
        }
        for (int k = 0; k < g->nstore; k++)
            fprintf(o, "    v[%d] = t;\n", g->store[k]);
        fprintf(o, "    acc += t;\n    }\n");
    }
    fprintf(o, "    return acc;\n}\n");
    return np;
}

int jfunc_codegen_pointer_count(jfunc *const *f, int n)
{
    int np = 0;
    for (int i = 0; i < n; i++) {
        const jfunc *g = f[i];
        if (!product_inline(g) || g->tail)
            np++;
        else
            for (int k = 0; k < g->nrest; k++)
                np += g->rest[k].op == OP_TABLE;
    }
    return np;
}

void jfunc_codegen_pointers(jfunc *const *f, int n, const void **P)
{
    int np = 0;
    for (int i = 0; i < n; i++) {
        const jfunc *g = f[i];
        if (!product_inline(g)) {
            P[np++] = g;
        } else if (g->tail) {
            P[np++] = g->tail;
        } else {
            for (int k = 0; k < g->nrest; k++)
                if (g->rest[k].op == OP_TABLE)
                    P[np++] = g->tables[g->rest[k].arg];
        }
    }
}
