/*
 * ground.c - the ground-reactions model of a JSBSim-format aircraft: loads
 * <ground_reactions> (one ground_unit per <contact>), binds JSBSim's
 * properties, runs every contact each frame, sums their normal forces and
 * hands the friction constraints to ground_friction.c.
 *
 * Loading follows FGLGear's constructor: structure contacts default to a
 * spring and damper equal to the empty weight (lbs/ft) and friction 1;
 * damping_coeff_rebound defaults to damping_coeff; max_steer 0 is a fixed
 * wheel, 360 (without <castered>) or <castered> non-zero a castering one;
 * brake groups NOSE and TAIL use the center brake.  Properties that JSBSim
 * ties to members (friction coefficients, location, castered, surface
 * factors) are inputs given their initial values at load time; JSBSim's
 * setter of fcs/steer-cmd-norm is reproduced by applying a changed command
 * to the steering angles before the FCS runs and again before the contacts
 * run.
 *
 * References: JSBSim src/models/FGGroundReactions.cpp, FGLGear.cpp
 * (constructor, bind, ResetToIC), FGSurface.cpp, FGAccelerations.cpp
 * (forces/f?-gear-lbs and moments/?-gear-lbsft include the friction).
 */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "earth/earth.h"
#include "fdm/ground_internal.h"
#include "math/quat.h"
#include "math/units.h"
#include "math/vec3.h"
#include "props/props.h"
#include "util/mem.h"

/* ------------------------------------------------------------ loading */

/* Interns `base[index]/suffix`, erroring with the contact's file:line. */
static saqr_status unit_prop(jx_ctx *c, const xmlNode *el, const char *base, int index, const char *suffix,
                             unsigned flags, int *slot)
{
    *slot = prop_intern_indexed(c->props, base, index, suffix, flags, jx_where(c, el));
    if (*slot < 0)
        return jx_error(c, el, "cannot create property %s[%d]/%s", base, index, suffix);
    return SAQR_OK;
}

static saqr_status group_prop(jx_ctx *c, const xmlNode *el, const char *name, unsigned flags, int *slot)
{
    *slot = prop_intern(c->props, name, flags, el ? jx_where(c, el) : NULL);
    if (*slot < 0)
        return el ? jx_error(c, el, "cannot create property %s", name) : SAQR_ENOMEM;
    return SAQR_OK;
}

/* Optional number child: SAQR_OK with *found set, or an error. */
static saqr_status opt_number(jx_ctx *c, const xmlNode *el, const char *name, const char *unit, double *out,
                              int *found)
{
    saqr_status st = jx_child_number(c, el, name, unit, 0, out);
    *found = st == SAQR_OK;
    return st == SAQR_ENOTFOUND ? SAQR_OK : st;
}

/* <emptywt> of the aircraft's <mass_balance> in lbs, for the defaults of
 * structure contacts (0 with a warning when it cannot be found). */
static double empty_weight_lbs(jx_ctx *c, const xmlNode *ground_el)
{
    const xmlNode *root = ground_el->parent;
    if (root && root->type == XML_ELEMENT_NODE) {
        xmlNode *mb = jx_first(root, "mass_balance");
        if (mb) {
            const char *dirs[] = {c->aircraft_dir, c->root_dir, NULL};
            xmlNode *res = jx_resolve(c, mb, dirs);
            double w;
            if (res && jx_child_number(c, res, "emptywt", "LBS", 0, &w) == SAQR_OK)
                return w;
        }
    }
    jx_warn(c, ground_el, "no <mass_balance><emptywt> found: structure contact defaults use 0");
    return 0.0;
}

