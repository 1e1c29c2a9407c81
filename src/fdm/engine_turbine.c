/*
 * engine_turbine.c - JSBSim's turbine (jet) engine: N1 and N2 spool
 * towards their throttle targets at JSBSim's "Seek" rates (which depend on
 * bypass ratio, N2 and air density unless N1SpoolUp/... functions are
 * given); thrust between the idle and military tables as N2 squared;
 * afterburner from the AugThrust table (augmethod 0/1: switch or last 1%
 * of throttle; 2: throttle above 1 blends towards full augmentation);
 * water injection; fuel flow from TSFC (corrected for temperature and
 * N2) or ATSFC; the phases off, spin-up, start, run, stall, seize and
 * trim (dt = 0), starter and cutoff.
 *
 * Reference: JSBSim src/models/propulsion/FGTurbine.cpp and FGTurbine.h
 * (FGSpoolUp, FGSimplifiedTSFC).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fdm/propulsion_internal.h"

enum { PH_OFF, PH_RUN, PH_SPINUP, PH_START, PH_STALL, PH_SEIZE, PH_TRIM };

/* The loaded engine: what a run reads and nothing changes after loading,
 * shared by the aircraft of a batch (turbine_clone). */
typedef struct turbine_def {
    double mil_thrust_lbs, max_thrust_lbs, bypass_ratio;
    double tsfc_value, atsfc_value;     /* used when no function         */
    const jfunc *tsfc_fn, *atsfc_fn;    /* NULL: the plain numbers       */
    double idle_n1, idle_n2, ignition_n1, ignition_n2;
    double n1_spinup, n2_spinup, n1_start_rate, n2_start_rate, n1_spindown, n2_spindown;
    int augmented, aug_method, injected, disable_windmill;
    double injection_time_s, idle_ff_pph;
    /* table functions (output slots) and spool-rate functions; -1: none */
    int f_idle, f_mil, f_aug, f_injection, f_n1up, f_n1down, f_n2up, f_n2down;
    /* slots */
    int s_n1, s_n2, s_injection, s_seized, s_stalled, s_bleed, s_max_n1, s_max_n2, s_inj_timer,
        s_inj_water, s_inj_n1, s_inj_n2, s_atsfc, s_tsfc;
} turbine_def;

/* One aircraft's engine. */
struct turbine {
    const turbine_def *d;
    double max_n1, max_n2;              /* a property can change them    */
    /* state */
    int phase, stalled, seized, overtemp, fire, injection, augmentation, reversed, cutoff;
    double n1, n2, n2norm, n1_factor, n2_factor, throttle_pos, augment_cmd;
    double egt_c, epr, oil_pressure_psi, oil_temp_k, bleed_demand, inlet_pos, nozzle_pos;
    double corrected_tsfc, injection_timer_s, inj_water_norm, inj_n1_increment, inj_n2_increment;
    double density_ratio, temperature_r, qbar_psf, tat_c, dt_s; /* this frame */
};

/* Default spool rate: factor * 90 / (BPR + 3), slower at low N2 and in
 * thin air (FGSpoolUp). */
static double spool_rate(const turbine *t, int fn_slot, double factor, const double *v)
{
    if (fn_slot >= 0)
        return v[fn_slot];
    double delay = factor * 90.0 / (t->d->bypass_ratio + 3.0);
    double n = fmin(1.0, t->n2norm + 0.1);
    return delay / (1 + 3 * (1 - n) * (1 - n) * (1 - n) + (1 - t->density_ratio));
}

static double tsfc(const turbine *t, const double *v)
{
    if (t->d->tsfc_fn)
        return jfunc_eval(t->d->tsfc_fn, (double *)v, NULL);
    return t->d->tsfc_value * sqrt(t->temperature_r / 389.7) *
           (0.84 + (1 - t->n2norm) * (1 - t->n2norm));
}

static double atsfc(const turbine *t, const double *v)
{
    return t->d->atsfc_fn ? jfunc_eval(t->d->atsfc_fn, (double *)v, NULL) : t->d->atsfc_value;
}

static double fn_value(int slot, const double *v) { return slot >= 0 ? v[slot] : 0.0; }

