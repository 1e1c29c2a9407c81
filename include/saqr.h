/*
 * saqr.h - the public interface of libsaqr, Saqr's flight-dynamics engine.
 *
 * A `saqr_sim` is one vehicle flying in one environment: a rigid body with
 * six degrees of freedom over a chosen Earth model, in the US Standard
 * Atmosphere 1976 with optional wind and Dryden turbulence.  Forces and
 * moments come from a pluggable model (a callback).  Everything the
 * simulation needs hangs off the handle: there is no global state, so any
 * number of instances may run side by side, each on its own thread.
 *
 * Conventions
 *  - SI units and explicit frames everywhere, in the names: `alt_m`,
 *    `vel_ned_mps`, `omega_body_radps`.  Angles are radians unless a name
 *    says `_deg`.
 *  - Frames: ECI (Earth-centred inertial, equal to ECEF at t = 0), ECEF
 *    (Earth-centred Earth-fixed), NED (local north-east-down at the vehicle),
 *    body (x forward, y right, z down).
 *  - Every function returning `saqr_status` leaves a message in the handle
 *    on failure (`saqr_error`).  A failed call changes nothing unless its
 *    comment says otherwise.
 *  - All memory is taken in saqr_create and the set-up calls; saqr_step
 *    never allocates, never does I/O and never reads a clock.  The same
 *    inputs give bit-identical outputs.
 */
#ifndef SAQR_H
#define SAQR_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* --------------------------------------------------------------- version */

/* The library's version.  The shared library's soname carries the major
 * number (libsaqr.so.0), and pkg-config's saqr.pc the whole of it
 * (docs/embedding.md). */
#define SAQR_VERSION_MAJOR 0
#define SAQR_VERSION_MINOR 9
#define SAQR_VERSION_PATCH 0
#define SAQR_VERSION_STRING "0.9.0"

/* The version of the library linked, as "MAJOR.MINOR.PATCH": a program
 * built against one header and run with another library can compare it
 * with SAQR_VERSION_STRING.  Never NULL. */
const char *saqr_version(void);

/* ---------------------------------------------------------------- status */

typedef enum saqr_status {
    SAQR_OK = 0,
    SAQR_EINVAL = 1,   /* an argument is out of range, NaN or infinite   */
    SAQR_ENOMEM = 2,   /* the allocator failed                           */
    SAQR_EIO = 3,      /* a file could not be read or written            */
    SAQR_EPARSE = 4,   /* a file is malformed (message names file:line)  */
    SAQR_ESTATE = 5,   /* the call is not allowed in the current state   */
    SAQR_ENOTFOUND = 6 /* a named thing (case, variable) does not exist  */
} saqr_status;

/* Name of a status code, e.g. "invalid argument". Never NULL. */
const char *saqr_status_name(saqr_status status);

/* -------------------------------------------------------------- allocator */

/* A caller-supplied allocator.  `alloc` returns NULL on failure. */
typedef struct saqr_allocator {
    void *(*alloc)(size_t size_bytes, void *ctx);
    void (*free)(void *ptr, void *ctx);
    void *ctx;
} saqr_allocator;

/* ------------------------------------------------------------ environment */

typedef enum saqr_earth_kind {
    SAQR_EARTH_WGS84 = 0,      /* rotating ellipsoid, J2 gravity          */
    SAQR_EARTH_ROUND_ROTATING, /* sphere, inverse-square gravity, rotating*/
    SAQR_EARTH_ROUND_FIXED,    /* sphere, inverse-square, not rotating    */
    SAQR_EARTH_FLAT            /* flat, constant gravity, not rotating    */
} saqr_earth_kind;

/* Earth model.  saqr_earth_default fills the constants of NASA TM-2015-218675
 * (WGS-84; round-Earth radius 6,371,007.1809 m).  Fields may be changed
 * before saqr_set_earth. */
