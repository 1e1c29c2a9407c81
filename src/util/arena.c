/*
 * arena.c - memory of a loaded model (DAVE-ML, JSBSim aircraft): a list of
 * chunks taken from the caller's allocator and released together by
 * arena_free.  Small requests share 32 KiB chunks; a large one (a big
 * table) gets a chunk of its own.  Nothing is freed individually, so a
 * failing load only has to free the arena.
 */
#include "util/arena.h"

#include <stdint.h>
#include <string.h>

#include "util/mem.h"

#define CHUNK_BYTES ((size_t)32 * 1024)
#define ALIGN ((size_t)16)

struct arena_chunk {
    arena_chunk *next;  /* older chunk, NULL for the first                    */
    size_t used;      /* bytes handed out from data                         */
    size_t cap;       /* bytes available in data                            */
    size_t pad_;      /* keeps data 16-byte aligned on 64-bit hosts         */
    unsigned char data[]; /* the memory handed out                          */
};

void *arena_alloc(arena *a, size_t size)
{
    if (size == 0)
        size = 1;
    if (size > SIZE_MAX / 2)
        return NULL;
    size = (size + ALIGN - 1) & ~(ALIGN - 1);
    arena_chunk *c = a->head;
    if (!c || c->cap - c->used < size) {
        const size_t chunk = a->chunk_bytes ? a->chunk_bytes : CHUNK_BYTES;
        /* with the default size a large request gets a chunk of its own;
         * a chosen size is meant to hold everything */
        const size_t own = a->chunk_bytes ? chunk : chunk / 4;
        size_t cap = size > own ? size : chunk;
        arena_chunk *n = mem_alloc(a->alloc, sizeof *n + cap);
        if (!n)
            return NULL;
        n->cap = cap;
        if (cap == size && c) {
            /* A dedicated chunk goes behind the head so the head's free
             * space stays usable for small requests. */
            n->next = c->next;
            c->next = n;
        } else {
            n->next = c;
            a->head = n;
        }
        c = n;
    }
    void *p = c->data + c->used;
    c->used += size;
    memset(p, 0, size);
    return p;
}

void *arena_array(arena *a, size_t count, size_t size)
{
    if (size != 0 && count > (SIZE_MAX / 2) / size)
        return NULL;
    return arena_alloc(a, count * size);
}

char *arena_strdup(arena *a, const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = arena_alloc(a, n);
    if (d)
        memcpy(d, s, n);
    return d;
}

void *arena_dup(arena *a, const void *src, size_t size)
{
    void *d = arena_alloc(a, size ? size : 1);
    if (d && size)
        memcpy(d, src, size);
    return d;
}

size_t arena_bytes(const arena *a)
{
    size_t n = 0;
    for (const arena_chunk *c = a->head; c; c = c->next)
        n += sizeof *c + c->cap;
    return n;
}

size_t arena_used(const arena *a)
{
    size_t n = 0;
    for (const arena_chunk *c = a->head; c; c = c->next)
        n += c->used;
    return n;
}

size_t arena_chunk_request(size_t cap)
{
    return sizeof(arena_chunk) + cap;
}

void arena_free(arena *a)
{
    arena_chunk *c = a->head;
    while (c) {
        arena_chunk *next = c->next;
        mem_free(a->alloc, c);
        c = next;
    }
    a->head = NULL;
}

int arena_ranges(const arena *a, const void **start, size_t *bytes, int max)
{
    int n = 0;
    for (const arena_chunk *c = a->head; c && n < max; c = c->next, n++) {
        start[n] = c->data;
        bytes[n] = c->used;
    }
    return n;
}
