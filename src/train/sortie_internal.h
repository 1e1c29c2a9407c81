/*
 * sortie_internal.h - the inside of a sortie, shared by sortie.c (the
 * frame loop: pilot, grader, recorder) and sortie_control.c (what an
 * instructor does to it: malfunctions, weather, reposition, freeze,
 * instruments).  Not for use outside src/train.
 *
 * A frame (sortie_frame): the channels are read, events watched, a sample
 * recorded and graded; the pilot (or, for a trainee, the caller between
 * frames) sets the controls; sortie_ctl_before_step enforces the active
 * malfunctions on them and runs the gusts; the aircraft steps;
 * sortie_ctl_after_step holds a frozen position.
 */
#ifndef SAQR_TRAIN_SORTIE_INTERNAL_H
#define SAQR_TRAIN_SORTIE_INTERNAL_H

#include "saqr.h"
#include "train/grade.h"
#include "train/pilot.h"
#include "train/pilot_gains.h"
#include "train/sortie_control.h"
#include "util/rng.h"

/* The recorded channels (sortie_channel), in order. */
enum { C_T, C_LAT, C_LON, C_ALT, C_AGL, C_IAS, C_TAS, C_GS, C_MACH, C_VS, C_PITCH, C_ROLL, C_HEADING, C_ALPHA,
       C_BETA, C_NZ, C_P, C_Q, C_R, C_ELEV, C_AIL, C_RUD, C_THR, C_FLAPS, C_GEAR, C_BRAKE, C_WOW, C_STALL,
       C_OVERSTRESS, C_FUEL, C_RWY_X, C_RWY_Y, C_LOC_DEV, C_GS_DEV, C_TRACK, C_GEAR_WARN, C_GUST,
       C_WIND_FROM, C_WIND_KT, C_MASS, C_SPEEDBRAKE,
       /* a formation lesson's lead (sortie_lead.c; NAN without one, and
        * not recorded then: they stay the last) */
       C_LEAD_LAT, C_LEAD_LON, C_LEAD_ALT, C_LEAD_HEADING, C_LEAD_PITCH, C_LEAD_ROLL, C_LEAD_IAS, C_FORM_AHEAD,
       C_FORM_RIGHT, C_FORM_ABOVE, C_COUNT };

/* The state of a flight in progress. */
typedef struct flight {
    saqr_fdm *f;              /* the aircraft flown: once the sortie has
                                 started, a copy of `loaded`              */
    saqr_fdm *loaded;         /* the loaded aircraft (NULL while set up)  */
    int slot[C_COUNT];
    int s_elev, s_ail, s_rud, s_thr, s_flap_cmd, s_gear_cmd, s_brake_l, s_brake_r, s_steer, s_mixture, s_speedbrake;
    int s_pitch_trim;         /* fcs/pitch-trim-cmd-norm: the trim the aircraft was trimmed with */
    int s_ground_force[3];    /* forces/fb{x,y,z}-gear-lbs: every contact's,
                                 the airframe's structure points too      */
    const airport *apt;       /* the runway's airport                      */
    const airport_runway *rwy;
    int glide_slope_off;      /* the lesson's ILS has no glide slope        */
    double v[C_COUNT + LESSON_NDERIVED];
    double last_rec[C_COUNT];
    rec_writer *rec;
    grader *gr;
    int engine_failed;        /* the engine-failure malfunction is active  */
    int manual;               /* a trainee flies: no automatic pilot       */
    double prev_wow, prev_stall, prev_gear, prev_flaps, prev_overstress, prev_gear_warn, airborne_since;
    int off_runway;           /* this ground contact has left the runway   */
    rec_event feed[SORTIE_EVENT_FEED]; /* the latest events, a ring       */
    uint64_t nfeed;           /* events ever put in it                     */
} flight;

/* What the instructor has done to the sortie (sortie_control.c).  Slots
 * are -1 where the aircraft has no such property. */
