/*
 * course_report.h - the flight commander's course report: one printable,
 * self-contained HTML page with, for each course that has trainees, every
 * trainee's standing (lessons passed of the syllabus, demonstrations,
 * simulator time, the next lesson due) and the syllabus seen across the
 * trainees (how many passed each lesson, how many flew it without passing
 * yet, the sorties flown by hand and their results, the share of them
 * passed), so that the lessons trainees find hard stand out: those where
 * at most half the sorties flown by hand passed, over three or more.
 *
 * Made from the stored records when asked for; the time it states is the
 * caller's.  Every text from the records is escaped.
 */
#ifndef SAQR_RECORDS_COURSE_REPORT_H
#define SAQR_RECORDS_COURSE_REPORT_H

#include <stdio.h>

#include "records/records.h"

/* Writes the report to `f`, stating it was made at `made_utc` (ISO 8601
 * UTC).  SAQR_EINVAL for a bad time (nothing written), SAQR_EIO from the
 * database or when the stream fails, SAQR_ENOMEM. */
int records_course_report_html(rdb *db, const char *made_utc, FILE *f, saqr_err *err);

/* A lesson trainees find hard: at most half of `flown` (>= 3) sorties flown
 * by hand passed. */
int records_lesson_is_hard(int passes, int flown);

#endif
