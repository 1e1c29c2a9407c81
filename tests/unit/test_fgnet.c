/*
 * test_fgnet.c - the FlightGear link (src/station/fgnet.c, fgnet_fdm.c):
 * the FGNetFDM version-24 packet decoded here independently, reading
 * big-endian words at the offsets of FlightGear's net_fdm.hxx (checked
 * against a mirror of that struct laid out by this compiler); a real UDP
 * round trip on 127.0.0.1; the packet filled from JSBSim's c172x and f16
 * compared with the aircraft's own properties in other units; and the
 * errors of a bad host or port.
 */
#include "fdm_util.h"

#include <arpa/inet.h>
#include <math.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "loopback_socket.h"
#include "station/fgnet.h"

#define PI 3.14159265358979323846

/* ------------------------------------------------ an independent decoder */

/* FlightGear's struct FGNetFDM, version 24, as net_fdm.hxx declares it:
 * on any ABI with 4-byte floats and naturally aligned 8-byte doubles this
 * is the layout FlightGear itself sends. */
struct fg_v24 {
    uint32_t version, padding;
    double longitude, latitude, altitude;
    float agl, phi, theta, psi, alpha, beta;
    float phidot, thetadot, psidot, vcas, climb_rate, v_north, v_east, v_down;
    float v_wind_body_north, v_wind_body_east, v_wind_body_down;
    float A_X_pilot, A_Y_pilot, A_Z_pilot, stall_warning, slip_deg;
    uint32_t num_engines, eng_state[4];
    float rpm[4], fuel_flow[4], fuel_px[4], egt[4], cht[4], mp_osi[4], tit[4], oil_temp[4], oil_px[4];
    uint32_t num_tanks;
    float fuel_quantity[4];
    uint32_t num_wheels, wow[3];
    float gear_pos[3], gear_steer[3], gear_compression[3];
    uint32_t cur_time;
    int32_t warp;
    float visibility;
    float elevator, elevator_trim_tab, left_flap, right_flap, left_aileron, right_aileron, rudder, nose_wheel,
        speedbrake, spoilers;
};

/* Offsets written out by hand from the field list (4-byte words after
 * the three doubles). */
enum {
    O_VERSION = 0, O_PADDING = 4, O_LON = 8, O_LAT = 16, O_ALT = 24, O_AGL = 32, O_PHI = 36, O_THETA = 40,
    O_PSI = 44, O_ALPHA = 48, O_BETA = 52, O_PHIDOT = 56, O_THETADOT = 60, O_PSIDOT = 64, O_VCAS = 68,
    O_CLIMB = 72, O_VN = 76, O_VE = 80, O_VD = 84, O_VBU = 88, O_VBV = 92, O_VBW = 96, O_AX = 100,
    O_AY = 104, O_AZ = 108, O_STALL = 112, O_SLIP = 116, O_NENG = 120, O_ENGSTATE = 124, O_RPM = 140,
    O_FUELFLOW = 156, O_FUELPX = 172, O_EGT = 188, O_CHT = 204, O_MP = 220, O_TIT = 236, O_OILT = 252,
    O_OILP = 268, O_NTANKS = 284, O_FUELQ = 288, O_NWHEELS = 304, O_WOW = 308, O_GEARPOS = 320,
    O_GEARSTEER = 332, O_GEARCOMP = 344, O_CURTIME = 356, O_WARP = 360, O_VIS = 364, O_ELEV = 368,
    O_ELEVTRIM = 372, O_LFLAP = 376, O_RFLAP = 380, O_LAIL = 384, O_RAIL = 388, O_RUDDER = 392,
    O_NOSE = 396, O_SPEEDBRAKE = 400, O_SPOILERS = 404, V24_BYTES = 408
};

static uint32_t rd_u32(const uint8_t *b, int off)
{
    return ((uint32_t)b[off] << 24) | ((uint32_t)b[off + 1] << 16) | ((uint32_t)b[off + 2] << 8) | b[off + 3];
}

static float rd_f32(const uint8_t *b, int off)
{
    uint32_t u = rd_u32(b, off);
    float f;
    memcpy(&f, &u, 4);
    return f;
}

static double rd_f64(const uint8_t *b, int off)
{
    uint64_t u = ((uint64_t)rd_u32(b, off) << 32) | rd_u32(b, off + 4);
    double d;
    memcpy(&d, &u, 8);
    return d;
}

