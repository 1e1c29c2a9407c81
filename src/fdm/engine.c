/*
 * engine.c - what every engine of a JSBSim-format aircraft shares: the
 * <engine> element's feed list and thruster, the engine's own <function>
 * elements (run before and after its Calculate, "propulsion/engine[#]"
 * naming), the common properties (set-running, thrust-lbs, fuel flow),
 * and dispatch to the engine types.  Also the small engines: electric
 * (power = rated power x throttle), rocket (liquid: Isp x propellant flow;
 * solid: thrust table against propellant burnt).  The turboprop is in
 * engine_turboprop.c, the brushless DC motor in engine_bldc.c.
 *
 * Reference: JSBSim src/models/propulsion/FGEngine.cpp, FGElectric.cpp,
 * FGRocket.cpp, src/math/FGModelFunctions.cpp.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fdm/propulsion_internal.h"
#include "math/trig.h"

/* ------------------------------------------------------------------ */
/* Helpers                                                              */

const char *const *engine_dirs_make(const jx_ctx *c, engine_dirs *ed)
{
    static const char *const sub[] = {"Engines", "engines", "Engine", "engine"};
    int nd = 0;
    if (c->aircraft_dir) {
        ed->dirs[nd++] = c->aircraft_dir;
        for (int k = 0; k < 4; k++) {
            snprintf(ed->buf[k], sizeof ed->buf[k], "%s/%s", c->aircraft_dir, sub[k]);
            ed->dirs[nd++] = ed->buf[k];
        }
    }
    if (c->root_dir) {
        snprintf(ed->buf[4], sizeof ed->buf[4], "%s/engine", c->root_dir);
        ed->dirs[nd++] = ed->buf[4];
    }
    ed->dirs[nd] = NULL;
    return ed->dirs;
}

saqr_status pj_opt(jx_ctx *c, const xmlNode *el, const char *name, const char *unit, double *out)
{
    double x;
    saqr_status st = jx_child_number(c, el, name, unit, 0, &x);
    if (st == SAQR_ENOTFOUND)
        return SAQR_OK;
    if (st == SAQR_OK)
        *out = x;
    return st;
}

int pj_slot(jx_ctx *c, const xmlNode *el, const char *prefix, int index, const char *suffix,
            unsigned flags)
{
    char full[64];
    snprintf(full, sizeof full, "propulsion/%s", prefix);
    int slot = prop_intern_indexed(c->props, full, index, suffix, flags, jx_where(c, el));
    if (slot < 0)
        jx_error(c, el, "cannot create property %s[%d]/%s", full, index, suffix);
    return slot;
}

double pj_lerp(const double (*xy)[2], int n, double x)
{
    if (x <= xy[0][0])
        return xy[0][1];
    if (x >= xy[n - 1][0])
        return xy[n - 1][1];
    /* the first i with x <= xy[i][0] (1 <= i < n), by halves: the same i
     * as a scan from the left, in ~4 steps for the piston's 15 points */
    int lo = 1, hi = n - 1;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (xy[mid][0] < x)
            lo = mid + 1;
        else
            hi = mid;
    }
    const int i = lo;
    double f = (x - xy[i - 1][0]) / (xy[i][0] - xy[i - 1][0]);
    return xy[i - 1][1] + f * (xy[i][1] - xy[i - 1][1]);
}

int engine_function_slot(const jx_ctx *c, const engine *e, const char *name)
{
    char full[PROP_NAME_MAX];
    snprintf(full, sizeof full, "propulsion/engine[%d]/%s", e->d->index, name);
    int found = -1;
    int slot = prop_find(c->props, full);
    for (int f = 0; f < e->d->npre && slot >= 0; f++)
        if (jfunc_output(e->d->pre[f]) == slot)
            found = slot;
    return found;
}

double pj_seek(double x, double target, double accel, double decel, double dt_s)
{
    if (x > target) {
        x -= dt_s * decel;
        if (x < target)
            x = target;
    } else if (x < target) {
        x += dt_s * accel;
        if (x > target)
            x = target;
    }
    return x;
}

void engine_run_functions(jfunc *const *f, int n, jfunc_native_sum native, const void *const *P, double *v)
{
    if (native) { /* the sum of their values is not used */
        (void)native(v, P, jfunc_native_api_get(), NULL);
        return;
    }
    for (int i = 0; i < n; i++)
        jfunc_eval(f[i], v, NULL);
}

