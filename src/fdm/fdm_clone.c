/*
 * fdm_clone.c - one more aircraft from a loaded one, for a batch
 * (include/saqr_batch.h).
 *
 * A loaded saqr_fdm mixes read-only data (function programs, tables, the
 * FCS component graph, conditions, property names) with state.  Every
 * loaded structure lives in the handle's arena; the state sits in the
 * property values, in the handle itself and in some model records.  A
 * clone is a struct copy of the handle whose property tree borrows the
 * names and owns its values, and whose models are copies of their state
 * records made by each model (X_clone) pointing at the shared read-only
 * data.  Scripts and output directives are not copied.  The source must
 * stay loaded while clones exist; nothing in a clone writes to it (table
 * lookups update their interval hints atomically, which is harmless:
 * results never depend on them).
 */
#include <stddef.h>
#include <string.h>

#include "fdm/aero.h"
#include "fdm/buoyancy.h"
#include "fdm/external.h"
#include "fdm/fcs.h"
#include "fdm/fdm_clone.h"
#include "fdm/ground.h"
#include "fdm/ic_model.h"
#include "fdm/mass.h"
#include "fdm/propulsion.h"
#include "util/mem.h"

/* The models of src, copied into c's arenas; -1 when memory runs out. */
static int clone_models(saqr_fdm *c, const saqr_fdm *src)
{
    arena *ar = &c->ar, *cold = &c->ar_cold;
    if ((src->mass && !(c->mass = mass_clone(ar, src->mass))) ||
        (src->aero && !(c->aero = aero_clone(ar, src->aero))) ||
        (src->prop && !(c->prop = propulsion_clone(ar, src->prop))) ||
        (src->gnd && !(c->gnd = ground_clone(ar, cold, src->gnd))) ||
        (src->fcs && !(c->fcs = fcs_clone(ar, cold, &c->props, src->fcs))) ||
        (src->ext && !(c->ext = external_clone(ar, src->ext))) ||
        (src->buoy && !(c->buoy = buoyancy_clone(ar, src->buoy))) ||
        (src->ic && !(c->ic = arena_dup(cold, src->ic, sizeof *src->ic)))) /* read at a reset */
        return -1;
    return 0;
}

/* An arena for a clone: its first chunk sized to what the same arena of
 * src (itself a clone) holds, so that a batch's aircraft each take one
 * chunk of each, with nothing to spare. */
static void clone_arena(arena *a, const saqr_allocator *alloc, const saqr_fdm *src, const arena *same)
{
    a->alloc = alloc;
    a->head = NULL;
    a->chunk_bytes = src->is_clone ? arena_used(same) : 0;
}

/* Makes *c a clone of src (c's previous contents are overwritten, not
 * freed).  Returns 0, or -1 when memory runs out (c then holds nothing). */
static int clone_into(saqr_fdm *c, const saqr_fdm *src, const saqr_allocator *alloc,
                      const saqr_allocator *cold_alloc)
{
    *c = *src;
    c->alloc = *alloc;
    c->alloc_cold = *cold_alloc;
    clone_arena(&c->ar, &c->alloc, src, &src->ar);
    clone_arena(&c->ar_cold, &c->alloc_cold, src, &src->ar_cold);
    c->log = NULL;
    c->log_user = NULL;
    memset(&c->err, 0, sizeof c->err);
    c->scr = NULL;
    c->outs = NULL;
    c->templates = NULL; /* the model's, for loading only */
    c->is_clone = 1;
    if (prop_tree_share(&c->props, &src->props, &c->alloc) != SAQR_OK)
        return -1;
    if (clone_models(c, src)) {
        prop_tree_free(&c->props);
        arena_free(&c->ar);
        arena_free(&c->ar_cold);
        return -1;
    }
    c->ar.chunk_bytes = 0;  /* later allocations (saqr_fdm_set_dt) as usual */
    c->ar_cold.chunk_bytes = 0;
    return 0;
}

saqr_fdm *fdm_clone(const saqr_fdm *src, const saqr_allocator *alloc, const saqr_allocator *cold_alloc)
{
    saqr_fdm *c = mem_alloc(alloc, sizeof *c);
    if (c && clone_into(c, src, alloc, cold_alloc ? cold_alloc : alloc)) {
        mem_free(alloc, c);
        return NULL;
    }
    return c;
}

saqr_status fdm_clone_reset(saqr_fdm *c, const saqr_fdm *src)
{
    /* the old contents' memory is reached through chunk and array
     * pointers, and its allocator pointers name c->alloc and
     * c->alloc_cold, which the new contents keep: freeing through the copy
     * afterwards is sound */
    saqr_fdm old = *c;
    const saqr_allocator alloc = c->alloc, cold_alloc = c->alloc_cold;
    if (clone_into(c, src, &alloc, &cold_alloc)) {
        *c = old;
        return SAQR_ENOMEM;
    }
    prop_tree_free(&old.props);
    arena_free(&old.ar);
    arena_free(&old.ar_cold);
    return SAQR_OK;
}

void fdm_clone_request_bytes(const saqr_fdm *src, size_t *hot_bytes, size_t *cold_bytes)
{
    const size_t hot = arena_used(&src->ar), cold = arena_used(&src->ar_cold);
    *hot_bytes = sizeof *src + (size_t)(src->props.count > 0 ? src->props.count : 1) * sizeof *src->props.v +
                 (hot ? arena_chunk_request(hot) : 0);
    *cold_bytes = cold ? arena_chunk_request(cold) : 0;
}

size_t fdm_clone_bytes(const saqr_fdm *c)
{
    return sizeof *c + arena_bytes(&c->ar) + arena_bytes(&c->ar_cold) +
           (size_t)c->props.count * sizeof *c->props.v;
}

/* What of the clone the next frame will touch, near enough: the handle up
 * to its cold tail (and the turbulence generator while it runs), the
 * property values and the arena; the ground model names what it reads of
 * the cold arena itself.  Prefetching all of a c172x clone (some 330 cache
 * lines, of which a frame touches 180) made a batch stepped frame by frame
 * wait on the memory's bandwidth (docs/batch.md). */
int fdm_clone_ranges(const saqr_fdm *c, const void **start, size_t *bytes, int max)
{
    int n = 0;
    if (n < max) {
        start[n] = c;
        bytes[n++] = offsetof(saqr_fdm, cold_tail);
    }
    if (c->turb.on && n < max) {
        start[n] = &c->turb_dryden;
        bytes[n++] = sizeof c->turb_dryden;
    }
    if (n < max) {
        start[n] = c->props.v;
        bytes[n++] = (size_t)c->props.count * sizeof *c->props.v;
    }
    return n + arena_ranges(&c->ar, start + n, bytes + n, max - n);
}

void fdm_clone_prefetch_ground(const saqr_fdm *c)
{
    if (c->gnd)
        ground_prefetch(c->gnd, c->props.v);
}

void fdm_clone_prefetch(const saqr_fdm *c)
{
    const void *start[FDM_CLONE_RANGES];
    size_t bytes[FDM_CLONE_RANGES];
    const int n = fdm_clone_ranges(c, start, bytes, FDM_CLONE_RANGES);
    for (int k = 0; k < n; k++)
        mem_prefetch(start[k], bytes[k]);
    fdm_clone_prefetch_ground(c);
}
