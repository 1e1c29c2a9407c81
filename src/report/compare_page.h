/*
 * compare_page.h - `saqr compare --html`: two time histories side by side
 * as a self-contained HTML page.  For each compared column, a table row
 * (largest |A - B|, when, the tolerance and whether it held) and a plot of
 * A and B (B interpolated to A's times, as the comparison uses it) over
 * the difference A - B on its own scale, with the worst point marked, so
 * that an engineer sees where and how two runs part - a drift, a spike, a
 * phase lag - not only by how much.
 */
#ifndef SAQR_REPORT_COMPARE_PAGE_H
#define SAQR_REPORT_COMPARE_PAGE_H

#include <stddef.h>
#include <stdio.h>

/* One column compared: n samples at A's times t[], A's values a[] and B's
 * interpolated b[] (NaN where not a number or outside B's times), the
 * difference d[] (wrapped for headings; NaN where not compared), the
 * largest |d| and its time (NAN when nothing was compared), the tolerance
 * (NAN: none). */
typedef struct compare_column {
    const char *name;
    const double *t, *a, *b, *d;
    size_t n;
    double worst, worst_t;
    double tol;
} compare_column;

/* The page's opening: the two files and what was done. */
void compare_page_open(FILE *f, const char *path_a, const char *path_b);
/* The summary table of every column, then a plot per column. */
void compare_page_columns(FILE *f, const compare_column *cols, int n);
/* The closing, with the count of columns over tolerance.  0, or -1 when
 * the stream failed. */
int compare_page_close(FILE *f, int exceeded, int ntols);

#endif
