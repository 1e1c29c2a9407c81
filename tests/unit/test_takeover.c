/*
 * test_takeover.c - "I have control" and "You have control": the
 * instructor taking the aircraft from a trainee in the middle of a sortie
 * (sortie_take_control, src/train/sortie_control.h) and what the grader
 * makes of it (grader_event "takeover", src/train/grade.h).
 *
 * Flown: the reference pilot takes the aircraft and flies the lesson's
 * profile (the slow cruise settles at its 90 kt); the exercises that ran
 * under the instructor's hands are the trainee's no longer (Unsat, with
 * the moment named), the sortie is Unsat, and the recording graded again
 * gives the same sheet; handed back, the next exercise is graded as the
 * trainee flies it; an automatic pilot's sortie has no control to take.
 * Graded from samples written here: the instructor's flying is not
 * graded, an element closed before the take-over keeps its mark, control
 * taken and given back before an exercise begins costs nothing, and an
 * exercise taken over in its last second fails as one taken at once.
 */
#include "airports_fixture.h"
#include "grader_fixture.h"
#include "lesson_fixture.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "saqr.h"
#include "train/debrief.h"
#include "train/grade.h"
#include "train/record.h"
#include "train/sortie.h"
#include "train/sortie_control.h"

#define TAKEN_TEXT "the instructor took control"

typedef struct run {
    lesson l;
    sortie *s;
    char rec[64];
} run;

static void start(run *r, const char *id, const char *who)
{
    snprintf(r->rec, sizeof r->rec, "/tmp/saqr-takeover-XXXXXX");
    int fd = mkstemp(r->rec);
    assert_true(fd >= 0);
    close(fd);
    fixture_lesson_load(id, &r->l);
    saqr_err err;
    err_clear(&err);
    sortie_opts o = {SAQR_ROOT_DIR, &fixture_airports, r->rec, who, 20.0, NULL, NULL};
    if (sortie_begin(&r->l, &o, &r->s, &err))
        fail_msg("%s: %s", id, err.msg);
}

/* Flies `seconds` (all of the sortie when negative); 1 when it ended. */
static int fly(run *r, double seconds)
{
    saqr_fdm *f = sortie_fdm(r->s);
    long n = seconds < 0.0 ? -1 : (long)(seconds / saqr_fdm_dt(f) + 0.5);
    saqr_err err;
    err_clear(&err);
    for (long k = 0; n < 0 || k < n; k++) {
        int st = sortie_frame(r->s, &err);
        if (st < 0)
            fail_msg("%s", err.msg);
        if (st > 0)
            return 1;
    }
    return 0;
}

static void take(run *r, int instructor)
{
    saqr_err err;
    err_clear(&err);
    assert_int_equal(sortie_take_control(r->s, (sortie_hands)instructor, &err), SAQR_OK);
    assert_int_equal(sortie_control_taken(r->s), instructor);
}

/* Ends the sortie flown, its sheet in sh. */
static void end_sortie(run *r, grade_sheet *sh)
{
    double flown;
    saqr_err err;
    err_clear(&err);
    assert_int_equal(sortie_end(r->s, sh, &flown, &err), SAQR_OK);
}

/* Frees the sheet, the lesson and the recording. */
static void clean_up(run *r, grade_sheet *sh)
{
    sheet_free(sh);
    lesson_free(&r->l);
    unlink(r->rec);
}

static int names_takeover(const sheet_element *e)
{
    for (int k = 0; k < e->ndeductions; k++)
        if (strstr(e->deductions[k].text, TAKEN_TEXT))
            return 1;
    return 0;
}

/* The sheet of the recording graded again equals the live one. */
static void regraded_equals(run *r, const grade_sheet *live)
{
    rec_data d;
    saqr_err err;
    err_clear(&err);
    assert_int_equal(rec_read(r->rec, &d, &err), SAQR_OK);
    grade_sheet again;
    assert_int_equal(sortie_regrade(&r->l, &d, &again, &err), SAQR_OK);
    assert_int_equal(again.result, live->result);
    assert_string_equal(again.summary, live->summary);
    assert_int_equal(again.nelements, live->nelements);
    for (int i = 0; i < live->nelements; i++) {
        assert_int_equal(again.elements[i].mark, live->elements[i].mark);
        assert_int_equal(names_takeover(&again.elements[i]), names_takeover(&live->elements[i]));
    }
    sheet_free(&again);
    rec_data_free(&d);
}

