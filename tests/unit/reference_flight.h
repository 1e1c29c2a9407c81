/*
 * reference_flight.h - one of the repository's lessons flown headless by
 * the reference pilot at OPRS's airports, for a group setup that needs a
 * real grade sheet (the records' tests).  Include once per test file.
 */
#ifndef SAQR_TEST_REFERENCE_FLIGHT_H
#define SAQR_TEST_REFERENCE_FLIGHT_H

#include <stdio.h>

#include "train/airport.h"
#include "train/lesson.h"
#include "train/sortie.h"

#ifndef SAQR_DATA_DIR
#define SAQR_DATA_DIR "data"
#endif

/* Flies lessons/ID.xml into *sheet (sheet_free it) and *flown_s; 0, or -1
 * with the reason on stderr (a group setup's failure). */
static inline int reference_flight(const char *id, grade_sheet *sheet, double *flown_s)
{
    saqr_err err = {""};
    airport_db db;
    if (airport_db_load(SAQR_DATA_DIR "/airports.xml", &db, &err)) {
        fprintf(stderr, "%s\n", err.msg);
        airport_db_free(&db);
        return -1;
    }
    char path[1024];
    snprintf(path, sizeof path, "%s/lessons/%s.xml", SAQR_ROOT_DIR, id);
    lesson l;
    int st = lesson_load(path, id, &l, &err);
    if (st == SAQR_OK) {
        sortie_opts o = {SAQR_ROOT_DIR, &db, NULL, "reference", 20.0, NULL, NULL};
        st = sortie_fly_timed(&l, &o, sheet, flown_s, &err);
    }
    lesson_free(&l);
    airport_db_free(&db);
    if (st)
        fprintf(stderr, "flying %s: %s\n", id, err.msg);
    return st ? -1 : 0;
}

#endif
