/*
 * test_db.c - the training records' database layer (src/records/db.c,
 * db_sqlite.c, db_pg.c, schema.c), each behaviour on BOTH back ends:
 * a fresh SQLite file in a mkdtemp folder, and a fresh schema on the
 * PostgreSQL test server (tests/unit/db_test_util.h; `bash
 * tools/pg-test-server.sh start` starts it, SAQR_TEST_NO_PG=1 skips).
 *
 * The facts checked come from outside the code under test: values
 * written are read back unchanged (doubles bit for bit), the schema has
 * the tables of the records contract, a second connection or the raw
 * client library (sqlite3, libpq) sees what is committed, and errors
 * name the file or URL but never the password.
 */
#include "db_test_util.h"

#include <math.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "records/db_internal.h"

/* One test's world. */
typedef struct fixture {
    rdb_backend kind; /* the back end under test */
    char dir[64];     /* mkdtemp folder for SQLite files */
    char url[4096];   /* the fresh database's URL */
    rdb *db;          /* open handle, closed by teardown */
} fixture;

/* ================================================================ helpers */

static int setup(void **state, rdb_backend kind)
{
    fixture *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    f->kind = kind;
    snprintf(f->dir, sizeof f->dir, "/tmp/saqr-test-db-XXXXXX");
    if (!mkdtemp(f->dir)) {
        free(f);
        return -1;
    }
    *state = f;
    return 0;
}

static int setup_sqlite(void **state)
{
    return setup(state, RDB_SQLITE);
}

static int setup_pg(void **state)
{
    return setup(state, RDB_POSTGRES);
}

static int teardown(void **state)
{
    fixture *f = *state;
    db_test_close(f->db);
    db_test_remove_tree(f->dir);
    free(f);
    return 0;
}

/* Makes the fresh database (f->url) and opens it into f->db. */
static rdb *open_fresh(fixture *f)
{
    saqr_err err = {{0}};
    db_test_url(f->kind, f->dir, f->url, sizeof f->url);
    int st = rdb_open(f->url, &f->db, &err);
    if (st != SAQR_OK)
        fail_msg("rdb_open(%s): %d %s", f->url, st, err.msg);
    return f->db;
}

/* Runs a statement that must succeed. */
static void exec_ok(rdb *db, const char *sql, int n, const char *const *params)
{
    saqr_err err = {{0}};
    int st = rdb_exec(db, sql, n, params, NULL, &err);
    if (st != SAQR_OK)
        fail_msg("%s: %d %s", sql, st, err.msg);
}

/* Runs a query that must succeed; the caller frees the rows. */
static rdb_rows *query_ok(rdb *db, const char *sql, int n, const char *const *params)
{
    saqr_err err = {{0}};
    rdb_rows *rows = NULL;
    int st = rdb_exec(db, sql, n, params, &rows, &err);
    if (st != SAQR_OK)
        fail_msg("%s: %d %s", sql, st, err.msg);
    assert_non_null(rows);
    return rows;
}

/* The single integer a query answers. */
static long query_long(rdb *db, const char *sql)
{
    rdb_rows *rows = query_ok(db, sql, 0, NULL);
    assert_int_equal(rdb_rows_count(rows), 1);
    assert_non_null(rdb_value(rows, 0, 0));
    long v = strtol(rdb_value(rows, 0, 0), NULL, 10);
    rdb_rows_free(rows);
    return v;
}

/* Inserts a trainee; returns rdb_exec's status. */
static int add_trainee(rdb *db, const char *service_number, saqr_err *err)
{
    const char *p[] = {service_number, "Trainee", "super-mushak", "2026-11-29T05:30:00Z"};
    return rdb_exec(db, "INSERT INTO trainees (service_number, name, course, created_at) VALUES (?, ?, ?, ?)", 4, p,
                    NULL, err);
}

/* Reads one integer from url with the back end's own client library,
 * bypassing the code under test; -1 on any failure. */
