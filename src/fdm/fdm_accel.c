/*
 * fdm_accel.c - accelerations of a JSBSim-format aircraft from the summed
 * forces and moments: inertial angular acceleration (Euler's equation with
 * the full inertia tensor), the inertial translational acceleration in ECI
 * (forces / mass + J2 gravitation), the Earth-relative body-axis rates
 * JSBSim publishes (udot, pdot ...), the hold-down mode, and the low-speed
 * ground friction resolution.  Leaves the state derivative in f->xdot.
 * Reference: JSBSim src/models/FGAccelerations.cpp (CalculatePQRdot,
 * CalculateUVWdot, CalculateFrictionForces, SetHoldDown),
 * src/models/FGPropagate.cpp (SetHoldDown), src/FGFDMExec.cpp
 * (SetHoldDown); Stevens & Lewis, "Aircraft
 * Control and Simulation", 2nd ed., eq. 1.5-16.
 */
#include <string.h>

#include "eom/integrator.h"
#include "fdm/fdm_accel.h"
#include "fdm/fdm_reports.h"
#include "fdm/fdm_slots.h"
#include "fdm/ground.h"
#include "math/quat.h"
#include "math/units.h"
#include "math/vec3.h"

void fdm_accelerations(saqr_fdm *f, const fdm_forces *total, double *v)
{
    const fdm_slots *s = f->slot;
    fdm_env *env = &f->env;
    fdm_accel *acc = &f->acc;
    double jinv[3][3];
    if (!mat3_invert(env->inertia_kgm2, jinv))
        memset(jinv, 0, sizeof jinv);
    /* this frame's state: fdm_derive_state's DCMs */
    const double (*c_body_eci)[3] = (const double (*)[3])f->c_body_eci;
    const double (*c_ecef_eci)[3] = (const double (*)[3])f->c_ecef_eci;

    const double *wi = f->x.omega_body_radps;
    const double *we = env->omega_earth_body_radps;
    double jw[3], wjw[3], m[3];
    mat3_mul_vec(env->inertia_kgm2, wi, jw);
    vec3_cross(wjw, wi, jw);
    vec3_sub(m, total->moment_body_nm, wjw);
    int hold = v[s->hold_down] != 0.0;
    double tmp[3];
    if (hold) {
        vec3_set(acc->pqrdot_radps2, 0, 0, 0);
        vec3_cross(tmp, wi, we);
        vec3_scale(acc->pqridot_radps2, -1.0, tmp);
    } else {
        mat3_mul_vec(jinv, m, acc->pqridot_radps2);
        vec3_cross(tmp, wi, we);
        vec3_add(acc->pqrdot_radps2, acc->pqridot_radps2, tmp);
    }

    double mass = env->mass_kg > 0.0 ? env->mass_kg : 1.0;
    vec3_scale(acc->body_accel_mps2, 1.0 / mass, total->force_body_n);
    double r_ecef[3], g_ecef[3], g_eci[3], g_body[3];
    mat3_mul_vec(c_ecef_eci, f->x.pos_eci_m, r_ecef);
    if (env->gravity_central)
        earth_gravitation_central_ecef(&f->earth, r_ecef, g_ecef);
    else
        earth_gravitation_ecef(&f->earth, r_ecef, g_ecef);
    mat3_tmul_vec(c_ecef_eci, g_ecef, g_eci);
    mat3_mul_vec(c_body_eci, g_eci, g_body);
    env->gravity_mps2 = vec3_norm(g_ecef);
    vec3_copy(env->gravity_body_mps2, g_body);

    /* uvwdot = a_body - (pqr + 2 w_e) x uvw - w_e x (w_e x r) + g */
    double w2[3], cor[3], omega_eci[3] = {0.0, 0.0, f->earth.omega_radps}, c1[3], c2[3], cen[3];
    for (int i = 0; i < 3; i++)
        w2[i] = env->omega_body_radps[i] + 2.0 * we[i];
    vec3_cross(cor, w2, env->vel_body_mps);
    vec3_cross(c1, omega_eci, f->x.pos_eci_m);
    vec3_cross(c2, omega_eci, c1);
    mat3_mul_vec(c_body_eci, c2, cen);
    double accel_eci[3];
    if (hold) {
        vec3_set(acc->uvwdot_mps2, 0, 0, 0);
        vec3_copy(accel_eci, c2);
    } else {
        for (int i = 0; i < 3; i++)
            acc->uvwdot_mps2[i] = acc->body_accel_mps2[i] - cor[i] - cen[i] + g_body[i];
        double a_eci[3];
        mat3_tmul_vec(c_body_eci, acc->body_accel_mps2, a_eci);
        vec3_add(accel_eci, a_eci, g_eci);
    }

    if (!hold && f->gnd) {
        fdm_forces fr;
        memset(&fr, 0, sizeof fr);
        ground_resolve_friction(f->gnd, env, v, acc->uvwdot_mps2, acc->pqrdot_radps2, (const double (*)[3])jinv, &fr);
        double da[3], dw[3], da_eci[3];
        vec3_scale(da, 1.0 / mass, fr.force_body_n);
        mat3_mul_vec(jinv, fr.moment_body_nm, dw);
        vec3_add(acc->uvwdot_mps2, acc->uvwdot_mps2, da);
        vec3_add(acc->body_accel_mps2, acc->body_accel_mps2, da);
        mat3_tmul_vec(c_body_eci, da, da_eci);
        vec3_add(accel_eci, accel_eci, da_eci);
        vec3_add(acc->pqrdot_radps2, acc->pqrdot_radps2, dw);
        vec3_add(acc->pqridot_radps2, acc->pqridot_radps2, dw);
        for (int i = 0; i < 3; i++) {
            acc->total_forces[i] = total->force_body_n[i] + fr.force_body_n[i];
            acc->total_forces[3 + i] = total->moment_body_nm[i] + fr.moment_body_nm[i];
        }
    } else {
        for (int i = 0; i < 3; i++) {
            acc->total_forces[i] = total->force_body_n[i];
            acc->total_forces[3 + i] = total->moment_body_nm[i];
        }
    }

    vec3_copy(env->accel_body_mps2, acc->body_accel_mps2);
    vec3_copy(env->omega_dot_inertial_radps2, acc->pqridot_radps2);
    vec3_copy(f->xdot.pos_eci_m, f->x.vel_eci_mps);
    vec3_copy(f->xdot.vel_eci_mps, accel_eci);
    quat_derivative(f->x.q_eci_body, f->x.omega_body_radps, f->xdot.q_eci_body);
    vec3_copy(f->xdot.omega_body_radps, acc->pqridot_radps2);

    /* the accelerations and total forces, when something reads them
     * (fdm_reports.c) */
    fdm_report_publish(f, FDM_LAZY_ACCEL, v);
    fdm_report_publish(f, FDM_LAZY_TOTALS, v);
}

