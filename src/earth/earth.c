/*
 * earth.c - WGS-84 ellipsoid with J2 gravitation, round Earth (rotating or
 * not) with inverse-square gravitation, and a flat Earth.  See earth.h for
 * frames and references.
 */
#include "earth/earth.h"

#include <math.h>

#include "math/units.h"
#include "math/trig.h"

saqr_earth_config saqr_earth_default(saqr_earth_kind kind)
{
    saqr_earth_config c = {0};
    c.kind = kind;
    c.semi_major_m = 6378137.0;          /* WGS-84 a                       */
    c.inv_flattening = 298.257223563;    /* WGS-84 1/f                     */
    c.gm_m3ps2 = 3.986004418e14;         /* WGS-84 GM (with atmosphere)    */
    c.j2 = 1.08262982e-3;                /* NASA TM-2015-218675 value      */
    c.rotation_radps = 7.292115e-5;      /* WGS-84 omega                   */
    c.round_radius_m = 20902254.5305 * M_PER_FT; /* TM-2015-218675 sphere  */
    c.flat_gravity_mps2 = G0_MPS2;
    return c;
}

static int positive(double x)
{
    return isfinite(x) && x > 0.0;
}

saqr_status earth_init(earth_model *e, const saqr_earth_config *cfg, saqr_err *err)
{
    if (!cfg)
        return err_set(err, SAQR_EINVAL, "earth: no configuration given");
    if ((unsigned)cfg->kind > (unsigned)SAQR_EARTH_FLAT)
        return err_set(err, SAQR_EINVAL, "earth: unknown kind %d", (int)cfg->kind);
    if (!positive(cfg->gm_m3ps2))
        return err_set(err, SAQR_EINVAL, "earth: gm_m3ps2 must be positive and finite");
    if (!isfinite(cfg->rotation_radps) || fabs(cfg->rotation_radps) > 1.0)
        return err_set(err, SAQR_EINVAL, "earth: rotation_radps out of range");
    if (!isfinite(cfg->flat_origin_lat_rad) || fabs(cfg->flat_origin_lat_rad) >= UNITS_PI / 2 ||
        !isfinite(cfg->flat_origin_lon_rad))
        return err_set(err, SAQR_EINVAL, "earth: flat_origin_lat/lon out of range");
    earth_model m = {0};
    m.cfg = *cfg;
    switch (cfg->kind) {
    case SAQR_EARTH_WGS84:
        if (!positive(cfg->semi_major_m))
            return err_set(err, SAQR_EINVAL, "earth: semi_major_m must be positive");
        if (!isfinite(cfg->inv_flattening) || !(cfg->inv_flattening > 1.0))
            return err_set(err, SAQR_EINVAL, "earth: inv_flattening must be > 1");
        if (!isfinite(cfg->j2) || fabs(cfg->j2) > 0.1)
            return err_set(err, SAQR_EINVAL, "earth: j2 out of range");
        m.a_m = cfg->semi_major_m;
        m.b_m = m.a_m * (1.0 - 1.0 / cfg->inv_flattening);
        m.e2 = 1.0 - (m.b_m * m.b_m) / (m.a_m * m.a_m);
        m.omega_radps = cfg->rotation_radps;
        break;
    case SAQR_EARTH_ROUND_ROTATING:
    case SAQR_EARTH_ROUND_FIXED:
        if (!positive(cfg->round_radius_m))
            return err_set(err, SAQR_EINVAL, "earth: round_radius_m must be positive");
        m.a_m = m.b_m = cfg->round_radius_m;
        m.omega_radps = cfg->kind == SAQR_EARTH_ROUND_ROTATING ? cfg->rotation_radps : 0.0;
        break;
    case SAQR_EARTH_FLAT:
        if (!positive(cfg->flat_gravity_mps2))
            return err_set(err, SAQR_EINVAL, "earth: flat_gravity_mps2 must be positive");
        if (!positive(cfg->semi_major_m))
            return err_set(err, SAQR_EINVAL, "earth: semi_major_m must be positive");
        m.a_m = m.b_m = cfg->semi_major_m; /* only to report lat/lon */
        break;
    }
    m.ec = m.b_m / m.a_m;
    m.ec2 = m.ec * m.ec;
    m.c_m = m.a_m * m.e2;
    *e = m;
    return SAQR_OK;
}

