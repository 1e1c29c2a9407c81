/*
 * trim.c - simulation/do_simple_trim on a loaded aircraft: the trim_plant
 * that connects the solver (trim_solver.c) to the executive, and the
 * set-up and clean-up around it that JSBSim's FGTrim::DoTrim performs.
 *
 * The trim works on a private copy of the initial conditions (resolved
 * from the ic/ properties, body rates zeroed).  Controls that are initial
 * conditions (alpha, beta, theta, phi, heading, flight-path angle, AGL
 * altitude) go through the same setters as the initialisation file, so
 * setting alpha keeps the airspeed and the flight path and turns theta;
 * controls that are FCS commands are written into their properties.  Each
 * evaluation places the aircraft with fdm_apply_ic (JSBSim's Initialize
 * followed by Run) and reads the accelerations the models left.
 *
 * Ground trim (mode 2): as JSBSim, the aircraft is first lowered until
 * its lowest contact touches the terrain and rotated onto three contacts
 * (trim_ground.c); the solver then finds the equilibrium of altitude,
 * theta and phi from there.  Pull-up (3) trims the load factor
 * ic/targetNlf with alpha at the pitch rate that load factor needs; turn
 * (5) trims with sideslip instead of bank, the body rates following the
 * bank angle (a coordinated turn).  Custom (4) and none (6) have no axes
 * from a script, so they succeed at once and change nothing (JSBSim also
 * refills the integrators' history, which matters only to third-order
 * Adams-Bashforth).
 *
 * Reference: JSBSim src/initialization/FGTrim.cpp (DoTrim, trimOnGround,
 * setupPullup, setupTurn, updateRates), FGTrimAxis.cpp (setControl,
 * getState, setThrottlesPct), src/models/FGAuxiliary.cpp (GetNlf).
 */
#include <math.h>
#include <stdio.h>

#include "fdm/fdm_internal.h"
#include "fdm/fdm_slots.h"
#include "fdm/ground.h"
#include "fdm/ic_model.h"
#include "fdm/propulsion.h"
#include "fdm/trim.h"
#include "math/units.h"
#include "math/trig.h"

#define MAX_ENGINES 32
#define MAX_CONTACTS 256

typedef struct fdm_plant {
    saqr_fdm *f;
    ic_model ic;                    /* the trim's copy of the IC           */
    saqr_trim_mode mode;
    double target_nlf;              /* pull-up load factor (ic/targetNlf)  */
    fdm_trim_steady_fn steady;
    int n_engines;
    int throttle_cmd[MAX_ENGINES], throttle_pos[MAX_ENGINES];
    double throttle_min[MAX_ENGINES], throttle_max[MAX_ENGINES];
    int pitch_trim, elevator, aileron, rudder;  /* fcs/...-cmd-norm slots  */
} fdm_plant;

static void plant_run(void *user)
{
    fdm_plant *p = user;
    fdm_ic ic;
    icm_to_fdm_ic(&p->ic, &ic);
    (void)fdm_apply_ic(p->f, &ic);
}

static void set_slot(fdm_plant *p, int slot, double x)
{
    if (slot >= 0)
        p->f->props.v[slot] = x;
}

static void plant_set_control(void *user, trim_control c, double x)
{
    fdm_plant *p = user;
    switch (c) {
    case TRIM_THROTTLE:
        /* the control 0..1 spans each engine's throttle range
         * (FGTrimAxis::setThrottlesPct), one engine per run */
        for (int i = 0; i < p->n_engines; i++) {
            double t = p->throttle_min[i] + x * (p->throttle_max[i] - p->throttle_min[i]);
            set_slot(p, p->throttle_cmd[i], t);
            set_slot(p, p->throttle_pos[i], t);
            plant_run(p);
            if (p->steady)
                p->steady(p->f);
        }
        break;
    case TRIM_BETA: icm_set_beta(&p->ic, x); break;
    case TRIM_ALPHA: (void)icm_set_alpha(&p->ic, x); break;
    case TRIM_PITCH_TRIM: set_slot(p, p->pitch_trim, x); break;
    case TRIM_ELEVATOR: set_slot(p, p->elevator, x); break;
    case TRIM_AILERON: set_slot(p, p->aileron, x); break;
    case TRIM_RUDDER: set_slot(p, p->rudder, x); break;
    case TRIM_ALT_AGL: icm_set_alt_agl(&p->ic, x * M_PER_FT); break;
    case TRIM_THETA: icm_set_euler(&p->ic, 1, x); break;
    case TRIM_PHI: icm_set_euler(&p->ic, 0, x); break;
    case TRIM_GAMMA: (void)icm_set_gamma(&p->ic, x); break;
    case TRIM_HEADING: icm_set_euler(&p->ic, 2, x); break;
    }
}

