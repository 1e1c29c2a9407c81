/*
 * cmd_serve.c - `saqr serve [--port 8080] [--bind 127.0.0.1] [--db URL]
 * [--fg HOST[:PORT]] [--web DIR] [--work DIR]`: the simulator in real time
 * with its web instructor station (docs/station.md), until Ctrl-C or
 * SIGTERM; and `saqr instructor passwd SERVICE_NO [--db URL]`, which sets
 * an instructor's login password from the first line of standard input.
 *
 * With no instructor able to log in, serve makes one ("admin") with a
 * random password and prints it once, so a fresh `make run` can be used
 * at once.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "app_paths.h"
#include "commands.h"
#include "fg_args.h"
#include "station/auth.h"
#include "station/fgmp.h"
#include "station/fgnet.h"
#include "station/station.h"
#include "station/web.h"
#include "train_args.h"
#include "util/file.h"

static const char usage[] = "usage: saqr serve [--port 8080] [--bind 127.0.0.1] [--db URL] [--fg HOST[:PORT]]\n"
                            "                  [--fg-props PORT] [--fg-mp PORT [--fg-mp-model PATH]] [--web DIR] [--work DIR]\n"
                            "                  [--controls FILE|none]\n"
                            "                  [--root DIR] [--lessons DIR] [--airports FILE] [--rt-priority N]\n"
                            "  --fg-props PORT  FlightGear's property server (fgfs --telnet=PORT) on the --fg\n"
                            "                   host: the instructor's visibility, cloud and time of day\n"
                            "  --fg-mp PORT     FlightGear's multiplayer input (fgfs --multiplay=in,10,,PORT) on\n"
                            "                   the --fg host: a formation lesson's lead drawn as an aircraft\n"
                            "  --fg-mp-model PATH  the lead's model under FlightGear's root (default\n"
                            "                   " FGMP_DEFAULT_MODEL ")\n"
                            "  --rt-priority N  the simulation thread's real-time priority (SCHED_FIFO, 1..99;\n"
                            "                   default 10; 0 leaves it ordinary work; docs/realtime.md)\n";

static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
    (void)sig;
    stop_requested = 1;
}

/* ----------------------------------------------------- instructor passwd */

/* One line of standard input without its newline (echo off on a
 * terminal); -1 on end of input or a line too long. */
static int read_password(char *buf, size_t size)
{
    struct termios old, quiet;
    int tty = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &old) == 0;
    if (tty) {
        fprintf(stderr, "Password: ");
        quiet = old;
        quiet.c_lflag &= ~(tcflag_t)ECHO;
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    char *r = fgets(buf, (int)size, stdin);
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
        fprintf(stderr, "\n");
    }
    if (!r)
        return -1;
    size_t n = strlen(buf);
    if (n > 0 && buf[n - 1] == '\n')
        buf[--n] = '\0';
    else if (n + 1 >= size)
        return -1;
    return 0;
}

int cmd_instructor_passwd(int argc, char **argv)
{
    const char *number = NULL, *url = NULL;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
            url = argv[++i];
        else if (argv[i][0] != '-' && !number)
            number = argv[i];
        else {
            fprintf(stderr, "saqr instructor passwd: unexpected argument %s\n"
                            "usage: saqr instructor passwd SERVICE_NO [--db URL]  (password on standard input)\n",
                    argv[i]);
            return 2;
        }
    }
    if (!number) {
        fprintf(stderr, "usage: saqr instructor passwd SERVICE_NO [--db URL]  (password on standard input)\n");
        return 2;
    }
    char pw[AUTH_PASSWORD_MAX + 2], hash[AUTH_HASH_MAX];
    if (read_password(pw, sizeof pw)) {
        fprintf(stderr, "saqr instructor passwd: no password on standard input (at most %d characters)\n",
                AUTH_PASSWORD_MAX);
        return 2;
    }
    saqr_err err = {""};
    if (auth_hash_password(pw, hash, &err)) {
        fprintf(stderr, "saqr instructor passwd: %s\n", err.msg);
        return 2;
    }
    memset(pw, 0, sizeof pw);
    rdb *db = records_cli_open(url, NULL, "instructor passwd", 1);
    if (!db)
        return 2;
    int st = records_instructor_set_password_hash(db, number, hash, &err);
    rdb_close(db);
    if (st) {
        fprintf(stderr, "saqr instructor passwd: %s\n", err.msg);
        return 2;
    }
    printf("Password set for instructor %s\n", number);
    return 0;
}

