/*
 * test_campaign_read.c - reading campaign files: a good file gives what
 * it says, the shipped campaigns read, and every kind of mistake is
 * refused with the file and the line it is on.
 */
#include "test_util.h"

#include <glob.h>
#include <math.h>

#include "campaign/campaign.h"

static campaign c; /* large */

static const char good[] =
    "<?xml version=\"1.0\"?>\n"
    "<campaign id=\"x\" runs=\"24\" seed=\"18446744073709551615\">\n"
    "  <title>A test</title>\n"
    "  <lesson id=\"super-mushak/normal-approach-and-landing\"/>\n"
    "  <disperse param=\"crosswind-kt\" dist=\"uniform\" min=\"0\" max=\"15\"/>\n"
    "  <disperse param=\"gust-kt\" dist=\"truncated-normal\" mean=\"4\" sd=\"3\" min=\"0\" max=\"10\"/>\n"
    "  <disperse param=\"turbulence\" dist=\"choice\" values=\"0 1 2\" weights=\"2 1 1\"/>\n"
    "  <disperse param=\"payload-kg\" pointmass=\"2\" dist=\"normal\" mean=\"90\" sd=\"5\"/>\n"
    "  <disperse param=\"property\" property=\"atmosphere/delta-T\" name=\"dT\" dist=\"normal\" mean=\"0\" sd=\"5\"/>\n"
    "  <output name=\"bank\" property=\"attitude/phi-deg\" at=\"max\" pass-max=\"30\"/>\n"
    "</campaign>\n";

static void a_good_file_should_give_what_it_says(void **state)
{
    (void)state;
    saqr_err err = {""};
    assert_int_equal(campaign_parse_memory(good, sizeof good - 1, "good.xml", &c, &err), SAQR_OK);
    assert_string_equal(c.id, "x");
    assert_string_equal(c.title, "A test");
    assert_int_equal(c.runs, 24);
    assert_true(c.seed == UINT64_MAX);
    assert_false(c.is_script);
    assert_string_equal(c.lesson_id, "super-mushak/normal-approach-and-landing");
    assert_int_equal(c.nparams, 5);
    assert_int_equal(c.params[0].kind, CP_CROSSWIND_KT);
    assert_int_equal(c.params[1].d.kind, DIST_TRUNC_NORMAL);
    assert_near(c.params[1].d.sd, 3.0, 0.0);
    assert_int_equal(c.params[2].d.nchoices, 3);
    assert_near(c.params[2].d.weights[0], 2.0, 0.0);
    assert_int_equal(c.params[3].pointmass, 2);
    assert_string_equal(c.params[4].name, "dT");
    assert_string_equal(c.params[4].property, "atmosphere/delta-T");
    assert_string_equal(c.params[0].where, "good.xml:5");
    assert_int_equal(c.noutputs, 1);
    assert_int_equal(c.outputs[0].at, CAT_MAX);
    assert_true(isnan(c.outputs[0].pass_min));
    assert_near(c.outputs[0].pass_max, 30.0, 0.0);
}

/* Every campaign in campaigns/ (the lessons' and the script's alike). */
static void the_shipped_campaigns_should_read(void **state)
{
    (void)state;
    glob_t g;
    assert_int_equal(glob(SAQR_ROOT_DIR "/campaigns/*.xml", 0, NULL, &g), 0);
    int scripts = 0;
    for (size_t i = 0; i < g.gl_pathc; i++) {
        saqr_err err = {""};
        if (campaign_load(g.gl_pathv[i], &c, &err) != SAQR_OK)
            fail_msg("%s", err.msg);
        scripts += c.is_script && c.root_in_shared;
    }
    assert_true(g.gl_pathc >= 5);
    assert_int_equal(scripts, 1); /* c172-cruise-wind-weight, on JSBSim's reference root */
    globfree(&g);
}

/* A broken file: the status is SAQR_EPARSE and the message starts with
 * "bad.xml:LINE:" and holds `words`. */
static void expect_error(const char *xml, int line, const char *words)
{
    saqr_err err = {""};
    int st = campaign_parse_memory(xml, strlen(xml), "bad.xml", &c, &err);
    char prefix[32];
    snprintf(prefix, sizeof prefix, "bad.xml:%d:", line);
    if (st != SAQR_EPARSE || strncmp(err.msg, prefix, strlen(prefix)) != 0 || !strstr(err.msg, words))
        fail_msg("want %s ... %s, got status %d: %s", prefix, words, st, err.msg);
}

#define HEAD "<campaign id=\"x\" runs=\"10\" seed=\"1\">\n<lesson id=\"a/b\"/>\n"

