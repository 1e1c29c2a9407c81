/*
 * stats.c - a campaign column's statistics (see stats.h).  The mean and
 * variance are summed in two passes (mean first) to keep the rounding
 * small.
 */
#include "campaign/stats.h"

#include <math.h>
#include <stdlib.h>

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

double stats_percentile(const double *sorted, size_t n, double p)
{
    double h = (double)(n - 1) * p / 100.0;
    size_t k = (size_t)floor(h);
    if (k + 1 >= n)
        return sorted[n - 1];
    double f = h - (double)k;
    return sorted[k] + f * (sorted[k + 1] - sorted[k]);
}

void stats_compute(const double *v, size_t n, size_t stride, double *scratch, camp_stats *out)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        double x = v[i * stride];
        if (isfinite(x))
            scratch[m++] = x;
    }
    out->n = m;
    if (m == 0) {
        out->mean = out->sd = out->min = out->max = out->p5 = out->p50 = out->p95 = NAN;
        return;
    }
    qsort(scratch, m, sizeof *scratch, cmp_double);
    double s = 0.0;
    for (size_t i = 0; i < m; i++)
        s += scratch[i];
    double mean = s / (double)m, ss = 0.0;
    for (size_t i = 0; i < m; i++)
        ss += (scratch[i] - mean) * (scratch[i] - mean);
    out->mean = mean;
    out->sd = m > 1 ? sqrt(ss / (double)(m - 1)) : 0.0;
    out->min = scratch[0];
    out->max = scratch[m - 1];
    out->p5 = stats_percentile(scratch, m, 5.0);
    out->p50 = stats_percentile(scratch, m, 50.0);
    out->p95 = stats_percentile(scratch, m, 95.0);
}
