/*
 * lesson_eval.c - binding a lesson's channel names to a channel list, and
 * evaluating its conditions and entry-relative values.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "math/angle.h"
#include "train/lesson.h"
#include "train/wind_correction.h"

static int find(const char *name, const char *const *names, int n)
{
    for (int i = 0; i < n; i++)
        if (strcmp(names[i], name) == 0)
            return i;
    if (strcmp(name, "ex-time-s") == 0)
        return LESSON_CH_EX_TIME(n);
    if (strcmp(name, "turn-deg") == 0)
        return LESSON_CH_TURN(n);
    if (strcmp(name, "rolled-deg") == 0)
        return LESSON_CH_ROLLED(n);
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

static int bind(lesson *l, const char *const *names, int n, int missing_grade_ok, saqr_err *err)
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
            if (g->ch < 0 && !missing_grade_ok)
                return err_set(err, SAQR_EPARSE, "%s: no channel \"%s\"; docs/lessons.md lists the channels", g->where,
                               g->channel);
            g->gust_ch = g->gust_share > 0.0 ? find(LESSON_GUST_CHANNEL, names, n) : -1;
            if (g->gust_share > 0.0 && g->gust_ch < 0 && !missing_grade_ok)
                return err_set(err, SAQR_EPARSE, "%s: gust-factor= needs the channel \"%s\", which is not recorded",
                               g->where, LESSON_GUST_CHANNEL);
            static const char *const wind_names[3] = {LESSON_TAS_CHANNEL, LESSON_WIND_FROM_CHANNEL,
                                                      LESSON_WIND_KT_CHANNEL};
            for (int w = 0; w < 3; w++) {
                g->wind_ch[w] = g->wind_factor > 0.0 ? find(wind_names[w], names, n) : -1;
                if (g->wind_factor > 0.0 && g->wind_ch[w] < 0 && !missing_grade_ok)
                    return err_set(err, SAQR_EPARSE, "%s: wind-correction= needs the channel \"%s\", which is not "
                                   "recorded", g->where, wind_names[w]);
            }
            if ((st = bind_cond(&g->from, g->where, names, n, err)) || (st = bind_cond(&g->until, g->where, names, n, err)))
                return st;
        }
    }
    return SAQR_OK;
}

int lesson_bind(lesson *l, const char *const *names, int n, saqr_err *err)
{
    return bind(l, names, n, 0, err);
}

int lesson_bind_recorded(lesson *l, const char *const *names, int n, saqr_err *err)
{
    return bind(l, names, n, 1, err);
}

double lesson_value_at(const lesson_value *x, int ch, const double *entry)
{
    return x->from_entry ? entry[ch] + x->v : x->v;
}

/* How far the gust factor moves lg's band at the exercise's entry. */
static double gust_shift(const lesson_grade *lg, const double *entry)
{
    if (!(lg->gust_share > 0.0) || lg->gust_ch < 0)
        return 0.0;
    double gust_kt = entry[lg->gust_ch];
    return gust_kt > 0.0 ? lg->gust_share * gust_kt : 0.0; /* NAN: none known */
}

/* How far the wind correction moves lg's heading band (its target taken
 * as the track to make good) at the exercise's entry. */
static double wind_shift(const lesson_grade *lg, const double *entry, double track_deg)
{
    if (!(lg->wind_factor > 0.0) || lg->wind_ch[0] < 0 || lg->wind_ch[1] < 0 || lg->wind_ch[2] < 0)
        return 0.0;
    return lg->wind_factor *
           wind_correction_deg(track_deg, entry[lg->wind_ch[0]], entry[lg->wind_ch[1]], entry[lg->wind_ch[2]]);
}

int lesson_grade_band(const lesson_grade *lg, const double *entry, double *target, double *lo, double *hi)
{
    if ((lg->gust_share > 0.0 || lg->wind_factor > 0.0) && !entry)
        return 0;
    const double shift = gust_shift(lg, entry);
    if (!isnan(lg->target.v)) {
        if (lg->target.from_entry && !entry)
            return 0;
        double t = lesson_value_at(&lg->target, lg->ch, entry) + shift;
        t += wind_shift(lg, entry, t);
        if (lg->wrap360) /* a heading: shown within 0..360 */
            t = angle_wrap360_deg(t);
        *target = t;
        *lo = t - lg->tolerance;
        *hi = t + lg->tolerance;
    } else if (!isnan(lg->min) && !isnan(lg->max)) {
        *target = 0.5 * (lg->min + lg->max) + shift;
        *lo = lg->min + shift;
        *hi = lg->max + shift;
    } else {
        *target = NAN;
        *lo = isnan(lg->min) ? -HUGE_VAL : lg->min + shift;
        *hi = isnan(lg->max) ? HUGE_VAL : lg->max + shift;
    }
    return 1;
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

double lesson_angle_step_deg(double prev_deg, double now_deg)
{
    double d = fmod(now_deg - prev_deg, 360.0);
    if (d >= 180.0)
        d -= 360.0;
    if (d < -180.0)
        d += 360.0;
    return d;
}

void lesson_derived_init(lesson_derived *d, int nch, int t_ch, int heading_ch, int roll_ch)
{
    memset(d, 0, sizeof *d);
    d->nch = nch;
    d->t_ch = t_ch;
    d->heading_ch = heading_ch;
    d->roll_ch = roll_ch;
}

void lesson_derived_begin(lesson_derived *d, double *v)
{
    d->t0_s = d->t_ch >= 0 ? v[d->t_ch] : 0.0;
    d->turn_deg = d->rolled_deg = 0.0;
    d->prev_heading = d->heading_ch >= 0 ? v[d->heading_ch] : NAN;
    d->prev_roll = d->roll_ch >= 0 ? v[d->roll_ch] : NAN;
    v[LESSON_CH_EX_TIME(d->nch)] = 0.0;
    v[LESSON_CH_TURN(d->nch)] = 0.0;
    v[LESSON_CH_ROLLED(d->nch)] = 0.0;
}

/* Adds the step from *prev to now into *sum (NaNs skipped). */
static void accumulate(double *sum, double *prev, double now)
{
    if (!isnan(now) && !isnan(*prev))
        *sum += lesson_angle_step_deg(*prev, now);
    if (!isnan(now))
        *prev = now;
}

void lesson_derived_update(lesson_derived *d, double *v)
{
    if (d->heading_ch >= 0)
        accumulate(&d->turn_deg, &d->prev_heading, v[d->heading_ch]);
    if (d->roll_ch >= 0)
        accumulate(&d->rolled_deg, &d->prev_roll, v[d->roll_ch]);
    v[LESSON_CH_EX_TIME(d->nch)] = d->t_ch >= 0 ? v[d->t_ch] - d->t0_s : 0.0;
    v[LESSON_CH_TURN(d->nch)] = d->turn_deg;
    v[LESSON_CH_ROLLED(d->nch)] = d->rolled_deg;
}
