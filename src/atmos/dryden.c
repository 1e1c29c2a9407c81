/*
 * dryden.c - Dryden turbulence of MIL-F-8785C: intensities and scale lengths
 * against height, and the exactly discretised shaping filters.
 *
 * The filters, in time with V the airspeed and T = L/V (MIL-F-8785C 3.7;
 * MIL-HDBK-1797 gives the same as transfer functions):
 *   u_g = sigma_u sqrt(2L_u/(pi V)) / (1 + T_u s)                 * noise
 *   v_g = sigma_v sqrt(L_v/(pi V)) (1 + sqrt3 T_v s)/(1 + T_v s)^2 * noise
 *   w_g = the same with sigma_w, L_w                             * noise
 *   p_g = sigma_w sqrt(0.8/V) (pi/4b)^(1/6) / (L_w^(1/3) (1 + 4b s/(pi V)))
 *   q_g = -(s/V)/(1 + 4b s/(pi V)) w_g,  r_g = (s/V)/(1 + 3b s/(pi V)) v_g
 * where the noise has the one-sided unit spectrum of the specification's
 * convention (variance = integral of the spectrum over 0..inf rad/s).
 *
 * Each filter is run in normalised form: time in units of T and unit output
 * variance, so that sigma scales the output and V/L only the time step
 * h = V dt / L.  u_g and p_g are then Ornstein-Uhlenbeck processes,
 *   x <- exp(-h) x + sqrt(1 - exp(-2h)) n,
 * which is their exact transition.  v_g (and w_g) with their rotary lag are
 * a three-state linear system dx/dtheta = A x + e1 xi (unit white noise):
 *   x0' = -x0 + xi,   x1' = x0 - x1,   y = sqrt3 x0 + (1 - sqrt3) x1,
 *   x2' = c (y - x2)  (the lag 1/(1 + T_lag s), c = T/T_lag),
 * so that r_g = (pi/(3b)) sigma_v (y_v - x2) and q_g = -(pi/(4b)) sigma_w
 * (y_w - x2).  Its exact transition over h is x <- Phi x + C n, with
 * Phi = exp(A h), C C^T = Q = integral_0^h exp(A t) e1 e1^T exp(A^T t) dt
 * (Van Loan 1978).  Phi and Q come from Taylor series at h / 2^s, small
 * enough that 20 terms reach rounding, then s doublings
 * Q <- Phi Q Phi^T + Q, Phi <- Phi Phi (Moler and Van Loan 2003).
 * The result is cached while h and c stay bit-identical.
 *
 * References: see dryden.h.  The intensities aloft are MIL-F-8785C's chart
 * of rms intensity against altitude and probability of exceedance, read at
 * the altitudes below (the same readings are tabulated with MIL-HDBK-1797's
 * copy of the chart and in JSBSim's FGWinds).
 */
#include "atmos/dryden.h"

#include <assert.h>
#include <math.h>

#include "math/units.h"

/* ------------------------------------------------------------- constants */

#define SQRT3 1.7320508075688772935
#define K1 SQRT3          /* output weight of x0 in the Dryden v/w filter  */
#define K2 (1.0 - SQRT3)  /* output weight of x1                           */

#define ALT_MIN_FT 10.0       /* heights below are taken as this           */
#define LOW_TOP_FT 1000.0     /* low-altitude model up to here             */
#define HIGH_BASE_FT 2000.0   /* medium/high-altitude model from here      */
#define L_HIGH_FT 1750.0      /* MIL-F-8785C Dryden scale length aloft     */
#define V_MIN_MPS 1.0         /* airspeed clamp                            */
#define V_MAX_MPS 2000.0
#define W20_MAX_MPS 1000.0    /* wind-at-20-ft clamp                       */
#define SPAN_MIN_M 0.01       /* wingspan clamp                            */
#define SPAN_MAX_M 10000.0
#define H_MAX 64.0            /* longest normalised step; exp(-64) ~ 1e-28 */
#define TAYLOR_TERMS 20
#define CHOL_REL_FLOOR 1e-13  /* pivots below this fraction are noise      */