/* A number, or else a function in the element (<tsfc>, <atsfc>). */
static saqr_status number_or_function(jx_ctx *c, xmlNode *el, double *num, const jfunc **fn)
{
    const char *text = jx_text(c, el);
    char *end;
    double x = strtod(text, &end);
    while (*end == ' ' || *end == '\t' || *end == '\n' || *end == '\r')
        end++;
    if (end != text && *end == '\0') {
        *num = x;
        return SAQR_OK;
    }
    jfunc *f;
    saqr_status st = jfunc_load(c, el, &f);
    if (st == SAQR_OK)
        *fn = f;
    return st;
}

saqr_status turbine_load(jx_ctx *c, xmlNode *el, engine *e)
{
    static const char *const known[] = {
        "milthrust", "maxthrust", "bypassratio", "bleed", "tsfc", "atsfc", "ignitionn1",
        "ignitionn2", "idlen1", "idlen2", "maxn1", "maxn2", "n1spinup", "n2spinup",
        "n1startrate", "n2startrate", "n1spindown", "n2spindown", "augmented", "augmethod",
        "injected", "injection-time", "injection-N1-inc", "injection-N2-inc",
        "disable-windmill", "function", "property", NULL};
    engine_def *ed = engine_def_loading(e);
    saqr_status st;
    turbine_def *d = arena_alloc(c->ar, sizeof *d);
    turbine *t = arena_alloc(c->ar, sizeof *t);
    if (!d || !t)
        return jx_error(c, el, "out of memory");
    t->d = d;
    e->tur = t;
    ed->type = ENG_TURBINE;
    jx_warn_unknown(c, el, known);

    d->mil_thrust_lbs = d->max_thrust_lbs = 10000.0;
    d->tsfc_value = 0.8;
    d->atsfc_value = 1.7;
    d->idle_n1 = 30.0;
    d->idle_n2 = 60.0;
    t->max_n1 = t->max_n2 = 100.0;
    d->n1_spinup = 1.0;
    d->n2_spinup = 3.0;
    d->ignition_n1 = 5.21;
    d->ignition_n2 = 25.18;
    d->n1_start_rate = 1.4;
    d->n2_start_rate = 2.0;
    d->n1_spindown = 2.0;
    d->n2_spindown = 2.0;
    d->injection_time_s = 30.0;
    t->epr = 1.0;

    double aug = 0, augm = 0, inj = 0, windmill = 0;
    if ((st = pj_opt(c, el, "milthrust", "LBS", &d->mil_thrust_lbs)) ||
        (st = pj_opt(c, el, "maxthrust", "LBS", &d->max_thrust_lbs)) ||
        (st = pj_opt(c, el, "bypassratio", NULL, &d->bypass_ratio)) ||
        (st = pj_opt(c, el, "bleed", NULL, &t->bleed_demand)) ||
        (st = pj_opt(c, el, "ignitionn1", NULL, &d->ignition_n1)) ||
        (st = pj_opt(c, el, "ignitionn2", NULL, &d->ignition_n2)) ||
        (st = pj_opt(c, el, "idlen1", NULL, &d->idle_n1)) ||
        (st = pj_opt(c, el, "idlen2", NULL, &d->idle_n2)) ||
        (st = pj_opt(c, el, "maxn1", NULL, &t->max_n1)) ||
        (st = pj_opt(c, el, "maxn2", NULL, &t->max_n2)) ||
        (st = pj_opt(c, el, "n1spinup", NULL, &d->n1_spinup)) ||
        (st = pj_opt(c, el, "n2spinup", NULL, &d->n2_spinup)) ||
        (st = pj_opt(c, el, "n1startrate", NULL, &d->n1_start_rate)) ||
        (st = pj_opt(c, el, "n2startrate", NULL, &d->n2_start_rate)) ||
        (st = pj_opt(c, el, "n1spindown", NULL, &d->n1_spindown)) ||
        (st = pj_opt(c, el, "n2spindown", NULL, &d->n2_spindown)) ||
        (st = pj_opt(c, el, "augmented", NULL, &aug)) ||
        (st = pj_opt(c, el, "augmethod", NULL, &augm)) ||
        (st = pj_opt(c, el, "injected", NULL, &inj)) ||
        (st = pj_opt(c, el, "injection-time", NULL, &d->injection_time_s)) ||
        (st = pj_opt(c, el, "injection-N1-inc", NULL, &t->inj_n1_increment)) ||
        (st = pj_opt(c, el, "injection-N2-inc", NULL, &t->inj_n2_increment)) ||
        (st = pj_opt(c, el, "disable-windmill", NULL, &windmill)))
        return st;
    d->augmented = prop_int(aug);
    d->aug_method = prop_int(augm);
    d->injected = prop_int(inj);
    d->disable_windmill = windmill != 0.0;
    if (jx_first(el, "injection-time"))
        t->inj_water_norm = 1.0;

    xmlNode *tsfc_el = jx_first(el, "tsfc"), *atsfc_el = jx_first(el, "atsfc");
    if (tsfc_el && (st = number_or_function(c, tsfc_el, &d->tsfc_value, &d->tsfc_fn)) != SAQR_OK)
        return st;
    if (atsfc_el &&
        (st = number_or_function(c, atsfc_el, &d->atsfc_value, &d->atsfc_fn)) != SAQR_OK)
        return st;

    /* The named table functions were loaded by engine_load_common as
     * propulsion/engine[i]/<name>; find their output slots. */
    static const char *const fnames[8] = {"IdleThrust", "MilThrust",   "AugThrust", "Injection",
                                          "N1SpoolUp",  "N1SpoolDown", "N2SpoolUp", "N2SpoolDown"};
    int *fslot[8] = {&d->f_idle, &d->f_mil, &d->f_aug, &d->f_injection,
                     &d->f_n1up, &d->f_n1down, &d->f_n2up, &d->f_n2down};
    for (int k = 0; k < 8; k++)
        *fslot[k] = engine_function_slot(c, e, fnames[k]);
    if (d->f_idle < 0 || d->f_mil < 0)
        return jx_error(c, el, "a turbine engine needs IdleThrust and MilThrust functions");
    if (d->augmented && d->f_aug < 0)
        return jx_error(c, el, "an augmented turbine engine needs an AugThrust function");
    if (d->injected && d->f_injection < 0) {
        /* JSBSim loads such engines (e.g. GE-CF6-80C2-B1F) and would only
         * fail if the injection were commanded: fly them without it. */
        jx_warn(c, el, "<injected> without an Injection function: water injection is disabled");
        d->injected = 0;
    }

    t->n1_factor = t->max_n1 - d->idle_n1;
    t->n2_factor = t->max_n2 - d->idle_n2;
    d->idle_ff_pph = pow(d->mil_thrust_lbs, 0.2) * 107.0; /* JSBSim's estimate */

    int i = ed->index;
    const unsigned rw = PJ_MIRRORED, out = PROP_PRODUCED | PROP_READONLY;
    if ((d->s_n1 = pj_slot(c, el, "engine", i, "n1", rw)) < 0 ||
        (d->s_n2 = pj_slot(c, el, "engine", i, "n2", rw)) < 0 ||
        (d->s_injection = pj_slot(c, el, "engine", i, "injection_cmd", rw)) < 0 ||
        (d->s_seized = pj_slot(c, el, "engine", i, "seized", rw)) < 0 ||
        (d->s_stalled = pj_slot(c, el, "engine", i, "stalled", rw)) < 0 ||
        (d->s_bleed = pj_slot(c, el, "engine", i, "bleed-factor", rw)) < 0 ||
        (d->s_max_n1 = pj_slot(c, el, "engine", i, "MaxN1", rw)) < 0 ||
        (d->s_max_n2 = pj_slot(c, el, "engine", i, "MaxN2", rw)) < 0 ||
        (d->s_inj_timer = pj_slot(c, el, "engine", i, "InjectionTimer", rw)) < 0 ||
        (d->s_inj_water = pj_slot(c, el, "engine", i, "InjWaterNorm", rw)) < 0 ||
        (d->s_inj_n1 = pj_slot(c, el, "engine", i, "InjN1increment", rw)) < 0 ||
        (d->s_inj_n2 = pj_slot(c, el, "engine", i, "InjN2increment", rw)) < 0 ||
        (d->s_atsfc = pj_slot(c, el, "engine", i, "atsfc", out)) < 0 ||
        (d->s_tsfc = pj_slot(c, el, "engine", i, "tsfc", out)) < 0)
        return SAQR_EPARSE;
    return SAQR_OK;
}

