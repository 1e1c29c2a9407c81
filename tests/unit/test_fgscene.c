/*
 * test_fgscene.c - the sky sent to FlightGear's property server
 * (src/station/fgscene.c): the METAR written out by hand for each case
 * from the code's rules (WMO No. 306 FM 15, ICAO Annex 3: visibility in
 * metres rounded down in steps of 50 / 100 / 1,000 m and 9999 from
 * 10 km, the gust as the peak speed, cloud bases in hundreds of feet,
 * "M" for below zero, QNH rounded down), the property server's lines, and
 * the TCP link against a listening socket on 127.0.0.1 standing in for
 * `fgfs --telnet`: the lines arrive after "data", only a changed sky is
 * sent again, whatever the server sends back is dropped, and a closed
 * connection is made again with the whole sky; a ground reference's
 * point as a beacon FlightGear's model manager places, moved with the
 * exercise's point and buried without one.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <math.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "station/fgscene.h"

#include "loopback_socket.h"

/* A full weather: 220 deg at 16 kt, gusts 10 above, 800 m in rain under
 * an overcast at 200 ft, 15 C, 1013.25 hPa, dusk. */
static sortie_weather sample(void)
{
    sortie_weather w = sortie_weather_unchanged();
    w.wind_from_deg = 220.0;
    w.wind_kt = 16.0;
    w.gust_kt = 10.0;
    w.turbulence = 0.0;
    w.temperature_c = 15.0;
    w.qnh_hpa = 1013.25;
    w.icing = 0.0;
    w.rain = 1.0;
    w.visibility_m = 800.0;
    w.cloud_cover = 4.0;
    w.cloud_base_ft = 200.0;
    w.time_of_day = 4.0;
    return w;
}

static void metar_is(const sortie_weather *w, const char *icao, const char *want)
{
    char got[FGSCENE_METAR_MAX];
    int n = fgscene_metar(w, icao, got, sizeof got);
    if (n < 0 || strcmp(got, want) != 0)
        fail_msg("METAR \"%s\" (%d), wanted \"%s\"", got, n, want);
    assert_int_equal(n, (int)strlen(want));
}

static void the_metar_carries_wind_visibility_rain_cloud_temperature_and_qnh(void **state)
{
    (void)state;
    sortie_weather w = sample();
    metar_is(&w, "OPRS", "OPRS 011200Z 22016G26KT 0800 RA OVC002 15/15 Q1013");

    /* calm, 30 km, clear, below zero, QNH rounded down */
    w = sample();
    w.wind_kt = 0.3;
    w.gust_kt = 0.0;
    w.rain = 0.0;
    w.visibility_m = 30000.0;
    w.cloud_cover = 0.0;
    w.temperature_c = -4.6;
    w.qnh_hpa = 1009.9;
    metar_is(&w, "OPMS", "OPMS 011200Z 00000KT 9999 SKC M05/M13 Q1009");

    /* a northerly is 360, not 000; mist below 5 km; scattered at 1,550 ft
     * is reported at 1,500 */
    w = sample();
    w.wind_from_deg = 4.0;
    w.wind_kt = 5.0;
    w.gust_kt = 0.0;
    w.rain = 0.0;
    w.visibility_m = 4321.0;
    w.cloud_cover = 2.0;
    w.cloud_base_ft = 1550.0;
    metar_is(&w, "OPRS", "OPRS 011200Z 36005KT 4300 BR SCT015 15/14 Q1013");

    /* fog below 1 km in steps of 50 m; a broken layer at the top of the
     * range; 9,500 m in steps of 1,000 */
    w.visibility_m = 730.0;
    w.cloud_cover = 3.0;
    w.cloud_base_ft = 25000.0;
    metar_is(&w, "OPRS", "OPRS 011200Z 36005KT 0700 FG BKN250 15/15 Q1013");
    w.visibility_m = 9500.0;
    w.cloud_cover = 1.0;
    w.cloud_base_ft = 3000.0;
    metar_is(&w, "OPRS", "OPRS 011200Z 36005KT 9000 FEW030 15/07 Q1013");

    /* an aerodrome that is not 4 letters or digits is not sent */
    metar_is(&w, "op s", "XXXX 011200Z 36005KT 9000 FEW030 15/07 Q1013");
    metar_is(&w, NULL, "XXXX 011200Z 36005KT 9000 FEW030 15/07 Q1013");

    /* too small a buffer is -1, not a cut METAR */
    char small[20];
    assert_int_equal(fgscene_metar(&w, "OPRS", small, sizeof small), -1);
}

