/*
 * mem.h - the one allocation layer of libsaqr.
 *
 * Every allocation goes through a `saqr_allocator`, so a caller (or a test
 * counting allocations) sees all of them.  mem_alloc returns zeroed memory
 * or NULL; mem_free(NULL) is a no-op.
 */
#ifndef SAQR_UTIL_MEM_H
#define SAQR_UTIL_MEM_H

#include <stdint.h>
#include <string.h>

#include "saqr.h"

/* The allocator used when the caller passes NULL: malloc and free. */
const saqr_allocator *mem_default(void);

void *mem_alloc(const saqr_allocator *a, size_t size_bytes);
void mem_free(const saqr_allocator *a, void *ptr);

/* Copies a NUL-terminated string; NULL when memory runs out. */
char *mem_strdup(const saqr_allocator *a, const char *s);

/* Asks the processor to start loading `size` bytes at p into its caches,
 * a cache line at a time (a hint: nothing is read or changed). */
static inline void mem_prefetch(const void *p, size_t size)
{
    for (size_t off = 0; off < size; off += 64)
        __builtin_prefetch((const char *)p + off);
}

/* Whether n doubles at a and b have the same bits (a memo's key check:
 * -0 and +0 differ, a NaN equals itself).  Word compares the compiler
 * keeps inline, where a memcmp of a runtime size - or, in the profile-
 * guided build, sometimes a constant one - is a library call. */
static inline int mem_same_doubles(const double *a, const double *b, size_t n)
{
    uint64_t diff = 0;
    for (size_t i = 0; i < n; i++) {
        uint64_t x, y;
        memcpy(&x, &a[i], sizeof x);
        memcpy(&y, &b[i], sizeof y);
        diff |= x ^ y;
    }
    return diff == 0;
}

#endif
