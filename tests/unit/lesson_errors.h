/*
 * lesson_errors.h - a lesson text with one mistake put in must fail to
 * read, with a message naming "t.xml:LINE" and saying what; a good one
 * must read.  Include once per test file, after cmocka.
 */
#ifndef SAQR_TEST_LESSON_ERRORS_H
#define SAQR_TEST_LESSON_ERRORS_H

#include <stdio.h>
#include <string.h>

#include "train/lesson.h"

/* Reads lesson `text` (named "t.xml"), which must read, into *l. */
static inline void lesson_parse_or_fail(const char *text, lesson *l)
{
    saqr_err err;
    err_clear(&err);
    if (lesson_parse_memory(text, strlen(text), "t.xml", l, &err))
        fail_msg("%s", err.msg);
}

/* Replaces the first `from` in `good` with `to` and expects an error
 * naming line `line` and containing `what`. */
static inline void expect_lesson_error(const char *good, const char *from, const char *to, int line,
                                       const char *what)
{
    char text[8192];
    const char *at = strstr(good, from);
    assert_non_null(at);
    snprintf(text, sizeof text, "%.*s%s%s", (int)(at - good), good, to, at + strlen(from));
    lesson l;
    saqr_err err;
    err_clear(&err);
    int st = lesson_parse_memory(text, strlen(text), "t.xml", &l, &err);
    lesson_free(&l);
    if (st != SAQR_EPARSE)
        fail_msg("no error for %s -> %s", from, to);
    char want[32];
    snprintf(want, sizeof want, "t.xml:%d", line);
    if (!strstr(err.msg, want) || !strstr(err.msg, what))
        fail_msg("message \"%s\" lacks \"%s\" / \"%s\"", err.msg, want, what);
}

/* `good` with its <route> moved after the exercises (just before
 * </lesson>), into text[n]. */
static inline void lesson_route_last(const char *good, char *text, size_t n)
{
    const char *route = strstr(good, "  <route"), *route_end = strstr(good, "  </route>\n");
    const char *close = strstr(good, "</lesson>");
    assert_true(route && route_end && close);
    route_end += strlen("  </route>\n");
    snprintf(text, n, "%.*s%.*s%.*s</lesson>\n", (int)(route - good), good, (int)(close - route_end), route_end,
             (int)(route_end - route), route);
}

/* `text` fails to read, with a message containing `what`. */
static inline void expect_lesson_text_error(const char *text, const char *what)
{
    lesson l;
    saqr_err err;
    err_clear(&err);
    assert_int_equal(lesson_parse_memory(text, strlen(text), "t.xml", &l, &err), SAQR_EPARSE);
    if (!strstr(err.msg, what))
        fail_msg("message \"%s\" lacks \"%s\"", err.msg, what);
    lesson_free(&l);
}

#endif