/* Spring, damping and the strut function of one contact. */
static saqr_status load_strut(jx_ctx *c, const xmlNode *el, ground_unit_def *d, double *empty_wt_lbs, int *have_wt)
{
    const xmlNode *strut = jx_first(el, "strut_force");
    int found;
    saqr_status st;
    double x;

    if (d->type == GROUND_STRUCTURE) {
        if (!*have_wt) {
            *empty_wt_lbs = empty_weight_lbs(c, el->parent);
            *have_wt = 1;
        }
        d->spring_npm = *empty_wt_lbs * N_PER_LBF / M_PER_FT;
        d->damp = d->spring_npm;
        d->damp_rebound = 10.0 * d->spring_npm;
    }
    if (strut) {
        const xmlNode *fn = jx_first(strut, "function");
        if (!fn)
            return jx_error(c, strut, "<strut_force> of contact %s needs a <function>", d->name);
        if ((st = jfunc_load(c, fn, &d->strut_force)) != SAQR_OK)
            return st;
        if (jfunc_is_random(d->strut_force))
            return jx_error(c, fn, "random operators are not supported in <strut_force>");
        return SAQR_OK;
    }

    if ((st = opt_number(c, el, "spring_coeff", "LBS/FT", &x, &found)) != SAQR_OK)
        return st;
    if (found)
        d->spring_npm = x * N_PER_LBF / M_PER_FT;

    const xmlNode *dc = jx_first(el, "damping_coeff");
    if (dc) {
        const char *type = jx_attr(c, dc, "type");
        d->damp_square = type && strcmp(type, "SQUARE") == 0;
        if ((st = jx_number(c, dc, d->damp_square ? "LBS/FT2/SEC2" : "LBS/FT/SEC", &x)) != SAQR_OK)
            return st;
        d->damp = d->damp_square ? x * N_PER_LBF / (M_PER_FT * M_PER_FT) : x * N_PER_LBF / M_PER_FT;
    }
    const xmlNode *r = jx_first(el, "damping_coeff_rebound");
    if (r) {
        const char *type = jx_attr(c, r, "type");
        d->damp_rebound_square = type && strcmp(type, "SQUARE") == 0;
        if ((st = jx_number(c, r, d->damp_rebound_square ? "LBS/FT2/SEC2" : "LBS/FT/SEC", &x)) != SAQR_OK)
            return st;
        d->damp_rebound =
            d->damp_rebound_square ? x * N_PER_LBF / (M_PER_FT * M_PER_FT) : x * N_PER_LBF / M_PER_FT;
    } else {
        d->damp_rebound = d->damp;
        d->damp_rebound_square = d->damp_square;
    }
    return SAQR_OK;
}

static saqr_status load_steering_and_brakes(jx_ctx *c, const xmlNode *el, ground_unit_def *d)
{
    saqr_status st;
    int found;
    double x;

    if ((st = opt_number(c, el, "max_steer", "DEG", &d->max_steer_deg, &found)) != SAQR_OK)
        return st;
    const xmlNode *cast = jx_first(el, "castered");
    double cast_value = 0.0;
    if (cast && (st = jx_number(c, cast, NULL, &cast_value)) != SAQR_OK)
        return st;
    if ((d->max_steer_deg == 360.0 && !cast) || (cast && cast_value != 0.0))
        d->steer_type = GROUND_CASTER;
    else if (d->max_steer_deg == 0.0)
        d->steer_type = GROUND_FIXED;
    else
        d->steer_type = GROUND_STEERABLE;

    d->brake_group = GROUND_BRAKE_NONE;
    const xmlNode *bg = jx_first(el, "brake_group");
    if (bg) {
        const char *name = jx_text(c, bg);
        if (strcmp(name, "LEFT") == 0)
            d->brake_group = GROUND_BRAKE_LEFT;
        else if (strcmp(name, "RIGHT") == 0)
            d->brake_group = GROUND_BRAKE_RIGHT;
        else if (strcmp(name, "CENTER") == 0 || strcmp(name, "NOSE") == 0 || strcmp(name, "TAIL") == 0)
            d->brake_group = GROUND_BRAKE_CENTER;
        else if (strcmp(name, "NONE") != 0 && name[0] != '\0')
            return jx_error(c, bg, "unknown brake group '%s' (NONE, LEFT, RIGHT, CENTER, NOSE, TAIL)", name);
    }

    if ((st = opt_number(c, el, "retractable", NULL, &x, &found)) != SAQR_OK)
        return st;
    d->retractable = found && fabs(x) >= 1.0;
    return SAQR_OK;
}

static saqr_status load_tables(jx_ctx *c, const xmlNode *el, ground_unit_def *d)
{
    for (const xmlNode *t = jx_first(el, "table"); t; t = jx_next(t, "table")) {
        const char *name = jx_attr(c, t, "name");
        if (name && strcmp(name, "CORNERING_COEFF") == 0)
            return jtable_load(c, t, &d->cornering);
        jx_warn(c, t, "undefined force table for contact %s (ignored)", d->name);
    }
    return SAQR_OK;
}

/* Interns the unit's properties and writes the initial values of its
 * inputs. */
