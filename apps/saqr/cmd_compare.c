/*
 * cmd_compare.c - `saqr compare A.csv B.csv [--columns C1,C2,...]
 * [--tol NAME=VALUE]... [--html FILE]`: compares two time histories column
 * by column (--html: the page of report/compare_page.h as well).
 *
 * The first column of each file is time.  Columns are matched by name
 * with JSBSim's "/fdm/jsbsim/" prefix ignored on either side, so a Saqr
 * output and a JSBSim output of the same directive line up.  B is
 * interpolated linearly to A's times (rows of A outside B's time span are
 * not compared); for each shared column the largest |A - B| and the time
 * it happened are printed.  NaN cells are skipped.
 * Exit status: 0, or 1 when a --tol is exceeded, 2 on bad input.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/csv_table.h"
#include "commands.h"
#include "report/compare_page.h"

#define MAX_TOLS 64
#define MAX_SELECTED 256
#define JSBSIM_PREFIX "/fdm/jsbsim/"

typedef struct tolerance {
    const char *name;   /* column name, prefix stripped */
    double value;
    int used;
} tolerance;

static const char *strip(const char *name)
{
    size_t n = strlen(JSBSIM_PREFIX);
    return strncmp(name, JSBSIM_PREFIX, n) == 0 ? name + n : name;
}

/* Column of `t` whose stripped name is `name` (stripped), or -1. */
/* Headings wrap: 359.9 deg and 0.1 deg differ by 0.2 deg.  Returns the
 * full turn in the column's unit for heading-like columns, else 0. */
static double heading_period(const char *name)
{
    if (!strstr(name, "psi") && !strstr(name, "heading"))
        return 0.0;
    size_t n = strlen(name);
    if (n > 4 && strcmp(name + n - 4, "-deg") == 0)
        return 360.0;
    if (n > 4 && strcmp(name + n - 4, "-rad") == 0)
        return 2.0 * 3.14159265358979323846;
    return 0.0;
}

static int find_column(const csv_table *t, const char *name)
{
    const char *want = strip(name);
    for (size_t c = 1; c < t->ncols; c++)
        if (strcmp(strip(t->names[c]), want) == 0)
            return (int)c;
    return -1;
}

static void usage(FILE *f)
{
    fprintf(f, "usage: saqr compare A.csv B.csv [--columns NAME,NAME,...] [--tol NAME=VALUE]... [--html FILE]\n"
               "  prints, per column the files share (the /fdm/jsbsim/ prefix is ignored), the largest\n"
               "  |A - B| with B interpolated to A's times, and when it happened; --tol makes the\n"
               "  command exit 1 when a column's largest difference exceeds VALUE; --html writes a page\n"
               "  plotting A and B and their difference for each column\n");
}

/* Value of B's column `col` at time t by linear interpolation; `*row` is
 * a cursor moving forward with t.  NaN outside B's span. */
static double interpolate(const csv_table *b, size_t col, double t, size_t *row)
{
    size_t n = b->nrows;
    if (n == 0 || t < csv_at(b, 0, 0) || t > csv_at(b, n - 1, 0))
        return NAN;
    while (*row + 1 < n && csv_at(b, *row + 1, 0) <= t)
        (*row)++;
    size_t i = *row;
    double t0 = csv_at(b, i, 0);
    if (i + 1 >= n || t0 == t)
        return csv_at(b, i, col);
    double t1 = csv_at(b, i + 1, 0);
    double f = (t - t0) / (t1 - t0);
    return csv_at(b, i, col) + f * (csv_at(b, i + 1, col) - csv_at(b, i, col));
}

/* Time must not go backwards (files of several runs are not comparable). */
static int time_ok(const csv_table *t, const char *path)
{
    for (size_t r = 0; r < t->nrows; r++) {
        double x = csv_at(t, r, 0);
        if (isnan(x) || (r > 0 && x < csv_at(t, r - 1, 0))) {
            fprintf(stderr, "saqr compare: %s: time (first column) is missing or goes backwards at row %zu\n",
                    path, r + 1);
            return 0;
        }
    }
    return 1;
}

static int parse_tol(const char *arg, tolerance *tol)
{
    const char *eq = strrchr(arg, '=');
    if (!eq || eq == arg)
        return 0;
    char *end;
    errno = 0;
    double v = strtod(eq + 1, &end);
    if (end == eq + 1 || *end || errno || !isfinite(v) || v < 0)
        return 0;
    size_t n = (size_t)(eq - arg);
    char *name = malloc(n + 1);
    if (!name)
        return 0;
    memcpy(name, arg, n);
    name[n] = '\0';
    tol->name = name;
    tol->value = v;
    tol->used = 0;
    return 1;
}

/* What --html keeps of each compared column (owned arrays). */
typedef struct kept {
    compare_column *cols;
    int n;
    double *t; /* A's times, shared by every column */
} kept;

static void kept_free(kept *k)
{
    for (int i = 0; i < k->n; i++) {
        free((void *)k->cols[i].a);
        free((void *)k->cols[i].b);
        free((void *)k->cols[i].d);
    }
    free(k->cols);
    free(k->t);
}

