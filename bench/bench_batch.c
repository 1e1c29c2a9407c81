/*
 * bench_batch.c - many c172x at once (include/saqr_batch.h) against
 * JSBSim's single instance, in one run.
 *
 * Figures, each the best of `reps`, for Saqr interpreted and then with
 * its generated code (saqr_fdm_compile; the compile time is reported
 * apart, it is spent once per loaded model):
 *  - JSBSim: microseconds per frame of the c172_cruise_8K script, timed as
 *    a process with its start-up cancelled (bench/jsbsim_peer.h), when a
 *    binary is given, once each repetition right after Saqr's runs; Saqr's
 *    single instance on the same script.  The ratios are the best times'
 *    and, steadier on a machine whose speed drifts, the median over the
 *    repetitions of each repetition's own ratio.
 *  - batch, one thread: microseconds per aircraft-frame of N aircraft in
 *    cruise (c172x, reset01, engine running, trimmed), and the ratio to JSBSim -
 *    the speed per core the issue asks 20x of.
 *  - batch, every core: 10,000 aircraft stepping one simulated second
 *    (120 frames); real time needs the wall time to stay under 1 s.
 *    Three times: in one call of 120 frames (each aircraft flies its
 *    second while its state is in cache), frame by frame (120 calls of
 *    one frame, as a real-time loop or a learning loop that sets inputs
 *    every frame steps: every aircraft's state comes from memory every
 *    frame), and frame by frame with that loop's exchange (two inputs set
 *    for every aircraft before each frame, one output read after it),
 *    through saqr_batch_set and saqr_batch_get and in saqr_batch_step_io.
 *  - memory: bytes per extra aircraft as the batch states it, the
 *    resident-set growth per aircraft measured, and the heap one loaded
 *    aircraft takes (glibc's mallinfo2).
 *
 * Usage: bench_batch [--jsbsim PATH] [--shared DIR] [--reps N] [--aircraft N]
 *   (JSBSIM environment variable also names the binary)
 */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "jsbsim_peer.h"
#include "saqr.h"
#include "saqr_batch.h"

#define PEER_SCRIPT "c172_cruise_8K"

static long rss_bytes(void)
{
    FILE *fp = fopen("/proc/self/statm", "r");
    long pages_total = 0, pages_rss = 0;
    if (!fp)
        return 0;
    if (fscanf(fp, "%ld %ld", &pages_total, &pages_rss) != 2)
        pages_rss = 0;
    fclose(fp);
    return pages_rss * sysconf(_SC_PAGESIZE);
}

static saqr_fdm *cruising_c172(const char *root, int compile)
{
    saqr_fdm *f = saqr_fdm_create(NULL);
    if (!f || saqr_fdm_load_aircraft(f, root, "c172x") || saqr_fdm_load_initfile(f, "reset01") ||
        (compile && saqr_fdm_compile(f, NULL)) ||
        saqr_fdm_set(f, saqr_fdm_property(f, "propulsion/set-running"), -1) ||
        saqr_fdm_set(f, saqr_fdm_property(f, "fcs/throttle-cmd-norm"), 0.7) ||
        saqr_fdm_set(f, saqr_fdm_property(f, "fcs/mixture-cmd-norm"), 0.9) || saqr_fdm_init(f) ||
        saqr_fdm_trim(f, SAQR_TRIM_FULL)) {
        fprintf(stderr, "c172x: %s\n", f ? saqr_fdm_error(f) : "out of memory");
        saqr_fdm_destroy(f);
        return NULL;
    }
    return f;
}

/* Saqr's single instance on the script: frames and seconds stepping (and
 * compiling, when asked). */
static int single_script(const char *root, int compile, long *frames, double *step_s, double *compile_s)
{
    char path[2048];
    snprintf(path, sizeof path, "scripts/%s.xml", PEER_SCRIPT); /* relative to the root */
    saqr_fdm *f = saqr_fdm_create(NULL);
    double c0 = 0.0;
    if (!f || saqr_fdm_load_script(f, root, path) || (c0 = now_s(), compile && saqr_fdm_compile(f, NULL)) ||
        (*compile_s = now_s() - c0, saqr_fdm_init(f))) {
        fprintf(stderr, "%s: %s\n", PEER_SCRIPT, f ? saqr_fdm_error(f) : "out of memory");
        saqr_fdm_destroy(f);
        return -1;
    }
    long n = 0;
    double t0 = now_s();
    while (!saqr_fdm_script_done(f) && saqr_fdm_step(f) == SAQR_OK)
        n++;
    *step_s = now_s() - t0;
    *frames = n;
    saqr_fdm_destroy(f);
    return 0;
}

