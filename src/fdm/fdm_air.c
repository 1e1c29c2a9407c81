/*
 * fdm_air.c - the air around a JSBSim-format aircraft: the US 1976
 * standard atmosphere with JSBSim's temperature bias (atmosphere/delta-T
 * shifts every layer's temperature, and so the pressure aloft) and
 * sea-level pressure (atmosphere/P-sl-psf, writable as in JSBSim: the
 * pressure at every altitude scales with it), both kept to JSBSim's floors
 * (1 K, 1e-15 Pa), steady wind and JSBSim's
 * one-minus-cosine gust, and the auxiliary air data (true, calibrated and
 * equivalent airspeed, Mach, dynamic pressure, alpha, beta and their
 * rates, flight-path angles), published under JSBSim's names.
 * Reference: JSBSim src/models/FGAtmosphere.cpp, atmosphere/
 * FGStandardAtmosphere.cpp (SetPressureSL, CalculatePressureBreakpoints), FGWinds.cpp (CosineGust, CosineGustProfile),
 * FGAuxiliary.cpp (Run, VcalibratedFromMach, PitotTotalPressure).
 */
#include <math.h>
#include <string.h>

#include "atmos/pitot.h"
#include "earth/geodesic.h"
#include "fdm/fdm_air.h"
#include "fdm/fdm_exec.h"
#include "fdm/fdm_propagate.h"
#include "fdm/fdm_reports.h"
#include "fdm/fdm_orbit.h"
#include "fdm/fdm_slots.h"
#include "fdm/ground.h"
#include "fdm/mass.h"
#include "math/units.h"
#include "math/vec3.h"
#include "math/trig.h"
#include "util/mem.h"

#define GAMMA_AIR 1.4
/* JSBSim's gas constant, R* / M_air = 8314.32 / 28.9645 J/(kg K)
 * (FGAtmosphere::Reng0); the US 1976 standard's 28.9644 gives 287.05287,
 * 2.7 ppm more, which would show as a density and Mach offset. */
#define R_AIR (8314.32 / 28.9645)
/* JSBSim's standard-day sea-level pressure (FGAtmosphere::StdDaySLpressure,
 * 2116.228 psf, 5 ppm above 101325 Pa): calibrated and equivalent airspeed
 * refer to it, and the initial conditions (ic_model.c) use it too. */
#define P_SL_PA (2116.228 * PA_PER_PSF)
#define T_SL_K 288.15
#define RHO_SL (P_SL_PA / (R_AIR * T_SL_K))
#define A_SL_MPS 340.29352035335023 /* sqrt(1.4 R T_SL), StdDaySLsoundspeed */
#define K_PER_R_ (5.0 / 9.0)

/* JSBSim's standard-atmosphere table: layer bases in geopotential feet and
 * their temperatures in Rankine (FGStandardAtmosphere's constructor). */
static const double JSB_LAYER_FT[9] = {0.0,         36089.2388,  65616.7979,  104986.8766, 154199.4751,
                                       167322.8346, 232939.6325, 278385.8268, 298556.4304};
static const double JSB_LAYER_R[9] = {518.67, 389.97, 389.97, 411.57, 487.17, 487.17, 386.37, 336.5028, 336.5028};
#define JSB_EARTH_RADIUS_FT (6356766.0 / 0.3048)

/* JSBSim's floors: no pressure below 1e-15 Pa (interstellar space; its
 * psf as JSBSim converts it, FGAtmosphere::ValidatePressure), and no
 * temperature bias that would take the coldest layer, JSB_LAYER_R[7],
 * below 1 K (FGStandardAtmosphere::SetTemperatureBias): so no temperature
 * anywhere falls below 1 K. */
#define MIN_PRESSURE_PSF (1e-15 * 0.0208854342)
#define MIN_TEMPERATURE_R 1.8

/* Pressure at geometric altitude `alt_ft` with temperature bias `bias_r`
 * and sea-level pressure `p_sl_psf` the way JSBSim computes it
 * (FGStandardAtmosphere::GetPressure and CalculatePressureBreakpoints):
 * the bias is added to every layer's base temperature before the
 * hydrostatic integration from the sea-level pressure, so a warmer day has
 * a higher pressure aloft (a bias is not a temperature change at constant
 * pressure). */
static double jsb_pressure_psf(double alt_ft, double bias_r, double p_sl_psf)
{
    const double g0 = 9.80665 / 0.3048;                        /* ft/s^2 */
    const double r_air = 8.31432 / (1.8 * 0.3048 * 0.3048) / 28.9645e-3; /* ft lbf/(slug R) */
    double h = alt_ft * JSB_EARTH_RADIUS_FT / (JSB_EARTH_RADIUS_FT + alt_ft); /* geopotential */
    double p_base = p_sl_psf;
    int b = 0;
    for (;;) {
        double lapse = (JSB_LAYER_R[b + 1] - JSB_LAYER_R[b]) / (JSB_LAYER_FT[b + 1] - JSB_LAYER_FT[b]);
        double t_base = JSB_LAYER_R[b] + bias_r;
        int last = b == 7 || h < JSB_LAYER_FT[b + 1];
        double dh = (last ? h : JSB_LAYER_FT[b + 1]) - JSB_LAYER_FT[b];
        double p = lapse != 0.0 ? p_base * pow(t_base / (t_base + lapse * dh), g0 / (r_air * lapse))
                                : p_base * exp(-g0 * dh / (r_air * t_base));
        if (last)
            return p;
        p_base = p;
        b++;
    }
}

