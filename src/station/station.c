/*
 * station.c - the station's life cycle, its command queue and what other
 * threads read: snapshots, the track, the last debrief, messages (see
 * station.h; the frame itself is station_frame.c).
 */
#include "station/station_flight.h"
#include "station/station_internal.h"
#include "station/rt_priority.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/parser.h>

const char *station_status_name(station_status st)
{
    switch (st) {
    case STATION_IDLE: return "idle";
    case STATION_RUNNING: return "running";
    case STATION_PAUSED: return "paused";
    case STATION_ENDED: return "ended";
    }
    return "?";
}

static int copy_text(char *dst, size_t n, const char *src, const char *what, saqr_err *err)
{
    if (!src)
        src = "";
    if (strlen(src) >= n)
        return err_set(err, SAQR_EINVAL, "%s is longer than %zu characters", what, n - 1);
    memcpy(dst, src, strlen(src) + 1);
    return SAQR_OK;
}

int station_create(const station_config *cfg, station **out, saqr_err *err)
{
    *out = NULL;
    if (!cfg->root || !cfg->lessons_dir || !cfg->airports || !cfg->work_dir)
        return err_set(err, SAQR_EINVAL, "station: root, lessons, airports and work folder are required");
    if (!cfg->clock.now_s || !cfg->clock.sleep_until_s)
        return err_set(err, SAQR_EINVAL, "station: no clock");
    station *s = calloc(1, sizeof *s);
    if (!s)
        return err_set(err, SAQR_ENOMEM, "out of memory");
    s->cfg = *cfg;
    int st = copy_text(s->root, sizeof s->root, cfg->root, "the aircraft root", err);
    if (!st)
        st = copy_text(s->lessons_dir, sizeof s->lessons_dir, cfg->lessons_dir, "the lessons folder", err);
    if (!st)
        st = copy_text(s->work_dir, sizeof s->work_dir, cfg->work_dir, "the work folder", err);
    if (!st)
        st = copy_text(s->idle_lesson, sizeof s->idle_lesson,
                       cfg->idle_lesson ? cfg->idle_lesson : "super-mushak/takeoff-and-departure", "the idle lesson",
                       err);
    if (!st)
        st = copy_text(s->db_url, sizeof s->db_url, cfg->db_url, "the database URL", err);
    if (!st)
        st = copy_text(s->fg_host, sizeof s->fg_host, cfg->fg_host, "the FlightGear host", err);
    if (!st)
        st = copy_text(s->controls_path, sizeof s->controls_path, cfg->controls, "the controls mapping", err);
    if (!st && cfg->fg_mp_model && !fgmp_model_ok(cfg->fg_mp_model))
        st = err_set(err, SAQR_EINVAL, "the lead's model for FlightGear: 1..%d printable characters without spaces",
                     FGMP_MODEL_MAX - 1);
    if (!st)
        st = copy_text(s->fg_mp_model, sizeof s->fg_mp_model, cfg->fg_mp_model, "the lead's model", err);
    if (st) {
        free(s);
        return st;
    }
    s->cfg.root = s->root;
    s->cfg.lessons_dir = s->lessons_dir;
    s->cfg.work_dir = s->work_dir;
    s->cfg.db_url = s->db_url[0] ? s->db_url : NULL;
    s->cfg.fg_host = s->fg_host[0] ? s->fg_host : NULL;
    s->cfg.controls = s->controls_path[0] ? s->controls_path : NULL;
    s->cfg.fg_mp_model = s->fg_mp_model[0] ? s->fg_mp_model : FGMP_DEFAULT_MODEL;
    if (!(s->cfg.publish_hz > 0.0))
        s->cfg.publish_hz = 30.0;
    pthread_mutex_init(&s->lock, NULL);
    pthread_mutex_init(&s->fin_lock, NULL);
    pthread_cond_init(&s->fin_cond, NULL);
    pthread_mutex_init(&s->unstored_lock, NULL);
    /* libxml2 readies itself once, here, before two threads may read
     * lessons at the same time (a start, and a retried store) */
    xmlInitParser();
    s->replay_buf = calloc(STATION_REPLAY_MAX, sizeof *s->replay_buf);
    s->replay_lead = calloc(STATION_REPLAY_MAX, sizeof *s->replay_lead);
    if (!s->replay_buf || !s->replay_lead || station_trace_init(s) != SAQR_OK) {
        station_destroy(s);
        return err_set(err, SAQR_ENOMEM, "out of memory");
    }
    if (mkdir(s->work_dir, 0755) != 0 && errno != EEXIST) {
        st = err_set(err, SAQR_EIO, "%s: cannot create the folder: %s", s->work_dir, strerror(errno));
        station_destroy(s);
        return st;
    }
    station_unstored_load(s);
    if ((st = station_finisher_start(s, err))) {
        station_destroy(s);
        return st;
    }
    if (s->cfg.fg_host && (st = fg_sender_open(s->cfg.fg_host, s->cfg.fg_port, &s->fg, err))) {
        station_destroy(s);
        return st;
    }
    if (s->cfg.fg_props_port && !s->cfg.fg_host) {
        station_destroy(s);
        return err_set(err, SAQR_EINVAL, "FlightGear's property server needs FlightGear's host (--fg)");
    }
    if (s->cfg.fg_props_port && (st = fg_props_open(s->cfg.fg_host, s->cfg.fg_props_port, &s->fgp, err))) {
        station_destroy(s);
        return st;
    }
    if (s->cfg.fg_mp_port && !s->cfg.fg_host) {
        station_destroy(s);
        return err_set(err, SAQR_EINVAL, "FlightGear's multiplayer input needs FlightGear's host (--fg)");
    }
    if (s->cfg.fg_mp_port && (st = fg_sender_open(s->cfg.fg_host, s->cfg.fg_mp_port, &s->fgmp, err))) {
        station_destroy(s);
        return st;
    }
    if ((st = station_sortie_prepare(s, s->idle_lesson, "trainee", 0, err))) {
        station_destroy(s);
        return st;
    }
    s->status = STATION_IDLE;
    *out = s;
    return SAQR_OK;
}

