/*
 * batch.c - saqr_batch (include/saqr_batch.h): N aircraft cloned from one
 * loaded model (src/fdm/fdm_clone.c), stepped on a worker pool.
 *
 * Each worker steps a contiguous range of aircraft in groups of 16, every
 * frame of a group before the next group (its state stays in cache): the
 * first frame stage by stage across the group (its code stays in cache
 * while the aircraft come from memory, the next group's asked for a
 * little at each step), the others the same or aircraft by aircraft
 * (saqr_batch_set_order).
 * The aircraft share only read-only data, so the split of the work cannot
 * change a result.
 * A pristine clone taken at fill time (`origin`) is what saqr_batch_reset
 * copies again.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "batch/slab.h"
#include "batch/worker_pool.h"
#include "fdm/fdm_clone.h"
#include "fdm/fdm_exec.h"
#include "fdm/fdm_internal.h"
#include "saqr_batch.h"
#include "util/err.h"
#include "util/mem.h"

#define BATCH_MAX_AIRCRAFT 1000000
#define BATCH_MAX_THREADS 256
/* Aircraft stepped stage by stage together on a call's first frame
 * (step_group): 16 c172x hold ~330 kB, within a core's second-level
 * cache; 8 to 32 measured alike. */
#ifndef BATCH_GROUP
#define BATCH_GROUP 16
#endif

/* Values of `failed`. */
enum { OK_AIRCRAFT = 0, FAILED_NOW = 1, FAILED_BEFORE = 2 };

struct saqr_batch {
    saqr_allocator alloc;
    saqr_err err;
    const saqr_fdm *model;
    saqr_fdm *origin;          /* the model's state at fill time          */
    int n;
    saqr_fdm **ac;             /* n aircraft                              */
    unsigned char *failed;     /* by aircraft                             */
    worker_pool pool;
    slab hot, cold;            /* the aircraft's memory (slab.h): what
                                  frames touch, and what they seldom do   */
    saqr_batch_order order;    /* saqr_batch_set_order                    */
    long l1i_bytes;            /* this processor's first-level instruction
                                  cache, 0 when unknown                   */
    struct {                   /* the set or get being run on the workers */
        int slot;
        const double *values;  /* set: values[i * stride]                 */
        size_t stride;
        double *out;           /* get                                     */
        int refused[BATCH_MAX_THREADS]; /* set: each part's first aircraft
                                  refusing its value, or -1, and why      */
        saqr_status refused_st[BATCH_MAX_THREADS];
    } xfer;
    int frames;                /* of the step being run                   */
    struct {                   /* and its exchange (saqr_batch_step_io)   */
        int n_in, n_out;
        const int *in_slots, *out_slots;
        const double *in;      /* in[k * n + i]                           */
        double *out;           /* out[k * n + i]                          */
    } io;
};

saqr_batch *saqr_batch_create(const saqr_allocator *alloc)
{
    const saqr_allocator *a = alloc ? alloc : mem_default();
    saqr_batch *b = mem_alloc(a, sizeof *b);
    if (!b)
        return NULL;
    memset(b, 0, sizeof *b);
    b->alloc = *a;
    b->pool.alloc = &b->alloc;
#ifdef _SC_LEVEL1_ICACHE_SIZE
    const long l1i = sysconf(_SC_LEVEL1_ICACHE_SIZE);
    b->l1i_bytes = l1i > 0 ? l1i : 0;
#endif
    return b;
}

static void empty(saqr_batch *b)
{
    worker_pool_stop(&b->pool);
    for (int i = 0; i < b->n; i++)
        saqr_fdm_destroy(b->ac[i]);
    saqr_fdm_destroy(b->origin);
    slab_release(&b->hot);
    slab_release(&b->cold);
    mem_free(&b->alloc, b->ac);
    mem_free(&b->alloc, b->failed);
    b->ac = NULL;
    b->failed = NULL;
    b->origin = NULL;
    b->model = NULL;
    b->n = 0;
}

