/*
 * fcs_actuator.c - actuators of a JSBSim flight control system.
 *
 * actuator: the command passes, in this order, a first-order lag (Tustin,
 * coefficients recomputed when a property lag changes), a rate limit
 * (one value for both senses, or separate sense="incr"/"decr" values,
 * numbers or properties), a deadband, a hysteresis band, a bias and a
 * transport delay, then the clip.  Malfunction properties <name>/
 * malfunction/fail_zero, fail_hardover (drives to the clip limit on the
 * input's side) and fail_stuck (holds the last output); <name>/saturated
 * tells when the clipped output sits on a non-zero limit.  The lag, rate
 * limit and hysteresis pass their input through on the first run and
 * during a trim.
 * linear_actuator: JSBSim's multi-turn integrating actuator (module,
 * rate, hysteresis, versus, set/reset, gain, bias and an optional lag).
 * Reference: JSBSim src/models/flight_control/FGActuator.cpp,
 * FGLinearActuator.cpp.
 */
#include <math.h>
#include <string.h>

#include "fdm/fcs_internal.h"

/* --- actuator ------------------------------------------------------------ */

saqr_status fcs_actuator_load(jx_ctx *c, const xmlNode *el, fcs_comp *k)
{
    fcs_actuator *a = &k->u.act;
    if (fcs_child_number(c, el, "deadband_width", &a->deadband_width) ||
        fcs_child_number(c, el, "hysteresis_width", &a->hysteresis_width) ||
        fcs_child_number(c, el, "bias", &a->bias))
        return SAQR_EPARSE;
    for (xmlNode *r = jx_first(el, "rate_limit"); r; r = jx_next(r, "rate_limit")) {
        fcs_param p;
        if (fcs_param_load(c, r, NULL, &p))
            return SAQR_EPARSE;
        const char *sense = jx_attr(c, r, "sense");
        if (sense) {
            if (strncmp(sense, "incr", 4) == 0) {
                a->rate_incr = p;
                a->has_incr = 1;
            } else if (strncmp(sense, "decr", 4) == 0) {
                a->rate_decr = p;
                a->has_decr = 1;
            } else {
                jx_warn(c, r, "rate_limit sense \"%s\" ignored (incr or decr)", sense);
            }
        } else {
            a->rate_incr = a->rate_decr = p;
            a->has_incr = a->has_decr = 1;
        }
    }
    const xmlNode *lag = jx_first(el, "lag");
    if (lag) {
        if (fcs_param_load(c, lag, NULL, &a->lag))
            return SAQR_EPARSE;
        a->has_lag = 1;
    }
    a->fail_zero_slot = fcs_comp_subproperty(c, el, k, "malfunction/fail_zero", PROP_INPUT);
    a->fail_hardover_slot = fcs_comp_subproperty(c, el, k, "malfunction/fail_hardover", PROP_INPUT);
    a->fail_stuck_slot = fcs_comp_subproperty(c, el, k, "malfunction/fail_stuck", PROP_INPUT);
    a->saturated_slot = fcs_comp_subproperty(c, el, k, "saturated", PROP_PRODUCED | PROP_READONLY);
    if (a->fail_zero_slot < 0 || a->fail_hardover_slot < 0 || a->fail_stuck_slot < 0 ||
        a->saturated_slot < 0)
        return SAQR_EPARSE;
    return SAQR_OK;
}

static void lag_coefficients(fcs_actuator_state *a, double lag_val, double dt)
{
    a->lag_val = lag_val;
    fcs_lag_coefficients(lag_val, dt, &a->ca, &a->cb);
}

void fcs_actuator_set_dt(const fcs_comp *k, fcs_cstate *s, const double *v, double dt)
{
    if (k->u.act.has_lag)
        lag_coefficients(fcs_actuator_st(s), fcs_param_get(&k->u.act.lag, v), dt);
}