static void mistakes_should_be_refused_with_their_file_and_line(void **state)
{
    (void)state;
    expect_error(HEAD "<disperse param=\"windy\" dist=\"uniform\" min=\"0\" max=\"1\"/>\n</campaign>", 3, "param=");
    expect_error(HEAD "<disperse param=\"wind-kt\" dist=\"gamma\" min=\"0\" max=\"1\"/>\n</campaign>", 3, "dist=");
    expect_error(HEAD "<disperse param=\"wind-kt\" dist=\"uniform\" min=\"5\" max=\"1\"/>\n</campaign>", 3, "min < max");
    expect_error(HEAD "<disperse param=\"wind-kt\" dist=\"uniform\" min=\"0\"/>\n</campaign>", 3, "max=");
    expect_error(HEAD "<disperse param=\"wind-kt\" dist=\"normal\" mean=\"0\" sd=\"1\" min=\"0\"/>\n</campaign>", 3,
                 "does not go");
    expect_error(HEAD "<disperse param=\"wind-kt\" dist=\"truncated-normal\" mean=\"0\" sd=\"1\" min=\"6\" "
                      "max=\"7\"/>\n</campaign>",
                 3, "0.1%");
    expect_error(HEAD "<disperse param=\"wind-kt\" dist=\"uniform\" min=\"0\" max=\"x1\"/>\n</campaign>", 3,
                 "not a number");
    expect_error(HEAD "<disperse param=\"turbulence\" dist=\"choice\" values=\"0 3\"/>\n</campaign>", 3, "levels");
    expect_error(HEAD "<disperse param=\"turbulence\" dist=\"choice\" values=\"0 1\" weights=\"1\"/>\n</campaign>", 3,
                 "one weight per value");
    expect_error(HEAD "<disperse param=\"payload-kg\" dist=\"uniform\" min=\"0\" max=\"1\"/>\n</campaign>", 3,
                 "pointmass=");
    expect_error(HEAD "<disperse param=\"gust-kt\" dist=\"uniform\" min=\"0\" max=\"1\"/>\n\n"
                      "<disperse param=\"gust-kt\" dist=\"uniform\" min=\"0\" max=\"2\"/>\n</campaign>",
                 5, "gust-kt");
    expect_error(HEAD "<disperse param=\"wind-kt\" dist=\"uniform\" min=\"0\" max=\"1\"/>\n"
                      "<disperse param=\"crosswind-kt\" dist=\"uniform\" min=\"0\" max=\"1\"/>\n</campaign>",
                 4, "not both");
    /* an offset and an ic/ property of the same quantity, in either order
     * and any spelling of the property */
    expect_error(HEAD "<disperse param=\"alt-offset-ft\" dist=\"uniform\" min=\"0\" max=\"1\"/>\n"
                      "<disperse param=\"property\" property=\"/fdm/jsbsim/ic/h-agl-ft\" dist=\"uniform\" min=\"1\" "
                      "max=\"2\"/>\n</campaign>",
                 4, "the other is alt-offset-ft");
    expect_error(HEAD "<disperse param=\"property\" property=\"ic/mach\" dist=\"uniform\" min=\"0.1\" max=\"0.2\"/>\n"
                      "<disperse param=\"ias-offset-kt\" dist=\"uniform\" min=\"0\" max=\"1\"/>\n</campaign>",
                 4, "the other is ic/mach");
    expect_error(HEAD "<disperse param=\"heading-offset-deg\" dist=\"uniform\" min=\"0\" max=\"1\"/>\n"
                      "<disperse param=\"property\" property=\"ic/psi-true-rad\" dist=\"uniform\" min=\"0\" "
                      "max=\"1\"/>\n</campaign>",
                 4, "cannot both be dispersed");
    expect_error(HEAD "<disperse param=\"wind-kt\" dist=\"uniform\" min=\"0\" max=\"1\" colour=\"red\"/>\n</campaign>",
                 3, "colour");
    expect_error(HEAD "<output name=\"a\" at=\"end\"/>\n</campaign>", 3, "property=");
    expect_error(HEAD "<output name=\"a\" property=\"p\" at=\"middle\"/>\n</campaign>", 3, "at=");
    expect_error(HEAD "<output name=\"a\" property=\"p\" pass-min=\"3\" pass-max=\"1\"/>\n</campaign>", 3,
                 "pass-min");
    expect_error(HEAD "<wind/>\n</campaign>", 3, "unknown element");
    expect_error(HEAD "<script root=\"r\" path=\"s.xml\"/>\n</campaign>", 3, "one <lesson> or one <script>");
    expect_error("<campaign id=\"x\" runs=\"10\" seed=\"1\">\n<script root=\"r\" path=\"s.xml\"/>\n"
                 "<disperse param=\"pilot-gain\" dist=\"uniform\" min=\"0.9\" max=\"1.1\"/>\n"
                 "<output name=\"a\" property=\"p\"/>\n</campaign>",
                 3, "needs a lesson");
    expect_error("<campaign id=\"x\" runs=\"10\" seed=\"1\">\n<script root=\"r\" path=\"s.xml\"/>\n</campaign>", 1,
                 "at least one <output");
    expect_error("<campaign id=\"x\" runs=\"0\" seed=\"1\">\n<lesson id=\"a/b\"/>\n</campaign>", 1, "runs=");
    expect_error("<campaign id=\"x\" seed=\"1\">\n<lesson id=\"a/b\"/>\n</campaign>", 1, "runs=");
    expect_error("<campaign id=\"x\" runs=\"3\" seed=\"-1\">\n<lesson id=\"a/b\"/>\n</campaign>", 1, "seed=");
    expect_error("<campaign id=\"x\" runs=\"3\" seed=\"1\">\n\n</campaign>", 1, "needs a <lesson");
    expect_error("<campaign id=\"x\" runs=\"3\" seed=\"1\">\n<lesson id=\"ab\"/>\n</campaign>", 2, "AIRCRAFT/NAME");
    expect_error("<lesson id=\"a/b\"/>", 1, "root element");
    expect_error("<campaign id=\"x\"\n runs=\"3\" seed=\"1\">\n<lesson id=\"a/b\">\n</campaign>", 4, "not well-formed");
}

