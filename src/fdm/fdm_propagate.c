/*
 * fdm_propagate.c - the state of a JSBSim-format aircraft: placing it at an
 * initial condition, deriving the Earth-relative quantities every model
 * reads (geodetic position, NED and body frames, u/v/w, p/q/r, Euler
 * angles, altitude above sea level and ground), and publishing them under
 * JSBSim's position/, attitude/ and velocities/ names.
 *
 * The integrated state is inertial (ECI position and velocity, q_eci_body,
 * body rate relative to ECI), as in JSBSim 1.x's FGPropagate; ECI and ECEF
 * coincide at t = 0.  Altitude above sea level is JSBSim's: the distance
 * from the ellipsoid along the geocentric radius (FGLocation
 * GetSeaLevelRadius); altitude above ground is geodetic altitude minus the
 * terrain elevation (FGDefaultGroundCallback).
 * Reference: JSBSim src/models/FGPropagate.cpp (Run, SetInitialState,
 * CalculateUVW, UpdateBodyMatrices), src/math/FGLocation.cpp.
 */
#include <math.h>
#include <string.h>

#include "fdm/fdm_air.h"
#include "fdm/fdm_internal.h"
#include "fdm/fdm_propagate.h"
#include "fdm/fdm_reports.h"
#include "fdm/fdm_slots.h"
#include "math/quat.h"
#include "math/units.h"
#include "math/vec3.h"
#include "math/trig.h"

void fdm_place(saqr_fdm *f, const fdm_ic *ic)
{
    /* ECI is re-aligned with ECEF whenever the aircraft is placed (a trim
     * or reset mid-run too), as JSBSim's SetInitialState resets the Earth
     * position angle; the angle then grows from this time. */
    f->epa_t0_s = f->t_s;
    const earth_model *e = &f->earth;
    double r_ecef[3], c_ned_ecef[3][3];
    earth_ecef_from_geodetic(e, ic->lat_geod_rad, ic->lon_rad, ic->alt_asl_m, r_ecef);
    earth_dcm_ned_from_ecef(e, ic->lat_geod_rad, ic->lon_rad, c_ned_ecef);
    /* ECI == ECEF at t = 0 */
    double c_body_ned[3][3], q_ned_body[4];
    quat_from_euler(ic->euler_rad[0], ic->euler_rad[1], ic->euler_rad[2], q_ned_body);
    quat_to_dcm(q_ned_body, c_body_ned);
    double c_body_eci[3][3];
    mat3_mul(c_body_ned, c_ned_ecef, c_body_eci);
    quat_from_dcm(c_body_eci, f->x.q_eci_body);
    quat_normalize(f->x.q_eci_body);
    vec3_copy(f->x.pos_eci_m, r_ecef);
    double omega_eci[3] = {0.0, 0.0, e->omega_radps};
    double v_eci_rel[3], w_cross_r[3];
    mat3_tmul_vec(c_body_eci, ic->vel_body_mps, v_eci_rel);
    vec3_cross(w_cross_r, omega_eci, r_ecef);
    vec3_add(f->x.vel_eci_mps, v_eci_rel, w_cross_r);
    double omega_earth_body[3];
    mat3_mul_vec(c_body_eci, omega_eci, omega_earth_body);
    vec3_add(f->x.omega_body_radps, ic->omega_body_radps, omega_earth_body);
    f->env.terrain_elev_m = ic->terrain_elev_m;
}

