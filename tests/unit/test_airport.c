/*
 * test_airport.c - the airports file and the runway frame
 * (src/train/airport.c): the shipped data/airports.xml loads with its
 * airports, each strip's far threshold lies down its centreline at the
 * geodesic distance between the thresholds, the frame agrees with
 * geodesic distances and azimuths out to 10 nm and with hand-computed
 * radii of curvature, and every kind of bad input is an error naming the
 * file and line.
 *
 * Independent references: Vincenty's inverse problem (src/earth/geodesic.c)
 * and Vincenty's direct problem written out below (T. Vincenty, Survey
 * Review 23(176), 1975, eqs. for the direct problem), checked against the
 * inverse before use.
 */
#include "test_util.h"

#include <ctype.h>
#include <math.h>
#include <unistd.h>

#include "earth/geodesic.h"
#include "train/airport.h"

#define PI 3.14159265358979323846
#define D2R (PI / 180.0)
#define FT_PER_NM (1852.0 / 0.3048)

static const double A_FT = GEODESIC_JSBSIM_A_FT, B_FT = GEODESIC_JSBSIM_B_FT;

/* ----------------------------------------------------------- helpers */

/* Vincenty's direct problem: the point s_ft from (lat, lon) (deg) along
 * initial azimuth az_deg on the WGS-84 ellipsoid. */
static void vincenty_direct(double lat_deg, double lon_deg, double az_deg, double s_ft, double *lat2_deg,
                            double *lon2_deg)
{
    double a = A_FT, b = B_FT, f = (a - b) / a;
    double a1 = az_deg * D2R, sa1 = sin(a1), ca1 = cos(a1);
    double tu1 = (1.0 - f) * tan(lat_deg * D2R), cu1 = 1.0 / sqrt(1.0 + tu1 * tu1), su1 = tu1 * cu1;
    double sig1 = atan2(tu1, ca1);
    double sa = cu1 * sa1, c2a = 1.0 - sa * sa;
    double u2 = c2a * (a * a - b * b) / (b * b);
    double A = 1.0 + u2 / 16384.0 * (4096.0 + u2 * (-768.0 + u2 * (320.0 - 175.0 * u2)));
    double B = u2 / 1024.0 * (256.0 + u2 * (-128.0 + u2 * (74.0 - 47.0 * u2)));
    double sig = s_ft / (b * A), c2sm = 0.0, ss = 0.0, cs = 1.0;
    for (int i = 0; i < 100; i++) {
        c2sm = cos(2.0 * sig1 + sig);
        ss = sin(sig);
        cs = cos(sig);
        double dsig = B * ss * (c2sm + B / 4.0 * (cs * (-1.0 + 2.0 * c2sm * c2sm) -
                                                  B / 6.0 * c2sm * (-3.0 + 4.0 * ss * ss) * (-3.0 + 4.0 * c2sm * c2sm)));
        double next = s_ft / (b * A) + dsig;
        if (fabs(next - sig) < 1e-14) {
            sig = next;
            break;
        }
        sig = next;
    }
    c2sm = cos(2.0 * sig1 + sig);
    ss = sin(sig);
    cs = cos(sig);
    double t = su1 * ss - cu1 * cs * ca1;
    double lat2 = atan2(su1 * cs + cu1 * ss * ca1, (1.0 - f) * sqrt(sa * sa + t * t));
    double lam = atan2(ss * sa1, cu1 * cs - su1 * ss * ca1);
    double C = f / 16.0 * c2a * (4.0 + f * (4.0 - 3.0 * c2a));
    double L = lam - (1.0 - C) * f * sa * (sig + C * ss * (c2sm + C * cs * (-1.0 + 2.0 * c2sm * c2sm)));
    *lat2_deg = lat2 / D2R;
    *lon2_deg = lon_deg + L / D2R;
}

/* Geodesic distance (ft) and initial azimuth (deg, 0..360). */
static void inverse(double lat1, double lon1, double lat2, double lon2, double *s_ft, double *az_deg)
{
    double off = 0.0, az = 0.0;
    geodesic_inverse(A_FT, B_FT, lat1 * D2R, lon1 * D2R, lat2 * D2R, lon2 * D2R, s_ft, &az, &off);
    *az_deg = fmod(az / D2R + 360.0, 360.0);
}

