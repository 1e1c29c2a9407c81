/*
 * debrief_profile.c - the final approaches' vertical profiles on a
 * sortie's debrief page (see debrief_profile.h).
 *
 * Finals are found backwards from the end of the recording: the last
 * frame in the final approach's cone (approach_path.h), and the frames
 * before it that stay in the cone, then the same again before those.  A
 * take-off never comes from before the threshold and has none.  A jump
 * back along the runway (the instructor's reposition to final, a recall,
 * a rewind) ends one final and begins the next, though both are in the
 * cone.  Distances are in the runway frame the
 * grader measures touch-downs in (airport.h), and heights are above the
 * threshold's elevation, as an approach's glide path is laid (ICAO Annex
 * 14 vol. I ch. 5.3.5; FAA-H-8083-3C ch. 9: a 3 deg path crosses the
 * threshold near 50 ft on its way to an aim point 1,000 ft in).
 */
#include "train/debrief_profile.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "math/angle.h"
#include "math/units.h"
#include "train/approach_path.h"
#include "report/svg_plot.h"

#define FT_PER_NM (M_PER_NMI / M_PER_FT)
#define FINAL_MIN_FT (0.5 * FT_PER_NM)  /* a final of less is not shown      */
#define PROFILE_W 720.0
#define PROFILE_H 300.0
#define PROFILE_MAX_POINTS 3000
/* A frame this much further out than the one after it was not flown to:
 * the aircraft was put there (no trainer covers 500 ft between frames) */
#define JUMP_BACK_FT 500.0

/* A frame's place: along the runway, right of it, above the threshold. */
typedef struct frame_pos {
    double x_ft, y_ft, h_ft;
} frame_pos;

static int position(const rec_data *rec, const airport_runway *rwy, int ilat, int ilon, int ialt, size_t k,
                    frame_pos *p)
{
    double lat = rec_value(rec, k, ilat), lon = rec_value(rec, k, ilon), alt = rec_value(rec, k, ialt);
    if (!isfinite(lat) || !isfinite(lon) || !isfinite(alt) || fabs(lat) > 90.0)
        return 0;
    runway_from_geodetic(rwy, lat, lon, &p->x_ft, &p->y_ft);
    p->h_ft = alt - rwy->elevation_ft;
    return isfinite(p->x_ft) && isfinite(p->y_ft);
}

static int in_cone(const frame_pos *p, const airport_runway *rwy)
{
    return approach_in_final_cone(p->x_ft, p->y_ft, p->h_ft, rwy->length_ft);
}

typedef struct channels {
    int lat, lon, alt;
} channels;

static int channels_find(const rec_data *rec, channels *c)
{
    c->lat = rec_channel_index(rec, "lat-deg");
    c->lon = rec_channel_index(rec, "lon-deg");
    c->alt = rec_channel_index(rec, "alt-ft");
    return c->lat >= 0 && c->lon >= 0 && c->alt >= 0;
}

/* The latest final approach of at least FINAL_MIN_FT that ends before
 * frame *end: 1 and *out; *end moves before every segment of the cone
 * looked at, so a next call goes on from there.  0 when none is left. */
static int final_before(const rec_data *rec, const airport_runway *rwy, const channels *c, size_t *end,
                        debrief_final *out)
{
    for (;;) {
        frame_pos p;
        size_t k1 = *end;
        while (k1 > 0 && !(position(rec, rwy, c->lat, c->lon, c->alt, k1 - 1, &p) && in_cone(&p, rwy)))
            k1--;
        if (k1 == 0) {
            *end = 0;
            return 0;
        }
        k1--;
        size_t k0 = k1;
        double from_x = p.x_ft, next_x = p.x_ft;
        while (k0 > 0 && position(rec, rwy, c->lat, c->lon, c->alt, k0 - 1, &p) && in_cone(&p, rwy) &&
               !(p.x_ft > next_x + JUMP_BACK_FT)) {
            k0--;
            from_x = fmin(from_x, p.x_ft);
            next_x = p.x_ft;
        }
        *end = k0;
        if (from_x <= -FINAL_MIN_FT) {
            out->k0 = k0;
            out->k1 = k1;
            out->from_x_ft = from_x;
            return 1;
        }
    }
}

