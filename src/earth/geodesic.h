/*
 * geodesic.h - the inverse geodesic problem on an ellipsoid: distance and
 * initial azimuth between two latitude/longitude points (Vincenty).
 */
#ifndef SAQR_EARTH_GEODESIC_H
#define SAQR_EARTH_GEODESIC_H

#include "math/trig.h"

/* JSBSim's WGS-84 ellipsoid (FGInertial), feet. */
#define GEODESIC_JSBSIM_A_FT 20925646.32546
#define GEODESIC_JSBSIM_B_FT 20855486.5951

/* Distance (units of a) and initial azimuth (rad, (-pi, pi], clockwise from
 * north) from (lat1, lon1) to (lat2, lon2), radians, on the ellipsoid of
 * semi-axes a and b.  *lam_offset carries the converged lambda less the
 * longitude difference from one solve to the next (start it at 0): a
 * moving point's solve then starts next to its answer. */
void geodesic_inverse(double a, double b, double lat1, double lon1, double lat2, double lon2, double *dist,
                      double *azi1, double *lam_offset);

/* The state geodesic_inverse_cached keeps between solves of a moving first
 * point: the last two lambda offsets and the second point's reduced
 * latitude.  Start it zeroed. */
typedef struct geodesic_cache {
    double lam_offset, lam_offset_prev;
    int nsolved;            /* offsets held (0..2) since the target changed */
    int iterations;         /* passes the last solve took                  */
    double lat2, s2, c2, a, b;
    int have_lat2;
    trig_atan2_hint hint[2];    /* the solve's two angles (math/trig.h)      */
} geodesic_cache;

/* geodesic_inverse for a first point moving smoothly towards a fixed second
 * one (a waypoint): the iteration starts from the offset extrapolated from
 * the last two solves.  The same solution, converged to the same 1e-13 in
 * lambda, in fewer passes. */
void geodesic_inverse_cached(double a, double b, double lat1, double lon1, double lat2, double lon2,
                             double *dist, double *azi1, geodesic_cache *c);

#endif
