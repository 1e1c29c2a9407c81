/*
 * test_station_load.c - the instructor station under load and attack on
 * loopback (issue 7's proof): the real server (`saqr serve`'s station and
 * web server, real clock, 120 Hz) with 20 WebSocket clients at once must
 * keep its frame rate - no more overruns or dropped frames with them than
 * in the same time without them - and send every client the state at its
 * 30 Hz; malformed, oversized, binary and forbidden messages are refused
 * with an error while the simulation goes on; connections without the
 * key or from another site's page are refused; the HTTP API refuses
 * requests without a login, wrong passwords and oversized bodies.
 */
#include "test_util.h"

#include <civetweb.h>
#include <cjson/cJSON.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "db_test_util.h"
#include "records/records.h"
#include "station/auth.h"
#include "station/station.h"
#include "station/web.h"
#include "train/record.h"
#include "train/sortie.h"


#define NCLIENTS 20
#define KEY "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"

typedef struct server {
    char dir[256], db_url[512], web_dir[300];
    airport_db airports;
    station *st;
    web_server *w;
    int port;
} server;

typedef struct client {
    struct mg_connection *c;
    atomic_int states, errors, closed;
} client;

static void sleep_s(double s)
{
    struct timespec ts = {(time_t)s, (long)((s - (double)(time_t)s) * 1e9)};
    nanosleep(&ts, NULL);
}

static void start_server(server *s)
{
    saqr_err err = {""};
    snprintf(s->dir, sizeof s->dir, "/tmp/saqr-test-load-XXXXXX");
    assert_non_null(mkdtemp(s->dir));
    snprintf(s->db_url, sizeof s->db_url, "sqlite://%s/records.db", s->dir);
    rdb *db;
    assert_int_equal(rdb_open(s->db_url, &db, &err), SAQR_OK);
    char hash[AUTH_HASH_MAX];
    assert_int_equal(records_instructor_add(db, "INS-9", "Test Instructor", NULL, &err), SAQR_OK);
    assert_int_equal(auth_hash_password("right password", hash, &err), SAQR_OK);
    assert_int_equal(records_instructor_set_password_hash(db, "INS-9", hash, &err), SAQR_OK);
    rdb_close(db);
    snprintf(s->web_dir, sizeof s->web_dir, "%s/web", s->dir);
    assert_int_equal(mkdir(s->web_dir, 0755), 0);
    char index[400];
    snprintf(index, sizeof index, "%s/index.html", s->web_dir);
    FILE *f = fopen(index, "w");
    fputs("<!doctype html><title>station</title>", f);
    fclose(f);
    assert_int_equal(airport_db_load(SAQR_DATA_DIR "/airports.xml", &s->airports, &err), SAQR_OK);
    char work[300];
    snprintf(work, sizeof work, "%s/work", s->dir);
    station_config c = {SAQR_ROOT_DIR, SAQR_ROOT_DIR "/lessons", &s->airports, s->db_url, work, NULL,
                        rt_clock_monotonic(), 30.0, NULL, 0, NULL, 0, 0, 0, NULL};
    if (station_create(&c, &s->st, &err) || station_start(s->st, &err))
        fail_msg("%s", err.msg);
    web_config wc = {"127.0.0.1", 0, s->web_dir, s->db_url, SAQR_ROOT_DIR "/lessons", &s->airports, s->st, 30.0, 64,
                     0, 0, KEY};
    if (web_start(&wc, &s->w, &err))
        fail_msg("%s", err.msg);
    s->port = web_port(s->w);
    assert_true(s->port > 0);
}

static void stop_server(server *s)
{
    web_stop(s->w);
    station_destroy(s->st);
    airport_db_free(&s->airports);
    db_test_remove_tree(s->dir);
}

static int on_data(struct mg_connection *c, int bits, char *data, size_t len, void *user)
{
    (void)c;
    client *cl = user;
    if ((bits & 0xf) != MG_WEBSOCKET_OPCODE_TEXT)
        return 1;
    if (len > 14 && memcmp(data, "{\"type\":\"state", 14) == 0)
        atomic_fetch_add(&cl->states, 1);
    else if (len > 14 && memcmp(data, "{\"type\":\"error", 14) == 0)
        atomic_fetch_add(&cl->errors, 1);
    return 1;
}

