/*
 * test_slab.c - the memory of a batch's aircraft (src/batch/slab.h):
 * pieces do not overlap and keep what is written to them, pieces of one
 * expected run come from one region in order, a freed piece goes to the
 * next request of its size (so freeing and asking again does not grow the
 * slab), and release gives everything back; an expected run the allocator
 * underneath will not give at once comes in regions of the usual sizes,
 * and a failing allocator gives NULL, not a crash.
 */
#include "test_util.h"

#include <stdint.h>
#include <string.h>

#include "batch/slab.h"
#include "util/mem.h"

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#endif

typedef struct counting {
    long live, calls;   /* regions held, regions ever asked for     */
    int fail;           /* refuse every request                     */
    size_t limit;       /* refuse requests larger (0: no limit)     */
} counting;

static void *count_alloc(size_t n, void *ctx)
{
    counting *c = ctx;
    if (c->fail || (c->limit && n > c->limit))
        return NULL;
    c->live++;
    c->calls++;
    return malloc(n);
}

static void count_free(void *p, void *ctx)
{
    counting *c = ctx;
    if (p)
        c->live--;
    free(p);
}

/* A slab over a counting allocator, and the slab as an allocator. */
typedef struct fixture {
    counting c;
    saqr_allocator under;
    slab s;
} fixture;

static const saqr_allocator *open_slab(fixture *x, int fail)
{
    memset(x, 0, sizeof *x);
    x->c.fail = fail;
    x->under = (saqr_allocator){count_alloc, count_free, &x->c};
    assert_int_equal(slab_init(&x->s, &x->under), SAQR_OK);
    return slab_allocator(&x->s);
}

/* Releases the slab: every region goes back. */
static void close_slab(fixture *x)
{
    slab_release(&x->s);
    assert_int_equal(x->c.live, 0);
}

static void pieces_are_apart_aligned_and_keep_their_contents(void **state)
{
    (void)state;
    slab s;
    assert_int_equal(slab_init(&s, NULL), SAQR_OK);
    const saqr_allocator *a = slab_allocator(&s);
    enum { N = 300 };
    unsigned char *p[N];
    size_t size[N];
    for (int i = 0; i < N; i++) {
        size[i] = (size_t)(1 + (i * 37) % 5000);
        p[i] = a->alloc(size[i], a->ctx);
        assert_non_null(p[i]);
        assert_int_equal((uintptr_t)p[i] % 16, 0);
        memset(p[i], i & 0xff, size[i]);
    }
    for (int i = 0; i < N; i++)
        for (size_t k = 0; k < size[i]; k++)
            if (p[i][k] != (unsigned char)(i & 0xff))
                fail_msg("piece %d byte %zu was overwritten", i, k);
    slab_release(&s);
}

static void an_expected_run_fills_one_region_in_order(void **state)
{
    (void)state;
    fixture x;
    const saqr_allocator *a = open_slab(&x, 0);
    enum { N = 1000, SIZE = 4000 };
    slab_expect(&x.s, N * (SIZE + 32));
    char *prev = NULL;
    for (int i = 0; i < N; i++) {
        char *p = a->alloc(SIZE, a->ctx);
        assert_non_null(p);
        if (prev) /* the next piece right after: header and body */
            assert_ptr_equal(p, prev + SIZE + 16);
        prev = p;
    }
    assert_int_equal(x.c.calls, 1);
    close_slab(&x);
}

static void freed_pieces_serve_requests_of_their_size(void **state)
{
    (void)state;
    fixture x;
    const saqr_allocator *a = open_slab(&x, 0);
    void *keep[3];
    for (int k = 0; k < 3; k++)
        keep[k] = a->alloc(5000 + (size_t)k * 700, a->ctx);
    const long regions = x.c.calls;
    /* an aircraft reset: the same sizes asked for and freed, many times */
    for (int round = 0; round < 100000; round++)
        for (int k = 0; k < 3; k++) {
            void *fresh = a->alloc(5000 + (size_t)k * 700, a->ctx);
            assert_non_null(fresh);
            a->free(keep[k], a->ctx);
            keep[k] = fresh;
        }
    assert_int_equal(x.c.calls, regions);
    /* a freed piece is the next of its size, not of another */
    a->free(keep[1], a->ctx);
    assert_ptr_not_equal(a->alloc(5000, a->ctx), keep[1]);
    assert_ptr_equal(a->alloc(5700, a->ctx), keep[1]);
    close_slab(&x);
}

/* Under AddressSanitizer (the sanitizer build of the tests): the bytes
 * before a piece and after its end, a freed piece and the region's unused
 * rest are poisoned, so overruns and uses after a reset are caught as with
 * malloc's pieces; a piece handed out again is usable. */
static void what_is_not_handed_out_is_poisoned(void **state)
{
    (void)state;
#if defined(__SANITIZE_ADDRESS__)
    fixture x;
    const saqr_allocator *a = open_slab(&x, 0);
    char *p = a->alloc(100, a->ctx), *q = a->alloc(48, a->ctx);
    assert_false(__asan_region_is_poisoned(p, 100));
    assert_true(__asan_address_is_poisoned(p - 1));        /* its header    */
    assert_true(__asan_address_is_poisoned(p + 112));      /* q's header    */
    assert_true(__asan_address_is_poisoned(q + 48));       /* the rest      */
    a->free(p, a->ctx);
    assert_true(__asan_address_is_poisoned(p));
    char *again = a->alloc(100, a->ctx);
    assert_ptr_equal(again, p);
    memset(again, 7, 100);
    close_slab(&x);
#else
    skip();
#endif
}

static void a_large_request_gets_a_region_of_its_own(void **state)
{
    (void)state;
    fixture x;
    const saqr_allocator *a = open_slab(&x, 0);
    const size_t big = (size_t)9 << 20; /* past a region: 2 MB aligned */
    char *p = a->alloc(big, a->ctx);
    assert_non_null(p);
    memset(p, 1, big);
    char *q = a->alloc(100, a->ctx);
    assert_non_null(q);
    assert_true(q + 100 <= p || q >= p + big);
    close_slab(&x);
}

static void an_expected_run_too_large_at_once_comes_in_regions(void **state)
{
    (void)state;
    fixture x;
    const saqr_allocator *a = open_slab(&x, 0);
    x.c.limit = (size_t)8 << 20; /* the allocator refuses more than 8 MB at once */
    enum { N = 5000, SIZE = 4000 };
    slab_expect(&x.s, (size_t)N * (SIZE + 32)); /* ~20 MB */
    for (int i = 0; i < N; i++)
        assert_non_null(a->alloc(SIZE, a->ctx));
    assert_true(x.c.calls > 1);
    close_slab(&x);
}

static void a_failing_allocator_gives_null(void **state)
{
    (void)state;
    fixture x;
    const saqr_allocator *a = open_slab(&x, 1);
    assert_null(a->alloc(64, a->ctx));
    assert_null(a->alloc(SIZE_MAX - 8, a->ctx));
    close_slab(&x);
    slab_release(&x.s); /* a released slab is left as it is */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(pieces_are_apart_aligned_and_keep_their_contents),
        cmocka_unit_test(an_expected_run_fills_one_region_in_order),
        cmocka_unit_test(freed_pieces_serve_requests_of_their_size),
        cmocka_unit_test(what_is_not_handed_out_is_poisoned),
        cmocka_unit_test(a_large_request_gets_a_region_of_its_own),
        cmocka_unit_test(an_expected_run_too_large_at_once_comes_in_regions),
        cmocka_unit_test(a_failing_allocator_gives_null),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
