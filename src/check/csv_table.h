/*
 * csv_table.h - a numeric CSV table: one header row of column names, then
 * rows of numbers.  Used to read NASA's reference trajectories and Saqr's
 * own outputs for comparison.
 *
 * Limits against hostile files: at most CSV_MAX_COLS columns, names up to
 * 127 characters, every cell a finite number (or empty/"nan", kept as NaN).
 */
#ifndef SAQR_CHECK_CSV_TABLE_H
#define SAQR_CHECK_CSV_TABLE_H

#include <stddef.h>

#include "saqr.h"
#include "util/err.h"

#define CSV_MAX_COLS 4096

typedef struct csv_table {
    const saqr_allocator *alloc;
    size_t ncols, nrows;
    char **names;      /* ncols column names                               */
    double *data;      /* nrows * ncols values, row-major                   */
} csv_table;

/* Reads `path`.  On failure returns the status with "path:line: ..." in
 * err and leaves `t` empty (safe to free). */
saqr_status csv_read_file(const char *path, const saqr_allocator *alloc, csv_table *t, saqr_err *err);

/* Parses text held in memory; `name` is used in messages. */
saqr_status csv_read_memory(const char *text, size_t len, const char *name,
                            const saqr_allocator *alloc, csv_table *t, saqr_err *err);

void csv_free(csv_table *t);

/* Index of the first column named `name`, or -1. */
int csv_column(const csv_table *t, const char *name);

static inline double csv_at(const csv_table *t, size_t row, size_t col)
{
    return t->data[row * t->ncols + col];
}

#endif
