/*
 * fcs.c - the flight control system model of a JSBSim-format aircraft:
 * loading <system>, <autopilot> and <flight_control> elements into
 * channels of components, JSBSim's standard FCS properties, and the frame.
 *
 * The frame follows FGFCS::Run: pre functions; engine commands copied to
 * positions; every channel in load order (a channel with execute= runs
 * only while that property is non-zero; one with execrate=N runs every Nth
 * frame with dt = N x step, and every frame while the step is 0 or a trim
 * runs); post functions.  JSBSim ties surface positions to setters that
 * keep -rad, -deg and mag- forms consistent; here the forms are
 * reconciled before and after the channels from whichever one changed.
 * Reference: JSBSim src/models/FGFCS.cpp, FGFCSChannel.h, FGModel.cpp
 * (Upload: file= and local <property> overrides), math/FGModelFunctions.cpp
 * (pre/post functions), input_output/FGPropertyReader.cpp (<property>
 * declarations and reset), FGFDMExec.cpp (load order, FGFDMExec::RunIC).
 */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include "fdm/fcs_codegen.h"
#include "fdm/fcs_internal.h"
#include "math/units.h"
#include "native/native_build.h"

#define FCS_DEFAULT_DT_S (1.0 / 120.0) /* FGFDMExec's default step */

typedef struct fcs_channel {
    const char *name;
    int rate;               /* execrate, >= 1                              */
    int exec_slot;          /* execute= property, or -1                    */
    int ncomp;
    const fcs_comp *comp;   /* loaded components                           */
    size_t st_bytes;        /* the size of their state records (fcs.st)    */
    /* saqr_fdm_compile: the channel's generated code (fcs_codegen.h) with
     * its component pointers and run functions; NULL: interpreted */
    fcs_native_channel native;
    const fcs_comp *const *native_k;
    const fcs_native_run *native_fn;
    const void *const *native_p;    /* what its code reads (fcs_codegen_channel) */
    /* on the first of a run of channels that go every frame without an
     * execute= property: the generated code of all group_n of them */
    fcs_native_group group;
    int group_n;
} fcs_channel;

typedef struct fcs_decl {
    int slot;
    double value;
    int persistent;
} fcs_decl;

/* A surface position in JSBSim's forms; mag < 0 when there is none. */
typedef struct fcs_surface {
    int rad, deg, norm, mag;
} fcs_surface;

enum { SURF_LAIL, SURF_RAIL, SURF_ELEV, SURF_RUD, SURF_FLAP, SURF_SB, SURF_SPOIL, SURF_N };

enum { ENG_THROTTLE_CMD, ENG_THROTTLE_POS, ENG_MIXTURE_CMD, ENG_MIXTURE_POS, ENG_ADVANCE_CMD,
       ENG_ADVANCE_POS, ENG_FEATHER_CMD, ENG_FEATHER_POS, ENG_N };

/* The loaded flight controls: what a run reads and nothing changes after
 * loading (and compiling: the channels' generated code), shared by the
 * aircraft of a batch (fcs_clone). */
typedef struct fcs_def {
    int nch, cap_ch;
    fcs_channel *ch;
    int ndecl, cap_decl;
    fcs_decl *decl;
    int npre, cap_pre, npost, cap_post;
    jfunc **pre, **post;
    int n_engines;
    int *eng[ENG_N];        /* slots by engine                             */
    fcs_surface surf[SURF_N];
    int zero_on_reset[16];  /* commands, trims, hook, wing fold            */
    int nzero;
    int channel_dt_slot;
    const jfunc_native_api *native_api;
} fcs_def;

/* One aircraft's flight controls. */
struct fcs {
    const fcs_def *d;
    arena *ar;
    prop_tree *props;
    double dt_s;            /* nominal step                                */
    /* by channel: the state records of its components
     * (fcs_comp.state_off) and JSBSim's ExecFrameCountSinceLastRun */
    unsigned char **st;
    int *count;
    struct {                /* each surface's positions as sync_surfaces  */
        double rad, deg;    /* last saw them                               */
    } seen[SURF_N];
    int surf_written;       /* a surface written from outside since the
                               last run (fcs_outside_write)               */
};

/* The definition of the flight controls being loaded (or compiled), for
 * the loaders to fill: afterwards the aircraft of a batch share it. */
static fcs_def *fcs_def_loading(fcs *f)
{
    return (fcs_def *)(uintptr_t)f->d;
}

/* --- small helpers -------------------------------------------------------- */

/* The state record of component j of channel c. */
static fcs_cstate *state_at(const fcs *f, int c, int j)
{
    return (fcs_cstate *)(void *)(f->st[c] + f->d->ch[c].comp[j].state_off);
}

/* Makes room for one more element in an arena array (doubling). */
static int grow(arena *ar, void **arr, int *cap, int n, size_t size)
{
    if (n < *cap)
        return 0;
    int ncap = *cap ? 2 * *cap : 8;
    void *p = arena_array(ar, (size_t)ncap, size);
    if (!p)
        return -1;
    if (n)
        memcpy(p, *arr, (size_t)n * size);
    *arr = p;
    *cap = ncap;
    return 0;
}

static int std_prop(fcs *f, const char *name, unsigned flags)
{
    return prop_intern(f->props, name, flags, NULL);
}

/* --- creation ---------------------------------------------------------- */

static const char *const surface_names[SURF_N] = {"left-aileron", "right-aileron", "elevator", "rudder",
                                                  "flap", "speedbrake", "spoiler"};

