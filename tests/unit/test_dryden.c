/*
 * test_dryden.c - Dryden turbulence against MIL-F-8785C.
 *
 * The references are computed here, independently of src/atmos/dryden.c:
 *  - intensities and scale lengths from the specification's equations in
 *    feet (3.7: sigma_w = 0.1 W20, sigma_u/sigma_w = 1/(0.177 +
 *    0.000823 h)^0.4, L_u = L_v = h/(0.177 + 0.000823 h)^1.2, L_w = h) and
 *    from the exceedance chart read by hand at the test heights;
 *  - variances of p_g, q_g, r_g by numerical integration of the
 *    specification's spectra (3.7, temporal form, one-sided in rad/s);
 *  - autocorrelations from the Fourier transforms of the Dryden spectra:
 *    R_u(x) = sigma^2 exp(-x/L), R_v,w(x) = sigma^2 (1 - x/(2L)) exp(-x/L)
 *    at separation x = V tau (Hoblit, "Gust Loads on Aircraft", 1988, 2.5);
 *  - power spectra from the Dryden forms themselves, estimated from the
 *    samples by Welch's method (Hann window, half overlap).
 * Statistical tolerances are four standard errors of the estimate or more
 * (measured over many seeds while writing the test), so a fixed seed passes
 * with margin and a wrong scale length, intensity or filter fails.
 */
#include "test_util.h"

#include <math.h>
#include <string.h>

#include "atmos/dryden.h"

#define PI 3.14159265358979323846
#define FT 0.3048                        /* m per ft, exact              */
#define KT (1852.0 / 3600.0)             /* m/s per kt, exact            */

/* ------------------------------------------------------------ helpers */

/* Runs `n` steps and stores the six gust components in series[6][n]. */
static void run(dryden *d, double dt, double v, double alt, double span, long n,
                double *series[6])
{
    for (long k = 0; k < n; k++) {
        double g[3], r[3];
        dryden_step(d, dt, v, alt, span, g, r);
        for (int i = 0; i < 3; i++) {
            series[i][k] = g[i];
            series[3 + i][k] = r[i];
        }
    }
}

static double **alloc_series(long n)
{
    double **s = calloc(6, sizeof *s);
    assert_non_null(s);
    for (int i = 0; i < 6; i++) {
        s[i] = calloc((size_t)n, sizeof **s);
        assert_non_null(s[i]);
    }
    return s;
}

static void free_series(double **s)
{
    for (int i = 0; i < 6; i++)
        free(s[i]);
    free(s);
}

static double rms(const double *x, long n)
{
    double s = 0.0;
    for (long k = 0; k < n; k++)
        s += x[k] * x[k];
    return sqrt(s / (double)n);
}

/* Normalised autocorrelation at `lag` samples (the process has mean 0). */
static double autocorr(const double *x, long n, long lag)
{
    double c0 = 0.0, c1 = 0.0;
    for (long k = 0; k < n; k++)
        c0 += x[k] * x[k];
    for (long k = 0; k + lag < n; k++)
        c1 += x[k] * x[k + lag];
    return c1 / c0;
}

/* Welch estimate of the one-sided spectrum in rad/s (integral over
 * 0..inf rad/s = variance) at frequency f_hz, with Hann-windowed segments
 * of SEG samples overlapping by half. */
#define SEG 1000
static double welch_psd(const double *x, long n, double dt, double f_hz)
{
    const double two_pi = 2.0 * PI;
    double *wc = malloc(2 * SEG * sizeof *wc), *ws = wc + SEG;
    assert_non_null(wc);
    double wsum = 0.0, acc = 0.0;
    for (long i = 0; i < SEG; i++) {
        double h = 0.5 - 0.5 * cos(two_pi * (double)i / SEG);
        double a = two_pi * f_hz * (double)i * dt;
        wc[i] = h * cos(a);
        ws[i] = -h * sin(a);
        wsum += h * h;
    }
    int nseg = 0;
    for (long s0 = 0; s0 + SEG <= n; s0 += SEG / 2) {
        double re = 0.0, im = 0.0;
        for (long i = 0; i < SEG; i++) {
            re += wc[i] * x[s0 + i];
            im += ws[i] * x[s0 + i];
        }
        acc += re * re + im * im;
        nseg++;
    }
    free(wc);
    return 2.0 * dt * acc / (nseg * wsum) / two_pi;
}

/* MIL-F-8785C Dryden spectra, temporal one-sided (rad/s), omega = V Omega. */
static double phi_u(double om, double s, double l, double v)
{
    double x = l * om / v;
    return s * s * 2.0 * l / (PI * v) / (1.0 + x * x);
}

