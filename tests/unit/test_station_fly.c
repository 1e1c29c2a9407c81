/*
 * test_station_fly.c - a lesson flown in real time grades exactly as the
 * same lesson flown headless (the same frames, pilot, grader), keeps the
 * loop's frame count equal to the sortie's frames, and streams FlightGear
 * packets (version 24, 408 bytes) at 60 per simulated second.  The clock
 * is a fake one, so the test takes no wall time and is deterministic.
 */
#include "test_util.h"

#include <SDL.h>
#include <arpa/inet.h>
#include <math.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sched.h>
#include <sys/socket.h>
#include <unistd.h>

#include "rt_allowed.h"
#include "loopback_socket.h"
#include "virtual_joystick.h"
#include "station/fgmp.h"
#include "station/fgnet.h"
#include "station/rt_priority.h"
#include "station/station_fly.h"
#include "train/record.h"


typedef struct fake_clock {
    double now_s;
} fake_clock;

static double fake_now(void *user)
{
    return ((fake_clock *)user)->now_s;
}

static void fake_sleep(void *user, double t_s)
{
    fake_clock *c = user;
    if (t_s > c->now_s)
        c->now_s = t_s;
}

static void load(lesson *l, airport_db *db)
{
    saqr_err err;
    err_clear(&err);
    assert_int_equal(airport_db_load(SAQR_DATA_DIR "/airports.xml", db, &err), SAQR_OK);
    assert_int_equal(lesson_load(SAQR_ROOT_DIR "/lessons/super-mushak/steep-turns.xml", NULL, l, &err), SAQR_OK);
}

static void real_time_grades_exactly_as_headless_and_feeds_flightgear(void **state)
{
    (void)state;
    lesson l;
    airport_db db;
    load(&l, &db);
    sortie_opts o = {SAQR_ROOT_DIR, &db, NULL, "reference", 20.0, NULL, NULL};
    saqr_err err;
    err_clear(&err);
    grade_sheet headless, live;
    double headless_s, live_s;
    assert_int_equal(sortie_fly_timed(&l, &o, &headless, &headless_s, &err), SAQR_OK);

    /* FlightGear stands in as a UDP socket on loopback */
    int fg_port;
    int sock = loopback_socket(SOCK_DGRAM, &fg_port);
    int rcvbuf = 8 << 20;
    setsockopt(sock, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf);

    fake_clock fc = {100.0};
    rt_clock clock = {fake_now, fake_sleep, &fc};
    /* and its property server as a TCP listener: the lesson's sky */
    int props_port;
    int props = loopback_socket(SOCK_STREAM, &props_port);
    station_fly_opts so = {clock, 1.0, "127.0.0.1", fg_port, 60.0, NULL, NULL, 0, props_port, 0, NULL};
    station_fly_report rep;
    assert_int_equal(station_fly(&l, &o, &so, &live, &live_s, &rep, &err), SAQR_OK);
    assert_int_equal(rep.fg_skies, 1);
    int fgp = accept(props, NULL, NULL);
    assert_true(fgp >= 0);
    char sky[2048];
    ssize_t got = recv(fgp, sky, sizeof sky - 1, MSG_DONTWAIT);
    assert_true(got > 0);
    sky[got] = '\0';
    assert_true(strncmp(sky, "data\r\n", 6) == 0);
    assert_non_null(strstr(sky, "set /environment/metar/data OPRS 011200Z 00000KT 9999 SKC 15/07 Q1013\r\n"));
    close(fgp);
    close(props);

    /* the same sheet, element by element */
    assert_true(live_s == headless_s);
    assert_int_equal(live.result, headless.result);
    assert_int_equal(live.nelements, headless.nelements);
    for (int i = 0; i < live.nelements; i++) {
        assert_int_equal(live.elements[i].mark, headless.elements[i].mark);
        /* the same bits (an instructor's item has no measure: NaN both) */
        assert_memory_equal(&live.elements[i].worst, &headless.elements[i].worst, sizeof(double));
    }
    /* real time: one loop frame per aircraft frame, wall time = sim time */
    assert_int_equal(rep.loop.overruns, 0);
    assert_int_equal(rep.loop.dropped_frames, 0);
    assert_true(fabs(fc.now_s - 100.0 - live_s) < 0.02);
    /* FlightGear: 60 packets per simulated second, each a v24 packet */
    assert_true(fabs((double)rep.fg_sent - live_s * 60.0) <= 2.0);
    assert_int_equal(rep.fg_failed, 0);
    unsigned char buf[1024];
    ssize_t n = recv(sock, buf, sizeof buf, MSG_DONTWAIT);
    assert_int_equal(n, FGNET_PACKET_BYTES);
    assert_int_equal(((unsigned)buf[0] << 24) | ((unsigned)buf[1] << 16) | ((unsigned)buf[2] << 8) | buf[3], 24);
    close(sock);
    sheet_free(&live);
    sheet_free(&headless);
    lesson_free(&l);
    airport_db_free(&db);
}

