/*
 * lesson.h - a lesson as instructors write it (lessons/AIRCRAFT/NAME.xml,
 * format in docs/lessons.md): the set-up, the briefing, and exercises
 * flown in order, each with its entry conditions, what the reference
 * pilot flies, when it is complete, and the elements graded with their
 * tolerances and the source of each tolerance.
 *
 * Conditions are small text expressions over channels (the recorded ones,
 * "alt-ft", "ias-kt", ..., and the exercise's own "ex-time-s",
 * "turn-deg" and "rolled-deg"):  "turn-deg >= 350 and abs(roll-deg) < 5".  A value may be
 * "entry", "entry+N" or "entry-N": the channel's value when the exercise
 * began.  Channel names are checked when the lesson is bound to a
 * recording's channel list (lesson_bind), not when it is read.
 *
 * Who frees what: lesson_load fills a lesson that lesson_free frees, also
 * after a failed load.
 */
#ifndef SAQR_TRAIN_LESSON_H
#define SAQR_TRAIN_LESSON_H

#include "util/err.h"

#define LESSON_NAME_MAX 48
#define LESSON_MAX_CLAUSES 4
#define LESSON_MAX_SETS 16
/* The recorded channel of the gust factor in force, kt: how far gusts
 * rise above the mean wind (the weather's gust setting). */
#define LESSON_GUST_CHANNEL "gust-kt"
/* The recorded channels of the steady (mean) wind: where it blows from,
 * deg true, and its speed, kt; with the true airspeed, what a heading's
 * wind correction (wind-correction=) is worked out from. */
#define LESSON_WIND_FROM_CHANNEL "wind-from-deg"
#define LESSON_WIND_KT_CHANNEL "wind-kt"
#define LESSON_TAS_CHANNEL "tas-kt"
/* The aircraft's mass, kg: what an airspeed given at a mass is scaled by. */
#define LESSON_MASS_CHANNEL "mass-kg"

/* A number, or a channel's value at the exercise's start plus a number. */
typedef struct lesson_value {
    double v;          /* NAN when not given                              */
    int from_entry;    /* 1: v is added to the entry value                */
    /* an airspeed given at a mass ("150@7600kg"): v is the speed at
     * at_mass_kg, flown at the mass of the exercise's entry as
     * v sqrt(mass / at_mass_kg) - the same lift coefficient, so the same
     * angle of attack (a fighter's approach speed by its weight); 0: none */
    double at_mass_kg;
    int mass_ch;       /* the mass channel (bound; -1: not recorded, the
                          speed as given)                                 */
} lesson_value;

typedef enum lesson_op { LOP_LT, LOP_LE, LOP_GT, LOP_GE } lesson_op;

typedef struct lesson_clause {
    char channel[LESSON_NAME_MAX];
    int ch;            /* channel index once bound, -1 before             */
    int absolute;      /* abs(channel)                                    */
    lesson_op op;
    lesson_value value;
} lesson_clause;

typedef struct lesson_cond {
    int nclauses;      /* 0: no condition (always true)                   */
    int any;           /* 1: clauses joined by "or", 0: by "and"          */
    lesson_clause c[LESSON_MAX_CLAUSES];
    char text[160];    /* as written, for messages                        */
} lesson_cond;

/* What the reference pilot flies in one segment of an exercise. */
typedef enum lesson_mode {
    LMODE_FLY = 0,     /* attitude / altitude / speed targets             */
    LMODE_TAKEOFF,     /* runway: centreline, full power, rotate at vr    */
    LMODE_APPROACH,    /* final approach on the glide path to the runway  */
    LMODE_LAND,        /* flare, touch down, roll out and brake           */
    LMODE_FORMATION,   /* keep station on the lesson's lead aircraft      */
    LMODE_COUNT
} lesson_mode;