saqr_status fcs_create(jx_ctx *c, fcs **out)
{
    fcs_def *ed = arena_alloc(c->ar, sizeof *ed);
    fcs *f = arena_alloc(c->ar, sizeof *f);
    if (!ed || !f)
        return err_set(c->err, SAQR_ENOMEM, "out of memory");
    f->d = ed;
    f->ar = c->ar;
    f->props = c->props;
    f->dt_s = FCS_DEFAULT_DT_S;
    static const char *const zeroed[] = {
        "fcs/aileron-cmd-norm", "fcs/elevator-cmd-norm", "fcs/rudder-cmd-norm", "fcs/flap-cmd-norm",
        "fcs/speedbrake-cmd-norm", "fcs/spoiler-cmd-norm", "fcs/pitch-trim-cmd-norm",
        "fcs/roll-trim-cmd-norm", "fcs/yaw-trim-cmd-norm", "gear/tailhook-pos-norm",
        "fcs/wing-fold-pos-norm"};
    static const char *const kept[] = {"fcs/left-brake-cmd-norm", "fcs/right-brake-cmd-norm",
                                       "fcs/center-brake-cmd-norm", "fcs/steer-cmd-norm"};
    for (size_t i = 0; i < sizeof zeroed / sizeof zeroed[0]; i++) {
        int s = std_prop(f, zeroed[i], PROP_INPUT);
        if (s < 0)
            return err_set(c->err, SAQR_ENOMEM, "out of memory");
        ed->zero_on_reset[ed->nzero++] = s;
    }
    for (size_t i = 0; i < sizeof kept / sizeof kept[0]; i++)
        if (std_prop(f, kept[i], PROP_INPUT) < 0)
            return err_set(c->err, SAQR_ENOMEM, "out of memory");
    int gc = std_prop(f, "gear/gear-cmd-norm", PROP_INPUT);
    int gp = std_prop(f, "gear/gear-pos-norm", PROP_INPUT);
    ed->channel_dt_slot = std_prop(f, "simulation/channel-dt", PROP_PRODUCED | PROP_READONLY);
    if (gc < 0 || gp < 0 || ed->channel_dt_slot < 0)
        return err_set(c->err, SAQR_ENOMEM, "out of memory");
    c->props->v[gc] = c->props->v[gp] = 1.0; /* gear down */
    for (int i = 0; i < SURF_N; i++) {
        char name[96];
        fcs_surface *s = &ed->surf[i];
        snprintf(name, sizeof name, "fcs/%s-pos-rad", surface_names[i]);
        s->rad = std_prop(f, name, PROP_INPUT | PROP_WATCHED);
        snprintf(name, sizeof name, "fcs/%s-pos-deg", surface_names[i]);
        s->deg = std_prop(f, name, PROP_INPUT | PROP_WATCHED);
        snprintf(name, sizeof name, "fcs/%s-pos-norm", surface_names[i]);
        s->norm = std_prop(f, name, PROP_INPUT);
        s->mag = -1;
        if (i != SURF_FLAP) {
            snprintf(name, sizeof name, "fcs/mag-%s-pos-rad", surface_names[i]);
            s->mag = std_prop(f, name, PROP_PRODUCED | PROP_READONLY);
            if (s->mag < 0)
                return err_set(c->err, SAQR_ENOMEM, "out of memory");
        }
        if (s->rad < 0 || s->deg < 0 || s->norm < 0)
            return err_set(c->err, SAQR_ENOMEM, "out of memory");
    }
    f->surf_written = 1; /* the first run brings every pair in step */
    *out = f;
    return SAQR_OK;
}

saqr_status fcs_set_engine_count(jx_ctx *c, fcs *f, int n_engines)
{
    fcs_def *ed = fcs_def_loading(f);
    static const char *const names[ENG_N] = {"fcs/throttle-cmd-norm", "fcs/throttle-pos-norm",
                                             "fcs/mixture-cmd-norm", "fcs/mixture-pos-norm",
                                             "fcs/advance-cmd-norm", "fcs/advance-pos-norm",
                                             "fcs/feather-cmd-norm", "fcs/feather-pos-norm"};
    if (n_engines < 0)
        return err_set(c->err, SAQR_EINVAL, "negative engine count");
    for (int k = 0; k < ENG_N; k++) {
        int *s = n_engines ? arena_array(c->ar, (size_t)n_engines, sizeof *s) : NULL;
        if (n_engines && !s)
            return err_set(c->err, SAQR_ENOMEM, "out of memory");
        for (int i = 0; i < n_engines; i++) {
            s[i] = prop_intern_indexed(c->props, names[k], i, NULL, PROP_INPUT, NULL);
            if (s[i] < 0)
                return err_set(c->err, SAQR_ENOMEM, "out of memory");
        }
        ed->eng[k] = s;
    }
    ed->n_engines = n_engines;
    return SAQR_OK;
}

/* --- loading --------------------------------------------------------------- */

