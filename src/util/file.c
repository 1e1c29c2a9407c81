/*
 * file.c - whole-file reads for the loaders, folders and the user's data
 * folder (see file.h).  The read buffer grows by doubling, so a file of n
 * bytes costs O(n) copies.
 */
#include "util/file.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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
    if (st == SAQR_OK && n > max_bytes) /* a limit under the first buffer's size */
        st = err_set(err, SAQR_EIO, "%s: larger than %zu bytes", path, max_bytes);
    if (st != SAQR_OK) {
        mem_free(alloc, b);
        return st;
    }
    b[n] = '\0';
    *buf = b;
    *len = n;
    return SAQR_OK;
}

int file_unused_name(const char *stem, const char *ext, char *buf, size_t size)
{
    for (int k = 1; k < 1000; k++) {
        int n = k == 1 ? snprintf(buf, size, "%s.%s", stem, ext) : snprintf(buf, size, "%s-%d.%s", stem, k, ext);
        if (n < 0 || (size_t)n >= size)
            return -1;
        if (access(buf, F_OK) != 0)
            return 0;
    }
    return -1;
}

int file_make_dirs(const char *path)
{
    char buf[4096];
    if (snprintf(buf, sizeof buf, "%s", path) >= (int)sizeof buf) {
        errno = ENAMETOOLONG;
        return -1;
    }
    for (char *p = buf + 1;; p++) {
        if (*p != '/' && *p != '\0')
            continue;
        char c = *p;
        *p = '\0';
        if (mkdir(buf, 0777) != 0 && errno != EEXIST)
            return -1;
        *p = c;
        if (!c)
            return 0;
    }
}

void file_user_data_dir(char *buf, size_t size)
{
    const char *xdg = getenv("XDG_DATA_HOME");
    const char *home = getenv("HOME");
    if (xdg && xdg[0] == '/')
        snprintf(buf, size, "%s/saqr", xdg);
    else
        snprintf(buf, size, "%s/.local/share/saqr", home && *home ? home : ".");
}