/* ------------------------------------------------------------------ */
/* Simple engines                                                       */

struct simple_engine {
    double power_w;                 /* electric                           */
    /* rocket */
    double isp_s, buildup_time_s, prop_flow_max_pps, mixture_ratio;
    double sl_oxi_flow_max_pps, burn_time_s, total_propellant_lbs;
    double oxidizer_flow_pps, oxidizer_expended_lbs, vac_thrust_lbs;
    const jtable *thrust_table;
    int flameout;
    int s_thrust_var, s_isp_var;    /* <variation>s, fractions (JSBSim's _pct names) */
    double isp_var;                 /* this frame's total-impulse variation */
    /* common */
    double hp, rpm;
    int s_power, s_vac_thrust;
};

saqr_status simple_engine_load(jx_ctx *c, xmlNode *el, int type, engine *e)
{
    engine_def *ed = engine_def_loading(e);
    saqr_status st;
    simple_engine *s = arena_alloc(c->ar, sizeof *s);
    if (!s)
        return jx_error(c, el, "out of memory");
    e->simple = s;
    ed->type = type;
    s->s_power = s->s_vac_thrust = s->s_thrust_var = s->s_isp_var = -1;
    int i = ed->index;
    if (type == ENG_ELECTRIC) {
        static const char *const known[] = {"power", "function", "property", NULL};
        jx_warn_unknown(c, el, known);
        s->power_w = 745.7;
        if ((st = pj_opt(c, el, "power", "WATTS", &s->power_w)) != SAQR_OK)
            return st;
        if ((s->s_power = pj_slot(c, el, "engine", i, "power-hp", PROP_PRODUCED)) < 0)
            return SAQR_EPARSE;
    } else {
        static const char *const known[] = {"isp", "builduptime", "maxthrottle", "minthrottle",
                                            "slfuelflowmax", "sloxiflowmax", "propflowmax",
                                            "mixtureratio", "thrust_table", "variation",
                                            "function", "property", NULL};
        jx_warn_unknown(c, el, known);
        ed->min_throttle = 0.0;
        ed->max_throttle = 1.0;
        xmlNode *isp = jx_first(el, "isp");
        if (!isp)
            return jx_error(c, el, "a rocket engine needs its specific impulse <isp>");
        if (jx_first(isp, "function"))
            return jx_error(c, isp, "an <isp> function is not supported; give a number");
        double fuel_max = 0.0;
        if ((st = jx_number(c, isp, NULL, &s->isp_s)) ||
            (st = pj_opt(c, el, "builduptime", NULL, &s->buildup_time_s)) ||
            (st = pj_opt(c, el, "maxthrottle", NULL, &ed->max_throttle)) ||
            (st = pj_opt(c, el, "minthrottle", NULL, &ed->min_throttle)) ||
            (st = pj_opt(c, el, "slfuelflowmax", "LBS/SEC", &fuel_max)) ||
            (st = pj_opt(c, el, "sloxiflowmax", "LBS/SEC", &s->sl_oxi_flow_max_pps)) ||
            (st = pj_opt(c, el, "propflowmax", "LBS/SEC", &s->prop_flow_max_pps)) ||
            (st = pj_opt(c, el, "mixtureratio", NULL, &s->mixture_ratio)))
            return st;
        if (jx_first(el, "slfuelflowmax")) {
            s->prop_flow_max_pps = s->sl_oxi_flow_max_pps + fuel_max;
            s->mixture_ratio = s->sl_oxi_flow_max_pps / fuel_max;
        }
        xmlNode *tt = jx_first(el, "thrust_table");
        if (tt) {
            jtable *t;
            if ((st = jtable_load(c, tt, &t)) != SAQR_OK)
                return st;
            s->thrust_table = t;
        }
        /* a solid rocket's thrust and total impulse off nominal, as
         * fractions; writable (FGRocket's thrust-variation_pct and
         * total-isp-variation_pct) */
        double thrust_var = 0.0, isp_var = 0.0;
        xmlNode *var = jx_first(el, "variation");
        if (var) {
            static const char *const known_var[] = {"thrust", "total_isp", NULL};
            jx_warn_unknown(c, var, known_var);
            if ((st = pj_opt(c, var, "thrust", NULL, &thrust_var)) ||
                (st = pj_opt(c, var, "total_isp", NULL, &isp_var)))
                return st;
        }
        if ((s->s_thrust_var = pj_slot(c, el, "engine", i, "thrust-variation_pct", PROP_PRODUCED)) < 0 ||
            (s->s_isp_var = pj_slot(c, el, "engine", i, "total-isp-variation_pct", PROP_PRODUCED)) < 0)
            return SAQR_EPARSE;
        c->props->v[s->s_thrust_var] = thrust_var;
        c->props->v[s->s_isp_var] = isp_var;
        if ((s->s_vac_thrust = pj_slot(c, el, "engine", i, "vacuum-thrust_lbs",
                                       PROP_PRODUCED | PROP_READONLY)) < 0)
            return SAQR_EPARSE;
    }
    return SAQR_OK;
}

