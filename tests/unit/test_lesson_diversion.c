/*
 * test_lesson_diversion.c - a diversion (divert-to=, FAA ACS private pilot
 * VI.C): its leg made from where the exercise begins, against the WGS-84
 * geodesic (Vincenty, geodesic_ref.h) and the wind triangle worked by
 * hand; the grader's "divert" event (the instructor's call) stopping the
 * leg flown where it is, leaving what it had not graded "not flown"
 * without failing the sortie, and flying the diversion to the checkpoint
 * called; the debrief's replay of it from a recording; the flight log's
 * line; and every mistake in it an error naming the line.
 */
#include "test_util.h"

#include <math.h>

#include "train/debrief_derived.h"
#include "train/flight_log.h"
#include "train/grade.h"
#include "train/lesson.h"
#include "train/lesson_route.h"

#include "geodesic_ref.h"
#include "lesson_errors.h"
#include "sheet_find.h"

#define PI_D 3.141592653589793238462643383279502884

/* A leg north from Risalpur, a second leg never flown when the diversion
 * is called in the first, and the diversion to Peshawar. */
static const char *good =
    "<?xml version=\"1.0\"?>\n"
    "<lesson id=\"test/divert\" aircraft=\"super-mushak\">\n"
    "  <route tas-kt=\"128\">\n"
    "    <checkpoint id=\"rsp\" name=\"Risalpur\" lat-deg=\"34.0815\" lon-deg=\"71.9730\"/>\n"
    "    <checkpoint id=\"north\" lat-deg=\"34.4815\" lon-deg=\"71.9730\"/>\n"
    "    <checkpoint id=\"opps\" name=\"Peshawar\" lat-deg=\"33.9939\" lon-deg=\"71.5146\"/>\n"
    "    <checkpoint id=\"charsadda\" name=\"Charsadda\" lat-deg=\"34.1450\" lon-deg=\"71.7310\"/>\n"
    "  </route>\n"
    "  <setup airport=\"OPRS\" runway=\"27L\">\n"
    "    <airborne bearing-deg=\"284\" distance-nm=\"0.7\" alt-ft=\"4500\" heading-deg=\"0\" ias-kt=\"120\"/>\n"
    "  </setup>\n"
    "  <exercise id=\"leg-1\" leg-from=\"rsp\" leg-to=\"north\">\n"
    "    <fly course=\"leg\" alt-ft=\"4500\" ias-kt=\"120\"/>\n"
    "    <complete when=\"to-go-nm le 0\"/>\n"
    "    <grade id=\"track\" channel=\"xtk-nm\" target=\"0\" tolerance=\"3\" source=\"ACS\"/>\n"
    "    <grade id=\"eta\" channel=\"eta-error-min\" target=\"0\" tolerance=\"5\" at=\"end\" source=\"ACS\"/>\n"
    "  </exercise>\n"
    "  <exercise id=\"leg-2\" leg-from=\"north\" leg-to=\"rsp\">\n"
    "    <fly course=\"leg\" alt-ft=\"4500\" ias-kt=\"120\"/>\n"
    "    <complete when=\"to-go-nm le 0\"/>\n"
    "    <grade id=\"track\" channel=\"xtk-nm\" target=\"0\" tolerance=\"3\" source=\"ACS\"/>\n"
    "  </exercise>\n"
    "  <exercise id=\"divert\" divert-to=\"opps\">\n"
    "    <fly course=\"leg\" alt-ft=\"4500\" ias-kt=\"120\"/>\n"
    "    <complete when=\"to-go-nm le 0\"/>\n"
    "    <grade id=\"heading\" channel=\"hdg-error-deg\" target=\"0\" tolerance=\"15\" source=\"ACS\"/>\n"
    "    <grade id=\"eta\" channel=\"eta-error-min\" target=\"0\" tolerance=\"5\" at=\"end\" source=\"ACS\"/>\n"
    "  </exercise>\n"
    "</lesson>\n";

static void parse(const char *text, lesson *l)
{
    saqr_err err;
    err_clear(&err);
    if (lesson_parse_memory(text, strlen(text), "t.xml", l, &err))
        fail_msg("%s", err.msg);
}

enum { T, LAT, LON, HDG, TAS, WFROM, WKT, NCH };
static const char *const names[NCH] = {"t-s", "lat-deg", "lon-deg", "heading-deg", "tas-kt", "wind-from-deg",
                                       "wind-kt"};

