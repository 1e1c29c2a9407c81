/*
 * propulsion.c - the <propulsion> model of a JSBSim-format aircraft:
 * loads tanks and engines (engine and thruster files looked up in the
 * aircraft folder, its Engines/engines/Engine/engine folders and
 * root/engine, as FGPropulsion::FindFullPathName), runs every engine each
 * frame, feeds it from its tanks (highest priority first, shared equally
 * among the selected tanks of that priority that hold more than their
 * unusable fuel; starved when none), sums thrust forces and moments about
 * the CG, updates tank temperatures and totals, refuels and dumps fuel,
 * and applies the commands propulsion/starter_cmd, magneto_cmd,
 * cutoff_cmd and active_engine as JSBSim's tied setters would (on a
 * change of the slot's value, at the start of the next frame).
 *
 * InitRunning (IC <running>, propulsion/set-running) sets the throttle
 * and mixture to 1, starts the engine and runs it to a steady state at
 * dt = 0.5 s, as FGPropulsion::GetSteadyState.
 *
 * Reference: JSBSim src/models/FGPropulsion.cpp, src/FGFDMExec.cpp
 * (LoadInputs for the propulsion inputs), src/models/FGAuxiliary.cpp
 * (total pressure and temperature).
 */
#include <math.h>
#include <string.h>

#include "fdm/propulsion_internal.h"
#include "math/units.h"

#define SL_PRESSURE_PSF 2116.228      /* JSBSim's standard day sea level */
#define SL_TEMPERATURE_R 518.67
#define SL_DENSITY_KGPM3 1.225
#define PROP_MAX_FEEDS 64             /* <feed> elements per engine       */

/* Inputs for the engines from the environment (FGFDMExec::LoadInputs). */
static void inputs_from_env(const fdm_env *env, prop_in *in)
{
    const double ft = M_PER_FT;
    /* every member is set below (no memset: this runs every frame) */
    in->trimming = in->suspended = 0;
    in->pressure_psf = env->atmos.pressure_pa / PA_PER_PSF;
    /* ratios to the day's sea level, as JSBSim's FGAtmosphere
     * (GetPressureRatio, GetDensityRatio): P-sl-psf and delta-T move it */
    in->pressure_ratio = env->atmos.pressure_pa / env->sl_pressure_pa;
    in->temperature_r = env->atmos.temperature_k * 1.8;
    in->density_slugpft3 = env->atmos.density_kgpm3 / KGPM3_PER_SLUGPFT3;
    in->density_ratio = env->atmos.density_kgpm3 / env->sl_density_kgpm3;
    in->sound_speed_fps = env->atmos.sound_speed_mps / ft;
    double m = env->mach;
    if (m < 0.0) {
        in->total_pressure_psf = in->pressure_psf;
    } else if (m < 1.0) {
        double x = 1.0 + 0.2 * m * m;   /* x^3.5 without pow */
        in->total_pressure_psf = in->pressure_psf * x * x * x * sqrt(x);
    } else { /* Rayleigh pitot formula behind a normal shock */
        double coeff = pow(1.2, 3.5) * pow(6.0, 2.5);
        in->total_pressure_psf = in->pressure_psf * coeff * pow(m, 7.0) / pow(7.0 * m * m - 1.0, 2.5);
    }
    in->tat_c = (in->temperature_r * (1.0 + 0.2 * m * m) - 491.67) / 1.8;
    in->vt_fps = env->tas_mps / ft;
    in->vc_kts = env->cas_mps / MPS_PER_KT;
    in->qbar_psf = env->qbar_pa / PA_PER_PSF;
    in->alpha_rad = env->alpha_rad;
    in->beta_rad = env->beta_rad;
    for (int i = 0; i < 3; i++) {
        in->aero_uvw_fps[i] = env->vel_air_body_mps[i] / ft;
        in->aero_pqr_radps[i] = env->omega_air_body_radps[i];
        in->pqri_radps[i] = env->omega_inertial_radps[i];
        in->cg_in[i] = env->cg_struct_m[i] / M_PER_IN;
    }
    in->dt_s = env->dt_s;
    in->h_agl_ft = env->alt_agl_m / ft;
}

/* Standard sea level at rest: what the engines see when reset before any
 * frame has run (JSBSim initialises its models with that atmosphere). */
