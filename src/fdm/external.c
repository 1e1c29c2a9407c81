/*
 * external.c - external forces and moments, see external.h.
 *
 * Reference: JSBSim src/models/FGExternalReactions.cpp, FGExternalForce.cpp
 * (frames, defaults, property names), propulsion/FGForce.cpp (transforms,
 * moment arm), FGPropagate.cpp (Ti2b = Tl2b Tec2l Ti2ec, with Ti2ec the
 * rotation by the Earth position angle about the polar axis).
 */
#include "fdm/external.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "expr/func.h"
#include "math/units.h"
#include "math/trig.h"

#define EXT_MAX 32

enum frame { FR_BODY, FR_LOCAL, FR_WIND, FR_INERTIAL };

typedef struct ext_item {
    int is_moment;
    int frame;
    int dir_slot[3];
    int mag_slot;              /* -1 when a function gives the magnitude  */
    jfunc *mag_fn;
    int loc_slot[3];           /* external_reactions/NAME/location-?-in */
} ext_item;

struct external {
    int n;
    int epa_slot;              /* position/epa-rad, for INERTIAL        */
    ext_item items[EXT_MAX];
};

static saqr_status load_item(jx_ctx *c, const xmlNode *el, int is_moment, ext_item *it)
{
    const char *name = jx_attr(c, el, "name");
    if (!name || !*name)
        return jx_error(c, el, "<%s> needs a name", is_moment ? "moment" : "force");
    const char *frame = jx_attr(c, el, "frame");
    /* JSBSim flies a missing or unknown frame as BODY, with a warning */
    it->frame = FR_BODY;
    if (!frame || !*frame)
        jx_warn(c, el, "no frame given for \"%s\"; BODY is used", name);
    else if (!strcmp(frame, "LOCAL"))
        it->frame = FR_LOCAL;
    else if (!strcmp(frame, "WIND"))
        it->frame = FR_WIND;
    else if (!strcmp(frame, "INERTIAL"))
        it->frame = FR_INERTIAL;
    else if (strcmp(frame, "BODY"))
        jx_warn(c, el, "frame \"%s\" is not BODY, LOCAL, WIND or INERTIAL; BODY is used",
                frame);
    it->is_moment = is_moment;
    char base[200];
    snprintf(base, sizeof base, "external_reactions/%s", name);
    static const char *const fnames[3] = {"x", "y", "z"}, *const mnames[3] = {"l", "m", "n"};
    double dir[3] = {0, 0, 0};
    const xmlNode *d = jx_first(el, "direction");
    saqr_status st;
    if (d && (st = jx_triplet(c, d, NULL, 0, dir)))
        return st;
    double norm = sqrt(dir[0] * dir[0] + dir[1] * dir[1] + dir[2] * dir[2]);
    for (int i = 0; i < 3; i++) {
        char pname[260];
        snprintf(pname, sizeof pname, "%s/%s", base, is_moment ? mnames[i] : fnames[i]);
        it->dir_slot[i] = jx_property(c, el, pname, PROP_PRODUCED | PROP_INPUT);
        if (it->dir_slot[i] < 0)
            return SAQR_EPARSE;
        c->props->v[it->dir_slot[i]] = norm > 0.0 ? dir[i] / norm : 0.0;
    }
    const xmlNode *fn = jx_first(el, "function");
    it->mag_slot = -1;
    if (fn) {
        if ((st = jfunc_load(c, fn, &it->mag_fn)))
            return st;
    } else {
        char pname[260];
        snprintf(pname, sizeof pname, "%s/%s", base, is_moment ? "magnitude-lbsft" : "magnitude");
        it->mag_slot = jx_property(c, el, pname, PROP_PRODUCED | PROP_INPUT);
        if (it->mag_slot < 0)
            return SAQR_EPARSE;
    }
    for (int i = 0; i < 3; i++)
        it->loc_slot[i] = -1;
    if (is_moment)
        return SAQR_OK;
    /* a force without <location> acts at the structural origin */
    double loc_in[3] = {0.0, 0.0, 0.0};
    const xmlNode *loc = jx_first(el, "location");
    if (loc && (st = jx_triplet(c, loc, "IN", 0, loc_in)))
        return st;
    if (!loc)
        jx_warn(c, el, "force \"%s\" has no <location>; the structural origin is used", name);
    static const char *const lnames[3] = {"location-x-in", "location-y-in", "location-z-in"};
    for (int i = 0; i < 3; i++) {
        char pname[260];
        snprintf(pname, sizeof pname, "%s/%s", base, lnames[i]);
        it->loc_slot[i] = jx_property(c, el, pname, PROP_PRODUCED | PROP_INPUT);
        if (it->loc_slot[i] < 0)
            return SAQR_EPARSE;
        c->props->v[it->loc_slot[i]] = loc_in[i];
    }
    return SAQR_OK;
}

