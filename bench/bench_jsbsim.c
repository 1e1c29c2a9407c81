/*
 * bench_jsbsim.c - Saqr against JSBSim on the same JSBSim scripts, in one
 * run: microseconds per frame with output off, the ratio, and start-up
 * time (loading the aircraft and running the initial conditions).
 *
 * Saqr runs in-process.  JSBSim, when a binary is given, runs on a copy of
 * the JSBSim root in a temporary folder with its output directives removed
 * (JSBSim writes output files into its root), and with the scripts' writes
 * to simulation/output/... removed too (that property exists only while an
 * output directive does; JSBSim stops with "No property ... is defined"
 * otherwise, as c1723 did).  JSBSim is timed from outside, as a process
 * (fork, exec, load, run, exit): its time per frame is (wall time of the
 * whole script - wall time of the same script with --end=0) divided by the
 * frames Saqr counted for the script, so its start-up cancels out; its
 * start-up column is the --end=0 run.  Each time is the best of `reps`
 * runs, and both simulators run in the same invocation.  This virtual
 * machine's speed drifts by tens of per cent from one second to the next,
 * so the best times of runs made at different moments can pair a fast
 * minute of one simulator with a slow one of the other: each repetition
 * therefore runs Saqr and then JSBSim back to back, and the "med" columns
 * give the median over the repetitions of those pairs' ratios, the
 * steadier figure.
 *
 * Saqr runs twice per script and repetition: interpreted, and with its
 * generated code (saqr_fdm_compile, docs/native.md), whose compile time is
 * reported in its own column, not in the start-up (it is spent once per
 * loaded model; a campaign or a batch pays it once for all its runs).
 *
 * Usage: bench_jsbsim [--jsbsim PATH] [--shared DIR] [--reps N]
 *   (JSBSIM environment variable also names the binary)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "jsbsim_peer.h"
#include "saqr.h"

typedef struct bench_script {
    const char *name;
} bench_script;

static const bench_script scripts[] = {
    {"c172_cruise_8K"}, {"c172_elevator_doublet"}, {"c1723"}, {"f16_runway_test"}, {"f16_test"},
};
#define NSCRIPTS (sizeof scripts / sizeof scripts[0])

typedef struct saqr_result {
    long frames;
    double step_s;      /* stepping time, whole script   */
    double startup_s;   /* load + init                   */
    double compile_s;   /* saqr_fdm_compile              */
    int ok;
} saqr_result;

static saqr_result run_saqr(const char *root, const char *name, int compile)
{
    saqr_result r = {0, 0, 0, 0, 0};
    char path[2048];
    snprintf(path, sizeof path, "scripts/%s.xml", name); /* relative to the root */
    double t0 = now_s(), c0 = 0.0;
    saqr_fdm *f = saqr_fdm_create(NULL);
    if (!f || saqr_fdm_load_script(f, root, path) ||
        (c0 = now_s(), compile && saqr_fdm_compile(f, NULL)) || (r.compile_s = now_s() - c0, saqr_fdm_init(f))) {
        fprintf(stderr, "saqr: %s: %s\n", name, f ? saqr_fdm_error(f) : "out of memory");
        saqr_fdm_destroy(f);
        return r;
    }
    double t1 = now_s();
    while (!saqr_fdm_script_done(f)) {
        if (saqr_fdm_step(f)) {
            fprintf(stderr, "saqr: %s: %s\n", name, saqr_fdm_error(f));
            break;
        }
        r.frames++;
    }
    double t2 = now_s();
    saqr_fdm_destroy(f);
    r.startup_s = t1 - t0 - r.compile_s;
    r.step_s = t2 - t1;
    r.ok = 1;
    return r;
}