typedef struct saqr_earth_config {
    saqr_earth_kind kind;
    double semi_major_m;      /* equatorial radius (WGS-84: a)            */
    double inv_flattening;    /* 1/f, ellipsoid only                      */
    double gm_m3ps2;          /* gravitational parameter                  */
    double j2;                /* second zonal harmonic, ellipsoid only    */
    double rotation_radps;    /* Earth rotation rate, rotating kinds      */
    double round_radius_m;    /* sphere radius for the round kinds        */
    double flat_gravity_mps2; /* gravity of the flat Earth                */
    double flat_origin_lat_rad; /* flat Earth: geodetic position of the   */
    double flat_origin_lon_rad; /*   origin, used to report lat/lon       */
} saqr_earth_config;

saqr_earth_config saqr_earth_default(saqr_earth_kind kind);

/* Wind, as the velocity of the air mass over the ground in NED (i.e. a wind
 * "from the west" has a positive east component).  The profile is linear in
 * geometric altitude: wind = wind_ned_mps + shear_ned_per_s * (alt_m - ref_alt_m);
 * a zero shear gives a steady wind. */
typedef struct saqr_wind_config {
    double wind_ned_mps[3];
    double shear_ned_per_s[3]; /* d(wind)/d(alt), (m/s)/m                 */
    double ref_alt_m;
} saqr_wind_config;

/* Dryden turbulence (MIL-F-8785C).  Intensity is given as the wind speed at
 * 20 ft (low altitude) and a probability-of-exceedance level (medium/high
 * altitude).  The generator is seeded; the same seed gives the same gusts. */
typedef enum saqr_turb_severity {
    SAQR_TURB_NONE = 0,
    SAQR_TURB_LIGHT,
    SAQR_TURB_MODERATE,
    SAQR_TURB_SEVERE
} saqr_turb_severity;

typedef struct saqr_turbulence_config {
    saqr_turb_severity severity;
    double wind20_mps;  /* mean wind at 20 ft; 0 picks the severity's value */
    uint64_t seed;
} saqr_turbulence_config;

/* ----------------------------------------------------------- integration */

/* Integration schemes.  RK4 integrates the whole state at once (four model
 * evaluations per step).  The others are JSBSim's explicit one-evaluation
 * schemes, chosen per state group; they keep their derivative history in the
 * handle and start with lower orders until the history is filled. */
typedef enum saqr_integrator {
    SAQR_INTEG_RK4 = 0,
    SAQR_INTEG_NONE,          /* hold the group constant                  */
    SAQR_INTEG_RECT_EULER,
    SAQR_INTEG_TRAPEZOIDAL,
    SAQR_INTEG_ADAMS_BASHFORTH2,
    SAQR_INTEG_ADAMS_BASHFORTH3,
    SAQR_INTEG_ADAMS_BASHFORTH4,
    SAQR_INTEG_ADAMS_BASHFORTH5,
    /* the attitude only (rotational_position): one-pass methods on the
     * quaternion from the body rate and its derivative */
    SAQR_INTEG_BUSS1,         /* exact for a constant rate (Buss 2000)    */
    SAQR_INTEG_BUSS2,         /* Buss's augmented second order            */
    SAQR_INTEG_LOCAL_LINEARIZATION /* Barker et al.                       */
} saqr_integrator;

/* Scheme per state group.  Either all four are SAQR_INTEG_RK4 or none is. */
typedef struct saqr_integrator_config {
    saqr_integrator rotational_rate;        /* omega_body                  */
    saqr_integrator translational_rate;     /* velocity                    */
    saqr_integrator rotational_position;    /* attitude quaternion         */
    saqr_integrator translational_position; /* position                    */
} saqr_integrator_config;

/* ----------------------------------------------------------------- vehicle */

