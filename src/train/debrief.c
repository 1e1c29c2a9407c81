/*
 * debrief.c - the sortie debrief page (see debrief.h): title and result,
 * recording metadata and damage, grade sheet, one plot per observed
 * element, ground track, events.
 *
 * The recording is read through rec_data's fields only.  The ground track
 * is drawn in the runway frame of airport.h (runway_from_geodetic), the
 * frame the grader measures touchdowns in, so the page and the grade
 * sheet agree; without a runway, in the same frame about the first
 * recorded point with "heading" 090, i.e. x east and y south.  Marking
 * follows docs/lessons.md; the colours are those of a traffic light with
 * green in two shades for Good and Excellent.
 */
#include "train/debrief.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <assert.h>
#include <string.h>

#include "math/units.h"
#include "report/svg_plot.h"
#include "train/debrief_conditions.h"
#include "train/debrief_derived.h"
#include "train/debrief_navlog.h"
#include "train/debrief_formation.h"
#include "train/debrief_profile.h"
#include "train/item_mark.h"
#include "train/lesson_route.h"
#include "train/record_moment.h"

/* Escapes a fixed-size char array from a file, never reading past it. */
#define PUT(f, field) svg_escape_n((f), (field), sizeof(field))

/* Plot geometry, px. */
#define PLOT_W 720.0
#define PLOT_H 250.0
#define TRACK_W 720.0
#define TRACK_H 480.0
#define TRACK_MAX_POINTS 4000 /* frames kept for the track before the distance filter */

/* ------------------------------------------------------- recording data */

static double value(const rec_data *rec, size_t k, int ch)
{
    return rec->values[k * (size_t)rec->nch + (size_t)ch];
}

/* Index of the channel called `name` (at most REC_NAME_MAX bytes), or -1. */
static int channel_index(const rec_data *rec, const char *name)
{
    for (int i = 0; i < rec->nch; i++)
        if (strncmp(rec->ch[i].name, name, REC_NAME_MAX) == 0)
            return i;
    return -1;
}

/* The time channel: "t-s", else channel 0 (the recorder puts time
 * first), or -1 when there are no channels. */
static int time_channel(const rec_data *rec)
{
    int i = channel_index(rec, "t-s");
    return i >= 0 ? i : (rec->nch > 0 ? 0 : -1);
}

/* The frame whose time is nearest t (times not decreasing; any order
 * gives some frame).  nframes > 0. */
static size_t nearest_frame(const rec_data *rec, int it, double t)
{
    size_t lo = 0, hi = rec->nframes - 1;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (value(rec, mid, it) < t)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo > 0 && fabs(value(rec, lo - 1, it) - t) <= fabs(value(rec, lo, it) - t))
        lo--;
    return lo;
}

/* SAQR_OK when the inputs can be drawn from without reading out of
 * bounds, else SAQR_EINVAL with the reason, naming the page `name`. */
static saqr_status check_inputs(const char *name, const rec_data *rec, const grade_sheet *sheet,
                                const airport_runway *rwy, saqr_err *err)
{
    if (!rec || !sheet)
        return err_set(err, SAQR_EINVAL, "%s: no recording or no grade sheet to debrief", name);
    if (rec->nmeta < 0 || (rec->nmeta > 0 && !rec->meta) || rec->nch < 0 || (rec->nch > 0 && !rec->ch) ||
        (rec->nevents > 0 && !rec->events))
        return err_set(err, SAQR_EINVAL, "%s: the recording's tables are inconsistent", name);
    if (rec->nframes > 0 && (rec->nch == 0 || !rec->values || rec->nframes > SIZE_MAX / (size_t)rec->nch))
        return err_set(err, SAQR_EINVAL, "%s: the recording has frames but no values", name);
    if (sheet->nelements < 0 || (sheet->nelements > 0 && !sheet->elements))
        return err_set(err, SAQR_EINVAL, "%s: the grade sheet's elements are missing", name);
    if (rwy && !(isfinite(rwy->lat_deg) && isfinite(rwy->lon_deg) && isfinite(rwy->heading_true_deg) &&
                 fabs(rwy->lat_deg) < 90.0))
        return err_set(err, SAQR_EINVAL, "%s: runway %.7s: threshold or heading out of range", name, rwy->ident);
    return SAQR_OK;
}

/* ------------------------------------------------------------- formatting */

/* A value for people: whole numbers from 100 up, else three figures. */
static void put_num(FILE *f, double v)
{
    if (isnan(v))
        fputs("\xE2\x80\x93", f); /* en dash */
    else if (isinf(v))
        fputs(v > 0 ? "\xE2\x88\x9E" : "\xE2\x88\x92\xE2\x88\x9E", f); /* infinity */
    else if (fabs(v) >= 100.0)
        fprintf(f, "%.0f", v);
    else
        fprintf(f, "%.3g", v);
}

/* "4900 – 5100 ft (5000 ± 100)", "≥ 85 kt", "≤ 60 deg" or "any". */
static void put_band(FILE *f, const sheet_element *e)
{
    int has_lo = isfinite(e->lo), has_hi = isfinite(e->hi);
    if (!has_lo && !has_hi) {
        fputs("any", f);
        return;
    }
    if (!has_lo) {
        fputs("\xE2\x89\xA4 ", f); /* ≤ */
        put_num(f, e->hi);
    } else if (!has_hi) {
        fputs("\xE2\x89\xA5 ", f); /* ≥ */
        put_num(f, e->lo);
    } else {
        put_num(f, sheet_band_shown(e, e->lo));
        fputs(" \xE2\x80\x93 ", f);
        put_num(f, sheet_band_shown(e, e->hi));
    }
    fputc(' ', f);
    PUT(f, e->unit);
    if (has_lo && has_hi && isfinite(e->target) && isfinite(e->tolerance)) {
        fputs(" (", f);
        put_num(f, e->target);
        fputs(" \xC2\xB1 ", f); /* ± */
        put_num(f, e->tolerance);
        fputc(')', f);
    }
}

static const char *mark_class(grade_mark m)
{
    switch (m) {
    case MARK_EXCELLENT: return "m-excellent";
    case MARK_GOOD: return "m-good";
    case MARK_FAIR: return "m-fair";
    case MARK_UNSAT: return "m-unsat";
    case MARK_NOT_OBSERVED: break;
    }
    return "m-notobs";
}

static const char *result_class(sortie_result r)
{
    switch (r) {
    case SORTIE_PASS: return "r-pass";
    case SORTIE_MARGINAL: return "r-marginal";
    case SORTIE_INCOMPLETE: return "r-incomplete";
    case SORTIE_UNSAT: break;
    }
    return "r-unsat";
}

/* An element is plotted when it was observed over a real window. */
static int observed(const sheet_element *e)
{
    return e->mark != MARK_NOT_OBSERVED && isfinite(e->t_start_s) && isfinite(e->t_end_s) &&
           e->t_end_s >= e->t_start_s;
}