static double phi_vw(double om, double s, double l, double v)
{
    double x = l * om / v;
    return s * s * l / (PI * v) * (1.0 + 3.0 * x * x) / ((1.0 + x * x) * (1.0 + x * x));
}

typedef struct spec_ctx {
    double sigma_w, sigma_v, l_w, l_v, v, b;
} spec_ctx;

static double phi_p(double om, const spec_ctx *c)
{
    double y = 4.0 * c->b * om / (PI * c->v);
    return c->sigma_w * c->sigma_w / (c->v * c->l_w) * 0.8 *
           cbrt(PI * c->l_w / (4.0 * c->b)) / (1.0 + y * y);
}

static double phi_q(double om, const spec_ctx *c)
{
    double y = 4.0 * c->b * om / (PI * c->v), z = om / c->v;
    return z * z / (1.0 + y * y) * phi_vw(om, c->sigma_w, c->l_w, c->v);
}

static double phi_r(double om, const spec_ctx *c)
{
    double y = 3.0 * c->b * om / (PI * c->v), z = om / c->v;
    return z * z / (1.0 + y * y) * phi_vw(om, c->sigma_v, c->l_v, c->v);
}

/* Integral over 0..inf of f, with omega = scale tan(t), Simpson's rule. */
static double integrate(double (*f)(double, const spec_ctx *), const spec_ctx *c, double scale)
{
    const int n = 20000;
    const double b = 0.5 * PI * (1.0 - 1e-9), h = b / n;
    double s = 0.0;
    for (int i = 0; i <= n; i++) {
        double t = i * h, ct = cos(t);
        double v = f(scale * tan(t), c) * scale / (ct * ct);
        s += (i == 0 || i == n) ? v : (i % 2 ? 4.0 * v : 2.0 * v);
    }
    return s * h / 3.0;
}

/* Low-altitude model written out from the specification, in feet. */
static void spec_low_ft(double w20_fps, double h, double sig[3], double len[3])
{
    double sw = 0.1 * w20_fps;
    double su = sw / pow(0.177 + 0.000823 * h, 0.4);
    double lu = h / pow(0.177 + 0.000823 * h, 1.2);
    sig[0] = su, sig[1] = su, sig[2] = sw;
    len[0] = lu, len[1] = lu, len[2] = h;
}

static void check_scales(dryden_severity sev, double w20_mps, double h_ft,
                         const double sig_fps[3], const double len_ft[3])
{
    dryden d;
    dryden_init(&d, sev, w20_mps, 1);
    double s[3], l[3];
    dryden_scales(&d, h_ft * FT, s, l);
    for (int i = 0; i < 3; i++) {
        assert_near(s[i], sig_fps[i] * FT, 1e-9 * (1.0 + sig_fps[i]));
        assert_near(l[i], len_ft[i] * FT, 1e-9 * len_ft[i]);
    }
}

/* -------------------------------------------------------------- scales */

static void low_altitude_scales_should_follow_the_mil_f_8785c_equations(void **state)
{
    (void)state;
    const double heights_ft[] = {10.0, 20.0, 100.0, 300.0, 500.0, 999.0};
    const dryden_severity sev[] = {DRYDEN_LIGHT, DRYDEN_MODERATE, DRYDEN_SEVERE};
    const double w20_kt[] = {15.0, 30.0, 45.0}; /* MIL-F-8785C 3.7 */
    for (int s = 0; s < 3; s++)
        for (int i = 0; i < 6; i++) {
            double sig[3], len[3];
            spec_low_ft(w20_kt[s] * KT / FT, heights_ft[i], sig, len);
            check_scales(sev[s], 0.0, heights_ft[i], sig, len);
        }
    /* A given W20 replaces the default: sigma_w = 0.1 W20 = 1 m/s. */
    double sig[3], len[3];
    spec_low_ft(10.0 / FT, 200.0, sig, len);
    check_scales(DRYDEN_LIGHT, 10.0, 200.0, sig, len);
    assert_near(sig[2] * FT, 1.0, 1e-12);
    /* One value by hand: moderate, 100 ft: sigma_w = 3 kt = 5.0634 ft/s,
     * sigma_u = 5.0634 / 0.2593^0.4 = 8.6882 ft/s, L_u = 100 / 0.2593^1.2
     * = 505.17 ft. */
    dryden d;
    dryden_init(&d, DRYDEN_MODERATE, 0.0, 1);
    double s3[3], l3[3];
    dryden_scales(&d, 100.0 * FT, s3, l3);
    assert_near(s3[2] / FT, 5.0634, 1e-4);
    assert_near(s3[0] / FT, 8.6882, 1e-3);
    assert_near(l3[0] / FT, 505.17, 0.01);
    assert_near(l3[2] / FT, 100.0, 1e-9);
}

