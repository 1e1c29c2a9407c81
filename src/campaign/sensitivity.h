/*
 * sensitivity.h - what a campaign's dispersed parameters do to its
 * results: the pass rate across each parameter's range (binned, with a
 * 95% interval per bin), and the rank correlation between each parameter
 * and each measured value.
 *
 * The pass rate in a bin of k passes in n runs is k/n with Wilson's score
 * interval, which stays inside [0, 1] and is honest for small n and for
 * rates of 0 or 1 (where the normal approximation gives a zero-width
 * interval).  The correlation is Spearman's rho: Pearson's correlation of
 * the ranks, ties given their average rank, so any monotonic effect (not
 * only a linear one) shows as +-1; an effect that is the same on both
 * sides of a value (a crosswind from either side) does not, which is what
 * the binned pass rate is for.
 *
 * Whether a parameter's bins differ by more than chance: Pearson's
 * chi-square test of homogeneity of the 2 x k table (passed, failed) by
 * bin, k - 1 degrees of freedom, its p-value from the regularised upper
 * incomplete gamma function (series below a + 1, Lentz's continued
 * fraction above, as in Press et al.).  The test is approximate when bins
 * hold few runs (expected counts under 5).
 *
 * References: E. B. Wilson, "Probable inference, the law of succession,
 * and statistical inference", JASA 22(158), 1927; L. D. Brown, T. T. Cai,
 * A. DasGupta, "Interval estimation for a binomial proportion",
 * Statistical Science 16(2), 2001; C. Spearman, "The proof and
 * measurement of association between two things", American Journal of
 * Psychology 15(1), 1904; K. Pearson, "On the criterion that a given
 * system of deviations...", Philosophical Magazine 50(302), 1900; W. H.
 * Press et al., Numerical Recipes, 3rd ed., 2007, section 6.2.
 */
#ifndef SAQR_CAMPAIGN_SENSITIVITY_H
#define SAQR_CAMPAIGN_SENSITIVITY_H

#include "campaign/campaign_run.h"

#define SENS_MAX_BINS 10

typedef struct sens_bin {
    double lo, hi;      /* the parameter's values in the bin: [lo, hi), the
                           last bin closed; lo == hi for a bin per value   */
    long runs, passes;  /* runs with both values, and of them those passed */
    double rate;        /* passes / runs (NAN when no runs)                */
    double ci_lo, ci_hi;/* Wilson's 95% interval of the rate (NAN: no runs) */
} sens_bin;

/* The pass rate (column pass_col: 1 pass, 0 fail) across the values of
 * column x_col, over the runs where both are finite: a bin per value when
 * the parameter took at most SENS_MAX_BINS values (a choice), otherwise
 * SENS_MAX_BINS bins of equal width from its smallest to its largest
 * value.  Writes up to SENS_MAX_BINS bins and returns how many (0 when no
 * run has both values).  Can't fail. */
int sens_pass_by_bins(const camp_results *res, int x_col, int pass_col, sens_bin *bins);

/* Wilson's score interval for k successes in n > 0 trials at the 95%
 * level (z = 1.959964). */
void sens_wilson(long k, long n, double *lo, double *hi);

/* Spearman's rank correlation between columns a and b over the runs where
 * both are finite, into *rho (NAN with fewer than 3 such runs or when
 * either column is constant over them); *n the runs used.  0, or -1 when
 * out of memory. */
int sens_spearman(const camp_results *res, int a, int b, double *rho, long *n);

/* The size of |rho| that chance alone exceeds about one time in twenty
 * with n runs (1.96 / sqrt(n - 1), the large-sample null distribution);
 * NAN for n < 3. */
double sens_rho_noise(long n);

/* The p-value of the chi-square test that the pass rate is the same in
 * every bin with runs (k of them, k - 1 degrees of freedom into *df);
 * NAN when fewer than two bins have runs or every run passed, or none. */
double sens_bins_p_value(const sens_bin *bins, int nb, int *df);

/* P(X >= x) for X chi-square with df >= 1 degrees of freedom; 1 for x <= 0. */
double sens_chi2_sf(double x, int df);

#endif
