/*
 * test_fgmp.c - FlightGear's multiplayer position message for a
 * formation's lead (src/station/fgmp.c), read back as FlightGear reads
 * it: the header's fields, the model and callsign, the Earth-centred
 * position taken back to latitude, longitude and height by an iteration
 * of the test's own (long double), the orientation's angle-axis vector
 * made a quaternion again (SimGear's fromAngleAxis), its local part
 * (the longitude-latitude rotation undone) turned to heading, pitch and
 * roll by SimGear's getEulerRad formulas; and the body velocity of level
 * flight east.
 */
#include "test_util.h"

#include <math.h>
#include <string.h>

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

#include "station/fgmp.h"

#define PI_L 3.141592653589793238462643383279502884L

static uint32_t u32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

static double f64(const uint8_t *p)
{
    const uint64_t u = (uint64_t)u32(p) << 32 | u32(p + 4);
    double d;
    memcpy(&d, &u, sizeof d);
    return d;
}

static double f32(const uint8_t *p)
{
    const uint32_t u = u32(p);
    float f;
    memcpy(&f, &u, sizeof f);
    return f;
}

/* Geodetic latitude, longitude (deg) and height (m) of an Earth-centred
 * position on WGS-84, by fixed-point iteration on the latitude. */
static void geodetic(const double r[3], double *lat, double *lon, double *h)
{
    const long double a = 6378137.0L, f = 1.0L / 298.257223563L, e2 = f * (2.0L - f);
    const long double p = sqrtl((long double)r[0] * r[0] + (long double)r[1] * r[1]);
    long double phi = atan2l(r[2], p * (1.0L - e2)), n = a, hh = 0.0L;
    for (int i = 0; i < 50; i++) {
        n = a / sqrtl(1.0L - e2 * sinl(phi) * sinl(phi));
        hh = p / cosl(phi) - n;
        phi = atan2l(r[2], p * (1.0L - e2 * n / (n + hh)));
    }
    *lat = (double)(phi * 180.0L / PI_L);
    *lon = (double)(atan2l(r[1], r[0]) * 180.0L / PI_L);
    *h = (double)hh;
}

typedef struct q4 {
    double x, y, z, w;
} q4;

static q4 mul(q4 a, q4 b)
{
    return (q4){a.w * b.x + a.x * b.w + a.y * b.z - a.z * b.y, a.w * b.y - a.x * b.z + a.y * b.w + a.z * b.x,
                a.w * b.z + a.x * b.y - a.y * b.x + a.z * b.w, a.w * b.w - a.x * b.x - a.y * b.y - a.z * b.z};
}

/* Heading, pitch, roll (deg) of the orientation in a message. */
static void attitude(const uint8_t *msg, double lat_deg, double lon_deg, double *hdg, double *pitch, double *roll)
{
    const double aa[3] = {f32(msg + 168), f32(msg + 172), f32(msg + 176)};
    const double ang = sqrt(aa[0] * aa[0] + aa[1] * aa[1] + aa[2] * aa[2]), s = sin(0.5 * ang) / ang;
    const q4 q = {s * aa[0], s * aa[1], s * aa[2], cos(0.5 * ang)};
    const double z2 = 0.5 * lon_deg * M_PI / 180.0, y2 = -0.25 * M_PI - 0.5 * lat_deg * M_PI / 180.0;
    const q4 ll = {-sin(z2) * sin(y2), cos(z2) * sin(y2), sin(z2) * cos(y2), cos(z2) * cos(y2)};
    const q4 h = mul((q4){-ll.x, -ll.y, -ll.z, ll.w}, q); /* conj(ll) q */
    *roll = atan2(2 * (h.y * h.z + h.w * h.x), h.w * h.w - h.x * h.x - h.y * h.y + h.z * h.z) * 180.0 / M_PI;
    *pitch = -asin(2 * (h.x * h.z - h.w * h.y)) * 180.0 / M_PI;
    double psi = atan2(2 * (h.x * h.y + h.w * h.z), h.w * h.w + h.x * h.x - h.y * h.y - h.z * h.z);
    *hdg = (psi < 0 ? psi + 2 * M_PI : psi) * 180.0 / M_PI;
}

