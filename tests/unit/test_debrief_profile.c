/*
 * test_debrief_profile.c - the final approaches' vertical profiles on the
 * debrief page (src/train/debrief_profile.c).
 *
 * The sortie is synthetic, at Risalpur's runway 27L: a downwind leg
 * abeam the field, then a straight-in final from 4 nm down the extended
 * centreline (200 ft right of it) that is 100 ft above a 3 deg path to an
 * aim point 1,000 ft in until 2.5 nm, closes on the path by 1.5 nm and
 * stays on it to the touch-down at the aim point, then rolls out.  The
 * heights the test expects at the gates are worked out here from the
 * path's geometry ((aim - x) tan 3 deg plus the offset), not by the code
 * under test; positions are placed with runway_to_geodetic, whose frame
 * test_airport checks against its inverse and test_debrief against
 * Vincenty's geodesic.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xpath.h>

#include "airports_fixture.h"
#include "debrief_page.h"
#include "lesson_errors.h"
#include "train/approach_path.h"
#include "train/debrief_profile.h"

#define FT_PER_NM (1852.0 / 0.3048)
#define RATE_HZ 10.0
#define GS_KT 90.0
#define AIM_FT 1000.0
#define HIGH_FT 100.0

enum { CH_T, CH_LAT, CH_LON, CH_ALT, NCH };

static const char LESSON_PATH[] =
    "<lesson id=\"t/profile\" aircraft=\"super-mushak\" max-s=\"900\"><title>T</title>"
    "<setup airport=\"OPRS\" runway=\"27L\"><airborne bearing-deg=\"90\" distance-nm=\"4\" alt-ft=\"2300\" "
    "heading-deg=\"274\" ias-kt=\"90\"/></setup>"
    "<exercise id=\"final\" title=\"Final\"><approach glide-deg=\"3\" aim-ft=\"1000\" ias-kt=\"90\" "
    "until=\"agl-ft le 50\"/><complete when=\"agl-ft le 50\"/><grade id=\"ias\" title=\"Speed\" channel=\"ias-kt\" target=\"90\" tolerance=\"5\" "
    "unit=\"kt\" source=\"test\"/></exercise></lesson>";

static const char LESSON_GLIDE[] =
    "<lesson id=\"t/glide\" aircraft=\"super-mushak\" max-s=\"900\"><title>T</title>"
    "<setup airport=\"OPRS\" runway=\"27L\"><airborne bearing-deg=\"90\" distance-nm=\"4\" alt-ft=\"2300\" "
    "heading-deg=\"274\" ias-kt=\"90\"/></setup>"
    "<exercise id=\"final\" title=\"Final\"><land path=\"glide\" ias-kt=\"70\"/><complete when=\"ex-time-s ge 60\"/>"
    "<grade id=\"ias\" title=\"Speed\" channel=\"ias-kt\" target=\"70\" tolerance=\"5\" "
    "unit=\"kt\" source=\"test\"/></exercise></lesson>";

static const airport_runway *rwy27l(void)
{
    const airport *ap = airport_find(&fixture_airports, "OPRS");
    assert_non_null(ap);
    const airport_runway *r = airport_runway_find(ap, "27L");
    assert_non_null(r);
    return r;
}

/* The 3 deg path's height above the threshold at x (ft along the runway). */
static double path_ft(double x_ft)
{
    return fmax(AIM_FT - x_ft, 0.0) * tan(3.0 * 3.14159265358979323846 / 180.0);
}

/* The designed offset above the path: 100 ft out to 2.5 nm, none from
 * 1.5 nm in, straight between. */
static double offset_ft(double x_ft)
{
    double out_nm = -x_ft / FT_PER_NM;
    if (out_nm >= 2.5)
        return HIGH_FT;
    if (out_nm <= 1.5)
        return 0.0;
    return HIGH_FT * (out_nm - 1.5);
}

typedef struct flight {
    rec_channel ch[NCH];
    rec_event ev[2];
    rec_data rec;
} flight;

