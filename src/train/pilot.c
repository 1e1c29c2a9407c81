/*
 * pilot.c - the reference pilot and its degraded variants (pilot.h).
 *
 * Laws, outer to inner:
 *   lateral   heading error -> bank (limited), bank error -> aileron with
 *             roll-rate damping; sideslip -> rudder on a conventional
 *             aircraft (the fly-by-wire coordinates its own turns); on
 *             the runway, rudder and nose-wheel steering hold the
 *             centreline;
 *   vertical  altitude error -> vertical speed (limited) -> flight-path
 *             angle -> pitch attitude (theta = gamma + alpha cos phi) ->
 *             elevator with an integrator (the pilot's trim);
 *             or airspeed on pitch (climbs at full power);
 *   speed     airspeed (or Mach) error -> throttle, proportional-integral.
 * Approach: the glide path to an aim point past the threshold, on the
 * centreline; land: an exponential flare, idle, brakes after touchdown.
 * Sign conventions are JSBSim's: nose-up is a negative elevator command,
 * a positive rudder command turns the nose left.
 */
#include "train/pilot.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "math/units.h"
#include "train/pilot_gains.h"
#include "math/trig.h"

/* Aileron held into the wind per degree of sideslip, in the flare's wing
 * low and on the roll-out: the rudder keeps the nose on the runway, the
 * sideslip's rolling moment (dihedral) lifts the upwind wing, and the
 * aileron holds it down (FAA-H-8083-3 ch. 9).  Without it the roll law's
 * proportional term alone could not hold the bank asked for against that
 * moment: in a 14 kt crosswind the Super Mushak touched down with its
 * downwind wing low, drifting. */
#define SLIP_AILERON_PER_DEG 0.05

/* Height of a fly-by-wire aircraft's kick out of the crab in the flare, ft
 * (the height read: the JF-17's reference point is about 5 ft up with the
 * wheels on the runway). */
#define FBW_DECRAB_FT 8.0

static double clampd(double x, double lo, double hi)
{
    return x < lo ? lo : (x > hi ? hi : x);
}

static double wrap180(double d)
{
    return lesson_angle_step_deg(0.0, d);
}

int pilot_init(pilot *p, int faults, int fbw, const pilot_inputs *in, const airport_runway *rwy, int nv)
{
    memset(p, 0, sizeof *p);
    p->faults = faults;
    p->fbw = fbw;
    p->gains = pilot_gains_for(fbw);
    p->in = *in;
    p->rwy = rwy;
    p->nv = nv;
    p->alpha_filt = NAN;
    lesson_derived_init(&p->derived, nv - LESSON_NDERIVED, in->t, in->heading, in->roll);
    p->entry = calloc((size_t)nv, sizeof *p->entry);
    return p->entry ? 0 : -1;
}

void pilot_set_runway(pilot *p, const airport_runway *rwy)
{
    p->rwy = rwy;
}

void pilot_free(pilot *p)
{
    free(p->entry);
    p->entry = NULL;
}

static void segment_begin(pilot *p, double t)
{
    p->pitch_i = p->last_pitch;
    p->gamma_i = NAN;
    p->ias_ref = NAN;
    p->seg_t0 = t;
    p->event_due = p->ex && p->seg < p->ex->nsegments && p->ex->segments[p->seg].event[0];
    p->touchdown_t = NAN;
    p->rounding_out = 0;
}

/* Banked past 60 deg, or the nose more than 20 deg low or 30 deg high. */
static int unusual_attitude(const pilot *p, const double *v)
{
    return fabs(v[p->in.roll]) > 60.0 || v[p->in.pitch] < -20.0 || v[p->in.pitch] > 30.0;
}

void pilot_recover_first(pilot *p)
{
    p->recover_next = 1;
}

void pilot_begin(pilot *p, const lesson_exercise *ex, const double *v)
{
    p->recovering = p->recover_next && unusual_attitude(p, v);
    p->recover_next = 0;
    p->ex = ex;
    p->seg = 0;
    p->ex_t0 = v[p->in.t];
    memcpy(p->entry, v, (size_t)p->nv * sizeof *v);
    lesson_derived_begin(&p->derived, p->entry);
    /* take the controls as they are: the integrators start at the trim */
    if (!isnan(v[p->in.elevator]))
        p->elev_i = v[p->in.elevator];
    if (!isnan(v[p->in.throttle]))
        p->thr_i = v[p->in.throttle];
    segment_begin(p, v[p->in.t]);
}

const char *pilot_take_event(pilot *p)
{
    if (!p->event_due)
        return NULL;
    p->event_due = 0;
    return p->ex->segments[p->seg].event;
}

/* Whether the speed is flown on the flight path (speed_on_path, as
 * path_pitch decides it): a fly-by-wire aircraft given a speed and no
 * vertical target - no altitude to fly (alt_cmd: the segment's, or an
 * approach's glide path), vertical speed or pitch, and no elevator, g or
 * alpha of its own. */
