/*
 * daveml_arena.c - the memory of a loaded DAVE-ML model: a list of chunks
 * taken from the caller's allocator and released together by
 * dml_arena_free.  Small requests share 32 KiB chunks; a large one (a big
 * table) gets a chunk of its own.  Nothing is freed individually, so a
 * failing load only has to free the arena.
 */
#include "load/daveml/daveml_internal.h"

#include <stdint.h>
#include <string.h>

#include "util/mem.h"

#define CHUNK_BYTES ((size_t)32 * 1024)
#define ALIGN ((size_t)16)

struct dml_chunk {
    dml_chunk *next;  /* older chunk, NULL for the first                    */
    size_t used;      /* bytes handed out from data                         */
    size_t cap;       /* bytes available in data                            */
    size_t pad_;      /* keeps data 16-byte aligned on 64-bit hosts         */
    unsigned char data[]; /* the memory handed out                          */
};

void *dml_arena_alloc(dml_arena *a, size_t size)
{
    if (size == 0)
        size = 1;
    if (size > SIZE_MAX / 2)
        return NULL;
    size = (size + ALIGN - 1) & ~(ALIGN - 1);
    dml_chunk *c = a->head;
    if (!c || c->cap - c->used < size) {
        size_t cap = size > CHUNK_BYTES / 4 ? size : CHUNK_BYTES;
        dml_chunk *n = mem_alloc(a->alloc, sizeof *n + cap);
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

void *dml_arena_array(dml_arena *a, size_t count, size_t size)
{
    if (size != 0 && count > (SIZE_MAX / 2) / size)
        return NULL;
    return dml_arena_alloc(a, count * size);
}

char *dml_arena_strdup(dml_arena *a, const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = dml_arena_alloc(a, n);
    if (d)
        memcpy(d, s, n);
    return d;
}

void dml_arena_free(dml_arena *a)
{
    dml_chunk *c = a->head;
    while (c) {
        dml_chunk *next = c->next;
        mem_free(a->alloc, c);
        c = next;
    }
    a->head = NULL;
}
