/*
 * summary_sensitivity.c - the campaign summary's sensitivity section: a
 * chart per dispersed parameter of the pass rate across its range (bins
 * with Wilson's 95% interval), the table of rank correlations between the
 * parameters and the measured values, and the same in a few lines for the
 * terminal (see sensitivity.h for the statistics).
 */
#include "campaign/summary.h"

#include <math.h>
#include <stdlib.h>

#include "campaign/sensitivity.h"
#include "report/svg_plot.h"

#define CHART_W 420.0
#define CHART_H 220.0
#define FEW_RUNS 5 /* a bin with fewer runs says little: drawn pale, left out of the text */

static int is_measured(const camp_column *col)
{
    return col->kind == CC_ELEMENT || col->kind == CC_OUTPUT || col->kind == CC_RESULT ||
           (col->kind == CC_PASS && col->index < 0);
}

static void name_with_unit(FILE *f, const camp_column *col)
{
    svg_escape(f, col->name);
    if (col->unit[0]) {
        fputs(" (", f);
        svg_escape(f, col->unit);
        fputc(')', f);
    }
}

/* The x range the bins are drawn over: the bins' own, or for a bin per
 * value half the closest spacing beyond the end ones. */
static void chart_range(const sens_bin *bins, int nb, double *x0, double *x1, double *bar_w)
{
    if (bins[0].lo < bins[0].hi || nb == 0) {
        *x0 = bins[0].lo;
        *x1 = bins[nb - 1].hi;
        *bar_w = 0.0;
        return;
    }
    double gap = 1.0;
    for (int b = 1; b < nb; b++)
        gap = b == 1 ? bins[b].lo - bins[b - 1].lo : fmin(gap, bins[b].lo - bins[b - 1].lo);
    if (!(gap > 0.0))
        gap = 1.0;
    *x0 = bins[0].lo - 0.5 * gap;
    *x1 = bins[nb - 1].lo + 0.5 * gap;
    *bar_w = 0.6 * gap;
}

/* "p 0.003" or "p < 0.0001" into buf; "no test" when there is none. */
static void p_text(char *buf, size_t size, double p, int df)
{
    if (!isfinite(p))
        snprintf(buf, size, "no test");
    else if (p < 1e-4)
        snprintf(buf, size, "chi-square p < 0.0001, %d df", df);
    else
        snprintf(buf, size, "chi-square p %.2g, %d df", p, df);
}

static void pass_rate_chart(FILE *f, const camp_layout *lay, int j, const sens_bin *bins, int nb)
{
    const camp_column *col = &lay->cols[j];
    if (nb == 0) {
        fputs("<p class=\"none\">no runs</p>", f);
        return;
    }
    double x0, x1, bar_w;
    chart_range(bins, nb, &x0, &x1, &bar_w);
    if (!(x1 > x0)) {
        x0 -= 0.5;
        x1 += 0.5;
    }
    svg_frame fr = {x0, x1, 0.0, 105.0, 56.0, 12.0, CHART_W - 70.0, CHART_H - 56.0};
    svg_open(f, CHART_W, CHART_H, "sens", &fr);
    char xt[sizeof col->name + sizeof col->unit + 8];
    snprintf(xt, sizeof xt, "%s%s%s%s", col->name, col->unit[0] ? " (" : "", col->unit, col->unit[0] ? ")" : "");
    svg_axes(f, &fr, xt, "pass rate (%)");
    for (int b = 0; b < nb; b++) {
        const sens_bin *s = &bins[b];
        double lo = bar_w > 0.0 ? s->lo - 0.5 * bar_w : s->lo, hi = bar_w > 0.0 ? s->lo + 0.5 * bar_w : s->hi;
        double px0 = svg_px(&fr, lo), px1 = svg_px(&fr, hi), pxc = 0.5 * (px0 + px1);
        fprintf(f, "<g class=\"bin\" data-lo=\"%.9g\" data-hi=\"%.9g\" data-runs=\"%ld\" data-passes=\"%ld\"><title>",
                s->lo, s->hi, s->runs, s->passes);
        if (bar_w > 0.0)
            fprintf(f, "%.6g", s->lo);
        else
            fprintf(f, "%.4g to %.4g", s->lo, s->hi);
        if (col->unit[0]) {
            fputc(' ', f);
            svg_escape(f, col->unit);
        }
        if (s->runs > 0)
            fprintf(f, ": %ld of %ld runs passed (%.0f%%, 95%% interval %.0f%% to %.0f%%)", s->passes, s->runs,
                    100.0 * s->rate, 100.0 * s->ci_lo, 100.0 * s->ci_hi);
        else
            fputs(": no runs", f);
        fputs("</title>", f);
        if (s->runs > 0) {
            double py = svg_py(&fr, 100.0 * s->rate), py0 = svg_py(&fr, 0.0);
            fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#4a7ab5\" "
                       "fill-opacity=\"%s\" stroke=\"#fff\"/>",
                    px0, py, fmax(px1 - px0, 1.0), fmax(py0 - py, 0.5), s->runs < FEW_RUNS ? "0.35" : "1");
            fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#222\"/>", pxc,
                    svg_py(&fr, 100.0 * s->ci_lo), pxc, svg_py(&fr, 100.0 * s->ci_hi));
        }
        fputs("</g>", f);
    }
    fputs("</svg>", f);
}

