/*
 * sim.c - the saqr_sim handle: set-up, initial conditions, the step and
 * the outputs (the public API of saqr.h).
 *
 * A step: update the turbulence once (held over the step), then integrate
 * the rigid-body equations with the configured scheme; every derivative
 * evaluation runs the environment chain and the force model
 * (environment.c).  Nothing here allocates after saqr_create.
 */
#include <math.h>
#include <string.h>

#include "atmos/wind.h"
#include "exec/sim_internal.h"
#include "math/quat.h"
#include "math/units.h"
#include "math/vec3.h"
#include "util/mem.h"
#include "math/trig.h"

/* Span used for the rotary gust filters until vehicles carry their own. */
#define DRYDEN_DEFAULT_SPAN_M 10.0

saqr_sim *saqr_create(const saqr_allocator *alloc)
{
    const saqr_allocator *a = alloc ? alloc : mem_default();
    if (!a->alloc || !a->free)
        return NULL;
    saqr_sim *sim = mem_alloc(a, sizeof *sim);
    if (!sim)
        return NULL;
    sim->alloc = *a;
    saqr_earth_config ec = saqr_earth_default(SAQR_EARTH_WGS84);
    earth_init(&sim->earth, &ec, NULL);
    saqr_integrator_config ic = {SAQR_INTEG_RK4, SAQR_INTEG_RK4, SAQR_INTEG_RK4, SAQR_INTEG_RK4};
    integrator_configure(&sim->integ, &ic, NULL);
    double unit[3][3] = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
    saqr_set_mass(sim, 1.0, unit);
    dryden_init(&sim->turb, DRYDEN_NONE, 0.0, 0);
    return sim;
}

void saqr_destroy(saqr_sim *sim)
{
    if (!sim)
        return;
    saqr_allocator a = sim->alloc;
    mem_free(&a, sim);
}

const char *saqr_error(const saqr_sim *sim)
{
    return sim ? sim->err.msg : "no simulation handle";
}

saqr_status saqr_set_earth(saqr_sim *sim, const saqr_earth_config *earth)
{
    earth_model m;
    saqr_status st = earth_init(&m, earth, &sim->err);
    if (st != SAQR_OK)
        return st;
    sim->earth = m;
    sim->ready = 0; /* the state's frames depend on the Earth: re-init */
    return SAQR_OK;
}

saqr_status saqr_set_wind(saqr_sim *sim, const saqr_wind_config *wind)
{
    saqr_status st = wind_validate(wind, &sim->err);
    if (st == SAQR_OK)
        sim->wind = *wind;
    return st;
}

saqr_status saqr_set_turbulence(saqr_sim *sim, const saqr_turbulence_config *turb)
{
    if (!turb)
        return err_set(&sim->err, SAQR_EINVAL, "turbulence: no configuration given");
    if ((unsigned)turb->severity > (unsigned)SAQR_TURB_SEVERE)
        return err_set(&sim->err, SAQR_EINVAL, "turbulence: unknown severity %d", (int)turb->severity);
    if (!isfinite(turb->wind20_mps) || turb->wind20_mps < 0.0 || turb->wind20_mps > 100.0)
        return err_set(&sim->err, SAQR_EINVAL, "turbulence: wind20_mps must be in [0, 100]");
    sim->turb_cfg = *turb;
    static const dryden_severity map[4] = {DRYDEN_NONE, DRYDEN_LIGHT, DRYDEN_MODERATE, DRYDEN_SEVERE};
    dryden_init(&sim->turb, map[turb->severity], turb->wind20_mps, turb->seed);
    vec3_set(sim->gust_ned_mps, 0.0, 0.0, 0.0);
    vec3_set(sim->gust_pqr_ned_radps, 0.0, 0.0, 0.0);
    return SAQR_OK;
}

saqr_status saqr_set_integrator(saqr_sim *sim, const saqr_integrator_config *integ)
{
    integrator it = sim->integ;
    saqr_status st = integrator_configure(&it, integ, &sim->err);
    if (st == SAQR_OK)
        sim->integ = it;
    return st;
}

