/*
 * daveml.h - loads DAVE-ML 2.0 models (AIAA S-119) and evaluates them.
 *
 * A DAVE-ML file (DAVEfunc) describes a static model: named variables
 * (signals) that are inputs, constants, or computed from other variables by
 * MathML-2 content markup or by interpolation in gridded or ungridded
 * (scattered-point) tables.  Loading
 * parses the XML once, checks it, and compiles every calculation and every
 * table look-up into a small stack program over variable slots, ordered so
 * that each variable is computed after all it depends on.  Evaluation then
 * runs those programs: no allocation, no I/O, no global state.
 *
 * Values are in the units the file declares (`daveml_units`); converting to
 * SI is the caller's business (see math/units.h).
 *
 * Who frees what: daveml_load_* allocate the model through `alloc` (NULL for
 * malloc/free); daveml_free releases all of it.  The allocator must outlive
 * the model.  A model may be used by one thread at a time; distinct models
 * are independent.
 *
 * References:
 *  - AIAA S-119-2011, Flight Dynamic Model Exchange Standard.
 *  - DAVE-ML 2.0 reference manual, http://daveml.org/DTDs/2p0/Ref/
 *  - W3C MathML 2.0 (second edition), chapter 4, content markup.
 * docs/daveml.md lists what is supported and what is not.
 */
#ifndef SAQR_LOAD_DAVEML_H
#define SAQR_LOAD_DAVEML_H

#include <stddef.h>

#include "saqr.h"
#include "util/arena.h"
#include "util/err.h"

typedef struct daveml_model daveml_model;

/* Loads and compiles the DAVE-ML file at `path`.  On success *out is the
 * model, evaluated once with every input at its initial value.  On failure
 * returns the status (SAQR_EIO: cannot read; SAQR_EPARSE: malformed or
 * unsupported content; SAQR_ENOMEM), sets *out = NULL and leaves a message
 * in `err` naming "file:line:" where the file has a line to blame. */
saqr_status daveml_load_file(const char *path, const saqr_allocator *alloc,
                             daveml_model **out, saqr_err *err);

/* Same from `len` bytes at `xml`; `name` (may be NULL) names the text in
 * messages. */
saqr_status daveml_load_memory(const char *xml, size_t len, const char *name,
                               const saqr_allocator *alloc, daveml_model **out,
                               saqr_err *err);

/* Frees the model and everything it owns.  NULL is ignored. */
void daveml_free(daveml_model *m);

/* Slot of the variable whose varID (tried first) or name attribute is
 * `varid_or_name`; -1 when there is none. */
int daveml_find(const daveml_model *m, const char *varid_or_name);

/* Number of variables; slots are 0 .. count-1 in file order. */
size_t daveml_count(const daveml_model *m);

/* varID, name and units attributes of a slot; units is "" when the file
 * gives none.  Owned by the model.  NULL for a slot out of range. */
const char *daveml_varid(const daveml_model *m, int slot);
const char *daveml_name(const daveml_model *m, int slot);
const char *daveml_units(const daveml_model *m, int slot);

/* 1 when the variable is marked isInput (or isControl/isDisturbance),
 * respectively isOutput; 0 otherwise or for a slot out of range. */
int daveml_is_input(const daveml_model *m, int slot);
int daveml_is_output(const daveml_model *m, int slot);

/* Sets a variable, clamped to its minValue/maxValue when the file gives
 * them.  Meant for inputs; a calculated variable is overwritten by the next
 * daveml_eval.  A slot out of range is ignored. */
void daveml_set(daveml_model *m, int slot, double value);

/* Current value of a slot; NaN for a slot out of range. */
double daveml_get(const daveml_model *m, int slot);

/* Computes every calculated variable (calculations and function tables) in
 * dependency order from the current inputs.  Cannot fail; never allocates,
 * does no I/O and uses no global state; the same inputs give bit-identical
 * results.  Undefined operations give NaN (e.g. a piecewise with no true
 * piece and no otherwise). */
void daveml_eval(daveml_model *m);

/* Runs the file's checkData static shots: for each shot resets every input
 * to its initial value, sets the shot's checkInputs, evaluates and compares
 * each checkOutputs signal with its <tol> (else 1e-6 relative, 1e-6 absolute
 * below magnitude 1).  *n_shots and *n_failed (either may be NULL) receive
 * the counts.  Returns SAQR_OK when every shot passes (also when there is no
 * checkData); otherwise SAQR_EPARSE with the first failure in `err`
 * ("file:line: checkData shot 'name': signal got X, expected Y (tol T)").
 * Leaves the model evaluated at the last shot's inputs. */
saqr_status daveml_run_checkdata(daveml_model *m, int *n_shots, int *n_failed,
                                 saqr_err *err);

/* One compared signal of a checkData shot, as daveml_check_each reports it.
 * Strings are owned by the model. */
typedef struct daveml_check_result {
    int shot;              /* index of the static shot, 0 .. shots-1, file order */
    const char *shot_name; /* the shot's name attribute, "" when absent       */
    long shot_line;        /* line of the <staticShot>                        */
    int slot;              /* variable compared                               */
    const char *name;      /* its name attribute (varID when absent)          */
    const char *units;     /* its units attribute, "" when absent             */
    long line;             /* line of the <signal>                            */
    double computed;       /* value the model gives (file units)              */
    double expected;       /* the signal's <signalValue>                      */
    double tol;            /* tolerance applied: <tol>, else 1e-6 relative    */
                           /* (absolute below magnitude 1), times tol_scale   */
    int ok;                /* 1 when |computed - expected| <= tol (0 for NaN) */
    int internal;          /* 0: a checkOutputs signal; 1: an internalValues  */
                           /* signal (reported, never counted as a failure)   */
} daveml_check_result;

/* Receives each compared signal; `ctx` is the caller's. */
typedef void (*daveml_check_fn)(void *ctx, const daveml_check_result *r);

/* Counts from daveml_check_each. */
typedef struct daveml_check_counts {
    int shots;          /* static shots run                                  */
    int shots_failed;   /* shots with an output outside its tolerance        */
    int outputs;        /* checkOutputs signals compared                     */
    int outputs_failed; /* of those, outside their tolerance (or NaN)        */
} daveml_check_counts;

/* Runs every checkData static shot like daveml_run_checkdata but compares
 * every output of every shot (and every internal value), calling `fn`
 * (may be NULL) once per signal in file order, shot by shot, outputs
 * before internal values.  Every tolerance is multiplied by `tol_scale`
 * (finite, >= 0; 1 is the file's own).  *counts (may be NULL) receives
 * the counts.  Returns SAQR_OK when every output agrees (also when there
 * is no checkData); SAQR_EPARSE when some do not, with the first in `err`
 * ("file:line: checkData shot 'name': signal = X, expected Y (tol T)");
 * SAQR_EINVAL (nothing run) for a NULL model or a bad tol_scale.  Leaves
 * the model evaluated at the last shot's inputs. */
saqr_status daveml_check_each(daveml_model *m, double tol_scale, daveml_check_fn fn, void *ctx,
                              daveml_check_counts *counts, saqr_err *err);

/* A model sharing m's tables, functions and programs with its own variable
 * values and scratch, in `ar` (for the aircraft of a batch).  Evaluate it
 * only; never daveml_free it (it goes with the arena), and keep m loaded
 * while it is used.  NULL when memory runs out. */
daveml_model *daveml_clone_state(const daveml_model *m, arena *ar);

#endif
