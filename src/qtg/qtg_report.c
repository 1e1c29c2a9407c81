/*
 * qtg_report.c - the qualification report: a table for the terminal and a
 * self-contained HTML page (inline SVG plots, no scripts, nothing fetched)
 * listing every figure, its acceptance band and source, pass or fail, how
 * it was measured, and the time history behind it.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "qtg/qtg.h"
#include "report/svg_plot.h"

static const char *verdict(const qtg_result *r)
{
    if (!r->test->graded)
        return isnan(r->measured) ? "info: no result" : (r->pass ? "info: in band" : "info: OUT of band");
    return isnan(r->measured) ? "NO RESULT" : (r->pass ? "pass" : "FAIL");
}

/* A figure as text: whole numbers from 1,000 up (a ceiling of 21540 ft,
 * not 2.154e+04), four significant digits below; "-" when there is none. */
static const char *figure(char buf[32], double x)
{
    if (!isfinite(x))
        snprintf(buf, 32, "-");
    else if (fabs(x) >= 1000.0 && fabs(x) < 1e12)
        snprintf(buf, 32, "%.0f", x);
    else
        snprintf(buf, 32, "%.4g", x);
    return buf;
}

/* Counts toward the verdict: graded and within its band. */
int qtg_result_ok(const qtg_result *r)
{
    return r->pass || !r->test->graded;
}

void qtg_report_table(FILE *out, const qtg_plan *plan, const qtg_result *res, int n)
{
    int passed = 0, graded = 0;
    fprintf(out, "Qualification tests: %s\n", plan->aircraft);
    fprintf(out, "%-22s %-36s %12s %23s  %s\n", "test", "figure", "measured", "accepted", "");
    for (int i = 0; i < n; i++) {
        const qtg_result *r = &res[i];
        const qtg_test *t = r->test;
        char band[96], a[32], b[32], m[32];
        snprintf(band, sizeof band, "%s .. %s %s", figure(a, r->lo), figure(b, r->hi), t->unit);
        fprintf(out, "%-22s %-36.36s %12s %23s  %s\n", t->id, t->title, figure(m, r->measured), band, verdict(r));
        if (!r->pass)
            fprintf(out, "    %s\n", r->note);
        passed += r->test->graded && r->pass;
        graded += r->test->graded;
    }
    fprintf(out, "%d of %d graded figures within tolerance", passed, graded);
    if (graded < n)
        fprintf(out, "; %d reported for information", n - graded);
    fprintf(out, "\n");
}

/* A line plot of the trace, 560 x 240 px, with a grid, ticks at nice
 * steps and each axis titled (report/svg_plot.h). */
static void plot(FILE *f, const qtg_result *r)
{
    if (r->ntrace < 2)
        return;
    const double w = 560, h = 240, ml = 72, mb = 40, mt = 12, mr = 16;
    svg_frame fr = {.left_px = ml, .top_px = mt, .width_px = w - ml - mr, .height_px = h - mt - mb};
    size_t n = (size_t)r->ntrace;
    svg_range(r->trace_x, n, 1, &fr.x0, &fr.x1);
    svg_range(r->trace_y, n, 1, &fr.y0, &fr.y1);
    if (!(fr.x1 > fr.x0))
        fr.x1 = fr.x0 + 1.0;
    if (!(fr.y1 > fr.y0)) {
        fr.y0 -= 0.5;
        fr.y1 += 0.5;
    }
    double pad = 0.05 * (fr.y1 - fr.y0);
    fr.y0 -= pad;
    fr.y1 += pad;
    svg_open(f, w, h, "qtg-plot", &fr);
    svg_axes(f, &fr, r->x_label, r->y_label);
    svg_polyline(f, &fr, r->trace_x, r->trace_y, n, 1, QTG_MAX_TRACE,
                 "class=\"trace\" fill=\"none\" stroke=\"#1f5fa8\" stroke-width=\"1.5\"");
    fprintf(f, "</svg>\n");
}

saqr_status qtg_report_html(const char *path, const qtg_plan *plan, const qtg_result *res, int n, saqr_err *err)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return err_set(err, SAQR_EIO, "%s: cannot write the report", path);
    int passed = 0, graded = 0;
    for (int i = 0; i < n; i++) {
        passed += res[i].test->graded && res[i].pass;
        graded += res[i].test->graded;
    }
    fprintf(f, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Qualification tests: ");
    svg_escape(f, plan->aircraft);
    fprintf(f, "</title><style>body{font-family:sans-serif;margin:2em;max-width:62em}"
               "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}"
               ".pass{color:#176b2c}.fail{color:#b00020;font-weight:bold}td:nth-child(3),td:nth-child(4){white-space:nowrap}"
               "</style></head><body>\n");
    fprintf(f, "<h1>Qualification tests: ");
    svg_escape(f, plan->aircraft);
    fprintf(f, "</h1>\n<p>%d of %d graded figures within tolerance; %d reported for information. Tolerances and "
               "generic ranges after 14 CFR Part 60; every figure's source is listed.</p>\n",
            passed, graded, n - graded);
    fprintf(f, "<table><tr><th>test</th><th>figure</th><th>measured</th><th>accepted</th><th>unit</th>"
               "<th>result</th><th>source</th></tr>\n");
    for (int i = 0; i < n; i++) {
        const qtg_result *r = &res[i];
        fprintf(f, "<tr><td><a href=\"#");
        svg_escape(f, r->test->id);
        fprintf(f, "\">");
        svg_escape(f, r->test->id);
        fprintf(f, "</a></td><td>");
        svg_escape(f, r->test->title);
        char a[32], b[32], m[32];
        fprintf(f, "</td><td>%s</td><td>%s .. %s</td><td>", figure(m, r->measured), figure(a, r->lo), figure(b, r->hi));
        svg_escape(f, r->test->unit);
        fprintf(f, "</td><td class=\"%s\">%s</td><td>", qtg_result_ok(r) ? "pass" : "fail", verdict(r));
        svg_escape(f, r->test->source);
        fprintf(f, "</td></tr>\n");
    }
    fprintf(f, "</table>\n");
    for (int i = 0; i < n; i++) {
        const qtg_result *r = &res[i];
        fprintf(f, "<h2 id=\"");
        svg_escape(f, r->test->id);
        fprintf(f, "\">");
        svg_escape(f, r->test->title);
        char a[32], b[32], m[32];
        fprintf(f, "</h2>\n<p>%s: measured %s ", verdict(r), figure(m, r->measured));
        svg_escape(f, r->test->unit);
        fprintf(f, ", accepted %s .. %s. ", figure(a, r->lo), figure(b, r->hi));
        svg_escape(f, r->note);
        fprintf(f, " <small>(");
        svg_escape(f, r->test->where);
        fprintf(f, ")</small></p>\n");
        plot(f, r);
    }
    fprintf(f, "</body></html>\n");
    if (fclose(f) != 0)
        return err_set(err, SAQR_EIO, "%s: writing the report failed", path);
    return SAQR_OK;
}
