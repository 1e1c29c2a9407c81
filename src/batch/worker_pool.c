/*
 * worker_pool.c - see worker_pool.h.
 *
 * A job is published by bumping `generation`; the caller runs the last
 * part itself and waits until `pending` falls to zero.  Between jobs a
 * worker first spins for a while (WORKER_SPINS pauses, well under a
 * millisecond) watching `generation`, and only then sleeps on a condition
 * variable; the caller likewise spins on `pending` before it sleeps.  A
 * loop that steps a batch every frame (a learning loop, a real-time
 * loop) so finds its workers awake: on a virtual machine, waking a
 * sleeping thread on an idle processor costs hundreds of microseconds,
 * longer than stepping 64 aircraft one frame.
 *
 * Spinning only pays while every thread has a processor of its own; a
 * pool with more threads than the machine has processors never spins
 * (a spinning thread would hold the processor the others wait for).
 *
 * Sleeping is race-free by pairing (sequentially consistent atomics): a
 * worker counts itself in `sleepers` and then re-reads `generation`; the
 * caller bumps `generation` and then reads `sleepers`, broadcasting under
 * the mutex when someone may sleep.  One of the two always sees the
 * other's write.  The same holds for `pending` and `caller_sleeps`.
 */
#include "batch/worker_pool.h"

#include <string.h>
#include <unistd.h>

#include "util/mem.h"

#define WORKER_SPINS (1 << 14)

/* A hint that this thread is spinning (lets a sibling hyperthread run). */
static inline void cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ __volatile__("yield");
#endif
}

typedef struct worker_arg {
    worker_pool *pool;
    int part;
} worker_arg;

/* Waits until generation differs from `seen` or the pool quits; returns
 * the new generation (or `seen` when quitting). */
static unsigned long wait_for_job(worker_pool *p, unsigned long seen)
{
    for (int i = 0; i < p->spins; i++) {
        unsigned long g = atomic_load(&p->generation);
        if (g != seen || atomic_load(&p->quit))
            return g;
        cpu_relax();
    }
    pthread_mutex_lock(&p->mu);
    atomic_fetch_add(&p->sleepers, 1);
    unsigned long g;
    while ((g = atomic_load(&p->generation)) == seen && !atomic_load(&p->quit))
        pthread_cond_wait(&p->go, &p->mu);
    atomic_fetch_sub(&p->sleepers, 1);
    pthread_mutex_unlock(&p->mu);
    return g;
}

static void *worker_main(void *arg)
{
    worker_pool *p = ((worker_arg *)arg)->pool;
    const int part = ((worker_arg *)arg)->part;
    unsigned long seen = 0;
    for (;;) {
        seen = wait_for_job(p, seen);
        if (atomic_load(&p->quit))
            break;
        p->job(p->ctx, part, p->nthreads);
        if (atomic_fetch_sub(&p->pending, 1) == 1 && atomic_load(&p->caller_sleeps)) {
            pthread_mutex_lock(&p->mu);
            pthread_cond_signal(&p->done);
            pthread_mutex_unlock(&p->mu);
        }
    }
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
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    p->spins = cpus >= nthreads ? WORKER_SPINS : 0;
    /* one allocation: the thread ids, then each worker's argument */
    const size_t n = (size_t)nthreads - 1;
    unsigned char *mem = mem_alloc(alloc, n * (sizeof(pthread_t) + sizeof(worker_arg)));
    if (!mem)
        return SAQR_ENOMEM;
    p->threads = (pthread_t *)(void *)mem;
    worker_arg *args = (worker_arg *)(void *)(mem + n * sizeof(pthread_t));
    atomic_init(&p->generation, 0);
    atomic_init(&p->pending, 0);
    atomic_init(&p->sleepers, 0);
    atomic_init(&p->caller_sleeps, 0);
    atomic_init(&p->quit, 0);
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

/* Wakes the workers that went to sleep (see the file's comment). */
static void wake_sleepers(worker_pool *p)
{
    if (atomic_load(&p->sleepers) > 0) {
        pthread_mutex_lock(&p->mu);
        pthread_cond_broadcast(&p->go);
        pthread_mutex_unlock(&p->mu);
    }
}

void worker_pool_run(worker_pool *p, worker_job job, void *ctx)
{
    if (p->nthreads <= 1) {
        job(ctx, 0, 1);
        return;
    }
    /* job and ctx are read by the workers only after they see the new
     * generation (the atomic's ordering publishes them) */
    p->job = job;
    p->ctx = ctx;
    atomic_store(&p->pending, p->nthreads - 1);
    atomic_fetch_add(&p->generation, 1);
    wake_sleepers(p);
    job(ctx, p->nthreads - 1, p->nthreads);
    for (int i = 0; i < p->spins && atomic_load(&p->pending) > 0; i++)
        cpu_relax();
    if (atomic_load(&p->pending) > 0) {
        pthread_mutex_lock(&p->mu);
        atomic_store(&p->caller_sleeps, 1);
        while (atomic_load(&p->pending) > 0)
            pthread_cond_wait(&p->done, &p->mu);
        atomic_store(&p->caller_sleeps, 0);
        pthread_mutex_unlock(&p->mu);
    }
}

void worker_pool_stop(worker_pool *p)
{
    if (p->started) {
        atomic_store(&p->quit, 1);
        pthread_mutex_lock(&p->mu);
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
