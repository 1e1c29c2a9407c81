/*
 * test_replay_view.c - FlightGear's view during a replay: between two
 * replay samples the packet holds the flight interpolated (position,
 * attitude the short way round a wrap, rates from the samples' change),
 * and what the samples do not know (an instrument the aircraft lacks)
 * stays as the paused aircraft's packet had it.
 */
#include "test_util.h"

#include <math.h>
#include <string.h>

#include "math/units.h"
#include "station/replay_view.h"

static sortie_instruments sample(double lat, double lon, double msl_ft, double pitch, double roll, double hdg)
{
    sortie_instruments s;
    memset(&s, 0, sizeof s);
    s.lat_deg = lat;
    s.lon_deg = lon;
    s.msl_ft = msl_ft;
    s.agl_ft = msl_ft - 1000.0;
    s.true_pitch_deg = pitch;
    s.true_roll_deg = roll;
    /* what the cockpit showed: a failed attitude indicator's reading */
    s.pitch_deg = pitch + 30.0;
    s.roll_deg = roll + 40.0;
    s.heading_deg = hdg;
    s.track_deg = hdg;
    s.ias_kt = 250.0; /* what a blocked pitot showed */
    s.true_ias_kt = 100.0;
    s.gs_kt = 100.0;
    s.nz_g = 1.0;
    s.rpm = 2500.0;
    s.gear_pos = NAN; /* a fixed gear */
    s.speedbrake = NAN;
    return s;
}

static void the_view_is_the_flight_between_two_samples(void **state)
{
    (void)state;
    sortie_instruments a = sample(34.0, 72.0, 4000.0, 2.0, 10.0, 90.0);
    sortie_instruments b = sample(34.001, 72.002, 4010.0, 4.0, 20.0, 92.0);
    b.vs_fpm = 600.0;
    fgnet_packet p;
    fgnet_packet_init(&p);
    p.num_engines = 1;
    p.num_wheels = 3;
    p.gear_pos_norm[0] = p.gear_pos_norm[1] = p.gear_pos_norm[2] = 1.0f;
    replay_view_packet(&a, &b, 0.25, 0.1, &p);
    assert_near(p.latitude_rad, 34.00025 * RAD_PER_DEG, 1e-12);
    assert_near(p.longitude_rad, 72.0005 * RAD_PER_DEG, 1e-12);
    assert_near(p.altitude_m, 4002.5 * M_PER_FT, 1e-9);
    assert_near(p.agl_m, 3002.5 * M_PER_FT, 1e-3);
    /* the true attitude, not the failed indicator's */
    assert_near(p.theta_rad, 2.5 * RAD_PER_DEG, 1e-6);
    assert_near(p.phi_rad, 12.5 * RAD_PER_DEG, 1e-6);
    assert_near(p.psi_rad, 90.5 * RAD_PER_DEG, 1e-6);
    assert_near(p.phidot_radps, 100.0 * RAD_PER_DEG, 1e-4); /* 10 deg in 0.1 s */
    assert_near(p.climb_rate_fps, 150.0 / 60.0, 1e-5);
    assert_near(p.vcas_kt, 100.0, 1e-4); /* the true airspeed, not the failed indicator's */
    assert_near(p.v_east_fps, 100.0 * MPS_PER_KT / M_PER_FT * sin(90.5 * RAD_PER_DEG), 1e-3);
    assert_near(p.a_z_pilot_fps2, -G0_MPS2 / M_PER_FT, 1e-3);
    assert_near(p.rpm[0], 2500.0, 1e-3);
    assert_near(p.gear_pos_norm[1], 1.0, 0.0); /* no gear position kept: the packet's */
}

static void angles_are_interpolated_the_short_way_round(void **state)
{
    (void)state;
    sortie_instruments a = sample(0.0, 179.99, 1000.0, 0.0, 179.0, 359.0);
    sortie_instruments b = sample(0.0, -179.99, 1000.0, 0.0, -179.0, 1.0);
    fgnet_packet p;
    fgnet_packet_init(&p);
    replay_view_packet(&a, &b, 0.5, 0.1, &p);
    assert_near(fabs(p.longitude_rad), 180.0 * RAD_PER_DEG, 1e-9); /* across the antimeridian */
    assert_near(fabs(p.phi_rad), 180.0 * RAD_PER_DEG, 1e-5);       /* inverted, not wings level */
    assert_true(p.psi_rad < 1e-5 || p.psi_rad > 2.0 * 3.14159);     /* north, not south */
    assert_near(p.psidot_radps, 20.0 * RAD_PER_DEG, 1e-4);          /* 2 deg right in 0.1 s */
    assert_near(p.phidot_radps, 20.0 * RAD_PER_DEG, 1e-4);
    /* outside 0..1 the view holds at the ends */
    replay_view_packet(&a, &b, 1.5, 0.1, &p);
    assert_near(p.longitude_rad, -179.99 * RAD_PER_DEG, 1e-12);
    replay_view_packet(&a, &b, -1.0, 0.1, &p);
    assert_near(p.longitude_rad, 179.99 * RAD_PER_DEG, 1e-12);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_view_is_the_flight_between_two_samples),
        cmocka_unit_test(angles_are_interpolated_the_short_way_round),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