saqr_status external_load(jx_ctx *c, const xmlNode *el, external **out)
{
    static const char *const known[] = {"force", "moment", "property", "description", NULL};
    external *x = arena_alloc(c->ar, sizeof *x);
    if (!x)
        return err_set(c->err, SAQR_ENOMEM, "out of memory");
    for (const xmlNode *k = jx_first(el, NULL); k; k = jx_next(k, NULL)) {
        int is_force = jx_is(k, "force"), is_moment = jx_is(k, "moment");
        if (!is_force && !is_moment)
            continue;
        if (x->n >= EXT_MAX)
            return jx_error(c, k, "more than %d external reactions", EXT_MAX);
        saqr_status st = load_item(c, k, is_moment, &x->items[x->n]);
        if (st)
            return st;
        x->n++;
    }
    x->epa_slot = -1;
    for (int k = 0; k < x->n; k++)
        if (x->items[k].frame == FR_INERTIAL && x->epa_slot < 0 &&
            (x->epa_slot = prop_intern(c->props, "position/epa-rad", PROP_READ, jx_where(c, el))) < 0)
            return jx_error(c, el, "cannot read position/epa-rad");
    for (const xmlNode *p = jx_first(el, "property"); p; p = jx_next(p, "property"))
        if (jx_property(c, p, NULL, PROP_INPUT) < 0)
            return SAQR_EPARSE;
    jx_warn_unknown(c, el, known);
    *out = x;
    return SAQR_OK;
}

/* ECI -> body: Tl2b Tec2l Ti2ec, Ti2ec turning by the Earth position
 * angle about the polar axis. */
static void inertial_to_body(const fdm_env *env, double epa_rad, const double n[3], double b[3])
{
    double c = trig_cos(epa_rad), s = trig_sin(epa_rad);
    double ecef[3] = {c * n[0] + s * n[1], -s * n[0] + c * n[1], n[2]}, ned[3];
    for (int i = 0; i < 3; i++)
        ned[i] = env->c_ned_ecef[i][0] * ecef[0] + env->c_ned_ecef[i][1] * ecef[1] +
                 env->c_ned_ecef[i][2] * ecef[2];
    for (int i = 0; i < 3; i++)
        b[i] = env->c_body_ned[i][0] * ned[0] + env->c_body_ned[i][1] * ned[1] +
               env->c_body_ned[i][2] * ned[2];
}

static void to_body(const ext_item *it, const fdm_env *env, double epa_rad, const double n[3],
                    double b[3])
{
    if (it->frame == FR_INERTIAL) {
        inertial_to_body(env, epa_rad, n, b);
    } else if (it->frame == FR_LOCAL) {
        for (int i = 0; i < 3; i++)
            b[i] = env->c_body_ned[i][0] * n[0] + env->c_body_ned[i][1] * n[1] + env->c_body_ned[i][2] * n[2];
    } else if (it->frame == FR_WIND) {
        double ca = trig_cos(env->alpha_rad), sa = trig_sin(env->alpha_rad);
        double cb = trig_cos(env->beta_rad), sb = trig_sin(env->beta_rad);
        b[0] = ca * cb * n[0] - ca * sb * n[1] - sa * n[2];
        b[1] = sb * n[0] + cb * n[1];
        b[2] = sa * cb * n[0] - sa * sb * n[1] + ca * n[2];
    } else {
        memcpy(b, n, 3 * sizeof *b);
    }
}

void external_run(external *x, const fdm_env *env, double *v, saqr_rng *rng, fdm_forces *out)
{
    double epa_rad = x->epa_slot >= 0 ? v[x->epa_slot] : 0.0;
    for (int k = 0; k < x->n; k++) {
        const ext_item *it = &x->items[k];
        double mag = it->mag_fn ? jfunc_eval(it->mag_fn, v, rng) : v[it->mag_slot];
        if (mag == 0.0)
            continue;
        double n[3] = {mag * v[it->dir_slot[0]], mag * v[it->dir_slot[1]], mag * v[it->dir_slot[2]]};
        double b[3];
        to_body(it, env, epa_rad, n, b);
        if (it->is_moment) {
            for (int i = 0; i < 3; i++)
                out->moment_body_nm[i] += b[i] * N_PER_LBF * M_PER_FT;
        } else {
            double f_n[3] = {b[0] * N_PER_LBF, b[1] * N_PER_LBF, b[2] * N_PER_LBF};
            double pos_m[3] = {v[it->loc_slot[0]] * M_PER_IN, v[it->loc_slot[1]] * M_PER_IN,
                               v[it->loc_slot[2]] * M_PER_IN};
            fdm_forces_add_at(out, env, f_n, pos_m);
        }
    }
}

/* Everything but the functions (shared, read-only) is state or small. */
external *external_clone(arena *ar, const external *src)
{
    return arena_dup(ar, src, sizeof *src);
}