/* float fields exactly as sent: compare bit for bit (NaN-safe) */
#define assert_f32_at(buf, off, want) assert_int_equal(rd_u32(buf, off), f32_bits(want))

static uint32_t f32_bits(float f)
{
    uint32_t u;
    memcpy(&u, &f, 4);
    return u;
}

/* ----------------------------------------------------------- the layout */

static void the_packet_is_as_long_as_flightgears_version_24_struct(void **state)
{
    (void)state;
    assert_int_equal(FGNET_FDM_VERSION, 24);
    assert_int_equal(FGNET_PACKET_BYTES, V24_BYTES);
    assert_int_equal(sizeof(struct fg_v24), V24_BYTES);
    /* the hand-written offsets are those a compiler gives FG's struct */
    assert_int_equal(offsetof(struct fg_v24, longitude), O_LON);
    assert_int_equal(offsetof(struct fg_v24, agl), O_AGL);
    assert_int_equal(offsetof(struct fg_v24, num_engines), O_NENG);
    assert_int_equal(offsetof(struct fg_v24, rpm), O_RPM);
    assert_int_equal(offsetof(struct fg_v24, oil_px), O_OILP);
    assert_int_equal(offsetof(struct fg_v24, num_tanks), O_NTANKS);
    assert_int_equal(offsetof(struct fg_v24, num_wheels), O_NWHEELS);
    assert_int_equal(offsetof(struct fg_v24, gear_compression), O_GEARCOMP);
    assert_int_equal(offsetof(struct fg_v24, cur_time), O_CURTIME);
    assert_int_equal(offsetof(struct fg_v24, visibility), O_VIS);
    assert_int_equal(offsetof(struct fg_v24, elevator), O_ELEV);
    assert_int_equal(offsetof(struct fg_v24, spoilers), O_SPOILERS);
}

static void known_values_have_their_ieee_big_endian_bytes(void **state)
{
    (void)state;
    fgnet_packet p;
    fgnet_packet_init(&p);
    p.longitude_rad = 1.0;   /* 3FF0 0000 0000 0000 */
    p.latitude_rad = -2.0;   /* C000 0000 0000 0000 */
    p.agl_m = 1.0f;          /* 3F80 0000           */
    p.vcas_kt = -0.5f;       /* BF00 0000           */
    p.warp_s = -3600;        /* FFFF F1F0           */
    p.cur_time_s = 0x01020304u;
    uint8_t b[FGNET_PACKET_BYTES];
    memset(b, 0xAA, sizeof b);
    fgnet_pack(&p, b);
    static const uint8_t head[] = {0, 0, 0, 24, 0, 0, 0, 0, 0x3F, 0xF0, 0, 0, 0, 0, 0, 0, 0xC0, 0, 0, 0, 0, 0, 0, 0};
    assert_memory_equal(b, head, sizeof head);
    static const uint8_t one[] = {0x3F, 0x80, 0, 0}, minus_half[] = {0xBF, 0, 0, 0}, warp[] = {0xFF, 0xFF, 0xF1, 0xF0},
                         t[] = {1, 2, 3, 4};
    assert_memory_equal(b + O_AGL, one, 4);
    assert_memory_equal(b + O_VCAS, minus_half, 4);
    assert_memory_equal(b + O_WARP, warp, 4);
    assert_memory_equal(b + O_CURTIME, t, 4);
    /* every byte is written: nothing of the 0xAA fill is left at the end */
    assert_int_equal(b[V24_BYTES - 1], 0);
}

