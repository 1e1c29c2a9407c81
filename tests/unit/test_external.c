/*
 * test_external.c - external forces and moments (src/fdm/external.c):
 * the INERTIAL frame turned into body axes as JSBSim's FGForce does with
 * Ti2b = Tl2b Tec2l Ti2ec (Ti2ec a turn by the Earth position angle about
 * the polar axis), worked here with the test's own matrices; the
 * writable location-?-in properties moving the moment arm; a missing
 * frame flown as BODY with a warning, like JSBSim.  And JSBSim's
 * TestExternalReactions (test_body_frame) on the reference F-16: its
 * pushback and hook forces (BODY) read as the file gives them, alone and
 * together, their sum and moments about the CG in the aircraft's totals,
 * with the direction and the location changed through their properties
 * (seven places, as JSBSim's assertAlmostEqual).
 */
#include "fdm_util.h"
#include "jsb_fixture.h"

#include <math.h>

#include "fdm/external.h"
#include "math/units.h"

/* Rotation by angle a about axis k (0, 1, 2), as a frame change. */
static void frame_turn(int k, double a, double m[3][3])
{
    memset(m, 0, 9 * sizeof m[0][0]);
    int i = (k + 1) % 3, j = (k + 2) % 3;
    m[k][k] = 1.0;
    m[i][i] = m[j][j] = cos(a);
    m[i][j] = sin(a);
    m[j][i] = -sin(a);
}

static void mul(const double a[3][3], const double b[3][3], double out[3][3])
{
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++)
            out[i][j] = a[i][0] * b[0][j] + a[i][1] * b[1][j] + a[i][2] * b[2][j];
}

/* A tilted vehicle somewhere on a rotated Earth. */
static void make_env(fdm_env *e)
{
    memset(e, 0, sizeof *e);
    double a[3][3], b[3][3];
    frame_turn(2, 0.7, a);
    frame_turn(1, -1.1, b);
    mul(b, a, e->c_ned_ecef);
    frame_turn(0, 0.2, a);
    frame_turn(1, 0.35, b);
    mul(a, b, e->c_body_ned);
    e->cg_struct_m[0] = 2.0;
}

static external *load(jsb_fixture *f, const char *xml)
{
    external *x;
    if (external_load(&f->c, jsb_parse(f, xml), &x) != SAQR_OK)
        fail_msg("%s", f->err.msg);
    return x;
}

static void an_inertial_force_is_turned_through_the_earth_angle_into_body_axes(void **state)
{
    (void)state;
    jsb_fixture f;
    jsb_open(&f);
    external *x = load(&f, "<external_reactions>\n"
                           " <force name=\"rocket\" frame=\"INERTIAL\">\n"
                           "  <location unit=\"IN\"><x>0</x><y>0</y><z>0</z></location>\n"
                           "  <direction><x>1</x><y>2</y><z>2</z></direction>\n"
                           " </force>\n"
                           "</external_reactions>\n");
    fdm_env env;
    make_env(&env);
    double epa = 0.4;
    jsb_set(&f, "position/epa-rad", epa);
    jsb_set(&f, "external_reactions/rocket/magnitude", 300.0);
    fdm_forces out;
    memset(&out, 0, sizeof out);
    external_run(x, &env, f.props.v, NULL, &out);

    double ti2ec[3][3], tec2b[3][3], ti2b[3][3];
    frame_turn(2, epa, ti2ec);
    mul(env.c_body_ned, env.c_ned_ecef, tec2b);
    mul(tec2b, ti2ec, ti2b);
    double f_eci[3] = {100.0, 200.0, 200.0}; /* 300 lbf along (1, 2, 2) / 3 */
    for (int i = 0; i < 3; i++) {
        double fb = (ti2b[i][0] * f_eci[0] + ti2b[i][1] * f_eci[1] + ti2b[i][2] * f_eci[2]) *
                    N_PER_LBF;
        assert_near(out.force_body_n[i], fb, 1e-9);
    }
    jsb_close(&f);
}

static void an_inertial_moment_is_turned_the_same_way(void **state)
{
    (void)state;
    jsb_fixture f;
    jsb_open(&f);
    external *x = load(&f, "<external_reactions>\n"
                           " <moment name=\"spin\" frame=\"INERTIAL\">\n"
                           "  <direction><x>0</x><y>0</y><z>1</z></direction>\n"
                           " </moment>\n"
                           "</external_reactions>\n");
    fdm_env env;
    make_env(&env);
    jsb_set(&f, "position/epa-rad", 1.3);
    jsb_set(&f, "external_reactions/spin/magnitude-lbsft", 10.0);
    fdm_forces out;
    memset(&out, 0, sizeof out);
    external_run(x, &env, f.props.v, NULL, &out);
    /* the polar axis is the same in ECI and ECEF whatever the angle */
    for (int i = 0; i < 3; i++) {
        double ned_z = env.c_ned_ecef[0][2] * env.c_body_ned[i][0] +
                       env.c_ned_ecef[1][2] * env.c_body_ned[i][1] +
                       env.c_ned_ecef[2][2] * env.c_body_ned[i][2];
        assert_near(out.moment_body_nm[i], 10.0 * ned_z * N_PER_LBF * M_PER_FT, 1e-9);
        assert_near(out.force_body_n[i], 0.0, 0);
    }
    jsb_close(&f);
}

