/*
 * lesson_route.h - a navigation lesson's route (<route> of checkpoints)
 * and the legs its exercises fly: reading them, where an aircraft is on a
 * leg, and the leg's flight plan in a wind.
 *
 * A leg is taken in a flat frame about its start, north and east in
 * nautical miles from WGS-84's radii of curvature at the leg's mean
 * latitude (a plane chart of the leg).  Over the 10-40 nm legs of a
 * training route this differs from the great circle by far less than the
 * tolerances graded (3 nm off track): the scale error grows as the square
 * of the leg's length over the Earth's radius, ~1e-5 at 40 nm.
 *
 * References: FAA-H-8083-25C (Pilot's Handbook of Aeronautical
 * Knowledge) ch. 16, "Navigation" (the course, the wind triangle, the
 * ground speed and the time en route); NIMA TR8350.2 (WGS-84: a, f).
 */
#ifndef SAQR_TRAIN_LESSON_ROUTE_H
#define SAQR_TRAIN_LESSON_ROUTE_H

#include <libxml/tree.h>

#include "train/lesson.h"
#include "util/xml_attr.h"

/* Nautical miles a degree of latitude and of longitude at lat_deg
 * (WGS-84's radii of curvature there). */
void lesson_nm_per_deg(double lat_deg, double *per_lat, double *per_lon);

/* Reads <route tas-kt="..."> with its <checkpoint id= name= lat-deg=
 * lon-deg=/> (at least one, ids unique; a leg needs two).  SAQR_EPARSE with file:line. */
saqr_status lesson_route_read(const xa_reader *rd, const xmlNode *n, lesson_route *r);

/* The exercise element n's leg-from= and leg-to= (both or neither) as a
 * leg of route r (which must have been read): checkpoint ids of r, 0.5 to
 * 250 nm apart; or its divert-to= (a checkpoint of r) as a diversion's
 * plan.  No attributes: leg->from = LESSON_LEG_NONE.  SAQR_EPARSE with
 * file:line. */
saqr_status lesson_leg_read(const xa_reader *rd, const xmlNode *n, const lesson_route *r, lesson_leg *leg);

/* The exercise element n's around= and radius-nm= (lesson.h
 * lesson_around): "abeam-left", "abeam-right" or a checkpoint id of route
 * r, and a radius of 0.05 to 5 nm.  No around=: kind LAROUND_NONE (and
 * radius-nm= alone is an error).  SAQR_EPARSE with file:line. */
saqr_status lesson_around_read(const xa_reader *rd, const xmlNode *n, const lesson_route *r, lesson_around *a);

/* Exercise i's circle in words, into buf: "a circle of 0.25 nm about The
 * west point", or about "the point that far to the left of the heading
 * where it begins"; 0 (buf untouched) when it flies about none. */
int lesson_around_text(const lesson *l, int i, char *buf, size_t n);

/* Exercise i's leg of l's route, or NULL when it flies none (or the
 * lesson's indices are out of the route: a lesson built by hand), or a
 * diversion. */
const lesson_leg *lesson_exercise_leg(const lesson *l, int i);

/* Exercise i's diversion plan (divert-to=: LESSON_LEG_DIVERT), or NULL. */
const lesson_leg *lesson_exercise_diversion(const lesson *l, int i);
/* The index of l's diversion exercise (a lesson has at most one), -1. */
int lesson_diversion_exercise(const lesson *l);

/* A diversion's plan to checkpoint `to` of route r, `to` as a recorded
 * "divert" event holds it (the checkpoint's index as a number): 1 and
 * *leg filled when it is one of r's indices, else 0 (*leg untouched). */
int lesson_leg_divert_plan(lesson_leg *leg, const lesson_route *r, double to);

/* The diversion `plan` made into the leg flown from (lat_deg, lon_deg):
 * from LESSON_LEG_DIVERTED.  0 (out untouched or partly set) when the
 * position is not known or is within 0.1 nm of the leg's end; else 1.
 * A diversion may be longer than the route's 250 nm limit: the plane
 * chart then only grows less exact. */
int lesson_leg_divert(lesson_leg *out, const lesson_leg *plan, double lat_deg, double lon_deg);

/* The leg from checkpoint a to b (their positions), the route's planned
 * true airspeed plan_tas_kt (NAN: none). */
void lesson_leg_make(lesson_leg *leg, const lesson_checkpoint *a, const lesson_checkpoint *b, double plan_tas_kt);

/* Where (lat_deg, lon_deg) is on the leg: *along_nm from its start along
 * the course, *xtk_nm off it (right of the course positive).  NAN when
 * either input is not a number. */
void lesson_leg_locate(const lesson_leg *leg, double lat_deg, double lon_deg, double *along_nm, double *xtk_nm);

/* The leg's flight plan at true airspeed tas_kt in a steady wind of
 * wind_kt from wind_from_deg (true): the heading that makes good the
 * course (the wind correction angle laid off) and the ground speed along
 * it.  Calm, or a wind that is not a number: the course and tas_kt.  A
 * wind the aircraft cannot make headway against: ground speed <= 0. */
void lesson_leg_plan(const lesson_leg *leg, double tas_kt, double wind_from_deg, double wind_kt, double *heading_deg,
                     double *gs_kt);

#endif