typedef struct sortie_ctl {
    /* properties read or written */
    int s_time, s_p_psf, s_p_sl, s_t_sl, s_delta_t, s_wind_n, s_wind_e, s_turb_type, s_turb_sev, s_turb_w20;
    int s_gust_start, s_gust_up, s_gust_steady, s_gust_down, s_gust_mag, s_gust_frame, s_gust_x, s_gust_y,
        s_gust_z;
    int s_cutoff, s_brake_c, s_flap_pos, s_mach, s_vc, s_theta, s_phi, s_psi, s_hdot, s_psidot, s_ny, s_nz_pilot,
        s_alpha, s_agl, s_alt, s_vg, s_track, s_lat, s_lon, s_rpm, s_map, s_n1, s_n2, s_reheat, s_egt_f, s_ff_pps, s_fuel,
        s_wow, s_stall, s_gear_warning, s_pitch_trim;
    int s_starter, s_fbw_direct;
    int s_reheat_inhibit;     /* fcs/afterburner-inhibit (-1: no reheat)   */
    int s_ice, s_t_r, s_surf_static; /* icing and rain (sortie_control.c)  */
    int s_fuel_freeze;        /* propulsion/fuel_freeze                    */
    double mu_dry;            /* the wheels' dry static friction           */
    /* the load (sortie_get_load, read 30 times a second by the station) */
    int s_fuel_lbs, s_weight_lbs, s_cg_x_in, n_tanks, n_masses;
    int s_tank_cap[16], s_tank_lbs[16], s_mass_lbs[SORTIE_MAX_MASSES];
    int s_gear_pos;           /* gear/gear-pos-norm                        */
    int retractable;          /* the aircraft's gear retracts              */
    double gear_hold;         /* gear failure: the command held            */
    int leak_tank;            /* fuel leak: the tank that leaks            */
    double leak_lbs_per_s;    /* fuel leak: its rate                       */
    int wet_set;              /* the sortie has set the runway's friction  */
    double pitot_ice;         /* ice in the pitot, 0 .. 1 (blocked)        */
    int pitot_iced;           /* the pitot is blocked by its ice           */
    int s_integrator[8];      /* FCS integrators' initial-integrator-value */
    int n_integrators;
    int turbine;              /* the engine is a turbine (has n2)          */
    int relight;              /* a turbine's air start in progress         */
    unsigned malf;            /* active malfunctions (bit m), but for the
                                 engine failure, which is fl.engine_failed */
    double throttle_cap;      /* partial power: the throttle's ceiling     */
    double throttle_mil;      /* the lever at military power (1: the lever
                                 has no reheat range)                      */
    double mixture_before;    /* the mixture before the engine failed      */
    double pitot_pt_psf;      /* pitot blocked: trapped total pressure     */
    double static_p_psf;      /* static blocked: trapped static pressure   */
    double att_pitch_deg, att_roll_deg, att_t0_s; /* attitude at failure   */
    double flap_hold;         /* flap failure: the command held            */
    sortie_weather wx;        /* in effect, every field set                */
    double gust_next_s;       /* sim time of the next gust (NAN: none)     */
    saqr_rng rng;             /* gust sizes and intervals                  */
    int frozen;               /* position freeze                           */
    double frz_lat_deg, frz_lon_deg, frz_alt_ft;
    /* the instructor's snapshots (sortie_snapshot_take), slot k at k - 1:
     * a copy of the aircraft (saqr_fdm_copy), or NULL before one is taken */
    saqr_fdm *snap[SORTIE_SNAPSHOTS];
    double snap_t_s[SORTIE_SNAPSHOTS]; /* sim time each was taken           */
    /* the rewind ring (sortie_rewind_enable): a copy of the aircraft
     * every rw_period_s, the newest at rw_last; rw_t are the moments on
     * the flight's own timeline (a rewind moves the kept ones on) */
    saqr_fdm *rw_copy[SORTIE_REWIND_MAX];
    double rw_t_s[SORTIE_REWIND_MAX];
    int rw_n, rw_last, rw_cap; /* held, the newest, the ring's size    */
    double rw_period_s;       /* 0: not enabled                            */
    double rw_due_s;          /* sim time of the next copy                  */
    int crash_freeze;         /* a crash holds the sortie (sortie_crash_
                                 freeze) instead of ending it              */
    int crash_held;           /* ... and it is held now                    */
    /* malfunctions armed (sortie_armed.c): the trigger of each (TRIG_NONE:
     * not armed) and its value (after-s: the sim time it fires at) */
    sortie_trigger armed[MALF_COUNT];
    double armed_value[MALF_COUNT];
    double armed_with[MALF_COUNT]; /* the value as armed (after-s: the delay) */
} sortie_ctl;

