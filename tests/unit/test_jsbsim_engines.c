/*
 * test_jsbsim_engines.c - the behaviour JSBSim's TestEngineIndexedProps
 * asks of functions and tables in an engine file that name their engine's
 * properties with '#' (propulsion/engine[#]/...): every engine loaded from
 * the file gets its own copy, named and reading with its own index, and a
 * "post" function reads its engine's values of the same run.  JSBSim's
 * test puts them in the four piston engines of its Short S23; here they go
 * into the reference c172x's engine file, in a copy of the reference root
 * where the c172x has a second engine, one engine running and the other
 * cranked by its starter so that their speeds differ.  The function (ours:
 * a starter's power falling linearly to nothing at 3,000 rev/min, 40 W per
 * rev/min) is the test's shape with our own numbers; its table variant
 * holds the same line as a one-row table of the engine's speed.
 * (JSBSim's testEnginePowerVC, the twin turboprop's EnginePowerVC, is
 * ported with test_turboprop's engine in test_turboprop.c.)
 */
#include "fdm_util.h"
#include "temp_root.h"

#include <math.h>

#define ZERO_RPM 3000.0
#define W_PER_RPM 40.0

static char root[64];

static const char *const second_engine =
    "        <engine file=\"eng_io320\">\n"
    "            <feed>0</feed>\n"
    "            <feed>1</feed>\n"
    "            <thruster file=\"prop_75in2f\">\n"
    "                <location unit=\"IN\"><x>-37.7</x><y>60</y><z>26.6</z></location>\n"
    "                <orient unit=\"DEG\"><roll>0</roll><pitch>0</pitch><yaw>0</yaw></orient>\n"
    "                <sense>-1</sense>\n"
    "            </thruster>\n"
    "        </engine>\n";

/* The starter's power as a function: max(0, 1 - rpm / 3000) * 40 * rpm. */
static const char *const power_function =
    "  <function name=\"propulsion/engine[#]/starter-max-power-W\" type=\"post\">\n"
    "    <product>\n"
    "      <max><v>0</v><difference><v>1</v>\n"
    "        <quotient><p>propulsion/engine[#]/engine-rpm</p><v>3000</v></quotient>\n"
    "      </difference></max>\n"
    "      <v>40</v>\n"
    "      <p>propulsion/engine[#]/engine-rpm</p>\n"
    "    </product>\n"
    "  </function>\n";

/* The same with the falling line as a table of the engine's speed. */
static const char *const power_table =
    "  <function name=\"propulsion/engine[#]/starter-max-power-W\" type=\"post\">\n"
    "    <product>\n"
    "      <max><v>0</v>\n"
    "        <table name=\"propulsion/engine[#]/starter-tabular-data\">\n"
    "          <independentVar lookup=\"row\">propulsion/engine[#]/engine-rpm</independentVar>\n"
    "          <tableData>\n"
    "            0    1\n"
    "            3000 0\n"
    "          </tableData>\n"
    "        </table>\n"
    "      </max>\n"
    "      <v>40</v>\n"
    "      <p>propulsion/engine[#]/engine-rpm</p>\n"
    "    </product>\n"
    "  </function>\n";

static void make_root(const char *engine_xml)
{
    assert_int_equal(temp_root_make(root, sizeof root, "saqr_engines"), 0);
    temp_root_insert(root, "aircraft/c172x/c172x.xml", "        <tank type=\"FUEL\">", second_engine);
    temp_root_insert(root, "engine/eng_io320.xml", "</piston_engine>", engine_xml);
}

/* Flies the twin 3 s from reset00, engine 0 running, engine 1 on its
 * starter, checking each engine's function (and table) against its own
 * speed after every frame. */
static void check_each_engine_uses_its_own_speed(int with_table)
{
    saqr_fdm *f = fdm_aircraft_in(root, "c172x");
    assert_int_equal(saqr_fdm_load_initfile(f, "reset00"), SAQR_OK);
    assert_int_equal(saqr_fdm_init(f), SAQR_OK);
    for (int i = 0; i < 2; i++) {
        char name[96];
        snprintf(name, sizeof name, "propulsion/engine[%d]/starter-max-power-W", i);
        assert_true(saqr_fdm_property(f, name) >= 0);
        snprintf(name, sizeof name, "propulsion/engine[%d]/starter-tabular-data", i);
        assert_int_equal(saqr_fdm_property(f, name) >= 0, with_table);
    }
    assert_true(saqr_fdm_property(f, "propulsion/engine[2]/starter-max-power-W") < 0);
    fdm_set(f, "propulsion/set-running", 0.0);
    fdm_set(f, "fcs/throttle-cmd-norm", 0.3);
    fdm_set(f, "fcs/mixture-cmd-norm", 1.0);
    fdm_set(f, "propulsion/starter_cmd", 1.0);
    double most_apart = 0.0, most_power[2] = {0.0, 0.0};
    while (saqr_fdm_time(f) < 3.0) {
        assert_int_equal(saqr_fdm_step(f), SAQR_OK);
        const double rpm[2] = {fdm_get(f, "propulsion/engine[0]/engine-rpm"),
                               fdm_get(f, "propulsion/engine[1]/engine-rpm")};
        const double power[2] = {fdm_get(f, "propulsion/engine[0]/starter-max-power-W"),
                                 fdm_get(f, "propulsion/engine[1]/starter-max-power-W")};
        for (int i = 0; i < 2; i++) {
            const double line = fmax(0.0, 1.0 - rpm[i] / ZERO_RPM);
            assert_near(power[i], line * W_PER_RPM * rpm[i], 1e-7 * fmax(1.0, fabs(power[i])));
            if (with_table) {
                char name[96];
                snprintf(name, sizeof name, "propulsion/engine[%d]/starter-tabular-data", i);
                assert_near(fdm_get(f, name), line, 1e-12);
            }
            most_power[i] = fmax(most_power[i], power[i]);
        }
        most_apart = fmax(most_apart, fabs(rpm[0] - rpm[1]));
    }
    /* the engines did turn, at speeds of their own */
    assert_true(most_apart > 100.0);
    assert_true(most_power[0] > 1000.0 && most_power[1] > 1000.0);
    saqr_fdm_destroy(f);
    assert_int_equal(temp_root_remove(root), 0);
}

/* JSBSim's testFunctionWithIndexedProps. */
static void an_engine_files_function_should_read_its_own_engine(void **state)
{
    (void)state;
    make_root(power_function);
    check_each_engine_uses_its_own_speed(0);
}

/* JSBSim's testTableWithIndexedVars. */
static void an_engine_files_table_should_read_its_own_engine(void **state)
{
    (void)state;
    make_root(power_table);
    check_each_engine_uses_its_own_speed(1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(an_engine_files_function_should_read_its_own_engine),
        cmocka_unit_test(an_engine_files_table_should_read_its_own_engine),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
