/*
 * db_sqlite.c - the SQLite back end of the training records (db.h),
 * through the SQLite C library (https://sqlite.org/c3ref/intro.html).
 *
 * The file (and its folder, like mkdir -p) is created when missing and
 * opened with journal_mode=WAL (readers do not block the writer),
 * synchronous=FULL (a committed sortie survives a power cut),
 * foreign_keys=ON, and a 5 s busy timeout: several stations may share
 * one file, and BEGIN IMMEDIATE makes a writer wait for the others
 * rather than fail halfway through a transaction.
 *
 * Values are bound as text and the column's affinity converts numbers
 * (https://sqlite.org/datatype3.html), except a value that is exactly the
 * "%.17g" form of a non-integral or exponent-form double ("0.1000...01",
 * "1e+20"): that one is bound as the double strtod reads, because SQLite
 * 3.40's own text-to-real conversion relies on 80-bit long double and is
 * one unit in the last place off for some values where long double is
 * plain double (valgrind, other CPUs) or the magnitude is extreme.  The
 * price: such a value written into a TEXT column comes back in SQLite's
 * 15-digit form; no column of the records schema takes one.  Reals are
 * read back as "%.17g", exact, not SQLite's 15-digit text.
 */
#include <errno.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "records/db_internal.h"

/* How long a statement waits for another station's lock, in ms. */
#define BUSY_TIMEOUT_MS 5000

/* The connection. */
typedef struct sq_conn {
    sqlite3 *db;             /* the open file */
    char path[RDB_URL_MAX];  /* the file's path, for messages */
} sq_conn;

/* Creates every missing folder of path's parent (mkdir -p).  On failure
 * returns SAQR_EIO naming the folder. */
static saqr_status make_parent(const char *path, saqr_err *err)
{
    char dir[RDB_URL_MAX];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (!slash || slash == dir)
        return SAQR_OK;
    *slash = '\0';
    for (char *p = dir + 1; p <= slash; p++) {
        if (*p != '/' && *p != '\0')
            continue;
        char keep = *p;
        *p = '\0';
        struct stat sb;
        if (stat(dir, &sb) != 0) {
            if (mkdir(dir, 0777) != 0 && errno != EEXIST)
                return err_set(err, SAQR_EIO, "%s: cannot create the folder %s: %s", path, dir, strerror(errno));
        } else if (!S_ISDIR(sb.st_mode)) {
            return err_set(err, SAQR_EIO, "%s: %s is not a folder", path, dir);
        }
        *p = keep;
    }
    return SAQR_OK;
}

static void sq_close(void *conn)
{
    sq_conn *c = conn;
    if (!c)
        return;
    sqlite3_close_v2(c->db);
    free(c);
}

/* Runs a setting statement at open; a file that is not a database fails
 * here, the first time SQLite reads it. */
/* A pragma at opening.  Switching a new file to WAL upgrades a shared
 * lock to an exclusive one, and when several stations open the same new
 * file at once SQLite answers one of two such upgraders SQLITE_BUSY at
 * once, without its busy handler (which could deadlock them): so it is
 * tried again, every 10 ms, for as long as the busy timeout. */
static saqr_status sq_pragma(sq_conn *c, const char *sql, saqr_err *err)
{
    char *msg = NULL;
    int rc = sqlite3_exec(c->db, sql, NULL, NULL, &msg);
    for (int waited_ms = 0; (rc & 0xff) == SQLITE_BUSY && waited_ms < BUSY_TIMEOUT_MS; waited_ms += 10) {
        sqlite3_free(msg);
        msg = NULL;
        sqlite3_sleep(10);
        rc = sqlite3_exec(c->db, sql, NULL, NULL, &msg);
    }
    if (rc == SQLITE_OK)
        return SAQR_OK;
    err_set(err, SAQR_EIO, "%s: cannot open the records database: %s", c->path, msg ? msg : sqlite3_errstr(rc));
    sqlite3_free(msg);
    return SAQR_EIO;
}

