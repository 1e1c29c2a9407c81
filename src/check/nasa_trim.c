/*
 * nasa_trim.c - straight-and-level trim on the 6-DOF core (see
 * nasa_trim.h).
 */
#include "check/nasa_trim.h"

#include <math.h>
#include <string.h>

#include "math/units.h"
#include "math/vec3.h"
#include "math/trig.h"

#define TRIM_MAX_ITER 40

void nasa_rates_from_ned(const saqr_earth_config *e, const double omega_ned_radps[3], saqr_initial_state *s)
{
    double rn = 0.0, rm = 0.0; /* radii of curvature, 0: flat Earth */
    if (e->kind == SAQR_EARTH_WGS84) {
        double f = 1.0 / e->inv_flattening, e2 = f * (2.0 - f), sl = trig_sin(s->lat_rad);
        double w = 1.0 - e2 * sl * sl;
        rn = e->semi_major_m / sqrt(w);
        rm = e->semi_major_m * (1.0 - e2) / (w * sqrt(w));
    } else if (e->kind != SAQR_EARTH_FLAT) {
        rn = rm = e->round_radius_m;
    }
    double w_ned[3] = {0.0, 0.0, 0.0};
    if (rn > 0.0) {
        double h = s->alt_m;
        w_ned[0] = s->vel_ned_mps[1] / (rn + h);
        w_ned[1] = -s->vel_ned_mps[0] / (rm + h);
        w_ned[2] = -s->vel_ned_mps[1] * tan(s->lat_rad) / (rn + h);
    }
    /* Body-from-NED direction cosines of the 3-2-1 Euler angles. */
    double cr = trig_cos(s->euler_rad[0]), sr = trig_sin(s->euler_rad[0]);
    double cp = trig_cos(s->euler_rad[1]), sp = trig_sin(s->euler_rad[1]);
    double cy = trig_cos(s->euler_rad[2]), sy = trig_sin(s->euler_rad[2]);
    double c[3][3] = {{cp * cy, cp * sy, -sp},
                      {sr * sp * cy - cr * sy, sr * sp * sy + cr * cy, sr * cp},
                      {cr * sp * cy + sr * sy, cr * sp * sy - sr * cy, cr * cp}};
    double wb[3];
    mat3_mul_vec(c, w_ned, wb);
    vec3_add(s->omega_body_radps, omega_ned_radps, wb);
    s->omega_frame = SAQR_RATES_WRT_EARTH;
}

/* Residuals for unknowns x = (pitch, stick, throttle); -1 when the core
 * refuses the state. */
static int residual(saqr_sim *sim, f16_vehicle *v, saqr_initial_state *init, const saqr_earth_config *ned,
                    const double x[3], double dt, double r[3])
{
    init->euler_rad[1] = x[0];
    if (ned) {
        const double zero[3] = {0.0, 0.0, 0.0};
        nasa_rates_from_ned(ned, zero, init);
    }
    f16_vehicle_set_pilot(v, x[1], x[2]);
    if (saqr_init(sim, init) != SAQR_OK)
        return -1;
    saqr_outputs o0, o1;
    saqr_get_outputs(sim, &o0);
    f16_vehicle_control(v, &o0);
    v->power_pct = v->pla_pct; /* a trimmed engine runs at its set power */
    if (saqr_step(sim, dt) != SAQR_OK)
        return -1;
    saqr_get_outputs(sim, &o1);
    r[0] = (o1.airspeed_true_mps - o0.airspeed_true_mps) / dt;
    r[1] = (o1.vel_ned_mps[2] - o0.vel_ned_mps[2]) / dt;
    r[2] = (o1.omega_body_earth_radps[1] - o0.omega_body_earth_radps[1]) / dt;
    return isfinite(r[0]) && isfinite(r[1]) && isfinite(r[2]) ? 0 : -1;
}

/* Converged: accelerations below 1e-8 m/s^2 and pitch acceleration below
 * 1e-10 rad/s^2 (over 180 s these give 0.16 mm/s and a negligible drift). */
static int small(const double r[3])
{
    return fabs(r[0]) < 1e-8 && fabs(r[1]) < 1e-8 && fabs(r[2]) < 1e-10;
}