/* JSBSim stops the aircraft when the hold-down is set, not only its
 * accelerations from then on: the velocity and rates relative to the
 * Earth become zero (the inertial ones those of a point turning with the
 * Earth), the accelerations the next step integrates are the held ones
 * (the inertial angular one from the rates before the stop, as JSBSim's
 * FGAccelerations::SetHoldDown takes them), and the integrator's history
 * starts again from them (FGPropagate::InitializeDerivatives).  Without
 * the stop an aircraft still settling on its gear kept its velocity and
 * drifted (JSBSim's TestHoldDown). */
void fdm_hold_down_engage(saqr_fdm *f)
{
    const double omega_eci[3] = {0.0, 0.0, f->earth.omega_radps};
    double c_body_eci[3][3], we_body[3], w_r[3];
    quat_to_dcm(f->x.q_eci_body, c_body_eci);
    mat3_mul_vec(c_body_eci, omega_eci, we_body);
    /* the angular acceleration: 0 - pqri x we, with the rates before the stop */
    vec3_cross(f->xdot.omega_body_radps, f->x.omega_body_radps, we_body);
    vec3_scale(f->xdot.omega_body_radps, -1.0, f->xdot.omega_body_radps);
    vec3_cross(w_r, omega_eci, f->x.pos_eci_m);
    vec3_copy(f->x.vel_eci_mps, w_r);
    vec3_copy(f->x.omega_body_radps, we_body);
    vec3_copy(f->xdot.pos_eci_m, f->x.vel_eci_mps);
    vec3_cross(f->xdot.vel_eci_mps, omega_eci, w_r);
    quat_derivative(f->x.q_eci_body, f->x.omega_body_radps, f->xdot.q_eci_body);
    integrator_prime(&f->integ, &f->xdot);
}