typedef struct lesson_segment {
    lesson_mode mode;
    lesson_value bank_deg, heading_deg, alt_ft, vs_fpm, pitch_deg, ias_kt, mach;
    double throttle, flaps, gear, brake;  /* NAN: leave as is              */
    double speedbrake; /* speed brake 0..1, NAN: leave as is              */
    double g;          /* normal load factor to pull (elevator), NAN: none */
    int g_level;       /* g="level": the load factor of a level turn at the
                          bank flown (1/cos bank), corrected towards the
                          altitude target (or no climb nor sink) - the
                          break's pull, flown by feel rather than attitude */
    int g_pullout;     /* g="pull-out": the load factor that levels a dive
                          off at the altitude target (pilot.c pullout_g) */
    double alpha_deg;  /* angle of attack to hold (elevator), NAN: none   */
    double aileron, elevator; /* held fixed (-1..1), NAN: flown           */
    double rudder;     /* pedals held (-1..1, > 0 nose left), NAN: the ball */
    int wings_free;    /* 1: no bank hold (loops), the roll rate damped   */
    double vr_kt;      /* take-off rotation speed                         */
    double line_right_ft; /* line-right-ft=: the line along the runway the
                          runway's laws steer on (take-off roll and
                          climb-out, approach, landing, a formation's
                          roll), ft right of the centreline (0: on it) */
    double glide_deg;  /* approach path angle                             */
    int heading_is_track; /* track-deg= given: heading_deg is the ground
                          track to make good, the drift laid off         */
    int course_runway; /* course="runway": track the runway's extended
                          centreline (heading from the cross-track offset) */
    int course_leg;    /* course="leg": fly the exercise's leg of the route,
                          the track that closes the cross-track offset
                          with the drift laid off                       */
    double intercept_deg_per_nm; /* intercept-deg-per-nm=: on a leg, the
                          track's angle towards the course a mile off it
                          (at most 30 deg; NAN: the navigation's 10, at
                          most 20) - a ground reference's sides are
                          flown closer than a cross-country's           */
    int glide_free;    /* <land path="glide">: no glide path, best-glide
                          speed on the pitch straight ahead (no engine)  */
    int energy_speedbrake; /* energy="speedbrake" on a <land path="glide">:
                          the speed brake steepens the glide onto the
                          path to aim-ft (pilot_runway.c), as a jet's
                          flame-out final is flown high and its energy
                          taken off with the brake                       */
    double aim_ft;     /* approach aim point past the threshold; on a
                          gliding turn to final (<fly course="runway"
                          bank-deg>), the point its glide is judged to
                          (pilot_glide.c); NAN: none (<fly>)             */
    double final_ias_kt; /* final-ias-kt=: the airspeed of the final that
                          gliding turn leads to (NAN: the turn's own)    */
    double final_glide_deg; /* final-glide-deg=: that final's glide angle
                          in still air, deg (NAN: the glide's as seen)  */
    double gust_share; /* gust-factor=: the share of the gust factor in
                          force the reference pilot adds to ias-kt
                          (default 0.5 on <approach> and powered <land>,
                          0 elsewhere)                                   */
    double max_bank_deg; /* heading changes bank at most this             */
    int circle_dir;    /* circle="left|right": -1 or +1, flies the
                          exercise's circle about its point (around=) at
                          its radius, the wind's drift corrected as the
                          ground track is seen (pilot.c fly_circle); 0:
                          none                                           */
    double wind_factor; /* wind-correction=K: heading_deg is a track, and
                          the heading flown is it plus K times the wind
                          correction that makes it good (3: a holding's
                          outbound leg); 0: none                         */
    /* <formation>: the station kept on the lead (lesson_lead), the
     * aircraft's place in the lead's frame (form-*-ft channels) */
    double station_ahead_ft, station_right_ft, station_above_ft;
    lesson_cond until; /* the segment ends when this holds               */
    double max_s;      /* ... or after this long                          */
    char event[LESSON_NAME_MAX]; /* "engine-failure": an event it causes at start */
    char where[96];    /* file:line                                       */
} lesson_segment;

typedef enum lesson_at { LAT_HOLD = 0, LAT_END, LAT_EVENT } lesson_at;

/* One graded element. */
typedef struct lesson_grade {
    char id[LESSON_NAME_MAX];
    char title[96];
    char channel[32];
    int ch;            /* channel index once bound                        */
    char unit[16];
    char source[160];  /* where the tolerance comes from (required)       */
    lesson_value target; /* centre of the band, with tolerance            */
    double tolerance;  /* half-width; for a one-sided limit: the scale of
                          an excursion that makes it Unsatisfactory       */
    double min, max;   /* a one-sided or fixed band instead of target     */
    int wrap360;       /* angles: deviations taken modulo 360             */
    lesson_at at;
    char event[LESSON_NAME_MAX]; /* for LAT_EVENT                         */
    lesson_cond from, until; /* window inside the exercise (optional)     */
    int from_captured; /* from="captured": the window opens when the value
                          first comes within half the tolerance          */
    double gust_share; /* gust-factor=: this share of the gust factor in
                          force when the exercise begins (channel
                          "gust-kt") moves the whole band up - an approach
                          speed "with gust factor applied" (0: none)     */
    int gust_ch;       /* "gust-kt" once bound; -1: not recorded (older
                          recordings), the band unmoved                  */
    double wind_factor; /* wind-correction=K: the heading band moves by K
                          times the wind correction that makes its target
                          good as a track, in the steady wind and at the
                          true airspeed when the exercise begins (0: none) */
    int wind_ch[3];    /* "tas-kt", "wind-from-deg", "wind-kt" once bound;
                          -1: not recorded (older recordings), unmoved   */
    char where[96];
} lesson_grade;

