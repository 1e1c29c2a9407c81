/*
 * db_internal.h - what db.c shares with its two back ends
 * (db_sqlite.c, db_pg.c) and the migrations (schema.c): the parsed
 * database URL, the driver table each back end fills, the result-set
 * builder, and the pure helpers the fuzzers reach (URL parsing, `?` to
 * `$n` translation).  Not part of the records interface (db.h).
 */
#ifndef SAQR_RECORDS_DB_INTERNAL_H
#define SAQR_RECORDS_DB_INTERNAL_H

#include <stddef.h>

#include "records/db.h"

/* Longest database URL accepted, including the NUL. */
#define RDB_URL_MAX 2048

/* A database URL taken apart by rdb_parse_url. */
typedef struct rdb_url {
    rdb_backend kind;             /* which back end the URL names */
    char path[RDB_URL_MAX];       /* SQLite: the file path, relative or absolute, as written; "" for PostgreSQL */
    char conninfo[RDB_URL_MAX + 32]; /* PostgreSQL: the URI handed to PQconnectdb, with connect_timeout=5 added
                                      * when the URL has none; "" for SQLite */
    char dbname[RDB_URL_MAX];     /* PostgreSQL: the database name as written (percent-encoded); "" for SQLite */
    char shown[RDB_URL_MAX];      /* the URL for messages, never with its password (user:password@ becomes user@,
                                   * a password= parameter is left out) */
} rdb_url;

/* Takes `url` apart: "sqlite:///abs.db", "sqlite://rel.db", a plain path
 * (all SQLite), "postgres://..." or "postgresql://..." (libpq's URI form,
 * which must name a database).  A pure function: no I/O, no allocation.
 * On failure returns SAQR_EINVAL with a message that never repeats a
 * password, and leaves *out unspecified. */
saqr_status rdb_parse_url(const char *url, rdb_url *out, saqr_err *err);

/* Rewrites the `?` placeholders of `sql` as $1..$n for PostgreSQL, leaving
 * alone the `?`s inside '...' literals (also E'...' with backslash
 * escapes), "..." identifiers and -- or slash-star comments.  Writes the
 * statement into out (size bytes) and the number of placeholders into
 * *count.  A pure function.  Fails with SAQR_EINVAL when out is too small
 * or the statement uses a numbered ?N placeholder (unsupported). */
saqr_status rdb_pg_placeholders(const char *sql, char *out, size_t size, int *count, saqr_err *err);

/* ------------------------------------------------------------ result sets */

/* A whole result set: nrows x ncols values, row-major, each a malloc'd
 * NUL-terminated copy or NULL for SQL NULL. */
struct rdb_rows {
    int nrows;     /* rows filled */
    int ncols;     /* columns per row */
    int cap_rows;  /* rows `values` has room for */
    char **values; /* cap_rows * ncols slots; slot [i * ncols + j] is row i, column j */
};

/* An empty result set of ncols columns; NULL when memory runs out. */
rdb_rows *rdb_rows_new(int ncols);

/* Appends a row of NULLs.  SAQR_ENOMEM (the set unchanged) when memory
 * runs out. */
saqr_status rdb_rows_add(rdb_rows *r);

/* Copies len bytes of text into row i, column j (which must be NULL so
 * far).  SAQR_ENOMEM (the slot left NULL) when memory runs out. */
saqr_status rdb_rows_set(rdb_rows *r, int i, int j, const char *text, size_t len);

/* ------------------------------------------------------------------ drivers */

/* One back end.  The connection is opaque to db.c; every function that
 * fails leaves a message in err and the connection usable (a failed
 * statement inside a transaction makes the caller roll back). */
typedef struct rdb_driver {
    rdb_backend kind;        /* the back end this table drives */
    const char *begin_sql;   /* starts a write transaction */
    const char *lock_sql;    /* first statement of the migration transaction (serialises migrating stations), or
                              * NULL when begin_sql already does */
    const char *has_versions_sql; /* one row, one column: 1 when the schema_version table exists (in the current
                                   * schema), else 0 */
    /* Connects or opens; on failure *conn is NULL and err names url->shown. */
    saqr_status (*open)(const rdb_url *url, void **conn, saqr_err *err);
    /* Disconnects; conn may be NULL. */
    void (*close)(void *conn);
    /* Runs one statement (see rdb_exec); *rows is NULL on failure. */
    saqr_status (*exec)(void *conn, const char *sql, int nparams, const char *const *params, rdb_rows **rows,
                        saqr_err *err);
    /* Outside transactions: reconnects when the connection was lost
     * (a server restart); SAQR_OK when the connection is usable. */
    saqr_status (*revive)(void *conn, saqr_err *err);
} rdb_driver;

extern const rdb_driver rdb_sqlite_driver;
extern const rdb_driver rdb_pg_driver;

/* ------------------------------------------------------------- migrations */

/* The statements (NULL-terminated) that take a database of kind from
 * version - 1 to version, for 1 <= version <= rdb_schema_latest(); NULL
 * otherwise.  Migration 1 creates the schema_version table; db.c writes
 * the version row. */
const char *const *rdb_schema_steps(rdb_backend kind, int version);

#endif