/* How many of e's deductions are listed (0..SHEET_MAX_DEDUCTIONS). */
static int deductions_listed(const sheet_element *e)
{
    return e->ndeductions < 0 ? 0 : e->ndeductions > SHEET_MAX_DEDUCTIONS ? SHEET_MAX_DEDUCTIONS : e->ndeductions;
}

/* --------------------------------------------------------- head and title */

static const char css[] =
    "body{font-family:sans-serif;margin:2em;max-width:64em;color:#222}"
    "table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left;"
    "vertical-align:top}th{background:#f3f3f3}"
    "table.meta td,table.meta th{font-size:90%;padding:1px 6px}"
    ".result{display:inline-block;font-size:200%;font-weight:bold;padding:.15em .6em;border-radius:.2em}"
    ".r-pass{background:#1b7f3b;color:#fff}.r-marginal{background:#e6a700;color:#000}"
    ".r-unsat{background:#b00020;color:#fff}.r-incomplete{background:#777;color:#fff}.summary{font-size:115%}.demo{color:#555;font-style:italic}.comment{white-space:pre-line;border-left:3px solid #888;padding-left:.5em}"
    ".warn{border:2px solid #b00020;background:#fdecea;padding:.6em 1em;margin:1em 0}"
    ".m-excellent{background:#8fd19e}.m-good{background:#d4f0cf}.m-fair{background:#ffd27a}"
    ".m-unsat{background:#f29a9a}.m-notobs{background:#e2e2e2;color:#555}"
    "tr.ded td{border-top:none;font-size:90%}tr.ded ul{margin:0;padding-left:1.2em}"
    ".note{font-style:italic;color:#555}.cap{font-size:90%;color:#444;margin-top:0}"
    "svg{display:block;margin:.5em 0}";

static void write_head(FILE *f, const grade_sheet *s)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/><title>Debrief: ", f);
    PUT(f, s->lesson);
    fprintf(f, "</title><style>%s</style></head><body>\n", css);
}

static void write_title(FILE *f, const rec_data *rec, const grade_sheet *s, const lesson *l)
{
    fputs("<h1>Debrief: ", f);
    PUT(f, s->lesson);
    fputs(" \xE2\x80\x94 ", f); /* em dash */
    PUT(f, s->title);
    fputs("</h1>\n<p>Aircraft <b>", f);
    PUT(f, s->aircraft);
    fputs("</b>, pilot <b>", f);
    PUT(f, s->pilot);
    fputs("</b>", f);
    if (sheet_pilot_is_automatic(s->pilot))
        fputs(" <span class=\"demo\">(the automatic pilot: a demonstration, which never passes the lesson)</span>", f);
    fprintf(f, "</p>\n<p><span class=\"result %s\">%s</span></p>\n<p class=\"summary\">",
            result_class(s->result), sheet_result_name(s->result));
    PUT(f, s->summary);
    fputs("</p>\n", f);
    if (s->instructor_grade[0]) {
        fputs("<p class=\"comment regrade\"><b>Instructor's grade:</b> ", f);
        PUT(f, s->instructor_grade);
        fputs("</p>\n", f);
    }
    if (s->comment[0]) { /* its new lines kept (white-space: pre-line) */
        fputs("<p class=\"comment\"><b>Instructor's comment:</b> ", f);
        PUT(f, s->comment);
        fputs("</p>\n", f);
    }

    /* what was recorded */
    int it = time_channel(rec);
    double t0 = NAN, t1 = NAN;
    if (it >= 0 && rec->nframes > 0) {
        t0 = value(rec, 0, it);
        t1 = value(rec, rec->nframes - 1, it);
    }
    if (rec->damaged) {
        fputs("<div class=\"warn\"><strong>The recording is damaged or was cut.</strong> This debrief covers "
              "only what was recovered",
              f);
        if (isfinite(t1)) {
            fputs(", up to t = ", f);
            put_num(f, t1);
            fputs(" s", f);
        }
        fputs("; later elements may show as not observed. The reader reported: ", f);
        PUT(f, rec->damage);
        fputs("</div>\n", f);
    }
    fprintf(f, "<p>Recording: %zu frames", rec->nframes);
    if (isfinite(t0) && isfinite(t1)) {
        fputs(", t = ", f);
        put_num(f, t0);
        fputs(" \xE2\x80\x93 ", f);
        put_num(f, t1);
        fputs(" s", f);
    }
    if (isfinite(rec->rate_hz) && rec->rate_hz > 0)
        fprintf(f, " at %g Hz", rec->rate_hz);
    fprintf(f, ", %d channels, %zu events.</p>\n", rec->nch, rec->nevents);
    debrief_write_conditions(f, rec);
    debrief_write_sky(f, rec, l);
    if (rec->nmeta > 0) {
        fputs("<table class=\"meta\"><tr><th>recording</th><th>value</th></tr>\n", f);
        for (int i = 0; i < rec->nmeta; i++) {
            fputs("<tr><td>", f);
            PUT(f, rec->meta[i].key);
            fputs("</td><td>", f);
            PUT(f, rec->meta[i].value);
            fputs("</td></tr>\n", f);
        }
        fputs("</table>\n", f);
    }
}

/* ------------------------------------------------------------ grade sheet */

/* An item the instructor marks: no band or measure, the mark and who
 * gave it ("For the instructor" until then). */
static void write_item(FILE *f, const sheet_element *e)
{
    fputs("<tr class=\"item\"><td>", f);
    PUT(f, e->exercise);
    fputs("</td><td>", f);
    PUT(f, e->title);
    fputs("</td><td colspan=\"4\"><i>the instructor's mark</i></td>", f);
    fprintf(f, "<td class=\"%s\">%s", mark_class(e->mark), sheet_item_mark_text(e));
    if (e->marked_by[0]) {
        fputs(" <span class=\"by\">(", f);
        PUT(f, e->marked_by);
        fputs(")</span>", f);
    }
    fputs("</td><td>", f);
    PUT(f, e->source);
    fputs("</td></tr>\n", f);
}