static void *sim_thread(void *arg)
{
    station *s = arg;
    while (!atomic_load(&s->stop)) {
        if (rt_loop_step(&s->loop) == RT_FRAME_STOPPED)
            break;
    }
    if (s->sdl_tried) {
        /* SDL is closed by the thread that opened it, which then frees
         * SDL's data for itself */
        controls_sdl_close(s->sdl);
        s->sdl = NULL;
        controls_sdl_thread_done();
    }
    return NULL;
}

/* The loop and the frame counts of each periodic task. */
static int station_ready_loop(station *s, saqr_err *err)
{
    if (s->loop.frame)
        return SAQR_OK;
    double dt = saqr_fdm_dt(sortie_fdm(s->so));
    int st = rt_loop_init(&s->loop, 1.0 / dt, s->cfg.clock, station_on_frame, s, err);
    if (st)
        return st;
    s->publish_every = (int)fmax(1.0, floor(1.0 / (s->cfg.publish_hz * dt) + 0.5));
    s->track_every = (int)fmax(1.0, floor(1.0 / dt + 0.5));
    s->replay_every = (int)fmax(1.0, floor(1.0 / (STATION_REPLAY_HZ * dt) + 0.5));
    s->fg_every = (int)fmax(1.0, floor(1.0 / (60.0 * dt) + 0.5));
    s->mp_every = (int)fmax(1.0, floor(1.0 / (LEAD_MP_HZ * dt) + 0.5));
    return SAQR_OK;
}