/* JSBSim's gas constant and standard gravity in feet, slugs and Rankine. */
#define JSB_G0_FPS2 (9.80665 / 0.3048)
#define JSB_R_FT (8.31432 / (1.8 * 0.3048 * 0.3048) / 28.9645e-3)

static double jsb_lapse(int b)
{
    return (JSB_LAYER_R[b + 1] - JSB_LAYER_R[b]) / (JSB_LAYER_FT[b + 1] - JSB_LAYER_FT[b]);
}

/* The standard day's pressure at the base of layer b + 1 from that of
 * layer b (FGStandardAtmosphere::CalculatePressureBreakpoints, no bias). */
static double jsb_std_next_base_psf(int b, double p_base_psf)
{
    double lapse = jsb_lapse(b), t = JSB_LAYER_R[b], dh = JSB_LAYER_FT[b + 1] - JSB_LAYER_FT[b];
    return lapse != 0.0 ? p_base_psf * pow(t / (t + lapse * dh), JSB_G0_FPS2 / (JSB_R_FT * lapse))
                        : p_base_psf * exp(-JSB_G0_FPS2 * dh / (JSB_R_FT * t));
}

/* The altitude (geometric ft) at which the standard day has pressure
 * `p_psf` (density_slugft3 < 0) or density `density_slugft3`: JSBSim's
 * CalculatePressureAltitude / CalculateDensityAltitude, the layer found
 * from the standard breakpoints upward (a pow per layer passed). */
static double jsb_standard_altitude_ft(double p_psf, double density_slugft3)
{
    const int by_density = density_slugft3 >= 0.0;
    const double x = by_density ? density_slugft3 : p_psf;
    double p_base = FDM_STD_SL_PRESSURE_PSF;
    int b = 0;
    for (; b < 7; b++) {
        double p_next = jsb_std_next_base_psf(b, p_base);
        double x_next = by_density ? p_next / (JSB_R_FT * JSB_LAYER_R[b + 1]) : p_next;
        if (x >= x_next)
            break;
        p_base = p_next;
    }
    double t = JSB_LAYER_R[b], hb = JSB_LAYER_FT[b], lapse = jsb_lapse(b);
    double xb = by_density ? p_base / (JSB_R_FT * t) : p_base;
    double h;
    if (lapse != 0.0) {
        double e = by_density ? -1.0 / (1.0 + JSB_G0_FPS2 / (JSB_R_FT * lapse)) : -JSB_R_FT * lapse / JSB_G0_FPS2;
        h = hb + t / lapse * (pow(x / xb, e) - 1.0);
    } else {
        h = hb - JSB_R_FT * t / JSB_G0_FPS2 * log(x / xb);
    }
    return h * JSB_EARTH_RADIUS_FT / (JSB_EARTH_RADIUS_FT - h); /* geopotential -> geometric */
}

/* The pressure and density altitudes (ft) from what fdm_atmosphere kept.
 * On a standard day both are the altitude itself (JSBSim's inversion gives
 * it to within rounding), with no pow. */
static void std_altitude_values(const saqr_fdm *f, double *pressure_alt_ft, double *density_alt_ft)
{
    if (f->std_alt.standard_day) {
        *pressure_alt_ft = f->std_alt.h_ft;
        *density_alt_ft = f->std_alt.h_ft;
    } else {
        *pressure_alt_ft = jsb_standard_altitude_ft(f->std_alt.p_psf, -1.0);
        *density_alt_ft = jsb_standard_altitude_ft(f->std_alt.p_psf, f->std_alt.rho_slugft3);
    }
}

void fdm_geocentric_latitude(const saqr_fdm *f, double *lat_gc_rad, double *lat_gc_deg)
{
    const double *r_ecef = f->env.r_ecef_m;
    double r = vec3_norm(r_ecef);
    double rxy = sqrt(r_ecef[0] * r_ecef[0] + r_ecef[1] * r_ecef[1]);
    *lat_gc_rad = r > 0.0 ? trig_atan2(r_ecef[2], rxy) : 0.0;
    *lat_gc_deg = *lat_gc_rad * DEG_PER_RAD;
}

/* jsb_pressure_psf, its pow skipped while the inputs repeat bit for bit
 * (an aircraft at rest on the ground keeps its altitude's bits for half
 * its frames; sampled, the F-16's two pows a frame are ~6% of its time). */
static double memo_pressure_psf(saqr_fdm *f, double alt_ft, double bias_r, double p_sl_psf)
{
    const double in[3] = {alt_ft, bias_r, p_sl_psf};
    if (fdm_memo_holds(&f->pressure_memo, in, 3))
        return f->pressure_memo.out;
    return fdm_memo_keep(&f->pressure_memo, in, 3, jsb_pressure_psf(alt_ft, bias_r, p_sl_psf));
}