/* An angle difference brought into [-180, 180]. */
static double wrap180(double d)
{
    return remainder(d, 360.0);
}

static airport_db shipped;

static int load_shipped(void **state)
{
    (void)state;
    saqr_err err = {{0}};
    int st = airport_db_load(SAQR_DATA_DIR "/airports.xml", &shipped, &err);
    if (st != SAQR_OK)
        fprintf(stderr, "%s\n", err.msg);
    return st;
}

static int free_shipped(void **state)
{
    (void)state;
    airport_db_free(&shipped);
    return 0;
}

/* ---------------------------------------------------- the shipped file */

static void the_shipped_file_has_the_lessons_airports(void **state)
{
    (void)state;
    assert_non_null(strstr(shipped.source, "OurAirports"));
    assert_non_null(strstr(shipped.source, "public domain"));
    const airport *rs = airport_find(&shipped, "OPRS"), *ms = airport_find(&shipped, "OPMS");
    const airport *is = airport_find(&shipped, "OPIS");
    assert_non_null(rs);
    assert_non_null(ms);
    assert_non_null(is);
    assert_int_equal(rs->nrunways, 4);
    assert_int_equal(ms->nrunways, 2);
    assert_int_equal(is->nrunways, 4);
    assert_string_equal(ms->name, "Minhas Air Base");
    assert_near(is->elevation_ft, 1761.0, 0.0);
    /* OurAirports runways.csv row 238198, as written */
    const airport_runway *r = airport_runway_find(rs, "09R");
    assert_non_null(r);
    assert_near(r->lat_deg, 34.080299377441406, 0.0);
    assert_near(r->lon_deg, 71.9563980102539, 0.0);
    assert_near(r->elevation_ft, 1050.0, 0.0);
    assert_near(r->length_ft, 9085.0, 0.0);
    assert_near(r->width_ft, 164.0, 0.0);
    /* OPMS lists no threshold elevations: the field's is used */
    assert_near(airport_runway_find(ms, "30")->elevation_ft, 1023.0, 0.0);
    assert_null(airport_runway_find(rs, "18"));
    assert_null(airport_find(&shipped, "OPMK")); /* Mirpur Khas, not Kamra */
    assert_null(airport_find(&shipped, "oprs"));
}

static void every_far_threshold_lies_down_the_centreline_at_the_geodesic_distance(void **state)
{
    (void)state;
    int strips = 0;
    for (int i = 0; i < shipped.nairports; i++) {
        const airport *ap = &shipped.airports[i];
        for (int j = 0; j < ap->nrunways; j++) {
            const airport_runway *r = &ap->runways[j], *o = airport_runway_opposite(ap, r);
            assert_non_null(o); /* every strip lists both ends */
            assert_ptr_equal(airport_runway_opposite(ap, o), r);
            double s_ft, az_deg, x_ft, y_ft;
            inverse(r->lat_deg, r->lon_deg, o->lat_deg, o->lon_deg, &s_ft, &az_deg);
            runway_from_geodetic(r, o->lat_deg, o->lon_deg, &x_ft, &y_ft);
            assert_near(x_ft, s_ft, 0.01 * s_ft);
            assert_near(x_ft, s_ft, 0.5); /* and in fact within a foot */
            assert_near(y_ft, 0.0, 30.0);
            /* the data: thresholds as far apart as the listed length (no
             * displaced thresholds here, see docs/airports.md), headings
             * opposite */
            assert_near(s_ft, r->length_ft, 0.01 * r->length_ft);
            assert_near(wrap180(o->heading_true_deg - r->heading_true_deg - 180.0), 0.0, 0.1);
            strips++;
        }
    }
    assert_true(strips >= 10);
}

/* ------------------------------------------------------ the runway frame */

