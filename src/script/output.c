/*
 * output.c - JSBSim output directives written as CSV or tab-separated
 * text files; see output.h for the behaviour.
 *
 * A directive keeps what its element says (names, switches, rate) until
 * output_set_open resolves it into columns: a property slot with a scale
 * and a print precision, or a named <function>.  The group switches are
 * mapped onto the JSBSim properties that carry the same quantities, with
 * JSBSim's column titles; a quantity Saqr does not publish is left out
 * with a warning, unless the aircraft's output_source computes it.
 * <coefficients>, <fcs>, <ground_reactions> and <propulsion> list model
 * internals (aero functions, FCS components, gear units, engines and
 * tanks); their columns come from the output_source (output_model.c).
 * Reference: JSBSim src/input_output/FGOutputTextFile.cpp (titles,
 * precisions), FGOutputType.cpp (rate, switches), src/models/FGModel.cpp
 * (the frame counter).
 */
#include "script/output.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "expr/func.h"

#define OUT_NAME_MAX 1024
#define RAD_TO_DEG 57.295779513082320876798154814105

enum {
    G_SIMULATION = 1u << 0, G_AEROSURFACES = 1u << 1, G_RATES = 1u << 2, G_VELOCITIES = 1u << 3,
    G_FORCES = 1u << 4, G_MOMENTS = 1u << 5, G_ATMOSPHERE = 1u << 6, G_MASSPROPS = 1u << 7,
    G_POSITION = 1u << 8, G_COEFFICIENTS = 1u << 9, G_FCS = 1u << 10, G_GROUND = 1u << 11,
    G_PROPULSION = 1u << 12
};

/* The switch elements, in JSBSim's column order. */
static const struct { const char *element; unsigned bit; } switches[] = {
    {"simulation", G_SIMULATION},     {"aerosurfaces", G_AEROSURFACES}, {"rates", G_RATES},
    {"velocities", G_VELOCITIES},     {"forces", G_FORCES},             {"moments", G_MOMENTS},
    {"atmosphere", G_ATMOSPHERE},     {"massprops", G_MASSPROPS},       {"position", G_POSITION},
    {"coefficients", G_COEFFICIENTS}, {"aerodynamics", G_COEFFICIENTS}, {"fcs", G_FCS},
    {"ground_reactions", G_GROUND},   {"propulsion", G_PROPULSION},
};

/* One column of a group: JSBSim's title, the property holding the value
 * (NULL: not published by Saqr), a factor and the print precision. */
typedef struct group_col {
    unsigned group;
    const char *title, *prop;
    double scale;
    int prec;
} group_col;

