/*
 * test_formation.c - a formation lesson's lead aircraft (lesson.h
 * lesson_lead, src/train/sortie_lead.c) and the reference pilot's station
 * keeping (src/train/pilot_formation.c): the lead starts where the lesson
 * places it, checked against Vincenty's geodesic (nothing of Saqr's flat
 * frame); the lead flies its own profile while nobody flies the trainee's
 * aircraft; a reposition takes the formation up again; a wingman drifting
 * high (degraded:altitude) fails the step and nothing else; one that overruns
 * the lead collides with it and the sortie ends in a crash.  A formation
 * take-off: both aircraft start on the runway, each on its own half, roll
 * side by side, lift off together and climb out in close echelon; a lead
 * that would start off the runway, or above it, is refused.  A formation
 * landing: each aircraft on its own half from the approach to the stop.
 */
#include "airports_fixture.h"
#include "geodesic_ref.h"
#include "lesson_fixture.h"
#include "sheet_find.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "math/units.h"
#include "train/sortie.h"
#include "train/sortie_control.h"
#include "train/debrief.h"
#include "train/record.h"
#include "util/file.h"

#include <stdio.h>
#include <unistd.h>

#define FT_PER_NM (M_PER_NMI / M_PER_FT)
#define LESSON "super-mushak/formation"

static sortie *begin(lesson *l, const char *who)
{
    sortie_opts o = {SAQR_ROOT_DIR, &fixture_airports, NULL, who, 20.0, NULL, NULL};
    sortie *s = NULL;
    saqr_err err;
    err_clear(&err);
    if (sortie_begin(l, &o, &s, &err))
        fail_msg("%s", err.msg);
    return s;
}

static void end(sortie *s, grade_sheet *sheet)
{
    double flown;
    saqr_err err;
    err_clear(&err);
    assert_int_equal(sortie_end(s, sheet, &flown, &err), SAQR_OK);
}

/* The sortie ended, and passed (its sheet printed when it did not). */
static void end_passing(sortie *s)
{
    grade_sheet sheet;
    end(s, &sheet);
    if (sheet.result != SORTIE_PASS)
        sheet_print(&sheet, stdout);
    assert_int_equal(sheet.result, SORTIE_PASS);
    sheet_free(&sheet);
}

/* The lead's place about the aircraft by the WGS-84 geodesic: the
 * distance and the direction from the lead to the aircraft against the
 * lead's heading agree with the form-* channels (a flat frame, within a
 * hundredth of a foot at this spacing). */
static void check_geometry(sortie *s, const sortie_lead_values *ld)
{
    const double lat = saqr_fdm_get(sortie_fdm(s), saqr_fdm_property(sortie_fdm(s), "position/lat-geod-deg"));
    const double lon = saqr_fdm_get(sortie_fdm(s), saqr_fdm_property(sortie_fdm(s), "position/long-gc-deg"));
    double nm, az1, az2;
    vincenty(ld->lat_deg, ld->lon_deg, lat, lon, &nm, &az1, &az2);
    const double ft = nm * FT_PER_NM, rel = (az1 - ld->heading_deg) * RAD_PER_DEG;
    printf("geodesic %.3f ft at %.3f deg off the lead's heading; frame %.3f ahead %.3f right\n", ft,
           az1 - ld->heading_deg, ld->ahead_ft, ld->right_ft);
    assert_near(ft * cos(rel), ld->ahead_ft, 0.05);
    assert_near(ft * sin(rel), ld->right_ft, 0.05);
}

static void the_lead_starts_where_the_lesson_places_it(void **state)
{
    (void)state;
    lesson l;
    fixture_lesson_load(LESSON, &l);
    sortie *s = begin(&l, "trainee");
    sortie_lead_values ld;
    assert_int_equal(sortie_lead(s, &ld), 1);
    assert_near(ld.ahead_ft, l.lead.ahead_ft, 0.01);
    assert_near(ld.right_ft, l.lead.right_ft, 0.01);
    assert_near(ld.above_ft, l.lead.above_ft, 0.01);
    check_geometry(s, &ld);
    /* the same trim: the lead's attitude is the aircraft's */
    const double heading = saqr_fdm_get(sortie_fdm(s), saqr_fdm_property(sortie_fdm(s), "attitude/psi-deg"));
    assert_near(ld.heading_deg, heading, 1e-6);
    grade_sheet sheet;
    end(s, &sheet);
    sheet_free(&sheet);
    lesson_free(&l);
}

