/*
 * test_grade_wind.c - a heading graded with the wind's correction laid off
 * (wind-correction= in a lesson's <grade>): a holding's outbound heading
 * with three times the correction (AIM 5-3-8), an inbound course's
 * heading with one.  The band moves by K times the wind correction angle
 * that makes the target good as a track, in the steady wind and at the
 * true airspeed when the exercise begins (channels "wind-from-deg",
 * "wind-kt", "tas-kt").  The angle is checked against the wind triangle
 * worked by hand (FAA-H-8083-25C ch. 16), and each graded case against
 * the same lesson without wind-correction=, whose opposite mark shows the
 * shift is what decides it.
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
#include "train/wind_correction.h"

#include "grader_fixture.h"

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

/* cmocka's assert_float_equal compares floats: these are doubles */
#define assert_near(a, b, tol)                                                                                        \
    do {                                                                                                              \
        double a_ = (a), b_ = (b);                                                                                    \
        if (!(fabs(a_ - b_) <= (tol)))                                                                                \
            fail_msg("%s = %.12g, expected %.12g", #a, a_, b_);                                                       \
    } while (0)

/* asin(0.2) in degrees: a 20 kt crosswind at 100 kt true */
#define WCA_20_100_DEG 11.536959032815489

static void the_correction_is_the_wind_triangles_angle(void **state)
{
    (void)state;
    /* wind from the right of the track: head right */
    assert_near(wind_correction_deg(0.0, 100.0, 90.0, 20.0), WCA_20_100_DEG, 1e-9);
    /* from the left: head left; the track's direction taken modulo 360 */
    assert_near(wind_correction_deg(90.0, 100.0, 360.0, 20.0), -WCA_20_100_DEG, 1e-9);
    assert_near(wind_correction_deg(450.0, 100.0, 0.0, 20.0), -WCA_20_100_DEG, 1e-9);
    /* 30 deg off the nose: only the crosswind component, 10 kt */
    assert_near(wind_correction_deg(0.0, 100.0, 30.0, 20.0), asin(0.1) * 180.0 / M_PI, 1e-9);
    /* head- and tailwinds need none */
    assert_near(wind_correction_deg(270.0, 100.0, 270.0, 20.0), 0.0, 1e-9);
    assert_near(wind_correction_deg(270.0, 100.0, 90.0, 20.0), 0.0, 1e-9);
    /* a crosswind as strong as the airspeed: 90 deg, not a NaN */
    assert_near(wind_correction_deg(0.0, 100.0, 90.0, 120.0), 90.0, 0.0);
    assert_near(wind_correction_deg(0.0, 100.0, 270.0, 120.0), -90.0, 0.0);
    /* calm air, no airspeed, or an input not known: none */
    assert_near(wind_correction_deg(0.0, 100.0, 90.0, 0.0), 0.0, 0.0);
    assert_near(wind_correction_deg(0.0, 0.0, 90.0, 20.0), 0.0, 0.0);
    assert_near(wind_correction_deg(0.0, NAN, 90.0, 20.0), 0.0, 0.0);
    assert_near(wind_correction_deg(NAN, 100.0, 90.0, 20.0), 0.0, 0.0);
    assert_near(wind_correction_deg(0.0, 100.0, INFINITY, 20.0), 0.0, 0.0);
}

/* An outbound leg on 090, +-10, graded for 20 s; WIND is replaced by the
 * grade's wind-correction= (or nothing). */
static const char HOLD_XML[] =
    "<lesson id=\"t/wind\" aircraft=\"super-mushak\" max-s=\"100\"><title>T</title>\n"
    "<setup airport=\"OPRS\" runway=\"27L\"><airborne bearing-deg=\"90\" distance-nm=\"8\" alt-ft=\"4000\" "
    "heading-deg=\"90\" ias-kt=\"100\"/></setup>\n"
    "<exercise id=\"outbound\" title=\"Outbound\" max-s=\"30\"><fly heading-deg=\"90\" max-s=\"30\"/>\n"
    "<complete when=\"ex-time-s ge 20\"/>\n"
    "<grade id=\"heading\" title=\"Outbound heading\" channel=\"heading-deg\" target=\"90\" tolerance=\"10\" "
    "wrap=\"360\" unit=\"deg\" %s source=\"test\"/>\n"
    "</exercise></lesson>";

static const char *const CHANNELS[] = {"t-s", "heading-deg", "tas-kt", "wind-from-deg", "wind-kt"};

/* A steady heading at 100 kt true, the wind at the exercise's entry and
 * calm from 5 s on. */
typedef struct windy {
    double heading, from_deg, wind_kt;
} windy;

static void windy_sample(double t, double *v, const void *ctx)
{
    const windy *w = ctx;
    v[1] = w->heading;
    v[2] = 100.0;
    v[3] = w->from_deg;
    v[4] = t < 5.0 ? w->wind_kt : 0.0;
}

/* The heading element's mark and band centre after 25 s on `heading` at
 * 100 kt true, the wind `wind_kt` from `from_deg` at the exercise's entry
 * and calm from 5 s on, graded with wind-correction="factor" (0: none). */
static grade_mark fly(double factor, double heading, double from_deg, double wind_kt, double *target)
{
    char attr[48] = "", xml[2048];
    if (factor > 0.0)
        snprintf(attr, sizeof attr, "wind-correction=\"%g\"", factor);
    snprintf(xml, sizeof xml, HOLD_XML, attr);
    const windy w = {heading, from_deg, wind_kt};
    sheet_element e = graded_single(xml, "wind.xml", CHANNELS, 5, windy_sample, &w);
    *target = e.target;
    return e.mark;
}

static void the_outbound_band_moves_into_the_wind_by_three_corrections(void **state)
{
    (void)state;
    double target;
    /* 20 kt from the north on an eastbound leg: head 3 x 11.5 deg left */
    assert_true(fly(3.0, 56.0, 360.0, 20.0, &target) >= MARK_FAIR);
    assert_near(target, 90.0 - 3.0 * WCA_20_100_DEG, 1e-9);
    assert_int_equal(fly(0.0, 56.0, 360.0, 20.0, &target), MARK_UNSAT);
    assert_near(target, 90.0, 0.0);
    /* the uncorrected 090 in that wind is beyond the corrected band */
    assert_int_equal(fly(3.0, 90.0, 360.0, 20.0, &target), MARK_UNSAT);
    /* from the south: to the right, past 360 where it must */
    assert_true(fly(3.0, 124.0, 180.0, 20.0, &target) >= MARK_FAIR);
    assert_near(target, 90.0 + 3.0 * WCA_20_100_DEG, 1e-9);
    /* the wind that counts is the one at the exercise's entry (the calm
     * after 5 s moves nothing), and a headwind needs no correction */
    assert_true(fly(1.0, 90.0, 90.0, 20.0, &target) >= MARK_FAIR);
    assert_near(target, 90.0, 1e-9);
}

static void a_band_about_north_is_shown_within_0_to_360(void **state)
{
    (void)state;
    /* 60 kt from the north at 100 kt, five corrections: 90 - 5 x 36.9
     * = -94.3 deg, shown as 265.7 */
    double target;
    assert_true(fly(5.0, 266.0, 360.0, 60.0, &target) >= MARK_FAIR);
    assert_near(target, 360.0 + 90.0 - 5.0 * asin(0.6) * 180.0 / M_PI, 1e-9);
}

static void a_recording_without_the_wind_channels_grades_the_band_unmoved(void **state)
{
    (void)state;
    char xml[2048];
    snprintf(xml, sizeof xml, HOLD_XML, "wind-correction=\"3\"");
    lesson l;
    saqr_err err;
    err_clear(&err);
    assert_int_equal(lesson_parse_memory(xml, strlen(xml), "wind.xml", &l, &err), SAQR_OK);
    /* a live sortie must record them: binding without them is an error */
    static const char *const OLD[] = {"t-s", "heading-deg", "tas-kt"};
    assert_int_equal(lesson_bind(&l, OLD, 3, &err), SAQR_EPARSE);
    assert_non_null(strstr(err.msg, "wind.xml:5"));
    assert_non_null(strstr(err.msg, "wind-from-deg"));
    /* an older recording: graded, its band unmoved */
    assert_int_equal(lesson_bind_recorded(&l, OLD, 3, &err), SAQR_OK);
    grader *g = grader_create(&l, OLD, 3, "trainee");
    assert_non_null(g);
    for (int k = 0; k <= 250; k++) {
        double v[3] = {0.1 * k, 56.0, 100.0};
        grader_sample(g, v);
    }
    grade_sheet sh;
    assert_int_equal(grader_finish(g, &sh), SAQR_OK);
    assert_int_equal(sh.elements[0].mark, MARK_UNSAT);
    assert_near(sh.elements[0].target, 90.0, 0.0);
    sheet_free(&sh);
    grader_destroy(g);
    lesson_free(&l);
}

static void expect_error(const char *xml, const char *line, const char *words)
{
    lesson l;
    saqr_err err;
    err_clear(&err);
    assert_int_equal(lesson_parse_memory(xml, strlen(xml), "wind.xml", &l, &err), SAQR_EPARSE);
    lesson_free(&l);
    if (!strstr(err.msg, line) || !strstr(err.msg, words))
        fail_msg("expected \"%s\" and \"%s\" in \"%s\"", line, words, err.msg);
}

static void a_wind_correction_that_means_nothing_is_an_error(void **state)
{
    (void)state;
    static const char *const bad[][2] = {
        {"wind-correction=\"0\"", "wind-correction= is a factor above 0, at most 5"},
        {"wind-correction=\"6\"", "wind-correction= is a factor above 0, at most 5"},
        {"wind-correction=\"-1\"", "wind-correction= is a factor above 0, at most 5"},
        {"wind-correction=\"triple\"", "wind-correction=\"triple\" is not a number"},
    };
    char xml[2048];
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        snprintf(xml, sizeof xml, HOLD_XML, bad[i][0]);
        expect_error(xml, "wind.xml:5", bad[i][1]);
    }
    /* on a grade that is not a heading's target band */
    static const char NOT_HEADING[] =
        "<lesson id=\"t/wind\" aircraft=\"super-mushak\" max-s=\"100\"><title>T</title>\n"
        "<setup airport=\"OPRS\" runway=\"27L\"><on-runway/></setup>\n"
        "<exercise id=\"e\" max-s=\"30\"><fly heading-deg=\"90\" max-s=\"30\"/>\n"
        "<grade id=\"h\" channel=\"heading-deg\" min=\"80\" max=\"100\" wrap=\"360\" wind-correction=\"1\" "
        "source=\"test\"/>\n"
        "</exercise></lesson>";
    expect_error(NOT_HEADING, "wind.xml:4", "needs target= and wrap=\"360\"");
    /* on a segment that flies a track or the runway's course */
    static const char ON_TRACK[] =
        "<lesson id=\"t/wind\" aircraft=\"super-mushak\" max-s=\"100\"><title>T</title>\n"
        "<setup airport=\"OPRS\" runway=\"27L\"><on-runway/></setup>\n"
        "<exercise id=\"e\" max-s=\"30\">\n<fly %s wind-correction=\"3\" max-s=\"30\"/>\n"
        "<grade id=\"h\" channel=\"heading-deg\" target=\"90\" tolerance=\"10\" wrap=\"360\" source=\"test\"/>\n"
        "</exercise></lesson>";
    static const char *const not_heading[] = {"track-deg=\"90\"", "course=\"runway\"", "bank-deg=\"20\""};
    for (size_t i = 0; i < 3; i++) {
        snprintf(xml, sizeof xml, ON_TRACK, not_heading[i]);
        expect_error(xml, "wind.xml:4", "wind-correction= corrects a heading-deg=");
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_correction_is_the_wind_triangles_angle),
        cmocka_unit_test(the_outbound_band_moves_into_the_wind_by_three_corrections),
        cmocka_unit_test(a_band_about_north_is_shown_within_0_to_360),
        cmocka_unit_test(a_recording_without_the_wind_channels_grades_the_band_unmoved),
        cmocka_unit_test(a_wind_correction_that_means_nothing_is_an_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