void fdm_derive_state(saqr_fdm *f)
{
    const earth_model *e = &f->earth;
    fdm_env *env = &f->env;
    /* kept for the accelerations of the same frame, which see the same
     * time and attitude */
    double (*c_ecef_eci)[3] = f->c_ecef_eci, (*c_body_eci)[3] = f->c_body_eci;
    earth_dcm_ecef_from_eci(e, f->t_s - f->epa_t0_s, c_ecef_eci);
    quat_to_dcm(f->x.q_eci_body, c_body_eci);
    double r_ecef[3];
    mat3_mul_vec(c_ecef_eci, f->x.pos_eci_m, r_ecef);
    earth_geodetic_frame_hinted(e, r_ecef, &env->lat_geod_rad, &env->lon_rad, &env->alt_asl_m, env->c_ned_ecef,
                                f->atan2_hint.position);
    vec3_copy(env->r_ecef_m, r_ecef);
    env->earth = e;
    env->gravity_central = f->props.v[f->slot->gravity_model] == 0.0;

    /* C_body_ned = C_body_eci C_eci_ecef C_ecef_ned */
    double c_eci_ned[3][3], c_ned_eci[3][3];
    mat3_mul(env->c_ned_ecef, c_ecef_eci, c_ned_eci);
    mat3_transpose(c_ned_eci, c_eci_ned);
    mat3_mul(c_body_eci, c_eci_ned, env->c_body_ned);
    euler_from_dcm_hinted(env->c_body_ned, env->euler_rad, f->atan2_hint.attitude);
    /* heading in [0, 2 pi): a tiny negative yaw plus 2 pi can round to
     * 2 pi itself, which is heading 0 */
    if (env->euler_rad[2] < 0.0)
        env->euler_rad[2] += 2.0 * UNITS_PI;
    if (env->euler_rad[2] >= 2.0 * UNITS_PI)
        env->euler_rad[2] -= 2.0 * UNITS_PI;

    double omega_eci[3] = {0.0, 0.0, e->omega_radps};
    double w_cross_r[3], v_rel_eci[3];
    vec3_cross(w_cross_r, omega_eci, f->x.pos_eci_m);
    vec3_sub(v_rel_eci, f->x.vel_eci_mps, w_cross_r);
    mat3_mul_vec(c_body_eci, v_rel_eci, env->vel_body_mps);
    mat3_tmul_vec(env->c_body_ned, env->vel_body_mps, env->vel_ned_mps);
    mat3_mul_vec(c_body_eci, omega_eci, env->omega_earth_body_radps);
    vec3_copy(env->omega_inertial_radps, f->x.omega_body_radps);
    vec3_sub(env->omega_body_radps, f->x.omega_body_radps, env->omega_earth_body_radps);

    /* JSBSim's altitude above sea level: along the geocentric radius. */
    double r = vec3_norm(r_ecef);
    double rxy = sqrt(r_ecef[0] * r_ecef[0] + r_ecef[1] * r_ecef[1]);
    double cl = r > 0.0 ? rxy / r : 1.0;
    double sea_level_r = e->b_m / sqrt(1.0 - e->e2 * cl * cl);
    f->h_sl_m = r - sea_level_r;
    f->radius_m = r;
    env->alt_agl_m = env->alt_asl_m - env->terrain_elev_m;
    env->t_s = f->t_s;
}

void fdm_publish_state(const saqr_fdm *f, double *v)
{
    const fdm_slots *s = f->slot;
    const fdm_env *env = &f->env;
    v[s->sim_time] = f->t_s;
    v[s->sim_dt] = env->dt_s; /* 0 in initialisation and trim runs, as JSBSim's */
    v[s->h_sl_ft] = f->h_sl_m / M_PER_FT;
    v[s->h_agl_ft] = env->alt_agl_m / M_PER_FT;
    v[s->terrain_ft] = env->terrain_elev_m / M_PER_FT;
    v[s->lat_geod_rad] = env->lat_geod_rad;
    if (f->lazy_read[FDM_LAZY_GEOCENTRIC] >= 0) /* else worked out when asked */
        fdm_geocentric_latitude(f, &v[s->lat_gc_rad], &v[s->lat_gc_deg]);
    v[s->long_gc_rad] = env->lon_rad;
    v[s->phi_rad] = v[s->roll_rad] = env->euler_rad[0];
    v[s->theta_rad] = v[s->pitch_rad] = env->euler_rad[1];
    v[s->psi_rad] = v[s->heading_rad] = env->euler_rad[2];
    v[s->hdot_fps] = -env->vel_ned_mps[2] / M_PER_FT;
    v[s->sim_frame] = (double)f->frame;
    /* the rest when something reads them (fdm_reports.c), the ECI and
     * ECEF coordinates with the air data (fdm_publish_on_demand) */
    for (int g = FDM_LAZY_STATE_POSITION; g <= FDM_LAZY_STATE_NED_VEL; g++)
        fdm_report_publish(f, g, v);
}

