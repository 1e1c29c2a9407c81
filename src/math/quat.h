/*
 * quat.h - unit quaternions for attitude.
 *
 * q = (w, x, y, z), scalar first.  `q_ab` denotes the rotation that carries
 * frame a into frame b, so that the direction cosine matrix built from it,
 * quat_to_dcm(q_ab), is C_ba: it maps a vector's components in frame a to
 * its components in frame b.  Composition: q_ac = q_ab (x) q_bc.
 * Kinematics: for body rate omega_b of frame b relative to a, expressed in b,
 * d(q_ab)/dt = 1/2 q_ab (x) (0, omega_b).
 * Reference: Stevens, Lewis & Johnson, "Aircraft Control and Simulation",
 * 3rd ed., sec. 1.8; Zipfel, "Modeling and Simulation of Aerospace Vehicle
 * Dynamics", ch. 4.
 */
#ifndef SAQR_MATH_QUAT_H
#define SAQR_MATH_QUAT_H

#include "math/trig.h"

/* out = a (x) b (Hamilton product; out must not alias a or b). */
void quat_mul(const double a[4], const double b[4], double out[4]);

/* Conjugate (the inverse of a unit quaternion). */
void quat_conj(const double q[4], double out[4]);

/* Scales q to unit length; leaves (1,0,0,0) when q is zero or not finite. */
void quat_normalize(double q[4]);

/* Direction cosine matrix C_ba of q_ab (see header comment). */
void quat_to_dcm(const double q_ab[4], double c_ba[3][3]);

/* Quaternion q_ab of the orthonormal matrix C_ba (Shepperd's method). */
void quat_from_dcm(const double c_ba[3][3], double q_ab[4]);

/* q_ned_body from 3-2-1 Euler angles (roll phi, pitch theta, yaw psi), rad. */
void quat_from_euler(double roll_rad, double pitch_rad, double yaw_rad, double q[4]);

/* The same quaternion with JSBSim's arithmetic (FGQuaternion from Euler
 * angles: half-angle products in its order, then normalised unless within
 * 1e-10 of unit length), for results that agree with JSBSim to the bit. */
void quat_from_euler_jsbsim(double roll_rad, double pitch_rad, double yaw_rad, double q[4]);

/* C_body_ned of 3-2-1 Euler angles (roll, pitch, yaw), rad, straight from
 * their sines and cosines (the products in the order JSBSim's Tl2b has). */
void dcm_from_euler(const double euler_rad[3], double c_body_ned[3][3]);

/* 3-2-1 Euler angles from C_body_ned: roll and yaw in (-pi, pi], pitch in
 * [-pi/2, pi/2]. */
void euler_from_dcm(const double c_body_ned[3][3], double euler_rad[3]);
/* The same, with the guesses of its two atan2s (math/trig.h): the same
 * bits, sooner for an attitude that changes little between calls. */
void euler_from_dcm_hinted(const double c_body_ned[3][3], double euler_rad[3], trig_atan2_hint hint[2]);

/* q_dot = 1/2 q (x) (0, omega). */
void quat_derivative(const double q[4], const double omega[3], double q_dot[4]);

#endif
