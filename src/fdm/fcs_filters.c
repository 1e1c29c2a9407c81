/*
 * fcs_filters.c - the linear components of a JSBSim flight control
 * system: pure_gain, scheduled_gain, aerosurface_scale, summer, deadband,
 * lag_filter, lead_lag_filter, washout_filter, second_order_filter, pid,
 * integrator, and the kinematic (rate-limited detent travel).
 *
 * Filters are discretised with Tustin's bilinear transform using JSBSim's
 * coefficients (dt = channel step):
 *   lag       C1/(s + C1):        ca = dt C1/(2 + dt C1), cb = (2 - dt C1)/(2 + dt C1)
 *                                 y = ca (x + x1) + cb y1
 *   washout   s/(s + C1):         ca = 2/(2 + dt C1), cb as lag;  y = ca (x - x1) + cb y1
 *   lead-lag  (C1 s + C2)/(C3 s + C4), second-order (C1 s^2 + C2 s + C3)/
 *   (C4 s^2 + C5 s + C6): see set_coefficients.
 * The first run after a reset outputs the stored input (0) and seeds the
 * history with it, as JSBSim's FGFilter does.  The PID integrates Ki e dt
 * with rectangular, trapezoidal, Adams-Bashforth 2 (default) or 3 rules;
 * a trigger property non-zero holds the integrator, negative resets it.
 * Reference: JSBSim src/models/flight_control/FGGain.cpp, FGSummer.cpp,
 * FGDeadBand.cpp, FGFilter.cpp, FGPID.cpp, FGKinemat.cpp; models/FGFCS.cpp
 * (integrator = pid with c1 as ki, trapezoidal by default).
 */
#include <float.h>
#include <math.h>
#include <string.h>

#include "fdm/fcs_internal.h"

/* --- gains, summer, deadband ------------------------------------------ */

saqr_status fcs_gain_load(jx_ctx *c, const xmlNode *el, fcs_comp *k)
{
    if (k->type == FCS_SUMMER) {
        k->u.summer_bias = 0.0;
        return fcs_child_number(c, el, "bias", &k->u.summer_bias);
    }
    if (k->type == FCS_DEADBAND) {
        fcs_deadband *d = &k->u.deadband;
        d->width.slot = -1;
        d->width.sign = 1.0;
        d->width.value = 0.0;
        d->gain = 1.0;
        const xmlNode *w = jx_first(el, "width");
        if (w && fcs_param_load(c, w, NULL, &d->width))
            return SAQR_EPARSE;
        return fcs_child_number(c, el, "gain", &d->gain);
    }
    fcs_gain *g = &k->u.gain;
    g->gain.slot = -1;
    g->gain.sign = 1.0;
    g->gain.value = 1.0;
    g->in_min = -1.0;
    g->in_max = 1.0;
    const xmlNode *ge = jx_first(el, "gain");
    if (ge) {
        if (fcs_param_load(c, ge, NULL, &g->gain))
            return SAQR_EPARSE;
    } else if (k->type == FCS_PURE_GAIN) {
        jx_warn(c, el, "pure_gain \"%s\" has no <gain> (1 used)", k->name);
    }
    if (k->type == FCS_AEROSURFACE_SCALE) {
        const xmlNode *dom = jx_first(el, "domain");
        if (dom && jx_first(dom, "max") && jx_first(dom, "min")) {
            if (fcs_child_number(c, dom, "max", &g->in_max) || fcs_child_number(c, dom, "min", &g->in_min))
                return SAQR_EPARSE;
        }
        const xmlNode *rng = jx_first(el, "range");
        if (!rng)
            return jx_error(c, el, "aerosurface_scale \"%s\" needs a <range>", k->name);
        if (!jx_first(rng, "max") || !jx_first(rng, "min"))
            return jx_error(c, rng, "<range> needs <min> and <max>");
        if (fcs_child_number(c, rng, "max", &g->out_max) || fcs_child_number(c, rng, "min", &g->out_min))
            return SAQR_EPARSE;
        g->zero_centered = 1;
        const xmlNode *zc = jx_first(el, "zero_centered");
        if (zc) {
            const char *t = jx_text(c, zc);
            if (strcmp(t, "0") == 0 || strcmp(t, "false") == 0)
                g->zero_centered = 0;
        }
    }
    if (k->type == FCS_SCHEDULED_GAIN) {
        const xmlNode *t = jx_first(el, "table");
        if (!t)
            return jx_error(c, el, "scheduled_gain \"%s\" needs a <table>", k->name);
        if (jtable_load(c, t, &g->table))
            return SAQR_EPARSE;
    }
    return SAQR_OK;
}