static void write_sheet(FILE *f, const grade_sheet *s)
{
    fputs("<h2>Grade sheet</h2>\n<table class=\"sheet\"><tr><th>exercise</th><th>element</th><th>accepted</th>"
          "<th>worst</th><th>at</th><th>ratio</th><th>mark</th><th>tolerance from</th></tr>\n",
          f);
    for (int i = 0; i < s->nelements; i++) {
        const sheet_element *e = &s->elements[i];
        int seen = e->mark != MARK_NOT_OBSERVED;
        if (e->by_instructor) {
            write_item(f, e);
            continue;
        }
        fputs("<tr><td>", f);
        PUT(f, e->exercise);
        fputs("</td><td>", f);
        if (observed(e))
            fprintf(f, "<a href=\"#el-%d\">", i);
        PUT(f, e->title);
        if (observed(e))
            fputs("</a>", f);
        fputs("</td><td>", f);
        put_band(f, e);
        fputs("</td><td>", f);
        put_num(f, seen ? e->worst : NAN);
        if (seen && isfinite(e->worst)) {
            fputc(' ', f);
            PUT(f, e->unit);
        }
        fputs("</td><td>", f);
        if (seen && isfinite(e->worst_t_s)) {
            fputs("t = ", f);
            put_num(f, e->worst_t_s);
            fputs(" s", f);
        } else {
            put_num(f, NAN);
        }
        fputs("</td><td>", f);
        if (seen && isfinite(e->ratio))
            fprintf(f, "%.2f", e->ratio);
        else
            put_num(f, NAN);
        fprintf(f, "</td><td class=\"%s\">%s</td><td>", mark_class(e->mark), sheet_mark_name(e->mark));
        PUT(f, e->source);
        fputs("</td></tr>\n", f);

        int nded = deductions_listed(e);
        if (nded == 0 && e->nexcursions <= nded)
            continue;
        fputs("<tr class=\"ded\"><td></td><td colspan=\"7\"><ul>", f);
        for (int k = 0; k < nded; k++) {
            fputs("<li>", f);
            PUT(f, e->deductions[k].text);
            fputs("</li>", f);
        }
        if (e->nexcursions > nded)
            fprintf(f, "<li>%d excursions in all.</li>", e->nexcursions);
        fputs("</ul></td></tr>\n", f);
    }
    fputs("</table>\n", f);
}

/* ------------------------------------------------------- element plots */

/* The time range of element e's plot: the graded window and a margin
 * each side (the larger of 10 % of the window and 5 s, within what was
 * recorded). */
static void element_x_range(const rec_data *rec, const sheet_element *e, int it, svg_frame *fr)
{
    double tw0 = e->t_start_s, tw1 = e->t_end_s;
    double margin = fmax(0.1 * (tw1 - tw0), 5.0);
    double tfirst = rec->nframes ? value(rec, 0, it) : tw0;
    double tlast = rec->nframes ? value(rec, rec->nframes - 1, it) : tw1;
    fr->x0 = fmin(tw0, fmax(tw0 - margin, tfirst));
    fr->x1 = fmax(tw1, fmin(tw1 + margin, tlast));
    if (!(fr->x1 > fr->x0)) {
        fr->x0 -= 0.5;
        fr->x1 += 0.5;
    }
}

/* The value range of n values (every stride-th from v) with the band's
 * closed sides and the worst value, padded; 0 when none is finite. */
static int element_y_range(const double *v, size_t n, size_t stride, const sheet_element *e, svg_frame *fr)
{
    if (n == 0 || svg_range(v, n, stride, &fr->y0, &fr->y1) == 0)
        return 0;
    const double with_band[] = {fr->y0, fr->y1, e->lo, e->hi, e->worst}; /* open sides do not count */
    svg_range(with_band, 5, 1, &fr->y0, &fr->y1);
    double pad = fr->y1 > fr->y0 ? 0.06 * (fr->y1 - fr->y0) : 0.05 * fabs(fr->y0) + 1.0;
    fr->y0 -= pad;
    fr->y1 += pad;
    return 1;
}

/* The data ranges of element e's plot: its time range by the range of
 * the channel there, the band's closed sides and the worst value.  Sets
 * *k0 to the first frame in the time range and returns how many frames
 * from there to the last one in it (0: nothing to plot). */
static size_t element_frame(const rec_data *rec, const sheet_element *e, int it, int ic, svg_frame *fr,
                            size_t *k0)
{
    element_x_range(rec, e, it, fr);
    size_t first = rec->nframes, last = 0;
    for (size_t k = 0; k < rec->nframes; k++) {
        double t = value(rec, k, it);
        if (t >= fr->x0 && t <= fr->x1) {
            if (first == rec->nframes)
                first = k;
            last = k;
        }
    }
    *k0 = first;
    size_t n = first < rec->nframes ? last - first + 1 : 0;
    if (n == 0 || !element_y_range(&rec->values[first * (size_t)rec->nch + (size_t)ic], n, (size_t)rec->nch, e, fr))
        return 0;
    return n;
}

/* A graded window narrower than this on the plot is a moment (a
 * touch-down, a roll-out): its band is drawn as a bar of this width. */
#define MOMENT_BAR_PX 8.0

/* 1 when element e is graded at one moment rather than over a window
 * (the plot shows its band as a bar there, the caption says so). */
static int graded_at_a_moment(const svg_frame *fr, const sheet_element *e)
{
    return svg_px(fr, e->t_end_s) - svg_px(fr, e->t_start_s) < MOMENT_BAR_PX;
}

/* The accepted band shaded over the graded window, open sides clipped to
 * the plot, closed sides dashed.  Graded at a moment, the band is a bar
 * centred on it, and its closed sides are also drawn faintly across the
 * whole plot so that the trace before and after can be read against
 * them. */
static void draw_band(FILE *f, const svg_frame *fr, const sheet_element *e)
{
    double x0 = svg_px(fr, e->t_start_s), x1 = svg_px(fr, e->t_end_s);
    const int moment = graded_at_a_moment(fr, e);
    if (moment) {
        double mid = 0.5 * (x0 + x1);
        x0 = mid - 0.5 * MOMENT_BAR_PX;
        x1 = mid + 0.5 * MOMENT_BAR_PX;
    }
    double top = svg_py(fr, fmin(e->hi, fr->y1)), bottom = svg_py(fr, fmax(e->lo, fr->y0));
    fprintf(f, "<rect class=\"band\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#2e9e4f\" "
               "fill-opacity=\"%s\" stroke=\"none\"/>",
            x0, top, fmax(x1 - x0, 1.0), fmax(bottom - top, 0.0), moment ? "0.45" : "0.18");
    for (int side = 0; side < 2; side++) {
        double edge = side ? e->hi : e->lo;
        if (!isfinite(edge))
            continue;
        if (moment)
            fprintf(f, "<line class=\"band-guide\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                       "stroke=\"#2e9e4f\" stroke-opacity=\"0.5\" stroke-dasharray=\"2,4\"/>",
                    fr->left_px, svg_py(fr, edge), fr->left_px + fr->width_px, svg_py(fr, edge));
        fprintf(f, "<line class=\"band-edge\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                   "stroke=\"#2e9e4f\" stroke-dasharray=\"%s\"/>",
                x0, svg_py(fr, edge), x1, svg_py(fr, edge), moment ? "none" : "5,3");
    }
}

/* One span of time from..to shaded grey across the plot's height, cut to
 * the plot's time; 1 when any of it shows. */
