/*
 * test_lesson_route.c - a navigation lesson's route and legs: the legs'
 * courses and lengths against the WGS-84 geodesic (Vincenty's inverse
 * formula, written here in long double, independent of the plane chart
 * lesson_route.c uses); where an aircraft is on a leg; the flight plan
 * against the wind triangle worked by hand (FAA-H-8083-25C ch. 16); the
 * derived channels the grader and the reference pilot read (xtk-nm,
 * to-go-nm, eta-error-min, hdg-error-deg); the flight log; and every
 * mistake in a route an error naming the file and line.
 */
#include "test_util.h"

#include <math.h>

#include "train/debrief_derived.h"
#include "train/flight_log.h"
#include "train/lesson.h"
#include "train/lesson_route.h"

#include "geodesic_ref.h"
#include "lesson_errors.h"

#define PI_D 3.141592653589793238462643383279502884

/* The lesson's route (super-mushak/navigation's checkpoints) and a
 * northbound leg along one meridian. */
static const char *good =
    "<?xml version=\"1.0\"?>\n"
    "<lesson id=\"test/nav\" aircraft=\"super-mushak\">\n"
    "  <route tas-kt=\"128\">\n"
    "    <checkpoint id=\"rsp\" name=\"Risalpur\" lat-deg=\"34.0815\" lon-deg=\"71.9730\"/>\n"
    "    <checkpoint id=\"charsadda\" lat-deg=\"34.1450\" lon-deg=\"71.7310\"/>\n"
    "    <checkpoint id=\"takht\" name=\"Takht-i-Bahi\" lat-deg=\"34.2860\" lon-deg=\"71.9460\"/>\n"
    "    <checkpoint id=\"north\" lat-deg=\"34.4815\" lon-deg=\"71.9730\"/>\n"
    "  </route>\n"
    "  <setup airport=\"OPRS\" runway=\"27L\">\n"
    "    <airborne bearing-deg=\"284\" distance-nm=\"0.7\" alt-ft=\"4500\" heading-deg=\"288\" ias-kt=\"120\"/>\n"
    "    <wind from-deg=\"320\" speed-kt=\"15\"/>\n"
    "  </setup>\n"
    "  <exercise id=\"leg-1\" leg-from=\"rsp\" leg-to=\"charsadda\">\n"
    "    <fly course=\"leg\" alt-ft=\"4500\" ias-kt=\"120\"/>\n"
    "    <complete when=\"to-go-nm le 0\"/>\n"
    "    <grade id=\"track\" channel=\"xtk-nm\" target=\"0\" tolerance=\"3\" source=\"ACS\"/>\n"
    "  </exercise>\n"
    "  <exercise id=\"leg-2\" leg-from=\"charsadda\" leg-to=\"takht\">\n"
    "    <fly course=\"leg\" alt-ft=\"4500\" ias-kt=\"120\"/>\n"
    "    <complete when=\"to-go-nm le 0\"/>\n"
    "  </exercise>\n"
    "  <exercise id=\"leg-3\" leg-from=\"takht\" leg-to=\"rsp\">\n"
    "    <fly course=\"leg\" alt-ft=\"4500\" ias-kt=\"120\"/>\n"
    "    <complete when=\"to-go-nm le 0\"/>\n"
    "  </exercise>\n"
    "  <exercise id=\"north\" leg-from=\"rsp\" leg-to=\"north\">\n"
    "    <fly course=\"leg\" alt-ft=\"4500\" ias-kt=\"120\"/>\n"
    "    <complete when=\"to-go-nm le 0\"/>\n"
    "  </exercise>\n"
    "</lesson>\n";

static void legs_match_the_geodesic(void **state)
{
    (void)state;
    lesson l;
    lesson_parse_or_fail(good, &l);
    assert_int_equal(l.route.n, 4);
    assert_string_equal(l.route.cp[1].name, "charsadda"); /* no name=: the id */
    assert_near(l.route.tas_kt, 128.0, 0.0);
    for (int i = 0; i < l.nexercises; i++) {
        const lesson_leg *leg = &l.exercises[i].leg;
        const lesson_checkpoint *a = &l.route.cp[leg->from], *b = &l.route.cp[leg->to];
        double d, az1, az2;
        vincenty(a->lat_deg, a->lon_deg, b->lat_deg, b->lon_deg, &d, &az1, &az2);
        printf("%s: chart %.4f nm %.3f deg, geodesic %.4f nm %.3f..%.3f deg\n", l.exercises[i].id, leg->length_nm,
               leg->course_deg, d, az1, az2);
        /* the plane chart's scale error: (d / R)^2, ~1e-5 here */
        assert_near(leg->length_nm, d, 1e-4 * d);
        /* its straight line is the geodesic's direction half-way: between
         * the azimuths at the ends, which differ by the meridians'
         * convergence (0.13 deg on the longest leg) */
        double mid = az1 + 0.5 * wrap180(az2 - az1);
        assert_near(wrap180(leg->course_deg - mid), 0.0, 0.01);
        assert_near(leg->plan_tas_kt, 128.0, 0.0);
    }
    /* along one meridian: due north, and 24 minutes of latitude */
    assert_near(l.exercises[3].leg.course_deg, 0.0, 1e-9);
    lesson_free(&l);
}