/* A fake clock that asks the flight to stop once it reaches stop_at_s. */
typedef struct stopping_clock {
    fake_clock c;
    double stop_at_s;
    volatile int stop;
} stopping_clock;

static void stopping_sleep(void *user, double t_s)
{
    stopping_clock *c = user;
    fake_sleep(&c->c, t_s);
    if (c->c.now_s >= c->stop_at_s)
        c->stop = 1;
}

/* A formation lesson flown in real time with FlightGear's multiplayer
 * input for 3 s: the lead's messages 20 a simulated second, with the model
 * asked for; the input without FlightGear's host, or a model that cannot
 * be sent, refused before anything flies. */
static void a_formations_lead_goes_to_flightgears_multiplayer_input(void **state)
{
    (void)state;
    lesson l;
    airport_db db;
    saqr_err err;
    err_clear(&err);
    assert_int_equal(airport_db_load(SAQR_DATA_DIR "/airports.xml", &db, &err), SAQR_OK);
    assert_int_equal(lesson_load(SAQR_ROOT_DIR "/lessons/super-mushak/formation.xml", NULL, &l, &err), SAQR_OK);
    sortie_opts o = {SAQR_ROOT_DIR, &db, NULL, "reference", 20.0, NULL, NULL};
    int fg_port, mp_port;
    int fg = loopback_socket(SOCK_DGRAM, &fg_port), mp = loopback_socket(SOCK_DGRAM, &mp_port);
    int rcvbuf = 1 << 20;
    setsockopt(fg, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf);
    setsockopt(mp, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf);
    stopping_clock sc = {{100.0}, 103.0, 0};
    rt_clock clock = {fake_now, stopping_sleep, &sc};
    station_fly_opts so = {clock, 1.0, "127.0.0.1", fg_port, 60.0, &sc.stop, NULL, 0, 0, mp_port,
                           "Aircraft/JF-17/Models/JF-17.xml"};
    station_fly_report rep;
    grade_sheet sheet;
    double flown_s;
    assert_int_equal(station_fly(&l, &o, &so, &sheet, &flown_s, &rep, &err), SAQR_OK);
    sheet_free(&sheet);
    unsigned char buf[512];
    ssize_t n;
    int got = 0;
    while ((n = recv(mp, buf, sizeof buf, MSG_DONTWAIT)) > 0) {
        assert_int_equal(n, FGMP_PACKET_BYTES);
        got++;
    }
    printf("%.1f s flown: %lu lead messages sent, %d received\n", flown_s, rep.lead_sent, got);
    assert_true(rep.stopped && flown_s > 2.9 && flown_s < 3.1);
    assert_true(fabs((double)got - 20.0 * flown_s) <= 2.0);
    assert_int_equal((unsigned long)got, rep.lead_sent);
    assert_string_equal((const char *)buf + 24, "LEAD");
    assert_string_equal((const char *)buf + FGMP_HEADER_BYTES, "Aircraft/JF-17/Models/JF-17.xml");
    /* refused */
    so.fg_host = NULL;
    assert_int_equal(station_fly(&l, &o, &so, &sheet, &flown_s, &rep, &err), SAQR_EINVAL);
    assert_non_null(strstr(err.msg, "multiplayer input needs FlightGear's host"));
    sheet_free(&sheet);
    so.fg_host = "127.0.0.1";
    so.fg_mp_model = "Aircraft/my lead.xml";
    assert_int_equal(station_fly(&l, &o, &so, &sheet, &flown_s, &rep, &err), SAQR_EINVAL);
    assert_non_null(strstr(err.msg, "the lead's model for FlightGear"));
    sheet_free(&sheet);
    close(fg);
    close(mp);
    lesson_free(&l);
    airport_db_free(&db);
}