/* A packet with a different value in every field. */
static void distinct_packet(fgnet_packet *p)
{
    fgnet_packet_init(p);
    p->longitude_rad = -1.5707963267948966;
    p->latitude_rad = 0.49148101724143875;
    p->altitude_m = 1219.2000000001;
    float *pose[] = {&p->agl_m,          &p->phi_rad,        &p->theta_rad,      &p->psi_rad,
                     &p->alpha_rad,      &p->beta_rad,       &p->phidot_radps,   &p->thetadot_radps,
                     &p->psidot_radps,   &p->vcas_kt,        &p->climb_rate_fps, &p->v_north_fps,
                     &p->v_east_fps,     &p->v_down_fps,     &p->v_body_u_fps,   &p->v_body_v_fps,
                     &p->v_body_w_fps,   &p->a_x_pilot_fps2, &p->a_y_pilot_fps2, &p->a_z_pilot_fps2,
                     &p->stall_warning,  &p->slip_deg};
    for (int i = 0; i < 22; i++)
        *pose[i] = (float)(i + 1) / 3.0f;
    p->num_engines = 2;
    for (int i = 0; i < 4; i++) {
        p->eng_state[i] = (uint32_t)(i % 3);
        p->rpm[i] = 2400.5f + (float)i;
        p->fuel_flow_gph[i] = 10.25f + (float)i;
        p->fuel_px_psi[i] = 20.0f + (float)i;
        p->egt_degf[i] = 1300.0f + (float)i;
        p->cht_degf[i] = 400.0f + (float)i;
        p->mp_osi[i] = 25.0f + (float)i;
        p->tit_degf[i] = 900.0f + (float)i;
        p->oil_temp_degf[i] = 180.0f + (float)i;
        p->oil_px_psi[i] = 60.0f + (float)i;
        p->fuel_quantity_gal[i] = 19.5f - (float)i;
    }
    p->num_tanks = 3;
    p->num_wheels = 3;
    for (int i = 0; i < 3; i++) {
        p->wow[i] = (uint32_t)(i & 1);
        p->gear_pos_norm[i] = 1.0f - 0.25f * (float)i;
        p->gear_steer_norm[i] = -0.1f * (float)i;
        p->gear_compression[i] = 0.05f * (float)(i + 1);
    }
    p->cur_time_s = 1700000000u;
    p->warp_s = -7200;
    p->visibility_m = 16093.44f;
    p->elevator_norm = -0.3f;
    p->elevator_trim_tab_norm = 0.05f;
    p->left_flap_norm = 0.33f;
    p->right_flap_norm = 0.34f;
    p->left_aileron_norm = 0.2f;
    p->right_aileron_norm = -0.2f;
    p->rudder_norm = 0.1f;
    p->nose_wheel_norm = -0.7f;
    p->speedbrake_norm = 0.9f;
    p->spoilers_norm = 0.6f;
}

