/*
 * test_debrief_conditions.c - the debrief's weather line: the wind at the
 * start as a pilot reads it (direction true to the degree, 360 for north,
 * speed to the knot, the gust factor above it), the range it took when
 * the instructor changed it, and nothing for a recording made before the
 * wind was recorded.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <math.h>

#include "train/debrief_conditions.h"
#include "train/lesson.h"

enum { CH_T, CH_FROM, CH_KT, CH_GUST, NCH };

/* The line for a recording of n frames of (from, kt, gust), with nch
 * channels (NCH, or fewer: an older recording); the text is owned. */
static char *line_for(const double (*frames)[3], size_t n, int nch)
{
    rec_channel ch[NCH];
    const char *names[NCH] = {"t-s", "wind-from-deg", "wind-kt", "gust-kt"};
    for (int i = 0; i < NCH; i++) {
        snprintf(ch[i].name, sizeof ch[i].name, "%s", names[i]);
        ch[i].type = REC_F32;
    }
    double *values = calloc(n * (size_t)nch, sizeof *values);
    assert_non_null(values);
    for (size_t k = 0; k < n; k++) {
        double *v = values + k * (size_t)nch;
        v[CH_T] = (double)k;
        for (int i = 1; i < nch; i++)
            v[i] = frames[k][i - 1];
    }
    rec_data rec;
    memset(&rec, 0, sizeof rec);
    rec.nch = nch;
    rec.ch = ch;
    rec.nframes = n;
    rec.values = values;
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_non_null(f);
    debrief_write_conditions(f, &rec);
    fclose(f);
    free(values);
    return text;
}

static void expect_line(const double (*frames)[3], size_t n, int nch, const char *want)
{
    char *text = line_for(frames, n, nch);
    if (strcmp(text, want) != 0)
        fail_msg("got \"%s\", expected \"%s\"", text, want);
    free(text);
}

static void the_wind_at_the_start_is_read_as_a_pilot_reads_it(void **state)
{
    (void)state;
    const double crosswind[2][3] = {{3.68, 20.0, 0.0}, {3.68, 20.0, 0.0}};
    expect_line(crosswind, 2, NCH, "<p class=\"conditions\">Wind at the start: from 004\xC2\xB0 true at 20 kt.</p>\n");
    const double north_gusty[1][3] = {{359.7, 12.4, 6.2}};
    expect_line(north_gusty, 1, NCH,
                "<p class=\"conditions\">Wind at the start: from 360\xC2\xB0 true at 12 kt, gusts to 6 kt above it.</p>\n");
    const double calm[1][3] = {{0.0, 0.0, 0.0}};
    expect_line(calm, 1, NCH, "<p class=\"conditions\">Wind at the start: calm.</p>\n");
}

static void a_change_by_the_instructor_is_told_with_its_range(void **state)
{
    (void)state;
    const double stronger[3][3] = {{220.0, 10.0, 0.0}, {220.0, 25.0, 5.0}, {220.0, 16.0, 5.0}};
    expect_line(stronger, 3, NCH,
                "<p class=\"conditions\">Wind at the start: from 220\xC2\xB0 true at 10 kt. Changed during the sortie: "
                "the wind 10\xE2\x80\x93" "25 kt, gusts 0\xE2\x80\x93" "5 kt.</p>\n");
    const double veered[2][3] = {{350.0, 15.0, 0.0}, {20.0, 15.0, 0.0}};
    expect_line(veered, 2, NCH,
                "<p class=\"conditions\">Wind at the start: from 350\xC2\xB0 true at 15 kt. Changed during the sortie: "
                "its direction.</p>\n");
}

static void a_recording_without_the_wind_has_no_line(void **state)
{
    (void)state;
    const double any[1][3] = {{220.0, 10.0, 0.0}};
    expect_line(any, 1, 2, ""); /* t-s and wind-from-deg only */
    expect_line(any, 0, NCH, ""); /* no frames */
}

/* The sky line for lesson set-up sky (visibility, cover, base, time; NAN:
 * not set) and the recording's events; the text is owned. */
static char *sky_line(double vis, double cover, double base, double tod, const rec_event *ev, size_t nev)
{
    lesson l;
    memset(&l, 0, sizeof l);
    l.setup.visibility_m = vis;
    l.setup.cloud_cover = cover;
    l.setup.cloud_base_ft = base;
    l.setup.time_of_day = tod;
    rec_data rec;
    memset(&rec, 0, sizeof rec);
    rec.events = (rec_event *)ev;
    rec.nevents = nev;
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_non_null(f);
    debrief_write_sky(f, &rec, &l);
    fclose(f);
    return text;
}

static void the_sky_is_the_lessons_then_each_change_with_its_time(void **state)
{
    (void)state;
    char *t = sky_line(800.0, 4.0, 150.0, NAN, NULL, 0);
    assert_string_equal(t, "<p class=\"conditions\">Sky at the start: visibility 800 m, overcast at 150 ft, noon.</p>\n");
    free(t);
    rec_event ev[3];
    memset(ev, 0, sizeof ev);
    ev[0].t_s = 61.4;
    snprintf(ev[0].kind, sizeof ev[0].kind, "weather");
    snprintf(ev[0].text, sizeof ev[0].text, "wind 270/20 kt");
    ev[1].t_s = 95.6;
    snprintf(ev[1].kind, sizeof ev[1].kind, "sky");
    snprintf(ev[1].text, sizeof ev[1].text, "visibility 1500 m, clear, dusk");
    ev[2].t_s = 130.0;
    snprintf(ev[2].kind, sizeof ev[2].kind, "sky");
    snprintf(ev[2].text, sizeof ev[2].text, "visibility 3000 m, broken at 800 ft, <evening>");
    /* a lesson without <sky>: the clear noon, then the changes (escaped) */
    t = sky_line(NAN, NAN, NAN, NAN, ev, 3);
    assert_string_equal(t, "<p class=\"conditions\">Sky at the start: visibility 30000 m, clear, noon. Changed by the "
                           "instructor: at t=96 s to visibility 1500 m, clear, dusk; at t=130 s to visibility "
                           "3000 m, broken at 800 ft, &lt;evening&gt;.</p>\n");
    free(t);
    /* neither a <sky> nor a change: nothing */
    t = sky_line(NAN, NAN, NAN, NAN, ev, 1);
    assert_string_equal(t, "");
    free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_wind_at_the_start_is_read_as_a_pilot_reads_it),
        cmocka_unit_test(a_change_by_the_instructor_is_told_with_its_range),
        cmocka_unit_test(a_recording_without_the_wind_has_no_line),
        cmocka_unit_test(the_sky_is_the_lessons_then_each_change_with_its_time),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