static const group_col group_cols[] = {
    {G_AEROSURFACES, "Aileron Command (norm)", "fcs/aileron-cmd-norm", 1, 10},
    {G_AEROSURFACES, "Elevator Command (norm)", "fcs/elevator-cmd-norm", 1, 10},
    {G_AEROSURFACES, "Rudder Command (norm)", "fcs/rudder-cmd-norm", 1, 10},
    {G_AEROSURFACES, "Flap Command (norm)", "fcs/flap-cmd-norm", 1, 10},
    {G_AEROSURFACES, "Left Aileron Position (deg)", "fcs/left-aileron-pos-deg", 1, 10},
    {G_AEROSURFACES, "Right Aileron Position (deg)", "fcs/right-aileron-pos-deg", 1, 10},
    {G_AEROSURFACES, "Elevator Position (deg)", "fcs/elevator-pos-deg", 1, 10},
    {G_AEROSURFACES, "Rudder Position (deg)", "fcs/rudder-pos-deg", 1, 10},
    {G_AEROSURFACES, "Flap Position (deg)", "fcs/flap-pos-deg", 1, 10},

    {G_RATES, "P (deg/s)", "velocities/p-rad_sec", RAD_TO_DEG, 16},
    {G_RATES, "Q (deg/s)", "velocities/q-rad_sec", RAD_TO_DEG, 16},
    {G_RATES, "R (deg/s)", "velocities/r-rad_sec", RAD_TO_DEG, 16},
    {G_RATES, "P dot (deg/s^2)", "accelerations/pdot-rad_sec2", RAD_TO_DEG, 16},
    {G_RATES, "Q dot (deg/s^2)", "accelerations/qdot-rad_sec2", RAD_TO_DEG, 16},
    {G_RATES, "R dot (deg/s^2)", "accelerations/rdot-rad_sec2", RAD_TO_DEG, 16},
    {G_RATES, "P_{inertial} (deg/s)", "velocities/pi-rad_sec", RAD_TO_DEG, 16},
    {G_RATES, "Q_{inertial} (deg/s)", "velocities/qi-rad_sec", RAD_TO_DEG, 16},
    {G_RATES, "R_{inertial} (deg/s)", "velocities/ri-rad_sec", RAD_TO_DEG, 16},

    {G_VELOCITIES, "q bar (psf)", "aero/qbar-psf", 1, 10},
    {G_VELOCITIES, "Reynolds Number", "aero/Re", 1, 10},
    {G_VELOCITIES, "V_{Total} (ft/s)", "velocities/vt-fps", 1, 12},
    {G_VELOCITIES, "V_{Inertial} (ft/s)", "velocities/eci-velocity-mag-fps", 1, 12},
    {G_VELOCITIES, "UBody", "velocities/u-fps", 1, 16},
    {G_VELOCITIES, "VBody", "velocities/v-fps", 1, 16},
    {G_VELOCITIES, "WBody", "velocities/w-fps", 1, 16},
    {G_VELOCITIES, "UdotBody", "accelerations/udot-ft_sec2", 1, 16},
    {G_VELOCITIES, "VdotBody", "accelerations/vdot-ft_sec2", 1, 16},
    {G_VELOCITIES, "WdotBody", "accelerations/wdot-ft_sec2", 1, 16},
    {G_VELOCITIES, "UdotBody_i", "accelerations/uidot-ft_sec2", 1, 16},
    {G_VELOCITIES, "VdotBody_i", "accelerations/vidot-ft_sec2", 1, 16},
    {G_VELOCITIES, "WdotBody_i", "accelerations/widot-ft_sec2", 1, 16},
    {G_VELOCITIES, "BodyAccel_X", NULL, 1, 16},
    {G_VELOCITIES, "BodyAccel_Y", NULL, 1, 16},
    {G_VELOCITIES, "BodyAccel_Z", NULL, 1, 16},
    {G_VELOCITIES, "Aero V_{X Body} (ft/s)", "velocities/u-aero-fps", 1, 16},
    {G_VELOCITIES, "Aero V_{Y Body} (ft/s)", "velocities/v-aero-fps", 1, 16},
    {G_VELOCITIES, "Aero V_{Z Body} (ft/s)", "velocities/w-aero-fps", 1, 16},
    {G_VELOCITIES, "V_{X_{inertial}} (ft/s)", "velocities/eci-x-fps", 1, 16},
    {G_VELOCITIES, "V_{Y_{inertial}} (ft/s)", "velocities/eci-y-fps", 1, 16},
    {G_VELOCITIES, "V_{Z_{inertial}} (ft/s)", "velocities/eci-z-fps", 1, 16},
    {G_VELOCITIES, "V_{X_{ecef}} (ft/s)", "velocities/ecef-x-fps", 1, 16},
    {G_VELOCITIES, "V_{Y_{ecef}} (ft/s)", "velocities/ecef-y-fps", 1, 16},
    {G_VELOCITIES, "V_{Z_{ecef}} (ft/s)", "velocities/ecef-z-fps", 1, 16},
    {G_VELOCITIES, "V_{North} (ft/s)", "velocities/v-north-fps", 1, 16},
    {G_VELOCITIES, "V_{East} (ft/s)", "velocities/v-east-fps", 1, 16},
    {G_VELOCITIES, "V_{Down} (ft/s)", "velocities/v-down-fps", 1, 16},

    {G_FORCES, "F_{Drag} (lbs)", "forces/fwx-aero-lbs", 1, 16},
    {G_FORCES, "F_{Side} (lbs)", "forces/fwy-aero-lbs", 1, 16},
    {G_FORCES, "F_{Lift} (lbs)", "forces/fwz-aero-lbs", 1, 16},
    {G_FORCES, "L/D", "forces/lod-norm", 1, 10},
    {G_FORCES, "F_{Aero x} (lbs)", "forces/fbx-aero-lbs", 1, 16},
    {G_FORCES, "F_{Aero y} (lbs)", "forces/fby-aero-lbs", 1, 16},
    {G_FORCES, "F_{Aero z} (lbs)", "forces/fbz-aero-lbs", 1, 16},
    {G_FORCES, "F_{Prop x} (lbs)", "forces/fbx-prop-lbs", 1, 16},
    {G_FORCES, "F_{Prop y} (lbs)", "forces/fby-prop-lbs", 1, 16},
    {G_FORCES, "F_{Prop z} (lbs)", "forces/fbz-prop-lbs", 1, 16},
    {G_FORCES, "F_{Gear x} (lbs)", "forces/fbx-gear-lbs", 1, 16},
    {G_FORCES, "F_{Gear y} (lbs)", "forces/fby-gear-lbs", 1, 16},
    {G_FORCES, "F_{Gear z} (lbs)", "forces/fbz-gear-lbs", 1, 16},
    {G_FORCES, "F_{Ext x} (lbs)", "forces/fbx-external-lbs", 1, 16},
    {G_FORCES, "F_{Ext y} (lbs)", "forces/fby-external-lbs", 1, 16},
    {G_FORCES, "F_{Ext z} (lbs)", "forces/fbz-external-lbs", 1, 16},
    {G_FORCES, "F_{Buoyant x} (lbs)", "forces/fbx-buoyancy-lbs", 1, 16},
    {G_FORCES, "F_{Buoyant y} (lbs)", "forces/fby-buoyancy-lbs", 1, 16},
    {G_FORCES, "F_{Buoyant z} (lbs)", "forces/fbz-buoyancy-lbs", 1, 16},
    {G_FORCES, "F_{Weight x} (lbs)", "forces/fbx-weight-lbs", 1, 16},
    {G_FORCES, "F_{Weight y} (lbs)", "forces/fby-weight-lbs", 1, 16},
    {G_FORCES, "F_{Weight z} (lbs)", "forces/fbz-weight-lbs", 1, 16},
    {G_FORCES, "F_{Total x} (lbs)", "forces/fbx-total-lbs", 1, 16},
    {G_FORCES, "F_{Total y} (lbs)", "forces/fby-total-lbs", 1, 16},
    {G_FORCES, "F_{Total z} (lbs)", "forces/fbz-total-lbs", 1, 16},

    {G_MOMENTS, "L_{Aero} (ft-lbs)", "moments/l-aero-lbsft", 1, 16},
    {G_MOMENTS, "M_{Aero} (ft-lbs)", "moments/m-aero-lbsft", 1, 16},
    {G_MOMENTS, "N_{Aero} (ft-lbs)", "moments/n-aero-lbsft", 1, 16},
    {G_MOMENTS, "L_{Aero MRC} (ft-lbs)", NULL, 1, 16},
    {G_MOMENTS, "M_{Aero MRC} (ft-lbs)", NULL, 1, 16},
    {G_MOMENTS, "N_{Aero MRC} (ft-lbs)", NULL, 1, 16},
    {G_MOMENTS, "L_{Prop} (ft-lbs)", "moments/l-prop-lbsft", 1, 16},
    {G_MOMENTS, "M_{Prop} (ft-lbs)", "moments/m-prop-lbsft", 1, 16},
    {G_MOMENTS, "N_{Prop} (ft-lbs)", "moments/n-prop-lbsft", 1, 16},
    {G_MOMENTS, "L_{Gear} (ft-lbs)", "moments/l-gear-lbsft", 1, 16},
    {G_MOMENTS, "M_{Gear} (ft-lbs)", "moments/m-gear-lbsft", 1, 16},
    {G_MOMENTS, "N_{Gear} (ft-lbs)", "moments/n-gear-lbsft", 1, 16},
    {G_MOMENTS, "L_{ext} (ft-lbs)", "moments/l-external-lbsft", 1, 16},
    {G_MOMENTS, "M_{ext} (ft-lbs)", "moments/m-external-lbsft", 1, 16},
    {G_MOMENTS, "N_{ext} (ft-lbs)", "moments/n-external-lbsft", 1, 16},
    {G_MOMENTS, "L_{Buoyant} (ft-lbs)", "moments/l-buoyancy-lbsft", 1, 16},
    {G_MOMENTS, "M_{Buoyant} (ft-lbs)", "moments/m-buoyancy-lbsft", 1, 16},
    {G_MOMENTS, "N_{Buoyant} (ft-lbs)", "moments/n-buoyancy-lbsft", 1, 16},
    {G_MOMENTS, "L_{Total} (ft-lbs)", "moments/l-total-lbsft", 1, 16},
    {G_MOMENTS, "M_{Total} (ft-lbs)", "moments/m-total-lbsft", 1, 16},
    {G_MOMENTS, "N_{Total} (ft-lbs)", "moments/n-total-lbsft", 1, 16},

    {G_ATMOSPHERE, "Rho (slugs/ft^3)", "atmosphere/rho-slugs_ft3", 1, 10},
    {G_ATMOSPHERE, "Absolute Viscosity", NULL, 1, 10},
    {G_ATMOSPHERE, "Kinematic Viscosity", NULL, 1, 10},
    {G_ATMOSPHERE, "Temperature (R)", "atmosphere/T-R", 1, 10},
    {G_ATMOSPHERE, "P_{SL} (psf)", "atmosphere/P-sl-psf", 1, 10},
    {G_ATMOSPHERE, "P_{Ambient} (psf)", "atmosphere/P-psf", 1, 10},
    {G_ATMOSPHERE, "Turbulence Magnitude (ft/sec)", NULL, 1, 10},
    {G_ATMOSPHERE, "Turbulence X Direction (deg)", NULL, 1, 10},
    {G_ATMOSPHERE, "Wind V_{North} (ft/s)", "atmosphere/total-wind-north-fps", 1, 16},
    {G_ATMOSPHERE, "Wind V_{East} (ft/s)", "atmosphere/total-wind-east-fps", 1, 16},
    {G_ATMOSPHERE, "Wind V_{Down} (ft/s)", "atmosphere/total-wind-down-fps", 1, 16},
    {G_ATMOSPHERE, "Roll Turbulence (deg/sec)", "atmosphere/p-turb-rad_sec", RAD_TO_DEG, 16},
    {G_ATMOSPHERE, "Pitch Turbulence (deg/sec)", "atmosphere/q-turb-rad_sec", RAD_TO_DEG, 16},
    {G_ATMOSPHERE, "Yaw Turbulence (deg/sec)", "atmosphere/r-turb-rad_sec", RAD_TO_DEG, 16},

    /* JSBSim prints its inertia matrix J; its properties publish -J(1,2),
     * +J(1,3) and -J(2,3) (FGMassBalance::GetIxy, GetIxz, GetIyz). */
    {G_MASSPROPS, "I_{xx}", "inertia/ixx-slugs_ft2", 1, 10},
    {G_MASSPROPS, "I_{xy}", "inertia/ixy-slugs_ft2", -1, 10},
    {G_MASSPROPS, "I_{xz}", "inertia/ixz-slugs_ft2", 1, 10},
    {G_MASSPROPS, "I_{yx}", "inertia/ixy-slugs_ft2", -1, 10},
    {G_MASSPROPS, "I_{yy}", "inertia/iyy-slugs_ft2", 1, 10},
    {G_MASSPROPS, "I_{yz}", "inertia/iyz-slugs_ft2", -1, 10},
    {G_MASSPROPS, "I_{zx}", "inertia/ixz-slugs_ft2", 1, 10},
    {G_MASSPROPS, "I_{zy}", "inertia/iyz-slugs_ft2", -1, 10},
    {G_MASSPROPS, "I_{zz}", "inertia/izz-slugs_ft2", 1, 10},
    {G_MASSPROPS, "Mass", "inertia/mass-slugs", 1, 10},
    {G_MASSPROPS, "Weight", "inertia/weight-lbs", 1, 10},
    {G_MASSPROPS, "X_{cg}", "inertia/cg-x-in", 1, 16},
    {G_MASSPROPS, "Y_{cg}", "inertia/cg-y-in", 1, 16},
    {G_MASSPROPS, "Z_{cg}", "inertia/cg-z-in", 1, 16},

    {G_POSITION, "Altitude ASL (ft)", "position/h-sl-ft", 1, 14},
    {G_POSITION, "Altitude AGL (ft)", "position/h-agl-ft", 1, 14},
    {G_POSITION, "Phi (deg)", "attitude/phi-deg", 1, 16},
    {G_POSITION, "Theta (deg)", "attitude/theta-deg", 1, 16},
    {G_POSITION, "Psi (deg)", "attitude/psi-deg", 1, 16},
    {G_POSITION, "Q(1)_{LOCAL}", NULL, 1, 16},
    {G_POSITION, "Q(2)_{LOCAL}", NULL, 1, 16},
    {G_POSITION, "Q(3)_{LOCAL}", NULL, 1, 16},
    {G_POSITION, "Q(4)_{LOCAL}", NULL, 1, 16},
    {G_POSITION, "Q(1)_{ECEF}", NULL, 1, 16},
    {G_POSITION, "Q(2)_{ECEF}", NULL, 1, 16},
    {G_POSITION, "Q(3)_{ECEF}", NULL, 1, 16},
    {G_POSITION, "Q(4)_{ECEF}", NULL, 1, 16},
    {G_POSITION, "Q(1)_{ECI}", NULL, 1, 16},
    {G_POSITION, "Q(2)_{ECI}", NULL, 1, 16},
    {G_POSITION, "Q(3)_{ECI}", NULL, 1, 16},
    {G_POSITION, "Q(4)_{ECI}", NULL, 1, 16},
    {G_POSITION, "Alpha (deg)", "aero/alpha-deg", 1, 14},
    {G_POSITION, "Beta (deg)", "aero/beta-deg", 1, 14},
    {G_POSITION, "Latitude (deg)", "position/lat-gc-deg", 1, 14},
    {G_POSITION, "Latitude Geodetic (deg)", "position/lat-geod-deg", 1, 14},
    {G_POSITION, "Longitude (deg)", "position/long-gc-deg", 1, 14},
    {G_POSITION, "X_{ECI} (ft)", "position/eci-x-ft", 1, 16},
    {G_POSITION, "Y_{ECI} (ft)", "position/eci-y-ft", 1, 16},
    {G_POSITION, "Z_{ECI} (ft)", "position/eci-z-ft", 1, 16},
    {G_POSITION, "X_{ECEF} (ft)", "position/ecef-x-ft", 1, 16},
    {G_POSITION, "Y_{ECEF} (ft)", "position/ecef-y-ft", 1, 16},
    {G_POSITION, "Z_{ECEF} (ft)", "position/ecef-z-ft", 1, 16},
    {G_POSITION, "Earth Position Angle (deg)", "position/epa-rad", RAD_TO_DEG, 14},
    {G_POSITION, "Distance AGL (ft)", "position/h-agl-ft", 1, 14},
    {G_POSITION, "Terrain Elevation (ft)", "position/terrain-elevation-asl-ft", 1, 14},
};

