/*
 * daveml_check.c - the check cases a DAVE-ML file carries (<checkData>):
 * static shots, each a set of input values (checkInputs), the expected
 * outputs (checkOutputs, each with an optional tolerance <tol>) and,
 * optionally, expected internal values (internalValues) that help find
 * where a failing model goes wrong.
 *
 * A signal names its variable by <varID> (DAVE-ML 2.0), by <signalID>
 * (1.x) or by <signalName>, which is matched against the name attribute
 * and then the varID.  Units are taken as those of the variable.
 *
 * References: DAVE-ML 2.0 reference manual, checkData, staticShot, signal.
 */
#include "load/daveml/daveml_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Slot named by the signal's <varID>, <signalID> or <signalName>. */
static saqr_status signal_slot(dml_ctx *c, const xmlNode *sig, const xmlNode *id,
                               const xmlNode *name, size_t *slot)
{
    char text[DML_MAX_TEXT];
    const xmlNode *key = id ? id : name;
    if (!key)
        return err_set(c->err, SAQR_EPARSE, "%s:%ld: <signal> names no variable", c->file,
                       dml_line(sig));
    saqr_status st = dml_text(c, key, text);
    if (st)
        return st;
    long s = -1;
    if (id) {
        s = dml_find_varid(c->m, text);
    } else {
        for (size_t i = 0; i < c->m->n_vars && s < 0; i++)
            if (strcmp(c->m->vars[i].name, text) == 0)
                s = (long)i;
        if (s < 0)
            s = dml_find_varid(c->m, text);
    }
    if (s < 0)
        return err_set(c->err, SAQR_EPARSE, "%s:%ld: checkData signal '%.80s' names no variableDef",
                       c->file, dml_line(key), text);
    *slot = (size_t)s;
    return SAQR_OK;
}

/* Parses the <signal> children of `list` into a new array. */
static saqr_status load_signals(dml_ctx *c, const xmlNode *list, dml_signal **out, size_t *count)
{
    size_t n = dml_count_children(list, "signal");
    if (n > DML_MAX_COUNT)
        return err_set(c->err, SAQR_EPARSE, "%s:%ld: too many signals", c->file, dml_line(list));
    dml_signal *v = arena_array(&c->m->arena, n, sizeof *v);
    if (!v)
        return err_set(c->err, SAQR_ENOMEM, "%s: out of memory", c->file);
    size_t k = 0;
    for (const xmlNode *s = dml_first_elem(list); s; s = dml_next_elem(s)) {
        if (!dml_is(s, "signal"))
            continue;
        const xmlNode *id = NULL, *name = NULL, *value = NULL, *tol = NULL;
        for (const xmlNode *e = dml_first_elem(s); e; e = dml_next_elem(e)) {
            if (dml_is(e, "varID") || dml_is(e, "signalID"))
                id = e;
            else if (dml_is(e, "signalName"))
                name = e;
            else if (dml_is(e, "signalValue"))
                value = e;
            else if (dml_is(e, "tol"))
                tol = e;
        }
        dml_signal *g = &v[k];
        g->line = dml_line(s);
        g->tol = -1.0;
        char text[DML_MAX_TEXT];
        saqr_status st = signal_slot(c, s, id, name, &g->slot);
        if (st)
            return st;
        if (!value)
            return err_set(c->err, SAQR_EPARSE, "%s:%ld: <signal> without <signalValue>", c->file,
                           g->line);
        if ((st = dml_text(c, value, text)) ||
            (st = dml_number(c, text, dml_line(value), "<signalValue>", &g->value)))
            return st;
        if (tol) {
            if ((st = dml_text(c, tol, text)) ||
                (st = dml_number(c, text, dml_line(tol), "<tol>", &g->tol)))
                return st;
            if (g->tol < 0.0)
                return err_set(c->err, SAQR_EPARSE, "%s:%ld: negative <tol>", c->file,
                               dml_line(tol));
        }
        k++;
    }
    *out = v;
    *count = k;
    return SAQR_OK;
}

saqr_status dml_load_checkdata(dml_ctx *c, const xmlNode *n)
{
    daveml_model *m = c->m;
    size_t ns = dml_count_children(n, "staticShot");
    if (ns > DML_MAX_COUNT)
        return err_set(c->err, SAQR_EPARSE, "%s:%ld: too many static shots", c->file, dml_line(n));
    m->shots = arena_array(&m->arena, ns, sizeof *m->shots);
    if (!m->shots)
        return err_set(c->err, SAQR_ENOMEM, "%s: out of memory", c->file);
    for (const xmlNode *s = dml_first_elem(n); s; s = dml_next_elem(s)) {
        if (!dml_is(s, "staticShot"))
            continue;
        dml_shot *shot = &m->shots[m->n_shots];
        const char *name = dml_attr(s, "name");
        shot->name = arena_strdup(&m->arena, name ? name : "");
        if (!shot->name)
            return err_set(c->err, SAQR_ENOMEM, "%s: out of memory", c->file);
        shot->line = dml_line(s);
        saqr_status st = SAQR_OK;
        int have_in = 0, have_out = 0;
        for (const xmlNode *e = dml_first_elem(s); e && !st; e = dml_next_elem(e)) {
            if (dml_is(e, "checkInputs") && !have_in) {
                have_in = 1;
                st = load_signals(c, e, &shot->in, &shot->n_in);
            } else if (dml_is(e, "checkOutputs") && !have_out) {
                have_out = 1;
                st = load_signals(c, e, &shot->out, &shot->n_out);
            } else if (dml_is(e, "internalValues") && !shot->internal) {
                st = load_signals(c, e, &shot->internal, &shot->n_internal);
            }
        }
        if (st)
            return st;
        if (!have_in || !have_out)
            return err_set(c->err, SAQR_EPARSE,
                           "%s:%ld: <staticShot> needs <checkInputs> and <checkOutputs>", c->file,
                           shot->line);
        m->n_shots++;
    }
    return SAQR_OK;
}

