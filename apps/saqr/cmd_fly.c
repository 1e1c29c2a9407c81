/*
 * cmd_fly.c - `saqr fly ID --pilot reference|degraded[:FAULT] [--record FILE]
 * [--trainee SERVICE_NO] [--instructor SERVICE_NO] [--tail TAIL] [--db URL]`:
 * flies a lesson headless, faster than real time, and prints the grade
 * sheet.  With --trainee, --instructor, --tail or --db the sortie is then
 * stored in the training records (docs/records.md) with its sheet, start
 * time, duration and recording; an unknown trainee, instructor or tail
 * is refused before flying.  Exit 0 on Pass, 1 on Marginal, Unsat or Incomplete, 2
 * on an error (also when the sortie could not be stored: the sheet is
 * printed all the same).  --record never replaces a file that exists
 * unless --overwrite is given, and never one a stored sortie points to
 * (that sortie's evidence would silently become another flight).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <signal.h>
#include <stdlib.h>

#include "app_paths.h"
#include "commands.h"
#include "fg_args.h"
#include "station/fgnet.h"
#include "station/rt_priority.h"
#include "station/station_fly.h"
#include "train/sortie.h"
#include "train_args.h"
#include "util/file.h"

static const char usage[] =
    "usage: saqr fly ID [--pilot reference|degraded[:bank|altitude|long|instruments|drift]|trainee] [--record FILE [--overwrite]]\n"
    "                   [--trainee SERVICE_NO] [--instructor SERVICE_NO] [--tail TAIL] [--db URL]\n"
    "                   [--realtime [--scale S] [--rt-priority N]\n"
    "                    [--fg HOST[:PORT] [--fg-props PORT] [--fg-mp PORT [--fg-mp-model PATH]]]]\n";

/* Ctrl-C ends a real-time sortie (it is graded as far as it went). */
static volatile int interrupted;

static void on_sigint(int sig)
{
    (void)sig;
    interrupted = 1;
}

/* "HOST" or "HOST:PORT" (default port FGNET_DEFAULT_PORT). */
static int parse_fg(const char *text, char *host, size_t size, int *port)
{
    *port = FGNET_DEFAULT_PORT;
    snprintf(host, size, "%s", text);
    char *colon = strrchr(host, ':');
    if (colon) {
        char *end = NULL;
        long p = strtol(colon + 1, &end, 10);
        if (end == colon + 1 || *end || p < 1 || p > 65535)
            return -1;
        *port = (int)p;
        *colon = '\0';
    }
    return host[0] ? 0 : -1;
}

/* FlightGear's links asked for: the view's host (NULL: none), the sky's
 * and the lead's ports (0: none), the lead's model (NULL: the default). */
typedef struct fly_fg {
    const char *fg;
    int props_port, mp_port;
    const char *mp_model;
} fly_fg;

