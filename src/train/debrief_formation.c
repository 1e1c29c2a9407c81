/*
 * debrief_formation.c - a formation sortie's picture on its debrief page
 * (debrief_formation.h).
 */
#include "train/debrief_formation.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report/svg_plot.h"

#define FORM_W 560.0
#define FORM_H 520.0
#define FORM_MAX_POINTS 4000
#define FORM_MAX_EXERCISES 16

static const char *const colours[] = {"#1f5fbf", "#c0392b", "#1b7f3b", "#8e44ad", "#d35400", "#16a085"};
#define NCOLOURS (sizeof colours / sizeof colours[0])

/* The station exercise i keeps: its first <formation>'s; 0 when none. */
static int station_of(const lesson *l, int i, double *right_ft, double *ahead_ft)
{
    if (!l || i < 0 || i >= l->nexercises)
        return 0;
    const lesson_exercise *e = &l->exercises[i];
    for (int k = 0; k < e->nsegments; k++)
        if (e->segments[k].mode == LMODE_FORMATION) {
            *right_ft = e->segments[k].station_right_ft;
            *ahead_ft = e->segments[k].station_ahead_ft;
            return 1;
        }
    return 0;
}

/* Each frame's exercise (the latest "exercise-start" event at or before
 * it; -1 before the first) into ex[]. */
static void frame_exercises(const rec_data *rec, int it, int *ex)
{
    size_t e = 0;
    int cur = -1;
    for (size_t k = 0; k < rec->nframes; k++) {
        const double t = rec->values[k * (size_t)rec->nch + (size_t)it];
        while (e < rec->nevents && rec->events[e].t_s <= t) {
            if (strcmp(rec->events[e].kind, "exercise-start") == 0 && rec->events[e].value >= 0.0 &&
                rec->events[e].value < FORM_MAX_EXERCISES)
                cur = (int)rec->events[e].value;
            e++;
        }
        ex[k] = cur;
    }
}

