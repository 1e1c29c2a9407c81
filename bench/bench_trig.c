/*
 * bench_trig.c - src/math/trig.c against libm in the same run: nanoseconds
 * per call of sin, cos, sincos, atan and atan2, and the ratio libm / ours.
 *
 * Each figure is the best of 5 passes over 4096 fixed pseudo-random
 * arguments, from two distributions: angles (|x| < pi/4, where sin and cos
 * need no reduction, and [-pi, pi], where three in four do) and, for atan2,
 * points in every quadrant with |y/x| from 1e-3 to 1e3.  libm's sincos is
 * reached through sin(x) and cos(x) of one argument, which gcc merges into a
 * sincos call.
 *
 * Instructions per call (what the goals are written in: atan2 about
 * 50, sincos about 50, sin or cos about 40) come from callgrind, e.g.
 *   valgrind --tool=callgrind build/rel/bench/bench_trig 0.01
 *   callgrind_annotate --inclusive=yes callgrind.out.*
 * and dividing by the calls this prints.
 *
 * Usage: bench_trig [seconds per figure, default 0.05]
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "math/trig.h"

#define NARG 4096

typedef enum { F_SIN, F_COS, F_SINCOS, F_ATAN, F_ATAN2 } func;

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* One pass over the arguments; returns a sum so that nothing is dropped. */
static double pass(func f, int ours, const double *x, const double *y)
{
    double acc = 0.0, s, c;
    for (int i = 0; i < NARG; i++) {
        switch (f) {
        case F_SIN:
            acc += ours ? trig_sin(x[i]) : sin(x[i]);
            break;
        case F_COS:
            acc += ours ? trig_cos(x[i]) : cos(x[i]);
            break;
        case F_SINCOS:
            if (ours) {
                trig_sincos(x[i], &s, &c);
            } else {
                s = sin(x[i]);
                c = cos(x[i]);
            }
            acc += s + c;
            break;
        case F_ATAN:
            acc += ours ? trig_atan(x[i]) : atan(x[i]);
            break;
        case F_ATAN2:
            acc += ours ? trig_atan2(y[i], x[i]) : atan2(y[i], x[i]);
            break;
        }
    }
    return acc;
}

/* Nanoseconds per call: the best of 5 timings of budget_s each. */
static double ns_per_call(func f, int ours, const double *x, const double *y, double budget_s, long *calls,
                          double *sink)
{
    double best = 1e30;
    for (int rep = 0; rep < 5; rep++) {
        long n = 0;
        double t0 = now_s(), t1 = t0;
        while (t1 - t0 < budget_s) {
            *sink += pass(f, ours, x, y);
            n += NARG;
            t1 = now_s();
        }
        *calls += n;
        if ((t1 - t0) / (double)n < best)
            best = (t1 - t0) / (double)n;
    }
    return best * 1e9;
}

static uint64_t next(uint64_t *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 2685821657736338717u;
}

static double unit(uint64_t *s)
{
    return (double)(next(s) >> 11) * 0x1p-53;
}

int main(int argc, char **argv)
{
    double budget = argc > 1 ? atof(argv[1]) : 0.05;
    if (!(budget > 0.0))
        budget = 0.05;
    static double small[NARG], angle[NARG], px[NARG], py[NARG];
    uint64_t s = 0x9e3779b97f4a7c15u;
    const double pi = 3.141592653589793;
    for (int i = 0; i < NARG; i++) {
        small[i] = (unit(&s) * 2.0 - 1.0) * pi / 4.0 * 0.999;
        angle[i] = (unit(&s) * 2.0 - 1.0) * pi;
        double r = pow(10.0, 6.0 * unit(&s) - 3.0), a = 1.0 + unit(&s);
        px[i] = (next(&s) & 1) ? -a : a;
        py[i] = ((next(&s) & 1) ? -a : a) * r;
    }
    static const struct {
        func f;
        const char *name, *args;
        const double *x, *y;
    } cases[] = {
        {F_SIN, "sin", "|x| < pi/4", small, NULL},   {F_SIN, "sin", "[-pi, pi]", angle, NULL},
        {F_COS, "cos", "|x| < pi/4", small, NULL},   {F_COS, "cos", "[-pi, pi]", angle, NULL},
        {F_SINCOS, "sincos", "|x| < pi/4", small, NULL}, {F_SINCOS, "sincos", "[-pi, pi]", angle, NULL},
        {F_ATAN, "atan", "1e-3 .. 1e3", py, NULL},   {F_ATAN2, "atan2", "quadrants", px, py},
    };
    double sink = 0.0;
    long calls = 0;
    printf("bench_trig: ns per call, best of 5 (trig.c against libm, same run)\n");
    printf("  %-7s %-12s %9s %9s %9s\n", "func", "arguments", "trig ns", "libm ns", "libm/trig");
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        double ours = ns_per_call(cases[k].f, 1, cases[k].x, cases[k].y, budget, &calls, &sink);
        double peer = ns_per_call(cases[k].f, 0, cases[k].x, cases[k].y, budget, &calls, &sink);
        printf("  %-7s %-12s %9.2f %9.2f %8.2fx\n", cases[k].name, cases[k].args, ours, peer, peer / ours);
    }
    printf("  (%ld calls; checksum %.6g)\n", calls, sink);
    return 0;
}
