/*
 * us1976.c - U.S. Standard Atmosphere 1976 up to 86 km (see us1976.h).
 *
 * Constants from NOAA-S/T 76-1562 Part 1: R* = 8.31432 J/(mol K),
 * M0 = 28.9644 kg/kmol, g0 = 9.80665 m/s^2, r0 = 6,356,766 m, gamma = 1.4,
 * sea level 288.15 K and 101,325 Pa.  Layer base pressures are computed
 * from the hydrostatic equation rather than copied from table 4, so the
 * profile is continuous to rounding.  The seventh layer ends at 84,852 m'
 * (table 4), 0.05 m' below 86 km geometric: from there up the profile
 * stays that of the layer's top (186.946 K, as JSBSim's table keeps it).
 */
#include "atmos/us1976.h"

#include <math.h>

#define R_STAR 8.31432          /* J/(mol K), universal gas constant (1976) */
#define M0 28.9644e-3           /* kg/mol, sea-level mean molecular weight  */
#define G0 9.80665              /* m/s^2                                    */
#define R0_M 6356766.0          /* m, effective Earth radius for H          */
#define GAMMA 1.4
#define R_AIR (R_STAR / M0)     /* 287.05287 J/(kg K)                       */

/* Layer bases in geopotential metres and temperature gradients (K/m'). */
static const double base_h[8] = {0.0, 11000.0, 20000.0, 32000.0, 47000.0, 51000.0, 71000.0,
                                 84852.0};
static const double lapse[7] = {-0.0065, 0.0, 0.001, 0.0028, 0.0, -0.0028, -0.002};

double us1976_geopotential_m(double alt_m)
{
    return R0_M * alt_m / (R0_M + alt_m);
}

/* The geopotential height of an altitude already clamped to the model's
 * range, no higher than the top of the seventh layer. */
static double layer_height_m(double alt_m)
{
    const double h = us1976_geopotential_m(alt_m);
    return h < base_h[7] ? h : base_h[7]; /* not fmin: a call into libm */
}

/* Pressure at height h within layer i whose base has T_b and P_b. */
static double layer_pressure(int i, double t_b, double p_b, double h)
{
    double dh = h - base_h[i];
    if (lapse[i] == 0.0)
        return p_b * exp(-G0 * M0 * dh / (R_STAR * t_b));
    return p_b * pow(t_b / (t_b + lapse[i] * dh), G0 * M0 / (R_STAR * lapse[i]));
}

double us1976_temperature_k(double alt_m)
{
    if (isnan(alt_m))
        alt_m = 0.0;
    else if (alt_m < US1976_MIN_ALT_M)
        alt_m = US1976_MIN_ALT_M;
    else if (alt_m > US1976_MAX_ALT_M)
        alt_m = US1976_MAX_ALT_M;
    double h = layer_height_m(alt_m);
    double t_b = 288.15;
    int i = 0;
    while (i < 6 && h > base_h[i + 1]) {
        t_b = t_b + lapse[i] * (base_h[i + 1] - base_h[i]);
        i++;
    }
    return t_b + lapse[i] * (h - base_h[i]);
}

int us1976(double alt_m, atmos_state *out)
{
    int clamped = 0;
    if (isnan(alt_m)) {
        alt_m = 0.0;
        clamped = 1;
    } else if (alt_m < US1976_MIN_ALT_M) {
        alt_m = US1976_MIN_ALT_M;
        clamped = 1;
    } else if (alt_m > US1976_MAX_ALT_M) {
        alt_m = US1976_MAX_ALT_M;
        clamped = 1;
    }
    double h = layer_height_m(alt_m);
    double t_b = 288.15, p_b = 101325.0;
    int i = 0;
    /* Walk up the layers, carrying base temperature and pressure. */
    while (i < 6 && h > base_h[i + 1]) {
        double t_top = t_b + lapse[i] * (base_h[i + 1] - base_h[i]);
        p_b = layer_pressure(i, t_b, p_b, base_h[i + 1]);
        t_b = t_top;
        i++;
    }
    double t = t_b + lapse[i] * (h - base_h[i]);
    out->temperature_k = t;
    out->pressure_pa = layer_pressure(i, t_b, p_b, h);
    out->density_kgpm3 = out->pressure_pa / (R_AIR * t);
    out->sound_speed_mps = sqrt(GAMMA * R_AIR * t);
    return clamped;
}
