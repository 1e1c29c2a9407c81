/*
 * debrief_navlog.h - a navigation sortie's log on its debrief page: for
 * each leg of the lesson's route, the plan (course, the flight log's
 * heading, ground speed and time in the wind when the leg began) beside
 * what was flown (the time to the checkpoint, the arrival against its
 * ETA, the widest off the course), worked out from the recording as the
 * grader did (debrief_derived.h).
 */
#ifndef SAQR_TRAIN_DEBRIEF_NAVLOG_H
#define SAQR_TRAIN_DEBRIEF_NAVLOG_H

#include <stdio.h>

#include "train/lesson.h"
#include "train/record.h"

/* The "Navigation log" section (nothing when l is NULL or flies no leg);
 * strings from the lesson escaped. */
void debrief_write_navlog(FILE *f, const rec_data *rec, const lesson *l);

#endif
