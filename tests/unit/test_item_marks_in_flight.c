/*
 * test_item_marks_in_flight.c - the instructor's marks of a lesson's items
 * (<instructor-grade>) given while the trainee flies: an "item-mark"
 * event of the recording (src/train/item_mark.h) that the grader reads
 * live and from the recording alike (grader_event_text), and the
 * sortie's result that follows them (sheet_apply_item_marks).
 *
 * By samples: a mark is on the sheet with who gave it and counts nothing
 * until Unsatisfactory, which makes the sortie Unsat with the flying's own
 * summary kept behind the instructor's; taken off, the flying's own
 * result and summary come back exactly; the last mark given stands;
 * events that name no item, or no mark, change nothing; an exercise id
 * holding a '/' still names its items.  Flown: a trainee's sortie marked
 * through sortie_mark_item, graded live and again from its recording,
 * gives the same sheet; every refusal records nothing; a demonstration
 * by the automatic pilot has nothing to mark.
 */
#include "airports_fixture.h"
#include "grader_fixture.h"
#include "lesson_fixture.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "saqr.h"
#include "train/grade.h"
#include "train/item_mark.h"
#include "train/record.h"
#include "train/sortie.h"
#include "train/sortie_control.h"

/* ------------------------------------------------ the grader, by samples */

/* An exercise that begins at once and lasts 10 s, holding 1,000 +-100 ft,
 * with two items; a second exercise whose id holds a '/', with one. */
static const char ITEMS_XML[] =
    "<lesson id=\"t/items\" aircraft=\"super-mushak\" max-s=\"100\"><title>T</title>"
    "<setup airport=\"OPRS\" runway=\"27L\"><airborne bearing-deg=\"90\" distance-nm=\"5\" alt-ft=\"1000\" "
    "heading-deg=\"270\" ias-kt=\"110\"/></setup>"
    "<exercise id=\"hold\" title=\"Hold\" max-s=\"30\"><entry when=\"alt-ft ge 0\"/>"
    "<fly alt-ft=\"1000\" max-s=\"30\"/><complete when=\"ex-time-s ge 10\"/>"
    "<grade id=\"alt\" title=\"Altitude\" channel=\"alt-ft\" target=\"1000\" tolerance=\"100\" unit=\"ft\" "
    "source=\"test\"/>"
    "<instructor-grade id=\"checks\" title=\"Cruise checks\" source=\"test\"/>"
    "<instructor-grade id=\"lookout\" title=\"Lookout\" source=\"test\"/></exercise>"
    "<exercise id=\"a/b\" title=\"Again\" max-s=\"30\"><entry when=\"alt-ft ge 0\"/>"
    "<fly alt-ft=\"1000\" max-s=\"30\"/><complete when=\"ex-time-s ge 10\"/>"
    "<grade id=\"alt\" title=\"Altitude again\" channel=\"alt-ft\" target=\"1000\" tolerance=\"100\" unit=\"ft\" "
    "source=\"test\"/>"
    "<instructor-grade id=\"radio\" title=\"Radio calls\" source=\"test\"/></exercise></lesson>";

static const char *const CHANNELS[] = {"t-s", "alt-ft"};

/* The flying of both exercises, on the numbers, with `events` given at 5 s
 * (kind ITEM_MARK_EVENT; values and texts), then the sheet. */
typedef struct mark_event {
    double value;
    const char *text;
} mark_event;

static void graded_with(const mark_event *ev, int n, grade_sheet *sh)
{
    graded x;
    graded_begin(&x, ITEMS_XML, "items.xml", CHANNELS, 2);
    for (int k = 0; k < 300; k++) {
        const double v[2] = {0.1 * k, 1000.0};
        if (k == 50)
            for (int i = 0; i < n; i++)
                grader_event_text(x.g, v[0], ITEM_MARK_EVENT, ev[i].value, ev[i].text);
        grader_sample(x.g, v);
    }
    graded_end(&x, sh);
}

/* The sheet's item `name` (the items come after the graded elements). */
static const sheet_element *item(const grade_sheet *sh, const char *exercise, const char *name)
{
    for (int i = 0; i < sh->nelements; i++)
        if (sh->elements[i].by_instructor && strcmp(sh->elements[i].exercise, exercise) == 0 &&
            strcmp(sh->elements[i].name, name) == 0)
            return &sh->elements[i];
    fail_msg("no item %s/%s on the sheet", exercise, name);
    return NULL;
}

