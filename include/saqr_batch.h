/*
 * saqr_batch.h - many JSBSim-format aircraft stepped together.
 *
 * A batch holds N aircraft made from one loaded saqr_fdm (the "model"):
 * each starts as a copy of the model's present state (after saqr_fdm_init
 * and any trim) and shares the model's read-only data - tables, function
 * programs, the flight-control component graph, property names - so an
 * additional aircraft costs only its own state
 * (saqr_batch_bytes_per_aircraft).  Inputs and outputs travel as arrays
 * of N doubles, one per aircraft, by property slot (saqr_fdm_property on
 * the model).  saqr_batch_step steps every aircraft on a fixed pool of
 * worker threads; the aircraft never touch each other, so the results are
 * bit-identical to stepping each aircraft alone, whatever the number of
 * threads.  Stepping allocates nothing, does no I/O and reads no clock.
 *
 * Typical use:
 *   saqr_fdm *m = saqr_fdm_create(NULL);
 *   saqr_fdm_load_aircraft(m, root, "c172x");
 *   saqr_fdm_load_initfile(m, "reset01");
 *   saqr_fdm_init(m);
 *   saqr_batch *b = saqr_batch_create(NULL);
 *   saqr_batch_fill(b, m, 10000, 0);
 *   int elev = saqr_fdm_property(m, "fcs/elevator-cmd-norm");
 *   saqr_batch_set(b, elev, elevator_by_aircraft);
 *   saqr_batch_step(b, 120);
 *   saqr_batch_get(b, saqr_fdm_property(m, "position/h-sl-ft"), alt_ft);
 *   saqr_batch_destroy(b);       (before the model)
 *   saqr_fdm_destroy(m);
 *
 * The model must outlive the batch and must not be loaded again while the
 * batch exists; it may itself be stepped (it is not one of the N).  A
 * model's script and output directives are not copied: batch aircraft run
 * no script and write no files.
 */
#ifndef SAQR_BATCH_H
#define SAQR_BATCH_H

#include "saqr.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct saqr_batch saqr_batch;

/* An empty batch; NULL on out-of-memory.  `alloc` NULL: malloc. */
saqr_batch *saqr_batch_create(const saqr_allocator *alloc);
/* Stops the worker threads and frees every aircraft. */
void saqr_batch_destroy(saqr_batch *batch);
/* Message of the last failure. */
const char *saqr_batch_error(const saqr_batch *batch);

/* Makes `n` aircraft (1..1,000,000) from `model`, which must be loaded and
 * initialised (SAQR_ESTATE otherwise), and starts `threads` worker threads
 * (0: one per online processor; at most 256).  Once per batch
 * (SAQR_ESTATE on a second call); on failure the batch stays empty. */
saqr_status saqr_batch_fill(saqr_batch *batch, const saqr_fdm *model, int n, int threads);

int saqr_batch_size(const saqr_batch *batch);
int saqr_batch_threads(const saqr_batch *batch);
/* Memory of one aircraft beyond the shared model, in bytes. */
size_t saqr_batch_bytes_per_aircraft(const saqr_batch *batch);

/* Aircraft i, for set-up one by one (saqr_fdm_set, saqr_fdm_init,
 * saqr_fdm_trim, saqr_fdm_get); NULL when i is out of range.  Do not
 * destroy it, and do not use it while saqr_batch_step runs. */
saqr_fdm *saqr_batch_aircraft(saqr_batch *batch, int i);
/* Puts aircraft i back to the model's state as it was at saqr_batch_fill
 * (an episode's reset); its failure, if any, is cleared.  The handle
 * saqr_batch_aircraft returned stays valid.  A set-up call: it allocates
 * the aircraft's state anew (SAQR_ENOMEM leaves the aircraft as it was). */
saqr_status saqr_batch_reset(saqr_batch *batch, int i);

/* Sets property `slot` of every aircraft: values[i] for aircraft i.
 * SAQR_EINVAL, changing nothing, for a bad slot, a read-only property or
 * a value that is not finite (the message names the aircraft).  A value
 * an aircraft's property refuses after those checks (its own range, as
 * simulation/randomseed's) gives SAQR_EINVAL naming the first aircraft
 * that refused; every aircraft before it took its value, and in a batch
 * of 4,096 or more, which sets on every worker, others after it may have.
 * Reading (saqr_batch_get) is spread over the workers the same way. */
saqr_status saqr_batch_set(saqr_batch *batch, int slot, const double *values);
/* Same value for every aircraft. */
saqr_status saqr_batch_set_all(saqr_batch *batch, int slot, double value);
/* Reads property `slot` of every aircraft into out[0..n) (a failure leaves
 * its message in the batch). */
saqr_status saqr_batch_get(saqr_batch *batch, int slot, double *out);

/* Steps every aircraft `frames` frames.  An aircraft whose step fails
 * (its state is no longer finite) stops there and is skipped afterwards
 * until it is reset; the call then returns SAQR_EINVAL naming the first
 * such aircraft, after the others have stepped. */
saqr_status saqr_batch_step(saqr_batch *batch, int frames);
/* One turn of a real-time or learning loop, as saqr_batch_set for each
 * input, saqr_batch_step and saqr_batch_get for each output would do it,
 * with the same results: sets n_in properties of every aircraft
 * (in_values[k * N + i]: property in_slots[k] of aircraft i), steps
 * `frames` frames (0: none), then reads n_out properties into out_values
 * (out_values[k * N + i]).  Each aircraft's inputs are written by the
 * worker that steps it just before its first frame, and its outputs read
 * just after its last, while its memory is in the caches: one pass over
 * the batch's memory instead of n_in + 1 + n_out.  SAQR_EINVAL, changing
 * nothing, for a bad count, slot or array, a read-only input or a value
 * that is not finite; an aircraft that refuses its input (a property's
 * own range, as simulation/randomseed's) fails as in saqr_batch_step.
 * Outputs are read for every aircraft, failed ones included. */
saqr_status saqr_batch_step_io(saqr_batch *batch, int frames, int n_in, const int *in_slots,
                               const double *in_values, int n_out, const int *out_slots, double *out_values);
/* The order in which a worker runs a call's frames over its group of 16
 * aircraft.  The results are the same bits in every order; only the speed
 * differs, with the machine (docs/batch.md, "A processor that decodes
 * the frame").
 *   SAQR_BATCH_ORDER_AUTO      STAGES, except that a compiled model runs
 *                              AIRCRAFT on a processor whose first-level
 *                              instruction cache holds 64 kB or more
 *   SAQR_BATCH_ORDER_STAGES    every frame stage by stage across the
 *                              group: each stage's code is fetched once
 *                              for the group
 *   SAQR_BATCH_ORDER_AIRCRAFT  the first frame stage by stage, the rest
 *                              aircraft by aircraft: each aircraft's state
 *                              stays in the first-level data cache
 * The default is AUTO.  SAQR_EINVAL for a value not listed. */
typedef enum saqr_batch_order {
    SAQR_BATCH_ORDER_AUTO = 0,
    SAQR_BATCH_ORDER_STAGES = 1,
    SAQR_BATCH_ORDER_AIRCRAFT = 2
} saqr_batch_order;
saqr_status saqr_batch_set_order(saqr_batch *batch, saqr_batch_order order);
/* Non-zero when aircraft i has failed (see saqr_batch_step). */
int saqr_batch_failed(const saqr_batch *batch, int i);

#ifdef __cplusplus
}
#endif
#endif /* SAQR_BATCH_H */
