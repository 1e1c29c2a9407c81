/*
 * cmd_qtg.c - `saqr qtg AIRCRAFT [-o report.html] [--root DIR] [--only ID,...]`:
 * flies the aircraft's qualification tests (aircraft/AIRCRAFT/qtg.xml),
 * prints the table and optionally writes the HTML report.  Exit status 0
 * when every figure is within tolerance, 1 when any is not (or a test
 * flight failed), 2 for bad usage or input.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "qtg/qtg.h"

#ifndef SAQR_ROOT_DIR
#define SAQR_ROOT_DIR "."
#endif

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

int cmd_qtg(int argc, char **argv)
{
    const char *aircraft = NULL, *out = NULL, *root = SAQR_ROOT_DIR, *only = NULL;
    for (int i = 0; i < argc; i++) {
        if ((strcmp(argv[i], "-o") == 0 || strcmp(argv[i], "--root") == 0 || strcmp(argv[i], "--only") == 0) &&
            i + 1 < argc) {
            const char **dst = argv[i][1] == 'o' ? &out : (strcmp(argv[i], "--root") == 0 ? &root : &only);
            *dst = argv[++i];
        } else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            usage(stdout);
            return 0;
        } else if (argv[i][0] != '-' && !aircraft) {
            aircraft = argv[i];
        } else {
            fprintf(stderr, "saqr qtg: unexpected argument \"%s\"\n", argv[i]);
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
    saqr_err err;
    err_clear(&err);
    if (qtg_plan_load(path, &plan, &err) != SAQR_OK) {
        fprintf(stderr, "saqr qtg: %s\n", err.msg);
        return 2;
    }
    qtg_result *res = calloc((size_t)plan.ntests, sizeof *res);
    if (!res) {
        fprintf(stderr, "saqr qtg: out of memory\n");
        return 2;
    }
    int n = 0, failed = 0;
    for (int i = 0; i < plan.ntests; i++) {
        if (!selected(only, plan.tests[i].id))
            continue;
        fprintf(stderr, "  flying %s ...\n", plan.tests[i].id);
        if (qtg_run_test(root, &plan, &plan.tests[i], &res[n]) != SAQR_OK)
            fprintf(stderr, "saqr qtg: %s: %s\n", plan.tests[i].id, res[n].note);
        failed |= !qtg_result_ok(&res[n]);
        n++;
    }
    qtg_report_table(stdout, &plan, res, n);
    int status = failed ? 1 : 0;
    if (out && qtg_report_html(out, &plan, res, n, &err) != SAQR_OK) {
        fprintf(stderr, "saqr qtg: %s\n", err.msg);
        status = 2;
    }
    free(res);
    return n == 0 ? 2 : status;
}