static void a_diversion_is_a_leg_from_where_it_begins(void **state)
{
    (void)state;
    lesson l;
    parse(good, &l);
    assert_int_equal(lesson_diversion_exercise(&l), 2);
    assert_null(lesson_exercise_leg(&l, 2));
    const lesson_leg *plan = lesson_exercise_diversion(&l, 2);
    assert_non_null(plan);
    assert_int_equal(plan->from, LESSON_LEG_DIVERT);
    assert_string_equal(l.route.cp[plan->to].id, "opps");
    assert_null(lesson_exercise_diversion(&l, 0));

    lesson_derived_inputs in = lesson_derived_inputs_find(names, NCH);
    lesson_derived d;
    lesson_derived_init(&d, NCH, &in);
    double v[NCH + LESSON_NDERIVED];
    /* called 8 nm up the meridian from Risalpur, 20 kt from 270 */
    v[T] = 300.0;
    v[LAT] = 34.0815 + 8.0 / 60.0;
    v[LON] = 71.9730;
    v[HDG] = 0.0;
    v[TAS] = 120.0;
    v[WFROM] = 270.0;
    v[WKT] = 20.0;
    lesson_derived_begin(&d, v, plan, NULL);
    assert_non_null(d.leg);
    assert_int_equal(d.leg->from, LESSON_LEG_DIVERTED);
    assert_near(d.leg->lat0_deg, v[LAT], 0.0);
    assert_near(d.leg->lon0_deg, v[LON], 0.0);
    double dist, az1, az2;
    vincenty(v[LAT], v[LON], 33.9939, 71.5146, &dist, &az1, &az2);
    double mid = az1 + 0.5 * wrap180(az2 - az1);
    printf("diversion: %.4f nm course %.3f (geodesic %.4f nm, %.3f half-way)\n", d.leg->length_nm,
           d.leg->course_deg, dist, mid);
    assert_near(d.leg->length_nm, dist, 1e-4 * dist);
    assert_near(wrap180(d.leg->course_deg - mid), 0.0, 0.01);
    assert_near(v[LESSON_CH_TO_GO(NCH)], d.leg->length_nm, 1e-9);
    assert_near(v[LESSON_CH_XTK(NCH)], 0.0, 1e-12);
    /* the plan: the wind triangle at the route's 128 kt, by hand */
    double rel = (270.0 - d.leg->course_deg) * PI_D / 180.0;
    double wca = asin(20.0 * sin(rel) / 128.0);
    assert_near(d.plan_heading_deg, d.leg->course_deg + wca * 180.0 / PI_D, 1e-9);
    assert_near(d.plan_gs_kt, 128.0 * cos(wca) - 20.0 * cos(rel), 1e-9);
    /* nowhere known, or already there: no leg */
    v[LAT] = NAN;
    lesson_derived_begin(&d, v, plan, NULL);
    assert_null(d.leg);
    assert_true(isnan(v[LESSON_CH_XTK(NCH)]));
    v[LAT] = 33.9939 + 0.05 / 60.0;
    v[LON] = 71.5146;
    lesson_derived_begin(&d, v, plan, NULL);
    assert_null(d.leg);
    lesson_free(&l);
}

/* One sample of a flight flown straight at gs_kt on course_deg from
 * (lat0, lon0) since t0 (a flat chart about the start, fine over these
 * few miles: the grader's leg is measured against it below, not against
 * this). */
static void fly_to(double *v, double t, double t0, double lat0, double lon0, double course_deg, double gs_kt)
{
    double nm = gs_kt * (t - t0) / 3600.0, c = course_deg * PI_D / 180.0;
    v[T] = t;
    v[LAT] = lat0 + nm * cos(c) / 60.0;
    v[LON] = lon0 + nm * sin(c) / (60.0 * cos(lat0 * PI_D / 180.0));
    v[HDG] = course_deg;
    v[TAS] = 128.0;
    v[WFROM] = 0.0;
    v[WKT] = 0.0;
}

/* A synthetic sortie at 1 Hz: north up leg 1 for 300 s, the instructor
 * calls a diversion to Charsadda (after three calls the grader must
 * ignore), then straight at it until it is abeam.  The same samples and
 * events also make a recording for the debrief's replay. */
enum { NF_MAX = 1200 };
static double values[NF_MAX * NCH];

