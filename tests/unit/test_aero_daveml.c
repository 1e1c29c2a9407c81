/*
 * test_aero_daveml.c - DAVE-ML models inside a JSBSim aircraft's
 * <aerodynamics> (src/fdm/aero_daveml.c, docs/daveml.md "DAVE-ML inside a
 * JSBSim aircraft").
 *
 * The test builds, in a temporary JSBSim root, a variant of JSBSim's c172x
 * (reference/jsbsim of SAQR_SHARED) whose lift coefficient CLwbh (a 2-D
 * table in alpha and stall hysteresis) is looked up by a DAVE-ML model
 * the test writes from the numbers of the reference file's own table; the
 * axis function then reads the model's output property in place of the
 * table.  Checks:
 *  - the DAVE-ML output equals the bilinear interpolation of the table,
 *    computed here, over a sweep of alpha;
 *  - body forces and moments equal those of the unchanged c172x over the
 *    sweep (to rounding), with the alpha breakpoints in radians and, with
 *    unit conversion on the input, in degrees;
 *  - unit conversions of inputs and outputs (rad -> deg, ft/s -> kt,
 *    unit= on an output) against factors computed here from the
 *    definitions of the units;
 *  - pre functions before and after a <daveml> see its inputs and outputs
 *    of the same frame;
 *  - a 5 s flight with an elevator pull matches the unchanged c172x to
 *    1e-9 relative, with no allocation while stepping;
 *  - each bad input (missing file, unknown variable, a variable that is
 *    not an input, unknown or incompatible units, a property without unit,
 *    a malformed model, an output onto a computed property) is refused
 *    with the aircraft file and the line of the faulty element; an input
 *    property nothing sets is named (file:line) when the aircraft is
 *    initialised.
 */
#include "test_util.h"

#include <math.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fdm_util.h"
#include "saqr.h"

#define MAX_ROWS 64
#define PI 3.14159265358979323846

static char root[256];      /* temporary JSBSim root                     */
static char ref_root[1024]; /* the reference root                         */

/* The c172x's CLwbh table: rows alpha (rad), columns stall-hyst-norm. */
typedef struct cl_table {
    int n;
    double alpha_rad[MAX_ROWS];
    double hyst[2];
    double cl[MAX_ROWS][2];
} cl_table;

static cl_table table;

/* ---- files ------------------------------------------------------------- */

static char *slurp(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    fseek(fp, 0, SEEK_END);
    long n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    assert_non_null(s);
    assert_int_equal(fread(s, 1, (size_t)n, fp), (size_t)n);
    s[n] = '\0';
    fclose(fp);
    return s;
}

static void spit(const char *path, const char *text)
{
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(text, 1, strlen(text), fp), strlen(text));
    fclose(fp);
}

/* Writes root/aircraft/<rel>. */
static void write_ac(const char *rel, const char *text)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/aircraft/%s", root, rel);
    spit(path, text);
}

/* 1-based line of the first `needle` in `text`. */
static int line_of(const char *text, const char *needle)
{
    const char *at = strstr(text, needle);
    if (!at)
        fail_msg("\"%s\" not in the test's text", needle);
    int line = 1;
    for (const char *p = text; p < at; p++)
        line += *p == '\n';
    return line;
}