static saqr_status bind_unit(jx_ctx *c, const xmlNode *el, ground_unit_def *d, double static_fc, double dynamic_fc,
                             double rolling_fc, const double loc_in[3])
{
    const char *base = d->type == GROUND_BOGEY ? "gear/unit" : "contact/unit";
    /* own: reports that hold while the unit is in the air (the fast path
     * of ground_unit_run does not rewrite them) */
    const unsigned out = PROP_PRODUCED, own = PROP_PRODUCED | PROP_OWNED, in = PROP_INPUT | PROP_READ;
    /* watched: an outside write may move the unit, which a quiet run
     * (ground_run) would miss */
    const unsigned watched = in | PROP_WATCHED;
    ground_unit_slots *s = &d->s;
    int i = d->index;
    saqr_status st;

    memset(s, 0xff, sizeof *s); /* every slot -1 */
    struct {
        const char *suffix;
        unsigned flags;
        int *slot;
    } common[] = {
        {"AGL-ft", out, &s->agl_ft},
        {"WOW", own, &s->wow},
        {"x-position", watched, &s->x_in},
        {"y-position", watched, &s->y_in},
        {"z-position", watched, &s->z_in},
        {"compression-ft", own, &s->compression_ft},
        {"compression-velocity-fps", own, &s->compression_vel_fps},
        {"static_friction_coeff", in, &s->static_fc},
        {"dynamic_friction_coeff", in, &s->dynamic_fc},
        {"solid", own, &s->solid},
        {"bumpiness", own, &s->bumpiness},
        {"maximum-force-lbs", own, &s->max_force_lbs},
        {"rolling_friction-factor", own, &s->rolling_factor},
        {"static-friction-factor", own, &s->static_factor},
    };
    for (size_t k = 0; k < sizeof common / sizeof common[0]; k++)
        if ((st = unit_prop(c, el, base, i, common[k].suffix, common[k].flags, common[k].slot)) != SAQR_OK)
            return st;

    if (d->type == GROUND_BOGEY) {
        if ((st = unit_prop(c, el, base, i, "slip-angle-deg", own, &s->slip_deg)) != SAQR_OK ||
            (st = unit_prop(c, el, base, i, "wheel-speed-fps", own, &s->wheel_speed_fps)) != SAQR_OK ||
            (st = unit_prop(c, el, base, i, "side_friction_coeff", own, &s->side_fc)) != SAQR_OK)
            return st;
        if (d->steer_type == GROUND_CASTER &&
            ((st = unit_prop(c, el, base, i, "steering-angle-deg", out, &s->steering_angle_deg)) != SAQR_OK ||
             (st = unit_prop(c, el, base, i, "castered", watched, &s->castered)) != SAQR_OK))
            return st;
    }
    if (d->type == GROUND_BOGEY &&
        (st = unit_prop(c, el, base, i, "rolling_friction_coeff", in, &s->rolling_fc)) != SAQR_OK)
        return st;
    if (d->retractable && (st = unit_prop(c, el, base, i, "pos-norm", watched, &s->pos_norm)) != SAQR_OK)
        return st;
    if (d->steer_type != GROUND_FIXED) {
        /* the FCS may override the angle through this property */
        char name[64];
        snprintf(name, sizeof name, "fcs/steer-pos-deg[%d]", i);
        if ((st = group_prop(c, el, name, in | out, &s->steer_pos_deg)) != SAQR_OK)
            return st;
    }

    double *v = c->props->v;
    v[s->x_in] = loc_in[0];
    v[s->y_in] = loc_in[1];
    v[s->z_in] = loc_in[2];
    v[s->static_fc] = static_fc;
    v[s->dynamic_fc] = dynamic_fc;
    if (s->rolling_fc >= 0)
        v[s->rolling_fc] = rolling_fc;
    v[s->solid] = 1.0;
    v[s->bumpiness] = 0.0;
    v[s->max_force_lbs] = DBL_MAX;
    v[s->rolling_factor] = 1.0;
    v[s->static_factor] = 1.0;
    if (s->castered >= 0)
        v[s->castered] = 1.0;
    if (s->pos_norm >= 0)
        v[s->pos_norm] = 1.0;
    return SAQR_OK;
}

