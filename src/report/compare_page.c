/*
 * compare_page.c - the comparison page of `saqr compare --html` (see
 * compare_page.h).
 */
#include "report/compare_page.h"

#include <math.h>

#include "report/html_page.h"
#include "report/svg_plot.h"

#define PLOT_W 760.0
#define VALUES_H 220.0
#define DIFF_H 120.0
#define MAX_POINTS 2000 /* per polyline: minimum and maximum of each bucket kept */

void compare_page_open(FILE *f, const char *path_a, const char *path_b)
{
    html_page_open(f, "Comparison", NULL,
                   "body{font-family:sans-serif;margin:2em;max-width:60em}table{border-collapse:collapse}"
                   "td,th{border:1px solid #ccc;padding:2px 8px;text-align:right}"
                   "td:first-child,th:first-child{text-align:left}.no{color:#a00;font-weight:bold}"
                   ".key{display:inline-block;width:2em;height:0;vertical-align:middle;margin:0 .3em}"
                   "figure{margin:1em 0}");
    fputs("<h1>Comparison</h1>\n<p>A: <code>", f);
    svg_escape(f, path_a);
    fputs("</code><span class=\"key\" style=\"border-top:2px solid #1f5fa8\"></span><br>B: <code>", f);
    svg_escape(f, path_b);
    fputs("</code><span class=\"key\" style=\"border-top:2px dashed #d9730d\"></span> interpolated linearly to A's "
          "times.  Headings are compared modulo a turn.</p>\n",
          f);
}

static void values_plot(FILE *f, const compare_column *c)
{
    double lo = HUGE_VAL, hi = -HUGE_VAL, t0 = HUGE_VAL, t1 = -HUGE_VAL;
    svg_range(c->a, c->n, 1, &lo, &hi);
    svg_range(c->b, c->n, 1, &lo, &hi);
    svg_range(c->t, c->n, 1, &t0, &t1);
    if (!(hi >= lo) || !(t1 >= t0))
        return;
    if (hi - lo < 1e-12 * (fabs(hi) + 1.0)) { /* flat: a band around it */
        lo -= 0.5 * (fabs(lo) + 1.0);
        hi += 0.5 * (fabs(hi) + 1.0);
    }
    if (t1 == t0)
        t1 = t0 + 1.0;
    double pad = 0.05 * (hi - lo);
    svg_frame fr = {t0, t1, lo - pad, hi + pad, 70.0, 10.0, PLOT_W - 90.0, VALUES_H - 50.0};
    svg_open(f, PLOT_W, VALUES_H, "values", &fr);
    svg_axes(f, &fr, "t (s)", c->name);
    svg_polyline(f, &fr, c->t, c->a, c->n, 1, MAX_POINTS,
                 "class=\"a\" fill=\"none\" stroke=\"#1f5fa8\" stroke-width=\"1.5\"");
    svg_polyline(f, &fr, c->t, c->b, c->n, 1, MAX_POINTS,
                 "class=\"b\" fill=\"none\" stroke=\"#d9730d\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\"");
    fputs("</svg>", f);
}

static void diff_plot(FILE *f, const compare_column *c)
{
    double lo = HUGE_VAL, hi = -HUGE_VAL, t0 = HUGE_VAL, t1 = -HUGE_VAL;
    if (svg_range(c->d, c->n, 1, &lo, &hi) == 0)
        return;
    svg_range(c->t, c->n, 1, &t0, &t1);
    double m = fmax(fabs(lo), fabs(hi));
    if (isfinite(c->tol))
        m = fmax(m, c->tol);
    if (!(m > 0.0))
        m = 1.0;
    if (t1 == t0)
        t1 = t0 + 1.0;
    svg_frame fr = {t0, t1, -1.1 * m, 1.1 * m, 70.0, 10.0, PLOT_W - 90.0, DIFF_H - 50.0};
    svg_open(f, PLOT_W, DIFF_H, "diff", &fr);
    if (isfinite(c->tol)) { /* the tolerance band */
        double y0 = svg_py(&fr, c->tol), y1 = svg_py(&fr, -c->tol);
        fprintf(f, "<rect class=\"tol\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#2e9e4f\" "
                   "fill-opacity=\"0.12\"/>",
                fr.left_px, y0, fr.width_px, y1 - y0);
    }
    svg_axes(f, &fr, "t (s)", "A - B");
    svg_polyline(f, &fr, c->t, c->d, c->n, 1, MAX_POINTS, "class=\"d\" fill=\"none\" stroke=\"#555\"");
    if (isfinite(c->worst) && isfinite(c->worst_t)) {
        double dw = NAN;
        for (size_t i = 0; i < c->n; i++)
            if (c->t[i] == c->worst_t && isfinite(c->d[i])) {
                dw = c->d[i];
                break;
            }
        if (isfinite(dw))
            fprintf(f, "<circle class=\"worst\" cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"none\" stroke=\"#a00\" "
                       "stroke-width=\"2\"><title>largest |A - B| %.6g at t = %.4f s</title></circle>",
                    svg_px(&fr, c->worst_t), svg_py(&fr, dw), c->worst, c->worst_t);
    }
    fputs("</svg>", f);
}

void compare_page_columns(FILE *f, const compare_column *cols, int n)
{
    fputs("<table id=\"summary\"><tr><th>column</th><th>max |A - B|</th><th>at t (s)</th><th>tolerance</th>"
          "<th>ok</th></tr>\n",
          f);
    for (int i = 0; i < n; i++) {
        const compare_column *c = &cols[i];
        fputs("<tr data-column=\"", f);
        svg_escape(f, c->name);
        fputs("\"><td><a href=\"#c", f);
        fprintf(f, "%d\">", i);
        svg_escape(f, c->name);
        fputs("</a></td>", f);
        if (isfinite(c->worst_t))
            fprintf(f, "<td>%.6g</td><td>%.4f</td>", c->worst, c->worst_t);
        else
            fputs("<td>-</td><td>-</td>", f);
        if (isfinite(c->tol)) {
            int ok = isfinite(c->worst_t) && c->worst <= c->tol;
            fprintf(f, "<td>%.6g</td><td%s>%s</td>", c->tol, ok ? "" : " class=\"no\"", ok ? "yes" : "NO");
        } else {
            fputs("<td></td><td></td>", f);
        }
        fputs("</tr>\n", f);
    }
    fputs("</table>\n", f);
    for (int i = 0; i < n; i++) {
        fprintf(f, "<figure id=\"c%d\"><figcaption><b>", i);
        svg_escape(f, cols[i].name);
        fputs("</b></figcaption>", f);
        values_plot(f, &cols[i]);
        diff_plot(f, &cols[i]);
        fputs("</figure>\n", f);
    }
}

int compare_page_close(FILE *f, int exceeded, int ntols)
{
    if (ntols)
        fprintf(f, "<p id=\"verdict\">%d column%s over tolerance.</p>\n", exceeded, exceeded == 1 ? "" : "s");
    fputs("</body></html>\n", f);
    return ferror(f) ? -1 : 0;
}
