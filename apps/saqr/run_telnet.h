/*
 * run_telnet.h - `saqr run`'s property server: JSBSim's telnet interface
 * (an aircraft's <input port="N"/>, FGInputSocket and FGfdmSocket), one
 * client at a time on the loopback interface, polled between frames so
 * that the simulation never waits for the network.
 */
#ifndef SAQR_APP_RUN_TELNET_H
#define SAQR_APP_RUN_TELNET_H

#include <stddef.h>

#include "saqr.h"
#include "script/telnet_cmd.h"

typedef struct run_telnet {
    int listen_fd, client_fd;       /* -1 when closed                        */
    char buf[2 * TELNET_LINE_MAX + 2];
    size_t len;
    int skipping;                   /* the rest of a too-long line is dropped */
    /* what the clients asked of the run */
    int holding;                    /* hold: no frames until resume          */
    long iterate_left;              /* iterate N: frames before holding again */
} run_telnet;

/* Listens on 127.0.0.1:port.  0, or -1 with a message on stderr. */
int run_telnet_open(run_telnet *t, int port);
void run_telnet_close(run_telnet *t);
/* Accepts a client, reads what it sent and answers every whole line. */
void run_telnet_poll(run_telnet *t, saqr_fdm *f);
/* After each frame: counts an `iterate` down, holding at its end. */
void run_telnet_frame_done(run_telnet *t);

#endif
