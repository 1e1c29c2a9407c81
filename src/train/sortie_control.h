/*
 * sortie_control.h - what an instructor does to a sortie in progress:
 * malfunctions inserted and cleared, the weather changed, the aircraft
 * repositioned or its position frozen, and the instruments as the
 * trainee sees them (with their failures).
 *
 * All calls are made between frames (sortie_frame) by the thread that
 * flies the sortie; none allocates.  Every change is recorded as an event
 * in the flight recording ("malfunction", "malfunction-cleared",
 * "weather", "reposition", "freeze") so a debrief shows it.  The
 * recording and the grade keep the true values; malfunctions are enforced
 * on the controls inside sortie_frame, after the pilot (or the caller, for
 * a trainee) has set them and before the aircraft steps.  The models are
 * described in sortie_control.c and docs/lessons.md.
 */
#ifndef SAQR_TRAIN_SORTIE_CONTROL_H
#define SAQR_TRAIN_SORTIE_CONTROL_H

#include "train/approach_path.h"
#include "train/sortie.h"

/* Malfunctions an instructor can insert. */
typedef enum sortie_malfunction {
    MALF_ENGINE_FAILURE,   /* the engine stops (fuel cut): thrust to zero  */
    MALF_PARTIAL_POWER,    /* the engine gives at most half its power      */
    MALF_PITOT_BLOCKED,    /* pitot and drain blocked: the airspeed
                              indicator reads as an altimeter from the
                              moment of blockage                           */
    MALF_ATTITUDE_FAILURE, /* the attitude indicator's gyro fails: the
                              display freezes, then drifts                 */
    MALF_FLAP_FAILURE,     /* flaps stay where they are                    */
    MALF_BRAKE_FAILURE,    /* wheel brakes give no force                   */
    MALF_PITOT_HEAT_FAILURE, /* the pitot heater fails: in icing conditions
                              the pitot ices over and blocks (as
                              pitot-blocked) until warm air or the heater
                              restored melts it                            */
    MALF_STATIC_BLOCKED,   /* the static ports blocked: the altimeter
                              freezes, the VSI reads zero and the airspeed
                              under-reads in a climb, over-reads in a
                              descent                                      */
    MALF_GEAR_FAILURE,     /* the landing gear stays where it is (a
                              retractable gear only)                       */
    MALF_FUEL_LEAK,        /* the fullest tank leaks 1% of the aircraft's
                              fuel capacity a minute until it is dry       */
    MALF_REHEAT_FAILURE,   /* the afterburner does not light, or goes out:
                              military power at most (an aircraft with an
                              afterburner only)                            */
    MALF_FCS_DEGRADED,     /* the fly-by-wire's control laws fail to its
                              direct law: stick to surface, dampers kept,
                              no g or AoA limiting (fly-by-wire only)      */
    MALF_COUNT
} sortie_malfunction;

/* "engine-failure", "partial-power", "pitot-blocked", "attitude-failure",
 * "flap-failure", "brake-failure", "pitot-heat-failure", "static-blocked",
 * "gear-failure", "fuel-leak", "reheat-failure", "fcs-degraded"; NULL out
 * of range. */
const char *sortie_malfunction_name(sortie_malfunction m);
/* The malfunction of that name; -1 when there is none. */
int sortie_malfunction_from_name(const char *name);

/* Inserts (on != 0) or clears (on = 0) malfunction m.  SAQR_EINVAL for m
 * out of range, a gear failure on an aircraft whose gear is fixed, or a
 * reheat failure on one without an afterburner (nothing changes).  Inserting an active one, or clearing
 * an inactive one, changes nothing.  A lesson's own engine failure
 * (engine-failure-after-takeoff) shows as MALF_ENGINE_FAILURE too. */
int sortie_set_malfunction(sortie *s, sortie_malfunction m, int on, saqr_err *err);
/* The lever position of the aircraft's military detent (fdm/
 * throttle_detent.h); 1 for a lever without an afterburner range. */
double sortie_throttle_mil(const sortie *s);
/* Bit m set when malfunction m is active. */
unsigned sortie_malfunctions(const sortie *s);

/* A malfunction armed to be inserted later, when its trigger comes: the
 * instructor's "engine failure passing 400 ft on the climb-out" or
 * "pitot blocked in two minutes" (sortie_armed.c). */
