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
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "train/record.h"
#include "train/sortie.h"
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

/* The sortie already stored from recording `path`: its id, 0 when none,
 * -1 when the records cannot be read (message printed). */
static long long stored_as(rdb *db, const char *path)
{
    records_sortie *s;
    int n;
    saqr_err err = {""};
    if (records_sortie_list(db, NULL, &s, &n, &err)) {
        fprintf(stderr, "saqr sorties add: %s\n", err.msg);
        return -1;
    }
    long long id = 0;
    for (int i = 0; i < n && !id; i++)
        if (strcmp(s[i].recording, path) == 0)
            id = s[i].id;
    free(s);
    return id;
}

/* Grades the read recording, checks the records and stores it; the exit
 * status. */
static int grade_and_store(const add_args *a, const rec_data *rec, const char *path)
{
    const char *lesson_id = rec_meta_get(rec, "lesson");
    const char *started = a->started ? a->started : rec_meta_get(rec, "reference-time");
    if (!lesson_id) {
        fprintf(stderr, "saqr sorties add: %s: the recording names no lesson\n", path);
        return 2;
    }
    if (!started) {
        fprintf(stderr,
                "saqr sorties add: %s: the recording does not say when it started (made before 2026-11-30): "
                "give --started YYYY-MM-DDTHH:MM:SSZ\n",
                path);
        return 2;
    }
    if (!records_time_valid(started)) {
        fprintf(stderr, "saqr sorties add: %s\"%s\" is not a UTC time YYYY-MM-DDTHH:MM:SSZ\n",
                a->started ? "--started: " : "the recording's start time ", started);
        return 2;
    }
    if (rec->nframes == 0 || rec->nch < 1) {
        fprintf(stderr, "saqr sorties add: %s: the recording holds no flight\n", path);
        return 2;
    }
    lesson l;
    if (train_load_lesson(&a->paths, lesson_id, &l, "sorties add"))
        return 2;
    grade_sheet sheet;
    saqr_err err = {""};
    int st = sortie_regrade(&l, rec, &sheet, &err);
    lesson_free(&l);
    if (st) {
        fprintf(stderr, "saqr sorties add: %s: %s\n", path, err.msg);
        sheet_free(&sheet);
        return 2;
    }
    rdb *db = records_cli_open(a->db, a->paths.lessons, "sorties add");
    int rc = 2;
    long long id = db ? stored_as(db, path) : -1;
    if (id > 0) {
        fprintf(stderr, "saqr sorties add: %s is already stored as sortie %lld\n", path, id);
    } else if (id == 0) {
        /* channel 0 is the simulated time: the last sample's is the
         * duration flown, as the sortie itself reports it */
        double flown_s = rec->values[(rec->nframes - 1) * (size_t)rec->nch];
        records_sortie_in in = {&sheet, a->trainee, a->instructor, a->tail, started, flown_s, path, NULL};
        if (records_sortie_store(db, &in, &id, &err)) {
            fprintf(stderr, "saqr sorties add: the sortie was NOT stored: %s\n", err.msg);
        } else {
            sheet_print(&sheet, stdout);
            printf("Stored as sortie %lld of trainee %s\n", id, a->trainee);
            rc = 0;
        }
    }
    rdb_close(db);
    sheet_free(&sheet);
    return rc;
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
    rec_data rec;
    saqr_err err = {""};
    if (rec_read(path, &rec, &err)) {
        fprintf(stderr, "saqr sorties add: %s\n", err.msg);
        rec_data_free(&rec);
        return 2;
    }
    if (rec.damaged)
        fprintf(stderr, "saqr sorties add: warning: %s (graded and stored as far as it goes)\n", rec.damage);
    int rc = grade_and_store(&a, &rec, path);
    rec_data_free(&rec);
    return rc;
}