/* A resolved column. */
typedef struct out_col {
    const char *title;          /* header text                             */
    int slot;                   /* property, or -1 for a function/getter   */
    const jfunc *func;          /* named <function>, or NULL               */
    output_getter get;          /* model value, or NULL                    */
    const void *src;
    int index, field;
    double scale;
    int width, prec;            /* field width, significant digits         */
} out_col;

/* One directive.  Fields above `cols` come from the element. */
typedef struct out_dir {
    const char *where;          /* file:line of the element                */
    char name[OUT_NAME_MAX];    /* file name (directive's or override)     */
    char delim;                 /* ',' or '\t'                             */
    double rate_hz;
    unsigned groups;            /* G_* switched ON                         */
    const char **props;         /* <property> names, as written            */
    const char **captions;      /* caption= or NULL, by property           */
    const char **applied_names; /* apply= template, or NULL, by property   */
    const jfunc **applied;      /* that template on the property, or NULL  */
    int nprops;
    const jfunc **funcs;        /* named <function>s                       */
    const char **func_names;
    int nfuncs;
    int rate_slot, enabled_slot;/* simulation/output[i]/log_rate_hz, enabled */

    out_col *cols;              /* resolved by output_set_open             */
    int ncols;
    double *snapshot;           /* the initial-condition row, ncols values */
    double snapshot_t_s;
    int have_snapshot;          /* taken by output_set_capture_ic, unused  */
    int first_row;              /* the opened file's first row is next     */
    int pending_reset;
    FILE *fp;
    char file[OUT_NAME_MAX + 16]; /* file written now                      */
    int run_id;                 /* next _N suffix after a reset            */
    double dt_s;
    int every;                  /* rows every `every` frames               */
    int counter;                /* JSBSim's exe_ctr                        */
    int enabled;
    double rate_published;      /* what we last wrote to rate_slot         */
} out_dir;

