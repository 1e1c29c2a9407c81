/*
 * qtg.h - the qualification test guide: automated test flights of a
 * JSBSim-format aircraft, each measuring one figure (a stall speed, a climb
 * rate, a phugoid period ...) and comparing it with a published value or a
 * regulatory range, after the objective tests of 14 CFR Part 60.
 *
 * What to fly lives with the aircraft, in aircraft/NAME/qtg.xml: a list of
 * tests, each with its kind (the manoeuvre), its conditions (altitude,
 * speed, flaps, properties to set) and either an expected value with a
 * tolerance or an acceptable range, and the source of that figure.  The
 * test flights use only the public saqr_fdm API: initial conditions,
 * JSBSim's trim, and simple autopilots acting on the pilot's controls.
 *
 * Layers: qtg_plan.c reads the plan; qtg_craft.c sets conditions, trims
 * and steps an aircraft; qtg_perf.c (trimmed performance), qtg_dyn.c
 * (dynamic responses), qtg_lateral.c (spiral, rudder, sideslip), qtg_engine.c
 * (engine response), qtg_spin.c (spin recovery) and qtg_field.c (take-off
 * and landing) measure;
 * qtg_report.c prints the table and writes the HTML report.
 */
#ifndef SAQR_QTG_QTG_H
#define SAQR_QTG_QTG_H

#include <stdio.h>

#include "saqr.h"
#include "util/err.h"

#define QTG_MAX_TESTS 64
#define QTG_MAX_SETS 16
#define QTG_MAX_TRACE 4096     /* samples kept for a plot */

typedef enum qtg_kind {
    QTG_STALL_SPEED,        /* 1-g stall speed, idle glide (kt CAS)            */
    QTG_MAX_LEVEL_SPEED,    /* full power level flight (kt TAS or Mach)        */
    QTG_BEST_CLIMB,         /* best rate of climb (fpm)                        */
    QTG_SERVICE_CEILING,    /* altitude where the best climb is 100 fpm (ft)   */
    QTG_TAKEOFF_ROLL,       /* brake release to lift-off (ft)                  */
    QTG_TAKEOFF_50FT,       /* brake release to 50 ft above the runway (ft)    */
    QTG_LANDING_ROLL,       /* touchdown to stop, full brakes (ft)             */
    QTG_PHUGOID_PERIOD,     /* s                                               */
    QTG_PHUGOID_DAMPING,    /* damping ratio                                   */
    QTG_SHORT_PERIOD_DAMPING, /* damping ratio of the pitch-rate response      */
    QTG_DUTCH_ROLL_PERIOD,  /* s                                               */
    QTG_PHUGOID_HALF_CYCLES,    /* cycles to half (or double) amplitude        */
    QTG_DUTCH_ROLL_HALF_CYCLES, /* cycles to half amplitude                    */
    QTG_ROLL_RATE,          /* deg/s with the given aileron                    */
    QTG_STALL_WARNING,      /* kt CAS at which the warning property first sets */
    QTG_SUSTAINED_TURN,     /* deg/s at the given Mach and altitude, full power */
    QTG_ACCEL_TIME,         /* s from one Mach to another, level, full power   */
    QTG_LIMITER_G,          /* peak load factor in an abrupt full-aft pull     */
    QTG_LIMITER_ALPHA,      /* peak angle of attack in the same pull (deg)     */
    QTG_SPIRAL_STABILITY,   /* bank change 20 s after release from a turn (deg) */
    QTG_RUDDER_RESPONSE,    /* first peak of the yaw rate after a rudder step (deg/s) */
    QTG_ENGINE_ACCEL,       /* idle to take-off power: s to 90% of the change  */
    QTG_ENGINE_DECEL,       /* take-off power to idle: s to 90% of the change  */
    QTG_SIDESLIP_BANK,      /* steady-heading sideslip on a rudder: bank (deg) */
    QTG_SIDESLIP_BETA,      /* the same flight: the sideslip angle (deg)       */
    QTG_SIDESLIP_AILERON,   /* the same flight: aileron from its trim (deg)    */
    QTG_SPIN_RECOVERY,      /* turns to stop a six-turn spin, standard recovery */
    QTG_KIND_COUNT
} qtg_kind;

