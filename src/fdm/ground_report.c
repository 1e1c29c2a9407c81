/*
 * ground_report.c - read access to the contacts for JSBSim's
 * <ground_reactions> output group: per unit weight on wheels, strut
 * compression, its speed and force, and for wheels the friction forces in
 * wheel and body axes, the contact velocity and the slip angle - the
 * values FGGroundReactions::GetGroundReactionValues prints.  Called
 * between steps; reads the state of the last run, computes a few products,
 * never allocates.
 * Reference: JSBSim src/models/FGGroundReactions.cpp
 * (GetGroundReactionStrings/Values), FGLGear.h (GetWheelRollForce,
 * GetWheelSideForce, GetBodyXForce, GetWheelRollVel ...), FGLGear.cpp
 * (UpdateForces).
 */
#include <math.h>

#include "fdm/ground_internal.h"
#include "math/units.h"
#include "math/trig.h"

const char *ground_unit_name(const ground *g, int i, int *bogey)
{
    if (i < 0 || i >= g->n_units)
        return NULL;
    *bogey = g->units[i].d->type == GROUND_BOGEY;
    return g->units[i].d->name;
}

/* The unit's contact force (normal plus its share of the friction
 * solution), body axes, N - what FGLGear::UpdateForces leaves in vFn,
 * seen in body axes. */
static void unit_force_body_n(const ground_unit *u, double f[3])
{
    for (int k = 0; k < 3; k++)
        f[k] = u->normal_force_n * u->c_ground_body[k][2];
    if (!u->wow)
        return;
    if (u->static_friction) {
        for (int k = 0; k < 3; k++)
            f[k] += u->mult[GROUND_FT_ROLL].value_n * u->mult[GROUND_FT_ROLL].dir_body[k] +
                    u->mult[GROUND_FT_SIDE].value_n * u->mult[GROUND_FT_SIDE].dir_body[k];
    } else {
        for (int k = 0; k < 3; k++)
            f[k] += u->mult[GROUND_FT_DYNAMIC].value_n * u->mult[GROUND_FT_DYNAMIC].dir_body[k];
    }
}

double ground_unit_value(const ground *g, int i, ground_report_field field)
{
    if (i < 0 || i >= g->n_units)
        return 0.0;
    const ground_unit *u = &g->units[i];
    double cs = trig_cos(u->steer_rad), sn = trig_sin(u->steer_rad);
    const double *w = u->wheel_vel_gear_mps;
    double fb[3], fg[3];
    switch (field) {
    case GROUND_REPORT_WOW:
        return u->wow ? 1.0 : 0.0;
    case GROUND_REPORT_COMPRESS_FT:
        return u->compress_m / M_PER_FT;
    case GROUND_REPORT_COMPRESS_SPEED_FPS:
        return u->compress_speed_mps / M_PER_FT;
    case GROUND_REPORT_STRUT_FORCE_LBS:
        return u->strut_force_lbs;
    case GROUND_REPORT_WHEEL_SIDE_FORCE_LBS:
    case GROUND_REPORT_WHEEL_ROLL_FORCE_LBS:
        unit_force_body_n(u, fb);
        for (int k = 0; k < 3; k++) /* body -> gear axes */
            fg[k] = (u->d->c_gear_body[0][k] * fb[0] + u->d->c_gear_body[1][k] * fb[1] + u->d->c_gear_body[2][k] * fb[2]) /
                    N_PER_LBF;
        return field == GROUND_REPORT_WHEEL_ROLL_FORCE_LBS ? fg[0] * cs + fg[1] * sn : fg[1] * cs - fg[0] * sn;
    case GROUND_REPORT_BODY_X_FORCE_LBS:
    case GROUND_REPORT_BODY_Y_FORCE_LBS:
        unit_force_body_n(u, fb);
        return fb[field == GROUND_REPORT_BODY_X_FORCE_LBS ? 0 : 1] / N_PER_LBF;
    case GROUND_REPORT_WHEEL_VEL_X_FPS:
        return w[0] / M_PER_FT;
    case GROUND_REPORT_WHEEL_VEL_Y_FPS:
        return w[1] / M_PER_FT;
    case GROUND_REPORT_WHEEL_ROLL_VEL_FPS:
        return (w[0] * cs + w[1] * sn) / M_PER_FT;
    case GROUND_REPORT_WHEEL_SIDE_VEL_FPS:
        return (w[1] * cs - w[0] * sn) / M_PER_FT;
    case GROUND_REPORT_SLIP_DEG:
        return u->slip_deg;
    }
    return 0.0;
}
