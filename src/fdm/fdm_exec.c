/*
 * fdm_exec.c - the executive of a JSBSim-format aircraft: runs the models
 * in JSBSim's order, places the aircraft at its initial condition (RunIC),
 * advances one frame (IncrTime, script, Propagate, models), and handles
 * properties whose writing is an action.
 *
 * Model order inside a frame (FGFDMExec's model list): propagate-derived
 * state, atmosphere, winds, systems/FCS, mass balance, auxiliary air data,
 * propulsion, aerodynamics, ground reactions, external reactions, buoyant
 * forces, then the accelerations, which leave the derivative the next
 * frame integrates.
 * Reference: JSBSim src/FGFDMExec.cpp (Run, RunIC, Initialize,
 * ResetToInitialConditions).
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "fdm/aero.h"
#include "fdm/buoyancy.h"
#include "fdm/external.h"
#include "fdm/fcs.h"
#include "fdm/fdm_accel.h"
#include "fdm/fdm_air.h"
#include "fdm/fdm_exec.h"
#include "fdm/fdm_propagate.h"
#include "fdm/fdm_reports.h"
#include "fdm/fdm_slots.h"
#include "fdm/ground.h"
#include "fdm/ic_model.h"
#include "fdm/linearize.h"
#include "fdm/mass.h"
#include "fdm/propulsion.h"
#include "fdm/trim.h"
#include "math/units.h"
#include "script/output.h"
#include "script/script.h"

#define FDM_MAX_TANKS 64

void fdm_settle_flags(saqr_fdm *f)
{
    if (f->gnd)
        ground_settle_flags(f->gnd, f->props.flags);
    propulsion_settle_flags(f->prop, f->props.flags);
}

void fdm_log(saqr_fdm *f, const char *fmt, ...)
{
    if (!f->log)
        return;
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    f->log(f->log_user, line);
}

/* The models in JSBSim's order, as five stages (fdm_run_models runs them
 * in turn; the batch runs each stage for several aircraft before the next,
 * so that a stage's code stays in the instruction cache). */
static void stage_environment(saqr_fdm *f)
{
    double *v = f->props.v;
    fdm_derive_state(f);
    fdm_publish_state(f, v);
    fdm_atmosphere(f, v);
    fdm_winds(f, v, f->env.dt_s);
    if (f->gnd)
        ground_pre_fcs(f->gnd, v);
}

static void stage_fcs(saqr_fdm *f)
{
    fcs_run(f->fcs, &f->env, f->props.v, &f->rng);
}

static void stage_mass(saqr_fdm *f)
{
    double *v = f->props.v;
    const fdm_slots *s = f->slot;
    fdm_point_mass tanks[FDM_MAX_TANKS];
    propulsion_sync_tanks(f->prop, v);
    int ntanks = f->prop ? propulsion_point_masses(f->prop, v, tanks, FDM_MAX_TANKS) : 0;
    if (f->buoy)    /* the gas as the last run left it, as JSBSim's inputs */
        ntanks += buoyancy_point_masses(f->buoy, tanks + ntanks, FDM_MAX_TANKS - ntanks);
    double shift[3];
    mass_run(f->mass, tanks, ntanks, s, v, &f->env, shift);
    if (f->lazy_read[FDM_LAZY_MASS] >= 0) { /* else worked out when asked */
        double out[MASS_REPORT_COUNT];
        int slots[MASS_REPORT_COUNT];
        mass_report(&f->env, out);
        mass_report_slots(s, slots);
        for (int i = 0; i < MASS_REPORT_COUNT; i++)
            v[slots[i]] = out[i];
    }
    if ((v[s->hold_down] != 0.0 || (f->gnd && ground_wow(f->gnd))) &&
        (shift[0] != 0.0 || shift[1] != 0.0 || shift[2] != 0.0)) {
        /* the structure stays where it stands on the ground: the CG's new
         * place holds for the rest of the frame (contacts, outputs), as
         * JSBSim's NudgeBodyLocation moves the location it reads from */
        fdm_nudge(f, shift);
        fdm_derive_state(f);
        fdm_publish_state(f, v);
    }
    fdm_aux(f, v);
}