/* W20 of MIL-F-8785C 3.7 for light, moderate, severe turbulence (kt). */
static const double W20_KT[4] = {0.0, 15.0, 30.0, 45.0};

/* MIL-F-8785C's exceedance chart: rms intensity (ft/s) against altitude (ft) for the
 * exceedance probabilities 1e-2 (light), 1e-3 (moderate), 1e-5 (severe). */
#define POE_N 12
static const double POE_ALT_FT[POE_N] = {500.0, 1750.0, 3750.0, 7500.0,
                                         15000.0, 25000.0, 35000.0, 45000.0,
                                         55000.0, 65000.0, 75000.0, 80000.0};
static const double POE_SIGMA_FPS[4][POE_N] = {
    {0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0},
    {6.6, 6.9, 7.4, 6.7, 4.6, 2.7, 0.4, 0.0, 0.0, 0.0, 0.0, 0.0},         /* 1e-2 */
    {8.6, 9.6, 10.6, 10.1, 8.0, 6.6, 5.0, 4.2, 2.7, 0.0, 0.0, 0.0},       /* 1e-3 */
    {15.6, 17.6, 23.0, 23.6, 22.1, 20.0, 16.0, 15.1, 12.1, 7.9, 6.2, 5.1} /* 1e-5 */
};

/* ---------------------------------------------------------------- scales */

static int severity_index(dryden_severity sev)
{
    switch (sev) {
    case DRYDEN_LIGHT: return 1;
    case DRYDEN_MODERATE: return 2;
    case DRYDEN_SEVERE: return 3;
    case DRYDEN_NONE: break;
    }
    return 0;
}

/* Chart intensity (ft/s) at h_ft, linear between points, held outside. */
static double poe_sigma_fps(int sev, double h_ft)
{
    const double *s = POE_SIGMA_FPS[sev];
    if (h_ft <= POE_ALT_FT[0])
        return s[0];
    for (int i = 1; i < POE_N; i++) {
        if (h_ft <= POE_ALT_FT[i]) {
            double f = (h_ft - POE_ALT_FT[i - 1]) / (POE_ALT_FT[i] - POE_ALT_FT[i - 1]);
            return s[i - 1] + f * (s[i] - s[i - 1]);
        }
    }
    return s[POE_N - 1];
}

/* Low-altitude model (MIL-F-8785C 3.7, below 1000 ft), in feet. */
static void low_scales_ft(double w20_fps, double h_ft, double sig_fps[3], double len_ft[3])
{
    double den = 0.177 + 0.000823 * h_ft;
    double sw = 0.1 * w20_fps;
    double su = sw / pow(den, 0.4);
    double lu = h_ft / pow(den, 1.2);
    sig_fps[0] = su;
    sig_fps[1] = su;
    sig_fps[2] = sw;
    len_ft[0] = lu;
    len_ft[1] = lu;
    len_ft[2] = h_ft;
}

/* Medium/high-altitude model (MIL-F-8785C 3.7, above 2000 ft), in feet. */
static void high_scales_ft(int sev, double h_ft, double sig_fps[3], double len_ft[3])
{
    double s = poe_sigma_fps(sev, h_ft);
    for (int i = 0; i < 3; i++) {
        sig_fps[i] = s;
        len_ft[i] = L_HIGH_FT;
    }
}

