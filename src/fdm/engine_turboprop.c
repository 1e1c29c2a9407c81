/*
 * engine_turboprop.c - JSBSim's turboprop engine.  The gas generator speed
 * N1 follows the throttle with exponential lags (time constant
 * n1idle_max_delay up, 2.4 times that down); shaft power is the
 * EnginePowerRPM_N1 table at the engine (gearbox input) RPM and N1, times
 * the EnginePowerVC function or table of ambient pressure and airspeed,
 * capped at maxpower; fuel flow = psfc / combustion efficiency (a table of
 * N1) x power; the inter-turbine temperature lags the ITT_N1 table.
 * Phases: off (N1 windmills towards qbar/15, a small friction power while
 * the propeller turns), spin-up (starter drives N1 towards startern1, up to
 * maxstartingtime), start (lights above 15% N1, accelerates to 110% of
 * idle N1, then runs), run, and trim (dt = 0: no power; the first frame
 * after a trim puts a running engine at idle N1).  Reverse: below
 * betarangeend the throttle only sets the propeller's blade angle (beta
 * range, engine at idle); above it the power rises to reversemaxpower.
 * The IELU limiter eases the throttle off while the propeller torque
 * exceeds ielumaxtorque.
 *
 * State is reset to the loaded defaults by engine_reset (JSBSim's
 * FGTurboProp keeps its state across ResetToIC; a reset here reproduces a
 * fresh load instead, so that a reset run repeats the first one).
 *
 * Reference: JSBSim src/models/propulsion/FGTurboProp.cpp, FGTurboProp.h,
 * FGEngine.cpp (fuel), FGPropulsion.cpp (cutoff_cmd, InitRunning).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fdm/propulsion_internal.h"

enum { TP_OFF, TP_RUN, TP_SPINUP, TP_START, TP_TRIM };

/* JSBSim's default combustion efficiency against N1 ("9.333 - N1/12"). */
static const double default_efficiency[6][2] = {
    {60.0, 12.0 / 52.0}, {82.0, 12.0 / 30.0}, {96.0, 12.0 / 16.0},
    {100.0, 1.0},        {104.0, 1.5},        {110.0, 6.0}};

struct turboprop {
    /* parameters */
    double idle_n1, max_n1, n1_factor, beta_range_end, reverse_max_power;
    double max_power_hp, psfc, idle_max_delay, max_starting_time_s, starter_n1;
    double ielu_max_torque_ftlb, itt_delay;
    int power_vc_slot;              /* output of the EnginePowerVC function */
    jtable *power_vc_table;         /* deprecated bare EnginePowerVC table  */
    const jtable *power_rpm_n1, *itt_n1, *efficiency_n1; /* efficiency may be NULL */
    /* state */
    int phase, reversed, cutoff, ielu_intervent, eng_starting, generator_power, condition;
    double n1, throttle_pos, old_throttle, rpm, hp, combustion_efficiency;
    double oil_pressure_psi, oil_temp_k, start_time_s, itt_c, eng_temp_c;
    double dt_s, qbar_psf, tat_c;   /* this frame                          */
    /* slots */
    int s_n1, s_reverser, s_power, s_itt, s_engtemp, s_ielu, s_efficiency;
};

/* First-order lag with time constant accel_tau (up) or decel_tau (down). */
static double exp_seek(const turboprop *t, double x, double target, double accel_tau,
                       double decel_tau)
{
    if (x > target)
        return (x - target) * exp(-t->dt_s / decel_tau) + target;
    if (x < target)
        return (target - x) * (1.0 - exp(-t->dt_s / accel_tau)) + x;
    return x;
}

static double efficiency(const turboprop *t, double n1)
{
    if (t->efficiency_n1)
        return jtable_lookup(t->efficiency_n1, n1, 0.0, 0.0);
    return pj_lerp(default_efficiency, 6, n1);
}