static long raw_query_long(rdb_backend kind, const char *url, const char *sql)
{
    long v = -1;
    if (kind == RDB_SQLITE) {
        sqlite3 *s = NULL;
        sqlite3_stmt *stmt = NULL;
        if (sqlite3_open_v2(url + strlen("sqlite://"), &s, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
            sqlite3_prepare_v2(s, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW)
            v = (long)sqlite3_column_int64(stmt, 0);
        sqlite3_finalize(stmt);
        sqlite3_close(s);
        return v;
    }
    PGconn *c = PQconnectdb(url);
    if (PQstatus(c) == CONNECTION_OK) {
        PGresult *r = PQexec(c, sql);
        if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1)
            v = strtol(PQgetvalue(r, 0, 0), NULL, 10);
        PQclear(r);
    }
    PQfinish(c);
    return v;
}

/* Runs each of the NULL-terminated statements on url with the back end's
 * own client library, bypassing the code under test; 0 when all ran. */
static int raw_exec(rdb_backend kind, const char *url, const char *const *sql)
{
    int failed = 0;
    if (kind == RDB_SQLITE) {
        sqlite3 *s = NULL;
        if (sqlite3_open_v2(url + strlen("sqlite://"), &s, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
            SQLITE_OK)
            failed = 1;
        if (!failed)
            failed = sqlite3_exec(s, "PRAGMA foreign_keys=ON", NULL, NULL, NULL) != SQLITE_OK;
        for (; !failed && *sql; sql++)
            failed = sqlite3_exec(s, *sql, NULL, NULL, NULL) != SQLITE_OK;
        sqlite3_close(s);
        return failed;
    }
    PGconn *c = PQconnectdb(url);
    failed = PQstatus(c) != CONNECTION_OK;
    PQsetNoticeProcessor(c, db_test_pg_quiet, NULL);
    for (; !failed && *sql; sql++) {
        PGresult *r = PQexec(c, *sql);
        failed = PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK;
        PQclear(r);
    }
    PQfinish(c);
    return failed;
}

static double seconds_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* ============================================================ migrations */

static void opening_a_new_database_migrates_it_to_the_latest_version(void **state)
{
    fixture *f = *state;
    rdb *db = open_fresh(f);
    /* 1: the records contract; 2: instructor passwords; 3: the recordings
     * kept; 4: Incomplete sorties; 5: the instructor's grade; 6: the
     * instructor's marks of items; 7: the instructors' scenarios */
    assert_int_equal(rdb_schema_latest(), 7);
    assert_int_equal(rdb_schema_version(db), 7);
    assert_int_equal(rdb_kind(db), f->kind);
    assert_int_equal(query_long(db, "SELECT COUNT(*) FROM schema_version"), 1);
    assert_int_equal(query_long(db, "SELECT version FROM schema_version"), 7);
    static const char *const tables[] = {"trainees",        "instructors",       "aircraft_types", "airframes", "lessons",
                                         "sorties",         "sortie_elements",   "sortie_recordings", "scenarios"};
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
        char sql[96];
        snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM %s", tables[i]);
        assert_int_equal(query_long(db, sql), 0);
    }
    /* the contract's columns, by name, in a query every back end must accept */
    rdb_rows *rows = query_ok(db,
                              "SELECT id, sortie_id, seq, exercise, element, title, mark, ratio, worst, worst_t_s, lo, "
                              "hi, unit, source, deductions, comment FROM sortie_elements",
                              0, NULL);
    assert_int_equal(rdb_rows_columns(rows), 16);
    rdb_rows_free(rows);
    rows = query_ok(db,
                    "SELECT id, trainee_id, instructor_id, lesson_id, aircraft_type, tail_number, pilot, started_at, "
                    "duration_s, recording, result, summary, comment, element_count FROM sorties",
                    0, NULL);
    assert_int_equal(rdb_rows_columns(rows), 14);
    rdb_rows_free(rows);
    /* version 6's */
    rows = query_ok(db, "SELECT by_instructor, marked_by FROM sortie_elements", 0, NULL);
    assert_int_equal(rdb_rows_columns(rows), 2);
    rdb_rows_free(rows);
    rows = query_ok(db, "SELECT flown_result, flown_summary FROM sorties", 0, NULL);
    assert_int_equal(rdb_rows_columns(rows), 2);
    rdb_rows_free(rows);
    /* version 7's */
    rows = query_ok(db, "SELECT id, name, aircraft, commands, saved_by, saved_at FROM scenarios", 0, NULL);
    assert_int_equal(rdb_rows_columns(rows), 6);
    rdb_rows_free(rows);
}

static void reopening_a_database_does_not_migrate_it_again(void **state)
{
    fixture *f = *state;
    saqr_err err = {{0}};
    rdb *db = open_fresh(f);
    assert_int_equal(add_trainee(db, "PAF-1001", &err), SAQR_OK);
    rdb_close(db);
    f->db = NULL;
    /* a second migration would fail on CREATE TABLE, or lose the row */
    assert_int_equal(rdb_open(f->url, &f->db, &err), SAQR_OK);
    assert_int_equal(rdb_schema_version(f->db), 7);
    assert_int_equal(query_long(f->db, "SELECT COUNT(*) FROM trainees WHERE service_number = 'PAF-1001'"), 1);
    assert_int_equal(query_long(f->db, "SELECT COUNT(*) FROM schema_version"), 1);
}

static void a_database_with_a_newer_schema_is_refused_and_left_unchanged(void **state)
{
    fixture *f = *state;
    saqr_err err = {{0}};
    rdb *db = open_fresh(f);
    exec_ok(db, "UPDATE schema_version SET version = 8", 0, NULL);
    assert_int_equal(add_trainee(db, "PAF-2002", &err), SAQR_OK);
    rdb_close(db);
    f->db = NULL;

    rdb *again = (rdb *)&err; /* must be overwritten */
    assert_int_equal(rdb_open(f->url, &again, &err), SAQR_ESTATE);
    assert_null(again);
    assert_non_null(strstr(err.msg, "database schema version 8 is newer than this Saqr (7); upgrade Saqr"));
    assert_int_equal(raw_query_long(f->kind, f->url, "SELECT version FROM schema_version"), 8);
    assert_int_equal(raw_query_long(f->kind, f->url, "SELECT COUNT(*) FROM schema_version"), 1);
    assert_int_equal(raw_query_long(f->kind, f->url, "SELECT COUNT(*) FROM trainees"), 1);
}

/* A database written by a version-1 Saqr (no password column, no
 * recordings table) is taken to the latest version on opening, its rows
 * kept. */
static void a_version_1_database_is_migrated_keeping_its_rows(void **state)
{
    fixture *f = *state;
    saqr_err err = {{0}};
    rdb *db = open_fresh(f);
    /* back to version 1 as a version-1 Saqr left it */
    exec_ok(db, "DROP TABLE scenarios", 0, NULL);
    exec_ok(db, "DROP TABLE sortie_recordings", 0, NULL);
    exec_ok(db, "ALTER TABLE instructors DROP COLUMN password_hash", 0, NULL);
    for (const char *const *c = (const char *const[]){"auto_result", "regrade_reason", "regraded_by", "flown_result",
                                                       "flown_summary", NULL};
         *c; c++) {
        char sql[80];
        snprintf(sql, sizeof sql, "ALTER TABLE sorties DROP COLUMN %s", *c);
        exec_ok(db, sql, 0, NULL);
    }
    exec_ok(db, "ALTER TABLE sortie_elements DROP COLUMN by_instructor", 0, NULL);
    exec_ok(db, "ALTER TABLE sortie_elements DROP COLUMN marked_by", 0, NULL);
    exec_ok(db, "UPDATE schema_version SET version = 1", 0, NULL);
    const char *p[] = {"INS-1", "Sqn Ldr Example"};
    exec_ok(db, "INSERT INTO instructors (service_number, name) VALUES (?, ?)", 2, p);
    rdb_close(db);
    f->db = NULL;
    assert_int_equal(rdb_open(f->url, &f->db, &err), SAQR_OK);
    assert_int_equal(rdb_schema_version(f->db), 7);
    assert_int_equal(query_long(f->db, "SELECT COUNT(*) FROM instructors WHERE service_number = 'INS-1' AND "
                                       "password_hash IS NULL"),
                     1);
    assert_int_equal(query_long(f->db, "SELECT COUNT(*) FROM sortie_recordings"), 0);
    assert_int_equal(query_long(f->db, "SELECT COUNT(*) FROM scenarios"), 0);
    assert_int_equal(query_long(f->db, "SELECT version FROM schema_version"), 7);
}

/* A database as a version-3 Saqr left it, with a stored sortie, its
 * element and recording: it refuses an Incomplete sortie, and on opening
 * takes versions 4 to 6 (src/records/schema.c) with every row kept - ids,
 * doubles bit for bit, the foreign keys and indexes as before - and then
 * takes one. */
static void a_version_3_database_takes_incomplete_sorties_keeping_its_rows(void **state)
{
    fixture *f = *state;
    saqr_err err = {{0}};
    db_test_url(f->kind, f->dir, f->url, sizeof f->url);
    for (int v = 1; v <= 3; v++)
        assert_int_equal(raw_exec(f->kind, f->url, rdb_schema_steps(f->kind, v)), 0);
    static const char *const rows[] = {
        "INSERT INTO schema_version (version) VALUES (3)",
        "INSERT INTO trainees (service_number, name, course, created_at) VALUES ('PAF-3', 'T', 'super-mushak', "
        "'2026-12-01T08:00:00Z')",
        "INSERT INTO sorties (trainee_id, lesson_id, aircraft_type, pilot, started_at, duration_s, recording, result, "
        "summary, element_count) SELECT id, 'super-mushak/stalls', 'super-mushak', 'trainee', "
        "'2026-12-01T08:10:00Z', 0.30000000000000004, '/r/1.saqrrec', 'Unsat', 'one', 1 FROM trainees",
        "INSERT INTO sortie_elements (sortie_id, seq, exercise, element, title, mark, ratio, worst) SELECT id, 0, "
        "'e', 'el', 't', 'Unsatisfactory', 0.1, -2.5e-7 FROM sorties",
        "INSERT INTO sortie_recordings (sortie_id, encoding, size_bytes, data) SELECT id, 'zlib+base64', 3, 'eJw=' "
        "FROM sorties",
        NULL};
    assert_int_equal(raw_exec(f->kind, f->url, rows), 0);
    static const char *const incomplete[] = {
        "INSERT INTO sorties (lesson_id, aircraft_type, pilot, started_at, duration_s, result, summary, "
        "element_count) VALUES ('super-mushak/stalls', 'super-mushak', 'trainee', 't', 1, 'Incomplete', 's', 0)",
        NULL};
    assert_int_not_equal(raw_exec(f->kind, f->url, incomplete), 0); /* version 3's CHECK */
    long sortie_id = raw_query_long(f->kind, f->url, "SELECT id FROM sorties");
    assert_true(sortie_id > 0);

    assert_int_equal(rdb_open(f->url, &f->db, &err), SAQR_OK);
    assert_int_equal(rdb_schema_version(f->db), 7);
    assert_int_equal(query_long(f->db, "SELECT id FROM sorties"), sortie_id);
    /* version 5's columns, empty for a sortie nobody re-graded, and 6's,
     * empty for a sortie stored before: no items, its grading its own */
    assert_int_equal(query_long(f->db, "SELECT COUNT(*) FROM sorties WHERE auto_result IS NULL AND regrade_reason IS "
                                       "NULL AND regraded_by IS NULL AND flown_result IS NULL AND flown_summary IS "
                                       "NULL"),
                     1);
    assert_int_equal(query_long(f->db, "SELECT COUNT(*) FROM sortie_elements WHERE by_instructor IS NULL AND "
                                       "marked_by IS NULL"),
                     1);
    rdb_rows *r = query_ok(f->db,
                           "SELECT s.duration_s, s.recording, s.result, e.ratio, e.worst, e.mark, c.data, t.service_number "
                           "FROM sorties s JOIN sortie_elements e ON e.sortie_id = s.id JOIN sortie_recordings c ON "
                           "c.sortie_id = s.id JOIN trainees t ON t.id = s.trainee_id",
                           0, NULL);
    assert_int_equal(rdb_rows_count(r), 1);
    double duration = strtod(rdb_value(r, 0, 0), NULL), ratio = strtod(rdb_value(r, 0, 3), NULL);
    const double want_duration = 0.30000000000000004, want_ratio = 0.1;
    assert_memory_equal(&duration, &want_duration, sizeof duration);
    assert_memory_equal(&ratio, &want_ratio, sizeof ratio);
    assert_true(strtod(rdb_value(r, 0, 4), NULL) == -2.5e-7);
    assert_string_equal(rdb_value(r, 0, 1), "/r/1.saqrrec");
    assert_string_equal(rdb_value(r, 0, 2), "Unsat");
    assert_string_equal(rdb_value(r, 0, 5), "Unsatisfactory");
    assert_string_equal(rdb_value(r, 0, 6), "eJw=");
    assert_string_equal(rdb_value(r, 0, 7), "PAF-3");
    rdb_rows_free(r);

    /* now an Incomplete is taken, anything else still refused */
    exec_ok(f->db, incomplete[0], 0, NULL);
    assert_int_equal(query_long(f->db, "SELECT COUNT(*) FROM sorties WHERE result = 'Incomplete'"), 1);
    assert_int_not_equal(rdb_exec(f->db,
                                  "INSERT INTO sorties (lesson_id, aircraft_type, pilot, started_at, duration_s, "
                                  "result, summary, element_count) VALUES ('l', 'a', 'p', 't', 1, 'Maybe', 's', 0)",
                                  0, NULL, NULL, &err),
                         SAQR_OK);
    /* the children still point at their parent */
    assert_int_not_equal(rdb_exec(f->db,
                                  "INSERT INTO sortie_elements (sortie_id, seq, exercise, element, title, mark) "
                                  "VALUES (987654, 0, 'e', 'el', 't', 'Good')",
                                  0, NULL, NULL, &err),
                         SAQR_OK);
    assert_int_not_equal(rdb_exec(f->db,
                                  "INSERT INTO sortie_recordings (sortie_id, encoding, size_bytes, data) VALUES "
                                  "(987654, 'zlib+base64', 0, '')",
                                  0, NULL, NULL, &err),
                         SAQR_OK);
    if (f->kind == RDB_SQLITE) {
        assert_int_equal(query_long(f->db, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name IN "
                                           "('sorties_trainee', 'sortie_elements_sortie')"),
                         2);
        assert_int_equal(query_long(f->db, "SELECT COUNT(*) FROM sqlite_master WHERE name LIKE 'v4%'"), 0);
        assert_int_equal(query_long(f->db, "SELECT COUNT(*) FROM pragma_foreign_key_check"), 0);
    } else {
        assert_int_equal(query_long(f->db, "SELECT COUNT(*) FROM pg_indexes WHERE indexname IN "
                                           "('sorties_trainee', 'sortie_elements_sortie') AND schemaname = "
                                           "current_schema()"),
                         2);
    }
}

/* Opens the same fresh database from 6 processes at once, 5 times over:
 * every one succeeds and the schema is made once (on PostgreSQL the
 * advisory lock, on SQLite BEGIN IMMEDIATE, serialises them; on SQLite
 * two of them switching the new file to WAL together used to get
 * "database is locked" about one time in ten with 4 processes). */
static void stations_opening_a_new_database_at_once_migrate_it_once(void **state)
{
    fixture *f = *state;
    enum { NPROC = 6, ROUNDS = 5 };
    for (int round = 0; round < ROUNDS; round++) {
        db_test_url(f->kind, f->dir, f->url, sizeof f->url);
        pid_t pids[NPROC];
        for (int i = 0; i < NPROC; i++) {
            pids[i] = fork();
            assert_true(pids[i] >= 0);
            if (pids[i] == 0) {
                rdb *db = NULL;
                saqr_err err = {{0}};
                int st = rdb_open(f->url, &db, &err);
                if (st == SAQR_OK && rdb_schema_version(db) != rdb_schema_latest())
                    st = 100;
                if (st != SAQR_OK)
                    fprintf(stderr, "round %d, station %d: %s\n", round, i, err.msg);
                rdb_close(db);
                _exit(st);
            }
        }
        /* every station is waited for before any verdict, so that none is
         * still writing when the fixture removes the folder */
        int failed = 0;
        for (int i = 0; i < NPROC; i++) {
            int status = 0;
            assert_int_equal(waitpid(pids[i], &status, 0), pids[i]);
            failed += !WIFEXITED(status) || WEXITSTATUS(status) != 0;
        }
        assert_int_equal(failed, 0);
        saqr_err err = {{0}};
        assert_int_equal(rdb_open(f->url, &f->db, &err), SAQR_OK);
        assert_int_equal(query_long(f->db, "SELECT COUNT(*) FROM schema_version"), 1);
        db_test_close(f->db); /* on PostgreSQL, drops the round's schema */
        f->db = NULL;
    }
}

/* ============================================================ statements */

static void every_column_type_round_trips_including_null(void **state)
{
    fixture *f = *state;
    rdb *db = open_fresh(f);
    const char *tricky = "O'Brien \"Tiger\" -- ? /* ? */ $1 \\ ; Ωμέγα";
    const char *tp[] = {"007", tricky, "1.50", "2026-11-29T05:30:00Z"}; /* numbers in TEXT columns stay text */
    rdb_rows *ids = query_ok(db,
                             "INSERT INTO trainees (service_number, name, course, created_at) "
                             "VALUES (?, ?, ?, ?) RETURNING id",
                             4, tp);
    assert_int_equal(rdb_rows_count(ids), 1);
    assert_int_equal(rdb_rows_columns(ids), 1);
    char trainee_id[32];
    snprintf(trainee_id, sizeof trainee_id, "%s", rdb_value(ids, 0, 0));
    rdb_rows_free(ids);
    assert_true(strtol(trainee_id, NULL, 10) >= 1);

    /* a literal '?' inside quotes is not a placeholder; NULLs pass as NULL */
    const char *sp[] = {trainee_id, "super-mushak/circuit", NULL, "2026-11-29T06:00:00Z", "1234.5", NULL,
                        "Marginal", "7"};
    rdb_rows *sid = query_ok(db,
                             "INSERT INTO sorties (trainee_id, instructor_id, lesson_id, aircraft_type, tail_number, "
                             "pilot, started_at, duration_s, recording, result, summary, comment, element_count) "
                             "VALUES (?, NULL, ?, 'super-mushak', ?, 'trainee', ?, ?, ?, ?, 'why? it''s ''?''', "
                             "NULL, ?) RETURNING id",
                             8, sp);
    char sortie_id[32];
    snprintf(sortie_id, sizeof sortie_id, "%s", rdb_value(sid, 0, 0));
    rdb_rows_free(sid);

    const char *q[] = {sortie_id};
    rdb_rows *r = query_ok(db,
                           "SELECT s.trainee_id, s.instructor_id, s.tail_number, s.duration_s, s.recording, s.summary, "
                           "s.comment, s.element_count, t.name, s.id, t.service_number, t.course FROM sorties s "
                           "JOIN trainees t ON t.id = s.trainee_id WHERE s.id = ?",
                           1, q);
    assert_int_equal(rdb_rows_count(r), 1);
    assert_int_equal(rdb_rows_columns(r), 12);
    assert_string_equal(rdb_value(r, 0, 10), "007");
    assert_string_equal(rdb_value(r, 0, 11), "1.50");
    assert_string_equal(rdb_value(r, 0, 0), trainee_id);
    assert_null(rdb_value(r, 0, 1));
    assert_null(rdb_value(r, 0, 2));
    assert_string_equal(rdb_value(r, 0, 3), "1234.5");
    assert_null(rdb_value(r, 0, 4));
    assert_string_equal(rdb_value(r, 0, 5), "why? it's '?'");
    assert_null(rdb_value(r, 0, 6));
    assert_string_equal(rdb_value(r, 0, 7), "7");
    assert_string_equal(rdb_value(r, 0, 8), tricky);
    assert_string_equal(rdb_value(r, 0, 9), sortie_id);
    /* out of range reads are NULL, not a crash */
    assert_null(rdb_value(r, 1, 0));
    assert_null(rdb_value(r, 0, 12));
    assert_null(rdb_value(r, -1, 0));
    rdb_rows_free(r);

    /* an empty result is a set of zero rows */
    const char *none[] = {"no-such"};
    r = query_ok(db, "SELECT id, name FROM trainees WHERE service_number = ?", 1, none);
    assert_int_equal(rdb_rows_count(r), 0);
    rdb_rows_free(r);
}

static void doubles_round_trip_bit_for_bit(void **state)
{
    fixture *f = *state;
    rdb *db = open_fresh(f);
    exec_ok(db, "INSERT INTO aircraft_types (name) VALUES ('jf17')", 0, NULL);
    rdb_rows *sid = query_ok(db,
                             "INSERT INTO sorties (lesson_id, aircraft_type, pilot, started_at, duration_s, result, "
                             "summary, element_count) VALUES ('l', 'jf17', 'p', 't', 0, 'Pass', 's', 0) RETURNING id",
                             0, NULL);
    char sortie_id[32];
    snprintf(sortie_id, sizeof sortie_id, "%s", rdb_value(sid, 0, 0));
    rdb_rows_free(sid);

    enum { N = 120 };
    double v[N] = {0.1, 0.30000000000000004, 1.0 / 3.0, -2.5e-7, 123456789.123456789, 6.02214076e23,
                   1e-20, 9007199254740993.0, 0.0, -1.0, 299792458.0, 1.7976931348623157e308 / 1e290,
                   /* SQLite 3.40 reads these texts one unit in the last place off (x86-64) */
                   1.4420410029304293e-292, -8.9124431901522724e-299, 1.7976931348623157e308, 1e23};
    uint64_t x = 0x9E3779B97F4A7C15u;
    for (int i = 16; i < N; i++) { /* random mantissas over magnitudes 1e-20 .. 1e20 */
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        double m = (double)(x >> 11) / 9007199254740992.0;
        v[i] = (i % 2 ? -1 : 1) * m * pow(10.0, (double)(i % 41) - 20.0);
    }
    saqr_err err = {{0}};
    assert_int_equal(rdb_begin(db, &err), SAQR_OK);
    for (int i = 0; i < N; i++) {
        char seq[16], text[32];
        snprintf(seq, sizeof seq, "%d", i);
        snprintf(text, sizeof text, "%.17g", v[i]);
        const char *p[] = {sortie_id, seq, text, text};
        exec_ok(db,
                "INSERT INTO sortie_elements (sortie_id, seq, exercise, element, title, mark, ratio, worst) "
                "VALUES (?, ?, 'e', 'el', 't', 'Good', ?, ?)",
                4, p);
    }
    assert_int_equal(rdb_commit(db, &err), SAQR_OK);
    rdb_rows *r = query_ok(db, "SELECT ratio, worst, lo FROM sortie_elements ORDER BY seq", 0, NULL);
    assert_int_equal(rdb_rows_count(r), N);
    for (int i = 0; i < N; i++) {
        double back = strtod(rdb_value(r, i, 0), NULL);
        if (memcmp(&back, &v[i], sizeof back) != 0)
            fail_msg("row %d: wrote %.17g, read \"%s\"", i, v[i], rdb_value(r, i, 0));
        assert_true(strtod(rdb_value(r, i, 1), NULL) == v[i]);
        assert_null(rdb_value(r, i, 2));
    }
    rdb_rows_free(r);
}

static void a_unique_violation_is_an_invalid_argument(void **state)
{
    fixture *f = *state;
    saqr_err err = {{0}};
    rdb *db = open_fresh(f);
    assert_int_equal(add_trainee(db, "PAF-4004", &err), SAQR_OK);
    assert_int_equal(add_trainee(db, "PAF-4004", &err), SAQR_EINVAL);
    assert_true(strlen(err.msg) > 0);
    assert_int_equal(query_long(db, "SELECT COUNT(*) FROM trainees"), 1);
    /* other constraint failures are I/O errors: a missing aircraft type (foreign keys are on) */
    const char *p[] = {"999", "AF-1"};
    assert_int_equal(rdb_exec(db, "INSERT INTO airframes (type_id, tail_number) VALUES (?, ?)", 2, p, NULL, &err),
                     SAQR_EIO);
    assert_int_equal(query_long(db, "SELECT COUNT(*) FROM airframes"), 0);
}

static void a_rolled_back_transaction_leaves_nothing(void **state)
{
    fixture *f = *state;
    saqr_err err = {{0}};
    rdb *db = open_fresh(f);
    assert_int_equal(rdb_begin(db, &err), SAQR_OK);
    assert_int_equal(add_trainee(db, "PAF-5005", &err), SAQR_OK);
    assert_int_equal(query_long(db, "SELECT COUNT(*) FROM trainees"), 1);
    rdb_rollback(db);
    assert_int_equal(query_long(db, "SELECT COUNT(*) FROM trainees"), 0);

    /* a failed statement makes the commit refuse and roll back */
    assert_int_equal(rdb_begin(db, &err), SAQR_OK);
    assert_int_equal(add_trainee(db, "PAF-5006", &err), SAQR_OK);
    assert_int_equal(add_trainee(db, "PAF-5006", &err), SAQR_EINVAL);
    assert_int_not_equal(rdb_commit(db, &err), SAQR_OK);
    assert_int_equal(query_long(db, "SELECT COUNT(*) FROM trainees"), 0);

    /* transactions do not nest; commit needs one */
    assert_int_equal(rdb_commit(db, &err), SAQR_ESTATE);
    assert_int_equal(rdb_begin(db, &err), SAQR_OK);
    assert_int_equal(rdb_begin(db, &err), SAQR_ESTATE);
    assert_int_equal(add_trainee(db, "PAF-5007", &err), SAQR_OK);
    assert_int_equal(rdb_commit(db, &err), SAQR_OK);
    assert_int_equal(query_long(db, "SELECT COUNT(*) FROM trainees"), 1);
}

static void two_handles_on_one_database_see_each_others_committed_rows(void **state)
{
    fixture *f = *state;
    saqr_err err = {{0}};
    rdb *a = open_fresh(f);
    rdb *b = NULL;
    assert_int_equal(rdb_open(f->url, &b, &err), SAQR_OK);
    assert_int_equal(rdb_begin(a, &err), SAQR_OK);
    assert_int_equal(add_trainee(a, "PAF-6006", &err), SAQR_OK);
    assert_int_equal(query_long(b, "SELECT COUNT(*) FROM trainees"), 0); /* not yet committed */
    assert_int_equal(rdb_commit(a, &err), SAQR_OK);
    assert_int_equal(query_long(b, "SELECT COUNT(*) FROM trainees"), 1);
    assert_int_equal(add_trainee(b, "PAF-6007", &err), SAQR_OK);
    assert_int_equal(query_long(a, "SELECT COUNT(*) FROM trainees"), 2);
    rdb_close(b);
}

static void a_wrong_number_of_values_is_refused(void **state)
{
    fixture *f = *state;
    saqr_err err = {{0}};
    rdb *db = open_fresh(f);
    const char *p[] = {"x", "y"};
    assert_int_equal(rdb_exec(db, "SELECT COUNT(*) FROM trainees WHERE name = ?", 2, p, NULL, &err), SAQR_EINVAL);
    assert_non_null(strstr(err.msg, "1 placeholders, 2 values"));
    assert_int_equal(rdb_exec(db, "SELECT COUNT(*) FROM trainees WHERE name = ? OR name = '?'", 1, p, NULL, &err),
                     SAQR_OK);
    assert_int_not_equal(rdb_exec(db, "SELECT nonsense FROM nowhere", 0, NULL, NULL, &err), SAQR_OK);
    assert_true(strlen(err.msg) > 0);
}

/* The settings the brief asks of SQLite, read back from SQLite itself. */
static void sqlite_runs_in_wal_mode_with_full_sync_and_foreign_keys(void **state)
{
    fixture *f = *state;
    rdb *db = open_fresh(f);
    rdb_rows *r = query_ok(db, "PRAGMA journal_mode", 0, NULL);
    assert_string_equal(rdb_value(r, 0, 0), "wal");
    rdb_rows_free(r);
    assert_int_equal(query_long(db, "PRAGMA synchronous"), 2); /* FULL */
    assert_int_equal(query_long(db, "PRAGMA foreign_keys"), 1);
    assert_int_equal(query_long(db, "PRAGMA busy_timeout"), 5000);
}

/* ================================================================ errors */

static void bad_urls_give_clear_errors(void **state)
{
    (void)state;
    rdb *db = NULL;
    saqr_err err = {{0}};
    assert_int_equal(rdb_open("", &db, &err), SAQR_EINVAL);
    assert_null(db);
    assert_non_null(strstr(err.msg, "empty database URL"));
    assert_int_equal(rdb_open("mysql://x", &db, &err), SAQR_EINVAL);
    assert_non_null(strstr(err.msg, "mysql"));
    assert_int_equal(rdb_open("postgres://", &db, &err), SAQR_EINVAL);
    assert_non_null(strstr(err.msg, "names no database"));
    assert_int_equal(rdb_open("postgres://bob:hunter2@db.example:5432/", &db, &err), SAQR_EINVAL);
    assert_null(strstr(err.msg, "hunter2"));
    assert_int_equal(rdb_open("postgres://h:99999/db", &db, &err), SAQR_EINVAL);
    assert_int_equal(rdb_open("sqlite://", &db, &err), SAQR_EINVAL);
    assert_null(db);
    /* SQLite would read these as URIs of its own (mode=memory: nothing
     * stored, with "Added" printed) */
    assert_int_equal(rdb_open("file:/tmp/x.db?mode=memory", &db, &err), SAQR_EINVAL);
    assert_non_null(strstr(err.msg, "file:"));
    assert_int_equal(rdb_open("sqlite://file:x.db", &db, &err), SAQR_EINVAL);
    assert_null(db);
}

static void a_file_in_a_folder_that_cannot_be_made_is_an_io_error(void **state)
{
    (void)state;
    rdb *db = NULL;
    saqr_err err = {{0}};
    double t0 = seconds_now();
    assert_int_equal(rdb_open("/proc/x/y.db", &db, &err), SAQR_EIO);
    assert_null(db);
    assert_non_null(strstr(err.msg, "/proc/x"));
    assert_int_equal(rdb_open("sqlite:///proc/x/y.db", &db, &err), SAQR_EIO);
    assert_true(seconds_now() - t0 < 6.0);
}

static void an_unreachable_server_fails_fast_without_showing_the_password(void **state)
{
    (void)state;
    rdb *db = NULL;
    saqr_err err = {{0}};
    double t0 = seconds_now();
    assert_int_equal(rdb_open("postgres://u:p@127.0.0.1:1/db", &db, &err), SAQR_EIO);
    assert_null(db);
    assert_true(seconds_now() - t0 < 6.0);
    assert_non_null(strstr(err.msg, "postgres://u@127.0.0.1:1/db"));
    assert_null(strstr(err.msg, "u:p"));
    assert_null(strstr(err.msg, ":p@"));

    t0 = seconds_now();
    assert_int_equal(rdb_open("postgresql://alice:Zq9-secret@127.0.0.1:1/records?password=Zq9-secret&sslmode=disable",
                              &db, &err),
                     SAQR_EIO);
    assert_true(seconds_now() - t0 < 6.0);
    assert_null(strstr(err.msg, "Zq9-secret"));
    assert_non_null(strstr(err.msg, "alice@127.0.0.1:1/records"));
}

static void a_file_that_is_not_a_database_gives_an_error_naming_it(void **state)
{
    fixture *f = *state;
    char path[256];
    snprintf(path, sizeof path, "%s/notes.db", f->dir);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    for (int i = 0; i < 64; i++)
        fputs("These are a pilot's notes, not an SQLite database.\n", fp);
    fclose(fp);
    rdb *db = NULL;
    saqr_err err = {{0}};
    assert_int_equal(rdb_open(path, &db, &err), SAQR_EIO);
    assert_null(db);
    assert_non_null(strstr(err.msg, path));
    assert_non_null(strstr(err.msg, "not a database"));
}

static long file_size(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 ? (long)sb.st_size : -1;
}

static int read_all(const char *path, char *buf, long n)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return 0;
    size_t got = fread(buf, 1, (size_t)n, fp);
    fclose(fp);
    return got == (size_t)n;
}

