/*
 * file.h - reading a whole file into memory through a saqr_allocator, for
 * the loaders (XML, CSV); folders made with their parents; the user's data
 * folder.  Never used inside a step.
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

/* mkdir -p: `path` and every missing folder above it (mode 0777 less the
 * umask).  0, or -1 with errno set (a path too long: ENAMETOOLONG). */
int file_make_dirs(const char *path);

/* A new file's path that names no file there yet: "STEM.EXT", else
 * "STEM-2.EXT", "STEM-3.EXT", ... up to -999, into buf (a recording is a
 * stored sortie's evidence: never written over).  0, or -1 when the path
 * does not fit in buf or every name is taken. */
int file_unused_name(const char *stem, const char *ext, char *buf, size_t size);

/* Saqr's folder of the user's data: $XDG_DATA_HOME/saqr when that is an
 * absolute path (the XDG spec ignores relative values), else
 * $HOME/.local/share/saqr (./.local/share/saqr without a HOME).  Into buf;
 * not created. */
void file_user_data_dir(char *buf, size_t size);

#endif