saqr_status saqr_set_mass(saqr_sim *sim, double mass_kg, const double j[3][3])
{
    if (!isfinite(mass_kg) || !(mass_kg > 0.0))
        return err_set(&sim->err, SAQR_EINVAL, "mass: mass_kg must be positive and finite (got %g)", mass_kg);
    if (!j)
        return err_set(&sim->err, SAQR_EINVAL, "mass: no inertia tensor given");
    for (int r = 0; r < 3; r++)
        for (int c = 0; c < 3; c++) {
            if (!isfinite(j[r][c]))
                return err_set(&sim->err, SAQR_EINVAL, "mass: inertia_kgm2[%d][%d] is not finite", r, c);
            if (fabs(j[r][c] - j[c][r]) > 1e-9 * (fabs(j[r][c]) + fabs(j[c][r]) + 1e-300))
                return err_set(&sim->err, SAQR_EINVAL, "mass: inertia tensor is not symmetric at [%d][%d]", r, c);
        }
    /* Positive definite: leading principal minors (Sylvester's criterion). */
    double m1 = j[0][0], m2 = j[0][0] * j[1][1] - j[0][1] * j[1][0];
    double m3 = m1 * (j[1][1] * j[2][2] - j[1][2] * j[2][1]) -
                j[0][1] * (j[1][0] * j[2][2] - j[1][2] * j[2][0]) +
                j[0][2] * (j[1][0] * j[2][1] - j[1][1] * j[2][0]);
    rigid_body b = {0};
    if (!(m1 > 0.0 && m2 > 0.0 && m3 > 0.0) || !mat3_invert(j, b.inertia_inv))
        return err_set(&sim->err, SAQR_EINVAL, "mass: inertia tensor is not positive definite");
    b.mass_kg = mass_kg;
    memcpy(b.inertia_kgm2, j, sizeof b.inertia_kgm2);
    sim->body = b;
    return SAQR_OK;
}

saqr_status saqr_set_force_model(saqr_sim *sim, saqr_force_fn fn, void *user)
{
    sim->force_fn = fn;
    sim->force_user = user;
    return SAQR_OK;
}

static int finite_n(const double *v, int n)
{
    for (int i = 0; i < n; i++)
        if (!isfinite(v[i]))
            return 0;
    return 1;
}

