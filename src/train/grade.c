/*
 * grade.c - the grader (see grade.h for the marking rules).
 *
 * References: US Navy CNATRA grading scale (Not observed, Unsatisfactory,
 * Fair, Good, Excellent; sortie Pass / Marginal / Unsat), as summarised in
 * ../shared/reference/aircraft-and-training.md.
 */
#include "train/grade.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "train/item_mark.h"
#include "train/lesson_route.h"

typedef enum ex_status { EX_PENDING, EX_WAITING, EX_RUNNING, EX_COMPLETE, EX_INCOMPLETE, EX_SKIPPED } ex_status;

/* The state of one graded element. */
typedef struct element_state {
    int opened, closed;       /* window opened / closed                   */
    int in_excursion;         /* the last sample was outside the band     */
    int evaluated;            /* at least one sample graded               */
    int intervened;           /* open when the instructor took control     */
    int timed_out;            /* its exercise ran out of time before it was */
    int waived;               /* a diversion took its exercise away        */
    sheet_element out;
} element_state;

typedef struct exercise_state {
    ex_status status;
    double t_taken_s;         /* when the instructor first flew it (NAN)  */
    double t_wait_s, t_start_s, t_end_s;
    element_state *el;        /* one per lesson_grade                      */
} exercise_state;

struct grader {
    const lesson *l;
    int nch;
    char pilot[32];
    int current;              /* exercise index, nexercises when done      */
    double *v, *entry;        /* recorded + derived values                 */
    lesson_derived derived;
    double crash_t_s;         /* when the aircraft crashed (NAN: it did not) */
    int taken;                /* the instructor has taken control          */
    int first_taken_ex;       /* the first exercise taken over (-1: none)  */
    int divert_ex;            /* the lesson's diversion exercise (-1: none) */
    double divert_t_s;        /* when the instructor called it (NAN); once
                                 called it begins at the next sample,
                                 whatever its entry says                   */
    lesson_leg divert_plan;   /* its destination: the lesson's, or called  */
    exercise_state *ex;
    element_state *all;       /* every exercise's elements, in lesson order */
    int nel;
    /* the instructor's items, in lesson order: the marks given during
     * the sortie (item-mark events) and who gave them */
    sheet_element *items;
    int nitems;
};

int grader_peek_items(const grader *g, sheet_element *out, int max)
{
    for (int k = 0; k < g->nitems && k < max; k++)
        out[k] = g->items[k];
    return g->nitems;
}

/* An item-mark event (item_mark.h): the item it names takes its mark;
 * an event naming none of the lesson's items, or no mark, is ignored. */
static void item_mark_event(grader *g, double value, const char *text)
{
    int x, k;
    char by[ITEM_MARK_BY_MAX];
    if (!item_mark_value_ok(value) || item_mark_find(g->l, text, &x, &k, by))
        return;
    int flat = k;
    for (int i = 0; i < x; i++)
        flat += g->l->exercises[i].nitems;
    sheet_element *e = &g->items[flat];
    e->mark = (grade_mark)value;
    snprintf(e->marked_by, sizeof e->marked_by, "%s", e->mark == MARK_NOT_OBSERVED ? "" : by);
}

void grader_event_text(grader *g, double t_s, const char *kind, double value, const char *text)
{
    if (strcmp(kind, ITEM_MARK_EVENT) == 0)
        item_mark_event(g, value, text);
    else
        grader_event(g, t_s, kind, value);
}

/* Item k of exercise x on the sheet: the instructor's to mark, so no
 * band, window or measure, and not observed until marked. */
static void item_element(const lesson_exercise *x, int k, sheet_element *e)
{
    const lesson_item *it = &x->items[k];
    memset(e, 0, sizeof *e);
    snprintf(e->exercise, sizeof e->exercise, "%s", x->id);
    snprintf(e->name, sizeof e->name, "%s", it->id);
    snprintf(e->title, sizeof e->title, "%s", it->title);
    snprintf(e->source, sizeof e->source, "%s", it->source);
    e->lo = -HUGE_VAL, e->hi = HUGE_VAL;
    e->target = e->tolerance = e->t_start_s = e->t_end_s = e->worst = e->worst_t_s = e->ratio = NAN;
    e->mark = MARK_NOT_OBSERVED;
    e->by_instructor = 1;
}