static airport_runway make_runway(double lat, double lon, double hdg)
{
    airport_runway r;
    memset(&r, 0, sizeof r);
    snprintf(r.ident, sizeof r.ident, "09");
    r.lat_deg = lat;
    r.lon_deg = lon;
    r.heading_true_deg = hdg;
    r.length_ft = 9000.0;
    r.width_ft = 150.0;
    return r;
}

static void the_direct_solver_of_this_test_agrees_with_the_inverse_one(void **state)
{
    (void)state;
    for (int k = 0; k < 36; k++) {
        double lat2, lon2, s_ft, az_deg;
        vincenty_direct(33.55, 72.81, 10.0 * k + 3.0, 40000.0, &lat2, &lon2);
        inverse(33.55, 72.81, lat2, lon2, &s_ft, &az_deg);
        assert_near(s_ft, 40000.0, 1e-4);
        assert_near(wrap180(az_deg - (10.0 * k + 3.0)), 0.0, 1e-9);
    }
}

static void a_point_1000_ft_down_the_runway_is_at_x_1000(void **state)
{
    (void)state;
    const airport *ap = airport_find(&shipped, "OPIS");
    assert_non_null(ap);
    for (int j = 0; j < ap->nrunways; j++) {
        const airport_runway *r = &ap->runways[j];
        double lat, lon, x_ft, y_ft;
        vincenty_direct(r->lat_deg, r->lon_deg, r->heading_true_deg, 1000.0, &lat, &lon);
        runway_from_geodetic(r, lat, lon, &x_ft, &y_ft);
        assert_near(x_ft, 1000.0, 0.5);
        assert_near(y_ft, 0.0, 0.01);
    }
}

static void a_hand_computed_point_north_and_east_at_the_equator(void **state)
{
    (void)state;
    /* at the equator M = b^2/a = 20,785,562.097 ft and N = a =
     * 20,925,646.325 ft: 1000 ft north is 1000/M rad = 0.0027565182 deg,
     * 1000 ft east is 1000/N rad = 0.0027380650 deg */
    airport_runway r = make_runway(0.0, 0.0, 0.0);
    double x_ft, y_ft;
    runway_from_geodetic(&r, 0.0027565182, 0.0, &x_ft, &y_ft);
    assert_near(x_ft, 1000.0, 0.01);
    assert_near(y_ft, 0.0, 1e-9);
    runway_from_geodetic(&r, 0.0, 0.0027380650, &x_ft, &y_ft);
    assert_near(x_ft, 0.0, 1e-9);
    assert_near(y_ft, 1000.0, 0.01);
    /* heading east: north of the runway is to its left */
    r.heading_true_deg = 90.0;
    runway_from_geodetic(&r, 0.0027565182, 0.0, &x_ft, &y_ft);
    assert_near(x_ft, 0.0, 1e-9);
    assert_near(y_ft, -1000.0, 0.01);
}

static void a_point_to_the_right_has_positive_y(void **state)
{
    (void)state;
    const airport *ap = airport_find(&shipped, "OPRS");
    assert_non_null(ap);
    const airport_runway *r = airport_runway_find(ap, "27L");
    assert_non_null(r);
    double lat, lon, x_ft, y_ft;
    vincenty_direct(r->lat_deg, r->lon_deg, r->heading_true_deg + 90.0, 500.0, &lat, &lon);
    runway_from_geodetic(r, lat, lon, &x_ft, &y_ft);
    assert_near(y_ft, 500.0, 0.01);
    assert_near(x_ft, 0.0, 0.01);
    vincenty_direct(r->lat_deg, r->lon_deg, r->heading_true_deg - 90.0, 500.0, &lat, &lon);
    runway_from_geodetic(r, lat, lon, &x_ft, &y_ft);
    assert_near(y_ft, -500.0, 0.01);
    /* heading 273.7: a point 364 ft due north of the threshold is 86.3
     * deg to the right, 23 ft ahead */
    runway_from_geodetic(r, r->lat_deg + 0.001, r->lon_deg, &x_ft, &y_ft);
    assert_true(y_ft > 360.0 && y_ft < 370.0);
    assert_true(x_ft > 20.0 && x_ft < 26.0);
}

