/*
 * web_internal.h - the web server's state, shared by web.c (HTTP: pages,
 * API, login) and web_ws.c (WebSocket clients and the broadcast thread).
 * Not a public interface.
 */
#ifndef SAQR_STATION_WEB_INTERNAL_H
#define SAQR_STATION_WEB_INTERNAL_H

#include <civetweb.h>
#include <cjson/cJSON.h>
#include <pthread.h>
#include <stdatomic.h>

#include "records/db.h"
#include "records/records.h"
#include "station/auth.h"
#include "station/protocol.h"
#include "station/web.h"
#include "station/ws_outbox.h"
#include "train/record.h"

#define WEB_MAX_BODY 4096

typedef struct web_client {
    struct mg_connection *conn; /* NULL: free slot                        */
    proto_role role;
    auth_who who;               /* the instructor (PROTO_INSTRUCTOR)        */
    char token[AUTH_TOKEN_HEX + 2]; /* and the session it connected with  */
    int ready;                  /* the upgrade finished: may be written to  */
    int need_track;             /* send the whole track next tick           */
    int need_trace;             /* an instructor's: send the replay's
                                   overlays while one plays               */
    ws_outbox *out;             /* its sender: set when ready               */
} web_client;

/* Ordered messages (track, debriefs, notices) a client may have waiting;
 * more are dropped (a state is never queued: the newest replaces it). */
#define WEB_CLIENT_MAX_QUEUED 64

struct web_server {
    web_config cfg;
    struct mg_context *ctx;
    int port;
    auth_sessions *sessions;
    pthread_mutex_t login_lock;  /* one password check at a time            */
    char cockpit_key[AUTH_TOKEN_HEX + 1];
    char cockpit_path[128];
    char *lessons_json, *airports_json; /* made once at the start          */
    pthread_mutex_t clients_lock;
    web_client *clients;         /* cfg.max_clients slots                  */
    int nclients;
    atomic_ulong rejected;
    pthread_t broadcaster;
    int broadcaster_started;
    atomic_int stop;
};

/* web.c */
/* Responses with the station's security headers (and `extra` header
 * lines, each ending in CRLF, or NULL); each returns `status`.  The cJSON
 * one prints and deletes `o`. */
int web_send(struct mg_connection *c, int status, const char *reason, const char *content_type, const char *body,
             size_t n, const char *extra);
int web_send_cjson(struct mg_connection *c, int status, const char *reason, cJSON *o, const char *extra);
int web_send_error(struct mg_connection *c, int status, const char *reason, const char *message);
double web_now_s(void);
/* The instructor of the request's session cookie; 0 when none. */
int web_instructor(web_server *w, const struct mg_connection *conn, auth_who *who);
/* The request body (at most WEB_MAX_BODY bytes) parsed as JSON into *out
 * (NULL when it is not JSON; delete with cJSON_Delete).  Returns 0, or
 * the status already answered (413: `what` is too large). */
int web_read_json(struct mg_connection *c, const char *what, cJSON **out);
/* 0 for a GET or HEAD; else answers 405 and returns non-zero. */
int web_not_get(struct mg_connection *c);
/* 0 for a GET or HEAD by a logged-in instructor (*who filled, may be
 * NULL); else answers 405 or 401 and returns that status. */
int web_instructor_get(web_server *w, struct mg_connection *c, auth_who *who);
/* The request's session token (its cookie) into token; 0 when none. */
int web_session_token(const struct mg_connection *conn, char token[AUTH_TOKEN_HEX + 2]);
void web_utc_now(char out[32]);

/* web_records.c: the records API (progress, sorties, debriefs) */
void web_records_register(web_server *w);
/* The query's `name`, at most size - 1 bytes; 0 when absent or too long. */
int web_query_value(const struct mg_connection *c, const char *name, char *buf, size_t size);
/* The query's ?sortie=ID: a whole number from 1; 0 when it is not one. */
long long web_query_sortie(const struct mg_connection *c);
/* A GET of a logged-in instructor naming a stored sortie (?sortie=ID):
 * the open records (rdb_close them) and *id; NULL with *answered the
 * status already sent (405, 401, 400, 503). */
rdb *web_sortie_request(web_server *w, struct mg_connection *c, long long *id, int *answered);
/* The records the station was started with, opened; NULL after answering
 * 503 when they cannot be. */
rdb *web_records_open(web_server *w, struct mg_connection *c);
/* Answers a records read that failed: 404 with the message when the row
 * does not exist, 503 naming `what` otherwise. */
int web_send_read_failure(struct mg_connection *c, int st, const saqr_err *e, const char *what);
/* A stored sortie's recording: the records' own copy (schema 3), which
 * any station on the records can read and which is the sortie's own even
 * where another machine's file has the same path; else, for a sortie
 * stored before, the file it names.  Free it with rec_data_free. */
int web_sortie_recording(rdb *db, const records_sortie *s, rec_data *rec, saqr_err *err);
/* Stored sortie `id` of the open records `db` with its recording: 0 with
 * *s and *rec (free it with rec_data_free) and, when `elements` is not
 * NULL, its stored elements (free() them); or the HTTP status already
 * answered: 404 for no such sortie, none recorded or one unreadable, 503
 * when the records cannot be read. */
int web_stored_sortie(struct mg_connection *c, rdb *db, long long id, records_sortie *s, rec_data *rec,
                      records_element **elements, int *nelements);
/* The lesson a recording names (its "lesson" metadata), loaded from the
 * station's lessons; `recording` names it in errors.  lesson_free it. */
int web_recording_lesson(web_server *w, const rec_data *rec, const char *recording, lesson *l, saqr_err *err);
/* The runway a recording names ("OPRS 27L"), NULL when none is known. */
const airport_runway *web_recording_runway(web_server *w, const rec_data *rec);
/* web_grading.c: a stored sortie's grading, read and changed */
void web_grading_register(web_server *w);
/* web_replay.c: a stored sortie loaded into the station's replay */
void web_replay_register(web_server *w);
/* The lessons' briefing pages and routes (web_briefing.c). */
void web_briefing_register(web_server *w);
/* web_scenarios.c: the instructors' scenarios (/api/scenarios...) */
void web_scenarios_register(web_server *w);

/* web_ws.c */
void web_ws_register(web_server *w);
int web_ws_start(web_server *w, saqr_err *err);
void web_ws_stop(web_server *w);
/* Stops the senders of clients whose close handler did not run (after
 * the server stopped). */
void web_ws_release(web_server *w);

#endif
