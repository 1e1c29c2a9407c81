/*
 * web.c - the station's HTTP side (see web.h): the built front end, the
 * JSON API of docs/station-protocol.md and instructors' login.
 */
#include "station/web_internal.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "records/records.h"

double web_now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

void web_utc_now(char out[32])
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* ------------------------------------------------------------ responses */

static const char security_headers[] = "X-Content-Type-Options: nosniff\r\n"
                                       "X-Frame-Options: DENY\r\n"
                                       "Referrer-Policy: no-referrer\r\n"
                                       "Cache-Control: no-store\r\n";

int web_send(struct mg_connection *c, int status, const char *reason, const char *content_type, const char *body,
             size_t n, const char *extra)
{
    mg_printf(c,
              "HTTP/1.1 %d %s\r\nContent-Type: %s\r\nContent-Length: %zu\r\n%s%s"
              "Connection: close\r\n\r\n",
              status, reason, content_type, n, security_headers, extra ? extra : "");
    mg_write(c, body, n);
    return status;
}

static int send_json(struct mg_connection *c, int status, const char *reason, const char *body, const char *extra)
{
    return web_send(c, status, reason, "application/json", body, strlen(body), extra);
}

int web_send_cjson(struct mg_connection *c, int status, const char *reason, cJSON *o, const char *extra)
{
    char *s = o ? cJSON_PrintUnformatted(o) : NULL;
    cJSON_Delete(o);
    send_json(c, status, reason, s ? s : "{}", extra);
    free(s);
    return status;
}

int web_send_error(struct mg_connection *c, int status, const char *reason, const char *message)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "error", message);
    return web_send_cjson(c, status, reason, o, NULL);
}

static int is_method(const struct mg_connection *c, const char *m)
{
    return strcmp(mg_get_request_info(c)->request_method, m) == 0;
}

int web_not_get(struct mg_connection *c)
{
    if (is_method(c, "GET") || is_method(c, "HEAD"))
        return 0;
    return web_send_error(c, 405, "Method Not Allowed", "GET");
}

int web_instructor_get(web_server *w, struct mg_connection *c, auth_who *who)
{
    if (web_not_get(c))
        return 405;
    if (!web_instructor(w, c, who))
        return web_send_error(c, 401, "Unauthorized", "not logged in");
    return 0;
}

/* The request body (at most WEB_MAX_BODY bytes) into buf; -1 when too
 * large or unreadable. */
static int read_body(struct mg_connection *c, char *buf, size_t size)
{
    const struct mg_request_info *ri = mg_get_request_info(c);
    if (ri->content_length > (long long)WEB_MAX_BODY)
        return -1;
    size_t n = 0;
    for (;;) {
        if (n + 1 >= size)
            return -1;
        int r = mg_read(c, buf + n, size - 1 - n);
        if (r < 0)
            return -1;
        if (r == 0)
            break;
        n += (size_t)r;
    }
    buf[n] = '\0';
    return (int)n;
}

int web_read_json(struct mg_connection *c, const char *what, cJSON **out)
{
    char body[WEB_MAX_BODY + 1];
    *out = NULL;
    int n = read_body(c, body, sizeof body);
    if (n < 0) {
        char msg[96];
        snprintf(msg, sizeof msg, "%s is at most %d KiB", what, WEB_MAX_BODY / 1024);
        return web_send_error(c, 413, "Payload Too Large", msg);
    }
    *out = proto_json_parse(body, (size_t)n, NULL);
    return 0;
}

int web_session_token(const struct mg_connection *conn, char token[AUTH_TOKEN_HEX + 2])
{
    const char *cookie = mg_get_header(conn, "Cookie");
    token[0] = '\0';
    return cookie && mg_get_cookie(cookie, "saqr_session", token, AUTH_TOKEN_HEX + 2) == AUTH_TOKEN_HEX;
}