/* The steep turns flown with the stop already requested (the loop stops
 * at once), asking for real-time priority `rt_priority` (0: none). */
static int fly_stopped_at_once(int rt_priority, station_fly_report *rep, grade_sheet *s, double *flown_s)
{
    lesson l;
    airport_db db;
    load(&l, &db);
    sortie_opts o = {SAQR_ROOT_DIR, &db, NULL, "reference", 20.0, NULL, NULL};
    fake_clock fc = {0.0};
    rt_clock clock = {fake_now, fake_sleep, &fc};
    static volatile int stop = 1;
    station_fly_opts so = {clock, 1.0, NULL, 0, 0.0, &stop, NULL, rt_priority, 0, 0, NULL};
    saqr_err err;
    err_clear(&err);
    int st = station_fly(&l, &o, &so, s, flown_s, rep, &err);
    lesson_free(&l);
    airport_db_free(&db);
    return st;
}

static void a_stop_request_ends_the_sortie_early_and_it_is_graded_as_far_as_it_went(void **state)
{
    (void)state;
    station_fly_report rep;
    grade_sheet s;
    double flown_s;
    assert_int_equal(fly_stopped_at_once(0, &rep, &s, &flown_s), SAQR_OK);
    assert_int_equal(rep.stopped, 1);
    assert_true(flown_s < 1.0);
    assert_int_equal(s.result, SORTIE_INCOMPLETE); /* nothing observed: neither pass nor failure */
    sheet_free(&s);
}

typedef struct prio_flight {
    station_fly_report rep;
    int status, policy_after;
} prio_flight;

/* A flight stopped at once, asking real-time priority 10, on a thread of
 * its own (the test program's scheduling is left alone). */
static void *fly_with_priority(void *arg)
{
    prio_flight *pf = arg;
    grade_sheet s;
    double flown_s;
    pf->status = fly_stopped_at_once(RT_PRIORITY_DEFAULT, &pf->rep, &s, &flown_s);
    struct sched_param p;
    pthread_getschedparam(pthread_self(), &pf->policy_after, &p);
    sheet_free(&s);
    return NULL;
}

/* The flight's thread flies at real-time priority where the system allows
 * it (rt_allowed.h), says why not where it does not, and is ordinary work
 * again once the flight is over (grading is not real time). */
static void the_flight_runs_at_real_time_priority_where_allowed_and_then_as_before(void **state)
{
    (void)state;
    prio_flight pf;
    memset(&pf, 0, sizeof pf);
    pthread_t t;
    assert_int_equal(pthread_create(&t, NULL, fly_with_priority, &pf), 0);
    assert_int_equal(pthread_join(t, NULL), 0);
    assert_int_equal(pf.status, SAQR_OK);
    if (test_rt_allowed(RT_PRIORITY_DEFAULT)) {
        assert_int_equal(pf.rep.rt_priority, RT_PRIORITY_DEFAULT);
        assert_string_equal(pf.rep.rt_refused, "");
    } else {
        assert_int_equal(pf.rep.rt_priority, 0);
        assert_non_null(strstr(pf.rep.rt_refused, "refused"));
    }
    assert_int_equal(pf.policy_after, SCHED_OTHER);
}

