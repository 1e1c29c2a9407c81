/*
 * test_records.c - the training records (src/records/records.c,
 * progress.c, records_csv.c), each behaviour on BOTH back ends: a fresh
 * SQLite file in a mkdtemp folder and a fresh schema on the PostgreSQL
 * test server (tests/unit/db_test_util.h; `bash tools/pg-test-server.sh
 * start` starts it, SAQR_TEST_NO_PG=1 skips those).
 *
 * The facts checked come from outside the code under test: a sortie
 * really flown (super-mushak/steep-turns, flown once for the whole run)
 * reads back element by element as its grade sheet holds it; counts,
 * hours and the next lesson due are worked out by hand from the sorties
 * stored; the syllabus order is the one written into the test's own
 * syllabus.txt; the CSV files are parsed as RFC 4180 independently of
 * the writer.  A write that fails part-way (a trigger raising on the
 * tenth element) leaves nothing behind.
 */
#define _XOPEN_SOURCE 700 /* nftw */
#include "db_test_util.h"
#include "reference_flight.h"

#include <math.h>
#include <sys/stat.h>

#include "records/course_report.h"
#include "records/records.h"
#include "records/training_record.h"
#include "train/sortie.h"

#define NOW "2026-11-29T05:30:00Z"

/* The sortie flown once for every test (group setup). */
typedef struct flown_sortie {
    grade_sheet sheet;
    double flown_s;
} flown_sortie;

/* One test's world. */
typedef struct fixture {
    rdb_backend kind;      /* the back end under test                  */
    char dir[64];          /* mkdtemp folder                           */
    char lessons[128];     /* dir/lessons: a small syllabus            */
    char url[4096];        /* the fresh database                       */
    rdb *db;               /* open handle, closed by teardown          */
    const flown_sortie *flown;
} fixture;

static flown_sortie flown; /* filled by the group setup, read only after */

/* ================================================================ helpers */

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
}

/* Copies the shipped lesson COURSE/NAME.xml into the fixture's lessons. */
static void copy_lesson(const fixture *f, const char *course, const char *name)
{
    char src[1024], dst[1100], dir[1024];
    snprintf(src, sizeof src, "%s/lessons/%s/%s.xml", SAQR_ROOT_DIR, course, name);
    snprintf(dir, sizeof dir, "%s/%s", f->lessons, course);
    mkdir(dir, 0777);
    snprintf(dst, sizeof dst, "%s/%s.xml", dir, name);
    FILE *in = fopen(src, "rb"), *out = fopen(dst, "wb");
    assert_non_null(in);
    assert_non_null(out);
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        assert_int_equal(fwrite(buf, 1, n, out), n);
    fclose(in);
    assert_int_equal(fclose(out), 0);
}

/* The test syllabus: super-mushak stalls, steep-turns, medium-turns in
 * that (non-alphabetical) order; jf17 landing. */
static void make_lessons(fixture *f)
{
    snprintf(f->lessons, sizeof f->lessons, "%s/lessons", f->dir);
    assert_int_equal(mkdir(f->lessons, 0777), 0);
    copy_lesson(f, "super-mushak", "medium-turns");
    copy_lesson(f, "super-mushak", "steep-turns");
    copy_lesson(f, "super-mushak", "stalls");
    copy_lesson(f, "jf17", "landing");
    char path[1024];
    snprintf(path, sizeof path, "%s/super-mushak/syllabus.txt", f->lessons);
    write_text(path, "# test order\nstalls\n\n  steep-turns  \nmedium-turns\n");
}

/* The initial state names the back end; the fixture replaces it. */
static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    f->kind = *(const rdb_backend *)*state;
    f->flown = &flown;
    snprintf(f->dir, sizeof f->dir, "/tmp/saqr-test-records-XXXXXX");
    if (!mkdtemp(f->dir)) {
        free(f);
        return -1;
    }
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

/* Opens the fresh database and syncs the test syllabus into it. */
static fixture *open_fresh(void **state)
{
    fixture *f = *state;
    saqr_err err = {""};
    db_test_url(f->kind, f->dir, f->url, sizeof f->url);
    if (rdb_open(f->url, &f->db, &err))
        fail_msg("rdb_open(%s): %s", f->url, err.msg);
    make_lessons(f);
    int changed = -1;
    if (records_syllabus_sync(f->db, f->lessons, &changed, &err))
        fail_msg("sync: %s", err.msg);
    assert_int_equal(changed, 4 + 2); /* 4 lessons and 2 aircraft types */
    return f;
}

static void ok(int st, const saqr_err *err)
{
    if (st != SAQR_OK)
        fail_msg("status %d: %s", st, err->msg);
}

/* COUNT(*) of a table. */
static int count_rows(rdb *db, const char *table)
{
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM %s", table);
    rdb_rows *r = NULL;
    saqr_err err = {""};
    ok(rdb_exec(db, sql, 0, NULL, &r, &err), &err);
    int n = atoi(rdb_value(r, 0, 0));
    rdb_rows_free(r);
    return n;
}

/* A synthetic sheet of `n` elements (owned elements: free with sheet_free). */
static void make_sheet(grade_sheet *s, const char *lesson_id, const char *aircraft, sortie_result result, int n)
{
    memset(s, 0, sizeof *s);
    snprintf(s->lesson, sizeof s->lesson, "%s", lesson_id);
    snprintf(s->title, sizeof s->title, "Test");
    snprintf(s->aircraft, sizeof s->aircraft, "%s", aircraft);
    snprintf(s->pilot, sizeof s->pilot, "reference");
    s->result = result;
    snprintf(s->summary, sizeof s->summary, "%s, as set by the test", sheet_result_name(result));
    s->nelements = n;
    s->elements = calloc((size_t)n + 1, sizeof *s->elements);
    assert_non_null(s->elements);
    for (int i = 0; i < n; i++) {
        sheet_element *e = &s->elements[i];
        snprintf(e->exercise, sizeof e->exercise, "ex%d", i / 4);
        snprintf(e->name, sizeof e->name, "el%d", i);
        snprintf(e->title, sizeof e->title, "Element %d", i);
        snprintf(e->unit, sizeof e->unit, "ft");
        snprintf(e->source, sizeof e->source, "test");
        e->lo = 100.0 * i;
        e->hi = 100.0 * i + 50.0;
        e->worst = 100.0 * i + 10.0 / 3.0;
        e->worst_t_s = 1.0 + i;
        e->ratio = 0.1 * i;
        e->mark = MARK_EXCELLENT;
    }
}

/* Stores a synthetic sortie of `pilot` ("trainee": flown by hand; "reference": a
 * demonstration) for `trainee`; its id. */
static long long store_flown(rdb *db, const char *trainee, const char *lesson_id, const char *aircraft,
                             sortie_result result, double duration_s, const char *started, const char *pilot)
{
    grade_sheet s;
    make_sheet(&s, lesson_id, aircraft, result, 3);
    snprintf(s.pilot, sizeof s.pilot, "%s", pilot);
    records_sortie_in in = {&s, trainee, NULL, NULL, started, duration_s, NULL, NULL};
    long long id = 0;
    saqr_err err = {""};
    int st = records_sortie_store(db, &in, &id, &err);
    sheet_free(&s);
    ok(st, &err);
    assert_true(id > 0);
    return id;
}

/* A sortie the trainee flew, stored with a synthetic sheet. */
static long long store_synthetic(rdb *db, const char *trainee, const char *lesson_id, const char *aircraft,
                                 sortie_result result, double duration_s, const char *started)
{
    return store_flown(db, trainee, lesson_id, aircraft, result, duration_s, started, "trainee");
}

/* Number of records in an RFC 4180 file (quoted fields may hold line
 * breaks), header included; -1 when it cannot be read. */
static int csv_records(const char *path, char *header, size_t header_size)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    int records = 0, in_quotes = 0, c, field_chars = 0;
    size_t h = 0;
    while ((c = fgetc(f)) != EOF) {
        if (records == 0 && c != '\r' && c != '\n' && h + 1 < header_size)
            header[h++] = (char)c;
        if (c == '"')
            in_quotes = !in_quotes;
        else if (c == '\n' && !in_quotes) {
            records++;
            field_chars = 0;
            continue;
        }
        field_chars++;
    }
    fclose(f);
    if (header_size)
        header[h < header_size ? h : header_size - 1] = '\0';
    return records + (field_chars > 0);
}

/* ================================================================== tests */

static void trainees_are_added_listed_and_shown(void **state)
{
    fixture *f = open_fresh(state);
    saqr_err err = {""};
    records_trainee t;
    ok(records_trainee_add(f->db, "PAF-2002", "Sana Malik", "jf17", NOW, &t, &err), &err);
    assert_true(t.id > 0);
    ok(records_trainee_add(f->db, "PAF-1001", "Ali Khan, \"Ace\"", "super-mushak", "2026-11-28T10:00:00Z", NULL,
                           &err), &err);
    records_trainee *list;
    int n;
    ok(records_trainee_list(f->db, &list, &n, &err), &err);
    assert_int_equal(n, 2);
    assert_string_equal(list[0].service_number, "PAF-1001"); /* by service number */
    assert_string_equal(list[0].name, "Ali Khan, \"Ace\"");
    assert_string_equal(list[0].course, "super-mushak");
    assert_string_equal(list[0].created_at, "2026-11-28T10:00:00Z");
    assert_string_equal(list[1].service_number, "PAF-2002");
    free(list);
    records_trainee g;
    ok(records_trainee_find(f->db, "PAF-2002", &g, &err), &err);
    assert_int_equal(g.id, t.id);
    assert_string_equal(g.name, "Sana Malik");
    assert_string_equal(g.course, "jf17");
    assert_string_equal(g.created_at, NOW);

    records_instructor in;
    ok(records_instructor_add(f->db, "IP-7", "Sqn Ldr Raza", &in, &err), &err);
    records_instructor *il;
    ok(records_instructor_list(f->db, &il, &n, &err), &err);
    assert_int_equal(n, 1);
    assert_string_equal(il[0].name, "Sqn Ldr Raza");
    free(il);
    records_airframe af;
    ok(records_airframe_add(f->db, "MK-101", "super-mushak", &af, &err), &err);
    ok(records_airframe_find(f->db, "MK-101", &af, &err), &err);
    assert_string_equal(af.aircraft_type, "super-mushak");
}

