/*
 * pilot_gains.h - the reference pilot's technique for each kind of
 * aircraft: a conventional light single (stick moves the surfaces) and a
 * fly-by-wire fighter (the stick commands g and roll rate).  The laws are
 * in pilot.c and pilot_runway.c; only the numbers differ.
 */
#ifndef SAQR_TRAIN_PILOT_GAINS_H
#define SAQR_TRAIN_PILOT_GAINS_H

typedef struct pilot_gains {
    double roll_kp, roll_kd, roll_ki;   /* aileron per deg bank error, per deg/s roll rate, trim per deg s */
    int coordinate;                     /* 1: rudder centres the ball (no FBW turn coordination) */
    double pitch_kp, pitch_kq, pitch_ki;/* elevator per deg pitch error, per deg/s pitch rate, trim rate */
    double thr_kp, thr_ki;              /* throttle per kt, per kt s                                  */
    double thr_lead_s;                  /* the throttle flies the airspeed this far ahead on its trend
                                           (the engine's spool-up: power before the speed is reached) */
    double g_kp, g_ki;                  /* elevator per g error, trim rate per g s                    */
    double g_ki_full_kt;                /* g_ki as given at this indicated airspeed and above; below
                                           it scaled with the dynamic pressure, (ias / it)^2, down to
                                           half (0: not scaled)                                        */
    double g_per_stick;                 /* a g-command stick: the g one unit of pull asks for; in a turn
                                           the level turn's g moves the stick with the bank (0: none)    */
    double vs_max_fpm;                  /* altitude captures at most this vertical speed             */
    double max_auto_throttle;           /* the speed hold's limit, of the dry range (1: military)     */
    double takeoff_pitch_deg;           /* rotation attitude when the lesson gives none              */
    double flare_ft;                    /* flare height                                               */
    /* a fly-by-wire aircraft flown in its direct law (the FCS degraded,
     * pilot.h fcs_direct): the stick is a surface, not a g or roll-rate
     * command */
    double direct_flare_ft;             /* flare height                                               */
    double direct_roll_ki;              /* the aileron trim's integral, per deg s of bank error       */
    double flare_touchdown_fpm;         /* the sink the flare aims to touch down at                     */
    double decrab_ft;                   /* crosswind: the approach's crab held through the flare to
                                           this height, then kicked off with rudder (0: taken off with
                                           the wing low from the flare's start)                        */
    double decrab_rudder_per_deg;       /* crosswind: the pedal held into the flare's alignment per
                                           degree of the crab it takes off (0: the heading law alone)   */
    double alpha_max_deg;               /* a pull for g stops at this alpha (short of the stall)     */
    double speed_rate_kps;              /* how fast the pilot changes the speed he flies (kt/s)       */
    double path_speed_rate_kps;         /* the same when the speed is flown on the path (path_by_g)   */
    int path_by_g;                      /* 1: the vertical path flown with the load factor (the stick
                                           of a g-command fly-by-wire), not through the pitch attitude */
    double flare_lead_s;                /* the flare begins this many seconds of the sink rate above
                                           the runway, if that is higher than flare_ft               */
} pilot_gains;

/* The gains for a fly-by-wire aircraft (fbw != 0) or a conventional one. */
const pilot_gains *pilot_gains_for(int fbw);

#endif
