/*
 * station.h - the simulator behind the instructor station (`saqr serve`):
 * one aircraft flown in real time on a thread of its own, steered by
 * commands from any thread and watched through snapshots.
 *
 * The simulation thread runs the real-time loop (realtime.h) at the
 * aircraft's frame rate.  Each frame it takes the queued commands (start,
 * end, freeze, reposition, weather, malfunctions, replay) and the latest
 * trainee controls, flies one frame of the sortie (train/sortie.h) unless
 * frozen, sends FlightGear its packet, and publishes a snapshot at
 * `publish_hz`.  It never waits on the network: commands go through a
 * short locked queue, snapshots are copied out under a lock held for a
 * memcpy.  Idle (before any lesson) the default lesson's aircraft stands
 * ready on its runway and time does not run.
 *
 * When a sortie ends (its lesson is done, the instructor ends it, or the
 * aircraft crashed) it is handed to a finishing thread, which grades it,
 * writes the debrief page next to the recording and, with a trainee
 * chosen, stores the sortie in the training records with its instructor,
 * while the simulation thread flies on (the snapshot's `finishing`
 * counts those not yet done; station_wait_finished waits for them).
 */
#ifndef SAQR_STATION_STATION_H
#define SAQR_STATION_STATION_H

#include <stdint.h>

#include "station/controls.h"
#include "station/realtime.h"
#include "train/airport.h"
#include "train/sortie_control.h"

typedef struct station station;

typedef struct station_config {
    const char *root;            /* JSBSim root with aircraft/NAME/         */
    const char *lessons_dir;     /* lessons/AIRCRAFT/NAME.xml               */
    const airport_db *airports;  /* outlives the station                    */
    const char *db_url;          /* training records; NULL: none stored     */
    const char *work_dir;        /* recordings and debrief pages go here    */
    const char *idle_lesson;     /* shown before any start ("super-mushak/
                                    takeoff-and-departure" if NULL)         */
    rt_clock clock;              /* rt_clock_monotonic() in real use        */
    double publish_hz;           /* snapshots per second (30 if 0)          */
    const char *fg_host;         /* FlightGear; NULL: none                  */
    int fg_port;
    const char *controls;        /* the host's joysticks, throttles, pedals
                                    (SDL2) mapped by this file
                                    (data/controls.xml); NULL: none          */
    int rt_priority;             /* station_start asks SCHED_FIFO at this
                                    priority for the simulation thread
                                    (1..99, rt_priority.h); 0: leave its
                                    scheduling alone                        */
    int fg_props_port;           /* FlightGear's property server on fg_host
                                    (fgfs --telnet=PORT): the sky is sent
                                    there (fgscene.h); 0: not sent          */
    int fg_mp_port;              /* FlightGear's multiplayer input on
                                    fg_host (fgfs --multiplay=in,10,,PORT):
                                    a formation's lead is sent there
                                    (fgmp.h); 0: not sent                  */
    const char *fg_mp_model;     /* the lead's model there (fgmp_model_ok);
                                    NULL: FGMP_DEFAULT_MODEL                */
} station_config;

typedef enum station_status {
    STATION_IDLE = 0,    /* no lesson yet: the aircraft stands ready         */
    STATION_RUNNING,
    STATION_PAUSED,      /* total freeze: sim time stands still              */
    STATION_ENDED        /* graded; a new start may follow                   */
} station_status;

const char *station_status_name(station_status s); /* "idle", ...          */

/* SCMD_SCENARIO: a scenario applied, its name in `note` (the web server's
 * mark before the scenario's settings; no browser message gives it). */
typedef enum station_cmd_kind {
    SCMD_START, SCMD_END, SCMD_PAUSE, SCMD_RESUME, SCMD_FREEZE_POSITION, SCMD_REPOSITION, SCMD_WEATHER,
    SCMD_MALFUNCTION, SCMD_REPLAY, SCMD_REPLAY_STOP, SCMD_LOAD, SCMD_CONTROL, SCMD_SNAPSHOT, SCMD_RECALL,
    SCMD_REWIND, SCMD_NOTE, SCMD_FREEZE_FUEL, SCMD_DIVERT, SCMD_MARK_ITEM, SCMD_LOAD_FLIGHT, SCMD_SCENARIO,
    SCMD_REJOIN
} station_cmd_kind;

/* A stored sortie's flight to replay (station_flight.h). */
typedef struct station_flight station_flight;
/* A sortie readied to fly off the simulation thread (station_internal.h). */
typedef struct station_ready station_ready;