static void the_frame_is_geodesic_distance_and_azimuth_to_well_under_a_foot_within_10_nm(void **state)
{
    (void)state;
    const double lats[] = {-60.0, 0.0, 33.55, 34.08, 70.0};
    double worst = 0.0;
    for (size_t i = 0; i < sizeof lats / sizeof lats[0]; i++) {
        airport_runway r = make_runway(lats[i], 179.99, 100.5);
        for (int k = 0; k < 24; k++) {
            for (double s_ft = 500.0; s_ft <= 10.0 * FT_PER_NM; s_ft *= 2.0) {
                double az = 15.0 * k + 1.0, lat, lon, x_ft, y_ft;
                vincenty_direct(r.lat_deg, r.lon_deg, az, s_ft, &lat, &lon); /* crosses 180 deg */
                runway_from_geodetic(&r, lat, lon, &x_ft, &y_ft);
                double th = (az - r.heading_true_deg) * D2R;
                double e = hypot(x_ft - s_ft * cos(th), y_ft - s_ft * sin(th));
                worst = fmax(worst, e);
            }
        }
    }
    if (!(worst < 0.1))
        fail_msg("worst difference from geodesic polar coordinates %.3f ft", worst);
}

static void a_round_trip_returns_the_point(void **state)
{
    (void)state;
    for (int i = 0; i < shipped.nairports; i++) {
        const airport *ap = &shipped.airports[i];
        for (int j = 0; j < ap->nrunways; j++) {
            const airport_runway *r = &ap->runways[j];
            for (int k = 0; k < 16; k++) {
                for (double frac = 0.0; frac <= 1.0; frac += 0.125) {
                    /* up to 10 nm (0.166 deg of latitude) in 16 directions */
                    double b = k * PI / 8.0 + 0.1;
                    double lat = r->lat_deg + 0.16 * frac * cos(b);
                    double lon = r->lon_deg + 0.16 * frac * sin(b) / cos(r->lat_deg * D2R);
                    double x_ft, y_ft, lat2, lon2, x2_ft, y2_ft;
                    runway_from_geodetic(r, lat, lon, &x_ft, &y_ft);
                    assert_true(hypot(x_ft, y_ft) <= 10.0 * FT_PER_NM);
                    runway_to_geodetic(r, x_ft, y_ft, &lat2, &lon2);
                    assert_near(lat2, lat, 1e-9);
                    assert_near(lon2, lon, 1e-9);
                    runway_from_geodetic(r, lat2, lon2, &x2_ft, &y2_ft);
                    assert_near(x2_ft, x_ft, 1e-6);
                    assert_near(y2_ft, y_ft, 1e-6);
                }
            }
        }
    }
}

static void the_opposite_end_is_found_by_ident(void **state)
{
    (void)state;
    airport_runway rw[6];
    const char *idents[] = {"09L", "27R", "18", "36", "H1", "04C"};
    for (int i = 0; i < 6; i++) {
        rw[i] = make_runway(0.0, 0.0, 0.0);
        snprintf(rw[i].ident, sizeof rw[i].ident, "%s", idents[i]);
    }
    airport ap;
    memset(&ap, 0, sizeof ap);
    ap.nrunways = 6;
    ap.runways = rw;
    assert_ptr_equal(airport_runway_opposite(&ap, &rw[0]), &rw[1]);
    assert_ptr_equal(airport_runway_opposite(&ap, &rw[1]), &rw[0]);
    assert_ptr_equal(airport_runway_opposite(&ap, &rw[2]), &rw[3]);
    assert_ptr_equal(airport_runway_opposite(&ap, &rw[3]), &rw[2]);
    assert_null(airport_runway_opposite(&ap, &rw[4])); /* not a number */
    assert_null(airport_runway_opposite(&ap, &rw[5])); /* 22C not listed */
    assert_null(airport_runway_opposite(NULL, &rw[0]));
}

/* ------------------------------------------------------------ bad input */