/* JSBSim ties location-x|y|z-in; writing one moves the moment arm. */
static void writing_the_location_moves_the_moment_arm(void **state)
{
    (void)state;
    jsb_fixture f;
    jsb_open(&f);
    external *x = load(&f, "<external_reactions>\n"
                           " <force name=\"push\" frame=\"BODY\">\n"
                           "  <location unit=\"FT\"><x>1</x><y>0</y><z>0</z></location>\n"
                           "  <direction><x>0</x><y>0</y><z>-1</z></direction>\n"
                           " </force>\n"
                           "</external_reactions>\n");
    assert_near(jsb_get(&f, "external_reactions/push/location-x-in"), 12.0, 1e-12);
    fdm_env env;
    make_env(&env);
    env.cg_struct_m[0] = 0.0;
    jsb_set(&f, "external_reactions/push/magnitude", 50.0);
    jsb_set(&f, "external_reactions/push/location-x-in", 24.0); /* 2 ft aft */
    fdm_forces out;
    memset(&out, 0, sizeof out);
    external_run(x, &env, f.props.v, NULL, &out);
    /* arm (-2 ft, 0, 0) body, force (0, 0, -50 lbf): M = r x F, m = -100 lbf ft */
    assert_near(out.force_body_n[2], -50.0 * N_PER_LBF, 1e-9);
    assert_near(out.moment_body_nm[1], -100.0 * N_PER_LBF * M_PER_FT, 1e-9);
    assert_near(out.moment_body_nm[0], 0.0, 1e-12);
    jsb_close(&f);
}

static void a_force_without_a_frame_is_a_body_force_with_a_warning(void **state)
{
    (void)state;
    jsb_fixture f;
    jsb_open(&f);
    external *x = load(&f, "<external_reactions>\n"
                           " <force name=\"push\">\n"
                           "  <direction><x>1</x><y>0</y><z>0</z></direction>\n"
                           " </force>\n"
                           "</external_reactions>\n");
    assert_non_null(strstr(f.warnings, "BODY"));
    assert_non_null(strstr(f.warnings, "structural origin"));
    fdm_env env;
    make_env(&env);
    jsb_set(&f, "external_reactions/push/magnitude", 7.0);
    fdm_forces out;
    memset(&out, 0, sizeof out);
    external_run(x, &env, f.props.v, NULL, &out);
    assert_near(out.force_body_n[0], 7.0 * N_PER_LBF, 1e-12);
    assert_near(out.force_body_n[1], 0.0, 0);
    jsb_close(&f);
}

/* The moment arm of force NAME about the CG in body axes, ft (the
 * structural frame's x and z point the other way). */
static void lever_arm_ft(saqr_fdm *f, const char *name, double arm[3])
{
    static const char *const loc[3] = {"location-x-in", "location-y-in", "location-z-in"};
    static const char *const cg[3] = {"inertia/cg-x-in", "inertia/cg-y-in", "inertia/cg-z-in"};
    static const double sign[3] = {-1.0, 1.0, -1.0};
    for (int i = 0; i < 3; i++) {
        char p[128];
        snprintf(p, sizeof p, "external_reactions/%s/%s", name, loc[i]);
        arm[i] = sign[i] * (fdm_get(f, p) - fdm_get(f, cg[i])) / 12.0;
    }
}

/* The aircraft's external force and moment are `force` (lbf, body) and
 * the sum of arm x force of each named force (lbf ft). */
static void assert_external(saqr_fdm *f, const double force[3], int n, const char *const *names,
                            const double (*forces)[3])
{
    static const char *const fname[3] = {"forces/fbx-external-lbs", "forces/fby-external-lbs",
                                         "forces/fbz-external-lbs"};
    static const char *const mname[3] = {"moments/l-external-lbsft", "moments/m-external-lbsft",
                                         "moments/n-external-lbsft"};
    double m[3] = {0, 0, 0};
    for (int k = 0; k < n; k++) {
        double r[3];
        lever_arm_ft(f, names[k], r);
        const double *F = forces[k];
        m[0] += r[1] * F[2] - r[2] * F[1];
        m[1] += r[2] * F[0] - r[0] * F[2];
        m[2] += r[0] * F[1] - r[1] * F[0];
    }
    for (int i = 0; i < 3; i++) {
        assert_near(fdm_get(f, fname[i]), force[i], 5e-8);
        assert_near(fdm_get(f, mname[i]), m[i], 5e-8);
    }
}

