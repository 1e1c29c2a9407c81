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
    .takeoff_pitch_deg = 8.0, .flare_ft = 15.0, .flare_touchdown_fpm = 60.0, .speed_rate_kps = 1.0,
    .alpha_max_deg = 13.5, /* clean stall 16 deg (aircraft README) */
    /* the Super Mushak holds 8.5 deg of sideslip (a 13 kt crosswind at
     * 60 kt) with about half its rudder: with the heading law alone
     * (0.1 a degree) the nose stayed 4-5 deg into the wind at touch-down */
    .decrab_rudder_per_deg = 0.05,
    .flare_lead_s = 2.0, /* a glide with no engine: about 1,000 ft/min */
};



static const pilot_gains fly_by_wire = {
    .roll_kp = 0.012, .roll_kd = 0.002, .roll_ki = 0.0, .coordinate = 0,
    /* the stick commands about 6 g per unit: a soft attitude loop with
     * strong damping, else the flight-path loop (whose gain grows as
     * 1/V) oscillates below 200 kt and hunts +-1 g at 350 kt */
    .pitch_kp = 0.02, .pitch_kq = 0.04, .pitch_ki = 0.005,
    .thr_kp = 0.02, .thr_ki = 0.004,
    /* a turbofan takes seconds to spool up: slowing to the downwind's 170
     * kt with gear, flap and speed brake at 2.5 kt/s, a throttle that
     * waited for the speed left the jet at idle until 170 and it sank to
     * 158 before the thrust came; the pilot powers up on the trend */
    .thr_lead_s = 2.0,
    .g_kp = 0.1, .g_ki = 0.4, /* unloads from full aft stick in about 2 s */
    /* the flight control system's own integral path is slowed at low
     * dynamic pressure (the JF-17's fcs/fbw/u-integral), so the pilot's
     * trim loop closed around it must be slower too: with the full 0.4 at
     * 150 kt the heavy jet's approach hunted +-600 fpm with a 7.5 s period
     * (alpha 6.5-15 deg) and flew into the runway at full fuel; half of it
     * there holds the path within 110 fpm (docs/lessons.md) */
    .g_ki_full_kt = 212.0,
    /* the JF-17's stick asks 7 g a unit of pull (fcs/fbw/dn-cmd): the
     * level turn's g at the bank flown is moved onto the stick with the
     * bank (pilot.c, bank_g_feedforward) */
    .g_per_stick = 7.0,
    .vs_max_fpm = 6000.0, .max_auto_throttle = 1.0,
    .takeoff_pitch_deg = 10.0, .flare_ft = 30.0,
    /* the direct law (the FCS degraded): nothing holds the pitch
     * attitude, so the flare begins higher, more gently (from 30 ft it
     * touched down at 579 ft/min in calm air, under 600 in 53 of 100
     * dispersed landings); a wing held low in a sideslip takes a steady
     * aileron, which the roll-rate stick never needed (docs/campaigns.md,
     * jf17-fcs-degraded) */
    .direct_flare_ft = 45.0, .direct_roll_ki = 0.01,
    /* a fighter is flown onto the runway firmly ("firmly but under 600
     * ft/min", the lessons' briefings): aimed at 60 ft/min, like the light
     * trainer, the jet levelled off a foot above the runway, ballooned and
     * floated 1,400 ft (the overhead's long landings in a crosswind).
     * 150 until the JF-17's ground effect (2026-12-06), whose cushion
     * then floated the jet long in tailwinds (the overhead's touch-down
     * inside its zone in 87 of 100 sorties of docs/campaigns.md's survey,
     * 98 at 200); at 200 without the cushion the 22 kt crosswind landing
     * touched down before its kick was done, with it the kick is done in
     * time */
    .flare_touchdown_fpm = 200.0, .speed_rate_kps = 5.0,
    /* a roll-rate stick did not hold the wing low from the 30 ft flare at
     * 150 kt: in 17 kt across the jet drifted 4 deg off the runway's track
     * and 100 ft off the centreline.  The height read is the reference
     * point's, about 5 ft up on the wheels: kicked at 8 ft, the firmer
     * flare above met the runway before the nose was straight in 22 kt
     * across (heading 5 deg off); at 11 ft it is aligned */
    .decrab_ft = 11.0,
    /* a flame-out's zoom from 300 kt to the glide speed flown at 5 kt/s
     * undershoots it by 25 kt (the path lags the speed); at 2.5 kt/s the
     * speed is within 6.3 kt of it from 40 s on */
    .path_speed_rate_kps = 2.5,
    .alpha_max_deg = 90.0, /* the flight control system limits alpha itself */
    /* an attitude loop closed around the g command hunts on the glide
     * path (+-700 fpm at 12 s after a disturbance); the load factor
     * itself damps the path (pilot.c, path_g) */
    .path_by_g = 1,
    /* a heavier jet flies a faster approach (its speed for the weight,
     * lessons' "150@7600kg") and sinks faster on the same path: the
     * flare begins 2.25 s of the sink above the runway (30 ft at the
     * 7,600 kg jet's 800 ft/min).  With the fixed 30 ft, the jf17/landing
     * of docs/campaigns.md's dispersion passed its sink rate in 93.0% of
     * 400 landings, the heavy ones hardest; at 2.25 s 98.5%, at 2.5 s the
     * float took the touch-down point to 83% */
    .flare_lead_s = 2.25,
};

const pilot_gains *pilot_gains_for(int fbw)
{
    return fbw ? &fly_by_wire : &conventional;
}
