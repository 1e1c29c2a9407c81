/*
 * fdm_native.h - saqr_fdm_compile: a loaded aircraft's flight control
 * channels and aerodynamic coefficient sums as generated C, compiled and
 * loaded into the process (native/native_build.h), run instead of the
 * interpreter with the same results, bit for bit.
 */
#ifndef SAQR_FDM_NATIVE_H
#define SAQR_FDM_NATIVE_H

#include "fdm/fdm_internal.h"

/* Compiles with the C compiler cc (NULL: "cc"); or, with `like`, takes
 * like's code when f's generated source is the same (SAQR_EINVAL when it
 * is not, or like has none).  On failure nothing has changed and f->err
 * says why. */
saqr_status fdm_compile(saqr_fdm *f, const char *cc, const saqr_fdm *like);

/* Back to the interpreter and the code unloaded (the loading handle, with
 * no clones left; a no-op when nothing was compiled). */
void fdm_native_release(saqr_fdm *f);

#endif
