/*
 * test_realtime.c - the station's real-time loop (src/station/realtime.c).
 *
 * Most tests drive the loop with a fake clock whose sleeps advance fake time
 * exactly to the requested deadline (optionally waking late by a seeded
 * random jitter); frames may "take" time by advancing the fake clock.  The
 * expected frame counts follow from the schedule worked out by hand in each
 * test (deadline of frame k = t0 + k / (rate * scale)).  The last three
 * use the machine's monotonic clock: a half-second run, sleeps interrupted
 * by signals, and a second thread steering the loop.
 */
#include "test_util.h"

#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <time.h>

#include "station/realtime.h"
#include "util/rng.h"

#define T0_S 1000.0          /* fake clock start, s (not 0, like a real one) */
#define P120_S (1.0 / 120.0) /* frame period at 120 Hz, s                   */

/* ---------------------------------------------------------- fake clock */

typedef struct fake_clock {
    double t_s;          /* current fake time, s                            */
    double jitter_max_s; /* each sleep wakes late by U(0, jitter_max_s), s  */
    saqr_rng rng;        /* draws the jitter                                 */
    uint64_t sleeps;     /* sleeps that had to wait                          */
} fake_clock;

static double fake_now(void *user)
{
    return ((fake_clock *)user)->t_s;
}

static void fake_sleep_until(void *user, double t_s)
{
    fake_clock *c = user;
    if (t_s <= c->t_s)
        return;
    c->t_s = t_s + c->jitter_max_s * rng_uniform(&c->rng);
    c->sleeps++;
}

static rt_clock fake(fake_clock *c, double jitter_max_s)
{
    memset(c, 0, sizeof *c);
    c->t_s = T0_S;
    c->jitter_max_s = jitter_max_s;
    rng_seed(&c->rng, 20240607);
    rt_clock clk = {fake_now, fake_sleep_until, c};
    return clk;
}

/* ------------------------------------------------------ frame recorder */

#define MAX_STARTS 20000

typedef struct recorder {
    fake_clock *clk;       /* advanced by the frame's own work and stalls      */
    rt_loop *loop;         /* for requests made from inside a frame            */
    uint64_t calls;        /* frames run                                       */
    double dt_min_s;       /* smallest sim_dt_s seen, s                         */
    double dt_max_s;       /* largest sim_dt_s seen, s                          */
    double start_s[MAX_STARTS]; /* fake time at the start of each frame, s     */
    uint64_t stall_at;     /* 1-based call that stalls (0 = none)              */
    double stall_s;        /* how long it stalls, s                            */
    uint64_t stall_every;  /* also stall every this many calls (0 = never)     */
    double work_max_s;     /* every frame takes U(0, work_max_s), s            */
    saqr_rng rng;          /* draws the work                                   */
    uint64_t stop_at;      /* 1-based call that returns 1 (0 = never)          */
    uint64_t pause_at;     /* 1-based call that pauses the loop (0 = never)    */
    volatile int *flag;    /* set to 1 on call flag_at                         */
    uint64_t flag_at;      /* 1-based call that sets *flag (0 = never)         */
    uint64_t request_at;   /* 1-based call that requests a stop (0 = never)    */
    uint64_t break_at;     /* 1-based call that says it is a break (0 = never) */
} recorder;

static int record_frame(void *user, double sim_dt_s)
{
    recorder *r = user;
    if (r->calls < MAX_STARTS)
        r->start_s[r->calls] = r->clk ? r->clk->t_s : 0.0;
    r->calls++;
    if (r->calls == 1 || sim_dt_s < r->dt_min_s)
        r->dt_min_s = sim_dt_s;
    if (r->calls == 1 || sim_dt_s > r->dt_max_s)
        r->dt_max_s = sim_dt_s;
    if (r->clk) {
        if (r->calls == r->stall_at || (r->stall_every && r->calls % r->stall_every == 0))
            r->clk->t_s += r->stall_s;
        if (r->work_max_s > 0.0)
            r->clk->t_s += r->work_max_s * rng_uniform(&r->rng);
    }
    if (r->calls == r->pause_at)
        rt_loop_pause(r->loop);
    if (r->calls == r->flag_at)
        *r->flag = 1;
    if (r->calls == r->request_at)
        rt_loop_request_stop(r->loop);
    if (r->calls == r->break_at)
        rt_loop_break(r->loop);
    return r->calls == r->stop_at;
}

/* Everything one test needs; allocated by fx_setup (a default loop at
 * 120 Hz on a fake clock without jitter), freed by fx_teardown. */
