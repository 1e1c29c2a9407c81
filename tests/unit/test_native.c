/*
 * test_native.c - saqr_fdm_compile: an aircraft whose flight control
 * channels, aerodynamic sums and engine functions run as generated, compiled C gives the same
 * results, bit for bit, as the interpreter - every property of every frame,
 * over JSBSim's reference scripts and Saqr's own aircraft - alone and in a
 * batch; and a compiler that cannot run or fails leaves the aircraft
 * interpreted with an error that says why.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <math.h>

#include "fcs_test_util.h"
#include "fdm_util.h"
#include "fdm/fdm_internal.h"
#include "fdm/propulsion_internal.h"
#include "native/native_build.h"
#include "saqr_batch.h"

#ifndef SAQR_ROOT_DIR
#define SAQR_ROOT_DIR "."
#endif

/* The first property (by slot) whose value differs in bits, or -1. */
static int first_difference(const saqr_fdm *a, const saqr_fdm *b)
{
    int n = saqr_fdm_property_count(a);
    assert_int_equal(n, saqr_fdm_property_count(b));
    for (int s = 0; s < n; s++) {
        double x = saqr_fdm_get(a, s), y = saqr_fdm_get(b, s);
        if (memcmp(&x, &y, sizeof x) != 0)
            return s;
    }
    return -1;
}

/* Steps both to `frames` (or the end of their script), comparing every
 * property after every frame. */
static void fly_side_by_side(saqr_fdm *interp, saqr_fdm *native, int frames, const char *what)
{
    for (int k = 0; k < frames && !saqr_fdm_script_done(interp); k++) {
        saqr_status a = saqr_fdm_step(interp), b = saqr_fdm_step(native);
        assert_int_equal(a, b);
        if (a != SAQR_OK)
            break;
        int s = first_difference(interp, native);
        if (s >= 0)
            fail_msg("%s frame %d: %s interpreted %.17g, compiled %.17g", what, k + 1,
                     saqr_fdm_property_name(interp, s), saqr_fdm_get(interp, s), saqr_fdm_get(native, s));
    }
    assert_int_equal(saqr_fdm_script_done(interp), saqr_fdm_script_done(native));
}

static saqr_fdm *script_fdm(const char *file, int compile)
{
    char root[1024], path[1200];
    test_shared_path(root, sizeof root, "reference/jsbsim");
    snprintf(path, sizeof path, "%s/scripts/%s", root, file);
    saqr_fdm *f = saqr_fdm_create(NULL);
    assert_non_null(f);
    if (saqr_fdm_load_script(f, root, path) != SAQR_OK)
        fail_msg("%s: %s", file, saqr_fdm_error(f));
    if (compile && saqr_fdm_compile(f, NULL) != SAQR_OK)
        fail_msg("compile %s: %s", file, saqr_fdm_error(f));
    return f;
}

/* JSBSim's reference scripts (c172x with its autopilot, the F-16 with its
 * flight control laws): the whole of each run, at most 60 s. */
static void test_reference_scripts_bit_identical(void **state)
{
    (void)state;
    static const char *const scripts[] = {"c1722.xml",           "c1723.xml",
                                          "c172_cross_wind.xml", "c172_cruise_8K.xml",
                                          "c172_elevator_doublet.xml", "c172_head_wind.xml",
                                          "f16_runway_test.xml", "f16_test.xml"};
    for (size_t i = 0; i < sizeof scripts / sizeof scripts[0]; i++) {
        saqr_fdm *a = script_fdm(scripts[i], 0), *b = script_fdm(scripts[i], 1);
        /* the F100's thrust tables are functions of its engine: they run
         * as generated code too */
        if (strncmp(scripts[i], "f16", 3) == 0 && (!b->prop || b->prop->neng < 1 || !b->prop->eng[0].d->native_pre))
            fail_msg("%s: the engine's functions are not compiled", scripts[i]);
        fly_side_by_side(a, b, 60 * 120, scripts[i]);
        saqr_fdm_destroy(a);
        saqr_fdm_destroy(b);
    }
}