void dryden_scales(const dryden *d, double alt_agl_m, double sigma_mps[3], double length_m[3])
{
    int sev = severity_index(d->severity);
    double w20_fps = sev ? d->wind20_mps / M_PER_FT : 0.0;
    double h_ft = alt_agl_m / M_PER_FT;
    if (!(h_ft >= ALT_MIN_FT)) /* also NaN */
        h_ft = ALT_MIN_FT;

    double sig[3], len[3];
    if (h_ft <= LOW_TOP_FT) {
        low_scales_ft(w20_fps, h_ft, sig, len);
    } else if (h_ft >= HIGH_BASE_FT) {
        high_scales_ft(sev, h_ft, sig, len);
    } else {
        double s_lo[3], l_lo[3], s_hi[3], l_hi[3];
        double f = (h_ft - LOW_TOP_FT) / (HIGH_BASE_FT - LOW_TOP_FT);
        low_scales_ft(w20_fps, LOW_TOP_FT, s_lo, l_lo);
        high_scales_ft(sev, HIGH_BASE_FT, s_hi, l_hi);
        for (int i = 0; i < 3; i++) {
            sig[i] = s_lo[i] + f * (s_hi[i] - s_lo[i]);
            len[i] = l_lo[i] + f * (l_hi[i] - l_lo[i]);
        }
    }
    for (int i = 0; i < 3; i++) {
        sigma_mps[i] = sig[i] * M_PER_FT;
        length_m[i] = len[i] * M_PER_FT;
    }
}

/* ------------------------------------------------------- 3x3 helpers */

static void mat_mul(const double a[3][3], const double b[3][3], double out[3][3])
{
    double t[3][3];
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++)
            t[i][j] = a[i][0] * b[0][j] + a[i][1] * b[1][j] + a[i][2] * b[2][j];
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++)
            out[i][j] = t[i][j];
}

/* out = a b^T */
static void mat_mul_bt(const double a[3][3], const double b[3][3], double out[3][3])
{
    double t[3][3];
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++)
            t[i][j] = a[i][0] * b[j][0] + a[i][1] * b[j][1] + a[i][2] * b[j][2];
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++)
            out[i][j] = t[i][j];
}

/* Lower Cholesky factor of the symmetric positive semi-definite q.  Pivots
 * that are not above CHOL_REL_FLOOR of their diagonal (rounding residue, or
 * a state the noise does not reach) give a zero column.  Can't fail. */
static void cholesky3(const double q[3][3], double l[3][3])
{
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++)
            l[i][j] = 0.0;
    for (int j = 0; j < 3; j++) {
        double dj = q[j][j];
        for (int k = 0; k < j; k++)
            dj -= l[j][k] * l[j][k];
        if (!(dj > CHOL_REL_FLOOR * q[j][j]) || !(dj > 0.0))
            continue;
        l[j][j] = sqrt(dj);
        for (int i = j + 1; i < 3; i++) {
            double s = q[i][j];
            for (int k = 0; k < j; k++)
                s -= l[i][k] * l[j][k];
            l[i][j] = s / l[j][j];
        }
    }
}

/* ------------------------------------------------------------ shapers */

/* Exact transition phi and noise covariance q over normalised step h of the
 * three-state v/w filter with lag ratio c (see the file comment).  0 <= h <=
 * H_MAX and c >= 0 finite, as the callers' clamps ensure.  Can't fail. */