static double plant_state(void *user, trim_state s)
{
    fdm_plant *p = user;
    const saqr_fdm *f = p->f;
    switch (s) {
    case TRIM_UDOT: return f->acc.uvwdot_mps2[0] / M_PER_FT;
    case TRIM_VDOT: return f->acc.uvwdot_mps2[1] / M_PER_FT;
    case TRIM_WDOT: return f->acc.uvwdot_mps2[2] / M_PER_FT;
    case TRIM_PDOT: return f->acc.pqrdot_radps2[0];
    case TRIM_QDOT: return f->acc.pqrdot_radps2[1];
    case TRIM_RDOT: return f->acc.pqrdot_radps2[2];
    case TRIM_HMGT: {
        /* heading minus ground track, wrapped to (-pi, pi] */
        double d = f->env.euler_rad[2] - trig_atan2(f->env.vel_ned_mps[1], f->env.vel_ned_mps[0]);
        if (d < -UNITS_PI)
            d += 2.0 * UNITS_PI;
        else if (d > UNITS_PI)
            d -= 2.0 * UNITS_PI;
        return d;
    }
    case TRIM_NLF:
        /* lift over weight (forces/load-factor) */
        return saqr_fdm_get(f, f->slot->load_factor); /* worked out when read */
    }
    return 0.0;
}

static int find_slot(const saqr_fdm *f, const char *name)
{
    return prop_find(&f->props, name);
}

static double prop_or(const saqr_fdm *f, const char *name, double fallback)
{
    int s = find_slot(f, name);
    return s >= 0 ? f->props.v[s] : fallback;
}

/* FCS commands the trim may change, saved to be restored on failure. */
typedef struct saved_controls {
    double throttle[MAX_ENGINES];
    double pitch_trim, elevator, aileron, rudder;
} saved_controls;

static double get_slot(const fdm_plant *p, int slot)
{
    return slot >= 0 ? p->f->props.v[slot] : 0.0;
}

static void save_controls(const fdm_plant *p, saved_controls *s)
{
    for (int i = 0; i < p->n_engines; i++)
        s->throttle[i] = get_slot(p, p->throttle_cmd[i]);
    s->pitch_trim = get_slot(p, p->pitch_trim);
    s->elevator = get_slot(p, p->elevator);
    s->aileron = get_slot(p, p->aileron);
    s->rudder = get_slot(p, p->rudder);
}

static void restore_controls(fdm_plant *p, const saved_controls *s)
{
    for (int i = 0; i < p->n_engines; i++) {
        set_slot(p, p->throttle_cmd[i], s->throttle[i]);
        set_slot(p, p->throttle_pos[i], s->throttle[i]);
    }
    set_slot(p, p->pitch_trim, s->pitch_trim);
    set_slot(p, p->elevator, s->elevator);
    set_slot(p, p->aileron, s->aileron);
    set_slot(p, p->rudder, s->rudder);
}

/* JSBSim's trimOnGround, from the state of the last run: lowers (or
 * raises) the aircraft so that its lowest contact is on the terrain and
 * runs it there, then turns the trim's attitude onto three contacts
 * (without running again).  Retracted gear, and wheels on a surface that
 * is not solid, do not count; with fewer than three contacts nothing is
 * done. */
static void trim_on_ground(fdm_plant *p)
{
    saqr_fdm *f = p->f;
    if (!f->gnd)
        return;
    trim_contact c[MAX_CONTACTS];
    int n = 0, lowest = -1;
    double h_min = INFINITY;
    int solid = ground_surface_solid(f->gnd, f->props.v);
    for (int i = 0; i < ground_contact_count(f->gnd) && n < MAX_CONTACTS; i++) {
        ground_contact_geom g;
        ground_contact_geometry(f->gnd, &f->env, f->props.v, i, &g);
        if (!g.down || (g.bogey && !solid))
            continue;
        for (int k = 0; k < 3; k++) {
            c[n].pos[k] = g.arm_body_m[k];
            c[n].up[k] = g.up_body[k];
        }
        if (g.height_m < h_min) {
            h_min = g.height_m;
            lowest = n;
        }
        n++;
    }
    if (n < 3)
        return;
    double c0[3] = {c[lowest].pos[0], c[lowest].pos[1], c[lowest].pos[2]};
    for (int k = lowest; k + 1 < n; k++)
        c[k] = c[k + 1];
    n--;
    icm_set_alt_asl(&p->ic, icm_alt_asl_m(&p->ic) - h_min);
    plant_run(p);

    /* the moment about the contact the aircraft now rests on */
    const fdm_env *e = &f->env;
    double force[3], moment[3];
    for (int k = 0; k < 3; k++)
        force[k] = e->mass_kg * f->acc.uvwdot_mps2[k];
    for (int k = 0; k < 3; k++)
        moment[k] = f->acc.pqrdot_radps2[0] * e->inertia_kgm2[k][0] + f->acc.pqrdot_radps2[1] * e->inertia_kgm2[k][1] +
                    f->acc.pqrdot_radps2[2] * e->inertia_kgm2[k][2];
    moment[0] += force[1] * c0[2] - force[2] * c0[1];
    moment[1] += force[2] * c0[0] - force[0] * c0[2];
    moment[2] += force[0] * c0[1] - force[1] * c0[0];

    double q0[4], q1[4], euler[3];
    trim_ground_rotation(c, n, c0, moment, q0, q1);
    trim_ground_attitude(p->ic.euler_rad, q0, q1, euler);
    for (int k = 0; k < 3; k++)
        icm_set_euler(&p->ic, k, euler[k]);
}

