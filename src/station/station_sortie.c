/*
 * station_sortie.c - the station's sorties: readying a lesson's aircraft,
 * and at the end grading it, writing its debrief page and storing it in
 * the training records (see station.h).
 */
#include "station/station_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "records/records.h"
#include "train/debrief.h"
#include "util/file.h"

static void bind_controls(station *s)
{
    saqr_fdm *f = sortie_fdm(s->so);
    trainee_hands_bind(f, s->ctl_slot);
    s->fg_bound = s->fg && fgnet_bind(&s->fg_bind, f, NULL) == SAQR_OK;
    if (s->fg_bound)
        fgnet_packet_init(&s->fg_pkt);
}

int station_lesson_available(const station *s, const char *lesson_id, saqr_err *err)
{
    if (!lesson_id_valid(lesson_id))
        return err_set(err, SAQR_EINVAL, "lesson \"%s\": not a lesson id (aircraft/name)", lesson_id);
    char path[1200];
    snprintf(path, sizeof path, "%s/%s.xml", s->lessons_dir, lesson_id);
    if (access(path, R_OK) != 0)
        return err_set(err, SAQR_ENOTFOUND, "lesson \"%s\": there is no such lesson", lesson_id);
    return SAQR_OK;
}

/* A new recording's path in the work folder, named by the sortie's number
 * in this run and its start, and never a file that is there already: the
 * folder outlives the station's runs (its numbers start again at 1), and
 * a stored sortie's recording is its evidence.  The number is taken by
 * whichever thread readies the sortie, so two readied at once (two
 * instructors' starts) never share a name.  0, or -1 when no name is
 * free. */
static int recording_path(station *s, const char *started_utc, char *out, size_t size)
{
    char name[96], stem[sizeof s->work_dir + sizeof name + 1];
    const int number = atomic_fetch_add(&s->recordings_named, 1) + 1;
    snprintf(name, sizeof name, "sortie-%d-%s", number, started_utc[0] ? started_utc : "now");
    for (char *p = name; *p; p++)
        if (*p == ':')
            *p = '-';
    snprintf(stem, sizeof stem, "%s/%s", s->work_dir, name);
    return file_unused_name(stem, "rec", out, size);
}

int station_sortie_ready(station *s, const char *lesson_id, const char *pilot, const char *trainee_number,
                         const char *started_utc, int recording, station_ready **out, saqr_err *err)
{
    *out = NULL;
    if (!lesson_id_valid(lesson_id))
        return err_set(err, SAQR_EINVAL, "lesson \"%s\": not a lesson id (aircraft/name)", lesson_id);
    station_ready *r = calloc(1, sizeof *r);
    lesson *l = calloc(1, sizeof *l);
    if (!r || !l) {
        free(r);
        free(l);
        return err_set(err, SAQR_ENOMEM, "out of memory");
    }
    char path[1200];
    snprintf(path, sizeof path, "%s/%s.xml", s->lessons_dir, lesson_id);
    int st = lesson_load(path, lesson_id, l, err);
    if (st) {
        free(l);
        free(r);
        return st;
    }
    if (recording && recording_path(s, started_utc, r->record_path, sizeof r->record_path)) {
        lesson_free(l);
        free(l);
        free(r);
        return err_set(err, SAQR_EIO, "%s: no free name for the sortie's recording", s->work_dir);
    }
    const char *rec = recording ? r->record_path : NULL, *utc = started_utc[0] ? started_utc : NULL;
    sortie_opts o = {s->root, s->cfg.airports, rec, pilot, 20.0, utc, trainee_number[0] ? trainee_number : NULL};
    if ((st = sortie_begin(l, &o, &r->so, err))) {
        lesson_free(l);
        free(l);
        free(r);
        return st;
    }
    /* the instructor's rewind: a copy of the aircraft every second, a
     * minute's worth (sortie_control.h); a crash holds the sortie for the
     * instructor to rewind, recall or reposition, or end it */
    (void)sortie_rewind_enable(r->so, STATION_REWIND_PERIOD_S, NULL);
    sortie_crash_freeze(r->so, 1);
    r->les = l;
    r->recording = recording;
    *out = r;
    return SAQR_OK;
}