static void unmarked_the_flying_alone_grades_the_sortie(void **state)
{
    (void)state;
    grade_sheet sh;
    graded_with(NULL, 0, &sh);
    assert_int_equal(sh.nelements, 5);
    assert_int_equal(sh.result, SORTIE_PASS);
    assert_string_equal(sh.summary, "All 2 elements to standard.");
    assert_true(sh.flown_set);
    assert_int_equal(sh.flown_result, SORTIE_PASS);
    assert_string_equal(sh.flown_summary, sh.summary);
    assert_int_equal(item(&sh, "hold", "checks")->mark, MARK_NOT_OBSERVED);
    sheet_free(&sh);
}

static void a_mark_is_on_the_sheet_with_who_gave_it(void **state)
{
    (void)state;
    const mark_event ev[] = {{MARK_GOOD, "hold/checks by IP-7"}, {MARK_FAIR, "a/b/radio"}};
    grade_sheet sh;
    graded_with(ev, 2, &sh);
    const sheet_element *checks = item(&sh, "hold", "checks");
    assert_int_equal(checks->mark, MARK_GOOD);
    assert_string_equal(checks->marked_by, "IP-7");
    assert_int_equal(item(&sh, "a/b", "radio")->mark, MARK_FAIR); /* the exercise's id holds a '/' */
    assert_string_equal(item(&sh, "a/b", "radio")->marked_by, "");
    assert_int_equal(item(&sh, "hold", "lookout")->mark, MARK_NOT_OBSERVED);
    /* Good and Fair count nothing: the flying's grade stands */
    assert_int_equal(sh.result, SORTIE_PASS);
    assert_string_equal(sh.summary, "All 2 elements to standard.");
    sheet_free(&sh);
}

static void an_unsatisfactory_item_fails_the_sortie(void **state)
{
    (void)state;
    const mark_event ev[] = {{MARK_UNSAT, "hold/lookout by IP-7"}, {MARK_UNSAT, "a/b/radio by IP-7"}};
    grade_sheet sh;
    graded_with(ev, 2, &sh);
    assert_int_equal(sh.result, SORTIE_UNSAT);
    assert_string_equal(sh.summary, "The instructor marked 2 item(s) unsatisfactory (first: Lookout). "
                                    "All 2 elements to standard.");
    assert_int_equal(sh.flown_result, SORTIE_PASS);
    assert_string_equal(sh.flown_summary, "All 2 elements to standard.");
    sheet_free(&sh);
}

static void the_last_mark_stands_and_taking_it_off_restores_the_flying(void **state)
{
    (void)state;
    const mark_event ev[] = {{MARK_UNSAT, "hold/checks by IP-7"},
                             {MARK_GOOD, "hold/lookout by IP-7"},
                             {MARK_FAIR, "hold/lookout by IP-9"},
                             {MARK_NOT_OBSERVED, "hold/checks by IP-7"}};
    grade_sheet sh;
    graded_with(ev, 4, &sh);
    assert_int_equal(item(&sh, "hold", "checks")->mark, MARK_NOT_OBSERVED);
    assert_string_equal(item(&sh, "hold", "checks")->marked_by, ""); /* nobody's mark now */
    assert_int_equal(item(&sh, "hold", "lookout")->mark, MARK_FAIR);
    assert_string_equal(item(&sh, "hold", "lookout")->marked_by, "IP-9");
    assert_int_equal(sh.result, SORTIE_PASS);
    assert_string_equal(sh.summary, "All 2 elements to standard.");
    /* applied again with the mark back: Unsat; off once more: as flown */
    grade_sheet again;
    graded_with(ev, 1, &again);
    assert_int_equal(again.result, SORTIE_UNSAT);
    again.elements[again.nelements - 3].mark = MARK_NOT_OBSERVED; /* hold/checks */
    assert_string_equal(again.elements[again.nelements - 3].name, "checks");
    sheet_apply_item_marks(&again);
    assert_int_equal(again.result, SORTIE_PASS);
    assert_string_equal(again.summary, "All 2 elements to standard.");
    sheet_free(&again);
    sheet_free(&sh);
}