static const char *const sample_lines =
    "set /environment/realwx/enabled false\r\n"
    "set /environment/config/enabled true\r\n"
    "set /environment/params/metar-updates-environment true\r\n"
    "set /environment/metar/data OPRS 011200Z 22016G26KT 0800 RA OVC002 15/15 Q1013\r\n"
    "set /environment/config/presets/visibility-m 800\r\n"
    "set /environment/config/presets/visibility-m-override true\r\n"
    "run timeofday dusk\r\n"
    "set /saqr/ground-point/elevation-ft -10000.0\r\n";

/* The marker the link's helpers below send with the sky (NULL: none). */
static const fgscene_marker *marker_now;

static void the_property_server_is_given_the_metar_the_visibility_and_the_time_of_day(void **state)
{
    (void)state;
    sortie_weather w = sample();
    char got[FGSCENE_TEXT_MAX];
    int n = fgscene_commands(&w, "OPRS", NULL, got, sizeof got);
    assert_int_equal(n, (int)strlen(sample_lines));
    assert_string_equal(got, sample_lines);
    /* every time of day by FlightGear's own name */
    static const char *const names[] = {"dawn", "morning", "noon", "afternoon", "dusk", "evening", "midnight"};
    for (int i = 0; i < 7; i++) {
        w.time_of_day = i;
        assert_true(fgscene_commands(&w, "OPRS", NULL, got, sizeof got) > 0);
        char want[48];
        snprintf(want, sizeof want, "run timeofday %s\r\n", names[i]);
        assert_non_null(strstr(got, want));
    }
    w.time_of_day = 7.0; /* not a time of day: nothing to send */
    assert_int_equal(fgscene_commands(&w, "OPRS", NULL, got, sizeof got), -1);
}

/* A ground reference's point: the beacon's position set first, then the
 * model linked to it and loaded (the "load" child is what FlightGear's
 * model manager waits for); a point that moves sends only the new lines'
 * worth; no point buries it. */
static void a_ground_reference_point_stands_a_beacon_on_it(void **state)
{
    (void)state;
    sortie_weather w = sample();
    fgscene_marker m = {1, 34.01192, 71.9863, 1050.0};
    char got[FGSCENE_TEXT_MAX];
    int n = fgscene_commands(&w, "OPRS", &m, got, sizeof got);
    assert_true(n > 0);
    const char *marker = strstr(got, "run timeofday dusk\r\n");
    assert_non_null(marker);
    marker += strlen("run timeofday dusk\r\n");
    assert_string_equal(marker, "set /saqr/ground-point/latitude-deg 34.0119200\r\n"
                                "set /saqr/ground-point/longitude-deg 71.9863000\r\n"
                                "set /saqr/ground-point/elevation-ft 1050.0\r\n"
                                "set /models/model[900]/path Models/Airport/beacon.xml\r\n"
                                "set /models/model[900]/latitude-deg-prop /saqr/ground-point/latitude-deg\r\n"
                                "set /models/model[900]/longitude-deg-prop /saqr/ground-point/longitude-deg\r\n"
                                "set /models/model[900]/elevation-ft-prop /saqr/ground-point/elevation-ft\r\n"
                                "set /models/model[900]/load true\r\n");
    /* off, or not a number: buried */
    m.on = 0;
    assert_true(fgscene_commands(&w, "OPRS", &m, got, sizeof got) > 0);
    assert_string_equal(got, sample_lines);
    m.on = 1;
    m.lat_deg = NAN;
    assert_true(fgscene_commands(&w, "OPRS", &m, got, sizeof got) > 0);
    assert_string_equal(got, sample_lines);
    /* too small a buffer: refused whole, never cut */
    m.lat_deg = 34.01192;
    assert_int_equal(fgscene_commands(&w, "OPRS", &m, got, (size_t)n), -1);
}

