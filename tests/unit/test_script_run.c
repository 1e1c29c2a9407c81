/*
 * test_script_run.c - JSBSim scripts run by the executive: event
 * conditions of every form trigger when JSBSim's rules say, and
 * notifications show what the API reads.  Conditions trigger whatever
 * shortcut script.c takes (an AND of comparisons is gated on its first;
 * an OR is not).  The times are those of JSBSim's FGScript::RunScript: the
 * events run at the start of each frame, after the clock advanced, so a
 * condition on simulation/sim-time-sec fires at the first frame whose
 * time meets it (frames of 0.00833333 s: 0.25 is first met at frame 31,
 * 0.258333 s, and "gt 0.3" at frame 37, 0.308333 s).  JSBSim 1.3 run on
 * the same script printed these three lines, in this order.
 */
#include "fdm_util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_LINES 16

typedef struct lines {
    char text[MAX_LINES][256];
    int n;
} lines;

static void keep_line(void *user, const char *text)
{
    lines *l = user;
    if (l->n < MAX_LINES && strstr(text, "executed at time"))
        snprintf(l->text[l->n++], sizeof l->text[0], "%s", text);
}

/* Runs the c172x at reset01 for 0.6 s with the given events, each log
 * line to `log`. */
static void run_events(const char *events, saqr_log_fn log, void *user)
{
    char root[1024], path[] = "/tmp/saqr_test_script_XXXXXX";
    test_shared_path(root, sizeof root, "reference/jsbsim");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *fp = fdopen(fd, "w");
    assert_non_null(fp);
    fprintf(fp,
            "<?xml version=\"1.0\"?>\n<runscript name=\"events\">\n"
            "<use aircraft=\"c172x\" initialize=\"reset01\"/>\n"
            "<run start=\"0.0\" end=\"0.6\" dt=\"0.00833333\">\n%s</run>\n</runscript>\n",
            events);
    fclose(fp);
    saqr_fdm *f = saqr_fdm_create(NULL);
    saqr_fdm_set_log(f, log, user);
    assert_int_equal(saqr_fdm_load_script(f, root, path), SAQR_OK);
    unlink(path);
    assert_int_equal(saqr_fdm_init(f), SAQR_OK);
    while (!saqr_fdm_script_done(f))
        assert_int_equal(saqr_fdm_step(f), SAQR_OK);
    saqr_fdm_destroy(f);
}

static void events_should_fire_when_their_conditions_first_hold(void **state)
{
    (void)state;
    lines l = {.n = 0};
    run_events("<event name=\"and\"><condition>\n simulation/sim-time-sec ge 0.25\n"
               " simulation/sim-time-sec lt 0.5\n</condition><notify/></event>\n"
               "<event name=\"or\"><condition logic=\"OR\">\n simulation/sim-time-sec ge 100\n"
               " fcs/aileron-cmd-norm ge -1\n</condition><notify/></event>\n"
               "<event name=\"gt\"><condition> simulation/sim-time-sec gt 0.3 </condition><notify/></event>\n"
               "<event name=\"never\"><condition>\n simulation/sim-time-sec ge 0.1\n"
               " simulation/sim-time-sec lt 0.05\n</condition><notify/></event>\n",
               keep_line, &l);
    assert_int_equal(l.n, 3);
    /* the OR holds from the start by its second member */
    assert_string_equal(l.text[0], "or (Event 1) executed at time: 0.00833333");
    assert_string_equal(l.text[1], "and (Event 0) executed at time: 0.258333");
    assert_string_equal(l.text[2], "gt (Event 2) executed at time: 0.308333");
}

/* A notification shows a property worked out only when read as the API
 * has it.  The value is JSBSim's: its own run of this script (the c172x at
 * reset01, the event at 0.508333 s) printed "flight-path/gamma-deg =
 * 2.1596". */
static void keep_gamma_line(void *user, const char *text)
{
    char *line = user;
    if (strstr(text, "flight-path/gamma-deg"))
        snprintf(line, 256, "%s", text);
}

static void a_notification_shows_a_property_worked_out_when_read(void **state)
{
    (void)state;
    char line[256] = "";
    run_events("<event name=\"show\"><condition> simulation/sim-time-sec >= 0.5 </condition>\n"
               "<notify><property>flight-path/gamma-deg</property></notify></event>\n",
               keep_gamma_line, line);
    double gamma = NAN;
    if (sscanf(line, " flight-path/gamma-deg = %lf", &gamma) != 1)
        fail_msg("no notification line (got \"%s\")", line);
    assert_near(gamma, 2.1596, 1e-4);
}

static void keep_unmodelled(void *user, const char *text)
{
    lines *l = user;
    if (l->n < MAX_LINES && strstr(text, "which Saqr does not model"))
        snprintf(l->text[l->n++], sizeof l->text[0], "%s", text);
}