static const struct {
    const char *name;
    fcs_type type;
} comp_names[] = {
    {"pure_gain", FCS_PURE_GAIN}, {"scheduled_gain", FCS_SCHEDULED_GAIN},
    {"aerosurface_scale", FCS_AEROSURFACE_SCALE}, {"summer", FCS_SUMMER}, {"deadband", FCS_DEADBAND},
    {"switch", FCS_SWITCH}, {"kinematic", FCS_KINEMATIC}, {"lag_filter", FCS_LAG},
    {"lead_lag_filter", FCS_LEAD_LAG}, {"washout_filter", FCS_WASHOUT},
    {"second_order_filter", FCS_SECOND_ORDER}, {"pid", FCS_PID}, {"integrator", FCS_PID},
    {"actuator", FCS_ACTUATOR}, {"linear_actuator", FCS_LINEAR_ACTUATOR}, {"sensor", FCS_SENSOR},
    {"accelerometer", FCS_ACCELEROMETER}, {"gyro", FCS_GYRO}, {"magnetometer", FCS_MAGNETOMETER},
    {"fcs_function", FCS_FUNCTION}, {"distributor", FCS_DISTRIBUTOR}, {"angle", FCS_ANGLE},
    {"waypoint_heading", FCS_WAYPOINT_HEADING}, {"waypoint_distance", FCS_WAYPOINT_DISTANCE},
};

/* Longest transport delay: 2^20 frames, over 2 hours at 120 Hz. */
#define FCS_MAX_DELAY_FRAMES (1 << 20)

/* Coefficients and delay buffer for the component's current dt; -1 when
 * the delay is too long or memory runs out. */
static int comp_prepare(fcs *f, const fcs_comp *k, fcs_cstate *s, double dt)
{
    const double *v = f->props->v;
    switch (k->type) {
    case FCS_LAG:
    case FCS_LEAD_LAG:
    case FCS_WASHOUT:
    case FCS_SECOND_ORDER:
        fcs_filter_set_dt(k, s, v, dt);
        break;
    case FCS_ACTUATOR:
        fcs_actuator_set_dt(k, s, v, dt);
        break;
    case FCS_LINEAR_ACTUATOR:
        fcs_linact_set_dt(k, s, dt);
        break;
    case FCS_SENSOR:
    case FCS_ACCELEROMETER:
    case FCS_GYRO:
    case FCS_MAGNETOMETER:
        fcs_sensor_set_dt(k, s, dt);
        break;
    default:
        break;
    }
    /* JSBSim truncates time / dt to whole frames, and sizes a delay line
     * for every component (so a huge delay is refused on any); only the
     * switch, the actuator and the sensors apply it (and have a line). */
    int frames = 0;
    if (k->delay_time > 0.0)
        frames = k->delay_in_frames ? prop_int(k->delay_time)
                                    : (dt > 0.0 ? prop_int(k->delay_time / dt) : 0);
    if (frames > FCS_MAX_DELAY_FRAMES)
        return -1;
    fcs_delay_line *d = fcs_delay_line_of(k, s);
    if (!d)
        return 0;
    if (frames != d->frames) {
        double *buf = frames > 0 ? arena_array(f->ar, (size_t)frames, sizeof *buf) : NULL;
        if (frames > 0 && !buf)
            return -1;
        d->buf = buf;
        d->frames = frames;
        d->idx = 0;
        /* a switch with a numeric default starts its delay line at it */
        if (k->type == FCS_SWITCH && k->u.sw.ntests > 0 && !k->u.sw.tests[0].test &&
            k->u.sw.tests[0].value.slot < 0)
            for (int i = 0; i < frames - 1; i++)
                buf[i] = k->u.sw.tests[0].value.value;
    }
    return 0;
}

/* Every child and attribute some component reads (JSBSim's
 * models/flight_control/FG*.cpp); anything else is warned about. */
static const char *const comp_children[] = {
    "input", "output", "clipto", "delay", "description", "documentation", "bias", "gain", "table",
    "domain", "range", "zero_centered", "width", "c1", "c2", "c3", "c4", "c5", "c6", "trigger",
    "kp", "ki", "kd", "pvdot", "test", "default", "traverse", "noscale", "function", "case",
    "lag", "rate_limit", "hysteresis_width", "deadband_width", "set", "reset", "versus", "module",
    "hysteresis", "rate", "noise", "drift_rate", "quantization", "location", "orientation", "axis",
    "source_angle", "target_angle", "source_latitude", "source_longitude", "target_latitude",
    "target_longitude", "init", NULL};
static const char *const comp_attrs[] = {"name", "unit", "type", NULL};

/* The component type of an element; -1 for an unknown tag. */
static int type_of(const xmlNode *el, fcs_type *type)
{
    for (size_t i = 0; i < sizeof comp_names / sizeof comp_names[0]; i++)
        if (strcmp((const char *)el->name, comp_names[i].name) == 0) {
            *type = comp_names[i].type;
            return 0;
        }
    return -1;
}

