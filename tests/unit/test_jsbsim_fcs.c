/*
 * test_jsbsim_fcs.c - behaviour JSBSim's own test suite asks of its flight
 * control components (the Test*.py programs in the tests folder of JSBSim's
 * repository), on systems of our own (alone, or added to a copy of the
 * reference c172x):
 *  - TestDeadBand: a deadband's width from a property, negated or not, and
 *    a negated input;
 *  - TestGain: a pure gain from a property, negated or not;
 *  - TestFilter: lag filters whose coefficient is a property (negated: an
 *    unstable lag) follow the property as it changes;
 *  - TestSwitch: tests on negated properties, properties on both sides,
 *    `eq` and `==`, AND and OR groups and nested groups (JSBSim's issue
 *    176), a negated property as a test's value;
 *  - TestIntegrators: PIDs and the integrator with every integration rule,
 *    held by a positive trigger and reset by a negative one; PID gains
 *    from negated properties;
 *  - TestSensorRandomSeed: uniform sensor noise is spread over [-1, 1)
 *    times the noise, and a sensor given a seed of its own
 *    (<name>/randomseed) draws the same noise whatever the simulation's
 *    seed;
 *  - TestActuator: rate limits (numbers, properties, one per sense) move
 *    the output linearly and leave it still at rest; clip limits from
 *    numbers, properties and negated properties, <name>/saturated, failed
 *    hard over to either limit or, without a clip, to 0; a cyclic clip
 *    (issue 211);
 *  - TestKinematic: the c172x's flaps travel at their settings' rates, keep
 *    a position written from outside, jump to the command in a trim and,
 *    with <noscale/>, take the command as the position;
 *  - TestChannelRate: channels run every frame or every fourth, their
 *    step (simulation/channel-dt) and counts in step with the frame
 *    through a failed trim and a reset;
 *  - TestAccelerometer: at rest on the runway with JSBSim's standard
 *    gravity (simulation/gravity-model 0) the accelerometers read what
 *    JSBSim's do; a stuck one holds its reading; in orbit (a body of our
 *    own for JSBSim's ball) they read nothing, and spinning they read the
 *    centripetal acceleration of their arm from the CG, as the pilot's
 *    accelerations do.
 * JSBSim's start (RunIC) runs the systems twice, the first run only
 * seeding the filters: jsbsim_start below does the same.  Expected values
 * are JSBSim's assertions, or, where stated, what the JSBSim program
 * (1.3.2.dev1) printed for the same scenario (system and script written
 * for this port, in a copy of the reference root; not JSBSim's files).
 */
#include <math.h>
#include <sys/stat.h>

#include "fcs_test_util.h"
#include "fdm_util.h"
#include "temp_root.h"

#define PI 3.14159265358979323846

/* JSBSim's RunIC: Initialize's Run and RunIC's own, both at dt 0 (the
 * components keep their channel step). */
static void jsbsim_start(fcs_fixture *x)
{
    const double dt = x->env.dt_s;
    x->env.dt_s = 0.0;
    fx_run(x, 2);
    x->env.dt_s = dt;
}

/* --- TestDeadBand, TestGain ----------------------------------------------- */

/* JSBSim's dead_band check: 0 within half the width of 0, the input less
 * half the width outside. */
static double dead_band(double v, double width)
{
    const double half = fabs(0.5 * width);
    return v < -half ? v + half : v > half ? v - half : 0.0;
}

static void deadband_and_gain_take_properties_with_either_sign(void **state)
{
    (void)state;
    fcs_fixture x;
    fx_open_with(&x,
            "<system><property>k/u</property><property>k/w</property><channel name='k'>"
            "<deadband name='k/db-const'><input>k/u</input><width>1.0</width></deadband>"
            "<deadband name='k/db-prop'><input>k/u</input><width>k/w</width></deadband>"
            "<deadband name='k/db-negprop'><input>k/u</input><width>-k/w</width></deadband>"
            "<deadband name='k/db-neginput'><input>-k/u</input><width>k/w</width><output>k/out1</output></deadband>"
            "<pure_gain name='k/g-const'><input>k/u</input><gain> 2.0 </gain></pure_gain>"
            "<pure_gain name='k/g-prop'><input>k/u</input><gain> k/w </gain></pure_gain>"
            "<pure_gain name='k/g-negprop'><input>k/u</input><gain> -k/w </gain></pure_gain>"
            "<pure_gain name='k/g-neginput'><input>-k/u</input><gain> k/w </gain><output>k/out2</output></pure_gain>"
            "</channel></system>", 1.0 / 120.0);
    jsbsim_start(&x);
    static const double widths[] = {1.5, 0.707, -1.5, -0.707};
    for (size_t w = 0; w < sizeof widths / sizeof widths[0]; w++) {
        const double r = widths[w];
        fx_set(&x, "k/w", r);
        for (int i = 0; i < 10; i++) {
            const double v = 0.5 * i - 2.0;
            fx_set(&x, "k/u", v);
            fx_run(&x, 1);
            assert_near(fx_get(&x, "k/db-const"), dead_band(v, 1.0), 1e-15);
            /* JSBSim's test asks only of widths that come out positive
             * (the property, or the negation of a negative one); one that
             * comes out negative follows FGDeadBand's formula with
             * half < 0: the input plus half below -half, less half above */
            if (r > 0.0) {
                assert_near(fx_get(&x, "k/db-prop"), dead_band(v, r), 1e-15);
                assert_near(fx_get(&x, "k/db-neginput"), dead_band(-v, r), 1e-15);
                assert_near(fx_get(&x, "k/out1"), dead_band(-v, r), 1e-15);
            } else {
                assert_near(fx_get(&x, "k/db-negprop"), dead_band(v, -r), 1e-15);
                assert_near(fx_get(&x, "k/db-prop"), v < -0.5 * r ? v + 0.5 * r : v - 0.5 * r, 1e-15);
            }
            assert_near(fx_get(&x, "k/g-const"), 2.0 * v, 1e-15);
            assert_near(fx_get(&x, "k/g-prop"), r * v, 1e-15);
            assert_near(fx_get(&x, "k/g-negprop"), -r * v, 1e-15);
            assert_near(fx_get(&x, "k/g-neginput"), -r * v, 1e-15);
            assert_near(fx_get(&x, "k/out2"), -r * v, 1e-15);
        }
    }
    fx_close(&x);
}

/* --- TestFilter ----------------------------------------------------------- */

/* Lag filters of an input 1 (declared so) with c1 2, c1 a property set to
 * 1.5 and then -0.707 after 100 frames, and its negation with the input
 * negated, at dt 0.005.  JSBSim's own checks (to 1e-4) against the
 * continuous responses; and the values the JSBSim program printed for
 * this system at 0.25 s, 0.5 s, 0.75 s and 1 s (to 1e-12). */