static void put(flight *fl, size_t k, double t, const airport_runway *r, double x_ft, double y_ft, double h_ft)
{
    double *v = &fl->rec.values[k * NCH];
    v[CH_T] = t;
    runway_to_geodetic(r, x_ft, y_ft, &v[CH_LAT], &v[CH_LON]);
    v[CH_ALT] = r->elevation_ft + h_ft;
}

/* The downwind leg (60 s, 1,000 ft above, 1.2 nm left, flown the other
 * way), then - when `final` - the final to the touch-down and 20 s of
 * roll-out; else a take-off from the threshold climbing out past the far
 * end. */
static void fly(flight *fl, const airport_runway *r, int final)
{
    static const char *const names[NCH] = {"t-s", "lat-deg", "lon-deg", "alt-ft"};
    memset(fl, 0, sizeof *fl);
    for (int i = 0; i < NCH; i++) {
        snprintf(fl->ch[i].name, sizeof fl->ch[i].name, "%s", names[i]);
        fl->ch[i].type = REC_F64;
    }
    const double v_fps = GS_KT * FT_PER_NM / 3600.0, x_start = -4.0 * FT_PER_NM;
    const size_t n_down = 600, n_final = (size_t)((AIM_FT - x_start) / v_fps * RATE_HZ) + 1, n_roll = 200;
    fl->rec.nch = NCH;
    fl->rec.ch = fl->ch;
    fl->rec.rate_hz = RATE_HZ;
    fl->rec.nframes = n_down + n_final + n_roll;
    fl->rec.values = calloc(fl->rec.nframes * NCH, sizeof(double));
    assert_non_null(fl->rec.values);
    size_t k = 0;
    for (; k < n_down; k++) {
        double t = (double)k / RATE_HZ;
        put(fl, k, t, r, 2000.0 - v_fps * t, -1.2 * FT_PER_NM, 1000.0);
    }
    for (size_t j = 0; j < n_final + n_roll; j++, k++) {
        double t = (double)k / RATE_HZ, x = x_start + v_fps * (double)j / RATE_HZ, y = 200.0, h;
        if (final) {
            h = x < AIM_FT ? path_ft(x) + offset_ft(x) : 0.0;
        } else { /* from the threshold, 10 ft up a foot for every 10 out */
            x = v_fps * (double)j / RATE_HZ;
            h = fmax(0.1 * (x - 1500.0), 0.0);
            y = 0.0;
        }
        put(fl, k, t, r, x, y, h);
    }
    if (final) {
        snprintf(fl->ev[0].kind, sizeof fl->ev[0].kind, "touchdown");
        fl->ev[0].t_s = (double)(n_down + n_final - 1) / RATE_HZ;
        fl->rec.nevents = 1;
        fl->rec.events = fl->ev;
    }
}

/* Two finals.  The first from 3 nm on the path down to 0.6 nm, where it
 * either goes around (`jump` 0: climbing away straight ahead past the far
 * end, then a downwind leg 1.2 nm off) or is put back on a 4 nm final by
 * the instructor (`jump` 1: the next frame there, no leg between); the
 * second is fly()'s final from 4 nm to the touch-down and roll-out. */