struct output_set {
    arena *ar;
    out_dir *d;
    int n, cap;
    output_fg fg[OUTPUT_FG_MAX]; /* type="FLIGHTGEAR": sent by the program */
    int nfg;
};

/* ---- loading ------------------------------------------------------------ */

static int grow(output_set *o)
{
    if (o->n < o->cap)
        return 1;
    int cap = o->cap ? o->cap * 2 : 4;
    out_dir *d = arena_array(o->ar, (size_t)cap, sizeof *d);
    if (!d)
        return 0;
    if (o->n)
        memcpy(d, o->d, sizeof *d * (size_t)o->n);
    o->d = d;
    o->cap = cap;
    return 1;
}

/* A directive written in the aircraft or script with file= is that
 * element with the file's <output> merged in, as JSBSim's FGModel::Upload
 * does: the element's own attributes win, the file's fill the rest, and
 * the file's children follow the element's.  `file` is NULL or `el` when
 * there is no file. */
typedef struct merged {
    const xmlNode *part[2];
    int n;
} merged;

static const char *m_attr(jx_ctx *c, const merged *m, const char *name)
{
    for (int i = 0; i < m->n; i++) {
        const char *a = jx_attr(c, m->part[i], name);
        if (a)
            return a;
    }
    return NULL;
}

static xmlNode *m_first(const merged *m, const char *name)
{
    for (int i = 0; i < m->n; i++) {
        xmlNode *x = jx_first(m->part[i], name);
        if (x)
            return x;
    }
    return NULL;
}

static int m_count(const merged *m, const char *name)
{
    int n = 0;
    for (int i = 0; i < m->n; i++)
        n += jx_count(m->part[i], name);
    return n;
}

static int switched_on(jx_ctx *c, const merged *m, const char *name)
{
    xmlNode *s = m_first(m, name);
    return s && strcmp(jx_text(c, s), "ON") == 0;
}

static output_set *set_of(jx_ctx *c, output_set **set)
{
    if (!*set && (*set = arena_alloc(c->ar, sizeof **set)))
        (*set)->ar = c->ar;
    return *set;
}

