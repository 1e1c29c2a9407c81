/*
 * station_frame.c - one frame of the station's simulation thread: the
 * queued commands applied, the trainee's controls set, the sortie flown
 * one frame unless frozen (or a replay played instead), FlightGear fed,
 * and a snapshot published (see station.h).
 */
#include "station/station_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "math/units.h"
#include "station/fgmp.h"
#include "station/lead_mp.h"
#include "station/replay_view.h"
#include "station/station_flight.h"
#include "train/item_mark.h"

static int in_sortie(const station *s)
{
    return s->so && (s->status == STATION_RUNNING || s->status == STATION_PAUSED);
}

static void start(station *s, const station_cmd *c)
{
    saqr_err why;
    if (!c->ready && station_lesson_available(s, c->lesson, &why)) { /* the sortie in progress goes on */
        station_post(s, 1, "cannot start: %s", why.msg);
        return;
    }
    if (in_sortie(s))
        station_sortie_finish(s); /* the sortie flown so far is graded */
    snprintf(s->trainee_number, sizeof s->trainee_number, "%s", c->trainee_number);
    snprintf(s->trainee_name, sizeof s->trainee_name, "%s", c->trainee_name);
    snprintf(s->instructor_number, sizeof s->instructor_number, "%s", c->instructor_number);
    snprintf(s->started_utc, sizeof s->started_utc, "%s", c->started_utc);
    saqr_err e;
    if (c->ready)
        station_sortie_adopt(s, c->ready, c->pilot); /* readied when submitted */
    else if (station_sortie_prepare(s, c->lesson, c->pilot, 1, &e)) {
        station_post(s, 1, "cannot start %s: %s", c->lesson, e.msg);
        if (!s->so && station_sortie_prepare(s, s->idle_lesson, "trainee", 0, &e) == SAQR_OK)
            s->status = STATION_IDLE;
        s->trainee_number[0] = s->trainee_name[0] = '\0';
        return;
    }
    s->status = STATION_RUNNING;
    /* on the list of sorties waiting for the records while it is flown:
     * if the station stops before the sortie ends, it is stored from its
     * recording when the station runs again (station_unstored.c) */
    if (s->recording && s->cfg.db_url && s->trainee_number[0])
        station_unstored_add(s, s->record_path, s->trainee_number, s->instructor_number, s->started_utc, 1);
    station_post(s, 0, "%s started", c->lesson);
}

static void replay_start(station *s, const station_cmd *c)
{
    if (s->replay_count == 0) {
        station_post(s, 1, "replay: nothing flown yet");
        return;
    }
    double back = fmin(c->replay_s * STATION_REPLAY_HZ, (double)s->replay_count);
    s->replay_pos = (double)s->replay_count - back;
    s->replay_speed = c->replay_speed;
    station_trace_publish(s, (int)s->replay_pos); /* the window's overlays */
    if (!s->replaying)
        s->replay_resume = s->status;
    s->replaying = 1;
    if (s->status == STATION_RUNNING)
        s->status = STATION_PAUSED;
}

static void replay_stop(station *s)
{
    if (!s->replaying)
        return;
    s->replaying = 0;
    if (s->status == STATION_PAUSED)
        s->status = s->replay_resume;
    if (!s->so && s->replay_count > 0) /* after the end: the instruments as it ended */
        s->snap.ins = s->replay_buf[(s->replay_head + STATION_REPLAY_MAX - 1) % STATION_REPLAY_MAX];
}

_Static_assert(STATION_FLIGHT_MAX == STATION_REPLAY_MAX && (int)STATION_FLIGHT_HZ == (int)STATION_REPLAY_HZ,
               "a stored flight fills the replay's ring");

/* The map's track: the loaded flight's positions, evenly thinned. */
static void track_of_flight(station *s, const station_flight *f)
{
    pthread_mutex_lock(&s->lock);
    s->track_head = s->track_count = 0;
    const int stride = (f->n + STATION_TRACK_MAX - 1) / STATION_TRACK_MAX;
    for (int i = 0; i < f->n && s->track_count < STATION_TRACK_MAX; i += stride > 0 ? stride : 1) {
        const sortie_instruments *x = &f->ins[i];
        if (!isfinite(x->lat_deg) || !isfinite(x->lon_deg))
            continue;
        double *p = s->track[s->track_count++];
        p[0] = x->lat_deg;
        p[1] = x->lon_deg;
        p[2] = x->msl_ft;
    }
    s->track_head = s->track_count % STATION_TRACK_MAX;
    s->track_epoch++;
    pthread_mutex_unlock(&s->lock);
}

