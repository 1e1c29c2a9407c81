/*
 * cmd_campaign.c - `saqr campaign FILE [--runs N] [--threads T] [--out DIR]
 * [--shared DIR] [--only I]`: a Monte Carlo campaign (campaigns/NAME.xml,
 * docs/campaigns.md).  Flies every run on T worker threads (default: one
 * per core) and writes DIR/runs.csv and DIR/summary.html (DIR defaults to
 * campaign-ID), and prints a short summary with the wall time.  --only I
 * flies run I alone and prints its values (nothing written).
 *
 * Under `mpirun -n K` each rank flies the runs i with i mod K = rank and
 * rank 0 gathers them and alone writes and prints (src/campaign/
 * campaign_mpi.h).  Exit 0 when the campaign ran (whatever its pass
 * rate), 2 for bad usage or input (a campaign file's errors with
 * file:line).
 *
 * The aircraft is compiled once per process (saqr_fdm_compile with the C
 * compiler of --compile=CC, default cc) and every run takes that code:
 * the same results bit for bit, in less time.  --no-compile, a compiler
 * that fails (a warning) and --only interpret instead.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "campaign/campaign.h"
#include "campaign/campaign_mpi.h"
#include "campaign/campaign_run.h"
#include "campaign/summary.h"
#include "commands.h"
#include "train_args.h"
#include "util/file.h"

static const char usage[] =
    "usage: saqr campaign FILE [--runs N] [--threads T] [--out DIR] [--shared DIR] [--only I]\n"
    "                          [--root DIR] [--lessons DIR] [--airports FILE]\n"
    "  a Monte Carlo campaign (docs/campaigns.md): DIR/runs.csv and DIR/summary.html\n"
    "  (DIR defaults to campaign-ID); --only I flies run I alone and prints its values;\n"
    "  under mpirun -n K the runs are shared out between the ranks;\n"
    "  the aircraft runs compiled (docs/native.md) with cc or --compile=CC, or interpreted\n"
    "  with --no-compile: the same results either way\n";

typedef struct camp_args {
    const char *file, *out, *shared;
    long runs;            /* -1: the file's                                 */
    int threads;          /* 0: one per core                                */
    long only;            /* -1: all runs                                   */
    int interpret;        /* --no-compile                                   */
    const char *cc;       /* --compile=CC; NULL: cc                         */
} camp_args;

/* Messages from rank 0 only (every rank would say the same). */
static int quiet;

static void say(const char *fmt, const char *a, const char *b)
{
    if (!quiet)
        fprintf(stderr, fmt, a, b);
}

static int parse_long(const char *s, long lo, long hi, long *out)
{
    char *end = NULL;
    errno = 0;
    long x = strtol(s, &end, 10);
    if (end == s || *end || errno || x < lo || x > hi)
        return -1;
    *out = x;
    return 0;
}

/* 0, or 2 with the message printed. */
static int parse_args(int argc, char **argv, train_paths *p, camp_args *a)
{
    memset(a, 0, sizeof *a);
    a->runs = a->only = -1;
    a->shared = getenv("SAQR_SHARED");
    if (!a->shared || !*a->shared)
        a->shared = "../shared";
    for (int i = 0; i < argc; i++) {
        int r = train_paths_option(p, argc, argv, &i, "campaign");
        if (r < 0)
            return 2;
        if (r > 0)
            continue;
        const char *o = argv[i];
        if (strcmp(o, "--no-compile") == 0) {
            a->interpret = 1;
            continue;
        }
        if (strncmp(o, "--compile", 9) == 0 && (o[9] == '\0' || o[9] == '=')) {
            if (o[9] == '=' && !o[10]) {
                say("saqr campaign: --compile= needs a compiler (or no '=')%s%s\n", "", "");
                return 2;
            }
            a->cc = o[9] ? o + 10 : NULL;
            a->interpret = 0;
            continue;
        }
        int takes = strcmp(o, "--runs") == 0 || strcmp(o, "--threads") == 0 || strcmp(o, "--out") == 0 ||
                    strcmp(o, "--shared") == 0 || strcmp(o, "--only") == 0;
        if (takes) {
            if (train_needs_value(argc, argv, i, "campaign"))
                return 2;
            const char *v = argv[++i];
            long x;
            if (strcmp(o, "--out") == 0) {
                a->out = v;
            } else if (strcmp(o, "--shared") == 0) {
                a->shared = v;
            } else if (strcmp(o, "--runs") == 0) {
                if (parse_long(v, 1, CAMP_MAX_RUNS, &a->runs)) {
                    say("saqr campaign: --runs wants a whole number from 1 to 1000000, not \"%s\"%s\n", v, "");
                    return 2;
                }
            } else if (strcmp(o, "--threads") == 0) {
                if (parse_long(v, 1, 256, &x)) {
                    say("saqr campaign: --threads wants a whole number from 1 to 256, not \"%s\"%s\n", v, "");
                    return 2;
                }
                a->threads = (int)x;
            } else if (parse_long(v, 0, CAMP_MAX_RUNS - 1, &a->only)) {
                say("saqr campaign: --only wants a run number (from 0), not \"%s\"%s\n", v, "");
                return 2;
            }
        } else if (o[0] != '-' && !a->file) {
            a->file = o;
        } else {
            say("saqr campaign: unexpected argument %s\n%s", o, usage);
            return 2;
        }
    }
    if (!a->file) {
        say("%s%s", usage, "");
        return 2;
    }
    return 0;
}


