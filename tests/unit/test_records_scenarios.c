/*
 * test_records_scenarios.c - the instructors' scenarios in the training
 * records (src/records/scenarios.c), on BOTH back ends: saved, listed by
 * name, found, replaced under the same name, deleted; a bad name, type or
 * command text refused with nothing changed.
 */
#include "db_test_util.h"

#include "records/scenarios.h"

#define AT "2026-12-07T09:00:00Z"
#define WINDY "[{\"type\":\"weather\",\"wind_from_deg\":300,\"wind_kt\":15,\"gust_kt\":10}]"

typedef struct fixture {
    char dir[64];
    char url[4096];
    rdb *db;
} fixture;

static void ok(int st, const saqr_err *err)
{
    if (st != SAQR_OK)
        fail_msg("status %d: %s", st, err->msg);
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    snprintf(f->dir, sizeof f->dir, "/tmp/saqr-test-scenarios-XXXXXX");
    if (!mkdtemp(f->dir)) {
        free(f);
        return -1;
    }
    saqr_err err = {""};
    db_test_url(*(const rdb_backend *)*state, f->dir, f->url, sizeof f->url);
    ok(rdb_open(f->url, &f->db, &err), &err);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    db_test_close(f->db);
    db_test_remove_tree(f->dir);
    free(f);
    return 0;
}

static void a_scenario_is_saved_found_replaced_and_deleted(void **state)
{
    fixture *f = *state;
    saqr_err err = {""};
    int replaced = -1;
    ok(records_scenario_save(f->db, "Crosswind 300/15G25", NULL, WINDY, "IP-7", AT, &replaced, &err), &err);
    assert_int_equal(replaced, 0);
    const char *fail = "[{\"type\":\"malfunction\",\"name\":\"engine-failure\",\"on\":true}]";
    ok(records_scenario_save(f->db, "Engine failure", "super-mushak", fail, NULL, AT, &replaced, &err), &err);
    records_scenario *s = malloc(sizeof *s);
    assert_non_null(s);
    ok(records_scenario_find(f->db, "Crosswind 300/15G25", s, &err), &err);
    assert_string_equal(s->commands, WINDY);
    assert_string_equal(s->aircraft, "");
    assert_string_equal(s->saved_by, "IP-7");
    assert_string_equal(s->saved_at, AT);
    records_scenario *all = NULL;
    int n = 0;
    ok(records_scenario_list(f->db, &all, &n, &err), &err);
    assert_int_equal(n, 2);
    assert_string_equal(all[0].name, "Crosswind 300/15G25"); /* by name */
    assert_string_equal(all[1].name, "Engine failure");
    assert_string_equal(all[1].aircraft, "super-mushak");
    assert_string_equal(all[1].saved_by, "");
    free(all);
    /* the same name again replaces it */
    const char *calm = "[{\"type\":\"weather\",\"wind_kt\":0}]";
    ok(records_scenario_save(f->db, "Crosswind 300/15G25", "jf17", calm, "IP-8", "2026-12-07T10:00:00Z", &replaced,
                             &err),
       &err);
    assert_int_equal(replaced, 1);
    ok(records_scenario_find(f->db, "Crosswind 300/15G25", s, &err), &err);
    assert_string_equal(s->commands, calm);
    assert_string_equal(s->aircraft, "jf17");
    assert_string_equal(s->saved_by, "IP-8");
    ok(records_scenario_list(f->db, &all, &n, &err), &err);
    assert_int_equal(n, 2);
    free(all);
    ok(records_scenario_delete(f->db, "Engine failure", &err), &err);
    assert_int_equal(records_scenario_find(f->db, "Engine failure", s, &err), SAQR_ENOTFOUND);
    assert_non_null(strstr(err.msg, "no scenario Engine failure"));
    assert_int_equal(records_scenario_delete(f->db, "Engine failure", &err), SAQR_ENOTFOUND);
    ok(records_scenario_list(f->db, &all, &n, &err), &err);
    assert_int_equal(n, 1);
    free(all);
    free(s);
}

static void a_bad_scenario_is_refused_and_changes_nothing(void **state)
{
    fixture *f = *state;
    saqr_err err = {""};
    int replaced;
    ok(records_scenario_save(f->db, "Gusty", NULL, WINDY, "IP-7", AT, &replaced, &err), &err);
    char long_name[RECORDS_SCENARIO_NAME_MAX + 1];
    memset(long_name, 'a', sizeof long_name - 1);
    long_name[sizeof long_name - 1] = '\0';
    const char *names[] = {"", long_name, "tab\there", "\xff\xfe"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        assert_int_equal(records_scenario_save(f->db, names[i], NULL, WINDY, "IP-7", AT, &replaced, &err), SAQR_EINVAL);
        assert_non_null(strstr(err.msg, "name"));
    }
    assert_int_equal(records_scenario_save(f->db, "Gusty", "Super Mushak", "[]", "IP-7", AT, &replaced, &err),
                     SAQR_EINVAL);
    assert_non_null(strstr(err.msg, "not an aircraft type"));
    char *big = malloc(RECORDS_SCENARIO_COMMANDS_MAX + 1);
    assert_non_null(big);
    memset(big, ' ', RECORDS_SCENARIO_COMMANDS_MAX);
    big[RECORDS_SCENARIO_COMMANDS_MAX] = '\0';
    const char *commands[] = {"", "[", big, "[\x01]"};
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        assert_int_equal(records_scenario_save(f->db, "Gusty", NULL, commands[i], "IP-7", AT, &replaced, &err),
                         SAQR_EINVAL);
        assert_non_null(strstr(err.msg, "commands"));
    }
    free(big);
    records_scenario *s = malloc(sizeof *s);
    assert_non_null(s);
    ok(records_scenario_find(f->db, "Gusty", s, &err), &err);
    assert_string_equal(s->commands, WINDY); /* as it was */
    free(s);
}

#define BOTH(f) DB_TEST_BOTH(f, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        BOTH(a_scenario_is_saved_found_replaced_and_deleted),
        BOTH(a_bad_scenario_is_refused_and_changes_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
