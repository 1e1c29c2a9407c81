/*
 * dryden.h - Dryden continuous turbulence of MIL-F-8785C, section 3.7.
 *
 * Gives the turbulence intensities sigma_u,v,w and scale lengths L_u,v,w at a
 * height above ground, and generates gust velocities u_g, v_g, w_g and the
 * rotary gusts p_g, q_g, r_g by passing seeded white noise through the
 * Dryden shaping filters.  The filters are discretised exactly: over every
 * step the airspeed, height and wingspan are held, and the new state is the
 * old one propagated by the filter's state-transition matrix plus a Gaussian
 * increment with exactly the covariance the continuous filter accumulates in
 * that time.  The samples are therefore samples of the continuous Dryden
 * process, with the spectra and variances of the specification whatever the
 * step (see docs/turbulence.md).
 *
 * Frames: u along the horizontal flight-path heading, v to its right, w down
 * (MIL-F-8785C defines low-altitude turbulence in such axes; the caller turns
 * the gusts into NED or body axes).  The rotary gusts are rotation rates of
 * the air (rad/s) about the same axes, to be subtracted from the body rates
 * like the linear gusts from the velocity: p_g = dw_g/dy, q_g = -dw_g/dx,
 * r_g = dv_g/dx (Etkin), so q_g = -(s/V)/(1 + 4b s/(pi V)) w_g and
 * r_g = +(s/V)/(1 + 3b s/(pi V)) v_g, the MIL-F-8785C forms with this sign
 * choice.
 *
 * Everything lives in the caller's `dryden`; nothing allocates, nothing is
 * global.  The same seed and inputs give bit-identical outputs.
 *
 * References
 *  - MIL-F-8785C, "Flying Qualities of Piloted Airplanes", 5 Nov 1980,
 *    section 3.7, atmospheric disturbances: Dryden spectra, low-altitude
 *    intensities and scales, W20 for each severity, and the chart of rms
 *    intensity against altitude and probability of exceedance.
 *  - MIL-HDBK-1797, "Flying Qualities of Piloted Aircraft", 1997, the
 *    atmospheric disturbance requirements and their discussion (shaping-
 *    filter forms, rotary-gust signs).
 *  - B. Etkin, "Turbulent wind and its effect on flight", J. Aircraft 18(5),
 *    1981 (rotary gusts as gradients of the gust field).
 *  - C. F. Van Loan, "Computing integrals involving the matrix exponential",
 *    IEEE Trans. Automatic Control 23(3), 1978, and C. Moler, C. Van Loan,
 *    "Nineteen dubious ways to compute the exponential of a matrix, twenty-
 *    five years later", SIAM Review 45(1), 2003 (exact discretisation of a
 *    linear filter driven by white noise; Taylor series with scaling and
 *    squaring).
 */
#ifndef SAQR_ATMOS_DRYDEN_H
#define SAQR_ATMOS_DRYDEN_H

#include <stdint.h>

#include "util/rng.h"

typedef enum dryden_severity {
    DRYDEN_NONE = 0, /* no turbulence: all outputs 0, no random draws       */
    DRYDEN_LIGHT,    /* W20 15 kt; exceedance probability 1e-2 aloft        */
    DRYDEN_MODERATE, /* W20 30 kt; exceedance probability 1e-3 aloft        */
    DRYDEN_SEVERE    /* W20 45 kt; exceedance probability 1e-5 aloft        */
} dryden_severity;

/* One second-order Dryden filter (v or w) with the first-order lag that
 * gives its rotary gust (r or q).  All states are normalised: the filter is
 * written in time scaled by L/V and its output has unit variance, so that
 * sigma multiplies the output and L and V only set the time scale. */