static void positions_on_a_leg(void **state)
{
    (void)state;
    lesson l;
    lesson_parse_or_fail(good, &l);
    for (int i = 0; i < l.nexercises; i++) {
        const lesson_leg *leg = &l.exercises[i].leg;
        const lesson_checkpoint *a = &l.route.cp[leg->from], *b = &l.route.cp[leg->to];
        double along, xtk;
        lesson_leg_locate(leg, a->lat_deg, a->lon_deg, &along, &xtk);
        assert_near(along, 0.0, 1e-12);
        assert_near(xtk, 0.0, 1e-12);
        lesson_leg_locate(leg, b->lat_deg, b->lon_deg, &along, &xtk);
        assert_near(along, leg->length_nm, 1e-9);
        assert_near(xtk, 0.0, 1e-9);
        /* points about the leg: along and across by the geodesic from the
         * start, its distance and azimuth against the course; the chart's
         * scale is the leg's mid-latitude's, so a point 10 nm north or
         * south of it is placed within 0.3% of its distance (0.03 nm
         * there, a hundredth of the 3 nm graded) */
        const double pts[4][2] = {{0.05, 0.05}, {0.1, -0.08}, {-0.02, 0.15}, {0.2, 0.1}};
        for (int k = 0; k < 4; k++) {
            double lat = a->lat_deg + pts[k][0], lon = a->lon_deg + pts[k][1], d, az1, az2;
            vincenty(a->lat_deg, a->lon_deg, lat, lon, &d, &az1, &az2);
            double rel = (az1 + 0.5 * wrap180(az2 - az1) - leg->course_deg) * PI_D / 180.0;
            lesson_leg_locate(leg, lat, lon, &along, &xtk);
            assert_near(along, d * cos(rel), 3e-3 * d + 1e-6);
            assert_near(xtk, d * sin(rel), 3e-3 * d + 1e-6);
        }
    }
    /* right of a northbound course is east */
    double along, xtk;
    lesson_leg_locate(&l.exercises[3].leg, 34.2, 71.99, &along, &xtk);
    assert_true(xtk > 0.8 && along > 7.0);
    lesson_leg_locate(&l.exercises[3].leg, NAN, 71.99, &along, &xtk);
    assert_true(isnan(along) && isnan(xtk));
    lesson_free(&l);
}

static void the_plan_follows_the_wind_triangle(void **state)
{
    (void)state;
    lesson l;
    lesson_parse_or_fail(good, &l);
    const lesson_leg *north = &l.exercises[3].leg;
    double hdg, gs;
    /* 20 kt from the east at 100 kt true: head asin(0.2) right, and the
     * ground speed is the air's along the course (tas cos wca) */
    lesson_leg_plan(north, 100.0, 90.0, 20.0, &hdg, &gs);
    assert_near(hdg, 11.536959032815489, 1e-9);
    assert_near(gs, 100.0 * sqrt(1.0 - 0.04), 1e-9);
    /* from the west: head left, through north */
    lesson_leg_plan(north, 100.0, 270.0, 20.0, &hdg, &gs);
    assert_near(hdg, 360.0 - 11.536959032815489, 1e-9);
    /* a headwind and a tailwind: no correction */
    lesson_leg_plan(north, 100.0, 0.0, 20.0, &hdg, &gs);
    assert_near(hdg, 0.0, 1e-9);
    assert_near(gs, 80.0, 1e-9);
    lesson_leg_plan(north, 100.0, 180.0, 20.0, &hdg, &gs);
    assert_near(gs, 120.0, 1e-9);
    /* quartering: 20 kt from 045 is 14.14 across and 14.14 ahead */
    lesson_leg_plan(north, 100.0, 45.0, 20.0, &hdg, &gs);
    double c = 20.0 * sqrt(0.5);
    assert_near(hdg, asin(c / 100.0) * 180.0 / PI_D, 1e-9);
    assert_near(gs, sqrt(100.0 * 100.0 - c * c) - c, 1e-9);
    /* calm, or a wind not known: the course and the airspeed */
    lesson_leg_plan(north, 100.0, NAN, 20.0, &hdg, &gs);
    assert_near(hdg, 0.0, 0.0);
    assert_near(gs, 100.0, 0.0);
    /* no headway */
    lesson_leg_plan(north, 100.0, 0.0, 120.0, &hdg, &gs);
    assert_true(gs <= 0.0);
    lesson_free(&l);
}

