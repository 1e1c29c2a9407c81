/*
 * ground_gear.c - one ground contact (landing-gear tyre or structural
 * point) for one frame, with JSBSim's FGLGear semantics.
 *
 * The contact point hangs below its structural location along the gear
 * axis (tyre, "BOGEY") or along the ground normal ("STRUCTURE").  When the
 * uncompressed point is below the flat terrain, the strut compresses by
 * the penetration (projected on the gear axis), the strut force is spring
 * plus damper (linear or square law, separate rebound damping, or a
 * <strut_force> function of the compression properties), and the ground
 * pushes back along its normal.  Friction is not applied here: the contact
 * registers bounded Lagrange multipliers (rolling with brakes, side with
 * the Pacejka or CORNERING_COEFF tyre curve, or Coulomb friction of a
 * structure point) that ground_friction.c solves with the accelerations.
 * The terrain is flat at env->terrain_elev_m, its normal the local up, and
 * it does not move (FGDefaultGroundCallback).
 *
 * References: JSBSim src/models/FGLGear.cpp (GetBodyForces,
 * ComputeGroundFrame, ComputeSlipAngle, ComputeSteeringAngle,
 * ComputeBrakeForceCoefficient, ComputeSideForceCoefficient,
 * ComputeVerticalStrutForce, ComputeJacobian), src/models/propulsion/
 * FGForce.cpp (force and moment of the acting point),
 * src/input_output/FGGroundCallback.cpp; H. B. Pacejka, "Tyre and Vehicle
 * Dynamics" (Magic Formula).
 */
#include <math.h>
#include <string.h>

#include "earth/earth.h"
#include "fdm/ground_internal.h"
#include "math/units.h"
#include "math/vec3.h"
#include "math/trig.h"

/* JSBSim thresholds, in ft/s there. */
#define SLIP_MIN_SPEED_MPS (1e-3 * M_PER_FT)   /* slip angle, dynamic friction */
#define CASTER_MIN_SPEED_MPS (0.1 * M_PER_FT)  /* castered wheel alignment     */
#define WHEEL_SPIN_DOWN_MPS2 (13.0 * M_PER_FT) /* free wheel deceleration      */

/* Pacejka Magic Formula factors JSBSim uses for the side force. */
#define PACEJKA_STIFFNESS 0.06
#define PACEJKA_SHAPE 2.8
#define PACEJKA_CURVATURE 1.03

static double clamp(double lo, double x, double hi)
{
    return x < lo ? lo : (x > hi ? hi : x);
}

/* fmax(x, 0.0) and fmin(x, 0.0) without the library call: the same value
 * for every x (a NaN gives 0 and -0 gives +0, as glibc's fmax and fmin
 * do on x86-64: maxsd and minsd return the second operand then). */
static inline double max_zero(double x)
{
    return x > 0.0 ? x : 0.0;
}

static inline double min_zero(double x)
{
    return x < 0.0 ? x : 0.0;
}

/* Extension of a retractable unit: gear/gear-pos-norm once it has ever
 * differed from 1 (JSBSim's useFCSGearPos latch), else the unit's own
 * gear/unit[i]/pos-norm. */
static double unit_gear_pos(ground_unit *u, const double *v, const ground_inputs *in)
{
    if (!u->d->retractable)
        return 1.0;
    if (u->use_fcs_gear_pos || in->fcs_gear_pos != 1.0) {
        u->use_fcs_gear_pos = 1;
        return in->fcs_gear_pos;
    }
    return v[u->d->s.pos_norm];
}

/* Steering angle before the contact is computed: steerable wheels (and
 * castered ones whose castering was switched off) follow
 * fcs/steer-pos-deg[i]; fixed wheels stay straight. */
static void read_steering(ground_unit *u, const double *v)
{
    if (u->d->steer_type == GROUND_FIXED)
        return;
    if (ground_unit_castering(u, v))
        return;
    u->steer_rad = v[u->d->s.steer_pos_deg] * RAD_PER_DEG;
}

/* Ground axes in body axes (JSBSim mT): x the rolling direction projected
 * on the ground, y the side direction, z the ground normal (up). */
