/*
 * err.h - error messages kept by whoever owns them (a handle, a loader).
 *
 * Library code never prints and never uses a process-wide error location:
 * a failing function writes its message into the caller's `saqr_err`.
 * Input errors name the file and line ("case.xml:12: ...").
 */
#ifndef SAQR_UTIL_ERR_H
#define SAQR_UTIL_ERR_H

#include "saqr.h"

#define SAQR_ERR_MAX 512

typedef struct saqr_err {
    char msg[SAQR_ERR_MAX]; /* NUL-terminated; "" when no error */
} saqr_err;

/* Formats a message into `err` (truncated to fit) and returns `status`,
 * so a failure reads `return err_set(err, SAQR_EINVAL, "...", ...);`.
 * `err` may be NULL. */
saqr_status err_set(saqr_err *err, saqr_status status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

void err_clear(saqr_err *err);

#endif
