/*
 * station_internal.h - the station's state, shared by station.c (life
 * cycle, queue, snapshots), station_frame.c (what each frame does) and
 * station_sortie.c (starting, ending and storing sorties).  Not a public
 * interface.
 *
 * Locking: `lock` guards the command queue, the trainee controls mailbox,
 * the published snapshot, the track, the last debrief and the messages.
 * `fin_lock` guards the queue of ended sorties the finishing thread works
 * through (station_finish.c), `unstored_lock` the list of sorties waiting
 * for the records (station_unstored.c); either may be held while taking
 * `lock`, never the other way round.  Everything else belongs to the
 * simulation thread.
 */
#ifndef SAQR_STATION_STATION_INTERNAL_H
#define SAQR_STATION_STATION_INTERNAL_H

#include <pthread.h>

#include "records/db.h"
#include "station/fgnet.h"
#include "station/fgscene.h"
#include "station/lead_mp.h"
#include "station/station.h"
#include "station/trainee_hands.h"
#include "train/lesson.h"

#define STATION_QUEUE 64
#define STATION_TRACK_MAX STATION_TRACK_MAX_POINTS
#define STATION_REPLAY_HZ 10.0
#define STATION_REPLAY_MAX 6000     /* 10 minutes at STATION_REPLAY_HZ          */
#define STATION_MESSAGES 16
#define STATION_MESSAGE_MAX 512
/* Sorties the records refused, kept to be stored once they are back: a
 * busy station's month of sorties, with the records away all that time. */
#define STATION_UNSTORED_MAX 256
/* Ended sorties handed to the finishing thread and not yet taken: a
 * fifth end waits for a free place (a database that does not answer). */
#define STATION_FINISH_QUEUE 4

/* A sortie the records refused, or one of this run's still being flown or
 * finished (live: not for station_unstored_retry, whose store would race
 * the sortie's own): its recording and who flew it. */
typedef struct station_unstored {
    char record_path[1100];
    char trainee_number[32], instructor_number[32], started_utc[32];
    int live;
} station_unstored;

/* An ended sortie, handed from the simulation thread to the finishing
 * thread with everything its grading, debrief page and storing need: the
 * sortie and its lesson (owned from then on) and who flew it. */
typedef struct station_finish_job {
    sortie *so;
    lesson *les;
    int recording;
    char record_path[1100];
    char trainee_number[32], instructor_number[32], started_utc[32];
} station_finish_job;

#define STATION_DEBRIEFS (STATION_FINISH_QUEUE + 1) /* the queue and the one being finished */
typedef struct station_debrief {
    uint64_t seq;          /* 0: empty                                    */
    grade_sheet sheet;
    long long sortie_id;   /* 0: not stored                               */
    char path[1200];       /* its debrief page, "" for none               */
} station_debrief;

typedef struct station_message_slot {
    uint64_t seq;
    int is_error;
    char text[STATION_MESSAGE_MAX];
} station_message_slot;

struct station {
    station_config cfg;
    char root[1024], lessons_dir[1024], work_dir[1024], idle_lesson[64], db_url[1024], fg_host[256];
    char fg_mp_model[FGMP_MODEL_MAX];

    pthread_mutex_t lock;
    pthread_t thread;
    int thread_started;
    atomic_int rt_priority;        /* granted to the simulation thread, 0 none */
    char rt_refused[SAQR_ERR_MAX]; /* why the configured one was not ("" none) */
    atomic_int stop;
    /* ---- guarded by lock */
    station_cmd queue[STATION_QUEUE];
    int q_head, q_count;
    unsigned ctl_mask;
    double ctl_value[CONTROLS_COUNT];
    station_snapshot pub;
    double track[STATION_TRACK_MAX][3];
    int track_head, track_count;
    uint64_t track_epoch;
    /* the latest graded sorties, debrief q in debriefs[q % STATION_DEBRIEFS]
     * (q = 1 ..  debrief_seq): as many as may finish between two of the
     * broadcast thread's ticks, so that none goes unsent */
    station_debrief debriefs[STATION_DEBRIEFS];
    uint64_t debrief_seq;
    station_message_slot msg[STATION_MESSAGES];
    uint64_t msg_seq;
    station_replay_trace *trace;  /* the last replay's overlays            */
    uint64_t replay_epoch;

    /* ---- the finishing thread's queue, guarded by fin_lock */
    pthread_mutex_t fin_lock;
    pthread_cond_t fin_cond;      /* a job queued or done, or stop         */
    pthread_t fin_thread;
    int fin_started, fin_stop;
    station_finish_job fin_queue[STATION_FINISH_QUEUE];
    int fin_head, fin_count;      /* queued, not yet taken                 */
    int fin_busy;                 /* one taken and being finished          */

    /* ---- guarded by unstored_lock */
    pthread_mutex_t unstored_lock;
    station_unstored unstored[STATION_UNSTORED_MAX];
    int n_unstored;