static void fly_two(flight *fl, const airport_runway *r, int jump)
{
    static const char *const names[NCH] = {"t-s", "lat-deg", "lon-deg", "alt-ft"};
    memset(fl, 0, sizeof *fl);
    for (int i = 0; i < NCH; i++) {
        snprintf(fl->ch[i].name, sizeof fl->ch[i].name, "%s", names[i]);
        fl->ch[i].type = REC_F64;
    }
    const double v_fps = GS_KT * FT_PER_NM / 3600.0;
    fl->rec.nch = NCH;
    fl->rec.ch = fl->ch;
    fl->rec.rate_hz = RATE_HZ;
    fl->rec.values = calloc(20000 * NCH, sizeof(double));
    assert_non_null(fl->rec.values);
    size_t k = 0;
    double t = 0.0;
    for (double x = -3.0 * FT_PER_NM; x <= -0.6 * FT_PER_NM; x += v_fps / RATE_HZ, t += 1.0 / RATE_HZ)
        put(fl, k++, t, r, x, 0.0, path_ft(x));
    if (!jump) {
        const double x0 = -0.6 * FT_PER_NM, h0 = path_ft(x0);
        for (double x = x0; x <= r->length_ft + 2000.0; x += v_fps / RATE_HZ, t += 1.0 / RATE_HZ)
            put(fl, k++, t, r, x, 0.0, h0 + 0.1 * (x - x0));
        for (int j = 0; j < 600; j++, t += 1.0 / RATE_HZ)
            put(fl, k++, t, r, 2000.0 - v_fps * j / RATE_HZ, -1.2 * FT_PER_NM, 1000.0);
    }
    const double x_start = -4.0 * FT_PER_NM;
    for (double x = x_start; x < AIM_FT; x += v_fps / RATE_HZ, t += 1.0 / RATE_HZ)
        put(fl, k++, t, r, x, 0.0, path_ft(x));
    snprintf(fl->ev[0].kind, sizeof fl->ev[0].kind, "touchdown");
    fl->ev[0].t_s = t;
    for (int j = 0; j < 200; j++, t += 1.0 / RATE_HZ)
        put(fl, k++, t, r, AIM_FT + v_fps * j / RATE_HZ, 0.0, 0.0);
    assert_true(k <= 20000);
    fl->rec.nframes = k;
    fl->rec.nevents = 1;
    fl->rec.events = fl->ev;
}

static char *profile_html(const rec_data *rec, const airport_runway *r, const lesson *l)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    debrief_write_profile(f, rec, r, l);
    assert_int_equal(fclose(f), 0);
    return buf;
}

/* The number at XPath `expr` (NAN when absent) of the section parsed as
 * XML: it must be well-formed. */
static double xpath_number(const char *html, const char *expr)
{
    char *doc_text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&doc_text, &len);
    assert_non_null(f);
    fprintf(f, "<div>%s</div>", html);
    fclose(f);
    xmlDocPtr doc = xmlReadMemory(doc_text, (int)len, "profile.xml", NULL, XML_PARSE_NONET | XML_PARSE_NOERROR);
    free(doc_text);
    assert_non_null(doc);
    xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
    xmlXPathObjectPtr o = xmlXPathEvalExpression((const xmlChar *)expr, ctx);
    double v = o ? xmlXPathCastToNumber(o) : NAN;
    xmlXPathFreeObject(o);
    xmlXPathFreeContext(ctx);
    xmlFreeDoc(doc);
    return v;
}

/* 1 when `second` is in `page` after `first`. */
static int section_after(const char *page, const char *first, const char *second)
{
    const char *a = strstr(page, first);
    return a && strstr(a, second) != NULL;
}

