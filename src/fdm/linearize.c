/*
 * linearize.c - a linear model x' = A x + B u, y = C x + D u of a loaded
 * aircraft about its present condition (saqr_fdm_linearize, and the
 * property action simulation/do_linearization), by JSBSim's method so
 * that its matrices and its effect on the flight are JSBSim's:
 *
 * - The states are read from the aircraft (x0, u0).  A state is changed
 *   through the initial conditions (true airspeed, alpha keeping theta,
 *   beta keeping psi, theta as a flight-path angle, rates, position) or
 *   directly (a propeller's speed, the FCS commands), and after every
 *   change the condition is placed again: the initial conditions applied,
 *   every engine started, then the models run at dt = 0 with the engines
 *   at their steady state until the sum of the states stops changing
 *   (at most 1,000 runs).
 * - Each entry of a matrix is a fourth-order central difference,
 *   (8 (f(+h) - f(-h)) - (f(+2h) - f(-2h))) / 12h with h = 1e-4, the
 *   differences wrapped into (-pi, pi] for angles in radians.  A and B
 *   differentiate the states' time derivatives, read from the models
 *   (accelerations, alpha-dot, Euler rates, climb rate, ...); a
 *   propeller's speed, which has none, is flown for one frame of 1/120 s
 *   (no script runs in it) and placed again.  C and D differentiate the
 *   states themselves.
 * - Everything is placed back at x0 and u0 after each entry, so the
 *   aircraft flies on from there (JSBSim's side effect; the time does not
 *   move).
 *
 * JSBSim's alpha setter passes the initial beta in degrees to the
 * radian setter; it is kept (the beta state is set after alpha, which
 * undoes it) so that the matrices stay JSBSim's.
 *
 * Reference: JSBSim src/initialization/FGLinearization.cpp,
 * src/math/FGStateSpace.h and .cpp (Component::getDeriv, run, stateSum,
 * numericalJacobian); Lewis and Stevens, Aircraft Control and
 * Simulation, for the difference formula.
 */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fdm/fdm_exec.h"
#include "fdm/fdm_internal.h"
#include "fdm/fdm_slots.h"
#include "fdm/ic_model.h"
#include "fdm/linearize.h"
#include "fdm/propulsion.h"
#include "math/trig.h"
#include "math/units.h"

#define STEP 1e-4
#define SETTLE_RUNS 1000
#define MAX_ENGINES 32
#define PROPELLER_DT_S (1.0 / 120.0)

/* The components JSBSim's FGLinearization uses, states then inputs. */
typedef enum lin_comp {
    C_VT, C_ALPHA, C_THETA, C_Q, C_RPM0, C_RPM1, C_RPM2, C_RPM3, C_BETA, C_PHI, C_P, C_PSI, C_R, C_LAT, C_LON,
    C_ALT, C_THROTTLE, C_AILERON, C_ELEVATOR, C_RUDDER
} lin_comp;

static const struct {
    const char *name, *unit;
} comp_info[] = {
    {"Vt", "ft/s"},       {"Alpha", "rad"},     {"Theta", "rad"},     {"Q", "rad/s"},
    {"Rpm0", "rev/min"},  {"Rpm1", "rev/min"},  {"Rpm2", "rev/min"},  {"Rpm3", "rev/min"},
    {"Beta", "rad"},      {"Phi", "rad"},       {"P", "rad/s"},       {"Psi", "rad"},
    {"R", "rad/s"},       {"Latitude", "rad"},  {"Longitude", "rad"}, {"Alt", "ft"},
    {"ThtlCmd", "norm"},  {"DaCmd", "norm"},    {"DeCmd", "norm"},    {"DrCmd", "norm"},
};