static void a_message_reads_back_as_flightgear_reads_it(void **state)
{
    (void)state;
    const fgmp_position p = {"LEAD", "Aircraft/c172p/Models/c172p.xml", 123.25, 0.1, 34.0811, 71.9725, 4512.5,
                             271.3, 4.5, -30.2, 0.0, -168.0, 3.0};
    uint8_t m[FGMP_PACKET_BYTES];
    memset(m, 0xAB, sizeof m);
    fgmp_pack(&p, m);
    assert_int_equal(u32(m), 0x46474653u);
    assert_int_equal(u32(m + 4), 0x00010001u);
    assert_int_equal(u32(m + 8), 7);
    assert_int_equal(u32(m + 12), 232);
    assert_int_equal(u32(m + 16), 0);
    assert_string_equal((const char *)m + 24, "LEAD");
    assert_int_equal(m[31], 0);
    assert_string_equal((const char *)m + 32, "Aircraft/c172p/Models/c172p.xml");
    assert_int_equal(m[127], 0);
    assert_true(f64(m + 128) == 123.25 && f64(m + 136) == 0.1);
    const double r[3] = {f64(m + 144), f64(m + 152), f64(m + 160)};
    double lat, lon, h;
    geodetic(r, &lat, &lon, &h);
    assert_near(lat, 34.0811, 1e-9);
    assert_near(lon, 71.9725, 1e-9);
    assert_near(h, 4512.5 * 0.3048, 1e-3);
    double hdg, pitch, roll;
    attitude(m, lat, lon, &hdg, &pitch, &roll);
    printf("attitude back: %.5f %.5f %.5f\n", hdg, pitch, roll);
    assert_near(hdg, 271.3, 1e-3);
    assert_near(pitch, 4.5, 1e-3);
    assert_near(roll, -30.2, 1e-3);
    for (int k = 204; k < 232; k += 4) /* the rates, accelerations and pad: none */
        assert_int_equal(u32(m + k), 0);
}

static void level_flight_east_has_its_speed_along_the_body_x_axis(void **state)
{
    (void)state;
    const fgmp_position p = {"LEAD", "m", 0.0, 0.1, -33.9, 18.6, 1000.0, 90.0, 0.0, 0.0, 0.0, 200.0, 0.0};
    double aa[3], vb[3];
    fgmp_orientation(&p, aa, vb);
    assert_near(vb[0], 200.0 * 0.3048, 1e-9);
    assert_near(vb[1], 0.0, 1e-9);
    assert_near(vb[2], 0.0, 1e-9);
    /* a climb at 10 deg of pitch along the path: still all along x */
    const fgmp_position c = {"LEAD", "m", 0.0, 0.1, 10.0, 10.0, 1000.0, 0.0, 10.0, 0.0, 200.0 * cos(10 * M_PI / 180),
                             0.0, -200.0 * sin(10 * M_PI / 180)};
    fgmp_orientation(&c, aa, vb);
    assert_near(vb[0], 200.0 * 0.3048, 1e-9);
    assert_near(vb[2], 0.0, 1e-9);
}

static void nothing_not_a_number_is_sent_and_texts_are_cut(void **state)
{
    (void)state;
    const fgmp_position p = {"CALLSIGN-TOO-LONG", NULL, NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN};
    uint8_t m[FGMP_PACKET_BYTES];
    fgmp_pack(&p, m);
    assert_int_equal(memcmp(m + 24, "CALLSIG\0", 8), 0);
    assert_int_equal(m[32], 0);
    for (int k = 128; k < 168; k += 8) /* time, lag, position */
        assert_true(isfinite(f64(m + k)));
    for (int k = 168; k < 232; k += 4) /* orientation, velocities, pad */
        assert_true(isfinite(f32(m + k)));
}

/* The lead's model as the instructor names it (--fg-mp-model): a path
 * under FlightGear's root that fits the message, or refused. */
static void a_model_is_a_path_that_fits_the_message(void **state)
{
    (void)state;
    assert_true(fgmp_model_ok(FGMP_DEFAULT_MODEL));
    assert_true(fgmp_model_ok("Aircraft/JF-17/Models/JF-17.xml"));
    char longest[FGMP_MODEL_MAX];
    memset(longest, 'a', sizeof longest - 1);
    longest[sizeof longest - 1] = '\0';
    assert_true(fgmp_model_ok(longest)); /* 95 characters and the NUL */
    char too_long[FGMP_MODEL_MAX + 1];
    memset(too_long, 'a', sizeof too_long - 1);
    too_long[sizeof too_long - 1] = '\0';
    assert_false(fgmp_model_ok(too_long));
    assert_false(fgmp_model_ok(""));
    assert_false(fgmp_model_ok("Aircraft/my lead.xml"));
    assert_false(fgmp_model_ok("Aircraft/lead\n.xml"));
    assert_false(fgmp_model_ok("Aircraft/\xc3\xa9.xml"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_message_reads_back_as_flightgear_reads_it),
        cmocka_unit_test(level_flight_east_has_its_speed_along_the_body_x_axis),
        cmocka_unit_test(nothing_not_a_number_is_sent_and_texts_are_cut),
        cmocka_unit_test(a_model_is_a_path_that_fits_the_message),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
