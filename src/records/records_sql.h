/*
 * records_sql.h - helpers shared by the records' own files (not part of
 * the records API).  Every value crosses db.h as text: numbers with
 * "%.17g" (a double's round trip), NaN and infinities as SQL NULL.
 */
#ifndef SAQR_RECORDS_SQL_H
#define SAQR_RECORDS_SQL_H

#include <stddef.h>

#include "records/db.h"

/* src (NULL: "") into dst of n bytes, cut to fit. */
void rsql_copy(char *dst, size_t n, const char *src);
/* A number as text for the database; NULL (SQL NULL) when not finite. */
const char *rsql_num_text(char buf[32], double x);
const char *rsql_id_text(char buf[32], long long id);
/* A stored number; NAN for NULL or text that is not a number. */
double rsql_num_value(const char *s);
long long rsql_id_value(const char *s);
/* 1 when s is 1..max-1 bytes of printable text (no control characters). */
int rsql_text_ok(const char *s, size_t max);
/* Text of at most max-1 bytes (possibly empty), no control characters
 * other than newlines. */
int rsql_long_text_ok(const char *s, size_t max);
/* An instructor's comment or reason: at most 255 bytes of UTF-8, new
 * lines the only control characters. */
int rsql_comment_ok(const char *s);

/* Ends a transaction: commits when st is SAQR_OK, else rolls back.
 * Returns the final status. */
int rsql_finish(rdb *db, int st, saqr_err *err);
/* Runs a query expected to give at most one row; *found says whether it
 * did, and *rows holds it (free with rdb_rows_free) when found. */
int rsql_query_one(rdb *db, const char *sql, int n, const char *const *p, rdb_rows **rows, int *found,
                   saqr_err *err);
/* The id in column 0 of the only row of `sql`, 0 when there is none. */
int rsql_query_id(rdb *db, const char *sql, int n, const char *const *p, long long *id, saqr_err *err);
/* Runs `sql` and converts each row with `fill` into a new array of
 * `size`-byte items (*out: free() it). */
int rsql_query_list(rdb *db, const char *sql, int n, const char *const *p, size_t size,
                    void (*fill)(const rdb_rows *, int, void *), void **out, int *count, saqr_err *err);
/* The one row `sql` finds for `key`, converted by `fill` into out;
 * SAQR_ENOTFOUND "no `what` KEY" when there is none. */
int rsql_find_one(rdb *db, const char *sql, const char *key, void (*fill)(const rdb_rows *, int, void *), void *out,
                  const char *what, saqr_err *err);

#endif
