/*
 * ic_load.c - reading JSBSim initialisation files (<initialize>) into the
 * initial-condition model.
 *
 * Version 1 (no version attribute, or 1.x): flat elements applied in
 * JSBSim's fixed order - longitude, elevation, altitude (= above ground,
 * like altitudeAGL) or altitudeMSL, latitude (geocentric unless
 * type="geod"), phi/theta/psi, ubody/vbody/wbody, vnorth/veast/vdown, vc,
 * vt, mach, gamma, roc, vground, alpha, beta, vwind, winddir, hwind, xwind,
 * targetNlf, trim; the order in the file does not matter.  Version 2.0:
 * <position frame="ECEF|ECI">, <orientation frame="local|ECEF|ECI">,
 * <velocity frame="local|body|ECEF|ECI">, <attitude_rate frame=...>,
 * <elevation>, <earth_position_angle>.  Both read any number of
 * <running>N</running> (-1: every engine).
 * Reference: JSBSim src/initialization/FGInitialCondition.cpp (Load,
 * Load_v1, Load_v2, LoadLatitude, SetTrimRequest).
 */
#include <math.h>
#include <string.h>
#include <strings.h>

#include "fdm/ic_model.h"
#include "math/units.h"
#include "math/vec3.h"
#include "math/trig.h"

/* Reads child `name` converted to `unit` into *x; 1 when present, 0 when
 * absent, -1 on error (message already in c->err). */
static int child(jx_ctx *c, const xmlNode *parent, const char *name, const char *unit, double *x)
{
    saqr_status st = jx_child_number(c, parent, name, unit, 0, x);
    if (st == SAQR_ENOTFOUND)
        return 0;
    return st == SAQR_OK ? 1 : -1;
}

static saqr_status load_latitude(jx_ctx *c, const xmlNode *parent, ic_model *m)
{
    const xmlNode *el = jx_first(parent, "latitude");
    if (!el)
        return SAQR_OK;
    double lat;
    saqr_status st = jx_number(c, el, "RAD", &lat);
    if (st)
        return st;
    if (fabs(lat) > UNITS_PI_2)
        return jx_error(c, el, "latitude %g rad is outside [-90 deg, +90 deg]", lat);
    const char *type = jx_attr(c, el, "type");
    if (type && (strcmp(type, "geod") == 0 || strcmp(type, "geodetic") == 0))
        icm_set_lat_geod(m, lat);
    else
        icm_set_lat_gc(m, lat);
    return SAQR_OK;
}

static int trim_mode_of(const char *s)
{
    static const char *const names[] = {"longitudinal", "full", "ground", "pullup", "custom", "turn"};
    if (strcmp(s, "1") == 0)
        return 2;   /* JSBSim: "1" means a ground trim, for compatibility */
    for (int i = 0; i < 6; i++)
        if (strcasecmp(s, names[i]) == 0)
            return i;
    return IC_TRIM_NONE;
}

/* Direction cosines of 3-2-1 Euler angles: "frame -> body". */
static void dcm_from_euler(const double e[3], double c[3][3])
{
    double sf = trig_sin(e[0]), cf = trig_cos(e[0]), st = trig_sin(e[1]), ct = trig_cos(e[1]);
    double sp = trig_sin(e[2]), cp = trig_cos(e[2]);
    double r[3][3] = {{ct * cp, ct * sp, -st},
                      {sf * st * cp - cf * sp, sf * st * sp + cf * cp, sf * ct},
                      {cf * st * cp + sf * sp, cf * st * sp - sf * cp, cf * ct}};
    memcpy(c, r, sizeof r);
}

static void set_euler_from_dcm(ic_model *m, const double c[3][3])
{
    double s = -c[0][2];
    s = s > 1.0 ? 1.0 : (s < -1.0 ? -1.0 : s);
    double psi = trig_atan2(c[0][1], c[0][0]);
    if (psi < 0.0)
        psi += 2.0 * UNITS_PI;
    m->euler_rad[0] = trig_atan2(c[1][2], c[2][2]);
    m->euler_rad[1] = asin(s);
    m->euler_rad[2] = psi;
}

