/*
 * lesson_route.c - a navigation lesson's route and legs (see
 * lesson_route.h).
 *
 * References: FAA-H-8083-25C ch. 16 (course, wind triangle, ground speed);
 * NIMA TR8350.2 (WGS-84; the radii of curvature in src/earth/wgs84.h).
 */
#include "train/lesson_route.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "earth/wgs84.h"
#include "math/angle.h"
#include "math/trig.h"
#include "math/units.h"
#include "train/wind_correction.h"

#define M_PER_NM 1852.0
#define LEG_MAX_NM 250.0
#define DIVERT_MIN_NM 0.1

static saqr_status read_checkpoint(const xa_reader *rd, const xmlNode *n, lesson_checkpoint *cp)
{
    static const char *const attrs[] = {"id", "name", "lat-deg", "lon-deg", NULL};
    saqr_status st = xa_check_attrs(rd, n, attrs);
    if (st)
        return st;
    memset(cp, 0, sizeof *cp);
    cp->lat_deg = cp->lon_deg = NAN;
    if (!xa_text(n, "id", cp->id, sizeof cp->id) || !cp->id[0])
        return xa_fail(rd, n, "<checkpoint> needs id=", NULL);
    if (!xa_text(n, "name", cp->name, sizeof cp->name) || !cp->name[0])
        memcpy(cp->name, cp->id, strlen(cp->id) + 1); /* id: at most 47 bytes */
    if ((st = xa_number(rd, n, "lat-deg", &cp->lat_deg)) || (st = xa_number(rd, n, "lon-deg", &cp->lon_deg)))
        return st;
    if (!(fabs(cp->lat_deg) <= 85.0))
        return xa_fail(rd, n, "<checkpoint> needs lat-deg= within -85..85 (a plane chart of the leg)", NULL);
    if (!(fabs(cp->lon_deg) <= 180.0))
        return xa_fail(rd, n, "<checkpoint> needs lon-deg= within -180..180", NULL);
    return SAQR_OK;
}

saqr_status lesson_route_read(const xa_reader *rd, const xmlNode *n, lesson_route *r)
{
    static const char *const attrs[] = {"tas-kt", NULL};
    saqr_status st = xa_check_attrs(rd, n, attrs);
    if (st)
        return st;
    if (r->n > 0)
        return xa_fail(rd, n, "a lesson has one <route>", NULL);
    r->tas_kt = NAN;
    if ((st = xa_number(rd, n, "tas-kt", &r->tas_kt)))
        return st;
    if (!isnan(r->tas_kt) && !(r->tas_kt > 0.0 && r->tas_kt <= 2000.0))
        return xa_fail(rd, n, "tas-kt= is a true airspeed above 0, at most 2000 kt", NULL);
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (!xa_is(c, "checkpoint"))
            return xa_fail(rd, c, "unknown element in <route>:", (const char *)c->name);
        if (r->n >= LESSON_MAX_CHECKPOINTS)
            return xa_fail(rd, c, "a route has at most 16 checkpoints", NULL);
        lesson_checkpoint *cp = &r->cp[r->n];
        if ((st = read_checkpoint(rd, c, cp)))
            return st;
        for (int i = 0; i < r->n; i++)
            if (strcmp(r->cp[i].id, cp->id) == 0)
                return xa_fail(rd, c, "two checkpoints with id", cp->id);
        r->n++;
    }
    if (r->n < 1) /* one: a ground reference's point (around=) */
        return xa_fail(rd, n, "a <route> needs at least one <checkpoint>", NULL);
    return SAQR_OK;
}

static int find_checkpoint(const lesson_route *r, const char *id)
{
    for (int i = 0; i < r->n; i++)
        if (strcmp(r->cp[i].id, id) == 0)
            return i;
    return -1;
}

/* divert-to=ID: a diversion's plan to checkpoint ID of r. */
static saqr_status read_diversion(const xa_reader *rd, const xmlNode *n, const lesson_route *r, const char *to,
                                  lesson_leg *leg)
{
    if (xmlHasProp(n, BAD_CAST "leg-from") || xmlHasProp(n, BAD_CAST "leg-to"))
        return xa_fail(rd, n, "divert-to= flies from where the aircraft is: no leg-from= nor leg-to= with it",
                       NULL);
    if (r->n == 0)
        return xa_fail(rd, n, "divert-to= names a checkpoint of the lesson's <route>, which must come before the "
                       "exercise", NULL);
    int b = find_checkpoint(r, to);
    if (b < 0)
        return xa_fail(rd, n, "divert-to= names no checkpoint of the <route>:", to);
    (void)lesson_leg_divert_plan(leg, r, (double)b);
    return SAQR_OK;
}

/* The radii a ground-reference circle may have: a quarter of a mile is
 * the Airplane Flying Handbook's (FAA-H-8083-3C ch. 7); a jet's is wider. */
