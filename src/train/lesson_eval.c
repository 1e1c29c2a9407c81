/*
 * lesson_eval.c - binding a lesson's channel names to a channel list, and
 * evaluating its conditions and entry-relative values.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "math/angle.h"
#include "math/units.h"
#include "train/lesson.h"
#include "train/lesson_route.h"
#include "train/wind_correction.h"

/* The derived channels' names, in their order after the recorded ones
 * (lesson.h LESSON_CH_*). */
static const char *const derived_names[LESSON_NDERIVED] = {
    "ex-time-s", "turn-deg", "rolled-deg", "xtk-nm", "to-go-nm", "eta-error-min", "hdg-error-deg", "point-nm",
    "around-deg"};

const char *lesson_derived_name(int i)
{
    return i >= 0 && i < LESSON_NDERIVED ? derived_names[i] : NULL;
}

static int find(const char *name, const char *const *names, int n)
{
    for (int i = 0; i < n; i++)
        if (strcmp(names[i], name) == 0)
            return i;
    for (int i = 0; i < LESSON_NDERIVED; i++)
        if (strcmp(derived_names[i], name) == 0)
            return n + i;
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

/* An airspeed at a mass needs the mass channel; a recording made before
 * it was recorded (missing_ok) flies and grades the speed as given. */
static saqr_status bind_mass(lesson_value *x, const char *where, const char *const *names, int n, int missing_ok,
                             saqr_err *err)
{
    if (!(x->at_mass_kg > 0.0))
        return SAQR_OK;
    x->mass_ch = find(LESSON_MASS_CHANNEL, names, n);
    if (x->mass_ch < 0 && !missing_ok)
        return err_set(err, SAQR_EPARSE, "%s: an airspeed at a mass needs the channel \"%s\", which is not recorded",
                       where, LESSON_MASS_CHANNEL);
    return SAQR_OK;
}

static saqr_status bind_segments(lesson_exercise *e, const char *const *names, int n, int missing_grade_ok,
                                 saqr_err *err)
{
    saqr_status st;
    for (int k = 0; k < e->nsegments; k++) {
        lesson_segment *sg = &e->segments[k];
        if ((st = bind_cond(&sg->until, sg->where, names, n, err)) ||
            (st = bind_mass(&sg->ias_kt, sg->where, names, n, missing_grade_ok, err)))
            return st;
    }
    return SAQR_OK;
}

static int bind(lesson *l, const char *const *names, int n, int missing_grade_ok, saqr_err *err)
{
    /* the lead's profile reads its own channels, by the same names */
    saqr_status st = l->lead.present ? bind_segments(&l->lead.plan, names, n, missing_grade_ok, err) : SAQR_OK;
    if (st)
        return st;
    for (int i = 0; i < l->nexercises; i++) {
        lesson_exercise *e = &l->exercises[i];
        if ((st = bind_cond(&e->entry, e->where, names, n, err)) ||
            (st = bind_cond(&e->complete, e->where, names, n, err)) || (st = bind_segments(e, names, n, missing_grade_ok, err)))
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
            if ((st = bind_cond(&g->from, g->where, names, n, err)) || (st = bind_cond(&g->until, g->where, names, n, err)) ||
                (st = bind_mass(&g->target, g->where, names, n, missing_grade_ok, err)))
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
    if (x->from_entry)
        return entry[ch] + x->v;
    if (x->at_mass_kg > 0.0 && x->mass_ch >= 0 && entry && entry[x->mass_ch] > 0.0)
        return x->v * sqrt(entry[x->mass_ch] / x->at_mass_kg);
    return x->v;
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
        if ((lg->target.from_entry || (lg->target.at_mass_kg > 0.0 && lg->target.mass_ch >= 0)) && !entry)
            return 0; /* about the entry's value or mass: not known yet */
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
    return angle_wrap180_deg(now_deg - prev_deg);
}

static int channel_index(const char *const *names, int n, const char *name)
{
    for (int i = 0; i < n; i++)
        if (strcmp(names[i], name) == 0)
            return i;
    return -1;
}

lesson_derived_inputs lesson_derived_inputs_find(const char *const *names, int n)
{
    lesson_derived_inputs in = {
        channel_index(names, n, "t-s"),          channel_index(names, n, "heading-deg"),
        channel_index(names, n, "roll-deg"),     channel_index(names, n, "lat-deg"),
        channel_index(names, n, "lon-deg"),      channel_index(names, n, LESSON_TAS_CHANNEL),
        channel_index(names, n, LESSON_WIND_FROM_CHANNEL), channel_index(names, n, LESSON_WIND_KT_CHANNEL),
    };
    return in;
}

void lesson_derived_init(lesson_derived *d, int nch, const lesson_derived_inputs *in)
{
    memset(d, 0, sizeof *d);
    d->nch = nch;
    d->in = *in;
}

static double value_or_nan(const double *v, int ch)
{
    return ch >= 0 ? v[ch] : NAN;
}

/* The leg's derived values at v (NAN without a leg or a position). */
static void leg_values(const lesson_derived *d, double *v)
{
    const int n = d->nch;
    v[LESSON_CH_XTK(n)] = v[LESSON_CH_TO_GO(n)] = v[LESSON_CH_ETA_ERR(n)] = v[LESSON_CH_HDG_ERR(n)] = NAN;
    if (!d->leg)
        return;
    double along, xtk;
    lesson_leg_locate(d->leg, value_or_nan(v, d->in.lat), value_or_nan(v, d->in.lon), &along, &xtk);
    v[LESSON_CH_XTK(n)] = xtk;
    v[LESSON_CH_TO_GO(n)] = d->leg->length_nm - along;
    /* late against the plan: the time flown less the plan's time for the
     * distance covered along the course since the exercise began, from
     * where the aircraft was then (abeam the last checkpoint, or short of
     * the first) */
    if (d->plan_gs_kt > 0.0)
        v[LESSON_CH_ETA_ERR(n)] = (v[LESSON_CH_EX_TIME(n)] - (along - d->along0_nm) / d->plan_gs_kt * 3600.0) / 60.0;
    double hdg = value_or_nan(v, d->in.heading);
    if (isfinite(hdg) && isfinite(d->plan_heading_deg))
        v[LESSON_CH_HDG_ERR(n)] = angle_wrap180_deg(hdg - d->plan_heading_deg);
}

/* Adds the step from *prev to now into *sum (NaNs skipped). */
static void accumulate(double *sum, double *prev, double now)
{
    if (!isnan(now) && !isnan(*prev))
        *sum += lesson_angle_step_deg(*prev, now);
    if (!isnan(now))
        *prev = now;
}

/* Where the aircraft is about the exercise's point: "point-nm", and
 * "around-deg" summed from the bearing's steps (NAN without a point or a
 * position). */
static void point_values(lesson_derived *d, double *v)
{
    const int n = d->nch;
    v[LESSON_CH_POINT_NM(n)] = v[LESSON_CH_AROUND(n)] = NAN;
    double lat = value_or_nan(v, d->in.lat), lon = value_or_nan(v, d->in.lon);
    if (!d->has_point || !isfinite(lat) || !isfinite(lon))
        return;
    double n_nm = (lat - d->point_lat_deg) * d->point_nm_per_deg_lat;
    double e_nm = angle_wrap180_deg(lon - d->point_lon_deg) * d->point_nm_per_deg_lon;
    v[LESSON_CH_POINT_NM(n)] = hypot(n_nm, e_nm);
    d->point_bearing_deg = angle_wrap360_deg(atan2(e_nm, n_nm) * DEG_PER_RAD);
    accumulate(&d->around_deg, &d->prev_bearing_deg, d->point_bearing_deg);
    v[LESSON_CH_AROUND(n)] = d->around_deg;
}

/* The exercise's point fixed where it begins (lesson_derived_begin). */
static void begin_around(lesson_derived *d, double *v, const lesson_around *around)
{
    d->has_point = 0;
    d->around_deg = 0.0;
    d->prev_bearing_deg = d->point_bearing_deg = NAN;
    double lat = value_or_nan(v, d->in.lat), lon = value_or_nan(v, d->in.lon);
    if (around && around->kind == LAROUND_POINT) {
        d->point_lat_deg = around->lat_deg;
        d->point_lon_deg = around->lon_deg;
        d->has_point = 1;
    } else if (around && (around->kind == LAROUND_ABEAM_LEFT || around->kind == LAROUND_ABEAM_RIGHT) &&
               isfinite(lat) && isfinite(lon) && fabs(lat) <= 85.0 && isfinite(value_or_nan(v, d->in.heading))) {
        /* the radius abeam of the heading, on a plane chart about here */
        double per_lat, per_lon;
        lesson_nm_per_deg(lat, &per_lat, &per_lon);
        double side = around->kind == LAROUND_ABEAM_LEFT ? -90.0 : 90.0;
        double brg = (v[d->in.heading] + side) * RAD_PER_DEG;
        d->point_lat_deg = lat + around->radius_nm * cos(brg) / per_lat;
        d->point_lon_deg = angle_wrap180_deg(lon + around->radius_nm * sin(brg) / per_lon);
        d->has_point = 1;
    }
    if (d->has_point)
        lesson_nm_per_deg(d->point_lat_deg, &d->point_nm_per_deg_lat, &d->point_nm_per_deg_lon);
    point_values(d, v);
}

void lesson_derived_begin(lesson_derived *d, double *v, const lesson_leg *leg, const lesson_around *around)
{
    const lesson_derived_inputs *in = &d->in;
    d->t0_s = in->t >= 0 ? v[in->t] : 0.0;
    d->turn_deg = d->rolled_deg = 0.0;
    d->prev_heading = value_or_nan(v, in->heading);
    d->prev_roll = value_or_nan(v, in->roll);
    v[LESSON_CH_EX_TIME(d->nch)] = 0.0;
    v[LESSON_CH_TURN(d->nch)] = 0.0;
    v[LESSON_CH_ROLLED(d->nch)] = 0.0;
    d->leg = NULL;
    if (leg && (leg->from >= 0 || leg->from == LESSON_LEG_DIVERTED))
        d->leg = leg;
    else if (leg && leg->from == LESSON_LEG_DIVERT &&
             lesson_leg_divert(&d->diverted, leg, value_or_nan(v, in->lat), value_or_nan(v, in->lon)))
        d->leg = &d->diverted;
    d->plan_heading_deg = d->plan_gs_kt = NAN;
    d->along0_nm = 0.0;
    if (d->leg) {
        double xtk;
        lesson_leg_locate(d->leg, value_or_nan(v, in->lat), value_or_nan(v, in->lon), &d->along0_nm, &xtk);
        /* the flight plan: the route's true airspeed (else the one flown
         * now) in the steady wind now, the forecast a pilot plans with */
        double tas = isnan(d->leg->plan_tas_kt) ? value_or_nan(v, in->tas) : d->leg->plan_tas_kt;
        lesson_leg_plan(d->leg, tas, value_or_nan(v, in->wind_from), value_or_nan(v, in->wind_kt),
                        &d->plan_heading_deg, &d->plan_gs_kt);
    }
    leg_values(d, v);
    begin_around(d, v, around);
}

void lesson_derived_update(lesson_derived *d, double *v)
{
    const lesson_derived_inputs *in = &d->in;
    if (in->heading >= 0)
        accumulate(&d->turn_deg, &d->prev_heading, v[in->heading]);
    if (in->roll >= 0)
        accumulate(&d->rolled_deg, &d->prev_roll, v[in->roll]);
    v[LESSON_CH_EX_TIME(d->nch)] = in->t >= 0 ? v[in->t] - d->t0_s : 0.0;
    v[LESSON_CH_TURN(d->nch)] = d->turn_deg;
    v[LESSON_CH_ROLLED(d->nch)] = d->rolled_deg;
    leg_values(d, v);
    point_values(d, v);
}
