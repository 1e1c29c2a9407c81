/*
 * file.h - reading a whole file into memory through a saqr_allocator, for
 * the loaders (XML, CSV).  Never used inside a step.
 */
#ifndef SAQR_UTIL_FILE_H
#define SAQR_UTIL_FILE_H

#include <stddef.h>

#include "saqr.h"
#include "util/err.h"

/* Reads `path` into *buf (NUL-terminated; *len excludes the NUL), refusing
 * files larger than max_bytes.  On failure returns SAQR_EIO (cannot open or
 * read, too large) or SAQR_ENOMEM with "path: ..." in err, and sets
 * *buf = NULL.  The caller frees *buf with mem_free(alloc, *buf). */
saqr_status file_read_all(const char *path, const saqr_allocator *alloc, size_t max_bytes, char **buf,
                          size_t *len, saqr_err *err);

#endif