static void lag_filters_follow_a_property_coefficient(void **state)
{
    (void)state;
    const double dt = 0.005;
    fcs_fixture x;
    fx_open_with(&x,
            "<system><property value='1.0'>p/in</property><property>p/ref</property><channel name='p'>"
            "<lag_filter name='p/lag-const'><input> p/in </input><c1> 2.0 </c1></lag_filter>"
            "<lag_filter name='p/lag-prop'><input>p/in</input><c1>p/ref</c1></lag_filter>"
            "<lag_filter name='p/lag-negin'><input>-p/in</input><c1>2.0</c1></lag_filter>"
            "<lag_filter name='p/lag-neg'><input>-p/in</input><c1>-p/ref</c1><output>p/out</output></lag_filter>"
            "</channel></system>", dt);
    jsbsim_start(&x);
    static const double jsbsim[4][3] = {
        /* lag-const, lag-prop, lag-neg at 0.25, 0.5, 0.75, 1.0 s */
        {0.396489420428948358, 0.312711929343845452, 0.454993972244124911},
        {0.633953855247541664, 0.527635107933741132, 1.11700745926673295},
        {0.777982715425847404, 0.436311413513351731, 0.774029178473859103},
        {0.865340271011420525, 0.327331840549351161, 0.486617117148337386},
    };
    fx_set(&x, "p/ref", 1.5);
    double t = 0.0, v = 0.0;
    for (int i = 1; i <= 100; i++) {
        fx_run(&x, 1);
        t = i * dt;
        v = 1.0 - exp(-2.0 * (t + 0.5 * dt));
        assert_near(fx_get(&x, "p/lag-const"), v, 1e-4);
        assert_near(fx_get(&x, "p/lag-negin"), -v, 1e-4);
        assert_near(fx_get(&x, "p/lag-prop"), 1.0 - exp(-1.5 * t), 1e-4);
        v = exp(1.5 * t) - 1.0; /* c1 -1.5: it grows */
        assert_near(fx_get(&x, "p/lag-neg"), v, 1e-4);
        assert_near(fx_get(&x, "p/out"), fx_get(&x, "p/lag-neg"), 0.0);
        if (i % 50 == 0) {
            assert_near(fx_get(&x, "p/lag-const"), jsbsim[i / 50 - 1][0], 1e-12);
            assert_near(fx_get(&x, "p/lag-prop"), jsbsim[i / 50 - 1][1], 1e-12);
            assert_near(fx_get(&x, "p/lag-neg"), jsbsim[i / 50 - 1][2], 1e-12);
        }
    }
    fx_set(&x, "p/ref", -0.707);
    const double t0 = t, v0 = v;
    for (int i = 101; i <= 200; i++) {
        fx_run(&x, 1);
        t = i * dt;
        v = 1.0 - exp(-2.0 * (t + 0.5 * dt));
        assert_near(fx_get(&x, "p/lag-const"), v, 1e-4);
        assert_near(fx_get(&x, "p/lag-negin"), -v, 1e-4);
        /* c1 0.707: back down towards -1 */
        assert_near(fx_get(&x, "p/lag-neg"), v0 + (v0 + 1.0) * (exp(-0.707 * (t - t0)) - 1.0), 1e-4);
        if (i % 50 == 0) {
            assert_near(fx_get(&x, "p/lag-const"), jsbsim[i / 50 - 1][0], 1e-12);
            assert_near(fx_get(&x, "p/lag-prop"), jsbsim[i / 50 - 1][1], 1e-12);
            assert_near(fx_get(&x, "p/lag-neg"), jsbsim[i / 50 - 1][2], 1e-12);
        }
    }
    fx_close(&x);
}

/* --- TestSwitch ----------------------------------------------------------- */

static const char SWITCHES[] =
    "<system><property>s/u</property><property>s/r</property><channel name='s'>"
    /* the sign of u, r when 0 */
    "<switch name='s/sign'><test value='-1'> s/u lt 0.0 </test><test value='s/r'> s/u eq 0.0 </test>"
    "<test value='1'> s/u gt 0.0 </test></switch>"
    /* the sign of -u, -r when 0, with == */
    "<switch name='s/negsign'><test value='-1'>-s/u lt 0.0</test><test value='-s/r'>-s/u == 0.0</test>"
    "<test value='1'>-s/u gt 0.0</test></switch>"
    /* u against r */
    "<switch name='s/cmp'><test value='-1'>s/u lt s/r</test><test value='1'>s/u ge s/r</test></switch>"
    /* 0 up to 0, 1 in (0, r), 2 from r on (>= as an OR) */
    "<switch name='s/band'><test value='0'>s/u le 0.0</test><test value='1'>s/u gt 0.0\n s/u lt s/r</test>"
    "<test value='2' logic='OR'>s/u gt s/r\n s/u == s/r</test></switch>"
    /* an OR of groups, else a default */
    "<switch name='s/groups'><default value='0.56'/><test value='-1.0' logic='OR'>"
    "<test>s/u le 0.0</test><test logic='AND'>s/u gt 0.1\n s/u le s/r</test></test></switch>"
    /* JSBSim's issue 176: a nested OR inside an AND */
    "<switch name='s/nested'><default value='0'/>"
    "<test logic='AND' value='20'>s/r GT 203<test logic='OR'>s/u == 25\n s/u == 30</test></test>"
    "<test logic='AND' value='25'>s/r GT 170\n s/r LT 203\n s/u == 30</test></switch>"
    "</channel></system>";

static void switches_compare_negated_properties_and_nested_groups(void **state)
{
    (void)state;
    fcs_fixture x;
    fx_open_with(&x, SWITCHES, 1.0 / 120.0);
    jsbsim_start(&x);
    /* JSBSim's test_conditions: u, r, then sign, negsign, cmp, band,
     * groups (NAN: not asked) */
    static const double steps[][7] = {
        {-1.5, 0.2, -1.0, 1.0, -1.0, 0.0, -1.0},  {0.0, 0.2, 0.2, -0.2, -1.0, 0.0, -1.0},
        {0.1, 0.2, 1.0, -1.0, -1.0, 1.0, 0.56},   {0.2, 0.2, 1.0, -1.0, 1.0, 2.0, -1.0},
        {0.235, 0.2, 1.0, -1.0, 1.0, 2.0, 0.56},  {-1.5, -0.5, NAN, NAN, -1.0, NAN, -1.0},
        {0.0, -0.5, NAN, NAN, 1.0, NAN, -1.0},    {0.2, -0.5, NAN, NAN, 1.0, NAN, 0.56},
        {0.235, -0.5, NAN, NAN, 1.0, NAN, 0.56},
    };
    static const char *const outs[] = {"s/sign", "s/negsign", "s/cmp", "s/band", "s/groups"};
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        fx_set(&x, "s/u", steps[i][0]);
        fx_set(&x, "s/r", steps[i][1]);
        fx_run(&x, 1);
        for (int k = 0; k < 5; k++)
            if (!isnan(steps[i][2 + k]) && fx_get(&x, outs[k]) != steps[i][2 + k])
                fail_msg("step %zu: %s = %g, JSBSim %g", i, outs[k], fx_get(&x, outs[k]), steps[i][2 + k]);
    }
    /* JSBSim's test_nested: r, u, nested */
    static const double nested[][3] = {{150, 30, 0}, {180, 30, 25}, {180, 25, 0},
                                       {210, 25, 20}, {210, 30, 20}, {210, 15, 0}};
    for (size_t i = 0; i < sizeof nested / sizeof nested[0]; i++) {
        fx_set(&x, "s/r", nested[i][0]);
        fx_set(&x, "s/u", nested[i][1]);
        fx_run(&x, 1);
        assert_near(fx_get(&x, "s/nested"), nested[i][2], 0.0);
    }
    fx_close(&x);
}