/* What a damaged or hand-edited recording may hold: nothing changes. */
static void events_naming_no_item_or_no_mark_change_nothing(void **state)
{
    (void)state;
    char long_by[64];
    snprintf(long_by, sizeof long_by, "hold/checks by %040d", 7);
    const mark_event ev[] = {
        {MARK_UNSAT, NULL},           {MARK_UNSAT, ""},
        {MARK_UNSAT, "hold"},         {MARK_UNSAT, "hold/"},
        {MARK_UNSAT, "hold/alt"},     /* graded by the simulator, not an item */
        {MARK_UNSAT, "hold/nothing"}, {MARK_UNSAT, "nothing/checks"},
        {MARK_UNSAT, "a/radio"},      {MARK_UNSAT, "hold/checks by "},
        {MARK_UNSAT, long_by},        {MARK_UNSAT, "hold/checksx"},
        {MARK_UNSAT, "Hold/checks"},  {NAN, "hold/checks"},
        {5.0, "hold/checks"},         {1.5, "hold/checks"},
        {-1.0, "hold/checks"},        {INFINITY, "hold/checks"},
    };
    grade_sheet sh;
    graded_with(ev, (int)(sizeof ev / sizeof ev[0]), &sh);
    for (int i = 0; i < sh.nelements; i++)
        if (sh.elements[i].by_instructor)
            assert_int_equal(sh.elements[i].mark, MARK_NOT_OBSERVED);
    assert_int_equal(sh.result, SORTIE_PASS);
    assert_string_equal(sh.summary, "All 2 elements to standard.");
    sheet_free(&sh);
}

static void the_text_is_refused_when_it_would_not_fit(void **state)
{
    (void)state;
    char out[16];
    assert_int_equal(item_mark_text(out, sizeof out, "hold", "checks", NULL), 0);
    assert_string_equal(out, "hold/checks");
    assert_int_equal(item_mark_text(out, sizeof out, "hold", "checks", ""), 0);
    assert_int_equal(item_mark_text(out, sizeof out, "hold", "checks", "IP-7"), -1);
}

/* ----------------------------------------------------- flown, recorded */

typedef struct run {
    lesson l;
    sortie *s;
    char rec[64];
} run;

static void start(run *r, const char *who)
{
    snprintf(r->rec, sizeof r->rec, "/tmp/saqr-itemmark-XXXXXX");
    int fd = mkstemp(r->rec);
    assert_true(fd >= 0);
    close(fd);
    fixture_lesson_load("super-mushak/straight-and-level", &r->l);
    saqr_err err;
    err_clear(&err);
    sortie_opts o = {SAQR_ROOT_DIR, &fixture_airports, r->rec, who, 20.0, NULL, NULL};
    if (sortie_begin(&r->l, &o, &r->s, &err))
        fail_msg("%s", err.msg);
}

static void fly(run *r, double seconds)
{
    saqr_fdm *f = sortie_fdm(r->s);
    long n = (long)(seconds / saqr_fdm_dt(f) + 0.5);
    saqr_err err;
    err_clear(&err);
    for (long k = 0; k < n; k++)
        if (sortie_frame(r->s, &err) != 0)
            fail_msg("the sortie ended early: %s", err.msg);
}

static int count_marks(const rec_data *d)
{
    int n = 0;
    for (size_t k = 0; k < d->nevents; k++)
        n += strcmp(d->events[k].kind, ITEM_MARK_EVENT) == 0;
    return n;
}

static void refused(run *r, const char *ex, const char *it, grade_mark m, const char *by, const char *why)
{
    saqr_err err;
    err_clear(&err);
    assert_int_equal(sortie_mark_item(r->s, ex, it, m, by, &err), SAQR_EINVAL);
    if (!strstr(err.msg, why))
        fail_msg("\"%s\" does not say \"%s\"", err.msg, why);
}

