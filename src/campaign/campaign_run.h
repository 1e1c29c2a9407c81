/*
 * campaign_run.h - flying a campaign's runs: the table's columns, each
 * run's parameter draws, and the runs themselves on worker threads.
 *
 * The table: one row per run; columns are the dispersed parameters (in
 * the file's order), then for a lesson every graded element's measured
 * value (the sheet's worst value) and its pass flag (marked Fair or
 * better) and, for an element graded about its exercise's entry value,
 * its deviation from that run's target (".dev", whose band is the same
 * +-tolerance in every run), then the file's <output>s (each with a pass flag when it has a
 * pass band), then for a lesson the sortie's result (0 Pass, 1 Marginal,
 * 2 Unsat, 3 Incomplete) and for every campaign with any criterion the run's pass flag.
 *
 * Determinism: run i's draws depend only on (seed, i); a run is flown on
 * one thread from start to end with its own aircraft and lesson copy, and
 * writes only its own row, so the table is the same for any thread count
 * and any share-out of runs between processes.
 *
 * Who frees what: camp_layout_make fills a layout camp_layout_free frees;
 * camp_results_alloc a table camp_results_free frees.
 */
#ifndef SAQR_CAMPAIGN_RUN_H
#define SAQR_CAMPAIGN_RUN_H

#include <math.h>
#include <stdatomic.h>
#include <stdint.h>

#include "campaign/campaign.h"
#include "saqr.h"
#include "train/airport.h"
#include "train/lesson.h"

#define CAMP_MSG_MAX 160

/* Where a campaign's runs find their files. */
typedef struct camp_env {
    const char *aircraft_root;    /* lesson: JSBSim root holding aircraft/ */
    const char *lesson_path;      /* lesson: its file                       */
    const airport_db *airports;   /* lesson: the airports (read only)       */
    const char *script_root;      /* script: the JSBSim root, resolved      */
    const saqr_fdm *code;         /* the aircraft compiled once (camp_compile),
                                     whose code every run takes; NULL:
                                     the runs are interpreted              */
    atomic_long *interpreted;     /* runs that could not take it, or NULL  */
} camp_env;

typedef enum camp_col_kind {
    CC_PARAM = 0,   /* a dispersed parameter's draw                        */
    CC_ELEMENT,     /* a graded element's measured value                   */
    CC_OUTPUT,      /* an <output>'s value                                 */
    CC_PASS,        /* 1 pass, 0 fail (of the column before it, or the run) */
    CC_RESULT       /* the sortie's result: 0 Pass, 1 Marginal, 2 Unsat, 3 Incomplete */
} camp_col_kind;

typedef struct camp_column {
    char name[CAMP_PROP_MAX + 64]; /* "crosswind-kt", "landing.touchdown", "landing.touchdown.pass" */
    camp_col_kind kind;
    int index;                    /* parameter, element or output index; -1 for the run's */
    char unit[16];                /* for display ("" when none)            */
    double band_lo, band_hi;      /* the value's accepted band where it is
                                     the same for every run (an element with
                                     a fixed target or limits, an output's
                                     pass band; -/+HUGE_VAL: open side);
                                     both NAN: none (a band about the entry
                                     value, which each run sets)           */
} camp_column;

typedef struct camp_layout {
    int ncols;
    camp_column *cols;            /* owned                                 */
    int nparams;                  /* the first nparams columns              */
    int nelements;                /* lesson: graded elements                */
    char (*element_ids)[2 * LESSON_NAME_MAX]; /* "exercise.element" (owned) */
    int *element_col;             /* value column of each element           */
    int *element_dev_col;         /* its deviation column, -1 for none       */
    unsigned char *element_wrap;  /* 1: an angle, deviations wrapped to +-180 */
    int *output_col;              /* value column of each output            */
    int result_col, pass_col;     /* -1 when absent                         */
} camp_layout;

/* The columns of campaign `c` flying lesson `l` (NULL for a script).
 * SAQR_EINVAL with the parameter's file:line for a parameter the lesson
 * cannot take (initial-state offsets on a lesson that starts on the
 * runway); SAQR_ENOMEM. */
int camp_layout_make(const campaign *c, const lesson *l, camp_layout *lay, saqr_err *err);
void camp_layout_free(camp_layout *lay);

typedef struct camp_results {
    long nruns;
    int ncols;
    double *v;                    /* nruns x ncols; NAN: not measured       */
    unsigned char *failed;        /* 1: the run could not be flown          */
    char (*msg)[CAMP_MSG_MAX];    /* why ("" when flown)                    */
} camp_results;

int camp_results_alloc(camp_results *r, long nruns, int ncols);
void camp_results_free(camp_results *r);

/* Run `run`'s parameter values (c->nparams of them, in order) and the seed
 * of its gusts, from stream `run` of the campaign's seed.  Can't fail. */
void camp_draw(const campaign *c, long run, double *values, uint64_t *gust_seed);

/* Flies one run into row `run` of res.  SAQR_OK when the run was flown or
 * failed on its own (res->failed says which); an error only when nothing
 * could be set up (the lesson cannot be read). */
int camp_run_one(const campaign *c, const camp_env *env, const camp_layout *lay, long run, camp_results *res,
                 saqr_err *err);

/* Flies runs i (0 <= i < c->runs) with i mod nranks == rank, on `threads`
 * worker threads (>= 1) taking whole runs, into their rows of res.  Rows
 * of other ranks are left alone.  An error only when a worker could not
 * be set up. */
int camp_run_all(const campaign *c, const camp_env *env, const camp_layout *lay, int threads, int rank,
                 int nranks, camp_results *res, saqr_err *err);

/* The campaign's aircraft loaded as its runs load it (the lesson's
 * `aircraft` under env->aircraft_root, or the script) and compiled with
 * the C compiler cc (NULL: "cc"), for env->code: every run then takes its
 * code (saqr_fdm_compile_like) with no compiler run, and flies the same
 * bits faster.  *out is the caller's to destroy after the runs. */
saqr_status camp_compile(const campaign *c, const camp_env *env, const char *aircraft, const char *cc,
                         saqr_fdm **out, saqr_err *err);

/* Non-zero when an output has a pass band (pass-min= or pass-max=). */
static inline int camp_output_has_pass_band(const camp_output *o)
{
    return !isnan(o->pass_min) || !isnan(o->pass_max);
}

#endif
