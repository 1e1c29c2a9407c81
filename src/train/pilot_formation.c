/*
 * pilot_formation.c - the reference pilot keeping station on a lead
 * (<formation ahead-ft= right-ft= above-ft=>): the wingman's technique
 * as formation flying is taught - the lead's bank matched, the lateral
 * spacing fixed with small changes of heading about the lead's, the
 * fore-and-aft position with the power, the step with the pitch, each
 * correction small and smooth - flown on the aircraft's place in the
 * lead's frame (the channels form-ahead-ft, form-right-ft and
 * form-above-ft, sortie_lead.c) and how fast it moves there.  The laws
 * underneath are the pilot's own (pilot.c: bank, vertical path, power);
 * the closing times and limits below are this file's choices, set so
 * that a join is flown without overshooting the station.
 *
 * A formation take-off (the lesson and its lead starting side by side on
 * the runway): on the roll the aircraft keeps its own line of the runway
 * (line-right-ft=) with the rudder and nose wheel, the fore-and-aft
 * place with the power as in the air, and raises its nose as the lead
 * raises its own; once airborne the station is flown as above.
 */
#include <math.h>

#include "math/units.h"
#include "train/pilot_gains.h"
#include "train/pilot_laws.h"

/* Closing a gap: the rate wanted is the gap over these seconds, at most
 * the limits (ft/s) - a smooth join, not a dive at the lead. */
#define CLOSE_S_ALONG 8.0
#define CLOSE_S_ACROSS 6.0
#define CLOSE_S_STEP 5.0
#define MAX_RATE_ALONG_FPS 20.0
#define MAX_RATE_ACROSS_FPS 15.0
#define MAX_RATE_STEP_FPS 12.0
/* Heading off the lead's for the lateral rate wanted: the geometry
 * (asin of the rate over the speed) plus this gain on the rate's error,
 * within MAX_CUT_DEG (a "cut" towards or away from the lead). */
#define CUT_GAIN_DEG_PER_FPS 0.3
#define MAX_CUT_DEG 15.0
/* The power flies the relative speed this far ahead on the airspeed's
 * trend: the engine and the drag take seconds to change the speed, and a
 * power change that waited for the gap overshot it (the inside of a
 * turn: slowed 12 kt below the station's speed at idle). */
#define SPEED_LEAD_S 2.0
/* The altitude fault in formation: the wingman rides this far above its
 * station throughout, rather than drifting 4 ft/s from each exercise's
 * start as elsewhere (pilot.h) - at that rate it rose 200 ft in an
 * exercise, and each new exercise's descent and climb again in the turns
 * cost the power the outside of a turn needs, so that it fell behind as
 * well. */
#define FAULT_HIGH_FT 60.0
/* The rates are seen over about this long (the eye's smoothing). */
#define RATE_SMOOTH_S 0.5

/* The place's rates in the lead's frame (ft/s) and the lead's turn rate
 * (rad/s, right positive), smoothed; NAN until a second frame. */
static void update_rates(pilot *p, const double *place, double lead_hdg, double lead_ias, double t)
{
    const double dt = t - p->form_last_t;
    for (int k = 0; k < 3; k++) {
        if (dt > 0.0 && isfinite(p->form_last[k]) && isfinite(place[k])) {
            const double rate = (place[k] - p->form_last[k]) / dt;
            p->form_rate_fps[k] = isfinite(p->form_rate_fps[k])
                                      ? p->form_rate_fps[k] + (rate - p->form_rate_fps[k]) * fmin(1.0, dt / RATE_SMOOTH_S)
                                      : rate;
        }
        p->form_last[k] = place[k];
    }
    if (dt > 0.0 && isfinite(p->lead_hdg_last) && isfinite(lead_hdg)) {
        const double turn = wrap180(lead_hdg - p->lead_hdg_last) * RAD_PER_DEG / dt;
        p->lead_turn_rps = isfinite(p->lead_turn_rps) ? p->lead_turn_rps + (turn - p->lead_turn_rps) *
                                                                               fmin(1.0, dt / RATE_SMOOTH_S)
                                                      : turn;
    }
    /* the lead's airspeed trend, over a second as the aircraft's own
     * (pilot.c ias_trend_kps) */
    if (dt > 0.0 && isfinite(p->lead_ias_last_kt) && isfinite(lead_ias)) {
        const double trend = (lead_ias - p->lead_ias_last_kt) / dt;
        p->lead_ias_trend_kps = isfinite(p->lead_ias_trend_kps)
                                    ? p->lead_ias_trend_kps + (trend - p->lead_ias_trend_kps) * fmin(1.0, dt / 1.0)
                                    : 0.0;
    }
    p->lead_ias_last_kt = lead_ias;
    p->lead_hdg_last = lead_hdg;
    p->form_last_t = t;
}