static void inputs_sea_level(prop_in *in)
{
    memset(in, 0, sizeof *in);
    in->pressure_psf = in->total_pressure_psf = SL_PRESSURE_PSF;
    in->pressure_ratio = in->density_ratio = 1.0;
    in->temperature_r = SL_TEMPERATURE_R;
    in->density_slugpft3 = SL_DENSITY_KGPM3 / KGPM3_PER_SLUGPFT3;
    in->sound_speed_fps = 1116.45;
    in->tat_c = (SL_TEMPERATURE_R - 491.67) / 1.8;
}

/* ------------------------------------------------------------------ */
/* Loading                                                              */

static saqr_status load_engine(jx_ctx *c, xmlNode *engine_el, int index, engine *e)
{
    engine_dirs ed;
    const char *const *dirs = engine_dirs_make(c, &ed);
    xmlNode *type_el = jx_resolve(c, engine_el, dirs);
    if (!type_el)
        return SAQR_EPARSE;
    if (type_el == engine_el) { /* inline definition */
        static const char *const kinds[] = {"piston_engine", "turbine_engine", "turboprop_engine",
                                            "rocket_engine", "electric_engine",
                                            "brushless_dc_motor", NULL};
        type_el = NULL;
        for (int k = 0; kinds[k] && !type_el; k++)
            type_el = jx_first(engine_el, kinds[k]);
        if (!type_el)
            return jx_error(c, engine_el, "unknown engine type");
    }
    engine_def *d = arena_alloc(c->ar, sizeof *d);
    if (!d)
        return jx_error(c, engine_el, "out of memory");
    e->d = d;
    saqr_status st = engine_load_common(c, type_el, engine_el, index, e);
    if (st != SAQR_OK)
        return st;
    if (jx_is(type_el, "piston_engine"))
        return piston_load(c, type_el, e);
    if (jx_is(type_el, "turbine_engine"))
        return turbine_load(c, type_el, e);
    if (jx_is(type_el, "turboprop_engine"))
        return turboprop_load(c, type_el, e);
    if (jx_is(type_el, "rocket_engine"))
        return simple_engine_load(c, type_el, ENG_ROCKET, e);
    if (jx_is(type_el, "electric_engine"))
        return simple_engine_load(c, type_el, ENG_ELECTRIC, e);
    if (jx_is(type_el, "brushless_dc_motor"))
        return bldc_load(c, type_el, e);
    return jx_error(c, type_el, "unknown engine type <%s>", (const char *)type_el->name);
}

static saqr_status load_model_functions(jx_ctx *c, xmlNode *el, propulsion *p)
{
    int n = jx_count(el, "function");
    if (n == 0)
        return SAQR_OK;
    p->pre = arena_array(c->ar, (size_t)n, sizeof *p->pre);
    p->post = arena_array(c->ar, (size_t)n, sizeof *p->post);
    if (!p->pre || !p->post)
        return jx_error(c, el, "out of memory");
    for (xmlNode *f = jx_first(el, "function"); f; f = jx_next(f, "function")) {
        const char *type = jx_attr(c, f, "type");
        int t = jfunc_template_take(c, f);
        if (t < 0)
            return SAQR_EPARSE;
        if (t)
            continue;
        jfunc *fn;
        saqr_status st = jfunc_load(c, f, &fn);
        if (st != SAQR_OK)
            return st;
        if (type && strcmp(type, "post") == 0)
            p->post[p->npost++] = fn;
        else
            p->pre[p->npre++] = fn;
    }
    return SAQR_OK;
}