static void stage_propulsion_aero(saqr_fdm *f)
{
    double *v = f->props.v;
    const fdm_env *env = &f->env;
    memset(&f->f_prop, 0, sizeof f->f_prop);
    memset(&f->f_aero, 0, sizeof f->f_aero);
    if (f->prop)
        propulsion_run(f->prop, env, v, &f->f_prop);
    if (f->aero) {
        aero_pre(f->aero, env, &f->metrics, f->slot, v);
        aero_run(f->aero, env, &f->metrics, f->slot, v, &f->rng, &f->f_aero);
    }
    fdm_report_publish(f, FDM_LAZY_AERO_AXES, v); /* when read (fdm_reports.c) */
}

static void stage_forces(saqr_fdm *f)
{
    double *v = f->props.v;
    const fdm_env *env = &f->env;
    memset(&f->f_gear, 0, sizeof f->f_gear);
    memset(&f->f_ext, 0, sizeof f->f_ext);
    if (f->gnd)
        ground_run(f->gnd, env, v, &f->f_gear);
    if (f->ext)
        external_run(f->ext, env, v, &f->rng, &f->f_ext);
    fdm_forces f_buoy = {{0, 0, 0}, {0, 0, 0}};
    if (f->buoy)
        buoyancy_run(f->buoy, env, v, &f->rng, &f_buoy);
    fdm_report_publish(f, FDM_LAZY_PROP_FORCES, v); /* when read (fdm_reports.c) */
    fdm_report_publish(f, FDM_LAZY_EXT_FORCES, v);
    fdm_forces total;
    for (int i = 0; i < 3; i++) {
        total.force_body_n[i] = f->f_aero.force_body_n[i] + f->f_prop.force_body_n[i] + f->f_gear.force_body_n[i] +
                                f->f_ext.force_body_n[i] + f_buoy.force_body_n[i];
        total.moment_body_nm[i] = f->f_aero.moment_body_nm[i] + f->f_prop.moment_body_nm[i] +
                                  f->f_gear.moment_body_nm[i] + f->f_ext.moment_body_nm[i] + f_buoy.moment_body_nm[i];
    }
    fdm_accelerations(f, &total, v);
}

static void models_begin(saqr_fdm *f, double dt_s)
{
    f->env.dt_s = dt_s;
    f->env.trimming = f->trimming;
}

void fdm_run_models(saqr_fdm *f, double dt_s)
{
    models_begin(f, dt_s);
    stage_environment(f);
    stage_fcs(f);
    stage_mass(f);
    stage_propulsion_aero(f);
    stage_forces(f);
}

/* Sets the winds and runs the models twice at dt = 0 (JSBSim's
 * Initialize followed by RunIC's Run). */
saqr_status fdm_apply_ic(saqr_fdm *f, const fdm_ic *ic)
{
    return fdm_apply_ic_runs(f, ic, 2);
}

