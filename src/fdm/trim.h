/*
 * trim.h - trimming a JSBSim-format aircraft (simulation/do_simple_trim),
 * with JSBSim's FGTrim algorithm: a list of axes, each pairing an
 * acceleration to null (udot, vdot, wdot, pdot, qdot, rdot) with a control
 * that moves it (alpha, throttle, pitch trim, phi, aileron, rudder, or on
 * the ground AGL altitude, theta and phi).  Each outer iteration visits
 * the axes in turn: the first time an axis is checked for a sign change of
 * its acceleration between the control limits, later it brackets a root
 * around the current control by a growing step, then a relaxed
 * regula-falsi solve narrows it.  The trim succeeds when every axis is
 * within its tolerance (0.001 ft/s^2, 0.0001 rad/s^2) at the end of an
 * iteration, and fails after 60 iterations or when the one axis left
 * cannot move its acceleration.  Every evaluation re-places the aircraft
 * at the trim's private copy of the initial conditions and runs the
 * models at dt = 0 until the acceleration is stable.
 *
 * In flight (every mode but the ground's) Saqr first tries its quick
 * trim (trim_newton.c): the same axes and criterion, solved together by
 * Newton's method in a tenth of FGTrim's evaluations; only when that
 * gives up does FGTrim run.  The quick trim lands elsewhere inside the
 * tolerances than FGTrim does, so `simulation/trim-fgtrim` = 1 skips it
 * and reproduces JSBSim's trim to its last bits (docs/jsbsim.md).
 *
 * Reference: JSBSim src/initialization/FGTrim.cpp, FGTrimAxis.cpp.
 */
#ifndef SAQR_FDM_TRIM_H
#define SAQR_FDM_TRIM_H

#include "saqr.h"

/* ---------------------------------------------------------- executive */

/* Runs the engines to a steady state at the current throttle settings
 * (JSBSim's FGPropulsion::GetSteadyState); supplied by the executive. */
typedef void (*fdm_trim_steady_fn)(saqr_fdm *f);

/* Trims `f` (loaded and initialised) in `mode`.  On success the aircraft
 * is left at the trimmed state: the controls the trim moved
 * (fcs/pitch-trim-cmd-norm, fcs/throttle-cmd-norm[i] and -pos-norm[i],
 * fcs/aileron-cmd-norm, fcs/rudder-cmd-norm) keep their trimmed values
 * and the aircraft is placed at the trimmed alpha, theta, phi (or
 * altitude and attitude on the ground); the ic/ properties are not
 * changed, as in JSBSim.  On failure returns SAQR_EINVAL with a message in
 * f->err, restores the controls and places the aircraft back at its
 * initial conditions.  `steady` may be NULL (engines are then not run to
 * a steady state after a throttle change). */
saqr_status fdm_trim_with(saqr_fdm *f, saqr_trim_mode mode, fdm_trim_steady_fn steady);
/* fdm_trim_with(f, mode, NULL). */
saqr_status fdm_trim(saqr_fdm *f, saqr_trim_mode mode);

/* ---------------------------------------------------------- solver */

typedef enum trim_state {
    TRIM_UDOT, TRIM_VDOT, TRIM_WDOT, TRIM_QDOT, TRIM_PDOT, TRIM_RDOT, TRIM_HMGT, TRIM_NLF
} trim_state;

typedef enum trim_control {
    TRIM_THROTTLE, TRIM_BETA, TRIM_ALPHA, TRIM_PITCH_TRIM, TRIM_ELEVATOR, TRIM_AILERON,
    TRIM_RUDDER, TRIM_ALT_AGL, TRIM_THETA, TRIM_PHI, TRIM_GAMMA, TRIM_HEADING
} trim_control;

/* What the solver acts on.  Values are in JSBSim's units: accelerations
 * ft/s^2 and rad/s^2, angles rad, AGL altitude ft, controls normalised. */
typedef struct trim_plant {
    void *user;
    /* Applies control `c` = x (to the initial conditions or the FCS). */
    void (*set_control)(void *user, trim_control c, double x);
    /* Places the aircraft at the initial conditions and runs the models
     * once at dt = 0 (JSBSim's Initialize followed by Run). */
    void (*run)(void *user);
    /* The acceleration (or other state) `s` after the last run. */
    double (*state)(void *user, trim_state s);
    /* Called before each axis of every iteration (FGTrim::updateRates:
     * the turn's and pull-up's body rates); may be NULL. */
    void (*before_axis)(void *user);
} trim_plant;

