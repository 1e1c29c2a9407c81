/*
 * qtg_field.c - take-off and landing distances on a level, dry runway
 * with no wind.
 *
 * Take-off: from rest, 10 s run-up on the brakes (throttle at military:
 * the lever's detent, fdm/throttle_detent.h, or 0.99 without one, short
 * of reheat), then brakes off and full power; the nose held on the
 * runway heading with rudder and nose-wheel steering; at the rotation
 * speed the pilot pitches to the test's attitude and holds it.  The
 * ground roll ends when no wheel touches (gear/wow 0); the air distance
 * when the wheels are 50 ft above the runway.
 * Landing: on the runway at the touchdown speed, idle (the engine settled
 * there by a lead-in from 10 kt faster), full brakes after one second
 * (wheels loaded), until the ground speed is below 1 kt.
 * Reference: 14 CFR Part 60 Appendix A, Table A2A tests 1.b (take-off),
 * 1.c / 1.d (stopping); 14 CFR 23.53 and 23.75 (distances).
 */
#include <math.h>
#include <stdio.h>

#include "fdm/throttle_detent.h"
#include "math/units.h"
#include "qtg/qtg_measure.h"

#define FT_PER_KT_S (MPS_PER_KT / M_PER_FT)

static double takeoff(qtg_craft *c, const qtg_test *t, qtg_result *r, int to_50ft)
{
    int wow = c->wow;
    if (wow < 0 || craft_get(c, wow) == 0.0) {
        snprintf(r->note, sizeof r->note, "the aircraft does not start on the ground");
        return NAN;
    }
    double dt = saqr_fdm_dt(c->f), psi0 = craft_get(c, c->psi_deg), agl0 = craft_get(c, c->agl_ft);
    double throttle = isnan(t->throttle) ? 1.0 : t->throttle;
    double theta_rot = isnan(t->control) ? 8.0 : t->control;
    double elev0 = craft_get(c, c->elevator), liftoff = NAN;
    int rotating = 0;
    /* run-up on the brakes: 10 s at the throttle short of reheat (the
     * military detent; 0.99 on a lever without one, where JSBSim's
     * augmethod 1 lights the last 1%), so the engine is at full power
     * when the brakes come off */
    double mil = throttle_mil_detent(c->f);
    double run_up = mil < 1.0 ? mil : 0.99;
    for (int i = 0; i < (int)(10.0 / dt); i++) {
        craft_set(c, c->throttle, fmin(throttle, run_up));
        craft_set(c, c->brake_l, 1.0);
        craft_set(c, c->brake_r, 1.0);
        craft_hold_wings_and_heading(c, psi0, 1);
        if (craft_step(c))
            return NAN;
    }
    craft_mark_origin(c);
    qtg_trace_labels(r, "distance (ft)", "height above the runway (ft)");
    for (int i = 0; i < (int)(180.0 / dt); i++) {
        craft_set(c, c->throttle, throttle);
        craft_set(c, c->brake_l, 0.0);
        craft_set(c, c->brake_r, 0.0);
        int airborne = craft_get(c, wow) == 0.0;
        craft_hold_wings_and_heading(c, psi0, !airborne);
        if (!rotating && craft_get(c, c->vc_kts) >= t->rotate_kt)
            rotating = 1;
        /* a firm rotation on the runway (the nose wheel carries load),
         * the usual attitude hold once airborne */
        if (rotating)
            craft_hold_pitch_gain(c, theta_rot, elev0, airborne ? 0.05 : 0.15);
        if (craft_step(c))
            return NAN;
        double d = craft_distance_ft(c), h = craft_get(c, c->agl_ft) - agl0;
        if (i % 12 == 0)
            qtg_trace_add(r, d, h);
        if (isnan(liftoff) && craft_get(c, wow) == 0.0 && h > 0.5) {
            liftoff = d;
            if (!to_50ft) {
                snprintf(r->note, sizeof r->note, "full power, rotation at %.0f kt to %.0f deg: lift-off at %.1f s, "
                         "%.0f kt", t->rotate_kt, theta_rot, i * dt, craft_get(c, c->vc_kts));
                return liftoff;
            }
        }
        if (h >= 50.0) {
            snprintf(r->note, sizeof r->note, "rotation at %.0f kt to %.0f deg: lift-off after %.0f ft, 50 ft at "
                     "%.1f s, %.0f kt", t->rotate_kt, theta_rot, liftoff, i * dt, craft_get(c, c->vc_kts));
            return d;
        }
    }
    snprintf(r->note, sizeof r->note, "%s not reached in 180 s", to_50ft ? "50 ft" : "lift-off");
    return NAN;
}