static int flies_speed_on_path(const pilot *p, const lesson_segment *s, double alt_cmd)
{
    return p->gains->path_by_g && !isnan(s->ias_kt.v) && isnan(alt_cmd) && isnan(s->vs_fpm.v) &&
           isnan(s->pitch_deg.v) && isnan(s->elevator) && isnan(s->g) && !s->g_level && isnan(s->alpha_deg);
}

/* The airspeed the pilot aims at now: the segment's target approached at
 * a comfortable rate, as a pilot changes speed (no throttle slam). */
static double speed_reference(pilot *p, const lesson_segment *s, const double *v, double dt, double alt_cmd)
{
    double target_kt = isnan(s->ias_kt.v) ? NAN : lesson_value_at(&s->ias_kt, p->in.ias, p->entry);
    if (isnan(target_kt))
        return NAN;
    if (isnan(p->ias_ref))
        p->ias_ref = v[p->in.ias];
    double step = (flies_speed_on_path(p, s, alt_cmd) ? p->gains->path_speed_rate_kps : p->gains->speed_rate_kps) * dt;
    p->ias_ref += clampd(target_kt - p->ias_ref, -step, step);
    return p->ias_ref;
}

/* A segment target: NAN when not given. */
static double target(const pilot *p, const lesson_value *x, int ch)
{
    return isnan(x->v) ? NAN : lesson_value_at(x, ch, p->entry);
}

/* Bank to hold (deg) for a heading target. */
/* Rudder that centres the ball: positive sideslip wants the nose right
 * (a fly-by-wire aircraft coordinates its own turns). */
static double ball_rudder(const pilot *p, const double *v)
{
    return p->gains->coordinate ? clampd(-0.08 * v[p->in.beta], -1.0, 1.0) : 0.0;
}

static double bank_for_heading(double hdg_cmd, double hdg, double max_bank)
{
    return clampd(1.5 * wrap180(hdg_cmd - hdg), -max_bank, max_bank);
}

static void fly_lateral(pilot *p, const double *v, double phi_cmd, double dt, pilot_controls *c)
{
    const pilot_gains *k = p->gains;
    double phi = v[p->in.roll], rate = v[p->in.p];
    /* the integrator trims out the engine's torque; not while rolling in
     * or out */
    if (fabs(phi_cmd - phi) < 3.0)
        p->ail_i = clampd(p->ail_i + k->roll_ki * (phi_cmd - phi) * dt, -0.3, 0.3);
    c->aileron = clampd(p->ail_i + k->roll_kp * (phi_cmd - phi) - k->roll_kd * rate, -1.0, 1.0);
    c->rudder = ball_rudder(p, v);
}

/* Elevator for an angle of attack (over the top of a loop), with the
 * trim integrator: the pitch law's gains on the alpha error. */
static void fly_alpha(pilot *p, const double *v, double alpha_cmd, double dt, pilot_controls *c)
{
    const pilot_gains *k = p->gains;
    double e = alpha_cmd - v[p->in.alpha];
    p->elev_i = clampd(p->elev_i - k->pitch_ki * e * dt, -1.0, 1.0);
    c->elevator = clampd(p->elev_i - k->pitch_kp * e + k->pitch_kq * v[p->in.q], -1.0, 1.0);
}

/* Pitch attitude hold with the trim integrator, never past the pilot's
 * alpha limit. */
static void fly_pitch(pilot *p, const double *v, double theta_cmd, double dt, pilot_controls *c)
{
    if (v[p->in.alpha] > p->gains->alpha_max_deg && theta_cmd > v[p->in.pitch]) {
        fly_alpha(p, v, p->gains->alpha_max_deg, dt, c);
        return;
    }
    /* damping on the pitch attitude's rate (q cos phi - r sin phi), not on
     * the body rate, which is large in a steady steep turn */
    double phi = v[p->in.roll] * RAD_PER_DEG;
    double e = theta_cmd - v[p->in.pitch], q = v[p->in.q] * trig_cos(phi) - v[p->in.r] * trig_sin(phi);
    const pilot_gains *k = p->gains;
    p->elev_i = clampd(p->elev_i - k->pitch_ki * e * dt, -1.0, 1.0);
    c->elevator = clampd(p->elev_i - k->pitch_kp * e + k->pitch_kq * q, -1.0, 1.0);
}

/* Flight-path angle (deg) for a vertical speed (fpm) at true airspeed. */
static double gamma_for_vs(double vs_fpm, double tas_kt)
{
    double v_fpm = fmax(tas_kt, 30.0) * MPS_PER_KT / M_PER_FT * 60.0;
    return asin(clampd(vs_fpm / v_fpm, -0.5, 0.5)) * DEG_PER_RAD;
}

