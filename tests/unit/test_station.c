/*
 * test_station.c - the simulator behind the instructor station
 * (src/station/station.h), driven frame by frame on the test's thread:
 * idle until a lesson starts; a lesson flown through the station grades as
 * the same lesson flown headless and is stored with its trainee and
 * instructor; total freeze stops time; an engine failure makes the RPM
 * fall; the trainee's controls reach the aircraft; a navigation lesson's
 * leg is followed live, and a diversion called from the station; a
 * replay shows the past without time running; bad commands are refused
 * and the station goes on.
 */
#include "test_util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "db_test_util.h"
#include "rt_allowed.h"
#include "loopback_socket.h"
#include "virtual_joystick.h"
#include "math/angle.h"
#include "math/units.h"
#include "records/records.h"
#include "station/fgmp.h"
#include "station/station_flight.h"
#include "station/protocol.h"
#include "station/station.h"
#include "train/lesson_route.h"
#include "train/record.h"
#include "util/file.h"
#include "util/mem.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>


typedef struct fixture {
    char dir[256], db_url[512];
    airport_db airports;
    station *st;
    uint64_t errors_seen; /* station messages assert_last_error has read */
} fixture;

static double no_clock(void *user)
{
    (void)user;
    return 0.0;
}

static void no_sleep(void *user, double t_s)
{
    (void)user;
    (void)t_s;
}

/* The station, on the fixture's work folder and records, driven by
 * `clock` and asking real-time priority `rt_priority` when started. */
static void create_station_with(fixture *f, rt_clock clock, int rt_priority)
{
    saqr_err err = {""};
    char work[300];
    snprintf(work, sizeof work, "%s/work", f->dir);
    station_config c = {SAQR_ROOT_DIR, SAQR_ROOT_DIR "/lessons", &f->airports, f->db_url, work, NULL, clock, 30.0,
                        NULL, 0, NULL, rt_priority, 0, 0, NULL};
    if (station_create(&c, &f->st, &err))
        fail_msg("%s", err.msg);
    f->errors_seen = 0;
}

/* The station as most tests drive it: frames run by hand, no clock. */
static void create_station(fixture *f)
{
    rt_clock clock = {no_clock, no_sleep, NULL};
    create_station_with(f, clock, 0);
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    saqr_err err = {""};
    snprintf(f->dir, sizeof f->dir, "/tmp/saqr-test-station-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    snprintf(f->db_url, sizeof f->db_url, "sqlite://%s/records.db", f->dir);
    rdb *db;
    assert_int_equal(rdb_open(f->db_url, &db, &err), SAQR_OK);
    int changed;
    assert_int_equal(records_syllabus_sync(db, SAQR_ROOT_DIR "/lessons", &changed, &err), SAQR_OK);
    assert_int_equal(records_trainee_add(db, "PAF-1", "Plt Off One", "super-mushak", "2026-11-29T08:00:00Z", NULL,
                                         &err),
                     SAQR_OK);
    assert_int_equal(records_instructor_add(db, "INS-1", "Sqn Ldr One", NULL, &err), SAQR_OK);
    rdb_close(db);
    assert_int_equal(airport_db_load(SAQR_DATA_DIR "/airports.xml", &f->airports, &err), SAQR_OK);
    create_station(f);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    station_destroy(f->st);
    airport_db_free(&f->airports);
    db_test_remove_tree(f->dir);
    free(f);
    return 0;
}

static void run(fixture *f, double seconds)
{
    saqr_err err = {""};
    long n = (long)(seconds * 120.0 + 0.5);
    assert_int_equal(station_run_frames(f->st, n, &err), SAQR_OK);
}

/* Waits for the ended sorties' grading, debrief pages and records (the
 * station's finishing thread), then publishes a snapshot with them. */
static void settle(fixture *f)
{
    run(f, 4.0 / 120.0); /* the commands waiting */
    station_wait_finished(f->st);
    run(f, 4.0 / 120.0);
}

static station_snapshot snap(fixture *f)
{
    station_snapshot n;
    station_snapshot_get(f->st, &n);
    return n;
}

static void submit(fixture *f, station_cmd c)
{
    saqr_err err = {""};
    assert_int_equal(station_submit(f->st, &c, &err), SAQR_OK);
}

static station_cmd start_cmd(const char *lesson_id, const char *pilot, const char *trainee)
{
    station_cmd c;
    memset(&c, 0, sizeof c);
    c.kind = SCMD_START;
    snprintf(c.lesson, sizeof c.lesson, "%s", lesson_id);
    snprintf(c.pilot, sizeof c.pilot, "%s", pilot);
    if (trainee) {
        snprintf(c.trainee_number, sizeof c.trainee_number, "%s", trainee);
        snprintf(c.trainee_name, sizeof c.trainee_name, "Plt Off One");
        snprintf(c.instructor_number, sizeof c.instructor_number, "INS-1");
    }
    snprintf(c.started_utc, sizeof c.started_utc, "2026-11-29T09:00:00Z");
    return c;
}

static station_cmd simple(station_cmd_kind k)
{
    station_cmd c;
    memset(&c, 0, sizeof c);
    c.kind = k;
    return c;
}

/* A replay of the last `seconds` at `speed`. */
static station_cmd replay_cmd(double seconds, double speed)
{
    station_cmd c = simple(SCMD_REPLAY);
    c.replay_s = seconds;
    c.replay_speed = speed;
    return c;
}

static station_cmd malfunction(int which, int on)
{
    station_cmd c = simple(SCMD_MALFUNCTION);
    c.malfunction = which;
    c.on = on;
    return c;
}

/* Since the last call, the station said an error containing `says` (a
 * sortie ended earlier may tell its grade from the finishing thread
 * after it). */
static void assert_last_error(fixture *f, const char *says)
{
    char last[600] = "", tmp[600];
    int is_error = 0, e, found = 0;
    while (station_message(f->st, &f->errors_seen, tmp, sizeof tmp, &e)) {
        snprintf(last, sizeof last, "%s", tmp);
        is_error = e;
        found |= e && strstr(tmp, says) != NULL;
    }
    if (!found)
        fail_msg("no new error with \"%s\"; the last station message \"%s\" (%s)", says, last,
                 is_error ? "error" : "notice");
}

/* Some notice (not an error) of the station's so far contains `says`. */
static void assert_told(fixture *f, const char *says)
{
    uint64_t cur = 0;
    char tmp[600];
    int e;
    while (station_message(f->st, &cur, tmp, sizeof tmp, &e))
        if (!e && strstr(tmp, says))
            return;
    fail_msg("no station notice with \"%s\"", says);
}

static void idle_the_aircraft_stands_ready_and_time_does_not_run(void **state)
{
    fixture *f = *state;
    run(f, 1.0);
    station_snapshot n = snap(f);
    assert_int_equal(n.status, STATION_IDLE);
    assert_string_equal(n.aircraft, "super-mushak");
    assert_true(n.ins.on_ground);
    assert_true(n.ins.ias_kt < 1.0);
    assert_true(n.fg_stream == 0 && n.fg_packets == 0 && n.fg_sky == -1); /* no FlightGear */
    double t0 = n.ins.t_s;
    run(f, 1.0);
    assert_true(snap(f).ins.t_s == t0);
    assert_true(snap(f).seq > n.seq); /* still published */
    /* instructor commands need a sortie */
    station_cmd c = simple(SCMD_PAUSE);
    submit(f, c);
    run(f, 0.1);
    assert_last_error(f, "start a lesson first");
}

/* Started for real (the machine's clock), the simulation thread asks for
 * real-time priority 10: granted where the system allows it (rt_allowed.h),
 * and then shown in the snapshot; refused, the thread flies on as
 * ordinary work and the station says why. */
static void the_simulation_thread_runs_at_real_time_priority_where_allowed(void **state)
{
    fixture *f = *state;
    station_destroy(f->st);
    create_station_with(f, rt_clock_monotonic(), 10);
    saqr_err err = {""};
    assert_int_equal(station_start(f->st, &err), SAQR_OK);
    station_snapshot n = snap(f);
    for (int k = 0; k < 200 && n.loop.frames < 12; k++) { /* a tenth of a second flown */
        struct timespec ts = {0, 5000000L};
        nanosleep(&ts, NULL);
        n = snap(f);
    }
    assert_true(n.loop.frames >= 12);
    const char *refused = "unset";
    int granted = station_rt_priority(f->st, &refused);
    if (test_rt_allowed(10)) {
        assert_int_equal(granted, 10);
        assert_null(refused);
        assert_int_equal(n.rt_priority, 10);
    } else {
        assert_int_equal(granted, 0);
        assert_non_null(refused);
        assert_non_null(strstr(refused, "refused"));
        assert_int_equal(n.rt_priority, 0);
        assert_told(f, "the simulation thread runs as ordinary work");
    }
}

/* The gauge of the fuel flow reads in the fuel's own unit (kg/h beside
 * kg), so the endurance is the one over the other: the engine model's
 * flow (JSBSim's lb/h) by the pound's definition, 0.45359237 kg. */
static void the_fuel_flow_reads_in_kilograms_an_hour_like_the_fuel(void **state)
{
    fixture *f = *state;
    submit(f, start_cmd("super-mushak/straight-and-level", "trainee", NULL));
    run(f, 2.0);
    station_snapshot n = snap(f);
    const station_gauge *flow = NULL, *fuel = NULL;
    for (int k = 0; k < n.ngauges; k++) {
        if (strcmp(n.gauges[k].id, "fuel_flow_kgph") == 0)
            flow = &n.gauges[k];
        if (strcmp(n.gauges[k].id, "fuel_kg") == 0)
            fuel = &n.gauges[k];
    }
    assert_non_null(flow);
    assert_non_null(fuel);
    assert_string_equal(flow->unit, "kg/h");
    assert_string_equal(fuel->unit, "kg");
    assert_true(n.ins.fuel_flow_pph > 20.0); /* cruising: the engine burns */
    assert_true(fabs(flow->value - n.ins.fuel_flow_pph * 0.45359237) < 1e-9 * n.ins.fuel_flow_pph);
    assert_true(flow->value < flow->max);
}

/* Lined up on the runway with the throttle closed, the engine idles from
 * the first frame: the initial conditions start it at full throttle
 * (JSBSim's InitRunning), and the station waiting to start would show
 * take-off power on a parked aircraft.  What it shows is where the engine
 * stays, left alone at idle for 10 s, for both aircraft. */
static void lined_up_on_the_runway_the_engine_idles_from_the_first_frame(void **state)
{
    fixture *f = *state;
    run(f, 0.1);
    station_snapshot n = snap(f);
    assert_int_equal(n.status, STATION_IDLE);
    assert_true(n.ins.throttle == 0.0);
    assert_true(n.ins.rpm < 1200.0);          /* not the 2,700 of take-off power */
    assert_true(n.ins.manifold_inhg < 15.0);  /* nor its 28 inHg */
    const struct {
        const char *lesson;
        int turbine;
    } cases[] = {{"super-mushak/takeoff-and-departure", 0}, {"jf17/afterburner-takeoff", 1}};
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        submit(f, start_cmd(cases[k].lesson, "trainee", NULL));
        run(f, 0.1);
        n = snap(f);
        assert_int_equal(n.status, STATION_RUNNING);
        double first = cases[k].turbine ? n.ins.n2_pct : n.ins.rpm;
        run(f, 10.0);
        n = snap(f);
        double later = cases[k].turbine ? n.ins.n2_pct : n.ins.rpm;
        if (!(fabs(later - first) < (cases[k].turbine ? 2.0 : 30.0)))
            fail_msg("%s: the engine started at %g and was at %g 10 s later", cases[k].lesson, first, later);
        if (cases[k].turbine && !(first < 80.0))
            fail_msg("%s: N2 %g %% at idle", cases[k].lesson, first);
    }
}

/* The last debrief, copied out of the station. */
typedef struct seen_debrief {
    grade_sheet copy;
    long long id;
    char path[1200];
} seen_debrief;

static void grab(const grade_sheet *sheet, long long id, const char *path, void *user)
{
    seen_debrief *s = user;
    s->copy = *sheet;
    s->copy.elements = malloc((size_t)sheet->nelements * sizeof *sheet->elements);
    memcpy(s->copy.elements, sheet->elements, (size_t)sheet->nelements * sizeof *sheet->elements);
    s->id = id;
    snprintf(s->path, sizeof s->path, "%s", path);
}

/* Flown through the station, a lesson grades as flown headless. */
static void a_lesson_flown_through_the_station_grades_as_headless_and_is_stored(void **state)
{
    fixture *f = *state;
    lesson l;
    saqr_err err = {""};
    assert_int_equal(lesson_load(SAQR_ROOT_DIR "/lessons/super-mushak/steep-turns.xml", NULL, &l, &err), SAQR_OK);
    sortie_opts o = {SAQR_ROOT_DIR, &f->airports, NULL, "reference", 20.0, NULL, NULL};
    grade_sheet headless;
    assert_int_equal(sortie_fly(&l, &o, &headless, &err), SAQR_OK);

    submit(f, start_cmd("super-mushak/steep-turns", "reference", "PAF-1"));
    run(f, 1.0);
    assert_true(snap(f).exercise >= 0);
    assert_string_equal(snap(f).leg_to, ""); /* its exercises fly no leg */
    for (int i = 0; i < 2000 && snap(f).status != STATION_ENDED; i++)
        run(f, 1.0);
    settle(f);
    station_snapshot n = snap(f);
    assert_int_equal(n.status, STATION_ENDED);
    assert_true(n.debrief_seq == 1);

    seen_debrief s;
    memset(&s, 0, sizeof s);
    assert_true(station_with_debrief(f->st, grab, &s));
    assert_int_equal(s.copy.result, headless.result);
    assert_int_equal(s.copy.nelements, headless.nelements);
    for (int i = 0; i < headless.nelements; i++)
        assert_int_equal(s.copy.elements[i].mark, headless.elements[i].mark);
    assert_true(s.id > 0);
    struct stat sb;
    assert_int_equal(stat(s.path, &sb), 0); /* the debrief page */
    assert_true(sb.st_size > 1000);
    free(s.copy.elements);

    rdb *db;
    assert_int_equal(rdb_open(f->db_url, &db, &err), SAQR_OK);
    records_sortie *so;
    int ns;
    assert_int_equal(records_sortie_list(db, "PAF-1", &so, &ns, &err), SAQR_OK);
    assert_int_equal(ns, 1);
    assert_string_equal(so[0].instructor, "INS-1");
    assert_string_equal(so[0].lesson_id, "super-mushak/steep-turns");
    free(so);
    rdb_close(db);
    sheet_free(&headless);
    lesson_free(&l);
}

