/*
 * scenarios.h - the instructors' scenarios in the training records: a
 * named set of conditions (weather, load, malfunctions, a position) kept
 * as the station commands that set them, a JSON array, which any station
 * on the same records can apply to the sortie it flies (docs/records.md,
 * "Scenarios").  The records keep the text; what may be in it is the
 * station's to check (src/station/web_scenarios.c).
 */
#ifndef SAQR_RECORDS_SCENARIOS_H
#define SAQR_RECORDS_SCENARIOS_H

#include "records/db.h"

#define RECORDS_SCENARIO_NAME_MAX 64        /* bytes with the NUL          */
#define RECORDS_SCENARIO_COMMANDS_MAX 16384 /* the JSON array's bytes, NUL */

typedef struct records_scenario {
    long long id;
    char name[RECORDS_SCENARIO_NAME_MAX]; /* unique, as typed             */
    char aircraft[32];                    /* the type it is for; "" any   */
    char saved_by[32];                    /* service number; "" unknown   */
    char saved_at[32];                    /* ISO 8601 UTC                 */
    char commands[RECORDS_SCENARIO_COMMANDS_MAX];
} records_scenario;

/* Saves a scenario under `name` (1..63 bytes of printable UTF-8),
 * replacing one of that name (*replaced 1) or adding it (0).  `aircraft`
 * "" or NULL for any type, else letters, digits and dashes; `commands`
 * 2..16383 bytes of text.  SAQR_EINVAL naming the field. */
int records_scenario_save(rdb *db, const char *name, const char *aircraft, const char *commands, const char *saved_by,
                          const char *saved_at, int *replaced, saqr_err *err);

/* Every scenario, by name (*out: free()). */
int records_scenario_list(rdb *db, records_scenario **out, int *n, saqr_err *err);

/* The scenario called `name`; SAQR_ENOTFOUND "no scenario NAME". */
int records_scenario_find(rdb *db, const char *name, records_scenario *out, saqr_err *err);

/* Deletes it; SAQR_ENOTFOUND when there is none. */
int records_scenario_delete(rdb *db, const char *name, saqr_err *err);

#endif
