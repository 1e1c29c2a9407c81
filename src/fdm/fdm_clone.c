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

/* The models of src, copied into c's arena; -1 when memory runs out. */
static int clone_models(saqr_fdm *c, const saqr_fdm *src)
{
    arena *ar = &c->ar;
    if ((src->mass && !(c->mass = mass_clone(ar, src->mass))) ||
        (src->aero && !(c->aero = aero_clone(ar, src->aero))) ||
        (src->prop && !(c->prop = propulsion_clone(ar, src->prop))) ||
        (src->gnd && !(c->gnd = ground_clone(ar, src->gnd))) ||
        (src->fcs && !(c->fcs = fcs_clone(ar, &c->props, src->fcs))) ||
        (src->ext && !(c->ext = external_clone(ar, src->ext))) ||
        (src->buoy && !(c->buoy = buoyancy_clone(ar, src->buoy))) ||
        (src->ic && !(c->ic = arena_dup(ar, src->ic, sizeof *src->ic))))
        return -1;
    return 0;
}

/* Makes *c a clone of src (c's previous contents are overwritten, not
 * freed).  Returns 0, or -1 when memory runs out (c then holds nothing). */
static int clone_into(saqr_fdm *c, const saqr_fdm *src, const saqr_allocator *alloc,
                      size_t arena_bytes_hint)
{
    *c = *src;
    c->alloc = *alloc;
    c->ar.alloc = &c->alloc;
    c->ar.head = NULL;
    c->ar.chunk_bytes = arena_bytes_hint;
    c->log = NULL;
    c->log_user = NULL;
    memset(&c->err, 0, sizeof c->err);
    c->scr = NULL;
    c->outs = NULL;
    c->templates = NULL; /* the model's, for loading only */
    c->is_clone = 1;
    if (prop_tree_share(&c->props, &src->props, &c->alloc) != SAQR_OK) {
        arena_free(&c->ar);
        return -1;
    }
    if (clone_models(c, src)) {
        prop_tree_free(&c->props);
        arena_free(&c->ar);
        return -1;
    }
    c->ar.chunk_bytes = 0;  /* later allocations (saqr_fdm_set_dt) as usual */
    return 0;
}

saqr_fdm *fdm_clone(const saqr_fdm *src, const saqr_allocator *alloc, size_t arena_bytes_hint)
{
    saqr_fdm *c = mem_alloc(alloc, sizeof *c);
    if (c && clone_into(c, src, alloc, arena_bytes_hint)) {
        mem_free(alloc, c);
        return NULL;
    }
    return c;
}

saqr_status fdm_clone_reset(saqr_fdm *c, const saqr_fdm *src, size_t arena_bytes_hint)
{
    /* the old contents' memory is reached through chunk and array
     * pointers, and its allocator pointers name c->alloc, which the new
     * contents keep: freeing through the copy afterwards is sound */
    saqr_fdm old = *c;
    const saqr_allocator alloc = c->alloc;
    if (clone_into(c, src, &alloc, arena_bytes_hint)) {
        *c = old;
        return SAQR_ENOMEM;
    }
    prop_tree_free(&old.props);
    arena_free(&old.ar);
    return SAQR_OK;
}

size_t fdm_clone_arena_used(const saqr_fdm *c)
{
    return arena_used(&c->ar);
}

size_t fdm_clone_bytes(const saqr_fdm *c)
{
    return sizeof *c + arena_bytes(&c->ar) + (size_t)c->props.count * sizeof *c->props.v;
}

void fdm_clone_prefetch(const saqr_fdm *c)
{
    mem_prefetch(c, sizeof *c);
    mem_prefetch(c->props.v, (size_t)c->props.count * sizeof *c->props.v);
    arena_prefetch(&c->ar);
}