static void the_last_final_is_found_and_its_gates_read_against_the_path(void **state)
{
    (void)state;
    const airport_runway *r = rwy27l();
    flight fl;
    fly(&fl, r, 1);
    debrief_final fin;
    assert_int_equal(debrief_final_find(&fl.rec, r, &fin), 1);
    assert_int_equal(fin.k0, 600); /* the downwind leg, 1.2 nm off, is not in it */
    assert_int_equal(fin.k1, fl.rec.nframes - 1);
    assert_near(fin.from_x_ft, -4.0 * FT_PER_NM, 1e-3);

    static const double gates_nm[] = {3.0, 2.0, 1.0, 0.5, 0.0};
    for (size_t i = 0; i < 5; i++) {
        double x = -gates_nm[i] * FT_PER_NM, want = path_ft(x) + offset_ft(x);
        /* every gate is on a straight stretch (the offset bends at 2.5
         * and 1.5 nm): interpolating between frames is exact there */
        double h, y;
        debrief_final_at(&fl.rec, r, &fin, x, &h, &y);
        assert_near(h, want, 1e-3);
        assert_near(y, 200.0, 1e-3); /* flown 200 ft right of the centreline */
    }
    double h, y;
    debrief_final_at(&fl.rec, r, &fin, -5.0 * FT_PER_NM, &h, &y); /* before it began */
    assert_true(isnan(h) && isnan(y));

    lesson l;
    lesson_parse_or_fail(LESSON_PATH, &l);
    approach_path path = approach_path_of_lesson(&l);
    assert_near(path.glide_deg, 3.0, 1e-12);
    assert_near(path.aim_ft, AIM_FT, 1e-12);
    char *html = profile_html(&fl.rec, r, &l);
    assert_non_null(strstr(html, "<h2 id=\"final-approach\">Final approach</h2>"));
    assert_non_null(strstr(html, "from 4.0 nm out"));
    assert_non_null(strstr(html, "3.0\xC2\xB0 to its aim point 1000 ft past the threshold"));
    /* 100 ft high at 3 nm, half of it at 2, on the path from 1 nm */
    assert_near(xpath_number(html, "string(//tr[@data-nm='3']/td/@data-dev-ft)"), HIGH_FT, 0.051);
    assert_near(xpath_number(html, "string(//tr[@data-nm='2']/td/@data-dev-ft)"), HIGH_FT / 2, 0.051);
    assert_near(xpath_number(html, "string(//tr[@data-nm='1']/td/@data-dev-ft)"), 0.0, 0.051);
    /* the threshold crossed at the path's 52 ft */
    assert_near(xpath_number(html, "string(//tr[@data-nm='0']/@data-height-ft)"), path_ft(0.0),
                0.051);
    assert_near(xpath_number(html, "count(//tr[@data-nm])"), 5.0, 0.0);
    assert_near(xpath_number(html, "count(//td[@data-y-ft='200.0'])"), 5.0, 0.0);
    assert_non_null(strstr(html, ">200 right</td>"));
    assert_near(xpath_number(html, "count(//*[local-name()='line'][@class='path'])"), 1.0, 0.0);
    assert_near(xpath_number(html, "count(//*[local-name()='circle'][@class='touchdown'])"), 1.0, 0.0);
    free(html);

    /* the whole page carries it, after the ground track */
    grade_sheet sheet;
    memset(&sheet, 0, sizeof sheet);
    char *written = debrief_page(&fl.rec, &sheet, &l, "OPRS", "27L");
    char *page = strdup(written); /* gcc 12 takes memstream's buffer for a local (-Wdangling-pointer) */
    free(written);
    assert_non_null(page);
    assert_true(section_after(page, "<h2>Ground track</h2>", "id=\"final-approach\""));
    free(page);
    lesson_free(&l);
    free(fl.rec.values);
}

static void a_glide_has_no_path_and_a_take_off_no_final(void **state)
{
    (void)state;
    const airport_runway *r = rwy27l();
    flight fl;
    fly(&fl, r, 1);
    lesson l;
    lesson_parse_or_fail(LESSON_GLIDE, &l);
    assert_true(isnan(approach_path_of_lesson(&l).glide_deg));
    char *html = profile_html(&fl.rec, r, &l);
    assert_non_null(strstr(html, "the lesson flies no fixed path"));
    assert_near(xpath_number(html, "count(//*[local-name()='line'][@class='path'])"), 0.0, 0.0);
    assert_near(xpath_number(html, "count(//td[@data-dev-ft])"), 0.0, 0.0);
    assert_near(xpath_number(html, "count(//tr[@data-nm])"), 5.0, 0.0); /* the heights still */
    free(html);
    lesson_free(&l);
    free(fl.rec.values);

    fly(&fl, r, 0);
    debrief_final fin;
    assert_int_equal(debrief_final_find(&fl.rec, r, &fin), 0);
    html = profile_html(&fl.rec, r, NULL);
    assert_string_equal(html, "");
    free(html);
    /* no runway, or no position channel: nothing either */
    html = profile_html(&fl.rec, NULL, NULL);
    assert_string_equal(html, "");
    free(html);
    strcpy(fl.ch[CH_ALT].name, "x-ft");
    assert_int_equal(debrief_final_find(&fl.rec, r, &fin), 0);
    free(fl.rec.values);
}