static void fly_throttle(pilot *p, double err_kt, double dt, double max_thr, pilot_controls *c)
{
    const pilot_gains *k = p->gains;
    p->thr_i = clampd(p->thr_i + k->thr_ki * err_kt * dt, 0.0, max_thr);
    c->throttle = clampd(p->thr_i + k->thr_kp * err_kt, 0.0, max_thr);
}

/* Airspeed on the flight path, for a fly-by-wire aircraft whose stick
 * commands g: the flight-path angle rises KP degrees for each knot too
 * fast, about the angle it settles on (integrated at KI).  Speed answers
 * a path change as dV/dt = -g sin(gamma); with the g loop's 3 s lag
 * (path_g) these gains hold the JF-17's idle glide within 6.3 kt of a
 * reference moving at path_speed_rate_kps, where an attitude loop (speed
 * on pitch, as a conventional aircraft is flown) hunted +-30 deg of pitch
 * and +-30 kt (tests/verify/test_lessons_fly.c, the flame-out lesson).
 * Returns the vertical speed (fpm) of that path. */
static double speed_on_path(pilot *p, const double *v, double err_kt, double dt)
{
    const double kp_deg_per_kt = 1.2, ki_deg_per_kt_s = 0.05;
    double v_fpm = fmax(v[p->in.tas], 30.0) * MPS_PER_KT / M_PER_FT * 60.0;
    if (isnan(p->gamma_i))
        p->gamma_i = gamma_for_vs(v[p->in.vs], v[p->in.tas]);
    /* the integral finds the path that holds the speed; a large error
     * (a zoom from a higher speed) is the proportional term's to fly, or
     * the integral would wind up through it and overshoot: it runs
     * within 15 kt of the speed */
    if (fabs(err_kt) < 15.0)
        p->gamma_i = clampd(p->gamma_i + ki_deg_per_kt_s * err_kt * dt, -30.0, 20.0);
    double gamma_deg = clampd(p->gamma_i + kp_deg_per_kt * err_kt, -30.0, 20.0);
    return v_fpm * trig_sin(gamma_deg * RAD_PER_DEG);
}

/* The vertical speed that captures the altitude alt_cmd (4 ft/min per ft
 * of error, at most the pilot's vs_max), plus the feed-forward vs_ff. */
static double capture_vs(const pilot *p, const double *v, double alt_cmd, double vs_ff)
{
    double vs_max = p->gains->vs_max_fpm;
    return clampd(4.0 * (alt_cmd - v[p->in.alt]) + vs_ff, -vs_max, vs_max);
}

/* The pitch attitude the vertical path asks for: altitude -> vertical
 * speed -> flight-path angle -> pitch, a pitch target as given, or
 * airspeed on pitch (*speed_on_pitch set) when only a speed is given.
 * *vs_path is the vertical speed it flies (0 for level flight), NAN for
 * a pitch target or the speed on pitch. */
static double path_pitch(pilot *p, const lesson_segment *s, const double *v, double dt, double alt_cmd, double vs_ff,
                         int *speed_on_pitch, double *vs_path)
{
    double pitch_cmd = target(p, &s->pitch_deg, p->in.pitch);
    double vs_cmd = target(p, &s->vs_fpm, p->in.vs);
    double ias_cmd = p->ias_now;
    *speed_on_pitch = 0;
    *vs_path = NAN;
    if (!isnan(pitch_cmd))
        return pitch_cmd;
    if (!isnan(alt_cmd)) {
        double vs_alt = capture_vs(p, v, alt_cmd, vs_ff);
        vs_cmd = isnan(vs_cmd) ? vs_alt : clampd(vs_alt, -fabs(vs_cmd), fabs(vs_cmd));
    }
    if (isnan(vs_cmd) && !isnan(ias_cmd) && p->gains->path_by_g) {
        *speed_on_pitch = 1;
        *vs_path = speed_on_path(p, v, v[p->in.ias] - ias_cmd, dt);
        return NAN;
    }
    if (isnan(vs_cmd) && !isnan(ias_cmd)) {
        /* speed on pitch: too fast, raise the nose */
        double e = v[p->in.ias] - ias_cmd;
        p->pitch_i = clampd(p->pitch_i + 0.15 * e * dt, -20.0, 30.0);
        *speed_on_pitch = 1;
        return clampd(p->pitch_i + 0.6 * e, -20.0, 30.0);
    }
    *vs_path = isnan(vs_cmd) ? 0.0 : vs_cmd;
    double gamma_cmd = isnan(vs_cmd) ? 0.0 : gamma_for_vs(vs_cmd, v[p->in.tas]);
    pitch_cmd = gamma_cmd + p->alpha_filt * trig_cos(v[p->in.roll] * RAD_PER_DEG);
    /* a slow correction of the vertical speed error, which the kinematic
     * pitch leaves (alpha lags) */
    if (!isnan(vs_cmd))
        pitch_cmd += clampd(0.004 * (vs_cmd - v[p->in.vs]), -3.0, 3.0);
    return pitch_cmd;
}

