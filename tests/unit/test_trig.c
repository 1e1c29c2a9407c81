/*
 * test_trig.c - src/math/trig.c (sin, cos, sincos, atan, atan2) against
 * libm's long double functions.
 *
 * On x86-64 long double has a 64-bit significand, so sinl, cosl, atanl and
 * atan2l give each reference to ~2^-63 relative: 1/1000 of a double's ulp,
 * enough to measure our error in ulps.  Each range draws a fixed
 * pseudo-random sample (xorshift64*, fixed seed): the exponent and the
 * significand uniformly, so that every binade of a range is reached, and for
 * the moderate ranges also the value uniformly.  The largest error of every
 * function and range is printed and must stay within 1 ulp, and within what
 * trig.c achieves plus a margin (0.85 ulp for sin and cos, 0.6 for atan and
 * atan2); a wrong coefficient or a wrong reduction constant exceeds these
 * by far.  Special values are compared bit for bit with C99 Annex F.
 *
 * Where long double is no wider than double (valgrind emulates x87 with
 * doubles) the references are libm's double functions, themselves within
 * ~0.52 ulp: ours must then lie within 1 ulp of theirs, on a sample 25
 * times smaller (the run is for memory checking).  Where long double is a
 * software quad (aarch64) the sample is 8 times smaller.
 */
#include "test_util.h"

#include <float.h>
#include <math.h>
#include <string.h>

#include "math/trig.h"

/* pi/2 as a long double (rounded from 40 digits). */
#define PIO2_L 1.570796326794896619231321691639751442099L

/* trig.h promises errors below 1 ulp; the test holds each function to what
 * trig.c achieves, with some margin, so that subtler mistakes fail too (an
 * error of 2^-37 in the first arctangent coefficient gives 0.63 ulp). */
#define PROMISE 1.0      /* ulp */
#define SINCOS_BOUND 0.85 /* ulp, measured 0.77 */
#define ATAN_BOUND 0.6    /* ulp, measured 0.55 */

/* ------------------------------------------------------------ sampling */

typedef struct {
    uint64_t s; /* xorshift64* state, never 0 */
} rng;

static uint64_t rng_next(rng *r)
{
    r->s ^= r->s >> 12;
    r->s ^= r->s << 25;
    r->s ^= r->s >> 27;
    return r->s * 2685821657736338717u;
}

/* Uniform in [0, 1). */
static double rng_unit(rng *r)
{
    return (double)(rng_next(r) >> 11) * 0x1p-53;
}

/* (1 + uniform [0, 1)) 2^e with e uniform in [e0, e1): every binade alike. */
static double rng_binades(rng *r, int e0, int e1)
{
    int e = e0 + (int)(rng_next(r) % (uint64_t)(e1 - e0));
    return ldexp(1.0 + rng_unit(r), e);
}

static double rng_signed(rng *r, double x)
{
    return (rng_next(r) & 1) ? -x : x;
}

/* ------------------------------------------------------------ measuring */

/* How the references are made here (see the file comment). */
typedef enum {
    REF_X87,    /* long double with a 64-bit significand */
    REF_QUAD,   /* a wider, software long double */
    REF_DOUBLE, /* long double no wider than double */
} ref_kind;

static ref_kind reference_kind(void)
{
    volatile long double one = 1.0L, eps = 0x1p-60L;
    if (one + eps == one)
        return REF_DOUBLE;
    return LDBL_MANT_DIG > 64 ? REF_QUAD : REF_X87;
}

/* The sample size for a nominal n. */
static long sample(long n)
{
    switch (reference_kind()) {
    case REF_X87:
        return n;
    case REF_QUAD:
        return n / 8;
    default:
        return n / 25;
    }
}

/* With REF_DOUBLE the long double functions are no better than the double
 * ones; these use libm's double functions then. */
static long double ref_sin(double x)
{
    return reference_kind() == REF_DOUBLE ? (long double)sin(x) : sinl(x);
}

static long double ref_cos(double x)
{
    return reference_kind() == REF_DOUBLE ? (long double)cos(x) : cosl(x);
}