saqr_status fdm_apply_ic_runs(saqr_fdm *f, const fdm_ic *ic, int runs)
{
    double *v = f->props.v;
    const fdm_slots *s = f->slot;
    f->env.dt_s = 0.0;
    fdm_place(f, ic);
    v[s->wind_n_fps] = ic->wind_ned_mps[0] / M_PER_FT;
    v[s->wind_e_fps] = ic->wind_ned_mps[1] / M_PER_FT;
    v[s->wind_d_fps] = ic->wind_ned_mps[2] / M_PER_FT;
    /* The placed state's environment (position, attitude, atmosphere,
     * winds) is worked out by the first run's first stage: working it out
     * here as well gave the same bits at dt = 0 (nothing advances) and
     * cost a trim ~3% of its time.  The air data (fdm_aux) are not worked
     * out before the runs either: JSBSim's Initialize
     * runs the models with what its auxiliary model last computed, and the
     * FCS runs before the auxiliary model does.  Fly-by-wire laws that
     * read rates or the load factor (the f16's) see, in the first run, the
     * values the previous placing left (trim and linearisation placings)
     * or the previous flight's (a reset). */
    if (runs == 1) {
        /* JSBSim's Initialize alone: its Propagate refills the history with
         * the derivative it last read, the one before this placing */
        const eom_state before = f->xdot;
        fdm_run_models(f, 0.0);
        integrator_prime(&f->integ, &before);
        goto placed;
    }
    fdm_run_models(f, 0.0);
    /* JSBSim's RunIC fills the integrators' history with the derivative
     * its Propagate model last read, i.e. that of the first of the two
     * runs (Initialize's); the first step then integrates the second
     * run's derivative with that history (Adams-Bashforth).  The two
     * differ where a model reads another's output of the previous run:
     * the tanks' inertia is taken about the previous CG (mass.c), the
     * structural origin in the first run (c172x at rest: Iyy 1800 instead
     * of 1505 slug ft2, hence JSBSim's first-step u 4.6% off an Euler
     * step), and the friction solver starts from the previous run's
     * multipliers. */
    eom_state first_xdot = f->xdot;
    fdm_run_models(f, 0.0);
    integrator_prime(&f->integ, &first_xdot);
placed:
    if (!eom_state_is_finite(&f->x))
        return err_set(&f->err, SAQR_EINVAL, "initial conditions give a non-finite state");
    f->ic_applied = *ic;
    f->ic_valid = 1;
    v[s->sim_dt] = f->dt_s; /* integration resumes: JSBSim's ResumeIntegration */
    return SAQR_OK;
}

/* JSBSim's integrator numbers (FGPropagate::eIntegrateType) -> ours. */
static saqr_status integrator_from_props(saqr_fdm *f)
{
    const fdm_slots *s = f->slot;
    const double *v = f->props.v;
    int slots[EOM_GROUP_COUNT] = {s->integ_rot_rate, s->integ_trans_rate, s->integ_rot_pos, s->integ_trans_pos};
    saqr_integrator scheme[EOM_GROUP_COUNT];
    for (int g = 0; g < EOM_GROUP_COUNT; g++) {
        int k = prop_int(v[slots[g]]);
        saqr_integrator m;
        switch (k) {
        case 0: m = SAQR_INTEG_NONE; break;
        case 1: m = SAQR_INTEG_RECT_EULER; break;
        case 2: m = SAQR_INTEG_TRAPEZOIDAL; break;
        case 3: m = SAQR_INTEG_ADAMS_BASHFORTH2; break;
        case 4: m = SAQR_INTEG_ADAMS_BASHFORTH3; break;
        case 5: m = SAQR_INTEG_ADAMS_BASHFORTH4; break;
        case 6: m = SAQR_INTEG_BUSS1; break;
        case 7: m = SAQR_INTEG_BUSS2; break;
        case 8: m = SAQR_INTEG_LOCAL_LINEARIZATION; break;
        case 9: m = SAQR_INTEG_ADAMS_BASHFORTH5; break;
        default:
            return err_set(&f->err, SAQR_EINVAL,
                           "%s = %d: no such integrator (0 none, 1 Euler, 2 trapezoidal, 3-5 Adams-Bashforth 2-4, "
                           "6-7 Buss 1-2, 8 local linearisation, 9 Adams-Bashforth 5)",
                           f->props.names[slots[g]], k);
        }
        if (k >= 6 && k <= 8 && slots[g] != s->integ_rot_pos)
            return err_set(&f->err, SAQR_EINVAL,
                           "%s = %d: the Buss and local linearisation integrators are for "
                           "simulation/integrator/position/rotational only",
                           f->props.names[slots[g]], k);
        scheme[g] = m;
    }
    saqr_integrator_config cfg = {scheme[EOM_ROT_RATE], scheme[EOM_TRANS_RATE], scheme[EOM_ROT_POS],
                                  scheme[EOM_TRANS_POS]};
    return integrator_configure(&f->integ, &cfg, &f->err);
}

