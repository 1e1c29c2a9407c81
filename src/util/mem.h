/*
 * mem.h - the one allocation layer of libsaqr.
 *
 * Every allocation goes through a `saqr_allocator`, so a caller (or a test
 * counting allocations) sees all of them.  mem_alloc returns zeroed memory
 * or NULL; mem_free(NULL) is a no-op.
 */
#ifndef SAQR_UTIL_MEM_H
#define SAQR_UTIL_MEM_H

#include "saqr.h"

/* The allocator used when the caller passes NULL: malloc and free. */
const saqr_allocator *mem_default(void);

void *mem_alloc(const saqr_allocator *a, size_t size_bytes);
void mem_free(const saqr_allocator *a, void *ptr);

/* Copies a NUL-terminated string; NULL when memory runs out. */
char *mem_strdup(const saqr_allocator *a, const char *s);

#endif