/* Writes the page to `path`; 0, or 2 (said) when it cannot be written. */
static int write_html(const char *path, const char *path_a, const char *path_b, const kept *k, int exceeded,
                      int ntols)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        fprintf(stderr, "saqr compare: --html %s: %s\n", path, strerror(errno));
        return 2;
    }
    compare_page_open(f, path_a, path_b);
    compare_page_columns(f, k->cols, k->n);
    int bad = compare_page_close(f, exceeded, ntols);
    bad |= fclose(f) != 0;
    if (bad) {
        fprintf(stderr, "saqr compare: --html %s: the page could not be written\n", path);
        return 2;
    }
    printf("wrote %s\n", path);
    return 0;
}

static int compare(const char *path_a, const char *path_b, char *columns, tolerance *tols, int ntols,
                   const char *html)
{
    kept keep = {NULL, 0, NULL};
    csv_table a, b;
    saqr_err err = {{0}};
    if (csv_read_file(path_a, NULL, &a, &err) != SAQR_OK) {
        fprintf(stderr, "saqr compare: %s\n", err.msg);
        return 2;
    }
    if (csv_read_file(path_b, NULL, &b, &err) != SAQR_OK) {
        fprintf(stderr, "saqr compare: %s\n", err.msg);
        csv_free(&a);
        return 2;
    }
    int status = 2;
    const char *selected[MAX_SELECTED];
    int nsel = 0;
    if (a.ncols < 2 || b.ncols < 2) {
        fprintf(stderr, "saqr compare: %s needs a time column and at least one more\n",
                a.ncols < 2 ? path_a : path_b);
        goto done;
    }
    if (!time_ok(&a, path_a) || !time_ok(&b, path_b))
        goto done;
    if (columns) {
        for (char *tok = strtok(columns, ","); tok; tok = strtok(NULL, ",")) {
            if (nsel == MAX_SELECTED) {
                fprintf(stderr, "saqr compare: too many --columns (at most %d)\n", MAX_SELECTED);
                goto done;
            }
            if (find_column(&a, tok) < 0 || find_column(&b, tok) < 0) {
                fprintf(stderr, "saqr compare: column \"%s\" is not in both files\n", tok);
                goto done;
            }
            selected[nsel++] = tok;
        }
    }
    for (int k = 0; k < ntols; k++)
        if (find_column(&a, tols[k].name) < 0 || find_column(&b, tols[k].name) < 0) {
            fprintf(stderr, "saqr compare: --tol column \"%s\" is not in both files\n", tols[k].name);
            goto done;
        }

    if (html) {
        keep.cols = calloc(a.ncols, sizeof *keep.cols);
        keep.t = malloc((a.nrows + 1) * sizeof *keep.t);
        if (!keep.cols || !keep.t) {
            fprintf(stderr, "saqr compare: out of memory\n");
            goto done;
        }
        for (size_t r = 0; r < a.nrows; r++)
            keep.t[r] = csv_at(&a, r, 0);
    }
    printf("A: %s (%zu rows)\nB: %s (%zu rows), interpolated to A's times\n", path_a, a.nrows, path_b, b.nrows);
    printf("  %-48s %15s %11s %13s %4s\n", "column", "max |A - B|", "at t(s)", "tolerance", "ok");
    int shared = 0, exceeded = 0;
    for (size_t ca = 1; ca < a.ncols; ca++) {
        int cb = find_column(&b, a.names[ca]);
        if (cb < 0)
            continue;
        const char *name = strip(a.names[ca]);
        if (nsel) {
            int want = 0;
            for (int k = 0; k < nsel && !want; k++)
                want = strcmp(strip(selected[k]), name) == 0;
            if (!want)
                continue;
        }
        double worst = 0.0, at = NAN;
        int compared = 0;
        double *ka = NULL, *kb = NULL, *kd = NULL;
        if (html) {
            ka = malloc((a.nrows + 1) * sizeof *ka);
            kb = malloc((a.nrows + 1) * sizeof *kb);
            kd = malloc((a.nrows + 1) * sizeof *kd);
            if (!ka || !kb || !kd) {
                free(ka);
                free(kb);
                free(kd);
                fprintf(stderr, "saqr compare: out of memory\n");
                goto done;
            }
            for (size_t r = 0; r < a.nrows; r++)
                ka[r] = kb[r] = kd[r] = NAN;
        }
        double period = heading_period(name);
        size_t cursor = 0;
        double t_lo = b.nrows ? csv_at(&b, 0, 0) : NAN, t_hi = b.nrows ? csv_at(&b, b.nrows - 1, 0) : NAN;
        for (size_t r = 0; r < a.nrows; r++) {
            double t = csv_at(&a, r, 0);
            if (!(t >= t_lo && t <= t_hi)) /* outside B's times: nothing to compare with */
                continue;
            double vb = interpolate(&b, (size_t)cb, t, &cursor);
            double va = csv_at(&a, r, ca);
            if (html) {
                ka[r] = va;
                kb[r] = vb;
                kd[r] = isnan(va) || isnan(vb) ? NAN : period > 0.0 ? remainder(va - vb, period) : va - vb;
            }
            if (isnan(va) && isnan(vb)) /* both not a number: alike */
                continue;
            /* one side not a number (a run that diverged, a value lost):
             * as far apart as can be, never within a tolerance */
            double d = isnan(va) || isnan(vb) ? INFINITY
                       : period > 0.0         ? fabs(remainder(va - vb, period))
                                              : fabs(va - vb);
            if (!compared || d > worst) {
                worst = d;
                at = t;
            }
            compared = 1;
        }
        shared++;
        const tolerance *tol = NULL;
        for (int k = 0; k < ntols; k++)
            if (strcmp(strip(tols[k].name), name) == 0)
                tol = &tols[k];
        if (html)
            keep.cols[keep.n++] = (compare_column){name, keep.t, ka, kb, kd, a.nrows, compared ? worst : NAN,
                                                   compared ? at : NAN, tol ? tol->value : NAN};
        if (!compared) { /* no common times, or not a number on both sides throughout */
            if (tol) {
                exceeded++;
                printf("  %-48s %15s %11s %13.6g %4s\n", name, "-", "-", tol->value, "NO");
            } else {
                printf("  %-48s %15s %11s\n", name, "-", "-");
            }
            continue;
        }
        if (tol) {
            int ok = worst <= tol->value;
            exceeded += !ok;
            printf("  %-48s %15.6g %11.4f %13.6g %4s\n", name, worst, at, tol->value, ok ? "yes" : "NO");
        } else {
            printf("  %-48s %15.6g %11.4f\n", name, worst, at);
        }
    }
    if (shared == 0) {
        fprintf(stderr, "saqr compare: %s and %s share no column besides time\n", path_a, path_b);
        goto done;
    }
    printf("%d column%s compared", shared, shared == 1 ? "" : "s");
    if (ntols)
        printf(", %d over tolerance", exceeded);
    printf("\n");
    status = exceeded ? 1 : 0;
    if (html && write_html(html, path_a, path_b, &keep, exceeded, ntols))
        status = 2;
done:
    kept_free(&keep);
    csv_free(&a);
    csv_free(&b);
    return status;
}