/* A stored sortie's flight into the replay (SCMD_LOAD_FLIGHT), as if it
 * had just ended: the replay form then plays it back.  Refused while a
 * sortie is flown; the idle aircraft makes way.  f is freed. */
static void load_flight(station *s, station_flight *f)
{
    if (!f)
        return;
    if (in_sortie(s)) {
        station_post(s, 1, "replay: a sortie is being flown: end it before replaying a stored one");
        station_flight_free(f);
        return;
    }
    rt_loop_break(&s->loop); /* a few megabytes copied: not a late frame (realtime.h) */
    replay_stop(s);
    if (s->so) /* the idle aircraft */
        station_sortie_discard(s);
    if (s->les) {
        lesson_free(s->les);
        free(s->les);
        s->les = NULL;
    }
    for (int i = 0; i < f->n; i++) {
        s->replay_buf[i] = f->ins[i];
        s->replay_lead[i] = f->lead[i];
        memcpy(s->replay_vals[i], f->vals[i], sizeof s->replay_vals[i]);
    }
    s->replay_count = f->n;
    s->replay_head = f->n % STATION_REPLAY_MAX;
    free(s->ended_el); /* the overlays' bands: the stored sortie's */
    s->ended_el = f->el;
    s->ended_nel = f->nel;
    f->el = NULL;
    s->status = STATION_ENDED;
    snprintf(s->trainee_number, sizeof s->trainee_number, "%s", f->trainee_number);
    snprintf(s->trainee_name, sizeof s->trainee_name, "%s", f->trainee_name);
    snprintf(s->pilot, sizeof s->pilot, "%s", f->pilot);
    station_snapshot *n = &s->snap;
    snprintf(n->lesson_id, sizeof n->lesson_id, "%s", f->lesson_id);
    snprintf(n->lesson_title, sizeof n->lesson_title, "%s", f->lesson_title);
    snprintf(n->airport, sizeof n->airport, "%s", f->airport);
    snprintf(n->runway, sizeof n->runway, "%s", f->runway);
    n->ins = f->ins[f->n - 1];
    track_of_flight(s, f);
    station_post(s, 0, "replay: sortie %lld (%s) loaded, the last %.0f s of its flight: replay it from the Replay "
                       "panel",
                 f->sortie_id, f->lesson_id, f->ins[f->n - 1].t_s - f->ins[0].t_s);
    station_flight_free(f);
}

/* A refused command's error, under the command's name once: the
 * sortie's own messages may already start with it ("load: ...",
 * "reposition (...)"). */
static void post_refusal(station *s, const char *what, const char *msg)
{
    size_t n = strlen(what);
    if (strncmp(msg, what, n) == 0 && (msg[n] == ':' || msg[n] == ' '))
        station_post(s, 1, "%s", msg);
    else
        station_post(s, 1, "%s: %s", what, msg);
}

