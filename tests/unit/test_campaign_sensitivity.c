/*
 * test_campaign_sensitivity.c - the campaign summary's sensitivity
 * statistics against published and hand-worked values: Wilson's interval
 * against Newcombe's worked examples (Statistics in Medicine 17, 1998,
 * table II), the chi-square survival function against the tabulated 5%
 * and 1% points and the closed forms for 1 and 2 degrees of freedom,
 * Spearman's rho against sums of squared rank differences worked by hand
 * (and the tie-corrected value scipy.stats.spearmanr gives), and the
 * binning of a table whose answer is known by construction.
 */
#include "test_util.h"

#include <math.h>

#include "campaign/sensitivity.h"

static camp_results table(double *v, long nruns, int ncols)
{
    return (camp_results){nruns, ncols, v, NULL, NULL};
}

static void wilson_should_match_newcombes_examples(void **state)
{
    (void)state;
    const struct {
        long k, n;
        double lo, hi;
    } ex[] = {{81, 263, 0.2553, 0.3662}, {15, 148, 0.0624, 0.1605}, {0, 20, 0.0, 0.1611}, {1, 29, 0.0061, 0.1718}};
    for (size_t i = 0; i < sizeof ex / sizeof ex[0]; i++) {
        double lo, hi;
        sens_wilson(ex[i].k, ex[i].n, &lo, &hi);
        assert_near(lo, ex[i].lo, 5e-5);
        assert_near(hi, ex[i].hi, 5e-5);
    }
    double lo, hi; /* all passed: the interval touches 1 but is not empty */
    sens_wilson(10, 10, &lo, &hi);
    assert_near(lo, 0.7225, 5e-5);
    assert_near(hi, 1.0, 1e-12);
}

static void chi_square_tail_should_match_the_tables(void **state)
{
    (void)state;
    assert_near(sens_chi2_sf(3.841459, 1), 0.05, 1e-6);
    assert_near(sens_chi2_sf(16.918978, 9), 0.05, 1e-6);
    assert_near(sens_chi2_sf(23.209251, 10), 0.01, 1e-7);
    assert_near(sens_chi2_sf(2.087901, 9), 0.99, 1e-6); /* the series side (x < a + 1) */
    for (double x = 0.1; x < 60.0; x *= 1.7) {
        assert_near(sens_chi2_sf(x, 2), exp(-x / 2.0), 1e-12 + 1e-9 * exp(-x / 2.0));
        assert_near(sens_chi2_sf(x, 1), erfc(sqrt(x / 2.0)), 1e-12 + 1e-9 * erfc(sqrt(x / 2.0)));
    }
    assert_near(sens_chi2_sf(0.0, 3), 1.0, 0.0);
}

static void spearman_should_match_rank_differences_worked_by_hand(void **state)
{
    (void)state;
    /* ranks x 1..5, y 2 1 4 3 5: sum d^2 = 4, rho = 1 - 6 * 4 / (5 * 24) = 0.8 */
    double v[] = {10, 7, 20, 3, 30, 40, 40, 11, 50, 90};
    camp_results r = table(v, 5, 2);
    double rho;
    long n;
    assert_int_equal(sens_spearman(&r, 0, 1, &rho, &n), 0);
    assert_int_equal(n, 5);
    assert_near(rho, 0.8, 1e-12);
    /* ties: x 1 2 2 3 ranks 1 2.5 2.5 4 against 1 2 3 4: 4.5 / sqrt(4.5 * 5) */
    double t[] = {1, 10, 2, 20, 2, 30, 3, 40};
    r = table(t, 4, 2);
    sens_spearman(&r, 0, 1, &rho, &n);
    assert_near(rho, 0.9486832980505138, 1e-12);
}

