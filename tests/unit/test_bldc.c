/*
 * test_bldc.c - JSBSim's brushless DC motor (src/fdm/engine_bldc.c) with
 * the F450's DJI E305 constants on an inline propulsion, at rest at sea
 * level, against FGBrushLessDCMotor's formulas worked by hand: current
 * I = (V throttle - rpm / Kv) / R, torque (I - I0) / Kv x 60 / (2 pi
 * 1.3558) lbf ft, power-hp = 2 pi max(rpm, 1e-4) torque / 60 / 745.7 x
 * 1.3558; no fuel; missing mandatory parameters are errors.
 */
#include "propulsion_fixture.h"

#include <math.h>

#define DT (1.0 / 120.0)
#define KV 960.0
#define R_OHM 0.117
#define I0_A 0.45
#define VMAX 14.63
#define PI 3.14159265358979323846

#define MOTOR                                                                          \
    "<brushless_dc_motor name=\"DJI E305\">\n"                                        \
    "  <velocityconstant> 960 </velocityconstant>\n"                                  \
    "  <coilresistance> 0.117 </coilresistance>\n"                                    \
    "  <noloadcurrent> 0.45 </noloadcurrent>\n"                                       \
    "  <maxvolts> 14.63 </maxvolts>\n"                                                \
    "</brushless_dc_motor>\n"

#define PROPULSION(motor)                                                              \
    "<propulsion>\n"                                                                  \
    " <engine>" motor                                                                 \
    "  <thruster><propeller name=\"P\">\n"                                            \
    "    <ixx> 0.0001 </ixx> <diameter unit=\"IN\"> 9.4 </diameter>\n"                \
    "    <numblades> 2 </numblades>\n"                                                \
    "    <table name=\"C_THRUST\" type=\"internal\"><tableData>\n"                    \
    "      0.0 0.11\n      1.0 0.0 </tableData></table>\n"                            \
    "    <table name=\"C_POWER\" type=\"internal\"><tableData>\n"                     \
    "      0.0 0.045\n      1.0 0.01 </tableData></table>\n"                          \
    "   </propeller>\n"                                                               \
    "   <location unit=\"IN\"><x>0</x><y>0</y><z>0</z></location>\n"                  \
    "  </thruster>\n"                                                                 \
    " </engine>\n"                                                                    \
    "</propulsion>\n"

typedef prop_fixture fixture;

static fixture *load(void) { return prop_fixture_load(PROPULSION(MOTOR), DT); }
static void unload(fixture *f) { prop_fixture_free(f); }
static double get(fixture *f, const char *name) { return prop_get(f, name); }
static void step(fixture *f) { prop_step(f); }

static double torque_ftlb(double current_a)
{
    double k = 60.0 / (2.0 * PI * 1.3558) / KV;
    if (current_a >= I0_A)
        return (current_a - I0_A) * k;
    if (current_a <= -I0_A)
        return (current_a + I0_A) * k;
    return 0.0;
}

static void a_stopped_motor_draws_the_stall_current(void **state)
{
    (void)state;
    fixture *f = load();
    jsb_set(&f->j, "fcs/throttle-pos-norm", 1.0);
    step(f);
    double amps = VMAX / R_OHM;
    assert_near(get(f, "propulsion/engine/current-amperes"), amps, 1e-9);
    double power = 2.0 * PI * 1e-4 * torque_ftlb(amps) / 60.0;
    assert_near(get(f, "propulsion/engine/power-hp"), power / 745.7 * 1.3558, 1e-15);
    assert_true(get(f, "propulsion/engine/propeller-rpm") > 0.0); /* it starts to turn */
    unload(f);
}

/* Spinning up: every frame the current follows the back-EMF of the
 * propeller speed at the start of the frame. */
static void the_current_falls_with_the_back_emf_as_the_propeller_spins_up(void **state)
{
    (void)state;
    fixture *f = load();
    for (int k = 0; k < 240; k++) {
        double throttle = k < 120 ? 0.5 : 0.8;
        jsb_set(&f->j, "fcs/throttle-pos-norm", throttle);
        double rpm = get(f, "propulsion/engine/propeller-rpm");
        step(f);
        double amps = (VMAX * throttle - rpm / KV) / R_OHM;
        assert_near(get(f, "propulsion/engine/current-amperes"), amps, 1e-9 * fabs(amps) + 1e-12);
        double power = 2.0 * PI * fmax(rpm, 1e-4) * torque_ftlb(amps) / 60.0;
        assert_near(get(f, "propulsion/engine/power-hp"), power / 745.7 * 1.3558,
                    1e-9 * fabs(power) + 1e-15);
    }
    double rpm = get(f, "propulsion/engine/propeller-rpm");
    assert_true(rpm > 1000.0 && rpm < VMAX * 0.8 * KV); /* below the no-load speed */
    assert_true(get(f, "propulsion/engine/thrust-lbs") > 0.0);
    assert_near(get(f, "propulsion/engine/fuel-flow-rate-pps"), 0.0, 0);
    unload(f);
}

static void a_motor_without_its_velocity_constant_is_an_error(void **state)
{
    (void)state;
    jsb_fixture j;
    jsb_open(&j);
    propulsion *p;
    const char *xml = PROPULSION("<brushless_dc_motor name=\"M\">\n"
                                 "  <coilresistance> 0.117 </coilresistance>\n"
                                 "  <noloadcurrent> 0.45 </noloadcurrent>\n"
                                 "  <maxvolts> 14.63 </maxvolts>\n"
                                 "</brushless_dc_motor>\n");
    assert_int_not_equal(propulsion_load(&j.c, jsb_load_text(&j, xml), &p), SAQR_OK);
    jsb_assert_error(&j, "velocityconstant");
    jsb_close(&j);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_stopped_motor_draws_the_stall_current),
        cmocka_unit_test(the_current_falls_with_the_back_emf_as_the_propeller_spins_up),
        cmocka_unit_test(a_motor_without_its_velocity_constant_is_an_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
