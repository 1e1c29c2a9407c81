/*
 * test_records_marks.c - the instructor's marks of a lesson's items
 * (<instructor-grade>: what the simulator cannot observe), from the
 * grade sheet to the records (src/train/grade.c, src/records/
 * sortie_grades.c), on BOTH back ends.
 *
 * The sortie is really flown: super-mushak/steep-turns by the reference
 * pilot, once for the run, whose lesson file holds one item (the
 * clearing turn before the left turn).  It is stored as flown by the
 * trainee.  The results expected follow the rule of docs/lessons.md
 * ("The instructor's items"): an item marked Unsatisfactory makes the
 * sortie Unsat; marked otherwise, or not marked, the flying's own result
 * stands; an instructor's grade stands over both.
 */
#include "db_test_util.h"
#include "reference_flight.h"

#include <math.h>
#include <pthread.h>
#include <time.h>

#include "records/records.h"
#include "train/sortie.h"
#include "util/utf8.h"

#define NOW "2026-11-29T05:30:00Z"

static grade_sheet flown; /* filled by the group setup, read only after */

typedef struct fixture {
    char dir[64];
    char url[4096];        /* the fresh database, to open again          */
    rdb *db;
    long long sortie;      /* the flown sortie, stored as the trainee's   */
    long long demo;        /* the same sheet as the automatic pilot's     */
} fixture;

static void ok(int st, const saqr_err *err)
{
    if (st != SAQR_OK)
        fail_msg("status %d: %s", st, err->msg);
}

