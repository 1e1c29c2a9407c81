/*
 * output_model.c - what an aircraft adds to JSBSim's output groups: the
 * columns of <coefficients> (aero functions), <fcs> (flight-control
 * components), <ground_reactions> (per contact unit, then the totals) and
 * <propulsion> (per engine and thruster, then the tanks), with the print
 * precisions JSBSim's string streams use, and the standard columns no
 * property publishes: inertial and body accelerations, aero moments about
 * the reference point, viscosities, turbulence, the attitude quaternions
 * in the local, ECEF and ECI frames.  Built once when the files open;
 * the getters run between steps and never allocate.
 * Reference: JSBSim src/input_output/FGOutputTextFile.cpp,
 * src/models/FGAerodynamics.cpp (GetAeroFunctionStrings/Values),
 * FGFCS.cpp (GetComponentStrings/Values), FGGroundReactions.cpp,
 * FGPropulsion.cpp, FGAccelerations.cpp (CalculateUVWdot),
 * FGAtmosphere.cpp (viscosity), FGPropagate.cpp (UpdateBodyMatrices),
 * math/FGMatrix33.cpp (GetQuaternion), math/FGLocation.cpp (Tec2l).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fdm/aero.h"
#include "fdm/fcs.h"
#include "fdm/ground.h"
#include "fdm/propulsion.h"
#include "math/quat.h"
#include "math/units.h"
#include "script/output.h"
#include "math/trig.h"

/* What the getters need besides the property values. */
typedef struct model_ctx {
    const saqr_fdm *f;
    int s_temp_r, s_rho, s_lat_geod, s_lon, s_epa, s_mass;
    double eci_sign;  /* JSBSim's ECI quaternion is +-1 times Saqr's     */
} model_ctx;

enum {
    FX_UVWIDOT = 0,    /* + axis */
    FX_BODY_ACCEL = 3, /* + axis */
    FX_MRC = 6,        /* + axis */
    FX_VISC_ABS = 9,
    FX_VISC_KIN,
    FX_ZERO,
    FX_Q_LOCAL = 12,   /* + component */
    FX_Q_ECEF = 16,
    FX_Q_ECI = 20,
    FX_WEIGHT = 24,    /* + axis */
    FX_EXT_MOMENT = 27 /* + axis */
};

/* JSBSim's atmosphere viscosity constants (FGAtmosphere.h). */
#define SUTHERLAND_R 198.72
#define VISC_BETA 2.269690E-08 /* slug/(s ft R^0.5) */

/* Quaternion of a transformation matrix m[row][col], by JSBSim's
 * FGMatrix33::GetQuaternion (largest-term branch, so the sign matches). */
static void matrix_quat(const double m[3][3], double q[4])
{
    double t[4] = {1.0 + m[0][0] + m[1][1] + m[2][2], 1.0 + m[0][0] - m[1][1] - m[2][2],
                   1.0 - m[0][0] + m[1][1] - m[2][2], 1.0 - m[0][0] - m[1][1] + m[2][2]};
    int k = 0;
    for (int i = 1; i < 4; i++)
        if (t[i] > t[k])
            k = i;
    q[k] = 0.5 * sqrt(t[k]);
    double r = 0.25 / q[k];
    switch (k) {
    case 0:
        q[1] = r * (m[1][2] - m[2][1]), q[2] = r * (m[2][0] - m[0][2]), q[3] = r * (m[0][1] - m[1][0]);
        break;
    case 1:
        q[0] = r * (m[1][2] - m[2][1]), q[2] = r * (m[0][1] + m[1][0]), q[3] = r * (m[2][0] + m[0][2]);
        break;
    case 2:
        q[0] = r * (m[2][0] - m[0][2]), q[1] = r * (m[0][1] + m[1][0]), q[3] = r * (m[1][2] + m[2][1]);
        break;
    default:
        q[0] = r * (m[0][1] - m[1][0]), q[1] = r * (m[2][0] + m[0][2]), q[2] = r * (m[1][2] + m[2][1]);
        break;
    }
}

