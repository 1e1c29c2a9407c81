/*
 * rt_priority.c - SCHED_FIFO for a real-time thread (see rt_priority.h).
 */
#include "station/rt_priority.h"

#include <errno.h>
#include <sched.h>
#include <string.h>

saqr_status rt_priority_set(pthread_t thread, int priority, saqr_err *err)
{
    if (priority < 1 || priority > RT_PRIORITY_MAX)
        return err_set(err, SAQR_EINVAL, "real-time priority %d is not in 1..%d", priority, RT_PRIORITY_MAX);
    struct sched_param p;
    memset(&p, 0, sizeof p);
    p.sched_priority = priority;
    int e = pthread_setschedparam(thread, SCHED_FIFO, &p);
    if (e == 0)
        return SAQR_OK;
    if (e == EPERM)
        return err_set(err, SAQR_ESTATE,
                       "real-time priority %d refused (%s): run as root, give the program CAP_SYS_NICE "
                       "(setcap cap_sys_nice+ep) or allow the user rtprio %d in /etc/security/limits.conf",
                       priority, strerror(e), priority);
    return err_set(err, SAQR_ESTATE, "real-time priority %d refused (%s)", priority, strerror(e));
}

int rt_priority_of(pthread_t thread)
{
    int policy;
    struct sched_param p;
    if (pthread_getschedparam(thread, &policy, &p) != 0)
        return 0;
    return policy == SCHED_FIFO || policy == SCHED_RR ? p.sched_priority : 0;
}
