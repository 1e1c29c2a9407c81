/*
 * db.h - the training records' database, the same on SQLite (embedded,
 * the default) and PostgreSQL (a training wing's shared server): one
 * schema with versioned migrations applied when the database is opened,
 * statements with `?` placeholders and text values, transactions.
 *
 * URLs: "sqlite:///abs/path/records.db", "sqlite://relative/path.db", a
 * plain file path (SQLite), or "postgres://user:password@host:port/dbname"
 * (also "postgresql://"; libpq's URI form).
 *
 * Values cross this interface as text (NULL for SQL NULL): callers format
 * numbers with "%.17g" and parse them back; both back ends convert to and
 * from the column types.  Statements may use "INSERT ... RETURNING id".
 *
 * Who frees what: rdb_open gives a handle rdb_close frees; rdb_exec gives
 * rows rdb_rows_free frees.  On any error nothing is left half-written:
 * a failed statement inside a transaction makes the caller roll back.
 */
#ifndef SAQR_RECORDS_DB_H
#define SAQR_RECORDS_DB_H

#include "util/err.h"

typedef struct rdb rdb;
typedef struct rdb_rows rdb_rows;

typedef enum rdb_backend { RDB_SQLITE = 1, RDB_POSTGRES = 2 } rdb_backend;

/* The schema version this build writes and reads. */
int rdb_schema_latest(void);

/* Opens (creating a SQLite file and its folder when missing) and migrates
 * to the latest schema in one transaction.  Errors: a URL it cannot parse
 * (SAQR_EINVAL), a server it cannot reach or a file it cannot open
 * (SAQR_EIO), a database whose schema is newer than this build
 * (SAQR_ESTATE), each with a message naming the URL (never its password). */
int rdb_open(const char *url, rdb **out, saqr_err *err);
void rdb_close(rdb *db);

rdb_backend rdb_kind(const rdb *db);
int rdb_schema_version(const rdb *db);

int rdb_begin(rdb *db, saqr_err *err);
int rdb_commit(rdb *db, saqr_err *err);
void rdb_rollback(rdb *db);

/* Runs one statement with `nparams` text parameters bound to its `?`s in
 * order.  When rows is not NULL the result set is fetched whole into
 * *rows (possibly empty).  SAQR_EIO with the database's message on
 * failure; a unique-key violation is SAQR_EINVAL (callers report "already
 * exists"). */
int rdb_exec(rdb *db, const char *sql, int nparams, const char *const *params, rdb_rows **rows, saqr_err *err);

int rdb_rows_count(const rdb_rows *r);
int rdb_rows_columns(const rdb_rows *r);
/* Text of row i, column j; NULL for SQL NULL. */
const char *rdb_value(const rdb_rows *r, int i, int j);
void rdb_rows_free(rdb_rows *r);

/* SAQR_OK when `url` may hold records: a PostgreSQL URL (the server is
 * asked when opened), or a SQLite file that exists; SAQR_EINVAL naming
 * the path when the file does not (rdb_open would create it), or the
 * URL's own error.  For commands that only read, so that a mistyped path
 * is reported instead of read as an empty database. */
saqr_status rdb_check_exists(const char *url, saqr_err *err);

/* The default database: sqlite:// the file records.db in
 * $XDG_DATA_HOME/saqr (or ~/.local/share/saqr). Writes into buf. */
void rdb_default_url(char *buf, size_t size);

#endif