/* <output type="FLIGHTGEAR" name="HOST" port="N" protocol="UDP" rate="R">:
 * FlightGear's native FDM packets (JSBSim's FGOutputFG), recorded for the
 * program to send (the library opens no sockets). */
static saqr_status add_flightgear(jx_ctx *c, output_set **set, const xmlNode *el, const merged *m)
{
    const char *host = m_attr(c, m, "name"), *port = m_attr(c, m, "port"), *proto = m_attr(c, m, "protocol");
    const char *rate = m_attr(c, m, "rate");
    if (!host || !host[0] || strlen(host) >= sizeof ((output_fg *)0)->host)
        return jx_error(c, el, "a FLIGHTGEAR output needs the host in name=");
    char *end;
    long p = port ? strtol(port, &end, 10) : 0;
    if (!port || end == port || *end || p < 1 || p > 65535)
        return jx_error(c, el, "a FLIGHTGEAR output needs a port= from 1 to 65535");
    double hz = 60.0;
    if (rate && (hz = strtod(rate, &end), end == rate || *end || !isfinite(hz) || hz <= 0.0))
        return jx_error(c, el, "rate=\"%.40s\" is not a rate in Hz", rate);
    if (proto && strcasecmp(proto, "UDP") != 0)
        jx_warn(c, el, "protocol=\"%s\": FlightGear packets are sent over UDP", proto);
    output_set *o = set_of(c, set);
    if (!o)
        return err_set(c->err, SAQR_ENOMEM, "out of memory");
    if (o->nfg == OUTPUT_FG_MAX)
        return jx_error(c, el, "more than %d FLIGHTGEAR outputs", OUTPUT_FG_MAX);
    output_fg *g = &o->fg[o->nfg++];
    strcpy(g->host, host);
    g->port = (int)p;
    g->rate_hz = hz > 1000.0 ? 1000.0 : hz;
    g->where = jx_where(c, el);
    return SAQR_OK;
}

int output_set_flightgear_count(const output_set *o)
{
    return o ? o->nfg : 0;
}

const output_fg *output_set_flightgear(const output_set *o, int index)
{
    return o && index >= 0 && index < o->nfg ? &o->fg[index] : NULL;
}

saqr_status output_set_add(jx_ctx *c, output_set **set, const xmlNode *el, const xmlNode *file)
{
    merged m = {{el, file}, file && file != el ? 2 : 1};
    const char *type = m_attr(c, &m, "type");
    char up[32] = "";
    for (size_t i = 0; type && type[i] && i + 1 < sizeof up; i++)
        up[i] = (char)toupper((unsigned char)type[i]), up[i + 1] = '\0';
    if (strcmp(up, "FLIGHTGEAR") == 0)
        return add_flightgear(c, set, el, &m);
    if (strcmp(up, "CSV") != 0 && strcmp(up, "TABULAR") != 0) {
        jx_warn(c, el, "output type \"%s\" is not supported; this output is skipped", type ? type : "");
        return SAQR_OK;
    }
    const char *name = m_attr(c, &m, "name");
    if (!name || !name[0])
        return jx_error(c, el, "<output> needs a name= file");
    if (strlen(name) >= OUT_NAME_MAX)
        return jx_error(c, el, "output file name too long");

    double rate = 1.0;
    const char *r = m_attr(c, &m, "rate");
    if (r) {
        char *end;
        rate = strtod(r, &end);
        while (*end && isspace((unsigned char)*end))
            end++;
        if (end == r || *end || !isfinite(rate))
            return jx_error(c, el, "rate=\"%.40s\" is not a number", r);
    }

    output_set *o = set_of(c, set);
    if (!o)
        return err_set(c->err, SAQR_ENOMEM, "out of memory");
    if (!grow(o))
        return err_set(c->err, SAQR_ENOMEM, "out of memory");
    out_dir *d = &o->d[o->n];
    memset(d, 0, sizeof *d);
    d->where = jx_where(c, el);
    strcpy(d->name, name);
    d->delim = strcmp(up, "TABULAR") == 0 ? '\t' : ',';
    d->rate_hz = rate;

    static const char *const known[] = {"simulation", "aerosurfaces", "rates", "velocities", "forces",
                                        "moments", "atmosphere", "massprops", "position", "coefficients",
                                        "aerodynamics", "fcs", "ground_reactions", "propulsion",
                                        "property", "function", NULL};
    for (int i = 0; i < m.n; i++)
        jx_warn_unknown(c, m.part[i], known);
    for (size_t i = 0; i < sizeof switches / sizeof switches[0]; i++)
        if (switched_on(c, &m, switches[i].element))
            d->groups |= switches[i].bit;

    d->nprops = m_count(&m, "property");
    d->props = arena_array(c->ar, (size_t)d->nprops + 1, sizeof *d->props);
    d->captions = arena_array(c->ar, (size_t)d->nprops + 1, sizeof *d->captions);
    d->applied_names = arena_array(c->ar, (size_t)d->nprops + 1, sizeof *d->applied_names);
    d->applied = arena_array(c->ar, (size_t)d->nprops + 1, sizeof *d->applied);
    d->nfuncs = m_count(&m, "function");
    d->funcs = arena_array(c->ar, (size_t)d->nfuncs + 1, sizeof *d->funcs);
    d->func_names = arena_array(c->ar, (size_t)d->nfuncs + 1, sizeof *d->func_names);
    if (!d->props || !d->captions || !d->applied_names || !d->applied || !d->funcs || !d->func_names)
        return err_set(c->err, SAQR_ENOMEM, "out of memory");
    /* template functions first, as FGModel::Upload loads them before the
     * properties that apply them */
    for (int part = 0; part < m.n; part++)
        for (xmlNode *fe = jx_first(m.part[part], "function"); fe; fe = jx_next(fe, "function"))
            if (jfunc_template_take(c, fe) < 0)
                return SAQR_EPARSE;
    int k = 0;
    for (int part = 0; part < m.n; part++) {
        for (xmlNode *p = jx_first(m.part[part], "property"); p; p = jx_next(p, "property")) {
            d->props[k] = jx_text(c, p);
            d->captions[k] = jx_attr(c, p, "caption");
            const char *apply = jx_attr(c, p, "apply");
            d->applied_names[k] = apply;
            d->applied[k] = NULL;
            if (apply) {
                /* as JSBSim: a template or property that does not exist
                 * leaves the column out */
                jfunc *jf;
                if (!jx_template_find(c, apply)) {
                    jx_warn(c, p, "no template function \"%s\" is defined; %s is not written", apply, d->props[k]);
                    continue;
                }
                if (prop_find(c->props, d->props[k]) < 0) {
                    jx_warn(c, p, "no property \"%s\"; it is not written", d->props[k]);
                    continue;
                }
                if (jfunc_load_applied(c, p, apply, d->props[k], &jf) != SAQR_OK)
                    return SAQR_EPARSE;
                d->applied[k] = jf;
            }
            k++;
        }
    }
    d->nprops = k;
    k = 0;
    for (int part = 0; part < m.n; part++) {
        for (xmlNode *fe = jx_first(m.part[part], "function"); fe; fe = jx_next(fe, "function")) {
            const char *ftype = jx_attr(c, fe, "type");
            if (ftype && !strcmp(ftype, "template"))
                continue; /* recorded above */
            const char *fname = jx_attr(c, fe, "name");
            if (!fname || !fname[0]) {
                jx_warn(c, fe, "an output <function> without name= is skipped");
                continue;
            }
            jfunc *jf;
            if (jfunc_load(c, fe, &jf) != SAQR_OK)
                return SAQR_EPARSE;
            if (jfunc_is_random(jf)) {
                jx_warn(c, fe, "random output function \"%s\" is skipped (it would disturb the run)", fname);
                continue;
            }
            d->funcs[k] = jf;
            d->func_names[k] = fname;
            k++;
        }
    }
    d->nfuncs = k;

    d->rate_slot = prop_intern_indexed(c->props, "simulation/output", o->n, "log_rate_hz", PROP_INPUT, d->where);
    d->enabled_slot = prop_intern_indexed(c->props, "simulation/output", o->n, "enabled", PROP_INPUT, d->where);
    if (d->rate_slot < 0 || d->enabled_slot < 0)
        return err_set(c->err, SAQR_ENOMEM, "out of memory");
    /* JSBSim's Load ends with SetRateHz: the rate, and the output on
     * unless the rate is 0; a script or the caller may change either
     * before the files are opened */
    c->props->v[d->rate_slot] = d->rate_hz;
    c->props->v[d->enabled_slot] = d->rate_hz > 0.0;
    o->n++;
    return SAQR_OK;
}