void saqr_batch_destroy(saqr_batch *b)
{
    if (!b)
        return;
    empty(b);
    saqr_allocator a = b->alloc;
    mem_free(&a, b);
}

const char *saqr_batch_error(const saqr_batch *b)
{
    return b ? b->err.msg : "no batch";
}

static int online_processors(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > BATCH_MAX_THREADS ? BATCH_MAX_THREADS : (int)n;
}

saqr_status saqr_batch_fill(saqr_batch *b, const saqr_fdm *model, int n, int threads)
{
    if (!b)
        return SAQR_EINVAL;
    err_clear(&b->err);
    if (b->n > 0)
        return err_set(&b->err, SAQR_ESTATE, "batch fill: the batch already holds %d aircraft", b->n);
    if (!model || !model->loaded || !model->ready)
        return err_set(&b->err, SAQR_ESTATE, "batch fill: the model must be loaded and initialised");
    if (n < 1 || n > BATCH_MAX_AIRCRAFT)
        return err_set(&b->err, SAQR_EINVAL, "batch fill: aircraft count %d is not in 1..%d", n,
                       BATCH_MAX_AIRCRAFT);
    if (threads < 0 || threads > BATCH_MAX_THREADS)
        return err_set(&b->err, SAQR_EINVAL, "batch fill: thread count %d is not in 0..%d", threads,
                       BATCH_MAX_THREADS);
    if (threads == 0)
        threads = online_processors();
    if (threads > n)
        threads = n;
    b->model = model;
    b->ac = mem_alloc(&b->alloc, (size_t)n * sizeof *b->ac);
    b->failed = mem_alloc(&b->alloc, (size_t)n);
    b->origin = fdm_clone(model, &b->alloc, NULL);
    if (!b->ac || !b->failed || !b->origin || slab_init(&b->hot, &b->alloc) != SAQR_OK ||
        slab_init(&b->cold, &b->alloc) != SAQR_OK) {
        empty(b);
        return err_set(&b->err, SAQR_ENOMEM, "batch fill: out of memory");
    }
    memset(b->failed, 0, (size_t)n);
    /* one region each for all the aircraft: a clone's requests and, for
     * each, a slab piece's header and rounding */
    size_t hot, cold;
    fdm_clone_request_bytes(b->origin, &hot, &cold);
    slab_expect(&b->hot, (size_t)n * (hot + 3 * 32));
    slab_expect(&b->cold, (size_t)n * (cold + 32));
    for (int i = 0; i < n; i++) {
        if (!(b->ac[i] = fdm_clone(b->origin, slab_allocator(&b->hot), slab_allocator(&b->cold)))) {
            b->n = i;
            empty(b);
            return err_set(&b->err, SAQR_ENOMEM, "batch fill: out of memory at aircraft %d of %d", i, n);
        }
        b->n = i + 1;
    }
    saqr_status st = worker_pool_start(&b->pool, threads, &b->alloc);
    if (st) {
        empty(b);
        return err_set(&b->err, st, "batch fill: could not start %d threads", threads);
    }
    return SAQR_OK;
}

int saqr_batch_size(const saqr_batch *b)
{
    return b ? b->n : 0;
}

int saqr_batch_threads(const saqr_batch *b)
{
    return b && b->n ? b->pool.nthreads : 0;
}

saqr_status saqr_batch_set_order(saqr_batch *b, saqr_batch_order order)
{
    if (!b)
        return SAQR_EINVAL;
    err_clear(&b->err);
    if (order != SAQR_BATCH_ORDER_AUTO && order != SAQR_BATCH_ORDER_STAGES && order != SAQR_BATCH_ORDER_AIRCRAFT)
        return err_set(&b->err, SAQR_EINVAL, "batch order: %d is not one of saqr_batch_order's values", (int)order);
    b->order = order;
    return SAQR_OK;
}

size_t saqr_batch_bytes_per_aircraft(const saqr_batch *b)
{
    return b && b->n ? fdm_clone_bytes(b->ac[0]) : 0;
}

saqr_fdm *saqr_batch_aircraft(saqr_batch *b, int i)
{
    return b && i >= 0 && i < b->n ? b->ac[i] : NULL;
}