/* The instructor demonstrates a fault from the station (the pilot
 * "degraded:bank": overbanking): it grades as the same pilot flown
 * headless - the bank fails - and the sheet says who flew it. */
static void a_fault_demonstrated_from_the_station_grades_as_headless(void **state)
{
    fixture *f = *state;
    lesson l;
    saqr_err err = {""};
    assert_int_equal(lesson_load(SAQR_ROOT_DIR "/lessons/super-mushak/steep-turns.xml", NULL, &l, &err), SAQR_OK);
    sortie_opts o = {SAQR_ROOT_DIR, &f->airports, NULL, "degraded:bank", 20.0, NULL, NULL};
    grade_sheet headless;
    assert_int_equal(sortie_fly(&l, &o, &headless, &err), SAQR_OK);
    assert_int_not_equal(headless.result, SORTIE_PASS);

    submit(f, start_cmd("super-mushak/steep-turns", "degraded:bank", "PAF-1"));
    run(f, 1.0);
    assert_string_equal(snap(f).pilot, "degraded:bank");
    for (int i = 0; i < 2000 && snap(f).status != STATION_ENDED; i++)
        run(f, 1.0);
    settle(f);
    seen_debrief s;
    memset(&s, 0, sizeof s);
    assert_true(station_with_debrief(f->st, grab, &s));
    assert_string_equal(s.copy.pilot, "degraded:bank");
    assert_int_equal(s.copy.result, headless.result);
    assert_int_equal(s.copy.nelements, headless.nelements);
    for (int i = 0; i < headless.nelements; i++)
        assert_int_equal(s.copy.elements[i].mark, headless.elements[i].mark);
    free(s.copy.elements);
    sheet_free(&headless);
    lesson_free(&l);
}

/* A navigation lesson's leg, live in a trainee's sortie (where no pilot
 * works out the derived channels): where the aircraft is on the leg, as
 * the leg's geometry places the snapshot's position, and the heading
 * against the flight log's, as the grader has them at each sample. */
static void a_navigation_sortie_shows_the_leg_flown_live(void **state)
{
    fixture *f = *state;
    lesson l;
    saqr_err err = {""};
    assert_int_equal(lesson_load(SAQR_ROOT_DIR "/lessons/super-mushak/navigation.xml", NULL, &l, &err), SAQR_OK);
    const lesson_leg *leg = &l.exercises[0].leg;
    double plan_hdg, plan_gs;
    lesson_leg_plan(leg, l.route.tas_kt, l.setup.wind_from_deg, l.setup.wind_kt, &plan_hdg, &plan_gs);

    submit(f, start_cmd("super-mushak/navigation", "trainee", NULL));
    run(f, 2.0);
    station_snapshot a = snap(f);
    assert_int_equal(a.exercise, 0);
    assert_true(a.exercise_running);
    assert_string_equal(a.leg_to, "Charsadda (town)");
    assert_near(a.leg_course_deg, leg->course_deg, 1e-9);
    run(f, 20.0);
    station_snapshot b = snap(f);
    double along, xtk;
    lesson_leg_locate(leg, b.ins.lat_deg, b.ins.lon_deg, &along, &xtk);
    print_message("leg: %.2f nm off course, %.2f nm to go, %.2f min late, heading %.1f deg off the plan's\n",
                  b.leg.xtk_nm, b.leg.to_go_nm, b.leg.eta_error_min, b.leg.hdg_error_deg);
    /* the latest sample is at most 1/20 s older than the snapshot */
    assert_near(b.leg.xtk_nm, xtk, 0.01);
    assert_near(b.leg.to_go_nm, leg->length_nm - along, 0.01);
    assert_true(a.leg.to_go_nm - b.leg.to_go_nm > 0.5); /* 20 s at ~130 kt over the ground: 0.7 nm */
    assert_near(b.leg.hdg_error_deg, angle_wrap180_deg(b.ins.heading_deg - plan_hdg), 0.5);
    /* the leg began with the sortie, at t = 0 */
    assert_near(b.leg.eta_error_min, (b.ins.t_s - along / plan_gs * 3600.0) / 60.0, 0.002);

    submit(f, simple(SCMD_END));
    run(f, 0.1);
    assert_string_equal(snap(f).leg_to, ""); /* no exercise, no leg */
    lesson_free(&l);
}

/* A ground reference manoeuvre, live: the circle about the exercise's
 * point, its distance from the aircraft as the snapshot's position
 * places it (a plane chart, 1 minute of latitude a mile), and the turns
 * flown about it; the cockpit is not shown the point. */
static void a_turns_around_a_point_sortie_shows_the_circle_live(void **state)
{
    fixture *f = *state;
    lesson l;
    saqr_err err = {""};
    assert_int_equal(lesson_load(SAQR_ROOT_DIR "/lessons/super-mushak/turns-around-a-point.xml", NULL, &l, &err),
                     SAQR_OK);
    const lesson_around *a = &l.exercises[0].around;
    submit(f, start_cmd("super-mushak/turns-around-a-point", "reference", NULL));
    run(f, 30.0);
    station_snapshot b = snap(f);
    assert_int_equal(b.exercise, 0);
    assert_true(b.has_circle);
    assert_near(b.circle.lat_deg, a->lat_deg, 0.0);
    assert_near(b.circle.radius_nm, 0.25, 0.0);
    double n_nm = (b.ins.lat_deg - a->lat_deg) * 60.0,
           e_nm = (b.ins.lon_deg - a->lon_deg) * 60.0 * cos(a->lat_deg * RAD_PER_DEG);
    print_message("circle: %.3f nm from the point (chart %.3f), %.0f deg round\n", b.circle.point_nm,
                  hypot(n_nm, e_nm), b.circle.around_deg);
    assert_near(b.circle.point_nm, hypot(n_nm, e_nm), 0.01);
    assert_true(b.circle.around_deg < -120.0 && b.circle.around_deg > -300.0); /* ~55 s a turn */
    station_snapshot cockpit = b;
    assert_int_equal(proto_cockpit_view(&cockpit), 1);
    assert_false(cockpit.has_circle);
    submit(f, simple(SCMD_END));
    run(f, 0.1);
    assert_false(snap(f).has_circle);
    lesson_free(&l);
}

/* A replay of the last `seconds` at `speed`, started from a flight of
 * `flown` seconds of super-mushak/straight-and-level flown by the
 * reference pilot; returns the sim time the replay began at (the present). */
static double replay_after(fixture *f, double flown, double seconds, double speed)
{
    submit(f, start_cmd("super-mushak/straight-and-level", "reference", NULL));
    run(f, flown);
    double t_now = snap(f).ins.t_s;
    submit(f, replay_cmd(seconds, speed));
    run(f, 1.0 / 30.0);
    return t_now;
}

static station_cmd divert_cmd(const char *to)
{
    station_cmd c = simple(SCMD_DIVERT);
    snprintf(c.divert_to, sizeof c.divert_to, "%s", to);
    return c;
}

/* The instructor calls a diversion a few seconds into the first leg: from
 * the next frame the diversion exercise flies from where the aircraft is
 * to the checkpoint named, told as it happens; one diversion a sortie, to
 * a checkpoint of the route, and none in a lesson without one. */
static void the_instructor_calls_a_diversion_from_the_station(void **state)
{
    fixture *f = *state;
    lesson l;
    saqr_err err = {""};
    assert_int_equal(lesson_load(SAQR_ROOT_DIR "/lessons/super-mushak/diversion.xml", NULL, &l, &err), SAQR_OK);
    const int dx = lesson_diversion_exercise(&l);
    assert_true(dx > 0);
    const lesson_checkpoint *charsadda = &l.route.cp[3];
    assert_string_equal(charsadda->id, "charsadda");

    submit(f, start_cmd("super-mushak/diversion", "trainee", NULL));
    run(f, 4.0);
    /* refused during a replay (the station's button is off then); the
     * replay holds the flight, so 8 s are flown in all, as without it */
    station_cmd replay = replay_cmd(2.0, 1.0);
    submit(f, replay);
    run(f, 0.5);
    assert_true(snap(f).replay);
    submit(f, divert_cmd("charsadda"));
    run(f, 5.0 / 120.0);
    assert_last_error(f, "divert: not during a replay (stop it, then call the diversion)");
    submit(f, simple(SCMD_REPLAY_STOP));
    run(f, 4.0);
    station_snapshot a = snap(f);
    assert_int_equal(a.exercise, 0);
    assert_string_equal(a.leg_to, "Takht-i-Bahi (town, by the ruins)");
    assert_false(a.leg_diversion);
    assert_true(isnan(a.leg_from_lat_deg));
    assert_true(a.divert_open);
    submit(f, divert_cmd("nowhere")); /* no checkpoint of the route: the leg flies on */
    run(f, 5.0 / 120.0);
    assert_last_error(f, "divert: \"nowhere\" is no checkpoint of the lesson's route");
    assert_int_equal(snap(f).exercise, 0);

    station_snapshot before = snap(f);
    submit(f, divert_cmd("charsadda"));
    run(f, 5.0 / 120.0);
    station_snapshot b = snap(f);
    print_message("diversion from %.5f %.5f (aircraft at %.5f %.5f): course %.1f, %.2f nm to go\n",
                  b.leg_from_lat_deg, b.leg_from_lon_deg, before.ins.lat_deg, before.ins.lon_deg, b.leg_course_deg,
                  b.leg.to_go_nm);
    assert_int_equal(b.exercise, dx);
    assert_string_equal(b.exercise_id, "diversion");
    assert_true(b.leg_diversion);
    assert_string_equal(b.leg_to, "Charsadda (town)");
    assert_false(b.divert_open);
    /* it began where the aircraft was: 5 frames at ~2 nm a minute */
    assert_near(b.leg_from_lat_deg, before.ins.lat_deg, 0.002);
    assert_near(b.leg_from_lon_deg, before.ins.lon_deg, 0.002);
    assert_near(b.leg_to_lat_deg, charsadda->lat_deg, 1e-9);
    assert_near(b.leg_to_lon_deg, charsadda->lon_deg, 1e-9);
    /* the leg the lesson's geometry makes from there */
    lesson_leg plan, want;
    assert_true(lesson_leg_divert_plan(&plan, &l.route, 3.0));
    assert_true(lesson_leg_divert(&want, &plan, b.leg_from_lat_deg, b.leg_from_lon_deg));
    assert_near(b.leg_course_deg, want.course_deg, 1e-9);
    assert_near(b.leg.to_go_nm, want.length_nm, 0.05);
    assert_told(f, "the instructor called a diversion to Charsadda (town)");
    assert_told(f, "exercise: Diversion to the alternate");
    run(f, 2.0);
    assert_true(snap(f).leg.to_go_nm < b.leg.to_go_nm + 0.1); /* the values follow the diversion's leg */

    submit(f, divert_cmd("opps")); /* one diversion a sortie */
    run(f, 5.0 / 120.0);
    assert_last_error(f, "divert: the diversion has already begun");
    assert_string_equal(snap(f).leg_to, "Charsadda (town)");

    submit(f, start_cmd("super-mushak/navigation", "trainee", NULL));
    run(f, 2.0);
    assert_false(snap(f).divert_open);
    submit(f, divert_cmd("charsadda"));
    run(f, 5.0 / 120.0);
    assert_last_error(f, "divert: the lesson super-mushak/navigation has no diversion exercise");
    assert_int_equal(snap(f).exercise, 0);

    submit(f, simple(SCMD_END)); /* no sortie: refused before the sortie sees it */
    run(f, 0.1);
    submit(f, divert_cmd("charsadda"));
    run(f, 5.0 / 120.0);
    assert_last_error(f, "no sortie in progress");
    lesson_free(&l);
}

/* The flight's events are told as they happen: each exercise as it
 * starts, and the touch-down with its sink rate - the rate the sheet
 * grades (its sample is up to 1/20 s before the touch-down frame). */
static void the_flights_events_are_told_as_they_happen(void **state)
{
    fixture *f = *state;
    submit(f, start_cmd("jf17/landing", "reference", NULL));
    uint64_t cur = 0;
    char msg[600], told[8][600];
    int is_error, ntold = 0, touchdowns = 0;
    double sink_fpm = NAN;
    for (int i = 0; i < 600 && snap(f).status != STATION_ENDED; i++) {
        run(f, 1.0);
        while (station_message(f->st, &cur, msg, sizeof msg, &is_error)) {
            double fpm;
            if (sscanf(msg, "touch-down, sinking at %lf ft/min", &fpm) == 1) {
                sink_fpm = fpm;
                touchdowns++;
            }
            if (strncmp(msg, "exercise: ", 10) == 0 && ntold < 8)
                snprintf(told[ntold++], sizeof told[0], "%s", msg + 10);
        }
    }
    assert_int_equal(snap(f).status, STATION_ENDED);
    settle(f);
    assert_int_equal(ntold, 2);
    assert_string_equal(told[0], "Stabilised approach to 50 ft");
    assert_string_equal(told[1], "Flare, touch-down and roll-out");
    assert_int_equal(touchdowns, 1);
    grade_sheet copy;
    seen_debrief sd;
    memset(&sd, 0, sizeof sd);
    assert_true(station_with_debrief(f->st, grab, &sd));
    copy = sd.copy;
    double graded = NAN;
    for (int i = 0; i < copy.nelements; i++)
        if (strcmp(copy.elements[i].name, "sink") == 0)
            graded = -copy.elements[i].worst;
    free(copy.elements);
    printf("told: touch-down at %.0f ft/min; graded %.0f ft/min\n", sink_fpm, graded);
    assert_true(sink_fpm > 100.0 && sink_fpm < 600.0);
    assert_true(fabs(sink_fpm - graded) < 100.0);
}

/* A malfunction the lesson causes is told when it happens: the engine
 * failure after take-off, at its point in the climb-out. */
static void a_lessons_malfunction_is_told_when_it_happens(void **state)
{
    fixture *f = *state;
    submit(f, start_cmd("super-mushak/engine-failure-after-takeoff", "reference", NULL));
    uint64_t cur = 0;
    char msg[600];
    int is_error, told = 0, lifted = 0;
    for (int i = 0; i < 240 && !told; i++) {
        run(f, 0.5);
        while (station_message(f->st, &cur, msg, sizeof msg, &is_error)) {
            lifted |= strncmp(msg, "lift-off at ", 12) == 0;
            if (strcmp(msg, "malfunction: engine-failure") == 0) {
                told = 1;
                assert_true(lifted); /* after the lift-off, in the climb */
                assert_true(snap(f).ins.agl_ft > 50.0);
            }
        }
    }
    assert_true(told);
}

