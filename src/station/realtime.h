/*
 * realtime.h - the station's real-time loop: runs a frame callback at a
 * steady rate (120 Hz by default) against the wall clock, keeps time
 * honestly and says when it could not.
 *
 * The flight library never reads a clock; this loop does, through an
 * injectable `rt_clock`, so tests can drive it with a fake clock and get the
 * same answer every time.  Frames are scheduled on absolute deadlines
 *
 *     deadline(n) = anchor_wall_s + (n - anchor_frame) / (rate_hz * scale)
 *
 * so sleep jitter never accumulates into drift.  Each frame advances sim
 * time by exactly 1 / rate_hz whatever the time scale: a scale of 4 runs
 * frames four times as often (replays), 0.5 half as often (slow motion).
 *
 * Falling behind: when several deadlines have passed (a slow frame, a
 * stalled machine), one step runs the overdue frames back-to-back, provided
 * no more than `catchup_max` frames (default 4) are overdue beyond the one
 * due now.  A longer backlog is dropped: the schedule is re-anchored at the
 * present, the dropped frames are counted, and sim time from then on trails
 * wall time by the dropped amount (rt_stats.behind_s).  A frame that starts
 * more than one wall frame period after its deadline is an overrun.
 *
 * Pause: while paused no frames run and sim time stands still.  Resuming
 * re-anchors the schedule at that moment: the next frame runs at once, the
 * paused time is not lag and no burst of catch-up frames follows (a backlog
 * the loop already had when the pause began is dropped and counted).
 *
 * Breaks: a frame that does work which is not flight - a station loading
 * the next sortie's aircraft, or grading and storing the last one - says
 * so with rt_loop_break.  The time it takes is then counted as a break,
 * not as lateness: the schedule re-anchors when that frame returns, and
 * the frames that fell due meanwhile are neither run nor counted dropped.
 *
 * Threads: one thread (the loop thread) calls rt_loop_step / rt_loop_run /
 * rt_loop_stats / rt_loop_set_catchup.  rt_loop_pause, rt_loop_resume,
 * rt_loop_set_scale and rt_loop_request_stop only store C11 atomics and may
 * be called from any thread (e.g. the web instructor station); the loop
 * thread applies them at its next step, within one frame period or
 * RT_MAX_WAIT_S, whichever is shorter.  Nothing allocates; there is no
 * global state, so any number of loops may run side by side.
 *
 * Policy and examples: docs/realtime.md.
 */
#ifndef SAQR_STATION_REALTIME_H
#define SAQR_STATION_REALTIME_H

#include <stdatomic.h>
#include <stdint.h>

#include "saqr.h"
#include "util/err.h"

#define RT_DEFAULT_RATE_HZ 120.0 /* frame rate when the caller has no other wish */
#define RT_MIN_RATE_HZ 1.0       /* accepted frame rates, inclusive            */
#define RT_MAX_RATE_HZ 10000.0
#define RT_MIN_SCALE (1.0 / 1024.0) /* accepted time scales, inclusive         */
#define RT_MAX_SCALE 64.0
#define RT_DEFAULT_CATCHUP 4     /* overdue frames made up before dropping     */
#define RT_MAX_CATCHUP 1000      /* largest accepted catch-up limit            */
#define RT_MAX_WAIT_S 0.1        /* longest single sleep of one step, s        */

/* rt_loop_step's result when the frame callback asked to stop. */
#define RT_FRAME_STOPPED (-1)

/* Why rt_loop_run returned. */
typedef enum rt_end {
    RT_END_EINVAL = -1, /* wall_seconds NaN or negative, or the loop was never
                           initialised; nothing ran                          */
    RT_END_TIME = 0,    /* the requested wall time has passed                  */
    RT_END_FLAG = 1,    /* *stop_flag was set or rt_loop_request_stop called    */
    RT_END_FRAME = 2    /* the frame callback returned non-zero                */
} rt_end;

/* A wall clock.  `now_s` returns seconds on a monotonic scale (any origin);
 * `sleep_until_s` returns no earlier than `t_s` on that scale if it can
 * (returning immediately when t_s has passed).  A clock that wakes early is
 * tolerated: the loop simply waits again. */
typedef struct rt_clock {
    double (*now_s)(void *user);                /* current time, s            */
    void (*sleep_until_s)(void *user, double t_s); /* block until t_s, s     */
    void *user;                                 /* passed to both, may be NULL */
} rt_clock;

/* The machine's monotonic clock (CLOCK_MONOTONIC; sleeps with
 * clock_nanosleep TIMER_ABSTIME and resumes after signals).  Can't fail. */
rt_clock rt_clock_monotonic(void);

/* Frame callback: advance the simulation by sim_dt_s (= 1 / rate_hz; the
 * flight model may sub-step inside).  Return 0 to go on, non-zero to stop. */
typedef int (*rt_frame_fn)(void *user, double sim_dt_s);

