/*
 * test_campaign_stats.c - a campaign column's statistics against values
 * worked by hand: percentiles by Hyndman and Fan's definition 7 (h =
 * (n - 1) p / 100, linear between order statistics; the same as R's
 * quantile(type = 7) and NumPy's default), the mean and the sample
 * standard deviation, with NaN (not measured) left out.
 */
#include "test_util.h"

#include <math.h>

#include "campaign/stats.h"

static void percentiles_of_one_to_five_should_be_worked_by_hand(void **state)
{
    (void)state;
    const double v[5] = {5, 1, 4, 2, 3}; /* unsorted */
    double scratch[5];
    camp_stats s;
    stats_compute(v, 5, 1, scratch, &s);
    assert_int_equal(s.n, 5);
    /* p5: h = 4 * 0.05 = 0.2 -> 1 + 0.2 (2 - 1) */
    assert_near(s.p5, 1.2, 1e-12);
    assert_near(s.p50, 3.0, 1e-12);
    /* p95: h = 3.8 -> 4 + 0.8 (5 - 4) */
    assert_near(s.p95, 4.8, 1e-12);
    assert_near(s.min, 1.0, 0.0);
    assert_near(s.max, 5.0, 0.0);
}

static void percentiles_of_an_even_set_should_interpolate(void **state)
{
    (void)state;
    const double v[4] = {40, 10, 30, 20};
    double scratch[4];
    camp_stats s;
    stats_compute(v, 4, 1, scratch, &s);
    /* h = 3p/100: p5 -> 0.15 -> 11.5; p50 -> 1.5 -> 25; p95 -> 2.85 -> 38.5 */
    assert_near(s.p5, 11.5, 1e-12);
    assert_near(s.p50, 25.0, 1e-12);
    assert_near(s.p95, 38.5, 1e-12);
}

static void mean_and_sd_should_be_the_sample_ones(void **state)
{
    (void)state;
    /* 2 4 4 4 5 5 7 9: mean 5, squared deviations 32, sd sqrt(32/7) */
    const double v[8] = {2, 4, 4, 4, 5, 5, 7, 9};
    double scratch[8];
    camp_stats s;
    stats_compute(v, 8, 1, scratch, &s);
    assert_near(s.mean, 5.0, 1e-12);
    assert_near(s.sd, sqrt(32.0 / 7.0), 1e-12);
}

static void nan_values_should_be_left_out_and_the_stride_followed(void **state)
{
    (void)state;
    /* column 1 of a 3-column table: 7, NaN, 1, 4 */
    const double t[12] = {0, 7, 0, 0, NAN, 0, 0, 1, 0, 0, 4, 0};
    double scratch[4];
    camp_stats s;
    stats_compute(t + 1, 4, 3, scratch, &s);
    assert_int_equal(s.n, 3);
    assert_near(s.mean, 4.0, 1e-12);
    assert_near(s.p50, 4.0, 1e-12);
    assert_near(s.sd, 3.0, 1e-12); /* (9 + 0 + 9) / 2 = 9 */
}

static void one_value_or_none_should_give_sensible_statistics(void **state)
{
    (void)state;
    double one = 3.5, scratch[2];
    camp_stats s;
    stats_compute(&one, 1, 1, scratch, &s);
    assert_near(s.sd, 0.0, 0.0);
    assert_near(s.p5, 3.5, 0.0);
    assert_near(s.p95, 3.5, 0.0);
    const double none[2] = {NAN, NAN};
    stats_compute(none, 2, 1, scratch, &s);
    assert_int_equal(s.n, 0);
    assert_true(isnan(s.mean) && isnan(s.p50));
}

static void a_pass_column_mean_should_be_its_pass_rate(void **state)
{
    (void)state;
    const double v[8] = {1, 0, 1, 1, 0, 1, 1, 1};
    double scratch[8];
    camp_stats s;
    stats_compute(v, 8, 1, scratch, &s);
    assert_near(s.mean, 0.75, 1e-12);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(percentiles_of_one_to_five_should_be_worked_by_hand),
        cmocka_unit_test(percentiles_of_an_even_set_should_interpolate),
        cmocka_unit_test(mean_and_sd_should_be_the_sample_ones),
        cmocka_unit_test(nan_values_should_be_left_out_and_the_stride_followed),
        cmocka_unit_test(one_value_or_none_should_give_sensible_statistics),
        cmocka_unit_test(a_pass_column_mean_should_be_its_pass_rate),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
