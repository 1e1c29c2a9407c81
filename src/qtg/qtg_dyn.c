/*
 * qtg_dyn.c - flown tests from a trimmed state: stall speed (1 kt/s
 * deceleration at idle), maximum level speed (level acceleration), phugoid and short
 * period (elevator inputs, controls then fixed), Dutch roll (rudder
 * doublet), roll rate (aileron step), stall warning (1 kt/s deceleration),
 * limiter checks (abrupt full-aft stick) and level acceleration time.
 *
 * Inputs follow Part 60's test descriptions: a pulse or doublet, then
 * controls free (fixed at trim) while the response is recorded; wings are
 * held level for the longitudinal tests so the spiral mode does not
 * contaminate them.
 * Reference: 14 CFR Part 60 Appendix A, Table A2A tests 2.c (stall
 * warning), 2.d (phugoid, short period, Dutch roll, roll response);
 * Appendix B (generic ranges for a light single); MIL-F-8785C 3.2.2.1
 * (short-period damping).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "math/units.h"
#include "qtg/qtg_measure.h"
#include "math/trig.h"

#define TRACE_DT_S 0.1

int qtg_trim_level(qtg_craft *c, const qtg_test *t, qtg_result *r)
{
    double mach = t->mach > 0.0 ? t->mach : 0.0;
    if (craft_trim_at(c, t->altitude_ft, t->speed_kt, mach, 0.0, 0.0, SAQR_TRIM_LONGITUDINAL) != SAQR_OK) {
        snprintf(r->note, sizeof r->note, "no level trim at %.0f ft, %s %.2f", t->altitude_ft,
                 mach > 0.0 ? "Mach" : "kt", mach > 0.0 ? mach : t->speed_kt);
        return 0;
    }
    return 1;
}

/* Runs `seconds`, sampling `y_slot` into the trace every TRACE_DT_S; the
 * elevator/aileron/rudder follow `input` (NULL: fixed). */
typedef void (*input_fn)(qtg_craft *c, double t, const double *trim);

static int fly(qtg_craft *c, double seconds, input_fn input, const double *trim, int hold_wings, int y_slot,
               double y_scale, qtg_result *r, double t0)
{
    double dt = saqr_fdm_dt(c->f), next = 0.0;
    int steps = (int)(seconds / dt + 0.5);
    double psi0 = craft_get(c, c->psi_deg);
    for (int i = 0; i < steps; i++) {
        double t = i * dt;
        if (input)
            input(c, t, trim);
        if (hold_wings)
            craft_hold_wings_and_heading(c, psi0, 0);
        if (craft_step(c))
            return 0;
        if (t >= next - 1e-9) {
            qtg_trace_add(r, t0 + t, craft_get(c, y_slot) * y_scale);
            next += TRACE_DT_S;
        }
    }
    return 1;
}

static void pulse_elevator(qtg_craft *c, double t, const double *trim)
{
    craft_set(c, c->elevator, trim[0] + (t < 2.0 ? -0.1 : 0.0));
}

static void doublet_elevator(qtg_craft *c, double t, const double *trim)
{
    double d = t < 0.5 ? -0.1 : (t < 1.0 ? 0.1 : 0.0);
    craft_set(c, c->elevator, trim[0] + d);
}

static void doublet_rudder(qtg_craft *c, double t, const double *trim)
{
    double d = t < 1.0 ? 0.25 : (t < 2.0 ? -0.25 : 0.0);
    craft_set(c, c->rudder, trim[2] + d);
}

/* Holds altitude h0 with the pitch attitude (test-pilot technique):
 * proportional on the altitude error, integral to remove the offset as
 * the speed changes, and the climb rate for damping. */
typedef struct alt_hold {
    double h0_ft, theta0_deg, elev0, integ_deg, dt_s;
} alt_hold;

static void hold_altitude(qtg_craft *c, alt_hold *a)
{
    double err = a->h0_ft - craft_get(c, c->alt_ft);
    a->integ_deg += 0.002 * err * a->dt_s;
    double theta_cmd = a->theta0_deg + a->integ_deg + 0.02 * err - 0.05 * craft_get(c, c->hdot_fps);
    craft_hold_pitch(c, theta_cmd, a->elev0);
}

