/*
 * ic_model.c - the consistent initial-condition state and its setters.
 *
 * The state is the one JSBSim's FGInitialCondition keeps since its 2010
 * revision: position (an ECEF point), attitude (Euler angles), the
 * Earth-relative velocity in NED axes, the true airspeed magnitude and the
 * wind-to-body matrix (alpha, beta).  The air-relative velocity is
 * Tb2l * Tw2b * (vt, 0, 0); the wind is what separates it from the
 * Earth-relative velocity.  Each setter changes what it names and keeps a
 * documented set of other quantities, so the order in which a file or a
 * script gives values matters exactly as it does in JSBSim.
 *
 * Airspeeds convert with the U.S. 1976 standard atmosphere and the
 * compressible pitot relations of JSBSim's FGAuxiliary (isentropic below
 * Mach 1, Rayleigh pitot formula above; inverse after AFFTC-TIH-99-01
 * sections 4.6-4.8).
 * References: JSBSim src/initialization/FGInitialCondition.cpp,
 * src/models/FGAuxiliary.cpp, src/math/FGLocation.cpp,
 * src/models/FGInertial.cpp; Stevens & Lewis, "Aircraft Control and
 * Simulation", 3rd ed., section 1.6 (geodetic/geocentric latitude).
 */
#include "fdm/ic_model.h"

#include <math.h>
#include <string.h>

#include "atmos/pitot.h"
#include "atmos/us1976.h"
#include "math/quat.h"
#include "math/units.h"
#include "math/vec3.h"
#include "math/trig.h"

/* Sea-level constants JSBSim's FGAtmosphere uses for calibrated airspeed:
 * p0 = 2116.228 psf, a0 = sqrt(1.4 R T0) with R = R* / M_air. */
#define SL_PRESSURE_PA (2116.228 * PA_PER_PSF)
#define SL_TEMPERATURE_K 288.15
#define R_AIR (8314.32 / 28.9645)
#define GAMMA_AIR 1.4

/* Altitude tolerance of JSBSim's AGL iteration: 1e-10 ft. */
#define AGL_TOL_M (1e-10 * M_PER_FT)

/* ------------------------------------------------------------ air data */

static double sl_sound_speed_mps(void)
{
    return sqrt(GAMMA_AIR * R_AIR * SL_TEMPERATURE_K);
}

double icm_vcas_from_mach(double mach, double pressure_pa)
{
    double qc = pitot_total_pressure(mach, pressure_pa) - pressure_pa;
    return sl_sound_speed_mps() * pitot_mach_from_impact_pressure(qc, SL_PRESSURE_PA);
}

double icm_mach_from_vcas(double vcas_mps, double pressure_pa)
{
    double qc = pitot_total_pressure(vcas_mps / sl_sound_speed_mps(), SL_PRESSURE_PA) - SL_PRESSURE_PA;
    return pitot_mach_from_impact_pressure(qc, pressure_pa);
}

static double sl_density(void)
{
    atmos_state sl;
    us1976(0.0, &sl);
    return sl.density_kgpm3;
}

/* ------------------------------------------------------------ geometry */

/* Sets the attitude as a quaternion round trip would leave it: phi in
 * (-pi, pi], theta in [-pi/2, pi/2], psi in [0, 2 pi). */
static void set_attitude(ic_model *m, const double e[3])
{
    double c[3][3];
    dcm_from_euler(e, c);
    double s = -c[0][2];
    s = s > 1.0 ? 1.0 : (s < -1.0 ? -1.0 : s);
    m->euler_rad[0] = trig_atan2(c[1][2], c[2][2]);
    m->euler_rad[1] = asin(s);
    double psi = trig_atan2(c[0][1], c[0][0]);
    if (psi < 0.0)
        psi += 2.0 * UNITS_PI;
    m->euler_rad[2] = psi;
}

static void wind_matrix(ic_model *m, double ca, double sa, double cb, double sb)
{
    double (*w)[3] = m->c_body_wind;
    w[0][0] = ca * cb;
    w[0][1] = -ca * sb;
    w[0][2] = -sa;
    w[1][0] = sb;
    w[1][1] = cb;
    w[1][2] = 0.0;
    w[2][0] = sa * cb;
    w[2][1] = -sa * sb;
    w[2][2] = ca;
}

/* ------------------------------------------------------------ position */

