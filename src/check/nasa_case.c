/*
 * nasa_case.c - reader of Saqr's check-case files (see nasa_case.h and
 * docs/nasa-check-cases.md).  Parsed with libxml2, network and external
 * entities off; every error names the file and line.
 */
#include "check/nasa_case.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "math/units.h"

typedef struct reader {
    const char *file;
    saqr_err *err;
} reader;

static int line_of(const xmlNode *n)
{
    return n ? (int)xmlGetLineNo(n) : 0;
}

static int is(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static const xmlNode *child(const xmlNode *n, const char *name)
{
    for (const xmlNode *c = n->children; c; c = c->next)
        if (is(c, name))
            return c;
    return NULL;
}

/* Copies an attribute into buf; returns 0 when absent or too long. */
static int attr(const reader *r, const xmlNode *n, const char *name, char *buf, size_t size, int required,
                saqr_status *st)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    if (!v) {
        if (required)
            *st = err_set(r->err, SAQR_EPARSE, "%s:%d: <%s> needs the attribute %s", r->file,
                          line_of(n), (const char *)n->name, name);
        return 0;
    }
    size_t len = strlen((const char *)v);
    if (len >= size) {
        *st = err_set(r->err, SAQR_EPARSE, "%s:%d: attribute %s is too long", r->file, line_of(n), name);
        xmlFree(v);
        return 0;
    }
    memcpy(buf, v, len + 1);
    xmlFree(v);
    return 1;
}

static int attr_present(const xmlNode *n, const char *name)
{
    return xmlHasProp(n, (const xmlChar *)name) != NULL;
}

/* Reads attribute `name` as a finite number into *out (unchanged when
 * absent and not required). */
static saqr_status number_attr(const reader *r, const xmlNode *n, const char *name, int required, double *out)
{
    char num[64];
    saqr_status st = SAQR_OK;
    if (!attr(r, n, name, num, sizeof num, required, &st))
        return st;
    char *end;
    double v = strtod(num, &end);
    if (end == num || *end || !isfinite(v))
        return err_set(r->err, SAQR_EPARSE, "%s:%d: %s must be a finite number", r->file, line_of(n), name);
    *out = v;
    return SAQR_OK;
}

/* SI factor of a unit attribute; 0 when unknown for this `kind`. */
static double unit_factor(const char *u, char kind)
{
    static const struct { const char *name; char kind; double si; } table[] = {
        {"FT", 'L', M_PER_FT}, {"M", 'L', 1.0},
        {"DEG", 'A', RAD_PER_DEG}, {"RAD", 'A', 1.0},
        {"FT/SEC", 'V', M_PER_FT}, {"M/SEC", 'V', 1.0}, {"KTS", 'V', MPS_PER_KT},
        {"DEG/SEC", 'W', RAD_PER_DEG}, {"RAD/SEC", 'W', 1.0},
        {"SEC", 'T', 1.0}, {"S", 'T', 1.0},
        {"1/SEC", 'S', 1.0}, {"FT/SEC/FT", 'S', 1.0},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (table[i].kind == kind && strcmp(u, table[i].name) == 0)
            return table[i].si;
    return 0.0;
}

/* Parses the element's text as `count` numbers in unit kind `kind`
 * (SI results).  An element without unit= must have default_unit. */
static saqr_status numbers(const reader *r, const xmlNode *n, char kind, const char *default_unit,
                           double *out, int count)
{
    saqr_status st = SAQR_OK;
    char unit[32];
    if (!attr(r, n, "unit", unit, sizeof unit, 0, &st)) {
        if (st != SAQR_OK)
            return st;
        snprintf(unit, sizeof unit, "%s", default_unit);
    }
    double f = unit_factor(unit, kind);
    if (f == 0.0)
        return err_set(r->err, SAQR_EPARSE, "%s:%d: <%s> has an unknown or unsuitable unit \"%s\"",
                       r->file, line_of(n), (const char *)n->name, unit);
    xmlChar *text = xmlNodeGetContent(n);
    if (!text)
        return err_set(r->err, SAQR_ENOMEM, "%s: out of memory", r->file);
    const char *p = (const char *)text;
    for (int i = 0; i < count; i++) {
        char *end;
        double v = strtod(p, &end);
        if (end == p || !isfinite(v)) {
            st = err_set(r->err, SAQR_EPARSE, "%s:%d: <%s> needs %d finite number%s", r->file,
                         line_of(n), (const char *)n->name, count, count > 1 ? "s" : "");
            break;
        }
        out[i] = v * f;
        p = end;
        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == ',')
            p++;
    }
    if (st == SAQR_OK && *p != '\0')
        st = err_set(r->err, SAQR_EPARSE, "%s:%d: <%s> has extra text after %d number%s", r->file,
                     line_of(n), (const char *)n->name, count, count > 1 ? "s" : "");
    xmlFree(text);
    return st;
}