static void nap_ms(int ms)
{
    struct timespec ts = {0, (long)ms * 1000000L};
    nanosleep(&ts, NULL);
}

/* Runs the link's updates at clock now_s until the server has a
 * connection to accept; its descriptor. */
static int accept_after_updates(int srv, fg_props *p, const sortie_weather *w, double now_s)
{
    for (int i = 0; i < 200; i++) {
        fg_props_update(p, w, "OPRS", marker_now, now_s);
        struct pollfd pfd = {srv, POLLIN, 0};
        if (poll(&pfd, 1, 5) == 1)
            return accept(srv, NULL, NULL);
    }
    fail_msg("the link never connected");
    return -1;
}

/* Everything that arrives on fd within ~0.3 s while the link updates. */
static size_t receive(int fd, fg_props *p, const sortie_weather *w, double now_s, char *buf, size_t n)
{
    size_t got = 0;
    for (int i = 0; i < 60 && got + 1 < n; i++) {
        fg_props_update(p, w, "OPRS", marker_now, now_s);
        struct pollfd pfd = {fd, POLLIN, 0};
        if (poll(&pfd, 1, 5) == 1) {
            ssize_t r = recv(fd, buf + got, n - 1 - got, 0);
            if (r <= 0)
                break;
            got += (size_t)r;
        }
    }
    buf[got] = '\0';
    return got;
}

/* A link to a listening socket on 127.0.0.1 standing in for FlightGear
 * (its descriptor in *srv), not yet connected. */
static fg_props *link_to_listener(int *srv)
{
    int port;
    *srv = loopback_socket(SOCK_STREAM, &port);
    fg_props *p = NULL;
    saqr_err err = {""};
    assert_int_equal(fg_props_open("127.0.0.1", port, &p, &err), SAQR_OK);
    return p;
}

static void the_link_sends_the_sky_once_then_each_change_and_again_after_a_reconnect(void **state)
{
    (void)state;
    int srv;
    fg_props *p = link_to_listener(&srv);
    sortie_weather w = sample();
    int c = accept_after_updates(srv, p, &w, 0.0);
    assert_true(c >= 0);
    char buf[4096];
    receive(c, p, &w, 0.1, buf, sizeof buf);
    char want[FGSCENE_TEXT_MAX + 16];
    snprintf(want, sizeof want, "data\r\n%s", sample_lines);
    assert_string_equal(buf, want);
    assert_true(fg_props_connected(p));
    assert_int_equal(fg_props_skies_sent(p), 1);

    /* the same sky: nothing more */
    assert_int_equal(receive(c, p, &w, 0.2, buf, sizeof buf), 0);

    /* whatever the server says back (an error line, or 64 kB of noise)
     * is read and dropped: the link stays up */
    char noise[65536];
    for (size_t i = 0; i < sizeof noise; i++)
        noise[i] = (char)(i * 131u + 7u);
    assert_true(send(c, "-ERR \"node 'x' not found\"\r\n", 27, 0) == 27);
    assert_true(send(c, noise, sizeof noise, MSG_DONTWAIT) > 0); /* as much as the buffer takes */
    assert_int_equal(receive(c, p, &w, 0.25, buf, sizeof buf), 0);
    assert_true(fg_props_connected(p));

    /* the instructor lifts the cloud: the whole sky again, no "data" */
    w.cloud_base_ft = 1200.0;
    w.visibility_m = 5000.0;
    receive(c, p, &w, 0.3, buf, sizeof buf);
    assert_non_null(strstr(buf, "OVC012"));
    assert_non_null(strstr(buf, "set /environment/config/presets/visibility-m 5000\r\n"));
    assert_null(strstr(buf, "data\r\n"));
    assert_int_equal(fg_props_skies_sent(p), 2);

    /* FlightGear goes away: the link notices, waits 2 s, connects again
     * and sends the whole sky after "data" */
    close(c);
    for (int i = 0; i < 20 && fg_props_connected(p); i++) {
        fg_props_update(p, &w, "OPRS", NULL, 1.0);
        nap_ms(5);
    }
    assert_false(fg_props_connected(p));
    fg_props_update(p, &w, "OPRS", NULL, 2.5); /* before the 2 s are up */
    struct pollfd pfd = {srv, POLLIN, 0};
    assert_int_equal(poll(&pfd, 1, 50), 0);
    c = accept_after_updates(srv, p, &w, 3.5);
    receive(c, p, &w, 3.6, buf, sizeof buf);
    assert_true(strncmp(buf, "data\r\n", 6) == 0);
    assert_non_null(strstr(buf, "OVC012"));
    assert_int_equal(fg_props_skies_sent(p), 3);
    close(c);
    close(srv);
    fg_props_close(p);
}