static saqr_status load_unit(jx_ctx *c, const xmlNode *el, int index, ground_unit *u, ground_unit_def *d,
                             double *empty_wt_lbs,
                             int *have_wt)
{
    static const char *const known[] = {"location",      "orientation",   "static_friction", "dynamic_friction",
                                        "rolling_friction", "spring_coeff", "damping_coeff",
                                        "damping_coeff_rebound", "max_steer", "castered", "brake_group",
                                        "retractable", "table", "strut_force", NULL};
    saqr_status st;
    int found;
    double static_fc = 0.0, dynamic_fc = 0.0, rolling_fc = 0.0, loc_in[3], euler[3];

    d->index = index;
    d->name = jx_attr(c, el, "name");
    if (!d->name)
        d->name = "";
    const char *type = jx_attr(c, el, "type");
    if (type && strcmp(type, "BOGEY") == 0) {
        d->type = GROUND_BOGEY;
    } else {
        d->type = GROUND_STRUCTURE;
        if (!type || strcmp(type, "STRUCTURE") != 0)
            jx_warn(c, el, "contact %s: type '%s' unknown, treated as STRUCTURE", d->name, type ? type : "");
        static_fc = dynamic_fc = 1.0;
    }
    jx_warn_unknown(c, el, known);

    if ((st = load_strut(c, el, d, empty_wt_lbs, have_wt)) != SAQR_OK)
        return st;
    double x;
    if ((st = opt_number(c, el, "dynamic_friction", NULL, &x, &found)) != SAQR_OK)
        return st;
    if (found)
        dynamic_fc = x;
    if ((st = opt_number(c, el, "static_friction", NULL, &x, &found)) != SAQR_OK)
        return st;
    if (found)
        static_fc = x;
    if ((st = opt_number(c, el, "rolling_friction", NULL, &x, &found)) != SAQR_OK)
        return st;
    if (found)
        rolling_fc = x;
    if ((st = load_steering_and_brakes(c, el, d)) != SAQR_OK || (st = load_tables(c, el, d)) != SAQR_OK)
        return st;

    const xmlNode *loc = jx_first(el, "location");
    if (!loc)
        return jx_error(c, el, "no location given for contact %s", d->name);
    if ((st = jx_triplet(c, loc, "IN", 0, loc_in)) != SAQR_OK)
        return st;

    const xmlNode *orient = jx_first(el, "orientation");
    if (orient && d->type == GROUND_BOGEY) {
        if ((st = jx_triplet(c, orient, "RAD", 1, euler)) != SAQR_OK)
            return st;
        dcm_from_euler(euler, d->c_gear_body);
    } else {
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                d->c_gear_body[i][j] = i == j ? 1.0 : 0.0;
    }
    for (int k = 0; k < 3; k++)
        u->pos_struct_m[k] = loc_in[k] * M_PER_IN;
    return bind_unit(c, el, d, static_fc, dynamic_fc, rolling_fc, loc_in);
}

static saqr_status bind_group(jx_ctx *c, const xmlNode *el, ground *g)
{
    static const char *const brake[3] = {"fcs/left-brake-cmd-norm", "fcs/right-brake-cmd-norm",
                                         "fcs/center-brake-cmd-norm"};
    static const char *const fb[3] = {"forces/fbx-gear-lbs", "forces/fby-gear-lbs", "forces/fbz-gear-lbs"};
    static const char *const mb[3] = {"moments/l-gear-lbsft", "moments/m-gear-lbsft", "moments/n-gear-lbsft"};
    const unsigned out = PROP_PRODUCED, in = PROP_INPUT | PROP_READ;
    saqr_status st;

    if ((st = group_prop(c, el, "gear/num-units", out, &g->s_num_units)) != SAQR_OK ||
        (st = group_prop(c, el, "gear/wow", out, &g->s_wow)) != SAQR_OK ||
        (st = group_prop(c, el, "fcs/steer-cmd-norm", in, &g->s_steer_cmd)) != SAQR_OK ||
        (st = group_prop(c, el, "gear/gear-pos-norm", PROP_READ, &g->s_gear_pos_norm)) != SAQR_OK ||
        (st = group_prop(c, el, "ground/solid", in, &g->s_surf_solid)) != SAQR_OK ||
        (st = group_prop(c, el, "ground/bumpiness", in, &g->s_surf_bumpiness)) != SAQR_OK ||
        (st = group_prop(c, el, "ground/maximum-force-lbs", in, &g->s_surf_max_force)) != SAQR_OK ||
        (st = group_prop(c, el, "ground/rolling_friction-factor", in, &g->s_surf_rolling)) != SAQR_OK ||
        (st = group_prop(c, el, "ground/static-friction-factor", in, &g->s_surf_static)) != SAQR_OK)
        return st;
    for (int k = 0; k < 3; k++)
        if ((st = group_prop(c, el, brake[k], PROP_READ, &g->s_brake[k])) != SAQR_OK ||
            (st = group_prop(c, el, fb[k], out, &g->s_fb_gear[k])) != SAQR_OK ||
            (st = group_prop(c, el, mb[k], out, &g->s_m_gear[k])) != SAQR_OK)
            return st;

    double *v = c->props->v;
    v[g->s_num_units] = g->n_units;
    v[g->s_surf_solid] = 1.0;
    v[g->s_surf_bumpiness] = 0.0;
    v[g->s_surf_max_force] = DBL_MAX;
    v[g->s_surf_rolling] = 1.0;
    v[g->s_surf_static] = 1.0;
    return SAQR_OK;
}

