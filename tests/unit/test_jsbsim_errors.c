/*
 * test_jsbsim_errors.c - bad JSBSim input and misuse of the saqr_fdm API.
 *
 * Each case copies the reference JSBSim root (../shared/reference/jsbsim)
 * into a temporary folder, corrupts one line of one file (the c172x, its
 * engine, a system file) and loads it.  Unknown elements and attributes
 * must give a "file:line: warning:" on the log while the load goes on, as
 * JSBSim does; malformed XML, a missing file, a bad number or unit, a
 * property nobody defines and a table whose breakpoints do not increase
 * must give an error naming the right file and line, never a crash.  The
 * line expected is where the test put the fault, counted by the test.
 * Then the API: NaN, infinite and out-of-range values are refused, a
 * second load, stepping or trimming before init and destroy(NULL) are
 * safe, and a script naming a missing aircraft says so.  A <planet>
 * (JSBSim's TestPlanet) warns that the Earth is used.
 */
#include "test_util.h"
#include "temp_root.h"

#include <math.h>
#include <unistd.h>

#include "saqr.h"

#define AC "aircraft/c172x/c172x.xml"
#define ENGINE "engine/eng_io320.xml"
#define AUTOPILOT "systems/Autopilot.xml"

static char root[256];          /* the temporary JSBSim root */

/* ---- helpers ---------------------------------------------------------- */

static char *slurp(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    fseek(fp, 0, SEEK_END);
    long n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    if (s && fread(s, 1, (size_t)n, fp) != (size_t)n) {
        free(s);
        s = NULL;
    }
    if (s)
        s[n] = '\0';
    fclose(fp);
    return s;
}

static void spit(const char *path, const char *text, size_t len)
{
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(text, 1, len, fp), len);
    fclose(fp);
}

/* Writes root/REL as the reference file with the first `find` replaced
 * by `repl`; returns the line number (1-based) where `find` started. */
static int corrupt(const char *rel, const char *find, const char *repl)
{
    char src[1024], dst[1024];
    test_shared_path(src, sizeof src, "reference/jsbsim/");
    strncat(src, rel, sizeof src - strlen(src) - 1);
    snprintf(dst, sizeof dst, "%s/%s", root, rel);
    char *s = slurp(src);
    assert_non_null(s);
    char *at = strstr(s, find);
    if (!at)
        fail_msg("\"%s\" is not in %s", find, src);
    int line = 1;
    for (const char *p = s; p < at; p++)
        line += *p == '\n';
    size_t head = (size_t)(at - s), flen = strlen(find), rlen = strlen(repl), tail = strlen(at + flen);
    char *out = malloc(head + rlen + tail + 1);
    assert_non_null(out);
    memcpy(out, s, head);
    memcpy(out + head, repl, rlen);
    memcpy(out + head + rlen, at + flen, tail + 1);
    spit(dst, out, head + rlen + tail);
    free(out);
    free(s);
    return line;
}

/* Puts root/REL back as in the reference. */
static void restore(const char *rel)
{
    char src[1024], dst[1024];
    test_shared_path(src, sizeof src, "reference/jsbsim/");
    strncat(src, rel, sizeof src - strlen(src) - 1);
    snprintf(dst, sizeof dst, "%s/%s", root, rel);
    char *s = slurp(src);
    assert_non_null(s);
    spit(dst, s, strlen(s));
    free(s);
}

typedef struct log_buf {
    char text[1 << 16];
    size_t len;
} log_buf;

static void collect(void *user, const char *message)
{
    log_buf *b = user;
    int n = snprintf(b->text + b->len, sizeof b->text - b->len, "%s\n", message);
    if (n > 0 && b->len + (size_t)n < sizeof b->text)
        b->len += (size_t)n;
}

#define assert_contains(hay, needle)                                               \
    do {                                                                           \
        if (!strstr((hay), (needle)))                                              \
            fail_msg("expected \"%s\" in:\n%s", (needle), (hay));                 \
    } while (0)

/* Loads the c172x (and its reset01 and init when `init`), returning the
 * first failing status; the handle is kept in *out. */