/* Both gravitations; `j2` non-zero adds the J2 term on the ellipsoid. */
static void gravitation(const earth_model *e, int j2, const double r[3], double g[3])
{
    if (e->cfg.kind == SAQR_EARTH_FLAT) {
        g[0] = 0.0;
        g[1] = 0.0;
        g[2] = e->cfg.flat_gravity_mps2;
        return;
    }
    double r2 = r[0] * r[0] + r[1] * r[1] + r[2] * r[2];
    double rn = sqrt(r2);
    if (!(rn > 1.0)) { /* at the centre: no defined direction */
        g[0] = g[1] = g[2] = 0.0;
        return;
    }
    double k = -e->cfg.gm_m3ps2 / (r2 * rn);
    if (!j2 || e->cfg.kind != SAQR_EARTH_WGS84) {
        g[0] = k * r[0];
        g[1] = k * r[1];
        g[2] = k * r[2];
        return;
    }
    /* J2 term: gradient of U = -GM/r [1 - J2 (a/r)^2 P2(z/r)]. */
    double j = 1.5 * e->cfg.j2 * (e->a_m * e->a_m) / r2;
    double zr2 = r[2] * r[2] / r2;
    g[0] = k * r[0] * (1.0 + j * (1.0 - 5.0 * zr2));
    g[1] = k * r[1] * (1.0 + j * (1.0 - 5.0 * zr2));
    g[2] = k * r[2] * (1.0 + j * (3.0 - 5.0 * zr2));
}

void earth_gravitation_ecef(const earth_model *e, const double r[3], double g[3])
{
    gravitation(e, 1, r, g);
}

void earth_gravitation_central_ecef(const earth_model *e, const double r[3], double g[3])
{
    gravitation(e, 0, r, g);
}

/* Fukushima's (2006) one Halley step from a guess that is exact on a
 * sphere, as JSBSim's FGLocation: accurate to rounding for any point above
 * the Earth's core, with no trigonometry.  (s1, c1) are unnormalised sine
 * and cosine of the geodetic latitude in the northern hemisphere (the sign
 * of z is applied by the callers); returns the altitude, or -a with s1 =
 * c1 = 0 at the centre.  `p` is hypot(x, y).  Shared by the full
 * conversion and the altitude-only one so that both give the same bits. */
static inline double halley_alt(const earth_model *e, double p, double z_signed, double *s1_out, double *c1_out)
{
    double a = e->a_m, ec = e->ec, ec2 = e->ec2, c = e->c_m;
    double z = fabs(z_signed);
    double s0 = z, c0 = ec * p;
    double a0_2 = s0 * s0 + c0 * c0, a0 = sqrt(a0_2), a0_3 = a0_2 * a0;
    double csc = c * c0 * s0;
    double b0 = 1.5 * csc * ((p * s0 - ec * z * c0) * a0 - csc);
    double s1 = (ec * z * a0_3 + c * s0 * s0 * s0) * a0_3 - b0 * s0;
    double c1 = ec * ((p * a0_3 - c * c0 * c0 * c0) * a0_3 - b0 * c0);
    *s1_out = s1;
    *c1_out = c1;
    if (s1 == 0.0 && c1 == 0.0) /* the centre */
        return -a;
    double norm = sqrt(s1 * s1 + c1 * c1);
    return (p * c1 + z * s1 - a * sqrt(ec2 * s1 * s1 + c1 * c1)) / norm;
}