static void shaper_discretise(double h, double c, double phi[3][3], double q[3][3])
{
    assert(h >= 0.0 && h <= H_MAX && c >= 0.0 && isfinite(c));
    const double a[3][3] = {{-1.0, 0.0, 0.0}, {1.0, -1.0, 0.0}, {c * K1, c * K2, -c}};

    /* Larger of the row-sum and column-sum norms bounds every term below. */
    double norm = 0.0;
    for (int i = 0; i < 3; i++) {
        double r = fabs(a[i][0]) + fabs(a[i][1]) + fabs(a[i][2]);
        double col = fabs(a[0][i]) + fabs(a[1][i]) + fabs(a[2][i]);
        norm = fmax(norm, fmax(r, col));
    }
    norm *= h;
    int s = 0;
    double hs = h;
    while (norm > 0.5 && s < 200) {
        norm *= 0.5;
        hs *= 0.5;
        s++;
    }

    /* Taylor series at hs: phi = sum (A hs)^k / k!, and
     * q = sum_k hs^(k+1)/(k+1)! L_k with L_0 = e1 e1^T, L_k = A L_(k-1) +
     * L_(k-1) A^T, summed as m_k = hs/(k+1) (A m_(k-1) + m_(k-1) A^T). */
    double term[3][3] = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
    double m[3][3] = {{hs, 0, 0}, {0, 0, 0}, {0, 0, 0}};
    double ah[3][3];
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++) {
            ah[i][j] = a[i][j] * hs;
            phi[i][j] = term[i][j];
            q[i][j] = m[i][j];
        }
    for (int k = 1; k <= TAYLOR_TERMS; k++) {
        double am[3][3], ma[3][3];
        mat_mul(term, ah, term);
        mat_mul(a, m, am);
        mat_mul_bt(m, a, ma);
        double fk = 1.0 / (double)k;
        double fm = hs / (double)(k + 1);
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++) {
                term[i][j] *= fk;
                phi[i][j] += term[i][j];
                m[i][j] = fm * (am[i][j] + ma[i][j]);
                q[i][j] += m[i][j];
            }
    }

    /* Doubling: the noise of the first half, carried through the second,
     * plus the noise of the second. */
    for (int k = 0; k < s; k++) {
        double pq[3][3], pqp[3][3];
        mat_mul(phi, q, pq);
        mat_mul_bt(pq, phi, pqp);
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                q[i][j] += pqp[i][j];
        mat_mul(phi, phi, phi);
    }
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < i; j++)
            q[i][j] = q[j][i] = 0.5 * (q[i][j] + q[j][i]);
}

/* Stationary covariance of the normalised filter (solution of
 * A P + P A^T + e1 e1^T = 0), in closed form. */
static void shaper_stationary(double c, double p[3][3])
{
    double p11 = 0.5, p12 = 0.25, p22 = 0.25;
    double p13 = c * (K1 * p11 + K2 * p12) / (1.0 + c);
    double p23 = (p13 + c * (K1 * p12 + K2 * p22)) / (1.0 + c);
    double p33 = K1 * p13 + K2 * p23;
    p[0][0] = p11; p[0][1] = p12; p[0][2] = p13;
    p[1][0] = p12; p[1][1] = p22; p[1][2] = p23;
    p[2][0] = p13; p[2][1] = p23; p[2][2] = p33;
}

/* x = C n with C C^T the stationary covariance. */
static void shaper_start(dryden_shaper *f, double c, const double n[3])
{
    double p[3][3], l[3][3];
    shaper_stationary(c, p);
    cholesky3(p, l);
    for (int i = 0; i < 3; i++)
        f->x[i] = l[i][0] * n[0] + l[i][1] * n[1] + l[i][2] * n[2];
}

/* x <- Phi x + C n over normalised step h (0 < h, clamped to H_MAX). */
static void shaper_advance(dryden_shaper *f, double h, double c, const double n[3])
{
    h = fmin(h, H_MAX);
    if (!f->cached || f->key_h != h || f->key_c != c) {
        double q[3][3];
        shaper_discretise(h, c, f->phi, q);
        cholesky3(q, f->chol);
        f->key_h = h;
        f->key_c = c;
        f->cached = 1;
    }
    double x[3];
    for (int i = 0; i < 3; i++)
        x[i] = f->phi[i][0] * f->x[0] + f->phi[i][1] * f->x[1] + f->phi[i][2] * f->x[2] +
               f->chol[i][0] * n[0] + f->chol[i][1] * n[1] + f->chol[i][2] * n[2];
    for (int i = 0; i < 3; i++)
        f->x[i] = x[i];
}

/* Exact Ornstein-Uhlenbeck step of a unit-variance first-order filter. */
static double ou_advance(double x, double h, double n)
{
    h = fmin(h, H_MAX);
    return exp(-h) * x + sqrt(-expm1(-2.0 * h)) * n;
}

