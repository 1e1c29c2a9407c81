/*
 * daveml_clone.c - a DAVE-ML model for one more aircraft of a batch: the
 * loaded model's tables, breakpoint sets, functions and programs are
 * read-only once loaded and are shared; only the variable values and the
 * evaluation stack are written while a model runs, so those are copied.
 */
#include <string.h>

#include "load/daveml/daveml_internal.h"

daveml_model *daveml_clone_state(const daveml_model *m, arena *ar)
{
    daveml_model *c = arena_dup(ar, m, sizeof *m);
    if (!c)
        return NULL;
    /* the copy owns nothing: its arena must never be freed through it */
    memset(&c->arena, 0, sizeof c->arena);
    c->val = m->n_vars ? arena_dup(ar, m->val, m->n_vars * sizeof *m->val) : NULL;
    c->stack = m->stack_cap ? arena_array(ar, m->stack_cap, sizeof *m->stack) : NULL;
    if ((m->n_vars && !c->val) || (m->stack_cap && !c->stack))
        return NULL;
    return c;
}
