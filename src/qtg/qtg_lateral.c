/*
 * qtg_lateral.c - the lateral-directional tests a light single's generic
 * qualification asks for beyond the Dutch roll and the roll rate: spiral
 * stability, the response to a rudder step and the steady sideslip.
 *
 * Spiral stability: from JSBSim's full trim at the test's speed (so the
 * ailerons' and rudder's "neutral" is where they hold straight flight
 * against the propeller's torque), the test pilot rolls into the test's
 * bank and holds a coordinated turn (ailerons on the bank, elevator on the
 * altitude, rudder on the sideslip) for 15 s; then the ailerons and rudder
 * go back to their trim and are released, the elevator still holding the
 * altitude so the phugoid stays out of it, and the bank is recorded for
 * 20 s.  The figure is the change of bank, positive when the bank
 * steepened (a divergent spiral), negative when it shallowed.
 * Rudder response: from the full trim, the rudder stepped by the test's
 * fraction of full travel (a quarter by default), every other control
 * fixed at trim; the figure is the yaw rate's first peak (deg/s), taken
 * once it has fallen a fifth below its largest value, or the largest in
 * 4 s when it does not overshoot.
 * Steady-state sideslip: the rudder held off its trim, a steady heading
 * flown with bank and ailerons (steady_sideslip below); the bank, the
 * sideslip and the aileron it takes.
 * Reference: 14 CFR Part 60 Appendix B, Table B2B (FTD level 5, small
 * single-engine reciprocating airplane), tests 2.d.4.b (spiral stability:
 * "establish a 20-30 deg bank; when stabilized, neutralize the aileron
 * control and release"; initial bank +-5 deg after 20 s) and 2.d.6.b
 * (rudder response: 25 percent of maximum rudder deflection, approach or
 * landing configuration) and 2.d.8 (steady state sideslip: 50 percent
 * rudder, approach and landing configurations; 2-10 deg of bank, 4-10 deg
 * of sideslip, 2-10 deg of aileron).
 */
#include <math.h>
#include <stdio.h>

#include "math/units.h"
#include "qtg/qtg_measure.h"

#define SPIRAL_HOLD_S 15.0
#define SPIRAL_FREE_S 20.0
#define RUDDER_WINDOW_S 4.0
#define SIDESLIP_SETTLE_S 30.0
#define SIDESLIP_MEAN_S 5.0
#define TRACE_EVERY 12 /* frames between plotted points */

/* JSBSim's full trim (every axis, ailerons and rudder included) at the
 * test's altitude and speed: "neutral" is then where the controls hold
 * straight flight, the propeller's torque and slipstream balanced.  0,
 * with the reason in r->note, when there is none. */
static int trim_straight(qtg_craft *c, const qtg_test *t, qtg_result *r)
{
    if (craft_trim_at(c, t->altitude_ft, t->speed_kt, 0.0, 0.0, 0.0, SAQR_TRIM_FULL) != SAQR_OK) {
        snprintf(r->note, sizeof r->note, "no straight-flight trim at %.0f ft, %.0f kt", t->altitude_ft, t->speed_kt);
        return 0;
    }
    return 1;
}

/* The straight-flight trim's elevator, aileron and rudder commands. */
static void read_trim(const qtg_craft *c, double trim[3])
{
    trim[0] = craft_get(c, c->elevator);
    trim[1] = craft_get(c, c->aileron);
    trim[2] = craft_get(c, c->rudder);
}

/* The ailerons on a bank (proportional, roll-rate damping) around their
 * trim. */
static void ailerons_on_bank(qtg_craft *c, double trim_ail, double bank_deg)
{
    double phi_err = bank_deg - craft_get(c, c->phi_deg), p_dps = craft_get(c, c->p_rps) * DEG_PER_RAD;
    craft_set_norm(c, c->aileron, trim_ail + 0.03 * phi_err - 0.01 * p_dps);
}

/* One frame of the established turn: bank with the ailerons, altitude h0
 * with the elevator, the sideslip with the rudder.  Non-zero when the
 * simulation failed. */