/* What the loop has done since rt_loop_init. */
typedef struct rt_stats {
    uint64_t frames;         /* frames run (the callback was called)          */
    double sim_dt_s;         /* sim time per frame, s (1 / rate_hz)           */
    double sim_time_s;       /* sim time advanced: frames * sim_dt_s, s       */
    double wall_s;           /* wall time running (pauses excluded) from the
                                first step to the last clock reading, s      */
    double paused_s;         /* wall time spent paused, s                     */
    uint64_t overruns;       /* frames started > one wall period late         */
    double worst_late_s;     /* largest start lateness of any frame, s        */
    uint64_t catchup_frames; /* frames run back-to-back behind an earlier
                                frame of the same step to catch up           */
    uint64_t dropped_frames; /* frames skipped when the backlog was too long  */
    uint64_t drop_events;    /* times the schedule was re-anchored for that   */
    double behind_s;         /* sim time lost to drops: dropped * sim_dt_s, s */
    double scale;            /* time scale in effect (sim s per wall s)       */
    int paused;              /* 1 while paused, as last applied by the loop   */
    uint64_t breaks;         /* frames that said they were a break between
                                flights (rt_loop_break)                      */
    double break_s;          /* wall time those frames took, s: not counted
                                as lateness, and left out of wall_s          */
} rt_stats;

/* The loop.  Caller-allocated; all fields are private to realtime.c.
 * Invariants: rate_hz in [RT_MIN_RATE_HZ, RT_MAX_RATE_HZ]; scale in
 * [RT_MIN_SCALE, RT_MAX_SCALE]; period_s = 1 / (rate_hz * scale);
 * the next frame (index st.frames) is due at deadline(st.frames). */
typedef struct rt_loop {
    rt_clock clock;             /* where wall time comes from                 */
    rt_frame_fn frame;          /* called once per frame                      */
    void *user;                 /* first argument of `frame`                  */
    double rate_hz;             /* frames per sim second, Hz                  */
    int catchup_max;            /* overdue frames made up before dropping     */
    atomic_int pause_req;       /* any thread: 1 = pause wanted               */
    atomic_int stop_req;        /* any thread: 1 = rt_loop_run should return  */
    _Atomic double scale_req;   /* any thread: wanted time scale              */
    /* loop thread only */
    int started;                /* 1 after the first step anchored the clock  */
    double period_s;            /* wall time between frames at `scale`, s     */
    double anchor_wall_s;       /* deadline of frame `anchor_frame`, s        */
    uint64_t anchor_frame;      /* frame index the schedule is anchored at    */
    double start_wall_s;        /* clock reading at the first step, s         */
    double pause_wall_s;        /* clock reading when the pause began, s      */
    double paused_done_s;       /* wall time of finished pauses, s            */
    uint64_t pause_backlog;     /* overdue frames when the pause began        */
    double last_now_s;          /* latest clock reading, s                    */
    int break_req;              /* the frame running called rt_loop_break     */
    rt_stats st;                /* statistics (frames, paused, scale live here) */
} rt_loop;

/* Sets up `l` to call frame(user, 1 / rate_hz) rate_hz times per wall
 * second (scale 1, not paused, catch-up RT_DEFAULT_CATCHUP).  The clock is
 * first read by the first step, which runs frame 0 at once.  On failure
 * (rate not a finite number in [1, 10000] Hz, a NULL callback or clock
 * function) returns SAQR_EINVAL with a message in err (may be NULL) and
 * leaves *l zeroed, not usable. */
saqr_status rt_loop_init(rt_loop *l, double rate_hz, rt_clock clock, rt_frame_fn frame, void *user,
                         saqr_err *err);

/* Sets how many overdue frames (beyond the one due now) a step makes up
 * back-to-back before it drops the backlog instead; 0 drops any backlog.
 * Loop thread only.  Returns SAQR_EINVAL (changing nothing) outside
 * [0, RT_MAX_CATCHUP]. */
saqr_status rt_loop_set_catchup(rt_loop *l, int catchup_max, saqr_err *err);

/* Waits for the next deadline (at most RT_MAX_WAIT_S) and runs the frames
 * that are due.  Returns the number of frames run (0 when paused or when the
 * wait was cut short), or RT_FRAME_STOPPED when the callback returned
 * non-zero (that frame counts as run; a later step carries on) or the loop
 * was never successfully initialised. */
int rt_loop_step(rt_loop *l);

/* Steps for wall_seconds of wall time from now (INFINITY: no limit; paused
 * time counts, it is wall time) or until *stop_flag (may be NULL; e.g. set
 * by a signal handler) is non-zero or rt_loop_request_stop was called.
 * A frame due within a nanosecond of the end is left to the next run, so
 * consecutive runs of 1 s at 120 Hz give exactly 120 frames each.
 * Returns why it ended (rt_end). */
rt_end rt_loop_run(rt_loop *l, double wall_seconds, volatile const int *stop_flag);

/* Asks the loop to pause / resume at its next step.  Any thread; can't fail. */
void rt_loop_pause(rt_loop *l);
void rt_loop_resume(rt_loop *l);

/* Asks for a time scale (sim seconds per wall second): 1 real time, 2, 4 ...
 * faster (replays), below 1 slow motion.  Any thread.  Returns SAQR_EINVAL
 * (changing nothing; message in err, which may be NULL) unless scale is a
 * finite number in [RT_MIN_SCALE, RT_MAX_SCALE]. */
saqr_status rt_loop_set_scale(rt_loop *l, double scale, saqr_err *err);

/* Makes the current (or next) rt_loop_run return RT_END_FLAG.  Any thread;
 * can't fail.  The request is consumed by that return. */
void rt_loop_request_stop(rt_loop *l);

/* Called from inside the frame callback: this frame is a break between
 * flights, whose length is not lateness (see "Breaks" above).  Loop thread
 * only; can't fail. */
void rt_loop_break(rt_loop *l);

/* Copies the statistics into *out.  Loop thread only (or from inside the
 * frame callback); can't fail. */
void rt_loop_stats(const rt_loop *l, rt_stats *out);

#endif
