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

/* The values of the channels at time t (v[0], "t-s", is t) for
 * graded_single, from the test's `ctx`. */
typedef void graded_sample_fn(double t, double *v, const void *ctx);

/* Lesson `xml` (one element) graded over 25 s of samples at 10 Hz, each
 * from `fn`; the element as the sheet gives it. */
static inline sheet_element graded_single(const char *xml, const char *file, const char *const *names, int n,
                                          graded_sample_fn *fn, const void *ctx)
{
    graded x;
    graded_begin(&x, xml, file, names, n);
    double v[16];
    assert_true(n <= 16);
    for (int k = 0; k <= 250; k++) {
        v[0] = 0.1 * k;
        fn(v[0], v, ctx);
        grader_sample(x.g, v);
    }
    grade_sheet sh;
    graded_end(&x, &sh);
    assert_int_equal(sh.nelements, 1);
    sheet_element e = sh.elements[0];
    sheet_free(&sh);
    return e;
}

#endif