/* Shaft power available at this RPM and N1, capped at maxpower. */
static double engine_power(const turboprop *t, double *v)
{
    double hp = jtable_lookup(t->power_rpm_n1, t->rpm, t->n1, 0.0);
    hp *= t->power_vc_table ? jtable_eval(t->power_vc_table, v) : v[t->power_vc_slot];
    return fmin(hp, t->max_power_hp);
}

/* Oil pressure from N1 and oil temperature (MPa converted to psi). */
static double oil_pressure(const turboprop *t)
{
    return (t->n1 / 100.0 * 0.25 + (0.1 - (t->oil_temp_k - 273.15) * 0.1 / 80.0) * t->n1 / 100.0) /
           7692.0e-6;
}

/* ITT lag towards the ITT_N1 table; cold engines (N1 < 20) blend in the
 * engine temperature. */
static void itt_towards_cold(turboprop *t)
{
    double goal = jtable_lookup(t->itt_n1, t->n1, 0.1, 0.0) +
                  (t->n1 > 20.0 ? 0.0 : (20.0 - t->n1) / 20.0 * t->eng_temp_c);
    t->itt_c = exp_seek(t, t->itt_c, goal, t->itt_delay, t->itt_delay * 1.2);
}

/* ITT lag for a burning engine: the table looked up ahead of N1 by its
 * rate of change. */
static void itt_towards_burning(turboprop *t, double old_n1)
{
    t->eng_temp_c = exp_seek(t, t->eng_temp_c, t->itt_c, 300.0, 400.0);
    double goal = jtable_lookup(t->itt_n1, (t->n1 - old_n1) * 300.0 + t->n1, 1.0, 0.0);
    t->itt_c = exp_seek(t, t->itt_c, goal, t->itt_delay, t->itt_delay * 1.2);
}

static double phase_off(engine *e, turboprop *t)
{
    e->running = 0;
    t->eng_starting = 0;
    e->fuel_flow_pph = pj_seek(e->fuel_flow_pph, 0.0, 800.0, 800.0, t->dt_s);
    /* the airflow turns the compressor */
    t->n1 = exp_seek(t, t->n1, t->qbar_psf / 15.0, t->idle_max_delay * 2.5,
                     t->idle_max_delay * 5.0);
    t->oil_temp_k = exp_seek(t, t->oil_temp_k, 273.15 + t->tat_c, 400.0, 400.0);
    t->eng_temp_c = exp_seek(t, t->eng_temp_c, t->tat_c, 300.0, 400.0);
    itt_towards_cold(t);
    t->oil_pressure_psi = oil_pressure(t);
    return t->rpm > 5.0 ? -0.012 : 0.0; /* JSBSim's engine friction estimate */
}

static double phase_run(engine *e, turboprop *t, double *v)
{
    e->running = 1;
    e->starter = 0;
    t->eng_starting = 0;
    double old_n1 = t->n1;
    t->n1 = exp_seek(t, t->n1, t->idle_n1 + t->throttle_pos * t->n1_factor, t->idle_max_delay,
                     t->idle_max_delay * 2.4);
    double hp = engine_power(t, v);
    t->combustion_efficiency = efficiency(t, t->n1);
    e->fuel_flow_pph = t->psfc / t->combustion_efficiency * hp;
    itt_towards_burning(t, old_n1);
    t->oil_pressure_psi = oil_pressure(t);
    t->oil_temp_k = pj_seek(t->oil_temp_k, 353.15, 0.4 - t->n1 * 0.001, 0.04, t->dt_s);
    if (t->cutoff || e->starved)
        t->phase = TP_OFF;
    return hp;
}