/* The derived channels as the grader and the pilot see them. */
enum { T, LAT, LON, HDG, ROLL, TAS, WFROM, WKT, NCH };

static void the_leg_channels_measure_the_flight_against_its_plan(void **state)
{
    (void)state;
    lesson l;
    lesson_parse_or_fail(good, &l);
    const char *names[NCH] = {"t-s", "lat-deg", "lon-deg", "heading-deg", "roll-deg", "tas-kt", "wind-from-deg",
                              "wind-kt"};
    lesson_derived_inputs in = lesson_derived_inputs_find(names, NCH);
    assert_int_equal(in.lat, LAT);
    assert_int_equal(in.wind_kt, WKT);
    lesson_derived d;
    lesson_derived_init(&d, NCH, &in);
    double v[NCH + LESSON_NDERIVED];
    const lesson_leg *north = &l.exercises[3].leg;
    /* begins at Risalpur, 20 kt from the east: the plan's heading 011.5
     * and ground speed 125.4 kt at the route's 128 kt */
    v[T] = 100.0;
    v[LAT] = 34.0815;
    v[LON] = 71.9730;
    v[HDG] = 5.0;
    v[ROLL] = 0.0;
    v[TAS] = 140.0; /* not the plan's: the route's tas-kt is */
    v[WFROM] = 90.0;
    v[WKT] = 20.0;
    lesson_derived_begin(&d, v, north, NULL);
    double wca = asin(20.0 / 128.0) * 180.0 / PI_D, gs = 128.0 * cos(wca * PI_D / 180.0);
    assert_near(v[LESSON_CH_HDG_ERR(NCH)], 5.0 - wca, 1e-9);
    assert_near(v[LESSON_CH_XTK(NCH)], 0.0, 1e-12);
    assert_near(v[LESSON_CH_TO_GO(NCH)], north->length_nm, 1e-9);
    assert_near(v[LESSON_CH_ETA_ERR(NCH)], 0.0, 1e-12);
    /* five minutes later, 10 nm up the meridian by the geodesic and a
     * little east; the wind has changed since (the plan has not) */
    v[T] = 400.0;
    v[LAT] = 34.0815 + 10.0 / 60.0 * (1852.0 / 1847.1); /* ~1847 m a minute of latitude at 34.2 N */
    v[LON] = 71.9830;
    v[WKT] = 40.0;
    v[HDG] = 350.0;
    lesson_derived_update(&d, v);
    double dist, az1, az2;
    vincenty(34.0815, 71.9730, v[LAT], v[LON], &dist, &az1, &az2);
    double rel = (az1 + 0.5 * wrap180(az2 - az1)) * PI_D / 180.0, along = dist * cos(rel);
    printf("5 min up the leg: along %.4f nm (geodesic), xtk %.4f nm, eta %+.4f min\n", along,
           v[LESSON_CH_XTK(NCH)], v[LESSON_CH_ETA_ERR(NCH)]);
    assert_near(v[LESSON_CH_XTK(NCH)], dist * sin(rel), 1e-3);
    assert_near(v[LESSON_CH_TO_GO(NCH)], north->length_nm - along, 1e-3);
    /* late by the time flown less the plan's for the distance covered */
    assert_near(v[LESSON_CH_ETA_ERR(NCH)], (300.0 - along / gs * 3600.0) / 60.0, 1e-3);
    assert_near(v[LESSON_CH_HDG_ERR(NCH)], -10.0 - wca, 1e-9);
    assert_near(v[LESSON_CH_EX_TIME(NCH)], 300.0, 1e-12);
    /* an exercise with no leg: the leg's channels are not numbers */
    lesson_derived_begin(&d, v, NULL, NULL);
    assert_true(isnan(v[LESSON_CH_XTK(NCH)]) && isnan(v[LESSON_CH_TO_GO(NCH)]) &&
                isnan(v[LESSON_CH_ETA_ERR(NCH)]) && isnan(v[LESSON_CH_HDG_ERR(NCH)]));
    /* a recording without the wind channels: planned in calm air */
    in.wind_from = in.wind_kt = -1;
    lesson_derived_init(&d, NCH, &in);
    lesson_derived_begin(&d, v, north, NULL);
    assert_near(v[LESSON_CH_HDG_ERR(NCH)], -10.0, 1e-9);
    lesson_free(&l);
}