/* One configuration's best times (s). */
typedef struct figures {
    double single_s, compile_s, one_s, all_s, each_frame_s, exchange_s, step_io_s;
    double order_s[2]; /* one_s in SAQR_BATCH_ORDER_STAGES, _AIRCRAFT */
} figures;

/* Before each call of one frame, a real-time loop's exchange: the stick's
 * two axes set for every aircraft (small, different commands) and, after
 * it, the altitude of every aircraft read. */
static saqr_status exchange(saqr_batch *b, const saqr_fdm *model, int frame, double *in, double *out, int after)
{
    const int n = saqr_batch_size(b);
    if (after)
        return saqr_batch_get(b, saqr_fdm_property(model, "position/h-sl-ft"), out);
    for (int i = 0; i < n; i++)
        in[i] = 0.01 * ((i + frame) % 7 - 3);
    saqr_status st = saqr_batch_set(b, saqr_fdm_property(model, "fcs/elevator-cmd-norm"), in);
    return st ? st : saqr_batch_set(b, saqr_fdm_property(model, "fcs/aileron-cmd-norm"), in);
}

/* Seconds to step a batch of n aircraft `frames` frames on `threads`, in
 * calls of `per_call` frames (with_io: each call of one frame with an
 * exchange of inputs and outputs, 1 through saqr_batch_set and
 * saqr_batch_get, 2 in saqr_batch_step_io), the frames in `order`. */
static double batch_seconds(const saqr_fdm *model, int n, int threads, int frames, int per_call, int with_io,
                            saqr_batch_order order, int *nthreads, size_t *bytes_each, double *rss_each)
{
    long rss0 = rss_bytes();
    saqr_batch *b = saqr_batch_create(NULL);
    if (!b || saqr_batch_fill(b, model, n, threads) || saqr_batch_set_order(b, order)) {
        fprintf(stderr, "batch: %s\n", b ? saqr_batch_error(b) : "out of memory");
        saqr_batch_destroy(b);
        return -1;
    }
    long rss1 = rss_bytes();
    *nthreads = saqr_batch_threads(b);
    *bytes_each = saqr_batch_bytes_per_aircraft(b);
    *rss_each = (double)(rss1 - rss0) / n;
    double *io = with_io ? malloc(2 * (size_t)n * sizeof *io) : NULL;
    if (with_io && !io) {
        saqr_batch_destroy(b);
        return -1;
    }
    double t0 = now_s();
    saqr_status st = SAQR_OK;
    const int slots[3] = {saqr_fdm_property(model, "fcs/elevator-cmd-norm"),
                          saqr_fdm_property(model, "fcs/aileron-cmd-norm"),
                          saqr_fdm_property(model, "position/h-sl-ft")};
    double *both = with_io == 2 ? malloc(2 * (size_t)n * sizeof *both) : NULL;
    for (int done = 0; done < frames && st == SAQR_OK && with_io == 2 && both; done += per_call) {
        for (int i = 0; i < n; i++)
            both[i] = both[n + i] = 0.01 * ((i + done) % 7 - 3);
        st = saqr_batch_step_io(b, per_call, 2, slots, both, 1, slots + 2, io);
    }
    for (int done = 0; done < frames && st == SAQR_OK && with_io != 2; done += per_call) {
        if (io && (st = exchange(b, model, done, io, io + n, 0)) != SAQR_OK)
            break;
        st = saqr_batch_step(b, frames - done < per_call ? frames - done : per_call);
        if (io && st == SAQR_OK)
            st = exchange(b, model, done, io, io + n, 1);
    }
    double t = now_s() - t0;
    if (st)
        fprintf(stderr, "batch step: %s\n", saqr_batch_error(b));
    free(io);
    free(both);
    saqr_batch_destroy(b);
    return st ? -1 : t;
}

