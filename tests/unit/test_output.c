/*
 * test_output.c - JSBSim output directives on a bare property tree: the
 * header JSBSim writes (Time, then /fdm/jsbsim/ paths or captions), the
 * number format, the row timing of FGModel's frame counter (a row at time
 * 0, then every round(1/(rate dt)) frames), rate changes through
 * simulation/output/log_rate_hz, the numbered file after a reset (timing
 * checked against JSBSim's c172_cruise_8K_0.csv), groups and tabs.
 */
#include "test_util.h"

#include <math.h>
#include <unistd.h>

#include "load/jsbsim/jxml.h"
#include "script/output.h"

typedef struct fixture {
    char dir[64];
    arena ar;
    prop_tree t;
    saqr_err err;
    jx_ctx c;
    output_set *o;
    char warnings[2048];
} fixture;

static void collect(void *user, const char *msg)
{
    fixture *fx = user;
    size_t n = strlen(fx->warnings);
    snprintf(fx->warnings + n, sizeof fx->warnings - n, "%s\n", msg);
}

static int setup(void **state)
{
    fixture *fx = calloc(1, sizeof *fx);
    strcpy(fx->dir, "/tmp/saqr_test_output_XXXXXX");
    if (!mkdtemp(fx->dir))
        return -1;
    prop_tree_init(&fx->t, NULL);
    fx->c.ar = &fx->ar;
    fx->c.props = &fx->t;
    fx->c.err = &fx->err;
    fx->c.log = collect;
    fx->c.log_user = fx;
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;
    output_set_close(fx->o);
    jx_ctx_close(&fx->c);
    arena_free(&fx->ar);
    prop_tree_free(&fx->t);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", fx->dir);
    if (system(cmd) != 0)
        return -1;
    free(fx);
    return 0;
}

/* Loads `<output .../>` text (with %s for the directory) as a directive. */
static void load(fixture *fx, const char *xml_fmt)
{
    char path[128], xml[2048];
    snprintf(path, sizeof path, "%s/directive.xml", fx->dir);
    snprintf(xml, sizeof xml, xml_fmt, fx->dir);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(xml, fp);
    fclose(fp);
    xmlNode *root = jx_load_file(&fx->c, path);
    assert_non_null(root);
    assert_int_equal(output_set_add(&fx->c, &fx->o, root), SAQR_OK);
}

static int slot(fixture *fx, const char *name)
{
    return prop_intern(&fx->t, name, PROP_PRODUCED, NULL);
}

/* Whole file as text. */
static const char *slurp(const char *path, char *buf, size_t n)
{
    FILE *fp = fopen(path, "r");
    assert_non_null(fp);
    size_t k = fread(buf, 1, n - 1, fp);
    buf[k] = '\0';
    fclose(fp);
    return buf;
}