#define AROUND_MIN_NM 0.05
#define AROUND_MAX_NM 5.0

saqr_status lesson_around_read(const xa_reader *rd, const xmlNode *n, const lesson_route *r, lesson_around *a)
{
    memset(a, 0, sizeof *a);
    a->lat_deg = a->lon_deg = a->radius_nm = NAN;
    char what[LESSON_NAME_MAX];
    int has_radius = xmlHasProp(n, BAD_CAST "radius-nm") != NULL;
    if (!xa_text(n, "around", what, sizeof what)) {
        if (has_radius)
            return xa_fail(rd, n, "radius-nm= is the radius of a circle about the exercise's point: it needs around=",
                           NULL);
        return SAQR_OK;
    }
    saqr_status st = xa_number(rd, n, "radius-nm", &a->radius_nm);
    if (st)
        return st;
    if (!(a->radius_nm >= AROUND_MIN_NM && a->radius_nm <= AROUND_MAX_NM))
        return xa_fail(rd, n, "around= needs radius-nm=, 0.05 to 5 nm", NULL);
    if (strcmp(what, "abeam-left") == 0) {
        a->kind = LAROUND_ABEAM_LEFT;
    } else if (strcmp(what, "abeam-right") == 0) {
        a->kind = LAROUND_ABEAM_RIGHT;
    } else {
        int i = find_checkpoint(r, what);
        if (i < 0)
            return xa_fail(rd, n, "around= is \"abeam-left\", \"abeam-right\" or a checkpoint of the <route> "
                           "(given before the exercises), not", what);
        a->kind = LAROUND_POINT;
        a->cp = i;
        a->lat_deg = r->cp[i].lat_deg;
        a->lon_deg = r->cp[i].lon_deg;
    }
    return SAQR_OK;
}

int lesson_around_text(const lesson *l, int i, char *buf, size_t n)
{
    if (!l || i < 0 || i >= l->nexercises || l->exercises[i].around.kind == LAROUND_NONE)
        return 0;
    const lesson_around *a = &l->exercises[i].around;
    if (a->kind == LAROUND_POINT && a->cp >= 0 && a->cp < l->route.n)
        snprintf(buf, n, "a circle of %.2f nm about %s", a->radius_nm, l->route.cp[a->cp].name);
    else
        snprintf(buf, n, "a circle of %.2f nm about the point that far to the %s of the heading where it begins",
                 a->radius_nm, a->kind == LAROUND_ABEAM_LEFT ? "left" : "right");
    return 1;
}

int lesson_leg_divert_plan(lesson_leg *leg, const lesson_route *r, double to)
{
    if (!(to >= 0.0 && to < (double)r->n) || to != floor(to))
        return 0;
    const int k = (int)to;
    memset(leg, 0, sizeof *leg);
    leg->from = LESSON_LEG_DIVERT;
    leg->to = k;
    leg->to_lat_deg = r->cp[k].lat_deg;
    leg->to_lon_deg = r->cp[k].lon_deg;
    leg->plan_tas_kt = r->tas_kt;
    return 1;
}

saqr_status lesson_leg_read(const xa_reader *rd, const xmlNode *n, const lesson_route *r, lesson_leg *leg)
{
    char from[LESSON_NAME_MAX] = "", to[LESSON_NAME_MAX] = "";
    memset(leg, 0, sizeof *leg);
    leg->from = leg->to = LESSON_LEG_NONE;
    if (xa_text(n, "divert-to", to, sizeof to))
        return read_diversion(rd, n, r, to, leg);
    int has_from = xa_text(n, "leg-from", from, sizeof from), has_to = xa_text(n, "leg-to", to, sizeof to);
    if (!has_from && !has_to)
        return SAQR_OK;
    if (!has_from || !has_to)
        return xa_fail(rd, n, "a leg needs both leg-from= and leg-to=", NULL);
    if (r->n == 0)
        return xa_fail(rd, n, "leg-from= and leg-to= name checkpoints of the lesson's <route>, which must come "
                       "before the exercise", NULL);
    int a = find_checkpoint(r, from), b = find_checkpoint(r, to);
    if (a < 0)
        return xa_fail(rd, n, "leg-from= names no checkpoint of the <route>:", from);
    if (b < 0)
        return xa_fail(rd, n, "leg-to= names no checkpoint of the <route>:", to);
    const lesson_checkpoint *pa = &r->cp[a], *pb = &r->cp[b];
    lesson_leg_make(leg, pa, pb, r->tas_kt);
    if (!(leg->length_nm >= 0.5))
        return xa_fail(rd, n, "a leg's checkpoints are at least 0.5 nm apart:", to);
    if (!(leg->length_nm <= LEG_MAX_NM))
        return xa_fail(rd, n, "a leg is at most 250 nm long (it is measured on a plane chart of the leg); split "
                       "it at a checkpoint between:", to);
    leg->from = a;
    leg->to = b;
    return SAQR_OK;
}