static saqr_status load_component(jx_ctx *c, fcs *f, const xmlNode *el, fcs_comp *k, fcs_cstate *s,
                                  double dt)
{
    if (type_of(el, &k->type))
        return jx_error(c, el, "unknown flight-control component <%s>", (const char *)el->name);
    jx_warn_unknown(c, el, comp_children);
    jx_warn_unknown_attrs(c, el, comp_attrs);
    int min_in = 1, max_in = 1;
    switch (k->type) {
    case FCS_SUMMER:
        min_in = 0;
        max_in = 1 << 20;
        break;
    case FCS_FUNCTION:
        min_in = 0;
        break;
    case FCS_SWITCH:
    case FCS_DISTRIBUTOR:
    case FCS_ANGLE:
    case FCS_WAYPOINT_HEADING:
    case FCS_WAYPOINT_DISTANCE:
    case FCS_ACCELEROMETER:
    case FCS_GYRO:
    case FCS_MAGNETOMETER:
        min_in = max_in = 0;
        break;
    default:
        break;
    }
    if (fcs_comp_load_common(c, el, k, min_in, max_in))
        return SAQR_EPARSE;
    saqr_status st;
    switch (k->type) {
    case FCS_PURE_GAIN:
    case FCS_SCHEDULED_GAIN:
    case FCS_AEROSURFACE_SCALE:
    case FCS_SUMMER:
    case FCS_DEADBAND:
        st = fcs_gain_load(c, el, k);
        break;
    case FCS_LAG:
    case FCS_LEAD_LAG:
    case FCS_WASHOUT:
    case FCS_SECOND_ORDER:
        st = fcs_filter_load(c, el, k, s);
        break;
    case FCS_PID:
        st = fcs_pid_load(c, el, k);
        break;
    case FCS_KINEMATIC:
        st = fcs_kinematic_load(c, el, k);
        break;
    case FCS_SWITCH:
        st = fcs_switch_load(c, el, k);
        break;
    case FCS_DISTRIBUTOR:
        st = fcs_distributor_load(c, el, k);
        break;
    case FCS_ACTUATOR:
        st = fcs_actuator_load(c, el, k);
        break;
    case FCS_LINEAR_ACTUATOR:
        st = fcs_linact_load(c, el, k, s);
        break;
    case FCS_SENSOR:
    case FCS_ACCELEROMETER:
    case FCS_GYRO:
    case FCS_MAGNETOMETER:
        st = fcs_sensor_load(c, el, k);
        break;
    default:
        st = fcs_misc_load(c, el, k, s);
        break;
    }
    if (st)
        return st;
    if (comp_prepare(f, k, s, dt))
        return jx_error(c, el, "<delay> too long (at most %d frames) or out of memory", FCS_MAX_DELAY_FRAMES);
    return SAQR_OK;
}

/* The state of an earlier waypoint component (channels before `ch`,
 * components of ch before index j) reading the same coordinates as
 * ch->comp[j], or NULL. */
static const fcs_cstate *earlier_same_waypoint(const fcs *f, int c, int j)
{
    const fcs_channel *ch = &f->d->ch[c];
    for (int a = 0; a < f->d->nch; a++) {
        const fcs_channel *o = &f->d->ch[a];
        int n = a == c ? j : o->ncomp;
        for (int b = 0; b < n; b++)
            if (fcs_waypoint_same_inputs(&o->comp[b], &ch->comp[j]))
                return state_at(f, a, b);
    }
    return NULL;
}

/* Waypoint components of channel c (already counted in f->nch) that
 * read the same coordinates as an earlier one share its geodesic (see
 * fcs_geodesic). */
static void share_geodesics(const fcs *f, int c)
{
    const fcs_channel *ch = &f->d->ch[c];
    for (int j = 0; j < ch->ncomp; j++) {
        const fcs_comp *k = &ch->comp[j];
        if (k->type != FCS_WAYPOINT_HEADING && k->type != FCS_WAYPOINT_DISTANCE)
            continue;
        const fcs_cstate *o = earlier_same_waypoint(f, c, j);
        if (o)
            fcs_waypoint_st(state_at(f, c, j))->geo = fcs_waypoint_st((fcs_cstate *)o)->geo;
    }
}

static saqr_status load_channel(jx_ctx *c, fcs *f, const xmlNode *el)
{
    fcs_def *ed = fcs_def_loading(f);
    int cap = ed->cap_ch; /* the three by-channel arrays grow together */
    if (grow(f->ar, (void **)&f->st, &cap, ed->nch, sizeof *f->st) ||
        (cap = ed->cap_ch, grow(f->ar, (void **)&f->count, &cap, ed->nch, sizeof *f->count)) ||
        grow(f->ar, (void **)&ed->ch, &ed->cap_ch, ed->nch, sizeof *ed->ch))
        return jx_error(c, el, "out of memory");
    const int index = ed->nch;
    fcs_channel *ch = &ed->ch[index];
    memset(ch, 0, sizeof *ch);
    ch->name = jx_attr(c, el, "name");
    ch->rate = 1;
    const char *rate = jx_attr(c, el, "execrate");
    if (rate && *rate) {
        double r;
        if (cond_parse_number(rate, &r))
            return jx_error(c, el, "execrate \"%s\" is not a number", rate);
        ch->rate = r < 1.0 ? 1 : (int)r;
    }
    f->count[index] = ch->rate;
    ch->exec_slot = -1;
    const char *exec = jx_attr(c, el, "execute");
    if (exec && *exec) {
        ch->exec_slot = jx_property(c, el, exec, PROP_READ);
        if (ch->exec_slot < 0)
            return SAQR_EPARSE;
    }
    int n = 0;
    for (xmlNode *k = jx_first(el, NULL); k; k = jx_next(k, NULL))
        n += !jx_is(k, "description") && !jx_is(k, "documentation");
    fcs_comp *comp = n ? arena_array(c->ar, (size_t)n, sizeof *comp) : NULL;
    if (n && !comp)
        return jx_error(c, el, "out of memory");
    /* the state records, packed: each as large as its type needs (an
     * unknown tag fails below) */
    size_t bytes = 0;
    int i = 0;
    for (xmlNode *k = jx_first(el, NULL); k; k = jx_next(k, NULL)) {
        if (jx_is(k, "description") || jx_is(k, "documentation"))
            continue;
        fcs_type t = FCS_SUMMER;
        (void)type_of(k, &t);
        comp[i++].state_off = bytes;
        bytes += fcs_state_bytes(t);
    }
    ch->comp = comp;
    f->st[index] = bytes ? arena_alloc(c->ar, bytes) : NULL;
    ch->st_bytes = bytes;
    if (bytes && !f->st[index])
        return jx_error(c, el, "out of memory");
    i = 0;
    for (xmlNode *k = jx_first(el, NULL); k; k = jx_next(k, NULL)) {
        if (jx_is(k, "description") || jx_is(k, "documentation"))
            continue;
        if (load_component(c, f, k, &comp[i], state_at(f, index, i), f->dt_s * ch->rate))
            return SAQR_EPARSE;
        i++;
    }
    ch->ncomp = i;
    ed->nch++;
    share_geodesics(f, index);
    return SAQR_OK;
}

