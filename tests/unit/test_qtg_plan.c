/*
 * test_qtg_plan.c - reading qualification plans (src/qtg/qtg_plan.c):
 * a valid plan gives its tests, conditions and acceptance bands; every
 * kind of bad input is an error that names the file and line.
 */
#include "test_util.h"

#include <math.h>

#include "qtg/qtg.h"

static const char valid[] =
    "<?xml version=\"1.0\"?>\n"
    "<qtg aircraft=\"trainer\" initfile=\"reset-air\" ground-initfile=\"reset-runway\">\n"
    "  <test id=\"stall\" kind=\"stall-speed\" title=\"Stall, clean\" altitude-ft=\"5000\" speed-kt=\"60\" flaps=\"0\">\n"
    "    <set property=\"propulsion/tank/contents-lbs\" value=\"120\"/>\n"
    "    <expect value=\"62\" tolerance=\"3\" unit=\"kt\" source=\"estimate\"/>\n"
    "  </test>\n"
    "  <test id=\"climb\" kind=\"best-climb\" speed-kt=\"80\" graded=\"no\">\n"
    "    <expect value=\"1280\" tolerance=\"100\" tolerance-pct=\"5\" unit=\"fpm\" source=\"brochure\"/>\n"
    "  </test>\n"
    "  <test id=\"phugoid\" kind=\"phugoid-period\" speed-kt=\"110\" altitude-ft=\"4000\">\n"
    "    <range min=\"30\" max=\"60\" unit=\"s\" source=\"14 CFR Part 60 App. B\"/>\n"
    "  </test>\n"
    "  <test id=\"spiral\" kind=\"spiral-stability\" speed-kt=\"120\" bank-deg=\"-25\">\n"
    "    <range min=\"-5\" max=\"5\" unit=\"deg\" source=\"Part 60 App. B, B2B 2.d.4.b\"/>\n"
    "  </test>\n"
    "  <test id=\"accel\" kind=\"engine-acceleration\" property=\"propulsion/engine[0]/map-inhg\" throttle=\"0.9\">\n"
    "    <range min=\"2\" max=\"4\" unit=\"s\" source=\"Part 60 App. B, B2B 1.f.1\"/>\n"
    "  </test>\n"
    "</qtg>\n";

static saqr_status load(const char *text, qtg_plan *p, saqr_err *err)
{
    err_clear(err);
    return qtg_plan_load_memory(text, strlen(text), "plan.xml", p, err);
}

static void a_valid_plan_gives_its_tests_and_conditions(void **state)
{
    (void)state;
    static qtg_plan p;
    saqr_err err;
    assert_int_equal(load(valid, &p, &err), SAQR_OK);
    assert_string_equal(p.aircraft, "trainer");
    assert_string_equal(p.initfile, "reset-air");
    assert_string_equal(p.ground_initfile, "reset-runway");
    assert_int_equal(p.ntests, 5);
    const qtg_test *t = &p.tests[0];
    assert_int_equal(t->kind, QTG_STALL_SPEED);
    assert_string_equal(t->title, "Stall, clean");
    assert_near(t->altitude_ft, 5000.0, 0.0);
    assert_near(t->flaps, 0.0, 0.0);
    assert_true(isnan(t->gear));
    assert_int_equal(t->nset, 1);
    assert_string_equal(t->set[0].name, "propulsion/tank/contents-lbs");
    assert_string_equal(t->where, "plan.xml:3");
    /* an untitled test is titled by its id; altitude defaults to sea level */
    assert_string_equal(p.tests[1].title, "climb");
    /* graded unless it says otherwise */
    assert_int_equal(t->graded, 1);
    assert_int_equal(p.tests[1].graded, 0);
    assert_near(p.tests[1].altitude_ft, 0.0, 0.0);
    /* a spiral test's bank, either way; an engine test on the runway needs
     * no speed, and watches the property it names at the throttle given */
    assert_int_equal(p.tests[3].kind, QTG_SPIRAL_STABILITY);
    assert_near(p.tests[3].bank_deg, -25.0, 0.0);
    assert_true(isnan(p.tests[0].bank_deg));
    assert_int_equal(p.tests[4].kind, QTG_ENGINE_ACCEL);
    assert_string_equal(p.tests[4].property, "propulsion/engine[0]/map-inhg");
    assert_near(p.tests[4].throttle, 0.9, 0.0);
    assert_true(isnan(p.tests[4].speed_kt));
}