/* pure_gain and summer run inline: fcs_internal.h. */

void fcs_deadband_run(const fcs_comp *k, fcs_cstate *s, const fcs_frame *fr)
{
    double *v = fr->v;
    s->input = fcs_param_get(&k->in[0], v);
    double half = 0.5 * fcs_param_get(&k->u.deadband.width, v);
    if (s->input < -half)
        s->output = (s->input + half) * k->u.deadband.gain;
    else if (s->input > half)
        s->output = (s->input - half) * k->u.deadband.gain;
    else
        s->output = 0.0;
    fcs_clip(k, s, v);
    fcs_set_output(k, s, v);
}

void fcs_scheduled_gain_run(const fcs_comp *k, fcs_cstate *s, const fcs_frame *fr)
{
    double *v = fr->v;
    s->input = fcs_param_get(&k->in[0], v);
    s->output = fcs_param_get(&k->u.gain.gain, v) * jtable_eval(k->u.gain.table, v) * s->input;
    fcs_clip(k, s, v);
    fcs_set_output(k, s, v);
}

void fcs_aerosurface_scale_run(const fcs_comp *k, fcs_cstate *s, const fcs_frame *fr)
{
    double *v = fr->v;
    const fcs_gain *g = &k->u.gain;
    double x = fcs_param_get(&k->in[0], v);
    s->input = x;
    if (g->zero_centered) {
        if (x == 0.0)
            s->output = 0.0;
        else if (x > 0.0)
            s->output = (x / g->in_max) * g->out_max;
        else
            s->output = (x / g->in_min) * g->out_min;
    } else {
        s->output = g->out_min + ((x - g->in_min) / (g->in_max - g->in_min)) * (g->out_max - g->out_min);
    }
    s->output *= fcs_param_get(&g->gain, v);
    fcs_clip(k, s, v);
    fcs_set_output(k, s, v);
}

/* --- filters ----------------------------------------------------------- */

static void set_coefficients(const fcs_comp *k, fcs_cstate *s, const double *v, double dt)
{
    const fcs_filter *cf = &k->u.filt;
    fcs_filter_state *f = fcs_filter_st(s);
    double C[7];
    for (int i = 1; i < 7; i++)
        C[i] = fcs_param_get(&cf->c[i], v);
    double den;
    switch (k->type) {
    case FCS_LAG:
        fcs_lag_coefficients(C[1], dt, &f->ca, &f->cb);
        break;
    case FCS_LEAD_LAG:
        den = 2.0 * C[3] + dt * C[4];
        f->ca = (2.0 * C[1] + dt * C[2]) / den;
        f->cb = (dt * C[2] - 2.0 * C[1]) / den;
        f->cc = (2.0 * C[3] - dt * C[4]) / den;
        break;
    case FCS_SECOND_ORDER:
        den = 4.0 * C[4] + 2.0 * C[5] * dt + C[6] * dt * dt;
        f->ca = (4.0 * C[1] + 2.0 * C[2] * dt + C[3] * dt * dt) / den;
        f->cb = (2.0 * C[3] * dt * dt - 8.0 * C[1]) / den;
        f->cc = (4.0 * C[1] - 2.0 * C[2] * dt + C[3] * dt * dt) / den;
        f->cd = (2.0 * C[6] * dt * dt - 8.0 * C[4]) / den;
        f->ce = (4.0 * C[4] - 2.0 * C[5] * dt + C[6] * dt * dt) / den;
        break;
    default: /* washout */
        den = 2.0 + dt * C[1];
        f->ca = 2.0 / den;
        f->cb = (2.0 - dt * C[1]) / den;
        break;
    }
}