/* Tolerance of a signal: its own, or 1e-6 relative (absolute below 1). */
static double signal_tol(const dml_signal *g)
{
    return g->tol >= 0.0 ? g->tol : 1e-6 * fmax(1.0, fabs(g->value));
}

/* Resets every input to its initial value, applies the shot's inputs and
 * evaluates the model. */
static void run_shot(daveml_model *m, const dml_shot *shot)
{
    for (size_t v = 0; v < m->n_vars; v++)
        if (m->vars[v].flags & DML_F_INPUT)
            m->val[v] = dml_clamp(&m->vars[v], m->vars[v].init);
    for (size_t k = 0; k < shot->n_in; k++)
        daveml_set(m, (int)shot->in[k].slot, shot->in[k].value);
    daveml_eval(m);
}

/* The message for the first output of `shot` off by more than its
 * tolerance (`bad`), with the first internal value that is off as a hint. */
static saqr_status first_failure(const daveml_model *m, const dml_shot *shot, const dml_signal *bad,
                                 double tol_scale, saqr_err *err)
{
    char hint[256] = "";
    for (size_t k = 0; k < shot->n_internal; k++) {
        const dml_signal *g = &shot->internal[k];
        if (!(fabs(m->val[g->slot] - g->value) <= signal_tol(g) * tol_scale)) {
            snprintf(hint, sizeof hint, "; first internal value off: %.60s = %.10g, expected %.10g",
                     m->vars[g->slot].varid, m->val[g->slot], g->value);
            break;
        }
    }
    return err_set(err, SAQR_EPARSE,
                   "%s:%ld: checkData shot '%.80s': %.80s = %.10g, expected %.10g (tol %.3g)%s",
                   m->file, bad->line, shot->name, m->vars[bad->slot].name, m->val[bad->slot],
                   bad->value, signal_tol(bad) * tol_scale, hint);
}

saqr_status daveml_check_each(daveml_model *m, double tol_scale, daveml_check_fn fn, void *ctx,
                              daveml_check_counts *counts, saqr_err *err)
{
    daveml_check_counts n = {0, 0, 0, 0};
    if (counts)
        *counts = n;
    if (!m)
        return err_set(err, SAQR_EINVAL, "daveml_check_each: no model");
    if (!isfinite(tol_scale) || tol_scale < 0.0)
        return err_set(err, SAQR_EINVAL,
                       "daveml_check_each: tolerance scale %g is not a finite number >= 0",
                       tol_scale);
    saqr_status st = SAQR_OK;
    for (size_t i = 0; i < m->n_shots; i++) {
        const dml_shot *shot = &m->shots[i];
        run_shot(m, shot);
        const dml_signal *bad = NULL;
        for (int internal = 0; internal <= 1; internal++) {
            const dml_signal *sig = internal ? shot->internal : shot->out;
            size_t count = internal ? shot->n_internal : shot->n_out;
            for (size_t k = 0; k < count; k++) {
                const dml_signal *g = &sig[k];
                double got = m->val[g->slot];
                double tol = signal_tol(g) * tol_scale;
                int ok = fabs(got - g->value) <= tol; /* false for NaN */
                if (!internal) {
                    n.outputs++;
                    if (!ok) {
                        n.outputs_failed++;
                        if (!bad)
                            bad = g;
                    }
                }
                if (fn) {
                    const dml_var *v = &m->vars[g->slot];
                    daveml_check_result r = {
                        .shot = (int)i, .shot_name = shot->name, .shot_line = shot->line,
                        .slot = (int)g->slot, .name = v->name, .units = v->units,
                        .line = g->line, .computed = got, .expected = g->value, .tol = tol,
                        .ok = ok, .internal = internal};
                    fn(ctx, &r);
                }
            }
        }
        n.shots++;
        if (bad) {
            if (n.shots_failed++ == 0)
                st = first_failure(m, shot, bad, tol_scale, err);
        }
    }
    if (counts)
        *counts = n;
    return st;
}

saqr_status daveml_run_checkdata(daveml_model *m, int *n_shots, int *n_failed, saqr_err *err)
{
    if (n_shots)
        *n_shots = 0;
    if (n_failed)
        *n_failed = 0;
    if (!m)
        return err_set(err, SAQR_EINVAL, "daveml_run_checkdata: no model");
    daveml_check_counts c;
    saqr_status st = daveml_check_each(m, 1.0, NULL, NULL, &c, err);
    if (n_shots)
        *n_shots = c.shots;
    if (n_failed)
        *n_failed = c.shots_failed;
    return st;
}