typedef enum sortie_trigger {
    TRIG_NONE = 0,
    TRIG_AFTER_S,   /* "after-s": value seconds of simulated time on      */
    TRIG_AGL_ABOVE, /* "agl-above-ft": the height above the ground at value
                       ft or more (climbing through it)                   */
    TRIG_AGL_BELOW, /* "agl-below-ft": at value ft or less (descending)   */
    TRIG_IAS_ABOVE, /* "ias-above-kt": the calibrated airspeed at value kt
                       or more (accelerating through it: a take-off roll) */
    TRIG_COUNT
} sortie_trigger;

/* "after-s", "agl-above-ft", "agl-below-ft", "ias-above-kt"; NULL for
 * TRIG_NONE or out of range.  The trigger of that name, or -1. */
const char *sortie_trigger_name(sortie_trigger t);
int sortie_trigger_from_name(const char *name);
/* The values trigger t accepts (NAN, NAN out of range). */
void sortie_trigger_range(sortie_trigger t, double *lo, double *hi);
/* Arms malfunction m to be inserted the first frame its trigger holds
 * (checked before each step), replacing what it was armed with before.
 * SAQR_EINVAL, nothing armed, for an m or trigger out of range, a value
 * out of its range (after-s 1..3600 s, a height 0..60,000 ft, a speed
 * 0..1,000 kt), an m already active, or one this aircraft cannot have (as
 * sortie_set_malfunction refuses it).  A "malfunction-armed" event; its
 * insertion is the usual "malfunction" event.  Clearing m
 * (sortie_set_malfunction off) disarms it too. */
int sortie_arm_malfunction(sortie *s, sortie_malfunction m, sortie_trigger trig, double value, saqr_err *err);
/* The trigger m is armed with (TRIG_NONE: not armed) and its value (for
 * after-s, the seconds still to run). */
sortie_trigger sortie_malfunction_armed(const sortie *s, sortie_malfunction m, double *value);
/* The value m was armed with (for after-s the delay as set, not what is
 * left of it: an instructor's scenario arms it again so); NAN when m is
 * not armed. */
double sortie_malfunction_armed_with(const sortie *s, sortie_malfunction m);

/* The weather.  NAN in any field leaves that part as it is. */
typedef struct sortie_weather {
    double wind_from_deg;  /* direction the wind blows from, true, deg    */
    double wind_kt;        /* mean wind speed, kt (>= 0)                   */
    double gust_kt;        /* gusts above the mean, kt (>= 0; 0: none)     */
    double turbulence;     /* 0 none, 1 light, 2 moderate, 3 severe        */
    double temperature_c;  /* sea-level temperature, deg C                 */
    double qnh_hpa;        /* sea-level pressure, hPa: QNH, the pressure at
                              the lesson's runway reduced to sea level
                              through the standard atmosphere             */
    double icing;          /* icing conditions: 0 none, 1 light, 2
                              moderate, 3 severe (AIM 7-1-19): ice grows
                              below 0 C, sheds above                       */
    double rain;           /* 1: rain, the runway wet (braking and
                              cornering friction of 14 CFR 25.109(c)); 0   */
    /* What the trainee sees outside, for the visuals (FlightGear's sky,
     * fgscene.h); nothing in the flight model depends on them. */
    double visibility_m;   /* horizontal visibility, m (50..50,000)        */
    double cloud_cover;    /* the cloud layer: 0 none (clear), 1 few,
                              2 scattered, 3 broken, 4 overcast            */
    double cloud_base_ft;  /* its base above the lesson's airfield, ft
                              (100..25,000), as a METAR gives it          */
    double time_of_day;    /* 0 dawn, 1 morning, 2 noon, 3 afternoon,
                              4 dusk, 5 evening, 6 midnight (the sun's
                              positions of FlightGear's timeofday)        */
} sortie_weather;

/* A weather that changes nothing (every field NAN). */
sortie_weather sortie_weather_unchanged(void);
/* Names of cloud_cover 0..4 ("clear" .. "overcast") and time_of_day 0..6
 * ("dawn" .. "midnight"); NULL out of range. */
const char *sortie_cloud_cover_name(double cover);
const char *sortie_time_of_day_name(double time_of_day);
/* Fills w's sky (visibility, cloud, time of day) as a sortie of the
 * lesson with set-up `ls` starts: its <sky>, else a clear noon with 30 km
 * (the cloud base 3,000 ft). */