static void i_have_control_gives_the_reference_pilot_the_aircraft_and_fails_the_exercise(void **state)
{
    (void)state;
    run r;
    start(&r, "super-mushak/straight-and-level", "trainee");
    assert_int_equal(fly(&r, 10.0), 0);
    int running = 0;
    assert_int_equal(sortie_exercise(r.s, &running), 0);
    assert_true(running);
    assert_false(sortie_instructor_flying(r.s));
    take(&r, 1);
    assert_int_equal(fly(&r, 1.0 / 60.0), 0);
    assert_true(sortie_instructor_flying(r.s));
    take(&r, 1); /* asked again: nothing changes */
    /* the running marks show it at once */
    grade_mark marks[8];
    assert_int_equal(sortie_running_marks(r.s, marks, NULL, 8), 6);
    for (int i = 0; i < 3; i++)
        assert_int_equal(marks[i], MARK_UNSAT);
    assert_int_equal(fly(&r, -1.0), 1);
    airport_runway rwy = *sortie_runway(r.s);
    grade_sheet sh;
    end_sortie(&r, &sh);
    saqr_err err;
    err_clear(&err);
    assert_int_equal(sh.result, SORTIE_UNSAT);
    assert_non_null(strstr(sh.summary, "The instructor took control in \"Straight and level at 110 kt\" at t=10."));
    assert_int_equal(sh.nelements, 6 + 1); /* and the lesson's item, the instructor's to mark */
    for (int i = 0; i < 6; i++) {
        assert_int_equal(sh.elements[i].mark, MARK_UNSAT);
        assert_true(names_takeover(&sh.elements[i]));
    }
    assert_true(sh.elements[6].by_instructor);
    assert_int_equal(sh.elements[6].mark, MARK_NOT_OBSERVED);
    /* the reference pilot flew it: the slow cruise settled at 90 kt */
    rec_data d;
    assert_int_equal(rec_read(r.rec, &d, &err), SAQR_OK);
    int ias = rec_channel_index(&d, "ias-kt");
    assert_true(ias >= 0);
    assert_float_equal(rec_value(&d, d.nframes - 1, ias), 90.0, 5.0);
    int takeovers = 0;
    for (size_t i = 0; i < d.nevents; i++)
        if (strcmp(d.events[i].kind, "takeover") == 0) {
            takeovers++;
            assert_float_equal(d.events[i].value, 1.0, 0.0);
            assert_float_equal(d.events[i].t_s, 10.0, 0.05);
        }
    assert_int_equal(takeovers, 1);
    /* the debrief page marks the moment on the track */
    char page[80];
    snprintf(page, sizeof page, "%s.html", r.rec);
    assert_int_equal(debrief_write_html(page, &d, &sh, &rwy, NULL, &err), SAQR_OK);
    char cmd[200];
    snprintf(cmd, sizeof cmd, "grep -q 'font-size=\"11\">takeover &quot;I have control&quot;: the instructor' %s", page);
    assert_int_equal(system(cmd), 0);
    unlink(page);
    rec_data_free(&d);
    regraded_equals(&r, &sh);
    clean_up(&r, &sh);
}