typedef struct dryden_shaper {
    double x[3];        /* states: x[0], x[1] the Dryden filter (its output
                           is sqrt(3) x[0] + (1 - sqrt(3)) x[1]), x[2] that
                           output through the rotary lag; dimensionless     */
    double key_h;       /* step (V dt / L) of the cached discretisation     */
    double key_c;       /* lag rate relative to V/L of the cached one       */
    int cached;         /* 1 when phi and chol belong to key_h, key_c       */
    double phi[3][3];   /* state transition over the cached step            */
    double chol[3][3];  /* lower Cholesky factor of the step's noise
                           covariance (dimensionless)                       */
} dryden_shaper;

/* Turbulence generator.  Initialise with dryden_init; fields are read-only
 * to everyone else. */
typedef struct dryden {
    dryden_severity severity; /* DRYDEN_NONE .. DRYDEN_SEVERE               */
    double wind20_mps;        /* mean wind speed at 20 ft above ground (m/s),
                                 sets the low-altitude intensities          */
    saqr_rng rng;             /* the white-noise source, seeded in init     */
    int started;              /* 0 until the first step draws the filters
                                 from their stationary distribution         */
    double x_u;               /* normalised u filter state (unit variance)  */
    double x_p;               /* normalised p filter state (unit variance)  */
    dryden_shaper v;          /* v_g filter and its r_g lag                 */
    dryden_shaper w;          /* w_g filter and its q_g lag                 */
} dryden;

/* Sets up `d` for severity `sev` with the random stream of `seed`.
 * wind20_mps is the mean wind at 20 ft; a value that is not a positive
 * finite number picks MIL-F-8785C's value for the severity (15, 30, 45 kt);
 * values above 1000 m/s are taken as 1000 m/s.
 * An out-of-range `sev` is taken as DRYDEN_NONE.  Can't fail. */
void dryden_init(dryden *d, dryden_severity sev, double wind20_mps, uint64_t seed);

/* Intensities sigma_mps[] = {sigma_u, sigma_v, sigma_w} (m/s) and scale
 * lengths length_m[] = {L_u, L_v, L_w} (m) at height alt_agl_m above ground.
 * Below 1000 ft the low-altitude model (sigma_w = 0.1 W20, L_w = h, ...);
 * above 2000 ft L = 1750 ft and sigma from the exceedance chart, linear in
 * altitude between its points and held above 80,000 ft; in between, a linear
 * blend of the two models' values at 1000 ft and 2000 ft.  Heights below
 * 10 ft (or NaN) are taken as 10 ft.  With DRYDEN_NONE the sigmas are 0;
 * the lengths do not depend on the severity.  Can't fail. */
void dryden_scales(const dryden *d, double alt_agl_m, double sigma_mps[3], double length_m[3]);

/* Advances the turbulence by dt_s and writes the gusts at the new time:
 * gust_uvw_mps = {u_g, v_g, w_g} (m/s, axes above) and gust_pqr_radps =
 * {p_g, q_g, r_g} (rad/s).  airspeed_mps is the true airspeed, clamped to
 * [1, 2000] m/s (NaN -> 1 m/s); alt_agl_m as for dryden_scales; wingspan_m
 * is clamped to at most 10 km and at least 1 cm, and a wingspan that is not
 * positive (or NaN) turns the rotary gusts off (0) and leaves u_g, v_g, w_g
 * as they would be (to rounding).
 * The first step after dryden_init draws the filters from their stationary
 * distribution (full intensity from the start; dt_s is not used then).  A
 * dt_s that is not a positive finite number advances nothing and draws
 * nothing: the outputs are the current state at the current intensities
 * (zeros before the first advancing step).  A step longer than 64 L/V acts
 * as one of 64 L/V (the states are then uncorrelated to 1e-27).  Every step
 * that advances draws exactly eight normal deviates, whatever the inputs,
 * so the stream stays aligned.  DRYDEN_NONE writes zeros and draws nothing.
 * Never allocates; can't fail; the outputs are always finite. */
void dryden_step(dryden *d, double dt_s, double airspeed_mps, double alt_agl_m,
                 double wingspan_m, double gust_uvw_mps[3], double gust_pqr_radps[3]);

#endif
