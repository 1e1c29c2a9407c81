/*
 * test_rt_priority.c - SCHED_FIFO for a real-time thread
 * (src/station/rt_priority.c): granted exactly when Linux's rule allows
 * it (rt_allowed.h), refused with the reason and the ways to allow it,
 * and never asked outside 1..99.  Each case runs on a thread of its own
 * so the test program's own scheduling is left alone.
 */
#include "test_util.h"

#include <pthread.h>
#include <sched.h>

#include "rt_allowed.h"
#include "station/rt_priority.h"

typedef struct attempt {
    int priority;
    saqr_status status;
    saqr_err err;
    int policy_after, priority_after, reported;
} attempt;

static void *try_on_own_thread(void *arg)
{
    attempt *a = arg;
    a->status = rt_priority_set(pthread_self(), a->priority, &a->err);
    struct sched_param p;
    pthread_getschedparam(pthread_self(), &a->policy_after, &p);
    a->priority_after = p.sched_priority;
    a->reported = rt_priority_of(pthread_self());
    return NULL;
}

static attempt try_priority(int priority)
{
    attempt a;
    memset(&a, 0, sizeof a);
    a.priority = priority;
    pthread_t t;
    assert_int_equal(pthread_create(&t, NULL, try_on_own_thread, &a), 0);
    assert_int_equal(pthread_join(t, NULL), 0);
    return a;
}

static void granted_exactly_when_the_system_allows_it(void **state)
{
    (void)state;
    attempt a = try_priority(RT_PRIORITY_DEFAULT);
    if (test_rt_allowed(RT_PRIORITY_DEFAULT)) {
        assert_int_equal(a.status, SAQR_OK);
        assert_int_equal(a.policy_after, SCHED_FIFO);
        assert_int_equal(a.priority_after, RT_PRIORITY_DEFAULT);
        assert_int_equal(a.reported, RT_PRIORITY_DEFAULT);
    } else {
        assert_int_equal(a.status, SAQR_ESTATE);
        assert_int_equal(a.policy_after, SCHED_OTHER); /* left as it was */
        assert_int_equal(a.reported, 0);
        assert_non_null(strstr(a.err.msg, "real-time priority 10 refused"));
        assert_non_null(strstr(a.err.msg, "CAP_SYS_NICE"));
        assert_non_null(strstr(a.err.msg, "rtprio 10"));
    }
}

static void the_highest_priority_too(void **state)
{
    (void)state;
    attempt a = try_priority(RT_PRIORITY_MAX);
    assert_int_equal(a.status, test_rt_allowed(RT_PRIORITY_MAX) ? SAQR_OK : SAQR_ESTATE);
    assert_int_equal(a.reported, a.status == SAQR_OK ? RT_PRIORITY_MAX : 0);
}

static void priorities_outside_1_to_99_are_not_asked(void **state)
{
    (void)state;
    const int bad[] = {0, -1, 100, 1000};
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        attempt a = try_priority(bad[k]);
        assert_int_equal(a.status, SAQR_EINVAL);
        assert_non_null(strstr(a.err.msg, "is not in 1..99"));
        assert_int_equal(a.policy_after, SCHED_OTHER);
        assert_int_equal(a.reported, 0);
    }
}

static void an_ordinary_thread_reports_zero(void **state)
{
    (void)state;
    assert_int_equal(rt_priority_of(pthread_self()), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(granted_exactly_when_the_system_allows_it),
        cmocka_unit_test(the_highest_priority_too),
        cmocka_unit_test(priorities_outside_1_to_99_are_not_asked),
        cmocka_unit_test(an_ordinary_thread_reports_zero),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