static void a_duplicate_service_number_is_refused_and_nothing_is_written(void **state)
{
    fixture *f = open_fresh(state);
    saqr_err err = {""};
    ok(records_trainee_add(f->db, "PAF-1001", "Ali Khan", "super-mushak", NOW, NULL, &err), &err);
    assert_int_equal(records_trainee_add(f->db, "PAF-1001", "Someone Else", "jf17", NOW, NULL, &err), SAQR_EINVAL);
    assert_non_null(strstr(err.msg, "PAF-1001 already exists"));
    assert_int_equal(count_rows(f->db, "trainees"), 1);
    records_trainee t;
    ok(records_trainee_find(f->db, "PAF-1001", &t, &err), &err);
    assert_string_equal(t.name, "Ali Khan");
    /* the database is still usable: the failed transaction was rolled back */
    ok(records_trainee_add(f->db, "PAF-1002", "Second", "super-mushak", NOW, NULL, &err), &err);
    assert_int_equal(count_rows(f->db, "trainees"), 2);

    ok(records_instructor_add(f->db, "IP-7", "Raza", NULL, &err), &err);
    assert_int_equal(records_instructor_add(f->db, "IP-7", "Other", NULL, &err), SAQR_EINVAL);
    assert_non_null(strstr(err.msg, "already exists"));
    ok(records_airframe_add(f->db, "MK-101", "super-mushak", NULL, &err), &err);
    assert_int_equal(records_airframe_add(f->db, "MK-101", "jf17", NULL, &err), SAQR_EINVAL);
    assert_non_null(strstr(err.msg, "already exists"));
    assert_int_equal(count_rows(f->db, "instructors"), 1);
    assert_int_equal(count_rows(f->db, "airframes"), 1);
}

static void bad_values_are_refused_with_a_message(void **state)
{
    fixture *f = open_fresh(state);
    saqr_err err = {""};
    assert_int_equal(records_trainee_add(f->db, "PAF-1", "A", "no-such-course", NOW, NULL, &err), SAQR_EINVAL);
    assert_non_null(strstr(err.msg, "no course \"no-such-course\""));
    assert_non_null(strstr(err.msg, "jf17, super-mushak"));
    assert_int_equal(records_trainee_add(f->db, "PAF-1", "", "jf17", NOW, NULL, &err), SAQR_EINVAL);
    assert_int_equal(records_trainee_add(f->db, "", "A", "jf17", NOW, NULL, &err), SAQR_EINVAL);
    assert_int_equal(records_trainee_add(f->db, "-x", "A", "jf17", NOW, NULL, &err), SAQR_EINVAL);
    assert_int_equal(records_trainee_add(f->db, "PAF-1", "A\nB", "jf17", NOW, NULL, &err), SAQR_EINVAL);
    assert_int_equal(records_trainee_add(f->db, "PAF-1", "A", "jf17", "yesterday", NULL, &err), SAQR_EINVAL);
    assert_int_equal(records_airframe_add(f->db, "MK 101", "jf17", NULL, &err), SAQR_EINVAL);
    /* what would look like another record in a list, or not read as text */
    assert_int_equal(records_trainee_add(f->db, "PAF-1 ", "A", "jf17", NOW, NULL, &err), SAQR_EINVAL);
    assert_non_null(strstr(err.msg, "spaces at either end"));
    assert_int_equal(records_trainee_add(f->db, "PAF-1", "   ", "jf17", NOW, NULL, &err), SAQR_EINVAL);
    assert_non_null(strstr(err.msg, "not blank"));
    assert_int_equal(records_trainee_add(f->db, "PAF-1", " A", "jf17", NOW, NULL, &err), SAQR_EINVAL);
    assert_int_equal(records_trainee_add(f->db, "PAF-1", "Bad\xff\xfeName", "jf17", NOW, NULL, &err), SAQR_EINVAL);
    assert_non_null(strstr(err.msg, "UTF-8"));
    assert_int_equal(records_trainee_add(f->db, "PAF-1", "\xc0\xafx", "jf17", NOW, NULL, &err), SAQR_EINVAL);
    assert_int_equal(records_trainee_add(f->db, "PAF-1", "\xed\xa0\x80x", "jf17", NOW, NULL, &err), SAQR_EINVAL);
    assert_int_equal(records_instructor_add(f->db, "IP-\xe9", "A", NULL, &err), SAQR_EINVAL);
    /* an aircraft type is a course of the syllabus */
    assert_int_equal(records_airframe_add(f->db, "C-1", "cessna", NULL, &err), SAQR_EINVAL);
    assert_non_null(strstr(err.msg, "no course \"cessna\""));
    assert_int_equal(count_rows(f->db, "trainees"), 0);
    assert_int_equal(count_rows(f->db, "instructors"), 0);
    assert_int_equal(count_rows(f->db, "airframes"), 0);
    assert_int_equal(count_rows(f->db, "aircraft_types"), 2); /* the schema's two, no "cessna" */
    /* names in other scripts are fine; numbers differing in case only are one */
    ok(records_trainee_add(f->db, "PAF-1", "\xd8\xb3\xd9\x86\xd8\xa7 \xc3\x9cn\xc3\xaf", "jf17", NOW, NULL, &err),
       &err);
    assert_int_equal(records_trainee_add(f->db, "paf-1", "Other", "jf17", NOW, NULL, &err), SAQR_EINVAL);
    assert_non_null(strstr(err.msg, "already exists"));
    ok(records_airframe_add(f->db, "JF-01", "jf17", NULL, &err), &err);
    assert_int_equal(records_airframe_add(f->db, "jf-01", "jf17", NULL, &err), SAQR_EINVAL);
    assert_int_equal(count_rows(f->db, "trainees"), 1);
    assert_int_equal(count_rows(f->db, "airframes"), 1);
}

static void an_unknown_trainee_instructor_or_tail_stores_nothing(void **state)
{
    fixture *f = open_fresh(state);
    saqr_err err = {""};
    records_trainee t;
    assert_int_equal(records_trainee_find(f->db, "NOPE", &t, &err), SAQR_ENOTFOUND);
    assert_non_null(strstr(err.msg, "no trainee with service number NOPE"));
    ok(records_trainee_add(f->db, "PAF-1", "A", "super-mushak", NOW, NULL, &err), &err);
    ok(records_airframe_add(f->db, "JF-01", "jf17", NULL, &err), &err);
    grade_sheet s;
    make_sheet(&s, "super-mushak/stalls", "super-mushak", SORTIE_PASS, 5);
    records_sortie_in in = {&s, "NOPE", NULL, NULL, NOW, 60.0, NULL, NULL};
    assert_int_equal(records_sortie_store(f->db, &in, NULL, &err), SAQR_ENOTFOUND);
    in.trainee = "PAF-1";
    in.instructor = "IP-404";
    assert_int_equal(records_sortie_store(f->db, &in, NULL, &err), SAQR_ENOTFOUND);
    assert_non_null(strstr(err.msg, "IP-404"));
    in.instructor = NULL;
    in.tail_number = "MK-999";
    assert_int_equal(records_sortie_store(f->db, &in, NULL, &err), SAQR_ENOTFOUND);
    in.tail_number = "JF-01"; /* a JF-17 for a Super Mushak lesson */
    assert_int_equal(records_sortie_store(f->db, &in, NULL, &err), SAQR_EINVAL);
    assert_non_null(strstr(err.msg, "JF-01 is a jf17"));
    in.tail_number = NULL;
    in.started_at = "2026-13-01T00:00:00Z";
    assert_int_equal(records_sortie_store(f->db, &in, NULL, &err), SAQR_EINVAL);
    in.started_at = NOW;
    in.duration_s = NAN;
    assert_int_equal(records_sortie_store(f->db, &in, NULL, &err), SAQR_EINVAL);
    in.duration_s = 60.0;
    in.recording = "relative.rec";
    assert_int_equal(records_sortie_store(f->db, &in, NULL, &err), SAQR_EINVAL);
    sheet_free(&s);
    assert_int_equal(count_rows(f->db, "sorties"), 0);
    assert_int_equal(count_rows(f->db, "sortie_elements"), 0);
    records_sortie *list;
    int n;
    assert_int_equal(records_sortie_list(f->db, "NOPE", &list, &n, &err), SAQR_ENOTFOUND);
}

/* Relative closeness for numbers that went through text. */
static void assert_same_number(double stored, double sheet)
{
    if (isnan(sheet))
        assert_true(isnan(stored));
    else if (isinf(sheet))
        assert_true(isinf(stored) && (stored > 0) == (sheet > 0));
    else
        assert_near(stored, sheet, 1e-12 * fmax(1.0, fabs(sheet)));
}

/* The records keep their own copy of a stored sortie's recording (schema
 * 3), byte for byte, for any station on them: the file may be gone, or on
 * another machine.  A file that cannot be read stores the sortie with its
 * path only; a damaged copy is an error that says so, never a crash. */