/* Level acceleration: from the test's trim, the throttle at the test's
 * setting (full by default), altitude held, wings level. */
typedef struct level_accel {
    alt_hold ah;
    double psi0_deg, throttle;
} level_accel;

static int level_accel_start(qtg_craft *c, const qtg_test *t, qtg_result *r, level_accel *l)
{
    if (!qtg_trim_level(c, t, r))
        return 0;
    l->ah = (alt_hold){craft_get(c, c->alt_ft), craft_get(c, c->theta_deg), craft_get(c, c->elevator), 0.0,
                       saqr_fdm_dt(c->f)};
    l->psi0_deg = craft_get(c, c->psi_deg);
    l->throttle = isnan(t->throttle) ? 1.0 : t->throttle;
    return 1;
}

/* One frame; non-zero on failure. */
static int level_accel_step(qtg_craft *c, level_accel *l)
{
    craft_set(c, c->throttle, l->throttle);
    hold_altitude(c, &l->ah);
    craft_hold_wings_and_heading(c, l->psi0_deg, 0);
    return craft_step(c);
}

/* The 1 kt/s deceleration of the stall tests: from a level trim at 1.3
 * times the test's speed, idle, the pitch attitude raised to keep the
 * speed on its schedule, wings level. */
typedef struct decel {
    double start_kt, theta0_deg, elev0, psi0_deg;
} decel;

static int decel_start(qtg_craft *c, const qtg_test *t, qtg_result *r, decel *d)
{
    d->start_kt = 1.3 * t->speed_kt;
    if (craft_trim_at(c, t->altitude_ft, d->start_kt, 0.0, 0.0, 0.0, SAQR_TRIM_LONGITUDINAL) != SAQR_OK) {
        snprintf(r->note, sizeof r->note, "no level trim at %.0f kt to start from", d->start_kt);
        return 0;
    }
    d->theta0_deg = craft_get(c, c->theta_deg);
    d->elev0 = craft_get(c, c->elevator);
    d->psi0_deg = craft_get(c, c->psi_deg);
    craft_set(c, c->throttle, 0.0);
    return 1;
}

/* One frame of the deceleration at `time` s into it; non-zero on failure. */
static int decel_step(qtg_craft *c, const decel *d, double time)
{
    double target = d->start_kt - 1.0 * time;
    double theta_cmd = d->theta0_deg + 0.5 * (craft_get(c, c->vc_kts) - target);
    craft_hold_pitch(c, fmin(theta_cmd, 30.0), d->elev0);
    craft_hold_wings_and_heading(c, d->psi0_deg, 0);
    return craft_step(c);
}

/* 1-g stall speed, 14 CFR 23.49: from a level trim at 1.3 times the
 * guess, idle, the speed bled at 1 kt/s with the pitch attitude until the
 * aircraft stops slowing down (lift at its maximum, or the AoA limiter
 * holding).  The pilot's corrections load the wing a little above or
 * below 1 g, so each speed is reduced to 1 g with the aerodynamic load
 * factor n (lift / weight): V_1g = V / sqrt(n), as 14 CFR 25.103 does;
 * the stall speed is the lowest V_1g of the manoeuvre. */
static double stall_speed(qtg_craft *c, const qtg_test *t, qtg_result *r)
{
    decel d;
    if (!decel_start(c, t, r, &d))
        return NAN;
    double dt = saqr_fdm_dt(c->f), vmin = 1e9, t_min = 0.0, alpha_min = 0.0, n_min = 1.0;
    qtg_trace_labels(r, "time (s)", "1-g calibrated airspeed (kt)");
    for (int i = 0; i < (int)(120.0 / dt); i++) {
        double time = i * dt;
        if (decel_step(c, &d, time))
            return NAN;
        double n = craft_get(c, c->load_factor);
        if (!(n > 0.2))
            continue; /* unloaded: no stall information */
        double v = craft_get(c, c->vc_kts) / sqrt(n);
        if (i % 12 == 0)
            qtg_trace_add(r, time, v);
        if (v < vmin) {
            vmin = v;
            t_min = time;
            alpha_min = craft_get(c, c->alpha_deg);
            n_min = n;
        }
        if (v > vmin + 3.0 || time > t_min + 15.0)
            break; /* the stall break, or no further slowing */
    }
    snprintf(r->note, sizeof r->note, "idle, 1 kt/s deceleration from %.0f kt at %.0f ft: lowest 1-g speed %.1f kt "
             "at %.1f s (alpha %.1f deg, n %.2f)", d.start_kt, t->altitude_ft, vmin, t_min, alpha_min, n_min);
    return vmin;
}