static void the_f16s_pushback_and_hook_add_up_in_body_axes(void **state)
{
    (void)state;
    saqr_fdm *f = fdm_reference_aircraft("f16", "reset00");
    /* as f16.xml gives them */
    assert_near(fdm_get(f, "external_reactions/pushback/location-x-in"), -2.98081, 5e-8);
    assert_near(fdm_get(f, "external_reactions/pushback/location-y-in"), 0.0, 5e-8);
    assert_near(fdm_get(f, "external_reactions/pushback/location-z-in"), -1.9683, 5e-8);
    assert_near(fdm_get(f, "external_reactions/pushback/x"), 1.0, 5e-8);
    assert_near(fdm_get(f, "external_reactions/pushback/y"), 0.0, 5e-8);
    assert_near(fdm_get(f, "external_reactions/pushback/z"), 0.0, 5e-8);
    assert_near(fdm_get(f, "external_reactions/pushback/magnitude"), 0.0, 5e-8);
    assert_near(fdm_get(f, "external_reactions/hook/location-x-in"), 100.669, 5e-8);
    assert_near(fdm_get(f, "external_reactions/hook/location-y-in"), 0.0, 5e-8);
    assert_near(fdm_get(f, "external_reactions/hook/location-z-in"), -28.818, 5e-8);
    /* the direction is made a unit vector */
    const double n = sqrt(0.9995 * 0.9995 + 0.01 * 0.01);
    const double hook[3] = {-0.9995 / n, 0.0, 0.01 / n};
    assert_near(fdm_get(f, "external_reactions/hook/x"), hook[0], 5e-8);
    assert_near(fdm_get(f, "external_reactions/hook/y"), hook[1], 5e-8);
    assert_near(fdm_get(f, "external_reactions/hook/z"), hook[2], 5e-8);
    assert_near(fdm_get(f, "external_reactions/hook/magnitude"), 0.0, 5e-8);
    static const double zero[3] = {0, 0, 0};
    static const char *const pushback[] = {"pushback"}, *const hook_only[] = {"hook"},
                             *const both[] = {"pushback", "hook"};
    assert_external(f, zero, 0, NULL, NULL);

    /* the pushback alone: its PID's first output, kp x 1 ft/s */
    fdm_set(f, "/sim/model/pushback/position-norm", 1.0);
    fdm_set(f, "/sim/model/pushback/target-speed-fps", 1.0);
    fdm_set(f, "/sim/model/pushback/kp", 0.05);
    assert_int_equal(saqr_fdm_step(f), SAQR_OK);
    assert_near(fdm_get(f, "external_reactions/pushback/magnitude"), 0.05, 5e-8);
    const double fpb[1][3] = {{0.05, 0.0, 0.0}};
    assert_external(f, fpb[0], 1, pushback, fpb);
    /* and off again */
    fdm_set(f, "/sim/model/pushback/position-norm", 0.0);
    assert_int_equal(saqr_fdm_step(f), SAQR_OK);
    assert_near(fdm_get(f, "external_reactions/pushback/magnitude"), 0.0, 5e-8);
    assert_external(f, zero, 0, NULL, NULL);

    /* the hook alone */
    fdm_set(f, "external_reactions/hook/magnitude", 10.0);
    assert_int_equal(saqr_fdm_step(f), SAQR_OK);
    double forces[2][3] = {{0, 0, 0}, {10.0 * hook[0], 10.0 * hook[1], 10.0 * hook[2]}};
    assert_external(f, forces[1], 1, hook_only, &forces[1]);

    /* both, then the pushback turned (the direction written is used as
     * it is, not made a unit vector), then the hook moved sideways */
    for (int stage = 0; stage < 3; stage++) {
        if (stage == 0)
            fdm_set(f, "/sim/model/pushback/position-norm", 1.0);
        if (stage == 1) {
            fdm_set(f, "external_reactions/pushback/x", 1.5);
            fdm_set(f, "external_reactions/pushback/y", 0.1);
        }
        if (stage == 2)
            fdm_set(f, "external_reactions/hook/location-y-in", 50.0);
        assert_int_equal(saqr_fdm_step(f), SAQR_OK);
        const double fp = fdm_get(f, "systems/pushback/force");
        assert_true(fp != 0.0);
        assert_near(fdm_get(f, "external_reactions/pushback/magnitude"), fp, 5e-8);
        forces[0][0] = (stage == 0 ? 1.0 : 1.5) * fp;
        forces[0][1] = (stage == 0 ? 0.0 : 0.1) * fp;
        const double total[3] = {forces[0][0] + forces[1][0], forces[0][1] + forces[1][1],
                                 forces[0][2] + forces[1][2]};
        assert_external(f, total, 2, both, forces);
    }
    saqr_fdm_destroy(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(an_inertial_force_is_turned_through_the_earth_angle_into_body_axes),
        cmocka_unit_test(an_inertial_moment_is_turned_the_same_way),
        cmocka_unit_test(writing_the_location_moves_the_moment_arm),
        cmocka_unit_test(a_force_without_a_frame_is_a_body_force_with_a_warning),
        cmocka_unit_test(the_f16s_pushback_and_hook_add_up_in_body_axes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