int web_instructor(web_server *w, const struct mg_connection *conn, auth_who *who)
{
    char token[AUTH_TOKEN_HEX + 2];
    if (!web_session_token(conn, token))
        return 0;
    return auth_session_check(w->sessions, token, web_now_s(), who);
}

/* {"instructor": {...}} (and the cockpit's address when cockpit_path is
 * not NULL) with `extra` headers. */
static int send_instructor(struct mg_connection *c, const auth_who *who, const char *cockpit_path,
                           const char *extra)
{
    cJSON *r = cJSON_CreateObject();
    cJSON *i = cJSON_AddObjectToObject(r, "instructor");
    cJSON_AddNumberToObject(i, "id", (double)who->instructor_id);
    cJSON_AddStringToObject(i, "service_number", who->service_number);
    cJSON_AddStringToObject(i, "name", who->name);
    if (cockpit_path)
        cJSON_AddStringToObject(r, "cockpit_url", cockpit_path);
    return web_send_cjson(c, 200, "OK", r, extra);
}

/* ---------------------------------------------------------------- login */

/* 1 when `name` / `password` are an instructor's with a password set. */
static int check_login(web_server *w, const char *name, const char *password, auth_who *who, char *why,
                       size_t why_size)
{
    rdb *db;
    saqr_err e;
    if (!w->cfg.db_url || rdb_open(w->cfg.db_url, &db, &e)) {
        snprintf(why, why_size, "the records database cannot be opened");
        return 0;
    }
    records_instructor in;
    char hash[AUTH_HASH_MAX];
    int ok = records_instructor_password_hash(db, name, &in, hash, sizeof hash, &e) == SAQR_OK && hash[0] &&
             auth_password_matches(hash, password);
    rdb_close(db);
    if (!ok) {
        snprintf(why, why_size, "wrong service number or password");
        return 0;
    }
    memset(who, 0, sizeof *who);
    who->instructor_id = in.id;
    snprintf(who->service_number, sizeof who->service_number, "%s", in.service_number);
    snprintf(who->name, sizeof who->name, "%s", in.name);
    return 1;
}

_Static_assert(AUTH_PASSWORD_MAX == 128, "on_login's message names the password limit");

static int on_login(struct mg_connection *c, void *data)
{
    web_server *w = data;
    if (!is_method(c, "POST"))
        return web_send_error(c, 405, "Method Not Allowed", "POST a JSON object with name and password");
    cJSON *o;
    int sent = web_read_json(c, "the login", &o);
    if (sent)
        return sent;
    const cJSON *name = cJSON_GetObjectItemCaseSensitive(o, "name");
    const cJSON *pw = cJSON_GetObjectItemCaseSensitive(o, "password");
    if (!cJSON_IsObject(o) || !cJSON_IsString(name) || !cJSON_IsString(pw)) {
        cJSON_Delete(o);
        return web_send_error(c, 400, "Bad Request", "name and password (strings) are required");
    }
    if (strlen(name->valuestring) > 31 || strlen(pw->valuestring) > AUTH_PASSWORD_MAX) {
        cJSON_Delete(o);
        return web_send_error(c, 400, "Bad Request", "a service number is at most 31 bytes, a password at most 128");
    }
    auth_who who;
    char why[128];
    /* one check at a time: Argon2id is deliberately costly, and guessing
     * in parallel gains nothing */
    pthread_mutex_lock(&w->login_lock);
    int ok = check_login(w, name->valuestring, pw->valuestring, &who, why, sizeof why);
    pthread_mutex_unlock(&w->login_lock);
    cJSON_Delete(o);
    if (!ok)
        return web_send_error(c, 401, "Unauthorized", why);
    char token[AUTH_TOKEN_HEX + 1], cookie[256];
    auth_session_open(w->sessions, &who, web_now_s(), token);
    snprintf(cookie, sizeof cookie, "Set-Cookie: saqr_session=%s; HttpOnly; SameSite=Strict; Path=/\r\n", token);
    return send_instructor(c, &who, NULL, cookie);
}