static void start_engines(saqr_fdm *f, const fdm_ic *ic)
{
    if (!f->prop)
        return;
    int n = propulsion_engine_count(f->prop);
    if (ic->running_all) {
        propulsion_init_running(f->prop, -1, &f->env, f->props.v);
        return;
    }
    for (int i = 0; i < n && i < 32; i++)
        if (ic->running_mask & (1u << i))
            propulsion_init_running(f->prop, i, &f->env, f->props.v);
}

saqr_status fdm_initialize(saqr_fdm *f, int reset_models)
{
    double *v = f->props.v;
    saqr_status st = integrator_from_props(f);
    if (st)
        return st;
    if (reset_models) {
        mass_reset(f->mass);
        fcs_reset(f->fcs, v);
        if (f->prop)
            propulsion_reset(f->prop, v);
        if (f->gnd)
            ground_reset(f->gnd, v);
        /* the standard atmosphere forgets its temperature bias and its
         * sea-level pressure (FGStandardAtmosphere::InitModel) */
        v[f->slot->delta_T] = 0.0;
        v[f->slot->P_sl_psf] = FDM_STD_SL_PRESSURE_PSF;
        /* and the winds their direction (FGWinds::InitModel): a wind of
         * rounding size left by a trim must not point the next run's */
        v[f->slot->psiw_rad] = 0.0;
        /* and the turbulence its filters (FGWinds::InitModel): set up
         * again from its seed at the next step, it blows as it did */
        f->turb.turb_type = -1;
    }
    /* the ic/ properties written since they were last shown, applied;
     * then every ic/ property shows the state flown (JSBSim's getters
     * work it out from its FGInitialCondition whenever read) */
    ic_model m;
    if ((st = ic_resolve_model(f->ic, v, &m, &f->err)))
        return st;
    ic_publish(f->ic, &m, v);
    fdm_ic ic;
    icm_to_fdm_ic(&m, &ic);
    /* the clock starts at the script's <run start> (FGScript sets it when
     * loading and again on a reset); the frame counter goes on across
     * resets, as JSBSim's */
    f->t_s = f->scr ? script_start_time(f->scr) : 0.0;
    f->gust.running = 0;
    /* The accelerations start from zero on (re)initialisation, as JSBSim's
     * InitModel leaves them; a trim's evaluations (fdm_apply_ic too) keep
     * the previous evaluation's, so the air data the FCS reads (load
     * factors) are those of the last evaluation, as in JSBSim. */
    memset(&f->acc, 0, sizeof f->acc);
    if ((st = fdm_apply_ic(f, &ic)))
        return st;
    /* JSBSim's RunIC writes its first output row here, before its
     * InitRunning starts the engines */
    output_capture_ic(f);
    start_engines(f, &ic);
    f->ready = 1;
    return SAQR_OK;
}

void fdm_capture_ic(saqr_fdm *f)
{
    const fdm_slots *s = f->slot;
    double *v = f->props.v;
    const fdm_env *env = &f->env;
    double wind[3] = {v[s->wind_n_fps] * M_PER_FT, v[s->wind_e_fps] * M_PER_FT, v[s->wind_d_fps] * M_PER_FT};
    ic_capture(f->ic, env->r_ecef_m, env->terrain_elev_m, env->euler_rad, env->vel_ned_mps, env->omega_body_radps,
               wind, v);
}

saqr_status fdm_reposition(saqr_fdm *f)
{
    double *v = f->props.v;
    ic_model m;
    saqr_status st = ic_resolve_model(f->ic, v, &m, &f->err);
    if (st)
        return st;
    fdm_ic ic;
    icm_to_fdm_ic(&m, &ic);
    /* as a trim's evaluation: the time, the accelerations of the last run
     * and every model's state are kept; the engines are not started */
    if ((st = fdm_apply_ic(f, &ic)))
        return st;
    /* each ic/ property now reads the state placed (JSBSim's are tied to
     * one FGInitialCondition), so later changes apply from here */
    ic_publish(f->ic, &m, v);
    return SAQR_OK;
}

