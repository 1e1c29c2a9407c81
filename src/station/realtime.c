/*
 * realtime.c - the station's real-time loop (see realtime.h for the
 * contract and docs/realtime.md for the timing policy).
 *
 * One step:
 *   1. read the clock; on the very first step anchor the schedule there;
 *   2. apply the requests other threads left in the atomics (time scale,
 *      pause, resume), re-anchoring the schedule so each is seamless;
 *   3. sleep until the next frame's absolute deadline (at most RT_MAX_WAIT_S);
 *   4. count the frames whose deadlines have passed; run them back-to-back
 *      if the backlog is short, otherwise drop it and re-anchor at the
 *      present.
 *
 * References: POSIX clock_gettime / clock_nanosleep (TIMER_ABSTIME sleeps
 * to an absolute time, so wake-up jitter never accumulates).
 */
#include "station/realtime.h"

#include <assert.h>
#include <errno.h>
#include <math.h>
#include <string.h>
#include <time.h>

/* Deadlines this close to the end of a run belong to the next run, s. */
#define END_SLACK_S 1e-9

/* ------------------------------------------------------ monotonic clock */

static double mono_now_s(void *user)
{
    (void)user;
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void mono_sleep_until_s(void *user, double t_s)
{
    (void)user;
    if (!(t_s > 0.0) || !isfinite(t_s))
        return;
    struct timespec ts;
    double whole_s = floor(t_s);
    ts.tv_sec = (time_t)whole_s;
    long ns = (long)((t_s - whole_s) * 1e9);
    if (ns > 999999999L)
        ns = 999999999L;
    ts.tv_nsec = ns;
    /* clock_nanosleep returns the error number (not errno); a signal
     * interrupts it with EINTR and the absolute deadline still holds. */
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) == EINTR) {
    }
}

rt_clock rt_clock_monotonic(void)
{
    rt_clock c = {mono_now_s, mono_sleep_until_s, NULL};
    return c;
}

/* ---------------------------------------------------------- set-up */

static int scale_ok(double scale)
{
    return isfinite(scale) && scale >= RT_MIN_SCALE && scale <= RT_MAX_SCALE;
}

saqr_status rt_loop_init(rt_loop *l, double rate_hz, rt_clock clock, rt_frame_fn frame, void *user,
                         saqr_err *err)
{
    if (!l)
        return err_set(err, SAQR_EINVAL, "real-time loop: no loop given");
    memset(l, 0, sizeof *l);
    if (!isfinite(rate_hz) || rate_hz < RT_MIN_RATE_HZ || rate_hz > RT_MAX_RATE_HZ)
        return err_set(err, SAQR_EINVAL, "real-time loop: frame rate %g Hz is not in [%g, %g] Hz", rate_hz,
                       RT_MIN_RATE_HZ, RT_MAX_RATE_HZ);
    if (!frame)
        return err_set(err, SAQR_EINVAL, "real-time loop: no frame callback");
    if (!clock.now_s || !clock.sleep_until_s)
        return err_set(err, SAQR_EINVAL, "real-time loop: the clock lacks now_s or sleep_until_s");
    l->clock = clock;
    l->frame = frame;
    l->user = user;
    l->rate_hz = rate_hz;
    l->catchup_max = RT_DEFAULT_CATCHUP;
    atomic_init(&l->pause_req, 0);
    atomic_init(&l->stop_req, 0);
    atomic_init(&l->scale_req, 1.0);
    l->period_s = 1.0 / rate_hz;
    l->st.sim_dt_s = 1.0 / rate_hz;
    l->st.scale = 1.0;
    return SAQR_OK;
}

saqr_status rt_loop_set_catchup(rt_loop *l, int catchup_max, saqr_err *err)
{
    assert(l);
    if (catchup_max < 0 || catchup_max > RT_MAX_CATCHUP)
        return err_set(err, SAQR_EINVAL, "real-time loop: catch-up limit %d is not in [0, %d] frames",
                       catchup_max, RT_MAX_CATCHUP);
    l->catchup_max = catchup_max;
    return SAQR_OK;
}

/* ------------------------------------------------- requests (any thread) */

