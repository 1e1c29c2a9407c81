/*
 * pilot_laws.h - the reference pilot's control laws shared between its
 * two files: the laws in flight (pilot.c) and those near the runway
 * (pilot_runway.c).  Internal to the pilot; pilot.h is its interface.
 */
#ifndef SAQR_TRAIN_PILOT_LAWS_H
#define SAQR_TRAIN_PILOT_LAWS_H

#include <math.h>

#include "train/pilot.h"

static inline double clampd(double x, double lo, double hi)
{
    return x < lo ? lo : (x > hi ? hi : x);
}

/* An angle's difference wrapped to -180..180 deg. */
static inline double wrap180(double d)
{
    return lesson_angle_step_deg(0.0, d);
}

/* A turn to final with an aim point (aim-ft= on a <fly course="runway"
 * bank-deg>) with the throttle the pilot's: a powered one, begun at once
 * and descending to the glide path; with it closed, a glide's, begun
 * when judged (pilot_glide.c). */
static inline int turn_to_final_is_powered(const lesson_segment *s)
{
    return !isnan(s->aim_ft) && s->throttle != 0.0;
}

/* pilot.c: laws in flight */

/* Bank (deg) that turns to the heading hdg_cmd, at most max_bank. */
double pilot_bank_for_heading(double hdg_cmd, double hdg, double max_bank);
/* Rudder that centres the ball (none on a fly-by-wire aircraft). */
double pilot_ball_rudder(const pilot *p, const double *v);
/* Aileron (and the ball's rudder) for the bank phi_cmd. */
void pilot_fly_lateral(pilot *p, const double *v, double phi_cmd, double dt, pilot_controls *c);
/* Elevator for the pitch attitude theta_cmd, within the alpha limit. */
void pilot_fly_pitch(pilot *p, const double *v, double theta_cmd, double dt, pilot_controls *c);
/* Elevator for the normal load factor g_cmd, within the alpha limit. */
void pilot_fly_g(pilot *p, const double *v, double g_cmd, double dt, pilot_controls *c);
/* Throttle, proportional-integral on an airspeed error (kt; the gains
 * per dry range of the lever), at most max_thr. */
void pilot_fly_throttle(pilot *p, double err_kt, double dt, double max_thr, pilot_controls *c);
/* Flight-path angle (deg) of a vertical speed (fpm) at true airspeed. */
double pilot_gamma_for_vs(double vs_fpm, double tas_kt);
/* The segment's vertical path (altitude alt_cmd, NAN for none, with the
 * feed-forward vs_ff) and speed: elevator and throttle. */
void pilot_fly_vertical(pilot *p, const lesson_segment *s, const double *v, double dt, double alt_cmd, double vs_ff,
                  pilot_controls *c);

/* pilot_runway.c: near the runway */

/* The drift (track - heading) seen from the runway position's movement. */
void pilot_update_drift(pilot *p, const double *v);
/* Heading that makes good the extended centreline's track (crabbed). */
double pilot_centreline_crab_heading(const pilot *p, const double *v, double gain_deg_per_ft, double max_deg);
/* The ground track (true, deg) and the ground speed squared (m^2/s^2)
 * now: the air's velocity along the heading with the steady wind's - the
 * drift as a pilot sees it over the ground, without the smoothing lag of
 * the runway-position track.  *gs2_m2ps2 may be NULL. */
double pilot_ground_track_deg(const pilot *p, const double *v, double *gs2_m2ps2);
/* Bank of a turn onto final that rolls out on the centreline. */
double pilot_final_turn_bank(const pilot *p, const double *v, double bank_deg);
/* pilot_glide.c: a glide's judgement */

/* The sink rate and the wind along the runway, as the pilot reads them. */
void pilot_update_glide(pilot *p, const double *v, double dt);
/* Height (ft) to spare, or short (< 0), if segment s's gliding turn to
 * final at bank_deg began now and the final glided on to its aim point,
 * the glide flown at ias_kt (NAN: the airspeed flown); HUGE_VAL while
 * nothing can be judged yet. */
double pilot_glide_margin_ft(const pilot *p, const double *v, const lesson_segment *s, double bank_deg, double ias_kt);
/* The vertical speed (fpm) of a powered turn to final (segment s: aim-ft
 * and glide-deg, the throttle not closed) that rolls out at bank_deg on
 * the glide path to the aim point; NAN while there is no turn to fly. */
double pilot_turn_to_path_vs(const pilot *p, const double *v, const lesson_segment *s, double bank_deg);
void pilot_fly_takeoff(pilot *p, const lesson_segment *s, double *v, double dt, pilot_controls *c);
void pilot_fly_approach(pilot *p, const lesson_segment *s, double *v, double dt, pilot_controls *c);
void pilot_fly_land(pilot *p, const lesson_segment *s, double *v, double dt, pilot_controls *c);
/* pilot_formation.c: station kept on a lead (<formation>) */
void pilot_fly_formation(pilot *p, const lesson_segment *s, const double *v, double dt, pilot_controls *c);
/* A formation's take-off roll (pilot_formation.c): rudder and nose wheel
 * on the segment's line of the runway, the brakes off, the stick on the
 * lead's pitch attitude (the nose raised as the lead raises its own). */
void pilot_roll_beside_lead(pilot *p, const double *v, double lead_pitch_deg, pilot_controls *c);
/* Just off the runway (a take-off's climb): the segment's line of the
 * runway held with the bank (at most 10 deg), the nose wheel straight. */
void pilot_lift_off_lateral(pilot *p, const double *v, double dt, pilot_controls *c);

#endif