static double phase_spinup(engine *e, turboprop *t, double *v)
{
    e->running = 0;
    t->eng_starting = 1;
    e->fuel_flow_pph = 0.0;
    if (!t->generator_power) {
        t->eng_starting = 0;
        t->phase = TP_OFF;
        t->start_time_s = -1.0;
        return 0.0;
    }
    t->n1 = exp_seek(t, t->n1, t->starter_n1, t->idle_max_delay * 6.0, t->idle_max_delay * 2.4);
    t->eng_temp_c = exp_seek(t, t->eng_temp_c, t->tat_c, 300.0, 400.0);
    itt_towards_cold(t);
    t->oil_temp_k = exp_seek(t, t->oil_temp_k, 273.15 + t->tat_c, 400.0, 400.0);
    t->oil_pressure_psi = oil_pressure(t);
    double hp = engine_power(t, v);
    if (t->start_time_s >= 0.0)
        t->start_time_s += t->dt_s;
    if (t->start_time_s > t->max_starting_time_s && t->max_starting_time_s > 0.0) {
        t->phase = TP_OFF; /* the start timed out */
        t->start_time_s = -1.0;
    }
    return hp;
}

static double phase_start(engine *e, turboprop *t, double *v)
{
    double hp = 0.0;
    t->eng_starting = 0;
    if (t->n1 > 15.0 && !e->starved) { /* lights at 15% N1 */
        double old_n1 = t->n1;
        e->cranking = 1;
        if (t->n1 < t->idle_n1) {
            hp = engine_power(t, v);
            t->n1 = exp_seek(t, t->n1, t->idle_n1 * 1.1, t->idle_max_delay * 4.0,
                             t->idle_max_delay * 2.4);
            t->combustion_efficiency = efficiency(t, t->n1);
            e->fuel_flow_pph = t->psfc / t->combustion_efficiency * hp;
            itt_towards_burning(t, old_n1);
            t->oil_pressure_psi = oil_pressure(t);
            t->oil_temp_k = pj_seek(t->oil_temp_k, 353.15, 0.4 - t->n1 * 0.001, 0.04, t->dt_s);
        } else {
            t->phase = TP_RUN;
            e->running = 1;
            e->starter = 0;
            e->cranking = 0;
            e->fuel_flow_pph = 0.0;
        }
    } else {
        t->phase = TP_OFF;
        e->starter = 0;
    }
    return hp;
}

/* Throttle as the engine sees it, and the propeller's reverse settings. */
static void apply_reverse(engine *e, turboprop *t)
{
    propeller *p = e->thr.prop;
    if (!p)
        return;
    p->advance = e->ctl.advance;
    p->feathered = e->ctl.feather;
    p->reversed = t->reversed;
    p->reverse_coef = t->reversed ? t->throttle_pos : 0.0;
    if (t->reversed) {
        if (t->throttle_pos < t->beta_range_end) /* beta range: idle power */
            t->throttle_pos = 0.0;
        else
            t->throttle_pos = (t->throttle_pos - t->beta_range_end) / (1.0 - t->beta_range_end) *
                              t->reverse_max_power;
    }
}

static void choose_phase(engine *e, turboprop *t, const prop_in *in)
{
    if (t->phase == TP_TRIM && in->dt_s > 0.0) { /* a trim has just ended */
        if (e->running && !e->starved) {
            t->phase = TP_RUN;
            t->n1 = t->idle_n1;
            t->oil_temp_k = 366.0;
            t->cutoff = 0;
        } else {
            t->phase = TP_OFF;
            t->cutoff = 1;
            t->itt_c = t->eng_temp_c = in->tat_c;
            t->oil_temp_k = in->tat_c + 273.15;
        }
    }
    if (!e->running && e->starter && t->phase == TP_OFF) {
        t->phase = TP_SPINUP;
        if (t->start_time_s < 0.0)
            t->start_time_s = 0.0;
    }
    if (!e->running && !t->cutoff && t->n1 > 15.0) {
        t->phase = TP_START;
        t->start_time_s = -1.0;
    }
    if (t->cutoff && t->phase != TP_SPINUP)
        t->phase = TP_OFF;
    if (in->dt_s == 0.0)
        t->phase = TP_TRIM;
    if (e->starved)
        t->phase = TP_OFF;
    if (t->condition >= 10) {
        t->phase = TP_OFF;
        t->start_time_s = -1.0;
    }
}