static const char valid[] =
    "<?xml version=\"1.0\"?>\n"
    "<airports source=\"test data\">\n"
    "  <airport icao=\"TEST\" name=\"Test field\" elevation-ft=\"100\">\n"
    "    <runway ident=\"18\" lat-deg=\"10.0\" lon-deg=\"20.0\" elevation-ft=\"100\" heading-deg=\"180\" length-ft=\"6000\" width-ft=\"150\"/>\n"
    "    <runway ident=\"36\" lat-deg=\"9.98\" lon-deg=\"20.0\" elevation-ft=\"101\" heading-deg=\"0\" listed-heading-deg=\"360\" length-ft=\"6000\" width-ft=\"150\"/>\n"
    "  </airport>\n"
    "  <!-- a comment -->\n"
    "  <airport icao=\"TST2\" name=\"Second\" elevation-ft=\"-50\">\n"
    "    <runway ident=\"09\" lat-deg=\"-33.5\" lon-deg=\"-179.5\" elevation-ft=\"-50\" heading-deg=\"90.5\" length-ft=\"3000\" width-ft=\"60\"/>\n"
    "  </airport>\n"
    "</airports>\n";

static void a_valid_file_gives_its_airports_and_runways(void **state)
{
    (void)state;
    airport_db db;
    saqr_err err = {{0}};
    assert_int_equal(airport_db_parse_memory(valid, strlen(valid), "x.xml", &db, &err), SAQR_OK);
    assert_string_equal(db.source, "test data");
    assert_int_equal(db.nairports, 2);
    const airport *t = airport_find(&db, "TEST");
    assert_non_null(t);
    assert_string_equal(t->name, "Test field");
    assert_int_equal(t->nrunways, 2);
    assert_near(airport_runway_find(t, "36")->elevation_ft, 101.0, 0.0);
    const airport_runway *r = airport_runway_find(airport_find(&db, "TST2"), "09");
    assert_non_null(r);
    assert_near(r->lat_deg, -33.5, 0.0);
    assert_near(r->lon_deg, -179.5, 0.0);
    assert_near(r->heading_true_deg, 90.5, 0.0);
    assert_near(r->length_ft, 3000.0, 0.0);
    assert_near(r->width_ft, 60.0, 0.0);
    airport_db_free(&db);
    assert_int_equal(db.nairports, 0);
    assert_null(db.airports);
    airport_db_free(&db); /* twice is harmless */
}

/* Replaces the first `from` in valid with `to`, expects status `st` and a
 * message starting with `where` and containing `msg`. */
static void expect_error(const char *from, const char *to, int st, const char *where, const char *msg)
{
    char text[4096];
    const char *at = strstr(valid, from);
    if (!at)
        fail_msg("\"%s\" is not in the test file", from);
    snprintf(text, sizeof text, "%.*s%s%s", (int)(at - valid), valid, to, at + strlen(from));
    airport_db db;
    saqr_err err = {{0}};
    int got = airport_db_parse_memory(text, strlen(text), "x.xml", &db, &err);
    airport_db_free(&db);
    if (got != st || strncmp(err.msg, where, strlen(where)) != 0 || !strstr(err.msg, msg))
        fail_msg("replacing %s by %s: status %d, message \"%s\"; expected %d, \"%s...%s\"", from, to, got, err.msg, st,
                 where, msg);
}

static void a_missing_attribute_is_an_error_naming_the_line(void **state)
{
    (void)state;
    expect_error(" width-ft=\"150\"", "", SAQR_EPARSE, "x.xml:4: ", "<runway> needs width-ft=");
    expect_error(" lat-deg=\"9.98\"", "", SAQR_EPARSE, "x.xml:5: ", "needs lat-deg=");
    expect_error(" ident=\"09\"", "", SAQR_EPARSE, "x.xml:9: ", "needs ident=");
    expect_error(" name=\"Second\"", "", SAQR_EPARSE, "x.xml:8: ", "<airport> needs name=");
    expect_error(" icao=\"TEST\"", "", SAQR_EPARSE, "x.xml:3: ", "needs icao=");
    expect_error(" elevation-ft=\"100\">", ">", SAQR_EPARSE, "x.xml:3: ", "needs elevation-ft=");
    expect_error(" source=\"test data\"", "", SAQR_EPARSE, "x.xml:2: ", "needs source=");
}