static void on_close(const struct mg_connection *c, void *user)
{
    (void)c;
    atomic_store(&((client *)user)->closed, 1);
}

static struct mg_connection *connect_ws(const server *s, const char *path, const char *origin, client *cl)
{
    char ebuf[256] = "";
    return mg_connect_websocket_client("127.0.0.1", s->port, 0, ebuf, sizeof ebuf, path, origin, on_data, on_close,
                                       cl);
}

static station_snapshot snap(server *s)
{
    station_snapshot n;
    station_snapshot_get(s->st, &n);
    return n;
}

/* Starts super-mushak/straight-and-level with the reference pilot. */
static void start_straight_and_level(server *s)
{
    station_cmd c;
    memset(&c, 0, sizeof c);
    c.kind = SCMD_START;
    snprintf(c.lesson, sizeof c.lesson, "super-mushak/straight-and-level");
    snprintf(c.pilot, sizeof c.pilot, "reference");
    saqr_err err = {""};
    assert_int_equal(station_submit(s->st, &c, &err), SAQR_OK);
}

/* An HTTP request; the status, and the response's body / Set-Cookie. */
static int http(const server *s, const char *request, char *body, size_t body_size, char *cookie,
                size_t cookie_size)
{
    char ebuf[256] = "";
    struct mg_connection *c = mg_download("127.0.0.1", s->port, 0, ebuf, sizeof ebuf, "%s", request);
    if (!c)
        fail_msg("HTTP request failed: %s", ebuf);
    const struct mg_response_info *ri = mg_get_response_info(c);
    int status = ri->status_code;
    if (cookie) {
        cookie[0] = '\0';
        for (int i = 0; i < ri->num_headers; i++)
            if (strcasecmp(ri->http_headers[i].name, "Set-Cookie") == 0)
                snprintf(cookie, cookie_size, "%s", ri->http_headers[i].value);
    }
    size_t n = 0;
    int r;
    while (body && n + 1 < body_size && (r = mg_read(c, body + n, body_size - 1 - n)) > 0)
        n += (size_t)r;
    if (body)
        body[n] = '\0';
    mg_close_connection(c);
    return status;
}