static int turn_step(qtg_craft *c, double bank_deg, const double trim[3], double h0_ft, double *integ)
{
    ailerons_on_bank(c, trim[1], bank_deg);
    craft_elevator_on_altitude(c, trim[0], h0_ft, integ);
    /* coordinated: the rudder keeps the sideslip at zero (JSBSim's positive
     * rudder command yaws the nose left: a positive sideslip, the wind
     * from the right, takes a negative one) */
    craft_set_norm(c, c->rudder, trim[2] - 0.05 * craft_get(c, c->beta_deg));
    return craft_step(c);
}

/* One frame after the release: ailerons and rudder back at trim, the
 * elevator still on the altitude. */
static int hold_pitch_free_roll(qtg_craft *c, const double trim[3], double h0_ft, double *integ)
{
    craft_elevator_on_altitude(c, trim[0], h0_ft, integ);
    craft_set(c, c->aileron, trim[1]);
    craft_set(c, c->rudder, trim[2]);
    return craft_step(c);
}

static double spiral_stability(qtg_craft *c, const qtg_test *t, qtg_result *r)
{
    if (!trim_straight(c, t, r))
        return NAN;
    double trim[3], dt = saqr_fdm_dt(c->f), h0 = craft_get(c, c->alt_ft), integ = 0.0;
    read_trim(c, trim);
    for (int i = 0; i < (int)(SPIRAL_HOLD_S / dt + 0.5); i++) {
        if (turn_step(c, t->bank_deg, trim, h0, &integ)) {
            snprintf(r->note, sizeof r->note, "the simulation failed while the turn was held");
            return NAN;
        }
    }
    double phi0 = craft_get(c, c->phi_deg), h_release = craft_get(c, c->alt_ft);
    qtg_trace_labels(r, "time after release (s)", "bank (deg)");
    for (int i = 0; i < (int)(SPIRAL_FREE_S / dt + 0.5); i++) {
        if (i % TRACE_EVERY == 0)
            qtg_trace_add(r, i * dt, craft_get(c, c->phi_deg));
        if (hold_pitch_free_roll(c, trim, h0, &integ)) {
            snprintf(r->note, sizeof r->note, "the simulation failed after the controls were released");
            return NAN;
        }
    }
    double phi1 = craft_get(c, c->phi_deg);
    qtg_trace_add(r, SPIRAL_FREE_S, phi1);
    /* positive: the bank steepened, whichever way the turn */
    double change = phi0 >= 0.0 ? phi1 - phi0 : phi0 - phi1;
    snprintf(r->note, sizeof r->note, "%.0f kt, bank %.1f deg held %.0f s (%.0f ft), ailerons and rudder then "
             "released to trim, altitude held: bank %.1f deg after %.0f s, %.0f kt", t->speed_kt, phi0,
             SPIRAL_HOLD_S, h_release, phi1, SPIRAL_FREE_S, craft_get(c, c->vc_kts));
    return change;
}

static double rudder_response(qtg_craft *c, const qtg_test *t, qtg_result *r)
{
    if (!trim_straight(c, t, r))
        return NAN;
    double trim[3], dt = saqr_fdm_dt(c->f);
    read_trim(c, trim);
    double step = isnan(t->control) ? 0.25 : t->control;
    double best = 0.0, t_best = 0.0;
    int overshot = 0;
    qtg_trace_labels(r, "time (s)", "yaw rate (deg/s)");
    for (int i = 0; i < (int)(RUDDER_WINDOW_S / dt + 0.5); i++) {
        craft_set(c, c->elevator, trim[0]);
        craft_set(c, c->aileron, trim[1]);
        craft_set_norm(c, c->rudder, trim[2] + step);
        if (craft_step(c)) {
            snprintf(r->note, sizeof r->note, "the simulation failed after the rudder step");
            return NAN;
        }
        double yaw = fabs(craft_get(c, c->r_rps)) * DEG_PER_RAD;
        if (i % TRACE_EVERY == 0)
            qtg_trace_add(r, (i + 1) * dt, yaw);
        if (yaw > best) {
            best = yaw;
            t_best = (i + 1) * dt;
        } else if (yaw < 0.8 * best) {
            overshot = 1;
            break;
        }
    }
    snprintf(r->note, sizeof r->note, "rudder step %.2f of full travel at %.0f kt, other controls at trim: yaw rate "
             "%s %.2f deg/s at %.2f s", step, t->speed_kt, overshot ? "peaks at" : "reaches at most", best, t_best);
    return best;
}