static void a_stored_sortie_keeps_its_recording_in_the_records(void **state)
{
    fixture *f = open_fresh(state);
    saqr_err err = {""};
    ok(records_trainee_add(f->db, "PAF-1", "Ali Khan", "super-mushak", NOW, NULL, &err), &err);
    /* 300 kB of bytes of every value, NULs among them, partly repetitive */
    size_t n = 300000;
    unsigned char *bytes = malloc(n);
    assert_non_null(bytes);
    uint32_t x = 12345;
    for (size_t i = 0; i < n; i++) {
        x = x * 1664525u + 1013904223u;
        bytes[i] = i % 3 == 0 ? (unsigned char)(x >> 24) : (unsigned char)(i / 1000);
    }
    char path[400];
    snprintf(path, sizeof path, "%s/kept.rec", f->dir);
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(bytes, 1, n, fp), n);
    fclose(fp);
    records_sortie_in in = {&f->flown->sheet, "PAF-1", NULL, NULL, NOW, f->flown->flown_s, path, NULL};
    long long id;
    ok(records_sortie_store(f->db, &in, &id, &err), &err);
    assert_int_equal(remove(path), 0); /* the station's disk lost it */
    unsigned char *back;
    size_t back_n;
    ok(records_sortie_recording(f->db, id, &back, &back_n, &err), &err);
    assert_true(back_n == n && memcmp(back, bytes, n) == 0);
    free(back);

    /* stored from a file that is not there: the path only */
    long long id2;
    ok(records_sortie_store(f->db, &in, &id2, &err), &err);
    assert_int_equal(records_sortie_recording(f->db, id2, &back, &back_n, &err), SAQR_ENOTFOUND);
    assert_non_null(strstr(err.msg, "keep no recording"));
    assert_null(back);

    /* a copy damaged in the database: refused with the sortie named */
    char sql[128];
    snprintf(sql, sizeof sql, "UPDATE sortie_recordings SET data = 'AAAA' WHERE sortie_id = %lld", id);
    ok(rdb_exec(f->db, sql, 0, NULL, NULL, &err), &err);
    assert_int_equal(records_sortie_recording(f->db, id, &back, &back_n, &err), SAQR_EPARSE);
    assert_non_null(strstr(err.msg, "is damaged"));
    snprintf(sql, sizeof sql, "UPDATE sortie_recordings SET data = '!!', size_bytes = -5 WHERE sortie_id = %lld", id);
    ok(rdb_exec(f->db, sql, 0, NULL, NULL, &err), &err);
    assert_int_equal(records_sortie_recording(f->db, id, &back, &back_n, &err), SAQR_EPARSE);
    assert_non_null(strstr(err.msg, "is not one"));
    free(bytes);
}

static void a_flown_sortie_reads_back_element_by_element(void **state)
{
    fixture *f = open_fresh(state);
    const grade_sheet *s = &f->flown->sheet;
    saqr_err err = {""};
    assert_true(s->nelements >= 4);
    ok(records_trainee_add(f->db, "PAF-1", "Ali Khan", "super-mushak", NOW, NULL, &err), &err);
    ok(records_instructor_add(f->db, "IP-7", "Raza", NULL, &err), &err);
    ok(records_airframe_add(f->db, "MK-101", "super-mushak", NULL, &err), &err);
    records_sortie_in in = {s, "PAF-1", "IP-7", "MK-101", NOW, f->flown->flown_s, "/var/saqr/st.rec", "Good turns"};
    long long id, found = -1;
    ok(records_sortie_with_recording(f->db, "/var/saqr/st.rec", &found, &err), &err);
    assert_true(found == 0); /* nothing stored from it yet */
    ok(records_sortie_store(f->db, &in, &id, &err), &err);
    ok(records_sortie_with_recording(f->db, "/var/saqr/st.rec", &found, &err), &err);
    assert_true(found == id); /* found by its recording's path, and only by it */
    ok(records_sortie_with_recording(f->db, "/var/saqr/st.rec2", &found, &err), &err);
    assert_true(found == 0);
    /* the same flight from another copy of its recording: the trainee, the
     * lesson, the start and the duration to a millisecond */
    ok(records_sortie_same_flight(f->db, "PAF-1", "super-mushak/steep-turns", NOW, f->flown->flown_s + 0.0004, &found,
                                  &err),
       &err);
    assert_true(found == id);
    ok(records_sortie_same_flight(f->db, "PAF-1", "super-mushak/steep-turns", NOW, f->flown->flown_s + 0.002, &found,
                                  &err),
       &err);
    assert_true(found == 0);
    ok(records_sortie_same_flight(f->db, "PAF-2", "super-mushak/steep-turns", NOW, f->flown->flown_s, &found, &err),
       &err);
    assert_true(found == 0);
    ok(records_sortie_same_flight(f->db, "PAF-1", "super-mushak/circuit", NOW, f->flown->flown_s, &found, &err), &err);
    assert_true(found == 0);
    ok(records_sortie_same_flight(f->db, "PAF-1", "super-mushak/steep-turns", "2026-01-01T00:00:00Z",
                                  f->flown->flown_s, &found, &err),
       &err);
    assert_true(found == 0);

    records_sortie r;
    ok(records_sortie_get(f->db, id, &r, &err), &err);
    assert_string_equal(r.trainee, "PAF-1");
    assert_string_equal(r.instructor, "IP-7");
    assert_string_equal(r.lesson_id, "super-mushak/steep-turns");
    assert_string_equal(r.aircraft_type, "super-mushak");
    assert_string_equal(r.tail_number, "MK-101");
    assert_string_equal(r.pilot, "reference");
    assert_string_equal(r.started_at, NOW);
    assert_same_number(r.duration_s, f->flown->flown_s);
    assert_string_equal(r.recording, "/var/saqr/st.rec");
    assert_int_equal(r.result, s->result);
    assert_string_equal(r.summary, s->summary);
    assert_string_equal(r.comment, "Good turns");
    assert_int_equal(r.element_count, s->nelements);

    records_element *e;
    int n;
    ok(records_sortie_elements(f->db, id, &e, &n, &err), &err);
    assert_int_equal(n, s->nelements);
    for (int i = 0; i < n; i++) {
        const sheet_element *x = &s->elements[i];
        assert_int_equal(e[i].seq, i);
        assert_string_equal(e[i].exercise, x->exercise);
        assert_string_equal(e[i].element, x->name);
        assert_string_equal(e[i].title, x->title);
        assert_int_equal(e[i].mark, x->mark);
        assert_same_number(e[i].ratio, x->ratio);
        assert_same_number(e[i].worst, x->worst);
        assert_same_number(e[i].worst_t_s, x->worst_t_s);
        assert_same_number(e[i].lo, x->lo);
        assert_same_number(e[i].hi, x->hi);
        assert_string_equal(e[i].unit, x->unit);
        assert_string_equal(e[i].source, x->source);
        char joined[RECORDS_DEDUCTIONS_MAX] = "";
        for (int k = 0; k < x->ndeductions; k++)
            snprintf(joined + strlen(joined), sizeof joined - strlen(joined), "%s%s", k ? "\n" : "",
                     x->deductions[k].text);
        assert_string_equal(e[i].deductions, joined);
    }
    free(e);
    /* the sheet's duration: the steep-turns lesson flies two 360-degree
     * turns at about 45 degrees of bank, 25-30 s each at 120 kt, plus
     * entries and roll-outs: more than a minute, well under its 600 s */
    assert_true(f->flown->flown_s > 60.0 && f->flown->flown_s < 600.0);
}

static void open_bands_and_missing_numbers_read_back_as_infinite_and_nan(void **state)
{
    fixture *f = open_fresh(state);
    saqr_err err = {""};
    grade_sheet s;
    make_sheet(&s, "super-mushak/stalls", "super-mushak", SORTIE_UNSAT, 2);
    s.elements[0].lo = -HUGE_VAL; /* a limit: "<= 50" */
    s.elements[0].hi = 50.0;
    s.elements[1].mark = MARK_NOT_OBSERVED;
    s.elements[1].ratio = NAN;
    s.elements[1].worst = NAN;
    s.elements[1].worst_t_s = NAN;
    s.elements[1].hi = HUGE_VAL;
    s.elements[1].ndeductions = 2;
    snprintf(s.elements[1].deductions[0].text, sizeof s.elements[1].deductions[0].text, "t=1.0 s: \"low\", 30 ft");
    snprintf(s.elements[1].deductions[1].text, sizeof s.elements[1].deductions[1].text, "t=2.0 s: again");
    records_sortie_in in = {&s, NULL, NULL, NULL, NOW, 0.05, NULL, NULL};
    long long id;
    ok(records_sortie_store(f->db, &in, &id, &err), &err);
    records_element *e;
    int n;
    ok(records_sortie_elements(f->db, id, &e, &n, &err), &err);
    assert_int_equal(n, 2);
    assert_true(isinf(e[0].lo) && e[0].lo < 0);
    assert_near(e[0].hi, 50.0, 0.0);
    assert_int_equal(e[1].mark, MARK_NOT_OBSERVED);
    assert_true(isnan(e[1].ratio) && isnan(e[1].worst) && isnan(e[1].worst_t_s));
    assert_true(isinf(e[1].hi) && e[1].hi > 0);
    assert_near(e[1].lo, 100.0, 0.0);
    assert_string_equal(e[1].deductions, "t=1.0 s: \"low\", 30 ft\nt=2.0 s: again");
    free(e);
    /* the stored NULLs are SQL NULLs, as the contract says */
    rdb_rows *r = NULL;
    ok(rdb_exec(f->db, "SELECT COUNT(*) FROM sortie_elements WHERE ratio IS NULL AND hi IS NULL", 0, NULL, &r, &err),
       &err);
    assert_string_equal(rdb_value(r, 0, 0), "1");
    rdb_rows_free(r);
    records_sortie so;
    ok(records_sortie_get(f->db, id, &so, &err), &err);
    assert_string_equal(so.trainee, "");
    assert_string_equal(so.recording, "");
    assert_int_equal(so.result, SORTIE_UNSAT);
    sheet_free(&s);
}