static void twenty_clients_do_not_slow_the_simulation(void **state)
{
    (void)state;
    server s;
    memset(&s, 0, sizeof s);
    start_server(&s);
    start_straight_and_level(&s);
    sleep_s(1.0); /* settled */

    /* the same span without, then with, 20 clients */
    const double span_s = 4.0;
    station_snapshot a = snap(&s);
    /* the frame that loaded the sortie was a break, not a late frame */
    assert_int_equal(a.loop.breaks, 1);
    assert_true(a.loop.break_s > 0.0);
    sleep_s(span_s);
    station_snapshot b = snap(&s);
    static client cl[NCLIENTS];
    char path[200];
    snprintf(path, sizeof path, "/ws?role=cockpit&key=%s", KEY);
    for (int i = 0; i < NCLIENTS; i++) {
        memset(&cl[i], 0, sizeof cl[i]);
        cl[i].c = connect_ws(&s, path, NULL, &cl[i]);
        assert_non_null(cl[i].c);
    }
    sleep_s(0.5);
    assert_int_equal(web_clients(s.w), NCLIENTS);
    for (int i = 0; i < NCLIENTS; i++)
        atomic_store(&cl[i].states, 0);
    station_snapshot d = snap(&s);
    sleep_s(span_s);
    station_snapshot e = snap(&s);
    unsigned long over_without = (unsigned long)(b.loop.overruns - a.loop.overruns),
                  over_with = (unsigned long)(e.loop.overruns - d.loop.overruns);
    unsigned long drop_with = (unsigned long)(e.loop.dropped_frames - d.loop.dropped_frames);
    double frames_with = (double)(e.loop.frames - d.loop.frames);
    print_message("without clients: %lu overruns in %.0f s; with %d: %lu overruns, %lu dropped, %.0f frames "
                  "(%.1f Hz)\n",
                  over_without, span_s, NCLIENTS, over_with, drop_with, frames_with, frames_with / span_s);
    /* the frame rate held: 120 Hz within 2 % */
    assert_true(frames_with / span_s > 0.98 * 120.0 && frames_with / span_s < 1.02 * 120.0);
    /* and the loop kept its deadlines: a broadcaster that held the
     * simulation up would overrun most frames; a virtual machine's
     * scheduler alone has been seen to make 3 in 480 (CI), so a few, up to
     * 1% of the frames, are allowed beyond the span without clients */
    assert_true((double)over_with <= (double)over_without + 2.0 + 0.01 * frames_with);
    assert_true(drop_with == 0 || drop_with <= (unsigned long)(b.loop.dropped_frames - a.loop.dropped_frames));
    for (int i = 0; i < NCLIENTS; i++) {
        int got = atomic_load(&cl[i].states);
        if (got < (int)(0.8 * 30.0 * span_s))
            fail_msg("client %d got %d states in %.0f s (30 Hz wanted)", i, got, span_s);
    }

    /* malformed, forbidden, binary and oversized messages */
    client *bad = &cl[0];
    static const char *const junk[] = {"not json", "{\"type\":\"controls\",\"elevator\":9}",
                                       "{\"type\":\"malfunction\",\"name\":\"engine-failure\",\"on\":true}",
                                       "{\"type\":\"start\",\"lesson\":\"super-mushak/loop\"}", "[]", "{\"type\":1}"};
    unsigned long rejected0 = web_rejected(s.w);
    for (size_t i = 0; i < sizeof junk / sizeof junk[0]; i++)
        assert_true(mg_websocket_client_write(bad->c, MG_WEBSOCKET_OPCODE_TEXT, junk[i], strlen(junk[i])) > 0);
    assert_true(mg_websocket_client_write(bad->c, MG_WEBSOCKET_OPCODE_BINARY, "\x01\x02", 2) > 0);
    size_t big_n = 1u << 20;
    char *big = malloc(big_n);
    memset(big, '{', big_n);
    assert_true(mg_websocket_client_write(bad->c, MG_WEBSOCKET_OPCODE_TEXT, big, big_n) > 0);
    free(big);
    sleep_s(1.0);
    int n_junk = (int)(sizeof junk / sizeof junk[0]) + 2;
    assert_int_equal(atomic_load(&bad->errors), n_junk);
    assert_int_equal(web_rejected(s.w) - rejected0, (unsigned long)n_junk);
    station_snapshot f = snap(&s);
    assert_int_equal(f.status, STATION_RUNNING);         /* the flight went on */
    assert_true(f.malfunctions == 0);                      /* nothing the cockpit sent took effect */
    assert_string_equal(f.lesson_id, "super-mushak/straight-and-level");
    assert_true(f.ins.t_s > e.ins.t_s + 0.5);
    int before = atomic_load(&bad->states);
    sleep_s(0.5);
    assert_true(atomic_load(&bad->states) > before);       /* and still streams to it */
    assert_false(atomic_load(&bad->closed));

    for (int i = 0; i < NCLIENTS; i++)
        mg_close_connection(cl[i].c);
    stop_server(&s);
}

/* A WebSocket client that finishes the upgrade and then never reads
 * again (a laptop gone to sleep, a frozen tab), with a small receive
 * buffer so that the server's writes to it soon block.  Returns the
 * socket. */
static int stalled_client(const server *s, const char *path)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    assert_true(fd >= 0);
    int small = 2048;
    assert_int_equal(setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &small, sizeof small), 0);
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons((uint16_t)s->port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(connect(fd, (struct sockaddr *)&a, sizeof a), 0);
    char req[600];
    int n = snprintf(req, sizeof req,
                     "GET %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                     "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n",
                     path, s->port);
    assert_int_equal(write(fd, req, (size_t)n), n);
    /* the response's head, a byte at a time, and not a byte more */
    char head[1024];
    size_t got = 0;
    while (got + 1 < sizeof head && !(got >= 4 && memcmp(head + got - 4, "\r\n\r\n", 4) == 0))
        assert_int_equal(read(fd, head + got++, 1), 1);
    head[got] = '\0';
    assert_non_null(strstr(head, " 101 "));
    return fd;
}

