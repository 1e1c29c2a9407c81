/*
 * quat.c - quaternion algebra and attitude conversions (see quat.h for the
 * conventions).  References: Stevens, Lewis & Johnson, "Aircraft Control and
 * Simulation", 3rd ed., eqs. 1.8-16 to 1.8-20; Shepperd, "Quaternion from
 * rotation matrix", J. Guidance and Control 1(3), 1978; JSBSim
 * src/math/FGQuaternion.cpp (quat_from_euler_jsbsim).
 */
#include "math/quat.h"

#include <math.h>
#include "math/trig.h"

void quat_mul(const double a[4], const double b[4], double out[4])
{
    out[0] = a[0] * b[0] - a[1] * b[1] - a[2] * b[2] - a[3] * b[3];
    out[1] = a[0] * b[1] + a[1] * b[0] + a[2] * b[3] - a[3] * b[2];
    out[2] = a[0] * b[2] - a[1] * b[3] + a[2] * b[0] + a[3] * b[1];
    out[3] = a[0] * b[3] + a[1] * b[2] - a[2] * b[1] + a[3] * b[0];
}

void quat_conj(const double q[4], double out[4])
{
    out[0] = q[0];
    out[1] = -q[1];
    out[2] = -q[2];
    out[3] = -q[3];
}

void quat_normalize(double q[4])
{
    double n = sqrt(q[0] * q[0] + q[1] * q[1] + q[2] * q[2] + q[3] * q[3]);
    if (!(n > 0.0) || !isfinite(n)) {
        q[0] = 1.0;
        q[1] = q[2] = q[3] = 0.0;
        return;
    }
    for (int i = 0; i < 4; i++)
        q[i] /= n;
}

void quat_to_dcm(const double q[4], double c[3][3])
{
    double w = q[0], x = q[1], y = q[2], z = q[3];
    /* Passive form: components in a -> components in b. */
    c[0][0] = w * w + x * x - y * y - z * z;
    c[0][1] = 2.0 * (x * y + w * z);
    c[0][2] = 2.0 * (x * z - w * y);
    c[1][0] = 2.0 * (x * y - w * z);
    c[1][1] = w * w - x * x + y * y - z * z;
    c[1][2] = 2.0 * (y * z + w * x);
    c[2][0] = 2.0 * (x * z + w * y);
    c[2][1] = 2.0 * (y * z - w * x);
    c[2][2] = w * w - x * x - y * y + z * z;
}

void quat_from_dcm(const double c[3][3], double q[4])
{
    double tr = c[0][0] + c[1][1] + c[2][2];
    /* Pick the largest of 4w^2, 4x^2, 4y^2, 4z^2 for numerical safety. */
    double v[4] = {1.0 + tr, 1.0 + 2.0 * c[0][0] - tr, 1.0 + 2.0 * c[1][1] - tr,
                   1.0 + 2.0 * c[2][2] - tr};
    int k = 0;
    for (int i = 1; i < 4; i++)
        if (v[i] > v[k])
            k = i;
    double s = 2.0 * sqrt(v[k] > 0.0 ? v[k] : 0.0);
    if (!(s > 0.0)) {
        q[0] = 1.0;
        q[1] = q[2] = q[3] = 0.0;
        return;
    }
    switch (k) {
    case 0:
        q[0] = s / 4.0;
        q[1] = (c[1][2] - c[2][1]) / s;
        q[2] = (c[2][0] - c[0][2]) / s;
        q[3] = (c[0][1] - c[1][0]) / s;
        break;
    case 1:
        q[0] = (c[1][2] - c[2][1]) / s;
        q[1] = s / 4.0;
        q[2] = (c[0][1] + c[1][0]) / s;
        q[3] = (c[2][0] + c[0][2]) / s;
        break;
    case 2:
        q[0] = (c[2][0] - c[0][2]) / s;
        q[1] = (c[0][1] + c[1][0]) / s;
        q[2] = s / 4.0;
        q[3] = (c[1][2] + c[2][1]) / s;
        break;
    default:
        q[0] = (c[0][1] - c[1][0]) / s;
        q[1] = (c[2][0] + c[0][2]) / s;
        q[2] = (c[1][2] + c[2][1]) / s;
        q[3] = s / 4.0;
        break;
    }
    if (q[0] < 0.0)
        for (int i = 0; i < 4; i++)
            q[i] = -q[i];
    quat_normalize(q);
}