static saqr_status bind(jx_ctx *c, const xmlNode *el, propulsion *p)
{
    prop_tree *t = c->props;
    const char *w = jx_where(c, el);
    const unsigned cmd = PROP_INPUT | PROP_PRODUCED, out = PROP_PRODUCED | PROP_READONLY;
    static const char *const fnames[3] = {"forces/fbx-prop-lbs", "forces/fby-prop-lbs",
                                          "forces/fbz-prop-lbs"};
    static const char *const mnames[3] = {"moments/l-prop-lbsft", "moments/m-prop-lbsft",
                                          "moments/n-prop-lbsft"};
    p->s_starter = p->s_magneto = p->s_cutoff = -1;
    if ((p->s_set_running = prop_intern(t, "propulsion/set-running", PROP_INPUT | PROP_ACTION, w)) < 0 ||
        (p->s_active = prop_intern(t, "propulsion/active_engine", cmd, w)) < 0 ||
        (p->s_total_fuel = prop_intern(t, "propulsion/total-fuel-lbs", PROP_PRODUCED, w)) < 0 ||
        (p->s_total_ox = prop_intern(t, "propulsion/total-oxidizer-lbs", PROP_PRODUCED, w)) < 0 ||
        (p->s_refuel = prop_intern(t, "propulsion/refuel", PROP_INPUT, w)) < 0 ||
        (p->s_dump = prop_intern(t, "propulsion/fuel_dump", PROP_INPUT, w)) < 0 ||
        (p->s_freeze = prop_intern(t, "propulsion/fuel_freeze", PROP_INPUT, w)) < 0)
        return jx_error(c, el, "cannot create the propulsion properties");
    if ((p->have_turbo || p->have_piston) &&
        (p->s_starter = prop_intern(t, "propulsion/starter_cmd", cmd, w)) < 0)
        return jx_error(c, el, "cannot create propulsion/starter_cmd");
    if (p->have_turbo && (p->s_cutoff = prop_intern(t, "propulsion/cutoff_cmd", cmd, w)) < 0)
        return jx_error(c, el, "cannot create propulsion/cutoff_cmd");
    if (p->have_piston && (p->s_magneto = prop_intern(t, "propulsion/magneto_cmd", PROP_INPUT, w)) < 0)
        return jx_error(c, el, "cannot create propulsion/magneto_cmd");
    for (int i = 0; i < 3; i++)
        if ((p->s_force[i] = prop_intern(t, fnames[i], out, w)) < 0 ||
            (p->s_moment[i] = prop_intern(t, mnames[i], out, w)) < 0)
            return jx_error(c, el, "cannot create the propulsion force properties");
    return SAQR_OK;
}

saqr_status propulsion_load(jx_ctx *c, const xmlNode *el, propulsion **out)
{
    static const char *const known[] = {"tank", "engine", "dump-rate", "refuel-rate",
                                        "function", "property", NULL};
    saqr_status st;
    propulsion *p = arena_alloc(c->ar, sizeof *p);
    if (!p)
        return jx_error(c, el, "out of memory");
    p->active_engine = -1;
    p->refuel_rate_lbspmin = 6000.0;
    p->s_set_running = p->s_starter = p->s_magneto = p->s_cutoff = p->s_active = -1;
    p->s_total_fuel = p->s_total_ox = p->s_refuel = p->s_dump = p->s_freeze = -1;
    for (int i = 0; i < 3; i++)
        p->s_force[i] = p->s_moment[i] = -1;
    *out = NULL;
    if (!el) {
        *out = p;
        return SAQR_OK;
    }
    xmlNode *pel = (xmlNode *)el;
    jx_warn_unknown(c, pel, known);
    for (xmlNode *pr = jx_first(pel, "property"); pr; pr = jx_next(pr, "property"))
        if (jx_property(c, pr, NULL, PROP_INPUT) < 0)
            return SAQR_EPARSE;
    if ((st = load_model_functions(c, pel, p)) != SAQR_OK)
        return st;

    double fuel_density = 6.0;
    p->ntanks = jx_count(pel, "tank");
    if (p->ntanks > 0 && !(p->tanks = arena_array(c->ar, (size_t)p->ntanks, sizeof *p->tanks)))
        return jx_error(c, pel, "out of memory");
    int k = 0;
    for (xmlNode *t = jx_first(pel, "tank"); t; t = jx_next(t, "tank"), k++) {
        if ((st = tank_load(c, t, k, &p->tanks[k])) != SAQR_OK)
            return st;
        if (p->tanks[k].d->type == TANK_FUEL)
            fuel_density = p->tanks[k].d->density_lbspgal;
    }

    p->neng = jx_count(pel, "engine");
    if (p->neng > 0 && !(p->eng = arena_array(c->ar, (size_t)p->neng, sizeof *p->eng)))
        return jx_error(c, pel, "out of memory");
    k = 0;
    for (xmlNode *e = jx_first(pel, "engine"); e; e = jx_next(e, "engine"), k++) {
        if ((st = load_engine(c, e, k, &p->eng[k])) != SAQR_OK)
            return st;
        engine *en = &p->eng[k];
        if (en->d->nfeed > PROP_MAX_FEEDS)
            return jx_error(c, e, "engine %d has more than %d <feed> tanks", k, PROP_MAX_FEEDS);
        for (int f = 0; f < en->d->nfeed; f++)
            if (en->d->feed[f] < 0 || en->d->feed[f] >= p->ntanks)
                return jx_error(c, e, "engine %d feeds from tank %d, which does not exist", k,
                                en->d->feed[f]);
        engine_def_loading(en)->fuel_density_lbspgal = fuel_density;
        if (en->d->type == ENG_PISTON)
            p->have_piston = 1;
        if (en->d->type == ENG_TURBINE || en->d->type == ENG_TURBOPROP)
            p->have_turbo = 1;
    }
    for (k = 0; k < p->neng; k++) {
        rotor *r = p->eng[k].thr.rot;
        if (r && rotor_source(r) >= 0 && (st = rotor_link(c, r, &p->eng[rotor_source(r)].thr)))
            return st;
    }
    if ((st = pj_opt(c, pel, "dump-rate", "LBS/MIN", &p->dump_rate_lbspmin)) ||
        (st = pj_opt(c, pel, "refuel-rate", "LBS/MIN", &p->refuel_rate_lbspmin)))
        return st;
    if (p->neng > 0 && (st = bind(c, pel, p)) != SAQR_OK)
        return st;
    propulsion_reset(p, c->props->v);
    p->mirrors_foreign = 1; /* until propulsion_settle_flags knows better */
    *out = p;
    return SAQR_OK;
}