int main(int argc, char **argv)
{
    bench_args args;
    if (bench_parse_args(argc, argv, 0, &args))
        return 2;
    const char *jsbsim = args.jsbsim, *root = args.root;
    const int reps = args.reps;
    char peer[256] = "";
    if (jsbsim && make_peer_root(root, peer, sizeof peer)) {
        fprintf(stderr, "cannot prepare a JSBSim root copy; peer skipped\n");
        jsbsim = NULL;
    }
    printf("%-22s %7s %11s %11s %11s %7s %8s %6s %6s %10s %10s %10s\n", "script", "frames", "jsbsim", "saqr",
           "compiled", "ratio", "ratio c", "med", "med c", "saqr start", "jsb start", "compile");
    printf("%-22s %7s %11s %11s %11s\n", "", "", "us/frame", "us/frame", "us/frame");
    int failed = 0;
    for (size_t k = 0; k < NSCRIPTS; k++) {
        saqr_result best[2] = {{0, 1e30, 1e30, 1e30, 0}, {0, 1e30, 1e30, 1e30, 0}};
        double full = 1e30, zero = 1e30;           /* JSBSim's best runs */
        double pair[2][MAX_REPS];                  /* each repetition's ratios */
        int npair = 0;
        for (int r = 0; r < reps && !failed; r++) {
            double step[2] = {0.0, 0.0};
            for (int c = 0; c < 2; c++) { /* alternated: this machine's speed drifts */
                saqr_result x = run_saqr(root, scripts[k].name, c);
                if (!x.ok) {
                    failed = 1;
                    break;
                }
                best[c].ok = 1;
                best[c].frames = x.frames;
                step[c] = x.step_s;
                best[c].step_s = x.step_s < best[c].step_s ? x.step_s : best[c].step_s;
                best[c].startup_s = x.startup_s < best[c].startup_s ? x.startup_s : best[c].startup_s;
                best[c].compile_s = x.compile_s < best[c].compile_s ? x.compile_s : best[c].compile_s;
            }
            if (failed || !jsbsim)
                continue;
            double a = run_peer(jsbsim, peer, scripts[k].name, "");
            double b = run_peer(jsbsim, peer, scripts[k].name, "--end=0");
            if (a > 0 && a < full)
                full = a;
            if (b > 0 && b < zero)
                zero = b;
            if (a > 0 && b > 0 && a > b && step[0] > 0.0 && step[1] > 0.0) {
                pair[0][npair] = (a - b) / step[0];
                pair[1][npair] = (a - b) / step[1];
                npair++;
            }
        }
        if (!best[0].ok || !best[1].ok || best[0].frames == 0)
            continue;
        double us = 1e6 * best[0].step_s / (double)best[0].frames;
        double us_c = 1e6 * best[1].step_s / (double)best[1].frames;
        double peer_us = -1, peer_start = -1;
        if (jsbsim && full < 1e29 && zero < 1e29) {
            peer_us = 1e6 * (full - zero) / (double)best[0].frames;
            peer_start = zero;
        }
        printf("%-22s %7ld ", scripts[k].name, best[0].frames);
        if (peer_us > 0)
            printf("%11.3f %11.3f %11.3f %6.1fx %7.1fx ", peer_us, us, us_c, peer_us / us, peer_us / us_c);
        else
            printf("%11s %11.3f %11.3f %7s %8s ", "-", us, us_c, "-", "-");
        if (npair > 0)
            printf("%5.1fx %5.1fx ", bench_median(pair[0], npair), bench_median(pair[1], npair));
        else
            printf("%6s %6s ", "-", "-");
        printf("%7.2f ms ", 1e3 * best[0].startup_s);
        if (peer_start > 0)
            printf("%7.2f ms ", 1e3 * peer_start);
        else
            printf("%10s ", "-");
        printf("%7.0f ms\n", 1e3 * best[1].compile_s);
    }
    remove_peer_root(peer);
    if (!jsbsim)
        printf("(no JSBSim binary given: --jsbsim PATH or JSBSIM=PATH for the ratio)\n");
    return failed;
}
