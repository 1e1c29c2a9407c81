/*
 * trim_ground.c - the geometry of JSBSim's first approximation of an
 * aircraft at rest on the ground: once the aircraft was lowered onto its
 * lowest contact, the moment of the forces about that contact gives the
 * axis it tips about; the smallest rotation about that axis that brings
 * another contact down to the terrain plane is applied, and then the
 * smallest rotation about the line of the two contacts that brings a
 * third one down.  The gear's compression is ignored (the trim solver
 * then finds the exact equilibrium from there).
 *
 * For each candidate point the rotation angle is where the circle the
 * point describes about the axis meets the terrain plane through the
 * pivot: in the basis (u axis, t = u x n / |u x n|, v = t x u), the
 * intersection lies at alpha t + d v from the circle's centre, with d the
 * centre's distance to the plane's trace and alpha = sqrt(r^2 - d^2).
 *
 * The attitude is composed as JSBSim composes it, attitude * q0 * q1,
 * although q1's axis was found in the frame before q0 (the exact order
 * would be attitude * q1 * q0): when both rotations are large the result
 * is not exactly at rest (1e-3 rad off for a banked tail-dragger), which
 * the trim solver then corrects; keeping JSBSim's order keeps its path.
 *
 * The arithmetic follows JSBSim's FGColumnVector3 and FGQuaternion
 * operation by operation (scaling by a reciprocal, the matrix of a
 * quaternion, Euler angles from that matrix) so that the attitude agrees
 * to the last bits.
 *
 * Reference: JSBSim src/initialization/FGTrim.cpp (trimOnGround,
 * calcRotation), src/math/FGQuaternion.cpp/.h, FGMatrix33.cpp
 * (GetEuler), FGColumnVector3.cpp.
 */
#include <math.h>

#include "fdm/trim.h"
#include "math/quat.h"
#include "math/units.h"
#include "math/vec3.h"
#include "math/trig.h"

/* Rotation by `angle` about `axis` (any length). */
static void quat_from_axis_angle(double angle, const double axis[3], double q[4])
{
    double half = 0.5 * angle;
    double s = trig_sin(half) / sqrt(axis[0] * axis[0] + axis[1] * axis[1] + axis[2] * axis[2]);
    q[0] = trig_cos(half);
    q[1] = s * axis[0];
    q[2] = s * axis[1];
    q[3] = s * axis[2];
}

/* Euler angles of a transformation matrix, psi in [0, 2 pi). */
static void matrix_euler(const double m[3][3], double e[3])
{
    if (m[0][2] <= -1.0 || m[0][2] >= 1.0) { /* gimbal lock */
        e[1] = m[0][2] <= -1.0 ? 0.5 * UNITS_PI : -0.5 * UNITS_PI;
        e[0] = trig_atan2(-m[2][1], m[1][1]);
        e[2] = 0.0;
        return;
    }
    e[1] = asin(-m[0][2]);
    e[0] = trig_atan2(m[1][2], m[2][2]);
    double psi = trig_atan2(m[0][1], m[0][0]);
    if (psi < 0.0)
        psi += 2.0 * UNITS_PI;
    e[2] = psi;
}

/* The smallest rotation angle in [0, 2 pi) about the axis `u` (unit)
 * through `pivot` that brings one of the points onto its terrain plane
 * through the pivot; returns that point's index (-1 if none) and the
 * angle in *angle. */
