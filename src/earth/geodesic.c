/*
 * geodesic.c - Vincenty's inverse geodesic problem (see geodesic.h).
 *
 * JSBSim solves it with GeographicLib (Karney's algorithm); Vincenty's
 * formula agrees to well below a millimetre except for nearly antipodal
 * points, where it may not converge (the last iterate is used).  Points
 * on opposite meridians, antipodes included, are joined over the nearer
 * pole, as GeographicLib joins them; its azimuths are in (-pi, pi].
 * Reference: T. Vincenty, "Direct and inverse solutions of geodesics on
 * the ellipsoid with application of nested equations", Survey Review
 * 23(176), 1975; JSBSim src/math/FGLocation.cpp (GetDistanceTo).
 */
#include <math.h>
#include <string.h>

#include "earth/geodesic.h"
#include "math/trig.h"
#include "math/units.h"

/* sin and cos of the reduced latitude, atan((1 - f) tan(lat)), without
 * the trigonometry of it. */
static void reduced_latitude(double f, double lat, double *s, double *c)
{
    double cl, sl;
    trig_sincos(lat, &sl, &cl);
    double y = (1.0 - f) * sl, n = sqrt(y * y + cl * cl);
    *s = y / n;
    *c = cl / n;
}

/* Vincenty's length (units of a) of a geodesic of angular length sig
 * (sine ss, cosine cs) whose azimuth at the equator has cosine squared
 * c2a, its midpoint 2 sigma_m from the node (cosine c2sm). */
static void geodesic_length(double a, double b, double c2a, double sig, double ss, double cs, double c2sm,
                            double *dist)
{
    double u2 = c2a * (a * a - b * b) / (b * b);
    double A = 1.0 + u2 / 16384.0 * (4096.0 + u2 * (-768.0 + u2 * (320.0 - 175.0 * u2)));
    double B = u2 / 1024.0 * (256.0 + u2 * (-128.0 + u2 * (74.0 - 47.0 * u2)));
    double dsig = B * ss * (c2sm + B / 4.0 * (cs * (-1.0 + 2.0 * c2sm * c2sm) -
                                              B / 6.0 * c2sm * (-3.0 + 4.0 * ss * ss) * (-3.0 + 4.0 * c2sm * c2sm)));
    *dist = b * A * (sig - dsig);
}

/* Vincenty's inverse problem: distance (units of a) and initial azimuth
 * (rad, (-pi, pi], clockwise from north) from (lat1, lon1) to (lat2, lon2).
 * *lam_offset is the converged lambda less the longitude difference from
 * the last solve and the starting guess of this one: the aircraft moves
 * little between frames, so the iteration starts next to its answer. */