saqr_status saqr_init(saqr_sim *sim, const saqr_initial_state *s)
{
    if (!s)
        return err_set(&sim->err, SAQR_EINVAL, "init: no initial state given");
    if (!isfinite(s->lat_rad) || fabs(s->lat_rad) > UNITS_PI_2)
        return err_set(&sim->err, SAQR_EINVAL, "init: lat_rad must be finite and within +-pi/2");
    if (!isfinite(s->lon_rad))
        return err_set(&sim->err, SAQR_EINVAL, "init: lon_rad must be finite");
    if (!isfinite(s->alt_m) || s->alt_m < -1.0e5 || s->alt_m > 1.0e8)
        return err_set(&sim->err, SAQR_EINVAL, "init: alt_m must be finite and in [-1e5, 1e8] m");
    if (!finite_n(s->vel_ned_mps, 3))
        return err_set(&sim->err, SAQR_EINVAL, "init: vel_ned_mps must be finite");
    if (!finite_n(s->euler_rad, 3))
        return err_set(&sim->err, SAQR_EINVAL, "init: euler_rad must be finite");
    if (!finite_n(s->omega_body_radps, 3))
        return err_set(&sim->err, SAQR_EINVAL, "init: omega_body_radps must be finite");
    if ((unsigned)s->omega_frame > (unsigned)SAQR_RATES_WRT_EARTH)
        return err_set(&sim->err, SAQR_EINVAL, "init: unknown omega_frame %d", (int)s->omega_frame);

    const earth_model *e = &sim->earth;
    eom_state x = {0};
    /* At t = 0 ECI and ECEF coincide. */
    earth_ecef_from_geodetic(e, s->lat_rad, s->lon_rad, s->alt_m, x.pos_eci_m);
    double c_ned_ecef[3][3], v_rel[3], wxr[3];
    earth_dcm_ned_from_ecef(e, s->lat_rad, s->lon_rad, c_ned_ecef);
    mat3_tmul_vec(c_ned_ecef, s->vel_ned_mps, v_rel);
    double w_eci[3] = {0.0, 0.0, e->omega_radps};
    vec3_cross(wxr, w_eci, x.pos_eci_m);
    vec3_add(x.vel_eci_mps, v_rel, wxr);

    /* q_eci_body = q_eci_ned (x) q_ned_body. */
    double q_ned_body[4], q_eci_ned[4], c_ecef_ned[3][3];
    quat_from_euler(s->euler_rad[0], s->euler_rad[1], s->euler_rad[2], q_ned_body);
    mat3_transpose(c_ned_ecef, c_ecef_ned);
    quat_from_dcm(c_ned_ecef, q_eci_ned); /* DCM C_ned_eci gives q_eci_ned */
    (void)c_ecef_ned;
    quat_mul(q_eci_ned, q_ned_body, x.q_eci_body);
    quat_normalize(x.q_eci_body);

    vec3_copy(x.omega_body_radps, s->omega_body_radps);
    if (s->omega_frame == SAQR_RATES_WRT_EARTH) {
        double c_body_eci[3][3], w_body[3];
        quat_to_dcm(x.q_eci_body, c_body_eci);
        mat3_mul_vec(c_body_eci, w_eci, w_body);
        vec3_add(x.omega_body_radps, x.omega_body_radps, w_body);
    }
    if (!eom_state_is_finite(&x))
        return err_set(&sim->err, SAQR_EINVAL, "init: the initial state is not finite");

    sim->x = x;
    sim->time_s = 0.0;
    integrator_reset(&sim->integ);
    static const dryden_severity map[4] = {DRYDEN_NONE, DRYDEN_LIGHT, DRYDEN_MODERATE, DRYDEN_SEVERE};
    dryden_init(&sim->turb, map[sim->turb_cfg.severity], sim->turb_cfg.wind20_mps, sim->turb_cfg.seed);
    vec3_set(sim->gust_ned_mps, 0.0, 0.0, 0.0);
    vec3_set(sim->gust_pqr_ned_radps, 0.0, 0.0, 0.0);
    sim->ready = 1;
    err_clear(&sim->err);
    return SAQR_OK;
}

/* The derivative callback handed to the integrator. */
static int derivative(void *ctx, double t, const eom_state *x, eom_state *xdot)
{
    const saqr_sim *sim = ctx;
    sim_env env;
    if (sim_env_eval(sim, t, x, &env))
        return 1;
    rigid_body_derivative(&sim->body, x, env.out.force_body_n, env.out.moment_body_nm,
                          env.gravity_eci_mps2, xdot);
    return 0;
}

/* Draws the turbulence for this step from the air data at its start and
 * turns it from the flight-path-aligned frame into NED. */
static void update_gusts(saqr_sim *sim, double dt)
{
    if (sim->turb_cfg.severity == SAQR_TURB_NONE)
        return;
    sim_env env;
    vec3_set(sim->gust_ned_mps, 0.0, 0.0, 0.0);
    vec3_set(sim->gust_pqr_ned_radps, 0.0, 0.0, 0.0);
    if (sim_env_eval(sim, sim->time_s, &sim->x, &env))
        return; /* the step fails in the integrator with the model's message */
    double v_air_n = env.vel_ned_mps[0] - env.wind_ned_mps[0];
    double v_air_e = env.vel_ned_mps[1] - env.wind_ned_mps[1];
    double track = (v_air_n != 0.0 || v_air_e != 0.0) ? trig_atan2(v_air_e, v_air_n) : 0.0;
    double uvw[3], pqr[3];
    /* Height above ground = altitude above the ellipsoid until terrain
     * elevation arrives with the runway and station work. */
    dryden_step(&sim->turb, dt, env.in.airspeed_true_mps, env.alt_m, DRYDEN_DEFAULT_SPAN_M, uvw, pqr);
    double c = trig_cos(track), s = trig_sin(track);
    vec3_set(sim->gust_ned_mps, uvw[0] * c - uvw[1] * s, uvw[0] * s + uvw[1] * c, uvw[2]);
    vec3_set(sim->gust_pqr_ned_radps, pqr[0] * c - pqr[1] * s, pqr[0] * s + pqr[1] * c, pqr[2]);
}

