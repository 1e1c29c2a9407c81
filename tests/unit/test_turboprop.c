/*
 * test_turboprop.c - JSBSim's turboprop engine (src/fdm/engine_turboprop.c)
 * on an inline aircraft propulsion: the DHC-6's PT6A-27 definition (tables
 * shortened) driving a small fixed-pitch propeller, at rest at sea level.
 * Checked against FGTurboProp's formulas worked by hand: the starter's
 * exponential N1 spin-up (time constant 6 x n1idle_max_delay), the light
 * above 15% N1 and the run, shaft power = EnginePowerRPM_N1(rpm, N1) x
 * EnginePowerVC capped at maxpower, fuel flow = psfc / efficiency(N1) x
 * power, the beta range holding idle N1 in reverse, N1 decaying with time
 * constant 5 x n1idle_max_delay after cutoff, and load errors.
 * JSBSim's TestTurboProp (its L410's engine): EnginePowerVC given as a
 * deprecated bare <table> flies the very same bits as the same table in a
 * <function>; and its TestEngineIndexedProps' testEnginePowerVC: two
 * engines of one definition each have their propulsion/engine[i]/
 * EnginePowerVC, equal in the same air.
 */
#include "propulsion_fixture.h"

#include <math.h>


#define DT (1.0 / 120.0)

/* PT6A-27 (aircraft/DHC6/Engines/PT6A-27.xml), EnginePowerVC reduced to
 * two pressures; PROPELLER is a fixed-pitch propeller. */
#define ENGINE_PARAMS ENGINE_SCALARS POWER_VC_FUNCTION
#define ENGINE_SCALARS                                                                 \
    "  <idlen1> 60.0 </idlen1> <maxn1> 100.0 </maxn1>\n"                              \
    "  <maxpower unit=\"HP\"> 680.0 </maxpower>\n"                                    \
    "  <psfc unit=\"LBS/HR/HP\"> 0.615 </psfc>\n"                                     \
    "  <n1idle_max_delay> 1 </n1idle_max_delay>\n"                                    \
    "  <maxstartingtime> 20 </maxstartingtime> <startern1> 20 </startern1>\n"         \
    "  <ielumaxtorque unit=\"FT*LB\"> 1629.3 </ielumaxtorque>\n"                      \
    "  <itt_delay> 0.05 </itt_delay>\n"                                               \
    "  <betarangeend> 64 </betarangeend> <reversemaxpower> 60 </reversemaxpower>\n"
#define POWER_VC_FUNCTION "  <function name=\"EnginePowerVC\">" POWER_VC_TABLE("") "</function>\n"

/* EnginePowerVC's table, named `name` (a bare table's "EnginePowerVC",
 * deprecated, or "" inside a function). */
#define POWER_VC_TABLE(name)                                                           \
    "<table" name ">\n"                                                               \
    "    <independentVar lookup=\"row\">atmosphere/P-psf</independentVar>\n"          \
    "    <independentVar lookup=\"column\">velocities/ve-kts</independentVar>\n"      \
    "    <tableData>      0      350\n"                                               \
    "          1896   0.914  1.181\n"                                                 \
    "          2135   1.0    1.297 </tableData></table>"

#define ENGINE_TABLES                                                                  \
    "  <table name=\"EnginePowerRPM_N1\" type=\"internal\"><tableData>\n"             \
    "              0     5     60     86     94     100    101\n"                     \
    "      0.0     0.0   0.5   0.5    0.5    0.5    0.5    0.5\n"                     \
    "    853.7     0.0   0.5   32.0   183.1  320.3  530.8  567.5\n"                   \
    "   1705.1     0.0   0.5   4.6    219.6  402.7  622.3  658.9\n"                   \
    "   2345.4     0.0   0.1   0.1    187.6  402.7  636.1  680.0 </tableData></table>\n" \
    "  <table name=\"ITT_N1\" type=\"internal\"><tableData>\n"                        \
    "          0     1\n"                                                             \
    "    0     0     0\n"                                                             \
    "   60   258.4   749.5\n"                                                         \
    "  100   403.6  1083.5 </tableData></table>\n"

#define EFFICIENCY_TABLE                                                               \
    "  <table name=\"CombustionEfficiency_N1\" type=\"internal\"><tableData>\n"       \
    "      90    0.1221\n"                                                            \
    "      95.2  0.8471\n"                                                            \
    "     100    1 </tableData></table>\n"

