/*
 * file.c - whole-file reads for the loaders (see file.h).  The buffer grows
 * by doubling, so a file of n bytes costs O(n) copies.
 */
#include "util/file.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "util/mem.h"

saqr_status file_read_all(const char *path, const saqr_allocator *alloc, size_t max_bytes, char **buf,
                          size_t *len, saqr_err *err)
{
    *buf = NULL;
    *len = 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return err_set(err, SAQR_EIO, "%s: cannot open: %s", path, strerror(errno));
    size_t cap = 64 * 1024, n = 0;
    char *b = mem_alloc(alloc, cap + 1);
    saqr_status st = b ? SAQR_OK : err_set(err, SAQR_ENOMEM, "%s: out of memory", path);
    while (st == SAQR_OK) {
        if (n == cap) {
            if (cap >= max_bytes) {
                st = err_set(err, SAQR_EIO, "%s: larger than %zu bytes", path, max_bytes);
                break;
            }
            char *bigger = mem_alloc(alloc, 2 * cap + 1);
            if (!bigger) {
                st = err_set(err, SAQR_ENOMEM, "%s: out of memory", path);
                break;
            }
            memcpy(bigger, b, n);
            mem_free(alloc, b);
            b = bigger;
            cap *= 2;
        }
        size_t got = fread(b + n, 1, cap - n, f);
        n += got;
        if (got == 0) {
            if (ferror(f))
                st = err_set(err, SAQR_EIO, "%s: read error", path);
            break;
        }
    }
    fclose(f);
    if (st != SAQR_OK) {
        mem_free(alloc, b);
        return st;
    }
    b[n] = '\0';
    *buf = b;
    *len = n;
    return SAQR_OK;
}
