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
 * Near the runway (the take-off, the approach and the landing, the turn
 * onto final): pilot_runway.c, on the laws here (pilot_laws.h).
 * Sign conventions are JSBSim's: nose-up is a negative elevator command,
 * a positive rudder command turns the nose left.
 */
#include "train/pilot.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "math/trig.h"
#include "math/units.h"
#include "train/pilot_gains.h"
#include "train/pilot_laws.h"
#include "train/wind_correction.h"

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
    p->track_deg = NAN;
    p->sink_fps = p->wind_x_fps = p->energy_ft = NAN;
    p->g_bank_t = NAN;
    p->ias_last_kt = NAN;
    p->throttle_mil = 1.0;
    lesson_derived_inputs din = {in->t, in->heading, in->roll, in->lat, in->lon, in->tas, in->wind_from, in->wind_kt};
    lesson_derived_init(&p->derived, nv - LESSON_NDERIVED, &din);
    p->entry = calloc((size_t)nv, sizeof *p->entry);
    return p->entry ? 0 : -1;
}

void pilot_set_throttle_mil(pilot *p, double lever)
{
    p->throttle_mil = lever;
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
    p->touchdown_pitch_deg = NAN;
    p->decrab_crab_deg = NAN;
    p->rounding_out = 0;
    p->glide_turning = 0;
    p->glide_hold_deg = NAN;
    p->energy_brake = 0.0;
    for (int k = 0; k < 3; k++)
        p->form_last[k] = p->form_rate_fps[k] = NAN;
    p->form_last_t = p->lead_hdg_last = p->lead_turn_rps = p->lead_ias_last_kt = p->lead_ias_trend_kps = NAN;
    p->form_power_due = 1;
    p->form_path_of = NULL;
    p->form_off_ground = 0;
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

void pilot_begin(pilot *p, const lesson_exercise *ex, const lesson_leg *leg, const double *v)
{
    p->recovering = p->recover_next && unusual_attitude(p, v);
    p->recover_next = 0;
    p->ex = ex;
    p->seg = 0;
    p->ex_t0 = v[p->in.t];
    memcpy(p->entry, v, (size_t)p->nv * sizeof *v);
    p->leg_plan = leg ? leg : &ex->leg;
    lesson_derived_begin(&p->derived, p->entry, p->leg_plan, &ex->around);
    /* take the controls as they are: the integrators start at the trim */
    if (!isnan(v[p->in.elevator]))
        p->elev_i = v[p->in.elevator];
    if (!isnan(v[p->in.throttle]))
        p->thr_i = v[p->in.throttle];
    segment_begin(p, v[p->in.t]);
}

void pilot_resume(pilot *p, const double *v)
{
    if (!isnan(v[p->in.elevator]))
        p->elev_i = v[p->in.elevator];
    if (!isnan(v[p->in.throttle]))
        p->thr_i = v[p->in.throttle];
    p->ail_i = 0.0;
    p->ias_last_kt = p->alpha_filt = p->track_deg = NAN;
    p->drift_valid = 0;
    segment_begin(p, v[p->in.t]);
    if (p->ex)
        p->seg_t0 = v[p->in.t]; /* the segment's time from the rejoin */
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
           isnan(s->pitch_deg.v) && isnan(s->elevator) && isnan(s->g) && !s->g_level && !s->g_pullout &&
           isnan(s->alpha_deg);
}

/* The segment's share (gust_share, half on an approach) of the gust
 * factor in force, kt: what a pilot adds to the approach speed in gusty
 * air (FAA-H-8083-3C, Airplane Flying Handbook, ch. 9, "Approaches and
 * landings in turbulent air"), so that a lull does not leave the aircraft
 * slow near the ground.  None by default on a glide with no engine, flown
 * at its best-glide speed. */
static double gust_addition_kt(const pilot *p, const lesson_segment *s, const double *v)
{
    double gust_kt = v[p->in.gust];
    return s->gust_share > 0.0 && gust_kt > 0.0 ? s->gust_share * gust_kt : 0.0;
}

/* In gusts the throttle answers a quarter as much to the airspeed on an
 * approach: the pilot does not chase the needle (FAA-H-8083-3C ch. 9).
 * At full gain each gust took the power off and its lull left the
 * aircraft slow while the engine spooled up (2-4 s): in the crosswind
 * landing campaign a quarter of the approaches went below the speed's
 * band; at half gain 11%, at a quarter 7%. */
#define GUST_THROTTLE_SHARE 0.25

/* The airspeed the pilot aims at now: the segment's target approached at
 * a comfortable rate, as a pilot changes speed (no throttle slam). */
static double speed_reference(pilot *p, const lesson_segment *s, const double *v, double dt, double alt_cmd)
{
    double target_kt = isnan(s->ias_kt.v) ? NAN : lesson_value_at(&s->ias_kt, p->in.ias, p->entry);
    if (isnan(target_kt))
        return NAN;
    target_kt += gust_addition_kt(p, s, v);
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

/* Rudder that centres the ball: positive sideslip wants the nose right
 * (a fly-by-wire aircraft coordinates its own turns).  0.15 a degree: at
 * 0.08 the Super Mushak, its rudder power set from Part 60's generic
 * rudder response, slipped 0.6 deg in a 30-degree gliding turn (0.44 deg
 * now). */
double pilot_ball_rudder(const pilot *p, const double *v)
{
    return p->gains->coordinate ? clampd(-0.15 * v[p->in.beta], -1.0, 1.0) : 0.0;
}

/* Bank to hold (deg) for a heading target: 1.5 deg a degree of error. */
double pilot_bank_for_heading(double hdg_cmd, double hdg, double max_bank)
{
    return clampd(1.5 * wrap180(hdg_cmd - hdg), -max_bank, max_bank);
}

void pilot_fly_lateral(pilot *p, const double *v, double phi_cmd, double dt, pilot_controls *c)
{
    const pilot_gains *k = p->gains;
    double phi = v[p->in.roll], rate = v[p->in.p];
    /* the integrator trims out the engine's torque; not while rolling in
     * or out.  A fly-by-wire stick commands a roll rate, so its pilot
     * needs none, until the laws are lost: the direct law's stick is an
     * aileron, and a wing held low in a sideslip takes a steady one */
    double ki = p->fcs_direct ? k->direct_roll_ki : k->roll_ki;
    if (fabs(phi_cmd - phi) < 3.0)
        p->ail_i = clampd(p->ail_i + ki * (phi_cmd - phi) * dt, -0.3, 0.3);
    c->aileron = clampd(p->ail_i + k->roll_kp * (phi_cmd - phi) - k->roll_kd * rate, -1.0, 1.0);
    c->rudder = pilot_ball_rudder(p, v);
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
void pilot_fly_pitch(pilot *p, const double *v, double theta_cmd, double dt, pilot_controls *c)
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
double pilot_gamma_for_vs(double vs_fpm, double tas_kt)
{
    double v_fpm = fmax(tas_kt, 30.0) * MPS_PER_KT / M_PER_FT * 60.0;
    return asin(clampd(vs_fpm / v_fpm, -0.5, 0.5)) * DEG_PER_RAD;
}

void pilot_fly_throttle(pilot *p, double err_kt, double dt, double max_thr, pilot_controls *c)
{
    const pilot_gains *k = p->gains;
    const double lever = p->throttle_mil; /* the gains are per dry range */
    p->thr_i = clampd(p->thr_i + lever * k->thr_ki * err_kt * dt, 0.0, max_thr);
    c->throttle = clampd(p->thr_i + lever * k->thr_kp * err_kt, 0.0, max_thr);
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
        p->gamma_i = pilot_gamma_for_vs(v[p->in.vs], v[p->in.tas]);
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
    double gamma_cmd = isnan(vs_cmd) ? 0.0 : pilot_gamma_for_vs(vs_cmd, v[p->in.tas]);
    pitch_cmd = gamma_cmd + p->alpha_filt * trig_cos(v[p->in.roll] * RAD_PER_DEG);
    /* a slow correction of the vertical speed error, which the kinematic
     * pitch leaves (alpha lags) */
    if (!isnan(vs_cmd))
        pitch_cmd += clampd(0.004 * (vs_cmd - v[p->in.vs]), -3.0, 3.0);
    return pitch_cmd;
}

/* Elevator for a normal load factor (g), with the trim integrator. */
void pilot_fly_g(pilot *p, const double *v, double g_cmd, double dt, pilot_controls *c)
{
    /* never past the pilot's own alpha limit: a pull at low speed is
     * flown on the buffet, not into the stall */
    if (v[p->in.alpha] > p->gains->alpha_max_deg) {
        fly_alpha(p, v, p->gains->alpha_max_deg, dt, c);
        return;
    }
    double e = g_cmd - v[p->in.nz], q = v[p->in.q];
    const pilot_gains *k = p->gains;
    double ki = k->g_ki;
    if (k->g_ki_full_kt > 0.0 && v[p->in.ias] < k->g_ki_full_kt) {
        double r = v[p->in.ias] / k->g_ki_full_kt;
        ki *= fmax(r * r, 0.5);
    }
    p->elev_i = clampd(p->elev_i - ki * e * dt, -1.0, 1.0);
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

/* The pull-out of a dive (g="pull-out"): the load factor that levels
 * off at the altitude alt_cmd.  An arc from the flight-path angle gamma
 * (< 0) to level at speed V loses R (1 - cos gamma) of height, R =
 * V^2 / (g (n - cos gamma)), so with h above the target
 * n = cos gamma + V^2 (1 - cos gamma) / (g h); worked out again every
 * frame, it is flown as the pilot sees the ground come up.  Within
 * PULLOUT_MIN_G .. PULLOUT_MAX_G: never a lazy pull that lets the dive
 * run on and the speed build (from 2.5 g the JF-17's loop steepened,
 * gathered speed and, pulling 6.5 g, still levelled off 1,100 ft low;
 * from 5 g the heavy jet exited up to 1,600 ft high), never past the
 * lesson's 7 g margin.  With a fixed 5 g that loop exited 8,700-11,500
 * ft, light to heavy; with this law 9,570-9,830. */
#define PULLOUT_MIN_G 4.0
#define PULLOUT_MAX_G 6.5

static double pullout_g(const pilot *p, const double *v, double alt_cmd)
{
    const double fps_per_kt = MPS_PER_KT / M_PER_FT, g = G0_MPS2 / M_PER_FT;
    double V = fmax(v[p->in.tas], 30.0) * fps_per_kt;
    double sin_gamma = clampd(v[p->in.vs] / 60.0 / V, -1.0, 1.0);
    double cos_gamma = sqrt(1.0 - sin_gamma * sin_gamma), h = v[p->in.alt] - alt_cmd;
    if (sin_gamma >= 0.0)
        return PULLOUT_MIN_G; /* level already: the segment's end is near */
    if (!(h > 0.0))
        return PULLOUT_MAX_G;
    return clampd(cos_gamma + V * V * (1.0 - cos_gamma) / (g * h), PULLOUT_MIN_G, PULLOUT_MAX_G);
}

/* A g-command stick in a turn that holds its height or its path: the g
 * a level turn needs at the bank flown, 1 / cos(bank), is a known stick
 * position, moved with the bank rather than waited for from the trim
 * (rolling out of the overhead break's 60 deg the trim still held its 2 g
 * and the jet climbed 90 ft).  Only the bank's share: the path's
 * corrections (gusts among them) stay the g loop's.  A glide's speed flown
 * on the path (speed_on_path) takes none: its path follows the speed. */
static void bank_g_feedforward(pilot *p, const double *v, double dt)
{
    double g_bank = 1.0 / trig_cos(fmin(fabs(v[p->in.roll]), 75.0) * RAD_PER_DEG);
    if (p->gains->g_per_stick > 0.0 && fabs(v[p->in.t] - p->g_bank_t - dt) < 0.5 * dt)
        p->elev_i -= (g_bank - p->g_bank_last) / p->gains->g_per_stick;
    p->g_bank_last = g_bank;
    p->g_bank_t = v[p->in.t];
}

/* The vertical path, then the throttle: it holds the speed when the
 * pitch holds the path. */
void pilot_fly_vertical(pilot *p, const lesson_segment *s, const double *v, double dt, double alt_cmd, double vs_ff,
                        pilot_controls *c)
{
    int speed_on_pitch = 0;
    p->ias_now = speed_reference(p, s, v, dt, alt_cmd);
    if (!isnan(s->elevator))
        c->elevator = p->elev_i = s->elevator;
    else if (!isnan(s->g))
        pilot_fly_g(p, v, s->g, dt, c);
    else if (s->g_pullout && !isnan(alt_cmd))
        pilot_fly_g(p, v, pullout_g(p, v, alt_cmd), dt, c);
    else if (s->g_level) {
        bank_g_feedforward(p, v, dt);
        pilot_fly_g(p, v, path_g(p, v, isnan(alt_cmd) ? 0.0 : capture_vs(p, v, alt_cmd, 0.0)), dt, c);
    }
    else if (!isnan(s->alpha_deg))
        fly_alpha(p, v, s->alpha_deg, dt, c);
    else {
        double vs_path;
        double pitch_cmd = path_pitch(p, s, v, dt, alt_cmd, vs_ff, &speed_on_pitch, &vs_path);
        if (p->gains->path_by_g && !isnan(vs_path)) {
            if (!speed_on_pitch)
                bank_g_feedforward(p, v, dt);
            pilot_fly_g(p, v, path_g(p, v, vs_path), dt, c);
        }
        else
            pilot_fly_pitch(p, v, pitch_cmd, dt, c);
    }
    double ias_cmd = p->ias_now, mach_cmd = target(p, &s->mach, p->in.mach);
    double max_thr = p->gains->max_auto_throttle * p->throttle_mil;
    if (!isnan(s->throttle))
        c->throttle = p->thr_i = s->throttle;
    else if (!isnan(ias_cmd) && !speed_on_pitch)
        pilot_fly_throttle(p,
                     (ias_cmd - v[p->in.ias] - p->gains->thr_lead_s * p->ias_trend_kps) *
                         (gust_addition_kt(p, s, v) > 0.0 ? GUST_THROTTLE_SHARE : 1.0),
                     dt, max_thr, c);
    else if (!isnan(mach_cmd))
        pilot_fly_throttle(p, 600.0 * (mach_cmd - v[p->in.mach]), dt, max_thr, c);
}


/* A gliding turn to final with an aim point (aim-ft= on a <fly
 * course="runway" bank-deg>) waits, holding its heading (or track), until
 * the pilot judges that the turn and the final will just reach the point
 * (pilot_glide.c); 1 once it has begun. */
static int glide_turn_begun(pilot *p, const lesson_segment *s, const double *v, double bank_deg)
{
    if (p->glide_turning || isnan(s->aim_ft) || isnan(bank_deg) || turn_to_final_is_powered(s))
        return 1; /* a powered turn to final begins at once (turn_to_path) */
    /* judged at the bank the turn would be flown at from here: steeper or
     * shallower for the wind across the runway (pilot_final_turn_bank) */
    double bank_then = pilot_final_turn_bank(p, v, bank_deg);
    if (pilot_glide_margin_ft(p, v, s, bank_then, target(p, &s->ias_kt, p->in.ias)) > 0.0)
        return 0;
    p->glide_turning = 1;
    return 1;
}

/* A powered turn to final (aim-ft= on a <fly course="runway" bank-deg>,
 * the throttle not closed): the descent that rolls out on the glide path
 * to the aim point (pilot_turn_to_path_vs) as the altitude held and its
 * feed-forward; within 15 deg of the runway's heading, the path itself,
 * as an approach flies it. */
static void turn_to_path(const pilot *p, const lesson_segment *s, const double *v, double bank_deg, double *alt_cmd,
                         double *vs_ff)
{
    double tan_g = tan(s->glide_deg * RAD_PER_DEG);
    if (fabs(wrap180(v[p->in.heading] - p->rwy->heading_true_deg)) < 15.0) {
        *alt_cmd = p->rwy->elevation_ft + (s->aim_ft - v[p->in.rwy_x]) * tan_g;
        *vs_ff = -v[p->in.gs] * MPS_PER_KT / M_PER_FT * 60.0 * tan_g;
        return;
    }
    double vs = pilot_turn_to_path_vs(p, v, s, bank_deg);
    if (!isnan(vs)) {
        *alt_cmd = v[p->in.alt];
        *vs_ff = fmin(vs, 0.0);
    }
}

/* A leg of the route: the ground track that brings the aircraft back onto
 * its course, LEG_INTERCEPT_DEG_PER_NM of intercept a mile off it, up to
 * LEG_INTERCEPT_MAX_DEG: the flight log's heading with a correction
 * back onto the line drawn on the map, found by pilotage (at 128 kt an
 * offset halves in about 100 s, and the 0.6 nm a 120-degree turn at a
 * checkpoint overshoots asks for 6 degrees, well within the 15 graded).
 * NAN before the leg's cross-track is known (the heading then left as it
 * is). */
#define LEG_INTERCEPT_DEG_PER_NM 10.0
#define LEG_INTERCEPT_MAX_DEG 20.0
#define LEG_CLOSE_INTERCEPT_MAX_DEG 30.0 /* with intercept-deg-per-nm= */

static double leg_track(const pilot *p, const double *v)
{
    double xtk = v[LESSON_CH_XTK(p->derived.nch)];
    const lesson_leg *leg = p->derived.leg;
    if (!p->ex || !leg || isnan(xtk))
        return NAN;
    const lesson_segment *s = &p->ex->segments[p->seg];
    const double k = isnan(s->intercept_deg_per_nm) ? LEG_INTERCEPT_DEG_PER_NM : s->intercept_deg_per_nm;
    const double lim = isnan(s->intercept_deg_per_nm) ? LEG_INTERCEPT_MAX_DEG : LEG_CLOSE_INTERCEPT_MAX_DEG;
    return leg->course_deg + clampd(-k * xtk, -lim, lim);
}

/* pilot_laws.h: the ground track from the air's velocity and the steady
 * wind's - the drift a pilot reads over the ground, not the recorded
 * track-deg, which gusts and turbulence shake frame by frame (the circle's
 * bank would shake with it). */
double pilot_ground_track_deg(const pilot *p, const double *v, double *gs2_m2ps2)
{
    const double tas_mps = v[p->in.tas] * MPS_PER_KT;
    double hs, hc;
    trig_sincos(v[p->in.heading] * RAD_PER_DEG, &hs, &hc);
    double gn = tas_mps * hc, ge = tas_mps * hs;
    const double wind_mps = v[p->in.wind_kt] * MPS_PER_KT, from = v[p->in.wind_from];
    if (wind_mps > 0.0 && isfinite(from)) { /* the wind blows from `from` */
        double ws, wc;
        trig_sincos(from * RAD_PER_DEG, &ws, &wc);
        gn -= wind_mps * wc;
        ge -= wind_mps * ws;
    }
    if (gs2_m2ps2)
        *gs2_m2ps2 = gn * gn + ge * ge;
    return trig_atan2(ge, gn) * DEG_PER_RAD;
}

/* A circle about the exercise's point (circle=, turns around a point and
 * S-turns; FAA-H-8083-3C, Airplane Flying Handbook, ch. 7): the bank of a
 * circle of the radius at the ground speed now, steepest downwind, with
 * a correction onto the ground track that closes on the circle -
 * CIRCLE_CLOSE_DEG of track a radius of error, up to CIRCLE_CLOSE_MAX_DEG
 * - CIRCLE_TRACK_GAIN deg of bank a degree of track error, up to
 * CIRCLE_TRACK_MAX_DEG (a roll reversal's transient is not chased).  The
 * ground track and speed are the air's velocity with the steady wind's,
 * known to the pilot as the drift seen over the ground.  To hold a ground
 * circle of radius R the air's acceleration across the track, V w
 * cos(drift), is Vg^2 / R, so tan(bank) = V w / g = Vg^2 / (g R cos
 * drift).  NAN before the point and the position are known. */
#define CIRCLE_CLOSE_DEG 60.0
#define CIRCLE_CLOSE_MAX_DEG 30.0
#define CIRCLE_TRACK_GAIN 1.0
#define CIRCLE_TRACK_MAX_DEG 8.0
#define CIRCLE_MAX_BANK_DEG 43.0 /* inside the handbook's steepest, 45, by a roll's overshoot */

static double circle_bank(const pilot *p, const lesson_segment *s, const double *v)
{
    const lesson_derived *d = &p->derived;
    const double r_nm = v[LESSON_CH_POINT_NM(d->nch)], radius_nm = p->ex->around.radius_nm;
    const double tas_mps = v[p->in.tas] * MPS_PER_KT;
    if (p->faults & PILOT_FAULT_DRIFT) /* the still-air circle: the wind not allowed for */
        return (double)s->circle_dir * trig_atan2(tas_mps * tas_mps, G0_MPS2 * radius_nm * M_PER_NMI) * DEG_PER_RAD;
    if (!d->has_point || !isfinite(r_nm) || !isfinite(d->point_bearing_deg) || !(tas_mps > 0.0))
        return NAN;
    double gs2;
    const double track = pilot_ground_track_deg(p, v, &gs2);
    const double drift = wrap180(track - v[p->in.heading]);
    const double dir = (double)s->circle_dir;
    const double close = clampd(CIRCLE_CLOSE_DEG * (r_nm - radius_nm) / radius_nm, -CIRCLE_CLOSE_MAX_DEG,
                                CIRCLE_CLOSE_MAX_DEG);
    const double want = d->point_bearing_deg + dir * (90.0 + close);
    const double ff = trig_atan2(gs2, G0_MPS2 * radius_nm * M_PER_NMI * trig_cos(drift * RAD_PER_DEG)) * DEG_PER_RAD;
    const double correction = clampd(CIRCLE_TRACK_GAIN * wrap180(want - track), -CIRCLE_TRACK_MAX_DEG,
                                     CIRCLE_TRACK_MAX_DEG);
    return clampd(dir * ff + correction, -CIRCLE_MAX_BANK_DEG, CIRCLE_MAX_BANK_DEG);
}

static void fly_segment(pilot *p, const lesson_segment *s, double *v, double dt, pilot_controls *c)
{
    double bank_cmd = target(p, &s->bank_deg, p->in.roll);
    int turn_waits = s->course_runway && !glide_turn_begun(p, s, v, bank_cmd);
    /* the centreline as a localizer far out (0.01 deg/ft, intercepts up to
     * 30 deg); a glide's final, 15 s from the turn to the round-out and
     * flown by the runway picture, closes an offset in about 6 s (0.08
     * deg/ft): at 0.01 (a time constant of 50 s at 70 kt) the power-off
     * 180 in a 10 kt crosswind held a track 67 ft off the centreline down
     * to the round-out, at 0.03 it was 41 ft off there */
    int glide_final = s->throttle == 0.0;
    double hdg_cmd = s->course_runway && !turn_waits
                         ? pilot_centreline_crab_heading(p, v, glide_final ? 0.08 : 0.01, glide_final ? 20.0 : 30.0)
                         : target(p, &s->heading_deg, p->in.heading);
    if (turn_waits) {
        bank_cmd = NAN;
        if (isnan(hdg_cmd)) { /* the heading flown when the segment began */
            if (isnan(p->glide_hold_deg))
                p->glide_hold_deg = v[p->in.heading];
            hdg_cmd = p->glide_hold_deg;
        }
    }
    if (s->course_leg)
        hdg_cmd = (p->faults & PILOT_FAULT_DRIFT) && p->derived.leg ? p->derived.leg->course_deg : leg_track(p, v);
    if ((s->heading_is_track || s->course_leg) && !isnan(hdg_cmd) && !(s->course_runway && !turn_waits) &&
        !(p->faults & PILOT_FAULT_DRIFT))
        hdg_cmd -= p->drift_deg; /* the drift laid off */
    if (s->wind_factor > 0.0 && !isnan(hdg_cmd)) /* a multiple of the steady wind's correction */
        hdg_cmd += s->wind_factor * wind_correction_deg(hdg_cmd, v[p->in.tas], v[p->in.wind_from], v[p->in.wind_kt]);
    double alt_cmd = target(p, &s->alt_ft, p->in.alt);
    if (s->circle_dir)
        bank_cmd = circle_bank(p, s, v);
    if (!isnan(bank_cmd) && (p->faults & PILOT_FAULT_BANK))
        bank_cmd *= 1.13;
    if (!isnan(alt_cmd) && (p->faults & PILOT_FAULT_ALTITUDE))
        alt_cmd += 4.0 * (v[p->in.t] - p->ex_t0);
    if (!isnan(bank_cmd) && s->course_runway)
        bank_cmd = pilot_final_turn_bank(p, v, bank_cmd);
    double vs_ff = 0.0;
    if (s->course_runway && turn_to_final_is_powered(s) && !isnan(bank_cmd))
        turn_to_path(p, s, v, bank_cmd, &alt_cmd, &vs_ff);
    double phi_cmd = !isnan(bank_cmd) ? bank_cmd
                   : !isnan(hdg_cmd) ? pilot_bank_for_heading(hdg_cmd, v[p->in.heading], s->max_bank_deg) : 0.0;
    if (!isnan(s->aileron)) {
        c->aileron = s->aileron;
        c->rudder = pilot_ball_rudder(p, v);
    } else if (s->wings_free) {
        /* through a loop: the wings level with the horizon, upright or
         * inverted; near the vertical (where bank means nothing) only the
         * roll rate is damped */
        double phi = v[p->in.roll];
        double err = fabs(phi) <= 90.0 ? -phi : lesson_angle_step_deg(phi, 180.0);
        double k = fabs(v[p->in.pitch]) < 60.0 ? p->gains->roll_kp : 0.0;
        c->aileron = clampd(k * err - p->gains->roll_kd * v[p->in.p], -1.0, 1.0);
        c->rudder = pilot_ball_rudder(p, v);
    } else {
        pilot_fly_lateral(p, v, phi_cmd, dt, c);
    }
    if (!isnan(s->rudder)) /* pedals held: a spin's entry and recovery */
        c->rudder = s->rudder;
    pilot_fly_vertical(p, s, v, dt, alt_cmd, vs_ff, c);
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
    pilot_fly_lateral(p, v, 0.0, dt, c);
    if (theta > 20.0 && fabs(phi) < 90.0) {
        /* nose-high: unload, let the nose fall through, full power */
        pilot_fly_g(p, v, 0.5, dt, c);
        c->throttle = p->gains->max_auto_throttle * p->throttle_mil;
    } else if (fabs(phi) > 45.0) {
        /* steeply banked or inverted: a pull would only tighten the
         * spiral; unloaded (to none at all inverted) while the wings come
         * level */
        pilot_fly_g(p, v, fabs(phi) > 90.0 ? 0.0 : 1.0, dt, c);
    } else {
        /* wings nearly level: pull to the horizon */
        pilot_fly_g(p, v, theta < -5.0 ? g_pull : 1.5, dt, c);
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
    if (!isnan(p->ias_last_kt) && dt_s > 0.0 && !isnan(v[p->in.ias]))
        p->ias_trend_kps += ((v[p->in.ias] - p->ias_last_kt) / dt_s - p->ias_trend_kps) * fmin(1.0, dt_s / 1.0);
    p->ias_last_kt = v[p->in.ias];
    pilot_update_drift(p, v);
    pilot_update_glide(p, v, dt_s);
    if (!p->ex)
        return;
    if (p->recovering) {
        if (!fly_recovery(p, v, dt_s, c))
            return;
        /* recovered: the exercise from here, its entry values taken now */
        pilot_begin(p, p->ex, p->leg_plan, v);
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
    p->line_right_ft = s->line_right_ft;
    switch (s->mode) {
    case LMODE_TAKEOFF: pilot_fly_takeoff(p, s, v, dt_s, c); break;
    case LMODE_APPROACH: pilot_fly_approach(p, s, v, dt_s, c); break;
    case LMODE_LAND: pilot_fly_land(p, s, v, dt_s, c); break;
    case LMODE_FORMATION: pilot_fly_formation(p, s, v, dt_s, c); break;
    default: fly_segment(p, s, v, dt_s, c); break;
    }
}