#define PROPELLER                                                                      \
    "  <thruster><propeller name=\"P\">\n"                                            \
    "    <ixx> 25.1 </ixx> <diameter unit=\"IN\"> 94 </diameter>\n"                   \
    "    <numblades> 4 </numblades> <gearratio> 15.9889 </gearratio>\n"               \
    "    <table name=\"C_THRUST\" type=\"internal\"><tableData>\n"                    \
    "      0.0 0.12\n      1.0 0.05\n      2.0 -0.05 </tableData></table>\n"          \
    "    <table name=\"C_POWER\" type=\"internal\"><tableData>\n"                     \
    "      0.0 0.06\n      1.0 0.05\n      2.0 0.01 </tableData></table>\n"           \
    "   </propeller>\n"                                                               \
    "   <location unit=\"IN\"><x>0</x><y>0</y><z>0</z></location>\n"                  \
    "  </thruster>\n"

#define PROPULSION(engine_body)                                                        \
    "<propulsion>\n"                                                                  \
    " <tank type=\"FUEL\"><location unit=\"IN\"><x>0</x><y>0</y><z>0</z></location>\n" \
    "  <capacity unit=\"LBS\"> 1000 </capacity><contents unit=\"LBS\"> 800 </contents></tank>\n" \
    " <engine><turboprop_engine name=\"PT6A-27\">\n" engine_body                       \
    " </turboprop_engine><feed>0</feed>\n" PROPELLER " </engine>\n"                    \
    "</propulsion>\n"

typedef prop_fixture fixture;

static fixture *load_text(const char *xml)
{
    fixture *f = prop_fixture_load(xml, DT);
    jsb_set(&f->j, "atmosphere/P-psf", 2116.22);
    jsb_set(&f->j, "velocities/ve-kts", 0.0);
    return f;
}

static fixture *load(void) { return load_text(PROPULSION(ENGINE_PARAMS ENGINE_TABLES EFFICIENCY_TABLE)); }

static void unload(fixture *f) { prop_fixture_free(f); }
static double get(fixture *f, const char *name) { return prop_get(f, name); }
static void set(fixture *f, const char *name, double x) { jsb_set(&f->j, name, x); }

static void step(fixture *f)
{
    fdm_forces out;
    memset(&out, 0, sizeof out);
    propulsion_run(f->p, &f->env, f->j.props.v, &out);
}

/* Linear interpolation in a row of (x, y), clamped: the test's own. */
static double lerp(const double *x, const double *y, int n, double at)
{
    if (at <= x[0])
        return y[0];
    for (int i = 1; i < n; i++)
        if (at <= x[i])
            return y[i - 1] + (at - x[i - 1]) / (x[i] - x[i - 1]) * (y[i] - y[i - 1]);
    return y[n - 1];
}

/* EnginePowerRPM_N1 above, by rows then columns. */
static double power_rpm_n1(double rpm, double n1)
{
    static const double rpms[4] = {0.0, 853.7, 1705.1, 2345.4};
    static const double n1s[7] = {0, 5, 60, 86, 94, 100, 101};
    static const double hp[4][7] = {{0.0, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5},
                                    {0.0, 0.5, 32.0, 183.1, 320.3, 530.8, 567.5},
                                    {0.0, 0.5, 4.6, 219.6, 402.7, 622.3, 658.9},
                                    {0.0, 0.1, 0.1, 187.6, 402.7, 636.1, 680.0}};
    double col[4];
    for (int r = 0; r < 4; r++)
        col[r] = lerp(n1s, hp[r], 7, n1);
    return lerp(rpms, col, 4, rpm);
}

/* ------------------------------------------------------------------ */

