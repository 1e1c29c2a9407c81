/*
 * qtg_run.c - one test flight of the plan: a fresh aircraft for each test
 * (no state carried between tests), the measurement for its kind, and the
 * comparison with its acceptance band.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "qtg/qtg_measure.h"

static int is_field(qtg_kind k)
{
    return k == QTG_TAKEOFF_ROLL || k == QTG_TAKEOFF_50FT || k == QTG_LANDING_ROLL;
}

static int is_perf(qtg_kind k)
{
    return k == QTG_BEST_CLIMB || k == QTG_SERVICE_CEILING;
}

static int is_engine(qtg_kind k)
{
    return k == QTG_ENGINE_ACCEL || k == QTG_ENGINE_DECEL;
}

static int is_lateral(qtg_kind k)
{
    return k == QTG_SPIRAL_STABILITY || k == QTG_RUDDER_RESPONSE || k == QTG_SIDESLIP_BANK ||
           k == QTG_SIDESLIP_BETA || k == QTG_SIDESLIP_AILERON;
}

/* A sweep's points in order of x, for the plot (a few dozen points). */
static void sort_trace(qtg_result *r)
{
    for (int i = 1; i < r->ntrace; i++) {
        double x = r->trace_x[i], y = r->trace_y[i];
        int j = i - 1;
        for (; j >= 0 && r->trace_x[j] > x; j--) {
            r->trace_x[j + 1] = r->trace_x[j];
            r->trace_y[j + 1] = r->trace_y[j];
        }
        r->trace_x[j + 1] = x;
        r->trace_y[j + 1] = y;
    }
}

saqr_status qtg_run_test(const char *root, const qtg_plan *plan, const qtg_test *t, qtg_result *r)
{
    memset(r, 0, sizeof *r);
    r->test = t;
    r->measured = NAN;
    qtg_band(t, &r->lo, &r->hi);
    /* engines are run up standing on the runway, brakes on */
    int ground = is_field(t->kind) || is_engine(t->kind);
    if (ground && !plan->ground_initfile[0]) {
        snprintf(r->note, sizeof r->note, "%s: a take-off, landing or engine test needs the plan's ground-initfile=",
                 t->where);
        return SAQR_EINVAL;
    }
    qtg_craft c;
    saqr_status st = craft_open(&c, root, plan, t, ground, r->note, sizeof r->note);
    if (st != SAQR_OK)
        return st;
    /* a property the plan names is input: one the aircraft lacks is the
     * plan's error, as a <set> of one is */
    if (t->property[0] && saqr_fdm_property(c.f, t->property) < 0) {
        snprintf(r->note, sizeof r->note, "%.100s: the aircraft has no property %.100s", t->where, t->property);
        craft_close(&c);
        return SAQR_EINVAL;
    }
    if (is_field(t->kind))
        r->measured = qtg_measure_field(&c, t, r);
    else if (is_engine(t->kind))
        r->measured = qtg_measure_engine(&c, t, r);
    else if (is_lateral(t->kind))
        r->measured = qtg_measure_lateral(&c, t, r);
    else if (t->kind == QTG_SPIN_RECOVERY)
        r->measured = qtg_measure_spin(&c, t, r);
    else if (is_perf(t->kind)) {
        r->measured = qtg_measure_perf(&c, t, r);
        sort_trace(r);
    }
    else
        r->measured = qtg_measure_dyn(&c, t, r);
    craft_close(&c);
    r->pass = !isnan(r->measured) && r->measured >= r->lo && r->measured <= r->hi;
    return SAQR_OK;
}