/* The calibrated airspeed (m/s) for a Mach number at a static pressure,
 * likewise, kept for the impact (pitot less static) pressure, which
 * alone decides it: the pow turns that into the Mach number that impact
 * pressure gives at sea level.  Keyed on it rather than on the Mach
 * number and static pressure, it also holds for an aircraft parked in
 * still air, whose Mach number wobbles in its last bits around 1e-12
 * while the impact pressure stays exactly zero. */
static double memo_cas_mps(saqr_fdm *f, double mach, double pressure_pa)
{
    const double qc_pa = pitot_total_pressure(mach, pressure_pa) - pressure_pa;
    if (fdm_memo_holds(&f->cas_memo, &qc_pa, 1))
        return f->cas_memo.out;
    return fdm_memo_keep(&f->cas_memo, &qc_pa, 1, pitot_mach_from_impact_pressure(qc_pa, P_SL_PA) * A_SL_MPS);
}

/* The day's temperature bias and sea-level pressure within JSBSim's
 * floors (written back, as its setters keep them), and its sea level's
 * temperature, pressure and density into env. */
static void set_day(saqr_fdm *f, double *v)
{
    const fdm_slots *s = f->slot;
    fdm_env *env = &f->env;
    const double min_bias_r = MIN_TEMPERATURE_R - JSB_LAYER_R[7];
    if (v[s->delta_T] < min_bias_r)
        v[s->delta_T] = min_bias_r;
    if (isnan(v[s->P_sl_psf])) /* nonsense: the standard day's */
        v[s->P_sl_psf] = FDM_STD_SL_PRESSURE_PSF;
    else if (v[s->P_sl_psf] < MIN_PRESSURE_PSF)
        v[s->P_sl_psf] = MIN_PRESSURE_PSF;
    double t_sl = T_SL_K + v[s->delta_T] * K_PER_R_;
    env->sl_temperature_k = t_sl;
    env->sl_pressure_pa = v[s->P_sl_psf] * PA_PER_PSF;
    env->sl_density_kgpm3 = env->sl_pressure_pa / (R_AIR * t_sl);
}

void fdm_atmosphere_day_written(saqr_fdm *f, double *v)
{
    set_day(f, v);
    fdm_report_publish(f, FDM_LAZY_ATMOS, v);
}

void fdm_atmosphere(saqr_fdm *f, double *v)
{
    const fdm_slots *s = f->slot;
    fdm_env *env = &f->env;
    set_day(f, v);
    double dT_k = v[s->delta_T] * K_PER_R_, p_sl_psf = v[s->P_sl_psf];
    /* only the standard temperature: pressure, density and sound speed are
     * JSBSim's, below */
    env->atmos.temperature_k = us1976_temperature_k(f->h_sl_m) + dT_k;
    double p_psf = memo_pressure_psf(f, f->h_sl_m / M_PER_FT, v[s->delta_T], p_sl_psf);
    const int floored = p_psf < MIN_PRESSURE_PSF;
    if (floored)
        p_psf = MIN_PRESSURE_PSF;
    env->atmos.pressure_pa = p_psf * PA_PER_PSF;
    env->atmos.density_kgpm3 = env->atmos.pressure_pa / (R_AIR * env->atmos.temperature_k);
    env->atmos.sound_speed_mps = sqrt(GAMMA_AIR * R_AIR * env->atmos.temperature_k);
    v[s->P_psf] = env->atmos.pressure_pa / PA_PER_PSF;
    fdm_report_publish(f, FDM_LAZY_ATMOS, v); /* the rest, when read */
    f->std_alt.p_psf = v[s->P_psf];
    f->std_alt.rho_slugft3 = env->atmos.density_kgpm3 / KGPM3_PER_SLUGPFT3;
    f->std_alt.h_ft = f->h_sl_m / M_PER_FT;
    f->std_alt.standard_day = !floored && v[s->delta_T] == 0.0 && p_sl_psf == FDM_STD_SL_PRESSURE_PSF;
    /* published here, before the FCS, when something reads them (and until
     * that is settled); else worked out when asked (fdm_lazy_value) */
    if (f->lazy_read[FDM_LAZY_STD_ALTITUDES] >= 0)
        std_altitude_values(f, &v[s->pressure_alt_ft], &v[s->density_alt_ft]);
}

void fdm_atmosphere_report(const saqr_fdm *f, double *d, const int *i)
{
    const fdm_env *env = &f->env;
    const double rho_conv = KGPM3_PER_SLUGPFT3, t_sl = env->sl_temperature_k;
    d[i[0]] = env->atmos.temperature_k / K_PER_R_;
    d[i[1]] = env->atmos.density_kgpm3 / rho_conv;
    d[i[2]] = env->atmos.sound_speed_mps / M_PER_FT;
    d[i[3]] = t_sl / K_PER_R_;
    d[i[4]] = env->sl_density_kgpm3 / rho_conv;
    d[i[5]] = sqrt(GAMMA_AIR * R_AIR * t_sl) / M_PER_FT;
    d[i[6]] = env->atmos.temperature_k / t_sl;
    d[i[7]] = env->atmos.density_kgpm3 / env->sl_density_kgpm3; /* p_sl / (R t_sl), as JSBSim's */
    d[i[8]] = env->atmos.pressure_pa / env->sl_pressure_pa;
    d[i[9]] = env->atmos.sound_speed_mps / sqrt(GAMMA_AIR * R_AIR * t_sl);
}

