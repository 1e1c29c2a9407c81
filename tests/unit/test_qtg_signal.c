/*
 * test_qtg_signal.c - period and damping of a recorded oscillation
 * (src/qtg/qtg_signal.c) against analytic damped sinusoids.
 */
#include "test_util.h"

#include <math.h>

#include "qtg/qtg_measure.h"

#define N 3000

/* y = 100 + 5 exp(-zeta wn t) cos(wd t), sampled at 10 Hz. */
static void damped(double period_s, double zeta, double *t, double *y)
{
    double wd = 2.0 * 3.14159265358979323846 / period_s, wn = wd / sqrt(1.0 - zeta * zeta);
    for (int i = 0; i < N; i++) {
        t[i] = 0.1 * i;
        y[i] = 100.0 + 5.0 * exp(-zeta * wn * t[i]) * cos(wd * t[i]);
    }
}

static void a_lightly_damped_phugoid_gives_its_period_and_damping(void **state)
{
    (void)state;
    static double t[N], y[N];
    damped(42.0, 0.05, t, y);
    double period, zeta;
    int ne = qtg_oscillation(t, y, N, 5.0, &period, &zeta);
    assert_true(ne >= 10);
    assert_near(period, 42.0, 0.2);
    assert_near(zeta, 0.05, 0.003);
}

static void a_well_damped_dutch_roll_gives_its_period_and_damping(void **state)
{
    (void)state;
    static double t[N], y[N];
    damped(3.0, 0.3, t, y);
    double period, zeta;
    /* the amplitude is gone after a few cycles: only the start counts */
    int ne = qtg_oscillation(t, y, 120, 0.0, &period, &zeta);
    assert_true(ne >= 3);
    assert_near(period, 3.0, 0.15);
    assert_near(zeta, 0.3, 0.03);
}

static void a_signal_without_oscillation_gives_no_figures(void **state)
{
    (void)state;
    static double t[N], y[N];
    for (int i = 0; i < N; i++) {
        t[i] = 0.1 * i;
        y[i] = 50.0 - 10.0 * exp(-t[i]);
    }
    double period, zeta;
    assert_true(qtg_oscillation(t, y, N, 0.0, &period, &zeta) < 3);
    assert_true(isnan(period));
    assert_true(isnan(zeta));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_lightly_damped_phugoid_gives_its_period_and_damping),
        cmocka_unit_test(a_well_damped_dutch_roll_gives_its_period_and_damping),
        cmocka_unit_test(a_signal_without_oscillation_gives_no_figures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