static saqr_status required_numbers(const reader *r, const xmlNode *parent, const char *name, char kind,
                                    const char *default_unit, double *out, int count)
{
    const xmlNode *n = child(parent, name);
    if (!n)
        return err_set(r->err, SAQR_EPARSE, "%s:%d: <%s> needs a <%s> element", r->file,
                       line_of(parent), (const char *)parent->name, name);
    return numbers(r, n, kind, default_unit, out, count);
}

static saqr_status read_earth(const reader *r, const xmlNode *root, nasa_case *c)
{
    const xmlNode *n = child(root, "earth");
    if (!n)
        return err_set(r->err, SAQR_EPARSE, "%s:%d: missing <earth model=...>", r->file, line_of(root));
    char model[32];
    saqr_status st = SAQR_OK;
    if (!attr(r, n, "model", model, sizeof model, 1, &st))
        return st;
    static const struct { const char *name; saqr_earth_kind kind; } kinds[] = {
        {"wgs84", SAQR_EARTH_WGS84}, {"round-rotating", SAQR_EARTH_ROUND_ROTATING},
        {"round-fixed", SAQR_EARTH_ROUND_FIXED}, {"flat", SAQR_EARTH_FLAT}};
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (strcmp(model, kinds[i].name) == 0) {
            c->earth = kinds[i].kind;
            return SAQR_OK;
        }
    return err_set(r->err, SAQR_EPARSE,
                   "%s:%d: unknown earth model \"%s\" (wgs84, round-rotating, round-fixed, flat)",
                   r->file, line_of(n), model);
}

/* Reads the <set var="..">number</set> children of `parent` into `list`
 * (at most `max`).  With `allow_from`, <set var=".." from=".."/> is also
 * accepted (value taken at t = 0 from another input). */
static saqr_status read_sets(const reader *r, const xmlNode *parent, nasa_override *list, int *count,
                             int max, int allow_from)
{
    saqr_status st = SAQR_OK;
    for (const xmlNode *s = parent->children; s; s = s->next) {
        if (!is(s, "set"))
            continue;
        if (*count >= max)
            return err_set(r->err, SAQR_EPARSE, "%s:%d: more than %d <set> elements in <%s>", r->file,
                           line_of(s), max, (const char *)parent->name);
        nasa_override *o = &list[*count];
        memset(o, 0, sizeof *o);
        if (!attr(r, s, "var", o->var, sizeof o->var, 1, &st))
            return st;
        if (allow_from && attr(r, s, "from", o->from, sizeof o->from, 0, &st)) {
            (*count)++;
            continue;
        }
        if (st != SAQR_OK)
            return st;
        xmlChar *text = xmlNodeGetContent(s);
        char *end = NULL;
        o->value = text ? strtod((const char *)text, &end) : NAN;
        int ok = text && end != (char *)text && *end == '\0' && isfinite(o->value);
        xmlFree(text);
        if (!ok)
            return err_set(r->err, SAQR_EPARSE, "%s:%d: <set var=\"%s\"> needs one finite number%s",
                           r->file, line_of(s), o->var, allow_from ? " or from=\"...\"" : "");
        (*count)++;
    }
    return SAQR_OK;
}