void fdm_env_standard_sea_level(fdm_env *env)
{
    env->sl_pressure_pa = FDM_STD_SL_PRESSURE_PSF * PA_PER_PSF;
    env->sl_density_kgpm3 = env->sl_pressure_pa / (R_AIR * T_SL_K);
    env->sl_temperature_k = T_SL_K;
}

/* Fraction of the gust at `t` into its profile (FGWinds::CosineGustProfile). */
static double gust_profile(double up, double steady, double down, double t)
{
    if (t >= 0.0 && t <= up)
        return (1.0 - trig_cos(UNITS_PI * t / up)) / 2.0;
    if (t > up && t <= up + steady)
        return 1.0;
    if (t > up + steady && t <= up + steady + down)
        return (1.0 - trig_cos(UNITS_PI * (1.0 - (t - (up + steady)) / down))) / 2.0;
    return 0.0;
}

void fdm_gust_start(saqr_fdm *f)
{
    f->gust.running = 1;
    f->gust.elapsed_s = 0.0;
    f->gust.dir_set = 0;
}

/* JSBSim's turb-type: 3 is ttMilspec, 4 ttTustin (both Dryden spectra);
 * its milspec severity is an index into MIL-F-8785C's probabilities of
 * exceedance: 3 (1e-2) light, 4 (1e-3) moderate, 6 (1e-5) severe. */
#define TURB_MILSPEC 3
#define TURB_TUSTIN 4
#define TURB_SEED 0x53415152u /* "SAQR": every run draws the same gusts */

static dryden_severity turbulence_severity(int type, int index)
{
    if ((type != TURB_MILSPEC && type != TURB_TUSTIN) || index <= 0)
        return DRYDEN_NONE;
    return index <= 3 ? DRYDEN_LIGHT : index <= 5 ? DRYDEN_MODERATE : DRYDEN_SEVERE;
}

uint64_t fdm_turbulence_seed(double random_seed)
{
    /* 0 (the default) keeps the stream every run has always drawn; another
     * seed (atmosphere/randomseed, simulation/randomseed
     * until it is written) gives a stream of its own */
    const uint64_t k = (uint64_t)random_seed;
    return k == 0 ? TURB_SEED : TURB_SEED ^ (k * 0x9E3779B97F4A7C15u);
}

/* Continuous turbulence (Dryden, src/atmos/dryden.h) into f->turb: the
 * linear gusts in north-east-down axes and the rotary gusts in body axes
 * (subtracted from the body rates for the aerodynamic rates, fdm_aux).
 * The generator is set up again (same seed) whenever its settings
 * change. */
static void fdm_turbulence(saqr_fdm *f, double *v, double dt_s)
{
    const fdm_slots *s = f->slot;
    const fdm_env *env = &f->env;
    int type = prop_int(v[s->turb_type]), index = prop_int(v[s->turb_severity]);
    double w20 = v[s->turb_w20_fps];
    const uint64_t seed = fdm_turbulence_seed(v[s->wind_seed]);
    if (type != f->turb.turb_type || index != f->turb.severity || !(w20 == f->turb.w20_fps) ||
        seed != f->turb.seed) {
        dryden_init(&f->turb_dryden, turbulence_severity(type, index), w20 * M_PER_FT, seed);
        f->turb.on = f->turb_dryden.severity != DRYDEN_NONE;
        f->turb.seed = seed;
        f->turb.turb_type = type;
        f->turb.severity = index;
        f->turb.w20_fps = w20;
        vec3_set(f->turb.gust_ned_mps, 0, 0, 0);
        vec3_set(f->turb.gust_pqr_body_radps, 0, 0, 0);
    }
    if (f->turb.on && dt_s > 0.0) {
        double uvw[3], pqr[3];
        dryden_step(&f->turb_dryden, dt_s, env->tas_mps, env->alt_agl_m, f->metrics.bw_m, uvw, pqr);
        /* u along the horizontal flight path, v to its right, w down */
        double vn = env->vel_ned_mps[0], ve = env->vel_ned_mps[1];
        double track = vn * vn + ve * ve > 1.0 ? trig_atan2(ve, vn) : env->euler_rad[2];
        double ct = trig_cos(track), st = trig_sin(track);
        vec3_set(f->turb.gust_ned_mps, uvw[0] * ct - uvw[1] * st, uvw[0] * st + uvw[1] * ct, uvw[2]);
        /* The rotary gusts (the air's rotation: roll from the spanwise
         * gradient of w, pitch from w along the path, yaw from v along
         * it) in the same axes, to the body axes with this frame's
         * attitude, as JSBSim's FGWinds turns its vTurbPQR with Tl2b;
         * the aerodynamic rates are the body rates less them (fdm_aux). */
        double pqr_ned[3] = {pqr[0] * ct - pqr[1] * st, pqr[0] * st + pqr[1] * ct, pqr[2]};
        mat3_mul_vec(env->c_body_ned, pqr_ned, f->turb.gust_pqr_body_radps);
    }
}

