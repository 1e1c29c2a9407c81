/*
 * db.c - the training records' database (db.h): URL parsing, dispatch to
 * the SQLite or PostgreSQL driver (db_sqlite.c, db_pg.c), transactions,
 * result sets, and the migrations run when a database is opened.
 *
 * Migrations: the one-row table schema_version holds the version of the
 * schema (0 when the table is missing).  rdb_open runs, in ONE
 * transaction, the driver's lock statement (PostgreSQL:
 * pg_advisory_xact_lock, so two stations opening a new database at once
 * do not both migrate; SQLite's BEGIN IMMEDIATE already serialises
 * writers), reads the version, applies every newer step of schema.c and
 * writes the new version.  Any failure rolls the whole transaction back.
 *
 * URL syntax: see db.h and rdb_parse_url (db_internal.h); libpq's URI
 * form is described in the PostgreSQL manual, "Connection Strings"
 * (https://www.postgresql.org/docs/15/libpq-connect.html).
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "records/db_internal.h"
#include "util/file.h"

/* An open database. */
struct rdb {
    const rdb_driver *drv; /* the back end */
    void *conn;            /* the driver's connection */
    int version;           /* schema version after migration */
    int in_tx;             /* 1 between rdb_begin and rdb_commit / rdb_rollback */
    int tx_failed;         /* 1 when a statement failed inside the open transaction */
    char shown[RDB_URL_MAX]; /* the URL without its password, for messages */
};

/* =================================================================== URLs */

/* Length of a scheme "name:" at the start of s (letters, digits, + - .,
 * starting with a letter) when followed by "//"; 0 otherwise. */
static size_t scheme_length(const char *s)
{
    size_t n = 0;
    if (!isalpha((unsigned char)s[0]))
        return 0;
    while (isalnum((unsigned char)s[n]) || s[n] == '+' || s[n] == '-' || s[n] == '.')
        n++;
    return (s[n] == ':' && s[n + 1] == '/' && s[n + 2] == '/') ? n : 0;
}

/* Appends the n bytes at s to buf (size bytes, holding *len); returns -1
 * when they do not fit. */
static int append(char *buf, size_t size, size_t *len, const char *s, size_t n)
{
    if (*len + n + 1 > size)
        return -1;
    memcpy(buf + *len, s, n);
    *len += n;
    buf[*len] = '\0';
    return 0;
}

/* Checks one host[:port] or [v6]:port of a host list; 0 when valid. */
static int check_host(const char *h, size_t n)
{
    size_t i = 0;
    if (n > 0 && h[0] == '[') {
        const char *close = memchr(h, ']', n);
        if (!close)
            return -1;
        i = (size_t)(close - h) + 1;
    } else {
        while (i < n && h[i] != ':') {
            if (h[i] == '[' || h[i] == ']' || (unsigned char)h[i] <= ' ')
                return -1;
            i++;
        }
    }
    if (i == n)
        return 0;
    if (h[i] != ':' || i + 1 == n || n - i - 1 > 5)
        return -1;
    long port = 0;
    for (size_t k = i + 1; k < n; k++) {
        if (!isdigit((unsigned char)h[k]))
            return -1;
        port = port * 10 + (h[k] - '0');
    }
    return (port >= 1 && port <= 65535) ? 0 : -1;
}