/* What a force model sees at each evaluation (all about the centre of mass). */
typedef struct saqr_force_input {
    double time_s;
    double alt_m;                   /* geodetic altitude                   */
    double vel_air_body_mps[3];     /* velocity relative to the air, body  */
    double omega_body_radps[3];     /* body rates relative to Earth, body  */
    double omega_body_inertial_radps[3]; /* body rates relative to ECI     */
    double airspeed_true_mps;
    double mach;
    double qbar_pa;                 /* dynamic pressure                    */
    double density_kgpm3;
    double alpha_rad, beta_rad;     /* angle of attack, sideslip           */
    double omega_air_body_radps[3]; /* body rates relative to the air: less
                                       the turbulence's rotary gusts (the
                                       rates for aerodynamic damping)      */
} saqr_force_input;

/* Forces and moments a model returns, body axes, about the centre of mass. */
typedef struct saqr_force_output {
    double force_body_n[3];
    double moment_body_nm[3];
} saqr_force_output;

/* A force/moment model.  Called several times per step (per RK4 stage); it
 * must not allocate and must depend only on its inputs and `user`.
 * Returns 0, or non-zero to abort the step (saqr_step then fails). */
typedef int (*saqr_force_fn)(const saqr_force_input *in, saqr_force_output *out,
                             void *user);

/* --------------------------------------------------------- initial state */

typedef enum saqr_rates_frame {
    SAQR_RATES_WRT_INERTIAL = 0, /* omega is the body rate wrt ECI      */
    SAQR_RATES_WRT_EARTH         /* omega is the body rate wrt ECEF     */
} saqr_rates_frame;

typedef struct saqr_initial_state {
    double lat_rad, lon_rad, alt_m;     /* geodetic position              */
    double vel_ned_mps[3];              /* velocity relative to Earth     */
    double euler_rad[3];                /* roll, pitch, yaw wrt NED (3-2-1)*/
    double omega_body_radps[3];         /* body rates, in body axes       */
    saqr_rates_frame omega_frame;
} saqr_initial_state;

/* ------------------------------------------------------------------ outputs */

/* Everything observable after a step.  Position and velocity in the frames
 * NASA's check cases report. */
typedef struct saqr_outputs {
    double time_s;
    double pos_eci_m[3], pos_ecef_m[3];
    double vel_eci_mps[3];              /* inertial velocity, ECI axes    */
    double vel_ned_mps[3];              /* Earth-relative velocity, NED   */
    double lat_rad, lon_rad, alt_m;     /* geodetic                       */
    double alt_rate_mps;                /* d(alt)/dt = -vel_ned[2]        */
    double euler_rad[3];                /* roll, pitch, yaw wrt NED       */
    double quat_ned_to_body[4];         /* scalar first                   */
    double omega_body_inertial_radps[3];
    double omega_body_earth_radps[3];
    double gravity_mps2;                /* magnitude of gravitation       */
    double temperature_k, pressure_pa, density_kgpm3, sound_speed_mps;
    double wind_ned_mps[3];             /* steady/shear wind + turbulence */
    double vel_air_body_mps[3];
    double airspeed_true_mps, mach, qbar_pa;
    double alpha_rad, beta_rad;
    double aero_force_body_n[3], aero_moment_body_nm[3];
} saqr_outputs;

/* -------------------------------------------------------------- the handle */

typedef struct saqr_sim saqr_sim;

/* Creates a simulation with a WGS-84 Earth, no wind, no turbulence, RK4, a
 * 1 kg unit-inertia body and no forces.  `alloc` may be NULL (malloc/free);
 * it is copied.  Returns NULL only when memory runs out. */
saqr_sim *saqr_create(const saqr_allocator *alloc);

/* Frees everything the handle owns.  NULL is ignored. */
void saqr_destroy(saqr_sim *sim);

/* Message of the last failure ("" when none).  Owned by the handle. */
const char *saqr_error(const saqr_sim *sim);

saqr_status saqr_set_earth(saqr_sim *sim, const saqr_earth_config *earth);
saqr_status saqr_set_wind(saqr_sim *sim, const saqr_wind_config *wind);
saqr_status saqr_set_turbulence(saqr_sim *sim, const saqr_turbulence_config *turb);
saqr_status saqr_set_integrator(saqr_sim *sim, const saqr_integrator_config *integ);