/* <property [value=] [persistent=]>name</property> declarations.  Without
 * `override`, an existing property keeps its value (JSBSim warns when a
 * value was given); with it (local elements of a file= system), the value
 * (0 when absent) replaces the current one. */
static saqr_status load_declarations(jx_ctx *c, fcs *f, const xmlNode *el, int override)
{
    fcs_def *ed = fcs_def_loading(f);
    for (xmlNode *p = jx_first(el, "property"); p; p = jx_next(p, "property")) {
        const char *name = jx_text(c, p);
        const char *vs = jx_attr(c, p, "value");
        double value = 0.0;
        if (vs && *vs && cond_parse_number(vs, &value))
            return jx_error(c, p, "property value \"%.40s\" is not a number", vs);
        int existing = prop_find(f->props, name);
        if (existing >= 0 && (f->props->flags[existing] & (PROP_PRODUCED | PROP_INPUT)) && !override) {
            if (vs && *vs)
                jx_warn(c, p, "property %s is already defined; its value is not overridden", name);
            continue;
        }
        int s = jx_property(c, p, NULL, PROP_INPUT);
        if (s < 0)
            return SAQR_EPARSE;
        f->props->v[s] = value;
        const char *pers = jx_attr(c, p, "persistent");
        int d;
        for (d = 0; d < ed->ndecl; d++)
            if (ed->decl[d].slot == s)
                break;
        if (d == ed->ndecl) {
            if (grow(f->ar, (void **)&ed->decl, &ed->cap_decl, ed->ndecl, sizeof *ed->decl))
                return jx_error(c, p, "out of memory");
            ed->ndecl++;
        }
        ed->decl[d].slot = s;
        ed->decl[d].value = value;
        ed->decl[d].persistent = pers && strcmp(pers, "true") == 0;
    }
    return SAQR_OK;
}

/* Top-level <function>s: type "pre" (default) run before the channels,
 * "post" after; "template" ones are recorded for apply=. */
static saqr_status load_functions(jx_ctx *c, fcs *f, const xmlNode *el, int pre, int post)
{
    fcs_def *ed = fcs_def_loading(f);
    for (xmlNode *fe = jx_first(el, "function"); fe; fe = jx_next(fe, "function")) {
        const char *type = jx_attr(c, fe, "type");
        int is_pre = !type || !*type || strcmp(type, "pre") == 0;
        int is_post = type && strcmp(type, "post") == 0;
        int t = jfunc_template_take(c, fe);
        if (t < 0)
            return SAQR_EPARSE;
        if (t)
            continue;
        if ((is_pre && !pre) || (is_post && !post) || (!is_pre && !is_post))
            continue;
        jfunc *fn;
        if (jfunc_load(c, fe, &fn))
            return SAQR_EPARSE;
        if (is_pre) {
            if (grow(f->ar, (void **)&ed->pre, &ed->cap_pre, ed->npre, sizeof *ed->pre))
                return jx_error(c, fe, "out of memory");
            ed->pre[ed->npre++] = fn;
        } else {
            if (grow(f->ar, (void **)&ed->post, &ed->cap_post, ed->npost, sizeof *ed->post))
                return jx_error(c, fe, "out of memory");
            ed->post[ed->npost++] = fn;
        }
    }
    return SAQR_OK;
}

static const char *const system_children[] = {"channel", "property", "function", "description",
                                              "documentation", "fileheader", NULL};

saqr_status fcs_load(jx_ctx *c, fcs *f, const xmlNode *el)
{
    if (!jx_is(el, "system") && !jx_is(el, "autopilot") && !jx_is(el, "flight_control"))
        return jx_error(c, el, "<%s> is not a system, autopilot or flight_control element",
                        (const char *)el->name);
    const xmlNode *doc = el;
    if (xmlHasProp(el, (const xmlChar *)"file")) {
        char d1[1100], d2[1100], d3[1100];
        const char *ad = c->aircraft_dir ? c->aircraft_dir : ".";
        snprintf(d1, sizeof d1, "%s/Systems", ad);
        snprintf(d2, sizeof d2, "%s/systems", ad);
        snprintf(d3, sizeof d3, "%s/systems", c->root_dir ? c->root_dir : ".");
        const char *dirs[] = {ad, d1, d2, d3, NULL};
        doc = jx_resolve(c, (xmlNode *)el, dirs);
        if (!doc)
            return SAQR_EPARSE;
        if (strcmp((const char *)doc->name, (const char *)el->name) != 0)
            return jx_error(c, doc, "read <%s> while expecting <%s>", (const char *)doc->name,
                            (const char *)el->name);
    }
    jx_warn_unknown(c, doc, system_children);
    if (load_declarations(c, f, doc, 0) || load_functions(c, f, doc, 1, 0))
        return SAQR_EPARSE;
    if (doc != el) {
        jx_warn_unknown(c, el, system_children);
        if (load_declarations(c, f, el, 1))
            return SAQR_EPARSE;
    }
    /* JSBSim appends the file's children to the local element: local
     * channels and post functions come first. */
    const xmlNode *parts[2] = {el, doc};
    for (int p = 0; p < (doc != el ? 2 : 1); p++) {
        for (xmlNode *ch = jx_first(parts[p], "channel"); ch; ch = jx_next(ch, "channel"))
            if (load_channel(c, f, ch))
                return SAQR_EPARSE;
        if (load_functions(c, f, parts[p], 0, 1))
            return SAQR_EPARSE;
    }
    return SAQR_OK;
}