typedef struct qtg_set {
    char name[128];
    double value;
} qtg_set;

/* One test of the plan. */
typedef struct qtg_test {
    char id[48];
    char title[96];
    qtg_kind kind;
    char where[160];        /* file:line of the <test>                        */
    /* conditions (NaN when not given) */
    double altitude_ft;
    double speed_kt;        /* CAS                                            */
    double mach, mach_end;
    double flaps;           /* fcs/flap-cmd-norm                              */
    double gear;            /* gear/gear-cmd-norm                             */
    double throttle;        /* for the test's power setting                   */
    double control;         /* aileron / stick / rudder fraction (a spin's
                               pro-spin rudder: > 0 left)                    */
    double bank_deg;        /* the turn a spiral-stability test starts from   */
    double rotate_kt;       /* take-off rotation speed                        */
    char property[128];     /* the property a test watches (stall warning,
                               engine response)                               */
    int nset;
    qtg_set set[QTG_MAX_SETS];
    /* acceptance: value +- tol (tol = max(tol_abs, tol_pct% of value)), or
     * [range_min, range_max] */
    int has_range;
    double expect, tol_abs, tol_pct, range_min, range_max;
    char unit[16];
    char source[200];
    int graded;             /* 0: reported for information, never failing   */
    int linear_model;       /* method="linear-model": the mode of the aircraft
                               linearised about the trim, not the time
                               history's (short-period-damping only)        */
} qtg_test;

typedef struct qtg_plan {
    char aircraft[64];
    char initfile[64];      /* the aircraft's reset file the tests start from */
    char ground_initfile[64]; /* on the runway, for take-off and landing     */
    int ntests;
    qtg_test tests[QTG_MAX_TESTS];
} qtg_plan;

/* A measured figure and the evidence (a time history) behind it. */
typedef struct qtg_result {
    const qtg_test *test;
    double measured;        /* NaN when the test flight failed               */
    double lo, hi;          /* acceptance band                               */
    int pass;               /* within the band                              */
    char note[240];         /* how it was measured, or why it failed         */
    /* plot: y against t (or x), with its labels */
    int ntrace;
    double trace_x[QTG_MAX_TRACE], trace_y[QTG_MAX_TRACE];
    char x_label[32], y_label[48];
} qtg_result;

/* --- qtg_plan.c --- */

/* Reads a plan; SAQR_EPARSE / SAQR_EIO with "file:line: ..." in err. */
saqr_status qtg_plan_load(const char *path, qtg_plan *plan, saqr_err *err);
/* The same from memory; `name` stands for the file in messages. */
saqr_status qtg_plan_load_memory(const char *text, size_t size, const char *name, qtg_plan *plan, saqr_err *err);
const char *qtg_kind_name(qtg_kind k);
/* Acceptance band of a test around its expected value, or its range. */
void qtg_band(const qtg_test *t, double *lo, double *hi);

/* --- one test flight (qtg_perf.c, qtg_dyn.c, qtg_field.c via qtg_run_test) --- */

/* Flies test `t` of `plan` with the aircraft in `root` and fills `r`.
 * Returns SAQR_OK when the flight could be made (pass or fail); another
 * status, with the reason in r->note, when it could not. */
saqr_status qtg_run_test(const char *root, const qtg_plan *plan, const qtg_test *t, qtg_result *r);

/* --- qtg_report.c --- */
/* Non-zero when the result does not fail the run (within its band, or
 * reported for information only). */
int qtg_result_ok(const qtg_result *r);
void qtg_report_table(FILE *out, const qtg_plan *plan, const qtg_result *res, int n);
/* Writes the HTML page (inline SVG plots, no scripts); SAQR_EIO on failure. */
saqr_status qtg_report_html(const char *path, const qtg_plan *plan, const qtg_result *res, int n,
                            saqr_err *err);

#endif