void simple_engine_reset(engine *e, const prop_in *in, double *v)
{
    simple_engine *s = e->simple;
    (void)in;
    s->hp = s->rpm = 0.0;
    s->burn_time_s = s->total_propellant_lbs = 0.0;
    s->oxidizer_flow_pps = s->oxidizer_expended_lbs = s->vac_thrust_lbs = 0.0;
    s->flameout = 0;
    simple_engine_write(e, v);
}

void simple_engine_write(const engine *e, double *v)
{
    const simple_engine *s = e->simple;
    if (s->s_power >= 0)
        v[s->s_power] = s->hp;
    if (s->s_vac_thrust >= 0)
        v[s->s_vac_thrust] = s->vac_thrust_lbs;
}

static void rocket_calculate(engine *e, simple_engine *s, const prop_in *in, const double *v)
{
    if (in->dt_s <= 0.0 || in->suspended)
        return; /* JSBSim skips rockets while integration is suspended, in
                 * a trim's steady-state runs too (its dt of 0.5 s would
                 * light a solid booster at the trim's full throttle) */
    double flow = (e->fuel_expended_lbs + s->oxidizer_expended_lbs) / in->dt_s;
    s->total_propellant_lbs += e->fuel_expended_lbs + s->oxidizer_expended_lbs;
    double throttle = e->ctl.throttle;
    if (s->thrust_table) { /* solid fuel */
        if ((throttle == 1 || s->burn_time_s > 0.0) && !e->starved) {
            s->isp_var = v[s->s_isp_var];
            s->vac_thrust_lbs = jtable_lookup(s->thrust_table, s->total_propellant_lbs, 0, 0) *
                                (v[s->s_thrust_var] + 1) * (s->isp_var + 1);
            if (s->burn_time_s <= s->buildup_time_s && s->buildup_time_s > 0.0)
                s->vac_thrust_lbs *= trig_sin((s->burn_time_s / s->buildup_time_s) * PJ_PI / 2.0);
            s->burn_time_s += in->dt_s;
        } else {
            s->vac_thrust_lbs = 0.0;
        }
    } else if (throttle < e->d->min_throttle || e->starved) {
        e->pct_power = 0.0;
        s->flameout = 1;
        s->vac_thrust_lbs = 0.0;
    } else {
        e->pct_power = throttle;
        s->flameout = 0;
        s->vac_thrust_lbs = s->isp_s * flow;
    }
    thruster_calculate(&e->thr, in, s->vac_thrust_lbs);
}

void simple_engine_calculate(engine *e, const prop_in *in, double *v)
{
    simple_engine *s = e->simple;
    engine_run_pre(e, v);
    if (e->thr.prop) {
        e->thr.prop->advance = e->ctl.advance;
        e->thr.prop->feathered = e->ctl.feather;
    }
    if (e->d->type == ENG_ROCKET) {
        rocket_calculate(e, s, in, v);
    } else {
        double throttle = e->ctl.throttle;
        s->rpm = thruster_geared_rpm(&e->thr);
        s->hp = s->power_w * throttle / 745.7; /* electric */
        double power = s->hp * PJ_HP_TO_FTLBPS;
        if (s->rpm <= 0.1)
            power = fmax(power, 0.0);
        thruster_calculate(&e->thr, in, power);
    }
    engine_run_post(e, v);
}