/* Lesson id's text with `from` replaced by `to` (once, and there); 0 and
 * *l, or the load's error in err. */
static int load_lesson_edited(const char *id, const char *from, const char *to, lesson *l, saqr_err *err)
{
    char path[1024], *text = NULL;
    size_t len = 0;
    snprintf(path, sizeof path, "%s/lessons/%s.xml", SAQR_ROOT_DIR, id);
    assert_int_equal(file_read_all(path, NULL, 1 << 20, &text, &len, err), SAQR_OK);
    const char *at = strstr(text, from);
    assert_non_null(at);
    size_t nf = strlen(from), nt = strlen(to), head = (size_t)(at - text);
    char *edited = malloc(len - nf + nt + 1);
    assert_non_null(edited);
    memcpy(edited, text, head);
    memcpy(edited + head, to, nt);
    memcpy(edited + head + nt, at + nf, len - head - nf);
    edited[len - nf + nt] = '\0';
    free(text);
    const int st = lesson_parse_memory(edited, strlen(edited), "edited.xml", l, err);
    free(edited);
    return st;
}

/* The formation lesson's text edited (lesson_load_edited). */
static void load_edited(const char *from, const char *to, lesson *l)
{
    saqr_err err;
    err_clear(&err);
    if (load_lesson_edited(LESSON, from, to, l, &err))
        fail_msg("%s", err.msg);
}

/* Nobody flies the trainee's aircraft: the lead flies its profile on its
 * own (straight, cut here to 5 s, then its turn left), and the aircraft,
 * trimmed and hands off, is left behind and outside; a reposition then
 * puts the lead back at the lesson's place about the aircraft. */
static void the_lead_flies_its_profile_and_a_reposition_rejoins(void **state)
{
    (void)state;
    lesson l;
    load_edited("ias-kt=\"100\" max-s=\"60\"/>", "ias-kt=\"100\" max-s=\"5\"/>", &l);
    sortie *s = begin(&l, "trainee");
    saqr_err err;
    err_clear(&err);
    sortie_lead_values ld;
    double start_heading = NAN, min_roll = 0.0;
    for (int k = 0; k < 120 * 20 && !sortie_frame(s, &err); k++) {
        assert_int_equal(sortie_lead(s, &ld), 1);
        if (isnan(start_heading))
            start_heading = ld.heading_deg;
        min_roll = fmin(min_roll, ld.roll_deg);
    }
    printf("after 20 s: lead heading %.1f (from %.1f), least roll %.1f; aircraft at %.0f ahead %.0f right\n",
           ld.heading_deg, start_heading, min_roll, ld.ahead_ft, ld.right_ft);
    assert_true(min_roll < -25.0 && min_roll > -35.0); /* its 30-degree turn left */
    assert_true(fabs(lesson_angle_step_deg(start_heading, ld.heading_deg)) > 30.0);
    assert_true(hypot(ld.ahead_ft - l.lead.ahead_ft, ld.right_ft - l.lead.right_ft) > 200.0);

    sortie_reposition r = {REPO_AIRBORNE, 0.0, 5000.0, 90.0, NAN, "", ""};
    assert_int_equal(sortie_reposition_to(s, &r, &err), SAQR_OK);
    assert_int_equal(sortie_lead(s, &ld), 1);
    assert_near(ld.ahead_ft, l.lead.ahead_ft, 0.01);
    assert_near(ld.right_ft, l.lead.right_ft, 0.01);
    assert_near(ld.above_ft, l.lead.above_ft, 0.01);
    assert_near(ld.alt_ft, 5000.0, 1.0);
    check_geometry(s, &ld);
    /* and it flies on from there: the next second keeps the formation */
    for (int k = 0; k < 120 && !sortie_frame(s, &err); k++) {
    }
    assert_int_equal(sortie_lead(s, &ld), 1);
    assert_true(hypot(ld.ahead_ft - l.lead.ahead_ft, ld.right_ft - l.lead.right_ft) < 60.0);
    grade_sheet sheet;
    end(s, &sheet);
    sheet_free(&sheet);
    lesson_free(&l);
}