static long long store_as(rdb *db, const char *pilot, const char *started)
{
    grade_sheet s = flown;
    snprintf(s.pilot, sizeof s.pilot, "%s", pilot);
    records_sortie_in in = {&s, "PAF-1", "IP-7", NULL, started, 300.0, NULL, NULL};
    long long id = 0;
    saqr_err err = {""};
    ok(records_sortie_store(db, &in, &id, &err), &err);
    return id;
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    snprintf(f->dir, sizeof f->dir, "/tmp/saqr-test-marks-XXXXXX");
    if (!mkdtemp(f->dir)) {
        free(f);
        return -1;
    }
    saqr_err err = {""};
    db_test_url(*(const rdb_backend *)*state, f->dir, f->url, sizeof f->url);
    ok(rdb_open(f->url, &f->db, &err), &err);
    ok(records_syllabus_sync(f->db, SAQR_ROOT_DIR "/lessons", NULL, &err), &err);
    ok(records_trainee_add(f->db, "PAF-1", "Plt Off A", "super-mushak", NOW, NULL, &err), &err);
    ok(records_instructor_add(f->db, "IP-7", "Sqn Ldr Raza", NULL, &err), &err);
    f->sortie = store_as(f->db, "trainee", "2026-11-30T08:00:00Z");
    f->demo = store_as(f->db, "reference", "2026-11-30T09:00:00Z");
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

static records_sortie get(const fixture *f, long long id)
{
    records_sortie s;
    saqr_err err = {""};
    ok(records_sortie_get(f->db, id, &s, &err), &err);
    return s;
}

/* The stored element exercise/element of sortie id. */
static records_element element(const fixture *f, long long id, const char *exercise, const char *name)
{
    records_element *e = NULL, found;
    int n = 0;
    saqr_err err = {""};
    ok(records_sortie_elements(f->db, id, &e, &n, &err), &err);
    int k = 0;
    while (k < n && !(strcmp(e[k].exercise, exercise) == 0 && strcmp(e[k].element, name) == 0))
        k++;
    if (k == n)
        fail_msg("no element %s/%s", exercise, name);
    found = e[k];
    free(e);
    return found;
}

/* ================================================================== tests */

/* The grader puts the lesson's item on the sheet after the graded
 * elements, not observed, counted in neither the result nor the
 * summary's elements. */
static void the_sheet_carries_the_lessons_item_for_the_instructor(void **state)
{
    (void)state;
    int items = 0, at = -1;
    for (int i = 0; i < flown.nelements; i++)
        if (flown.elements[i].by_instructor) {
            items++;
            at = i;
        }
    assert_int_equal(items, 1);
    assert_int_equal(flown.nelements, 9);
    const sheet_element *e = &flown.elements[at];
    assert_string_equal(e->exercise, "left");
    assert_string_equal(e->name, "clearing");
    assert_int_equal(e->mark, MARK_NOT_OBSERVED);
    assert_true(isnan(e->ratio));
    assert_int_equal(at, flown.nelements - 1); /* last: the running marks' order kept before it */
    assert_int_equal(flown.result, SORTIE_PASS);                 /* not "not observed" */
    assert_string_equal(flown.summary, "All 8 elements to standard.");
}

static void an_unsatisfactory_item_makes_the_sortie_unsat_until_marked_again(void **state)
{
    fixture *f = *state;
    saqr_err err = {""};
    records_element e = element(f, f->sortie, "left", "clearing");
    assert_true(e.by_instructor);
    assert_int_equal(e.mark, MARK_NOT_OBSERVED);
    assert_false(element(f, f->sortie, "left", "altitude").by_instructor);
    assert_int_equal(get(f, f->sortie).result, SORTIE_PASS);
    assert_int_equal(get(f, f->sortie).items_to_mark, 1);

    ok(records_sortie_mark(f->db, f->sortie, "left", "clearing", MARK_GOOD, "IP-7", &err), &err);
    assert_int_equal(get(f, f->sortie).items_to_mark, 0);
    e = element(f, f->sortie, "left", "clearing");
    assert_int_equal(e.mark, MARK_GOOD);
    assert_string_equal(e.marked_by, "IP-7");
    assert_int_equal(get(f, f->sortie).result, SORTIE_PASS);

    ok(records_sortie_mark(f->db, f->sortie, "left", "clearing", MARK_UNSAT, "IP-7", &err), &err);
    records_sortie s = get(f, f->sortie);
    assert_int_equal(s.result, SORTIE_UNSAT);
    assert_false(s.regraded);
    assert_string_equal(s.summary, "The instructor marked 1 item(s) unsatisfactory (first: Clearing turn and lookout "
                                   "before the manoeuvre). All 8 elements to standard.");
    /* the record follows: an Unsat, and the item is what to work on */
    records_progress p;
    ok(records_progress_get(f->db, "PAF-1", &p, &err), &err);
    int k = 0;
    while (k < p.nlessons && strcmp(p.lessons[k].lesson_id, "super-mushak/steep-turns") != 0)
        k++;
    assert_true(k < p.nlessons);
    assert_int_equal(p.lessons[k].unsats, 1);
    assert_int_equal(p.lessons[k].passes, 0);
    char(*work_on)[RECORDS_WORK_ON_MAX] = NULL;
    ok(records_progress_work_on(f->db, &p, &work_on, &err), &err);
    assert_string_equal(work_on[k], "Clearing turn and lookout before the manoeuvre");
    free(work_on);
    records_progress_free(&p);

    /* the mark taken off: the flying's own result and words again */
    ok(records_sortie_mark(f->db, f->sortie, "left", "clearing", MARK_NOT_OBSERVED, "IP-7", &err), &err);
    s = get(f, f->sortie);
    assert_int_equal(s.result, SORTIE_PASS);
    assert_string_equal(s.summary, "All 8 elements to standard.");
    assert_int_equal(s.items_to_mark, 1);
    e = element(f, f->sortie, "left", "clearing");
    assert_int_equal(e.mark, MARK_NOT_OBSERVED);
    assert_string_equal(e.marked_by, "");
}

/* A sheet whose item the instructor marked in flight (its result already
 * Unsat, sheet_apply_item_marks) is stored with the flying's own result
 * kept beside it: taken off in the records, the sortie passes again. */
static void an_item_marked_in_flight_is_stored_and_can_be_taken_off(void **state)
{
    fixture *f = *state;
    saqr_err err = {""};
    grade_sheet s = flown;
    snprintf(s.pilot, sizeof s.pilot, "trainee");
    s.elements = malloc((size_t)s.nelements * sizeof *s.elements);
    assert_non_null(s.elements);
    memcpy(s.elements, flown.elements, (size_t)s.nelements * sizeof *s.elements);
    sheet_element *item = &s.elements[s.nelements - 1];
    assert_true(item->by_instructor);
    item->mark = MARK_UNSAT;
    snprintf(item->marked_by, sizeof item->marked_by, "IP-7");
    sheet_apply_item_marks(&s);
    assert_int_equal(s.result, SORTIE_UNSAT);
    records_sortie_in in = {&s, "PAF-1", "IP-7", NULL, "2026-11-30T10:00:00Z", 300.0, NULL, NULL};
    long long id = 0;
    ok(records_sortie_store(f->db, &in, &id, &err), &err);
    free(s.elements);
    records_sortie r = get(f, id);
    assert_int_equal(r.result, SORTIE_UNSAT);
    assert_string_equal(r.summary, "The instructor marked 1 item(s) unsatisfactory (first: Clearing turn and lookout "
                                   "before the manoeuvre). All 8 elements to standard.");
    assert_int_equal(r.items_to_mark, 0);
    records_element e = element(f, id, "left", "clearing");
    assert_int_equal(e.mark, MARK_UNSAT);
    assert_string_equal(e.marked_by, "IP-7");
    ok(records_sortie_mark(f->db, id, "left", "clearing", MARK_NOT_OBSERVED, "IP-7", &err), &err);
    r = get(f, id);
    assert_int_equal(r.result, SORTIE_PASS);
    assert_string_equal(r.summary, "All 8 elements to standard.");
}

/* An instructor's grade stands over the marks; the grading kept beside it
 * follows them. */
static void an_instructors_grade_stands_over_the_items(void **state)
{
    fixture *f = *state;
    saqr_err err = {""};
    ok(records_sortie_regrade(f->db, f->sortie, SORTIE_MARGINAL, "late roll-out", "IP-7", &err), &err);
    ok(records_sortie_mark(f->db, f->sortie, "left", "clearing", MARK_UNSAT, NULL, &err), &err);
    records_sortie s = get(f, f->sortie);
    assert_int_equal(s.result, SORTIE_MARGINAL);
    assert_true(s.regraded);
    assert_int_equal(s.auto_result, SORTIE_UNSAT);
    assert_string_equal(element(f, f->sortie, "left", "clearing").marked_by, "");
    ok(records_sortie_mark(f->db, f->sortie, "left", "clearing", MARK_FAIR, "IP-7", &err), &err);
    s = get(f, f->sortie);
    assert_int_equal(s.result, SORTIE_MARGINAL);
    assert_int_equal(s.auto_result, SORTIE_PASS);
    /* graded back as the grading stands: the instructor's grade is off */
    ok(records_sortie_regrade(f->db, f->sortie, SORTIE_PASS, "as graded", "IP-7", &err), &err);
    s = get(f, f->sortie);
    assert_int_equal(s.result, SORTIE_PASS);
    assert_false(s.regraded);
}

/* Refused, with nothing changed. */
static void bad_marks_are_refused_and_change_nothing(void **state)
{
    fixture *f = *state;
    saqr_err err = {""};
    assert_int_equal(records_sortie_mark(f->db, f->demo, "left", "clearing", MARK_UNSAT, "IP-7", &err), SAQR_EINVAL);
    assert_non_null(strstr(err.msg, "demonstration"));
    assert_int_equal(records_sortie_mark(f->db, f->sortie, "left", "altitude", MARK_UNSAT, "IP-7", &err),
                     SAQR_EINVAL);
    assert_non_null(strstr(err.msg, "left/altitude of sortie"));
    assert_non_null(strstr(err.msg, "graded by the simulator"));
    assert_int_equal(records_sortie_mark(f->db, f->sortie, "left", "radio", MARK_UNSAT, "IP-7", &err),
                     SAQR_ENOTFOUND);
    assert_non_null(strstr(err.msg, "has no element left/radio"));
    assert_int_equal(records_sortie_mark(f->db, 987654, "left", "clearing", MARK_UNSAT, "IP-7", &err),
                     SAQR_ENOTFOUND);
    assert_int_equal(records_sortie_mark(f->db, f->sortie, "left", "clearing", (grade_mark)9, "IP-7", &err),
                     SAQR_EINVAL);
    assert_int_equal(records_sortie_mark(f->db, f->sortie, "left", "clearing", MARK_UNSAT, "IP-404", &err),
                     SAQR_EINVAL);
    assert_non_null(strstr(err.msg, "IP-404"));
    assert_int_equal(records_sortie_mark(f->db, f->sortie, "le\nft", "clearing", MARK_UNSAT, "IP-7", &err),
                     SAQR_EINVAL);
    assert_int_equal(records_sortie_mark(f->db, f->sortie, "left", NULL, MARK_UNSAT, "IP-7", &err), SAQR_EINVAL);
    records_sortie s = get(f, f->sortie);
    assert_int_equal(s.result, SORTIE_PASS);
    assert_int_equal(element(f, f->sortie, "left", "clearing").mark, MARK_NOT_OBSERVED);
    assert_int_equal(element(f, f->demo, "left", "clearing").mark, MARK_NOT_OBSERVED);
    /* the names the command line and the station take */
    assert_int_equal(records_item_mark_parse("none"), MARK_NOT_OBSERVED);
    assert_int_equal(records_item_mark_parse("Unsatisfactory"), MARK_UNSAT);
    assert_int_equal(records_item_mark_parse("Not observed"), -1);
    assert_int_equal(records_item_mark_parse(NULL), -1);
}

/* What to work on names what was flown below the standard and counts
 * what was not flown; an item not marked is neither. */
static void what_to_work_on_names_the_faults_and_counts_the_rest(void **state)
{
    fixture *f = *state;
    saqr_err err = {""};
    grade_sheet s = flown;
    sheet_element el[16];
    assert_true(flown.nelements <= 16);
    memcpy(el, flown.elements, sizeof el[0] * (size_t)flown.nelements);
    s.elements = el;
    el[0].mark = MARK_UNSAT; /* left: Altitude */
    for (int k = 5; k <= 7; k++)
        el[k].mark = MARK_NOT_OBSERVED; /* right: Airspeed, Bank, Roll-out */
    s.result = SORTIE_UNSAT;
    snprintf(s.pilot, sizeof s.pilot, "trainee");
    /* a trainee who has not passed the lesson (the setup's has) */
    ok(records_trainee_add(f->db, "PAF-2", "Plt Off B", "super-mushak", NOW, NULL, &err), &err);
    records_sortie_in in = {&s, "PAF-2", NULL, NULL, "2026-12-01T08:00:00Z", 200.0, NULL, NULL};
    ok(records_sortie_store(f->db, &in, NULL, &err), &err);
    records_progress p;
    ok(records_progress_get(f->db, "PAF-2", &p, &err), &err);
    char(*work_on)[RECORDS_WORK_ON_MAX] = NULL;
    ok(records_progress_work_on(f->db, &p, &work_on, &err), &err);
    int k = 0;
    while (k < p.nlessons && strcmp(p.lessons[k].lesson_id, "super-mushak/steep-turns") != 0)
        k++;
    assert_true(k < p.nlessons);
    assert_string_equal(work_on[k], "Altitude; the rest of the lesson: 3 elements not flown, from Airspeed");
    free(work_on);
    records_progress_free(&p);
}

/* A mark made while another instructor's mark of the same sortie is
 * being written: it waits for that one and works the result out with
 * it.  The other writer is played here by a second connection doing what
 * records_sortie_mark does (the sortie's row taken, an item marked
 * Unsatisfactory, the result set), committing 0.3 s later. */
typedef struct mark_job {
    fixture *f;
    long long id;
    int st;
} mark_job;

static void *mark_second_item(void *arg)
{
    mark_job *j = arg;
    saqr_err err = {""};
    j->st = records_sortie_mark(j->f->db, j->id, "e", "radio", MARK_GOOD, NULL, &err);
    return NULL;
}

static void two_marks_at_once_both_count(void **state)
{
    fixture *f = *state;
    saqr_err err = {""};
    grade_sheet s = flown;
    sheet_element el[16];
    memcpy(el, flown.elements, sizeof el[0] * (size_t)flown.nelements);
    s.elements = el;
    s.nelements = 2; /* two items of exercise e */
    for (int k = 0; k < 2; k++) {
        el[k].by_instructor = 1;
        el[k].mark = MARK_NOT_OBSERVED;
        snprintf(el[k].exercise, sizeof el[k].exercise, "e");
        snprintf(el[k].name, sizeof el[k].name, "%s", k ? "radio" : "lookout");
    }
    snprintf(s.pilot, sizeof s.pilot, "trainee");
    records_sortie_in in = {&s, "PAF-1", NULL, NULL, "2026-12-02T08:00:00Z", 60.0, NULL, NULL};
    long long id = 0;
    ok(records_sortie_store(f->db, &in, &id, &err), &err);
    char idt[32];
    snprintf(idt, sizeof idt, "%lld", id);
    const char *p[] = {idt};

    rdb *other = NULL;
    ok(rdb_open(f->url, &other, &err), &err);
    ok(rdb_begin(other, &err), &err);
    ok(rdb_exec(other,
                rdb_kind(other) == RDB_POSTGRES ? "SELECT result FROM sorties WHERE id = ? FOR UPDATE"
                                                : "SELECT result FROM sorties WHERE id = ?",
                1, p, NULL, &err),
       &err);
    ok(rdb_exec(other, "UPDATE sortie_elements SET mark = 'Unsatisfactory' WHERE sortie_id = ? AND element = 'lookout'",
                1, p, NULL, &err),
       &err);
    ok(rdb_exec(other, "UPDATE sorties SET result = 'Unsat' WHERE id = ?", 1, p, NULL, &err), &err);
    mark_job j = {f, id, -1};
    pthread_t t;
    assert_int_equal(pthread_create(&t, NULL, mark_second_item, &j), 0);
    struct timespec pause = {0, 300000000L};
    nanosleep(&pause, NULL);
    ok(rdb_commit(other, &err), &err);
    pthread_join(t, NULL);
    rdb_close(other);
    ok(j.st, &err);
    records_sortie got = get(f, id);
    assert_int_equal(got.result, SORTIE_UNSAT); /* the lookout's Unsatisfactory counted */
    assert_int_equal(element(f, id, "e", "radio").mark, MARK_GOOD);
}

/* A summary made long by an item's title and the flying's own summary,
 * both in a script of two-byte characters, is cut to the column's 255
 * bytes at a whole character, whichever byte the cut falls on: stored
 * (PostgreSQL refuses a broken character) and valid UTF-8. */
static void a_long_summary_is_cut_at_a_whole_character(void **state)
{
    fixture *f = *state;
    saqr_err err = {""};
    for (int odd = 0; odd < 2; odd++) {
        grade_sheet s = flown;
        sheet_element el[16];
        memcpy(el, flown.elements, sizeof el[0] * (size_t)flown.nelements);
        s.elements = el;
        s.nelements = 1;
        el[0].by_instructor = 1;
        el[0].mark = MARK_NOT_OBSERVED;
        snprintf(el[0].exercise, sizeof el[0].exercise, "e");
        snprintf(el[0].name, sizeof el[0].name, "i");
        /* "Ø" (C3 98) 40 times, after one or two ASCII letters */
        snprintf(el[0].title, sizeof el[0].title, "%s", odd ? "a" : "ab");
        for (int k = 0; k < 40; k++)
            strcat(el[0].title, "\xC3\x98");
        s.summary[0] = '\0';
        for (int k = 0; k < 120; k++)
            strcat(s.summary, "\xC3\x98");
        s.flown_set = 0; /* the summary above is the flying's own */
        snprintf(s.pilot, sizeof s.pilot, "trainee");
        char started[32];
        snprintf(started, sizeof started, "2026-12-03T08:0%d:00Z", odd);
        records_sortie_in in = {&s, "PAF-1", NULL, NULL, started, 60.0, NULL, NULL};
        long long id = 0;
        ok(records_sortie_store(f->db, &in, &id, &err), &err);
        ok(records_sortie_mark(f->db, id, "e", "i", MARK_UNSAT, "IP-7", &err), &err);
        records_sortie got = get(f, id);
        assert_int_equal(got.result, SORTIE_UNSAT);
        assert_true(utf8_valid(got.summary));
        assert_true(strlen(got.summary) >= 253 && strlen(got.summary) <= 255);
        assert_non_null(strstr(got.summary, "The instructor marked 1 item(s) unsatisfactory (first: a"));
    }
}

/* ================================================================== main */

static int fly_once(void **state)
{
    (void)state;
    double flown_s;
    return reference_flight("super-mushak/steep-turns", &flown, &flown_s);
}

static int land(void **state)
{
    (void)state;
    sheet_free(&flown);
    return 0;
}

#define BOTH(f) DB_TEST_BOTH(f, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_sheet_carries_the_lessons_item_for_the_instructor),
        BOTH(an_unsatisfactory_item_makes_the_sortie_unsat_until_marked_again),
        BOTH(an_item_marked_in_flight_is_stored_and_can_be_taken_off),
        BOTH(an_instructors_grade_stands_over_the_items),
        BOTH(bad_marks_are_refused_and_change_nothing),
        BOTH(what_to_work_on_names_the_faults_and_counts_the_rest),
        BOTH(two_marks_at_once_both_count),
        BOTH(a_long_summary_is_cut_at_a_whole_character),
    };
    return cmocka_run_group_tests(tests, fly_once, land);
}
