/*
 * training_record.h - a trainee's individual training record as one
 * printable, self-contained HTML page: who, the course and its progress
 * (lessons passed of the syllabus, the next lesson due, simulator hours
 * by aircraft type), the syllabus lesson by lesson (status, sorties flown,
 * results, the date first passed), each lesson flown more than once as a
 * grid of its elements' marks over the sorties (record_trend.h), the log
 * of every sortie (date, lesson,
 * who flew it, result, duration, instructor, the instructor's comment),
 * and lines for the instructor's and the trainee's signatures, as the
 * paper record a training unit keeps in the trainee's file.
 *
 * The page is made from the stored records when asked for: the same
 * records give the same bytes, the time of making it being the caller's
 * (the library reads no clock).  Every text from the records is escaped.
 */
#ifndef SAQR_RECORDS_TRAINING_RECORD_H
#define SAQR_RECORDS_TRAINING_RECORD_H

#include <stdio.h>

#include "records/records.h"

/* Writes trainee `service_number`'s record to `f`, stating it was made at
 * `made_utc` (ISO 8601 UTC).  SAQR_ENOTFOUND for an unknown trainee,
 * SAQR_EINVAL for a bad time, SAQR_EIO from the database or when the
 * stream fails, SAQR_ENOMEM. */
int records_training_record_html(rdb *db, const char *service_number, const char *made_utc, FILE *f,
                                 saqr_err *err);

#endif
