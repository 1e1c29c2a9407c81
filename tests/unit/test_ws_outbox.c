/*
 * test_ws_outbox.c - a WebSocket client's outbox (src/station/ws_outbox.h)
 * with a fake connection: posting never waits for a writer that is stuck,
 * ordered messages keep their order up to the bound and are counted when
 * dropped, only the newest state is written, a failed connection gets
 * nothing more, and stopping frees what was left (ASan, valgrind).
 */
#include "test_util.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "station/ws_outbox.h"

#define MAX_WRITTEN 256

/* The fake connection: records what it is given; blocks while `held`;
 * fails from write number `fail_from` (0: never). */
typedef struct fake_conn {
    pthread_mutex_t lock;
    pthread_cond_t cond;
    int held, in_write, fail_from, n;
    char written[MAX_WRITTEN][32];
} fake_conn;

static int fake_write(void *conn, const char *text, size_t n)
{
    fake_conn *f = conn;
    pthread_mutex_lock(&f->lock);
    f->in_write = 1;
    pthread_cond_broadcast(&f->cond);
    while (f->held)
        pthread_cond_wait(&f->cond, &f->lock);
    int k = ++f->n;
    if (k <= MAX_WRITTEN)
        snprintf(f->written[k - 1], sizeof f->written[k - 1], "%.*s", (int)n, text);
    f->in_write = 0;
    int ok = !(f->fail_from && k >= f->fail_from);
    pthread_mutex_unlock(&f->lock);
    return ok ? (int)n : -1;
}

/* A fake connection (held: its writes block until released; fail_from as
 * above) and an outbox of `max_queued` writing to it. */
static ws_outbox *start_fake(fake_conn *f, int held, int fail_from, int max_queued)
{
    memset(f, 0, sizeof *f);
    pthread_mutex_init(&f->lock, NULL);
    pthread_cond_init(&f->cond, NULL);
    f->held = held;
    f->fail_from = fail_from;
    ws_outbox *o;
    assert_int_equal(ws_outbox_start(&o, fake_write, f, max_queued), 0);
    return o;
}

static void fake_free(fake_conn *f)
{
    pthread_cond_destroy(&f->cond);
    pthread_mutex_destroy(&f->lock);
}

static void set_held(fake_conn *f, int held)
{
    pthread_mutex_lock(&f->lock);
    f->held = held;
    pthread_cond_broadcast(&f->cond);
    pthread_mutex_unlock(&f->lock);
}

static void wait_in_write(fake_conn *f)
{
    pthread_mutex_lock(&f->lock);
    while (!f->in_write)
        pthread_cond_wait(&f->cond, &f->lock);
    pthread_mutex_unlock(&f->lock);
}

static int written(fake_conn *f)
{
    pthread_mutex_lock(&f->lock);
    int n = f->n;
    pthread_mutex_unlock(&f->lock);
    return n;
}

/* Waits (up to 5 s) until the fake has taken `n` writes. */
static void wait_written(fake_conn *f, int n)
{
    for (int i = 0; i < 5000 && written(f) < n; i++) {
        struct timespec ts = {0, 1000000};
        nanosleep(&ts, NULL);
    }
    assert_int_equal(written(f), n);
}

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static void a_stuck_connection_does_not_hold_up_the_poster(void **state)
{
    (void)state;
    fake_conn f;
    ws_outbox *o = start_fake(&f, 1, 0, 8);
    assert_int_equal(ws_outbox_post(o, "first"), 0);
    wait_in_write(&f); /* the sender is stuck writing "first" */
    double t0 = now_s();
    char msg[32];
    int accepted = 0;
    for (int i = 0; i < 100; i++) {
        snprintf(msg, sizeof msg, "m%d", i);
        accepted += ws_outbox_post(o, msg) == 0;
        snprintf(msg, sizeof msg, "state%d", i);
        ws_outbox_post_latest(o, msg);
    }
    assert_true(now_s() - t0 < 0.5); /* nothing waited for the writer */
    assert_int_equal(accepted, 8);   /* the bound */
    assert_int_equal(ws_outbox_queued(o), 8);
    /* 92 ordered messages refused, 99 states replaced before a write */
    assert_int_equal(ws_outbox_dropped(o), 92 + 99);
    set_held(&f, 0);
    wait_written(&f, 1 + 8 + 1);
    assert_string_equal(f.written[0], "first");
    for (int i = 0; i < 8; i++) {
        snprintf(msg, sizeof msg, "m%d", i);
        assert_string_equal(f.written[1 + i], msg); /* in order */
    }
    assert_string_equal(f.written[9], "state99"); /* only the newest state */
    ws_outbox_stop(o);
    fake_free(&f);
}

static void a_failed_connection_gets_nothing_more(void **state)
{
    (void)state;
    fake_conn f;
    ws_outbox *o = start_fake(&f, 0, 2, 4);
    assert_int_equal(ws_outbox_post(o, "a"), 0);
    wait_written(&f, 1);
    assert_int_equal(ws_outbox_post(o, "b"), 0);
    wait_written(&f, 2); /* fails */
    for (int i = 0; i < 100 && ws_outbox_post(o, "c") == 0; i++) {
        struct timespec ts = {0, 1000000};
        nanosleep(&ts, NULL);
    }
    assert_int_equal(ws_outbox_post(o, "d"), -1);
    ws_outbox_post_latest(o, "state");
    struct timespec ts = {0, 50000000};
    nanosleep(&ts, NULL);
    assert_true(written(&f) <= 3); /* at most a "c" posted before the failure was seen */
    ws_outbox_stop(o);
    fake_free(&f);
}

static void stopping_frees_what_was_left(void **state)
{
    (void)state;
    fake_conn f;
    ws_outbox *o = start_fake(&f, 1, 0, 16);
    assert_int_equal(ws_outbox_post(o, "x"), 0);
    wait_in_write(&f);
    for (int i = 0; i < 10; i++)
        assert_int_equal(ws_outbox_post(o, "queued"), 0);
    ws_outbox_post_latest(o, "state");
    set_held(&f, 0); /* the write in progress ends; stop may come first */
    ws_outbox_stop(o); /* the rest is freed unwritten (leak checkers) */
    ws_outbox_stop(NULL);
    assert_true(written(&f) >= 1);
    fake_free(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_stuck_connection_does_not_hold_up_the_poster),
        cmocka_unit_test(a_failed_connection_gets_nothing_more),
        cmocka_unit_test(stopping_frees_what_was_left),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
