/*
 * ic.c - the ic/ properties of a JSBSim-format aircraft and the resolution
 * of the initial-condition specification into one state.
 *
 * JSBSim ties each ic/ property to a getter and a setter of its
 * FGInitialCondition object, so a script writing ic/vc-kts acts at once on
 * a consistent state.  Here property values live in slots that anyone may
 * write at any time, so the module keeps the model as the initialisation
 * files left it together with the values it last published into the
 * slots.  At resolve time every slot whose value differs from the
 * published one was set from outside; those are applied through the same
 * setters, in a fixed order that mirrors JSBSim's version-1 file reader
 * (terrain, position, altitude, attitude, velocities, airspeeds, flight
 * path, alpha, beta, winds, rates), so "altitude and vc both set" gives
 * the calibrated airspeed at the new altitude whatever order they came in.
 * Reference: JSBSim src/initialization/FGInitialCondition.cpp (bind()).
 */
#include <math.h>
#include <string.h>

#include "fdm/ic.h"
#include "fdm/ic_model.h"
#include "math/units.h"
#include "math/trig.h"

/* Property ids, in the order changed values are applied. */
enum {
    P_TERRAIN_FT, P_LON_DEG, P_LON_RAD, P_LAT_GC_DEG, P_LAT_GC_RAD, P_LAT_GEOD_DEG, P_LAT_GEOD_RAD,
    P_H_SL_FT, P_H_AGL_FT,
    P_PHI_DEG, P_PHI_RAD, P_THETA_DEG, P_THETA_RAD, P_PSI_DEG, P_PSI_RAD,
    P_U_FPS, P_V_FPS, P_W_FPS, P_VN_FPS, P_VE_FPS, P_VD_FPS,
    P_VG_KTS, P_VG_FPS, P_VT_KTS, P_VT_FPS, P_VC_KTS, P_VE_KTS, P_MACH,
    P_GAMMA_DEG, P_GAMMA_RAD, P_ROC_FPM, P_ROC_FPS,
    P_ALPHA_DEG, P_ALPHA_RAD, P_BETA_DEG, P_BETA_RAD,
    P_VW_MAG_FPS, P_VW_DIR_DEG,
    P_P, P_Q, P_R, P_TARGET_NLF,
    /* read-only */
    P_VW_BX, P_VW_BY, P_VW_BZ, P_VW_N, P_VW_E, P_VW_D, P_GEOD_ALT_FT,
    P_COUNT_
};

typedef struct ic_prop_def {
    const char *name;
    double si_per_unit;   /* SI value = property value * si_per_unit  */
    int settable;
} ic_prop_def;

#define FPS M_PER_FT
#define KTS MPS_PER_KT
#define DEG RAD_PER_DEG