int station_start(station *s, saqr_err *err)
{
    if (s->thread_started)
        return err_set(err, SAQR_ESTATE, "station: already started");
    int st = station_ready_loop(s, err);
    if (st)
        return st;
    if (pthread_create(&s->thread, NULL, sim_thread, s) != 0)
        return err_set(err, SAQR_ENOMEM, "station: cannot start the simulation thread");
    s->thread_started = 1;
    if (s->cfg.rt_priority > 0) {
        saqr_err e;
        if (rt_priority_set(s->thread, s->cfg.rt_priority, &e) == SAQR_OK) {
            atomic_store(&s->rt_priority, rt_priority_of(s->thread));
        } else {
            snprintf(s->rt_refused, sizeof s->rt_refused, "%s", e.msg);
            station_post(s, 0, "the simulation thread runs as ordinary work: %s", e.msg);
        }
    }
    return SAQR_OK;
}

int station_rt_priority(const station *s, const char **refused)
{
    if (refused)
        *refused = s->rt_refused[0] ? s->rt_refused : NULL;
    return atomic_load(&s->rt_priority);
}

int station_run_frames(station *s, long n, saqr_err *err)
{
    if (s->thread_started)
        return err_set(err, SAQR_ESTATE, "station: its thread is running");
    int st = station_ready_loop(s, err);
    if (st)
        return st;
    for (long i = 0; i < n; i++)
        station_on_frame(s, s->loop.st.sim_dt_s);
    return SAQR_OK;
}

void station_destroy(station *s)
{
    if (!s)
        return;
    if (s->thread_started) {
        atomic_store(&s->stop, 1);
        pthread_join(s->thread, NULL);
    }
    if (s->so) {
        if (s->status == STATION_RUNNING || s->status == STATION_PAUSED)
            station_sortie_finish(s);
        else
            station_sortie_discard(s);
    }
    station_finisher_stop(s); /* every ended sortie finished first */
    if (s->les) {
        lesson_free(s->les);
        free(s->les);
    }
    fg_sender_close(s->fg);
    fg_props_close(s->fgp);
    fg_sender_close(s->fgmp);
    controls_sdl_close(s->sdl);
    free(s->ccfg);
    for (int i = 0; i < STATION_DEBRIEFS; i++)
        if (s->debriefs[i].seq)
            sheet_free(&s->debriefs[i].sheet);
    for (int i = 0; i < s->q_count; i++) { /* commands never taken */
        station_cmd *c = &s->queue[(s->q_head + i) % STATION_QUEUE];
        if (c->kind == SCMD_LOAD_FLIGHT)
            station_flight_free(c->flight);
        if (c->kind == SCMD_START)
            station_ready_free(c->ready);
    }
    free(s->replay_buf);
    free(s->replay_lead);
    station_trace_free(s);
    pthread_mutex_destroy(&s->unstored_lock);
    pthread_cond_destroy(&s->fin_cond);
    pthread_mutex_destroy(&s->fin_lock);
    pthread_mutex_destroy(&s->lock);
    free(s);
}

int station_submit(station *s, const station_cmd *c, saqr_err *err)
{
    station_cmd cmd = *c;
    cmd.ready = NULL;
    if (c->kind == SCMD_START) {
        /* the lesson loaded and the aircraft built here, on the caller's
         * thread, not in a frame of the simulation's; when that fails the
         * simulation thread tries again, and says why as it always has */
        saqr_err ignored;
        (void)station_sortie_ready(s, c->lesson, c->pilot, c->trainee_number, c->started_utc, 1, &cmd.ready, &ignored);
    }
    pthread_mutex_lock(&s->lock);
    int full = s->q_count >= STATION_QUEUE;
    if (!full) {
        s->queue[(s->q_head + s->q_count) % STATION_QUEUE] = cmd;
        s->q_count++;
    }
    pthread_mutex_unlock(&s->lock);
    if (full) {
        station_ready_free(cmd.ready);
        return err_set(err, SAQR_ESTATE, "the station is busy: %d commands are waiting", STATION_QUEUE);
    }
    return SAQR_OK;
}

