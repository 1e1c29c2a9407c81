/*
 * test_campaign_dist.c - the campaign's distributions and keyed streams:
 * sample means and standard deviations against the exact values within
 * five standard errors, truncation bands never left, choice frequencies,
 * bands too thin to sample refused, and run i's draws the same whoever
 * draws them and in whatever order.
 *
 * References (closed forms, not this code's): uniform on [a, b): mean
 * (a + b) / 2, sd (b - a) / sqrt 12; a standard normal truncated to
 * [0, inf) is the half-normal, mean sqrt(2/pi) = 0.7978845608, sd
 * sqrt(1 - 2/pi) = 0.6028102749 (Johnson, Kotz, Balakrishnan, Continuous
 * Univariate Distributions 1, ch. 13).
 */
#include "test_util.h"

#include <math.h>

#include "campaign/campaign.h"
#include "campaign/campaign_run.h"
#include "campaign/dist.h"
#include "util/rng.h"

#define N 200000

typedef struct moments {
    double mean, sd, lo, hi;
} moments;

static moments sample(const dist *d, uint64_t seed)
{
    saqr_rng r;
    rng_seed(&r, seed);
    double s = 0.0, ss = 0.0, lo = INFINITY, hi = -INFINITY;
    for (int i = 0; i < N; i++) {
        double x = dist_sample(d, &r);
        s += x;
        ss += x * x;
        lo = fmin(lo, x);
        hi = fmax(hi, x);
    }
    double mean = s / N;
    moments m = {mean, sqrt((ss - N * mean * mean) / (N - 1)), lo, hi};
    return m;
}

/* mean within 5 standard errors; sd within 5 standard errors of an sd
 * (sd / sqrt(2N), close enough for these shapes with a margin of 2) */
static void assert_moments(moments m, double mean, double sd)
{
    assert_near(m.mean, mean, 5.0 * sd / sqrt(N));
    assert_near(m.sd, sd, 2.0 * 5.0 * sd / sqrt(2.0 * N));
}

static void uniform_draws_should_have_the_mean_and_sd_of_their_interval(void **state)
{
    (void)state;
    dist d = {.kind = DIST_UNIFORM, .min = 2.0, .max = 5.0};
    assert_null(dist_check(&d));
    moments m = sample(&d, 1);
    assert_moments(m, 3.5, 3.0 / sqrt(12.0));
    assert_true(m.lo >= 2.0 && m.hi < 5.0);
    assert_near(dist_mean(&d), 3.5, 1e-12);
    assert_near(dist_sd(&d), 3.0 / sqrt(12.0), 1e-12);
}

static void normal_draws_should_have_the_given_mean_and_sd(void **state)
{
    (void)state;
    dist d = {.kind = DIST_NORMAL, .mean = 10.0, .sd = 2.0};
    assert_null(dist_check(&d));
    assert_moments(sample(&d, 2), 10.0, 2.0);
}

static void a_normal_truncated_at_its_mean_should_be_the_half_normal(void **state)
{
    (void)state;
    dist d = {.kind = DIST_TRUNC_NORMAL, .mean = 0.0, .sd = 1.0, .min = 0.0, .max = 40.0};
    assert_null(dist_check(&d));
    moments m = sample(&d, 3);
    assert_moments(m, 0.7978845608, 0.6028102749);
    assert_true(m.lo >= 0.0);
    assert_near(dist_mean(&d), 0.7978845608, 1e-9);
    assert_near(dist_sd(&d), 0.6028102749, 1e-9);
}

static void truncated_draws_should_never_leave_their_band(void **state)
{
    (void)state;
    /* a band in the tail: 1.5..2.5 sd above the mean */
    dist d = {.kind = DIST_TRUNC_NORMAL, .mean = 5.0, .sd = 2.0, .min = 8.0, .max = 10.0};
    assert_null(dist_check(&d));
    moments m = sample(&d, 4);
    assert_true(m.lo >= 8.0 && m.hi <= 10.0);
    /* the mass sits towards the near edge: the mean is below the middle */
    assert_true(m.mean < 9.0);
    assert_near(m.mean, dist_mean(&d), 5.0 * 0.6 / sqrt(N));
}

static void a_band_too_thin_to_sample_should_be_refused(void **state)
{
    (void)state;
    /* P(6 < Z < 7) is about 1e-9 */
    dist d = {.kind = DIST_TRUNC_NORMAL, .mean = 0.0, .sd = 1.0, .min = 6.0, .max = 7.0};
    assert_non_null(dist_check(&d));
    dist u = {.kind = DIST_UNIFORM, .min = 1.0, .max = 1.0};
    assert_non_null(dist_check(&u));
    dist c = {.kind = DIST_CHOICE, .nchoices = 2, .choices = {1, 2}, .weights = {1, 0}};
    assert_non_null(dist_check(&c));
}