#define STATION_NAME_MAX 96
/* The rewind ring's period (sortie_rewind_enable). */
#define STATION_REWIND_PERIOD_S 1.0

/* A command, validated by whoever built it (protocol.c): the station
 * checks again only what depends on its state. */
typedef struct station_cmd {
    station_cmd_kind kind;
    /* SCMD_START */
    char lesson[64];
    char pilot[24];                         /* "trainee", "reference" or a
                                               "degraded:..." demonstration */
    char trainee_number[32], trainee_name[STATION_NAME_MAX]; /* "" : none   */
    char instructor_number[32];             /* who started it ("" : none); who
                                               marked an item (SCMD_MARK_ITEM) */
    char started_utc[32];                   /* ISO 8601 UTC, for the records */
    /* SCMD_FREEZE_POSITION, SCMD_FREEZE_FUEL, SCMD_MALFUNCTION; SCMD_CONTROL: a
     * sortie_hands ("I have control" 1 or 2, "You have control" 0) */
    int on;
    sortie_malfunction malfunction;
    /* SCMD_MALFUNCTION inserting: TRIG_NONE now, else armed to come when
     * this trigger at trigger_value holds (sortie_arm_malfunction) */
    sortie_trigger trigger;
    double trigger_value;
    sortie_reposition repo;                 /* SCMD_REPOSITION               */
    sortie_weather weather;                 /* SCMD_WEATHER (NAN: unchanged) */
    double replay_s, replay_speed;          /* SCMD_REPLAY                    */
    double fuel_pct;                        /* SCMD_LOAD (NAN: unchanged)     */
    int mass_index;                         /* SCMD_LOAD (-1: none)           */
    double mass_kg;
    double rewind_s;                        /* SCMD_REWIND: seconds back      */
    int slot;                               /* SCMD_SNAPSHOT, _RECALL: 1..    */
    char note[SORTIE_NOTE_MAX + 1];         /* SCMD_NOTE: the note's text   */
    char divert_to[LESSON_NAME_MAX];        /* SCMD_DIVERT: the id of the
                                               route's checkpoint diverted
                                               to (sortie_divert)          */
    /* SCMD_MARK_ITEM: the instructor's mark of one of the lesson's items
     * (sortie_mark_item; MARK_NOT_OBSERVED takes it off) */
    char item_exercise[LESSON_NAME_MAX], item_id[LESSON_NAME_MAX];
    grade_mark item_mark;
    /* SCMD_LOAD_FLIGHT: a stored sortie's flight, loaded into the replay
     * when no sortie is flown; the station owns it once the command is
     * submitted (and frees it, taken or refused) */
    station_flight *flight;
    /* SCMD_START: the sortie readied when the command was submitted (NULL
     * when that failed: the simulation thread tries again and says why);
     * the station's once submitted, and freed when refused */
    station_ready *ready;
} station_cmd;

/* Engine instruments of the snapshot. */
#define STATION_MAX_GAUGES 6
typedef struct station_gauge {
    const char *id, *label, *unit;   /* static strings                      */
    double value, min, max, red;     /* red: NAN for none                   */
} station_gauge;