void rt_loop_pause(rt_loop *l)
{
    atomic_store(&l->pause_req, 1);
}

void rt_loop_resume(rt_loop *l)
{
    atomic_store(&l->pause_req, 0);
}

void rt_loop_request_stop(rt_loop *l)
{
    atomic_store(&l->stop_req, 1);
}

saqr_status rt_loop_set_scale(rt_loop *l, double scale, saqr_err *err)
{
    assert(l);
    if (!scale_ok(scale))
        return err_set(err, SAQR_EINVAL, "real-time loop: time scale %g is not in [%g, %g]", scale, RT_MIN_SCALE,
                       RT_MAX_SCALE);
    atomic_store(&l->scale_req, scale);
    return SAQR_OK;
}

/* ------------------------------------------------------ the schedule */

/* Wall-clock deadline of frame n (n >= anchor_frame). */
static double deadline(const rt_loop *l, uint64_t n)
{
    return l->anchor_wall_s + (double)(n - l->anchor_frame) * l->period_s;
}

static double now(rt_loop *l)
{
    double t = l->clock.now_s(l->clock.user);
    l->last_now_s = t;
    return t;
}

static uint64_t frames_due(const rt_loop *l, uint64_t first, double t_s);

/* Applies the requests of other threads at wall time t_s.  A new scale
 * re-anchors at the next frame's deadline under the old scale, so frames
 * already due stay due.  Resuming re-anchors at t_s: the next frame runs at
 * once and no paused time is owed; a backlog the loop already had when the
 * pause began is dropped then (and counted) rather than run as a burst. */
static void apply_requests(rt_loop *l, double t_s)
{
    double scale = atomic_load(&l->scale_req);
    if (scale != l->st.scale && scale_ok(scale)) {
        l->anchor_wall_s = deadline(l, l->st.frames);
        l->anchor_frame = l->st.frames;
        l->st.scale = scale;
        l->period_s = 1.0 / (l->rate_hz * scale);
    }
    int want_pause = atomic_load(&l->pause_req);
    if (want_pause && !l->st.paused) {
        l->st.paused = 1;
        l->pause_wall_s = t_s;
        uint64_t next = l->st.frames;
        l->pause_backlog = deadline(l, next) <= t_s ? frames_due(l, next, t_s) - 1 : 0;
    } else if (!want_pause && l->st.paused) {
        l->st.paused = 0;
        l->paused_done_s += t_s - l->pause_wall_s;
        l->anchor_wall_s = t_s;
        l->anchor_frame = l->st.frames;
        if (l->pause_backlog > 0) {
            l->st.dropped_frames += l->pause_backlog;
            l->st.drop_events++;
            l->pause_backlog = 0;
        }
    }
}

/* Number of frames from index `first` on whose deadlines are <= t_s
 * (at least 1: the caller knows deadline(first) <= t_s). */
static uint64_t frames_due(const rt_loop *l, uint64_t first, double t_s)
{
    double behind = (t_s - deadline(l, first)) / l->period_s;
    uint64_t k = behind < 1e15 ? (uint64_t)behind : (uint64_t)1e15;
    /* the division may be off by one either way: settle it on deadline() */
    while (k > 0 && deadline(l, first + k) > t_s)
        k--;
    while (deadline(l, first + k + 1) <= t_s)
        k++;
    return k + 1;
}

/* Runs one frame, started at wall time start_s, `late_s` behind its
 * deadline.  A frame that called rt_loop_break re-anchors the schedule at
 * its end (l->break_req stays set until the next frame). */
static int run_frame(rt_loop *l, double start_s, double late_s)
{
    if (late_s > l->st.worst_late_s)
        l->st.worst_late_s = late_s;
    if (late_s > l->period_s)
        l->st.overruns++;
    l->break_req = 0;
    int r = l->frame(l->user, l->st.sim_dt_s);
    l->st.frames++;
    if (l->break_req) {
        double end_s = now(l);
        l->st.breaks++;
        l->st.break_s += end_s - start_s;
        l->anchor_wall_s = end_s;
        l->anchor_frame = l->st.frames;
    }
    return r;
}

void rt_loop_break(rt_loop *l)
{
    if (l)
        l->break_req = 1;
}