static int stored_derivative(void *ctx, double t_s, const eom_state *x, eom_state *xdot)
{
    (void)t_s;
    (void)x;
    const saqr_fdm *f = ctx;
    *xdot = f->xdot;
    return 0;
}

/* Stage 0 of a frame: the clock, the script and the integration. */
static saqr_status frame_begin(saqr_fdm *f)
{
    const fdm_slots *s = f->slot;
    double *v = f->props.v;
    eom_state before = f->x;
    double t_before = f->t_s;
    f->t_s += f->dt_s;
    f->frame++;
    v[s->sim_time] = f->t_s;
    if (f->scr && !f->linearizing) {
        f->fatal = 0;
        script_run(f->scr, f);
        if (f->fatal)
            return SAQR_EINVAL;
        err_clear(&f->err);   /* other refused writes were warned about at load */
    }
    if (integrator_step(&f->integ, stored_derivative, f, t_before, f->dt_s, &f->x)) {
        f->x = before;
        f->t_s = t_before;
        return err_set(&f->err, SAQR_EINVAL, "step: at t = %.6f s the state became non-finite", t_before);
    }
    models_begin(f, f->dt_s);
    stage_environment(f);
    return SAQR_OK;
}

/* The last stage: the forces, the accelerations and their check. */
static saqr_status frame_end(saqr_fdm *f)
{
    stage_forces(f);
    if (!eom_state_is_finite(&f->xdot))
        return err_set(&f->err, SAQR_EINVAL, "step: at t = %.6f s a model produced a non-finite force", f->t_s);
    return SAQR_OK;
}

saqr_status fdm_frame_stage(saqr_fdm *f, int stage)
{
    switch (stage) {
    case 0:
        return frame_begin(f);
    case 1:
        stage_fcs(f);
        return SAQR_OK;
    case 2:
        stage_mass(f);
        return SAQR_OK;
    case 3:
        stage_propulsion_aero(f);
        return SAQR_OK;
    default:
        return frame_end(f);
    }
}

saqr_status fdm_frame(saqr_fdm *f)
{
    saqr_status st = frame_begin(f);
    if (st != SAQR_OK)
        return st;
    stage_fcs(f);
    stage_mass(f);
    stage_propulsion_aero(f);
    return frame_end(f);
}

static void engines_steady(saqr_fdm *f)
{
    propulsion_steady_state(f->prop, &f->env, f->props.v);
}