const lesson_leg *lesson_exercise_leg(const lesson *l, int i)
{
    if (!l || i < 0 || i >= l->nexercises)
        return NULL;
    const lesson_leg *leg = &l->exercises[i].leg;
    return leg->from >= 0 && leg->from < l->route.n && leg->to >= 0 && leg->to < l->route.n ? leg : NULL;
}

const lesson_leg *lesson_exercise_diversion(const lesson *l, int i)
{
    if (!l || i < 0 || i >= l->nexercises)
        return NULL;
    const lesson_leg *leg = &l->exercises[i].leg;
    return leg->from == LESSON_LEG_DIVERT && leg->to >= 0 && leg->to < l->route.n ? leg : NULL;
}

int lesson_diversion_exercise(const lesson *l)
{
    for (int i = 0; l && i < l->nexercises; i++)
        if (lesson_exercise_diversion(l, i))
            return i;
    return -1;
}

int lesson_leg_divert(lesson_leg *out, const lesson_leg *plan, double lat_deg, double lon_deg)
{
    if (!isfinite(lat_deg) || !isfinite(lon_deg) || !(fabs(lat_deg) <= 85.0))
        return 0;
    lesson_checkpoint a = {.lat_deg = lat_deg, .lon_deg = lon_deg};
    lesson_checkpoint b = {.lat_deg = plan->to_lat_deg, .lon_deg = plan->to_lon_deg};
    *out = *plan;
    lesson_leg_make(out, &a, &b, plan->plan_tas_kt);
    out->from = LESSON_LEG_DIVERTED;
    /* already there: no course to fly */
    return out->length_nm >= DIVERT_MIN_NM;
}

void lesson_nm_per_deg(double lat_deg, double *per_lat, double *per_lon)
{
    double s, c, meridian_m, normal_m;
    trig_sincos(lat_deg * RAD_PER_DEG, &s, &c);
    wgs84_radii_m(s, &meridian_m, &normal_m);
    *per_lat = meridian_m * RAD_PER_DEG / M_PER_NM;
    *per_lon = normal_m * c * RAD_PER_DEG / M_PER_NM;
}

void lesson_leg_make(lesson_leg *leg, const lesson_checkpoint *a, const lesson_checkpoint *b, double plan_tas_kt)
{
    double per_lat, per_lon;
    lesson_nm_per_deg(0.5 * (a->lat_deg + b->lat_deg), &per_lat, &per_lon);
    leg->to_lat_deg = b->lat_deg;
    leg->to_lon_deg = b->lon_deg;
    leg->lat0_deg = a->lat_deg;
    leg->lon0_deg = a->lon_deg;
    leg->nm_per_deg_lat = per_lat;
    leg->nm_per_deg_lon = per_lon;
    leg->end_n_nm = (b->lat_deg - a->lat_deg) * per_lat;
    leg->end_e_nm = angle_wrap180_deg(b->lon_deg - a->lon_deg) * per_lon;
    leg->length_nm = hypot(leg->end_n_nm, leg->end_e_nm);
    leg->course_deg = angle_wrap360_deg(trig_atan2(leg->end_e_nm, leg->end_n_nm) * DEG_PER_RAD);
    leg->plan_tas_kt = plan_tas_kt;
}

void lesson_leg_locate(const lesson_leg *leg, double lat_deg, double lon_deg, double *along_nm, double *xtk_nm)
{
    *along_nm = *xtk_nm = NAN;
    if (!isfinite(lat_deg) || !isfinite(lon_deg) || !(leg->length_nm > 0.0))
        return;
    double n_nm = (lat_deg - leg->lat0_deg) * leg->nm_per_deg_lat;
    double e_nm = angle_wrap180_deg(lon_deg - leg->lon0_deg) * leg->nm_per_deg_lon;
    double un = leg->end_n_nm / leg->length_nm, ue = leg->end_e_nm / leg->length_nm;
    *along_nm = n_nm * un + e_nm * ue;
    *xtk_nm = e_nm * un - n_nm * ue; /* right of the course: (-ue, un) */
}

void lesson_leg_plan(const lesson_leg *leg, double tas_kt, double wind_from_deg, double wind_kt, double *heading_deg,
                     double *gs_kt)
{
    double wca = wind_correction_deg(leg->course_deg, tas_kt, wind_from_deg, wind_kt);
    *heading_deg = angle_wrap360_deg(leg->course_deg + wca);
    *gs_kt = tas_kt;
    if (!(wind_kt > 0.0) || !isfinite(wind_kt) || !isfinite(wind_from_deg))
        return;
    /* the air's velocity along the heading plus the wind's along the
     * course (the crosswind cancels across it) */
    double head_kt = wind_kt * trig_cos((wind_from_deg - leg->course_deg) * RAD_PER_DEG);
    *gs_kt = tas_kt * trig_cos(wca * RAD_PER_DEG) - head_kt;
}
