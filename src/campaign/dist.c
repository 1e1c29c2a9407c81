/*
 * dist.c - sampling the campaign's distributions (see dist.h).
 */
#include "campaign/dist.h"

#include <math.h>
#include <string.h>

static const char *const kind_names[] = {"uniform", "normal", "truncated-normal", "choice"};

int dist_kind_from_name(const char *name)
{
    for (int i = 0; i < 4; i++)
        if (strcmp(name, kind_names[i]) == 0)
            return i;
    return -1;
}

const char *dist_kind_name(dist_kind k)
{
    return (unsigned)k < 4 ? kind_names[k] : "?";
}

double dist_normal_cdf(double x)
{
    return 0.5 * erfc(-x / sqrt(2.0));
}

/* Probability a normal deviate falls in [min, max]. */
static double trunc_mass(const dist *d)
{
    if (d->sd == 0.0)
        return d->mean >= d->min && d->mean <= d->max ? 1.0 : 0.0;
    double a = (d->min - d->mean) / d->sd, b = (d->max - d->mean) / d->sd;
    /* the tail nearer zero is the accurate one */
    return a > 0.0 ? dist_normal_cdf(-a) - dist_normal_cdf(-b) : dist_normal_cdf(b) - dist_normal_cdf(a);
}

const char *dist_check(const dist *d)
{
    switch (d->kind) {
    case DIST_UNIFORM:
        if (!isfinite(d->min) || !isfinite(d->max) || !(d->min < d->max))
            return "a uniform distribution needs finite min < max";
        return NULL;
    case DIST_NORMAL:
        if (!isfinite(d->mean) || !isfinite(d->sd) || d->sd < 0.0)
            return "a normal distribution needs a finite mean and sd >= 0";
        return NULL;
    case DIST_TRUNC_NORMAL:
        if (!isfinite(d->mean) || !isfinite(d->sd) || d->sd < 0.0)
            return "a truncated normal distribution needs a finite mean and sd >= 0";
        if (!isfinite(d->min) || !isfinite(d->max) || !(d->min < d->max))
            return "a truncated normal distribution needs finite min < max";
        if (!(trunc_mass(d) >= DIST_TRUNC_MIN_MASS))
            return "the truncated normal's band [min, max] holds less than 0.1% of the normal's probability";
        return NULL;
    case DIST_CHOICE:
        if (d->nchoices < 1 || d->nchoices > DIST_MAX_CHOICES)
            return "a choice needs 1 to 16 values";
        for (int i = 0; i < d->nchoices; i++)
            if (!isfinite(d->choices[i]) || !isfinite(d->weights[i]) || !(d->weights[i] > 0.0))
                return "a choice needs finite values and weights > 0";
        return NULL;
    }
    return "unknown distribution";
}

double dist_sample(const dist *d, saqr_rng *r)
{
    switch (d->kind) {
    case DIST_UNIFORM: {
        double x = d->min + (d->max - d->min) * rng_uniform(r);
        return x < d->max ? x : d->min; /* rounding could reach max */
    }
    case DIST_NORMAL:
        return d->mean + d->sd * rng_normal(r);
    case DIST_TRUNC_NORMAL:
        for (;;) {
            double x = d->mean + d->sd * rng_normal(r);
            if (x >= d->min && x <= d->max)
                return x;
        }
    case DIST_CHOICE: {
        double total = 0.0;
        for (int i = 0; i < d->nchoices; i++)
            total += d->weights[i];
        double u = rng_uniform(r) * total, acc = 0.0;
        for (int i = 0; i < d->nchoices; i++) {
            acc += d->weights[i];
            if (u < acc)
                return d->choices[i];
        }
        return d->choices[d->nchoices - 1];
    }
    }
    return NAN;
}

static double normal_pdf(double x)
{
    return exp(-0.5 * x * x) / 2.5066282746310002; /* sqrt(2 pi) */
}

double dist_mean(const dist *d)
{
    switch (d->kind) {
    case DIST_UNIFORM:
        return 0.5 * (d->min + d->max);
    case DIST_NORMAL:
        return d->mean;
    case DIST_TRUNC_NORMAL: {
        if (d->sd == 0.0)
            return d->mean;
        double a = (d->min - d->mean) / d->sd, b = (d->max - d->mean) / d->sd;
        return d->mean + d->sd * (normal_pdf(a) - normal_pdf(b)) / trunc_mass(d);
    }
    case DIST_CHOICE: {
        double total = 0.0, s = 0.0;
        for (int i = 0; i < d->nchoices; i++) {
            total += d->weights[i];
            s += d->weights[i] * d->choices[i];
        }
        return s / total;
    }
    }
    return NAN;
}

double dist_sd(const dist *d)
{
    switch (d->kind) {
    case DIST_UNIFORM:
        return (d->max - d->min) / sqrt(12.0);
    case DIST_NORMAL:
        return d->sd;
    case DIST_TRUNC_NORMAL: {
        if (d->sd == 0.0)
            return 0.0;
        double a = (d->min - d->mean) / d->sd, b = (d->max - d->mean) / d->sd, z = trunc_mass(d);
        double t1 = (a * normal_pdf(a) - b * normal_pdf(b)) / z, t2 = (normal_pdf(a) - normal_pdf(b)) / z;
        return d->sd * sqrt(fmax(0.0, 1.0 + t1 - t2 * t2));
    }
    case DIST_CHOICE: {
        double m = dist_mean(d), total = 0.0, s = 0.0;
        for (int i = 0; i < d->nchoices; i++) {
            total += d->weights[i];
            s += d->weights[i] * (d->choices[i] - m) * (d->choices[i] - m);
        }
        return sqrt(s / total);
    }
    }
    return NAN;
}
