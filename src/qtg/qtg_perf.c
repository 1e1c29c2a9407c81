/*
 * qtg_perf.c - trimmed performance: best rate of climb, service ceiling
 * each found as the edge of the region where
 * JSBSim's trim finds a steady state (stall and maximum speed are flown,
 * in qtg_dyn.c).
 *
 * - Best climb: at each speed the steepest flight path that trims (the
 *   throttle then at full travel), rate of climb = V sin(gamma); the best
 *   over speed.
 * - Service ceiling: the altitude where the best climb is 100 ft/min.
 * Each edge is found by bisection to a resolution finer than the test
 * tolerances (0.01 deg of flight path, 20 ft), the flight path's bracket
 * started from the answer at the neighbouring speed or altitude (about
 * half the trims of bisecting 0 .. 80 deg every time).
 * Reference: 14 CFR Part 60 Appendix A, Table A2A (test 1.e, climb);
 * FAA-H-8083-25 (service ceiling).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "qtg/qtg_craft.h"
#include "math/units.h"
#include "qtg/qtg_measure.h"
#include "math/trig.h"

#define KT_TO_FPS (MPS_PER_KT / M_PER_FT)

/* 1 when a steady flight at this calibrated speed and flight path trims. */
static int climb_trims(qtg_craft *c, double alt_ft, double vc_kt, double gamma_deg)
{
    return craft_trim_at(c, alt_ft, vc_kt, 0.0, gamma_deg, 0.0, SAQR_TRIM_LONGITUDINAL) == SAQR_OK;
}

#define CLIMB_RESOLUTION_DEG (80.0 / 8192.0) /* the bisection's: 0.01 deg, ~10 ft/min */

/* Best rate of climb (ft/min) at one calibrated speed: the steepest flight
 * path that trims, to CLIMB_RESOLUTION_DEG; NaN when even level flight
 * does not.  The bracket starts at *hint_deg (the answer at a nearby speed
 * or altitude; 0 for none) and widens until it holds the edge, so a good
 * hint needs about half the trims of bisecting 0 .. 80 deg; *hint_deg
 * gets the answer. */
static double climb_at(qtg_craft *c, double alt_ft, double vc_kt, double *hint_deg)
{
    if (!climb_trims(c, alt_ft, vc_kt, 0.0))
        return NAN;
    double good = 0.0, bad = 80.0, h = *hint_deg;
    if (h > CLIMB_RESOLUTION_DEG && h < 80.0) {
        double w = fmax(0.25, 0.1 * h);
        if (climb_trims(c, alt_ft, vc_kt, h)) {
            good = h;
            while (good + w < 80.0 && climb_trims(c, alt_ft, vc_kt, good + w)) {
                good += w;
                w *= 2.0;
            }
            bad = fmin(good + w, 80.0);
        } else {
            bad = h;
            while (bad - w > 0.0 && !climb_trims(c, alt_ft, vc_kt, bad - w)) {
                bad -= w;
                w *= 2.0;
            }
            good = fmax(bad - w, 0.0);
        }
    }
    while (bad - good > CLIMB_RESOLUTION_DEG) {
        double mid = 0.5 * (good + bad);
        if (climb_trims(c, alt_ft, vc_kt, mid))
            good = mid;
        else
            bad = mid;
    }
    (void)climb_trims(c, alt_ft, vc_kt, good);
    *hint_deg = good;
    return craft_get(c, c->vt_kts) * KT_TO_FPS * trig_sin(good * RAD_PER_DEG) * 60.0;
}

/* Best climb over speed: a sweep of npts speeds across guess x (1 +-
 * width), then golden sections around the best.  *vy gets its speed;
 * *hint_deg carries the flight path from one speed to the next. */