static void ground_frame(ground_unit *u, const double n_body[3])
{
    /* cos(+-0) = 1 and sin(+-0) = +-0 exactly: no call for a straight wheel */
    double wheel[3] = {1.0, u->steer_rad, 0.0};
    if (u->steer_rad != 0.0) {
        wheel[0] = trig_cos(u->steer_rad);
        wheel[1] = trig_sin(u->steer_rad);
    }
    double roll[3], side[3];
    mat3_mul_vec(u->d->c_gear_body, wheel, roll);
    vec3_cross(side, n_body, roll);
    double along = vec3_dot(roll, n_body);
    for (int k = 0; k < 3; k++)
        roll[k] -= along * n_body[k];
    vec3_normalize(roll);
    vec3_normalize(side);
    for (int k = 0; k < 3; k++) {
        u->c_ground_body[k][0] = roll[k];
        u->c_ground_body[k][1] = side[k];
        u->c_ground_body[k][2] = n_body[k];
    }
}

/* Strut force (<= 0, JSBSim sign) from spring and damper or from the
 * <strut_force> function, then the normal reaction of the ground. */
static void vertical_force(ground_unit *u, double *v, const ground_inputs *in, double n_along_gear_z)
{
    double strut_n;
    if (u->d->strut_force) {
        /* the function reads this unit's compression properties */
        v[u->d->s.compression_ft] = u->compress_m / M_PER_FT;
        v[u->d->s.compression_vel_fps] = u->compress_speed_mps / M_PER_FT;
        double f_lbs = jfunc_eval(u->d->strut_force, v, NULL);
        strut_n = fmin(f_lbs, 0.0) * N_PER_LBF;
    } else {
        double spring = -u->compress_m * u->d->spring_npm;
        double s = u->compress_speed_mps, damp;
        if (s >= 0.0)
            damp = u->d->damp_square ? -s * s * u->d->damp : -s * u->d->damp;
        else
            damp = u->d->damp_rebound_square ? s * s * u->d->damp_rebound : -s * u->d->damp_rebound;
        strut_n = min_zero(spring + damp);
        /* JSBSim compares the (non-positive) strut force with the surface
         * limit as it is; kept for the same behaviour with odd limits */
        double limit_n = in->surf.max_force_lbs * N_PER_LBF;
        if (strut_n > limit_n) {
            strut_n = limit_n;
            u->compress_m = -strut_n / u->d->spring_npm;
        }
    }
    u->strut_force_lbs = strut_n / N_PER_LBF;
    if (u->d->type == GROUND_BOGEY)
        u->normal_force_n = strut_n / n_along_gear_z;
    else
        u->normal_force_n = -strut_n;
}

/* Rolling (with brakes) and side friction coefficients of a tyre. */
static void tyre_coefficients(ground_unit *u, const double *v, const ground_inputs *in)
{
    double static_fc = v[u->d->s.static_fc], rolling_fc = v[u->d->s.rolling_fc];

    if (vec3_xy_norm_exceeds(u->vel_ground_mps, SLIP_MIN_SPEED_MPS))
        u->slip_deg = -trig_atan2_hinted(u->vel_ground_mps[1], fabs(u->vel_ground_mps[0]), &u->slip_hint) * DEG_PER_RAD;

    u->brake_coeff = in->surf.rolling_factor * rolling_fc;
    if (u->d->brake_group != GROUND_BRAKE_NONE)
        u->brake_coeff += in->brake[u->d->brake_group] * in->surf.static_factor * (static_fc - rolling_fc);

    if (u->d->cornering) {
        u->side_coeff = jtable_lookup(u->d->cornering, u->slip_deg, 0.0, 0.0);
    } else {
        /* the slip angle holds still whenever the tyre barely moves (at
         * rest, held on the brakes), and the curve then gives the same
         * value: kept with the exact input it came from */
        double x = PACEJKA_STIFFNESS * u->slip_deg;
        uint64_t bits;
        memcpy(&bits, &x, sizeof bits);
        if (bits != u->pacejka_x_bits) {
            u->pacejka_x_bits = bits;
            u->pacejka_y = trig_sin(PACEJKA_SHAPE * trig_atan(x - PACEJKA_CURVATURE * (x - trig_atan(x))));
        }
        u->side_coeff = static_fc * u->pacejka_y;
    }
    u->side_coeff *= in->surf.static_factor;
}

static void set_multiplier(ground_multiplier *m, const double dir[3], const double arm[3], double min_n,
                           double max_n)
{
    for (int k = 0; k < 3; k++) {
        m->dir_body[k] = dir[k];
        m->arm_body_m[k] = arm[k];
    }
    m->min_n = min_n;
    m->max_n = max_n;
    /* the previous value warm-starts the solver, within the new bounds */
    m->value_n = clamp(min_n, m->value_n, max_n);
}

