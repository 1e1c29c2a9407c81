/*
 * pilot_runway.c - the reference pilot near the runway (pilot.h): the
 * centreline and the wind's drift, the turn onto final, the take-off
 * roll, the approach on the glide path, the flare or the fly-by-wire
 * round-out from a glide, and the landing roll.  The laws in flight that
 * these build on are in pilot.c (pilot_laws.h).
 *
 * References: FAA-H-8083-3 (Airplane Flying Handbook) ch. 8-9 (approaches
 * and landings, crosswind technique); the F-16's simulated flame-out
 * pattern for the fly-by-wire glide (docs/lessons.md, jf17/sfo).
 * Sign conventions are JSBSim's: nose-up is a negative elevator command,
 * a positive rudder command turns the nose left.
 */
#include <math.h>

#include "math/trig.h"
#include "math/units.h"
#include "train/pilot.h"
#include "train/pilot_gains.h"
#include "train/pilot_laws.h"

/* Aileron held into the wind per degree of sideslip, in the flare's wing
 * low and on the roll-out: the rudder keeps the nose on the runway, the
 * sideslip's rolling moment (dihedral) lifts the upwind wing, and the
 * aileron holds it down (FAA-H-8083-3 ch. 9).  Without it the roll law's
 * proportional term alone could not hold the bank asked for against that
 * moment: in a 14 kt crosswind the Super Mushak touched down with its
 * downwind wing low, drifting. */
#define SLIP_AILERON_PER_DEG 0.05

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
 * the smoothed drift (pilot_update_drift).  At most 10 deg steeper than the
 * bank asked for; within 10 deg of the final heading the centreline's
 * heading law rolls it out. */