/* Properties read or written, resolved once. */
enum {
    S_VT, S_ALPHA, S_THETA, S_Q, S_BETA, S_PHI, S_P, S_PSI, S_R, S_LAT, S_LON, S_ALT,
    S_ALPHADOT, S_BETADOT, S_PHIDOT, S_THETADOT, S_PSIDOT, S_PDOT, S_QDOT, S_RDOT, S_U, S_V, S_W, S_UDOT,
    S_VDOT, S_WDOT, S_HDOT, S_VNORTH, S_VEAST, S_RADIUS, S_AILERON, S_ELEVATOR, S_RUDDER, S_COUNT
};
static const char *const slot_names[S_COUNT] = {
    "velocities/vt-fps",          "aero/alpha-rad",          "attitude/theta-rad",
    "velocities/q-rad_sec",       "aero/beta-rad",           "attitude/phi-rad",
    "velocities/p-rad_sec",       "attitude/psi-rad",        "velocities/r-rad_sec",
    "position/lat-gc-rad",        "position/long-gc-rad",    "position/h-sl-ft",
    "aero/alphadot-rad_sec",      "aero/betadot-rad_sec",    "velocities/phidot-rad_sec",
    "velocities/thetadot-rad_sec", "velocities/psidot-rad_sec", "accelerations/pdot-rad_sec2",
    "accelerations/qdot-rad_sec2", "accelerations/rdot-rad_sec2", "velocities/u-fps",
    "velocities/v-fps",           "velocities/w-fps",        "accelerations/udot-ft_sec2",
    "accelerations/vdot-ft_sec2", "accelerations/wdot-ft_sec2", "velocities/h-dot-fps",
    "velocities/v-north-fps",     "velocities/v-east-fps",   "position/radius-to-vehicle-ft",
    "fcs/aileron-cmd-norm",       "fcs/elevator-cmd-norm",   "fcs/rudder-cmd-norm",
};

typedef struct lin_ctx {
    saqr_fdm *f;
    ic_model ic;                    /* the condition being placed          */
    int slot[S_COUNT];
    int n_engines;
    int throttle[MAX_ENGINES];      /* fcs/throttle-cmd-norm[i]            */
    int rpm[4];                     /* propulsion/engine[i]/propeller-rpm  */
    int nx, nu;
    lin_comp x[SAQR_LINEAR_MAX_STATES], u[SAQR_LINEAR_INPUTS];
} lin_ctx;

/* A vector of components: the states (also the outputs) or the inputs. */
typedef struct comp_vec {
    const lin_comp *c;
    int n;
} comp_vec;

static double get_slot(const lin_ctx *l, int s)
{
    return saqr_fdm_get(l->f, l->slot[s]);
}

static double comp_get(const lin_ctx *l, lin_comp c)
{
    switch (c) {
    case C_VT: return get_slot(l, S_VT);
    case C_ALPHA: return get_slot(l, S_ALPHA);
    case C_THETA: return get_slot(l, S_THETA);
    case C_Q: return get_slot(l, S_Q);
    case C_RPM0: case C_RPM1: case C_RPM2: case C_RPM3: return saqr_fdm_get(l->f, l->rpm[c - C_RPM0]);
    case C_BETA: return get_slot(l, S_BETA);
    case C_PHI: return get_slot(l, S_PHI);
    case C_P: return get_slot(l, S_P);
    case C_PSI: return get_slot(l, S_PSI);
    case C_R: return get_slot(l, S_R);
    case C_LAT: return get_slot(l, S_LAT);
    case C_LON: return get_slot(l, S_LON);
    case C_ALT: return get_slot(l, S_ALT);
    case C_THROTTLE: return saqr_fdm_get(l->f, l->throttle[0]);
    case C_AILERON: return get_slot(l, S_AILERON);
    case C_ELEVATOR: return get_slot(l, S_ELEVATOR);
    case C_RUDDER: return get_slot(l, S_RUDDER);
    }
    return 0.0;
}