int main(int argc, char **argv)
{
    bench_args args;
    if (bench_parse_args(argc, argv, 1, &args))
        return 2;
    const char *jsbsim = args.jsbsim, *root = args.root;
    const int reps = args.reps, many = args.aircraft;
    char peer[256] = "";

    /* JSBSim: the same script in its own process, once each repetition
     * after Saqr's runs of it (below) */
    long frames = 0;
    double peer_us = -1, full = 1e30, zero = 1e30;
    if (jsbsim && make_peer_root(root, peer, sizeof peer) != 0) {
        fprintf(stderr, "cannot prepare a JSBSim root copy; peer skipped\n");
        jsbsim = NULL;
    }
    /* each repetition's ratios, JSBSim's frame over Saqr's: the lone
     * aircraft's and the batch's per core, interpreted and compiled */
    double pair_single[2][MAX_REPS], pair_core[2][MAX_REPS];
    int npair = 0;

    /* Saqr interpreted and with saqr_fdm_compile's generated code, the two
     * alternated within every repetition (this machine's speed drifts) */
    figures fig[2];
    double load_bytes = 0, rss_each = 0, rss_many = 0;
    size_t bytes_each = 0;
    int nthreads = 0, th = 0;
    const int n1 = 1000, f1 = 120;
    saqr_fdm *model[2];
    for (int compiled = 0; compiled < 2; compiled++) {
        figures *g = &fig[compiled];
        g->single_s = g->compile_s = g->one_s = g->all_s = g->each_frame_s = g->exchange_s = g->step_io_s = 1e30;
        g->order_s[0] = g->order_s[1] = 1e30;
        const size_t heap0 = mallinfo2().uordblks;
        if (!(model[compiled] = cruising_c172(root, compiled)))
            goto fail;
        if (!compiled)
            load_bytes = (double)(mallinfo2().uordblks - heap0);
    }
    for (int r = 0; r < reps; r++) {
        double rep_single_s[2] = {0, 0}, rep_one_s[2] = {0, 0};
        for (int compiled = 0; compiled < 2; compiled++) {
            figures *g = &fig[compiled];
            double s, c, s1;
            if (single_script(root, compiled, &frames, &s, &c))
                goto fail;
            rep_single_s[compiled] = s;
            g->single_s = s < g->single_s ? s : g->single_s;
            g->compile_s = c < g->compile_s ? c : g->compile_s;
            /* one core: 1,000 aircraft, 120 frames */
            if ((s = batch_seconds(model[compiled], n1, 1, f1, f1, 0, SAQR_BATCH_ORDER_AUTO, &th, &bytes_each,
                               &rss_each)) < 0)
                goto fail;
            rep_one_s[compiled] = s;
            g->one_s = s < g->one_s ? s : g->one_s;
            /* and in each order saqr_batch_order's AUTO chooses between */
            for (int o = 0; o < 2; o++) {
                const saqr_batch_order order = o ? SAQR_BATCH_ORDER_AIRCRAFT : SAQR_BATCH_ORDER_STAGES;
                if ((s = batch_seconds(model[compiled], n1, 1, f1, f1, 0, order, &th, &bytes_each, &rss_each)) < 0)
                    goto fail;
                g->order_s[o] = s < g->order_s[o] ? s : g->order_s[o];
            }
            /* every core: `many` aircraft, one simulated second, in one
             * call and frame by frame */
            const saqr_batch_order as_chosen = SAQR_BATCH_ORDER_AUTO;
            s = batch_seconds(model[compiled], many, 0, 120, 120, 0, as_chosen, &nthreads, &bytes_each, &rss_many);
            s1 = batch_seconds(model[compiled], many, 0, 120, 1, 0, as_chosen, &nthreads, &bytes_each, &rss_many);
            double sx =
                batch_seconds(model[compiled], many, 0, 120, 1, 1, as_chosen, &nthreads, &bytes_each, &rss_many);
            double sy =
                batch_seconds(model[compiled], many, 0, 120, 1, 2, as_chosen, &nthreads, &bytes_each, &rss_many);
            if (s < 0 || s1 < 0 || sx < 0 || sy < 0)
                goto fail;
            g->step_io_s = sy < g->step_io_s ? sy : g->step_io_s;
            g->all_s = s < g->all_s ? s : g->all_s;
            g->each_frame_s = s1 < g->each_frame_s ? s1 : g->each_frame_s;
            g->exchange_s = sx < g->exchange_s ? sx : g->exchange_s;
        }
        if (!jsbsim || frames <= 0)
            continue;
        const double a = run_peer(jsbsim, peer, PEER_SCRIPT, ""), z = run_peer(jsbsim, peer, PEER_SCRIPT, "--end=0");
        full = a > 0 && a < full ? a : full;
        zero = z > 0 && z < zero ? z : zero;
        if (a > 0 && z > 0 && a > z) {
            const double rep_peer_us = 1e6 * (a - z) / (double)frames;
            for (int compiled = 0; compiled < 2; compiled++) {
                pair_single[compiled][npair] = rep_peer_us / (1e6 * rep_single_s[compiled] / (double)frames);
                pair_core[compiled][npair] = rep_peer_us / (1e6 * rep_one_s[compiled] / ((double)n1 * f1));
            }
            npair++;
        }
    }
    remove_peer_root(peer);
    if (full < 1e29 && zero < 1e29 && frames > 0)
        peer_us = 1e6 * (full - zero) / (double)frames;
    saqr_fdm_destroy(model[0]);
    saqr_fdm_destroy(model[1]);

    printf("c172x, %s (%ld frames at 120 Hz)\n", PEER_SCRIPT, frames);
    if (peer_us > 0)
        printf("  JSBSim, one instance          %9.3f us/frame\n", peer_us);
    else
        printf("  JSBSim                         (no binary: --jsbsim PATH or JSBSIM=PATH for the ratios)\n");
    for (int compiled = 0; compiled < 2; compiled++) {
        const figures *g = &fig[compiled];
        const double single_us = 1e6 * g->single_s / (double)frames;
        const double batch_us = 1e6 * g->one_s / ((double)n1 * f1);
        if (compiled)
            printf("Saqr compiled (saqr_fdm_compile: %.3f s to generate and compile, once per model)\n",
                   g->compile_s);
        else
            printf("Saqr interpreted\n");
        printf("  one instance                  %9.3f us/frame", single_us);
        if (peer_us > 0)
            printf("   %5.1fx JSBSim (goal 10x)", peer_us / single_us);
        if (npair > 0)
            printf(", median of pairs %.1fx", bench_median(pair_single[compiled], npair));
        printf("\n  batch, 1 thread, %d       %9.3f us/aircraft-frame", n1, batch_us);
        if (peer_us > 0)
            printf("   %5.1fx JSBSim per core (goal 20x)", peer_us / batch_us);
        if (npair > 0)
            printf(", median of pairs %.1fx", bench_median(pair_core[compiled], npair));
        printf("\n    the same by stages %.3f, aircraft by aircraft %.3f us/aircraft-frame (saqr_batch_order)",
               1e6 * g->order_s[0] / ((double)n1 * f1), 1e6 * g->order_s[1] / ((double)n1 * f1));
        printf("\n  batch, %d threads, %d: one simulated second in %.3f s wall: %.2fx real time "
               "(goal >= 1)\n",
               nthreads, many, g->all_s, 1.0 / g->all_s);
        printf("  the same, stepped frame by frame: one simulated second in %.3f s wall: %.2fx real time\n",
               g->each_frame_s, 1.0 / g->each_frame_s);
        printf("  the same, with 2 inputs set and 1 output read every frame: %.3f s wall: %.2fx real time\n",
               g->exchange_s, 1.0 / g->exchange_s);
        printf("  the same exchange in saqr_batch_step_io: %.3f s wall: %.2fx real time\n", g->step_io_s,
               1.0 / g->step_io_s);
    }
    printf("  memory: one loaded c172x %.0f kB; each extra aircraft %.1f kB stated, %.1f kB resident\n",
           load_bytes / 1024.0, (double)bytes_each / 1024.0, rss_many / 1024.0);
    return 0;
fail:
    remove_peer_root(peer);
    return 1;
}
