/*
 * ic.h - initial conditions of a JSBSim-format aircraft: reading
 * initialisation files (<initialize> version 1 and version 2.0) and
 * turning what they specify (any consistent mix of vc, vt, ve, mach,
 * vground, u/v/w, vnorth/veast/vdown, alpha, beta, gamma, roc, theta, phi,
 * psi, altitude AGL or MSL, terrain elevation, latitude, longitude, winds,
 * running engines, p/q/r) into one state, as JSBSim's FGInitialCondition
 * does.  Also owns the ic/ properties (ic/h-sl-ft, ic/vc-kts, ...), which
 * scripts and the command line may set before the run starts.
 * Reference: JSBSim src/initialization/FGInitialCondition.cpp.
 */
#ifndef SAQR_FDM_IC_H
#define SAQR_FDM_IC_H

#include <libxml/tree.h>

#include "load/jsbsim/jxml.h"

/* A resolved initial state, SI. */
typedef struct fdm_ic {
    double lat_geod_rad, lon_rad;
    double alt_asl_m;               /* geodetic altitude of the CG         */
    double terrain_elev_m;          /* terrain height above the ellipsoid  */
    double euler_rad[3];            /* phi, theta, psi                     */
    double vel_body_mps[3];         /* u, v, w relative to the Earth       */
    double omega_body_radps[3];     /* p, q, r relative to the Earth       */
    double wind_ned_mps[3];         /* steady wind                         */
    unsigned running_mask;          /* bit i: engine i starts running      */
    int running_all;                /* <running> -1: every engine          */
} fdm_ic;

typedef struct ic_state ic_state;   /* specification + ic/ property slots */

/* Interns the ic/ properties (inputs) and returns an empty specification
 * (standard sea-level state at rest). */
saqr_status ic_create(jx_ctx *c, ic_state **out);
/* Reads an initialisation file into the specification (and the ic/
 * property values). */
saqr_status ic_load(jx_ctx *c, ic_state *s, const char *path, double *v);
/* Resolves the specification, as it stands in the ic/ properties, into a
 * state; uses the standard atmosphere for speeds.  SAQR_EINVAL with a
 * message naming the property when it cannot be satisfied. */
saqr_status ic_resolve(const ic_state *s, const double *v, fdm_ic *out, saqr_err *err);

#endif