static int shade_span(FILE *f, const svg_frame *fr, double from, double to)
{
    double a = fmax(from, fr->x0), b = fmin(to, fr->x1);
    if (!(b > a))
        return 0;
    fprintf(f, "<rect class=\"instructor-span\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
               "fill=\"#777\" fill-opacity=\"0.15\" stroke=\"none\"/>",
            svg_px(fr, a), fr->top_px, fmax(svg_px(fr, b) - svg_px(fr, a), 1.0), fr->height_px);
    return 1;
}

/* The spans of the plot's time in which the instructor had the aircraft
 * (the recording's "control" events: 1 from then, 0 back to the trainee;
 * an exercise flown-by="instructor", or "I have control"), shaded; a span
 * still open at the end runs to the last frame.  Returns how many show. */
static int draw_instructor_spans(FILE *f, const svg_frame *fr, const rec_data *rec, double t_last_s)
{
    int drawn = 0;
    double from = NAN; /* the open span's start */
    for (size_t j = 0; j < rec->nevents; j++) {
        const rec_event *ev = &rec->events[j];
        if (strncmp(ev->kind, "control", REC_NAME_MAX) != 0 || !isfinite(ev->t_s))
            continue;
        if (ev->value > 0.5 && isnan(from)) {
            from = ev->t_s;
        } else if (!(ev->value > 0.5) && !isnan(from)) {
            drawn += shade_span(f, fr, from, ev->t_s);
            from = NAN;
        }
    }
    if (!isnan(from))
        drawn += shade_span(f, fr, from, t_last_s);
    return drawn;
}

static int inside(const svg_frame *fr, double x, double y)
{
    return x >= fr->x0 && x <= fr->x1 && y >= fr->y0 && y <= fr->y1;
}

/* Dots at the deductions (their text as a tooltip) and a ring round the
 * worst value; returns 1 when the ring was drawn. */
static int draw_marks(FILE *f, const svg_frame *fr, const sheet_element *e)
{
    int nded = deductions_listed(e);
    for (int k = 0; k < nded; k++) {
        const sheet_deduction *d = &e->deductions[k];
        if (!inside(fr, d->t_s, d->measured))
            continue;
        fprintf(f, "<circle class=\"deduction\" cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"#b00020\"><title>",
                svg_px(fr, d->t_s), svg_py(fr, d->measured));
        PUT(f, d->text);
        fputs("</title></circle>", f);
    }
    if (!inside(fr, e->worst_t_s, e->worst))
        return 0;
    fprintf(f, "<circle class=\"worst\" cx=\"%.1f\" cy=\"%.1f\" r=\"6\" fill=\"none\" stroke=\"#b00020\" "
               "stroke-width=\"2\"/>",
            svg_px(fr, e->worst_t_s), svg_py(fr, e->worst));
    return 1;
}

/* Element i's section: its heading, then the plot of its channel against
 * sortie time with the band and the worst moment, or a note saying why
 * there is none. */
/* The element's trace: the recorded channel's from frame k0, or a derived
 * channel's worked out again (debrief_derived.h) into *ds.  The plot's
 * frame set; 0 points when there is nothing to plot. */
typedef struct element_trace {
    const double *t, *v;
    size_t n, stride;
} element_trace;

static element_trace element_trace_make(const rec_data *rec, const lesson *l, const sheet_element *e, int it, int ic,
                                        svg_frame *fr, derived_series *ds)
{
    element_trace tr = {NULL, NULL, 0, 1};
    if (it < 0)
        return tr;
    if (ic >= 0) {
        size_t k0 = 0;
        tr.n = element_frame(rec, e, it, ic, fr, &k0);
        const double *row = tr.n ? &rec->values[k0 * (size_t)rec->nch] : NULL;
        tr.t = row ? row + it : NULL;
        tr.v = row ? row + ic : NULL;
        tr.stride = (size_t)rec->nch;
        return tr;
    }
    char channel[sizeof e->channel + 1], exercise[sizeof e->exercise + 1];
    snprintf(channel, sizeof channel, "%.*s", (int)sizeof e->channel, e->channel);
    snprintf(exercise, sizeof exercise, "%.*s", (int)sizeof e->exercise, e->exercise);
    element_x_range(rec, e, it, fr);
    if (!derived_series_make(rec, l, exercise, channel, fr->x0, fr->x1, ds) ||
        !element_y_range(ds->v, ds->n, 1, e, fr))
        return tr;
    tr.t = ds->t_s;
    tr.v = ds->v;
    tr.n = ds->n;
    return tr;
}

static void write_element(FILE *f, const rec_data *rec, const lesson *l, const sheet_element *e, int i,
                          derived_series *ds)
{
    fprintf(f, "<section class=\"element\" id=\"el-%d\"><h3>", i);
    PUT(f, e->exercise);
    fputs(": ", f);
    PUT(f, e->title);
    fprintf(f, " <span class=\"%s\">%s</span></h3>\n", mark_class(e->mark), sheet_mark_name(e->mark));

    int ic = channel_index(rec, e->channel), it = time_channel(rec);
    svg_frame fr = {.left_px = 72, .top_px = 12, .width_px = PLOT_W - 72 - 16, .height_px = PLOT_H - 12 - 40};
    char name[sizeof e->channel + 1];
    snprintf(name, sizeof name, "%.*s", (int)sizeof e->channel, e->channel);
    int derived = ic < 0 && derived_channel_known(name);
    element_trace tr = element_trace_make(rec, l, e, it, ic, &fr, ds);
    if (tr.n == 0) {
        fputs("<p class=\"note\">Channel <code>", f);
        PUT(f, e->channel);
        fputs(ic < 0 && !derived ? "</code> was not recorded: no plot.</p></section>\n"
              : ic < 0 && !l     ? "</code> is worked out from the lesson, which was not given: no plot.</p>"
                                   "</section>\n"
                                 : "</code> has no samples in the graded window: no plot.</p></section>\n",
              f);
        return;
    }
    char channel[sizeof e->channel + 1], attrs[160];
    snprintf(channel, sizeof channel, "%.*s", (int)sizeof e->channel, e->channel);
    svg_open(f, PLOT_W, PLOT_H, "plot", &fr);
    fprintf(f, "<defs><clipPath id=\"clip-el-%d\"><rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>"
               "</clipPath></defs>",
            i, fr.left_px, fr.top_px, fr.width_px, fr.height_px);
    svg_axes(f, &fr, "sortie time (s)", channel);
    draw_band(f, &fr, e);
    const double t_last = value(rec, rec->nframes - 1, it);
    int instructor = draw_instructor_spans(f, &fr, rec, t_last);
    snprintf(attrs, sizeof attrs,
             "class=\"trace\" fill=\"none\" stroke=\"#1f5fa8\" stroke-width=\"1.4\" clip-path=\"url(#clip-el-%d)\"", i);
    svg_polyline(f, &fr, tr.t, tr.v, tr.n, tr.stride, DEBRIEF_MAX_PLOT_POINTS, attrs);
    int worst_shown = draw_marks(f, &fr, e);

    fputs("</svg>\n<p class=\"cap\">", f);
    PUT(f, e->channel);
    fputs(derived ? " (worked out from the recording as the grader did, from the exercise's start) against "
                    "sortie time. Shaded: the accepted band ("
                  : " against sortie time. Shaded: the accepted band (",
          f);
    put_band(f, e);
    if (graded_at_a_moment(&fr, e)) {
        fputs(") at the graded moment t = ", f);
        put_num(f, 0.5 * (e->t_start_s + e->t_end_s));
        fputs(" s, its limits dotted across the plot", f);
    } else {
        fputs(") over the graded window t = ", f);
        put_num(f, e->t_start_s);
        fputs(" \xE2\x80\x93 ", f);
        put_num(f, e->t_end_s);
        fputs(" s", f);
    }
    if (worst_shown) {
        fputs("; circled: the worst value, ", f);
        put_num(f, e->worst);
        fputc(' ', f);
        PUT(f, e->unit);
        fputs(" at t = ", f);
        put_num(f, e->worst_t_s);
        fputs(" s", f);
    }
    if (instructor)
        fputs("; grey: the instructor had the aircraft", f);
    fputs(".</p></section>\n", f);
}