/* A file damaged in the middle (a stray write over a few pages) is
 * refused at opening, named, and left byte for byte as it was: SQLite
 * alone would read what is left of the pages as rows and store new
 * sorties beside the damage. */
static void a_damaged_file_is_refused_and_left_as_it_is(void **state)
{
    fixture *f = *state;
    char path[256];
    snprintf(path, sizeof path, "%s/damaged.db", f->dir);
    rdb *db = NULL;
    saqr_err err = {{0}};
    assert_int_equal(rdb_open(path, &db, &err), SAQR_OK);
    assert_int_equal(rdb_exec(db, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)", 0, NULL, NULL, &err),
                     SAQR_OK);
    char body[600];
    memset(body, 'n', sizeof body - 1);
    body[sizeof body - 1] = '\0';
    const char *param[1] = {body};
    for (int i = 0; i < 200; i++)
        assert_int_equal(rdb_exec(db, "INSERT INTO notes (body) VALUES (?)", 1, param, NULL, &err), SAQR_OK);
    rdb_close(db); /* the last connection: the log goes into the file */
    long n = file_size(path);
    assert_true(n > 20 * 4096);

    /* the damage: 8 kB of a repeating pattern over two pages mid-file */
    FILE *fp = fopen(path, "r+b");
    assert_non_null(fp);
    assert_int_equal(fseek(fp, (n / 2) & ~4095L, SEEK_SET), 0);
    for (int i = 0; i < 8192; i++)
        fputc((i * 37 + 11) & 0xff, fp);
    fclose(fp);
    char *before = malloc((size_t)n), *after = malloc((size_t)n);
    assert_true(before && after && read_all(path, before, n));

    assert_int_equal(rdb_open(path, &db, &err), SAQR_EIO);
    assert_null(db);
    assert_non_null(strstr(err.msg, path));
    assert_non_null(strstr(err.msg, "damaged"));
    assert_null(strchr(err.msg, '\n'));
    assert_int_equal(file_size(path), n);
    assert_true(read_all(path, after, n));
    assert_memory_equal(before, after, (size_t)n);
    free(before);
    free(after);
}