static void you_have_control_hands_it_back_and_the_next_exercise_is_the_trainees(void **state)
{
    (void)state;
    run r;
    start(&r, "super-mushak/straight-and-level", "trainee");
    assert_int_equal(fly(&r, 10.0), 0);
    take(&r, 1);
    /* the instructor settles it until just before the cruise's 120 s end */
    assert_int_equal(fly(&r, 105.0), 0);
    take(&r, 0);
    assert_int_equal(fly(&r, 1.0 / 60.0), 0);
    assert_false(sortie_instructor_flying(r.s));
    /* the trainee's hand is on the throttle again: the pilot, which trims
     * it every frame, no longer overwrites it */
    saqr_fdm *f = sortie_fdm(r.s);
    int thr = saqr_fdm_property(f, "fcs/throttle-cmd-norm");
    assert_true(thr >= 0);
    const double held = saqr_fdm_get(f, thr) + 0.02;
    assert_int_equal(saqr_fdm_set(f, thr, held), SAQR_OK);
    assert_int_equal(fly(&r, 1.0), 0);
    assert_float_equal(saqr_fdm_get(f, thr), held, 0.0);
    assert_int_equal(fly(&r, -1.0), 1);
    grade_sheet sh;
    end_sortie(&r, &sh);
    assert_int_equal(sh.result, SORTIE_UNSAT);
    for (int i = 0; i < 3; i++) { /* the cruise: taken over */
        assert_string_equal(sh.elements[i].exercise, "cruise");
        assert_int_equal(sh.elements[i].mark, MARK_UNSAT);
        assert_true(names_takeover(&sh.elements[i]));
    }
    for (int i = 3; i < 6; i++) { /* the slow cruise: the trainee's, marked as flown */
        assert_string_equal(sh.elements[i].exercise, "slow-cruise");
        assert_false(names_takeover(&sh.elements[i]));
        assert_int_not_equal(sh.elements[i].mark, MARK_NOT_OBSERVED);
    }
    regraded_equals(&r, &sh);
    clean_up(&r, &sh);
}

/* "I have control" flown from the cockpit (dual controls): the cockpit's
 * controls fly on - the reference pilot does not touch them - while the
 * exercise is the instructor's, graded as any take-over; switched to the
 * reference pilot, it flies; handed back, the trainee's again. */
static void the_instructor_flies_from_the_cockpit(void **state)
{
    (void)state;
    run r;
    start(&r, "super-mushak/straight-and-level", "trainee");
    assert_int_equal(fly(&r, 10.0), 0);
    assert_true(sortie_cockpit_flies(r.s));
    take(&r, SORTIE_INSTRUCTOR_COCKPIT);
    saqr_fdm *f = sortie_fdm(r.s);
    const int elev = saqr_fdm_property(f, "fcs/elevator-cmd-norm"), theta = saqr_fdm_property(f, "attitude/theta-deg");
    const double theta0 = saqr_fdm_get(f, theta);
    /* the instructor pulls: the command stays where the hand holds it */
    assert_int_equal(saqr_fdm_set(f, elev, -0.15), SAQR_OK);
    assert_int_equal(fly(&r, 2.0), 0);
    assert_true(sortie_instructor_flying(r.s));
    assert_true(sortie_cockpit_flies(r.s));
    assert_true(saqr_fdm_get(f, elev) == -0.15);
    assert_true(saqr_fdm_get(f, theta) > theta0 + 3.0);
    /* the reference pilot's turn: it flies the cruise again, and the
     * cockpit is out */
    take(&r, SORTIE_INSTRUCTOR_PILOT);
    assert_int_equal(fly(&r, 1.0), 0);
    assert_false(sortie_cockpit_flies(r.s));
    assert_true(saqr_fdm_get(f, elev) != -0.15);
    take(&r, SORTIE_TRAINEE_HAS_CONTROL);
    assert_int_equal(fly(&r, 1.0 / 60.0), 0);
    assert_true(sortie_cockpit_flies(r.s) && !sortie_instructor_flying(r.s));
    saqr_err err;
    err_clear(&err);
    assert_int_equal(sortie_take_control(r.s, (sortie_hands)3, &err), SAQR_EINVAL);
    assert_int_equal(sortie_control_taken(r.s), SORTIE_TRAINEE_HAS_CONTROL);
    assert_int_equal(fly(&r, -1.0), 1);
    grade_sheet sh;
    end_sortie(&r, &sh);
    /* the cruise ran under the instructor's hands: Unsat, named */
    assert_int_equal(sh.result, SORTIE_UNSAT);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(sh.elements[i].mark, MARK_UNSAT);
        assert_true(names_takeover(&sh.elements[i]));
    }
    /* recorded: taken from the cockpit (2), by the pilot (1), back (0) */
    rec_data d;
    assert_int_equal(rec_read(r.rec, &d, &err), SAQR_OK);
    const double want[3] = {2.0, 1.0, 0.0};
    int k = 0;
    for (size_t i = 0; i < d.nevents; i++)
        if (strcmp(d.events[i].kind, "takeover") == 0) {
            assert_true(k < 3);
            assert_true(d.events[i].value == want[k]);
            k++;
        }
    assert_int_equal(k, 3);
    rec_data_free(&d);
    regraded_equals(&r, &sh);
    clean_up(&r, &sh);
}