typedef struct fixture {
    rt_loop l;      /* the loop under test         */
    fake_clock c;   /* its clock                   */
    recorder rec;   /* what its frames saw         */
} fixture;

/* Re-makes f's loop at rate_hz on a fake clock with the given sleep jitter,
 * recording into a zeroed recorder. */
static void reset(fixture *f, double rate_hz, double jitter_max_s)
{
    memset(&f->rec, 0, sizeof f->rec);
    f->rec.clk = &f->c;
    f->rec.loop = &f->l;
    rng_seed(&f->rec.rng, 77);
    saqr_err err;
    assert_int_equal(rt_loop_init(&f->l, rate_hz, fake(&f->c, jitter_max_s), record_frame, &f->rec, &err), SAQR_OK);
}

/* Re-makes f's loop at 120 Hz on the machine's monotonic clock. */
static void reset_monotonic(fixture *f)
{
    memset(&f->rec, 0, sizeof f->rec);
    f->rec.loop = &f->l;
    assert_int_equal(rt_loop_init(&f->l, 120.0, rt_clock_monotonic(), record_frame, &f->rec, NULL), SAQR_OK);
}

static int fx_setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    reset(f, RT_DEFAULT_RATE_HZ, 0.0);
    *state = f;
    return 0;
}

static int fx_teardown(void **state)
{
    free(*state);
    return 0;
}

/* A test run with a fresh fixture. */
#define FX_TEST(name) cmocka_unit_test_setup_teardown(name, fx_setup, fx_teardown)

/* Local names for the fixture's parts. */
#define FIXTURE                                                                               \
    fixture *f = *state;                                                                      \
    rt_loop *l = &f->l;                                                                       \
    fake_clock *c = &f->c;                                                                    \
    recorder *rec = &f->rec;                                                                  \
    (void)l, (void)c, (void)rec

static rt_stats stats_of(const rt_loop *l)
{
    rt_stats s;
    rt_loop_stats(l, &s);
    return s;
}

/* Makes the call-th frame (1-based) take stall_s of fake time, runs the
 * loop for wall_s and returns its statistics. */
static rt_stats run_with_stall(fixture *f, uint64_t call, double stall_s, double wall_s)
{
    f->rec.stall_at = call;
    f->rec.stall_s = stall_s;
    assert_int_equal(rt_loop_run(&f->l, wall_s, NULL), RT_END_TIME);
    return stats_of(&f->l);
}

/* ------------------------------------------------------------ tests */

static void one_second_at_120_hz_runs_exactly_120_frames_without_overruns(void **state)
{
    FIXTURE;
    assert_int_equal(rt_loop_run(l, 1.0, NULL), RT_END_TIME);
    rt_stats s = stats_of(l);
    assert_int_equal(s.frames, 120);
    assert_int_equal(rec->calls, 120);
    assert_near(s.sim_time_s, 1.0, 1e-12);
    assert_near(rec->dt_min_s, P120_S, 1e-15);
    assert_near(rec->dt_max_s, P120_S, 1e-15);
    assert_int_equal(s.overruns, 0);
    assert_int_equal(s.dropped_frames, 0);
    assert_int_equal(s.catchup_frames, 0);
    assert_near(s.worst_late_s, 0.0, 1e-12);
    assert_near(s.wall_s, 1.0, 1e-9);
    assert_near(c->t_s, T0_S + 1.0, 1e-9); /* the run lasted its second */
    for (int k = 0; k < 120; k++)         /* frame k at t0 + k/120 */
        assert_near(rec->start_s[k], T0_S + k * P120_S, 1e-9);
    /* a second run carries on the same schedule */
    assert_int_equal(rt_loop_run(l, 1.0, NULL), RT_END_TIME);
    assert_int_equal(stats_of(l).frames, 240);
    assert_near(rec->start_s[120], T0_S + 1.0, 1e-9);
}

static void deadlines_do_not_drift_with_sleep_jitter_over_10000_frames(void **state)
{
    FIXTURE;
    reset(f, RT_DEFAULT_RATE_HZ, 0.002);
    double wall_s = 10000.0 / 120.0;
    assert_int_equal(rt_loop_run(l, wall_s, NULL), RT_END_TIME);
    rt_stats s = stats_of(l);
    /* a loop sleeping "one period from now" would lose ~1 ms a frame, i.e.
     * over a thousand frames here; absolute deadlines lose none */
    assert_true(s.frames >= 9999 && s.frames <= 10001);
    assert_near(s.sim_time_s, wall_s, P120_S);
    for (int k = 0; k < 9999; k++) {
        double d = T0_S + k * P120_S;
        if (!(rec->start_s[k] >= d - 1e-9 && rec->start_s[k] <= d + 0.002 + 1e-9))
            fail_msg("frame %d started at %.6f, deadline %.6f", k, rec->start_s[k], d);
    }
    assert_int_equal(s.overruns, 0);
    assert_int_equal(s.dropped_frames, 0);
    assert_true(s.worst_late_s > 0.001 && s.worst_late_s <= 0.002);
}