static void fly_lesson(const char *id, const char *who, grade_sheet *sheet)
{
    lesson l;
    fixture_lesson_load(id, &l);
    saqr_err err;
    err_clear(&err);
    sortie_opts o = {SAQR_ROOT_DIR, &fixture_airports, NULL, who, 20.0, NULL, NULL};
    assert_int_equal(sortie_fly(&l, &o, sheet, &err), SAQR_OK);
    lesson_free(&l);
}

static void fly(const char *who, grade_sheet *sheet)
{
    fly_lesson(LESSON, who, sheet);
}

static void flown_by_the_reference_pilot_the_station_is_kept_through_the_turns(void **state)
{
    (void)state;
    grade_sheet s;
    fly("reference", &s);
    if (s.result != SORTIE_PASS)
        sheet_print(&s, stdout);
    assert_int_equal(s.result, SORTIE_PASS);
    /* on the outside of the turn away and the inside of the turn into:
     * within 40 ft of the station fore and aft */
    assert_true(fabs(element(&s, "turn-away", "along")->worst + 100.0) < 40.0);
    assert_true(fabs(element(&s, "turn-into", "along")->worst + 100.0) < 40.0);
    sheet_free(&s);
    /* the JF-17's, 150 ft out at 300 KCAS and 45 degrees of bank */
    fly_lesson("jf17/formation", "reference", &s);
    if (s.result != SORTIE_PASS)
        sheet_print(&s, stdout);
    assert_int_equal(s.result, SORTIE_PASS);
    assert_true(fabs(element(&s, "turn-away", "along")->worst + 150.0) < 40.0);
    assert_true(fabs(element(&s, "turn-into", "along")->worst + 150.0) < 40.0);
    sheet_free(&s);
}

static void flown_riding_high_the_step_fails_and_nothing_else(void **state)
{
    (void)state;
    grade_sheet s;
    fly("degraded:altitude", &s);
    int failed = 0;
    for (int i = 0; i < s.nelements; i++) {
        const sheet_element *e = &s.elements[i];
        if (e->by_instructor)
            continue;
        const int is_step = strcmp(e->name, "step") == 0;
        if (is_step != (e->mark == MARK_UNSAT)) {
            printf("element %s/%s: %s\n", e->exercise, e->name, sheet_mark_name(e->mark));
            failed++;
        }
    }
    if (failed)
        sheet_print(&s, stdout);
    assert_int_equal(failed, 0);
    sheet_free(&s);
}

/* The lead starts 100 ft straight ahead and throttles back; the trainee's
 * aircraft, hands off at 100 kt, runs into it. */
static void an_aircraft_that_overruns_the_lead_collides(void **state)
{
    (void)state;
    lesson l;
    load_edited("<lead ahead-ft=\"-100\" right-ft=\"100\" above-ft=\"0\">\n"
                "    <fly heading-deg=\"entry\" alt-ft=\"entry\" ias-kt=\"100\" max-s=\"60\"/>",
                "<lead ahead-ft=\"-100\" right-ft=\"0\" above-ft=\"0\">\n"
                "    <fly heading-deg=\"entry\" alt-ft=\"entry\" throttle=\"0\" max-s=\"60\"/>",
                &l);
    sortie *s = begin(&l, "trainee");
    saqr_err err;
    err_clear(&err);
    int k = 0;
    while (sortie_frame(s, &err) == 0)
        k++;
    rec_event events[SORTIE_EVENT_FEED];
    uint64_t cursor = 0;
    const int n = sortie_take_events(s, &cursor, events, SORTIE_EVENT_FEED);
    const rec_event *ev = NULL;
    for (int i = 0; i < n; i++)
        if (strcmp(events[i].kind, "crash") == 0)
            ev = &events[i];
    assert_non_null(ev);
    printf("t=%.2f s (%d frames): %s\n", ev->t_s, k, ev->text);
    assert_non_null(strstr(ev->text, "mid-air collision with the lead"));
    assert_true(ev->t_s > 2.0 && ev->t_s < 40.0);
    grade_sheet sheet;
    end(s, &sheet);
    sheet_free(&sheet);
    lesson_free(&l);
}

