/*
 * test_briefing.c - a lesson's pre-flight briefing (src/train/briefing.c):
 * each kind of standard in words against the lesson file's numbers, and
 * the page of a shipped lesson (super-mushak/normal-approach-and-landing,
 * whose figures - 72.5 +-7.5 kt from ACS IV.B's +10/-5 kt about 70 kt, the
 * 500 to 900 ft touch-down zone, -360 fpm - are read from the file here,
 * not from the code) with every element and its source; markup in a
 * lesson's texts escaped.
 */
#include "test_util.h"

#include <math.h>
#include <stdlib.h>

#include "train/briefing.h"

#ifndef SAQR_ROOT_DIR
#define SAQR_ROOT_DIR "."
#endif

static lesson_grade grade(void)
{
    lesson_grade g;
    memset(&g, 0, sizeof g);
    g.target.v = NAN;
    g.min = NAN;
    g.max = NAN;
    snprintf(g.unit, sizeof g.unit, "ft");
    return g;
}

static void standards_should_read_as_the_band_and_when_it_is_judged(void **state)
{
    (void)state;
    char buf[256];
    lesson_grade g = grade();
    g.target.v = 45.0;
    g.tolerance = 5.0;
    snprintf(g.unit, sizeof g.unit, "deg");
    briefing_standard_text(&g, buf, sizeof buf);
    assert_string_equal(buf, "45 \xC2\xB1" "5 deg, held throughout");
    g = grade();
    g.target.v = 0.0;
    g.target.from_entry = 1;
    g.tolerance = 100.0;
    g.at = LAT_END;
    briefing_standard_text(&g, buf, sizeof buf);
    assert_string_equal(buf, "within 100 ft of the value at the exercise's entry, at the end of the exercise");
    g.target.v = 180.0;
    briefing_standard_text(&g, buf, sizeof buf);
    assert_string_equal(buf, "the entry value +180 ft, \xC2\xB1" "100 ft, at the end of the exercise");
    g = grade();
    g.min = 500.0;
    g.max = 900.0;
    g.at = LAT_EVENT;
    snprintf(g.event, sizeof g.event, "touchdown");
    briefing_standard_text(&g, buf, sizeof buf);
    assert_string_equal(buf, "500 to 900 ft, at the touchdown");
    g = grade();
    g.min = -360.0;
    snprintf(g.unit, sizeof g.unit, "fpm");
    g.from_captured = 1;
    briefing_standard_text(&g, buf, sizeof buf);
    assert_string_equal(buf, "no lower than -360 fpm, held once captured");
    g = grade();
    g.max = 1.5;
    snprintf(g.unit, sizeof g.unit, "g");
    briefing_standard_text(&g, buf, sizeof buf);
    assert_string_equal(buf, "no higher than 1.5 g, held throughout");
    g.unit[0] = '\0'; /* a bare number: no stray space */
    briefing_standard_text(&g, buf, sizeof buf);
    assert_string_equal(buf, "no higher than 1.5, held throughout");
    g = grade(); /* an approach speed with the gust factor applied */
    g.target.v = 72.5;
    g.tolerance = 7.5;
    g.gust_share = 0.5;
    snprintf(g.unit, sizeof g.unit, "kt");
    snprintf(g.from.text, sizeof g.from.text, "ex-time-s ge 8");
    g.from.nclauses = 1;
    briefing_standard_text(&g, buf, sizeof buf);
    assert_string_equal(buf, "72.5 \xC2\xB1" "7.5 kt plus 0.5 of the gust factor, held from when ex-time-s ge 8");
    g = grade(); /* headings with the wind's correction: an inbound course's, a holding's outbound leg */
    g.target.v = 273.68;
    g.tolerance = 10.0;
    g.wind_factor = 1.0;
    g.from_captured = 1;
    snprintf(g.unit, sizeof g.unit, "deg");
    briefing_standard_text(&g, buf, sizeof buf);
    assert_string_equal(buf, "273.68 \xC2\xB1" "10 deg, corrected for the wind, held once captured");
    g.wind_factor = 3.0;
    g.from_captured = 0;
    briefing_standard_text(&g, buf, sizeof buf);
    assert_string_equal(buf, "273.68 \xC2\xB1" "10 deg, corrected for 3 times the wind's drift, held throughout");
    g = grade();
    g.max = 1.5;
    g.unit[0] = '\0';
    char tiny[8]; /* cut, never overrun */
    briefing_standard_text(&g, tiny, sizeof tiny);
    assert_int_equal(strlen(tiny), 7);
}

static char *page_of(const lesson *l)
{
    char *page = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&page, &len);
    assert_non_null(f);
    assert_int_equal(briefing_write_html(l, f), 0);
    assert_int_equal(fclose(f), 0);
    return page;
}