/* "I have control" in a spiral dive the trainee let develop (full left
 * aileron and the stick forward for 9 s: inverted, the nose 50 deg down,
 * ~170 kt, 2,400 ft above the ground): the reference pilot rolls the
 * wings level unloaded, closes the throttle, pulls to the horizon within
 * its 3.5 g, and flies the exercise on from there - well inside the Super
 * Mushak's +6 g (shared/reference/aircraft-and-training.md) and clear of
 * the ground.  Taking the exercise's profile at once instead pulled
 * 6.4 g while still rolling, stalled and spun in (2026-12-04). */
static void taken_in_a_spiral_dive_the_pilot_recovers_first(void **state)
{
    (void)state;
    run r;
    start(&r, "super-mushak/straight-and-level", "trainee");
    assert_int_equal(fly(&r, 5.0), 0);
    saqr_fdm *f = sortie_fdm(r.s);
    const int ail = saqr_fdm_property(f, "fcs/aileron-cmd-norm"), elev = saqr_fdm_property(f, "fcs/elevator-cmd-norm");
    const int phi = saqr_fdm_property(f, "attitude/phi-deg"), theta = saqr_fdm_property(f, "attitude/theta-deg");
    const int agl = saqr_fdm_property(f, "position/h-agl-ft"), nz = saqr_fdm_property(f, "accelerations/Nz");
    for (int k = 0; k < 9 * 120; k++) {
        assert_int_equal(saqr_fdm_set(f, ail, -1.0), SAQR_OK);
        assert_int_equal(saqr_fdm_set(f, elev, 0.2), SAQR_OK);
        assert_int_equal(fly(&r, 1.0 / 120.0), 0);
    }
    printf("taken at %.0f deg bank, %.0f deg pitch, %.0f ft above the ground\n", saqr_fdm_get(f, phi),
           saqr_fdm_get(f, theta), saqr_fdm_get(f, agl));
    assert_true(fabs(saqr_fdm_get(f, phi)) > 90.0 && saqr_fdm_get(f, theta) < -30.0); /* a real upset */
    take(&r, SORTIE_INSTRUCTOR_PILOT);
    double nz_max = 0.0, agl_min = 1e9, level_after = NAN;
    for (int k = 0; k < 15 * 120; k++) {
        assert_int_equal(fly(&r, 1.0 / 120.0), 0); /* no crash */
        nz_max = fmax(nz_max, saqr_fdm_get(f, nz));
        agl_min = fmin(agl_min, saqr_fdm_get(f, agl));
        if (isnan(level_after) && fabs(saqr_fdm_get(f, phi)) < 15.0 && saqr_fdm_get(f, theta) >= 0.0)
            level_after = k / 120.0;
    }
    printf("recovered: level after %.1f s, %.2f g at most, %.0f ft above the ground at least\n", level_after, nz_max,
           agl_min);
    assert_true(level_after < 8.0);
    assert_true(nz_max < 4.5);
    assert_true(agl_min > 1000.0);
    /* and level 15 s on: wings level, neither climbing nor diving much */
    assert_true(fabs(saqr_fdm_get(f, phi)) < 5.0 && fabs(saqr_fdm_get(f, theta)) < 10.0);
    grade_sheet sh;
    take(&r, SORTIE_TRAINEE_HAS_CONTROL);
    assert_int_equal(fly(&r, -1.0), 1);
    end_sortie(&r, &sh);
    clean_up(&r, &sh);
}