static void apply(station *s, const station_cmd *c)
{
    saqr_err e;
    if (c->kind == SCMD_START) {
        start(s, c);
        return;
    }
    if (c->kind == SCMD_LOAD_FLIGHT) {
        load_flight(s, c->flight);
        return;
    }
    /* a sortie ended keeps its last minutes to replay in the debrief,
     * until the next one starts */
    if (!s->so && s->status == STATION_ENDED && (c->kind == SCMD_REPLAY || c->kind == SCMD_REPLAY_STOP)) {
        if (c->kind == SCMD_REPLAY)
            replay_start(s, c);
        else
            replay_stop(s);
        return;
    }
    if (!in_sortie(s)) {
        station_post(s, 1, "no sortie in progress: start a lesson first");
        return;
    }
    switch (c->kind) {
    case SCMD_START:
    case SCMD_LOAD_FLIGHT: break;
    case SCMD_END:
        replay_stop(s);
        station_sortie_finish(s);
        break;
    case SCMD_PAUSE:
        if (s->replaying) /* the replay holds the flight paused: stay paused after it */
            s->replay_resume = STATION_PAUSED;
        else if (s->status == STATION_RUNNING)
            s->status = STATION_PAUSED;
        break;
    case SCMD_RESUME:
        replay_stop(s);
        s->status = STATION_RUNNING;
        break;
    case SCMD_FREEZE_POSITION: sortie_freeze_position(s->so, c->on); break;
    case SCMD_FREEZE_FUEL: sortie_freeze_fuel(s->so, c->on); break;
    case SCMD_REPOSITION:
        if (sortie_reposition_to(s->so, &c->repo, &e))
            post_refusal(s, "reposition", e.msg);
        else
            station_track_reset(s);
        break;
    case SCMD_WEATHER:
        if (sortie_set_weather(s->so, &c->weather, &e))
            post_refusal(s, "weather", e.msg);
        break;
    case SCMD_MALFUNCTION:
        if (c->on && c->trigger != TRIG_NONE ? sortie_arm_malfunction(s->so, c->malfunction, c->trigger,
                                                                      c->trigger_value, &e)
                                             : sortie_set_malfunction(s->so, c->malfunction, c->on, &e))
            post_refusal(s, "malfunction", e.msg);
        break;
    case SCMD_SNAPSHOT:
        if (sortie_snapshot_take(s->so, c->slot, &e))
            post_refusal(s, "snapshot", e.msg);
        else
            station_post(s, 0, "snapshot %d taken at t=%.1f s", c->slot, sortie_snapshot_time(s->so, c->slot));
        break;
    case SCMD_RECALL:
        if (sortie_snapshot_recall(s->so, c->slot, &e))
            post_refusal(s, "recall", e.msg);
        else
            station_track_reset(s);
        break;
    case SCMD_REJOIN:
        if (s->replaying)
            station_post(s, 1, "rejoin: not during a replay (stop it, then rejoin)");
        else if (sortie_lead_rejoin_now(s->so, &e))
            post_refusal(s, "rejoin", e.msg);
        break;
    case SCMD_NOTE:
        if (sortie_note(s->so, c->note, &e))
            post_refusal(s, "note", e.msg);
        break;
    case SCMD_SCENARIO: /* its settings follow it in the queue */
        if (sortie_scenario_applied(s->so, c->note, &e))
            post_refusal(s, "scenario", e.msg);
        else
            station_post(s, 0, "scenario \"%s\" applied", c->note);
        break;
    case SCMD_MARK_ITEM:
        if (sortie_mark_item(s->so, c->item_exercise, c->item_id, c->item_mark, c->instructor_number, &e))
            post_refusal(s, "mark", e.msg);
        break;
    case SCMD_DIVERT:
        /* the map and instruments show the past during a replay, and the
         * diversion's leg would start where the paused flight is, not
         * where the instructor sees it: the station's button is off then */
        if (s->replaying)
            station_post(s, 1, "divert: not during a replay (stop it, then call the diversion)");
        else if (sortie_divert(s->so, c->divert_to, &e))
            post_refusal(s, "divert", e.msg);
        break;
    case SCMD_REWIND:
        if (sortie_rewind(s->so, c->rewind_s, NULL, &e))
            post_refusal(s, "rewind", e.msg);
        else
            station_track_reset(s);
        break;
    case SCMD_CONTROL:
        if (sortie_take_control(s->so, (sortie_hands)c->on, &e))
            post_refusal(s, "control", e.msg);
        break;
    case SCMD_LOAD:
        if (sortie_set_load(s->so, c->fuel_pct, c->mass_index, c->mass_kg, &e))
            post_refusal(s, "load", e.msg);
        break;
    case SCMD_REPLAY: replay_start(s, c); break;
    case SCMD_REPLAY_STOP: replay_stop(s); break;
    }
}

/* The commands and controls that arrived since the last frame. */
static void take_inputs(station *s)
{
    station_cmd cmds[STATION_QUEUE];
    double ctl[CONTROLS_COUNT];
    pthread_mutex_lock(&s->lock);
    int n = s->q_count;
    for (int i = 0; i < n; i++)
        cmds[i] = s->queue[(s->q_head + i) % STATION_QUEUE];
    s->q_head = (s->q_head + n) % STATION_QUEUE;
    s->q_count = 0;
    unsigned mask = s->ctl_mask;
    memcpy(ctl, s->ctl_value, sizeof ctl);
    s->ctl_mask = 0;
    pthread_mutex_unlock(&s->lock);
    for (int i = 0; i < n; i++)
        apply(s, &cmds[i]);
    if (s->pilot_trainee)
        trainee_hands_input(&s->hands, s->so, s->ctl_slot, mask, ctl, 1);
}

/* The host's joysticks: opened on this thread at the first frame (SDL's
 * events are read by the thread that started it). */