/* ECEF -> ECI: a rotation by the Earth position angle about z. */
static void ecef_to_eci(double epa_rad, double t[3][3])
{
    double c = trig_cos(epa_rad), s = trig_sin(epa_rad);
    double r[3][3] = {{c, -s, 0.0}, {s, c, 0.0}, {0.0, 0.0, 1.0}};
    memcpy(t, r, sizeof r);
}

/* Local NED -> ECEF at a geodetic latitude and longitude (the transpose
 * of FGLocation's Tec2l). */
static void local_to_ecef(double lat_rad, double lon_rad, double t[3][3])
{
    double sla = trig_sin(lat_rad), cla = trig_cos(lat_rad), slo = trig_sin(lon_rad), clo = trig_cos(lon_rad);
    double r[3][3] = {{-clo * sla, -slo, -clo * cla}, {-slo * sla, clo, -slo * cla}, {cla, 0.0, -sla}};
    memcpy(t, r, sizeof r);
}

static void mat_mul(const double a[3][3], const double b[3][3], double out[3][3])
{
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++)
            out[i][j] = a[i][0] * b[0][j] + a[i][1] * b[1][j] + a[i][2] * b[2][j];
}

/* Attitude quaternion component `k` in frame `frame` (FX_Q_*), from the
 * integrated ECI attitude and the published position, as JSBSim's
 * UpdateBodyMatrices derives Tl2b and Tec2b. */
static double quaternion(const model_ctx *m, int frame, int k)
{
    const double *q_eci = m->f->x.q_eci_body;
    if (frame == FX_Q_ECI)
        return m->eci_sign * q_eci[k];
    double ti2b[3][3], tec2i[3][3], tec2b[3][3], q[4];
    quat_to_dcm(q_eci, ti2b);
    ecef_to_eci(saqr_fdm_get(m->f, m->s_epa), tec2i); /* worked out when read */
    mat_mul(ti2b, tec2i, tec2b);
    if (frame == FX_Q_ECEF) {
        matrix_quat(tec2b, q);
        return q[k];
    }
    /* local (NED) -> body = ECEF -> body times local -> ECEF */
    double tl2ec[3][3], tl2b[3][3];
    local_to_ecef(saqr_fdm_get(m->f, m->s_lat_geod), saqr_fdm_get(m->f, m->s_lon), tl2ec);
    mat_mul(tec2b, tl2ec, tl2b);
    matrix_quat(tl2b, q);
    return q[k];
}

/* JSBSim integrates its ECI quaternion from Q(Ti2l) * Q(phi, theta, psi)
 * at the initial conditions (FGPropagate::SetInitialState); Saqr's starts
 * from its matrix.  Both then move continuously, so the sign between them
 * found now holds for the run. */
static double eci_sign_now(const model_ctx *m)
{
    /* the initial Euler angles as given (not derived back from the matrix,
     * where a yaw of -0 becomes 2 pi and flips the half angle's sign) */
    const saqr_fdm *f = m->f;
    if (m->s_epa < 0 || m->s_lat_geod < 0 || m->s_lon < 0 || !f->ic_valid)
        return 1.0;
    const double *eul = f->ic_applied.euler_rad;
    double tec2i[3][3], tl2ec[3][3], tl2i[3][3], ti2l[3][3], q_i2l[4], q_l2b[4], ref[4];
    ecef_to_eci(saqr_fdm_get(m->f, m->s_epa), tec2i); /* worked out when read */
    local_to_ecef(saqr_fdm_get(m->f, m->s_lat_geod), saqr_fdm_get(m->f, m->s_lon), tl2ec);
    mat_mul(tec2i, tl2ec, tl2i);
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++)
            ti2l[i][j] = tl2i[j][i];
    matrix_quat(ti2l, q_i2l);
    quat_from_euler(eul[0], eul[1], eul[2], q_l2b);
    quat_mul(q_i2l, q_l2b, ref);
    const double *q = m->f->x.q_eci_body;
    double dot = ref[0] * q[0] + ref[1] * q[1] + ref[2] * q[2] + ref[3] * q[3];
    return dot < 0.0 ? -1.0 : 1.0;
}