static void the_automatic_pilots_sortie_has_no_control_to_take(void **state)
{
    (void)state;
    run r;
    start(&r, "super-mushak/straight-and-level", "reference");
    saqr_err err;
    err_clear(&err);
    assert_int_equal(sortie_take_control(r.s, SORTIE_INSTRUCTOR_PILOT, &err), SAQR_EINVAL);
    assert_non_null(strstr(err.msg, "automatic pilot"));
    assert_false(sortie_control_taken(r.s));
    grade_sheet sh;
    end_sortie(&r, &sh);
    clean_up(&r, &sh);
}

/* ------------------------------------------------ the grader, by samples */

/* A lesson on two channels: an exercise that begins once alt-ft reaches
 * 1,000 and lasts 10 s, holding 1,000 +-100 ft, and a heading held only
 * for its first 3 s. */
static const char GRADED_XML[] =
    "<lesson id=\"t/takeover\" aircraft=\"super-mushak\" max-s=\"100\"><title>T</title>"
    "<setup airport=\"OPRS\" runway=\"27L\"><airborne bearing-deg=\"90\" distance-nm=\"5\" alt-ft=\"1000\" "
    "heading-deg=\"270\" ias-kt=\"110\"/></setup>"
    "<exercise id=\"hold\" title=\"Hold\" max-s=\"30\"><entry when=\"alt-ft ge 1000\"/>"
    "<fly alt-ft=\"1000\" max-s=\"30\"/><complete when=\"ex-time-s ge 10\"/>"
    "<grade id=\"alt\" title=\"Altitude\" channel=\"alt-ft\" target=\"1000\" tolerance=\"100\" unit=\"ft\" "
    "source=\"test\"/>"
    "<grade id=\"hdg\" title=\"Heading early\" channel=\"heading-deg\" target=\"270\" tolerance=\"10\" unit=\"deg\" "
    "until=\"ex-time-s ge 3\" source=\"test\"/></exercise></lesson>";

static const char *const GRADED_CHANNELS[] = {"t-s", "alt-ft", "heading-deg"};

/* Samples at 10 Hz from t0 to t1 (exclusive) at the given values. */
static void samples(graded *x, double t0, double t1, double alt_ft, double hdg_deg)
{
    for (int k = 0; t0 + 0.1 * k < t1 - 1e-9; k++) {
        double v[3] = {t0 + 0.1 * k, alt_ft, hdg_deg};
        grader_sample(x->g, v);
    }
}

static void the_instructors_flying_is_not_graded_and_a_closed_element_keeps_its_mark(void **state)
{
    (void)state;
    graded x;
    graded_begin(&x, GRADED_XML, "takeover.xml", GRADED_CHANNELS, 3);
    samples(&x, 0.0, 5.0, 1000.0, 270.0); /* the trainee: on the numbers */
    grader_event(x.g, 5.0, "takeover", 1.0);
    samples(&x, 5.0, 20.0, 1600.0, 200.0); /* the instructor: far off */
    grade_sheet sh;
    graded_end(&x, &sh);
    assert_int_equal(sh.nelements, 2);
    const sheet_element *alt = &sh.elements[0], *hdg = &sh.elements[1];
    assert_int_equal(alt->mark, MARK_UNSAT);
    assert_int_equal(alt->nexcursions, 0); /* 600 ft off, never graded */
    assert_int_equal(alt->ndeductions, 1);
    assert_float_equal(alt->deductions[0].t_s, 5.0, 1e-9);
    assert_true(names_takeover(alt));
    assert_float_equal(alt->worst, 1000.0, 0.0);
    /* the heading's window closed at 3 s, before the take-over */
    assert_int_equal(hdg->mark, MARK_EXCELLENT);
    assert_false(names_takeover(hdg));
    assert_int_equal(sh.result, SORTIE_UNSAT);
    assert_non_null(strstr(sh.summary, "The instructor took control in \"Hold\" at t=5.0 s"));
    sheet_free(&sh);
}