/* An item of the grade sheet the simulator cannot observe and the
 * instructor marks at the debrief (<instructor-grade id= title= source=>):
 * a checklist, the lookout and clearing turns, the radio calls, the
 * decision to go around - what a paper grade sheet's procedure and
 * headwork items are. */
typedef struct lesson_item {
    char id[LESSON_NAME_MAX];
    char title[96];
    char source[160];  /* the standard it is marked against (required)    */
} lesson_item;

/* A checkpoint of a navigation route (<route><checkpoint>): a landmark
 * the flight plan names, by its geodetic position. */
#define LESSON_MAX_CHECKPOINTS 16
typedef struct lesson_checkpoint {
    char id[LESSON_NAME_MAX];
    char name[64];     /* as the briefing shows it                        */
    double lat_deg, lon_deg;
} lesson_checkpoint;

typedef struct lesson_route {
    int n;             /* 0: the lesson has no route                      */
    lesson_checkpoint cp[LESSON_MAX_CHECKPOINTS];
    double tas_kt;     /* the flight plan's true airspeed (NAN: the one
                          flown when each leg begins)                    */
} lesson_route;

/* A leg from one checkpoint to the next (an exercise's leg-from= and
 * leg-to=), in a flat frame of north and east nautical miles about its
 * start (lesson_route.h).  A diversion (divert-to=) is a leg from where
 * the aircraft is when the exercise begins: the lesson holds it as a
 * plan (from LESSON_LEG_DIVERT, only `to`, its position and plan_tas_kt
 * set), and the exercise flies it made from that position (from
 * LESSON_LEG_DIVERTED, every field set; lat0/lon0 where it began). */
#define LESSON_LEG_NONE (-1)
#define LESSON_LEG_DIVERT (-2)
#define LESSON_LEG_DIVERTED (-3)
typedef struct lesson_leg {
    int from, to;      /* checkpoint indices, or LESSON_LEG_* for from    */
    double to_lat_deg, to_lon_deg; /* the leg's end                        */
    double lat0_deg, lon0_deg;
    double nm_per_deg_lat, nm_per_deg_lon; /* at the leg's mean latitude  */
    double end_n_nm, end_e_nm; /* the leg's end from its start            */
    double course_deg; /* true                                            */
    double length_nm;
    double plan_tas_kt; /* the route's tas_kt                              */
} lesson_leg;

/* A ground-reference circle (turns around a point, S-turns): the point
 * an exercise's around= names and the radius flown about it, radius-nm=.
 * The point is a checkpoint of the route, or one taken when the exercise
 * begins, the radius abeam to the left or right of the heading (an
 * S-turn's half-circle begins crossing its road, the centre on it). */
typedef enum lesson_around_kind {
    LAROUND_NONE = 0,
    LAROUND_POINT,      /* the checkpoint at lat_deg, lon_deg              */
    LAROUND_ABEAM_LEFT, /* radius_nm to the left of the entry's heading    */
    LAROUND_ABEAM_RIGHT
} lesson_around_kind;

typedef struct lesson_around {
    lesson_around_kind kind;
    int cp;                  /* LAROUND_POINT's checkpoint of the route   */
    double lat_deg, lon_deg; /* LAROUND_POINT's                            */
    double radius_nm;
} lesson_around;

typedef struct lesson_exercise {
    char id[LESSON_NAME_MAX];
    char title[96];
    lesson_cond entry;   /* must hold for the exercise to begin           */
    double entry_timeout_s; /* not observed when entry has not held by then */
    lesson_cond complete; /* the exercise is done                          */
    double max_s;      /* ... or stops, incomplete, after this long       */
    int nsegments;
    lesson_segment *segments;
    int ngrades;
    lesson_grade *grades;
    int nitems;        /* <instructor-grade>: what the instructor marks   */
    lesson_item *items;
    char malfunction[LESSON_NAME_MAX]; /* inserted when it starts ("": none) */
    char clear[LESSON_NAME_MAX];       /* a malfunction cleared when it starts
                                          (an airstart; "": none)          */
    int by_instructor; /* flown-by="instructor": the reference pilot flies it
                          even when a trainee has the controls (a set-up
                          such as an unusual attitude, or a demonstration) */
    lesson_leg leg;    /* the route's leg flown (leg.from -1: none; a
                          diversion's: LESSON_LEG_DIVERT)                */
    lesson_around around; /* the circle flown about a point (kind 0: none) */
    char where[96];
} lesson_exercise;

