/*
 * test_debrief.c - the sortie debrief page (src/train/debrief.c) and its
 * SVG helpers (src/train/svg_plot.c).
 *
 * The sortie is synthetic: a 60 s steep turn flown as one full circle of
 * 3,000 ft radius left of runway 33's centreline, ending at a touchdown
 * 1,000 ft past the threshold on the centreline, with altitude wandering
 * out of its band once.  The test's latitudes and longitudes are checked
 * against Vincenty's inverse solution (src/earth/geodesic.c) before use,
 * so the page's runway-frame geometry is measured against distances and
 * bearings known independently.  Pages are parsed with libxml2: strictly
 * as XML (well-formed), and with its HTML parser (which knows no SVG or
 * HTML5 tags, so "unknown tag" is the one complaint allowed).
 */
#include "test_util.h"

#include <math.h>
#include <unistd.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>

#include "earth/geodesic.h"
#include "train/debrief.h"
#include "train/lesson_route.h"
#include "report/svg_plot.h"

#define PI 3.14159265358979323846
#define DEG (PI / 180.0)
#define NCH 6
#define RATE_HZ 10.0
#define NFRAMES 601 /* 0 .. 60 s */
#define RADIUS_FT 3000.0
#define TD_ALONG_FT 1000.0

enum { CH_T, CH_ALT, CH_BANK, CH_IAS, CH_LAT, CH_LON };

/* Runway 33 of an invented airfield near 33.6 N 73.1 E. */
static const airport_runway rwy33 = {.ident = "33", .lat_deg = 33.6160, .lon_deg = 73.0990, .elevation_ft = 1668,
                                     .heading_true_deg = 330.0, .length_ft = 9000.0, .width_ft = 150.0};

typedef struct fixture {
    char dir[64];             /* mkdtemp directory       */
    char page[128];           /* dir/debrief.html        */
    rec_data rec;
    grade_sheet sheet;
    rec_channel ch[NCH];
    rec_meta meta[3];
    rec_event events[4];
    sheet_element el[5];
    double worst_alt_ft, worst_alt_t_s;
} fixture;

/* Runway frame (x along, y right, ft) to latitude/longitude: rotate to
 * north/east and divide by the WGS-84 radii of curvature at the
 * threshold.  Checked against Vincenty in the first test. */
static void runway_to_latlon(double x_ft, double y_ft, double *lat, double *lon)
{
    const double a_m = 6378137.0, e2 = 6.69437999014e-3;
    double h = rwy33.heading_true_deg * DEG, s = sin(rwy33.lat_deg * DEG), w = sqrt(1 - e2 * s * s);
    double north_m = (x_ft * cos(h) - y_ft * sin(h)) * 0.3048, east_m = (x_ft * sin(h) + y_ft * cos(h)) * 0.3048;
    *lat = rwy33.lat_deg + north_m / (a_m * (1 - e2) / (w * w * w)) / DEG;
    *lon = rwy33.lon_deg + east_m / (a_m / w * cos(rwy33.lat_deg * DEG)) / DEG;
}

/* Where the aircraft is at t: once round a circle centred 3,000 ft left
 * of the centreline abeam the touchdown point, ending there at t = 60 s
 * rolling along the runway. */
static void circle_xy(double t_s, double *x_ft, double *y_ft)
{
    double th = 2 * PI * (t_s - 60.0) / 60.0;
    *x_ft = TD_ALONG_FT + RADIUS_FT * sin(th);
    *y_ft = -RADIUS_FT + RADIUS_FT * cos(th);
}

static double alt_at(double t_s)
{
    return 5000.0 - 150.0 * exp(-pow((t_s - 32.0) / 3.0, 2)) + 40.0 * sin(2 * PI * t_s / 15.0);
}

static sheet_element element(const char *exercise, const char *name, const char *title, const char *channel,
                             const char *unit, double lo, double hi, grade_mark mark)
{
    sheet_element e;
    memset(&e, 0, sizeof e);
    snprintf(e.exercise, sizeof e.exercise, "%s", exercise);
    snprintf(e.name, sizeof e.name, "%s", name);
    snprintf(e.title, sizeof e.title, "%s", title);
    snprintf(e.channel, sizeof e.channel, "%s", channel);
    snprintf(e.unit, sizeof e.unit, "%s", unit);
    snprintf(e.source, sizeof e.source, "lesson file, tolerance of %s", name);
    e.lo = lo;
    e.hi = hi;
    e.target = isfinite(lo) && isfinite(hi) ? (lo + hi) / 2 : NAN;
    e.tolerance = isfinite(lo) && isfinite(hi) ? (hi - lo) / 2 : 5.0;
    e.mark = mark;
    e.t_start_s = mark == MARK_NOT_OBSERVED ? NAN : 5.0;
    e.t_end_s = mark == MARK_NOT_OBSERVED ? NAN : 55.0;
    e.worst = e.worst_t_s = e.ratio = NAN;
    return e;
}

static int setup(void **state)
{
    fixture *fx = calloc(1, sizeof *fx);
    assert_non_null(fx);
    snprintf(fx->dir, sizeof fx->dir, "/tmp/saqr-debrief-XXXXXX");
    assert_non_null(mkdtemp(fx->dir));
    snprintf(fx->page, sizeof fx->page, "%s/debrief.html", fx->dir);

    const char *names[NCH] = {"t-s", "alt-ft", "bank-deg", "ias-kt", "lat-deg", "lon-deg"};
    for (int i = 0; i < NCH; i++) {
        snprintf(fx->ch[i].name, sizeof fx->ch[i].name, "%s", names[i]);
        fx->ch[i].type = (i == CH_T || i == CH_LAT || i == CH_LON) ? REC_F64 : REC_F32;
    }
    const char *meta[3][2] = {{"lesson", "super-mushak/steep-turns"}, {"aircraft", "super-mushak"},
                              {"pilot", "Flt Cdt Ayesha"}};
    for (int i = 0; i < 3; i++) {
        snprintf(fx->meta[i].key, sizeof fx->meta[i].key, "%s", meta[i][0]);
        snprintf(fx->meta[i].value, sizeof fx->meta[i].value, "%s", meta[i][1]);
    }
    rec_data *r = &fx->rec;
    r->nmeta = 3;
    r->meta = fx->meta;
    r->nch = NCH;
    r->ch = fx->ch;
    r->rate_hz = RATE_HZ;
    r->nframes = NFRAMES;
    r->values = calloc(NFRAMES * NCH, sizeof(double));
    assert_non_null(r->values);
    fx->worst_alt_ft = INFINITY;
    for (size_t k = 0; k < NFRAMES; k++) {
        double t = (double)k / RATE_HZ, x, y, *v = &r->values[k * NCH];
        circle_xy(t, &x, &y);
        v[CH_T] = t;
        v[CH_ALT] = alt_at(t);
        v[CH_BANK] = 45.0 + 3.0 * sin(t);
        v[CH_IAS] = 110.0 - 20.0 * sin(PI * t / 60.0);
        runway_to_latlon(x, y, &v[CH_LAT], &v[CH_LON]);
        if (t >= 5.0 && t <= 55.0 && v[CH_ALT] < fx->worst_alt_ft) {
            fx->worst_alt_ft = v[CH_ALT];
            fx->worst_alt_t_s = t;
        }
    }
    const struct { double t; const char *kind; double value; const char *text; } ev[4] = {
        {5.0, "exercise-start", 0, "steep-turn-left"},
        {30.0, "stall-warning", 1, ""},
        {40.0, "malfunction", 1, "<b>bold</b> & \"quoted\""},
        {60.0, "touchdown", 0, ""}};
    for (int j = 0; j < 4; j++) {
        fx->events[j].t_s = ev[j].t;
        snprintf(fx->events[j].kind, sizeof fx->events[j].kind, "%s", ev[j].kind);
        fx->events[j].value = ev[j].value;
        snprintf(fx->events[j].text, sizeof fx->events[j].text, "%s", ev[j].text);
    }
    r->nevents = 4;
    r->events = fx->events;

    grade_sheet *s = &fx->sheet;
    snprintf(s->lesson, sizeof s->lesson, "super-mushak/steep-turns");
    snprintf(s->title, sizeof s->title, "Steep turns, 45 degrees of bank");
    snprintf(s->aircraft, sizeof s->aircraft, "super-mushak");
    snprintf(s->pilot, sizeof s->pilot, "Flt Cdt Ayesha");
    s->result = SORTIE_UNSAT;
    snprintf(s->summary, sizeof s->summary, "Unsat: altitude in the left steep turn.");
    fx->el[0] = element("steep-turn-left", "altitude", "Altitude within 100 ft of entry", "alt-ft", "ft", 4900,
                        5100, MARK_UNSAT);
    fx->el[0].worst = fx->worst_alt_ft;
    fx->el[0].worst_t_s = fx->worst_alt_t_s;
    fx->el[0].ratio = (5000 - fx->worst_alt_ft) / 100;
    fx->el[0].ndeductions = 2;
    fx->el[0].nexcursions = 3;
    fx->el[0].deductions[0] = (sheet_deduction){29.5, 4880, "t=29.5 s: altitude 4,880 ft, 20 ft below 4,900 ft."};
    fx->el[0].deductions[1] = (sheet_deduction){32.0, 4850, "t=32.0 s: altitude 4,850 ft, 50 ft below 4,900 ft."};
    fx->el[1] = element("steep-turn-left", "bank", "Bank 45 degrees within 5", "bank-deg", "deg", 40, 50, MARK_GOOD);
    fx->el[1].worst = 48.0;
    fx->el[1].worst_t_s = 20.0;
    fx->el[1].ratio = 0.6;
    fx->el[2] = element("steep-turn-left", "airspeed", "Airspeed not below 85 kt", "ias-kt", "kt", 85, HUGE_VAL,
                        MARK_FAIR);
    fx->el[2].worst = 90.0;
    fx->el[2].worst_t_s = 30.0;
    fx->el[2].ratio = 0.8;
    fx->el[3] = element("steep-turn-right", "rollout", "Roll out on the entry heading", "heading-deg", "deg", 0,
                        10, MARK_NOT_OBSERVED);
    s->nelements = 4;
    s->elements = fx->el;
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;
    unlink(fx->page);
    rmdir(fx->dir);
    free(fx->rec.values);
    free(fx);
    return 0;
}

