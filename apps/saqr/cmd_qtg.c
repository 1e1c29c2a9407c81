/*
 * cmd_qtg.c - `saqr qtg AIRCRAFT [-o report.html] [--root DIR] [--only ID,...]`:
 * flies the aircraft's qualification tests (aircraft/AIRCRAFT/qtg.xml),
 * prints the table and optionally writes the HTML report.  Exit status 0
 * when every graded figure is within tolerance, 1 when any is not (or a
 * flight gave no result), 2 for bad usage or input (a plan or aircraft
 * the flights cannot be set up from, a report that cannot be written).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_paths.h"
#include "commands.h"
#include "qtg/qtg.h"

static void usage(FILE *f)
{
    fprintf(f, "usage: saqr qtg AIRCRAFT [-o report.html] [--root DIR] [--only ID[,ID...]]\n"
               "  flies the tests of DIR/aircraft/AIRCRAFT/qtg.xml (DIR: Saqr's own aircraft by default)\n");
}

/* 1 when id is in the comma-separated list (or there is no list). */
static int selected(const char *only, const char *id)
{
    if (!only)
        return 1;
    size_t n = strlen(id);
    for (const char *p = only; *p;) {
        const char *e = strchr(p, ',');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (len == n && strncmp(p, id, n) == 0)
            return 1;
        p += len + (e ? 1 : 0);
    }
    return 0;
}

/* The first id of the comma-separated list that the plan lacks (in a
 * static buffer), or NULL. */
static const char *unknown_id(const qtg_plan *plan, const char *only)
{
    static char id[sizeof plan->tests[0].id + 1];
    for (const char *p = only; *p;) {
        const char *e = strchr(p, ',');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        snprintf(id, sizeof id, "%.*s", (int)(len < sizeof id - 1 ? len : sizeof id - 1), p);
        int found = 0;
        for (int i = 0; i < plan->ntests && !found; i++)
            found = strcmp(plan->tests[i].id, id) == 0 && len < sizeof id;
        if (!found)
            return id;
        p += len + (e ? 1 : 0);
    }
    return NULL;
}

int cmd_qtg(int argc, char **argv)
{
    const char *aircraft = NULL, *out = NULL, *root = app_path_get(APP_ROOT), *only = NULL;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        const char **dst = strcmp(a, "-o") == 0 ? &out
                           : strcmp(a, "--root") == 0 ? &root
                           : strcmp(a, "--only") == 0 ? &only : NULL;
        if (dst) {
            if (i + 1 >= argc || !argv[i + 1][0]) {
                fprintf(stderr, "saqr qtg: %s needs a value\n", a);
                return 2;
            }
            *dst = argv[++i];
        } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage(stdout);
            return 0;
        } else if (a[0] != '-' && !aircraft) {
            aircraft = a;
        } else {
            fprintf(stderr, "saqr qtg: unexpected argument \"%s\"\n", a);
            usage(stderr);
            return 2;
        }
    }
    if (!aircraft) {
        usage(stderr);
        return 2;
    }
    if (strchr(aircraft, '/') || strstr(aircraft, "..")) {
        fprintf(stderr, "saqr qtg: \"%s\" is not an aircraft name\n", aircraft);
        return 2;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/aircraft/%s/qtg.xml", root, aircraft);
    static qtg_plan plan;  /* large; the command runs once */
    const char *st_only;
    saqr_err err;
    err_clear(&err);
    if (qtg_plan_load(path, &plan, &err) != SAQR_OK) {
        fprintf(stderr, "saqr qtg: %s\n", err.msg);
        return 2;
    }
    if (only && (st_only = unknown_id(&plan, only)) != NULL) {
        fprintf(stderr, "saqr qtg: --only: %s has no test \"%s\"\n", path, st_only);
        return 2;
    }
    qtg_result *res = calloc((size_t)plan.ntests, sizeof *res);
    if (!res) {
        fprintf(stderr, "saqr qtg: out of memory\n");
        return 2;
    }
    int n = 0, failed = 0, bad_input = 0;
    for (int i = 0; i < plan.ntests; i++) {
        if (!selected(only, plan.tests[i].id))
            continue;
        fprintf(stderr, "  flying %s ...\n", plan.tests[i].id);
        if (qtg_run_test(root, &plan, &plan.tests[i], &res[n]) != SAQR_OK) {
            /* the flight could not be set up: the plan or the aircraft is wrong */
            fprintf(stderr, "saqr qtg: %s: %s\n", plan.tests[i].id, res[n].note);
            bad_input = 1;
        }
        failed |= !qtg_result_ok(&res[n]);
        n++;
    }
    qtg_report_table(stdout, &plan, res, n);
    int status = bad_input ? 2 : (failed ? 1 : 0);
    if (out && qtg_report_html(out, &plan, res, n, &err) != SAQR_OK) {
        fprintf(stderr, "saqr qtg: %s\n", err.msg);
        status = 2;
    }
    free(res);
    return n == 0 ? 2 : status;
}