static void choices_should_come_up_in_proportion_to_their_weights(void **state)
{
    (void)state;
    dist d = {.kind = DIST_CHOICE, .nchoices = 3, .choices = {0, 1, 2}, .weights = {1, 2, 7}};
    assert_null(dist_check(&d));
    saqr_rng r;
    rng_seed(&r, 5);
    long n[3] = {0, 0, 0};
    for (int i = 0; i < N; i++) {
        double x = dist_sample(&d, &r);
        assert_true(x == 0.0 || x == 1.0 || x == 2.0);
        n[(int)x]++;
    }
    const double p[3] = {0.1, 0.2, 0.7};
    for (int k = 0; k < 3; k++)
        assert_near((double)n[k] / N, p[k], 5.0 * sqrt(p[k] * (1 - p[k]) / N));
}

static void a_keyed_stream_should_be_the_same_whenever_it_is_drawn(void **state)
{
    (void)state;
    saqr_rng a, b, c;
    rng_seed_stream(&a, 42, 17);
    for (int i = 0; i < 1000; i++) /* other streams drawn in between */
        rng_seed_stream(&c, 42, (uint64_t)i), (void)rng_next(&c);
    rng_seed_stream(&b, 42, 17);
    for (int i = 0; i < 100; i++)
        assert_true(rng_next(&a) == rng_next(&b));
    /* another stream, another seed: different */
    rng_seed_stream(&a, 42, 17);
    rng_seed_stream(&b, 42, 18);
    rng_seed_stream(&c, 43, 17);
    uint64_t x = rng_next(&a);
    assert_true(x != rng_next(&b));
    assert_true(x != rng_next(&c));
}

static void neighbouring_streams_should_be_uncorrelated(void **state)
{
    (void)state;
    /* first uniform of stream i against that of stream i + 1 */
    double s = 0.0, sxy = 0.0, prev = 0.0;
    saqr_rng r;
    for (int i = 0; i < N; i++) {
        rng_seed_stream(&r, 9, (uint64_t)i);
        double u = rng_uniform(&r) - 0.5;
        s += u;
        if (i)
            sxy += u * prev;
        prev = u;
    }
    assert_near(s / N, 0.0, 5.0 * sqrt(1.0 / 12.0 / N));
    /* var(u) = 1/12: the lag-1 correlation's standard error is 1/sqrt N */
    assert_near(sxy / (N - 1) * 12.0, 0.0, 5.0 / sqrt(N));
}

static void a_runs_draws_should_not_depend_on_other_runs(void **state)
{
    (void)state;
    static campaign c;
    memset(&c, 0, sizeof c);
    c.seed = 20250609;
    c.runs = 100;
    c.nparams = 2;
    c.params[0].d = (dist){.kind = DIST_UNIFORM, .min = 0.0, .max = 15.0};
    c.params[1].d = (dist){.kind = DIST_TRUNC_NORMAL, .mean = 4.0, .sd = 3.0, .min = 0.0, .max = 10.0};
    double alone[2], x[2];
    uint64_t g_alone, g;
    camp_draw(&c, 57, alone, &g_alone);
    for (long i = 99; i >= 0; i--) { /* backwards, as another thread might */
        camp_draw(&c, i, x, &g);
        if (i == 57) {
            assert_true(x[0] == alone[0] && x[1] == alone[1] && g == g_alone);
        } else {
            assert_true(x[0] != alone[0]);
        }
        assert_true(x[0] >= 0.0 && x[0] < 15.0 && x[1] >= 0.0 && x[1] <= 10.0 && g != 0);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(uniform_draws_should_have_the_mean_and_sd_of_their_interval),
        cmocka_unit_test(normal_draws_should_have_the_given_mean_and_sd),
        cmocka_unit_test(a_normal_truncated_at_its_mean_should_be_the_half_normal),
        cmocka_unit_test(truncated_draws_should_never_leave_their_band),
        cmocka_unit_test(a_band_too_thin_to_sample_should_be_refused),
        cmocka_unit_test(choices_should_come_up_in_proportion_to_their_weights),
        cmocka_unit_test(a_keyed_stream_should_be_the_same_whenever_it_is_drawn),
        cmocka_unit_test(neighbouring_streams_should_be_uncorrelated),
        cmocka_unit_test(a_runs_draws_should_not_depend_on_other_runs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
