/*
 * native_build.h - C source compiled into a shared object and loaded into
 * the process: the back end of Saqr's generated code (fdm/fcs_codegen.c).
 *
 * The source is written into a fresh private directory (mkdtemp under
 * $TMPDIR or /tmp), compiled there by the given C compiler run directly
 * (no shell: the compiler's path and the arguments are passed as they
 * are), loaded with dlopen, and the directory removed: the loaded code
 * stays mapped after its file is gone.  The compiler's options keep IEEE
 * arithmetic as the library's own build has it (-ffp-contract=off, no
 * fast-math), so generated code computes the same bits as the code it
 * replaces.
 */
#ifndef SAQR_NATIVE_BUILD_H
#define SAQR_NATIVE_BUILD_H

#include <stddef.h>

#include "util/err.h"

typedef struct native_lib native_lib;

/* Compiles `source` (len bytes of C) with the compiler `cc` ("cc" when
 * NULL) and loads it.  SAQR_EIO with the compiler's first complaint (or
 * why it could not run) in err on failure, *out untouched. */
saqr_status native_build(const char *cc, const char *source, size_t len, native_lib **out,
                         saqr_err *err);

/* Whether lib was built from exactly this source. */
int native_same_source(const native_lib *lib, const char *source, size_t len);

/* One more holder of lib (any thread): each native_close drops one, and
 * the last unloads it. */
native_lib *native_retain(native_lib *lib);

/* The address of `name` in the loaded code, or NULL. */
void *native_symbol(native_lib *lib, const char *name);

/* Drops a holder, unloading with the last; NULL is allowed. */
void native_close(native_lib *lib);

#endif