/* A command that only reads opens the records while another station
 * holds the write lock (WAL: readers never wait for a writer); only a
 * schema that needs migrating takes the lock at opening. */
static void opening_a_current_file_does_not_wait_for_a_writer(void **state)
{
    fixture *f = *state;
    char path[256];
    snprintf(path, sizeof path, "%s/busy.db", f->dir);
    rdb *writer = NULL, *reader = NULL;
    saqr_err err = {{0}};
    assert_int_equal(rdb_open(path, &writer, &err), SAQR_OK);
    assert_int_equal(rdb_begin(writer, &err), SAQR_OK);
    assert_int_equal(rdb_exec(writer, "INSERT INTO instructors (service_number, name) VALUES ('IP-9', 'Held')", 0,
                              NULL, NULL, &err),
                     SAQR_OK);
    assert_int_equal(rdb_open(path, &reader, &err), SAQR_OK);
    rdb_rows *rows = NULL;
    assert_int_equal(rdb_exec(reader, "SELECT COUNT(*) FROM instructors", 0, NULL, &rows, &err), SAQR_OK);
    assert_string_equal(rdb_value(rows, 0, 0), "0"); /* the writer's row is not committed yet */
    rdb_rows_free(rows);
    rdb_close(reader);
    assert_int_equal(rdb_commit(writer, &err), SAQR_OK);
    rdb_close(writer);
}