    /* ---- simulation thread only */
    rt_loop loop;
    lesson *les;                  /* the sortie's lesson (heap: the sortie
                                     keeps a pointer to it)              */
    sortie *so;                   /* NULL only after a failed restart       */
    station_status status;
    int pilot_trainee;
    char pilot[24], trainee_number[32], trainee_name[STATION_NAME_MAX], instructor_number[32];
    char started_utc[32];
    char record_path[1100];
    int recording;                /* the sortie records (not the idle one)  */
    int ctl_slot[CONTROLS_COUNT]; /* the aircraft's property per control    */
    trainee_hands hands;          /* the trainee's commands, cockpit and
                                     devices, across changes of hands      */
    uint64_t event_cursor;        /* the sortie's events already told      */
    int publish_every, track_every, replay_every, fg_every, mp_every;
    uint64_t frame;
    sortie_instruments *replay_buf; /* ring of STATION_REPLAY_MAX           */
    double (*replay_vals)[STATION_TRACE_NCH]; /* beside it: the recorded
                                     channels of the replay's overlays     */
    sortie_lead_values *replay_lead;          /* and a formation's lead (lat_deg NAN:
                                              none), which replays with it         */
    int trace_ch[STATION_TRACE_NCH]; /* their sortie channel indices        */
    int replay_head, replay_count;
    int replaying;
    double replay_pos, replay_speed;
    /* the ended sortie's graded elements as they stood at its end (the
     * bands of a replay after it; station_trace_keep_ended) */
    sheet_element *ended_el;
    int ended_nel;
    station_status replay_resume; /* status to return to after a replay    */
    atomic_int recordings_named;  /* recordings named in this run (their
                                     numbers; station_sortie_ready)        */
    fg_sender *fg;
    fg_props *fgp;                /* the sky's link; NULL: none           */
    fg_sender *fgmp;              /* the lead's multiplayer link; NULL: none */
    fgnet_binding fg_bind;
    fgnet_packet fg_pkt;
    int fg_bound;
    station_snapshot snap;        /* built here, then copied to pub        */
    /* the host's input devices (SDL2), opened by the simulation thread */
    char controls_path[1024];
    controls_config *ccfg;
    controls_state cs;
    controls_sdl *sdl;
    int sdl_tried;
};

/* station.c */
void station_post(station *s, int is_error, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void station_track_reset(station *s);

/* station_finish.c: the finishing thread, which grades each ended sortie,
 * writes its debrief page and stores it in the records, in the order they
 * ended, while the simulation thread flies on. */
int station_finisher_start(station *s, saqr_err *err); /* at creation; SAQR_ENOMEM */
/* Hands an ended sortie over (the job's sortie and lesson with it); waits
 * while STATION_FINISH_QUEUE are queued.  Simulation thread. */
void station_finisher_submit(station *s, const station_finish_job *job);
/* Finishes what is queued, then stops the thread; nothing if not started. */
void station_finisher_stop(station *s);
/* Ended sorties not yet finished (queued or being finished). */
int station_finisher_pending(station *s);

/* station_trace.c: the replay's overlays */
int station_trace_init(station *s);  /* at creation; SAQR_ENOMEM */
void station_trace_free(station *s);
/* Keeps the graded elements of the sortie about to be handed over, for the
 * bands of a replay after its end (the sim thread, at the end's break). */
void station_trace_keep_ended(station *s);
void station_trace_keep(station *s, int slot); /* the values at replay slot `slot` */
void station_trace_publish(station *s, int first); /* a replay from buffer sample `first` */

/* station_sortie.c */
struct station_ready {
    lesson *les;
    sortie *so;
    int recording;
    char record_path[1100]; /* "" when it does not record */
};
/* A sortie readied to fly, off the simulation thread (station_submit, for
 * a start): its lesson loaded, its aircraft built and trimmed, its
 * recording begun (when `recording`).  Any thread; reads only what the
 * station never changes after creation.  SAQR_OK with *out, or the
 * lesson's or the aircraft's error. */
int station_sortie_ready(station *s, const char *lesson_id, const char *pilot, const char *trainee_number,
                         const char *started_utc, int recording, station_ready **out, saqr_err *err);
/* Discards a readied sortie never flown (a start refused, or left queued
 * when the station stopped): its recording, header only, is removed. */
void station_ready_free(station_ready *r);
/* The simulation thread: the readied sortie replaces the aircraft flown
 * (taking `r`), its controls bound and its replay and track cleared. */
void station_sortie_adopt(station *s, station_ready *r, const char *pilot);
/* Both on the simulation thread (the idle aircraft; a start not readied). */
int station_sortie_prepare(station *s, const char *lesson_id, const char *pilot, int recording, saqr_err *err);
/* SAQR_OK when lesson_id is a lesson id whose file is there: a start
 * naming anything else is refused before the sortie in progress ends. */
int station_lesson_available(const station *s, const char *lesson_id, saqr_err *err);
void station_sortie_finish(station *s); /* hands it to the finishing thread */
void station_sortie_discard(station *s);
/* Grades, debriefs and stores one ended sortie (the finishing thread). */
void station_sortie_complete(station *s, station_finish_job *job);

/* The sorties the records refused (station_unstored.c): kept in order, in
 * memory and in the work folder's list; retried, oldest first, with an
 * open database that has just taken a sortie; loaded at creation.  Any
 * thread (unstored_lock).  Adding a recording already listed sets its
 * `live` only. */
void station_unstored_add(station *s, const char *record_path, const char *trainee, const char *instructor,
                          const char *started_utc, int live);
/* Takes the sortie recorded at record_path off the list (it ends now). */
void station_unstored_remove(station *s, const char *record_path);
void station_unstored_retry(station *s, rdb *db);
void station_unstored_load(station *s);
/* The list file's text (modified in place) -> its first `max` sorties, in
 * order; returns how many it holds (which may be more than `max`);
 * *bad_line: the first line that is not one (1-based), or 0. */
int station_unstored_parse(char *text, station_unstored *out, int max, int *bad_line);

/* station_frame.c */
int station_on_frame(void *user, double sim_dt_s);
/* The sortie's lesson, aircraft and runway into the working snapshot
 * (kept there once the sortie is handed over). */
void station_show_lesson(station *s);

#endif