/* PAF-1's stored sorties, by start time. */
static records_sortie *stored_sorties(fixture *f, int *n)
{
    saqr_err err = {""};
    rdb *db;
    records_sortie *so;
    assert_int_equal(rdb_open(f->db_url, &db, &err), SAQR_OK);
    assert_int_equal(records_sortie_list(db, "PAF-1", &so, n, &err), SAQR_OK);
    rdb_close(db);
    return so;
}

/* After a second sortie (started 10:00) is stored, the station says it
 * stored the earlier one (09:00, recorded at `path`) too: PAF-1's two
 * sorties by start time, to be freed. */
static records_sortie *earlier_sortie_stored_too(fixture *f, uint64_t *cur, const char *path)
{
    char msg[600];
    int is_error, told = 0;
    while (station_message(f->st, cur, msg, sizeof msg, &is_error))
        told |= !is_error && strstr(msg, "is now stored in the records as sortie") && strstr(msg, path);
    assert_true(told);
    int ns;
    records_sortie *so = stored_sorties(f, &ns);
    assert_int_equal(ns, 2);
    assert_string_equal(so[0].started_at, "2026-11-29T09:00:00Z");
    assert_string_equal(so[1].started_at, "2026-11-29T10:00:00Z");
    return so;
}

/* The records refuse every sortie ("disk full", as a full disk or a
 * server down would), or take them again. */
static void records_refuse(fixture *f, int refuse)
{
    saqr_err err = {""};
    rdb *db;
    assert_int_equal(rdb_open(f->db_url, &db, &err), SAQR_OK);
    const char *sql = refuse ? "CREATE TRIGGER full BEFORE INSERT ON sorties BEGIN SELECT RAISE(ABORT, 'disk full'); END"
                             : "DROP TRIGGER full";
    assert_int_equal(rdb_exec(db, sql, 0, NULL, NULL, &err), SAQR_OK);
    rdb_close(db);
}

/* The records refuse the sortie (a full disk, a server down): the station
 * says so, and how to store it later from its recording, which keeps the
 * lesson and the start time that `saqr sorties add` needs. */
static void a_sortie_the_records_refuse_can_be_stored_later_from_its_recording(void **state)
{
    fixture *f = *state;
    saqr_err err = {""};
    records_refuse(f, 1);

    submit(f, start_cmd("super-mushak/steep-turns", "reference", "PAF-1"));
    for (int i = 0; i < 2000 && snap(f).status != STATION_ENDED; i++)
        run(f, 1.0);
    assert_int_equal(snap(f).status, STATION_ENDED);
    settle(f);
    assert_true(snap(f).debrief_seq == 1); /* graded and debriefed all the same */

    uint64_t cur = 0;
    char msg[600], found[600] = "";
    int is_error;
    while (station_message(f->st, &cur, msg, sizeof msg, &is_error))
        if (is_error && strstr(msg, "NOT stored"))
            snprintf(found, sizeof found, "%s", msg);
    assert_non_null(strstr(found, "disk full"));
    const char *add = strstr(found, "store it later with: saqr sorties add ");
    assert_non_null(add);
    add += strlen("store it later with: saqr sorties add ");
    const char *end = strstr(add, " --trainee PAF-1");
    assert_non_null(end);
    char path[512];
    snprintf(path, sizeof path, "%.*s", (int)(end - add), add);

    rec_data rec;
    assert_int_equal(rec_read(path, &rec, &err), SAQR_OK);
    assert_string_equal(rec_meta_get(&rec, "lesson"), "super-mushak/steep-turns");
    assert_string_equal(rec_meta_get(&rec, "reference-time"), "2026-11-29T09:00:00Z");
    rec_data_free(&rec);

    /* the station is restarted while the records are still away: it
     * still knows the sortie waits (the list in its work folder) */
    station_destroy(f->st);
    create_station(f);
    cur = 0;
    int waits = 0;
    while (station_message(f->st, &cur, msg, sizeof msg, &is_error))
        waits |= !is_error && strstr(msg, "1 earlier sortie refused by the records") != NULL;
    assert_true(waits);

    /* the records are back: the next sortie is stored, and the refused
     * one after it, from its recording, as its own trainee's */
    records_refuse(f, 0);
    station_cmd again = start_cmd("super-mushak/steep-turns", "reference", "PAF-1");
    snprintf(again.started_utc, sizeof again.started_utc, "2026-11-29T10:00:00Z");
    submit(f, again);
    for (int i = 0; i < 2000 && snap(f).status != STATION_ENDED; i++)
        run(f, 1.0);
    settle(f);
    assert_true(snap(f).debrief_seq == 1); /* the restarted station's first */
    records_sortie *so = earlier_sortie_stored_too(f, &cur, path);
    /* listed by start time: the refused one first, stored after the other */
    assert_true(so[0].id > so[1].id);
    assert_string_equal(so[0].recording, path);
    assert_string_equal(so[0].instructor, "INS-1");
    assert_int_equal(so[0].result, so[1].result); /* the same flight by the same pilot */
    assert_true(so[0].duration_s == so[1].duration_s);
    free(so);
    /* nothing waits any more: the list is gone */
    char list[400];
    snprintf(list, sizeof list, "%s/work/unstored-sorties.tsv", f->dir);
    assert_int_not_equal(access(list, F_OK), 0);
}

/* The station stops while a sortie is flown (a crash, the power lost):
 * run again on the same work folder, it finds the sortie on its list of
 * sorties waiting for the records and stores what was recorded with the
 * next sortie stored.  A second station on the folder while the first is
 * still flying sees what a restarted one would: the list and the
 * recording as the first left them. */
static void a_sortie_cut_short_by_a_station_stop_is_stored_when_it_runs_again(void **state)
{
    fixture *f = *state;
    saqr_err err = {""};
    submit(f, start_cmd("super-mushak/steep-turns", "reference", "PAF-1"));
    run(f, 30.0);
    assert_int_equal(snap(f).status, STATION_RUNNING);
    char list[400], path[512];
    snprintf(list, sizeof list, "%s/work/unstored-sorties.tsv", f->dir);
    char *text;
    size_t len;
    assert_int_equal(file_read_all(list, NULL, 65536, &text, &len, &err), SAQR_OK);
    const char *tab = strstr(text, "\tPAF-1\tINS-1\t2026-11-29T09:00:00Z\n");
    assert_non_null(tab); /* listed while it is flown */
    snprintf(path, sizeof path, "%.*s", (int)(tab - text), text);
    mem_free(NULL, text);

    station *first = f->st; /* left flying: it "stopped" here */
    create_station(f);
    uint64_t cur = 0;
    char msg[600];
    int is_error, waits = 0;
    while (station_message(f->st, &cur, msg, sizeof msg, &is_error))
        waits |= !is_error && strstr(msg, "1 earlier sortie refused by the records (or cut short") != NULL;
    assert_true(waits);
    station_cmd again = start_cmd("super-mushak/steep-turns", "reference", "PAF-1");
    snprintf(again.started_utc, sizeof again.started_utc, "2026-11-29T10:00:00Z");
    submit(f, again);
    for (int i = 0; i < 2000 && snap(f).status != STATION_ENDED; i++)
        run(f, 1.0);
    settle(f);
    records_sortie *so = earlier_sortie_stored_too(f, &cur, path);
    assert_string_equal(so[0].recording, path);
    /* what was recorded before the stop: its recording's 30 s (the
     * writer hands its buffer over at least once a second) */
    assert_true(so[0].duration_s > 28.0 && so[0].duration_s < 31.0);
    assert_true(so[1].duration_s > 60.0);
    free(so);
    station_destroy(f->st);
    f->st = first; /* ended by the teardown */
}

/* Flies `seconds` of a sortie started at `started_utc` and ends it. */
static void fly_and_end(fixture *f, const char *started_utc, double seconds)
{
    station_cmd c = start_cmd("super-mushak/steep-turns", "reference", "PAF-1");
    snprintf(c.started_utc, sizeof c.started_utc, "%s", started_utc);
    submit(f, c);
    run(f, seconds);
    submit(f, simple(SCMD_END));
    run(f, 0.1);
    assert_int_equal(snap(f).status, STATION_ENDED);
    settle(f);
}

/* The records are slow to take an ended sortie (another station holds
 * the database; a server that does not answer): the station flies on
 * meanwhile - the next sortie starts and flies - and the sortie is stored
 * once the records take it.  The next sortie, on the list of sorties
 * waiting for the records while it is flown, is not stored from its
 * half-written recording by the retry that follows that store, but by its
 * own end, whole. */
/* Another connection holding the records locked (SQLite's EXCLUSIVE):
 * the station's stores wait until release_records. */
static rdb *hold_records(fixture *f)
{
    saqr_err err = {""};
    rdb *other;
    assert_int_equal(rdb_open(f->db_url, &other, &err), SAQR_OK);
    assert_int_equal(rdb_exec(other, "BEGIN EXCLUSIVE", 0, NULL, NULL, &err), SAQR_OK);
    return other;
}

static void release_records(rdb *other)
{
    saqr_err err = {""};
    assert_int_equal(rdb_exec(other, "COMMIT", 0, NULL, NULL, &err), SAQR_OK);
    rdb_close(other);
}

/* Starts sortie c, flies it `seconds` and ends it. */
static void fly_then_end(fixture *f, const station_cmd *c, double seconds)
{
    submit(f, *c);
    run(f, seconds);
    submit(f, simple(SCMD_END));
    run(f, 0.1);
}

static void a_sortie_being_stored_does_not_hold_the_station(void **state)
{
    fixture *f = *state;
    rdb *other = hold_records(f);
    station_cmd c = start_cmd("super-mushak/steep-turns", "reference", "PAF-1");
    fly_then_end(f, &c, 5.0);
    station_snapshot n = snap(f);
    assert_int_equal(n.status, STATION_ENDED);
    assert_int_equal(n.finishing, 1); /* waiting for the records */
    assert_true(n.debrief_seq == 0);
    assert_string_equal(n.lesson_id, "super-mushak/steep-turns"); /* the ended sortie's, shown */

    snprintf(c.started_utc, sizeof c.started_utc, "2026-11-29T10:00:00Z");
    submit(f, c);
    run(f, 2.0);
    n = snap(f);
    assert_int_equal(n.status, STATION_RUNNING);
    assert_true(n.ins.t_s > 1.9); /* flown while the first waits */
    assert_int_equal(n.finishing, 1);

    release_records(other);
    settle(f);
    assert_int_equal(snap(f).finishing, 0);
    assert_true(snap(f).debrief_seq == 1);
    int ns;
    records_sortie *so = stored_sorties(f, &ns);
    assert_int_equal(ns, 1); /* the first; the second is still being flown */
    assert_string_equal(so[0].started_at, "2026-11-29T09:00:00Z");
    free(so);

    run(f, 3.0);
    submit(f, simple(SCMD_END));
    settle(f);
    so = stored_sorties(f, &ns);
    assert_int_equal(ns, 2);
    assert_string_equal(so[1].started_at, "2026-11-29T10:00:00Z");
    assert_true(so[1].duration_s > 4.9); /* the whole flight: 2 s, then 3 s more */
    free(so);
    char list[400];
    snprintf(list, sizeof list, "%s/work/unstored-sorties.tsv", f->dir);
    assert_int_not_equal(access(list, F_OK), 0); /* nothing waits */
}

/* The index of item exercise/id in the snapshot's items, -1: none. */
static int item_index(const station_snapshot *n, const char *exercise, const char *id)
{
    for (int i = 0; i < n->nitems; i++)
        if (strcmp(n->item_exercise_id[i], exercise) == 0 && strcmp(n->item_id[i], id) == 0)
            return i;
    return -1;
}

static station_cmd mark_cmd(const char *exercise, const char *id, grade_mark mark)
{
    station_cmd c = simple(SCMD_MARK_ITEM);
    snprintf(c.item_exercise, sizeof c.item_exercise, "%s", exercise);
    snprintf(c.item_id, sizeof c.item_id, "%s", id);
    c.item_mark = mark;
    snprintf(c.instructor_number, sizeof c.instructor_number, "INS-1");
    return c;
}

/* The instructor marks the lookout Unsatisfactory as the trainee flies:
 * the state's items show it with who marked it, it is told, the sheet at
 * the end carries it and fails the sortie, and the records keep it; an
 * item the lesson does not have is refused, and so is any mark of a
 * demonstration by the automatic pilot. */
static void the_instructor_marks_an_item_in_flight(void **state)
{
    fixture *f = *state;
    submit(f, start_cmd("super-mushak/straight-and-level", "trainee", "PAF-1"));
    run(f, 1.0);
    station_snapshot n = snap(f);
    const int k = item_index(&n, "cruise", "lookout");
    assert_true(k >= 0);
    assert_int_equal(n.item_exercise[k], 0);
    assert_int_equal(n.item_mark[k], MARK_NOT_OBSERVED);
    submit(f, mark_cmd("cruise", "lookout", MARK_UNSAT));
    run(f, 0.1);
    n = snap(f);
    assert_int_equal(n.item_mark[k], MARK_UNSAT);
    assert_string_equal(n.item_marked_by[k], "INS-1");
    assert_told(f, "marked Lookout");
    assert_told(f, ": Unsatisfactory (INS-1)");
    submit(f, mark_cmd("cruise", "nothing", MARK_GOOD));
    run(f, 0.1);
    assert_last_error(f, "mark: the lesson super-mushak/straight-and-level has no item cruise/nothing");
    submit(f, simple(SCMD_END));
    run(f, 0.1);
    settle(f);
    seen_debrief d;
    memset(&d, 0, sizeof d);
    assert_true(station_with_debrief(f->st, grab, &d));
    int found = 0;
    for (int i = 0; i < d.copy.nelements; i++)
        if (d.copy.elements[i].by_instructor && strcmp(d.copy.elements[i].name, "lookout") == 0) {
            assert_int_equal(d.copy.elements[i].mark, MARK_UNSAT);
            assert_string_equal(d.copy.elements[i].marked_by, "INS-1");
            found = 1;
        }
    assert_true(found);
    assert_int_equal(d.copy.result, SORTIE_UNSAT);
    assert_non_null(strstr(d.copy.summary, "The instructor marked 1 item(s) unsatisfactory"));
    free(d.copy.elements);
    int ns;
    records_sortie *so = stored_sorties(f, &ns);
    assert_int_equal(ns, 1);
    assert_int_equal(so[0].result, SORTIE_UNSAT);
    free(so);

    submit(f, start_cmd("super-mushak/straight-and-level", "reference", "PAF-1"));
    run(f, 0.5);
    submit(f, mark_cmd("cruise", "lookout", MARK_GOOD));
    run(f, 0.1);
    assert_last_error(f, "mark: the automatic pilot flies this sortie");
    n = snap(f);
    assert_int_equal(n.item_mark[item_index(&n, "cruise", "lookout")], MARK_NOT_OBSERVED);
}