void propulsion_set_dt(propulsion *p, double dt_s)
{
    for (int i = 0; p && i < p->neng; i++)
        if (p->eng[i].thr.rot)
            rotor_set_dt(p->eng[i].thr.rot, dt_s);
}

/* Runs one engine; a rotor that follows another first takes its speed. */
void propulsion_calculate_engine(propulsion *p, engine *e, double *v)
{
    rotor *r = e->thr.rot;
    if (r && rotor_source(r) >= 0)
        rotor_follow(r, p->eng[rotor_source(r)].thr.rot);
    engine_calculate(e, &p->in, v);
}

int propulsion_engine_count(const propulsion *p)
{
    return p ? p->neng : 0;
}

int propulsion_has_propeller(const propulsion *p, int index)
{
    return p && index >= 0 && index < p->neng && p->eng[index].thr.type == THR_PROPELLER;
}

void propulsion_set_propeller_rpm(propulsion *p, int index, double rpm)
{
    if (propulsion_has_propeller(p, index))
        thruster_set_rpm(&p->eng[index].thr, rpm);
}

void propulsion_throttle_range(const propulsion *p, int index, double *min, double *max)
{
    *min = 0.0;
    *max = 1.0;
    if (p && index >= 0 && index < p->neng) {
        *min = p->eng[index].d->min_throttle;
        *max = p->eng[index].d->max_throttle;
    }
}

/* ------------------------------------------------------------------ */
/* Commands                                                             */

static void write_totals(propulsion *p, double *v)
{
    if (p->s_total_fuel < 0)
        return;
    v[p->s_total_fuel] = p->total_fuel_lbs;
    v[p->s_total_ox] = p->total_oxidizer_lbs;
    for (int i = 0; i < 3; i++) {
        v[p->s_force[i]] = p->forces_lbs[i];
        v[p->s_moment[i]] = p->moments_ftlb[i];
    }
}

/* Getter values of the command properties (FGPropulsion::GetStarter,
 * GetCutoff), stored so that a later write can be told from them. */
