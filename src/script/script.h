/*
 * script.h - JSBSim scripts (<runscript>): the <use> element (aircraft and
 * initialisation file), <run start end dt>, local <property> declarations
 * with values, and <event>s with conditions, persistence, continuous
 * events, delays, <set> actions (FG_STEP, FG_RAMP, FG_EXP with tc; FG_VALUE,
 * FG_DELTA, FG_BOOL; values from value=, a property or a <function>) and
 * <notify> (sent to the handle's log).  Events run inside saqr_fdm_step
 * after time advances, as in JSBSim's FGScript::RunScript.
 * Reference: JSBSim src/input_output/FGScript.cpp.
 */
#ifndef SAQR_SCRIPT_SCRIPT_H
#define SAQR_SCRIPT_SCRIPT_H

#include "fdm/fdm_internal.h"

/* What a script asks for before the aircraft is loaded. */
typedef struct script_use {
    const char *aircraft;       /* aircraft name (arena)                   */
    const char *initfile;       /* initialisation file name, or NULL       */
    double start_s, end_s, dt_s;
} script_use;

/* Reads <use> and <run> of a script. */
saqr_status script_read_use(jx_ctx *c, const char *path, script_use *u);
/* Compiles the script against the loaded aircraft (properties, events,
 * conditions, functions, output directives). */
saqr_status script_load(jx_ctx *c, saqr_fdm *f, const char *path, script **out);
/* Runs the events due at the current time f->t_s.  Returns 1 once the
 * script reached its end time (or an event terminated it), else 0. */
int script_run(script *s, saqr_fdm *f);
int script_done(const script *s);
/* Start time of the script's <run> (the executive starts the clock there). */
double script_start_time(const script *s);
/* After a reset to initial conditions (simulation/reset): puts the run's
 * declared properties back to their values (except persistent="true"
 * ones) and re-arms every event, as JSBSim's FGScript::ResetEvents. */
void script_reset(script *s, saqr_fdm *f);

/* The whole of saqr_fdm_load_script with an optional initialisation file
 * that replaces the script's (JSBSim's --initfile with --script).
 * `script_path` is taken relative to root_dir unless absolute. */
saqr_status script_load_all(saqr_fdm *f, const char *root_dir, const char *script_path,
                            const char *initfile_override);

#endif