void fcs_set_dt(fcs *f, double dt_s)
{
    if (!(dt_s > 0.0) || !isfinite(dt_s))
        return;
    f->dt_s = dt_s;
    for (int i = 0; i < f->d->nch; i++) {
        fcs_channel *ch = &f->d->ch[i];
        for (int j = 0; j < ch->ncomp; j++) /* out of memory keeps the old delay */
            (void)comp_prepare(f, &ch->comp[j], state_at(f, i, j), dt_s * ch->rate);
    }
}

/* --- reset and run ------------------------------------------------------------ */

static void sync_surfaces(fcs *f, double *v)
{
    for (int i = 0; i < SURF_N; i++) {
        const fcs_surface *s = &f->d->surf[i];
        double rad = v[s->rad], deg = v[s->deg]; /* distinct slots */
        if (rad != f->seen[i].rad)
            v[s->deg] = deg = rad * DEG_PER_RAD;
        else if (deg != f->seen[i].deg)
            v[s->rad] = rad = deg * RAD_PER_DEG;
        f->seen[i].rad = rad;
        f->seen[i].deg = deg;
        if (s->mag >= 0)
            v[s->mag] = fabs(rad);
    }
}

void fcs_outside_write(fcs *f)
{
    f->surf_written = 1;
}

void fcs_reset(fcs *f, double *v)
{
    f->surf_written = 1;
    for (int i = 0; i < f->d->ndecl; i++)
        if (!f->d->decl[i].persistent)
            v[f->d->decl[i].slot] = f->d->decl[i].value;
    static const int zero_kinds[] = {ENG_THROTTLE_CMD, ENG_THROTTLE_POS, ENG_MIXTURE_CMD,
                                     ENG_MIXTURE_POS, ENG_ADVANCE_POS, ENG_FEATHER_POS};
    for (size_t k = 0; k < sizeof zero_kinds / sizeof zero_kinds[0]; k++)
        for (int e = 0; e < f->d->n_engines; e++)
            v[f->d->eng[zero_kinds[k]][e]] = 0.0;
    for (int i = 0; i < f->d->nzero; i++)
        v[f->d->zero_on_reset[i]] = 0.0;
    for (int i = 0; i < SURF_N; i++) {
        const fcs_surface *s = &f->d->surf[i];
        v[s->rad] = v[s->deg] = v[s->norm] = 0.0;
        if (s->mag >= 0)
            v[s->mag] = 0.0;
        f->seen[i].rad = f->seen[i].deg = 0.0;
    }
    for (int i = 0; i < f->d->nch; i++) {
        for (int j = 0; j < f->d->ch[i].ncomp; j++)
            fcs_comp_reset(&f->d->ch[i].comp[j], state_at(f, i, j));
        f->count[i] = f->d->ch[i].rate;
    }
    v[f->d->channel_dt_slot] = 0.0;
}

void fcs_run(fcs *f, const fdm_env *env, double *v, saqr_rng *rng)
{
    fcs_frame fr = {env, v, rng, env->trimming, 0.0};
    for (int i = 0; i < f->d->npre; i++)
        (void)jfunc_eval(f->d->pre[i], v, rng);
    for (int e = 0; e < f->d->n_engines; e++) {
        v[f->d->eng[ENG_THROTTLE_POS][e]] = v[f->d->eng[ENG_THROTTLE_CMD][e]];
        v[f->d->eng[ENG_MIXTURE_POS][e]] = v[f->d->eng[ENG_MIXTURE_CMD][e]];
        v[f->d->eng[ENG_ADVANCE_POS][e]] = v[f->d->eng[ENG_ADVANCE_CMD][e]];
        /* JSBSim keeps feather as a bool */
        v[f->d->eng[ENG_FEATHER_POS][e]] = v[f->d->eng[ENG_FEATHER_CMD][e]] != 0.0 ? 1.0 : 0.0;
    }
    /* the pairs are as the last run's closing sync left them unless one
     * was written from outside since (fcs_outside_write) or a pre function
     * may have written one; otherwise this sync would change nothing */
    if (f->surf_written || f->d->npre > 0) {
        sync_surfaces(f, v);
        f->surf_written = 0;
    }
    const double dt_s = env->dt_s;
    const int dt_slot = f->d->channel_dt_slot;
    for (int c = 0; c < f->d->nch; c++) {
        const fcs_channel *ch = &f->d->ch[c];
        if (ch->group) { /* what the loop below does for these, in one call */
            fr.dt = f->dt_s;
            ch->group(v, (const unsigned char *)ch, f->st + c, &fr, fcs_clip_apply, fr.dt, fr.trimming, dt_s,
                      f->d->native_api);
            c += ch->group_n - 1;
            continue;
        }
        if (ch->exec_slot >= 0 && v[ch->exec_slot] == 0.0)
            continue;
        int run = 1;
        if (ch->rate == 1) {
            /* runs every frame: its count is set to 1 at load and reset,
             * and the path below would only take it 1 -> 0 -> 1; dt_s * 1
             * is dt_s exactly */
            v[dt_slot] = dt_s;
        } else {
            v[dt_slot] = dt_s * ch->rate;
            if (dt_s != 0.0) {
                if (f->count[c] >= ch->rate)
                    f->count[c] = 0;
                f->count[c]++;
            }
            run = fr.trimming || f->count[c] >= ch->rate;
        }
        if (run) {
            unsigned char *st = f->st[c];
            fr.dt = f->dt_s * ch->rate; /* the components' step */
            if (ch->native)
                ch->native(v, st, ch->native_k, ch->native_fn, &fr, fcs_clip_apply, fr.dt, fr.trimming, ch->native_p,
                           f->d->native_api);
            else
                for (const fcs_comp *k = ch->comp, *k_end = k + ch->ncomp; k < k_end; k++)
                    fcs_comp_run(k, (fcs_cstate *)(void *)(st + k->state_off), &fr);
        }
    }
    v[dt_slot] = dt_s;
    for (int i = 0; i < f->d->npost; i++)
        (void)jfunc_eval(f->d->post[i], v, rng);
    sync_surfaces(f, v);
}

