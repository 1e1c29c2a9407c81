/*
 * csv_table.c - reader for numeric CSV tables (see csv_table.h).
 *
 * The whole text is scanned twice: once to count rows and columns, once to
 * fill the arrays, so all memory is taken up front in two allocations.
 */
#include "check/csv_table.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/file.h"
#include "util/mem.h"

#define MAX_FILE_BYTES ((size_t)256 * 1024 * 1024)
#define MAX_NAME 127

void csv_free(csv_table *t)
{
    if (!t)
        return;
    if (t->names)
        for (size_t i = 0; i < t->ncols; i++)
            mem_free(t->alloc, t->names[i]);
    mem_free(t->alloc, t->names);
    mem_free(t->alloc, t->data);
    t->names = NULL;
    t->data = NULL;
    t->ncols = t->nrows = 0;
}

int csv_column(const csv_table *t, const char *name)
{
    for (size_t i = 0; i < t->ncols; i++)
        if (strcmp(t->names[i], name) == 0)
            return (int)i;
    return -1;
}

/* Returns the end of the line starting at p (pointing at '\n' or end). */
static const char *line_end(const char *p, const char *end)
{
    const char *q = memchr(p, '\n', (size_t)(end - p));
    return q ? q : end;
}

static int blank(const char *p, const char *e)
{
    for (; p < e; p++)
        if (*p != ' ' && *p != '\t' && *p != '\r')
            return 0;
    return 1;
}

/* Parses one cell [p, e) as a number; empty or "nan" gives NaN. */
static int parse_cell(const char *p, const char *e, double *out)
{
    while (p < e && (*p == ' ' || *p == '\t'))
        p++;
    while (e > p && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
        e--;
    if (p == e || ((size_t)(e - p) == 3 && (strncmp(p, "nan", 3) == 0 || strncmp(p, "NaN", 3) == 0))) {
        *out = NAN;
        return 0;
    }
    char buf[64];
    size_t n = (size_t)(e - p);
    if (n >= sizeof buf)
        return 1;
    memcpy(buf, p, n);
    buf[n] = '\0';
    char *stop;
    errno = 0;
    double v = strtod(buf, &stop);
    if (*stop != '\0' || !isfinite(v))
        return 1;
    *out = v;
    return 0;
}

saqr_status csv_read_memory(const char *text, size_t len, const char *name,
                            const saqr_allocator *alloc, csv_table *t, saqr_err *err)
{
    memset(t, 0, sizeof *t);
    t->alloc = alloc;
    const char *end = text + len;
    const char *hdr_end = line_end(text, end);
    if (memchr(text, '\0', len))
        return err_set(err, SAQR_EPARSE, "%s: contains a NUL byte; not a CSV text file", name);
    if (blank(text, hdr_end))
        return err_set(err, SAQR_EPARSE, "%s:1: missing header row", name);

    /* Header: count and copy names. */
    size_t ncols = 1;
    for (const char *p = text; p < hdr_end; p++)
        ncols += *p == ',';
    if (ncols > CSV_MAX_COLS)
        return err_set(err, SAQR_EPARSE, "%s:1: %zu columns; at most %d are allowed", name, ncols, CSV_MAX_COLS);
    t->names = mem_alloc(alloc, ncols * sizeof *t->names);
    if (!t->names)
        return err_set(err, SAQR_ENOMEM, "%s: out of memory", name);
    t->ncols = ncols;
    const char *p = text;
    for (size_t c = 0; c < ncols; c++) {
        const char *q = p;
        while (q < hdr_end && *q != ',')
            q++;
        const char *a = p, *b = q;
        while (a < b && (*a == ' ' || *a == '"'))
            a++;
        while (b > a && (b[-1] == ' ' || b[-1] == '\r' || b[-1] == '"'))
            b--;
        size_t n = (size_t)(b - a);
        if (n == 0 || n > MAX_NAME) {
            csv_free(t);
            return err_set(err, SAQR_EPARSE, "%s:1: column %zu has an empty or too long name", name, c + 1);
        }
        t->names[c] = mem_alloc(alloc, n + 1);
        if (!t->names[c]) {
            csv_free(t);
            return err_set(err, SAQR_ENOMEM, "%s: out of memory", name);
        }
        memcpy(t->names[c], a, n);
        p = q + 1;
    }

    /* Count data rows. */
    size_t nrows = 0;
    for (const char *l = hdr_end < end ? hdr_end + 1 : end; l < end;) {
        const char *le = line_end(l, end);
        if (!blank(l, le))
            nrows++;
        l = le < end ? le + 1 : end;
    }
    if (nrows > 0 && ncols > SIZE_MAX / sizeof(double) / nrows) {
        csv_free(t);
        return err_set(err, SAQR_EPARSE, "%s: table too large", name);
    }
    t->data = mem_alloc(alloc, nrows * ncols * sizeof(double));
    if (!t->data) {
        csv_free(t);
        return err_set(err, SAQR_ENOMEM, "%s: out of memory", name);
    }

    size_t row = 0, line = 1;
    for (const char *l = hdr_end < end ? hdr_end + 1 : end; l < end;) {
        const char *le = line_end(l, end);
        line++;
        if (!blank(l, le)) {
            const char *c0 = l;
            for (size_t c = 0; c < ncols; c++) {
                const char *q = c0;
                while (q < le && *q != ',')
                    q++;
                if (q == le && c + 1 < ncols) {
                    csv_free(t);
                    return err_set(err, SAQR_EPARSE, "%s:%zu: %zu values; the header has %zu columns",
                                   name, line, c + 1, ncols);
                }
                if (parse_cell(c0, q, &t->data[row * ncols + c])) {
                    saqr_status st = err_set(err, SAQR_EPARSE, "%s:%zu: column %zu (%s) is not a number",
                                             name, line, c + 1, t->names[c]);
                    csv_free(t); /* after the message: it quotes a column name */
                    return st;
                }
                c0 = q + 1;
            }
            if (c0 <= le) {
                csv_free(t);
                return err_set(err, SAQR_EPARSE, "%s:%zu: more values than the header's %zu columns",
                               name, line, ncols);
            }
            row++;
        }
        l = le < end ? le + 1 : end;
    }
    t->nrows = nrows;
    return SAQR_OK;
}

saqr_status csv_read_file(const char *path, const saqr_allocator *alloc, csv_table *t, saqr_err *err)
{
    memset(t, 0, sizeof *t);
    t->alloc = alloc;
    char *buf;
    size_t len;
    saqr_status st = file_read_all(path, alloc, MAX_FILE_BYTES, &buf, &len, err);
    if (st != SAQR_OK)
        return st;
    st = csv_read_memory(buf, len, path, alloc, t, err);
    mem_free(alloc, buf);
    return st;
}