/* What station_debriefs_since hands over: each sortie's id, lesson and
 * whether it was the newest. */
typedef struct debrief_list {
    int n;
    long long id[8];
    char lesson[8][64];
    int latest[8];
} debrief_list;

static void list_debrief(const grade_sheet *sheet, long long id, const char *path, int latest, void *user)
{
    (void)path;
    debrief_list *l = user;
    if (l->n < 8) {
        l->id[l->n] = id;
        snprintf(l->lesson[l->n], sizeof l->lesson[0], "%s", sheet->lesson);
        l->latest[l->n++] = latest;
    }
}

/* Two sorties that finish together (the records held, then let go) each
 * have their debrief, oldest first: the broadcast thread sends both where
 * it once sent the newer alone. */
static void two_sorties_finished_together_both_have_their_debrief(void **state)
{
    fixture *f = *state;
    rdb *other = hold_records(f);
    station_cmd c = start_cmd("super-mushak/steep-turns", "reference", "PAF-1");
    fly_then_end(f, &c, 1.0);
    c = start_cmd("super-mushak/straight-and-level", "reference", "PAF-1");
    snprintf(c.started_utc, sizeof c.started_utc, "2026-11-29T10:00:00Z");
    fly_then_end(f, &c, 1.0);
    assert_int_equal(snap(f).finishing, 2);
    release_records(other);
    settle(f);
    assert_true(snap(f).debrief_seq == 2);
    debrief_list l = {0};
    uint64_t cursor = 0;
    assert_int_equal(station_debriefs_since(f->st, &cursor, list_debrief, &l), 2);
    assert_true(cursor == 2);
    assert_int_equal(l.n, 2);
    assert_string_equal(l.lesson[0], "super-mushak/steep-turns");
    assert_string_equal(l.lesson[1], "super-mushak/straight-and-level");
    assert_true(l.id[0] > 0 && l.id[1] > l.id[0]); /* both stored, in order */
    assert_false(l.latest[0]);
    assert_true(l.latest[1]);
    /* nothing new since: nothing handed over again */
    l.n = 0;
    assert_int_equal(station_debriefs_since(f->st, &cursor, list_debrief, &l), 0);
    assert_int_equal(l.n, 0);
}

/* A long outage of the records (a wing's server down for a day): more
 * sorties refused than the station once kept (16) are all kept, across a
 * restart, and all stored once the records take a sortie again. */
static void every_sortie_refused_in_a_long_outage_is_stored_after_it(void **state)
{
    fixture *f = *state;
    records_refuse(f, 1);
    char t[32];
    for (int i = 0; i < 20; i++) {
        snprintf(t, sizeof t, "2026-11-29T09:%02d:00Z", i);
        fly_and_end(f, t, 1.0);
    }
    int n;
    free(stored_sorties(f, &n));
    assert_int_equal(n, 0);

    station_destroy(f->st);
    create_station(f);
    assert_told(f, "20 earlier sorties refused by the records");

    records_refuse(f, 0);
    fly_and_end(f, "2026-11-29T10:00:00Z", 1.0);
    records_sortie *so = stored_sorties(f, &n);
    assert_int_equal(n, 21);
    for (int i = 0; i < 20; i++) {
        snprintf(t, sizeof t, "2026-11-29T09:%02d:00Z", i);
        assert_string_equal(so[i].started_at, t); /* each with its own start */
    }
    free(so);
}

/* The work folder outlives the station's runs, whose sortie numbers start
 * again at 1: a sortie recorded after a restart in the same second as an
 * earlier one gets a recording of its own, and the stored sortie's
 * recording - its evidence, what its debrief and replay are made from -
 * is never written over. */
static void a_station_run_again_never_writes_over_a_stored_recording(void **state)
{
    fixture *f = *state;
    saqr_err err = {""};
    fly_and_end(f, "2026-11-29T09:00:00Z", 5.0);
    int n;
    records_sortie *so = stored_sorties(f, &n);
    assert_int_equal(n, 1);
    char first[512];
    snprintf(first, sizeof first, "%s", so[0].recording);
    free(so);
    assert_non_null(strstr(first, "/work/sortie-1-2026-11-29T09-00-00Z.rec"));
    char *before, *after;
    size_t len_before, len_after;
    assert_int_equal(file_read_all(first, NULL, 1 << 26, &before, &len_before, &err), SAQR_OK);

    station_destroy(f->st);
    create_station(f);
    fly_and_end(f, "2026-11-29T09:00:00Z", 8.0); /* sortie 1 again, the same second */
    so = stored_sorties(f, &n);
    assert_int_equal(n, 2);
    const char *second = strcmp(so[0].recording, first) == 0 ? so[1].recording : so[0].recording;
    assert_string_not_equal(second, first);
    assert_non_null(strstr(second, "/work/sortie-1-2026-11-29T09-00-00Z-2.rec"));
    assert_true(so[0].duration_s != so[1].duration_s); /* two flights, each its own */
    free(so);
    assert_int_equal(file_read_all(first, NULL, 1 << 26, &after, &len_after, &err), SAQR_OK);
    assert_true(len_after == len_before && memcmp(before, after, len_before) == 0);
    mem_free(NULL, before);
    mem_free(NULL, after);
}

/* The station stopped, and its list of waiting sorties opened to be
 * written by hand: its path in list, the set-aside copy's in aside. */
static FILE *hand_written_list(fixture *f, char list[400], char aside[420])
{
    station_destroy(f->st);
    snprintf(list, 400, "%s/work/unstored-sorties.tsv", f->dir);
    snprintf(aside, 420, "%s.unreadable", list);
    FILE *fp = fopen(list, "w");
    assert_non_null(fp);
    return fp;
}

/* The lines of a text file; its last line into last (NULL: not wanted). */
static int count_lines(const char *path, char *last, size_t size)
{
    FILE *fp = fopen(path, "r");
    assert_non_null(fp);
    char line[512];
    int n = 0;
    while (fgets(line, sizeof line, fp)) {
        n++;
        if (last)
            snprintf(last, size, "%s", line);
    }
    fclose(fp);
    return n;
}

/* A list of waiting sorties that is not one (edited by hand, a disk
 * fault) is reported with its file and line and set aside whole; the
 * lines that are sorties still wait. */
static void an_unreadable_list_of_waiting_sorties_is_set_aside_not_lost(void **state)
{
    fixture *f = *state;
    char list[400], aside[420];
    FILE *fp = hand_written_list(f, list, aside);
    fprintf(fp, "/somewhere/sortie-1.rec\tPAF-1\tINS-1\t2026-11-29T09:00:00Z\n"
                "garbage without tabs\n"
                "/somewhere/sortie-2.rec\tPAF-1\t\t\n");
    fclose(fp);
    create_station(f);
    uint64_t cur = 0;
    char msg[600];
    int is_error, reported = 0, waits = 0;
    while (station_message(f->st, &cur, msg, sizeof msg, &is_error)) {
        reported |= is_error && strstr(msg, "unstored-sorties.tsv:2: not a sortie") != NULL;
        waits |= !is_error && strstr(msg, "2 earlier sorties refused") != NULL;
    }
    assert_true(reported);
    assert_true(waits);
    assert_int_equal(access(aside, F_OK), 0);        /* the original, kept */
    assert_int_equal(count_lines(list, NULL, 0), 2); /* the two sorties, rewritten */
}

/* A list of waiting sorties longer than the station keeps (written by
 * hand, or by a later version): the first 256 are kept and rewritten, the
 * file itself set aside whole, and the station says so. */
static void a_list_longer_than_the_station_keeps_is_set_aside_not_lost(void **state)
{
    fixture *f = *state;
    char list[400], aside[420];
    FILE *fp = hand_written_list(f, list, aside);
    for (int i = 0; i < 300; i++)
        fprintf(fp, "/somewhere/sortie-%d.rec\tPAF-1\tINS-1\t2026-11-29T09:00:00Z\n", i);
    fclose(fp);
    create_station(f);
    uint64_t cur = 0;
    char msg[600];
    int is_error, reported = 0;
    while (station_message(f->st, &cur, msg, sizeof msg, &is_error))
        reported |= is_error && strstr(msg, "300 sorties wait, more than the 256 the station keeps") != NULL;
    assert_true(reported);
    assert_told(f, "256 earlier sorties refused");
    assert_int_equal(access(aside, F_OK), 0); /* the original, all 300 */
    char last[512] = "";
    assert_int_equal(count_lines(list, last, sizeof last), 256);
    assert_non_null(strstr(last, "/somewhere/sortie-255.rec\t")); /* the first 256, in order */
}

static void total_freeze_stops_time_and_resume_restarts_it(void **state)
{
    fixture *f = *state;
    submit(f, start_cmd("super-mushak/straight-and-level", "reference", NULL));
    run(f, 2.0);
    station_snapshot a = snap(f);
    assert_int_equal(a.status, STATION_RUNNING);
    assert_true(a.ins.t_s > 1.5);
    submit(f, simple(SCMD_PAUSE));
    run(f, 0.1);
    double t_frozen = snap(f).ins.t_s, alt_frozen = snap(f).ins.alt_ft;
    run(f, 3.0);
    station_snapshot b = snap(f);
    assert_int_equal(b.status, STATION_PAUSED);
    assert_true(b.ins.t_s == t_frozen);
    assert_true(b.ins.alt_ft == alt_frozen);
    submit(f, simple(SCMD_RESUME));
    run(f, 2.0);
    station_snapshot c = snap(f);
    assert_int_equal(c.status, STATION_RUNNING);
    assert_near(c.ins.t_s - t_frozen, 2.0, 0.05);
}

static void an_engine_failure_makes_the_rpm_fall(void **state)
{
    fixture *f = *state;
    submit(f, start_cmd("super-mushak/straight-and-level", "reference", NULL));
    run(f, 5.0);
    double rpm0 = snap(f).ins.rpm;
    assert_true(rpm0 > 1500.0);
    submit(f, malfunction(MALF_ENGINE_FAILURE, 1));
    run(f, 10.0);
    station_snapshot n = snap(f);
    assert_true(n.malfunctions & 1u << MALF_ENGINE_FAILURE);
    /* a windmilling propeller with no power: the governor cannot hold it */
    if (!(n.ins.rpm < 0.8 * rpm0))
        fail_msg("rpm %.0f before, %.0f 10 s after the engine failed", rpm0, n.ins.rpm);
}

/* The instructor's gear failure on an aircraft whose gear is fixed: the
 * station names why it refuses, and the sortie flies on without it. */
static void a_gear_failure_on_a_fixed_gear_is_refused_with_its_reason(void **state)
{
    fixture *f = *state;
    submit(f, start_cmd("super-mushak/straight-and-level", "reference", NULL));
    run(f, 1.0);
    double t0 = snap(f).ins.t_s;
    submit(f, malfunction(MALF_GEAR_FAILURE, 1));
    run(f, 1.0);
    assert_last_error(f, "landing gear is fixed");
    /* a refused load names the command once ("load: load: ..." before) */
    station_cmd ld = simple(SCMD_LOAD);
    ld.fuel_pct = NAN;
    ld.mass_index = 7;
    ld.mass_kg = 50.0;
    submit(f, ld);
    run(f, 0.1);
    assert_last_error(f, "load: the aircraft has no point mass 7");
    uint64_t cur = 0;
    char msg[600];
    int is_error;
    while (station_message(f->st, &cur, msg, sizeof msg, &is_error))
        if (strstr(msg, "load: load:"))
            fail_msg("the command named twice: %s", msg);
    station_snapshot n = snap(f);
    assert_false(n.malfunctions & 1u << MALF_GEAR_FAILURE);
    assert_int_equal(n.status, STATION_RUNNING);
    assert_true(n.ins.t_s > t0 + 0.5);
}

static void the_trainees_controls_reach_the_aircraft_only_when_the_trainee_flies(void **state)
{
    fixture *f = *state;
    double v[CONTROLS_COUNT] = {0};
    v[CONTROLS_THROTTLE] = 0.3;
    v[CONTROLS_ELEVATOR] = 7.0; /* clamped to 1 */
    submit(f, start_cmd("super-mushak/straight-and-level", "trainee", NULL));
    run(f, 0.5);
    station_set_controls(f->st, 1u << CONTROLS_THROTTLE | 1u << CONTROLS_ELEVATOR, v);
    run(f, 0.5);
    station_snapshot n = snap(f);
    assert_near(n.ins.throttle, 0.3, 1e-6);
    assert_near(n.ins.elevator, 1.0, 1e-6);
    /* with the reference pilot flying, the mailbox does not fight it */
    submit(f, start_cmd("super-mushak/straight-and-level", "reference", NULL));
    run(f, 3.0);
    v[CONTROLS_THROTTLE] = 0.0;
    station_set_controls(f->st, 1u << CONTROLS_THROTTLE, v);
    run(f, 0.5);
    assert_true(snap(f).ins.throttle > 0.05);
}

/* The gear lever: the JF-17's goes up when the trainee raises it; the
 * Super Mushak's gear is fixed, so its cockpit's gear button does
 * nothing (the command stays down). */
static void only_a_retractable_gear_has_a_lever(void **state)
{
    fixture *f = *state;
    double v[CONTROLS_COUNT] = {0};
    v[CONTROLS_GEAR] = 0.0;
    const struct {
        const char *lesson;
        double gear_after;
    } cases[] = {{"jf17/landing", 0.0}, {"super-mushak/straight-and-level", 1.0}};
    for (size_t k = 0; k < 2; k++) {
        submit(f, start_cmd(cases[k].lesson, "trainee", NULL));
        run(f, 0.5);
        assert_near(snap(f).ins.gear, 1.0, 0.0);
        station_set_controls(f->st, 1u << CONTROLS_GEAR, v);
        run(f, 0.5);
        assert_near(snap(f).ins.gear, cases[k].gear_after, 0.0);
    }
}

