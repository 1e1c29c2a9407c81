/*
 * test_output.c - JSBSim output directives on a bare property tree: the
 * header JSBSim writes (Time, then /fdm/jsbsim/ paths or captions), the
 * number format, the row timing of FGModel's frame counter (a row at time
 * 0, then every round(1/(rate dt)) frames), rate changes through
 * simulation/output/log_rate_hz, the numbered file after a reset (timing
 * checked against JSBSim's c172_cruise_8K_0.csv), groups and tabs; and on
 * the reference aircraft, every group's header: the c172x's own directive
 * against JSBSim's JSBout172B.csv header, and the model groups
 * (<coefficients>, <fcs>, <ground_reactions>, <propulsion>) against the
 * titles JSBSim builds from the aircraft file (FGOutputTextFile.cpp).
 * And on scripts of the c172x, what JSBSim's CheckOutputRate and
 * TestScriptOutput ask: the aircraft's file is on, at its rate, as soon as
 * the script is loaded, writes its initial row and one every round(1 /
 * (rate dt)) frames; switched off before the initialisation (by the
 * caller or by the script's own <property>) it stays off through the
 * initialisation and the script's trim until switched on, its rows then
 * falling on the same frames; a script's own <output> (inline or from a
 * file=) writes a file of its own with the values the aircraft's has.
 * And JSBSim's TestTemplateFunctions: templates a directive's file=
 * defines convert the directive's columns.
 */
#include "jsb_fixture.h"

#include <math.h>
#include <sys/stat.h>

#include "fdm/fdm_internal.h"
#include "script/output.h"
#include "saqr.h"

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
    assert_int_equal(output_set_add(&fx->j.c, &fx->o, load_file(fx, "directive.xml", xml), NULL), SAQR_OK);
}

static int slot(fixture *fx, const char *name)
{
    return prop_intern(&fx->j.props, name, PROP_PRODUCED, NULL);
}