static int write_file(const char *dir, const char *name, const campaign *c, const camp_layout *lay,
                      const camp_results *res, int html)
{
    char path[1100];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (!f) {
        say("saqr campaign: cannot write %s: %s\n", path, strerror(errno));
        return -1;
    }
    int st = html ? summary_write_html(f, c, lay, res) : summary_write_csv(f, c, lay, res);
    if (fclose(f) != 0 || st) {
        say("saqr campaign: writing %s failed%s\n", path, "");
        return -1;
    }
    return 0;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static int default_threads(void)
{
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    const char *local = getenv("OMPI_COMM_WORLD_LOCAL_SIZE");
    long per_node = local ? strtol(local, NULL, 10) : 1;
    if (per_node < 1)
        per_node = 1;
    long t = cores > 0 ? cores / per_node : 1;
    return t < 1 ? 1 : t > 256 ? 256 : (int)t;
}

static int campaign_main(int argc, char **argv, int rank, int size)
{
    train_paths p;
    train_paths_default(&p);
    camp_args a;
    int rc = parse_args(argc, argv, &p, &a);
    if (rc)
        return rc;
    static campaign c; /* large; read-only once loaded */
    saqr_err err = {""};
    if (campaign_load(a.file, &c, &err)) {
        say("saqr campaign: %s%s\n", err.msg, "");
        return 2;
    }
    if (a.runs > 0)
        c.runs = a.runs;
    if (a.only >= c.runs) {
        char n[32];
        snprintf(n, sizeof n, "%ld", a.only);
        say("saqr campaign: --only %s: the campaign has fewer runs than that%s\n", n, "");
        return 2;
    }
    camp_env env = {p.root, NULL, NULL, NULL, NULL, NULL};
    saqr_fdm *code = NULL;
    char lesson_path[1100], script_root[1100];
    lesson l;
    airport_db db;
    int have_lesson = 0, have_db = 0;
    rc = 2;
    if (!c.is_script) {
        snprintf(lesson_path, sizeof lesson_path, "%s/%s.xml", p.lessons, c.lesson_id);
        env.lesson_path = lesson_path;
        if (lesson_load(lesson_path, c.lesson_id, &l, &err)) {
            lesson_free(&l);
            say("saqr campaign: %s: no lesson %s", c.where_source, c.lesson_id);
            say(" (%s)%s\n", err.msg, "");
            return 2;
        }
        have_lesson = 1;
        if (train_load_airports(&p, &db, "campaign"))
            goto out;
        have_db = 1;
        env.airports = &db;
    } else {
        if (c.root_in_shared)
            snprintf(script_root, sizeof script_root, "%s/%s", a.shared, c.script_root);
        else if (c.script_root[0] == '/')
            snprintf(script_root, sizeof script_root, "%s", c.script_root);
        else {
            /* relative to the campaign file's folder */
            const char *slash = strrchr(a.file, '/');
            int dl = slash ? (int)(slash - a.file) : 1;
            snprintf(script_root, sizeof script_root, "%.*s/%s", dl, slash ? a.file : ".", c.script_root);
        }
        env.script_root = script_root;
        char sp[2200];
        snprintf(sp, sizeof sp, "%s/%s", script_root, c.script_path);
        if (access(sp, R_OK) != 0) {
            say("saqr campaign: %s: no script %s", c.where_source, sp);
            say("%s%s\n", a.shared == NULL ? "" : c.root_in_shared ? " (root under --shared)" : "", "");
            return 2;
        }
    }
    camp_layout lay;
    if (camp_layout_make(&c, have_lesson ? &l : NULL, &lay, &err)) {
        say("saqr campaign: %s%s\n", err.msg, "");
        goto out;
    }
    camp_results res;
    if (camp_results_alloc(&res, c.runs, lay.ncols)) {
        say("saqr campaign: out of memory%s%s\n", "", "");
        camp_layout_free(&lay);
        goto out;
    }
    if (a.only >= 0) {
        if (rank == 0) {
            if (camp_run_one(&c, &env, &lay, a.only, &res, &err))
                say("saqr campaign: %s%s\n", err.msg, "");
            else {
                summary_write_run(stdout, &lay, &res, a.only);
                rc = 0;
            }
        } else {
            rc = 0;
        }
    } else {
        int threads = a.threads > 0 ? a.threads : default_threads();
        double t0 = now_s();
        atomic_long interpreted = 0;
        if (!a.interpret) {
            saqr_err cerr = {""};
            if (camp_compile(&c, &env, have_lesson ? l.aircraft : NULL, a.cc, &code, &cerr))
                say("saqr campaign: warning: %s; the runs are interpreted (the same results, slower)%s\n", cerr.msg,
                    "");
            env.code = code;
            env.interpreted = &interpreted;
        }
        int st = camp_run_all(&c, &env, &lay, threads, rank, size, &res, &err);
        if (st)
            say("saqr campaign: %s%s\n", err.msg, "");
        st = camp_mpi_max_status(st);
        /* runs that flew interpreted, over every rank (a rank whose
         * compile failed flew all of its share so) */
        long mine = (c.runs - rank + size - 1) / size;
        long interp = camp_mpi_sum(code ? atomic_load(&interpreted) : mine);
        if (!st && size > 1 && camp_mpi_gather(&res, rank, size, &err)) {
            say("saqr campaign: %s%s\n", err.msg, "");
            st = SAQR_EIO;
        }
        double wall_s = now_s() - t0;
        if (!st && rank == 0) {
            char outdir[1024];
            if (a.out)
                snprintf(outdir, sizeof outdir, "%s", a.out);
            else
                snprintf(outdir, sizeof outdir, "campaign-%s", c.id);
            if (file_make_dirs(outdir)) {
                say("saqr campaign: cannot make the folder %s: %s\n", outdir, strerror(errno));
            } else if (!write_file(outdir, "runs.csv", &c, &lay, &res, 0) &&
                       !write_file(outdir, "summary.html", &c, &lay, &res, 1)) {
                summary_write_text(stdout, &c, &lay, &res);
                printf("wall time %.1f s: %ld runs on %d process%s x %d thread%s, %s; written %s/summary.html and "
                       "%s/runs.csv\n",
                       wall_s, c.runs, size, size > 1 ? "es" : "", threads, threads > 1 ? "s" : "",
                       interp == 0 ? "compiled" : interp == c.runs ? "interpreted" : "some runs interpreted", outdir,
                       outdir);
                rc = 0;
                /* no run flew: the campaign itself is wrong (an output or
                 * property the aircraft lacks, a load it refuses), not
                 * its dispersion; the files stay for a look */
                long failed = 0;
                for (long i = 0; i < res.nruns; i++)
                    failed += res.failed[i] != 0;
                if (res.nruns > 0 && failed == res.nruns) {
                    fprintf(stderr, "saqr campaign: no run flew; run 0: %s\n", res.msg[0]);
                    rc = 2;
                }
            }
        } else if (!st) {
            rc = 0;
        }
    }
    camp_results_free(&res);
    camp_layout_free(&lay);
    saqr_fdm_destroy(code);
out:
    if (have_db)
        airport_db_free(&db);
    if (have_lesson)
        lesson_free(&l);
    return rc;
}

int cmd_campaign(int argc, char **argv)
{
    int rank = 0, size = 1;
    saqr_err err = {""};
    if (camp_mpi_launched(&rank, &size) && size > 1) {
        if (!camp_mpi_available()) {
            /* no MPI built in: rank 0 flies everything, the others stop */
            if (rank != 0)
                return 0;
            fprintf(stderr, "saqr campaign: warning: built without MPI; rank 0 flies all the runs\n");
            size = 1;
        } else if (camp_mpi_start(&rank, &size, &err)) {
            fprintf(stderr, "saqr campaign: %s\n", err.msg);
            return 2;
        }
    }
    quiet = rank != 0;
    int rc = campaign_main(argc, argv, rank, size);
    camp_mpi_finish();
    return rc;
}