static saqr_status parse_postgres(const char *url, size_t scheme_len, rdb_url *out, saqr_err *err)
{
    const char *rest = url + scheme_len + 3;
    size_t auth_len = strcspn(rest, "/?");
    const char *after = rest + auth_len;
    const char *query = strchr(after, '?');
    const char *path = (*after == '/') ? after + 1 : after;
    size_t path_len = query ? (size_t)(query - path) : strlen(path);
    if (*after != '/')
        path_len = 0;

    /* user[:password]@hosts */
    const char *at = NULL;
    for (size_t i = 0; i < auth_len; i++)
        if (rest[i] == '@')
            at = rest + i;
    const char *hosts = at ? at + 1 : rest;
    size_t hosts_len = auth_len - (size_t)(hosts - rest);
    size_t user_len = 0;
    if (at) {
        user_len = (size_t)(at - rest);
        const char *colon = memchr(rest, ':', user_len);
        if (colon)
            user_len = (size_t)(colon - rest);
    }

    size_t len = 0;
    out->shown[0] = '\0';
    if (append(out->shown, sizeof out->shown, &len, url, scheme_len + 3) ||
        (at && (append(out->shown, sizeof out->shown, &len, rest, user_len) ||
                append(out->shown, sizeof out->shown, &len, "@", 1))) ||
        append(out->shown, sizeof out->shown, &len, hosts, hosts_len) ||
        append(out->shown, sizeof out->shown, &len, after, path_len + (*after == '/')))
        return err_set(err, SAQR_EINVAL, "database URL too long (at most %d bytes)", RDB_URL_MAX - 1);

    for (size_t i = 0, start = 0; i <= hosts_len; i++) {
        if (i == hosts_len || hosts[i] == ',') {
            if (check_host(hosts + start, i - start) != 0)
                return err_set(err, SAQR_EINVAL, "%s: bad host or port (expected postgres://user:password@host:port/dbname)",
                               out->shown);
            start = i + 1;
        }
    }

    /* the query: leave password= out of the shown URL; note dbname= and connect_timeout= */
    int has_timeout = 0;
    const char *qdb = NULL;
    size_t qdb_len = 0;
    if (query) {
        int first = 1;
        for (const char *p = query + 1; *p;) {
            size_t n = strcspn(p, "&");
            size_t key_len = strcspn(p, "=&");
            if (key_len == 15 && strncmp(p, "connect_timeout", 15) == 0 && p[15] == '=')
                has_timeout = 1;
            if (key_len == 6 && strncmp(p, "dbname", 6) == 0 && p[6] == '=') {
                qdb = p + 7;
                qdb_len = n - 7;
            }
            if (n > 0 && !(key_len == 8 && strncmp(p, "password", 8) == 0)) {
                if (append(out->shown, sizeof out->shown, &len, first ? "?" : "&", 1) ||
                    append(out->shown, sizeof out->shown, &len, p, n))
                    return err_set(err, SAQR_EINVAL, "database URL too long (at most %d bytes)", RDB_URL_MAX - 1);
                first = 0;
            }
            p += n;
            if (*p == '&')
                p++;
        }
    }

    const char *db = path_len ? path : qdb;
    size_t db_len = path_len ? path_len : qdb_len;
    if (!db || db_len == 0)
        return err_set(err, SAQR_EINVAL, "%s: the URL names no database (expected postgres://user:password@host:port/dbname)",
                       out->shown);
    memcpy(out->dbname, db, db_len);
    out->dbname[db_len] = '\0';

    size_t url_len = strlen(url);
    memcpy(out->conninfo, url, url_len + 1);
    if (!has_timeout)
        memcpy(out->conninfo + url_len, query ? "&connect_timeout=5" : "?connect_timeout=5",
               sizeof "&connect_timeout=5");
    out->kind = RDB_POSTGRES;
    return SAQR_OK;
}