/* <cross-track var=".." unit="FT" offset="2000" time="20"/> inside <control>. */
static saqr_status read_cross_track(const reader *r, const xmlNode *n, nasa_case *c)
{
    nasa_cross_track *x = &c->cross_track;
    saqr_status st = SAQR_OK;
    char unit[32] = "FT";
    if (!attr(r, n, "var", x->var, sizeof x->var, 1, &st))
        return st;
    attr(r, n, "unit", unit, sizeof unit, 0, &st);
    if (st != SAQR_OK)
        return st;
    double f = unit_factor(unit, 'L');
    if (f == 0.0)
        return err_set(r->err, SAQR_EPARSE, "%s:%d: <cross-track> has an unknown or unsuitable unit \"%s\"", r->file,
                       line_of(n), unit);
    if ((st = number_attr(r, n, "offset", 0, &x->offset_m)) || (st = number_attr(r, n, "time", 0, &x->time_s)))
        return st;
    if (!(x->time_s >= 0.0 && x->time_s <= c->duration_s))
        return err_set(r->err, SAQR_EINVAL, "%s:%d: cross-track time must be a number of seconds within the run",
                       r->file, line_of(n));
    x->offset_m *= f;
    x->unit_per_m = 1.0 / f;
    return SAQR_OK;
}

static saqr_status read_aircraft(const reader *r, const xmlNode *v, nasa_case *c)
{
    saqr_status st = SAQR_OK;
    const xmlNode *aero = child(v, "aero"), *prop = child(v, "propulsion"), *ctl = child(v, "control");
    if (!aero || !prop)
        return err_set(r->err, SAQR_EPARSE, "%s:%d: <vehicle type=\"aircraft\"> needs <aero file=...> and <propulsion file=...>",
                       r->file, line_of(v));
    if (!attr(r, aero, "file", c->aero_file, sizeof c->aero_file, 1, &st) ||
        !attr(r, prop, "file", c->prop_file, sizeof c->prop_file, 1, &st))
        return st;
    char lag[32];
    if (attr(r, prop, "lag", lag, sizeof lag, 0, &st)) {
        if (strcmp(lag, "stevens-lewis") == 0)
            c->engine_lag = 1;
        else if (strcmp(lag, "none") != 0)
            return err_set(r->err, SAQR_EPARSE, "%s:%d: unknown engine lag \"%s\" (none, stevens-lewis)", r->file,
                           line_of(prop), lag);
    }
    if (st != SAQR_OK)
        return st;
    if (ctl) {
        if (!attr(r, ctl, "file", c->control_file, sizeof c->control_file, 1, &st))
            return st;
        if ((st = read_sets(r, ctl, c->control_inputs, &c->n_control_inputs,
                            (int)(sizeof c->control_inputs / sizeof c->control_inputs[0]), 1)))
            return st;
        const xmlNode *xt = child(ctl, "cross-track");
        if (xt)
            return read_cross_track(r, xt, c);
    }
    return SAQR_OK;
}

static saqr_status read_vehicle(const reader *r, const xmlNode *root, nasa_case *c)
{
    const xmlNode *v = child(root, "vehicle");
    if (!v)
        return err_set(r->err, SAQR_EPARSE, "%s:%d: missing <vehicle>", r->file, line_of(root));
    saqr_status st = SAQR_OK;
    char type[32] = "body";
    attr(r, v, "type", type, sizeof type, 0, &st);
    if (st != SAQR_OK)
        return st;
    if (strcmp(type, "aircraft") == 0)
        c->vehicle = NASA_VEHICLE_AIRCRAFT;
    else if (strcmp(type, "body") != 0)
        return err_set(r->err, SAQR_EPARSE, "%s:%d: unknown vehicle type \"%s\" (body, aircraft)", r->file,
                       line_of(v), type);
    const xmlNode *in = child(v, "inertia");
    if (!in)
        return err_set(r->err, SAQR_EPARSE, "%s:%d: <vehicle> needs <inertia file=...>", r->file, line_of(v));
    if (!attr(r, in, "file", c->inertia_file, sizeof c->inertia_file, 1, &st))
        return st;
    if ((st = read_sets(r, in, c->inertia_inputs, &c->n_inertia_inputs, NASA_MAX_OVERRIDES, 0)))
        return st;
    if (c->vehicle == NASA_VEHICLE_AIRCRAFT)
        return read_aircraft(r, v, c);
    const xmlNode *aero = child(v, "aero");
    if (!aero)
        return SAQR_OK;
    if (!attr(r, aero, "file", c->aero_file, sizeof c->aero_file, 1, &st))
        return st;
    return read_sets(r, aero, c->overrides, &c->n_overrides, NASA_MAX_OVERRIDES, 0);
}

