/*
 * db_pg.c - the PostgreSQL back end of the training records (db.h),
 * through libpq, PostgreSQL's own client library
 * (https://www.postgresql.org/docs/15/libpq.html).
 *
 * PQconnectdb takes the URL as libpq's URI (connect_timeout=5 added by
 * rdb_parse_url when absent, so a dead server fails in seconds).  Every
 * statement goes through PQexecParams with text parameters: the `?`
 * placeholders are rewritten as $1..$n (rdb_pg_placeholders), and the
 * server infers each parameter's type from its use, so a parameter whose
 * type the statement does not fix needs a CAST(? AS TEXT).  Results come
 * back as text and are copied into rdb_rows; double precision prints the
 * shortest exact form (extra_float_digits = 1, the default since
 * PostgreSQL 12).  A unique violation (SQLSTATE 23505) is SAQR_EINVAL,
 * anything else SAQR_EIO.  Notices (e.g. "relation already exists,
 * skipping") are swallowed: library code never prints.  Messages name
 * the URL without its password.
 */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "records/db_internal.h"

/* SQLSTATE of a unique violation. */
#define PG_UNIQUE_VIOLATION "23505"

/* The connection. */
typedef struct pg_conn {
    PGconn *pg;                /* libpq's connection */
    char shown[RDB_URL_MAX];   /* the URL without its password, for messages */
} pg_conn;

/* ==================================================== ? to $n translation */

/* Length of the quoted run starting at s[0] (a ' or "), closing quote
 * included; doubled quotes stay inside, and backslashes escape when
 * backslash is set (E'...').  An unterminated run reaches the end. */
static size_t quoted_length(const char *s, int backslash)
{
    char q = s[0];
    size_t i = 1;
    for (;;) {
        if (s[i] == '\0')
            return i;
        if (backslash && s[i] == '\\' && s[i + 1] != '\0') {
            i += 2;
            continue;
        }
        if (s[i] == q) {
            if (s[i + 1] == q) {
                i += 2;
                continue;
            }
            return i + 1;
        }
        i++;
    }
}

/* Length of the comment starting at s (-- to the end of the line, or a
 * slash-star block, which nests in PostgreSQL); 0 when none starts here. */
static size_t comment_length(const char *s)
{
    size_t i = 2;
    if (s[0] == '-' && s[1] == '-')
        return strcspn(s, "\n");
    if (s[0] != '/' || s[1] != '*')
        return 0;
    for (int depth = 1; s[i] && depth > 0;) {
        if (s[i] == '/' && s[i + 1] == '*') {
            depth++;
            i += 2;
        } else if (s[i] == '*' && s[i + 1] == '/') {
            depth--;
            i += 2;
        } else {
            i++;
        }
    }
    return i;
}

static int is_word_char(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_';
}

saqr_status rdb_pg_placeholders(const char *sql, char *out, size_t size, int *count, saqr_err *err)
{
    size_t n = 0;
    *count = 0;
    for (size_t i = 0; sql[i];) {
        size_t run = 1;
        char buf[16];
        const char *piece = sql + i;
        if (sql[i] == '\'' || sql[i] == '"') {
            int e = sql[i] == '\'' && i > 0 && (sql[i - 1] == 'E' || sql[i - 1] == 'e') &&
                    (i == 1 || !is_word_char(sql[i - 2]));
            run = quoted_length(sql + i, e);
        } else if ((run = comment_length(sql + i)) > 0) {
            /* copied as it is */
        } else if (sql[i] == '?') {
            run = 1;
            if (sql[i + 1] >= '0' && sql[i + 1] <= '9')
                return err_set(err, SAQR_EINVAL, "numbered placeholders (?N) are not supported; use ? in order");
            snprintf(buf, sizeof buf, "$%d", ++*count);
            piece = buf;
            if (*count > 65535)
                return err_set(err, SAQR_EINVAL, "too many placeholders");
        } else {
            run = 1;
        }
        size_t len = piece == buf ? strlen(buf) : run;
        if (n + len + 1 > size)
            return err_set(err, SAQR_EINVAL, "statement too long for PostgreSQL (at most %zu bytes)", size - 1);
        memcpy(out + n, piece, len);
        n += len;
        i += run;
    }
    if (size == 0)
        return err_set(err, SAQR_EINVAL, "statement too long for PostgreSQL (no room)");
    out[n] = '\0';
    return SAQR_OK;
}

/* ========================================================== the back end */

static void quiet_notices(void *arg, const char *message)
{
    (void)arg;
    (void)message;
}

/* Copies libpq's message (trailing newline dropped) into buf. */
static void message_of(const char *m, char *buf, size_t size)
{
    snprintf(buf, size, "%s", m && *m ? m : "unknown error");
    buf[strcspn(buf, "\n")] = '\0';
}

static void pg_close(void *conn)
{
    pg_conn *c = conn;
    if (!c)
        return;
    PQfinish(c->pg);
    free(c);
}