double simple_engine_fuel_need(engine *e, const prop_in *in)
{
    simple_engine *s = e->simple;
    if (e->d->type == ENG_ELECTRIC)
        return 0.0;
    if (e->d->type == ENG_ROCKET) {
        if (s->thrust_table) {
            /* a higher total impulse is more thrust from the same propellant */
            e->fuel_flow_rate_pps = s->isp_s > 0.0 ? s->vac_thrust_lbs / s->isp_s / (1 + s->isp_var) : 0.0;
        } else {
            e->sl_fuel_flow_max_pps = s->prop_flow_max_pps / (1 + s->mixture_ratio);
            e->fuel_flow_rate_pps = e->sl_fuel_flow_max_pps * e->pct_power;
        }
        e->fuel_expended_lbs = e->fuel_flow_rate_pps * in->dt_s;
        return e->fuel_expended_lbs;
    }
    return 0.0;
}

double simple_engine_oxidizer_need(engine *e, const prop_in *in)
{
    simple_engine *s = e->simple;
    s->sl_oxi_flow_max_pps = s->prop_flow_max_pps * s->mixture_ratio / (1 + s->mixture_ratio);
    s->oxidizer_flow_pps = s->sl_oxi_flow_max_pps * e->pct_power;
    s->oxidizer_expended_lbs = s->oxidizer_flow_pps * in->dt_s;
    return s->oxidizer_expended_lbs;
}

/* ------------------------------------------------------------------ */
/* Common loading                                                       */

/* Loads one <function> of an engine, naming its output as JSBSim does:
 * "propulsion/engine[#]/" for the turbine's table names, '#' -> index. */
static saqr_status load_engine_function(jx_ctx *c, xmlNode *fel, int index, jfunc **out)
{
    static const char *const turbine_names[] = {"IdleThrust", "MilThrust", "AugThrust",
                                                "Injection", "N1SpoolUp", "N1SpoolDown",
                                                "N2SpoolUp", "N2SpoolDown", "EnginePowerVC",
                                                NULL};
    const char *name = jx_attr(c, fel, "name");
    char full[PROP_NAME_MAX] = "";
    int renamed = 0;
    if (name)
        for (int k = 0; turbine_names[k]; k++)
            if (strcmp(name, turbine_names[k]) == 0) {
                snprintf(full, sizeof full, "propulsion/engine[#]/%s", name);
                renamed = 1;
            }
    if (renamed)
        xmlSetProp((xmlNode *)fel, (const xmlChar *)"name", (const xmlChar *)full);
    /* '#' in the name and in the properties it reads -> the engine number */
    char prefix[16];
    snprintf(prefix, sizeof prefix, "%d", index);
    saqr_status st = jfunc_load_prefixed(c, fel, prefix, out);
    if (renamed) /* the document may be shared with another engine */
        xmlSetProp((xmlNode *)fel, (const xmlChar *)"name", (const xmlChar *)name);
    return st;
}

static saqr_status load_functions(jx_ctx *c, xmlNode *type_el, engine *e)
{
    engine_def *ed = engine_def_loading(e);
    int n = jx_count(type_el, "function");
    if (n == 0)
        return SAQR_OK;
    ed->pre = arena_array(c->ar, (size_t)n, sizeof *ed->pre);
    ed->post = arena_array(c->ar, (size_t)n, sizeof *ed->post);
    if (!ed->pre || !ed->post)
        return jx_error(c, type_el, "out of memory");
    for (xmlNode *f = jx_first(type_el, "function"); f; f = jx_next(f, "function")) {
        const char *type = jx_attr(c, f, "type");
        jfunc *fn;
        saqr_status st;
        int t = jfunc_template_take(c, f);
        if (t < 0)
            return SAQR_EPARSE;
        if (t)
            continue;
        if ((st = load_engine_function(c, f, ed->index, &fn)) != SAQR_OK)
            return st;
        if (type && strcmp(type, "post") == 0)
            ed->post[ed->npost++] = fn;
        else
            ed->pre[ed->npre++] = fn;
    }
    return SAQR_OK;
}

/* <property value="..."> declarations inside the engine definition. */
static saqr_status load_local_properties(jx_ctx *c, xmlNode *type_el)
{
    for (xmlNode *p = jx_first(type_el, "property"); p; p = jx_next(p, "property")) {
        int slot = jx_property(c, p, NULL, PROP_INPUT);
        if (slot < 0)
            return SAQR_EPARSE;
        const char *value = jx_attr(c, p, "value");
        if (value) {
            char *end;
            double x = strtod(value, &end);
            if (end == value)
                return jx_error(c, p, "bad property value \"%s\"", value);
            c->props->v[slot] = x;
        }
    }
    return SAQR_OK;
}