/* <events><set time="5" unit="SEC" var=".." value=".."|add=".."/></events> */
static saqr_status read_events(const reader *r, const xmlNode *root, nasa_case *c)
{
    const xmlNode *ev = child(root, "events");
    if (!ev)
        return SAQR_OK;
    if (c->vehicle != NASA_VEHICLE_AIRCRAFT || !c->control_file[0])
        return err_set(r->err, SAQR_EPARSE, "%s:%d: <events> need an aircraft with a <control> law", r->file,
                       line_of(ev));
    saqr_status st = SAQR_OK;
    for (const xmlNode *s = ev->children; s; s = s->next) {
        if (!is(s, "set"))
            continue;
        if (c->n_events >= NASA_MAX_EVENTS)
            return err_set(r->err, SAQR_EPARSE, "%s:%d: more than %d events", r->file, line_of(s),
                           NASA_MAX_EVENTS);
        nasa_event *e = &c->events[c->n_events];
        char t[64], val[64];
        if (!attr(r, s, "var", e->var, sizeof e->var, 1, &st) || !attr(r, s, "time", t, sizeof t, 1, &st))
            return st;
        char *end;
        e->time_s = strtod(t, &end);
        if (end == t || *end || !(e->time_s >= 0.0 && e->time_s <= c->duration_s))
            return err_set(r->err, SAQR_EINVAL, "%s:%d: event time must be a number of seconds within the run",
                           r->file, line_of(s));
        e->add = attr(r, s, "add", val, sizeof val, 0, &st);
        if (st != SAQR_OK || (!e->add && !attr(r, s, "value", val, sizeof val, 0, &st)))
            return st != SAQR_OK ? st
                                 : err_set(r->err, SAQR_EPARSE, "%s:%d: event needs value=\"..\" or add=\"..\"",
                                           r->file, line_of(s));
        e->value = strtod(val, &end);
        if (end == val || *end || !isfinite(e->value))
            return err_set(r->err, SAQR_EPARSE, "%s:%d: event value must be a finite number", r->file,
                           line_of(s));
        c->n_events++;
    }
    return SAQR_OK;
}

/* <criteria><hold quantity=".." unit=".." within=".."/>
 *           <reach quantity=".." unit=".." change=".." within=".." after=".."/></criteria> */