/* What a command that only reads asks first: a missing SQLite file is
 * named and left uncreated; a file that is there, or a PostgreSQL URL
 * (the server answers when opened), passes; a bad URL keeps its error. */
static void a_missing_sqlite_file_is_reported_to_readers_and_not_made(void **state)
{
    fixture *f = *state;
    char url[512], path[256];
    snprintf(path, sizeof path, "%s/typo/records.db", f->dir);
    snprintf(url, sizeof url, "sqlite://%s", path);
    saqr_err err = {{0}};
    assert_int_equal(rdb_check_exists(url, &err), SAQR_EINVAL);
    assert_non_null(strstr(err.msg, path));
    assert_non_null(strstr(err.msg, "no records database"));
    struct stat sb;
    assert_int_not_equal(stat(path, &sb), 0); /* nothing made, nor its folder */
    snprintf(path, sizeof path, "%s/typo", f->dir);
    assert_int_not_equal(stat(path, &sb), 0);

    rdb *db = NULL;
    snprintf(url, sizeof url, "sqlite://%s/there.db", f->dir);
    assert_int_equal(rdb_open(url, &db, &err), SAQR_OK);
    rdb_close(db);
    assert_int_equal(rdb_check_exists(url, &err), SAQR_OK);
    assert_int_equal(rdb_check_exists("postgres://saqr@127.0.0.1:1/none", &err), SAQR_OK);
    assert_int_equal(rdb_check_exists("ftp://x/y", &err), SAQR_EINVAL);
    assert_non_null(strstr(err.msg, "scheme"));
}