/* The asymptote of a speed approaching it exponentially, from three
 * samples at equal spacing (Aitken's delta-squared); the last sample when
 * the differences do not shrink. */
static double asymptote(double v1, double v2, double v3)
{
    double d1 = v2 - v1, d2 = v3 - v2;
    if (!(fabs(d2) < fabs(d1)) || d1 * d2 <= 0.0)
        return v3;
    return v3 + d2 * d2 / (d1 - d2);
}

/* Maximum level speed: level acceleration at full power from the test's
 * speed, altitude held.  Every 20 s the asymptote of the speed is
 * extrapolated from the last three samples; the speed is the asymptote
 * once two successive ones agree within 0.5 kt (0.001 Mach), or the
 * speed itself once it changes less than 0.05 kt/s (fuel burn keeps a
 * fighter creeping faster).  True airspeed in kt,
 * or Mach when the test gives mach=. */
static double max_level_speed(qtg_craft *c, const qtg_test *t, qtg_result *r)
{
    level_accel l;
    if (!level_accel_start(c, t, r, &l))
        return NAN;
    int is_mach = t->mach > 0.0;
    double dt = l.ah.dt_s, h0 = l.ah.h0_ft;
    double s[3] = {NAN, NAN, NAN}, last_est = NAN, tol = is_mach ? 0.001 : 0.5;
    double still = is_mach ? 0.05 * 20.0 / 600.0 : 0.05 * 20.0;
    int y = is_mach ? c->mach : c->vt_kts, every = (int)(20.0 / dt + 0.5);
    qtg_trace_labels(r, "time (s)", is_mach ? "Mach" : "true airspeed (kt)");
    for (int i = 1; i <= (int)(900.0 / dt); i++) {
        if (level_accel_step(c, &l))
            return NAN;
        double v = craft_get(c, y);
        if (i % 60 == 0)
            qtg_trace_add(r, i * dt, v);
        if (i % every)
            continue;
        s[0] = s[1];
        s[1] = s[2];
        s[2] = v;
        if (isnan(s[0]))
            continue;
        double est = asymptote(s[0], s[1], s[2]);
        int settled = fabs(s[2] - s[1]) < still;
        if (settled || (!isnan(last_est) && fabs(est - last_est) < tol)) {
            snprintf(r->note, sizeof r->note, "level acceleration at %.0f ft (held within %.0f ft), throttle %.2f: "
                     "%s after %.0f s at %.1f kt CAS", h0, fabs(craft_get(c, c->alt_ft) - h0), l.throttle,
                     settled ? "settled" : "asymptote extrapolated", i * dt, craft_get(c, c->vc_kts));
            return settled ? v : est;
        }
        last_est = est;
    }
    snprintf(r->note, sizeof r->note, "the speed did not settle in 900 s");
    return NAN;
}

/* Which figure of an oscillation a test wants: its period, its damping
 * ratio, the cycles it takes to halve (Part 60's Dutch roll: a growing
 * one never does), or to halve or double (Part 60's phugoid: either
 * way, no faster than 2 cycles). */
enum { OSC_PERIOD, OSC_DAMPING, OSC_HALF_CYCLES, OSC_HALF_OR_DOUBLE_CYCLES };