saqr_status saqr_step(saqr_sim *sim, double dt_s)
{
    if (!sim->ready)
        return err_set(&sim->err, SAQR_ESTATE, "step: call saqr_init first");
    if (!isfinite(dt_s) || !(dt_s > 0.0) || dt_s > 10.0)
        return err_set(&sim->err, SAQR_EINVAL, "step: dt_s must be in (0, 10] s (got %g)", dt_s);
    /* The integrator leaves the state and its history untouched when it
     * fails; only the turbulence must be put back. */
    dryden turb_before = sim->turb;
    double gust_before[3], gust_pqr_before[3];
    vec3_copy(gust_before, sim->gust_ned_mps);
    vec3_copy(gust_pqr_before, sim->gust_pqr_ned_radps);
    update_gusts(sim, dt_s);
    if (integrator_step(&sim->integ, derivative, sim, sim->time_s, dt_s, &sim->x)) {
        sim->turb = turb_before;
        vec3_copy(sim->gust_ned_mps, gust_before);
        vec3_copy(sim->gust_pqr_ned_radps, gust_pqr_before);
        return err_set(&sim->err, SAQR_EINVAL,
                       "step: at t = %.6f s the force model failed or the state became non-finite",
                       sim->time_s);
    }
    sim->time_s += dt_s;
    return SAQR_OK;
}

saqr_status saqr_get_outputs(const saqr_sim *sim, saqr_outputs *o)
{
    if (!sim->ready)
        return SAQR_ESTATE;
    sim_env env;
    sim_env_eval(sim, sim->time_s, &sim->x, &env);
    memset(o, 0, sizeof *o);
    o->time_s = sim->time_s;
    vec3_copy(o->pos_eci_m, sim->x.pos_eci_m);
    vec3_copy(o->pos_ecef_m, env.pos_ecef_m);
    vec3_copy(o->vel_eci_mps, sim->x.vel_eci_mps);
    vec3_copy(o->vel_ned_mps, env.vel_ned_mps);
    o->lat_rad = env.lat_rad;
    o->lon_rad = env.lon_rad;
    o->alt_m = env.alt_m;
    o->alt_rate_mps = -env.vel_ned_mps[2];
    euler_from_dcm(env.c_body_ned, o->euler_rad);
    double q_body_ned[4];
    quat_from_dcm(env.c_body_ned, q_body_ned);
    memcpy(o->quat_ned_to_body, q_body_ned, sizeof q_body_ned);
    vec3_copy(o->omega_body_inertial_radps, sim->x.omega_body_radps);
    vec3_copy(o->omega_body_earth_radps, env.in.omega_body_radps);
    o->gravity_mps2 = vec3_norm(env.gravity_eci_mps2);
    o->temperature_k = env.atmos.temperature_k;
    o->pressure_pa = env.atmos.pressure_pa;
    o->density_kgpm3 = env.atmos.density_kgpm3;
    o->sound_speed_mps = env.atmos.sound_speed_mps;
    vec3_copy(o->wind_ned_mps, env.wind_ned_mps);
    vec3_copy(o->vel_air_body_mps, env.in.vel_air_body_mps);
    o->airspeed_true_mps = env.in.airspeed_true_mps;
    o->mach = env.in.mach;
    o->qbar_pa = env.in.qbar_pa;
    o->alpha_rad = env.in.alpha_rad;
    o->beta_rad = env.in.beta_rad;
    vec3_copy(o->aero_force_body_n, env.out.force_body_n);
    vec3_copy(o->aero_moment_body_nm, env.out.moment_body_nm);
    return SAQR_OK;
}
