/*
 * fdm_env.h - what the executive of a JSBSim-format aircraft hands to its
 * models each frame, and what force models hand back.
 *
 * Frames: body (x forward, y right, z down), NED local level, ECEF, and
 * JSBSim's structural frame (x aft, y right, z up, origin anywhere;
 * positions kept in metres here, inches in the XML).  All values SI.
 * Models read controls and other inputs from property slots (JSBSim
 * units), and physical state from this struct.
 */
#ifndef SAQR_FDM_FDM_ENV_H
#define SAQR_FDM_FDM_ENV_H

#include "atmos/us1976.h"

typedef struct fdm_env {
    double t_s;                     /* simulation time                     */
    double dt_s;                    /* this frame's step, 0 during IC runs */

    /* position */
    double lat_geod_rad, lon_rad;
    double alt_asl_m;               /* geodetic altitude above ellipsoid  */
    double alt_agl_m;               /* above the terrain                   */
    double terrain_elev_m;          /* terrain height above ellipsoid      */
    double c_body_ned[3][3];        /* NED -> body DCM                     */
    double c_ned_ecef[3][3];        /* ECEF -> NED DCM                     */
    double r_ecef_m[3];             /* CG position, ECEF                   */
    const struct earth_model *earth; /* shape for contact-point altitudes  */
    int gravity_central;            /* simulation/gravity-model 0: GM/r^2  */
                                    /* toward the centre, no J2            */
    double euler_rad[3];            /* phi, theta, psi                     */

    /* motion relative to the Earth */
    double vel_body_mps[3];         /* u, v, w                             */
    double vel_ned_mps[3];
    double omega_body_radps[3];     /* p, q, r relative to ECEF            */
    double omega_inertial_radps[3]; /* p, q, r relative to ECI             */
    double omega_earth_body_radps[3]; /* Earth's rotation, body axes       */

    /* air */
    atmos_state atmos;              /* T, p, rho, a at alt_asl_m           */
    double sl_pressure_pa;          /* the day's sea level: P-sl-psf ...   */
    double sl_density_kgpm3;        /* ... and its density with delta-T    */
    double sl_temperature_k;        /* ... and temperature                 */
    double wind_ned_mps[3];         /* total wind (steady + gust)          */
    double vel_air_body_mps[3];     /* velocity relative to the air, body */
    double omega_air_body_radps[3]; /* rates relative to the air mass      */
    double tas_mps, cas_mps, eas_mps, mach;
    double qbar_pa;
    double alpha_rad, beta_rad;
    double sin_alpha, cos_alpha;    /* of alpha_rad and beta_rad, computed */
    double sin_beta, cos_beta;      /* once with them (fdm_aux)            */
    double alpha_dot_radps, beta_dot_radps;

    double gravity_mps2;            /* magnitude of local gravity          */
    double gravity_body_mps2[3];    /* gravitation, body axes               */
    double accel_body_mps2[3];      /* last frame's non-gravitational force
                                       per unit mass (what accelerometers
                                       at the CG sense), body axes          */
    double omega_dot_inertial_radps2[3]; /* last frame's d/dt of p, q, r wrt ECI */
    int trimming;                   /* a trim is running                    */

    /* mass properties now (mass-balance model, updated each frame) */
    double mass_kg;
    double cg_struct_m[3];          /* CG in the structural frame          */
    double inertia_kgm2[3][3];      /* about the CG, body axes             */
} fdm_env;

/* A model's contribution: force in body axes and moment about the CG. */
typedef struct fdm_forces {
    double force_body_n[3];
    double moment_body_nm[3];
} fdm_forces;

/* Vector from the CG to a structural-frame point, in body axes:
 * (-(x - x_cg), y - y_cg, -(z - z_cg)). */
static inline void fdm_arm_body_m(const fdm_env *e, const double pos_struct_m[3], double arm_body_m[3])
{
    arm_body_m[0] = -(pos_struct_m[0] - e->cg_struct_m[0]);
    arm_body_m[1] = pos_struct_m[1] - e->cg_struct_m[1];
    arm_body_m[2] = -(pos_struct_m[2] - e->cg_struct_m[2]);
}

/* Adds force f (body axes) acting at a structural point to `acc`,
 * with its moment about the CG. */
static inline void fdm_forces_add_at(fdm_forces *acc, const fdm_env *e, const double f_body_n[3],
                                     const double pos_struct_m[3])
{
    double r[3];
    fdm_arm_body_m(e, pos_struct_m, r);
    acc->force_body_n[0] += f_body_n[0];
    acc->force_body_n[1] += f_body_n[1];
    acc->force_body_n[2] += f_body_n[2];
    acc->moment_body_nm[0] += r[1] * f_body_n[2] - r[2] * f_body_n[1];
    acc->moment_body_nm[1] += r[2] * f_body_n[0] - r[0] * f_body_n[2];
    acc->moment_body_nm[2] += r[0] * f_body_n[1] - r[1] * f_body_n[0];
}

/* A mass the mass-balance model adds to the empty aircraft: point masses
 * of <mass_balance> and the fuel tanks of <propulsion>. */
typedef struct fdm_point_mass {
    double mass_kg;
    double pos_struct_m[3];
    double inertia_kgm2[3][3];      /* own inertia about its CG, body axes */
} fdm_point_mass;

#endif