void fdm_winds(saqr_fdm *f, double *v, double dt_s)
{
    const fdm_slots *s = f->slot;
    fdm_env *env = &f->env;
    double steady[3] = {v[s->wind_n_fps] * M_PER_FT, v[s->wind_e_fps] * M_PER_FT, v[s->wind_d_fps] * M_PER_FT};
    vec3_set(f->gust.gust_ned_mps, 0, 0, 0);
    if (f->gust.running) {
        double dir[3] = {v[s->gust_x_fps], v[s->gust_y_fps], v[s->gust_z_fps]};
        double n = vec3_norm(dir);
        if (n > 0.0)
            vec3_scale(dir, 1.0 / n, dir);
        if (!f->gust.dir_set) {
            int frame = prop_int(v[s->gust_frame]);
            if (frame == 1) {            /* body */
                mat3_tmul_vec(env->c_body_ned, dir, f->gust.dir_ned);
            } else if (frame == 2) {     /* wind axes */
                double ca = env->cos_alpha, sa = env->sin_alpha;
                double cb = env->cos_beta, sb = env->sin_beta;
                double b[3] = {ca * cb * dir[0] - ca * sb * dir[1] - sa * dir[2], sb * dir[0] + cb * dir[1],
                               sa * cb * dir[0] - sa * sb * dir[1] + ca * dir[2]};
                mat3_tmul_vec(env->c_body_ned, b, f->gust.dir_ned);
            } else {                     /* local (NED), the default */
                vec3_copy(f->gust.dir_ned, dir);
            }
            f->gust.dir_set = vec3_norm(f->gust.dir_ned) > 0.0;
        }
        double up = v[s->gust_startup_s], st = v[s->gust_steady_s], down = v[s->gust_end_s];
        double k = gust_profile(up, st, down, f->gust.elapsed_s) * v[s->gust_mag_fps] * M_PER_FT;
        vec3_scale(f->gust.gust_ned_mps, k, f->gust.dir_ned);
        f->gust.elapsed_s += dt_s;
        if (f->gust.elapsed_s > up + st + down) {
            f->gust.running = 0;
            f->gust.elapsed_s = 0.0;
            f->gust.dir_set = 0;
            vec3_set(f->gust.gust_ned_mps, 0, 0, 0);
        }
    }
    fdm_turbulence(f, v, dt_s);
    /* the steady wind, the gust set from outside (JSBSim's vGustNED), the
     * cosine gust and the turbulence */
    const double gust[3] = {v[s->gust_n_fps] * M_PER_FT, v[s->gust_e_fps] * M_PER_FT, v[s->gust_d_fps] * M_PER_FT};
    vec3_add(env->wind_ned_mps, steady, gust);
    vec3_add(env->wind_ned_mps, env->wind_ned_mps, f->gust.gust_ned_mps);
    vec3_add(env->wind_ned_mps, env->wind_ned_mps, f->turb.gust_ned_mps);
    fdm_report_publish(f, FDM_LAZY_WINDS, v); /* the gusts and total wind, when read */
    double psiw = v[s->psiw_rad];
    if (steady[0] != 0.0) {
        /* the same bits in, the same angle out: no call for a wind that
         * has not changed */
        if (!f->psiw_memo.valid || !mem_same_doubles(f->psiw_memo.wind_ne_mps, steady, 2)) {
            f->psiw_memo.psiw_rad = trig_atan2(steady[1], steady[0]);
            memcpy(f->psiw_memo.wind_ne_mps, steady, sizeof f->psiw_memo.wind_ne_mps);
            f->psiw_memo.valid = 1;
        }
        psiw = f->psiw_memo.psiw_rad;
    }
    if (psiw < 0.0)
        psiw += 2.0 * UNITS_PI;
    v[s->psiw_rad] = psiw;
    v[s->wind_mag_fps] = vec3_norm(steady) / M_PER_FT; /* JSBSim's GetWindspeed: with the down part */
}

void fdm_set_wind_polar(saqr_fdm *f, double speed_fps, double psi_rad)
{
    const fdm_slots *s = f->slot;
    double *v = f->props.v;
    double n = v[s->wind_n_fps], e = v[s->wind_e_fps], d = v[s->wind_d_fps];
    double mag = sqrt(n * n + e * e + d * d);
    double psiw = v[s->psiw_rad]; /* the kept direction (fdm_winds) */
    if (!isnan(psi_rad)) { /* SetWindPsi: the direction, then the speed it had */
        psiw = psi_rad;
        speed_fps = mag;
    }
    if (mag == 0.0) { /* SetWindspeed in calm air */
        psiw = 0.0;
        v[s->wind_n_fps] = speed_fps;
    } else {
        double sn, cs;
        trig_sincos(psiw, &sn, &cs);
        v[s->wind_n_fps] = speed_fps * cs;
        v[s->wind_e_fps] = speed_fps * sn;
        v[s->wind_d_fps] = 0.0;
    }
    v[s->psiw_rad] = psiw;
    n = v[s->wind_n_fps];
    e = v[s->wind_e_fps];
    d = v[s->wind_d_fps];
    v[s->wind_mag_fps] = sqrt(n * n + e * e + d * d);
}