grader *grader_create(const lesson *l, const char *const *names, int nch, const char *pilot)
{
    grader *g = calloc(1, sizeof *g);
    if (!g)
        return NULL;
    int nel = 0, nitems = 0;
    for (int i = 0; i < l->nexercises; i++) {
        nel += l->exercises[i].ngrades;
        nitems += l->exercises[i].nitems;
    }
    g->l = l;
    g->nel = nel;
    g->nitems = nitems;
    g->nch = nch;
    lesson_derived_inputs din = lesson_derived_inputs_find(names, nch);
    lesson_derived_init(&g->derived, nch, &din);
    snprintf(g->pilot, sizeof g->pilot, "%s", pilot ? pilot : "");
    g->v = calloc((size_t)nch + LESSON_NDERIVED, sizeof *g->v);
    g->entry = calloc((size_t)nch + LESSON_NDERIVED, sizeof *g->entry);
    g->ex = calloc((size_t)l->nexercises, sizeof *g->ex);
    g->all = calloc((size_t)nel + 1, sizeof *g->all);
    g->items = calloc((size_t)nitems + 1, sizeof *g->items);
    if (!g->v || !g->entry || !g->ex || !g->all || !g->items) {
        grader_destroy(g);
        return NULL;
    }
    element_state *next = g->all;
    for (int i = 0; i < l->nexercises; i++) {
        const lesson_exercise *e = &l->exercises[i];
        g->ex[i].el = next;
        for (int k = 0; k < e->ngrades; k++, next++) {
            const lesson_grade *lg = &e->grades[k];
            sheet_element *o = &next->out;
            snprintf(o->exercise, sizeof o->exercise, "%s", e->id);
            snprintf(o->name, sizeof o->name, "%s", lg->id);
            snprintf(o->title, sizeof o->title, "%s", lg->title);
            snprintf(o->channel, sizeof o->channel, "%s", lg->channel);
            snprintf(o->unit, sizeof o->unit, "%s", lg->unit);
            snprintf(o->source, sizeof o->source, "%s", lg->source);
            o->t_start_s = o->t_end_s = o->worst = o->worst_t_s = o->target = NAN;
            o->lo = -HUGE_VAL;
            o->hi = HUGE_VAL;
        }
    }
    sheet_element *item = g->items;
    for (int i = 0; i < l->nexercises; i++)
        for (int k = 0; k < l->exercises[i].nitems; k++)
            item_element(&l->exercises[i], k, item++);
    for (int i = 0; i < l->nexercises; i++)
        g->ex[i].t_taken_s = NAN;
    g->current = 0;
    g->crash_t_s = NAN;
    g->first_taken_ex = -1;
    g->divert_ex = lesson_diversion_exercise(l);
    g->divert_t_s = NAN;
    if (g->divert_ex >= 0)
        g->divert_plan = l->exercises[g->divert_ex].leg;
    g->ex[0].status = EX_PENDING;
    return g;
}

void grader_destroy(grader *g)
{
    if (!g)
        return;
    free(g->v);
    free(g->entry);
    free(g->ex);
    free(g->all);
    free(g->items);
    free(g);
}

/* The band of an element at its exercise's entry. */
static void element_band(const lesson_grade *lg, const double *entry, sheet_element *o)
{
    if (lg->ch < 0) /* not recorded (lesson_bind_recorded): not observed */
        return;
    (void)lesson_grade_band(lg, entry, &o->target, &o->lo, &o->hi);
    if (!isnan(lg->target.v)) {
        o->tolerance = lg->tolerance;
    } else if (!isnan(lg->min) && !isnan(lg->max)) {
        o->tolerance = 0.5 * (lg->max - lg->min);
    } else {
        double limit = isnan(lg->min) ? lg->max : lg->min;
        o->tolerance = !isnan(lg->tolerance) ? lg->tolerance : fmax(1.0, 0.1 * fabs(limit));
    }
}