saqr_status saqr_batch_reset(saqr_batch *b, int i)
{
    if (!b)
        return SAQR_EINVAL;
    err_clear(&b->err);
    if (i < 0 || i >= b->n)
        return err_set(&b->err, SAQR_EINVAL, "batch reset: aircraft %d is not in 0..%d", i, b->n - 1);
    if (fdm_clone_reset(b->ac[i], b->origin) != SAQR_OK)
        return err_set(&b->err, SAQR_ENOMEM, "batch reset: out of memory");
    b->failed[i] = OK_AIRCRAFT;
    return SAQR_OK;
}

/* Common checks of set and get: a batch with aircraft and a valid slot. */
static saqr_status check_slot(saqr_batch *b, int slot, const void *array, const char *what)
{
    if (b->n == 0)
        return err_set(&b->err, SAQR_ESTATE, "batch %s: the batch is empty", what);
    if (!array)
        return err_set(&b->err, SAQR_EINVAL, "batch %s: no array", what);
    if (slot < 0 || slot >= b->ac[0]->props.count)
        return err_set(&b->err, SAQR_EINVAL, "batch %s: no property slot %d", what, slot);
    return SAQR_OK;
}

/* Aircraft whose property values a loop over the batch asks for ahead of
 * the one it is at (set_values, saqr_batch_get): their handles
 * LOOKAHEAD_HANDLE ahead, the value itself LOOKAHEAD_VALUE ahead (its
 * address is in the handle, loaded by then).  Setting or reading one
 * property of 10,000 aircraft otherwise waits on each aircraft's memory
 * in turn (docs/batch.md). */
#define LOOKAHEAD_HANDLE 16
#define LOOKAHEAD_VALUE 8

static void prefetch_ahead(const saqr_batch *b, int i, int slot)
{
    if (i + LOOKAHEAD_HANDLE < b->n)
        __builtin_prefetch(&b->ac[i + LOOKAHEAD_HANDLE]->props);
    if (i + LOOKAHEAD_VALUE < b->n)
        __builtin_prefetch(&b->ac[i + LOOKAHEAD_VALUE]->props.v[slot]);
}

/* Checks values[i * stride] (stride 0: one value for all) as the new
 * values of `slot` of every aircraft: a property one may write, finite
 * values. */
static saqr_status check_inputs(saqr_batch *b, int slot, const double *values, size_t stride, const char *what)
{
    saqr_status st = check_slot(b, slot, values, what);
    if (st)
        return st;
    const prop_tree *t = &b->ac[0]->props;
    if (t->flags[slot] & PROP_READONLY)
        return err_set(&b->err, SAQR_EINVAL, "batch %s: property %s is read-only", what, t->names[slot]);
    for (int i = 0; i < b->n; i++)
        if (!isfinite(values[(size_t)i * stride]))
            return err_set(&b->err, SAQR_EINVAL, "batch %s: %s of aircraft %d is not finite", what,
                           t->names[slot], i);
    return SAQR_OK;
}

/* Batches at least this large set and get a property on every worker
 * (each aircraft's memory is ~350 ns away here; docs/batch.md); smaller
 * ones on the caller's thread, where waking the workers would cost more. */
#define PARALLEL_XFER_MIN 4096

static void set_part(void *ctx, int part, int nparts)
{
    saqr_batch *b = ctx;
    const int lo = (int)((long)b->n * part / nparts), hi = (int)((long)b->n * (part + 1) / nparts);
    b->xfer.refused[part] = -1;
    for (int i = lo; i < hi; i++) {
        prefetch_ahead(b, i, b->xfer.slot);
        /* fdm_set_property, not saqr_fdm_set: the aircraft's error is
         * written on a refusal, and clearing it first would touch one
         * more of its cache lines each time */
        const saqr_status st = fdm_set_property(b->ac[i], b->xfer.slot, b->xfer.values[(size_t)i * b->xfer.stride]);
        if (st != SAQR_OK) {
            b->xfer.refused[part] = i;
            b->xfer.refused_st[part] = st;
            return;
        }
    }
}

