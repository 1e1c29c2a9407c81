/*
 * test_version.c - the version the library reports is the header's, and
 * the header's string spells its three numbers.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#include <cmocka.h>

#include "saqr.h"

static void the_library_reports_the_headers_version(void **state)
{
    (void)state;
    assert_string_equal(saqr_version(), SAQR_VERSION_STRING);
    char spelled[32];
    snprintf(spelled, sizeof spelled, "%d.%d.%d", SAQR_VERSION_MAJOR, SAQR_VERSION_MINOR, SAQR_VERSION_PATCH);
    assert_string_equal(spelled, SAQR_VERSION_STRING);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_library_reports_the_headers_version),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
