/*
 * test_daveml_checkdata.c - verifies the DAVE-ML evaluator against the
 * check cases the NASA F-16 model files carry (<checkData> static shots,
 * from Morelli's MATLAB F-16 model and Stevens & Lewis' engine tables).
 *
 * Every .dml of F16_S119_source with checkData is run; every static shot
 * must match every output within its <tol>.  The files without checkData
 * (F16_control, F16_gnc, F16_inertia) must at least load.
 *
 * Reference: NASA TM-2015-218675 (Jackson et al., "Assessment of
 * Six-Degree-of-Freedom Simulation Tools"), F-16 model package.
 */
#include "test_util.h"

#include <string.h>

#include "load/daveml/daveml.h"

#define F16 "reference/nasa-eom-2015/models/F16_package/F16_S119_source/"

/* Loads `file`, runs its checkData and returns the number of shots. */
static int run_file(const char *file)
{
    char path[1024];
    daveml_model *m = NULL;
    saqr_err err = {{0}};
    test_shared_path(path, sizeof path, file);
    saqr_status st = daveml_load_file(path, NULL, &m, &err);
    if (st != SAQR_OK)
        fail_msg("loading %s: %s", path, err.msg);
    int shots = -1, failed = -1;
    st = daveml_run_checkdata(m, &shots, &failed, &err);
    daveml_free(m);
    if (st != SAQR_OK)
        fail_msg("%s: %d of %d shots failed; first: %s", path, failed, shots, err.msg);
    assert_int_equal(failed, 0);
    printf("    %s: %d static shots passed\n", strrchr(file, '/') + 1, shots);
    return shots;
}

static void f16_aero_should_pass_all_its_static_shots(void **state)
{
    (void)state;
    assert_int_equal(run_file(F16 "F16_aero.dml"), 16);
}

static void f16_prop_should_pass_all_its_static_shots(void **state)
{
    (void)state;
    assert_int_equal(run_file(F16 "F16_prop.dml"), 9);
}

static void f16_files_without_checkdata_should_load(void **state)
{
    (void)state;
    assert_int_equal(run_file(F16 "F16_control.dml"), 0);
    assert_int_equal(run_file(F16 "F16_gnc.dml"), 0);
    assert_int_equal(run_file(F16 "F16_inertia.dml"), 0);
}

/* The check values themselves, spot-checked through the public accessors:
 * the nominal shot of F16_aero (vt 300 ft/s, alpha 5 deg, all else 0)
 * gives CX = -0.004, CZ = -0.416, Cm = -0.005 from the basic tables. */
static void f16_aero_nominal_shot_should_read_the_basic_tables(void **state)
{
    (void)state;
    char path[1024];
    daveml_model *m = NULL;
    saqr_err err = {{0}};
    test_shared_path(path, sizeof path, F16 "F16_aero.dml");
    assert_int_equal(daveml_load_file(path, NULL, &m, &err), SAQR_OK);
    daveml_set(m, daveml_find(m, "trueAirspeed"), 300.0);
    daveml_set(m, daveml_find(m, "angleOfAttack"), 5.0);
    daveml_eval(m);
    assert_near(daveml_get(m, daveml_find(m, "aeroBodyForceCoefficient_X")), -0.004, 1e-12);
    assert_near(daveml_get(m, daveml_find(m, "aeroBodyForceCoefficient_Z")), -0.416, 1e-12);
    assert_near(daveml_get(m, daveml_find(m, "aeroBodyMomentCoefficient_Pitch")), -0.005, 1e-12);
    daveml_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(f16_aero_should_pass_all_its_static_shots),
        cmocka_unit_test(f16_prop_should_pass_all_its_static_shots),
        cmocka_unit_test(f16_files_without_checkdata_should_load),
        cmocka_unit_test(f16_aero_nominal_shot_should_read_the_basic_tables),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
