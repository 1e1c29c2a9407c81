// repo-seeds: tests/fuzz/corpus/fuzz_debrief/*
/*
 * fuzz_debrief.c - libFuzzer driver for the debrief page: a recording and
 * a grade sheet built from any bytes (any strings, unterminated ones
 * included, any numbers: NaN, infinities, huge), with or without a lesson
 * whose route has a leg and perhaps a diversion or a circle about a point
 * (their derived channels worked out again from the recording, its
 * checkpoints and circle on the chart), and with positions laid about the
 * runway, so that a final approach's profile is drawn (with the lesson's
 * approach path when it has one), and a formation's place in a lead's
 * frame (its picture),
 * give a page that is
 * well-formed XML, or an error with a message; never a crash, a leak or
 * undefined behaviour.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "train/debrief.h"
#include "train/lesson_route.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct bytes {
    const uint8_t *p;
    size_t n;
} bytes;

static unsigned take_byte(bytes *b)
{
    if (b->n == 0)
        return 0;
    b->n--;
    return *b->p++;
}

static double take_double(bytes *b)
{
    /* a small value from one byte mostly, else eight raw bytes */
    unsigned tag = take_byte(b);
    if (tag < 0xF0)
        return (double)tag - 64.0;
    double d = 0;
    size_t k = b->n < sizeof d ? b->n : sizeof d;
    memcpy(&d, b->p, k);
    b->p += k;
    b->n -= k;
    return d;
}

/* A string: one of a few names the page looks for, or raw bytes (maybe
 * filling the array with no NUL). */
