/*
 * stats.h - the statistics of one campaign column: count of finite
 * values, mean, sample standard deviation, minimum, maximum and the 5th,
 * 50th and 95th percentiles; for a pass/fail column the pass rate.
 *
 * Percentiles interpolate linearly between the order statistics: with
 * the n finite values sorted x[0] <= ... <= x[n-1], the p-th percentile
 * is x[k] + f (x[k+1] - x[k]) where k + f = (n - 1) p / 100 (Hyndman and
 * Fan's definition 7, the default of R, NumPy and spreadsheets).
 *
 * Reference: R. J. Hyndman, Y. Fan, "Sample quantiles in statistical
 * packages", The American Statistician 50(4), 1996.
 */
#ifndef SAQR_CAMPAIGN_STATS_H
#define SAQR_CAMPAIGN_STATS_H

#include <stddef.h>

typedef struct camp_stats {
    size_t n;                 /* finite values (NaN ones are left out)     */
    double mean, sd;          /* sd with n - 1 (0 for one value)           */
    double min, max;
    double p5, p50, p95;      /* percentiles (definition 7)                */
} camp_stats;

/* Statistics of v[0], v[stride], ... (n values), using `scratch` (room
 * for n doubles) to sort.  With no finite value every field but n is NaN.
 * Can't fail. */
void stats_compute(const double *v, size_t n, size_t stride, double *scratch, camp_stats *out);

/* The p-th percentile (0..100) of sorted[0..n-1] (n >= 1), definition 7. */
double stats_percentile(const double *sorted, size_t n, double p);

#endif