void turbine_reset(engine *e, const prop_in *in, double *v)
{
    turbine *t = e->tur;
    t->n1 = t->n2 = 0.0;
    t->n2norm = 0.0;
    t->temperature_r = in->temperature_r;
    t->corrected_tsfc = tsfc(t, v);
    t->augment_cmd = 0.0;
    t->inlet_pos = t->nozzle_pos = 1.0;
    t->stalled = t->seized = t->overtemp = t->fire = t->augmentation = t->injection = 0;
    t->reversed = 0;
    t->cutoff = 1;
    t->phase = PH_OFF;
    t->egt_c = in->tat_c;
    t->oil_temp_k = in->tat_c + 273.0;
    t->throttle_pos = 0.0;
    turbine_write(e, v);
}

void turbine_read(engine *e, const double *v)
{
    turbine *t = e->tur;
    t->n1 = v[t->d->s_n1];
    t->n2 = v[t->d->s_n2];
    t->injection = v[t->d->s_injection] != 0.0;
    t->seized = v[t->d->s_seized] != 0.0;
    t->stalled = v[t->d->s_stalled] != 0.0;
    t->bleed_demand = v[t->d->s_bleed];
    t->max_n1 = v[t->d->s_max_n1];
    t->max_n2 = v[t->d->s_max_n2];
    t->injection_timer_s = v[t->d->s_inj_timer];
    t->inj_water_norm = v[t->d->s_inj_water];
    t->inj_n1_increment = v[t->d->s_inj_n1];
    t->inj_n2_increment = v[t->d->s_inj_n2];
}

