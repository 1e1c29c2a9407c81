/*
 * recording_store.h - a recorded sortie graded again against its lesson
 * and stored in the training records: for a sortie the records refused
 * when it was flown (`saqr sorties add`, and the station once the records
 * are back).  See docs/records.md, "A sortie that could not be stored".
 */
#ifndef SAQR_TRAIN_RECORDING_STORE_H
#define SAQR_TRAIN_RECORDING_STORE_H

#include "records/records.h"
#include "train/sheet.h"

/* Who flew it and when; NULL fields are taken from the recording or left
 * empty (started: the recording's "reference-time"). */
typedef struct recording_who {
    const char *trainee;     /* service number (required)                  */
    const char *instructor;  /* service number, or NULL                     */
    const char *tail;        /* a registered airframe, or NULL              */
    const char *started;     /* ISO 8601 UTC, or NULL: the recording's      */
} recording_who;

/* Reads the recording at `path` (absolute), grades it against the lesson
 * it names (from lessons_dir) and stores it with `who`, its duration the
 * time of its last sample.  *id receives the sortie's id; *sheet (may be
 * NULL; free it with sheet_free) the sheet when it was graded.  A
 * recording already stored (the same path) is SAQR_ESTATE with *id that
 * sortie ("... is already stored as sortie N"); a recording that names no
 * lesson or start time, or a bad time, SAQR_EINVAL; the records' own
 * errors pass through, their message starting "the sortie was NOT
 * stored: ".  Nothing is written unless SAQR_OK.  A damaged
 * recording is graded as far as it goes; *damaged (may be NULL) says so. */
int recording_store(rdb *db, const char *lessons_dir, const char *path, const recording_who *who, long long *id,
                    grade_sheet *sheet, int *damaged, saqr_err *err);

#endif