static void high_altitude_scales_should_follow_the_exceedance_chart(void **state)
{
    (void)state;
    /* MIL-F-8785C's exceedance chart, rms intensity in ft/s for exceedance
     * probabilities 1e-2 / 1e-3 / 1e-5 at the chart's altitudes 3,750 ft
     * (7.4 / 10.6 / 23.0), 7,500 ft (6.7 / 10.1 / 23.6), 15,000 ft
     * (4.6 / 8.0 / 22.1), 25,000 ft (2.7 / 6.6 / 20.0), 80,000 ft
     * (0 / 0 / 5.1).  At 10,000 ft, a third of the way from 7,500 to
     * 15,000 ft: 6.0 / 9.4 / 23.1.  Dryden scale length 1750 ft. */
    const dryden_severity sev[] = {DRYDEN_LIGHT, DRYDEN_MODERATE, DRYDEN_SEVERE};
    const double h_ft[] = {3750.0, 10000.0, 25000.0, 100000.0};
    const double sig_fps[4][3] = {
        {7.4, 10.6, 23.0}, {6.0, 9.4, 23.1}, {2.7, 6.6, 20.0}, {0.0, 0.0, 5.1}};
    const double len[3] = {1750.0, 1750.0, 1750.0};
    for (int i = 0; i < 4; i++)
        for (int s = 0; s < 3; s++) {
            double sig[3] = {sig_fps[i][s], sig_fps[i][s], sig_fps[i][s]};
            /* W20 does not matter aloft. */
            check_scales(sev[s], 0.0, h_ft[i], sig, len);
            check_scales(sev[s], 25.0, h_ft[i], sig, len);
        }
}

static void scales_should_blend_linearly_between_1000_and_2000_ft(void **state)
{
    (void)state;
    /* Moderate: at 1000 ft the low model gives sigma = 0.1 W20 = 5.0634
     * ft/s and L = 1000 ft on all axes; at 2000 ft the chart gives 9.6 +
     * (10.6 - 9.6) 250/2000 = 9.725 ft/s and L = 1750 ft.  Halfway: */
    double sig = 0.5 * (0.1 * 30.0 * KT / FT + 9.725), l = 0.5 * (1000.0 + 1750.0);
    double sigs[3] = {sig, sig, sig}, lens[3] = {l, l, l};
    check_scales(DRYDEN_MODERATE, 0.0, 1500.0, sigs, lens);

    /* Continuous at both ends of the blend. */
    dryden d;
    dryden_init(&d, DRYDEN_SEVERE, 0.0, 1);
    const double edges_ft[2] = {1000.0, 2000.0};
    for (int e = 0; e < 2; e++) {
        double s0[3], l0[3], s1[3], l1[3];
        dryden_scales(&d, edges_ft[e] * FT * (1.0 - 1e-9), s0, l0);
        dryden_scales(&d, edges_ft[e] * FT * (1.0 + 1e-9), s1, l1);
        for (int i = 0; i < 3; i++) {
            assert_near(s0[i], s1[i], 1e-6);
            assert_near(l0[i], l1[i], 1e-4);
        }
    }
}

static void scales_should_clamp_heights_below_10_ft_and_nan(void **state)
{
    (void)state;
    dryden d;
    dryden_init(&d, DRYDEN_SEVERE, 0.0, 1);
    double s10[3], l10[3];
    dryden_scales(&d, 10.0 * FT, s10, l10);
    const double bad[] = {NAN, -INFINITY, -100.0, 0.0, 1.0};
    for (int k = 0; k < 5; k++) {
        double s[3], l[3];
        dryden_scales(&d, bad[k], s, l);
        assert_memory_equal(s, s10, sizeof s);
        assert_memory_equal(l, l10, sizeof l);
    }
    double s[3], l[3];
    dryden_scales(&d, INFINITY, s, l); /* held at the chart's top */
    assert_near(s[0], 5.1 * FT, 1e-12);
    assert_near(l[0], 1750.0 * FT, 1e-9);
}

/* ---------------------------------------------------------- statistics */

/* One long run shared by the statistical tests (the group fixture): 2000 s
 * at dt 0.01 s and V = 100 m/s, 20 ft above ground, moderate, span 10 m.
 * The scale lengths are short there (L_u = L_v = 43.8 m, L_w = 6.1 m), so
 * the run holds thousands of correlation lengths. */
typedef struct long_run {
    double dt_s, v_mps, alt_m, span_m; /* conditions of the run           */
    long n;                            /* samples                         */
    double sigma_mps[3], length_m[3];  /* dryden_scales at alt_m          */
    double **x;                        /* u, v, w (m/s), p, q, r (rad/s)  */
} long_run;