void quat_from_euler(double roll_rad, double pitch_rad, double yaw_rad, double q[4])
{
    double cr = trig_cos(roll_rad / 2.0), sr = trig_sin(roll_rad / 2.0);
    double cp = trig_cos(pitch_rad / 2.0), sp = trig_sin(pitch_rad / 2.0);
    double cy = trig_cos(yaw_rad / 2.0), sy = trig_sin(yaw_rad / 2.0);
    q[0] = cr * cp * cy + sr * sp * sy;
    q[1] = sr * cp * cy - cr * sp * sy;
    q[2] = cr * sp * cy + sr * cp * sy;
    q[3] = cr * cp * sy - sr * sp * cy;
}

void quat_from_euler_jsbsim(double roll_rad, double pitch_rad, double yaw_rad, double q[4])
{
    double sth = trig_sin(0.5 * pitch_rad), sps = trig_sin(0.5 * yaw_rad), sph = trig_sin(0.5 * roll_rad);
    double cth = trig_cos(0.5 * pitch_rad), cps = trig_cos(0.5 * yaw_rad), cph = trig_cos(0.5 * roll_rad);
    double cc = cph * cth, cs = cph * sth, ss = sph * sth, sc = sph * cth;
    q[0] = cc * cps + ss * sps;
    q[1] = sc * cps - cs * sps;
    q[2] = cs * cps + sc * sps;
    q[3] = cc * sps - ss * cps;
    double norm = sqrt(q[0] * q[0] + q[1] * q[1] + q[2] * q[2] + q[3] * q[3]);
    if (norm == 0.0 || fabs(norm - 1.0) < 1e-10)
        return;
    double r = 1.0 / norm;
    for (int k = 0; k < 4; k++)
        q[k] *= r;
}

void dcm_from_euler(const double e[3], double c[3][3])
{
    double sr = trig_sin(e[0]), cr = trig_cos(e[0]), sp = trig_sin(e[1]), cp = trig_cos(e[1]);
    double sy = trig_sin(e[2]), cy = trig_cos(e[2]);
    c[0][0] = cp * cy;
    c[0][1] = cp * sy;
    c[0][2] = -sp;
    c[1][0] = sr * sp * cy - cr * sy;
    c[1][1] = sr * sp * sy + cr * cy;
    c[1][2] = sr * cp;
    c[2][0] = cr * sp * cy + sr * sy;
    c[2][1] = cr * sp * sy - sr * cy;
    c[2][2] = cr * cp;
}

void euler_from_dcm_hinted(const double c[3][3], double e[3], trig_atan2_hint hint[2])
{
    double s = -c[0][2];
    if (s > 1.0)
        s = 1.0;
    if (s < -1.0)
        s = -1.0;
    e[0] = trig_atan2_hinted(c[1][2], c[2][2], &hint[0]);
    e[1] = asin(s);
    e[2] = trig_atan2_hinted(c[0][1], c[0][0], &hint[1]);
}

void euler_from_dcm(const double c[3][3], double e[3])
{
    trig_atan2_hint hint[2] = {0, 0};
    euler_from_dcm_hinted(c, e, hint);
}

void quat_derivative(const double q[4], const double w[3], double qd[4])
{
    qd[0] = 0.5 * (-q[1] * w[0] - q[2] * w[1] - q[3] * w[2]);
    qd[1] = 0.5 * (q[0] * w[0] + q[2] * w[2] - q[3] * w[1]);
    qd[2] = 0.5 * (q[0] * w[1] - q[1] * w[2] + q[3] * w[0]);
    qd[3] = 0.5 * (q[0] * w[2] + q[1] * w[1] - q[2] * w[0]);
}