static const ic_prop_def defs[P_COUNT_] = {
    [P_TERRAIN_FT] = {"ic/terrain-elevation-ft", M_PER_FT, 1},
    [P_LON_DEG] = {"ic/long-gc-deg", DEG, 1},
    [P_LON_RAD] = {"ic/long-gc-rad", 1.0, 1},
    [P_LAT_GC_DEG] = {"ic/lat-gc-deg", DEG, 1},
    [P_LAT_GC_RAD] = {"ic/lat-gc-rad", 1.0, 1},
    [P_LAT_GEOD_DEG] = {"ic/lat-geod-deg", DEG, 1},
    [P_LAT_GEOD_RAD] = {"ic/lat-geod-rad", 1.0, 1},
    [P_H_SL_FT] = {"ic/h-sl-ft", M_PER_FT, 1},
    [P_H_AGL_FT] = {"ic/h-agl-ft", M_PER_FT, 1},
    [P_PHI_DEG] = {"ic/phi-deg", DEG, 1},
    [P_PHI_RAD] = {"ic/phi-rad", 1.0, 1},
    [P_THETA_DEG] = {"ic/theta-deg", DEG, 1},
    [P_THETA_RAD] = {"ic/theta-rad", 1.0, 1},
    [P_PSI_DEG] = {"ic/psi-true-deg", DEG, 1},
    [P_PSI_RAD] = {"ic/psi-true-rad", 1.0, 1},
    [P_U_FPS] = {"ic/u-fps", FPS, 1},
    [P_V_FPS] = {"ic/v-fps", FPS, 1},
    [P_W_FPS] = {"ic/w-fps", FPS, 1},
    [P_VN_FPS] = {"ic/vn-fps", FPS, 1},
    [P_VE_FPS] = {"ic/ve-fps", FPS, 1},
    [P_VD_FPS] = {"ic/vd-fps", FPS, 1},
    [P_VG_KTS] = {"ic/vg-kts", KTS, 1},
    [P_VG_FPS] = {"ic/vg-fps", FPS, 1},
    [P_VT_KTS] = {"ic/vt-kts", KTS, 1},
    [P_VT_FPS] = {"ic/vt-fps", FPS, 1},
    [P_VC_KTS] = {"ic/vc-kts", KTS, 1},
    [P_VE_KTS] = {"ic/ve-kts", KTS, 1},
    [P_MACH] = {"ic/mach", 1.0, 1},
    [P_GAMMA_DEG] = {"ic/gamma-deg", DEG, 1},
    [P_GAMMA_RAD] = {"ic/gamma-rad", 1.0, 1},
    [P_ROC_FPM] = {"ic/roc-fpm", M_PER_FT / S_PER_MIN, 1},
    [P_ROC_FPS] = {"ic/roc-fps", FPS, 1},
    [P_ALPHA_DEG] = {"ic/alpha-deg", DEG, 1},
    [P_ALPHA_RAD] = {"ic/alpha-rad", 1.0, 1},
    [P_BETA_DEG] = {"ic/beta-deg", DEG, 1},
    [P_BETA_RAD] = {"ic/beta-rad", 1.0, 1},
    [P_VW_MAG_FPS] = {"ic/vw-mag-fps", FPS, 1},
    [P_VW_DIR_DEG] = {"ic/vw-dir-deg", DEG, 1},
    [P_P] = {"ic/p-rad_sec", 1.0, 1},
    [P_Q] = {"ic/q-rad_sec", 1.0, 1},
    [P_R] = {"ic/r-rad_sec", 1.0, 1},
    [P_TARGET_NLF] = {"ic/targetNlf", 1.0, 1},
    [P_VW_BX] = {"ic/vw-bx-fps", FPS, 0},
    [P_VW_BY] = {"ic/vw-by-fps", FPS, 0},
    [P_VW_BZ] = {"ic/vw-bz-fps", FPS, 0},
    [P_VW_N] = {"ic/vw-north-fps", FPS, 0},
    [P_VW_E] = {"ic/vw-east-fps", FPS, 0},
    [P_VW_D] = {"ic/vw-down-fps", FPS, 0},
    [P_GEOD_ALT_FT] = {"ic/geod-alt-ft", M_PER_FT, 0},
};

_Static_assert(P_COUNT_ <= IC_PROP_COUNT, "IC_PROP_COUNT too small");

/* SI value of a property from the model. */
static double get_si(const ic_model *m, int id)
{
    double w[3];
    switch (id) {
    case P_TERRAIN_FT: return m->terrain_elev_m;
    case P_LON_DEG: case P_LON_RAD: return icm_lon_rad(m);
    case P_LAT_GC_DEG: case P_LAT_GC_RAD: return icm_lat_gc_rad(m);
    case P_LAT_GEOD_DEG: case P_LAT_GEOD_RAD: return icm_lat_geod_rad(m);
    case P_H_SL_FT: return icm_alt_asl_m(m);
    case P_H_AGL_FT: return icm_alt_agl_m(m);
    case P_PHI_DEG: case P_PHI_RAD: return m->euler_rad[0];
    case P_THETA_DEG: case P_THETA_RAD: return m->euler_rad[1];
    case P_PSI_DEG: case P_PSI_RAD: return m->euler_rad[2];
    case P_U_FPS: case P_V_FPS: case P_W_FPS:
        icm_body_vel(m, w);
        return w[id - P_U_FPS];
    case P_VN_FPS: case P_VE_FPS: case P_VD_FPS: return m->vel_ned_mps[id - P_VN_FPS];
    case P_VG_KTS: case P_VG_FPS: return icm_vground_mps(m);
    case P_VT_KTS: case P_VT_FPS: return m->vt_mps;
    case P_VC_KTS: return icm_vcas_mps(m);
    case P_VE_KTS: return icm_veas_mps(m);
    case P_MACH: return icm_mach(m);
    case P_GAMMA_DEG: case P_GAMMA_RAD: return icm_gamma_rad(m);
    case P_ROC_FPM: case P_ROC_FPS: return icm_climb_rate_mps(m);
    case P_ALPHA_DEG: case P_ALPHA_RAD: return m->alpha_rad;
    case P_BETA_DEG: case P_BETA_RAD: return m->beta_rad;
    case P_VW_MAG_FPS:
        icm_wind_ned(m, w);
        return hypot(w[0], w[1]);
    case P_VW_DIR_DEG:
        icm_wind_ned(m, w);
        return hypot(w[0], w[1]) == 0.0 ? 0.0 : trig_atan2(w[1], w[0]);
    case P_P: case P_Q: case P_R: return m->omega_body_radps[id - P_P];
    case P_TARGET_NLF: return m->target_nlf;
    case P_VW_BX: case P_VW_BY: case P_VW_BZ:
        icm_body_wind(m, w);
        return w[id - P_VW_BX];
    case P_VW_N: case P_VW_E: case P_VW_D:
        icm_wind_ned(m, w);
        return w[id - P_VW_N];
    case P_GEOD_ALT_FT: return icm_geod_alt_m(m);
    default: return 0.0;
    }
}