/* --- TestIntegrators ------------------------------------------------------ */

/* PIDs on i/x with ki 1 and each rule, the integrator (trapezoidal), all
 * held or reset by i/trig; a PID with negated property gains; and a
 * derivative alone on the negated input. */
static const char INTEGRATORS[] =
    "<system><property value='0.0'> i/x </property><property> i/trig </property>"
    "<property>i/kp</property><property>i/ki</property><property>i/kd</property><channel name='i'>"
    "<pid name='i/rect'><input> i/x </input><ki type='rect'> 1.0 </ki><trigger> i/trig </trigger></pid>"
    "<pid name='i/trap'><input>i/x</input><ki type='trap'>1.0</ki><trigger>i/trig</trigger></pid>"
    "<pid name='i/ab2'><input>i/x</input><ki type='ab2'>1.0</ki><trigger>i/trig</trigger></pid>"
    "<pid name='i/ab3'><input>i/x</input><ki type='ab3'>1.0</ki><trigger>i/trig</trigger></pid>"
    "<integrator name='i/integ'><input>i/x</input><c1>1.0</c1><trigger>i/trig</trigger></integrator>"
    "<pid name='i/all'><input>i/x</input><kp>-i/kp</kp><ki>-i/ki</ki><kd>-i/kd</kd></pid>"
    "<pid name='i/kd-alone'><input>-i/x</input><kd>i/kd</kd></pid>"
    "</channel></system>";

/* The JSBSim program's values for this system at dt 0.005, the input
 * sin(2 pi t) of the time before each frame (0 at the start), gains 2, 0.5, -1.5 from the
 * first frame on, a trigger 1 from 0.755 s, -1 at 1.005 s and 0 after:
 * rect, trap, ab2, ab3, integrator, all, kd-alone at 0.25, 0.5, 0.75,
 * 1.005, 1.25 and 1.5 s. */
static const double INTEGRATED[][8] = {
    {0.25, 0.156641852907178969, 0.154143086506264654, 0.159140619308093284, 0.159143702291296318,
     0.154143086506264654, -1.63463384914749765, 0.443949581238012314},
    {0.5, 0.31828370581435772, 0.31820517891666239, 0.318362232712052939, 0.318296858211113032,
     0.31820517891666239, -9.63593076986774832, -9.41392813535546935},
    {0.75, 0.16164185290717839, 0.164140619308092817, 0.159143086506263937, 0.159140003523061069,
     0.164140619308092817, 1.47549199624035254, -0.443949581237979007},
    {1.005, 0.0, 0.0, 0.0, 0.0, 0.0, 9.42322772343869275, 9.42322772343870163},
    {1.25, 0.156641852907177609, 0.154143086506263266, 0.15914061930809198, 0.159143702291294986,
     0.154143086506263266, -1.63463384914722853, 0.443949581238278768},
    {1.5, 0.318283705814364659, 0.318205178916669107, 0.318362232712060045, 0.318296858211120026,
     0.318205178916669107, -9.63593076986785313, -9.41392813535544271},
};

static void integrators_hold_and_reset_on_their_trigger(void **state)
{
    (void)state;
    const double dt = 0.005, k = 2.0 * PI;
    static const char *const outs[] = {"i/rect", "i/trap", "i/ab2", "i/ab3", "i/integ", "i/all", "i/kd-alone"};
    fcs_fixture x;
    fx_open_with(&x, INTEGRATORS, dt);
    jsbsim_start(&x); /* the input 0 */
    fx_set(&x, "i/kp", 2.0);
    fx_set(&x, "i/ki", 0.5);
    fx_set(&x, "i/kd", -1.5);
    size_t at = 0;
    double held[5] = {0};
    for (int n = 1; n <= 300; n++) {
        fx_set(&x, "i/x", sin(k * (n - 1) * dt));
        fx_set(&x, "i/trig", n < 151 ? 0.0 : n < 201 ? 1.0 : n == 201 ? -1.0 : 0.0);
        fx_run(&x, 1);
        /* the integrator is the trapezoidal PID */
        assert_near(fx_get(&x, "i/integ"), fx_get(&x, "i/trap"), 1e-12);
        /* JSBSim's checks: Adams-Bashforth 3 integrates the sine, and the
         * combined PID is minus the sum of its parts (here with the
         * derivative of the negated input) */
        if (n > 2 && n <= 150)
            assert_near(fx_get(&x, "i/ab3"), (1.0 - cos(k * n * dt)) / k, 1e-4);
        if (n == 150)
            for (int j = 0; j < 5; j++)
                held[j] = fx_get(&x, outs[j]);
        if (n > 150 && n <= 200) /* held by the trigger */
            for (int j = 0; j < 5; j++)
                assert_near(fx_get(&x, outs[j]), held[j], 0.0);
        if (at < sizeof INTEGRATED / sizeof INTEGRATED[0] && fabs(n * dt - INTEGRATED[at][0]) < 1e-9) {
            for (int j = 0; j < 7; j++)
                assert_near(fx_get(&x, outs[j]), INTEGRATED[at][1 + j], 1e-12 * (1.0 + fabs(INTEGRATED[at][1 + j])));
            at++;
        }
    }
    assert_int_equal(at, sizeof INTEGRATED / sizeof INTEGRATED[0]);
    fx_close(&x);
}

/* --- TestSensorRandomSeed ------------------------------------------------- */

/* JSBSim's uniform noise is r in [-1, 1) times the noise: ABSOLUTE adds
 * it, PERCENT scales by 1 + it. */
static void uniform_sensor_noise_spreads_both_ways(void **state)
{
    (void)state;
    fcs_fixture x;
    fx_open_with(&x,
            "<system><channel name='a'>"
            "<sensor name='abs'><input>in</input><noise variation='ABSOLUTE' distribution='UNIFORM'>0.1</noise></sensor>"
            "<sensor name='pct'><input>in</input><noise variation='PERCENT' distribution='UNIFORM'>0.5</noise></sensor>"
            "</channel></system>", 0.01);
    fx_set(&x, "in", 3.3);
    double lo = HUGE_VAL, hi = -HUGE_VAL, sum = 0.0, plo = HUGE_VAL, phi = -HUGE_VAL;
    const int n = 4000;
    for (int i = 0; i < n; i++) {
        fx_run(&x, 1);
        const double a = fx_get(&x, "fcs/abs"), p = fx_get(&x, "fcs/pct");
        assert_true(a >= 3.2 && a < 3.4);
        assert_true(p >= 3.3 * 0.5 && p < 3.3 * 1.5);
        lo = fmin(lo, a);
        hi = fmax(hi, a);
        plo = fmin(plo, p);
        phi = fmax(phi, p);
        sum += a;
    }
    assert_true(lo < 3.21 && hi > 3.39);
    assert_true(plo < 1.7 && phi > 4.9);
    /* the mean: 3.3 within 4 standard errors (0.1 / sqrt(3 n)) */
    assert_near(sum / n, 3.3, 4.0 * 0.1 / sqrt(3.0 * n));
    fx_close(&x);
}

/* The readings of a noisy, biased, quantised sensor over 1,200 frames,
 * the aircraft's generator seeded with `aircraft_seed` and the sensor's
 * own seed `own_seed` written after the start (0: none). */