int debrief_finals_find(const rec_data *rec, const airport_runway *rwy, debrief_final *out, int max)
{
    channels c;
    if (!rec || !rwy || rec->nframes == 0 || !channels_find(rec, &c) || max <= 0)
        return 0;
    /* found newest first into a ring of `max`; laid out oldest first */
    size_t end = rec->nframes;
    int n = 0;
    debrief_final fin;
    while (final_before(rec, rwy, &c, &end, &fin)) {
        if (n < max)
            out[n] = fin;
        n++;
    }
    const int kept = n < max ? n : max;
    for (int i = 0; i < kept / 2; i++) {
        const debrief_final t = out[i];
        out[i] = out[kept - 1 - i];
        out[kept - 1 - i] = t;
    }
    return n;
}

int debrief_final_find(const rec_data *rec, const airport_runway *rwy, debrief_final *out)
{
    return debrief_finals_find(rec, rwy, out, 1) > 0;
}

/* Where the touch-down events within final fin were, in the order
 * recorded: the first `max` into p[] (at the first frame at or after
 * each, its position known); how many there were. */
static int touchdowns(const rec_data *rec, const airport_runway *rwy, const debrief_final *fin, frame_pos *p,
                      int max)
{
    channels c;
    const int it = rec_channel_index(rec, "t-s");
    if (it < 0 || !channels_find(rec, &c))
        return 0;
    const double t0 = rec_value(rec, fin->k0, it), t1 = rec_value(rec, fin->k1, it);
    int n = 0;
    for (size_t e = 0; e < rec->nevents && n < max; e++) {
        const rec_event *ev = &rec->events[e];
        if (strncmp(ev->kind, "touchdown", REC_NAME_MAX) != 0 || !(ev->t_s >= t0 && ev->t_s <= t1))
            continue;
        size_t k = fin->k0;
        while (k < fin->k1 && rec_value(rec, k, it) < ev->t_s)
            k++;
        if (position(rec, rwy, c.lat, c.lon, c.alt, k, &p[n]))
            n++;
    }
    return n;
}

int debrief_final_ending(const rec_data *rec, const airport_runway *rwy, const debrief_final *fin,
                         double *touch_x_ft, double *low_h_ft, double *low_x_ft)
{
    *touch_x_ft = *low_h_ft = *low_x_ft = NAN;
    frame_pos first;
    if (touchdowns(rec, rwy, fin, &first, 1) == 1) {
        *touch_x_ft = first.x_ft;
        return 1;
    }
    channels c;
    if (!channels_find(rec, &c))
        return 0;
    for (size_t k = fin->k0; k <= fin->k1; k++) {
        frame_pos p;
        if (position(rec, rwy, c.lat, c.lon, c.alt, k, &p) && !(p.h_ft >= *low_h_ft)) {
            *low_h_ft = p.h_ft;
            *low_x_ft = p.x_ft;
        }
    }
    return 0;
}

void debrief_final_at(const rec_data *rec, const airport_runway *rwy, const debrief_final *fin, double x_ft,
                      double *h_ft, double *y_ft)
{
    *h_ft = *y_ft = NAN;
    channels c;
    if (!channels_find(rec, &c))
        return;
    frame_pos a = {0.0, 0.0, 0.0}, b;
    int have_a = 0;
    for (size_t k = fin->k0; k <= fin->k1; k++) {
        if (!position(rec, rwy, c.lat, c.lon, c.alt, k, &b))
            continue;
        if (b.x_ft == x_ft) {
            *h_ft = b.h_ft;
            *y_ft = b.y_ft;
            return;
        }
        if (have_a && a.x_ft < x_ft && b.x_ft > x_ft) {
            const double s = (x_ft - a.x_ft) / (b.x_ft - a.x_ft);
            *h_ft = a.h_ft + s * (b.h_ft - a.h_ft);
            *y_ft = a.y_ft + s * (b.y_ft - a.y_ft);
            return;
        }
        a = b;
        have_a = 1;
    }
}

/* A signed whole number of feet: "+40", "-120", "0". */
static void put_signed_ft(FILE *f, double v)
{
    long r = lround(v);
    if (r > 0)
        fprintf(f, "+%ld", r);
    else if (r < 0)
        fprintf(f, "\xE2\x88\x92%ld", -r); /* minus sign */
    else
        fputs("0", f);
}

