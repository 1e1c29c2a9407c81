/*
 * debrief_derived.c - an exercise's derived channels worked out again from
 * a recording (see debrief_derived.h).
 */
#include "train/debrief_derived.h"

#include <math.h>
#include <string.h>

#include "train/lesson_route.h"


static int derived_index(const char *channel)
{
    for (int i = 0; i < LESSON_NDERIVED; i++)
        if (strcmp(lesson_derived_name(i), channel) == 0)
            return i;
    return -1;
}

int derived_channel_known(const char *channel)
{
    return derived_index(channel) >= 0;
}

/* The time of the exercise's start the element at t0_s belongs to: the
 * last "exercise-start" of it at or before t0_s, else its first. */
static double exercise_start(const rec_data *rec, int ex, double t0_s)
{
    double before = NAN, after = NAN;
    for (size_t j = 0; j < rec->nevents; j++) {
        const rec_event *ev = &rec->events[j];
        if (strncmp(ev->kind, "exercise-start", REC_NAME_MAX) != 0 || ev->value != (double)ex || !isfinite(ev->t_s))
            continue;
        if (ev->t_s <= t0_s)
            before = isnan(before) || ev->t_s > before ? ev->t_s : before;
        else if (isnan(after) || ev->t_s < after)
            after = ev->t_s;
    }
    return isnan(before) ? after : before;
}

/* The inputs of the derived channels among the recording's channels and
 * the frame exercise ex began at (its start as exercise_start finds it
 * for t0_s); 0 when there is none, or no time channel, or too many
 * channels. */
static int replay_start(const rec_data *rec, int ex, double t0_s, lesson_derived_inputs *in, size_t *k0,
                        double *start_s)
{
    if (rec->nch <= 0 || rec->nch > DERIVED_MAX_CHANNELS || rec->nframes == 0)
        return 0;
    const char *names[DERIVED_MAX_CHANNELS];
    char name_buf[DERIVED_MAX_CHANNELS][REC_NAME_MAX + 1];
    for (int i = 0; i < rec->nch; i++) {
        memcpy(name_buf[i], rec->ch[i].name, REC_NAME_MAX);
        name_buf[i][REC_NAME_MAX] = '\0';
        names[i] = name_buf[i];
    }
    *in = lesson_derived_inputs_find(names, rec->nch);
    *start_s = exercise_start(rec, ex, t0_s);
    if (in->t < 0 || isnan(*start_s))
        return 0;
    const size_t nch = (size_t)rec->nch;
    size_t k = 0;
    while (k < rec->nframes && !(rec->values[k * nch + (size_t)in->t] >= *start_s))
        k++;
    *k0 = k;
    return k < rec->nframes;
}

const lesson_leg *derived_leg_plan(const rec_data *rec, const lesson *l, int ex, double start_s, lesson_leg *buf)
{
    const lesson_leg *plan = &l->exercises[ex].leg;
    if (!lesson_exercise_diversion(l, ex))
        return plan;
    /* the grader takes the last call before the diversion began */
    double called_s = -HUGE_VAL;
    for (size_t j = 0; j < rec->nevents; j++) {
        const rec_event *ev = &rec->events[j];
        if (strncmp(ev->kind, "divert", REC_NAME_MAX) != 0 || !(ev->t_s <= start_s) || !(ev->t_s >= called_s) ||
            !lesson_leg_divert_plan(buf, &l->route, ev->value))
            continue;
        called_s = ev->t_s;
        plan = buf;
    }
    return plan;
}

int derived_circle_flown(const rec_data *rec, const lesson *l, int ex, double *lat_deg, double *lon_deg)
{
    lesson_derived_inputs in;
    size_t k;
    double start;
    if (!l || ex < 0 || ex >= l->nexercises || l->exercises[ex].around.kind == LAROUND_NONE ||
        !replay_start(rec, ex, -HUGE_VAL, &in, &k, &start))
        return 0;
    double row[DERIVED_MAX_CHANNELS + LESSON_NDERIVED];
    memcpy(row, &rec->values[k * (size_t)rec->nch], (size_t)rec->nch * sizeof row[0]);
    lesson_derived d;
    lesson_derived_init(&d, rec->nch, &in);
    lesson_derived_begin(&d, row, NULL, &l->exercises[ex].around);
    if (!d.has_point)
        return 0;
    *lat_deg = d.point_lat_deg;
    *lon_deg = d.point_lon_deg;
    return 1;
}

static int exercise_index(const lesson *l, const char *exercise_id)
{
    int ex = -1;
    for (int i = 0; l && i < l->nexercises; i++)
        if (strcmp(l->exercises[i].id, exercise_id) == 0)
            ex = i;
    return ex;
}