static void capture_noisy_sensor(uint64_t aircraft_seed, double own_seed, double out[1200])
{
    fcs_fixture x;
    fx_open_with(&x,
            "<system><channel name='q'><sensor name='sen/q'><input> q/in </input>"
            "<noise variation='PERCENT' distribution='UNIFORM'> 0.12 </noise>"
            "<quantization name='sen/q/counts'><bits> 12 </bits><min> 0 </min><max> 300 </max></quantization>"
            "<bias> 2.5 </bias></sensor>"
            "<sensor name='plain'><input>q/in</input><noise variation='ABSOLUTE'>0.5</noise></sensor>"
            "</channel></system>", 1.0 / 120.0);
    rng_seed(&x.rng, aircraft_seed);
    fx_set(&x, "q/in", 11.0);
    jsbsim_start(&x);
    fx_set(&x, "sen/q/randomseed", own_seed);
    for (int i = 0; i < 1200; i++) {
        fx_run(&x, 1);
        out[i] = fx_get(&x, "sen/q");
    }
    /* a sensor named without a path publishes fcs/<name>/randomseed */
    assert_near(fx_get(&x, "fcs/plain/randomseed"), 0.0, 0.0);
    fx_close(&x);
}

/* JSBSim's testSensorSeed: with a seed of its own, the sensor reads the
 * same whatever the aircraft's seed; without, it does not. */
static void a_sensor_seed_of_its_own_fixes_its_noise(void **state)
{
    (void)state;
    static double a[1200], b[1200], c[1200];
    capture_noisy_sensor(3, 5.0, a);
    capture_noisy_sensor(4, 5.0, b);
    capture_noisy_sensor(4, 0.0, c);
    int differ = 0;
    for (int i = 0; i < 1200; i++) {
        assert_near(a[i], b[i], 0.0);
        differ += b[i] != c[i];
    }
    assert_true(differ > 1000);
    /* a seed that is no whole number within 2^53 (garbage) is none: the
     * aircraft's generator, no crash */
    static double d[1200], e[1200];
    capture_noisy_sensor(4, 5.5, d);
    capture_noisy_sensor(4, 1e300, e);
    for (int i = 0; i < 1200; i++) {
        assert_near(d[i], c[i], 0.0);
        assert_near(e[i], c[i], 0.0);
    }
    /* the quantised reading moved (the noise reaches it) */
    int moved = 0;
    for (int i = 1; i < 1200; i++)
        moved += a[i] != a[0];
    assert_true(moved > 1000);
}

/* --- TestActuator -------------------------------------------------------- */

#define ACT_DT (1.0 / 120.0)

/* An actuator on a/in with the given <rate_limit> elements and clip
 * (NULL: none), its limits a/r1 0.15, a/r2 0.05, a/c1 -0.15 and a/c2
 * 0.05 declared as JSBSim's test does, started as JSBSim starts. */
static void open_actuator(fcs_fixture *x, const char *rates, const char *clip)
{
    char xml[2048];
    snprintf(xml, sizeof xml,
             "<system><property value='0.0'>a/in</property><property value='0.15'>a/r1</property>"
             "<property value='0.05'>a/r2</property><property value='-0.15'>a/c1</property>"
             "<property value='0.05'>a/c2</property><channel name='a'>"
             "<actuator name='a/act'><input>a/in</input>%s%s<output>a/pos</output></actuator>"
             "</channel></system>", rates, clip ? clip : "");
    fx_open_with(x, xml, ACT_DT);
    jsbsim_start(x);
}

/* JSBSim's test_actuator_rate_is_linear and bug 1503: at rest the output
 * stays 0 whatever the limits; a step up moves it at the increasing
 * limit, a step down at the decreasing one, each a number or a property
 * (one <rate_limit> without a sense is both). */
static void actuator_rates_are_linear_at_their_limits(void **state)
{
    (void)state;
    static const struct {
        const char *rates;
        double incr, decr;
    } cases[] = {
        {"<rate_limit>0.1</rate_limit>", 0.1, 0.1},
        {"<rate_limit>a/r1</rate_limit>", 0.15, 0.15},
        {"<rate_limit sense='decr'>0.1</rate_limit><rate_limit sense='incr'>0.2</rate_limit>", 0.2, 0.1},
        {"<rate_limit sense='decr'>a/r1</rate_limit><rate_limit sense='incr'>0.2</rate_limit>", 0.2, 0.15},
        {"<rate_limit sense='decr'>0.1</rate_limit><rate_limit sense='incr'>a/r1</rate_limit>", 0.15, 0.1},
        {"<rate_limit sense='decr'>a/r2</rate_limit><rate_limit sense='incr'>a/r1</rate_limit>", 0.15, 0.05},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fcs_fixture x;
        open_actuator(&x, cases[i].rates, NULL);
        for (int n = 0; n < 120; n++) {
            fx_run(&x, 1);
            assert_true(fx_get(&x, "a/pos") == 0.0);
        }
        const double in[2] = {1.0, 0.0}, rate[2] = {cases[i].incr, -cases[i].decr};
        for (int leg = 0; leg < 2; leg++) {
            fx_set(&x, "a/in", in[leg]);
            for (int n = 0; n < 120; n++) {
                const double before = fx_get(&x, "a/pos");
                fx_run(&x, 1);
                assert_near(fx_get(&x, "a/pos") - before, rate[leg] * ACT_DT, 1e-12);
            }
        }
        fx_close(&x);
    }
}

/* Runs until the output sits at `target` (the rate limiter reaches its
 * input to the bit; at most 1,000 frames), checking <name>/saturated on
 * the way: on a limit or beyond it, set; inside, clear. */
static void drive_to(fcs_fixture *x, double target, double cmin, double cmax)
{
    for (int n = 0; n < 1000 && fx_get(x, "a/pos") != target; n++) {
        fx_run(x, 1);
        const double pos = fx_get(x, "a/pos");
        const int on_limit = pos >= cmax || pos <= cmin;
        assert_near(fx_get(x, "a/act/saturated"), on_limit ? 1.0 : 0.0, 0.0);
        assert_true(pos >= cmin && pos <= cmax);
    }
    assert_near(fx_get(x, "a/pos"), target, 0.0);
}

/* JSBSim's CheckClip, for one clip: up into the maximum and held there
 * (saturated), down into the minimum and held, back to a small input,
 * then failed hard over to either limit. */
static void check_clip(const char *clip, double cmin, double cmax)
{
    fcs_fixture x;
    open_actuator(&x, "<rate_limit>1.2</rate_limit>", clip);
    fx_set(&x, "a/in", 2.0 * cmax);
    drive_to(&x, cmax, cmin, cmax);
    for (int n = 0; n < 60; n++) {
        fx_run(&x, 1);
        assert_near(fx_get(&x, "a/pos"), cmax, 0.0);
        assert_near(fx_get(&x, "a/act/saturated"), 1.0, 0.0);
    }
    fx_set(&x, "a/in", 2.0 * cmin);
    /* the rate limiter comes down from 2 cmax, inside the clip: held at
     * the maximum (saturated) until it passes it */
    drive_to(&x, cmin, cmin, cmax);
    for (int n = 0; n < 60; n++) {
        fx_run(&x, 1);
        assert_near(fx_get(&x, "a/pos"), cmin, 0.0);
        assert_near(fx_get(&x, "a/act/saturated"), 1.0, 0.0);
    }
    fx_set(&x, "a/in", 1e-6);
    drive_to(&x, 1e-6, cmin, cmax);
    /* failed hard over: to the maximum for a positive input, to the
     * minimum for a negative one, at the rate limit */
    fx_set(&x, "a/act/malfunction/fail_hardover", 1.0);
    drive_to(&x, cmax, cmin, cmax);
    assert_near(fx_get(&x, "a/act/saturated"), 1.0, 0.0);
    fx_set(&x, "a/in", -1e-6);
    drive_to(&x, cmin, cmin, cmax);
    assert_near(fx_get(&x, "a/act/saturated"), 1.0, 0.0);
    fx_close(&x);
}

