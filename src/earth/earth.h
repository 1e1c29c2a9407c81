/*
 * earth.h - Earth models: shape, rotation, gravitation and the frames tied
 * to them.
 *
 * Frames: ECI is inertial and coincides with ECEF at t = 0 (Earth rotation
 * angle zero at the epoch, as in NASA TM-2015-218675); ECEF turns about the
 * z axis at rotation_radps.  For the flat Earth, "ECEF" is the NED frame at
 * the origin (x north, y east, z down) and does not rotate.
 *
 * References: NIMA TR8350.2, "Department of Defense World Geodetic System
 * 1984", 3rd ed. (ellipsoid, J2 gravitation); NASA/TM-2015-218675, "Check-
 * Cases for Verification of 6-DOF Flight Vehicle Simulations", vol. II
 * (constants); Fukushima, "Transformation from Cartesian to geodetic
 * coordinates accelerated by Halley's method", J. Geodesy 79, 2006
 * (geodetic latitude, as JSBSim's FGLocation).
 */
#ifndef SAQR_EARTH_EARTH_H
#define SAQR_EARTH_EARTH_H

#include "math/trig.h"
#include "saqr.h"
#include "util/err.h"

typedef struct earth_model {
    saqr_earth_config cfg; /* as given, validated                         */
    double a_m;            /* equatorial radius of the reference surface  */
    double b_m;            /* polar radius                                */
    double e2;             /* first eccentricity squared (0 for spheres)  */
    double omega_radps;    /* rotation rate (0 for non-rotating kinds)    */
    double ec, ec2, c_m;   /* b/a, (b/a)^2 and a e2, for the geodetic
                            * conversion                                 */
} earth_model;

/* Validates `cfg` (finite, positive radii and GM, 1/f > 1 ...) and fills
 * `e`.  On failure returns SAQR_EINVAL naming the field; `e` untouched. */
saqr_status earth_init(earth_model *e, const saqr_earth_config *cfg, saqr_err *err);

/* Gravitational acceleration (without the centrifugal term), ECEF axes. */
void earth_gravitation_ecef(const earth_model *e, const double r_ecef_m[3], double g_ecef_mps2[3]);

/* The same without the J2 term whatever the shape: GM/r^2 toward the
 * centre (JSBSim's standard gravity, simulation/gravity-model 0); the
 * flat Earth's constant for the flat Earth. */
void earth_gravitation_central_ecef(const earth_model *e, const double r_ecef_m[3], double g_ecef_mps2[3]);

/* Geodetic latitude/longitude (rad) and altitude (m) of an ECEF position. */
void earth_geodetic_from_ecef(const earth_model *e, const double r_ecef_m[3], double *lat_rad,
                              double *lon_rad, double *alt_m);

/* The altitude alone of earth_geodetic_from_ecef (the same bits, without
 * the trigonometry of latitude and longitude). */
double earth_geodetic_alt(const earth_model *e, const double r_ecef_m[3]);

/* The altitude of earth_geodetic_from_ecef (the same bits) and the unit
 * geodetic up of the point, ECEF axes.  On the ellipsoid the up comes from
 * the conversion's own sines and cosines, without trigonometry (it agrees
 * with (cos lat cos lon, cos lat sin lon, sin lat) to rounding). */
double earth_geodetic_alt_up(const earth_model *e, const double r_ecef_m[3], double up_ecef[3]);

/* The reciprocals of the radii of curvature of the level surface through
 * a point of geodetic latitude lat (given by its sine) and altitude alt:
 * inv_radius_m[0] = 1 / (M + alt) along the meridian, [1] = 1 / (N + alt)
 * along the prime vertical (M, N the ellipsoid's meridian and prime-
 * vertical radii; both the radius on a sphere; 0 for the flat Earth). */
void earth_inverse_radii(const earth_model *e, double sin_lat, double alt_m, double inv_radius_m[2]);

/* Geodetic altitude of a point offset by d_ned_m (NED axes) from a point
 * of geodetic altitude alt_m with the inverse radii above, and the unit
 * geodetic up at the offset point in the first point's NED axes.  Second
 * order in |d| / R: the point rises by d^2 / 2R along each principal
 * direction, and the up tilts by d / R; the error is of order |d|^3 / R^2
 * (1e-11 m at 20 m from the CG), far below what the exact conversion
 * (earth_geodetic_alt_up) resolves against the ~1e-7 m of curvature.
 * For an aircraft's contacts: no square roots or divisions per point. */
double earth_offset_alt_up(const double inv_radius_m[2], double alt_m, const double d_ned_m[3],
                           double up_ned[3]);

/* earth_geodetic_from_ecef and C_ned_ecef of the point together; on the
 * ellipsoid the matrix comes from the conversion's own sines and cosines,
 * as JSBSim's FGLocation (agrees with earth_dcm_ned_from_ecef to rounding,
 * without its trigonometry). */
void earth_geodetic_frame(const earth_model *e, const double r_ecef_m[3], double *lat_rad, double *lon_rad,
                          double *alt_m, double c_ned_ecef[3][3]);
/* The same, with the guesses of its two atan2s (longitude, latitude;
 * math/trig.h): the same bits, sooner for a point that moves little. */
void earth_geodetic_frame_hinted(const earth_model *e, const double r_ecef_m[3], double *lat_rad, double *lon_rad,
                                 double *alt_m, double c_ned_ecef[3][3], trig_atan2_hint hint[2]);

/* ECEF position of a geodetic position. */
void earth_ecef_from_geodetic(const earth_model *e, double lat_rad, double lon_rad, double alt_m,
                              double r_ecef_m[3]);

/* C_ned_ecef: ECEF components to NED components at (lat, lon). */
void earth_dcm_ned_from_ecef(const earth_model *e, double lat_rad, double lon_rad, double c[3][3]);

/* C_ecef_eci at time t (rotation angle omega * t). */
void earth_dcm_ecef_from_eci(const earth_model *e, double t_s, double c[3][3]);

#endif
