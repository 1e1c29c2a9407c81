/*
 * fcs_nav.c - components that compute geometry: fcs_function (a function
 * value, times the first input when there is one), angle (signed angle
 * from a source to a target heading) and waypoint_heading /
 * waypoint_distance (initial azimuth and distance along the WGS-84
 * geodesic from a source to a target latitude/longitude).
 *
 * JSBSim solves the geodesic with GeographicLib (Karney's algorithm); this
 * file uses Vincenty's inverse formula on the same ellipsoid (JSBSim's
 * a = 20925646.32546 ft, b = 20855486.5951 ft), which agrees to well below
 * a millimetre except for nearly antipodal points, where Vincenty may not
 * converge (the last iterate is used).  Degree inputs use JSBSim's
 * constant 0.017453293 rad/deg.
 * References: JSBSim src/models/flight_control/FGFCSFunction.cpp,
 * FGAngles.cpp, FGWaypoint.cpp, math/FGLocation.cpp;
 * T. Vincenty, "Direct and inverse solutions of geodesics on the ellipsoid
 * with application of nested equations", Survey Review 23(176), 1975.
 */
#include <math.h>
#include <string.h>

#include "earth/geodesic.h"
#include "fdm/fcs_internal.h"
#include "math/units.h"
#include "math/trig.h"
#include "util/mem.h"

#define JSB_DEG 0.017453293 /* JSBSim's degree factor in these components */

static double unit_of(jx_ctx *c, const xmlNode *e)
{
    const char *u = jx_attr(c, e, "unit");
    return (u && strcmp(u, "DEG") == 0) ? JSB_DEG : 1.0;
}

static saqr_status angle_load(jx_ctx *c, const xmlNode *el, fcs_comp *k)
{
    fcs_angle *a = &k->u.angle;
    const xmlNode *t = jx_first(el, "target_angle"), *s = jx_first(el, "source_angle");
    if (!t)
        return jx_error(c, el, "angle \"%s\" needs <target_angle>", k->name);
    if (!s)
        return jx_error(c, el, "angle \"%s\" needs <source_angle>", k->name);
    a->target_slot = jx_property(c, t, NULL, PROP_READ);
    a->source_slot = jx_property(c, s, NULL, PROP_READ);
    if (a->target_slot < 0 || a->source_slot < 0)
        return SAQR_EPARSE;
    a->target_unit = unit_of(c, t);
    a->source_unit = unit_of(c, s);
    const char *u = jx_attr(c, el, "unit");
    a->output_unit = 1.0;
    if (u && *u) {
        if (strcmp(u, "DEG") == 0)
            a->output_unit = DEG_PER_RAD;
        else if (strcmp(u, "RAD") != 0)
            return jx_error(c, el, "angle \"%s\": unknown unit \"%s\"", k->name, u);
    }
    return SAQR_OK;
}

static saqr_status wp_coord(jx_ctx *c, const xmlNode *el, const fcs_comp *k, const char *name,
                            fcs_param *p, double *unit)
{
    const xmlNode *e = jx_first(el, name);
    if (!e)
        return jx_error(c, el, "%s \"%s\" needs <%s>", (const char *)el->name, k->name, name);
    const char *t = jx_text(c, e);
    p->sign = 1.0;
    p->value = 0.0;
    if (t[0] == '-') {
        p->sign = -1.0;
        t++;
    }
    p->slot = jx_property(c, e, t, PROP_READ);
    *unit = unit_of(c, e);
    return p->slot < 0 ? SAQR_EPARSE : SAQR_OK;
}

static saqr_status waypoint_load(jx_ctx *c, const xmlNode *el, fcs_comp *k, fcs_cstate *s)
{
    fcs_waypoint *w = &k->u.wp;
    if (wp_coord(c, el, k, "target_latitude", &w->tlat, &w->tlat_unit) ||
        wp_coord(c, el, k, "target_longitude", &w->tlon, &w->tlon_unit) ||
        wp_coord(c, el, k, "source_latitude", &w->slat, &w->slat_unit) ||
        wp_coord(c, el, k, "source_longitude", &w->slon, &w->slon_unit))
        return SAQR_EPARSE;
    fcs_waypoint_state *ws = fcs_waypoint_st(s);
    ws->geo = arena_alloc(c->ar, sizeof *ws->geo);
    if (!ws->geo)
        return jx_error(c, el, "out of memory");
    const char *u = jx_attr(c, el, "unit");
    if (k->type == FCS_WAYPOINT_HEADING) {
        if (u && *u && strcmp(u, "DEG") == 0)
            w->degrees = 1;
        else if (u && *u && strcmp(u, "RAD") != 0)
            return jx_error(c, el, "waypoint_heading \"%s\": unknown unit \"%s\"", k->name, u);
    } else {
        if (u && *u && strcmp(u, "M") == 0)
            w->meters = 1;
        else if (u && *u && strcmp(u, "FT") != 0)
            return jx_error(c, el, "waypoint_distance \"%s\": unknown unit \"%s\"", k->name, u);
    }
    return SAQR_OK;
}