/* A trigger that fails the insert of element "el9": the tenth of the
 * sortie's twenty, after the sortie row and nine elements were written. */
static void add_failing_trigger(fixture *f)
{
    saqr_err err = {""};
    if (f->kind == RDB_SQLITE) {
        ok(rdb_exec(f->db,
                    "CREATE TRIGGER boom BEFORE INSERT ON sortie_elements WHEN NEW.element = 'el9' "
                    "BEGIN SELECT RAISE(ABORT, 'boom'); END",
                    0, NULL, NULL, &err), &err);
    } else {
        ok(rdb_exec(f->db,
                    "CREATE FUNCTION boom() RETURNS trigger LANGUAGE plpgsql AS "
                    "'BEGIN IF NEW.element = ''el9'' THEN RAISE EXCEPTION ''boom''; END IF; RETURN NEW; END'",
                    0, NULL, NULL, &err), &err);
        ok(rdb_exec(f->db,
                    "CREATE TRIGGER boom BEFORE INSERT ON sortie_elements FOR EACH ROW EXECUTE FUNCTION boom()", 0,
                    NULL, NULL, &err), &err);
    }
}

static void a_sortie_failing_part_way_leaves_nothing_written(void **state)
{
    fixture *f = open_fresh(state);
    saqr_err err = {""};
    ok(records_trainee_add(f->db, "PAF-1", "A", "super-mushak", NOW, NULL, &err), &err);
    add_failing_trigger(f);
    grade_sheet s;
    make_sheet(&s, "super-mushak/stalls", "super-mushak", SORTIE_PASS, 20);
    records_sortie_in in = {&s, "PAF-1", NULL, NULL, NOW, 60.0, NULL, NULL};
    long long id = -1;
    assert_int_not_equal(records_sortie_store(f->db, &in, &id, &err), SAQR_OK);
    assert_non_null(strstr(err.msg, "boom"));
    assert_int_equal(id, 0);
    assert_int_equal(count_rows(f->db, "sorties"), 0);
    assert_int_equal(count_rows(f->db, "sortie_elements"), 0);
    /* and the next sortie, which the trigger lets through, is stored whole */
    s.nelements = 9;
    ok(records_sortie_store(f->db, &in, &id, &err), &err);
    assert_int_equal(count_rows(f->db, "sorties"), 1);
    assert_int_equal(count_rows(f->db, "sortie_elements"), 9);
    sheet_free(&s);
}

static void progress_counts_a_pass_a_marginal_an_incomplete_and_a_repeat(void **state)
{
    fixture *f = open_fresh(state);
    saqr_err err = {""};
    ok(records_trainee_add(f->db, "PAF-1", "A", "super-mushak", NOW, NULL, &err), &err);
    ok(records_trainee_add(f->db, "PAF-2", "B", "super-mushak", NOW, NULL, &err), &err);
    store_synthetic(f->db, "PAF-1", "super-mushak/stalls", "super-mushak", SORTIE_PASS, 1200.0, "2026-11-01T08:00:00Z");
    store_synthetic(f->db, "PAF-1", "super-mushak/steep-turns", "super-mushak", SORTIE_MARGINAL, 600.0,
                    "2026-11-02T08:00:00Z");
    store_synthetic(f->db, "PAF-2", "super-mushak/steep-turns", "super-mushak", SORTIE_PASS, 600.0,
                    "2026-11-02T09:00:00Z"); /* another trainee's: not counted */
    records_progress p;
    ok(records_progress_get(f->db, "PAF-1", &p, &err), &err);
    /* by hand: stalls passed; steep-turns only Marginal; medium-turns not flown */
    assert_int_equal(p.nsyllabus, 3);
    assert_int_equal(p.nlessons, 3);
    assert_int_equal(p.passed, 1);
    assert_int_equal(p.outstanding, 2);
    assert_int_equal(p.repeated, 0);
    assert_int_equal(p.next_due, 1);
    assert_string_equal(p.lessons[1].lesson_id, "super-mushak/steep-turns");
    assert_int_equal(p.lessons[1].marginals, 1);
    assert_int_equal(p.lessons[1].last, SORTIE_MARGINAL);
    assert_int_equal(p.sorties, 2);
    records_progress_free(&p);

    /* an incomplete sortie is stored, counted as such, and passes nothing */
    store_synthetic(f->db, "PAF-1", "super-mushak/steep-turns", "super-mushak", SORTIE_INCOMPLETE, 300.0,
                    "2026-11-02T10:00:00Z");
    ok(records_progress_get(f->db, "PAF-1", &p, &err), &err);
    assert_int_equal(p.passed, 1);
    assert_int_equal(p.next_due, 1);
    assert_int_equal(p.lessons[1].flown, 2);
    assert_int_equal(p.lessons[1].incompletes, 1);
    assert_int_equal(p.lessons[1].unsats, 0);
    assert_int_equal(p.lessons[1].last, SORTIE_INCOMPLETE);
    records_progress_free(&p);

    /* the repeat passes it */
    store_synthetic(f->db, "PAF-1", "super-mushak/steep-turns", "super-mushak", SORTIE_PASS, 600.0,
                    "2026-11-03T08:00:00Z");
    ok(records_progress_get(f->db, "PAF-1", &p, &err), &err);
    assert_int_equal(p.passed, 2);
    assert_int_equal(p.outstanding, 1);
    assert_int_equal(p.repeated, 1);
    assert_int_equal(p.lessons[1].flown, 3);
    assert_int_equal(p.lessons[1].passes, 1);
    assert_int_equal(p.lessons[1].last, SORTIE_PASS);
    assert_int_equal(p.next_due, 2);
    assert_string_equal(p.lessons[2].lesson_id, "super-mushak/medium-turns");
    assert_int_equal(p.lessons[2].flown, 0);
    assert_near(p.hours, (1200.0 + 600.0 + 300.0 + 600.0) / 3600.0, 1e-12);
    records_progress_free(&p);
    assert_int_equal(records_progress_get(f->db, "NOPE", &p, &err), SAQR_ENOTFOUND);
    records_progress_free(&p);
}

static void a_demonstration_shows_a_lesson_but_never_passes_it(void **state)
{
    fixture *f = open_fresh(state);
    saqr_err err = {""};
    ok(records_trainee_add(f->db, "PAF-1", "A", "super-mushak", NOW, NULL, &err), &err);
    /* the automatic pilot flies stalls (Pass) and steep turns (a degraded
     * pilot's Unsat) with the trainee */
    store_flown(f->db, "PAF-1", "super-mushak/stalls", "super-mushak", SORTIE_PASS, 900.0, "2026-11-01T08:00:00Z",
                "reference");
    store_flown(f->db, "PAF-1", "super-mushak/steep-turns", "super-mushak", SORTIE_UNSAT, 600.0,
                "2026-11-01T09:00:00Z", "degraded:bank");
    records_progress p;
    ok(records_progress_get(f->db, "PAF-1", &p, &err), &err);
    assert_int_equal(p.passed, 0);
    assert_int_equal(p.outstanding, 3);
    assert_int_equal(p.next_due, 0);
    assert_string_equal(p.lessons[0].lesson_id, "super-mushak/stalls");
    assert_int_equal(p.lessons[0].flown, 0);
    assert_int_equal(p.lessons[0].demos, 1);
    assert_int_equal(p.lessons[1].demos, 1);
    assert_int_equal(p.demonstrations, 2);
    assert_int_equal(p.sorties, 2);
    assert_int_equal(p.repeated, 0);
    assert_near(p.hours, 1500.0 / 3600.0, 1e-12);
    records_progress_free(&p);
    /* then the trainee flies stalls by hand and passes */
    store_flown(f->db, "PAF-1", "super-mushak/stalls", "super-mushak", SORTIE_PASS, 1200.0, "2026-11-02T08:00:00Z",
                "trainee");
    ok(records_progress_get(f->db, "PAF-1", &p, &err), &err);
    assert_int_equal(p.passed, 1);
    assert_int_equal(p.next_due, 1);
    assert_int_equal(p.lessons[0].flown, 1);
    assert_int_equal(p.lessons[0].passes, 1);
    assert_int_equal(p.lessons[0].demos, 1);
    assert_int_equal(p.lessons[0].last, SORTIE_PASS);
    assert_int_equal(p.repeated, 0);
    assert_int_equal(p.sorties, 3);
    assert_int_equal(p.demonstrations, 2);
    records_progress_free(&p);
}

static void the_board_gives_every_trainees_progress_by_service_number(void **state)
{
    fixture *f = open_fresh(state);
    saqr_err err = {""};
    records_progress *p;
    int n = -1;
    ok(records_progress_all(f->db, &p, &n, &err), &err);
    assert_int_equal(n, 0);
    records_progress_free_all(p, n);
    ok(records_trainee_add(f->db, "PAF-9", "Z", "super-mushak", NOW, NULL, &err), &err);
    ok(records_trainee_add(f->db, "PAF-1", "A", "super-mushak", NOW, NULL, &err), &err);
    store_synthetic(f->db, "PAF-9", "super-mushak/stalls", "super-mushak", SORTIE_PASS, 1800.0, NOW);
    store_flown(f->db, "PAF-9", "super-mushak/steep-turns", "super-mushak", SORTIE_PASS, 600.0, NOW, "reference");
    ok(records_progress_all(f->db, &p, &n, &err), &err);
    assert_int_equal(n, 2);
    assert_string_equal(p[0].trainee.service_number, "PAF-1");
    assert_int_equal(p[0].sorties, 0);
    assert_int_equal(p[0].next_due, 0);
    assert_string_equal(p[1].trainee.service_number, "PAF-9");
    assert_int_equal(p[1].passed, 1);
    assert_int_equal(p[1].demonstrations, 1);
    assert_string_equal(p[1].lessons[p[1].next_due].lesson_id, "super-mushak/steep-turns");
    assert_near(p[1].hours, 2400.0 / 3600.0, 1e-12);
    records_progress_free_all(p, n);
}