/* ---------------------------------------------------------- ground track */

/* The frame the track is drawn in: u along the reference's heading from
 * its origin, v to the left of it (up the page), ft. */
typedef struct local_frame {
    airport_runway ref;     /* the runway, or the first point facing east */
} local_frame;

static local_frame local_make(double lat0_deg, double lon0_deg, double heading_deg)
{
    local_frame lf;
    memset(&lf, 0, sizeof lf);
    lf.ref.lat_deg = lat0_deg;
    lf.ref.lon_deg = lon0_deg;
    lf.ref.heading_true_deg = heading_deg;
    return lf;
}

/* Position of frame k in the local frame; 0 when lat/lon are not finite. */
static int track_point(const rec_data *rec, const local_frame *lf, int ilat, int ilon, size_t k, double *u,
                       double *v)
{
    double lat = value(rec, k, ilat), lon = value(rec, k, ilon);
    if (!isfinite(lat) || !isfinite(lon) || fabs(lat) > 90.0)
        return 0;
    double y_right_ft;
    runway_from_geodetic(&lf->ref, lat, lon, u, &y_right_ft);
    *v = -y_right_ft;
    return isfinite(*u) && isfinite(*v);
}

/* An event kind as a CSS class word: lower-case letters, digits, '-'. */
static void put_class_word(FILE *f, const char *s, size_t max)
{
    for (size_t i = 0; i < max && s[i]; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')
            fputc(c, f);
    }
}

/* Event labels on the ground track: their boxes, estimated from the
 * text's length (font-size 11: ~6.2 px a character, 11 px high), so that
 * a label is not written over another (a touch-down just past the
 * landing exercise's start). */
#define LABEL_CHAR_PX 6.2
#define LABEL_LINE_PX 13.0
#define LABELS_PLACED_MAX 64

typedef struct label_box {
    double x0, y0, x1, y1;
} label_box;

typedef struct label_place {
    label_box box[LABELS_PLACED_MAX];
    int n;
} label_place;

static int boxes_overlap(const label_box *a, const label_box *b)
{
    return a->x0 < b->x1 && b->x0 < a->x1 && a->y0 < b->y1 && b->y0 < a->y1;
}

/* Where the label of `chars` characters for the point (x, y) goes: right
 * of the point, above it, else below it, else a line further up or down
 * each time, the first place that overlaps no label placed before (the
 * last one tried when all do).  Sets the text's baseline start. */
static void place_label(label_place *lp, double x, double y, size_t chars, double *tx, double *ty)
{
    const double w = LABEL_CHAR_PX * (double)chars;
    label_box b = {0};
    for (int k = 0; k < 10; k++) {
        double dy = (k & 1) ? 14.0 + LABEL_LINE_PX * (k / 2) : -6.0 - LABEL_LINE_PX * (k / 2);
        *tx = x + 8.0;
        *ty = y + dy;
        b = (label_box){*tx, *ty - 10.0, *tx + w, *ty + 2.0};
        int free_place = 1;
        for (int i = 0; i < lp->n && free_place; i++)
            free_place = !boxes_overlap(&b, &lp->box[i]);
        if (free_place)
            break;
    }
    if (lp->n < LABELS_PLACED_MAX)
        lp->box[lp->n++] = b;
}

static void write_events_on_track(FILE *f, const rec_data *rec, const local_frame *lf, const svg_frame *fr,
                                  int ilat, int ilon)
{
    label_place placed = {.n = 0};
    int it = time_channel(rec);
    double t0 = value(rec, 0, it), t1 = value(rec, rec->nframes - 1, it);
    double slack_s = rec->rate_hz > 0 && isfinite(rec->rate_hz) ? fmax(1.0 / rec->rate_hz, 0.1) : 1.0;
    for (size_t j = 0; j < rec->nevents; j++) {
        const rec_event *ev = &rec->events[j];
        if (!isfinite(ev->t_s) || ev->t_s < t0 - slack_s || ev->t_s > t1 + slack_s)
            continue; /* not where the track is */
        double u, v;
        if (!track_point(rec, lf, ilat, ilon, nearest_frame(rec, it, ev->t_s), &u, &v))
            continue;
        int td = strncmp(ev->kind, "touchdown", REC_NAME_MAX) == 0;
        int labelled = rec_moment_label(ev->kind) != NULL || strncmp(ev->kind, "exercise-start", REC_NAME_MAX) == 0;
        double x = svg_px(fr, u), y = svg_py(fr, v);
        fputs("<circle class=\"event ", f);
        put_class_word(f, ev->kind, sizeof ev->kind);
        fprintf(f, "\" cx=\"%.1f\" cy=\"%.1f\" r=\"%d\" fill=\"%s\" stroke=\"#000\" stroke-width=\"0.5\"><title>t = ",
                x, y, td ? 6 : 4, td ? "#e6a700" : "#7a3db8");
        put_num(f, ev->t_s);
        fputs(" s: ", f);
        PUT(f, ev->kind);
        fputc(' ', f);
        PUT(f, ev->text);
        fputs("</title></circle>", f);
        if (labelled) {
            size_t chars = strnlen(ev->kind, sizeof ev->kind);
            if (ev->text[0])
                chars += 1 + strnlen(ev->text, sizeof ev->text);
            double tx, ty;
            place_label(&placed, x, y, chars, &tx, &ty);
            if (ty > y + 14.0 || ty < y - 6.0) /* moved off its point: a leader to it */
                fprintf(f, "<line class=\"leader\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#888\" "
                           "stroke-width=\"0.6\"/>",
                        x, y, tx - 1.0, ty < y ? ty + 2.0 : ty - 10.0);
            fprintf(f, "<text class=\"event-label\" x=\"%.1f\" y=\"%.1f\" font-size=\"11\">", tx, ty);
            PUT(f, ev->kind);
            if (ev->text[0]) {
                fputc(' ', f);
                PUT(f, ev->text);
            }
            fputs("</text>", f);
        }
    }
}

