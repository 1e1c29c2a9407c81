/*
 * qtg_perf.c - trimmed performance: best rate of climb, service ceiling
 * and sustained turn rate, each found as the edge of the region where
 * JSBSim's trim finds a steady state (stall and maximum speed are flown,
 * in qtg_dyn.c).
 *
 * - Best climb: at each speed the steepest flight path that trims (the
 *   throttle then at full travel), rate of climb = V sin(gamma); the best
 *   over speed.
 * - Service ceiling: the altitude where the best climb is 100 ft/min.
 * - Sustained turn: the steepest bank at which a level coordinated turn
 *   trims at full power; rate = g tan(phi) / V.
 * Each edge is found by bisection to a resolution finer than the test
 * tolerances (0.02 deg of flight path or bank, 20 ft).
 * Reference: 14 CFR Part 60 Appendix A, Table A2A (test 1.e, climb);
 * FAA-H-8083-25 (service ceiling).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "qtg/qtg_craft.h"
#include "math/units.h"
#include "qtg/qtg_measure.h"

#define G0_FPS2 32.174
#define BISECT_STEPS 14
#define KT_TO_FPS (MPS_PER_KT / M_PER_FT)

/* Level or climbing trim at (alt, speed, gamma, phi); 1 when it exists. */
static int trims(qtg_craft *c, double alt_ft, double speed, int speed_is_mach, double gamma_deg,
                 double phi_deg, saqr_trim_mode mode)
{
    return craft_trim_at(c, alt_ft, speed_is_mach ? 0.0 : speed, speed_is_mach ? speed : 0.0, gamma_deg, phi_deg,
                         mode) == SAQR_OK;
}

/* Bisection on x between a point where `ok` holds and one where it fails;
 * returns the last x where it held. */
typedef int (*pred_fn)(qtg_craft *c, const void *ctx, double x);

static double edge(qtg_craft *c, const void *ctx, pred_fn ok, double good, double bad, int steps)
{
    for (int i = 0; i < steps; i++) {
        double mid = 0.5 * (good + bad);
        if (ok(c, ctx, mid))
            good = mid;
        else
            bad = mid;
    }
    return good;
}

typedef struct climb_ctx {
    double alt_ft, vc_kt;
} climb_ctx;

static int climb_ok(qtg_craft *c, const void *ctx, double gamma_deg)
{
    const climb_ctx *k = ctx;
    return trims(c, k->alt_ft, k->vc_kt, 0, gamma_deg, 0.0, SAQR_TRIM_LONGITUDINAL);
}

/* Best rate of climb (ft/min) at one calibrated speed; NaN when even
 * level flight does not trim. */
static double climb_at(qtg_craft *c, double alt_ft, double vc_kt)
{
    climb_ctx k = {alt_ft, vc_kt};
    if (!climb_ok(c, &k, 0.0))
        return NAN;
    double g = edge(c, &k, climb_ok, 0.0, 45.0, BISECT_STEPS);
    (void)climb_ok(c, &k, g);
    return craft_get(c, c->vt_kts) * KT_TO_FPS * sin(g * UNITS_PI / 180.0) * 60.0;
}

/* Best climb over speed: a coarse sweep around the guess, then golden
 * sections around the best point.  *vy gets its speed. */
static double best_climb(qtg_craft *c, double alt_ft, double guess_kt, double *vy)
{
    double best = NAN, best_v = guess_kt;
    for (int i = 0; i <= 8; i++) {
        double v = guess_kt * (0.6 + 0.1 * i);
        double r = climb_at(c, alt_ft, v);
        if (!isnan(r) && (isnan(best) || r > best)) {
            best = r;
            best_v = v;
        }
    }
    if (isnan(best))
        return NAN;
    double a = best_v - 0.1 * guess_kt, b = best_v + 0.1 * guess_kt;
    const double phi = 0.6180339887498949;
    for (int i = 0; i < 10; i++) {
        double x1 = b - phi * (b - a), x2 = a + phi * (b - a);
        double r1 = climb_at(c, alt_ft, x1), r2 = climb_at(c, alt_ft, x2);
        if (isnan(r2) || (!isnan(r1) && r1 > r2))
            b = x2;
        else
            a = x1;
    }
    double v = 0.5 * (a + b), r = climb_at(c, alt_ft, v);
    if (!isnan(r) && r > best) {
        best = r;
        best_v = v;
    }
    *vy = best_v;
    return best;
}

static double ceiling(qtg_craft *c, const qtg_test *t, char *note, size_t n)
{
    double vy = t->speed_kt, lo = 0.0, hi = 2.0 * (isnan(t->expect) ? 20000.0 : t->expect);
    double r_lo = best_climb(c, lo, vy, &vy);
    if (!(r_lo > 100.0)) {
        snprintf(note, n, "best climb at sea level is below 100 ft/min");
        return NAN;
    }
    for (int i = 0; i < 12; i++) {
        double mid = 0.5 * (lo + hi), v = vy;
        double r = best_climb(c, mid, vy, &v);
        if (r > 100.0) {
            lo = mid;
            vy = v;
        } else {
            hi = mid;
        }
    }
    snprintf(note, n, "best climb 100 ft/min at %.0f ft (Vy %.0f kt CAS)", lo, vy);
    return lo;
}

typedef struct turn_ctx {
    double alt_ft, mach;
} turn_ctx;

static int turn_ok(qtg_craft *c, const void *ctx, double phi_deg)
{
    const turn_ctx *k = ctx;
    return trims(c, k->alt_ft, k->mach, 1, 0.0, phi_deg, SAQR_TRIM_TURN);
}

static double sustained_turn(qtg_craft *c, const qtg_test *t, char *note, size_t n)
{
    turn_ctx k = {t->altitude_ft, t->mach};
    if (!turn_ok(c, &k, 10.0)) {
        snprintf(note, n, "no coordinated turn trims at 10 deg bank");
        return NAN;
    }
    double phi = edge(c, &k, turn_ok, 10.0, 89.0, BISECT_STEPS);
    (void)turn_ok(c, &k, phi);
    double v_fps = craft_get(c, c->vt_kts) * KT_TO_FPS;
    double rate = G0_FPS2 * tan(phi * UNITS_PI / 180.0) / v_fps * DEG_PER_RAD;
    snprintf(note, n, "steepest level turn at Mach %.2f, %.0f ft: bank %.1f deg, %.2f g", t->mach, t->altitude_ft,
             phi, 1.0 / cos(phi * UNITS_PI / 180.0));
    return rate;
}

double qtg_measure_perf(qtg_craft *c, const qtg_test *t, char *note, size_t n)
{
    double vy = t->speed_kt, r;
    switch (t->kind) {
    case QTG_BEST_CLIMB:
        r = best_climb(c, t->altitude_ft, t->speed_kt, &vy);
        snprintf(note, n, "best climb at %.0f ft at %.1f kt CAS", t->altitude_ft, vy);
        return r;
    case QTG_SERVICE_CEILING: return ceiling(c, t, note, n);
    case QTG_SUSTAINED_TURN: return sustained_turn(c, t, note, n);
    default: return NAN;
    }
}