double pilot_final_turn_bank(const pilot *p, const double *v, double bank_deg)
{
    double chi = wrap180(v[p->in.heading] - p->rwy->heading_true_deg) * RAD_PER_DEG;
    double d = bank_deg > 0.0 ? 1.0 : -1.0, bank_max = fabs(bank_deg) + 10.0;
    if (fabs(chi) < 10.0 * RAD_PER_DEG || !(v[p->in.gs] > 0.0))
        return pilot_bank_for_heading(pilot_centreline_crab_heading(p, v, 0.03, 20.0), v[p->in.heading], bank_max);
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

/* Centreline: a heading that closes the lateral offset (y right, ft)
 * from the segment's line (the centreline, or line-right-ft= of it: a
 * formation's take-off, each aircraft on its own half of the runway). */
static double centreline_heading(const pilot *p, const double *v, double gain_deg_per_ft, double max_deg)
{
    return p->rwy->heading_true_deg + clampd(-gain_deg_per_ft * (v[p->in.rwy_y] - p->line_right_ft), -max_deg, max_deg);
}

/* The drift angle (ground track minus heading) from the runway position's
 * movement, smoothed over about two seconds; zero on the ground and at
 * taxi speeds, where the track is not defined well enough. */
void pilot_update_drift(pilot *p, const double *v)
{
    const double t = v[p->in.t], x = v[p->in.rwy_x], y = v[p->in.rwy_y];
    if (p->drift_valid && t > p->drift_t && v[p->in.wow] <= 0.5 && v[p->in.gs] > 30.0) {
        const double dt = t - p->drift_t;
        const double track_deg = p->rwy->heading_true_deg +
                                 trig_atan2(y - p->drift_y_ft, x - p->drift_x_ft) * DEG_PER_RAD;
        const double d = wrap180(track_deg - v[p->in.heading]);
        if (fabs(d) < 30.0) {
            p->drift_deg += (d - p->drift_deg) * fmin(1.0, dt / 2.0);
            p->track_deg = isnan(p->track_deg) ? track_deg
                                               : p->track_deg + wrap180(track_deg - p->track_deg) * fmin(1.0, dt / 2.0);
        }
    } else if (v[p->in.wow] > 0.5) {
        p->drift_deg = 0.0;
        p->track_deg = NAN;
    }
    p->drift_x_ft = x;
    p->drift_y_ft = y;
    p->drift_t = t;
    p->drift_valid = !isnan(x) && !isnan(y);
}

/* Heading that makes good the centreline's track: the cross-track law
 * gives the track wanted, and the pilot crabs into the wind by the drift
 * (as a pilot lays off drift on final). */
double pilot_centreline_crab_heading(const pilot *p, const double *v, double gain_deg_per_ft, double max_deg)
{
    return centreline_heading(p, v, gain_deg_per_ft, max_deg) - p->drift_deg;
}

/* The bank that flies that heading, at most max_deg as its intercept. */
static double centreline_bank(const pilot *p, const double *v, double gain_deg_per_ft, double max_deg)
{
    return pilot_bank_for_heading(pilot_centreline_crab_heading(p, v, gain_deg_per_ft, max_deg), v[p->in.heading],
                                  max_deg);
}

/* Rudder (and nose wheel) for heading hdg_cmd: 0.1 a degree of error,
 * damped by 1.5 per rad/s of yaw rate. */
static double heading_rudder(const pilot *p, const double *v, double hdg_cmd)
{
    double e = wrap180(hdg_cmd - v[p->in.heading]);
    return clampd(-0.1 * e + 1.5 * v[p->in.r] * RAD_PER_DEG, -1.0, 1.0);
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
    double cmd = heading_rudder(p, v, centreline_heading(p, v, gain_deg_per_ft, max_deg));
    c->rudder = cmd;
    c->steer = cmd;
    c->aileron = clampd(aileron_per_beta * v[p->in.beta], -1.0, 1.0);
}

/* The stick for pitch attitude pitch_cmd with the wheels on the ground
 * (the rotation, and a fly-by-wire fighter's derotation after landing),
 * before any limit: 0.15 a degree of error, damped by the pitch rate. */
static double ground_pitch_stick(const pilot *p, const double *v, double pitch_cmd)
{
    return -0.15 * (pitch_cmd - v[p->in.pitch]) + 0.06 * v[p->in.q];
}

void pilot_roll_beside_lead(pilot *p, const double *v, double lead_pitch_deg, pilot_controls *c)
{
    steer_on_ground(p, v, 0.2, 5.0, 0.0, c);
    c->brake = 0.0;
    c->elevator = clampd(ground_pitch_stick(p, v, lead_pitch_deg), -1.0, 1.0);
    p->elev_i = p->fbw ? 0.0 : c->elevator; /* as the take-off's rotation */
}

void pilot_fly_takeoff(pilot *p, const lesson_segment *s, double *v, double dt, pilot_controls *c)
{
    /* brake= on a take-off roll is a rejected take-off's braking (throttle
     * closed, still held on the centreline: jf17/rejected-takeoff) */
    c->brake = isnan(s->brake) ? 0.0 : s->brake;
    c->throttle = isnan(s->throttle) ? 1.0 : s->throttle;
    double pitch_cmd = isnan(s->pitch_deg.v) ? p->gains->takeoff_pitch_deg : s->pitch_deg.v;
    int on_ground = v[p->in.wow] > 0.5;
    if (on_ground && !p->airborne_seen) {
        steer_on_ground(p, v, 0.2, 5.0, 0.0, c);
        if (v[p->in.ias] >= s->vr_kt) {
            c->elevator = clampd(ground_pitch_stick(p, v, pitch_cmd), -1.0, 1.0);
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
    pilot_lift_off_lateral(p, v, dt, c);
    pilot_fly_pitch(p, v, pitch_cmd, dt, c);
}

void pilot_lift_off_lateral(pilot *p, const double *v, double dt, pilot_controls *c)
{
    c->steer = 0.0;
    pilot_fly_lateral(p, v, centreline_bank(p, v, 0.05, 10.0), dt, c);
}

void pilot_fly_approach(pilot *p, const lesson_segment *s, double *v, double dt, pilot_controls *c)
{
    double aim = s->aim_ft + ((p->faults & PILOT_FAULT_LONG) ? 1500.0 : 0.0);
    double tan_g = tan(s->glide_deg * RAD_PER_DEG);
    /* wheels on the path: the recorded height above ground is the
     * reference point's, close enough at these attitudes */
    double alt_cmd = p->rwy->elevation_ft + (aim - v[p->in.rwy_x]) * tan_g;
    double vs_ff = -v[p->in.gs] * MPS_PER_KT / M_PER_FT * 60.0 * tan_g;
    double hdg_cmd = pilot_centreline_crab_heading(p, v, 0.03, 20.0);
    pilot_fly_lateral(p, v, pilot_bank_for_heading(hdg_cmd, v[p->in.heading], 20.0), dt, c);
    pilot_fly_vertical(p, s, v, dt, alt_cmd, vs_ff, c);
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

/* A flame-out final flown high, its energy taken off with the speed brake
 * (energy="speedbrake"), as a pilot keeps the aim point still in the
 * windscreen: the brake is set by the line of sight to the aim point,
 * none when it is no steeper than the clean glide (ENERGY_CLEAN_DEG), all
 * of it when it is as steep as the glide with the brake out
 * (ENERGY_BRAKE_DEG), in between in proportion, moving at most
 * ENERGY_BRAKE_RATE of its travel a second (faster, the speed sagged
 * below the band as it came out: the fly-by-wire holds the speed by the
 * pitch, slowly).  The two glides are the JF-17 model's at 200 KCAS, gear
 * and flap down (the only aircraft with a speed brake and a flame-out
 * lesson; another would need its own).  Below ENERGY_HOLD_FT and in the
 * round-out the brake is held where it is: the round-out's float is the
 * touch-down's, not the aim's.  A final that is low has no brake to take
 * in: the turn must leave it high (the judged turn's margin). */
#define ENERGY_CLEAN_DEG 9.5
#define ENERGY_BRAKE_DEG 11.2
#define ENERGY_BRAKE_RATE 0.15
#define ENERGY_HOLD_FT 500.0

static void glide_energy_brake(pilot *p, const lesson_segment *s, const double *v, double dt, pilot_controls *c)
{
    const double h = v[p->in.agl], to_go_ft = s->aim_ft - v[p->in.rwy_x];
    if (!p->rounding_out && h > ENERGY_HOLD_FT && to_go_ft > 0.0) {
        double los_deg = trig_atan2(h, to_go_ft) * DEG_PER_RAD;
        double want = clampd((los_deg - ENERGY_CLEAN_DEG) / (ENERGY_BRAKE_DEG - ENERGY_CLEAN_DEG), 0.0, 1.0);
        double step = ENERGY_BRAKE_RATE * dt;
        p->energy_brake += clampd(want - p->energy_brake, -step, step);
    }
    c->speedbrake = p->energy_brake;
}

static void fly_glide_roundout(pilot *p, const lesson_segment *s, const double *v, double dt, pilot_controls *c)
{
    if (s->energy_speedbrake)
        glide_energy_brake(p, s, v, dt, c);
    const double a_fps2 = ROUNDOUT_G * G0_MPS2 / M_PER_FT, end = ROUNDOUT_END_FPS;
    double h = fmax(v[p->in.agl] - ROUNDOUT_WHEELS_FT, 0.0), sink = -v[p->in.vs] / 60.0;
    /* the centreline in the short final a steep glide leaves: 0.045 deg
     * of heading a foot off it (0.03: the simulated flame-out's finals in
     * a crosswind strayed past 100 ft; 0.06 hunted at the touch-down), and
     * twice the bank per degree of heading that a long approach uses, as
     * a shallow bank turns a fast aircraft slowly */
    double hdg_err = wrap180(pilot_centreline_crab_heading(p, v, 0.045, 20.0) - v[p->in.heading]);
    pilot_fly_lateral(p, v, clampd(3.0 * hdg_err, -20.0, 20.0), dt, c);
    if (!p->rounding_out) {
        double h_start = (sink * sink - end * end) / (2.0 * a_fps2) + ROUNDOUT_LAG_S * sink;
        if (sink <= end || h > h_start) {
            pilot_fly_vertical(p, s, v, dt, NAN, 0.0, c);
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
    pilot_fly_g(p, v, clampd((1.0 + a_g) / trig_cos(bank), 0.0, 3.0), dt, c);
    c->throttle = 0.0;
}

/* A fly-by-wire fighter's roll-out.  The nose is lowered to the runway
 * after the main wheels touch, at DEROTATION_DPS, on the take-off law's
 * gains: released at the landing attitude, a g stick holds the wing at its
 * angle of attack, and in ground effect, at a fighter's touch-down speed,
 * that lifted the aircraft off again (aircraft/jf17/README.md,
 * Aerodynamics).  On the ground the stick drives the ailerons directly:
 * the wings held level (ROLLOUT_AILERON_PER_DEG of bank, damped by the
 * roll rate) with the aileron into the wind as for a conventional
 * aircraft; the rudder and nose wheel on the centreline.  Off the ground
 * again (a bounce), wings level on the roll-rate law and the nose still
 * coming down, so that it settles (FAA-H-8083-3 ch. 9, "Bounced landing":
 * hold a normal attitude, keep the wings level and the aircraft aligned). */
#define DEROTATION_DPS 6.0
#define ROLLOUT_AILERON_PER_DEG 0.05
#define ROLLOUT_AILERON_PER_DPS 0.02
#define ROLLOUT_MAX_PULL 0.3
static void fbw_rollout(pilot *p, const double *v, int on_ground, double dt, pilot_controls *c)
{
    double pitch_cmd = fmax(0.0, p->touchdown_pitch_deg - DEROTATION_DPS * (v[p->in.t] - p->touchdown_t));
    if (on_ground) {
        steer_on_ground(p, v, 0.1, 3.0, SLIP_AILERON_PER_DEG, c);
        c->aileron = clampd(c->aileron - ROLLOUT_AILERON_PER_DEG * v[p->in.roll] - ROLLOUT_AILERON_PER_DPS * v[p->in.p],
                            -1.0, 1.0);
    } else {
        pilot_fly_lateral(p, v, 0.0, dt, c);
        c->rudder = heading_rudder(p, v, p->rwy->heading_true_deg);
        c->steer = 0.0;
    }
    /* never more than a little back stick: on the ground it cushions the
     * nose wheel (the main gear's reaction already brings the nose down),
     * and in the air after a bounce a pull is more g, which climbs */
    c->elevator = clampd(ground_pitch_stick(p, v, pitch_cmd), on_ground ? -ROLLOUT_MAX_PULL : 0.0, 1.0);
}

void pilot_fly_land(pilot *p, const lesson_segment *s, double *v, double dt, pilot_controls *c)
{
    int on_ground = v[p->in.wow] > 0.5;
    c->throttle = 0.0;
    if (!on_ground && isnan(p->touchdown_t)) {
        double h = v[p->in.agl];
        /* the flare starts higher the faster the descent: a few seconds
         * of the sink rate (a glide with no engine, a heavy jet's faster
         * approach) */
        double flare_ft = fmax(p->fcs_direct ? p->gains->direct_flare_ft : p->gains->flare_ft,
                               -p->gains->flare_lead_s * v[p->in.vs] / 60.0);
        if (s->glide_free && p->gains->path_by_g) { /* a g stick: the round-out on the load factor */
            fly_glide_roundout(p, s, v, dt, c);
            return;
        }
        if (h > flare_ft && s->glide_free) {
            /* a glide with no engine: best-glide speed on the pitch,
             * straight ahead along the runway's line */
            pilot_fly_lateral(p, v, centreline_bank(p, v, 0.03, 20.0), dt, c);
            pilot_fly_vertical(p, s, v, dt, NAN, 0.0, c);
            c->throttle = 0.0;
            return;
        }
        if (h > flare_ft) {
            pilot_fly_approach(p, s, v, dt, c);
            return;
        }
        /* exponential flare: the sink rate proportional to the height */
        double vs_cmd = -(p->gains->flare_touchdown_fpm + 5.0 * h);
        double gamma_cmd = pilot_gamma_for_vs(vs_cmd, v[p->in.tas]);
        double pitch_cmd = gamma_cmd + v[p->in.alpha] + clampd(0.01 * (vs_cmd - v[p->in.vs]), -4.0, 4.0);
        pilot_fly_pitch(p, v, pitch_cmd, dt, c);
        /* wing low: the rudder lines the nose up with the runway and the
         * bank holds the track (heading + drift) on the centreline.  Up to
         * 12 degrees: a 15 kt crosswind at 60 kt needs about 8, and with
         * 5 the aircraft touched down drifting sideways (its tyres' side
         * force then rolled it onto a wing tip, at about 26 degrees) */
        if (h > p->gains->decrab_ft && p->gains->decrab_ft > 0.0) {
            /* crab and kick (pilot_gains.h decrab_ft): the approach's crab
             * kept through the flare, taken off with rudder just above the
             * runway */
            pilot_fly_lateral(p, v, centreline_bank(p, v, 0.03, 20.0), dt, c);
            return;
        }
        /* the track as seen, not heading + drift: the drift, smoothed over
         * 2 s, lags the heading as the rudder swings the nose, and the
         * bank then chased a track 4-6 deg upwind of the real one */
        double track_deg = isnan(p->track_deg) ? v[p->in.heading] + p->drift_deg : p->track_deg;
        pilot_fly_lateral(p, v, pilot_bank_for_heading(centreline_heading(p, v, 0.03, 5.0), track_deg, 12.0), dt, c);
        /* the pedal the crab asks for, held from the start of the
         * alignment (the sideslip the nose on the runway leaves is about
         * that crab), the heading law trimming it */
        if (isnan(p->decrab_crab_deg))
            p->decrab_crab_deg = p->drift_deg;
        c->rudder = clampd(heading_rudder(p, v, p->rwy->heading_true_deg) -
                               p->gains->decrab_rudder_per_deg * p->decrab_crab_deg, -1.0, 1.0);
        if (!p->fbw) /* a fly-by-wire stick commands roll rate: not tried */
            c->aileron = clampd(c->aileron + SLIP_AILERON_PER_DEG * v[p->in.beta], -1.0, 1.0);
        return;
    }
    if (isnan(p->touchdown_t)) {
        p->touchdown_t = v[p->in.t];
        p->touchdown_pitch_deg = v[p->in.pitch];
    }
    if (p->fbw)
        fbw_rollout(p, v, on_ground, dt, c);
    else {
        steer_on_ground(p, v, 0.1, 3.0, SLIP_AILERON_PER_DEG, c);
        c->elevator = 0.0;
    }
    c->brake = v[p->in.t] - p->touchdown_t > 2.0 ? (isnan(s->brake) ? 1.0 : s->brake) : 0.0;
}
