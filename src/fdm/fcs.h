/*
 * fcs.h - flight controls and systems of a JSBSim-format aircraft: the
 * <flight_control>, <autopilot> and <system> elements (and system files),
 * their <channel>s and every component type JSBSim documents: pure_gain,
 * scheduled_gain, aerosurface_scale, summer, switch, kinematic, deadband,
 * lag_filter, lead_lag_filter, washout_filter, second_order_filter,
 * integrator, pid, actuator (rate limit, lag, hysteresis, bias, deadband),
 * sensor (noise, bias, lag, quantisation, drift), accelerometer, gyro,
 * magnetometer, fcs_function, distributor, angle, waypoint_heading,
 * waypoint_distance; <property> declarations with initial values; channel
 * execrate; component clipto, output (several), inputs with '-' sign.
 *
 * Also owns JSBSim's standard FCS properties (FGFCS): fcs/aileron-cmd-norm,
 * elevator-, rudder-, flap-, speedbrake-, spoiler-cmd-norm, pitch/roll/
 * yaw-trim-cmd-norm, the surface positions (left/right-aileron-pos-rad,
 * -deg, -norm; elevator-, rudder-, flap-, speedbrake-, spoiler-pos-*),
 * throttle-cmd/pos-norm[i], mixture-cmd/pos-norm[i], advance-cmd/pos-norm[i],
 * feather-cmd/pos-norm[i], left/right/center-brake-cmd-norm,
 * steer-cmd-norm, gear/gear-cmd-norm and gear/gear-pos-norm (1 = down), and
 * copies command to position for engine controls each frame before the
 * channels run, as FGFCS::Run does.
 * Reference: JSBSim src/models/FGFCS.cpp, FGFCSChannel.h and
 * the component classes in src/models/flight_control/.
 */
#ifndef SAQR_FDM_FCS_H
#define SAQR_FDM_FCS_H

#include <stdio.h>

#include <libxml/tree.h>

#include "fdm/fdm_env.h"
#include "load/jsbsim/jxml.h"
#include "native/native_build.h"
#include "util/rng.h"

typedef struct fcs fcs;

/* Creates an empty FCS and interns the standard FCS properties. */
saqr_status fcs_create(jx_ctx *c, fcs **out);
/* Loads one <flight_control>, <autopilot> or <system> element.  `el` may
 * carry file=: it is then resolved as JSBSim does (aircraft directory,
 * its Systems/ and systems/, then <root>/systems) and the <property>
 * children of `el` override the file's declarations; an element already
 * resolved by the caller works too.  Channels run in load order; JSBSim
 * loads every <system> first (file order), then <autopilot>, then
 * <flight_control>, all into one FCS model, and the caller must keep that
 * order.  Component steps use the nominal step (default 1/120 s, JSBSim's
 * default) times the channel execrate. */
saqr_status fcs_load(jx_ctx *c, fcs *f, const xmlNode *el);

/* Sets the nominal simulation step (s, > 0) and recomputes every
 * component's discrete coefficients and delay lengths for it.  JSBSim
 * fixes these when the aircraft loads, from the step the script set
 * before loading; call this after loading and whenever the step changes,
 * never per frame (it may take delay buffers from the load arena). */
void fcs_set_dt(fcs *f, double dt_s);
/* Interns the per-engine controls once the engine count is known. */
saqr_status fcs_set_engine_count(jx_ctx *c, fcs *f, int n_engines);

/* JSBSim's FGFCS::InitModel: writes declared initial property values
 * (except persistent ones), zeroes the flight-control commands and trims,
 * engine throttle and mixture commands and positions, advance and feather
 * positions, surface positions, tail hook and wing fold (brakes, steering
 * and gear keep their values), and puts every component back to its
 * initial state (filters, integrators, actuators, delays). */
void fcs_reset(fcs *f, double *v);
/* One frame.  env->dt_s is 0 during initialisation runs (JSBSim's
 * suspended integration): channels then run every frame whatever their
 * execrate, but components still use their nominal step, since JSBSim
 * fixes a component's dt at load (FGFCSComponent) - so filters, PIDs and
 * actuators advance during the two initialisation runs exactly as JSBSim's
 * do.  env->trimming makes actuators, kinematics and delays follow their
 * input at once, as JSBSim does while trimming. */
void fcs_run(fcs *f, const fdm_env *env, double *v, saqr_rng *rng);
/* A surface position (fcs/...-pos-rad or -pos-deg, PROP_WATCHED) written
 * from outside since the last run: the next run brings the degrees and
 * radians in step before its channels, as after every write JSBSim's
 * tied pair is.  Without one the pair is as the last run left it. */
void fcs_outside_write(fcs *f);

/* saqr_fdm_compile (fdm_native.c): writes the C of every channel
 * (fcs_codegen.h); then runs the channels from the loaded code `lib` (the
 * same results, bit for bit), or stops (unbind).  Clones made afterwards
 * share the code. */
void fcs_codegen_emit(const fcs *f, FILE *out);
saqr_status fcs_native_bind(fcs *f, native_lib *lib, saqr_err *err);
void fcs_native_unbind(fcs *f);

/* For the output groups (read only, no allocation): the components of
 * every channel in run order (JSBSim's FGFCS::GetComponentStrings), their
 * name= (NULL out of range) and last output (JSBSim's GetOutput). */
int fcs_component_count(const fcs *f);
const char *fcs_component_name(const fcs *f, int index);
double fcs_component_output(const fcs *f, int index);

/* A copy for another aircraft of a batch (src/fdm/fdm_clone.c): its own
 * state in `ar`, its delay lines (of which a frame touches one value or
 * two) in `cold`, the read-only loaded data shared with `src`.  NULL when
 * memory runs out. */
fcs *fcs_clone(arena *ar, arena *cold, prop_tree *props, const fcs *src);

#endif