static saqr_status load_v1(jx_ctx *c, const xmlNode *doc, ic_model *m)
{
    static const char *const known[] = {
        "ubody", "vbody", "wbody", "vnorth", "veast", "vdown", "latitude", "longitude", "phi",
        "theta", "psi", "alpha", "beta", "gamma", "roc", "elevation", "altitude", "altitudeAGL",
        "altitudeMSL", "winddir", "vwind", "hwind", "xwind", "vc", "vt", "mach", "vground",
        "running", "targetNlf", "trim", NULL};
    jx_warn_unknown(c, doc, known);
    double x;
    int r;
#define GET(name, unit) (r = child(c, doc, name, unit, &x)) < 0 ? SAQR_EPARSE : SAQR_OK
#define IF_GIVEN(name, unit, action)                                                               \
    do {                                                                                           \
        if (GET(name, unit))                                                                       \
            return SAQR_EPARSE;                                                                    \
        if (r > 0) {                                                                               \
            action;                                                                                \
        }                                                                                          \
    } while (0)

    IF_GIVEN("longitude", "RAD", icm_set_lon(m, x));
    IF_GIVEN("elevation", "FT", icm_set_terrain_elev(m, x * M_PER_FT));
    if (jx_first(doc, "altitude"))
        IF_GIVEN("altitude", "FT", icm_set_alt_agl(m, x * M_PER_FT));
    else if (jx_first(doc, "altitudeAGL"))
        IF_GIVEN("altitudeAGL", "FT", icm_set_alt_agl(m, x * M_PER_FT));
    else
        IF_GIVEN("altitudeMSL", "FT", icm_set_alt_asl(m, x * M_PER_FT));
    saqr_status st = load_latitude(c, doc, m);
    if (st)
        return st;

    /* the three Euler angles are set together, velocities unchanged in
     * NED (JSBSim assigns the orientation directly here) */
    double e[3] = {m->euler_rad[0], m->euler_rad[1], m->euler_rad[2]};
    static const char *const angles[3] = {"phi", "theta", "psi"};
    int any = 0;
    for (int i = 0; i < 3; i++) {
        IF_GIVEN(angles[i], "RAD", (e[i] = x, any = 1));
    }
    if (any) {
        /* JSBSim assigns the orientation directly: the Earth-relative
         * velocity (NED), vt and the wind-axes angles are kept */
        double cb[3][3];
        dcm_from_euler(e, cb);
        set_euler_from_dcm(m, cb);
    }

    static const char *const body[3] = {"ubody", "vbody", "wbody"};
    for (int i = 0; i < 3; i++)
        IF_GIVEN(body[i], "FT/SEC", icm_set_body_vel(m, i, x * M_PER_FT));
    static const char *const ned[3] = {"vnorth", "veast", "vdown"};
    for (int i = 0; i < 3; i++)
        IF_GIVEN(ned[i], "FT/SEC", icm_set_ned_vel(m, i, x * M_PER_FT));
    IF_GIVEN("vc", "KTS", icm_set_vcas(m, x * MPS_PER_KT));
    IF_GIVEN("vt", "KTS", icm_set_vt(m, x * MPS_PER_KT));
    IF_GIVEN("mach", NULL, icm_set_mach(m, x));
    IF_GIVEN("gamma", "DEG", if (icm_set_gamma(m, x * RAD_PER_DEG))
                                 jx_warn(c, jx_first(doc, "gamma"), "climb rate higher than the true airspeed; ignored"));
    IF_GIVEN("roc", "FT/SEC", if (icm_set_climb_rate(m, x * M_PER_FT))
                                  jx_warn(c, jx_first(doc, "roc"), "climb rate higher than the true airspeed; ignored"));
    IF_GIVEN("vground", "KTS", icm_set_vground(m, x * MPS_PER_KT));
    IF_GIVEN("alpha", "DEG", if (icm_set_alpha(m, x * RAD_PER_DEG))
                                 jx_warn(c, jx_first(doc, "alpha"), "this alpha cannot be reached; ignored"));
    IF_GIVEN("beta", "DEG", icm_set_beta(m, x * RAD_PER_DEG));
    IF_GIVEN("vwind", "KTS", icm_set_wind_mag(m, x * MPS_PER_KT));
    IF_GIVEN("winddir", "DEG", icm_set_wind_dir(m, x * RAD_PER_DEG));
    IF_GIVEN("hwind", "KTS", icm_set_head_wind(m, x * MPS_PER_KT));
    IF_GIVEN("xwind", "KTS", icm_set_cross_wind(m, x * MPS_PER_KT));
    IF_GIVEN("targetNlf", NULL, m->target_nlf = x);
    const xmlNode *trim = jx_first(doc, "trim");
    if (trim) {
        int mode = trim_mode_of(jx_text(c, trim));
        if (mode == IC_TRIM_NONE)
            jx_warn(c, trim, "unknown trim mode \"%s\"; ignored", jx_text(c, trim));
        else
            m->trim_request = mode;
    }
    vec3_set(m->omega_body_radps, 0.0, 0.0, 0.0);
    return SAQR_OK;
#undef IF_GIVEN
#undef GET
}

static const char *frame_of(jx_ctx *c, const xmlNode *el)
{
    const char *f = jx_attr(c, el, "frame");
    return f ? f : "";
}