/* Elevator for a normal load factor (g), with the trim integrator. */
static void fly_g(pilot *p, const double *v, double g_cmd, double dt, pilot_controls *c)
{
    /* never past the pilot's own alpha limit: a pull at low speed is
     * flown on the buffet, not into the stall */
    if (v[p->in.alpha] > p->gains->alpha_max_deg) {
        fly_alpha(p, v, p->gains->alpha_max_deg, dt, c);
        return;
    }
    double e = g_cmd - v[p->in.nz], q = v[p->in.q];
    const pilot_gains *k = p->gains;
    p->elev_i = clampd(p->elev_i - k->g_ki * e * dt, -1.0, 1.0);
    c->elevator = clampd(p->elev_i - k->g_kp * e + 0.005 * q, -1.0, 1.0);
}

/* The load factor that flies the vertical speed vs_cmd at the bank
 * flown: n = (1 + a) / cos(bank), a the vertical acceleration (in g)
 * that closes the vertical speed error in 3 s - the stick of a g-command
 * fly-by-wire, whose own loop damps the path (pilot_gains.h path_by_g),
 * and the pull of a level turn (g="level").  The bank used is capped at
 * 75 deg, where n is already 3.9. */
static double path_g(const pilot *p, const double *v, double vs_cmd)
{
    double a_g = (vs_cmd - v[p->in.vs]) * (M_PER_FT / 60.0) / 3.0 / G0_MPS2;
    double bank = fmin(fabs(v[p->in.roll]), 75.0) * RAD_PER_DEG;
    return clampd((1.0 + clampd(a_g, -0.5, 0.5)) / trig_cos(bank), 0.0, 6.0);
}

/* The vertical path, then the throttle: it holds the speed when the
 * pitch holds the path. */
static void fly_vertical(pilot *p, const lesson_segment *s, const double *v, double dt, double alt_cmd, double vs_ff,
                         pilot_controls *c)
{
    int speed_on_pitch = 0;
    p->ias_now = speed_reference(p, s, v, dt, alt_cmd);
    if (!isnan(s->elevator))
        c->elevator = p->elev_i = s->elevator;
    else if (!isnan(s->g))
        fly_g(p, v, s->g, dt, c);
    else if (s->g_level)
        fly_g(p, v, path_g(p, v, isnan(alt_cmd) ? 0.0 : capture_vs(p, v, alt_cmd, 0.0)), dt, c);
    else if (!isnan(s->alpha_deg))
        fly_alpha(p, v, s->alpha_deg, dt, c);
    else {
        double vs_path;
        double pitch_cmd = path_pitch(p, s, v, dt, alt_cmd, vs_ff, &speed_on_pitch, &vs_path);
        if (p->gains->path_by_g && !isnan(vs_path))
            fly_g(p, v, path_g(p, v, vs_path), dt, c);
        else
            fly_pitch(p, v, pitch_cmd, dt, c);
    }
    double ias_cmd = p->ias_now, mach_cmd = target(p, &s->mach, p->in.mach);
    double max_thr = p->gains->max_auto_throttle;
    if (!isnan(s->throttle))
        c->throttle = p->thr_i = s->throttle;
    else if (!isnan(ias_cmd) && !speed_on_pitch)
        fly_throttle(p, ias_cmd - v[p->in.ias], dt, max_thr, c);
    else if (!isnan(mach_cmd))
        fly_throttle(p, 600.0 * (mach_cmd - v[p->in.mach]), dt, max_thr, c);
}

static double centreline_heading(const pilot *p, const double *v, double gain_deg_per_ft, double max_deg);
static double centreline_crab_heading(const pilot *p, const double *v, double gain_deg_per_ft, double max_deg);

/* The bank of a turn onto final (course="runway" with a bank-deg): the
 * bank asked for, adjusted so that the turn rolls out on the centreline,
 * as a pilot steepens or shallows the turn on seeing it go wide or tight.
 * With chi the heading off the runway's (rad), d = +1 for a right turn, V
 * the true airspeed and phi the bank, the rest of the turn takes
 * t = |chi| V / (g tan phi) and, in the air, moves the aircraft
 * -d R (1 - cos chi) across the centreline (R = V^2 / (g tan phi)), while
 * the wind's cross component w carries it w t: so it rolls out on the
 * centreline (y = 0, y right of it) when
 * tan phi = (d V^2 (1 - cos chi) - w |chi| V) / (g y).  The wind is the
 * ground velocity less the air's across the runway, the ground track from
 * the smoothed drift (update_drift).  At most 10 deg steeper than the
 * bank asked for; within 10 deg of the final heading the centreline's
 * heading law rolls it out. */
