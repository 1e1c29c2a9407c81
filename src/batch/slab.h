/*
 * slab.h - where a batch's aircraft live: a few large regions taken from
 * the batch's allocator and handed out in order, so that the pieces of one
 * aircraft (handle, property values, model state) sit next to each other
 * and the next aircraft's follow them.  A batch stepped frame by frame
 * reads every aircraft from memory each frame; laid out so, what one frame
 * reads is one run of memory, and regions of megabytes are offered to the
 * kernel for huge pages (madvise, a hint; docs/batch.md).
 *
 * Freed pieces wait on a list by size and go to the next request of the
 * same size (resetting an aircraft frees and asks for the same sizes), so
 * resets do not grow the slab.  slab_release returns every region at once.
 * Allocation takes a lock: the aircraft a batch hands out may allocate
 * from the caller's threads (saqr_fdm_set_dt, ...), never while stepping.
 */
#ifndef SAQR_BATCH_SLAB_H
#define SAQR_BATCH_SLAB_H

#include <pthread.h>
#include <stddef.h>

#include "saqr.h"

typedef struct slab_region slab_region;
typedef struct slab_piece slab_piece;

/* Sizes of freed pieces the slab keeps lists for; a piece of another size
 * once all are taken stays unused until slab_release. */
#define SLAB_SIZE_LISTS 16

typedef struct slab {
    saqr_allocator under;      /* where the regions come from           */
    saqr_allocator as_alloc;   /* this slab as an allocator (slab_allocator) */
    pthread_mutex_t mu;
    slab_region *regions;      /* newest first                          */
    char *next, *end;          /* free space of the newest region       */
    size_t region_bytes;       /* size of the next region               */
    size_t expect;             /* slab_expect's size for it (0: none)   */
    struct {
        size_t size;           /* piece size (0: list unused)            */
        slab_piece *head;
    } freed[SLAB_SIZE_LISTS];
} slab;

/* An empty slab drawing on `under` (NULL: malloc).  SAQR_ENOMEM when the
 * lock cannot be made. */
saqr_status slab_init(slab *s, const saqr_allocator *under);
/* Makes the next region at least `bytes` long (once): what a batch about
 * to take its aircraft expects them to need, so that they fill one region
 * and little of it is left over.  Should `under` refuse that much at once,
 * the slab goes on with regions of its usual sizes (halved while `under`
 * refuses them, down to 1 MB). */
void slab_expect(slab *s, size_t bytes);
/* The slab as an allocator for mem_alloc and the arenas; valid while s
 * stays where it is and until slab_release. */
const saqr_allocator *slab_allocator(slab *s);
/* Returns every region to `under`; every piece is gone with them.  A
 * zeroed or released slab is left as it is. */
void slab_release(slab *s);

#endif
