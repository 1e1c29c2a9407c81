/*
 * ground_internal.h - the inside of the ground-reactions model, shared by
 * ground.c (loading, the group of contacts, properties), ground_gear.c
 * (one contact's normal force, friction coefficients and friction
 * constraints) and ground_friction.c (the projected Gauss-Seidel solution
 * of the friction constraints).
 *
 * A contact follows JSBSim's FGLGear: the normal (strut) force is applied
 * by ground_run, while the friction forces are not forces of their own but
 * bounded Lagrange multipliers (up to three per contact: rolling and side
 * for a tyre or a resting structure point, one "dynamic" multiplier along
 * the sliding direction of a moving structure point) that
 * ground_resolve_friction solves once the unconstrained accelerations are
 * known.  Multiplier values are kept from frame to frame to warm-start the
 * solver, as JSBSim does.
 *
 * Units: SI internally (m, m/s, N); property values in JSBSim units.
 * Frames: body (x fwd, y right, z down) unless a name says otherwise.
 * Reference: JSBSim src/models/FGLGear.cpp/.h, FGGroundReactions.cpp,
 * FGAccelerations.cpp (CalculateFrictionForces), FGSurface.cpp.
 */
#ifndef SAQR_FDM_GROUND_INTERNAL_H
#define SAQR_FDM_GROUND_INTERNAL_H

#include <stdint.h>

#include "earth/earth.h"
#include "expr/func.h"
#include "expr/table.h"
#include "fdm/ground.h"

typedef enum ground_contact_type { GROUND_BOGEY, GROUND_STRUCTURE } ground_contact_type;
typedef enum ground_steer_type { GROUND_STEERABLE, GROUND_FIXED, GROUND_CASTER } ground_steer_type;
/* JSBSim's NOSE and TAIL groups use the center brake (FGLGear). */
typedef enum ground_brake_group {
    GROUND_BRAKE_NONE = -1,
    GROUND_BRAKE_LEFT = 0,
    GROUND_BRAKE_RIGHT = 1,
    GROUND_BRAKE_CENTER = 2
} ground_brake_group;
typedef enum ground_friction_kind { GROUND_FT_ROLL = 0, GROUND_FT_SIDE = 1, GROUND_FT_DYNAMIC = 2 } ground_friction_kind;

/* One friction constraint: force = value_n * dir_body, acting at arm_body_m
 * from the CG, with min_n <= value_n <= max_n. */
typedef struct ground_multiplier {
    double dir_body[3];       /* unit force direction, body axes         */
    double arm_body_m[3];     /* contact point from the CG, body axes    */
    double min_n, max_n;      /* bounds of the value                     */
    double value_n;           /* current value (warm start next frame)   */
} ground_multiplier;

/* Property slots of one contact (-1 when JSBSim does not define it for this
 * kind of contact).  Inputs are read every frame, outputs written. */
typedef struct ground_unit_slots {
    int agl_ft, wow, compression_ft, compression_vel_fps;          /* out */
    int x_in, y_in, z_in;                                         /* in  */
    int static_fc, dynamic_fc, rolling_fc;                        /* in  */
    int slip_deg, wheel_speed_fps, side_fc;                       /* out */
    int steering_angle_deg;                                       /* out */
    int castered;                                                 /* in  */
    int pos_norm;                                                 /* in  */
    int steer_pos_deg;                      /* in (steerable), out (caster) */
    int solid, bumpiness, max_force_lbs, rolling_factor, static_factor; /* out */
} ground_unit_slots;

/* One <contact> as loaded: read-only afterwards, and shared by the
 * aircraft of a batch.  Invariants: spring_npm >= 0 unless strut_force is
 * set; c_gear_body is a rotation matrix. */
typedef struct ground_unit_def {
    const char *name;                 /* name= attribute (arena)          */
    int index;                        /* JSBSim's gear number            */
    ground_contact_type type;
    ground_steer_type steer_type;
    ground_brake_group brake_group;
    int retractable;

    double spring_npm;                /* N per m of compression          */
    double damp, damp_rebound;        /* N s/m, or N s^2/m^2 when square  */
    int damp_square, damp_rebound_square;
    jfunc *strut_force;               /* <strut_force> function (lbs), or NULL */
    jtable *cornering;                /* CORNERING_COEFF(slip deg), or NULL */
    double max_steer_deg;
    double c_gear_body[3][3];         /* JSBSim mTGear: gear axes -> body */

    ground_unit_slots s;
} ground_unit_def;