/* The gates' table: heights flown where the final passed them. */
static void write_gates(FILE *f, const rec_data *rec, const airport_runway *rwy, const debrief_final *fin,
                        const approach_path *path)
{
    static const double gates_nm[] = {3.0, 2.0, 1.0, 0.5, 0.0};
    const int has_path = isfinite(path->glide_deg);
    fputs("<table class=\"gates\"><tr><th>from the threshold</th><th>off the centreline (ft)</th>"
          "<th>height flown (ft)</th>",
          f);
    if (has_path)
        fputs("<th>the path (ft)</th><th>high + / low \xE2\x88\x92 (ft)</th><th>angle to the aim point</th>", f);
    fputs("</tr>\n", f);
    for (size_t i = 0; i < sizeof gates_nm / sizeof gates_nm[0]; i++) {
        const double x = -gates_nm[i] * FT_PER_NM;
        double h, y;
        debrief_final_at(rec, rwy, fin, x, &h, &y);
        if (!isfinite(h))
            continue;
        fprintf(f, "<tr data-nm=\"%g\" data-height-ft=\"%.1f\"><td>", gates_nm[i], h);
        if (gates_nm[i] > 0.0)
            fprintf(f, "%g nm", gates_nm[i]);
        else
            fputs("the threshold", f);
        const long off = lround(fabs(y));
        fprintf(f, "</td><td class=\"num\" data-y-ft=\"%.1f\">", y);
        if (off == 0)
            fputs("0", f);
        else
            fprintf(f, "%ld %s", off, y > 0.0 ? "right" : "left");
        fprintf(f, "</td><td class=\"num\">%.0f</td>", h);
        if (has_path) {
            const double want = approach_path_height_ft(path, x), angle = atan2(h, path->aim_ft - x) * DEG_PER_RAD;
            fprintf(f, "<td class=\"num\">%.0f</td><td class=\"num\" data-dev-ft=\"%.1f\">", want, h - want);
            put_signed_ft(f, h - want);
            fprintf(f, "</td><td class=\"num\">%.1f\xC2\xB0</td>", angle);
        }
        fputs("</tr>\n", f);
    }
    fputs("</table>\n", f);
}

/* The touch-down events within the final (a bounce's too), as circles
 * on the profile. */
#define TOUCHDOWNS_DRAWN 64
static void draw_touchdowns(FILE *f, const rec_data *rec, const airport_runway *rwy, const debrief_final *fin,
                            const svg_frame *fr)
{
    frame_pos p[TOUCHDOWNS_DRAWN];
    const int n = touchdowns(rec, rwy, fin, p, TOUCHDOWNS_DRAWN);
    for (int i = 0; i < n; i++)
        fprintf(f, "<circle class=\"touchdown\" cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"#e6a700\" stroke=\"#000\">"
                   "<title>touch-down, %.0f ft past the threshold</title></circle>",
                svg_px(fr, p[i].x_ft), svg_py(fr, 0.0), p[i].x_ft);
}

/* How final fin ended, as the caption's last sentence. */
static void write_ending(FILE *f, const rec_data *rec, const airport_runway *rwy, const debrief_final *fin)
{
    double touch_x, low_h, low_x;
    if (debrief_final_ending(rec, rwy, fin, &touch_x, &low_h, &low_x)) {
        fprintf(f, " It ended in a touch-down %.0f ft %s the threshold.", fabs(touch_x),
                touch_x >= 0.0 ? "past" : "short of");
    } else if (isfinite(low_h)) {
        fprintf(f, " No touch-down: lowest %.0f ft above the threshold, ", low_h);
        if (low_x < 0.0)
            fprintf(f, "%.1f nm out", -low_x / FT_PER_NM);
        else
            fprintf(f, "%.0f ft past it", low_x);
        fputs(" (a go-around, or the approach left there).", f);
    }
}

