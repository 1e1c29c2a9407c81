/*
 * qtg_engine.c - engine response to a slammed throttle, standing on the
 * runway with the brakes on.
 *
 * The engine is run for 20 s at the setting it will be slammed to, which
 * gives the steady value it will go to, then for 20 s at the setting it
 * starts from; then the throttle is moved in one frame.  The figure is
 * the time until the watched property (the engine's shaft power,
 * propulsion/engine[0]/power-hp, unless the test names another) has made
 * 90% of its change, interpolated within the frame.  Acceleration goes
 * from idle (throttle 0) to take-off power (the test's throttle=, full
 * by default), deceleration back.
 * Reference: 14 CFR Part 60 Appendix B, Table B2B (FTD level 5, small
 * single-engine reciprocating airplane), tests 1.f.1 (acceleration, idle
 * to take-off power) and 1.f.2 (deceleration, take-off power to idle),
 * 2-4 s each.
 */
#include <math.h>
#include <stdio.h>

#include "qtg/qtg_measure.h"

#define SETTLE_S 20.0
#define RESPONSE_S 20.0
#define DEFAULT_PROPERTY "propulsion/engine[0]/power-hp"

/* `seconds` at throttle `thr`, brakes on, wings and nose as they are;
 * non-zero when the simulation failed. */
static int run_at(qtg_craft *c, double thr, double seconds)
{
    double dt = saqr_fdm_dt(c->f);
    for (int i = 0; i < (int)(seconds / dt + 0.5); i++) {
        craft_set(c, c->throttle, thr);
        craft_set(c, c->brake_l, 1.0);
        craft_set(c, c->brake_r, 1.0);
        if (craft_step(c))
            return 1;
    }
    return 0;
}

static double engine_response(qtg_craft *c, const qtg_test *t, qtg_result *r, int accel)
{
    const char *name = t->property[0] ? t->property : DEFAULT_PROPERTY;
    int y = saqr_fdm_property(c->f, name);
    if (y < 0) {
        snprintf(r->note, sizeof r->note, "%.100s: the aircraft has no property %.100s", t->where, name);
        return NAN;
    }
    if (c->wow < 0 || craft_get(c, c->wow) == 0.0) {
        snprintf(r->note, sizeof r->note, "the aircraft does not start on the ground");
        return NAN;
    }
    double full = isnan(t->throttle) ? 1.0 : t->throttle;
    double from = accel ? 0.0 : full, to = accel ? full : 0.0, dt = saqr_fdm_dt(c->f);
    if (run_at(c, to, SETTLE_S))
        return NAN;
    double y_to = craft_get(c, y);
    if (run_at(c, from, SETTLE_S))
        return NAN;
    double y_from = craft_get(c, y), target = y_from + 0.9 * (y_to - y_from), last = y_from;
    if (!(fabs(y_to - y_from) > 0.0)) {
        snprintf(r->note, sizeof r->note, "%.120s is %g at both throttle settings", name, y_to);
        return NAN;
    }
    qtg_trace_labels(r, "time after the throttle moved (s)", name);
    qtg_trace_add(r, 0.0, y_from);
    for (int i = 1; i <= (int)(RESPONSE_S / dt + 0.5); i++) {
        if (run_at(c, to, dt))
            return NAN;
        double v = craft_get(c, y);
        if (i % 6 == 0)
            qtg_trace_add(r, i * dt, v);
        if ((v - target) * (y_to - y_from) >= 0.0) {
            /* within the frame, linearly */
            double s = (target - last) / (v - last);
            double when = (i - 1 + s) * dt;
            snprintf(r->note, sizeof r->note, "throttle %.2f -> %.2f on the runway, brakes on: %.40s %.1f -> %.1f, "
                     "90%% of the change after %.2f s", from, to, name, y_from, y_to, when);
            return when;
        }
        last = v;
    }
    snprintf(r->note, sizeof r->note, "%.100s did not make 90%% of its change (%.1f -> %.1f) in %.0f s", name, y_from,
             y_to, RESPONSE_S);
    return NAN;
}

double qtg_measure_engine(qtg_craft *c, const qtg_test *t, qtg_result *r)
{
    switch (t->kind) {
    case QTG_ENGINE_ACCEL: return engine_response(c, t, r, 1);
    case QTG_ENGINE_DECEL: return engine_response(c, t, r, 0);
    default: return NAN;
    }
}
