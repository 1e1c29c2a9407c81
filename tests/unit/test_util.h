/*
 * test_util.h - small helpers shared by the cmocka test programs.
 */
#ifndef SAQR_TEST_UTIL_H
#define SAQR_TEST_UTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

/* Saqr's own folders (the Makefile passes them; these are fallbacks). */
#ifndef SAQR_ROOT_DIR
#define SAQR_ROOT_DIR "."
#endif
#ifndef SAQR_DATA_DIR
#define SAQR_DATA_DIR "data"
#endif

/* Root of the shared reference data (../shared unless SAQR_SHARED says). */
static inline const char *test_shared_dir(void)
{
    const char *s = getenv("SAQR_SHARED");
    return (s && *s) ? s : "../shared";
}

/* Writes "<shared>/<rel>" into buf and returns buf. */
static inline const char *test_shared_path(char *buf, size_t n, const char *rel)
{
    snprintf(buf, n, "%s/%s", test_shared_dir(), rel);
    return buf;
}

/* Writes `text` to a new file named from `path` (a mkstemp template such
 * as "/tmp/saqr_x_XXXXXX", rewritten in place); the caller removes it. */
static inline const char *test_write_temp(char *path, const char *text)
{
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *fp = fdopen(fd, "w");
    assert_non_null(fp);
    fputs(text, fp);
    assert_int_equal(fclose(fp), 0);
    return path;
}

/* |a - b| <= tol, with a readable failure. */
#define assert_near(a, b, tol)                                                        \
    do {                                                                              \
        double a_ = (a), b_ = (b), t_ = (tol);                                        \
        if (!(a_ - b_ <= t_ && b_ - a_ <= t_))                                        \
            fail_msg("%s = %.15g, expected %s = %.15g within %.3g", #a, a_, #b, b_, t_); \
    } while (0)

#endif