static saqr_status load_thruster(jx_ctx *c, xmlNode *engine_el, engine *e)
{
    xmlNode *tel = jx_first(engine_el, "thruster");
    if (!tel)
        return jx_error(c, engine_el, "no thruster definition supplied with the engine");
    engine_dirs ed;
    const char *const *dirs = engine_dirs_make(c, &ed);
    xmlNode *def = jx_resolve(c, tel, dirs);
    if (!def)
        return SAQR_EPARSE;
    if (def == tel) {
        static const char *const kinds[] = {"propeller", "nozzle", "direct", "rotor", NULL};
        def = NULL;
        for (int k = 0; kinds[k] && !def; k++)
            def = jx_first(tel, kinds[k]);
        if (!def)
            return jx_error(c, tel, "unknown thruster type (propeller, nozzle, direct or rotor)");
    }
    return thruster_load(c, tel, def, e->d->index, &e->thr);
}

saqr_status engine_load_common(jx_ctx *c, xmlNode *type_el, xmlNode *engine_el, int index,
                               engine *e)
{
    engine_def *ed = engine_def_loading(e);
    saqr_status st;
    ed->index = index;
    ed->name = jx_attr(c, type_el, "name");
    ed->max_throttle = 1.0;
    ed->min_throttle = 0.0;
    ed->fuel_density_lbspgal = 6.02;
    if (jx_first(engine_el, "location"))
        jx_warn(c, engine_el, "engine location ignored, only the thruster location is used");
    if (jx_first(engine_el, "orient"))
        jx_warn(c, engine_el, "engine orientation ignored, only the thruster's is used");

    if ((st = load_local_properties(c, type_el)) != SAQR_OK ||
        (st = load_functions(c, type_el, e)) != SAQR_OK ||
        (st = load_thruster(c, engine_el, e)) != SAQR_OK)
        return st;

    ed->nfeed = jx_count(engine_el, "feed");
    if (ed->nfeed > 0 && !(ed->feed = arena_array(c->ar, (size_t)ed->nfeed, sizeof *ed->feed)))
        return jx_error(c, engine_el, "out of memory");
    int k = 0;
    for (xmlNode *f = jx_first(engine_el, "feed"); f; f = jx_next(f, "feed")) {
        double x;
        if ((st = jx_number(c, f, NULL, &x)) != SAQR_OK)
            return st;
        ed->feed[k++] = prop_int(x);
    }

    const unsigned out = PROP_PRODUCED | PROP_READONLY;
    if ((ed->s_set_running = pj_slot(c, engine_el, "engine", index, "set-running", PJ_MIRRORED)) < 0 ||
        (ed->s_thrust = pj_slot(c, engine_el, "engine", index, "thrust-lbs", out)) < 0 ||
        (ed->s_ffr_pps = pj_slot(c, engine_el, "engine", index, "fuel-flow-rate-pps", out)) < 0 ||
        (ed->s_ffr_gph = pj_slot(c, engine_el, "engine", index, "fuel-flow-rate-gph", out)) < 0 ||
        (ed->s_fuel_used = pj_slot(c, engine_el, "engine", index, "fuel-used-lbs", out)) < 0)
        return SAQR_EPARSE;
    const char *where = jx_where(c, engine_el);
    prop_tree *t = c->props;
    if ((ed->s_throttle_pos = prop_intern_indexed(t, "fcs/throttle-pos-norm", index, "", PROP_READ, where)) < 0 ||
        (ed->s_mixture_pos = prop_intern_indexed(t, "fcs/mixture-pos-norm", index, "", PROP_READ, where)) < 0 ||
        (ed->s_mixture_cmd = prop_intern_indexed(t, "fcs/mixture-cmd-norm", index, "", PROP_READ, where)) < 0 ||
        (ed->s_advance_pos = prop_intern_indexed(t, "fcs/advance-pos-norm", index, "", PROP_READ, where)) < 0 ||
        (ed->s_feather_pos = prop_intern_indexed(t, "fcs/feather-pos-norm", index, "", PROP_READ, where)) < 0)
        return jx_error(c, engine_el, "cannot create the engine's fcs properties");
    return SAQR_OK;
}