void earth_geodetic_from_ecef(const earth_model *e, const double r[3], double *lat, double *lon,
                              double *alt)
{
    if (e->cfg.kind == SAQR_EARTH_FLAT) {
        double lat0 = e->cfg.flat_origin_lat_rad;
        *lat = lat0 + r[0] / e->a_m;
        *lon = e->cfg.flat_origin_lon_rad + r[1] / (e->a_m * trig_cos(lat0));
        *alt = -r[2];
        return;
    }
    double p = sqrt(r[0] * r[0] + r[1] * r[1]);
    *lon = trig_atan2(r[1], r[0]);
    if (e->e2 == 0.0) {
        *lat = trig_atan2(r[2], p);
        *alt = sqrt(p * p + r[2] * r[2]) - e->a_m;
        return;
    }
    double s1, c1;
    *alt = halley_alt(e, p, r[2], &s1, &c1);
    *lat = s1 == 0.0 && c1 == 0.0 ? 0.0 : copysign(trig_atan2(s1, c1), r[2]);
}

double earth_geodetic_alt(const earth_model *e, const double r[3])
{
    if (e->cfg.kind == SAQR_EARTH_FLAT)
        return -r[2];
    double p = sqrt(r[0] * r[0] + r[1] * r[1]);
    if (e->e2 == 0.0)
        return sqrt(p * p + r[2] * r[2]) - e->a_m;
    double s1, c1;
    return halley_alt(e, p, r[2], &s1, &c1);
}

/* The sines and cosines of latitude and longitude of an ellipsoid point
 * straight from the conversion's unnormalised ones (Halley's (s1, c1) and
 * (x, y) / p), as JSBSim's FGLocation does for its transformation
 * matrices: no trigonometry.  Returns the altitude; WGS-84 only. */
typedef struct geo_trig {
    double sl, cl, so, co;  /* sin, cos of latitude and longitude          */
    double s1, c1, p;       /* Halley's unnormalised sine, cosine; hypot(x, y) */
} geo_trig;

static double halley_trig(const earth_model *e, const double r[3], geo_trig *g)
{
    g->p = sqrt(r[0] * r[0] + r[1] * r[1]);
    double alt = halley_alt(e, g->p, r[2], &g->s1, &g->c1);
    double norm = sqrt(g->s1 * g->s1 + g->c1 * g->c1);
    g->cl = norm > 0.0 ? g->c1 / norm : 1.0;
    g->sl = norm > 0.0 ? copysign(g->s1 / norm, r[2]) : 0.0;
    g->co = g->p > 0.0 ? r[0] / g->p : 1.0;
    g->so = g->p > 0.0 ? r[1] / g->p : 0.0;
    return alt;
}

/* C_ned_ecef from the sines and cosines of latitude and longitude
 * (Stevens & Lewis eq. 1.4-13). */
static void ned_from_ecef_trig(double sl, double cl, double so, double co, double c[3][3])
{
    c[0][0] = -sl * co; c[0][1] = -sl * so; c[0][2] = cl;
    c[1][0] = -so;      c[1][1] = co;       c[1][2] = 0.0;
    c[2][0] = -cl * co; c[2][1] = -cl * so; c[2][2] = -sl;
}

double earth_geodetic_alt_up(const earth_model *e, const double r[3], double up_ecef[3])
{
    if (e->cfg.kind != SAQR_EARTH_WGS84 || e->e2 == 0.0) {
        double lat, lon, alt;
        earth_geodetic_from_ecef(e, r, &lat, &lon, &alt);
        up_ecef[0] = trig_cos(lat) * trig_cos(lon);
        up_ecef[1] = trig_cos(lat) * trig_sin(lon);
        up_ecef[2] = trig_sin(lat);
        return alt;
    }
    geo_trig g;
    double alt = halley_trig(e, r, &g);
    up_ecef[0] = g.cl * g.co;
    up_ecef[1] = g.cl * g.so;
    up_ecef[2] = g.sl;
    return alt;
}