static void the_instructors_comment_is_set_changed_and_cleared(void **state)
{
    fixture *f = open_fresh(state);
    saqr_err err = {""};
    ok(records_trainee_add(f->db, "PAF-1", "A", "super-mushak", NOW, NULL, &err), &err);
    long long id = store_synthetic(f->db, "PAF-1", "super-mushak/stalls", "super-mushak", SORTIE_PASS, 900.0, NOW);
    records_sortie s;
    ok(records_sortie_get(f->db, id, &s, &err), &err);
    assert_string_equal(s.comment, "");
    const char *said = "Good recovery; work on the rudder.\nBrief the incipient spin next time \xE2\x80\x94 Sqn Ldr R.";
    ok(records_sortie_set_comment(f->db, id, said, &err), &err);
    ok(records_sortie_get(f->db, id, &s, &err), &err);
    assert_string_equal(s.comment, said);
    assert_int_equal(s.result, SORTIE_PASS); /* nothing else changes */
    assert_string_equal(s.summary, "Pass, as set by the test");
    /* refused, the comment kept: too long, a control character, bad UTF-8 */
    char longer[300];
    memset(longer, 'x', sizeof longer - 1);
    longer[sizeof longer - 1] = '\0';
    const char *bad[] = {longer, "tab\there", "\xC3\x28"};
    for (int i = 0; i < 3; i++) {
        assert_int_equal(records_sortie_set_comment(f->db, id, bad[i], &err), SAQR_EINVAL);
        assert_non_null(strstr(err.msg, "comment"));
    }
    ok(records_sortie_get(f->db, id, &s, &err), &err);
    assert_string_equal(s.comment, said);
    assert_int_equal(records_sortie_set_comment(f->db, id + 100, "x", &err), SAQR_ENOTFOUND);
    /* "" clears it */
    ok(records_sortie_set_comment(f->db, id, "", &err), &err);
    ok(records_sortie_get(f->db, id, &s, &err), &err);
    assert_string_equal(s.comment, "");
}