static void a_bad_number_is_an_error_naming_the_line(void **state)
{
    (void)state;
    expect_error("lat-deg=\"10.0\"", "lat-deg=\"10.0x\"", SAQR_EPARSE, "x.xml:4: ", "lat-deg=\"10.0x\" is not a number");
    expect_error("lon-deg=\"20.0\"", "lon-deg=\"\"", SAQR_EPARSE, "x.xml:4: ", "is not a number");
    expect_error("length-ft=\"3000\"", "length-ft=\"nan\"", SAQR_EPARSE, "x.xml:9: ", "is not a number");
    expect_error("width-ft=\"60\"", "width-ft=\"inf\"", SAQR_EPARSE, "x.xml:9: ", "is not a number");
    expect_error("heading-deg=\"0\"", "heading-deg=\"north\"", SAQR_EPARSE, "x.xml:5: ", "is not a number");
    expect_error("elevation-ft=\"-50\"", "elevation-ft=\"1e999\"", SAQR_EPARSE, "x.xml:8: ", "is not a number");
    /* 1000, written with 76 digits: never read as 1 */
    expect_error("length-ft=\"3000\"",
                 "length-ft=\"1.000000000000000000000000000000000000000000000000000000000000000000000001e3\"",
                 SAQR_EPARSE, "x.xml:9: ", "length-ft= is too long for a number");
}

static void an_out_of_range_value_is_an_error_naming_the_line(void **state)
{
    (void)state;
    expect_error("lat-deg=\"10.0\"", "lat-deg=\"95\"", SAQR_EPARSE, "x.xml:4: ", "lat-deg=\"95\" is out of range [-90, 90]");
    expect_error("lat-deg=\"-33.5\"", "lat-deg=\"-90.5\"", SAQR_EPARSE, "x.xml:9: ", "out of range");
    expect_error("lon-deg=\"-179.5\"", "lon-deg=\"181\"", SAQR_EPARSE, "x.xml:9: ", "lon-deg=\"181\" is out of range");
    expect_error("heading-deg=\"180\"", "heading-deg=\"360\"", SAQR_EPARSE, "x.xml:4: ", "[0, 360)");
    expect_error("heading-deg=\"180\"", "heading-deg=\"-1\"", SAQR_EPARSE, "x.xml:4: ", "out of range");
    expect_error("listed-heading-deg=\"360\"", "listed-heading-deg=\"361\"", SAQR_EPARSE, "x.xml:5: ", "out of range");
    expect_error("length-ft=\"6000\"", "length-ft=\"0\"", SAQR_EPARSE, "x.xml:4: ", "(0, 50000]");
    expect_error("width-ft=\"60\"", "width-ft=\"-5\"", SAQR_EPARSE, "x.xml:9: ", "out of range");
    expect_error("elevation-ft=\"100\" heading", "elevation-ft=\"40000\" heading", SAQR_EPARSE, "x.xml:4: ",
                 "out of range");
}

static void duplicate_idents_are_errors_naming_the_line(void **state)
{
    (void)state;
    expect_error("ident=\"36\"", "ident=\"18\"", SAQR_EPARSE, "x.xml:5: ", "runway 18 appears twice at TEST");
    expect_error("icao=\"TST2\"", "icao=\"TEST\"", SAQR_EPARSE, "x.xml:8: ", "airport TEST appears twice");
}

