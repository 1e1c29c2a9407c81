/*
 * web.h - the instructor station's web server (`saqr serve`): the built
 * front end, the JSON API and the WebSocket of docs/station-protocol.md,
 * on one port, through civetweb (Debian's libcivetweb-dev; docs/deps.md
 * says why).  Loopback unless told otherwise.
 *
 * Threads: civetweb's workers answer requests and WebSocket messages; one
 * broadcast thread of ours sends every client the station's state at
 * `state_hz`.  None of them ever blocks the simulation thread: they only
 * read snapshots and queue commands (station.h).
 */
#ifndef SAQR_STATION_WEB_H
#define SAQR_STATION_WEB_H

#include "station/station.h"

typedef struct web_server web_server;

typedef struct web_config {
    const char *bind;        /* address to listen on ("127.0.0.1")            */
    int port;                /* 0: any free port (see web_port)               */
    const char *static_dir;  /* the built front end (web/dist)                */
    const char *db_url;      /* training records: instructors, trainees       */
    const char *lessons_dir; /* for the lesson list                           */
    const airport_db *airports;
    station *st;
    double state_hz;         /* state messages per second (30 if 0)           */
    int max_clients;         /* WebSocket clients at once (64 if 0)            */
    double session_idle_s;   /* login sessions end after this idle (3600 if 0) */
    double session_max_s;    /* ... and after this at most (43200 if 0)       */
    const char *cockpit_key; /* fixed cockpit key (tests); NULL: random       */
} web_config;

/* Starts listening.  Errors: a port in use or an address that cannot be
 * bound, a lessons folder or static folder that cannot be read. */
int web_start(const web_config *cfg, web_server **out, saqr_err *err);
/* The port listened on. */
int web_port(const web_server *w);
/* The trainee page's address path ("/cockpit.html#key=..."). */
const char *web_cockpit_path(const web_server *w);
/* Clients connected now, and messages refused since the start. */
int web_clients(web_server *w);
unsigned long web_rejected(web_server *w);
/* Stops the server, closes every connection; NULL allowed. */
void web_stop(web_server *w);

#endif
