/*
 * qtg_spin.c - spin recovery: a spin entered from a level trim and held
 * for six turns, then the standard recovery; the figure is the turns from
 * the start of the recovery until the rotation stops.
 *
 * Entry: power idle, the stick brought back at half its travel a second
 * to full aft, and the test's rudder (control=, the pro-spin pedal: +1
 * full left, the default, for a left spin) put in as the angle of attack
 * reaches STALL_ENTRY_DEG, ailerons neutral.  The turns are counted on
 * the heading's rate.  Recovery (FAA-H-8083-3 ch. 5): full opposite
 * rudder at once, the stick RECOVERY_STICK forward of neutral half a
 * second later, ailerons neutral, held until the rotation has stopped -
 * the yaw rate under STOPPED_DPS and the angle of attack under
 * STALL_ENTRY_DEG, the wing flying again.
 * Reference: 14 CFR 23.221(c) (aerobatic category): recovery from a spin
 * of up to six turns in not more than one and one-half additional turns
 * after the recovery is begun.
 */
#include <math.h>
#include <stdio.h>

#include "math/units.h"
#include "qtg/qtg_measure.h"

#define SPIN_TURNS 6.0          /* 23.221(c): up to and including six turns */
#define STALL_ENTRY_DEG 14.0    /* a light aircraft's wing near its stall   */
#define STOPPED_DPS 15.0
#define RECOVERY_STICK 0.3      /* elevator-cmd-norm > 0 is forward         */
#define ENTRY_LIMIT_S 60.0
#define RECOVERY_LIMIT_S 30.0
#define TRACE_EVERY 12          /* frames between the plot's points         */

typedef struct spin_flight {
    qtg_craft *c;
    int psidot;                 /* velocities/psidot-rad_sec                */
    long frames;
    double t_s, turned_deg;
} spin_flight;

/* One frame with these controls; the heading's turn added.  Non-zero
 * when the simulation failed. */
static int spin_step(spin_flight *s, double elevator, double rudder, qtg_result *r)
{
    craft_set(s->c, s->c->throttle, 0.0);
    craft_set(s->c, s->c->aileron, 0.0);
    craft_set_norm(s->c, s->c->elevator, elevator);
    craft_set_norm(s->c, s->c->rudder, rudder);
    if (craft_step(s->c))
        return 1;
    double dt = saqr_fdm_dt(s->c->f), yaw_dps = craft_get(s->c, s->psidot) * DEG_PER_RAD;
    s->t_s += dt;
    s->turned_deg += fabs(yaw_dps) * dt;
    if (++s->frames % TRACE_EVERY == 0)
        qtg_trace_add(r, s->t_s, yaw_dps);
    return 0;
}

static double spin_recovery(qtg_craft *c, const qtg_test *t, qtg_result *r)
{
    spin_flight s = {c, saqr_fdm_property(c->f, "velocities/psidot-rad_sec"), 0, 0.0, 0.0};
    if (s.psidot < 0) {
        snprintf(r->note, sizeof r->note, "the aircraft has no velocities/psidot-rad_sec");
        return NAN;
    }
    if (!qtg_trim_level(c, t, r))
        return NAN;
    double pro_spin = isnan(t->control) ? 1.0 : t->control, rudder = 0.0;
    qtg_trace_labels(r, "time from the entry (s)", "heading rate (deg/s)");
    /* the entry, and six turns of the spin */
    double rate_sum = 0.0, alpha_sum = 0.0;
    long n = 0;
    while (s.turned_deg < 360.0 * SPIN_TURNS) {
        if (s.t_s > ENTRY_LIMIT_S) {
            snprintf(r->note, sizeof r->note, "no spin: %.0f deg turned in %.0f s", s.turned_deg, ENTRY_LIMIT_S);
            return NAN;
        }
        if (craft_get(c, c->alpha_deg) >= STALL_ENTRY_DEG)
            rudder = pro_spin;
        if (spin_step(&s, fmax(-1.0, -0.5 * s.t_s), rudder, r))
            return NAN;
        if (s.turned_deg > 360.0 * (SPIN_TURNS - 1.0)) {
            rate_sum += fabs(craft_get(c, s.psidot)) * DEG_PER_RAD;
            alpha_sum += craft_get(c, c->alpha_deg);
            n++;
        }
    }
    double h_spin_ft = craft_get(c, c->alt_ft), t_recovery = s.t_s;
    s.turned_deg = 0.0;
    for (double t0 = s.t_s; s.t_s - t0 < RECOVERY_LIMIT_S;) {
        double stick = s.t_s - t0 < 0.5 ? -1.0 : RECOVERY_STICK;
        if (spin_step(&s, stick, -copysign(1.0, pro_spin), r))
            return NAN;
        if (fabs(craft_get(c, c->r_rps)) * DEG_PER_RAD < STOPPED_DPS && craft_get(c, c->alpha_deg) < STALL_ENTRY_DEG) {
            snprintf(r->note, sizeof r->note,
                     "%s spin, sixth turn at %.0f deg/s and alpha %.0f deg; standard recovery from %.0f ft: "
                     "stopped after %.2f turns, %.1f s, %.0f ft lost",
                     pro_spin > 0.0 ? "left" : "right", rate_sum / (double)n, alpha_sum / (double)n, h_spin_ft,
                     s.turned_deg / 360.0, s.t_s - t_recovery, h_spin_ft - craft_get(c, c->alt_ft));
            return s.turned_deg / 360.0;
        }
    }
    snprintf(r->note, sizeof r->note, "still spinning %.0f s after the standard recovery began (%.1f turns)",
             RECOVERY_LIMIT_S, s.turned_deg / 360.0);
    return s.turned_deg / 360.0;
}

double qtg_measure_spin(qtg_craft *c, const qtg_test *t, qtg_result *r)
{
    return t->kind == QTG_SPIN_RECOVERY ? spin_recovery(c, t, r) : NAN;
}
