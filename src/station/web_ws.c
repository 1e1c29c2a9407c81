/*
 * web_ws.c - the station's WebSocket (see web.h): who may connect, the
 * messages browsers send (validated by protocol.c, then queued for the
 * simulation thread), and the broadcast thread that sends every client the
 * state, the track, debriefs and the station's messages.
 */
#include "station/web_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "records/records.h"

static void send_text(struct mg_connection *c, const char *s)
{
    if (s)
        mg_websocket_write(c, MG_WEBSOCKET_OPCODE_TEXT, s, strlen(s));
}

static web_client *find_client(web_server *w, const struct mg_connection *c)
{
    for (int i = 0; i < w->cfg.max_clients; i++)
        if (w->clients[i].conn == c)
            return &w->clients[i];
    return NULL;
}

/* 1 when the Origin header is absent (not a browser) or names this
 * server: pages of other sites may not drive the station. */
static int same_origin(const struct mg_connection *c)
{
    const char *origin = mg_get_header(c, "Origin");
    const char *host = mg_get_header(c, "Host");
    if (!origin)
        return 1;
    if (!host)
        return 0;
    const char *p = strncmp(origin, "http://", 7) == 0 ? origin + 7 : strncmp(origin, "https://", 8) == 0 ? origin + 8 : NULL;
    return p && strcmp(p, host) == 0;
}

/* The upgrade: instructors by their session, the cockpit by its key. */
static int on_connect(const struct mg_connection *c, void *data)
{
    web_server *w = data;
    const struct mg_request_info *ri = mg_get_request_info(c);
    char role[16] = "", key[AUTH_TOKEN_HEX + 2] = "";
    const char *q = ri->query_string ? ri->query_string : "";
    mg_get_var(q, strlen(q), "role", role, sizeof role);
    mg_get_var(q, strlen(q), "key", key, sizeof key);
    if (!same_origin(c))
        return 1;
    web_client cl;
    memset(&cl, 0, sizeof cl);
    if (strcmp(role, "instructor") == 0) {
        if (!web_instructor(w, c, &cl.who) || !web_session_token(c, cl.token))
            return 1;
        cl.role = PROTO_INSTRUCTOR;
    } else if (strcmp(role, "cockpit") == 0) {
        if (!auth_token_equal(key, w->cockpit_key))
            return 1;
        cl.role = PROTO_COCKPIT;
    } else {
        return 1;
    }
    pthread_mutex_lock(&w->clients_lock);
    int slot = -1;
    for (int i = 0; i < w->cfg.max_clients && slot < 0; i++)
        if (!w->clients[i].conn)
            slot = i;
    if (slot >= 0) {
        cl.conn = (struct mg_connection *)c;
        w->clients[slot] = cl;
        w->nclients++;
    }
    pthread_mutex_unlock(&w->clients_lock);
    return slot < 0; /* full: refused */
}

static int ws_write(void *conn, const char *text, size_t n)
{
    return mg_websocket_write(conn, MG_WEBSOCKET_OPCODE_TEXT, text, n);
}

/* The hello, then the client's sender: from now on the broadcaster posts
 * to it.  Without a sender (out of memory) it is never made ready. */
static void on_ready(struct mg_connection *c, void *data)
{
    web_server *w = data;
    pthread_mutex_lock(&w->clients_lock);
    web_client *cl = find_client(w, c);
    proto_role role = cl ? cl->role : PROTO_COCKPIT;
    pthread_mutex_unlock(&w->clients_lock);
    char *hello = proto_hello_json(role, w->cfg.state_hz);
    send_text(c, hello);
    free(hello);
    ws_outbox *out;
    if (ws_outbox_start(&out, ws_write, c, WEB_CLIENT_MAX_QUEUED))
        return;
    pthread_mutex_lock(&w->clients_lock);
    if ((cl = find_client(w, c))) {
        cl->out = out;
        cl->ready = 1;
        cl->need_track = 1;
        cl->need_trace = cl->role == PROTO_INSTRUCTOR;
        out = NULL;
    }
    pthread_mutex_unlock(&w->clients_lock);
    ws_outbox_stop(out); /* closed meanwhile */
}

/* The slot is freed first, so the broadcaster posts no more; then the
 * sender ends after the write it may be in (the connection is still open
 * until this returns). */