static saqr_status load_c172x(saqr_fdm **out, log_buf *log, int init)
{
    saqr_fdm *f = saqr_fdm_create(NULL);
    assert_non_null(f);
    if (log)
        saqr_fdm_set_log(f, collect, log);
    *out = f;
    saqr_status st = saqr_fdm_load_aircraft(f, root, "c172x");
    if (st == SAQR_OK && init && (st = saqr_fdm_load_initfile(f, "reset01")) == SAQR_OK)
        st = saqr_fdm_init(f);
    return st;
}

/* "NAME:LINE:" for a file of the temporary root. */
static const char *where(char *buf, size_t n, const char *rel, int line)
{
    snprintf(buf, n, "%s:%d:", rel, line);
    return buf;
}

/* A corruption of REL (find -> repl) that must fail with `want`, naming
 * REL at the line of the fault plus `dline`, with `words` in the message. */
static void expect_error(const char *rel, const char *find, const char *repl, int init, saqr_status want,
                         int dline, const char *words)
{
    int line = corrupt(rel, find, repl) + dline;
    saqr_fdm *f;
    saqr_status st = load_c172x(&f, NULL, init);
    const char *msg = saqr_fdm_error(f);
    if (st != want)
        fail_msg("status %d (want %d): %s", st, want, msg);
    char w[300];
    assert_contains(msg, where(w, sizeof w, rel, line));
    assert_contains(msg, words);
    saqr_fdm_destroy(f);
    restore(rel);
}

/* A corruption that must load and fly, with a warning at its line. */
static void expect_warning(const char *rel, const char *find, const char *repl, int dline, const char *words)
{
    int line = corrupt(rel, find, repl) + dline;
    saqr_fdm *f;
    log_buf *log = calloc(1, sizeof *log);
    assert_non_null(log);
    saqr_status st = load_c172x(&f, log, 1);
    if (st != SAQR_OK)
        fail_msg("load failed: %s", saqr_fdm_error(f));
    char w[300];
    snprintf(w, sizeof w, "%s:%d: warning: ", rel, line);
    assert_contains(log->text, w);
    assert_contains(log->text, words);
    for (int k = 0; k < 10; k++)
        assert_int_equal(saqr_fdm_step(f), SAQR_OK);
    saqr_fdm_destroy(f);
    free(log);
    restore(rel);
}

/* ---- fixture ---------------------------------------------------------- */

/* Before each test: every file a test may corrupt is as in the reference
 * (a failed test returns before its own restore). */