static int long_run_setup(void **state)
{
    long_run *lr = calloc(1, sizeof *lr);
    if (!lr)
        return -1;
    *lr = (long_run){.dt_s = 0.01, .v_mps = 100.0, .alt_m = 20.0 * FT, .span_m = 10.0,
                     .n = 200000};
    dryden d;
    dryden_init(&d, DRYDEN_MODERATE, 0.0, 42);
    dryden_scales(&d, lr->alt_m, lr->sigma_mps, lr->length_m);
    lr->x = alloc_series(lr->n);
    run(&d, lr->dt_s, lr->v_mps, lr->alt_m, lr->span_m, lr->n, lr->x);
    *state = lr;
    return 0;
}

static int long_run_teardown(void **state)
{
    long_run *lr = *state;
    free_series(lr->x);
    free(lr);
    return 0;
}

static void long_run_rms_should_match_the_specified_intensities(void **state)
{
    /* Standard error of the rms: 1.1% for u, v, 0.4% for w, under 1% for
     * p, q, r. */
    const long_run *lr = *state;
    const double *sig = lr->sigma_mps, *len = lr->length_m, v = lr->v_mps, b = lr->span_m;
    spec_ctx c = {sig[2], sig[1], len[2], len[1], v, b};
    double expect[6] = {sig[0], sig[1], sig[2],
                        sqrt(integrate(phi_p, &c, PI * v / (4.0 * b))),
                        sqrt(integrate(phi_q, &c, v / len[2])),
                        sqrt(integrate(phi_r, &c, v / len[1]))};
    for (int i = 0; i < 6; i++) {
        double got = rms(lr->x[i], lr->n);
        print_message("rms %c = %.5g, specified %.5g (ratio %.4f)\n", "uvwpqr"[i], got, expect[i],
                      got / expect[i]);
        assert_near(got / expect[i], 1.0, 0.10);
    }
}

static void autocorrelations_should_match_the_dryden_forms(void **state)
{
    /* Standard error of each estimate: 0.008 to 0.013 for u, v and 0.003
     * to 0.004 for w. */
    const long_run *lr = *state;
    const double frac[3] = {0.5, 1.0, 2.0};
    const double tol[3] = {0.05, 0.05, 0.02};
    for (int axis = 0; axis < 3; axis++)
        for (int k = 0; k < 3; k++) {
            double l = lr->length_m[axis], step = lr->v_mps * lr->dt_s;
            long lag = lround(frac[k] * l / step);
            double r = step * (double)lag / l;
            double expect = axis == 0 ? exp(-r) : (1.0 - 0.5 * r) * exp(-r);
            double got = autocorr(lr->x[axis], lr->n, lag);
            print_message("rho_%c(%.3f s) = %.4f, Dryden %.4f\n", "uvw"[axis],
                          (double)lag * lr->dt_s, got, expect);
            assert_near(got, expect, tol[axis]);
        }
}

static void spectra_should_match_the_dryden_forms(void **state)
{
    /* Welch over 10 s segments with half overlap (399 segments): standard
     * error about 5.5% of the spectrum. */
    const long_run *lr = *state;
    const double *sig = lr->sigma_mps, *len = lr->length_m, v = lr->v_mps;
    const double f_hz[3] = {0.25, 1.0, 4.0};
    for (int k = 0; k < 3; k++) {
        double om = 2.0 * PI * f_hz[k];
        double pu = welch_psd(lr->x[0], lr->n, lr->dt_s, f_hz[k]);
        double pw = welch_psd(lr->x[2], lr->n, lr->dt_s, f_hz[k]);
        double eu = phi_u(om, sig[0], len[0], v), ew = phi_vw(om, sig[2], len[2], v);
        print_message("f = %g Hz: Phi_u %.4g / Dryden %.4g = %.3f, Phi_w %.4g / %.4g = %.3f\n",
                      f_hz[k], pu, eu, pu / eu, pw, ew, pw / ew);
        assert_near(pu / eu, 1.0, 0.25);
        assert_near(pw / ew, 1.0, 0.25);
    }
}