/* The profile of final fin, the number-th of `count`. */
static void write_final(FILE *f, const rec_data *rec, const airport_runway *rwy, const lesson *l,
                        const debrief_final *fin_in, int number, int count)
{
    const debrief_final fin = *fin_in;
    channels c;
    channels_find(rec, &c);
    const size_t n = fin.k1 - fin.k0 + 1;
    double *xs = malloc(2 * PROFILE_MAX_POINTS * sizeof *xs), *hs = xs + PROFILE_MAX_POINTS;
    if (!xs) {
        fputs("<p class=\"note\">Out of memory: no final approach profile.</p>\n", f);
        return;
    }
    const size_t step = (n + PROFILE_MAX_POINTS - 1) / PROFILE_MAX_POINTS;
    size_t m = 0;
    double x_hi = 0.0, h_hi = 200.0;
    for (size_t k = fin.k0; k <= fin.k1 && m < PROFILE_MAX_POINTS; k += step) {
        frame_pos p;
        if (!position(rec, rwy, c.lat, c.lon, c.alt, k, &p))
            continue;
        xs[m] = p.x_ft;
        hs[m] = p.h_ft;
        x_hi = fmax(x_hi, p.x_ft);
        h_hi = fmax(h_hi, p.h_ft);
        m++;
    }
    const approach_path path = approach_path_of_lesson(l);
    if (isfinite(path.glide_deg))
        x_hi = fmax(x_hi, path.aim_ft);
    svg_frame fr = {.x0 = fin.from_x_ft, .x1 = fmin(x_hi + 500.0, rwy->length_ft), .y0 = -0.05 * h_hi,
                    .y1 = 1.1 * h_hi, .left_px = 70, .top_px = 12, .width_px = PROFILE_W - 70 - 16,
                    .height_px = PROFILE_H - 12 - 40};
    if (!(fr.x1 > fr.x0))
        fr.x1 = fr.x0 + 1000.0;

    if (count > 1)
        fprintf(f, "<h3 id=\"final-approach-%d\">Approach %d of %d</h3>\n", number, number, count);
    svg_open(f, PROFILE_W, PROFILE_H, "profile", &fr);
    svg_axes(f, &fr, "along the runway from the threshold (ft)", "above the threshold (ft)");
    fprintf(f, "<line class=\"runway\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#555\" "
               "stroke-width=\"5\"/>",
            svg_px(&fr, fmax(0.0, fr.x0)), svg_py(&fr, 0.0), svg_px(&fr, fr.x1), svg_py(&fr, 0.0));
    if (isfinite(path.glide_deg)) {
        const double xa = fr.x0, xb = fmin(path.aim_ft, fr.x1);
        fprintf(f, "<line class=\"path\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#1b7f3b\" "
                   "stroke-width=\"1.5\" stroke-dasharray=\"8,4\"/>",
                svg_px(&fr, xa), svg_py(&fr, approach_path_height_ft(&path, xa)), svg_px(&fr, xb),
                svg_py(&fr, approach_path_height_ft(&path, xb)));
    }
    svg_polyline(f, &fr, xs, hs, m, 1, PROFILE_MAX_POINTS,
                 "class=\"flown\" fill=\"none\" stroke=\"#1f5fbf\" stroke-width=\"1.5\"");
    free(xs);
    draw_touchdowns(f, rec, rwy, &fin, &fr);
    fputs("</svg>\n<p class=\"cap\">The final approach to runway ", f);
    svg_escape_n(f, rwy->ident, sizeof rwy->ident);
    fprintf(f, ", from %.1f nm out: the height flown above the threshold (%.0f ft) against the distance along the "
               "runway",
            -fin.from_x_ft / FT_PER_NM, rwy->elevation_ft);
    if (isfinite(path.glide_deg))
        fprintf(f, "; dashed, the lesson's approach path, %.1f\xC2\xB0 to its aim point %.0f ft past the threshold",
                path.glide_deg, path.aim_ft);
    else
        fputs("; the lesson flies no fixed path (a glide)", f);
    fputs(". Amber: touch-down.", f);
    write_ending(f, rec, rwy, &fin);
    fputs("</p>\n", f);
    write_gates(f, rec, rwy, &fin, &path);
}

void debrief_write_profile(FILE *f, const rec_data *rec, const airport_runway *rwy, const lesson *l)
{
    debrief_final fins[DEBRIEF_FINALS_MAX];
    const int n = rwy ? debrief_finals_find(rec, rwy, fins, DEBRIEF_FINALS_MAX) : 0;
    if (n == 0)
        return;
    const int shown = n < DEBRIEF_FINALS_MAX ? n : DEBRIEF_FINALS_MAX;
    fprintf(f, "<h2 id=\"final-approach\">Final approach%s</h2>\n", n > 1 ? "es" : "");
    if (n > shown)
        fprintf(f, "<p class=\"note\">The last %d of the %d final approaches flown.</p>\n", shown, n);
    for (int i = 0; i < shown; i++)
        write_final(f, rec, rwy, l, &fins[i], n - shown + i + 1, n);
}