void fcs_actuator_run(const fcs_comp *k, fcs_cstate *s, const fcs_frame *fr)
{
    const fcs_actuator *a = &k->u.act;
    fcs_actuator_state *as = fcs_actuator_st(s);
    double *v = fr->v;
    double dt = fr->dt;
    s->input = fcs_param_get(&k->in[0], v);
    if (fr->trimming)
        as->initialized = 0;
    /* JSBSim's malfunction flags are booleans */
    if (v[a->fail_zero_slot] != 0.0)
        s->input = 0.0;
    if (v[a->fail_hardover_slot] != 0.0)
        s->input = s->input < 0.0 ? fcs_param_get(&k->clip_min, v) : fcs_param_get(&k->clip_max, v);
    s->output = s->input;
    if (v[a->fail_stuck_slot] != 0.0) {
        s->output = as->prev_output;
    } else {
        if (a->has_lag) {
            double in = s->output;
            if (as->initialized) {
                double lv = fcs_param_get(&a->lag, v);
                if (lv != as->lag_val)
                    lag_coefficients(as, lv, dt);
                s->output = as->ca * (in + as->prev_lag_in) + as->prev_lag_out * as->cb;
            }
            as->prev_lag_in = in;
            as->prev_lag_out = s->output;
        }
        if (a->has_incr || a->has_decr) {
            double in = s->output;
            if (as->initialized) {
                double delta = in - as->prev_rate;
                if (a->has_incr) {
                    double rl = fcs_param_get(&a->rate_incr, v);
                    if (delta > dt * rl)
                        s->output = as->prev_rate + rl * dt;
                }
                if (a->has_decr) {
                    double rl = -fcs_param_get(&a->rate_decr, v);
                    if (delta < dt * rl)
                        s->output = as->prev_rate + rl * dt;
                }
            }
            as->prev_rate = s->output;
        }
        if (a->deadband_width != 0.0) {
            double in = s->output, half = a->deadband_width / 2.0;
            s->output = in < -half ? in + half : (in > half ? in - half : 0.0);
        }
        if (a->hysteresis_width != 0.0) {
            double in = s->output;
            if (as->initialized) {
                if (in > as->prev_hyst)
                    s->output = fmax(as->prev_hyst, in - 0.5 * a->hysteresis_width);
                else if (in < as->prev_hyst)
                    s->output = fmin(as->prev_hyst, in + 0.5 * a->hysteresis_width);
            }
            as->prev_hyst = s->output;
        }
        if (a->bias != 0.0)
            s->output += a->bias;
        fcs_delay(&as->delay, s, fr->trimming);
    }
    as->prev_output = s->output;
    as->initialized = 1;
    fcs_clip(k, s, v);
    if (k->clip) {
        double cmax = fcs_param_get(&k->clip_max, v), cmin = fcs_param_get(&k->clip_min, v);
        v[a->saturated_slot] = ((s->output >= cmax && cmax != 0.0) || (s->output <= cmin && cmin != 0.0))
                                   ? 1.0 : 0.0;
    }
    fcs_set_output(k, s, v);
}

/* --- linear actuator ------------------------------------------------------ */

static saqr_status opt_param(jx_ctx *c, const xmlNode *el, const char *name, fcs_param *p, int *has)
{
    const xmlNode *e = jx_first(el, name);
    if (!e)
        return SAQR_OK;
    *has = 1;
    return fcs_param_load(c, e, NULL, p);
}

