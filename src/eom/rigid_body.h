/*
 * rigid_body.h - Newton-Euler equations of a rigid body in an inertial frame.
 *
 *   d(pos)/dt   = vel
 *   d(vel)/dt   = C_eci_body F_body / m + g_eci
 *   d(q)/dt     = 1/2 q (x) (0, omega)
 *   d(omega)/dt = J^-1 (M_body - omega x J omega)
 *
 * with the full inertia tensor J (products of inertia included).
 * Reference: Stevens, Lewis & Johnson, "Aircraft Control and Simulation",
 * 3rd ed., eqs. 1.7-18 and 1.7-19 (the "flat-Earth" form in an inertial
 * frame, used here in ECI).
 */
#ifndef SAQR_EOM_RIGID_BODY_H
#define SAQR_EOM_RIGID_BODY_H

#include "eom/state.h"

typedef struct rigid_body {
    double mass_kg;
    double inertia_kgm2[3][3];     /* about the centre of mass, body axes */
    double inertia_inv[3][3];      /* its inverse, kept to avoid solving  */
} rigid_body;

/* Derivative of `x` given body-axis force and moment about the centre of
 * mass and the gravitational acceleration in ECI. */
void rigid_body_derivative(const rigid_body *b, const eom_state *x, const double force_body_n[3],
                           const double moment_body_nm[3], const double gravity_eci_mps2[3],
                           eom_state *xdot);

#endif