/* The trainee's speed brake: the JF-17's follows the cockpit's switch;
 * the Super Mushak has none, and the state says so (NAN, null in JSON). */
static void the_speed_brake_is_the_trainees_where_the_aircraft_has_one(void **state)
{
    fixture *f = *state;
    double v[CONTROLS_COUNT] = {0};
    v[CONTROLS_SPEEDBRAKE] = 1.0;
    submit(f, start_cmd("jf17/landing", "trainee", NULL));
    run(f, 0.5);
    assert_near(snap(f).ins.speedbrake, 0.0, 0.0);
    station_set_controls(f->st, 1u << CONTROLS_SPEEDBRAKE, v);
    run(f, 0.5);
    assert_near(snap(f).ins.speedbrake, 1.0, 0.0);
    submit(f, start_cmd("super-mushak/straight-and-level", "trainee", NULL));
    run(f, 0.5);
    station_set_controls(f->st, 1u << CONTROLS_SPEEDBRAKE, v);
    run(f, 0.5);
    assert_true(isnan(snap(f).ins.speedbrake));
}

/* The value of gauge `id` in a snapshot; NAN when the aircraft has none. */
static double gauge_value(const station_snapshot *n, const char *id)
{
    for (int k = 0; k < n->ngauges; k++)
        if (strcmp(n->gauges[k].id, id) == 0)
            return n->gauges[k].value;
    return NAN;
}

static double reheat_gauge(fixture *f)
{
    station_snapshot n = snap(f);
    return gauge_value(&n, "reheat_pct");
}

/* The JF-17's A/B gauge: dry on the approach and with the lever at the
 * military detent (0.8), the reheat in force once the lever is at the
 * stop and the light-up and rise are over (aircraft/jf17/Systems/
 * throttle.xml: 0.8 s, then 1.0 a second from 0.15); no such gauge on
 * the Super Mushak. */
static void the_jf17s_afterburner_gauge_shows_the_reheat_the_lever_asks_for(void **state)
{
    fixture *f = *state;
    double v[CONTROLS_COUNT] = {0};
    submit(f, start_cmd("jf17/landing", "trainee", NULL));
    run(f, 0.5);
    assert_near(reheat_gauge(f), 0.0, 0.0);
    assert_near(snap(f).ins.throttle_mil, 0.8, 0.0); /* the detent, for the cockpit's mark */
    v[CONTROLS_THROTTLE] = 0.8;
    station_set_controls(f->st, 1u << CONTROLS_THROTTLE, v);
    run(f, 6.0); /* spooled to military */
    station_snapshot n = snap(f);
    assert_true(n.ins.n2_pct > 95.0);
    assert_near(gauge_value(&n, "reheat_pct"), 0.0, 0.0);
    v[CONTROLS_THROTTLE] = 1.0;
    station_set_controls(f->st, 1u << CONTROLS_THROTTLE, v);
    run(f, 0.5); /* still lighting */
    assert_near(reheat_gauge(f), 0.0, 0.0);
    run(f, 2.0);
    assert_near(reheat_gauge(f), 100.0, 0.0);
    submit(f, start_cmd("super-mushak/straight-and-level", "trainee", NULL));
    run(f, 0.5);
    assert_true(isnan(reheat_gauge(f)));
    assert_true(isnan(snap(f).ins.throttle_mil));
}

/* The station's own joysticks (station_config.controls): a throttle
 * quadrant with its afterburner gate at 85% of its travel
 * (reheat-detent=0.85), held at the gate.  In the JF-17 the gate is its
 * military detent (0.8); the next sortie's Super Mushak, which has no
 * afterburner, takes the same lever as it stands (0.85), at once. */
static void the_stations_quadrant_gate_follows_the_aircrafts_military_detent(void **state)
{
    fixture *f = *state;
    int quadrant = virtual_joystick_attach(SDL_JOYSTICK_TYPE_THROTTLE, "Saqr Test Quadrant", 4, 0);
    char cfg_path[300], work[300];
    snprintf(cfg_path, sizeof cfg_path, "%s/controls.xml", f->dir);
    snprintf(work, sizeof work, "%s/work", f->dir);
    write_gated_quadrant_controls(cfg_path);
    station_destroy(f->st);
    rt_clock clock = {no_clock, no_sleep, NULL};
    station_config c = {SAQR_ROOT_DIR, SAQR_ROOT_DIR "/lessons", &f->airports, f->db_url, work, NULL, clock, 30.0,
                        NULL, 0, cfg_path, 0, 0, 0, NULL};
    saqr_err err = {""};
    if (station_create(&c, &f->st, &err))
        fail_msg("%s", err.msg);
    SDL_Joystick *j = SDL_JoystickOpen(quadrant); /* the station opens it at its first frame */
    assert_non_null(j);
    virtual_joystick_axis(quadrant, 3, QUADRANT_GATE_RAW);
    submit(f, start_cmd("jf17/landing", "trainee", NULL));
    run(f, 1.0);
    assert_near(snap(f).ins.throttle, 0.8, 2.0 / 32767.0);
    submit(f, start_cmd("super-mushak/straight-and-level", "trainee", NULL));
    run(f, 1.0);
    assert_near(snap(f).ins.throttle, 0.85, 2.0 / 32767.0);
    station_destroy(f->st);
    f->st = NULL;
    create_station(f);
    SDL_JoystickClose(j);
    virtual_joystick_detach(quadrant);
}

/* "You have control": in the unusual attitudes the instructor flies the
 * entry (throttle 0.8) whatever the trainee's cockpit sends; at the
 * hand-over the aircraft takes what the trainee holds at once, not the
 * instructor's last settings until each control is moved again. */
static void at_the_hand_over_the_controls_go_where_the_trainee_holds_them(void **state)
{
    fixture *f = *state;
    double v[CONTROLS_COUNT] = {0};
    v[CONTROLS_THROTTLE] = 0.25;
    v[CONTROLS_ELEVATOR] = -0.1;
    v[CONTROLS_FLAPS] = 0.5;
    submit(f, start_cmd("super-mushak/unusual-attitudes", "trainee", "PAF-1"));
    run(f, 1.0);
    station_set_controls(f->st, 1u << CONTROLS_THROTTLE | 1u << CONTROLS_ELEVATOR | 1u << CONTROLS_FLAPS, v);
    run(f, 2.0);
    station_snapshot n = snap(f);
    assert_int_equal(n.exercise, 0);
    assert_true(n.exercise_by_instructor);
    assert_near(n.ins.throttle, 0.8, 1e-9); /* the instructor's, not the trainee's */
    assert_near(n.ins.flaps, 0.0, 1e-9);
    /* fly on to the hand-over (the spiral reaches 140 kt within its 60 s) */
    int frames = 0;
    while (snap(f).exercise == 0 && frames < 120 * 60) {
        run(f, 1.0 / 120.0);
        frames++;
    }
    n = snap(f);
    assert_int_equal(n.exercise, 1);
    assert_false(n.exercise_by_instructor);
    run(f, 2.0 / 120.0);
    n = snap(f);
    assert_near(n.ins.throttle, 0.25, 1e-9);
    assert_near(n.ins.elevator, -0.1, 1e-9);
    assert_near(n.ins.flaps, 0.5, 1e-9);
}

/* A start readies its sortie (the lesson loaded, the aircraft built and
 * trimmed, the recording begun) when it is submitted, on the submitter's
 * thread, not in a frame of the simulation's; the next frame flies it.  A
 * start the station refuses (its queue full), or never takes (stopped
 * first), leaves no recording behind. */
static void a_start_readies_its_sortie_before_the_simulation_thread_takes_it(void **state)
{
    fixture *f = *state;
    char rec[3][400];
    for (int i = 0; i < 3; i++)
        snprintf(rec[i], sizeof rec[i], "%s/work/sortie-%d-2026-11-29T09-00-00Z.rec", f->dir, i + 1);
    submit(f, start_cmd("super-mushak/straight-and-level", "trainee", "PAF-1"));
    assert_int_equal(access(rec[0], F_OK), 0); /* begun before any frame */
    run(f, 1.0 / 120.0);
    station_snapshot n = snap(f);
    assert_int_equal(n.status, STATION_RUNNING);
    assert_string_equal(n.lesson_id, "super-mushak/straight-and-level");
    run(f, 1.0);
    assert_true(snap(f).ins.t_s > 0.9);
    /* the queue filled: the start refused takes its recording away */
    saqr_err err;
    station_cmd pause = simple(SCMD_PAUSE);
    int queued = 0;
    while (queued < 1000 && station_submit(f->st, &pause, &err) == SAQR_OK)
        queued++;
    assert_true(queued > 0 && queued < 1000);
    station_cmd c = start_cmd("super-mushak/steep-turns", "trainee", "PAF-1");
    assert_int_equal(station_submit(f->st, &c, &err), SAQR_ESTATE);
    assert_int_not_equal(access(rec[1], F_OK), 0);
    run(f, 2.0 / 120.0);
    /* one waiting when the station stops: the same */
    submit(f, c);
    assert_int_equal(access(rec[2], F_OK), 0);
    station_destroy(f->st);
    f->st = NULL;
    assert_int_not_equal(access(rec[2], F_OK), 0);
    assert_int_equal(access(rec[0], F_OK), 0); /* the sortie flown keeps its own */
}

/* The exercise's elements in flight carry their worst moment so far and
 * the latest place they were left, for the instructor to replay it: a
 * trainee who closes the throttle in the cruise sinks out of the
 * altitude band, steadily, so the altitude's worst moment is the latest
 * frame and its deduction names a time after the entry. */
static void an_element_in_flight_names_its_worst_moment_and_where_it_was_left(void **state)
{
    fixture *f = *state;
    submit(f, start_cmd("super-mushak/straight-and-level", "trainee", "PAF-1"));
    run(f, 1.0);
    double v[CONTROLS_COUNT] = {0};
    station_set_controls(f->st, 1u << CONTROLS_THROTTLE, v); /* idle */
    station_snapshot n = snap(f);
    double t_entry = NAN;
    for (int k = 0; k < 60 * 4 && n.exercise == 0; k++) {
        run(f, 0.25);
        n = snap(f);
        if (n.exercise_running && isnan(t_entry))
            t_entry = n.ins.t_s;
        if (strcmp(n.element_id[0], "altitude") == 0 && n.element_mark[0] == MARK_UNSAT)
            break;
    }
    assert_int_equal(n.exercise, 0);
    assert_string_equal(n.element_id[0], "altitude");
    assert_int_equal(n.element_mark[0], MARK_UNSAT);
    assert_true(n.element_worst_t_s[0] > n.ins.t_s - 0.26 && n.element_worst_t_s[0] <= n.ins.t_s);
    double left_t = NAN;
    assert_int_equal(sscanf(n.element_deduction[0], "t=%lf s:", &left_t), 1);
    assert_true(left_t >= t_entry - 0.26 && left_t <= n.element_worst_t_s[0] + 0.05); /* its text: to 0.1 s */
    assert_non_null(strstr(n.element_deduction[0], "below"));
    /* the heading, graded since the entry too */
    assert_string_equal(n.element_id[1], "heading");
    assert_true(n.element_worst_t_s[1] >= t_entry - 0.26 && n.element_worst_t_s[1] <= n.ins.t_s);
}

/* "I have control" at the station: the trainee's inputs stop reaching
 * the aircraft, the snapshot says who has it, "You have control" gives
 * the trainee's held controls back; taken to be flown from the cockpit,
 * the cockpit's inputs fly on; an automatic pilot's sortie refuses. */
static void i_have_control_at_the_station_and_you_have_control_back(void **state)
{
    fixture *f = *state;
    double v[CONTROLS_COUNT] = {0};
    v[CONTROLS_THROTTLE] = 0.3;
    submit(f, start_cmd("super-mushak/straight-and-level", "trainee", "PAF-1"));
    run(f, 1.0);
    station_set_controls(f->st, 1u << CONTROLS_THROTTLE, v);
    run(f, 1.0);
    assert_near(snap(f).ins.throttle, 0.3, 1e-9);
    station_cmd c = simple(SCMD_CONTROL);
    c.on = 1;
    submit(f, c);
    run(f, 3.0);
    station_snapshot n = snap(f);
    assert_true(n.control_taken);
    assert_true(n.instructor_flying);
    assert_false(n.exercise_by_instructor); /* the lesson's exercise is the trainee's */
    assert_true(fabs(n.ins.throttle - 0.3) > 0.01); /* the reference pilot's */
    v[CONTROLS_THROTTLE] = 0.35;
    station_set_controls(f->st, 1u << CONTROLS_THROTTLE, v);
    run(f, 1.0);
    assert_true(fabs(snap(f).ins.throttle - 0.35) > 0.01);
    c.on = 0;
    submit(f, c);
    run(f, 2.0 / 120.0);
    n = snap(f);
    assert_false(n.control_taken);
    assert_false(n.instructor_flying);
    assert_near(n.ins.throttle, 0.35, 1e-9); /* where the trainee holds it */
    /* the running marks show the exercise lost */
    for (int i = 0; i < n.nelements; i++)
        assert_int_equal(n.element_mark[i], MARK_UNSAT);
    /* taken to be flown from the cockpit: the cockpit's controls are the
     * instructor's hands, and move the aircraft (the reference pilot
     * stays out) */
    c.on = SORTIE_INSTRUCTOR_COCKPIT;
    submit(f, c);
    run(f, 1.0);
    n = snap(f);
    assert_int_equal(n.control_taken, SORTIE_INSTRUCTOR_COCKPIT);
    assert_true(n.instructor_flying);
    assert_near(n.ins.throttle, 0.35, 1e-9);
    v[CONTROLS_THROTTLE] = 0.45;
    station_set_controls(f->st, 1u << CONTROLS_THROTTLE, v);
    run(f, 1.0);
    assert_near(snap(f).ins.throttle, 0.45, 1e-9);
    c.on = 0;
    submit(f, c);
    run(f, 2.0 / 120.0);
    submit(f, start_cmd("super-mushak/straight-and-level", "reference", NULL));
    run(f, 0.5);
    c.on = 1;
    submit(f, c);
    run(f, 0.5);
    assert_last_error(f, "control: the automatic pilot flies this sortie");
    assert_false(snap(f).control_taken);
}

/* Snapshots and recalls from the station: refused before a snapshot, each
 * slot's time in the state, the aircraft back where it was at the one
 * asked for. */
static station_cmd slot_cmd(station_cmd_kind k, int slot)
{
    station_cmd c = simple(k);
    c.slot = slot;
    return c;
}

