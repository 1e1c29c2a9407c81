/*
 * debrief_profile.h - the final approaches' vertical profiles on a
 * sortie's debrief page: for each final flown (a circuit's touch-and-go,
 * a go-around, the instructor's repositions to final, the landing), the
 * height flown above the runway's threshold against the distance to it,
 * beside the lesson's approach path (its glide angle to its aim point),
 * the heights at the gates an instructor calls (3, 2, 1 and half a mile,
 * the threshold), and how the approach ended.
 */
#ifndef SAQR_TRAIN_DEBRIEF_PROFILE_H
#define SAQR_TRAIN_DEBRIEF_PROFILE_H

#include <stddef.h>
#include <stdio.h>

#include "train/airport.h"
#include "train/lesson.h"
#include "train/record.h"

/* A final approach of a recording: frames k0..k1 (inclusive) flown
 * towards the threshold in the approach's cone and ending on the runway
 * or over it. */
typedef struct debrief_final {
    size_t k0, k1;
    double from_x_ft; /* where it began along the runway (negative: ft
                         before the threshold)                       */
} debrief_final;

/* The most final approaches a page shows: the latest, when more. */
#define DEBRIEF_FINALS_MAX 6

/* Finds the last final approach to `rwy` in `rec` (lat-deg, lon-deg,
 * alt-ft channels): 1 and *out, or 0 when there is none of at least half
 * a nautical mile. */
int debrief_final_find(const rec_data *rec, const airport_runway *rwy, debrief_final *out);

/* Every final approach to `rwy` in `rec` of at least half a nautical
 * mile, in the order flown: the latest `max` of them into out[]; returns
 * how many there are in all (more than `max` when some were left out). */
int debrief_finals_find(const rec_data *rec, const airport_runway *rwy, debrief_final *out, int max);

/* How final `fin` ended: 1 and the first touch-down event's distance past
 * the threshold in *touch_x_ft when it touched down; 0 otherwise, with
 * its lowest point (*low_h_ft above the threshold, *low_x_ft along the
 * runway): a go-around, or a missed approach. */
int debrief_final_ending(const rec_data *rec, const airport_runway *rwy, const debrief_final *fin,
                         double *touch_x_ft, double *low_h_ft, double *low_x_ft);

/* Where the final first reaches x_ft along the runway (negative: before
 * the threshold), interpolated between frames: *h_ft above the threshold
 * and *y_ft right of the centreline; both NAN when it does not. */
void debrief_final_at(const rec_data *rec, const airport_runway *rwy, const debrief_final *fin, double x_ft,
                      double *h_ft, double *y_ft);

/* The "Final approach" section, a profile for each final (the latest
 * DEBRIEF_FINALS_MAX): nothing when rwy is NULL or no final approach was
 * flown. */
void debrief_write_profile(FILE *f, const rec_data *rec, const airport_runway *rwy, const lesson *l);

#endif