/* The debrief's replay of a leg's channels from a recording
 * (debrief_derived.h): a synthetic flight up the northbound leg, 1 Hz for
 * 2,000 s, its exercise started at 100 s, gives what lesson_derived
 * gives live from the same samples; in a recording where the exercise
 * starts again (at 1,000 s), what follows counts from the later start; a
 * window over more frames than a plot keeps is thinned evenly. */
enum { R_T, R_LAT, R_LON, R_HDG, R_N };

static void a_recording_replays_the_legs_channels(void **state)
{
    (void)state;
    lesson l;
    lesson_parse_or_fail(good, &l);
    enum { NF = 2000 };
    static double values[NF * R_N];
    rec_channel ch[R_N];
    memset(ch, 0, sizeof ch);
    const char *names[R_N] = {"t-s", "lat-deg", "lon-deg", "heading-deg"};
    for (int i = 0; i < R_N; i++)
        snprintf(ch[i].name, sizeof ch[i].name, "%s", names[i]);
    for (int k = 0; k < NF; k++) {
        double *v = &values[k * R_N];
        v[R_T] = k;
        v[R_LAT] = 34.0815 + 0.0005 * (k - 100);
        v[R_LON] = 71.9730 + 0.002 * sin(k / 50.0);
        v[R_HDG] = 5.0 * sin(k / 30.0);
    }
    rec_event ev[2];
    memset(ev, 0, sizeof ev);
    for (int j = 0; j < 2; j++) {
        snprintf(ev[j].kind, sizeof ev[j].kind, "exercise-start");
        ev[j].value = 3; /* the leg north */
        ev[j].t_s = j ? 1000.0 : 100.0;
    }
    rec_data rec;
    memset(&rec, 0, sizeof rec);
    rec.nch = R_N;
    rec.ch = ch;
    rec.rate_hz = 1.0;
    rec.nframes = NF;
    rec.values = values;
    rec.nevents = 2;
    rec.events = ev;
    static derived_series ds;
    assert_int_equal(derived_series_make(&rec, &l, "north", "xtk-nm", 200.0, 400.0, &ds), 1);
    /* live: begun at the start's sample, carried on */
    lesson_derived_inputs in = lesson_derived_inputs_find(names, R_N);
    lesson_derived d;
    lesson_derived_init(&d, R_N, &in);
    double row[R_N + LESSON_NDERIVED];
    size_t kept = 0;
    for (int k = 100; k <= 400; k++) {
        memcpy(row, &values[k * R_N], sizeof(double) * R_N);
        if (k == 100)
            lesson_derived_begin(&d, row, &l.exercises[3].leg, NULL);
        else
            lesson_derived_update(&d, row);
        if (k >= 200) {
            assert_near(ds.t_s[kept], (double)k, 0.0);
            assert_near(ds.v[kept], row[LESSON_CH_XTK(R_N)], 0.0);
            kept++;
        }
    }
    assert_int_equal(ds.n, kept);
    /* after the second start: the ETA error counts from 1,000 s, and from
     * where the aircraft was then */
    assert_int_equal(derived_series_make(&rec, &l, "north", "eta-error-min", 1000.0, 1001.0, &ds), 1);
    assert_near(ds.v[0], 0.0, 1e-12);
    /* 1,900 frames into a plot: every second one */
    assert_int_equal(derived_series_make(&rec, &l, "north", "ex-time-s", 100.0, 2000.0, &ds), 1);
    assert_true(ds.n <= DERIVED_SERIES_MAX && ds.n >= 899);
    assert_near(ds.t_s[1] - ds.t_s[0], 2.0, 0.0);
    /* the leg as flown, for the debrief's log: from its first start to
     * the first frame with the checkpoint abeam (the same arithmetic
     * frame by frame: lesson_leg_locate), against the plan in calm air
     * (the recording has no wind) at the route's 128 kt */
    leg_flown lf;
    assert_int_equal(derived_leg_flown(&rec, &l, 3, &lf), 1);
    const lesson_leg *north = &l.exercises[3].leg;
    double along0, xtk0, widest = 0.0, arrived = NAN;
    lesson_leg_locate(north, values[100 * R_N + R_LAT], values[100 * R_N + R_LON], &along0, &xtk0);
    for (int k = 100; k < NF && isnan(arrived); k++) {
        double along, xtk;
        lesson_leg_locate(north, values[k * R_N + R_LAT], values[k * R_N + R_LON], &along, &xtk);
        if (fabs(xtk) > fabs(widest))
            widest = xtk;
        if (north->length_nm - along <= 0.0)
            arrived = (double)k;
    }
    printf("north leg flown: %.3f min (arrived at %.0f s), plan %.3f min, ETA %+.3f min, widest %.3f nm\n",
           lf.flown_min, arrived, lf.plan_min, lf.eta_error_min, lf.widest_xtk_nm);
    assert_near(lf.plan_heading_deg, 0.0, 1e-12);
    assert_near(lf.plan_gs_kt, 128.0, 0.0);
    assert_near(lf.plan_min, (north->length_nm - along0) / 128.0 * 60.0, 1e-9);
    assert_near(lf.flown_min, (arrived - 100.0) / 60.0, 1e-9);
    assert_near(lf.eta_error_min, lf.flown_min - lf.plan_min, 1e-9);
    assert_near(lf.widest_xtk_nm, widest, 1e-12);
    /* a leg not reached before the next start: no arrival */
    ev[1].t_s = 500.0;
    assert_int_equal(derived_leg_flown(&rec, &l, 3, &lf), 1);
    assert_true(isnan(lf.flown_min) && isnan(lf.eta_error_min) && isfinite(lf.widest_xtk_nm));
    ev[1].t_s = 1000.0;
    /* an exercise without a leg, or never started */
    assert_int_equal(derived_leg_flown(&rec, &l, 0, &lf), 0);
    assert_true(isnan(lf.plan_min));
    /* no such exercise, not a derived channel, no start of it */
    assert_int_equal(derived_series_make(&rec, &l, "leg-9", "xtk-nm", 200.0, 400.0, &ds), 0);
    assert_int_equal(derived_series_make(&rec, &l, "north", "alt-ft", 200.0, 400.0, &ds), 0);
    assert_int_equal(derived_series_make(&rec, &l, "leg-1", "xtk-nm", 200.0, 400.0, &ds), 0);
    assert_int_equal(ds.n, 0);
    lesson_free(&l);
}