saqr_status fcs_linact_load(jx_ctx *c, const xmlNode *el, fcs_comp *k, fcs_cstate *s)
{
    fcs_linact *l = &k->u.lin;
    fcs_linact_state *ls = fcs_linact_st(s);
    ls->set_on = 1;
    l->module = 1.0;
    l->hysteresis = 0.1;
    l->rate = 0.3;
    l->gain = 1.0;
    if (opt_param(c, el, "set", &l->set, &l->has_set) || opt_param(c, el, "reset", &l->reset, &l->has_reset) ||
        opt_param(c, el, "versus", &l->versus, &l->has_versus) ||
        opt_param(c, el, "bias", &l->bias, &l->has_bias))
        return SAQR_EPARSE;
    if (l->has_set && l->set.slot < 0)
        ls->set_on = l->set.value >= 0.5;
    if (l->has_reset && l->reset.slot < 0)
        ls->reset_on = l->reset.value >= 0.5;
    if (l->has_versus && l->versus.slot < 0)
        ls->versus_i = prop_int(l->versus.value); /* JSBSim stores the double in an int */
    if (l->has_bias && l->bias.slot < 0)
        ls->bias_v = l->bias.value;
    if (fcs_child_number(c, el, "module", &l->module) || fcs_child_number(c, el, "hysteresis", &l->hysteresis) ||
        fcs_child_number(c, el, "lag", &l->lag) || fcs_child_number(c, el, "rate", &l->rate) ||
        fcs_child_number(c, el, "gain", &l->gain))
        return SAQR_EPARSE;
    if (l->module < 0.0) {
        jx_warn(c, el, "linear_actuator \"%s\": <module> forced to 1", k->name);
        l->module = 1.0;
    }
    if (l->hysteresis < 0.0) {
        jx_warn(c, el, "linear_actuator \"%s\": <hysteresis> forced to 0", k->name);
        l->hysteresis = 0.0;
    }
    if (l->lag < 0.0) {
        jx_warn(c, el, "linear_actuator \"%s\": <lag> forced to 0", k->name);
        l->lag = 0.0;
    }
    if (jx_first(el, "rate") && (l->rate <= 0.0 || l->rate > 1.0)) {
        jx_warn(c, el, "linear_actuator \"%s\": <rate> forced to 0.5", k->name);
        l->rate = 0.5;
    }
    return SAQR_OK;
}

void fcs_linact_set_dt(const fcs_comp *k, fcs_cstate *s, double dt)
{
    const fcs_linact *l = &k->u.lin;
    if (l->lag > 0.0)
        fcs_lag_coefficients(l->lag, dt, &fcs_linact_st(s)->ca, &fcs_linact_st(s)->cb);
}

void fcs_linact_run(const fcs_comp *k, fcs_cstate *s, const fcs_frame *fr)
{
    const fcs_linact *l = &k->u.lin;
    fcs_linact_state *ls = fcs_linact_st(s);
    double *v = fr->v;
    if (l->has_set && l->set.slot >= 0)
        ls->set_on = fcs_param_get(&l->set, v) >= 0.5;
    if (l->has_reset && l->reset.slot >= 0)
        ls->reset_on = fcs_param_get(&l->reset, v) >= 0.5;
    if (ls->reset_on) {
        ls->input_mem = 0.0;
        ls->count_spin = 0;
        ls->direction = 0;
        s->output = 0.0;
        ls->input_last = 0.0;
    } else {
        if (ls->set_on) {
            s->input = fcs_param_get(&k->in[0], v) - ls->input_last;
            double delta = s->input - ls->input_mem;
            if (fabs(delta) >= l->hysteresis) {
                if (l->has_versus && l->versus.slot >= 0) {
                    double vs = fcs_param_get(&l->versus, v);
                    ls->versus_i = vs >= 0.5 ? 1 : (vs <= -0.5 ? -1 : 0);
                }
                if (fabs(delta) <= l->module * l->rate) {
                    if (delta > 0.0)
                        ls->direction = 1;
                    else if (delta < 0.0)
                        ls->direction = -1;
                }
                if (ls->versus_i == 0 || ls->versus_i == ls->direction) {
                    ls->input_mem = s->input;
                    if (fabs(delta) >= l->module * l->rate) {
                        if (delta < 0.0)
                            ls->count_spin++;
                        else
                            ls->count_spin--;
                    }
                } else if (ls->direction != 0) {
                    ls->input_last += delta;
                }
            }
        }
        if (l->has_bias && l->bias.slot >= 0)
            ls->bias_v = fcs_param_get(&l->bias, v);
        s->output = l->gain * (ls->bias_v + ls->input_mem + l->module * ls->count_spin);
    }
    if (l->lag > 0.0) {
        double in = s->output;
        s->output = ls->ca * (in + ls->prev_lag_in) + ls->prev_lag_out * ls->cb;
        ls->prev_lag_in = in;
        ls->prev_lag_out = s->output;
    }
    fcs_set_output(k, s, v);
}