/* Applies a property's SI value through its setter; -1 when it cannot be
 * satisfied. */
static int set_si(ic_model *m, int id, double x)
{
    switch (id) {
    case P_TERRAIN_FT: icm_set_terrain_elev(m, x); return 0;
    case P_LON_DEG: case P_LON_RAD: icm_set_lon(m, x); return 0;
    case P_LAT_GC_DEG: case P_LAT_GC_RAD: icm_set_lat_gc(m, x); return 0;
    case P_LAT_GEOD_DEG: case P_LAT_GEOD_RAD: icm_set_lat_geod(m, x); return 0;
    case P_H_SL_FT: icm_set_alt_asl(m, x); return 0;
    case P_H_AGL_FT: icm_set_alt_agl(m, x); return 0;
    case P_PHI_DEG: case P_PHI_RAD: icm_set_euler(m, 0, x); return 0;
    case P_THETA_DEG: case P_THETA_RAD: icm_set_euler(m, 1, x); return 0;
    case P_PSI_DEG: case P_PSI_RAD: icm_set_euler(m, 2, x); return 0;
    case P_U_FPS: case P_V_FPS: case P_W_FPS: icm_set_body_vel(m, id - P_U_FPS, x); return 0;
    case P_VN_FPS: case P_VE_FPS: case P_VD_FPS: icm_set_ned_vel(m, id - P_VN_FPS, x); return 0;
    case P_VG_KTS: case P_VG_FPS: icm_set_vground(m, x); return 0;
    case P_VT_KTS: case P_VT_FPS: icm_set_vt(m, x); return 0;
    case P_VC_KTS: icm_set_vcas(m, x); return 0;
    case P_VE_KTS: icm_set_veas(m, x); return 0;
    case P_MACH: icm_set_mach(m, x); return 0;
    case P_GAMMA_DEG: case P_GAMMA_RAD: return icm_set_gamma(m, x);
    case P_ROC_FPM: case P_ROC_FPS: return icm_set_climb_rate(m, x);
    case P_ALPHA_DEG: case P_ALPHA_RAD: return icm_set_alpha(m, x);
    case P_BETA_DEG: case P_BETA_RAD: icm_set_beta(m, x); return 0;
    case P_VW_MAG_FPS: icm_set_wind_mag(m, x); return 0;
    case P_VW_DIR_DEG: icm_set_wind_dir(m, x); return 0;
    case P_P: case P_Q: case P_R: m->omega_body_radps[id - P_P] = x; return 0;
    case P_TARGET_NLF: m->target_nlf = x; return 0;
    default: return -1;
    }
}

saqr_status ic_create(jx_ctx *c, ic_state **out)
{
    ic_state *s = arena_alloc(c->ar, sizeof *s);
    if (!s)
        return err_set(c->err, SAQR_ENOMEM, "initial conditions: out of memory");
    icm_init(&s->base);
    for (int i = 0; i < P_COUNT_; i++) {
        unsigned flags = PROP_IC | (defs[i].settable ? PROP_INPUT : (PROP_PRODUCED | PROP_READONLY));
        s->slot[i] = prop_intern(c->props, defs[i].name, flags, NULL);
        if (s->slot[i] < 0)
            return err_set(c->err, SAQR_ENOMEM, "initial conditions: cannot create %s", defs[i].name);
    }
    ic_publish(s, &s->base, c->props->v);
    *out = s;
    return SAQR_OK;
}