static void on_close(const struct mg_connection *c, void *data)
{
    web_server *w = data;
    ws_outbox *out = NULL;
    pthread_mutex_lock(&w->clients_lock);
    web_client *cl = find_client(w, c);
    if (cl) {
        out = cl->out;
        memset(cl, 0, sizeof *cl);
        w->nclients--;
    }
    pthread_mutex_unlock(&w->clients_lock);
    ws_outbox_stop(out);
}

static void reject(web_server *w, struct mg_connection *c, const char *why, int has_ref, long long ref)
{
    atomic_fetch_add(&w->rejected, 1);
    char *e = proto_error_json(why, has_ref, ref);
    send_text(c, e);
    free(e);
}

/* The trainee of a start command (by record id) into the command. */
static int resolve_trainee(web_server *w, proto_msg *m, saqr_err *err)
{
    if (m->trainee_id < 0)
        return SAQR_OK;
    rdb *db;
    if (!w->cfg.db_url || rdb_open(w->cfg.db_url, &db, err))
        return err_set(err, SAQR_EIO, "start: the records database cannot be opened");
    records_trainee *t = NULL;
    int n = 0, found = 0;
    int st = records_trainee_list(db, &t, &n, err);
    rdb_close(db);
    for (int i = 0; !st && i < n; i++)
        if (t[i].id == m->trainee_id) {
            snprintf(m->cmd.trainee_number, sizeof m->cmd.trainee_number, "%s", t[i].service_number);
            snprintf(m->cmd.trainee_name, sizeof m->cmd.trainee_name, "%s", t[i].name);
            found = 1;
        }
    free(t);
    if (st)
        return st;
    if (!found)
        return err_set(err, SAQR_ENOTFOUND, "start.trainee: no trainee with id %lld", m->trainee_id);
    return SAQR_OK;
}

static int on_data(struct mg_connection *c, int bits, char *data, size_t len, void *user)
{
    web_server *w = user;
    int opcode = bits & 0xf;
    if (opcode == MG_WEBSOCKET_OPCODE_CONNECTION_CLOSE)
        return 0;
    if (opcode == MG_WEBSOCKET_OPCODE_PING || opcode == MG_WEBSOCKET_OPCODE_PONG)
        return 1;
    pthread_mutex_lock(&w->clients_lock);
    web_client *cl = find_client(w, c);
    web_client me = cl ? *cl : (web_client){0};
    pthread_mutex_unlock(&w->clients_lock);
    if (!cl)
        return 0;
    /* An instructor's socket speaks for its session only while the
     * session lives: after a logout or expiry the next message is refused
     * and the socket closed (the page logs in again). */
    if (me.role == PROTO_INSTRUCTOR && !auth_session_check(w->sessions, me.token, web_now_s(), NULL)) {
        reject(w, c, "the session has ended: log in again", 0, 0);
        return 0;
    }
    if (opcode != MG_WEBSOCKET_OPCODE_TEXT) {
        reject(w, c, "text (JSON) messages only", 0, 0);
        return 1;
    }
    proto_role role = me.role;
    proto_msg m;
    saqr_err err;
    if (proto_parse(data, len, role, &m, &err)) {
        reject(w, c, err.msg, m.has_id, m.id);
        return 1;
    }
    if (m.kind == PROTO_CONTROLS) {
        station_set_controls(w->cfg.st, m.ctl_mask, m.ctl);
    } else {
        if (m.cmd.kind == SCMD_START) {
            if (resolve_trainee(w, &m, &err)) {
                reject(w, c, err.msg, m.has_id, m.id);
                return 1;
            }
            snprintf(m.cmd.instructor_number, sizeof m.cmd.instructor_number, "%s", me.who.service_number);
            web_utc_now(m.cmd.started_utc);
        }
        if (m.cmd.kind == SCMD_MARK_ITEM) /* the mark is the logged-in instructor's */
            snprintf(m.cmd.instructor_number, sizeof m.cmd.instructor_number, "%s", me.who.service_number);
        if (station_submit(w->cfg.st, &m.cmd, &err)) {
            reject(w, c, err.msg, m.has_id, m.id);
            return 1;
        }
    }
    if (m.has_id) {
        char *ack = proto_ack_json(m.id);
        send_text(c, ack);
        free(ack);
    }
    return 1;
}