static double fixed_value(const void *src, int index, int field, const double *v)
{
    (void)index;
    const model_ctx *m = src;
    const saqr_fdm *f = m->f;
    if (field >= FX_EXT_MOMENT)
        return f->f_ext.moment_body_nm[field - FX_EXT_MOMENT] / (N_PER_LBF * M_PER_FT);
    if (field >= FX_WEIGHT) /* mass times gravitation, body axes (the mass
                                 worked out when read, see fdm_lazy_value) */
        return saqr_fdm_get(f, m->s_mass) * f->env.gravity_body_mps2[field - FX_WEIGHT] / M_PER_FT;
    if (field >= FX_Q_LOCAL)
        return quaternion(m, field >= FX_Q_ECI ? FX_Q_ECI : field >= FX_Q_ECEF ? FX_Q_ECEF : FX_Q_LOCAL,
                          (field - FX_Q_LOCAL) % 4);
    if (field < FX_BODY_ACCEL) /* d/dt of the inertial velocity, ECI axes */
        return f->xdot.vel_eci_mps[field - FX_UVWIDOT] / M_PER_FT;
    if (field < FX_MRC)
        return f->acc.body_accel_mps2[field - FX_BODY_ACCEL] / M_PER_FT;
    if (field < FX_VISC_ABS)
        return f->aero ? aero_moment_mrc_lbsft(f->aero, field - FX_MRC, v) : 0.0;
    if (field == FX_VISC_ABS || field == FX_VISC_KIN) {
        double t_r = saqr_fdm_get(f, m->s_temp_r); /* worked out when read */
        double mu = VISC_BETA * pow(t_r, 1.5) / (SUTHERLAND_R + t_r);
        return field == FX_VISC_ABS ? mu : mu / saqr_fdm_get(f, m->s_rho);
    }
    return 0.0; /* FX_ZERO */
}

