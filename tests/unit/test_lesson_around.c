/*
 * test_lesson_around.c - ground-reference circles (turns around a point,
 * S-turns: an exercise's around= and radius-nm=, a <fly circle=>): the
 * derived channels "point-nm" against the WGS-84 geodesic (Vincenty's
 * inverse formula, geodesic_ref.h, independent of the plane chart the
 * lesson uses) and "around-deg" summed over circles flown both ways; the
 * point abeam of the entry's heading; and every mistake an error naming
 * the file and line.
 */
#include "test_util.h"

#include <math.h>

#include "geodesic_ref.h"
#include "lesson_errors.h"
#include "train/lesson.h"
#include "train/lesson_route.h"

#define PI_D 3.141592653589793238462643383279502884

static const char *good =
    "<?xml version=\"1.0\"?>\n"
    "<lesson id=\"test/around\" aircraft=\"super-mushak\">\n"
    "  <route>\n"
    "    <checkpoint id=\"silo\" name=\"The silo\" lat-deg=\"34.01192\" lon-deg=\"71.98630\"/>\n"
    "  </route>\n"
    "  <setup airport=\"OPRS\" runway=\"27L\">\n"
    "    <airborne bearing-deg=\"180\" distance-nm=\"4.25\" alt-ft=\"2000\" heading-deg=\"90\" ias-kt=\"100\"/>\n"
    "  </setup>\n"
    "  <exercise id=\"left\" around=\"silo\" radius-nm=\"0.25\">\n"
    "    <fly circle=\"left\" alt-ft=\"entry\" ias-kt=\"entry\"/>\n"
    "    <complete when=\"around-deg le -720\"/>\n"
    "    <grade id=\"radius\" channel=\"point-nm\" target=\"0.25\" tolerance=\"0.1\" source=\"instructor\"/>\n"
    "  </exercise>\n"
    "  <exercise id=\"s1\" around=\"abeam-right\" radius-nm=\"0.5\">\n"
    "    <fly circle=\"right\" alt-ft=\"entry\" ias-kt=\"entry\"/>\n"
    "    <complete when=\"around-deg ge 180\"/>\n"
    "  </exercise>\n"
    "</lesson>\n";

enum { T, LAT, LON, HDG, NCH };

static lesson_derived derived_for(void)
{
    const char *names[NCH] = {"t-s", "lat-deg", "lon-deg", "heading-deg"};
    lesson_derived_inputs in = lesson_derived_inputs_find(names, NCH);
    lesson_derived d;
    lesson_derived_init(&d, NCH, &in);
    return d;
}

/* A position `dist_nm` from (lat, lon) on the true bearing `brg_deg`, by
 * the plane chart's scale, refined until the geodesic says so. */
static void offset(double lat, double lon, double brg_deg, double dist_nm, double *lat2, double *lon2)
{
    double per_lat = 60.0, per_lon = 60.0 * cos(lat * PI_D / 180.0), b = brg_deg * PI_D / 180.0;
    for (int k = 0; k < 8; k++) {
        *lat2 = lat + dist_nm * cos(b) / per_lat;
        *lon2 = lon + dist_nm * sin(b) / per_lon;
        double d, az1, az2;
        vincenty(lat, lon, *lat2, *lon2, &d, &az1, &az2);
        per_lat *= d / dist_nm; /* close enough over a few miles */
        per_lon *= d / dist_nm;
    }
}

static void the_distance_from_the_point_is_the_geodesic_and_the_turns_are_counted(void **state)
{
    (void)state;
    lesson l;
    lesson_parse_or_fail(good, &l);
    const lesson_around *a = &l.exercises[0].around;
    assert_int_equal(a->kind, LAROUND_POINT);
    assert_near(a->radius_nm, 0.25, 0.0);
    assert_near(a->lat_deg, 34.01192, 0.0);
    assert_int_equal(l.exercises[0].segments[0].circle_dir, -1);
    assert_int_equal(l.exercises[1].segments[0].circle_dir, 1);
    lesson_derived d = derived_for();
    double v[NCH + LESSON_NDERIVED];
    /* two turns to the left, 0.2-0.3 nm out, a sample every 5 deg */
    double worst = 0.0, swept = 0.0, prev_az = NAN;
    for (int k = 0; k <= 144; k++) {
        double brg = 180.0 - 5.0 * k, r = 0.25 + 0.05 * sin(k * 0.3);
        v[T] = k;
        v[HDG] = brg - 90.0;
        offset(a->lat_deg, a->lon_deg, brg, r, &v[LAT], &v[LON]);
        if (k == 0) {
            lesson_derived_begin(&d, v, NULL, a);
        } else {
            lesson_derived_update(&d, v);
        }
        double dist, az1, az2;
        vincenty(a->lat_deg, a->lon_deg, v[LAT], v[LON], &dist, &az1, &az2);
        worst = fmax(worst, fabs(v[LESSON_CH_POINT_NM(NCH)] - dist));
        /* the geodesic's bearing from the point, its steps summed */
        if (k > 0)
            swept += remainder(az1 - prev_az, 360.0);
        prev_az = az1;
        assert_near(v[LESSON_CH_AROUND(NCH)], swept, 0.01);
    }
    printf("point-nm against the geodesic: worst %.2e nm; around-deg %.2f after two turns left\n", worst,
           v[LESSON_CH_AROUND(NCH)]);
    assert_true(worst < 1e-5);
    assert_near(swept, -720.0, 0.5);
    /* an exercise without a point (the next one begun over this one's)
     * has none, of either kind */
    lesson_derived_begin(&d, v, NULL, NULL);
    assert_true(isnan(v[LESSON_CH_POINT_NM(NCH)]) && isnan(v[LESSON_CH_AROUND(NCH)]));
    lesson_around none = {.kind = LAROUND_NONE};
    lesson_derived_begin(&d, v, NULL, &none);
    assert_true(isnan(v[LESSON_CH_POINT_NM(NCH)]) && isnan(v[LESSON_CH_AROUND(NCH)]));
    /* no position: not numbers */
    v[LAT] = NAN;
    lesson_derived_begin(&d, v, NULL, a);
    assert_true(isnan(v[LESSON_CH_POINT_NM(NCH)]));
    lesson_free(&l);
}

