/*
 * test_vec3.c - src/math/vec3.h: the horizontal speed test that skips the
 * square root (vec3_xy_norm_exceeds) against the square root itself.
 *
 * The shortcut must give the answer of sqrt(a0^2 + a1^2) > limit for every
 * input, since the ground contacts' slip angles, dynamic friction and
 * castering depend on it bit for bit.  The sample covers the ground
 * model's two thresholds and other scales, drawing the speed within a few
 * ulps of the limit (where a careless bound would go wrong), within 1e-12
 * relative (the band where the root is taken) and far from it, and the
 * special values: zero, NaN and infinity.
 */
#include "test_util.h"

#include <float.h>
#include <math.h>
#include <stdint.h>

#include "math/vec3.h"

static uint64_t next_u64(uint64_t *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 0x2545F4914F6CDD1DULL;
}

/* Uniform in [-1, 1). */
static double next_signed_unit(uint64_t *s)
{
    return (double)(next_u64(s) >> 11) * 0x1p-52 - 1.0;
}

static int by_root(const double a[3], double limit)
{
    return sqrt(a[0] * a[0] + a[1] * a[1]) > limit;
}

/* A horizontal vector of length close to target, in a random direction. */
static void vector_of_length(uint64_t *s, double target, double a[3])
{
    double angle = 3.14159 * next_signed_unit(s);
    a[0] = target * cos(angle);
    a[1] = target * sin(angle);
    a[2] = next_signed_unit(s);
}

static void horizontal_speed_test_should_match_the_square_root(void **state)
{
    (void)state;
    const double limits[] = {1e-3 * 0.3048, 0.1 * 0.3048, 1.0, 7.25e-9, 3.1e5};
    uint64_t seed = 0x9E3779B97F4A7C15ULL;
    long checked = 0, in_band = 0, exceeding = 0;
    for (size_t k = 0; k < sizeof limits / sizeof limits[0]; k++) {
        const double limit = limits[k];
        for (int i = 0; i < 200000; i++) {
            double a[3], target;
            switch (i % 4) {
            case 0: /* within a few ulps of the limit */
                target = limit * (1.0 + 8.0 * DBL_EPSILON * next_signed_unit(&seed));
                break;
            case 1: /* within the band where the root is taken */
                target = limit * (1.0 + 1e-12 * next_signed_unit(&seed));
                break;
            case 2: /* either side of the band's edges */
                target = limit * (1.0 + 1e-12 * (1.0 + 0.5 * next_signed_unit(&seed)) *
                                            (next_signed_unit(&seed) < 0.0 ? -1.0 : 1.0));
                break;
            default: /* anywhere from a thousandth to a thousand times */
                target = limit * pow(10.0, 3.0 * next_signed_unit(&seed));
                break;
            }
            vector_of_length(&seed, target, a);
            double x = a[0] * a[0] + a[1] * a[1], l2 = limit * limit;
            in_band += x > l2 * (1.0 - 1e-12) && x < l2 * (1.0 + 1e-12);
            int expected = by_root(a, limit);
            exceeding += expected;
            if (vec3_xy_norm_exceeds(a, limit) != expected) {
                fail_msg("limit %.17g: (%.17g, %.17g) gives %d, the root %d", limit, a[0], a[1], !expected,
                         expected);
            }
            checked++;
        }
        /* the vectors exactly at the limit's square, each way */
        double at[3] = {limit, 0.0, 0.0}, across[3] = {0.0, -limit, 5.0};
        assert_int_equal(vec3_xy_norm_exceeds(at, limit), by_root(at, limit));
        assert_int_equal(vec3_xy_norm_exceeds(across, limit), by_root(across, limit));
    }
    /* the sample reached both answers and the band itself */
    assert_true(in_band > 100000);
    assert_true(exceeding > checked / 4 && exceeding < 3 * checked / 4);

    double zero[3] = {0.0, -0.0, 1.0}, nan_v[3] = {NAN, 0.0, 0.0}, inf_v[3] = {0.0, -INFINITY, 0.0};
    assert_false(vec3_xy_norm_exceeds(zero, 1e-3));
    assert_false(vec3_xy_norm_exceeds(nan_v, 1e-3));
    assert_true(vec3_xy_norm_exceeds(inf_v, 1e-3));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(horizontal_speed_test_should_match_the_square_root),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
