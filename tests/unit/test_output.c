/*
 * test_output.c - JSBSim output directives on a bare property tree: the
 * header JSBSim writes (Time, then /fdm/jsbsim/ paths or captions), the
 * number format, the row timing of FGModel's frame counter (a row at time
 * 0, then every round(1/(rate dt)) frames), rate changes through
 * simulation/output/log_rate_hz, the numbered file after a reset (timing
 * checked against JSBSim's c172_cruise_8K_0.csv), groups and tabs.
 */
#include "jsb_fixture.h"

#include <math.h>

#include "script/output.h"

typedef struct fixture {
    jsb_fixture j;
    char dir[64];
    output_set *o;
} fixture;

static int setup(void **state)
{
    fixture *fx = calloc(1, sizeof *fx);
    assert_non_null(fx);
    jsb_open(&fx->j);
    strcpy(fx->dir, "/tmp/saqr_test_output_XXXXXX");
    if (!mkdtemp(fx->dir))
        return -1;
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;
    output_set_close(fx->o);
    jsb_close(&fx->j);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", fx->dir);
    if (system(cmd) != 0)
        return -1;
    free(fx);
    return 0;
}

/* Writes `text` to <dir>/<name> and loads it. */
static xmlNode *load_file(fixture *fx, const char *name, const char *text)
{
    char path[128];
    snprintf(path, sizeof path, "%s/%s", fx->dir, name);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
    xmlNode *root = jx_load_file(&fx->j.c, path);
    assert_non_null(root);
    return root;
}

/* Loads `<output .../>` text (with %s for the directory) as a directive. */
static void load(fixture *fx, const char *xml_fmt)
{
    char xml[2048];
    snprintf(xml, sizeof xml, xml_fmt, fx->dir);
    assert_int_equal(output_set_add(&fx->j.c, &fx->o, load_file(fx, "directive.xml", xml)), SAQR_OK);
}

static int slot(fixture *fx, const char *name)
{
    return prop_intern(&fx->j.props, name, PROP_PRODUCED, NULL);
}

