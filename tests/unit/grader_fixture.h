/*
 * grader_fixture.h - a lesson read from text in the test and its grader,
 * fed samples of the named channels by the test; failing the test when
 * either cannot be made.  Include once per test file (after cmocka).
 */
#ifndef SAQR_TEST_GRADER_FIXTURE_H
#define SAQR_TEST_GRADER_FIXTURE_H

#include <string.h>

#include "train/grade.h"
#include "train/lesson.h"

typedef struct graded {
    lesson l;
    grader *g;
} graded;

/* Reads lesson `xml` (named `file` in its messages), binds it to the
 * channels `names` and starts grading a trainee's sortie. */
static inline void graded_begin(graded *x, const char *xml, const char *file, const char *const *names, int n)
{
    saqr_err err;
    err_clear(&err);
    if (lesson_parse_memory(xml, strlen(xml), file, &x->l, &err))
        fail_msg("%s", err.msg);
    if (lesson_bind(&x->l, names, n, &err))
        fail_msg("%s", err.msg);
    x->g = grader_create(&x->l, names, n, "trainee");
    assert_non_null(x->g);
}

/* Finishes the sheet and frees the grader and the lesson. */
static inline void graded_end(graded *x, grade_sheet *sh)
{
    assert_int_equal(grader_finish(x->g, sh), SAQR_OK);
    grader_destroy(x->g);
    lesson_free(&x->l);
}

#endif
