/*
 * test_csv_table.c - the numeric CSV reader used for NASA's references:
 * well-formed tables, NASA's quirks (a repeated column), and malformed
 * input named by file and line.
 */
#include "test_util.h"

#include <math.h>

#include "check/csv_table.h"

static void reader_should_load_a_table_and_find_columns(void **state)
{
    (void)state;
    const char *text = "time,alt,v\n0.0,100,1e-3\n0.1,99.5,nan\n\n";
    csv_table t;
    assert_int_equal(csv_read_memory(text, strlen(text), "t.csv", NULL, &t, NULL), SAQR_OK);
    assert_int_equal(t.ncols, 3);
    assert_int_equal(t.nrows, 2);
    assert_int_equal(csv_column(&t, "alt"), 1);
    assert_int_equal(csv_column(&t, "nope"), -1);
    assert_near(csv_at(&t, 1, 1), 99.5, 0.0);
    assert_true(isnan(csv_at(&t, 1, 2)));
    csv_free(&t);
}

static void a_repeated_column_name_should_resolve_to_the_first(void **state)
{
    (void)state;
    /* NASA's SIM 05 files repeat their last column. */
    const char *text = "time,feVelocity_ft_s_Z,feVelocity_ft_s_Z\n0,1,2\n";
    csv_table t;
    assert_int_equal(csv_read_memory(text, strlen(text), "t.csv", NULL, &t, NULL), SAQR_OK);
    assert_int_equal(csv_column(&t, "feVelocity_ft_s_Z"), 1);
    csv_free(&t);
}

static void malformed_rows_should_be_named_by_file_and_line(void **state)
{
    (void)state;
    const struct { const char *text, *expect; } bad[] = {
        {"a,b\n1,2\n3\n", "t.csv:3: 1 values"},
        {"a,b\n1,2,3\n", "t.csv:2: more values"},
        {"a,b\n1,x\n", "t.csv:2: column 2 (b) is not a number"},
        {"a,b\n1,1e999\n", "t.csv:2: column 2 (b) is not a number"},
        {"\n1,2\n", "t.csv:1: missing header"},
        {"a,,b\n", "t.csv:1: column 2 has an empty"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        csv_table t;
        saqr_err err = {{0}};
        assert_int_equal(csv_read_memory(bad[i].text, strlen(bad[i].text), "t.csv", NULL, &t, &err),
                         SAQR_EPARSE);
        if (!strstr(err.msg, bad[i].expect))
            fail_msg("got \"%s\", expected \"%s\"", err.msg, bad[i].expect);
        csv_free(&t);
    }
}

static void a_missing_file_should_be_named(void **state)
{
    (void)state;
    csv_table t;
    saqr_err err = {{0}};
    assert_int_equal(csv_read_file("/nonexistent/ref.csv", NULL, &t, &err), SAQR_EIO);
    assert_non_null(strstr(err.msg, "/nonexistent/ref.csv: cannot open"));
    csv_free(&t);
}

static void nasa_reference_files_should_load(void **state)
{
    (void)state;
    char path[1024];
    csv_table t;
    saqr_err err = {{0}};
    test_shared_path(path, sizeof path,
                     "reference/nasa-eom-2015/expected/Atmos_01_DroppedSphere/Atmos_01_sim_05.csv");
    if (csv_read_file(path, NULL, &t, &err) != SAQR_OK)
        fail_msg("%s", err.msg);
    assert_true(t.nrows > 3000); /* SIM 05 writes at about 0.01 s */
    assert_true(csv_column(&t, "altitudeMsl_ft") >= 0);
    csv_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reader_should_load_a_table_and_find_columns),
        cmocka_unit_test(a_repeated_column_name_should_resolve_to_the_first),
        cmocka_unit_test(malformed_rows_should_be_named_by_file_and_line),
        cmocka_unit_test(a_missing_file_should_be_named),
        cmocka_unit_test(nasa_reference_files_should_load),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
