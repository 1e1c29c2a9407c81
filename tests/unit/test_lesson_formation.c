/*
 * test_lesson_formation.c - a formation lesson's <lead> and <formation>
 * as read (lesson.h lesson_lead): what a good one holds, and each mistake
 * an error naming its line and what is wrong.  A formation take-off's
 * lines along the runway (<on-runway right-ft=>, line-right-ft=) too.
 */
#include "test_util.h"

#include "lesson_errors.h"

#include <math.h>

static const char *const good =
    "<?xml version=\"1.0\"?>\n"                                                              /* 1 */
    "<lesson id=\"t/formation\" aircraft=\"super-mushak\" max-s=\"300\">\n"                  /* 2 */
    "  <setup airport=\"OPRS\" runway=\"27L\">\n"                                            /* 3 */
    "    <airborne bearing-deg=\"0\" distance-nm=\"10\" alt-ft=\"4500\" heading-deg=\"360\" ias-kt=\"100\"/>\n"
    "  </setup>\n"                                                                           /* 5 */
    "  <lead ahead-ft=\"-100\" right-ft=\"100\" above-ft=\"-10\">\n"                         /* 6 */
    "    <fly heading-deg=\"entry\" alt-ft=\"entry\" ias-kt=\"100\" max-s=\"60\"/>\n"        /* 7 */
    "    <fly heading-deg=\"entry-90\" max-bank-deg=\"30\" ias-kt=\"100\" until=\"turn-deg le -89\"/>\n"
    "  </lead>\n"                                                                            /* 9 */
    "  <exercise id=\"echelon\" title=\"Echelon right\" max-s=\"100\">\n"                    /* 10 */
    "    <formation ahead-ft=\"-100\" right-ft=\"100\" above-ft=\"-10\" max-s=\"30\"/>\n"    /* 11 */
    "    <formation ahead-ft=\"-100\" right-ft=\"-100\"/>\n"                                 /* 12 */
    "    <complete when=\"ex-time-s ge 55\"/>\n"                                             /* 13 */
    "    <grade id=\"step\" title=\"Step\" channel=\"form-above-ft\" target=\"-10\" tolerance=\"30\" unit=\"ft\" "
    "source=\"test\"/>\n"                                                                    /* 14 */
    "  </exercise>\n"                                                                        /* 15 */
    "</lesson>\n";

static void a_formation_lesson_reads_with_its_lead_and_stations(void **state)
{
    (void)state;
    lesson l;
    lesson_parse_or_fail(good, &l);
    assert_int_equal(l.lead.present, 1);
    assert_true(l.lead.ahead_ft == -100.0 && l.lead.right_ft == 100.0 && l.lead.above_ft == -10.0);
    assert_int_equal(l.lead.plan.nsegments, 2);
    assert_int_equal(l.lead.plan.segments[1].mode, LMODE_FLY);
    assert_true(l.lead.plan.segments[1].heading_deg.from_entry && l.lead.plan.segments[1].heading_deg.v == -90.0);
    const lesson_segment *f = l.exercises[0].segments;
    assert_int_equal(f[0].mode, LMODE_FORMATION);
    assert_true(f[0].station_ahead_ft == -100.0 && f[0].station_right_ft == 100.0 && f[0].station_above_ft == -10.0);
    assert_true(f[1].station_right_ft == -100.0 && f[1].station_above_ft == 0.0);
    assert_true(f[0].max_bank_deg == 45.0 && f[0].max_s == 30.0);
    assert_true(f[0].line_right_ft == 0.0 && l.setup.runway_right_ft == 0.0); /* the centreline unless told */
    /* the channels bind, the lead's profile's too */
    const char *names[] = {"t-s", "form-above-ft"};
    saqr_err err;
    err_clear(&err);
    assert_int_equal(lesson_bind(&l, names, 2, &err), SAQR_OK);
    assert_int_equal(l.lead.plan.segments[1].until.c[0].ch, 2 + 1); /* turn-deg, derived */
    lesson_free(&l);
}