static void slow_frames_and_stalls_with_jitter_are_caught_up_without_drift(void **state)
{
    FIXTURE;
    reset(f, RT_DEFAULT_RATE_HZ, 0.002);
    rec->work_max_s = 0.004;  /* every frame works up to 4 ms */
    rec->stall_every = 500;   /* and every 500th takes 20 ms more */
    rec->stall_s = 0.020;
    double wall_s = 10000.0 / 120.0;
    assert_int_equal(rt_loop_run(l, wall_s, NULL), RT_END_TIME);
    rt_stats s = stats_of(l);
    assert_true(s.frames >= 9999 && s.frames <= 10001);
    assert_int_equal(s.dropped_frames, 0);
    assert_true(s.catchup_frames >= 20); /* each stall needs catching up */
    /* the frame after each of the 20 stalls starts > 20 - 8.3 ms late */
    assert_true(s.overruns >= 20 && s.overruns <= 60);
    assert_true(s.worst_late_s > 0.020 - P120_S && s.worst_late_s < 0.020 + 0.006);
}

static void a_20_ms_stall_is_caught_up_with_no_lost_sim_time(void **state)
{
    FIXTURE;
    /* frame 50 (deadline t0 + 50/120) takes 20 ms */
    rt_stats s = run_with_stall(f, 51, 0.020, 1.0);
    assert_int_equal(s.frames, 120);
    assert_near(s.sim_time_s, 1.0, 1e-12);
    assert_int_equal(s.dropped_frames, 0);
    /* the stall ends at t0 + 50/120 + 0.020 = t0 + 0.43667: frames 51
     * (due 0.42500) and 52 (due 0.43333) run back-to-back then; 51 is
     * 11.67 ms late (an overrun), 52 only 3.33 ms */
    double end_s = T0_S + 50 * P120_S + 0.020;
    assert_near(rec->start_s[51], end_s, 1e-9);
    assert_near(rec->start_s[52], end_s, 1e-9);
    assert_near(rec->start_s[53], T0_S + 53 * P120_S, 1e-9); /* back on time */
    assert_int_equal(s.catchup_frames, 1);
    assert_int_equal(s.overruns, 1);
    assert_near(s.worst_late_s, 0.020 - P120_S, 1e-9);
}

static void the_step_after_a_stall_runs_the_overdue_frames_together(void **state)
{
    FIXTURE;
    rec->stall_at = 3;
    rec->stall_s = 3.5 * P120_S; /* frame 2 ends at 5.5 periods: 3, 4, 5 due */
    assert_int_equal(rt_loop_step(l), 1);
    assert_int_equal(rt_loop_step(l), 1);
    assert_int_equal(rt_loop_step(l), 1);
    assert_int_equal(rt_loop_step(l), 3);
    assert_int_equal(rt_loop_step(l), 1);
    assert_near(rec->start_s[6], T0_S + 6 * P120_S, 1e-9);
}

static void a_catch_up_burst_stops_at_the_end_of_a_run_and_resumes_in_the_next(void **state)
{
    FIXTURE;
    /* frame 118 ends at 121.5 periods: 119..121 are due, but only 119
     * before the end of the second (120 periods) */
    assert_int_equal(run_with_stall(f, 119, 3.5 * P120_S, 1.0).frames, 120);
    /* the next step makes up 120 and 121, still on the old schedule */
    assert_int_equal(rt_loop_step(l), 2);
    assert_int_equal(rt_loop_step(l), 1);
    assert_near(rec->start_s[122], T0_S + 122 * P120_S, 1e-9);
    assert_int_equal(stats_of(l).dropped_frames, 0);
}