static double radius_m(const ic_model *m)
{
    return vec3_norm(m->r_ecef_m);
}

double icm_lat_gc_rad(const ic_model *m)
{
    const double *r = m->r_ecef_m;
    return trig_atan2(r[2], hypot(r[0], r[1]));
}

double icm_lon_rad(const ic_model *m)
{
    return trig_atan2(m->r_ecef_m[1], m->r_ecef_m[0]);
}

static void set_gc(ic_model *m, double lat_gc, double lon, double radius)
{
    m->r_ecef_m[0] = radius * trig_cos(lat_gc) * trig_cos(lon);
    m->r_ecef_m[1] = radius * trig_cos(lat_gc) * trig_sin(lon);
    m->r_ecef_m[2] = radius * trig_sin(lat_gc);
}

/* Radius of the ellipsoid at the geocentric latitude of the position. */
static double sea_level_radius_m(const ic_model *m)
{
    double c = trig_cos(icm_lat_gc_rad(m));
    return m->earth.b_m / sqrt(1.0 - m->earth.e2 * c * c);
}

double icm_alt_asl_m(const ic_model *m)
{
    return radius_m(m) - sea_level_radius_m(m);
}

double icm_lat_geod_rad(const ic_model *m)
{
    double lat, lon, alt;
    earth_geodetic_from_ecef(&m->earth, m->r_ecef_m, &lat, &lon, &alt);
    return lat;
}

double icm_geod_alt_m(const ic_model *m)
{
    double lat, lon, alt;
    earth_geodetic_from_ecef(&m->earth, m->r_ecef_m, &lat, &lon, &alt);
    return alt;
}

double icm_alt_agl_m(const ic_model *m)
{
    return icm_geod_alt_m(m) - m->terrain_elev_m;
}

static void set_geodetic(ic_model *m, double lon, double lat_geod, double alt)
{
    earth_ecef_from_geodetic(&m->earth, lat_geod, lon, alt, m->r_ecef_m);
}

/* ------------------------------------------------------------ velocity */

void icm_vt_ned(const ic_model *m, double out[3])
{
    double c[3][3], vb[3], air_body[3] = {m->vt_mps, 0.0, 0.0};
    dcm_from_euler(m->euler_rad, c);
    mat3_mul_vec(m->c_body_wind, air_body, vb);
    mat3_tmul_vec(c, vb, out);
}

void icm_wind_ned(const ic_model *m, double out[3])
{
    double vt[3];
    icm_vt_ned(m, vt);
    vec3_sub(out, vt, m->vel_ned_mps);
}

void icm_body_vel(const ic_model *m, double uvw[3])
{
    double c[3][3];
    dcm_from_euler(m->euler_rad, c);
    mat3_mul_vec(c, m->vel_ned_mps, uvw);
}

void icm_body_wind(const ic_model *m, double out[3])
{
    double vt_body[3], uvw[3], air[3] = {m->vt_mps, 0.0, 0.0};
    mat3_mul_vec(m->c_body_wind, air, vt_body);
    icm_body_vel(m, uvw);
    vec3_sub(out, vt_body, uvw);
}

double icm_climb_rate_mps(const ic_model *m)
{
    double vt[3];
    icm_vt_ned(m, vt);
    return -vt[2];
}

double icm_gamma_rad(const ic_model *m)
{
    return m->vt_mps == 0.0 ? 0.0 : asin(icm_climb_rate_mps(m) / m->vt_mps);
}

double icm_vground_mps(const ic_model *m)
{
    return hypot(m->vel_ned_mps[0], m->vel_ned_mps[1]);
}

static void atmos_at(double alt_m, atmos_state *a)
{
    us1976(alt_m, a);
}

double icm_mach(const ic_model *m)
{
    atmos_state a;
    atmos_at(icm_alt_asl_m(m), &a);
    return m->vt_mps / a.sound_speed_mps;
}

double icm_vcas_mps(const ic_model *m)
{
    atmos_state a;
    atmos_at(icm_alt_asl_m(m), &a);
    return icm_vcas_from_mach(m->vt_mps / a.sound_speed_mps, a.pressure_pa);
}

double icm_veas_mps(const ic_model *m)
{
    atmos_state a;
    atmos_at(icm_alt_asl_m(m), &a);
    return m->vt_mps * sqrt(a.density_kgpm3 / sl_density());
}