void ic_publish(ic_state *s, const ic_model *m, double *v)
{
    s->base = *m;
    for (int i = 0; i < P_COUNT_; i++) {
        double x = get_si(m, i) / defs[i].si_per_unit;
        v[s->slot[i]] = x;
        s->published[i] = x;
        s->written[i] = 0;
    }
}

void ic_mark_written(ic_state *s, int slot)
{
    for (int i = 0; i < P_COUNT_; i++)
        if (s->slot[i] == slot)
            s->written[i] = 1;
}

void ic_capture_model(const ic_state *s, const double r_ecef_m[3], double terrain_elev_m, const double euler_rad[3],
                      const double vel_ned_mps[3], const double omega_body_radps[3], const double wind_ned_mps[3],
                      ic_model *out)
{
    ic_model m = s->base;
    for (int k = 0; k < 3; k++)
        m.r_ecef_m[k] = r_ecef_m[k];
    m.terrain_elev_m = terrain_elev_m;
    m.last_lat = IC_SET_GEOD;
    m.last_alt = IC_SET_ASL;
    /* the Earth-relative velocity is the one given: attitude changes keep
     * it, the wind sets the airspeed from it */
    m.last_speed = IC_SET_NED;
    for (int k = 0; k < 3; k++)
        m.vel_ned_mps[k] = vel_ned_mps[k];
    for (int k = 0; k < 3; k++)
        icm_set_euler(&m, k, euler_rad[k]);
    icm_set_wind_ned(&m, wind_ned_mps);
    for (int k = 0; k < 3; k++)
        m.omega_body_radps[k] = omega_body_radps[k];
    *out = m;
}

void ic_capture(ic_state *s, const double r_ecef_m[3], double terrain_elev_m, const double euler_rad[3],
                const double vel_ned_mps[3], const double omega_body_radps[3], const double wind_ned_mps[3],
                double *v)
{
    ic_model m;
    ic_capture_model(s, r_ecef_m, terrain_elev_m, euler_rad, vel_ned_mps, omega_body_radps, wind_ned_mps, &m);
    ic_publish(s, &m, v);
}

/* Whether property i was written since the last publication. */
static int written_since_published(const ic_state *s, const double *v, int i)
{
    return defs[i].settable && (s->written[i] || v[s->slot[i]] != s->published[i]);
}

saqr_status ic_resolve_model(const ic_state *s, const double *v, ic_model *out, saqr_err *err)
{
    *out = s->base;
    for (int i = 0; i < P_COUNT_; i++) {
        double x = v[s->slot[i]];
        if (!written_since_published(s, v, i))
            continue;
        if (!isfinite(x))
            return err_set(err, SAQR_EINVAL, "%s: value is not finite", defs[i].name);
        if (set_si(out, i, x * defs[i].si_per_unit) != 0)
            return err_set(err, SAQR_EINVAL, "%s = %g cannot be reached with the other initial conditions",
                           defs[i].name, x);
    }
    return SAQR_OK;
}

int ic_read_pending(const ic_state *s, const double *v, int slot, double *out)
{
    int id = -1, pending = 0;
    for (int i = 0; i < P_COUNT_; i++) {
        if (s->slot[i] == slot)
            id = i;
        pending |= written_since_published(s, v, i);
    }
    if (id < 0 || !pending)
        return 0;
    ic_model m;
    saqr_err quiet;
    err_clear(&quiet);
    if (ic_resolve_model(s, v, &m, &quiet) != SAQR_OK) /* the initialisation will say why */
        return 0;
    *out = get_si(&m, id) / defs[id].si_per_unit;
    return 1;
}

saqr_status ic_resolve(const ic_state *s, const double *v, fdm_ic *out, saqr_err *err)
{
    ic_model m;
    saqr_status st = ic_resolve_model(s, v, &m, err);
    if (st)
        return st;
    icm_to_fdm_ic(&m, out);
    return SAQR_OK;
}

saqr_status ic_load(jx_ctx *c, ic_state *s, const char *path, double *v)
{
    ic_model m;
    saqr_status st = ic_resolve_model(s, v, &m, c->err);
    if (st)
        return st;
    xmlNode *root = jx_load_file(c, path);
    if (!root)
        return SAQR_EIO;
    st = ic_read_xml(c, root, &m);
    if (st)
        return st;
    ic_publish(s, &m, v);
    return SAQR_OK;
}
