/*
 * flight_log.h - a navigation lesson's flight log: for each exercise that
 * flies a leg of the route (a diversion: its destination only), the course and distance, and at the route's
 * planned true airspeed in the lesson's forecast wind (its set-up's), the
 * heading, ground speed and time en route - what the trainee works out
 * before the flight and what the grader's plan for the leg is when the
 * wind is not changed (lesson_route.h).
 */
#ifndef SAQR_TRAIN_FLIGHT_LOG_H
#define SAQR_TRAIN_FLIGHT_LOG_H

#include <stdio.h>

#include "train/lesson.h"

typedef struct flight_log_line {
    const lesson_exercise *ex;
    const lesson_checkpoint *from, *to; /* from NULL: a diversion (divert-to=),
                                          from wherever it is called; its
                                          figures NAN                      */
    double course_deg, dist_nm;
    double heading_deg, gs_kt, time_min; /* NAN: no planned true airspeed */
} flight_log_line;

/* Fills up to max lines, in the exercises' order; returns how many. */
int flight_log_lines(const lesson *l, flight_log_line *out, int max);

/* The flight log as an HTML section (nothing when the lesson has no
 * legs); strings from the lesson escaped. */
void flight_log_write_html(FILE *f, const lesson *l);

/* The same as plain text lines. */
void flight_log_write_text(FILE *f, const lesson *l);

#endif