saqr_status ground_load(jx_ctx *c, const xmlNode *el, ground **out)
{
    ground *g = arena_alloc(c->ar, sizeof *g);
    if (!g)
        return SAQR_ENOMEM;
    *out = NULL;
    int n = el ? jx_count(el, "contact") : 0;
    ground_unit_def *defs = NULL; /* the units' descriptions, written here */
    if (n > 0) {
        size_t nm = 3 * (size_t)n;
        g->units = arena_array(c->ar, (size_t)n, sizeof *g->units);
        defs = arena_array(c->ar, (size_t)n, sizeof *defs);
        g->active = arena_array(c->ar, nm, sizeof *g->active);
        if (!g->units || !defs || !g->active)
            return SAQR_ENOMEM;
        for (int i = 0; i < n; i++)
            g->units[i].d = &defs[i];
        if (nm > GROUND_STACK_MULTIPLIERS) { /* else the solver's stack */
            g->a = arena_array(c->ar, nm * nm, sizeof *g->a);
            g->rhs = arena_array(c->ar, nm, sizeof *g->rhs);
            g->lambda = arena_array(c->ar, 3 * nm, sizeof *g->lambda); /* and the bounds */
            g->dir_arm = arena_array(c->ar, 2 * nm, sizeof *g->dir_arm);
            if (!g->a || !g->rhs || !g->lambda || !g->dir_arm)
                return SAQR_ENOMEM;
        }
    }
    g->n_units = n;

    if (el) {
        static const char *const known[] = {"contact", "documentation", NULL};
        jx_warn_unknown(c, el, known);
        double empty_wt_lbs = 0.0;
        int have_wt = 0, i = 0;
        for (const xmlNode *ce = jx_first(el, "contact"); ce; ce = jx_next(ce, "contact"), i++) {
            saqr_status st = load_unit(c, ce, i, &g->units[i], &defs[i], &empty_wt_lbs, &have_wt);
            if (st != SAQR_OK)
                return st;
        }
    }
    /* the units that may turn (shared by the copies of a batch) */
    int *steering = n > 0 ? arena_array(c->ar, (size_t)n, sizeof *steering) : NULL;
    if (n > 0 && !steering)
        return SAQR_ENOMEM;
    for (int i = 0; i < n; i++)
        if (defs[i].steer_type != GROUND_FIXED)
            steering[g->n_steering++] = i;
    g->steering = steering;
    saqr_status st = bind_group(c, el, g);
    if (st != SAQR_OK)
        return st;
    *out = g;
    return SAQR_OK;
}

/* ------------------------------------------------------------ running */

/* JSBSim's fcs/steer-cmd-norm setter: a new command sets the angle of
 * every steerable (and non-castering) wheel to command * max_steer. */
static void apply_steer_cmd(ground *g, double *v)
{
    double cmd = v[g->s_steer_cmd];
    if (cmd == g->steer_cmd_seen)
        return;
    g->steer_cmd_seen = cmd;
    for (int i = 0; i < g->n_units; i++) {
        ground_unit *u = &g->units[i];
        if (u->d->steer_type == GROUND_FIXED || ground_unit_castering(u, v))
            continue;
        v[u->d->s.steer_pos_deg] = cmd * u->d->max_steer_deg;
    }
}

void ground_reset(ground *g, double *v)
{
    for (int i = 0; i < g->n_units; i++) {
        ground_unit *u = &g->units[i];
        u->wow = 0;
        u->steer_rad = 0.0;
        u->agl_m = 0.0;
        u->compress_m = u->compress_speed_mps = 0.0;
        u->strut_force_lbs = u->normal_force_n = 0.0;
        u->slip_deg = 0.0;
        u->pacejka_x_bits = 0; /* x = +0 gives +0 */
        u->pacejka_y = 0.0;
        u->settled_air = 0;
        memset(u->wheel_vel_gear_mps, 0, sizeof u->wheel_vel_gear_mps);
        memset(u->mult, 0, sizeof u->mult);
        if (u->d->s.pos_norm >= 0)
            v[u->d->s.pos_norm] = 1.0;
        if (u->d->s.steer_pos_deg >= 0)
            v[u->d->s.steer_pos_deg] = 0.0;
        v[u->d->s.wow] = 0.0;
        v[u->d->s.compression_ft] = v[u->d->s.compression_vel_fps] = 0.0;
    }
    g->n_active = g->n_single = 0;
    g->outside_write = 1; /* the next run writes every report */
    g->all_settled = g->heights_skipped = g->sphere_valid = g->any_wow = 0;
    g->steer_cmd_seen = 0.0;
    v[g->s_steer_cmd] = 0.0;
    v[g->s_wow] = 0.0;
    for (int k = 0; k < 3; k++) {
        g->force_body_n[k] = g->moment_body_nm[k] = 0.0;
        v[g->s_fb_gear[k]] = v[g->s_m_gear[k]] = 0.0;
    }
}

