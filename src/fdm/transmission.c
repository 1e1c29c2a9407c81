/*
 * transmission.c - a helicopter's drive train (see transmission.h).
 *
 * Reference: JSBSim src/models/propulsion/FGTransmission.cpp; the filter
 * is FGJSBBase::Filter.  P = Q omega, and Q_engine - Q_rotor = J domega/dt.
 */
#include "fdm/transmission.h"

/* JSBSim's constants for rpm <-> rad/s (FGTransmission.h). */
#define RPM_PER_RADPS 9.54929658551372014613302580235
#define RADPS_PER_RPM 0.104719755119659774615421446109
#define FREE_WHEEL_LAG_COEFF 200.0   /* 1/s: the unit engages in ~5 ms */

void lag_filter_set_dt(lag_filter *f, double coeff, double dt_s)
{
    double denom = 2.0 + coeff * dt_s;
    f->ca = coeff * dt_s / denom;
    f->cb = (2.0 - coeff * dt_s) / denom;
}

void lag_filter_init(lag_filter *f, double coeff, double dt_s)
{
    f->prev_in = f->prev_out = 0.0;
    lag_filter_set_dt(f, coeff, dt_s);
}

double lag_filter_run(lag_filter *f, double in)
{
    double out = (in + f->prev_in) * f->ca + f->prev_out * f->cb;
    f->prev_in = in;
    f->prev_out = out;
    return out;
}

static double clamp01(double x)
{
    return x < 0.0 ? 0.0 : (x > 1.0 ? 1.0 : x);
}

void transmission_init(transmission *t, double dt_s)
{
    lag_filter_init(&t->free_wheel_lag, FREE_WHEEL_LAG_COEFF, dt_s);
    t->free_wheel = 1.0;
    t->clutch_norm = 1.0;
    t->brake_norm = 0.0;
    t->engine_rpm = t->thruster_rpm = 0.0;
}

void transmission_set_dt(transmission *t, double dt_s)
{
    lag_filter_set_dt(&t->free_wheel_lag, FREE_WHEEL_LAG_COEFF, dt_s);
}

void transmission_calculate(transmission *t, double engine_power_ftlbps, double thruster_torque_ftlb,
                            double dt_s)
{
    double engine_omega = t->engine_rpm * RADPS_PER_RPM;
    double thruster_omega = t->thruster_rpm * RADPS_PER_RPM;
    /* below 0.1 rad/s the torque of a given power is held finite */
    double safe_engine_omega = engine_omega < 1e-1 ? 1e-1 : engine_omega;
    double safe_thruster_omega = thruster_omega < 1e-1 ? 1e-1 : thruster_omega;
    double engine_torque = engine_power_ftlbps / safe_engine_omega;
    engine_torque -= t->engine_friction_ftlbps / safe_engine_omega;
    thruster_torque_ftlb += clamp01(t->brake_norm) * t->max_brake_power_ftlbps / safe_thruster_omega;

    /* the free-wheeling unit releases when the rotor would overrun the engine */
    double engine_d_omega = engine_torque / t->engine_moment_slugft2 * dt_s;
    double thruster_d_omega = -thruster_torque_ftlb / t->thruster_moment_slugft2 * dt_s;
    t->free_wheel = thruster_omega + thruster_d_omega > engine_omega + engine_d_omega ? 0.0 : 1.0;
    double coupling = lag_filter_run(&t->free_wheel_lag, t->free_wheel) * clamp01(t->clutch_norm);

    if (coupling < 0.999999) {
        /* slipping: each shaft takes the coupled share of the other's torque */
        double je = t->engine_moment_slugft2, jt = t->thruster_moment_slugft2;
        engine_d_omega = (engine_torque - thruster_torque_ftlb * coupling) / (jt * coupling + je) * dt_s;
        thruster_d_omega = (engine_torque * coupling - thruster_torque_ftlb) / (jt + je * coupling) * dt_s;
        t->engine_rpm += engine_d_omega * RPM_PER_RADPS;
        t->thruster_rpm += thruster_d_omega * RPM_PER_RADPS;
        /* pulled together as the coupling grows (static friction) */
        double c2 = coupling * coupling;
        t->engine_rpm = (1.0 - c2) * t->engine_rpm + c2 * 0.02 * (49.0 * t->engine_rpm + t->thruster_rpm);
        t->thruster_rpm = (1.0 - c2) * t->thruster_rpm + c2 * 0.02 * (t->engine_rpm + 49.0 * t->thruster_rpm);
        double diff = t->engine_rpm - t->thruster_rpm;
        if (diff < 1e-3 && diff > -1e-3)
            t->engine_rpm = t->thruster_rpm = 0.5 * (t->engine_rpm + t->thruster_rpm);
    } else {
        double d_omega = (engine_torque - thruster_torque_ftlb) /
                         (t->thruster_moment_slugft2 + t->engine_moment_slugft2) * dt_s;
        t->thruster_rpm += d_omega * RPM_PER_RADPS;
        t->engine_rpm = t->thruster_rpm;
    }
    /* nothing turns backwards */
    if (t->engine_rpm < 0.0)
        t->engine_rpm = 0.0;
    if (t->thruster_rpm < 0.0)
        t->thruster_rpm = 0.0;
}