static void the_flight_log_lists_each_leg(void **state)
{
    (void)state;
    lesson l;
    lesson_parse_or_fail(good, &l);
    flight_log_line lines[8];
    assert_int_equal(flight_log_lines(&l, lines, 8), 4);
    /* leg 1 in the set-up's 15 kt from 320: 8.06 kt across from the
     * right, 12.65 kt ahead */
    double rel = (320.0 - lines[0].course_deg) * PI_D / 180.0;
    double cross = 15.0 * sin(rel), head = 15.0 * cos(rel), wca = asin(cross / 128.0);
    assert_near(lines[0].heading_deg, lines[0].course_deg + wca * 180.0 / PI_D, 1e-9);
    assert_near(lines[0].gs_kt, 128.0 * cos(wca) - head, 1e-9);
    assert_near(lines[0].time_min, lines[0].dist_nm / lines[0].gs_kt * 60.0, 1e-12);
    assert_string_equal(lines[2].to->name, "Risalpur");
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    flight_log_write_html(f, &l);
    fclose(f);
    assert_non_null(strstr(buf, "<table id=\"flight-log\">"));
    assert_non_null(strstr(buf, "<td>Takht-i-Bahi</td>"));
    free(buf);
    lesson_free(&l);
}

/* A mistake put into good: an error naming the line. */
static void expect_error(const char *from, const char *to, int line, const char *what)
{
    expect_lesson_error(good, from, to, line, what);
}