/* Checks every field of `b` against `p`: doubles and floats exactly. */
static void assert_packet_bytes(const uint8_t *b, const fgnet_packet *p)
{
    assert_int_equal(rd_u32(b, O_VERSION), 24);
    assert_int_equal(rd_u32(b, O_PADDING), 0);
    assert_true(rd_f64(b, O_LON) == p->longitude_rad);
    assert_true(rd_f64(b, O_LAT) == p->latitude_rad);
    assert_true(rd_f64(b, O_ALT) == p->altitude_m);
    const int pose_off[] = {O_AGL,    O_PHI, O_THETA, O_PSI, O_ALPHA, O_BETA, O_PHIDOT, O_THETADOT,
                            O_PSIDOT, O_VCAS, O_CLIMB, O_VN,  O_VE,    O_VD,   O_VBU,    O_VBV,
                            O_VBW,    O_AX,  O_AY,    O_AZ,  O_STALL, O_SLIP};
    const float pose[] = {p->agl_m,          p->phi_rad,        p->theta_rad,      p->psi_rad,
                          p->alpha_rad,      p->beta_rad,       p->phidot_radps,   p->thetadot_radps,
                          p->psidot_radps,   p->vcas_kt,        p->climb_rate_fps, p->v_north_fps,
                          p->v_east_fps,     p->v_down_fps,     p->v_body_u_fps,   p->v_body_v_fps,
                          p->v_body_w_fps,   p->a_x_pilot_fps2, p->a_y_pilot_fps2, p->a_z_pilot_fps2,
                          p->stall_warning,  p->slip_deg};
    for (int i = 0; i < 22; i++)
        assert_f32_at(b, pose_off[i], pose[i]);
    assert_int_equal(rd_u32(b, O_NENG), p->num_engines);
    for (int i = 0; i < 4; i++) {
        assert_int_equal(rd_u32(b, O_ENGSTATE + 4 * i), p->eng_state[i]);
        assert_f32_at(b, O_RPM + 4 * i, p->rpm[i]);
        assert_f32_at(b, O_FUELFLOW + 4 * i, p->fuel_flow_gph[i]);
        assert_f32_at(b, O_FUELPX + 4 * i, p->fuel_px_psi[i]);
        assert_f32_at(b, O_EGT + 4 * i, p->egt_degf[i]);
        assert_f32_at(b, O_CHT + 4 * i, p->cht_degf[i]);
        assert_f32_at(b, O_MP + 4 * i, p->mp_osi[i]);
        assert_f32_at(b, O_TIT + 4 * i, p->tit_degf[i]);
        assert_f32_at(b, O_OILT + 4 * i, p->oil_temp_degf[i]);
        assert_f32_at(b, O_OILP + 4 * i, p->oil_px_psi[i]);
        assert_f32_at(b, O_FUELQ + 4 * i, p->fuel_quantity_gal[i]);
    }
    assert_int_equal(rd_u32(b, O_NTANKS), p->num_tanks);
    assert_int_equal(rd_u32(b, O_NWHEELS), p->num_wheels);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(rd_u32(b, O_WOW + 4 * i), p->wow[i]);
        assert_f32_at(b, O_GEARPOS + 4 * i, p->gear_pos_norm[i]);
        assert_f32_at(b, O_GEARSTEER + 4 * i, p->gear_steer_norm[i]);
        assert_f32_at(b, O_GEARCOMP + 4 * i, p->gear_compression[i]);
    }
    assert_int_equal(rd_u32(b, O_CURTIME), p->cur_time_s);
    assert_int_equal((int32_t)rd_u32(b, O_WARP), p->warp_s);
    assert_f32_at(b, O_VIS, p->visibility_m);
    const int surf_off[] = {O_ELEV, O_ELEVTRIM, O_LFLAP, O_RFLAP, O_LAIL, O_RAIL, O_RUDDER, O_NOSE, O_SPEEDBRAKE,
                            O_SPOILERS};
    const float surf[] = {p->elevator_norm,    p->elevator_trim_tab_norm, p->left_flap_norm, p->right_flap_norm,
                          p->left_aileron_norm, p->right_aileron_norm,    p->rudder_norm,    p->nose_wheel_norm,
                          p->speedbrake_norm,  p->spoilers_norm};
    for (int i = 0; i < 10; i++)
        assert_f32_at(b, surf_off[i], surf[i]);
}

static void every_field_round_trips_through_the_bytes(void **state)
{
    (void)state;
    fgnet_packet p;
    distinct_packet(&p);
    uint8_t b[FGNET_PACKET_BYTES];
    fgnet_pack(&p, b);
    assert_packet_bytes(b, &p);
    /* spot checks in plain numbers, not only bit patterns */
    assert_near(rd_f32(b, O_PHI), 2.0 / 3.0, 1e-7);
    assert_near(rd_f32(b, O_SLIP), 22.0 / 3.0, 1e-6);
    assert_near(rd_f32(b, O_RPM + 4), 2401.5, 0.0);
    assert_near(rd_f32(b, O_VIS), 16093.44, 1e-3);
}

static void counts_are_clamped_to_flightgears_array_sizes(void **state)
{
    (void)state;
    fgnet_packet p;
    fgnet_packet_init(&p);
    p.num_engines = 7;
    p.num_tanks = 100;
    p.num_wheels = 4;
    uint8_t b[FGNET_PACKET_BYTES];
    fgnet_pack(&p, b);
    assert_int_equal(rd_u32(b, O_NENG), 4);
    assert_int_equal(rd_u32(b, O_NTANKS), 4);
    assert_int_equal(rd_u32(b, O_NWHEELS), 3);
}

/* --------------------------------------------------------------- UDP */

/* A UDP socket bound to 127.0.0.1 on a free port; its port in *port. */

/* Receives one datagram within 2 s; its length, or -1. */
static ssize_t receive(int fd, uint8_t *buf, size_t n)
{
    struct pollfd pfd = {.fd = fd, .events = POLLIN};
    if (poll(&pfd, 1, 2000) != 1)
        return -1;
    return recv(fd, buf, n, 0);
}

