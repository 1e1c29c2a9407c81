/*
 * test_propulsion_mirrors.c - the propulsion's mirrored properties
 * (src/fdm/propulsion.c, PJ_MIRRORED): a tank's or an engine's writable
 * property that the model keeps a copy of is read again only after a
 * write from outside or when another model writes it too.  JSBSim ties
 * these properties to the model's members, so every write takes effect at
 * the next run: these tests write them through the public API and through
 * an FCS component of a modified c172x, and check that the write reached
 * the model.
 */
#include "fdm_util.h"
#include "temp_root.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void step_frames(saqr_fdm *f, int n)
{
    for (int i = 0; i < n; i++)
        assert_int_equal(saqr_fdm_step(f), SAQR_OK);
}

/* An outside write of a tank's external flow drains that tank (the c172x
 * at reset01: its engine burns the same from both tanks). */
static void an_outside_write_of_a_tank_flow_drains_the_tank(void **state)
{
    (void)state;
    saqr_fdm *f = fdm_c172_in_flight();
    step_frames(f, 12);
    double t0 = fdm_get(f, "propulsion/tank[0]/contents-lbs");
    double t1 = fdm_get(f, "propulsion/tank[1]/contents-lbs");
    fdm_set(f, "propulsion/tank[0]/external-flow-rate-pps", -2.0);
    step_frames(f, 120); /* one second */
    double burnt0 = t0 - fdm_get(f, "propulsion/tank[0]/contents-lbs");
    double burnt1 = t1 - fdm_get(f, "propulsion/tank[1]/contents-lbs");
    assert_true(burnt1 >= 0.0 && burnt1 < 0.1);
    assert_near(burnt0 - burnt1, 2.0, 1e-9);
    saqr_fdm_destroy(f);
}

/* An outside write of a piston's volumetric efficiency chokes it, and of
 * a turbine's spool speed moves the spool (the F-16 at its idle on the
 * runway). */
static void outside_writes_of_engine_state_reach_the_engine(void **state)
{
    (void)state;
    saqr_fdm *c172 = fdm_c172_in_flight();
    fdm_set(c172, "propulsion/set-running", -1.0); /* every engine, JSBSim's IC way */
    fdm_set(c172, "fcs/throttle-cmd-norm", 1.0);
    step_frames(c172, 240);
    double hp = fdm_get(c172, "propulsion/engine/power-hp");
    assert_true(hp > 50.0);
    fdm_set(c172, "propulsion/engine/volumetric-efficiency", 0.1);
    step_frames(c172, 1);
    assert_true(fdm_get(c172, "propulsion/engine/power-hp") < 0.5 * hp);
    saqr_fdm_destroy(c172);

    saqr_fdm *f16 = fdm_reference_aircraft("f16", "reset00");
    fdm_set(f16, "propulsion/set-running", -1.0);
    step_frames(f16, 240);
    double n2 = fdm_get(f16, "propulsion/engine/n2");
    assert_true(n2 > 50.0);
    fdm_set(f16, "propulsion/engine/n2", 20.0);
    step_frames(f16, 1);
    /* the spool seeks back to idle from 20%, a few percent a second */
    assert_true(fdm_get(f16, "propulsion/engine/n2") < 21.0);
    saqr_fdm_destroy(f16);
}

/* ---- another producer: an FCS component writes a tank's flow ------------ */

static char root[256];

static int make_root(void **state)
{
    (void)state;
    return temp_root_make(root, sizeof root, "saqr_test_mirrors");
}

static int remove_root(void **state)
{
    (void)state;
    return temp_root_remove(root);
}

/* Inserts `text` before the first `before` in root/REL. */
static void insert_into(const char *rel, const char *before, const char *text)
{
    temp_root_insert(root, rel, before, text);
}

/* The flow grows with the time (t lbs/s), so a propulsion that read it
 * once would drain nothing: the tank loses the integral, t^2/2. */
static void a_model_writing_a_tank_flow_is_read_every_run(void **state)
{
    (void)state;
    insert_into("aircraft/c172x/c172x.xml", "    <flight_control name=\"c172\">",
                "    <system name=\"Fuel dump test\">\n"
                "      <channel name=\"Dump\">\n"
                "        <fcs_function name=\"dump-flow\">\n"
                "          <function><product><value>-1.0</value>"
                "<property>simulation/sim-time-sec</property></product></function>\n"
                "          <output>propulsion/tank[0]/external-flow-rate-pps</output>\n"
                "        </fcs_function>\n"
                "      </channel>\n"
                "    </system>\n");
    saqr_fdm *f = saqr_fdm_create(NULL);
    assert_non_null(f);
    assert_int_equal(saqr_fdm_load_aircraft(f, root, "c172x"), SAQR_OK);
    assert_int_equal(saqr_fdm_load_initfile(f, "reset01"), SAQR_OK);
    assert_int_equal(saqr_fdm_init(f), SAQR_OK);
    double t0 = fdm_get(f, "propulsion/tank[0]/contents-lbs");
    double t1 = fdm_get(f, "propulsion/tank[1]/contents-lbs");
    step_frames(f, 240); /* two seconds: 2 lbs by the integral */
    double burnt0 = t0 - fdm_get(f, "propulsion/tank[0]/contents-lbs");
    double burnt1 = t1 - fdm_get(f, "propulsion/tank[1]/contents-lbs");
    assert_true(burnt1 >= 0.0 && burnt1 < 0.1);
    assert_near(burnt0 - burnt1, 2.0, 0.02);
    saqr_fdm_destroy(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(an_outside_write_of_a_tank_flow_drains_the_tank),
        cmocka_unit_test(outside_writes_of_engine_state_reach_the_engine),
        cmocka_unit_test_setup_teardown(a_model_writing_a_tank_flow_is_read_every_run, make_root, remove_root),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
