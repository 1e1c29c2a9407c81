/*
 * worker_pool.h - a fixed set of threads that run one job over index
 * ranges: job(ctx, part, nparts) for part = 0..nparts-1, the caller's
 * thread taking the last part.  Started once; running a job allocates
 * nothing.  Idle workers spin briefly before they sleep (worker_pool.c).
 * Used by saqr_batch to step its aircraft on every core.
 */
#ifndef SAQR_BATCH_WORKER_POOL_H
#define SAQR_BATCH_WORKER_POOL_H

#include <pthread.h>
#include <stdatomic.h>

#include "saqr.h"

typedef void (*worker_job)(void *ctx, int part, int nparts);

typedef struct worker_pool {
    const saqr_allocator *alloc;
    int nthreads;             /* parts of a job, the caller's included    */
    pthread_t *threads;       /* nthreads - 1 workers                     */
    int started;              /* workers running                          */
    int spins;                /* pauses before sleeping (0: sleep at once) */
    pthread_mutex_t mu;       /* with go and done: sleeping, waking       */
    pthread_cond_t go, done;
    atomic_ulong generation;  /* bumped for each job                      */
    atomic_int pending;       /* workers still on the current job         */
    atomic_int sleepers;      /* workers asleep on go, or about to be      */
    atomic_int caller_sleeps; /* the caller asleep on done, or about to be */
    atomic_int quit;
    worker_job job;           /* the current job, published by generation  */
    void *ctx;
} worker_pool;

/* Starts nthreads - 1 workers (1 <= nthreads <= 256).  SAQR_ENOMEM or
 * SAQR_ESTATE (a thread could not start); the pool is then empty. */
saqr_status worker_pool_start(worker_pool *p, int nthreads, const saqr_allocator *alloc);
/* Runs job over nthreads parts and returns when every part is done. */
void worker_pool_run(worker_pool *p, worker_job job, void *ctx);
/* Stops and joins the workers; safe on a pool that never started. */
void worker_pool_stop(worker_pool *p);

#endif
