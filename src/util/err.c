/*
 * err.c - formatting of error messages into caller-owned buffers, and the
 * names of the public status codes.
 */
#include "util/err.h"

#include <stdarg.h>
#include <stdio.h>

saqr_status err_set(saqr_err *err, saqr_status status, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
    }
    return status;
}

void err_clear(saqr_err *err)
{
    if (err)
        err->msg[0] = '\0';
}

const char *saqr_status_name(saqr_status status)
{
    switch (status) {
    case SAQR_OK: return "ok";
    case SAQR_EINVAL: return "invalid argument";
    case SAQR_ENOMEM: return "out of memory";
    case SAQR_EIO: return "input/output error";
    case SAQR_EPARSE: return "malformed input";
    case SAQR_ESTATE: return "not allowed now";
    case SAQR_ENOTFOUND: return "not found";
    }
    return "unknown status";
}