/* A value a run cannot fly as drawn is refused at reading, not clamped
 * or ignored while runs.csv shows the drawn value. */
static void values_outside_a_parameters_range_are_refused(void **state)
{
    (void)state;
    expect_error(HEAD "<disperse param=\"fuel-pct\" dist=\"uniform\" min=\"150\" max=\"300\"/>\n</campaign>", 3,
                 "0 to 100 %");
    expect_error(HEAD "<disperse param=\"fuel-pct\" dist=\"uniform\" min=\"-50\" max=\"-10\"/>\n</campaign>", 3,
                 "fuel-pct");
    expect_error(HEAD "<disperse param=\"gust-kt\" dist=\"uniform\" min=\"-50\" max=\"-40\"/>\n</campaign>", 3,
                 "0 kt or more");
    expect_error(HEAD "<disperse param=\"wind-kt\" dist=\"choice\" values=\"5 -1\"/>\n</campaign>", 3, "wind-kt");
    expect_error(HEAD "<disperse param=\"pilot-gain\" dist=\"uniform\" min=\"-3\" max=\"-1\"/>\n</campaign>", 3,
                 "above 0");
    expect_error(HEAD "<disperse param=\"pilot-gain\" dist=\"uniform\" min=\"0\" max=\"1\"/>\n</campaign>", 3,
                 "above 0");
    expect_error(HEAD "<disperse param=\"payload-kg\" pointmass=\"0\" dist=\"truncated-normal\" mean=\"0\" sd=\"50\" "
                      "min=\"-20\" max=\"100\"/>\n</campaign>",
                 3, "0 kg or more");
    expect_error(HEAD "<disperse param=\"gust-kt\" dist=\"normal\" mean=\"10\" sd=\"5\"/>\n</campaign>", 3,
                 "truncated-normal");
    /* inside the range, and parameters without one, read */
    static const char xml[] =
        HEAD "<disperse param=\"fuel-pct\" dist=\"uniform\" min=\"0\" max=\"100\"/>\n"
             "<disperse param=\"gust-kt\" dist=\"truncated-normal\" mean=\"5\" sd=\"5\" min=\"0\" max=\"20\"/>\n"
             "<disperse param=\"pilot-gain\" dist=\"choice\" values=\"0.5 1 1.5\"/>\n"
             "<disperse param=\"crosswind-kt\" dist=\"normal\" mean=\"0\" sd=\"8\"/>\n"
             "<output name=\"a\" property=\"p\"/>\n</campaign>";
    saqr_err err = {""};
    if (campaign_parse_memory(xml, sizeof xml - 1, "ok.xml", &c, &err) != SAQR_OK)
        fail_msg("%s", err.msg);
    assert_int_equal(c.nparams, 4);
}

/* An offset with an ic/ property of another quantity is no clash. */
static void offsets_go_with_properties_of_other_quantities(void **state)
{
    (void)state;
    static const char xml[] =
        HEAD "<disperse param=\"alt-offset-ft\" dist=\"uniform\" min=\"0\" max=\"1\"/>\n"
             "<disperse param=\"property\" property=\"ic/vc-kts\" dist=\"uniform\" min=\"90\" max=\"100\"/>\n"
             "<disperse param=\"heading-offset-deg\" dist=\"uniform\" min=\"0\" max=\"1\"/>\n"
             "<disperse param=\"property\" property=\"ic/gamma-deg\" dist=\"uniform\" min=\"-3\" max=\"0\"/>\n"
             "<output name=\"a\" property=\"p\"/>\n</campaign>";
    saqr_err err = {""};
    if (campaign_parse_memory(xml, sizeof xml - 1, "ok.xml", &c, &err) != SAQR_OK)
        fail_msg("%s", err.msg);
    assert_int_equal(c.nparams, 4);
}

static void a_missing_file_should_be_named(void **state)
{
    (void)state;
    saqr_err err = {""};
    assert_int_equal(campaign_load("/nonexistent/c.xml", &c, &err), SAQR_EIO);
    assert_non_null(strstr(err.msg, "/nonexistent/c.xml"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_good_file_should_give_what_it_says),
        cmocka_unit_test(the_shipped_campaigns_should_read),
        cmocka_unit_test(mistakes_should_be_refused_with_their_file_and_line),
        cmocka_unit_test(offsets_go_with_properties_of_other_quantities),
        cmocka_unit_test(values_outside_a_parameters_range_are_refused),
        cmocka_unit_test(a_missing_file_should_be_named),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
