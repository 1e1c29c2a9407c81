/*
 * pilot.h - the reference pilot: flies an exercise's segments (lesson.h)
 * with proportional-integral laws on the pilot's controls, as a competent
 * pilot would; and its degraded variants, each with one known fault
 * (overbanking, altitude drift, a long landing, trusting a failed
 * instrument), used to prove that the
 * grader fails exactly the element the fault breaks.
 */
#ifndef SAQR_TRAIN_PILOT_H
#define SAQR_TRAIN_PILOT_H

#include "train/airport.h"
#include "train/lesson.h"

enum {
    PILOT_FAULT_BANK = 1,     /* bank targets overshot by 13%               */
    PILOT_FAULT_ALTITUDE = 2, /* altitude targets drift 4 ft/s             */
    PILOT_FAULT_LONG = 4,     /* aims 1,500 ft further down the runway      */
    PILOT_FAULT_INSTRUMENTS = 8, /* believes the cockpit's instruments, a
                                 failed one too (the caller feeds it them:
                                 sortie.c)                                */
    PILOT_FAULT_DRIFT = 16    /* makes no allowance for the wind: a ground
                                 track (a leg, track-deg=) flown as its
                                 heading, a circle about a point at the
                                 still-air bank of its radius            */
};

/* Indices of the channels the pilot reads (into the value vector). */
typedef struct pilot_inputs {
    int t, alt, agl, ias, tas, mach, vs, pitch, roll, heading, alpha, beta, p, q, r, wow, rwy_x, rwy_y, gs, elevator,
        throttle, nz, gust, wind_from, wind_kt, lat, lon;
    /* a formation's lead (<formation>): its altitude, heading, bank,
     * pitch and airspeed, and the aircraft's place in its frame (-1: not
     * flown) */
    int lead_alt, lead_heading, lead_roll, lead_pitch, lead_ias, form_ahead, form_right, form_above;
} pilot_inputs;

/* What the pilot commands; NAN leaves a control as it is. */
typedef struct pilot_controls {
    double elevator, aileron, rudder, throttle, flaps, gear, brake, steer, speedbrake;
} pilot_controls;

