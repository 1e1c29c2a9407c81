/*
 * geodesic_ref.h - an independent reference for tests of positions on the
 * Earth: the WGS-84 geodesic by Vincenty's inverse formula, in long
 * double (nothing of Saqr's plane chart or trigonometry).
 */
#ifndef SAQR_TEST_GEODESIC_REF_H
#define SAQR_TEST_GEODESIC_REF_H

#include <math.h>

#define PI_L 3.141592653589793238462643383279502884L

/* Vincenty (1975), "Direct and inverse solutions of geodesics on the
 * ellipsoid", the inverse problem on WGS-84: distance (nm) and the
 * forward azimuths at both ends (deg). */
static inline void vincenty(double lat1, double lon1, double lat2, double lon2, double *dist_nm, double *az1_deg,
                     double *az2_deg)
{
    const long double a = 6378137.0L, f = 1.0L / 298.257223563L, b = a * (1.0L - f), rad = PI_L / 180.0L;
    long double L = (lon2 - lon1) * rad;
    long double U1 = atanl((1.0L - f) * tanl(lat1 * rad)), U2 = atanl((1.0L - f) * tanl(lat2 * rad));
    long double sU1 = sinl(U1), cU1 = cosl(U1), sU2 = sinl(U2), cU2 = cosl(U2);
    long double lam = L, sig = 0, ss = 0, cs = 0, c2a = 0, c2sm = 0;
    for (int i = 0; i < 200; i++) {
        long double sl = sinl(lam), cl = cosl(lam);
        ss = sqrtl((cU2 * sl) * (cU2 * sl) + (cU1 * sU2 - sU1 * cU2 * cl) * (cU1 * sU2 - sU1 * cU2 * cl));
        cs = sU1 * sU2 + cU1 * cU2 * cl;
        sig = atan2l(ss, cs);
        long double sa = cU1 * cU2 * sl / ss;
        c2a = 1.0L - sa * sa;
        c2sm = cs - 2.0L * sU1 * sU2 / c2a;
        long double C = f / 16.0L * c2a * (4.0L + f * (4.0L - 3.0L * c2a));
        long double prev = lam;
        lam = L + (1.0L - C) * f * sa * (sig + C * ss * (c2sm + C * cs * (-1.0L + 2.0L * c2sm * c2sm)));
        if (fabsl(lam - prev) < 1e-15L)
            break;
    }
    long double u2 = c2a * (a * a - b * b) / (b * b);
    long double A = 1.0L + u2 / 16384.0L * (4096.0L + u2 * (-768.0L + u2 * (320.0L - 175.0L * u2)));
    long double B = u2 / 1024.0L * (256.0L + u2 * (-128.0L + u2 * (74.0L - 47.0L * u2)));
    long double ds = B * ss * (c2sm + B / 4.0L * (cs * (-1.0L + 2.0L * c2sm * c2sm) -
                                                 B / 6.0L * c2sm * (-3.0L + 4.0L * ss * ss) *
                                                     (-3.0L + 4.0L * c2sm * c2sm)));
    *dist_nm = (double)(b * A * (sig - ds) / 1852.0L);
    long double sl = sinl(lam), cl = cosl(lam);
    *az1_deg = (double)(atan2l(cU2 * sl, cU1 * sU2 - sU1 * cU2 * cl) / rad);
    *az2_deg = (double)(atan2l(cU1 * sl, -sU1 * cU2 + cU1 * sU2 * cl) / rad);
}

static inline double wrap180(double d)
{
    d = fmod(d, 360.0);
    return d >= 180.0 ? d - 360.0 : d < -180.0 ? d + 360.0 : d;
}

#endif