static int on_logout(struct mg_connection *c, void *data)
{
    web_server *w = data;
    if (!is_method(c, "POST"))
        return web_send_error(c, 405, "Method Not Allowed", "POST");
    const char *cookie = mg_get_header(c, "Cookie");
    char token[AUTH_TOKEN_HEX + 2];
    if (cookie && mg_get_cookie(cookie, "saqr_session", token, sizeof token) == AUTH_TOKEN_HEX)
        auth_session_close(w->sessions, token);
    return send_json(c, 200, "OK", "{}", "Set-Cookie: saqr_session=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0\r\n");
}

/* --------------------------------------------------------------- the API */

static int on_session(struct mg_connection *c, void *data)
{
    web_server *w = data;
    auth_who who;
    int refused = web_instructor_get(w, c, &who);
    if (refused)
        return refused;
    return send_instructor(c, &who, w->cockpit_path, NULL);
}

static int on_lessons(struct mg_connection *c, void *data)
{
    web_server *w = data;
    int refused = web_instructor_get(w, c, NULL);
    if (refused)
        return refused;
    return send_json(c, 200, "OK", w->lessons_json, NULL);
}

static int on_airports(struct mg_connection *c, void *data)
{
    web_server *w = data;
    if (web_not_get(c))
        return 405;
    return send_json(c, 200, "OK", w->airports_json, NULL);
}

static int on_trainees(struct mg_connection *c, void *data)
{
    web_server *w = data;
    int refused = web_instructor_get(w, c, NULL);
    if (refused)
        return refused;
    rdb *db;
    saqr_err e;
    records_trainee *t = NULL;
    int n = 0;
    if (!w->cfg.db_url || rdb_open(w->cfg.db_url, &db, &e))
        return web_send_error(c, 503, "Service Unavailable", "the records database cannot be opened");
    int st = records_trainee_list(db, &t, &n, &e);
    rdb_close(db);
    if (st)
        return web_send_error(c, 503, "Service Unavailable", "the trainees cannot be read");
    cJSON *a = cJSON_CreateArray();
    for (int i = 0; i < n; i++) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddNumberToObject(o, "id", (double)t[i].id);
        cJSON_AddStringToObject(o, "service_number", t[i].service_number);
        cJSON_AddStringToObject(o, "name", t[i].name);
        cJSON_AddStringToObject(o, "course", t[i].course);
        cJSON_AddItemToArray(a, o);
    }
    free(t);
    return web_send_cjson(c, 200, "OK", a, NULL);
}

typedef struct latest_debrief {
    char path[1200];
    long long sortie_id;      /* 0: not stored in the records             */
} latest_debrief;

static void debrief_path(const grade_sheet *sheet, long long id, const char *path, void *user)
{
    (void)sheet;
    latest_debrief *d = user;
    snprintf(d->path, sizeof d->path, "%s", path);
    d->sortie_id = id;
}

/* The last sortie's debrief page.  Once it is stored in the records, the
 * records' page of that sortie (303 See Other): it carries the
 * instructor's comment, added after the page beside the recording was
 * written at the sortie's end. */
static int on_debrief(struct mg_connection *c, void *data)
{
    web_server *w = data;
    int refused = web_instructor_get(w, c, NULL);
    if (refused)
        return refused;
    latest_debrief d = {"", 0};
    struct stat sb;
    if (!station_with_debrief(w->cfg.st, debrief_path, &d) || !d.path[0] || stat(d.path, &sb) != 0)
        return web_send_error(c, 404, "Not Found", "no debrief yet");
    if (d.sortie_id > 0) {
        char to[64];
        snprintf(to, sizeof to, "/api/records/debrief?sortie=%lld", d.sortie_id);
        mg_send_http_redirect(c, to, 303);
        return 303;
    }
    mg_send_mime_file(c, d.path, "text/html; charset=utf-8");
    return 200;
}