/* An S-turn's half circle: its centre the radius abeam of the heading at
 * the exercise's start (to the right of 270: north), so a half turn to the
 * right ends the diameter away, on the same line. */
static void a_point_abeam_is_the_radius_off_the_entry_heading(void **state)
{
    (void)state;
    lesson l;
    lesson_parse_or_fail(good, &l);
    const lesson_around *a = &l.exercises[1].around;
    assert_int_equal(a->kind, LAROUND_ABEAM_RIGHT);
    lesson_derived d = derived_for();
    double v[NCH + LESSON_NDERIVED];
    v[T] = 0.0;
    v[LAT] = 34.0;
    v[LON] = 72.0;
    v[HDG] = 270.0;
    lesson_derived_begin(&d, v, NULL, a);
    assert_near(v[LESSON_CH_POINT_NM(NCH)], 0.5, 1e-5);
    assert_near(v[LESSON_CH_AROUND(NCH)], 0.0, 0.0);
    double dist, az1, az2;
    vincenty(34.0, 72.0, d.point_lat_deg, d.point_lon_deg, &dist, &az1, &az2);
    printf("abeam right of 270: %.5f nm on %.3f deg\n", dist, az1);
    assert_near(dist, 0.5, 2e-4);
    assert_true(fabs(az1) < 0.01 || fabs(az1 - 360.0) < 0.01);
    /* the half turn: from 270 through north to 090, the diameter away */
    for (int k = 1; k <= 36; k++) {
        v[T] = k;
        v[HDG] = 270.0 + 5.0 * k;
        offset(d.point_lat_deg, d.point_lon_deg, 180.0 + 5.0 * k, 0.5, &v[LAT], &v[LON]);
        lesson_derived_update(&d, v);
    }
    assert_near(v[LESSON_CH_AROUND(NCH)], 180.0, 0.01);
    vincenty(34.0, 72.0, v[LAT], v[LON], &dist, &az1, &az2);
    assert_near(dist, 1.0, 1e-3);
    lesson_free(&l);
}

static void expect_error(const char *from, const char *to, int line, const char *what)
{
    expect_lesson_error(good, from, to, line, what);
}

static void circle_mistakes_are_errors_that_name_the_line(void **state)
{
    (void)state;
    expect_error("around=\"silo\"", "around=\"barn\"", 9, "barn");
    expect_error("around=\"silo\"", "around=\"abeam\"", 9, "abeam");
    expect_error(" radius-nm=\"0.25\"", "", 9, "radius-nm=");
    expect_error("radius-nm=\"0.25\"", "radius-nm=\"0.01\"", 9, "0.05 to 5 nm");
    expect_error("radius-nm=\"0.25\"", "radius-nm=\"6\"", 9, "0.05 to 5 nm");
    expect_error("radius-nm=\"0.25\"", "radius-nm=\"near\"", 9, "not a number");
    expect_error("around=\"silo\" radius-nm=\"0.25\"", "radius-nm=\"0.25\"", 9, "needs around=");
    expect_error("around=\"silo\" radius-nm=\"0.25\"", "", 10, "around=");
    expect_error("circle=\"left\"", "circle=\"anticlockwise\"", 10, "\"left\" or \"right\"");
    expect_error("circle=\"left\"", "circle=\"left\" bank-deg=\"30\"", 10, "bank-deg=");
    expect_error("circle=\"left\"", "circle=\"left\" course=\"runway\"", 10, "course=");
    expect_error("circle=\"left\"", "circle=\"left\" intercept-deg-per-nm=\"100\"", 10, "on a course=\"leg\"");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_distance_from_the_point_is_the_geodesic_and_the_turns_are_counted),
        cmocka_unit_test(a_point_abeam_is_the_radius_off_the_entry_heading),
        cmocka_unit_test(circle_mistakes_are_errors_that_name_the_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