void debrief_write_formation(FILE *f, const rec_data *rec, const lesson *l)
{
    const int it = rec_channel_index(rec, "t-s"), ir = rec_channel_index(rec, "form-right-ft"),
              ia = rec_channel_index(rec, "form-ahead-ft");
    if (it < 0 || ir < 0 || ia < 0 || rec->nframes == 0)
        return;
    const size_t nch = (size_t)rec->nch;
    double lo_r = 0.0, hi_r = 0.0, lo_a = 0.0, hi_a = 0.0;
    size_t seen = 0;
    for (size_t k = 0; k < rec->nframes; k++) {
        const double r = rec->values[k * nch + (size_t)ir], a = rec->values[k * nch + (size_t)ia];
        if (!isfinite(r) || !isfinite(a))
            continue;
        lo_r = fmin(lo_r, r), hi_r = fmax(hi_r, r), lo_a = fmin(lo_a, a), hi_a = fmax(hi_a, a);
        seen++;
    }
    if (seen == 0)
        return;
    int *ex = malloc(rec->nframes * sizeof *ex);
    double *xs = malloc(2 * rec->nframes * sizeof *xs);
    if (!ex || !xs) {
        free(ex);
        free(xs);
        fputs("<h2 id=\"formation\">Formation</h2>\n<p class=\"note\">Out of memory: no formation picture.</p>\n", f);
        return;
    }
    frame_exercises(rec, it, ex);
    for (int i = 0; l && i < l->nexercises && i < FORM_MAX_EXERCISES; i++) {
        double r, a;
        if (station_of(l, i, &r, &a))
            lo_r = fmin(lo_r, r), hi_r = fmax(hi_r, r), lo_a = fmin(lo_a, a), hi_a = fmax(hi_a, a);
    }
    const double margin = fmax(50.0, 0.1 * fmax(hi_r - lo_r, hi_a - lo_a));
    svg_frame fr = {.x0 = lo_r - margin, .x1 = hi_r + margin, .y0 = lo_a - margin, .y1 = hi_a + margin,
                    .left_px = 70, .top_px = 12, .width_px = FORM_W - 70 - 16, .height_px = FORM_H - 12 - 40};
    svg_frame_equal(&fr);
    fputs("<h2 id=\"formation\">Formation</h2>\n", f);
    svg_open(f, FORM_W, FORM_H, "formation", &fr);
    svg_axes(f, &fr, "right of the lead (ft)", "ahead of the lead (ft)");
    /* the lead at the origin, pointing up */
    const double lx = svg_px(&fr, 0.0), ly = svg_py(&fr, 0.0);
    fprintf(f, "<path class=\"lead\" d=\"M%.1f,%.1f l7,16 l-7,-5 l-7,5 z\" fill=\"#222\"/>", lx, ly - 10.0);
    /* each exercise's part of the path (before the first, grey) */
    double *ys = xs + rec->nframes;
    for (size_t k0 = 0; k0 < rec->nframes;) {
        size_t k1 = k0, m = 0;
        while (k1 < rec->nframes && ex[k1] == ex[k0]) {
            xs[m] = rec->values[k1 * nch + (size_t)ir];
            ys[m] = rec->values[k1 * nch + (size_t)ia];
            m++, k1++;
        }
        char attrs[160];
        snprintf(attrs, sizeof attrs, "class=\"flown ex%d\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\"", ex[k0],
                 ex[k0] < 0 ? "#999" : colours[(size_t)ex[k0] % NCOLOURS]);
        svg_polyline(f, &fr, xs, ys, m, 1, FORM_MAX_POINTS, attrs);
        k0 = k1;
    }
    /* each station a cross in its exercise's colour */
    for (int i = 0; l && i < l->nexercises && i < FORM_MAX_EXERCISES; i++) {
        double r, a;
        if (!station_of(l, i, &r, &a))
            continue;
        const double x = svg_px(&fr, r), y = svg_py(&fr, a);
        fprintf(f, "<path class=\"station\" d=\"M%.1f,%.1f l12,12 m0,-12 l-12,12\" stroke=\"%s\" stroke-width=\"2\"/>",
                x - 6.0, y - 6.0, colours[(size_t)i % NCOLOURS]);
    }
    fputs("</svg>\n<p class=\"cap\">Where the aircraft was from the lead (black, at the origin, pointing along "
          "its heading), each exercise in its colour, grey before the first; crosses: the stations the lesson "
          "keeps.</p>\n",
          f);
    /* how far from its station each exercise flew */
    int header = 0;
    for (int i = 0; l && i < l->nexercises && i < FORM_MAX_EXERCISES; i++) {
        double r, a, worst = 0.0, sum = 0.0;
        size_t n = 0;
        if (!station_of(l, i, &r, &a))
            continue;
        for (size_t k = 0; k < rec->nframes; k++) {
            if (ex[k] != i)
                continue;
            const double d = hypot(rec->values[k * nch + (size_t)ir] - r, rec->values[k * nch + (size_t)ia] - a);
            if (!isfinite(d))
                continue;
            worst = fmax(worst, d);
            sum += d;
            n++;
        }
        if (!header++)
            fputs("<table class=\"formation\"><tr><th>exercise</th><th>station</th><th>from it on average</th>"
                  "<th>at most</th></tr>\n",
                  f);
        fprintf(f, "<tr><td style=\"color:%s\">", colours[(size_t)i % NCOLOURS]);
        svg_escape(f, l->exercises[i].id);
        fprintf(f, "</td><td>%.0f ft %s, %.0f ft %s</td>", fabs(a), a < 0.0 ? "behind" : "ahead", fabs(r),
                r < 0.0 ? "left" : "right");
        if (n)
            fprintf(f, "<td>%.0f ft</td><td>%.0f ft</td></tr>\n", sum / (double)n, worst);
        else
            fputs("<td colspan=\"2\">not flown</td></tr>\n", f);
    }
    if (header)
        fputs("</table>\n", f);
    free(xs);
    free(ex);
}