/* Any other /api/ path. */
static int on_api_unknown(struct mg_connection *c, void *data)
{
    (void)data;
    return web_send_error(c, 404, "Not Found", "no such API");
}

/* ------------------------------------------------------------ start-up */

static char *lessons_json(const char *dir, saqr_err *err)
{
    records_lesson *ls;
    int n;
    if (records_syllabus_read(dir, &ls, &n, err))
        return NULL;
    cJSON *a = cJSON_CreateArray();
    for (int i = 0; i < n; i++) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "id", ls[i].lesson_id);
        cJSON_AddStringToObject(o, "title", ls[i].title);
        cJSON_AddStringToObject(o, "aircraft", ls[i].course);
        cJSON_AddItemToArray(a, o);
    }
    free(ls);
    char *s = cJSON_PrintUnformatted(a);
    cJSON_Delete(a);
    return s;
}

static char *airports_json(const airport_db *db)
{
    cJSON *a = cJSON_CreateArray();
    for (int i = 0; i < db->nairports; i++) {
        const airport *ap = &db->airports[i];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "icao", ap->icao);
        cJSON_AddStringToObject(o, "name", ap->name);
        cJSON_AddNumberToObject(o, "elevation_ft", ap->elevation_ft);
        cJSON *rs = cJSON_AddArrayToObject(o, "runways");
        for (int k = 0; k < ap->nrunways; k++) {
            const airport_runway *r = &ap->runways[k];
            double elat, elon;
            runway_to_geodetic(r, r->length_ft, 0.0, &elat, &elon);
            cJSON *ro = cJSON_CreateObject();
            cJSON_AddStringToObject(ro, "ident", r->ident);
            cJSON_AddNumberToObject(ro, "lat_deg", r->lat_deg);
            cJSON_AddNumberToObject(ro, "lon_deg", r->lon_deg);
            cJSON_AddNumberToObject(ro, "end_lat_deg", elat);
            cJSON_AddNumberToObject(ro, "end_lon_deg", elon);
            cJSON_AddNumberToObject(ro, "heading_deg", r->heading_true_deg);
            cJSON_AddNumberToObject(ro, "length_ft", r->length_ft);
            cJSON_AddNumberToObject(ro, "width_ft", r->width_ft);
            cJSON_AddNumberToObject(ro, "elevation_ft", r->elevation_ft);
            cJSON_AddItemToArray(rs, ro);
        }
        cJSON_AddItemToArray(a, o);
    }
    char *s = cJSON_PrintUnformatted(a);
    cJSON_Delete(a);
    return s;
}

static int log_message(const struct mg_connection *c, const char *message)
{
    (void)c;
    fprintf(stderr, "saqr serve: %s\n", message);
    return 1;
}