static void statistics_should_not_depend_on_the_step(void **state)
{
    (void)state;
    /* 1000 s at 20 ft (L_u = 43.8 m): standard error of the rms about 1.3%
     * for u and v and 0.5% for w, 0.004 for the w autocorrelation. */
    const double v = 100.0, alt = 20.0 * FT, dts[2] = {0.005, 0.02};
    for (int j = 0; j < 2; j++) {
        const long n = lround(1000.0 / dts[j]);
        dryden d;
        dryden_init(&d, DRYDEN_SEVERE, 0.0, 99);
        double sig[3], len[3];
        dryden_scales(&d, alt, sig, len);
        double **x = alloc_series(n);
        run(&d, dts[j], v, alt, 10.0, n, x);
        for (int i = 0; i < 3; i++) {
            double got = rms(x[i], n);
            print_message("dt %.3f s: rms %c / sigma = %.4f\n", dts[j], "uvw"[i], got / sig[i]);
            assert_near(got / sig[i], 1.0, 0.10);
        }
        /* w at a lag of one scale length: (1 - 1/2) e^-1 = 0.1839. */
        long lag = lround(len[2] / (v * dts[j]));
        double r = v * dts[j] * (double)lag / len[2];
        assert_near(autocorr(x[2], n, lag), (1.0 - 0.5 * r) * exp(-r), 0.03);
        free_series(x);
    }
}

static void the_first_step_should_draw_from_the_stationary_distribution(void **state)
{
    (void)state;
    /* One first step of each of 4000 generators: every component should
     * already have its full variance (standard error 1.1% of sigma). */
    const int m = 4000;
    const double v = 80.0, alt = 300.0 * FT, span = 12.0;
    double acc[6] = {0};
    double sig[3], len[3];
    for (int k = 0; k < m; k++) {
        dryden d;
        dryden_init(&d, DRYDEN_LIGHT, 0.0, (uint64_t)k + 1000);
        double g[3], r[3];
        dryden_step(&d, 0.01, v, alt, span, g, r);
        for (int i = 0; i < 3; i++) {
            acc[i] += g[i] * g[i];
            acc[3 + i] += r[i] * r[i];
        }
        if (k == 0)
            dryden_scales(&d, alt, sig, len);
    }
    spec_ctx c = {sig[2], sig[1], len[2], len[1], v, span};
    double expect[6] = {sig[0], sig[1], sig[2],
                        sqrt(integrate(phi_p, &c, PI * v / (4.0 * span))),
                        sqrt(integrate(phi_q, &c, v / len[2])),
                        sqrt(integrate(phi_r, &c, v / len[1]))};
    for (int i = 0; i < 6; i++) {
        double got = sqrt(acc[i] / m);
        print_message("first-step rms %c / specified = %.4f\n", "uvwpqr"[i], got / expect[i]);
        assert_near(got / expect[i], 1.0, 0.06);
    }
}

/* Real parts of the rotary transfer functions times the spectra:
 * Re H_q(j omega) Phi_w with H_q = -(j omega/V)/(1 + j omega 4b/(pi V)), and
 * Re H_r(j omega) Phi_v with H_r = +(j omega/V)/(1 + j omega 3b/(pi V)). */
static double cross_qw(double om, const spec_ctx *c)
{
    double t = 4.0 * c->b / (PI * c->v);
    return -(om * om * t / c->v) / (1.0 + om * om * t * t) * phi_vw(om, c->sigma_w, c->l_w, c->v);
}

static double cross_rv(double om, const spec_ctx *c)
{
    double t = 3.0 * c->b / (PI * c->v);
    return (om * om * t / c->v) / (1.0 + om * om * t * t) * phi_vw(om, c->sigma_v, c->l_v, c->v);
}

static void rotary_gusts_should_be_the_gust_gradients_with_etkins_signs(void **state)
{
    /* q_g = -dw_g/dx and r_g = +dv_g/dx seen through the span's lag fix the
     * covariances E[q_g w_g] = integral of Re H_q Phi_w (negative) and
     * E[r_g v_g] = integral of Re H_r Phi_v (positive).  A wrong sign, span
     * factor or 1/V shows here; the variances alone would not show a sign.
     * Standard error of the sample correlations: about 0.004. */
    const long_run *lr = *state;
    const double *sig = lr->sigma_mps, *len = lr->length_m, v = lr->v_mps;
    spec_ctx c = {sig[2], sig[1], len[2], len[1], v, lr->span_m};
    double sq = sqrt(integrate(phi_q, &c, v / len[2])), sr = sqrt(integrate(phi_r, &c, v / len[1]));
    double expect[2] = {integrate(cross_qw, &c, v / len[2]) / (sq * sig[2]),
                        integrate(cross_rv, &c, v / len[1]) / (sr * sig[1])};
    double sab[2] = {0}, saa[2] = {0}, sbb[2] = {0};
    for (long k = 0; k < lr->n; k++)
        for (int j = 0; j < 2; j++) {
            double a = lr->x[4 + j][k], b = lr->x[2 - j][k];
            sab[j] += a * b, saa[j] += a * a, sbb[j] += b * b;
        }
    for (int j = 0; j < 2; j++) {
        double got = sab[j] / sqrt(saa[j] * sbb[j]);
        print_message("corr(%s) = %.4f, from the spectra %.4f\n", j == 0 ? "q_g, w_g" : "r_g, v_g",
                      got, expect[j]);
        assert_near(got, expect[j], 0.02);
    }
    assert_true(expect[0] < -0.1 && expect[1] > 0.1);
}