static saqr_status read_criteria(const reader *r, const xmlNode *root, nasa_case *c)
{
    const xmlNode *cr = child(root, "criteria");
    if (!cr)
        return SAQR_OK;
    static const struct { const char *name; nasa_quantity q; char kind; } qs[] = {
        {"altitude", NASA_Q_ALTITUDE, 'L'}, {"true-airspeed", NASA_Q_TRUE_AIRSPEED, 'V'},
        {"equivalent-airspeed", NASA_Q_EQUIVALENT_AIRSPEED, 'V'}, {"heading", NASA_Q_HEADING, 'A'},
        {"course", NASA_Q_COURSE, 'A'}, {"cross-track", NASA_Q_CROSS_TRACK, 'L'},
        {"range", NASA_Q_RANGE, 'L'}, {"latitude", NASA_Q_LATITUDE, 'A'},
        {"longitude", NASA_Q_LONGITUDE, 'A'}};
    saqr_status st = SAQR_OK;
    for (const xmlNode *n = cr->children; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (c->n_criteria >= NASA_MAX_CRITERIA)
            return err_set(r->err, SAQR_EPARSE, "%s:%d: more than %d criteria", r->file, line_of(n),
                           NASA_MAX_CRITERIA);
        nasa_criterion *k = &c->criteria[c->n_criteria];
        memset(k, 0, sizeof *k);
        k->line = line_of(n);
        if (is(n, "hold"))
            k->kind = NASA_HOLD;
        else if (is(n, "reach"))
            k->kind = NASA_REACH;
        else if (is(n, "continuous"))
            k->kind = NASA_CONTINUOUS;
        else if (is(n, "cross"))
            k->kind = NASA_CROSS;
        else
            return err_set(r->err, SAQR_EPARSE, "%s:%d: unknown criterion <%s> (hold, reach, continuous, cross)",
                           r->file, line_of(n), (const char *)n->name);
        char q[64], unit[32];
        if (!attr(r, n, "quantity", q, sizeof q, 1, &st) || !attr(r, n, "unit", unit, sizeof unit, 1, &st))
            return st;
        size_t i;
        for (i = 0; i < sizeof qs / sizeof qs[0]; i++)
            if (strcmp(q, qs[i].name) == 0)
                break;
        if (i == sizeof qs / sizeof qs[0])
            return err_set(r->err, SAQR_EPARSE,
                           "%s:%d: unknown quantity \"%s\" (altitude, true-airspeed, equivalent-airspeed, heading, "
                           "course, cross-track, range, latitude, longitude)",
                           r->file, line_of(n), q);
        k->quantity = qs[i].q;
        double f = unit_factor(unit, qs[i].kind);
        if (f == 0.0)
            return err_set(r->err, SAQR_EPARSE, "%s:%d: unit \"%s\" does not suit %s", r->file, line_of(n),
                           unit, q);
        if (k->quantity == NASA_Q_RANGE && !child(root, "reference-point"))
            return err_set(r->err, SAQR_EPARSE, "%s:%d: quantity range needs a <reference-point>", r->file,
                           line_of(n));
        double count = 0.0;
        if ((k->kind != NASA_CROSS && (st = number_attr(r, n, "within", 1, &k->within))) ||
            (k->kind == NASA_REACH && (st = number_attr(r, n, "after", 1, &k->after_s))) ||
            (st = number_attr(r, n, "value", k->kind == NASA_CROSS, &k->value)) ||
            (k->kind == NASA_CROSS && (st = number_attr(r, n, "count", 1, &count))))
            return st;
        k->has_value = attr_present(n, "value");
        if (k->has_value && k->kind != NASA_REACH && k->kind != NASA_CROSS)
            return err_set(r->err, SAQR_EPARSE, "%s:%d: value= belongs to <reach> and <cross>", r->file, line_of(n));
        if (k->kind == NASA_REACH && (st = number_attr(r, n, "change", !k->has_value, &k->change)))
            return st;
        if (k->kind == NASA_REACH && k->has_value && attr_present(n, "change"))
            return err_set(r->err, SAQR_EPARSE, "%s:%d: <reach> takes change= or value=, not both", r->file,
                           line_of(n));
        if (k->kind == NASA_CROSS) {
            if (!(count >= 1.0 && count <= 1000.0 && count == floor(count)))
                return err_set(r->err, SAQR_EINVAL, "%s:%d: count must be a whole number in 1..1000", r->file,
                               line_of(n));
            k->count = (int)count;
            k->within = 1.0; /* unused */
        }
        k->within *= f;
        k->change *= f;
        k->value *= f;
        if (!(k->within > 0.0) || k->after_s < 0.0 || k->after_s > c->duration_s)
            return err_set(r->err, SAQR_EINVAL, "%s:%d: within must be > 0 and after inside the run", r->file,
                           line_of(n));
        c->n_criteria++;
    }
    return SAQR_OK;
}

static saqr_status read_initial(const reader *r, const xmlNode *root, nasa_case *c)
{
    const xmlNode *n = child(root, "initial");
    if (!n)
        return err_set(r->err, SAQR_EPARSE, "%s:%d: missing <initial>", r->file, line_of(root));
    saqr_initial_state *s = &c->init;
    saqr_status st;
    if ((st = required_numbers(r, n, "latitude", 'A', "DEG", &s->lat_rad, 1)) ||
        (st = required_numbers(r, n, "longitude", 'A', "DEG", &s->lon_rad, 1)) ||
        (st = required_numbers(r, n, "altitude", 'L', "FT", &s->alt_m, 1)) ||
        (st = required_numbers(r, n, "velocity-ned", 'V', "FT/SEC", s->vel_ned_mps, 3)) ||
        (st = required_numbers(r, n, "euler", 'A', "DEG", s->euler_rad, 3)) ||
        (st = required_numbers(r, n, "body-rates", 'W', "DEG/SEC", s->omega_body_radps, 3)))
        return st;
    if (fabs(s->lat_rad) > UNITS_PI / 2)
        return err_set(r->err, SAQR_EINVAL, "%s:%d: latitude beyond +-90 deg", r->file,
                       line_of(child(n, "latitude")));
    const xmlNode *rates = child(n, "body-rates");
    char frame[32] = "inertial";
    attr(r, rates, "frame", frame, sizeof frame, 0, &st);
    if (st != SAQR_OK)
        return st;
    if (strcmp(frame, "inertial") == 0)
        s->omega_frame = SAQR_RATES_WRT_INERTIAL;
    else if (strcmp(frame, "earth") == 0)
        s->omega_frame = SAQR_RATES_WRT_EARTH;
    else if (strcmp(frame, "ned") == 0) {
        s->omega_frame = SAQR_RATES_WRT_EARTH;
        c->rates_wrt_ned = 1;
    } else
        return err_set(r->err, SAQR_EPARSE, "%s:%d: body-rates frame must be inertial, earth or ned",
                       r->file, line_of(rates));
    return SAQR_OK;
}

