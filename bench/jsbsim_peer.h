/*
 * jsbsim_peer.h - JSBSim as the peer of a benchmark: a copy of the JSBSim
 * root without output directives (JSBSim writes output files into its
 * root, and scripts' writes to simulation/output/... exist only while an
 * output directive does), and a timed run of one of its scripts as a
 * process.  The clock is read here only, never by the library.
 */
#ifndef SAQR_BENCH_JSBSIM_PEER_H
#define SAQR_BENCH_JSBSIM_PEER_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The most repetitions a benchmark makes (bench_args' --reps). */
#define MAX_REPS 64

static inline int bench_cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The median of x[0..n) (n >= 1; x is sorted in place). */
static inline double bench_median(double *x, int n)
{
    qsort(x, (size_t)n, sizeof *x, bench_cmp_double);
    return n % 2 ? x[n / 2] : 0.5 * (x[n / 2 - 1] + x[n / 2]);
}

static inline double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Copies the root into a temporary folder without output directives. */
static inline int make_peer_root(const char *root, char *dir, size_t n)
{
    snprintf(dir, n, "/tmp/saqr-bench-XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    char cmd[8192];
    snprintf(cmd, sizeof cmd,
             "cp -r '%s/aircraft' '%s/engine' '%s/systems' '%s/scripts' '%s/' && "
             "find '%s' -name '*.xml' -exec sed -i -e '/<output [a-z][^>]*\\/>/d' "
             "-e '/<output [a-z]/,/<\\/output>/d' "
             "-e '/<set name=\"simulation\\/output\\//d' {} +",
             root, root, root, root, dir, dir);
    return system(cmd) == 0 ? 0 : -1;
}

static inline double run_peer(const char *jsbsim, const char *dir, const char *name, const char *extra)
{
    char cmd[4096];
    snprintf(cmd, sizeof cmd,
             "cd '%s' && JSBSIM_DEBUG=0 '%s' --root=. --script=scripts/%s.xml %s >/dev/null 2>&1", dir,
             jsbsim, name, extra);
    double t0 = now_s();
    int rc = system(cmd);
    double t1 = now_s();
    return rc == 0 ? t1 - t0 : -1.0;
}

/* Removes the copy made by make_peer_root (dir "" : nothing). */
static inline void remove_peer_root(const char *dir)
{
    if (!dir[0])
        return;
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
}

/* The benches' command line: --jsbsim PATH (or JSBSIM=PATH), --shared DIR
 * (or SAQR_SHARED, else ../shared), --reps N (default 3) and, where the
 * bench has it, --aircraft N (default 10,000). */
typedef struct bench_args {
    const char *jsbsim, *shared;
    int reps, aircraft;
    char root[1024];            /* shared/reference/jsbsim               */
} bench_args;

/* Returns 0, or 2 after printing the usage for a wrong argument. */
static inline int bench_parse_args(int argc, char **argv, int with_aircraft, bench_args *a)
{
    a->jsbsim = getenv("JSBSIM");
    a->shared = getenv("SAQR_SHARED") ? getenv("SAQR_SHARED") : "../shared";
    a->reps = 3;
    a->aircraft = 10000;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--jsbsim") && i + 1 < argc)
            a->jsbsim = argv[++i];
        else if (!strcmp(argv[i], "--shared") && i + 1 < argc)
            a->shared = argv[++i];
        else if (!strcmp(argv[i], "--reps") && i + 1 < argc)
            a->reps = atoi(argv[++i]);
        else if (with_aircraft && !strcmp(argv[i], "--aircraft") && i + 1 < argc)
            a->aircraft = atoi(argv[++i]);
        else {
            fprintf(stderr, "usage: %s [--jsbsim PATH] [--shared DIR] [--reps N]%s\n", argv[0],
                    with_aircraft ? " [--aircraft N]" : "");
            return 2;
        }
    }
    if (a->reps < 1)
        a->reps = 1;
    if (a->reps > MAX_REPS)
        a->reps = MAX_REPS;
    if (a->aircraft < 1)
        a->aircraft = 1;
    snprintf(a->root, sizeof a->root, "%s/reference/jsbsim", a->shared);
    return 0;
}

#endif