/* A go-around, then the landing: two profiles in the order flown, the
 * first saying how low it came and where, the second where it touched
 * down; only the latest when fewer are asked for. */
static void a_go_around_and_the_landing_each_have_their_profile(void **state)
{
    (void)state;
    const airport_runway *r = rwy27l();
    flight fl;
    fly_two(&fl, r, 0);
    debrief_final fins[4];
    assert_int_equal(debrief_finals_find(&fl.rec, r, fins, 4), 2);
    assert_near(fins[0].from_x_ft, -3.0 * FT_PER_NM, 1e-3);
    assert_near(fins[1].from_x_ft, -4.0 * FT_PER_NM, 1e-3);
    assert_true(fins[0].k1 < fins[1].k0);
    assert_int_equal(fins[1].k1, fl.rec.nframes - 1);
    double touch_x, low_h, low_x;
    assert_int_equal(debrief_final_ending(&fl.rec, r, &fins[0], &touch_x, &low_h, &low_x), 0);
    /* the last frame on the path before the climb: within a frame (15 ft
     * along, under a foot of height) of 0.6 nm */
    assert_near(low_x, -0.6 * FT_PER_NM, 16.0);
    assert_near(low_h, path_ft(-0.6 * FT_PER_NM), 1.0);
    assert_true(isnan(touch_x));
    assert_int_equal(debrief_final_ending(&fl.rec, r, &fins[1], &touch_x, &low_h, &low_x), 1);
    assert_near(touch_x, AIM_FT, 16.0);
    /* asked for one: the latest, the count still all */
    debrief_final last;
    assert_int_equal(debrief_finals_find(&fl.rec, r, &last, 1), 2);
    assert_int_equal(last.k0, fins[1].k0);
    assert_int_equal(debrief_final_find(&fl.rec, r, &last), 1);
    assert_int_equal(last.k1, fins[1].k1);

    lesson l;
    lesson_parse_or_fail(LESSON_PATH, &l);
    char *html = profile_html(&fl.rec, r, &l);
    assert_non_null(strstr(html, "<h2 id=\"final-approach\">Final approaches</h2>"));
    assert_true(section_after(html, "<h3 id=\"final-approach-1\">Approach 1 of 2</h3>",
                              "<h3 id=\"final-approach-2\">Approach 2 of 2</h3>"));
    char low[96];
    snprintf(low, sizeof low, "No touch-down: lowest %.0f ft above the threshold, 0.6 nm out",
             path_ft(-0.6 * FT_PER_NM));
    assert_true(section_after(html, low, "It ended in a touch-down 1000 ft past the threshold."));
    assert_true(section_after(html, "from 3.0 nm out", "from 4.0 nm out"));
    assert_near(xpath_number(html, "count(//tr[@data-nm])"), 9.0, 0.0); /* the first began inside 3 nm's gate */
    free(html);
    lesson_free(&l);
    free(fl.rec.values);
}

/* Put back on a 4 nm final from 0.6 nm (a reposition, no frame between
 * the two in the cone's gap): two finals, not one from 4 nm. */
static void a_reposition_back_to_final_begins_another(void **state)
{
    (void)state;
    const airport_runway *r = rwy27l();
    flight fl;
    fly_two(&fl, r, 1);
    debrief_final fins[4];
    assert_int_equal(debrief_finals_find(&fl.rec, r, fins, 4), 2);
    assert_near(fins[0].from_x_ft, -3.0 * FT_PER_NM, 1e-3);
    assert_int_equal(fins[0].k1 + 1, fins[1].k0);
    assert_near(fins[1].from_x_ft, -4.0 * FT_PER_NM, 1e-3);
    free(fl.rec.values);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_last_final_is_found_and_its_gates_read_against_the_path),
        cmocka_unit_test(a_glide_has_no_path_and_a_take_off_no_final),
        cmocka_unit_test(a_go_around_and_the_landing_each_have_their_profile),
        cmocka_unit_test(a_reposition_back_to_final_begins_another),
    };
    return cmocka_run_group_tests(tests, airports_setup, airports_teardown);
}