static void the_instructors_snapshots_are_recalled_from_the_station(void **state)
{
    fixture *f = *state;
    submit(f, start_cmd("super-mushak/steep-turns", "reference", NULL));
    run(f, 1.0);
    for (int k = 0; k < SORTIE_SNAPSHOTS; k++)
        assert_true(isnan(snap(f).snapshot_t_s[k]));
    submit(f, slot_cmd(SCMD_RECALL, 1));
    run(f, 0.5);
    assert_last_error(f, "recall: no snapshot 1 has been taken");
    run(f, 10.0);
    submit(f, slot_cmd(SCMD_SNAPSHOT, 1));
    run(f, 5.0 / 120.0);
    station_snapshot a = snap(f);
    assert_near(a.snapshot_t_s[0], a.ins.t_s, 0.05);
    assert_told(f, "snapshot 1 taken at t=");
    run(f, 8.0);
    submit(f, slot_cmd(SCMD_SNAPSHOT, 3));
    run(f, 5.0 / 120.0);
    station_snapshot a3 = snap(f);
    assert_true(fabs(a3.ins.heading_deg - a.ins.heading_deg) > 10.0);
    assert_near(a3.snapshot_t_s[2], a3.ins.t_s, 0.05);
    assert_true(isnan(a3.snapshot_t_s[1]));
    run(f, 7.0);
    station_snapshot b = snap(f);
    assert_true(fabs(b.ins.heading_deg - a.ins.heading_deg) > 20.0);
    submit(f, slot_cmd(SCMD_RECALL, 1));
    run(f, 5.0 / 120.0); /* published 30 times a second */
    station_snapshot c = snap(f);
    assert_near(c.ins.heading_deg, a.ins.heading_deg, 1.0);
    assert_near(c.ins.lat_deg, a.ins.lat_deg, 1e-4);
    assert_near(c.ins.lon_deg, a.ins.lon_deg, 1e-4);
    assert_near(c.ins.msl_ft, a.ins.msl_ft, 5.0);
    assert_true(c.ins.t_s > b.ins.t_s); /* time ran on */
    assert_near(c.snapshot_t_s[0], a.snapshot_t_s[0], 0.0);
    submit(f, slot_cmd(SCMD_RECALL, 3));
    run(f, 5.0 / 120.0);
    station_snapshot d = snap(f);
    assert_near(d.ins.heading_deg, a3.ins.heading_deg, 1.0);
    assert_near(d.ins.lat_deg, a3.ins.lat_deg, 1e-4);
    assert_near(d.ins.lon_deg, a3.ins.lon_deg, 1e-4);
    submit(f, slot_cmd(SCMD_SNAPSHOT, SORTIE_SNAPSHOTS + 1)); /* refused at the station too */
    run(f, 0.5);
    assert_last_error(f, "snapshot: slot 5 is not within 1..4");
}

/* Another runway from the station: the state's runway follows it (the
 * map's highlight, the ILS); a name not in the airports file is refused
 * with the reason and the runway stays. */
static void a_reposition_to_another_runway_becomes_the_stations_runway(void **state)
{
    fixture *f = *state;
    submit(f, start_cmd("super-mushak/straight-and-level", "trainee", NULL));
    run(f, 0.5);
    station_snapshot a = snap(f);
    assert_string_equal(a.airport, "OPRS");
    assert_string_equal(a.runway, "27L");
    station_cmd c = simple(SCMD_REPOSITION);
    c.repo = (sortie_reposition){REPO_FINAL, 4.0, NAN, NAN, NAN, "", "09R"};
    submit(f, c);
    run(f, 1.0);
    station_snapshot b = snap(f);
    assert_string_equal(b.runway, "09R");
    assert_told(f, "repositioned: final runway OPRS 09R, 4.0 nm");
    assert_near(b.ins.loc_dev_deg, 0.0, 0.2);
    assert_near(b.ins.heading_deg, 93.7, 5.0);
    c.repo = (sortie_reposition){REPO_THRESHOLD, NAN, NAN, NAN, NAN, "ZZZZ", "09R"};
    submit(f, c);
    run(f, 0.5);
    assert_last_error(f, "no airport \"ZZZZ\"");
    assert_string_equal(snap(f).runway, "09R");
}

/* Crash freeze at the station: a trainee's dive into the ground from
 * final holds the sortie (still running, time standing, the state's
 * frozen.crash on, told what to do), a rewind lets it fly on. */
static void a_crash_at_the_station_holds_the_sortie_for_the_instructor(void **state)
{
    fixture *f = *state;
    submit(f, start_cmd("super-mushak/straight-and-level", "trainee", NULL));
    run(f, 0.5);
    station_cmd c = simple(SCMD_REPOSITION);
    c.repo = (sortie_reposition){REPO_FINAL, 1.0, NAN, NAN, NAN, "", ""};
    submit(f, c);
    run(f, 5.0);
    double v[CONTROLS_COUNT] = {0};
    v[CONTROLS_ELEVATOR] = 1.0; /* full forward */
    station_set_controls(f->st, 1u << CONTROLS_ELEVATOR, v);
    for (int i = 0; i < 40 && !snap(f).crash_held; i++)
        run(f, 0.5);
    station_snapshot a = snap(f);
    assert_true(a.crash_held);
    assert_int_equal(a.status, STATION_RUNNING);
    assert_told(f, "crash freeze: rewind");
    run(f, 2.0);
    station_snapshot b = snap(f);
    assert_true(b.crash_held);
    assert_true(b.ins.t_s == a.ins.t_s); /* nothing flies */
    v[CONTROLS_ELEVATOR] = 0.0;
    station_set_controls(f->st, 1u << CONTROLS_ELEVATOR, v);
    c = simple(SCMD_REWIND);
    c.rewind_s = 10.0;
    submit(f, c);
    run(f, 1.0);
    station_snapshot d = snap(f);
    assert_false(d.crash_held);
    assert_true(d.ins.t_s > a.ins.t_s + 0.9); /* time runs again */
    assert_true(d.ins.agl_ft > 50.0);
}

/* Rewind from the station: how far back it can go in the state, the
 * aircraft back where it was 10 s before (the ring keeps a copy every
 * second), time running on, the message told; and the instructor's note. */
static void the_instructor_rewinds_and_notes_from_the_station(void **state)
{
    fixture *f = *state;
    submit(f, start_cmd("super-mushak/steep-turns", "reference", NULL));
    run(f, 1.0);
    assert_true(snap(f).rewind_available_s > 0.5);
    run(f, 19.0);
    station_snapshot a = snap(f);
    assert_near(a.rewind_available_s, 20.0, 0.2);
    station_cmd c = simple(SCMD_REWIND);
    c.rewind_s = 10.0;
    submit(f, c);
    run(f, 5.0 / 120.0);
    station_snapshot b = snap(f);
    /* 10 to 11 s back: the station keeps a copy every second */
    assert_true(b.ins.t_s > a.ins.t_s);
    assert_true(b.rewind_available_s < a.rewind_available_s - 9.9);
    assert_true(b.rewind_available_s > a.rewind_available_s - 11.1);
    assert_true(fabs(b.ins.heading_deg - a.ins.heading_deg) > 10.0); /* the turn undone */
    assert_told(f, "rewound 1");
    c.rewind_s = 90.0; /* refused at the station too, not only in the protocol */
    submit(f, c);
    run(f, 0.5);
    assert_last_error(f, "rewind: 90 s is not within 1..60 s");
    /* fuel freeze: in the state, and told */
    station_cmd fz = simple(SCMD_FREEZE_FUEL);
    fz.on = 1;
    submit(f, fz);
    run(f, 5.0 / 120.0);
    assert_true(snap(f).fuel_frozen);
    assert_told(f, "fuel frozen");
    fz.on = 0;
    submit(f, fz);
    run(f, 5.0 / 120.0);
    assert_false(snap(f).fuel_frozen);
    /* the instructor's note, told; a control character refused */
    station_cmd n = simple(SCMD_NOTE);
    snprintf(n.note, sizeof n.note, "entry too steep");
    submit(f, n);
    run(f, 5.0 / 120.0);
    assert_told(f, "note: entry too steep");
    snprintf(n.note, sizeof n.note, "bell\a");
    submit(f, n);
    run(f, 5.0 / 120.0);
    assert_last_error(f, "note: a control character at byte 5");
    /* a scenario applied (the web server's mark before its settings) */
    station_cmd sc = simple(SCMD_SCENARIO);
    snprintf(sc.note, sizeof sc.note, "EFATO");
    submit(f, sc);
    run(f, 5.0 / 120.0);
    assert_told(f, "scenario \"EFATO\" applied");
}

/* The overlays of the replay just started (20 s back from t_now): the
 * window's samples at 10 Hz in time order, the flight's own values (the
 * replayed instruments, true on a standard day without malfunctions, read
 * the same), and the bands of the elements graded in it, which every
 * sample of an element marked Excellent lies inside. */
static void replay_overlays_are_the_flights(fixture *f, const station_snapshot *a, double t_now)
{
    station_replay_trace *tr = malloc(sizeof *tr);
    assert_non_null(tr);
    uint64_t epoch = station_replay_trace_get(f->st, tr);
    assert_true(epoch > 0);
    assert_true(epoch == a->replay_epoch);
    assert_string_equal(station_trace_channel(2), "alt-ft");
    assert_null(station_trace_channel(STATION_TRACE_NCH));
    assert_in_range(tr->npoints, 195, 201);
    assert_near(tr->v[0][0], t_now - 20.0, 0.2);
    assert_near(tr->v[tr->npoints - 1][0], t_now, 0.2);
    for (int i = 1; i < tr->npoints; i++)
        assert_near(tr->v[i][0] - tr->v[i - 1][0], 0.1, 1e-6);
    assert_near(tr->v[0][1], a->ins.ias_kt, 0.5);
    assert_near(tr->v[0][2], a->ins.alt_ft, 30.0);
    assert_near(tr->v[0][6], a->ins.heading_deg, 0.5);
    int alt_bands = 0, checked = 0;
    for (int b = 0; b < tr->nbands; b++) {
        const station_trace_band *band = &tr->bands[b];
        int col = 0;
        for (int k = 1; k < STATION_TRACE_NCH; k++)
            if (strcmp(station_trace_channel(k), band->channel) == 0)
                col = k;
        assert_true(col > 0);
        assert_true(band->t_start_s >= tr->v[0][0] && band->t_end_s <= tr->v[tr->npoints - 1][0]);
        alt_bands += col == 2;
        if (band->mark != MARK_EXCELLENT || col == 6) /* a heading's band may wrap past 360 */
            continue;
        for (int i = 0; i < tr->npoints; i++)
            if (tr->v[i][0] >= band->t_start_s && tr->v[i][0] <= band->t_end_s) {
                assert_true(tr->v[i][col] >= band->lo && tr->v[i][col] <= band->hi);
                checked++;
            }
    }
    print_message("replay overlays: %d points, %d bands, %d samples checked inside Excellent bands\n", tr->npoints,
                  tr->nbands, checked);
    assert_true(alt_bands >= 1); /* straight and level grades the altitude */
    assert_true(checked > 100);
    free(tr);
}

static void a_replay_shows_the_past_while_time_stands_still(void **state)
{
    fixture *f = *state;
    double t_now = replay_after(f, 30.0, 20.0, 2.0);
    station_snapshot a = snap(f);
    assert_true(a.replay);
    assert_near(a.ins.t_s, t_now - 20.0, 0.3);
    replay_overlays_are_the_flights(f, &a, t_now);
    run(f, 5.0); /* 5 s at twice the speed: 10 s of the past */
    station_snapshot b = snap(f);
    assert_true(b.replay);
    assert_near(b.ins.t_s, t_now - 10.0, 0.3);
    run(f, 6.0); /* the replay reaches the present and the flight goes on */
    station_snapshot e = snap(f);
    assert_false(e.replay);
    assert_int_equal(e.status, STATION_RUNNING);
    assert_true(e.ins.t_s > t_now && e.ins.t_s < t_now + 2.0); /* time stood still in the replay */

    /* a pause asked for during a replay holds after it */
    station_cmd c = replay_cmd(4.0, 4.0);
    submit(f, c);
    run(f, 0.5);
    submit(f, simple(SCMD_PAUSE));
    run(f, 2.0); /* the replay ends */
    station_snapshot p = snap(f);
    assert_false(p.replay);
    assert_int_equal(p.status, STATION_PAUSED);
    double t_paused = p.ins.t_s;
    run(f, 1.0);
    assert_true(snap(f).ins.t_s == t_paused);
}

/* Once the sortie has ended, its last minutes replay for the debrief:
 * the instruments and the overlays (with the bands of the elements as
 * they stood at the end) go back and play forward, the status stays
 * "ended", and the replay stopped (or run out) shows the end again; the
 * next start replays its own flight only.  Before anything was flown
 * there is nothing to replay. */
static void a_sortie_ended_replays_in_the_debrief(void **state)
{
    fixture *f = *state;
    station_cmd c = replay_cmd(20.0, 2.0);
    submit(f, c); /* idle: nothing flown yet */
    run(f, 0.1);
    assert_last_error(f, "no sortie in progress");
    submit(f, start_cmd("super-mushak/straight-and-level", "reference", NULL));
    run(f, 30.0);
    submit(f, simple(SCMD_END));
    run(f, 0.1);
    settle(f);
    station_snapshot e = snap(f);
    assert_int_equal(e.status, STATION_ENDED);
    const double t_end = e.ins.t_s;
    submit(f, c);
    run(f, 1.0 / 30.0);
    station_snapshot a = snap(f);
    assert_true(a.replay);
    assert_int_equal(a.status, STATION_ENDED);
    assert_near(a.ins.t_s, t_end - 20.0, 0.3);
    replay_overlays_are_the_flights(f, &a, t_end);
    run(f, 5.0); /* twice the speed: 10 s of the past */
    assert_near(snap(f).ins.t_s, t_end - 10.0, 0.3);
    submit(f, simple(SCMD_REPLAY_STOP));
    run(f, 0.1);
    station_snapshot z = snap(f);
    assert_false(z.replay);
    assert_int_equal(z.status, STATION_ENDED);
    assert_near(z.ins.t_s, t_end, 0.15); /* as it ended */
    /* run out: the end again */
    submit(f, replay_cmd(10.0, 8.0));
    run(f, 2.0);
    assert_false(snap(f).replay);
    assert_near(snap(f).ins.t_s, t_end, 0.15);
    /* the next sortie replays its own flight, not the last one's */
    submit(f, start_cmd("super-mushak/steep-turns", "reference", NULL));
    run(f, 3.0);
    submit(f, replay_cmd(60.0, 1.0));
    run(f, 1.0 / 30.0);
    assert_true(snap(f).replay);
    assert_true(snap(f).ins.t_s < 0.5); /* from the new sortie's start */
}