/* Friction constraints of a contact on the ground (JSBSim
 * ComputeJacobian): Coulomb friction along the sliding direction for a
 * moving structure point, otherwise bounded rolling and side forces. */
static void register_friction(ground *g, ground_unit *u, const double *v, const ground_inputs *in,
                              const double contact_arm_m[3])
{
    double fz = u->normal_force_n;
    if (u->d->type == GROUND_STRUCTURE && vec3_xy_norm_exceeds(u->vel_ground_mps, SLIP_MIN_SPEED_MPS)) {
        double dir_ground[3] = {u->vel_ground_mps[0], u->vel_ground_mps[1], 0.0}, dir[3];
        vec3_normalize(dir_ground);
        mat3_mul_vec(u->c_ground_body, dir_ground, dir);
        u->static_friction = 0;
        double lim = fabs(in->surf.static_factor * v[u->d->s.dynamic_fc] * fz);
        set_multiplier(&u->mult[GROUND_FT_DYNAMIC], dir, contact_arm_m, -lim, 0.0);
        g->active[g->n_active++] = &u->mult[GROUND_FT_DYNAMIC];
        g->n_single++;
        return;
    }
    u->static_friction = 1;
    double roll[3], side[3], roll_max, side_max;
    for (int k = 0; k < 3; k++) {
        roll[k] = u->c_ground_body[k][0];
        side[k] = u->c_ground_body[k][1];
    }
    if (u->d->type == GROUND_BOGEY) {
        roll_max = fabs(u->brake_coeff * fz);
        side_max = fabs(u->side_coeff * fz);
    } else {
        roll_max = side_max = fabs(in->surf.static_factor * v[u->d->s.static_fc] * fz);
    }
    set_multiplier(&u->mult[GROUND_FT_ROLL], roll, contact_arm_m, -roll_max, roll_max);
    set_multiplier(&u->mult[GROUND_FT_SIDE], side, contact_arm_m, -side_max, side_max);
    g->active[g->n_active++] = &u->mult[GROUND_FT_ROLL];
    g->active[g->n_active++] = &u->mult[GROUND_FT_SIDE];
}

/* The contact is on the ground: compression, velocities, forces and
 * friction constraints.  `height_m` < 0 is the penetration of the
 * uncompressed point. */
static void on_ground(ground *g, ground_unit *u, const fdm_env *env, double *v, const ground_inputs *in,
                      const double pos_struct_m[3], const double arm_m[3], const double n_body[3],
                      double height_m, double normal_down)
{
    double gear_n[3];
    mat3_tmul_vec(u->d->c_gear_body, n_body, gear_n);
    double gear_proj = -gear_n[2]; /* cosine between gear axis and normal */
    double displ[3] = {0.0, 0.0, 0.0};

    u->wow = 1;
    if (u->d->type == GROUND_BOGEY) {
        if (!in->surf.solid) {
            u->wow = 0; /* tyres do not compress in liquids */
            return;
        }
        u->compress_m = gear_proj > 0.0 ? height_m * normal_down / gear_proj : 0.0;
        double along_gear[3] = {0.0, 0.0, -u->compress_m};
        mat3_mul_vec(u->d->c_gear_body, along_gear, displ);
    } else {
        u->compress_m = height_m * normal_down;
        for (int k = 0; k < 3; k++)
            displ[k] = u->compress_m * n_body[k];
    }

    double contact_arm[3], vel_body[3];
    for (int k = 0; k < 3; k++)
        contact_arm[k] = arm_m[k] + displ[k];
    u->acting_struct_m[0] = pos_struct_m[0] - displ[0];
    u->acting_struct_m[1] = pos_struct_m[1] + displ[1];
    u->acting_struct_m[2] = pos_struct_m[2] - displ[2];
    vec3_cross(vel_body, env->omega_body_radps, contact_arm);
    for (int k = 0; k < 3; k++)
        vel_body[k] += env->vel_body_mps[k];
    mat3_tmul_vec(u->d->c_gear_body, vel_body, u->wheel_vel_gear_mps);

    if (ground_unit_castering(u, v) && vec3_xy_norm_exceeds(u->wheel_vel_gear_mps, CASTER_MIN_SPEED_MPS))
        u->steer_rad = trig_atan2_hinted(u->wheel_vel_gear_mps[1], fabs(u->wheel_vel_gear_mps[0]), &u->steer_hint);
    ground_frame(u, n_body);
    mat3_tmul_vec(u->c_ground_body, vel_body, u->vel_ground_mps);

    if (env->trimming || env->dt_s == 0.0) {
        u->compress_speed_mps = 0.0; /* steady state is sought (trim, initialisation) */
    } else {
        double s = -u->vel_ground_mps[2];
        if (u->d->type == GROUND_BOGEY)
            s /= gear_proj;
        /* a unit touching down within this step cannot compress faster
         * than its compression over the step */
        double s_max = u->compress_m / env->dt_s;
        if (fabs(s) > s_max)
            s = s < 0.0 ? -s_max : (s > 0.0 ? s_max : 0.0);
        u->compress_speed_mps = s;
    }

    vertical_force(u, v, in, -gear_proj);
    if (u->d->type == GROUND_BOGEY)
        tyre_coefficients(u, v, in);
    register_friction(g, u, v, in, contact_arm);
}