static saqr_fdm *own_aircraft(const char *name, const char *initfile, int compile)
{
    saqr_fdm *f = saqr_fdm_create(NULL);
    assert_non_null(f);
    if (saqr_fdm_load_aircraft(f, SAQR_ROOT_DIR, name) != SAQR_OK ||
        saqr_fdm_load_initfile(f, initfile) != SAQR_OK)
        fail_msg("%s: %s", name, saqr_fdm_error(f));
    if (compile && saqr_fdm_compile(f, NULL) != SAQR_OK)
        fail_msg("compile %s: %s", name, saqr_fdm_error(f));
    fdm_set(f, "propulsion/set-running", -1.0);
    assert_int_equal(saqr_fdm_init(f), SAQR_OK);
    return f;
}

/* Saqr's Super Mushak and JF-17 in flight, flown with moving controls. */
static void test_own_aircraft_bit_identical(void **state)
{
    (void)state;
    static const char *const ac[][2] = {{"super-mushak", "reset00"}, {"jf17", "reset01"}};
    for (size_t i = 0; i < 2; i++) {
        saqr_fdm *a = own_aircraft(ac[i][0], ac[i][1], 0), *b = own_aircraft(ac[i][0], ac[i][1], 1);
        for (int seg = 0; seg < 6; seg++) {
            double e = 0.1 * (seg % 3 - 1), r = 0.2 * ((seg + 1) % 3 - 1);
            saqr_fdm *both[2] = {a, b};
            for (int k = 0; k < 2; k++) {
                fdm_set(both[k], "fcs/elevator-cmd-norm", e);
                fdm_set(both[k], "fcs/aileron-cmd-norm", r);
                fdm_set(both[k], "fcs/throttle-cmd-norm", 0.6 + 0.05 * seg);
            }
            fly_side_by_side(a, b, 240, ac[i][0]);
        }
        saqr_fdm_destroy(a);
        saqr_fdm_destroy(b);
    }
}

/* A batch filled from a compiled model runs the code on every aircraft
 * (two threads) and matches a batch of the interpreted model. */
static void test_batch_shares_code(void **state)
{
    (void)state;
    saqr_fdm *m[2];
    saqr_batch *b[2];
    for (int k = 0; k < 2; k++) {
        m[k] = fdm_c172_in_flight();
        fdm_set(m[k], "ap/heading_hold", 1.0);
        fdm_set(m[k], "ap/heading_setpoint", 250.0);
        if (k == 1)
            assert_int_equal(saqr_fdm_compile(m[k], NULL), SAQR_OK);
        b[k] = saqr_batch_create(NULL);
        assert_non_null(b[k]);
        assert_int_equal(saqr_batch_fill(b[k], m[k], 6, 2), SAQR_OK);
        assert_int_equal(saqr_batch_step(b[k], 600), SAQR_OK);
    }
    int n = saqr_fdm_property_count(m[0]);
    double x[6], y[6];
    for (int s = 0; s < n; s++) {
        assert_int_equal(saqr_batch_get(b[0], s, x), SAQR_OK);
        assert_int_equal(saqr_batch_get(b[1], s, y), SAQR_OK);
        if (memcmp(x, y, sizeof x) != 0)
            fail_msg("batch: %s differs", saqr_fdm_property_name(m[0], s));
    }
    for (int k = 0; k < 2; k++) {
        saqr_batch_destroy(b[k]);
        saqr_fdm_destroy(m[k]);
    }
}

/* A compiler that is missing or fails, or a temporary folder that cannot
 * be written: SAQR_EIO naming it, and the aircraft flies on interpreted,
 * the same as one never compiled. */
