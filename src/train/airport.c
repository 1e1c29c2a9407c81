/*
 * airport.c - reading data/airports.xml (see airport.h and
 * docs/airports.md) and the runway frame the grader measures in.
 *
 *   <airports source="OurAirports, https://ourairports.com/data/, ...">
 *     <airport icao="OPRS" name="Risalpur Air Base" elevation-ft="1050">
 *       <runway ident="09R" lat-deg="34.0803" lon-deg="71.9564" elevation-ft="1050"
 *               heading-deg="93.6675" listed-heading-deg="92" length-ft="9085" width-ft="164"/>
 *     </airport>
 *   </airports>
 *
 * Every attribute is checked (present, a finite number, in range) and
 * every error names the file and line; unknown elements and attributes
 * are errors too, as in the other loaders (src/util/xml_attr.h).
 * listed-heading-deg, the source's rounded heading, is checked and
 * otherwise ignored.
 *
 * The runway frame: a point's geodesic distance s and initial azimuth
 * alpha1 from the threshold are found with Gauss's mid-latitude formulas,
 * then x = s cos(alpha1 - heading), y = s sin(alpha1 - heading).  With
 * M and N the meridian and prime-vertical radii of curvature of the
 * WGS-84 ellipsoid,
 *     M = a (1 - e^2) / (1 - e^2 sin^2 phi)^(3/2),
 *     N = a / (1 - e^2 sin^2 phi)^(1/2),
 * taken at the mid-latitude phi_m = (phi1 + phi2) / 2,
 *     s cos(alpha_m) = M(phi_m) dphi,
 *     s sin(alpha_m) = N(phi_m) cos(phi_m) dlambda,
 *     alpha1 = alpha_m - dlambda sin(phi_m) / 2     (meridian convergence).
 * These are the leading terms of the series; the terms left out are of
 * relative size (s/a)^2, a few hundredths of a foot at 10 nm, where the
 * plain tangent plane with radii fixed at the threshold would be off by
 * some 60 ft sideways.  Heights are not used: distances are on the
 * ellipsoid (at a 1,760 ft field, 1 ft in 12,000 ft shorter than at
 * runway level).
 * References: NIMA TR8350.2, "Department of Defense World Geodetic System
 * 1984", 3rd ed. (2000), ch. 3 (a, f) and ch. 4 (M, N); R. H. Rapp,
 * "Geometric Geodesy, Part I", Ohio State University (1991), sec. 6
 * (Gauss mid-latitude formulas); the ellipsoid's axes are JSBSim's, as in
 * src/earth/geodesic.h.
 */
#include "train/airport.h"

#include <ctype.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "earth/geodesic.h"
#include "math/units.h"
#include "util/file.h"
#include "util/mem.h"
#include "util/xml_attr.h"
#include "math/trig.h"

/* Larger airports files are refused (the shipped one is 4 kB). */
#define AIRPORT_MAX_FILE_BYTES ((size_t)16 << 20)

/* ------------------------------------------------------------ reading */