/* Integrated electronic limiter: eases the throttle while the propeller
 * torque is over the limit, then lets it back up slowly. */
static void ielu(engine *e, turboprop *t, const prop_in *in)
{
    if (t->ielu_max_torque_ftlb <= 0.0)
        return;
    double torque = e->thr.prop ? e->thr.prop->torque_ftlb : 0.0;
    if (t->condition < 1) {
        if (fabs(torque) > t->ielu_max_torque_ftlb && t->throttle_pos >= t->old_throttle) {
            t->throttle_pos = t->old_throttle - 0.1 * in->dt_s;
            t->ielu_intervent = 1;
        } else if (t->ielu_intervent && t->throttle_pos >= t->old_throttle) {
            t->throttle_pos = t->old_throttle + 0.05 * in->dt_s;
            t->ielu_intervent = 1;
        } else {
            t->ielu_intervent = 0;
        }
    } else {
        t->ielu_intervent = 0;
    }
    t->old_throttle = t->throttle_pos;
}

void turboprop_calculate(engine *e, const prop_in *in, double *v)
{
    turboprop *t = e->tp;
    t->dt_s = in->dt_s;
    t->qbar_psf = in->qbar_psf;
    t->tat_c = in->tat_c;
    engine_run_pre(e, v);
    t->throttle_pos = e->ctl.throttle;
    t->rpm = thruster_engine_rpm(&e->thr);
    apply_reverse(e, t);
    choose_phase(e, t, in);
    ielu(e, t, in);
    switch (t->phase) {
    case TP_OFF: t->hp = phase_off(e, t); break;
    case TP_RUN: t->hp = phase_run(e, t, v); break;
    case TP_SPINUP: t->hp = phase_spinup(e, t, v); break;
    case TP_START: t->hp = phase_start(e, t, v); break;
    default: t->hp = 0.0; break;
    }
    double power = t->hp * PJ_HP_TO_FTLBPS;
    if (t->rpm <= 0.1) /* no negative power into a stopped propeller */
        power = fmax(power, 0.0);
    thruster_calculate(&e->thr, in, power);
    engine_run_post(e, v);
}

void turboprop_init_running(engine *e, const prop_in *in, double *v)
{
    prop_in at_rest = *in;
    at_rest.dt_s = 0.0; /* leaves the engine in its trim phase */
    e->tp->cutoff = 0;
    e->running = 1;
    turboprop_calculate(e, &at_rest, v);
}

void turboprop_set_cutoff(engine *e, int cutoff)
{
    if (e->tp)
        e->tp->cutoff = cutoff;
}

int turboprop_get_cutoff(const engine *e)
{
    return e->tp ? e->tp->cutoff : 0;
}

/* The defaults of a freshly loaded engine (FGTurboProp::SetDefaults). */
static void set_initial_state(turboprop *t, const prop_in *in)
{
    t->phase = TP_OFF;
    t->n1 = t->hp = 0.0;
    t->reversed = 0;
    t->cutoff = 1;
    t->itt_c = 0.0;
    t->eng_temp_c = 0.0;
    t->generator_power = 1;
    t->condition = 0;
    t->ielu_intervent = 0;
    t->eng_starting = 0;
    t->throttle_pos = t->old_throttle = 0.0;
    t->combustion_efficiency = 1.0;
    t->start_time_s = 0.0;
    t->oil_pressure_psi = 0.0;
    t->oil_temp_k = in->tat_c + 273.0;
    t->rpm = 0.0;
}

void turboprop_reset(engine *e, const prop_in *in, double *v)
{
    set_initial_state(e->tp, in);
    turboprop_write(e, v);
}

void turboprop_read(engine *e, const double *v)
{
    turboprop *t = e->tp;
    t->n1 = v[t->s_n1];
    t->reversed = v[t->s_reverser] != 0.0;
    t->hp = v[t->s_power];
    t->itt_c = v[t->s_itt];
    t->eng_temp_c = v[t->s_engtemp];
    t->ielu_intervent = v[t->s_ielu] != 0.0;
    t->combustion_efficiency = v[t->s_efficiency];
}