saqr_status fdm_set_property(saqr_fdm *f, int slot, double value)
{
    if (slot < 0 || slot >= f->props.count)
        return err_set(&f->err, SAQR_EINVAL, "property slot %d does not exist", slot);
    if (!isfinite(value))
        return err_set(&f->err, SAQR_EINVAL, "%s: value is not finite", f->props.names[slot]);
    unsigned fl = f->props.flags[slot];
    if (fl & PROP_READONLY)
        return err_set(&f->err, SAQR_EINVAL, "%s is read-only", f->props.names[slot]);
    const fdm_slots *s = f->slot;
    /* Range checks before any (int) conversion: a huge double converted to
     * int is undefined behaviour. */
    if (s && (fl & PROP_ACTION) && slot == s->do_trim) {
        if (!f->ready)
            return err_set(&f->err, SAQR_ESTATE, "simulation/do_simple_trim: the aircraft is not initialised");
        if (!(value > -1.0 && value < 7.0)) {
            /* Flying on untrimmed would give a meaningless run: stop it. */
            f->fatal = 1;
            return err_set(&f->err, SAQR_EINVAL,
                           "simulation/do_simple_trim: mode %g does not exist (0 longitudinal, 1 full, 2 ground, "
                           "3 pull-up, 4 custom, 5 turn, 6 none)",
                           value);
        }
    }
    if (s && (slot == s->random_seed || slot == s->wind_seed) &&
        !(value >= 0.0 && value <= 9007199254740992.0 && value == floor(value)))
        return err_set(&f->err, SAQR_EINVAL, "%s: %g is not a whole number 0..2^53",
                       slot == s->random_seed ? "simulation/randomseed" : "atmosphere/randomseed", value);
    if (f->prop && (fl & PROP_ACTION) && slot == f->set_running_slot && !(value >= -1.0 && value < 1e6))
        return err_set(&f->err, SAQR_EINVAL, "propulsion/set-running: %g is not an engine number (-1: all)",
                       value);
    f->props.v[slot] = value;
    if ((fl & PROP_IC) && f->ic)
        ic_mark_written(f->ic, slot);
    if (s && (slot == s->delta_T || slot == s->P_sl_psf)) /* JSBSim's setters */
        fdm_atmosphere_day_written(f, f->props.v);
    if (fl & (PROP_OWNED | PROP_WATCHED)) { /* a model's report or surface: it catches up */
        if (f->gnd)
            ground_outside_write(f->gnd);
        if (f->fcs)
            fcs_outside_write(f->fcs);
        propulsion_outside_write(f->prop);
        propulsion_property_written(f->prop, slot, f->props.v);
    }
    if (!(fl & PROP_ACTION) || !s)
        return SAQR_OK;
    if (slot == s->do_trim) {
        int mode = (int)value;
        f->props.v[s->trim_completed] = 0.0;
        saqr_status st = fdm_trim_with(f, (saqr_trim_mode)mode, engines_steady);
        f->props.v[s->sim_dt] = f->dt_s; /* the trim ran at dt = 0 */
        if (st == SAQR_OK)
            f->props.v[s->trim_completed] = 1.0;
        else
            f->fatal = 1;     /* JSBSim stops the run when a trim fails */
        return st;
    }
    if (slot == s->do_linearization) {
        /* JSBSim's DoLinearization: any value; the model goes to the
         * sink (saqr run writes it as JSBSim's <aircraft>_lin.sce) */
        if (!f->ready)
            return err_set(&f->err, SAQR_ESTATE, "simulation/do_linearization: the aircraft is not initialised");
        saqr_linear_model m;
        saqr_status st = fdm_linearize(f, &m);
        if (st == SAQR_OK && f->lin_sink)
            f->lin_sink(f->lin_user, &m);
        if (st != SAQR_OK)
            f->fatal = 1;   /* as a failed trim: the aircraft cannot fly on */
        return st;
    }
    if (slot == s->reset && value != 0.0 && f->ready) {
        if (f->scr)
            script_reset(f->scr, f);
        saqr_status st = fdm_initialize(f, 1);
        output_on_reset(f);
        return st;
    }
    if (slot == s->gust_start && value != 0.0)
        fdm_gust_start(f);
    if (slot == s->hold_down && value != 0.0 && f->ready)
        fdm_hold_down_engage(f);
    if (slot == s->wind_mag_fps || slot == s->psiw_rad)
        fdm_set_wind_polar(f, slot == s->wind_mag_fps ? value : NAN, slot == s->psiw_rad ? value : NAN);
    if (slot == s->random_seed) {
        /* JSBSim's SRand: the random stream of functions and sensor noise
         * starts again from the seed (0: Saqr's default, 1); the
         * turbulence takes its own stream from it at its next step */
        const uint64_t k = (uint64_t)value;
        rng_seed(&f->rng, k == 0 ? 1 : k);
        if (!f->turb.own_seed) /* JSBSim's FGWinds::GetRandomSeed */
            f->props.v[s->wind_seed] = value;
    }
    if (slot == s->wind_seed) /* the turbulence's own seed from now on */
        f->turb.own_seed = 1;
    if (f->prop && slot == f->set_running_slot && f->ready)
        propulsion_init_running(f->prop, (int)value, &f->env, f->props.v);
    return SAQR_OK;
}
