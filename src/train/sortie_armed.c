/*
 * sortie_armed.c - malfunctions armed to come later (sortie_control.h,
 * sortie_arm_malfunction): a failure the instructor sets up before the
 * moment it is meant for - the engine at 400 ft on the climb-out, the
 * pitot in two minutes - as an instructor station's armed malfunctions
 * are (14 CFR Part 60's instructor facilities: malfunction insertion).
 * Checked once a frame before the step, with no allocation: a trigger
 * and a value per malfunction.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "train/sortie_ctl_util.h"

static const char *const trigger_names[TRIG_COUNT] = {NULL, "after-s", "agl-above-ft", "agl-below-ft",
                                                      "ias-above-kt"};

/* Each trigger's accepted values and how its event reads. */
static const struct {
    double lo, hi;
    const char *says; /* printf: the value */
} trigger_spec[TRIG_COUNT] = {
    [TRIG_AFTER_S] = {1.0, 3600.0, "in %g s"},
    [TRIG_AGL_ABOVE] = {0.0, 60000.0, "climbing through %g ft above the ground"},
    [TRIG_AGL_BELOW] = {0.0, 60000.0, "descending through %g ft above the ground"},
    [TRIG_IAS_ABOVE] = {0.0, 1000.0, "accelerating through %g kt"},
};

const char *sortie_trigger_name(sortie_trigger t)
{
    return (int)t > 0 && (int)t < TRIG_COUNT ? trigger_names[t] : NULL;
}

void sortie_trigger_range(sortie_trigger t, double *lo, double *hi)
{
    int ok = (int)t > 0 && (int)t < TRIG_COUNT;
    *lo = ok ? trigger_spec[t].lo : NAN;
    *hi = ok ? trigger_spec[t].hi : NAN;
}

int sortie_trigger_from_name(const char *name)
{
    for (int t = 1; name && t < TRIG_COUNT; t++)
        if (strcmp(name, trigger_names[t]) == 0)
            return t;
    return -1;
}

int sortie_arm_malfunction(sortie *s, sortie_malfunction m, sortie_trigger trig, double value, saqr_err *err)
{
    if ((int)m < 0 || (int)m >= MALF_COUNT)
        return err_set(err, SAQR_EINVAL, "malfunction %d does not exist (0..%d)", (int)m, MALF_COUNT - 1);
    const char *name = sortie_malfunction_name(m);
    if ((int)trig <= 0 || (int)trig >= TRIG_COUNT)
        return err_set(err, SAQR_EINVAL, "%s: trigger %d does not exist (1..%d)", name, (int)trig, TRIG_COUNT - 1);
    if (!(value >= trigger_spec[trig].lo && value <= trigger_spec[trig].hi))
        return err_set(err, SAQR_EINVAL, "%s: %s %g is outside %g..%g", name, trigger_names[trig], value,
                       trigger_spec[trig].lo, trigger_spec[trig].hi);
    if (sortie_malfunctions(s) >> m & 1u)
        return err_set(err, SAQR_EINVAL, "%s: already in, nothing to arm", name);
    saqr_status st = sortie_malfunction_possible(s, m, err);
    if (st)
        return st;
    sortie_ctl *c = &s->ctl;
    const double t = now_s(s);
    c->armed[m] = trig;
    c->armed_value[m] = trig == TRIG_AFTER_S ? t + value : value;
    c->armed_with[m] = value;
    char text[160];
    int n = snprintf(text, sizeof text, "%s, ", name);
    snprintf(text + n, sizeof text - (size_t)n, trigger_spec[trig].says, value);
    sortie_event(&s->fl, t, "malfunction-armed", value, text);
    return SAQR_OK;
}

sortie_trigger sortie_malfunction_armed(const sortie *s, sortie_malfunction m, double *value)
{
    if ((int)m < 0 || (int)m >= MALF_COUNT || s->ctl.armed[m] == TRIG_NONE) {
        if (value)
            *value = NAN;
        return TRIG_NONE;
    }
    if (value)
        *value = s->ctl.armed[m] == TRIG_AFTER_S ? fmax(0.0, s->ctl.armed_value[m] - now_s(s)) : s->ctl.armed_value[m];
    return s->ctl.armed[m];
}

double sortie_malfunction_armed_with(const sortie *s, sortie_malfunction m)
{
    if ((int)m < 0 || (int)m >= MALF_COUNT || s->ctl.armed[m] == TRIG_NONE)
        return NAN;
    return s->ctl.armed_with[m];
}

void sortie_armed_forget(sortie *s, sortie_malfunction m)
{
    if ((int)m >= 0 && (int)m < MALF_COUNT)
        s->ctl.armed[m] = TRIG_NONE;
}

/* Whether trigger `trig` at `value` holds now. */
static int trigger_holds(const sortie *s, sortie_trigger trig, double value)
{
    const sortie_ctl *c = &s->ctl;
    switch (trig) {
    case TRIG_AFTER_S: return now_s(s) >= value;
    case TRIG_AGL_ABOVE: return get(s, c->s_agl) >= value;
    case TRIG_AGL_BELOW: return get(s, c->s_agl) <= value;
    case TRIG_IAS_ABOVE: return get(s, c->s_vc) >= value;
    default: return 0;
    }
}

void sortie_armed_check(sortie *s)
{
    sortie_ctl *c = &s->ctl;
    for (int m = 0; m < MALF_COUNT; m++) {
        if (c->armed[m] == TRIG_NONE || !trigger_holds(s, c->armed[m], c->armed_value[m]))
            continue;
        c->armed[m] = TRIG_NONE;
        saqr_err e;
        /* it was possible when armed, and the aircraft has not changed */
        if (sortie_set_malfunction(s, (sortie_malfunction)m, 1, &e))
            sortie_event(&s->fl, now_s(s), "malfunction-refused", (double)m, e.msg);
    }
}