void output_set_mark_read(const output_set *o, prop_tree *t)
{
    for (int i = 0; o && i < o->n; i++)
        for (int k = 0; k < o->d[i].ncols; k++) {
            const out_col *col = &o->d[i].cols[k];
            if (!col->func && !col->get && col->slot >= 0 && col->slot < t->count)
                t->flags[col->slot] |= PROP_READ;
        }
}

int output_set_count(const output_set *o)
{
    return o ? o->n : 0;
}

saqr_status output_set_rename(output_set *o, int index, const char *name)
{
    if (!o || index < 0 || index >= o->n || !name || !name[0] || strlen(name) >= OUT_NAME_MAX)
        return SAQR_EINVAL;
    strcpy(o->d[index].name, name);
    return SAQR_OK;
}

const char *output_set_name(const output_set *o, int index)
{
    if (!o || index < 0 || index >= o->n)
        return NULL;
    return o->d[index].name;
}

const char *output_set_file(const output_set *o, int index)
{
    if (!o || index < 0 || index >= o->n || !o->d[index].file[0])
        return NULL;
    return o->d[index].file;
}

/* ---- files --------------------------------------------------------------- */

static int is_cout(const char *name)
{
    const char *w = "COUT";
    for (; *name && *w; name++, w++)
        if (toupper((unsigned char)*name) != *w)
            return 0;
    return *name == '\0' && *w == '\0';
}

/* The frames between rows for `hz` (clamped to [0, 1000] Hz), as
 * JSBSim's SetRateHz sets them, and the rate that gives published. */
static void set_period(out_dir *d, double hz, double *v)
{
    hz = hz > 1000.0 ? 1000.0 : hz < 0.0 ? 0.0 : hz;
    if (hz > 0.0) {
        double n = 0.5 + 1.0 / (d->dt_s * hz);
        /* JSBSim truncates to 0 (never writes) above twice the frame rate;
         * writing every frame is what such a request means. */
        d->every = n < 1.0 ? 1 : n > 1e9 ? 1000000000 : (int)n;
    } else {
        d->every = 1;
    }
    d->rate_published = 1.0 / (d->every * d->dt_s);
    v[d->rate_slot] = d->rate_published;
}

/* JSBSim's SetRateHz: the period, and a rate above 0 switches the output
 * on, 0 off. */
static void set_rate(out_dir *d, double hz, double *v)
{
    set_period(d, hz, v);
    d->enabled = hz > 0.0;
    v[d->enabled_slot] = d->enabled;
}

static saqr_status write_header(out_dir *d, saqr_err *err)
{
    fputs("Time", d->fp);
    for (int i = 0; i < d->ncols; i++) {
        fputc(d->delim, d->fp);
        fputs(d->cols[i].title, d->fp);
    }
    fputc('\n', d->fp);
    if (fflush(d->fp) != 0 || ferror(d->fp))
        return err_set(err, SAQR_EIO, "%s: cannot write", d->file);
    return SAQR_OK;
}

static saqr_status open_file(out_dir *d, saqr_err *err)
{
    if (is_cout(d->file)) {
        d->fp = stdout;
    } else {
        d->fp = fopen(d->file, "w");
        if (!d->fp)
            return err_set(err, SAQR_EIO, "%s: cannot create the output file", d->file);
    }
    return write_header(d, err);
}

