/*
 * test_f16_vehicle.c - the F-16 of NASA's DAVE-ML package as a force model
 * (model/f16_vehicle.h): Stevens & Lewis's engine power lag, thrust from
 * the propulsion model's own checkData, and the moment transfer from the
 * moment reference centre to the centre of mass.
 */
#include "test_util.h"

#include <math.h>

#include "math/units.h"
#include "math/vec3.h"
#include "model/f16_vehicle.h"

#define F16_DIR "reference/nasa-eom-2015/models/F16_package/F16_S119_source/"

static void load(f16_vehicle *v, f16_engine_lag lag)
{
    f16_config c;
    memset(&c, 0, sizeof c);
    test_shared_path(c.aero_path, sizeof c.aero_path, F16_DIR "F16_aero.dml");
    test_shared_path(c.prop_path, sizeof c.prop_path, F16_DIR "F16_prop.dml");
    test_shared_path(c.inertia_path, sizeof c.inertia_path, F16_DIR "F16_inertia.dml");
    snprintf(c.inertia_inputs[0].var, sizeof c.inertia_inputs[0].var, "vrsPositionOfCM");
    c.inertia_inputs[0].value = 25.0;
    c.n_inertia_inputs = 1;
    c.lag = lag;
    saqr_err err = {{0}};
    if (f16_vehicle_load(v, &c, NULL, &err) != SAQR_OK)
        fail_msg("%s", err.msg);
}

static void power_rate_should_follow_stevens_and_lewis(void **state)
{
    (void)state;
    /* Small change: 1/s.  */
    assert_near(f16_power_rate(20.0, 30.0), 10.0, 1e-12);
    /* Dry power toward afterburner: target 60 %, RTAU(50) = 0.1 /s. */
    assert_near(f16_power_rate(10.0, 80.0), 5.0, 1e-12);
    /* 30 % -> 60 %: RTAU(30) = 1.9 - 0.036 * 30 = 0.82 /s. */
    assert_near(f16_power_rate(30.0, 55.0), 0.82 * 30.0, 1e-12);
    /* In afterburner toward dry: 5 /s toward 40 %. */
    assert_near(f16_power_rate(60.0, 20.0), -100.0, 1e-12);
    /* In afterburner, staying there: 5 /s toward the command. */
    assert_near(f16_power_rate(70.0, 80.0), 50.0, 1e-12);
}

static void engine_lag_should_be_a_one_second_first_order_lag_for_small_steps(void **state)
{
    (void)state;
    f16_vehicle v;
    load(&v, F16_ENGINE_LAG_STEVENS_LEWIS);
    v.power_pct = 20.0;
    v.pla_pct = 30.0;
    for (int k = 0; k < 100; k++)
        f16_vehicle_engine_step(&v, 0.01);
    /* 30 - 10 e^-1 after one time constant. */
    assert_near(v.power_pct, 30.0 - 10.0 * exp(-1.0), 1e-8);
    f16_vehicle_free(&v);
    load(&v, F16_ENGINE_LAG_NONE);
    v.pla_pct = 42.0;
    f16_vehicle_engine_step(&v, 0.01);
    assert_near(v.power_pct, 42.0, 0.0);
    f16_vehicle_free(&v);
}

static void thrust_should_match_the_propulsion_checkdata(void **state)
{
    (void)state;
    f16_vehicle v;
    load(&v, F16_ENGINE_LAG_NONE);
    /* F16_prop.dml checkData: PWR 42.3 %, 23,507 ft, Mach 0.625 ->
     * 5319.3486669250005 lbf. */
    saqr_force_input in;
    memset(&in, 0, sizeof in);
    in.alt_m = 23507.0 * M_PER_FT;
    in.mach = 0.625;
    v.power_pct = 42.3;
    saqr_force_output out;
    assert_int_equal(f16_vehicle_forces(&in, &out, &v), 0);
    assert_near(out.force_body_n[0] / N_PER_LBF, 5319.3486669250005, 1e-6);
    assert_near(out.force_body_n[1], 0.0, 0.0);
    assert_near(out.force_body_n[2], 0.0, 0.0);
    f16_vehicle_free(&v);
}

static void lift_behind_a_forward_cg_should_pitch_the_nose_down(void **state)
{
    (void)state;
    f16_vehicle v;
    load(&v, F16_ENGINE_LAG_NONE);
    /* CG at 25 % MAC, MRC at 35 %: the CG is 0.1 x 11.32 ft forward. */
    assert_near(v.cm_wrt_mrc_m[0], 1.132 * M_PER_FT, 1e-12);
    assert_near(v.mass_kg, 637.1595 * KG_PER_SLUG, 1e-9);
    assert_near(v.inertia_kgm2[0][2], -982.0 * KGM2_PER_SLUGFT2, 1e-9);
    saqr_force_input in;
    memset(&in, 0, sizeof in);
    double a = 5.0 * RAD_PER_DEG, vt = 170.0;
    in.alpha_rad = a;
    in.airspeed_true_mps = vt;
    in.vel_air_body_mps[0] = vt * cos(a);
    in.vel_air_body_mps[2] = vt * sin(a);
    in.qbar_pa = 10000.0;
    in.mach = 0.5;
    in.alt_m = 3000.0;
    saqr_force_output out;
    assert_int_equal(f16_vehicle_forces(&in, &out, &v), 0);
    double fz = v.aero_force_body_n[2];
    assert_true(fz < 0.0); /* lift up at 5 deg */
    /* Move the CG to the MRC (35 %): the pitching moment changes by
     * exactly -x_cg * Fz, nose down for the forward CG. */
    f16_vehicle v35 = v;
    vec3_set(v35.cm_wrt_mrc_m, 0.0, 0.0, 0.0);
    saqr_force_output out35;
    assert_int_equal(f16_vehicle_forces(&in, &out35, &v35), 0);
    double dm = out.moment_body_nm[1] - out35.moment_body_nm[1];
    assert_near(dm, 1.132 * M_PER_FT * fz, 1e-9 * fabs(fz));
    assert_true(dm < 0.0);
    f16_vehicle_free(&v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(power_rate_should_follow_stevens_and_lewis),
        cmocka_unit_test(engine_lag_should_be_a_one_second_first_order_lag_for_small_steps),
        cmocka_unit_test(thrust_should_match_the_propulsion_checkdata),
        cmocka_unit_test(lift_behind_a_forward_cg_should_pitch_the_nose_down),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