int turboprop_mirrors_foreign(const engine *e, const unsigned *flags)
{
    const turboprop *t = e->tp;
    const int slot[] = {t->s_n1, t->s_reverser, t->s_power, t->s_itt, t->s_engtemp, t->s_ielu, t->s_efficiency};
    return pj_any_foreign(flags, slot, (int)(sizeof slot / sizeof slot[0]));
}

void turboprop_write(const engine *e, double *v)
{
    const turboprop *t = e->tp;
    v[t->s_n1] = t->n1;
    v[t->s_reverser] = t->reversed;
    v[t->s_power] = t->hp;
    v[t->s_itt] = t->itt_c;
    v[t->s_engtemp] = t->eng_temp_c;
    v[t->s_ielu] = t->ielu_intervent;
    v[t->s_efficiency] = t->combustion_efficiency;
}

/* ------------------------------------------------------------------ */
/* Loading                                                              */

/* The deprecated bare <table name="EnginePowerVC">, bound as
 * propulsion/engine[i]/EnginePowerVC like JSBSim does. */
static saqr_status load_power_vc_table(jx_ctx *c, xmlNode *tel, engine *e, turboprop *t)
{
    char prefix[16];
    snprintf(prefix, sizeof prefix, "%d", e->d->index);
    xmlSetProp(tel, (const xmlChar *)"name", (const xmlChar *)"propulsion/engine[#]/EnginePowerVC");
    saqr_status st = jtable_load_prefixed(c, tel, prefix, &t->power_vc_table);
    /* the document may be shared with another engine */
    xmlSetProp(tel, (const xmlChar *)"name", (const xmlChar *)"EnginePowerVC");
    return st;
}

static saqr_status load_tables(jx_ctx *c, xmlNode *el, engine *e, turboprop *t)
{
    saqr_status st;
    for (xmlNode *tel = jx_first(el, "table"); tel; tel = jx_next(tel, "table")) {
        const char *name = jx_attr(c, tel, "name");
        jtable *tab = NULL;
        if (!name)
            name = "";
        if (strcmp(name, "EnginePowerVC") == 0) {
            if (t->power_vc_slot >= 0)
                continue; /* the <function> wins, as in JSBSim */
            if ((st = load_power_vc_table(c, tel, e, t)) != SAQR_OK)
                return st;
            jx_warn(c, tel, "an EnginePowerVC <table> without an enclosing <function> is "
                            "deprecated");
            continue;
        }
        if (strcmp(name, "EnginePowerRPM_N1") && strcmp(name, "ITT_N1") &&
            strcmp(name, "CombustionEfficiency_N1")) {
            jx_warn(c, tel, "unknown turboprop table \"%s\"; ignored", name);
            continue;
        }
        if ((st = jtable_load(c, tel, &tab)) != SAQR_OK)
            return st;
        if (strcmp(name, "EnginePowerRPM_N1") == 0)
            t->power_rpm_n1 = tab;
        else if (strcmp(name, "ITT_N1") == 0)
            t->itt_n1 = tab;
        else
            t->efficiency_n1 = tab;
    }
    return SAQR_OK;
}