static void up_to_the_catch_up_limit_frames_are_made_up_and_beyond_it_dropped(void **state)
{
    FIXTURE;
    /* frame 50 lasting 5.5 periods: frames 51..55 are due at its end, four
     * beyond the current one, which the default limit (4) still makes up */
    rt_stats s = run_with_stall(f, 51, 5.5 * P120_S, 1.0);
    assert_int_equal(s.frames, 120);
    assert_int_equal(s.catchup_frames, 4);
    assert_int_equal(s.dropped_frames, 0);
    /* 6.5 periods: frames 51..56 due, five beyond the current one: drop
     * 51..55, run one at once and re-anchor there, at t0 + 56.5 periods;
     * frames then start at 56.5, 57.5, ... 119.5 periods: 64 more */
    reset(f, RT_DEFAULT_RATE_HZ, 0.0);
    s = run_with_stall(f, 51, 6.5 * P120_S, 1.0);
    assert_int_equal(s.dropped_frames, 5);
    assert_int_equal(s.drop_events, 1);
    assert_int_equal(s.frames, 51 + 64);
    assert_near(rec->start_s[52], T0_S + 57.5 * P120_S, 1e-9);
    /* with no catch-up at all, a frame of 2.5 periods (51 and 52 due at
     * 52.5) drops one frame; the rest start at 52.5 .. 119.5 periods */
    reset(f, RT_DEFAULT_RATE_HZ, 0.0);
    assert_int_equal(rt_loop_set_catchup(l, 0, NULL), SAQR_OK);
    s = run_with_stall(f, 51, 2.5 * P120_S, 1.0);
    assert_int_equal(s.dropped_frames, 1);
    assert_int_equal(s.catchup_frames, 0);
    assert_int_equal(s.frames, 51 + 68);
}

static void a_2_s_stall_drops_frames_and_sim_time_trails_by_the_dropped_time(void **state)
{
    FIXTURE;
    /* frame 50 (at 0.41667 s) stalls 2.003 s */
    rt_stats s = run_with_stall(f, 51, 2.003, 5.0);
    /* at the end of the stall, t0 + 2.41967 s, frames 51..290 are due
     * (290/120 = 2.41667 <= 2.41967 < 291/120): 239 dropped, frame 51
     * runs at once and the schedule restarts there; 5 s - 2.41967 s
     * leaves 309.64 periods: frames start at 0..309 periods, 310 of them */
    assert_int_equal(s.dropped_frames, 239);
    assert_int_equal(s.drop_events, 1);
    assert_int_equal(s.frames, 51 + 310);
    assert_int_equal(s.frames, 5 * 120 - s.dropped_frames);
    assert_near(s.behind_s, 239.0 / 120.0, 1e-12);
    /* sim time trails the 5 s of wall time by the dropped time */
    assert_near(5.0 - s.sim_time_s, s.behind_s, P120_S);
    assert_int_equal(s.overruns, 1);
    assert_near(s.worst_late_s, 2.003 - P120_S, 1e-9);
    assert_near(rec->start_s[51], T0_S + 50 * P120_S + 2.003, 1e-9);
    assert_near(rec->start_s[52], rec->start_s[51] + P120_S, 1e-9);
}

static void a_pause_runs_no_frames_and_resuming_brings_no_burst(void **state)
{
    FIXTURE;
    assert_int_equal(rt_loop_run(l, 1.0, NULL), RT_END_TIME);
    assert_int_equal(rec->calls, 120);
    rt_loop_pause(l);
    assert_int_equal(rt_loop_run(l, 5.0, NULL), RT_END_TIME);
    rt_stats s = stats_of(l);
    assert_int_equal(rec->calls, 120); /* nothing ran for 5 s */
    assert_int_equal(s.paused, 1);
    assert_near(s.sim_time_s, 1.0, 1e-12);
    assert_near(s.paused_s, 5.0, 1e-9);
    assert_near(c->t_s, T0_S + 6.0, 1e-9);
    rt_loop_resume(l);
    /* frame 120 was due when the pause began: it runs on resuming, alone */
    assert_int_equal(rt_loop_step(l), 1);
    assert_near(rec->start_s[120], T0_S + 6.0, 1e-9);
    assert_int_equal(rt_loop_step(l), 1);
    assert_near(rec->start_s[121], T0_S + 6.0 + P120_S, 1e-9);
    /* the clock stands at frame 121's start; run on to t0 + 7 s */
    assert_int_equal(rt_loop_run(l, 1.0 - P120_S, NULL), RT_END_TIME);
    s = stats_of(l);
    assert_int_equal(s.frames, 240);
    assert_int_equal(s.paused, 0);
    assert_int_equal(s.overruns, 0);
    assert_int_equal(s.catchup_frames, 0);
    assert_int_equal(s.dropped_frames, 0);
    assert_near(s.worst_late_s, 0.0, 1e-9); /* the pause was not lag */
    assert_near(s.wall_s, 2.0, 1e-9);
    assert_near(s.paused_s, 5.0, 1e-9);
}