static void test_compiler_failure_leaves_interpreter(void **state)
{
    (void)state;
    static const char *const bad[] = {"/nonexistent/saqr-no-cc", "false"};
    for (size_t i = 0; i < 2; i++) {
        saqr_fdm *a = fdm_c172_in_flight(), *b = fdm_c172_in_flight();
        assert_int_equal(saqr_fdm_compile(b, bad[i]), SAQR_EIO);
        const char *msg = saqr_fdm_error(b);
        if (!strstr(msg, bad[i]))
            fail_msg("error does not name the compiler: %s", msg);
        fly_side_by_side(a, b, 240, bad[i]);
        saqr_fdm_destroy(a);
        saqr_fdm_destroy(b);
    }
    saqr_fdm *f = saqr_fdm_create(NULL);
    assert_non_null(f);
    assert_int_equal(saqr_fdm_compile(f, NULL), SAQR_ESTATE); /* nothing loaded */
    saqr_fdm_destroy(f);

    /* nowhere to write the source: the same, naming the folder */
    const char *old = getenv("TMPDIR");
    char saved[1024] = "";
    if (old)
        snprintf(saved, sizeof saved, "%s", old);
    setenv("TMPDIR", "/nonexistent/saqr-tmp", 1);
    saqr_fdm *a = fdm_c172_in_flight(), *b = fdm_c172_in_flight();
    saqr_status st = saqr_fdm_compile(b, NULL);
    if (old)
        setenv("TMPDIR", saved, 1);
    else
        unsetenv("TMPDIR");
    assert_int_equal(st, SAQR_EIO);
    if (!strstr(saqr_fdm_error(b), "/nonexistent/saqr-tmp"))
        fail_msg("error does not name the folder: %s", saqr_fdm_error(b));
    fly_side_by_side(a, b, 120, "no TMPDIR");
    saqr_fdm_destroy(a);
    saqr_fdm_destroy(b);
}

/* Compiling twice is harmless; a compiled handle is destroyed cleanly
 * (valgrind and the sanitizers check the unloading). */
static void test_compile_twice(void **state)
{
    (void)state;
    saqr_fdm *a = fdm_c172_in_flight(), *b = fdm_c172_in_flight();
    assert_int_equal(saqr_fdm_compile(b, NULL), SAQR_OK);
    assert_int_equal(saqr_fdm_compile(b, NULL), SAQR_OK);
    fly_side_by_side(a, b, 120, "twice");
    saqr_fdm_destroy(a);
    saqr_fdm_destroy(b);
}

/* An aircraft loaded from the same files takes a compiled one's code
 * without a compiler (a campaign's runs), keeps it after the first is
 * destroyed, and matches the interpreter bit for bit; another aircraft,
 * or one with no code to take, is refused and stays interpreted. */
