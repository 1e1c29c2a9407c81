/*
 * summary.c - the campaign's CSV table, HTML page and text summary (see
 * summary.h).  Numbers are printed with %.9g (enough to tell any two
 * float32 recorder values apart, and stable); NaN (not measured) is an
 * empty CSV field and "-" elsewhere.
 */
#include "campaign/summary.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "campaign/sensitivity.h"
#include "campaign/stats.h"
#include "report/svg_plot.h"

#define HIST_BINS 20
#define HIST_W 420.0
#define HIST_H 220.0

static const double *col_of(const camp_results *res, int col)
{
    return &res->v[col];
}

int summary_stats(const camp_results *res, camp_stats *out)
{
    double *scratch = malloc((size_t)(res->nruns > 0 ? res->nruns : 1) * sizeof *scratch);
    if (!scratch)
        return -1;
    for (int j = 0; j < res->ncols; j++)
        stats_compute(col_of(res, j), (size_t)res->nruns, (size_t)res->ncols, scratch, &out[j]);
    free(scratch);
    return 0;
}

static void put_num(FILE *f, double x, const char *nan_text)
{
    if (isfinite(x))
        fprintf(f, "%.9g", x == 0.0 ? 0.0 : x); /* no "-0" */
    else
        fputs(nan_text, f);
}

static long failures(const camp_results *res)
{
    long n = 0;
    for (long i = 0; i < res->nruns; i++)
        n += res->failed[i];
    return n;
}

/* ------------------------------------------------------------ CSV */

static void csv_text(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        if (*s != '\n' && *s != '\r')
            fputc(*s, f);
    }
    fputc('"', f);
}

int summary_write_csv(FILE *f, const campaign *c, const camp_layout *lay, const camp_results *res)
{
    (void)c;
    fputs("run,flown", f);
    for (int j = 0; j < lay->ncols; j++)
        fprintf(f, ",%s", lay->cols[j].name);
    fputs(",error\n", f);
    for (long i = 0; i < res->nruns; i++) {
        fprintf(f, "%ld,%d", i, res->failed[i] ? 0 : 1);
        const double *row = &res->v[(size_t)i * (size_t)res->ncols];
        for (int j = 0; j < lay->ncols; j++) {
            fputc(',', f);
            put_num(f, row[j], "");
        }
        fputc(',', f);
        if (res->failed[i])
            csv_text(f, res->msg[i]);
        fputc('\n', f);
    }
    return ferror(f) ? -1 : 0;
}

/* ------------------------------------------------------------ text */

static double pass_rate(const camp_stats *s)
{
    return s->n ? s->mean : NAN;
}

/* " (95% interval 49.2% to 68.1%)" for a pass column's statistics: how far
 * the rate measured from this many runs may be from the true one. */
static void pass_interval(FILE *f, const camp_stats *s)
{
    if (s->n == 0)
        return;
    double lo, hi;
    sens_wilson(lround(s->mean * (double)s->n), (long)s->n, &lo, &hi);
    fprintf(f, " (95%% interval %.1f%% to %.1f%%)", 100.0 * lo, 100.0 * hi);
}

void summary_write_run(FILE *f, const camp_layout *lay, const camp_results *res, long run)
{
    const double *row = &res->v[(size_t)run * (size_t)res->ncols];
    fprintf(f, "run %ld: %s%s\n", run, res->failed[run] ? "not flown: " : "flown", res->failed[run] ? res->msg[run] : "");
    for (int j = 0; j < lay->ncols; j++) {
        fprintf(f, "  %-44s ", lay->cols[j].name);
        put_num(f, row[j], "-");
        fprintf(f, "%s%s\n", lay->cols[j].unit[0] ? " " : "", lay->cols[j].unit);
    }
}