/* One step that does not sleep past `limit_s` nor start a frame due at or
 * after it; *at_limit is set when the limit cut the step short. */
static int step_until(rt_loop *l, double limit_s, int *at_limit)
{
    *at_limit = 0;
    double t = now(l);
    if (!l->started) {
        l->started = 1;
        l->start_wall_s = t;
        l->anchor_wall_s = t;
        l->anchor_frame = l->st.frames;
    }
    apply_requests(l, t);

    /* wake at the next deadline, or (paused) at the next look at the
     * requests, or at the end of the run if that comes first; never sleep
     * longer than RT_MAX_WAIT_S so requests are seen in time */
    double wake = l->st.paused ? t + fmin(1.0 / l->rate_hz, RT_MAX_WAIT_S) : deadline(l, l->st.frames);
    int ends_run = wake >= limit_s - END_SLACK_S;
    double target = ends_run ? limit_s : wake;
    if (t < target) {
        l->clock.sleep_until_s(l->clock.user, fmin(target, t + RT_MAX_WAIT_S));
        t = now(l);
    }
    if (ends_run) {
        *at_limit = t >= limit_s;
        return 0;
    }
    if (l->st.paused || t < wake)
        return 0; /* paused, wait cut short, or the clock woke early */

    uint64_t first = l->st.frames;
    uint64_t due = frames_due(l, first, t);
    if (due - 1 > (uint64_t)l->catchup_max) {
        /* Too far behind: drop the backlog, run one frame now and count
         * from here.  That frame's lateness is the stall we suffered. */
        double late_s = t - deadline(l, first);
        uint64_t dropped = due - 1;
        l->st.dropped_frames += dropped;
        l->st.drop_events++;
        l->anchor_wall_s = t;
        l->anchor_frame = first;
        return run_frame(l, t, late_s) ? RT_FRAME_STOPPED : 1;
    }
    /* make up the backlog, but start no frame due at or after the limit */
    if (isfinite(limit_s) && deadline(l, first + due - 1) >= limit_s - END_SLACK_S) {
        uint64_t before_limit = frames_due(l, first, nextafter(limit_s - END_SLACK_S, -INFINITY));
        due = before_limit < due ? before_limit : due;
    }
    for (uint64_t i = 0; i < due; i++) {
        if (i > 0) {
            t = now(l);
            l->st.catchup_frames++;
        }
        if (run_frame(l, t, t - deadline(l, l->st.frames)))
            return RT_FRAME_STOPPED;
        if (l->break_req) /* the backlog fell due in a break: not run */
            return (int)(i + 1);
    }
    return (int)due;
}

int rt_loop_step(rt_loop *l)
{
    if (!l || !l->frame) /* not initialised: nothing to run */
        return RT_FRAME_STOPPED;
    int at_limit;
    return step_until(l, INFINITY, &at_limit);
}

rt_end rt_loop_run(rt_loop *l, double wall_seconds, volatile const int *stop_flag)
{
    if (!l || !l->frame || isnan(wall_seconds) || wall_seconds < 0.0)
        return RT_END_EINVAL;
    double end_s = now(l) + wall_seconds;
    for (;;) {
        if ((stop_flag && *stop_flag) || atomic_exchange(&l->stop_req, 0))
            return RT_END_FLAG;
        int at_limit;
        if (step_until(l, end_s, &at_limit) == RT_FRAME_STOPPED)
            return RT_END_FRAME;
        if (at_limit)
            return RT_END_TIME;
    }
}

/* ------------------------------------------------------- statistics */

void rt_loop_stats(const rt_loop *l, rt_stats *out)
{
    assert(l && out);
    *out = l->st;
    out->sim_time_s = (double)l->st.frames / l->rate_hz;
    out->behind_s = (double)l->st.dropped_frames / l->rate_hz;
    double current_pause_s = l->st.paused ? l->last_now_s - l->pause_wall_s : 0.0;
    out->paused_s = l->paused_done_s + current_pause_s;
    out->wall_s = l->started ? l->last_now_s - l->start_wall_s - out->paused_s - l->st.break_s : 0.0;
}