static void open_devices(station *s)
{
    s->sdl_tried = 1;
    saqr_err e;
    s->ccfg = calloc(1, sizeof *s->ccfg);
    if (!s->ccfg || controls_config_load(s->cfg.controls, s->ccfg, &e) != SAQR_OK) {
        station_post(s, 1, "trainee controls: %s", s->ccfg ? e.msg : "out of memory");
        return;
    }
    controls_state_init(&s->cs, s->ccfg);
    if (controls_sdl_open(s->ccfg, NULL, &s->cs, &s->sdl, &e) != SAQR_OK) {
        station_post(s, 1, "trainee controls: %s", e.msg);
        s->sdl = NULL;
        return;
    }
    station_post(s, 0, "trainee controls: %d input device(s)", controls_sdl_device_count(s->sdl));
}

/* What the trainee moved on the host's devices, to the aircraft. */
static void poll_devices(station *s, double dt)
{
    /* a gated throttle axis (reheat-detent=) follows the aircraft's
     * military detent: a new sortie's aircraft moves it at once */
    double mil = s->so ? sortie_throttle_mil(s->so) : 1.0;
    if (mil != s->cs.throttle_mil)
        (void)controls_state_set_throttle_mil(&s->cs, s->ccfg, mil, NULL);
    if (controls_sdl_poll(s->sdl, &s->cs, dt, NULL) != SAQR_OK)
        return;
    unsigned changed = controls_take_changed(&s->cs);
    /* while time stands still, kept for the hand-over but not flown */
    if (s->pilot_trainee)
        trainee_hands_input(&s->hands, s->so, s->ctl_slot, changed, s->cs.value, s->status == STATION_RUNNING);
}

/* The events told with their recorded text: kind, error or notice, and
 * the message's form (the text its only argument). */
static const struct {
    const char *kind;
    int is_error;
    const char *form;
} TOLD_AS_TEXT[] = {
    {"off-runway", 1, "off the runway: %s"},         {"control", 0, "%s"},
    {"malfunction", 0, "malfunction: %s"},           {"malfunction-cleared", 0, "malfunction cleared: %s"},
    {"malfunction-armed", 0, "malfunction armed: %s"}, {"malfunction-refused", 1, "malfunction refused: %s"},
    {"crash", 1, "crash: %s"},                       {"recall", 0, "recalled %s"},
    {"rewind", 0, "rewound %s"},                     {"note", 0, "note: %s"},
    {"fuel-freeze", 0, "%s"},                        {"reposition", 0, "repositioned: %s"},
    {"divert", 0, "%s"},                             {"rejoin", 0, "%s"},
};

/* An instructor's mark of an item, told with the item's title: "marked
 * Before take-off checks: Good (IP-7)". */
static void tell_item_mark(station *s, const rec_event *e)
{
    int x, k;
    char by[ITEM_MARK_BY_MAX];
    if (!s->les || !item_mark_value_ok(e->value) || item_mark_find(s->les, e->text, &x, &k, by))
        return;
    const grade_mark m = (grade_mark)e->value;
    station_post(s, 0, "marked %s: %s%s%s%s", s->les->exercises[x].items[k].title,
                 m == MARK_NOT_OBSERVED ? "mark taken off" : sheet_mark_name(m), by[0] ? " (" : "", by,
                 by[0] ? ")" : "");
}

/* What happens in the flight, told as it happens (every client's
 * message list): the exercises as they start, a stall warning, lift-off
 * and touch-down, an overstress, leaving the runway, a change of hands,
 * a malfunction (the lesson's, or the instructor's as it takes effect)
 * and its clearing, the instructor's diversion, a crash. */