static void route_mistakes_are_errors_that_name_the_line(void **state)
{
    (void)state;
    expect_error("tas-kt=\"128\"", "tas-kt=\"-1\"", 3, "tas-kt=");
    expect_error("tas-kt=\"128\"", "tas-kt=\"fast\"", 3, "not a number");
    expect_error("tas-kt=\"128\"", "speed=\"128\"", 3, "speed");
    expect_error("lat-deg=\"34.1450\"", "lat-deg=\"94.1\"", 5, "lat-deg=");
    expect_error("lat-deg=\"34.1450\"", "", 5, "lat-deg=");
    expect_error("lon-deg=\"71.7310\"", "lon-deg=\"181\"", 5, "lon-deg=");
    expect_error("lon-deg=\"71.7310\"", "lon-deg=\"nan\"", 5, "lon-deg");
    expect_error("id=\"charsadda\"", "id=\"rsp\"", 5, "two checkpoints");
    expect_error("<checkpoint id=\"charsadda\"", "<waypoint id=\"charsadda\"", 5, "unknown element in <route>");
    expect_error("id=\"charsadda\"", "", 5, "id=");
    expect_error("    <checkpoint id=\"rsp\" name=\"Risalpur\" lat-deg=\"34.0815\" lon-deg=\"71.9730\"/>\n"
                 "    <checkpoint id=\"charsadda\" lat-deg=\"34.1450\" lon-deg=\"71.7310\"/>\n"
                 "    <checkpoint id=\"takht\" name=\"Takht-i-Bahi\" lat-deg=\"34.2860\" lon-deg=\"71.9460\"/>\n"
                 "    <checkpoint id=\"north\" lat-deg=\"34.4815\" lon-deg=\"71.9730\"/>\n",
                 "", 3, "at least one");
    /* one checkpoint is a route (a ground reference's point), but no leg */
    expect_error("    <checkpoint id=\"charsadda\" lat-deg=\"34.1450\" lon-deg=\"71.7310\"/>\n"
                 "    <checkpoint id=\"takht\" name=\"Takht-i-Bahi\" lat-deg=\"34.2860\" lon-deg=\"71.9460\"/>\n"
                 "    <checkpoint id=\"north\" lat-deg=\"34.4815\" lon-deg=\"71.9730\"/>\n",
                 "", 10, "charsadda");
    expect_error("leg-to=\"charsadda\"", "leg-to=\"peshawar\"", 13, "peshawar");
    expect_error("leg-to=\"charsadda\"", "leg-to=\"charsadda\" around=\"rsp\" radius-nm=\"1\"", 13, "not both");
    expect_error("<fly course=\"leg\"", "<fly course=\"leg\" intercept-deg-per-nm=\"0\"", 14, "intercept-deg-per-nm=");
    expect_error("<fly course=\"leg\"", "<fly course=\"leg\" intercept-deg-per-nm=\"1001\"", 14, "at most 1000");
    expect_error("<fly course=\"leg\"", "<fly course=\"leg\" intercept-deg-per-nm=\"steep\"", 14, "not a number");
    expect_error("leg-from=\"rsp\" leg-to=\"charsadda\"", "leg-from=\"nowhere\" leg-to=\"charsadda\"", 13, "nowhere");
    expect_error("leg-from=\"rsp\" leg-to=\"charsadda\"", "leg-to=\"charsadda\"", 13, "both");
    expect_error("leg-from=\"rsp\" leg-to=\"charsadda\"", "leg-from=\"rsp\" leg-to=\"rsp\"", 13, "0.5 nm");
    expect_error("leg-from=\"rsp\" leg-to=\"charsadda\"", "", 14, "leg-from=");
    /* Charsadda moved 259 nm north: the leg's error, on the exercise */
    expect_error("lat-deg=\"34.1450\"", "lat-deg=\"38.4\"", 13, "at most 250 nm");
    expect_error("<fly course=\"leg\" alt-ft", "<fly course=\"leg\" heading-deg=\"100\" alt-ft", 14, "heading-deg=");
    expect_error("<fly course=\"leg\" alt-ft", "<fly course=\"route\" alt-ft", 14, "course=");
    expect_error("  </route>\n", "  </route>\n  <route><checkpoint id=\"a\" lat-deg=\"1\" lon-deg=\"1\"/>"
                 "<checkpoint id=\"b\" lat-deg=\"2\" lon-deg=\"1\"/></route>\n", 9, "one <route>");
    /* the route after the exercises that name its checkpoints */
    char text[8192];
    lesson_route_last(good, text, sizeof text);
    expect_lesson_text_error(text, "before the exercise");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(legs_match_the_geodesic),
        cmocka_unit_test(positions_on_a_leg),
        cmocka_unit_test(the_plan_follows_the_wind_triangle),
        cmocka_unit_test(the_leg_channels_measure_the_flight_against_its_plan),
        cmocka_unit_test(a_recording_replays_the_legs_channels),
        cmocka_unit_test(the_flight_log_lists_each_leg),
        cmocka_unit_test(route_mistakes_are_errors_that_name_the_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
