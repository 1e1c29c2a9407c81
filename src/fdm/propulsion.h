/*
 * propulsion.h - engines, thrusters and fuel tanks of a JSBSim-format
 * aircraft (<propulsion>): piston engine with propeller, turbine (direct
 * thrust or nozzle), turboprop, electric and rocket engines; propellers
 * with Ct/Cp tables, fixed or variable pitch and constant-speed governing,
 * P-factor and gyroscopic moments; helicopter rotors with their drive
 * train (rotor.c, transmission.c); tanks with fuel burn, feed order and
 * their mass feeding the CG.  Engine files are looked up in root/engine
 * and the aircraft folder as JSBSim does.
 *
 * Properties: propulsion/engine[i]/... (engine-rpm, power-hp, thrust-lbs,
 * n1, n2, fuel-flow-rate-pps, set-running, ...), propulsion/tank[i]/
 * contents-lbs (writable), propulsion/total-fuel-lbs, propulsion/
 * set-running, starter_cmd, magneto_cmd, cutoff_cmd, as JSBSim names them.
 * Reads fcs/throttle-pos-norm[i], mixture-pos-norm[i], advance-pos-norm[i].
 * Reference: JSBSim src/models/FGPropulsion.cpp, propulsion/FG*.cpp files.
 */
#ifndef SAQR_FDM_PROPULSION_H
#define SAQR_FDM_PROPULSION_H

#include <libxml/tree.h>
#include <stddef.h>
#include <stdio.h>

#include "fdm/fdm_env.h"
#include "load/jsbsim/jxml.h"
#include "native/native_build.h"

typedef struct propulsion propulsion;

/* Loads <propulsion> (NULL `el`: an aircraft without engines). */
saqr_status propulsion_load(jx_ctx *c, const xmlNode *el, propulsion **out);
int propulsion_engine_count(const propulsion *p);
/* The simulation's step, for the models that keep their own filters (the
 * rotors'); called after loading and whenever it changes. */
void propulsion_set_dt(propulsion *p, double dt_s);
/* Number of tanks (0 for NULL). */
int propulsion_tank_count(const propulsion *p);
/* The throttle range of engine `index`: <minthrottle>..<maxthrottle> of a
 * piston or rocket engine, else 0..1 (JSBSim's GetThrottleMin/Max; the
 * trim maps its throttle control onto it). */
void propulsion_throttle_range(const propulsion *p, int index, double *min, double *max);

/* 1 when engine `index` drives a propeller. */
int propulsion_has_propeller(const propulsion *p, int index);
/* Sets that propeller's speed (JSBSim's FGPropeller::SetRPM; nothing for
 * other thrusters): the linearisation's RPM state. */
void propulsion_set_propeller_rpm(propulsion *p, int index, double rpm);

/* Back to the loaded state (tank contents, engines stopped). */
void propulsion_reset(propulsion *p, double *v);
/* Starts engine `index` (-1: all) at its running condition, as JSBSim's
 * InitRunning. */
void propulsion_init_running(propulsion *p, int index, const fdm_env *env, double *v);
/* Each engine's own InitRunning (FGEngine::InitRunning: a piston's
 * magnetos, mixture and idle speed, a turbine's spools), controls left
 * alone and no steady state: what JSBSim's linearisation calls.  The next
 * propulsion_steady_state runs with the FCS's controls, where JSBSim's
 * first steady state keeps the mixture InitRunning set
 * (docs/linearization.md says why). */
void propulsion_engines_init_running(propulsion *p, const fdm_env *env, double *v);
/* Runs every engine to a steady state at its current controls (JSBSim's
 * GetSteadyState, used by the trim): dt = 0.5 s, no fuel burnt; the
 * integration suspended, so rockets stay as they are.
 * propulsion_init_running's steady state runs with it going: a rocket
 * lights (JSBSim's RunIC resumes the integration before InitRunning). */
void propulsion_steady_state(propulsion *p, const fdm_env *env, double *v);
/* One frame: engine dynamics, thrust, fuel burn (none when env->dt_s is
 * 0).  Adds thrust forces and moments (including propeller torque and
 * gyroscopic moments) to `out`. */
void propulsion_run(propulsion *p, const fdm_env *env, double *v, fdm_forces *out);
/* Once every producer of every property is known (at init): whether a
 * mirrored property (PJ_MIRRORED) has another; and the next run reads
 * them all. */
void propulsion_settle_flags(propulsion *p, const unsigned *flags);
/* An owned or watched property was written from outside: the next run
 * reads the mirrored properties again. */
void propulsion_outside_write(propulsion *p);
/* A property written from outside (fdm_set_property): a tank's
 * contents-lbs takes effect at once, as JSBSim's tied setter does (the
 * fill and the inertias read updated before the next frame). */
void propulsion_property_written(propulsion *p, int slot, double *v);

/* Takes the tanks' writable properties a script or the API set since the
 * last frame (contents, position, ...): JSBSim's tied setters act at once,
 * so the mass balance, which runs before the engines, already sees them. */
void propulsion_sync_tanks(propulsion *p, const double *v);
/* The tanks as point masses for the mass-balance model; returns how many
 * were written (at most `max`). */
int propulsion_point_masses(const propulsion *p, const double *v, fdm_point_mass *out, int max);

/* For the <propulsion> output group (propulsion_report.c): its columns in
 * JSBSim's order as (engine or tank index, field); `out` gets up to
 * `max`, the count is returned.  The label of a column (JSBSim's text) is
 * written into buf.  A column whose value is an engine property names it
 * (propulsion_report_property: the suffix after propulsion/engine[i]/
 * and a factor, else NULL); the others are read by
 * propulsion_report_value (between steps, no allocation). */
typedef struct propulsion_report_col {
    int index, field;
} propulsion_report_col;
int propulsion_report_columns(const propulsion *p, propulsion_report_col *out, int max);
void propulsion_report_label(const propulsion *p, const propulsion_report_col *col, char *buf, size_t size);
const char *propulsion_report_property(const propulsion_report_col *col, double *scale);
double propulsion_report_value(const propulsion *p, int index, int field, const double *v);

/* A copy for another aircraft of a batch (src/fdm/fdm_clone.c): its own
 * state in `ar`, the read-only loaded data shared with `src`.  NULL when
 * memory runs out. */
propulsion *propulsion_clone(arena *ar, const propulsion *src);

/* saqr_fdm_compile (fdm_native.c, propulsion_native.c): writes the C of the
 * propulsion's and its engines' <function> lists; binds the compiled code
 * (on a failure the caller unbinds); back to the interpreter. */
void propulsion_codegen_emit(propulsion *p, FILE *out);
saqr_status propulsion_native_bind(propulsion *p, arena *ar, native_lib *lib, saqr_err *err);
void propulsion_native_unbind(propulsion *p);

#endif
