/*
 * station_finish.c - the finishing thread: the last work of each ended
 * sortie (grading it, writing its debrief page, storing it in the
 * training records), done beside the simulation thread rather than on
 * it.  That work takes ~0.2 s for a long navigation sortie, and up to the
 * database's 5 s connection timeout when a PostgreSQL server does not
 * answer; on the simulation thread it held the live view, the next
 * sortie's start and every instructor command for that long.
 *
 * The simulation thread hands the sortie over (station_finisher_submit:
 * a copy into a fixed ring, no allocation) and flies on; the finishing
 * thread takes the sorties in the order they ended.  A station being
 * destroyed finishes every sortie handed over before it goes, so nothing
 * flown is lost.
 */
#include "station/station_internal.h"

#include <string.h>

static void *finisher_main(void *arg)
{
    station *s = arg;
    pthread_mutex_lock(&s->fin_lock);
    for (;;) {
        while (s->fin_count == 0 && !s->fin_stop)
            pthread_cond_wait(&s->fin_cond, &s->fin_lock);
        if (s->fin_count == 0)
            break; /* stopping, and nothing is left */
        station_finish_job job = s->fin_queue[s->fin_head];
        s->fin_head = (s->fin_head + 1) % STATION_FINISH_QUEUE;
        s->fin_count--;
        s->fin_busy = 1;
        pthread_cond_broadcast(&s->fin_cond); /* a place is free */
        pthread_mutex_unlock(&s->fin_lock);
        station_sortie_complete(s, &job);
        pthread_mutex_lock(&s->fin_lock);
        s->fin_busy = 0;
        pthread_cond_broadcast(&s->fin_cond); /* one done */
    }
    pthread_mutex_unlock(&s->fin_lock);
    return NULL;
}

int station_finisher_start(station *s, saqr_err *err)
{
    if (pthread_create(&s->fin_thread, NULL, finisher_main, s) != 0)
        return err_set(err, SAQR_ENOMEM, "station: cannot start the thread that finishes sorties");
    s->fin_started = 1;
    return SAQR_OK;
}

void station_finisher_submit(station *s, const station_finish_job *job)
{
    if (!s->fin_started) { /* no finishing thread (it could not start): here, then */
        station_finish_job own = *job;
        station_sortie_complete(s, &own);
        return;
    }
    pthread_mutex_lock(&s->fin_lock);
    while (s->fin_count == STATION_FINISH_QUEUE)
        pthread_cond_wait(&s->fin_cond, &s->fin_lock);
    s->fin_queue[(s->fin_head + s->fin_count) % STATION_FINISH_QUEUE] = *job;
    s->fin_count++;
    pthread_cond_broadcast(&s->fin_cond);
    pthread_mutex_unlock(&s->fin_lock);
}

int station_finisher_pending(station *s)
{
    pthread_mutex_lock(&s->fin_lock);
    int n = s->fin_count + s->fin_busy;
    pthread_mutex_unlock(&s->fin_lock);
    return n;
}

void station_wait_finished(station *s)
{
    pthread_mutex_lock(&s->fin_lock);
    while (s->fin_count > 0 || s->fin_busy)
        pthread_cond_wait(&s->fin_cond, &s->fin_lock);
    pthread_mutex_unlock(&s->fin_lock);
}

void station_finisher_stop(station *s)
{
    if (!s->fin_started)
        return;
    pthread_mutex_lock(&s->fin_lock);
    s->fin_stop = 1;
    pthread_cond_broadcast(&s->fin_cond);
    pthread_mutex_unlock(&s->fin_lock);
    pthread_join(s->fin_thread, NULL);
    s->fin_started = 0;
}