/* JSBSim's test_clipto: the clip's limits as numbers, properties and
 * negated properties. */
static void actuator_clip_limits_may_be_negated_properties(void **state)
{
    (void)state;
    check_clip("<clipto><min>-0.3</min><max>0.25</max></clipto>", -0.3, 0.25);
    check_clip("<clipto><min>a/c1</min><max>0.25</max></clipto>", -0.15, 0.25);
    check_clip("<clipto><min>-a/c2</min><max>0.25</max></clipto>", -0.05, 0.25);
    check_clip("<clipto><min>-0.1</min><max>a/c2</max></clipto>", -0.1, 0.05);
    check_clip("<clipto><min>-0.1</min><max>-a/c1</max></clipto>", -0.1, 0.15);
    check_clip("<clipto><min>-a/c2</min><max>a/c2</max></clipto>", -0.05, 0.05);
}

/* JSBSim's test_clipto with a cyclic clip (and its issue 211, intervals
 * on one side of 0): the rate limiter moves on unwrapped, the output
 * wraps into the interval. */
static void actuator_cyclic_clip_wraps_the_rate_limited_output(void **state)
{
    (void)state;
    const double rate = 1.2, dt = ACT_DT;
    fcs_fixture x;
    /* [-pi, pi]: up to 2 pi (wrapping past pi), then down to -pi/2 */
    open_actuator(&x, "<rate_limit>1.2</rate_limit>",
                  "<clipto type='cyclic'><min>-3.141592653589793</min><max>3.141592653589793</max></clipto>");
    fx_set(&x, "a/in", 2.0 * PI);
    int n = 1;
    for (; n * dt * rate <= 2.0 * PI - 1e-9; n++) {
        fx_run(&x, 1);
        const double t = n * dt, expected = t * rate <= PI ? t * rate : t * rate - 2.0 * PI;
        assert_near(fx_get(&x, "a/pos"), expected, 1e-9);
        assert_true(fx_get(&x, "a/pos") >= -PI && fx_get(&x, "a/pos") <= PI);
    }
    fx_run(&x, 2);
    assert_near(fx_get(&x, "a/pos"), 0.0, 1e-12); /* 2 pi wraps to 0 and stays */
    fx_set(&x, "a/in", -0.5 * PI);
    for (int m = 1; m * dt * rate <= 2.5 * PI - 1e-9; m++) {
        fx_run(&x, 1);
        const double d = 2.0 * PI - m * dt * rate; /* unwrapped, from 2 pi down */
        const double expected = d > PI ? d - 2.0 * PI : d;
        assert_near(fx_get(&x, "a/pos"), expected, 1e-9);
    }
    fx_close(&x);

    /* [0, pi], the input -2 pi: from 0 (= pi) down */
    open_actuator(&x, "<rate_limit>1.2</rate_limit>", "<clipto type='cyclic'><min>0</min><max>3.141592653589793</max></clipto>");
    fx_set(&x, "a/in", -2.0 * PI);
    for (n = 1; n * dt * rate <= 2.0 * PI - 1e-9; n++) {
        fx_run(&x, 1);
        const double d = -n * dt * rate;
        assert_near(fx_get(&x, "a/pos"), d >= -PI ? PI + d : 2.0 * PI + d, 1e-9);
        assert_true(fx_get(&x, "a/pos") >= 0.0 && fx_get(&x, "a/pos") <= PI);
    }
    fx_close(&x);

    /* [-pi, 0], the input pi: up from -pi (= 0 wrapped) */
    open_actuator(&x, "<rate_limit>1.2</rate_limit>", "<clipto type='cyclic'><min>-3.141592653589793</min><max>0</max></clipto>");
    fx_set(&x, "a/in", PI);
    for (n = 1; n * dt * rate <= PI - 1e-9; n++) {
        fx_run(&x, 1);
        assert_near(fx_get(&x, "a/pos"), n * dt * rate - PI, 1e-9);
    }
    fx_close(&x);
}

/* JSBSim's issue 200: failed hard over without a <clipto>, the actuator
 * goes to its neutral position, 0, and stays there whatever the input. */
static void actuator_failed_hard_over_without_a_clip_goes_to_neutral(void **state)
{
    (void)state;
    fcs_fixture x;
    open_actuator(&x, "<rate_limit>1.2</rate_limit>", NULL);
    fx_set(&x, "a/in", 0.25);
    drive_to(&x, 0.25, -HUGE_VAL, HUGE_VAL);
    fx_set(&x, "a/act/malfunction/fail_hardover", 1.0);
    fx_run(&x, 1);
    assert_near(fx_get(&x, "a/pos"), 0.25 - 1.2 * ACT_DT, 1e-12);
    fx_run(&x, 60);
    assert_near(fx_get(&x, "a/pos"), 0.0, 0.0);
    fx_set(&x, "a/in", 0.25);
    for (int n = 0; n < 60; n++) {
        fx_run(&x, 1);
        assert_near(fx_get(&x, "a/pos"), 0.0, 0.0);
    }
    fx_close(&x);
}

/* --- the reference c172x with systems of our own ------------------------ */

/* A copy of the reference root (its path to root[n]) whose c172x also
 * loads systems/<tag>.xml, written with `system`. */
static void root_with_system(char *root, size_t n, const char *tag, const char *system)
{
    assert_int_equal(temp_root_make(root, n, "saqr_test_jsbsim_fcs"), 0);
    char rel[256], line[256];
    snprintf(rel, sizeof rel, "systems/%s.xml", tag);
    temp_root_write(root, rel, system);
    snprintf(line, sizeof line, "<system file=\"%s\"/>\n    ", tag);
    temp_root_insert(root, "aircraft/c172x/c172x.xml", "<flight_control", line);
}

/* Steps `f` to the time t_s (to within a nanosecond). */
static void run_until(saqr_fdm *f, double t_s)
{
    while (saqr_fdm_time(f) < t_s - 1e-9)
        assert_int_equal(saqr_fdm_step(f), SAQR_OK);
}

/* The c172x of `root` at reset00, not yet initialised. */
static saqr_fdm *c172x_in(const char *root)
{
    saqr_fdm *f = saqr_fdm_create(NULL);
    assert_non_null(f);
    if (saqr_fdm_load_aircraft(f, root, "c172x") != SAQR_OK || saqr_fdm_load_initfile(f, "reset00") != SAQR_OK)
        fail_msg("%s", saqr_fdm_error(f));
    return f;
}

/* --- TestKinematic ------------------------------------------------------- */