/* A sortie in progress: the flight, its pilot, and where the loop is. */
struct sortie {
    flight fl;
    pilot pl;
    int pilot_ready;          /* pl initialised (to free)                  */
    lesson *l;
    const airport_db *airports; /* for a reposition to another runway      */
    double dt;                /* the aircraft's frame                      */
    int every;                /* frames per recorded sample                */
    long k, frames;           /* frame count, and the lesson's limit       */
    int ex_pilot;             /* the exercise the pilot is flying          */
    int instructor_flying;    /* a trainee's sortie: the reference pilot
                                 has control (an exercise flown-by=
                                 "instructor", or taken at the station)    */
    sortie_hands taken;       /* the instructor took control (sortie_take_
                                 control), in effect from the next frame  */
    sortie_hands taken_wanted;/* ... as last asked                         */
    int divert_wanted;        /* a diversion called (sortie_divert): its
                                 checkpoint's index + 1, 0 none; in effect
                                 from the next frame                      */
    pilot_gains gains;        /* the pilot's gains when a campaign scales
                                 them (pl.gains points here then)          */
    int done;
    saqr_status st;           /* the first failure, SAQR_OK while flying   */
    sortie_ctl ctl;
    /* a formation lesson's lead (sortie_lead.c): its aircraft (lead.f
     * NULL: none; no recording nor grader of its own) and its pilot */
    flight lead;
    pilot lead_pl;
    int lead_pilot_ready;     /* lead_pl initialised (to free)             */
    int lead_s_vel[3];        /* its velocities/v-{north,east,down}-fps    */
};

/* sortie.c, for the lead: the channels' values now (wx NULL: calm), and
 * the controls applied. */
void flight_read_channels(flight *fl, const sortie_weather *wx);
void flight_apply(flight *fl, const pilot_controls *c);

/* sortie_lead.c: the lead set up beside the trainee's aircraft (nothing
 * without a <lead>); each frame, its channels read and the trainee's lead
 * and form channels filled (after the trainee's are read); its pilot and
 * its step (after the trainee's step; none while the trainee is held in
 * place); placed again at the lesson's start from the trainee after a
 * jump (a reposition, a recall, a rewind); freed. */
saqr_status sortie_lead_begin(sortie *s, saqr_err *err);
void sortie_lead_read(sortie *s);
saqr_status sortie_lead_step(sortie *s, saqr_err *err);
void sortie_lead_rejoin(sortie *s);
void sortie_lead_free(sortie *s);

/* An event at sim time t: to the grader and the recording. */
void sortie_event(flight *fl, double t, const char *kind, double value, const char *text);
/* The diversion asked (divert_wanted) recorded and graded, before this
 * frame's sample. */
void sortie_divert_now(sortie *s);
/* The lesson runway's ILS as a receiver shows it: the localizer's and the
 * glide slope's deviations (deg, + right of the course / above the slope;
 * the channels loc-dev-deg and gs-dev-deg), each NAN outside its coverage
 * (ICAO Annex 10 Vol I 3.1.3.3 and 3.1.5.3: the localizer within 10 deg
 * of the course to 25 nm of its antenna and within 35 deg to 17 nm, the
 * glide slope within 8 deg of the course to 10 nm; both ahead of their
 * antennas; none where the lesson takes it out of service), and its DME,
 * zero-ranged at the threshold: the slant range in nm while the localizer
 * is received, NAN otherwise. */
void flight_ils(const flight *fl, double *loc_dev_deg, double *gs_dev_deg, double *dme_nm);

/* sortie_control.c: set up once the aircraft is (the weather in effect
 * read from it; changes nothing in the flight); before each step; after
 * each step. */
void sortie_ctl_init(sortie *s);
void sortie_ctl_before_step(sortie *s);
void sortie_ctl_after_step(sortie *s);
/* Whether malfunction m (in range) can be inserted in this aircraft:
 * SAQR_EINVAL with the reason when not (sortie_control.c). */
int sortie_malfunction_possible(const sortie *s, sortie_malfunction m, saqr_err *err);
/* sortie_armed.c: inserts the armed malfunctions whose trigger holds
 * (before each step); forgets m's arming (its clearing). */
void sortie_armed_check(sortie *s);
void sortie_armed_forget(sortie *s, sortie_malfunction m);

/* sortie_reposition.c: after the aircraft jumped to a new place (a
 * reposition, a recall, a rewind): no touch-down or lift-off event for the
 * jump itself, and a position freeze holds the new place. */
void sortie_placed(sortie *s);
/* sortie_saved.c: the rewind ring's copy when one is due (after each
 * step); the snapshot and the ring freed (before the aircraft). */
void sortie_saved_after_step(sortie *s);
void sortie_saved_free(sortie *s);

/* The instruments' formulas (sortie_control.c), for tests: the altimeter
 * reading (ft) for a static pressure and the setting (hPa; NAN for a
 * non-positive one), and the calibrated airspeed (kt) an impact pressure
 * (psf) shows (0 for none or a negative one). */
double sortie_altimeter_ft(double p_static_hpa, double setting_hpa);
double sortie_airspeed_from_impact_kt(double qc_psf);

#endif
