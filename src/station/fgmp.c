/*
 * fgmp.c - FlightGear's multiplayer position message for a formation's
 * lead (fgmp.h; the references are there).
 */
#include "station/fgmp.h"

#include <math.h>
#include <string.h>

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

#include "earth/wgs84.h"
#include "math/units.h"

typedef struct quat {
    double x, y, z, w;
} quat;

/* Earth-centred to local north-east-down at lon, lat (SGQuat's
 * fromLonLatRad). */
static quat from_lon_lat(double lon, double lat)
{
    const double z2 = 0.5 * lon, y2 = -0.25 * M_PI - 0.5 * lat;
    const double sz = sin(z2), cz = cos(z2), sy = sin(y2), cy = cos(y2);
    return (quat){-sz * sy, cz * sy, sz * cy, cz * cy};
}

/* Local to body by yaw, pitch and roll, a 3-2-1 sequence (SGQuat's
 * fromEulerRad). */
static quat from_yaw_pitch_roll(double yaw, double pitch, double roll)
{
    const double sz = sin(0.5 * yaw), cz = cos(0.5 * yaw), sy = sin(0.5 * pitch), cy = cos(0.5 * pitch);
    const double sx = sin(0.5 * roll), cx = cos(0.5 * roll);
    return (quat){sx * cz * cy - cx * sz * sy, cx * cz * sy + sx * sz * cy, cx * sz * cy - sx * cz * sy,
                  cx * cz * cy + sx * sz * sy};
}

/* The Hamilton product a b (a's rotation, then b's). */
static quat product(quat a, quat b)
{
    return (quat){a.w * b.x + a.x * b.w + a.y * b.z - a.z * b.y, a.w * b.y - a.x * b.z + a.y * b.w + a.z * b.x,
                  a.w * b.z + a.x * b.y - a.y * b.x + a.z * b.w, a.w * b.w - a.x * b.x - a.y * b.y - a.z * b.z};
}

/* v seen in the frame q rotates to (SGQuat's transform). */
static void transform(quat q, const double v[3], double out[3])
{
    const double r = 2.0 / (q.x * q.x + q.y * q.y + q.z * q.z + q.w * q.w);
    const double d = q.x * v[0] + q.y * v[1] + q.z * v[2];
    const double c[3] = {q.y * v[2] - q.z * v[1], q.z * v[0] - q.x * v[2], q.x * v[1] - q.y * v[0]};
    const double k = r * q.w * q.w - 1.0, qi[3] = {q.x, q.y, q.z};
    for (int i = 0; i < 3; i++)
        out[i] = k * v[i] + r * d * qi[i] - r * q.w * c[i];
}

static double finite_or_zero(double x)
{
    return isfinite(x) ? x : 0.0;
}

void fgmp_orientation(const fgmp_position *p, double angle_axis[3], double v_body_mps[3])
{
    const double lat = finite_or_zero(p->lat_deg) * RAD_PER_DEG, lon = finite_or_zero(p->lon_deg) * RAD_PER_DEG;
    const quat hl = from_yaw_pitch_roll(finite_or_zero(p->heading_deg) * RAD_PER_DEG,
                                        finite_or_zero(p->pitch_deg) * RAD_PER_DEG,
                                        finite_or_zero(p->roll_deg) * RAD_PER_DEG);
    const quat q = product(from_lon_lat(lon, lat), hl);
    const double n = sqrt(q.x * q.x + q.y * q.y + q.z * q.z + q.w * q.w);
    double half = acos(fmax(-1.0, fmin(1.0, q.w / n)));
    const double s = sin(half);
    const double k = fabs(s) > 1e-300 ? 2.0 * half / (n * s) : 0.0;
    angle_axis[0] = k * q.x;
    angle_axis[1] = k * q.y;
    angle_axis[2] = k * q.z;
    const double v_ned[3] = {finite_or_zero(p->v_north_fps) * M_PER_FT, finite_or_zero(p->v_east_fps) * M_PER_FT,
                             finite_or_zero(p->v_down_fps) * M_PER_FT};
    transform(hl, v_ned, v_body_mps);
}

static uint8_t *put_u32(uint8_t *o, uint32_t v)
{
    o[0] = (uint8_t)(v >> 24);
    o[1] = (uint8_t)(v >> 16);
    o[2] = (uint8_t)(v >> 8);
    o[3] = (uint8_t)v;
    return o + 4;
}

static uint8_t *put_f32(uint8_t *o, double x)
{
    const float f = (float)finite_or_zero(x);
    uint32_t u;
    memcpy(&u, &f, sizeof u);
    return put_u32(o, u);
}

static uint8_t *put_f64(uint8_t *o, double x)
{
    const double d = finite_or_zero(x);
    uint64_t u;
    memcpy(&u, &d, sizeof u);
    o = put_u32(o, (uint32_t)(u >> 32));
    return put_u32(o, (uint32_t)u);
}

/* A text in a field of n bytes, cut to n - 1 and NUL-padded. */
static uint8_t *put_text(uint8_t *o, const char *s, size_t n)
{
    memset(o, 0, n);
    if (s) {
        const size_t len = strlen(s);
        memcpy(o, s, len < n - 1 ? len : n - 1);
    }
    return o + n;
}

void fgmp_pack(const fgmp_position *p, uint8_t out[FGMP_PACKET_BYTES])
{
    uint8_t *o = out;
    o = put_u32(o, FGMP_MAGIC);
    o = put_u32(o, FGMP_VERSION);
    o = put_u32(o, FGMP_POSITION_ID);
    o = put_u32(o, FGMP_PACKET_BYTES);
    o = put_u32(o, 0); /* reply address */
    o = put_u32(o, 0); /* reply port */
    o = put_text(o, p->callsign, FGMP_CALLSIGN_MAX);
    o = put_text(o, p->model, FGMP_MODEL_MAX);
    o = put_f64(o, p->time_s);
    o = put_f64(o, p->lag_s);
    /* the Earth-centred position of the geodetic one */
    const double lat = finite_or_zero(p->lat_deg) * RAD_PER_DEG, lon = finite_or_zero(p->lon_deg) * RAD_PER_DEG;
    const double h = finite_or_zero(p->alt_ft) * M_PER_FT, sl = sin(lat), cl = cos(lat);
    double mr, nr;
    wgs84_radii_m(sl, &mr, &nr);
    o = put_f64(o, (nr + h) * cl * cos(lon));
    o = put_f64(o, (nr + h) * cl * sin(lon));
    o = put_f64(o, (nr * (1.0 - WGS84_E2) + h) * sl);
    double aa[3], vb[3];
    fgmp_orientation(p, aa, vb);
    for (int i = 0; i < 3; i++)
        o = put_f32(o, aa[i]);
    for (int i = 0; i < 3; i++)
        o = put_f32(o, vb[i]);
    for (int i = 0; i < 9; i++) /* angular velocity, accelerations: none */
        o = put_f32(o, 0.0);
    put_u32(o, 0); /* pad */
}

int fgmp_model_ok(const char *model)
{
    size_t n = 0;
    for (; model[n]; n++)
        if (model[n] <= ' ' || model[n] > '~' || n + 1 >= FGMP_MODEL_MAX)
            return 0;
    return n > 0;
}