/* ============================================================ the default */

static void the_default_database_lives_in_the_xdg_data_folder(void **state)
{
    fixture *f = *state;
    char *old_xdg = getenv("XDG_DATA_HOME") ? strdup(getenv("XDG_DATA_HOME")) : NULL;
    char *old_home = getenv("HOME") ? strdup(getenv("HOME")) : NULL;
    char url[4096], want[4096], xdg[256];

    snprintf(xdg, sizeof xdg, "%s/data/deeper", f->dir);
    setenv("XDG_DATA_HOME", xdg, 1);
    rdb_default_url(url, sizeof url);
    snprintf(want, sizeof want, "sqlite://%s/saqr/records.db", xdg);
    assert_string_equal(url, want);
    /* opening it makes the missing folders */
    saqr_err err = {{0}};
    assert_int_equal(rdb_open(url, &f->db, &err), SAQR_OK);
    char file[512];
    snprintf(file, sizeof file, "%s/saqr/records.db", xdg);
    struct stat sb;
    assert_int_equal(stat(file, &sb), 0);

    unsetenv("XDG_DATA_HOME");
    setenv("HOME", "/home/pilot", 1);
    rdb_default_url(url, sizeof url);
    assert_string_equal(url, "sqlite:///home/pilot/.local/share/saqr/records.db");

    if (old_xdg)
        setenv("XDG_DATA_HOME", old_xdg, 1);
    if (old_home)
        setenv("HOME", old_home, 1);
    free(old_xdg);
    free(old_home);
}