static saqr_status pg_open(const rdb_url *url, void **conn, saqr_err *err)
{
    *conn = NULL;
    pg_conn *c = calloc(1, sizeof *c);
    if (!c)
        return err_set(err, SAQR_ENOMEM, "%s: out of memory", url->shown);
    snprintf(c->shown, sizeof c->shown, "%s", url->shown);
    c->pg = PQconnectdb(url->conninfo);
    if (!c->pg) {
        pg_close(c);
        return err_set(err, SAQR_ENOMEM, "%s: out of memory", url->shown);
    }
    if (PQstatus(c->pg) != CONNECTION_OK) {
        char why[SAQR_ERR_MAX];
        message_of(PQerrorMessage(c->pg), why, sizeof why);
        err_set(err, SAQR_EIO, "%s: cannot connect: %s", url->shown, why);
        pg_close(c);
        return SAQR_EIO;
    }
    PQsetNoticeProcessor(c->pg, quiet_notices, NULL);
    *conn = c;
    return SAQR_OK;
}

/* Copies a tuples result into a new rdb_rows. */
static saqr_status copy_result(const PGresult *res, rdb_rows **rows)
{
    rdb_rows *out = rdb_rows_new(PQnfields(res));
    if (!out)
        return SAQR_ENOMEM;
    int n = PQntuples(res);
    for (int i = 0; i < n; i++) {
        if (rdb_rows_add(out) != SAQR_OK) {
            rdb_rows_free(out);
            return SAQR_ENOMEM;
        }
        for (int j = 0; j < out->ncols; j++) {
            if (PQgetisnull(res, i, j))
                continue;
            if (rdb_rows_set(out, i, j, PQgetvalue(res, i, j), (size_t)PQgetlength(res, i, j)) != SAQR_OK) {
                rdb_rows_free(out);
                return SAQR_ENOMEM;
            }
        }
    }
    *rows = out;
    return SAQR_OK;
}

static saqr_status pg_exec(void *conn, const char *sql, int nparams, const char *const *params, rdb_rows **rows,
                           saqr_err *err)
{
    pg_conn *c = conn;
    int count = 0;
    size_t size = strlen(sql) + 1; /* each ? grows into at most $65535 */
    for (const char *q = strchr(sql, '?'); q; q = strchr(q + 1, '?'))
        size += 5;
    char *text = malloc(size);
    if (!text)
        return err_set(err, SAQR_ENOMEM, "%s: out of memory", c->shown);
    saqr_status st = rdb_pg_placeholders(sql, text, size, &count, err);
    if (st == SAQR_OK && count != nparams)
        st = err_set(err, SAQR_EINVAL, "%s: the statement has %d placeholders, %d values given (in \"%.60s\")",
                     c->shown, count, nparams, sql);
    if (st != SAQR_OK) {
        free(text);
        return st;
    }
    PGresult *res = PQexecParams(c->pg, text, nparams, NULL, params, NULL, NULL, 0);
    free(text);
    ExecStatusType rs = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
    if (rs == PGRES_COMMAND_OK || rs == PGRES_TUPLES_OK) {
        if (strcmp(sql, "COMMIT") == 0 && strcmp(PQcmdStatus(res), "ROLLBACK") == 0)
            st = err_set(err, SAQR_EIO, "%s: the transaction failed and was rolled back", c->shown);
        else if (rows && copy_result(res, rows) != SAQR_OK)
            st = err_set(err, SAQR_ENOMEM, "%s: out of memory reading a result", c->shown);
        PQclear(res);
        return st;
    }
    char why[SAQR_ERR_MAX];
    const char *primary = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    message_of(primary ? primary : PQerrorMessage(c->pg), why, sizeof why);
    st = (state && strcmp(state, PG_UNIQUE_VIOLATION) == 0) ? SAQR_EINVAL : SAQR_EIO;
    err_set(err, st, "%s: %s (in \"%.60s\")", c->shown, why, sql);
    PQclear(res);
    return st;
}

static saqr_status pg_revive(void *conn, saqr_err *err)
{
    pg_conn *c = conn;
    if (PQstatus(c->pg) == CONNECTION_OK)
        return SAQR_OK;
    PQreset(c->pg);
    if (PQstatus(c->pg) == CONNECTION_OK)
        return SAQR_OK;
    char why[SAQR_ERR_MAX];
    message_of(PQerrorMessage(c->pg), why, sizeof why);
    return err_set(err, SAQR_EIO, "%s: connection lost: %s", c->shown, why);
}

const rdb_driver rdb_pg_driver = {
    .kind = RDB_POSTGRES,
    .begin_sql = "BEGIN",
    /* a fixed random key: the lock of Saqr's migrations, held to the end of the transaction */
    .lock_sql = "SELECT pg_advisory_xact_lock(7305183390511297089)",
    .has_versions_sql = "SELECT COUNT(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema() "
                        "AND tablename = 'schema_version'",
    .open = pg_open,
    .close = pg_close,
    .exec = pg_exec,
    .revive = pg_revive,
};