static int smallest_rotation(const trim_contact *c, int n, const double u[3], const double pivot[3], double *angle)
{
    int best = -1;
    double best_angle = 3.0 * UNITS_PI;
    for (int i = 0; i < n; i++) {
        double t[3], v[3], mm0[3];
        vec3_cross(t, u, c[i].up);
        double len = sqrt(vec3_dot(t, t));
        if (len != 0.0) {
            double r = 1.0 / len;
            t[0] *= r;
            t[1] *= r;
            t[2] *= r;
        }
        vec3_cross(v, t, u);
        for (int k = 0; k < 3; k++)
            mm0[k] = pivot[k] - c[i].pos[k];
        double d0 = vec3_dot(mm0, u);                       /* pivot to the circle's centre */
        double r2 = vec3_dot(mm0, mm0) - d0 * d0;           /* circle radius squared        */
        double d_plane = d0 * vec3_dot(u, c[i].up) / len;   /* centre to the plane's trace  */
        double a = sqrt(fmax(r2 - d_plane * d_plane, 0.0));
        double cp[3], mxu[3];
        for (int k = 0; k < 3; k++)
            cp[k] = a * t[k] + d_plane * v[k];
        vec3_cross(mxu, mm0, u);
        double cosine = -vec3_dot(mm0, cp) / r2;
        double sine = vec3_dot(mxu, cp) / r2;
        double ang = trig_atan2(sine, cosine);
        if (ang < 0.0)
            ang += 2.0 * UNITS_PI;
        if (ang < best_angle) {
            best_angle = ang;
            best = i;
        }
    }
    *angle = best_angle;
    return best;
}

static void remove_at(trim_contact *c, int *n, int i)
{
    for (int k = i; k + 1 < *n; k++)
        c[k] = c[k + 1];
    (*n)--;
}

void trim_ground_rotation(trim_contact *c, int n, const double c0[3], const double moment[3], double q0[4],
                          double q1[4])
{
    q0[0] = q1[0] = 1.0;
    q0[1] = q0[2] = q0[3] = q1[1] = q1[2] = q1[3] = 0.0;
    double axis[3] = {moment[0], moment[1], moment[2]};
    vec3_normalize(axis);
    if (n < 1 || vec3_dot(axis, axis) == 0.0)
        return;

    /* tip about the moment's axis until a second contact touches */
    double angle;
    int i1 = smallest_rotation(c, n, axis, c0, &angle);
    if (i1 < 0)
        return;
    quat_from_axis_angle(angle, axis, q0);
    double m[3][3];
    quat_to_dcm(q0, m);
    for (int i = 0; i < n; i++) {
        double d[3] = {c[i].pos[0] - c0[0], c[i].pos[1] - c0[1], c[i].pos[2] - c0[2]};
        /* the inverse (transposed) matrix, summed in JSBSim's order */
        double x = d[0] * m[0][0], y = d[0] * m[0][1], z = d[0] * m[0][2];
        x += d[1] * m[1][0];
        y += d[1] * m[1][1];
        z += d[1] * m[1][2];
        x += d[2] * m[2][0];
        y += d[2] * m[2][1];
        z += d[2] * m[2][2];
        c[i].pos[0] = c0[0] + x;
        c[i].pos[1] = c0[1] + y;
        c[i].pos[2] = c0[2] + z;
    }
    double c1[3] = {c[i1].pos[0], c[i1].pos[1], c[i1].pos[2]};
    remove_at(c, &n, i1);
    if (n < 1)
        return;

    /* then about the line of the two, in the sense of the moment */
    double line[3] = {c1[0] - c0[0], c1[1] - c0[1], c1[2] - c0[2]};
    if (vec3_dot(line, axis) < 0.0) {
        line[0] = c0[0] - c1[0];
        line[1] = c0[1] - c1[1];
        line[2] = c0[2] - c1[2];
    }
    vec3_normalize(line);
    if (smallest_rotation(c, n, line, c0, &angle) < 0)
        return;
    quat_from_axis_angle(angle, line, q1);
}

void trim_ground_attitude(const double euler[3], const double q0[4], const double q1[4], double out[3])
{
    double q[4], a[4], b[4], m[3][3];
    quat_from_euler_jsbsim(euler[0], euler[1], euler[2], q);
    quat_mul(q, q0, a);
    quat_mul(a, q1, b);
    quat_to_dcm(b, m);
    matrix_euler(m, out);
}