static void close_file(out_dir *d)
{
    if (d->fp && d->fp != stdout)
        fclose(d->fp);
    else if (d->fp)
        fflush(d->fp);
    d->fp = NULL;
}

/* Name of the next file after a reset: NAME_N.ext, as SetStartNewOutput. */
static void next_file_name(out_dir *d)
{
    const char *dot = strrchr(d->name, '.');
    const char *slash = strrchr(d->name, '/');
    size_t stem = dot && (!slash || dot > slash) ? (size_t)(dot - d->name) : strlen(d->name);
    char suffix[16];
    snprintf(suffix, sizeof suffix, "_%d", d->run_id++ % 1000000);
    /* d->name is shorter than OUT_NAME_MAX, d->file has room for 16 more */
    size_t ns = strlen(suffix), rest = strlen(d->name + stem);
    memcpy(d->file, d->name, stem);
    memcpy(d->file + stem, suffix, ns);
    memcpy(d->file + stem + ns, d->name + stem, rest + 1);
}

static void add_col(out_dir *d, const char *title, int slot, const jfunc *fn, double scale, int prec)
{
    out_col *col = &d->cols[d->ncols++];
    memset(col, 0, sizeof *col);
    col->title = title;
    col->slot = slot;
    col->func = fn;
    col->scale = scale;
    col->prec = prec;
}

static void add_model_col(out_dir *d, const output_column *mc)
{
    out_col *col = &d->cols[d->ncols++];
    memset(col, 0, sizeof *col);
    col->title = mc->title;
    col->slot = mc->slot;
    col->get = mc->slot < 0 ? mc->get : NULL;
    col->src = mc->src;
    col->index = mc->index;
    col->field = mc->field;
    col->scale = mc->scale;
    col->width = mc->width;
    col->prec = mc->prec;
}

/* The model group of a switch bit, or -1. */
static int model_group(unsigned g)
{
    return g == G_COEFFICIENTS ? OUTPUT_COEFFICIENTS
           : g == G_FCS        ? OUTPUT_FCS
           : g == G_GROUND     ? OUTPUT_GROUND
           : g == G_PROPULSION ? OUTPUT_PROPULSION
                               : -1;
}

