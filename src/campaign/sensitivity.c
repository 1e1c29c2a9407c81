/*
 * sensitivity.c - binned pass rates with Wilson intervals, and Spearman's
 * rank correlation, over a campaign's table (see sensitivity.h for the
 * definitions and references).
 */
#include "campaign/sensitivity.h"

#include <math.h>
#include <stdlib.h>

#define WILSON_Z 1.959963984540054 /* the normal distribution's 97.5th percentile */

static double cell(const camp_results *res, long run, int col)
{
    return res->v[(size_t)run * (size_t)res->ncols + (size_t)col];
}

void sens_wilson(long k, long n, double *lo, double *hi)
{
    const double nn = (double)n, p = (double)k / nn, z2 = WILSON_Z * WILSON_Z;
    const double denom = 1.0 + z2 / nn;
    const double centre = (p + z2 / (2.0 * nn)) / denom;
    const double half = WILSON_Z * sqrt(p * (1.0 - p) / nn + z2 / (4.0 * nn * nn)) / denom;
    *lo = fmax(0.0, centre - half);
    *hi = fmin(1.0, centre + half);
}

/* The distinct finite values of column x_col among runs with a finite
 * pass flag, sorted, up to max + 1 of them (more than max: not a choice). */
static int distinct_values(const camp_results *res, int x_col, int pass_col, double *vals, int max)
{
    int n = 0;
    for (long i = 0; i < res->nruns && n <= max; i++) {
        double x = cell(res, i, x_col);
        if (!isfinite(x) || !isfinite(cell(res, i, pass_col)))
            continue;
        int k = 0;
        while (k < n && vals[k] < x)
            k++;
        if (k < n && vals[k] == x)
            continue;
        for (int m = n; m > k; m--)
            vals[m] = vals[m - 1];
        vals[k] = x;
        n++;
    }
    return n;
}

int sens_pass_by_bins(const camp_results *res, int x_col, int pass_col, sens_bin *bins)
{
    double vals[SENS_MAX_BINS + 1];
    int nv = distinct_values(res, x_col, pass_col, vals, SENS_MAX_BINS);
    if (nv == 0)
        return 0;
    int nb;
    double lo = vals[0], width = 0.0;
    if (nv <= SENS_MAX_BINS) {
        nb = nv;
        for (int b = 0; b < nb; b++)
            bins[b] = (sens_bin){vals[b], vals[b], 0, 0, NAN, NAN, NAN};
    } else {
        double hi = -HUGE_VAL;
        lo = HUGE_VAL;
        for (long i = 0; i < res->nruns; i++) {
            double x = cell(res, i, x_col);
            if (isfinite(x) && isfinite(cell(res, i, pass_col))) {
                lo = fmin(lo, x);
                hi = fmax(hi, x);
            }
        }
        nb = SENS_MAX_BINS;
        width = (hi - lo) / nb;
        for (int b = 0; b < nb; b++)
            bins[b] = (sens_bin){lo + b * width, b == nb - 1 ? hi : lo + (b + 1) * width, 0, 0, NAN, NAN, NAN};
    }
    for (long i = 0; i < res->nruns; i++) {
        double x = cell(res, i, x_col), pass = cell(res, i, pass_col);
        if (!isfinite(x) || !isfinite(pass))
            continue;
        int b = 0;
        if (width > 0.0) {
            b = (int)floor((x - lo) / width);
            b = b < 0 ? 0 : b >= nb ? nb - 1 : b; /* the largest value falls in the last bin */
        } else {
            while (b < nb - 1 && bins[b].lo != x)
                b++;
        }
        bins[b].runs++;
        bins[b].passes += pass != 0.0;
    }
    for (int b = 0; b < nb; b++)
        if (bins[b].runs > 0) {
            bins[b].rate = (double)bins[b].passes / (double)bins[b].runs;
            sens_wilson(bins[b].passes, bins[b].runs, &bins[b].ci_lo, &bins[b].ci_hi);
        }
    return nb;
}

typedef struct ranked {
    double v;
    long at; /* position among the pairs */
} ranked;

static int by_value(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    if (x->v != y->v)
        return x->v < y->v ? -1 : 1;
    return x->at < y->at ? -1 : x->at > y->at; /* a total order: the same ranks from any qsort */
}

/* rank[at] for each of the n values in r (sorted here): 1-based, ties
 * given the average of the ranks they span. */
static void average_ranks(ranked *r, long n, double *rank)
{
    qsort(r, (size_t)n, sizeof *r, by_value);
    for (long i = 0; i < n;) {
        long j = i;
        while (j + 1 < n && r[j + 1].v == r[i].v)
            j++;
        double avg = 0.5 * (double)(i + j) + 1.0;
        for (long k = i; k <= j; k++)
            rank[r[k].at] = avg;
        i = j + 1;
    }
}