/* The extent of the valid track points in `fr` (data ranges); returns how
 * many there were. */
static size_t track_extent(const rec_data *rec, const local_frame *lf, int ilat, int ilon, svg_frame *fr)
{
    size_t npts = 0;
    for (size_t k = 0; k < rec->nframes; k++) {
        double u, v;
        if (!track_point(rec, lf, ilat, ilon, k, &u, &v))
            continue;
        if (npts++ == 0) {
            fr->x0 = fr->x1 = u;
            fr->y0 = fr->y1 = v;
        }
        fr->x0 = fmin(fr->x0, u);
        fr->x1 = fmax(fr->x1, u);
        fr->y0 = fmin(fr->y0, v);
        fr->y1 = fmax(fr->y1, v);
    }
    return npts;
}

/* The runway to scale: a rectangle from the threshold, its centreline and
 * its name. */
static void draw_runway(FILE *f, const svg_frame *fr, const airport_runway *rwy)
{
    double x0 = svg_px(fr, 0.0), x1 = svg_px(fr, rwy->length_ft);
    double ytop = svg_py(fr, rwy->width_ft / 2), ybot = svg_py(fr, -rwy->width_ft / 2);
    fprintf(f, "<rect class=\"runway\" x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"#555\" "
               "stroke=\"#222\"/>",
            x0, ytop, x1 - x0, ybot - ytop);
    fprintf(f, "<line class=\"centreline\" x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" stroke=\"#fff\" "
               "stroke-dasharray=\"6,4\" stroke-width=\"0.8\"/>",
            x0, svg_py(fr, 0.0), x1, svg_py(fr, 0.0));
    fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">RWY ", x0 - 4, ybot + 12);
    PUT(f, rwy->ident);
    fputs("</text>", f);
}

/* The track line through at most TRACK_MAX_POINTS frames, leaving out
 * points closer than 0.7 px to the last one drawn (the last frame is
 * always drawn), and a marker where it starts. */
static void draw_track_line(FILE *f, const rec_data *rec, const local_frame *lf, const svg_frame *fr, int ilat,
                            int ilon)
{
    size_t step = (rec->nframes + TRACK_MAX_POINTS - 1) / TRACK_MAX_POINTS, written = 0;
    double lastx = 0, lasty = 0, startx = 0, starty = 0;
    for (size_t k = 0; k < rec->nframes; k += step) {
        size_t kk = k + step >= rec->nframes ? rec->nframes - 1 : k; /* end on the last frame */
        double u, v;
        if (!track_point(rec, lf, ilat, ilon, kk, &u, &v))
            continue;
        double x = svg_px(fr, u), y = svg_py(fr, v);
        if (written > 0 && kk != rec->nframes - 1 && hypot(x - lastx, y - lasty) < 0.7)
            continue;
        if (written == 0) {
            fputs("<polyline class=\"trace\" fill=\"none\" stroke=\"#1f5fa8\" stroke-width=\"1.4\" "
                  "clip-path=\"url(#clip-track)\" points=\"",
                  f);
            startx = x;
            starty = y;
        }
        fprintf(f, "%.1f,%.1f ", x, y);
        lastx = x;
        lasty = y;
        written++;
    }
    if (written == 0)
        return;
    fprintf(f, "\"/><circle class=\"start\" cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"#1b7f3b\"><title>start of "
               "the recording</title></circle>",
            startx, starty);
}

/* A checkpoint of the lesson's route in the track's frame; 0 when its
 * position is not finite there. */
static int checkpoint_point(const local_frame *lf, const lesson_checkpoint *cp, double *u, double *v)
{
    double y_right_ft;
    runway_from_geodetic(&lf->ref, cp->lat_deg, cp->lon_deg, u, &y_right_ft);
    *v = -y_right_ft;
    return isfinite(*u) && isfinite(*v);
}

/* A geodetic position in the track's frame; 0 when not finite there. */
static int geodetic_point(const local_frame *lf, double lat_deg, double lon_deg, double *u, double *v)
{
    lesson_checkpoint at = {.lat_deg = lat_deg, .lon_deg = lon_deg};
    return checkpoint_point(lf, &at, u, v);
}

/* 1 when some exercise of l flies a leg of its route, or diverts. */
static int lesson_has_legs(const lesson *l)
{
    for (int i = 0; l && i < l->nexercises; i++)
        if (lesson_exercise_leg(l, i) || lesson_exercise_diversion(l, i))
            return 1;
    return 0;
}

/* The lesson's diversion as flown (from where it began, replayed from
 * the recording, into *out); NULL when it has none or it never began. */
static const lesson_leg *diversion_flown(const rec_data *rec, const lesson *l, lesson_leg *out)
{
    int i = lesson_diversion_exercise(l);
    leg_flown flown;
    if (i < 0 || !derived_leg_flown(rec, l, i, &flown) || !flown.flew)
        return NULL;
    *out = flown.leg;
    return out;
}

/* Exercise i's leg as the chart draws it: the route's, or the diversion
 * as flown (`diverted`, NULL when not flown). */
static const lesson_leg *chart_leg(const lesson *l, int i, const lesson_leg *diverted)
{
    const lesson_leg *leg = lesson_exercise_leg(l, i);
    return leg ? leg : lesson_exercise_diversion(l, i) ? diverted : NULL;
}

/* Widens fr's data ranges to hold the ends of the lesson's legs. */
static void legs_extent(const lesson *l, const lesson_leg *diverted, const local_frame *lf, svg_frame *fr)
{
    for (int i = 0; l && i < l->nexercises; i++) {
        const lesson_leg *leg = chart_leg(l, i, diverted);
        if (!leg)
            continue;
        const double lat[2] = {leg->lat0_deg, leg->to_lat_deg}, lon[2] = {leg->lon0_deg, leg->to_lon_deg};
        for (int k = 0; k < 2; k++) {
            double u, v;
            if (!geodetic_point(lf, lat[k], lon[k], &u, &v))
                continue;
            fr->x0 = fmin(fr->x0, u);
            fr->x1 = fmax(fr->x1, u);
            fr->y0 = fmin(fr->y0, v);
            fr->y1 = fmax(fr->y1, v);
        }
    }
}