static void spearman_should_see_any_monotonic_effect_and_skip_missing_values(void **state)
{
    (void)state;
    double v[40];
    for (int i = 0; i < 20; i++) {
        double x = i - 9.5;
        v[2 * i] = x;
        v[2 * i + 1] = -x * x * x; /* falls, not linearly */
    }
    v[2 * 7 + 1] = NAN; /* run 7 not measured */
    camp_results r = table(v, 20, 2);
    double rho;
    long n;
    sens_spearman(&r, 0, 1, &rho, &n);
    assert_int_equal(n, 19);
    assert_near(rho, -1.0, 1e-12);
    /* a constant column, or too few runs: no correlation */
    double c[] = {1, 5, 2, 5, 3, 5, 4, 5};
    r = table(c, 4, 2);
    sens_spearman(&r, 0, 1, &rho, &n);
    assert_true(isnan(rho));
    r = table(c, 2, 2);
    sens_spearman(&r, 0, 0, &rho, &n);
    assert_true(isnan(rho));
    assert_near(sens_rho_noise(101), 0.1959964, 1e-6);
}

static void bins_should_split_the_range_evenly_and_count_passes(void **state)
{
    (void)state;
    /* x = 0, 0.1, ..., 9.9; passed when x < 5: five bins all passed, five
     * none; a run with no pass flag is left out */
    double v[200];
    for (int i = 0; i < 100; i++) {
        v[2 * i] = i * 0.1;
        v[2 * i + 1] = i < 50 ? 1.0 : 0.0;
    }
    v[2 * 3 + 1] = NAN;
    camp_results r = table(v, 100, 2);
    sens_bin b[SENS_MAX_BINS];
    int nb = sens_pass_by_bins(&r, 0, 1, b);
    assert_int_equal(nb, SENS_MAX_BINS);
    long total = 0;
    for (int i = 0; i < nb; i++) {
        total += b[i].runs;
        assert_near(b[i].lo, i * 0.99, 1e-9);
        assert_near(b[i].rate, i < 5 ? 1.0 : 0.0, 0.0);
    }
    assert_int_equal(total, 99);
    assert_int_equal(b[0].runs, 9);
    assert_near(b[9].hi, 9.9, 1e-12);   /* the largest value is in the last bin */
    assert_int_equal(b[9].runs, 10);
    int df;
    double p = sens_bins_p_value(b, nb, &df);
    assert_int_equal(df, 9);
    assert_true(p < 1e-15);
}

static void a_choice_should_get_a_bin_per_value_and_its_chi_square(void **state)
{
    (void)state;
    /* turbulence 0 or 1: 10 of 10 calm runs passed, 0 of 10 turbulent ones.
     * 2 x 2 table, expected 5 in each cell: chi-square 4 * 25 / 5 = 20 */
    double v[40];
    for (int i = 0; i < 20; i++) {
        v[2 * i] = i % 2;
        v[2 * i + 1] = i % 2 ? 0.0 : 1.0;
    }
    camp_results r = table(v, 20, 2);
    sens_bin b[SENS_MAX_BINS];
    int nb = sens_pass_by_bins(&r, 0, 1, b);
    assert_int_equal(nb, 2);
    assert_near(b[0].lo, 0.0, 0.0);
    assert_near(b[0].hi, 0.0, 0.0);
    assert_int_equal(b[0].passes, 10);
    assert_int_equal(b[1].passes, 0);
    int df;
    assert_near(sens_bins_p_value(b, nb, &df), 7.744216431044074e-06, 1e-15);
    assert_int_equal(df, 1);
    /* every run passed: nothing to test */
    for (int i = 0; i < 20; i++)
        v[2 * i + 1] = 1.0;
    nb = sens_pass_by_bins(&r, 0, 1, b);
    assert_true(isnan(sens_bins_p_value(b, nb, &df)));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(wilson_should_match_newcombes_examples),
        cmocka_unit_test(chi_square_tail_should_match_the_tables),
        cmocka_unit_test(spearman_should_match_rank_differences_worked_by_hand),
        cmocka_unit_test(spearman_should_see_any_monotonic_effect_and_skip_missing_values),
        cmocka_unit_test(bins_should_split_the_range_evenly_and_count_passes),
        cmocka_unit_test(a_choice_should_get_a_bin_per_value_and_its_chi_square),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