/* ---- saqr_fdm_compile ---- */

static void channel_symbol(int i, char *buf, size_t size)
{
    snprintf(buf, size, "saqr_fcs_channel_%d", i);
}

/* A channel the loop of fcs_run runs every frame at the nominal step. */
static int every_frame(const fcs_channel *ch)
{
    return ch->rate == 1 && ch->exec_slot < 0;
}

/* The number of channels from i on that run every frame (0 when i does
 * not): a group, run by saqr_fcs_group_<i>. */
static int group_length(const fcs *f, int i)
{
    int n = 0;
    while (i + n < f->d->nch && every_frame(&f->d->ch[i + n]))
        n++;
    return n;
}

void fcs_codegen_emit(const fcs *f, FILE *out)
{
    fcs_codegen_prologue(out);
    enum { NAME = 48 };
    char (*names)[NAME] = arena_alloc(f->ar, (size_t)(f->d->nch > 0 ? f->d->nch : 1) * NAME);
    const char **list = arena_alloc(f->ar, (size_t)(f->d->nch > 0 ? f->d->nch : 1) * sizeof *list);
    if (!names || !list) { /* out of memory: a file that will not resolve */
        fprintf(out, "#error out of memory\n");
        return;
    }
    for (int i = 0; i < f->d->nch; i++) {
        channel_symbol(i, names[i], NAME);
        list[i] = names[i];
        (void)fcs_codegen_channel(out, names[i], f->d->ch[i].comp, f->d->ch[i].ncomp, NULL);
    }
    const fcs_group_layout layout = {sizeof(fcs_channel), offsetof(fcs_channel, native_k),
                                     offsetof(fcs_channel, native_fn), offsetof(fcs_channel, native_p),
                                     f->d->channel_dt_slot};
    for (int i = 0; i < f->d->nch;) {
        int n = group_length(f, i);
        if (n == 0) {
            i++;
            continue;
        }
        char name[NAME];
        snprintf(name, sizeof name, "saqr_fcs_group_%d", i);
        fcs_codegen_group(out, name, list + i, n, &layout);
        i += n;
    }
}

saqr_status fcs_native_bind(fcs *f, native_lib *lib, saqr_err *err)
{
    fcs_def *ed = fcs_def_loading(f);
    /* every channel's code and tables first, then switch them all on */
    size_t nch = (size_t)(ed->nch > 0 ? ed->nch : 1);
    fcs_native_channel *fns = arena_alloc(f->ar, nch * sizeof *fns);
    const fcs_comp ***ks = arena_alloc(f->ar, nch * sizeof *ks);
    fcs_native_run **runs = arena_alloc(f->ar, nch * sizeof *runs);
    const void ***ps = arena_alloc(f->ar, nch * sizeof *ps);
    /* the channels' pointer lists come from the same walk as their code,
     * written this time into a stream that is thrown away */
    char *sink_buf = NULL;
    size_t sink_len = 0;
    FILE *sink = open_memstream(&sink_buf, &sink_len);
    if (!fns || !ks || !runs || !ps || !sink) {
        if (sink)
            fclose(sink);
        free(sink_buf);
        return err_set(err, SAQR_ENOMEM, "native code: out of memory");
    }
    saqr_status st = SAQR_OK;
    for (int i = 0; i < ed->nch && st == SAQR_OK; i++) {
        char name[48];
        channel_symbol(i, name, sizeof name);
        int np = fcs_codegen_channel(sink, name, ed->ch[i].comp, ed->ch[i].ncomp, NULL);
        if (!(ps[i] = arena_alloc(f->ar, (size_t)(np + 1) * sizeof *ps[i])))
            st = err_set(err, SAQR_ENOMEM, "native code: out of memory");
        else
            (void)fcs_codegen_channel(sink, name, ed->ch[i].comp, ed->ch[i].ncomp, ps[i]);
        rewind(sink);
    }
    fclose(sink);
    free(sink_buf);
    if (st != SAQR_OK)
        return st;
    for (int i = 0; i < ed->nch; i++) {
        const fcs_channel *ch = &ed->ch[i];
        char name[48];
        channel_symbol(i, name, sizeof name);
        void *sym = native_symbol(lib, name);
        if (!sym)
            return err_set(err, SAQR_EIO, "native code: %s missing from the compiled code", name);
        size_t n = (size_t)(ch->ncomp > 0 ? ch->ncomp : 1);
        ks[i] = arena_alloc(f->ar, n * sizeof *ks[i]);
        runs[i] = arena_alloc(f->ar, n * sizeof *runs[i]);
        if (!ks[i] || !runs[i])
            return err_set(err, SAQR_ENOMEM, "native code: out of memory");
        memcpy(&fns[i], &sym, sizeof fns[i]); /* POSIX: a function's address through void * */
        for (int j = 0; j < ch->ncomp; j++) {
            ks[i][j] = &ch->comp[j];
            runs[i][j] = fcs_codegen_runner(&ch->comp[j]);
        }
    }
    fcs_native_group *groups = arena_alloc(f->ar, nch * sizeof *groups);
    if (!groups)
        return err_set(err, SAQR_ENOMEM, "native code: out of memory");
    for (int i = 0; i < ed->nch; i++) {
        groups[i] = NULL;
        int n = i == 0 || !every_frame(&ed->ch[i - 1]) ? group_length(f, i) : 0;
        if (n > 0) {
            char name[48];
            snprintf(name, sizeof name, "saqr_fcs_group_%d", i);
            void *sym = native_symbol(lib, name);
            if (!sym)
                return err_set(err, SAQR_EIO, "native code: %s missing from the compiled code", name);
            memcpy(&groups[i], &sym, sizeof groups[i]);
        }
    }
    for (int i = 0; i < ed->nch; i++) {
        ed->ch[i].native = fns[i];
        ed->ch[i].native_k = ks[i];
        ed->ch[i].native_fn = runs[i];
        ed->ch[i].native_p = ps[i];
        ed->ch[i].group = groups[i];
        ed->ch[i].group_n = groups[i] ? group_length(f, i) : 0;
    }
    ed->native_api = jfunc_native_api_get();
    return SAQR_OK;
}