static double final_turn_bank(const pilot *p, const double *v, double bank_deg)
{
    double chi = wrap180(v[p->in.heading] - p->rwy->heading_true_deg) * RAD_PER_DEG;
    double d = bank_deg > 0.0 ? 1.0 : -1.0, bank_max = fabs(bank_deg) + 10.0;
    if (fabs(chi) < 10.0 * RAD_PER_DEG || !(v[p->in.gs] > 0.0))
        return bank_for_heading(centreline_crab_heading(p, v, 0.03, 20.0), v[p->in.heading], bank_max);
    const double fps_per_kt = MPS_PER_KT / M_PER_FT, g_fps2 = G0_MPS2 / M_PER_FT;
    double tas_fps = v[p->in.tas] * fps_per_kt, vs_fps = v[p->in.vs] / 60.0;
    double tas_h_fps = sqrt(fmax(tas_fps * tas_fps - vs_fps * vs_fps, 0.0));
    double w_fps = v[p->in.gs] * fps_per_kt * trig_sin(chi + p->drift_deg * RAD_PER_DEG) - tas_h_fps * trig_sin(chi);
    double num = d * tas_fps * tas_fps * (1.0 - trig_cos(chi)) - w_fps * fabs(chi) * tas_fps;
    double den = g_fps2 * v[p->in.rwy_y];
    if (!(num / den > 0.0)) /* the wind alone carries it across: as tight as allowed */
        return d * bank_max;
    return d * fmin(trig_atan2(fabs(num), fabs(den)) * DEG_PER_RAD, bank_max);
}

static void fly_segment(pilot *p, const lesson_segment *s, double *v, double dt, pilot_controls *c)
{
    double hdg_cmd = s->course_runway ? centreline_crab_heading(p, v, 0.01, 30.0) : target(p, &s->heading_deg, p->in.heading);
    double bank_cmd = target(p, &s->bank_deg, p->in.roll);
    double alt_cmd = target(p, &s->alt_ft, p->in.alt);
    if (!isnan(bank_cmd) && (p->faults & PILOT_FAULT_BANK))
        bank_cmd *= 1.13;
    if (!isnan(alt_cmd) && (p->faults & PILOT_FAULT_ALTITUDE))
        alt_cmd += 4.0 * (v[p->in.t] - p->ex_t0);
    if (!isnan(bank_cmd) && s->course_runway)
        bank_cmd = final_turn_bank(p, v, bank_cmd);
    double phi_cmd = !isnan(bank_cmd) ? bank_cmd
                   : !isnan(hdg_cmd) ? bank_for_heading(hdg_cmd, v[p->in.heading], s->max_bank_deg) : 0.0;
    if (!isnan(s->aileron)) {
        c->aileron = s->aileron;
        c->rudder = ball_rudder(p, v);
    } else if (s->wings_free) {
        /* through a loop: the wings level with the horizon, upright or
         * inverted; near the vertical (where bank means nothing) only the
         * roll rate is damped */
        double phi = v[p->in.roll];
        double err = fabs(phi) <= 90.0 ? -phi : lesson_angle_step_deg(phi, 180.0);
        double k = fabs(v[p->in.pitch]) < 60.0 ? p->gains->roll_kp : 0.0;
        c->aileron = clampd(k * err - p->gains->roll_kd * v[p->in.p], -1.0, 1.0);
        c->rudder = ball_rudder(p, v);
    } else {
        fly_lateral(p, v, phi_cmd, dt, c);
    }
    fly_vertical(p, s, v, dt, alt_cmd, 0.0, c);
}

/* Centreline: a heading that closes the lateral offset (y right, ft). */
static double centreline_heading(const pilot *p, const double *v, double gain_deg_per_ft, double max_deg)
{
    return p->rwy->heading_true_deg + clampd(-gain_deg_per_ft * v[p->in.rwy_y], -max_deg, max_deg);
}

/* The drift angle (ground track minus heading) from the runway position's
 * movement, smoothed over about two seconds; zero on the ground and at
 * taxi speeds, where the track is not defined well enough. */
static void update_drift(pilot *p, const double *v)
{
    const double t = v[p->in.t], x = v[p->in.rwy_x], y = v[p->in.rwy_y];
    if (p->drift_valid && t > p->drift_t && v[p->in.wow] <= 0.5 && v[p->in.gs] > 30.0) {
        const double dt = t - p->drift_t;
        const double track_deg = p->rwy->heading_true_deg +
                                 trig_atan2(y - p->drift_y_ft, x - p->drift_x_ft) * DEG_PER_RAD;
        const double d = wrap180(track_deg - v[p->in.heading]);
        if (fabs(d) < 30.0)
            p->drift_deg += (d - p->drift_deg) * fmin(1.0, dt / 2.0);
    } else if (v[p->in.wow] > 0.5) {
        p->drift_deg = 0.0;
    }
    p->drift_x_ft = x;
    p->drift_y_ft = y;
    p->drift_t = t;
    p->drift_valid = !isnan(x) && !isnan(y);
}

/* Heading that makes good the centreline's track: the cross-track law
 * gives the track wanted, and the pilot crabs into the wind by the drift
 * (as a pilot lays off drift on final). */
