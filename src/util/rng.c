/*
 * rng.c - xoshiro256** seeded through SplitMix64, with uniform and normal
 * deviates.  See rng.h for the references; the constants below are those of
 * the published algorithms.
 */
#include "util/rng.h"

#include <math.h>

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

uint64_t rng_splitmix64(uint64_t *state)
{
    uint64_t z = (*state += UINT64_C(0x9e3779b97f4a7c15));
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

void rng_seed(saqr_rng *r, uint64_t seed)
{
    uint64_t x = seed;
    for (int i = 0; i < 4; i++)
        r->s[i] = rng_splitmix64(&x);
    /* SplitMix64's output mixer is a bijection of distinct counters, so four
     * consecutive outputs are never all zero; keep the invariant explicit. */
    if ((r->s[0] | r->s[1] | r->s[2] | r->s[3]) == 0)
        r->s[0] = UINT64_C(0x9e3779b97f4a7c15);
    r->has_spare = 0;
    r->spare = 0.0;
}

void rng_seed_stream(saqr_rng *r, uint64_t seed, uint64_t stream)
{
    /* rng_splitmix64 adds its increment first: undo it so the mixer sees
     * the stream number itself (the mixer alone is the bijection) */
    uint64_t x = stream - UINT64_C(0x9e3779b97f4a7c15);
    uint64_t h = rng_splitmix64(&x);
    rng_seed(r, seed ^ h);
}

uint64_t rng_next(saqr_rng *r)
{
    uint64_t *s = r->s;
    const uint64_t result = rotl(s[1] * 5, 7) * 9;
    const uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

double rng_uniform(saqr_rng *r)
{
    return (double)(rng_next(r) >> 11) * 0x1.0p-53;
}

double rng_normal(saqr_rng *r)
{
    if (r->has_spare) {
        r->has_spare = 0;
        return r->spare;
    }
    double x, y, s;
    do {
        x = 2.0 * rng_uniform(r) - 1.0; /* uniform on [-1, 1) */
        y = 2.0 * rng_uniform(r) - 1.0;
        s = x * x + y * y;
    } while (s >= 1.0 || s == 0.0);
    const double f = sqrt(-2.0 * log(s) / s);
    r->spare = y * f;
    r->has_spare = 1;
    return x * f;
}