int web_start(const web_config *cfg, web_server **out, saqr_err *err)
{
    *out = NULL;
    struct stat sb;
    if (!cfg->static_dir || stat(cfg->static_dir, &sb) != 0 || !S_ISDIR(sb.st_mode))
        return err_set(err, SAQR_ENOTFOUND, "%s: the built front end is missing (run: make web)",
                       cfg->static_dir ? cfg->static_dir : "(none)");
    web_server *w = calloc(1, sizeof *w);
    if (!w)
        return err_set(err, SAQR_ENOMEM, "out of memory");
    w->cfg = *cfg;
    if (!(w->cfg.state_hz > 0.0))
        w->cfg.state_hz = 30.0;
    if (w->cfg.max_clients <= 0)
        w->cfg.max_clients = 64;
    pthread_mutex_init(&w->login_lock, NULL);
    pthread_mutex_init(&w->clients_lock, NULL);
    w->clients = calloc((size_t)w->cfg.max_clients, sizeof *w->clients);
    w->sessions = auth_sessions_create(cfg->session_idle_s > 0 ? cfg->session_idle_s : 3600.0,
                                       cfg->session_max_s > 0 ? cfg->session_max_s : 43200.0);
    if (!w->clients || !w->sessions) {
        web_stop(w);
        return err_set(err, SAQR_ENOMEM, "out of memory");
    }
    if (cfg->cockpit_key)
        snprintf(w->cockpit_key, sizeof w->cockpit_key, "%s", cfg->cockpit_key);
    else
        auth_random_hex(w->cockpit_key, AUTH_TOKEN_HEX / 2);
    snprintf(w->cockpit_path, sizeof w->cockpit_path, "/cockpit.html#key=%s", w->cockpit_key);
    if (!(w->lessons_json = lessons_json(cfg->lessons_dir, err))) {
        web_stop(w);
        return SAQR_EIO;
    }
    if (!(w->airports_json = airports_json(cfg->airports))) {
        web_stop(w);
        return err_set(err, SAQR_ENOMEM, "out of memory");
    }
    char ports[128];
    snprintf(ports, sizeof ports, "%s:%d", cfg->bind ? cfg->bind : "127.0.0.1", cfg->port);
    const char *options[] = {"listening_ports",
                             ports,
                             "document_root",
                             cfg->static_dir,
                             "enable_directory_listing",
                             "no",
                             "num_threads",
                             "32",
                             "request_timeout_ms",
                             "10000",
                             "websocket_timeout_ms",
                             "3600000",
                             "additional_header",
                             "X-Content-Type-Options: nosniff\r\nX-Frame-Options: DENY",
                             NULL};
    struct mg_callbacks cb;
    memset(&cb, 0, sizeof cb);
    cb.log_message = log_message;
    mg_init_library(0);
    w->ctx = mg_start(&cb, w, options);
    if (!w->ctx) {
        web_stop(w);
        return err_set(err, SAQR_EIO, "cannot listen on %s (in use, or not an address of this machine)", ports);
    }
    struct mg_server_port sp[4];
    int np = mg_get_server_ports(w->ctx, 4, sp);
    w->port = np > 0 ? sp[0].port : cfg->port;
    mg_set_request_handler(w->ctx, "/api/login$", on_login, w);
    mg_set_request_handler(w->ctx, "/api/logout$", on_logout, w);
    mg_set_request_handler(w->ctx, "/api/session$", on_session, w);
    mg_set_request_handler(w->ctx, "/api/lessons$", on_lessons, w);
    mg_set_request_handler(w->ctx, "/api/trainees$", on_trainees, w);
    mg_set_request_handler(w->ctx, "/api/airports$", on_airports, w);
    mg_set_request_handler(w->ctx, "/api/debrief/latest$", on_debrief, w);
    web_records_register(w);
    web_briefing_register(w);
    web_replay_register(w);
    web_scenarios_register(w);
    mg_set_request_handler(w->ctx, "/api/", on_api_unknown, w); /* after every other /api/ handler */
    web_ws_register(w);
    int st = web_ws_start(w, err);
    if (st) {
        web_stop(w);
        return st;
    }
    *out = w;
    return SAQR_OK;
}

int web_port(const web_server *w)
{
    return w->port;
}

const char *web_cockpit_path(const web_server *w)
{
    return w->cockpit_path;
}

unsigned long web_rejected(web_server *w)
{
    return atomic_load(&w->rejected);
}

void web_stop(web_server *w)
{
    if (!w)
        return;
    web_ws_stop(w);
    if (w->ctx)
        mg_stop(w->ctx);
    if (w->clients)
        web_ws_release(w);
    auth_sessions_destroy(w->sessions);
    free(w->clients);
    free(w->lessons_json);
    free(w->airports_json);
    pthread_mutex_destroy(&w->login_lock);
    pthread_mutex_destroy(&w->clients_lock);
    free(w);
}