static long double ref_atan2(double y, double x)
{
    return reference_kind() == REF_DOUBLE ? (long double)atan2(y, x) : atan2l(y, x);
}

static long double ref_atan(double x)
{
    return reference_kind() == REF_DOUBLE ? (long double)atan(x) : atanl(x);
}

/* The largest error allowed when the achieved bound is `bound`: the promise
 * alone when the references are only doubles. */
static double limit(double bound)
{
    return reference_kind() == REF_DOUBLE ? PROMISE : bound;
}

/* |v - ref| in units of the last place of a double of ref's magnitude
 * (2^-1074 in the subnormal range); 1e9 when v is NaN and ref is not. */
static double ulp_error(double v, long double ref)
{
    if ((long double)v == ref)
        return 0.0;
    if (isnan(v) || isnan(ref))
        return 1e9;
    int e = -2000;
    if (ref != 0.0L)
        frexpl(ref, &e); /* |ref| = f 2^e, f in [1/2, 1) */
    int ulp_exp = e - 53 < -1074 ? -1074 : e - 53;
    return (double)(fabsl((long double)v - ref) / ldexpl(1.0L, ulp_exp));
}

/* Largest error seen, and where. */
typedef struct {
    double ulp; /* largest error, ulp */
    double x;   /* its argument (atan2: x) */
    double y;   /* atan2: its y */
} worst;

static void note(worst *w, double ulp, double x, double y)
{
    if (ulp > w->ulp) {
        w->ulp = ulp;
        w->x = x;
        w->y = y;
    }
}

static int same_bits(double a, double b)
{
    return memcmp(&a, &b, sizeof a) == 0;
}

/* ------------------------------------------------------------ tests */

static void ulp_error_should_count_the_next_double_as_one_ulp(void **state)
{
    (void)state;
    assert_true(ulp_error(nextafter(1.0, 2.0), 1.0L) == 1.0);
    assert_true(ulp_error(nextafter(0.75, 0.0), 0.75L) == 1.0);
    assert_true(ulp_error(0x1p-1074, 0.0L) == 1.0);
    assert_true(ulp_error(0x1p-1073, 0x1p-1074L) == 1.0);
    assert_true(ulp_error(NAN, 1.0L) == 1e9);
    assert_true(ulp_error(-0.0, 0.0L) == 0.0);
    if (reference_kind() != REF_DOUBLE) /* the reference is finer than a double */
        assert_true(ulp_error(1.0, 1.0L + 0x1p-54L) == 0.25);
}

/* Ranges of |x| for sin and cos: [lo, hi) drawn by binades (exponents e0 to
 * e1) or, when lo < hi, by value for half the points. */
typedef struct {
    const char *name;
    int e0, e1;    /* binades drawn: 2^e0 .. 2^e1 */
    double lo, hi; /* uniform draws in [lo, hi) for half the points, or 0 0 */
    long n;        /* points */
} x_range;

static const x_range SIN_RANGES[] = {
    {"[0, 1e-8]", -1074, -27, 0.0, 0.0, 250000},
    {"[1e-8, 1]", -27, 0, 1e-8, 1.0, 250000},
    {"[1, 100]", 0, 7, 1.0, 100.0, 250000},
    {"[100, 1e5]", 7, 17, 100.0, 1e5, 250000},
    {"[1e5, 2^20]", 17, 20, 1e5, 1048576.0, 50000},
    {"[2^20, 2^1024)", 20, 1024, 0.0, 0.0, 50000},
};