/* A checkpoint's square and name. */
static void draw_checkpoint(FILE *f, const lesson_checkpoint *cp, const local_frame *lf, const svg_frame *fr)
{
    double u, v;
    if (!checkpoint_point(lf, cp, &u, &v))
        return;
    double x = svg_px(fr, u), y = svg_py(fr, v);
    /* the name right of the square, or left of it where it would run off
     * the picture */
    int left = x + 7.0 + LABEL_CHAR_PX * (double)strnlen(cp->name, sizeof cp->name) > TRACK_W;
    fprintf(f, "<rect class=\"checkpoint\" x=\"%.1f\" y=\"%.1f\" width=\"8\" height=\"8\" fill=\"none\" "
               "stroke=\"#b0307a\" stroke-width=\"1.5\"/><text class=\"checkpoint-label\" x=\"%.1f\" "
               "y=\"%.1f\" font-size=\"11\" fill=\"#b0307a\"%s>",
            x - 4.0, y - 4.0, left ? x - 7.0 : x + 7.0, y + 14.0, left ? " text-anchor=\"end\"" : "");
    PUT(f, cp->name);
    fputs("</text>", f);
}

/* The lesson's legs as the planned course lines, and their checkpoints
 * named (each once); a diversion's line from where it was called (a
 * circle) to its destination. */
static void draw_legs(FILE *f, const lesson *l, const lesson_leg *diverted, const local_frame *lf,
                      const svg_frame *fr)
{
    int named[LESSON_MAX_CHECKPOINTS] = {0};
    for (int i = 0; l && i < l->nexercises; i++) {
        const lesson_leg *leg = chart_leg(l, i, diverted);
        double ua, va, ub, vb;
        if (!leg || !geodetic_point(lf, leg->lat0_deg, leg->lon0_deg, &ua, &va) ||
            !geodetic_point(lf, leg->to_lat_deg, leg->to_lon_deg, &ub, &vb))
            continue;
        int diversion = leg->from == LESSON_LEG_DIVERTED;
        fprintf(f, "<line class=\"%s\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#b0307a\" "
                   "stroke-width=\"1.2\" stroke-dasharray=\"%s\" clip-path=\"url(#clip-track)\"><title>",
                diversion ? "leg diversion" : "leg", svg_px(fr, ua), svg_py(fr, va), svg_px(fr, ub), svg_py(fr, vb),
                diversion ? "2,3" : "8,4");
        PUT(f, l->exercises[i].id);
        fprintf(f, ": course %03.0f, %.1f nm</title></line>", leg->course_deg, leg->length_nm);
        if (diversion)
            fprintf(f, "<circle class=\"diversion-called\" cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"none\" "
                       "stroke=\"#b0307a\" stroke-width=\"1.5\"><title>where the diversion began</title></circle>",
                    svg_px(fr, ua), svg_py(fr, va));
        const int ends[2] = {diversion ? -1 : leg->from, leg->to};
        for (int k = 0; k < 2; k++) {
            if (ends[k] < 0 || ends[k] >= l->route.n || named[ends[k]])
                continue;
            named[ends[k]] = 1;
            draw_checkpoint(f, &l->route.cp[ends[k]], lf, fr);
        }
    }
}

/* 1 when some exercise of l flies about a point (a ground reference). */
static int lesson_has_circles(const lesson *l)
{
    for (int i = 0; l && i < l->nexercises; i++)
        if (l->exercises[i].around.kind != LAROUND_NONE)
            return 1;
    return 0;
}

/* Each exercise's circle about its point, as flown (derived_circle_flown):
 * widens fr's data ranges to hold it, or (f not NULL) draws it dashed
 * with its point a cross. */
static void circles(FILE *f, const rec_data *rec, const lesson *l, const local_frame *lf, svg_frame *fr)
{
    for (int i = 0; l && i < l->nexercises; i++) {
        double lat, lon, u, v;
        if (!derived_circle_flown(rec, l, i, &lat, &lon) || !geodetic_point(lf, lat, lon, &u, &v))
            continue;
        const double r_ft = l->exercises[i].around.radius_nm * M_PER_NMI / M_PER_FT;
        if (!f) {
            fr->x0 = fmin(fr->x0, u - r_ft);
            fr->x1 = fmax(fr->x1, u + r_ft);
            fr->y0 = fmin(fr->y0, v - r_ft);
            fr->y1 = fmax(fr->y1, v + r_ft);
            continue;
        }
        double x = svg_px(fr, u), y = svg_py(fr, v), r = fabs(svg_px(fr, u + r_ft) - x);
        fprintf(f, "<g class=\"circle\"><title>");
        PUT(f, l->exercises[i].id);
        fprintf(f, ": %.2f nm about the point</title><circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"none\" "
                   "stroke=\"#b0307a\" stroke-width=\"1.2\" stroke-dasharray=\"8,4\" clip-path=\"url(#clip-track)\"/>"
                   "<path d=\"M%.1f %.1fl8 8m0 -8l-8 8\" stroke=\"#b0307a\" stroke-width=\"1.5\"/></g>",
                l->exercises[i].around.radius_nm, x, y, r, x - 4.0, y - 4.0);
    }
}

