/*
 * db_test_util.h - fresh, empty training-records databases for the unit
 * tests, on either back end (src/records/db.h).
 *
 * SQLite: a new file <tmpdir>/dbN.db (the first N not taken), in the
 * caller's mkdtemp directory.
 *
 * PostgreSQL: a new schema "saqr_t_<pid>_<ns>" on the test server, and a
 * URL whose search_path names only that schema
 * (?options=-c%20search_path%3D...), so every test sees an empty
 * database of its own while sharing one server database.  The server's
 * URL comes from $SAQR_TEST_PG_URL, else from the first line of
 * SAQR_ROOT_DIR/build/pg-test-url, which `bash tools/pg-test-server.sh
 * start` writes (`make test` runs it).  When neither exists the test
 * FAILS - CI requires the PostgreSQL tests - unless SAQR_TEST_NO_PG=1,
 * which skips them.  db_test_close drops the schema; schemas left behind
 * by test processes that no longer run are dropped by the next
 * db_test_url.
 */
#ifndef SAQR_DB_TEST_UTIL_H
#define SAQR_DB_TEST_UTIL_H

#include "test_util.h"

#include <dirent.h>
#include <errno.h>
#include <libpq-fe.h>
#include <signal.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "records/db.h"

#ifndef SAQR_ROOT_DIR
#define SAQR_ROOT_DIR "."
/* The two cmocka entries of test `f` run on each back end: its setup gets
 * the rdb_backend in *state. */
static const rdb_backend db_test_sqlite_kind = RDB_SQLITE, db_test_pg_kind = RDB_POSTGRES;
#define DB_TEST_BOTH(f, setup, teardown)                                                                       \
    {#f " (SQLite)", f, setup, teardown, (void *)&db_test_sqlite_kind},                                        \
    {                                                                                                          \
        #f " (PostgreSQL)", f, setup, teardown, (void *)&db_test_pg_kind                                       \
    }

#endif

/* Removes path and everything under it (a test's mkdtemp folder with
 * its SQLite files); quietly does what it can. */
static inline void db_test_remove_tree(const char *path)
{
    struct stat sb;
    if (lstat(path, &sb) != 0)
        return;
    if (S_ISDIR(sb.st_mode)) {
        DIR *d = opendir(path);
        struct dirent *e;
        while (d && (e = readdir(d)) != NULL) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            char sub[4096];
            if (snprintf(sub, sizeof sub, "%s/%s", path, e->d_name) < (int)sizeof sub)
                db_test_remove_tree(sub);
        }
        if (d)
            closedir(d);
        rmdir(path);
    } else {
        unlink(path);
    }
}

/* Writes the test server's URL into buf.  Returns 0, or -1 when no
 * server is configured (after skipping the test when SAQR_TEST_NO_PG=1,
 * so -1 means "fail"). */
static inline int db_test_pg_server(char *buf, size_t size)
{
    const char *no = getenv("SAQR_TEST_NO_PG");
    if (no && strcmp(no, "1") == 0)
        skip();
    const char *env = getenv("SAQR_TEST_PG_URL");
    if (env && *env) {
        snprintf(buf, size, "%s", env);
        return 0;
    }
    FILE *f = fopen(SAQR_ROOT_DIR "/build/pg-test-url", "r");
    if (!f)
        return -1;
    int ok = fgets(buf, (int)size, f) != NULL;
    fclose(f);
    buf[strcspn(buf, "\r\n")] = '\0';
    return ok && buf[0] ? 0 : -1;
}

/* Runs one utility statement on the test server; 0 or -1 (message in
 * why, when why is not NULL). */
static inline int db_test_pg_command(PGconn *c, const char *sql, char *why, size_t why_size)
{
    PGresult *r = PQexec(c, sql);
    int ok = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK;
    if (!ok && why)
        snprintf(why, why_size, "%s", PQresultErrorMessage(r));
    PQclear(r);
    return ok ? 0 : -1;
}

static inline void db_test_pg_quiet(void *arg, const char *message)
{
    (void)arg;
    (void)message;
}

/* Drops the schemas "saqr_t_<pid>_..." whose process has ended. */
static inline void db_test_pg_sweep(PGconn *c)
{
    PGresult *r = PQexec(c, "SELECT nspname FROM pg_catalog.pg_namespace WHERE nspname LIKE 'saqr\\_t\\_%'");
    if (PQresultStatus(r) == PGRES_TUPLES_OK) {
        for (int i = 0; i < PQntuples(r); i++) {
            const char *name = PQgetvalue(r, i, 0);
            long pid = strtol(name + strlen("saqr_t_"), NULL, 10);
            if (pid > 0 && kill((pid_t)pid, 0) != 0 && errno == ESRCH) {
                char sql[160];
                snprintf(sql, sizeof sql, "DROP SCHEMA IF EXISTS \"%s\" CASCADE", name);
                db_test_pg_command(c, sql, NULL, 0); /* another process may sweep it first */
            }
        }
    }
    PQclear(r);
}