static void warn(jx_log_fn log, void *user, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void warn(jx_log_fn log, void *user, const char *fmt, ...)
{
    if (!log)
        return;
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    log(user, msg);
}

/* Resolves the columns of one directive. */
static saqr_status resolve(output_set *o, out_dir *d, const prop_tree *t, const output_source *src,
                           jx_log_fn log, void *user, saqr_err *err)
{
    size_t cap = sizeof group_cols / sizeof group_cols[0] + (size_t)d->nprops + (size_t)d->nfuncs;
    for (int k = 0; src && k < OUTPUT_MODEL_GROUPS; k++)
        cap += (size_t)src->ngroup[k];
    d->cols = arena_array(o->ar, cap, sizeof *d->cols);
    d->snapshot = arena_array(o->ar, cap, sizeof *d->snapshot);
    if (!d->cols || !d->snapshot)
        return err_set(err, SAQR_ENOMEM, "out of memory");
    d->ncols = 0;
    unsigned done = 0;
    for (size_t s = 0; s < sizeof switches / sizeof switches[0]; s++) {
        unsigned g = switches[s].bit;
        if (!(d->groups & g) || (done & g))
            continue;
        done |= g;
        int mg = model_group(g);
        if (mg >= 0) {
            if (!src)
                warn(log, user, "%s: warning: output %s: no aircraft, <%s> is empty", d->where, d->name,
                     switches[s].element);
            for (int i = 0; src && i < src->ngroup[mg]; i++)
                add_model_col(d, &src->group[mg][i]);
            continue;
        }
        char missing[600] = "";
        int nmissing = 0;
        for (size_t i = 0; i < sizeof group_cols / sizeof group_cols[0]; i++) {
            const group_col *gc = &group_cols[i];
            if (gc->group != g)
                continue;
            int slot = gc->prop ? prop_find(t, gc->prop) : -1;
            output_column mc;
            if (slot >= 0) {
                add_col(d, gc->title, slot, NULL, gc->scale, gc->prec);
                /* JSBSim prints its inertia matrix with setw(12) */
                if (g == G_MASSPROPS && gc->title[0] == 'I')
                    d->cols[d->ncols - 1].width = 12;
            } else if (src && src->fixed && src->fixed(src->user, gc->title, &mc)) {
                mc.title = gc->title;
                mc.prec = gc->prec;
                add_model_col(d, &mc);
            } else {
                size_t len = strlen(missing);
                if (len + strlen(gc->title) + 5 <= sizeof missing) {
                    int k = snprintf(missing + len, sizeof missing - len, "%s\"%s\"", nmissing ? ", " : "",
                                     gc->title);
                    (void)k; /* fits: checked above */
                }
                nmissing++;
            }
        }
        if (nmissing)
            warn(log, user, "%s: warning: output %s: %d column(s) of <%s> are not available and left out: %s",
                 d->where, d->name, nmissing, switches[s].element, missing);
    }
    for (int i = 0; i < d->nprops; i++) {
        int slot = prop_find(t, d->props[i]);
        if (slot < 0) {
            warn(log, user, "%s: warning: output %s: no property \"%s\"; it is not written", d->where, d->name,
                 d->props[i]);
            continue;
        }
        /* JSBSim titles a property with its full path, or the caption; a
         * template applied to it as template(full path) */
        const char *title = d->captions[i];
        if (!title || !title[0]) {
            const char *tn = d->applied[i] ? d->applied_names[i] : "";
            size_t n = strlen(t->names[slot]) + strlen(tn) + 15;
            char *full = arena_alloc(o->ar, n);
            if (!full)
                return err_set(err, SAQR_ENOMEM, "out of memory");
            if (d->applied[i])
                snprintf(full, n, "%s(/fdm/jsbsim/%s)", tn, t->names[slot]);
            else
                snprintf(full, n, "/fdm/jsbsim/%s", t->names[slot]);
            title = full;
        }
        if (d->applied[i])
            add_col(d, title, -1, d->applied[i], 1.0, 18);
        else
            add_col(d, title, slot, NULL, 1.0, 18);
    }
    for (int i = 0; i < d->nfuncs; i++)
        add_col(d, d->func_names[i], -1, d->funcs[i], 1.0, 18);
    return SAQR_OK;
}

saqr_status output_set_open(output_set *o, const prop_tree *t, const output_source *src, double dt_s,
                            jx_log_fn log, void *log_user, saqr_err *err)
{
    if (!o)
        return SAQR_OK;
    if (!(dt_s > 0.0))
        return err_set(err, SAQR_EINVAL, "output: the time step must be positive");
    for (int i = 0; i < o->n; i++) {
        out_dir *d = &o->d[i];
        saqr_status st = resolve(o, d, t, src, log, log_user, err);
        if (st != SAQR_OK)
            return st;
        snprintf(d->file, sizeof d->file, "%s", d->name);
        d->run_id = 0;
        d->dt_s = dt_s;
        d->counter = 1;
        d->pending_reset = 0;
        d->have_snapshot = 0;
        d->first_row = 1;
        /* the rate and the switch as loaded (JSBSim sets them when it
         * loads the directive), or as written since */
        const double hz = t->v[d->rate_slot];
        set_period(d, hz, t->v);
        /* a rate of 0 written since switches it off (JSBSim's SetRateHz) */
        d->enabled = t->v[d->enabled_slot] != 0.0 && hz > 0.0;
        t->v[d->enabled_slot] = d->enabled;
        st = open_file(d, err);
        if (st != SAQR_OK) {
            output_set_close(o);
            return st;
        }
    }
    return SAQR_OK;
}

/* ---- rows ---------------------------------------------------------------- */

static double col_value(const out_col *col, double *v)
{
    if (col->func)
        return jfunc_eval(col->func, v, NULL);
    if (col->get)
        return col->scale * col->get(col->src, col->index, col->field, v);
    return col->scale == 1.0 ? v[col->slot] : col->scale * v[col->slot];
}

static saqr_status write_row(out_dir *d, double t_s, const double *values, double *v, saqr_err *err)
{
    fprintf(d->fp, "%.10g", t_s);
    for (int i = 0; i < d->ncols; i++) {
        double x = values ? values[i] : col_value(&d->cols[i], v);
        fprintf(d->fp, "%c%*.*g", d->delim, d->cols[i].width, d->cols[i].prec, x);
    }
    fputc('\n', d->fp);
    if (ferror(d->fp))
        return err_set(err, SAQR_EIO, "%s: cannot write", d->file);
    return SAQR_OK;
}

saqr_status output_set_write_due(output_set *o, double *v, double t_s, saqr_err *err)
{
    if (!o)
        return SAQR_OK;
    for (int i = 0; i < o->n; i++) {
        out_dir *d = &o->d[i];
        if (!d->cols)
            continue; /* not opened */
        if (d->pending_reset) {
            /* A reset happened during the step: the next numbered file
             * starts with the initial-condition row, counted as frame 1. */
            d->pending_reset = 0;
            close_file(d);
            next_file_name(d);
            saqr_status st = open_file(d, err);
            if (st != SAQR_OK)
                return st;
            d->counter = 1;
            d->have_snapshot = 0;
            d->first_row = 0;
            if (d->every == 1 || d->counter++ == 1) {
                if (d->enabled && (st = write_row(d, d->snapshot_t_s, d->snapshot, v, err)) != SAQR_OK)
                    return st;
            }
        }
        /* The first row after opening is the initial conditions' when
         * they were captured since (the files opened before the init). */
        const double *row = d->first_row && d->have_snapshot ? d->snapshot : NULL;
        d->first_row = 0;
        d->have_snapshot = 0;
        if (!d->fp)
            continue;
        /* Scripts may change the rate or switch the file off. */
        if (v[d->rate_slot] != d->rate_published)
            set_rate(d, v[d->rate_slot], v);
        d->enabled = v[d->enabled_slot] != 0.0;
        int due;
        if (d->every == 1) {
            due = 1;
        } else {
            if (d->counter >= d->every)
                d->counter = 0;
            due = d->counter++ == 1;
        }
        if (due && d->enabled) {
            saqr_status st = write_row(d, t_s, row, v, err);
            if (st != SAQR_OK)
                return st;
        }
    }
    return SAQR_OK;
}

void output_set_capture_ic(output_set *o, double *v, double t_s)
{
    for (int i = 0; o && i < o->n; i++) {
        out_dir *d = &o->d[i];
        if (!d->cols)
            continue;
        for (int k = 0; k < d->ncols; k++)
            d->snapshot[k] = col_value(&d->cols[k], v);
        d->snapshot_t_s = t_s;
        d->have_snapshot = 1;
    }
}

int output_set_opened(const output_set *o)
{
    for (int i = 0; o && i < o->n; i++)
        if (o->d[i].cols)
            return 1;
    return 0;
}

void output_set_on_reset(output_set *o, double *v, double t_s)
{
    if (!o)
        return;
    for (int i = 0; i < o->n; i++) {
        out_dir *d = &o->d[i];
        if (!d->cols)
            continue;
        if (!d->have_snapshot) { /* no capture during the reset: the state now */
            for (int k = 0; k < d->ncols; k++)
                d->snapshot[k] = col_value(&d->cols[k], v);
            d->snapshot_t_s = t_s;
        }
        d->pending_reset = 1;
    }
}

void output_set_close(output_set *o)
{
    if (!o)
        return;
    for (int i = 0; i < o->n; i++)
        close_file(&o->d[i]);
}