/* JSBSim's humidity and graded temperature bias exist as properties a
 * script may set (JSBSim's scripts load and fly), but Saqr does not model
 * them: each place a script names one is warned about, with its line. */
static void humidity_in_a_script_is_warned_about_where_it_is_set(void **state)
{
    (void)state;
    lines l = {.n = 0};
    run_events("<property value=\"50\">atmosphere/RH</property>\n"
               "<event name=\"damp\"><condition> simulation/sim-time-sec ge 0.1 </condition>\n"
               "<set name=\"atmosphere/dew-point-R\" value=\"500\"/>\n"
               "<set name=\"atmosphere/SL-graded-delta-T\" value=\"10\"/></event>\n",
               keep_unmodelled, &l);
    assert_int_equal(l.n, 3);
    /* the run element's property is on line 5 of the written script, the
     * event's sets on 7 and 8 */
    assert_non_null(strstr(l.text[0], ":5: warning: \"atmosphere/RH\" is JSBSim's humidity"));
    assert_non_null(strstr(l.text[1], ":7: warning: \"atmosphere/dew-point-R\" is JSBSim's humidity"));
    assert_non_null(strstr(l.text[2], ":8: warning: \"atmosphere/SL-graded-delta-T\" is JSBSim's temperature bias"));
}

/* A script of the c172x at reset01 whose <run> has the attributes
 * `run_attrs`, loaded and initialised. */
static saqr_fdm *script_with_run(const char *run_attrs)
{
    char root[1024], path[] = "/tmp/saqr_test_script_XXXXXX", text[512];
    test_shared_path(root, sizeof root, "reference/jsbsim");
    snprintf(text, sizeof text,
             "<?xml version=\"1.0\"?>\n<runscript name=\"clock\">\n"
             "<use aircraft=\"c172x\" initialize=\"reset01\"/>\n<run %s/>\n</runscript>\n",
             run_attrs);
    test_write_temp(path, text);
    saqr_fdm *f = saqr_fdm_create(NULL);
    assert_non_null(f);
    assert_int_equal(saqr_fdm_load_script(f, root, path), SAQR_OK);
    unlink(path);
    assert_int_equal(saqr_fdm_init(f), SAQR_OK);
    return f;
}

static void run_until(saqr_fdm *f, double t_s)
{
    while (saqr_fdm_time(f) < t_s)
        assert_int_equal(saqr_fdm_step(f), SAQR_OK);
}

/* JSBSim's test_script_start_time, test_script_start_time_0 and
 * test_script_no_start_time (on its ball_orbit script there). */
static void the_clock_starts_and_restarts_at_the_runs_start_time(void **state)
{
    (void)state;
    static const struct {
        const char *attrs;
        double start_s;
    } runs[] = {{"start=\"1.2\" end=\"10\" dt=\"0.00833333\"", 1.2},
                {"start=\"0.0\" end=\"10\" dt=\"0.00833333\"", 0.0},
                {"end=\"10\" dt=\"0.00833333\"", 0.0}};
    for (size_t k = 0; k < sizeof runs / sizeof runs[0]; k++) {
        saqr_fdm *f = script_with_run(runs[k].attrs);
        assert_true(saqr_fdm_time(f) == runs[k].start_s);
        assert_true(fdm_get(f, "simulation/sim-time-sec") == runs[k].start_s);
        run_until(f, 5.0);
        fdm_set(f, "simulation/reset", 1.0);
        assert_true(saqr_fdm_time(f) == runs[k].start_s);
        assert_true(fdm_get(f, "simulation/sim-time-sec") == runs[k].start_s);
        saqr_fdm_destroy(f);
    }
}

/* JSBSim's test_no_script: an aircraft and its initialisation file. */
static void without_a_script_the_clock_starts_at_zero_and_a_trim_leaves_it(void **state)
{
    (void)state;
    saqr_fdm *f = fdm_c172_in_flight();
    assert_true(fdm_get(f, "simulation/sim-time-sec") == 0.0);
    run_until(f, 5.0);
    const double t = fdm_get(f, "simulation/sim-time-sec");
    fdm_set(f, "simulation/do_simple_trim", 1.0);
    assert_true(fdm_get(f, "simulation/sim-time-sec") == t);
    assert_true(saqr_fdm_time(f) == t);
    fdm_set(f, "simulation/reset", 1.0);
    assert_true(fdm_get(f, "simulation/sim-time-sec") == 0.0);
    saqr_fdm_destroy(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(events_should_fire_when_their_conditions_first_hold),
        cmocka_unit_test(a_notification_shows_a_property_worked_out_when_read),
        cmocka_unit_test(humidity_in_a_script_is_warned_about_where_it_is_set),
        cmocka_unit_test(the_clock_starts_and_restarts_at_the_runs_start_time),
        cmocka_unit_test(without_a_script_the_clock_starts_at_zero_and_a_trim_leaves_it),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