/* quick_check's first line: "ok" for a sound file. */
static int first_check_line(void *ctx, int ncols, char **vals, char **names)
{
    (void)names;
    char *line = ctx;
    if (line[0] == '\0' && ncols > 0 && vals[0]) {
        snprintf(line, 160, "%s", vals[0]);
        for (char *q = line; *q; q++) /* one line of message */
            if (*q == '\n')
                *q = ' ';
    }
    return 0;
}

/* A damaged file (a disk fault, a copy cut short, a stray write) is
 * refused before anything reads or writes it: SQLite would otherwise
 * read what is left of a broken page as rows (a trainee's sorties shown
 * without their trainee) and write new pages beside the damage.
 * PRAGMA quick_check reads every page once (a few milliseconds for a
 * wing's records) and leaves the file unchanged. */
static saqr_status sq_check_intact(sq_conn *c, saqr_err *err)
{
    char line[160] = "";
    char *msg = NULL;
    int rc = sqlite3_exec(c->db, "PRAGMA quick_check(1)", first_check_line, line, &msg);
    if (rc != SQLITE_OK) {
        err_set(err, SAQR_EIO, "%s: the records database is damaged (%s); it was left as it is - restore it from a backup",
                c->path, msg ? msg : sqlite3_errstr(rc));
        sqlite3_free(msg);
        return SAQR_EIO;
    }
    if (strcmp(line, "ok") != 0)
        return err_set(err, SAQR_EIO,
                       "%s: the records database is damaged (SQLite's check: %s); it was left as it is - restore it "
                       "from a backup",
                       c->path, line[0] ? line : "no answer");
    return SAQR_OK;
}

static saqr_status sq_open(const rdb_url *url, void **conn, saqr_err *err)
{
    *conn = NULL;
    saqr_status st = make_parent(url->path, err);
    if (st != SAQR_OK)
        return st;
    sq_conn *c = calloc(1, sizeof *c);
    if (!c)
        return err_set(err, SAQR_ENOMEM, "%s: out of memory", url->path);
    snprintf(c->path, sizeof c->path, "%s", url->path);
    int rc = sqlite3_open_v2(url->path, &c->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_EXRESCODE,
                             NULL);
    if (rc != SQLITE_OK) {
        err_set(err, SAQR_EIO, "%s: cannot open the records database: %s", url->path,
                c->db ? sqlite3_errmsg(c->db) : sqlite3_errstr(rc));
        sq_close(c);
        return SAQR_EIO;
    }
    sqlite3_busy_timeout(c->db, BUSY_TIMEOUT_MS);
    if ((st = sq_pragma(c, "PRAGMA journal_mode=WAL", err)) || (st = sq_pragma(c, "PRAGMA synchronous=FULL", err)) ||
        (st = sq_pragma(c, "PRAGMA foreign_keys=ON", err)) || (st = sq_check_intact(c, err))) {
        sq_close(c);
        return st;
    }
    *conn = c;
    return SAQR_OK;
}

/* The message of the last failure, with the start of the statement. */
static saqr_status sq_fail(sq_conn *c, const char *sql, saqr_err *err)
{
    int code = sqlite3_extended_errcode(c->db);
    saqr_status st = (code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY) ? SAQR_EINVAL
                     : code == SQLITE_NOMEM                                                     ? SAQR_ENOMEM
                                                                                                : SAQR_EIO;
    return err_set(err, st, "%s: %s (in \"%.60s\")", c->path, sqlite3_errmsg(c->db), sql);
}

/* 1 when text is exactly the "%.17g" form of a finite double that is
 * not written as an integer (so it has a '.' or an exponent), with the
 * double in *d; 0 otherwise. */
static int exact_double(const char *text, double *d)
{
    size_t n = strspn(text, "0123456789+-.e");
    if (n == 0 || n > 24 || text[n] != '\0' || !strpbrk(text, ".e"))
        return 0;
    char *end = NULL;
    *d = strtod(text, &end);
    if (*end != '\0' || !isfinite(*d))
        return 0;
    char again[32];
    snprintf(again, sizeof again, "%.17g", *d);
    return strcmp(again, text) == 0;
}