/* The sortie in real time; prints the loop's account. */
static int fly_realtime(lesson *l, const sortie_opts *o, double scale, const fly_fg *ff, int rt_priority,
                        grade_sheet *sheet, double *flown_s, saqr_err *err)
{
    memset(sheet, 0, sizeof *sheet); /* freed by the caller, also after an error */
    *flown_s = 0.0;
    char host[256];
    station_fly_opts so = {rt_clock_monotonic(), scale, NULL, FGNET_DEFAULT_PORT, 60.0, &interrupted, NULL,
                           rt_priority, ff->props_port, ff->mp_port, ff->mp_model};
    const char *fg = ff->fg;
    if (o->pilot && strcmp(o->pilot, "trainee") == 0)
        so.controls = app_path_get(APP_CONTROLS);
    if (fg) {
        if (parse_fg(fg, host, sizeof host, &so.fg_port))
            return err_set(err, SAQR_EINVAL, "--fg wants HOST or HOST:PORT, not \"%s\"", fg);
        so.fg_host = host;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sigaction(SIGINT, &sa, NULL);
    station_fly_report rep;
    int st = station_fly(l, o, &so, sheet, flown_s, &rep, err);
    if (st == SAQR_OK) {
        fprintf(stderr, "real time: %llu frames at %.0fx, %llu overruns, %llu frames dropped%s\n",
                (unsigned long long)rep.loop.frames, rep.loop.scale, (unsigned long long)rep.loop.overruns,
                (unsigned long long)rep.loop.dropped_frames, rep.stopped ? "; stopped by Ctrl-C" : "");
        if (rep.rt_priority)
            fprintf(stderr, "flown at real-time priority %d (SCHED_FIFO)\n", rep.rt_priority);
        else if (rep.rt_refused[0])
            fprintf(stderr, "flown as ordinary work, so other programs' load could make frames late: %s\n",
                    rep.rt_refused);
        if (so.controls)
            fprintf(stderr, "trainee controls: %d input device(s) (mapping %s)\n", rep.devices, so.controls);
        if (fg)
            fprintf(stderr, "FlightGear %s:%d: %lu packets sent%s%s\n", so.fg_host, so.fg_port, rep.fg_sent,
                    rep.fg_error[0] ? "; " : "", rep.fg_error);
        if (ff->mp_port)
            fprintf(stderr, "FlightGear's multiplayer input %s:%d: %lu lead message(s) sent\n", so.fg_host, ff->mp_port,
                    rep.lead_sent);
        if (ff->props_port)
            fprintf(stderr, "FlightGear's property server %s:%d: %lu sky(ies) sent\n", so.fg_host, ff->props_port,
                    rep.fg_skies);
    }
    return st;
}

/* Who and what the sortie is stored with. */
typedef struct fly_record {
    const char *trainee, *instructor, *tail, *db_url; /* NULL when not given */
} fly_record;

/* Opens the records and checks the trainee, instructor and tail exist
 * (the tail of the lesson's aircraft type).  NULL (message printed) when
 * not. */
static rdb *records_check(const fly_record *r, const lesson *l)
{
    rdb *db = records_cli_open(r->db_url, NULL, "fly", 0);
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

/* 0 when the recording may be written to `record`: a new file, or an
 * existing one with --overwrite that no stored sortie of the open records
 * points to; else 2 (message printed), before anything is flown. */
static int record_target_ok(const char *record, int overwrite, rdb *db)
{
    if (!record || access(record, F_OK) != 0)
        return 0;
    if (!overwrite) {
        fprintf(stderr, "saqr fly: %s already exists; a recording is not replaced without --overwrite (nothing flown)\n",
                record);
        return 2;
    }
    char abs[1024];
    long long id = 0;
    saqr_err err = {""};
    const char *path = db ? train_absolute_path(record, abs, sizeof abs) : NULL;
    if (path && records_sortie_with_recording(db, path, &id, &err) == SAQR_OK && id > 0) {
        fprintf(stderr, "saqr fly: %s is the recording of stored sortie %lld; it is not replaced (nothing flown)\n",
                record, id);
        return 2;
    }
    return 0;
}

/* Where a sortie stored in the records is recorded when --record names
 * no file: the user's data folder (beside the default records), so that
 * a sortie the records refuse can be stored later from its recording,
 * and a stored one has its debrief.  0 with the path in buf, else -1. */
static int default_recording(const char *lesson_id, const char *started, char *buf, size_t size)
{
    char dir[900];
    file_user_data_dir(dir, sizeof dir - sizeof "/recordings");
    strcat(dir, "/recordings");
    if (file_make_dirs(dir) != 0)
        return -1;
    char name[160], stem[1100];
    snprintf(name, sizeof name, "%s-%s", started, lesson_id);
    for (char *q = name; *q; q++)
        if (*q == '/' || *q == ':')
            *q = '-';
    snprintf(stem, sizeof stem, "%s/%s", dir, name);
    return file_unused_name(stem, "rec", buf, size);
}

/* Stores the flown sortie; 0 when stored, else 2 (message printed). */
static int store(rdb *db, const fly_record *r, const grade_sheet *sheet, const char *started, double flown_s,
                 const char *record)
{
    char rec_abs[1024];
    const char *rec = record ? train_absolute_path(record, rec_abs, sizeof rec_abs) : NULL;
    records_sortie_in in = {sheet, r->trainee, r->instructor, r->tail, started, flown_s, rec, NULL};
    long long id;
    saqr_err err = {""};
    if (records_sortie_store(db, &in, &id, &err)) {
        fprintf(stderr, "saqr fly: the sortie was NOT stored: %s\n", err.msg);
        if (rec)
            fprintf(stderr, "saqr fly: its recording %s can be stored later: saqr sorties add %s%s%s%s%s\n", rec,
                    rec, r->trainee ? " --trainee " : "", r->trainee ? r->trainee : "",
                    r->db_url ? " --db " : "", r->db_url ? r->db_url : "");
        return 2;
    }
    printf("Stored as sortie %lld%s%s%s\n", id, r->trainee ? " of trainee " : "", r->trainee ? r->trainee : "",
           sheet_pilot_is_automatic(sheet->pilot) ? ", a demonstration by the automatic pilot (it never passes the lesson)"
                                                    : "");
    return 0;
}

int cmd_fly(int argc, char **argv)
{
    train_paths p;
    train_paths_default(&p);
    const char *id = NULL, *who = "reference", *record = NULL, *fg = NULL, *scale_text = NULL, *prio_text = NULL;
    const char *fg_props = NULL, *fg_mp = NULL, *fg_mp_model = NULL;
    int realtime = 0, overwrite = 0;
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
                         : strcmp(a, "--fg") == 0         ? &fg
                         : strcmp(a, "--fg-props") == 0   ? &fg_props
                         : strcmp(a, "--fg-mp") == 0      ? &fg_mp
                         : strcmp(a, "--fg-mp-model") == 0 ? &fg_mp_model
                         : strcmp(a, "--scale") == 0      ? &scale_text
                         : strcmp(a, "--rt-priority") == 0 ? &prio_text
                                                          : NULL;
        if (strcmp(a, "--realtime") == 0) {
            realtime = 1;
        } else if (strcmp(a, "--overwrite") == 0) {
            overwrite = 1;
        } else if (dst) {
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
        fprintf(stderr, "saqr fly: unknown pilot \"%s\" (%s)\n", who, sortie_pilot_names());
        return 2;
    }
    double scale = 1.0;
    if (scale_text) {
        char *end = NULL;
        scale = strtod(scale_text, &end);
        if (end == scale_text || *end || !(scale >= 1.0 / 1024.0 && scale <= 64.0)) {
            fprintf(stderr, "saqr fly: --scale wants a number from 1/1024 to 64, not \"%s\"\n", scale_text);
            return 2;
        }
    }
    int rt_priority = RT_PRIORITY_DEFAULT;
    if (prio_text && train_rt_priority(prio_text, &rt_priority, "fly"))
        return 2;
    if ((fg || fg_props || fg_mp || fg_mp_model || scale_text || prio_text) && !realtime) {
        fprintf(stderr, "saqr fly: --fg, --fg-props, --fg-mp, --scale and --rt-priority go with --realtime\n");
        return 2;
    }
    fly_fg ff = {fg, 0, 0, fg_mp_model};
    if (fg_props) {
        if (fg_port_option(fg_props, "--fg-props", &ff.props_port, "fly"))
            return 2;
        if (!fg) {
            fprintf(stderr, "saqr fly: --fg-props is FlightGear's property server on the --fg host: give --fg HOST too\n");
            return 2;
        }
    }
    if (fg_mp) {
        if (fg_port_option(fg_mp, "--fg-mp", &ff.mp_port, "fly"))
            return 2;
        if (!fg) {
            fprintf(stderr, "saqr fly: --fg-mp is FlightGear's multiplayer input on the --fg host: give --fg HOST too\n");
            return 2;
        }
    }
    if (fg_mp_model && !fg_mp) {
        fprintf(stderr, "saqr fly: --fg-mp-model is the lead's model in FlightGear's multiplayer input: give --fg-mp "
                        "PORT too\n");
        return 2;
    }
    if (fg_mp_model && fg_mp_model_option(fg_mp_model, "fly"))
        return 2;
    if (!realtime && strcmp(who, "trainee") == 0) {
        fprintf(stderr, "saqr fly: a trainee flies in real time: add --realtime\n");
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
    if (overwrite && !record) {
        fprintf(stderr, "saqr fly: --overwrite goes with --record FILE\n");
        rdb_close(rdb_h);
        airport_db_free(&db);
        lesson_free(&l);
        return 2;
    }
    if (record_target_ok(record, overwrite, rdb_h)) {
        rdb_close(rdb_h);
        airport_db_free(&db);
        lesson_free(&l);
        return 2;
    }
    char started[RECORDS_TIME_LEN];
    records_cli_now(started);
    char auto_record[1024];
    if (rdb_h && !record) {
        if (default_recording(id, started, auto_record, sizeof auto_record) == 0)
            record = auto_record;
        else
            fprintf(stderr, "saqr fly: warning: no folder for the sortie's recording; it is flown unrecorded\n");
    }
    sortie_opts o = {p.root, &db, record, who, 20.0, started, fr.trainee};
    grade_sheet sheet;
    saqr_err err = {""};
    double flown_s = 0.0;
    int st = realtime ? fly_realtime(&l, &o, scale, &ff, rt_priority, &sheet, &flown_s, &err)
                      : sortie_fly_timed(&l, &o, &sheet, &flown_s, &err);
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
