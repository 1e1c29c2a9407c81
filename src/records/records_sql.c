/*
 * records_sql.c - the small helpers every records file shares: values to
 * and from the text that crosses db.h, text checks, transactions ended,
 * and the common query shapes (see records_sql.h).
 */
#include "records/records_sql.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/utf8.h"

void rsql_copy(char *dst, size_t n, const char *src)
{
    snprintf(dst, n, "%s", src ? src : "");
}

/* A number as text for the database; NULL (SQL NULL) when not finite. */
const char *rsql_num_text(char buf[32], double x)
{
    if (!isfinite(x))
        return NULL;
    snprintf(buf, 32, "%.17g", x);
    return buf;
}

const char *rsql_id_text(char buf[32], long long id)
{
    snprintf(buf, 32, "%lld", id);
    return buf;
}

/* A stored number; NAN for NULL or text that is not a number. */
double rsql_num_value(const char *s)
{
    if (!s || !*s)
        return NAN;
    char *end;
    double x = strtod(s, &end);
    return *end ? NAN : x;
}

long long rsql_id_value(const char *s)
{
    return s ? strtoll(s, NULL, 10) : 0;
}

/* 1 when s is 1..max-1 bytes of printable text (no control characters). */
int rsql_text_ok(const char *s, size_t max)
{
    if (!s || !*s || strlen(s) >= max)
        return 0;
    for (const unsigned char *c = (const unsigned char *)s; *c; c++)
        if (*c < 0x20 || *c == 0x7f)
            return 0;
    return 1;
}

/* Text of at most max-1 bytes (possibly empty), no control characters
 * other than newlines. */
int rsql_long_text_ok(const char *s, size_t max)
{
    if (!s || strlen(s) >= max)
        return 0;
    for (const unsigned char *c = (const unsigned char *)s; *c; c++)
        if ((*c < 0x20 && *c != '\n') || *c == 0x7f)
            return 0;
    return 1;
}

/* Ends a transaction: commits when st is SAQR_OK, else rolls back.
 * Returns the final status. */
int rsql_finish(rdb *db, int st, saqr_err *err)
{
    if (st == SAQR_OK)
        st = rdb_commit(db, err);
    if (st != SAQR_OK)
        rdb_rollback(db);
    return st;
}

/* Runs a query expected to give at most one row; *found says whether it
 * did, and *rows holds it (free with rdb_rows_free) when found. */
int rsql_query_one(rdb *db, const char *sql, int n, const char *const *p, rdb_rows **rows, int *found, saqr_err *err)
{
    *rows = NULL;
    *found = 0;
    int st = rdb_exec(db, sql, n, p, rows, err);
    if (st)
        return st;
    *found = rdb_rows_count(*rows) > 0;
    if (!*found) {
        rdb_rows_free(*rows);
        *rows = NULL;
    }
    return SAQR_OK;
}

/* The id in column 0 of the only row of `sql`, 0 when there is none. */
int rsql_query_id(rdb *db, const char *sql, int n, const char *const *p, long long *id, saqr_err *err)
{
    rdb_rows *r;
    int found;
    int st = rsql_query_one(db, sql, n, p, &r, &found, err);
    *id = found ? rsql_id_value(rdb_value(r, 0, 0)) : 0;
    rdb_rows_free(r);
    return st;
}

/* Runs `sql` and converts each row with `fill` into a new array of
 * `size`-byte items. */
int rsql_query_list(rdb *db, const char *sql, int n, const char *const *p, size_t size,
                    void (*fill)(const rdb_rows *, int, void *), void **out, int *count, saqr_err *err)
{
    *out = NULL;
    *count = 0;
    rdb_rows *r = NULL;
    int st = rdb_exec(db, sql, n, p, &r, err);
    if (st)
        return st;
    int rows = rdb_rows_count(r);
    char *a = calloc(rows > 0 ? (size_t)rows : 1, size);
    if (!a) {
        rdb_rows_free(r);
        return err_set(err, SAQR_ENOMEM, "out of memory");
    }
    for (int i = 0; i < rows; i++)
        fill(r, i, a + (size_t)i * size);
    rdb_rows_free(r);
    *out = a;
    *count = rows;
    return SAQR_OK;
}

/* The one row `sql` finds for `key`, converted by `fill` into out;
 * SAQR_ENOTFOUND "no `what` KEY" when there is none. */
int rsql_find_one(rdb *db, const char *sql, const char *key, void (*fill)(const rdb_rows *, int, void *), void *out,
                  const char *what, saqr_err *err)
{
    const char *p[] = {key ? key : ""};
    rdb_rows *r;
    int found;
    int st = rsql_query_one(db, sql, 1, p, &r, &found, err);
    if (st)
        return st;
    if (!found)
        return err_set(err, SAQR_ENOTFOUND, "no %s %s", what, p[0]);
    fill(r, 0, out);
    rdb_rows_free(r);
    return SAQR_OK;
}

/* An instructor's comment on a sortie. */
int rsql_comment_ok(const char *s)
{
    return rsql_long_text_ok(s, 256) && utf8_valid(s);
}
