/*
 * sortie.h - flying a lesson headless, faster than real time: the
 * aircraft set up as the lesson says, the reference (or a deliberately
 * degraded) pilot flying each exercise, the grader following, and the
 * flight recorder writing every channel at a fixed rate.  Also re-grading
 * a recorded sortie.
 */
#ifndef SAQR_TRAIN_SORTIE_H
#define SAQR_TRAIN_SORTIE_H

#include <stdint.h>

#include "train/airport.h"
#include "train/lesson.h"
#include "train/record.h"
#include "train/sheet.h"

typedef struct sortie_opts {
    const char *root;         /* JSBSim root holding aircraft/NAME/        */
    const airport_db *airports;
    const char *record_path;  /* NULL: no recording                         */
    const char *pilot;        /* "reference", "trainee" (no automatic pilot),
                                 "degraded" (every fault) or
                                 "degraded:bank|altitude|long|instruments|drift"
                                 (sortie_pilot_names)                     */
    double rate_hz;           /* recording and grading rate (20 if 0)       */
    const char *started_utc;  /* when it started, ISO 8601 UTC: the
                                 recording's "reference-time" (the instant
                                 t-s = 0 stands for), so that it can be
                                 stored in the records later and its ACMI
                                 export is dated; NULL: none */
    const char *trainee;      /* service number of the trainee who flies it:
                                 the recording's "trainee", so that it is
                                 stored later as that trainee's only; NULL:
                                 none named */
} sortie_opts;

/* The recorded channels, in order (channel 0 is "t-s"); NULL out of range. */
int sortie_channel_count(void);
const rec_channel *sortie_channel(int i);

/* 0 when `pilot` names a known pilot, else -1; the names, for messages. */
int sortie_pilot_valid(const char *who);
const char *sortie_pilot_names(void);

/* Flies lesson `l` (read, not yet bound) and fills `sheet`.  SAQR_OK when
 * the sortie was flown (whatever its grade); an error when it could not be
 * set up or the simulation failed (message in err; the recording, if any,
 * keeps what was flown). */
int sortie_fly(lesson *l, const sortie_opts *o, grade_sheet *sheet, saqr_err *err);
/* The same, and *flown_s receives the simulated time flown (the time of
 * the last sample, s: the sortie's duration; 0 when it could not be set
 * up). */
int sortie_fly_timed(lesson *l, const sortie_opts *o, grade_sheet *sheet, double *flown_s, saqr_err *err);

/* The same, a frame at a time, for a real-time loop: begin sets the
 * sortie up; frame runs one frame (0: go on, 1: the sortie is over, -1: it
 * failed, reason in err); end grades, closes the recording and frees the
 * sortie (also after a failure).  With pilot "trainee" no automatic pilot
 * flies: the caller moves the controls through sortie_fdm. */
typedef struct sortie sortie;
int sortie_begin(lesson *l, const sortie_opts *o, sortie **out, saqr_err *err);
int sortie_frame(sortie *s, saqr_err *err);
saqr_fdm *sortie_fdm(sortie *s);

/* What a Monte Carlo campaign (src/campaign) changes in a sortie besides
 * the lesson's set-up, which it edits in its own copy of the lesson.  A
 * zeroed struct changes nothing. */
typedef struct sortie_hooks {
    double pilot_gain_scale;  /* the reference pilot's feedback gains (kp,
                                 kd, ki of roll, pitch, throttle and g)
                                 times this; 0: as designed                */
    uint64_t gust_seed;       /* seed of the gust generator and of the
                                 aircraft's random streams (turbulence:
                                 simulation/randomseed); 0: the fixed
                                 seeds every sortie uses                   */
    /* Called once the lesson's set-up values are given to the aircraft and
     * before it is initialised and trimmed (to change its loading, say);
     * NULL: none.  A non-zero status (message in err) stops the set-up. */
    int (*before_init)(saqr_fdm *f, void *user, saqr_err *err);
    void *user;               /* handed to before_init                     */
} sortie_hooks;

/* Fills every fuel tank to `pct` percent of its capacity (clamped to
 * 0..100; propulsion/tank[k]/capacity-lbs).  Returns the number of tanks. */
int sortie_set_fuel_pct(saqr_fdm *f, double pct);

/* The simulation/randomseed value for a 64-bit seed: a whole number in
 * 1..2^53 (what a double holds exactly). */
double sortie_random_seed(uint64_t seed);

/* sortie_begin with hooks (NULL: none, the same as sortie_begin). */
int sortie_begin_hooked(lesson *l, const sortie_opts *o, const sortie_hooks *h, sortie **out, saqr_err *err);
int sortie_end(sortie *s, grade_sheet *sheet, double *flown_s, saqr_err *err);

/* Grades a recording against its lesson (binds `l` to the recording's
 * channels). */
int sortie_regrade(lesson *l, const rec_data *rec, grade_sheet *sheet, saqr_err *err);

#endif