/* Steps until `t_end`, the flaps (fcs/flap-pos-deg) at `pos(t)` before
 * each step (JSBSim's checks, seven places). */
static void flaps_follow(saqr_fdm *f, double t_end, double (*pos)(double t))
{
    while (saqr_fdm_time(f) < t_end) {
        const double t = saqr_fdm_time(f);
        if (fabs(fdm_get(f, "fcs/flap-pos-deg") - pos(t)) > 1e-7)
            fail_msg("t %.4f: flaps %.9f deg, JSBSim's test %.9f", t, fdm_get(f, "fcs/flap-pos-deg"), pos(t));
        assert_int_equal(saqr_fdm_step(f), SAQR_OK);
    }
}

static double down_first(double t) { return 5.0 * t; }
static double down_second(double t) { return 10.0 * (t - 1.0); }
static double down_full(double t) { (void)t; return 30.0; }
static double up_first(double t) { return 30.0 - 10.0 * (t - 5.0); }
static double up_second(double t) { return 10.0 - 5.0 * (t - 7.0); }
static double up_held(double t) { (void)t; return 7.5; }
static double up_rest(double t) { return 10.0 - 5.0 * (t - 7.5); }
static double up_none(double t) { (void)t; return 0.0; }

/* JSBSim's testKinematicTiming (its c172r has the c172x's flaps): the
 * flaps travel 10 deg in 2 s, then 10 deg a second, both ways, stop where
 * the command (clamped to 0..1) asks, midway included. */
static void flaps_travel_at_their_settings_rates(void **state)
{
    (void)state;
    saqr_fdm *f = fdm_reference_aircraft("c172x", "reset00");
    assert_near(fdm_get(f, "fcs/flap-cmd-norm"), 0.0, 0.0);
    assert_near(fdm_get(f, "fcs/flap-pos-deg"), 0.0, 0.0);
    fdm_set(f, "fcs/flap-cmd-norm", 1.5);
    flaps_follow(f, 2.0, down_first);
    flaps_follow(f, 4.0, down_second);
    flaps_follow(f, 5.0, down_full);
    fdm_set(f, "fcs/flap-cmd-norm", 0.25);
    flaps_follow(f, 7.0, up_first);
    flaps_follow(f, 7.5, up_second);
    flaps_follow(f, 8.0, up_held);
    fdm_set(f, "fcs/flap-cmd-norm", -1.0);
    flaps_follow(f, 9.5, up_rest);
    flaps_follow(f, 10.0, up_none);
    saqr_fdm_destroy(f);
}

/* JSBSim's testKinematicSetInitialValue (the P-51D's gear there): a
 * position written from outside, with the command there too, stays. */
static void flaps_keep_a_position_written_from_outside(void **state)
{
    (void)state;
    saqr_fdm *f = fdm_reference_aircraft("c172x", "reset00");
    fdm_set(f, "fcs/flap-cmd-norm", 0.5);
    fdm_set(f, "fcs/flap-pos-deg", 15.0);
    while (saqr_fdm_time(f) < 1.0) {
        assert_int_equal(saqr_fdm_step(f), SAQR_OK);
        assert_near(fdm_get(f, "fcs/flap-cmd-norm"), 0.5, 0.0);
        assert_near(fdm_get(f, "fcs/flap-pos-deg"), 15.0, 1e-12);
    }
    saqr_fdm_destroy(f);
}

/* A slow kinematic of our own: 0 to 1 in 1,000 s (the many runs of a trim
 * could not walk it there). */
static const char SLOW_KINEMATIC[] =
    "<?xml version='1.0'?>\n<system name='slow'><property>sk/cmd</property><channel name='slow'>"
    "<kinematic name='sk/pos'><input>sk/cmd</input><traverse>"
    "<setting><position>0</position><time>0</time></setting>"
    "<setting><position>1</position><time>1000</time></setting></traverse></kinematic>"
    "</channel></system>\n";

/* JSBSim's testKinematicAndTrim (the P-51D's gear there, on the c172x
 * here): a ground trim puts a kinematic where its command asks at once,
 * and it stays there after; and testKinematicNoScale: with <noscale/>
 * (added to the c172x's flaps) the command is the position itself, 12 deg
 * reached at 2.2 s and kept. */
static void kinematics_jump_in_a_trim_and_may_take_the_command_unscaled(void **state)
{
    (void)state;
    char root[256];
    root_with_system(root, sizeof root, "slow-kinematic", SLOW_KINEMATIC);
    temp_root_insert(root, "aircraft/c172x/c172x.xml", "<traverse>", "<noscale/>\n                ");
    saqr_fdm *f = c172x_in(root);
    assert_int_equal(saqr_fdm_init(f), SAQR_OK);
    fdm_set(f, "sk/cmd", 1.0);
    assert_int_equal(saqr_fdm_trim(f, SAQR_TRIM_GROUND), SAQR_OK);
    assert_near(fdm_get(f, "sk/pos"), 1.0, 0.0);
    assert_int_equal(saqr_fdm_step(f), SAQR_OK);
    assert_near(fdm_get(f, "sk/pos"), 1.0, 0.0);
    saqr_fdm_destroy(f);

    f = c172x_in(root);
    assert_int_equal(saqr_fdm_init(f), SAQR_OK);
    fdm_set(f, "fcs/flap-cmd-norm", 12.0);
    run_until(f, 2.2);
    assert_near(fdm_get(f, "fcs/flap-pos-deg"), 12.0, 1e-7);
    run_until(f, 4.0);
    assert_near(fdm_get(f, "fcs/flap-pos-deg"), 12.0, 1e-7);
    saqr_fdm_destroy(f);
    assert_int_equal(temp_root_remove(root), 0);
}

/* --- TestAccelerometer --------------------------------------------------- */

/* Three accelerometers at the structural origin, on while ax/on is. */
static const char ACCELEROMETERS[] =
    "<?xml version='1.0'?>\n<system name='imu-check'><property value='0'>ax/on</property>"
    "<channel name='imu' execute='ax/on'>"
    "<accelerometer name='ax/x'><location unit='IN'><x>0</x><y>0</y><z>0</z></location><axis>X</axis></accelerometer>"
    "<accelerometer name='ax/y'><location unit='IN'><x>0</x><y>0</y><z>0</z></location><axis>Y</axis></accelerometer>"
    "<accelerometer name='ax/z'><location unit='IN'><x>0</x><y>0</y><z>0</z></location><axis>Z</axis>"
    "<output>ax/z-out</output></accelerometer>"
    "</channel></system>\n";

/* JSBSim's testOnGround, on the reference c172x at reset00 (c1721 there)
 * heading north, with JSBSim's standard gravity (simulation/gravity-model
 * 0: GM/r^2 toward the centre, no J2): after 1,000 frames on the runway
 * the accelerometers read the reaction to gravity less the centrifugal
 * acceleration of the Earth's turn, in body axes.  The c172x still
 * settles on its gear then, so JSBSim's formula for a body at rest does
 * not hold to its 1e-7 even in JSBSim: the expected readings are the
 * JSBSim program's for this scenario (to 1e-6 ft/s^2; Saqr's gear and
 * JSBSim's part there by 1e-7). */