/* Cycles to half (zeta > 0) or double (zeta < 0) amplitude of an
 * oscillation of damping ratio zeta: the amplitude goes as
 * exp(-zeta wn t) and the period is 2 pi / (wn sqrt(1 - zeta^2)), so
 * ln 2 sqrt(1 - zeta^2) / (2 pi |zeta|).  Infinite when it neither grows
 * nor decays; 0 when it does not oscillate. */
static double halving_cycles(double zeta)
{
    if (isnan(zeta))
        return NAN;
    if (zeta == 0.0)
        return INFINITY;
    if (fabs(zeta) >= 1.0)
        return 0.0;
    return log(2.0) * sqrt(1.0 - zeta * zeta) / (2.0 * UNITS_PI * fabs(zeta));
}

static double oscillation_figure(int want, double period, double zeta)
{
    switch (want) {
    case OSC_PERIOD: return period;
    case OSC_DAMPING: return zeta;
    case OSC_HALF_CYCLES: return zeta > 0.0 ? halving_cycles(zeta) : INFINITY;
    default: return halving_cycles(zeta);
    }
}

static double phugoid(qtg_craft *c, const qtg_test *t, qtg_result *r, int want)
{
    if (!qtg_trim_level(c, t, r))
        return NAN;
    double trim[3] = {craft_get(c, c->elevator), craft_get(c, c->aileron), craft_get(c, c->rudder)};
    qtg_trace_labels(r, "time (s)", "calibrated airspeed (kt)");
    if (!fly(c, 240.0, pulse_elevator, trim, 1, c->vc_kts, 1.0, r, 0.0)) {
        snprintf(r->note, sizeof r->note, "the simulation failed during the phugoid");
        return NAN;
    }
    double period, zeta;
    int ne = qtg_oscillation(r->trace_x, r->trace_y, r->ntrace, 10.0, &period, &zeta);
    snprintf(r->note, sizeof r->note, "2 s elevator pulse at %.0f ft, %.0f kt, controls fixed, wings held level: "
             "%d extrema, period %.1f s, damping ratio %.3f", t->altitude_ft, craft_get(c, c->vc_kts), ne, period,
             zeta);
    return oscillation_figure(want, period, zeta);
}

/* The short-period mode of the aircraft linearised about its trim
 * (saqr_fdm_linearize, JSBSim's method): the alpha-q block of A, whose
 * roots are the mode (MIL-F-8785C's short-period damping is the mode's;
 * for the Super Mushak the block's roots are those of the whole
 * longitudinal model to 4 digits).  0, with why in `why`, when the model
 * cannot be made or the block has no such pair. */
static int short_period_mode(qtg_craft *c, double *wn_rps, double *zeta, char *why, size_t why_size)
{
    saqr_linear_model m;
    if (saqr_fdm_linearize(c->f, &m) != SAQR_OK) {
        snprintf(why, why_size, "%s", saqr_fdm_error(c->f));
        return 0;
    }
    int a = -1, q = -1;
    for (int i = 0; i < m.n_states; i++) {
        if (!strcmp(m.state_names[i], "Alpha"))
            a = i;
        else if (!strcmp(m.state_names[i], "Q"))
            q = i;
    }
    if (a < 0 || q < 0) {
        snprintf(why, why_size, "no alpha or q state");
        return 0;
    }
    const double tr = m.a[a][a] + m.a[q][q], det = m.a[a][a] * m.a[q][q] - m.a[a][q] * m.a[q][a];
    if (!(det > 0.0)) {
        snprintf(why, why_size, "a real root of each sign: statically unstable");
        return 0;
    }
    *wn_rps = sqrt(det);
    *zeta = -tr / (2.0 * *wn_rps);
    return isfinite(*zeta);
}