static void a_shipped_lessons_page_should_list_every_element_with_its_source(void **state)
{
    (void)state;
    lesson l;
    saqr_err err = {""};
    const char *id = "super-mushak/normal-approach-and-landing";
    char path[1024];
    snprintf(path, sizeof path, "%s/lessons/%s.xml", SAQR_ROOT_DIR, id);
    if (lesson_load(path, id, &l, &err))
        fail_msg("%s", err.msg);
    char *page = page_of(&l);
    int rows = 0;
    for (int i = 0; i < l.nexercises; i++)
        for (int k = 0; k < l.exercises[i].ngrades; k++) {
            const lesson_grade *g = &l.exercises[i].grades[k];
            char key[320], std[256];
            snprintf(key, sizeof key, "<tr data-element=\"%s.%s\"><td>%s</td><td>", l.exercises[i].id, g->id,
                     g->title);
            const char *row = strstr(page, key);
            if (!row)
                fail_msg("no row %s", key);
            briefing_standard_text(g, std, sizeof std);
            assert_non_null(strstr(row, std));
            rows++;
        }
    assert_int_equal(rows, 6);
    /* the figures as the lesson file gives them */
    assert_non_null(strstr(page, "72.5 \xC2\xB1" "7.5 kt plus 0.5 of the gust factor, held from when agl-ft le 500"));
    assert_non_null(strstr(page, "500 to 900 ft, at the touchdown"));
    assert_non_null(strstr(page, "no lower than -360 fpm, at the touchdown"));
    assert_non_null(strstr(page, "FAA ACS (private pilot) IV.B"));
    assert_non_null(strstr(page, "Airborne 3.0 nm from OPRS runway 27L"));
    assert_non_null(strstr(page, "Wind calm, turbulence none"));
    assert_non_null(strstr(page, "Three miles final for runway 27L"));
    free(page);
    lesson_free(&l);
}

/* A ground reference's exercises say what they circle: a checkpoint by
 * its name, or the point abeam where the exercise begins; the page
 * escapes the name. */
static void a_ground_reference_page_should_say_what_each_exercise_circles(void **state)
{
    (void)state;
    lesson l;
    saqr_err err = {""};
    char path[1024];
    snprintf(path, sizeof path, "%s/lessons/super-mushak/turns-around-a-point.xml", SAQR_ROOT_DIR);
    if (lesson_load(path, NULL, &l, &err))
        fail_msg("%s", err.msg);
    snprintf(l.route.cp[0].name, sizeof l.route.cp[0].name, "Silo <&>");
    char *page = page_of(&l);
    assert_non_null(strstr(page, "<p class=\"about\">Flown as a circle of 0.25 nm about Silo &lt;&amp;&gt;.</p>"));
    assert_non_null(strstr(page, "about East point (half a mile east of it)."));
    free(page);
    l.exercises[1].around.kind = LAROUND_ABEAM_LEFT;
    l.exercises[1].around.radius_nm = 0.3;
    page = page_of(&l);
    assert_non_null(strstr(page, "a circle of 0.30 nm about the point that far to the left of the heading where it "
                                 "begins."));
    free(page);
    lesson_free(&l);
}

static void markup_in_a_lessons_texts_should_be_escaped(void **state)
{
    (void)state;
    const char *xml =
        "<lesson id=\"x/y\" aircraft=\"super-mushak\" max-s=\"60\"><title>A &lt;b&gt; test</title>"
        "<briefing>Roll &lt;script&gt;alert(1)&lt;/script&gt; in.\n\n  Second   paragraph.</briefing>"
        "<setup airport=\"OPRS\" runway=\"27L\"><on-runway/></setup>"
        "<exercise id=\"e\" title=\"E &amp; F\" max-s=\"30\"><fly pitch-deg=\"5\" max-s=\"10\"/><complete when=\"t-s ge 10\"/>"
        "<grade id=\"g\" title=\"Bank &lt;i&gt;\" channel=\"roll-deg\" target=\"0\" tolerance=\"5\" unit=\"deg\""
        " source=\"src &lt;s&gt;\"/></exercise></lesson>";
    lesson l;
    saqr_err err = {""};
    if (lesson_parse_memory(xml, strlen(xml), "test.xml", &l, &err))
        fail_msg("%s", err.msg);
    char *page = page_of(&l);
    assert_null(strstr(page, "<script>"));
    assert_null(strstr(page, "<b>"));
    assert_null(strstr(page, "<i>"));
    assert_non_null(strstr(page, "Roll &lt;script&gt;alert(1)&lt;/script&gt; in.</p>"));
    assert_non_null(strstr(page, "<p class=\"brief\">Second   paragraph.</p>"));
    assert_non_null(strstr(page, "Exercise 1: E &amp; F"));
    assert_non_null(strstr(page, "src &lt;s&gt;"));
    assert_non_null(strstr(page, "Lined up on runway 27L at OPRS"));
    free(page);
    lesson_free(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(standards_should_read_as_the_band_and_when_it_is_judged),
        cmocka_unit_test(a_shipped_lessons_page_should_list_every_element_with_its_source),
        cmocka_unit_test(a_ground_reference_page_should_say_what_each_exercise_circles),
        cmocka_unit_test(markup_in_a_lessons_texts_should_be_escaped),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