#define STATION_MAX_ELEMENTS 24
#define STATION_MAX_ITEMS 16
typedef struct station_snapshot {
    uint64_t seq;                    /* rises with each publication          */
    station_status status;
    int replay;                      /* 1: the instruments are a replay      */
    int position_frozen;
    int fuel_frozen;                 /* fuel freeze (sortie_freeze_fuel)      */
    int crash_held;                  /* crash freeze (sortie_crash_held)      */
    sortie_instruments ins;
    char lesson_id[64], lesson_title[96], aircraft[32];
    char trainee_number[32], trainee_name[STATION_NAME_MAX], pilot[24];
    char airport[8], runway[8];
    int exercise, exercise_running;  /* -1 when none                         */
    int exercise_by_instructor;      /* flown by the instructor (lesson.h)    */
    int instructor_flying;           /* a trainee's sortie: the instructor
                                        has the aircraft (that exercise, or
                                        control taken)                      */
    int control_taken;               /* "I have control" in force: a
                                        sortie_hands, 0 none                */
    double snapshot_t_s[SORTIE_SNAPSHOTS]; /* sim time of the instructor's
                                        snapshot k + 1, NAN: none           */
    double rewind_available_s;       /* how far back a rewind can go (s),
                                        NAN: no sortie                      */
    char exercise_id[48], exercise_title[96];
    int nelements;                   /* of the current exercise              */
    char element_id[STATION_MAX_ELEMENTS][48];
    char element_title[STATION_MAX_ELEMENTS][96];
    grade_mark element_mark[STATION_MAX_ELEMENTS];
    /* each element's worst moment so far (sim time; NAN: not observed)
     * and the latest place it was left ("t=132.4 s: ...", "": never) */
    double element_worst_t_s[STATION_MAX_ELEMENTS];
    char element_deduction[STATION_MAX_ELEMENTS][200];
    /* the lesson's items the instructor marks (<instructor-grade>), all
     * exercises', with the marks given so far (sortie_running_items) */
    int nitems;
    int item_exercise[STATION_MAX_ITEMS];   /* the exercise's index          */
    char item_exercise_id[STATION_MAX_ITEMS][48];
    char item_id[STATION_MAX_ITEMS][48];
    char item_title[STATION_MAX_ITEMS][96];
    grade_mark item_mark[STATION_MAX_ITEMS];
    char item_marked_by[STATION_MAX_ITEMS][32];
    char leg_to[64];                 /* the current exercise's leg of the
                                        route: the checkpoint flown to ("":
                                        the exercise flies no leg)          */
    double leg_course_deg;           /* the leg's course (true)              */
    int leg_diversion;               /* the leg is a diversion: it begins
                                        where it was called (or where the
                                        leg before it ended)                */
    double leg_from_lat_deg, leg_from_lon_deg; /* a diversion's: where it
                                        began (NAN for other legs)          */
    double leg_to_lat_deg, leg_to_lon_deg; /* the leg's end                  */
    sortie_leg_values leg;           /* where the aircraft is on it          */
    int has_circle;                  /* the current exercise flies about a
                                        point (a ground reference
                                        manoeuvre): circle is set          */
    sortie_circle_values circle;
    int has_approach;                /* on a final approach to the sortie's
                                        runway: approach is set (the
                                        instructor's approach plot)         */
    sortie_approach_values approach;
    int has_lead;                    /* a formation lesson's lead flies:
                                        lead is set (sortie_lead)           */
    sortie_lead_values lead;
    int divert_open;                 /* a diversion may be called now
                                        (sortie_divert_open)                */
    int ngauges;
    station_gauge gauges[STATION_MAX_GAUGES];
    unsigned malfunctions;           /* bit per sortie_malfunction           */
    /* the malfunctions armed: each one's trigger (TRIG_NONE: not armed)
     * and value (sortie_malfunction_armed: after-s, the seconds left) */
    sortie_trigger armed[MALF_COUNT];
    double armed_value[MALF_COUNT];
    double armed_with[MALF_COUNT]; /* as armed (sortie_malfunction_armed_with) */
    sortie_weather weather;
    double ice_norm;                 /* ice on the airframe (NAN: no model)  */
    sortie_load load;                /* fuel, weight, CG, point masses       */
    rt_stats loop;
    int rt_priority;                 /* the simulation thread's real-time
                                        priority (SCHED_FIFO), 0: ordinary  */
    /* FlightGear: the state stream (fgnet.h) and the sky's link
     * (fgscene.h) */
    int fg_stream;                   /* 1: packets are being sent            */
    uint64_t fg_packets;             /* sent since the station started       */
    int fg_sky;                      /* -1 no sky link, 0 connecting, 1 up   */
    uint64_t fg_skies;               /* skies sent whole                     */
    uint64_t track_epoch;            /* changes when the track restarts      */
    uint64_t debrief_seq;            /* changes when a sortie was graded     */
    int finishing;                   /* ended sorties still being graded,
                                        debriefed or stored                  */
    uint64_t message_seq;            /* last station message (station_message) */
    uint64_t replay_epoch;           /* changes when a replay starts: its
                                        trace (station_replay_trace_get)    */
} station_snapshot;

/* A replay's parameter overlays: the flight's recorded values over the
 * window a replay plays (the true values the grader saw, not the
 * instruments'), and the bands of the elements graded in it, for the
 * instructor's strip charts (docs/station-protocol.md, "replay_trace"). */
#define STATION_TRACE_NCH 7          /* t-s, then the six channels below    */
#define STATION_TRACE_MAX_POINTS 1200 /* a longer window is thinned evenly  */
#define STATION_TRACE_MAX_BANDS 48

typedef struct station_trace_band {
    char exercise[48], title[96];    /* the element's exercise and title     */
    char channel[32], unit[16];      /* a channel of the trace: "alt-ft"    */
    double lo, hi;                   /* the accepted band; +-HUGE_VAL: open  */
    double t_start_s, t_end_s;       /* its graded window, clipped to the
                                        trace (still open: the trace's end)  */
    grade_mark mark;                 /* as it stood when the replay began    */
} station_trace_band;