static void the_instructor_diverts_from_the_leg_flown(void **state)
{
    (void)state;
    lesson l;
    parse(good, &l);
    assert_int_equal(lesson_bind(&l, names, NCH, NULL), SAQR_OK);
    grader *g = grader_create(&l, names, NCH, "trainee");
    assert_non_null(g);
    const int charsadda = 3;
    int nf = 0;
    double v[NCH];
    for (int t = 0; t < 300; t++, nf++) {
        fly_to(v, t, 0.0, 34.0815, 71.9730, 0.0, 128.0);
        grader_sample(g, v);
        memcpy(&values[nf * NCH], v, sizeof v);
    }
    grader_phase ph;
    assert_int_equal(grader_exercise(g, &ph), 0);
    assert_int_equal(ph, GPHASE_RUNNING);
    /* not a checkpoint: ignored */
    grader_event(g, 299.5, "divert", -1.0);
    grader_event(g, 299.5, "divert", 4.0);
    grader_event(g, 299.5, "divert", 1.5);
    grader_event(g, 299.5, "divert", NAN);
    assert_int_equal(grader_exercise(g, NULL), 0);
    assert_true(isnan(grader_diverted_at(g)));
    /* the call: the diversion waits for the next sample, whatever its
     * entry, and begins there */
    grader_event(g, 300.0, "divert", (double)charsadda);
    assert_int_equal(grader_exercise(g, &ph), 2);
    assert_int_equal(ph, GPHASE_WAITING);
    assert_near(grader_diverted_at(g), 300.0, 0.0);
    const double lat0 = 34.0815 + 128.0 * 300.0 / 3600.0 / 60.0, lon0 = 71.9730;
    double dist, az1, az2;
    vincenty(lat0, lon0, 34.1450, 71.7310, &dist, &az1, &az2);
    double course = az1 + 0.5 * wrap180(az2 - az1);
    int arrived = -1;
    for (int t = 300; nf < NF_MAX && arrived < 0; t++, nf++) {
        fly_to(v, t, 300.0, lat0, lon0, course, 128.0);
        memcpy(&values[nf * NCH], v, sizeof v);
        grader_sample(g, v);
        if (t == 300) {
            const lesson_leg *leg = grader_leg(g);
            assert_non_null(leg);
            assert_int_equal(leg->from, LESSON_LEG_DIVERTED);
            assert_int_equal(leg->to, charsadda);
            assert_near(leg->lat0_deg, lat0, 1e-12);
            assert_near(leg->length_nm, dist, 1e-4 * dist);
            /* a later call: the diversion has begun, nothing changes */
            grader_event(g, 300.5, "divert", 2.0);
            assert_int_equal(grader_leg(g)->to, charsadda);
        }
        if (grader_done(g))
            arrived = t;
    }
    assert_true(arrived > 300);
    printf("Charsadda abeam %d s after the call (%.2f nm at 128 kt: %.0f s)\n", arrived - 300, dist,
           dist / 128.0 * 3600.0);
    assert_near((double)(arrived - 300), dist / 128.0 * 3600.0, 2.0);
    grade_sheet s;
    assert_int_equal(grader_finish(g, &s), SAQR_OK);
    sheet_print(&s, stdout);
    /* leg 1 graded what it flew; its arrival, and leg 2, not flown */
    assert_int_equal(element(&s, "leg-1", "track")->mark, MARK_EXCELLENT);
    const sheet_element *eta1 = element(&s, "leg-1", "eta"), *track2 = element(&s, "leg-2", "track");
    assert_int_equal(eta1->mark, MARK_NOT_OBSERVED);
    assert_int_equal(track2->mark, MARK_NOT_OBSERVED);
    assert_non_null(strstr(eta1->deductions[0].text, "not flown: the instructor called a diversion"));
    assert_non_null(strstr(track2->deductions[0].text, "t=300.0 s"));
    assert_int_equal(element(&s, "divert", "heading")->mark, MARK_EXCELLENT);
    assert_near(element(&s, "divert", "eta")->worst, 0.0, 0.05);
    assert_int_equal(s.result, SORTIE_PASS);
    assert_non_null(strstr(s.summary, "All 3 elements flown to standard; 2 not flown after the diversion called at "
                                      "t=300.0 s"));
    sheet_free(&s);
    grader_destroy(g);

    /* the debrief's replay of the diversion from a recording of the same
     * flight: the leg from where it began to the checkpoint called */
    rec_channel ch[NCH];
    memset(ch, 0, sizeof ch);
    for (int i = 0; i < NCH; i++)
        snprintf(ch[i].name, sizeof ch[i].name, "%s", names[i]);
    rec_event ev[3];
    memset(ev, 0, sizeof ev);
    snprintf(ev[0].kind, sizeof ev[0].kind, "exercise-start");
    snprintf(ev[1].kind, sizeof ev[1].kind, "divert");
    snprintf(ev[2].kind, sizeof ev[2].kind, "exercise-start");
    ev[0].t_s = 0.0;
    ev[1].t_s = 300.0;
    ev[1].value = charsadda;
    ev[2].t_s = 300.0;
    ev[2].value = 2.0;
    rec_data rec;
    memset(&rec, 0, sizeof rec);
    rec.nch = NCH;
    rec.ch = ch;
    rec.rate_hz = 1.0;
    rec.nframes = (size_t)nf;
    rec.values = values;
    rec.nevents = 3;
    rec.events = ev;
    leg_flown lf;
    assert_int_equal(derived_leg_flown(&rec, &l, 2, &lf), 1);
    assert_int_equal(lf.flew, 1);
    assert_int_equal(lf.leg.to, charsadda);
    assert_near(lf.leg.lat0_deg, lat0, 1e-12);
    assert_near(lf.flown_min, (arrived - 300) / 60.0, 1e-9);
    assert_near(lf.plan_min, lf.leg.length_nm / 128.0 * 60.0, 1e-9);
    assert_true(isnan(lf.fuel_used_kg)); /* no fuel recorded */
    /* without the call: the lesson's destination, Peshawar */
    rec.nevents = 1;
    ev[1] = ev[2];
    memmove(&ev[0], &ev[1], sizeof ev[0]);
    assert_int_equal(derived_leg_flown(&rec, &l, 2, &lf), 1);
    assert_string_equal(l.route.cp[lf.leg.to].id, "opps");
    assert_true(isnan(lf.flown_min));
    lesson_free(&l);
}

