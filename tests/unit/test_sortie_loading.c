/*
 * test_sortie_loading.c - a lesson's <load fuel-pct=...>: every tank holds
 * that share of its capacity when the sortie starts, and the aircraft's
 * weight differs by the fuel's weight (mass balance: weight = empty +
 * point masses + fuel).  It used to leave the tanks as the aircraft file
 * loads them.
 */
#include "airports_fixture.h"

#include <math.h>

#include "train/sortie.h"

static sortie *begin(lesson *l, double fuel_pct)
{
    char xml[2048];
    snprintf(xml, sizeof xml,
             "<lesson id=\"t/load\" aircraft=\"super-mushak\" max-s=\"60\"><title>Load</title>"
             "<setup airport=\"OPRS\" runway=\"27L\"><airborne bearing-deg=\"90\" distance-nm=\"5\" "
             "alt-ft=\"4500\" heading-deg=\"270\" ias-kt=\"110\"/><load fuel-pct=\"%g\"/></setup>"
             "<exercise id=\"e\" title=\"E\" max-s=\"30\"><fly alt-ft=\"entry\" heading-deg=\"entry\" "
             "ias-kt=\"110\" max-s=\"30\"/><complete when=\"ex-time-s ge 20\"/>"
             "<grade id=\"a\" title=\"A\" channel=\"alt-ft\" target=\"entry\" tolerance=\"100\" unit=\"ft\" "
             "source=\"test\"/></exercise></lesson>",
             fuel_pct);
    saqr_err err = {""};
    if (lesson_parse_memory(xml, strlen(xml), "load.xml", l, &err))
        fail_msg("%s", err.msg);
    sortie_opts o = {SAQR_ROOT_DIR, &fixture_airports, NULL, "trainee", 20.0};
    sortie *s = NULL;
    if (sortie_begin(l, &o, &s, &err))
        fail_msg("%s", err.msg);
    return s;
}

static double get(sortie *s, const char *name)
{
    saqr_fdm *f = sortie_fdm(s);
    int k = saqr_fdm_property(f, name);
    if (k < 0)
        fail_msg("no property %s", name);
    return saqr_fdm_get(f, k);
}

/* Total capacity, fuel and weight of a sortie started with fuel_pct. */
static void loaded(double fuel_pct, double *capacity_lbs, double *fuel_lbs, double *weight_lbs)
{
    lesson l;
    sortie *s = begin(&l, fuel_pct);
    *capacity_lbs = *fuel_lbs = 0.0;
    for (int k = 0;; k++) {
        char name[64];
        snprintf(name, sizeof name, "propulsion/tank[%d]/capacity-lbs", k);
        if (saqr_fdm_property(sortie_fdm(s), name) < 0)
            break;
        double cap = get(s, name);
        snprintf(name, sizeof name, "propulsion/tank[%d]/contents-lbs", k);
        double lbs = get(s, name);
        assert_true(fabs(lbs - cap * fuel_pct / 100.0) < 1e-9 * cap + 1e-9);
        *capacity_lbs += cap;
        *fuel_lbs += lbs;
    }
    *weight_lbs = get(s, "inertia/weight-lbs");
    grade_sheet sheet;
    double flown;
    sortie_end(s, &sheet, &flown, NULL);
    sheet_free(&sheet);
    lesson_free(&l);
}

static void fuel_pct_fills_that_share_of_every_tank(void **state)
{
    (void)state;
    double cap25, fuel25, w25, cap100, fuel100, w100;
    loaded(25.0, &cap25, &fuel25, &w25);
    loaded(100.0, &cap100, &fuel100, &w100);
    assert_true(cap25 > 50.0);                        /* the Super Mushak has tanks */
    assert_true(fabs(cap25 - cap100) < 1e-9);
    assert_true(fabs(fuel100 - cap100) < 1e-6);
    assert_true(fabs(fuel25 - 0.25 * cap25) < 1e-6);
    /* the weight follows the fuel */
    assert_true(fabs((w100 - w25) - (fuel100 - fuel25)) < 0.01);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fuel_pct_fills_that_share_of_every_tank),
    };
    return cmocka_run_group_tests(tests, airports_setup, airports_teardown);
}
