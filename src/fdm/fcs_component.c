/*
 * fcs_component.c - what every flight-control component shares: its
 * property name, <input>s, <output>s, <clipto> (plain or cyclic),
 * transport <delay>, and the dispatch of reset and run by type.
 *
 * Reference: JSBSim src/models/flight_control/FGFCSComponent.cpp (bind,
 * Clip, Delay, ResetPastStates), input_output/FGPropertyManager.cpp
 * (mkPropertyName), math/FGParameterValue.h.
 */
#include <ctype.h>
#include <math.h>
#include <string.h>

#include "fdm/fcs_internal.h"

saqr_status fcs_param_load(jx_ctx *c, const xmlNode *el, const char *text, fcs_param *p)
{
    const char *t = text ? text : jx_text(c, el);
    while (isspace((unsigned char)*t))
        t++;
    p->sign = 1.0;
    p->slot = -1;
    p->value = 0.0;
    if (!*t)
        return jx_error(c, el, "<%s> must hold a number or a property name", (const char *)el->name);
    if (cond_parse_number(t, &p->value) == 0)
        return SAQR_OK;
    if (t[0] == '-') {
        p->sign = -1.0;
        t++;
    }
    p->slot = jx_property(c, el, t, PROP_READ);
    return p->slot < 0 ? SAQR_EPARSE : SAQR_OK;
}

saqr_status fcs_number(jx_ctx *c, const xmlNode *el, double *out)
{
    return jx_number(c, el, NULL, out);
}

saqr_status fcs_child_number(jx_ctx *c, const xmlNode *parent, const char *name, double *out)
{
    const xmlNode *el = jx_first(parent, name);
    return el ? fcs_number(c, el, out) : SAQR_OK;
}

void fcs_component_property(const char *name, char *buf, size_t size)
{
    if (strchr(name, '/')) {
        snprintf(buf, size, "%s", name);
        return;
    }
    /* JSBSim's mkPropertyName(name, lowercase): upper case to lower case,
     * white space to '-'. */
    size_t k = (size_t)snprintf(buf, size, "fcs/");
    for (const char *p = name; *p && k + 1 < size; p++) {
        unsigned char ch = (unsigned char)*p;
        buf[k++] = isupper(ch) ? (char)tolower(ch) : isspace(ch) ? '-' : (char)ch;
    }
    buf[k < size ? k : size - 1] = '\0';
}

int fcs_comp_subproperty(jx_ctx *c, const xmlNode *el, const fcs_comp *k, const char *suffix,
                         unsigned flags)
{
    char own[PROP_NAME_MAX], full[2 * PROP_NAME_MAX];
    fcs_component_property(k->name, own, sizeof own);
    snprintf(full, sizeof full, "%s/%s", own, suffix);
    return jx_property(c, el, full, flags);
}

static saqr_status load_clip(jx_ctx *c, const xmlNode *el, fcs_comp *k)
{
    k->clip_min.slot = k->clip_max.slot = -1;
    k->clip_min.sign = k->clip_max.sign = 1.0;
    const xmlNode *clip = jx_first(el, "clipto");
    if (!clip)
        return SAQR_OK;
    const xmlNode *mn = jx_first(clip, "min"), *mx = jx_first(clip, "max");
    if (!mn || !mx) {
        jx_warn(c, clip, "<clipto> needs <min> and <max>; clipping ignored");
        return SAQR_OK;
    }
    if (fcs_param_load(c, mn, NULL, &k->clip_min) || fcs_param_load(c, mx, NULL, &k->clip_max))
        return SAQR_EPARSE;
    const char *type = jx_attr(c, clip, "type");
    k->clip_cyclic = type && strcmp(type, "cyclic") == 0;
    k->clip = 1;
    return SAQR_OK;
}

/* <delay type="time|frames">: the frame count follows once the step is
 * known (fcs_set_dt). */