void station_ready_free(station_ready *r)
{
    if (!r)
        return;
    grade_sheet sheet;
    double flown_s;
    sortie_end(r->so, &sheet, &flown_s, NULL);
    sheet_free(&sheet);
    if (r->recording) /* begun, never flown: no sortie's evidence */
        (void)unlink(r->record_path);
    lesson_free(r->les);
    free(r->les);
    free(r);
}

void station_sortie_adopt(station *s, station_ready *r, const char *pilot)
{
    rt_loop_break(&s->loop); /* the old aircraft freed: not a late frame (realtime.h) */
    if (s->so)
        station_sortie_discard(s);
    if (s->les) {
        lesson_free(s->les);
        free(s->les);
    }
    s->les = r->les;
    s->so = r->so;
    s->recording = r->recording;
    snprintf(s->record_path, sizeof s->record_path, "%s", r->record_path);
    free(r);
    snprintf(s->pilot, sizeof s->pilot, "%s", pilot);
    s->pilot_trainee = strcmp(pilot, "trainee") == 0;
    s->replay_head = s->replay_count = 0;
    s->replaying = 0;
    bind_controls(s);
    /* the controls mailbox starts from the aircraft's own settings */
    pthread_mutex_lock(&s->lock);
    s->ctl_mask = 0;
    pthread_mutex_unlock(&s->lock);
    trainee_hands_reset(&s->hands);
    s->event_cursor = 0;
    station_track_reset(s);
}

int station_sortie_prepare(station *s, const char *lesson_id, const char *pilot, int recording, saqr_err *err)
{
    rt_loop_break(&s->loop); /* loading here, failing or not, is not a late frame (realtime.h) */
    station_ready *r;
    int st = station_sortie_ready(s, lesson_id, pilot, s->trainee_number, s->started_utc, recording, &r, err);
    if (st == SAQR_OK)
        station_sortie_adopt(s, r, pilot);
    return st;
}

/* Ends the sortie without grading it (the idle aircraft, a replaced one). */
void station_sortie_discard(station *s)
{
    grade_sheet sheet;
    double flown_s;
    sortie_end(s->so, &sheet, &flown_s, NULL);
    sheet_free(&sheet);
    s->so = NULL;
}

/* The debrief page beside the recording; "" when it could not be made. */
static void write_debrief(station *s, const station_finish_job *job, const grade_sheet *sheet,
                          const airport_runway *rwy, char *out, size_t size)
{
    out[0] = '\0';
    if (!job->recording)
        return;
    rec_data rec;
    saqr_err e;
    if (rec_read(job->record_path, &rec, &e)) {
        station_post(s, 1, "debrief: %s", e.msg);
        return;
    }
    char path[1200];
    snprintf(path, sizeof path, "%.*s.html", (int)(strlen(job->record_path) - 4), job->record_path);
    if (debrief_write_html(path, &rec, sheet, rwy, job->les, &e))
        station_post(s, 1, "debrief: %s", e.msg);
    else
        snprintf(out, size, "%s", path);
    rec_data_free(&rec);
}

/* Says the sortie was not stored, and how its recording (which keeps
 * its lesson and start time) can be stored later: the command first, so
 * that a long reason is what the message's length limit cuts.  The
 * station also keeps it to store it itself once the records take a
 * sortie again (station_unstored.c). */
static void not_stored(station *s, const station_finish_job *job, const char *why)
{
    if (!job->recording) {
        station_post(s, 1, "the sortie was NOT stored: %s", why);
        return;
    }
    station_post(s, 1, "the sortie was NOT stored (store it later with: saqr sorties add %s --trainee %s): %s",
                 job->record_path, job->trainee_number, why);
    station_unstored_add(s, job->record_path, job->trainee_number, job->instructor_number, job->started_utc, 0);
}