/* ------------------------------------------------------------------ serve */

/* With no instructor able to log in: "admin" with a fresh random password,
 * printed once.  0 on success or nothing to do. */
static int first_login(rdb *db)
{
    records_instructor *in;
    int n;
    saqr_err err = {""};
    if (records_instructor_list(db, &in, &n, &err)) {
        fprintf(stderr, "saqr serve: %s\n", err.msg);
        return 2;
    }
    int can_log_in = 0;
    for (int i = 0; i < n && !can_log_in; i++) {
        records_instructor one;
        char hash[AUTH_HASH_MAX];
        can_log_in = records_instructor_password_hash(db, in[i].service_number, &one, hash, sizeof hash, &err) ==
                         SAQR_OK && hash[0];
    }
    free(in);
    if (can_log_in)
        return 0;
    records_instructor admin;
    if (records_instructor_find(db, "admin", &admin, &err) &&
        records_instructor_add(db, "admin", "Station administrator", &admin, &err)) {
        fprintf(stderr, "saqr serve: %s\n", err.msg);
        return 2;
    }
    char pw[17], hash[AUTH_HASH_MAX];
    auth_random_hex(pw, 8);
    if (auth_hash_password(pw, hash, &err) || records_instructor_set_password_hash(db, "admin", hash, &err)) {
        fprintf(stderr, "saqr serve: %s\n", err.msg);
        return 2;
    }
    printf("No instructor could log in: made instructor \"admin\" with password %s\n"
           "(shown once; change it with: saqr instructor passwd admin)\n",
           pw);
    return 0;
}

typedef struct serve_opts {
    const char *bind, *port, *db, *fg, *web, *work, *controls, *rt_priority, *fg_props, *fg_mp, *fg_mp_model;
} serve_opts;

static int parse_port(const char *s, int *port)
{
    char *end = NULL;
    long p = strtol(s, &end, 10);
    if (end == s || *end || p < 0 || p > 65535)
        return -1;
    *port = (int)p;
    return 0;
}