static double centreline_crab_heading(const pilot *p, const double *v, double gain_deg_per_ft, double max_deg)
{
    return centreline_heading(p, v, gain_deg_per_ft, max_deg) - p->drift_deg;
}

/* Steering on the runway with rudder and nose wheel: a heading that closes
 * the offset from the centreline (gain_deg_per_ft, at most max_deg), damped
 * by the yaw rate, and aileron_per_beta degrees of aileron per degree of
 * sideslip (into the wind).  The take-off roll: 0.2 deg/ft, 5 deg, no
 * aileron.  The landing roll-out (FAA-H-8083-3 ch. 9, crosswind
 * after-landing roll): corrections within 3 degrees, because a larger one
 * at speed slews the tyres and their side force, below the centre of
 * gravity, rolls the aircraft onto its downwind wing; the aileron held into
 * the wind, more of it as the speed falls and the sideslip grows. */
static void steer_on_ground(pilot *p, const double *v, double gain_deg_per_ft, double max_deg,
                            double aileron_per_beta, pilot_controls *c)
{
    double hdg_cmd = centreline_heading(p, v, gain_deg_per_ft, max_deg);
    double e = wrap180(hdg_cmd - v[p->in.heading]);
    double cmd = clampd(-0.1 * e + 1.5 * v[p->in.r] * RAD_PER_DEG, -1.0, 1.0);
    c->rudder = cmd;
    c->steer = cmd;
    c->aileron = clampd(aileron_per_beta * v[p->in.beta], -1.0, 1.0);
}

static void fly_takeoff(pilot *p, const lesson_segment *s, double *v, double dt, pilot_controls *c)
{
    c->brake = 0.0;
    c->throttle = isnan(s->throttle) ? 1.0 : s->throttle;
    double pitch_cmd = isnan(s->pitch_deg.v) ? p->gains->takeoff_pitch_deg : s->pitch_deg.v;
    int on_ground = v[p->in.wow] > 0.5;
    if (on_ground && !p->airborne_seen) {
        steer_on_ground(p, v, 0.2, 5.0, 0.0, c);
        if (v[p->in.ias] >= s->vr_kt) {
            double e = pitch_cmd - v[p->in.pitch];
            c->elevator = clampd(-0.15 * e + 0.06 * v[p->in.q], -1.0, 1.0);
            /* the rotation's stick becomes the trim; a fly-by-wire stick
             * commands g, so its trim starts at neutral */
            p->elev_i = p->fbw ? 0.0 : c->elevator;
        } else {
            c->elevator = 0.0;
            p->elev_i = 0.0;
        }
        return;
    }
    if (v[p->in.agl] > 5.0)
        p->airborne_seen = 1;
    c->steer = 0.0;
    fly_lateral(p, v, bank_for_heading(centreline_crab_heading(p, v, 0.05, 10.0), v[p->in.heading], 10.0), dt, c);
    fly_pitch(p, v, pitch_cmd, dt, c);
}

static void fly_approach(pilot *p, const lesson_segment *s, double *v, double dt, pilot_controls *c)
{
    double aim = s->aim_ft + ((p->faults & PILOT_FAULT_LONG) ? 1500.0 : 0.0);
    double tan_g = tan(s->glide_deg * RAD_PER_DEG);
    /* wheels on the path: the recorded height above ground is the
     * reference point's, close enough at these attitudes */
    double alt_cmd = p->rwy->elevation_ft + (aim - v[p->in.rwy_x]) * tan_g;
    double vs_ff = -v[p->in.gs] * MPS_PER_KT / M_PER_FT * 60.0 * tan_g;
    double hdg_cmd = centreline_crab_heading(p, v, 0.03, 20.0);
    fly_lateral(p, v, bank_for_heading(hdg_cmd, v[p->in.heading], 20.0), dt, c);
    fly_vertical(p, s, v, dt, alt_cmd, vs_ff, c);
}

/* A fly-by-wire aircraft's glide to the runway with no engine (a
 * simulated flame-out's final): best-glide speed on the path, then a
 * round-out flown on the load factor all the way to the wheels.  The
 * attitude flare of fly_land begins two seconds of sink above the runway;
 * from a steep idle glide (the JF-17's 3,400 ft/min) a g stick cannot
 * arrest the sink in that, and the aircraft met the runway at 2,800
 * ft/min.  So the round-out begins where the sink, taken off at
 * ROUNDOUT_G, would come down to ROUNDOUT_END_FPS at the wheels, plus
 * ROUNDOUT_LAG_S of the present sink for the load factor to build (about
 * 380 ft there, as the round-out from a jet's idle glide is begun a few
 * hundred feet up); from there the pilot flies the sink that curve asks
 * at the present height, with the load factor
 * n = (1 + a_ff / g + (sink - sink_cmd) / (tau g)) / cos(bank), a_ff the
 * curve's own deceleration. */
