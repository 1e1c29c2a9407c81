/*
 * fdm_internal.h - the inside of a saqr_fdm handle (a JSBSim-format
 * aircraft in flight), shared by src/fdm, src/script and the trim.
 *
 * The frame, as JSBSim's FGFDMExec::Run: time advances, the script runs,
 * the state is propagated with the derivative computed at the end of the
 * previous frame, then the models run in JSBSim's order (atmosphere and
 * winds, FCS and systems, mass balance, auxiliary values, propulsion,
 * aerodynamics, ground reactions, external reactions, accelerations) and
 * leave the derivative for the next frame.
 *
 * Invariants: `loaded` once an aircraft is loaded (models non-NULL);
 * `ready` once saqr_fdm_init succeeded (state finite, xdot valid).
 */
#ifndef SAQR_FDM_FDM_INTERNAL_H
#define SAQR_FDM_FDM_INTERNAL_H

#include <string.h>

#include "earth/earth.h"
#include "eom/integrator.h"
#include "eom/state.h"
#include "atmos/dryden.h"
#include "fdm/fdm_env.h"
#include "fdm/ic.h"
#include "fdm/metrics.h"
#include "load/jsbsim/jxml.h"
#include "native/native_build.h"
#include "props/props.h"
#include "saqr.h"
#include "util/arena.h"
#include "util/err.h"
#include "util/mem.h"
#include "util/rng.h"

typedef struct fcs fcs;
typedef struct propulsion propulsion;
typedef struct ground ground;
typedef struct aero aero;
typedef struct mass_balance mass_balance;
typedef struct external external;
typedef struct buoyancy buoyancy;
typedef struct script script;
typedef struct fdm_slots fdm_slots;
typedef struct output_set output_set;

/* Accelerations of the last model run, JSBSim's FGAccelerations values. */
typedef struct fdm_accel {
    double uvwdot_mps2[3];          /* d/dt of Earth-relative u, v, w      */
    double pqrdot_radps2[3];        /* d/dt of Earth-relative p, q, r      */
    double pqridot_radps2[3];       /* d/dt of inertial p, q, r            */
    double body_accel_mps2[3];      /* total force / mass, body axes       */
    double total_forces[6];         /* force (N) and moment (N m), body    */
} fdm_accel;

/* Groups of properties worked out when read (fdm_air.c), and their
 * largest size.  Those before FDM_LAZY_AT_PRODUCER are published with the
 * air data (fdm_publish_on_demand); those from it on where they are
 * produced, at the start of the frame, since the FCS may read them. */
enum {
    FDM_LAZY_VRP,
    FDM_LAZY_FLIGHT_PATH,
    FDM_LAZY_EULER_RATES,
    FDM_LAZY_INERTIAL,
    FDM_LAZY_ORBIT,
    FDM_LAZY_STD_ALTITUDES,
    FDM_LAZY_GEOCENTRIC,
    FDM_LAZY_MASS,
    /* the reports of fdm_reports.c, in this order */
    FDM_LAZY_STATE_POSITION,
    FDM_LAZY_STATE_DEGREES,
    FDM_LAZY_STATE_BODY_VEL,
    FDM_LAZY_STATE_RATES,
    FDM_LAZY_STATE_NED_VEL,
    FDM_LAZY_AIR_SPEEDS,
    FDM_LAZY_AIR_PARTS,
    FDM_LAZY_AIR_HEIGHTS,
    FDM_LAZY_AIR_RATES_DEG,
    FDM_LAZY_PILOT,
    FDM_LAZY_ACCEL,
    FDM_LAZY_TOTALS,
    FDM_LAZY_ATMOS,
    FDM_LAZY_PROP_FORCES,
    FDM_LAZY_EXT_FORCES,
    FDM_LAZY_AERO_AXES,
    FDM_LAZY_WINDS,
    FDM_LAZY_GROUPS,
    FDM_LAZY_AT_PRODUCER = FDM_LAZY_STD_ALTITUDES
};
#define FDM_LAZY_MAX_SLOTS 13