static void tell_events(station *s)
{
    rec_event ev[SORTIE_EVENT_FEED];
    int n = sortie_take_events(s->so, &s->event_cursor, ev, SORTIE_EVENT_FEED);
    for (int i = 0; i < n; i++) {
        const rec_event *e = &ev[i];
        const char *k = e->kind;
        if (strcmp(k, "exercise-start") == 0 && s->les && e->value >= 0.0 && e->value < s->les->nexercises)
            station_post(s, 0, "exercise: %s", s->les->exercises[(int)e->value].title);
        else if (strcmp(k, "stall-warning") == 0 && e->value > 0.5)
            station_post(s, 0, "stall warning");
        else if (strcmp(k, "gear-warning") == 0 && e->value > 0.5)
            station_post(s, 1, "gear warning: the gear is up on a descending approach");
        else if (strcmp(k, "liftoff") == 0)
            station_post(s, 0, "lift-off at %.0f kt", e->value);
        else if (strcmp(k, "touchdown") == 0)
            station_post(s, 0, "touch-down, sinking at %.0f ft/min", -e->value);
        else if (strcmp(k, "overstress") == 0)
            station_post(s, 1, "overstress: %.1f g, beyond the aircraft's limit", e->value);
        else if (strcmp(k, ITEM_MARK_EVENT) == 0)
            tell_item_mark(s, e);
        else
            for (size_t j = 0; j < sizeof TOLD_AS_TEXT / sizeof TOLD_AS_TEXT[0]; j++)
                if (strcmp(k, TOLD_AS_TEXT[j].kind) == 0)
                    station_post(s, TOLD_AS_TEXT[j].is_error, TOLD_AS_TEXT[j].form, e->text);
        if (strcmp(k, "crash") == 0 && sortie_crash_held(s->so)) /* once a crash: what to do now */
            station_post(s, 0, "crash freeze: rewind, recall a snapshot or reposition to fly on, or end the sortie");
    }
}

/* Flies one frame; keeps the replay buffer and the track. */
static void fly(station *s)
{
    saqr_err e;
    int r = sortie_frame(s->so, &e);
    tell_events(s);
    if (r < 0)
        station_post(s, 1, "%s", e.msg);
    if (r != 0) {
        station_sortie_finish(s);
        return;
    }
    if (sortie_crash_held(s->so)) /* nothing flies: nothing to keep */
        return;
    trainee_hands_after_frame(&s->hands, s->so, s->ctl_slot);
    sortie_instruments ins;
    int want_replay = s->frame % (uint64_t)s->replay_every == 0, want_track = s->frame % (uint64_t)s->track_every == 0;
    if (!want_replay && !want_track)
        return;
    sortie_read_instruments(s->so, &ins);
    if (want_replay) {
        s->replay_buf[s->replay_head] = ins;
        if (!sortie_lead(s->so, &s->replay_lead[s->replay_head]))
            s->replay_lead[s->replay_head].lat_deg = NAN;
        station_trace_keep(s, s->replay_head);
        s->replay_head = (s->replay_head + 1) % STATION_REPLAY_MAX;
        if (s->replay_count < STATION_REPLAY_MAX)
            s->replay_count++;
    }
    if (want_track) {
        pthread_mutex_lock(&s->lock);
        double *p = s->track[s->track_head];
        p[0] = ins.lat_deg;
        p[1] = ins.lon_deg;
        p[2] = ins.msl_ft; /* where it flew, not what the altimeter said */
        s->track_head = (s->track_head + 1) % STATION_TRACK_MAX;
        if (s->track_count < STATION_TRACK_MAX)
            s->track_count++;
        pthread_mutex_unlock(&s->lock);
    }
}

static void replay_advance(station *s, double dt)
{
    s->replay_pos += s->replay_speed * dt * STATION_REPLAY_HZ;
    if (s->replay_pos >= (double)s->replay_count)
        replay_stop(s);
}

static void gauge(station_snapshot *n, const char *id, const char *label, const char *unit, double v, double max,
                  double red)
{
    if (isnan(v) || n->ngauges >= STATION_MAX_GAUGES)
        return;
    station_gauge *g = &n->gauges[n->ngauges++];
    g->id = id;
    g->label = label;
    g->unit = unit;
    g->value = v;
    g->min = 0.0;
    g->max = max;
    g->red = red;
}

