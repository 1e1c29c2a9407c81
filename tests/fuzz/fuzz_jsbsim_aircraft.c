// seeds: reference/jsbsim/aircraft/*/*.xml
/*
 * fuzz_jsbsim_aircraft.c - libFuzzer driver for the JSBSim aircraft loader:
 * the input is written as aircraft/fz/fz.xml of a private JSBSim root that
 * also holds copies of the reference engine/, systems/ and aircraft system
 * files (so file= includes resolve as for the real aircraft), loaded with
 * saqr_fdm_load_aircraft and, when it loads, given the c172x's reset01
 * initial conditions (when they apply), initialised and stepped for 30
 * frames, with its outputs redirected into the private root and written.
 * No crash, leak or undefined behaviour; a refused aircraft always says
 * why.
 *
 * The reference files come from $SAQR_SHARED (default ../shared, as the
 * tests), copied once per process into /tmp/fuzz_jsbsim_aircraft_<pid>.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "saqr.h"
#include "script/output.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char root[256];     /* the private JSBSim root (set once) */

static void drop_log(void *user, const char *message)
{
    (void)user;
    (void)message;
}

/* Removes the private root when the fuzzer exits. */
static void remove_root(void)
{
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    if (system(cmd) != 0)
        fprintf(stderr, "fuzz_jsbsim_aircraft: cannot remove %s\n", root);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    const char *shared = getenv("SAQR_SHARED");
    if (!shared || !*shared)
        shared = "../shared";
    snprintf(root, sizeof root, "/tmp/fuzz_jsbsim_aircraft_%ld", (long)getpid());
    char cmd[2048];
    const char *ref = "reference/jsbsim";
    snprintf(cmd, sizeof cmd,
             "rm -rf '%s' && mkdir -p '%s/aircraft/fz' && cp -r '%s/%s/engine' '%s/%s/systems' '%s/' && "
             "cp '%s/%s/aircraft/c172x/c172ap.xml' '%s/%s/aircraft/c172x/reset01.xml' '%s/aircraft/fz/' && "
             "cp -r '%s/%s/aircraft/f16/Systems' '%s/aircraft/fz/' && "
             /* a DAVE-ML model for <aerodynamics><daveml file="aero.dml"> */
             "cp '%s/reference/nasa-eom-2015/models/brick_aero.dml' '%s/aircraft/fz/aero.dml'",
             root, root, shared, ref, shared, ref, root, shared, ref, shared, ref, root, shared, ref, root, shared, root);
    if (system(cmd) != 0) {
        fprintf(stderr, "fuzz_jsbsim_aircraft: cannot prepare %s from %s\n", root, shared);
        exit(1);
    }
    atexit(remove_root);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[512];
    snprintf(path, sizeof path, "%s/aircraft/fz/fz.xml", root);
    FILE *fp = fopen(path, "wb");
    if (!fp)
        return 0;
    fwrite(data, 1, size, fp);
    fclose(fp);

    saqr_fdm *f = saqr_fdm_create(NULL);
    if (!f)
        return 0;
    saqr_fdm_set_log(f, drop_log, NULL);
    saqr_status st = saqr_fdm_load_aircraft(f, root, "fz");
    if (st != SAQR_OK && saqr_fdm_error(f)[0] == '\0')
        abort();                            /* a refusal must say why */
    if (st == SAQR_OK) {
        (void)saqr_fdm_load_initfile(f, "reset01");
        char out[512];
        snprintf(out, sizeof out, "%s/out.csv", root);
        for (int i = 0; i < output_count(f); i++)
            (void)output_rename(f, i, out);
        if (saqr_fdm_init(f) == SAQR_OK) {
            int wrote = output_open(f) == SAQR_OK;
            for (int k = 0; k < 30 && saqr_fdm_step(f) == SAQR_OK; k++)
                if (wrote)
                    (void)output_write_due(f);
            output_close(f);
        } else if (saqr_fdm_error(f)[0] == '\0') {
            abort();
        }
    }
    saqr_fdm_destroy(f);
    return 0;
}