static void marked_in_flight_the_recording_regrades_the_same(void **state)
{
    (void)state;
    run r;
    start(&r, "trainee");
    fly(&r, 2.0);
    saqr_err err;
    err_clear(&err);
    assert_int_equal(sortie_mark_item(r.s, "cruise", "lookout", MARK_UNSAT, "IP-7", &err), SAQR_OK);
    /* the running items show it at once */
    sheet_element items[8];
    int n = sortie_running_items(r.s, items, 8);
    assert_true(n >= 1 && n <= 8);
    int seen = 0;
    for (int i = 0; i < n; i++)
        if (strcmp(items[i].exercise, "cruise") == 0 && strcmp(items[i].name, "lookout") == 0) {
            assert_int_equal(items[i].mark, MARK_UNSAT);
            assert_string_equal(items[i].marked_by, "IP-7");
            seen = 1;
        } else {
            assert_int_equal(items[i].mark, MARK_NOT_OBSERVED);
        }
    assert_true(seen);
    refused(&r, "cruise", "nothing", MARK_GOOD, "IP-7", "has no item cruise/nothing");
    refused(&r, "cruise", "altitude", MARK_GOOD, "IP-7", "has no item"); /* graded by the simulator */
    refused(&r, "nothing", "lookout", MARK_GOOD, NULL, "has no item");
    refused(&r, "cruise", "lookout", (grade_mark)7, NULL, "is not Excellent");
    refused(&r, "cruise", "lookout", MARK_GOOD, "IP-7-IS-FAR-TOO-LONG-A-NUMBER-TO-BE", "not a service number");
    refused(&r, NULL, "lookout", MARK_GOOD, NULL, "named by its exercise");
    fly(&r, 1.0);
    double flown;
    grade_sheet live;
    assert_int_equal(sortie_end(r.s, &live, &flown, &err), SAQR_OK);
    const sheet_element *lookout = item(&live, "cruise", "lookout");
    assert_int_equal(lookout->mark, MARK_UNSAT);
    assert_string_equal(lookout->marked_by, "IP-7");
    assert_int_equal(live.result, SORTIE_UNSAT);
    assert_non_null(strstr(live.summary, "The instructor marked 1 item(s) unsatisfactory (first: Lookout"));
    assert_true(live.flown_set);
    assert_string_equal(strstr(live.summary, "). ") + 3, live.flown_summary);
    /* the recording holds the one mark given, and graded again the same sheet */
    rec_data d;
    assert_int_equal(rec_read(r.rec, &d, &err), SAQR_OK);
    assert_int_equal(count_marks(&d), 1);
    grade_sheet again;
    assert_int_equal(sortie_regrade(&r.l, &d, &again, &err), SAQR_OK);
    assert_int_equal(again.result, live.result);
    assert_string_equal(again.summary, live.summary);
    assert_int_equal(again.flown_result, live.flown_result);
    assert_int_equal(again.nelements, live.nelements);
    for (int i = 0; i < live.nelements; i++) {
        assert_int_equal(again.elements[i].mark, live.elements[i].mark);
        assert_string_equal(again.elements[i].marked_by, live.elements[i].marked_by);
    }
    sheet_free(&again);
    rec_data_free(&d);
    sheet_free(&live);
    lesson_free(&r.l);
    unlink(r.rec);
}

static void a_demonstration_has_nothing_to_mark(void **state)
{
    (void)state;
    run r;
    start(&r, "reference");
    refused(&r, "cruise", "lookout", MARK_GOOD, "IP-7", "automatic pilot");
    double flown;
    saqr_err err;
    err_clear(&err);
    grade_sheet sh;
    assert_int_equal(sortie_end(r.s, &sh, &flown, &err), SAQR_OK);
    assert_int_equal(item(&sh, "cruise", "lookout")->mark, MARK_NOT_OBSERVED);
    rec_data d;
    assert_int_equal(rec_read(r.rec, &d, &err), SAQR_OK);
    assert_int_equal(count_marks(&d), 0);
    rec_data_free(&d);
    sheet_free(&sh);
    lesson_free(&r.l);
    unlink(r.rec);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(unmarked_the_flying_alone_grades_the_sortie),
        cmocka_unit_test(a_mark_is_on_the_sheet_with_who_gave_it),
        cmocka_unit_test(an_unsatisfactory_item_fails_the_sortie),
        cmocka_unit_test(the_last_mark_stands_and_taking_it_off_restores_the_flying),
        cmocka_unit_test(events_naming_no_item_or_no_mark_change_nothing),
        cmocka_unit_test(the_text_is_refused_when_it_would_not_fit),
        cmocka_unit_test(marked_in_flight_the_recording_regrades_the_same),
        cmocka_unit_test(a_demonstration_has_nothing_to_mark),
    };
    return cmocka_run_group_tests(tests, airports_setup, airports_teardown);
}
