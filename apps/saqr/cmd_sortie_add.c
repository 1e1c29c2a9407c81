/*
 * cmd_sortie_add.c - `saqr sorties add REC --trainee SERVICE_NO ...`: a
 * sortie that was recorded but not stored when it was flown (the records
 * server was down, the disk full, the station had no trainee) graded again
 * from its recording and stored in the training records (docs/records.md).
 *
 * The recording names its lesson, and since 2026-11-30 the time it
 * started (its "reference-time", the instant t-s = 0 stands for);
 * --started gives it for older recordings.  The
 * duration is the time of its last sample, as `saqr fly` and the station
 * store it.  A recording already stored (the same absolute path) is
 * refused, so that running the command twice cannot count a sortie twice.
 * Exit 0 when stored, 2 on bad usage or input; nothing is written then.
 */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "train/recording_store.h"
#include "train_args.h"

static const char add_usage[] = "usage: saqr sorties add REC --trainee SERVICE_NO [--instructor SERVICE_NO] [--tail TAIL]\n"
                                "                        [--started YYYY-MM-DDTHH:MM:SSZ] [--db URL] [--lessons DIR]\n";

/* What the command was given. */
typedef struct add_args {
    train_paths paths;
    const char *rec, *trainee, *instructor, *tail, *started, *db;
} add_args;

/* Parses argv; prints the problem and returns -1 on bad usage, 1 for
 * --help. */
static int parse(int argc, char **argv, add_args *a)
{
    memset(a, 0, sizeof *a);
    train_paths_default(&a->paths);
    for (int i = 0; i < argc; i++) {
        int r = train_paths_option(&a->paths, argc, argv, &i, "sorties add");
        if (r < 0)
            return -1;
        if (r > 0)
            continue;
        const char *s = argv[i];
        const char **dst = strcmp(s, "--trainee") == 0      ? &a->trainee
                           : strcmp(s, "--instructor") == 0 ? &a->instructor
                           : strcmp(s, "--tail") == 0       ? &a->tail
                           : strcmp(s, "--started") == 0    ? &a->started
                           : strcmp(s, "--db") == 0         ? &a->db
                                                            : NULL;
        if (dst) {
            if (train_needs_value(argc, argv, i, "sorties add"))
                return -1;
            *dst = argv[++i];
        } else if (strcmp(s, "-h") == 0 || strcmp(s, "--help") == 0) {
            return 1;
        } else if (s[0] == '-' && s[1]) {
            fprintf(stderr, "saqr sorties add: unknown option %s\n", s);
            return -1;
        } else if (!a->rec) {
            a->rec = s;
        } else {
            fprintf(stderr, "saqr sorties add: unexpected argument \"%s\"\n", s);
            return -1;
        }
    }
    if (!a->rec || !a->trainee) {
        fprintf(stderr, "saqr sorties add: %s\n", !a->rec ? "which recording?" : "whose sortie? (--trainee)");
        return -1;
    }
    return 0;
}

int cmd_sorties_add(int argc, char **argv)
{
    add_args a;
    int r = parse(argc, argv, &a);
    if (r) {
        fputs(add_usage, r > 0 ? stdout : stderr);
        return r > 0 ? 0 : 2;
    }
    char abs_path[1024];
    const char *path = train_absolute_path(a.rec, abs_path, sizeof abs_path);
    if (!path) {
        fprintf(stderr, "saqr sorties add: %s: the path is too long\n", a.rec);
        return 2;
    }
    rdb *db = records_cli_open(a.db, a.paths.lessons, "sorties add", 0);
    if (!db)
        return 2;
    recording_who who = {a.trainee, a.instructor, a.tail, a.started};
    grade_sheet sheet;
    long long id;
    int damaged;
    saqr_err err = {""};
    int st = recording_store(db, a.paths.lessons, path, &who, &id, &sheet, &damaged, &err);
    rdb_close(db);
    if (damaged)
        fprintf(stderr, "saqr sorties add: warning: %s is damaged (graded and stored as far as it goes)\n", path);
    if (st == SAQR_OK) {
        sheet_print(&sheet, stdout);
        printf("Stored as sortie %lld of trainee %s%s\n", id, a.trainee,
               sheet_pilot_is_automatic(sheet.pilot)
                   ? ", a demonstration by the automatic pilot (it never passes the lesson)"
                   : "");
    } else {
        fprintf(stderr, "saqr sorties add: %s\n", err.msg);
    }
    sheet_free(&sheet);
    return st == SAQR_OK ? 0 : 2;
}
