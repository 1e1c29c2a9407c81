/*
 * test_lesson_diversion_fly.c - the Super Mushak's diversion lesson flown
 * by the reference pilot, with the instructor calling the diversion to
 * Charsadda part-way up the first leg (FAA ACS private pilot VI.C): the
 * sortie passes with the leg's arrival "not flown", the diversion arrives
 * at the time its plan gives from where it was called (the geodesic's
 * distance, Vincenty on WGS-84, at the plan's ground speed), the
 * recording grades again to the same sheet, its debrief draws and logs
 * the diversion as flown; and every call the sortie cannot take is
 * refused with its reason.
 */
#include "airports_fixture.h"
#include "debrief_page.h"
#include "geodesic_ref.h"
#include "lesson_fixture.h"
#include "sheet_find.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "train/debrief.h"
#include "train/debrief_derived.h"
#include "train/lesson_route.h"
#include "train/record.h"
#include "train/sortie.h"
#include "train/sortie_control.h"

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

#define CALL_FRAME (150L * 120L) /* 150 s into the sortie, 120 frames a second */

static void expect_refused(sortie *so, const char *to, const char *why)
{
    saqr_err err;
    err_clear(&err);
    assert_int_equal(sortie_divert(so, to, &err), SAQR_EINVAL);
    if (!strstr(err.msg, why))
        fail_msg("divert to %s: \"%s\" does not say \"%s\"", to ? to : "(null)", err.msg, why);
}

/* The reference pilot's sortie of l begun, recorded to `record` (NULL:
 * not recorded). */
static sortie *begin_reference(lesson *l, const char *record)
{
    saqr_err err;
    err_clear(&err);
    sortie_opts o = {SAQR_ROOT_DIR, &fixture_airports, record, "reference", 20.0, NULL, NULL};
    sortie *so = NULL;
    if (sortie_begin(l, &o, &so, &err))
        fail_msg("%s", err.msg);
    return so;
}

static void a_diversion_called_mid_leg_is_flown_graded_and_replayed(void **state)
{
    (void)state;
    lesson l;
    fixture_lesson_load("super-mushak/diversion", &l);
    char dir[] = "/tmp/saqr-divert-XXXXXX", path[64];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/sortie.rec", dir);
    saqr_err err;
    err_clear(&err);
    sortie *so = begin_reference(&l, path);
    assert_true(sortie_divert_open(so));
    expect_refused(so, "lahore", "no checkpoint");
    expect_refused(so, NULL, "no checkpoint");
    int st;
    double call_lat = NAN, call_lon = NAN;
    for (long k = 0; (st = sortie_frame(so, &err)) == 0; k++) {
        if (k == CALL_FRAME) {
            assert_int_equal(sortie_divert(so, "charsadda", &err), SAQR_OK);
        } else if (k == CALL_FRAME + 120) {
            sortie_leg_values lv;
            const lesson_leg *leg = sortie_leg(so, &lv);
            assert_non_null(leg);
            assert_int_equal(leg->from, LESSON_LEG_DIVERTED);
            assert_string_equal(l.route.cp[leg->to].id, "charsadda");
            call_lat = leg->lat0_deg;
            call_lon = leg->lon0_deg;
            assert_false(sortie_divert_open(so));
            expect_refused(so, "opps", "already begun");
        }
    }
    if (st < 0)
        fail_msg("%s", err.msg);
    grade_sheet live;
    double flown_s;
    assert_int_equal(sortie_end(so, &live, &flown_s, &err), SAQR_OK);
    sheet_print(&live, stdout);
    assert_int_equal(live.result, SORTIE_PASS);
    assert_non_null(strstr(live.summary, "not flown after the diversion called at t=150.0 s"));
    assert_int_equal(element(&live, "leg-1", "eta")->mark, MARK_NOT_OBSERVED);
    assert_true(element(&live, "leg-1", "track")->mark >= MARK_GOOD);
    assert_true(element(&live, "diversion", "heading")->mark >= MARK_GOOD);

    /* the recording: graded again, the same sheet */
    rec_data rec;
    assert_int_equal(rec_read(path, &rec, &err), SAQR_OK);
    grade_sheet again;
    assert_int_equal(sortie_regrade(&l, &rec, &again, &err), SAQR_OK);
    assert_int_equal(again.nelements, live.nelements);
    for (int i = 0; i < live.nelements; i++) {
        assert_int_equal(again.elements[i].mark, live.elements[i].mark);
        assert_true(again.elements[i].worst == live.elements[i].worst ||
                    (isnan(again.elements[i].worst) && isnan(live.elements[i].worst)));
    }
    assert_string_equal(again.summary, live.summary);

    /* the diversion flown: from the call to Charsadda abeam, against the
     * geodesic at the plan's ground speed (15 kt from 320, 128 kt true) */
    leg_flown lf;
    assert_int_equal(derived_leg_flown(&rec, &l, 1, &lf), 1);
    double dist, az1, az2;
    vincenty(call_lat, call_lon, 34.1450, 71.7310, &dist, &az1, &az2);
    double course = az1 + 0.5 * wrap180(az2 - az1), rel = (320.0 - course) * M_PI / 180.0;
    double wca = asin(15.0 * sin(rel) / 128.0), gs = 128.0 * cos(wca) - 15.0 * cos(rel);
    printf("diversion called at %.4f %.4f: %.2f nm on %.1f, planned %.0f kt %.2f min; flown %.2f min "
           "(ETA %+.2f min), widest %.2f nm\n",
           call_lat, call_lon, dist, course, gs, dist / gs * 60.0, lf.flown_min, lf.eta_error_min,
           lf.widest_xtk_nm);
    assert_near(lf.leg.length_nm, dist, 1e-4 * dist);
    assert_near(lf.plan_gs_kt, gs, 0.01);
    assert_near(lf.plan_min, dist / gs * 60.0, 0.01);
    /* the turn of about 85 degrees at the call (from 350 to 265) costs
     * the time it takes less the distance it makes good: under a minute */
    assert_true(lf.eta_error_min > 0.0 && lf.eta_error_min < 1.0);
    assert_near(element(&live, "diversion", "eta")->worst, lf.eta_error_min, 0.05);
    /* the fuel it took, against the model's cruise fuel flow in the
     * aircraft's README (15.4 US gal/h of avgas at 6 lb/gal: 41.9 kg/h,
     * at 64% power; this is 120 kt at 4,500 ft, within a quarter of it) */
    const double cruise_kg_per_h = 15.4 * 6.0 * 0.45359237;
    printf("fuel used on the diversion: %.2f kg (%.1f kg/h)\n", lf.fuel_used_kg,
           lf.fuel_used_kg / lf.flown_min * 60.0);
    assert_near(lf.fuel_used_kg / lf.flown_min * 60.0, cruise_kg_per_h, 0.25 * cruise_kg_per_h);

    /* its debrief: the chart draws it from where it was called, and the
     * navigation log lists it */
    char *buf = debrief_page(&rec, &live, &l, "OPRS", "27L");
    assert_non_null(strstr(buf, "class=\"leg diversion\""));
    assert_non_null(strstr(buf, "class=\"diversion-called\""));
    assert_non_null(strstr(buf, "<td>where the diversion began</td><td>Charsadda (town)</td>"));
    free(buf);
    rec_data_free(&rec);
    sheet_free(&again);
    sheet_free(&live);
    unlink(path);
    rmdir(dir);
    lesson_free(&l);
}

