/*
 * test_recording_store.c - a recording stored in the records after the
 * fact (src/train/recording_store.c) fed what a recording file can hold
 * that it should not: garbage bytes, a start time that is not a time, a
 * lesson id that leaves the lessons folder or names no lesson, no frames,
 * no lesson.  Each is refused with a message naming the file or the
 * value, and nothing is written to the records.  The good path (a sortie
 * really flown, stored afterwards) is in tests/system/run.sh and
 * tests/unit/test_station.c.
 */
#include "test_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_test_util.h"
#include "records/records.h"
#include "train/record.h"
#include "train/recording_store.h"

typedef struct fixture {
    char dir[64];
    rdb *db;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    snprintf(f->dir, sizeof f->dir, "/tmp/saqr-test-recstore-XXXXXX");
    if (!mkdtemp(f->dir)) {
        free(f);
        return -1;
    }
    db_test_open(RDB_SQLITE, f->dir, &f->db);
    saqr_err err = {""};
    int changed;
    if (records_syllabus_sync(f->db, SAQR_ROOT_DIR "/lessons", &changed, &err) ||
        records_trainee_add(f->db, "PAF-1", "Plt Off One", "super-mushak", "2026-11-30T08:00:00Z", NULL, &err))
        fail_msg("%s", err.msg);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    db_test_close(f->db);
    db_test_remove_tree(f->dir);
    free(f);
    return 0;
}

/* Writes a recording of `nframes` frames with the given lesson,
 * reference-time and trainee (any NULL: left out) into the fixture's
 * folder. */
static void write_rec_by(const fixture *f, const char *name, const char *lesson, const char *started,
                         const char *trainee, int nframes, char *path, size_t size)
{
    snprintf(path, size, "%s/%s", f->dir, name);
    rec_meta meta[3];
    memset(meta, 0, sizeof meta);
    int n = 0;
    if (lesson) {
        snprintf(meta[n].key, sizeof meta[n].key, "lesson");
        snprintf(meta[n].value, sizeof meta[n].value, "%s", lesson);
        n++;
    }
    if (started) {
        snprintf(meta[n].key, sizeof meta[n].key, "reference-time");
        snprintf(meta[n].value, sizeof meta[n].value, "%s", started);
        n++;
    }
    if (trainee) {
        snprintf(meta[n].key, sizeof meta[n].key, "trainee");
        snprintf(meta[n].value, sizeof meta[n].value, "%s", trainee);
        n++;
    }
    rec_channel ch[2] = {{"t-s", REC_F64}, {"alt-ft", REC_F32}};
    saqr_err err = {""};
    rec_writer *w = rec_writer_open(path, meta, n, ch, 2, 20.0, &err);
    if (!w)
        fail_msg("%s", err.msg);
    for (int i = 0; i < nframes; i++) {
        double v[2] = {0.05 * i, 3000.0};
        assert_int_equal(rec_write_frame(w, v, &err), SAQR_OK);
    }
    assert_int_equal(rec_writer_close(w, &err), SAQR_OK);
}

static void write_rec(const fixture *f, const char *name, const char *lesson, const char *started, int nframes,
                      char *path, size_t size)
{
    write_rec_by(f, name, lesson, started, NULL, nframes, path, size);
}

/* Tries to store `path`: the status, err naming what; nothing stored. */
static int try_store(const fixture *f, const char *path, const char *started, saqr_err *err)
{
    recording_who who = {"PAF-1", NULL, NULL, started};
    long long id = -1;
    int st = recording_store(f->db, SAQR_ROOT_DIR "/lessons", path, &who, &id, NULL, NULL, err);
    records_sortie *s;
    int n;
    saqr_err e2 = {""};
    assert_int_equal(records_sortie_list(f->db, NULL, &s, &n, &e2), SAQR_OK);
    free(s);
    assert_int_equal(n, 0); /* nothing written */
    return st;
}