typedef struct trim_axis {
    trim_state state;
    trim_control control;
    double control_min, control_max, control_value;
    double state_value, state_target;
    double tolerance;               /* |state| <= tolerance: trimmed       */
    double solver_eps;              /* smallest relative bracket           */
    int runs;                       /* evaluations, for reports            */
} trim_axis;

#define TRIM_MAX_AXES 8
/* An evaluation runs the models until two runs agree, at most this often
 * (both solvers; FGTrimAxis::Run's limit). */
#define TRIM_STABLE_MAX_RUNS 100

typedef struct trim_solver {
    trim_axis axes[TRIM_MAX_AXES];
    int naxes;
    int max_iterations;             /* outer iterations (60)               */
    int max_sub_iterations;         /* per bracket/solve (100)             */
    int iterations;                 /* outer iterations done               */
    /* working values of the current axis */
    double xlo, xhi, alo, ahi;
    int solution_domain, nsub;
    int solution[TRIM_MAX_AXES];
    char failed_axis[64];           /* name of an untrimmable axis, or ""  */
} trim_solver;

/* An axis with JSBSim's tolerances and limits.  `alpha_min/max_rad` are
 * the aerodynamic alpha limits (used for an alpha control; max <= min
 * means -5..20 deg); `ic_value` is the initial-condition value of the
 * control for AGL altitude (ft), theta, phi and heading (their limits are
 * 0..30 ft, +-5 deg, +-30 deg and +-30 deg around it). */
trim_axis trim_axis_make(trim_state s, trim_control c, double alpha_min_rad, double alpha_max_rad,
                         double ic_value);
/* The axes of a mode (0 longitudinal, 1 full, 2 ground, 3 pull-up, 5
 * turn); returns how many (0 for 4 custom, 6 none and unknown modes). */
int trim_axes_for_mode(int mode, trim_axis *out, double alpha_min_rad, double alpha_max_rad,
                       double agl_ft, double theta_rad, double phi_rad);

/* Sets the control and runs until the state is stable (FGTrimAxis::Run). */
void trim_axis_run(trim_axis *a, const trim_plant *p);

/* Empty solver with JSBSim's iteration limits. */
void trim_solver_init(trim_solver *t);
/* The solver loop over t->axes (FGTrim::DoTrim without its set-up and
 * clean-up): each axis' control starts at the middle of its limits.
 * Returns 1 when every axis ended within tolerance, 0 otherwise.  Same as
 * trim_solver_start followed by trim_solver_iterate. */
int trim_solver_run(trim_solver *t, const trim_plant *p);
/* Sets and runs each axis' control at the middle of its limits. */
void trim_solver_start(trim_solver *t, const trim_plant *p);
/* The iterations after trim_solver_start; returns as trim_solver_run. */
int trim_solver_iterate(trim_solver *t, const trim_plant *p);

/* The quick trim (trim_newton.c): the axes of t (made as for
 * trim_solver_run) solved together by Newton's method from the middle of
 * their limits.  Returns 1 when every axis ended within tolerance, with
 * the plant at that point; 0 when it gave up (the plant is then anywhere,
 * and the caller starts again with trim_solver_run). */
int trim_newton_run(trim_solver *t, const trim_plant *p);

/* ---------------------------------------------------------- ground */

/* A contact point for the rotation onto the ground. */
typedef struct trim_contact {
    double pos[3];                  /* from the CG, body axes               */
    double up[3];                   /* unit terrain normal, body axes       */
} trim_contact;

/* The second and third stages of JSBSim's trimOnGround: the aircraft rests
 * on contact `c0` (body axes, from the CG) and `moment` (body axes, any
 * scale) is the moment about it; rotates it about the moment's axis
 * through c0 until a second contact touches, then about the line of the
 * two until a third touches.  `c` holds the n >= 2 other contacts (it is
 * rotated and reordered).  Writes the two rotations as unit quaternions
 * (scalar first) q0, q1; JSBSim's new attitude is attitude * q0 * q1
 * (see trim_ground.c on that order). */
void trim_ground_rotation(trim_contact *c, int n, const double c0[3], const double moment[3], double q0[4],
                          double q1[4]);
/* The Euler angles (phi, theta, psi in [0, 2 pi)) of the attitude `euler`
 * followed by the rotations q0 then q1, with JSBSim's quaternion
 * arithmetic (FGQuaternion). */
void trim_ground_attitude(const double euler[3], const double q0[4], const double q1[4], double out[3]);

#endif