saqr_status rdb_parse_url(const char *url, rdb_url *out, saqr_err *err)
{
    memset(out, 0, sizeof *out);
    if (!url || !*url)
        return err_set(err, SAQR_EINVAL, "empty database URL (expected sqlite:///path/records.db or "
                                         "postgres://user:password@host:port/dbname)");
    if (strlen(url) >= RDB_URL_MAX)
        return err_set(err, SAQR_EINVAL, "database URL too long (at most %d bytes)", RDB_URL_MAX - 1);
    size_t n = scheme_length(url);
    if (n == 0 || (n == 6 && strncmp(url, "sqlite", 6) == 0)) {
        const char *path = n ? url + 9 : url;
        if (!*path)
            return err_set(err, SAQR_EINVAL, "database URL \"%s\" names no file", url);
        if (strncmp(path, "file:", 5) == 0) /* SQLite would take it as a URI of its own */
            return err_set(err, SAQR_EINVAL,
                           "database \"%s\": a path may not start with \"file:\" (give sqlite:///path/records.db or a "
                           "plain path)",
                           url);
        out->kind = RDB_SQLITE;
        snprintf(out->path, sizeof out->path, "%s", path);
        snprintf(out->shown, sizeof out->shown, "%s", url);
        return SAQR_OK;
    }
    if ((n == 8 && strncmp(url, "postgres", 8) == 0) || (n == 10 && strncmp(url, "postgresql", 10) == 0))
        return parse_postgres(url, n, out, err);
    return err_set(err, SAQR_EINVAL, "unsupported database URL scheme \"%.*s://\" (use sqlite:// or postgres://)",
                   (int)(n > 32 ? 32 : n), url);
}

saqr_status rdb_check_exists(const char *url, saqr_err *err)
{
    rdb_url *u = malloc(sizeof *u);
    if (!u)
        return err_set(err, SAQR_ENOMEM, "out of memory opening a database");
    saqr_status st = rdb_parse_url(url, u, err);
    struct stat sb;
    if (st == SAQR_OK && u->kind == RDB_SQLITE && stat(u->path, &sb) != 0 && errno == ENOENT)
        st = err_set(err, SAQR_EINVAL, "%s: no records database there (nothing has been stored in it)", u->path);
    free(u);
    return st;
}

void rdb_default_url(char *buf, size_t size)
{
    char dir[RDB_URL_MAX];
    file_user_data_dir(dir, sizeof dir);
    snprintf(buf, size, "sqlite://%s/records.db", dir);
}

/* ============================================================= result sets */

rdb_rows *rdb_rows_new(int ncols)
{
    rdb_rows *r = calloc(1, sizeof *r);
    if (r)
        r->ncols = ncols > 0 ? ncols : 0;
    return r;
}

saqr_status rdb_rows_add(rdb_rows *r)
{
    if (r->nrows == r->cap_rows) {
        int cap = r->cap_rows ? r->cap_rows * 2 : 16;
        size_t slots = (size_t)cap * (size_t)(r->ncols ? r->ncols : 1);
        char **v = realloc(r->values, slots * sizeof *v);
        if (!v)
            return SAQR_ENOMEM;
        r->values = v;
        r->cap_rows = cap;
    }
    for (int j = 0; j < r->ncols; j++)
        r->values[(size_t)r->nrows * (size_t)r->ncols + (size_t)j] = NULL;
    r->nrows++;
    return SAQR_OK;
}

saqr_status rdb_rows_set(rdb_rows *r, int i, int j, const char *text, size_t len)
{
    char *copy = malloc(len + 1);
    if (!copy)
        return SAQR_ENOMEM;
    memcpy(copy, text, len);
    copy[len] = '\0';
    r->values[(size_t)i * (size_t)r->ncols + (size_t)j] = copy;
    return SAQR_OK;
}

int rdb_rows_count(const rdb_rows *r)
{
    return r ? r->nrows : 0;
}

int rdb_rows_columns(const rdb_rows *r)
{
    return r ? r->ncols : 0;
}

const char *rdb_value(const rdb_rows *r, int i, int j)
{
    if (!r || i < 0 || i >= r->nrows || j < 0 || j >= r->ncols)
        return NULL;
    return r->values[(size_t)i * (size_t)r->ncols + (size_t)j];
}

void rdb_rows_free(rdb_rows *r)
{
    if (!r)
        return;
    for (size_t k = 0; k < (size_t)r->nrows * (size_t)r->ncols; k++)
        free(r->values[k]);
    free(r->values);
    free(r);
}