/* The number of times `needle` occurs in `hay`. */
static int occurrences(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

/* Trainee `number`'s training record, made 2026-11-06 10:00 UTC, in
 * memory (the caller frees it). */
static char *record_page(rdb *db, const char *number)
{
    char *page = NULL;
    size_t len = 0;
    saqr_err err = {""};
    FILE *m = open_memstream(&page, &len);
    assert_non_null(m);
    ok(records_training_record_html(db, number, "2026-11-06T10:00:00Z", m, &err), &err);
    assert_int_equal(fclose(m), 0);
    return page;
}

/* The training record of a trainee with a demonstration, an Unsat, then a
 * Pass of stalls by hand (the date first passed is the Pass's, not the
 * demonstration's), an instructor with markup in the name and a comment
 * with markup and a new line. */
static void the_training_record_shows_the_syllabus_the_sorties_and_escapes_the_texts(void **state)
{
    fixture *f = open_fresh(state);
    saqr_err err = {""};
    ok(records_trainee_add(f->db, "PAF-1", "Ali <Khan>", "super-mushak", "2026-10-01T07:00:00Z", NULL, &err), &err);
    ok(records_instructor_add(f->db, "IP-7", "Sqn Ldr R&D", NULL, &err), &err);
    store_flown(f->db, "PAF-1", "super-mushak/stalls", "super-mushak", SORTIE_PASS, 900.0, "2026-11-01T08:00:00Z",
                "reference");
    store_synthetic(f->db, "PAF-1", "super-mushak/stalls", "super-mushak", SORTIE_UNSAT, 1200.0,
                    "2026-11-02T08:00:00Z");
    grade_sheet sh;
    make_sheet(&sh, "super-mushak/stalls", "super-mushak", SORTIE_PASS, 2);
    snprintf(sh.pilot, sizeof sh.pilot, "trainee");
    records_sortie_in in = {&sh, "PAF-1", "IP-7", NULL, "2026-11-05T09:30:00Z", 1500.0, NULL, NULL};
    long long id = 0;
    ok(records_sortie_store(f->db, &in, &id, &err), &err);
    sheet_free(&sh);
    ok(records_sortie_set_comment(f->db, id, "Good <recovery>\nnext: spins", &err), &err);
    /* steep turns flown by hand and failed: its second element Unsat, its
     * third not observed - what to work on next */
    make_sheet(&sh, "super-mushak/steep-turns", "super-mushak", SORTIE_UNSAT, 3);
    snprintf(sh.pilot, sizeof sh.pilot, "trainee");
    sh.elements[1].mark = MARK_UNSAT;
    sh.elements[2].mark = MARK_NOT_OBSERVED;
    snprintf(sh.elements[2].title, sizeof sh.elements[2].title, "Roll-out <heading>");
    records_sortie_in in2 = {&sh, "PAF-1", NULL, NULL, "2026-11-05T11:00:00Z", 600.0, NULL, NULL};
    ok(records_sortie_store(f->db, &in2, NULL, &err), &err);
    sheet_free(&sh);

    char *page = record_page(f->db, "PAF-1");
    /* the syllabus of the test's three super-mushak lessons, in its order */
    assert_int_equal(occurrences(page, "<tr data-lesson=\"super-mushak/"), 3);
    const char *stalls = strstr(page, "data-lesson=\"super-mushak/stalls\"");
    const char *steep = strstr(page, "data-lesson=\"super-mushak/steep-turns\"");
    assert_true(stalls && steep && stalls < steep);
    assert_non_null(strstr(stalls, "class=\"passed\">passed</td><td class=\"num\">2</td><td class=\"num\">1</td>"
                                   "<td class=\"num\">0</td><td class=\"num\">1</td><td class=\"num\">0</td>"
                                   "<td class=\"num\">1</td><td>2026-11-05</td>"));
    assert_non_null(strstr(steep, "class=\"due\">due next<div class=\"work-on\">to work on: Element 1; "
                                  "Roll-out &lt;heading&gt; (not flown)</div>"));
    assert_int_equal(occurrences(page, "work-on"), 1); /* not for the passed stalls */
    assert_non_null(strstr(page, "Lessons passed: <b>1 of 3</b>; outstanding: 2"));
    assert_non_null(strstr(page, "1.17 h in 4 sorties, of which 1 demonstration")); /* 4200 s in all */
    /* four sorties, oldest first, the demonstration marked */
    assert_int_equal(occurrences(page, "<tr data-sortie="), 4);
    assert_non_null(strstr(page, "class=\"demo\"><td class=\"num\">1</td><td>2026-11-01 08:00</td>"));
    assert_non_null(strstr(page, "demonstration (reference)"));
    /* every text escaped, the comment's new line kept */
    assert_non_null(strstr(page, "Ali &lt;Khan&gt;, service number PAF-1"));
    assert_non_null(strstr(page, "Sqn Ldr R&amp;D (IP-7)"));
    assert_non_null(strstr(page, "Instructor: Good &lt;recovery&gt;\nnext: spins"));
    assert_null(strstr(page, "<recovery>"));
    assert_non_null(strstr(page, "2026-11-06T10:00:00Z from the training records"));
    free(page);

    size_t len = 0;
    FILE *m = open_memstream(&page, &len);
    assert_int_equal(records_training_record_html(f->db, "PAF-404", "2026-11-06T10:00:00Z", m, &err),
                     SAQR_ENOTFOUND);
    assert_int_equal(records_training_record_html(f->db, "PAF-1", "yesterday", m, &err), SAQR_EINVAL);
    assert_non_null(strstr(err.msg, "yesterday"));
    fclose(m);
    assert_int_equal(len, 0); /* nothing written for a refused record */
    free(page);
}

/* A sortie the trainee flew whose three elements have the marks and
 * ratios given (NOT_OBSERVED: no ratio). */
static void store_marked(rdb *db, const char *lesson_id, const char *started, const grade_mark marks[3],
                         const double ratios[3])
{
    grade_sheet s;
    make_sheet(&s, lesson_id, "super-mushak", SORTIE_PASS, 3);
    snprintf(s.pilot, sizeof s.pilot, "trainee");
    int unsat = 0, unobserved = 0;
    for (int i = 0; i < 3; i++) {
        s.elements[i].mark = marks[i];
        s.elements[i].ratio = ratios[i];
        unsat += marks[i] == MARK_UNSAT;
        unobserved += marks[i] == MARK_NOT_OBSERVED;
    }
    s.result = unsat ? SORTIE_UNSAT : unobserved ? SORTIE_INCOMPLETE : SORTIE_PASS;
    records_sortie_in in = {&s, "PAF-1", NULL, NULL, started, 600.0, NULL, NULL};
    long long id = 0;
    saqr_err err = {""};
    int st = records_sortie_store(db, &in, &id, &err);
    sheet_free(&s);
    ok(st, &err);
}

/* The training record's element trend: stalls flown by hand three times
 * (the first element Unsatisfactory, then Fair, then Good; the third not
 * observed the first time), a demonstration and a lesson flown once left
 * out of it. */
static void the_training_record_gives_each_elements_trend_over_the_sorties(void **state)
{
    fixture *f = open_fresh(state);
    saqr_err err = {""};
    ok(records_trainee_add(f->db, "PAF-1", "A", "super-mushak", NOW, NULL, &err), &err);
    const grade_mark m1[3] = {MARK_UNSAT, MARK_EXCELLENT, MARK_NOT_OBSERVED},
                     m2[3] = {MARK_FAIR, MARK_EXCELLENT, MARK_GOOD}, m3[3] = {MARK_GOOD, MARK_EXCELLENT, MARK_EXCELLENT};
    const double r1[3] = {1.3, 0.2, NAN}, r2[3] = {0.9, 0.25, 0.7}, r3[3] = {0.6, 0.1, 0.45};
    store_marked(f->db, "super-mushak/stalls", "2026-11-01T08:00:00Z", m1, r1);
    store_flown(f->db, "PAF-1", "super-mushak/stalls", "super-mushak", SORTIE_PASS, 600.0, "2026-11-01T09:00:00Z",
                "reference");
    store_marked(f->db, "super-mushak/stalls", "2026-11-02T08:00:00Z", m2, r2);
    store_marked(f->db, "super-mushak/stalls", "2026-11-03T08:00:00Z", m3, r3);
    store_synthetic(f->db, "PAF-1", "super-mushak/steep-turns", "super-mushak", SORTIE_PASS, 600.0, NOW);

    char *page = record_page(f->db, "PAF-1");
    assert_non_null(strstr(page, "<h2>Element trend</h2>"));
    assert_int_equal(occurrences(page, "<table class=\"trend keep\""), 1); /* steep turns flown once */
    const char *trend = strstr(page, "<table class=\"trend keep\" data-lesson=\"super-mushak/stalls\">");
    assert_non_null(trend);
    /* three columns, oldest first, each with its day and result; no demonstration */
    assert_non_null(strstr(trend, ">11-01<br>Unsat</th><th class=\"num\" data-sortie=\"3\">11-02<br>Pass</th>"
                                  "<th class=\"num\" data-sortie=\"4\">11-03<br>Pass</th></tr>"));
    assert_non_null(strstr(trend, "<tr data-element=\"ex0/el0\"><td>Element 0</td>"
                                  "<td class=\"num t-u\" data-ratio=\"1.30\" title=\"worst 1.30 of the tolerance\">U 1.30</td>"
                                  "<td class=\"num t-f\" data-ratio=\"0.90\" title=\"worst 0.90 of the tolerance\">F 0.90</td>"
                                  "<td class=\"num t-g\" data-ratio=\"0.60\" title=\"worst 0.60 of the tolerance\">G 0.60</td></tr>"));
    assert_non_null(strstr(trend, "<tr data-element=\"ex0/el2\"><td>Element 2</td><td class=\"num t-n\">\xE2\x80\x93</td>"));
    /* the trend comes after the syllabus and before the sortie log */
    const char *syl = strstr(page, "<h2>Syllabus</h2>"), *log = strstr(page, "<h2>Sorties</h2>");
    assert_true(syl && log && syl < trend && trend < log);
    free(page);
}

/* The instructor's grade: an Incomplete sortie (ended early, nothing
 * flown below the standard) the instructor grades Unsat for what the
 * grading cannot see, with the reason and who; the automatic grade kept
 * beside it through a second change, and taken off by grading it as the
 * grading did.  Progress, the training record and the CSV follow. */
static void an_instructor_grades_a_sortie_with_a_reason(void **state)
{
    fixture *f = open_fresh(state);
    saqr_err err = {""};
    ok(records_trainee_add(f->db, "PAF-1", "A", "super-mushak", NOW, NULL, &err), &err);
    ok(records_instructor_add(f->db, "IP-7", "Sqn Ldr Raza", NULL, &err), &err);
    long long id = store_synthetic(f->db, "PAF-1", "super-mushak/stalls", "super-mushak", SORTIE_INCOMPLETE, 600.0,
                                   "2026-11-01T08:00:00Z");
    long long demo = store_flown(f->db, "PAF-1", "super-mushak/stalls", "super-mushak", SORTIE_PASS, 600.0,
                                 "2026-11-01T09:00:00Z", "reference");
    const char *why = "ended for an unsafe <low> turn\nbelow 500 ft";
    ok(records_sortie_regrade(f->db, id, SORTIE_UNSAT, why, "IP-7", &err), &err);
    records_sortie s;
    ok(records_sortie_get(f->db, id, &s, &err), &err);
    assert_int_equal(s.result, SORTIE_UNSAT);
    assert_true(s.regraded);
    assert_int_equal(s.auto_result, SORTIE_INCOMPLETE);
    assert_string_equal(s.regrade_reason, why);
    assert_string_equal(s.regraded_by, "IP-7");
    assert_string_equal(s.summary, "Incomplete, as set by the test"); /* the grading's words stay */
    records_progress p;
    ok(records_progress_get(f->db, "PAF-1", &p, &err), &err);
    assert_int_equal(p.lessons[0].unsats, 1);
    assert_int_equal(p.lessons[0].incompletes, 0);
    /* what to work on begins with the instructor's reason */
    char(*work_on)[RECORDS_WORK_ON_MAX] = NULL;
    ok(records_progress_work_on(f->db, &p, &work_on, &err), &err);
    assert_string_equal(work_on[0], "ended for an unsafe <low> turn below 500 ft"); /* elements all to standard */
    free(work_on);
    records_progress_free(&p);

    char *page = record_page(f->db, "PAF-1");
    assert_non_null(strstr(page, "<td>Unsat<div class=\"regraded\">the instructor's grade (graded Incomplete)</div>"));
    assert_non_null(strstr(page, "Instructor's grade, Unsat by Sqn Ldr Raza (IP-7): ended for an unsafe &lt;low&gt; "
                                 "turn\nbelow 500 ft"));
    free(page);

    /* a second change keeps the grading's own result */
    ok(records_sortie_regrade(f->db, id, SORTIE_MARGINAL, "on reflection", NULL, &err), &err);
    ok(records_sortie_get(f->db, id, &s, &err), &err);
    assert_int_equal(s.result, SORTIE_MARGINAL);
    assert_int_equal(s.auto_result, SORTIE_INCOMPLETE);
    assert_string_equal(s.regraded_by, "");
    /* graded as the grading did: the instructor's grade is off */
    ok(records_sortie_regrade(f->db, id, SORTIE_INCOMPLETE, "as flown", "IP-7", &err), &err);
    ok(records_sortie_get(f->db, id, &s, &err), &err);
    assert_int_equal(s.result, SORTIE_INCOMPLETE);
    assert_false(s.regraded);
    assert_string_equal(s.regrade_reason, "");

    /* refused, and nothing changes: no reason, a control character, a
     * result that is none, an instructor not in the records, a
     * demonstration, no such sortie */
    assert_int_equal(records_sortie_regrade(f->db, id, SORTIE_UNSAT, "", "IP-7", &err), SAQR_EINVAL);
    assert_non_null(strstr(err.msg, "needs a reason"));
    assert_int_equal(records_sortie_regrade(f->db, id, SORTIE_UNSAT, "bell\a", "IP-7", &err), SAQR_EINVAL);
    assert_int_equal(records_sortie_regrade(f->db, id, (sortie_result)7, "x", "IP-7", &err), SAQR_EINVAL);
    assert_int_equal(records_sortie_regrade(f->db, id, SORTIE_UNSAT, "x", "IP-404", &err), SAQR_EINVAL);
    assert_non_null(strstr(err.msg, "IP-404"));
    assert_int_equal(records_sortie_regrade(f->db, demo, SORTIE_UNSAT, "x", "IP-7", &err), SAQR_EINVAL);
    assert_non_null(strstr(err.msg, "demonstration"));
    assert_int_equal(records_sortie_regrade(f->db, 987654, SORTIE_UNSAT, "x", "IP-7", &err), SAQR_ENOTFOUND);
    ok(records_sortie_get(f->db, id, &s, &err), &err);
    assert_int_equal(s.result, SORTIE_INCOMPLETE);
    assert_false(s.regraded);
}

/* The course report: two super-mushak trainees; stalls flown by hand four
 * times with one Pass (hard: at most half passed), steep turns once and
 * passed; no jf17 trainee, so no jf17 section. */
static void the_course_report_sums_the_syllabus_over_the_trainees_and_marks_hard_lessons(void **state)
{
    fixture *f = open_fresh(state);
    saqr_err err = {""};
    ok(records_trainee_add(f->db, "PAF-1", "A <1>", "super-mushak", NOW, NULL, &err), &err);
    ok(records_trainee_add(f->db, "PAF-2", "B", "super-mushak", NOW, NULL, &err), &err);
    store_synthetic(f->db, "PAF-1", "super-mushak/stalls", "super-mushak", SORTIE_UNSAT, 600.0, NOW);
    store_synthetic(f->db, "PAF-1", "super-mushak/stalls", "super-mushak", SORTIE_PASS, 600.0, NOW);
    store_synthetic(f->db, "PAF-2", "super-mushak/stalls", "super-mushak", SORTIE_UNSAT, 600.0, NOW);
    store_synthetic(f->db, "PAF-2", "super-mushak/stalls", "super-mushak", SORTIE_MARGINAL, 600.0, NOW);
    store_synthetic(f->db, "PAF-2", "super-mushak/steep-turns", "super-mushak", SORTIE_PASS, 600.0, NOW);
    store_flown(f->db, "PAF-2", "super-mushak/steep-turns", "super-mushak", SORTIE_PASS, 1800.0, NOW, "reference");
    store_synthetic(f->db, "PAF-1", "super-mushak/steep-turns", "super-mushak", SORTIE_INCOMPLETE, 600.0, NOW);

    char *page = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&page, &len);
    assert_non_null(m);
    ok(records_course_report_html(f->db, "2026-11-06T10:00:00Z", m, &err), &err);
    assert_int_equal(fclose(m), 0);
    assert_non_null(strstr(page, "data-course=\"super-mushak\""));
    assert_null(strstr(page, "data-course=\"jf17\""));
    assert_non_null(strstr(page, "2 trainees, 1.50 h in the simulator")); /* 5400 s */
    assert_non_null(strstr(page, "A &lt;1&gt; (PAF-1)</td><td class=\"num\">1 of 3</td>"));
    assert_non_null(strstr(page, "B (PAF-2)</td><td class=\"num\">1 of 3</td><td class=\"num\">1</td>"));
    /* stalls: 1 of 2 passed, 1 not yet, 4 by hand: 1 P, 1 M, 2 U, 0 I, 25% */
    const char *stalls = strstr(page, "<tr data-lesson=\"super-mushak/stalls\" class=\"hard\">");
    assert_non_null(stalls);
    assert_non_null(strstr(stalls, "<b>(hard)</b></td><td class=\"num\">1 of 2</td><td class=\"num\">1</td>"
                                   "<td class=\"num\">4</td><td class=\"num\">1</td><td class=\"num\">1</td>"
                                   "<td class=\"num\">2</td><td class=\"num\">0</td><td class=\"num\">25%</td>"
                                   "<td class=\"num\">0</td>"));
    const char *steep = strstr(page, "<tr data-lesson=\"super-mushak/steep-turns\">");
    assert_non_null(steep);
    /* steep turns: PAF-2's pass and PAF-1's incomplete sortie, which
     * graded nobody's flying and leaves the share passed at 100% */
    assert_non_null(strstr(steep, "</td><td class=\"num\">1 of 2</td><td class=\"num\">1</td><td class=\"num\">2"
                                  "</td><td class=\"num\">1</td><td class=\"num\">0</td><td class=\"num\">0</td>"
                                  "<td class=\"num\">1</td><td class=\"num\">100%</td><td class=\"num\">1</td>"));
    assert_int_equal(occurrences(page, "class=\"hard\""), 1);
    free(page);
    /* the rule: at most half passed, over three or more sorties */
    assert_true(records_lesson_is_hard(1, 4) && records_lesson_is_hard(2, 4) && records_lesson_is_hard(0, 3));
    assert_false(records_lesson_is_hard(3, 4) || records_lesson_is_hard(0, 2) || records_lesson_is_hard(0, 0));
    m = open_memstream(&page, &len);
    assert_int_equal(records_course_report_html(f->db, "now", m, &err), SAQR_EINVAL);
    fclose(m);
    assert_int_equal(len, 0);
    free(page);
}