void ground_pre_fcs(ground *g, double *v)
{
    apply_steer_cmd(g, v);
}

void ground_outside_write(ground *g)
{
    g->outside_write = 1;
}

/* ground_unit_slots holds nothing but slot numbers (-1: none) */
_Static_assert(sizeof(ground_unit_slots) % sizeof(int) == 0, "a unit's slots are ints");

void ground_settle_flags(ground *g, unsigned *flags)
{
    g->foreign = 0;
    g->quiet_allowed = g->locations_fixed = 1;
    for (int i = 0; i < g->n_units; i++) {
        /* only the slots bind_unit marked owned can be foreign */
        const ground_unit_slots *s = &g->units[i].d->s;
        const int *slot = (const int *)s;
        for (size_t k = 0; k < sizeof(ground_unit_slots) / sizeof(int); k++)
            if (slot[k] >= 0 && (flags[slot[k]] & PROP_FOREIGN))
                g->foreign = 1;
        const int moving[] = {s->x_in, s->y_in, s->z_in, s->castered, s->pos_norm};
        for (size_t k = 0; k < sizeof moving / sizeof moving[0]; k++)
            if (moving[k] >= 0 && (flags[moving[k]] & PROP_PRODUCED)) {
                g->quiet_allowed = 0;
                if (k < 3)
                    g->locations_fixed = 0;
            }
        if (flags[s->agl_ft] & (PROP_READ | PROP_FOREIGN))
            g->quiet_allowed = 0;
        flags[s->agl_ft] |= PROP_LAZY;
    }
}

/* The flat-Earth height of a unit at its last location (the quiet run's,
 * as ground_unit_run_settled's). */
static double unit_height_m(const ground_unit *u, const fdm_env *env)
{
    double arm[3];
    fdm_arm_body_m(env, u->pos_struct_m, arm);
    return ground_flat_height_m(env, arm);
}

int ground_height_value(const ground *g, const fdm_env *env, int slot, double *value_ft)
{
    if (!g->heights_skipped)
        return 0;
    for (int i = 0; i < g->n_units; i++)
        if (g->units[i].d->s.agl_ft == slot) {
            *value_ft = unit_height_m(&g->units[i], env) / M_PER_FT;
            return 1;
        }
    return 0;
}

static int same_bits(double a, double b)
{
    return memcmp(&a, &b, sizeof a) == 0;
}

/* A sphere around the units' locations, from the last run's. */
static void bound_units(ground *g)
{
    double c[3] = {0.0, 0.0, 0.0}, r2 = 0.0;
    for (int i = 0; i < g->n_units; i++)
        for (int k = 0; k < 3; k++)
            c[k] += g->units[i].pos_struct_m[k] / g->n_units;
    for (int i = 0; i < g->n_units; i++) {
        double d[3];
        vec3_sub(d, g->units[i].pos_struct_m, c);
        double d2 = vec3_dot(d, d);
        r2 = d2 > r2 ? d2 : r2;
    }
    vec3_copy(g->sphere_c_m, c);
    g->sphere_r_m = sqrt(r2);
    g->sphere_valid = 1;
}

/* Whether this run may be skipped: every unit settled high in the air by
 * the last run (ground_unit_run_settled would hold for each), and nothing
 * that moves one has changed: not the gear's extension, not a steering
 * angle (which an FCS may write every frame), and every unit still more
 * than GROUND_AIRBORNE_MARGIN_M up.  The last holds for all at once when the CG
 * is that much higher than the farthest a unit can be from it (a sphere
 * around them and the CG's distance from its centre), a few operations
 * in place of each unit's height. */
static int quiet(ground *g, const fdm_env *env, const double *v, const ground_inputs *in)
{
    if (!g->quiet_allowed || !g->all_settled || !same_bits(in->fcs_gear_pos, g->last_fcs_gear_pos))
        return 0;
    for (int k = 0; k < g->n_steering; k++) {
        const ground_unit *u = &g->units[g->steering[k]];
        const ground_unit_slots *s = &u->d->s;
        /* the angles as write_steering left them: a settled unit's is +-0,
         * so it would read the same +-0 back (read_steering) */
        double deg = u->steer_rad * DEG_PER_RAD;
        if ((s->steer_pos_deg >= 0 && !same_bits(v[s->steer_pos_deg], deg)) ||
            (u->d->type == GROUND_BOGEY && s->steering_angle_deg >= 0 && !same_bits(v[s->steering_angle_deg], deg)))
            return 0;
    }
    if (!g->sphere_valid)
        bound_units(g);
    double d[3];
    vec3_sub(d, env->cg_struct_m, g->sphere_c_m);
    /* a micrometre for the roundings of the heights and of the bound */
    double h = env->alt_agl_m - GROUND_AIRBORNE_MARGIN_M - 1e-6 - g->sphere_r_m;
    return h > 0.0 && h * h >= vec3_dot(d, d);
}