int summary_write_text(FILE *f, const campaign *c, const camp_layout *lay, const camp_results *res)
{
    camp_stats *st = calloc((size_t)lay->ncols + 1, sizeof *st);
    if (!st || summary_stats(res, st)) {
        free(st);
        return -1;
    }
    long nf = failures(res);
    fprintf(f, "Campaign %s: %s\n", c->id, c->title);
    fprintf(f, "%ld runs of %s, seed %llu: %ld flown, %ld failed to fly\n", c->runs,
            c->is_script ? c->script_path : c->lesson_id, (unsigned long long)c->seed, c->runs - nf, nf);
    if (lay->pass_col >= 0) {
        fprintf(f, "pass rate: %.1f%%", 100.0 * pass_rate(&st[lay->pass_col]));
        pass_interval(f, &st[lay->pass_col]);
        fputc('\n', f);
    }
    fprintf(f, "%-44s %10s %10s %10s %10s %10s\n", "column", "mean", "sd", "p5", "p50", "p95");
    for (int j = 0; j < lay->ncols; j++) {
        const camp_stats *s = &st[j];
        if (lay->cols[j].kind == CC_PASS) {
            fprintf(f, "%-44s %9.1f%% passed\n", lay->cols[j].name, 100.0 * pass_rate(s));
            continue;
        }
        fprintf(f, "%-44s", lay->cols[j].name);
        const double v[5] = {s->mean, s->sd, s->p5, s->p50, s->p95};
        for (int k = 0; k < 5; k++) {
            if (isfinite(v[k]))
                fprintf(f, " %10.4g", v[k]);
            else
                fprintf(f, " %10s", "-");
        }
        fputc('\n', f);
    }
    free(st);
    if (summary_sensitivity_text(f, lay, res))
        return -1;
    return ferror(f) ? -1 : 0;
}

/* ------------------------------------------------------------ HTML */

/* A histogram of column j: HIST_BINS bins over [min, max] (one bin when
 * all values are equal). */
static void histogram(FILE *f, const camp_layout *lay, const camp_results *res, int j, const camp_stats *s)
{
    if (s->n == 0) {
        fputs("<p class=\"none\">no values</p>", f);
        return;
    }
    long counts[HIST_BINS] = {0};
    double lo = s->min, hi = s->max;
    int bins = hi > lo ? HIST_BINS : 1;
    double width = hi > lo ? (hi - lo) / bins : 1.0;
    if (!(hi > lo)) {
        lo -= 0.5;
        hi += 0.5;
    }
    long top = 0;
    for (long i = 0; i < res->nruns; i++) {
        double x = res->v[(size_t)i * (size_t)res->ncols + (size_t)j];
        if (!isfinite(x))
            continue;
        int b = bins == 1 ? 0 : (int)floor((x - s->min) / width);
        b = b < 0 ? 0 : b >= bins ? bins - 1 : b;
        counts[b]++;
        top = counts[b] > top ? counts[b] : top;
    }
    const camp_column *col = &lay->cols[j];
    const int banded = !isnan(col->band_lo) && !isnan(col->band_hi);
    if (banded) { /* the band's closed sides in view, so that the runs outside it show as such */
        if (isfinite(col->band_lo))
            lo = fmin(lo, col->band_lo);
        if (isfinite(col->band_hi))
            hi = fmax(hi, col->band_hi);
    }
    svg_frame fr = {lo, hi, 0.0, (double)top * 1.1, 56.0, 12.0, HIST_W - 70.0, HIST_H - 56.0};
    svg_open(f, HIST_W, HIST_H, "hist", &fr);
    if (banded) {
        double x0 = svg_px(&fr, fmax(col->band_lo, lo)), x1 = svg_px(&fr, fmin(col->band_hi, hi));
        fprintf(f, "<rect class=\"band\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#2e9e4f\" "
                   "fill-opacity=\"0.15\"><title>the accepted band: ",
                x0, fr.top_px, fmax(x1 - x0, 1.0), fr.height_px);
        if (isfinite(col->band_lo) && isfinite(col->band_hi))
            fprintf(f, "%.6g to %.6g", col->band_lo, col->band_hi);
        else if (isfinite(col->band_lo))
            fprintf(f, "at least %.6g", col->band_lo);
        else
            fprintf(f, "at most %.6g", col->band_hi);
        if (col->unit[0]) {
            fputc(' ', f);
            svg_escape(f, col->unit);
        }
        fputs("</title></rect>", f);
    }
    char xt[sizeof lay->cols[j].name + sizeof lay->cols[j].unit + 8];
    snprintf(xt, sizeof xt, "%s%s%s%s", lay->cols[j].name, lay->cols[j].unit[0] ? " (" : "", lay->cols[j].unit,
             lay->cols[j].unit[0] ? ")" : "");
    svg_axes(f, &fr, xt, "runs");
    for (int b = 0; b < bins; b++) {
        double x0 = bins == 1 ? s->min - 0.5 : s->min + b * width;
        double x1 = bins == 1 ? s->min + 0.5 : s->min + (b + 1) * width;
        double px0 = svg_px(&fr, x0), px1 = svg_px(&fr, x1), py = svg_py(&fr, (double)counts[b]);
        fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#4a7ab5\" stroke=\"#fff\">"
                   "<title>%ld</title></rect>",
                px0, py, px1 - px0 > 1.0 ? px1 - px0 : 1.0, svg_py(&fr, 0.0) - py, counts[b]);
    }
    fputs("</svg>", f);
}

