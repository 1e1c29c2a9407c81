/*
 * record_trend.h - the element trend on a trainee's training record: for
 * each lesson the trainee flew by hand more than once, a grid of its
 * graded elements (rows) over the sorties (columns, oldest first, the
 * latest eight), each cell the element's mark in that sortie with its
 * worst deviation as a share of the tolerance - whether a manoeuvre's
 * altitude or airspeed got better from one attempt to the next, as an
 * instructor reads a grade-sheet history before the next sortie.
 *
 * The data are read whole before anything is written, so that a database
 * failure leaves no half-written section.
 */
#ifndef SAQR_RECORDS_RECORD_TREND_H
#define SAQR_RECORDS_RECORD_TREND_H

#include <stdio.h>

#include "records/records.h"

#define TREND_MAX_SORTIES 8

typedef struct trend_row {
    char exercise[48], element[48];
    char title[96];                      /* the latest sortie's            */
    int seen[TREND_MAX_SORTIES];         /* 1: graded in that sortie       */
    grade_mark mark[TREND_MAX_SORTIES];
    double ratio[TREND_MAX_SORTIES];     /* NAN when not measured          */
} trend_row;

typedef struct trend_lesson {
    const records_lesson_progress *lesson;
    int nsorties;                        /* columns                        */
    const records_sortie *sortie[TREND_MAX_SORTIES];
    int nrows;
    trend_row *rows;
} trend_lesson;

typedef struct records_trend {
    int nlessons;
    trend_lesson *lessons;
} records_trend;

/* Reads the trend of progress `p` from the trainee's sorties `s` (ns,
 * oldest first, as records_sortie_list gives them; they must outlive the
 * trend).  SAQR_OK, or the database's error (nothing to free then). */
int records_trend_load(rdb *db, const records_progress *p, const records_sortie *s, int ns, records_trend *out,
                       saqr_err *err);

/* The "Element trend" section (nothing when no lesson was flown twice). */
void records_trend_write(FILE *f, const records_trend *t);

void records_trend_free(records_trend *t);

#endif