static void test_compile_like(void **state)
{
    (void)state;
    saqr_fdm *donor = own_aircraft("super-mushak", "reset00", 1);
    saqr_fdm *interp = own_aircraft("super-mushak", "reset00", 0);
    saqr_fdm *taker = own_aircraft("super-mushak", "reset00", 0);
    assert_int_equal(saqr_fdm_is_compiled(donor), 1);
    assert_int_equal(saqr_fdm_is_compiled(taker), 0);
    /* a different loading (values, not files) does not matter */
    fdm_set(taker, "inertia/pointmass-weight-lbs[0]", 150.0);
    fdm_set(interp, "inertia/pointmass-weight-lbs[0]", 150.0);
    if (saqr_fdm_compile_like(taker, donor) != SAQR_OK)
        fail_msg("compile_like: %s", saqr_fdm_error(taker));
    assert_int_equal(saqr_fdm_is_compiled(taker), 1);
    saqr_fdm_destroy(donor); /* the code stays while the taker holds it */
    for (int seg = 0; seg < 4; seg++) {
        saqr_fdm *both[2] = {interp, taker};
        for (int k = 0; k < 2; k++) {
            fdm_set(both[k], "fcs/elevator-cmd-norm", 0.1 * (seg % 3 - 1));
            fdm_set(both[k], "fcs/aileron-cmd-norm", 0.15 * ((seg + 1) % 3 - 1));
        }
        fly_side_by_side(interp, taker, 240, "compile_like");
    }

    saqr_fdm *jf17 = own_aircraft("jf17", "reset01", 0), *jf17_interp = own_aircraft("jf17", "reset01", 0);
    assert_int_equal(saqr_fdm_compile_like(jf17, taker), SAQR_EINVAL);
    if (!strstr(saqr_fdm_error(jf17), "differs"))
        fail_msg("error does not say the code differs: %s", saqr_fdm_error(jf17));
    assert_int_equal(saqr_fdm_compile_like(jf17, interp), SAQR_EINVAL); /* nothing compiled */
    if (!strstr(saqr_fdm_error(jf17), "no compiled code"))
        fail_msg("error does not say there is no code: %s", saqr_fdm_error(jf17));
    assert_int_equal(saqr_fdm_compile_like(jf17, NULL), SAQR_EINVAL);
    assert_int_equal(saqr_fdm_is_compiled(jf17), 0);
    fly_side_by_side(jf17_interp, jf17, 120, "refused compile_like");
    saqr_fdm *empty = saqr_fdm_create(NULL);
    assert_non_null(empty);
    assert_int_equal(saqr_fdm_compile_like(empty, taker), SAQR_ESTATE); /* nothing loaded */
    saqr_fdm_destroy(empty);
    saqr_fdm_destroy(jf17);
    saqr_fdm_destroy(jf17_interp);
    saqr_fdm_destroy(interp);
    saqr_fdm_destroy(taker);
}

/* Every written-out form at its edges: summers with signs, bias and
 * constant, property, reversed and cyclic clips; gains with constant and
 * property gains; switches with each operator exactly at its boundary,
 * AND and OR, with and without a default, and with a test the generator
 * leaves to the interpreter (property on the right, nested group); scales
 * zero-centred or not; deadbands; PIDs of every integration rule, with
 * triggers, pvdot, the standard form and a clip; the integrator; each
 * filter, and one whose coefficient is a property (called); a delayed
 * switch (called); actuators with lag, rate limits, deadband, hysteresis,
 * bias and clips, a lag read from a property (a changed lag is left to the
 * run function), each failure and trimming; fcs_functions: a product with
 * a table, a straight-line program over most operators (quotients by zero,
 * roots of negatives, comparisons, trigonometry, a 2-D table), and
 * programs with jumps: ifthen (nested), and, or, not and switch (every
 * one written out: no function is left to the interpreter); scheduled
 * gains with 1-D and 2-D tables; kinematics moving through detents with
 * and without times, scaled or not, clipped, and held while trimming;
 * sensors with lag, drift, gain, bias, constant and property clips and
 * each failure, and one with noise (called, its random stream the
 * fixture's); exclusive and inclusive distributors, a linear actuator
 * with every input and a magnetometer (called).  Inputs sweep
 * values on and around every constant and the conditions' 1e-9 of zero,
 * switch indices between cases and past the last, signed zeros and
 * NaN. */