/* Small send buffers for the server's connections: the listening socket's
 * SO_SNDBUF (which turns off the kernel's buffer growth) is inherited by
 * the sockets it accepts, so a client that stops reading fills its buffer
 * in seconds instead of the minutes the grown buffer (4 MB) would take. */
static void small_server_send_buffers(const server *s)
{
    int done = 0;
    for (int fd = 0; fd < 1024; fd++) {
        struct sockaddr_in a;
        socklen_t n = sizeof a;
        int listening = 0;
        socklen_t ln = sizeof listening;
        if (getsockname(fd, (struct sockaddr *)&a, &n) != 0 || a.sin_family != AF_INET ||
            ntohs(a.sin_port) != s->port || getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &ln) != 0 ||
            !listening)
            continue;
        int small = 4096;
        assert_int_equal(setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &small, sizeof small), 0);
        done = 1;
    }
    assert_true(done);
}

static void a_client_that_stops_reading_does_not_stall_the_others(void **state)
{
    (void)state;
    server s;
    memset(&s, 0, sizeof s);
    start_server(&s);
    small_server_send_buffers(&s);
    start_straight_and_level(&s);
    char path[200];
    snprintf(path, sizeof path, "/ws?role=cockpit&key=%s", KEY);
    int stalled = stalled_client(&s, path);
    static client good;
    memset(&good, 0, sizeof good);
    good.c = connect_ws(&s, path, NULL, &good);
    assert_non_null(good.c);
    /* the stalled client's buffers fill within a few seconds (a state is
     * about 1 kB, 30 a second); after that the others must still get
     * theirs */
    sleep_s(4.0);
    atomic_store(&good.states, 0);
    station_snapshot a = snap(&s);
    const double span_s = 3.0;
    sleep_s(span_s);
    station_snapshot b = snap(&s);
    int got = atomic_load(&good.states);
    print_message("beside a client that stopped reading: %d states in %.0f s\n", got, span_s);
    if (got < (int)(0.8 * 30.0 * span_s))
        fail_msg("a client beside a stalled one got %d states in %.0f s (30 Hz wanted)", got, span_s);
    assert_true(b.ins.t_s > a.ins.t_s + 0.9 * span_s); /* the flight went on */
    /* a new instructor page can still connect and is served */
    static client late;
    memset(&late, 0, sizeof late);
    late.c = connect_ws(&s, path, NULL, &late);
    assert_non_null(late.c);
    sleep_s(1.0);
    assert_true(atomic_load(&late.states) >= 20);
    mg_close_connection(late.c);
    mg_close_connection(good.c);
    close(stalled);
    stop_server(&s);
}