/* The unit's position (from its properties, when they may have changed)
 * and arm from the CG, and its flat-Earth height: the CG's height less the arm's down component
 * (mat3_tmul_vec's third row). */
static double unit_flat_height(ground_unit *u, const fdm_env *env, const double *v, const ground_inputs *in,
                               double arm_m[3])
{
    const ground_unit_slots *s = &u->d->s;
    double *pos_struct_m = u->pos_struct_m;
    if (in->reread_locations) {
        pos_struct_m[0] = v[s->x_in] * M_PER_IN;
        pos_struct_m[1] = v[s->y_in] * M_PER_IN;
        pos_struct_m[2] = v[s->z_in] * M_PER_IN;
    }
    fdm_arm_body_m(env, pos_struct_m, arm_m);
    return ground_flat_height_m(env, arm_m);
}

/* A unit's height over the ellipsoid and the geodetic up at it (NED),
 * from the CG's by the surface's curvature, to ~1e-11 m (below). */
static inline double exact_height(const fdm_env *env, ground_inputs *in, const double arm_m[3], double up_ned[3])
{
    double arm_ned[3];
    mat3_tmul_vec(env->c_body_ned, arm_m, arm_ned);
    return earth_offset_alt_up(ground_inputs_radii(in, env), env->alt_asl_m, arm_ned, up_ned) - env->terrain_elev_m;
}

/* The steering properties, as every run leaves them. */
static void write_steering(const ground_unit *u, double *v)
{
    const ground_unit_slots *s = &u->d->s;
    if (u->d->type == GROUND_BOGEY && s->steering_angle_deg >= 0)
        v[s->steering_angle_deg] = u->steer_rad * DEG_PER_RAD;
    if (s->steer_pos_deg >= 0)
        v[s->steer_pos_deg] = u->steer_rad * DEG_PER_RAD;
}

int ground_unit_run_settled(ground_unit *u, const fdm_env *env, double *v, ground_inputs *in)
{
    if (!u->settled_air || unit_gear_pos(u, v, in) != 1.0)
        return 0;
    double arm_m[3];
    double height_m = unit_flat_height(u, env, v, in, arm_m);
    if (!(height_m >= GROUND_AIRBORNE_MARGIN_M)) {
        /* near the ground: its height as ground_unit_run finds it; touching
         * (or NaN), the whole run (a settled unit was GROUND_SETTLED_MIN_M
         * up a frame ago, so it rarely finds the height twice) */
        double up_ned[3];
        height_m = exact_height(env, in, arm_m, up_ned);
        if (!(height_m >= 0.0))
            return 0;
    }
    /* a straight wheel stays straight: +-0 times the return-to-neutral
     * factor is the same zero (JSBSim's factor at gear position 1 is
     * 0.9999999999999998, which a turned wheel would feel) */
    uint64_t before, after;
    memcpy(&before, &u->steer_rad, sizeof before);
    read_steering(u, v);
    memcpy(&after, &u->steer_rad, sizeof after);
    if (before != after) /* settled_air left it +-0 */
        return 0;
    u->agl_m = max_zero(height_m); /* as ground_unit_run: -0 reports +0 */
    v[u->d->s.agl_ft] = u->agl_m / M_PER_FT;
    write_steering(u, v);
    return 1;
}