/* One contact of one aircraft: its loaded description (d) and the state
 * JSBSim keeps between frames. */
typedef struct ground_unit {
    const ground_unit_def *d;         /* shared, read-only                */

    double pos_struct_m[3];           /* location (x-, y-, z-position)    */
    int wow;                          /* weight on wheels                 */
    int use_fcs_gear_pos;             /* JSBSim's useFCSGearPos latch     */
    double steer_rad;                 /* steering angle                   */
    double agl_m;                     /* uncompressed height, >= 0        */
    double compress_m, compress_speed_mps;
    double strut_force_lbs;           /* <= 0, JSBSim StrutForce          */
    double normal_force_n;            /* along the ground normal          */
    double slip_deg;                  /* wheel slip angle                 */
    trig_atan2_hint slip_hint, steer_hint; /* their atan2s' guesses     */
    double side_coeff, brake_coeff;   /* FCoeff, BrakeFCoeff              */
    uint64_t pacejka_x_bits;          /* the Magic Formula's last input x, */
    double pacejka_y;                 /* bit for bit, and its value        */
    double wheel_vel_gear_mps[3];     /* contact velocity, gear axes      */
    double vel_ground_mps[3];         /* contact velocity, ground axes    */
    double c_ground_body[3][3];       /* columns: roll, side, normal (body) */
    double acting_struct_m[3];        /* compressed contact point, structural */
    int static_friction;              /* roll/side multipliers in use     */
    ground_multiplier mult[3];        /* by ground_friction_kind          */
    int settled_air;                  /* the last run left it in the air
                                         (GROUND_SETTLED_MIN_M up at least),
                                         down and locked,
                                         wheel stopped, straight: its owned
                                         reports but the height hold until
                                         something moves                 */
} ground_unit;

/* Surface friction factors and limits (FGSurface), read from ground/...
 * each frame. */
typedef struct ground_surface {
    double static_factor, rolling_factor, max_force_lbs, bumpiness;
    int solid;
} ground_surface;

/* Inputs of the contacts for one frame. */
typedef struct ground_inputs {
    double brake[3];                  /* left, right, center 0..1         */
    double fcs_gear_pos;              /* gear/gear-pos-norm               */
    ground_surface surf;
    int reread_locations;             /* units read x-, y-, z-position    */
    int have_radii;                   /* inv_radius_m worked out yet      */
    double inv_radius_m[2];           /* earth_inverse_radii at the CG    */
} ground_inputs;

/* The curvature the contacts' heights and normals need, worked out when a
 * contact near the ground first asks for it in a frame (the sine of the
 * latitude is C_ned_ecef's -[2][2] on every Earth kind). */
static inline const double *ground_inputs_radii(ground_inputs *in, const fdm_env *env)
{
    if (!in->have_radii) {
        earth_inverse_radii(env->earth, -env->c_ned_ecef[2][2], env->alt_asl_m, in->inv_radius_m);
        in->have_radii = 1;
    }
    return in->inv_radius_m;
}

/* Flat-Earth height (m) beyond which a unit is surely airborne. */
#define GROUND_AIRBORNE_MARGIN_M 1.0
/* Height (m) from which a unit in the air may settle (ground.c's quiet
 * run, ground_unit_run_settled): any would do for the results; this one
 * keeps a structure point that bounces on the runway, millimetres up
 * between its touches, from finding its height twice a frame. */
#define GROUND_SETTLED_MIN_M 0.1

/* A point's flat-Earth height: the CG's height less the down component of
 * its arm from the CG (body axes; C_body_ned's third column). */
static inline double ground_flat_height_m(const fdm_env *env, const double arm_m[3])
{
    const double (*c)[3] = env->c_body_ned;
    return env->alt_agl_m - (c[0][2] * arm_m[0] + c[1][2] * arm_m[1] + c[2][2] * arm_m[2]);
}

