/*
 * test_sortie_loading.c - a lesson's <load fuel-pct=...>: every tank holds
 * that share of its capacity when the sortie starts, and the aircraft's
 * weight differs by the fuel's weight (mass balance: weight = empty +
 * point masses + fuel).  It used to leave the tanks as the aircraft file
 * loads them.
 */
#include "sortie_fixture.h"

#include <math.h>

static sortie *begin(lesson *l, double fuel_pct)
{
    char setup[512];
    snprintf(setup, sizeof setup, FIXTURE_AIRBORNE "<load fuel-pct=\"%g\"/>", fuel_pct);
    return fixture_sortie_begin(l, setup);
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
        double cap = fixture_sortie_get(s, name);
        snprintf(name, sizeof name, "propulsion/tank[%d]/contents-lbs", k);
        double lbs = fixture_sortie_get(s, name);
        assert_true(fabs(lbs - cap * fuel_pct / 100.0) < 1e-9 * cap + 1e-9);
        *capacity_lbs += cap;
        *fuel_lbs += lbs;
    }
    *weight_lbs = fixture_sortie_get(s, "inertia/weight-lbs");
    fixture_sortie_end(s, &l);
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