saqr_status nasa_trim_level(saqr_sim *sim, f16_vehicle *v, saqr_initial_state *init, double dt_s,
                            const saqr_earth_config *ned, nasa_trim_result *res, saqr_err *err)
{
    memset(res, 0, sizeof *res);
    init->euler_rad[0] = 0.0;
    f16_vehicle_augmentation(v, 0);
    /* Start: the law's own trim values when it has them, else a neutral
     * stick at a third of MIL power; pitch 3 deg. */
    double x[3] = {init->euler_rad[1] != 0.0 ? init->euler_rad[1] : 3.0 * RAD_PER_DEG, 0.0, 1.0 / 6.0};
    if (v->control) {
        x[1] = f16_vehicle_get(v, "trimmedPilotControl_long");
        x[2] = f16_vehicle_get(v, "trimmedPilotControl_throttle");
    }
    const double step[3] = {1e-6, 1e-6, 1e-6};
    const double limit[3] = {2.0 * RAD_PER_DEG, 0.1, 0.1};
    double r[3];
    saqr_status st = SAQR_OK;
    int it;
    if (residual(sim, v, init, ned, x, dt_s, r) != 0)
        st = err_set(err, SAQR_EINVAL, "trim: the core refused the initial state: %s", saqr_error(sim));
    for (it = 0; st == SAQR_OK && !small(r) && it < TRIM_MAX_ITER; it++) {
        double j[3][3], ji[3][3];
        for (int k = 0; k < 3; k++) {
            double xp[3] = {x[0], x[1], x[2]}, rp[3];
            xp[k] += step[k];
            if (residual(sim, v, init, ned, xp, dt_s, rp) != 0) {
                st = err_set(err, SAQR_EINVAL, "trim: the core refused a trial state: %s", saqr_error(sim));
                break;
            }
            for (int i = 0; i < 3; i++)
                j[i][k] = (rp[i] - r[i]) / step[k];
        }
        if (st != SAQR_OK)
            break;
        if (!mat3_invert(j, ji)) {
            st = err_set(err, SAQR_EINVAL, "trim: singular Jacobian (no control over the residuals)");
            break;
        }
        double dx[3];
        mat3_mul_vec(ji, r, dx);
        double worst = 1.0;
        for (int k = 0; k < 3; k++)
            if (fabs(dx[k]) * worst > limit[k])
                worst = limit[k] / fabs(dx[k]);
        for (int k = 0; k < 3; k++)
            x[k] -= worst * dx[k];
        if (residual(sim, v, init, ned, x, dt_s, r) != 0)
            st = err_set(err, SAQR_EINVAL, "trim: the core refused a trial state: %s", saqr_error(sim));
    }
    if (st == SAQR_OK && !small(r))
        st = err_set(err, SAQR_EINVAL,
                     "trim: no convergence after %d iterations (residuals %.3g m/s^2, %.3g m/s^2, %.3g rad/s^2)",
                     it, r[0], r[1], r[2]);
    if (st == SAQR_OK && !(x[2] >= 0.0 && x[2] <= 1.0))
        st = err_set(err, SAQR_EINVAL, "trim: the throttle needed (%.4f) is outside 0..1", x[2]);
    if (st != SAQR_OK) {
        f16_vehicle_augmentation(v, 1);
        return st;
    }
    /* Leave the core at the trimmed state, the law re-engaged. */
    init->euler_rad[1] = x[0];
    if (ned) {
        const double zero[3] = {0.0, 0.0, 0.0};
        nasa_rates_from_ned(ned, zero, init);
    }
    f16_vehicle_set_pilot(v, x[1], x[2]);
    saqr_outputs o;
    if (saqr_init(sim, init) != SAQR_OK) {
        f16_vehicle_augmentation(v, 1);
        return err_set(err, SAQR_EINVAL, "trim: %s", saqr_error(sim));
    }
    saqr_get_outputs(sim, &o);
    f16_vehicle_control(v, &o);
    res->pitch_rad = x[0];
    res->alpha_rad = o.alpha_rad;
    res->stick = x[1];
    res->throttle = x[2];
    res->elevator_deg = v->surface_rad[0] * DEG_PER_RAD;
    res->pla_pct = v->pla_pct;
    v->power_pct = v->pla_pct;
    memcpy(res->residual, r, sizeof r);
    res->iterations = it;
    f16_vehicle_augmentation(v, 1);
    return SAQR_OK;
}