void sortie_sky_of_lesson(const lesson_setup *ls, sortie_weather *w);
/* "visibility 800 m, overcast at 200 ft, dusk": the sky's fields in words
 * (the "sky" event's text; cut to fit n). */
void sortie_sky_text(const sortie_weather *w, char *out, size_t n);

/* Changes the weather; SAQR_EINVAL (changing nothing) when a value is out
 * of range: wind 0..100 kt, gusts 0..50 kt, direction 0..360, turbulence
 * 0..3 (integer), temperature -60..+60 C, QNH 900..1100 hPa, icing 0..3
 * (integer), rain 0 or 1, visibility 50..50,000 m, cloud cover 0..4 and
 * time of day 0..6 (integers), cloud base 100..25,000 ft.  A field that
 * is NAN stays as it is. */
int sortie_set_weather(sortie *s, const sortie_weather *w, saqr_err *err);
/* The ice on the airframe, 0 clean to 1 the aircraft's design ice
 * (environment/icing/ice-norm); NAN for an aircraft without an icing
 * model (the JF-17's, whose anti-icing is taken as always on). */
double sortie_ice_norm(const sortie *s);
/* The weather in effect (every field set; at the start the lesson's:
 * its wind and turbulence, 15 C, 1013.25 hPa, and its sky: by default
 * 30 km visibility, clear, at noon). */
void sortie_get_weather(const sortie *s, sortie_weather *out);

/* The aircraft's load, as the instructor station shows it. */
#define SORTIE_MAX_MASSES 8
typedef struct sortie_load {
    double fuel_pct;       /* fuel on board, share of the tanks' capacity  */
    double fuel_kg;
    double weight_kg;      /* gross weight                                 */
    double cg_x_in;        /* CG, structural x (aft positive), inches      */
    int nmasses;           /* point masses (crew, baggage...), at most
                              SORTIE_MAX_MASSES shown                      */
    double mass_kg[SORTIE_MAX_MASSES];
    char mass_name[SORTIE_MAX_MASSES][64];
} sortie_load;

/* Changes the load: the fuel in every tank to fuel_pct of its capacity
 * (NAN: unchanged), and point mass `mass_index` (-1: none) to mass_kg.
 * SAQR_EINVAL (changing nothing) for fuel outside 0..100 %, an index the
 * aircraft does not have or a weight outside 0..500 kg.  The mass balance
 * takes the change at the next frame; on the ground the aircraft settles
 * on its gear. */
int sortie_set_load(sortie *s, double fuel_pct, int mass_index, double mass_kg, saqr_err *err);
void sortie_get_load(const sortie *s, sortie_load *out);

/* Where to put the aircraft. */
typedef enum sortie_reposition_kind {
    REPO_THRESHOLD,        /* on the runway, lined up, stopped (throttle
                              closed)                                      */
    REPO_FINAL,            /* on final: `nm` from the threshold on the
                              extended centreline, on a 3-degree slope,
                              at approach speed, configured for landing    */
    REPO_AIRBORNE          /* at alt_ft (MSL) and heading_deg over the
                              current position, at ias_kt, gear and flaps
                              up                                           */
} sortie_reposition_kind;

typedef struct sortie_reposition {
    sortie_reposition_kind kind;
    double nm;             /* REPO_FINAL: 1..20                            */
    double alt_ft;         /* REPO_AIRBORNE: 500..50000 ft MSL, and above
                              the runway by 500 ft                         */
    double heading_deg;    /* REPO_AIRBORNE: 0..360 true                   */
    double ias_kt;         /* REPO_AIRBORNE / REPO_FINAL: NAN for the
                              lesson's speed (or a sensible one for the
                              aircraft), else within 50..700 kt            */
    char airport[8];       /* REPO_THRESHOLD / REPO_FINAL: another runway,
                              the ICAO of its airport ("": the sortie's)   */
    char runway[8];        /* ... and its ident ("": the sortie's)         */
} sortie_reposition;

/* Moves the aircraft and trims it there.  Sim time runs on (the recording
 * and the grader see a jump in position, marked by a "reposition" event).
 * The airspeed is calibrated airspeed in the day's air.  To the threshold
 * or final of another runway (a training device's airport and runway
 * presets: the runway in use turned with the wind), that runway becomes
 * the sortie's from then on - the ILS the instruments show (with its
 * glide slope, which a lesson takes out of service only on its own
 * runway), the touchdown and off-runway checks, the reference pilot's
 * approach and landing, and sortie_runway.  SAQR_EINVAL for values out of
 * range, an airport or runway not in the airports file, or a runway given
 * to REPO_AIRBORNE (nothing changes); an error when the aircraft cannot
 * be trimmed there (the aircraft is then left where it was, on its
 * runway). */
