/*
 * sim_internal.h - the inside of a saqr_sim handle, shared by the files of
 * src/exec only.
 *
 * Invariants: `ready` is set once saqr_init succeeded; after that `x` is a
 * finite state with a unit quaternion, and `earth`, `body`, `wind` and
 * `integ` hold validated settings.
 */
#ifndef SAQR_EXEC_SIM_INTERNAL_H
#define SAQR_EXEC_SIM_INTERNAL_H

#include "atmos/dryden.h"
#include "atmos/us1976.h"
#include "earth/earth.h"
#include "eom/integrator.h"
#include "eom/rigid_body.h"
#include "saqr.h"
#include "util/err.h"

struct saqr_sim {
    saqr_allocator alloc;          /* copy of the caller's allocator       */
    saqr_err err;                  /* message of the last failure          */
    earth_model earth;
    saqr_wind_config wind;
    saqr_turbulence_config turb_cfg;
    dryden turb;                   /* turbulence filters and their RNG     */
    double gust_ned_mps[3];        /* turbulence held over the current step*/
    double gust_pqr_ned_radps[3];  /* its rotary gusts (the air's rotation) */
    rigid_body body;
    saqr_force_fn force_fn;        /* NULL: no forces besides gravity      */
    void *force_user;
    integrator integ;
    int ready;                     /* saqr_init succeeded                  */
    double time_s;                 /* simulation time                      */
    eom_state x;                   /* the integrated state                 */
};

/* Everything derived from a state at one instant: frames, geodetic
 * position, atmosphere, air data and the force model's answer. */
typedef struct sim_env {
    double pos_ecef_m[3];
    double c_ecef_eci[3][3], c_ned_ecef[3][3], c_body_eci[3][3], c_body_ned[3][3];
    double lat_rad, lon_rad, alt_m;
    double vel_ecef_mps[3];        /* Earth-relative velocity, ECEF axes   */
    double vel_ned_mps[3];
    double omega_earth_body_radps[3]; /* Earth's rotation in body axes     */
    atmos_state atmos;
    double wind_ned_mps[3];        /* steady + shear + gust                */
    double gravity_eci_mps2[3];
    saqr_force_input in;
    saqr_force_output out;
} sim_env;

/* Computes the environment at (t, x) and calls the force model.  Returns 0,
 * or non-zero when the force model failed (message in sim->err). */
int sim_env_eval(const saqr_sim *sim, double t_s, const eom_state *x, sim_env *env);

#endif
