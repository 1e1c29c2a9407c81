/*
 * test_worker_pool.c - the batch's worker pool (src/batch/worker_pool.h):
 * every part of every job runs exactly once and its results are seen by
 * the caller, whether the workers are still spinning from the last job
 * (jobs back to back) or asleep (jobs far apart), and a pool stops cleanly
 * with its workers in either state.  Also run under ThreadSanitizer
 * (make check-tsan).
 */
#include "test_util.h"

#include <string.h>
#include <time.h>

#include "batch/worker_pool.h"

#define MAX_PARTS 8

typedef struct job_log {
    long runs[MAX_PARTS];   /* per part: how many times it ran          */
    long value[MAX_PARTS];  /* per part: the job number it last saw      */
    long job;               /* the job the caller is on                  */
    int nparts_seen[MAX_PARTS]; /* per part: the part count it was given */
} job_log;

/* Each part records that it ran and what the caller published before the
 * job: a missed publication or a part run twice shows in the counts. */
static void record(void *ctx, int part, int nparts)
{
    job_log *l = ctx;
    l->runs[part]++;
    l->value[part] = l->job;
    l->nparts_seen[part] = nparts;
}

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0) {
    }
}

static void run_jobs(int nthreads, long njobs, long pause_ms)
{
    worker_pool p;
    assert_int_equal(worker_pool_start(&p, nthreads, NULL), SAQR_OK);
    job_log l;
    memset(&l, 0, sizeof l);
    for (long j = 1; j <= njobs; j++) {
        l.job = j;
        worker_pool_run(&p, record, &l);
        for (int k = 0; k < nthreads; k++) {
            assert_int_equal(l.runs[k], j);
            assert_int_equal(l.value[k], j);
            assert_int_equal(l.nparts_seen[k], nthreads);
        }
        if (pause_ms > 0)
            sleep_ms(pause_ms);
    }
    worker_pool_stop(&p);
}

static void jobs_back_to_back_run_every_part_once(void **state)
{
    (void)state;
    /* (few enough for valgrind, which runs one thread at a time: there
     * every spinning handover costs a time slice) */
    run_jobs(3, 2000, 0);
    run_jobs(2, 2000, 0);
    run_jobs(1, 500, 0);
}

/* Far apart: the workers have given up spinning and sleep (a pause of
 * 20 ms is far beyond the spin), so each job must wake them. */
static void jobs_far_apart_wake_sleeping_workers(void **state)
{
    (void)state;
    run_jobs(3, 15, 20);
}

static void a_pool_stops_with_workers_spinning_or_asleep(void **state)
{
    (void)state;
    worker_pool p;
    assert_int_equal(worker_pool_start(&p, 4, NULL), SAQR_OK);
    worker_pool_stop(&p); /* never ran a job */
    assert_int_equal(worker_pool_start(&p, 4, NULL), SAQR_OK);
    job_log l;
    memset(&l, 0, sizeof l);
    l.job = 1;
    worker_pool_run(&p, record, &l);
    worker_pool_stop(&p); /* right after a job: still spinning */
    assert_int_equal(worker_pool_start(&p, 4, NULL), SAQR_OK);
    worker_pool_run(&p, record, &l);
    sleep_ms(50);
    worker_pool_stop(&p); /* asleep */
    assert_int_equal(l.runs[0], 2);
    assert_int_equal(l.runs[3], 2);
}

static void bad_thread_counts_are_refused(void **state)
{
    (void)state;
    worker_pool p;
    assert_int_equal(worker_pool_start(&p, 0, NULL), SAQR_EINVAL);
    worker_pool_stop(&p);
    assert_int_equal(worker_pool_start(&p, 257, NULL), SAQR_EINVAL);
    worker_pool_stop(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(jobs_back_to_back_run_every_part_once),
        cmocka_unit_test(jobs_far_apart_wake_sleeping_workers),
        cmocka_unit_test(a_pool_stops_with_workers_spinning_or_asleep),
        cmocka_unit_test(bad_thread_counts_are_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