int turbine_mirrors_foreign(const engine *e, const unsigned *flags)
{
    const turbine *t = e->tur;
    const int slot[] = {t->d->s_n1,    t->d->s_n2,    t->d->s_injection, t->d->s_seized,    t->d->s_stalled,   t->d->s_bleed,
                        t->d->s_max_n1, t->d->s_max_n2, t->d->s_inj_timer, t->d->s_inj_water, t->d->s_inj_n1, t->d->s_inj_n2};
    return pj_any_foreign(flags, slot, (int)(sizeof slot / sizeof slot[0]));
}

void turbine_write(const engine *e, double *v)
{
    const turbine *t = e->tur;
    v[t->d->s_n1] = t->n1;
    v[t->d->s_n2] = t->n2;
    v[t->d->s_injection] = t->injection;
    v[t->d->s_seized] = t->seized;
    v[t->d->s_stalled] = t->stalled;
    v[t->d->s_bleed] = t->bleed_demand;
    v[t->d->s_max_n1] = t->max_n1;
    v[t->d->s_max_n2] = t->max_n2;
    v[t->d->s_inj_timer] = t->injection_timer_s;
    v[t->d->s_inj_water] = t->inj_water_norm;
    v[t->d->s_inj_n1] = t->inj_n1_increment;
    v[t->d->s_inj_n2] = t->inj_n2_increment;
    v[t->d->s_atsfc] = atsfc(t, v);
    v[t->d->s_tsfc] = t->corrected_tsfc;
}

void turbine_set_cutoff(engine *e, int cutoff)
{
    if (e->tur)
        e->tur->cutoff = cutoff;
}

int turbine_get_cutoff(const engine *e)
{
    return e->tur ? e->tur->cutoff : 0;
}

static double phase_off(engine *e, turbine *t)
{
    e->running = 0;
    e->fuel_flow_pph = pj_seek(e->fuel_flow_pph, 0, 1000.0, 10000.0, t->dt_s);
    if (!t->d->disable_windmill) { /* windmilling with the dynamic pressure */
        t->n1 =
            pj_seek(t->n1, t->qbar_psf / 10.0, t->n1 / 2.0 + 0.1, t->n1 / t->d->n1_spindown, t->dt_s);
        t->n2 =
            pj_seek(t->n2, t->qbar_psf / 15.0, t->n2 / 2.0 + 0.1, t->n2 / t->d->n2_spindown, t->dt_s);
    } else {
        t->n1 = pj_seek(t->n1, 0, t->n1 / 2.0, t->n1 / t->d->n1_spindown, t->dt_s);
        t->n2 = pj_seek(t->n2, 0, t->n2 / 2.0, t->n2 / t->d->n2_spindown, t->dt_s);
    }
    t->egt_c = pj_seek(t->egt_c, t->tat_c, 11.7, 7.3, t->dt_s);
    t->oil_temp_k = pj_seek(t->oil_temp_k, t->tat_c + 273.0, 0.2, 0.2, t->dt_s);
    t->oil_pressure_psi = t->n2 * 0.62;
    t->nozzle_pos = pj_seek(t->nozzle_pos, 1.0, 0.8, 0.8, t->dt_s);
    t->epr = pj_seek(t->epr, 1.0, 0.2, 0.2, t->dt_s);
    t->augmentation = 0;
    return 0.0;
}