/* Non-zero when the surface is bit for bit the last run's. */
static int same_surface(const ground_surface *a, const ground_surface *b)
{
    return a->solid == b->solid && mem_same_doubles(&a->static_factor, &b->static_factor, 4);
}

static void write_totals(const ground *g, double *v, const double f_n[3], const double m_nm[3])
{
    for (int k = 0; k < 3; k++) {
        v[g->s_fb_gear[k]] = (g->force_body_n[k] + f_n[k]) / N_PER_LBF;
        v[g->s_m_gear[k]] = (g->moment_body_nm[k] + m_nm[k]) / (N_PER_LBF * M_PER_FT);
    }
}

/* Not flattened: inlining everything the units' run calls into this
 * function (91 kB of code, a copy of each helper per call site) saved an
 * F-16 on the runway ~0.7% where the frame's code fits the instruction
 * cache, but costs 2-3% where it is streamed from the second-level cache
 * and every byte executed counts (docs/jsbsim.md, "Bytes, not
 * instructions"). */
void ground_run(ground *g, const fdm_env *env, double *v, fdm_forces *out)
{
    apply_steer_cmd(g, v); /* the FCS may have written a new command */

    ground_inputs in;
    for (int k = 0; k < 3; k++)
        in.brake[k] = v[g->s_brake[k]];
    in.fcs_gear_pos = v[g->s_gear_pos_norm];
    in.surf.solid = v[g->s_surf_solid] != 0.0;
    in.surf.bumpiness = v[g->s_surf_bumpiness];
    in.surf.max_force_lbs = v[g->s_surf_max_force];
    in.surf.rolling_factor = v[g->s_surf_rolling];
    in.surf.static_factor = v[g->s_surf_static];
    in.have_radii = 0;
    in.reread_locations = g->outside_write || !g->locations_fixed;

    fdm_forces sum = {{0.0, 0.0, 0.0}, {0.0, 0.0, 0.0}};
    g->n_active = g->n_single = 0;
    /* units high in the air keep their reports while nothing from outside
     * wrote them (JSBSim's contacts rewrite theirs every frame: a script
     * or the API may have) and the surface is the same */
    int reports_hold = !g->foreign && !g->outside_write && same_surface(&in.surf, &g->last_surf);
    if (g->outside_write) /* a unit may have moved */
        g->sphere_valid = 0;
    g->heights_skipped = reports_hold && quiet(g, env, v, &in);
    if (!g->heights_skipped) {
        int all_settled = 1, any_wow = 0;
        for (int i = 0; i < g->n_units; i++) {
            ground_unit *u = &g->units[i];
            if (!reports_hold || !ground_unit_run_settled(u, env, v, &in))
                ground_unit_run(g, u, env, v, &in, &sum);
            all_settled &= u->settled_air;
            any_wow |= u->d->type == GROUND_BOGEY && u->wow;
        }
        g->all_settled = all_settled;
        g->any_wow = any_wow; /* a quiet run leaves every unit's WOW as it was */
    }
    g->outside_write = 0;
    g->last_surf = in.surf;
    g->last_fcs_gear_pos = in.fcs_gear_pos;

    for (int k = 0; k < 3; k++) {
        g->force_body_n[k] = sum.force_body_n[k];
        g->moment_body_nm[k] = sum.moment_body_nm[k];
        out->force_body_n[k] += sum.force_body_n[k];
        out->moment_body_nm[k] += sum.moment_body_nm[k];
    }
    const double zero[3] = {0.0, 0.0, 0.0};
    write_totals(g, v, zero, zero);
    v[g->s_wow] = ground_wow(g);
}

void ground_resolve_friction(ground *g, const fdm_env *env, double *v, const double uvwdot_mps2[3],
                             const double pqrdot_radps2[3], const double (*jinv)[3], fdm_forces *extra)
{
    if (g->n_active == 0)
        return;
    double f[3], m[3];
    ground_friction_solve(g, env, uvwdot_mps2, pqrdot_radps2, jinv, f, m);
    for (int k = 0; k < 3; k++) {
        extra->force_body_n[k] += f[k];
        extra->moment_body_nm[k] += m[k];
    }
    write_totals(g, v, f, m);
}

