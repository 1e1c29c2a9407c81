/*
 * engine_steady.c - an engine run to its steady state, as JSBSim's
 * FGPropulsion::GetSteadyState does (trims, InitRunning): step the engine
 * at dt = 0.5 s until its thrust has changed by less than 1e-4 lbf for 120
 * steps running, or 6000 steps.
 *
 * The same result with less work.  At fixed inputs an engine's step maps
 * its state (its records and the properties its functions write) to the
 * next, and at dt = 0.5 s the map often ends, to
 * the last bit, in a fixed point or in a cycle of 2 or 4 states (the
 * propeller's speed overshooting) after 30-60 steps; the rest of the 6000
 * steps (when the thrust swings by more than 1e-4 lbf in the cycle) then
 * repeat known states.  A turbine in a trim reaches its fixed point in
 * one step (its spools are set to the throttle's speeds) and then counts
 * the 120 steps.  Only a piston's temperatures and oil pressure keep
 * moving: they follow the other results and nothing reads them
 * (engine_state_regions' thermal part).
 *
 * Every 8 steps the state is copied; a later state whose other bytes equal
 * the copy's proves a cycle of that period, since the step is a pure
 * function of those bytes and the fixed inputs.  One more period of real
 * steps records the cycle's states and what their thermal parts read;
 * from there each step runs the thermal part alone on its state's inputs,
 * until the loop's rule stops it, and the records take that state's
 * other bytes.  The final state, and everything computed from it, is
 * bit-identical to stepping all the way.
 */
#include <math.h>
#include <string.h>

#include "fdm/propulsion_internal.h"

#define SETTLE_MAX_STEPS 6000
#define SETTLE_STEADY_STEPS 120
#define SETTLE_TOLERANCE_LBS 0.0001
#define CYCLE_CHECK_EVERY 8       /* cycles up to this period are found */
#define STATE_BYTES_MAX 2048      /* larger states are stepped in full  */
#define SLOT_BYTES sizeof(double) /* a property value in a copy      */

typedef struct state_copy {
    unsigned char bytes[STATE_BYTES_MAX];
    double thrust_lbs;
} state_copy;

static int state_fits(const engine_state_regions_t *st)
{
    size_t total = (size_t)st->nslots * SLOT_BYTES;
    for (int i = 0; i < st->n; i++)
        total += st->size[i];
    return st->n > 0 && total <= STATE_BYTES_MAX;
}

/* The records, then the property slots the engine writes. */
static void state_take(const engine_state_regions_t *st, const engine *e, const double *v, state_copy *c)
{
    unsigned char *dst = c->bytes;
    for (int i = 0; i < st->n; i++) {
        memcpy(dst, st->ptr[i], st->size[i]);
        dst += st->size[i];
    }
    for (int i = 0; i < st->nslots; i++, dst += SLOT_BYTES)
        memcpy(dst, &v[st->slot[i]], SLOT_BYTES);
    c->thrust_lbs = e->thr.thrust_lbs;
}

/* Whether the copy's bytes outside the thermal part equal the records'. */
static int same_but_thermal(const engine_state_regions_t *st, const state_copy *c, const double *v)
{
    const unsigned char *src = c->bytes;
    for (int i = 0; i < st->n; i++) {
        const unsigned char *rec = st->ptr[i];
        size_t size = st->size[i];
        if (i == st->thermal_region) {
            size_t after = st->thermal_offset + st->thermal_size;
            if (memcmp(src, rec, st->thermal_offset) != 0 || memcmp(src + after, rec + after, size - after) != 0)
                return 0;
        } else if (memcmp(src, rec, size) != 0) {
            return 0;
        }
        src += size;
    }
    for (int i = 0; i < st->nslots; i++, src += SLOT_BYTES)
        if (memcmp(src, &v[st->slot[i]], SLOT_BYTES) != 0)
            return 0;
    return 1;
}

/* The settling rule on one more thrust; returns 1 when the loop stops. */
static int settled(double *current, double thrust, int *steady_count)
{
    double last = *current;
    *current = thrust;
    if (fabs(last - thrust) < SETTLE_TOLERANCE_LBS)
        return ++*steady_count > SETTLE_STEADY_STEPS;
    *steady_count = 0;
    return 0;
}

/* The loop from step `next` on, the state now repeating with `period`
 * (period <= CYCLE_CHECK_EVERY).  One period of full runs records the
 * cycle's states and what each state's thermal part reads; then each step
 * runs the thermal part alone on the inputs of its state of the cycle,
 * and when the loop's rule stops, the records take the last state's other
 * bytes.  Returns the full runs it made. */
static int follow_cycle(propulsion *p, engine *e, double *v, const engine_state_regions_t *st, int next,
                        int period, double *current, int *steady_count)
{
    state_copy cycle[CYCLE_CHECK_EVERY];
    piston_thermal_in thermal_in[CYCLE_CHECK_EVERY];
    int steps = 0;
    for (int k = 0; k < period && next < SETTLE_MAX_STEPS; k++, next++) {
        propulsion_calculate_engine(p, e, v);
        steps++;
        state_take(st, e, v, &cycle[k]);
        /* nothing after the thermal part of a run changes what it read */
        engine_thermal_inputs(e, &p->in, &thermal_in[k]);
        if (settled(current, e->thr.thrust_lbs, steady_count))
            return steps;
    }
    if (next >= SETTLE_MAX_STEPS)
        return steps;

    int last = 0;
    for (int k = 0; next < SETTLE_MAX_STEPS; next++, k = (k + 1) % period) {
        engine_thermal_apply(e, &thermal_in[k]);
        last = k;
        if (settled(current, cycle[k].thrust_lbs, steady_count))
            break;
    }

    /* the records and properties of state `last`, but its thermal part */
    const unsigned char *src = cycle[last].bytes;
    for (int i = 0; i < st->n; i++) {
        unsigned char *rec = (unsigned char *)st->ptr[i];
        size_t size = st->size[i];
        if (i == st->thermal_region) {
            size_t after = st->thermal_offset + st->thermal_size;
            memcpy(rec, src, st->thermal_offset);
            memcpy(rec + after, src + after, size - after);
        } else {
            memcpy(rec, src, size);
        }
        src += size;
    }
    for (int i = 0; i < st->nslots; i++, src += SLOT_BYTES)
        memcpy(&v[st->slot[i]], src, SLOT_BYTES);
    return steps;
}

int engine_settle(propulsion *p, engine *e, double *v, int find_cycles)
{
    engine_state_regions_t st;
    find_cycles = find_cycles && engine_state_regions(e, &st) > 0 && state_fits(&st);
    state_copy copy;
    int copied_at = -1, steady_count = 0, steps = 0;
    double current = 0.0;
    for (int j = 0; j < SETTLE_MAX_STEPS; j++) {
        propulsion_calculate_engine(p, e, v);
        steps++;
        if (settled(&current, e->thr.thrust_lbs, &steady_count))
            break;
        if (!find_cycles)
            continue;
        if (copied_at >= 0 && e->thr.thrust_lbs == copy.thrust_lbs && same_but_thermal(&st, &copy, v))
            return steps + follow_cycle(p, e, v, &st, j + 1, j - copied_at, &current, &steady_count);
        if ((j + 1) % CYCLE_CHECK_EVERY == 0) {
            state_take(&st, e, v, &copy);
            copied_at = j;
        }
    }
    return steps;
}