static void a_trainee_with_no_input_device_flies_hands_off(void **state)
{
    (void)state;
    lesson l;
    airport_db db;
    load(&l, &db);
    sortie_opts o = {SAQR_ROOT_DIR, &db, NULL, "trainee", 20.0, NULL, NULL};
    fake_clock fc = {0.0};
    rt_clock clock = {fake_now, fake_sleep, &fc};
    station_fly_opts so = {clock, 1.0, NULL, 0, 0.0, NULL, SAQR_DATA_DIR "/controls.xml", 0, 0, 0, NULL};
    station_fly_report rep;
    grade_sheet s;
    double flown_s;
    saqr_err err;
    err_clear(&err);
    int st = station_fly(&l, &o, &so, &s, &flown_s, &rep, &err);
    if (st)
        fail_msg("%s", err.msg);
    /* no pilot, no stick: the trimmed aircraft does not fly the steep
     * turn, so the turn's elements are not observed */
    assert_int_equal(rep.devices, 0);
    assert_int_equal(s.result, SORTIE_UNSAT);
    assert_true(flown_s > 10.0);
    sheet_free(&s);
    lesson_free(&l);
    airport_db_free(&db);
}

/* The fake clock, which moves the virtual device's throttle axis (3) to
 * `raw` 1 s into the sortie (the loop calls its sleep every frame). */
typedef struct lever_clock {
    fake_clock c;
    int device;  /* SDL device index of the virtual device */
    Sint16 raw;  /* the throttle axis's reading from 1 s on */
    int moved;
} lever_clock;

static void lever_sleep(void *user, double t_s)
{
    lever_clock *lc = user;
    fake_sleep(&lc->c, t_s);
    if (lc->moved || t_s < 1.0)
        return;
    virtual_joystick_axis(lc->device, 3, lc->raw);
    lc->moved = 1;
}

/* A recorded trainee's sortie of `lesson_file` (under lessons/; cut to
 * max_s when above 0) flown in real time on the fake clock with the
 * controls file `controls` and the virtual device `device`, whose
 * throttle axis goes to `raw` at 1 s: the recording in *r (the caller
 * frees it), its time and throttle channels in *t and *thr. */
static void fly_with_lever(const char *lesson_file, double max_s, const char *controls, int device, Sint16 raw,
                           rec_data *r, int *t, int *thr)
{
    lesson l;
    airport_db db;
    saqr_err err;
    err_clear(&err);
    char path[512];
    snprintf(path, sizeof path, "%s/lessons/%s", SAQR_ROOT_DIR, lesson_file);
    assert_int_equal(airport_db_load(SAQR_DATA_DIR "/airports.xml", &db, &err), SAQR_OK);
    assert_int_equal(lesson_load(path, NULL, &l, &err), SAQR_OK);
    if (max_s > 0.0)
        l.max_s = max_s;
    char dir[] = "/tmp/saqr-test-lever-XXXXXX", rec_path[64];
    assert_non_null(mkdtemp(dir));
    snprintf(rec_path, sizeof rec_path, "%s/s.rec", dir);
    sortie_opts o = {SAQR_ROOT_DIR, &db, rec_path, "trainee", 20.0, NULL, NULL};
    lever_clock lc = {{0.0}, device, raw, 0};
    rt_clock clock = {fake_now, lever_sleep, &lc};
    station_fly_opts so = {clock, 1.0, NULL, 0, 0.0, NULL, controls, 0, 0, 0, NULL};
    station_fly_report rep;
    grade_sheet s;
    double flown_s;
    if (station_fly(&l, &o, &so, &s, &flown_s, &rep, &err))
        fail_msg("%s", err.msg);
    assert_true(lc.moved);
    assert_true(rep.devices >= 1);
    assert_int_equal(rec_read(rec_path, r, &err), SAQR_OK);
    *t = *thr = -1;
    for (int i = 0; i < r->nch; i++) {
        if (strcmp(r->ch[i].name, "t-s") == 0)
            *t = i;
        if (strcmp(r->ch[i].name, "throttle") == 0)
            *thr = i;
    }
    assert_true(*t >= 0 && *thr >= 0);
    sheet_free(&s);
    remove(rec_path);
    rmdir(dir);
    lesson_free(&l);
    airport_db_free(&db);
}