static saqr_status load_delay(jx_ctx *c, const xmlNode *el, fcs_comp *k)
{
    const xmlNode *d = jx_first(el, "delay");
    if (!d)
        return SAQR_OK;
    fcs_param p;
    if (fcs_param_load(c, d, NULL, &p))
        return SAQR_EPARSE;
    /* JSBSim reads a property delay once, at load, when it is still 0. */
    k->delay_time = p.slot < 0 ? p.value : 0.0;
    const char *type = jx_attr(c, d, "type");
    if (type && strcmp(type, "frames") == 0)
        k->delay_in_frames = 1;
    else if (type && *type && strcmp(type, "time") != 0)
        jx_warn(c, d, "unknown delay type \"%s\", taken as time", type);
    return SAQR_OK;
}

saqr_status fcs_comp_load_common(jx_ctx *c, const xmlNode *el, fcs_comp *k, int min_in, int max_in)
{
    k->where = jx_where(c, el);
    const char *name = jx_attr(c, el, "name");
    if (!name || !*name) {
        /* JSBSim accepts a component without a name (its value then goes
         * to a junk node); give it one that says where it came from. */
        char made[96];
        snprintf(made, sizeof made, "%s-line-%d", (const char *)el->name, jx_line(el));
        name = arena_strdup(c->ar, made);
        if (!name)
            return jx_error(c, el, "out of memory");
        jx_warn(c, el, "<%s> has no name=; its value is published as fcs/%s", (const char *)el->name, name);
    }
    k->name = name;

    int n_in = jx_count(el, "input");
    if (n_in < min_in)
        return jx_error(c, el, "<%s> \"%s\" needs %d <input>, has %d", (const char *)el->name, name,
                        min_in, n_in);
    if (n_in > max_in) {
        jx_warn(c, el, "<%s> \"%s\": %d <input> given, only the first %d used", (const char *)el->name,
                name, n_in, max_in);
        n_in = max_in;
    }
    k->n_in = n_in;
    k->in = n_in ? arena_array(c->ar, (size_t)n_in, sizeof *k->in) : NULL;
    if (n_in && !k->in)
        return jx_error(c, el, "out of memory");
    int i = 0;
    for (xmlNode *n = jx_first(el, "input"); n && i < n_in; n = jx_next(n, "input"), i++) {
        const char *t = jx_text(c, n);
        k->in[i].sign = 1.0;
        k->in[i].value = 0.0;
        if (t[0] == '-') {
            k->in[i].sign = -1.0;
            t++;
        }
        k->in[i].slot = jx_property(c, n, t, PROP_READ);
        if (k->in[i].slot < 0)
            return SAQR_EPARSE;
    }

    /* outputs: the <output>s, then the component's own property (JSBSim's
     * order; the kinematic reads the first one back). */
    int own = k->type != FCS_DISTRIBUTOR;
    int n_out = jx_count(el, "output") + own;
    k->out = n_out ? arena_array(c->ar, (size_t)n_out, sizeof *k->out) : NULL;
    if (n_out && !k->out)
        return jx_error(c, el, "out of memory");
    int o = 0;
    for (xmlNode *n = jx_first(el, "output"); n; n = jx_next(n, "output")) {
        k->out[o] = jx_property(c, n, NULL, PROP_PRODUCED);
        if (k->out[o++] < 0)
            return SAQR_EPARSE;
    }
    if (own) {
        char prop[PROP_NAME_MAX];
        fcs_component_property(name, prop, sizeof prop);
        k->out[o] = jx_property(c, el, prop, PROP_PRODUCED);
        if (k->out[o++] < 0)
            return SAQR_EPARSE;
    }
    k->n_out = o;

    if (load_clip(c, el, k) || load_delay(c, el, k))
        return SAQR_EPARSE;
    return SAQR_OK;
}

/* --- clip, delay, output --------------------------------------------- */

void fcs_clip_apply(const fcs_comp *k, fcs_cstate *s, const double *v)
{
    double vmin = fcs_param_get(&k->clip_min, v);
    double vmax = fcs_param_get(&k->clip_max, v);
    double range = vmax - vmin;
    if (range < 0.0)
        return; /* JSBSim logs and skips the clip */
    if (k->clip_cyclic && range != 0.0) {
        double x = fmod(s->output - vmin, range) + vmin;
        if (x < vmin)
            x += range;
        s->output = x;
    } else {
        s->output = s->output < vmin ? vmin : (s->output > vmax ? vmax : s->output);
    }
}