static void write_commands(propulsion *p, double *v)
{
    if (p->s_active < 0)
        return;
    v[p->s_active] = p->active_engine;
    p->last_active = p->active_engine;
    if (p->s_starter >= 0) {
        int all = 1;
        if (p->active_engine < 0) {
            for (int i = 0; i < p->neng; i++)
                all &= p->eng[i].starter != 0;
        } else {
            all = p->eng[p->active_engine].starter != 0;
        }
        v[p->s_starter] = all;
        p->last_starter = all;
    }
    if (p->s_cutoff >= 0) {
        int cut = 1, other = 0;
        for (int i = 0; i < p->neng; i++) {
            if (p->active_engine >= 0 && i != p->active_engine)
                continue;
            if (p->eng[i].d->type == ENG_TURBINE)
                cut &= turbine_get_cutoff(&p->eng[i]);
            else if (p->eng[i].d->type == ENG_TURBOPROP)
                cut &= turboprop_get_cutoff(&p->eng[i]);
            else
                other = 1;
        }
        v[p->s_cutoff] = other ? -1 : cut;
        p->last_cutoff = v[p->s_cutoff];
    }
    if (p->s_magneto >= 0)
        p->last_magneto = v[p->s_magneto];
}

static void apply_commands(propulsion *p, double *v)
{
    if (p->s_active < 0)
        return;
    if (v[p->s_active] != p->last_active) {
        int a = prop_int(v[p->s_active]);
        p->active_engine = (a >= p->neng || a < 0) ? -1 : a;
    }
    int lo = p->active_engine < 0 ? 0 : p->active_engine;
    int hi = p->active_engine < 0 ? p->neng : p->active_engine + 1;
    if (p->s_magneto >= 0 && v[p->s_magneto] != p->last_magneto)
        for (int i = lo; i < hi; i++)
            piston_set_magnetos(&p->eng[i], prop_int(v[p->s_magneto]));
    if (p->s_starter >= 0 && v[p->s_starter] != p->last_starter)
        for (int i = lo; i < hi; i++)
            p->eng[i].starter = v[p->s_starter] != 0.0;
    if (p->s_cutoff >= 0 && v[p->s_cutoff] != p->last_cutoff)
        for (int i = lo; i < hi; i++) {
            turbine_set_cutoff(&p->eng[i], v[p->s_cutoff] != 0.0);
            turboprop_set_cutoff(&p->eng[i], v[p->s_cutoff] != 0.0);
        }
}

/* ------------------------------------------------------------------ */
/* Frame                                                                */

void propulsion_reset(propulsion *p, double *v)
{
    if (!p)
        return;
    p->mirrors_stale = 1;
    prop_in in;
    inputs_sea_level(&in);
    p->in = in;
    p->total_fuel_lbs = p->total_oxidizer_lbs = 0.0;
    memset(p->forces_lbs, 0, sizeof p->forces_lbs);
    memset(p->moments_ftlb, 0, sizeof p->moments_ftlb);
    p->active_engine = -1;
    for (int i = 0; i < p->ntanks; i++) {
        tank_reset(&p->tanks[i], v);
        if (p->tanks[i].d->type == TANK_FUEL)
            p->total_fuel_lbs += p->tanks[i].contents_lbs;
        else
            p->total_oxidizer_lbs += p->tanks[i].contents_lbs;
    }
    for (int i = 0; i < p->neng; i++)
        engine_reset(&p->eng[i], &in, v);
    if (p->s_refuel >= 0)
        v[p->s_refuel] = v[p->s_dump] = v[p->s_freeze] = 0.0;
    if (p->s_magneto >= 0)
        v[p->s_magneto] = 0.0;
    write_totals(p, v);
    write_commands(p, v);
}

/* Whether tank t may feed this frame: of the type, holding usable fuel,
 * with a priority JSBSim's search reaches (1 .. the number of tanks). */
static int may_feed(const propulsion *p, const tank *t, int type)
{
    return t->d->type == type && t->priority >= 1 && t->priority <= p->ntanks && t->contents_lbs > tank_unusable_lbs(t);
}

/* The selected tanks of priority prio (1 .. the number of tanks) that may
 * feed, in the order of the feeds, into list; returns how many. */
static int feeds_of(const propulsion *p, const engine *e, int type, int prio, int *list)
{
    int n = 0;
    for (int f = 0; f < e->d->nfeed; f++) {
        const tank *t = &p->tanks[e->d->feed[f]];
        /* the priority first: it rules out most tanks */
        if (t->priority == prio && t->d->type == type && t->contents_lbs > tank_unusable_lbs(t))
            list[n++] = e->d->feed[f];
    }
    return n;
}

