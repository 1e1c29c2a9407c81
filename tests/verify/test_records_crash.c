/*
 * test_records_crash.c - a sortie is stored whole or not at all, and a
 * stored sortie is never lost, whatever moment the storing process dies
 * (src/records/records.c, records_sortie_store), on both back ends.
 *
 * A child process opens the database, says so through a pipe, stores
 * 20-element sorties in a loop and, after each commit returns, writes the
 * number of sorties it knows are committed to the pipe.  The parent kills
 * it with SIGKILL (kill -9) after a delay drawn from a seeded generator
 * (5 to 200 ms, the same schedule every run), twenty times, starting a
 * new child each time.  Every other delay counts from the fork, so the
 * kill may land while the database is being opened; the others count
 * from the moment the child says the database is open, so that however
 * slowly a loaded machine opens it, half the kills land while sorties
 * are being stored.  After every kill the
 * parent reopens the database and checks:
 *   - SQLite's PRAGMA integrity_check says "ok";
 *   - every sortie row has exactly element_count element rows, and no
 *     element row lacks its sortie (no sortie written half);
 *   - the database holds at least as many sorties as the child reported
 *     committed, and never fewer than after the previous kill (none lost).
 * The child reopens the database itself (a connection is never shared
 * across fork).  PostgreSQL: a fresh schema on the test server
 * (tests/unit/db_test_util.h; SAQR_TEST_NO_PG=1 skips).
 */
#include "db_test_util.h"

#include <dirent.h>
#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "records/records.h"
#include "util/rng.h"

#define KILLS 20
#define ELEMENTS 20
#define MIN_DELAY_MS 5.0
#define MAX_DELAY_MS 200.0
#define TRAINEE "PAF-0099"
#define OPENED (-1LL)         /* the child's message: the database is open */
#define OPEN_TIMEOUT_MS 20000 /* longest wait for a child to open it       */

/* Removes the test folder and what it holds (one level: SQLite files). */
static void remove_dir(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL) {
        char path[512];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            unlink(path);
    }
    if (d)
        closedir(d);
    rmdir(dir);
}

/* A single-number query. */
static long long query_number(rdb *db, const char *sql)
{
    rdb_rows *r = NULL;
    saqr_err err = {""};
    if (rdb_exec(db, sql, 0, NULL, &r, &err))
        fail_msg("%s: %s", sql, err.msg);
    const char *v = rdb_value(r, 0, 0);
    long long x = v ? strtoll(v, NULL, 10) : -1;
    rdb_rows_free(r);
    return x;
}

/* The child: stores sorties until killed; reports each commit. */
static _Noreturn void store_until_killed(const char *url, int out_fd)
{
    rdb *db = NULL;
    saqr_err err = {""};
    if (rdb_open(url, &db, &err))
        _exit(3);
    rdb_rows *r = NULL;
    if (rdb_exec(db, "SELECT COUNT(*) FROM sorties", 0, NULL, &r, &err))
        _exit(4);
    long long committed = strtoll(rdb_value(r, 0, 0), NULL, 10), ready = OPENED;
    rdb_rows_free(r);
    if (write(out_fd, &ready, sizeof ready) != (ssize_t)sizeof ready)
        _exit(6);
    sheet_element el[ELEMENTS];
    memset(el, 0, sizeof el);
    grade_sheet s = {.lesson = "super-mushak/steep-turns", .title = "Steep turns", .aircraft = "super-mushak",
                     .pilot = "reference", .nelements = ELEMENTS, .elements = el, .result = SORTIE_PASS,
                     .summary = "stored by the crash test"};
    for (long long k = 0;; k++) {
        for (int i = 0; i < ELEMENTS; i++) {
            snprintf(el[i].exercise, sizeof el[i].exercise, "turn-%d", i % 2);
            snprintf(el[i].name, sizeof el[i].name, "element-%d", i);
            snprintf(el[i].title, sizeof el[i].title, "Element %d of sortie %lld", i, committed + 1);
            el[i].lo = -100.0;
            el[i].hi = 100.0;
            el[i].worst = (double)(k % 97);
            el[i].ratio = el[i].worst / 100.0;
            el[i].worst_t_s = (double)i;
            el[i].mark = MARK_GOOD;
        }
        records_sortie_in in = {&s, TRAINEE, NULL, NULL, "2026-11-29T05:30:00Z", 600.0, NULL, NULL};
        if (records_sortie_store(db, &in, NULL, &err))
            _exit(5);
        committed++;
        if (write(out_fd, &committed, sizeof committed) != (ssize_t)sizeof committed)
            _exit(6);
    }
}