/* Mass (kg) and inertia tensor about the centre of mass (kg m^2, body axes,
 * symmetric, positive definite; products of inertia with the usual sign:
 * inertia[0][2] = -Ixz). */
saqr_status saqr_set_mass(saqr_sim *sim, double mass_kg, const double inertia_kgm2[3][3]);

/* Sets the force and moment model.  NULL `fn` means no forces besides gravity. */
saqr_status saqr_set_force_model(saqr_sim *sim, saqr_force_fn fn, void *user);

/* Places the vehicle and resets time to zero, the integrator history and
 * the turbulence generator. */
saqr_status saqr_init(saqr_sim *sim, const saqr_initial_state *init);

/* Advances the simulation by dt_s (> 0).  On failure the state is that of
 * before the call. */
saqr_status saqr_step(saqr_sim *sim, double dt_s);

/* Fills `out` for the current state.  Cannot fail once saqr_init succeeded. */
saqr_status saqr_get_outputs(const saqr_sim *sim, saqr_outputs *out);

/* =================================================================
 * JSBSim-format aircraft (saqr_fdm)
 *
 * An aircraft loaded from JSBSim's XML (a JSBSim "root" folder holding
 * aircraft/, engine/, systems/ and scripts/), flown with JSBSim's model
 * order and property names.  Properties keep JSBSim's names and units
 * (`velocities/vc-kts`, `fcs/elevator-cmd-norm`); look a name up once with
 * saqr_fdm_property and use the slot afterwards.
 *
 * Typical use:
 *   saqr_fdm *f = saqr_fdm_create(NULL);
 *   saqr_fdm_load_aircraft(f, root, "c172x");
 *   saqr_fdm_load_initfile(f, "reset01");
 *   saqr_fdm_init(f);
 *   int elev = saqr_fdm_property(f, "fcs/elevator-cmd-norm");
 *   saqr_fdm_set(f, elev, -0.1);
 *   while (...) saqr_fdm_step(f);
 * A script (saqr_fdm_load_script) does the loading itself and runs its
 * events inside each step.
 * ================================================================= */

typedef struct saqr_fdm saqr_fdm;

/* Receives warnings and script notifications (one line, no newline). */
typedef void (*saqr_log_fn)(void *user, const char *message);

/* Trim modes, numbered as JSBSim's simulation/do_simple_trim. */
typedef enum saqr_trim_mode {
    SAQR_TRIM_LONGITUDINAL = 0,
    SAQR_TRIM_FULL = 1,
    SAQR_TRIM_GROUND = 2,
    SAQR_TRIM_PULLUP = 3,       /* load factor ic/targetNlf              */
    SAQR_TRIM_CUSTOM = 4,       /* no axes: succeeds, changes nothing    */
    SAQR_TRIM_TURN = 5,         /* coordinated turn at the IC bank angle */
    SAQR_TRIM_NONE = 6          /* as custom                             */
} saqr_trim_mode;

/* NULL on out-of-memory. */
saqr_fdm *saqr_fdm_create(const saqr_allocator *alloc);
void saqr_fdm_destroy(saqr_fdm *fdm);
/* Message of the last failure ("file:line: ..." for input errors). */
const char *saqr_fdm_error(const saqr_fdm *fdm);
/* Where warnings and notifications go (default: dropped). */
void saqr_fdm_set_log(saqr_fdm *fdm, saqr_log_fn fn, void *user);

/* Loads root/aircraft/NAME/NAME.xml and the engine and system files it
 * names.  Unknown elements produce warnings; errors leave the handle
 * empty. */
saqr_status saqr_fdm_load_aircraft(saqr_fdm *fdm, const char *root_dir, const char *name);
/* Loads an initialisation file: a path, or a name looked up in the
 * aircraft folder (".xml" optional). */
