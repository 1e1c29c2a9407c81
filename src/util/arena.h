/*
 * arena.h - bump allocation for loaded models.
 *
 * Loaders take all their memory from an arena and release it at once, so a
 * failing load frees one object and nothing is freed piecemeal.
 */
#ifndef SAQR_UTIL_ARENA_H
#define SAQR_UTIL_ARENA_H

#include <stddef.h>

#include "saqr.h"

typedef struct arena_chunk arena_chunk;

typedef struct arena {
    const saqr_allocator *alloc; /* where chunks come from                */
    arena_chunk *head;           /* newest chunk first; NULL when empty   */
    size_t chunk_bytes;          /* size of a new chunk; 0: the default   */
} arena;

/* Zeroed, 16-byte aligned memory living until arena_free; NULL when the
 * allocator fails or `size` overflows. */
void *arena_alloc(arena *a, size_t size);
/* `count` elements of `size` bytes, checking the product for overflow. */
void *arena_array(arena *a, size_t count, size_t size);
/* Copy of a NUL-terminated string; NULL when memory runs out. */
char *arena_strdup(arena *a, const char *s);
/* Releases every chunk; the arena is empty and reusable afterwards. */
void arena_free(arena *a);

/* Copy of `size` bytes at src (which must not be NULL); NULL when memory
 * runs out. */
void *arena_dup(arena *a, const void *src, size_t size);

/* Bytes the arena holds from its allocator (chunks with their headers). */
size_t arena_bytes(const arena *a);
/* Bytes handed out (with alignment), for sizing `chunk_bytes` of an
 * arena that will receive the same allocations. */
size_t arena_used(const arena *a);
/* Bytes an arena asks its allocator for to make a chunk of `cap` bytes. */
size_t arena_chunk_request(size_t cap);

/* The arena's used memory as up to `max` ranges (start, bytes), newest
 * chunk first; the number written. */
int arena_ranges(const arena *a, const void **start, size_t *bytes, int max);

#endif
