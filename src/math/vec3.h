/*
 * vec3.h - 3-vectors and 3x3 matrices as plain double arrays.
 *
 * Small, inline and allocation-free; used on every step.  A matrix is
 * `double m[3][3]` in row-major order; `mat3_mul_vec(c_ab, v_b, v_a)` maps a
 * vector's components from frame b to frame a when c_ab is the direction
 * cosine matrix "a from b".  Output arguments may not alias inputs unless
 * the comment says so.
 */
#ifndef SAQR_MATH_VEC3_H
#define SAQR_MATH_VEC3_H

#include <math.h>

static inline void vec3_set(double out[3], double x, double y, double z)
{
    out[0] = x; out[1] = y; out[2] = z;
}

static inline void vec3_copy(double out[3], const double v[3])
{
    out[0] = v[0]; out[1] = v[1]; out[2] = v[2];
}

/* out = a + b (out may alias a or b). */
static inline void vec3_add(double out[3], const double a[3], const double b[3])
{
    out[0] = a[0] + b[0]; out[1] = a[1] + b[1]; out[2] = a[2] + b[2];
}

/* out = a - b (out may alias a or b). */
static inline void vec3_sub(double out[3], const double a[3], const double b[3])
{
    out[0] = a[0] - b[0]; out[1] = a[1] - b[1]; out[2] = a[2] - b[2];
}

/* out = s * a (out may alias a). */
static inline void vec3_scale(double out[3], double s, const double a[3])
{
    out[0] = s * a[0]; out[1] = s * a[1]; out[2] = s * a[2];
}

/* out = a + s * b (out may alias a or b). */
static inline void vec3_axpy(double out[3], const double a[3], double s, const double b[3])
{
    out[0] = a[0] + s * b[0]; out[1] = a[1] + s * b[1]; out[2] = a[2] + s * b[2];
}

static inline double vec3_dot(const double a[3], const double b[3])
{
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

static inline double vec3_norm(const double a[3])
{
    return sqrt(vec3_dot(a, a));
}

/* Whether sqrt(a0^2 + a1^2) > limit (limit > 0), for every a the answer
 * the rounded square root gives, without waiting on the root unless the
 * sum lies within 1e-12 of limit^2: at or below limit^2 the rounded root
 * cannot exceed limit, and 1e-12 above it the root is thousands of ulps
 * past limit.  A NaN fails both tests and the root's comparison.  (The
 * root's latency sat on the path of every ground contact's run, ~1.5% of
 * an F-16's frame on the runway, sampled.) */
static inline int vec3_xy_norm_exceeds(const double a[3], double limit)
{
    double x = a[0] * a[0] + a[1] * a[1], l2 = limit * limit;
    if (x <= l2 * (1.0 - 1e-12))
        return 0;
    if (x >= l2 * (1.0 + 1e-12))
        return 1;
    return sqrt(x) > limit;
}

/* Scales a to unit length by the reciprocal of its length, as JSBSim's
 * FGColumnVector3::Normalize (a zero vector stays zero). */
static inline void vec3_normalize(double a[3])
{
    double mag = vec3_norm(a);
    if (mag != 0.0) {
        double r = 1.0 / mag;
        a[0] *= r;
        a[1] *= r;
        a[2] *= r;
    }
}

/* out = a x b (out may alias a or b). */
static inline void vec3_cross(double out[3], const double a[3], const double b[3])
{
    double x = a[1] * b[2] - a[2] * b[1];
    double y = a[2] * b[0] - a[0] * b[2];
    double z = a[0] * b[1] - a[1] * b[0];
    out[0] = x; out[1] = y; out[2] = z;
}

static inline int vec3_is_finite(const double a[3])
{
    return isfinite(a[0]) && isfinite(a[1]) && isfinite(a[2]);
}

/* out = m v (out may alias v: the components are read first, which also
 * spares the compiler reloading v after every row). */
static inline void mat3_mul_vec(const double m[3][3], const double v[3], double out[3])
{
    double v0 = v[0], v1 = v[1], v2 = v[2];
    double r0 = m[0][0] * v0 + m[0][1] * v1 + m[0][2] * v2;
    double r1 = m[1][0] * v0 + m[1][1] * v1 + m[1][2] * v2;
    double r2 = m[2][0] * v0 + m[2][1] * v1 + m[2][2] * v2;
    out[0] = r0; out[1] = r1; out[2] = r2;
}

/* out = m^T v (out may alias v). */
static inline void mat3_tmul_vec(const double m[3][3], const double v[3], double out[3])
{
    double v0 = v[0], v1 = v[1], v2 = v[2];
    double r0 = m[0][0] * v0 + m[1][0] * v1 + m[2][0] * v2;
    double r1 = m[0][1] * v0 + m[1][1] * v1 + m[2][1] * v2;
    double r2 = m[0][2] * v0 + m[1][2] * v1 + m[2][2] * v2;
    out[0] = r0; out[1] = r1; out[2] = r2;
}

/* out = a b (out must not alias a or b). */
static inline void mat3_mul(const double a[3][3], const double b[3][3], double out[3][3])
{
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++)
            out[i][j] = a[i][0] * b[0][j] + a[i][1] * b[1][j] + a[i][2] * b[2][j];
}

/* out = a^T (out must not alias a). */
static inline void mat3_transpose(const double a[3][3], double out[3][3])
{
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++)
            out[i][j] = a[j][i];
}

/* Inverts a; returns 0 when a is singular (out untouched). */
static inline int mat3_invert(const double a[3][3], double out[3][3])
{
    double c00 = a[1][1] * a[2][2] - a[1][2] * a[2][1];
    double c01 = a[1][2] * a[2][0] - a[1][0] * a[2][2];
    double c02 = a[1][0] * a[2][1] - a[1][1] * a[2][0];
    double det = a[0][0] * c00 + a[0][1] * c01 + a[0][2] * c02;
    if (!(fabs(det) > 0.0) || !isfinite(det))
        return 0;
    double k = 1.0 / det;
    out[0][0] = c00 * k;
    out[0][1] = (a[0][2] * a[2][1] - a[0][1] * a[2][2]) * k;
    out[0][2] = (a[0][1] * a[1][2] - a[0][2] * a[1][1]) * k;
    out[1][0] = c01 * k;
    out[1][1] = (a[0][0] * a[2][2] - a[0][2] * a[2][0]) * k;
    out[1][2] = (a[0][2] * a[1][0] - a[0][0] * a[1][2]) * k;
    out[2][0] = c02 * k;
    out[2][1] = (a[0][1] * a[2][0] - a[0][0] * a[2][1]) * k;
    out[2][2] = (a[0][0] * a[1][1] - a[0][1] * a[1][0]) * k;
    return 1;
}

#endif