double fdm_distance_from_start_m(const saqr_fdm *f, int which)
{
    /* JSBSim's GetLongitudeRelativePosition, GetLatitudeRelativePosition
     * and GetDistanceRelativePosition: from here to (IC longitude, this
     * latitude), to (this longitude, IC latitude), and to the IC point */
    const fdm_env *env = &f->env;
    double lat0 = f->ic_applied.lat_geod_rad, lon0 = f->ic_applied.lon_rad;
    double tlat = which == 0 ? env->lat_geod_rad : lat0, tlon = which == 1 ? env->lon_rad : lon0;
    double dist_ft, azi, offset = 0.0;
    geodesic_inverse(GEODESIC_JSBSIM_A_FT, GEODESIC_JSBSIM_B_FT, env->lat_geod_rad, env->lon_rad, tlat, tlon, &dist_ft,
                     &azi, &offset);
    return dist_ft * M_PER_FT;
}

/* Properties JSBSim computes every frame but that depend only on the state
 * the models last ran at, which a step leaves in place (the models run
 * after the integration): published every frame only when something in the
 * model, a script or an output reads them, else worked out when the API
 * asks - the same bits either way.  Each group: its slots and their values
 * (fdm_lazy_value). */

_Static_assert(MASS_REPORT_COUNT <= FDM_LAZY_MAX_SLOTS, "the mass group fits a lazy group");

static int lazy_slots(const fdm_slots *s, int group, int out[FDM_LAZY_MAX_SLOTS])
{
    switch (group) {
    case FDM_LAZY_VRP: return fdm_lazy_copy_slots(out, (const int[]){s->vrp_radius_ft, s->vrp_lat_gc_deg, s->vrp_lon_deg}, 3);
    case FDM_LAZY_FLIGHT_PATH:
        return fdm_lazy_copy_slots(out, (const int[]){s->gamma_rad, s->gamma_deg, s->psi_gt_rad, s->psi_gt_deg}, 4);
    case FDM_LAZY_EULER_RATES:
        return fdm_lazy_copy_slots(out, (const int[]){s->thetadot_rps, s->psidot_rps, s->phidot_rps}, 3);
    case FDM_LAZY_ORBIT: return fdm_orbit_slots(s, out);
    case FDM_LAZY_STD_ALTITUDES: return fdm_lazy_copy_slots(out, (const int[]){s->pressure_alt_ft, s->density_alt_ft}, 2);
    case FDM_LAZY_GEOCENTRIC: return fdm_lazy_copy_slots(out, (const int[]){s->lat_gc_rad, s->lat_gc_deg}, 2);
    case FDM_LAZY_MASS: mass_report_slots(s, out); return MASS_REPORT_COUNT;
    case FDM_LAZY_INERTIAL:
        return fdm_lazy_copy_slots(out,
                          (const int[]){s->eci_x_ft, s->eci_y_ft, s->eci_z_ft, s->ecef_x_ft, s->ecef_y_ft,
                                        s->ecef_z_ft, s->eci_vx_fps, s->eci_vy_fps, s->eci_vz_fps,
                                        s->eci_vmag_fps, s->ecef_vx_fps, s->ecef_vy_fps, s->ecef_vz_fps},
                          13);
    default: return fdm_report_slots(s, group, out);
    }
}

/* The visual reference point (where the visual model is drawn): radius
 * (ft), geocentric latitude and longitude (deg). */
static void vrp_values(const fdm_env *env, const fdm_metrics *m, double out[FDM_LAZY_MAX_SLOTS])
{
    double vrp_body[3], vrp_ned[3], vrp_ecef[3];
    fdm_arm_body_m(env, m->vrp_struct_m, vrp_body);
    mat3_tmul_vec(env->c_body_ned, vrp_body, vrp_ned);
    mat3_tmul_vec(env->c_ned_ecef, vrp_ned, vrp_ecef);
    vec3_add(vrp_ecef, vrp_ecef, env->r_ecef_m);
    double vrp_r = vec3_norm(vrp_ecef);
    out[0] = vrp_r / M_PER_FT;
    out[1] = vrp_r > 0.0 ? asin(vrp_ecef[2] / vrp_r) * DEG_PER_RAD : 0.0;
    out[2] = trig_atan2(vrp_ecef[1], vrp_ecef[0]) * DEG_PER_RAD;
}

/* The flight path over the ground: climb angle and track (rad, deg). */
static void flight_path_values(const fdm_env *env, double out[FDM_LAZY_MAX_SLOTS])
{
    const double *vn = env->vel_ned_mps;
    double vg = sqrt(vn[0] * vn[0] + vn[1] * vn[1]);
    double psigt = trig_atan2(vn[1], vn[0]);
    if (psigt < 0.0)
        psigt += 2.0 * UNITS_PI;
    double gamma = trig_atan2(-vn[2], vg);
    out[0] = gamma;
    out[1] = gamma * DEG_PER_RAD;
    out[2] = psigt;
    out[3] = psigt * DEG_PER_RAD;
}

/* The Euler angles' rates (rad/s) from the body rates, JSBSim's
 * FGAuxiliary: at theta = +-90 deg (cos theta exactly 0, which no finite
 * double gives) psi-dot and phi-dot keep their last values. */
