/*
 * test_grade_incomplete.c - a sortie ended before every element was flown
 * (src/train/grade.c): Incomplete when nothing flown was below the
 * standard - neither a pass nor a failure, the lesson flown again
 * (CNATRA's incomplete event; docs/lessons.md, "Marks") - and Unsat when
 * something flown already was.  The same samples flown to the end pass,
 * so the early end alone is what makes the sortie incomplete.
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

/* 20 s level at 3,000 ft (+-100 ft), then a descent to 2,000 ft whose
 * level-off is graded where the exercise ends. */
static const char LESSON_XML[] =
    "<lesson id=\"t/incomplete\" aircraft=\"super-mushak\" max-s=\"200\"><title>T</title>"
    "<setup airport=\"OPRS\" runway=\"27L\"><airborne bearing-deg=\"90\" distance-nm=\"5\" alt-ft=\"3000\" "
    "heading-deg=\"270\" ias-kt=\"110\"/></setup>"
    "<exercise id=\"level\" title=\"Level\"><fly alt-ft=\"3000\"/><complete when=\"ex-time-s ge 20\"/>"
    "<grade id=\"alt\" title=\"Altitude\" channel=\"alt-ft\" target=\"3000\" tolerance=\"100\" unit=\"ft\" "
    "source=\"test\"/></exercise>"
    "<exercise id=\"descent\" title=\"Descent\"><fly alt-ft=\"2000\"/><complete when=\"alt-ft le 2000\"/>"
    "<grade id=\"leveloff\" title=\"Level-off\" channel=\"alt-ft\" target=\"2000\" tolerance=\"100\" unit=\"ft\" "
    "at=\"end\" source=\"test\"/></exercise></lesson>";

static const char *const CHANNELS[] = {"t-s", "alt-ft"};

/* 25 s at 3,000 ft plus `off_ft` from 5 s to 10 s, then a descent of
 * 20 ft/s for `descend_s` (10 Hz). */
static void fly(graded *x, double off_ft, double descend_s)
{
    for (int k = 0; 0.1 * k < 25.0 + descend_s - 1e-9; k++) {
        double t = 0.1 * k, alt = 3000.0;
        if (t >= 5.0 && t < 10.0)
            alt += off_ft;
        if (t >= 25.0)
            alt -= 20.0 * (t - 25.0);
        double v[2] = {t, alt};
        grader_sample(x->g, v);
    }
}

static grade_sheet graded_flight(double off_ft, double descend_s)
{
    graded x;
    graded_begin(&x, LESSON_XML, "incomplete.xml", CHANNELS, 2);
    fly(&x, off_ft, descend_s);
    grade_sheet sh;
    graded_end(&x, &sh);
    return sh;
}

static void ended_early_with_all_flown_to_standard_is_incomplete(void **state)
{
    (void)state;
    grade_sheet sh = graded_flight(40.0, 10.0); /* ended at 2,800 ft, descending */
    assert_int_equal(sh.nelements, 2);
    assert_int_equal(sh.elements[0].mark, MARK_EXCELLENT);
    assert_int_equal(sh.elements[1].mark, MARK_NOT_OBSERVED);
    assert_int_equal(sh.result, SORTIE_INCOMPLETE);
    assert_string_equal(sheet_result_name(sh.result), "Incomplete");
    assert_non_null(strstr(sh.summary, "Incomplete: 1 element(s) not observed (first: Level-off)"));
    sheet_free(&sh);
}

static void ended_early_after_an_unsatisfactory_element_is_unsat(void **state)
{
    (void)state;
    grade_sheet sh = graded_flight(250.0, 10.0); /* 250 ft high for 5 s */
    assert_int_equal(sh.elements[0].mark, MARK_UNSAT);
    assert_int_equal(sh.elements[1].mark, MARK_NOT_OBSERVED);
    assert_int_equal(sh.result, SORTIE_UNSAT);
    assert_non_null(strstr(sh.summary, "1 element(s) not observed (first: Level-off); 1 unsatisfactory"));
    sheet_free(&sh);
}

static void the_same_flight_flown_to_the_end_passes(void **state)
{
    (void)state;
    grade_sheet sh = graded_flight(40.0, 60.0); /* down to 2,000 ft at 75 s */
    assert_int_equal(sh.elements[1].mark, MARK_EXCELLENT);
    assert_int_equal(sh.result, SORTIE_PASS);
    sheet_free(&sh);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ended_early_with_all_flown_to_standard_is_incomplete),
        cmocka_unit_test(ended_early_after_an_unsatisfactory_element_is_unsat),
        cmocka_unit_test(the_same_flight_flown_to_the_end_passes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