static void a_packet_arrives_whole_at_a_local_udp_socket(void **state)
{
    (void)state;
    int port;
    int fd = loopback_socket(SOCK_DGRAM, &port);
    /* "localhost" must reach an IPv4 listener, as FlightGear's is */
    const char *hosts[] = {"127.0.0.1", "localhost"};
    for (int h = 0; h < 2; h++) {
        fg_sender *s = NULL;
        saqr_err err;
        err_clear(&err);
        assert_int_equal(fg_sender_open(hosts[h], port, &s, &err), SAQR_OK);
        assert_non_null(s);
        fgnet_packet p;
        distinct_packet(&p);
        p.cur_time_s = (uint32_t)h;
        assert_int_equal(fg_sender_send(s, &p, &err), SAQR_OK);
        uint8_t b[2 * FGNET_PACKET_BYTES];
        ssize_t n = receive(fd, b, sizeof b);
        if (n != FGNET_PACKET_BYTES)
            fail_msg("via %s: received %zd bytes, expected %d", hosts[h], n, FGNET_PACKET_BYTES);
        assert_packet_bytes(b, &p);
        assert_int_equal(fg_sender_sent(s), 1);
        assert_int_equal(fg_sender_failed(s), 0);
        fg_sender_close(s);
    }
    close(fd);
}

static void sending_with_nobody_listening_is_not_an_error(void **state)
{
    (void)state;
    int port;
    int fd = loopback_socket(SOCK_DGRAM, &port);
    close(fd); /* the port is now (very likely) unused */
    fg_sender *s = NULL;
    saqr_err err;
    assert_int_equal(fg_sender_open("127.0.0.1", port, &s, &err), SAQR_OK);
    fgnet_packet p;
    fgnet_packet_init(&p);
    for (int i = 0; i < 3; i++)
        assert_int_equal(fg_sender_send(s, &p, &err), SAQR_OK);
    assert_int_equal(fg_sender_sent(s), 3);
    fg_sender_close(s);
    fg_sender_close(NULL);
}