/* ------------------------------------------------------ discretisation */

/* The normalised v/w filter with its rotary lag (see dryden.c): x0' = -x0 +
 * noise, x1' = x0 - x1, y = sqrt3 x0 + (1 - sqrt3) x1, x2' = c (y - x2).
 * Column `col` of exp(A t), solved by hand (c != 1). */
static void exact_column(int col, double c, double t, double out[3])
{
    const double k1 = sqrt(3.0), k2 = 1.0 - sqrt(3.0), dd = c - 1.0;
    double e = exp(-t), ec = exp(-c * t), ed = expm1(dd * t); /* e^(dd t) - 1 */
    /* z(t) = c e^(-ct) int_0^t e^((c-1)s) (alpha + beta s) ds for
     * y(s) = e^(-s) (alpha + beta s). */
    double i0 = ed / dd, i1 = t * (ed + 1.0) / dd - ed / (dd * dd);
    if (col == 0) {
        out[0] = e, out[1] = t * e;
        out[2] = c * ec * (k1 * i0 + k2 * i1);
    } else if (col == 1) {
        out[0] = 0.0, out[1] = e;
        out[2] = c * ec * k2 * i0;
    } else {
        out[0] = 0.0, out[1] = 0.0, out[2] = ec;
    }
}

static void check_discretisation(double v, double dt, double alt, double span)
{
    dryden d;
    dryden_init(&d, DRYDEN_MODERATE, 0.0, 1);
    double g[3], r[3], sig[3], len[3];
    dryden_step(&d, dt, v, alt, span, g, r); /* stationary start */
    dryden_step(&d, dt, v, alt, span, g, r); /* first transition  */
    dryden_scales(&d, alt, sig, len);
    const dryden_shaper *f[2] = {&d.v, &d.w};
    const double h[2] = {v * dt / len[1], v * dt / len[2]};
    const double c[2] = {PI * len[1] / (3.0 * span), PI * len[2] / (4.0 * span)};
    for (int k = 0; k < 2; k++) {
        assert_true(f[k]->cached);
        assert_near(f[k]->key_h, h[k], 1e-14 * h[k]);
        assert_near(f[k]->key_c, c[k], 1e-14 * c[k]);
        for (int j = 0; j < 3; j++) {
            double col[3];
            exact_column(j, c[k], h[k], col);
            for (int i = 0; i < 3; i++)
                assert_near(f[k]->phi[i][j], col[i], 1e-12);
        }
        /* Q = integral_0^h (exp(A t) e1)(exp(A t) e1)^T dt, Simpson. */
        const int n = 20000;
        double q[3][3] = {{0}};
        for (int m = 0; m <= n; m++) {
            double col[3], wgt = (m == 0 || m == n) ? 1.0 : (m % 2 ? 4.0 : 2.0);
            exact_column(0, c[k], h[k] * m / n, col);
            for (int i = 0; i < 3; i++)
                for (int j = 0; j < 3; j++)
                    q[i][j] += wgt * col[i] * col[j] * h[k] / (3.0 * n);
        }
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++) {
                double llt = 0.0;
                for (int m = 0; m < 3; m++)
                    llt += f[k]->chol[i][m] * f[k]->chol[j][m];
                assert_near(llt, q[i][j], 1e-10 * q[0][0]);
                if (j > i)
                    assert_true(f[k]->chol[i][j] == 0.0); /* lower factor */
            }
    }
}

static void the_discretisation_should_be_the_exact_transition_and_covariance(void **state)
{
    (void)state;
    check_discretisation(100.0, 0.01, 100.0 * FT, 10.0); /* ordinary step      */
    check_discretisation(250.0, 0.5, 50.0 * FT, 20.0);   /* h > 1: doublings   */
    check_discretisation(30.0, 1e-4, 5000.0 * FT, 8.0);  /* tiny h             */
    check_discretisation(100.0, 0.02, 300.0 * FT, 0.3);  /* stiff rotary lag   */
}

/* --------------------------------------------------------- determinism */

/* Inputs that change every step, to exercise the recomputed filters. */
static void varying_inputs(long k, double *v, double *alt, double *span)
{
    *v = 60.0 + 40.0 * sin(0.01 * (double)k);
    *alt = 200.0 + 150.0 * cos(0.003 * (double)k);
    *span = 11.0;
}

