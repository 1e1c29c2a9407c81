/*
 * nasa_trim.h - trims an aircraft (model/f16_vehicle.h) for wings-level,
 * un-accelerated flight at a given position, Earth-relative velocity and
 * heading, as the F-16 README of NASA TM-2015-218675 describes: the
 * unknowns are the pitch attitude, the longitudinal stick (elevator) and
 * the throttle; roll, aileron and rudder stay zero.
 *
 * The residuals are measured on the 6-DOF core itself: from the initial
 * state, one integration step of dt; the changes of true airspeed, of the
 * down velocity and of the Earth-relative pitch rate, divided by dt, must
 * vanish.  At an equilibrium every time derivative is zero, so these
 * finite differences are exactly zero there, whatever dt; near it they
 * are the derivatives to O(dt).  Everything the core models (WGS-84
 * gravity with J2, Earth rotation and curvature, the atmosphere) is thus in
 * the trim.  Newton's method with a forward-difference Jacobian.
 */
#ifndef SAQR_CHECK_NASA_TRIM_H
#define SAQR_CHECK_NASA_TRIM_H

#include "model/f16_vehicle.h"
#include "saqr.h"
#include "util/err.h"

typedef struct nasa_trim_result {
    double pitch_rad;          /* Euler pitch = angle of attack in level flight */
    double alpha_rad;
    double stick;              /* longitudinal stick, -1..1, +aft              */
    double throttle;           /* 0..1                                         */
    double elevator_deg;       /* +TED                                         */
    double pla_pct;            /* power lever angle                            */
    double residual[3];        /* dV/dt (m/s^2), dVdown/dt (m/s^2),           */
                               /* dq/dt (rad/s^2) at the solution              */
    int iterations;
} nasa_trim_result;

/* Sets s->omega_body_radps (frame: Earth) to the body rates relative to the
 * local NED frame `omega_ned_radps` plus the transport rate of that frame
 * over the Earth, for the position, velocity and attitude in `s`:
 * (v_E/(R_N+h), -v_N/(R_M+h), -v_E tan(lat)/(R_N+h)) in NED, with the
 * ellipsoid's radii of curvature (the sphere's radius for round Earths,
 * zero for the flat one).  Level flight along the curved Earth needs this
 * pitch and roll rate of about V/R. */
void nasa_rates_from_ned(const saqr_earth_config *earth, const double omega_ned_radps[3], saqr_initial_state *s);

/* Trims vehicle `v` (its force model already set on `sim`) at `init`; on
 * success init->euler_rad[1] holds the trimmed pitch, the vehicle's trim
 * handles hold the solution, its augmentation is restored, and the
 * simulation is left initialised at the trimmed state.  SAQR_EINVAL with a
 * message when Newton's method does not converge or the throttle leaves
 * 0..1.  With `ned_rates` non-NULL the trimmed state has zero body rates
 * relative to the local NED frame (nasa_rates_from_ned); with NULL, the
 * rates of `init` are used as they are. */
saqr_status nasa_trim_level(saqr_sim *sim, f16_vehicle *v, saqr_initial_state *init, double dt_s,
                            const saqr_earth_config *ned_rates, nasa_trim_result *res, saqr_err *err);

#endif