static const char EDGE_SYSTEM[] =
    "<system><channel name='a'>"
    "<summer name='s1'><input>a</input><input>-b</input><bias>0.25</bias>"
    "<clipto><min>-0.5</min><max>0.5</max></clipto></summer>"
    "<summer name='s2'><input>a</input><input>b</input><input>-0.125</input>"
    "<clipto><min>lo</min><max>hi</max></clipto><output>out/s2</output><output>out/s2b</output></summer>"
    "<summer name='s3'><input>a</input><clipto type='cyclic'><min>-1</min><max>1</max></clipto></summer>"
    "<summer name='s4'><input>-a</input><clipto><min>1</min><max>-1</max></clipto></summer>"
    "<pure_gain name='g1'><input>-a</input><gain>b</gain></pure_gain>"
    "<pure_gain name='g2'><input>a</input><gain>-2.5</gain><clipto><min>-1</min><max>1</max></clipto></pure_gain>"
    "<switch name='w1'><default value='-1'/><test logic='OR' value='b'>a lt 0.5\n b ge 1</test>"
    "<test value='2'>a == 0.5</test></switch>"
    "<switch name='w2'><test value='-a'>a le 0\n b ne 0</test><test value='3'>a gt 0.5</test>"
    "<test value='4'>b GE -0.5</test></switch>"
    "<switch name='w3'><default value='lo'/><test value='1'>a == b</test>"
    "<test logic='OR' value='2'>a lt 0<test logic='AND'>b GT 0.5\n a NE 0</test></test></switch>"
    "<lag_filter name='lag'><input>fcs/s1</input><c1>3</c1></lag_filter>"
    "<switch name='w4'><default value='fcs/lag'/><test value='5'>a gt 1</test><delay>3</delay></switch>"
    "<summer name='s5'><input>fcs/w1</input><input>fcs/w2</input><input>fcs/w3</input><input>fcs/w4</input></summer>"
    "<aerosurface_scale name='as1'><input>a</input><domain><min>-2</min><max>1.5</max></domain>"
    "<range><min>-0.3</min><max>0.6</max></range><gain>b</gain></aerosurface_scale>"
    "<aerosurface_scale name='as2'><input>-a</input><zero_centered>false</zero_centered>"
    "<range><min>-0.3</min><max>0.6</max></range></aerosurface_scale>"
    "<deadband name='db'><input>a</input><width>b</width><gain>2</gain></deadband>"
    "<pid name='pid1'><input>a</input><kp>0.5</kp><ki>b</ki><kd>0.25</kd></pid>"
    "<pid name='pid2' type='standard'><input>-b</input><kp>a</kp><ki type='ab3'>0.7</ki><kd>-0.1</kd>"
    "<trigger>a</trigger><clipto><min>-3</min><max>3</max></clipto></pid>"
    "<pid name='pid3'><input>a</input><ki type='rect'>1</ki><pvdot>b</pvdot><trigger>-b</trigger></pid>"
    "<pid name='pid4'><input>a</input><kp>1</kp><ki type='trap'>2</ki></pid>"
    "<integrator name='int'><input>b</input><c1>0.5</c1></integrator>"
    "<lead_lag_filter name='ll'><input>a</input><c1>1</c1><c2>2</c2><c3>3</c3><c4>4</c4></lead_lag_filter>"
    "<washout_filter name='wo'><input>b</input><c1>2</c1></washout_filter>"
    "<second_order_filter name='so'><input>a</input><c1>1</c1><c2>2</c2><c3>3</c3><c4>4</c4><c5>5</c5><c6>6</c6>"
    "</second_order_filter>"
    "<lag_filter name='dyn'><input>a</input><c1>b</c1></lag_filter>"
    "<actuator name='act1'><input>a</input><lag>20</lag><rate_limit>3</rate_limit>"
    "<bias>0.01</bias><clipto><min>-1</min><max>1</max></clipto></actuator>"
    "<actuator name='act2'><input>-b</input><rate_limit sense='incr'>a</rate_limit><rate_limit sense='decr'>2</rate_limit>"
    "<deadband_width>0.2</deadband_width><hysteresis_width>0.1</hysteresis_width></actuator>"
    "<actuator name='act3'><input>a</input><lag>b</lag><clipto><min>lo</min><max>0.5</max></clipto></actuator>"
    "<fcs_function name='fn1'><function><product><property>a</property><property>-b</property><value>1.5</value>"
    "<table><independentVar>a</independentVar><tableData>-1 2\n 0 3\n 1 -1</tableData></table></product>"
    "</function></fcs_function>"
    "<fcs_function name='fn2'><input>b</input><function><sum><quotient><property>a</property><property>b</property>"
    "</quotient><quotient><value>1</value><difference><property>a</property><value>0.5</value></difference>"
    "</quotient><sqrt><property>b</property></sqrt><min><property>a</property><property>b</property></min>"
    "<max><property>a</property><value>0.25</value></max><lt><property>a</property><property>b</property></lt>"
    "<ge><property>a</property><value>0.5</value></ge><abs><property>b</property></abs>"
    "<sign><property>a</property></sign>"
    "<atan2><property>a</property><property>b</property></atan2><sin><property>a</property></sin>"
    "<cos><property>b</property></cos><atan><property>a</property></atan>"
    "<avg><property>a</property><property>b</property><value>3</value></avg>"
    "<table><independentVar lookup='row'>a</independentVar><independentVar lookup='column'>b</independentVar>"
    "<tableData>\n -1 1\n -1 1 2\n 1 3 -4</tableData></table></sum></function>"
    "<clipto><min>-50</min><max>50</max></clipto></fcs_function>"
    "<fcs_function name='fn4'><function><pow><property>a</property><value>2.5</value></pow></function></fcs_function>"
    /* a 3-D table whose sub-tables differ in breakpoints */
    "<fcs_function name='fn7'><function><product><property>a</property>"
    "<table><independentVar lookup='row'>a</independentVar><independentVar lookup='column'>b</independentVar>"
    "<independentVar lookup='table'>hi</independentVar>"
    "<tableData breakPoint='-1'>\n -1 1\n -1 1 2\n 1 3 -4</tableData>"
    "<tableData breakPoint='0.5'>\n 0 1 2\n -1 5 6 7\n 0 1 0 -1\n 2 2 3 4</tableData>"
    "<tableData breakPoint='1'>\n -2 2\n 0 -1 1\n 1 0.5 0.25</tableData></table>"
    "</product></function></fcs_function>"
    "<fcs_function name='fn3'><function><ifthen><lt><property>a</property><value>0</value></lt>"
    "<property>b</property><value>7</value></ifthen></function></fcs_function>"
    "<fcs_function name='fn5'><function><ifthen><and><gt><property>a</property><value>0</value></gt>"
    "<or><lt><property>b</property><value>0.5</value></lt><not><property>b</property></not></or></and>"
    "<ifthen><ge><property>a</property><value>1</value></ge><value>1</value><property>a</property></ifthen>"
    "<switch><property>b</property><value>10</value><property>a</property>"
    "<sum><property>a</property><property>b</property></sum></switch></ifthen></function></fcs_function>"
    "<fcs_function name='fn6'><function><sum><and><property>a</property><property>b</property></and>"
    "<or><property>a</property><property>b</property><value>0</value></or><not><property>a</property></not>"
    "<product><value>2</value><switch><property>a</property><value>-1</value><value>-2</value></switch></product>"
    "</sum></function></fcs_function>"
    "<scheduled_gain name='sg'><input>a</input><gain>b</gain><table><independentVar>b</independentVar>"
    "<tableData>-1 0.5\n 0 1\n 1 2</tableData></table></scheduled_gain>"
    "<scheduled_gain name='sg2'><input>-a</input><table><independentVar lookup='row'>a</independentVar>"
    "<independentVar lookup='column'>b</independentVar><tableData>\n -1 1\n -1 1 2\n 1 3 -4</tableData></table>"
    "<clipto><min>-1</min><max>1</max></clipto></scheduled_gain>"
    "<kinematic name='kin'><input>a</input><traverse><setting><position>0</position><time>0</time></setting>"
    "<setting><position>0.5</position><time>0.05</time></setting>"
    "<setting><position>1.5</position><time>0.02</time></setting></traverse></kinematic>"
    "<kinematic name='kin2'><input>b</input><noscale/><traverse>"
    "<setting><position>-1</position><time>0</time></setting><setting><position>0</position><time>0</time></setting>"
    "<setting><position>2</position><time>0.03</time></setting></traverse>"
    "<clipto><min>-0.5</min><max>1.5</max></clipto></kinematic>"
    "<sensor name='sen1'><input>a</input><lag>20</lag><bias>0.125</bias><drift_rate>0.5</drift_rate>"
    "<gain>2</gain><clipto><min>-1</min><max>lo</max></clipto></sensor>"
    "<sensor name='sen2'><input>-b</input><bias>0.003</bias><clipto><min>-0.5</min><max>0.5</max></clipto></sensor>"
    "<sensor name='sen3'><input>a</input><noise variation='ABSOLUTE'>0.1</noise></sensor>"
    "<distributor name='dx' type='exclusive'><case><test>a lt 0.5</test><property value='-b'>out/d1</property></case>"
    "<case><test>b ge 1</test><property value='2'>out/d1</property><property value='a'>out/d2</property></case>"
    "<case><property value='fcs/s1'>out/d3</property></case></distributor>"
    "<distributor name='di' type='inclusive'><case><test>a ge 0</test><property value='a'>out/d4</property></case>"
    "<case><test logic='OR'>b lt 0\n a gt 1</test><property value='-1'>out/d4</property></case></distributor>"
    "<linear_actuator name='la'><input>a</input><module>2</module><hysteresis>0.1</hysteresis><rate>0.4</rate>"
    "<versus>b</versus><set>hi</set><gain>1.5</gain><bias>lo</bias><lag>10</lag></linear_actuator>"
    "<magnetometer name='mag'><axis>Z</axis><location unit='M'><x>0</x><y>0</y><z>0</z></location></magnetometer>"
    "</channel></system>";