static double short_period(qtg_craft *c, const qtg_test *t, qtg_result *r)
{
    if (!qtg_trim_level(c, t, r))
        return NAN;
    double wn = NAN, zeta_mode = NAN;
    int have_mode = 0;
    char why[80] = "";
    if (t->linear_model) {
        have_mode = short_period_mode(c, &wn, &zeta_mode, why, sizeof why);
        /* the doublet flies from the trim itself, not from the
         * linearisation's placing */
        if (!qtg_trim_level(c, t, r))
            return NAN;
    }
    double trim[3] = {craft_get(c, c->elevator), craft_get(c, c->aileron), craft_get(c, c->rudder)};
    qtg_trace_labels(r, "time (s)", "pitch rate (deg/s)");
    if (!fly(c, 8.0, doublet_elevator, trim, 1, c->q_rps, DEG_PER_RAD, r, 0.0))
        return NAN;
    /* after the doublet ends (1 s) */
    double period, zeta;
    int ne = qtg_oscillation(r->trace_x, r->trace_y, r->ntrace, 1.0, &period, &zeta);
    char doublet[96];
    if (ne < 3) {
        zeta = 1.0; /* no overshoot: at least critically damped */
        snprintf(doublet, sizeof doublet, "no overshoot in pitch rate after an elevator doublet 0.1, 1 s");
    } else {
        snprintf(doublet, sizeof doublet, "elevator doublet 0.1, 1 s: pitch-rate period %.2f s, damping %.3f", period,
                 zeta);
    }
    if (!t->linear_model) {
        snprintf(r->note, sizeof r->note, "%s", doublet);
        return zeta;
    }
    if (!have_mode) {
        snprintf(r->note, sizeof r->note, "no short-period mode in the linear model of the trim (%s); %s", why,
                 doublet);
        return NAN;
    }
    /* the doublet's decrements, averaged over 8 s, mix in the phugoid's and
     * the wings-level hold's small swings (docs/qtg.md): shown, not graded */
    snprintf(r->note, sizeof r->note, "short-period mode of the aircraft linearised about the trim: %.2f rad/s, "
             "damping %.3f; %s", wn, zeta_mode, doublet);
    return zeta_mode;
}

static double dutch_roll(qtg_craft *c, const qtg_test *t, qtg_result *r, int want)
{
    if (!qtg_trim_level(c, t, r))
        return NAN;
    double trim[3] = {craft_get(c, c->elevator), craft_get(c, c->aileron), craft_get(c, c->rudder)};
    qtg_trace_labels(r, "time (s)", "sideslip (deg)");
    if (!fly(c, 20.0, doublet_rudder, trim, 0, c->beta_deg, 1.0, r, 0.0))
        return NAN;
    double period, zeta;
    int ne = qtg_oscillation(r->trace_x, r->trace_y, r->ntrace, 2.0, &period, &zeta);
    snprintf(r->note, sizeof r->note, "rudder doublet 0.25, 2 s, controls fixed: %d extrema, period %.2f s, "
             "damping %.3f", ne, period, zeta);
    return oscillation_figure(want, period, zeta);
}

static double roll_rate(qtg_craft *c, const qtg_test *t, qtg_result *r)
{
    if (!qtg_trim_level(c, t, r))
        return NAN;
    double ail = isnan(t->control) ? 1.0 / 3.0 : t->control;
    double trim_ail = craft_get(c, c->aileron), dt = saqr_fdm_dt(c->f), best = 0.0;
    qtg_trace_labels(r, "time (s)", "roll rate (deg/s)");
    for (int i = 0; i < (int)(8.0 / dt); i++) {
        craft_set(c, c->aileron, trim_ail + ail);
        if (craft_step(c))
            return NAN;
        double p = craft_get(c, c->p_rps) * DEG_PER_RAD;
        if (i % 12 == 0)
            qtg_trace_add(r, i * dt, p);
        if (fabs(p) > fabs(best))
            best = p;
        if (fabs(craft_get(c, c->phi_deg)) > 60.0)
            break;
    }
    char speed[32]; /* the test gives a calibrated airspeed or a Mach number */
    if (t->mach > 0.0)
        snprintf(speed, sizeof speed, "Mach %.2f", t->mach);
    else
        snprintf(speed, sizeof speed, "%.0f kt", t->speed_kt);
    snprintf(r->note, sizeof r->note, "aileron step %.2f from wings level at %s: peak roll rate before 60 deg "
             "of bank", ail, speed);
    return fabs(best);
}