static void a_malformed_structure_is_an_error_naming_the_line(void **state)
{
    (void)state;
    expect_error("<airports ", "<airfields ", SAQR_EPARSE, "x.xml:", ""); /* mismatched tag: libxml2 */
    expect_error("  <!-- a comment -->", "  <heliport/>", SAQR_EPARSE, "x.xml:7: ", "unknown element <heliport>");
    expect_error("  <!-- a comment -->", "  stray text", SAQR_EPARSE, "x.xml:", "unexpected text in <airports>");
    expect_error(" heading-deg=\"90.5\"", " heading-deg=\"90.5\" surface=\"asphalt\"", SAQR_EPARSE, "x.xml:9: ",
                 "<runway> has no attribute \"surface\"");
    expect_error("ident=\"09\"", "ident=\"0 9\"", SAQR_EPARSE, "x.xml:9: ", "space");
    expect_error("ident=\"09\"", "ident=\"\"", SAQR_EPARSE, "x.xml:9: ", "ident= is empty");
    expect_error("ident=\"09\"", "ident=\"09LLLLLL\"", SAQR_EPARSE, "x.xml:9: ", "longer than 7 characters");
    expect_error("icao=\"TST2\"", "icao=\"TST2TST2\"", SAQR_EPARSE, "x.xml:8: ", "longer than 7 characters");
    expect_error("    <runway ident=\"09\"", "    <!-- <runway ident=\"09\"", SAQR_EPARSE, "x.xml:", "");
    /* the wrong root, an airport without runways, a file without airports */
    const char *wrong_root = "<?xml version=\"1.0\"?>\n<airfields source=\"s\"/>\n";
    const char *no_runway = "<airports source=\"s\">\n<airport icao=\"A\" name=\"n\" elevation-ft=\"0\"/>\n</airports>\n";
    const char *no_airport = "<airports source=\"s\">\n</airports>\n";
    airport_db db;
    saqr_err err = {{0}};
    assert_int_equal(airport_db_parse_memory(wrong_root, strlen(wrong_root), "y.xml", &db, &err), SAQR_EPARSE);
    assert_string_equal(err.msg, "y.xml:2: the root element must be <airports>");
    airport_db_free(&db);
    assert_int_equal(airport_db_parse_memory(no_runway, strlen(no_runway), "y.xml", &db, &err), SAQR_EPARSE);
    assert_string_equal(err.msg, "y.xml:2: <airport> has no <runway>");
    airport_db_free(&db);
    assert_int_equal(airport_db_parse_memory(no_airport, strlen(no_airport), "y.xml", &db, &err), SAQR_EPARSE);
    assert_string_equal(err.msg, "y.xml:1: <airports> has no <airport>");
    airport_db_free(&db);
}

static void text_that_is_not_xml_is_an_error_naming_the_line(void **state)
{
    (void)state;
    const char *junk[] = {"", "icao,name\nOPRS,Risalpur\n", "<airports source=\"s\">\n<airport\n", "\x01\x02\xff"};
    for (size_t i = 0; i < sizeof junk / sizeof junk[0]; i++) {
        airport_db db;
        saqr_err err = {{0}};
        assert_int_equal(airport_db_parse_memory(junk[i], strlen(junk[i]), "z.xml", &db, &err), SAQR_EPARSE);
        if (strncmp(err.msg, "z.xml:", 6) != 0 || !isdigit((unsigned char)err.msg[6]))
            fail_msg("message \"%s\" does not name z.xml:LINE", err.msg);
        assert_int_equal(db.nairports, 0);
        airport_db_free(&db);
    }
}

static void a_file_is_read_and_its_errors_name_its_path_and_line(void **state)
{
    (void)state;
    char dir[] = "/tmp/test_airport_XXXXXX", path[128], missing[160];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/bad.xml", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    /* the valid file with the second airport's runway moved to the pole */
    const char *at = strstr(valid, "lat-deg=\"-33.5\"");
    fprintf(f, "%.*slat-deg=\"-95\"%s", (int)(at - valid), valid, at + strlen("lat-deg=\"-33.5\""));
    fclose(f);
    airport_db db;
    saqr_err err = {{0}};
    char where[160];
    snprintf(where, sizeof where, "%s:9: ", path);
    assert_int_equal(airport_db_load(path, &db, &err), SAQR_EPARSE);
    if (strncmp(err.msg, where, strlen(where)) != 0)
        fail_msg("message \"%s\" does not start with \"%s\"", err.msg, where);
    airport_db_free(&db);
    /* a missing file is an I/O error naming it */
    snprintf(missing, sizeof missing, "%s/none.xml", dir);
    assert_int_equal(airport_db_load(missing, &db, &err), SAQR_EIO);
    assert_non_null(strstr(err.msg, missing));
    airport_db_free(&db);
    assert_int_equal(unlink(path), 0);
    assert_int_equal(rmdir(dir), 0);
}