static void sin_and_cos_should_be_within_one_ulp_over_every_range(void **state)
{
    (void)state;
    rng r = {0x9e3779b97f4a7c15u};
    double all = 0.0;
    for (size_t k = 0; k < sizeof SIN_RANGES / sizeof SIN_RANGES[0]; k++) {
        const x_range *g = &SIN_RANGES[k];
        worst ws = {0}, wc = {0};
        long n = sample(g->n);
        for (long i = 0; i < n; i++) {
            double ax = (g->lo < g->hi && (i & 1)) ? g->lo + (g->hi - g->lo) * rng_unit(&r)
                                                   : rng_binades(&r, g->e0, g->e1);
            double x = rng_signed(&r, ax);
            double s = trig_sin(x), c = trig_cos(x), ss, cc;
            trig_sincos(x, &ss, &cc);
            if (!same_bits(s, ss) || !same_bits(c, cc))
                fail_msg("sincos(%a) = (%a, %a), sin and cos give (%a, %a)", x, ss, cc, s, c);
            note(&ws, ulp_error(s, ref_sin(x)), x, 0.0);
            note(&wc, ulp_error(c, ref_cos(x)), x, 0.0);
        }
        print_message("sin |x| in %-15s %7ld points: max %.4f ulp (x = %a)\n", g->name, n, ws.ulp, ws.x);
        print_message("cos |x| in %-15s %7ld points: max %.4f ulp (x = %a)\n", g->name, n, wc.ulp, wc.x);
        all = fmax(all, fmax(ws.ulp, wc.ulp));
        if (ws.ulp > limit(SINCOS_BOUND) || wc.ulp > limit(SINCOS_BOUND))
            fail_msg("sin/cos in %s: %.4f / %.4f ulp", g->name, ws.ulp, wc.ulp);
    }
    assert_true(all <= PROMISE);
}

static void sin_and_cos_should_stay_accurate_next_to_multiples_of_pi_over_2(void **state)
{
    (void)state;
    /* The doubles nearest k pi/2 and their neighbours: the reduced argument
     * is tiny, so any error of the reduction shows as a relative error.  The
     * last is the double closest to a multiple of pi/2 of all (Muller,
     * "Elementary Functions", 3rd ed., table 11.1: 6381956970095103 2^797). */
    static const double far[] = {0x1.921fb54442d18p+40, 0x1p1000, 0x1.6ac5b262ca1ffp+849};
    worst ws = {0}, wc = {0};
    long count = 0;
    for (long k = 1; k <= 4000000; k = k < 4000 ? k + 1 : k * 17 / 16) {
        double x0 = (double)((long double)k * PIO2_L);
        double x = nextafter(x0, 0.0);
        for (int j = 0; j < 3; j++, x = nextafter(x, INFINITY)) {
            double s = trig_sin(x), c = trig_cos(x), ss, cc;
            trig_sincos(x, &ss, &cc);
            assert_true(same_bits(s, ss) && same_bits(c, cc));
            note(&ws, ulp_error(s, ref_sin(x)), x, 0.0);
            note(&wc, ulp_error(c, ref_cos(x)), x, 0.0);
            count++;
        }
    }
    /* (Not against libm's doubles: glibc 2.36's cos is 8 ulp off at the
     * last one, where cosl and trig_cos agree.) */
    for (size_t i = 0; i < sizeof far / sizeof far[0] && reference_kind() != REF_DOUBLE; i++) {
        note(&ws, ulp_error(trig_sin(far[i]), ref_sin(far[i])), far[i], 0.0);
        note(&wc, ulp_error(trig_cos(far[i]), ref_cos(far[i])), far[i], 0.0);
    }
    print_message("sin next to k pi/2, %ld points: max %.4f ulp (x = %a)\n", count, ws.ulp, ws.x);
    print_message("cos next to k pi/2, %ld points: max %.4f ulp (x = %a)\n", count, wc.ulp, wc.x);
    assert_true(ws.ulp <= limit(SINCOS_BOUND));
    assert_true(wc.ulp <= limit(SINCOS_BOUND));
}