/* Makes a fresh, empty database of `kind` and writes its URL into url
 * (which may be opened any number of times).  Returns 0; on any failure
 * the test fails with a message (cmocka fail_msg), or is skipped when
 * kind is RDB_POSTGRES and SAQR_TEST_NO_PG=1. */
static inline int db_test_url(rdb_backend kind, const char *tmpdir, char *url, size_t size)
{
    if (kind == RDB_SQLITE) {
        for (int n = 1; n < 100000; n++) {
            char path[1024];
            snprintf(path, sizeof path, "%s/db%d.db", tmpdir, n);
            if (access(path, F_OK) != 0) {
                snprintf(url, size, "sqlite://%s", path);
                return 0;
            }
        }
        fail_msg("no free database file name in %s", tmpdir);
        return -1;
    }
    char server[2048];
    if (db_test_pg_server(server, sizeof server) != 0)
        fail_msg("no PostgreSQL test server: run `bash tools/pg-test-server.sh start` (writes build/pg-test-url) "
                 "or set SAQR_TEST_PG_URL; SAQR_TEST_NO_PG=1 skips the PostgreSQL tests");
    if (strlen(server) > 1900)
        fail_msg("the PostgreSQL test server's URL is too long");
    PGconn *c = PQconnectdb(server);
    if (PQstatus(c) != CONNECTION_OK) {
        char why[512];
        snprintf(why, sizeof why, "%s", PQerrorMessage(c));
        PQfinish(c);
        fail_msg("cannot reach the PostgreSQL test server (see build/pg-test-url): %s", why);
        return -1;
    }
    PQsetNoticeProcessor(c, db_test_pg_quiet, NULL);
    db_test_pg_sweep(c);
    char schema[64], why[512] = "";
    int made = -1;
    for (int attempt = 0; attempt < 5 && made != 0; attempt++) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        snprintf(schema, sizeof schema, "saqr_t_%ld_%ld%09ld", (long)getpid(), (long)(ts.tv_sec % 100000),
                 (long)ts.tv_nsec);
        char sql[128];
        snprintf(sql, sizeof sql, "CREATE SCHEMA \"%s\"", schema);
        made = db_test_pg_command(c, sql, why, sizeof why);
    }
    PQfinish(c);
    if (made != 0) {
        fail_msg("cannot create a test schema on the PostgreSQL test server: %s", why);
        return -1;
    }
    snprintf(url, size, "%s%soptions=-c%%20search_path%%3D%s", server, strchr(server, '?') ? "&" : "?", schema);
    return 0;
}

/* Opens a fresh, empty database of `kind` (migrated to the latest schema
 * by rdb_open) into *out.  Returns 0; fails (or skips) the test as
 * db_test_url does, or when rdb_open fails.  Close it with
 * db_test_close. */
static inline int db_test_open(rdb_backend kind, const char *tmpdir, rdb **out)
{
    char url[4096];
    saqr_err err = {{0}};
    db_test_url(kind, tmpdir, url, sizeof url);
    int st = rdb_open(url, out, &err);
    if (st != SAQR_OK)
        fail_msg("rdb_open of a fresh %s database failed (%d): %s", kind == RDB_SQLITE ? "SQLite" : "PostgreSQL", st,
                 err.msg);
    return 0;
}

/* Closes db (may be NULL); for PostgreSQL first drops its test schema
 * (only a schema named saqr_t_...; any other is left alone). */
static inline void db_test_close(rdb *db)
{
    if (!db)
        return;
    if (rdb_kind(db) == RDB_POSTGRES) {
        rdb_rows *rows = NULL;
        saqr_err err = {{0}};
        rdb_rollback(db);
        if (rdb_exec(db, "SELECT current_schema()", 0, NULL, &rows, &err) == SAQR_OK && rdb_rows_count(rows) == 1) {
            const char *name = rdb_value(rows, 0, 0);
            if (name && strncmp(name, "saqr_t_", 7) == 0 && strspn(name, "saqr_t0123456789") == strlen(name)) {
                char sql[128];
                snprintf(sql, sizeof sql, "DROP SCHEMA \"%s\" CASCADE", name);
                rdb_exec(db, sql, 0, NULL, NULL, &err);
            }
        }
        rdb_rows_free(rows);
    }
    rdb_close(db);
}

/* The two cmocka entries of test `f` run on each back end: its setup gets
 * the rdb_backend in *state. */
static const rdb_backend db_test_sqlite_kind = RDB_SQLITE, db_test_pg_kind = RDB_POSTGRES;
#define DB_TEST_BOTH(f, setup, teardown)                                                                       \
    {#f " (SQLite)", f, setup, teardown, (void *)&db_test_sqlite_kind},                                        \
    {                                                                                                          \
        #f " (PostgreSQL)", f, setup, teardown, (void *)&db_test_pg_kind                                       \
    }

#endif