/* The current exercise and the marks of its elements. */
static void exercise_marks(station *s, station_snapshot *n)
{
    int running = 0;
    n->exercise = s->so ? sortie_exercise(s->so, &running) : -1;
    n->exercise_running = running;
    n->nelements = 0;
    n->exercise_id[0] = n->exercise_title[0] = '\0';
    n->exercise_by_instructor = 0;
    n->leg_to[0] = '\0';
    n->leg_diversion = 0;
    n->leg_from_lat_deg = n->leg_from_lon_deg = n->leg_to_lat_deg = n->leg_to_lon_deg = NAN;
    n->divert_open = s->so ? sortie_divert_open(s->so) : 0;
    n->has_circle = 0;
    if (n->exercise < 0 || !s->les)
        return;
    n->has_circle = sortie_circle(s->so, &n->circle);
    const lesson_leg *leg = sortie_leg(s->so, &n->leg);
    if (leg && leg->to >= 0 && leg->to < s->les->route.n) {
        snprintf(n->leg_to, sizeof n->leg_to, "%s", s->les->route.cp[leg->to].name);
        n->leg_course_deg = leg->course_deg;
        n->leg_to_lat_deg = leg->to_lat_deg;
        n->leg_to_lon_deg = leg->to_lon_deg;
        n->leg_diversion = leg->from == LESSON_LEG_DIVERTED || leg->from == LESSON_LEG_DIVERT;
        if (leg->from == LESSON_LEG_DIVERTED) { /* from where it began (a plan: not known) */
            n->leg_from_lat_deg = leg->lat0_deg;
            n->leg_from_lon_deg = leg->lon0_deg;
        }
    }
    int first = 0;
    for (int i = 0; i < n->exercise; i++)
        first += s->les->exercises[i].ngrades;
    const lesson_exercise *x = &s->les->exercises[n->exercise];
    snprintf(n->exercise_id, sizeof n->exercise_id, "%s", x->id);
    snprintf(n->exercise_title, sizeof n->exercise_title, "%s", x->title);
    n->exercise_by_instructor = x->by_instructor;
    for (int j = 0; j < x->ngrades && j < STATION_MAX_ELEMENTS; j++) {
        snprintf(n->element_id[j], sizeof n->element_id[j], "%s", x->grades[j].id);
        snprintf(n->element_title[j], sizeof n->element_title[j], "%s", x->grades[j].title);
        sheet_element el;
        n->element_mark[j] = MARK_NOT_OBSERVED;
        n->element_worst_t_s[j] = NAN;
        n->element_deduction[j][0] = '\0';
        if (sortie_running_element(s->so, first + j, &el)) {
            n->element_mark[j] = el.mark;
            /* where to replay it from, and the latest place it was left */
            n->element_worst_t_s[j] = el.mark == MARK_NOT_OBSERVED ? NAN : el.worst_t_s;
            if (el.ndeductions > 0)
                memcpy(n->element_deduction[j], el.deductions[el.ndeductions - 1].text, sizeof n->element_deduction[j]);
        }
        n->nelements = j + 1;
    }
}

_Static_assert(sizeof((station_snapshot *)0)->element_deduction[0] == sizeof((sheet_deduction *)0)->text,
               "a deduction's text copies whole");

_Static_assert(sizeof((station_snapshot *)0)->item_exercise_id[0] == sizeof((sheet_element *)0)->exercise &&
                   sizeof((station_snapshot *)0)->item_id[0] == sizeof((sheet_element *)0)->name &&
                   sizeof((station_snapshot *)0)->item_title[0] == sizeof((sheet_element *)0)->title &&
                   sizeof((station_snapshot *)0)->item_marked_by[0] == sizeof((sheet_element *)0)->marked_by,
               "an item's fields copy whole");

/* The lesson's items and their marks so far. */
static void item_marks(station *s, station_snapshot *n)
{
    sheet_element items[STATION_MAX_ITEMS];
    const int total = s->so && s->les ? sortie_running_items(s->so, items, STATION_MAX_ITEMS) : 0;
    n->nitems = total < STATION_MAX_ITEMS ? total : STATION_MAX_ITEMS;
    for (int i = 0; i < n->nitems; i++) {
        n->item_exercise[i] = -1;
        for (int x = 0; x < s->les->nexercises; x++)
            if (strcmp(s->les->exercises[x].id, items[i].exercise) == 0)
                n->item_exercise[i] = x;
        /* the same sizes as the sheet's fields (station.h) */
        memcpy(n->item_exercise_id[i], items[i].exercise, sizeof n->item_exercise_id[i]);
        memcpy(n->item_id[i], items[i].name, sizeof n->item_id[i]);
        memcpy(n->item_title[i], items[i].title, sizeof n->item_title[i]);
        n->item_mark[i] = items[i].mark;
        memcpy(n->item_marked_by[i], items[i].marked_by, sizeof n->item_marked_by[i]);
    }
}

