/*
 * test_rng.c - the seeded generator: published test vectors of SplitMix64
 * and xoshiro256**, reproducibility, and the moments of its uniform and
 * normal deviates against their exact values with bounds of five standard
 * errors.
 *
 * References: the SplitMix64 outputs from state 0 and the xoshiro256**
 * outputs from state {1, 2, 3, 4} are those of the authors' reference C
 * programs (Vigna, https://prng.di.unimi.it/), as also used in the tests of
 * the rand_xoshiro Rust crate.  Normal fractions: Phi(1) - Phi(-1) =
 * erf(1/sqrt 2) = 0.682689492..., Phi(2) - Phi(-2) = 0.954499736...; the
 * histogram and the tails against libm's erfc.  The normal deviates come
 * from a ziggurat: the histogram's chi-square catches a wrong wedge test
 * (0.7% of the mass misplaced near the layers' edges) and the tail
 * fractions a wrong tail beyond r = 3.654.
 */
#include "test_util.h"

#include <math.h>
#include <string.h>

#include "util/rng.h"

#define N_DRAWS 1000000

static void splitmix64_should_match_the_published_outputs_from_zero(void **state)
{
    (void)state;
    const uint64_t expected[4] = {UINT64_C(0xe220a8397b1dcdaf), UINT64_C(0x6e789e6aa1b965f4),
                                  UINT64_C(0x06c45d188009454f), UINT64_C(0xf88bb8a8724c81ec)};
    uint64_t s = 0;
    for (int i = 0; i < 4; i++)
        assert_true(rng_splitmix64(&s) == expected[i]);
}

static void xoshiro256starstar_should_match_the_published_outputs_from_1_2_3_4(void **state)
{
    (void)state;
    const uint64_t expected[10] = {
        UINT64_C(11520),
        UINT64_C(0),
        UINT64_C(1509978240),
        UINT64_C(1215971899390074240),
        UINT64_C(1216172134540287360),
        UINT64_C(607988272756665600),
        UINT64_C(16172922978634559625),
        UINT64_C(8476171486693032832),
        UINT64_C(10595114339597558777),
        UINT64_C(2904607092377533576),
    };
    saqr_rng r = {.s = {1, 2, 3, 4}};
    for (int i = 0; i < 10; i++)
        assert_true(rng_next(&r) == expected[i]);
}

static void seeding_should_fill_the_state_with_splitmix64_outputs(void **state)
{
    (void)state;
    saqr_rng r;
    rng_seed(&r, 0);
    assert_true(r.s[0] == UINT64_C(0xe220a8397b1dcdaf));
    assert_true(r.s[1] == UINT64_C(0x6e789e6aa1b965f4));
    assert_true(r.s[2] == UINT64_C(0x06c45d188009454f));
    assert_true(r.s[3] == UINT64_C(0xf88bb8a8724c81ec));
}

static void the_same_seed_should_give_the_same_sequence(void **state)
{
    (void)state;
    saqr_rng a, b;
    rng_seed(&a, 12345);
    rng_seed(&b, 12345);
    for (int i = 0; i < 10000; i++) {
        assert_true(rng_next(&a) == rng_next(&b));
        double x = rng_normal(&a), y = rng_normal(&b);
        assert_memory_equal(&x, &y, sizeof x);
        x = rng_uniform(&a);
        y = rng_uniform(&b);
        assert_memory_equal(&x, &y, sizeof x);
    }
    /* Copying the struct forks an identical stream. */
    (void)rng_normal(&a);
    saqr_rng c = a;
    for (int i = 0; i < 100; i++) {
        double x = rng_normal(&a), y = rng_normal(&c);
        assert_memory_equal(&x, &y, sizeof x);
    }
}

static void different_seeds_should_give_different_sequences(void **state)
{
    (void)state;
    const uint64_t seeds[4] = {0, 1, 2, UINT64_MAX};
    for (int i = 0; i < 4; i++)
        for (int j = i + 1; j < 4; j++) {
            saqr_rng a, b;
            rng_seed(&a, seeds[i]);
            rng_seed(&b, seeds[j]);
            int equal = 0;
            for (int k = 0; k < 1000; k++)
                equal += rng_next(&a) == rng_next(&b);
            assert_true(equal <= 1); /* a 64-bit coincidence is ~1e-16 */
        }
}

static void uniform_should_be_the_top_53_bits_of_next(void **state)
{
    (void)state;
    saqr_rng a, b;
    rng_seed(&a, 99);
    rng_seed(&b, 99);
    for (int i = 0; i < 1000; i++) {
        double u = rng_uniform(&a);
        uint64_t bits = rng_next(&b) >> 11;
        assert_true(u == ldexp((double)bits, -53));
    }
}