/* geodesic_inverse_cached (the waypoint components' solve, started from
 * the offset extrapolated from its last two solves) gives the solution a
 * cold solve gives, to the iteration's own tolerance, for points moving
 * as aircraft do between frames (0.5 m, 60 m) towards a fixed target near
 * and far, and after the target moves; and it takes at most two passes
 * once it has two solves behind it (the last offset alone took three). */
static void the_cached_geodesic_converges_to_the_cold_solution_in_fewer_passes(void **state)
{
    (void)state;
    const double steps_deg[] = {4.5e-6, 5.4e-4};
    for (int k = 0; k < 2; k++) {
        geodesic_cache c = {0};
        double tlat = 33.6 * D2R, tlon = 73.1 * D2R;
        int passes = 0, solves = 0;
        for (int i = 0; i < 600; i++) {
            if (i == 400)
                tlat = -12.25 * D2R; /* a new waypoint, 5,000 km away */
            double lat = 31.5 * D2R + steps_deg[k] * i * D2R, lon = 74.3 * D2R - 0.7 * steps_deg[k] * i * D2R;
            double d1, a1, d2, a2, off = 0.0;
            geodesic_inverse(A_FT, B_FT, lat, lon, tlat, tlon, &d1, &a1, &off);
            geodesic_inverse_cached(A_FT, B_FT, lat, lon, tlat, tlon, &d2, &a2, &c);
            assert_true(fabs(d1 - d2) < 1e-5);
            assert_true(fabs(a1 - a2) < 1e-12);
            if ((i > 2 && i < 400) || i > 402) {
                passes += c.iterations;
                solves++;
                if (c.iterations > 2)
                    fail_msg("step %g deg, solve %d: %d passes", steps_deg[k], i, c.iterations);
            }
        }
        print_message("geodesic, %g deg steps: %.2f passes per solve\n", steps_deg[k], (double)passes / solves);
    }
}

int main(void)
{
    const struct CMUnitTest shipped_tests[] = {
        cmocka_unit_test(the_shipped_file_has_the_lessons_airports),
        cmocka_unit_test(the_cached_geodesic_converges_to_the_cold_solution_in_fewer_passes),
        cmocka_unit_test(every_far_threshold_lies_down_the_centreline_at_the_geodesic_distance),
        cmocka_unit_test(a_point_1000_ft_down_the_runway_is_at_x_1000),
        cmocka_unit_test(a_point_to_the_right_has_positive_y),
        cmocka_unit_test(a_round_trip_returns_the_point),
    };
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_direct_solver_of_this_test_agrees_with_the_inverse_one),
        cmocka_unit_test(a_hand_computed_point_north_and_east_at_the_equator),
        cmocka_unit_test(the_frame_is_geodesic_distance_and_azimuth_to_well_under_a_foot_within_10_nm),
        cmocka_unit_test(the_opposite_end_is_found_by_ident),
        cmocka_unit_test(a_valid_file_gives_its_airports_and_runways),
        cmocka_unit_test(a_missing_attribute_is_an_error_naming_the_line),
        cmocka_unit_test(a_bad_number_is_an_error_naming_the_line),
        cmocka_unit_test(an_out_of_range_value_is_an_error_naming_the_line),
        cmocka_unit_test(duplicate_idents_are_errors_naming_the_line),
        cmocka_unit_test(a_malformed_structure_is_an_error_naming_the_line),
        cmocka_unit_test(text_that_is_not_xml_is_an_error_naming_the_line),
        cmocka_unit_test(a_file_is_read_and_its_errors_name_its_path_and_line),
    };
    int failed = cmocka_run_group_tests_name("shipped airports", shipped_tests, load_shipped, free_shipped);
    return failed + cmocka_run_group_tests_name("airports", tests, NULL, NULL);
}