int sortie_reposition_to(sortie *s, const sortie_reposition *r, saqr_err *err);

/* The instructor's snapshots, numbered 1..SORTIE_SNAPSHOTS (the
 * training device's "snapshot 1" before a departure, "2" on final, ...):
 * sortie_snapshot_take keeps a copy of the whole aircraft in `slot`
 * (saqr_fdm_copy: where it is and how it moves, the levers, flaps and
 * gear where they stand, the control laws' filters, the engine, the fuel
 * in every tank), replacing what the slot held.  sortie_snapshot_recall
 * puts all of it back (saqr_fdm_restore), sim time running on (the
 * recording shows the jump, marked by a "recall" event, the snapshot's by
 * a "snapshot" event, each naming the slot); what the instructor has set
 * stays as it is now: the weather, the load's point masses and the
 * malfunctions.  SAQR_EINVAL (nothing changes) for a slot outside
 * 1..SORTIE_SNAPSHOTS, or recalling one never taken.
 * sortie_snapshot_time: the sim time of the slot's snapshot, NAN when
 * none (or no such slot). */
#define SORTIE_SNAPSHOTS 4
int sortie_snapshot_take(sortie *s, int slot, saqr_err *err);
int sortie_snapshot_recall(sortie *s, int slot, saqr_err *err);
double sortie_snapshot_time(const sortie *s, int slot);

/* The instructor's note at this moment of the sortie ("flare late,
 * floated 300 m"): a "note" event with the text, which the debrief lists
 * with the other events and marks on the track.  1..SORTIE_NOTE_MAX bytes
 * of UTF-8, not all blank, no control characters; SAQR_EINVAL otherwise
 * (nothing is recorded). */
#define SORTIE_NOTE_MAX 150
int sortie_note(sortie *s, const char *text, saqr_err *err);

/* The instructor applied the scenario `name` now (the station's
 * scenarios, docs/station-ui.md): a "scenario" event with its name, which
 * the debrief lists and marks like a note; the scenario's own settings are
 * recorded as they take effect (weather, malfunction, ... events).  The
 * name as a note's text is checked, 1..SORTIE_SCENARIO_NAME_MAX bytes. */
#define SORTIE_SCENARIO_NAME_MAX 63
int sortie_scenario_applied(sortie *s, const char *name, saqr_err *err);

/* The instructor's mark of one of the lesson's items (<instructor-grade>:
 * a checklist, the lookout, a radio call) as the trainee does it:
 * `exercise`/`item` named by their ids, `mark` MARK_UNSAT..MARK_EXCELLENT
 * or MARK_NOT_OBSERVED to take a mark off, `by` the instructor's service
 * number (NULL or "": not named).  An "item-mark" event of the recording
 * (item_mark.h), so that the live sheet, the grade sheet at the end and
 * any regrade from the recording carry it.  SAQR_EINVAL, nothing
 * recorded, for an item the lesson does not have, a mark out of range,
 * or a demonstration by the automatic pilot (nothing of a trainee's to
 * mark). */
int sortie_mark_item(sortie *s, const char *exercise, const char *item, grade_mark mark, const char *by, saqr_err *err);

/* The lesson's items with the marks given so far (grader_peek_items);
 * returns the number of items in the lesson. */
int sortie_running_items(const sortie *s, sheet_element *out, int max);

/* Rewind: sortie_rewind_enable makes the sortie keep a copy of the
 * aircraft every `period_s` (1..60 s), as many as cover the last
 * SORTIE_REWIND_MAX_S (61 at 1 s, 13 at 5 s), so that sortie_rewind can
 * take it back `seconds` (up to SORTIE_REWIND_MAX_S) of its flight: to
 * the newest copy at least that far back (less than a period more), or
 * the oldest there is (the sortie is younger).  Enabling again with
 * another period starts the ring afresh.  As a recall: sim time runs on, the
 * weather, load and malfunctions stay, a "rewind" event carries the
 * seconds gone back; the copies after that moment are dropped, so a
 * second rewind goes further back along the flight as flown.  `*back_s`
 * (may be NULL): the seconds actually gone back.  SAQR_EINVAL (nothing
 * changes) when not enabled, for seconds not within 1..SORTIE_REWIND_MAX_S,
 * or before the first copy.  sortie_rewind_available: how far back a
 * rewind can go now (s; 0 none, NAN when not enabled). */