/* Body rates of the trim's initial conditions before each axis
 * (FGTrim::updateRates): in a turn those of a coordinated turn at the
 * current bank and true airspeed, in a pull-up the pitch rate of the
 * target load factor. */
static void plant_update_rates(void *user)
{
    fdm_plant *p = user;
    double g = p->f->env.gravity_mps2, vt = p->ic.vt_mps;
    if (p->mode == SAQR_TRIM_TURN) {
        double phi = p->ic.euler_rad[0], rate[3] = {0.0, 0.0, 0.0};
        if (fabs(phi) > 0.001 && fabs(phi) < 1.56) {
            double theta = p->ic.euler_rad[1];
            double psidot = g * tan(phi) / vt;
            rate[0] = -psidot * trig_sin(theta);
            rate[1] = psidot * trig_cos(theta) * trig_sin(phi);
            rate[2] = psidot * trig_cos(theta) * trig_cos(phi);
        }
        for (int k = 0; k < 3; k++)
            p->ic.omega_body_radps[k] = rate[k];
    } else if (p->mode == SAQR_TRIM_PULLUP && fabs(p->target_nlf - 1.0) > 0.01) {
        p->ic.omega_body_radps[1] = g * (p->target_nlf - trig_cos(icm_gamma_rad(&p->ic))) / vt;
    }
}

/* FGTrim::setupPullup: the pitch rate and the load factor targeted. */
static void setup_pullup(fdm_plant *p, trim_solver *t)
{
    double g = p->f->env.gravity_mps2;
    p->ic.omega_body_radps[1] = g * (p->target_nlf - trig_cos(icm_gamma_rad(&p->ic))) / p->ic.vt_mps;
    t->axes[0].state_target = p->target_nlf;
}

/* The quick trim (trim_newton.c) on the axes of t; when it gives up, the
 * trim's initial conditions, the controls and the axes are put back as
 * they were, for JSBSim's FGTrim to start from. */
static int quick_trim(fdm_plant *p, const trim_plant *plant, trim_solver *t, const saved_controls *saved)
{
    const ic_model ic0 = p->ic;
    const trim_solver t0 = *t;
    if (p->mode == SAQR_TRIM_PULLUP)
        setup_pullup(p, t);
    /* from the initial conditions' angles; the throttle and the surfaces
     * from the middle of their ranges, as FGTrim */
    for (int i = 0; i < t->naxes; i++) {
        trim_axis *a = &t->axes[i];
        switch (a->control) {
        case TRIM_ALPHA: a->control_value = p->ic.alpha_rad; break;
        case TRIM_BETA: a->control_value = p->ic.beta_rad; break;
        case TRIM_PHI: a->control_value = p->ic.euler_rad[0]; break;
        case TRIM_THETA: a->control_value = p->ic.euler_rad[1]; break;
        case TRIM_HEADING: a->control_value = p->ic.euler_rad[2]; break;
        case TRIM_GAMMA: a->control_value = icm_gamma_rad(&p->ic); break;
        default: a->control_value = 0.5 * (a->control_min + a->control_max); break;
        }
    }
    if (trim_newton_run(t, plant)) {
        fdm_log(p->f, "trim: the quick trim converged in %d steps", t->iterations);
        return 1;
    }
    p->ic = ic0;
    *t = t0;
    restore_controls(p, saved);
    return 0;
}