#define TAKEOFF "super-mushak/formation-takeoff"

/* Where (lat, lon) is on the lesson's runway: along it from the
 * threshold and right of its centreline (ft). */
static void on_runway(const lesson *l, double lat, double lon, double *x_ft, double *y_ft)
{
    const airport *ap = airport_find(&fixture_airports, l->setup.airport);
    runway_from_geodetic(airport_runway_find(ap, l->setup.runway), lat, lon, x_ft, y_ft);
}

/* Both aircraft start on the runway, the lead 20 ft left of the
 * centreline and the aircraft 20 ft right of it, 20 ft behind (the
 * geodesic agreeing with the form-* channels); flown by the reference
 * pilot they roll side by side, lift off within a second of each other,
 * never come closer than 35 ft, and the lesson passes. */
static void a_formation_take_off_rolls_side_by_side_and_lifts_off_together(void **state)
{
    (void)state;
    lesson l;
    fixture_lesson_load(TAKEOFF, &l);
    sortie *s = begin(&l, "reference");
    sortie_lead_values ld;
    sortie_instruments ins;
    assert_int_equal(sortie_lead(s, &ld), 1);
    sortie_read_instruments(s, &ins);
    check_geometry(s, &ld);
    double x, y, lx, ly;
    on_runway(&l, ins.lat_deg, ins.lon_deg, &x, &y);
    on_runway(&l, ld.lat_deg, ld.lon_deg, &lx, &ly);
    printf("on the runway: the aircraft %.2f ft along, %.2f right; the lead %.2f along, %.2f right\n", x, y, lx, ly);
    assert_near(y, 20.0, 0.05);
    assert_near(ly, -20.0, 0.05);
    assert_near(lx - x, 20.0, 0.05);
    assert_true(ins.on_ground);
    assert_near(ld.above_ft, 0.0, 0.01);
    const double field_ft = ld.alt_ft;
    saqr_err err;
    err_clear(&err);
    double closest = HUGE_VAL, own_off = NAN, lead_off = NAN, t = 0.0;
    while (sortie_frame(s, &err) == 0) {
        assert_int_equal(sortie_lead(s, &ld), 1);
        sortie_read_instruments(s, &ins);
        t = ins.t_s;
        closest = fmin(closest, hypot(hypot(ld.ahead_ft, ld.right_ft), ld.above_ft));
        if (isnan(own_off) && !ins.on_ground)
            own_off = t;
        if (isnan(lead_off) && ld.alt_ft > field_ft + 1.0) /* the lead's wheels off */
            lead_off = t;
    }
    printf("lift-off: the aircraft at %.2f s, the lead at %.2f s; closest %.1f ft in %.0f s\n", own_off, lead_off,
           closest, t);
    assert_true(fabs(own_off - lead_off) < 1.0);
    assert_true(closest > 35.0);
    end_passing(s);
    lesson_free(&l);
}

/* A formation approach: the reference pilot holds the close echelon down
 * the glide path, and from 50 ft each aircraft lands on its own half of
 * the runway - the lead 20 ft left of the centreline, the aircraft 20 ft
 * right - never closer than 35 ft; the lesson passes. */