saqr_status saqr_fdm_load_initfile(saqr_fdm *fdm, const char *file);
/* Loads a script and everything it names (aircraft, initialisation file,
 * output directives); steps then run its events.  `root_dir` as above;
 * a relative `script_path` is relative to it (JSBSim's --script). */
saqr_status saqr_fdm_load_script(saqr_fdm *fdm, const char *root_dir, const char *script_path);

/* Compiles the loaded aircraft's flight control system and aerodynamics
 * into native code with the C compiler `cc` (NULL: "cc" on the PATH),
 * which then runs them: the same results bit for bit, in less time
 * (docs/native.md).  Worth it for long runs and batches (a batch filled
 * afterwards shares the code); it takes the compiler's time once (~0.3 s
 * for the c172x).  SAQR_EIO when the compiler cannot run or fails
 * (saqr_fdm_error says why); the aircraft then stays as it was.
 * SAQR_ESTATE before an aircraft is loaded or on a batch's aircraft. */
saqr_status saqr_fdm_compile(saqr_fdm *fdm, const char *cc);

/* Takes the code saqr_fdm_compile gave `compiled`, without running a
 * compiler, when this aircraft's generated C comes out the same (the same
 * aircraft files, loaded the same way): for many runs of one aircraft,
 * such as a campaign's.  Values set on properties do not matter; the
 * aircraft keeps its own tables and state.  The code stays loaded while
 * any aircraft holds it, so `compiled` may be destroyed first; calls from
 * several threads with one `compiled` are safe while none destroys it.
 * SAQR_EINVAL when `compiled` has no code or this aircraft's would differ
 * (saqr_fdm_error says which); the aircraft then stays as it was. */
saqr_status saqr_fdm_compile_like(saqr_fdm *fdm, const saqr_fdm *compiled);

/* 1 when the aircraft runs compiled code (its own, another's or its
 * batch model's), else 0. */
int saqr_fdm_is_compiled(const saqr_fdm *fdm);

/* Property slot of a name (JSBSim spellings, with or without /fdm/jsbsim/),
 * or -1 when no such property exists. */
int saqr_fdm_property(const saqr_fdm *fdm, const char *name);
int saqr_fdm_property_count(const saqr_fdm *fdm);
const char *saqr_fdm_property_name(const saqr_fdm *fdm, int slot);
/* The aircraft's point masses (<mass_balance><pointmass>): how many, and
 * the i-th one's name= ("" when it has none; NULL out of range).  Its
 * weight and place are the properties inertia/pointmass-weight-lbs[i]
 * and inertia/pointmass-location-X-inches[i] (Y, Z). */
int saqr_fdm_pointmass_count(const saqr_fdm *fdm);
const char *saqr_fdm_pointmass_name(const saqr_fdm *fdm, int index);
/* How many of the aircraft's ground contacts are retractable (their
 * <retractable> is 1; they follow gear/gear-pos-norm); 0 for fixed gear,
 * no contacts or a NULL handle. */
int saqr_fdm_retractable_gear_count(const saqr_fdm *fdm);
/* 1 when something in the loaded aircraft reads property `slot` (a flight
 * control component, a function, a model): a command such as
 * fcs/speedbrake-cmd-norm, which every aircraft has, does something only
 * then.  0 otherwise, for a bad slot or a NULL handle. */
int saqr_fdm_property_is_read(const saqr_fdm *fdm, int slot);
double saqr_fdm_get(const saqr_fdm *fdm, int slot);
/* Sets a property; SAQR_EINVAL for a bad slot, a non-finite value or a
 * read-only property.  Action properties (simulation/do_simple_trim,
 * propulsion/set-running, ...) act at once. */
saqr_status saqr_fdm_set(saqr_fdm *fdm, int slot, double value);

/* Applies the initial conditions and runs every model once (JSBSim's
 * RunIC): time 0, nothing integrated.  Called again, it first resets
 * every model, the day's delta-T and P-sl-psf too (JSBSim's
 * ResetToInitialConditions); saqr_fdm_reposition keeps them. */