static void formation_mistakes_are_errors_that_name_the_line(void **state)
{
    (void)state;
    expect_lesson_error(good, "ahead-ft=\"-100\" right-ft=\"100\" above-ft=\"-10\">", "right-ft=\"100\">", 6,
                        "<lead> needs ahead-ft= and right-ft=");
    expect_lesson_error(good, "ahead-ft=\"-100\" right-ft=\"100\" above-ft=\"-10\">",
                        "ahead-ft=\"-10\" right-ft=\"10\" above-ft=\"-10\">", 6, "keep the aircraft apart");
    expect_lesson_error(good, "ahead-ft=\"-100\" right-ft=\"100\" above-ft=\"-10\">",
                        "ahead-ft=\"-100\" right-ft=\"9000\">", 6, "within -6000..6000");
    expect_lesson_error(good, "ahead-ft=\"-100\" right-ft=\"100\" above-ft=\"-10\">",
                        "ahead-ft=\"-100\" right-ft=\"wide\">", 6, "right-ft");
    expect_lesson_error(good, "above-ft=\"-10\">", "above-ft=\"-10\" colour=\"red\">", 6, "colour");
    expect_lesson_error(good, "  </lead>\n", "  </lead>\n  <lead ahead-ft=\"-100\" right-ft=\"100\"><fly/></lead>\n",
                        10, "one <lead>");
    expect_lesson_error(good, "    <fly heading-deg=\"entry\" alt-ft=\"entry\" ias-kt=\"100\" max-s=\"60\"/>",
                        "    <formation ahead-ft=\"-100\" right-ft=\"100\" max-s=\"60\"/>", 7, "not formation");
    expect_lesson_error(good, "ias-kt=\"100\" max-s=\"60\"/>", "ias-kt=\"100\"/>", 7, "until= or max-s=");
    expect_lesson_error(good, "    <fly heading-deg=\"entry\" alt-ft=\"entry\" ias-kt=\"100\" max-s=\"60\"/>",
                        "    <grade/>", 7, "<lead> holds");
    expect_lesson_error(good, "<formation ahead-ft=\"-100\" right-ft=\"100\" above-ft=\"-10\" max-s=\"30\"/>",
                        "<formation ahead-ft=\"-100\" max-s=\"30\"/>", 11, "needs ahead-ft= and right-ft=");
    expect_lesson_error(good, "<formation ahead-ft=\"-100\" right-ft=\"100\" above-ft=\"-10\" max-s=\"30\"/>",
                        "<formation ahead-ft=\"-20\" right-ft=\"5\" max-s=\"30\"/>", 11, "collide");
    expect_lesson_error(good, "<formation ahead-ft=\"-100\" right-ft=\"100\" above-ft=\"-10\" max-s=\"30\"/>",
                        "<formation ahead-ft=\"-100\" right-ft=\"100\" heading-deg=\"90\" max-s=\"30\"/>", 11,
                        "heading-deg");
    expect_lesson_error(good, "<formation ahead-ft=\"-100\" right-ft=\"100\" above-ft=\"-10\" max-s=\"30\"/>",
                        "<formation ahead-ft=\"-100\" right-ft=\"100\" above-ft=\"-7000\" max-s=\"30\"/>", 11,
                        "within -6000..6000");
    /* a formation take-off's lines along the runway */
    expect_lesson_error(good, "<formation ahead-ft=\"-100\" right-ft=\"100\" above-ft=\"-10\" max-s=\"30\"/>",
                        "<formation ahead-ft=\"-100\" right-ft=\"100\" line-right-ft=\"120\" max-s=\"30\"/>", 11,
                        "line-right-ft= is within -100..100");
    expect_lesson_error(good, "ias-kt=\"100\" max-s=\"60\"/>", "ias-kt=\"100\" max-s=\"60\" line-right-ft=\"x\"/>", 7,
                        "line-right-ft=\"x\" is not a number");
    expect_lesson_error(good, "<airborne bearing-deg=\"0\" distance-nm=\"10\" alt-ft=\"4500\" heading-deg=\"360\" "
                        "ias-kt=\"100\"/>", "<on-runway right-ft=\"-150\"/>", 4, "<on-runway right-ft=> is within -100..100");
    expect_lesson_error(good, "<airborne bearing-deg=\"0\" distance-nm=\"10\" alt-ft=\"4500\" heading-deg=\"360\" "
                        "ias-kt=\"100\"/>", "<on-runway left-ft=\"20\"/>", 4, "left-ft");
    /* a <formation> needs a lead to keep station on */
    char text[4096];
    const char *lead = strstr(good, "  <lead"), *lead_end = strstr(good, "  </lead>\n") + strlen("  </lead>\n");
    snprintf(text, sizeof text, "%.*s%s", (int)(lead - good), good, lead_end);
    expect_lesson_text_error(text, "t.xml:7: <formation> keeps station on the lesson's <lead>");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_formation_lesson_reads_with_its_lead_and_stations),
        cmocka_unit_test(formation_mistakes_are_errors_that_name_the_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