/* ------------------------------------------------------------- helpers */

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

static int count_of(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

static void write_page(fixture *fx, const airport_runway *rwy)
{
    saqr_err err = {{0}};
    int st = debrief_write_html(fx->page, &fx->rec, &fx->sheet, rwy, NULL, &err);
    if (st != SAQR_OK)
        fail_msg("debrief_write_html: %s", err.msg);
}

typedef struct errcount {
    int n;          /* errors that count                        */
    char first[256];
} errcount;

static void count_xml_error(void *ctx, xmlErrorPtr e)
{
    errcount *c = ctx;
    if (e->domain == XML_FROM_HTML && e->code == XML_HTML_UNKNOWN_TAG)
        return; /* svg, section, ...: unknown to libxml2's HTML 4 parser */
    if (c->n++ == 0)
        snprintf(c->first, sizeof c->first, "line %d: %s", e->line, e->message);
}

/* The page as a strict XML document; fails on any error. */
static xmlDocPtr parse_xml(const char *path)
{
    errcount c = {0, ""};
    xmlSetStructuredErrorFunc(&c, count_xml_error);
    xmlDocPtr doc = xmlReadFile(path, NULL, XML_PARSE_NONET);
    xmlSetStructuredErrorFunc(NULL, NULL);
    if (!doc || c.n)
        fail_msg("%s is not well-formed: %s", path, c.first);
    return doc;
}

static void expect_html_parses_cleanly(const char *path)
{
    errcount c = {0, ""};
    xmlSetStructuredErrorFunc(&c, count_xml_error);
    htmlDocPtr doc = htmlReadFile(path, NULL, HTML_PARSE_NONET);
    xmlSetStructuredErrorFunc(NULL, NULL);
    if (!doc || c.n)
        fail_msg("%s: the HTML parser complains: %s", path, c.first);
    xmlFreeDoc(doc);
}

static xmlXPathObjectPtr query(xmlDocPtr doc, const char *xpath)
{
    xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
    assert_non_null(ctx);
    xmlXPathObjectPtr o = xmlXPathEvalExpression((const xmlChar *)xpath, ctx);
    xmlXPathFreeContext(ctx);
    assert_non_null(o);
    return o;
}

static int count_nodes(xmlDocPtr doc, const char *xpath)
{
    xmlXPathObjectPtr o = query(doc, xpath);
    int n = o->nodesetval ? o->nodesetval->nodeNr : 0;
    xmlXPathFreeObject(o);
    return n;
}

/* A numeric attribute of the one node `xpath` finds. */
static double attr(xmlDocPtr doc, const char *xpath, const char *name)
{
    xmlXPathObjectPtr o = query(doc, xpath);
    if (!o->nodesetval || o->nodesetval->nodeNr != 1)
        fail_msg("%s: %d nodes, expected 1", xpath, o->nodesetval ? o->nodesetval->nodeNr : 0);
    xmlChar *v = xmlGetProp(o->nodesetval->nodeTab[0], (const xmlChar *)name);
    if (!v)
        fail_msg("%s has no attribute %s", xpath, name);
    double d = strtod((const char *)v, NULL);
    xmlFree(v);
    xmlXPathFreeObject(o);
    return d;
}

/* The band's rectangle in element i's plot, px. */
/* The page written with the recording's events replaced by ev[0..n) (the
 * fixture's own put back after), and well formed. */
static void write_page_with_events(fixture *fx, rec_event *ev, size_t n)
{
    fx->rec.events = ev;
    fx->rec.nevents = n;
    write_page(fx, &rwy33);
    fx->rec.events = fx->events;
    fx->rec.nevents = 4;
    expect_html_parses_cleanly(fx->page);
}

static void band_rect(xmlDocPtr doc, int i, double *x, double *y, double *w, double *h)
{
    char xpath[96];
    snprintf(xpath, sizeof xpath, "//section[@id='el-%d']//rect[@class='band']", i);
    *x = attr(doc, xpath, "x");
    *y = attr(doc, xpath, "y");
    *w = attr(doc, xpath, "width");
    *h = attr(doc, xpath, "height");
}

/* The linear map value -> px of one axis of a plot, read from two of its
 * tick marks: each <g class="xtick|ytick"> has a line at the pixel and a
 * text with the value. */
typedef struct axis_map {
    double v0, p0, v1, p1;
} axis_map;

static axis_map read_axis(xmlDocPtr doc, const char *svg_xpath, int vertical)
{
    char xp[256];
    snprintf(xp, sizeof xp, "%s//g[@class='%s']", svg_xpath, vertical ? "ytick" : "xtick");
    xmlXPathObjectPtr o = query(doc, xp);
    assert_true(o->nodesetval && o->nodesetval->nodeNr >= 2);
    axis_map m = {0, 0, 0, 0};
    for (int i = 0; i < 2; i++) {
        xmlNodePtr g = o->nodesetval->nodeTab[i == 0 ? 0 : o->nodesetval->nodeNr - 1];
        xmlNodePtr line = xmlFirstElementChild(g), text = xmlNextElementSibling(line);
        xmlChar *pos = xmlGetProp(line, (const xmlChar *)(vertical ? "y1" : "x1"));
        xmlChar *val = xmlNodeGetContent(text);
        double p = strtod((const char *)pos, NULL), v = strtod((const char *)val, NULL);
        xmlFree(pos);
        xmlFree(val);
        if (i == 0) {
            m.v0 = v;
            m.p0 = p;
        } else {
            m.v1 = v;
            m.p1 = p;
        }
    }
    xmlXPathFreeObject(o);
    assert_true(m.v1 != m.v0);
    return m;
}

static double map_px(const axis_map *m, double v)
{
    return m->p0 + (v - m->v0) / (m->v1 - m->v0) * (m->p1 - m->p0);
}

/* ---------------------------------------------------------------- tests */

static void the_test_positions_agree_with_vincenty(void **state)
{
    (void)state;
    /* touchdown: 1,000 ft from the threshold on the runway heading */
    double lat, lon, dist_ft, azi, lam = 0;
    runway_to_latlon(TD_ALONG_FT, 0, &lat, &lon);
    geodesic_inverse(GEODESIC_JSBSIM_A_FT, GEODESIC_JSBSIM_B_FT, rwy33.lat_deg * DEG, rwy33.lon_deg * DEG,
                     lat * DEG, lon * DEG, &dist_ft, &azi, &lam);
    assert_near(dist_ft, 1000.0, 0.05);
    assert_near(fmod(azi / DEG + 360.0, 360.0), 330.0, 0.01);
    /* 2,000 ft along and 3,000 ft right: sqrt(13) x 1,000 ft at 330 + atan(3/2) */
    lam = 0;
    runway_to_latlon(2000, 3000, &lat, &lon);
    geodesic_inverse(GEODESIC_JSBSIM_A_FT, GEODESIC_JSBSIM_B_FT, rwy33.lat_deg * DEG, rwy33.lon_deg * DEG,
                     lat * DEG, lon * DEG, &dist_ft, &azi, &lam);
    assert_near(dist_ft, sqrt(13.0) * 1000.0, 0.2);
    assert_near(fmod(azi / DEG + 360.0, 360.0), fmod(330.0 + atan2(3, 2) / DEG, 360.0), 0.01);
}

static void the_page_is_well_formed_and_says_who_flew_what_with_which_result(void **state)
{
    fixture *fx = *state;
    write_page(fx, &rwy33);
    expect_html_parses_cleanly(fx->page);
    xmlDocPtr doc = parse_xml(fx->page);
    char *html = slurp(fx->page);
    assert_non_null(strstr(html, "super-mushak/steep-turns"));
    assert_non_null(strstr(html, "Steep turns, 45 degrees of bank"));
    assert_non_null(strstr(html, "Flt Cdt Ayesha"));
    assert_int_equal(count_nodes(doc, "//span[@class='result r-unsat' and .='Unsat']"), 1);
    assert_non_null(strstr(html, "Unsat: altitude in the left steep turn."));
    /* every metadata pair in the metadata table */
    assert_int_equal(
        count_nodes(doc, "//table[@class='meta']//td[.='pilot']/following-sibling::td[.='Flt Cdt Ayesha']"), 1);
    assert_int_equal(count_nodes(doc, "//table[@class='meta']/tr"), 1 + 3);
    /* not damaged: no warning */
    assert_null(strstr(html, "class=\"warn\""));
    assert_int_equal(count_nodes(doc, "//script"), 0);
    /* a person flew it: no word of a demonstration; no comment, none shown */
    assert_int_equal(count_nodes(doc, "//span[@class='demo']"), 0);
    assert_int_equal(count_nodes(doc, "//p[@class='comment']"), 0);
    free(html);
    xmlFreeDoc(doc);
}

static void the_instructors_comment_is_shown_escaped(void **state)
{
    fixture *fx = *state;
    snprintf(fx->sheet.comment, sizeof fx->sheet.comment, "Lead the roll-out.\n<b>Brief</b> 50 deg & more");
    write_page(fx, &rwy33);
    expect_html_parses_cleanly(fx->page);
    xmlDocPtr doc = parse_xml(fx->page);
    assert_int_equal(count_nodes(doc, "//p[@class='comment' and contains(., 'Lead the roll-out.') and "
                                      "contains(., '<b>Brief</b> 50 deg & more')]"),
                     1);
    assert_int_equal(count_nodes(doc, "//p[@class='comment']//b[.='Brief']"), 0); /* text, not markup */
    assert_int_equal(count_nodes(doc, "//p[@class='comment regrade']"), 0); /* no instructor's grade */
    xmlFreeDoc(doc);
    /* an instructor's grade from the records: said above the comment, escaped */
    snprintf(fx->sheet.instructor_grade, sizeof fx->sheet.instructor_grade,
             "Unsat (graded Incomplete) by IP-7: <low> turn");
    write_page(fx, &rwy33);
    doc = parse_xml(fx->page);
    assert_int_equal(count_nodes(doc, "//p[@class='comment regrade' and contains(., 'Instructor') and "
                                      "contains(., 'Unsat (graded Incomplete) by IP-7: <low> turn')]"),
                     1);
    assert_int_equal(count_nodes(doc, "//p[@class='comment regrade']/following-sibling::p[@class='comment']"), 1);
    xmlFreeDoc(doc);
    fx->sheet.instructor_grade[0] = '\0';
}

static void the_automatic_pilots_sortie_is_called_a_demonstration(void **state)
{
    fixture *fx = *state;
    const char *automatic[] = {"reference", "degraded", "degraded:bank"};
    for (int i = 0; i < 3; i++) {
        snprintf(fx->sheet.pilot, sizeof fx->sheet.pilot, "%s", automatic[i]);
        write_page(fx, &rwy33);
        xmlDocPtr doc = parse_xml(fx->page);
        assert_int_equal(count_nodes(doc, "//p[b='super-mushak']/span[@class='demo' and contains(., 'demonstration')]"),
                         1);
        xmlFreeDoc(doc);
    }
    /* only those: a pilot named otherwise is a person */
    assert_false(sheet_pilot_is_automatic("trainee"));
    assert_false(sheet_pilot_is_automatic("degradedX"));
    assert_false(sheet_pilot_is_automatic(""));
    assert_false(sheet_pilot_is_automatic(NULL));
}

static void the_grade_sheet_lists_every_element_with_its_band_mark_and_deductions(void **state)
{
    fixture *fx = *state;
    write_page(fx, &rwy33);
    xmlDocPtr doc = parse_xml(fx->page);
    char *html = slurp(fx->page);
    for (int i = 0; i < fx->sheet.nelements; i++)
        assert_non_null(strstr(html, fx->el[i].title));
    assert_non_null(strstr(html, fx->el[0].deductions[0].text));
    assert_non_null(strstr(html, fx->el[0].deductions[1].text));
    assert_non_null(strstr(html, "3 excursions in all"));
    assert_int_equal(count_nodes(doc, "//tr[@class='ded']"), 1);
    /* marks colour-coded by class */
    assert_int_equal(count_nodes(doc, "//table[@class='sheet']//td[@class='m-unsat' and .='Unsatisfactory']"), 1);
    assert_int_equal(count_nodes(doc, "//table[@class='sheet']//td[@class='m-good' and .='Good']"), 1);
    assert_int_equal(count_nodes(doc, "//table[@class='sheet']//td[@class='m-fair' and .='Fair']"), 1);
    assert_int_equal(count_nodes(doc, "//table[@class='sheet']//td[@class='m-notobs' and .='Not observed']"), 1);
    /* two-sided and one-sided bands, and where the tolerance comes from */
    assert_non_null(strstr(html, "4900 \xE2\x80\x93 5100 ft (5000 \xC2\xB1 100)"));
    assert_non_null(strstr(html, "\xE2\x89\xA5 85 kt"));
    assert_non_null(strstr(html, "lesson file, tolerance of altitude"));
    free(html);
    xmlFreeDoc(doc);
}

/* An item the instructor marks: its row says so, with no band or measure,
 * "For the instructor" until marked, then the mark and who gave it
 * (escaped); never plotted. */
static void an_instructors_item_is_listed_for_the_instructor_then_with_the_mark(void **state)
{
    fixture *fx = *state;
    sheet_element *it = &fx->el[fx->sheet.nelements];
    *it = element("steep-turn-left", "clearing", "Clearing turn & lookout <first>", "", "", -HUGE_VAL, HUGE_VAL,
                  MARK_NOT_OBSERVED);
    it->by_instructor = 1;
    it->t_start_s = it->t_end_s = it->worst = it->ratio = NAN;
    fx->sheet.nelements++;
    write_page(fx, &rwy33);
    expect_html_parses_cleanly(fx->page);
    xmlDocPtr doc = parse_xml(fx->page);
    assert_int_equal(count_nodes(doc, "//table[@class='sheet']//tr[@class='item' and td[2]='Clearing turn & lookout "
                                      "<first>']/td[@class='m-notobs' and .='For the instructor']"),
                     1);
    assert_int_equal(count_nodes(doc, "//tr[@class='item']/td[contains(., \"the instructor's mark\")]"), 1);
    xmlFreeDoc(doc);
    it->mark = MARK_GOOD;
    snprintf(it->marked_by, sizeof it->marked_by, "IP-<7>");
    write_page(fx, &rwy33);
    doc = parse_xml(fx->page);
    assert_int_equal(count_nodes(doc, "//tr[@class='item']/td[@class='m-good' and starts-with(., 'Good')]"
                                      "/span[@class='by' and .='(IP-<7>)']"),
                     1);
    assert_int_equal(count_nodes(doc, "//section[@class='element']/svg"), 3); /* not plotted */
    xmlFreeDoc(doc);
    fx->sheet.nelements--;
}

static void every_observed_element_has_a_plot_and_the_track_has_one_more(void **state)
{
    fixture *fx = *state;
    write_page(fx, &rwy33);
    xmlDocPtr doc = parse_xml(fx->page);
    char *html = slurp(fx->page);
    assert_int_equal(count_of(html, "<svg"), 3 + 1);
    assert_int_equal(count_nodes(doc, "//section[@class='element']/svg"), 3);
    assert_int_equal(count_nodes(doc, "//section[@id='el-3']"), 0); /* not observed: no plot */
    assert_int_equal(count_nodes(doc, "//svg[@class='track']"), 1);
    free(html);
    xmlFreeDoc(doc);
}

/* The page written and parsed (free it with xmlFreeDoc), the first
 * element's plot's axes, and its band's rectangle in px. */
static xmlDocPtr page_with_first_band(fixture *fx, axis_map *xm, axis_map *ym, double *x, double *y, double *w,
                                      double *h)
{
    write_page(fx, &rwy33);
    xmlDocPtr doc = parse_xml(fx->page);
    const char *svg = "//section[@id='el-0']/svg";
    *ym = read_axis(doc, svg, 1);
    *xm = read_axis(doc, svg, 0);
    band_rect(doc, 0, x, y, w, h);
    return doc;
}

static void the_band_is_shaded_where_the_band_is_and_the_worst_point_where_it_was(void **state)
{
    fixture *fx = *state;
    axis_map xm, ym;
    double x, y, w, h;
    xmlDocPtr doc = page_with_first_band(fx, &xm, &ym, &x, &y, &w, &h);
    /* printed to 0.1 px: two roundings apart at most */
    assert_near(y, map_px(&ym, 5100), 0.2);
    assert_near(y + h, map_px(&ym, 4900), 0.2);
    assert_near(x, map_px(&xm, 5), 0.2);
    assert_near(x + w, map_px(&xm, 55), 0.2);
    double cx = attr(doc, "//section[@id='el-0']//circle[@class='worst']", "cx");
    double cy = attr(doc, "//section[@id='el-0']//circle[@class='worst']", "cy");
    assert_near(cx, map_px(&xm, fx->worst_alt_t_s), 0.2);
    assert_near(cy, map_px(&ym, fx->worst_alt_ft), 0.2);
    assert_true(cy > y + h); /* below the band: the excursion that made it Unsat */

    /* a band open above runs to the top of the plot */
    const char *svg2 = "//section[@id='el-2']/svg";
    axis_map ym2 = read_axis(doc, svg2, 1);
    double top = attr(doc, "//section[@id='el-2']/svg/rect[1]", "y");
    double y2 = attr(doc, "//section[@id='el-2']//rect[@class='band']", "y");
    double h2 = attr(doc, "//section[@id='el-2']//rect[@class='band']", "height");
    assert_near(y2, top, 0.2);
    assert_near(y2 + h2, map_px(&ym2, 85), 0.2);
    xmlFreeDoc(doc);
}

/* The instructor's spans (control events: taken at 20 s and at 50 s,
 * given back at 35 s and never after) are shaded grey across each plot,
 * where they are, and the caption says so; without them, none. */
static void the_instructors_spans_are_shaded_on_the_plots(void **state)
{
    fixture *fx = *state;
    write_page(fx, &rwy33);
    xmlDocPtr doc = parse_xml(fx->page);
    assert_int_equal(count_nodes(doc, "//rect[@class='instructor-span']"), 0);
    xmlFreeDoc(doc);

    rec_event ev[7];
    memcpy(ev, fx->events, 4 * sizeof ev[0]);
    const double at[3] = {20.0, 35.0, 50.0};
    for (int j = 0; j < 3; j++) {
        ev[4 + j] = (rec_event){.t_s = at[j], .value = j == 1 ? 0.0 : 1.0};
        snprintf(ev[4 + j].kind, sizeof ev[4 + j].kind, "control");
    }
    write_page_with_events(fx, ev, 7);
    doc = parse_xml(fx->page);
    /* the altitude's plot runs over the graded window 5..55 s (and a
     * little either side): both spans fall in it, the second cut at its
     * right edge */
    const char *svg = "//section[@id='el-0']/svg";
    axis_map xm = read_axis(doc, svg, 0);
    assert_int_equal(count_nodes(doc, "//section[@id='el-0']//rect[@class='instructor-span']"), 2);
    double x = attr(doc, "(//section[@id='el-0']//rect[@class='instructor-span'])[1]", "x");
    double w = attr(doc, "(//section[@id='el-0']//rect[@class='instructor-span'])[1]", "width");
    assert_near(x, map_px(&xm, 20.0), 0.2);
    assert_near(x + w, map_px(&xm, 35.0), 0.2);
    double x2 = attr(doc, "(//section[@id='el-0']//rect[@class='instructor-span'])[2]", "x");
    assert_near(x2, map_px(&xm, 50.0), 0.2);
    double right = attr(doc, "//section[@id='el-0']/svg/rect[1]", "x") +
                   attr(doc, "//section[@id='el-0']/svg/rect[1]", "width");
    double w2 = attr(doc, "(//section[@id='el-0']//rect[@class='instructor-span'])[2]", "width");
    assert_true(x2 + w2 <= right + 0.2);
    xmlFreeDoc(doc);
    char *html = slurp(fx->page);
    assert_true(count_of(html, "grey: the instructor had the aircraft") >= 3); /* each plotted element */
    free(html);

    /* control events as a damaged recording may hold them: a time that is
     * not a number, a value that is not one, a hand-back never taken, a
     * span wholly outside the plots; the page is still well formed and
     * shades only the one sound span (10..15 s) */
    const double t[6] = {NAN, 10.0, 15.0, 16.0, 500.0, 600.0}, val[6] = {1, 1, 0, 0, 1, NAN};
    for (int j = 0; j < 6; j++) {
        ev[j] = (rec_event){.t_s = t[j], .value = val[j]};
        snprintf(ev[j].kind, sizeof ev[j].kind, "control");
    }
    write_page_with_events(fx, ev, 6);
    doc = parse_xml(fx->page);
    assert_int_equal(count_nodes(doc, "//section[@id='el-0']//rect[@class='instructor-span']"), 1);
    x = attr(doc, "//section[@id='el-0']//rect[@class='instructor-span']", "x");
    assert_near(x, map_px(&xm, 10.0), 0.2);
    xmlFreeDoc(doc);
}

/* An element graded at one moment (a touch-down) gets its band as a bar
 * there, wide enough to see, with its limits dotted across the plot; a
 * zero-width shading over a "window t = 32 - 32 s" showed nothing. */
static void a_band_graded_at_a_moment_is_a_bar_there_with_its_limits_across_the_plot(void **state)
{
    fixture *fx = *state;
    fx->el[0].t_start_s = fx->el[0].t_end_s = 32.0;
    axis_map xm, ym;
    double x, y, w, h;
    xmlDocPtr doc = page_with_first_band(fx, &xm, &ym, &x, &y, &w, &h);
    assert_near(x + 0.5 * w, map_px(&xm, 32), 0.2);
    assert_near(w, 8.0, 0.2);
    assert_near(y, map_px(&ym, 5100), 0.2);
    assert_near(y + h, map_px(&ym, 4900), 0.2);
    /* both limits dotted from the plot box's left edge to its right one */
    assert_int_equal(count_nodes(doc, "//section[@id='el-0']//line[@class='band-guide']"), 2);
    double box_x = attr(doc, "//section[@id='el-0']/svg/rect[1]", "x");
    double box_w = attr(doc, "//section[@id='el-0']/svg/rect[1]", "width");
    assert_near(attr(doc, "//section[@id='el-0']//line[@class='band-guide'][1]", "x1"), box_x, 0.2);
    assert_near(attr(doc, "//section[@id='el-0']//line[@class='band-guide'][1]", "x2"), box_x + box_w, 0.2);
    /* a window keeps its shading and has no guides */
    assert_int_equal(count_nodes(doc, "//section[@id='el-1']//line[@class='band-guide']"), 0);
    xmlFreeDoc(doc);
    char *page = slurp(fx->page);
    assert_non_null(strstr(page, "at the graded moment t = 32 s"));
    assert_null(strstr(page, "over the graded window t = 32"));
    free(page);
}

/* Every point of the polyline in `svg_xpath` lies inside the plot box
 * (the svg's first rect). */
static void expect_trace_inside_the_box(xmlDocPtr doc, const char *svg_xpath)
{
    char xp[256];
    snprintf(xp, sizeof xp, "%s/rect[1]", svg_xpath);
    double x0 = attr(doc, xp, "x"), y0 = attr(doc, xp, "y");
    double x1 = x0 + attr(doc, xp, "width"), y1 = y0 + attr(doc, xp, "height");
    snprintf(xp, sizeof xp, "%s/polyline[@class='trace']", svg_xpath);
    xmlXPathObjectPtr o = query(doc, xp);
    assert_true(o->nodesetval && o->nodesetval->nodeNr == 1);
    xmlChar *pts = xmlGetProp(o->nodesetval->nodeTab[0], (const xmlChar *)"points");
    assert_non_null(pts);
    int n = 0;
    for (char *p = (char *)pts, *end; *p; p = end) {
        double x = strtod(p, &end);
        if (end == p)
            break;
        assert_int_equal(*end, ',');
        double y = strtod(end + 1, &end);
        if (x < x0 - 0.05 || x > x1 + 0.05 || y < y0 - 0.05 || y > y1 + 0.05)
            fail_msg("%s: point %d (%.1f, %.1f) outside the box %.1f..%.1f x %.1f..%.1f", svg_xpath, n, x, y, x0, x1,
                     y0, y1);
        n++;
    }
    assert_true(n > 100);
    xmlFree(pts);
    xmlXPathFreeObject(o);
}

static void every_trace_stays_inside_its_plot(void **state)
{
    fixture *fx = *state;
    write_page(fx, &rwy33);
    xmlDocPtr doc = parse_xml(fx->page);
    expect_trace_inside_the_box(doc, "//section[@id='el-0']/svg");
    expect_trace_inside_the_box(doc, "//section[@id='el-1']/svg");
    expect_trace_inside_the_box(doc, "//section[@id='el-2']/svg");
    expect_trace_inside_the_box(doc, "//svg[@class='track']");
    xmlFreeDoc(doc);
}

static void the_ground_track_puts_the_touchdown_on_the_runway_drawn_to_scale(void **state)
{
    fixture *fx = *state;
    write_page(fx, &rwy33);
    xmlDocPtr doc = parse_xml(fx->page);
    const char *rw = "//svg[@class='track']/rect[@class='runway']";
    double x = attr(doc, rw, "x"), y = attr(doc, rw, "y"), w = attr(doc, rw, "width"), h = attr(doc, rw, "height");
    double px_per_ft = w / rwy33.length_ft;
    assert_near(h / rwy33.width_ft, px_per_ft, 0.01 / rwy33.width_ft); /* equal scales: true shape */
    double tdx = attr(doc, "//svg[@class='track']/circle[@class='event touchdown']", "cx");
    double tdy = attr(doc, "//svg[@class='track']/circle[@class='event touchdown']", "cy");
    assert_near(tdx, x + TD_ALONG_FT * px_per_ft, 0.1);
    assert_near(tdy, y + h / 2, 0.1); /* on the centreline */
    /* the malfunction came at t = 40 s, 1,598 ft short of the threshold
     * and 4,500 ft left of the centreline, which is up the page */
    double ex, ey;
    circle_xy(40.0, &ex, &ey);
    assert_near(ex, TD_ALONG_FT - RADIUS_FT * sqrt(3) / 2, 1e-9);
    assert_near(ey, -4500.0, 1e-9);
    double sx = attr(doc, "//svg[@class='track']/circle[@class='event malfunction']", "cx");
    double sy = attr(doc, "//svg[@class='track']/circle[@class='event malfunction']", "cy");
    assert_near(sx, x + ex * px_per_ft, 0.15);
    assert_near(sy, y + h / 2 + ey * px_per_ft, 0.15);
    xmlFreeDoc(doc);
}

/* The instructor's note (a "note" event) is marked and labelled on the
 * track where it was written, escaped, and listed with the events. */
static void the_instructors_note_is_labelled_on_the_track(void **state)
{
    fixture *fx = *state;
    rec_event ev[5];
    memcpy(ev, fx->events, 4 * sizeof ev[0]);
    ev[4] = (rec_event){.t_s = 45.0, .value = 0.0};
    snprintf(ev[4].kind, sizeof ev[4].kind, "note");
    snprintf(ev[4].text, sizeof ev[4].text, "flare late <b>& floated</b>");
    /* events are in time order: the note goes before the touchdown */
    rec_event td = ev[3];
    ev[3] = ev[4];
    ev[4] = td;
    write_page_with_events(fx, ev, 5);
    xmlDocPtr doc = parse_xml(fx->page);
    const char *note = "//svg[@class='track']/circle[@class='event note']";
    assert_int_equal(count_nodes(doc, note), 1);
    double ex, ey;
    circle_xy(45.0, &ex, &ey);
    const char *rw = "//svg[@class='track']/rect[@class='runway']";
    double x = attr(doc, rw, "x"), y = attr(doc, rw, "y"), w = attr(doc, rw, "width"), h = attr(doc, rw, "height");
    double px_per_ft = w / rwy33.length_ft;
    assert_near(attr(doc, note, "cx"), x + ex * px_per_ft, 0.15);
    assert_near(attr(doc, note, "cy"), y + h / 2 + ey * px_per_ft, 0.15);
    assert_int_equal(count_nodes(doc, "//svg[@class='track']/text[@class='event-label' and "
                                      ".='note flare late <b>& floated</b>']"),
                     1);
    xmlFreeDoc(doc);
    char *html = slurp(fx->page);
    assert_non_null(strstr(html, "flare late &lt;b&gt;&amp; floated&lt;/b&gt;"));
    assert_null(strstr(html, "<b>& floated"));
    free(html);
}

static void without_a_runway_the_track_is_north_up_from_the_first_point(void **state)
{
    fixture *fx = *state;
    write_page(fx, NULL);
    xmlDocPtr doc = parse_xml(fx->page);
    assert_int_equal(count_nodes(doc, "//svg[@class='track']"), 1);
    assert_int_equal(count_nodes(doc, "//rect[@class='runway']"), 0);
    assert_int_equal(count_nodes(doc, "//svg[@class='track']/text[.='north of the first point (ft)']"), 1);
    /* the malfunction's offset from the first point, turned from the
     * runway frame (330 true) to north and east */
    axis_map xm = read_axis(doc, "//svg[@class='track']", 0), ym = read_axis(doc, "//svg[@class='track']", 1);
    double x0, y0, x1, y1;
    circle_xy(0.0, &x0, &y0);
    circle_xy(40.0, &x1, &y1);
    double h = rwy33.heading_true_deg * DEG, dx = x1 - x0, dy = y1 - y0;
    double north = dx * cos(h) - dy * sin(h), east = dx * sin(h) + dy * cos(h);
    double cx = attr(doc, "//svg[@class='track']/circle[@class='event malfunction']", "cx");
    double cy = attr(doc, "//svg[@class='track']/circle[@class='event malfunction']", "cy");
    assert_near(cx, map_px(&xm, east), 0.2);
    assert_near(cy, map_px(&ym, north), 0.2);
    xmlFreeDoc(doc);
}

static void the_events_table_lists_every_event(void **state)
{
    fixture *fx = *state;
    write_page(fx, &rwy33);
    xmlDocPtr doc = parse_xml(fx->page);
    assert_int_equal(count_nodes(doc, "//table[@class='events']/tr"), 1 + 4);
    assert_int_equal(count_nodes(doc, "//table[@class='events']/tr[td[1]='40.0' and td[2]='malfunction' and "
                                      "td[3]='1' and td[4]='<b>bold</b> & \"quoted\"']"),
                     1);
    xmlFreeDoc(doc);
}

/* Two labelled events at one place (a touch-down right after the landing
 * exercise starts) get their labels one above the other, not written
 * over each other, the moved one with a leader to its point. */
static void labels_of_events_at_one_place_do_not_overlap(void **state)
{
    fixture *fx = *state;
    fx->events[3].t_s = 5.0; /* the touch-down where the exercise starts */
    fx->events[2].t_s = 5.0; /* and the malfunction too */
    write_page(fx, &rwy33);
    xmlDocPtr doc = parse_xml(fx->page);
    assert_int_equal(count_nodes(doc, "//text[@class='event-label']"), 3);
    double y[3];
    for (int i = 0; i < 3; i++) {
        char xpath[64];
        snprintf(xpath, sizeof xpath, "(//text[@class='event-label'])[%d]", i + 1);
        y[i] = attr(doc, xpath, "y");
    }
    for (int i = 0; i < 3; i++)
        for (int j = i + 1; j < 3; j++)
            assert_true(fabs(y[i] - y[j]) >= 12.0); /* a line of 11 px text apart at least */
    assert_true(count_nodes(doc, "//line[@class='leader']") >= 1);
    xmlFreeDoc(doc);
}

/* A navigation lesson's legs on the track, drawn as a chart (north up):
 * each a dashed line between its checkpoints where they are (placed in
 * the runway frame through runway_to_latlon, checked against Vincenty
 * above), the frame widened to hold a checkpoint the aircraft never
 * reached, and every checkpoint named once, escaped. */
static void the_routes_legs_are_drawn_where_their_checkpoints_are(void **state)
{
    fixture *fx = *state;
    lesson l;
    memset(&l, 0, sizeof l);
    const double pos_ft[3][2] = {{0.0, -6000.0}, {20000.0, -6000.0}, {20000.0, 4000.0}};
    const char *names[3] = {"Alpha", "<script>alert(3)</script>", "Charlie"};
    l.route.n = 3;
    for (int i = 0; i < 3; i++) {
        snprintf(l.route.cp[i].id, sizeof l.route.cp[i].id, "cp%d", i);
        snprintf(l.route.cp[i].name, sizeof l.route.cp[i].name, "%s", names[i]);
        runway_to_latlon(pos_ft[i][0], pos_ft[i][1], &l.route.cp[i].lat_deg, &l.route.cp[i].lon_deg);
    }
    lesson_exercise ex[3];
    memset(ex, 0, sizeof ex);
    for (int i = 0; i < 3; i++) {
        snprintf(ex[i].id, sizeof ex[i].id, "leg-%d", i + 1);
        ex[i].leg.from = ex[i].leg.to = -1;
    }
    for (int i = 0; i < 2; i++) { /* the third exercise flies no leg */
        lesson_leg_make(&ex[i].leg, &l.route.cp[i], &l.route.cp[i + 1], NAN);
        ex[i].leg.from = i;
        ex[i].leg.to = i + 1;
    }
    l.exercises = ex;
    l.nexercises = 3;
    saqr_err err = {{0}};
    assert_int_equal(debrief_write_html(fx->page, &fx->rec, &fx->sheet, &rwy33, &l, &err), SAQR_OK);
    expect_html_parses_cleanly(fx->page);
    xmlDocPtr doc = parse_xml(fx->page);
    assert_int_equal(count_nodes(doc, "//svg[@class='track']/line[@class='leg']"), 2);
    assert_int_equal(count_nodes(doc, "//svg[@class='track']/rect[@class='checkpoint']"), 3);
    assert_int_equal(count_nodes(doc, "//svg[@class='track']/rect[@class='runway']"), 0); /* a chart: no strip */
    /* north up: runway 33's frame turned by its heading, 330 deg (along
     * it is 330, right of it 060); each leg's screen vector is its
     * checkpoints' displacement east and north (y down the page), at
     * one scale for both legs and both axes */
    const char *leg1 = "//svg[@class='track']/line[@class='leg'][1]", *leg2 = "//svg[@class='track']/line[@class='leg'][2]";
    double d1x = attr(doc, leg1, "x2") - attr(doc, leg1, "x1"), d1y = attr(doc, leg1, "y2") - attr(doc, leg1, "y1");
    double d2x = attr(doc, leg2, "x2") - attr(doc, leg2, "x1"), d2y = attr(doc, leg2, "y2") - attr(doc, leg2, "y1");
    double px_per_ft = hypot(d1x, d1y) / 20000.0;
    assert_near(d1x, 20000.0 * sin(330.0 * DEG) * px_per_ft, 0.3);
    assert_near(d1y, -20000.0 * cos(330.0 * DEG) * px_per_ft, 0.3);
    assert_near(d2x, 10000.0 * sin(60.0 * DEG) * px_per_ft, 0.3);
    assert_near(d2y, -10000.0 * cos(60.0 * DEG) * px_per_ft, 0.3);
    assert_near(attr(doc, leg1, "x2"), attr(doc, leg2, "x1"), 0.0); /* joined at the checkpoint */
    /* the farthest checkpoint (the aircraft flew within 7,000 ft of the
     * threshold) is inside the plot's box */
    const char *box = "//svg[@class='track']/defs/clipPath/rect";
    double bx = attr(doc, box, "x"), bw = attr(doc, box, "width");
    assert_true(attr(doc, leg1, "x1") < bx + bw && attr(doc, leg1, "x1") > bx);
    assert_true(attr(doc, leg2, "x2") < bx + bw && attr(doc, leg2, "x2") > bx);
    char *html = slurp(fx->page);
    assert_null(strstr(html, "<script>"));
    /* named once on the chart, and twice in the navigation log below */
    assert_int_equal(count_of(html, "&lt;script&gt;alert(3)&lt;/script&gt;"), 3);
    assert_non_null(strstr(html, "dashed: the route"));
    assert_non_null(strstr(html, "North up, from the threshold of runway 33"));
    /* the navigation log: a row a leg (none for the exercise without
     * one), the names escaped; the fixture's recording starts no
     * exercise "leg-1", so nothing was flown */
    assert_int_equal(count_nodes(doc, "//table[@class='navlog']/tr"), 3);
    assert_int_equal(count_nodes(doc, "//table[@class='navlog']/tr[td='leg-2']"), 1);
    assert_int_equal(count_nodes(doc, "//table[@class='navlog']//td[.='not reached']"), 2);
    assert_int_equal(count_of(html, "<td>&lt;script&gt;alert(3)&lt;/script&gt;</td>"), 2);
    free(html);
    xmlFreeDoc(doc);
    /* without the lesson: no legs */
    write_page(fx, &rwy33);
    doc = parse_xml(fx->page);
    assert_int_equal(count_nodes(doc, "//svg[@class='track']/line[@class='leg']"), 0);
    xmlFreeDoc(doc);
}

static void strings_from_files_are_escaped(void **state)
{
    fixture *fx = *state;
    snprintf(fx->meta[2].value, sizeof fx->meta[2].value, "<script>alert(1)</script>");
    snprintf(fx->sheet.title, sizeof fx->sheet.title, "<img src=x onerror=\"alert(2)\">");
    snprintf(fx->el[1].title, sizeof fx->el[1].title, "</td></tr></table><h1>pwned</h1>");
    write_page(fx, &rwy33);
    expect_html_parses_cleanly(fx->page);
    xmlDocPtr doc = parse_xml(fx->page);
    char *html = slurp(fx->page);
    assert_null(strstr(html, "<script>"));
    assert_non_null(strstr(html, "&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert_null(strstr(html, "<img"));
    assert_null(strstr(html, "<b>bold</b>"));
    assert_null(strstr(html, "<h1>pwned"));
    assert_int_equal(count_nodes(doc, "//script"), 0);
    assert_int_equal(count_nodes(doc, "//img"), 0);
    assert_int_equal(count_nodes(doc, "//table[@class='meta']//td[.='<script>alert(1)</script>']"), 1);
    free(html);
    xmlFreeDoc(doc);
}

/* An element graded on a derived channel (here ex-time-s, the time since
 * its exercise began) is plotted when the lesson is given, worked out
 * again from the recording from the exercise's start (5 s): the trace
 * climbs one second a second from 0 there; without the lesson the page
 * says why there is no plot. */
static void a_derived_channel_is_plotted_from_the_exercises_start(void **state)
{
    fixture *fx = *state;
    fx->el[4] = element("steep-turn-left", "time", "Time in the turn", "ex-time-s", "s", 0, 60, MARK_GOOD);
    fx->el[4].worst = 50.0;
    fx->el[4].worst_t_s = 55.0;
    fx->sheet.nelements = 5;
    lesson l;
    memset(&l, 0, sizeof l);
    lesson_exercise ex[2];
    memset(ex, 0, sizeof ex);
    snprintf(ex[0].id, sizeof ex[0].id, "steep-turn-left");
    snprintf(ex[1].id, sizeof ex[1].id, "steep-turn-right");
    ex[0].leg.from = ex[1].leg.from = -1;
    l.exercises = ex;
    l.nexercises = 2;
    saqr_err err = {{0}};
    assert_int_equal(debrief_write_html(fx->page, &fx->rec, &fx->sheet, &rwy33, &l, &err), SAQR_OK);
    expect_html_parses_cleanly(fx->page);
    xmlDocPtr doc = parse_xml(fx->page);
    const char *trace = "//section[@id='el-4']/svg/polyline[@class='trace']";
    assert_int_equal(count_nodes(doc, trace), 1);
    /* two points of the trace, read back through the plot's axes: its
     * slope is 1 s a second (the window 5-55 s, plotted 0-60 s with the
     * margins), so equal steps in x and y in data units */
    xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
    xmlXPathObjectPtr o = xmlXPathEvalExpression(BAD_CAST "string(//section[@id='el-4']/svg/polyline/@points)", ctx);
    double x0, y0, x1, y1;
    assert_int_equal(sscanf((const char *)o->stringval, "%lf,%lf", &x0, &y0), 2);
    const char *lastp = strrchr((const char *)o->stringval, ',');
    while (lastp > (const char *)o->stringval && lastp[-1] != ' ')
        lastp--;
    assert_int_equal(sscanf(lastp, "%lf,%lf", &x1, &y1), 2);
    xmlXPathFreeObject(o);
    xmlXPathFreeContext(ctx);
    /* the axes' first and last ticks give the mapping back to data */
    const char *sec = "//section[@id='el-4']/svg";
    char q[256];
    double tick[4][2]; /* x first, x last, y first, y last: {px, value} */
    const char *kinds[2] = {"xtick", "ytick"}, *coord[2] = {"x1", "y1"};
    for (int a = 0; a < 2; a++)
        for (int end = 0; end < 2; end++) {
            snprintf(q, sizeof q, "%s/g[@class='%s'][%s]/line", sec, kinds[a], end ? "last()" : "1");
            tick[2 * a + end][0] = attr(doc, q, coord[a]);
            snprintf(q, sizeof q, "string(%s/g[@class='%s'][%s]/text)", sec, kinds[a], end ? "last()" : "1");
            xmlXPathContextPtr c2 = xmlXPathNewContext(doc);
            xmlXPathObjectPtr t2 = xmlXPathEvalExpression(BAD_CAST q, c2);
            tick[2 * a + end][1] = strtod((const char *)t2->stringval, NULL);
            xmlXPathFreeObject(t2);
            xmlXPathFreeContext(c2);
        }
    const double px[2][2] = {{x0, y0}, {x1, y1}};
    for (int k = 0; k < 2; k++) {
        double t = tick[0][1] + (px[k][0] - tick[0][0]) * (tick[1][1] - tick[0][1]) / (tick[1][0] - tick[0][0]);
        double v = tick[2][1] + (px[k][1] - tick[2][0]) * (tick[3][1] - tick[2][1]) / (tick[3][0] - tick[2][0]);
        printf("trace point %d: t = %.2f s, ex-time-s = %.2f s\n", k, t, v);
        assert_near(v, t - 5.0, 0.5); /* the page's 0.1 px rounding */
    }
    char *html = slurp(fx->page);
    assert_non_null(strstr(html, "ex-time-s (worked out from the recording as the grader did"));
    free(html);
    xmlFreeDoc(doc);
    /* without the lesson */
    write_page(fx, &rwy33);
    html = slurp(fx->page);
    assert_non_null(strstr(html, "ex-time-s</code> is worked out from the lesson, which was not given"));
    free(html);
}

static void a_damaged_recording_shows_the_warning(void **state)
{
    fixture *fx = *state;
    fx->rec.damaged = 1;
    fx->rec.nframes = 300; /* cut at 29.9 s */
    snprintf(fx->rec.damage, sizeof fx->rec.damage, "sortie.rec: byte 48213: record CRC mismatch");
    write_page(fx, &rwy33);
    xmlDocPtr doc = parse_xml(fx->page);
    assert_int_equal(count_nodes(doc, "//div[@class='warn' and contains(., 'sortie.rec: byte 48213: record CRC "
                                      "mismatch') and contains(., 'up to t = 29.9 s')]"),
                     1);
    xmlFreeDoc(doc);
}

static void a_channel_not_recorded_gives_a_note_instead_of_a_plot(void **state)
{
    fixture *fx = *state;
    snprintf(fx->el[1].channel, sizeof fx->el[1].channel, "aoa-deg");
    write_page(fx, &rwy33);
    xmlDocPtr doc = parse_xml(fx->page);
    assert_int_equal(count_nodes(doc, "//section[@id='el-1']/svg"), 0);
    assert_int_equal(count_nodes(doc, "//section[@id='el-1']/p[@class='note' and contains(., 'aoa-deg') and "
                                      "contains(., 'not recorded')]"),
                     1);
    assert_int_equal(count_nodes(doc, "//svg"), 2 + 1);
    xmlFreeDoc(doc);
}

static void an_unwritable_path_is_an_io_error_naming_it(void **state)
{
    fixture *fx = *state;
    char path[192];
    snprintf(path, sizeof path, "%s/no/such/dir/debrief.html", fx->dir);
    saqr_err err = {{0}};
    assert_int_equal(debrief_write_html(path, &fx->rec, &fx->sheet, &rwy33, NULL, &err), SAQR_EIO);
    assert_non_null(strstr(err.msg, path));
    /* a device that is always full: the writes themselves fail */
    if (access("/dev/full", W_OK) == 0) {
        err.msg[0] = '\0';
        assert_int_equal(debrief_write_html("/dev/full", &fx->rec, &fx->sheet, NULL, NULL, &err), SAQR_EIO);
        assert_non_null(strstr(err.msg, "/dev/full"));
    }
    /* no recording: invalid, and nothing is created */
    err.msg[0] = '\0';
    assert_int_equal(debrief_write_html(fx->page, NULL, &fx->sheet, NULL, NULL, &err), SAQR_EINVAL);
    assert_non_null(strstr(err.msg, fx->page));
    assert_int_equal(access(fx->page, F_OK), -1);
}

/* ------------------------------------------------------------ svg_plot */

static void data_map_onto_the_plot_box_with_y_upwards(void **state)
{
    (void)state;
    svg_frame fr = {.x0 = 0, .x1 = 10, .y0 = 0, .y1 = 100, .left_px = 50, .top_px = 10, .width_px = 100,
                    .height_px = 200};
    assert_near(svg_px(&fr, 0), 50, 1e-12);
    assert_near(svg_px(&fr, 5), 100, 1e-12);
    assert_near(svg_px(&fr, 10), 150, 1e-12);
    assert_near(svg_py(&fr, 100), 10, 1e-12);
    assert_near(svg_py(&fr, 0), 210, 1e-12);
    assert_near(svg_py(&fr, 25), 160, 1e-12);
    /* equal scales: 10 units over 100 px is 0.1/px; y widens to 20 units */
    fr.y1 = 5;
    svg_frame_equal(&fr);
    assert_near(fr.y0, 2.5 - 10, 1e-12);
    assert_near(fr.y1, 2.5 + 10, 1e-12);
    assert_near((fr.x1 - fr.x0) / fr.width_px, (fr.y1 - fr.y0) / fr.height_px, 1e-15);
}

static void tick_steps_are_one_two_or_five_times_a_power_of_ten(void **state)
{
    (void)state;
    assert_near(svg_nice_step(97, 5), 20, 1e-12);
    assert_near(svg_nice_step(4500, 5), 1000, 1e-9);
    assert_near(svg_nice_step(0.9, 8), 0.1, 1e-15);
    assert_near(svg_nice_step(330, 5), 50, 1e-12);
    assert_near(svg_nice_step(0, 5), 0, 0);
    assert_near(svg_nice_step(NAN, 5), 0, 0);
}

/* The x axis's tick labels of a plot `width_px` wide spanning x0..x1:
 * consecutive labels (font-size 11, ~6.2 px a character) at least their
 * own width apart, and at least three of them.  A narrow histogram of a
 * gain between 0.88 and 1.14 had labels every 0.02 written into one
 * another ("0.880.900.92..."). */
static void expect_x_labels_apart(double x0, double x1, double width_px)
{
    svg_frame fr = {.left_px = 40, .top_px = 10, .width_px = width_px, .height_px = 100,
                    .x0 = x0, .x1 = x1, .y0 = 0, .y1 = 1};
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    svg_axes(f, &fr, "x", "y");
    fclose(f);
    double last_x = -1e9;
    size_t last_chars = 0;
    int n = 0;
    for (const char *p = strstr(buf, "class=\"xtick\""); p; p = strstr(p + 1, "class=\"xtick\"")) {
        const char *t = strstr(p, "<text x=\"");
        assert_non_null(t);
        double x = strtod(t + 9, NULL);
        const char *label = strchr(t, '>') + 1;
        size_t chars = (size_t)(strchr(label, '<') - label);
        if (n > 0)
            assert_true(x - last_x >= 3.1 * (double)(chars + last_chars)); /* half of each, 6.2 px a character */
        last_x = x;
        last_chars = chars;
        n++;
    }
    assert_true(n >= 3);
    free(buf);
}

static void x_tick_labels_do_not_run_into_one_another(void **state)
{
    (void)state;
    expect_x_labels_apart(0.875, 1.145, 228); /* the campaign's histogram of pilot-gain */
    expect_x_labels_apart(-14.3, 14.9, 228);
    expect_x_labels_apart(100000, 190000, 228);
    expect_x_labels_apart(0.875, 1.145, 600); /* wide: still about eight */
}

/* Runs svg_polyline into memory; returns the text (free it). */
static char *polyline_text(const svg_frame *fr, const double *x, const double *y, size_t n, size_t max,
                           size_t *written)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    *written = svg_polyline(f, fr, x, y, n, 1, max, "class=\"t\"");
    fclose(f);
    return buf;
}

static void long_traces_are_thinned_but_keep_their_spikes(void **state)
{
    (void)state;
    enum { N = 100000 };
    double *x = malloc(N * sizeof *x), *y = malloc(N * sizeof *y);
    assert_non_null(x);
    assert_non_null(y);
    for (int k = 0; k < N; k++) {
        x[k] = k * 0.01;
        y[k] = sin(k * 0.001);
    }
    y[54321] = 100.0; /* one spike, one sample wide, up */
    y[12345] = -100.0; /* and one down */
    y[70000] = NAN;   /* a gap */
    svg_frame fr = {.x0 = 0, .x1 = N * 0.01, .y0 = -100, .y1 = 100, .left_px = 0, .top_px = 0, .width_px = 1000,
                    .height_px = 200};
    size_t written;
    char *text = polyline_text(&fr, x, y, N, 1500, &written);
    assert_true(written <= 1500 && written >= 1000);
    assert_int_equal(count_of(text, ","), (int)written);
    char spike[32];
    snprintf(spike, sizeof spike, " %.1f,%.1f ", svg_px(&fr, x[54321]), svg_py(&fr, 100.0));
    assert_non_null(strstr(text, spike));
    snprintf(spike, sizeof spike, " %.1f,%.1f ", svg_px(&fr, x[12345]), svg_py(&fr, -100.0));
    assert_non_null(strstr(text, spike));
    assert_null(strstr(text, "nan"));
    free(text);
    /* a short trace is drawn whole, less its non-finite point */
    text = polyline_text(&fr, x + 69500, y + 69500, 1000, 1500, &written);
    assert_int_equal(written, 999);
    free(text);
    free(x);
    free(y);
}

static void escaping_makes_any_bytes_safe_markup(void **state)
{
    (void)state;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    svg_escape(f, "a<b & \"c\">");
    fputc('|', f);
    svg_escape(f, "\x01x\xff\xc3\xa9\xed\xa0\x80");  /* control, bad byte, e-acute, a surrogate */
    fputc('|', f);
    svg_escape_n(f, "abcdef", 3);
    fclose(f);
    assert_string_equal(buf, "a&lt;b &amp; &quot;c&quot;&gt;"
                             "|x\xef\xbf\xbd\xc3\xa9\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"
                             "|abc");
    free(buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_test_positions_agree_with_vincenty),
        cmocka_unit_test_setup_teardown(the_page_is_well_formed_and_says_who_flew_what_with_which_result, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(the_automatic_pilots_sortie_is_called_a_demonstration, setup, teardown),
        cmocka_unit_test_setup_teardown(the_instructors_comment_is_shown_escaped, setup, teardown),
        cmocka_unit_test_setup_teardown(the_grade_sheet_lists_every_element_with_its_band_mark_and_deductions,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(an_instructors_item_is_listed_for_the_instructor_then_with_the_mark, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(every_observed_element_has_a_plot_and_the_track_has_one_more, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(labels_of_events_at_one_place_do_not_overlap, setup, teardown),
        cmocka_unit_test_setup_teardown(a_band_graded_at_a_moment_is_a_bar_there_with_its_limits_across_the_plot,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(the_band_is_shaded_where_the_band_is_and_the_worst_point_where_it_was, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(the_instructors_spans_are_shaded_on_the_plots, setup, teardown),
        cmocka_unit_test_setup_teardown(every_trace_stays_inside_its_plot, setup, teardown),
        cmocka_unit_test_setup_teardown(the_ground_track_puts_the_touchdown_on_the_runway_drawn_to_scale, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(the_instructors_note_is_labelled_on_the_track, setup, teardown),
        cmocka_unit_test_setup_teardown(without_a_runway_the_track_is_north_up_from_the_first_point, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(the_events_table_lists_every_event, setup, teardown),
        cmocka_unit_test_setup_teardown(strings_from_files_are_escaped, setup, teardown),
        cmocka_unit_test_setup_teardown(the_routes_legs_are_drawn_where_their_checkpoints_are, setup, teardown),
        cmocka_unit_test_setup_teardown(a_damaged_recording_shows_the_warning, setup, teardown),
        cmocka_unit_test_setup_teardown(a_derived_channel_is_plotted_from_the_exercises_start, setup, teardown),
        cmocka_unit_test_setup_teardown(a_channel_not_recorded_gives_a_note_instead_of_a_plot, setup, teardown),
        cmocka_unit_test_setup_teardown(an_unwritable_path_is_an_io_error_naming_it, setup, teardown),
        cmocka_unit_test(data_map_onto_the_plot_box_with_y_upwards),
        cmocka_unit_test(tick_steps_are_one_two_or_five_times_a_power_of_ten),
        cmocka_unit_test(x_tick_labels_do_not_run_into_one_another),
        cmocka_unit_test(long_traces_are_thinned_but_keep_their_spikes),
        cmocka_unit_test(escaping_makes_any_bytes_safe_markup),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    xmlCleanupParser();
    return rc;
}