/* Friction multipliers the solver handles in workspace on its stack (an
 * aircraft with up to 12 contacts: ~13 kB, with the copies of the
 * directions and arms); aircraft with more have theirs in the arena.
 * Either way it is scratch, filled by each solve, so a batch's aircraft
 * need none of their own in the usual case. */
#define GROUND_STACK_MULTIPLIERS 36

struct ground {
    int n_units;
    ground_unit *units;
    ground_multiplier **active;       /* registered this frame, 3*n_units */
    int n_active;
    int n_single;                     /* of them, registered alone (a sliding
                                         structure point); the others come
                                         in pairs with the same arm        */
    double *a, *rhs, *lambda;         /* solver workspace, (3n)^2, 3n, 3 x 3n, */
    const double **dir_arm;           /* and 2 x 3n pointers to the directions
                                         and arms, when 3n >
                                         GROUND_STACK_MULTIPLIERS          */
    double force_body_n[3], moment_body_nm[3]; /* normal forces of the run */
    double steer_cmd_seen;            /* fcs/steer-cmd-norm last applied  */
    int foreign;                      /* a unit's owned report has another
                                         producer: every run rewrites them */
    int outside_write;                /* an owned report written from outside
                                         since the last run               */
    ground_surface last_surf;         /* the surface of the last run      */
    double last_fcs_gear_pos;         /* gear/gear-pos-norm of the last run */

    /* The quiet run (ground.c): every unit settled high in the air and
     * nothing that could move one changed since, so the run is skipped;
     * the heights, which nothing in the model reads, are worked out when
     * asked (ground_height_value). */
    int locations_fixed;              /* no model writes a unit's location:
                                         read again only after an outside
                                         write (they are watched)         */
    int quiet_allowed;                /* no model writes a unit's location,
                                         castering or extension, and
                                         nothing reads a height (settled
                                         at init and when outputs open)    */
    int all_settled;                  /* every unit settled_air after the
                                         last run                         */
    int any_wow;                      /* a BOGEY's weight on wheels, after
                                         the last run (ground_wow)        */
    int heights_skipped;              /* the last run was quiet           */
    int sphere_valid;                 /* sphere_c_m, sphere_r_m hold      */
    double sphere_c_m[3], sphere_r_m; /* a sphere around the units'
                                         locations (structural frame)     */

    const int *steering;              /* the units that are not GROUND_FIXED */
    int n_steering;

    /* slots of the group's properties */
    int s_num_units, s_wow, s_steer_cmd, s_brake[3], s_gear_pos_norm;
    int s_surf_solid, s_surf_bumpiness, s_surf_max_force, s_surf_rolling, s_surf_static;
    int s_fb_gear[3], s_m_gear[3];    /* forces/fbx-gear-lbs ..., moments/l-gear-lbsft ... */
};

/* Non-zero when the unit aligns itself with its motion: a castering
 * wheel whose gear/unit[i]/castered is set (structure points have no such
 * property and always caster when their type says so). */
static inline int ground_unit_castering(const ground_unit *u, const double *v)
{
    return u->d->steer_type == GROUND_CASTER && (u->d->s.castered < 0 || v[u->d->s.castered] != 0.0);
}

/* Computes one contact for the current state (JSBSim FGLGear::
 * GetBodyForces): adds its normal force to `out`, writes its output
 * properties and registers its friction multipliers in g->active. */
void ground_unit_run(ground *g, ground_unit *u, const fdm_env *env, double *v, ground_inputs *in,
                     fdm_forces *out);
/* The same for a unit whose owned reports still hold (u->settled_air,
 * nothing written from outside, the same surface): non-zero when it is
 * still in the air, straight and down, and then only its height (and the
 * steering properties) are written; zero when ground_unit_run must run. */
int ground_unit_run_settled(ground_unit *u, const fdm_env *env, double *v, ground_inputs *in);

/* Solves the registered multipliers (JSBSim FGAccelerations::
 * CalculateFrictionForces) and returns their total force and moment
 * about the CG.  jinv: env's inverse inertia, or NULL to work it out. */
void ground_friction_solve(ground *g, const fdm_env *env, const double uvwdot_mps2[3],
                           const double pqrdot_radps2[3], const double (*jinv)[3], double force_body_n[3],
                           double moment_body_nm[3]);

#endif
