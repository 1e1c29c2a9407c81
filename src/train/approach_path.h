/*
 * approach_path.h - a lesson's approach path and the final approach's
 * cone, shared by the debrief's vertical profile (debrief_profile.c) and
 * the instructor station's live approach plot (sortie_approach).
 *
 * Heights are above the runway's threshold and distances along the runway
 * frame of airport.h (negative before the threshold), as an approach's
 * glide path is laid (ICAO Annex 14 vol. I ch. 5.3.5; FAA-H-8083-3C ch. 9:
 * a 3 deg path crosses the threshold near 50 ft on its way to an aim
 * point 1,000 ft in).
 */
#ifndef SAQR_TRAIN_APPROACH_PATH_H
#define SAQR_TRAIN_APPROACH_PATH_H

#include "train/lesson.h"

/* The lesson's approach path: its angle and its aim point. */
typedef struct approach_path {
    double glide_deg; /* NAN: the lesson flies no path (a glide, none)   */
    double aim_ft;    /* past the threshold                              */
} approach_path;

/* The path of the lesson's first <approach> (else powered <land>) with a
 * glide angle (0..45 deg) and an aim point; glide_deg NAN for none (l may
 * be NULL). */
approach_path approach_path_of_lesson(const lesson *l);

/* The path's height above the threshold at x_ft along the runway (0 past
 * its aim point); NAN when there is no path. */
double approach_path_height_ft(const approach_path *p, double x_ft);

/* 1 when a point x_ft along the runway, y_ft right of it and h_ft above
 * its threshold is in the final approach's cone of a runway length_ft
 * long: before its far end, within six miles, inside 500 ft plus a
 * quarter of the distance out of the extended centreline (about 14 deg
 * either side), between 1,000 ft below and 3,000 ft above the threshold. */
int approach_in_final_cone(double x_ft, double y_ft, double h_ft, double length_ft);

#define APPROACH_CONE_MAX_FT (6.0 * 1852.0 / 0.3048) /* its far end: six miles out */

#endif
