/*
 * test_lead_mp.c - a formation's lead to FlightGear's multiplayer input
 * (src/station/lead_mp.c): replayed between two samples, interpolated the
 * short way round the wraps, its velocity the change between the samples
 * checked against Vincenty's geodesic; flying, the sortie's values as
 * they are; sent with its callsign, model, time and lag.
 */
#include "test_util.h"

#include <math.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "earth/geodesic.h"
#include "loopback_socket.h"
#include "math/units.h"
#include "station/lead_mp.h"

/* The lead a tenth of a second apart, flying 180 kt north-east across
 * the antimeridian and climbing 1,200 ft/min, rolling through wings
 * level and turning through north. */
static void the_lead_replays_between_two_samples_with_its_velocity(void **state)
{
    (void)state;
    const double dt = 0.1, gs_fps = 180.0 * MPS_PER_KT / M_PER_FT, track = 45.0 * RAD_PER_DEG;
    const double dn_ft = gs_fps * dt * cos(track), de_ft = gs_fps * dt * sin(track);
    /* the second sample from the first by the ellipsoid's radii (the
     * geodesic below is the check) */
    const double lat0 = 33.6, lon0 = 179.99995, alt0 = 5000.0;
    const double s0 = sin(lat0 * RAD_PER_DEG), e2 = 6.69437999014e-3, w = sqrt(1.0 - e2 * s0 * s0);
    const double m_ft = 6378137.0 * (1.0 - e2) / (w * w * w) / M_PER_FT + alt0, n_ft = 6378137.0 / w / M_PER_FT + alt0;
    const sortie_lead_values a = {lat0, lon0, alt0, 358.0, 5.0, -3.0, -100, 100, 0, NAN, NAN, NAN};
    sortie_lead_values b = a;
    b.lat_deg = lat0 + dn_ft / m_ft / RAD_PER_DEG;
    b.lon_deg = lon0 + de_ft / (n_ft * cos(lat0 * RAD_PER_DEG)) / RAD_PER_DEG - 360.0; /* across 180 */
    b.alt_ft = alt0 + 1200.0 / 60.0 * dt;
    b.heading_deg = 4.0;
    b.roll_deg = 5.0;
    fgmp_position p = {"LEAD", "model", 7.0, 0.15, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    lead_mp_replayed(&a, &b, 0.25, dt, &p);
    assert_string_equal(p.callsign, "LEAD"); /* left as they were */
    assert_near(p.time_s, 7.0, 0.0);
    assert_near(p.lat_deg, lat0 + 0.25 * (b.lat_deg - lat0), 1e-12);
    assert_true(p.lon_deg > 179.9999 && p.lon_deg <= 180.0); /* a quarter of the way, not round the world */
    assert_near(p.alt_ft, alt0 + 0.5, 1e-9);
    assert_near(p.heading_deg, 359.5, 1e-9); /* 358 to 4 through north */
    assert_near(p.roll_deg, -1.0, 1e-9);
    assert_near(p.pitch_deg, 5.0, 0.0);
    /* the velocity: over the ground along Vincenty's geodesic between the
     * samples, and the climb */
    double dist_ft, azi, lam = 0.0;
    geodesic_inverse(GEODESIC_JSBSIM_A_FT, GEODESIC_JSBSIM_B_FT, lat0 * RAD_PER_DEG, lon0 * RAD_PER_DEG,
                     b.lat_deg * RAD_PER_DEG, b.lon_deg * RAD_PER_DEG, &dist_ft, &azi, &lam);
    const double gs = hypot(p.v_north_fps, p.v_east_fps);
    printf("lead replayed: %.3f ft/s over the ground (geodesic %.3f), track %.3f deg (%.3f), %.2f ft/s down\n", gs,
           dist_ft / dt, atan2(p.v_east_fps, p.v_north_fps) / RAD_PER_DEG, azi / RAD_PER_DEG, p.v_down_fps);
    /* the geodesic is on the ellipsoid's surface; the lead flies 5,000 ft
     * above it, on a circle larger by that much */
    assert_near(gs, dist_ft / dt * (1.0 + alt0 / (n_ft - alt0)), 0.002);
    assert_near(atan2(p.v_east_fps, p.v_north_fps), azi, 1e-3);
    assert_near(p.v_down_fps, -20.0, 1e-9);
    /* one sample (the last of a replay): still, where it is */
    lead_mp_replayed(&a, &a, 0.7, dt, &p);
    assert_near(p.lat_deg, lat0, 0.0);
    assert_near(p.v_north_fps, 0.0, 0.0);
    assert_near(p.v_east_fps, 0.0, 0.0);
}

static void the_flying_lead_is_sent_as_the_sortie_reads_it(void **state)
{
    (void)state;
    const sortie_lead_values l = {34.1, 71.9, 4500.0, 271.0, 2.0, -30.0, -100.0, 100.0, 0.0, 10.0, -150.0, 1.5};
    fgmp_position p;
    memset(&p, 0, sizeof p);
    lead_mp_flying(&l, &p);
    assert_near(p.lat_deg, 34.1, 0.0);
    assert_near(p.lon_deg, 71.9, 0.0);
    assert_near(p.alt_ft, 4500.0, 0.0);
    assert_near(p.heading_deg, 271.0, 0.0);
    assert_near(p.pitch_deg, 2.0, 0.0);
    assert_near(p.roll_deg, -30.0, 0.0);
    assert_near(p.v_north_fps, 10.0, 0.0);
    assert_near(p.v_east_fps, -150.0, 0.0);
    assert_near(p.v_down_fps, 1.5, 0.0);
    /* sent: a datagram with the callsign, the model, the time and lag */
    int port;
    int rx = loopback_socket(SOCK_DGRAM, &port);
    fg_sender *mp = NULL;
    saqr_err err = {""};
    assert_int_equal(fg_sender_open("127.0.0.1", port, &mp, &err), SAQR_OK);
    lead_mp_send(mp, "Aircraft/f16/Models/f16.xml", 12.5, &p);
    uint8_t msg[512];
    assert_int_equal(recv(rx, msg, sizeof msg, 0), FGMP_PACKET_BYTES);
    assert_string_equal((const char *)msg + 24, LEAD_MP_CALLSIGN);
    assert_string_equal((const char *)msg + FGMP_HEADER_BYTES, "Aircraft/f16/Models/f16.xml");
    double time_lag[2];
    for (int i = 0; i < 2; i++) {
        uint64_t u = 0;
        for (int b = 0; b < 8; b++)
            u = u << 8 | msg[FGMP_HEADER_BYTES + FGMP_MODEL_MAX + 8 * i + b];
        memcpy(&time_lag[i], &u, sizeof u);
    }
    assert_near(time_lag[0], 12.5, 0.0);
    assert_near(time_lag[1], LEAD_MP_LAG_S, 0.0);
    fg_sender_close(mp);
    close(rx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_lead_replays_between_two_samples_with_its_velocity),
        cmocka_unit_test(the_flying_lead_is_sent_as_the_sortie_reads_it),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
