/*
 * wgs84.h - the WGS-84 ellipsoid's defining constants and its radii of
 * curvature, for the code that works on latitude and longitude outside
 * the frame's own Earth model (src/earth/earth.c, which takes its
 * constants from a configuration): lesson routes, the station's
 * multiplayer messages and its replay.
 *
 * Reference: NIMA TR8350.2, 3rd ed., ch. 3 (a, 1/f) and ch. 4 (the radii:
 * M = a (1 - e^2) / (1 - e^2 sin^2 lat)^1.5 along the meridian,
 * N = a / sqrt(1 - e^2 sin^2 lat) across it, the prime vertical).
 */
#ifndef SAQR_EARTH_WGS84_H
#define SAQR_EARTH_WGS84_H

#include <math.h>

#define WGS84_A_M 6378137.0                  /* semi-major axis  */
#define WGS84_F (1.0 / 298.257223563)        /* flattening       */
#define WGS84_E2 (WGS84_F * (2.0 - WGS84_F)) /* eccentricity^2   */

/* The meridian (M) and prime-vertical (N) radii of curvature, m, at the
 * latitude whose sine is sin_lat. */
static inline void wgs84_radii_m(double sin_lat, double *meridian_m, double *normal_m)
{
    const double w2 = 1.0 - WGS84_E2 * sin_lat * sin_lat, w = sqrt(w2);
    *meridian_m = WGS84_A_M * (1.0 - WGS84_E2) / (w2 * w);
    *normal_m = WGS84_A_M / w;
}

#endif