static int fixed_column(const void *user, const char *title, output_column *col)
{
    const model_ctx *m = user;
    static const struct { const char *title; int field; int need_position; } map[] = {
        {"UdotBody_i", FX_UVWIDOT, 0},
        {"VdotBody_i", FX_UVWIDOT + 1, 0},
        {"WdotBody_i", FX_UVWIDOT + 2, 0},
        {"BodyAccel_X", FX_BODY_ACCEL, 0},
        {"BodyAccel_Y", FX_BODY_ACCEL + 1, 0},
        {"BodyAccel_Z", FX_BODY_ACCEL + 2, 0},
        {"L_{Aero MRC} (ft-lbs)", FX_MRC, 0},
        {"M_{Aero MRC} (ft-lbs)", FX_MRC + 1, 0},
        {"N_{Aero MRC} (ft-lbs)", FX_MRC + 2, 0},
        {"Absolute Viscosity", FX_VISC_ABS, 0},
        {"Kinematic Viscosity", FX_VISC_KIN, 0},
        /* Saqr's JSBSim path models no turbulence (FGWinds ttNone) and
         * no gas cells (FGBuoyantForces). */
        {"Turbulence Magnitude (ft/sec)", FX_ZERO, 0},
        {"Turbulence X Direction (deg)", FX_ZERO, 0},
        {"Roll Turbulence (deg/sec)", FX_ZERO, 0},
        {"Pitch Turbulence (deg/sec)", FX_ZERO, 0},
        {"Yaw Turbulence (deg/sec)", FX_ZERO, 0},
        {"F_{Buoyant x} (lbs)", FX_ZERO, 0},
        {"F_{Buoyant y} (lbs)", FX_ZERO, 0},
        {"F_{Buoyant z} (lbs)", FX_ZERO, 0},
        {"L_{Buoyant} (ft-lbs)", FX_ZERO, 0},
        {"M_{Buoyant} (ft-lbs)", FX_ZERO, 0},
        {"N_{Buoyant} (ft-lbs)", FX_ZERO, 0},
        {"F_{Weight x} (lbs)", FX_WEIGHT, 0},
        {"F_{Weight y} (lbs)", FX_WEIGHT + 1, 0},
        {"F_{Weight z} (lbs)", FX_WEIGHT + 2, 0},
        {"L_{ext} (ft-lbs)", FX_EXT_MOMENT, 0},
        {"M_{ext} (ft-lbs)", FX_EXT_MOMENT + 1, 0},
        {"N_{ext} (ft-lbs)", FX_EXT_MOMENT + 2, 0},
        {"Q(1)_{LOCAL}", FX_Q_LOCAL, 1}, {"Q(2)_{LOCAL}", FX_Q_LOCAL + 1, 1},
        {"Q(3)_{LOCAL}", FX_Q_LOCAL + 2, 1}, {"Q(4)_{LOCAL}", FX_Q_LOCAL + 3, 1},
        {"Q(1)_{ECEF}", FX_Q_ECEF, 1}, {"Q(2)_{ECEF}", FX_Q_ECEF + 1, 1},
        {"Q(3)_{ECEF}", FX_Q_ECEF + 2, 1}, {"Q(4)_{ECEF}", FX_Q_ECEF + 3, 1},
        {"Q(1)_{ECI}", FX_Q_ECI, 0}, {"Q(2)_{ECI}", FX_Q_ECI + 1, 0},
        {"Q(3)_{ECI}", FX_Q_ECI + 2, 0}, {"Q(4)_{ECI}", FX_Q_ECI + 3, 0},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
        if (strcmp(map[i].title, title) != 0)
            continue;
        int f = map[i].field;
        if ((f == FX_VISC_ABS || f == FX_VISC_KIN) && (m->s_temp_r < 0 || m->s_rho < 0))
            return 0;
        if (f >= FX_WEIGHT && f < FX_EXT_MOMENT && m->s_mass < 0)
            return 0;
        if (map[i].need_position && (m->s_epa < 0 || m->s_lat_geod < 0 || m->s_lon < 0))
            return 0;
        memset(col, 0, sizeof *col);
        col->title = map[i].title;
        col->slot = -1;
        col->get = fixed_value;
        col->src = m;
        col->field = f;
        col->scale = 1.0;
        return 1;
    }
    return 0;
}

/* ---- model groups ---------------------------------------------------------- */

static double fcs_value(const void *src, int index, int field, const double *v)
{
    (void)field, (void)v;
    return fcs_component_output(src, index);
}

static double ground_value(const void *src, int index, int field, const double *v)
{
    (void)v;
    return ground_unit_value(src, index, (ground_report_field)field);
}

static double propulsion_value(const void *src, int index, int field, const double *v)
{
    return propulsion_report_value(src, index, field, v);
}

static output_column *new_cols(arena *ar, int n)
{
    return arena_array(ar, (size_t)(n > 0 ? n : 1), sizeof(output_column));
}

static void set_slot_col(output_column *c, const char *title, int slot, double scale, int prec)
{
    memset(c, 0, sizeof *c);
    c->title = title, c->slot = slot, c->scale = scale, c->prec = prec;
}

static void set_get_col(output_column *c, const char *title, output_getter get, const void *src, int index,
                        int field, int prec)
{
    memset(c, 0, sizeof *c);
    c->title = title, c->slot = -1, c->get = get, c->src = src;
    c->index = index, c->field = field, c->scale = 1.0, c->prec = prec;
}

/* <coefficients>: each aero function's value at 6 digits (the values the
 * step computed, which JSBSim caches for its output). */
