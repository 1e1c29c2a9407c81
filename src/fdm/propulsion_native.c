/*
 * propulsion_native.c - the propulsion's <function> lists (its own and
 * each engine's, run before and after the engine) as generated code, for
 * saqr_fdm_compile (fdm_native.c).
 *
 * Each list becomes one generated sum (expr/func_codegen.h) whose value is
 * thrown away: it evaluates the functions in order and stores their
 * outputs exactly as jfunc_eval does one by one (engine_run_functions),
 * so the results are the same bits.  A turbine's thrust tables (the F-16's
 * F100, the JF-17's RD-93) are such functions: tables looked up inline
 * instead of through the interpreter.
 */
#include "fdm/propulsion_internal.h"

/* One of the lists: its functions (f, n) and where its code and pointers
 * go. */
typedef struct fn_list {
    jfunc **f;
    int n;
    jfunc_native_sum *native;
    const void ***P;
} fn_list;

/* The lists in a fixed order: the propulsion's pre and post, then each
 * engine's pre and post (k < list_count). */
static fn_list list_at(propulsion *p, int k)
{
    if (k < 2)
        return k == 0 ? (fn_list){p->pre, p->npre, &p->native_pre, &p->native_pre_p}
                      : (fn_list){p->post, p->npost, &p->native_post, &p->native_post_p};
    engine_def *d = engine_def_loading(&p->eng[(k - 2) / 2]); /* the model's own: compiling binds its code */
    return (k - 2) % 2 == 0 ? (fn_list){d->pre, d->npre, &d->native_pre, &d->native_pre_p}
                            : (fn_list){d->post, d->npost, &d->native_post, &d->native_post_p};
}

static int list_count(const propulsion *p)
{
    return 2 + 2 * p->neng;
}

static void list_name(int k, char name[48])
{
    snprintf(name, 48, "saqr_propulsion_fn_%d", k);
}

void propulsion_codegen_emit(propulsion *p, FILE *out)
{
    if (!p)
        return;
    for (int k = 0; k < list_count(p); k++) {
        fn_list l = list_at(p, k);
        char name[48];
        list_name(k, name);
        if (l.n > 0)
            (void)jfunc_codegen_sum(out, name, l.f, l.n, NULL);
    }
}

/* Binds list by list; on a failure the caller unbinds them all
 * (fdm_compile), so a half-bound propulsion never runs. */
saqr_status propulsion_native_bind(propulsion *p, arena *ar, native_lib *lib, saqr_err *err)
{
    if (!p)
        return SAQR_OK;
    for (int k = 0; k < list_count(p); k++) {
        fn_list l = list_at(p, k);
        if (l.n <= 0)
            continue;
        char name[48];
        list_name(k, name);
        saqr_status st = jfunc_codegen_bind_sum(lib, ar, name, l.f, l.n, l.native, l.P, err);
        if (st != SAQR_OK)
            return st;
    }
    return SAQR_OK;
}

void propulsion_native_unbind(propulsion *p)
{
    if (!p)
        return;
    for (int k = 0; k < list_count(p); k++)
        *list_at(p, k).native = NULL;
}