static void fly_formation_landing(const char *id, double min_x_ft, double max_x_ft)
{
    lesson l;
    fixture_lesson_load(id, &l);
    sortie *s = begin(&l, "reference");
    sortie_lead_values ld;
    sortie_instruments ins;
    saqr_err err;
    err_clear(&err);
    double closest = HUGE_VAL, x = NAN, y = NAN, lx = NAN, ly = NAN;
    while (sortie_frame(s, &err) == 0) {
        assert_int_equal(sortie_lead(s, &ld), 1);
        sortie_read_instruments(s, &ins);
        closest = fmin(closest, hypot(hypot(ld.ahead_ft, ld.right_ft), ld.above_ft));
        if (ins.on_ground && isnan(x)) /* touch-down */
            on_runway(&l, ins.lat_deg, ins.lon_deg, &x, &y);
    }
    on_runway(&l, ld.lat_deg, ld.lon_deg, &lx, &ly);
    double ex, ey;
    on_runway(&l, ins.lat_deg, ins.lon_deg, &ex, &ey);
    printf("%s: touch-down %.0f ft along, %.1f right; stopped %.1f right, the lead %.1f right; closest %.1f ft\n", id,
           x, y, ey, ly, closest);
    assert_true(fabs(ey - 20.0) < 10.0 && fabs(ly + 20.0) < 10.0);
    assert_true(y > 5.0 && x > min_x_ft && x < max_x_ft);
    assert_true(closest > 35.0);
    end_passing(s);
    lesson_free(&l);
}

static void a_formation_landing_puts_each_aircraft_on_its_own_half(void **state)
{
    (void)state;
    fly_formation_landing("super-mushak/formation-landing", 400.0, 900.0);
    fly_formation_landing("jf17/formation-landing", 500.0, 2000.0);
}

/* A lesson edited so that its lead would start above the runway, or off
 * it, and one whose aircraft would: refused when the sortie begins,
 * naming the lesson's line. */
static void a_lead_off_the_runway_or_above_it_is_refused(void **state)
{
    (void)state;
    static const struct {
        const char *from, *to, *said;
    } bad[] = {
        {"<lead ahead-ft=\"-20\" right-ft=\"40\" above-ft=\"0\">", "<lead ahead-ft=\"-20\" right-ft=\"40\" above-ft=\"50\">",
         "starts its lead there too: above-ft=\"0\""},
        {"<lead ahead-ft=\"-20\" right-ft=\"40\" above-ft=\"0\">", "<lead ahead-ft=\"-20\" right-ft=\"100\" above-ft=\"0\">",
         "the lead would start off the runway, -80 ft from its centreline (at most 72)"},
        {"<lead ahead-ft=\"-20\" right-ft=\"40\" above-ft=\"0\">", "<lead ahead-ft=\"20\" right-ft=\"40\" above-ft=\"0\">",
         "the lead would start short of the runway"},
        {"<on-runway right-ft=\"20\"/>", "<on-runway right-ft=\"75\"/>",
         "runway OPRS 27L is 164 ft wide: the aircraft would start off it (at most 72 ft from its centreline)"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        lesson l;
        saqr_err err;
        err_clear(&err);
        assert_int_equal(load_lesson_edited(TAKEOFF, bad[i].from, bad[i].to, &l, &err), SAQR_OK);
        sortie_opts o = {SAQR_ROOT_DIR, &fixture_airports, NULL, "reference", 20.0, NULL, NULL};
        sortie *s = NULL;
        assert_int_equal(sortie_begin(&l, &o, &s, &err), SAQR_EINVAL);
        printf("%s\n", err.msg);
        assert_null(s);
        assert_non_null(strstr(err.msg, bad[i].said));
        assert_non_null(strstr(err.msg, i < 3 ? "edited.xml:24:" : "edited.xml:18:"));
        lesson_free(&l);
    }
}

/* A second's flight of lesson id recorded, exported to ACMI (Tacview):
 * how many lines of object 102 (the lead) and of 101 (the aircraft); and
 * its debrief page into *page (the caller frees it). */
static void acmi_lines(const char *id, int *lead, int *own, int *named, char **page)
{
    lesson l;
    fixture_lesson_load(id, &l);
    char dir[] = "/tmp/saqr-formation-XXXXXX", path[64];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/f.rec", dir);
    sortie_opts o = {SAQR_ROOT_DIR, &fixture_airports, path, "reference", 20.0, NULL, NULL};
    sortie *s = NULL;
    saqr_err err;
    err_clear(&err);
    assert_int_equal(sortie_begin(&l, &o, &s, &err), SAQR_OK);
    for (int k = 0; k < 120 && !sortie_frame(s, &err); k++) {
    }
    grade_sheet sheet;
    end(s, &sheet);
    rec_data d;
    assert_int_equal(rec_read(path, &d, &err), SAQR_OK);
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_int_equal(rec_export_acmi_stream(&d, f, path, &err), SAQR_OK);
    fclose(f);
    const airport *ap = airport_find(&fixture_airports, l.setup.airport);
    f = open_memstream(page, &len);
    assert_int_equal(debrief_write_html_stream(f, path, &d, &sheet, airport_runway_find(ap, l.setup.runway), &l,
                                               &err),
                     SAQR_OK);
    fclose(f);
    sheet_free(&sheet);
    lesson_free(&l);
    rec_data_free(&d);
    *lead = *own = *named = 0;
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        *lead += strncmp(line, "102,T=", 6) == 0;
        *own += strncmp(line, "101,T=", 6) == 0;
        *named += strncmp(line, "102,T=", 6) == 0 && strstr(line, ",Pilot=Lead") != NULL;
    }
    free(text);
    unlink(path);
    rmdir(dir);
}