#define ROUNDOUT_G 0.15          /* vertical deceleration of the round-out, g */
#define ROUNDOUT_LAG_S 2.0       /* the load factor's build-up, s of sink */
#define ROUNDOUT_END_FPS 4.0     /* the sink at the wheels, ft/s (240 fpm) */
#define ROUNDOUT_TAU_S 4.0       /* closes the curve's sink error in, s (in 2 s
                                    it hunted: docs/lessons.md, jf17/sfo) */
#define ROUNDOUT_WHEELS_FT 6.0   /* the height read with the wheels on the runway */

static void fly_glide_roundout(pilot *p, const lesson_segment *s, const double *v, double dt, pilot_controls *c)
{
    const double a_fps2 = ROUNDOUT_G * G0_MPS2 / M_PER_FT, end = ROUNDOUT_END_FPS;
    double h = fmax(v[p->in.agl] - ROUNDOUT_WHEELS_FT, 0.0), sink = -v[p->in.vs] / 60.0;
    /* the centreline in the short final a steep glide leaves: twice the
     * bank per degree of heading that a long approach uses, as a shallow
     * bank turns a fast aircraft slowly */
    double hdg_err = wrap180(centreline_crab_heading(p, v, 0.03, 20.0) - v[p->in.heading]);
    fly_lateral(p, v, clampd(3.0 * hdg_err, -20.0, 20.0), dt, c);
    if (!p->rounding_out) {
        double h_start = (sink * sink - end * end) / (2.0 * a_fps2) + ROUNDOUT_LAG_S * sink;
        if (sink <= end || h > h_start) {
            fly_vertical(p, s, v, dt, NAN, 0.0, c);
            c->throttle = 0.0;
            return;
        }
        p->rounding_out = 1;
    }
    double sink_cmd = sqrt(end * end + 2.0 * a_fps2 * h);
    /* the curve's deceleration along the path flown: d(sink_cmd)/dt =
     * a sink / sink_cmd above the wheels' height, none below it (where the
     * curve's sink is constant: with the full 0.15 g there the aircraft
     * floated and climbed away from the runway) */
    double a_ff_g = h > 0.0 ? ROUNDOUT_G * fmax(sink, 0.0) / sink_cmd : 0.0;
    double a_g = a_ff_g + (sink - sink_cmd) / ROUNDOUT_TAU_S * M_PER_FT / G0_MPS2;
    double bank = fmin(fabs(v[p->in.roll]), 30.0) * RAD_PER_DEG;
    fly_g(p, v, clampd((1.0 + a_g) / trig_cos(bank), 0.0, 3.0), dt, c);
    c->throttle = 0.0;
}

static void fly_land(pilot *p, const lesson_segment *s, double *v, double dt, pilot_controls *c)
{
    int on_ground = v[p->in.wow] > 0.5;
    c->throttle = 0.0;
    if (!on_ground && isnan(p->touchdown_t)) {
        double h = v[p->in.agl];
        /* the flare starts higher the faster the descent: about two
         * seconds of the sink rate (a glide with no engine) */
        double flare_ft = fmax(p->gains->flare_ft, -2.0 * v[p->in.vs] / 60.0);
        if (s->glide_free && p->fbw) {
            fly_glide_roundout(p, s, v, dt, c);
            return;
        }
        if (h > flare_ft && s->glide_free) {
            /* a glide with no engine: best-glide speed on the pitch,
             * straight ahead along the runway's line */
            fly_lateral(p, v, bank_for_heading(centreline_crab_heading(p, v, 0.03, 20.0), v[p->in.heading], 20.0), dt, c);
            fly_vertical(p, s, v, dt, NAN, 0.0, c);
            c->throttle = 0.0;
            return;
        }
        if (h > flare_ft) {
            fly_approach(p, s, v, dt, c);
            return;
        }
        /* exponential flare: the sink rate proportional to the height */
        double vs_cmd = -(60.0 + 5.0 * h);
        double gamma_cmd = gamma_for_vs(vs_cmd, v[p->in.tas]);
        double pitch_cmd = gamma_cmd + v[p->in.alpha] + clampd(0.01 * (vs_cmd - v[p->in.vs]), -4.0, 4.0);
        fly_pitch(p, v, pitch_cmd, dt, c);
        /* wing low: the rudder lines the nose up with the runway and the
         * bank holds the track (heading + drift) on the centreline.  Up to
         * 12 degrees: a 15 kt crosswind at 60 kt needs about 8, and with
         * 5 the aircraft touched down drifting sideways (its tyres' side
         * force then rolled it onto a wing tip, at about 26 degrees) */
        if (p->fbw && h > FBW_DECRAB_FT) {
            /* a fly-by-wire jet keeps the approach's crab through the flare
             * and takes it off with rudder just above the runway (crab and
             * kick): its stick commands roll rate, and a wing held low from
             * the 30 ft flare at 150 kt let it drift (in 17 kt across: the
             * track 4 deg off the runway's at touch-down, 100 ft off the
             * centreline on the roll-out) */
            fly_lateral(p, v, bank_for_heading(centreline_crab_heading(p, v, 0.03, 20.0), v[p->in.heading], 20.0), dt, c);
            return;
        }
        fly_lateral(p, v, bank_for_heading(centreline_heading(p, v, 0.03, 5.0), v[p->in.heading] + p->drift_deg, 12.0),
                    dt, c);
        c->rudder = clampd(-0.1 * wrap180(p->rwy->heading_true_deg - v[p->in.heading]), -1.0, 1.0);
        if (!p->fbw) /* a fly-by-wire stick commands roll rate: not tried */
            c->aileron = clampd(c->aileron + SLIP_AILERON_PER_DEG * v[p->in.beta], -1.0, 1.0);
        return;
    }
    if (isnan(p->touchdown_t))
        p->touchdown_t = v[p->in.t];
    steer_on_ground(p, v, 0.1, 3.0, p->fbw ? 0.0 : SLIP_AILERON_PER_DEG, c);
    c->elevator = 0.0;
    c->brake = v[p->in.t] - p->touchdown_t > 2.0 ? (isnan(s->brake) ? 1.0 : s->brake) : 0.0;
}

