/*
 * fdm_reports.c - the executive's reports that few models read: the
 * position in other units, the attitude in degrees, the body and NED
 * velocities and the rates (FGPropagate), the rarer air data and the
 * pilot's accelerations (FGAuxiliary), the body's accelerations and the
 * total forces (FGAccelerations, FGAircraft), the atmosphere's sea level
 * and ratios (FGAtmosphere), the propulsion's and external forces, the
 * turbulence's gusts and the total wind (FGWinds).
 *
 * JSBSim ties these properties to its models' members, so they cost it
 * nothing until read.  Here each group's values come from one function,
 * reading only what its producer's run left in place until the next run
 * (fdm_env, the accelerations, the executive's own fields), so that the
 * producer can skip a group nothing in the model reads and the API can
 * work it out when asked with the same bits (fdm_air.c's lazy groups).
 * A value that depends on the accelerations of the run before, which the
 * run itself replaces, uses the copy fdm_aux keeps of them.
 *
 * References: JSBSim src/models/FGPropagate.cpp, FGAuxiliary.cpp,
 * FGAccelerations.cpp, FGAircraft.cpp, FGAtmosphere.cpp, FGWinds.cpp,
 * FGPropulsion.cpp, FGExternalReactions.cpp (their bound properties).
 */
#include "fdm/fdm_reports.h"

#include <math.h>
#include <string.h>

#include "fdm/fdm_air.h"
#include "fdm/fdm_slots.h"
#include "math/units.h"
#include "math/vec3.h"

int fdm_report_slots(const fdm_slots *s, int group, int out[FDM_LAZY_MAX_SLOTS])
{
    switch (group) {
    case FDM_LAZY_STATE_POSITION:
        return fdm_lazy_copy_slots(out,
                          (const int[]){s->h_sl_m, s->h_agl_km, s->geod_alt_ft, s->lat_geod_deg, s->long_gc_deg,
                                        s->radius_ft, s->epa_rad},
                          7);
    case FDM_LAZY_STATE_DEGREES: return fdm_lazy_copy_slots(out, (const int[]){s->phi_deg, s->theta_deg, s->psi_deg}, 3);
    case FDM_LAZY_STATE_BODY_VEL: return fdm_lazy_copy_slots(out, (const int[]){s->u_fps, s->v_fps, s->w_fps}, 3);
    case FDM_LAZY_STATE_RATES:
        return fdm_lazy_copy_slots(out, (const int[]){s->p_rps, s->q_rps, s->r_rps, s->pi_rps, s->qi_rps, s->ri_rps}, 6);
    case FDM_LAZY_STATE_NED_VEL: return fdm_lazy_copy_slots(out, (const int[]){s->vn_fps, s->ve_fps, s->vd_fps}, 3);
    case FDM_LAZY_AIR_SPEEDS:
        return fdm_lazy_copy_slots(out, (const int[]){s->ve_eq_fps, s->ve_eq_kts, s->vg_fps, s->machU}, 4);
    case FDM_LAZY_AIR_PARTS: return fdm_lazy_copy_slots(out, (const int[]){s->qbarUW_psf, s->qbarUV_psf, s->re}, 3);
    case FDM_LAZY_AIR_HEIGHTS: return fdm_lazy_copy_slots(out, (const int[]){s->h_b_cg_ft, s->h_b_mac_ft}, 2);
    case FDM_LAZY_AIR_RATES_DEG:
        return fdm_lazy_copy_slots(out, (const int[]){s->mag_beta_deg, s->adot_dps, s->bdot_rps, s->bdot_dps}, 4);
    case FDM_LAZY_PILOT:
        return fdm_lazy_copy_slots(out,
                          (const int[]){s->nx, s->ny, s->nz, s->a_pilot_x, s->a_pilot_y, s->a_pilot_z, s->n_pilot_x,
                                        s->n_pilot_y, s->n_pilot_z},
                          9);
    case FDM_LAZY_ACCEL:
        return fdm_lazy_copy_slots(out, (const int[]){s->udot, s->vdot, s->wdot, s->pdot, s->qdot, s->rdot, s->gravity_fps2,
                                                      s->fbx_weight, s->fby_weight, s->fbz_weight},
                          10);
    case FDM_LAZY_TOTALS:
        return fdm_lazy_copy_slots(out,
                          (const int[]){s->fbx_total, s->fby_total, s->fbz_total, s->l_total, s->m_total, s->n_total,
                                        s->load_factor},
                          7);
    case FDM_LAZY_ATMOS:
        return fdm_lazy_copy_slots(out,
                          (const int[]){s->T_R, s->rho_slugft3, s->a_fps, s->T_sl_R, s->rho_sl, s->a_sl_fps,
                                        s->theta_ratio, s->sigma_ratio, s->delta_ratio, s->a_ratio},
                          10);
    case FDM_LAZY_PROP_FORCES:
        return fdm_lazy_copy_slots(out, (const int[]){s->fbx_prop, s->fby_prop, s->fbz_prop, s->l_prop, s->m_prop, s->n_prop},
                          6);
    case FDM_LAZY_EXT_FORCES:
        return fdm_lazy_copy_slots(out, (const int[]){s->fbx_ext, s->fby_ext, s->fbz_ext, s->l_ext, s->m_ext, s->n_ext}, 6);
    case FDM_LAZY_AERO_AXES:
        return fdm_lazy_copy_slots(out,
                          (const int[]){s->fsx_aero, s->fsy_aero, s->fsz_aero, s->l_stab_aero, s->m_stab_aero,
                                        s->n_stab_aero, s->l_wind_aero, s->m_wind_aero, s->n_wind_aero},
                          9);
    default: /* FDM_LAZY_WINDS */
        return fdm_lazy_copy_slots(out,
                          (const int[]){s->turb_n_fps, s->turb_e_fps, s->turb_d_fps, s->turb_p_rps, s->turb_q_rps,
                                        s->turb_r_rps, s->tot_wind_n_fps, s->tot_wind_e_fps, s->tot_wind_d_fps},
                          9);
    }
}