/* Copies the current row of stmt into rows. */
static saqr_status copy_row(sqlite3_stmt *stmt, rdb_rows *rows)
{
    if (rdb_rows_add(rows) != SAQR_OK)
        return SAQR_ENOMEM;
    int i = rows->nrows - 1;
    for (int j = 0; j < rows->ncols; j++) {
        char num[32];
        switch (sqlite3_column_type(stmt, j)) {
        case SQLITE_NULL: continue;
        case SQLITE_FLOAT: snprintf(num, sizeof num, "%.17g", sqlite3_column_double(stmt, j)); break;
        case SQLITE_INTEGER: snprintf(num, sizeof num, "%lld", (long long)sqlite3_column_int64(stmt, j)); break;
        default: {
            const unsigned char *t = sqlite3_column_text(stmt, j);
            if (!t)
                return SAQR_ENOMEM;
            if (rdb_rows_set(rows, i, j, (const char *)t, (size_t)sqlite3_column_bytes(stmt, j)) != SAQR_OK)
                return SAQR_ENOMEM;
            continue;
        }
        }
        if (rdb_rows_set(rows, i, j, num, strlen(num)) != SAQR_OK)
            return SAQR_ENOMEM;
    }
    return SAQR_OK;
}

static saqr_status sq_exec(void *conn, const char *sql, int nparams, const char *const *params, rdb_rows **rows,
                           saqr_err *err)
{
    sq_conn *c = conn;
    sqlite3_stmt *stmt = NULL;
    const char *tail = NULL;
    if (sqlite3_prepare_v2(c->db, sql, -1, &stmt, &tail) != SQLITE_OK)
        return sq_fail(c, sql, err);
    if (!stmt)
        return err_set(err, SAQR_EINVAL, "%s: empty statement", c->path);
    if (tail[strspn(tail, " \t\r\n;")] != '\0') {
        sqlite3_finalize(stmt);
        return err_set(err, SAQR_EINVAL, "%s: one statement at a time (in \"%.60s\")", c->path, sql);
    }
    if (sqlite3_bind_parameter_count(stmt) != nparams) {
        int want = sqlite3_bind_parameter_count(stmt);
        sqlite3_finalize(stmt);
        return err_set(err, SAQR_EINVAL, "%s: the statement has %d placeholders, %d values given (in \"%.60s\")",
                       c->path, want, nparams, sql);
    }
    for (int k = 0; k < nparams; k++) {
        double d;
        int rc = !params[k]                 ? sqlite3_bind_null(stmt, k + 1)
                 : exact_double(params[k], &d) ? sqlite3_bind_double(stmt, k + 1, d)
                                              : sqlite3_bind_text(stmt, k + 1, params[k], -1, SQLITE_STATIC);
        if (rc != SQLITE_OK) {
            saqr_status st = sq_fail(c, sql, err);
            sqlite3_finalize(stmt);
            return st;
        }
    }
    rdb_rows *out = rows ? rdb_rows_new(sqlite3_column_count(stmt)) : NULL;
    if (rows && !out) {
        sqlite3_finalize(stmt);
        return err_set(err, SAQR_ENOMEM, "%s: out of memory", c->path);
    }
    int rc;
    saqr_status st = SAQR_OK;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        if (out && copy_row(stmt, out) != SAQR_OK) {
            st = err_set(err, SAQR_ENOMEM, "%s: out of memory reading a result", c->path);
            break;
        }
    }
    if (st == SAQR_OK && rc != SQLITE_DONE)
        st = sq_fail(c, sql, err);
    sqlite3_finalize(stmt);
    if (st != SAQR_OK) {
        rdb_rows_free(out);
        return st;
    }
    if (rows)
        *rows = out;
    return SAQR_OK;
}

static saqr_status sq_revive(void *conn, saqr_err *err)
{
    (void)conn;
    (void)err;
    return SAQR_OK; /* a file cannot be disconnected */
}

const rdb_driver rdb_sqlite_driver = {
    .kind = RDB_SQLITE,
    .begin_sql = "BEGIN IMMEDIATE",
    .lock_sql = NULL,
    .has_versions_sql = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'",
    .open = sq_open,
    .close = sq_close,
    .exec = sq_exec,
    .revive = sq_revive,
};
