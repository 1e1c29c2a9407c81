/*
 * campaign_table.c - the campaign's table (see campaign_run.h): its
 * columns - the dispersed parameters, then each lesson element's measured
 * value and pass flag or each script output, then the sortie's result and
 * pass - and the results of every run, by row.
 */
#include "campaign/campaign_run.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ layout */

static camp_column *add_col(camp_layout *lay, camp_col_kind kind, int index, const char *name, const char *suffix,
                            const char *unit)
{
    camp_column *col = &lay->cols[lay->ncols++];
    col->kind = kind;
    col->index = index;
    snprintf(col->name, sizeof col->name, "%s%s", name, suffix);
    snprintf(col->unit, sizeof col->unit, "%s", unit ? unit : "");
    col->band_lo = col->band_hi = NAN;
    return col;
}

/* An element's band where the lesson fixes it: not for a target about
 * the exercise's entry value, which differs from run to run. */
static void element_band(const lesson_grade *gr, camp_column *col)
{
    double target, lo, hi;
    if (lesson_grade_band(gr, NULL, &target, &lo, &hi) && (isfinite(lo) || isfinite(hi))) {
        col->band_lo = lo;
        col->band_hi = hi;
    }
}

static const char *param_unit(camp_param_kind k)
{
    static const char *const units[CP_COUNT] = {
        [CP_WIND_KT] = "kt",        [CP_WIND_FROM_DEG] = "deg", [CP_CROSSWIND_KT] = "kt",
        [CP_HEADWIND_KT] = "kt",    [CP_GUST_KT] = "kt",        [CP_FUEL_PCT] = "%",
        [CP_PAYLOAD_KG] = "kg",     [CP_CG_SHIFT_IN] = "in",    [CP_ALT_OFFSET_FT] = "ft",
        [CP_IAS_OFFSET_KT] = "kt",  [CP_HEADING_OFFSET_DEG] = "deg",
    };
    return units[k] ? units[k] : "";
}

int camp_layout_make(const campaign *c, const lesson *l, camp_layout *lay, saqr_err *err)
{
    memset(lay, 0, sizeof *lay);
    lay->result_col = lay->pass_col = -1;
    int nel = 0;
    if (l)
        for (int e = 0; e < l->nexercises; e++)
            nel += l->exercises[e].ngrades;
    if (l && l->setup.on_runway)
        for (int i = 0; i < c->nparams; i++) {
            camp_param_kind k = c->params[i].kind;
            if (k == CP_ALT_OFFSET_FT || k == CP_IAS_OFFSET_KT || k == CP_HEADING_OFFSET_DEG)
                return err_set(err, SAQR_EINVAL, "%s: %s needs a lesson that starts airborne (%s starts on the runway)",
                               c->params[i].where, c->params[i].name, l->id);
        }
    int max = c->nparams + 3 * nel + 2 * c->noutputs + 2;
    lay->cols = calloc((size_t)max, sizeof *lay->cols);
    lay->element_ids = calloc((size_t)nel + 1, sizeof *lay->element_ids);
    lay->element_col = calloc((size_t)nel + 1, sizeof *lay->element_col);
    lay->element_dev_col = calloc((size_t)nel + 1, sizeof *lay->element_dev_col);
    lay->element_wrap = calloc((size_t)nel + 1, sizeof *lay->element_wrap);
    lay->output_col = calloc((size_t)c->noutputs + 1, sizeof *lay->output_col);
    if (!lay->cols || !lay->element_ids || !lay->element_col || !lay->element_dev_col || !lay->element_wrap ||
        !lay->output_col) {
        camp_layout_free(lay);
        return err_set(err, SAQR_ENOMEM, "out of memory");
    }
    for (int i = 0; i < c->nparams; i++)
        add_col(lay, CC_PARAM, i, c->params[i].name, "", param_unit(c->params[i].kind));
    lay->nparams = c->nparams;
    int any_pass = 0;
    if (l)
        for (int e = 0; e < l->nexercises; e++)
            for (int g = 0; g < l->exercises[e].ngrades; g++) {
                const lesson_grade *gr = &l->exercises[e].grades[g];
                int k = lay->nelements++;
                snprintf(lay->element_ids[k], sizeof lay->element_ids[k], "%s.%s", l->exercises[e].id, gr->id);
                lay->element_col[k] = lay->ncols;
                element_band(gr, add_col(lay, CC_ELEMENT, k, lay->element_ids[k], "", gr->unit));
                add_col(lay, CC_PASS, k, lay->element_ids[k], ".pass", "");
                lay->element_wrap[k] = (unsigned char)(gr->wrap360 != 0);
                lay->element_dev_col[k] = -1;
                if (!isnan(gr->target.v) && gr->target.from_entry) { /* each run's band moves with its entry */
                    lay->element_dev_col[k] = lay->ncols;
                    camp_column *dev = add_col(lay, CC_ELEMENT, k, lay->element_ids[k], ".dev", gr->unit);
                    dev->band_lo = -gr->tolerance;
                    dev->band_hi = gr->tolerance;
                }
                any_pass = 1;
            }
    for (int i = 0; i < c->noutputs; i++) {
        lay->output_col[i] = lay->ncols;
        camp_column *col = add_col(lay, CC_OUTPUT, i, c->outputs[i].name, "", "");
        if (camp_output_has_pass_band(&c->outputs[i])) {
            col->band_lo = isnan(c->outputs[i].pass_min) ? -HUGE_VAL : c->outputs[i].pass_min;
            col->band_hi = isnan(c->outputs[i].pass_max) ? HUGE_VAL : c->outputs[i].pass_max;
            add_col(lay, CC_PASS, i, c->outputs[i].name, ".pass", "");
            any_pass = 1;
        }
    }
    if (l) {
        lay->result_col = lay->ncols;
        add_col(lay, CC_RESULT, -1, "result", "", "");
    }
    if (any_pass) {
        lay->pass_col = lay->ncols;
        add_col(lay, CC_PASS, -1, "pass", "", "");
    }
    return SAQR_OK;
}

void camp_layout_free(camp_layout *lay)
{
    free(lay->cols);
    free(lay->element_ids);
    free(lay->element_col);
    free(lay->element_dev_col);
    free(lay->element_wrap);
    free(lay->output_col);
    memset(lay, 0, sizeof *lay);
}

int camp_results_alloc(camp_results *r, long nruns, int ncols)
{
    memset(r, 0, sizeof *r);
    r->nruns = nruns;
    r->ncols = ncols;
    size_t n = (size_t)nruns * (size_t)(ncols > 0 ? ncols : 1);
    r->v = malloc(n * sizeof *r->v);
    r->failed = calloc((size_t)nruns, 1);
    r->msg = calloc((size_t)nruns, sizeof *r->msg);
    if (!r->v || !r->failed || !r->msg) {
        camp_results_free(r);
        return -1;
    }
    for (size_t i = 0; i < n; i++)
        r->v[i] = NAN;
    return 0;
}

void camp_results_free(camp_results *r)
{
    free(r->v);
    free(r->failed);
    free(r->msg);
    memset(r, 0, sizeof *r);
}

