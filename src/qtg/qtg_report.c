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
        char band[48];
        snprintf(band, sizeof band, "%.4g .. %.4g %s", r->lo, r->hi, t->unit);
        fprintf(out, "%-22s %-36.36s %12.4g %23s  %s\n", t->id, t->title, r->measured, band, verdict(r));
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

/* A line plot of the trace, 560 x 220 px with axes labelled at the ends. */
static void plot(FILE *f, const qtg_result *r)
{
    if (r->ntrace < 2)
        return;
    const double w = 560, h = 220, ml = 60, mb = 30, mt = 10, mr = 10;
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
    svg_open(f, w, h, NULL, &fr);
    svg_polyline(f, &fr, r->trace_x, r->trace_y, n, 1, QTG_MAX_TRACE,
                 "fill=\"none\" stroke=\"#1f5fa8\" stroke-width=\"1.5\"");
    fprintf(f, "<text x=\"%.0f\" y=\"%.0f\" font-size=\"11\">%.4g</text>", 2.0, mt + 10, fr.y1);
    fprintf(f, "<text x=\"%.0f\" y=\"%.0f\" font-size=\"11\">%.4g</text>", 2.0, h - mb, fr.y0);
    fprintf(f, "<text x=\"%.0f\" y=\"%.0f\" font-size=\"11\">%.4g</text>", ml, h - 8, fr.x0);
    fprintf(f, "<text x=\"%.0f\" y=\"%.0f\" font-size=\"11\" text-anchor=\"end\">%.4g</text>", w - mr, h - 8,
            fr.x1);
    fprintf(f, "<text x=\"%.0f\" y=\"%.0f\" font-size=\"11\" text-anchor=\"middle\">", ml + (w - ml) / 2, h - 8);
    svg_escape(f, r->x_label);
    fprintf(f, " / ");
    svg_escape(f, r->y_label);
    fprintf(f, "</text></svg>\n");
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
               ".pass{color:#176b2c}.fail{color:#b00020;font-weight:bold}</style></head><body>\n");
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
        fprintf(f, "</td><td>%.4g</td><td>%.4g .. %.4g</td><td>", r->measured, r->lo, r->hi);
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
        fprintf(f, "</h2>\n<p>%s: measured %.4g ", verdict(r), r->measured);
        svg_escape(f, r->test->unit);
        fprintf(f, ", accepted %.4g .. %.4g. ", r->lo, r->hi);
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
