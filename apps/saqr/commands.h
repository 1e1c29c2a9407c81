/*
 * commands.h - entry points of the `saqr` sub-commands.  Each takes the
 * arguments after its own name and returns the process exit status
 * (0 success, 1 a check failed, 2 bad usage or input).
 */
#ifndef SAQR_APP_COMMANDS_H
#define SAQR_APP_COMMANDS_H

#include "records/records.h"

int cmd_check(int argc, char **argv);
int cmd_daveml(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_qtg(int argc, char **argv);
int cmd_lesson(int argc, char **argv);
int cmd_fly(int argc, char **argv);
int cmd_grade(int argc, char **argv);
int cmd_debrief(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_trainee(int argc, char **argv);
int cmd_instructor(int argc, char **argv);
int cmd_airframe(int argc, char **argv);
int cmd_progress(int argc, char **argv);
int cmd_serve(int argc, char **argv);
/* `saqr instructor passwd` (cmd_serve.c; cmd_instructor dispatches). */
int cmd_instructor_passwd(int argc, char **argv);
int cmd_sorties(int argc, char **argv);
/* `saqr sorties add REC`: a recorded sortie graded and stored
 * (cmd_sortie_add.c; cmd_sorties dispatches). */
int cmd_sorties_add(int argc, char **argv);
/* `saqr campaign FILE`: a Monte Carlo campaign (cmd_campaign.c). */
int cmd_campaign(int argc, char **argv);

/* `saqr export --csv DIR`: every records table as DIR/TABLE.csv
 * (cmd_records.c; cmd_export dispatches here when given --csv). */
int cmd_export_records(int argc, char **argv);

/* Shared by the records commands and `saqr fly` (cmd_records.c). */
/* Opens the records database `url` (the default SQLite file when NULL)
 * and, when lessons_dir is not NULL, syncs the syllabus from it.  With
 * reads_only (a command that only reads the records), a --db URL naming
 * a SQLite file that does not exist is refused rather than created.
 * Prints "saqr CMD: message" and returns NULL on failure. */
rdb *records_cli_open(const char *url, const char *lessons_dir, const char *cmd, int reads_only);
/* The wall-clock time now, ISO 8601 UTC. */
void records_cli_now(char buf[RECORDS_TIME_LEN]);

#endif