/* A rate that closes `gap` in about close_s, at most max_fps. */
static double closing_rate(double gap, double close_s, double max_fps)
{
    return clampd(gap / close_s, -max_fps, max_fps);
}

/* Along: the power, on the closure rate wanted (a knot of closure is a
 * knot of airspeed relative to the lead's); omega the lead's turn rate
 * its bank shows (rad/s). */
static void keep_place_along(pilot *p, const lesson_segment *s, const double *place, double omega, double trend_kps,
                             double dt, pilot_controls *c)
{
    const double want_along = closing_rate(s->station_ahead_ft - place[0], CLOSE_S_ALONG, MAX_RATE_ALONG_FPS);
    /* the lead's bank leads its heading: the turn's drift (omega * right)
     * is met with power as the lead rolls in or out, before the heading's
     * rate shows it */
    const double ahead_of_turn = (omega - p->lead_turn_rps) * place[1];
    const double err_kt =
        (want_along - p->form_rate_fps[0] - (isfinite(ahead_of_turn) ? ahead_of_turn : 0.0)) * M_PER_FT / MPS_PER_KT -
        SPEED_LEAD_S * trend_kps;
    pilot_fly_throttle(p, err_kt, dt, p->gains->max_auto_throttle * p->throttle_mil, c);
}

