/*
 * rng.h - a small, seeded, deterministic pseudo-random generator whose whole
 * state is a struct owned by the caller.
 *
 * Saqr draws random numbers only for turbulence and similar stochastic
 * models, and the same seed must give bit-identical flights on every run and
 * in every instance running side by side.  So there is no hidden or global
 * generator: each model keeps a `saqr_rng` inside its own state.
 *
 * The generator is xoshiro256** (64-bit output, 256-bit state, period
 * 2^256 - 1); its state is filled from the 64-bit seed with SplitMix64, as
 * the xoshiro authors recommend.  Uniform doubles take the top 53 bits;
 * normal deviates use the ziggurat method (a table of 256 layers, with
 * Marsaglia's sampling of the tail), which turns most draws into a deviate
 * with one product: no logarithm, root or division.
 *
 * References
 *  - D. Blackman, S. Vigna, "Scrambled linear pseudorandom number
 *    generators", ACM Trans. Math. Software 47(4), 2021 (xoshiro256**).
 *  - G. L. Steele, D. Lea, C. H. Flood, "Fast splittable pseudorandom number
 *    generators", OOPSLA 2014 (SplitMix64).
 *  - G. Marsaglia, W. W. Tsang, "The ziggurat method for generating random
 *    variables", J. Statistical Software 5(8), 2000.
 *  - J. A. Doornik, "An improved ziggurat method to generate normal random
 *    samples", University of Oxford, 2005 (independent layer and offset).
 *  - G. Marsaglia, "Generating a variable from the tail of the normal
 *    distribution", Technometrics 6(1), 1964.
 */
#ifndef SAQR_UTIL_RNG_H
#define SAQR_UTIL_RNG_H

#include <stdint.h>

/* Generator state.  Plain data: copying the struct forks an identical stream.
 * Invariant: s[] is never all zero (rng_seed guarantees it). */
typedef struct saqr_rng {
    uint64_t s[4];    /* xoshiro256** state words                          */
} saqr_rng;

/* One step of SplitMix64: advances *state and returns the next output.
 * Exposed for seeding and for its published test vectors.  Can't fail. */
uint64_t rng_splitmix64(uint64_t *state);

/* Seeds `r` from a 64-bit seed (any value, 0 included).  Can't fail. */
void rng_seed(saqr_rng *r, uint64_t seed);

/* Seeds `r` for stream `stream` of `seed`: a counter-based key, so stream
 * i of a seed is reached directly (no stepping through streams 0..i-1) and
 * is the same whoever draws it, in whatever order.  The stream number is
 * hashed with SplitMix64's output mixer (a bijection, so two streams of one
 * seed never get the same xoshiro seed) and combined with `seed`; the
 * result seeds `r` as rng_seed does.  Used by Monte Carlo campaigns: run i
 * draws from stream i.  Can't fail. */
void rng_seed_stream(saqr_rng *r, uint64_t seed, uint64_t stream);

/* Next 64 uniformly distributed bits.  Can't fail. */
uint64_t rng_next(saqr_rng *r);

/* Uniform double in [0, 1): the top 53 bits of rng_next times 2^-53.
 * Can't fail; consumes exactly one rng_next. */
double rng_uniform(saqr_rng *r);

/* Standard normal deviate (mean 0, variance 1), by the ziggurat: one
 * rng_next for 98.5% of deviates, more in the layers' wedges and the tail.
 * The sequence depends only on the state, so it is reproducible.  Can't
 * fail. */
double rng_normal(saqr_rng *r);

#endif
