/*
 * rt_allowed.h - whether this process may put a thread under SCHED_FIFO
 * at a priority, worked out from what Linux's rule looks at (sched(7)):
 * the CAP_SYS_NICE capability in the effective set (root has it unless a
 * container took it away), or a soft RLIMIT_RTPRIO at least that high.
 * The tests of src/station/rt_priority.c hold the granting and refusing
 * against it, so they check the same answer in a container, as root and
 * as an ordinary user.
 */
#ifndef SAQR_TEST_RT_ALLOWED_H
#define SAQR_TEST_RT_ALLOWED_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#define TEST_CAP_SYS_NICE 23 /* linux/capability.h */

static inline int test_rt_allowed(int priority)
{
    struct rlimit rl;
    if (getrlimit(RLIMIT_RTPRIO, &rl) == 0 && (rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur >= (rlim_t)priority))
        return 1;
    FILE *f = fopen("/proc/self/status", "r");
    if (!f)
        return 0;
    char line[256];
    unsigned long long caps = 0;
    while (fgets(line, sizeof line, f))
        if (strncmp(line, "CapEff:", 7) == 0)
            caps = strtoull(line + 7, NULL, 16);
    fclose(f);
    return (int)((caps >> TEST_CAP_SYS_NICE) & 1u);
}

#endif