/* Flies straight and level `seconds` for PAF-1 and ends it; the stored
 * sortie's recording into path (the records held one sortie before). */
static void fly_one_stored(fixture *f, double seconds, char path[512])
{
    submit(f, start_cmd("super-mushak/straight-and-level", "reference", "PAF-1"));
    run(f, seconds);
    submit(f, simple(SCMD_END));
    run(f, 0.1);
    settle(f);
    int ns;
    records_sortie *so = stored_sorties(f, &ns);
    assert_int_equal(ns, 1);
    snprintf(path, 512, "%s", so[0].recording);
    free(so);
}

/* The flight of the stored sortie `path` records, for the replay. */
static station_cmd load_cmd(const char *path)
{
    rec_data rec;
    saqr_err err = {""};
    if (rec_read(path, &rec, &err))
        fail_msg("%s", err.msg);
    station_cmd c = simple(SCMD_LOAD_FLIGHT);
    assert_int_equal(station_flight_from_recording(&rec, NULL, NAN, &c.flight, &err), SAQR_OK);
    rec_data_free(&rec);
    assert_non_null(c.flight);
    c.flight->sortie_id = 7;
    snprintf(c.flight->lesson_title, sizeof c.flight->lesson_title, "Straight and level (stored)");
    return c;
}

/* A stored sortie's flight loaded into the replay: refused while a sortie
 * is flown (and freed: the sanitizers' run finds a leak), taken once it
 * has ended and from the idle station too (the idle aircraft making way),
 * shown as ended with its lesson and its end's instruments, replayed from
 * the Replay panel; a flight still queued when the station stops is
 * freed with it. */
static void a_stored_sortie_replays_at_the_station(void **state)
{
    fixture *f = *state;
    char path[512];
    fly_one_stored(f, 25.0, path);
    const double t_end = snap(f).ins.t_s;

    submit(f, start_cmd("super-mushak/steep-turns", "reference", NULL));
    run(f, 2.0);
    submit(f, load_cmd(path));
    run(f, 0.1);
    assert_last_error(f, "replay: a sortie is being flown");
    assert_int_equal(snap(f).status, STATION_RUNNING);
    submit(f, simple(SCMD_END));
    run(f, 0.1);
    settle(f);

    submit(f, load_cmd(path));
    run(f, 0.1);
    station_snapshot n = snap(f);
    assert_int_equal(n.status, STATION_ENDED);
    assert_false(n.replay);
    assert_string_equal(n.lesson_id, "super-mushak/straight-and-level");
    assert_string_equal(n.lesson_title, "Straight and level (stored)");
    assert_near(n.ins.t_s, t_end, 0.15);
    assert_told(f, "replay: sortie 7 (super-mushak/straight-and-level) loaded");
    station_cmd c = replay_cmd(20.0, 1.0);
    submit(f, c);
    run(f, 1.0 / 30.0);
    n = snap(f);
    assert_true(n.replay);
    assert_near(n.ins.t_s, t_end - 20.0, 0.3);
    assert_true(n.ins.ias_kt > 90.0 && n.ins.ias_kt < 130.0); /* the stored flight's cruise */
    run(f, 5.0);
    assert_near(snap(f).ins.t_s, t_end - 15.0, 0.3);
    /* a new sortie flies as ever */
    submit(f, start_cmd("super-mushak/steep-turns", "reference", NULL));
    run(f, 1.0);
    assert_int_equal(snap(f).status, STATION_RUNNING);
    assert_false(snap(f).replay);
    /* one still queued at the stop: freed with the station */
    submit(f, simple(SCMD_END));
    submit(f, load_cmd(path));
}

/* A stored flight loaded into the station just started (idle): the idle
 * aircraft makes way and the flight shows as ended. */
static void a_stored_sortie_replays_at_the_idle_station(void **state)
{
    fixture *f = *state;
    char path[512];
    fly_one_stored(f, 5.0, path);
    station_destroy(f->st);
    create_station(f);
    assert_int_equal(snap(f).status, STATION_IDLE);
    submit(f, load_cmd(path));
    run(f, 0.1);
    station_snapshot n = snap(f);
    assert_int_equal(n.status, STATION_ENDED);
    assert_near(n.ins.t_s, 5.0, 0.2);
}

/* A replay of more than STATION_TRACE_MAX_POINTS samples: its overlays
 * are thinned evenly across the whole window and end at its newest. */
static void a_long_replays_overlays_are_thinned_evenly(void **state)
{
    fixture *f = *state;
    double t_now = replay_after(f, 150.0, 150.0, 8.0);
    station_replay_trace *tr = malloc(sizeof *tr);
    assert_non_null(tr);
    assert_true(station_replay_trace_get(f->st, tr) == snap(f).replay_epoch);
    assert_in_range(tr->npoints, 740, STATION_TRACE_MAX_POINTS); /* ~1,500 samples, every second one */
    assert_near(tr->v[tr->npoints - 1][0], t_now, 0.15);
    assert_true(tr->v[0][0] < t_now - 148.0);
    for (int i = 1; i < tr->npoints - 1; i++)
        assert_near(tr->v[i][0] - tr->v[i - 1][0], 0.2, 1e-6);
    free(tr);
}

static void a_bad_lesson_is_refused_and_the_station_goes_on(void **state)
{
    fixture *f = *state;
    static const char *const bad[] = {"../../etc/passwd", "super-mushak/no-such-lesson", "super-mushak", "A/B"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        submit(f, start_cmd(bad[i], "reference", NULL));
        run(f, 0.1);
        assert_last_error(f, "cannot start");
        assert_int_equal(snap(f).status, STATION_IDLE);
    }
    submit(f, start_cmd("super-mushak/straight-and-level", "reference", NULL));
    run(f, 1.0);
    assert_int_equal(snap(f).status, STATION_RUNNING);
}

/* ------------------------------------------------ the sky for FlightGear */

/* What arrives on fd while the station runs `seconds` more. */
static void sky_receive(fixture *f, int fd, double seconds, char *buf, size_t n)
{
    size_t got = 0;
    for (int i = 0; i < (int)(seconds * 60.0); i++) {
        run(f, 2.0 / 120.0);
        struct pollfd pfd = {fd, POLLIN, 0};
        while (got + 1 < n && poll(&pfd, 1, 0) == 1) {
            ssize_t r = recv(fd, buf + got, n - 1 - got, 0);
            if (r <= 0)
                break;
            got += (size_t)r;
        }
    }
    buf[got] = '\0';
}

/* The fixture's station made again with FlightGear on 127.0.0.1: its
 * view's UDP port and its property server's (0: none). */
static void recreate_with_flightgear_mp(fixture *f, int fg_port, int props_port, int mp_port, const char *mp_model)
{
    station_destroy(f->st);
    f->st = NULL;
    saqr_err err = {""};
    char work[300];
    snprintf(work, sizeof work, "%s/work", f->dir);
    rt_clock clock = {no_clock, no_sleep, NULL};
    station_config c = {SAQR_ROOT_DIR, SAQR_ROOT_DIR "/lessons", &f->airports, f->db_url, work, NULL, clock, 30.0,
                        "127.0.0.1", fg_port, NULL, 0, props_port, mp_port, mp_model};
    if (station_create(&c, &f->st, &err))
        fail_msg("%s", err.msg);
}

static void recreate_with_flightgear(fixture *f, int fg_port, int props_port)
{
    recreate_with_flightgear_mp(f, fg_port, props_port, 0, NULL);
}

/* With FlightGear's property server given (--fg-props), the station sends
 * the sky of the lesson flying (the idle one's: a clear noon), then a new
 * lesson's own <sky> (the missed approach's overcast at 150 ft, 800 m, at
 * Islamabad), then the instructor's weather as it changes it. */
static void the_instructors_sky_reaches_flightgears_property_server(void **state)
{
    fixture *f = *state;
    int port;
    int srv = loopback_socket(SOCK_STREAM, &port);
    recreate_with_flightgear(f, 5502, port);
    run(f, 0.1);
    struct pollfd pfd = {srv, POLLIN, 0};
    assert_int_equal(poll(&pfd, 1, 1000), 1);
    int fg = accept(srv, NULL, NULL);
    assert_true(fg >= 0);
    char buf[4096];
    sky_receive(f, fg, 0.2, buf, sizeof buf);
    assert_true(strncmp(buf, "data\r\n", 6) == 0);
    assert_non_null(strstr(buf, "set /environment/metar/data OPRS 011200Z 00000KT 9999 SKC 15/07 Q1013\r\n"));
    assert_non_null(strstr(buf, "run timeofday noon\r\n"));
    station_snapshot n = snap(f); /* what the instructor's Loop panel says */
    assert_int_equal(n.fg_stream, 1);
    assert_true(n.fg_packets > 0);
    assert_int_equal(n.fg_sky, 1);
    assert_int_equal(n.fg_skies, 1);

    submit(f, start_cmd("jf17/missed-approach", "reference", NULL));
    sky_receive(f, fg, 0.5, buf, sizeof buf);
    if (!strstr(buf, "OPIS 011200Z 00000KT 0800 FG OVC001 15/15 Q1013\r\n"))
        fail_msg("sent: %s", buf);

    station_cmd w = simple(SCMD_WEATHER);
    w.weather = sortie_weather_unchanged();
    w.weather.visibility_m = 1200.0;
    w.weather.cloud_cover = 4.0;
    w.weather.cloud_base_ft = 300.0;
    w.weather.time_of_day = 4.0;
    submit(f, w);
    sky_receive(f, fg, 0.2, buf, sizeof buf);
    if (!strstr(buf, "OPIS 011200Z 00000KT 1200 BR OVC003 15/14 Q1013\r\n") ||
        !strstr(buf, "set /environment/config/presets/visibility-m 1200\r\n") ||
        !strstr(buf, "run timeofday dusk\r\n"))
        fail_msg("sent: %s", buf);
    assert_null(strstr(buf, "/models/model[900]/load")); /* no ground reference: no beacon */

    /* a ground reference: the beacon on the exercise's point, at the
     * runway's elevation (OPRS 27L, 1,050 ft) */
    submit(f, start_cmd("super-mushak/turns-around-a-point", "reference", NULL));
    sky_receive(f, fg, 0.5, buf, sizeof buf);
    if (!strstr(buf, "set /saqr/ground-point/latitude-deg 34.0119200\r\n") ||
        !strstr(buf, "set /saqr/ground-point/longitude-deg 71.9863000\r\n") ||
        !strstr(buf, "set /saqr/ground-point/elevation-ft 1050.0\r\n") ||
        !strstr(buf, "set /models/model[900]/load true\r\n"))
        fail_msg("sent: %s", buf);
    close(fg);
    close(srv);
    /* FlightGear gone: the link says so (and tries again every 2 s) */
    run(f, 0.2);
    assert_int_equal(snap(f).fg_sky, 0);

    /* the property server without FlightGear's host is refused */
    station *none = NULL;
    saqr_err err = {""};
    rt_clock clock = {no_clock, no_sleep, NULL};
    station_config bad = {SAQR_ROOT_DIR, SAQR_ROOT_DIR "/lessons", &f->airports, f->db_url, f->dir, NULL, clock, 30.0,
                          NULL, 0, NULL, 0, port, 0, NULL};
    assert_int_equal(station_create(&bad, &none, &err), SAQR_EINVAL);
    assert_non_null(strstr(err.msg, "FlightGear's host"));
    assert_null(none);
}

/* The instructor takes a formation up again after the trainee lost the
 * lead (here the trainee closed the throttle and fell behind): the
 * lead back at the lesson's place about the aircraft, told to the
 * instructor; refused in a lesson without a lead and during a replay. */
static void the_instructor_rejoins_a_formation_the_trainee_lost(void **state)
{
    fixture *f = *state;
    submit(f, start_cmd("super-mushak/steep-turns", "trainee", NULL));
    run(f, 0.5);
    submit(f, simple(SCMD_REJOIN));
    run(f, 5.0 / 120.0);
    assert_last_error(f, "rejoin: the lesson has no lead");
    submit(f, start_cmd("super-mushak/formation", "trainee", NULL));
    run(f, 0.5);
    double v[CONTROLS_COUNT] = {0};
    station_set_controls(f->st, 1u << CONTROLS_THROTTLE, v);
    run(f, 15.0);
    station_snapshot n = snap(f);
    assert_int_equal(n.has_lead, 1);
    const double lost = hypot(n.lead.ahead_ft + 100.0, n.lead.right_ft - 100.0);
    printf("15 s at idle: %.0f ft from the station (%.0f ft ahead of the lead)\n", lost, n.lead.ahead_ft);
    assert_true(lost > 100.0 && n.lead.ahead_ft < -150.0);
    submit(f, simple(SCMD_REJOIN));
    run(f, 0.1); /* the next snapshots: the lead has flown on 0.1 s at the aircraft's speed */
    n = snap(f);
    printf("rejoined: %.1f ft ahead, %.1f ft right, %.1f ft above\n", n.lead.ahead_ft, n.lead.right_ft,
           n.lead.above_ft);
    assert_true(fabs(n.lead.ahead_ft + 100.0) < 2.0 && fabs(n.lead.right_ft - 100.0) < 2.0 &&
                fabs(n.lead.above_ft) < 2.0);
    char msg[600];
    int err = 0, told = 0;
    while (station_message(f->st, &f->errors_seen, msg, sizeof msg, &err))
        told |= !err && strstr(msg, "the formation taken up again, 100 ft behind and 100 ft right of the lead");
    assert_true(told);
    station_cmd replay = replay_cmd(1.0, 1.0);
    submit(f, replay);
    run(f, 0.1);
    submit(f, simple(SCMD_REJOIN));
    run(f, 5.0 / 120.0);
    assert_last_error(f, "rejoin: not during a replay");
}

/* The newest multiplayer message waiting on `sock` into msg, the older
 * ones drained; how many there were. */
static int newest_mp_message(int sock, uint8_t msg[FGMP_PACKET_BYTES])
{
    uint8_t buf[512];
    ssize_t len;
    int n = 0;
    while ((len = recv(sock, buf, sizeof buf, MSG_DONTWAIT)) > 0) {
        assert_int_equal(len, FGMP_PACKET_BYTES);
        memcpy(msg, buf, FGMP_PACKET_BYTES);
        n++;
    }
    return n;
}

