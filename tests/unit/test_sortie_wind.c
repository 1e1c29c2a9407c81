/*
 * test_sortie_wind.c - a lesson's wind (<wind from-deg speed-kt>): the
 * aircraft starts at the lesson's airspeed whatever the wind, its ground
 * speed differs from its true airspeed by the wind's component (a
 * headwind slows it over the ground, a tailwind speeds it), and on the
 * runway it stands still while the wind blows.  Physics: ground velocity
 * = air-relative velocity + the air mass's velocity.
 */
#include "sortie_fixture.h"

#include <math.h>

#include "math/units.h"
#include "train/sortie_control.h"

/* A sortie airborne (FIXTURE_AIRBORNE) or on the runway, the wind from
 * `from_deg` at `kt`. */
static sortie *begin(lesson *l, int on_runway, double from_deg, double kt)
{
    char setup[512];
    snprintf(setup, sizeof setup, "%s<wind from-deg=\"%g\" speed-kt=\"%g\"/>",
             on_runway ? "<on-runway/>" : FIXTURE_AIRBORNE, from_deg, kt);
    return fixture_sortie_begin(l, setup);
}


static void airborne_the_airspeed_is_the_lessons_and_the_ground_speed_has_the_wind(void **state)
{
    (void)state;
    static const struct { double from_deg, kt, along_kt; } cases[] = {
        {270.0, 20.0, -20.0}, /* on the nose: 20 kt slower over the ground */
        {90.0, 20.0, 20.0},   /* from behind: 20 kt faster               */
        {0.0, 0.0, 0.0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        lesson l;
        sortie *s = begin(&l, 0, cases[i].from_deg, cases[i].kt);
        double vc = fixture_sortie_get(s, "velocities/vc-kts"), tas = fixture_sortie_get(s, "velocities/vtrue-kts");
        double vn = fixture_sortie_get(s, "velocities/v-north-fps"), ve = fixture_sortie_get(s, "velocities/v-east-fps");
        double psi = fixture_sortie_get(s, "attitude/psi-deg") * RAD_PER_DEG;
        double along_kt = (vn * cos(psi) + ve * sin(psi)) * M_PER_FT / MPS_PER_KT;
        if (fabs(vc - 110.0) > 1.0)
            fail_msg("wind from %g at %g kt: %.2f kt calibrated at the start, the lesson says 110", cases[i].from_deg,
                     cases[i].kt, vc);
        if (fabs(along_kt - (tas + cases[i].along_kt)) > 1.5)
            fail_msg("wind from %g at %g kt: %.2f kt over the ground along the heading, %.2f TAS %+g wind",
                     cases[i].from_deg, cases[i].kt, along_kt, tas, cases[i].along_kt);
        /* the instructor station shows the lesson's wind as the weather */
        sortie_weather w;
        sortie_get_weather(s, &w);
        assert_near(w.wind_kt, cases[i].kt, 0.1);
        if (cases[i].kt > 0.0)
            assert_near(w.wind_from_deg, cases[i].from_deg, 0.5);
        fixture_sortie_end(s, &l);
    }
}

/* On the runway, 2 s after the start (the wind blows from the first
 * frame), on the brakes at idle: still, with the wind's speed through the
 * air.  A crosswind start used to fail (the
 * ground trim has no control over a crosswind's side force and moments). */
static void stands_still_in(double from_deg, double kt)
{
    lesson l;
    sortie *s = begin(&l, 1, from_deg, kt);
    saqr_err err = {""};
    saqr_fdm *f = sortie_fdm(s);
    for (int i = 0; i < 240; i++) {
        /* the trainee stands on the brakes */
        saqr_fdm_set(f, saqr_fdm_property(f, "fcs/left-brake-cmd-norm"), 1.0);
        saqr_fdm_set(f, saqr_fdm_property(f, "fcs/right-brake-cmd-norm"), 1.0);
        if (sortie_frame(s, &err))
            fail_msg("%s", err.msg);
    }
    print_message("from %g at %g kt: ground %g fps, true %g kt, brake %g\n", from_deg, kt, fixture_sortie_get(s, "velocities/vg-fps"),
                  fixture_sortie_get(s, "velocities/vtrue-kts"), fixture_sortie_get(s, "fcs/left-brake-cmd-norm"));
    assert_true(fixture_sortie_get(s, "velocities/vg-fps") < 0.5);
    assert_near(fixture_sortie_get(s, "velocities/vtrue-kts"), kt, 1.0);
    fixture_sortie_end(s, &l);
}

static void on_the_runway_the_aircraft_stands_still_in_the_wind(void **state)
{
    (void)state;
    stands_still_in(270.0, 15.0);                /* on the nose             */
    stands_still_in(184.0, 12.0);                /* across, from the left   */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(airborne_the_airspeed_is_the_lessons_and_the_ground_speed_has_the_wind),
        cmocka_unit_test(on_the_runway_the_aircraft_stands_still_in_the_wind),
    };
    return cmocka_run_group_tests(tests, airports_setup, airports_teardown);
}