static void the_same_seed_should_give_bit_identical_gusts(void **state)
{
    (void)state;
    /* a and b have the same seed and run interleaved with each other and
     * with `other` (another seed); `alone` runs by itself afterwards.  All
     * three with seed 5 must agree bit for bit at every step. */
    const long n = 2000;
    double **rec = alloc_series(n);
    dryden a, b, alone, other;
    dryden_init(&a, DRYDEN_SEVERE, 0.0, 5);
    dryden_init(&b, DRYDEN_SEVERE, 0.0, 5);
    dryden_init(&alone, DRYDEN_SEVERE, 0.0, 5);
    dryden_init(&other, DRYDEN_SEVERE, 0.0, 6);
    long differ = 0;
    for (long k = 0; k < n; k++) {
        double v, alt, span, ga[3], ra[3], gb[3], rb[3], go[3], ro[3];
        varying_inputs(k, &v, &alt, &span);
        dryden_step(&a, 0.01, v, alt, span, ga, ra);
        dryden_step(&other, 0.01, v, alt, span, go, ro);
        dryden_step(&b, 0.01, v, alt, span, gb, rb);
        assert_memory_equal(ga, gb, sizeof ga);
        assert_memory_equal(ra, rb, sizeof ra);
        differ += memcmp(ga, go, sizeof ga) != 0;
        for (int i = 0; i < 3; i++) {
            rec[i][k] = ga[i];
            rec[3 + i][k] = ra[i];
        }
    }
    for (long k = 0; k < n; k++) {
        double v, alt, span, g[3], r[3];
        varying_inputs(k, &v, &alt, &span);
        dryden_step(&alone, 0.01, v, alt, span, g, r);
        for (int i = 0; i < 3; i++) {
            assert_memory_equal(&g[i], &rec[i][k], sizeof g[i]);
            assert_memory_equal(&r[i], &rec[3 + i][k], sizeof r[i]);
        }
    }
    assert_true(differ == n);
    free_series(rec);
}

static void cached_and_recomputed_filters_should_agree_bit_for_bit(void **state)
{
    (void)state;
    dryden a, b;
    dryden_init(&a, DRYDEN_MODERATE, 0.0, 8);
    dryden_init(&b, DRYDEN_MODERATE, 0.0, 8);
    for (long k = 0; k < 2000; k++) {
        double ga[3], ra[3], gb[3], rb[3];
        dryden_step(&a, 0.02, 90.0, 150.0, 9.0, ga, ra);
        b.v.cached = 0;
        b.w.cached = 0;
        dryden_step(&b, 0.02, 90.0, 150.0, 9.0, gb, rb);
        assert_memory_equal(ga, gb, sizeof ga);
        assert_memory_equal(ra, rb, sizeof ra);
    }
}

/* --------------------------------------------------------- edge cases */

static void none_should_give_zeros_and_draw_nothing(void **state)
{
    (void)state;
    dryden d;
    dryden_init(&d, DRYDEN_NONE, 20.0, 3);
    saqr_rng before = d.rng;
    for (int k = 0; k < 100; k++) {
        double g[3] = {1, 1, 1}, r[3] = {1, 1, 1};
        dryden_step(&d, 0.01, 100.0, 300.0, 10.0, g, r);
        for (int i = 0; i < 3; i++) {
            assert_true(g[i] == 0.0);
            assert_true(r[i] == 0.0);
        }
    }
    assert_memory_equal(&before, &d.rng, sizeof before);
    double s[3], l[3];
    dryden_scales(&d, 300.0, s, l);
    assert_true(s[0] == 0.0 && s[1] == 0.0 && s[2] == 0.0);
    /* An out-of-range severity is NONE. */
    dryden_init(&d, (dryden_severity)17, 0.0, 3);
    assert_int_equal(d.severity, DRYDEN_NONE);
}

static void bad_inputs_should_never_give_nan(void **state)
{
    (void)state;
    const double bad[] = {NAN, -1.0, 0.0, -INFINITY, INFINITY, 1e300, 1e-300};
    const int nb = (int)(sizeof bad / sizeof bad[0]);
    dryden d;
    dryden_init(&d, DRYDEN_SEVERE, NAN, 17);
    assert_near(d.wind20_mps, 45.0 * KT, 1e-12); /* NaN W20 -> default */
    for (int i = 0; i < nb; i++)
        for (int j = 0; j < nb; j++)
            for (int k = 0; k < nb; k++) {
                double g[3], r[3];
                dryden_step(&d, 0.01, bad[i], bad[j], bad[k], g, r);
                dryden_step(&d, bad[k], 100.0, 100.0, 10.0, g, r);
                dryden_step(&d, bad[j], bad[i], bad[k], bad[j], g, r);
                for (int c = 0; c < 3; c++) {
                    assert_true(isfinite(g[c]));
                    assert_true(isfinite(r[c]));
                }
            }
    dryden_init(&d, DRYDEN_SEVERE, 1e300, 17);
    double g[3], r[3];
    dryden_step(&d, 0.01, 100.0, 10.0, 10.0, g, r);
    assert_true(isfinite(g[0]) && isfinite(g[1]) && isfinite(g[2]));
}