/* ------------------------------------------------------------------ */
/* Dispatch                                                             */

void engine_reset(engine *e, const prop_in *in, double *v)
{
    e->starter = 0;
    e->fuel_expended_lbs = 0.0;
    e->starved = e->running = e->cranking = 0;
    e->pct_power = 0.0;
    e->fuel_flow_gph = e->fuel_flow_pph = e->fuel_flow_rate_pps = 0.0;
    e->fuel_freeze = 0;
    e->fuel_used_lbs = 0.0;
    thruster_reset(&e->thr, v);
    switch (e->d->type) {
    case ENG_PISTON: piston_reset(e, in, v); break;
    case ENG_TURBINE: turbine_reset(e, in, v); break;
    case ENG_TURBOPROP: turboprop_reset(e, in, v); break;
    case ENG_BLDC: bldc_reset(e, v); break;
    default: simple_engine_reset(e, in, v); break;
    }
    engine_write(e, v);
}

void engine_read(engine *e, const double *v, int mirrors)
{
    e->ctl.throttle = v[e->d->s_throttle_pos];
    e->ctl.mixture = v[e->d->s_mixture_pos];
    e->ctl.advance = v[e->d->s_advance_pos];
    e->ctl.feather = v[e->d->s_feather_pos] != 0.0;
    thruster_read_controls(&e->thr, v);
    if (!mirrors)
        return;
    e->running = v[e->d->s_set_running] != 0.0;
    thruster_read(&e->thr, v);
    if (e->d->type == ENG_PISTON)
        piston_read(e, v);
    else if (e->d->type == ENG_TURBINE)
        turbine_read(e, v);
    else if (e->d->type == ENG_TURBOPROP)
        turboprop_read(e, v);
}

int engine_mirrors_foreign(const engine *e, const unsigned *flags)
{
    if (pj_any_foreign(flags, &e->d->s_set_running, 1) || thruster_mirrors_foreign(&e->thr, flags))
        return 1;
    switch (e->d->type) {
    case ENG_PISTON: return piston_mirrors_foreign(e, flags);
    case ENG_TURBINE: return turbine_mirrors_foreign(e, flags);
    case ENG_TURBOPROP: return turboprop_mirrors_foreign(e, flags);
    default: return 0;
    }
}

void engine_calculate(engine *e, const prop_in *in, double *v)
{
    switch (e->d->type) {
    case ENG_PISTON: piston_calculate(e, in, v); break;
    case ENG_TURBINE: turbine_calculate(e, in, v); break;
    case ENG_TURBOPROP: turboprop_calculate(e, in, v); break;
    case ENG_BLDC: bldc_calculate(e, in, v); break;
    default: simple_engine_calculate(e, in, v); break;
    }
}

/* Fuel burnt this frame at the engine's fuel flow rate, added to the
 * fuel used unless the engine is starved. */
static double fuel_expended(engine *e, const prop_in *in)
{
    e->fuel_expended_lbs = e->fuel_flow_rate_pps * in->dt_s;
    if (!e->starved)
        e->fuel_used_lbs += e->fuel_expended_lbs;
    return e->fuel_expended_lbs;
}

double engine_calc_fuel_need(engine *e, const prop_in *in)
{
    switch (e->d->type) {
    case ENG_PISTON: return fuel_expended(e, in); /* its Calculate sets the rate */
    case ENG_TURBINE:
    case ENG_TURBOPROP: /* they compute the flow in pounds per hour */
        e->fuel_flow_rate_pps = e->fuel_flow_pph / 3600.0;
        return fuel_expended(e, in);
    case ENG_BLDC: return 0.0; /* FGEngine's SLFuelFlowMax x PctPower, both 0 */
    default: return simple_engine_fuel_need(e, in);
    }
}

double engine_calc_oxidizer_need(engine *e, const prop_in *in)
{
    return e->d->type == ENG_ROCKET ? simple_engine_oxidizer_need(e, in) : 0.0;
}

void engine_init_running(engine *e, const prop_in *in, double *v)
{
    switch (e->d->type) {
    case ENG_PISTON: piston_init_running(e, in); break;
    case ENG_TURBINE: turbine_init_running(e, in, v); break;
    case ENG_TURBOPROP: turboprop_init_running(e, in, v); break;
    default: e->running = 1; break;
    }
}