saqr_status fcs_filter_load(jx_ctx *c, const xmlNode *el, fcs_comp *k, fcs_cstate *s)
{
    fcs_filter *f = &k->u.filt;
    int need = k->type == FCS_LEAD_LAG ? 4 : k->type == FCS_SECOND_ORDER ? 6 : 1;
    for (int i = 1; i < 7; i++) {
        char name[4] = {'c', (char)('0' + i), '\0', '\0'};
        f->c[i].slot = -1;
        f->c[i].sign = 1.0;
        f->c[i].value = 0.0;
        const xmlNode *ce = jx_first(el, name);
        if (ce) {
            if (fcs_param_load(c, ce, NULL, &f->c[i]))
                return SAQR_EPARSE;
            if (f->c[i].slot >= 0)
                f->dynamic = 1;
        } else if (i <= need) {
            return jx_error(c, el, "<%s> \"%s\" needs <%s>", (const char *)el->name, k->name, name);
        }
    }
    fcs_filter_st(s)->initialize = 1;
    return SAQR_OK;
}

void fcs_filter_set_dt(const fcs_comp *k, fcs_cstate *s, const double *v, double dt)
{
    set_coefficients(k, s, v, dt);
}

void fcs_filter_run(const fcs_comp *k, fcs_cstate *s, const fcs_frame *fr)
{
    fcs_filter_state *f = fcs_filter_st(s);
    double *v = fr->v;
    if (f->initialize) {
        /* JSBSim seeds the history with the stored Input (0 after a reset)
         * without reading the input property. */
        f->out2 = f->in2 = f->out1 = f->in1 = s->output = s->input;
        f->initialize = 0;
    } else {
        double x = fcs_param_get(&k->in[0], v);
        s->input = x;
        if (k->u.filt.dynamic)
            set_coefficients(k, s, v, fr->dt);
        switch (k->type) {
        case FCS_LAG:
            s->output = (x + f->in1) * f->ca + f->out1 * f->cb;
            break;
        case FCS_LEAD_LAG:
            s->output = x * f->ca + f->in1 * f->cb + f->out1 * f->cc;
            break;
        case FCS_SECOND_ORDER:
            s->output = x * f->ca + f->in1 * f->cb + f->in2 * f->cc - f->out1 * f->cd - f->out2 * f->ce;
            break;
        default:
            s->output = x * f->ca - f->in1 * f->ca + f->out1 * f->cb;
            break;
        }
    }
    f->out2 = f->out1;
    f->out1 = s->output;
    f->in2 = f->in1;
    f->in1 = s->input;
    fcs_clip(k, s, v);
    fcs_set_output(k, s, v);
}

/* --- pid and integrator -------------------------------------------------- */

static saqr_status optional_param(jx_ctx *c, const xmlNode *el, const char *name, fcs_param *p,
                                  double dflt)
{
    p->slot = -1;
    p->sign = 1.0;
    p->value = dflt;
    const xmlNode *e = jx_first(el, name);
    return e ? fcs_param_load(c, e, NULL, p) : SAQR_OK;
}

static saqr_status signed_slot(jx_ctx *c, const xmlNode *e, int *slot, double *sign)
{
    const char *t = jx_text(c, e);
    *sign = 1.0;
    if (t[0] == '-') {
        *sign = -1.0;
        t++;
    }
    *slot = jx_property(c, e, t, PROP_READ);
    return *slot < 0 ? SAQR_EPARSE : SAQR_OK;
}

