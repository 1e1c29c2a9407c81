/*
 * recording_store.c - a recorded sortie graded again and stored in the
 * training records (recording_store.h).
 */
#include "train/recording_store.h"

#include <stdio.h>
#include <string.h>

#include "train/lesson.h"
#include "train/record.h"
#include "train/sortie.h"

/* Grades the read recording `rec` against the lesson it names. */
static int regrade(const rec_data *rec, const char *lessons_dir, const char *path, grade_sheet *sheet, saqr_err *err)
{
    const char *lesson_id = rec_meta_get(rec, "lesson");
    if (!lesson_id)
        return err_set(err, SAQR_EINVAL, "%s: the recording names no lesson", path);
    if (!lesson_id_valid(lesson_id))
        return err_set(err, SAQR_EINVAL, "%s: \"%s\" is not a lesson id (AIRCRAFT/NAME)", path, lesson_id);
    if (rec->nframes == 0 || rec->nch < 1 || strcmp(rec->ch[0].name, "t-s") != 0)
        return err_set(err, SAQR_EINVAL, "%s: the recording holds no sortie (no frames, or no time t-s first)", path);
    char lesson_path[1200];
    snprintf(lesson_path, sizeof lesson_path, "%s/%s.xml", lessons_dir, lesson_id);
    lesson l;
    memset(&l, 0, sizeof l);
    int st = lesson_load(lesson_path, lesson_id, &l, err);
    if (st == SAQR_OK)
        st = sortie_regrade(&l, rec, sheet, err);
    lesson_free(&l);
    return st;
}

int recording_store(rdb *db, const char *lessons_dir, const char *path, const recording_who *who, long long *id,
                    grade_sheet *sheet, int *damaged, saqr_err *err)
{
    grade_sheet local;
    grade_sheet *sh = sheet ? sheet : &local;
    memset(sh, 0, sizeof *sh);
    *id = 0;
    if (damaged)
        *damaged = 0;
    rec_data rec;
    int st = rec_read(path, &rec, err);
    if (st) {
        rec_data_free(&rec);
        return st;
    }
    if (damaged)
        *damaged = rec.damaged;
    const char *started = who->started ? who->started : rec_meta_get(&rec, "reference-time");
    if (!started)
        st = err_set(err, SAQR_EINVAL,
                     "%s: the recording does not say when it started (made before 2026-11-30): "
                     "give --started YYYY-MM-DDTHH:MM:SSZ",
                     path);
    else if (!records_time_valid(started))
        st = err_set(err, SAQR_EINVAL, "%s\"%s\" is not a UTC time YYYY-MM-DDTHH:MM:SSZ",
                     who->started ? "--started: " : "the recording's start time ", started);
    /* a recording made since 2026-12-04 names the trainee who flew it */
    const char *flown_by = rec_meta_get(&rec, "trainee");
    if (!st && flown_by && flown_by[0] && strcmp(flown_by, who->trainee) != 0)
        st = err_set(err, SAQR_EINVAL, "%s is trainee %s's flight: it cannot be stored as %s's", path, flown_by,
                     who->trainee);
    if (!st)
        st = regrade(&rec, lessons_dir, path, sh, err);
    long long before = 0;
    if (!st && !(st = records_sortie_with_recording(db, path, &before, err)) && before > 0) {
        *id = before;
        st = err_set(err, SAQR_ESTATE, "%s is already stored as sortie %lld", path, before);
    }
    /* channel 0 is the simulated time: the last sample's is the duration
     * flown, as the sortie itself reports it */
    const double flown_s = rec.nframes > 0 ? rec.values[(rec.nframes - 1) * (size_t)rec.nch] : 0.0;
    /* a copy of a stored recording (moved, backed up, mailed) is the same
     * flight: the trainee, the lesson, the start and the duration say so */
    if (!st && !(st = records_sortie_same_flight(db, who->trainee, sh->lesson, started, flown_s, &before, err)) &&
        before > 0) {
        *id = before;
        st = err_set(err, SAQR_ESTATE,
                     "%s is the same flight as sortie %lld (trainee %s, lesson %s, started %s, %.1f s): "
                     "already stored",
                     path, before, who->trainee, sh->lesson, started, flown_s);
    }
    if (!st) {
        records_sortie_in in = {sh, who->trainee, who->instructor, who->tail, started, flown_s, path, NULL};
        st = records_sortie_store(db, &in, id, err);
        if (st) {
            char why[SAQR_ERR_MAX];
            snprintf(why, sizeof why, "%s", err->msg);
            err_set(err, st, "the sortie was NOT stored: %s", why);
        }
    }
    rec_data_free(&rec);
    if (!sheet)
        sheet_free(&local);
    return st;
}