static void control_taken_and_given_back_before_the_exercise_begins_costs_nothing(void **state)
{
    (void)state;
    graded x;
    graded_begin(&x, GRADED_XML, "takeover.xml", GRADED_CHANNELS, 3);
    samples(&x, 0.0, 1.0, 500.0, 270.0);
    grader_event(x.g, 1.0, "takeover", 1.0);
    samples(&x, 1.0, 3.0, 600.0, 270.0);
    grader_event(x.g, 3.0, "takeover", 0.0);
    samples(&x, 3.0, 4.0, 700.0, 270.0);
    samples(&x, 4.0, 20.0, 1000.0, 270.0); /* begins at 4 s, flown by the trainee */
    grade_sheet sh;
    graded_end(&x, &sh);
    assert_int_equal(sh.result, SORTIE_PASS);
    for (int i = 0; i < sh.nelements; i++) {
        assert_int_equal(sh.elements[i].mark, MARK_EXCELLENT);
        assert_false(names_takeover(&sh.elements[i]));
    }
    sheet_free(&sh);
}

static void taken_over_in_the_last_second_the_exercise_still_fails(void **state)
{
    (void)state;
    /* the same exercise, graded without a take-over, passes: the take-over
     * alone is what fails it */
    graded x;
    graded_begin(&x, GRADED_XML, "takeover.xml", GRADED_CHANNELS, 3);
    samples(&x, 0.0, 20.0, 1000.0, 270.0);
    grade_sheet sh;
    graded_end(&x, &sh);
    assert_int_equal(sh.result, SORTIE_PASS);
    sheet_free(&sh);
    /* taken over in its last second (it runs from 0 to 10 s) */
    graded_begin(&x, GRADED_XML, "takeover.xml", GRADED_CHANNELS, 3);
    samples(&x, 0.0, 9.5, 1000.0, 270.0);
    grader_event(x.g, 9.5, "takeover", 1.0);
    samples(&x, 9.5, 20.0, 1000.0, 270.0);
    graded_end(&x, &sh);
    assert_int_equal(sh.result, SORTIE_UNSAT);
    assert_int_equal(sh.elements[0].mark, MARK_UNSAT);
    sheet_free(&sh);
}

/* Takeover events as a hand-edited or damaged recording may hold them: a
 * NaN value (not a take-over), a hand-back never taken, a take-over after
 * the last exercise: the sheet is the plain one's, nothing crashes. */
static void odd_takeover_events_change_nothing_they_do_not_mean(void **state)
{
    (void)state;
    graded x;
    graded_begin(&x, GRADED_XML, "takeover.xml", GRADED_CHANNELS, 3);
    grader_event(x.g, 0.0, "takeover", NAN);
    grader_event(x.g, 0.5, "takeover", 0.0);
    samples(&x, 0.0, 20.0, 1000.0, 270.0);
    grader_event(x.g, 20.0, "takeover", 1.0); /* every exercise done */
    samples(&x, 20.0, 21.0, 1600.0, 200.0);
    grade_sheet sh;
    graded_end(&x, &sh);
    assert_int_equal(sh.result, SORTIE_PASS);
    for (int i = 0; i < sh.nelements; i++)
        assert_false(names_takeover(&sh.elements[i]));
    sheet_free(&sh);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(i_have_control_gives_the_reference_pilot_the_aircraft_and_fails_the_exercise),
        cmocka_unit_test(you_have_control_hands_it_back_and_the_next_exercise_is_the_trainees),
        cmocka_unit_test(the_instructor_flies_from_the_cockpit),
        cmocka_unit_test(taken_in_a_spiral_dive_the_pilot_recovers_first),
        cmocka_unit_test(the_automatic_pilots_sortie_has_no_control_to_take),
        cmocka_unit_test(the_instructors_flying_is_not_graded_and_a_closed_element_keeps_its_mark),
        cmocka_unit_test(control_taken_and_given_back_before_the_exercise_begins_costs_nothing),
        cmocka_unit_test(taken_over_in_the_last_second_the_exercise_still_fails),
        cmocka_unit_test(odd_takeover_events_change_nothing_they_do_not_mean),
    };
    return cmocka_run_group_tests(tests, airports_setup, airports_teardown);
}