static void comp_set(lin_ctx *l, lin_comp c, double x)
{
    ic_model *m = &l->ic;
    double *v = l->f->props.v;
    switch (c) {
    case C_VT: icm_set_vt(m, x * M_PER_FT); break;
    case C_ALPHA: {
        const double beta_deg = m->beta_rad / RAD_PER_DEG, psi = m->euler_rad[2], theta = m->euler_rad[1];
        (void)icm_set_alpha(m, x);
        icm_set_beta(m, beta_deg); /* JSBSim's degrees, see the header */
        icm_set_euler(m, 2, psi);
        icm_set_euler(m, 1, theta);
        break;
    }
    case C_THETA: (void)icm_set_gamma(m, x - m->alpha_rad); break;
    case C_Q: m->omega_body_radps[1] = x; break;
    case C_P: m->omega_body_radps[0] = x; break;
    case C_R: m->omega_body_radps[2] = x; break;
    case C_RPM0: case C_RPM1: case C_RPM2: case C_RPM3:
        propulsion_set_propeller_rpm(l->f->prop, (int)(c - C_RPM0), x);
        break;
    case C_BETA: {
        const double psi = m->euler_rad[2];
        icm_set_beta(m, x);
        icm_set_euler(m, 2, psi);
        break;
    }
    case C_PHI: icm_set_euler(m, 0, x); break;
    case C_PSI: icm_set_euler(m, 2, x); break;
    case C_LAT: icm_set_lat_gc(m, x); break;
    case C_LON: icm_set_lon(m, x); break;
    case C_ALT: icm_set_alt_asl(m, x * M_PER_FT); break;
    case C_THROTTLE:
        for (int i = 0; i < l->n_engines; i++)
            v[l->throttle[i]] = x;
        break;
    case C_AILERON: v[l->slot[S_AILERON]] = x; break;
    case C_ELEVATOR: v[l->slot[S_ELEVATOR]] = x; break;
    case C_RUDDER: v[l->slot[S_RUDDER]] = x; break;
    }
}

static double state_sum(const lin_ctx *l)
{
    double sum = 0.0;
    for (int i = 0; i < l->nx; i++)
        sum += comp_get(l, l->x[i]);
    return sum;
}

/* Places the condition (FGStateSpace::run). */
static saqr_status place(lin_ctx *l)
{
    saqr_fdm *f = l->f;
    fdm_ic ic;
    icm_to_fdm_ic(&l->ic, &ic);
    saqr_status st = fdm_apply_ic_runs(f, &ic, 1);   /* Initialize: one run */
    if (st)
        return st;
    if (f->prop)
        propulsion_engines_init_running(f->prop, &f->env, f->props.v);
    double cost = state_sum(l);
    for (int i = 0; i < SETTLE_RUNS; i++) {
        if (f->prop)
            propulsion_steady_state(f->prop, &f->env, f->props.v);
        f->trimming = 1;
        fdm_run_models(f, 0.0);
        f->trimming = 0;
        double cost_new = state_sum(l);
        if (fabs(cost_new - cost) < DBL_EPSILON)
            break;
        cost = cost_new;
    }
    return SAQR_OK;
}

static saqr_status vec_set_all(lin_ctx *l, const comp_vec *x, const double *values)
{
    for (int i = 0; i < x->n; i++)
        comp_set(l, x->c[i], values[i]);
    return place(l);
}

static saqr_status vec_set_one(lin_ctx *l, const comp_vec *x, int i, double value)
{
    comp_set(l, x->c[i], value);
    return place(l);
}

/* d/dt of a component: from the models where they give it, else (a
 * propeller's speed) by flying one frame and placing the states as they
 * were before it again (JSBSim's Component::getDeriv). */
