/*
 * ws_outbox.c - a WebSocket client's outgoing messages and their sender
 * thread (see ws_outbox.h).
 */
#include "station/ws_outbox.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct ws_outbox {
    ws_outbox_write_fn write;
    void *conn;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    char *latest;           /* the newest state not yet written, or NULL   */
    char **queue;           /* ordered messages: a ring of max_queued      */
    int max_queued, head, count;
    int stop;               /* ws_outbox_stop asked the sender to end      */
    int failed;             /* a write failed: nothing more is written     */
    unsigned long dropped;
};

static char *copy_text(const char *s)
{
    size_t n = strlen(s) + 1;
    char *c = malloc(n);
    if (c)
        memcpy(c, s, n);
    return c;
}

/* Writes everything pending, in order, without holding the lock during a
 * write; returns when asked to stop. */
static void *sender(void *arg)
{
    ws_outbox *o = arg;
    pthread_mutex_lock(&o->lock);
    for (;;) {
        while (!o->stop && !o->count && !o->latest)
            pthread_cond_wait(&o->wake, &o->lock);
        if (o->stop)
            break;
        char *msg;
        if (o->count) {
            msg = o->queue[o->head];
            o->head = (o->head + 1) % o->max_queued;
            o->count--;
        } else {
            msg = o->latest;
            o->latest = NULL;
        }
        int failed = o->failed;
        pthread_mutex_unlock(&o->lock);
        int ok = failed ? 0 : o->write(o->conn, msg, strlen(msg)) > 0;
        free(msg);
        pthread_mutex_lock(&o->lock);
        if (!ok)
            o->failed = 1;
    }
    pthread_mutex_unlock(&o->lock);
    return NULL;
}

int ws_outbox_start(ws_outbox **out, ws_outbox_write_fn write, void *conn, int max_queued)
{
    *out = NULL;
    if (max_queued < 1)
        max_queued = 1;
    ws_outbox *o = calloc(1, sizeof *o);
    if (!o)
        return -1;
    o->queue = calloc((size_t)max_queued, sizeof *o->queue);
    if (!o->queue) {
        free(o);
        return -1;
    }
    o->write = write;
    o->conn = conn;
    o->max_queued = max_queued;
    pthread_mutex_init(&o->lock, NULL);
    pthread_cond_init(&o->wake, NULL);
    if (pthread_create(&o->thread, NULL, sender, o) != 0) {
        pthread_cond_destroy(&o->wake);
        pthread_mutex_destroy(&o->lock);
        free(o->queue);
        free(o);
        return -1;
    }
    *out = o;
    return 0;
}

void ws_outbox_post_latest(ws_outbox *o, const char *text)
{
    char *c = copy_text(text);
    pthread_mutex_lock(&o->lock);
    if (o->latest)
        o->dropped++;
    free(o->latest);
    o->latest = o->failed ? NULL : c;
    if (o->failed)
        free(c);
    pthread_cond_signal(&o->wake);
    pthread_mutex_unlock(&o->lock);
}

int ws_outbox_post(ws_outbox *o, const char *text)
{
    char *c = copy_text(text);
    pthread_mutex_lock(&o->lock);
    int ok = c && !o->failed && o->count < o->max_queued;
    if (ok) {
        o->queue[(o->head + o->count) % o->max_queued] = c;
        o->count++;
        pthread_cond_signal(&o->wake);
    } else {
        o->dropped++;
        free(c);
    }
    pthread_mutex_unlock(&o->lock);
    return ok ? 0 : -1;
}

int ws_outbox_queued(ws_outbox *o)
{
    pthread_mutex_lock(&o->lock);
    int n = o->count;
    pthread_mutex_unlock(&o->lock);
    return n;
}

unsigned long ws_outbox_dropped(ws_outbox *o)
{
    pthread_mutex_lock(&o->lock);
    unsigned long n = o->dropped;
    pthread_mutex_unlock(&o->lock);
    return n;
}

void ws_outbox_stop(ws_outbox *o)
{
    if (!o)
        return;
    pthread_mutex_lock(&o->lock);
    o->stop = 1;
    pthread_cond_signal(&o->wake);
    pthread_mutex_unlock(&o->lock);
    pthread_join(o->thread, NULL);
    for (int i = 0; i < o->count; i++)
        free(o->queue[(o->head + i) % o->max_queued]);
    free(o->queue);
    free(o->latest);
    pthread_cond_destroy(&o->wake);
    pthread_mutex_destroy(&o->lock);
    free(o);
}