/* Over the link: the beacon with the sky, and moved when the exercise's
 * point moves (the figure eight's second point), the sky unchanged. */
static void the_beacon_follows_the_exercises_point_over_the_link(void **state)
{
    (void)state;
    int srv;
    fg_props *p = link_to_listener(&srv);
    sortie_weather w = sample();
    fgscene_marker m = {1, 34.01192, 71.9863, 1050.0};
    marker_now = &m;
    int c = accept_after_updates(srv, p, &w, 0.0);
    char buf[4096];
    receive(c, p, &w, 0.1, buf, sizeof buf);
    assert_non_null(strstr(buf, "set /saqr/ground-point/latitude-deg 34.0119200\r\n"));
    assert_non_null(strstr(buf, "set /models/model[900]/load true\r\n"));
    assert_int_equal(receive(c, p, &w, 0.2, buf, sizeof buf), 0); /* the same: nothing */
    m.lon_deg = 71.99632;
    receive(c, p, &w, 0.3, buf, sizeof buf);
    assert_non_null(strstr(buf, "set /saqr/ground-point/longitude-deg 71.9963200\r\n"));
    assert_null(strstr(buf, "data\r\n"));
    marker_now = NULL; /* the lesson over: buried */
    receive(c, p, &w, 0.4, buf, sizeof buf);
    assert_non_null(strstr(buf, "set /saqr/ground-point/elevation-ft -10000.0\r\n"));
    assert_null(strstr(buf, "latitude-deg 34"));
    close(c);
    close(srv);
    fg_props_close(p);
}

static void nobody_listening_is_not_an_error_and_bad_addresses_are_refused(void **state)
{
    (void)state;
    int port;
    int srv = loopback_socket(SOCK_STREAM, &port);
    close(srv); /* the port is free now: connections are refused */
    fg_props *p = NULL;
    saqr_err err = {""};
    assert_int_equal(fg_props_open("127.0.0.1", port, &p, &err), SAQR_OK);
    sortie_weather w = sample();
    for (int i = 0; i < 10; i++)
        fg_props_update(p, &w, "OPRS", NULL, 0.5 * i);
    assert_false(fg_props_connected(p));
    assert_int_equal(fg_props_skies_sent(p), 0);
    fg_props_close(p);
    fg_props_close(NULL);
    fg_props_update(NULL, &w, "OPRS", NULL, 0.0);

    assert_int_equal(fg_props_open("127.0.0.1", 0, &p, &err), SAQR_EINVAL);
    assert_non_null(strstr(err.msg, "port 0"));
    assert_int_equal(fg_props_open("127.0.0.1", 70000, &p, &err), SAQR_EINVAL);
    assert_int_equal(fg_props_open("bad host;rm", 5401, &p, &err), SAQR_EINVAL);
    assert_non_null(strstr(err.msg, "bad host name"));
    assert_int_equal(fg_props_open("no-such-host.invalid", 5401, &p, &err), SAQR_ENOTFOUND);
    assert_null(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_metar_carries_wind_visibility_rain_cloud_temperature_and_qnh),
        cmocka_unit_test(the_property_server_is_given_the_metar_the_visibility_and_the_time_of_day),
        cmocka_unit_test(a_ground_reference_point_stands_a_beacon_on_it),
        cmocka_unit_test(the_beacon_follows_the_exercises_point_over_the_link),
        cmocka_unit_test(the_link_sends_the_sky_once_then_each_change_and_again_after_a_reconnect),
        cmocka_unit_test(nobody_listening_is_not_an_error_and_bad_addresses_are_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
