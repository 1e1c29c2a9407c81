/*
 * cmd_fly.c - `saqr fly ID --pilot reference|degraded[:FAULT] [--record FILE]
 * [--trainee SERVICE_NO] [--instructor SERVICE_NO] [--tail TAIL] [--db URL]`:
 * flies a lesson headless, faster than real time, and prints the grade
 * sheet.  With --trainee, --instructor, --tail or --db the sortie is then
 * stored in the training records (docs/records.md) with its sheet, start
 * time, duration and recording; an unknown trainee, instructor or tail
 * is refused before flying.  Exit 0 on Pass, 1 on Marginal or Unsat, 2
 * on an error (also when the sortie could not be stored: the sheet is
 * printed all the same).
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "train/sortie.h"
#include "train_args.h"

static const char usage[] =
    "usage: saqr fly ID [--pilot reference|degraded[:bank|altitude|long]] [--record FILE]\n"
    "                   [--trainee SERVICE_NO] [--instructor SERVICE_NO] [--tail TAIL] [--db URL]\n";

/* Who and what the sortie is stored with. */
typedef struct fly_record {
    const char *trainee, *instructor, *tail, *db_url; /* NULL when not given */
} fly_record;

/* Opens the records and checks the trainee, instructor and tail exist
 * (the tail of the lesson's aircraft type).  NULL (message printed) when
 * not. */
static rdb *records_check(const fly_record *r, const lesson *l)
{
    rdb *db = records_cli_open(r->db_url, NULL, "fly");
    if (!db)
        return NULL;
    saqr_err err = {""};
    records_trainee t;
    records_instructor in;
    records_airframe af;
    int st = r->trainee ? records_trainee_find(db, r->trainee, &t, &err) : SAQR_OK;
    if (!st && r->instructor)
        st = records_instructor_find(db, r->instructor, &in, &err);
    if (!st && r->tail && !(st = records_airframe_find(db, r->tail, &af, &err)) &&
        strcmp(af.aircraft_type, l->aircraft) != 0)
        st = err_set(&err, SAQR_EINVAL, "airframe %s is a %s, not a %s", af.tail_number, af.aircraft_type,
                     l->aircraft);
    if (st) {
        fprintf(stderr, "saqr fly: %s (nothing flown)\n", err.msg);
        rdb_close(db);
        return NULL;
    }
    return db;
}

/* `path` made absolute against the working folder, into buf. */
static const char *absolute(const char *path, char *buf, size_t n)
{
    if (path[0] == '/')
        return path;
    char cwd[2048];
    if (!getcwd(cwd, sizeof cwd))
        return NULL;
    if (path[0] == '.' && path[1] == '/')
        path += 2;
    int len = snprintf(buf, n, "%s/%s", cwd, path);
    return len > 0 && (size_t)len < n ? buf : NULL;
}

/* Stores the flown sortie; 0 when stored, else 2 (message printed). */
static int store(rdb *db, const fly_record *r, const grade_sheet *sheet, const char *started, double flown_s,
                 const char *record)
{
    char rec_abs[1024];
    const char *rec = record ? absolute(record, rec_abs, sizeof rec_abs) : NULL;
    records_sortie_in in = {sheet, r->trainee, r->instructor, r->tail, started, flown_s, rec, NULL};
    long long id;
    saqr_err err = {""};
    if (records_sortie_store(db, &in, &id, &err)) {
        fprintf(stderr, "saqr fly: the sortie was NOT stored: %s\n", err.msg);
        return 2;
    }
    printf("Stored as sortie %lld%s%s\n", id, r->trainee ? " of trainee " : "", r->trainee ? r->trainee : "");
    return 0;
}

int cmd_fly(int argc, char **argv)
{
    train_paths p;
    train_paths_default(&p);
    const char *id = NULL, *who = "reference", *record = NULL;
    fly_record fr = {NULL, NULL, NULL, NULL};
    for (int i = 0; i < argc; i++) {
        int r = train_paths_option(&p, argc, argv, &i, "fly");
        if (r < 0)
            return 2;
        if (r > 0)
            continue;
        const char *a = argv[i];
        const char **dst = strcmp(a, "--pilot") == 0        ? &who
                         : strcmp(a, "--record") == 0     ? &record
                         : strcmp(a, "--trainee") == 0    ? &fr.trainee
                         : strcmp(a, "--instructor") == 0 ? &fr.instructor
                         : strcmp(a, "--tail") == 0       ? &fr.tail
                         : strcmp(a, "--db") == 0         ? &fr.db_url
                                                          : NULL;
        if (dst) {
            if (train_needs_value(argc, argv, i, "fly"))
                return 2;
            *dst = argv[++i];
        } else if (a[0] != '-' && !id) {
            id = a;
        } else {
            fprintf(stderr, "saqr fly: unexpected argument %s\n%s", a, usage);
            return 2;
        }
    }
    if (!id) {
        fputs(usage, stderr);
        return 2;
    }
    if (sortie_pilot_valid(who)) {
        fprintf(stderr, "saqr fly: unknown pilot \"%s\" (reference, degraded, degraded:bank|altitude|long)\n", who);
        return 2;
    }
    lesson l;
    if (train_load_lesson(&p, id, &l, "fly"))
        return 2;
    airport_db db;
    if (train_load_airports(&p, &db, "fly")) {
        lesson_free(&l);
        return 2;
    }
    rdb *rdb_h = NULL;
    if ((fr.trainee || fr.instructor || fr.tail || fr.db_url) && !(rdb_h = records_check(&fr, &l))) {
        airport_db_free(&db);
        lesson_free(&l);
        return 2;
    }
    char started[RECORDS_TIME_LEN];
    records_cli_now(started);
    sortie_opts o = {p.root, &db, record, who, 20.0};
    grade_sheet sheet;
    saqr_err err = {""};
    double flown_s = 0.0;
    int st = sortie_fly_timed(&l, &o, &sheet, &flown_s, &err);
    int rc = 2;
    if (st) {
        fprintf(stderr, "saqr fly: %s\n", err.msg);
    } else {
        sheet_print(&sheet, stdout);
        fflush(stdout);
        rc = sheet.result == SORTIE_PASS ? 0 : 1;
        if (rdb_h && store(rdb_h, &fr, &sheet, started, flown_s, record))
            rc = 2;
    }
    rdb_close(rdb_h);
    sheet_free(&sheet);
    airport_db_free(&db);
    lesson_free(&l);
    return rc;
}