static saqr_status coefficients(saqr_fdm *f, output_source *src)
{
    if (!f->aero)
        return SAQR_OK;
    int n = aero_output_functions(f->aero, NULL, 0);
    const jfunc **fn = arena_array(&f->ar, (size_t)(n ? n : 1), sizeof *fn);
    output_column *c = new_cols(&f->ar, n);
    if (!fn || !c)
        return err_set(&f->err, SAQR_ENOMEM, "out of memory");
    aero_output_functions(f->aero, fn, n);
    int k = 0;
    for (int i = 0; i < n; i++) {
        int slot = jfunc_output(fn[i]);
        if (slot >= 0)
            set_slot_col(&c[k++], f->props.names[slot], slot, 1.0, 6);
    }
    src->group[OUTPUT_COEFFICIENTS] = c;
    src->ngroup[OUTPUT_COEFFICIENTS] = k;
    return SAQR_OK;
}

/* <fcs>: every component's output at 9 digits. */
static saqr_status fcs_group(saqr_fdm *f, output_source *src)
{
    if (!f->fcs)
        return SAQR_OK;
    int n = fcs_component_count(f->fcs);
    output_column *c = new_cols(&f->ar, n);
    if (!c)
        return err_set(&f->err, SAQR_ENOMEM, "out of memory");
    for (int i = 0; i < n; i++) {
        const char *name = fcs_component_name(f->fcs, i);
        set_get_col(&c[i], name ? name : "", fcs_value, f->fcs, i, 0, 9);
    }
    src->group[OUTPUT_FCS] = c;
    src->ngroup[OUTPUT_FCS] = n;
    return SAQR_OK;
}

/* <ground_reactions>: the unit columns, then the total gear force and
 * moment.  JSBSim switches its stream's precision inside the list (5, 6,
 * 10 digits) and the totals keep the last one set. */
static saqr_status ground_group(saqr_fdm *f, output_source *src)
{
    static const struct { const char *suffix; int prec; } cols[] = {
        {" WOW", 6},
        {" stroke (ft)", 5},
        {" stroke velocity (ft/sec)", 6},
        {" compress force (lbs)", 10},
        {" wheel side force (lbs)", 10},
        {" wheel roll force (lbs)", 10},
        {" body X force (lbs)", 10},
        {" body Y force (lbs)", 10},
        {" wheel velocity vec X (ft/sec)", 6},
        {" wheel velocity vec Y (ft/sec)", 6},
        {" wheel rolling velocity (ft/sec)", 6},
        {" wheel side velocity (ft/sec)", 6},
        {" wheel slip (deg)", 6},
    };
    static const struct { const char *title, *prop; } totals[] = {
        {" Total Gear Force_X (lbs)", "forces/fbx-gear-lbs"},   {" Total Gear Force_Y (lbs)", "forces/fby-gear-lbs"},
        {" Total Gear Force_Z (lbs)", "forces/fbz-gear-lbs"},   {" Total Gear Moment_L (ft-lbs)", "moments/l-gear-lbsft"},
        {" Total Gear Moment_M (ft-lbs)", "moments/m-gear-lbsft"}, {" Total Gear Moment_N (ft-lbs)", "moments/n-gear-lbsft"},
    };
    int nu = f->gnd ? ground_contact_count(f->gnd) : 0;
    output_column *c = new_cols(&f->ar, nu * 13 + 6);
    if (!c)
        return err_set(&f->err, SAQR_ENOMEM, "out of memory");
    int n = 0, prec = 6;
    for (int i = 0; i < nu; i++) {
        int bogey = 0;
        const char *name = ground_unit_name(f->gnd, i, &bogey);
        int ncols = bogey ? 13 : 4;
        for (int k = 0; k < ncols; k++) {
            char title[512];
            snprintf(title, sizeof title, "%s%s", name ? name : "", cols[k].suffix);
            char *t = arena_strdup(&f->ar, title);
            if (!t)
                return err_set(&f->err, SAQR_ENOMEM, "out of memory");
            prec = cols[k].prec;
            set_get_col(&c[n++], t, ground_value, f->gnd, i, k, prec);
        }
    }
    for (int k = 0; k < 6; k++) {
        int slot = prop_find(&f->props, totals[k].prop);
        if (slot < 0) {
            fdm_log(f, "warning: output: no property %s for <ground_reactions>", totals[k].prop);
            continue;
        }
        set_slot_col(&c[n++], totals[k].title, slot, 1.0, prec);
    }
    src->group[OUTPUT_GROUND] = c;
    src->ngroup[OUTPUT_GROUND] = n;
    return SAQR_OK;
}