static void a_pause_asked_for_inside_a_frame_stops_the_next_frames(void **state)
{
    FIXTURE;
    rec->pause_at = 60;
    assert_int_equal(rt_loop_run(l, 2.0, NULL), RT_END_TIME);
    assert_int_equal(rec->calls, 60);
    rt_stats s = stats_of(l);
    assert_int_equal(s.paused, 1);
    assert_near(s.wall_s + s.paused_s, 2.0, 1e-9);
    /* frames take no fake time: the pause began as frame 59 ended, at its
     * deadline 59/120 s, and the rest of the 2 s was paused */
    assert_near(s.wall_s, 59 * P120_S, 1e-9);
}

static void a_backlog_left_at_a_pause_is_dropped_on_resume_not_burst(void **state)
{
    FIXTURE;
    rec->stall_at = 3; /* frame 2 ends at 5.5 periods (3, 4, 5 due) ... */
    rec->stall_s = 3.5 * P120_S;
    rec->pause_at = 3; /* ... and pauses the loop */
    for (int i = 0; i < 3; i++)
        assert_int_equal(rt_loop_step(l), 1);
    assert_int_equal(rt_loop_run(l, 1.0, NULL), RT_END_TIME);
    assert_int_equal(rec->calls, 3);
    rt_loop_resume(l);
    /* frame 3 runs at once, alone; 4 and 5 were owed before the pause */
    assert_int_equal(rt_loop_step(l), 1);
    assert_near(rec->start_s[3], T0_S + 5.5 * P120_S + 1.0, 1e-9);
    assert_int_equal(rt_loop_step(l), 1);
    assert_near(rec->start_s[4], rec->start_s[3] + P120_S, 1e-9);
    rt_stats s = stats_of(l);
    assert_int_equal(s.dropped_frames, 2);
    assert_int_equal(s.drop_events, 1);
    assert_int_equal(s.catchup_frames, 0);
    assert_near(s.paused_s, 1.0, 1e-9);
}

static void a_break_between_flights_is_not_lateness_and_its_backlog_is_not_run(void **state)
{
    FIXTURE;
    /* frame 9 (call 10) loads the next sortie for half a second */
    rec->break_at = 10;
    rt_stats s = run_with_stall(f, 10, 0.5, 1.0);
    assert_int_equal(s.breaks, 1);
    assert_near(s.break_s, 0.5, 1e-9);
    assert_int_equal(s.overruns, 0);
    assert_int_equal(s.dropped_frames, 0);
    assert_int_equal(s.catchup_frames, 0);
    assert_near(s.worst_late_s, 0.0, 1e-9);
    /* the schedule starts again where the break ended: frame 10 at once,
     * then every period; 10 before the break and 51 in the 0.425 s after */
    double end_s = T0_S + 9 * P120_S + 0.5;
    assert_near(rec->start_s[10], end_s, 1e-9);
    assert_near(rec->start_s[11], end_s + P120_S, 1e-9);
    assert_int_equal(s.frames, 61);
    assert_near(s.wall_s, 0.5, 1e-9); /* the break is not running time */
    assert_near(s.wall_s - s.sim_time_s, s.behind_s, P120_S);

    /* the same half second without the word: a stall, dropped and late */
    reset(f, RT_DEFAULT_RATE_HZ, 0.0);
    s = run_with_stall(f, 10, 0.5, 1.0);
    assert_int_equal(s.breaks, 0);
    assert_true(s.dropped_frames >= 59);
    assert_true(s.worst_late_s >= 0.49);
}

static void a_break_inside_a_catch_up_burst_ends_the_burst(void **state)
{
    FIXTURE;
    rec->stall_at = 5; /* frame 4 ends at 7.5 periods: 5, 6 and 7 are owed ... */
    rec->stall_s = 3.5 * P120_S;
    rec->break_at = 6; /* ... and frame 5, the first of them, is a break */
    for (int i = 0; i < 4; i++)
        assert_int_equal(rt_loop_step(l), 1);
    assert_int_equal(rt_loop_step(l), 1); /* frame 4 */
    assert_int_equal(rt_loop_step(l), 1); /* frame 5 alone: 6 is not run */
    assert_int_equal(rec->calls, 6);
    rt_stats s = stats_of(l);
    assert_int_equal(s.breaks, 1);
    assert_int_equal(s.catchup_frames, 0);
    assert_int_equal(s.dropped_frames, 0);
    /* frame 6 is due when the break (taking no fake time) ended */
    assert_int_equal(rt_loop_step(l), 1);
    assert_near(rec->start_s[6], rec->start_s[5], 1e-9);
    assert_int_equal(rt_loop_step(l), 1);
    assert_near(rec->start_s[7], rec->start_s[5] + P120_S, 1e-9);
}