void station_set_controls(station *s, unsigned mask, const double values[CONTROLS_COUNT])
{
    pthread_mutex_lock(&s->lock);
    for (int i = 0; i < CONTROLS_COUNT; i++) {
        if (!(mask >> i & 1u) || isnan(values[i]))
            continue;
        double lo, hi;
        controls_limits((controls_id)i, &lo, &hi);
        s->ctl_value[i] = fmin(hi, fmax(lo, values[i]));
        s->ctl_mask |= 1u << i;
    }
    pthread_mutex_unlock(&s->lock);
}

void station_snapshot_get(station *s, station_snapshot *out)
{
    pthread_mutex_lock(&s->lock);
    *out = s->pub;
    pthread_mutex_unlock(&s->lock);
}

int station_track(station *s, double (*points)[3], int max, uint64_t *epoch)
{
    pthread_mutex_lock(&s->lock);
    int n = s->track_count < max ? s->track_count : max;
    int first = s->track_head - n;
    for (int i = 0; i < n; i++) {
        int k = ((first + i) % STATION_TRACK_MAX + STATION_TRACK_MAX) % STATION_TRACK_MAX;
        memcpy(points[i], s->track[k], sizeof points[i]);
    }
    if (epoch)
        *epoch = s->track_epoch;
    pthread_mutex_unlock(&s->lock);
    return n;
}

int station_with_debrief(station *s,
                         void (*fn)(const grade_sheet *sheet, long long sortie_id, const char *debrief_path,
                                    void *user),
                         void *user)
{
    pthread_mutex_lock(&s->lock);
    const station_debrief *d = &s->debriefs[s->debrief_seq % STATION_DEBRIEFS];
    int have = s->debrief_seq > 0;
    if (have)
        fn(&d->sheet, d->sortie_id, d->path, user);
    pthread_mutex_unlock(&s->lock);
    return have;
}

int station_debriefs_since(station *s, uint64_t *cursor,
                           void (*fn)(const grade_sheet *sheet, long long sortie_id, const char *debrief_path,
                                      int latest, void *user),
                           void *user)
{
    int n = 0;
    pthread_mutex_lock(&s->lock);
    uint64_t last = s->debrief_seq, q = *cursor + 1;
    if (last >= STATION_DEBRIEFS && q < last - STATION_DEBRIEFS + 1)
        q = last - STATION_DEBRIEFS + 1; /* older ones are gone */
    for (; q <= last; q++, n++) {
        const station_debrief *d = &s->debriefs[q % STATION_DEBRIEFS];
        fn(&d->sheet, d->sortie_id, d->path, q == last, user);
    }
    *cursor = last;
    pthread_mutex_unlock(&s->lock);
    return n;
}

int station_message(station *s, uint64_t *cursor, char *buf, size_t size, int *is_error)
{
    int found = 0;
    pthread_mutex_lock(&s->lock);
    uint64_t want = *cursor + 1;
    if (s->msg_seq >= STATION_MESSAGES && want <= s->msg_seq - STATION_MESSAGES)
        want = s->msg_seq - STATION_MESSAGES + 1; /* older ones were overwritten */
    if (want <= s->msg_seq) {
        const station_message_slot *m = &s->msg[want % STATION_MESSAGES];
        snprintf(buf, size, "%s", m->text);
        if (is_error)
            *is_error = m->is_error;
        *cursor = want;
        found = 1;
    }
    pthread_mutex_unlock(&s->lock);
    return found;
}

void station_post(station *s, int is_error, const char *fmt, ...)
{
    pthread_mutex_lock(&s->lock);
    uint64_t seq = ++s->msg_seq;
    station_message_slot *m = &s->msg[seq % STATION_MESSAGES];
    m->seq = seq;
    m->is_error = is_error;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(m->text, sizeof m->text, fmt, ap);
    va_end(ap);
    pthread_mutex_unlock(&s->lock);
}

void station_track_reset(station *s)
{
    pthread_mutex_lock(&s->lock);
    s->track_head = s->track_count = 0;
    s->track_epoch++;
    pthread_mutex_unlock(&s->lock);
}