typedef struct station_replay_trace {
    int npoints;
    double v[STATION_TRACE_MAX_POINTS][STATION_TRACE_NCH]; /* t_s first      */
    int nbands;
    station_trace_band bands[STATION_TRACE_MAX_BANDS];
} station_replay_trace;

/* The recorded channel of trace column i (0: "t-s", 1..6: "ias-kt",
 * "alt-ft", "vs-fpm", "pitch-deg", "roll-deg", "heading-deg"); NULL out
 * of range. */
const char *station_trace_channel(int i);

/* The trace of the replay playing, or of the last one, into *out; returns
 * its epoch (the snapshot's replay_epoch), 0 when no replay has started.
 * Any thread. */
uint64_t station_replay_trace_get(station *s, station_replay_trace *out);

/* Loads the idle lesson and readies its aircraft.  Errors: a lesson,
 * aircraft or work folder that cannot be used, a database that cannot be
 * opened (message in err). */
int station_create(const station_config *cfg, station **out, saqr_err *err);
/* Starts the simulation thread, asking for the configured real-time
 * priority: refused, the thread runs as ordinary work and the station
 * says why (a message, and station_rt_priority). */
int station_start(station *s, saqr_err *err);
/* The simulation thread's real-time priority (0: ordinary work); when
 * the configured one was refused, *refused (may be NULL) says why, else
 * it is set to NULL.  The thread that called station_start. */
int station_rt_priority(const station *s, const char **refused);
/* Runs n frames on the caller's thread, as fast as they go (tests, and
 * driving the station without real time).  SAQR_ESTATE once
 * station_start has run. */
int station_run_frames(station *s, long n, saqr_err *err);
/* Stops the simulation thread (a sortie in progress is ended and graded)
 * and frees everything, once every ended sortie is graded, debriefed and
 * stored; NULL allowed. */
void station_destroy(station *s);
/* Returns once every sortie ended so far is graded, debriefed and stored
 * (or refused by the records): an ended sortie is finished on a thread of
 * its own while the station flies on.  Any thread. */
void station_wait_finished(station *s);

/* Queues a command for the next frame.  SAQR_ESTATE (the queue is full:
 * 64 commands not yet taken) is the only failure.  Any thread.  A start
 * (SCMD_START) readies its sortie here, on the caller's thread: its
 * lesson loaded, its aircraft built and trimmed and its recording begun
 * (a few milliseconds), so that the simulation thread only puts it in
 * place.  `c->ready` is ignored (the station sets it). */
int station_submit(station *s, const station_cmd *c, saqr_err *err);

/* Sets trainee controls (bit i of `mask` set: control i of controls_id
 * takes values[i]); they reach the aircraft at the next frame when the
 * sortie's pilot is the trainee.  Values are clamped to the control's
 * range.  Any thread. */
void station_set_controls(station *s, unsigned mask, const double values[CONTROLS_COUNT]);

/* The latest snapshot.  Any thread. */
void station_snapshot_get(station *s, station_snapshot *out);

#define STATION_TRACK_MAX_POINTS 1800 /* 30 minutes */

/* The track (one point a second: lat_deg, lon_deg, alt_ft) since
 * *epoch; copies at most `max` of the latest points and returns how many. 
 * Any thread. */
int station_track(station *s, double (*points)[3], int max, uint64_t *epoch);

/* The last graded sortie: calls fn(sheet, sortie_id (0 if not stored),
 * debrief_path ("" if none), user) under the station's lock (fn must not
 * call the station).  Returns 0 when there has been none. */
int station_with_debrief(station *s,
                         void (*fn)(const grade_sheet *sheet, long long sortie_id, const char *debrief_path,
                                    void *user),
                         void *user);

/* The sorties graded since debrief *cursor (a debrief_seq; 0: since the
 * start), oldest first: fn(sheet, sortie_id, debrief_path, latest (1 for
 * the newest), user) for each under the station's lock (fn must not call
 * the station); *cursor becomes the newest.  The last five (as many as
 * may finish at once) are kept.  Returns how many. */
int station_debriefs_since(station *s, uint64_t *cursor,
                           void (*fn)(const grade_sheet *sheet, long long sortie_id, const char *debrief_path,
                                      int latest, void *user),
                           void *user);

/* Station messages (errors of commands that failed when applied, notices):
 * the first message after *cursor, copied into buf; *cursor advances.
 * Returns 0 when there is none newer. */
int station_message(station *s, uint64_t *cursor, char *buf, size_t size, int *is_error);

#endif
