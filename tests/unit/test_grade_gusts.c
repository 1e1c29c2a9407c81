/*
 * test_grade_gusts.c - an approach speed graded "with gust factor
 * applied" (FAA ACS IV.B; gust-factor= in a lesson's <grade>): the band
 * moves up by the given share of the gust factor in force when the
 * exercise begins (channel "gust-kt"), so a trainee who adds half the gust
 * factor, as the Airplane Flying Handbook (FAA-H-8083-3C ch. 9) teaches,
 * passes, and one who flies the calm-air speed in strong gusts does not.
 * Each case is also graded by the same lesson without gust-factor=, whose
 * opposite mark shows the shift is what decides it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "train/grade.h"
#include "train/lesson.h"

#include "grader_fixture.h"

/* An approach at 70 kt, +10/-5 (the band 72.5 +-7.5), graded for 20 s;
 * GUST is replaced by the grade's gust-factor= (or nothing). */
static const char APPROACH_XML[] =
    "<lesson id=\"t/gusts\" aircraft=\"super-mushak\" max-s=\"100\"><title>T</title>\n"
    "<setup airport=\"OPRS\" runway=\"27L\"><airborne bearing-deg=\"90\" distance-nm=\"3\" alt-ft=\"2000\" "
    "heading-deg=\"270\" ias-kt=\"70\"/></setup>\n"
    "<exercise id=\"approach\" title=\"Approach\" max-s=\"30\"><fly ias-kt=\"70\" max-s=\"30\"/>\n"
    "<complete when=\"ex-time-s ge 20\"/>\n"
    "<grade id=\"speed\" title=\"Approach speed\" channel=\"ias-kt\" target=\"72.5\" tolerance=\"7.5\" unit=\"kt\" "
    "%s source=\"test\"/>\n"
    "</exercise></lesson>";

static const char *const CHANNELS[] = {"t-s", "ias-kt", "gust-kt"};

/* The lesson text, with gust-factor="share" when share > 0. */
static void lesson_text(char *buf, size_t n, double share)
{
    char attr[48] = "";
    if (share > 0.0)
        snprintf(attr, sizeof attr, "gust-factor=\"%g\"", share);
    snprintf(buf, n, APPROACH_XML, attr);
}

/* A steady airspeed, the gust factor gust0 at the exercise's entry and
 * gust1 from 5 s on. */
typedef struct gusty {
    double ias, gust0, gust1;
} gusty;

static void gusty_sample(double t, double *v, const void *ctx)
{
    const gusty *g = ctx;
    v[1] = g->ias;
    v[2] = t < 5.0 ? g->gust0 : g->gust1;
}

/* The speed element's mark and band after 25 s at `ias` with the gust
 * factor `gust0` at the exercise's entry and `gust1` from 5 s on. */
static grade_mark fly(double share, double ias, double gust0, double gust1, double *lo, double *hi)
{
    char xml[2048];
    lesson_text(xml, sizeof xml, share);
    const gusty g = {ias, gust0, gust1};
    sheet_element e = graded_single(xml, "gusts.xml", CHANNELS, 3, gusty_sample, &g);
    *lo = e.lo;
    *hi = e.hi;
    return e.mark;
}

static void the_band_moves_up_by_half_the_gust_factor(void **state)
{
    (void)state;
    double lo, hi;
    /* 8 kt gusts: 70 + 4 kt flown fast (82 kt) is within 69..84 */
    assert_true(fly(0.5, 82.0, 8.0, 8.0, &lo, &hi) >= MARK_FAIR);
    assert_float_equal(lo, 69.0, 1e-9);
    assert_float_equal(hi, 84.0, 1e-9);
    /* without the gust factor 82 kt is beyond the calm band's 80 */
    assert_int_equal(fly(0.0, 82.0, 8.0, 8.0, &lo, &hi), MARK_UNSAT);
    assert_float_equal(hi, 80.0, 1e-9);
    /* the calm-air speed's lower edge in strong gusts: 68 kt is below
     * 69 with the gust factor applied, within 65..80 without it */
    assert_int_equal(fly(0.5, 68.0, 8.0, 8.0, &lo, &hi), MARK_UNSAT);
    assert_true(fly(0.0, 68.0, 8.0, 8.0, &lo, &hi) >= MARK_FAIR);
    /* no gusts: the band of the calm day */
    assert_true(fly(0.5, 66.0, 0.0, 0.0, &lo, &hi) >= MARK_FAIR);
    assert_float_equal(lo, 65.0, 1e-9);
}

