/*
 * daveml_order.c - the evaluation order of a DAVE-ML model.
 *
 * Every calculated variable (a <calculation> or a function output) depends
 * on the variables its program loads.  The order is a topological sort of
 * that graph by Kahn's algorithm, seeded and drained first-in first-out in
 * file order, so it is deterministic and keeps the file's order where the
 * file already respects the dependencies (DAVE-ML recommends it but does
 * not require it: function outputs are used before the functions appear).
 * The sort is iterative, so a long chain cannot exhaust the C stack.  What
 * cannot be ordered lies on or behind a cycle; the error names one cycle.
 */
#include "load/daveml/daveml_internal.h"

#include <stdio.h>
#include <string.h>

#include "util/mem.h"

/* Scratch arrays of one sort, freed by sort_free. */
typedef struct sort_work {
    size_t *indeg;    /* unprocessed calculated inputs per variable       */
    size_t *first;    /* CSR: dependents of v are dep[first[v]..first[v+1]) */
    size_t *dep;      /* dependents, one entry per (input, load) pair      */
    size_t *fill;     /* fill position per variable while building dep    */
} sort_work;

static void sort_free(const saqr_allocator *a, sort_work *w)
{
    mem_free(a, w->indeg);
    mem_free(a, w->first);
    mem_free(a, w->dep);
    mem_free(a, w->fill);
}

/* Number of loads of calculated variables in all programs (the edges). */
static size_t count_edges(const daveml_model *m)
{
    size_t e = 0;
    for (size_t v = 0; v < m->n_vars; v++) {
        const dml_var *var = &m->vars[v];
        for (size_t pc = var->code_start; pc < var->code_start + var->code_len; pc++) {
            const dml_instr *in = &m->code[pc];
            if (in->op == DML_OP_LOAD && m->vars[in->arg].origin != DML_ORIGIN_NONE)
                e++;
        }
    }
    return e;
}

/* An unsorted calculated input of unsorted variable v (one exists). */
static size_t next_on_cycle(const daveml_model *m, const sort_work *w, size_t v)
{
    const dml_var *var = &m->vars[v];
    for (size_t pc = var->code_start; pc < var->code_start + var->code_len; pc++) {
        const dml_instr *in = &m->code[pc];
        if (in->op == DML_OP_LOAD && m->vars[in->arg].origin != DML_ORIGIN_NONE &&
            w->indeg[in->arg] > 0)
            return in->arg;
    }
    return v; /* not reached for an unsorted variable */
}

/* Writes one dependency cycle among the unsorted variables into err. */
static saqr_status report_cycle(dml_ctx *c, const sort_work *w)
{
    const daveml_model *m = c->m;
    size_t start = SIZE_MAX;
    for (size_t v = 0; v < m->n_vars && start == SIZE_MAX; v++)
        if (m->vars[v].origin != DML_ORIGIN_NONE && w->indeg[v] > 0)
            start = v;
    /* Each unsorted variable has an unsorted input; following inputs n
     * times from any of them ends on a cycle. */
    size_t v = start;
    for (size_t step = 0; step < m->n_vars; step++)
        v = next_on_cycle(m, w, v);
    /* Start the report at the cycle's first variable in file order. */
    size_t first = v;
    for (size_t u = next_on_cycle(m, w, v); u != v; u = next_on_cycle(m, w, u))
        if (u < first)
            first = u;
    v = first;
    char path[SAQR_ERR_MAX];
    size_t len = 0;
    size_t u = v;
    path[0] = '\0';
    for (size_t step = 0; step <= m->n_vars; step++) {
        int k = snprintf(path + len, sizeof path - len, "%s%s", step ? " -> " : "", m->vars[u].varid);
        if (k < 0 || (size_t)k >= sizeof path - len)
            break;
        len += (size_t)k;
        if (step > 0 && u == v)
            break;
        u = next_on_cycle(m, w, u);
    }
    return err_set(c->err, SAQR_EPARSE, "%s:%ld: dependency cycle: %s", c->file,
                   m->vars[v].origin_line, path);
}

saqr_status dml_build_order(dml_ctx *c)
{
    daveml_model *m = c->m;
    const saqr_allocator *a = &m->alloc;
    size_t nv = m->n_vars, ne = count_edges(m);
    sort_work w;
    w.indeg = mem_alloc(a, nv * sizeof *w.indeg);
    w.first = mem_alloc(a, (nv + 1) * sizeof *w.first);
    w.dep = mem_alloc(a, ne * sizeof *w.dep);
    w.fill = mem_alloc(a, nv * sizeof *w.fill);
    size_t n_calc = 0;
    for (size_t v = 0; v < nv; v++)
        n_calc += m->vars[v].origin != DML_ORIGIN_NONE;
    m->order = arena_array(&m->arena, n_calc, sizeof *m->order);
    if (!w.indeg || !w.first || !w.dep || !w.fill || !m->order) {
        sort_free(a, &w);
        return err_set(c->err, SAQR_ENOMEM, "%s: out of memory", c->file);
    }
    /* Out-degree per input, then offsets, then the dependents. */
    for (size_t v = 0; v < nv; v++) {
        const dml_var *var = &m->vars[v];
        for (size_t pc = var->code_start; pc < var->code_start + var->code_len; pc++) {
            const dml_instr *in = &m->code[pc];
            if (in->op == DML_OP_LOAD && m->vars[in->arg].origin != DML_ORIGIN_NONE) {
                w.first[in->arg + 1]++;
                w.indeg[v]++;
            }
        }
    }
    for (size_t v = 0; v < nv; v++)
        w.first[v + 1] += w.first[v];
    memcpy(w.fill, w.first, nv * sizeof *w.fill);
    for (size_t v = 0; v < nv; v++) {
        const dml_var *var = &m->vars[v];
        for (size_t pc = var->code_start; pc < var->code_start + var->code_len; pc++) {
            const dml_instr *in = &m->code[pc];
            if (in->op == DML_OP_LOAD && m->vars[in->arg].origin != DML_ORIGIN_NONE)
                w.dep[w.fill[in->arg]++] = v;
        }
    }
    /* Kahn: m->order doubles as the FIFO queue. */
    size_t head = 0, tail = 0;
    for (size_t v = 0; v < nv; v++)
        if (m->vars[v].origin != DML_ORIGIN_NONE && w.indeg[v] == 0)
            m->order[tail++] = v;
    while (head < tail) {
        size_t u = m->order[head++];
        for (size_t k = w.first[u]; k < w.first[u + 1]; k++)
            if (--w.indeg[w.dep[k]] == 0)
                m->order[tail++] = w.dep[k];
    }
    saqr_status st = SAQR_OK;
    if (tail != n_calc)
        st = report_cycle(c, &w);
    m->n_order = tail;
    sort_free(a, &w);
    return st;
}