/* The Earth-centred position (m) a multiplayer message carries, after
 * its header, the model's path, its time and lag (fgmp.h). */
static void mp_position(const uint8_t msg[FGMP_PACKET_BYTES], double ecef_m[3])
{
    for (int i = 0; i < 3; i++) {
        uint64_t u = 0;
        for (int b = 0; b < 8; b++)
            u = u << 8 | msg[FGMP_HEADER_BYTES + FGMP_MODEL_MAX + 16 + 8 * i + b];
        memcpy(&ecef_m[i], &u, sizeof u);
    }
}

/* A formation lesson's lead goes to FlightGear's multiplayer input
 * (--fg-mp) about 20 times a second, as a position message where the
 * sortie has it (fgmp.h; test_fgmp reads the message's fields), with the
 * model the instructor named; nothing without a lead.  In a replay the
 * lead replays beside the aircraft: the instructor's state and the
 * messages show where it was then, not where it is.  The input without
 * FlightGear's host, and a model that cannot be sent, are refused. */
static void a_formations_lead_reaches_flightgears_multiplayer_input(void **state)
{
    fixture *f = *state;
    int port;
    int rx = loopback_socket(SOCK_DGRAM, &port);
    recreate_with_flightgear_mp(f, 5502, 0, port, "Aircraft/JF-17/Models/JF-17.xml");
    submit(f, start_cmd("super-mushak/steep-turns", "reference", NULL));
    run(f, 1.0);
    uint8_t msg[512];
    assert_true(recv(rx, msg, sizeof msg, MSG_DONTWAIT) < 0); /* no lead, nothing sent */
    submit(f, start_cmd("super-mushak/formation", "reference", NULL));
    run(f, 1.0);
    int n = 0;
    ssize_t len, last = 0;
    while ((len = recv(rx, msg, sizeof msg, MSG_DONTWAIT)) > 0) {
        n++;
        last = len;
    }
    printf("%d lead messages in 1 s of flight\n", n);
    assert_true(n >= 15 && n <= 25);
    assert_int_equal(last, FGMP_PACKET_BYTES);
    assert_int_equal(msg[0] << 24 | msg[1] << 16 | msg[2] << 8 | msg[3], (int)FGMP_MAGIC);
    assert_string_equal((const char *)msg + 24, "LEAD");
    assert_string_equal((const char *)msg + FGMP_HEADER_BYTES, "Aircraft/JF-17/Models/JF-17.xml");
    /* the instructor's state has the lead; 4 s on, a replay of the last
     * 5 s shows the lead of then beside the aircraft of then, and sends
     * it to FlightGear at the same rate */
    station_snapshot live = snap(f);
    assert_int_equal(live.has_lead, 1);
    uint8_t then_msg[FGMP_PACKET_BYTES];
    run(f, 4.0);
    (void)newest_mp_message(rx, msg);
    station_cmd replay = replay_cmd(5.0, 1.0);
    submit(f, replay);
    run(f, 5.0 / 120.0);
    (void)newest_mp_message(rx, then_msg);
    run(f, 1.0);
    station_snapshot then = snap(f);
    assert_true(then.replay);
    assert_int_equal(then.has_lead, 1);
    n = newest_mp_message(rx, then_msg);
    printf("replayed at %.1f s: the lead %.1f ft ahead, %.1f ft right (%d messages in 1 s); flown at %.1f s: "
           "%.1f, %.1f\n",
           then.ins.t_s, then.lead.ahead_ft, then.lead.right_ft, n, live.ins.t_s, live.lead.ahead_ft,
           live.lead.right_ft);
    assert_true(n >= 15 && n <= 25);
    /* the replay's samples are a tenth of a second apart: the lead's
     * place from the aircraft as it was within that of the same time */
    assert_true(fabs(then.ins.t_s - live.ins.t_s) < 0.2);
    assert_true(fabs(then.lead.ahead_ft - live.lead.ahead_ft) < 3.0);
    assert_true(fabs(then.lead.right_ft - live.lead.right_ft) < 3.0);
    assert_true(fabs(then.lead.lat_deg - live.lead.lat_deg) < 3e-5); /* ~10 ft: 0.1 s at 100 kt is 17 ft */
    /* the message of then against the message of now: some 4 s of the
     * lead's flight at 100 kt apart, and the replayed one the lead then */
    double now_m[3], then_m[3];
    mp_position(msg, now_m);
    mp_position(then_msg, then_m);
    const double apart_ft = sqrt(pow(now_m[0] - then_m[0], 2) + pow(now_m[1] - then_m[1], 2) +
                                 pow(now_m[2] - then_m[2], 2)) / 0.3048;
    printf("the replayed lead's message %.0f ft from the last one flown\n", apart_ft);
    assert_true(apart_ft > 400.0 && apart_ft < 1000.0);
    submit(f, simple(SCMD_REPLAY_STOP));
    run(f, 0.2);
    assert_int_equal(snap(f).has_lead, 1);
    assert_false(snap(f).replay);
    close(rx);

    station *none = NULL;
    saqr_err err = {""};
    rt_clock clock = {no_clock, no_sleep, NULL};
    station_config bad = {SAQR_ROOT_DIR, SAQR_ROOT_DIR "/lessons", &f->airports, f->db_url, f->dir, NULL, clock, 30.0,
                          NULL, 0, NULL, 0, 0, port, NULL};
    assert_int_equal(station_create(&bad, &none, &err), SAQR_EINVAL);
    assert_non_null(strstr(err.msg, "multiplayer input needs FlightGear's host"));
    assert_null(none);
    bad.fg_host = "127.0.0.1";
    bad.fg_mp_model = "Aircraft/my lead.xml";
    assert_int_equal(station_create(&bad, &none, &err), SAQR_EINVAL);
    assert_non_null(strstr(err.msg, "the lead's model for FlightGear"));
    assert_null(none);
}

/* The newest packet FlightGear was sent, the older ones drained: its
 * position from FlightGear's v24 layout, big-endian - longitude and
 * latitude (rad) at bytes 8 and 16.  0 when none came. */
static int newest_fg_position(int sock, double *lat_deg, double *lon_deg)
{
    unsigned char buf[1024], last[1024];
    ssize_t n, got = 0;
    while ((n = recv(sock, buf, sizeof buf, MSG_DONTWAIT)) > 0) {
        memcpy(last, buf, (size_t)n);
        got = n;
    }
    if (got < 24)
        return 0;
    double v[2];
    for (int k = 0; k < 2; k++) {
        uint64_t u = 0;
        for (int i = 0; i < 8; i++)
            u = (u << 8) | last[8 + 8 * k + i];
        memcpy(&v[k], &u, 8);
    }
    *lon_deg = v[0] * DEG_PER_RAD;
    *lat_deg = v[1] * DEG_PER_RAD;
    return 1;
}

/* With FlightGear's view (--fg), a replay plays there too: the packets
 * sent during a replay put the aircraft where the replayed instruments
 * say it was, 20 s back along its track (about 1,100 m at 110 kt), not
 * where the paused aircraft is; after the replay, where it is again. */
static void a_replay_plays_in_flightgears_view_too(void **state)
{
    fixture *f = *state;
    int port;
    int sock = loopback_socket(SOCK_DGRAM, &port);
    recreate_with_flightgear(f, port, 0);
    submit(f, start_cmd("super-mushak/straight-and-level", "reference", NULL));
    run(f, 30.0);
    station_snapshot now = snap(f);
    double lat, lon;
    (void)newest_fg_position(sock, &lat, &lon); /* drained: the socket's buffer holds the oldest */
    run(f, 0.2);
    assert_true(newest_fg_position(sock, &lat, &lon));
    assert_near(lat, now.ins.lat_deg, 1e-3);
    assert_near(lon, now.ins.lon_deg, 1e-3);

    station_cmd r = replay_cmd(20.0, 1.0);
    submit(f, r);
    run(f, 1.0);
    (void)newest_fg_position(sock, &lat, &lon);
    run(f, 0.2);
    station_snapshot past = snap(f);
    assert_true(past.replay);
    assert_near(past.ins.t_s, now.ins.t_s - 20.0 + 1.2, 0.2);
    assert_true(newest_fg_position(sock, &lat, &lon));
    print_message("replay in FlightGear: at %.5f %.5f, the replayed instruments %.5f %.5f, the aircraft %.5f %.5f\n",
                  lat, lon, past.ins.lat_deg, past.ins.lon_deg, now.ins.lat_deg, now.ins.lon_deg);
    assert_near(lat, past.ins.lat_deg, 1e-4); /* within a replay sample's travel */
    assert_near(lon, past.ins.lon_deg, 1e-4);
    assert_true(fabs(lon - now.ins.lon_deg) > 0.008); /* heading 270: 1,100 m west is 0.012 deg */

    run(f, 20.0); /* the replay reaches the present and the flight goes on */
    assert_false(snap(f).replay);
    (void)newest_fg_position(sock, &lat, &lon);
    run(f, 0.2);
    station_snapshot after = snap(f);
    assert_true(newest_fg_position(sock, &lat, &lon));
    assert_near(lat, after.ins.lat_deg, 1e-3);
    assert_near(lon, after.ins.lon_deg, 1e-3);
    close(sock);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(idle_the_aircraft_stands_ready_and_time_does_not_run, setup, teardown),
        cmocka_unit_test_setup_teardown(a_formations_lead_reaches_flightgears_multiplayer_input, setup, teardown),
        cmocka_unit_test_setup_teardown(the_instructor_rejoins_a_formation_the_trainee_lost, setup, teardown),
        cmocka_unit_test_setup_teardown(the_instructors_sky_reaches_flightgears_property_server, setup, teardown),
        cmocka_unit_test_setup_teardown(a_replay_plays_in_flightgears_view_too, setup, teardown),
        cmocka_unit_test_setup_teardown(a_lesson_flown_through_the_station_grades_as_headless_and_is_stored, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(a_fault_demonstrated_from_the_station_grades_as_headless, setup, teardown),
        cmocka_unit_test_setup_teardown(a_station_run_again_never_writes_over_a_stored_recording, setup, teardown),
        cmocka_unit_test_setup_teardown(a_sortie_being_stored_does_not_hold_the_station, setup, teardown),
        cmocka_unit_test_setup_teardown(two_sorties_finished_together_both_have_their_debrief, setup, teardown),
        cmocka_unit_test_setup_teardown(every_sortie_refused_in_a_long_outage_is_stored_after_it, setup, teardown),
        cmocka_unit_test_setup_teardown(a_sortie_the_records_refuse_can_be_stored_later_from_its_recording, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(a_sortie_cut_short_by_a_station_stop_is_stored_when_it_runs_again, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(the_fuel_flow_reads_in_kilograms_an_hour_like_the_fuel, setup, teardown),
        cmocka_unit_test_setup_teardown(the_simulation_thread_runs_at_real_time_priority_where_allowed, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(lined_up_on_the_runway_the_engine_idles_from_the_first_frame, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(total_freeze_stops_time_and_resume_restarts_it, setup, teardown),
        cmocka_unit_test_setup_teardown(an_engine_failure_makes_the_rpm_fall, setup, teardown),
        cmocka_unit_test_setup_teardown(a_gear_failure_on_a_fixed_gear_is_refused_with_its_reason, setup, teardown),
        cmocka_unit_test_setup_teardown(the_trainees_controls_reach_the_aircraft_only_when_the_trainee_flies, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(only_a_retractable_gear_has_a_lever, setup, teardown),
        cmocka_unit_test_setup_teardown(the_jf17s_afterburner_gauge_shows_the_reheat_the_lever_asks_for, setup, teardown),
        cmocka_unit_test_setup_teardown(the_stations_quadrant_gate_follows_the_aircrafts_military_detent, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(the_speed_brake_is_the_trainees_where_the_aircraft_has_one, setup, teardown),
        cmocka_unit_test_setup_teardown(at_the_hand_over_the_controls_go_where_the_trainee_holds_them, setup, teardown),
        cmocka_unit_test_setup_teardown(a_start_readies_its_sortie_before_the_simulation_thread_takes_it, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(an_element_in_flight_names_its_worst_moment_and_where_it_was_left, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(i_have_control_at_the_station_and_you_have_control_back, setup, teardown),
        cmocka_unit_test_setup_teardown(the_instructors_snapshots_are_recalled_from_the_station, setup, teardown),
        cmocka_unit_test_setup_teardown(the_instructor_rewinds_and_notes_from_the_station, setup, teardown),
        cmocka_unit_test_setup_teardown(the_instructor_marks_an_item_in_flight, setup, teardown),
        cmocka_unit_test_setup_teardown(a_sortie_ended_replays_in_the_debrief, setup, teardown),
        cmocka_unit_test_setup_teardown(a_stored_sortie_replays_at_the_station, setup, teardown),
        cmocka_unit_test_setup_teardown(a_stored_sortie_replays_at_the_idle_station, setup, teardown),
        cmocka_unit_test_setup_teardown(a_crash_at_the_station_holds_the_sortie_for_the_instructor, setup, teardown),
        cmocka_unit_test_setup_teardown(a_reposition_to_another_runway_becomes_the_stations_runway, setup, teardown),
        cmocka_unit_test_setup_teardown(a_navigation_sortie_shows_the_leg_flown_live, setup, teardown),
        cmocka_unit_test_setup_teardown(a_turns_around_a_point_sortie_shows_the_circle_live, setup, teardown),
        cmocka_unit_test_setup_teardown(the_instructor_calls_a_diversion_from_the_station, setup, teardown),
        cmocka_unit_test_setup_teardown(the_flights_events_are_told_as_they_happen, setup, teardown),
        cmocka_unit_test_setup_teardown(a_lessons_malfunction_is_told_when_it_happens, setup, teardown),
        cmocka_unit_test_setup_teardown(a_replay_shows_the_past_while_time_stands_still, setup, teardown),
        cmocka_unit_test_setup_teardown(a_long_replays_overlays_are_thinned_evenly, setup, teardown),
        cmocka_unit_test_setup_teardown(a_bad_lesson_is_refused_and_the_station_goes_on, setup, teardown),
        cmocka_unit_test_setup_teardown(a_list_longer_than_the_station_keeps_is_set_aside_not_lost, setup, teardown),
        cmocka_unit_test_setup_teardown(an_unreadable_list_of_waiting_sorties_is_set_aside_not_lost, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