/* The recording holds the lead: Tacview shows both aircraft of a
 * formation sortie, the lead named once, and the debrief has its
 * formation picture (the first exercise's part of the path, its station,
 * its row of distances); neither without a lead. */
static void a_formation_recording_exports_the_lead_and_a_debrief_picture(void **state)
{
    (void)state;
    int lead, own, named;
    char *page = NULL;
    acmi_lines(LESSON, &lead, &own, &named, &page);
    printf("ACMI: %d lines of the lead, %d of the aircraft\n", lead, own);
    assert_true(own >= 20);
    assert_int_equal(lead, own);
    assert_int_equal(named, 1);
    assert_non_null(strstr(page, "<h2 id=\"formation\">Formation</h2>"));
    assert_non_null(strstr(page, "class=\"flown ex0\""));
    assert_non_null(strstr(page, "class=\"station\""));
    assert_non_null(strstr(page, ">echelon</td><td>100 ft behind, 100 ft right</td>"));
    assert_non_null(strstr(page, ">turn-away</td><td>100 ft behind, 100 ft right</td><td colspan=\"2\">not flown"));
    free(page);
    page = NULL;
    acmi_lines("super-mushak/straight-and-level", &lead, &own, &named, &page);
    assert_true(own >= 20);
    assert_int_equal(lead, 0);
    assert_null(strstr(page, "id=\"formation\""));
    free(page);
}

int main(void)
{
    /* valgrind runs those about the lead (*lead*): the whole lessons'
     * flights are the sortie's code, which other tests run under it */
    if (getenv("SAQR_TEST_ONLY"))
        cmocka_set_test_filter(getenv("SAQR_TEST_ONLY"));
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_lead_starts_where_the_lesson_places_it),
        cmocka_unit_test(the_lead_flies_its_profile_and_a_reposition_rejoins),
        cmocka_unit_test(flown_by_the_reference_pilot_the_station_is_kept_through_the_turns),
        cmocka_unit_test(flown_riding_high_the_step_fails_and_nothing_else),
        cmocka_unit_test(an_aircraft_that_overruns_the_lead_collides),
        cmocka_unit_test(a_formation_recording_exports_the_lead_and_a_debrief_picture),
        cmocka_unit_test(a_formation_take_off_rolls_side_by_side_and_lifts_off_together),
        cmocka_unit_test(a_lead_off_the_runway_or_above_it_is_refused),
        cmocka_unit_test(a_formation_landing_puts_each_aircraft_on_its_own_half),
    };
    return cmocka_run_group_tests(tests, airports_setup, airports_teardown);
}