/* Which tanks feed `e` this frame: the selected tanks of the best
 * priority holding usable fuel (type FUEL or OXIDIZER), in the order of
 * the feeds, as JSBSim's search priority by priority finds them.  The
 * first priority is looked at as JSBSim does; past it, the best priority
 * any tank has is found first, so that engines whose tanks are empty do
 * not search every priority every frame.  Returns how many, their indices
 * in list. */
static int feed_list(const propulsion *p, const engine *e, int type, int *list)
{
    int n = feeds_of(p, e, type, 1, list);
    if (n > 0)
        return n;
    int best = 0;
    for (int f = 0; f < e->d->nfeed; f++) {
        const tank *t = &p->tanks[e->d->feed[f]];
        if (t->priority > 1 && (best == 0 || t->priority < best) && may_feed(p, t, type))
            best = t->priority;
    }
    return best != 0 ? feeds_of(p, e, type, best, list) : 0;
}

static void consume_fuel(propulsion *p, engine *e, int fuel_freeze)
{
    if (fuel_freeze || p->in.trimming)
        return;
    int fuel[PROP_MAX_FEEDS], oxi[PROP_MAX_FEEDS]; /* nfeed checked at load */
    int nf = 0, no = 0, has_ox_tanks = 0;
    nf = feed_list(p, e, TANK_FUEL, fuel);
    if (e->d->type == ENG_ROCKET) {
        for (int f = 0; f < e->d->nfeed; f++)
            if (p->tanks[e->d->feed[f]].d->type == TANK_OXIDIZER && p->tanks[e->d->feed[f]].priority != 0)
                has_ox_tanks = 1;
        no = feed_list(p, e, TANK_OXIDIZER, oxi);
    }
    int fuel_starved = nf == 0, oxi_starved = !(no > 0 && nf > 0);
    e->starved = fuel_starved || (has_ox_tanks && oxi_starved);
    if (e->starved)
        return;
    double per_tank = engine_calc_fuel_need(e, &p->in) / nf;
    for (int i = 0; i < nf; i++)
        tank_drain(&p->tanks[fuel[i]], per_tank);
    if (e->d->type == ENG_ROCKET) {
        double ox = engine_calc_oxidizer_need(e, &p->in);
        if (no > 0)
            for (int i = 0; i < no; i++)
                tank_drain(&p->tanks[oxi[i]], ox / no);
    }
}

static void refuel(propulsion *p, double dt_s)
{
    double fill = p->refuel_rate_lbspmin / 60.0 * dt_s;
    int not_full = 0;
    for (int i = 0; i < p->ntanks; i++)
        if (p->tanks[i].pct_full < 99.99)
            not_full++;
    for (int i = 0; i < p->ntanks && not_full; i++)
        if (p->tanks[i].pct_full < 99.99)
            tank_fill(&p->tanks[i], fill / not_full);
}

static void dump_fuel(propulsion *p, double dt_s)
{
    int dumping = 0;
    for (int i = 0; i < p->ntanks; i++)
        if (p->tanks[i].contents_lbs > p->tanks[i].standpipe_lbs)
            dumping++;
    if (dumping == 0)
        return;
    double rate = p->dump_rate_lbspmin / 60.0 * dt_s / dumping;
    for (int i = 0; i < p->ntanks; i++)
        if (p->tanks[i].contents_lbs > p->tanks[i].standpipe_lbs)
            tank_drain(&p->tanks[i], rate);
}

/* Forces of every engine, summed, into p and `out`. */
static void sum_forces(propulsion *p, const fdm_env *env, fdm_forces *out)
{
    const double n_per_lbf = N_PER_LBF, nm_per_ftlb = N_PER_LBF * M_PER_FT;
    memset(p->forces_lbs, 0, sizeof p->forces_lbs);
    memset(p->moments_ftlb, 0, sizeof p->moments_ftlb);
    for (int i = 0; i < p->neng; i++) {
        thruster *t = &p->eng[i].thr;
        thruster_body_forces(t, &p->in);
        double f_n[3], pos_m[3];
        for (int k = 0; k < 3; k++) {
            p->forces_lbs[k] += t->fb_lbs[k];
            p->moments_ftlb[k] += t->m_ftlb[k];
            f_n[k] = t->fb_lbs[k] * n_per_lbf;
            pos_m[k] = t->acting_in[k] * M_PER_IN;
        }
        if (out) {
            fdm_forces_add_at(out, env, f_n, pos_m);
            for (int k = 0; k < 3; k++)
                out->moment_body_nm[k] += t->mn_ftlb[k] * nm_per_ftlb;
        }
    }
}