static void strangers_are_refused(void **state)
{
    (void)state;
    server s;
    memset(&s, 0, sizeof s);
    start_server(&s);
    client cl;
    memset(&cl, 0, sizeof cl);
    char path[200];
    assert_null(connect_ws(&s, "/ws?role=cockpit&key=0123", NULL, &cl));
    assert_null(connect_ws(&s, "/ws?role=cockpit", NULL, &cl));
    assert_null(connect_ws(&s, "/ws?role=instructor", NULL, &cl)); /* no session */
    assert_null(connect_ws(&s, "/ws", NULL, &cl));
    snprintf(path, sizeof path, "/ws?role=cockpit&key=%s", KEY);
    assert_null(connect_ws(&s, path, "http://evil.example", &cl)); /* another site's page */
    struct mg_connection *ok = connect_ws(&s, path, NULL, &cl);
    assert_non_null(ok);
    mg_close_connection(ok);

    char body[16384], cookie[256], req[8192];
    assert_int_equal(http(&s, "GET /api/lessons HTTP/1.1\r\nHost: x\r\n\r\n", body, sizeof body, NULL, 0), 401);
    assert_int_equal(http(&s, "GET /api/trainees HTTP/1.1\r\nHost: x\r\n\r\n", body, sizeof body, NULL, 0), 401);
    assert_int_equal(http(&s, "GET /api/nothing HTTP/1.1\r\nHost: x\r\n\r\n", body, sizeof body, NULL, 0), 404);
    static const char wrong[] = "{\"name\":\"INS-9\",\"password\":\"wrong password\"}";
    snprintf(req, sizeof req, "POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Length: %zu\r\n\r\n%s", strlen(wrong),
             wrong);
    assert_int_equal(http(&s, req, body, sizeof body, cookie, sizeof cookie), 401);
    assert_string_equal(cookie, "");
    assert_non_null(strstr(body, "wrong service number or password"));
    snprintf(req, sizeof req, "POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n");
    assert_int_equal(http(&s, req, body, sizeof body, NULL, 0), 413);
    static const char right[] = "{\"name\":\"INS-9\",\"password\":\"right password\"}";
    snprintf(req, sizeof req, "POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Length: %zu\r\n\r\n%s", strlen(right),
             right);
    assert_int_equal(http(&s, req, body, sizeof body, cookie, sizeof cookie), 200);
    assert_non_null(strstr(cookie, "HttpOnly"));
    assert_non_null(strstr(cookie, "SameSite=Strict"));
    char token[80] = "";
    assert_int_equal(sscanf(cookie, "saqr_session=%64[0-9a-f]", token), 1);
    snprintf(req, sizeof req, "GET /api/session HTTP/1.1\r\nHost: x\r\nCookie: saqr_session=%s\r\n\r\n", token);
    assert_int_equal(http(&s, req, body, sizeof body, NULL, 0), 200);
    assert_non_null(strstr(body, "/cockpit.html#key=" KEY));
    snprintf(req, sizeof req, "GET /api/lessons HTTP/1.1\r\nHost: x\r\nCookie: saqr_session=%s\r\n\r\n", token);
    assert_int_equal(http(&s, req, body, sizeof body, NULL, 0), 200);
    assert_non_null(strstr(body, "super-mushak/steep-turns"));
    snprintf(req, sizeof req, "POST /api/logout HTTP/1.1\r\nHost: x\r\nCookie: saqr_session=%s\r\nContent-Length: 0\r\n\r\n",
             token);
    assert_int_equal(http(&s, req, body, sizeof body, NULL, 0), 200);
    snprintf(req, sizeof req, "GET /api/session HTTP/1.1\r\nHost: x\r\nCookie: saqr_session=%s\r\n\r\n", token);
    assert_int_equal(http(&s, req, body, sizeof body, NULL, 0), 401);
    /* the front end is served; nothing outside it is */
    assert_int_equal(http(&s, "GET / HTTP/1.1\r\nHost: x\r\n\r\n", body, sizeof body, NULL, 0), 200);
    assert_non_null(strstr(body, "station"));
    int st = http(&s, "GET /../records.db HTTP/1.1\r\nHost: x\r\n\r\n", body, sizeof body, NULL, 0);
    assert_true(st == 404 || st == 400 || st == 403);
    stop_server(&s);
}

/* Logs in as the test instructor; the session token into token. */
static void login(const server *s, char token[80])
{
    char req[1024], body[1024], cookie[256];
    static const char right[] = "{\"name\":\"INS-9\",\"password\":\"right password\"}";
    snprintf(req, sizeof req, "POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Length: %zu\r\n\r\n%s", strlen(right),
             right);
    assert_int_equal(http(s, req, body, sizeof body, cookie, sizeof cookie), 200);
    assert_int_equal(sscanf(cookie, "saqr_session=%64[0-9a-f]", token), 1);
}

static int get(const server *s, const char *token, const char *path, char *body, size_t size)
{
    char req[1024];
    snprintf(req, sizeof req, "GET %s HTTP/1.1\r\nHost: x\r\nCookie: saqr_session=%s\r\n\r\n", path, token);
    return http(s, req, body, size, NULL, 0);
}