static void take_str(bytes *b, char *dst, size_t cap)
{
    static const char *const known[] = {"t-s",           "alt-ft",  "lat-deg", "lon-deg",       "touchdown",
                                        "malfunction",   "wind-kt", "gust-kt", "wind-from-deg", "leg-1",
                                        "exercise-start", "xtk-nm", "turn-deg", "eta-error-min", "heading-deg",
                                        "divert",        "item-mark", "form-right-ft", "form-ahead-ft"};
    const unsigned nknown = sizeof known / sizeof known[0];
    unsigned len = take_byte(b);
    memset(dst, 0, cap);
    if (len < nknown) {
        snprintf(dst, cap, "%s", known[len]);
        return;
    }
    size_t k = len % (cap + 1);
    if (k > b->n)
        k = b->n;
    memcpy(dst, b->p, k);
    b->p += k;
    b->n -= k;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    bytes b = {data, size};
    rec_data rec;
    grade_sheet sheet;
    airport_runway rwy;
    rec_meta meta[4];
    rec_channel ch[6];
    rec_event ev[6];
    sheet_element el[4];
    memset(&rec, 0, sizeof rec);
    memset(&sheet, 0, sizeof sheet);
    memset(&rwy, 0, sizeof rwy);

    rec.nch = 1 + (int)(take_byte(&b) % 6);
    rec.nframes = take_byte(&b) % 120;
    rec.nmeta = (int)(take_byte(&b) % 5);
    rec.nevents = take_byte(&b) % 7;
    sheet.nelements = (int)(take_byte(&b) % 5);
    unsigned flags = take_byte(&b);
    rec.damaged = flags & 1;
    rec.rate_hz = take_double(&b);
    take_str(&b, rec.damage, sizeof rec.damage);
    for (int i = 0; i < rec.nch; i++)
        take_str(&b, ch[i].name, sizeof ch[i].name);
    for (int i = 0; i < rec.nmeta; i++) {
        take_str(&b, meta[i].key, sizeof meta[i].key);
        take_str(&b, meta[i].value, sizeof meta[i].value);
    }
    for (size_t j = 0; j < rec.nevents; j++) {
        ev[j].t_s = take_double(&b);
        take_str(&b, ev[j].kind, sizeof ev[j].kind);
        ev[j].value = take_double(&b);
        take_str(&b, ev[j].text, sizeof ev[j].text);
    }
    double *values = calloc(rec.nframes * (size_t)rec.nch + 1, sizeof *values);
    if (!values)
        return 0;
    for (size_t k = 0; k < rec.nframes * (size_t)rec.nch; k++)
        values[k] = take_double(&b);
    rec.ch = ch;
    rec.meta = meta;
    rec.events = ev;
    rec.values = values;

    take_str(&b, sheet.lesson, sizeof sheet.lesson);
    take_str(&b, sheet.title, sizeof sheet.title);
    take_str(&b, sheet.pilot, sizeof sheet.pilot);
    take_str(&b, sheet.summary, sizeof sheet.summary);
    sheet.result = (sortie_result)(take_byte(&b) % 5);
    for (int i = 0; i < sheet.nelements; i++) {
        sheet_element *e = &el[i];
        memset(e, 0, sizeof *e);
        take_str(&b, e->exercise, sizeof e->exercise);
        take_str(&b, e->title, sizeof e->title);
        take_str(&b, e->channel, sizeof e->channel);
        take_str(&b, e->unit, sizeof e->unit);
        e->lo = take_double(&b);
        e->hi = take_double(&b);
        e->target = take_double(&b);
        e->tolerance = take_double(&b);
        e->t_start_s = take_double(&b);
        e->t_end_s = take_double(&b);
        e->worst = take_double(&b);
        e->worst_t_s = take_double(&b);
        e->ratio = take_double(&b);
        unsigned mark_byte = take_byte(&b); /* its 6s digit's parity: an instructor's item */
        e->mark = (grade_mark)(mark_byte % 6);
        e->by_instructor = (int)((mark_byte / 6) & 1);
        if (e->by_instructor)
            snprintf(e->marked_by, sizeof e->marked_by, "%s", e->unit);
        e->ndeductions = (int)(take_byte(&b) % 6) - 1;
        e->nexcursions = (int)take_byte(&b) - 2;
        for (int k = 0; k < SHEET_MAX_DEDUCTIONS; k++) {
            e->deductions[k].t_s = take_double(&b);
            e->deductions[k].measured = take_double(&b);
            take_str(&b, e->deductions[k].text, sizeof e->deductions[k].text);
        }
    }
    sheet.elements = el;
    if (flags & 2) {
        take_str(&b, rwy.ident, sizeof rwy.ident);
        rwy.lat_deg = take_double(&b);
        rwy.lon_deg = take_double(&b);
        rwy.heading_true_deg = take_double(&b);
        rwy.length_ft = take_double(&b) * 100;
        rwy.width_ft = take_double(&b);
    }

    int ilat = rec_channel_index(&rec, "lat-deg"), ilon = rec_channel_index(&rec, "lon-deg");
    if ((flags & 2) && (flags & 64) && ilat >= 0 && ilon >= 0 && ilat != ilon && isfinite(rwy.lat_deg) &&
        fabs(rwy.lat_deg) < 90.0 && isfinite(rwy.lon_deg) && isfinite(rwy.heading_true_deg)) {
        /* positions given in the runway's frame (x 100 ft a unit, y 10 ft),
         * so that finals to it are common: the profile is drawn */
        rwy.elevation_ft = take_double(&b) * 10;
        for (size_t k = 0; k < rec.nframes; k++) {
            double *v = &values[k * (size_t)rec.nch];
            runway_to_geodetic(&rwy, v[ilat] * 100.0, v[ilon] * 10.0, &v[ilat], &v[ilon]);
        }
    }

    lesson l;
    lesson_exercise lex[2];
    lesson_segment seg;
    memset(&l, 0, sizeof l);
    memset(lex, 0, sizeof lex);
    memset(&seg, 0, sizeof seg);
    if (flags & 4) { /* leg-1 flies from checkpoint 0 to 1; "x" flies none, or a diversion */
        l.route.n = 2;
        for (int i = 0; i < 2; i++) {
            take_str(&b, l.route.cp[i].name, sizeof l.route.cp[i].name);
            l.route.cp[i].name[sizeof l.route.cp[i].name - 1] = '\0';
            l.route.cp[i].lat_deg = fmod(take_double(&b), 85.0);
            l.route.cp[i].lon_deg = fmod(take_double(&b), 180.0);
        }
        snprintf(lex[0].id, sizeof lex[0].id, "leg-1");
        snprintf(lex[1].id, sizeof lex[1].id, "x");
        lesson_leg_make(&lex[0].leg, &l.route.cp[0], &l.route.cp[1], take_double(&b));
        lex[0].leg.from = 0;
        lex[0].leg.to = 1;
        lex[1].leg.from = lex[1].leg.to = -1;
        if (flags & 8) { /* "x" diverts to checkpoint 0, wherever a "divert" event says */
            l.route.tas_kt = take_double(&b);
            (void)lesson_leg_divert_plan(&lex[1].leg, &l.route, 0.0);
        }
        if (!(flags & 8) && (flags & 16)) { /* "x" circles checkpoint 1, or a point abeam where it begins */
            lex[1].around.kind = (flags & 32) ? LAROUND_ABEAM_LEFT : LAROUND_POINT;
            lex[1].around.cp = 1;
            lex[1].around.lat_deg = l.route.cp[1].lat_deg;
            lex[1].around.lon_deg = l.route.cp[1].lon_deg;
            double r = fabs(take_double(&b));
            lex[1].around.radius_nm = isfinite(r) ? 0.05 + fmod(r, 4.95) : 0.25; /* as a lesson allows */
        }
        if (flags & 64) { /* "leg-1" flies an approach on a path to an aim point */
            seg.mode = (flags & 128) ? LMODE_LAND : LMODE_APPROACH;
            seg.glide_deg = take_double(&b);
            seg.aim_ft = take_double(&b) * 100;
            lex[0].segments = &seg;
            lex[0].nsegments = 1;
        }
        l.exercises = lex;
        l.nexercises = 2;
    }
    take_str(&b, sheet.instructor_grade, sizeof sheet.instructor_grade); /* last: the seeds keep their layout */
    char *page = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&page, &len);
    if (!f) {
        free(values);
        return 0;
    }
    saqr_err err = {{0}};
    int st = debrief_write_html_stream(f, "fuzz.html", &rec, &sheet, (flags & 2) ? &rwy : NULL,
                                        (flags & 4) ? &l : NULL, &err);
    fclose(f);
    if (st == SAQR_OK) {
        xmlDocPtr doc = xmlReadMemory(page, (int)len, "fuzz.html", NULL, XML_PARSE_NONET | XML_PARSE_NOERROR |
                                                                            XML_PARSE_NOWARNING | XML_PARSE_HUGE);
        if (!doc)
            abort(); /* every page is well-formed */
        xmlFreeDoc(doc);
    } else if (err.msg[0] == '\0') {
        abort(); /* every failure explains itself */
    }
    free(page);
    free(values);
    return 0;
}