/* Appends printf output to a growing string. */
static void cat(char **s, size_t *len, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void cat(char **s, size_t *len, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    assert_true(n >= 0);
    *s = realloc(*s, *len + (size_t)n + 1);
    assert_non_null(*s);
    va_start(ap, fmt);
    vsnprintf(*s + *len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    *len += (size_t)n;
}

/* Reads the CLwbh table of the reference c172x. */
static void parse_clwbh(const char *xml)
{
    const char *fn = strstr(xml, "<function name=\"aero/coefficient/CLwbh\">");
    assert_non_null(fn);
    const char *data = strstr(fn, "<tableData>");
    const char *end = strstr(fn, "</tableData>");
    assert_true(data && end && data < end);
    data += strlen("<tableData>");
    char *p;
    table.hyst[0] = strtod(data, &p);
    table.hyst[1] = strtod(p, &p);
    table.n = 0;
    while (p < end) {
        char *q;
        double a = strtod(p, &q);
        if (q == p || q > end)
            break;
        assert_true(table.n < MAX_ROWS);
        table.alpha_rad[table.n] = a;
        table.cl[table.n][0] = strtod(q, &q);
        table.cl[table.n][1] = strtod(q, &q);
        table.n++;
        p = q;
    }
    assert_true(table.n >= 10);
}

/* Bilinear interpolation of the table, held at its edges. */
static double clwbh_at(double alpha_rad, double hyst)
{
    double h = hyst < table.hyst[0] ? table.hyst[0] : hyst > table.hyst[1] ? table.hyst[1] : hyst;
    double fh = (h - table.hyst[0]) / (table.hyst[1] - table.hyst[0]);
    double a = alpha_rad;
    if (a <= table.alpha_rad[0])
        return table.cl[0][0] + fh * (table.cl[0][1] - table.cl[0][0]);
    if (a >= table.alpha_rad[table.n - 1]) {
        int k = table.n - 1;
        return table.cl[k][0] + fh * (table.cl[k][1] - table.cl[k][0]);
    }
    int i = 0;
    while (table.alpha_rad[i + 1] < a)
        i++;
    double fa = (a - table.alpha_rad[i]) / (table.alpha_rad[i + 1] - table.alpha_rad[i]);
    double lo = table.cl[i][0] + fa * (table.cl[i + 1][0] - table.cl[i][0]);
    double hi = table.cl[i][1] + fa * (table.cl[i + 1][1] - table.cl[i][1]);
    return lo + fh * (hi - lo);
}

/* A DAVE-ML model of the CLwbh table with alpha breakpoints in `alpha_units`
 * ("rad" or "deg"), and two echo outputs for unit tests: alphaEcho (alpha,
 * same units) and vtEcho (trueAirspeed, kt). */
static char *clwbh_dml(const char *alpha_units)
{
    double k = strcmp(alpha_units, "deg") == 0 ? 180.0 / PI : 1.0;
    char *s = NULL;
    size_t n = 0;
    cat(&s, &n,
        "<?xml version=\"1.0\"?>\n<DAVEfunc>\n<fileHeader name=\"c172x CLwbh\"/>\n"
        "<variableDef name=\"alpha\" varID=\"angleOfAttack\" units=\"%s\"><isInput/></variableDef>\n"
        "<variableDef name=\"hyst\" varID=\"stallHyst\" units=\"nd\"><isInput/></variableDef>\n"
        "<variableDef name=\"vt\" varID=\"trueAirspeed\" units=\"kt\"><isInput/></variableDef>\n"
        "<variableDef name=\"CLwbh\" varID=\"CLwbh\" units=\"nd\"><isOutput/></variableDef>\n"
        "<variableDef name=\"alphaEcho\" varID=\"alphaEcho\" units=\"%s\"><calculation><math>"
        "<apply><times/><cn>1</cn><ci>angleOfAttack</ci></apply></math></calculation><isOutput/>"
        "</variableDef>\n"
        "<variableDef name=\"vtEcho\" varID=\"vtEcho\" units=\"kt\"><calculation><math>"
        "<apply><times/><cn>1</cn><ci>trueAirspeed</ci></apply></math></calculation><isOutput/>"
        "</variableDef>\n"
        "<breakpointDef bpID=\"ALPHA\"><bpVals>",
        alpha_units, alpha_units);
    for (int i = 0; i < table.n; i++)
        cat(&s, &n, "%s%.17g", i ? ", " : "", table.alpha_rad[i] * k);
    cat(&s, &n,
        "</bpVals></breakpointDef>\n"
        "<breakpointDef bpID=\"HYST\"><bpVals>%.17g, %.17g</bpVals></breakpointDef>\n"
        "<griddedTableDef gtID=\"CLWBH\"><breakpointRefs><bpRef bpID=\"ALPHA\"/><bpRef bpID=\"HYST\"/>"
        "</breakpointRefs><dataTable>\n",
        table.hyst[0], table.hyst[1]);
    for (int i = 0; i < table.n; i++)
        cat(&s, &n, "%.17g, %.17g%s\n", table.cl[i][0], table.cl[i][1], i + 1 < table.n ? "," : "");
    cat(&s, &n,
        "</dataTable></griddedTableDef>\n"
        "<function name=\"CLwbhFn\"><independentVarRef varID=\"angleOfAttack\"/>"
        "<independentVarRef varID=\"stallHyst\"/><dependentVarRef varID=\"CLwbh\"/>"
        "<functionDefn><griddedTableRef gtID=\"CLWBH\"/></functionDefn></function>\n"
        "</DAVEfunc>\n");
    return s;
}

/* The reference c172x with `block` inserted at the start of <aerodynamics>
 * and the CLwbh table replaced by the property aero/daveml/clwbh. */
static char *c172_variant(const char *block)
{
    char path[1300];
    snprintf(path, sizeof path, "%s/aircraft/c172x/c172x.xml", ref_root);
    char *xml = slurp(path);
    assert_non_null(xml);
    const char *aero = strstr(xml, "<aerodynamics>");
    const char *fn = strstr(xml, "<function name=\"aero/coefficient/CLwbh\">");
    assert_true(aero && fn && aero < fn);
    const char *tab = strstr(fn, "<table>");
    const char *tab_end = strstr(fn, "</table>");
    assert_true(tab && tab_end && tab < tab_end);
    aero += strlen("<aerodynamics>");
    tab_end += strlen("</table>");
    char *s = NULL;
    size_t n = 0;
    cat(&s, &n, "%.*s\n%s", (int)(aero - xml), xml, block);
    cat(&s, &n, "%.*s<property>aero/daveml/clwbh</property>%s", (int)(tab - aero), aero, tab_end);
    free(xml);
    return s;
}

/* ---- set-up ------------------------------------------------------------ */

static int setup(void **state)
{
    (void)state;
    test_shared_path(ref_root, sizeof ref_root, "reference/jsbsim");
    char path[1300], dst[1300];
    snprintf(path, sizeof path, "%s/aircraft/c172x/c172x.xml", ref_root);
    if (access(path, R_OK) != 0)
        return 0; /* the tests skip */
    snprintf(root, sizeof root, "/tmp/saqr_aero_dml_XXXXXX");
    if (!mkdtemp(root))
        return -1;
    static const char *const dirs[] = {"engine", "systems"};
    for (int i = 0; i < 2; i++) {
        snprintf(path, sizeof path, "%s/%s", ref_root, dirs[i]);
        snprintf(dst, sizeof dst, "%s/%s", root, dirs[i]);
        if (symlink(path, dst) != 0)
            return -1;
    }
    snprintf(dst, sizeof dst, "%s/aircraft", root);
    mkdir(dst, 0700);
    snprintf(dst, sizeof dst, "%s/aircraft/c172x", root);
    mkdir(dst, 0700);
    snprintf(dst, sizeof dst, "%s/aircraft/t", root);
    mkdir(dst, 0700);
    static const char *const files[] = {"c172ap.xml", "reset01.xml"};
    for (int i = 0; i < 2; i++) {
        snprintf(path, sizeof path, "%s/aircraft/c172x/%s", ref_root, files[i]);
        snprintf(dst, sizeof dst, "%s/aircraft/c172x/%s", root, files[i]);
        if (symlink(path, dst) != 0)
            return -1;
    }
    snprintf(path, sizeof path, "%s/aircraft/c172x/c172x.xml", ref_root);
    char *xml = slurp(path);
    parse_clwbh(xml);
    free(xml);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    if (root[0]) {
        char cmd[400];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
        if (system(cmd) != 0)
            return -1;
    }
    return 0;
}

static void need_reference(void)
{
    if (!root[0])
        skip();
}

/* ---- flying ------------------------------------------------------------ */

typedef struct counter {
    long n;
} counter;

static void *count_alloc(size_t n, void *ctx)
{
    ((counter *)ctx)->n++;
    return malloc(n);
}

static void count_free(void *p, void *ctx)
{
    (void)ctx;
    free(p);
}

/* The c172x of `dir` (the reference root or the test's) at reset01 with
 * alpha set when `alpha_deg` is finite, initialised. */
static saqr_fdm *c172_at(const char *dir, double alpha_deg, const saqr_allocator *alloc)
{
    saqr_fdm *f = saqr_fdm_create(alloc);
    assert_non_null(f);
    if (saqr_fdm_load_aircraft(f, dir, "c172x") != SAQR_OK)
        fail_msg("%s", saqr_fdm_error(f));
    assert_int_equal(saqr_fdm_load_initfile(f, "reset01"), SAQR_OK);
    if (isfinite(alpha_deg))
        fdm_set(f, "ic/alpha-deg", alpha_deg);
    if (saqr_fdm_init(f) != SAQR_OK)
        fail_msg("%s", saqr_fdm_error(f));
    return f;
}

static const char *const force_props[] = {"forces/fbx-aero-lbs", "forces/fby-aero-lbs", "forces/fbz-aero-lbs",
                                          "moments/l-aero-lbsft", "moments/m-aero-lbsft",
                                          "moments/n-aero-lbsft", "aero/coefficient/CLwbh"};

#define ALPHA_BINDING "<input variable=\"angleOfAttack\" property=\"aero/alpha-rad\"/>\n"
#define HYST_BINDING "<input variable=\"stallHyst\" property=\"aero/stall-hyst-norm\"/>\n"
#define CL_BINDING "<output variable=\"CLwbh\" property=\"aero/daveml/clwbh\"/>\n"

/* Sweeps alpha over -12..30 deg, comparing the variant's forces and
 * moments with the reference c172x's and its DAVE-ML output with the
 * table interpolated here.  Returns the largest force difference. */
static double sweep(void)
{
    double worst = 0.0;
    int checked_cl = 0;
    for (double a = -12.0; a <= 30.0; a += 0.7) {
        saqr_fdm *ref = c172_at(ref_root, a, NULL);
        saqr_fdm *dml = c172_at(root, a, NULL);
        double alpha_rad = fdm_get(dml, "aero/alpha-rad");
        assert_near(alpha_rad, a * PI / 180.0, 1e-9); /* the IC took */
        double cl = fdm_get(dml, "aero/daveml/clwbh");
        double expect = clwbh_at(alpha_rad, fdm_get(dml, "aero/stall-hyst-norm"));
        assert_near(cl, expect, 1e-12 * (1.0 + fabs(expect)));
        checked_cl += cl != 0.0;
        double qs = fdm_get(ref, "aero/qbar-area");
        assert_true(qs > 100.0);
        for (size_t i = 0; i < sizeof force_props / sizeof force_props[0]; i++) {
            double x = fdm_get(ref, force_props[i]), y = fdm_get(dml, force_props[i]);
            double d = fabs(x - y);
            if (d > 1e-12 * qs * 40.0)   /* 40 ft: a moment arm beyond the c172's */
                fail_msg("alpha %.2f deg: %s = %.17g with DAVE-ML, %.17g with JSBSim's table", a,
                         force_props[i], y, x);
            worst = fmax(worst, d / qs);
        }
        saqr_fdm_destroy(ref);
        saqr_fdm_destroy(dml);
    }
    assert_true(checked_cl > 50);
    return worst;
}

/* The CLwbh model with breakpoints in `units` ("rad" or "deg") at `path`. */
static void write_clwbh(const char *path, const char *units)
{
    char *dml = clwbh_dml(units);
    write_ac(path, dml);
    free(dml);
}

/* The c172x with `aero_xml` in its aerodynamics (c172_variant). */
static void write_c172_variant(const char *aero_xml)
{
    char *ac = c172_variant(aero_xml);
    write_ac("c172x/c172x.xml", ac);
    free(ac);
}

static void daveml_clwbh_should_give_the_forces_of_the_jsbsim_table(void **state)
{
    (void)state;
    need_reference();
    write_clwbh("c172x/clwbh.dml", "rad");
    write_c172_variant("<daveml file=\"clwbh.dml\">\n" ALPHA_BINDING HYST_BINDING CL_BINDING "</daveml>\n");
    double worst = sweep();
    print_message("rad breakpoints: largest |force difference| / (qbar S) = %.3g\n", worst);
}

static void daveml_inputs_should_convert_radians_to_degrees(void **state)
{
    (void)state;
    need_reference();
    write_clwbh("c172x/clwbh_deg.dml", "deg");
    write_c172_variant("<daveml file=\"clwbh_deg.dml\">\n" ALPHA_BINDING HYST_BINDING CL_BINDING
                            "</daveml>\n");
    double worst = sweep();
    print_message("deg breakpoints: largest |force difference| / (qbar S) = %.3g\n", worst);
}

static void daveml_outputs_should_convert_to_the_property_units(void **state)
{
    (void)state;
    need_reference();
    write_clwbh("c172x/clwbh_deg.dml", "deg");
    /* A pre function before the model feeds it; one after reads it in the
     * same frame. */
    write_c172_variant(
        "<function name=\"aero/test/vt-twice-fps\"><product><value>2</value>"
        "<property>velocities/vt-fps</property></product></function>\n"
        "<daveml file=\"clwbh_deg.dml\">\n" ALPHA_BINDING HYST_BINDING CL_BINDING
        "<input variable=\"trueAirspeed\" property=\"aero/test/vt-twice-fps\"/>\n"
        "<output variable=\"alphaEcho\" property=\"aero/daveml/alpha-echo-rad\"/>\n"
        "<output variable=\"alpha\" property=\"aero/daveml/alpha-echo-deg\"/>\n"
        "<output variable=\"vtEcho\" property=\"aero/daveml/vt-kts\"/>\n"
        "<output variable=\"vtEcho\" property=\"aero/daveml/vt\" unit=\"FT/SEC\"/>\n"
        "</daveml>\n"
        "<function name=\"aero/test/after\"><product><value>1</value>"
        "<property>aero/daveml/vt</property></product></function>\n");
    saqr_fdm *f = c172_at(root, 7.3, NULL);
    double vt_fps = fdm_get(f, "velocities/vt-fps");
    assert_true(vt_fps > 100.0);
    /* 1 kt = 1852 m / 3600 s, 1 ft = 0.3048 m */
    assert_near(fdm_get(f, "aero/daveml/vt-kts"), 2.0 * vt_fps * 0.3048 * 3600.0 / 1852.0, 1e-12 * vt_fps);
    assert_near(fdm_get(f, "aero/daveml/vt"), 2.0 * vt_fps, 1e-12 * vt_fps);
    assert_near(fdm_get(f, "aero/test/after"), 2.0 * vt_fps, 1e-12 * vt_fps);
    assert_near(fdm_get(f, "aero/daveml/alpha-echo-rad"), fdm_get(f, "aero/alpha-rad"), 1e-15);
    assert_near(fdm_get(f, "aero/daveml/alpha-echo-deg"), fdm_get(f, "aero/alpha-rad") * 180.0 / PI, 1e-13);
    assert_near(fdm_get(f, "aero/daveml/alpha-echo-deg"), 7.3, 1e-9);
    saqr_fdm_destroy(f);
}

static const char *const state_props[] = {
    "position/h-sl-ft",    "position/lat-geod-deg", "position/long-gc-deg", "velocities/u-fps",
    "velocities/v-fps",    "velocities/w-fps",      "velocities/p-rad_sec", "velocities/q-rad_sec",
    "velocities/r-rad_sec", "attitude/phi-rad",     "attitude/theta-rad",   "attitude/psi-rad",
    "aero/alpha-rad",      "forces/fbz-aero-lbs",   "moments/m-aero-lbsft", "aero/coefficient/CLwbh"};

static void a_flight_should_match_the_all_jsbsim_c172(void **state)
{
    (void)state;
    need_reference();
    write_clwbh("c172x/clwbh.dml", "rad");
    write_c172_variant("<daveml file=\"clwbh.dml\">\n" ALPHA_BINDING HYST_BINDING CL_BINDING "</daveml>\n");
    counter cnt = {0};
    saqr_allocator counting = {count_alloc, count_free, &cnt};
    saqr_fdm *ref = c172_at(ref_root, NAN, NULL);
    saqr_fdm *dml_f = c172_at(root, NAN, &counting);
    long allocs_after_init = cnt.n;
    double alpha_max = -1.0, alpha_min = 1.0;
    for (int k = 0; k < 600; k++) {
        /* a pull and a push, so alpha sweeps through the table */
        double el = k < 200 ? -0.6 : k < 400 ? 0.3 : 0.0;
        fdm_set(ref, "fcs/elevator-cmd-norm", el);
        fdm_set(dml_f, "fcs/elevator-cmd-norm", el);
        assert_int_equal(saqr_fdm_step(ref), SAQR_OK);
        assert_int_equal(saqr_fdm_step(dml_f), SAQR_OK);
        double a = fdm_get(ref, "aero/alpha-rad");
        alpha_max = fmax(alpha_max, a);
        alpha_min = fmin(alpha_min, a);
        for (size_t i = 0; i < sizeof state_props / sizeof state_props[0]; i++) {
            double x = fdm_get(ref, state_props[i]), y = fdm_get(dml_f, state_props[i]);
            double scale = fmax(fmax(fabs(x), fabs(y)), 1e-6);
            if (fabs(x - y) > 1e-9 * scale)
                fail_msg("t = %.3f s: %s = %.17g with DAVE-ML, %.17g with JSBSim's table",
                         saqr_fdm_time(ref), state_props[i], y, x);
        }
    }
    assert_int_equal(cnt.n, allocs_after_init); /* nothing allocated in a step */
    assert_true(alpha_max - alpha_min > 0.05);   /* alpha went through several rows */
    print_message("5 s flight: alpha %.3f .. %.3f rad, identical to 1e-9\n", alpha_min, alpha_max);
    saqr_fdm_destroy(ref);
    saqr_fdm_destroy(dml_f);
}

/* ---- errors ------------------------------------------------------------ */

#define T_HEAD                                                                                        \
    "<?xml version=\"1.0\"?>\n<fdm_config name=\"t\" version=\"2.0\">\n"                              \
    "<metrics><wingarea unit=\"FT2\">174</wingarea><wingspan unit=\"FT\">36</wingspan>"               \
    "<chord unit=\"FT\">4.9</chord><location name=\"AERORP\" unit=\"IN\"><x>43</x><y>0</y><z>59</z>"   \
    "</location></metrics>\n"                                                                         \
    "<mass_balance><ixx unit=\"SLUG*FT2\">948</ixx><iyy unit=\"SLUG*FT2\">1346</iyy>"                 \
    "<izz unit=\"SLUG*FT2\">1967</izz><emptywt unit=\"LBS\">1500</emptywt>"                           \
    "<location name=\"CG\" unit=\"IN\"><x>41</x><y>0</y><z>36</z></location></mass_balance>\n"        \
    "<aerodynamics>\n"
#define T_TAIL                                                                                        \
    "<axis name=\"LIFT\"><function name=\"aero/coefficient/CL\"><product>"                            \
    "<property>aero/qbar-area</property><property>aero/daveml/clwbh</property></product>"             \
    "</function></axis>\n</aerodynamics>\n</fdm_config>\n"

/* Loads aircraft t made of `body` inside <aerodynamics>; the load must fail
 * naming t.xml at the line of `where` (a text of body) and containing
 * `words`. */
static void refused(const char *body, const char *where, const char *words)
{
    char *xml = NULL;
    size_t n = 0;
    cat(&xml, &n, "%s%s%s", T_HEAD, body, T_TAIL);
    write_ac("t/t.xml", xml);
    char expect[64];
    snprintf(expect, sizeof expect, "t.xml:%d: ", line_of(xml, where));
    free(xml);
    saqr_fdm *f = saqr_fdm_create(NULL);
    assert_non_null(f);
    saqr_status st = saqr_fdm_load_aircraft(f, root, "t");
    const char *msg = saqr_fdm_error(f);
    if (st == SAQR_OK)
        fail_msg("loaded; expected an error with \"%s\"", words);
    print_message("  %s\n", strstr(msg, "t.xml:") ? strstr(msg, "t.xml:") : msg);
    if (!strstr(msg, expect) || !strstr(msg, words))
        fail_msg("expected \"%s...%s\" in \"%s\"", expect, words, msg);
    saqr_fdm_destroy(f);
}

static void bad_daveml_elements_should_be_refused_with_file_and_line(void **state)
{
    (void)state;
    need_reference();
    write_clwbh("t/clwbh.dml", "rad");
    write_ac("t/furlong.dml", "<?xml version=\"1.0\"?>\n<DAVEfunc>\n<fileHeader name=\"f\"/>\n"
                              "<variableDef name=\"d\" varID=\"d\" units=\"furlong\"><isInput/></variableDef>\n"
                              "<variableDef name=\"e\" varID=\"e\" units=\"nd\"/>\n</DAVEfunc>\n");
    write_ac("t/broken.dml", "<?xml version=\"1.0\"?>\n<DAVEfunc>\n<fileHeader name=\"b\"/>\n"
                             "<variableDef name=\"x\" varID=\"x\" units=\"nd\"><calculation><math>"
                             "<apply><plus/><ci>nosuch</ci></apply></math></calculation></variableDef>\n"
                             "</DAVEfunc>\n");

    refused("<daveml file=\"missing.dml\">\n" CL_BINDING "</daveml>\n", "<daveml", "missing.dml");
    refused("<daveml>\n" CL_BINDING "</daveml>\n", "<daveml", "file=");
    refused("<daveml file=\"clwbh.dml\">\n<input variable=\"angleOfAtack\" property=\"aero/alpha-rad\"/>\n"
            CL_BINDING "</daveml>\n",
            "<input", "no variable \"angleOfAtack\"");
    refused("<daveml file=\"clwbh.dml\">\n" ALPHA_BINDING "<output variable=\"CLwb\" property=\"aero/daveml/clwbh\"/>\n"
            "</daveml>\n",
            "<output", "no variable \"CLwb\"");
    refused("<daveml file=\"clwbh.dml\">\n" ALPHA_BINDING "<input variable=\"CLwbh\" property=\"aero/x\"/>\n"
            CL_BINDING "</daveml>\n",
            "<input variable=\"CLwbh\"", "not an input");
    refused("<daveml file=\"clwbh.dml\">\n<input variable=\"angleOfAttack\" property=\"velocities/vt-fps\"/>\n"
            CL_BINDING "</daveml>\n",
            "<input", "cannot convert");
    refused("<daveml file=\"clwbh.dml\">\n<input variable=\"angleOfAttack\" property=\"aero/alpha-rad\" "
            "unit=\"FURLONG\"/>\n" CL_BINDING "</daveml>\n",
            "<input", "unknown unit \"FURLONG\"");
    refused("<daveml file=\"clwbh.dml\">\n<input variable=\"angleOfAttack\" property=\"aero/qbar-area\"/>\n"
            CL_BINDING "</daveml>\n",
            "<input", "no unit in its name");
    refused("<daveml file=\"furlong.dml\">\n<input variable=\"d\" property=\"aero/alpha-deg\"/>\n"
            "<output variable=\"e\" property=\"aero/daveml/clwbh\"/>\n</daveml>\n",
            "<input", "unknown units \"furlong\"");
    refused("<daveml file=\"clwbh.dml\">\n" ALPHA_BINDING
            "<output variable=\"alphaEcho\" property=\"aero/alpha-rad\"/>\n</daveml>\n",
            "<output", "already computed");
    /* a malformed model: the aircraft's line, then the model's own */
    refused("<daveml file=\"broken.dml\">\n" CL_BINDING "</daveml>\n", "<daveml", "broken.dml:4");
}

static void an_input_property_nobody_sets_should_be_named_at_init(void **state)
{
    (void)state;
    need_reference();
    write_clwbh("t/clwbh.dml", "rad");
    char *xml = NULL;
    size_t n = 0;
    cat(&xml, &n, "%s<daveml file=\"clwbh.dml\">\n<input variable=\"angleOfAttack\" property=\"aero/alpah-rad\"/>\n"
        CL_BINDING "</daveml>\n%s", T_HEAD, T_TAIL);
    write_ac("t/t.xml", xml);
    char expect[64];
    snprintf(expect, sizeof expect, "t.xml:%d: ", line_of(xml, "<input"));
    free(xml);
    saqr_fdm *f = saqr_fdm_create(NULL);
    assert_non_null(f);
    if (saqr_fdm_load_aircraft(f, root, "t") != SAQR_OK)
        fail_msg("%s", saqr_fdm_error(f));
    assert_int_not_equal(saqr_fdm_init(f), SAQR_OK);
    const char *msg = saqr_fdm_error(f);
    if (!strstr(msg, expect) || !strstr(msg, "aero/alpah-rad"))
        fail_msg("expected \"%s...aero/alpah-rad\" in \"%s\"", expect, msg);
    saqr_fdm_destroy(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(daveml_clwbh_should_give_the_forces_of_the_jsbsim_table),
        cmocka_unit_test(daveml_inputs_should_convert_radians_to_degrees),
        cmocka_unit_test(daveml_outputs_should_convert_to_the_property_units),
        cmocka_unit_test(a_flight_should_match_the_all_jsbsim_c172),
        cmocka_unit_test(bad_daveml_elements_should_be_refused_with_file_and_line),
        cmocka_unit_test(an_input_property_nobody_sets_should_be_named_at_init),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