static void uniform_should_have_the_mean_and_variance_of_u01(void **state)
{
    (void)state;
    saqr_rng r;
    rng_seed(&r, 2024);
    double sum = 0.0, sum2 = 0.0, lo = 1.0, hi = 0.0;
    int bins[10] = {0};
    for (int i = 0; i < N_DRAWS; i++) {
        double u = rng_uniform(&r);
        assert_true(u >= 0.0 && u < 1.0);
        sum += u;
        sum2 += u * u;
        lo = fmin(lo, u);
        hi = fmax(hi, u);
        bins[(int)(u * 10.0)]++;
    }
    double n = N_DRAWS, mean = sum / n, var = sum2 / n - mean * mean;
    /* Exact: mean 1/2 (sd of the mean sqrt(1/12/n) = 2.9e-4), variance 1/12
     * (sd of the sample variance sqrt((1/80 - 1/144)/n) = 7.5e-5). */
    assert_near(mean, 0.5, 5.0 * sqrt(1.0 / 12.0 / n));
    assert_near(var, 1.0 / 12.0, 5.0 * sqrt((1.0 / 80.0 - 1.0 / 144.0) / n));
    assert_true(lo < 1e-5 && hi > 1.0 - 1e-5);
    /* Chi-square over ten equal bins, 9 degrees of freedom: the 0.999
     * quantile is 27.88. */
    double chi2 = 0.0;
    for (int i = 0; i < 10; i++) {
        double e = n / 10.0, d = bins[i] - e;
        chi2 += d * d / e;
    }
    assert_true(chi2 < 27.88);
}

static void normal_should_have_mean_0_variance_1_and_gaussian_fractions(void **state)
{
    (void)state;
    saqr_rng r;
    rng_seed(&r, 7);
    double sum = 0.0, sum2 = 0.0, sum4 = 0.0;
    long in1 = 0, in2 = 0;
    for (int i = 0; i < N_DRAWS; i++) {
        double x = rng_normal(&r);
        assert_true(isfinite(x));
        sum += x;
        sum2 += x * x;
        sum4 += x * x * x * x;
        in1 += fabs(x) < 1.0;
        in2 += fabs(x) < 2.0;
    }
    double n = N_DRAWS, mean = sum / n, var = sum2 / n - mean * mean;
    const double p1 = 0.682689492137086, p2 = 0.954499736103642;
    assert_near(mean, 0.0, 5.0 / sqrt(n));
    assert_near(var, 1.0, 5.0 * sqrt(2.0 / n));
    assert_near(sum4 / n, 3.0, 5.0 * sqrt(96.0 / n)); /* Var(x^4) = 105 - 9 */
    assert_near((double)in1 / n, p1, 5.0 * sqrt(p1 * (1.0 - p1) / n));
    assert_near((double)in2 / n, p2, 5.0 * sqrt(p2 * (1.0 - p2) / n));
}

/* P(a <= x < b) for a standard normal x. */
static double normal_mass(double a, double b)
{
    return 0.5 * (erfc(a / sqrt(2.0)) - erfc(b / sqrt(2.0)));
}

static void normal_should_follow_the_gaussian_cdf_into_its_tails(void **state)
{
    (void)state;
    enum { DRAWS = 4000000, BINS = 120 };
    const double lo = -3.0, width = 0.05, r = 3.6541528853610088;
    static long bins[BINS + 2]; /* below lo, BINS of width, from 3 up */
    memset(bins, 0, sizeof bins);
    long beyond_r = 0, beyond_4 = 0;
    saqr_rng g;
    rng_seed(&g, 2025);
    for (int i = 0; i < DRAWS; i++) {
        double x = rng_normal(&g);
        double k = floor((x - lo) / width);
        bins[k < 0.0 ? 0 : (k >= BINS ? BINS + 1 : (int)k + 1)]++;
        beyond_r += fabs(x) > r;
        beyond_4 += fabs(x) > 4.0;
    }
    double chi2 = 0.0;
    for (int b = 0; b < BINS + 2; b++) {
        double a = b == 0 ? -INFINITY : lo + (b - 1) * width;
        double z = b == BINS + 1 ? INFINITY : lo + b * width;
        double e = DRAWS * normal_mass(a, z), d = (double)bins[b] - e;
        chi2 += d * d / e;
    }
    /* 121 degrees of freedom: mean 121, exceeded with probability ~1e-6
     * above 210 (Wilson-Hilferty) */
    assert_true(chi2 < 210.0);
    /* the tail beyond r (the base layer's sampler) and its decay */
    const double pr = erfc(r / sqrt(2.0)), p4 = erfc(4.0 / sqrt(2.0));
    assert_near((double)beyond_r, DRAWS * pr, 5.0 * sqrt(DRAWS * pr));
    assert_near((double)beyond_4, DRAWS * p4, 5.0 * sqrt(DRAWS * p4));
}

static void normal_pairs_should_be_uncorrelated(void **state)
{
    (void)state;
    saqr_rng r;
    rng_seed(&r, 11);
    double sxy = 0.0;
    for (int i = 0; i < N_DRAWS / 2; i++) {
        double x = rng_normal(&r), y = rng_normal(&r);
        sxy += x * y;
    }
    double n = N_DRAWS / 2;
    assert_near(sxy / n, 0.0, 5.0 / sqrt(n));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(splitmix64_should_match_the_published_outputs_from_zero),
        cmocka_unit_test(xoshiro256starstar_should_match_the_published_outputs_from_1_2_3_4),
        cmocka_unit_test(seeding_should_fill_the_state_with_splitmix64_outputs),
        cmocka_unit_test(the_same_seed_should_give_the_same_sequence),
        cmocka_unit_test(different_seeds_should_give_different_sequences),
        cmocka_unit_test(uniform_should_be_the_top_53_bits_of_next),
        cmocka_unit_test(uniform_should_have_the_mean_and_variance_of_u01),
        cmocka_unit_test(normal_should_have_mean_0_variance_1_and_gaussian_fractions),
        cmocka_unit_test(normal_should_follow_the_gaussian_cdf_into_its_tails),
        cmocka_unit_test(normal_pairs_should_be_uncorrelated),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