/* The engines' controls, and the mirrored properties when `mirrors`. */
static void read_state(propulsion *p, const double *v, int mirrors)
{
    if (mirrors)
        for (int i = 0; i < p->ntanks; i++)
            tank_read(&p->tanks[i], v);
    for (int i = 0; i < p->neng; i++)
        engine_read(&p->eng[i], v, mirrors);
}

static void write_state(propulsion *p, double *v)
{
    for (int i = 0; i < p->ntanks; i++)
        tank_write(&p->tanks[i], v);
    for (int i = 0; i < p->neng; i++)
        engine_write(&p->eng[i], v);
    write_totals(p, v);
    write_commands(p, v);
}

void propulsion_run(propulsion *p, const fdm_env *env, double *v, fdm_forces *out)
{
    if (!p)
        return;
    inputs_from_env(env, &p->in);
    /* JSBSim's pre functions run first and their writes through the
     * engines' and tanks' properties take effect at once; the post
     * functions run last and read this run's results. */
    engine_run_functions(p->pre, p->npre, p->native_pre, p->native_pre_p, v);
    /* The mirrored properties hold what the last run wrote unless
     * something else wrote them since (JSBSim ties them to the members,
     * so a write reaches the model at once; reading them every run would
     * cost the c172x ~2% of its frame). */
    read_state(p, v, p->mirrors_stale || p->mirrors_foreign);
    p->mirrors_stale = 0;
    apply_commands(p, v);
    int freeze = p->s_freeze >= 0 && v[p->s_freeze] != 0.0;

    for (int i = 0; i < p->neng; i++) {
        engine *e = &p->eng[i];
        propulsion_calculate_engine(p, e, v);
        consume_fuel(p, e, freeze);
    }
    sum_forces(p, env, out);

    p->total_fuel_lbs = p->total_oxidizer_lbs = 0.0;
    for (int i = 0; i < p->ntanks; i++) {
        tank_calculate(&p->tanks[i], p->in.dt_s, p->in.tat_c);
        if (p->tanks[i].d->type == TANK_FUEL)
            p->total_fuel_lbs += p->tanks[i].contents_lbs;
        else
            p->total_oxidizer_lbs += p->tanks[i].contents_lbs;
    }
    if (p->s_refuel >= 0 && v[p->s_refuel] != 0.0)
        refuel(p, p->in.dt_s);
    if (p->s_dump >= 0 && v[p->s_dump] != 0.0)
        dump_fuel(p, p->in.dt_s);
    write_state(p, v);
    engine_run_functions(p->post, p->npost, p->native_post, p->native_post_p, v);
}

/* Runs each engine at dt = 0.5 s until its thrust settles, without
 * burning fuel (FGPropulsion::GetSteadyState; engine_steady.c).
 * suspended: the executive's integration is suspended (a trim or a
 * linearisation, JSBSim's SuspendIntegration), and rockets stay as they
 * are, as FGRocket::Calculate does then. */
static void steady_state(propulsion *p, const fdm_env *env, double *v, fdm_forces *out, int suspended)
{
    double dt = p->in.dt_s;
    p->in.trimming = 1;
    p->in.suspended = suspended;
    p->in.dt_s = 0.5;
    for (int i = 0; i < p->neng; i++)
        p->settle_runs += engine_settle(p, &p->eng[i], v, !p->settle_in_full);
    sum_forces(p, env, out);
    p->in.trimming = 0;
    p->in.suspended = 0;
    p->in.dt_s = dt;
}

void propulsion_steady_state(propulsion *p, const fdm_env *env, double *v)
{
    if (!p)
        return;
    inputs_from_env(env, &p->in);
    read_state(p, v, 1);
    steady_state(p, env, v, NULL, 1);
    write_state(p, v);
}

