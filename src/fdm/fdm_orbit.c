/*
 * fdm_orbit.c - the classical orbital elements of the state (see
 * fdm_orbit.h), and the sea-level radius under the vehicle, as JSBSim
 * computes them: the specific angular momentum
 * h = r x v, inclination from its z component, right ascension of the
 * ascending node from the node vector z x h, the eccentricity vector
 * v x h / GM - r/|r|, argument of perigee and true anomaly from it (with
 * JSBSim's conventions for circular and equatorial orbits), apoapsis and
 * periapsis radii h^2 / (GM (1 -+ e)) and the period of the ellipse.
 * References: D. A. Vallado, "Fundamentals of Astrodynamics and
 * Applications", 4th ed., algorithm 9 (RV2COE); JSBSim src/models/
 * FGPropagate.cpp (ComputeOrbitalParameters), src/math/FGLocation.cpp
 * (GetSeaLevelRadius).
 */
#include "fdm/fdm_orbit.h"

#include <math.h>
#include <string.h>

#include "math/trig.h"
#include "math/units.h"
#include "math/vec3.h"

enum {
    H, INCLINATION, RIGHT_ASCENSION, ECCENTRICITY, PERIGEE, TRUE_ANOMALY, APOAPSIS, PERIAPSIS, PERIOD,
    SEA_LEVEL_RADIUS, /* not an orbital element: inertial/sea-level-radius_ft */
    COUNT
};
_Static_assert(COUNT == FDM_ORBIT_COUNT, "fdm_orbit.h counts the elements");

int fdm_orbit_slots(const fdm_slots *s, int slots[FDM_ORBIT_COUNT])
{
    const int all[COUNT] = {s->orbit_h_ft2ps,       s->orbit_inclination_deg, s->orbit_raan_deg,
                            s->orbit_eccentricity,  s->orbit_perigee_deg,     s->orbit_true_anomaly_deg,
                            s->orbit_apoapsis_ft,   s->orbit_periapsis_ft,    s->orbit_period_s,
                            s->sea_level_radius_ft};
    memcpy(slots, all, sizeof all);
    return COUNT;
}

static double clamp_unit(double x)
{
    return x < -1.0 ? -1.0 : (x > 1.0 ? 1.0 : x);
}

/* All the elements, SI (m, m^2/s, rad, s). */
static void elements(const saqr_fdm *f, double out[COUNT])
{
    const double *r = f->x.pos_eci_m, *v = f->x.vel_eci_mps;
    const double gm = f->earth.cfg.gm_m3ps2;
    double hv[3], node[3] = {1.0, 0.0, 0.0}, e[3], ru[3];
    vec3_cross(hv, r, v);
    double h = vec3_norm(hv);
    double incl = h > 0.0 ? acos(clamp_unit(hv[2] / h)) : 0.0;
    double raan = 0.0, perigee = 0.0;
    if (fabs(incl) > 1e-8 * RAD_PER_DEG) {
        const double z[3] = {0.0, 0.0, 1.0};
        vec3_cross(node, z, hv);
        raan = trig_atan2(node[1], node[0]);
        double n = vec3_norm(node);
        if (n > 0.0)
            vec3_scale(node, 1.0 / n, node);
    }
    double rn = vec3_norm(r);
    vec3_scale(ru, rn > 0.0 ? 1.0 / rn : 0.0, r);
    double vr = vec3_dot(ru, v);
    vec3_cross(e, v, hv);
    for (int i = 0; i < 3; i++)
        e[i] = e[i] / gm - ru[i];
    double ecc = vec3_norm(e);
    if (ecc > 1e-8) {
        vec3_scale(e, 1.0 / ecc, e);
        if (fabs(incl) > 1e-8 * RAD_PER_DEG) {
            perigee = acos(clamp_unit(vec3_dot(node, e)));
            if (e[2] < 0.0)
                perigee = 2.0 * UNITS_PI - perigee;
        }
    } else {
        vec3_set(e, 1.0, 0.0, 0.0);
    }
    double nu = acos(clamp_unit(vec3_dot(e, ru)));
    if (vr < 0.0)
        nu = 2.0 * UNITS_PI - nu;
    double apo = h * h / (gm * (1.0 - ecc)), peri = h * h / (gm * (1.0 + ecc));
    double period = 0.0;
    if (ecc < 1.0) {
        double a = 0.5 * (apo + peri);
        period = 2.0 * UNITS_PI * a * sqrt(a) / sqrt(gm);
    }
    out[H] = h;
    out[INCLINATION] = incl;
    out[RIGHT_ASCENSION] = raan;
    out[ECCENTRICITY] = ecc;
    out[PERIGEE] = perigee;
    out[TRUE_ANOMALY] = nu;
    out[APOAPSIS] = apo;
    out[PERIAPSIS] = peri;
    out[PERIOD] = period;
    /* the ellipsoid's radius under the vehicle, at its geocentric latitude
     * (FGLocation::GetSeaLevelRadius, a (b/a) / sqrt(1 - e^2 cos^2 lat));
     * the Earth turns about z, so x^2 + y^2 is the same in ECI and ECEF */
    double rxy2 = r[0] * r[0] + r[1] * r[1];
    double cos2 = rn > 0.0 ? rxy2 / (rn * rn) : 1.0;
    out[SEA_LEVEL_RADIUS] = f->earth.b_m / sqrt(1.0 - f->earth.e2 * cos2);
}

/* SI to the property's unit. */
static double to_property(int which, double x)
{
    switch (which) {
    case H: return x / (M_PER_FT * M_PER_FT);
    case APOAPSIS:
    case PERIAPSIS:
    case SEA_LEVEL_RADIUS: return x / M_PER_FT;
    case ECCENTRICITY:
    case PERIOD: return x;
    default: return x * DEG_PER_RAD;
    }
}

void fdm_orbit_values(const saqr_fdm *f, double out[FDM_ORBIT_COUNT])
{
    double e[COUNT];
    elements(f, e);
    for (int k = 0; k < COUNT; k++)
        out[k] = to_property(k, e[k]);
}