/* ============================================================ statements */

rdb_backend rdb_kind(const rdb *db)
{
    return db->drv->kind;
}

int rdb_schema_version(const rdb *db)
{
    return db->version;
}

int rdb_exec(rdb *db, const char *sql, int nparams, const char *const *params, rdb_rows **rows, saqr_err *err)
{
    if (rows)
        *rows = NULL;
    if (!sql || nparams < 0 || (nparams > 0 && !params))
        return err_set(err, SAQR_EINVAL, "rdb_exec: no statement or missing parameters");
    if (!db->in_tx) {
        saqr_status st = db->drv->revive(db->conn, err);
        if (st != SAQR_OK)
            return st;
    }
    saqr_status st = db->drv->exec(db->conn, sql, nparams, params, rows, err);
    if (st != SAQR_OK && db->in_tx)
        db->tx_failed = 1;
    return st;
}

int rdb_begin(rdb *db, saqr_err *err)
{
    if (db->in_tx)
        return err_set(err, SAQR_ESTATE, "%s: a transaction is already open", db->shown);
    saqr_status st = db->drv->revive(db->conn, err);
    if (st == SAQR_OK)
        st = db->drv->exec(db->conn, db->drv->begin_sql, 0, NULL, NULL, err);
    if (st == SAQR_OK) {
        db->in_tx = 1;
        db->tx_failed = 0;
    }
    return st;
}

int rdb_commit(rdb *db, saqr_err *err)
{
    if (!db->in_tx)
        return err_set(err, SAQR_ESTATE, "%s: commit without a transaction", db->shown);
    if (db->tx_failed) {
        rdb_rollback(db);
        return err_set(err, SAQR_ESTATE, "%s: a statement of this transaction failed; it was rolled back", db->shown);
    }
    saqr_status st = db->drv->exec(db->conn, "COMMIT", 0, NULL, NULL, err);
    if (st != SAQR_OK) {
        rdb_rollback(db); /* SQLite keeps the transaction open after a failed COMMIT */
        return st;
    }
    db->in_tx = 0;
    return SAQR_OK;
}

void rdb_rollback(rdb *db)
{
    if (!db->in_tx)
        return;
    saqr_err ignored;
    db->drv->exec(db->conn, "ROLLBACK", 0, NULL, NULL, &ignored); /* a lost connection rolls back by itself */
    db->in_tx = 0;
    db->tx_failed = 0;
}

/* ============================================================ migrations */

/* Reads one integer from the single-cell result of sql into *value. */
static saqr_status query_int(rdb *db, const char *sql, int *value, saqr_err *err)
{
    rdb_rows *rows = NULL;
    saqr_status st = rdb_exec(db, sql, 0, NULL, &rows, err);
    if (st != SAQR_OK)
        return st;
    const char *v = rdb_value(rows, 0, 0);
    char *end = NULL;
    long x = v ? strtol(v, &end, 10) : 0;
    if (!v || end == v || *end || x < 0 || x > 1000000) {
        rdb_rows_free(rows);
        return err_set(err, SAQR_ESTATE, "%s: unexpected answer to \"%s\"", db->shown, sql);
    }
    *value = (int)x;
    rdb_rows_free(rows);
    return SAQR_OK;
}

