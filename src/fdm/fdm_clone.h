/*
 * fdm_clone.h - copies of a loaded aircraft that share its read-only data
 * (see fdm_clone.c), the building block of saqr_batch.
 */
#ifndef SAQR_FDM_FDM_CLONE_H
#define SAQR_FDM_FDM_CLONE_H

#include "fdm/fdm_internal.h"

/* A new handle in src's present state (src loaded and initialised),
 * sharing src's read-only data; NULL when memory runs out.  Destroy it
 * with saqr_fdm_destroy before src.  It runs no script, writes no output
 * and refuses to load anything (SAQR_ESTATE).  Its handle, property
 * values and model state come from `alloc`; the state that frames seldom
 * touch from `cold_alloc` (NULL: `alloc`), which a batch keeps apart.  A
 * clone of a clone takes its memory in one piece per arena, sized to the
 * source's. */
saqr_fdm *fdm_clone(const saqr_fdm *src, const saqr_allocator *alloc, const saqr_allocator *cold_alloc);
/* Makes the clone c a fresh clone of src in place (the handle stays the
 * same, so pointers to it stay valid).  SAQR_ENOMEM leaves c as it was. */
saqr_status fdm_clone_reset(saqr_fdm *c, const saqr_fdm *src);
/* What a clone of src asks for, in bytes: from `alloc` (handle, property
 * values, arena) and from `cold_alloc` (fdm_clone). */
void fdm_clone_request_bytes(const saqr_fdm *src, size_t *hot_bytes, size_t *cold_bytes);
/* Memory the clone holds of its own, in bytes. */
size_t fdm_clone_bytes(const saqr_fdm *c);
/* Starts loading the clone's own memory that its next frame will touch
 * (handle, property values, model state) into the caches, while another
 * aircraft steps: a batch of thousands cannot keep them all in cache, and
 * stepping one frame at a time would otherwise wait on memory at every
 * miss (docs/batch.md). */
void fdm_clone_prefetch(const saqr_fdm *c);

/* What fdm_clone_prefetch loads but the ground model's part, as up to
 * `max` ranges (start, bytes), the hottest first; the number written.
 * FDM_CLONE_RANGES hold a clone's (its arena is one chunk). */
#define FDM_CLONE_RANGES 8
int fdm_clone_ranges(const saqr_fdm *c, const void **start, size_t *bytes, int max);

/* The ground model's part of fdm_clone_prefetch alone. */
void fdm_clone_prefetch_ground(const saqr_fdm *c);

#endif