/* alpha, beta and Tw2b from an air-relative velocity (NED). */
static void calc_aero_angles(ic_model *m, const double vt_ned[3])
{
    double c[3][3], vb[3];
    dcm_from_euler(m->euler_rad, c);
    mat3_mul_vec(c, vt_ned, vb);
    double ua = vb[0], va = vb[1], wa = vb[2];
    double uwa = sqrt(ua * ua + wa * wa);
    double ca = 1.0, sa = 0.0, cb = 1.0, sb = 0.0;
    m->alpha_rad = m->beta_rad = 0.0;
    if (wa != 0.0)
        m->alpha_rad = trig_atan2(wa, ua);
    if (va != 0.0)
        m->beta_rad = trig_atan2(va, uwa);
    if (uwa != 0.0) {
        ca = ua / uwa;
        sa = wa / uwa;
    }
    if (m->vt_mps != 0.0) {
        cb = uwa / m->vt_mps;
        sb = va / m->vt_mps;
    }
    wind_matrix(m, ca, sa, cb, sb);
}

void icm_init(ic_model *m)
{
    memset(m, 0, sizeof *m);
    saqr_earth_config cfg = saqr_earth_default(SAQR_EARTH_WGS84);
    (void)earth_init(&m->earth, &cfg, NULL);
    set_geodetic(m, 0.0, 0.0, 0.0);
    wind_matrix(m, 1.0, 0.0, 1.0, 0.0);
    m->target_nlf = 1.0;
    m->last_speed = IC_SET_VT;
    m->last_alt = IC_SET_ASL;
    m->last_lat = IC_SET_GEOC;
    m->trim_request = IC_TRIM_NONE;
}

/* Changes the airspeed magnitude keeping its direction (and the wind). */
void icm_set_vt(ic_model *m, double vtrue)
{
    double vt_ned[3], wind[3];
    icm_vt_ned(m, vt_ned);
    vec3_sub(wind, vt_ned, m->vel_ned_mps);
    if (m->vt_mps > 0.1 * M_PER_FT) {
        vec3_scale(vt_ned, vtrue / m->vt_mps, vt_ned);
    } else {
        double c[3][3], vb[3], air[3] = {vtrue, 0.0, 0.0};
        dcm_from_euler(m->euler_rad, c);
        mat3_mul_vec(m->c_body_wind, air, vb);
        mat3_tmul_vec(c, vb, vt_ned);
    }
    m->vt_mps = vtrue;
    vec3_sub(m->vel_ned_mps, vt_ned, wind);
    calc_aero_angles(m, vt_ned);
    m->last_speed = IC_SET_VT;
}

void icm_set_vcas(ic_model *m, double vcas)
{
    atmos_state a;
    atmos_at(icm_alt_asl_m(m), &a);
    double mach = icm_mach_from_vcas(fabs(vcas), a.pressure_pa);
    icm_set_vt(m, mach * a.sound_speed_mps);
    m->last_speed = IC_SET_VC;
}

void icm_set_veas(ic_model *m, double veas)
{
    atmos_state a;
    atmos_at(icm_alt_asl_m(m), &a);
    icm_set_vt(m, veas * sqrt(sl_density() / a.density_kgpm3));
    m->last_speed = IC_SET_VE;
}

void icm_set_mach(ic_model *m, double mach)
{
    atmos_state a;
    atmos_at(icm_alt_asl_m(m), &a);
    icm_set_vt(m, mach * a.sound_speed_mps);
    m->last_speed = IC_SET_MACH;
}

/* Ground speed along the heading, vertical speed zero, wind kept. */
void icm_set_vground(ic_model *m, double vg)
{
    double vt_ned[3], wind[3];
    icm_vt_ned(m, vt_ned);
    vec3_sub(wind, vt_ned, m->vel_ned_mps);
    m->vel_ned_mps[0] = vg * trig_cos(m->euler_rad[2]);
    m->vel_ned_mps[1] = vg * trig_sin(m->euler_rad[2]);
    m->vel_ned_mps[2] = 0.0;
    vec3_add(vt_ned, m->vel_ned_mps, wind);
    m->vt_mps = vec3_norm(vt_ned);
    calc_aero_angles(m, vt_ned);
    m->last_speed = IC_SET_VG;
}