_Static_assert(FDM_LAZY_GROUPS - FDM_LAZY_STATE_POSITION == FDM_REPORT_GROUPS, "fdm_slots.h counts the groups");
_Static_assert(FDM_REPORT_MAX_SLOTS <= FDM_LAZY_MAX_SLOTS, "a report group fits a lazy group");

void fdm_report_map(fdm_slots *s)
{
    for (int g = FDM_LAZY_STATE_POSITION; g < FDM_LAZY_GROUPS; g++) {
        int slots[FDM_LAZY_MAX_SLOTS];
        int n = fdm_report_slots(s, g, slots);
        memcpy(s->report[g - FDM_LAZY_STATE_POSITION], slots, (size_t)n * sizeof *slots);
    }
}

/* Each group's values go to d[i[0]], d[i[1]] ...: into the property
 * values through the group's slots when published, into a plain array when
 * worked out for the API. */

/* Position in other units (fdm_derive_state's). */
static void position_values(const saqr_fdm *f, double *d, const int *i)
{
    const fdm_env *env = &f->env;
    d[i[0]] = f->h_sl_m;
    d[i[1]] = env->alt_agl_m / 1000.0;
    d[i[2]] = env->alt_asl_m / M_PER_FT;
    d[i[3]] = env->lat_geod_rad * DEG_PER_RAD;
    d[i[4]] = env->lon_rad * DEG_PER_RAD;
    d[i[5]] = f->radius_m / M_PER_FT;
    d[i[6]] = f->earth.omega_radps * (f->t_s - f->epa_t0_s);
}

/* Air data fdm_aux worked out from the air-relative velocity. */
static void air_part_values(const saqr_fdm *f, double *d, const int *i)
{
    const fdm_env *env = &f->env;
    const double *a = env->vel_air_body_mps;
    double u2 = a[0] * a[0], v2 = a[1] * a[1], w2 = a[2] * a[2];
    double rho = env->atmos.density_kgpm3;
    d[i[0]] = 0.5 * rho * (u2 + w2) / PA_PER_PSF;
    d[i[1]] = 0.5 * rho * (u2 + v2) / PA_PER_PSF;
    double t_k = env->atmos.temperature_k; /* Sutherland: T^1.5 as T sqrt(T) */
    double mu_air = 1.458e-6 * t_k * sqrt(t_k) / (t_k + 110.4);
    d[i[2]] = mu_air > 0.0 ? env->tas_mps * f->metrics.cbarw_m * rho / mu_air : 0.0;
}

/* Heights of the CG and of the aerodynamic reference point over the span
 * (an aircraft without a span has none: fdm_report_values). */