static void atan2_should_be_within_one_ulp_in_every_quadrant(void **state)
{
    (void)state;
    rng r = {0x243f6a8885a308d3u};
    worst quad[4] = {{0}}, extreme = {0};
    long n = sample(1000000);
    for (long i = 0; i < n; i++) {
        /* |y/x| mostly within 2^+-32 (the table), a third out to 2^+-70
         * (the slow path), one point in 32 at extreme magnitudes */
        int ex = (i % 32 == 31) ? ((i & 64) ? 990 : -1060) : -40 + (int)(rng_next(&r) % 81);
        int span = (i % 3 == 2) ? 70 : 32;
        int ey = ex - span + (int)(rng_next(&r) % (uint64_t)(2 * span + 1));
        if (ey > 1023)
            ey = 1023;
        double x = rng_signed(&r, ldexp(1.0 + rng_unit(&r), ex));
        double y = rng_signed(&r, ldexp(1.0 + rng_unit(&r), ey));
        if (i % 101 == 0)
            y = (y < 0.0 ? -1.0 : 1.0) * fabs(x); /* |y| = |x| */
        double e = ulp_error(trig_atan2(y, x), ref_atan2(y, x));
        note(&quad[(x < 0.0) * 2 + (y < 0.0)], e, x, y);
        if (i % 32 == 31)
            note(&extreme, e, x, y);
    }
    static const char *names[4] = {"x > 0, y > 0", "x > 0, y < 0", "x < 0, y > 0", "x < 0, y < 0"};
    for (int q = 0; q < 4; q++) {
        print_message("atan2 %s: max %.4f ulp (y = %a, x = %a)\n", names[q], quad[q].ulp, quad[q].y,
                      quad[q].x);
        assert_true(quad[q].ulp <= limit(ATAN_BOUND));
    }
    print_message("atan2 |x| near 2^-1060 or 2^990: max %.4f ulp\n", extreme.ulp);
    assert_true(extreme.ulp <= limit(ATAN_BOUND));
    print_message("atan2: %ld points in all\n", n);
}

/* trig_atan2_hinted gives trig_atan2's bits whatever its hint holds: the
 * hint left by the call before (an angle that moves a little, the case it
 * is for), the right cell, a neighbour, zero, and random bits; the slow
 * path's inputs (zeros, NaN, infinities, ratios beyond 2^+-30) too.  The
 * hint then holds the answer's cell: a second call with it must agree. */
static void atan2_with_any_hint_should_equal_atan2(void **state)
{
    (void)state;
    rng r = {0x452821e638d01377u};
    trig_atan2_hint moving = 0;
    double y = 0.3, x = 0.9;
    long n = sample(400000), right_guesses = 0;
    for (long i = 0; i < n; i++) {
        if (i % 4 == 0) { /* a slowly turning vector */
            y += 1e-3 * (rng_unit(&r) - 0.5);
            x += 1e-3 * (rng_unit(&r) - 0.5);
        } else { /* anywhere, in every quadrant */
            int ex = -40 + (int)(rng_next(&r) % 81), span = (i % 3 == 2) ? 40 : 30;
            int ey = ex - span + (int)(rng_next(&r) % (uint64_t)(2 * span + 1));
            x = rng_signed(&r, ldexp(1.0 + rng_unit(&r), ex));
            y = rng_signed(&r, ldexp(1.0 + rng_unit(&r), ey));
        }
        double want = trig_atan2(y, x);
        trig_atan2_hint hints[5] = {moving, 0, (trig_atan2_hint)rng_next(&r), 0x3e10, 0x41a0};
        for (int h = 0; h < 5; h++) {
            trig_atan2_hint before = hints[h];
            double got = trig_atan2_hinted(y, x, &hints[h]);
            if (memcmp(&got, &want, sizeof got) != 0)
                fail_msg("atan2(%a, %a) = %a, hinted %u: %a", y, x, want, (unsigned)before, got);
            right_guesses += h == 0 && hints[h] == before;
            /* the hint now names the answer's cell: the same again */
            trig_atan2_hint again = hints[h];
            got = trig_atan2_hinted(y, x, &again);
            assert_memory_equal(&got, &want, sizeof got);
            assert_int_equal(again, hints[h]);
        }
        moving = hints[0];
        /* inside the table the hint comes out as the cell, whatever went in */
        double q = fabs(y / x);
        if (q > 0x1p-29 && q < 0x1p29) {
            trig_atan2_hint a = 1, b = 0x7ff0;
            trig_atan2_hinted(y, x, &a);
            trig_atan2_hinted(y, x, &b);
            assert_int_equal(a, b);
        }
    }
    assert_true(right_guesses > n / 8); /* the turning vector kept its cell */
    const double special[][2] = {{0.0, 1.0}, {-0.0, -1.0}, {1.0, 0.0}, {NAN, 1.0}, {1.0, NAN},
                                 {INFINITY, INFINITY}, {-INFINITY, 2.0}, {1e-300, 1e300}, {1e300, 1e-300},
                                 {0x1p-1070, 0x1p-1060}, {3.0, -INFINITY}};
    for (size_t k = 0; k < sizeof special / sizeof special[0]; k++) {
        trig_atan2_hint hint = 0x3fd0;
        double want = trig_atan2(special[k][0], special[k][1]);
        double got = trig_atan2_hinted(special[k][0], special[k][1], &hint);
        assert_memory_equal(&got, &want, sizeof got);
    }
}