/* A cell's background: red for a positive correlation, blue for a
 * negative one, as strong as |rho|. */
static void rho_cell(FILE *f, double rho, long n)
{
    if (!isfinite(rho)) {
        fputs("<td>-</td>", f);
        return;
    }
    double a = fabs(rho);
    int strong = a >= sens_rho_noise(n);
    fprintf(f, "<td data-rho=\"%.4f\" style=\"background:rgba(%s,%.2f)\">%s%+.2f%s</td>", rho,
            rho > 0.0 ? "200,60,40" : "40,90,200", 0.6 * a, strong ? "<b>" : "", rho == 0.0 ? 0.0 : rho,
            strong ? "</b>" : "");
}

static int correlation_table(FILE *f, const camp_layout *lay, const camp_results *res)
{
    fputs("<table class=\"rho\"><tr><th>measured \\ dispersed</th>", f);
    for (int p = 0; p < lay->nparams; p++) {
        fputs("<th>", f);
        svg_escape(f, lay->cols[p].name);
        fputs("</th>", f);
    }
    fputs("</tr>\n", f);
    for (int j = lay->nparams; j < lay->ncols; j++) {
        const camp_column *col = &lay->cols[j];
        if (!is_measured(col))
            continue;
        fprintf(f, "<tr data-col=\"");
        svg_escape(f, col->name);
        fputs("\"><td>", f);
        name_with_unit(f, col);
        fputs("</td>", f);
        for (int p = 0; p < lay->nparams; p++) {
            double rho;
            long n;
            if (sens_spearman(res, p, j, &rho, &n))
                return -1;
            rho_cell(f, rho, n);
        }
        fputs("</tr>\n", f);
    }
    fputs("</table>\n", f);
    return 0;
}

int summary_sensitivity_html(FILE *f, const camp_layout *lay, const camp_results *res)
{
    if (lay->nparams == 0)
        return 0;
    fputs("<h2>Sensitivity</h2>\n", f);
    if (lay->pass_col >= 0) {
        fprintf(f, "<p>The pass rate across each dispersed parameter's range: the runs in %d bins of equal width "
                   "(a bin per value where the parameter took at most %d), the line through a bar its 95%% "
                   "interval (Wilson's); pale bars hold fewer than %d runs.  Under each, the chi-square test "
                   "of whether the bins' pass rates differ by more than chance: a p-value under 0.05 says "
                   "they do (approximate where bins hold few runs).</p>\n<div class=\"hists\">\n",
                SENS_MAX_BINS, SENS_MAX_BINS, FEW_RUNS);
        for (int p = 0; p < lay->nparams; p++) {
            sens_bin bins[SENS_MAX_BINS];
            int nb = sens_pass_by_bins(res, p, lay->pass_col, bins), df;
            double pv = sens_bins_p_value(bins, nb, &df);
            char pt[64];
            p_text(pt, sizeof pt, pv, df);
            fprintf(f, "<figure class=\"sens\" data-p=\"%.6g\">", pv);
            pass_rate_chart(f, lay, p, bins, nb);
            fputs("<figcaption>pass rate by ", f);
            svg_escape(f, lay->cols[p].name);
            fprintf(f, " <small>(%s%s)</small></figcaption></figure>\n", pt,
                    isfinite(pv) && pv < 0.05 ? ": differs across the range beyond chance" : "");
        }
        fputs("</div>\n", f);
    }
    fputs("<p>Rank correlation (Spearman's rho) between each dispersed parameter and each measured value: +1 "
          "when the value always rises with the parameter, -1 when it always falls, near 0 when it does "
          "neither (an effect the same on both sides, such as a crosswind from either side, shows in the "
          "pass-rate charts instead).  Bold: beyond what chance gives one time in twenty with this many "
          "runs.</p>\n",
          f);
    return correlation_table(f, lay, res);
}