typedef struct pilot {
    int faults;
    int fbw;                  /* fly-by-wire: the stick commands g and roll rate */
    int fcs_direct;           /* the fly-by-wire is in its direct law (the
                                 FCS degraded): set by the caller each step */
    const struct pilot_gains *gains; /* the technique for this kind of aircraft */
    pilot_inputs in;
    const airport_runway *rwy;/* the sortie's runway (pilot_set_runway)    */
    const lesson_exercise *ex;
    const lesson_leg *leg_plan; /* the leg it flies (a diversion's as called) */
    int seg;
    double seg_t0, ex_t0;
    double *entry;            /* values when the exercise began (owned)    */
    int nv;
    double elev_i, thr_i;     /* integrators                               */
    double throttle_mil;      /* the lever at military power (1: no reheat
                                 range; pilot_set_throttle_mil)            */
    double g_bank_last, g_bank_t; /* a level turn's g at the bank last flown,
                                 and when (the bank's stick feed-forward) */
    double ail_i;             /* aileron trim                              */
    double pitch_i;           /* speed-on-pitch: the pitch it settles on   */
    double gamma_i;           /* speed-on-path (fly-by-wire): the flight-path
                                 angle it settles on, deg (NAN: not yet)  */
    double last_pitch;        /* pitch attitude at the last frame          */
    double ias_ref;           /* airspeed aimed at, moving to the target   */
    double ias_now;           /* this frame's speed reference (NAN: none)  */
    double ias_trend_kps;     /* the airspeed's trend, kt/s, over a second */
    double ias_last_kt;       /* last frame's airspeed (NAN: none)         */
    double alpha_filt;        /* angle of attack smoothed over a second    */
    double thr;               /* last throttle                             */
    lesson_derived derived;   /* the exercise's ex-time, turn and roll     */
    int airborne_seen;
    double line_right_ft;     /* the segment's line along the runway, ft
                                 right of the centreline (line-right-ft=) */
    int event_due;            /* the segment's event is still to be sent   */
    double touchdown_t;       /* time of touchdown in a <land> segment      */
    double touchdown_pitch_deg; /* the pitch attitude then                  */
    double decrab_crab_deg;   /* the crab the flare's alignment began from
                                 (NAN: not begun this segment)            */
    int rounding_out;         /* a fly-by-wire glide's round-out has begun */
    /* wind drift: the ground track's angle to the heading, seen as a pilot
     * sees it (the runway picture sliding sideways), smoothed */
    double drift_deg;         /* track - heading, deg                      */
    double track_deg;         /* the ground track, true, deg, smoothed as
                                 drift_deg is (NAN: none seen yet)        */
    double drift_x_ft, drift_y_ft, drift_t; /* last runway position, time  */
    int drift_valid;
    /* a glide's judgement (pilot_glide.c) */
    double sink_fps;          /* the total energy's sink rate (height plus
                                 speed), ft/s, smoothed over 3 s          */
    double energy_ft;         /* last frame's total energy height (NAN)    */
    double wind_x_fps;        /* wind along the runway (+: towards its far
                                 end), smoothed over 4 s (NAN: none seen) */
    int glide_turning;        /* the segment's gliding turn has begun      */
    double glide_hold_deg;    /* heading held until then (NAN: not taken)  */
    double energy_brake;      /* the speed brake a flame-out final flies
                                 (energy="speedbrake"), 0..1               */
    /* station keeping (pilot_formation.c): the place in the lead's frame
     * last frame and its rates, ft/s, smoothed (NAN: none yet) */
    double form_last[3], form_rate_fps[3], form_last_t;
    double lead_ias_last_kt, lead_ias_trend_kps; /* the lead's airspeed last
                                 frame, and its trend over a second (NAN:
                                 none yet)                                */
    double lead_hdg_last, lead_turn_rps; /* the lead's heading last frame, and
                                 its turn rate, rad/s (NAN: none yet)     */
    /* the path law's segment for a <formation> (its vertical speed set
     * each frame, the rest taken once: form_path_of, NULL at a segment's
     * start) */
    lesson_segment form_path;
    const lesson_segment *form_path_of;
    int form_power_due;       /* a formation segment's throttle= is still
                                 to be set (at the brakes' release)       */
    int form_off_ground;      /* this formation segment began on the
                                 runway: the climb-out on the lead's pitch */
    int recover_next;         /* pilot_recover_first: at the next begin    */
    int recovering;           /* flying an upset recovery first            */
} pilot;

/* nv: length of the value vector (channels + LESSON_NDERIVED). */
int pilot_init(pilot *p, int faults, int fbw, const pilot_inputs *in, const airport_runway *rwy, int nv);
void pilot_free(pilot *p);
/* The lever position of military power (fdm/throttle_detent.h): the
 * speed hold's gains and limit are in units of the dry range below it. */
void pilot_set_throttle_mil(pilot *p, double lever);
/* The runway the approaches and landings fly to from now on (a
 * reposition to another runway). */
void pilot_set_runway(pilot *p, const airport_runway *rwy);

/* Starts flying exercise `ex` now (values v), on its leg `leg` (NULL:
 * the exercise's own; a diversion's plan to the destination called,
 * which must outlive the exercise). */
void pilot_begin(pilot *p, const lesson_exercise *ex, const lesson_leg *leg, const double *v);

/* The next pilot_begin first recovers the aircraft if it is in an
 * unusual attitude (banked past 60 deg, or the nose more than 20 deg
 * below or 30 deg above the horizon) - as an instructor taking control in
 * one does - and flies the exercise from where the recovery leaves it:
 * wings level first (unloaded while banked steeply or inverted), the
 * throttle closed while nose-low, then a pull to the horizon within the
 * pilot's g and alpha; nose-high, unloaded with full power; a spin's yaw
 * stopped with opposite rudder (FAA-H-8083-3C ch. 5, "Recovery from
 * unusual flight attitudes"). */
void pilot_recover_first(pilot *p);

/* The pilot takes the controls as they are now (its trim integrators
 * set from them) and flies on in the segment it was flying: after the
 * aircraft was placed elsewhere (a formation's lead rejoined). */
void pilot_resume(pilot *p, const double *v);

/* One frame: reads v (channels plus the pilot's own derived ex-time and
 * turn, which it writes), returns the controls.  dt_s is the frame. */
void pilot_fly(pilot *p, double *v, double dt_s, pilot_controls *out);

/* The segment's event (e.g. "engine-failure") the first frame it runs,
 * else NULL. */
const char *pilot_take_event(pilot *p);

#endif