int cmd_serve(int argc, char **argv)
{
    train_paths p;
    train_paths_default(&p);
    serve_opts o = {"127.0.0.1", "8080", NULL, NULL, app_path_get(APP_WEB), NULL, app_path_get(APP_CONTROLS), "10", NULL, NULL,
                    NULL};
    for (int i = 0; i < argc; i++) {
        int r = train_paths_option(&p, argc, argv, &i, "serve");
        if (r < 0)
            return 2;
        if (r > 0)
            continue;
        const char *a = argv[i];
        const char **dst = strcmp(a, "--bind") == 0   ? &o.bind
                         : strcmp(a, "--port") == 0 ? &o.port
                         : strcmp(a, "--db") == 0   ? &o.db
                         : strcmp(a, "--fg") == 0   ? &o.fg
                         : strcmp(a, "--fg-props") == 0 ? &o.fg_props
                         : strcmp(a, "--fg-mp") == 0 ? &o.fg_mp
                         : strcmp(a, "--fg-mp-model") == 0 ? &o.fg_mp_model
                         : strcmp(a, "--web") == 0  ? &o.web
                         : strcmp(a, "--work") == 0 ? &o.work
                         : strcmp(a, "--controls") == 0 ? &o.controls
                         : strcmp(a, "--rt-priority") == 0 ? &o.rt_priority
                                                    : NULL;
        if (!dst) {
            fprintf(stderr, "saqr serve: unexpected argument %s\n%s", a, usage);
            return 2;
        }
        if (train_needs_value(argc, argv, i, "serve"))
            return 2;
        *dst = argv[++i];
    }
    int port, fg_port = FGNET_DEFAULT_PORT;
    if (parse_port(o.port, &port)) {
        fprintf(stderr, "saqr serve: --port wants 0..65535, not \"%s\"\n", o.port);
        return 2;
    }
    int rt_priority;
    if (train_rt_priority(o.rt_priority, &rt_priority, "serve"))
        return 2;
    char fg_host[256] = "";
    if (o.fg) {
        snprintf(fg_host, sizeof fg_host, "%s", o.fg);
        char *colon = strrchr(fg_host, ':');
        if (colon) {
            *colon = '\0';
            if (parse_port(colon + 1, &fg_port) || fg_port == 0 || !fg_host[0]) {
                fprintf(stderr, "saqr serve: --fg wants HOST or HOST:PORT, not \"%s\"\n", o.fg);
                return 2;
            }
        }
    }
    int fg_props_port = 0;
    if (o.fg_props && fg_port_option(o.fg_props, "--fg-props", &fg_props_port, "serve"))
        return 2;
    if (o.fg_props && !o.fg) {
        fprintf(stderr, "saqr serve: --fg-props is FlightGear's property server on the --fg host: give --fg HOST too\n");
        return 2;
    }
    int fg_mp_port = 0;
    if (o.fg_mp && fg_port_option(o.fg_mp, "--fg-mp", &fg_mp_port, "serve"))
        return 2;
    if (o.fg_mp && !o.fg) {
        fprintf(stderr, "saqr serve: --fg-mp is FlightGear's multiplayer input on the --fg host: give --fg HOST too\n");
        return 2;
    }
    if (o.fg_mp_model && !o.fg_mp) {
        fprintf(stderr, "saqr serve: --fg-mp-model is the lead's model in FlightGear's multiplayer input: give --fg-mp "
                        "PORT too\n");
        return 2;
    }
    if (o.fg_mp_model && fg_mp_model_option(o.fg_mp_model, "serve"))
        return 2;
    if (strcmp(o.controls, "none") == 0)
        o.controls = NULL;
    char db_url[1024];
    if (o.db)
        snprintf(db_url, sizeof db_url, "%s", o.db);
    else
        rdb_default_url(db_url, sizeof db_url);
    rdb *db = records_cli_open(db_url, p.lessons, "serve", 0);
    if (!db)
        return 2;
    int rc = first_login(db);
    rdb_close(db);
    if (rc)
        return rc;
    /* absolute, as the records keep a recording's path (and `saqr sorties
     * add` finds a stored one by it).  By default in the user's data
     * folder beside the default records, not in /tmp: a stored sortie's
     * debrief, replay and export are made from its recording, and the
     * list of sorties waiting for the records is kept there, so both
     * must outlive a reboot's clean-up of /tmp */
    char given[1024], buf[1024];
    if (o.work)
        snprintf(given, sizeof given, "%s", o.work);
    else {
        file_user_data_dir(given, sizeof given - sizeof "/station");
        strcat(given, "/station");
    }
    const char *work = train_absolute_path(given, buf, sizeof buf);
    if (!work) {
        fprintf(stderr, "saqr serve: --work %s: the path is too long\n", given);
        return 2;
    }
    if (file_make_dirs(work) != 0) {
        fprintf(stderr, "saqr serve: %s: cannot create the work folder: %s\n", work, strerror(errno));
        return 2;
    }
    airport_db airports;
    if (train_load_airports(&p, &airports, "serve"))
        return 2;
    station_config sc = {p.root, p.lessons, &airports, db_url, work, NULL, rt_clock_monotonic(), 30.0,
                         fg_host[0] ? fg_host : NULL, fg_port, o.controls, rt_priority, fg_props_port, fg_mp_port,
                         o.fg_mp_model};
    station *st = NULL;
    web_server *w = NULL;
    saqr_err err = {""};
    rc = 2;
    if (station_create(&sc, &st, &err) || station_start(st, &err)) {
        fprintf(stderr, "saqr serve: %s\n", err.msg);
        goto out;
    }
    web_config wc = {o.bind, port, o.web, db_url, p.lessons, &airports, st, 30.0, 64, 0, 0, NULL};
    if (web_start(&wc, &w, &err)) {
        fprintf(stderr, "saqr serve: %s\n", err.msg);
        goto out;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    printf("Saqr instructor station: http://%s:%d/  (records %s; Ctrl-C stops)\n", o.bind, web_port(w), db_url);
    printf("Recordings and debriefs: %s\n", work);
    printf("Trainee cockpit: http://%s:%d%s\n", o.bind, web_port(w), web_cockpit_path(w));
    const char *refused;
    int granted = station_rt_priority(st, &refused);
    if (granted)
        printf("Simulation thread: real-time priority %d (SCHED_FIFO)\n", granted);
    else if (refused)
        fprintf(stderr, "saqr serve: the simulation thread runs as ordinary work, so other programs' load can "
                        "make its frames late: %s\n", refused);
    fflush(stdout);
    while (!stop_requested) {
        struct timespec ts = {0, 100000000L};
        nanosleep(&ts, NULL);
    }
    printf("saqr serve: stopping\n");
    rc = 0;
out:
    web_stop(w);
    station_destroy(st);
    airport_db_free(&airports);
    return rc;
}