/* Opens the outputs at step dt_s, warnings into the fixture's. */
static void open_outputs(fixture *fx, double dt_s)
{
    assert_int_equal(output_set_open(fx->o, &fx->j.props, NULL, dt_s, jsb_collect_warning, &fx->j, &fx->j.err), SAQR_OK);
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

/* <output file="..."> as JSBSim's FGModel::Upload: the element's own
 * attributes win, the file's fill the rest, the file's children follow
 * the element's. */
static void a_directive_with_a_file_merges_the_element_and_the_file(void **state)
{
    fixture *fx = *state;
    int h = slot(fx, "position/h-sl-ft"), q = slot(fx, "aero/qbar-psf");
    load_file(fx, "common.xml",
              "<output name=\"ignored.csv\" rate=\"1\"><property>aero/qbar-psf</property></output>\n");
    char xml[512];
    snprintf(xml, sizeof xml,
             "<output name=\"%s/merged.csv\" type=\"CSV\" rate=\"60\" file=\"common.xml\">"
             "<property>position/h-sl-ft</property></output>\n", fx->dir);
    xmlNode *el = load_file(fx, "directive.xml", xml);
    const char *dirs[] = {fx->dir, NULL};
    xmlNode *file = jx_resolve(&fx->j.c, el, dirs);
    assert_non_null(file);
    assert_int_equal(output_set_add(&fx->j.c, &fx->o, el, file), SAQR_OK);
    open_outputs(fx, 1.0 / 120.0);
    fx->j.props.v[h] = 1000.0;
    fx->j.props.v[q] = 50.0;
    for (int k = 0; k <= 2; k++)
        assert_int_equal(output_set_write_due(fx->o, fx->j.props.v, k / 120.0, &fx->j.err), SAQR_OK);
    /* the element's name and 60 Hz (a row every 2 frames), both properties */
    assert_written(fx, "Time,/fdm/jsbsim/position/h-sl-ft,/fdm/jsbsim/aero/qbar-psf\n0,1000,50\n"
                       "0.01666666667,1000,50\n");
}

/* JSBSim's template functions (FGTemplateFunc): defined once with '#' for
 * the property, applied with apply=; a template nobody defined leaves its
 * column out with a warning, as JSBSim does. */
static void a_template_applied_to_a_property_writes_the_converted_value(void **state)
{
    fixture *fx = *state;
    int thrust = slot(fx, "propulsion/engine/thrust-lbs");
    load(fx, "<output name=\"%s/t.csv\" type=\"CSV\" rate=\"1\">\n"
             "  <function name=\"lbs-to-N\" type=\"template\">\n"
             "    <product> <property> # </property> <value> 4.4482216152605 </value> </product>\n"
             "  </function>\n"
             "  <property apply=\"lbs-to-N\" caption=\"thrust-N\"> propulsion/engine/thrust-lbs </property>\n"
             "  <property apply=\"lbs-to-N\"> propulsion/engine/thrust-lbs </property>\n"
             "  <property apply=\"nobody-defined-it\"> propulsion/engine/thrust-lbs </property>\n"
             "  <property> propulsion/engine/thrust-lbs </property>\n"
             "</output>\n");
    assert_non_null(strstr(fx->j.warnings, "no template function \"nobody-defined-it\""));
    open_outputs(fx, 1.0 / 120.0);
    fx->j.props.v[thrust] = 1000.0; /* 1000 lbf = 4448.2216152605 N (NIST) */
    assert_int_equal(output_set_write_due(fx->o, fx->j.props.v, 0.0, &fx->j.err), SAQR_OK);
    assert_written(fx, "Time,thrust-N,lbs-to-N(/fdm/jsbsim/propulsion/engine/thrust-lbs),"
                       "/fdm/jsbsim/propulsion/engine/thrust-lbs\n0,4448.22161526049968,4448.22161526049968,1000\n");
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
    /* vectors go through FGColumnVector3::Dump: 16 significant digits */
    assert_written(fx, "Time\tP (deg/s)\tQ (deg/s)\tR (deg/s)\n0\t57.29577951308232\t0\t0\n");
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
    assert_int_equal(output_set_open(fx->o, &fx->j.props, NULL, 0.01, NULL, NULL, &fx->j.err), SAQR_EIO);
    assert_non_null(strstr(fx->j.err.msg, "x.csv: cannot create"));
}

static void socket_outputs_should_be_skipped_and_bad_rates_refused(void **state)
{
    fixture *fx = *state;
    load(fx, "<output name=\"localhost\" type=\"SOCKET\" port=\"1138\" rate=\"20\"/><!-- %s -->");
    assert_int_equal(output_set_count(fx->o), 0);
    assert_non_null(strstr(fx->j.warnings, "output type \"SOCKET\" is not supported"));
    xmlNode *root = load_file(fx, "bad.xml", "<output name=\"x.csv\" type=\"CSV\" rate=\"fast\"/>");
    assert_int_equal(output_set_add(&fx->j.c, &fx->o, root, NULL), SAQR_EPARSE);
    assert_non_null(strstr(fx->j.err.msg, "bad.xml:1: rate=\"fast\" is not a number"));
}


/* ---- the groups of a loaded aircraft ------------------------------------- */

/* Counts the log lines about output columns left out. */
static void count_left_out(void *user, const char *msg)
{
    if (strstr(msg, "left out") || strstr(msg, "not written"))
        ++*(int *)user;
}

/* Loads reference aircraft `name` with its initial conditions `init`; NULL
 * (the test skipped) without the reference data.  *left_out counts the
 * output columns left out. */
static saqr_fdm *load_aircraft(const char *name, const char *init, int *left_out)
{
    char root[1024], probe[1100];
    jsb_reference_path(root, sizeof root, "");
    snprintf(probe, sizeof probe, "%s/aircraft/%s/%s.xml", root, name, name);
    if (access(probe, R_OK) != 0)
        return NULL;
    saqr_fdm *f = saqr_fdm_create(NULL);
    assert_non_null(f);
    *left_out = 0;
    saqr_fdm_set_log(f, count_left_out, left_out);
    if (saqr_fdm_load_aircraft(f, root, name) != SAQR_OK || saqr_fdm_load_initfile(f, init) != SAQR_OK ||
        saqr_fdm_init(f) != SAQR_OK)
        fail_msg("%s", saqr_fdm_error(f));
    return f;
}

/* Opens the handle's directives, writes the first row, closes, and
 * returns the header line of directive `index` (without the newline). */
static const char *header_of(saqr_fdm *f, int index, char *buf, size_t n)
{
    assert_int_equal(output_open(f), SAQR_OK);
    assert_int_equal(output_write_due(f), SAQR_OK);
    output_close(f);
    slurp(output_set_file(f->outs, index), buf, n);
    char *nl = strchr(buf, '\n');
    assert_non_null(nl);
    *nl = '\0';
    return buf;
}

static void the_c172x_directive_should_write_jsbsims_jsbout172b_header(void **state)
{
    fixture *fx = *state;
    int left_out;
    saqr_fdm *f = load_aircraft("c172x", "reset00", &left_out);
    if (!f)
        skip();
    char path[200], ref[1024];
    snprintf(path, sizeof path, "%s/JSBout172B.csv", fx->dir);
    assert_int_equal(output_rename(f, 0, path), SAQR_OK);
    static char got[16384], want[16384];
    /* JSBout172B.csv is what JSBSim wrote into the shared root when the
     * reference runs were made; without it there is nothing to compare. */
    FILE *probe = fopen(jsb_reference_path(ref, sizeof ref, "JSBout172B.csv"), "r");
    if (!probe) {
        saqr_fdm_destroy(f);
        skip();
    }
    fclose(probe);
    header_of(f, 0, got, sizeof got);
    slurp(ref, want, sizeof want);
    *strchr(want, '\n') = '\0';
    /* rates, velocities (with the inertial and body accelerations), mass
     * properties, position (with the three quaternions), the FCS
     * components, the engine, propeller and tanks, properties, function */
    assert_string_equal(got, want);
    saqr_fdm_destroy(f);
}

/* Loads a directive with every group ON into the handle and returns its
 * header. */
static const char *all_groups_header(fixture *fx, saqr_fdm *f, char *buf, size_t n)
{
    char xml[1024];
    snprintf(xml, sizeof xml,
             "<output name=\"%s/all.csv\" type=\"CSV\" rate=\"10\"><simulation>ON</simulation>"
             "<aerosurfaces>ON</aerosurfaces><rates>ON</rates><velocities>ON</velocities><forces>ON</forces>"
             "<moments>ON</moments><atmosphere>ON</atmosphere><massprops>ON</massprops><position>ON</position>"
             "<coefficients>ON</coefficients><fcs>ON</fcs><ground_reactions>ON</ground_reactions>"
             "<propulsion>ON</propulsion></output>",
             fx->dir);
    char path[200];
    snprintf(path, sizeof path, "%s/all.xml", fx->dir);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(xml, fp);
    fclose(fp);
    int before = output_count(f);
    for (int i = 0; i < before; i++) { /* the aircraft's own files: not into the current directory */
        char other[200];
        snprintf(other, sizeof other, "%s/aircraft_%d.csv", fx->dir, i);
        assert_int_equal(output_rename(f, i, other), SAQR_OK);
    }
    assert_int_equal(output_load_file(f, path), SAQR_OK);
    assert_int_equal(output_count(f), before + 1);
    return header_of(f, before, buf, n);
}

/* `titles` (comma separated) must appear in the header as consecutive
 * columns. */
static void assert_columns(const char *header, const char *titles)
{
    char pattern[4096];
    snprintf(pattern, sizeof pattern, ",%s,", titles);
    char padded[20000];
    snprintf(padded, sizeof padded, "%s,", header);
    if (!strstr(padded, pattern))
        fail_msg("columns \"%s\" not in the header", titles);
}

static int count_columns(const char *header)
{
    int n = 1;
    for (; *header; header++)
        n += *header == ',';
    return n;
}

static void every_group_of_the_c172x_should_carry_jsbsims_titles(void **state)
{
    fixture *fx = *state;
    int left_out;
    saqr_fdm *f = load_aircraft("c172x", "reset00", &left_out);
    if (!f)
        skip();
    static char h[20000];
    all_groups_header(fx, f, h, sizeof h);
    /* the standard columns Saqr computes rather than reads */
    assert_columns(h, "UdotBody_i,VdotBody_i,WdotBody_i,BodyAccel_X,BodyAccel_Y,BodyAccel_Z");
    assert_columns(h, "L_{Aero MRC} (ft-lbs),M_{Aero MRC} (ft-lbs),N_{Aero MRC} (ft-lbs)");
    assert_columns(h, "Rho (slugs/ft^3),Absolute Viscosity,Kinematic Viscosity,Temperature (R)");
    assert_columns(h, "Q(1)_{LOCAL},Q(2)_{LOCAL},Q(3)_{LOCAL},Q(4)_{LOCAL},Q(1)_{ECEF},Q(2)_{ECEF},"
                      "Q(3)_{ECEF},Q(4)_{ECEF},Q(1)_{ECI},Q(2)_{ECI},Q(3)_{ECI},Q(4)_{ECI},Alpha (deg)");
    /* coefficients: the axis functions DRAG, SIDE, LIFT, ROLL, PITCH, YAW
     * in file order, then the aerodynamics' own functions; then the FCS */
    assert_columns(h, "Terrain Elevation (ft),aero/coefficient/CDo,aero/coefficient/CDDf");
    assert_columns(h, "aero/coefficient/Cndr,aero/angle/right_wing_tip_alpha,"
                      "aero/function/ground-effect-factor-lift,aero/function/ground-effect-factor-drag,"
                      "navigation/actual-heading-rad");
    assert_columns(h, "fcs/flaps-control,fcs/flap-position-normalizer,Nose Gear WOW");
    /* ground reactions: 13 columns per wheel, 4 per structure point */
    assert_columns(h, "Nose Gear WOW,Nose Gear stroke (ft),Nose Gear stroke velocity (ft/sec),"
                      "Nose Gear compress force (lbs),Nose Gear wheel side force (lbs),"
                      "Nose Gear wheel roll force (lbs),Nose Gear body X force (lbs),Nose Gear body Y force (lbs),"
                      "Nose Gear wheel velocity vec X (ft/sec),Nose Gear wheel velocity vec Y (ft/sec),"
                      "Nose Gear wheel rolling velocity (ft/sec),Nose Gear wheel side velocity (ft/sec),"
                      "Nose Gear wheel slip (deg),Left Main Gear WOW");
    assert_columns(h, "Right Main Gear wheel slip (deg),TAIL_SKID WOW,TAIL_SKID stroke (ft),"
                      "TAIL_SKID stroke velocity (ft/sec),TAIL_SKID compress force (lbs),LEFT_TIP WOW");
    assert_columns(h, "RIGHT_TIP compress force (lbs), Total Gear Force_X (lbs), Total Gear Force_Y (lbs),"
                      " Total Gear Force_Z (lbs), Total Gear Moment_L (ft-lbs), Total Gear Moment_M (ft-lbs),"
                      " Total Gear Moment_N (ft-lbs),IO320 Power Available (engine 0 in ft-lbs/sec)");
    /* propulsion: piston engine, fixed-pitch propeller, two fuel tanks */
    assert_columns(h, "IO320 HP (engine 0),IO320 equivalent ratio (engine 0),IO320 MAP (engine 0 in inHg),"
                      "Fixed-Pitch 75-inch Two-Blade Propeller Torque (engine 0),"
                      "Fixed-Pitch 75-inch Two-Blade Propeller PFactor Pitch (engine 0),"
                      "Fixed-Pitch 75-inch Two-Blade Propeller PFactor Yaw (engine 0),"
                      "Fixed-Pitch 75-inch Two-Blade Propeller Thrust (engine 0 in lbs),"
                      "Fixed-Pitch 75-inch Two-Blade Propeller RPM (engine 0),Fuel Tank 0,Fuel Tank 1");
    /* JSBSim 1.2 writes 313 columns for this directive on the c172x */
    assert_int_equal(count_columns(h), 313);
    assert_int_equal(left_out, 0);
    saqr_fdm_destroy(f);
}

static void the_f16_model_groups_should_list_turbine_and_gear_as_jsbsim(void **state)
{
    fixture *fx = *state;
    int left_out;
    saqr_fdm *f = load_aircraft("f16", "reset00", &left_out);
    if (!f)
        skip();
    static char h[20000];
    all_groups_header(fx, f, h, sizeof h);
    assert_columns(h, "NOSE_LG wheel slip (deg),LEFT_MLG WOW");
    assert_columns(h, " Total Gear Moment_N (ft-lbs),F100_N1[0],F100_N2[0],Direct Thrust (engine 0 in lbs),"
                      "Fuel Tank 0,Fuel Tank 1,Fuel Tank 2,Fuel Tank 3");
    /* JSBSim 1.2 writes 341 columns for this directive on the f16 */
    assert_int_equal(count_columns(h), 341);
    saqr_fdm_destroy(f);
}

static void the_group_values_should_be_printed_at_jsbsims_precisions(void **state)
{
    fixture *fx = *state;
    int left_out;
    saqr_fdm *f = load_aircraft("c172x", "reset00", &left_out);
    if (!f)
        skip();
    static char h[20000], text[65536];
    all_groups_header(fx, f, h, sizeof h);
    char path[200];
    snprintf(path, sizeof path, "%s/all.csv", fx->dir);
    slurp(path, text, sizeof text);
    const char *row = strchr(text, '\n') + 1;
    /* find the columns by title */
    int col_ixx = -1, col_tank = -1, col_wow = -1, k = 0;
    char hcopy[20000];
    snprintf(hcopy, sizeof hcopy, "%s", h);
    for (char *save, *t = strtok_r(hcopy, ",", &save); t; t = strtok_r(NULL, ",", &save), k++) {
        if (strcmp(t, "I_{xx}") == 0)
            col_ixx = k;
        else if (strcmp(t, "Fuel Tank 0") == 0)
            col_tank = k;
        else if (strcmp(t, "Nose Gear WOW") == 0)
            col_wow = k;
    }
    assert_true(col_ixx > 0 && col_tank > 0 && col_wow > 0);
    char rcopy[65536];
    snprintf(rcopy, sizeof rcopy, "%.*s", (int)(strchr(row, '\n') - row), row);
    const char *cells[400];
    k = 0;
    for (char *save, *t = strtok_r(rcopy, ",", &save); t && k < 400; t = strtok_r(NULL, ",", &save))
        cells[k++] = t;
    /* JSBSim's inertia matrix is printed setw(12), 10 digits: " 1285.315279"
     * style; the tank at 6 digits ("130" in JSBSim's file); WOW as 0 or 1 */
    assert_int_equal(strlen(cells[col_ixx]), 12);
    /* the first row's inertia is the initial conditions' (JSBSim prints
     * 2095.734894 at t = 0), not the very first model run's, whose tanks
     * are taken about the structural origin (2260) */
    assert_near(atof(cells[col_ixx]), 2095.734894, 1e-6);
    assert_string_equal(cells[col_tank], "130");
    assert_true(strcmp(cells[col_wow], "0") == 0 || strcmp(cells[col_wow], "1") == 0);
    saqr_fdm_destroy(f);
}

/* The <forces> group's weight (mass times gravitation, body axes) follows
 * the mass when nothing else reads inertia/mass-slugs (then the mass is
 * worked out when read, not published every frame): a pilot 500 lbs
 * heavier shows in the next row.  A bare aircraft without an output
 * directive of its own (the c172x's prints the mass properties). */
static void the_weight_columns_should_follow_the_mass(void **state)
{
    fixture *fx = *state;
    char path[200];
    static const char *const files[][2] = {
        {"aircraft/t/t.xml",
         "<?xml version=\"1.0\"?>\n<fdm_config name=\"t\" version=\"2.0\">\n"
         "<metrics><wingarea unit=\"FT2\">174</wingarea><wingspan unit=\"FT\">36</wingspan>"
         "<chord unit=\"FT\">4.9</chord></metrics>\n"
         "<mass_balance><ixx unit=\"SLUG*FT2\">948</ixx><iyy unit=\"SLUG*FT2\">1346</iyy>"
         "<izz unit=\"SLUG*FT2\">1967</izz><emptywt unit=\"LBS\">1500</emptywt>"
         "<location name=\"CG\" unit=\"IN\"><x>41</x><y>0</y><z>36</z></location>"
         "<pointmass name=\"PILOT\"><weight unit=\"LBS\">180</weight>"
         "<location unit=\"IN\"><x>37</x><y>-14</y><z>24</z></location></pointmass></mass_balance>\n"
         "</fdm_config>\n"},
        {"aircraft/t/reset.xml", "<?xml version=\"1.0\"?>\n<initialize name=\"reset\"><altitude unit=\"FT\">"
                                 "5000</altitude><vt unit=\"KTS\">0</vt></initialize>\n"},
        {"forces.xml", NULL},
    };
    char xml[512];
    snprintf(xml, sizeof xml, "<output name=\"%s/forces.csv\" type=\"CSV\" rate=\"120\"><forces>ON</forces></output>",
             fx->dir);
    for (int i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s/%s", fx->dir, files[i][0]);
        if (i == 0) {
            char d[200];
            snprintf(d, sizeof d, "%s/aircraft", fx->dir);
            mkdir(d, 0700);
            snprintf(d, sizeof d, "%s/aircraft/t", fx->dir);
            mkdir(d, 0700);
        }
        FILE *fp = fopen(path, "w");
        assert_non_null(fp);
        fputs(files[i][1] ? files[i][1] : xml, fp);
        fclose(fp);
    }
    saqr_fdm *f = saqr_fdm_create(NULL);
    assert_non_null(f);
    if (saqr_fdm_load_aircraft(f, fx->dir, "t") != SAQR_OK || saqr_fdm_load_initfile(f, "reset") != SAQR_OK ||
        saqr_fdm_init(f) != SAQR_OK)
        fail_msg("%s", saqr_fdm_error(f));
    snprintf(path, sizeof path, "%s/forces.xml", fx->dir);
    assert_int_equal(output_load_file(f, path), SAQR_OK);
    assert_int_equal(output_open(f), SAQR_OK);
    assert_int_equal(output_write_due(f), SAQR_OK);
    assert_int_equal(saqr_fdm_step(f), SAQR_OK);
    int pilot = saqr_fdm_property(f, "inertia/pointmass-weight-lbs");
    assert_true(pilot >= 0);
    assert_int_equal(saqr_fdm_set(f, pilot, 680.0), SAQR_OK);
    assert_int_equal(saqr_fdm_step(f), SAQR_OK);
    assert_int_equal(output_write_due(f), SAQR_OK);
    double weight_lbs = saqr_fdm_get(f, saqr_fdm_property(f, "inertia/weight-lbs"));
    output_close(f);
    assert_near(weight_lbs, 1500.0 + 680.0, 1e-9);

    static char text[65536];
    snprintf(path, sizeof path, "%s/forces.csv", fx->dir);
    slurp(path, text, sizeof text);
    int col = -1, k = 0;
    char *save, *line = strtok_r(text, "\n", &save), *last = NULL;
    for (char *s2, *c = strtok_r(line, ",", &s2); c; c = strtok_r(NULL, ",", &s2), k++)
        if (strcmp(c, "F_{Weight x} (lbs)") == 0)
            col = k;
    assert_true(col > 0);
    for (char *l = strtok_r(NULL, "\n", &save); l; l = strtok_r(NULL, "\n", &save))
        last = l;
    assert_non_null(last);
    double w[3] = {0, 0, 0};
    k = 0;
    for (char *s2, *c = strtok_r(last, ",", &s2); c; c = strtok_r(NULL, ",", &s2), k++)
        if (k >= col && k < col + 3)
            w[k - col] = atof(c);
    /* the weight at this place's gravitation, within its ~0.3% of g0 */
    assert_near(sqrt(w[0] * w[0] + w[1] * w[1] + w[2] * w[2]), weight_lbs, 0.005 * weight_lbs);
    saqr_fdm_destroy(f);
}

/* ---- scripts with outputs (JSBSim's CheckOutputRate, TestScriptOutput) */

#define RATE_DT 0.00833333
#define RATE_FRAMES 12 /* the c172x's 10 Hz at RATE_DT: round(1 / (10 dt)) */

/* A script of the c172x in flight (reset01), trimmed at 0.5 s, with
 * `run_extra` inside its <run> and `extra` after it, written into the
 * fixture's folder and loaded; the aircraft's own file (JSBout172B.csv)
 * goes to the folder too. */
static saqr_fdm *load_c172_script(fixture *fx, const char *run_extra, const char *extra)
{
    char path[200], root[1024], text[4096];
    snprintf(text, sizeof text,
             "<?xml version=\"1.0\"?>\n<runscript name=\"outputs\">\n"
             "<use aircraft=\"c172x\" initialize=\"reset01\"/>\n"
             "<run start=\"0.0\" end=\"20\" dt=\"%.8g\">\n%s"
             "<event name=\"Trim\"><condition> simulation/sim-time-sec ge 0.5 </condition>\n"
             "<set name=\"simulation/do_simple_trim\" value=\"1\"/></event>\n"
             "</run>\n%s</runscript>\n",
             RATE_DT, run_extra, extra);
    snprintf(path, sizeof path, "%s/script.xml", fx->dir);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(text, fp);
    assert_int_equal(fclose(fp), 0);
    jsb_reference_path(root, sizeof root, "");
    saqr_fdm *f = saqr_fdm_create(NULL);
    assert_non_null(f);
    if (saqr_fdm_load_script(f, root, path) != SAQR_OK)
        fail_msg("%s", saqr_fdm_error(f));
    snprintf(path, sizeof path, "%s/JSBout172B.csv", fx->dir);
    assert_int_equal(output_rename(f, 0, path), SAQR_OK);
    return f;
}

/* Initialises, opens the files and writes the initial row, as `saqr run`
 * and JSBSim's RunIC do. */
static void start(saqr_fdm *f)
{
    assert_int_equal(saqr_fdm_init(f), SAQR_OK);
    assert_int_equal(output_open(f), SAQR_OK);
    assert_int_equal(output_write_due(f), SAQR_OK);
}

static void steps(saqr_fdm *f, int n)
{
    for (int k = 0; k < n; k++) {
        assert_int_equal(saqr_fdm_step(f), SAQR_OK);
        assert_int_equal(output_write_due(f), SAQR_OK);
    }
}

/* The first column of the rows of the aircraft's file (closed first). */
static int row_times(fixture *fx, saqr_fdm *f, double *t, int max)
{
    output_close(f);
    char path[200];
    static char text[1 << 16];
    snprintf(path, sizeof path, "%s/JSBout172B.csv", fx->dir);
    slurp(path, text, sizeof text);
    int n = 0;
    char *save, *line = strtok_r(text, "\n", &save);
    assert_non_null(line); /* the header */
    while ((line = strtok_r(NULL, "\n", &save)) != NULL && n < max)
        t[n++] = atof(line);
    return n;
}

static void an_aircrafts_output_is_on_at_its_rate_once_its_script_is_loaded(void **state)
{
    fixture *fx = *state;
    saqr_fdm *f = load_c172_script(fx, "", "");
    assert_true(saqr_fdm_get(f, saqr_fdm_property(f, "simulation/output/enabled")) == 1.0);
    assert_near(saqr_fdm_get(f, saqr_fdm_property(f, "simulation/output/log_rate_hz")), 10.0, 1e-5);
    start(f);
    steps(f, RATE_FRAMES);
    double t[4];
    assert_int_equal(row_times(fx, f, t, 4), 2);
    assert_true(t[0] == 0.0);
    assert_near(t[1], RATE_FRAMES * RATE_DT, 1e-12);
    assert_near(t[1], saqr_fdm_time(f), 1e-12);
    saqr_fdm_destroy(f);
}

/* Switched on after the initial row's turn: the file's only row is the
 * one RATE_FRAMES frames on.  Destroys f. */
static void first_row_one_period_on(fixture *fx, saqr_fdm *f)
{
    assert_int_equal(saqr_fdm_set(f, saqr_fdm_property(f, "simulation/output/enabled"), 1.0), SAQR_OK);
    steps(f, RATE_FRAMES);
    double t[4];
    assert_int_equal(row_times(fx, f, t, 4), 1);
    assert_near(t[0], saqr_fdm_time(f), 1e-12);
    saqr_fdm_destroy(f);
}

static void an_output_switched_off_before_the_initialisation_writes_no_initial_row(void **state)
{
    fixture *fx = *state;
    saqr_fdm *f = load_c172_script(fx, "", "");
    int on = saqr_fdm_property(f, "simulation/output/enabled");
    assert_int_equal(saqr_fdm_set(f, on, 0.0), SAQR_OK);
    start(f);
    assert_true(saqr_fdm_get(f, on) == 0.0);
    first_row_one_period_on(fx, f);
}

static void the_scripts_trim_leaves_a_switched_off_output_off(void **state)
{
    fixture *fx = *state;
    saqr_fdm *f = load_c172_script(fx, "", "");
    int on = saqr_fdm_property(f, "simulation/output/enabled");
    assert_int_equal(saqr_fdm_set(f, on, 0.0), SAQR_OK);
    start(f);
    while (saqr_fdm_time(f) < 0.5 + 2.0 * RATE_DT) {
        steps(f, 1);
        assert_true(saqr_fdm_get(f, on) == 0.0);
    }
    assert_true(saqr_fdm_get(f, saqr_fdm_property(f, "simulation/trim-completed")) == 1.0);
    assert_int_equal(saqr_fdm_set(f, on, 1.0), SAQR_OK);
    const long frame = lround(saqr_fdm_get(f, saqr_fdm_property(f, "simulation/frame")));
    steps(f, RATE_FRAMES);
    double t[4];
    assert_int_equal(row_times(fx, f, t, 4), 1);
    /* the next multiple of the period, counted from the initial row */
    assert_int_equal(lround(t[0] / RATE_DT), (1 + frame / RATE_FRAMES) * RATE_FRAMES);
    saqr_fdm_destroy(f);
}

static void a_script_property_switches_the_output_off_until_switched_on(void **state)
{
    fixture *fx = *state;
    saqr_fdm *f = load_c172_script(fx, "<property value=\"0.0\"> simulation/output/enabled </property>\n", "");
    assert_true(saqr_fdm_get(f, saqr_fdm_property(f, "simulation/output/enabled")) == 0.0);
    start(f);
    first_row_one_period_on(fx, f);
}

/* As JSBSim's ball_orbit script: a rate of 0 set by the script's
 * <property> before the initialisation switches the output off (JSBSim's
 * SetRateHz), so the file holds its header alone. */
static void a_script_property_rate_of_zero_switches_the_output_off(void **state)
{
    fixture *fx = *state;
    saqr_fdm *f = load_c172_script(fx, "<property value=\"0\"> simulation/output/log_rate_hz </property>\n", "");
    start(f);
    steps(f, 3 * RATE_FRAMES);
    assert_true(saqr_fdm_get(f, saqr_fdm_property(f, "simulation/output/enabled")) == 0.0);
    double t[4];
    assert_int_equal(row_times(fx, f, t, 4), 0);
    saqr_fdm_destroy(f);
}

/* The values of column `title` of `path`, n of them at most. */
static int column(const char *path, const char *title, double *x, int max)
{
    static char text[1 << 20];
    slurp(path, text, sizeof text);
    char *save, *line = strtok_r(text, "\n", &save);
    assert_non_null(line);
    int col = -1, k = 0;
    for (char *s2, *c = strtok_r(line, ",", &s2); c; c = strtok_r(NULL, ",", &s2), k++)
        if (strcmp(c, title) == 0)
            col = k;
    if (col < 0)
        fail_msg("no column %s in %s", title, path);
    int n = 0;
    while ((line = strtok_r(NULL, "\n", &save)) != NULL && n < max) {
        k = 0;
        for (char *s2, *c = strtok_r(line, ",", &s2); c; c = strtok_r(NULL, ",", &s2), k++)
            if (k == col)
                x[n] = atof(c);
        n++;
    }
    return n;
}

/* JSBSim's test_no_output, test_output and test_output_from_file
 * (10 s of c1722 there). */
static void a_scripts_own_output_writes_what_the_aircrafts_writes(void **state)
{
    fixture *fx = *state;
    char extra[1024], path[200];
    /* alone, the script writes the aircraft's file only */
    saqr_fdm *f = load_c172_script(fx, "", "");
    assert_int_equal(output_count(f), 1);
    saqr_fdm_destroy(f);
    /* one inline, one from a file */
    snprintf(path, sizeof path, "%s/directive.xml", fx->dir);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fprintf(fp, "<?xml version=\"1.0\"?>\n<output name=\"%s/from_file.csv\" type=\"CSV\" rate=\"20\">\n"
                "<position> ON </position>\n</output>\n", fx->dir);
    assert_int_equal(fclose(fp), 0);
    snprintf(extra, sizeof extra,
             "<output name=\"%s/test.csv\" type=\"CSV\" rate=\"10\">\n"
             "<property> position/vrp-radius-ft </property>\n</output>\n<output file=\"%s\"/>\n",
             fx->dir, path);
    f = load_c172_script(fx, "", extra);
    assert_int_equal(output_count(f), 3);
    start(f);
    while (saqr_fdm_time(f) < 10.0)
        steps(f, 1);
    output_close(f);
    static double t_ref[128], t_mod[128], ref[128], mod[128];
    char csv[200];
    snprintf(csv, sizeof csv, "%s/JSBout172B.csv", fx->dir);
    const int n = column(csv, "Time", t_ref, 128);
    assert_int_equal(column(csv, "/fdm/jsbsim/position/vrp-radius-ft", ref, 128), n);
    snprintf(csv, sizeof csv, "%s/test.csv", fx->dir);
    assert_int_equal(column(csv, "Time", t_mod, 128), n);
    assert_int_equal(column(csv, "/fdm/jsbsim/position/vrp-radius-ft", mod, 128), n);
    assert_int_equal(n, 101); /* 0 to 10 s at 10 Hz */
    for (int k = 0; k < n; k++) {
        assert_true(t_mod[k] == t_ref[k]);
        assert_near(mod[k], ref[k], 1e-8);
    }
    snprintf(csv, sizeof csv, "%s/from_file.csv", fx->dir);
    assert_int_equal(column(csv, "Time", t_mod, 128), 128); /* 201 rows at 20 Hz */
    saqr_fdm_destroy(f);
}

/* JSBSim's TestTemplateFunctions (c1723 for 10 s there): templates
 * defined in a directive's file= and applied in the directive write what
 * the property in the wanted unit and a function doing the same write.
 * (The file is named by its full path: a directive loaded after the
 * aircraft looks for a relative one in the aircraft's folder, as JSBSim's
 * FGModel::FindFullPathName does.) */
static void templates_from_a_directives_file_convert_its_columns(void **state)
{
    fixture *fx = *state;
    saqr_fdm *f = load_c172_script(fx, "", "");
    char path[200], text[2048];
    snprintf(path, sizeof path, "%s/units.xml", fx->dir);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs("<?xml version=\"1.0\"?>\n<output>\n"
          " <function name=\"to-deg\" type=\"template\">\n"
          "  <product> <property> # </property> <value> 57.2957795130823 </value> </product>\n"
          " </function>\n</output>\n",
          fp);
    assert_int_equal(fclose(fp), 0);
    snprintf(path, sizeof path, "%s/directive.xml", fx->dir);
    snprintf(text, sizeof text,
             "<?xml version=\"1.0\"?>\n<output name=\"%s/templates.csv\" type=\"CSV\" rate=\"20\" file=\"%s/units.xml\">\n"
             " <function name=\"pre/q-aero-deg_sec\">\n"
             "  <product> <property>velocities/q-aero-rad_sec</property> <value> 57.2957795130823 </value> </product>\n"
             " </function>\n"
             " <property> aero/alpha-deg </property>\n"
             " <property caption=\"template/alpha-deg\" apply=\"to-deg\"> aero/alpha-rad </property>\n"
             " <property caption=\"template/q-aero-deg_sec\" apply=\"to-deg\"> velocities/q-aero-rad_sec </property>\n"
             "</output>\n",
             fx->dir, fx->dir);
    fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(text, fp);
    assert_int_equal(fclose(fp), 0);
    if (output_load_file(f, path) != SAQR_OK)
        fail_msg("%s", saqr_fdm_error(f));
    start(f);
    while (saqr_fdm_time(f) < 10.0)
        steps(f, 1);
    output_close(f);
    static double a[256], b[256];
    snprintf(path, sizeof path, "%s/templates.csv", fx->dir);
    static const char *const pairs[2][2] = {{"/fdm/jsbsim/aero/alpha-deg", "template/alpha-deg"},
                                            {"pre/q-aero-deg_sec", "template/q-aero-deg_sec"}};
    for (int k = 0; k < 2; k++) {
        const int n = column(path, pairs[k][0], a, 256);
        assert_int_equal(column(path, pairs[k][1], b, 256), n);
        assert_int_equal(n, 201); /* 0 to 10 s at 20 Hz */
        double worst = 0.0, largest = 0.0;
        for (int i = 0; i < n; i++) {
            worst = fmax(worst, fabs(a[i] - b[i]));
            largest = fmax(largest, fabs(a[i]));
        }
        assert_near(worst, 0.0, 5e-8);
        assert_true(largest > 0.01); /* something to convert */
    }
    saqr_fdm_destroy(f);
}

#define OUTPUT_TEST(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        OUTPUT_TEST(properties_should_be_titled_and_printed_as_jsbsim_does),
        OUTPUT_TEST(a_directive_with_a_file_merges_the_element_and_the_file),
        OUTPUT_TEST(a_template_applied_to_a_property_writes_the_converted_value),
        OUTPUT_TEST(rows_should_start_at_time_zero_and_follow_every_n_frames),
        OUTPUT_TEST(setting_log_rate_hz_should_change_the_spacing),
        OUTPUT_TEST(a_reset_should_open_the_next_numbered_file_with_the_initial_row),
        OUTPUT_TEST(groups_and_tabs_should_follow_jsbsim_titles_and_units),
        OUTPUT_TEST(a_missing_property_should_be_left_out_with_a_warning),
        OUTPUT_TEST(an_unwritable_file_should_be_an_error_naming_it),
        OUTPUT_TEST(socket_outputs_should_be_skipped_and_bad_rates_refused),
        OUTPUT_TEST(the_c172x_directive_should_write_jsbsims_jsbout172b_header),
        OUTPUT_TEST(every_group_of_the_c172x_should_carry_jsbsims_titles),
        OUTPUT_TEST(the_f16_model_groups_should_list_turbine_and_gear_as_jsbsim),
        OUTPUT_TEST(the_group_values_should_be_printed_at_jsbsims_precisions),
        OUTPUT_TEST(the_weight_columns_should_follow_the_mass),
        OUTPUT_TEST(an_aircrafts_output_is_on_at_its_rate_once_its_script_is_loaded),
        OUTPUT_TEST(an_output_switched_off_before_the_initialisation_writes_no_initial_row),
        OUTPUT_TEST(the_scripts_trim_leaves_a_switched_off_output_off),
        OUTPUT_TEST(a_script_property_switches_the_output_off_until_switched_on),
        OUTPUT_TEST(a_script_property_rate_of_zero_switches_the_output_off),
        OUTPUT_TEST(a_scripts_own_output_writes_what_the_aircrafts_writes),
        OUTPUT_TEST(templates_from_a_directives_file_convert_its_columns),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