/* Formats a message and fails with "file:line: message". */
static saqr_status failf(const xa_reader *rd, const xmlNode *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static saqr_status failf(const xa_reader *rd, const xmlNode *n, const char *fmt, ...)
{
    char what[SAQR_ERR_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    return xa_fail(rd, n, what, NULL);
}

/* A required text attribute of at most size-1 characters into buf; with
 * `word`, no white space or control characters (identifiers). */
static saqr_status read_text(const xa_reader *rd, const xmlNode *n, const char *name, int word, char *buf,
                             size_t size)
{
    char tmp[2 * SAQR_ERR_MAX];
    if (!xa_text(n, name, tmp, sizeof tmp))
        return failf(rd, n, "<%s> needs %s=", (const char *)n->name, name);
    if (!tmp[0])
        return failf(rd, n, "%s= is empty", name);
    if (strlen(tmp) >= size)
        return failf(rd, n, "%s=\"%.40s\" is longer than %zu characters", name, tmp, size - 1);
    for (const char *c = tmp; word && *c; c++)
        if (isspace((unsigned char)*c) || iscntrl((unsigned char)*c))
            return failf(rd, n, "%s=\"%s\" has a space or a control character", name, tmp);
    memcpy(buf, tmp, strlen(tmp) + 1);
    return SAQR_OK;
}

/* Whether a range's ends belong to it. */
enum { CLOSED = 0, OPEN_LO = 1, OPEN_HI = 2 };

/* A required number attribute in [lo, hi] (ends excluded as `open` says). */
static saqr_status read_number(const xa_reader *rd, const xmlNode *n, const char *name, double lo, double hi,
                               int open, double *out)
{
    /* xa_number reads 63 characters: a longer number would be cut short
     * and read as another one */
    xmlChar *raw = xmlGetProp(n, (const xmlChar *)name);
    size_t raw_len = raw ? strlen((const char *)raw) : 0;
    if (raw)
        xmlFree(raw);
    if (raw_len > 60)
        return failf(rd, n, "%s= is too long for a number", name);
    double x = NAN;
    saqr_status st = xa_number(rd, n, name, &x);
    if (st)
        return st;
    if (isnan(x))
        return failf(rd, n, "<%s> needs %s=", (const char *)n->name, name);
    int ok = ((open & OPEN_LO) ? x > lo : x >= lo) && ((open & OPEN_HI) ? x < hi : x <= hi);
    if (!ok)
        return failf(rd, n, "%s=\"%.17g\" is out of range %c%g, %g%c", name, x, (open & OPEN_LO) ? '(' : '[', lo,
                     hi, (open & OPEN_HI) ? ')' : ']');
    *out = x;
    return SAQR_OK;
}

/* Non-blank text between elements is an error (a misplaced value). */
static saqr_status check_no_text(const xa_reader *rd, const xmlNode *n)
{
    if (n->type != XML_TEXT_NODE && n->type != XML_CDATA_SECTION_NODE)
        return SAQR_OK;
    for (const xmlChar *c = n->content; c && *c; c++)
        if (!isspace(*c))
            return failf(rd, n, "unexpected text in <%s>", n->parent ? (const char *)n->parent->name : "?");
    return SAQR_OK;
}

/* Counts the children named `child`; any other element is an error. */
static saqr_status count_children(const xa_reader *rd, const xmlNode *parent, const char *child, int *count)
{
    saqr_status st = SAQR_OK;
    *count = 0;
    for (const xmlNode *c = parent->children; c && st == SAQR_OK; c = c->next) {
        if ((st = check_no_text(rd, c)))
            break;
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (!xa_is(c, child))
            st = failf(rd, c, "unknown element <%s> in <%s>", (const char *)c->name, (const char *)parent->name);
        else if (*count == INT_MAX)
            st = failf(rd, c, "too many <%s>", child);
        else
            (*count)++;
    }
    if (st == SAQR_OK && *count == 0)
        st = failf(rd, parent, "<%s> has no <%s>", (const char *)parent->name, child);
    return st;
}

/* An array of zeroed entries of `size` bytes, one per child `child`
 * (counted by count_children) into *out. */
static saqr_status alloc_children(const xa_reader *rd, const xmlNode *parent, const char *child, size_t size,
                                  void **out)
{
    int count = 0;
    saqr_status st = count_children(rd, parent, child, &count);
    if (st)
        return st;
    *out = mem_alloc(mem_default(), (size_t)count * size);
    return *out ? SAQR_OK : err_set(rd->err, SAQR_ENOMEM, "%s: out of memory", rd->path);
}

static saqr_status read_runway(const xa_reader *rd, const xmlNode *n, airport_runway *r)
{
    static const char *const attrs[] = {"ident",       "lat-deg",            "lon-deg",   "elevation-ft",
                                        "heading-deg", "listed-heading-deg", "length-ft", "width-ft",
                                        NULL};
    double listed_deg = 0.0;
    saqr_status st;
    if ((st = xa_check_attrs(rd, n, attrs)) || (st = read_text(rd, n, "ident", 1, r->ident, sizeof r->ident)) ||
        (st = read_number(rd, n, "lat-deg", -90.0, 90.0, CLOSED, &r->lat_deg)) ||
        (st = read_number(rd, n, "lon-deg", -180.0, 180.0, CLOSED, &r->lon_deg)) ||
        (st = read_number(rd, n, "elevation-ft", -1500.0, 30000.0, CLOSED, &r->elevation_ft)) ||
        (st = read_number(rd, n, "heading-deg", 0.0, 360.0, OPEN_HI, &r->heading_true_deg)) ||
        (st = read_number(rd, n, "length-ft", 0.0, 50000.0, OPEN_LO, &r->length_ft)) ||
        (st = read_number(rd, n, "width-ft", 0.0, 1000.0, OPEN_LO, &r->width_ft)))
        return st;
    if (xmlHasProp(n, (const xmlChar *)"listed-heading-deg"))
        st = read_number(rd, n, "listed-heading-deg", 0.0, 360.0, CLOSED, &listed_deg);
    return st;
}

static saqr_status read_airport(const xa_reader *rd, const xmlNode *n, airport *ap)
{
    static const char *const attrs[] = {"icao", "name", "elevation-ft", NULL};
    saqr_status st;
    void *mem = NULL;
    if ((st = xa_check_attrs(rd, n, attrs)) || (st = read_text(rd, n, "icao", 1, ap->icao, sizeof ap->icao)) ||
        (st = read_text(rd, n, "name", 0, ap->name, sizeof ap->name)) ||
        (st = read_number(rd, n, "elevation-ft", -1500.0, 30000.0, CLOSED, &ap->elevation_ft)) ||
        (st = alloc_children(rd, n, "runway", sizeof *ap->runways, &mem)))
        return st;
    ap->runways = mem;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        airport_runway *r = &ap->runways[ap->nrunways];
        if ((st = read_runway(rd, c, r)))
            return st;
        if (airport_runway_find(ap, r->ident))
            return failf(rd, c, "runway %s appears twice at %s", r->ident, ap->icao);
        ap->nrunways++;
    }
    return SAQR_OK;
}

static saqr_status read_doc(const xmlDoc *doc, const xa_reader *rd, airport_db *db)
{
    static const char *const attrs[] = {"source", NULL};
    const xmlNode *root = xmlDocGetRootElement(doc);
    saqr_status st;
    void *mem = NULL;
    if (!root || !xa_is(root, "airports"))
        return failf(rd, root, "the root element must be <airports>");
    if ((st = xa_check_attrs(rd, root, attrs)) ||
        (st = read_text(rd, root, "source", 0, db->source, sizeof db->source)) ||
        (st = alloc_children(rd, root, "airport", sizeof *db->airports, &mem)))
        return st;
    db->airports = mem;
    for (const xmlNode *c = root->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        airport *ap = &db->airports[db->nairports];
        /* counted first, so airport_db_free also frees a half-read one */
        db->nairports++;
        if ((st = read_airport(rd, c, ap)))
            return st;
        for (int i = 0; i < db->nairports - 1; i++)
            if (strcmp(db->airports[i].icao, ap->icao) == 0)
                return failf(rd, c, "airport %s appears twice", ap->icao);
    }
    return SAQR_OK;
}

int airport_db_parse_memory(const char *buf, size_t len, const char *name, airport_db *db, saqr_err *err)
{
    memset(db, 0, sizeof *db);
    xmlDoc *doc;
    saqr_status st = xa_parse_memory(buf, len, name, &doc, err);
    if (st)
        return (int)st;
    xa_reader rd = {name, err};
    st = read_doc(doc, &rd, db);
    xmlFreeDoc(doc);
    return (int)st;
}

int airport_db_load(const char *path, airport_db *db, saqr_err *err)
{
    memset(db, 0, sizeof *db);
    char *buf = NULL;
    size_t len = 0;
    saqr_status st = file_read_all(path, mem_default(), AIRPORT_MAX_FILE_BYTES, &buf, &len, err);
    if (st)
        return (int)st;
    int rc = airport_db_parse_memory(buf, len, path, db, err);
    mem_free(mem_default(), buf);
    return rc;
}

void airport_db_free(airport_db *db)
{
    if (!db)
        return;
    for (int i = 0; i < db->nairports && db->airports; i++)
        mem_free(mem_default(), db->airports[i].runways);
    mem_free(mem_default(), db->airports);
    memset(db, 0, sizeof *db);
}

/* ----------------------------------------------------------- look-ups */

const airport *airport_find(const airport_db *db, const char *icao)
{
    if (!db || !icao)
        return NULL;
    for (int i = 0; i < db->nairports; i++)
        if (strcmp(db->airports[i].icao, icao) == 0)
            return &db->airports[i];
    return NULL;
}

const airport_runway *airport_runway_find(const airport *ap, const char *ident)
{
    if (!ap || !ident)
        return NULL;
    for (int i = 0; i < ap->nrunways; i++)
        if (strcmp(ap->runways[i].ident, ident) == 0)
            return &ap->runways[i];
    return NULL;
}

/* "09L" -> number 9, side 'L'; "36" -> 36, '\0'.  0 when not a runway
 * number (1..36, optionally followed by L, C or R). */
static int runway_number(const char *ident, char *side)
{
    int num = 0, digits = 0;
    while (isdigit((unsigned char)ident[digits]) && digits < 2)
        num = num * 10 + (ident[digits++] - '0');
    const char *rest = ident + digits;
    if (digits == 0 || num < 1 || num > 36)
        return 0;
    if (rest[0] && (rest[1] || !strchr("LCR", rest[0])))
        return 0;
    *side = rest[0];
    return num;
}

const airport_runway *airport_runway_opposite(const airport *ap, const airport_runway *r)
{
    char side = '\0';
    int num = (ap && r) ? runway_number(r->ident, &side) : 0;
    if (!num)
        return NULL;
    int want = (num + 18 - 1) % 36 + 1; /* 9 -> 27, 18 -> 36, 36 -> 18 */
    char want_side = side == 'L' ? 'R' : side == 'R' ? 'L' : side;
    for (int i = 0; i < ap->nrunways; i++) {
        char s = '\0';
        if (runway_number(ap->runways[i].ident, &s) == want && s == want_side)
            return &ap->runways[i];
    }
    return NULL;
}

/* ------------------------------------------------------- runway frame */

/* WGS-84 (JSBSim's axes, ft) and its first eccentricity squared. */
static const double wgs84_a_ft = GEODESIC_JSBSIM_A_FT;
static const double wgs84_e2 =
    1.0 - (GEODESIC_JSBSIM_B_FT * GEODESIC_JSBSIM_B_FT) / (GEODESIC_JSBSIM_A_FT * GEODESIC_JSBSIM_A_FT);

/* Meridian (M) and prime-vertical (N) radii of curvature at latitude
 * lat_rad, ft (NIMA TR8350.2 ch. 4). */
static void radii_ft(double lat_rad, double *m_ft, double *n_ft)
{
    double s = trig_sin(lat_rad);
    double w2 = 1.0 - wgs84_e2 * s * s;
    double w = sqrt(w2);
    *n_ft = wgs84_a_ft / w;
    *m_ft = wgs84_a_ft * (1.0 - wgs84_e2) / (w2 * w);
}

/* An angle in radians brought into [-pi, pi]. */
static double wrap_pi(double a_rad)
{
    return remainder(a_rad, 2.0 * UNITS_PI);
}

/* cos(lat) kept away from zero so that a point near a pole gives large
 * finite numbers instead of infinities. */
static double safe_cos(double lat_rad)
{
    double c = trig_cos(lat_rad);
    return fabs(c) < 1e-12 ? copysign(1e-12, c) : c;
}

void runway_from_geodetic(const airport_runway *r, double lat_deg, double lon_deg, double *x_ft, double *y_ft)
{
    double lat1 = r->lat_deg * RAD_PER_DEG;
    double dlat = lat_deg * RAD_PER_DEG - lat1;
    double dlon = wrap_pi((lon_deg - r->lon_deg) * RAD_PER_DEG);
    double lat_m = lat1 + 0.5 * dlat;
    double m_ft, n_ft;
    radii_ft(lat_m, &m_ft, &n_ft);
    double north_ft = m_ft * dlat;                 /* s cos(alpha_m) */
    double east_ft = n_ft * trig_cos(lat_m) * dlon;     /* s sin(alpha_m) */
    /* x = s cos(alpha1 - heading) with alpha1 = alpha_m - convergence/2:
     * rotate (north, east) by beta = heading + convergence/2 */
    double beta = r->heading_true_deg * RAD_PER_DEG + 0.5 * dlon * trig_sin(lat_m);
    double cb = trig_cos(beta), sb = trig_sin(beta);
    *x_ft = north_ft * cb + east_ft * sb;
    *y_ft = -north_ft * sb + east_ft * cb;
}

void runway_to_geodetic(const airport_runway *r, double x_ft, double y_ft, double *lat_deg, double *lon_deg)
{
    /* the mid-latitude and the convergence depend on the answer: a fixed
     * point iteration, converging by a factor of about s/a per pass */
    double lat1 = r->lat_deg * RAD_PER_DEG, psi = r->heading_true_deg * RAD_PER_DEG;
    double dlat = 0.0, dlon = 0.0;
    for (int it = 0; it < 20; it++) {
        double lat_m = lat1 + 0.5 * dlat;
        double m_ft, n_ft;
        radii_ft(lat_m, &m_ft, &n_ft);
        double beta = psi + 0.5 * dlon * trig_sin(lat_m);
        double cb = trig_cos(beta), sb = trig_sin(beta);
        double north_ft = x_ft * cb - y_ft * sb;
        double east_ft = x_ft * sb + y_ft * cb;
        double next_dlat = north_ft / m_ft;
        double next_dlon = east_ft / (n_ft * safe_cos(lat_m));
        int done = fabs(next_dlat - dlat) <= 1e-15 && fabs(next_dlon - dlon) <= 1e-15;
        dlat = next_dlat;
        dlon = next_dlon;
        if (done)
            break;
    }
    *lat_deg = (lat1 + dlat) * DEG_PER_RAD;
    *lon_deg = wrap_pi(r->lon_deg * RAD_PER_DEG + dlon) * DEG_PER_RAD;
}