/* <propulsion>: engine and thruster columns, then the tanks, at 6 digits
 * (the rocket's moment and force vectors at 16, FGColumnVector3::Dump). */
static saqr_status propulsion_group(saqr_fdm *f, output_source *src)
{
    if (!f->prop || propulsion_engine_count(f->prop) == 0)
        return SAQR_OK; /* JSBSim writes the group only with engines */
    int n = propulsion_report_columns(f->prop, NULL, 0);
    propulsion_report_col *pc = arena_array(&f->ar, (size_t)(n ? n : 1), sizeof *pc);
    output_column *c = new_cols(&f->ar, n);
    if (!pc || !c)
        return err_set(&f->err, SAQR_ENOMEM, "out of memory");
    propulsion_report_columns(f->prop, pc, n);
    int k = 0;
    for (int i = 0; i < n; i++) {
        char title[512];
        propulsion_report_label(f->prop, &pc[i], title, sizeof title);
        char *t = arena_strdup(&f->ar, title);
        if (!t)
            return err_set(&f->err, SAQR_ENOMEM, "out of memory");
        double scale;
        const char *suffix = propulsion_report_property(&pc[i], &scale);
        if (suffix) {
            char name[128];
            snprintf(name, sizeof name, "propulsion/engine[%d]/%s", pc[i].index, suffix);
            int slot = prop_find(&f->props, name);
            if (slot < 0) {
                fdm_log(f, "warning: output: no property %s for <propulsion>; column \"%s\" left out", name, t);
                continue;
            }
            set_slot_col(&c[k++], t, slot, scale, 6);
        } else {
            int vec = strstr(t, " Moment (engine ") || strstr(t, " Force (engine ");
            set_get_col(&c[k++], t, propulsion_value, f->prop, pc[i].index, pc[i].field, vec ? 16 : 6);
        }
    }
    src->group[OUTPUT_PROPULSION] = c;
    src->ngroup[OUTPUT_PROPULSION] = k;
    return SAQR_OK;
}

saqr_status output_model_source(saqr_fdm *f, output_source *src)
{
    memset(src, 0, sizeof *src);
    model_ctx *m = arena_alloc(&f->ar, sizeof *m);
    if (!m)
        return err_set(&f->err, SAQR_ENOMEM, "out of memory");
    m->f = f;
    m->s_temp_r = prop_find(&f->props, "atmosphere/T-R");
    m->s_rho = prop_find(&f->props, "atmosphere/rho-slugs_ft3");
    m->s_lat_geod = prop_find(&f->props, "position/lat-geod-rad");
    m->s_lon = prop_find(&f->props, "position/long-gc-rad");
    m->s_epa = prop_find(&f->props, "position/epa-rad");
    m->s_mass = prop_find(&f->props, "inertia/mass-slugs");
    m->eci_sign = eci_sign_now(m);
    src->fixed = fixed_column;
    src->user = m;
    saqr_status st;
    if ((st = coefficients(f, src)) != SAQR_OK || (st = fcs_group(f, src)) != SAQR_OK ||
        (st = ground_group(f, src)) != SAQR_OK || (st = propulsion_group(f, src)) != SAQR_OK)
        return st;
    return SAQR_OK;
}