static void height_values(const saqr_fdm *f, double *d, const int *i)
{
    const fdm_env *env = &f->env;
    double span = f->metrics.bw_m;
    d[i[0]] = env->alt_agl_m / span;
    double rp[3], rp_ned[3];
    fdm_arm_body_m(env, f->metrics.rp_struct_m, rp);
    mat3_tmul_vec(env->c_body_ned, rp, rp_ned);
    /* height of the aerodynamic reference point: AGL less its down offset */
    d[i[1]] = (env->alt_agl_m - rp_ned[2]) / span;
}

/* Load factors and the pilot's acceleration from the accelerations of the
 * run before (fdm_aux's copy), as JSBSim's FGAuxiliary has them. */
static void pilot_values(const saqr_fdm *f, double *d, const int *i)
{
    const fdm_env *env = &f->env;
    const double g0 = G0_MPS2, fps = 1.0 / M_PER_FT;
    const double *ba = f->aux_accel_body_mps2;
    d[i[0]] = ba[0] / g0;
    d[i[1]] = ba[1] / g0;
    d[i[2]] = -ba[2] / g0;
    double ep[3], t1[3], t2[3], pa[3];
    fdm_arm_body_m(env, f->metrics.ep_struct_m, ep);
    vec3_cross(t1, f->aux_pqridot_radps2, ep);
    vec3_cross(t2, env->omega_inertial_radps, ep);
    vec3_cross(pa, env->omega_inertial_radps, t2);
    for (int k = 0; k < 3; k++)
        pa[k] += ba[k] + t1[k];
    for (int k = 0; k < 3; k++) {
        d[i[3 + k]] = pa[k] * fps;
        d[i[6 + k]] = pa[k] / g0;
    }
}

static void total_values(const saqr_fdm *f, double *d, const int *i)
{
    const double lbf = 1.0 / N_PER_LBF, lbft = 1.0 / (N_PER_LBF * M_PER_FT);
    const double *t = f->acc.total_forces;
    for (int k = 0; k < 3; k++) {
        d[i[k]] = t[k] * lbf;
        d[i[3 + k]] = t[3 + k] * lbft;
    }
    /* the aerodynamics' lift, which only they write (once a run, before) */
    double weight = f->env.mass_kg * G0_MPS2;
    d[i[6]] = weight > 0.0 ? f->props.v[f->slot->fwz_aero] * N_PER_LBF / weight : 0.0;
}

/* A model's forces (N, N m) in pounds and foot-pounds; n: 3 without the
 * moments. */
static void force_values(const fdm_forces *fr, int n, double *d, const int *i)
{
    const double lbf = 1.0 / N_PER_LBF, lbft = 1.0 / (N_PER_LBF * M_PER_FT);
    for (int k = 0; k < 3; k++)
        d[i[k]] = fr->force_body_n[k] * lbf;
    for (int k = 3; k < n; k++)
        d[i[k]] = fr->moment_body_nm[k - 3] * lbft;
}

/* The aerodynamic force in stability axes (drag and lift positive, as
 * JSBSim's forces/fs?-aero-lbs) and the aerodynamic moment about the CG
 * in stability and wind axes (FGAerodynamics' Tb2s and Tb2w). */
static void aero_axes_values(const saqr_fdm *f, double *d, const int *i)
{
    const fdm_env *env = &f->env;
    const double lbf = 1.0 / N_PER_LBF, lbft = 1.0 / (N_PER_LBF * M_PER_FT);
    const double *fb = f->f_aero.force_body_n, *mb = f->f_aero.moment_body_nm;
    const double ca = env->cos_alpha, sa = env->sin_alpha, cb = env->cos_beta, sb = env->sin_beta;
    d[i[0]] = -(ca * fb[0] + sa * fb[2]) * lbf;
    d[i[1]] = fb[1] * lbf;
    d[i[2]] = -(-sa * fb[0] + ca * fb[2]) * lbf;
    d[i[3]] = (ca * mb[0] + sa * mb[2]) * lbft;
    d[i[4]] = mb[1] * lbft;
    d[i[5]] = (-sa * mb[0] + ca * mb[2]) * lbft;
    d[i[6]] = (ca * cb * mb[0] + sb * mb[1] + sa * cb * mb[2]) * lbft;
    d[i[7]] = (-ca * sb * mb[0] + cb * mb[1] - sa * sb * mb[2]) * lbft;
    d[i[8]] = (-sa * mb[0] + ca * mb[2]) * lbft;
}