saqr_status saqr_fdm_init(saqr_fdm *fdm);
/* Integration step (s), default 1/120; JSBSim's simulation/dt. */
saqr_status saqr_fdm_set_dt(saqr_fdm *fdm, double dt_s);
double saqr_fdm_dt(const saqr_fdm *fdm);
double saqr_fdm_time(const saqr_fdm *fdm);
/* One frame: time advances, the script's events run, the state is
 * propagated and every model runs.  No allocation, I/O or clock reads. */
saqr_status saqr_fdm_step(saqr_fdm *fdm);
/* Non-zero once the loaded script reached its end time (or terminated). */
int saqr_fdm_script_done(const saqr_fdm *fdm);
/* Trims the aircraft; SAQR_EINVAL when no trim was found (the state is
 * then left at the best point reached, as JSBSim does). */
saqr_status saqr_fdm_trim(saqr_fdm *fdm, saqr_trim_mode mode);
/* Runs every engine to its steady state at its present throttle, mixture
 * and propeller positions (fcs/...-pos-norm), as JSBSim's
 * FGPropulsion::GetSteadyState does within a trim; the aircraft, the
 * clock and the other models stay as they are.  For an aircraft whose
 * initial conditions started its engines (InitRunning runs them at full
 * throttle) and that is to wait at another setting, such as idling on the
 * runway.  SAQR_ESTATE before saqr_fdm_init. */
saqr_status saqr_fdm_settle_engines(saqr_fdm *fdm);

/* A linear model of the aircraft about its present flight condition,
 * x' = A x + B u and y = C x + D u, made by JSBSim's method (its
 * simulation/do_linearization, which Saqr also performs; docs/
 * linearization.md): central differences of h = 1e-4 on each state and
 * input, every perturbed condition placed as an initial condition and run
 * at dt = 0 until its states settle, the engines at their steady state.
 * States, in this order: true airspeed (ft/s), alpha (rad), theta (rad),
 * q (rad/s), each propeller's speed (rev/min, aircraft whose first engine
 * drives a propeller, up to four), beta, phi (rad), p (rad/s), psi (rad),
 * r (rad/s), geocentric latitude, longitude (rad), altitude above sea
 * level (ft).  Inputs: the throttle command of every engine, then the
 * aileron, elevator and rudder commands (norm).  Outputs: the states.
 * Afterwards the aircraft flies on from its state placed again at x0 and
 * u0 (JSBSim leaves it so too); the time does not move. */
#define SAQR_LINEAR_MAX_STATES 16
#define SAQR_LINEAR_INPUTS 4
typedef struct saqr_linear_model {
    int n_states;                       /* n_inputs is SAQR_LINEAR_INPUTS */
    const char *state_names[SAQR_LINEAR_MAX_STATES], *state_units[SAQR_LINEAR_MAX_STATES];
    const char *input_names[SAQR_LINEAR_INPUTS], *input_units[SAQR_LINEAR_INPUTS];
    double x0[SAQR_LINEAR_MAX_STATES], u0[SAQR_LINEAR_INPUTS];
    double a[SAQR_LINEAR_MAX_STATES][SAQR_LINEAR_MAX_STATES];
    double b[SAQR_LINEAR_MAX_STATES][SAQR_LINEAR_INPUTS];
    double c[SAQR_LINEAR_MAX_STATES][SAQR_LINEAR_MAX_STATES];
    double d[SAQR_LINEAR_MAX_STATES][SAQR_LINEAR_INPUTS];
} saqr_linear_model;

/* Linearises now.  SAQR_ESTATE before saqr_fdm_init; SAQR_EINVAL when the
 * aircraft lacks a property the model needs (say, a rudder command) or a
 * perturbed condition cannot be placed (saqr_fdm_error says which). */