static void euler_rate_values(const saqr_fdm *f, const int slots[FDM_LAZY_MAX_SLOTS],
                              double out[FDM_LAZY_MAX_SLOTS])
{
    const fdm_env *env = &f->env;
    double ph = env->euler_rad[0], th = env->euler_rad[1];
    const double *pqr = env->omega_body_radps;
    double sph, cph, sth, cth;
    trig_sincos(ph, &sph, &cph);
    trig_sincos(th, &sth, &cth);
    out[0] = pqr[1] * cph - pqr[2] * sph;
    if (cth != 0.0) {
        out[1] = (pqr[1] * sph + pqr[2] * cph) / cth;
        out[2] = pqr[0] + out[1] * sth;
    } else {
        out[1] = f->props.v[slots[1]];
        out[2] = f->props.v[slots[2]];
    }
}

static void lazy_values(const saqr_fdm *f, int group, const int slots[FDM_LAZY_MAX_SLOTS],
                        double out[FDM_LAZY_MAX_SLOTS])
{
    if (group == FDM_LAZY_VRP)
        vrp_values(&f->env, &f->metrics, out);
    else if (group == FDM_LAZY_FLIGHT_PATH)
        flight_path_values(&f->env, out);
    else if (group == FDM_LAZY_EULER_RATES)
        euler_rate_values(f, slots, out);
    else if (group == FDM_LAZY_ORBIT)
        fdm_orbit_values(f, out);
    else if (group == FDM_LAZY_STD_ALTITUDES)
        std_altitude_values(f, &out[0], &out[1]);
    else if (group == FDM_LAZY_GEOCENTRIC)
        fdm_geocentric_latitude(f, &out[0], &out[1]);
    else if (group == FDM_LAZY_MASS)
        mass_report(&f->env, out);
    else if (group == FDM_LAZY_INERTIAL)
        fdm_inertial_values(f, out);
    else
        fdm_report_values(f, group, slots, out);
}

void fdm_lazy_mark(saqr_fdm *f)
{
    fdm_report_map(f->slot);
    const fdm_slots *s = f->slot;
    for (int g = 0; g < FDM_LAZY_GROUPS; g++) {
        int slots[FDM_LAZY_MAX_SLOTS];
        int n = lazy_slots(s, g, slots);
        /* owned: another producer found as the model loads (an FCS
         * output of the same name) marks it PROP_FOREIGN, and the group
         * is then always published (its value is that producer's) */
        for (int k = 0; k < n; k++)
            f->props.flags[slots[k]] |= PROP_LAZY | PROP_OWNED;
    }
    f->props.flags[s->dist_start_lon_mt] |= PROP_LAZY;
    f->props.flags[s->dist_start_lat_mt] |= PROP_LAZY;
    f->props.flags[s->dist_start_mag_mt] |= PROP_LAZY;
}

int fdm_lazy_value(const saqr_fdm *f, int slot, double *value)
{
    if (!f->slot || !f->ic_valid || !(f->props.flags[slot] & PROP_LAZY))
        return 0;
    if (f->gnd && ground_height_value(f->gnd, &f->env, slot, value)) /* a quiet run's */
        return 1;
    const fdm_slots *s = f->slot;
    for (int k = 0; k < 3; k++) /* JSBSim computes these when read */
        if (slot == (k == 0 ? s->dist_start_lon_mt : (k == 1 ? s->dist_start_lat_mt : s->dist_start_mag_mt))) {
            *value = fdm_distance_from_start_m(f, k);
            return 1;
        }
    for (int g = 0; g < FDM_LAZY_GROUPS; g++) {
        if (f->lazy_read[g] >= 0) /* published, or not settled yet */
            continue;
        int slots[FDM_LAZY_MAX_SLOTS];
        int n = lazy_slots(f->slot, g, slots);
        for (int k = 0; k < n; k++)
            if (slots[k] == slot) {
                double x[FDM_LAZY_MAX_SLOTS];
                lazy_values(f, g, slots, x);
                *value = x[k];
                return 1;
            }
    }
    return 0;
}

void fdm_lazy_reconsider(saqr_fdm *f)
{
    for (int g = 0; g < FDM_LAZY_GROUPS; g++)
        f->lazy_read[g] = 0;
    f->lazy_idle = 0;
    fdm_settle_flags(f); /* the contacts' heights too */
}

/* with_producers: also the groups published where they are produced (for
 * an output's first row, written before their producers run again). */
static void publish_read_groups(saqr_fdm *f, double *v, int with_producers)
{
    if (f->lazy_idle && !with_producers)
        return;
    const fdm_slots *s = f->slot;
    int idle = 1;
    for (int g = 0; g < FDM_LAZY_GROUPS; g++) {
        if (f->lazy_read[g] < 0) /* nothing reads it: the API works it out */
            continue;
        int slots[FDM_LAZY_MAX_SLOTS];
        int n = lazy_slots(s, g, slots);
        if (f->lazy_read[g] == 0) { /* settled at load, and when outputs open */
            f->lazy_read[g] = -1;
            for (int k = 0; k < n; k++)
                if (f->props.flags[slots[k]] & (PROP_READ | PROP_FOREIGN))
                    f->lazy_read[g] = 1;
        }
        if (f->lazy_read[g] > 0 && (g < FDM_LAZY_AT_PRODUCER || with_producers)) {
            if (g < FDM_LAZY_AT_PRODUCER) /* its producer publishes it otherwise */
                idle = 0;
            double x[FDM_LAZY_MAX_SLOTS];
            lazy_values(f, g, slots, x);
            for (int k = 0; k < n; k++)
                v[slots[k]] = x[k];
        }
    }
    /* Distances from the initial position along the ellipsoid, solved
     * only when something reads them (the API computes them on demand). */
    for (int k = 0; k < 3; k++) {
        int slot = k == 0 ? s->dist_start_lon_mt : (k == 1 ? s->dist_start_lat_mt : s->dist_start_mag_mt);
        if (f->props.flags[slot] & PROP_READ) {
            idle = 0;
            v[slot] = fdm_distance_from_start_m(f, k);
        }
    }
    f->lazy_idle = idle;
}