static void a_turboprop_loads_with_jsbsims_properties(void **state)
{
    (void)state;
    fixture *f = load();
    static const char *const names[] = {
        "propulsion/engine/n1", "propulsion/engine/power-hp", "propulsion/engine/itt-c",
        "propulsion/engine/engtemp-c", "propulsion/engine/reverser",
        "propulsion/engine/ielu_intervent", "propulsion/engine/combustion_efficiency",
        "propulsion/engine/EnginePowerVC", "propulsion/cutoff_cmd", "propulsion/starter_cmd"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        assert_true(prop_find(&f->j.props, names[i]) >= 0);
    /* a new turboprop is cut off */
    assert_near(get(f, "propulsion/cutoff_cmd"), 1.0, 0);
    assert_near(get(f, "propulsion/engine/combustion_efficiency"), 1.0, 0);
    unload(f);
}

static void a_turboprop_without_its_itt_table_is_an_error(void **state)
{
    (void)state;
    jsb_fixture j;
    jsb_open(&j);
    propulsion *p;
    const char *xml = PROPULSION(ENGINE_PARAMS
                                 "  <table name=\"EnginePowerRPM_N1\" type=\"internal\"><tableData>\n"
                                 "    0 100\n 0 1 2\n 1000 3 4 </tableData></table>\n");
    assert_int_not_equal(propulsion_load(&j.c, jsb_load_text(&j, xml), &p), SAQR_OK);
    jsb_assert_error(&j, "ITT_N1");
    jsb_assert_error(&j, "/tmp/saqr_jsb_"); /* file:line */
    jsb_close(&j);
}

/* Spin-up: N1 = startern1 (1 - exp(-t / (6 delay))), no fuel burnt. */
static void the_starter_spins_n1_up_exponentially(void **state)
{
    (void)state;
    fixture *f = load();
    set(f, "propulsion/starter_cmd", 1);
    for (int k = 1; k <= 600; k++) {
        step(f);
        if (k % 120 == 0)
            assert_near(get(f, "propulsion/engine/n1"), 20.0 * (1.0 - exp(-k * DT / 6.0)), 1e-9);
    }
    assert_near(get(f, "propulsion/engine/set-running"), 0.0, 0);
    assert_near(get(f, "propulsion/total-fuel-lbs"), 800.0, 1e-12);
    unload(f);
}

/* Releasing the cutoff above 15% N1 lights the engine: N1 heads for 110%
 * of idle with time constant 4 delay and the engine runs from idle N1. */
static void the_engine_lights_above_15_percent_n1_and_runs_at_idle(void **state)
{
    (void)state;
    fixture *f = load();
    set(f, "propulsion/starter_cmd", 1);
    int k = 0;
    while (get(f, "propulsion/engine/n1") <= 15.5 && k < 20 * 120) {
        step(f);
        k++;
    }
    double n1_0 = get(f, "propulsion/engine/n1");
    set(f, "propulsion/cutoff_cmd", 0);
    /* frames until N1 = 66 - (66 - n1_0) exp(-t/4) reaches 60, plus the
     * frame that switches to run */
    double expect = ceil(4.0 * log((66.0 - n1_0) / 6.0) / DT) + 1.0;
    int frames = 0;
    while (get(f, "propulsion/engine/set-running") == 0.0 && frames < 30 * 120) {
        step(f);
        frames++;
    }
    assert_near(frames, expect, 1.0);
    assert_near(get(f, "propulsion/starter_cmd"), 0.0, 0); /* the run drops the starter */
    for (int i = 0; i < 240; i++) {
        set(f, "fcs/throttle-pos-norm", 0.0);
        step(f);
    }
    assert_near(get(f, "propulsion/engine/n1"), 60.0, 0.5); /* idle */
    assert_true(get(f, "propulsion/engine/fuel-flow-rate-pps") > 0.0);
    assert_true(get(f, "propulsion/engine/itt-c") > 258.4); /* hot */
    unload(f);
}

/* Running at full throttle: power and fuel flow from the tables. */
static void running_power_and_fuel_flow_follow_the_tables(void **state)
{
    (void)state;
    fixture *f = load();
    propulsion_init_running(f->p, -1, &f->env, f->j.props.v);
    /* EnginePowerVC at P = 2116.22 psf, ve = 0 */
    double vc = 0.914 + (2116.22 - 1896.0) / (2135.0 - 1896.0) * (1.0 - 0.914);
    for (int k = 0; k < 10 * 120; k++) {
        set(f, "fcs/throttle-pos-norm", 1.0);
        double rpm = get(f, "propulsion/engine/engine-rpm");
        double n1_before = get(f, "propulsion/engine/n1");
        step(f);
        double n1 = get(f, "propulsion/engine/n1");
        assert_near(n1, 100.0 - (100.0 - n1_before) * exp(-DT / 1.0), 1e-9);
        double hp = fmin(680.0, power_rpm_n1(rpm, n1) * vc);
        assert_near(get(f, "propulsion/engine/power-hp"), hp, 1e-9 * fmax(1.0, hp));
    }
    double n1 = get(f, "propulsion/engine/n1");
    static const double en1[3] = {90.0, 95.2, 100.0}, eff[3] = {0.1221, 0.8471, 1.0};
    double pph = 0.615 / lerp(en1, eff, 3, n1) * get(f, "propulsion/engine/power-hp");
    assert_near(get(f, "propulsion/engine/fuel-flow-rate-pps") * 3600.0, pph, 1e-9 * pph);
    assert_true(get(f, "propulsion/engine/thrust-lbs") > 100.0);
    unload(f);
}

/* Reversed: below betarangeend the engine idles; above it the power
 * rises to reversemaxpower of full. */
static void reverse_thrust_idles_in_the_beta_range(void **state)
{
    (void)state;
    fixture *f = load();
    propulsion_init_running(f->p, -1, &f->env, f->j.props.v);
    set(f, "propulsion/engine/reverser", 1);
    for (int k = 0; k < 30 * 120; k++) { /* down with time constant 2.4 s */
        set(f, "fcs/throttle-pos-norm", 0.5);
        step(f);
    }
    assert_near(get(f, "propulsion/engine/n1"), 60.0, 1e-3);
    for (int k = 0; k < 15 * 120; k++) {
        set(f, "fcs/throttle-pos-norm", 1.0);
        step(f);
    }
    /* throttle (1 - 0.64) / (1 - 0.64) x 0.6 = 0.6: N1 60 + 0.6 x 40 */
    assert_near(get(f, "propulsion/engine/n1"), 84.0, 1e-3);
    assert_near(get(f, "propulsion/engine/reverser"), 1.0, 0);
    unload(f);
}

/* Cutoff: N1 decays towards qbar/15 (0 at rest) with time constant
 * 5 delay, no fuel flows once the flow has run down (800 pph/s). */
static void cutoff_spins_the_engine_down(void **state)
{
    (void)state;
    fixture *f = load();
    propulsion_init_running(f->p, -1, &f->env, f->j.props.v);
    for (int k = 0; k < 120; k++)
        step(f);
    set(f, "propulsion/cutoff_cmd", 1);
    step(f);
    double n1_0 = get(f, "propulsion/engine/n1");
    for (int k = 1; k <= 600; k++) {
        step(f);
        if (k % 120 == 0)
            assert_near(get(f, "propulsion/engine/n1"), n1_0 * exp(-k * DT / 5.0), 1e-9);
    }
    assert_near(get(f, "propulsion/engine/set-running"), 0.0, 0);
    assert_near(get(f, "propulsion/engine/fuel-flow-rate-pps"), 0.0, 0);
    assert_near(get(f, "propulsion/cutoff_cmd"), 1.0, 0);
    unload(f);
}

/* Without a CombustionEfficiency_N1 table JSBSim's default applies:
 * 12/16 at 96% N1, 1 at 100%. */
static void the_default_combustion_efficiency_is_jsbsims(void **state)
{
    (void)state;
    fixture *f = load_text(PROPULSION(ENGINE_PARAMS ENGINE_TABLES));
    propulsion_init_running(f->p, -1, &f->env, f->j.props.v);
    for (int k = 0; k < 40 * 120; k++) {
        set(f, "fcs/throttle-pos-norm", 0.9); /* N1 -> 96 */
        step(f);
    }
    assert_near(get(f, "propulsion/engine/n1"), 96.0, 1e-4);
    assert_near(get(f, "propulsion/engine/combustion_efficiency"), 12.0 / 16.0, 1e-4);
    unload(f);
}

#define TWIN(engine_body)                                                              \
    "<propulsion>\n"                                                                  \
    " <tank type=\"FUEL\"><location unit=\"IN\"><x>0</x><y>0</y><z>0</z></location>\n" \
    "  <capacity unit=\"LBS\"> 1000 </capacity><contents unit=\"LBS\"> 800 </contents></tank>\n" \
    " <engine><turboprop_engine name=\"PT6A-27\">\n" engine_body                       \
    " </turboprop_engine><feed>0</feed>\n" PROPELLER " </engine>\n"                    \
    " <engine><turboprop_engine name=\"PT6A-27\">\n" engine_body                       \
    " </turboprop_engine><feed>0</feed>\n" PROPELLER " </engine>\n"                    \
    "</propulsion>\n"

#define BARE_POWER_VC "  " POWER_VC_TABLE(" name=\"EnginePowerVC\"") "\n"

/* Frame k of the flight the EnginePowerVC tests fly: started and run up,
 * the air thinning and the speed rising so that the table is read off
 * its grid. */
static void power_vc_frame(fixture *f, int k)
{
    set(f, "atmosphere/P-psf", 2116.22 - 0.05 * k);
    set(f, "velocities/ve-kts", 0.08 * k);
    set(f, "fcs/throttle-pos-norm", k < 600 ? 0.2 : 0.95);
    step(f);
}

/* JSBSim's TestTurboProp: the run with a bare table equals the run with a
 * function, to the bit (its FindDifferences(ref, current, 0.0)). */
static void a_bare_power_vc_table_should_fly_as_the_function(void **state)
{
    (void)state;
    fixture *fn = load_text(PROPULSION(ENGINE_PARAMS ENGINE_TABLES EFFICIENCY_TABLE));
    fixture *bare = load_text(PROPULSION(ENGINE_SCALARS BARE_POWER_VC ENGINE_TABLES EFFICIENCY_TABLE));
    static const char *const outputs[] = {"propulsion/engine/n1",        "propulsion/engine/power-hp",
                                          "propulsion/engine/thrust-lbs", "propulsion/engine/fuel-flow-rate-pps",
                                          "propulsion/engine/itt-c",     "propulsion/engine/engine-rpm",
                                          "propulsion/engine/EnginePowerVC"};
    propulsion_init_running(fn->p, -1, &fn->env, fn->j.props.v);
    propulsion_init_running(bare->p, -1, &bare->env, bare->j.props.v);
    for (int k = 0; k < 1200; k++) {
        power_vc_frame(fn, k);
        power_vc_frame(bare, k);
        for (size_t i = 0; i < sizeof outputs / sizeof outputs[0]; i++)
            if (!(get(fn, outputs[i]) == get(bare, outputs[i])))
                fail_msg("frame %d: %s %.17g with the function, %.17g with the table", k, outputs[i],
                         get(fn, outputs[i]), get(bare, outputs[i]));
    }
    assert_true(get(fn, "propulsion/engine/EnginePowerVC") > 1.01); /* off the grid's 1.0 */
    assert_true(get(fn, "propulsion/engine/power-hp") > 400.0);
    unload(fn);
    unload(bare);
}

/* JSBSim's testEnginePowerVC: each engine its own EnginePowerVC, as a
 * function and as a bare table. */
static void each_engine_should_have_its_own_power_vc(void **state)
{
    (void)state;
    fixture *fs[2] = {load_text(TWIN(ENGINE_PARAMS ENGINE_TABLES EFFICIENCY_TABLE)),
                      load_text(TWIN(ENGINE_SCALARS BARE_POWER_VC ENGINE_TABLES EFFICIENCY_TABLE))};
    for (int m = 0; m < 2; m++) {
        fixture *f = fs[m];
        assert_true(prop_find(&f->j.props, "propulsion/engine[0]/EnginePowerVC") >= 0);
        assert_true(prop_find(&f->j.props, "propulsion/engine[1]/EnginePowerVC") >= 0);
        propulsion_init_running(f->p, -1, &f->env, f->j.props.v);
        for (int k = 0; k < 240; k++) {
            power_vc_frame(f, 3 * k);
            assert_true(get(f, "propulsion/engine[0]/EnginePowerVC") ==
                        get(f, "propulsion/engine[1]/EnginePowerVC"));
        }
        assert_true(get(f, "propulsion/engine[1]/EnginePowerVC") > 1.01);
        unload(f);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_turboprop_loads_with_jsbsims_properties),
        cmocka_unit_test(a_turboprop_without_its_itt_table_is_an_error),
        cmocka_unit_test(the_starter_spins_n1_up_exponentially),
        cmocka_unit_test(the_engine_lights_above_15_percent_n1_and_runs_at_idle),
        cmocka_unit_test(running_power_and_fuel_flow_follow_the_tables),
        cmocka_unit_test(reverse_thrust_idles_in_the_beta_range),
        cmocka_unit_test(cutoff_spins_the_engine_down),
        cmocka_unit_test(the_default_combustion_efficiency_is_jsbsims),
        cmocka_unit_test(a_bare_power_vc_table_should_fly_as_the_function),
        cmocka_unit_test(each_engine_should_have_its_own_power_vc),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