static void set_edge_inputs(fcs_fixture *x, double a, double b)
{
    fx_set(x, "a", a);
    fx_set(x, "b", b);
    fx_set(x, "lo", -0.25);
    fx_set(x, "hi", b);
}

static void compile_fixture(fcs_fixture *x, native_lib **lib)
{
    char *src = NULL;
    size_t len = 0;
    FILE *o = open_memstream(&src, &len);
    assert_non_null(o);
    fcs_codegen_emit(x->f, o);
    assert_int_equal(fclose(o), 0);
    if (strstr(src, "api->func("))
        fail_msg("a function of the edge system is left to the interpreter");
    if (!strstr(src, "static const double KD[]") || !strstr(src, "double o = g * tv * S[0]") ||
        !strstr(src, "o = -__builtin_huge_val();"))
        fail_msg("the kinematics, the scheduled gains or the sensors are left to the interpreter");
    if (!strstr(src, "ok = s0 >= 0 && saqr_sub2d("))
        fail_msg("the 3-D table is left to the interpreter");
    saqr_err err = {{0}};
    if (native_build(NULL, src, len, lib, &err) != SAQR_OK)
        fail_msg("%s", err.msg);
    free(src);
    assert_int_equal(fcs_native_bind(x->f, *lib, &err), SAQR_OK);
}