void fcs_native_unbind(fcs *f)
{
    for (int i = 0; i < f->d->nch; i++) {
        f->d->ch[i].native = NULL;
        f->d->ch[i].group = NULL;
    }
}

/* ---- read access for the output groups (script/output_model.c) ---- */

int fcs_component_count(const fcs *f)
{
    int n = 0;
    for (int i = 0; i < f->d->nch; i++)
        n += f->d->ch[i].ncomp;
    return n;
}

/* The channel holding component `index` (counted over every channel in
 * run order) and the index within it; -1 out of range. */
static int component_at(const fcs *f, int index, int *j)
{
    for (int i = 0; i < f->d->nch; i++) {
        if (index >= 0 && index < f->d->ch[i].ncomp) {
            *j = index;
            return i;
        }
        index -= f->d->ch[i].ncomp;
    }
    return -1;
}

const char *fcs_component_name(const fcs *f, int index)
{
    int j, c = component_at(f, index, &j);
    return c >= 0 ? f->d->ch[c].comp[j].name : NULL;
}

double fcs_component_output(const fcs *f, int index)
{
    int j, c = component_at(f, index, &j);
    return c >= 0 ? state_at(f, c, j)->output : 0.0;
}

/* ---- a copy for another aircraft of a batch ------------------------------ */

/* The channels and their component records (inputs, outputs, parameters,
 * tables, conditions, functions) are shared; each channel's state records
 * are copied, with the delay lines (in `cold`, which a batch does not
 * prefetch) and the waypoint geodesic memos (one memo may serve two
 * components), and its frame count. */
fcs *fcs_clone(arena *ar, arena *cold, prop_tree *props, const fcs *src)
{
    fcs *f = arena_dup(ar, src, sizeof *src);
    if (!f)
        return NULL;
    f->ar = ar;
    f->props = props;
    const size_t nch = (size_t)(src->d->nch > 0 ? src->d->nch : 1);
    if (!(f->st = arena_array(ar, nch, sizeof *f->st)) ||
        !(f->count = arena_dup(ar, src->count ? src->count : (const int[]){0}, nch * sizeof *f->count)))
        return NULL;
    enum { GEO_MAX = 64 };
    const fcs_geodesic *geo_old[GEO_MAX];
    fcs_geodesic *geo_new[GEO_MAX];
    int ngeo = 0;
    for (int i = 0; i < src->d->nch; i++) {
        const fcs_channel *ch = &f->d->ch[i];
        if (ch->ncomp == 0)
            continue;
        if (ch->st_bytes && !(f->st[i] = arena_dup(ar, src->st[i], ch->st_bytes)))
            return NULL;
        for (int j = 0; j < ch->ncomp; j++) {
            const fcs_comp *k = &ch->comp[j];
            fcs_cstate *s = state_at(f, i, j);
            fcs_delay_line *d = fcs_delay_line_of(k, s);
            if (d && d->frames > 0 && d->buf &&
                !(d->buf = arena_dup(cold, d->buf, (size_t)d->frames * sizeof *d->buf)))
                return NULL;
            if ((k->type == FCS_WAYPOINT_HEADING || k->type == FCS_WAYPOINT_DISTANCE) &&
                fcs_waypoint_st(s)->geo) {
                fcs_geodesic **geo = &fcs_waypoint_st(s)->geo;
                int g = 0;
                while (g < ngeo && geo_old[g] != *geo)
                    g++;
                if (g == ngeo) {
                    if (ngeo == GEO_MAX)
                        return NULL;
                    geo_old[g] = *geo;
                    if (!(geo_new[g] = arena_dup(ar, *geo, sizeof **geo)))
                        return NULL;
                    ngeo++;
                }
                *geo = geo_new[g];
            }
        }
    }
    return f;
}