static void get_part(void *ctx, int part, int nparts)
{
    saqr_batch *b = ctx;
    const int lo = (int)((long)b->n * part / nparts), hi = (int)((long)b->n * (part + 1) / nparts);
    /* through saqr_fdm_get: some properties are worked out when read */
    for (int i = lo; i < hi; i++) {
        prefetch_ahead(b, i, b->xfer.slot);
        b->xfer.out[i] = saqr_fdm_get(b->ac[i], b->xfer.slot);
    }
}

/* Runs job (set_part, get_part) over the batch: on the workers for a
 * large batch, else on this thread; the number of parts. */
static int run_xfer(saqr_batch *b, worker_job job)
{
    if (b->n >= PARALLEL_XFER_MIN && b->pool.nthreads > 1) {
        worker_pool_run(&b->pool, job, b);
        return b->pool.nthreads;
    }
    job(b, 0, 1);
    return 1;
}

/* Sets `slot` of aircraft i to values[i * stride] (stride 0: one value for
 * all), after checking every value, so a refusal of those checks changes
 * nothing. */
static saqr_status set_values(saqr_batch *b, int slot, const double *values, size_t stride)
{
    saqr_status st = check_inputs(b, slot, values, stride, "set");
    if (st)
        return st;
    b->xfer.slot = slot;
    b->xfer.values = values;
    b->xfer.stride = stride;
    const int parts = run_xfer(b, set_part);
    for (int k = 0; k < parts; k++)
        if (b->xfer.refused[k] >= 0) {
            const int i = b->xfer.refused[k];
            return err_set(&b->err, b->xfer.refused_st[k], "batch set: aircraft %d: %s", i, saqr_fdm_error(b->ac[i]));
        }
    return SAQR_OK;
}

saqr_status saqr_batch_set(saqr_batch *b, int slot, const double *values)
{
    if (!b)
        return SAQR_EINVAL;
    err_clear(&b->err);
    return set_values(b, slot, values, 1);
}

saqr_status saqr_batch_set_all(saqr_batch *b, int slot, double value)
{
    if (!b)
        return SAQR_EINVAL;
    err_clear(&b->err);
    return set_values(b, slot, &value, 0);
}

saqr_status saqr_batch_get(saqr_batch *b, int slot, double *out)
{
    if (!b)
        return SAQR_EINVAL;
    err_clear(&b->err);
    saqr_status st = check_slot(b, slot, out, "get");
    if (st)
        return st;
    b->xfer.slot = slot;
    b->xfer.out = out;
    run_xfer(b, get_part);
    return SAQR_OK;
}

/* The inputs of saqr_batch_step_io for aircraft i; a refusal fails it. */
static void apply_inputs(saqr_batch *b, long i)
{
    for (int k = 0; k < b->io.n_in; k++)
        if (fdm_set_property(b->ac[i], b->io.in_slots[k], b->io.in[(size_t)k * (size_t)b->n + (size_t)i]) !=
            SAQR_OK) {
            b->failed[i] = FAILED_NOW;
            return;
        }
}

static void read_outputs(saqr_batch *b, long i)
{
    for (int k = 0; k < b->io.n_out; k++)
        b->io.out[(size_t)k * (size_t)b->n + (size_t)i] = saqr_fdm_get(b->ac[i], b->io.out_slots[k]);
}

/* The next group's memory, loaded a little at each step of this group's
 * last frame in the call (a stage of one aircraft), so that its misses
 * overlap with the whole group's work.  Memory here is ~350 ns away, and
 * a group's prefetches issued all at once, or an aircraft's each during
 * the first stage of the one before, left the cores waiting on it
 * (docs/batch.md, "Prefetching a group ahead"). */
typedef struct {
    const void *start[BATCH_GROUP * FDM_CLONE_RANGES];
    size_t bytes[BATCH_GROUP * FDM_CLONE_RANGES];
    int n, at;        /* ranges, and the one being loaded                */
    size_t off;       /* in it                                           */
    size_t per_step;  /* cache lines a step                              */
} group_prefetch;

