/*
 * test_grade_timeout.c - an exercise that runs out of time (its max-s
 * passes before its completion) is not a manoeuvre unobserved but one the
 * trainee did not fly to its end (src/train/grade.c, element_timed_out):
 * what it left ungraded is Unsatisfactory and named so, an element graded
 * at the end is measured where the aircraft was when time ran out, what
 * was graded keeps its own mark, and the sortie is Unsat, saying which
 * exercise did not complete.  The same samples with the completion reached
 * in time pass, so the time-out alone is what fails them.  An exercise
 * the trainee never entered (its entry timed out) stays "not observed".
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "train/grade.h"
#include "train/lesson.h"

#include "grader_fixture.h"

/* A climb to 2,000 ft within 20 s: the altitude graded at its end
 * (2,000 +-100 ft), the heading held while above 1,500 ft, the sink rate
 * at a touch-down; then an exercise that waits 5 s at most for its entry. */
static const char CLIMB_XML[] =
    "<lesson id=\"t/timeout\" aircraft=\"super-mushak\" max-s=\"100\"><title>T</title>"
    "<setup airport=\"OPRS\" runway=\"27L\"><airborne bearing-deg=\"90\" distance-nm=\"5\" alt-ft=\"1000\" "
    "heading-deg=\"270\" ias-kt=\"110\"/></setup>"
    "<exercise id=\"climb\" title=\"Climb\" max-s=\"20\"><fly alt-ft=\"2000\" max-s=\"20\"/>"
    "<complete when=\"alt-ft ge 2000\"/>"
    "<grade id=\"level\" title=\"Level-off\" channel=\"alt-ft\" target=\"2000\" tolerance=\"100\" unit=\"ft\" "
    "at=\"end\" source=\"test\"/>"
    "<grade id=\"hdg\" title=\"Heading high\" channel=\"heading-deg\" target=\"270\" tolerance=\"10\" unit=\"deg\" "
    "from=\"alt-ft ge 1500\" source=\"test\"/>"
    "<grade id=\"low\" title=\"Heading low\" channel=\"heading-deg\" target=\"270\" tolerance=\"10\" unit=\"deg\" "
    "until=\"alt-ft ge 1500\" source=\"test\"/>"
    "<grade id=\"sink\" title=\"Sink\" channel=\"vs-fpm\" min=\"-600\" tolerance=\"60\" unit=\"fpm\" "
    "at=\"event:touchdown\" source=\"test\"/></exercise>"
    "<exercise id=\"later\" title=\"Later\" max-s=\"10\"><entry when=\"alt-ft ge 5000\" timeout-s=\"5\"/>"
    "<fly alt-ft=\"5000\" max-s=\"10\"/><complete when=\"ex-time-s ge 5\"/>"
    "<grade id=\"alt\" title=\"Altitude\" channel=\"alt-ft\" target=\"5000\" tolerance=\"100\" unit=\"ft\" "
    "source=\"test\"/></exercise></lesson>";

static const char *const CHANNELS[] = {"t-s", "alt-ft", "heading-deg", "vs-fpm"};

static void begin(graded *x)
{
    graded_begin(x, CLIMB_XML, "timeout.xml", CHANNELS, 4);
}

/* Climbs from 1,000 ft at rate_ftps on heading 270 for `seconds` of
 * samples at 10 Hz. */
static void climb(graded *x, double rate_ftps, double seconds)
{
    for (int k = 0; 0.1 * k < seconds - 1e-9; k++) {
        double t = 0.1 * k, v[4] = {t, 1000.0 + rate_ftps * t, 270.0, 60.0 * rate_ftps};
        grader_sample(x->g, v);
    }
}

static const sheet_element *element(const grade_sheet *sh, const char *name)
{
    for (int i = 0; i < sh->nelements; i++)
        if (strcmp(sh->elements[i].name, name) == 0)
            return &sh->elements[i];
    fail_msg("no element %s", name);
    return NULL;
}

static int says_it_timed_out(const sheet_element *e)
{
    for (int k = 0; k < e->ndeductions; k++)
        if (strstr(e->deductions[k].text, "the exercise did not complete within its 20 s"))
            return 1;
    return 0;
}

static void an_exercise_out_of_time_fails_what_it_left_ungraded(void **state)
{
    (void)state;
    graded x;
    begin(&x);
    climb(&x, 20.0, 30.0); /* 1,400 ft when the 20 s are up */
    grade_sheet sh;
    graded_end(&x, &sh);
    /* measured where the aircraft was when time ran out */
    const sheet_element *level = element(&sh, "level");
    assert_int_equal(level->mark, MARK_UNSAT);
    assert_true(says_it_timed_out(level));
    assert_float_equal(level->worst, 1400.0, 1.0);
    assert_float_equal(level->t_end_s, 20.0, 0.05);
    /* never above 1,500 ft: its window never opened, and no value */
    const sheet_element *hdg = element(&sh, "hdg");
    assert_int_equal(hdg->mark, MARK_UNSAT);
    assert_true(says_it_timed_out(hdg));
    assert_true(isnan(hdg->worst));
    /* no touch-down in the exercise */
    const sheet_element *sink = element(&sh, "sink");
    assert_int_equal(sink->mark, MARK_UNSAT);
    assert_true(says_it_timed_out(sink));
    /* graded throughout: its own mark, nothing said of the time */
    const sheet_element *low = element(&sh, "low");
    assert_int_equal(low->mark, MARK_EXCELLENT);
    assert_false(says_it_timed_out(low));
    /* never entered: not observed, as before */
    assert_int_equal(element(&sh, "alt")->mark, MARK_NOT_OBSERVED);
    assert_int_equal(sh.result, SORTIE_UNSAT);
    assert_non_null(strstr(sh.summary, "\"Climb\" did not complete within its 20 s"));
    assert_non_null(strstr(sh.summary, "3 element(s) unsatisfactory, 1 not observed"));
    sheet_free(&sh);
}

static void the_same_climb_completed_in_time_is_graded_as_flown(void **state)
{
    (void)state;
    graded x;
    begin(&x);
    climb(&x, 100.0, 30.0); /* 2,000 ft at 10 s */
    grade_sheet sh;
    graded_end(&x, &sh);
    for (int i = 0; i < sh.nelements; i++)
        assert_false(says_it_timed_out(&sh.elements[i]));
    const sheet_element *level = element(&sh, "level");
    assert_int_equal(level->mark, MARK_EXCELLENT);
    assert_float_equal(level->worst, 2000.0, 1e-6);
    assert_int_equal(element(&sh, "hdg")->mark, MARK_EXCELLENT);
    /* no touch-down in a completed exercise: not observed, as before */
    assert_int_equal(element(&sh, "sink")->mark, MARK_NOT_OBSERVED);
    assert_null(strstr(sh.summary, "did not complete"));
    sheet_free(&sh);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(an_exercise_out_of_time_fails_what_it_left_ungraded),
        cmocka_unit_test(the_same_climb_completed_in_time_is_graded_as_flown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