static double stall_warning(qtg_craft *c, const qtg_test *t, qtg_result *r)
{
    int warn = saqr_fdm_property(c->f, t->property);
    if (warn < 0) {
        snprintf(r->note, sizeof r->note, "%.100s: the aircraft has no property %.100s", t->where, t->property);
        return NAN;
    }
    decel d;
    if (!decel_start(c, t, r, &d))
        return NAN;
    double dt = saqr_fdm_dt(c->f);
    qtg_trace_labels(r, "time (s)", "calibrated airspeed (kt)");
    for (int i = 0; i < (int)(90.0 / dt); i++) {
        double time = i * dt;
        if (decel_step(c, &d, time))
            return NAN;
        if (i % 12 == 0)
            qtg_trace_add(r, time, craft_get(c, c->vc_kts));
        if (craft_get(c, warn) >= 0.5) {
            snprintf(r->note, sizeof r->note, "1 kt/s deceleration at idle from %.0f kt: %.100s set at %.1f s",
                     d.start_kt, t->property, time);
            return craft_get(c, c->vc_kts);
        }
    }
    snprintf(r->note, sizeof r->note, "%.120s never set in a 90 s deceleration", t->property);
    return NAN;
}

/* Mach change over 20 s in a level turn at bank phi, full power, after
 * 10 s to settle: the bank held with the ailerons, the altitude with the
 * stick (proportional, integral and climb-rate terms).  NaN when the
 * simulation fails. */
static double turn_mach_rate(qtg_craft *c, const qtg_test *t, double phi_deg, double throttle, double *rate_dps)
{
    if (craft_trim_at(c, t->altitude_ft, 0.0, t->mach, 0.0, 0.0, SAQR_TRIM_LONGITUDINAL) != SAQR_OK)
        return NAN;
    double h0 = craft_get(c, c->alt_ft), elev0 = craft_get(c, c->elevator), dt = saqr_fdm_dt(c->f);
    double integ = 0.0, m_start = NAN, turned_deg = 0.0, psi_last = craft_get(c, c->psi_deg);
    for (int i = 0; i < (int)(30.0 / dt); i++) {
        double time = i * dt;
        craft_set(c, c->throttle, throttle);
        double phi_err = phi_deg - craft_get(c, c->phi_deg);
        double p = craft_get(c, c->p_rps) * DEG_PER_RAD;
        craft_set(c, c->aileron, fmax(-1.0, fmin(1.0, 0.02 * phi_err - 0.005 * p)));
        craft_elevator_on_altitude(c, elev0, h0, &integ);
        if (craft_step(c))
            return NAN;
        /* heading change, frame by frame so no wrap is lost */
        double psi = craft_get(c, c->psi_deg);
        if (time >= 10.0) {
            if (isnan(m_start))
                m_start = craft_get(c, c->mach);
            else
                turned_deg += fmod(psi - psi_last + 540.0, 360.0) - 180.0;
        }
        psi_last = psi;
    }
    *rate_dps = turned_deg / 20.0;
    return (craft_get(c, c->mach) - m_start) / 20.0;
}

/* Sustained turn rate: the steepest bank at which a level turn at full
 * power keeps its Mach number (bisection on bank); the turn rate then. */
static double sustained_turn(qtg_craft *c, const qtg_test *t, qtg_result *r)
{
    double throttle = isnan(t->throttle) ? 1.0 : t->throttle, rate = NAN, good = 0.0, bad = 85.0, best_rate = 0.0;
    for (int i = 0; i < 10; i++) {
        double mid = 0.5 * (good + bad), tr = 0.0;
        double dm = turn_mach_rate(c, t, mid, throttle, &tr);
        if (isnan(dm)) {
            snprintf(r->note, sizeof r->note, "the turn at %.1f deg of bank could not be flown", mid);
            return NAN;
        }
        if (dm >= 0.0) {
            good = mid;
            best_rate = tr;
        } else {
            bad = mid;
        }
    }
    rate = fabs(best_rate);
    snprintf(r->note, sizeof r->note, "level turns at Mach %.2f, %.0f ft, throttle %.2f: Mach held up to %.1f deg of "
             "bank (%.2f g)", t->mach, t->altitude_ft, throttle, good, 1.0 / trig_cos(good * RAD_PER_DEG));
    return rate;
}

