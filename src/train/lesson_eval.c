/*
 * lesson_eval.c - binding a lesson's channel names to a channel list, and
 * evaluating its conditions and entry-relative values.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "train/lesson.h"

static int find(const char *name, const char *const *names, int n)
{
    for (int i = 0; i < n; i++)
        if (strcmp(names[i], name) == 0)
            return i;
    if (strcmp(name, "ex-time-s") == 0)
        return LESSON_CH_EX_TIME(n);
    if (strcmp(name, "turn-deg") == 0)
        return LESSON_CH_TURN(n);
    return -1;
}

static saqr_status bind_cond(lesson_cond *c, const char *where, const char *const *names, int n, saqr_err *err)
{
    for (int i = 0; i < c->nclauses; i++) {
        c->c[i].ch = find(c->c[i].channel, names, n);
        if (c->c[i].ch < 0)
            return err_set(err, SAQR_EPARSE, "%s: no channel \"%s\" (in \"%s\"); docs/lessons.md lists the channels",
                           where, c->c[i].channel, c->text);
    }
    return SAQR_OK;
}

int lesson_bind(lesson *l, const char *const *names, int n, saqr_err *err)
{
    saqr_status st;
    for (int i = 0; i < l->nexercises; i++) {
        lesson_exercise *e = &l->exercises[i];
        if ((st = bind_cond(&e->entry, e->where, names, n, err)) || (st = bind_cond(&e->complete, e->where, names, n, err)))
            return st;
        for (int k = 0; k < e->nsegments; k++)
            if ((st = bind_cond(&e->segments[k].until, e->segments[k].where, names, n, err)))
                return st;
        for (int k = 0; k < e->ngrades; k++) {
            lesson_grade *g = &e->grades[k];
            g->ch = find(g->channel, names, n);
            if (g->ch < 0)
                return err_set(err, SAQR_EPARSE, "%s: no channel \"%s\"; docs/lessons.md lists the channels", g->where,
                               g->channel);
            if ((st = bind_cond(&g->from, g->where, names, n, err)) || (st = bind_cond(&g->until, g->where, names, n, err)))
                return st;
        }
    }
    return SAQR_OK;
}

double lesson_value_at(const lesson_value *x, int ch, const double *entry)
{
    return x->from_entry ? entry[ch] + x->v : x->v;
}

static int clause_holds(const lesson_clause *k, const double *v, const double *entry)
{
    double x = v[k->ch];
    if (k->absolute)
        x = fabs(x);
    double ref = lesson_value_at(&k->value, k->ch, entry);
    switch (k->op) {
    case LOP_LT: return x < ref;
    case LOP_LE: return x <= ref;
    case LOP_GT: return x > ref;
    case LOP_GE: return x >= ref;
    }
    return 0;
}

int lesson_cond_holds(const lesson_cond *c, const double *v, const double *entry)
{
    if (c->nclauses == 0)
        return 1;
    for (int i = 0; i < c->nclauses; i++) {
        int h = clause_holds(&c->c[i], v, entry);
        if (c->any && h)
            return 1;
        if (!c->any && !h)
            return 0;
    }
    return !c->any;
}