static void atan_should_be_within_one_ulp(void **state)
{
    (void)state;
    rng r = {0x13198a2e03707344u};
    worst w = {0}, wide = {0};
    long n = sample(500000);
    for (long i = 0; i < n; i++) {
        int wider = i % 8 == 7; /* |x| from 2^-1074 to 2^1024 */
        double x = rng_signed(&r, wider ? rng_binades(&r, -1074, 1024) : rng_binades(&r, -35, 35));
        double e = ulp_error(trig_atan(x), ref_atan(x));
        note(wider ? &wide : &w, e, x, 0.0);
    }
    print_message("atan |x| in [2^-35, 2^35): max %.4f ulp (x = %a)\n", w.ulp, w.x);
    print_message("atan |x| anywhere:         max %.4f ulp (x = %a)\n", wide.ulp, wide.x);
    assert_true(w.ulp <= limit(ATAN_BOUND));
    assert_true(wide.ulp <= limit(ATAN_BOUND));
}

/* Bit-for-bit, including the sign of zero; NaN matches any NaN. */
#define assert_same(got, want)                                                                  \
    do {                                                                                        \
        double g_ = (got), w_ = (want);                                                         \
        if (!(isnan(g_) && isnan(w_)) && !same_bits(g_, w_))                                    \
            fail_msg("%s = %a, expected %a", #got, g_, w_);                                     \
    } while (0)

static void special_values_should_follow_c99_annex_f(void **state)
{
    (void)state;
    const double pi = 0x1.921fb54442d18p+1, pio2 = 0x1.921fb54442d18p+0;
    const double pio4 = 0x1.921fb54442d18p-1, three_pio4 = 0x1.2d97c7f3321d2p+1;
    const double inf = INFINITY, nan = NAN, tiny = 0x1p-1074;
    double s, c;

    assert_same(trig_sin(0.0), 0.0);
    assert_same(trig_sin(-0.0), -0.0);
    assert_same(trig_cos(0.0), 1.0);
    assert_same(trig_cos(-0.0), 1.0);
    assert_same(trig_sin(tiny), tiny);
    assert_same(trig_sin(-tiny), -tiny);
    assert_same(trig_cos(tiny), 1.0);
    assert_same(trig_sin(inf), nan);
    assert_same(trig_sin(-inf), nan);
    assert_same(trig_cos(inf), nan);
    assert_same(trig_sin(nan), nan);
    assert_same(trig_cos(nan), nan);
    assert_true(isnan(trig_sin(inf)) && isnan(trig_cos(-inf)));
    trig_sincos(-0.0, &s, &c);
    assert_same(s, -0.0);
    assert_same(c, 1.0);
    trig_sincos(inf, &s, &c);
    assert_true(isnan(s) && isnan(c));
    trig_sincos(nan, &s, &c);
    assert_true(isnan(s) && isnan(c));
    trig_sincos(DBL_MAX, &s, &c);
    assert_true(ulp_error(s, ref_sin(DBL_MAX)) <= PROMISE && ulp_error(c, ref_cos(DBL_MAX)) <= PROMISE);

    assert_same(trig_atan(0.0), 0.0);
    assert_same(trig_atan(-0.0), -0.0);
    assert_same(trig_atan(inf), pio2);
    assert_same(trig_atan(-inf), -pio2);
    assert_same(trig_atan(tiny), tiny);
    assert_same(trig_atan(DBL_MAX), pio2);
    assert_same(trig_atan(1.0), pio4);
    assert_true(isnan(trig_atan(nan)));

    /* atan2, Annex F.9.1.4 */
    assert_same(trig_atan2(0.0, -0.0), pi);
    assert_same(trig_atan2(-0.0, -0.0), -pi);
    assert_same(trig_atan2(0.0, 0.0), 0.0);
    assert_same(trig_atan2(-0.0, 0.0), -0.0);
    assert_same(trig_atan2(0.0, -3.0), pi);
    assert_same(trig_atan2(-0.0, -3.0), -pi);
    assert_same(trig_atan2(0.0, 3.0), 0.0);
    assert_same(trig_atan2(-0.0, 3.0), -0.0);
    assert_same(trig_atan2(-3.0, 0.0), -pio2);
    assert_same(trig_atan2(-3.0, -0.0), -pio2);
    assert_same(trig_atan2(3.0, 0.0), pio2);
    assert_same(trig_atan2(3.0, -0.0), pio2);
    assert_same(trig_atan2(3.0, -inf), pi);
    assert_same(trig_atan2(-3.0, -inf), -pi);
    assert_same(trig_atan2(3.0, inf), 0.0);
    assert_same(trig_atan2(-3.0, inf), -0.0);
    assert_same(trig_atan2(inf, 3.0), pio2);
    assert_same(trig_atan2(-inf, -3.0), -pio2);
    assert_same(trig_atan2(inf, -inf), three_pio4);
    assert_same(trig_atan2(-inf, -inf), -three_pio4);
    assert_same(trig_atan2(inf, inf), pio4);
    assert_same(trig_atan2(-inf, inf), -pio4);
    assert_true(isnan(trig_atan2(nan, 1.0)) && isnan(trig_atan2(1.0, nan)));
    assert_true(isnan(trig_atan2(nan, inf)) && isnan(trig_atan2(inf, nan)));
    assert_true(isnan(trig_atan2(nan, nan)) && isnan(trig_atan2(0.0, nan)));
    /* the ratio underflowing and overflowing */
    assert_same(trig_atan2(tiny, 1e300), 0.0);
    assert_same(trig_atan2(-tiny, -1e300), -pi);
    assert_same(trig_atan2(1e300, tiny), pio2);
    assert_same(trig_atan2(1e300, -tiny), pio2);
    assert_same(trig_atan2(0x1p-1000, 0x1p30), 0x1p-1030);
    assert_same(trig_atan2(DBL_MAX, DBL_MAX), pio4);
    assert_same(trig_atan2(-tiny, -tiny), -three_pio4);
    assert_same(trig_atan2(2.0, 2.0), pio4);
}

static void results_should_be_odd_and_even_exactly(void **state)
{
    (void)state;
    /* sin(-x) = -sin x, cos(-x) = cos x, atan2(-y, x) = -atan2(y, x),
     * atan(-x) = -atan x: the reduction and the tables are symmetric. */
    rng r = {0x452821e638d01377u};
    long n = sample(200000);
    for (long i = 0; i < n; i++) {
        double x = rng_binades(&r, -30, 60), y = rng_signed(&r, rng_binades(&r, -30, 30));
        assert_true(same_bits(trig_sin(-x), -trig_sin(x)));
        assert_true(same_bits(trig_cos(-x), trig_cos(x)));
        assert_true(same_bits(trig_atan(-x), -trig_atan(x)));
        assert_true(same_bits(trig_atan2(-x, y), -trig_atan2(x, y)));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ulp_error_should_count_the_next_double_as_one_ulp),
        cmocka_unit_test(sin_and_cos_should_be_within_one_ulp_over_every_range),
        cmocka_unit_test(sin_and_cos_should_stay_accurate_next_to_multiples_of_pi_over_2),
        cmocka_unit_test(atan2_should_be_within_one_ulp_in_every_quadrant),
        cmocka_unit_test(atan2_with_any_hint_should_equal_atan2),
        cmocka_unit_test(atan_should_be_within_one_ulp),
        cmocka_unit_test(special_values_should_follow_c99_annex_f),
        cmocka_unit_test(results_should_be_odd_and_even_exactly),
    };
    if (reference_kind() == REF_DOUBLE)
        print_message("long double is no wider than double here: references are libm's doubles\n");
    return cmocka_run_group_tests(tests, NULL, NULL);
}