/* Deviation ratio of value x: <= 1 inside the band. */
static double deviation_ratio(const lesson_grade *lg, const sheet_element *o, double x)
{
    if (isnan(x))
        return HUGE_VAL;
    if (!isnan(o->target)) {
        double d = lg->wrap360 ? lesson_angle_step_deg(o->target, x) : x - o->target;
        return fabs(d) / o->tolerance;
    }
    double excess = x < o->lo ? o->lo - x : x > o->hi ? x - o->hi : 0.0;
    return excess > 0.0 ? 1.0 + excess / o->tolerance : 0.0;
}

static void describe(const lesson_grade *lg, const sheet_element *o, double t, double x, char *buf, size_t n)
{
    const int k = sheet_decimals(o);
    if (!isnan(o->target)) {
        double d = lg->wrap360 ? lesson_angle_step_deg(o->target, x) : x - o->target;
        snprintf(buf, n, "t=%.1f s: %s %.*f %s, %.*f %s %s %.*f (tolerance %.*f)", t, lg->title, k, x, lg->unit, k,
                 fabs(d), lg->unit, d < 0 ? "below" : "above", k, o->target, k, o->tolerance);
    } else {
        snprintf(buf, n, "t=%.1f s: %s %.*f %s, beyond the limit %s %.*f", t, lg->title, k, x, lg->unit,
                 x < o->lo ? ">=" : "<=", k, x < o->lo ? o->lo : o->hi);
    }
}

/* One graded sample of an element. */
/* How close x is to (or how far beyond) a one-sided limit, in
 * tolerances: negative inside.  For a band with a centre, the ratio. */
static double closeness(const lesson_grade *lg, const sheet_element *o, double x)
{
    if (!isnan(o->target) || isnan(x))
        return deviation_ratio(lg, o, x);
    return isinf(o->hi) ? (o->lo - x) / o->tolerance : (x - o->hi) / o->tolerance;
}

static void element_take(element_state *s, const lesson_grade *lg, double t, double x)
{
    sheet_element *o = &s->out;
    double r = deviation_ratio(lg, o, x);
    /* the worst moment: furthest from the centre, or nearest a limit */
    if (!s->evaluated || closeness(lg, o, x) > closeness(lg, o, o->worst) || (isnan(o->worst) && !isnan(x))) {
        o->ratio = r;
        o->worst = x;
        o->worst_t_s = t;
    }
    s->evaluated = 1;
    if (r > 1.0) {
        if (!s->in_excursion) {
            o->nexcursions++;
            if (o->ndeductions < SHEET_MAX_DEDUCTIONS) {
                sheet_deduction *d = &o->deductions[o->ndeductions++];
                d->t_s = t;
                d->measured = x;
                describe(lg, o, t, x, d->text, sizeof d->text);
            }
        } else if (o->nexcursions <= SHEET_MAX_DEDUCTIONS) {
            /* keep the worst moment of the current excursion */
            sheet_deduction *d = &o->deductions[o->ndeductions - 1];
            if (deviation_ratio(lg, o, x) > deviation_ratio(lg, o, d->measured)) {
                d->t_s = t;
                d->measured = x;
                describe(lg, o, t, x, d->text, sizeof d->text);
            }
        }
        s->in_excursion = 1;
    } else {
        s->in_excursion = 0;
    }
}

/* Exercise i's leg: a diversion's to the destination called. */
static const lesson_leg *leg_of(const grader *g, int i)
{
    return i == g->divert_ex ? &g->divert_plan : &g->l->exercises[i].leg;
}

static void exercise_begin(grader *g, int i, double t)
{
    exercise_state *es = &g->ex[i];
    const lesson_exercise *e = &g->l->exercises[i];
    es->status = EX_RUNNING;
    es->t_start_s = t;
    lesson_derived_begin(&g->derived, g->v, leg_of(g, i), &e->around);
    memcpy(g->entry, g->v, ((size_t)g->nch + LESSON_NDERIVED) * sizeof *g->v);
    for (int k = 0; k < e->ngrades; k++)
        element_band(&e->grades[k], g->entry, &es->el[k].out);
}

/* A deduction that must be listed whatever came before (the instructor's
 * take-over, the time running out): the next slot, or the last one when
 * all are taken.  Its text is the caller's to write. */