saqr_status fcs_pid_load(jx_ctx *c, const xmlNode *el, fcs_comp *k)
{
    fcs_pid *p = &k->u.pid;
    int integrator = jx_is(el, "integrator");
    const char *ki_name = integrator ? "c1" : "ki";
    const xmlNode *ki = jx_first(el, ki_name);
    if (integrator && !ki)
        return jx_error(c, el, "integrator \"%s\" needs <c1>", k->name);
    const char *type = jx_attr(c, el, "type");
    p->standard = type && strcmp(type, "standard") == 0;
    if (optional_param(c, el, "kp", &p->kp, 0.0) || optional_param(c, el, ki_name, &p->ki, 0.0) ||
        optional_param(c, el, "kd", &p->kd, 0.0))
        return SAQR_EPARSE;
    p->int_type = PID_INT_NONE;
    if (ki) {
        const char *it = jx_attr(c, ki, "type");
        if (!it || !*it)
            p->int_type = integrator ? PID_INT_TRAP : PID_INT_AB2;
        else if (strcmp(it, "rect") == 0)
            p->int_type = PID_INT_RECT;
        else if (strcmp(it, "trap") == 0)
            p->int_type = PID_INT_TRAP;
        else if (strcmp(it, "ab3") == 0)
            p->int_type = PID_INT_AB3;
        else
            p->int_type = PID_INT_AB2;
    }
    p->pvdot_slot = p->trigger_slot = -1;
    double sign;
    const xmlNode *e = jx_first(el, "pvdot");
    if (e && signed_slot(c, e, &p->pvdot_slot, &sign))
        return SAQR_EPARSE;
    (void)sign;
    e = jx_first(el, "trigger");
    if (e && signed_slot(c, e, &p->trigger_slot, &p->trigger_sign))
        return SAQR_EPARSE;
    p->init_slot = fcs_comp_subproperty(c, el, k, "initial-integrator-value", PROP_INPUT);
    return p->init_slot < 0 ? SAQR_EPARSE : SAQR_OK;
}

void fcs_pid_run(const fcs_comp *k, fcs_cstate *s, const fcs_frame *fr)
{
    const fcs_pid *p = &k->u.pid;
    fcs_pid_state *ps = fcs_pid_st(s);
    double *v = fr->v;
    double dt = fr->dt;
    /* Writing <name>/initial-integrator-value sets the integrator and the
     * output (JSBSim's tied setter SetInitialOutput). */
    if (v[p->init_slot] != ps->init_seen) {
        ps->init_seen = v[p->init_slot];
        ps->i_total = s->output = ps->init_seen;
    }
    double x = fcs_param_get(&k->in[0], v);
    s->input = x;
    double dval;
    if (p->pvdot_slot >= 0)
        dval = v[p->pvdot_slot];
    else
        dval = dt > 0.0 ? (x - ps->in_prev) / dt : 0.0;
    double test = p->trigger_slot >= 0 ? p->trigger_sign * v[p->trigger_slot] : 0.0;
    double delta = 0.0;
    if (fabs(test) < 0.000001) {
        switch (p->int_type) {
        case PID_INT_RECT: delta = x; break;
        case PID_INT_TRAP: delta = 0.5 * (x + ps->in_prev); break;
        case PID_INT_AB2: delta = 1.5 * x - 0.5 * ps->in_prev; break;
        case PID_INT_AB3: delta = (23.0 * x - 16.0 * ps->in_prev + 5.0 * ps->in_prev2) / 12.0; break;
        default: delta = 0.0; break;
        }
    }
    if (test < 0.0)
        ps->i_total = 0.0;
    ps->i_total += fcs_param_get(&p->ki, v) * dt * delta;
    double kp = fcs_param_get(&p->kp, v), kd = fcs_param_get(&p->kd, v);
    if (p->standard)
        s->output = kp * (x + ps->i_total + kd * dval);
    else
        s->output = kp * x + ps->i_total + kd * dval;
    ps->in_prev2 = test < 0.0 ? 0.0 : ps->in_prev;
    ps->in_prev = x;
    fcs_clip(k, s, v);
    fcs_set_output(k, s, v);
}