static int count_lines(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

static void properties_should_be_titled_and_printed_as_jsbsim_does(void **state)
{
    fixture *fx = *state;
    int h = slot(fx, "position/h-sl-ft");
    int rpm = slot(fx, "propulsion/engine[1]/engine-rpm");
    int q = slot(fx, "aero/qbar-psf");
    load(fx, "<output name=\"%s/a.csv\" type=\"CSV\" rate=\"20\">\n"
             "  <property> position/h-sl-ft </property>\n"
             "  <property> propulsion/engine[1]/engine-rpm </property>\n"
             "  <property caption=\"qbar\"> aero/qbar-psf </property>\n"
             "</output>\n");
    assert_int_equal(output_set_open(fx->o, &fx->t, 1.0 / 120.0, NULL, NULL, &fx->err), SAQR_OK);
    fx->t.v[h] = 4.30501796677708626; /* first value of expected/c1723.csv */
    fx->t.v[rpm] = 2400.0;
    fx->t.v[q] = 3.93485797952057072e-06;
    assert_int_equal(output_set_write_due(fx->o, fx->t.v, 0.0, &fx->err), SAQR_OK);
    output_set_close(fx->o);
    char buf[4096];
    slurp(output_set_file(fx->o, 0), buf, sizeof buf);
    assert_string_equal(buf, "Time,/fdm/jsbsim/position/h-sl-ft,/fdm/jsbsim/propulsion/engine[1]/engine-rpm,qbar\n"
                             "0,4.30501796677708626,2400,3.93485797952057072e-06\n");
}

static void rows_should_start_at_time_zero_and_follow_every_n_frames(void **state)
{
    fixture *fx = *state;
    int h = slot(fx, "position/h-sl-ft");
    load(fx, "<output name=\"%s/b.csv\" type=\"CSV\" rate=\"20\"><property>position/h-sl-ft</property></output>");
    double dt = 1.0 / 120.0;
    assert_int_equal(output_set_open(fx->o, &fx->t, dt, NULL, NULL, &fx->err), SAQR_OK);
    /* the init row, then 24 frames: rows at frames 0, 6, 12, 18, 24 */
    for (int k = 0; k <= 24; k++) {
        fx->t.v[h] = k;
        assert_int_equal(output_set_write_due(fx->o, fx->t.v, k * dt, &fx->err), SAQR_OK);
    }
    output_set_close(fx->o);
    char buf[4096];
    slurp(output_set_file(fx->o, 0), buf, sizeof buf);
    assert_string_equal(buf, "Time,/fdm/jsbsim/position/h-sl-ft\n0,0\n0.05,6\n0.1,12\n0.15,18\n0.2,24\n");
    /* the rate property reports what JSBSim's GetRateHz would */
    assert_near(fx->t.v[prop_find(&fx->t, "simulation/output/log_rate_hz")], 20.0, 1e-12);
}

static void setting_log_rate_hz_should_change_the_spacing(void **state)
{
    fixture *fx = *state;
    slot(fx, "position/h-sl-ft");
    load(fx, "<output name=\"%s/c.csv\" type=\"CSV\" rate=\"60\"><property>position/h-sl-ft</property></output>");
    double dt = 1.0 / 120.0;
    assert_int_equal(output_set_open(fx->o, &fx->t, dt, NULL, NULL, &fx->err), SAQR_OK);
    int rate = prop_find(&fx->t, "simulation/output/log_rate_hz");
    for (int k = 0; k <= 4; k++) /* every 2 frames: 0, 2, 4 */
        output_set_write_due(fx->o, fx->t.v, k * dt, &fx->err);
    fx->t.v[rate] = 10.0; /* a script asks for 10 Hz: every 12 frames */
    for (int k = 5; k <= 40; k++)
        output_set_write_due(fx->o, fx->t.v, k * dt, &fx->err);
    output_set_close(fx->o);
    char buf[4096];
    slurp(output_set_file(fx->o, 0), buf, sizeof buf);
    /* JSBSim keeps its frame counter across a rate change: it counts on
     * from 2 to the new period of 12, wraps, and writes at frame 16. */
    assert_int_equal(count_lines(buf), 1 + 3 + 3);
    assert_non_null(strstr(buf, "\n0.01666666667,"));
    assert_non_null(strstr(buf, "\n0.1333333333,"));
    assert_non_null(strstr(buf, "\n0.2333333333,"));
}

/* JSBSim's c172_cruise_8K_0.csv (dt 0.0083333, 20 Hz) starts after a reset
 * with rows at 0 and 0.0416665 = 5 frames: the reset frame counts. */
static void a_reset_should_open_the_next_numbered_file_with_the_initial_row(void **state)
{
    fixture *fx = *state;
    int h = slot(fx, "position/h-sl-ft");
    load(fx, "<output name=\"%s/run.csv\" type=\"CSV\" rate=\"20\"><property>position/h-sl-ft</property></output>");
    double dt = 0.0083333;
    assert_int_equal(output_set_open(fx->o, &fx->t, dt, NULL, NULL, &fx->err), SAQR_OK);
    for (int k = 0; k <= 3; k++)
        output_set_write_due(fx->o, fx->t.v, k * dt, &fx->err);
    /* inside a step: reset to time 0, initial altitude 4000 */
    fx->t.v[h] = 4000.0;
    output_set_on_reset(fx->o, fx->t.v, 0.0);
    fx->t.v[h] = 3999.0; /* the step goes on from the initial state */
    output_set_write_due(fx->o, fx->t.v, 0.0, &fx->err);
    for (int k = 1; k <= 11; k++)
        output_set_write_due(fx->o, fx->t.v, k * dt, &fx->err);
    output_set_close(fx->o);
    char path[128], buf[4096];
    snprintf(path, sizeof path, "%s/run_0.csv", fx->dir);
    assert_string_equal(output_set_file(fx->o, 0), path);
    slurp(path, buf, sizeof buf);
    assert_string_equal(buf, "Time,/fdm/jsbsim/position/h-sl-ft\n0,4000\n0.0416665,3999\n0.0916663,3999\n");
}

static void groups_and_tabs_should_follow_jsbsim_titles_and_units(void **state)
{
    fixture *fx = *state;
    int p = slot(fx, "velocities/p-rad_sec");
    slot(fx, "velocities/q-rad_sec");
    slot(fx, "velocities/r-rad_sec");
    load(fx, "<output name=\"%s/t.txt\" type=\"TABULAR\" rate=\"1\"><rates> ON </rates>"
             "<velocities> OFF </velocities></output>");
    assert_int_equal(output_set_open(fx->o, &fx->t, 0.5, collect, fx, &fx->err), SAQR_OK);
    fx->t.v[p] = 1.0;
    output_set_write_due(fx->o, fx->t.v, 0.0, &fx->err);
    output_set_close(fx->o);
    char buf[4096];
    slurp(output_set_file(fx->o, 0), buf, sizeof buf);
    assert_string_equal(buf, "Time\tP (deg/s)\tQ (deg/s)\tR (deg/s)\n0\t57.29577951\t0\t0\n");
    /* the rate derivatives and inertial rates are absent here: said once */
    assert_non_null(strstr(fx->warnings, "6 column(s) of <rates> are not available"));
}

static void a_missing_property_should_be_left_out_with_a_warning(void **state)
{
    fixture *fx = *state;
    slot(fx, "position/h-sl-ft");
    load(fx, "<output name=\"%s/m.csv\" type=\"CSV\"><property>no/such-thing</property>"
             "<property>position/h-sl-ft</property></output>");
    assert_int_equal(output_set_open(fx->o, &fx->t, 0.01, collect, fx, &fx->err), SAQR_OK);
    output_set_close(fx->o);
    char buf[4096];
    slurp(output_set_file(fx->o, 0), buf, sizeof buf);
    assert_string_equal(buf, "Time,/fdm/jsbsim/position/h-sl-ft\n");
    assert_non_null(strstr(fx->warnings, "no property \"no/such-thing\""));
}

static void an_unwritable_file_should_be_an_error_naming_it(void **state)
{
    fixture *fx = *state;
    load(fx, "<output name=\"%s/no/such/dir/x.csv\" type=\"CSV\"/>");
    assert_int_equal(output_set_open(fx->o, &fx->t, 0.01, NULL, NULL, &fx->err), SAQR_EIO);
    assert_non_null(strstr(fx->err.msg, "x.csv: cannot create"));
}

static void socket_outputs_should_be_skipped_and_bad_rates_refused(void **state)
{
    fixture *fx = *state;
    load(fx, "<output name=\"localhost\" type=\"SOCKET\" port=\"1138\" rate=\"20\"/><!-- %s -->");
    assert_int_equal(output_set_count(fx->o), 0);
    assert_non_null(strstr(fx->warnings, "output type \"SOCKET\" is not supported"));
    char path[128];
    snprintf(path, sizeof path, "%s/bad.xml", fx->dir);
    FILE *fp = fopen(path, "w");
    fputs("<output name=\"x.csv\" type=\"CSV\" rate=\"fast\"/>", fp);
    fclose(fp);
    xmlNode *root = jx_load_file(&fx->c, path);
    assert_int_equal(output_set_add(&fx->c, &fx->o, root), SAQR_EPARSE);
    assert_non_null(strstr(fx->err.msg, "bad.xml:1: rate=\"fast\" is not a number"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(properties_should_be_titled_and_printed_as_jsbsim_does, setup, teardown),
        cmocka_unit_test_setup_teardown(rows_should_start_at_time_zero_and_follow_every_n_frames, setup, teardown),
        cmocka_unit_test_setup_teardown(setting_log_rate_hz_should_change_the_spacing, setup, teardown),
        cmocka_unit_test_setup_teardown(a_reset_should_open_the_next_numbered_file_with_the_initial_row, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(groups_and_tabs_should_follow_jsbsim_titles_and_units, setup, teardown),
        cmocka_unit_test_setup_teardown(a_missing_property_should_be_left_out_with_a_warning, setup, teardown),
        cmocka_unit_test_setup_teardown(an_unwritable_file_should_be_an_error_naming_it, setup, teardown),
        cmocka_unit_test_setup_teardown(socket_outputs_should_be_skipped_and_bad_rates_refused, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