int cmd_compare(int argc, char **argv)
{
    const char *files[2];
    int nfiles = 0;
    char *columns = NULL;
    const char *html = NULL;
    tolerance tols[MAX_TOLS];
    int ntols = 0, status = 2;
    for (int i = 0; i < argc; i++) {
        const char *arg = argv[i];
        const char *value = NULL;
        if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            usage(stdout);
            status = 0;
            goto out;
        }
        if (strncmp(arg, "--columns", 9) == 0 || strncmp(arg, "--tol", 5) == 0) {
            const char *opt_end = strchr(arg, '=');
            size_t optlen = opt_end ? (size_t)(opt_end - arg) : strlen(arg);
            int is_columns = optlen == 9 && strncmp(arg, "--columns", 9) == 0;
            int is_tol = optlen == 5 && strncmp(arg, "--tol", 5) == 0;
            if (!is_columns && !is_tol) {
                fprintf(stderr, "saqr compare: unknown option %s\n", arg);
                goto out;
            }
            if (opt_end) {
                value = opt_end + 1;
            } else if (i + 1 < argc) {
                value = argv[++i];
            } else {
                fprintf(stderr, "saqr compare: %s needs a value\n", arg);
                goto out;
            }
            if (is_columns) {
                free(columns);
                columns = strdup(value);
                if (!columns)
                    goto out;
            } else {
                tolerance t;
                if (ntols == MAX_TOLS || !parse_tol(value, &t)) {
                    fprintf(stderr, "saqr compare: --tol wants NAME=VALUE with VALUE >= 0, not \"%s\"\n", value);
                    goto out;
                }
                tols[ntols++] = t;
            }
            continue;
        }
        if (strcmp(arg, "--html") == 0 || strncmp(arg, "--html=", 7) == 0) {
            if (arg[6] == '=')
                html = arg + 7;
            else if (i + 1 < argc)
                html = argv[++i];
            if (!html || !*html) {
                fprintf(stderr, "saqr compare: --html needs a file\n");
                goto out;
            }
            continue;
        }
        if (arg[0] == '-' && arg[1] != '\0') {
            fprintf(stderr, "saqr compare: unknown option %s\n", arg);
            goto out;
        }
        if (nfiles == 2) {
            fprintf(stderr, "saqr compare: too many files (\"%s\")\n", arg);
            goto out;
        }
        files[nfiles++] = arg;
    }
    if (nfiles != 2) {
        usage(stderr);
        goto out;
    }
    status = compare(files[0], files[1], columns, tols, ntols, html);
out:
    free(columns);
    for (int k = 0; k < ntols; k++)
        free((void *)tols[k].name);
    return status;
}