typedef struct lesson_set {
    char property[96];
    double value;
} lesson_set;

typedef struct lesson_setup {
    char airport[8], runway[8]; /* the lesson's runway (graded frame)       */
    long runway_line;  /* the line of the element naming them (messages)  */
    int on_runway;     /* 1: start lined up at the runway's threshold     */
    double runway_right_ft; /* <on-runway right-ft=>: lined up this far
                          right of the centreline (0: on it)              */
    int glide_slope_off; /* glide-slope="off": the runway's ILS without
                          its glide slope (a localizer approach)        */
    /* airborne start: from the runway threshold */
    double bearing_deg, distance_nm, alt_ft, heading_deg, ias_kt;
    double fuel_pct;   /* NAN: the aircraft's default load                */
    double wind_from_deg, wind_kt;
    int turbulence;    /* 0 none, 1 light, 2 moderate                     */
    double flaps, gear, throttle; /* initial settings (NAN: defaults)      */
    /* <sky>: what the visuals show (sortie_weather's fields of the same
     * names; NAN: the default sky) */
    double visibility_m, cloud_cover, cloud_base_ft, time_of_day;
    int nsets;
    lesson_set sets[LESSON_MAX_SETS];
} lesson_setup;

/* A formation lesson's lead (<lead>): a second aircraft of the lesson's
 * type, flown by the reference pilot through a profile of its own (its
 * segments; their conditions read the lead's own channels), trimmed as
 * the trainee's aircraft is and placed so that the trainee starts at
 * ahead_ft / right_ft / above_ft of it - the same frame as the channels
 * form-ahead-ft, form-right-ft and form-above-ft: along the lead's
 * heading, to its right, and above it. */
/* Closer than this (ft, between the aircraft's reference points) two
 * aircraft of a formation touch: a station or a start must be farther. */
#define LESSON_MIN_SEPARATION_FT 30.0
/* A line along the runway (line-right-ft=, <on-runway right-ft=>) is at
 * most this far from its centreline; the runway's own width is checked
 * when the sortie begins. */
#define LESSON_LINE_MAX_FT 100.0
/* ... and an aircraft's wheels this far inside the runway's edge. */
#define LESSON_RUNWAY_EDGE_FT 10.0

typedef struct lesson_lead {
    int present;
    double ahead_ft, right_ft, above_ft;
    lesson_exercise plan; /* id "lead": segments only, no grades           */
} lesson_lead;

typedef struct lesson {
    char id[64];       /* "super-mushak/steep-turns"                      */
    char aircraft[32];
    char title[96];
    char *briefing;    /* owned                                           */
    lesson_setup setup;
    double max_s;      /* the whole sortie stops after this long          */
    lesson_route route;
    lesson_lead lead;  /* present 0: no lead aircraft                     */
    int nexercises;
    lesson_exercise *exercises;
    char path[512];
} lesson;

/* 1 when `id` is a lesson id: AIRCRAFT/NAME of lower-case letters, digits
 * and dashes, at most 63 bytes - never a path that leaves the lessons
 * folder; else 0. */
int lesson_id_valid(const char *id);

/* Reads a lesson file.  `expect_id`, when not NULL, must equal the file's
 * id= (lessons/AIRCRAFT/NAME.xml has id AIRCRAFT/NAME).  SAQR_EPARSE with
 * file:line, or SAQR_EIO naming the file. */
int lesson_load(const char *path, const char *expect_id, lesson *l, saqr_err *err);
/* The same from memory (for the fuzzer); `name` is used in messages. */
int lesson_parse_memory(const char *buf, size_t len, const char *name, lesson *l, saqr_err *err);
void lesson_free(lesson *l);

/* Resolves every channel name against `names` (n of them; the derived
 * channels follow them: "ex-time-s", "turn-deg", "rolled-deg", and on a
 * route's leg "xtk-nm", "to-go-nm", "eta-error-min" and
 * "hdg-error-deg", about an exercise's point "point-nm" and
 * "around-deg").  SAQR_EPARSE naming the file:line of an unknown
 * channel. */
#define LESSON_NDERIVED 9
#define LESSON_CH_EX_TIME(n) (n)
#define LESSON_CH_TURN(n) ((n) + 1)
#define LESSON_CH_ROLLED(n) ((n) + 2)
#define LESSON_CH_XTK(n) ((n) + 3)
#define LESSON_CH_TO_GO(n) ((n) + 4)
#define LESSON_CH_ETA_ERR(n) ((n) + 5)
#define LESSON_CH_HDG_ERR(n) ((n) + 6)
#define LESSON_CH_POINT_NM(n) ((n) + 7)
#define LESSON_CH_AROUND(n) ((n) + 8)
int lesson_bind(lesson *l, const char *const *names, int n, saqr_err *err);