static double best_climb_in(qtg_craft *c, double alt_ft, double guess_kt, double width, int npts, int golden,
                            double *vy, double *hint_deg, qtg_result *plot)
{
    double best = NAN, best_v = guess_kt, best_g = *hint_deg, step = 2.0 * width / (npts - 1);
    for (int i = 0; i < npts; i++) {
        double v = guess_kt * (1.0 - width + step * i);
        double r = climb_at(c, alt_ft, v, hint_deg);
        if (plot && !isnan(r))
            qtg_trace_add(plot, v, r);
        if (!isnan(r) && (isnan(best) || r > best)) {
            best = r;
            best_v = v;
            best_g = *hint_deg;
        }
    }
    if (isnan(best))
        return NAN;
    double a = best_v - step * guess_kt, b = best_v + step * guess_kt;
    const double phi = 0.6180339887498949;
    *hint_deg = best_g;
    for (int i = 0; i < golden; i++) {
        double x1 = b - phi * (b - a), x2 = a + phi * (b - a);
        double r1 = climb_at(c, alt_ft, x1, hint_deg), r2 = climb_at(c, alt_ft, x2, hint_deg);
        if (isnan(r2) || (!isnan(r1) && r1 > r2))
            b = x2;
        else
            a = x1;
    }
    double v = 0.5 * (a + b), r = climb_at(c, alt_ft, v, hint_deg);
    if (!isnan(r) && r > best) {
        best = r;
        best_v = v;
        best_g = *hint_deg;
    }
    *hint_deg = best_g;
    *vy = best_v;
    return best;
}

static double best_climb(qtg_craft *c, double alt_ft, double guess_kt, double *vy, double *hint_deg,
                         qtg_result *plot)
{
    return best_climb_in(c, alt_ft, guess_kt, 0.4, 9, 10, vy, hint_deg, plot);
}

/* The ceiling: bisection on altitude within +-50% of the expected one
 * (or 0 .. 100,000 ft), each step searching Vy near the last one found. */
static double ceiling(qtg_craft *c, const qtg_test *t, qtg_result *res)
{
    char *note = res->note;
    size_t n = sizeof res->note;
    qtg_trace_labels(res, "altitude (ft)", "best rate of climb (ft/min)");
    double vy = t->speed_kt, lo = 0.0, hi = 100000.0;
    if (!isnan(t->expect)) {
        lo = 0.5 * t->expect;
        hi = 1.5 * t->expect;
    }
    double v = vy, hint = 0.0;
    double r0 = best_climb(c, lo, vy, &v, &hint, NULL);
    qtg_trace_add(res, lo, r0);
    if (!(r0 > 100.0)) {
        snprintf(note, n, "best climb at %.0f ft is below 100 ft/min", lo);
        return NAN;
    }
    vy = v;
    for (int i = 0; i < 10; i++) {
        double mid = 0.5 * (lo + hi);
        /* the flight path at the last altitude that climbed: a little
         * steeper than here when it was below */
        double h = hint;
        double r = best_climb_in(c, mid, vy, 0.2, 5, 5, &v, &h, NULL);
        if (!isnan(r))
            qtg_trace_add(res, mid, r);
        if (r > 100.0) {
            lo = mid;
            vy = v;
            hint = h;
        } else {
            hi = mid;
        }
    }
    snprintf(note, n, "best climb 100 ft/min between %.0f and %.0f ft (Vy %.0f kt CAS)", lo, hi, vy);
    return 0.5 * (lo + hi);
}

double qtg_measure_perf(qtg_craft *c, const qtg_test *t, qtg_result *res)
{
    char *note = res->note;
    size_t n = sizeof res->note;
    double vy = t->speed_kt, hint = 0.0, r;
    switch (t->kind) {
    case QTG_BEST_CLIMB:
        qtg_trace_labels(res, "calibrated airspeed (kt)", "rate of climb (ft/min)");
        r = best_climb(c, t->altitude_ft, t->speed_kt, &vy, &hint, res);
        snprintf(note, n, "best climb at %.0f ft at %.1f kt CAS", t->altitude_ft, vy);
        return r;
    case QTG_SERVICE_CEILING: return ceiling(c, t, res);
    default: return NAN;
    }
}