static void td_num(FILE *f, double x)
{
    fputs("<td>", f);
    if (isfinite(x))
        fprintf(f, "%.4g", x == 0.0 ? 0.0 : x);
    else
        fputs("-", f);
    fputs("</td>", f);
}

int summary_write_html(FILE *f, const campaign *c, const camp_layout *lay, const camp_results *res)
{
    camp_stats *st = calloc((size_t)lay->ncols + 1, sizeof *st);
    if (!st || summary_stats(res, st)) {
        free(st);
        return -1;
    }
    long nf = failures(res);
    fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Campaign ", f);
    svg_escape(f, c->id);
    fputs("</title><style>body{font-family:sans-serif;margin:2em;max-width:75em}"
          "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 8px;text-align:right}"
          "td:first-child,th:first-child{text-align:left}.hists{display:flex;flex-wrap:wrap;gap:1em}"
          "figure{margin:0}.fail{color:#a00}</style></head><body>\n<h1>", f);
    svg_escape(f, c->title);
    fputs("</h1>\n<p>Campaign <code>", f);
    svg_escape(f, c->id);
    fprintf(f, "</code>: %ld runs of %s <code>", c->runs, c->is_script ? "the JSBSim script" : "the lesson");
    svg_escape(f, c->is_script ? c->script_path : c->lesson_id);
    fprintf(f, "</code>%s, seed %llu. Run <i>i</i> draws its values from stream <i>i</i> of the seed, "
               "so any run can be flown again alone (<code>saqr campaign FILE --only I</code>).</p>\n",
            c->is_script ? "" : " flown by the reference pilot", (unsigned long long)c->seed);
    fprintf(f, "<p>%ld runs flown, %ld could not be flown.", c->runs - nf, nf);
    if (lay->pass_col >= 0) {
        fprintf(f, " <b>Pass rate: %.1f%%</b>", 100.0 * pass_rate(&st[lay->pass_col]));
        pass_interval(f, &st[lay->pass_col]);
        fputc('.', f);
    }
    if (lay->result_col >= 0) {
        long n[4] = {0, 0, 0, 0};
        for (long i = 0; i < res->nruns; i++) {
            double r = res->v[(size_t)i * (size_t)res->ncols + (size_t)lay->result_col];
            if (r >= 0.0 && r <= 3.0)
                n[(int)r]++;
        }
        fprintf(f, " Sorties graded Pass %ld, Marginal %ld, Unsat %ld", n[0], n[1], n[2]);
        if (n[3]) /* elements left unflown, none unsatisfactory */
            fprintf(f, ", Incomplete %ld", n[3]);
        fputc('.', f);
    }
    fputs("</p>\n<h2>Dispersed parameters</h2>\n<table><tr><th>parameter</th><th>distribution</th></tr>\n", f);
    for (int i = 0; i < c->nparams; i++) {
        const camp_param *p = &c->params[i];
        fputs("<tr><td>", f);
        svg_escape(f, p->name);
        fprintf(f, "</td><td>%s", dist_kind_name(p->d.kind));
        if (p->d.kind == DIST_UNIFORM)
            fprintf(f, " [%g, %g)", p->d.min, p->d.max);
        else if (p->d.kind == DIST_NORMAL)
            fprintf(f, " mean %g, sd %g", p->d.mean, p->d.sd);
        else if (p->d.kind == DIST_TRUNC_NORMAL)
            fprintf(f, " mean %g, sd %g, within [%g, %g]", p->d.mean, p->d.sd, p->d.min, p->d.max);
        else
            for (int k = 0; k < p->d.nchoices; k++)
                fprintf(f, "%s%g (weight %g)", k ? ", " : " ", p->d.choices[k], p->d.weights[k]);
        fputs("</td></tr>\n", f);
    }
    fputs("</table>\n<h2>Statistics</h2>\n<table><tr><th>column</th><th>unit</th><th>n</th><th>mean</th><th>sd</th>"
          "<th>min</th><th>p5</th><th>p50</th><th>p95</th><th>max</th><th>pass rate</th></tr>\n",
          f);
    for (int j = 0; j < lay->ncols; j++) {
        const camp_column *col = &lay->cols[j];
        if (col->kind == CC_PASS && col->index >= 0)
            continue; /* shown beside its value */
        const camp_stats *s = &st[j];
        fputs("<tr><td>", f);
        svg_escape(f, col->name);
        fputs("</td><td>", f);
        svg_escape(f, col->unit);
        fprintf(f, "</td><td>%zu</td>", s->n);
        if (col->kind == CC_PASS) {
            fputs("<td colspan=\"7\"></td>", f);
        } else {
            const double v[7] = {s->mean, s->sd, s->min, s->p5, s->p50, s->p95, s->max};
            for (int k = 0; k < 7; k++)
                td_num(f, v[k]);
        }
        int pc = col->kind == CC_PASS ? j : j + 1 < lay->ncols && lay->cols[j + 1].kind == CC_PASS &&
                                                    lay->cols[j + 1].index >= 0 ? j + 1 : -1;
        if (pc >= 0 && col->kind != CC_PARAM)
            fprintf(f, "<td>%.1f%%</td>", 100.0 * pass_rate(&st[pc]));
        else
            fputs("<td></td>", f);
        fputs("</tr>\n", f);
    }
    fputs("</table>\n", f);
    if (summary_sensitivity_html(f, lay, res)) {
        free(st);
        return -1;
    }
    fputs("<h2>Histograms</h2>\n<p>Shaded green: the band a value is accepted in (the lesson's "
          "tolerance, or the output's pass band) where it is the same for every run.</p>\n<div class=\"hists\">\n",
          f);
    for (int j = 0; j < lay->ncols; j++) {
        camp_col_kind k = lay->cols[j].kind;
        if (k == CC_PASS)
            continue;
        fputs("<figure>", f);
        histogram(f, lay, res, j, &st[j]);
        fputs("<figcaption>", f);
        svg_escape(f, lay->cols[j].name);
        fputs("</figcaption></figure>\n", f);
    }
    fputs("</div>\n", f);
    if (nf > 0) {
        fputs("<h2>Runs not flown</h2>\n<ul class=\"fail\">\n", f);
        long shown = 0;
        for (long i = 0; i < res->nruns && shown < 20; i++)
            if (res->failed[i]) {
                fprintf(f, "<li>run %ld: ", i);
                svg_escape(f, res->msg[i]);
                fputs("</li>\n", f);
                shown++;
            }
        if (nf > shown)
            fprintf(f, "<li>... and %ld more (runs.csv)</li>\n", nf - shown);
        fputs("</ul>\n", f);
    }
    fputs("<p>Every run's values: <a href=\"runs.csv\">runs.csv</a>.</p>\n</body></html>\n", f);
    free(st);
    return ferror(f) ? -1 : 0;
}
