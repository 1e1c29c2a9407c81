/*
 * native_build.c - compile C source into a shared object and load it
 * (native_build.h).
 */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "native/native_build.h"

extern char **environ;

enum { PATH_MAX_BYTES = 4096 };

/* The loaded code, the source it was built from (so that another aircraft
 * whose generated source is the same can take it: native_same_source),
 * and how many aircraft hold it. */
struct native_lib {
    void *handle;
    atomic_int refs;
    size_t len;
    char source[];
};

/* The first line of the compiler's complaint, for the error message. */
static void first_line(const char *path, char *buf, size_t size)
{
    buf[0] = '\0';
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return;
    if (fgets(buf, (int)size, fp)) {
        size_t n = strcspn(buf, "\r\n");
        buf[n] = '\0';
    }
    fclose(fp);
}

static int write_file(const char *path, const char *data, size_t len)
{
    FILE *fp = fopen(path, "wb");
    if (!fp)
        return -1;
    int ok = fwrite(data, 1, len, fp) == len;
    return (fclose(fp) == 0 && ok) ? 0 : -1;
}

/* Runs cc on src into so, its output into log; 0 when it exited 0. */
static int run_compiler(const char *cc, const char *src, const char *so, const char *log,
                        saqr_err *err)
{
    posix_spawn_file_actions_t fa;
    if (posix_spawn_file_actions_init(&fa) != 0)
        return err_set(err, SAQR_EIO, "native code: cannot prepare to run %s", cc), -1;
    posix_spawn_file_actions_addopen(&fa, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_adddup2(&fa, 1, 2);
    /* AVX2's encoding where this processor has it, as the release library
     * (Makefile, ISA): the generated code is compiled for the machine that
     * runs it, and -ffp-contract=off keeps every result's bits.  Without
     * it the list ends one entry early. */
    char *isa = __builtin_cpu_supports("avx2") ? "-mavx2" : NULL;
    char *argv[] = {(char *)cc, "-std=c11", "-O2", "-fPIC", "-shared", "-ffp-contract=off", "-fno-math-errno", "-o",
                    (char *)so, (char *)src, "-lm", isa, NULL};
    pid_t pid;
    int rc = posix_spawnp(&pid, cc, &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0)
        return err_set(err, SAQR_EIO, "native code: cannot run the C compiler %s: %s", cc, strerror(rc)), -1;
    int status = 0;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return err_set(err, SAQR_EIO, "native code: lost the C compiler %s: %s", cc, strerror(errno)), -1;
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        return 0;
    char why[300];
    first_line(log, why, sizeof why);
    if (WIFEXITED(status) && WEXITSTATUS(status) == 127 && !why[0])
        snprintf(why, sizeof why, "not found");
    err_set(err, SAQR_EIO, "native code: the C compiler %s failed%s%s", cc, why[0] ? ": " : "", why);
    return -1;
}

saqr_status native_build(const char *cc, const char *source, size_t len, native_lib **out,
                         saqr_err *err)
{
    if (!cc || !*cc)
        cc = "cc";
    const char *tmp = getenv("TMPDIR");
    if (!tmp || !*tmp)
        tmp = "/tmp";
    native_lib *lib = malloc(sizeof *lib + len);
    if (!lib)
        return err_set(err, SAQR_ENOMEM, "native code: out of memory");
    char dir[PATH_MAX_BYTES], src[PATH_MAX_BYTES + 16], so[PATH_MAX_BYTES + 16], log[PATH_MAX_BYTES + 16];
    if ((size_t)snprintf(dir, sizeof dir, "%s/saqr-native-XXXXXX", tmp) >= sizeof dir - 16) {
        free(lib);
        return err_set(err, SAQR_EIO, "native code: temporary directory name too long: %s", tmp);
    }
    if (!mkdtemp(dir)) {
        free(lib);
        return err_set(err, SAQR_EIO, "native code: cannot create a directory in %s: %s", tmp,
                       strerror(errno));
    }
    snprintf(src, sizeof src, "%s/gen.c", dir);
    snprintf(so, sizeof so, "%s/gen.so", dir);
    snprintf(log, sizeof log, "%s/cc.log", dir);
    saqr_status st = SAQR_OK;
    void *h = NULL;
    if (write_file(src, source, len) != 0)
        st = err_set(err, SAQR_EIO, "native code: cannot write %s", src);
    else if (run_compiler(cc, src, so, log, err) != 0)
        st = SAQR_EIO;
    else if (!(h = dlopen(so, RTLD_NOW | RTLD_LOCAL)))
        st = err_set(err, SAQR_EIO, "native code: cannot load what %s built: %s", cc, dlerror());
    unlink(src);
    unlink(so);
    unlink(log);
    rmdir(dir);
    if (st != SAQR_OK) {
        free(lib);
        return st;
    }
    lib->handle = h;
    atomic_init(&lib->refs, 1);
    lib->len = len;
    memcpy(lib->source, source, len);
    *out = lib;
    return SAQR_OK;
}

int native_same_source(const native_lib *lib, const char *source, size_t len)
{
    return lib && lib->len == len && memcmp(lib->source, source, len) == 0;
}

native_lib *native_retain(native_lib *lib)
{
    atomic_fetch_add_explicit(&lib->refs, 1, memory_order_relaxed);
    return lib;
}

void *native_symbol(native_lib *lib, const char *name)
{
    return lib ? dlsym(lib->handle, name) : NULL;
}

void native_close(native_lib *lib)
{
    if (lib && atomic_fetch_sub_explicit(&lib->refs, 1, memory_order_acq_rel) == 1) {
        dlclose(lib->handle);
        free(lib);
    }
}