static void the_gust_factor_is_the_one_at_the_exercise_start(void **state)
{
    (void)state;
    double lo, hi;
    /* the approach speed is chosen before the approach: gusts arriving
     * later do not move the band (82 kt stays beyond the calm 80) */
    assert_int_equal(fly(0.5, 82.0, 0.0, 10.0, &lo, &hi), MARK_UNSAT);
    assert_float_equal(hi, 80.0, 1e-9);
}

static void a_recording_without_the_gust_channel_grades_the_calm_band(void **state)
{
    (void)state;
    char xml[2048];
    lesson_text(xml, sizeof xml, 0.5);
    lesson l;
    saqr_err err;
    err_clear(&err);
    assert_int_equal(lesson_parse_memory(xml, strlen(xml), "gusts.xml", &l, &err), SAQR_OK);
    /* a live sortie must record the channel: binding without it is an error */
    static const char *const OLD[] = {"t-s", "ias-kt"};
    assert_int_equal(lesson_bind(&l, OLD, 2, &err), SAQR_EPARSE);
    assert_non_null(strstr(err.msg, "gusts.xml:5"));
    assert_non_null(strstr(err.msg, "gust-kt"));
    /* an older recording: graded, its band unmoved */
    assert_int_equal(lesson_bind_recorded(&l, OLD, 2, &err), SAQR_OK);
    grader *g = grader_create(&l, OLD, 2, "trainee");
    assert_non_null(g);
    for (int k = 0; k <= 250; k++) {
        double v[2] = {0.1 * k, 82.0};
        grader_sample(g, v);
    }
    grade_sheet sh;
    assert_int_equal(grader_finish(g, &sh), SAQR_OK);
    assert_int_equal(sh.elements[0].mark, MARK_UNSAT);
    assert_float_equal(sh.elements[0].hi, 80.0, 1e-9);
    sheet_free(&sh);
    grader_destroy(g);
    lesson_free(&l);
}

static void a_gust_factor_share_outside_0_to_1_is_an_error(void **state)
{
    (void)state;
    static const char *const bad[][2] = {{"gust-factor=\"1.5\"", "gust-factor= must be between 0 and 1"},
                                         {"gust-factor=\"-0.5\"", "gust-factor= must be between 0 and 1"},
                                         {"gust-factor=\"half\"", "gust-factor=\"half\" is not a number"},
                                         {"gust-factor=\"nan\"", "is not a number"}};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char xml[2048];
        snprintf(xml, sizeof xml, APPROACH_XML, bad[i][0]);
        lesson l;
        saqr_err err;
        err_clear(&err);
        assert_int_equal(lesson_parse_memory(xml, strlen(xml), "gusts.xml", &l, &err), SAQR_EPARSE);
        lesson_free(&l);
        if (!strstr(err.msg, "gusts.xml:5") || !strstr(err.msg, bad[i][1]))
            fail_msg("%s: message \"%s\"", bad[i][0], err.msg);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_band_moves_up_by_half_the_gust_factor),
        cmocka_unit_test(the_gust_factor_is_the_one_at_the_exercise_start),
        cmocka_unit_test(a_recording_without_the_gust_channel_grades_the_calm_band),
        cmocka_unit_test(a_gust_factor_share_outside_0_to_1_is_an_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