static void a_step_that_is_not_positive_should_advance_nothing(void **state)
{
    (void)state;
    dryden d;
    dryden_init(&d, DRYDEN_MODERATE, 0.0, 21);
    double g0[3], r0[3];
    /* Before any advancing step the filters are at rest. */
    dryden_step(&d, 0.0, 100.0, 100.0, 10.0, g0, r0);
    for (int i = 0; i < 3; i++)
        assert_true(g0[i] == 0.0 && r0[i] == 0.0);
    dryden_step(&d, 0.01, 100.0, 100.0, 10.0, g0, r0);
    saqr_rng before = d.rng;
    const double dts[] = {0.0, -0.01, NAN, INFINITY, -INFINITY};
    for (int k = 0; k < 5; k++) {
        double g[3], r[3];
        dryden_step(&d, dts[k], 100.0, 100.0, 10.0, g, r);
        assert_memory_equal(g, g0, sizeof g);
        assert_memory_equal(r, r0, sizeof r);
    }
    assert_memory_equal(&before, &d.rng, sizeof before);
}

static void no_wingspan_should_turn_off_only_the_rotary_gusts(void **state)
{
    (void)state;
    dryden a, b;
    dryden_init(&a, DRYDEN_MODERATE, 0.0, 31);
    dryden_init(&b, DRYDEN_MODERATE, 0.0, 31);
    for (long k = 0; k < 3000; k++) {
        double ga[3], ra[3], gb[3], rb[3];
        dryden_step(&a, 0.01, 70.0, 120.0, 10.0, ga, ra);
        dryden_step(&b, 0.01, 70.0, 120.0, k % 2 ? 0.0 : NAN, gb, rb);
        assert_true(rb[0] == 0.0 && rb[1] == 0.0 && rb[2] == 0.0);
        assert_true(ga[0] == gb[0]); /* u never sees the wingspan */
        /* v, w: the same noise; only the rounding of the discretisation
         * (which includes the rotary lag) may differ. */
        assert_near(ga[1], gb[1], 1e-9);
        assert_near(ga[2], gb[2], 1e-9);
    }
}

static void a_step_far_longer_than_the_correlation_time_should_be_fine(void **state)
{
    (void)state;
    dryden d;
    dryden_init(&d, DRYDEN_LIGHT, 0.0, 55);
    double g[3], r[3];
    for (int k = 0; k < 100; k++) {
        dryden_step(&d, 1e6, 2000.0, 3.0, 0.02, g, r);
        for (int i = 0; i < 3; i++)
            assert_true(isfinite(g[i]) && isfinite(r[i]));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(low_altitude_scales_should_follow_the_mil_f_8785c_equations),
        cmocka_unit_test(high_altitude_scales_should_follow_the_exceedance_chart),
        cmocka_unit_test(scales_should_blend_linearly_between_1000_and_2000_ft),
        cmocka_unit_test(scales_should_clamp_heights_below_10_ft_and_nan),
        cmocka_unit_test(long_run_rms_should_match_the_specified_intensities),
        cmocka_unit_test(autocorrelations_should_match_the_dryden_forms),
        cmocka_unit_test(spectra_should_match_the_dryden_forms),
        cmocka_unit_test(statistics_should_not_depend_on_the_step),
        cmocka_unit_test(the_first_step_should_draw_from_the_stationary_distribution),
        cmocka_unit_test(rotary_gusts_should_be_the_gust_gradients_with_etkins_signs),
        cmocka_unit_test(the_discretisation_should_be_the_exact_transition_and_covariance),
        cmocka_unit_test(the_same_seed_should_give_bit_identical_gusts),
        cmocka_unit_test(cached_and_recomputed_filters_should_agree_bit_for_bit),
        cmocka_unit_test(none_should_give_zeros_and_draw_nothing),
        cmocka_unit_test(bad_inputs_should_never_give_nan),
        cmocka_unit_test(a_step_that_is_not_positive_should_advance_nothing),
        cmocka_unit_test(no_wingspan_should_turn_off_only_the_rotary_gusts),
        cmocka_unit_test(a_step_far_longer_than_the_correlation_time_should_be_fine),
    };
    return cmocka_run_group_tests(tests, long_run_setup, long_run_teardown);
}