void propulsion_init_running(propulsion *p, int index, const fdm_env *env, double *v)
{
    if (!p || index >= p->neng)
        return;
    inputs_from_env(env, &p->in);
    read_state(p, v, 1);
    int lo = index < 0 ? 0 : index, hi = index < 0 ? p->neng : index + 1;
    for (int i = lo; i < hi; i++) {
        engine *e = &p->eng[i];
        /* SetEngineRunning: throttle and mixture to 1 for this run, the
         * FCS mixture command and position to 1 for good */
        e->ctl.throttle = 1.0;
        e->ctl.mixture = 1.0;
        v[e->d->s_mixture_cmd] = 1.0;
        v[e->d->s_mixture_pos] = 1.0;
        engine_init_running(e, &p->in, v);
    }
    /* with the integration running, as JSBSim's InitRunning (after RunIC
     * has resumed it, or from a script's event): a rocket lights */
    steady_state(p, env, v, NULL, 0);
    write_state(p, v);
}

void propulsion_engines_init_running(propulsion *p, const fdm_env *env, double *v)
{
    if (!p)
        return;
    inputs_from_env(env, &p->in);
    read_state(p, v, 1);
    for (int i = 0; i < p->neng; i++)
        engine_init_running(&p->eng[i], &p->in, v);
    write_state(p, v);
}

void propulsion_settle_flags(propulsion *p, const unsigned *flags)
{
    if (!p)
        return;
    p->mirrors_foreign = 0;
    for (int i = 0; i < p->ntanks; i++)
        p->mirrors_foreign |= tank_mirrors_foreign(&p->tanks[i], flags);
    for (int i = 0; i < p->neng; i++)
        p->mirrors_foreign |= engine_mirrors_foreign(&p->eng[i], flags);
    p->mirrors_stale = 1;
}

void propulsion_outside_write(propulsion *p)
{
    if (p)
        p->mirrors_stale = 1;
}

void propulsion_property_written(propulsion *p, int slot, double *v)
{
    for (int i = 0; p && i < p->ntanks; i++)
        if (p->tanks[i].d->s_contents == slot)
            tank_contents_written(&p->tanks[i], v);
}

int propulsion_tank_count(const propulsion *p)
{
    return p ? p->ntanks : 0;
}

void propulsion_sync_tanks(propulsion *p, const double *v)
{
    /* the slots are written back at the end of the propulsion run */
    for (int i = 0; p && i < p->ntanks; i++)
        tank_read_mass(&p->tanks[i], v);
}

int propulsion_point_masses(const propulsion *p, const double *v, fdm_point_mass *out, int max)
{
    (void)v;
    if (!p)
        return 0;
    int n = 0;
    const double kgm2 = KGM2_PER_SLUGFT2;
    for (int i = 0; i < p->ntanks && n < max; i++, n++) {
        const tank *t = &p->tanks[i];
        double xyz_in[3];
        tank_xyz_in(t, xyz_in);
        /* every member written in turn: a memset of the record compiles to
         * a string instruction whose start-up stalled the frame (~3% of
         * an F-16's, sampled) */
        fdm_point_mass *m = &out[n];
        m->mass_kg = t->contents_lbs * KG_PER_LBM;
        for (int k = 0; k < 3; k++)
            m->pos_struct_m[k] = xyz_in[k] * M_PER_IN;
        for (int r = 0; r < 3; r++)
            for (int c = 0; c < 3; c++)
                m->inertia_kgm2[r][c] = 0.0;
        m->inertia_kgm2[0][0] = t->ixx_slugft2 * kgm2;
        m->inertia_kgm2[1][1] = t->iyy_slugft2 * kgm2;
        m->inertia_kgm2[2][2] = t->izz_slugft2 * kgm2;
    }
    return n;
}

/* ---- a copy for another aircraft of a batch ------------------------------ */

/* Engines, thrusters, propellers and tanks hold state and are copied; the
 * functions, tables and feed lists are shared. */
propulsion *propulsion_clone(arena *ar, const propulsion *src)
{
    propulsion *p = arena_dup(ar, src, sizeof *src);
    if (!p)
        return NULL;
    if (src->ntanks > 0 && !(p->tanks = arena_dup(ar, src->tanks, (size_t)src->ntanks * sizeof *src->tanks)))
        return NULL;
    if (src->neng > 0 && !(p->eng = arena_dup(ar, src->eng, (size_t)src->neng * sizeof *src->eng)))
        return NULL;
    for (int i = 0; i < src->neng; i++)
        if (engine_clone_parts(ar, &p->eng[i]))
            return NULL;
    return p;
}