static double phase_run(engine *e, turbine *t, const double *v)
{
    double idle = t->d->mil_thrust_lbs * fn_value(t->d->f_idle, v);
    double mil = (t->d->mil_thrust_lbs - idle) * fn_value(t->d->f_mil, v);
    e->running = 1;
    e->starter = 0;
    t->n1_factor = t->max_n1 - t->d->idle_n1;
    t->n2_factor = t->max_n2 - t->d->idle_n2;
    if (t->d->injected == 1 && t->injection && t->inj_water_norm > 0) {
        t->n1_factor += t->inj_n1_increment;
        t->n2_factor += t->inj_n2_increment;
    }
    t->n2 = pj_seek(t->n2, t->d->idle_n2 + t->throttle_pos * t->n2_factor,
                    spool_rate(t, t->d->f_n2up, 1.0, v), spool_rate(t, t->d->f_n2down, 3.0, v), t->dt_s);
    t->n1 = pj_seek(t->n1, t->d->idle_n1 + t->throttle_pos * t->n1_factor,
                    spool_rate(t, t->d->f_n1up, 1.0, v), spool_rate(t, t->d->f_n1down, 2.4, v), t->dt_s);
    t->n2norm = (t->n2 - t->d->idle_n2) / t->n2_factor;
    double thrust = idle + mil * t->n2norm * t->n2norm;
    t->egt_c = t->tat_c + 363.1 + t->throttle_pos * 357.1;
    t->oil_pressure_psi = t->n2 * 0.62;
    t->oil_temp_k = pj_seek(t->oil_temp_k, 366.0, 1.2, 0.1, t->dt_s);

    if (!t->augmentation) {
        t->corrected_tsfc = tsfc(t, v);
        e->fuel_flow_pph =
            pj_seek(e->fuel_flow_pph, thrust * t->corrected_tsfc, 1000.0, 10000.0, t->dt_s);
        if (e->fuel_flow_pph < t->d->idle_ff_pph)
            e->fuel_flow_pph = t->d->idle_ff_pph;
        t->nozzle_pos = pj_seek(t->nozzle_pos, 1.0 - t->n2norm, 0.8, 0.8, t->dt_s);
        thrust = thrust * (1.0 - t->bleed_demand);
        t->epr = 1.0 + thrust / t->d->mil_thrust_lbs;
    }
    if (t->d->aug_method == 1)
        t->augmentation = t->throttle_pos > 0.99 && t->n2 > 97.0;
    if (t->d->augmented == 1 && t->augmentation && t->d->aug_method < 2) {
        thrust = fn_value(t->d->f_aug, v) * t->d->max_thrust_lbs;
        e->fuel_flow_pph =
            pj_seek(e->fuel_flow_pph, thrust * atsfc(t, v), 5000.0, 10000.0, t->dt_s);
        t->nozzle_pos = pj_seek(t->nozzle_pos, 1.0, 0.8, 0.8, t->dt_s);
    }
    if (t->d->aug_method == 2) {
        if (t->augment_cmd > 0.0) {
            t->augmentation = 1;
            double tdiff = t->d->max_thrust_lbs * fn_value(t->d->f_aug, v) - thrust;
            thrust += tdiff * fmin(t->augment_cmd, 1.0);
            e->fuel_flow_pph =
                pj_seek(e->fuel_flow_pph, thrust * atsfc(t, v), 5000.0, 10000.0, t->dt_s);
            t->nozzle_pos = pj_seek(t->nozzle_pos, 1.0, 0.8, 0.8, t->dt_s);
        } else {
            t->augmentation = 0;
        }
    }
    if (t->d->injected == 1 && t->injection && t->inj_water_norm > 0.0) {
        t->injection_timer_s += t->dt_s;
        if (t->injection_timer_s < t->d->injection_time_s) {
            thrust *= fn_value(t->d->f_injection, v);
            t->inj_water_norm = 1.0 - t->injection_timer_s / t->d->injection_time_s;
        } else {
            t->injection = 0;
            t->inj_water_norm = 0.0;
        }
    }
    if (t->cutoff || e->starved)
        t->phase = PH_OFF;
    return thrust;
}