/* The recovery from an unusual attitude (pilot_recover_first); 1 once
 * the aircraft is back: wings within 15 deg of level, the nose between
 * the horizon and 20 deg up. */
static int fly_recovery(pilot *p, const double *v, double dt, pilot_controls *c)
{
    const double phi = v[p->in.roll], theta = v[p->in.pitch], r = v[p->in.r];
    if (fabs(phi) < 15.0 && theta >= 0.0 && theta < 20.0)
        return 1;
    /* the limits the pilot pulls to: well inside the airframe's (the Super
     * Mushak's +6 g; the fly-by-wire limits its own) */
    const double g_pull = p->fbw ? 4.0 : 3.5;
    fly_lateral(p, v, 0.0, dt, c);
    if (theta > 20.0 && fabs(phi) < 90.0) {
        /* nose-high: unload, let the nose fall through, full power */
        fly_g(p, v, 0.5, dt, c);
        c->throttle = p->gains->max_auto_throttle;
    } else if (fabs(phi) > 45.0) {
        /* steeply banked or inverted: a pull would only tighten the
         * spiral; unloaded (to none at all inverted) while the wings come
         * level */
        fly_g(p, v, fabs(phi) > 90.0 ? 0.0 : 1.0, dt, c);
    } else {
        /* wings nearly level: pull to the horizon */
        fly_g(p, v, theta < -5.0 ? g_pull : 1.5, dt, c);
    }
    if (theta < -5.0)
        c->throttle = 0.0; /* nose-low: the speed builds fast */
    if (fabs(r) > 30.0) /* spinning: opposite rudder (positive turns the nose left) */
        c->rudder = r > 0.0 ? 1.0 : -1.0;
    return 0;
}

void pilot_fly(pilot *p, double *v, double dt_s, pilot_controls *c)
{
    p->last_pitch = v[p->in.pitch];
    /* the angle of attack the path laws use, smoothed over a second so an
     * unloading does not drag the pitch target down with it */
    double a = v[p->in.alpha];
    if (isnan(p->alpha_filt))
        p->alpha_filt = a;
    else if (!isnan(a))
        p->alpha_filt += (a - p->alpha_filt) * fmin(1.0, dt_s / 1.0);
    c->elevator = c->aileron = c->rudder = c->throttle = NAN;
    c->flaps = c->gear = c->brake = c->steer = c->speedbrake = NAN;
    double t = v[p->in.t];
    lesson_derived_update(&p->derived, v);
    update_drift(p, v);
    if (!p->ex)
        return;
    if (p->recovering) {
        if (!fly_recovery(p, v, dt_s, c))
            return;
        /* recovered: the exercise from here, its entry values taken now */
        pilot_begin(p, p->ex, v);
    }
    /* the next segment when this one's condition holds or its time ran out */
    while (p->seg < p->ex->nsegments - 1) {
        const lesson_segment *s = &p->ex->segments[p->seg];
        int done = (s->until.nclauses > 0 && lesson_cond_holds(&s->until, v, p->entry)) ||
                   (!isnan(s->max_s) && t - p->seg_t0 >= s->max_s);
        if (!done)
            break;
        p->seg++;
        segment_begin(p, t);
    }
    const lesson_segment *s = &p->ex->segments[p->seg];
    c->flaps = s->flaps;
    c->gear = s->gear;
    c->speedbrake = s->speedbrake;
    if (!isnan(s->brake))
        c->brake = s->brake;
    switch (s->mode) {
    case LMODE_TAKEOFF: fly_takeoff(p, s, v, dt_s, c); break;
    case LMODE_APPROACH: fly_approach(p, s, v, dt_s, c); break;
    case LMODE_LAND: fly_land(p, s, v, dt_s, c); break;
    default: fly_segment(p, s, v, dt_s, c); break;
    }
}