/* out[0..n-1] = slots[0..n-1]; returns n (a group's slot list). */
static inline int fdm_lazy_copy_slots(int out[FDM_LAZY_MAX_SLOTS], const int *slots, int n)
{
    memcpy(out, slots, (size_t)n * sizeof *slots);
    return n;
}

/* A result kept with the inputs it came from (up to three), for a
 * function worked out again only when they change bit for bit. */
typedef struct fdm_memo {
    double in[3], out;
    int valid;
} fdm_memo;

/* Whether `m` holds the result for in[0..n-1]. */
static inline int fdm_memo_holds(const fdm_memo *m, const double *in, size_t n)
{
    return m->valid && mem_same_doubles(in, m->in, n);
}

/* Keeps `out` as the result for in[0..n-1] and returns it. */
static inline double fdm_memo_keep(fdm_memo *m, const double *in, size_t n, double out)
{
    memcpy(m->in, in, n * sizeof *in);
    m->out = out;
    m->valid = 1;
    return out;
}

/* The handle.  Its fields up to `cold_tail` are what a frame may touch;
 * those after it (where a new field goes unless a frame touches it) a
 * frame does not, so that a batch's prefetch of an aircraft can stop
 * there (fdm_clone_prefetch: a batch stepped frame by frame is bound by
 * the memory it reads, docs/batch.md). */
struct saqr_fdm {
    arena ar;                       /* every loaded model lives here       */
    prop_tree props;
    int ready;
    /* models */
    mass_balance *mass;
    aero *aero;
    propulsion *prop;
    ground *gnd;
    fcs *fcs;
    external *ext;
    buoyancy *buoy;                 /* NULL without <buoyant_forces>     */
    script *scr;                    /* NULL without a script               */
    fdm_slots *slot;                /* slots of the core properties        */

    fdm_metrics metrics;

    /* winds: JSBSim's one-minus-cosine gust (FGWinds) */
    struct {
        int running;
        double elapsed_s;
        double dir_ned[3];          /* unit direction fixed at gust start  */
        int dir_set;
        double gust_ned_mps[3];
    } gust;

    /* continuous turbulence: Saqr's Dryden model (src/atmos/dryden.h),
     * switched on with JSBSim's milspec properties */
    struct {
        int on;                     /* turb_dryden runs (its severity is
                                       not DRYDEN_NONE)                    */
        int turb_type, severity;    /* the settings d was set up with      */
        uint64_t seed;              /* its noise stream's seed              */
        int own_seed;               /* atmosphere/randomseed was written:
                                       simulation/randomseed no longer
                                       sets it                             */
        double w20_fps;
        double gust_ned_mps[3];
        double gust_pqr_body_radps[3]; /* rotation of the air, body axes  */
    } turb;

    /* core */
    earth_model earth;
    integrator integ;
    eom_state x;                    /* integrated state                    */
    int lazy_read[FDM_LAZY_GROUPS]; /* fdm_air's groups worked out when read:
                                       1 read by the model (published), -1
                                       not, 0 not looked yet               */
    double aux_accel_body_mps2[3];  /* the accelerations fdm_aux read (the */
    double aux_pqridot_radps2[3];   /* run before's), for the pilot's
                                       group worked out when read          */
    int lazy_idle;                  /* fdm_publish_on_demand has nothing to
                                       do: every group settled, none of
                                       its own read, no distance read      */
    struct {                        /* what fdm_atmosphere worked out the  */
        double p_psf, rho_slugft3;  /* pressure and density altitudes from */
        double h_ft;                /* (fdm_air.c: published only when     */
        int standard_day;           /* read, else worked out when asked)   */
    } std_alt;
    fdm_memo pressure_memo;         /* the atmosphere's pressure and the   */
    fdm_memo cas_memo;              /* calibrated airspeed (fdm_air.c, by  */
                                    /* impact pressure): each takes a pow,
                                       and an aircraft at rest repeats its
                                       inputs' bits                        */
    struct {                        /* the frame's atan2s' guesses of their */
        trig_atan2_hint position[2];/* cells (trig_atan2_hinted; speed    */
        trig_atan2_hint attitude[2];/* only): longitude and latitude, roll */
        trig_atan2_hint beta, alpha;/* and heading, the flow angles        */
    } atan2_hint;
    eom_state xdot;                 /* its derivative, from the last run   */
    double c_ecef_eci[3][3];        /* ECI -> ECEF and ECI -> body DCMs of */
    double c_body_eci[3][3];        /* x at t_s, left by fdm_derive_state  */
    fdm_env env;                    /* environment of the last model run   */
    fdm_accel acc;
    double t_s, dt_s;
    double epa_t0_s;                /* time ECI was last aligned with ECEF */
    long frame;                     /* frames stepped since loading        */
    saqr_rng rng;
    int trimming;                   /* a trim is in progress               */
    int linearizing;                /* a linearisation is in progress: its
                                       test frames run no script          */
    int fatal;                      /* a script action failed fatally      */
    double h_sl_m, radius_m;        /* JSBSim's ASL altitude etc.        */
    fdm_forces f_aero, f_prop, f_gear, f_ext; /* last run, about the CG   */
    /* atan2 of the steady wind (fdm_winds), kept with the exact wind it
     * was computed from: the wind a script sets seldom changes */
    struct {
        double wind_ne_mps[2];      /* north, east the angle is of         */
        double psiw_rad;            /* atan2(east, north)                  */
        int valid;
    } psiw_memo;