void fdm_inertial_values(const saqr_fdm *f, double out[13])
{
    const fdm_env *env = &f->env;
    const double *ri = f->x.pos_eci_m, *vi = f->x.vel_eci_mps;
    for (int k = 0; k < 3; k++) {
        out[k] = ri[k] / M_PER_FT;
        out[3 + k] = env->r_ecef_m[k] / M_PER_FT;
        out[6 + k] = vi[k] / M_PER_FT;
    }
    out[9] = sqrt(vi[0] * vi[0] + vi[1] * vi[1] + vi[2] * vi[2]) / M_PER_FT;
    double v_ecef[3]; /* Earth-relative velocity, ECEF axes */
    mat3_tmul_vec(env->c_ned_ecef, env->vel_ned_mps, v_ecef);
    for (int k = 0; k < 3; k++)
        out[10 + k] = v_ecef[k] / M_PER_FT;
}

void fdm_move(saqr_fdm *f, const double r_ecef_m[3])
{
    const earth_model *e = &f->earth;
    fdm_derive_state(f);
    const fdm_env *env = &f->env;
    double c_body_ned[3][3], vel_ned[3], omega_rel[3];
    memcpy(c_body_ned, env->c_body_ned, sizeof c_body_ned);
    vec3_copy(vel_ned, env->vel_ned_mps);
    vec3_copy(omega_rel, env->omega_body_radps);
    double lat, lon, alt, c_ned_ecef[3][3], c_eci_ecef[3][3];
    earth_geodetic_frame(e, r_ecef_m, &lat, &lon, &alt, c_ned_ecef);
    mat3_transpose(f->c_ecef_eci, c_eci_ecef);
    mat3_mul_vec(c_eci_ecef, r_ecef_m, f->x.pos_eci_m);
    /* C_body_eci = C_body_ned C_ned_ecef C_ecef_eci, at the new place */
    double c_body_ecef[3][3], c_body_eci[3][3], q[4];
    mat3_mul(c_body_ned, c_ned_ecef, c_body_ecef);
    mat3_mul(c_body_ecef, f->c_ecef_eci, c_body_eci);
    quat_from_dcm(c_body_eci, q);
    quat_normalize(q);
    /* the same rotation as before, not its negative: the attitude
     * integrators' history was computed with the old sign */
    double dot = 0.0;
    for (int k = 0; k < 4; k++)
        dot += q[k] * f->x.q_eci_body[k];
    for (int k = 0; k < 4; k++)
        f->x.q_eci_body[k] = dot < 0.0 ? -q[k] : q[k];
    double omega_eci[3] = {0.0, 0.0, e->omega_radps};
    double v_rel_ecef[3], v_rel_eci[3], w_cross_r[3], omega_earth_body[3];
    mat3_tmul_vec(c_ned_ecef, vel_ned, v_rel_ecef);
    mat3_mul_vec(c_eci_ecef, v_rel_ecef, v_rel_eci);
    vec3_cross(w_cross_r, omega_eci, f->x.pos_eci_m);
    vec3_add(f->x.vel_eci_mps, v_rel_eci, w_cross_r);
    mat3_mul_vec(c_body_eci, omega_eci, omega_earth_body);
    vec3_add(f->x.omega_body_radps, omega_rel, omega_earth_body);
    fdm_derive_state(f);
    fdm_publish_state(f, f->props.v);
}

/* Moves the body relative to the Earth by -shift (body axes), keeping the
 * velocity: JSBSim's NudgeBodyLocation when the CG moves on the ground. */
void fdm_nudge(saqr_fdm *f, const double shift_body_m[3])
{
    double c_body_eci[3][3], d[3];
    quat_to_dcm(f->x.q_eci_body, c_body_eci);
    mat3_tmul_vec(c_body_eci, shift_body_m, d);
    vec3_sub(f->x.pos_eci_m, f->x.pos_eci_m, d);
}
