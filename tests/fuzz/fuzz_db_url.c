// repo-seeds: tests/fuzz/corpus/fuzz_db_url/*
/*
 * fuzz_db_url.c - libFuzzer driver for the records database's pure
 * parsers (src/records/db_internal.h): rdb_parse_url on any text gives a
 * URL whose parts are consistent and whose shown form carries no
 * password, or an explanation; rdb_pg_placeholders on the same text
 * gives a statement with exactly as many $n as it counts, or an
 * explanation.  Never a crash, a leak or undefined behaviour.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "records/db_internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The password of a postgres URL's user:password@: from the first ':'
 * to the last '@' of the part before the first '/' or '?'.  Sets *at and
 * *len; *len is 0 when there is none. */
static void password_span(const char *url, size_t *at, size_t *len)
{
    *at = *len = 0;
    /* only a postgres URL has one: any other text is a file's path, shown
     * in errors as given */
    const char *rest = NULL;
    if (strncmp(url, "postgres://", 11) == 0)
        rest = url + 11;
    else if (strncmp(url, "postgresql://", 13) == 0)
        rest = url + 13;
    if (!rest)
        return;
    size_t auth = strcspn(rest, "/?");
    const char *last = NULL;
    for (size_t i = 0; i < auth; i++)
        if (rest[i] == '@')
            last = rest + i;
    const char *colon = last ? memchr(rest, ':', (size_t)(last - rest)) : NULL;
    if (colon) {
        *at = (size_t)(colon + 1 - url);
        *len = (size_t)(last - colon) - 1;
    }
}

static void check_url(const char *text)
{
    static rdb_url u, v; /* large; not kept between inputs */
    static char other[3 * RDB_URL_MAX + 1];
    saqr_err err = {{0}}, err2 = {{0}};
    /* the same URL with another password: what is shown must not change */
    size_t at, len;
    password_span(text, &at, &len);
    snprintf(other, sizeof other, "%s", text);
    memset(other + at, other[at] == 'Y' ? 'Z' : 'Y', len);
    saqr_status st = rdb_parse_url(text, &u, &err);
    saqr_status st2 = rdb_parse_url(other, &v, &err2);
    if (st != st2 || (len > 0 && strcmp(err.msg, err2.msg) != 0))
        abort(); /* the password changes nothing but itself */
    if (st != SAQR_OK) {
        if (err.msg[0] == '\0')
            abort(); /* every failure explains itself */
        return;
    }
    if (u.kind == RDB_SQLITE) {
        if (u.path[0] == '\0' || u.conninfo[0] != '\0')
            abort();
        return;
    }
    if (u.kind != RDB_POSTGRES || u.dbname[0] == '\0' || !strstr(u.conninfo, "connect_timeout="))
        abort();
    if (strncmp(u.conninfo, text, strlen(text)) != 0)
        abort(); /* libpq gets the URL as written */
    if (len > 0 && strcmp(u.shown, v.shown) != 0)
        abort(); /* the shown URL does not depend on the password */
    const char *query = strchr(u.shown, '?');
    if (query && (strncmp(query, "?password=", 10) == 0 || strstr(query, "&password=")))
        abort(); /* no password= parameter */
}

static void check_placeholders(const char *text, size_t len)
{
    size_t size = len * 6 + 1;
    char *out = malloc(size);
    if (!out)
        return;
    int count = -1;
    saqr_err err = {{0}};
    if (rdb_pg_placeholders(text, out, size, &count, &err) == SAQR_OK) {
        int dollars = 0;
        for (const char *p = out; (p = strchr(p, '$')) != NULL; p++)
            dollars++;
        int given = 0;
        for (const char *p = text; (p = strchr(p, '$')) != NULL; p++)
            given++;
        if (count < 0 || dollars != given + count || strlen(out) < len)
            abort();
    } else if (err.msg[0] == '\0') {
        abort();
    }
    free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 3 * RDB_URL_MAX)
        return 0;
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0'; /* a NUL inside ends the text early, as in C */
    check_url(text);
    check_placeholders(text, strlen(text));
    free(text);
    return 0;
}