/* Abrupt full-aft stick for 5 s; the peak load factor or alpha. */
static double limiter_pull(qtg_craft *c, const qtg_test *t, qtg_result *r, int want_alpha)
{
    if (!qtg_trim_level(c, t, r))
        return NAN;
    double dt = saqr_fdm_dt(c->f), peak = -1e9;
    int y = want_alpha ? c->alpha_deg : c->nz;
    qtg_trace_labels(r, "time (s)", want_alpha ? "angle of attack (deg)" : "load factor (g)");
    for (int i = 0; i < (int)(5.0 / dt); i++) {
        craft_set(c, c->elevator, -1.0);
        if (craft_step(c))
            return NAN;
        /* n-pilot-z is -1 in level flight: the load factor is its negative */
        double v = want_alpha ? craft_get(c, y) : -craft_get(c, y);
        if (i % 6 == 0)
            qtg_trace_add(r, i * dt, v);
        if (v > peak)
            peak = v;
    }
    snprintf(r->note, sizeof r->note, "full-aft stick step for 5 s at Mach %.2f, %.0f ft: peak %s", t->mach,
             t->altitude_ft, want_alpha ? "alpha" : "load factor");
    return peak;
}

/* Level acceleration at full power from t->mach to t->mach_end. */
static double accel_time(qtg_craft *c, const qtg_test *t, qtg_result *r)
{
    level_accel l;
    if (!level_accel_start(c, t, r, &l))
        return NAN;
    double dt = l.ah.dt_s, h0 = l.ah.h0_ft;
    qtg_trace_labels(r, "time (s)", "Mach");
    for (int i = 0; i < (int)(600.0 / dt); i++) {
        if (level_accel_step(c, &l))
            return NAN;
        double m = craft_get(c, c->mach);
        if (i % 60 == 0)
            qtg_trace_add(r, i * dt, m);
        if (m >= t->mach_end) {
            snprintf(r->note, sizeof r->note, "level at %.0f ft (held within %.0f ft), throttle %.2f", h0,
                     fabs(craft_get(c, c->alt_ft) - h0), l.throttle);
            return i * dt;
        }
    }
    snprintf(r->note, sizeof r->note, "Mach %.2f not reached in 600 s (%.3f)", t->mach_end, craft_get(c, c->mach));
    return NAN;
}

double qtg_measure_dyn(qtg_craft *c, const qtg_test *t, qtg_result *r)
{
    switch (t->kind) {
    case QTG_STALL_SPEED: return stall_speed(c, t, r);
    case QTG_MAX_LEVEL_SPEED: return max_level_speed(c, t, r);
    case QTG_PHUGOID_PERIOD: return phugoid(c, t, r, OSC_PERIOD);
    case QTG_PHUGOID_DAMPING: return phugoid(c, t, r, OSC_DAMPING);
    case QTG_PHUGOID_HALF_CYCLES: return phugoid(c, t, r, OSC_HALF_OR_DOUBLE_CYCLES);
    case QTG_DUTCH_ROLL_HALF_CYCLES: return dutch_roll(c, t, r, OSC_HALF_CYCLES);
    case QTG_SHORT_PERIOD_DAMPING: return short_period(c, t, r);
    case QTG_DUTCH_ROLL_PERIOD: return dutch_roll(c, t, r, OSC_PERIOD);
    case QTG_ROLL_RATE: return roll_rate(c, t, r);
    case QTG_STALL_WARNING: return stall_warning(c, t, r);
    case QTG_LIMITER_G: return limiter_pull(c, t, r, 0);
    case QTG_LIMITER_ALPHA: return limiter_pull(c, t, r, 1);
    case QTG_ACCEL_TIME: return accel_time(c, t, r);
    case QTG_SUSTAINED_TURN: return sustained_turn(c, t, r);
    default: return NAN;
    }
}