void web_ws_register(web_server *w)
{
    mg_set_websocket_handler(w->ctx, "/ws$", on_connect, on_ready, on_data, on_close, w);
}

/* ------------------------------------------------------------ broadcast */

typedef struct tick_state {
    uint64_t seq, track_epoch, debrief_seq, msg_cursor, replay_epoch;
    double (*track)[3];
    station_replay_trace *trace;
} tick_state;

/* Posts `text` to every ready client (instructors only when
 * `instructors`): as the newest state when `state`, else in order. */
/* Posts text to every ready client (only the instructors', or only the
 * cockpit's, when asked); a state replaces the one not yet sent. */
static void to_some(web_server *w, const char *text, int instructors, int cockpits, int state)
{
    if (!text)
        return;
    pthread_mutex_lock(&w->clients_lock);
    for (int i = 0; i < w->cfg.max_clients; i++) {
        web_client *cl = &w->clients[i];
        if (!cl->conn || !cl->ready || (instructors && cl->role != PROTO_INSTRUCTOR) ||
            (cockpits && cl->role != PROTO_COCKPIT))
            continue;
        if (state)
            ws_outbox_post_latest(cl->out, text);
        else
            (void)ws_outbox_post(cl->out, text);
    }
    pthread_mutex_unlock(&w->clients_lock);
}

static void to_all(web_server *w, const char *text, int instructors, int state)
{
    to_some(w, text, instructors, 0, state);
}

/* The debriefs of the sorties graded since the last tick, as messages. */
typedef struct debrief_batch {
    char *json[8];
    int n;
} debrief_batch;

static void debrief_json(const grade_sheet *sheet, long long id, const char *path, int latest, void *user)
{
    debrief_batch *b = user;
    char url[64] = "";
    if (id > 0) /* stored: its page from the records, which /api/debrief/latest leads to */
        snprintf(url, sizeof url, "/api/records/debrief?sortie=%lld", id);
    else if (latest && path[0])
        snprintf(url, sizeof url, "/api/debrief/latest");
    if (b->n < (int)(sizeof b->json / sizeof b->json[0]))
        b->json[b->n++] = proto_debrief_json(sheet, id, url[0] ? url : NULL);
}

/* A replay's overlays, to the instructors: every one when a replay
 * starts, and one that connects while it plays. */
static void send_trace(web_server *w, tick_state *t, const station_snapshot *n)
{
    int fresh = n->replay_epoch != t->replay_epoch, wanted = 0;
    pthread_mutex_lock(&w->clients_lock);
    for (int i = 0; i < w->cfg.max_clients && n->replay; i++)
        wanted |= w->clients[i].conn && w->clients[i].ready && w->clients[i].need_trace;
    pthread_mutex_unlock(&w->clients_lock);
    if (!fresh && !wanted)
        return;
    uint64_t epoch = station_replay_trace_get(w->cfg.st, t->trace);
    char *js = epoch ? proto_replay_trace_json(t->trace, epoch) : NULL;
    pthread_mutex_lock(&w->clients_lock);
    for (int i = 0; i < w->cfg.max_clients; i++) {
        web_client *cl = &w->clients[i];
        if (!cl->conn || !cl->ready || cl->role != PROTO_INSTRUCTOR)
            continue;
        if (js && (fresh || (n->replay && cl->need_trace)))
            cl->need_trace = ws_outbox_post(cl->out, js) != 0; /* not sent: again later */
        else if (fresh)
            cl->need_trace = 0; /* the new epoch's, or none */
    }
    pthread_mutex_unlock(&w->clients_lock);
    free(js);
    t->replay_epoch = n->replay_epoch;
}

