/*
 * test_sheet_band.c - a heading band about north is shown as a compass
 * reads it (349.4 .. 9.4), on the printed sheet and in its edges; other
 * bands as they are.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "train/sheet.h"

static sheet_element band(const char *channel, double lo, double hi)
{
    sheet_element e;
    memset(&e, 0, sizeof e);
    snprintf(e.exercise, sizeof e.exercise, "turn");
    snprintf(e.name, sizeof e.name, "rollout");
    snprintf(e.title, sizeof e.title, "Roll-out heading");
    snprintf(e.channel, sizeof e.channel, "%s", channel);
    snprintf(e.unit, sizeof e.unit, "deg");
    e.lo = lo;
    e.hi = hi;
    e.target = 0.5 * (lo + hi);
    e.tolerance = 0.5 * (hi - lo);
    e.worst = 355.9;
    e.mark = MARK_EXCELLENT;
    return e;
}

static void a_compass_band_edge_is_shown_within_0_to_360(void **state)
{
    (void)state;
    sheet_element h = band("heading-deg", 349.4, 369.4);
    assert_true(fabs(sheet_band_shown(&h, 369.4) - 9.4) < 1e-9);
    assert_true(fabs(sheet_band_shown(&h, -10.0) - 350.0) < 1e-9);
    assert_true(fabs(sheet_band_shown(&h, 349.4) - 349.4) < 1e-9);
    assert_true(isinf(sheet_band_shown(&h, HUGE_VAL))); /* an open side stays open */
    sheet_element t = band("track-deg", 355.0, 365.0), w = band("wind-from-deg", 355.0, 365.0);
    assert_true(fabs(sheet_band_shown(&t, 365.0) - 5.0) < 1e-9);
    assert_true(fabs(sheet_band_shown(&w, 365.0) - 5.0) < 1e-9);
    /* a bank or a roll in degrees is not a direction: as it is */
    sheet_element r = band("roll-deg", -370.0, 370.0);
    assert_true(sheet_band_shown(&r, 370.0) == 370.0 && sheet_band_shown(&r, -370.0) == -370.0);
}

static void the_printed_sheet_reads_the_band_about_north_as_a_compass_does(void **state)
{
    (void)state;
    sheet_element e = band("heading-deg", 349.4, 369.4);
    grade_sheet s;
    memset(&s, 0, sizeof s);
    snprintf(s.lesson, sizeof s.lesson, "super-mushak/slow-flight");
    s.nelements = 1;
    s.elements = &e;
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_non_null(f);
    sheet_print(&s, f);
    fclose(f);
    if (!strstr(text, "349.4 .. 9.4 deg") || strstr(text, "369.4"))
        fail_msg("%s", text);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_compass_band_edge_is_shown_within_0_to_360),
        cmocka_unit_test(the_printed_sheet_reads_the_band_about_north_as_a_compass_does),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