static saqr_status read_run(const reader *r, const xmlNode *root, nasa_case *c)
{
    saqr_status st;
    if ((st = required_numbers(r, root, "duration", 'T', "SEC", &c->duration_s, 1)) ||
        (st = required_numbers(r, root, "step", 'T', "SEC", &c->step_s, 1)) ||
        (st = required_numbers(r, root, "output-interval", 'T', "SEC", &c->output_dt_s, 1)))
        return st;
    if (!(c->duration_s > 0.0 && c->duration_s <= 1.0e5))
        return err_set(r->err, SAQR_EINVAL, "%s:%d: duration must be in (0, 1e5] s", r->file,
                       line_of(child(root, "duration")));
    if (!(c->step_s > 0.0 && c->step_s <= 1.0))
        return err_set(r->err, SAQR_EINVAL, "%s:%d: step must be in (0, 1] s", r->file,
                       line_of(child(root, "step")));
    if (!(c->output_dt_s >= c->step_s) || c->duration_s / c->step_s > 1.0e8)
        return err_set(r->err, SAQR_EINVAL, "%s:%d: output-interval must be >= step, and the run at most 1e8 steps",
                       r->file, line_of(child(root, "output-interval")));
    double ratio = c->output_dt_s / c->step_s;
    if (fabs(ratio - floor(ratio + 0.5)) > 1e-9)
        return err_set(r->err, SAQR_EINVAL, "%s:%d: output-interval must be a whole number of steps",
                       r->file, line_of(child(root, "output-interval")));
    c->integrator = SAQR_INTEG_RK4;
    const xmlNode *step = child(root, "step");
    char scheme[32];
    if (attr(r, step, "integrator", scheme, sizeof scheme, 0, &st)) {
        static const struct { const char *name; saqr_integrator s; } schemes[] = {
            {"rk4", SAQR_INTEG_RK4}, {"euler", SAQR_INTEG_RECT_EULER},
            {"trapezoidal", SAQR_INTEG_TRAPEZOIDAL}, {"ab2", SAQR_INTEG_ADAMS_BASHFORTH2},
            {"ab3", SAQR_INTEG_ADAMS_BASHFORTH3}};
        size_t i;
        for (i = 0; i < sizeof schemes / sizeof schemes[0]; i++)
            if (strcmp(scheme, schemes[i].name) == 0)
                break;
        if (i == sizeof schemes / sizeof schemes[0])
            return err_set(r->err, SAQR_EPARSE, "%s:%d: unknown integrator \"%s\" (rk4, euler, trapezoidal, ab2, ab3)",
                           r->file, line_of(step), scheme);
        c->integrator = schemes[i].s;
    }
    return st;
}

static saqr_status read_wind(const reader *r, const xmlNode *root, nasa_case *c)
{
    const xmlNode *w = child(root, "wind");
    if (!w)
        return SAQR_OK;
    saqr_status st = required_numbers(r, w, "velocity-ned", 'V', "FT/SEC", c->wind.wind_ned_mps, 3);
    if (st != SAQR_OK)
        return st;
    if (child(w, "shear-ned")) {
        if ((st = required_numbers(r, w, "shear-ned", 'S', "1/SEC", c->wind.shear_ned_per_s, 3)) ||
            (st = required_numbers(r, w, "reference-altitude", 'L', "FT", &c->wind.ref_alt_m, 1)))
            return st;
    }
    return SAQR_OK;
}