static void scale_4_runs_4_times_the_frames_with_the_same_sim_step(void **state)
{
    FIXTURE;
    assert_int_equal(rt_loop_set_scale(l, 4.0, NULL), SAQR_OK);
    assert_int_equal(rt_loop_run(l, 1.0, NULL), RT_END_TIME);
    rt_stats s = stats_of(l);
    assert_int_equal(s.frames, 480);
    assert_near(s.sim_time_s, 4.0, 1e-12);
    assert_near(s.scale, 4.0, 0.0);
    assert_near(rec->dt_min_s, P120_S, 1e-15);
    assert_near(rec->dt_max_s, P120_S, 1e-15);
    assert_near(rec->start_s[1] - rec->start_s[0], P120_S / 4.0, 1e-9);
    assert_int_equal(s.overruns, 0);
    /* slow motion: half speed gives 60 frames a wall second; frame 480 was
     * due at the end of the last run and runs first */
    assert_int_equal(rt_loop_set_scale(l, 0.5, NULL), SAQR_OK);
    assert_int_equal(rt_loop_run(l, 2.0, NULL), RT_END_TIME);
    s = stats_of(l);
    assert_int_equal(s.frames, 480 + 120);
    assert_near(s.sim_time_s, 5.0, 1e-12);
    assert_near(rec->start_s[480], T0_S + 1.0, 1e-9);
    assert_near(rec->start_s[481], T0_S + 1.0 + 1.0 / 60.0, 1e-9);
    assert_int_equal(s.overruns, 0);
}

static void the_frame_callbacks_stop_request_ends_the_run(void **state)
{
    FIXTURE;
    rec->stop_at = 10;
    assert_int_equal(rt_loop_run(l, INFINITY, NULL), RT_END_FRAME);
    assert_int_equal(stats_of(l).frames, 10);
    /* the loop carries on when asked again */
    assert_int_equal(rt_loop_step(l), 1);
    assert_int_equal(stats_of(l).frames, 11);
    /* a stop request in the middle of a catch-up burst ends the step there */
    reset(f, RT_DEFAULT_RATE_HZ, 0.0);
    rec->stall_at = 1;
    rec->stall_s = 3.5 * P120_S; /* frames 1, 2, 3 due together */
    rec->stop_at = 3;
    assert_int_equal(rt_loop_step(l), 1);
    assert_int_equal(rt_loop_step(l), RT_FRAME_STOPPED);
    assert_int_equal(stats_of(l).frames, 3);
}

static void a_stop_flag_or_request_ends_the_run_and_is_consumed(void **state)
{
    FIXTURE;
    volatile int flag = 0;
    reset(f, RT_DEFAULT_RATE_HZ, 0.0);
    rec->flag = &flag;
    rec->flag_at = 5;
    assert_int_equal(rt_loop_run(l, INFINITY, &flag), RT_END_FLAG);
    assert_int_equal(rec->calls, 5);
    rec->request_at = 8;
    assert_int_equal(rt_loop_run(l, INFINITY, NULL), RT_END_FLAG);
    assert_int_equal(rec->calls, 8);
    /* the request was consumed: the next run goes its full time, the wall
     * second from 7/120 s (frame 7's start), in which frames 8..126 fall */
    assert_int_equal(rt_loop_run(l, 1.0, NULL), RT_END_TIME);
    assert_int_equal(rec->calls, 8 + 119);
}

static void a_long_frame_period_still_answers_requests_within_the_wait_limit(void **state)
{
    FIXTURE;
    reset(f, 1.0, 0.0);
    assert_int_equal(rt_loop_set_scale(l, RT_MIN_SCALE, NULL), SAQR_OK);
    assert_int_equal(rt_loop_step(l), 1); /* frame 0 at once */
    /* frame 1 is 1024 s away: the step sleeps only RT_MAX_WAIT_S */
    assert_int_equal(rt_loop_step(l), 0);
    assert_near(c->t_s, T0_S + RT_MAX_WAIT_S, 1e-9);
    /* a run never sleeps longer either, so it sees stop requests in time */
    uint64_t sleeps_before = c->sleeps;
    assert_int_equal(rt_loop_run(l, 5.0, NULL), RT_END_TIME);
    assert_near(c->t_s, T0_S + RT_MAX_WAIT_S + 5.0, 1e-9);
    assert_true(c->sleeps - sleeps_before >= (uint64_t)(5.0 / RT_MAX_WAIT_S));
    assert_int_equal(stats_of(l).frames, 1);
    rt_loop_pause(l);
    assert_int_equal(rt_loop_step(l), 0);
    assert_int_equal(stats_of(l).paused, 1);
}