static saqr_status comp_deriv(lin_ctx *l, lin_comp c, double *out)
{
    switch (c) {
    case C_VT: {
        const double vt = get_slot(l, S_VT);
        *out = (get_slot(l, S_U) * get_slot(l, S_UDOT) + get_slot(l, S_V) * get_slot(l, S_VDOT) +
                get_slot(l, S_W) * get_slot(l, S_WDOT)) /
               vt;
        return SAQR_OK;
    }
    case C_ALPHA: *out = get_slot(l, S_ALPHADOT); return SAQR_OK;
    case C_BETA: *out = get_slot(l, S_BETADOT); return SAQR_OK;
    case C_THETA: *out = get_slot(l, S_THETADOT); return SAQR_OK;
    case C_PHI: *out = get_slot(l, S_PHIDOT); return SAQR_OK;
    case C_PSI: *out = get_slot(l, S_PSIDOT); return SAQR_OK;
    case C_P: *out = get_slot(l, S_PDOT); return SAQR_OK;
    case C_Q: *out = get_slot(l, S_QDOT); return SAQR_OK;
    case C_R: *out = get_slot(l, S_RDOT); return SAQR_OK;
    case C_ALT: *out = get_slot(l, S_HDOT); return SAQR_OK;
    case C_LAT: *out = get_slot(l, S_VNORTH) / get_slot(l, S_RADIUS); return SAQR_OK;
    case C_LON:
        *out = get_slot(l, S_VEAST) / (trig_cos(get_slot(l, S_LAT)) * get_slot(l, S_RADIUS));
        return SAQR_OK;
    default: break;
    }
    saqr_fdm *f = l->f;
    double before[SAQR_LINEAR_MAX_STATES];
    for (int i = 0; i < l->nx; i++)
        before[i] = comp_get(l, l->x[i]);
    const double f0 = comp_get(l, c), dt0 = f->dt_s, t0 = f->t_s;
    const long frame0 = f->frame;
    f->dt_s = PROPELLER_DT_S;
    saqr_status st = fdm_frame(f);
    const double f1 = comp_get(l, c);
    f->dt_s = dt0;
    f->t_s = t0;
    f->frame = frame0;
    f->props.v[f->slot->sim_time] = t0;
    if (st == SAQR_OK)
        st = vec_set_all(l, &(const comp_vec){l->x, l->nx}, before);
    *out = (f1 - f0) / PROPELLER_DT_S;
    return st;
}

/* JSBSim's wrapping of a difference when the perturbed state is an angle
 * (it wraps the differences of whatever is differentiated, rates too):
 * the first difference down by 2 pi while above pi (`repeat`), the
 * second once, each up by 2 pi once below -pi.  Differences beyond a
 * few turns (a rate that ran away) are reduced with remainder() in one
 * step (an untrimmed 737 gave differences of rates so large that
 * JSBSim's loop ran for minutes), and infinite ones are left alone. */
double fdm_linearize_wrap(double d, const char *unit, int repeat)
{
    if (!isfinite(d))
        return d;
    if (!strcmp(unit, "rad")) {
        if (repeat && d > 8.0 * UNITS_PI)
            d = remainder(d, 2.0 * UNITS_PI);
        if (repeat)
            while (d > UNITS_PI)
                d -= 2.0 * UNITS_PI;
        else if (d > UNITS_PI)
            d -= 2.0 * UNITS_PI;
        if (d < -UNITS_PI)
            d += 2.0 * UNITS_PI;
    } else if (!strcmp(unit, "deg")) {
        if (d > 180.0)
            d -= 360.0;
        if (d < -180.0)
            d += 360.0;
    }
    return d;
}

/* J[i][j] = d y_i / d x_j (of y's time derivative when `deriv`), stored
 * with row stride `stride`. */
static saqr_status jacobian(lin_ctx *l, double *jac, int stride, const comp_vec *y, const comp_vec *x,
                            const double *x0, int deriv)
{
    const double offsets[4] = {STEP, 2.0 * STEP, -STEP, -2.0 * STEP};
    for (int i = 0; i < y->n; i++)
        for (int j = 0; j < x->n; j++) {
            double fv[4];
            for (int k = 0; k < 4; k++) {
                saqr_status st = vec_set_all(l, x, x0);
                if (!st)
                    st = vec_set_one(l, x, j, comp_get(l, x->c[j]) + offsets[k]);
                if (!st && deriv)
                    st = comp_deriv(l, y->c[i], &fv[k]);
                else if (!st)
                    fv[k] = comp_get(l, y->c[i]);
                if (st)
                    return st;
            }
            const char *unit = comp_info[x->c[j]].unit;
            const double d1 = fdm_linearize_wrap(fv[0] - fv[2], unit, 1);
            const double d2 = fdm_linearize_wrap(fv[1] - fv[3], unit, 0);
            jac[i * stride + j] = (8.0 * d1 - d2) / (12.0 * STEP);
            saqr_status st = vec_set_all(l, x, x0);
            if (st)
                return st;
        }
    return SAQR_OK;
}