void fcs_delay(fcs_delay_line *d, fcs_cstate *s, int trimming)
{
    if (d->frames <= 0 || !d->buf)
        return;
    if (trimming) {
        for (int i = 0; i < d->frames; i++)
            d->buf[i] = s->output;
        return;
    }
    d->buf[d->idx] = s->output;
    d->idx = (d->idx == d->frames - 1) ? 0 : d->idx + 1;
    s->output = d->buf[d->idx];
}

/* --- state records ------------------------------------------------------ */

size_t fcs_state_bytes(fcs_type type)
{
    size_t tail = 0;
    switch (type) {
    case FCS_LAG:
    case FCS_LEAD_LAG:
    case FCS_WASHOUT:
    case FCS_SECOND_ORDER: tail = sizeof(fcs_filter_state); break;
    case FCS_PID: tail = sizeof(fcs_pid_state); break;
    case FCS_ACTUATOR: tail = sizeof(fcs_actuator_state); break;
    case FCS_LINEAR_ACTUATOR: tail = sizeof(fcs_linact_state); break;
    case FCS_SENSOR:
    case FCS_ACCELEROMETER:
    case FCS_GYRO:
    case FCS_MAGNETOMETER: tail = sizeof(fcs_sensor_state); break;
    case FCS_SWITCH: tail = sizeof(fcs_switch_state); break;
    case FCS_WAYPOINT_HEADING:
    case FCS_WAYPOINT_DISTANCE: tail = sizeof(fcs_waypoint_state); break;
    default: break;
    }
    size_t n = sizeof(fcs_cstate) + tail;
    return (n + 7) & ~(size_t)7;
}

fcs_delay_line *fcs_delay_line_of(const fcs_comp *k, fcs_cstate *s)
{
    switch (k->type) {
    case FCS_SWITCH: return &fcs_switch_st(s)->delay;
    case FCS_ACTUATOR: return &fcs_actuator_st(s)->delay;
    case FCS_SENSOR:
    case FCS_ACCELEROMETER:
    case FCS_GYRO:
    case FCS_MAGNETOMETER: return &fcs_sensor_st(s)->delay;
    default: return NULL;
    }
}

/* --- reset (the run dispatch is fcs_comp_run, fcs_internal.h) ---------- */

void fcs_comp_reset(const fcs_comp *k, fcs_cstate *s)
{
    fcs_delay_line *d = fcs_delay_line_of(k, s);
    if (d) {
        d->idx = 0;
        for (int i = 0; i < d->frames; i++)
            d->buf[i] = 0.0;
    }
    switch (k->type) {
    case FCS_LAG:
    case FCS_LEAD_LAG:
    case FCS_WASHOUT:
    case FCS_SECOND_ORDER:
        s->input = 0.0;
        fcs_filter_st(s)->initialize = 1;
        break;
    case FCS_PID: {
        fcs_pid_state *p = fcs_pid_st(s);
        p->in_prev = p->in_prev2 = s->output = p->i_total = 0.0;
        break;
    }
    case FCS_ACTUATOR: {
        fcs_actuator_state *a = fcs_actuator_st(s);
        a->prev_output = a->prev_hyst = a->prev_rate = 0.0;
        a->prev_lag_in = a->prev_lag_out = s->output = 0.0;
        break;
    }
    case FCS_SENSOR:
    case FCS_ACCELEROMETER:
    case FCS_GYRO:
    case FCS_MAGNETOMETER: {
        fcs_sensor_state *ss = fcs_sensor_st(s);
        ss->prev_out = ss->prev_in = s->output = 0.0;
        ss->seed = 0.0; /* an own noise stream starts again from its seed */
        if (k->type == FCS_MAGNETOMETER)
            ss->mag_counter = 0;
        break;
    }
    case FCS_WAYPOINT_HEADING:
    case FCS_WAYPOINT_DISTANCE: {
        /* the solve starts afresh: a reset run gives a fresh run's bits */
        fcs_geodesic *g = fcs_waypoint_st(s)->geo;
        g->valid = 0;
        memset(&g->solver, 0, sizeof g->solver);
        break;
    }
    default:
        break;
    }
}