/* Stores the sortie with its trainee; its id, 0 when not stored. */
static long long store(station *s, const station_finish_job *job, const grade_sheet *sheet, double flown_s)
{
    if (!s->cfg.db_url || !job->trainee_number[0])
        return 0;
    rdb *db;
    saqr_err e;
    long long id = 0;
    if (rdb_open(s->cfg.db_url, &db, &e)) {
        not_stored(s, job, e.msg);
        return 0;
    }
    records_sortie_in in = {sheet,
                            job->trainee_number,
                            job->instructor_number[0] ? job->instructor_number : NULL,
                            NULL,
                            job->started_utc,
                            flown_s,
                            job->recording ? job->record_path : NULL,
                            NULL};
    if (records_sortie_store(db, &in, &id, &e)) {
        not_stored(s, job, e.msg);
        id = 0;
    } else {
        if (job->recording) /* stored: no longer waiting */
            station_unstored_remove(s, job->record_path);
        station_unstored_retry(s, db);
    }
    rdb_close(db);
    return id;
}

void station_sortie_finish(station *s)
{
    /* handing over is quick, but a full queue waits for a place: not a
     * late frame either way (realtime.h) */
    rt_loop_break(&s->loop);
    station_show_lesson(s); /* the ended sortie's, shown until the next */
    station_trace_keep_ended(s); /* a replay after the end draws its bands */
    station_finish_job job = {s->so, s->les, s->recording, "", "", "", ""};
    snprintf(job.record_path, sizeof job.record_path, "%s", s->record_path);
    snprintf(job.trainee_number, sizeof job.trainee_number, "%s", s->trainee_number);
    snprintf(job.instructor_number, sizeof job.instructor_number, "%s", s->instructor_number);
    snprintf(job.started_utc, sizeof job.started_utc, "%s", s->started_utc);
    s->so = NULL;
    s->les = NULL;
    s->status = STATION_ENDED;
    station_finisher_submit(s, &job);
}

void station_sortie_complete(station *s, station_finish_job *job)
{
    airport_runway rwy = *sortie_runway(job->so);
    grade_sheet sheet;
    double flown_s;
    saqr_err e;
    int st = sortie_end(job->so, &sheet, &flown_s, &e);
    job->so = NULL;
    if (st) {
        if (job->recording) /* nothing to store it from */
            station_unstored_remove(s, job->record_path);
        station_post(s, 1, "the sortie could not be graded: %s", e.msg);
        sheet_free(&sheet);
    } else {
        char debrief[sizeof s->debriefs[0].path];
        write_debrief(s, job, &sheet, &rwy, debrief, sizeof debrief);
        long long id = store(s, job, &sheet, flown_s);
        pthread_mutex_lock(&s->lock);
        uint64_t q = s->debrief_seq + 1;
        station_debrief *d = &s->debriefs[q % STATION_DEBRIEFS];
        if (d->seq)
            sheet_free(&d->sheet);
        d->seq = q;
        d->sheet = sheet;
        d->sortie_id = id;
        snprintf(d->path, sizeof d->path, "%s", debrief);
        s->debrief_seq = q;
        pthread_mutex_unlock(&s->lock);
        /* the sheet is the station's now, but only this thread replaces it */
        const char *stored = !id ? ""
                             : sheet_pilot_is_automatic(sheet.pilot)
                                 ? " (stored in the records as a demonstration: the automatic pilot flew it, so it "
                                   "does not pass the lesson)"
                                 : " (stored in the records)";
        station_post(s, 0, "%s: %s%s", sheet.lesson, sheet_result_name(sheet.result), stored);
    }
    lesson_free(job->les);
    free(job->les);
    job->les = NULL;
}