static void the_band_is_the_larger_of_the_absolute_and_relative_tolerances(void **state)
{
    (void)state;
    static qtg_plan p;
    saqr_err err;
    assert_int_equal(load(valid, &p, &err), SAQR_OK);
    double lo, hi;
    qtg_band(&p.tests[0], &lo, &hi);       /* 62 +- 3 */
    assert_near(lo, 59.0, 1e-12);
    assert_near(hi, 65.0, 1e-12);
    qtg_band(&p.tests[1], &lo, &hi);       /* 1280 +- max(100, 64) */
    assert_near(lo, 1180.0, 1e-12);
    assert_near(hi, 1380.0, 1e-12);
    qtg_band(&p.tests[2], &lo, &hi);       /* the range as written */
    assert_near(lo, 30.0, 0.0);
    assert_near(hi, 60.0, 0.0);
}

/* Replaces the first `from` in valid with `to` and expects an error
 * containing `msg`. */
static void expect_error(const char *from, const char *to, const char *msg)
{
    char text[4096];
    const char *at = strstr(valid, from);
    assert_non_null(at);
    snprintf(text, sizeof text, "%.*s%s%s", (int)(at - valid), valid, to, at + strlen(from));
    static qtg_plan p;
    saqr_err err;
    assert_int_not_equal(load(text, &p, &err), SAQR_OK);
    if (!strstr(err.msg, msg))
        fail_msg("error \"%s\" does not say \"%s\"", err.msg, msg);
}

static void bad_plans_are_errors_with_file_and_line(void **state)
{
    (void)state;
    expect_error("kind=\"stall-speed\"", "kind=\"stall-speeed\"", "plan.xml:3: unknown test kind stall-speeed");
    expect_error("source=\"estimate\"", "", "plan.xml:5: every figure needs its source=");
    expect_error("tolerance=\"3\" ", "", "plan.xml:5: <expect> needs a positive tolerance");
    expect_error("altitude-ft=\"5000\"", "altitude-ft=\"5,000\"", "plan.xml:3: altitude-ft=\"5,000\" is not a number");
    expect_error("flaps=\"0\"", "flap=\"0\"", "plan.xml:3: <test> has no attribute \"flap\"");
    expect_error("min=\"30\" max=\"60\"", "min=\"60\" max=\"30\"", "plan.xml:11: <range> needs min= below max=");
    expect_error("<set property", "<sett property", "plan.xml:4: unknown element sett");
    expect_error(" speed-kt=\"80\"", "", "plan.xml:7: this test needs speed-kt=");
    expect_error("</test>\n  <test id=\"climb\"", "</tset>\n  <test id=\"climb\"", "plan.xml:6:");
    expect_error("initfile=\"reset-air\"", "", "plan.xml:2: <qtg> needs aircraft= and initfile=");
    expect_error("graded=\"no\"", "graded=\"maybe\"", "plan.xml:7: graded= is \"yes\" or \"no\", not maybe");
    expect_error("graded=\"no\"", "method=\"eigen\"",
                 "plan.xml:7: method= is \"time-history\" or \"linear-model\", not eigen");
    expect_error("graded=\"no\"", "method=\"linear-model\"",
                 "plan.xml:7: method=\"linear-model\" is for short-period-damping tests, not best-climb");
    expect_error("bank-deg=\"-25\"", "bank-deg=\"-70\"",
                 "plan.xml:13: a spiral-stability test needs bank-deg= between 5 and 60 degrees");
    expect_error(" bank-deg=\"-25\"", "", "plan.xml:13: a spiral-stability test needs bank-deg=");
    expect_error("flaps=\"0\">", "flaps=\"0\" bank-deg=\"20\">",
                 "plan.xml:3: bank-deg= is for spiral-stability tests, not stall-speed");
    expect_error("kind=\"spiral-stability\" speed-kt=\"120\" bank-deg=\"-25\"",
                 "kind=\"rudder-response\" speed-kt=\"70\" control=\"1.5\"",
                 "plan.xml:13: a rudder test's control= is a fraction of full rudder");
    expect_error("kind=\"spiral-stability\" speed-kt=\"120\" bank-deg=\"-25\"",
                 "kind=\"spin-recovery\" speed-kt=\"75\" control=\"0\"",
                 "plan.xml:13: a rudder test's control= is a fraction of full rudder");
    expect_error("throttle=\"0.9\"", "throttle=\"1.5\"",
                 "plan.xml:16: an engine test's throttle= (take-off power) is in (0, 1]");
}

static void a_missing_file_is_an_input_error(void **state)
{
    (void)state;
    static qtg_plan p;
    saqr_err err;
    err_clear(&err);
    assert_int_equal(qtg_plan_load("/nonexistent/qtg.xml", &p, &err), SAQR_EIO);
    assert_non_null(strstr(err.msg, "/nonexistent/qtg.xml"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_valid_plan_gives_its_tests_and_conditions),
        cmocka_unit_test(the_band_is_the_larger_of_the_absolute_and_relative_tolerances),
        cmocka_unit_test(bad_plans_are_errors_with_file_and_line),
        cmocka_unit_test(a_missing_file_is_an_input_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