void pilot_fly_formation(pilot *p, const lesson_segment *s, const double *v, double dt, pilot_controls *c)
{
    const pilot_inputs *in = &p->in;
    if (in->form_ahead < 0)
        return; /* no lead flown: the controls stay as they are */
    const double place[3] = {v[in->form_ahead], v[in->form_right], v[in->form_above]};
    const double lead_hdg = v[in->lead_heading], lead_roll = v[in->lead_roll], lead_alt = v[in->lead_alt];
    update_rates(p, place, lead_hdg, v[in->lead_ias], v[in->t]);
    if (v[in->wow] > 0.5 && !p->airborne_seen) { /* the take-off roll beside the lead */
        pilot_roll_beside_lead(p, v, v[in->lead_pitch], c);
        /* the power set as the brakes come off (the lead's, or a little
         * more), then trimmed on the closure: a power law that started
         * from idle was seconds, and so some knots, behind the lead all
         * the way to the lift-off.  Not on the airspeed's trend: both
         * aircraft accelerate, and the trend held the power back */
        if (p->form_power_due && !isnan(s->throttle))
            p->thr_i = s->throttle; /* the lever, as a segment's throttle= is everywhere */
        p->form_power_due = 0;
        p->form_off_ground = 1;
        c->throttle = p->thr_i;
        if (isfinite(place[0]) && isfinite(p->form_rate_fps[0]))
            keep_place_along(p, s, place, 0.0, 0.0, dt, c);
        return;
    }
    if (v[in->agl] > 5.0)
        p->airborne_seen = 1;
    if (!isfinite(place[0]) || !isfinite(place[1]) || !isfinite(place[2]) || !isfinite(lead_hdg) ||
        !isfinite(p->form_rate_fps[0])) {
        /* the first frame: wings level, the pitch held */
        pilot_fly_lateral(p, v, 0.0, dt, c);
        pilot_fly_pitch(p, v, v[in->pitch], dt, c);
        return;
    }
    const double *rate = p->form_rate_fps;
    const double tas_fps = fmax(v[in->tas], 30.0) * MPS_PER_KT / M_PER_FT;

    /* the lead's turn rate, rad/s (right positive), as its bank shows it
     * in a coordinated turn - seen as the lead rolls, before its heading
     * moves.  In the lead's turning frame the aircraft drifts by the
     * turn: ahead at omega * right, right at -omega * ahead (behind the
     * lead in a turn it is carried inwards unless it holds off) */
    const double omega = G0_MPS2 / M_PER_FT * tan(clampd(lead_roll, -70.0, 70.0) * RAD_PER_DEG) / tas_fps;

    /* across: a cut off the lead's heading, into the turn at the lead's
     * rate; the bank of that rate at the aircraft's own speed */
    const double want_across = closing_rate(s->station_right_ft - place[1], CLOSE_S_ACROSS, MAX_RATE_ACROSS_FPS);
    const double carried = -omega * place[0];
    const double cut_deg = clampd(asin(clampd((want_across - carried) / tas_fps, -0.5, 0.5)) * DEG_PER_RAD +
                                      CUT_GAIN_DEG_PER_FPS * (want_across - rate[1]),
                                  -MAX_CUT_DEG, MAX_CUT_DEG);
    const double bank_ff = atan(omega * tas_fps * M_PER_FT / G0_MPS2) * DEG_PER_RAD;
    double bank = bank_ff + 1.5 * wrap180(lead_hdg + cut_deg - v[in->heading]);
    if (p->faults & PILOT_FAULT_BANK)
        bank *= 1.13;
    if (p->form_off_ground) {
        /* just off the runway: its own line, as the lead holds its own
         * (the same law as the lead's take-off, so that the torque's roll
         * at the lift-off takes both aircraft alike; chasing the lead's
         * heading, swung by that roll, doubled it and closed the spacing
         * 16 ft) */
        pilot_lift_off_lateral(p, v, dt, c);
    } else {
        pilot_fly_lateral(p, v, clampd(bank, -s->max_bank_deg, s->max_bank_deg), dt, c);
    }

    /* up and down: the lead's climb or descent, and the step closed */
    double alt_cmd = lead_alt + s->station_above_ft;
    if (p->faults & PILOT_FAULT_ALTITUDE) /* rides high */
        alt_cmd += FAULT_HIGH_FT;
    const double want_up_fps = closing_rate(alt_cmd - v[in->alt], CLOSE_S_STEP, MAX_RATE_STEP_FPS);
    if (p->form_off_ground || fabs(lead_roll) < 10.0) {
        /* wings level: on the lead's pitch attitude (a wingman's
         * reference), raised or lowered by the angle that makes the
         * step's rate.  In a formation take-off's climb-out the path law
         * below took its angle of attack from the ground roll's and
         * over-rotated to 15 deg against the lead's 9, lost 6 kt and fell
         * 100 ft behind; in a turn the pitch of the lead's bank is not
         * the aircraft's, and the path law holds the step better */
        const double lead_pitch = v[in->lead_pitch];
        const double step_deg = atan((want_up_fps - rate[2]) / tas_fps) * DEG_PER_RAD;
        pilot_fly_pitch(p, v, lead_pitch + clampd(step_deg, -5.0, 5.0), dt, c);
    } else {
        const double lead_vs_fps = v[in->vs] / 60.0 - rate[2];
        if (p->form_path_of != s) { /* the segment as the path law flies it, once */
            p->form_path = *s;
            p->form_path.vs_fpm.from_entry = 0;
            p->form_path.ias_kt.v = p->form_path.mach.v = p->form_path.throttle = NAN; /* the power: below */
            p->form_path_of = s;
        }
        p->form_path.vs_fpm.v = 60.0 * (lead_vs_fps + want_up_fps);
        pilot_fly_vertical(p, &p->form_path, v, dt, NAN, 0.0, c);
    }

    /* the airspeed's trend leads the power, but not in a formation
     * take-off's climb-out, where both aircraft still accelerate */
    /* the airspeed's trend relative to the lead's: both accelerate in a
     * formation's climb-out or as the lead's flaps come up, and the
     * aircraft's own trend alone held its power back then */
    const double rel_trend_kps = p->ias_trend_kps - (isfinite(p->lead_ias_trend_kps) ? p->lead_ias_trend_kps : 0.0);
    keep_place_along(p, s, place, omega, p->form_off_ground ? 0.0 : rel_trend_kps, dt, c);
}