void icm_set_body_vel(ic_model *m, int axis, double vel)
{
    double c[3][3], vt_ned[3], wind[3], uvw[3];
    dcm_from_euler(m->euler_rad, c);
    icm_vt_ned(m, vt_ned);
    mat3_mul_vec(c, m->vel_ned_mps, uvw);
    vec3_sub(wind, vt_ned, m->vel_ned_mps);
    uvw[axis] = vel;
    mat3_tmul_vec(c, uvw, m->vel_ned_mps);
    vec3_add(vt_ned, m->vel_ned_mps, wind);
    m->vt_mps = vec3_norm(vt_ned);
    calc_aero_angles(m, vt_ned);
    m->last_speed = IC_SET_UVW;
}

void icm_set_ned_vel(ic_model *m, int axis, double vel)
{
    double vt_ned[3], wind[3];
    icm_vt_ned(m, vt_ned);
    vec3_sub(wind, vt_ned, m->vel_ned_mps);
    m->vel_ned_mps[axis] = vel;
    vec3_add(vt_ned, m->vel_ned_mps, wind);
    m->vt_mps = vec3_norm(vt_ned);
    calc_aero_angles(m, vt_ned);
    m->last_speed = IC_SET_NED;
}

/* New alpha: theta (and beta when banked) change so that the airspeed
 * magnitude, climb rate and heading stay.  -1 when no theta reaches it. */
static int calc_theta_beta(ic_model *m, double alfa, const double vt_ned[3])
{
    double ca = trig_cos(alfa), sa = trig_sin(alfa);
    double cpsi = trig_cos(m->euler_rad[2]), spsi = trig_sin(m->euler_rad[2]);
    double cphi = trig_cos(m->euler_rad[0]), sphi = trig_sin(m->euler_rad[0]);
    /* airspeed in the heading frame */
    double v0[3] = {cpsi * vt_ned[0] + spsi * vt_ned[1], -spsi * vt_ned[0] + cpsi * vt_ned[1],
                    vt_ned[2]};
    /* n = (Talpha Tphi)^T z: the wind-axes z seen in the heading frame */
    double n[3] = {-sa, -ca * sphi, ca * cphi};
    double y[3] = {0.0, 1.0, 0.0}, u[3], p[3];
    vec3_axpy(u, y, -vec3_dot(y, n), n);
    vec3_cross(p, y, n);
    if (vec3_dot(p, v0) < 0.0)
        vec3_scale(p, -1.0, p);
    vec3_normalize(p);
    vec3_scale(u, vec3_dot(v0, y) / vec3_dot(u, y), u);
    double v0v0 = vec3_dot(v0, v0), uu = vec3_dot(u, u);
    if (v0v0 < uu)
        return -1;
    double v1[3];
    vec3_axpy(v1, u, sqrt(v0v0 - uu), p);
    double v0xz[3] = {v0[0], 0.0, v0[2]}, v1xz[3] = {v1[0], 0.0, v1[2]}, x[3];
    vec3_normalize(v0xz);
    vec3_normalize(v1xz);
    vec3_cross(x, v1xz, v0xz);
    double e[3] = {m->euler_rad[0], asin(x[1]), m->euler_rad[2]};
    set_attitude(m, e);

    double c[3][3], vb[3];
    dcm_from_euler(m->euler_rad, c);
    mat3_mul_vec(c, vt_ned, vb);
    /* v2 = Talpha * vb */
    double v2[3] = {ca * vb[0] + sa * vb[2], vb[1], -sa * vb[0] + ca * vb[2]};
    m->alpha_rad = alfa;
    m->beta_rad = trig_atan2(v2[1], v2[0]);
    double cb = 1.0, sb = 0.0;
    if (m->vt_mps != 0.0) {
        cb = v2[0] / m->vt_mps;
        sb = v2[1] / m->vt_mps;
    }
    wind_matrix(m, ca, sa, cb, sb);
    return 0;
}

int icm_set_alpha(ic_model *m, double alfa)
{
    double vt_ned[3];
    icm_vt_ned(m, vt_ned);
    ic_model save = *m;
    if (calc_theta_beta(m, alfa, vt_ned) != 0) {
        *m = save;
        return -1;
    }
    return 0;
}

