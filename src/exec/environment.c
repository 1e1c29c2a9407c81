/*
 * environment.c - what the vehicle sees at one instant: the chain from the
 * inertial state to Earth-fixed position, geodetic coordinates, local frames,
 * atmosphere, wind, air data and the force model's forces.
 *
 * Frames and air data follow NASA TM-2015-218675 vol. II (definitions of the
 * check-case outputs) and Stevens, Lewis & Johnson, "Aircraft Control and
 * Simulation", 3rd ed., sec. 2.3 (alpha, beta from body-axis air velocity).
 */
#include "exec/sim_internal.h"

#include <math.h>

#include "atmos/wind.h"
#include "math/quat.h"
#include "math/vec3.h"
#include "math/trig.h"

int sim_env_eval(const saqr_sim *sim, double t, const eom_state *x, sim_env *env)
{
    const earth_model *e = &sim->earth;
    double q[4] = {x->q_eci_body[0], x->q_eci_body[1], x->q_eci_body[2], x->q_eci_body[3]};
    quat_normalize(q);
    quat_to_dcm(q, env->c_body_eci);

    /* Position and Earth-relative velocity: v_e = v_i - w_e x r. */
    earth_dcm_ecef_from_eci(e, t, env->c_ecef_eci);
    mat3_mul_vec(env->c_ecef_eci, x->pos_eci_m, env->pos_ecef_m);
    double w_eci[3] = {0.0, 0.0, e->omega_radps}, wxr[3], v_rel_eci[3];
    vec3_cross(wxr, w_eci, x->pos_eci_m);
    vec3_sub(v_rel_eci, x->vel_eci_mps, wxr);
    mat3_mul_vec(env->c_ecef_eci, v_rel_eci, env->vel_ecef_mps);

    earth_geodetic_from_ecef(e, env->pos_ecef_m, &env->lat_rad, &env->lon_rad, &env->alt_m);
    earth_dcm_ned_from_ecef(e, env->lat_rad, env->lon_rad, env->c_ned_ecef);
    mat3_mul_vec(env->c_ned_ecef, env->vel_ecef_mps, env->vel_ned_mps);

    /* C_body_ned = C_body_eci C_eci_ecef C_ecef_ned. */
    double c_ecef_ned[3][3], c_eci_ned[3][3], c_eci_ecef[3][3];
    mat3_transpose(env->c_ned_ecef, c_ecef_ned);
    mat3_transpose(env->c_ecef_eci, c_eci_ecef);
    mat3_mul(c_eci_ecef, c_ecef_ned, c_eci_ned);
    mat3_mul(env->c_body_eci, c_eci_ned, env->c_body_ned);
    mat3_mul_vec(env->c_body_eci, w_eci, env->omega_earth_body_radps);

    double g_ecef[3];
    earth_gravitation_ecef(e, env->pos_ecef_m, g_ecef);
    mat3_tmul_vec(env->c_ecef_eci, g_ecef, env->gravity_eci_mps2);

    us1976(env->alt_m, &env->atmos);
    wind_at(&sim->wind, env->alt_m, env->wind_ned_mps);
    vec3_add(env->wind_ned_mps, env->wind_ned_mps, sim->gust_ned_mps);

    /* Air data. */
    saqr_force_input *in = &env->in;
    double v_air_ned[3];
    vec3_sub(v_air_ned, env->vel_ned_mps, env->wind_ned_mps);
    mat3_mul_vec(env->c_body_ned, v_air_ned, in->vel_air_body_mps);
    in->time_s = t;
    in->alt_m = env->alt_m;
    vec3_copy(in->omega_body_inertial_radps, x->omega_body_radps);
    vec3_sub(in->omega_body_radps, x->omega_body_radps, env->omega_earth_body_radps);
    /* the rates the air sees: less the turbulence's rotary gusts */
    vec3_copy(in->omega_air_body_radps, in->omega_body_radps);
    if (sim->turb_cfg.severity != SAQR_TURB_NONE) {
        double gust_pqr_body[3];
        mat3_mul_vec(env->c_body_ned, sim->gust_pqr_ned_radps, gust_pqr_body);
        vec3_sub(in->omega_air_body_radps, in->omega_body_radps, gust_pqr_body);
    }
    in->airspeed_true_mps = vec3_norm(in->vel_air_body_mps);
    in->mach = in->airspeed_true_mps / env->atmos.sound_speed_mps;
    in->density_kgpm3 = env->atmos.density_kgpm3;
    in->qbar_pa = 0.5 * env->atmos.density_kgpm3 * in->airspeed_true_mps * in->airspeed_true_mps;
    const double *u = in->vel_air_body_mps;
    in->alpha_rad = (u[0] != 0.0 || u[2] != 0.0) ? trig_atan2(u[2], u[0]) : 0.0;
    in->beta_rad = in->airspeed_true_mps > 0.0 ? trig_atan2(u[1], hypot(u[0], u[2])) : 0.0;

    vec3_set(env->out.force_body_n, 0.0, 0.0, 0.0);
    vec3_set(env->out.moment_body_nm, 0.0, 0.0, 0.0);
    if (sim->force_fn && sim->force_fn(in, &env->out, sim->force_user) != 0)
        return 1;
    if (!vec3_is_finite(env->out.force_body_n) || !vec3_is_finite(env->out.moment_body_nm))
        return 1;
    return 0;
}