static sheet_deduction *last_word(sheet_element *o, double t, double measured)
{
    int at = o->ndeductions < SHEET_MAX_DEDUCTIONS ? o->ndeductions++ : SHEET_MAX_DEDUCTIONS - 1;
    sheet_deduction *d = &o->deductions[at];
    d->t_s = t;
    d->measured = measured;
    return d;
}

/* An element its exercise ran out of time for (max-s passed before the
 * exercise's completion) and never graded: the trainee did not fly what it
 * asks for, which is Unsatisfactory, not "not observed" (CNATRA keeps that
 * for what circumstances prevented).  An element graded at the end is
 * taken at the moment time ran out, so the sheet shows where the aircraft
 * was; an event's (a touch-down's) has no value. */
static void element_timed_out(element_state *s, const lesson_grade *lg, double max_s, double t, double x)
{
    sheet_element *o = &s->out;
    if (lg->at == LAT_END) {
        s->opened = 1;
        o->t_start_s = t;
        element_take(s, lg, t, x);
    }
    s->timed_out = 1;
    sheet_deduction *d = last_word(o, t, lg->at == LAT_END ? x : NAN);
    snprintf(d->text, sizeof d->text, "t=%.1f s: the exercise did not complete within its %.0f s", t, max_s);
}

static void exercise_end(grader *g, int i, double t, int complete)
{
    exercise_state *es = &g->ex[i];
    const lesson_exercise *e = &g->l->exercises[i];
    es->status = complete ? EX_COMPLETE : EX_INCOMPLETE;
    es->t_end_s = t;
    for (int k = 0; k < e->ngrades; k++) {
        element_state *s = &es->el[k];
        const lesson_grade *lg = &e->grades[k];
        if (lg->at == LAT_END && complete && lg->ch >= 0 && !g->taken) {
            s->opened = 1;
            s->out.t_start_s = t;
            element_take(s, lg, t, g->v[lg->ch]);
        }
        if (!complete && !g->taken && !s->evaluated && !s->intervened && lg->ch >= 0)
            element_timed_out(s, lg, e->max_s, t, g->v[lg->ch]);
        if (s->opened && !s->closed) {
            s->closed = 1;
            s->out.t_end_s = t;
        }
    }
    g->current = i + 1;
}

/* Exercise i runs under the instructor's hands from t: each of its
 * elements not yet closed is the trainee's no longer. */
static void exercise_taken(grader *g, int i, double t)
{
    exercise_state *es = &g->ex[i];
    const lesson_exercise *e = &g->l->exercises[i];
    if (!isnan(es->t_taken_s) || e->ngrades == 0)
        return;
    es->t_taken_s = t;
    if (g->first_taken_ex < 0)
        g->first_taken_ex = i;
    for (int k = 0; k < e->ngrades; k++) {
        element_state *s = &es->el[k];
        if (s->closed)
            continue;
        s->intervened = 1;
        s->in_excursion = 0; /* an excursion after the hand-back is a new one */
        sheet_element *o = &s->out;
        sheet_deduction *d = last_word(o, t, NAN);
        snprintf(d->text, sizeof d->text, "t=%.1f s: the instructor took control", t);
    }
}

/* Grades the running exercise's elements on this sample. */
static void exercise_sample(grader *g, int i, double t)
{
    exercise_state *es = &g->ex[i];
    const lesson_exercise *e = &g->l->exercises[i];
    for (int k = 0; k < e->ngrades; k++) {
        element_state *s = &es->el[k];
        const lesson_grade *lg = &e->grades[k];
        if (lg->at == LAT_END || s->closed || lg->ch < 0)
            continue;
        if (lg->at == LAT_EVENT)
            continue;
        int from = lg->from_captured ? deviation_ratio(lg, &s->out, g->v[lg->ch]) <= 0.5
                                     : lesson_cond_holds(&lg->from, g->v, g->entry);
        if (!s->opened && from) {
            s->opened = 1;
            s->out.t_start_s = t;
        }
        if (!s->opened)
            continue;
        if (lg->until.nclauses > 0 && lesson_cond_holds(&lg->until, g->v, g->entry)) {
            s->closed = 1;
            s->out.t_end_s = t;
            continue;
        }
        element_take(s, lg, t, g->v[lg->ch]);
    }
}