static void accelerometers_at_rest_read_gravity_and_the_earths_turn(void **state)
{
    (void)state;
    char root[256];
    root_with_system(root, sizeof root, "imu-check", ACCELEROMETERS);
    saqr_fdm *f = c172x_in(root);
    fdm_set(f, "ax/on", 1.0);
    fdm_set(f, "simulation/gravity-model", 0.0);
    fdm_set(f, "ic/psi-true-rad", 0.0);
    assert_int_equal(saqr_fdm_init(f), SAQR_OK);
    run_until(f, 1000 * fdm_get(f, "simulation/dt")); /* 1,000 frames */
    /* GM/r^2, GM = 3.986004418e14 m^3/s^2 in feet */
    const double r = fdm_get(f, "position/radius-to-vehicle-ft");
    assert_near(fdm_get(f, "accelerations/gravity-ft_sec2"), 3.986004418e14 / pow(0.3048, 3.0) / (r * r), 1e-9);
    assert_near(fdm_get(f, "ax/x"), 0.280181594326025241, 1e-6);
    assert_near(fdm_get(f, "ax/y"), -0.156752960903294797, 1e-6);
    assert_near(fdm_get(f, "ax/z") / -32.1137512339761031, 1.0, 1e-7);
    assert_near(fdm_get(f, "ax/z-out"), fdm_get(f, "ax/z"), 0.0);
    /* JSBSim's testFailStuck: a stuck accelerometer holds its reading
     * while the engine runs up (the x one, free, feels the thrust) */
    const double stuck = fdm_get(f, "ax/z"), x0 = fdm_get(f, "ax/x");
    fdm_set(f, "ax/z/malfunction/fail_stuck", 1.0);
    fdm_set(f, "fcs/throttle-cmd-norm", 1.0);
    fdm_set(f, "fcs/mixture-cmd-norm", 1.0);
    fdm_set(f, "propulsion/set-running", -1.0);
    for (int i = 0; i < 240; i++) {
        assert_int_equal(saqr_fdm_step(f), SAQR_OK);
        assert_near(fdm_get(f, "ax/z"), stuck, 0.0);
    }
    assert_true(fabs(fdm_get(f, "ax/x") - x0) > 0.1);
    saqr_fdm_destroy(f);
    assert_int_equal(temp_root_remove(root), 0);
}

/* A body of our own for JSBSim's ball tests: 5,000 lb, no aerodynamics,
 * engines or gear, a point mass (0 lb) 30 in out along y, the
 * accelerometers above at the structural origin; and an initial condition
 * in a circular orbit 800,000 ft up over the equator, heading east. */
static const char ORB[] =
    "<?xml version='1.0'?>\n<fdm_config name='orb' version='2.0' release='BETA'><metrics>"
    "<wingarea unit='FT2'>2</wingarea><wingspan unit='FT'>2</wingspan><chord unit='FT'>1</chord>"
    "<location name='AERORP' unit='IN'><x>0</x><y>0</y><z>0</z></location>"
    "<location name='EYEPOINT' unit='IN'><x>0</x><y>0</y><z>0</z></location>"
    "<location name='VRP' unit='IN'><x>0</x><y>0</y><z>0</z></location></metrics>"
    "<mass_balance><ixx unit='SLUG*FT2'>40</ixx><iyy unit='SLUG*FT2'>25</iyy><izz unit='SLUG*FT2'>25</izz>"
    "<emptywt unit='LBS'>5000</emptywt><location name='CG' unit='IN'><x>0</x><y>0</y><z>0</z></location>"
    "<pointmass name='offset'><weight unit='LBS'>0</weight>"
    "<location unit='IN'><x>0</x><y>30</y><z>0</z></location></pointmass></mass_balance>"
    "<ground_reactions/><propulsion/><system file='imu-check'/><aerodynamics/></fdm_config>\n";
static const char ORBIT_IC[] =
    "<?xml version='1.0'?>\n<initialize name='orbit'><ubody unit='FT/SEC'>23869.9759596</ubody>"
    "<latitude unit='DEG'>0.0</latitude><longitude unit='DEG'>0.0</longitude><psi unit='DEG'>90.0</psi>"
    "<altitude unit='FT'>800000.0</altitude></initialize>\n";

/* The body above in a copy of the reference root, at its orbit, not yet
 * initialised. */
static saqr_fdm *orb_in(char *root, size_t n)
{
    assert_int_equal(temp_root_make(root, n, "saqr_test_jsbsim_fcs"), 0);
    char dir[300];
    snprintf(dir, sizeof dir, "%s/aircraft/orb", root);
    assert_int_equal(mkdir(dir, 0700), 0);
    temp_root_write(root, "aircraft/orb/orb.xml", ORB);
    temp_root_write(root, "aircraft/orb/orbit.xml", ORBIT_IC);
    temp_root_write(root, "systems/imu-check.xml", ACCELEROMETERS);
    saqr_fdm *f = saqr_fdm_create(NULL);
    assert_non_null(f);
    if (saqr_fdm_load_aircraft(f, root, "orb") != SAQR_OK || saqr_fdm_load_initfile(f, "orbit") != SAQR_OK)
        fail_msg("%s", saqr_fdm_error(f));
    fdm_set(f, "ax/on", 1.0);
    return f;
}

/* JSBSim's testOrbit: in free fall the accelerometers and the pilot read
 * nothing (JSBSim's program reads 0 for this body over 60 s). */
static void accelerometers_in_orbit_read_nothing(void **state)
{
    (void)state;
    char root[256];
    saqr_fdm *f = orb_in(root, sizeof root);
    assert_int_equal(saqr_fdm_set_dt(f, 0.1), SAQR_OK);
    assert_int_equal(saqr_fdm_init(f), SAQR_OK);
    static const char *const zero[] = {"ax/x", "ax/y", "ax/z", "accelerations/a-pilot-x-ft_sec2",
                                       "accelerations/a-pilot-y-ft_sec2", "accelerations/a-pilot-z-ft_sec2"};
    for (int i = 0; i < 600; i++) {
        assert_int_equal(saqr_fdm_step(f), SAQR_OK);
        for (size_t k = 0; k < sizeof zero / sizeof zero[0]; k++)
            assert_near(fdm_get(f, zero[k]), 0.0, 1e-8);
    }
    assert_true(fdm_get(f, "position/h-sl-ft") > 799000.0); /* still up there */
    saqr_fdm_destroy(f);
    assert_int_equal(temp_root_remove(root), 0);
}

/* JSBSim's testSpinningBodyOnOrbit: the point mass at 50 lb moves the CG
 * 0.297 in along y; spinning about the body z axis at 1 rad/s (inertial)
 * the accelerometers at the origin read the centripetal d w^2 along y,
 * and the pilot (at the origin too) the same (JSBSim's program: 0.0247524752
 * ft/s^2 at the start). */