static void the_next_lesson_due_follows_the_syllabus_order(void **state)
{
    fixture *f = open_fresh(state);
    saqr_err err = {""};
    ok(records_trainee_add(f->db, "PAF-1", "A", "super-mushak", NOW, NULL, &err), &err);
    records_lesson *syl;
    int n;
    ok(records_syllabus(f->db, "super-mushak", &syl, &n, &err), &err);
    /* the test's syllabus.txt, not the alphabet */
    assert_int_equal(n, 3);
    assert_string_equal(syl[0].lesson_id, "super-mushak/stalls");
    assert_string_equal(syl[1].lesson_id, "super-mushak/steep-turns");
    assert_string_equal(syl[2].lesson_id, "super-mushak/medium-turns");
    assert_int_equal(syl[2].seq, 3);
    assert_string_equal(syl[0].title, "Power-off and power-on stalls");
    free(syl);
    records_progress p;
    ok(records_progress_get(f->db, "PAF-1", &p, &err), &err);
    assert_string_equal(p.lessons[p.next_due].lesson_id, "super-mushak/stalls");
    records_progress_free(&p);
    /* passing the last lesson first leaves the earlier ones due, in order */
    store_synthetic(f->db, "PAF-1", "super-mushak/medium-turns", "super-mushak", SORTIE_PASS, 60.0, NOW);
    store_synthetic(f->db, "PAF-1", "super-mushak/stalls", "super-mushak", SORTIE_PASS, 60.0, NOW);
    ok(records_progress_get(f->db, "PAF-1", &p, &err), &err);
    assert_string_equal(p.lessons[p.next_due].lesson_id, "super-mushak/steep-turns");
    records_progress_free(&p);
    store_synthetic(f->db, "PAF-1", "super-mushak/steep-turns", "super-mushak", SORTIE_PASS, 60.0, NOW);
    ok(records_progress_get(f->db, "PAF-1", &p, &err), &err);
    assert_int_equal(p.next_due, -1);
    assert_int_equal(p.outstanding, 0);
    assert_int_equal(p.passed, 3);
    records_progress_free(&p);
}

static void hours_per_aircraft_type_sum_the_durations(void **state)
{
    fixture *f = open_fresh(state);
    saqr_err err = {""};
    ok(records_trainee_add(f->db, "PAF-1", "A", "super-mushak", NOW, NULL, &err), &err);
    store_synthetic(f->db, "PAF-1", "super-mushak/stalls", "super-mushak", SORTIE_UNSAT, 1800.0, NOW);
    store_synthetic(f->db, "PAF-1", "super-mushak/stalls", "super-mushak", SORTIE_PASS, 900.0, NOW);
    store_synthetic(f->db, "PAF-1", "jf17/landing", "jf17", SORTIE_PASS, 3600.0, NOW);
    records_progress p;
    ok(records_progress_get(f->db, "PAF-1", &p, &err), &err);
    assert_int_equal(p.ntypes, 2);
    assert_string_equal(p.types[0].aircraft_type, "jf17");
    assert_near(p.types[0].hours, 1.0, 1e-12);
    assert_int_equal(p.types[0].sorties, 1);
    assert_string_equal(p.types[1].aircraft_type, "super-mushak");
    assert_near(p.types[1].hours, 0.75, 1e-12);
    assert_int_equal(p.types[1].sorties, 2);
    assert_near(p.hours, 1.75, 1e-12);
    /* a lesson outside the trainee's course counts in the hours, never as passed */
    assert_int_equal(p.nlessons, 4);
    assert_string_equal(p.lessons[3].lesson_id, "jf17/landing");
    assert_int_equal(p.lessons[3].seq, 0);
    assert_int_equal(p.passed, 1);
    assert_int_equal(p.repeated, 1);
    records_progress_free(&p);
}

static void the_syllabus_sync_writes_only_what_changed(void **state)
{
    fixture *f = open_fresh(state);
    saqr_err err = {""};
    int changed = -1;
    ok(records_syllabus_sync(f->db, f->lessons, &changed, &err), &err);
    assert_int_equal(changed, 0);
    /* swap two lessons in the order: two rows rewritten */
    char path[1024];
    snprintf(path, sizeof path, "%s/super-mushak/syllabus.txt", f->lessons);
    write_text(path, "steep-turns\nstalls\nmedium-turns\n");
    ok(records_syllabus_sync(f->db, f->lessons, &changed, &err), &err);
    assert_int_equal(changed, 2);
    /* a lesson file removed: its row goes; without syllabus.txt the order
     * is alphabetical */
    snprintf(path, sizeof path, "%s/super-mushak/stalls.xml", f->lessons);
    assert_int_equal(unlink(path), 0);
    snprintf(path, sizeof path, "%s/super-mushak/syllabus.txt", f->lessons);
    assert_int_equal(unlink(path), 0);
    ok(records_syllabus_sync(f->db, f->lessons, &changed, &err), &err);
    records_lesson *syl;
    int n;
    ok(records_syllabus(f->db, "super-mushak", &syl, &n, &err), &err);
    assert_int_equal(n, 2);
    assert_string_equal(syl[0].lesson_id, "super-mushak/medium-turns");
    assert_string_equal(syl[1].lesson_id, "super-mushak/steep-turns");
    free(syl);
    assert_int_equal(count_rows(f->db, "lessons"), 3);
}

static void a_bad_syllabus_names_its_file_and_line_and_changes_nothing(void **state)
{
    fixture *f = open_fresh(state);
    saqr_err err = {""};
    char path[1024];
    snprintf(path, sizeof path, "%s/super-mushak/syllabus.txt", f->lessons);
    write_text(path, "stalls\n# comment\nloop\n");
    assert_int_equal(records_syllabus_sync(f->db, f->lessons, NULL, &err), SAQR_EPARSE);
    assert_non_null(strstr(err.msg, "syllabus.txt:3: no lesson file loop.xml"));
    write_text(path, "stalls\nsteep-turns\nstalls\n");
    assert_int_equal(records_syllabus_sync(f->db, f->lessons, NULL, &err), SAQR_EPARSE);
    assert_non_null(strstr(err.msg, "syllabus.txt:3: stalls is listed twice"));
    /* a broken lesson file is named with its line */
    write_text(path, "stalls\n");
    snprintf(path, sizeof path, "%s/super-mushak/stalls.xml", f->lessons);
    write_text(path, "<lesson id=\"super-mushak/stalls\"\n");
    assert_int_equal(records_syllabus_sync(f->db, f->lessons, NULL, &err), SAQR_EPARSE);
    assert_non_null(strstr(err.msg, "stalls.xml:"));
    records_lesson *syl;
    int n;
    ok(records_syllabus(f->db, "super-mushak", &syl, &n, &err), &err);
    assert_int_equal(n, 3);
    assert_string_equal(syl[0].lesson_id, "super-mushak/stalls");
    free(syl);
    snprintf(path, sizeof path, "%s/nowhere", f->dir);
    assert_int_equal(records_syllabus_sync(f->db, path, NULL, &err), SAQR_EIO);
    assert_non_null(strstr(err.msg, "nowhere"));
}