int icm_set_climb_rate(ic_model *m, double hdot)
{
    if (fabs(hdot) > m->vt_mps)
        return -1;
    double vt_ned[3], wind[3];
    icm_vt_ned(m, vt_ned);
    vec3_sub(wind, vt_ned, m->vel_ned_mps);
    double hdot0 = -vt_ned[2], vt = m->vt_mps;
    if (fabs(hdot0) < vt) {
        double scale = sqrt((vt * vt - hdot * hdot) / (vt * vt - hdot0 * hdot0));
        vt_ned[0] *= scale;
        vt_ned[1] *= scale;
    }
    vt_ned[2] = -hdot;
    vec3_sub(m->vel_ned_mps, vt_ned, wind);
    ic_model save = *m;
    if (calc_theta_beta(m, m->alpha_rad, vt_ned) != 0) {
        /* JSBSim keeps the new velocity and the old angles in this case */
        *m = save;
    }
    return 0;
}

int icm_set_gamma(ic_model *m, double gamma)
{
    return icm_set_climb_rate(m, m->vt_mps * trig_sin(gamma));
}

/* New beta: theta and psi change so that the airspeed vector (climb rate
 * included) and alpha stay. */
void icm_set_beta(ic_model *m, double bta)
{
    double vt_ned[3];
    icm_vt_ned(m, vt_ned);
    m->beta_rad = bta;
    double ca = trig_cos(m->alpha_rad), sa = trig_sin(m->alpha_rad), cb = trig_cos(bta), sb = trig_sin(bta);
    double cphi = trig_cos(m->euler_rad[0]), sphi = trig_sin(m->euler_rad[0]);
    wind_matrix(m, ca, sa, cb, sb);
    double air[3] = {m->vt_mps, 0.0, 0.0}, w[3];
    mat3_mul_vec(m->c_body_wind, air, w);
    /* vf = Tphi^-1 * w: airspeed in the body frame with the bank removed */
    double vf[3] = {w[0], cphi * w[1] - sphi * w[2], sphi * w[1] + cphi * w[2]};
    double v0xy[3] = {vt_ned[0], vt_ned[1], 0.0};
    double h2 = v0xy[0] * v0xy[0] + v0xy[1] * v0xy[1] - vf[1] * vf[1];
    double v1xy[3] = {sqrt(h2 > 0.0 ? h2 : 0.0), vf[1], 0.0};
    vec3_normalize(v0xy);
    vec3_normalize(v1xy);
    if (vf[0] < 0.0)
        v0xy[0] *= -1.0;
    double x[3];
    vec3_cross(x, v1xy, v0xy);
    double sin_psi = x[2], cos_psi = vec3_dot(v0xy, v1xy);
    double e[3] = {m->euler_rad[0], m->euler_rad[1], trig_atan2(sin_psi, cos_psi)};
    double v2xz[3] = {cos_psi * vt_ned[0] + sin_psi * vt_ned[1], 0.0, vt_ned[2]};
    double vfxz[3] = {vf[0], 0.0, vf[2]};
    vec3_normalize(v2xz);
    vec3_normalize(vfxz);
    vec3_cross(x, v2xz, vfxz);
    e[1] = -asin(x[1]);
    set_attitude(m, e);
}

void icm_set_euler(ic_model *m, int axis, double angle)
{
    double c[3][3], vt_ned[3], wind[3], uvw[3];
    dcm_from_euler(m->euler_rad, c);
    icm_vt_ned(m, vt_ned);
    vec3_sub(wind, vt_ned, m->vel_ned_mps);
    mat3_mul_vec(c, m->vel_ned_mps, uvw);
    double e[3] = {m->euler_rad[0], m->euler_rad[1], m->euler_rad[2]};
    e[axis] = angle;
    set_attitude(m, e);
    if (m->last_speed != IC_SET_NED && m->last_speed != IC_SET_VG) {
        /* the body-axis velocity turns with the aircraft */
        dcm_from_euler(m->euler_rad, c);
        mat3_tmul_vec(c, uvw, m->vel_ned_mps);
        vec3_add(vt_ned, m->vel_ned_mps, wind);
        m->vt_mps = vec3_norm(vt_ned);
    }
    calc_aero_angles(m, vt_ned);
}

/* ------------------------------------------------------------ wind */

static void apply_wind(ic_model *m, const double wind[3])
{
    double vt_ned[3];
    vec3_add(vt_ned, m->vel_ned_mps, wind);
    m->vt_mps = vec3_norm(vt_ned);
    calc_aero_angles(m, vt_ned);
}