static double phase_spinup(engine *e, turbine *t)
{
    e->running = 0;
    e->fuel_flow_pph = 0.0;
    t->n2 = pj_seek(t->n2, t->d->ignition_n2, t->d->n2_spinup, t->n2 / 2.0, t->dt_s);
    t->n1 = pj_seek(t->n1, t->d->ignition_n1, t->d->n1_spinup, t->n1 / 2.0, t->dt_s);
    t->egt_c = pj_seek(t->egt_c, t->tat_c, 11.7, 7.3, t->dt_s);
    t->oil_pressure_psi = t->n2 * 0.62;
    t->oil_temp_k = pj_seek(t->oil_temp_k, t->tat_c + 273.0, 0.2, 0.2, t->dt_s);
    t->epr = 1.0;
    t->nozzle_pos = 1.0;
    if (!e->starter)
        t->phase = PH_OFF;
    return 0.0;
}

static double phase_start(engine *e, turbine *t)
{
    if (t->n2 > 15.0 && !e->starved) { /* at least 15% N2 to light */
        e->cranking = 1;
        if (t->n2 < t->d->idle_n2) {
            t->n2 = pj_seek(t->n2, t->d->idle_n2, t->d->n2_start_rate, t->n2 / 2.0, t->dt_s);
            t->n1 = pj_seek(t->n1, t->d->idle_n1, t->d->n1_start_rate, t->n1 / 2.0, t->dt_s);
            t->egt_c = pj_seek(t->egt_c, t->tat_c + 363.1, 21.3, 7.3, t->dt_s);
            e->fuel_flow_pph = t->d->idle_ff_pph * t->n2 / t->d->idle_n2;
            t->oil_pressure_psi = t->n2 * 0.62;
            if (!e->starter && t->qbar_psf < 30.0)
                t->phase = PH_OFF; /* aborted start */
        } else {
            t->phase = PH_RUN;
            e->running = 1;
            e->starter = 0;
            e->cranking = 0;
        }
    } else {
        t->phase = PH_OFF;
        e->starter = 0;
    }
    return 0.0;
}

static double phase_stall(engine *e, turbine *t)
{
    t->egt_c = t->tat_c + 903.14;
    e->fuel_flow_pph = t->d->idle_ff_pph;
    t->n1 = pj_seek(t->n1, t->qbar_psf / 10.0, 0, t->n1 / 10.0, t->dt_s);
    t->n2 = pj_seek(t->n2, t->qbar_psf / 15.0, 0, t->n2 / 10.0, t->dt_s);
    if (t->throttle_pos < 0.01) { /* throttle to idle clears the stall */
        t->phase = PH_RUN;
        t->stalled = 0;
    }
    return 0.0;
}

static double phase_seize(engine *e, turbine *t)
{
    t->n2 = 0.0;
    t->n1 = pj_seek(t->n1, t->qbar_psf / 20.0, 0, t->n1 / 15.0, t->dt_s);
    e->fuel_flow_pph = t->cutoff ? 0.0 : t->d->idle_ff_pph;
    t->oil_pressure_psi = 0.0;
    t->oil_temp_k = pj_seek(t->oil_temp_k, t->tat_c + 273.0, 0, 0.2, t->dt_s);
    e->running = 0;
    return 0.0;
}

/* N1 and N2 at their steady state for the throttle, without water
 * injection (the start of a run after a trim or InitRunning). */
static void spools_at_throttle(turbine *t)
{
    t->n1_factor = t->max_n1 - t->d->idle_n1;
    t->n2_factor = t->max_n2 - t->d->idle_n2;
    t->n2 = t->d->idle_n2 + t->throttle_pos * t->n2_factor;
    t->n1 = t->d->idle_n1 + t->throttle_pos * t->n1_factor;
}