static int pristine(void **state)
{
    (void)state;
    const char *files[] = {AC, ENGINE, AUTOPILOT, "scripts/c1723.xml"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
        restore(files[i]);
    return 0;
}

static int make_root(void **state)
{
    (void)state;
    return temp_root_make(root, sizeof root, "saqr_test_jsbsim_errors");
}

static int remove_root(void **state)
{
    (void)state;
    return temp_root_remove(root);
}

/* ---- warnings ----------------------------------------------------------- */

static void the_untouched_c172x_loads_without_unknown_element_warnings(void **state)
{
    (void)state;
    saqr_fdm *f;
    log_buf *log = calloc(1, sizeof *log);
    assert_non_null(log);
    assert_int_equal(load_c172x(&f, log, 1), SAQR_OK);
    if (strstr(log->text, "unknown"))
        fail_msg("unexpected warning:\n%s", log->text);
    saqr_fdm_destroy(f);
    free(log);
}

static void an_unknown_element_in_metrics_warns_with_file_and_line(void **state)
{
    (void)state;
    expect_warning(AC, "<wingarea", "<bogus_metric> 3 </bogus_metric>\n<wingarea", 0,
                   "unknown element <bogus_metric> in <metrics>");
}

static void an_unknown_top_level_section_warns_with_file_and_line(void **state)
{
    (void)state;
    expect_warning(AC, "<metrics>", "<bogus_section/>\n<metrics>", 0, "unknown element <bogus_section>");
}

static void an_unknown_element_in_a_flight_control_component_warns(void **state)
{
    (void)state;
    expect_warning(AC, "<input>fcs/pitch-trim-cmd-norm</input>",
                   "<input>fcs/pitch-trim-cmd-norm</input><bogus_fcs/>", 0, "unknown element <bogus_fcs> in <summer>");
}

/* JSBSim's humidity is a property an aircraft may read (it loads and
 * flies, reading 0 as JSBSim's dry default), with a warning at its line:
 * Saqr does not model it. */
static void reading_jsbsims_humidity_in_a_component_warns_that_it_is_not_modelled(void **state)
{
    (void)state;
    expect_warning(AC, "<input>fcs/pitch-trim-cmd-norm</input>",
                   "<input>fcs/pitch-trim-cmd-norm</input><input>atmosphere/RH</input>", 0,
                   "\"atmosphere/RH\" is JSBSim's humidity, which Saqr does not model");
}

static void an_unknown_element_in_an_engine_file_warns_with_its_name(void **state)
{
    (void)state;
    expect_warning(ENGINE, "<maxhp>", "<bogus_engine/>\n<maxhp>", 0, "<bogus_engine>");
}

static void an_unknown_attribute_on_a_number_warns_with_file_and_line(void **state)
{
    (void)state;
    expect_warning(AC, "<wingarea unit=\"FT2\">", "<wingarea unit=\"FT2\" colour=\"red\">", 0,
                   "unknown attribute colour= on <wingarea>");
}

static void an_unknown_attribute_on_a_component_warns(void **state)
{
    (void)state;
    expect_warning(AC, "<summer name=\"fcs/pitch-trim-sum\">", "<summer name=\"fcs/pitch-trim-sum\" colour=\"red\">",
                   0, "unknown attribute colour= on <summer>");
}

/* JSBSim's TestPlanet flies its tripod on the Moon and Mars of a <planet>
 * element: Saqr models the Earth only, and says so at the element. */
static void a_planet_element_warns_that_the_earth_is_used(void **state)
{
    (void)state;
    expect_warning(AC, "<metrics>",
                   "<planet name=\"Phobos\"><equatorial_radius unit=\"KM\">13.0</equatorial_radius>"
                   "<polar_radius unit=\"KM\">9.1</polar_radius></planet>\n<metrics>",
                   0, "<planet> is not supported; the Earth (WGS-84) is used");
}

/* ---- errors ------------------------------------------------------------- */

static void malformed_xml_is_an_error_naming_file_and_line(void **state)
{
    (void)state;
    /* an unclosed element: libxml2 reports where the mismatch is seen */
    expect_error(AC, "<chord unit=\"FT\"> 4.9 </chord>", "<chord unit=\"FT\"> 4.9 </chords>", 0, SAQR_EPARSE, 0,
                 "not well-formed XML");
}

/* Replaces the whole aircraft file by `text`, loads, expects a parse error
 * containing `want`, and puts the file back. */
static void expect_whole_file_error(const char *text, const char *want)
{
    char path[600];
    snprintf(path, sizeof path, "%s/%s", root, AC);
    spit(path, text, strlen(text));
    saqr_fdm *f;
    assert_int_equal(load_c172x(&f, NULL, 0), SAQR_EPARSE);
    assert_contains(saqr_fdm_error(f), want);
    saqr_fdm_destroy(f);
    restore(AC);
}

static void a_truncated_file_is_an_error(void **state)
{
    (void)state;
    expect_whole_file_error("<?xml version=\"1.0\"?>\n<fdm_config name=\"x\">\n  <metrics>\n",
                            AC ":4: not well-formed XML");
}

static void a_file_that_is_not_an_aircraft_is_refused(void **state)
{
    (void)state;
    expect_whole_file_error("<?xml version=\"1.0\"?>\n<runscript/>\n",
                            AC ":2: root element is <runscript>, not <fdm_config>");
}

static void a_missing_aircraft_is_named(void **state)
{
    (void)state;
    saqr_fdm *f = saqr_fdm_create(NULL);
    assert_non_null(f);
    assert_int_equal(saqr_fdm_load_aircraft(f, root, "no_such_plane"), SAQR_EIO);
    assert_contains(saqr_fdm_error(f), "aircraft/no_such_plane/no_such_plane.xml");
    assert_int_equal(saqr_fdm_load_aircraft(f, root, "../c172x"), SAQR_EINVAL);
    assert_int_equal(saqr_fdm_load_aircraft(f, NULL, "c172x"), SAQR_EINVAL);
    saqr_fdm_destroy(f);
}

static void a_missing_engine_file_is_named_where_it_is_asked_for(void **state)
{
    (void)state;
    expect_error(AC, "<engine file=\"eng_io320\">", "<engine file=\"eng_nope\">", 0, SAQR_EPARSE, 0, "eng_nope");
}

static void a_missing_system_file_is_named_where_it_is_asked_for(void **state)
{
    (void)state;
    expect_error(AC, "<system file=\"Autopilot\">", "<system file=\"NoSuchSystem\">", 0, SAQR_EPARSE, 0,
                 "NoSuchSystem");
}

static void a_missing_initialisation_file_is_named(void **state)
{
    (void)state;
    saqr_fdm *f;
    assert_int_equal(load_c172x(&f, NULL, 0), SAQR_OK);
    assert_int_not_equal(saqr_fdm_load_initfile(f, "no_such_reset"), SAQR_OK);
    assert_contains(saqr_fdm_error(f), "no_such_reset.xml");
    saqr_fdm_destroy(f);
}

static void a_bad_number_is_an_error_naming_file_and_line(void **state)
{
    (void)state;
    expect_error(AC, "<wingarea unit=\"FT2\"> 174.0 </wingarea>", "<wingarea unit=\"FT2\"> 17x4.0 </wingarea>", 0,
                 SAQR_EPARSE, 0, "\"17x4.0\" is not a number");
}

static void nan_and_infinity_in_a_file_are_bad_numbers(void **state)
{
    (void)state;
    expect_error(AC, "<emptywt unit=\"LBS\"> 1454.0 </emptywt>", "<emptywt unit=\"LBS\"> nan </emptywt>", 0,
                 SAQR_EPARSE, 0, "is not a number");
    expect_error(AC, "<emptywt unit=\"LBS\"> 1454.0 </emptywt>", "<emptywt unit=\"LBS\"> 1e999 </emptywt>", 0,
                 SAQR_EPARSE, 0, "is not a number");
}

static void a_bad_number_in_an_engine_file_names_the_engine_file(void **state)
{
    (void)state;
    expect_error(ENGINE, "<maxhp>                   160.0", "<maxhp> 1x60.0", 0, SAQR_EPARSE, 0, "is not a number");
}

static void an_unknown_unit_is_an_error_naming_file_and_line(void **state)
{
    (void)state;
    expect_error(AC, "<wingarea unit=\"FT2\">", "<wingarea unit=\"PARSEC\">", 0, SAQR_EPARSE, 0, "PARSEC");
}

static void a_bad_number_in_table_data_names_its_line(void **state)
{
    (void)state;
    int line = corrupt(AC, "0.2  1.073", "0.2  1.0q3");
    saqr_fdm *f;
    assert_int_equal(load_c172x(&f, NULL, 0), SAQR_EPARSE);
    char w[64];
    snprintf(w, sizeof w, "line %d", line);
    assert_contains(saqr_fdm_error(f), AC ":");
    assert_contains(saqr_fdm_error(f), w);
    saqr_fdm_destroy(f);
    restore(AC);
}

static void a_table_with_unsorted_breakpoints_is_an_error_naming_its_line(void **state)
{
    (void)state;
    int line = corrupt(AC, "0.2  1.073", "0.12  1.073");
    saqr_fdm *f;
    assert_int_equal(load_c172x(&f, NULL, 0), SAQR_EPARSE);
    char w[64];
    snprintf(w, sizeof w, "line %d", line);
    assert_contains(saqr_fdm_error(f), AC ":");
    assert_contains(saqr_fdm_error(f), "breakpoints must increase");
    assert_contains(saqr_fdm_error(f), w);
    saqr_fdm_destroy(f);
    restore(AC);
}

static void a_property_nobody_defines_is_an_error_at_init_naming_its_use(void **state)
{
    (void)state;
    expect_error(AC, "<input>fcs/pitch-trim-cmd-norm</input>", "<input>fcs/no-such-input</input>", 1, SAQR_EPARSE,
                 0, "\"fcs/no-such-input\"");
    expect_error(AC, "<independentVar>aero/h_b-mac-ft</independentVar>",
                 "<independentVar>aero/no-such-thing</independentVar>", 1, SAQR_EPARSE, 0, "\"aero/no-such-thing\"");
}

static void an_error_in_a_system_file_names_that_file(void **state)
{
    (void)state;
    expect_error(AUTOPILOT, "<pid name=\"ap/roll-rate-pid-control\">",
                 "<pidd name=\"x\"/> <pid name=\"ap/roll-rate-pid-control\">", 0, SAQR_EPARSE, 0,
                 "unknown flight-control component <pidd>");
}

static void a_failed_load_leaves_the_handle_able_to_load_again(void **state)
{
    (void)state;
    corrupt(AC, "<wingarea unit=\"FT2\"> 174.0 </wingarea>", "<wingarea unit=\"FT2\"> x </wingarea>");
    saqr_fdm *f;
    assert_int_equal(load_c172x(&f, NULL, 0), SAQR_EPARSE);
    assert_int_equal(saqr_fdm_property(f, "metrics/Sw-sqft"), -1);
    assert_int_equal(saqr_fdm_step(f), SAQR_ESTATE);
    restore(AC);
    assert_int_equal(saqr_fdm_load_aircraft(f, root, "c172x"), SAQR_OK);
    int sw = saqr_fdm_property(f, "metrics/Sw-sqft");
    assert_true(sw >= 0);
    assert_near(saqr_fdm_get(f, sw), 174.0, 1e-9);
    saqr_fdm_destroy(f);
}

static void a_huge_transport_delay_is_refused_without_allocating_it(void **state)
{
    (void)state;
    /* named at its component */
    expect_error(AC, "<summer name=\"fcs/pitch-trim-sum\">", "<summer name=\"fcs/pitch-trim-sum\"><delay>1e300</delay>",
                 0, SAQR_EPARSE, 0, "<delay> too long");
}

/* ---- the API ------------------------------------------------------------ */

static void non_finite_and_out_of_range_values_are_refused(void **state)
{
    (void)state;
    saqr_fdm *f;
    assert_int_equal(load_c172x(&f, NULL, 1), SAQR_OK);
    int elev = saqr_fdm_property(f, "fcs/elevator-cmd-norm");
    assert_true(elev >= 0);
    assert_int_equal(saqr_fdm_set(f, elev, -0.25), SAQR_OK);
    assert_int_equal(saqr_fdm_set(f, elev, NAN), SAQR_EINVAL);
    assert_int_equal(saqr_fdm_set(f, elev, INFINITY), SAQR_EINVAL);
    assert_int_equal(saqr_fdm_set(f, elev, -INFINITY), SAQR_EINVAL);
    assert_near(saqr_fdm_get(f, elev), -0.25, 0.0);   /* a refused set changes nothing */
    assert_int_equal(saqr_fdm_set(f, -1, 1.0), SAQR_EINVAL);
    assert_int_equal(saqr_fdm_set(f, saqr_fdm_property_count(f), 1.0), SAQR_EINVAL);
    assert_true(isnan(saqr_fdm_get(f, -1)));
    assert_null(saqr_fdm_property_name(f, saqr_fdm_property_count(f)));
    assert_int_equal(saqr_fdm_property(f, NULL), -1);
    int trim = saqr_fdm_property(f, "simulation/do_simple_trim");
    assert_true(trim >= 0);
    double before = saqr_fdm_get(f, trim);
    assert_int_equal(saqr_fdm_set(f, trim, 7.0), SAQR_EINVAL);
    assert_int_equal(saqr_fdm_set(f, trim, 1e300), SAQR_EINVAL);
    assert_int_equal(saqr_fdm_set(f, trim, -1e300), SAQR_EINVAL);
    assert_near(saqr_fdm_get(f, trim), before, 0.0);
    int running = saqr_fdm_property(f, "propulsion/set-running");
    assert_true(running >= 0);
    assert_int_equal(saqr_fdm_set(f, running, 1e300), SAQR_EINVAL);
    assert_int_equal(saqr_fdm_set(f, running, -5.0), SAQR_EINVAL);
    assert_int_equal(saqr_fdm_set_dt(f, NAN), SAQR_EINVAL);
    assert_int_equal(saqr_fdm_set_dt(f, 0.0), SAQR_EINVAL);
    assert_int_equal(saqr_fdm_set_dt(f, -0.01), SAQR_EINVAL);
    /* values beyond int's range in integer-like properties are survived */
    const char *ints[] = {"propulsion/magneto_cmd", "propulsion/active_engine", "simulation/integrator/rate/rotational",
                          "propulsion/tank/priority", "atmosphere/gust-frame"};
    for (size_t i = 0; i < sizeof ints / sizeof ints[0]; i++) {
        int s = saqr_fdm_property(f, ints[i]);
        if (s >= 0)
            (void)saqr_fdm_set(f, s, (i % 2) ? -1e300 : 1e300);
    }
    for (int k = 0; k < 5; k++)
        (void)saqr_fdm_step(f);
    saqr_fdm_destroy(f);
}

static void misuse_of_the_handle_is_refused_not_crashed(void **state)
{
    (void)state;
    saqr_fdm_destroy(NULL);
    saqr_fdm_set_log(NULL, NULL, NULL);
    assert_non_null(saqr_fdm_error(NULL));
    saqr_fdm *f = saqr_fdm_create(NULL);
    assert_non_null(f);
    assert_int_equal(saqr_fdm_step(f), SAQR_ESTATE);
    assert_int_equal(saqr_fdm_init(f), SAQR_ESTATE);
    assert_int_equal(saqr_fdm_trim(f, SAQR_TRIM_FULL), SAQR_ESTATE);
    assert_int_equal(saqr_fdm_load_initfile(f, "reset01"), SAQR_ESTATE);
    assert_int_equal(saqr_fdm_script_done(f), 0);
    assert_int_equal(saqr_fdm_load_aircraft(f, root, "c172x"), SAQR_OK);
    assert_int_equal(saqr_fdm_step(f), SAQR_ESTATE);            /* before init */
    assert_int_equal(saqr_fdm_trim(f, SAQR_TRIM_FULL), SAQR_ESTATE);
    assert_int_equal(saqr_fdm_load_aircraft(f, root, "c172x"), SAQR_ESTATE); /* twice */
    assert_int_equal(saqr_fdm_load_aircraft(f, root, "f16"), SAQR_ESTATE);
    assert_int_equal(saqr_fdm_load_script(f, root, "scripts/c1723.xml"), SAQR_ESTATE);
    assert_int_equal(saqr_fdm_load_initfile(f, "reset01"), SAQR_OK); /* the first aircraft is intact */
    assert_int_equal(saqr_fdm_init(f), SAQR_OK);
    assert_int_equal(saqr_fdm_init(f), SAQR_OK);                /* init twice: a reset */
    for (int k = 0; k < 20; k++)
        assert_int_equal(saqr_fdm_step(f), SAQR_OK);
    assert_true(saqr_fdm_time(f) > 0.0);
    saqr_fdm_destroy(f);
}

static void a_script_naming_a_missing_aircraft_says_so(void **state)
{
    (void)state;
    corrupt("scripts/c1723.xml", "aircraft=\"c172x\"", "aircraft=\"c999\"");
    saqr_fdm *f = saqr_fdm_create(NULL);
    assert_non_null(f);
    assert_int_not_equal(saqr_fdm_load_script(f, root, "scripts/c1723.xml"), SAQR_OK);
    assert_contains(saqr_fdm_error(f), "c1723.xml");
    assert_contains(saqr_fdm_error(f), "c999");
    assert_int_equal(saqr_fdm_step(f), SAQR_ESTATE);
    saqr_fdm_destroy(f);
    restore("scripts/c1723.xml");
}

static void a_script_with_a_missing_initialisation_file_says_so(void **state)
{
    (void)state;
    corrupt("scripts/c1723.xml", "initialize=\"reset00\"", "initialize=\"reset99\"");
    saqr_fdm *f = saqr_fdm_create(NULL);
    assert_non_null(f);
    assert_int_not_equal(saqr_fdm_load_script(f, root, "scripts/c1723.xml"), SAQR_OK);
    assert_contains(saqr_fdm_error(f), "reset99");
    saqr_fdm_destroy(f);
    restore("scripts/c1723.xml");
}

static void a_missing_script_is_named(void **state)
{
    (void)state;
    saqr_fdm *f = saqr_fdm_create(NULL);
    assert_non_null(f);
    assert_int_not_equal(saqr_fdm_load_script(f, root, "scripts/nowhere.xml"), SAQR_OK);
    assert_contains(saqr_fdm_error(f), "nowhere.xml");
    assert_int_not_equal(saqr_fdm_load_script(f, root, NULL), SAQR_OK);
    saqr_fdm_destroy(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(the_untouched_c172x_loads_without_unknown_element_warnings, pristine),
        cmocka_unit_test_setup(an_unknown_element_in_metrics_warns_with_file_and_line, pristine),
        cmocka_unit_test_setup(an_unknown_top_level_section_warns_with_file_and_line, pristine),
        cmocka_unit_test_setup(an_unknown_element_in_a_flight_control_component_warns, pristine),
        cmocka_unit_test_setup(reading_jsbsims_humidity_in_a_component_warns_that_it_is_not_modelled, pristine),
        cmocka_unit_test_setup(an_unknown_element_in_an_engine_file_warns_with_its_name, pristine),
        cmocka_unit_test_setup(an_unknown_attribute_on_a_number_warns_with_file_and_line, pristine),
        cmocka_unit_test_setup(an_unknown_attribute_on_a_component_warns, pristine),
        cmocka_unit_test_setup(a_planet_element_warns_that_the_earth_is_used, pristine),
        cmocka_unit_test_setup(malformed_xml_is_an_error_naming_file_and_line, pristine),
        cmocka_unit_test_setup(a_truncated_file_is_an_error, pristine),
        cmocka_unit_test_setup(a_file_that_is_not_an_aircraft_is_refused, pristine),
        cmocka_unit_test_setup(a_missing_aircraft_is_named, pristine),
        cmocka_unit_test_setup(a_missing_engine_file_is_named_where_it_is_asked_for, pristine),
        cmocka_unit_test_setup(a_missing_system_file_is_named_where_it_is_asked_for, pristine),
        cmocka_unit_test_setup(a_missing_initialisation_file_is_named, pristine),
        cmocka_unit_test_setup(a_bad_number_is_an_error_naming_file_and_line, pristine),
        cmocka_unit_test_setup(nan_and_infinity_in_a_file_are_bad_numbers, pristine),
        cmocka_unit_test_setup(a_bad_number_in_an_engine_file_names_the_engine_file, pristine),
        cmocka_unit_test_setup(an_unknown_unit_is_an_error_naming_file_and_line, pristine),
        cmocka_unit_test_setup(a_bad_number_in_table_data_names_its_line, pristine),
        cmocka_unit_test_setup(a_table_with_unsorted_breakpoints_is_an_error_naming_its_line, pristine),
        cmocka_unit_test_setup(a_property_nobody_defines_is_an_error_at_init_naming_its_use, pristine),
        cmocka_unit_test_setup(an_error_in_a_system_file_names_that_file, pristine),
        cmocka_unit_test_setup(a_failed_load_leaves_the_handle_able_to_load_again, pristine),
        cmocka_unit_test_setup(a_huge_transport_delay_is_refused_without_allocating_it, pristine),
        cmocka_unit_test_setup(non_finite_and_out_of_range_values_are_refused, pristine),
        cmocka_unit_test_setup(misuse_of_the_handle_is_refused_not_crashed, pristine),
        cmocka_unit_test_setup(a_script_naming_a_missing_aircraft_says_so, pristine),
        cmocka_unit_test_setup(a_script_with_a_missing_initialisation_file_says_so, pristine),
        cmocka_unit_test_setup(a_missing_script_is_named, pristine),
    };
    return cmocka_run_group_tests(tests, make_root, remove_root);
}