saqr_status fcs_misc_load(jx_ctx *c, const xmlNode *el, fcs_comp *k, fcs_cstate *s)
{
    switch (k->type) {
    case FCS_FUNCTION: {
        const xmlNode *f = jx_first(el, "function");
        if (!f)
            return jx_error(c, el, "fcs_function \"%s\" needs a <function>", k->name);
        return jfunc_load(c, f, &k->u.func);
    }
    case FCS_ANGLE:
        return angle_load(c, el, k);
    default:
        return waypoint_load(c, el, k, s);
    }
}

static int same_param(const fcs_param *a, const fcs_param *b)
{
    return a->slot == b->slot && a->sign == b->sign && a->value == b->value;
}

int fcs_waypoint_same_inputs(const fcs_comp *a, const fcs_comp *b)
{
    if ((a->type != FCS_WAYPOINT_HEADING && a->type != FCS_WAYPOINT_DISTANCE) ||
        (b->type != FCS_WAYPOINT_HEADING && b->type != FCS_WAYPOINT_DISTANCE))
        return 0;
    const fcs_waypoint *x = &a->u.wp, *y = &b->u.wp;
    return same_param(&x->slat, &y->slat) && same_param(&x->slon, &y->slon) &&
           same_param(&x->tlat, &y->tlat) && same_param(&x->tlon, &y->tlon) &&
           x->slat_unit == y->slat_unit && x->slon_unit == y->slon_unit &&
           x->tlat_unit == y->tlat_unit && x->tlon_unit == y->tlon_unit;
}

/* The geodesic for these inputs, solved only when they differ (bit for
 * bit) from the last ones solved with this cache. */
static const fcs_geodesic *geodesic_for(fcs_geodesic *g, double slat, double slon, double tlat,
                                        double tlon)
{
    const double in[4] = {slat, slon, tlat, tlon};
    if (!g->valid || !mem_same_doubles(in, g->in, 4)) {
        geodesic_inverse_cached(GEODESIC_JSBSIM_A_FT, GEODESIC_JSBSIM_B_FT, slat, slon, tlat, tlon, &g->dist_ft,
                                &g->azi_rad, &g->solver);
        memcpy(g->in, in, sizeof in);
        g->valid = 1;
    }
    return g;
}

/* The angle from source to target in [-pi, pi], positive when the target
 * is clockwise of the source (JSBSim's FGAngle).  JSBSim takes the acos of
 * the unit vectors' dot product, signed by their cross product; the
 * difference of the angles wrapped into [-pi, pi] is the same angle without
 * the trigonometry, and more accurate near 0, where acos loses half the
 * digits (~1e-8 rad).  Angles beyond a thousand turns (or NaN) take JSBSim's
 * formula, which needs no wrapping. */
static double signed_angle_rad(double src, double tgt)
{
    double d = tgt - src;
    if (fabs(d) < 2000.0 * UNITS_PI) {
        while (d > UNITS_PI)
            d -= 2.0 * UNITS_PI;
        while (d < -UNITS_PI)
            d += 2.0 * UNITS_PI;
        return d;
    }
    double x1, y1, x2, y2;
    trig_sincos(src, &y1, &x1);
    trig_sincos(tgt, &y2, &x2);
    double ang = acos(fmax(-1.0, fmin(x1 * x2 + y1 * y2, 1.0)));
    return x1 * y2 >= x2 * y1 ? ang : -ang;
}

void fcs_misc_run(const fcs_comp *k, fcs_cstate *s, const fcs_frame *fr)
{
    double *v = fr->v;
    switch (k->type) {
    case FCS_FUNCTION:
        s->output = jfunc_eval(k->u.func, v, fr->rng);
        if (k->n_in > 0) {
            s->input = fcs_param_get(&k->in[0], v);
            s->output *= s->input;
        }
        break;
    case FCS_ANGLE: {
        const fcs_angle *a = &k->u.angle;
        double src = v[a->source_slot] * a->source_unit;
        double tgt = v[a->target_slot] * a->target_unit;
        s->output = signed_angle_rad(src, tgt) * a->output_unit;
        break;
    }
    default: {
        const fcs_waypoint *w = &k->u.wp;
        double slat = fcs_param_get(&w->slat, v) * w->slat_unit;
        double slon = fcs_param_get(&w->slon, v) * w->slon_unit;
        double tlat = fcs_param_get(&w->tlat, v) * w->tlat_unit;
        double tlon = fcs_param_get(&w->tlon, v) * w->tlon_unit;
        if (fabs(tlat) > UNITS_PI_2 || fabs(slat) > UNITS_PI_2)
            break; /* JSBSim throws; the output holds */
        const fcs_geodesic *g = geodesic_for(fcs_waypoint_st(s)->geo, slat, slon, tlat, tlon);
        double dist_ft = g->dist_ft, azi = g->azi_rad;
        if (k->type == FCS_WAYPOINT_HEADING)
            s->output = w->degrees ? azi * (DEG_PER_RAD) : azi;
        else
            s->output = w->meters ? dist_ft * 0.3048 : dist_ft;
        break;
    }
    }
    fcs_clip(k, s, v);
    fcs_set_output(k, s, v);
}