saqr_status turboprop_load(jx_ctx *c, xmlNode *el, engine *e)
{
    static const char *const known[] = {
        "idlen1", "maxn1", "betarangeend", "reversemaxpower", "maxpower", "psfc",
        "n1idle_max_delay", "maxstartingtime", "startern1", "ielumaxtorque", "itt_delay",
        "table", "function", "property",
        /* read by nothing in JSBSim's turboprop, present in its files */
        "milthrust", "maxthrust", "idlen2", "maxn2", "idlefuelflow", NULL};
    engine_def *ed = engine_def_loading(e);
    saqr_status st;
    turboprop *t = arena_alloc(c->ar, sizeof *t);
    if (!t)
        return jx_error(c, el, "out of memory");
    e->tp = t;
    ed->type = ENG_TURBOPROP;
    jx_warn_unknown(c, el, known);

    t->idle_n1 = 30.0;
    t->max_n1 = 100.0;
    t->idle_max_delay = 1.0;
    t->itt_delay = 0.05;
    t->max_starting_time_s = 999999.0;
    t->ielu_max_torque_ftlb = -1.0;
    double beta_pct = 0.0, reverse_pct = 0.0;
    if ((st = pj_opt(c, el, "idlen1", NULL, &t->idle_n1)) ||
        (st = pj_opt(c, el, "maxn1", NULL, &t->max_n1)) ||
        (st = pj_opt(c, el, "betarangeend", NULL, &beta_pct)) ||
        (st = pj_opt(c, el, "reversemaxpower", NULL, &reverse_pct)) ||
        (st = pj_opt(c, el, "maxpower", NULL, &t->max_power_hp)) ||
        (st = pj_opt(c, el, "psfc", NULL, &t->psfc)) ||
        (st = pj_opt(c, el, "n1idle_max_delay", NULL, &t->idle_max_delay)) ||
        (st = pj_opt(c, el, "maxstartingtime", NULL, &t->max_starting_time_s)) ||
        (st = pj_opt(c, el, "startern1", NULL, &t->starter_n1)) ||
        (st = pj_opt(c, el, "ielumaxtorque", NULL, &t->ielu_max_torque_ftlb)) ||
        (st = pj_opt(c, el, "itt_delay", NULL, &t->itt_delay)))
        return st;
    if (jx_first(el, "idlefuelflow"))
        jx_warn(c, jx_first(el, "idlefuelflow"),
                "<idlefuelflow> is obsolete; the CombustionEfficiency_N1 table is used");
    t->beta_range_end = fmin(fmax(beta_pct / 100.0, 0.0), 0.99999);
    t->reverse_max_power = reverse_pct / 100.0;
    t->n1_factor = t->max_n1 - t->idle_n1;

    /* EnginePowerVC as a <function>: engine_load_common loaded it as
     * propulsion/engine[i]/EnginePowerVC among the pre-functions. */
    t->power_vc_slot = engine_function_slot(c, e, "EnginePowerVC");
    if ((st = load_tables(c, el, e, t)) != SAQR_OK)
        return st;
    if (t->power_vc_slot < 0 && !t->power_vc_table)
        return jx_error(c, el, "a turboprop engine needs an EnginePowerVC function");
    if (!t->power_rpm_n1)
        return jx_error(c, el, "a turboprop engine needs an EnginePowerRPM_N1 table");
    if (!t->itt_n1)
        return jx_error(c, el, "a turboprop engine needs an ITT_N1 table");

    int i = ed->index;
    const unsigned rw = PJ_MIRRORED;
    if ((t->s_n1 = pj_slot(c, el, "engine", i, "n1", rw)) < 0 ||
        (t->s_reverser = pj_slot(c, el, "engine", i, "reverser", rw)) < 0 ||
        (t->s_power = pj_slot(c, el, "engine", i, "power-hp", rw)) < 0 ||
        (t->s_itt = pj_slot(c, el, "engine", i, "itt-c", rw)) < 0 ||
        (t->s_engtemp = pj_slot(c, el, "engine", i, "engtemp-c", rw)) < 0 ||
        (t->s_ielu = pj_slot(c, el, "engine", i, "ielu_intervent", rw)) < 0 ||
        (t->s_efficiency = pj_slot(c, el, "engine", i, "combustion_efficiency", rw)) < 0)
        return SAQR_EPARSE;
    return SAQR_OK;
}

/* A copy for another aircraft of a batch (tables shared, read-only). */
turboprop *turboprop_clone(arena *ar, const turboprop *src)
{
    return arena_dup(ar, src, sizeof *src);
}
