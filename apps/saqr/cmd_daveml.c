/*
 * cmd_daveml.c - `saqr daveml check FILE.dml [--tol-scale X]`: loads a
 * DAVE-ML (AIAA S-119) model, runs every checkData static shot the file
 * carries and prints, shot by shot, each output with the value the model
 * computes, the file's expected value, the tolerance, the difference and
 * ok/FAIL, then "N of M outputs within tolerance".  For a shot that fails,
 * the internalValues that are off are listed after it, to show where the
 * model goes wrong.
 *
 * Exit status: 0 when every output agrees (also for a file without
 * checkData, which is said), 1 when some output does not, 2 for bad usage
 * or a file that cannot be loaded (the message names file:line).
 *
 * Tolerances are the file's <tol> (absolute), else 1e-6 relative (absolute
 * below magnitude 1), each multiplied by --tol-scale (default 1).
 *
 * Reference: DAVE-ML 2.0 reference manual, checkData / staticShot.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "load/daveml/daveml.h"

/* Internal values listed per failing shot, at most. */
#define MAX_INTERNAL_SHOWN 5

static const char USAGE[] = "usage: saqr daveml check FILE.dml [--tol-scale X]\n";

/* State of printing one file's table. */
typedef struct table {
    const char *file;       /* path as given, for file:line              */
    int shot;               /* shot whose header was printed last, or -1 */
    int shot_bad;           /* outputs of that shot outside tolerance     */
    int internal_shown;     /* internal values listed for that shot       */
    int internal_more;      /* internal values off but not listed         */
} table;

/* Ends the current shot: says how many internal values went unlisted. */
static void end_shot(table *t)
{
    if (t->internal_more > 0)
        printf("    ... and %d more internal value%s off\n", t->internal_more,
               t->internal_more == 1 ? "" : "s");
    t->internal_more = 0;
}

static void print_result(void *ctx, const daveml_check_result *r)
{
    table *t = ctx;
    if (r->shot != t->shot) {
        end_shot(t);
        t->shot = r->shot;
        t->shot_bad = 0;
        t->internal_shown = 0;
        printf("shot %d \"%s\" (line %ld)\n", r->shot + 1, r->shot_name, r->shot_line);
    }
    double diff = r->computed - r->expected;
    if (r->internal) {
        /* Internal values only help explain a failing shot. */
        if (r->ok || t->shot_bad == 0)
            return;
        if (t->internal_shown >= MAX_INTERNAL_SHOWN) {
            t->internal_more++;
            return;
        }
        t->internal_shown++;
        printf("    internal value off: %s = %.10g, expected %.10g (tol %.3g, difference %.3g)"
               "  %s:%ld\n",
               r->name, r->computed, r->expected, r->tol, diff, t->file, r->line);
        return;
    }
    if (!r->ok)
        t->shot_bad++;
    char units[40] = "";
    if (r->units[0])
        snprintf(units, sizeof units, "%.36s", r->units);
    printf("  %-34s %-8s %17.10g %17.10g %10.3g %11.3g  %s", r->name, units, r->computed,
           r->expected, r->tol, diff, r->ok ? "ok" : "FAIL");
    if (!r->ok)
        printf("  %s:%ld", t->file, r->line);
    printf("\n");
}

/* Parses a tolerance scale: a finite number >= 0. */
static int parse_scale(const char *s, double *out)
{
    char *end;
    double v = strtod(s, &end);
    if (end == s || *end != '\0' || !isfinite(v) || v < 0.0)
        return 0;
    *out = v;
    return 1;
}

static int check_file(const char *path, double tol_scale)
{
    daveml_model *m = NULL;
    saqr_err err = {""};
    if (daveml_load_file(path, NULL, &m, &err) != SAQR_OK) {
        fprintf(stderr, "saqr daveml check: %s\n", err.msg);
        return 2;
    }
    /* A first pass without printing gives the counts for the heading. */
    daveml_check_counts n;
    saqr_status st = daveml_check_each(m, tol_scale, NULL, NULL, &n, &err);
    if (st != SAQR_OK && st != SAQR_EPARSE) {
        fprintf(stderr, "saqr daveml check: %s: %s\n", path, err.msg);
        daveml_free(m);
        return 2;
    }
    if (n.shots == 0) {
        printf("%s: no checkData, nothing to check\n", path);
        printf("0 of 0 outputs within tolerance\n");
        daveml_free(m);
        return 0;
    }
    printf("%s: %d static shot%s, %d output%s; tolerance: the file's <tol>, else 1e-6 relative",
           path, n.shots, n.shots == 1 ? "" : "s", n.outputs, n.outputs == 1 ? "" : "s");
    if (tol_scale != 1.0)
        printf(", times %g", tol_scale);
    printf("\n  %-34s %-8s %17s %17s %10s %11s  %s\n", "output", "units", "computed", "expected",
           "tolerance", "difference", "ok");
    table t = {path, -1, 0, 0, 0};
    daveml_check_each(m, tol_scale, print_result, &t, &n, &err);
    end_shot(&t);
    printf("%d of %d outputs within tolerance (%d of %d shots pass)\n",
           n.outputs - n.outputs_failed, n.outputs, n.shots - n.shots_failed, n.shots);
    daveml_free(m);
    return n.outputs_failed ? 1 : 0;
}

static int daveml_check(int argc, char **argv)
{
    const char *path = NULL;
    double tol_scale = 1.0;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--tol-scale") == 0) {
            if (i + 1 >= argc) {
                fprintf(stderr, "saqr daveml check: --tol-scale needs a value\n");
                return 2;
            }
            if (!parse_scale(argv[++i], &tol_scale)) {
                fprintf(stderr, "saqr daveml check: --tol-scale wants a finite number >= 0, not \"%s\"\n",
                        argv[i]);
                return 2;
            }
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            fprintf(stderr, "saqr daveml check: unknown option %s\n%s", argv[i], USAGE);
            return 2;
        } else if (!path) {
            path = argv[i];
        } else {
            fprintf(stderr, "saqr daveml check: one file at a time (\"%s\" and \"%s\")\n%s", path,
                    argv[i], USAGE);
            return 2;
        }
    }
    if (!path) {
        fputs(USAGE, stderr);
        return 2;
    }
    return check_file(path, tol_scale);
}

int cmd_daveml(int argc, char **argv)
{
    if (argc < 1 || strcmp(argv[0], "check") != 0) {
        fputs(USAGE, stderr);
        return 2;
    }
    return daveml_check(argc - 1, argv + 1);
}
