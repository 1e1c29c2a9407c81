/*
 * slab.c - the batch's memory (slab.h).
 *
 * A region is one allocation from `under`: a header naming the next
 * region and the allocation's size, then pieces, each a 16-byte header
 * holding its size and then its 16-byte aligned body.  Regions start at
 * 1 MB (or the size slab_expect names) and double up to 64 MB; those of
 * 4 MB or more are aligned to 2 MB and offered for transparent huge
 * pages, which cut the page walks of a frame that reads thousands of
 * aircraft (a hint the kernel may ignore).
 */
#define _DEFAULT_SOURCE /* madvise */
#include "batch/slab.h"

#include <stdint.h>
#include <string.h>
#include <sys/mman.h>

#include "util/mem.h"

/* Under AddressSanitizer the slab marks what is not handed out - the
 * pieces' headers, freed pieces, the rest of a region - as poisoned, so
 * that an aircraft overrunning one piece into the next, or using a piece
 * after a reset freed it, is still caught as with malloc's own pieces. */
#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#define POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define POISON(p, n) ((void)(p), (void)(n))
#define UNPOISON(p, n) ((void)(p), (void)(n))
#endif

#define PIECE_ALIGN 16
#define FIRST_REGION_BYTES ((size_t)1 << 20)
#define MAX_REGION_BYTES ((size_t)64 << 20)
#define HUGE_PAGE_BYTES ((size_t)2 << 20)

struct slab_region {           /* at the start of what `under` returned */
    slab_region *next;
    size_t raw_bytes;
};

typedef struct piece_header {
    size_t size;               /* the body's size, a multiple of 16      */
    size_t pad;
} piece_header;

struct slab_piece {            /* a freed piece's body                   */
    slab_piece *next;
};

static size_t round_up(size_t n, size_t to)
{
    return (n + to - 1) / to * to;
}

/* A new region with room for at least `need` bytes of pieces; 0, or -1
 * when `under` has no memory. */
static int add_region(slab *s, size_t need)
{
    size_t bytes = s->expect ? s->expect : s->region_bytes;
    if (bytes < need)
        bytes = need;
    const int huge = bytes >= 2 * HUGE_PAGE_BYTES;
    const size_t slack = sizeof(slab_region) + (huge ? HUGE_PAGE_BYTES : 64);
    if (bytes > SIZE_MAX - slack)
        return -1;
    char *raw = s->under.alloc(bytes + slack, s->under.ctx);
    if (!raw) { /* too much at once: the usual size, or half of it */
        if (s->expect)
            s->expect = 0;
        else if (s->region_bytes > FIRST_REGION_BYTES && s->region_bytes / 2 >= need)
            s->region_bytes /= 2;
        else
            return -1;
        return add_region(s, need);
    }
    slab_region *r = (slab_region *)raw;
    r->raw_bytes = bytes + slack;
    r->next = s->regions;
    s->regions = r;
    const uintptr_t first = (uintptr_t)(raw + sizeof *r);
    const uintptr_t align = huge ? HUGE_PAGE_BYTES : 64;
    char *start = raw + (round_up((size_t)first, align) - (uintptr_t)raw);
    s->next = start;
    s->end = start + bytes;
    POISON(start, bytes);
#ifdef MADV_HUGEPAGE
    if (huge) /* a hint: refused (memory not from mmap, ...) is no error */
        (void)madvise(start, bytes / HUGE_PAGE_BYTES * HUGE_PAGE_BYTES, MADV_HUGEPAGE);
#endif
    if (s->expect)
        s->expect = 0;
    else if (s->region_bytes < MAX_REGION_BYTES)
        s->region_bytes *= 2;
    return 0;
}

/* The list of freed pieces of `size`, or NULL (create: a free list, if
 * one is left). */
static slab_piece **freed_list(slab *s, size_t size, int create)
{
    for (int i = 0; i < SLAB_SIZE_LISTS; i++)
        if (s->freed[i].size == size)
            return &s->freed[i].head;
    if (create)
        for (int i = 0; i < SLAB_SIZE_LISTS; i++)
            if (s->freed[i].size == 0) {
                s->freed[i].size = size;
                return &s->freed[i].head;
            }
    return NULL;
}

static void *slab_alloc(size_t size_bytes, void *ctx)
{
    slab *s = ctx;
    if (size_bytes > SIZE_MAX / 2)
        return NULL;
    const size_t size = round_up(size_bytes ? size_bytes : 1, PIECE_ALIGN);
    void *body = NULL;
    pthread_mutex_lock(&s->mu);
    slab_piece **list = freed_list(s, size, 0);
    if (list && *list) {
        slab_piece *p = *list;
        UNPOISON(p, size);
        *list = p->next;
        body = p;
    } else {
        const size_t need = sizeof(piece_header) + size;
        if ((size_t)(s->end - s->next) >= need || add_region(s, need) == 0) {
            piece_header *h = (piece_header *)s->next;
            UNPOISON(h, sizeof *h);
            h->size = size;
            POISON(h, sizeof *h); /* the piece's red zone */
            body = h + 1;
            UNPOISON(body, size);
            s->next += need;
        }
    }
    pthread_mutex_unlock(&s->mu);
    return body;
}

static void slab_free(void *ptr, void *ctx)
{
    slab *s = ctx;
    if (!ptr)
        return;
    const piece_header *h = (const piece_header *)ptr - 1;
    pthread_mutex_lock(&s->mu);
    UNPOISON(h, sizeof *h);
    const size_t size = h->size;
    POISON(h, sizeof *h);
    slab_piece **list = freed_list(s, size, 1);
    if (list) {
        slab_piece *p = ptr;
        p->next = *list;
        *list = p;
    }
    POISON(ptr, size);
    pthread_mutex_unlock(&s->mu);
}

saqr_status slab_init(slab *s, const saqr_allocator *under)
{
    memset(s, 0, sizeof *s);
    if (pthread_mutex_init(&s->mu, NULL) != 0)
        return SAQR_ENOMEM;
    s->under = *(under ? under : mem_default());
    s->as_alloc.alloc = slab_alloc;
    s->as_alloc.free = slab_free;
    s->as_alloc.ctx = s;
    s->region_bytes = FIRST_REGION_BYTES;
    return SAQR_OK;
}

void slab_expect(slab *s, size_t bytes)
{
    pthread_mutex_lock(&s->mu);
    s->expect = bytes;
    pthread_mutex_unlock(&s->mu);
}

const saqr_allocator *slab_allocator(slab *s)
{
    return &s->as_alloc;
}

void slab_release(slab *s)
{
    if (!s->as_alloc.alloc) /* never initialised, or released */
        return;
    for (slab_region *r = s->regions, *next; r; r = next) {
        next = r->next;
        UNPOISON(r, r->raw_bytes);
        s->under.free(r, s->under.ctx);
    }
    pthread_mutex_destroy(&s->mu);
    memset(s, 0, sizeof *s);
}