/* The lesson's diversion waiting on an entry that never holds (so the
 * reference pilot has begun flying it to Peshawar, the lesson's
 * destination) when the instructor calls it to Risalpur, the other way:
 * the pilot turns for Risalpur and the sortie passes.  (Flown to
 * Peshawar, Risalpur would never come abeam and the diversion would run
 * out of time.) */
static void a_call_while_the_diversion_waits_sends_the_pilot_to_the_new_destination(void **state)
{
    (void)state;
    char path[1024];
    snprintf(path, sizeof path, "%s/lessons/super-mushak/diversion.xml", SAQR_ROOT_DIR);
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    static char text[16384], edited[16384];
    size_t n = fread(text, 1, sizeof text - 1, fp);
    fclose(fp);
    text[n] = '\0';
    const char *at = strstr(text, "divert-to=\"opps\" max-s=\"1800\">");
    assert_non_null(at);
    at += strlen("divert-to=\"opps\" max-s=\"1800\">");
    snprintf(edited, sizeof edited, "%.*s<entry when=\"heading-deg ge 400\" timeout-s=\"900\"/>%s",
             (int)(at - text), text, at);
    lesson l;
    saqr_err err;
    err_clear(&err);
    if (lesson_parse_memory(edited, strlen(edited), "diversion.xml", &l, &err))
        fail_msg("%s", err.msg);
    sortie *so = begin_reference(&l, NULL);
    int st;
    for (long k = 0; (st = sortie_frame(so, &err)) == 0; k++)
        if (k == 420L * 120L) { /* leg 1 ended about 385 s in */
            assert_true(sortie_divert_open(so));
            assert_int_equal(sortie_divert(so, "rsp", &err), SAQR_OK);
        }
    if (st < 0)
        fail_msg("%s", err.msg);
    grade_sheet s;
    double flown_s;
    assert_int_equal(sortie_end(so, &s, &flown_s, &err), SAQR_OK);
    sheet_print(&s, stdout);
    assert_int_equal(s.result, SORTIE_PASS);
    assert_true(flown_s < 420.0 + 900.0);
    sheet_free(&s);
    lesson_free(&l);
}

/* A lesson with no diversion: refused, saying so. */
static void a_lesson_without_a_diversion_refuses_the_call(void **state)
{
    (void)state;
    lesson l;
    fixture_lesson_load("super-mushak/navigation", &l);
    saqr_err err;
    err_clear(&err);
    sortie *so = begin_reference(&l, NULL);
    assert_false(sortie_divert_open(so));
    expect_refused(so, "charsadda", "no diversion");
    grade_sheet s;
    double flown_s;
    assert_int_equal(sortie_end(so, &s, &flown_s, &err), SAQR_OK);
    sheet_free(&s);
    lesson_free(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_diversion_called_mid_leg_is_flown_graded_and_replayed),
        cmocka_unit_test(a_call_while_the_diversion_waits_sends_the_pilot_to_the_new_destination),
        cmocka_unit_test(a_lesson_without_a_diversion_refuses_the_call),
    };
    return cmocka_run_group_tests(tests, airports_setup, airports_teardown);
}