static void bad_arguments_are_rejected_with_a_message(void **state)
{
    FIXTURE;
    saqr_err err;
    rt_clock clk = fake(c, 0.0);
    const double bad_rates[] = {0.0, 0.99, -120.0, 10000.5, NAN, INFINITY};
    for (size_t i = 0; i < sizeof bad_rates / sizeof bad_rates[0]; i++) {
        err_clear(&err);
        assert_int_equal(rt_loop_init(l, bad_rates[i], clk, record_frame, rec, &err), SAQR_EINVAL);
        assert_non_null(strstr(err.msg, "frame rate"));
    }
    assert_int_equal(rt_loop_init(l, 1.0, clk, record_frame, rec, NULL), SAQR_OK);
    assert_int_equal(rt_loop_init(l, 10000.0, clk, record_frame, rec, NULL), SAQR_OK);
    assert_int_equal(rt_loop_init(l, 120.0, clk, NULL, rec, &err), SAQR_EINVAL);
    assert_non_null(strstr(err.msg, "callback"));
    rt_clock no_now = {NULL, fake_sleep_until, c};
    assert_int_equal(rt_loop_init(l, 120.0, no_now, record_frame, rec, &err), SAQR_EINVAL);
    assert_non_null(strstr(err.msg, "clock"));
    rt_clock no_sleep = {fake_now, NULL, c};
    assert_int_equal(rt_loop_init(l, 120.0, no_sleep, record_frame, rec, &err), SAQR_EINVAL);
    assert_int_equal(rt_loop_init(NULL, 120.0, clk, record_frame, rec, &err), SAQR_EINVAL);
    /* a loop whose set-up failed runs nothing */
    assert_int_equal(rt_loop_init(l, 0.0, clk, record_frame, rec, NULL), SAQR_EINVAL);
    assert_int_equal(rt_loop_step(l), RT_FRAME_STOPPED);
    assert_int_equal(rt_loop_run(l, 1.0, NULL), RT_END_EINVAL);

    reset(f, RT_DEFAULT_RATE_HZ, 0.0);
    const double bad_scales[] = {0.0, -1.0, RT_MIN_SCALE / 2.0, 64.5, NAN, INFINITY, -INFINITY};
    for (size_t i = 0; i < sizeof bad_scales / sizeof bad_scales[0]; i++) {
        err_clear(&err);
        assert_int_equal(rt_loop_set_scale(l, bad_scales[i], &err), SAQR_EINVAL);
        assert_non_null(strstr(err.msg, "time scale"));
    }
    assert_int_equal(rt_loop_set_catchup(l, -1, &err), SAQR_EINVAL);
    assert_non_null(strstr(err.msg, "catch-up"));
    assert_int_equal(rt_loop_set_catchup(l, RT_MAX_CATCHUP + 1, NULL), SAQR_EINVAL);
    assert_int_equal(rt_loop_run(l, NAN, NULL), RT_END_EINVAL);
    assert_int_equal(rt_loop_run(l, -1.0, NULL), RT_END_EINVAL);
    assert_int_equal(rec->calls, 0);
    /* the rejected calls changed nothing: still 120 frames a second */
    assert_int_equal(rt_loop_run(l, 1.0, NULL), RT_END_TIME);
    assert_int_equal(rec->calls, 120);
    assert_near(stats_of(l).scale, 1.0, 0.0);
    assert_int_equal(rt_loop_set_scale(l, RT_MAX_SCALE, NULL), SAQR_OK);
    assert_int_equal(rt_loop_run(l, 0.0, NULL), RT_END_TIME); /* zero time: nothing */
    assert_int_equal(rec->calls, 120);
}

static double mono_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void half_a_second_on_the_monotonic_clock_runs_about_60_frames(void **state)
{
    FIXTURE;
    reset_monotonic(f);
    double t0 = mono_s();
    assert_int_equal(rt_loop_run(l, 0.5, NULL), RT_END_TIME);
    double took_s = mono_s() - t0;
    rt_stats s = stats_of(l);
    if (!(s.frames >= 58 && s.frames <= 62))
        fail_msg("%llu frames in 0.5 s at 120 Hz", (unsigned long long)s.frames);
    assert_true(took_s >= 0.5 && took_s < 0.7);
    assert_near(s.wall_s, 0.5, 0.1);
}

static void ignore_signal(int sig)
{
    (void)sig;
}