static saqr_status read_case(const reader *r, const xmlDoc *doc, nasa_case *c)
{
    const xmlNode *root = xmlDocGetRootElement(doc);
    if (!root || !is(root, "checkcase"))
        return err_set(r->err, SAQR_EPARSE, "%s:%d: the root element must be <checkcase>", r->file,
                       line_of(root));
    saqr_status st = SAQR_OK;
    memset(c, 0, sizeof *c);
    if (!attr(r, root, "id", c->id, sizeof c->id, 1, &st) ||
        !attr(r, root, "reference", c->reference, sizeof c->reference, 1, &st))
        return st;
    attr(r, root, "title", c->title, sizeof c->title, 0, &st);
    if (st != SAQR_OK)
        return st;
    for (const char *p = c->id; *p; p++)
        if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z')))
            return err_set(r->err, SAQR_EPARSE, "%s:%d: case id \"%s\" may hold only digits and lower-case letters",
                           r->file, line_of(root), c->id);
    if ((st = read_earth(r, root, c)) || (st = read_run(r, root, c)) || (st = read_vehicle(r, root, c)) ||
        (st = read_initial(r, root, c)) || (st = read_wind(r, root, c)) || (st = read_events(r, root, c)) ||
        (st = read_criteria(r, root, c)))
        return st;
    const xmlNode *rp = child(root, "reference-point");
    if (rp) {
        if ((st = required_numbers(r, rp, "latitude", 'A', "DEG", &c->ref_lat_rad, 1)) ||
            (st = required_numbers(r, rp, "longitude", 'A', "DEG", &c->ref_lon_rad, 1)))
            return st;
        if (fabs(c->ref_lat_rad) > UNITS_PI / 2)
            return err_set(r->err, SAQR_EINVAL, "%s:%d: reference-point latitude beyond +-90 deg", r->file,
                           line_of(child(rp, "latitude")));
        c->has_ref_point = 1;
    }
    const xmlNode *trim = child(root, "trim");
    if (trim) {
        char kind[32];
        if (!attr(r, trim, "kind", kind, sizeof kind, 1, &st))
            return st;
        if (strcmp(kind, "straight-and-level") != 0)
            return err_set(r->err, SAQR_EPARSE, "%s:%d: unknown trim kind \"%s\" (straight-and-level)", r->file,
                           line_of(trim), kind);
        if (c->vehicle != NASA_VEHICLE_AIRCRAFT)
            return err_set(r->err, SAQR_EPARSE, "%s:%d: <trim> needs <vehicle type=\"aircraft\">", r->file,
                           line_of(trim));
        c->trim = 1;
    }
    return SAQR_OK;
}

#define XML_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)

/* Parses with a private parser context so the error location is ours, not
 * libxml2's process-wide "last error". `path` or (`xml`, `len`). */
static saqr_status parse(const char *path, const char *xml, size_t len, const char *name,
                         nasa_case *c, saqr_err *err)
{
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (!ctxt)
        return err_set(err, SAQR_ENOMEM, "%s: out of memory", name);
    xmlDoc *doc = path ? xmlCtxtReadFile(ctxt, path, NULL, XML_OPTIONS)
                       : xmlCtxtReadMemory(ctxt, xml, (int)len, name, NULL, XML_OPTIONS);
    saqr_status st;
    if (!doc) {
        const char *msg = ctxt->lastError.message;
        int n = msg ? (int)strcspn(msg, "\n") : 0; /* libxml2 ends its messages with a newline */
        st = err_set(err, SAQR_EPARSE, "%s:%d: not well-formed XML: %.*s", name, ctxt->lastError.line, n,
                     msg ? msg : "");
    } else {
        reader r = {name, err};
        st = read_case(&r, doc, c);
        xmlFreeDoc(doc);
    }
    xmlFreeParserCtxt(ctxt);
    return st;
}

saqr_status nasa_case_load(const char *path, nasa_case *c, saqr_err *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return err_set(err, SAQR_EIO, "%s: cannot open case file", path);
    fclose(f);
    return parse(path, NULL, 0, path, c, err);
}

saqr_status nasa_case_load_memory(const char *xml, size_t len, const char *name, nasa_case *c,
                                  saqr_err *err)
{
    if (len > (size_t)0x7fffffff)
        return err_set(err, SAQR_EPARSE, "%s: too large", name);
    return parse(NULL, xml, len, name, c, err);
}