/* The name of derived channel i (0..LESSON_NDERIVED-1: "ex-time-s", ...),
 * NULL for another i. */
const char *lesson_derived_name(int i);

/* As lesson_bind for a recording, which may be older than the lesson: a
 * graded channel it lacks leaves that element unbound (its channel index
 * -1), and the grader reports it not observed.  Conditions must still bind:
 * without them the exercises cannot be followed. */
int lesson_bind_recorded(lesson *l, const char *const *names, int n, saqr_err *err);

/* The recorded channels the derived ones are worked out from (indices,
 * -1 when absent: the derived values that need them are NAN, or on a leg
 * the wind taken as calm). */
typedef struct lesson_derived_inputs {
    int t, heading, roll, lat, lon, tas, wind_from, wind_kt;
} lesson_derived_inputs;

/* Finds those channels among `names` by their recorded names. */
lesson_derived_inputs lesson_derived_inputs_find(const char *const *names, int n);

/* The derived channels of an exercise: time since it began, heading
 * change and roll-angle change since it began (each summed through
 * +-180 deg, right positive); on a route's leg, the distance off its
 * course (right positive) and to go along it to its end, how late the
 * aircraft is against the flight plan's time for the distance covered
 * since the exercise began (minutes; at the leg's end, the arrival
 * against its ETA), and the
 * heading less the plan's (the course corrected for the steady wind at
 * the plan's true airspeed, when the leg begins), +-180. */
typedef struct lesson_derived {
    int nch;                 /* recorded channels; derived ones follow    */
    lesson_derived_inputs in;
    double t0_s, turn_deg, rolled_deg, prev_heading, prev_roll;
    const lesson_leg *leg;   /* NULL: the exercise flies no leg           */
    lesson_leg diverted;     /* a diversion's leg, made where it began    */
    double plan_heading_deg, plan_gs_kt; /* the leg's flight plan          */
    double along0_nm;        /* where along it the exercise began         */
    /* about the exercise's point (around=; has_point 0: none) */
    int has_point;
    double point_lat_deg, point_lon_deg, point_nm_per_deg_lat, point_nm_per_deg_lon;
    double point_bearing_deg; /* from the point to the aircraft, true     */
    double around_deg, prev_bearing_deg;
} lesson_derived;

void lesson_derived_init(lesson_derived *d, int nch, const lesson_derived_inputs *in);
/* The exercise begins at v (its leg, or NULL): zero the derived values
 * (written into v) and work out the leg's plan.  A diversion's plan
 * (LESSON_LEG_DIVERT) is made into a leg from the position at v (none
 * when that is not known, or within 0.1 nm of its end).  An exercise
 * that flies about a point (around, or NULL / kind LAROUND_NONE: none)
 * has it fixed here (one abeam taken from the
 * position and heading at v), and "point-nm" (the distance from it) and
 * "around-deg" (the angle swept about it since the exercise began,
 * clockwise - a right turn - positive) written into v; without a point
 * or a position they are NAN. */
void lesson_derived_begin(lesson_derived *d, double *v, const lesson_leg *leg, const lesson_around *around);
/* A new sample: the derived values are written into v. */
void lesson_derived_update(lesson_derived *d, double *v);

/* Angle difference now - prev folded into [-180, 180). */
double lesson_angle_step_deg(double prev_deg, double now_deg);

/* Evaluates a bound condition on channel values `v` (with the derived ones
 * appended), `entry` the values at the exercise's start. */
int lesson_cond_holds(const lesson_cond *c, const double *v, const double *entry);
/* A value: v, or entry[ch] + v when from_entry, or an airspeed at a mass
 * scaled to the entry's mass. */
double lesson_value_at(const lesson_value *x, int ch, const double *entry);
/* Element lg's accepted band: its target (NAN when it has limits only, a
 * heading's within 0..360), lo and hi (-/+HUGE_VAL on an open side).  A
 * target about the exercise's entry value, and a band moved by the gust
 * factor or the wind's correction, are taken from `entry`; with entry
 * NULL such a band is not known yet: 0, the outputs untouched.
 * 1 otherwise.  The grader's bands and the campaign's histograms. */
int lesson_grade_band(const lesson_grade *lg, const double *entry, double *target, double *lo, double *hi);

#endif
