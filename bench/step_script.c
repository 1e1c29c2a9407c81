/*
 * step_script.c - flies one JSBSim script in Saqr and nothing else, for
 * counting instructions (bench/instructions.sh runs it under callgrind,
 * as the JSBSim program is run, and takes the run that stops after
 * loading off the whole run, as `JSBSim --end=0` is taken off JSBSim's).
 *
 * Usage: step_script ROOT SCRIPT [--interpreted] [--frames N]
 *   ROOT      a JSBSim root (aircraft/, engine/, systems/, scripts/)
 *   SCRIPT    the script, relative to ROOT (scripts/c1723.xml)
 *   --interpreted   do not compile the aircraft (saqr_fdm_compile)
 *   --frames N      stop after N frames (0: load, compile and initialise
 *                   only); the default is the script's end
 * Prints the number of frames flown.  Exit 0, or 1 with the error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "saqr.h"

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: %s ROOT SCRIPT [--interpreted] [--frames N]\n", argv[0]);
        return 2;
    }
    int compile = 1;
    long limit = -1;
    for (int i = 3; i < argc; i++) {
        if (strcmp(argv[i], "--interpreted") == 0) {
            compile = 0;
        } else if (strcmp(argv[i], "--frames") == 0 && i + 1 < argc) {
            char *end;
            limit = strtol(argv[++i], &end, 10);
            if (*end || limit < 0) {
                fprintf(stderr, "%s: --frames wants a whole number >= 0, not \"%s\"\n", argv[0], argv[i]);
                return 2;
            }
        } else {
            fprintf(stderr, "%s: unknown option \"%s\"\n", argv[0], argv[i]);
            return 2;
        }
    }
    saqr_fdm *f = saqr_fdm_create(NULL);
    if (!f) {
        fprintf(stderr, "%s: out of memory\n", argv[0]);
        return 1;
    }
    if (saqr_fdm_load_script(f, argv[1], argv[2]) != SAQR_OK || (compile && saqr_fdm_compile(f, NULL) != SAQR_OK) ||
        saqr_fdm_init(f) != SAQR_OK) {
        fprintf(stderr, "%s: %s\n", argv[2], saqr_fdm_error(f));
        saqr_fdm_destroy(f);
        return 1;
    }
    long frames = 0;
    while ((limit < 0 || frames < limit) && !saqr_fdm_script_done(f)) {
        if (saqr_fdm_step(f) != SAQR_OK) {
            fprintf(stderr, "%s: %s\n", argv[2], saqr_fdm_error(f));
            saqr_fdm_destroy(f);
            return 1;
        }
        frames++;
    }
    printf("%ld\n", frames);
    saqr_fdm_destroy(f);
    return 0;
}