/* The steady-heading sideslip: the rudder held off its trim by the
 * test's fraction (a half by default), the bank set by the yaw rate's
 * integral (a turn one way calls for bank the other, until the heading
 * stands), the ailerons holding that bank, the elevator the altitude.
 * After SIDESLIP_SETTLE_S the last SIDESLIP_MEAN_S are averaged: the
 * bank, the sideslip and the aileron's deflection from its trim (the
 * test's property=, fcs/left-aileron-pos-rad by default), in degrees,
 * as magnitudes. */
static double steady_sideslip(qtg_craft *c, const qtg_test *t, qtg_result *r)
{
    const char *ail_name = t->property[0] ? t->property : "fcs/left-aileron-pos-rad";
    int ail_pos = saqr_fdm_property(c->f, ail_name);
    if (ail_pos < 0) {
        snprintf(r->note, sizeof r->note, "%.100s: the aircraft has no property %.100s", t->where, ail_name);
        return NAN;
    }
    if (!trim_straight(c, t, r))
        return NAN;
    double trim[3], dt = saqr_fdm_dt(c->f), h0 = craft_get(c, c->alt_ft), integ = 0.0, bank_cmd = 0.0;
    read_trim(c, trim);
    double ail0_deg = craft_get(c, ail_pos) * DEG_PER_RAD, step = isnan(t->control) ? 0.5 : t->control;
    double sum_phi = 0.0, sum_beta = 0.0, sum_ail = 0.0, sum_r = 0.0;
    int n_mean = 0, steps = (int)(SIDESLIP_SETTLE_S / dt + 0.5), from = steps - (int)(SIDESLIP_MEAN_S / dt + 0.5);
    int y = t->kind == QTG_SIDESLIP_BANK ? c->phi_deg : c->beta_deg;
    qtg_trace_labels(r, "time (s)", t->kind == QTG_SIDESLIP_BANK ? "bank (deg)" : "sideslip (deg)");
    for (int i = 0; i < steps; i++) {
        double r_dps = craft_get(c, c->r_rps) * DEG_PER_RAD;
        bank_cmd = fmax(-30.0, fmin(30.0, bank_cmd - 1.0 * r_dps * dt));
        ailerons_on_bank(c, trim[1], bank_cmd);
        craft_set_norm(c, c->rudder, trim[2] + step);
        craft_elevator_on_altitude(c, trim[0], h0, &integ);
        if (craft_step(c)) {
            snprintf(r->note, sizeof r->note, "the simulation failed in the sideslip");
            return NAN;
        }
        if (i % TRACE_EVERY == 0)
            qtg_trace_add(r, (i + 1) * dt, craft_get(c, y));
        if (i >= from) {
            sum_phi += craft_get(c, c->phi_deg);
            sum_beta += craft_get(c, c->beta_deg);
            sum_ail += craft_get(c, ail_pos) * DEG_PER_RAD - ail0_deg;
            sum_r += craft_get(c, c->r_rps) * DEG_PER_RAD;
            n_mean++;
        }
    }
    double phi = sum_phi / n_mean, beta = sum_beta / n_mean, ail = sum_ail / n_mean, yaw = sum_r / n_mean;
    snprintf(r->note, sizeof r->note, "rudder %.2f of full travel off its trim at %.0f kt, heading held: bank %.1f "
             "deg, sideslip %.1f deg, aileron %.1f deg from trim, yaw rate %.2f deg/s (mean of the last %.0f s of "
             "%.0f)", step, t->speed_kt, phi, beta, ail, yaw, SIDESLIP_MEAN_S, SIDESLIP_SETTLE_S);
    switch (t->kind) {
    case QTG_SIDESLIP_BANK: return fabs(phi);
    case QTG_SIDESLIP_BETA: return fabs(beta);
    default: return fabs(ail);
    }
}

double qtg_measure_lateral(qtg_craft *c, const qtg_test *t, qtg_result *r)
{
    switch (t->kind) {
    case QTG_SPIRAL_STABILITY: return spiral_stability(c, t, r);
    case QTG_RUDDER_RESPONSE: return rudder_response(c, t, r);
    case QTG_SIDESLIP_BANK:
    case QTG_SIDESLIP_BETA:
    case QTG_SIDESLIP_AILERON: return steady_sideslip(c, t, r);
    default: return NAN;
    }
}
