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
        size_t cap = size > CHUNK_BYTES / 4 ? size : CHUNK_BYTES;
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