static void tick(web_server *w, tick_state *t)
{
    station_snapshot n;
    station_snapshot_get(w->cfg.st, &n);
    int clients;
    pthread_mutex_lock(&w->clients_lock);
    clients = w->nclients;
    int want_track = n.track_epoch != t->track_epoch;
    for (int i = 0; i < w->cfg.max_clients; i++)
        /* a client whose queue is backed up waits for room first (the
         * track is the largest message) */
        want_track |= w->clients[i].conn && w->clients[i].ready && w->clients[i].need_track &&
                      ws_outbox_queued(w->clients[i].out) < WEB_CLIENT_MAX_QUEUED / 2;
    pthread_mutex_unlock(&w->clients_lock);
    if (want_track) {
        int k = station_track(w->cfg.st, t->track, STATION_TRACK_MAX_POINTS, NULL);
        char *tr = proto_track_json((const double(*)[3])t->track, k);
        int all = n.track_epoch != t->track_epoch;
        pthread_mutex_lock(&w->clients_lock);
        for (int i = 0; i < w->cfg.max_clients; i++) {
            web_client *cl = &w->clients[i];
            if (cl->conn && cl->ready && (all || cl->need_track))
                cl->need_track = !tr || ws_outbox_post(cl->out, tr) != 0; /* not sent: again later */
        }
        pthread_mutex_unlock(&w->clients_lock);
        free(tr);
        t->track_epoch = n.track_epoch;
    }
    send_trace(w, t, &n); /* before the state that shows the replay */
    if (n.seq != t->seq) {
        char *s = proto_state_json(&n, clients);
        station_snapshot c = n;
        if (proto_cockpit_view(&c)) { /* a diversion: the trainee works it out */
            to_some(w, s, 1, 0, 1);
            char *cs = proto_state_json(&c, clients);
            to_some(w, cs, 0, 1, 1);
            free(cs);
        } else {
            to_all(w, s, 0, 1);
        }
        free(s);
        t->seq = n.seq;
    }
    if (n.debrief_seq != t->debrief_seq) { /* every one, two sorties finishing in a tick too */
        debrief_batch b = {{NULL}, 0};
        station_debriefs_since(w->cfg.st, &t->debrief_seq, debrief_json, &b);
        for (int i = 0; i < b.n; i++) {
            to_all(w, b.json[i], 0, 0);
            free(b.json[i]);
        }
    }
    char text[600];
    int is_error;
    while (station_message(w->cfg.st, &t->msg_cursor, text, sizeof text, &is_error)) {
        char *m = is_error ? proto_error_json(text, 0, 0) : proto_notice_json(text);
        to_all(w, m, 1, 0);
        free(m);
    }
}

static void *broadcaster(void *arg)
{
    web_server *w = arg;
    tick_state t;
    memset(&t, 0, sizeof t);
    t.track = calloc(STATION_TRACK_MAX_POINTS, sizeof *t.track);
    t.trace = calloc(1, sizeof *t.trace);
    if (!t.track || !t.trace) {
        free(t.track);
        free(t.trace);
        return NULL;
    }
    station_snapshot n;
    station_snapshot_get(w->cfg.st, &n);
    t.debrief_seq = n.debrief_seq; /* only debriefs of sorties flown from now */
    t.msg_cursor = n.message_seq;
    t.replay_epoch = n.replay_epoch;
    double period = 1.0 / w->cfg.state_hz, next = web_now_s();
    while (!atomic_load(&w->stop)) {
        tick(w, &t);
        next += period;
        double now = web_now_s();
        if (next < now - 1.0)
            next = now; /* far behind (a stalled machine): no burst */
        double wait = next - now;
        if (wait > 0.0) {
            struct timespec ts = {(time_t)wait, (long)((wait - floor(wait)) * 1e9)};
            nanosleep(&ts, NULL);
        }
    }
    free(t.track);
    free(t.trace);
    return NULL;
}

int web_ws_start(web_server *w, saqr_err *err)
{
    if (pthread_create(&w->broadcaster, NULL, broadcaster, w) != 0)
        return err_set(err, SAQR_ENOMEM, "cannot start the broadcast thread");
    w->broadcaster_started = 1;
    return SAQR_OK;
}

void web_ws_stop(web_server *w)
{
    if (!w->broadcaster_started)
        return;
    atomic_store(&w->stop, 1);
    pthread_join(w->broadcaster, NULL);
    w->broadcaster_started = 0;
}

void web_ws_release(web_server *w)
{
    for (int i = 0; i < w->cfg.max_clients; i++) {
        ws_outbox_stop(w->clients[i].out);
        w->clients[i].out = NULL;
    }
}

int web_clients(web_server *w)
{
    pthread_mutex_lock(&w->clients_lock);
    int n = w->nclients;
    pthread_mutex_unlock(&w->clients_lock);
    return n;
}