static void group_prefetch_start(group_prefetch *gp, const saqr_batch *b, long lo, long hi, long next_hi)
{
    size_t lines = 0;
    gp->n = gp->at = 0;
    gp->off = 0;
    for (long i = hi; i < next_hi; i++) {
        const int k = fdm_clone_ranges(b->ac[i], gp->start + gp->n, gp->bytes + gp->n,
                                       BATCH_GROUP * FDM_CLONE_RANGES - gp->n);
        for (int r = gp->n; r < gp->n + k; r++)
            lines += (gp->bytes[r] + 63) / 64;
        gp->n += k;
    }
    gp->per_step = lines / (size_t)(FDM_FRAME_STAGES * (hi - lo)) + 1;
}

static void group_prefetch_step(group_prefetch *gp)
{
    for (size_t k = 0; k < gp->per_step && gp->at < gp->n; k++) {
        __builtin_prefetch((const char *)gp->start[gp->at] + gp->off);
        gp->off += 64;
        if (gp->off >= gp->bytes[gp->at]) {
            gp->at++;
            gp->off = 0;
        }
    }
}

/* Frames [0, frames) of the call for the group [lo, hi), stage by stage:
 * each stage of a frame (fdm_frame_stage) for the whole group before the
 * next.  Frame 0 applies the call's inputs.  The group's aircraft were
 * prefetched by the group before it (`ahead`), or are prefetched one
 * aircraft ahead at the first stage. */
static void step_stages(saqr_batch *b, long lo, long hi, long part_hi, int frames, int ahead)
{
    group_prefetch gp;
    const long next_hi = hi + BATCH_GROUP < part_hi ? hi + BATCH_GROUP : part_hi;
    group_prefetch_start(&gp, b, lo, hi, next_hi);
    for (int k = 0; k < frames; k++)
        for (int stage = 0; stage < FDM_FRAME_STAGES; stage++)
            for (long i = lo; i < hi; i++) {
                if (b->failed[i])
                    continue;
                if (k == frames - 1)
                    group_prefetch_step(&gp);
                if (k == 0 && stage == 0) {
                    if (!ahead && i + 1 < hi)
                        fdm_clone_prefetch(b->ac[i + 1]);
                    if (i + BATCH_GROUP < next_hi)
                        fdm_clone_prefetch_ground(b->ac[i + BATCH_GROUP]);
                    apply_inputs(b, i);
                    if (b->failed[i])
                        continue;
                }
                if (fdm_frame_stage(b->ac[i], stage) != SAQR_OK)
                    b->failed[i] = FAILED_NOW;
            }
}

/* Whether a call's frames after the first run aircraft by aircraft
 * (saqr_batch_order).  AUTO chooses so for a compiled model (the model as
 * filled) where its frame's code, ~60 kB for a c172x, about fits the
 * first-level instruction cache; where it does not, the stages' reuse of
 * their code across the group wins.  An interpreted model keeps the
 * stages: the interpreter also reads the model's shared expression trees
 * and tables, which a stage reuses across the group too (docs/batch.md,
 * "A call's other frames" and "A processor that decodes the frame"). */
static int frames_by_aircraft(const saqr_batch *b)
{
    if (b->order != SAQR_BATCH_ORDER_AUTO)
        return b->order == SAQR_BATCH_ORDER_AIRCRAFT;
    return b->origin->native && b->l1i_bytes >= 64 * 1024;
}

/* Frames of a group of aircraft [lo, hi).  A call's first frame runs
 * stage by stage, so each stage's code is fetched once for the group
 * while the aircraft come from memory, each prefetched during the one
 * before.  The call's other frames too, or aircraft by aircraft, each
 * one's state moving from the second-level cache into the first and
 * staying there for all its frames (frames_by_aircraft).  Each aircraft
 * runs its own stages and frames in order, so nothing it computes can
 * change. */