static saqr_status setup(lin_ctx *l, saqr_fdm *f)
{
    memset(l, 0, sizeof *l);
    l->f = f;
    for (int s = 0; s < S_COUNT; s++)
        if ((l->slot[s] = saqr_fdm_property(f, slot_names[s])) < 0)
            return err_set(&f->err, SAQR_EINVAL, "linearization: the aircraft has no property %s", slot_names[s]);
    l->n_engines = f->prop ? propulsion_engine_count(f->prop) : 0;
    if (l->n_engines < 1)
        return err_set(&f->err, SAQR_EINVAL, "linearization: the aircraft has no engine (the throttle is an input)");
    if (l->n_engines > MAX_ENGINES)
        l->n_engines = MAX_ENGINES;
    for (int i = 0; i < l->n_engines; i++) {
        char name[64];
        snprintf(name, sizeof name, "fcs/throttle-cmd-norm[%d]", i);
        if ((l->throttle[i] = saqr_fdm_property(f, name)) < 0)
            return err_set(&f->err, SAQR_EINVAL, "linearization: the aircraft has no property %s", name);
    }
    static const lin_comp head[] = {C_VT, C_ALPHA, C_THETA, C_Q};
    static const lin_comp tail[] = {C_BETA, C_PHI, C_P, C_PSI, C_R, C_LAT, C_LON, C_ALT};
    for (size_t i = 0; i < sizeof head / sizeof head[0]; i++)
        l->x[l->nx++] = head[i];
    if (propulsion_has_propeller(f->prop, 0)) {
        /* JSBSim adds one speed per engine, of up to four, when the first
         * engine's thruster is a propeller */
        int n = l->n_engines < 4 ? l->n_engines : 4;
        if (l->n_engines > 4)
            fdm_log(f, "linearization: more than 4 engines: the speeds of the first 4 are states");
        for (int i = 0; i < n; i++) {
            char name[64];
            snprintf(name, sizeof name, "propulsion/engine[%d]/propeller-rpm", i);
            if ((l->rpm[i] = saqr_fdm_property(f, name)) < 0)
                return err_set(&f->err, SAQR_EINVAL, "linearization: the aircraft has no property %s", name);
            l->x[l->nx++] = (lin_comp)(C_RPM0 + i);
        }
    }
    for (size_t i = 0; i < sizeof tail / sizeof tail[0]; i++)
        l->x[l->nx++] = tail[i];
    l->u[0] = C_THROTTLE;
    l->u[1] = C_AILERON;
    l->u[2] = C_ELEVATOR;
    l->u[3] = C_RUDDER;
    l->nu = SAQR_LINEAR_INPUTS;

    /* the present state as the condition to place (FGStateSpace works on
     * the IC object, which after a trim is the trimmed condition) */
    const fdm_env *e = &f->env;
    const double *v = f->props.v;
    const fdm_slots *s = f->slot;
    const double wind[3] = {v[s->wind_n_fps] * M_PER_FT, v[s->wind_e_fps] * M_PER_FT, v[s->wind_d_fps] * M_PER_FT};
    ic_capture_model(f->ic, e->r_ecef_m, e->terrain_elev_m, e->euler_rad, e->vel_ned_mps, e->omega_body_radps, wind,
                     &l->ic);
    return SAQR_OK;
}

/* A model about a condition that is not steady is still made (JSBSim
 * makes it), but an engineer should know: the rates of true airspeed,
 * alpha, beta and the body rates at x0, against thresholds a trim meets
 * (its own tolerances are 1e-3 ft/s2 and 1e-4 rad/s2). */
