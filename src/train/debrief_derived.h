/*
 * debrief_derived.h - an exercise's derived channels (lesson.h: ex-time-s,
 * turn-deg, rolled-deg, and on a route's leg xtk-nm, to-go-nm,
 * eta-error-min, hdg-error-deg) worked out again from a recording, for
 * the debrief's plots: begun at the frame the exercise started (its
 * "exercise-start" event) and carried frame by frame, as the grader did
 * with the same recorded samples, so the plot shows the values graded.
 */
#ifndef SAQR_TRAIN_DEBRIEF_DERIVED_H
#define SAQR_TRAIN_DEBRIEF_DERIVED_H

#include <stddef.h>

#include "train/lesson.h"
#include "train/record.h"

#define DERIVED_SERIES_MAX 1500 /* points kept: the debrief's plots thin to as many */
#define DERIVED_MAX_CHANNELS 256 /* a recording with more is not worked over */

typedef struct derived_series {
    size_t n;
    double t_s[DERIVED_SERIES_MAX], v[DERIVED_SERIES_MAX];
} derived_series;

/* 1 when `channel` names a derived channel, else 0. */
int derived_channel_known(const char *channel);

/* The series of derived `channel` over t0_s..t1_s of the recording, in
 * exercise `exercise_id` of lesson l (the last time it started at or
 * before t0_s, else the first time after), every frame worked over and
 * at most DERIVED_SERIES_MAX of them kept, evenly.  0 and out->n == 0
 * when it cannot be: no such exercise or start, not a derived channel, no
 * time channel, too many channels. */
int derived_series_make(const rec_data *rec, const lesson *l, const char *exercise_id, const char *channel,
                        double t0_s, double t1_s, derived_series *out);

/* A leg as flown, from the recording: the exercise's plan (the flight
 * log's heading and ground speed in the wind when it began, and the time
 * for the distance from where it began), the time it took to bring the
 * checkpoint abeam and its arrival against the ETA (NAN: never reached
 * before the next exercise or the recording's end), and the widest it
 * was off the course (signed, right positive). */
typedef struct leg_flown {
    int flew;               /* 1: `leg` is set                            */
    lesson_leg leg;         /* the leg flown (a diversion's made where it
                               began, to the destination called)          */
    double plan_heading_deg, plan_gs_kt, plan_min;
    double flown_min, eta_error_min, widest_xtk_nm;
    double fuel_used_kg;    /* from its start to the checkpoint abeam (NAN:
                               not reached, or no "fuel-kg" recorded)      */
} leg_flown;

/* Exercise ex of lesson l (a leg of its route, or its diversion)
 * replayed from its first start in the recording; 0 (the values NAN,
 * flew 0) when it flies no leg or never started. */
int derived_leg_flown(const rec_data *rec, const lesson *l, int ex, leg_flown *out);

/* Exercise ex's circle about its point (around=), from the recording:
 * the point as the grader took it at the exercise's first start (an abeam
 * one from the position and heading there).  1 and the point set; 0 when
 * the exercise flies about none, never started, or the position there is
 * not known. */
int derived_circle_flown(const rec_data *rec, const lesson *l, int ex, double *lat_deg, double *lon_deg);

/* Exercise ex's leg plan as the grader took it for the start at start_s:
 * the lesson's, or for its diversion the last "divert" event's
 * destination at or before start_s (made into *buf), else the lesson's
 * destination. */
const lesson_leg *derived_leg_plan(const rec_data *rec, const lesson *l, int ex, double start_s, lesson_leg *buf);

#endif
