/*
 * worker_pool.c - see worker_pool.h.  Workers sleep on a condition
 * variable between jobs; a job is published by bumping `generation`, and
 * the caller waits until `pending` falls to zero.
 */
#include "batch/worker_pool.h"

#include <string.h>

#include "util/mem.h"

typedef struct worker_arg {
    worker_pool *pool;
    int part;
} worker_arg;

static void *worker_main(void *arg)
{
    worker_pool *p = ((worker_arg *)arg)->pool;
    const int part = ((worker_arg *)arg)->part;
    unsigned long seen = 0;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (!p->quit && p->generation == seen)
            pthread_cond_wait(&p->go, &p->mu);
        if (p->quit)
            break;
        seen = p->generation;
        worker_job job = p->job;
        void *ctx = p->ctx;
        pthread_mutex_unlock(&p->mu);
        job(ctx, part, p->nthreads);
        pthread_mutex_lock(&p->mu);
        if (--p->pending == 0)
            pthread_cond_signal(&p->done);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

saqr_status worker_pool_start(worker_pool *p, int nthreads, const saqr_allocator *alloc)
{
    memset(p, 0, sizeof *p);
    p->alloc = alloc;
    if (nthreads < 1 || nthreads > 256)
        return SAQR_EINVAL;
    p->nthreads = nthreads;
    if (nthreads == 1)
        return SAQR_OK;
    /* one allocation: the thread ids, then each worker's argument */
    const size_t n = (size_t)nthreads - 1;
    unsigned char *mem = mem_alloc(alloc, n * (sizeof(pthread_t) + sizeof(worker_arg)));
    if (!mem)
        return SAQR_ENOMEM;
    p->threads = (pthread_t *)(void *)mem;
    worker_arg *args = (worker_arg *)(void *)(mem + n * sizeof(pthread_t));
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->go, NULL);
    pthread_cond_init(&p->done, NULL);
    p->started = 1;
    for (size_t i = 0; i < n; i++) {
        args[i].pool = p;
        args[i].part = (int)i;
        if (pthread_create(&p->threads[i], NULL, worker_main, &args[i]) != 0) {
            p->nthreads = (int)i + 1; /* join those that started */
            worker_pool_stop(p);
            return SAQR_ESTATE;
        }
    }
    return SAQR_OK;
}

void worker_pool_run(worker_pool *p, worker_job job, void *ctx)
{
    if (p->nthreads <= 1) {
        job(ctx, 0, 1);
        return;
    }
    pthread_mutex_lock(&p->mu);
    p->job = job;
    p->ctx = ctx;
    p->pending = p->nthreads - 1;
    p->generation++;
    pthread_cond_broadcast(&p->go);
    pthread_mutex_unlock(&p->mu);
    job(ctx, p->nthreads - 1, p->nthreads);
    pthread_mutex_lock(&p->mu);
    while (p->pending > 0)
        pthread_cond_wait(&p->done, &p->mu);
    pthread_mutex_unlock(&p->mu);
}

void worker_pool_stop(worker_pool *p)
{
    if (p->started) {
        pthread_mutex_lock(&p->mu);
        p->quit = 1;
        pthread_cond_broadcast(&p->go);
        pthread_mutex_unlock(&p->mu);
        for (int i = 0; i < p->nthreads - 1; i++)
            pthread_join(p->threads[i], NULL);
        pthread_mutex_destroy(&p->mu);
        pthread_cond_destroy(&p->go);
        pthread_cond_destroy(&p->done);
    }
    mem_free(p->alloc, p->threads);
    const saqr_allocator *a = p->alloc;
    memset(p, 0, sizeof *p);
    p->alloc = a;
}
