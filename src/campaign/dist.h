/*
 * dist.h - the distributions a campaign disperses its parameters with:
 * uniform on [min, max), normal (mean, standard deviation), normal
 * truncated to [min, max], and a choice among listed values (optionally
 * weighted).  Draws come from a caller's saqr_rng (util/rng.h), so a run
 * keyed by (seed, run) draws the same values wherever it is flown.
 *
 * The truncated normal is drawn by rejection (normal deviates outside
 * [min, max] are drawn again), which is exact; dist_check refuses a band
 * holding less than DIST_TRUNC_MIN_MASS of the normal's probability, so a
 * draw takes at most a few thousand tries on average.
 *
 * Reference: the normal's probability mass through erfc, Abramowitz and
 * Stegun 26.2.29 (Phi(x) = erfc(-x / sqrt 2) / 2).
 */
#ifndef SAQR_CAMPAIGN_DIST_H
#define SAQR_CAMPAIGN_DIST_H

#include "util/rng.h"

#define DIST_MAX_CHOICES 16
#define DIST_TRUNC_MIN_MASS 1e-3

typedef enum dist_kind { DIST_UNIFORM = 0, DIST_NORMAL, DIST_TRUNC_NORMAL, DIST_CHOICE } dist_kind;

/* Invariants (dist_check): uniform min < max, both finite; normal sd >= 0;
 * truncated normal also min < max holding enough mass; choice 1..16
 * values, weights > 0 (all 1 when not given). */
typedef struct dist {
    dist_kind kind;
    double min, max;          /* uniform and truncated normal bounds       */
    double mean, sd;          /* normal and truncated normal               */
    int nchoices;
    double choices[DIST_MAX_CHOICES];
    double weights[DIST_MAX_CHOICES]; /* relative, > 0                     */
} dist;

/* "uniform", "normal", "truncated-normal", "choice"; -1 for another name. */
int dist_kind_from_name(const char *name);
const char *dist_kind_name(dist_kind k);

/* NULL when `d` is usable, else a sentence saying what is wrong. */
const char *dist_check(const dist *d);

/* One draw.  `d` must pass dist_check.  Can't fail. */
double dist_sample(const dist *d, saqr_rng *r);

/* The exact mean and standard deviation of `d` (for tests and the
 * summary): the truncated normal's from the standard formulas with the
 * normal density and distribution at the standardised bounds. */
double dist_mean(const dist *d);
double dist_sd(const dist *d);

/* The standard normal distribution function Phi(x). */
double dist_normal_cdf(double x);

#endif