static void step_group(saqr_batch *b, long lo, long hi, long part_hi, int ahead)
{
    if (b->frames == 0)
        for (long i = lo; i < hi; i++)
            if (!b->failed[i])
                apply_inputs(b, i);
    const int staged = frames_by_aircraft(b) && b->frames > 1 ? 1 : b->frames;
    step_stages(b, lo, hi, part_hi, staged, ahead);
    for (long i = lo; i < hi; i++)
        for (int k = staged; k < b->frames && !b->failed[i]; k++)
            if (fdm_frame(b->ac[i]) != SAQR_OK)
                b->failed[i] = FAILED_NOW;
    for (long i = lo; i < hi && b->io.n_out > 0; i++)
        read_outputs(b, i);
}

/* One worker's share: aircraft [n*part/nparts, n*(part+1)/nparts). */
static void step_part(void *ctx, int part, int nparts)
{
    saqr_batch *b = ctx;
    const long lo = (long)b->n * part / nparts, hi = (long)b->n * (part + 1) / nparts;
    for (long g = lo; g < hi; g += BATCH_GROUP)
        step_group(b, g, g + BATCH_GROUP < hi ? g + BATCH_GROUP : hi, hi, g > lo);
}

/* Runs b->frames frames with b->io's exchange on the workers; the first
 * aircraft that failed in this run names the error. */
static saqr_status run_step(saqr_batch *b)
{
    worker_pool_run(&b->pool, step_part, b);
    int first = -1;
    for (int i = 0; i < b->n; i++)
        if (b->failed[i] == FAILED_NOW) {
            if (first < 0)
                first = i;
            b->failed[i] = FAILED_BEFORE;
        }
    if (first >= 0)
        return err_set(&b->err, SAQR_EINVAL, "batch step: aircraft %d failed: %s", first,
                       saqr_fdm_error(b->ac[first]));
    return SAQR_OK;
}

/* The most properties one exchange carries each way. */
#define BATCH_MAX_IO 1024

saqr_status saqr_batch_step_io(saqr_batch *b, int frames, int n_in, const int *in_slots, const double *in_values,
                               int n_out, const int *out_slots, double *out_values)
{
    if (!b)
        return SAQR_EINVAL;
    err_clear(&b->err);
    if (b->n == 0)
        return err_set(&b->err, SAQR_ESTATE, "batch step: the batch is empty");
    if (frames < 0)
        return err_set(&b->err, SAQR_EINVAL, "batch step: frame count %d is negative", frames);
    if (n_in < 0 || n_in > BATCH_MAX_IO || n_out < 0 || n_out > BATCH_MAX_IO)
        return err_set(&b->err, SAQR_EINVAL, "batch step: %d inputs and %d outputs (each 0..%d)", n_in, n_out,
                       BATCH_MAX_IO);
    if ((n_in > 0 && !in_slots) || (n_out > 0 && !out_slots))
        return err_set(&b->err, SAQR_EINVAL, "batch step: no array of input or output slots");
    saqr_status st = SAQR_OK;
    for (int k = 0; k < n_in && st == SAQR_OK; k++)
        st = check_inputs(b, in_slots[k], in_values ? in_values + (size_t)k * (size_t)b->n : NULL, 1, "step");
    for (int k = 0; k < n_out && st == SAQR_OK; k++)
        st = check_slot(b, out_slots[k], out_values, "step");
    if (st != SAQR_OK)
        return st;
    b->frames = frames;
    b->io.n_in = n_in;
    b->io.n_out = n_out;
    b->io.in_slots = in_slots;
    b->io.out_slots = out_slots;
    b->io.in = in_values;
    b->io.out = out_values;
    st = run_step(b);
    memset(&b->io, 0, sizeof b->io);
    return st;
}

saqr_status saqr_batch_step(saqr_batch *b, int frames)
{
    return saqr_batch_step_io(b, frames, 0, NULL, NULL, 0, NULL, NULL);
}

int saqr_batch_failed(const saqr_batch *b, int i)
{
    return b && i >= 0 && i < b->n && b->failed[i] != OK_AIRCRAFT;
}