int derived_series_make(const rec_data *rec, const lesson *l, const char *exercise_id, const char *channel,
                        double t0_s, double t1_s, derived_series *out)
{
    out->n = 0;
    int di = derived_index(channel), ex = exercise_index(l, exercise_id);
    lesson_derived_inputs in;
    size_t k;
    double start;
    if (di < 0 || ex < 0 || !replay_start(rec, ex, t0_s, &in, &k, &start))
        return 0;
    const size_t nch = (size_t)rec->nch;
    size_t kend = k;
    while (kend < rec->nframes && rec->values[kend * nch + (size_t)in.t] <= t1_s)
        kend++;
    if (kend <= k)
        return 0;
    lesson_derived d;
    lesson_derived_init(&d, rec->nch, &in);
    lesson_leg called;
    const lesson_leg *plan = derived_leg_plan(rec, l, ex, start, &called);
    double row[DERIVED_MAX_CHANNELS + LESSON_NDERIVED];
    /* frames before t0_s are worked over (the sums and the plan begin at
     * the start) but only those from t0_s kept, evenly thinned */
    size_t first_kept = k;
    while (first_kept < kend && rec->values[first_kept * nch + (size_t)in.t] < t0_s)
        first_kept++;
    size_t span = kend - first_kept, step = span > DERIVED_SERIES_MAX ? (span + DERIVED_SERIES_MAX - 1) /
                                                                           DERIVED_SERIES_MAX
                                                                     : 1;
    for (size_t f = k; f < kend; f++) {
        memcpy(row, &rec->values[f * nch], nch * sizeof row[0]);
        if (f == k) {
            lesson_derived_begin(&d, row, plan, &l->exercises[ex].around);
        } else
            lesson_derived_update(&d, row);
        if (f >= first_kept && (f - first_kept) % step == 0 && out->n < DERIVED_SERIES_MAX) {
            out->t_s[out->n] = row[in.t];
            out->v[out->n] = row[nch + (size_t)di];
            out->n++;
        }
    }
    return out->n > 0;
}

/* The first time any exercise starts after t_s (HUGE_VAL: none). */
static double next_start(const rec_data *rec, double t_s)
{
    double next = HUGE_VAL;
    for (size_t j = 0; j < rec->nevents; j++) {
        const rec_event *ev = &rec->events[j];
        if (strncmp(ev->kind, "exercise-start", REC_NAME_MAX) == 0 && ev->t_s > t_s && ev->t_s < next)
            next = ev->t_s;
    }
    return next;
}

int derived_leg_flown(const rec_data *rec, const lesson *l, int ex, leg_flown *out)
{
    out->plan_heading_deg = out->plan_gs_kt = out->plan_min = NAN;
    out->flown_min = out->eta_error_min = out->widest_xtk_nm = out->fuel_used_kg = NAN;
    out->flew = 0;
    if (!lesson_exercise_leg(l, ex) && !lesson_exercise_diversion(l, ex))
        return 0;
    lesson_derived_inputs in;
    size_t k;
    double start;
    if (!replay_start(rec, ex, -HUGE_VAL, &in, &k, &start))
        return 0;
    const size_t nch = (size_t)rec->nch;
    const double until = next_start(rec, start);
    int fuel = -1;
    for (int i = 0; i < rec->nch; i++)
        if (strncmp(rec->ch[i].name, "fuel-kg", REC_NAME_MAX) == 0)
            fuel = i;
    const double fuel0 = fuel >= 0 ? rec->values[k * nch + (size_t)fuel] : NAN;
    lesson_derived d;
    lesson_derived_init(&d, rec->nch, &in);
    lesson_leg called;
    const lesson_leg *plan = derived_leg_plan(rec, l, ex, start, &called);
    double row[DERIVED_MAX_CHANNELS + LESSON_NDERIVED];
    for (size_t f = k; f < rec->nframes && rec->values[f * nch + (size_t)in.t] < until; f++) {
        memcpy(row, &rec->values[f * nch], nch * sizeof row[0]);
        if (f == k) {
            lesson_derived_begin(&d, row, plan, NULL);
            if (!d.leg) /* a diversion from nowhere known */
                return 0;
            out->leg = *d.leg;
            out->flew = 1;
            out->plan_heading_deg = d.plan_heading_deg;
            out->plan_gs_kt = d.plan_gs_kt;
            if (d.plan_gs_kt > 0.0)
                out->plan_min = (d.leg->length_nm - d.along0_nm) / d.plan_gs_kt * 60.0;
        } else {
            lesson_derived_update(&d, row);
        }
        double xtk = row[LESSON_CH_XTK(nch)];
        if (isfinite(xtk) && !(fabs(xtk) <= fabs(out->widest_xtk_nm)))
            out->widest_xtk_nm = xtk;
        if (row[LESSON_CH_TO_GO(nch)] <= 0.0) { /* the checkpoint abeam: arrived */
            out->flown_min = row[LESSON_CH_EX_TIME(nch)] / 60.0;
            out->eta_error_min = row[LESSON_CH_ETA_ERR(nch)];
            if (fuel >= 0)
                out->fuel_used_kg = fuel0 - row[fuel];
            break;
        }
    }
    return 1;
}
