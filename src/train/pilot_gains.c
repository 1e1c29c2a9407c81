/*
 * pilot_gains.c - the reference pilot's numbers (see pilot_gains.h).
 * Tuned by flying the lessons: each set gives well-damped captures of
 * bank, pitch, altitude and speed on its aircraft.
 */
#include "train/pilot_gains.h"

static const pilot_gains conventional = {
    .roll_kp = 0.04, .roll_kd = 0.01, .roll_ki = 0.01, .coordinate = 1,
    .pitch_kp = 0.05, .pitch_kq = 0.02, .pitch_ki = 0.02,
    .thr_kp = 0.1, .thr_ki = 0.02,
    .g_kp = 0.2, .g_ki = 0.4,
    .vs_max_fpm = 1000.0, .max_auto_throttle = 1.0,
    .takeoff_pitch_deg = 8.0, .flare_ft = 15.0, .speed_rate_kps = 1.0,
    .alpha_max_deg = 13.5, /* clean stall 16 deg (aircraft README) */
    /* the Super Mushak holds 8.5 deg of sideslip (a 13 kt crosswind at
     * 60 kt) with about half its rudder: with the heading law alone
     * (0.1 a degree) the nose stayed 4-5 deg into the wind at touch-down */
    .decrab_rudder_per_deg = 0.05,
};

static const pilot_gains fly_by_wire = {
    .roll_kp = 0.012, .roll_kd = 0.002, .roll_ki = 0.0, .coordinate = 0,
    /* the stick commands about 6 g per unit: a soft attitude loop with
     * strong damping, else the flight-path loop (whose gain grows as
     * 1/V) oscillates below 200 kt and hunts +-1 g at 350 kt */
    .pitch_kp = 0.02, .pitch_kq = 0.04, .pitch_ki = 0.005,
    .thr_kp = 0.02, .thr_ki = 0.004,
    .g_kp = 0.1, .g_ki = 0.4, /* unloads from full aft stick in about 2 s */
    .vs_max_fpm = 6000.0, .max_auto_throttle = 0.99,
    .takeoff_pitch_deg = 10.0, .flare_ft = 30.0, .speed_rate_kps = 5.0,
    /* a roll-rate stick did not hold the wing low from the 30 ft flare at
     * 150 kt: in 17 kt across the jet drifted 4 deg off the runway's track
     * and 100 ft off the centreline; 8 ft is the height read (the JF-17's
     * reference point is about 5 ft up on its wheels) */
    .decrab_ft = 8.0,
    /* a flame-out's zoom from 300 kt to the glide speed flown at 5 kt/s
     * undershoots it by 25 kt (the path lags the speed); at 2.5 kt/s the
     * speed is within 6.3 kt of it from 40 s on */
    .path_speed_rate_kps = 2.5,
    .alpha_max_deg = 90.0, /* the flight control system limits alpha itself */
    /* an attitude loop closed around the g command hunts on the glide
     * path (+-700 fpm at 12 s after a disturbance); the load factor
     * itself damps the path (pilot.c, path_g) */
    .path_by_g = 1,
};

const pilot_gains *pilot_gains_for(int fbw)
{
    return fbw ? &fly_by_wire : &conventional;
}