static void the_csv_export_writes_one_file_per_table_with_its_rows(void **state)
{
    fixture *f = open_fresh(state);
    saqr_err err = {""};
    ok(records_trainee_add(f->db, "PAF-1", "Khan, \"Ace\"", "super-mushak", NOW, NULL, &err), &err);
    ok(records_trainee_add(f->db, "PAF-2", "B", "jf17", NOW, NULL, &err), &err);
    ok(records_instructor_add(f->db, "IP-7", "Raza", NULL, &err), &err);
    ok(records_airframe_add(f->db, "MK-101", "super-mushak", NULL, &err), &err);
    grade_sheet s;
    make_sheet(&s, "super-mushak/stalls", "super-mushak", SORTIE_PASS, 5);
    s.elements[2].ndeductions = 1; /* a line break inside a quoted field */
    snprintf(s.elements[2].deductions[0].text, sizeof s.elements[2].deductions[0].text, "two\nlines");
    records_sortie_in in = {&s, "PAF-1", "IP-7", "MK-101", NOW, 100.0, NULL, NULL};
    ok(records_sortie_store(f->db, &in, NULL, &err), &err);
    ok(records_sortie_store(f->db, &in, NULL, &err), &err);
    sheet_free(&s);
    char dir[256];
    snprintf(dir, sizeof dir, "%s/csv", f->dir);
    int rows[RECORDS_NTABLES];
    ok(records_export_csv(f->db, dir, rows, &err), &err);
    /* by hand: 2 trainees, 1 instructor, 2 types (the two courses),
     * 1 airframe, 4 lessons, 2 sorties, 10 elements */
    const int want[RECORDS_NTABLES] = {2, 1, 2, 1, 4, 2, 10};
    const char *first_column[RECORDS_NTABLES] = {"id,service_number,", "id,service_number,name", "id,name",
                                                 "id,type_id,tail_number", "id,lesson_id,", "id,trainee_id,",
                                                 "id,sortie_id,seq,"};
    for (int i = 0; i < RECORDS_NTABLES; i++) {
        char path[512], header[512];
        snprintf(path, sizeof path, "%s/%s.csv", dir, records_table_name(i));
        assert_int_equal(rows[i], want[i]);
        int records = csv_records(path, header, sizeof header);
        if (records != want[i] + 1)
            fail_msg("%s: %d records, want %d and a header", path, records, want[i]);
        assert_non_null(strstr(header, first_column[i]));
    }
    assert_null(records_table_name(RECORDS_NTABLES));
    /* the quoted name, doubled quotes and all */
    char path[512];
    snprintf(path, sizeof path, "%s/trainees.csv", dir);
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    char line[512];
    assert_non_null(fgets(line, sizeof line, fp));
    assert_non_null(fgets(line, sizeof line, fp));
    fclose(fp);
    assert_non_null(strstr(line, ",PAF-1,\"Khan, \"\"Ace\"\"\",super-mushak," NOW "\r\n"));
    /* a file in place of the folder is an error naming it */
    snprintf(path, sizeof path, "%s/trainees.csv", dir);
    assert_int_equal(records_export_csv(f->db, path, NULL, &err), SAQR_EIO);
    assert_non_null(strstr(err.msg, "trainees.csv"));
}

/* ========================================================== no database */

static void progress_is_computed_from_the_syllabus_and_the_sorties(void **state)
{
    (void)state;
    records_trainee t = {.id = 1, .service_number = "PAF-1", .course = "c"};
    records_lesson syl[3] = {{"c/b", "c", 1, "B"}, {"c/a", "c", 2, "A"}, {"c/c", "c", 3, "C"}};
    records_flown fl[] = {
        {"c/a", "t1", SORTIE_UNSAT, 360.0, 0}, {"c/a", "t1", SORTIE_MARGINAL, 360.0, 0},
        {"c/a", "t1", SORTIE_PASS, 360.0, 0},  {"x/z", "t2", SORTIE_PASS, 7200.0, 0},
        {"x/y", "t2", SORTIE_PASS, 36.0, 0},   {"c/b", "t1", SORTIE_PASS, 1800.0, 1}, /* a demonstration */
        {"c/a", "t1", SORTIE_UNSAT, 0.0, 1},
    };
    records_progress p;
    saqr_err err = {""};
    ok(records_progress_compute(&t, syl, 3, fl, 7, &p, &err), &err);
    assert_int_equal(p.nsyllabus, 3);
    assert_int_equal(p.nlessons, 5);
    assert_string_equal(p.lessons[3].lesson_id, "x/y"); /* others by id */
    assert_string_equal(p.lessons[4].lesson_id, "x/z");
    /* the demonstrated Pass of c/b does not pass it, nor is it the last
     * result of c/a after the trainee's Pass */
    assert_int_equal(p.passed, 1);
    assert_int_equal(p.lessons[0].flown, 0);
    assert_int_equal(p.lessons[0].passes, 0);
    assert_int_equal(p.lessons[0].demos, 1);
    assert_int_equal(p.lessons[1].demos, 1);
    assert_int_equal(p.lessons[1].last, SORTIE_PASS);
    assert_int_equal(p.demonstrations, 2);
    assert_int_equal(p.outstanding, 2);
    assert_int_equal(p.next_due, 0);
    assert_int_equal(p.repeated, 1);
    assert_int_equal(p.lessons[1].flown, 3);
    assert_int_equal(p.lessons[1].unsats, 1);
    assert_int_equal(p.lessons[1].marginals, 1);
    assert_int_equal(p.lessons[1].passes, 1);
    assert_int_equal(p.ntypes, 2);
    assert_near(p.types[0].hours, 0.8, 1e-12); /* the demonstrations' time too */
    assert_near(p.types[1].hours, 2.01, 1e-12);
    assert_int_equal(p.types[0].sorties, 5);
    assert_int_equal(p.sorties, 7);
    records_progress_free(&p);
    /* nothing flown, empty syllabus */
    ok(records_progress_compute(&t, NULL, 0, NULL, 0, &p, &err), &err);
    assert_int_equal(p.next_due, -1);
    assert_int_equal(p.nlessons, 0);
    records_progress_free(&p);
}

static void times_are_iso_8601_utc(void **state)
{
    (void)state;
    assert_true(records_time_valid("2026-11-29T05:30:00Z"));
    assert_true(records_time_valid("2016-12-31T23:59:60Z")); /* a leap second */
    assert_false(records_time_valid("2026-11-29 05:30:00Z"));
    assert_false(records_time_valid("2026-11-29T05:30:00"));
    assert_false(records_time_valid("2026-11-29T05:30:00+05:00"));
    assert_false(records_time_valid("2026-00-29T05:30:00Z"));
    assert_false(records_time_valid("2026-11-29T24:00:00Z"));
    assert_false(records_time_valid("2026-02-30T00:00:00Z")); /* a day the month lacks */
    assert_false(records_time_valid("2026-11-31T00:00:00Z"));
    assert_false(records_time_valid("2100-02-29T00:00:00Z")); /* not a leap year */
    assert_true(records_time_valid("2024-02-29T00:00:00Z"));
    assert_true(records_time_valid("2000-02-29T00:00:00Z"));
    assert_false(records_time_valid(NULL));
    assert_int_equal(records_result_parse("Marginal"), SORTIE_MARGINAL);
    assert_int_equal(records_result_parse("pass"), -1);
    assert_int_equal(records_mark_parse("Not observed"), MARK_NOT_OBSERVED);
    assert_int_equal(records_mark_parse(NULL), -1);
}

/* ================================================================== main */

static int fly_once(void **state)
{
    (void)state;
    return reference_flight("super-mushak/steep-turns", &flown.sheet, &flown.flown_s);
}

static int land(void **state)
{
    (void)state;
    sheet_free(&flown.sheet);
    return 0;
}

#define BOTH(f) DB_TEST_BOTH(f, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(progress_is_computed_from_the_syllabus_and_the_sorties),
        cmocka_unit_test(times_are_iso_8601_utc),
        BOTH(trainees_are_added_listed_and_shown),
        BOTH(a_duplicate_service_number_is_refused_and_nothing_is_written),
        BOTH(bad_values_are_refused_with_a_message),
        BOTH(an_unknown_trainee_instructor_or_tail_stores_nothing),
        BOTH(a_flown_sortie_reads_back_element_by_element),
        BOTH(a_stored_sortie_keeps_its_recording_in_the_records),
        BOTH(open_bands_and_missing_numbers_read_back_as_infinite_and_nan),
        BOTH(a_sortie_failing_part_way_leaves_nothing_written),
        BOTH(progress_counts_a_pass_a_marginal_an_incomplete_and_a_repeat),
        BOTH(a_demonstration_shows_a_lesson_but_never_passes_it),
        BOTH(the_instructors_comment_is_set_changed_and_cleared),
        BOTH(the_board_gives_every_trainees_progress_by_service_number),
        BOTH(the_training_record_shows_the_syllabus_the_sorties_and_escapes_the_texts),
        BOTH(the_training_record_gives_each_elements_trend_over_the_sorties),
        BOTH(an_instructor_grades_a_sortie_with_a_reason),
        BOTH(the_course_report_sums_the_syllabus_over_the_trainees_and_marks_hard_lessons),
        BOTH(the_next_lesson_due_follows_the_syllabus_order),
        BOTH(hours_per_aircraft_type_sum_the_durations),
        BOTH(the_syllabus_sync_writes_only_what_changed),
        BOTH(a_bad_syllabus_names_its_file_and_line_and_changes_nothing),
        BOTH(the_csv_export_writes_one_file_per_table_with_its_rows),
    };
    return cmocka_run_group_tests(tests, fly_once, land);
}
