/*
 * cmd_check.c - `saqr check nasa`: runs NASA's atmospheric check cases from
 * Saqr's case files, writes DIR/Atmos_NN.csv and prints, per case and
 * column, the largest difference from NASA's reference tools and whether it
 * lies inside their family of solutions.
 */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "app_paths.h"
#include "check/nasa_case.h"
#include "check/nasa_compare.h"
#include "check/nasa_run.h"
#include "commands.h"
#include "math/units.h"
#include "util/file.h"

/* snprintf that reports truncation (returns 0) instead of warning about it. */
static int fmt_path(char *buf, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int fmt_path(char *buf, size_t n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(buf, n, fmt, ap);
    va_end(ap);
    return k >= 0 && (size_t)k < n;
}

static const char *all_cases[] = {"01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13p1", "13p2", "13p3", "13p4", "15", "16"};

/* Turns "1", "01", "13.1", "13p1" into NASA's folder id ("01", "13p1"). */
static int normalize_case(const char *arg, char *id, size_t n)
{
    char buf[16];
    size_t len = strlen(arg);
    if (len == 0 || len >= sizeof buf)
        return 0;
    for (size_t i = 0; i <= len; i++)
        buf[i] = arg[i] == '.' ? 'p' : arg[i];
    char *end;
    long major = strtol(buf, &end, 10);
    if (end == buf || major < 0 || major > 99)
        return 0;
    if (*end != '\0' && !(end[0] == 'p' && end[1] >= '0' && end[1] <= '9' && end[2] == '\0'))
        return 0;
    snprintf(id, n, "%02ld%s", major, end);
    return 1;
}

/* Finds expected/Atmos_<id>_* under the NASA folder; 0 when absent. */
static int find_reference_dir(const char *nasa_root, const char *id, char *out, size_t n)
{
    char dir[1024], prefix[32];
    fmt_path(dir, sizeof dir, "%s/expected", nasa_root);
    snprintf(prefix, sizeof prefix, "Atmos_%s_", id);
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    int found = 0;
    struct dirent *e;
    while (!found && (e = readdir(d)) != NULL)
        if (strncmp(e->d_name, prefix, strlen(prefix)) == 0) {
            fmt_path(out, n, "%s/%s", dir, e->d_name);
            found = 1;
        }
    closedir(d);
    return found;
}

static void print_comparison(const nasa_comparison *cmp)
{
    printf("  %-34s %13s %8s %15s %13s %4s  %-13s\n", "column", "max |diff|", "at t(s)", "SIM04-06 spread",
           "tolerance", "ok", "vs any SIM");
    for (int i = 0; i < cmp->n_cols; i++) {
        const nasa_column_result *c = &cmp->cols[i];
        printf("  %-34s %13.6g %8.2f %15.6g %13.6g %4s  %-13.6g(%d tools)\n", c->column, c->max_diff,
               c->at_time_s, c->spread, c->tolerance, c->pass ? "yes" : "NO", c->max_diff_any, c->n_any);
    }
}

static void print_trim(const nasa_trim_result *t)
{
    printf("  trim (straight and level, %d Newton iterations): alpha %.4f deg, pitch %.4f deg, "
           "stick %.4f %% aft, elevator %.4f deg, throttle %.4f %%, PLA %.4f %%\n",
           t->iterations, t->alpha_rad * DEG_PER_RAD, t->pitch_rad * DEG_PER_RAD, 100.0 * t->stick,
           t->elevator_deg, 100.0 * t->throttle, t->pla_pct);
    printf("  trim residuals: dV/dt %.3g ft/s^2, dVdown/dt %.3g ft/s^2, dq/dt %.3g deg/s^2\n",
           t->residual[0] / M_PER_FT, t->residual[1] / M_PER_FT, t->residual[2] * DEG_PER_RAD);
}

/* Quantity name, English unit and factor from SI. */
static void quantity_unit(nasa_quantity q, const char **name, const char **unit, double *f)
{
    static const char *names[NASA_Q_COUNT] = {"altitude", "true airspeed", "equivalent airspeed", "heading",
                                              "course", "cross-track", "range", "latitude", "longitude"};
    static const char *units[NASA_Q_COUNT] = {"ft", "ft/s", "kt", "deg", "deg", "ft", "ft", "deg", "deg"};
    const double fs[NASA_Q_COUNT] = {1.0 / M_PER_FT, 1.0 / M_PER_FT, 1.0 / MPS_PER_KT, DEG_PER_RAD, DEG_PER_RAD,
                                     1.0 / M_PER_FT, 1.0 / M_PER_FT, DEG_PER_RAD, DEG_PER_RAD};
    *name = names[q];
    *unit = units[q];
    *f = fs[q];
}

static void print_criteria(const nasa_case *c, const nasa_run_result *r)
{
    for (int q = 0; q < NASA_Q_COUNT; q++) {
        const char *name, *unit;
        double f;
        if (q == NASA_Q_RANGE && !c->has_ref_point)
            continue;
        quantity_unit((nasa_quantity)q, &name, &unit, &f);
        printf("  %-20s start %12.4f  end %12.4f  max |change| %10.4g %s\n", name, r->initial[q] * f,
               r->final[q] * f, r->max_dev[q] * f, unit);
    }
    for (int k = 0; k < c->n_criteria; k++) {
        const nasa_criterion *cr = &c->criteria[k];
        const nasa_criterion_result *cres = &r->crit[k];
        const char *name, *unit;
        double f;
        quantity_unit(cr->quantity, &name, &unit, &f);
        const char *ok = cres->pass ? "ok" : "NO";
        switch (cr->kind) {
        case NASA_HOLD:
            printf("  hold  %-20s max |change| %10.4g %s at t = %6.1f s (within %g): %s\n", name, cres->worst * f,
                   unit, cres->at_time_s, cr->within * f, ok);
            break;
        case NASA_REACH:
            if (cr->has_value)
                printf("  reach %-20s %g %s from t = %g s: max |miss| %10.4g %s at t = %6.1f s (within %g): %s\n",
                       name, cr->value * f, unit, cr->after_s, cres->worst * f, unit, cres->at_time_s,
                       cr->within * f, ok);
            else
                printf("  reach %-20s %+g %s from t = %g s: max |miss| %10.4g %s at t = %6.1f s (within %g): %s\n",
                       name, cr->change * f, unit, cr->after_s, cres->worst * f, unit, cres->at_time_s,
                       cr->within * f, ok);
            break;
        case NASA_CONTINUOUS:
            printf("  continuous %-15s max step %10.4g %s at t = %6.1f s (within %g): %s\n", name, cres->worst * f,
                   unit, cres->at_time_s, cr->within * f, ok);
            break;
        case NASA_CROSS:
            printf("  cross %-20s %g %s: %d time%s, last at t = %6.1f s (at least %d): %s\n", name, cr->value * f,
                   unit, cres->crossings, cres->crossings == 1 ? "" : "s", cres->at_time_s, cr->count, ok);
            break;
        }
    }
}

/* Runs one case; returns 0 pass, 1 outside the family, 2 error. */
static int run_one(const char *id, const char *cases_dir, const char *nasa_root, const char *out_dir)
{
    char case_path[1024], csv_path[1024], ref_dir[1024];
    fmt_path(case_path, sizeof case_path, "%s/atmos_%s.xml", cases_dir, id);
    fmt_path(csv_path, sizeof csv_path, "%s/Atmos_%s.csv", out_dir, id);
    nasa_case c;
    saqr_err err = {{0}};
    if (nasa_case_load(case_path, &c, &err) != SAQR_OK) {
        fprintf(stderr, "saqr check: %s\n", err.msg);
        return 2;
    }
    nasa_run_result res;
    if (nasa_run_case_ex(&c, nasa_root, csv_path, &res, &err) != SAQR_OK) {
        fprintf(stderr, "saqr check: %s\n", err.msg);
        return 2;
    }
    printf("Case %s: %s -> %s\n", c.id, c.title, csv_path);
    if (res.trimmed)
        print_trim(&res.trim);
    if (c.n_criteria > 0)
        print_criteria(&c, &res);
    if (!find_reference_dir(nasa_root, c.id, ref_dir, sizeof ref_dir)) {
        printf("  no NASA reference trajectories available (held back); trajectory written\n");
        if (c.n_criteria > 0) {
            printf("  case %s: %s\n", c.id, res.pass ? "PASS (every criterion of the case met)" : "FAIL (a criterion of the case not met)");
            return res.pass ? 0 : 1;
        }
        return 0;
    }
    nasa_comparison cmp;
    saqr_status st = nasa_compare(csv_path, ref_dir, c.id, &cmp, &err);
    if (st == SAQR_ENOTFOUND) {
        printf("  %s\n", err.msg);
        return 0;
    }
    if (st != SAQR_OK) {
        fprintf(stderr, "saqr check: %s\n", err.msg);
        return 2;
    }
    printf("  references:");
    for (int i = 0; i < cmp.n_refs; i++)
        printf(" %s", cmp.refs[i]);
    printf("; max |diff| is against the family SIM 04-06, tolerance = %.1f x spread + floor\n",
           NASA_SPREAD_FACTOR);
    print_comparison(&cmp);
    printf("  case %s: %s\n", c.id, cmp.pass ? "PASS (inside the family of solutions)" : "FAIL (outside the family)");
    return cmp.pass ? 0 : 1;
}

static int check_nasa(int argc, char **argv)
{
    const char *out_dir = "nasa-out";
    const char *shared = getenv("SAQR_SHARED");
    const char *cases_dir = app_path_get(APP_NASA);
    if (!shared || !*shared)
        shared = "../shared";
    char ids[32][16];
    int n_ids = 0;
    for (int i = 0; i < argc; i++) {
        const char **target = NULL;
        if (strcmp(argv[i], "--out") == 0)
            target = &out_dir;
        else if (strcmp(argv[i], "--shared") == 0)
            target = &shared;
        else if (strcmp(argv[i], "--cases") == 0)
            target = &cases_dir;
        if (target) {
            if (i + 1 >= argc) {
                fprintf(stderr, "saqr check nasa: %s needs a value\n", argv[i]);
                return 2;
            }
            *target = argv[++i];
            continue;
        }
        if (argv[i][0] == '-') {
            fprintf(stderr, "saqr check nasa: unknown option %s\n", argv[i]);
            return 2;
        }
        if (n_ids == 32 || !normalize_case(argv[i], ids[n_ids], sizeof ids[0])) {
            fprintf(stderr, "saqr check nasa: \"%s\" is not a case name (1-10, or e.g. 13.1)\n", argv[i]);
            return 2;
        }
        n_ids++;
    }
    if (n_ids == 0)
        for (size_t i = 0; i < sizeof all_cases / sizeof all_cases[0]; i++)
            snprintf(ids[n_ids++], sizeof ids[0], "%s", all_cases[i]);
    /* Unknown case names are refused before anything runs. */
    for (int i = 0; i < n_ids; i++) {
        char path[1024];
        fmt_path(path, sizeof path, "%s/atmos_%s.xml", cases_dir, ids[i]);
        FILE *f = fopen(path, "rb");
        if (!f) {
            fprintf(stderr, "saqr check nasa: unknown case \"%s\" (no %s)\n", ids[i], path);
            return 2;
        }
        fclose(f);
    }
    if (file_make_dirs(out_dir) != 0) {
        fprintf(stderr, "saqr check nasa: cannot create %s: %s\n", out_dir, strerror(errno));
        return 2;
    }
    char nasa_root[1024];
    fmt_path(nasa_root, sizeof nasa_root, "%s/reference/nasa-eom-2015", shared);
    int worst = 0, failed = 0;
    for (int i = 0; i < n_ids; i++) {
        int r = run_one(ids[i], cases_dir, nasa_root, out_dir);
        failed += r != 0;
        if (r > worst)
            worst = r;
    }
    printf("%d case%s run, %d outside the family or failed\n", n_ids, n_ids == 1 ? "" : "s", failed);
    return worst;
}

int cmd_check(int argc, char **argv)
{
    if (argc < 1 || strcmp(argv[0], "nasa") != 0) {
        fprintf(stderr, "usage: saqr check nasa [--out DIR] [--shared DIR] [--cases DIR] [CASE...]\n");
        return 2;
    }
    return check_nasa(argc - 1, argv + 1);
}