void station_show_lesson(station *s)
{
    station_snapshot *n = &s->snap;
    if (!s->les)
        return; /* the ended sortie's stay */
    snprintf(n->lesson_id, sizeof n->lesson_id, "%s", s->status == STATION_IDLE ? "" : s->les->id);
    snprintf(n->lesson_title, sizeof n->lesson_title, "%s", s->status == STATION_IDLE ? "" : s->les->title);
    snprintf(n->aircraft, sizeof n->aircraft, "%s", s->les->aircraft);
    /* the sortie's runway: the lesson's, or where a reposition took it */
    snprintf(n->airport, sizeof n->airport, "%s", s->so ? sortie_airport(s->so) : s->les->setup.airport);
    snprintf(n->runway, sizeof n->runway, "%s", s->so ? sortie_runway(s->so)->ident : s->les->setup.runway);
}

/* The replay's k-th sample, the oldest kept being 0 (k clamped to the
 * samples kept). */
static int replay_slot(const station *s, int k)
{
    k = k < 0 ? 0 : k >= s->replay_count ? s->replay_count - 1 : k;
    return ((s->replay_head - s->replay_count + k) % STATION_REPLAY_MAX + STATION_REPLAY_MAX) % STATION_REPLAY_MAX;
}

static const sortie_instruments *replay_sample(const station *s, int k)
{
    return &s->replay_buf[replay_slot(s, k)];
}

/* The lead beside the replay's k-th sample; NULL when it had none. */
static const sortie_lead_values *replay_lead_sample(const station *s, int k)
{
    const sortie_lead_values *l = &s->replay_lead[replay_slot(s, k)];
    return isnan(l->lat_deg) ? NULL : l;
}

/* FlightGear's view during a replay: the replayed flight, between the
 * two samples the replay is at (replay_view.h). */
static void replay_to_flightgear(const station *s, fgnet_packet *pkt)
{
    int k = (int)s->replay_pos;
    replay_view_packet(replay_sample(s, k), replay_sample(s, k + 1), s->replay_pos - (double)k,
                       1.0 / STATION_REPLAY_HZ, pkt);
}

static void publish(station *s)
{
    station_snapshot *n = &s->snap;
    n->status = s->status;
    n->replay = s->replaying;
    if (s->replaying) {
        n->ins = *replay_sample(s, (int)s->replay_pos);
    } else if (s->so) {
        sortie_read_instruments(s->so, &n->ins);
    }
    n->instructor_flying = n->control_taken = n->position_frozen = n->fuel_frozen = n->crash_held = 0;
    n->rewind_available_s = NAN;
    for (int k = 0; k < SORTIE_SNAPSHOTS; k++)
        n->snapshot_t_s[k] = s->so ? sortie_snapshot_time(s->so, k + 1) : NAN;
    if (s->so) {
        n->rewind_available_s = sortie_rewind_available(s->so);
        n->instructor_flying = sortie_instructor_flying(s->so);
        n->control_taken = sortie_control_taken(s->so);
        n->position_frozen = sortie_position_frozen(s->so);
        n->fuel_frozen = sortie_fuel_frozen(s->so);
        n->crash_held = sortie_crash_held(s->so);
        n->malfunctions = sortie_malfunctions(s->so);
        for (int m = 0; m < MALF_COUNT; m++) {
            n->armed[m] = sortie_malfunction_armed(s->so, (sortie_malfunction)m, &n->armed_value[m]);
            n->armed_with[m] = sortie_malfunction_armed_with(s->so, (sortie_malfunction)m);
        }
        sortie_get_weather(s->so, &n->weather);
        n->ice_norm = sortie_ice_norm(s->so);
        sortie_get_load(s->so, &n->load);
    }
    station_show_lesson(s);
    snprintf(n->trainee_number, sizeof n->trainee_number, "%s", s->trainee_number);
    snprintf(n->trainee_name, sizeof n->trainee_name, "%s", s->trainee_name);
    snprintf(n->pilot, sizeof n->pilot, "%s", s->pilot);
    n->has_approach = 0;
    n->has_lead = 0;
    if (s->replaying) { /* the lead where it was then, beside the aircraft then */
        const sortie_lead_values *l = replay_lead_sample(s, (int)s->replay_pos);
        if ((n->has_lead = l != NULL))
            n->lead = *l;
    }
    if (s->status == STATION_RUNNING || s->status == STATION_PAUSED) {
        exercise_marks(s, n);
        item_marks(s, n);
        n->has_approach = s->so && sortie_approach(s->so, &n->approach);
        if (!s->replaying)
            n->has_lead = s->so && sortie_lead(s->so, &n->lead);
    } else {
        n->exercise = -1, n->nelements = 0, n->leg_to[0] = '\0', n->leg_diversion = 0, n->divert_open = 0,
        n->has_circle = 0, n->nitems = 0;
    }
    n->ngauges = 0;
    const sortie_instruments *i = &n->ins;
    gauge(n, "rpm", "RPM", "rpm", i->rpm, 3000.0, 2700.0);
    gauge(n, "manifold_inhg", "MAP", "inHg", i->manifold_inhg, 35.0, NAN);
    gauge(n, "n2_pct", "N2", "%", i->n2_pct, 110.0, 103.0);
    gauge(n, "reheat_pct", "A/B", "%", i->reheat_pct, 100.0, NAN);
    gauge(n, "egt_c", "EGT", "degC", i->egt_c, 1000.0, 900.0);
    /* in kg/h, as the fuel is in kg: the instructor reads the endurance off the two */
    gauge(n, "fuel_flow_kgph", "FF", "kg/h", i->fuel_flow_pph * KG_PER_LBM, isnan(i->n2_pct) ? 70.0 : 20000.0, NAN);
    gauge(n, "fuel_kg", "FUEL", "kg", i->fuel_kg, isnan(i->n2_pct) ? 250.0 : 2500.0, NAN);
    rt_loop_stats(&s->loop, &n->loop);
    n->rt_priority = atomic_load(&s->rt_priority);
    n->fg_stream = s->fg != NULL;
    n->fg_packets = fg_sender_sent(s->fg);
    n->fg_sky = s->fgp ? fg_props_connected(s->fgp) : -1;
    n->fg_skies = fg_props_skies_sent(s->fgp);
    n->finishing = station_finisher_pending(s);
    pthread_mutex_lock(&s->lock);
    n->seq = s->pub.seq + 1;
    n->track_epoch = s->track_epoch;
    n->debrief_seq = s->debrief_seq;
    n->message_seq = s->msg_seq;
    n->replay_epoch = s->replay_epoch;
    s->pub = *n;
    pthread_mutex_unlock(&s->lock);
}