static void warn_if_not_steady(lin_ctx *l)
{
    static const struct {
        lin_comp c;
        double limit;
    } checks[] = {{C_VT, 0.1}, {C_ALPHA, 0.01}, {C_BETA, 0.01}, {C_P, 0.01}, {C_Q, 0.01}, {C_R, 0.01}};
    for (size_t i = 0; i < sizeof checks / sizeof checks[0]; i++) {
        double rate = 0.0;
        if (comp_deriv(l, checks[i].c, &rate) == SAQR_OK && !(fabs(rate) <= checks[i].limit)) {
            fdm_log(l->f, "linearization: warning: the condition is not steady (d%s/dt = %g %s/s); trim first",
                    comp_info[checks[i].c].name, rate, comp_info[checks[i].c].unit);
            return;
        }
    }
}

/* After the last entry JSBSim leaves the aircraft placed at x0 by its
 * initial-condition setters, not exactly (the 737 of JSBSim's steady-turn
 * script comes back with theta 0.0271 for 0.0318, in both programs, and
 * flies on from there).  Far from a trim, thousands of those calls can
 * diverge instead (an untrimmed 737 ended at 2e42 ft/s); the aircraft's
 * models are then in no state to fly on, and the linearisation fails,
 * saying so, rather than the next step with a non-finite force. */
static saqr_status check_placed_back(lin_ctx *l, const comp_vec *x, const saqr_linear_model *out)
{
    for (int i = 0; i < x->n; i++) {
        const lin_comp c = x->c[i];
        const double now = comp_get(l, c), want = out->x0[i];
        int diverged = !isfinite(now);
        if (c == C_VT)
            diverged |= !(now > 0.5 * want && now < 2.0 * want);
        else if (!strcmp(comp_info[c].unit, "rad") && c != C_LAT && c != C_LON)
            diverged |= !(fabs(now - want) < 1.0);
        if (diverged)
            return err_set(&l->f->err, SAQR_EINVAL,
                           "linearization: the perturbed conditions diverged (%s %g %s instead of %g): the "
                           "condition is far from steady, trim first",
                           comp_info[c].name, now, comp_info[c].unit, want);
    }
    return SAQR_OK;
}

saqr_status fdm_linearize(saqr_fdm *f, saqr_linear_model *out)
{
    if (!f->ready)
        return err_set(&f->err, SAQR_ESTATE, "linearization: call saqr_fdm_init first");
    lin_ctx l;
    saqr_status st = setup(&l, f);
    if (st)
        return st;
    memset(out, 0, sizeof *out);
    out->n_states = l.nx;
    for (int i = 0; i < l.nx; i++) {
        out->state_names[i] = comp_info[l.x[i]].name;
        out->state_units[i] = comp_info[l.x[i]].unit;
        out->x0[i] = comp_get(&l, l.x[i]);
    }
    for (int i = 0; i < l.nu; i++) {
        out->input_names[i] = comp_info[l.u[i]].name;
        out->input_units[i] = comp_info[l.u[i]].unit;
        out->u0[i] = comp_get(&l, l.u[i]);
    }
    const comp_vec x = {l.x, l.nx}, u = {l.u, l.nu};
    f->linearizing = 1;
    warn_if_not_steady(&l);
    const int saved_trimming = f->trimming;
    st = jacobian(&l, &out->a[0][0], SAQR_LINEAR_MAX_STATES, &x, &x, out->x0, 1);
    if (!st)
        st = jacobian(&l, &out->b[0][0], SAQR_LINEAR_INPUTS, &x, &u, out->u0, 1);
    if (!st)
        st = jacobian(&l, &out->c[0][0], SAQR_LINEAR_MAX_STATES, &x, &x, out->x0, 0);
    if (!st)
        st = jacobian(&l, &out->d[0][0], SAQR_LINEAR_INPUTS, &x, &u, out->u0, 0);
    if (st) {
        char why[256];
        snprintf(why, sizeof why, "%s", saqr_fdm_error(f));
        err_set(&f->err, st, "linearization: a perturbed condition could not be placed: %s", why);
    } else {
        st = check_placed_back(&l, &x, out);
    }
    f->trimming = saved_trimming;
    f->linearizing = 0;
    if (st)
        return st;
    fdm_log(f, "linearization: %d states, %d inputs", l.nx, l.nu);
    return SAQR_OK;
}