/* Interrupts the thread *arg with SIGUSR1 three times, 20 ms apart. */
static void *interrupter(void *arg)
{
    pthread_t target = *(pthread_t *)arg;
    struct timespec ts = {0, 20000000L};
    for (int i = 0; i < 3; i++) {
        nanosleep(&ts, NULL);
        pthread_kill(target, SIGUSR1);
    }
    return NULL;
}

static void the_monotonic_clock_sleeps_through_signals_to_its_deadline(void **state)
{
    (void)state;
    struct sigaction sa, old;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = ignore_signal; /* no SA_RESTART: the sleep sees EINTR */
    sigemptyset(&sa.sa_mask);
    assert_int_equal(sigaction(SIGUSR1, &sa, &old), 0);
    rt_clock clk = rt_clock_monotonic();
    pthread_t self = pthread_self(), th;
    double t0 = clk.now_s(clk.user);
    assert_int_equal(pthread_create(&th, NULL, interrupter, &self), 0);
    clk.sleep_until_s(clk.user, t0 + 0.15);
    double slept_s = clk.now_s(clk.user) - t0;
    assert_int_equal(pthread_join(th, NULL), 0);
    assert_int_equal(sigaction(SIGUSR1, &old, NULL), 0);
    assert_true(slept_s >= 0.15);
    /* a deadline already past returns at once */
    t0 = clk.now_s(clk.user);
    clk.sleep_until_s(clk.user, t0 - 1.0);
    assert_true(clk.now_s(clk.user) - t0 < 0.05);
}

/* Another thread (as the web station will be) asks for a faster scale and
 * then for a stop while the loop runs on the real clock. */
static void *remote_control(void *arg)
{
    rt_loop *l = arg;
    struct timespec ts = {0, 100000000L}; /* 0.1 s */
    nanosleep(&ts, NULL);
    rt_loop_set_scale(l, 2.0, NULL);
    nanosleep(&ts, NULL);
    rt_loop_request_stop(l);
    return NULL;
}

static void another_thread_can_change_the_scale_and_stop_the_loop(void **state)
{
    FIXTURE;
    reset_monotonic(f);
    pthread_t th;
    assert_int_equal(pthread_create(&th, NULL, remote_control, l), 0);
    double t0 = mono_s();
    rt_end end = rt_loop_run(l, 10.0, NULL);
    double took_s = mono_s() - t0;
    assert_int_equal(pthread_join(th, NULL), 0);
    assert_int_equal(end, RT_END_FLAG);
    assert_true(took_s < 2.0);
    rt_stats s = stats_of(l);
    assert_near(s.scale, 2.0, 0.0);
    /* ~12 frames at 1x then ~24 at 2x; loose: the machine is shared */
    assert_true(s.frames >= 20 && s.frames <= 240);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        FX_TEST(one_second_at_120_hz_runs_exactly_120_frames_without_overruns),
        FX_TEST(deadlines_do_not_drift_with_sleep_jitter_over_10000_frames),
        FX_TEST(slow_frames_and_stalls_with_jitter_are_caught_up_without_drift),
        FX_TEST(a_20_ms_stall_is_caught_up_with_no_lost_sim_time),
        FX_TEST(the_step_after_a_stall_runs_the_overdue_frames_together),
        FX_TEST(a_catch_up_burst_stops_at_the_end_of_a_run_and_resumes_in_the_next),
        FX_TEST(up_to_the_catch_up_limit_frames_are_made_up_and_beyond_it_dropped),
        FX_TEST(a_2_s_stall_drops_frames_and_sim_time_trails_by_the_dropped_time),
        FX_TEST(a_pause_runs_no_frames_and_resuming_brings_no_burst),
        FX_TEST(a_pause_asked_for_inside_a_frame_stops_the_next_frames),
        FX_TEST(a_backlog_left_at_a_pause_is_dropped_on_resume_not_burst),
        FX_TEST(a_break_between_flights_is_not_lateness_and_its_backlog_is_not_run),
        FX_TEST(a_break_inside_a_catch_up_burst_ends_the_burst),
        FX_TEST(scale_4_runs_4_times_the_frames_with_the_same_sim_step),
        FX_TEST(the_frame_callbacks_stop_request_ends_the_run),
        FX_TEST(a_stop_flag_or_request_ends_the_run_and_is_consumed),
        FX_TEST(a_long_frame_period_still_answers_requests_within_the_wait_limit),
        FX_TEST(bad_arguments_are_rejected_with_a_message),
        FX_TEST(half_a_second_on_the_monotonic_clock_runs_about_60_frames),
        cmocka_unit_test(the_monotonic_clock_sleeps_through_signals_to_its_deadline),
        FX_TEST(another_thread_can_change_the_scale_and_stop_the_loop),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