/* --- kinematic ----------------------------------------------------------- */

saqr_status fcs_kinematic_load(jx_ctx *c, const xmlNode *el, fcs_comp *k)
{
    fcs_kinematic *m = &k->u.kin;
    m->scale = jx_first(el, "noscale") == NULL;
    const xmlNode *trav = jx_first(el, "traverse");
    int n = trav ? jx_count(trav, "setting") : 0;
    if (n <= 1)
        return jx_error(c, el, "kinematic \"%s\" needs a <traverse> with more than one <setting>", k->name);
    m->detent = arena_array(c->ar, (size_t)n, sizeof *m->detent);
    m->time_s = arena_array(c->ar, (size_t)n, sizeof *m->time_s);
    if (!m->detent || !m->time_s)
        return jx_error(c, el, "out of memory");
    int i = 0;
    for (xmlNode *s = jx_first(trav, "setting"); s; s = jx_next(s, "setting"), i++) {
        const xmlNode *pos = jx_first(s, "position"), *tim = jx_first(s, "time");
        if (!pos || !tim)
            return jx_error(c, s, "<setting> needs <position> and <time>");
        if (fcs_number(c, pos, &m->detent[i]) || fcs_number(c, tim, &m->time_s[i]))
            return SAQR_EPARSE;
        /* The run walks the settings in order towards the input; with a
         * position below the one before, it can find a step of no time
         * that moves nothing and loop for ever (JSBSim's FGKinematic does
         * the same).  Equal positions are a step of no length, which the
         * run passes (Concorde's flaps have one). */
        if (i > 0 && m->detent[i] < m->detent[i - 1])
            return jx_error(c, pos, "kinematic \"%s\": <position> %g comes after %g; a traverse's positions must not decrease",
                            k->name, m->detent[i], m->detent[i - 1]);
    }
    m->n = n;
    return SAQR_OK;
}

static int equal_to_roundoff(double a, double b)
{
    double eps = 2.0 * DBL_EPSILON;
    double fa = fabs(a), fb = fabs(b);
    /* fmax without the call: with a NaN the comparison fails either way */
    return fabs(a - b) <= eps * (fa > fb ? fa : fb);
}

static double constrain(double lo, double x, double hi)
{
    return x < lo ? lo : (x > hi ? hi : x);
}

void fcs_kinematic_run(const fcs_comp *k, fcs_cstate *s, const fcs_frame *fr)
{
    const fcs_kinematic *m = &k->u.kin;
    double *v = fr->v;
    const double *D = m->detent, *T = m->time_s;
    int n = m->n;
    double dt0 = fr->dt;
    double input = fcs_param_get(&k->in[0], v);
    if (m->scale)
        input *= D[n - 1];
    /* the current position is read back from the first output, so a
     * script may move the surface */
    double out = v[k->out[0]];
    input = constrain(D[0], input, D[n - 1]);
    if (fr->trimming) {
        out = input;
    } else {
        while (dt0 > 0.0 && !equal_to_roundoff(input, out)) {
            int ind = 1;
            while (ind < n - 1 && ((input < out) ? D[ind] < out : D[ind] <= out))
                ind++;
            if (T[ind] <= 0.0) {
                out = input;
                break;
            }
            double rate = (D[ind] - D[ind - 1]) / T[ind];
            double this_input = constrain(D[ind - 1], input, D[ind]);
            double this_dt = fabs((this_input - out) / rate);
            if (dt0 < this_dt) {
                this_dt = dt0;
                if (out < input)
                    out += this_dt * rate;
                else
                    out -= this_dt * rate;
            } else {
                out = this_input;
            }
            dt0 -= this_dt;
        }
    }
    s->input = input;
    s->output = out;
    fcs_clip(k, s, v);
    fcs_set_output(k, s, v);
}