int grader_sample(grader *g, const double *v)
{
    const lesson *l = g->l;
    double t = v[0];
    memcpy(g->v, v, (size_t)g->nch * sizeof *v);
    int changed = 0;
    while (g->current < l->nexercises) {
        int i = g->current;
        exercise_state *es = &g->ex[i];
        const lesson_exercise *e = &l->exercises[i];
        if (es->status == EX_PENDING) {
            es->status = EX_WAITING;
            es->t_wait_s = t;
        }
        if (es->status == EX_WAITING) {
            /* before the exercise, "entry" means the value now */
            lesson_derived_begin(&g->derived, g->v, leg_of(g, i), &e->around);
            if ((i == g->divert_ex && !isnan(g->divert_t_s)) || lesson_cond_holds(&e->entry, g->v, g->v)) {
                exercise_begin(g, i, t);
                changed = 1;
            } else if (t - es->t_wait_s >= e->entry_timeout_s) {
                es->status = EX_SKIPPED;
                g->current = i + 1;
                changed = 1;
                continue;
            } else {
                return changed;
            }
        }
        /* running */
        lesson_derived_update(&g->derived, g->v);
        if (g->taken)
            exercise_taken(g, i, t);
        else
            exercise_sample(g, i, t);
        if (lesson_cond_holds(&e->complete, g->v, g->entry)) {
            exercise_end(g, i, t, 1);
            changed = 1;
        } else if (t - es->t_start_s >= e->max_s) {
            exercise_end(g, i, t, 0);
            changed = 1;
        }
        return changed;
    }
    return changed;
}

/* Exercise i's elements not graded yet are taken away by the diversion
 * called at t: not observed, and not held against the trainee. */
static void exercise_waive(grader *g, int i, double t)
{
    exercise_state *es = &g->ex[i];
    const lesson_exercise *e = &g->l->exercises[i];
    for (int k = 0; k < e->ngrades; k++) {
        element_state *s = &es->el[k];
        if (s->opened && !s->closed) {
            s->closed = 1;
            s->out.t_end_s = t;
        }
        if (s->evaluated || s->intervened || s->timed_out)
            continue;
        s->waived = 1;
        sheet_deduction *d = last_word(&s->out, t, NAN);
        snprintf(d->text, sizeof d->text, "t=%.1f s: not flown: the instructor called a diversion", t);
    }
}

/* The instructor's diversion to checkpoint `to` at t: the exercise flown
 * stops where it is (what it graded stands), the ones between are not
 * flown, and the diversion begins at the next sample. */
static void divert(grader *g, double t, double to)
{
    const lesson *l = g->l;
    if (g->divert_ex < 0 || g->current > g->divert_ex ||
        (g->current == g->divert_ex && g->ex[g->current].status == EX_RUNNING) ||
        !lesson_leg_divert_plan(&g->divert_plan, &l->route, to))
        return;
    for (int i = g->current; i < g->divert_ex; i++) {
        exercise_state *es = &g->ex[i];
        if (es->status == EX_RUNNING) {
            es->status = EX_COMPLETE;
            es->t_end_s = t;
        } else {
            es->status = EX_SKIPPED;
        }
        exercise_waive(g, i, t);
    }
    g->current = g->divert_ex;
    g->ex[g->current].status = EX_WAITING;
    g->ex[g->current].t_wait_s = t;
    g->divert_t_s = t;
}