/* A formation's lead to FlightGear's multiplayer input (lead_mp.h),
 * flying or replayed, at the station's time, which only goes forward (a
 * rewind or a replay turns the sortie's back). */
static void send_lead(station *s, double sim_dt_s)
{
    fgmp_position p;
    sortie_lead_values l;
    if (s->replaying) {
        const int k = (int)s->replay_pos;
        const sortie_lead_values *a = replay_lead_sample(s, k), *b = replay_lead_sample(s, k + 1);
        if (!a)
            return;
        lead_mp_replayed(a, b ? b : a, s->replay_pos - (double)k, 1.0 / STATION_REPLAY_HZ, &p);
    } else if (s->so && s->status == STATION_RUNNING && sortie_lead(s->so, &l)) {
        lead_mp_flying(&l, &p);
    } else {
        return;
    }
    lead_mp_send(s->fgmp, s->cfg.fg_mp_model, (double)s->frame * sim_dt_s, &p);
}

int station_on_frame(void *user, double sim_dt_s)
{
    station *s = user;
    if (s->cfg.controls && !s->sdl_tried)
        open_devices(s);
    take_inputs(s);
    if (s->sdl)
        poll_devices(s, sim_dt_s);
    if (s->replaying)
        replay_advance(s, sim_dt_s);
    else if (s->so && s->status == STATION_RUNNING)
        fly(s);
    if (s->fg_bound && (s->so || s->replaying) && s->frame % (uint64_t)s->fg_every == 0) {
        /* after the end, the last packet's engine and controls stay */
        if (s->so)
            fgnet_from_fdm(&s->fg_bind, sortie_fdm(s->so), &s->fg_pkt);
        if (s->replaying) /* the outside view replays too */
            replay_to_flightgear(s, &s->fg_pkt);
        (void)fg_sender_send(s->fg, &s->fg_pkt, NULL);
    }
    if (s->fgmp && s->frame % (uint64_t)s->mp_every == 0)
        send_lead(s, sim_dt_s);
    if (s->fgp && s->so && s->les && s->frame % (uint64_t)s->fg_every == 0) {
        sortie_weather w;
        sortie_get_weather(s->so, &w);
        fgscene_marker m;
        fgscene_marker_of(s->so, &m);
        fg_props_update(s->fgp, &w, s->les->setup.airport, &m, (double)s->frame * saqr_fdm_dt(sortie_fdm(s->so)));
    }
    if (s->frame % (uint64_t)s->publish_every == 0)
        publish(s);
    s->frame++;
    return atomic_load(&s->stop) ? 1 : 0;
}