#define SORTIE_REWIND_MAX 61 /* copies at the shortest period, 1 s */
#define SORTIE_REWIND_MAX_S 60.0
int sortie_rewind_enable(sortie *s, double period_s, saqr_err *err);
int sortie_rewind(sortie *s, double seconds, double *back_s, saqr_err *err);
double sortie_rewind_available(const sortie *s);

/* Crash freeze, as a training device's: on, a crash (sortie.c's crashed:
 * the ground met too hard, on a wing tip, or by the airframe) does not end
 * the sortie but holds it where it crashed: sortie_frame flies nothing
 * (it returns 0, sim time stands) until a rewind, a recall or a
 * reposition puts the aircraft somewhere else, and then it flies on from
 * there.  The "crash" event is recorded as ever, so the sortie's grade is
 * still Unsatisfactory ("Crashed at t=..."); a second crash holds it
 * again.  Off (the default: lessons flown from the command line,
 * campaigns) a crash ends the sortie.  sortie_crash_held: 1 while held. */
void sortie_crash_freeze(sortie *s, int on);
int sortie_crash_held(const sortie *s);

/* Position freeze: on, the aircraft flies (attitude, speeds, controls all
 * live) but its position stays where it was when frozen. */
void sortie_freeze_position(sortie *s, int on);
int sortie_position_frozen(const sortie *s);

/* Fuel freeze: on, the engines burn no fuel (JSBSim's
 * propulsion/fuel_freeze), so that a long session of circuits or
 * approaches does not end for fuel; every tank keeps what it holds (a
 * fuel-leak malfunction still drains its tank).  A "fuel-freeze" event
 * (1 / 0).  A recall or rewind leaves it as it is. */
void sortie_freeze_fuel(sortie *s, int on);
int sortie_fuel_frozen(const sortie *s);

/* The instruments as the trainee sees them: the true values unless a
 * malfunction falsifies them (pitot blocked: airspeed; attitude failure:
 * pitch and roll).  Altitude is indicated altitude for the QNH set. */
typedef struct sortie_instruments {
    double t_s;            /* sim time, s                                  */
    double ias_kt, alt_ft, vs_fpm, pitch_deg, roll_deg, heading_deg;
    double turn_rate_dps;  /* rate of turn (heading), deg/s                */
    double slip;           /* inclinometer ball, -1..1 (right positive)   */
    double mach, nz_g, alpha_deg, agl_ft, gs_kt, track_deg;
    double lat_deg, lon_deg;
    double msl_ft;         /* where the aircraft is: its true altitude above
                            * sea level (the map, the track), which no
                            * malfunction or temperature falsifies        */
    double qnh_hpa;
    /* engine 0: NAN where the aircraft has no such instrument (a piston:
     * no N1/N2; a turbine: no rpm, manifold pressure, nor EGT, which the
     * turbine model does not compute) */
    double rpm, manifold_inhg, n1_pct, n2_pct, egt_c, fuel_flow_pph, fuel_kg;
    double reheat_pct;        /* afterburner in force, 0..100 (NAN: none)  */
    double throttle_mil;      /* the lever's military detent (NAN: none)   */
    /* the landing gear's position indicator: 0 up, 1 down and locked,
     * between in transit; NAN for a fixed gear */
    double gear_pos;
    /* the lesson runway's ILS: localizer and glide-slope deviations, deg,
     * + right of the course / above the slope; NAN outside coverage */
    double loc_dev_deg, gs_dev_deg;
    double dme_nm;          /* its DME, zero-ranged at the threshold (slant
                               range); NAN while the localizer is not received */
    /* controls as commanded */
    double elevator, aileron, rudder, throttle, flaps, gear, brake;
    double speedbrake;      /* 0 in .. 1 out; NAN: the aircraft has none  */
    double pitch_trim;      /* -1 .. 1, > 0 nose down (JSBSim's sign)     */
    int on_ground, stall_warning;
    int gear_warning;       /* the aircraft's landing-gear warning sounds  */
    int fcs_degraded;       /* the fly-by-wire is in its direct law: the
                               cockpit's FCS caution                       */
    /* the aircraft's attitude, deg, and calibrated airspeed, kt, which no
     * malfunction falsifies (what the outside view shows: the station's
     * replay in FlightGear; what the instructor sees beside a failed
     * instrument) */
    double true_pitch_deg, true_roll_deg, true_ias_kt;
} sortie_instruments;