static void inverse(double a, double b, double lat1, double lon1, double sU2, double cU2, double lon2,
                    double *dist, double *azi1, double start_offset, double *lam_offset, int *iterations,
                    trig_atan2_hint hint[2])
{
    double f = (a - b) / a;
    double L = lon2 - lon1;
    double sU1, cU1;
    reduced_latitude(f, lat1, &sU1, &cU1);
    double lam = L + start_offset, sig = 0.0, ss = 0.0, cs = 1.0, c2a = 1.0, c2sm = 0.0, sl = 0.0, cl = 1.0;
    int it = 0;
    /* only a difference near an odd multiple of pi (|L| > 3) can be
     * opposite meridians: the usual solve skips the sine and cosine */
    if (fabs(L) > 3.0)
        trig_sincos(L, &sl, &cl); /* else sl, cl stay 0, 1: not opposite */
    if (fabs(sl) < 1e-12 && cl < 0.0) {
        /* Opposite meridians (to the rounding of lon2 - lon1): the geodesic
         * is the meridian over the nearer pole (GeographicLib's meridian
         * case, JSBSim's), half the meridian's length between antipodes.
         * The iteration below diverges for nearly antipodal points. */
        double s12 = sU1 * cU2 + cU1 * sU2, c12 = cU1 * cU2 - sU1 * sU2; /* of U1 + U2 */
        ss = fabs(s12);
        cs = -c12;
        sig = trig_atan2(ss, cs);
        c2a = 1.0;
        c2sm = cs - 2.0 * sU1 * sU2;
        *iterations = 0;
        *lam_offset = 0.0;
        geodesic_length(a, b, c2a, sig, ss, cs, c2sm, dist);
        *azi1 = s12 >= 0.0 ? 0.0 : UNITS_PI; /* over the north pole, or the south */
        return;
    }
    for (; it < 200; it++) {
        trig_sincos(lam, &sl, &cl);
        double t1 = cU2 * sl, t2 = cU1 * sU2 - sU1 * cU2 * cl;
        ss = sqrt(t1 * t1 + t2 * t2);
        if (ss == 0.0) { /* coincident points */
            *dist = 0.0;
            *azi1 = 0.0;
            *lam_offset = 0.0;
            *iterations = it + 1;
            return;
        }
        cs = sU1 * sU2 + cU1 * cU2 * cl;
        sig = trig_atan2_hinted(ss, cs, &hint[0]);
        double sa = cU1 * cU2 * sl / ss;
        c2a = 1.0 - sa * sa;
        c2sm = c2a != 0.0 ? cs - 2.0 * sU1 * sU2 / c2a : 0.0;
        double C = f / 16.0 * c2a * (4.0 + f * (4.0 - 3.0 * c2a));
        double prev = lam;
        lam = L + (1.0 - C) * f * sa * (sig + C * ss * (c2sm + C * cs * (-1.0 + 2.0 * c2sm * c2sm)));
        if (fabs(lam - prev) < 1e-13)
            break;
    }
    *iterations = it + 1;
    /* a diverged solve (near-antipodal points) must not seed the next */
    *lam_offset = fabs(lam - L) < 0.1 ? lam - L : 0.0;
    trig_sincos(lam, &sl, &cl);
    geodesic_length(a, b, c2a, sig, ss, cs, c2sm, dist);
    *azi1 = trig_atan2_hinted(cU2 * sl, cU1 * sU2 - sU1 * cU2 * cl, &hint[1]);
    /* due south is +pi, as GeographicLib's atan2d gives it: its range is
     * (-pi, pi] (a pole's cos(lat) is not quite 0, so the sine's sign
     * follows the longitude's and atan2 says -pi west of the target) */
    if (*azi1 == -UNITS_PI)
        *azi1 = UNITS_PI;
}

void geodesic_inverse(double a, double b, double lat1, double lon1, double lat2, double lon2,
                      double *dist, double *azi1, double *lam_offset)
{
    double sU2, cU2;
    int iterations;
    trig_atan2_hint hint[2] = {0, 0};
    reduced_latitude((a - b) / a, lat2, &sU2, &cU2);
    inverse(a, b, lat1, lon1, sU2, cU2, lon2, dist, azi1, *lam_offset, lam_offset, &iterations, hint);
}

void geodesic_inverse_cached(double a, double b, double lat1, double lon1, double lat2, double lon2,
                             double *dist, double *azi1, geodesic_cache *c)
{
    /* the second point is usually fixed (a waypoint): its reduced latitude
     * is kept, the same bits as computing it again */
    if (!c->have_lat2 || memcmp(&c->lat2, &lat2, sizeof lat2) != 0 || c->a != a || c->b != b) {
        reduced_latitude((a - b) / a, lat2, &c->s2, &c->c2);
        c->lat2 = lat2;
        c->a = a;
        c->b = b;
        c->have_lat2 = 1;
        c->nsolved = 0;
    }
    /* The offset moves smoothly from frame to frame: its straight-line
     * extrapolation from the last two solves is within ~1e-16 of the next
     * answer where the last one alone is ~1e-10 off, which saves the
     * iteration two of its three passes (each a sine-cosine and an atan2).
     * The answer is the same converged solution (to 1e-13 in lambda). */
    double start = c->nsolved >= 2 ? 2.0 * c->lam_offset - c->lam_offset_prev : c->lam_offset;
    if (!(fabs(start) < 0.1))
        start = 0.0;
    double last = c->lam_offset;
    inverse(a, b, lat1, lon1, c->s2, c->c2, lon2, dist, azi1, start, &c->lam_offset, &c->iterations, c->hint);
    c->lam_offset_prev = last;
    c->nsolved = c->lam_offset == 0.0 ? 0 : (c->nsolved < 2 ? c->nsolved + 1 : 2);
}