/* A lesson without a diversion: the event changes nothing. */
static void a_call_without_a_diversion_is_ignored(void **state)
{
    (void)state;
    lesson l;
    const char *div = strstr(good, "  <exercise id=\"divert\""), *end = strstr(good, "</lesson>");
    char text[8192];
    snprintf(text, sizeof text, "%.*s%s", (int)(div - good), good, end);
    parse(text, &l);
    assert_int_equal(lesson_diversion_exercise(&l), -1);
    assert_int_equal(lesson_bind(&l, names, NCH, NULL), SAQR_OK);
    grader *g = grader_create(&l, names, NCH, "trainee");
    double v[NCH];
    for (int t = 0; t < 10; t++) {
        fly_to(v, t, 0.0, 34.0815, 71.9730, 0.0, 128.0);
        grader_sample(g, v);
    }
    grader_event(g, 10.0, "divert", 2.0);
    assert_int_equal(grader_exercise(g, NULL), 0);
    assert_true(isnan(grader_diverted_at(g)));
    grader_destroy(g);
    lesson_free(&l);
}

static void the_flight_log_leaves_the_diversion_to_the_air(void **state)
{
    (void)state;
    lesson l;
    parse(good, &l);
    flight_log_line lines[8];
    assert_int_equal(flight_log_lines(&l, lines, 8), 3);
    assert_null(lines[2].from);
    assert_string_equal(lines[2].to->name, "Peshawar");
    assert_true(isnan(lines[2].course_deg) && isnan(lines[2].time_min));
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    flight_log_write_text(f, &l);
    fclose(f);
    assert_non_null(strstr(buf, "divert     where the diversion is called -> Peshawar: a diversion"));
    free(buf);
    lesson_free(&l);
}

static void expect_error(const char *from, const char *to, int line, const char *what)
{
    expect_lesson_error(good, from, to, line, what);
}

static void diversion_mistakes_are_errors_that_name_the_line(void **state)
{
    (void)state;
    expect_error("divert-to=\"opps\"", "divert-to=\"lahore\"", 23, "lahore");
    expect_error("divert-to=\"opps\"", "divert-to=\"opps\" leg-from=\"rsp\"", 23, "no leg-from=");
    expect_error("divert-to=\"opps\"", "divert-to=\"opps\" leg-to=\"rsp\"", 23, "no leg-from= nor leg-to=");
    expect_error("divert-to=\"opps\"", "divert-to=\"\"", 23, "divert-to=");
    expect_error("<exercise id=\"leg-2\" leg-from=\"north\" leg-to=\"rsp\">",
                 "<exercise id=\"leg-2\" divert-to=\"rsp\">", 23, "at most one diversion");
    /* course="leg" on an exercise with neither a leg nor a diversion */
    expect_error("divert-to=\"opps\"", "", 24, "divert-to=");
    /* a diversion before the route (the first exercise, so that its
     * error is the one given) */
    char text[8192];
    lesson_route_last(good, text, sizeof text);
    char *legs = strstr(text, "  <exercise id=\"leg-1\""), *div = strstr(text, "  <exercise id=\"divert\"");
    memmove(legs, div, strlen(div) + 1);
    expect_lesson_text_error(text, "divert-to= names a checkpoint of the lesson's <route>, which must come before");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_diversion_is_a_leg_from_where_it_begins),
        cmocka_unit_test(the_instructor_diverts_from_the_leg_flown),
        cmocka_unit_test(a_call_without_a_diversion_is_ignored),
        cmocka_unit_test(the_flight_log_leaves_the_diversion_to_the_air),
        cmocka_unit_test(diversion_mistakes_are_errors_that_name_the_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