    char cold_tail[1];              /* what follows, a frame does not touch */
    dryden turb_dryden;             /* turb's generator (but while it runs)*/
    saqr_allocator alloc;
    saqr_allocator alloc_cold;      /* a clone's ar_cold's (fdm_clone.c)   */
    saqr_allocator alloc_user;      /* the one saqr_fdm_create was given:
                                       saqr_fdm_copy's, never a batch's
                                       slab (which dies with the batch)    */
    saqr_err err;
    saqr_log_fn log;
    void *log_user;
    arena ar_cold;                  /* a clone's state that frames seldom
                                       touch, apart from ar's (fdm_clone.c) */
    int loaded;
    int is_clone;                   /* made by fdm_clone: loads refused    */
    int input_port;                 /* <input port=>: the property server
                                       `saqr run` opens; 0 none           */
    native_lib *native;             /* saqr_fdm_compile's code (fdm_native.h);
                                       a clone's copy is its source's      */
    const char *root_dir, *aircraft_name, *aircraft_dir; /* in ar          */
    const char *config_name;        /* <fdm_config name=...>, or NULL      */
    ic_state *ic;
    output_set *outs;               /* <output> directives (src/script)    */
    jx_templates *templates;        /* template functions and their files
                                       (allocated by the first load)       */
    saqr_linear_fn lin_sink;        /* simulation/do_linearization's model */
    void *lin_user;
    int set_running_slot;           /* propulsion/set-running, or -1       */
    fdm_ic ic_applied;              /* the initial state last applied      */
    int ic_valid;
};

/* Context for loaders that work on a loaded handle (script, initfile). */
void fdm_jx_open(saqr_fdm *f, jx_ctx *c);
/* Closes the template functions' files and frees their set. */
void fdm_templates_free(saqr_fdm *f);

/* Places the aircraft at an initial state and runs the models twice at
 * dt = 0, then fills the integrator history (JSBSim's RunIC without
 * starting engines). */
saqr_status fdm_apply_ic(saqr_fdm *f, const fdm_ic *ic);
/* The same with `runs` runs of the models: 2 as fdm_apply_ic, 1 for
 * JSBSim's Initialize alone (the linearisation's placings; the history is
 * then primed with the derivative from before the placing). */
saqr_status fdm_apply_ic_runs(saqr_fdm *f, const fdm_ic *ic, int runs);
/* Runs every model once at the current state with step `dt_s` (0: no
 * dynamics advance) and recomputes the derivative, without integrating. */
void fdm_run_models(saqr_fdm *f, double dt_s);
/* Sets a property from outside (API, script, command line): checks
 * read-only, stores, and performs actions (trim, set-running, ...). */
saqr_status fdm_set_property(saqr_fdm *f, int slot, double value);
/* Sends a line to the log callback. */
void fdm_log(saqr_fdm *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