static void test_generated_forms_at_their_edges(void **state)
{
    (void)state;
    fcs_fixture x, y;
    fx_open_with(&x, EDGE_SYSTEM, 1.0 / 120.0);
    fx_open_with(&y, EDGE_SYSTEM, 1.0 / 120.0);
    native_lib *lib = NULL;
    compile_fixture(&y, &lib);
    fcs_fixture *pair[2] = {&x, &y};
    for (int m = 0; m < 2; m++) { /* somewhere, banked: the magnetometer's field */
        pair[m]->env.lat_geod_rad = 0.59;
        pair[m]->env.lon_rad = 1.25;
        pair[m]->env.c_body_ned[0][0] = pair[m]->env.c_body_ned[2][2] = 1.0;
        pair[m]->env.c_body_ned[1][1] = 0.8;
        pair[m]->env.c_body_ned[1][2] = 0.6;
        pair[m]->env.c_body_ned[2][1] = -0.6;
        pair[m]->env.c_body_ned[2][2] = 0.8;
    }
    static const char *const outs[] = {"fcs/s1", "out/s2", "out/s2b", "fcs/s3", "fcs/s4", "fcs/g1",
                                       "fcs/g2", "fcs/w1", "fcs/w2", "fcs/w3", "fcs/w4", "fcs/s5",
                                       "fcs/as1", "fcs/as2", "fcs/db", "fcs/pid1", "fcs/pid2", "fcs/pid3",
                                       "fcs/pid4", "fcs/int", "fcs/ll", "fcs/wo", "fcs/so", "fcs/dyn",
                                       "fcs/act1", "fcs/act1/saturated", "fcs/act2", "fcs/act3",
                                       "fcs/act3/saturated", "fcs/fn1", "fcs/fn2", "fcs/fn3", "fcs/fn4",
                                       "fcs/fn5", "fcs/fn6", "fcs/fn7", "fcs/sg", "fcs/sg2", "fcs/kin", "fcs/kin2",
                                       "fcs/sen1", "fcs/sen2", "fcs/sen3", "out/d1", "out/d2", "out/d3",
                                       "out/d4", "fcs/la", "fcs/mag"};
    const double vals[] = {-2.0, -1.0, -0.5, -1e-9, -0.0, 0.0, 9.99e-10, 1e-9, 0.25, 0.5, 0.75, 1.0, 1.5, 2.5, 3.0, NAN};
    const int nv = (int)(sizeof vals / sizeof vals[0]);
    /* both ways through the values, so that what moves (kinematics,
     * actuators, filters) moves up and down */
    for (int step = 0; step < 2 * nv * nv; step++) {
        const int sweep = step / (nv * nv), at = step % (nv * nv);
        const int i = sweep ? nv - 1 - at / nv : at / nv, j = sweep ? nv - 1 - at % nv : at % nv;
        set_edge_inputs(&x, vals[i], vals[j]);
        set_edge_inputs(&y, vals[i], vals[j]);
        /* now and then: trimming, and each actuator failure */
        fcs_fixture *both[2] = {&x, &y};
        for (int m = 0; m < 2; m++) {
            both[m]->env.trimming = step % 17 == 3;
            fx_set(both[m], "fcs/act1/malfunction/fail_zero", step % 13 == 5);
            fx_set(both[m], "fcs/act1/malfunction/fail_hardover", step % 11 == 7);
            fx_set(both[m], "fcs/act2/malfunction/fail_stuck", step % 7 == 2);
            fx_set(both[m], "fcs/sen1/malfunction/fail_stuck", step % 5 == 1);
            fx_set(both[m], "fcs/sen1/malfunction/fail_low", step % 19 == 4);
            fx_set(both[m], "fcs/sen2/malfunction/fail_high", step % 23 == 9);
        }
        fx_run(&x, 1);
        fx_run(&y, 1);
        for (size_t k = 0; k < sizeof outs / sizeof outs[0]; k++) {
            double p = fx_get(&x, outs[k]), q = fx_get(&y, outs[k]);
            if (memcmp(&p, &q, sizeof p) != 0 && !(isnan(p) && isnan(q)))
                fail_msg("%s at a=%g b=%g: interpreted %a, compiled %a", outs[k], vals[i], vals[j], p, q);
        }
    }
    fcs_native_unbind(y.f);
    native_close(lib);
    fx_close(&x);
    fx_close(&y);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_generated_forms_at_their_edges),
        cmocka_unit_test(test_reference_scripts_bit_identical),
        cmocka_unit_test(test_own_aircraft_bit_identical),
        cmocka_unit_test(test_batch_shares_code),
        cmocka_unit_test(test_compiler_failure_leaves_interpreter),
        cmocka_unit_test(test_compile_twice),
        cmocka_unit_test(test_compile_like),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
