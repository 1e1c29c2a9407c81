/*
 * ws_outbox.h - one WebSocket client's outgoing messages and the thread
 * that writes them, so that a client that stops reading (a laptop gone to
 * sleep, a frozen tab) holds up only itself.
 *
 * The broadcaster posts and never waits on the network: the newest state
 * replaces one not yet written (a slow client gets fewer states, never old
 * ones), and ordered messages (the track, debriefs, notices) queue up to a
 * bound, past which they are dropped and counted.  The sender thread
 * writes whatever is pending; after a failed write it writes no more (the
 * connection is going; its close handler stops the outbox).
 */
#ifndef SAQR_STATION_WS_OUTBOX_H
#define SAQR_STATION_WS_OUTBOX_H

#include <stddef.h>

/* Writes one text message to the connection; > 0 when written. */
typedef int (*ws_outbox_write_fn)(void *conn, const char *text, size_t n);

typedef struct ws_outbox ws_outbox;

/* Starts the sender thread for `conn`; at most `max_queued` ordered
 * messages wait at once.  0, or -1 (out of memory, no thread). */
int ws_outbox_start(ws_outbox **out, ws_outbox_write_fn write, void *conn, int max_queued);

/* The newest state: replaces one not yet written.  Never blocks on the
 * network. */
void ws_outbox_post_latest(ws_outbox *o, const char *text);

/* An ordered message, after those already queued: 0, or -1 when it was
 * dropped (the queue is full, memory ran out or the connection failed). */
int ws_outbox_post(ws_outbox *o, const char *text);

/* Ordered messages waiting to be written. */
int ws_outbox_queued(ws_outbox *o);

/* Messages dropped so far (ordered messages refused, states replaced
 * before they were written). */
unsigned long ws_outbox_dropped(ws_outbox *o);

/* Stops the sender after the write in progress, if any, and frees the
 * outbox with what it still held.  NULL is ignored. */
void ws_outbox_stop(ws_outbox *o);

#endif
