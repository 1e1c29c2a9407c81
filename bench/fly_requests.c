/*
 * fly_requests.c - flies JSBSim scripts on request, for bench/ab.sh: reads
 * a script name (under ROOT/scripts/, without .xml) a line on standard
 * input, flies it whole in a fresh instance and prints the microseconds
 * per frame of its flight (loading and initialising not counted), one
 * line each.  The first request for a script compiles its aircraft
 * (saqr_fdm_compile); later ones share that code (saqr_fdm_compile_like),
 * as bench_jsbsim's repetitions do.  The process stays up between
 * requests, so that two builds can be alternated run by run, each in its
 * own process, without paying for a compile every time.
 *
 * Usage: fly_requests ROOT [--interpreted]
 * Exit 0 at the end of the input, 1 with the error of a script that does
 * not load or fly, 2 on a bad command line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "saqr.h"

#define MAX_SCRIPTS 32
#define MAX_NAME 128

typedef struct compiled_script {
    char name[MAX_NAME];
    saqr_fdm *model; /* kept for its generated code */
} compiled_script;

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* A loaded, initialised instance of the script, its code compiled or
 * shared with `like`; NULL with the error printed. */
static saqr_fdm *load(const char *root, const char *name, int compile, const saqr_fdm *like)
{
    char path[MAX_NAME + 16];
    snprintf(path, sizeof path, "scripts/%s.xml", name);
    saqr_fdm *f = saqr_fdm_create(NULL);
    if (!f) {
        fprintf(stderr, "fly_requests: out of memory\n");
        return NULL;
    }
    saqr_status st = saqr_fdm_load_script(f, root, path);
    if (st == SAQR_OK && compile)
        st = like ? saqr_fdm_compile_like(f, like) : saqr_fdm_compile(f, NULL);
    if (st == SAQR_OK)
        st = saqr_fdm_init(f);
    if (st != SAQR_OK) {
        fprintf(stderr, "fly_requests: %s: %s\n", path, saqr_fdm_error(f));
        saqr_fdm_destroy(f);
        return NULL;
    }
    return f;
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3 || (argc == 3 && strcmp(argv[2], "--interpreted") != 0)) {
        fprintf(stderr, "usage: %s ROOT [--interpreted]\n", argv[0]);
        return 2;
    }
    const char *root = argv[1];
    const int compile = argc == 2;
    compiled_script seen[MAX_SCRIPTS];
    int n_seen = 0, rc = 0;
    char line[MAX_NAME + 2];
    setvbuf(stdout, NULL, _IOLBF, 0);
    while (rc == 0 && fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (!line[0])
            continue;
        if (strlen(line) >= MAX_NAME || strchr(line, '/')) {
            fprintf(stderr, "fly_requests: \"%s\" is not a script name under scripts/\n", line);
            rc = 1;
            break;
        }
        const saqr_fdm *like = NULL;
        for (int i = 0; i < n_seen; i++)
            if (strcmp(seen[i].name, line) == 0)
                like = seen[i].model;
        if (compile && !like) {
            if (n_seen == MAX_SCRIPTS) {
                fprintf(stderr, "fly_requests: more than %d different scripts\n", MAX_SCRIPTS);
                rc = 1;
                break;
            }
            saqr_fdm *model = load(root, line, 1, NULL);
            if (!model) {
                rc = 1;
                break;
            }
            strcpy(seen[n_seen].name, line);
            seen[n_seen++].model = model;
            like = model;
        }
        saqr_fdm *f = load(root, line, compile, like);
        if (!f) {
            rc = 1;
            break;
        }
        long frames = 0;
        double t0 = now_s();
        while (!saqr_fdm_script_done(f)) {
            if (saqr_fdm_step(f) != SAQR_OK) {
                fprintf(stderr, "fly_requests: %s: %s\n", line, saqr_fdm_error(f));
                rc = 1;
                break;
            }
            frames++;
        }
        double elapsed = now_s() - t0;
        saqr_fdm_destroy(f);
        if (rc == 0) {
            if (frames == 0) {
                fprintf(stderr, "fly_requests: %s flies no frame\n", line);
                rc = 1;
            } else {
                printf("%.5f\n", elapsed / (double)frames * 1e6);
            }
        }
    }
    for (int i = 0; i < n_seen; i++)
        saqr_fdm_destroy(seen[i].model);
    return rc;
}