/* The migration transaction's body; the caller commits or rolls back. */
static saqr_status migrate_locked(rdb *db, saqr_err *err)
{
    saqr_status st;
    int has_table = 0, version = 0, latest = rdb_schema_latest();
    if (db->drv->lock_sql && (st = rdb_exec(db, db->drv->lock_sql, 0, NULL, NULL, err)) != SAQR_OK)
        return st;
    if ((st = query_int(db, db->drv->has_versions_sql, &has_table, err)) != SAQR_OK)
        return st;
    if (has_table) {
        int rows = 0;
        if ((st = query_int(db, "SELECT COUNT(*) FROM schema_version", &rows, err)) != SAQR_OK)
            return st;
        if (rows != 1)
            return err_set(err, SAQR_ESTATE, "%s: the schema_version table has %d rows, expected 1", db->shown, rows);
        if ((st = query_int(db, "SELECT version FROM schema_version", &version, err)) != SAQR_OK)
            return st;
    }
    if (version > latest)
        return err_set(err, SAQR_ESTATE, "%s: database schema version %d is newer than this Saqr (%d); upgrade Saqr",
                       db->shown, version, latest);
    db->version = version;
    if (version == latest)
        return SAQR_OK;
    for (int v = version + 1; v <= latest; v++) {
        const char *const *steps = rdb_schema_steps(db->drv->kind, v);
        for (int k = 0; steps && steps[k]; k++) {
            if ((st = rdb_exec(db, steps[k], 0, NULL, NULL, err)) != SAQR_OK) {
                char why[SAQR_ERR_MAX];
                snprintf(why, sizeof why, "%s", err ? err->msg : "");
                return err_set(err, st, "%s: migration to schema version %d failed: %s", db->shown, v, why);
            }
        }
    }
    char text[16];
    snprintf(text, sizeof text, "%d", latest);
    const char *param[1] = {text};
    if ((st = rdb_exec(db, "DELETE FROM schema_version", 0, NULL, NULL, err)) != SAQR_OK ||
        (st = rdb_exec(db, "INSERT INTO schema_version (version) VALUES (?)", 1, param, NULL, err)) != SAQR_OK)
        return st;
    db->version = latest;
    return SAQR_OK;
}

/* 1 when the schema is already the latest, read without a transaction:
 * then nothing needs the write lock, and a command that only reads does
 * not wait for (or fail behind) another station's write.  Any other
 * answer, an error included, leaves the question to migrate_locked. */
static int schema_current(rdb *db)
{
    int has_table = 0, rows = 0, version = 0;
    if (query_int(db, db->drv->has_versions_sql, &has_table, NULL) != SAQR_OK || !has_table ||
        query_int(db, "SELECT COUNT(*) FROM schema_version", &rows, NULL) != SAQR_OK || rows != 1 ||
        query_int(db, "SELECT version FROM schema_version", &version, NULL) != SAQR_OK ||
        version != rdb_schema_latest())
        return 0;
    db->version = version;
    return 1;
}

/* Brings the schema up to date in one transaction; on failure nothing
 * has changed. */
static saqr_status migrate(rdb *db, saqr_err *err)
{
    if (schema_current(db))
        return SAQR_OK;
    saqr_status st = rdb_begin(db, err);
    if (st != SAQR_OK)
        return st;
    st = migrate_locked(db, err);
    if (st == SAQR_OK)
        return rdb_commit(db, err);
    rdb_rollback(db);
    return st;
}

/* ============================================================ open, close */

int rdb_open(const char *url, rdb **out, saqr_err *err)
{
    *out = NULL;
    rdb_url *u = malloc(sizeof *u);
    rdb *db = calloc(1, sizeof *db);
    if (!u || !db) {
        free(u);
        free(db);
        return err_set(err, SAQR_ENOMEM, "out of memory opening a database");
    }
    saqr_status st = rdb_parse_url(url, u, err);
    if (st == SAQR_OK) {
        db->drv = u->kind == RDB_POSTGRES ? &rdb_pg_driver : &rdb_sqlite_driver;
        memcpy(db->shown, u->shown, sizeof db->shown);
        st = db->drv->open(u, &db->conn, err);
    }
    free(u);
    if (st == SAQR_OK)
        st = migrate(db, err);
    if (st != SAQR_OK) {
        rdb_close(db);
        return st;
    }
    *out = db;
    return SAQR_OK;
}

void rdb_close(rdb *db)
{
    if (!db)
        return;
    if (db->conn) {
        rdb_rollback(db);
        db->drv->close(db->conn);
    }
    free(db);
}
