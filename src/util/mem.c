/*
 * mem.c - allocation through a caller-supplied allocator (see mem.h).
 */
#include "util/mem.h"

#include <stdlib.h>
#include <string.h>

static void *default_alloc(size_t size_bytes, void *ctx)
{
    (void)ctx;
    return malloc(size_bytes);
}

static void default_free(void *ptr, void *ctx)
{
    (void)ctx;
    free(ptr);
}

static const saqr_allocator default_allocator = {default_alloc, default_free, NULL};

const saqr_allocator *mem_default(void)
{
    return &default_allocator;
}

void *mem_alloc(const saqr_allocator *a, size_t size_bytes)
{
    if (!a)
        a = &default_allocator;
    void *p = a->alloc(size_bytes ? size_bytes : 1, a->ctx);
    if (p)
        memset(p, 0, size_bytes ? size_bytes : 1);
    return p;
}

void mem_free(const saqr_allocator *a, void *ptr)
{
    if (!ptr)
        return;
    if (!a)
        a = &default_allocator;
    a->free(ptr, a->ctx);
}

char *mem_strdup(const saqr_allocator *a, const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = mem_alloc(a, n);
    if (d)
        memcpy(d, s, n);
    return d;
}