static void write_track(FILE *f, const rec_data *rec, const airport_runway *rwy, const lesson *l)
{
    fputs("<h2>Ground track</h2>\n", f);
    int ilat = channel_index(rec, "lat-deg"), ilon = channel_index(rec, "lon-deg");
    if (ilat < 0 || ilon < 0) {
        fputs("<p class=\"note\">The recording has no lat-deg / lon-deg channels: no ground track.</p>\n", f);
        return;
    }
    /* the reference point: the threshold, else the first valid point */
    size_t kfirst = 0;
    while (kfirst < rec->nframes && !(isfinite(value(rec, kfirst, ilat)) && isfinite(value(rec, kfirst, ilon)) &&
                                      fabs(value(rec, kfirst, ilat)) <= 90.0))
        kfirst++;
    if (kfirst == rec->nframes) {
        fputs("<p class=\"note\">No valid position was recorded: no ground track.</p>\n", f);
        return;
    }
    /* a navigation lesson's route is read as a chart: north up, from the
     * runway's threshold (a runway a speck at that scale, not drawn) */
    int chart = rwy && (lesson_has_legs(l) || lesson_has_circles(l));
    local_frame lf = rwy ? local_make(rwy->lat_deg, rwy->lon_deg, chart ? 90.0 : rwy->heading_true_deg)
                         : local_make(value(rec, kfirst, ilat), value(rec, kfirst, ilon), 90.0);
    int has_strip = rwy && !chart && isfinite(rwy->length_ft) && isfinite(rwy->width_ft) && rwy->length_ft > 0 &&
                    rwy->width_ft > 0;

    /* the track and the runway with a margin, at equal scales */
    svg_frame fr = {.left_px = 80, .top_px = 12, .width_px = TRACK_W - 80 - 16, .height_px = TRACK_H - 12 - 40};
    if (track_extent(rec, &lf, ilat, ilon, &fr) == 0) {
        fputs("<p class=\"note\">No valid position was recorded: no ground track.</p>\n", f);
        return;
    }
    lesson_leg diverted_buf;
    const lesson_leg *diverted = chart ? diversion_flown(rec, l, &diverted_buf) : NULL;
    legs_extent(l, diverted, &lf, &fr);
    circles(NULL, rec, l, &lf, &fr);
    if (has_strip) {
        const double us[] = {fr.x0, fr.x1, 0.0, rwy->length_ft};
        const double vs[] = {fr.y0, fr.y1, -rwy->width_ft / 2, rwy->width_ft / 2};
        svg_range(us, 4, 1, &fr.x0, &fr.x1);
        svg_range(vs, 4, 1, &fr.y0, &fr.y1);
    }
    double span = fmax(fmax(fr.x1 - fr.x0, fr.y1 - fr.y0), 200.0);
    fr.x0 -= 0.06 * span;
    fr.x1 += 0.06 * span;
    fr.y0 -= 0.06 * span;
    fr.y1 += 0.06 * span;
    svg_frame_equal(&fr);

    svg_open(f, TRACK_W, TRACK_H, "track", &fr);
    fprintf(f, "<defs><clipPath id=\"clip-track\"><rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>"
               "</clipPath></defs>",
            fr.left_px, fr.top_px, fr.width_px, fr.height_px);
    if (chart) {
        char xt[64];
        snprintf(xt, sizeof xt, "east of runway %.7s's threshold (ft)", rwy->ident);
        svg_axes(f, &fr, xt, "north of it (ft)");
    } else if (rwy) {
        char xt[64];
        snprintf(xt, sizeof xt, "along runway %.7s from the threshold (ft)", rwy->ident);
        svg_axes(f, &fr, xt, "left of the centreline (ft)");
    } else {
        svg_axes(f, &fr, "east of the first point (ft)", "north of the first point (ft)");
    }
    if (has_strip)
        draw_runway(f, &fr, rwy);
    draw_legs(f, l, diverted, &lf, &fr);
    circles(f, rec, l, &lf, &fr);
    draw_track_line(f, rec, &lf, &fr, ilat, ilon);
    write_events_on_track(f, rec, &lf, &fr, ilat, ilon);
    fputs("</svg>\n<p class=\"cap\">", f);
    if (chart) {
        fputs("North up, from the threshold of runway ", f);
        PUT(f, rwy->ident);
        fputs("; equal scales on both axes", f);
    } else if (rwy) {
        fputs("Seen from above in the frame of runway ", f);
        PUT(f, rwy->ident);
        fputs(": the threshold at 0, the landing direction to the right, so right of the centreline is down the "
              "page; equal scales on both axes",
              f);
        if (has_strip) {
            fputs(", the runway drawn to size (", f);
            put_num(f, rwy->length_ft);
            fputs(" \xC3\x97 ", f);
            put_num(f, rwy->width_ft);
            fputs(" ft)", f);
        }
    } else {
        fputs("North up, from the first recorded point; equal scales on both axes", f);
    }
    fputs(". Green: start; circles: events (touchdown in amber)", f);
    if (lesson_has_legs(l))
        fputs("; dashed: the route's planned courses, squares its checkpoints", f);
    if (lesson_has_circles(l))
        fputs("; dashed circles: the circles to fly about each exercise's point (a cross)", f);
    if (chart && lesson_diversion_exercise(l) >= 0)
        fputs("; dotted: the diversion's course from where it began (a circle), if it began", f);
    fputs(".</p>\n", f);
}

/* ------------------------------------------------------------------ events */

static void write_events(FILE *f, const rec_data *rec)
{
    fputs("<h2>Events</h2>\n", f);
    if (rec->nevents == 0) {
        fputs("<p class=\"note\">No events were recorded.</p>\n", f);
        return;
    }
    fputs("<table class=\"events\"><tr><th>t (s)</th><th>event</th><th>value</th><th>text</th></tr>\n", f);
    for (size_t j = 0; j < rec->nevents; j++) {
        const rec_event *ev = &rec->events[j];
        fputs("<tr><td>", f);
        if (isfinite(ev->t_s))
            fprintf(f, "%.1f", ev->t_s);
        else
            put_num(f, ev->t_s);
        fputs("</td><td>", f);
        PUT(f, ev->kind);
        fputs("</td><td>", f);
        if (strncmp(ev->kind, ITEM_MARK_EVENT, REC_NAME_MAX) == 0 && item_mark_value_ok(ev->value))
            fputs(ev->value == MARK_NOT_OBSERVED ? "mark taken off" : sheet_mark_name((grade_mark)ev->value), f);
        else if (isfinite(ev->value))
            fprintf(f, "%g", ev->value);
        else
            put_num(f, ev->value);
        fputs("</td><td>", f);
        PUT(f, ev->text);
        fputs("</td></tr>\n", f);
    }
    fputs("</table>\n", f);
}

/* ------------------------------------------------------------------- page */

int debrief_write_html_stream(FILE *f, const char *name, const rec_data *rec, const grade_sheet *sheet,
                              const airport_runway *rwy, const lesson *l, saqr_err *err)
{
    saqr_status st = check_inputs(name, rec, sheet, rwy, err);
    if (st != SAQR_OK)
        return (int)st;
    write_head(f, sheet);
    write_title(f, rec, sheet, l);
    write_sheet(f, sheet);
    fputs("<h2>Elements</h2>\n", f);
    int nplots = 0;
    static_assert(DERIVED_SERIES_MAX <= DEBRIEF_MAX_PLOT_POINTS, "a derived trace is not thinned again");
    derived_series ds; /* 24 kB: a derived channel's trace, one element at a time */
    for (int i = 0; i < sheet->nelements; i++) {
        if (!observed(&sheet->elements[i]))
            continue;
        write_element(f, rec, l, &sheet->elements[i], i, &ds);
        nplots++;
    }
    if (nplots == 0)
        fputs("<p class=\"note\">No element was observed.</p>\n", f);
    debrief_write_navlog(f, rec, l);
    write_track(f, rec, rwy, l);
    debrief_write_formation(f, rec, l);
    debrief_write_profile(f, rec, rwy, l);
    write_events(f, rec);
    fputs("</body></html>\n", f);
    if (fflush(f) != 0 || ferror(f))
        return (int)err_set(err, SAQR_EIO, "%s: writing the debrief failed", name);
    return SAQR_OK;
}

int debrief_write_html(const char *path, const rec_data *rec, const grade_sheet *sheet, const airport_runway *rwy,
                       const lesson *l, saqr_err *err)
{
    saqr_status st = check_inputs(path, rec, sheet, rwy, err);
    if (st != SAQR_OK)
        return (int)st;
    FILE *f = fopen(path, "w");
    if (!f)
        return (int)err_set(err, SAQR_EIO, "%s: cannot write the debrief: %s", path, strerror(errno));
    int rc = debrief_write_html_stream(f, path, rec, sheet, rwy, l, err);
    if (fclose(f) != 0 && rc == SAQR_OK)
        rc = (int)err_set(err, SAQR_EIO, "%s: writing the debrief failed: %s", path, strerror(errno));
    return rc;
}