/* Thrust at the commanded steady state, without dynamics (dt = 0). */
static double phase_trim(const turbine *t, const double *v, int *augmentation)
{
    double idle = t->d->mil_thrust_lbs * fn_value(t->d->f_idle, v);
    double mil = (t->d->mil_thrust_lbs - idle) * fn_value(t->d->f_mil, v);
    double n2 = t->d->idle_n2 + t->throttle_pos * t->n2_factor;
    double n2norm = (n2 - t->d->idle_n2) / t->n2_factor;
    double thrust = (idle + mil * n2norm * n2norm) * (1.0 - t->bleed_demand);
    if (t->d->aug_method == 1)
        *augmentation = t->throttle_pos > 0.99 && n2 > 97.0;
    if (t->d->augmented == 1 && *augmentation && t->d->aug_method < 2)
        thrust = t->d->max_thrust_lbs * fn_value(t->d->f_aug, v);
    if (t->d->aug_method == 2 && t->augment_cmd > 0.0) {
        double tdiff = t->d->max_thrust_lbs * fn_value(t->d->f_aug, v) - thrust;
        thrust += tdiff * fmin(t->augment_cmd, 1.0);
    }
    if (t->d->injected == 1 && t->injection)
        thrust *= fn_value(t->d->f_injection, v);
    return thrust;
}

void turbine_calculate(engine *e, const prop_in *in, double *v)
{
    turbine *t = e->tur;
    double thrust;
    t->density_ratio = in->density_ratio;
    t->temperature_r = in->temperature_r;
    t->qbar_psf = in->qbar_psf;
    t->tat_c = in->tat_c;
    t->dt_s = in->dt_s;
    engine_run_pre(e, v);

    t->throttle_pos = e->ctl.throttle;
    if (t->throttle_pos > 1.0) {
        t->augment_cmd = t->throttle_pos - 1.0;
        t->throttle_pos -= t->augment_cmd;
    } else {
        t->augment_cmd = 0.0;
    }

    if (t->phase == PH_TRIM && in->dt_s > 0) {
        if (e->running && !e->starved) {
            t->phase = PH_RUN;
            spools_at_throttle(t);
            t->oil_temp_k = 366.0;
            t->cutoff = 0;
        } else {
            t->phase = PH_OFF;
            t->cutoff = 1;
            t->egt_c = in->tat_c;
        }
    }
    if (!e->running && t->cutoff && e->starter && t->phase == PH_OFF)
        t->phase = PH_SPINUP;
    if ((e->starter || in->qbar_psf > 30.0) && !e->running && !t->cutoff && t->n2 > 15.0)
        t->phase = PH_START;
    if (t->cutoff && t->phase != PH_SPINUP)
        t->phase = PH_OFF;
    if (in->dt_s == 0)
        t->phase = PH_TRIM;
    if (e->starved)
        t->phase = PH_OFF;
    if (t->stalled)
        t->phase = PH_STALL;
    if (t->seized)
        t->phase = PH_SEIZE;

    switch (t->phase) {
    case PH_RUN: thrust = phase_run(e, t, v); break;
    case PH_SPINUP: thrust = phase_spinup(e, t); break;
    case PH_START: thrust = phase_start(e, t); break;
    case PH_STALL: thrust = phase_stall(e, t); break;
    case PH_SEIZE: thrust = phase_seize(e, t); break;
    case PH_TRIM: thrust = phase_trim(t, v, &t->augmentation); break;
    default: thrust = phase_off(e, t); break;
    }
    thruster_calculate(&e->thr, in, thrust);
    engine_run_post(e, v);
}

void turbine_init_running(engine *e, const prop_in *in, double *v)
{
    turbine *t = e->tur;
    t->cutoff = 0;
    e->running = 1;
    spools_at_throttle(t); /* JSBSim uses the throttle of the last Calculate here */
    turbine_calculate(e, in, v);
    t->phase = PH_RUN;
}

size_t turbine_record_size(void)
{
    return sizeof(turbine);
}

int turbine_written_slots(const engine *e, int *slot, int n, int max)
{
    const jfunc *fn[2] = {e->tur->d->tsfc_fn, e->tur->d->atsfc_fn};
    for (int i = 0; i < 2; i++)
        if (fn[i] && jfunc_output(fn[i]) >= 0) {
            if (n >= max)
                return -1;
            slot[n++] = jfunc_output(fn[i]);
        }
    return n;
}

/* A copy for another aircraft of a batch (tables shared, read-only). */
turbine *turbine_clone(arena *ar, const turbine *src)
{
    return arena_dup(ar, src, sizeof *src);
}