static void group_values(const saqr_fdm *f, int group, double *d, const int *i)
{
    const fdm_env *env = &f->env;
    const double fps = 1.0 / M_PER_FT, kts = 1.0 / MPS_PER_KT;
    switch (group) {
    case FDM_LAZY_STATE_POSITION: position_values(f, d, i); break;
    case FDM_LAZY_STATE_DEGREES:
        for (int k = 0; k < 3; k++)
            d[i[k]] = env->euler_rad[k] * DEG_PER_RAD;
        break;
    case FDM_LAZY_STATE_BODY_VEL:
        for (int k = 0; k < 3; k++)
            d[i[k]] = env->vel_body_mps[k] / M_PER_FT;
        break;
    case FDM_LAZY_STATE_RATES:
        for (int k = 0; k < 3; k++) {
            d[i[k]] = env->omega_body_radps[k];
            d[i[3 + k]] = env->omega_inertial_radps[k];
        }
        break;
    case FDM_LAZY_STATE_NED_VEL:
        for (int k = 0; k < 3; k++)
            d[i[k]] = env->vel_ned_mps[k] / M_PER_FT;
        break;
    case FDM_LAZY_AIR_SPEEDS: {
        const double *vn = env->vel_ned_mps;
        d[i[0]] = env->eas_mps * fps;
        d[i[1]] = env->eas_mps * kts;
        d[i[2]] = sqrt(vn[0] * vn[0] + vn[1] * vn[1]) * fps;
        d[i[3]] = env->vel_air_body_mps[0] / env->atmos.sound_speed_mps;
        break;
    }
    case FDM_LAZY_AIR_PARTS: air_part_values(f, d, i); break;
    case FDM_LAZY_AIR_HEIGHTS:
        if (f->metrics.bw_m > 0.0) /* else left as they are */
            height_values(f, d, i);
        break;
    case FDM_LAZY_AIR_RATES_DEG:
        d[i[0]] = fabs(env->beta_rad) * DEG_PER_RAD;
        d[i[1]] = env->alpha_dot_radps * DEG_PER_RAD;
        d[i[2]] = env->beta_dot_radps;
        d[i[3]] = env->beta_dot_radps * DEG_PER_RAD;
        break;
    case FDM_LAZY_PILOT: pilot_values(f, d, i); break;
    case FDM_LAZY_ACCEL: {
        const double fps2 = 1.0 / M_PER_FT;
        for (int k = 0; k < 3; k++) {
            d[i[k]] = f->acc.uvwdot_mps2[k] * fps2;
            d[i[3 + k]] = f->acc.pqrdot_radps2[k];
        }
        d[i[6]] = env->gravity_mps2 * fps2;
        /* the weight: mass times the gravitation (J2, without the
         * centrifugal part), body axes (JSBSim's GetWeight) */
        for (int k = 0; k < 3; k++)
            d[i[7 + k]] = env->mass_kg * env->gravity_body_mps2[k] / N_PER_LBF;
        break;
    }
    case FDM_LAZY_TOTALS: total_values(f, d, i); break;
    case FDM_LAZY_ATMOS: fdm_atmosphere_report(f, d, i); break;
    case FDM_LAZY_PROP_FORCES: force_values(&f->f_prop, 6, d, i); break;
    case FDM_LAZY_EXT_FORCES: force_values(&f->f_ext, 6, d, i); break;
    case FDM_LAZY_AERO_AXES: aero_axes_values(f, d, i); break;
    default: /* the turbulence's gusts and the total wind (fdm_winds) */
        for (int k = 0; k < 3; k++) {
            d[i[k]] = f->turb.gust_ned_mps[k] / M_PER_FT;
            d[i[3 + k]] = f->turb.gust_pqr_body_radps[k];
            d[i[6 + k]] = env->wind_ned_mps[k] / M_PER_FT;
        }
        break;
    }
}

void fdm_report_values(const saqr_fdm *f, int group, const int slots[FDM_LAZY_MAX_SLOTS],
                       double out[FDM_LAZY_MAX_SLOTS])
{
    static const int in_order[FDM_REPORT_MAX_SLOTS] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    if (group == FDM_LAZY_AIR_HEIGHTS && !(f->metrics.bw_m > 0.0)) {
        out[0] = f->props.v[slots[0]]; /* never written */
        out[1] = f->props.v[slots[1]];
        return;
    }
    group_values(f, group, out, in_order);
}

void fdm_report_write(const saqr_fdm *f, int group, double *v)
{
    group_values(f, group, v, f->slot->report[group - FDM_LAZY_STATE_POSITION]);
}