/* Opens the outputs at step dt_s, warnings into the fixture's. */
static void open_outputs(fixture *fx, double dt_s)
{
    assert_int_equal(output_set_open(fx->o, &fx->j.props, dt_s, jsb_collect_warning, &fx->j, &fx->j.err), SAQR_OK);
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

/* Closes the outputs and returns what the first one wrote. */
static const char *written(fixture *fx, char *buf, size_t n)
{
    output_set_close(fx->o);
    return slurp(output_set_file(fx->o, 0), buf, n);
}

/* Closes the outputs; the first one must have written `expected`. */
static void assert_written(fixture *fx, const char *expected)
{
    char buf[4096];
    assert_string_equal(written(fx, buf, sizeof buf), expected);
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
    open_outputs(fx, 1.0 / 120.0);
    fx->j.props.v[h] = 4.30501796677708626; /* first value of expected/c1723.csv */
    fx->j.props.v[rpm] = 2400.0;
    fx->j.props.v[q] = 3.93485797952057072e-06;
    assert_int_equal(output_set_write_due(fx->o, fx->j.props.v, 0.0, &fx->j.err), SAQR_OK);
    assert_written(fx, "Time,/fdm/jsbsim/position/h-sl-ft,/fdm/jsbsim/propulsion/engine[1]/engine-rpm,qbar\n"
                       "0,4.30501796677708626,2400,3.93485797952057072e-06\n");
}

static void rows_should_start_at_time_zero_and_follow_every_n_frames(void **state)
{
    fixture *fx = *state;
    int h = slot(fx, "position/h-sl-ft");
    load(fx, "<output name=\"%s/b.csv\" type=\"CSV\" rate=\"20\"><property>position/h-sl-ft</property></output>");
    double dt = 1.0 / 120.0;
    open_outputs(fx, dt);
    /* the init row, then 24 frames: rows at frames 0, 6, 12, 18, 24 */
    for (int k = 0; k <= 24; k++) {
        fx->j.props.v[h] = k;
        assert_int_equal(output_set_write_due(fx->o, fx->j.props.v, k * dt, &fx->j.err), SAQR_OK);
    }
    assert_written(fx, "Time,/fdm/jsbsim/position/h-sl-ft\n0,0\n0.05,6\n0.1,12\n0.15,18\n0.2,24\n");
    /* the rate property reports what JSBSim's GetRateHz would */
    assert_near(fx->j.props.v[prop_find(&fx->j.props, "simulation/output/log_rate_hz")], 20.0, 1e-12);
}

static void setting_log_rate_hz_should_change_the_spacing(void **state)
{
    fixture *fx = *state;
    slot(fx, "position/h-sl-ft");
    load(fx, "<output name=\"%s/c.csv\" type=\"CSV\" rate=\"60\"><property>position/h-sl-ft</property></output>");
    double dt = 1.0 / 120.0;
    open_outputs(fx, dt);
    int rate = prop_find(&fx->j.props, "simulation/output/log_rate_hz");
    for (int k = 0; k <= 4; k++) /* every 2 frames: 0, 2, 4 */
        output_set_write_due(fx->o, fx->j.props.v, k * dt, &fx->j.err);
    fx->j.props.v[rate] = 10.0; /* a script asks for 10 Hz: every 12 frames */
    for (int k = 5; k <= 40; k++)
        output_set_write_due(fx->o, fx->j.props.v, k * dt, &fx->j.err);
    char buf[4096];
    written(fx, buf, sizeof buf);
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
    open_outputs(fx, dt);
    for (int k = 0; k <= 3; k++)
        output_set_write_due(fx->o, fx->j.props.v, k * dt, &fx->j.err);
    /* inside a step: reset to time 0, initial altitude 4000 */
    fx->j.props.v[h] = 4000.0;
    output_set_on_reset(fx->o, fx->j.props.v, 0.0);
    fx->j.props.v[h] = 3999.0; /* the step goes on from the initial state */
    output_set_write_due(fx->o, fx->j.props.v, 0.0, &fx->j.err);
    for (int k = 1; k <= 11; k++)
        output_set_write_due(fx->o, fx->j.props.v, k * dt, &fx->j.err);
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
    open_outputs(fx, 0.5);
    fx->j.props.v[p] = 1.0;
    output_set_write_due(fx->o, fx->j.props.v, 0.0, &fx->j.err);
    assert_written(fx, "Time\tP (deg/s)\tQ (deg/s)\tR (deg/s)\n0\t57.29577951\t0\t0\n");
    /* the rate derivatives and inertial rates are absent here: said once */
    assert_non_null(strstr(fx->j.warnings, "6 column(s) of <rates> are not available"));
}

static void a_missing_property_should_be_left_out_with_a_warning(void **state)
{
    fixture *fx = *state;
    slot(fx, "position/h-sl-ft");
    load(fx, "<output name=\"%s/m.csv\" type=\"CSV\"><property>no/such-thing</property>"
             "<property>position/h-sl-ft</property></output>");
    open_outputs(fx, 0.01);
    assert_written(fx, "Time,/fdm/jsbsim/position/h-sl-ft\n");
    assert_non_null(strstr(fx->j.warnings, "no property \"no/such-thing\""));
}

static void an_unwritable_file_should_be_an_error_naming_it(void **state)
{
    fixture *fx = *state;
    load(fx, "<output name=\"%s/no/such/dir/x.csv\" type=\"CSV\"/>");
    assert_int_equal(output_set_open(fx->o, &fx->j.props, 0.01, NULL, NULL, &fx->j.err), SAQR_EIO);
    assert_non_null(strstr(fx->j.err.msg, "x.csv: cannot create"));
}

static void socket_outputs_should_be_skipped_and_bad_rates_refused(void **state)
{
    fixture *fx = *state;
    load(fx, "<output name=\"localhost\" type=\"SOCKET\" port=\"1138\" rate=\"20\"/><!-- %s -->");
    assert_int_equal(output_set_count(fx->o), 0);
    assert_non_null(strstr(fx->j.warnings, "output type \"SOCKET\" is not supported"));
    xmlNode *root = load_file(fx, "bad.xml", "<output name=\"x.csv\" type=\"CSV\" rate=\"fast\"/>");
    assert_int_equal(output_set_add(&fx->j.c, &fx->o, root), SAQR_EPARSE);
    assert_non_null(strstr(fx->j.err.msg, "bad.xml:1: rate=\"fast\" is not a number"));
}

#define OUTPUT_TEST(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        OUTPUT_TEST(properties_should_be_titled_and_printed_as_jsbsim_does),
        OUTPUT_TEST(rows_should_start_at_time_zero_and_follow_every_n_frames),
        OUTPUT_TEST(setting_log_rate_hz_should_change_the_spacing),
        OUTPUT_TEST(a_reset_should_open_the_next_numbered_file_with_the_initial_row),
        OUTPUT_TEST(groups_and_tabs_should_follow_jsbsim_titles_and_units),
        OUTPUT_TEST(a_missing_property_should_be_left_out_with_a_warning),
        OUTPUT_TEST(an_unwritable_file_should_be_an_error_naming_it),
        OUTPUT_TEST(socket_outputs_should_be_skipped_and_bad_rates_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