/* The unusual attitudes with a stick: the trainee closes the throttle
 * while the instructor flies the spiral at 0.8 and leaves it there; the
 * recording shows the instructor's 0.8 until the hand-over and the
 * trainee's idle from the frame after it. */
static void at_the_hand_over_the_aircraft_takes_the_trainees_stick(void **state)
{
    (void)state;
    int stick = virtual_joystick_attach(SDL_JOYSTICK_TYPE_FLIGHT_STICK, "Saqr Test Stick", 4, 4);
    rec_data r;
    int t, thr;
    /* axis 3 is the throttle, inverted (data/controls.xml): back is idle */
    fly_with_lever("super-mushak/unusual-attitudes.xml", 0.0, SAQR_DATA_DIR "/controls.xml", stick, 32767, &r, &t,
                   &thr);
    double handed_s = -1.0;
    for (size_t i = 0; i < r.nevents && handed_s < 0.0; i++)
        if (strcmp(r.events[i].kind, "control") == 0 && r.events[i].value == 0.0)
            handed_s = r.events[i].t_s;
    assert_true(handed_s > 2.0);
    int before = 0, after = 0;
    for (size_t k = 0; k < r.nframes; k++) {
        double tk = r.values[k * (size_t)r.nch + (size_t)t], v = r.values[k * (size_t)r.nch + (size_t)thr];
        if (tk > 1.5 && tk < handed_s - 0.05) {
            assert_near(v, 0.8, 1e-6); /* the instructor's, the lever at idle */
            before++;
        } else if (tk > handed_s + 0.05 && tk < handed_s + 5.0) {
            assert_near(v, 0.0, 1e-6); /* the trainee's lever, unmoved since */
            after++;
        }
    }
    assert_true(before > 10 && after > 10);
    rec_data_free(&r);
    virtual_joystick_detach(stick);
}

/* A throttle quadrant whose afterburner gate is at 85% of its travel
 * (reheat-detent=0.85), flown in the JF-17 (military detent 0.8): with the
 * lever at the gate, the aircraft's throttle command is military power. */
static void a_quadrants_afterburner_gate_gives_the_jf17_military_power(void **state)
{
    (void)state;
    int quadrant = virtual_joystick_attach(SDL_JOYSTICK_TYPE_THROTTLE, "Saqr Test Quadrant", 4, 0);
    char dir[] = "/tmp/saqr-test-gate-XXXXXX", cfg_path[64];
    assert_non_null(mkdtemp(dir));
    snprintf(cfg_path, sizeof cfg_path, "%s/controls.xml", dir);
    write_gated_quadrant_controls(cfg_path);
    rec_data r;
    int t, thr;
    fly_with_lever("jf17/landing.xml", 4.0, cfg_path, quadrant, QUADRANT_GATE_RAW, &r, &t, &thr);
    int at_gate = 0;
    for (size_t k = 0; k < r.nframes; k++) {
        double tk = r.values[k * (size_t)r.nch + (size_t)t], v = r.values[k * (size_t)r.nch + (size_t)thr];
        if (tk > 1.5) {
            assert_near(v, 0.8, 2.0 / 32767.0); /* the gate is the JF-17's military detent */
            at_gate++;
        }
    }
    assert_true(at_gate > 10);
    rec_data_free(&r);
    remove(cfg_path);
    rmdir(dir);
    virtual_joystick_detach(quadrant);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(real_time_grades_exactly_as_headless_and_feeds_flightgear),
        cmocka_unit_test(a_formations_lead_goes_to_flightgears_multiplayer_input),
        cmocka_unit_test(the_flight_runs_at_real_time_priority_where_allowed_and_then_as_before),
        cmocka_unit_test(a_stop_request_ends_the_sortie_early_and_it_is_graded_as_far_as_it_went),
        cmocka_unit_test(a_trainee_with_no_input_device_flies_hands_off),
        cmocka_unit_test(at_the_hand_over_the_aircraft_takes_the_trainees_stick),
        cmocka_unit_test(a_quadrants_afterburner_gate_gives_the_jf17_military_power),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