/* ============================================================ pure parts */

static void urls_are_taken_apart_and_passwords_hidden(void **state)
{
    (void)state;
    rdb_url u;
    saqr_err err = {{0}};
    assert_int_equal(rdb_parse_url("sqlite:///var/lib/saqr/r.db", &u, &err), SAQR_OK);
    assert_int_equal(u.kind, RDB_SQLITE);
    assert_string_equal(u.path, "/var/lib/saqr/r.db");
    assert_int_equal(rdb_parse_url("sqlite://rel/r.db", &u, &err), SAQR_OK);
    assert_string_equal(u.path, "rel/r.db");
    assert_int_equal(rdb_parse_url("plain.db", &u, &err), SAQR_OK);
    assert_int_equal(u.kind, RDB_SQLITE);
    assert_string_equal(u.path, "plain.db");

    assert_int_equal(rdb_parse_url("postgres://wing:pw@db.local:5433/records", &u, &err), SAQR_OK);
    assert_int_equal(u.kind, RDB_POSTGRES);
    assert_string_equal(u.dbname, "records");
    assert_string_equal(u.shown, "postgres://wing@db.local:5433/records");
    assert_string_equal(u.conninfo, "postgres://wing:pw@db.local:5433/records?connect_timeout=5");

    assert_int_equal(rdb_parse_url("postgresql://[::1]:5432,h2/r?sslmode=require&password=x&connect_timeout=2", &u,
                                   &err),
                     SAQR_OK);
    assert_string_equal(u.shown, "postgresql://[::1]:5432,h2/r?sslmode=require&connect_timeout=2");
    assert_string_equal(u.conninfo, "postgresql://[::1]:5432,h2/r?sslmode=require&password=x&connect_timeout=2");
    assert_int_equal(rdb_parse_url("postgres://h?dbname=r", &u, &err), SAQR_OK);
    assert_string_equal(u.dbname, "r");
    assert_string_equal(u.conninfo, "postgres://h?dbname=r&connect_timeout=5");
    assert_int_equal(rdb_parse_url("postgres:///r", &u, &err), SAQR_OK); /* the local socket */

    assert_int_equal(rdb_parse_url("postgres://u:p@h:0/r", &u, &err), SAQR_EINVAL);
    assert_int_equal(rdb_parse_url("postgres://u:p@h:x/r", &u, &err), SAQR_EINVAL);
    assert_null(strstr(err.msg, ":p@"));
    char long_url[RDB_URL_MAX + 8];
    memset(long_url, 'a', sizeof long_url - 1);
    long_url[sizeof long_url - 1] = '\0';
    assert_int_equal(rdb_parse_url(long_url, &u, &err), SAQR_EINVAL);
    assert_non_null(strstr(err.msg, "too long"));
}