void sortie_read_instruments(const sortie *s, sortie_instruments *out);

/* The sortie's runway (for maps and repositioning): the lesson's, or the
 * one a reposition took the aircraft to; sortie_airport: the ICAO of its
 * airport. */
const airport_runway *sortie_runway(const sortie *s);
const char *sortie_airport(const sortie *s);

/* The lesson being flown. */
const lesson *sortie_lesson(const sortie *s);

/* The current exercise (-1 when none) and its phase (0 waiting for its
 * entry conditions, 1 running), as the grader sees it. */
int sortie_exercise(const sortie *s, int *running);

/* The live values of a route's leg flown (sortie_leg). */
typedef struct sortie_leg_values {
    double xtk_nm;          /* off the planned course, right positive      */
    double to_go_nm;        /* along the course to the leg's end           */
    double eta_error_min;   /* late against the flight plan (min)          */
    double hdg_error_deg;   /* the heading less the flight log's, right
                               positive                                    */
} sortie_leg_values;

/* The current exercise's leg of the lesson's route (NULL, *out untouched,
 * when the exercise flies none or no exercise is current) and its values
 * at the latest sample, as the grader works them out (docs/lessons.md);
 * NAN where not known. */
const lesson_leg *sortie_leg(const sortie *s, sortie_leg_values *out);

/* The circle about the current exercise's point (a ground reference
 * manoeuvre, docs/lessons.md) and where the aircraft is about it. */
typedef struct sortie_circle_values {
    double lat_deg, lon_deg; /* the point                                  */
    double radius_nm;       /* the lesson's radius                         */
    double point_nm;        /* the aircraft's distance from the point      */
    double around_deg;      /* swept about it since the exercise began,
                               clockwise positive                          */
} sortie_circle_values;

/* 1 and *out filled when the current exercise flies about a point whose
 * position is known, as the grader works it out; 0 (*out untouched)
 * otherwise. */
int sortie_circle(const sortie *s, sortie_circle_values *out);

/* A formation lesson's lead as the last frame read it (lesson.h
 * lesson_lead; sortie_lead.c). */
typedef struct sortie_lead_values {
    double lat_deg, lon_deg, alt_ft; /* where it is (altitude above sea level) */
    double heading_deg, pitch_deg, roll_deg;
    /* the aircraft's place in the lead's frame: ahead along the lead's
     * heading, to its right, above it (ft) */
    double ahead_ft, right_ft, above_ft;
    double v_north_fps, v_east_fps, v_down_fps; /* the lead's over the ground */
} sortie_lead_values;

/* 1 and *out filled when the lesson has a lead; 0 (*out untouched)
 * otherwise. */
int sortie_lead(const sortie *s, sortie_lead_values *out);

/* The instructor takes the formation up again: the lead placed back at
 * the lesson's starting place about the aircraft, as it flies now (its
 * speed and attitude), and flying on in its profile - after a trainee
 * lost the lead.  A "rejoin" event.  SAQR_EINVAL when the lesson has no
 * lead. */
int sortie_lead_rejoin_now(sortie *s, saqr_err *err);

/* Where the aircraft is on a final approach to the sortie's runway, for
 * the instructor station's approach plot: in the runway frame of
 * airport.h, ft, the height above the threshold (true altitude, as the
 * map's), and the lesson's approach path there. */
typedef struct sortie_approach_values {
    double x_ft, y_ft;      /* along the runway (negative before the
                               threshold), right of the centreline       */
    double h_ft;            /* above the threshold                        */
    approach_path path;     /* the lesson's (glide_deg NAN: none)          */
    double path_ft;         /* the path's height at x_ft (NAN: none)      */
} sortie_approach_values;

/* 1 and *out filled while the aircraft is before the threshold in the
 * final approach's cone (approach_path.h); 0 (*out untouched) otherwise,
 * and without a runway. */
int sortie_approach(const sortie *s, sortie_approach_values *out);

/* The instructor calls a diversion to checkpoint `to_id` of the lesson's
 * route (docs/lessons.md, "Diversion"): from the next frame the exercise
 * flown stops where it is and the lesson's diversion exercise begins,
 * from where the aircraft is, to that checkpoint, recorded as a "divert"
 * event (its value the checkpoint's index) so that the debrief grades it
 * again the same.  SAQR_EINVAL, *err naming why, when the lesson has no
 * diversion, `to_id` is no checkpoint of its route, or the diversion has
 * already begun. */