static void a_bad_host_or_port_is_refused_with_a_message(void **state)
{
    (void)state;
    char long_host[300];
    memset(long_host, 'a', sizeof long_host - 1);
    long_host[sizeof long_host - 1] = '\0';
    const struct {
        const char *host;
        int port;
        saqr_status want;
        const char *says;
    } cases[] = {
        {"127.0.0.1", 0, SAQR_EINVAL, "port 0"},
        {"127.0.0.1", -5, SAQR_EINVAL, "port -5"},
        {"127.0.0.1", 65536, SAQR_EINVAL, "port 65536"},
        {NULL, 5502, SAQR_EINVAL, "host"},
        {"", 5502, SAQR_EINVAL, "host"},
        {"bad host!", 5502, SAQR_EINVAL, "bad host!"},
        {long_host, 5502, SAQR_EINVAL, "host"},
        {"no-such-host.invalid", 5502, SAQR_ENOTFOUND, "no-such-host.invalid"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fg_sender *s = (fg_sender *)&cases; /* must be reset to NULL */
        saqr_err err;
        err_clear(&err);
        saqr_status st = fg_sender_open(cases[i].host, cases[i].port, &s, &err);
        if (st != cases[i].want)
            fail_msg("case %zu: status %d, expected %d (%s)", i, st, cases[i].want, err.msg);
        assert_null(s);
        if (!strstr(err.msg, cases[i].says))
            fail_msg("case %zu: message '%s' does not say '%s'", i, err.msg, cases[i].says);
    }
    assert_int_equal(fg_sender_open("127.0.0.1", 5502, NULL, NULL), SAQR_EINVAL);
    fgnet_packet p;
    fgnet_packet_init(&p);
    assert_int_equal(fg_sender_send(NULL, &p, NULL), SAQR_EINVAL);
}

/* ------------------------------------------------- filling from an fdm */

static void the_packet_carries_a_trimmed_c172_in_flightgears_units(void **state)
{
    (void)state;
    saqr_fdm *f = fdm_c172_in_flight();
    fdm_set(f, "propulsion/set-running", -1.0);
    assert_int_equal(saqr_fdm_trim(f, SAQR_TRIM_LONGITUDINAL), SAQR_OK);
    /* a little aileron, some flap and two seconds, so rates, roll and the
     * flap position are not zero */
    fdm_set(f, "fcs/aileron-cmd-norm", 0.2);
    fdm_set(f, "fcs/flap-cmd-norm", 1.0);
    for (int i = 0; i < 2 * 120; i++)
        assert_int_equal(saqr_fdm_step(f), SAQR_OK);

    fgnet_binding b;
    saqr_err err;
    assert_int_equal(fgnet_bind(&b, f, &err), SAQR_OK);
    fgnet_packet p;
    fgnet_packet_init(&p);
    p.visibility_m = 5000.0f; /* the caller's: left alone */
    fgnet_from_fdm(&b, f, &p);

    /* position: degrees and feet properties against radians and metres */
    assert_near(p.latitude_rad, fdm_get(f, "position/lat-geod-deg") * PI / 180.0, 1e-12);
    assert_near(p.longitude_rad, fdm_get(f, "position/long-gc-deg") * PI / 180.0, 1e-12);
    assert_near(p.altitude_m, fdm_get(f, "position/geod-alt-ft") * 0.3048, 1e-9);
    assert_near(p.altitude_m, 1219.2, 60.0); /* reset01: 4,000 ft, near level */
    assert_near(p.agl_m, fdm_get(f, "position/h-agl-ft") * 0.3048, 1e-3);
    /* attitude in radians from the degree properties; heading 200 deg */
    assert_near(p.phi_rad, fdm_get(f, "attitude/phi-deg") * PI / 180.0, 1e-6);
    assert_near(p.theta_rad, fdm_get(f, "attitude/theta-deg") * PI / 180.0, 1e-6);
    assert_near(p.psi_rad, fdm_get(f, "attitude/psi-deg") * PI / 180.0, 1e-6);
    assert_true(fabs(p.phi_rad) > 1e-3);
    assert_near(p.psi_rad, 200.0 * PI / 180.0, 0.3);
    assert_near(p.alpha_rad, fdm_get(f, "aero/alpha-deg") * PI / 180.0, 1e-6);
    assert_near(p.phidot_radps, fdm_get(f, "velocities/phidot-rad_sec"), 1e-6);
    /* calibrated airspeed in knots from feet per second (1 kt = 6076.12/3600 ft/s) */
    assert_near(p.vcas_kt, fdm_get(f, "velocities/vc-fps") * 3600.0 / 6076.115486, 1e-3);
    assert_near(p.climb_rate_fps, fdm_get(f, "velocities/h-dot-fps"), 1e-4);
    assert_near(p.v_north_fps, fdm_get(f, "velocities/v-north-fps"), 1e-4);
    assert_near(p.v_body_u_fps, fdm_get(f, "velocities/u-aero-fps"), 1e-4);
    assert_near(p.a_z_pilot_fps2, fdm_get(f, "accelerations/a-pilot-z-ft_sec2"), 1e-4);
    /* the ball: lateral over normal acceleration, x10 */
    assert_near(p.slip_deg, 10.0 * p.a_y_pilot_fps2 / -p.a_z_pilot_fps2, 1e-4);
    /* one running engine */
    assert_int_equal(p.num_engines, 1);
    assert_int_equal(p.eng_state[0], FGNET_ENGINE_RUNNING);
    assert_near(p.rpm[0], fdm_get(f, "propulsion/engine[0]/engine-rpm"), 1e-3);
    assert_true(p.rpm[0] > 1500.0f);
    assert_near(p.egt_degf[0], fdm_get(f, "propulsion/engine[0]/egt-degF"), 1e-2);
    assert_near(p.mp_osi[0], fdm_get(f, "propulsion/engine[0]/map-inhg"), 1e-4);
    assert_near(p.fuel_flow_gph[0], fdm_get(f, "propulsion/engine[0]/fuel-flow-rate-gph"), 1e-4);
    assert_near(p.rpm[1], 0.0, 0.0);
    /* two wing tanks, in gallons as the c172x's own volume property says */
    assert_int_equal(p.num_tanks, 2);
    assert_near(p.fuel_quantity_gal[0], fdm_get(f, "propulsion/tank[0]/contents-volume-gal"), 1e-3);
    assert_near(p.fuel_quantity_gal[1], fdm_get(f, "propulsion/tank[1]/contents-volume-gal"), 1e-3);
    /* three wheels in the air, fixed gear down */
    assert_int_equal(p.num_wheels, 3);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(p.wow[i], 0);
        assert_near(p.gear_pos_norm[i], 1.0, 0.0);
    }
    /* the c172x publishes only its flap position normalised */
    assert_near(p.left_aileron_norm, fdm_get(f, "fcs/left-aileron-pos-norm"), 1e-6);
    assert_near(p.elevator_norm, fdm_get(f, "fcs/elevator-pos-norm"), 1e-6);
    assert_near(p.left_flap_norm, fdm_get(f, "fcs/flap-pos-norm"), 1e-6);
    assert_near(p.right_flap_norm, p.left_flap_norm, 0.0);
    assert_true(p.left_flap_norm > 0.05f);
    assert_near(p.visibility_m, 5000.0, 0.0);

    /* and through the bytes */
    uint8_t bytes[FGNET_PACKET_BYTES];
    fgnet_pack(&p, bytes);
    assert_true(rd_f64(bytes, O_LAT) == p.latitude_rad);
    assert_near(rd_f32(bytes, O_VCAS), fdm_get(f, "velocities/vc-kts"), 1e-3);
    saqr_fdm_destroy(f);
}

