/*
 * test_qtg_aircraft.c - Saqr's own aircraft against their published
 * performance: flies every test of aircraft/NAME/qtg.xml (the figures and
 * their sources are in the plan and the aircraft's README) and fails when
 * any figure leaves its tolerance.  The table is printed for the log.
 * SAQR_QTG_SKIP=ID[,ID...] leaves tests out (the sanitizer build skips
 * the service ceilings, minutes of trims each there, which the optimised
 * build flies in full; every other test still runs under the sanitizers).
 * SAQR_QTG_ONLY=PATTERN runs only the tests whose names match (cmocka's
 * filter: `*jf17*`), so that the two aircraft can fly side by side.
 */
#include "test_util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "qtg/qtg.h"

#ifndef SAQR_ROOT_DIR
#define SAQR_ROOT_DIR "."
#endif

/* Whether SAQR_QTG_SKIP names this test id. */
static int skipped(const char *id)
{
    const char *list = getenv("SAQR_QTG_SKIP");
    size_t n = strlen(id);
    for (const char *p = list; p && *p;) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len == n && strncmp(p, id, n) == 0)
            return 1;
        p = end ? end + 1 : p + len;
    }
    return 0;
}

static void fly_plan(const char *aircraft)
{
    static qtg_plan plan;
    static qtg_result res[QTG_MAX_TESTS];
    char path[1024];
    snprintf(path, sizeof path, "%s/aircraft/%s/qtg.xml", SAQR_ROOT_DIR, aircraft);
    saqr_err err;
    err_clear(&err);
    if (qtg_plan_load(path, &plan, &err) != SAQR_OK)
        fail_msg("%s", err.msg);
    int failed = 0, flown = 0;
    for (int i = 0; i < plan.ntests; i++) {
        if (skipped(plan.tests[i].id)) {
            printf("%s %s: skipped (SAQR_QTG_SKIP)\n", aircraft, plan.tests[i].id);
            continue;
        }
        plan.tests[flown++] = plan.tests[i];
    }
    plan.ntests = flown;
    for (int i = 0; i < plan.ntests; i++) {
        if (qtg_run_test(SAQR_ROOT_DIR, &plan, &plan.tests[i], &res[i]) != SAQR_OK)
            fprintf(stderr, "%s: %s\n", plan.tests[i].id, res[i].note);
        failed += !qtg_result_ok(&res[i]);
        /* the report's words for each test: no value left unworked ("at nan
         * kt" where the test gives a Mach number) */
        if (strstr(res[i].note, "nan") || strstr(res[i].note, "inf "))
            fail_msg("%s %s: the note reads \"%s\"", aircraft, plan.tests[i].id, res[i].note);
    }
    qtg_report_table(stdout, &plan, res, plan.ntests);
    if (failed)
        fail_msg("%s: %d of %d figures out of tolerance", aircraft, failed, plan.ntests);
}

static void the_super_mushak_meets_its_published_performance(void **state)
{
    (void)state;
    fly_plan("super-mushak");
}

static void the_jf17_meets_its_published_performance(void **state)
{
    (void)state;
    fly_plan("jf17");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_super_mushak_meets_its_published_performance),
        cmocka_unit_test(the_jf17_meets_its_published_performance),
    };
    if (getenv("SAQR_QTG_ONLY"))
        cmocka_set_test_filter(getenv("SAQR_QTG_ONLY"));
    return cmocka_run_group_tests(tests, NULL, NULL);
}