saqr_status fdm_trim_with(saqr_fdm *f, saqr_trim_mode mode, fdm_trim_steady_fn steady)
{
    if (!f->loaded || !f->ic)
        return err_set(&f->err, SAQR_ESTATE, "trim: no aircraft loaded");
    if ((int)mode < 0 || (int)mode > 6)
        return err_set(&f->err, SAQR_EINVAL,
                       "trim: mode %d does not exist (0 longitudinal, 1 full, 2 ground, 3 pull-up, 4 custom, 5 turn, "
                       "6 none)",
                       (int)mode);

    fdm_plant p = {0};
    p.f = f;
    p.steady = steady;
    p.mode = mode;
    saqr_status st = ic_resolve_model(f->ic, f->props.v, &p.ic, &f->err);
    if (st)
        return st;
    p.target_nlf = p.ic.target_nlf;
    const ic_model ic0 = p.ic;
    p.n_engines = f->prop ? propulsion_engine_count(f->prop) : 0;
    if (p.n_engines > MAX_ENGINES)
        p.n_engines = MAX_ENGINES;
    for (int i = 0; i < p.n_engines; i++) {
        char name[64];
        snprintf(name, sizeof name, "fcs/throttle-cmd-norm[%d]", i);
        p.throttle_cmd[i] = find_slot(f, name);
        snprintf(name, sizeof name, "fcs/throttle-pos-norm[%d]", i);
        p.throttle_pos[i] = find_slot(f, name);
        propulsion_throttle_range(f->prop, i, &p.throttle_min[i], &p.throttle_max[i]);
    }
    p.pitch_trim = find_slot(f, "fcs/pitch-trim-cmd-norm");
    p.elevator = find_slot(f, "fcs/elevator-cmd-norm");
    p.aileron = find_slot(f, "fcs/aileron-cmd-norm");
    p.rudder = find_slot(f, "fcs/rudder-cmd-norm");
    saved_controls saved;
    save_controls(&p, &saved);

    const trim_plant plant = {&p, plant_set_control, plant_run, plant_state,
                              mode == SAQR_TRIM_TURN || mode == SAQR_TRIM_PULLUP ? plant_update_rates : NULL};
    f->trimming = 1;
    p.ic.omega_body_radps[0] = p.ic.omega_body_radps[1] = p.ic.omega_body_radps[2] = 0.0;

    double amin = prop_or(f, "aero/alpha-min-rad", 0.0), amax = prop_or(f, "aero/alpha-max-rad", 0.0);
    trim_solver t;
    trim_solver_init(&t);
    if (mode == SAQR_TRIM_GROUND) {
        plant_run(&p);
        trim_on_ground(&p);
    }
    t.naxes = trim_axes_for_mode((int)mode, t.axes, amin, amax, icm_alt_agl_m(&p.ic) / M_PER_FT,
                                 p.ic.euler_rad[1], p.ic.euler_rad[0]);
    if (mode == SAQR_TRIM_GROUND) {
        /* between the terrain and the height the aircraft rests at */
        double theta = p.ic.euler_rad[1], phi = p.ic.euler_rad[0];
        t.axes[0].control_min = 0.0;
        t.axes[0].control_max = icm_alt_agl_m(&p.ic) / M_PER_FT;
        t.axes[1].control_min = theta - 5.0 * RAD_PER_DEG;
        t.axes[1].control_max = theta + 5.0 * RAD_PER_DEG;
        t.axes[2].control_min = phi - 30.0 * RAD_PER_DEG;
        t.axes[2].control_max = phi + 30.0 * RAD_PER_DEG;
    }

    int ok = 0;
    if (mode != SAQR_TRIM_GROUND && !(f->slot && f->props.v[f->slot->trim_fgtrim] != 0.0))
        ok = quick_trim(&p, &plant, &t, &saved);
    if (!ok) {
        trim_solver_start(&t, &plant);
        if (mode == SAQR_TRIM_PULLUP)
            setup_pullup(&p, &t);
        ok = trim_solver_iterate(&t, &plant);
    }
    if (!ok) {
        p.ic = ic0;
        restore_controls(&p, &saved);
        plant_run(&p);
        if (f->gnd && ground_wow(f->gnd))
            trim_on_ground(&p);
    }
    f->trimming = 0;
    if (!ok) {
        if (t.failed_axis[0])
            return err_set(&f->err, SAQR_EINVAL, "trim failed: %s does not appear to be trimmable",
                           t.failed_axis);
        return err_set(&f->err, SAQR_EINVAL, "trim failed after %d iterations", t.iterations);
    }
    fdm_log(f, "trim (mode %d) succeeded after %d iterations", (int)mode, t.iterations);
    return SAQR_OK;
}

saqr_status fdm_trim(saqr_fdm *f, saqr_trim_mode mode)
{
    return fdm_trim_with(f, mode, NULL);
}