void grader_event(grader *g, double t_s, const char *kind, double value)
{
    if (strcmp(kind, "divert") == 0) {
        divert(g, t_s, value);
        return;
    }
    if (strcmp(kind, "crash") == 0 && isnan(g->crash_t_s))
        g->crash_t_s = t_s;
    if (strcmp(kind, "takeover") == 0) {
        g->taken = value > 0.5;
        if (g->taken && g->current < g->l->nexercises && g->ex[g->current].status == EX_RUNNING)
            exercise_taken(g, g->current, t_s);
        return;
    }
    if (g->taken) /* the instructor's flying is not graded */
        return;
    if (g->current >= g->l->nexercises)
        return;
    int i = g->current;
    exercise_state *es = &g->ex[i];
    if (es->status != EX_RUNNING)
        return;
    const lesson_exercise *e = &g->l->exercises[i];
    for (int k = 0; k < e->ngrades; k++) {
        element_state *s = &es->el[k];
        /* the last sample at or before the event: at a touch-down, the
         * descent before the gear absorbs it */
        if (e->grades[k].at == LAT_EVENT && !s->opened && e->grades[k].ch >= 0 &&
            strcmp(e->grades[k].event, kind) == 0) {
            double t = g->v[0];
            s->opened = s->closed = 1;
            s->out.t_start_s = s->out.t_end_s = t;
            element_take(s, &e->grades[k], t, g->v[e->grades[k].ch]);
        }
    }
}

int grader_exercise(const grader *g, grader_phase *phase)
{
    if (g->current >= g->l->nexercises) {
        if (phase)
            *phase = GPHASE_DONE;
        return -1;
    }
    if (phase)
        *phase = g->ex[g->current].status == EX_RUNNING ? GPHASE_RUNNING : GPHASE_WAITING;
    return g->current;
}

int grader_done(const grader *g)
{
    return g->current >= g->l->nexercises;
}

const double *grader_values(const grader *g)
{
    return g->v;
}

const lesson_leg *grader_leg(const grader *g)
{
    return grader_done(g) ? NULL : g->derived.leg;
}

int grader_point(const grader *g, double *lat_deg, double *lon_deg)
{
    if (grader_done(g) || !g->derived.has_point)
        return 0;
    *lat_deg = g->derived.point_lat_deg;
    *lon_deg = g->derived.point_lon_deg;
    return 1;
}

const lesson_leg *grader_leg_plan(const grader *g, int i)
{
    return i >= 0 && i < g->l->nexercises ? leg_of(g, i) : NULL;
}

double grader_diverted_at(const grader *g)
{
    return g->divert_t_s;
}

static grade_mark mark_of(const element_state *s)
{
    if (s->intervened || s->timed_out)
        return MARK_UNSAT;
    if (!s->evaluated)
        return MARK_NOT_OBSERVED;
    double r = s->out.ratio;
    return r <= 0.5 ? MARK_EXCELLENT : r <= 0.75 ? MARK_GOOD : r <= 1.0 ? MARK_FAIR : MARK_UNSAT;
}

/* The elements are g->all[0 .. nel - 1], in lesson order (grader_create
 * hands each exercise its run of them). */
int grader_peek(const grader *g, grade_mark *marks, double *ratios, int max)
{
    for (int n = 0; n < g->nel && n < max; n++) {
        const element_state *s = &g->all[n];
        if (marks)
            marks[n] = mark_of(s);
        if (ratios)
            ratios[n] = s->evaluated ? s->out.ratio : NAN;
    }
    return g->nel;
}

int grader_peek_element(const grader *g, int i, sheet_element *out)
{
    if (i < 0 || i >= g->nel)
        return 0;
    const element_state *s = &g->all[i];
    *out = s->out;
    out->mark = mark_of(s);
    if (!s->closed)
        out->t_end_s = NAN;
    return 1;
}

int grader_peek_elements(const grader *g, sheet_element *out, int max)
{
    for (int n = 0; n < g->nel && n < max; n++)
        grader_peek_element(g, n, &out[n]);
    return g->nel;
}

