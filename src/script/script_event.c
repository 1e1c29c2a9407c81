/*
 * script_event.c - runs the events of a JSBSim script at one instant: the
 * trigger-once / persistent / continuous logic, delays, step, ramp and
 * exponential moves, and notifications.  See script_event.h for the rules.
 * Reference: JSBSim src/input_output/FGScript.cpp (RunScript); the
 * notification text follows its console format "NAME (Event N) executed
 * at time: T" with values printed to 6 significant digits.
 */
#include "script/script_event.h"

#include "expr/func.h"
#include "fdm/condition.h"

#include <math.h>
#include <stdio.h>

/* Captures start values and targets when an event triggers. */
static void trigger(sev_event *e, double *v, double t_s, const sev_hooks *h)
{
    for (int i = 0; i < e->nsets; i++) {
        sev_set *s = &e->sets[i];
        s->start_value = v[s->slot];
        if (s->func)
            s->value = h->func(h->user, s->func, v);
        s->target = s->type == SEV_DELTA ? s->start_value + s->value : s->value;
        if (!s->transiting)
            e->moving++;
        s->transiting = 1;
        /* As in JSBSim, the start time is only (re)set by events that
         * have actions. */
        e->start_s = t_s + e->delay_s;
    }
}

static void arrive(sev_event *e, sev_set *s)
{
    s->transiting = 0;
    e->moving--;
}

/* The value a transiting <set> writes `elapsed_s` after its start. */
static double move(sev_event *e, sev_set *s, double elapsed_s, double *v, const sev_hooks *h)
{
    double span = s->target - s->start_value;
    switch (s->action) {
    case SEV_RAMP:
        if (elapsed_s <= s->tc_s)
            return elapsed_s / s->tc_s * span + s->start_value;
        if (!e->continuous)
            arrive(e, s);
        return s->target;
    case SEV_EXP:
        return (1.0 - exp(-elapsed_s / s->tc_s)) * span + s->start_value;
    case SEV_STEP:
    default:
        if (!e->continuous) {
            arrive(e, s);
            return s->target;
        }
        return s->func ? h->func(h->user, s->func, v) : s->target;
    }
}

static void notify(const sev_event *e, int index, double *v, double t_s, const sev_hooks *h)
{
    char line[512];
    snprintf(line, sizeof line, "%s (Event %d) executed at time: %g", e->name ? e->name : "", index, t_s);
    h->line(h->user, line);
    if (e->description && e->description[0]) {
        snprintf(line, sizeof line, "    %s", e->description);
        h->line(h->user, line);
    }
    for (int j = 0; j < e->nitems; j++) {
        const sev_notify_item *it = &e->items[j];
        double x = it->applied ? jfunc_eval(it->applied, v, NULL)
                               : (h->value ? h->value(h->user, it->slot, v) : v[it->slot]);
        snprintf(line, sizeof line, "    %s = %g", it->caption, x);
        h->line(h->user, line);
    }
}

/* The condition at values v: the gate first, in place (JSBSim scripts
 * mostly wait on simulation/sim-time-sec), then the host's. */
static int condition_holds(const sev_event *e, const double *v, const sev_hooks *h)
{
    if (e->gated) {
        if (!cond_compare(e->gate_op, v[e->gate_slot], e->gate_value))
            return 0;
        if (e->gate_alone)
            return 1;
    }
    return h->cond(h->user, e->cond, v);
}

/* Whether every event not yet spent waits untriggered on a gate that a
 * growing v[slot] opens (>= or >), and the least of their thresholds. */
static void find_wake(const sev_event *ev, int n, sev_wake *wake)
{
    wake->slot = -1;
    int slot = -1;
    double least = INFINITY;
    for (int k = 0; k < n; k++) {
        const sev_event *e = &ev[k];
        if (e->spent)
            continue;
        if (e->triggered || !e->gated || (e->gate_op != COND_GE && e->gate_op != COND_GT) ||
            (slot >= 0 && e->gate_slot != slot) || !(e->gate_value == e->gate_value))
            return;
        slot = e->gate_slot;
        least = e->gate_value < least ? e->gate_value : least;
    }
    if (slot >= 0) {
        wake->slot = slot;
        wake->value = least;
    }
}

void sev_run(sev_event *ev, int n, double *v, double t_s, const sev_hooks *h, sev_wake *wake)
{
    /* asleep: every gate shut, since v[slot] < T <= each threshold (a
     * comparison with a NaN opens no gate either, but wakes the events) */
    if (wake && wake->slot >= 0 && v[wake->slot] < wake->value)
        return;
    int changed = 0; /* an event triggered, re-armed or was spent */
    for (int k = 0; k < n; k++) {
        sev_event *e = &ev[k];
        if (e->spent)
            continue;
        /* A condition only reads the values, and once an event that
         * neither persists nor runs continuously has triggered, whatever
         * it gives changes nothing: it is not evaluated again. */
        int settled = e->triggered && !e->persistent && !e->continuous;
        if (settled) {
            /* stays triggered */
        } else if (condition_holds(e, v, h)) {
            if (!e->triggered) {
                trigger(e, v, t_s, h);
                changed = 1;
            }
            e->triggered = 1;
        } else if (e->persistent || e->continuous) {
            changed |= e->triggered;
            e->triggered = 0;
            e->notified = 0;
        }
        if (!e->triggered || t_s < e->start_s)
            continue;
        /* a spent event's sets have all arrived: nothing to look at */
        for (int i = 0; e->moving > 0 && i < e->nsets; i++) {
            sev_set *s = &e->sets[i];
            if (s->transiting)
                h->set(h->user, s->slot, move(e, s, t_s - e->start_s, v, h));
        }
        if (e->notify && !e->notified) {
            notify(e, k, v, t_s, h);
            e->notified = 1;
        }
        if (settled && e->moving == 0) { /* e->spent was 0 */
            e->spent = 1;
            changed = 1;
        }
    }
    /* what find_wake reads (spent, triggered) changes only with these */
    if (wake && (changed || wake->slot == SEV_WAKE_UNKNOWN))
        find_wake(ev, n, wake);
}

void sev_reset(sev_event *ev, int n, sev_wake *wake)
{
    for (int k = 0; k < n; k++) {
        ev[k].triggered = 0;
        ev[k].notified = 0;
        ev[k].start_s = 0.0;
        ev[k].spent = 0;
    }
    if (wake)
        wake->slot = SEV_WAKE_UNKNOWN;
}