static saqr_status load_v2(jx_ctx *c, const xmlNode *doc, ic_model *m)
{
    static const char *const known[] = {"earth_position_angle", "planet_position_angle", "elevation",
                                        "position", "orientation", "velocity", "attitude_rate",
                                        "running", "planet_rotation_rate", NULL};
    jx_warn_unknown(c, doc, known);
    double x, epa = 0.0;
    int r;
    if ((r = child(c, doc, "earth_position_angle", "RAD", &x)) < 0)
        return SAQR_EPARSE;
    if (r)
        epa = x;
    if ((r = child(c, doc, "planet_position_angle", "RAD", &x)) < 0)
        return SAQR_EPARSE;
    if (r)
        epa = x;
    if (jx_first(doc, "planet_rotation_rate"))
        jx_warn(c, jx_first(doc, "planet_rotation_rate"), "planet rotation rate is not supported; ignored");
    /* ECI -> ECEF at the initial instant */
    double ti2ec[3][3] = {{trig_cos(epa), trig_sin(epa), 0.0}, {-trig_sin(epa), trig_cos(epa), 0.0}, {0.0, 0.0, 1.0}};
    double omega[3] = {0.0, 0.0, m->earth.omega_radps};
    if ((r = child(c, doc, "elevation", "FT", &x)) < 0)
        return SAQR_EPARSE;
    if (r)
        m->terrain_elev_m = x * M_PER_FT;

    const xmlNode *pos = jx_first(doc, "position");
    if (!pos)
        return jx_error(c, doc, "initial position not specified (<position frame=...>)");
    const char *frame = frame_of(c, pos);
    double p[3];
    if (strcasecmp(frame, "eci") == 0) {
        if (jx_triplet(c, pos, "FT", 0, p))
            return SAQR_EPARSE;
        vec3_scale(p, M_PER_FT, p);
        mat3_mul_vec(ti2ec, p, m->r_ecef_m);
    } else if (strcasecmp(frame, "ecef") == 0) {
        if (!jx_first(pos, "x") && !jx_first(pos, "y") && !jx_first(pos, "z")) {
            if ((r = child(c, pos, "longitude", "RAD", &x)) < 0)
                return SAQR_EPARSE;
            if (r)
                icm_set_lon(m, x);
            if ((r = child(c, pos, "radius", "FT", &x)) < 0)
                return SAQR_EPARSE;
            if (r) {
                icm_set_radius(m, x * M_PER_FT);
            } else if (jx_first(pos, "altitudeAGL")) {
                if (child(c, pos, "altitudeAGL", "FT", &x) < 0)
                    return SAQR_EPARSE;
                icm_set_alt_agl(m, x * M_PER_FT);
            } else if (jx_first(pos, "altitudeMSL")) {
                if (child(c, pos, "altitudeMSL", "FT", &x) < 0)
                    return SAQR_EPARSE;
                icm_set_alt_asl(m, x * M_PER_FT);
            } else {
                return jx_error(c, pos, "no altitude or radius initial condition is given");
            }
            saqr_status st = load_latitude(c, pos, m);
            if (st)
                return st;
        } else {
            if (jx_triplet(c, pos, "FT", 0, p))
                return SAQR_EPARSE;
            vec3_scale(m->r_ecef_m, M_PER_FT, p);
        }
    } else {
        return jx_error(c, pos, "position frame must be ECI or ECEF");
    }

    /* local (NED) frame at the position */
    double lat, lon, alt, tec2l[3][3];
    earth_geodetic_from_ecef(&m->earth, m->r_ecef_m, &lat, &lon, &alt);
    earth_dcm_ned_from_ecef(&m->earth, lat, lon, tec2l);

    const xmlNode *ori = jx_first(doc, "orientation");
    if (ori) {
        double e[3], cb[3][3], cl[3][3];
        if (jx_triplet(c, ori, "RAD", 1, e))
            return SAQR_EPARSE;
        frame = frame_of(c, ori);
        dcm_from_euler(e, cb);
        if (strcasecmp(frame, "local") == 0) {
            memcpy(cl, cb, sizeof cl);
        } else if (strcasecmp(frame, "ecef") == 0 || strcasecmp(frame, "eci") == 0) {
            /* body <- frame <- local */
            double t_frame_local[3][3], tl2ec[3][3];
            mat3_transpose(tec2l, tl2ec);
            if (strcasecmp(frame, "eci") == 0) {
                double ti2l[3][3], tl2i[3][3];
                mat3_mul(tec2l, ti2ec, ti2l);
                mat3_transpose(ti2l, tl2i);
                memcpy(t_frame_local, tl2i, sizeof t_frame_local);
            } else {
                memcpy(t_frame_local, tl2ec, sizeof t_frame_local);
            }
            mat3_mul(cb, t_frame_local, cl);
        } else {
            return jx_error(c, ori, "orientation frame \"%s\" is not supported", frame);
        }
        set_euler_from_dcm(m, cl);
    }

    double tl2b[3][3];
    dcm_from_euler(m->euler_rad, tl2b);
    const xmlNode *vel = jx_first(doc, "velocity");
    vec3_set(m->vel_ned_mps, 0.0, 0.0, 0.0);
    if (vel) {
        double v[3];
        if (jx_triplet(c, vel, "FT/SEC", 0, v))
            return SAQR_EPARSE;
        vec3_scale(v, M_PER_FT, v);
        frame = frame_of(c, vel);
        if (strcasecmp(frame, "eci") == 0) {
            double r_eci[3], wxr[3], rel[3];
            mat3_tmul_vec(ti2ec, m->r_ecef_m, r_eci);
            vec3_cross(wxr, omega, r_eci);
            vec3_sub(rel, v, wxr);
            /* as JSBSim, Tec2l is applied to the difference directly */
            mat3_mul_vec(tec2l, rel, m->vel_ned_mps);
            m->last_speed = IC_SET_NED;
        } else if (strcasecmp(frame, "ecef") == 0) {
            mat3_mul_vec(tec2l, v, m->vel_ned_mps);
            m->last_speed = IC_SET_NED;
        } else if (strcasecmp(frame, "local") == 0) {
            vec3_copy(m->vel_ned_mps, v);
            m->last_speed = IC_SET_NED;
        } else if (strcasecmp(frame, "body") == 0) {
            mat3_tmul_vec(tl2b, v, m->vel_ned_mps);
            m->last_speed = IC_SET_UVW;
        } else {
            return jx_error(c, vel, "velocity frame \"%s\" is not supported", frame);
        }
    }
    /* no wind: the airspeed is the ground velocity */
    m->vt_mps = vec3_norm(m->vel_ned_mps);
    icm_set_wind_ned(m, (const double[3]){0.0, 0.0, 0.0});

    const xmlNode *rate = jx_first(doc, "attitude_rate");
    vec3_set(m->omega_body_radps, 0.0, 0.0, 0.0);
    if (rate) {
        double w[3], t[3];
        if (jx_triplet(c, rate, "RAD/SEC", 0, w))
            return SAQR_EPARSE;
        frame = frame_of(c, rate);
        if (strcasecmp(frame, "eci") == 0) {
            double ti2l[3][3];
            mat3_mul(tec2l, ti2ec, ti2l);
            vec3_sub(w, w, omega);
            mat3_mul_vec(ti2l, w, t);
            mat3_mul_vec(tl2b, t, m->omega_body_radps);
        } else if (strcasecmp(frame, "ecef") == 0) {
            mat3_mul_vec(tec2l, w, t);
            mat3_mul_vec(tl2b, t, m->omega_body_radps);
        } else if (strcasecmp(frame, "local") == 0) {
            /* plus the rotation of the local frame (Stevens & Lewis 1.5-14a) */
            double rinv = 1.0 / vec3_norm(m->r_ecef_m), *vn = m->vel_ned_mps;
            double wl[3] = {rinv * vn[1], -rinv * vn[0], -rinv * vn[1] * tan(icm_lat_gc_rad(m))};
            vec3_add(t, w, wl);
            mat3_mul_vec(tl2b, t, m->omega_body_radps);
        } else if (strcasecmp(frame, "body") == 0 || frame[0] == '\0') {
            if (frame[0] != '\0')
                vec3_copy(m->omega_body_radps, w);
        } else {
            return jx_error(c, rate, "attitude rate frame \"%s\" is not supported", frame);
        }
    }
    return SAQR_OK;
}

saqr_status ic_read_xml(jx_ctx *c, const xmlNode *root, ic_model *m)
{
    if (!jx_is(root, "initialize"))
        return jx_error(c, root, "<%s> is not an initialisation file (<initialize> expected)",
                        (const char *)root->name);
    const char *ver = jx_attr(c, root, "version");
    double version = 1.0;
    if (ver) {
        char *end;
        version = strtod(ver, &end);
        if (end == ver)
            return jx_error(c, root, "bad version \"%s\"", ver);
    }
    saqr_status st;
    if (version >= 3.0)
        return jx_error(c, root, "only initialisation file versions 1 and 2 are supported");
    else if (version >= 2.0)
        st = load_v2(c, root, m);
    else
        st = load_v1(c, root, m);
    if (st)
        return st;
    for (const xmlNode *el = jx_first(root, "running"); el; el = jx_next(el, "running")) {
        double n;
        if (jx_number(c, el, NULL, &n))
            return SAQR_EPARSE;
        int k = (int)n;
        if (k == -1)
            m->running_all = 1;
        else if (k >= 0 && k < 32)
            m->running_mask |= 1u << k;
        else
            return jx_error(c, el, "engine number %d out of range", k);
    }
    return SAQR_OK;
}