/* Checks the database after a kill; returns the number of sorties. */
static long long check_whole(const char *url, rdb_backend kind, long long reported, long long before)
{
    rdb *db = NULL;
    saqr_err err = {""};
    if (rdb_open(url, &db, &err))
        fail_msg("reopening after a kill: %s", err.msg);
    if (kind == RDB_SQLITE) {
        rdb_rows *r = NULL;
        if (rdb_exec(db, "PRAGMA integrity_check", 0, NULL, &r, &err))
            fail_msg("integrity_check: %s", err.msg);
        assert_string_equal(rdb_value(r, 0, 0), "ok");
        rdb_rows_free(r);
    }
    long long n = query_number(db, "SELECT COUNT(*) FROM sorties");
    long long half = query_number(db, "SELECT COUNT(*) FROM sorties s WHERE s.element_count <> "
                                      "(SELECT COUNT(*) FROM sortie_elements e WHERE e.sortie_id = s.id)");
    long long orphans = query_number(db, "SELECT COUNT(*) FROM sortie_elements e WHERE NOT EXISTS "
                                         "(SELECT 1 FROM sorties s WHERE s.id = e.sortie_id)");
    long long wrong_count = query_number(db, "SELECT COUNT(*) FROM sorties WHERE element_count <> 20");
    rdb_close(db);
    if (half || orphans || wrong_count)
        fail_msg("%lld sorties written half, %lld orphan elements, %lld with a wrong count", half, orphans,
                 wrong_count);
    if (n < reported || n < before)
        fail_msg("sorties lost: %lld in the database, %lld reported committed, %lld before this kill", n, reported,
                 before);
    return n;
}

static void kill_at_random_moments(rdb_backend kind)
{
    char dir[64] = "/tmp/saqr-test-crash-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char url[4096];
    db_test_url(kind, dir, url, sizeof url);
    rdb *db = NULL;
    saqr_err err = {""};
    if (rdb_open(url, &db, &err) || records_syllabus_sync(db, SAQR_ROOT_DIR "/lessons", NULL, &err) ||
        records_trainee_add(db, TRAINEE, "Crash Test", "super-mushak", "2026-11-29T05:00:00Z", NULL, &err))
        fail_msg("%s", err.msg);
    rdb_close(db); /* nothing open across fork */

    saqr_rng rng;
    rng_seed(&rng, kind == RDB_SQLITE ? 20261129u : 20261130u);
    long long count = 0, reports = 0;
    for (int k = 0; k < KILLS; k++) {
        int fd[2];
        assert_int_equal(pipe(fd), 0);
        fflush(NULL);
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            close(fd[0]);
            store_until_killed(url, fd[1]);
        }
        close(fd[1]);
        long long v, reported = 0;
        if (k % 2) {
            struct pollfd pfd = {fd[0], POLLIN, 0};
            if (poll(&pfd, 1, OPEN_TIMEOUT_MS) != 1 || read(fd[0], &v, sizeof v) != (ssize_t)sizeof v || v != OPENED)
                fail_msg("the child did not open the database within %d ms", OPEN_TIMEOUT_MS);
        }
        double delay_ms = MIN_DELAY_MS + (MAX_DELAY_MS - MIN_DELAY_MS) * rng_uniform(&rng);
        struct timespec ts = {0, (long)(delay_ms * 1e6)};
        nanosleep(&ts, NULL);
        assert_int_equal(kill(pid, SIGKILL), 0);
        int status;
        assert_int_equal(waitpid(pid, &status, 0), pid);
        if (!(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL))
            fail_msg("the child stopped by itself (exit %d) before the kill", WEXITSTATUS(status));
        while (read(fd[0], &v, sizeof v) == (ssize_t)sizeof v) {
            if (v != OPENED) {
                reported = v;
                reports++;
            }
        }
        close(fd[0]);
        count = check_whole(url, kind, reported, count);
    }
    printf("%s: %d kills, %lld sorties stored whole, %lld commits reported\n",
           kind == RDB_SQLITE ? "SQLite" : "PostgreSQL", KILLS, count, reports);
    /* the children did store: the test is not vacuous */
    assert_true(count > 0 && reports > 0);
    if (rdb_open(url, &db, &err))
        fail_msg("%s", err.msg);
    db_test_close(db);
    remove_dir(dir);
}

static void a_kill_at_any_moment_leaves_every_sortie_whole_and_none_lost_on_sqlite(void **state)
{
    (void)state;
    kill_at_random_moments(RDB_SQLITE);
}

static void a_kill_at_any_moment_leaves_every_sortie_whole_and_none_lost_on_postgresql(void **state)
{
    (void)state;
    kill_at_random_moments(RDB_POSTGRES);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_kill_at_any_moment_leaves_every_sortie_whole_and_none_lost_on_sqlite),
        cmocka_unit_test(a_kill_at_any_moment_leaves_every_sortie_whole_and_none_lost_on_postgresql),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