void earth_inverse_radii(const earth_model *e, double sin_lat, double alt_m, double inv_radius_m[2])
{
    if (e->cfg.kind == SAQR_EARTH_FLAT) {
        inv_radius_m[0] = inv_radius_m[1] = 0.0;
        return;
    }
    double w2 = 1.0 - e->e2 * sin_lat * sin_lat;
    double n = e->a_m / sqrt(w2);      /* prime vertical */
    double m = n * (1.0 - e->e2) / w2; /* meridian */
    inv_radius_m[0] = 1.0 / (m + alt_m);
    inv_radius_m[1] = 1.0 / (n + alt_m);
}

double earth_offset_alt_up(const double inv_radius_m[2], double alt_m, const double d_ned_m[3],
                           double up_ned[3])
{
    /* the angles the up turns through: north about east, east about north */
    double dn = d_ned_m[0] * inv_radius_m[0], de = d_ned_m[1] * inv_radius_m[1];
    up_ned[0] = dn;
    up_ned[1] = de;
    up_ned[2] = -1.0 + 0.5 * (dn * dn + de * de);
    return alt_m - d_ned_m[2] + 0.5 * (d_ned_m[0] * dn + d_ned_m[1] * de);
}

void earth_geodetic_frame_hinted(const earth_model *e, const double r[3], double *lat, double *lon, double *alt,
                                 double c[3][3], trig_atan2_hint hint[2])
{
    if (e->cfg.kind != SAQR_EARTH_WGS84 || e->e2 == 0.0) {
        earth_geodetic_from_ecef(e, r, lat, lon, alt);
        earth_dcm_ned_from_ecef(e, *lat, *lon, c);
        return;
    }
    /* as JSBSim's FGLocation::ComputeDerivedUnconditional */
    geo_trig g;
    *alt = halley_trig(e, r, &g);
    *lon = g.p > 0.0 ? trig_atan2_hinted(r[1], r[0], &hint[0]) : 0.0;
    *lat = (g.s1 != 0.0 || g.c1 != 0.0) ? copysign(trig_atan2_hinted(g.s1, g.c1, &hint[1]), r[2]) : 0.0;
    ned_from_ecef_trig(g.sl, g.cl, g.so, g.co, c);
}

void earth_geodetic_frame(const earth_model *e, const double r[3], double *lat, double *lon, double *alt,
                          double c[3][3])
{
    trig_atan2_hint hint[2] = {0, 0};
    earth_geodetic_frame_hinted(e, r, lat, lon, alt, c, hint);
}

void earth_ecef_from_geodetic(const earth_model *e, double lat, double lon, double alt, double r[3])
{
    if (e->cfg.kind == SAQR_EARTH_FLAT) {
        double lat0 = e->cfg.flat_origin_lat_rad;
        r[0] = (lat - lat0) * e->a_m;
        r[1] = (lon - e->cfg.flat_origin_lon_rad) * e->a_m * trig_cos(lat0);
        r[2] = -alt;
        return;
    }
    double s, c;
    trig_sincos(lat, &s, &c);
    double n = e->a_m / sqrt(1.0 - e->e2 * s * s);
    r[0] = (n + alt) * c * trig_cos(lon);
    r[1] = (n + alt) * c * trig_sin(lon);
    r[2] = (n * (1.0 - e->e2) + alt) * s;
}

void earth_dcm_ned_from_ecef(const earth_model *e, double lat, double lon, double c[3][3])
{
    if (e->cfg.kind == SAQR_EARTH_FLAT) {
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                c[i][j] = i == j ? 1.0 : 0.0;
        return;
    }
    ned_from_ecef_trig(trig_sin(lat), trig_cos(lat), trig_sin(lon), trig_cos(lon), c);
}

void earth_dcm_ecef_from_eci(const earth_model *e, double t_s, double c[3][3])
{
    double th = e->omega_radps * t_s;
    double s, k;
    trig_sincos(th, &s, &k);
    c[0][0] = k;   c[0][1] = s;   c[0][2] = 0.0;
    c[1][0] = -s;  c[1][1] = k;   c[1][2] = 0.0;
    c[2][0] = 0.0; c[2][1] = 0.0; c[2][2] = 1.0;
}