static double shaper_output(const dryden_shaper *f)
{
    return K1 * f->x[0] + K2 * f->x[1];
}

/* ------------------------------------------------------------------ API */

void dryden_init(dryden *d, dryden_severity sev, double wind20_mps, uint64_t seed)
{
    int s = severity_index(sev);
    *d = (dryden){0};
    d->severity = s ? sev : DRYDEN_NONE;
    if (s && isfinite(wind20_mps) && wind20_mps > 0.0)
        d->wind20_mps = fmin(wind20_mps, W20_MAX_MPS);
    else
        d->wind20_mps = W20_KT[s] * MPS_PER_KT;
    rng_seed(&d->rng, seed);
}

void dryden_step(dryden *d, double dt_s, double airspeed_mps, double alt_agl_m,
                 double wingspan_m, double gust_uvw_mps[3], double gust_pqr_radps[3])
{
    for (int i = 0; i < 3; i++)
        gust_uvw_mps[i] = gust_pqr_radps[i] = 0.0;
    if (severity_index(d->severity) == 0)
        return;

    double v_mps = airspeed_mps >= V_MIN_MPS ? fmin(airspeed_mps, V_MAX_MPS) : V_MIN_MPS;
    int rotary = wingspan_m > 0.0; /* false for NaN */
    double b_m = rotary ? fmin(fmax(wingspan_m, SPAN_MIN_M), SPAN_MAX_M) : 1.0;

    double sigma[3], len[3];
    dryden_scales(d, alt_agl_m, sigma, len);
    double c_r = rotary ? UNITS_PI * len[1] / (3.0 * b_m) : 0.0;
    double c_q = rotary ? UNITS_PI * len[2] / (4.0 * b_m) : 0.0;

    if (isfinite(dt_s) && dt_s > 0.0) {
        double n[8];
        for (int i = 0; i < 8; i++)
            n[i] = rng_normal(&d->rng);
        if (!d->started) {
            d->x_u = n[0];
            shaper_start(&d->v, c_r, n + 1);
            shaper_start(&d->w, c_q, n + 4);
            d->x_p = n[7];
            d->started = 1;
        } else {
            double dist_m = v_mps * dt_s;
            d->x_u = ou_advance(d->x_u, dist_m / len[0], n[0]);
            shaper_advance(&d->v, fmin(dist_m / len[1], H_MAX), c_r, n + 1);
            shaper_advance(&d->w, fmin(dist_m / len[2], H_MAX), c_q, n + 4);
            if (rotary)
                d->x_p = ou_advance(d->x_p, UNITS_PI * dist_m / (4.0 * b_m), n[7]);
        }
    }

    double y_v = shaper_output(&d->v);
    double y_w = shaper_output(&d->w);
    gust_uvw_mps[0] = sigma[0] * d->x_u;
    gust_uvw_mps[1] = sigma[1] * y_v;
    gust_uvw_mps[2] = sigma[2] * y_w;
    if (rotary) {
        /* sigma_p^2 = integral of MIL-F-8785C's p spectrum:
         * sigma_w^2 0.8 pi^2 (pi/(4b))^(1/3) / (8 b L_w^(2/3)). */
        double sigma_p = sigma[2] * sqrt(0.1 * UNITS_PI * UNITS_PI * cbrt(UNITS_PI / (4.0 * b_m)) /
                                         (b_m * cbrt(len[2] * len[2])));
        gust_pqr_radps[0] = sigma_p * d->x_p;
        gust_pqr_radps[1] = -UNITS_PI / (4.0 * b_m) * sigma[2] * (y_w - d->w.x[2]);
        gust_pqr_radps[2] = UNITS_PI / (3.0 * b_m) * sigma[1] * (y_v - d->v.x[2]);
    }
}