static double pearson(const double *x, const double *y, long n)
{
    double mx = 0.0, my = 0.0;
    for (long i = 0; i < n; i++) {
        mx += x[i];
        my += y[i];
    }
    mx /= (double)n;
    my /= (double)n;
    double sxy = 0.0, sxx = 0.0, syy = 0.0;
    for (long i = 0; i < n; i++) {
        double dx = x[i] - mx, dy = y[i] - my;
        sxy += dx * dy;
        sxx += dx * dx;
        syy += dy * dy;
    }
    if (!(sxx > 0.0) || !(syy > 0.0))
        return NAN;
    double rho = sxy / sqrt(sxx * syy);
    return fmax(-1.0, fmin(1.0, rho)); /* rounding must not step outside */
}

int sens_spearman(const camp_results *res, int a, int b, double *rho, long *n)
{
    size_t cap = (size_t)(res->nruns > 0 ? res->nruns : 1);
    ranked *ra = malloc(cap * sizeof *ra), *rb = malloc(cap * sizeof *rb);
    double *rank_a = malloc(cap * sizeof *rank_a), *rank_b = malloc(cap * sizeof *rank_b);
    if (!ra || !rb || !rank_a || !rank_b) {
        free(ra);
        free(rb);
        free(rank_a);
        free(rank_b);
        return -1;
    }
    long m = 0;
    for (long i = 0; i < res->nruns; i++) {
        double x = cell(res, i, a), y = cell(res, i, b);
        if (!isfinite(x) || !isfinite(y))
            continue;
        ra[m] = (ranked){x, m};
        rb[m] = (ranked){y, m};
        m++;
    }
    *n = m;
    *rho = NAN;
    if (m >= 3) {
        average_ranks(ra, m, rank_a);
        average_ranks(rb, m, rank_b);
        *rho = pearson(rank_a, rank_b, m);
    }
    free(ra);
    free(rb);
    free(rank_a);
    free(rank_b);
    return 0;
}

double sens_rho_noise(long n)
{
    return n >= 3 ? WILSON_Z / sqrt((double)(n - 1)) : NAN;
}

/* Q(a, x) = Gamma(a, x) / Gamma(a), the regularised upper incomplete gamma
 * function, for a > 0, x > 0. */
static double gamma_q(double a, double x)
{
    const double eps = 1e-15, tiny = 1e-300;
    double log_front = -x + a * log(x) - lgamma(a);
    if (x < a + 1.0) { /* the series of P = 1 - Q */
        double term = 1.0 / a, sum = term;
        for (int n = 1; n < 1000 && fabs(term) > fabs(sum) * eps; n++) {
            term *= x / (a + n);
            sum += term;
        }
        return fmax(0.0, 1.0 - sum * exp(log_front));
    }
    /* the continued fraction of Q, by Lentz's method */
    double b = x + 1.0 - a, c = 1.0 / tiny, d = 1.0 / b, h = d;
    for (int i = 1; i < 1000; i++) {
        double an = -i * (i - a);
        b += 2.0;
        d = an * d + b;
        d = fabs(d) < tiny ? tiny : d;
        c = b + an / c;
        c = fabs(c) < tiny ? tiny : c;
        d = 1.0 / d;
        double delta = d * c;
        h *= delta;
        if (fabs(delta - 1.0) < eps)
            break;
    }
    return exp(log_front) * h;
}

double sens_chi2_sf(double x, int df)
{
    if (!(x > 0.0))
        return 1.0;
    return gamma_q(0.5 * df, 0.5 * x);
}

double sens_bins_p_value(const sens_bin *bins, int nb, int *df)
{
    long runs = 0, passes = 0;
    int k = 0;
    for (int b = 0; b < nb; b++)
        if (bins[b].runs > 0) {
            runs += bins[b].runs;
            passes += bins[b].passes;
            k++;
        }
    *df = k - 1;
    if (k < 2 || passes == 0 || passes == runs)
        return NAN;
    const double rate = (double)passes / (double)runs;
    double chi2 = 0.0;
    for (int b = 0; b < nb; b++) {
        if (bins[b].runs == 0)
            continue;
        double n = (double)bins[b].runs, e_pass = n * rate, e_fail = n - e_pass;
        double o_pass = (double)bins[b].passes, o_fail = n - o_pass;
        chi2 += (o_pass - e_pass) * (o_pass - e_pass) / e_pass + (o_fail - e_fail) * (o_fail - e_fail) / e_fail;
    }
    return sens_chi2_sf(chi2, *df);
}