/* A trainee's record on the station: the sortie stored by a headless
 * flight (as `saqr fly --trainee` stores it) is in the sortie list, counts
 * in the progress, and its debrief page is made from its recording. */
static void the_records_are_shown_to_instructors(void **state)
{
    (void)state;
    server s;
    memset(&s, 0, sizeof s);
    start_server(&s);
    saqr_err err = {""};
    rdb *db;
    assert_int_equal(rdb_open(s.db_url, &db, &err), SAQR_OK);
    int changed;
    assert_int_equal(records_syllabus_sync(db, SAQR_ROOT_DIR "/lessons", &changed, &err), SAQR_OK);
    assert_int_equal(records_trainee_add(db, "PAF-7", "Plt Off Seven", "super-mushak", "2026-11-29T08:00:00Z", NULL,
                                         &err),
                     SAQR_OK);
    lesson l;
    assert_int_equal(lesson_load(SAQR_ROOT_DIR "/lessons/super-mushak/straight-and-level.xml", NULL, &l, &err),
                     SAQR_OK);
    char rec[400];
    snprintf(rec, sizeof rec, "%s/sal.rec", s.dir);
    sortie_opts o = {SAQR_ROOT_DIR, &s.airports, rec, "reference", 20.0, NULL, NULL};
    grade_sheet sheet;
    double flown_s;
    assert_int_equal(sortie_fly_timed(&l, &o, &sheet, &flown_s, &err), SAQR_OK);
    records_sortie_in in = {&sheet, "PAF-7", "INS-9", NULL, "2026-11-29T09:00:00Z", flown_s, rec, NULL};
    long long id;
    assert_int_equal(records_sortie_store(db, &in, &id, &err), SAQR_OK);
    rdb_close(db);

    char token[80], body[200000], path[128];
    assert_int_equal(http(&s, "GET /api/records/sorties HTTP/1.1\r\nHost: x\r\n\r\n", body, sizeof body, NULL, 0),
                     401);
    login(&s, token);
    assert_int_equal(get(&s, token, "/api/records/sorties?trainee=PAF-7", body, sizeof body), 200);
    cJSON *list = cJSON_Parse(body);
    assert_int_equal(cJSON_GetArraySize(list), 1);
    const cJSON *one = cJSON_GetArrayItem(list, 0);
    assert_string_equal(cJSON_GetObjectItem(one, "lesson_id")->valuestring, "super-mushak/straight-and-level");
    assert_string_equal(cJSON_GetObjectItem(one, "result")->valuestring, sheet_result_name(sheet.result));
    assert_string_equal(cJSON_GetObjectItem(one, "instructor")->valuestring, "INS-9");
    snprintf(path, sizeof path, "%s", cJSON_GetObjectItem(one, "debrief_url")->valuestring);
    char csv_path[128], acmi_path[128];
    snprintf(csv_path, sizeof csv_path, "%s", cJSON_GetObjectItem(one, "csv_url")->valuestring);
    snprintf(acmi_path, sizeof acmi_path, "%s", cJSON_GetObjectItem(one, "acmi_url")->valuestring);
    cJSON_Delete(list);

    /* session export: the recording as CSV (a header and one line per
     * recorded frame) and as Tacview ACMI, downloads for instructors only */
    rec_data rd;
    assert_int_equal(rec_read(rec, &rd, &err), SAQR_OK);
    const size_t big = 64u << 20;
    char *file = malloc(big);
    assert_non_null(file);
    assert_int_equal(get(&s, token, csv_path, file, big), 200);
    size_t lines = 0;
    for (const char *q = file; *q; q++)
        lines += *q == '\n';
    printf("CSV export: %zu lines for %zu recorded frames of %d channels\n", lines, rd.nframes, rd.nch);
    assert_true(lines == rd.nframes + 1);
    assert_true(strncmp(file, rd.ch[0].name, strlen(rd.ch[0].name)) == 0);
    assert_int_equal(get(&s, token, acmi_path, file, big), 200);
    assert_true(strncmp(file, "FileType=text/acmi/tacview", 26) == 0);
    rec_data_free(&rd);
    free(file);
    char bad[200];
    snprintf(bad, sizeof bad, "GET %s HTTP/1.1\r\nHost: x\r\n\r\n", csv_path);
    assert_int_equal(http(&s, bad, body, sizeof body, NULL, 0), 401);
    assert_int_equal(get(&s, token, "/api/records/export?sortie=1&format=pdf", body, sizeof body), 400);
    assert_int_equal(get(&s, token, "/api/records/export?format=csv", body, sizeof body), 400);
    assert_int_equal(get(&s, token, "/api/records/export?sortie=999&format=csv", body, sizeof body), 404);

    assert_int_equal(get(&s, token, "/api/records/progress?trainee=PAF-7", body, sizeof body), 200);
    cJSON *p = cJSON_Parse(body);
    assert_int_equal(cJSON_GetObjectItem(p, "sorties")->valueint, 1);
    /* the reference pilot flew it: a demonstration, whatever its grade */
    assert_int_equal(cJSON_GetObjectItem(p, "passed")->valueint, 0);
    assert_int_equal(cJSON_GetObjectItem(p, "demonstrations")->valueint, 1);
    assert_true(cJSON_GetObjectItem(p, "syllabus")->valueint >= 17);
    assert_true(cJSON_GetObjectItem(p, "hours")->valuedouble > 0.0);
    cJSON_Delete(p);

    assert_int_equal(get(&s, token, path, body, sizeof body), 200);
    assert_non_null(strstr(body, "<html"));
    assert_non_null(strstr(body, l.title));
    size_t page_len = strlen(body);
    assert_int_equal(get(&s, token, "/api/records/progress?trainee=NOBODY", body, sizeof body), 404);
    assert_int_equal(get(&s, token, "/api/records/progress", body, sizeof body), 400);
    assert_int_equal(get(&s, token, "/api/records/debrief?sortie=abc", body, sizeof body), 400);
    assert_int_equal(get(&s, token, "/api/records/debrief?sortie=99999999999999999999", body, sizeof body), 400);
    assert_int_equal(get(&s, token, "/api/records/debrief?sortie=999", body, sizeof body), 404);
    /* the file gone from this disk (or the sortie flown at another station
     * on the same records): the records' own copy of the recording gives
     * the same page and the same export */
    remove(rec);
    assert_int_equal(get(&s, token, path, body, sizeof body), 200);
    assert_non_null(strstr(body, l.title));
    assert_true(strlen(body) == page_len);
    assert_int_equal(get(&s, token, acmi_path, body, sizeof body), 200);
    assert_true(strncmp(body, "FileType=text/acmi/tacview", 26) == 0);
    /* a sortie stored before the records kept recordings, its file gone
     * since: a clear 404 naming the file, not a crash */
    assert_int_equal(rdb_open(s.db_url, &db, &err), SAQR_OK);
    assert_int_equal(rdb_exec(db, "DELETE FROM sortie_recordings", 0, NULL, NULL, &err), SAQR_OK);
    rdb_close(db);
    assert_int_equal(get(&s, token, path, body, sizeof body), 404);
    assert_int_equal(get(&s, token, csv_path, body, sizeof body), 404);
    assert_non_null(strstr(body, "sal.rec"));
    sheet_free(&sheet);
    lesson_free(&l);
    stop_server(&s);
}

int main(void)
{
    mg_init_library(0);
    /* valgrind runs only the refusals: its pace would fail the timing */
    if (getenv("SAQR_LOAD_ONLY"))
        cmocka_set_test_filter(getenv("SAQR_LOAD_ONLY"));
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(twenty_clients_do_not_slow_the_simulation),
        cmocka_unit_test(a_client_that_stops_reading_does_not_stall_the_others),
        cmocka_unit_test(strangers_are_refused),
        cmocka_unit_test(the_records_are_shown_to_instructors),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    mg_exit_library();
    return rc;
}