static void question_marks_become_numbered_parameters_outside_quotes(void **state)
{
    (void)state;
    char out[256];
    int n = -1;
    saqr_err err = {{0}};
    assert_int_equal(rdb_pg_placeholders("SELECT ?, '?', 'it''s ?', \"?\", E'\\'?', ? -- ?\n, /* ? /* ? */ ? */ ?",
                                         out, sizeof out, &n, &err),
                     SAQR_OK);
    assert_string_equal(out, "SELECT $1, '?', 'it''s ?', \"?\", E'\\'?', $2 -- ?\n, /* ? /* ? */ ? */ $3");
    assert_int_equal(n, 3);
    assert_int_equal(rdb_pg_placeholders("SELECT ?1", out, sizeof out, &n, &err), SAQR_EINVAL);
    assert_int_equal(rdb_pg_placeholders("SELECT ?, ?, ?", out, 10, &n, &err), SAQR_EINVAL);
    /* an unterminated literal swallows the rest, as the server will complain */
    assert_int_equal(rdb_pg_placeholders("SELECT '?", out, sizeof out, &n, &err), SAQR_OK);
    assert_int_equal(n, 0);
}

/* ================================================================= main */

#define BOTH(fn)                                                                                                   \
    {"sqlite: " #fn, fn, setup_sqlite, teardown, NULL}, { "postgres: " #fn, fn, setup_pg, teardown, NULL }

int main(void)
{
    const struct CMUnitTest tests[] = {
        BOTH(opening_a_new_database_migrates_it_to_the_latest_version),
        BOTH(reopening_a_database_does_not_migrate_it_again),
        BOTH(a_database_with_a_newer_schema_is_refused_and_left_unchanged),
        BOTH(stations_opening_a_new_database_at_once_migrate_it_once),
        BOTH(every_column_type_round_trips_including_null),
        BOTH(doubles_round_trip_bit_for_bit),
        BOTH(a_unique_violation_is_an_invalid_argument),
        BOTH(a_rolled_back_transaction_leaves_nothing),
        BOTH(two_handles_on_one_database_see_each_others_committed_rows),
        BOTH(a_wrong_number_of_values_is_refused),
        BOTH(a_version_1_database_is_migrated_keeping_its_rows),
        BOTH(a_version_3_database_takes_incomplete_sorties_keeping_its_rows),
        cmocka_unit_test_setup_teardown(sqlite_runs_in_wal_mode_with_full_sync_and_foreign_keys, setup_sqlite,
                                        teardown),
        cmocka_unit_test_setup_teardown(a_file_that_is_not_a_database_gives_an_error_naming_it, setup_sqlite,
                                        teardown),
        cmocka_unit_test_setup_teardown(the_default_database_lives_in_the_xdg_data_folder, setup_sqlite, teardown),
        cmocka_unit_test_setup_teardown(a_missing_sqlite_file_is_reported_to_readers_and_not_made, setup_sqlite,
                                        teardown),
        cmocka_unit_test_setup_teardown(a_damaged_file_is_refused_and_left_as_it_is, setup_sqlite, teardown),
        cmocka_unit_test_setup_teardown(opening_a_current_file_does_not_wait_for_a_writer, setup_sqlite, teardown),
        cmocka_unit_test(bad_urls_give_clear_errors),
        cmocka_unit_test(a_file_in_a_folder_that_cannot_be_made_is_an_io_error),
        cmocka_unit_test(an_unreachable_server_fails_fast_without_showing_the_password),
        cmocka_unit_test(urls_are_taken_apart_and_passwords_hidden),
        cmocka_unit_test(question_marks_become_numbered_parameters_outside_quotes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