static void garbage_bytes_are_not_a_recording(void **state)
{
    fixture *f = *state;
    char path[256];
    snprintf(path, sizeof path, "%s/garbage.rec", f->dir);
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    fputs("lesson=super-mushak/steep-turns\nthis is not a recording\n", fp);
    fclose(fp);
    saqr_err err = {""};
    assert_int_not_equal(try_store(f, path, NULL, &err), SAQR_OK);
    assert_non_null(strstr(err.msg, "garbage.rec"));

    char missing[300];
    snprintf(missing, sizeof missing, "%s/none.rec", f->dir);
    assert_int_equal(try_store(f, missing, NULL, &err), SAQR_EIO);
    assert_non_null(strstr(err.msg, "none.rec"));
}

static void a_start_time_that_is_not_a_utc_time_is_refused(void **state)
{
    fixture *f = *state;
    char path[256];
    saqr_err err = {""};
    write_rec(f, "t.rec", "super-mushak/steep-turns", "yesterday at noon", 10, path, sizeof path);
    assert_int_equal(try_store(f, path, NULL, &err), SAQR_EINVAL);
    assert_non_null(strstr(err.msg, "\"yesterday at noon\" is not a UTC time"));
    /* nor one given in its place */
    assert_int_equal(try_store(f, path, "2026-02-30T00:00:00Z", &err), SAQR_EINVAL);
    assert_non_null(strstr(err.msg, "--started: \"2026-02-30T00:00:00Z\""));
    /* and without one, the way to give it is named */
    write_rec(f, "n.rec", "super-mushak/steep-turns", NULL, 10, path, sizeof path);
    assert_int_equal(try_store(f, path, NULL, &err), SAQR_EINVAL);
    assert_non_null(strstr(err.msg, "does not say when it started"));
}

static void a_lesson_id_must_name_a_lesson_inside_the_lessons_folder(void **state)
{
    fixture *f = *state;
    char path[256];
    saqr_err err = {""};
    write_rec(f, "escape.rec", "../../../etc/passwd", "2026-11-30T09:00:00Z", 10, path, sizeof path);
    assert_int_equal(try_store(f, path, NULL, &err), SAQR_EINVAL);
    assert_non_null(strstr(err.msg, "\"../../../etc/passwd\" is not a lesson id"));

    write_rec(f, "absent.rec", "super-mushak/no-such-lesson", "2026-11-30T09:00:00Z", 10, path, sizeof path);
    assert_int_not_equal(try_store(f, path, NULL, &err), SAQR_OK);
    assert_non_null(strstr(err.msg, "no-such-lesson"));

    write_rec(f, "nolesson.rec", NULL, "2026-11-30T09:00:00Z", 10, path, sizeof path);
    assert_int_equal(try_store(f, path, NULL, &err), SAQR_EINVAL);
    assert_non_null(strstr(err.msg, "names no lesson"));
}

/* A recording names the trainee who flew it: another's is refused, and
 * nothing is stored. */
static void another_trainees_recording_is_refused(void **state)
{
    fixture *f = *state;
    char path[1200];
    write_rec_by(f, "theirs.rec", "super-mushak/steep-turns", "2026-12-04T05:00:00Z", "PAF-9", 40, path, sizeof path);
    saqr_err err = {""};
    assert_int_equal(try_store(f, path, NULL, &err), SAQR_EINVAL);
    assert_non_null(strstr(err.msg, "theirs.rec is trainee PAF-9's flight: it cannot be stored as PAF-1's"));
}

static void a_recording_without_frames_holds_no_sortie(void **state)
{
    fixture *f = *state;
    char path[256];
    saqr_err err = {""};
    write_rec(f, "empty.rec", "super-mushak/steep-turns", "2026-11-30T09:00:00Z", 0, path, sizeof path);
    assert_int_equal(try_store(f, path, NULL, &err), SAQR_EINVAL);
    assert_non_null(strstr(err.msg, "holds no sortie"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(garbage_bytes_are_not_a_recording, setup, teardown),
        cmocka_unit_test_setup_teardown(a_start_time_that_is_not_a_utc_time_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(a_lesson_id_must_name_a_lesson_inside_the_lessons_folder, setup, teardown),
        cmocka_unit_test_setup_teardown(a_recording_without_frames_holds_no_sortie, setup, teardown),
        cmocka_unit_test_setup_teardown(another_trainees_recording_is_refused, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