void ground_unit_run(ground *g, ground_unit *u, const fdm_env *env, double *v, ground_inputs *in,
                     fdm_forces *out)
{
    const ground_unit_slots *s = &u->d->s;
    const double *pos_struct_m = u->pos_struct_m;
    double arm_m[3];

    /* Height of the uncompressed point above the terrain, which follows
     * the ellipsoid: the geodetic altitude of the point itself, not the
     * aircraft's altitude less the arm (the curvature over a few metres
     * is ~1e-7 m, but the tyre forces at rest are sensitive enough to
     * it).  The terrain normal is the geodetic up at the point (JSBSim
     * FGLGear::GetBodyForces with FGDefaultGroundCallback::GetAGLevel). */
    double up_ned[3] = {0.0, 0.0, -1.0};
    /* Far from the ground the flat-Earth height (the CG's altitude less the
     * arm's down component) is within ~1e-5 m of the ellipsoid's for any
     * arm up to tens of metres, so a unit more than a metre up by it is
     * airborne and only its reported AGL uses it.  Near it, the height
     * and up come from the CG's by the surface's curvature, to ~1e-11 m
     * (earth_offset_alt_up; JSBSim converts each point to geodetic
     * coordinates, whose square roots and divisions cost the F-16 on the
     * runway a seventh of its frame). */
    double height_m = unit_flat_height(u, env, v, in, arm_m);
    if (height_m < GROUND_AIRBORNE_MARGIN_M)
        height_m = exact_height(env, in, arm_m, up_ned);
    u->agl_m = max_zero(height_m);
    u->normal_force_n = 0.0;

    read_steering(u, v);
    double gear_pos = unit_gear_pos(u, v, in);
    if (gear_pos > 0.99) {
        v[s->solid] = in->surf.solid;
        v[s->bumpiness] = in->surf.bumpiness;
        v[s->max_force_lbs] = in->surf.max_force_lbs;
        v[s->rolling_factor] = in->surf.rolling_factor;
        v[s->static_factor] = in->surf.static_factor;

        if (height_m < 0.0) {
            /* the terrain normal: the geodetic up found with the height */
            double n_body[3];
            mat3_mul_vec(env->c_body_ned, up_ned, n_body);
            on_ground(g, u, env, v, in, pos_struct_m, arm_m, n_body, height_m, up_ned[2]);
        } else {
            u->wow = 0;
        }
        if (!u->wow) {
            u->compress_m = 0.0;
            u->compress_speed_mps = 0.0;
            u->slip_deg = 0.0;
            u->strut_force_lbs = 0.0;
            u->normal_force_n = 0.0;
            for (int k = 0; k < 3; k++)
                u->mult[k].value_n = 0.0;
            /* steering returns to neutral as the gear leaves full extension */
            if (u->steer_rad != 0.0) /* a zero angle stays the same zero */
                u->steer_rad *= fmax(gear_pos - 0.8, 0.0) / 0.2;
        }
    }
    /* a retracting unit keeps its last WOW, as in JSBSim, but carries no load */

    if (!u->wow) {
        u->wheel_vel_gear_mps[0] -= WHEEL_SPIN_DOWN_MPS2 * env->dt_s;
        if (u->wheel_vel_gear_mps[0] < 0.0)
            u->wheel_vel_gear_mps[0] = 0.0;
    }

    if (u->normal_force_n != 0.0) {
        double f[3];
        for (int k = 0; k < 3; k++)
            f[k] = u->normal_force_n * u->c_ground_body[k][2];
        fdm_forces_add_at(out, env, f, u->acting_struct_m);
    }

    /* reported properties */
    v[s->agl_ft] = u->agl_m / M_PER_FT;
    v[s->wow] = u->wow;
    v[s->compression_ft] = u->compress_m / M_PER_FT;
    v[s->compression_vel_fps] = u->compress_speed_mps / M_PER_FT;
    if (u->d->type == GROUND_BOGEY) {
        v[s->slip_deg] = u->slip_deg;
        v[s->side_fc] = u->side_coeff;
        /* cos(+-0) = 1 and sin(+-0) = +-0 exactly: no call for a straight wheel */
        double cs = 1.0, sn = u->steer_rad;
        if (u->steer_rad != 0.0) {
            cs = trig_cos(u->steer_rad);
            sn = trig_sin(u->steer_rad);
        }
        v[s->wheel_speed_fps] = (u->wheel_vel_gear_mps[0] * cs + u->wheel_vel_gear_mps[1] * sn) / M_PER_FT;
    }
    write_steering(u, v);
    /* what ground_unit_run_settled needs to hold: nothing of the unit moves
     * but its height (its wheel's lateral speed and side coefficient stay
     * as the last contact left them); a structure point a little above
     * the runway (the F-16's ventral fins and intake) settles too */
    u->settled_air = gear_pos == 1.0 && height_m >= GROUND_SETTLED_MIN_M && !u->wow &&
                     u->wheel_vel_gear_mps[0] == 0.0 && u->steer_rad == 0.0;
}