static void a_spinning_body_senses_the_centripetal_acceleration(void **state)
{
    (void)state;
    char root[256];
    saqr_fdm *f = orb_in(root, sizeof root);
    fdm_set(f, "inertia/pointmass-weight-lbs[0]", 50.0);
    fdm_set(f, "ic/phi-rad", 0.5 * PI);
    fdm_set(f, "ic/p-rad_sec", 0.0);
    fdm_set(f, "ic/q-rad_sec", 0.0);
    fdm_set(f, "ic/r-rad_sec", 1.0 - 0.00007292115);
    assert_int_equal(saqr_fdm_init(f), SAQR_OK);
    const double d_ft = fdm_get(f, "inertia/cg-y-in") / 12.0;
    assert_near(fdm_get(f, "inertia/cg-y-in"), 50.0 * 30.0 / 5050.0, 1e-12);
    assert_near(fdm_get(f, "ax/x"), 0.0, 1e-8);
    assert_near(fdm_get(f, "ax/y") / d_ft, 1.0, 1e-8);
    assert_near(fdm_get(f, "ax/z"), 0.0, 1e-8);
    assert_near(fdm_get(f, "ax/y"), 0.0247524752475247536, 1e-10);
    assert_near(fdm_get(f, "accelerations/a-pilot-x-ft_sec2"), fdm_get(f, "ax/x"), 1e-8);
    assert_near(fdm_get(f, "accelerations/a-pilot-y-ft_sec2"), fdm_get(f, "ax/y"), 1e-8);
    assert_near(fdm_get(f, "accelerations/a-pilot-z-ft_sec2"), fdm_get(f, "ax/z"), 1e-8);
    saqr_fdm_destroy(f);
    assert_int_equal(temp_root_remove(root), 0);
}

/* --- TestChannelRate ----------------------------------------------------- */

/* Counters in a channel run every frame and in one run every fourth
 * frame, each adding 1 (0 at dt 0) and its step: persistent counts, a
 * declared sum of steps (back to 0 at a reset) and an undeclared one (a
 * component's output, kept). */
static const char RATE_SYSTEM[] =
    "<?xml version='1.0'?>\n<system name='rates'>"
    "<property value='0' persistent='true'>rc/count-1</property>"
    "<property value='0' persistent='true'>rc/count-4</property>"
    "<property value='0'>rc/sum-1</property>"
    "<property value='1'>rc/on</property>"
    "<channel name='every' execrate='1' execute='rc/on'>"
    "<switch name='rc/step'><default value='1'/><test value='0'>simulation/dt == 0.0</test></switch>"
    "<fcs_function name='rc/count-1'><function><integer><sum><property>rc/count-1</property>"
    "<property>rc/step</property></sum></integer></function></fcs_function>"
    "<fcs_function name='rc/dt-1'><function><property>simulation/dt</property></function></fcs_function>"
    "<fcs_function name='rc/sum-1'><function><sum><property>rc/sum-1</property>"
    "<property>simulation/dt</property></sum></function></fcs_function>"
    "</channel>"
    "<channel name='fourth' execrate='4' execute='rc/on'>"
    "<fcs_function name='rc/count-4'><function><integer><sum><property>rc/count-4</property>"
    "<property>rc/step</property></sum></integer></function></fcs_function>"
    "<fcs_function name='rc/dt-4'><function><property>simulation/channel-dt</property></function></fcs_function>"
    "<fcs_function name='rc/sum-4'><function><sum><property>rc/sum-4</property>"
    "<property>simulation/channel-dt</property></sum></function></fcs_function>"
    "</channel></system>\n";

/* JSBSim's checks after each frame: the every-frame count is the frame
 * number, the fourth-frame one a quarter of the frames since `base`
 * (rounded down), the every-frame sum of steps the time (to the bit), the
 * fourth-frame sum four steps a run. */
static void check_rates(saqr_fdm *f, double base)
{
    const double frame = fdm_get(f, "simulation/frame"), dt = fdm_get(f, "simulation/dt");
    if (fdm_get(f, "rc/count-1") != frame)
        fail_msg("frame %g: count-1 %g", frame, fdm_get(f, "rc/count-1"));
    if (fdm_get(f, "rc/count-4") != floor((frame - base) / 4.0))
        fail_msg("frame %g: count-4 %g", frame, fdm_get(f, "rc/count-4"));
    assert_true(fdm_get(f, "rc/sum-1") == fdm_get(f, "simulation/sim-time-sec"));
    assert_near(fdm_get(f, "rc/sum-4"), 4.0 * dt * fdm_get(f, "rc/count-4"), 1e-9);
}

static void channels_run_at_their_rate_through_a_trim_and_a_reset(void **state)
{
    (void)state;
    char root[256];
    root_with_system(root, sizeof root, "rate-check", RATE_SYSTEM);
    saqr_fdm *f = c172x_in(root);
    assert_int_equal(saqr_fdm_init(f), SAQR_OK);
    const double dt = fdm_get(f, "simulation/dt");
    while (saqr_fdm_time(f) < 10.0) {
        assert_int_equal(saqr_fdm_step(f), SAQR_OK);
        check_rates(f, 0.0);
    }
    assert_true(fdm_get(f, "rc/dt-1") == dt);
    assert_true(fdm_get(f, "rc/dt-4") == 4.0 * dt);
    /* a full trim on the runway fails; its runs count no frame */
    assert_int_not_equal(saqr_fdm_set(f, saqr_fdm_property(f, "simulation/do_simple_trim"), 1.0), SAQR_OK);
    check_rates(f, 0.0);
    while (saqr_fdm_time(f) < 15.02) { /* 1803 frames: 3 past a fourth */
        assert_int_equal(saqr_fdm_step(f), SAQR_OK);
        check_rates(f, 0.0);
    }
    /* a reset: the frame, the persistent counts and the undeclared sum go
     * on, the declared sum starts again, and the fourth-frame channel
     * counts from the reset */
    fdm_set(f, "simulation/reset", 1.0);
    const double base = fmod(fdm_get(f, "simulation/frame"), 4.0);
    assert_near(base, 3.0, 0.0);
    assert_near(fdm_get(f, "rc/sum-1"), 0.0, 0.0);
    while (saqr_fdm_time(f) < 10.0) {
        assert_int_equal(saqr_fdm_step(f), SAQR_OK);
        check_rates(f, base);
    }
    saqr_fdm_destroy(f);
    assert_int_equal(temp_root_remove(root), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(deadband_and_gain_take_properties_with_either_sign),
        cmocka_unit_test(lag_filters_follow_a_property_coefficient),
        cmocka_unit_test(switches_compare_negated_properties_and_nested_groups),
        cmocka_unit_test(integrators_hold_and_reset_on_their_trigger),
        cmocka_unit_test(uniform_sensor_noise_spreads_both_ways),
        cmocka_unit_test(a_sensor_seed_of_its_own_fixes_its_noise),
        cmocka_unit_test(channels_run_at_their_rate_through_a_trim_and_a_reset),
        cmocka_unit_test(actuator_rates_are_linear_at_their_limits),
        cmocka_unit_test(actuator_clip_limits_may_be_negated_properties),
        cmocka_unit_test(actuator_cyclic_clip_wraps_the_rate_limited_output),
        cmocka_unit_test(actuator_failed_hard_over_without_a_clip_goes_to_neutral),
        cmocka_unit_test(flaps_travel_at_their_settings_rates),
        cmocka_unit_test(flaps_keep_a_position_written_from_outside),
        cmocka_unit_test(kinematics_jump_in_a_trim_and_may_take_the_command_unscaled),
        cmocka_unit_test(accelerometers_at_rest_read_gravity_and_the_earths_turn),
        cmocka_unit_test(accelerometers_in_orbit_read_nothing),
        cmocka_unit_test(a_spinning_body_senses_the_centripetal_acceleration),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