static void missing_properties_are_sent_as_defaults(void **state)
{
    (void)state;
    /* JSBSim's f16 on the runway: a turbine (no rpm, egt, oil figures) */
    saqr_fdm *f = fdm_reference_aircraft("f16", "reset00");
    assert_true(saqr_fdm_property(f, "propulsion/engine[0]/engine-rpm") < 0);
    fgnet_binding b;
    assert_int_equal(fgnet_bind(&b, f, NULL), SAQR_OK);
    fgnet_packet p;
    distinct_packet(&p); /* stale values must all be overwritten */
    fgnet_from_fdm(&b, f, &p);
    assert_int_equal(p.num_engines, 1);
    assert_near(p.rpm[0], 0.0, 0.0);
    assert_near(p.egt_degf[0], 0.0, 0.0);
    assert_near(p.oil_px_psi[0], 0.0, 0.0);
    assert_near(p.tit_degf[0], 0.0, 0.0);
    assert_near(p.rpm[1], 0.0, 0.0);
    assert_int_equal(p.eng_state[1], FGNET_ENGINE_OFF);
    /* four tanks: 1,500 lb of 6.6 lb/gal fuel in each of the first two */
    assert_int_equal(p.num_tanks, 4);
    assert_near(p.fuel_quantity_gal[0], 1500.0 / 6.6, 1e-3);
    assert_near(p.fuel_quantity_gal[2], 0.0, 0.0);
    /* on the ground: weight on the three wheels */
    assert_int_equal(p.num_wheels, 3);
    for (int i = 0; i < 3; i++)
        assert_int_equal(p.wow[i], 1);
    assert_near(p.latitude_rad, 47.0 * PI / 180.0, 0.01);
    assert_near(p.longitude_rad, 122.0 * PI / 180.0, 1e-9);
    assert_near(p.psi_rad, PI, 1e-3);
    /* a property the aircraft lacks: agl asks FlightGear to compute it */
    b.scalar[0] = -1;
    fgnet_from_fdm(&b, f, &p);
    assert_true(p.agl_m < -9000.0f);
    saqr_fdm_destroy(f);
}

static void binding_to_an_empty_fdm_names_the_missing_property(void **state)
{
    (void)state;
    saqr_fdm *f = saqr_fdm_create(NULL);
    assert_non_null(f);
    fgnet_binding b;
    saqr_err err;
    err_clear(&err);
    assert_int_equal(fgnet_bind(&b, f, &err), SAQR_ENOTFOUND);
    assert_non_null(strstr(err.msg, "position/lat-geod-rad"));
    assert_int_equal(fgnet_bind(NULL, f, &err), SAQR_EINVAL);
    saqr_fdm_destroy(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_packet_is_as_long_as_flightgears_version_24_struct),
        cmocka_unit_test(known_values_have_their_ieee_big_endian_bytes),
        cmocka_unit_test(every_field_round_trips_through_the_bytes),
        cmocka_unit_test(counts_are_clamped_to_flightgears_array_sizes),
        cmocka_unit_test(a_packet_arrives_whole_at_a_local_udp_socket),
        cmocka_unit_test(sending_with_nobody_listening_is_not_an_error),
        cmocka_unit_test(a_bad_host_or_port_is_refused_with_a_message),
        cmocka_unit_test(the_packet_carries_a_trimmed_c172_in_flightgears_units),
        cmocka_unit_test(missing_properties_are_sent_as_defaults),
        cmocka_unit_test(binding_to_an_empty_fdm_names_the_missing_property),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
