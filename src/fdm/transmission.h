/*
 * transmission.h - the drive train between a helicopter's engine and its
 * rotor: clutch, rotor brake and free-wheeling unit, with the engine and
 * rotor speeds integrated from their torques and moments of inertia.
 *
 * Reference: JSBSim src/models/propulsion/FGTransmission.cpp and .h
 * (T. Kreitler), whose model this is: the two shafts are coupled by
 * clutch x free-wheel in [0, 1]; fully coupled they turn as one body
 * (d omega = (Q_engine - Q_rotor) / (J_engine + J_rotor) dt), partly
 * coupled each is driven by its own torque plus the coupled share of the
 * other's, and the speeds are pulled together to mimic static friction.
 * The free-wheeling unit lets the rotor overrun the engine (autorotation).
 * Units as JSBSim's: slug ft^2, ft lbf, ft lbf/s, rpm.
 */
#ifndef SAQR_FDM_TRANSMISSION_H
#define SAQR_FDM_TRANSMISSION_H

/* JSBSim's first-order filter (FGJSBBase::Filter): Tustin's discretisation
 * of coeff / (s + coeff) at a fixed step, from rest. */
typedef struct lag_filter {
    double ca, cb, prev_in, prev_out;
} lag_filter;

void lag_filter_init(lag_filter *f, double coeff, double dt_s);
/* Keeps the history, changes the step. */
void lag_filter_set_dt(lag_filter *f, double coeff, double dt_s);
double lag_filter_run(lag_filter *f, double in);

typedef struct transmission {
    /* configuration */
    double thruster_moment_slugft2;   /* the rotor's polar moment          */
    double engine_moment_slugft2;     /* engine and gear, seen at the rotor */
    double engine_friction_ftlbps;    /* gear loss                          */
    double max_brake_power_ftlbps;
    /* state */
    lag_filter free_wheel_lag;        /* smooths the free-wheel's switching */
    double free_wheel;                /* 1 engaged, 0 overrunning           */
    double clutch_norm, brake_norm;   /* writable properties                */
    double engine_rpm, thruster_rpm;  /* both at the rotor's side           */
} transmission;

/* Configuration set, state at rest, clutch engaged, brake off. */
void transmission_init(transmission *t, double dt_s);
void transmission_set_dt(transmission *t, double dt_s);
/* One step: the engine's power (ft lbf/s) against the rotor's torque
 * (ft lbf) for dt_s (0 in initial-condition runs: the speeds stay, the
 * free-wheel filter still runs, as JSBSim's). */
void transmission_calculate(transmission *t, double engine_power_ftlbps, double thruster_torque_ftlb,
                            double dt_s);

#endif
