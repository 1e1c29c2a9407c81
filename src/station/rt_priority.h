/*
 * rt_priority.h - asking the operating system to run a real-time thread
 * (the station's simulation thread) ahead of ordinary work: POSIX
 * SCHED_FIFO at a given priority.
 *
 * A normally scheduled thread that wakes for its frame waits behind the
 * other programs' time slices when the processor is busy (the trainee's
 * browser, FlightGear): measured on the project's machine with four busy
 * processes on its two cores, a 120 Hz sleep-and-wake loop woke up to
 * 5.4 ms late normally and 0.1 ms late under SCHED_FIFO (docs/realtime.md,
 * "Priority").  The simulation thread sleeps between frames, so running it
 * first costs the others little.  Linux grants SCHED_FIFO to root, to a
 * program with the CAP_SYS_NICE capability, or up to RLIMIT_RTPRIO
 * (limits.conf's rtprio); otherwise the request is refused and the thread
 * keeps its scheduling.
 *
 * References: POSIX pthread_setschedparam, sched(7).
 */
#ifndef SAQR_STATION_RT_PRIORITY_H
#define SAQR_STATION_RT_PRIORITY_H

#include <pthread.h>

#include "saqr.h"
#include "util/err.h"

#define RT_PRIORITY_DEFAULT 10 /* above every ordinary program, below the
                                  kernel's own real-time threads (50)      */
#define RT_PRIORITY_MAX 99     /* SCHED_FIFO's range on Linux is 1..99    */

/* Puts `thread` under SCHED_FIFO at `priority` (1..RT_PRIORITY_MAX).
 * SAQR_OK when granted; SAQR_EINVAL (nothing asked) for a priority out of
 * that range; SAQR_ESTATE when the system refuses, the thread's scheduling
 * unchanged and the reason (with how to allow it) in err. */
saqr_status rt_priority_set(pthread_t thread, int priority, saqr_err *err);

/* The real-time priority `thread` runs at, 0 when it is scheduled as
 * ordinary work (or its scheduling cannot be read). */
int rt_priority_of(pthread_t thread);

#endif