saqr_status saqr_fdm_linearize(saqr_fdm *fdm, saqr_linear_model *out);
/* Receives the model each time a script (or a property write) sets
 * simulation/do_linearization; called inside that step.  Without one the
 * model is made and dropped (its effect on the flight is JSBSim's). */
typedef void (*saqr_linear_fn)(void *user, const saqr_linear_model *model);
void saqr_fdm_set_linear_sink(saqr_fdm *fdm, saqr_linear_fn fn, void *user);
/* The loaded aircraft's name: its <fdm_config name=...>, else its
 * folder's ("" before a load). */
const char *saqr_fdm_aircraft_name(const saqr_fdm *fdm);

/* Mid-flight changes of place, for an instructor's repositioning and
 * position freeze.  Each needs saqr_fdm_init first (SAQR_ESTATE before);
 * none changes the simulated time, which goes on from where it is.
 *
 * saqr_fdm_capture_ic: the aircraft's present state becomes the initial
 * conditions: each ic/ property reads it (position, attitude, velocity
 * relative to the Earth, body rates, the steady wind), and a change to
 * one of them afterwards applies on top of it.
 *
 * saqr_fdm_reposition: places the aircraft at the initial conditions as
 * saqr_fdm_init would (the steady wind too, from the ic/ wind), but the
 * time goes on, no model is reset (FCS, engines, gear, the atmosphere's
 * temperature bias and sea-level pressure, turbulence keep their state)
 * and no engine is started.  The ic/ properties then read the state
 * placed.  A trim (saqr_fdm_trim) usually follows.  SAQR_EINVAL, changing
 * nothing, when the initial conditions cannot be met.
 *
 * saqr_fdm_move_to: moves the aircraft to a geodetic latitude and
 * longitude and an altitude above sea level (as position/h-sl-ft reads
 * it) keeping its attitude to north and the vertical, its velocity
 * relative to the Earth and its body rates; nothing else changes (the
 * models run at the next step).  SAQR_EINVAL, changing nothing, for a
 * position that is not finite or out of range (latitude within +-90 deg,
 * longitude within +-360 deg, altitude within -10,000..1,000,000 ft). */
saqr_status saqr_fdm_capture_ic(saqr_fdm *fdm);
saqr_status saqr_fdm_reposition(saqr_fdm *fdm);
saqr_status saqr_fdm_move_to(saqr_fdm *fdm, double lat_geod_deg, double lon_deg, double alt_sl_ft);

/* Saved states, for an instructor's snapshot and recall, or to branch
 * many runs off one moment.
 *
 * saqr_fdm_copy: a copy of the aircraft in its present state - all of
 * it: the state vector, every property, the control laws' filters and
 * integrators, actuators (flaps, gear), engines, tanks, ground contacts,
 * turbulence and random generator - sharing the loaded aircraft's
 * read-only data (as a batch's aircraft do).  It flies like the original,
 * bit for bit, but runs no script, writes no output and loads nothing.
 * Destroy it (saqr_fdm_destroy) before the aircraft it was copied from.
 * NULL, with saqr_fdm_error(fdm) saying why, before saqr_fdm_init or
 * when memory runs out.
 *
 * saqr_fdm_restore: `dst`, itself a copy, takes the state of `saved`, a
 * copy of the same loaded aircraft (or that aircraft itself); `saved`
 * does not change and can be restored again.  With keep_clock non-zero
 * the simulation time and frame count go on from dst's, and the aircraft
 * is where `saved` was over the ground; otherwise they are saved's too,
 * and dst's next frames are saved's next frames, bit for bit.
 * SAQR_ESTATE when dst is the loaded aircraft rather than a copy,
 * SAQR_EINVAL when saved is of another aircraft; SAQR_ENOMEM leaves dst
 * as it was. */
saqr_fdm *saqr_fdm_copy(saqr_fdm *fdm);
saqr_status saqr_fdm_restore(saqr_fdm *dst, const saqr_fdm *saved, int keep_clock);

#ifdef __cplusplus
}
#endif
#endif /* SAQR_H */