typedef struct strong_pair {
    int param, col;
    double rho;
} strong_pair;

int summary_sensitivity_text(FILE *f, const camp_layout *lay, const camp_results *res)
{
    if (lay->nparams == 0)
        return 0;
    if (lay->pass_col >= 0) {
        fprintf(f, "pass rate across each parameter's range (lowest and highest of its bins with %d runs or more):\n",
                FEW_RUNS);
        for (int p = 0; p < lay->nparams; p++) {
            sens_bin bins[SENS_MAX_BINS];
            int nb = sens_pass_by_bins(res, p, lay->pass_col, bins), lo = -1, hi = -1;
            for (int b = 0; b < nb; b++) {
                if (bins[b].runs < FEW_RUNS)
                    continue;
                if (lo < 0 || bins[b].rate < bins[lo].rate)
                    lo = b;
                if (hi < 0 || bins[b].rate > bins[hi].rate)
                    hi = b;
            }
            fprintf(f, "  %-42s", lay->cols[p].name);
            if (lo < 0) {
                fputs(" too few runs in any bin\n", f);
                continue;
            }
            const int *ends[2] = {&lo, &hi};
            for (int k = 0; k < 2; k++) {
                const sens_bin *s = &bins[*ends[k]];
                fprintf(f, "%s %5.1f%% at ", k ? "  highest" : " lowest", 100.0 * s->rate);
                if (s->lo == s->hi)
                    fprintf(f, "%.4g", s->lo);
                else
                    fprintf(f, "%.4g..%.4g", s->lo, s->hi);
            }
            int df;
            double pv = sens_bins_p_value(bins, nb, &df);
            char pt[64];
            p_text(pt, sizeof pt, pv, df);
            fprintf(f, "  (%s)\n", pt);
        }
    }
    /* the strongest correlations beyond chance, strongest first */
    strong_pair top[5];
    int ntop = 0;
    for (int j = lay->nparams; j < lay->ncols; j++) {
        if (!is_measured(&lay->cols[j]))
            continue;
        for (int p = 0; p < lay->nparams; p++) {
            double rho;
            long n;
            if (sens_spearman(res, p, j, &rho, &n))
                return -1;
            if (!isfinite(rho) || fabs(rho) < sens_rho_noise(n))
                continue;
            if (ntop == 5 && fabs(rho) <= fabs(top[4].rho))
                continue;
            int at = ntop < 5 ? ntop++ : 4;
            for (; at > 0 && fabs(top[at - 1].rho) < fabs(rho); at--)
                top[at] = top[at - 1];
            top[at] = (strong_pair){p, j, rho};
        }
    }
    if (ntop == 0) {
        fputs("no rank correlation between a parameter and a measured value beyond chance\n", f);
        return ferror(f) ? -1 : 0;
    }
    fputs("strongest rank correlations (Spearman):\n", f);
    for (int k = 0; k < ntop; k++)
        fprintf(f, "  %-42s with %-24s %+.2f\n", lay->cols[top[k].col].name, lay->cols[top[k].param].name,
                top[k].rho);
    return ferror(f) ? -1 : 0;
}