double ground_lowest_contact_agl_m(const ground *g, const fdm_env *env)
{
    double lowest = INFINITY;
    const double (*c)[3] = env->c_body_ned;
    for (int i = 0; i < g->n_units; i++) {
        double arm[3];
        fdm_arm_body_m(env, g->units[i].pos_struct_m, arm);
        double down = c[0][2] * arm[0] + c[1][2] * arm[1] + c[2][2] * arm[2];
        double h = env->alt_asl_m - down - env->terrain_elev_m;
        if (h < lowest)
            lowest = h;
    }
    return lowest;
}

int ground_wow(const ground *g)
{
    return g->any_wow;
}

int ground_retractable_count(const ground *g)
{
    int n = 0;
    for (int i = 0; i < g->n_units; i++)
        n += g->units[i].d->retractable != 0;
    return n;
}

int ground_contact_count(const ground *g)
{
    return g->n_units;
}

void ground_contact_geometry(const ground *g, const fdm_env *env, const double *v, int i,
                             ground_contact_geom *out)
{
    const ground_unit *u = &g->units[i];
    fdm_arm_body_m(env, u->pos_struct_m, out->arm_body_m);
    /* the contact's height and geodetic up, as ground_unit_run */
    double arm_ned[3], up_ned[3];
    ground_inputs in = {.have_radii = 0};
    mat3_tmul_vec(env->c_body_ned, out->arm_body_m, arm_ned);
    out->height_m = earth_offset_alt_up(ground_inputs_radii(&in, env), env->alt_asl_m, arm_ned, up_ned) -
                    env->terrain_elev_m;
    for (int k = 0; k < 3; k++)
        out->up_body[k] = env->c_body_ned[k][0] * up_ned[0] + env->c_body_ned[k][1] * up_ned[1] +
                          env->c_body_ned[k][2] * up_ned[2];
    /* extension as ground_gear.c's unit_gear_pos, without its latch */
    double pos = 1.0;
    if (u->d->retractable) {
        double fcs = v[g->s_gear_pos_norm];
        pos = (u->use_fcs_gear_pos || fcs != 1.0) ? fcs : v[u->d->s.pos_norm];
    }
    out->down = pos > 0.99;
    out->bogey = u->d->type == GROUND_BOGEY;
}

int ground_surface_solid(const ground *g, const double *v)
{
    return v[g->s_surf_solid] != 0.0;
}

/* The contacts' state and the solver's workspace (when not on the stack)
 * are per aircraft; the loaded contacts (ground_unit_def, with their strut
 * functions and cornering tables) are shared.  `active` points into the
 * units' multipliers: the copies point into the copied units. */
ground *ground_clone(arena *ar, arena *cold, const ground *src)
{
    ground *g = arena_dup(ar, src, sizeof *src);
    if (!g || src->n_units == 0)
        return g;
    const size_t n = (size_t)src->n_units, nm = 3 * n;
    g->units = arena_dup(cold, src->units, n * sizeof *src->units);
    g->active = arena_array(ar, nm, sizeof *g->active);
    if (!g->units || !g->active)
        return NULL;
    if (src->a) { /* a workspace of its own, not copied: the solve fills it */
        g->a = arena_array(cold, nm * nm, sizeof *g->a);
        g->rhs = arena_array(cold, nm, sizeof *g->rhs);
        g->lambda = arena_array(cold, 3 * nm, sizeof *g->lambda); /* and the bounds */
        g->dir_arm = arena_array(cold, 2 * nm, sizeof *g->dir_arm);
        if (!g->a || !g->rhs || !g->lambda || !g->dir_arm)
            return NULL;
    }
    for (int i = 0; i < src->n_active; i++) {
        const ground_multiplier *m = src->active[i];
        for (size_t u = 0; u < n; u++)
            if (m >= src->units[u].mult && m < src->units[u].mult + 3)
                g->active[i] = &g->units[u].mult[m - src->units[u].mult];
    }
    return g;
}

void ground_prefetch(const ground *g, const double *v)
{
    if (!g->heights_skipped) {
        mem_prefetch(g->units, (size_t)g->n_units * sizeof *g->units);
        return;
    }
    for (int k = 0; k < g->n_steering; k++) { /* what quiet() reads */
        const ground_unit *u = &g->units[g->steering[k]];
        __builtin_prefetch(&u->d);
        __builtin_prefetch(&u->steer_rad);
        if (u->d->s.steer_pos_deg >= 0)
            __builtin_prefetch(&v[u->d->s.steer_pos_deg]);
        if (u->d->s.steering_angle_deg >= 0)
            __builtin_prefetch(&v[u->d->s.steering_angle_deg]);
    }
}