/* On the runway LEAD_IN_KT above the touchdown speed, idle, no brakes,
 * until the speed has fallen to it: an initialised engine starts from
 * ambient manifold pressure (JSBSim's), and the lead-in lets it settle
 * at idle as it would have on the approach before the touch-down. */
#define LEAD_IN_KT 10.0

static int lead_in(qtg_craft *c, const qtg_test *t, double psi0)
{
    double dt = saqr_fdm_dt(c->f);
    for (int i = 0; i < (int)(60.0 / dt); i++) {
        if (craft_get(c, c->vc_kts) <= t->speed_kt)
            return 1;
        craft_set(c, c->throttle, 0.0);
        craft_set(c, c->brake_l, 0.0);
        craft_set(c, c->brake_r, 0.0);
        craft_set(c, c->elevator, 0.0);
        craft_hold_wings_and_heading(c, psi0, 1);
        if (craft_step(c))
            return 0;
    }
    return 0;
}

static double landing_roll(qtg_craft *c, const qtg_test *t, qtg_result *r)
{
    /* on the runway, to slow at idle to the touchdown speed */
    craft_set(c, c->ic_vc_kts, t->speed_kt + LEAD_IN_KT);
    if (craft_reinit(c) != SAQR_OK) {
        snprintf(r->note, sizeof r->note, "%s", saqr_fdm_error(c->f));
        return NAN;
    }
    double dt = saqr_fdm_dt(c->f), psi0 = craft_get(c, c->psi_deg);
    if (!lead_in(c, t, psi0)) {
        snprintf(r->note, sizeof r->note, "did not slow at idle from %.0f to %.0f kt on the runway in 60 s",
                 t->speed_kt + LEAD_IN_KT, t->speed_kt);
        return NAN;
    }
    craft_mark_origin(c);
    qtg_trace_labels(r, "time (s)", "ground speed (kt)");
    for (int i = 0; i < (int)(120.0 / dt); i++) {
        double time = i * dt, brake = time > 1.0 ? 1.0 : 0.0;
        craft_set(c, c->throttle, 0.0);
        craft_set(c, c->brake_l, brake);
        craft_set(c, c->brake_r, brake);
        craft_set(c, c->elevator, 0.0);
        craft_hold_wings_and_heading(c, psi0, 1);
        if (craft_step(c))
            return NAN;
        double kt = craft_get(c, c->vg_fps) / FT_PER_KT_S;
        if (i % 12 == 0)
            qtg_trace_add(r, time, kt);
        if (kt < 1.0 && time > 1.0) {
            snprintf(r->note, sizeof r->note, "from %.0f kt on the runway, idle (settled from %.0f kt), full brakes "
                     "after 1 s: stopped in %.1f s", t->speed_kt, t->speed_kt + LEAD_IN_KT, time);
            return craft_distance_ft(c);
        }
    }
    snprintf(r->note, sizeof r->note, "not stopped in 120 s");
    return NAN;
}

double qtg_measure_field(qtg_craft *c, const qtg_test *t, qtg_result *r)
{
    switch (t->kind) {
    case QTG_TAKEOFF_ROLL: return takeoff(c, t, r, 0);
    case QTG_TAKEOFF_50FT: return takeoff(c, t, r, 1);
    case QTG_LANDING_ROLL: return landing_roll(c, t, r);
    default: return NAN;
    }
}