void fdm_publish_on_demand(saqr_fdm *f, double *v)
{
    publish_read_groups(f, v, 0);
}

void fdm_publish_read_now(saqr_fdm *f, double *v)
{
    publish_read_groups(f, v, 1);
}

void fdm_aux(saqr_fdm *f, double *v)
{
    const fdm_slots *s = f->slot;
    fdm_env *env = &f->env;
    const double *uvwdot = f->acc.uvwdot_mps2;
    double wind_body[3];
    mat3_mul_vec(env->c_body_ned, env->wind_ned_mps, wind_body);
    vec3_sub(env->vel_air_body_mps, env->vel_body_mps, wind_body);
    /* JSBSim's vAeroPQR = vPQR - TurbPQR: the rates the air sees */
    vec3_sub(env->omega_air_body_radps, env->omega_body_radps, f->turb.gust_pqr_body_radps);
    const double *a = env->vel_air_body_mps;
    double u2 = a[0] * a[0], v2 = a[1] * a[1], w2 = a[2] * a[2];
    double muw = u2 + w2;
    double vt = sqrt(muw + v2);
    env->alpha_rad = env->beta_rad = env->alpha_dot_radps = env->beta_dot_radps = 0.0;
    if (vt > 0.001 * M_PER_FT) {
        env->beta_rad = trig_atan2_hinted(a[1], sqrt(muw), &f->atan2_hint.beta);
        if (muw >= 1e-6 * M_PER_FT * M_PER_FT) {
            env->alpha_rad = trig_atan2_hinted(a[2], a[0], &f->atan2_hint.alpha);
            double vtdot = (a[0] * uvwdot[0] + a[1] * uvwdot[1] + a[2] * uvwdot[2]) / vt;
            env->alpha_dot_radps = (a[0] * uvwdot[2] - a[2] * uvwdot[0]) / muw;
            env->beta_dot_radps = (uvwdot[1] * vt - a[1] * vtdot) / (vt * sqrt(muw));
        }
    }
    trig_sincos(env->alpha_rad, &env->sin_alpha, &env->cos_alpha);
    trig_sincos(env->beta_rad, &env->sin_beta, &env->cos_beta);
    env->tas_mps = vt;
    double rho = env->atmos.density_kgpm3;
    env->qbar_pa = 0.5 * rho * vt * vt;
    env->mach = vt / env->atmos.sound_speed_mps;
    if (env->mach > 0.0) {
        env->cas_mps = memo_cas_mps(f, env->mach, env->atmos.pressure_pa);
        env->eas_mps = sqrt(2.0 * env->qbar_pa / RHO_SL);
    } else {
        env->cas_mps = env->eas_mps = 0.0;
    }

    const double fps = 1.0 / M_PER_FT, kts = 1.0 / MPS_PER_KT;
    v[s->vt_fps] = v[s->vtrue_fps] = vt * fps;
    v[s->vtrue_kts] = vt * kts;
    v[s->vc_fps] = env->cas_mps * fps;
    v[s->vc_kts] = env->cas_mps * kts;
    v[s->mach] = env->mach;
    v[s->u_aero_fps] = a[0] * fps;
    v[s->v_aero_fps] = a[1] * fps;
    v[s->w_aero_fps] = a[2] * fps;
    v[s->p_aero_rps] = env->omega_air_body_radps[0];
    v[s->q_aero_rps] = env->omega_air_body_radps[1];
    v[s->r_aero_rps] = env->omega_air_body_radps[2];
    v[s->alpha_rad] = env->alpha_rad;
    v[s->alpha_deg] = env->alpha_rad * DEG_PER_RAD;
    v[s->beta_rad] = env->beta_rad;
    v[s->beta_deg] = env->beta_rad * DEG_PER_RAD;
    v[s->mag_beta_rad] = fabs(env->beta_rad);
    v[s->adot_rps] = env->alpha_dot_radps;
    v[s->qbar_psf] = env->qbar_pa / PA_PER_PSF;
    for (int g = FDM_LAZY_AIR_SPEEDS; g <= FDM_LAZY_AIR_RATES_DEG; g++)
        fdm_report_publish(f, g, v); /* when something reads them */

    fdm_publish_on_demand(f, v);

    /* load factors from the last accelerations, which this run replaces:
     * kept for the pilot's group (fdm_reports.c) */
    vec3_copy(f->aux_accel_body_mps2, f->acc.body_accel_mps2);
    vec3_copy(f->aux_pqridot_radps2, f->acc.pqridot_radps2);
    fdm_report_publish(f, FDM_LAZY_PILOT, v);
}