void icm_set_wind_ned(ic_model *m, const double wind_ned[3])
{
    apply_wind(m, wind_ned);
}

void icm_set_cross_wind(ic_model *m, double cross)
{
    double wind[3], dir[3] = {-trig_sin(m->euler_rad[2]), trig_cos(m->euler_rad[2]), 0.0};
    icm_wind_ned(m, wind);
    vec3_axpy(wind, wind, -vec3_dot(wind, dir), dir);
    vec3_axpy(wind, wind, cross, dir);
    apply_wind(m, wind);
}

void icm_set_head_wind(ic_model *m, double head)
{
    double wind[3], dir[3] = {-trig_cos(m->euler_rad[2]), -trig_sin(m->euler_rad[2]), 0.0};
    icm_wind_ned(m, wind);
    vec3_axpy(wind, wind, -vec3_dot(wind, dir), dir);
    vec3_axpy(wind, wind, head, dir);
    apply_wind(m, wind);
}

void icm_set_wind_down(ic_model *m, double down)
{
    double vt_ned[3];
    icm_vt_ned(m, vt_ned);
    vt_ned[2] = m->vel_ned_mps[2] + down;
    m->vt_mps = vec3_norm(vt_ned);
    calc_aero_angles(m, vt_ned);
}

void icm_set_wind_mag(ic_model *m, double mag)
{
    double wind[3];
    icm_wind_ned(m, wind);
    double h = hypot(wind[0], wind[1]);
    if (h > 0.001 * M_PER_FT) {
        wind[0] *= mag / h;
        wind[1] *= mag / h;
    } else {
        wind[0] = mag;
        wind[1] = 0.0;
    }
    apply_wind(m, wind);
}

void icm_set_wind_dir(ic_model *m, double dir)
{
    double wind[3];
    icm_wind_ned(m, wind);
    double h = hypot(wind[0], wind[1]);
    wind[0] = h * trig_cos(dir);
    wind[1] = h * trig_sin(dir);
    apply_wind(m, wind);
}

/* ------------------------------------------------------------ position */

/* After an altitude change, restores the airspeed that was given last
 * (vc, Mach or ve) at the new air density. */
typedef struct speed_memory {
    double mach, vcas, veas;
} speed_memory;

static speed_memory remember_speed(const ic_model *m)
{
    atmos_state a;
    atmos_at(icm_alt_asl_m(m), &a);
    speed_memory s;
    s.mach = m->vt_mps / a.sound_speed_mps;
    s.vcas = icm_vcas_from_mach(s.mach, a.pressure_pa);
    s.veas = m->vt_mps * sqrt(a.density_kgpm3 / sl_density());
    return s;
}

static void restore_speed(ic_model *m, const speed_memory *s, double alt_m)
{
    atmos_state a;
    atmos_at(alt_m, &a);
    /* as JSBSim, the speed is re-set as a true airspeed (which is what
     * the aircraft is left with as "last speed set") */
    switch (m->last_speed) {
    case IC_SET_VC:
        icm_set_vt(m, icm_mach_from_vcas(s->vcas, a.pressure_pa) * a.sound_speed_mps);
        break;
    case IC_SET_MACH:
        icm_set_vt(m, s->mach * a.sound_speed_mps);
        break;
    case IC_SET_VE:
        icm_set_vt(m, s->veas * sqrt(sl_density() / a.density_kgpm3));
        break;
    default:
        break;
    }
}

/* FGInertial::SetAltitudeAGL: geodetic latitude kept. */
static void place_agl_keep_geod(ic_model *m, double agl)
{
    double lat, lon, alt;
    earth_geodetic_from_ecef(&m->earth, m->r_ecef_m, &lat, &lon, &alt);
    set_geodetic(m, lon, lat, m->terrain_elev_m + agl);
}