int grader_finish(grader *g, grade_sheet *out)
{
    const lesson *l = g->l;
    memset(out, 0, sizeof *out);
    snprintf(out->lesson, sizeof out->lesson, "%s", l->id);
    snprintf(out->title, sizeof out->title, "%s", l->title);
    snprintf(out->aircraft, sizeof out->aircraft, "%s", l->aircraft);
    snprintf(out->pilot, sizeof out->pilot, "%s", g->pilot);
    const int n = g->nel;
    out->elements = calloc((size_t)(n + g->nitems) + 1, sizeof *out->elements);
    if (!out->elements)
        return SAQR_ENOMEM;
    int unsat = 0, unobserved = 0, waived = 0;
    double worst_unsat = 0.0;
    const char *first_bad = NULL, *first_unobserved = NULL;
    int first_timed_out = -1;
    for (int i = 0; i < l->nexercises; i++) {
        exercise_state *es = &g->ex[i];
        if (es->status == EX_INCOMPLETE && first_timed_out < 0)
            first_timed_out = i;
        for (int k = 0; k < l->exercises[i].ngrades; k++) {
            element_state *s = &es->el[k];
            if (s->opened && !s->closed && es->status == EX_RUNNING)
                s->out.t_end_s = g->v[0];
            s->out.mark = mark_of(s);
            if (s->out.mark == MARK_NOT_OBSERVED && s->waived) {
                s->out.t_start_s = s->out.t_end_s = NAN;
                waived++;
            } else if (s->out.mark == MARK_NOT_OBSERVED) {
                s->out.t_start_s = s->out.t_end_s = NAN;
                unobserved++;
                if (!first_unobserved)
                    first_unobserved = s->out.title;
            } else if (s->out.mark == MARK_UNSAT) {
                unsat++;
                if (s->evaluated)
                    worst_unsat = fmax(worst_unsat, s->out.ratio);
                if (!first_bad)
                    first_bad = s->out.title;
            }
            out->elements[out->nelements++] = s->out;
        }
    }
    /* the instructor's items last: element i of the sheet stays element i
     * of the running marks (grader_peek) the station has shown */
    for (int k = 0; k < g->nitems; k++)
        out->elements[out->nelements++] = g->items[k];
    if (!isnan(g->crash_t_s)) {
        out->result = SORTIE_UNSAT;
        snprintf(out->summary, sizeof out->summary, "Crashed at t=%.1f s; %d element(s) not observed, %d unsatisfactory.",
                 g->crash_t_s, unobserved, unsat);
    } else if (g->first_taken_ex >= 0) {
        out->result = SORTIE_UNSAT;
        snprintf(out->summary, sizeof out->summary,
                 "The instructor took control in \"%s\" at t=%.1f s; %d element(s) unsatisfactory, %d not observed.",
                 l->exercises[g->first_taken_ex].title, g->ex[g->first_taken_ex].t_taken_s, unsat, unobserved);
    } else if (first_timed_out >= 0) {
        out->result = SORTIE_UNSAT;
        snprintf(out->summary, sizeof out->summary,
                 "\"%s\" did not complete within its %.0f s; %d element(s) unsatisfactory, %d not observed.",
                 l->exercises[first_timed_out].title, l->exercises[first_timed_out].max_s, unsat, unobserved);
    } else if (unobserved > 0 && unsat == 0) {
        /* ended before it was all flown, with nothing flown below the
         * standard: no grade of the trainee's flying either way */
        out->result = SORTIE_INCOMPLETE;
        snprintf(out->summary, sizeof out->summary,
                 "Incomplete: %d element(s) not observed (first: %s); what was flown was to standard.", unobserved,
                 first_unobserved);
    } else if (unobserved > 0) {
        out->result = SORTIE_UNSAT;
        snprintf(out->summary, sizeof out->summary, "%d element(s) not observed (first: %s); %d unsatisfactory.",
                 unobserved, first_unobserved, unsat);
    } else if (unsat == 0 && waived > 0) {
        out->result = SORTIE_PASS;
        snprintf(out->summary, sizeof out->summary,
                 "All %d elements flown to standard; %d not flown after the diversion called at t=%.1f s.",
                 n - waived, waived, g->divert_t_s);
    } else if (unsat == 0) {
        out->result = SORTIE_PASS;
        snprintf(out->summary, sizeof out->summary, "All %d elements to standard.", n);
    } else if (unsat == 1 && worst_unsat <= 1.5) {
        out->result = SORTIE_MARGINAL;
        snprintf(out->summary, sizeof out->summary, "One element unsatisfactory (%s), within 1.5 tolerances.",
                 first_bad);
    } else {
        out->result = SORTIE_UNSAT;
        snprintf(out->summary, sizeof out->summary, "%d element(s) unsatisfactory (first: %s), worst %.1f tolerances.",
                 unsat, first_bad, worst_unsat);
    }
    sheet_apply_item_marks(out);
    return SAQR_OK;
}