int sortie_divert(sortie *s, const char *to_id, saqr_err *err);
/* 1 while a diversion may be called (the lesson has one, not yet begun). */
int sortie_divert_open(const sortie *s);

/* The sortie's latest events, as recorded (kind, time, value, text), for
 * a live display: an instructor station tells the instructor of a stall
 * warning, a touch-down's sink rate, an overstress as they happen.  The
 * sortie keeps the last SORTIE_EVENT_FEED; *cursor (start it at 0) is
 * the count already taken, and events older than the feed are skipped.
 * Returns how many were copied into out (at most max). */
#define SORTIE_EVENT_FEED 16
int sortie_take_events(const sortie *s, uint64_t *cursor, rec_event *out, int max);

/* Non-zero while, in a trainee's sortie, the instructor flies (an
 * exercise flown-by="instructor", lesson.h, or control taken with
 * sortie_take_control): the trainee's inputs are not the aircraft's then. */
int sortie_instructor_flying(const sortie *s);

/* "I have control" and "You have control" in a trainee's sortie: who
 * has the aircraft, as sortie_take_control asks for it. */
typedef enum sortie_hands {
    SORTIE_TRAINEE_HAS_CONTROL = 0,
    /* the reference pilot flies for the instructor (a station where the
     * instructor sits at the console) */
    SORTIE_INSTRUCTOR_PILOT = 1,
    /* the instructor flies from the cockpit's own controls (the Super
     * Mushak's side-by-side seats share them; a second stick feeds the
     * same inputs) */
    SORTIE_INSTRUCTOR_COCKPIT = 2
} sortie_hands;

/* From the next frame, `hands` has the aircraft.  SORTIE_INSTRUCTOR_PILOT:
 * the reference pilot flies the current exercise's profile from its
 * start, from wherever the aircraft is (its entry values taken then), and
 * the cockpit's controls are not used until control is handed back;
 * SORTIE_INSTRUCTOR_COCKPIT: the cockpit's controls fly on, now the
 * instructor's hands on them, the reference pilot stays out.  At the
 * hand-back (SORTIE_TRAINEE_HAS_CONTROL) the aircraft takes the cockpit's
 * controls as they are held.  Recorded as a "takeover" event (value
 * `hands`: 1 or 2 taken, 0 handed back; a change between 1 and 2 is
 * another).  The grader does not grade the instructor's flying, and an
 * exercise with graded elements that runs under the instructor's hands
 * fails the trainee's sortie (grade.h, docs/lessons.md).  SAQR_EINVAL
 * when the automatic pilot flies the whole sortie (no trainee has
 * control) or `hands` is none of these.  Asking for the state already in
 * force changes nothing. */
int sortie_take_control(sortie *s, sortie_hands hands, saqr_err *err);
/* Who has the aircraft as last asked (SORTIE_TRAINEE_HAS_CONTROL until
 * sortie_take_control gives it to the instructor). */
sortie_hands sortie_control_taken(const sortie *s);
/* Non-zero while the cockpit's controls fly the aircraft: the trainee has
 * it (and no exercise is the instructor's), or the instructor flies it
 * from the cockpit. */
int sortie_cockpit_flies(const sortie *s);

/* The grade so far: for each graded element of the lesson, in lesson
 * order (exercise by exercise, element by element: the order of the final
 * sheet), its mark as it stands now (MARK_NOT_OBSERVED until its window
 * has seen a sample) and its worst ratio so far (NAN when none).  Fills at
 * most `max` entries; returns the number of graded elements in the
 * lesson. */
int sortie_running_marks(const sortie *s, grade_mark *marks, double *ratios, int max);

/* The graded elements so far, with their bands and windows
 * (grader_peek_elements); returns the number in the lesson. */
int sortie_running_elements(const sortie *s, sheet_element *out, int max);

/* Graded element `i` of them alone (grader_peek_element): 1, or 0 for an
 * index out of range. */
int sortie_running_element(const sortie *s, int i, sheet_element *out);

/* The latest value of recorded channel `ch` (an index of sortie_channel:
 * the true value the grader sees, not an instrument's); NAN for an index
 * out of range. */
double sortie_channel_value(const sortie *s, int ch);

#endif