void engine_write(const engine *e, double *v)
{
    v[e->d->s_set_running] = e->running;
    v[e->d->s_thrust] = e->thr.thrust_lbs;
    v[e->d->s_ffr_pps] = e->fuel_flow_rate_pps;
    v[e->d->s_ffr_gph] = e->fuel_flow_rate_pps * 3600.0 / e->d->fuel_density_lbspgal;
    v[e->d->s_fuel_used] = e->fuel_used_lbs;
    thruster_write(&e->thr, v);
    switch (e->d->type) {
    case ENG_PISTON: piston_write(e, v); break;
    case ENG_TURBINE: turbine_write(e, v); break;
    case ENG_TURBOPROP: turboprop_write(e, v); break;
    case ENG_BLDC: bldc_write(e, v); break;
    default: simple_engine_write(e, v); break;
    }
}

/* A copy for another aircraft of a batch (tables shared, read-only). */
simple_engine *simple_engine_clone(arena *ar, const simple_engine *src)
{
    return arena_dup(ar, src, sizeof *src);
}

/* Appends the output slots of functions f[0..n-1]; -1 when over max. */
static int function_slots(jfunc *const *f, int n, int *slot, int count, int max)
{
    for (int i = 0; i < n && count >= 0; i++)
        if (jfunc_output(f[i]) >= 0)
            count = count < max ? (slot[count] = jfunc_output(f[i]), count + 1) : -1;
    return count;
}

int engine_state_regions(const engine *e, engine_state_regions_t *st)
{
    st->n = 0;
    st->nslots = 0;
    st->thermal_region = -1;
    st->thermal_offset = st->thermal_size = 0;
    /* while the engine alone runs, only its functions write properties;
     * they are pure functions of the properties (engine_run_functions
     * gives them no random stream) */
    if (e->thr.rot || !(e->d->type == ENG_PISTON ? e->pis != NULL : e->d->type == ENG_TURBINE && e->tur))
        return 0;
    int nslots = function_slots(e->d->pre, e->d->npre, st->slot, 0, ENGINE_STATE_SLOTS);
    nslots = function_slots(e->d->post, e->d->npost, st->slot, nslots, ENGINE_STATE_SLOTS);
    if (e->d->type == ENG_TURBINE && nslots >= 0)
        nslots = turbine_written_slots(e, st->slot, nslots, ENGINE_STATE_SLOTS);
    if (nslots < 0)
        return 0;
    st->nslots = nslots;
    st->ptr[st->n] = e;
    st->size[st->n++] = sizeof *e;
    if (e->d->type == ENG_PISTON) {
        st->thermal_region = st->n;
        piston_thermal(&st->thermal_offset, &st->thermal_size);
        st->ptr[st->n] = e->pis;
        st->size[st->n++] = piston_record_size();
    } else {
        st->ptr[st->n] = e->tur;
        st->size[st->n++] = turbine_record_size();
    }
    if (e->thr.prop) {
        st->ptr[st->n] = e->thr.prop;
        st->size[st->n++] = sizeof *e->thr.prop;
    }
    return st->n;
}

void engine_thermal_inputs(const engine *e, const prop_in *in, piston_thermal_in *t)
{
    if (e->d->type == ENG_PISTON)
        piston_thermal_inputs(e, in, t);
    else
        memset(t, 0, sizeof *t);
}

void engine_thermal_apply(engine *e, const piston_thermal_in *t)
{
    if (e->d->type == ENG_PISTON)
        piston_thermal_apply(e, t);
}

/* After a struct copy of an engine: its type's record and its propeller
 * become copies of their own (they hold the engine's state).  Returns 0,
 * or -1 when memory runs out. */
int engine_clone_parts(arena *ar, engine *e)
{
    if ((e->pis && !(e->pis = piston_clone(ar, e->pis))) ||
        (e->tur && !(e->tur = turbine_clone(ar, e->tur))) ||
        (e->simple && !(e->simple = simple_engine_clone(ar, e->simple))) ||
        (e->tp && !(e->tp = turboprop_clone(ar, e->tp))) || (e->bl && !(e->bl = bldc_clone(ar, e->bl))) ||
        (e->thr.prop && !(e->thr.prop = propeller_clone(ar, e->thr.prop))) ||
        (e->thr.rot && !(e->thr.rot = rotor_clone(ar, e->thr.rot))))
        return -1;
    return 0;
}