void icm_set_alt_agl(ic_model *m, double agl)
{
    speed_memory s = remember_speed(m);
    if (m->last_lat == IC_SET_GEOD) {
        place_agl_keep_geod(m, agl);
    } else {
        /* keep the geocentric latitude: iterate on the geodetic latitude
         * that puts the point at `agl` on the same geocentric line */
        const double a = m->earth.a_m, e2 = m->earth.e2;
        double tanlat = tan(icm_lat_gc_rad(m)), lon = icm_lon_rad(m);
        double n = e2, prev_n = 1.0, alt = icm_geod_alt_m(m);
        double h = -2.0 * a;
        for (int iter = 0; (fabs(n - prev_n) > 1e-15 || fabs(h - agl) > AGL_TOL_M) && iter < 10; iter++) {
            double geod_lat = trig_atan(tanlat / (1.0 - n));
            set_geodetic(m, lon, geod_lat, alt);
            h = icm_alt_agl_m(m);
            alt += agl - h;
            double sl = trig_sin(geod_lat);
            double big_n = a / sqrt(1.0 - e2 * sl * sl);
            prev_n = n;
            n = e2 * big_n / (big_n + alt);
        }
    }
    restore_speed(m, &s, icm_alt_asl_m(m));
    m->last_alt = IC_SET_AGL;
}

void icm_set_alt_asl(ic_model *m, double asl)
{
    speed_memory s = remember_speed(m);
    if (m->last_lat == IC_SET_GEOD) {
        /* keep the geodetic latitude; find the geodetic altitude whose
         * radius is `asl` above the sea-level radius */
        double lat, lon, alt;
        earth_geodetic_from_ecef(&m->earth, m->r_ecef_m, &lat, &lon, &alt);
        double h = asl;
        for (int i = 0; i < 20; i++) {
            set_geodetic(m, lon, lat, h);
            double err = asl - icm_alt_asl_m(m);
            h += err;
            if (fabs(err) < 1e-9)
                break;
        }
        set_geodetic(m, lon, lat, h);
    } else {
        set_gc(m, icm_lat_gc_rad(m), icm_lon_rad(m), sea_level_radius_m(m) + asl);
    }
    restore_speed(m, &s, icm_geod_alt_m(m));
    m->last_alt = IC_SET_ASL;
}

void icm_set_terrain_elev(ic_model *m, double elev)
{
    double agl = icm_alt_agl_m(m);
    m->terrain_elev_m = elev;
    if (m->last_alt == IC_SET_AGL)
        icm_set_alt_agl(m, agl);
}

void icm_set_lat_gc(ic_model *m, double lat)
{
    m->last_lat = IC_SET_GEOC;
    if (m->last_alt == IC_SET_AGL) {
        double agl = icm_alt_agl_m(m);
        set_gc(m, lat, icm_lon_rad(m), radius_m(m));
        icm_set_alt_agl(m, agl);
    } else {
        double asl = icm_alt_asl_m(m);
        set_gc(m, lat, icm_lon_rad(m), radius_m(m));
        icm_set_alt_asl(m, asl);
    }
}

void icm_set_lat_geod(ic_model *m, double lat)
{
    double lon = icm_lon_rad(m);
    m->last_lat = IC_SET_GEOD;
    if (m->last_alt == IC_SET_AGL) {
        double agl = icm_alt_agl_m(m);
        set_geodetic(m, lon, lat, 0.0);
        place_agl_keep_geod(m, agl);
    } else {
        double asl = icm_alt_asl_m(m);
        set_geodetic(m, lon, lat, 0.0);
        icm_set_alt_asl(m, asl);
    }
}

void icm_set_lon(ic_model *m, double lon)
{
    if (m->last_alt == IC_SET_AGL) {
        double agl = icm_alt_agl_m(m);
        set_gc(m, icm_lat_gc_rad(m), lon, radius_m(m));
        icm_set_alt_agl(m, agl);
    } else {
        set_gc(m, icm_lat_gc_rad(m), lon, radius_m(m));
    }
}

void icm_set_radius(ic_model *m, double radius)
{
    set_gc(m, icm_lat_gc_rad(m), icm_lon_rad(m), radius);
}

/* ------------------------------------------------------------ output */

void icm_to_fdm_ic(const ic_model *m, fdm_ic *out)
{
    memset(out, 0, sizeof *out);
    earth_geodetic_from_ecef(&m->earth, m->r_ecef_m, &out->lat_geod_rad, &out->lon_rad, &out->alt_asl_m);
    out->terrain_elev_m = m->terrain_elev_m;
    vec3_copy(out->euler_rad, m->euler_rad);
    icm_body_vel(m, out->vel_body_mps);
    vec3_copy(out->omega_body_radps, m->omega_body_radps);
    icm_wind_ned(m, out->wind_ned_mps);
    out->running_mask = m->running_mask;
    out->running_all = m->running_all;
}
