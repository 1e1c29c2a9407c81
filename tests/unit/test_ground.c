/*
 * test_ground.c - ground reactions of JSBSim-format aircraft: the
 * <ground_reactions> of the reference c172x and f16 loaded as JSBSim does,
 * static equilibrium on the gear against the weight computed by hand from
 * the c172x file, no force above the ground or with the gear retracted,
 * brake and rolling friction opposing the motion with the magnitudes of
 * JSBSim's formulas, and the state at t = 0 of JSBSim's c1723 script.
 *
 * References: the aircraft files under reference/jsbsim/aircraft; JSBSim
 * FGLGear.cpp (spring-damper strut, BrakeFCoeff = rolling + brake *
 * (static - rolling)), FGAccelerations.cpp (friction multipliers);
 * values printed by JSBSim 1.3 (the build the reference CSVs come from)
 * running scripts/c1723.xml with gear/unit[i]/compression-ft,
 * forces/fb?-gear-lbs, moments/?-gear-lbsft, inertia/..., accelerations/...
 * logged at t = 0 (see c1723_* constants below).
 */
#include "jsb_fixture.h"

#include <math.h>

#include "earth/earth.h"
#include "fdm/ground.h"
#include "fdm/ground_internal.h"
#include "fdm_util.h"
#include "math/units.h"

typedef struct fixture {
    jsb_fixture j;
    ground *g;
    earth_model earth;
    fdm_env env;
} fixture;

static fixture *new_fixture(void)
{
    fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    jsb_open(&f->j);
    saqr_earth_config ec = saqr_earth_default(SAQR_EARTH_WGS84);
    assert_int_equal(earth_init(&f->earth, &ec, &f->j.err), SAQR_OK);
    f->env.earth = &f->earth;
    return f;
}

/* Loads the <ground_reactions> of `root` into a fresh fixture: level, at
 * rest, over a terrain at sea level. */
static fixture *load_ground(fixture *f, xmlNode *root)
{
    if (ground_load(&f->j.c, jx_first(root, "ground_reactions"), &f->g) != SAQR_OK)
        fail_msg("%s", f->j.err.msg);
    ground_reset(f->g, f->j.props.v);
    for (int i = 0; i < 3; i++)
        f->env.c_body_ned[i][i] = 1.0;
    f->env.gravity_mps2 = G0_MPS2;
    return f;
}

static fixture *load_aircraft(const char *name)
{
    fixture *f = new_fixture();
    return load_ground(f, jsb_load_aircraft(&f->j, name));
}

static void unload(fixture *f)
{
    jsb_close(&f->j);
    free(f);
}

static double *prop(fixture *f, const char *name)
{
    return jsb_prop(&f->j, name);
}

/* The contacts stand on the WGS-84 ellipsoid, as the executive has them:
 * within a few metres of the CG it falls below the tangent plane of the
 * hand computations by up to 5e-7 ft. */
#define CURVATURE_FT 1e-6

/* The Earth-fixed position and axes of the aircraft at the environment's
 * latitude, longitude and altitude (the contacts are placed from them). */
static void place(fixture *f)
{
    fdm_env *e = &f->env;
    earth_ecef_from_geodetic(&f->earth, e->lat_geod_rad, e->lon_rad, e->alt_asl_m, e->r_ecef_m);
    earth_dcm_ned_from_ecef(&f->earth, e->lat_geod_rad, e->lon_rad, e->c_ned_ecef);
}

/* c172x loaded as in the file: empty weight, the six point masses and the
 * two full tanks.  Weights (lbs) and locations (in) from c172x.xml. */
#define C172_WEIGHT_LBS (1454.0 + 190.0 + 140.0 + 130.0 + 106.0 + 120.0 + 80.0 + 130.0 + 130.0)

static void c172_mass(fixture *f)
{
    double x = (1454.0 * 41.0 + (190.0 + 140.0) * 36.0 + (130.0 + 106.0) * 60.0 + 120.0 * 95.0 + 80.0 * 41.0 +
                260.0 * 48.0) / C172_WEIGHT_LBS;
    double y = (190.0 * -14.0 + 140.0 * 14.0 + 130.0 * -14.0 + 106.0 * 14.0 + 80.0 * 144.0 + 130.0 * -112.0 +
                130.0 * 112.0) / C172_WEIGHT_LBS;
    double z = (1454.0 * 36.5 + (190.0 + 140.0 + 130.0 + 106.0 + 120.0) * 24.0 + 80.0 * 36.0 + 260.0 * 59.4) /
               C172_WEIGHT_LBS;
    f->env.cg_struct_m[0] = x * M_PER_IN;
    f->env.cg_struct_m[1] = y * M_PER_IN;
    f->env.cg_struct_m[2] = z * M_PER_IN;
    f->env.mass_kg = C172_WEIGHT_LBS * KG_PER_LBM;
    f->env.inertia_kgm2[0][0] = 948.0 * KGM2_PER_SLUGFT2; /* empty-aircraft values: enough here */
    f->env.inertia_kgm2[1][1] = 1346.0 * KGM2_PER_SLUGFT2;
    f->env.inertia_kgm2[2][2] = 1967.0 * KGM2_PER_SLUGFT2;
}

/* Height of the CG (ft) where the three springs (1800 lbs/ft nose at
 * z = -20 in, 5400 lbs/ft mains at z = -18.46 in) carry the weight with
 * the aircraft level. */
static double c172_equilibrium_h_ft(const fixture *f)
{
    double z_cg_in = f->env.cg_struct_m[2] / M_PER_IN;
    double d_nose_ft = (z_cg_in + 20.0) / 12.0, d_main_ft = (z_cg_in + 18.46) / 12.0;
    return (1800.0 * d_nose_ft + 2.0 * 5400.0 * d_main_ft - C172_WEIGHT_LBS) / (1800.0 + 2.0 * 5400.0);
}

/* The c172x as loaded, level on its springs at rest (the CG at the
 * equilibrium height over a terrain at sea level). */
static fixture *c172x_on_its_springs(void)
{
    fixture *f = load_aircraft("c172x");
    c172_mass(f);
    f->env.alt_asl_m = f->env.alt_agl_m = c172_equilibrium_h_ft(f) * M_PER_FT;
    return f;
}

static void run(fixture *f, fdm_forces *out)
{
    memset(out, 0, sizeof *out);
    place(f);
    ground_pre_fcs(f->g, f->j.props.v);
    ground_run(f->g, &f->env, f->j.props.v, out);
}

static void c172x_should_load_its_six_contacts_with_jsbsim_property_names(void **state)
{
    (void)state;
    fixture *f = load_aircraft("c172x");
    assert_near(*prop(f, "gear/num-units"), 6.0, 0.0);
    assert_near(*prop(f, "gear/unit[1]/x-position"), 58.2, 1e-12);
    assert_near(*prop(f, "gear/unit[2]/y-position"), 50.25, 1e-12);
    assert_near(*prop(f, "gear/unit/static_friction_coeff"), 0.8, 1e-12);
    assert_near(*prop(f, "gear/unit/rolling_friction_coeff"), 0.022, 1e-12);
    assert_near(*prop(f, "contact/unit[3]/static_friction_coeff"), 0.2, 1e-12);
    assert_near(*prop(f, "contact/unit[5]/z-position"), 59.4, 1e-12);
    /* only the nose wheel steers; the mains are fixed */
    assert_true(prop_find(&f->j.props, "fcs/steer-pos-deg") >= 0);
    assert_true(prop_find(&f->j.props, "fcs/steer-pos-deg[1]") < 0);
    assert_int_equal(f->j.c.warnings, 0);
    unload(f);
}

static void c172x_should_rest_on_its_springs_with_the_weight_of_the_file(void **state)
{
    (void)state;
    fixture *f = c172x_on_its_springs();
    fdm_forces out;
    run(f, &out);

    double weight_n = C172_WEIGHT_LBS * N_PER_LBF;
    assert_near(-out.force_body_n[2], weight_n, 0.01 * weight_n);
    /* the ellipsoid tilts the normal at the wheels by ~1e-7 rad */
    assert_near(out.force_body_n[0], 0.0, 1e-3);
    assert_near(*prop(f, "forces/fbz-gear-lbs"), -C172_WEIGHT_LBS, 0.01 * C172_WEIGHT_LBS);
    assert_near(*prop(f, "gear/unit/WOW"), 1.0, 0.0);
    assert_near(*prop(f, "gear/unit[1]/WOW"), 1.0, 0.0);
    assert_near(*prop(f, "gear/unit[2]/WOW"), 1.0, 0.0);
    assert_near(*prop(f, "contact/unit[3]/WOW"), 0.0, 0.0);
    assert_near(*prop(f, "gear/wow"), 1.0, 0.0);
    assert_true(ground_wow(f->g));
    /* the right main's <strut_force> function equals the left main's spring */
    assert_near(*prop(f, "gear/unit[2]/compression-ft"), *prop(f, "gear/unit[1]/compression-ft"), CURVATURE_FT);
    /* pitching moment of the springs about the CG, by hand: nose ahead of
     * the CG pushes the nose up (positive M) */
    double h_ft = c172_equilibrium_h_ft(f), z_cg_in = f->env.cg_struct_m[2] / M_PER_IN;
    double x_cg_in = f->env.cg_struct_m[0] / M_PER_IN;
    double fn = 1800.0 * ((z_cg_in + 20.0) / 12.0 - h_ft), fm = 5400.0 * ((z_cg_in + 18.46) / 12.0 - h_ft);
    double m_lbsft = fn * (x_cg_in - -6.8) / 12.0 + 2.0 * fm * (x_cg_in - 58.2) / 12.0;
    assert_near(*prop(f, "moments/m-gear-lbsft"), m_lbsft, 1e-5 * fabs(m_lbsft));
    unload(f);
}

static void a_unit_above_the_ground_should_give_no_force(void **state)
{
    (void)state;
    fixture *f = load_aircraft("c172x");
    c172_mass(f);
    f->env.alt_asl_m = 10.0 * M_PER_FT;
    fdm_forces out;
    run(f, &out);
    for (int k = 0; k < 3; k++) {
        assert_near(out.force_body_n[k], 0.0, 0.0);
        assert_near(out.moment_body_nm[k], 0.0, 0.0);
    }
    assert_near(*prop(f, "gear/unit/WOW"), 0.0, 0.0);
    assert_near(*prop(f, "gear/unit/compression-ft"), 0.0, 0.0);
    assert_near(*prop(f, "gear/wow"), 0.0, 0.0);
    assert_false(ground_wow(f->g));
    /* AGL of the nose wheel: CG height less its 20 in + z_cg below the CG */
    double z_cg_in = f->env.cg_struct_m[2] / M_PER_IN;
    assert_near(*prop(f, "gear/unit/AGL-ft"), 10.0 - (z_cg_in + 20.0) / 12.0, CURVATURE_FT);
    assert_near(ground_lowest_contact_agl_m(f->g, &f->env), (10.0 - (z_cg_in + 20.0) / 12.0) * M_PER_FT,
                CURVATURE_FT * M_PER_FT);
    /* nothing to resolve */
    const double zero[3] = {0.0, 0.0, 0.0};
    fdm_forces extra = {{0.0, 0.0, 0.0}, {0.0, 0.0, 0.0}};
    ground_resolve_friction(f->g, &f->env, f->j.props.v, zero, zero, NULL, &extra);
    assert_near(extra.force_body_n[0], 0.0, 0.0);
    unload(f);
}

/* Rolling forward at 2 m/s: the friction asked to stop the wheels within
 * one 1/120 s step saturates at coefficient times normal load.  Returns
 * the fixture with the normal loads of the three wheels. */
static fixture *roll_c172x_forward(double brake, double normal_lbs[3], fdm_forces *extra)
{
    fixture *f = c172x_on_its_springs();
    f->env.vel_body_mps[0] = 2.0;
    f->env.dt_s = 1.0 / 120.0;
    *prop(f, "fcs/left-brake-cmd-norm") = brake;
    *prop(f, "fcs/right-brake-cmd-norm") = brake;
    fdm_forces out;
    run(f, &out);
    for (int i = 0; i < 3; i++) {
        char name[64];
        snprintf(name, sizeof name, "gear/unit[%d]/compression-ft", i);
        normal_lbs[i] = *prop(f, name) * (i == 0 ? 1800.0 : 5400.0);
    }
    const double zero[3] = {0.0, 0.0, 0.0};
    memset(extra, 0, sizeof *extra);
    ground_resolve_friction(f->g, &f->env, f->j.props.v, zero, zero, NULL, extra);
    return f;
}

static void braking_friction_should_oppose_the_motion_with_the_static_coefficient(void **state)
{
    (void)state;
    double fz[3];
    fdm_forces extra;
    fixture *f = roll_c172x_forward(1.0, fz, &extra);
    /* mains braked: rolling 0.022 + 1 * (0.8 - 0.022); nose unbraked 0.022 */
    double expected_lbs = -(0.8 * (fz[1] + fz[2]) + 0.022 * fz[0]);
    assert_true(extra.force_body_n[0] < 0.0);
    assert_near(extra.force_body_n[0] / N_PER_LBF, expected_lbs, 1e-6 * fabs(expected_lbs));
    assert_near(extra.force_body_n[1], 0.0, 1e-9); /* no slip, no side force */
    /* the reported total includes the friction */
    assert_near(*prop(f, "forces/fbx-gear-lbs"), expected_lbs, 1e-6 * fabs(expected_lbs));
    unload(f);
}

static void unbraked_wheels_should_only_feel_rolling_friction(void **state)
{
    (void)state;
    double fz[3];
    fdm_forces extra;
    fixture *f = roll_c172x_forward(0.0, fz, &extra);
    double expected_lbs = -0.022 * (fz[0] + fz[1] + fz[2]);
    assert_near(extra.force_body_n[0] / N_PER_LBF, expected_lbs, 1e-5 * fabs(expected_lbs));
    unload(f);
}

static void a_side_slipping_tyre_should_feel_a_side_force_against_the_slip(void **state)
{
    (void)state;
    fixture *f = c172x_on_its_springs();
    f->env.vel_body_mps[0] = 10.0;
    f->env.vel_body_mps[1] = 1.0; /* drifting right */
    f->env.dt_s = 1.0 / 120.0;
    fdm_forces out, extra = {{0.0, 0.0, 0.0}, {0.0, 0.0, 0.0}};
    run(f, &out);
    /* JSBSim's slip angle is -atan2(v_side, |v_roll|) in the ground axes
     * (roll forward, side = up x roll pointing left, up): a drift to the
     * right is a positive slip */
    assert_near(*prop(f, "gear/unit[1]/slip-angle-deg"), atan2(1.0, 10.0) * DEG_PER_RAD, 1e-9);
    /* Pacejka: 0.8 sin(2.8 atan(Bx - E (Bx - atan Bx))), B 0.06, E 1.03 */
    double x = 0.06 * *prop(f, "gear/unit[1]/slip-angle-deg");
    double mu = 0.8 * sin(2.8 * atan(x - 1.03 * (x - atan(x))));
    assert_near(*prop(f, "gear/unit[1]/side_friction_coeff"), mu, 1e-12);
    const double zero[3] = {0.0, 0.0, 0.0};
    ground_resolve_friction(f->g, &f->env, f->j.props.v, zero, zero, NULL, &extra);
    assert_true(extra.force_body_n[1] < 0.0);
    unload(f);
}

/* The solver works out the terms that depend on a contact's arm alone
 * once for its rolling and side pair (ground_friction.c): the same
 * operations on the same operands as the general system, so the same
 * bits.  Creeping, turning and pitching, so that every term counts and
 * some values stay inside their bounds (where the system decides them). */
static void a_pair_of_multipliers_should_solve_as_the_general_system(void **state)
{
    (void)state;
    fixture *f = c172x_on_its_springs();
    f->env.vel_body_mps[0] = 0.01;
    f->env.vel_body_mps[1] = 0.002;
    f->env.omega_body_radps[1] = 0.0002;
    f->env.omega_body_radps[2] = 0.001;
    f->env.inertia_kgm2[0][2] = f->env.inertia_kgm2[2][0] = 60.0 * KGM2_PER_SLUGFT2;
    f->env.dt_s = 1.0 / 120.0;
    *prop(f, "fcs/left-brake-cmd-norm") = 1.0;
    *prop(f, "fcs/right-brake-cmd-norm") = 1.0;
    fdm_forces out;
    run(f, &out);
    ground *g = f->g;
    assert_int_equal(g->n_active, 6);
    assert_int_equal(g->n_single, 0);
    double start[6];
    for (int i = 0; i < 6; i++)
        start[i] = g->active[i]->value_n;
    const double uvwdot[3] = {0.04, -0.03, 0.02}, pqrdot[3] = {0.001, -0.002, 0.003};
    double f_pair[3], m_pair[3], f_all[3], m_all[3], lam_pair[6];
    ground_friction_solve(g, &f->env, uvwdot, pqrdot, NULL, f_pair, m_pair);
    for (int i = 0; i < 6; i++) {
        lam_pair[i] = g->active[i]->value_n;
        g->active[i]->value_n = start[i];
    }
    g->n_single = 1; /* as if one were alone: the general system */
    ground_friction_solve(g, &f->env, uvwdot, pqrdot, NULL, f_all, m_all);
    g->n_single = 0;
    int inside = 0;
    for (int i = 0; i < 6; i++)
        inside += lam_pair[i] > g->active[i]->min_n && lam_pair[i] < g->active[i]->max_n;
    assert_true(inside >= 2);
    assert_true(fabs(f_pair[0]) > 1.0 && fabs(f_pair[1]) > 1.0);
    assert_memory_equal(f_pair, f_all, sizeof f_pair);
    assert_memory_equal(m_pair, m_all, sizeof m_pair);
    for (int i = 0; i < 6; i++)
        assert_memory_equal(&lam_pair[i], &g->active[i]->value_n, sizeof lam_pair[i]);
    unload(f);
}

static void a_retracted_gear_should_give_no_force(void **state)
{
    (void)state;
    fixture *f = load_aircraft("f16");
    f->env.cg_struct_m[0] = -156.3 * M_PER_IN; /* near the f16's CG */
    f->env.mass_kg = 20000.0 * KG_PER_LBM;
    for (int i = 0; i < 3; i++)
        f->env.inertia_kgm2[i][i] = 50000.0;
    /* CG 5 ft above the ground: main wheels 71.6 in = 5.97 ft below it */
    f->env.alt_asl_m = 5.0 * M_PER_FT;
    fdm_forces out;

    *prop(f, "gear/gear-pos-norm") = 0.0;
    run(f, &out);
    assert_near(out.force_body_n[2], 0.0, 0.0);
    assert_near(*prop(f, "gear/unit[1]/WOW"), 0.0, 0.0);

    *prop(f, "gear/gear-pos-norm") = 1.0;
    run(f, &out);
    assert_true(out.force_body_n[2] < 0.0);
    assert_near(*prop(f, "gear/unit[1]/WOW"), 1.0, 0.0);
    assert_near(*prop(f, "gear/unit[1]/compression-ft"), 71.6 / 12.0 - 5.0, CURVATURE_FT);
    unload(f);
}

static void the_nose_wheel_should_steer_with_the_steering_command(void **state)
{
    (void)state;
    fixture *f = load_aircraft("f16");
    *prop(f, "fcs/steer-cmd-norm") = 0.5;
    ground_pre_fcs(f->g, f->j.props.v);
    assert_near(*prop(f, "fcs/steer-pos-deg"), 40.0, 1e-12); /* max_steer 80 deg */
    /* the FCS may override it; the contact then uses the FCS value */
    *prop(f, "fcs/steer-pos-deg") = 10.0;
    fdm_forces out;
    memset(&out, 0, sizeof out);
    f->env.alt_asl_m = 100.0;
    place(f);
    ground_run(f->g, &f->env, f->j.props.v, &out);
    assert_near(*prop(f, "fcs/steer-pos-deg"), 10.0 * (1.0 - 0.8) / 0.2, 1e-9);
    unload(f);
}

/* JSBSim 1.3, scripts/c1723.xml at t = 0 (reset00: level, at rest, brakes
 * on, h-agl 4.305 ft), logged properties. */
static const double c1723_h_agl_ft = 4.30500000065137023;
static const double c1723_cg_in[3] = {45.4895161290322605, 4.22741935483870979, 35.4270161290322605};
static const double c1723_compression_ft[3] = {0.313917552606888361, 0.185584161500949391,
                                               0.185584298528603364};
static const double c1723_fb_gear_lbs[3] = {-38.9019694346920275, -4.32195712021426334e-05,
                                            -2569.36127910253072};
static const double c1723_m_gear_lbsft[3] = {905.144388611759382, 171.737727313398892, 6.32880619496744057};
static const double c1723_mass_slug = 77.080755362808091;
/* ixx iyy izz, then JSBSim's ixy, ixz, iyz properties (-J12, J13, -J23) */
static const double c1723_inertia[6] = {2095.73487887604233, 1505.01187798094793, 3150.43930065933182,
                                        10.7816549209457158, 13.5548333406160211, -3.97990760763472551};
static const double c1723_uvwdot_fps2[3] = {-0.504584573988502871, -5.6070508483823302e-07,
                                            -1.20381460058603551};
static const double c1723_pqrdot_radps2[3] = {0.432501317080382475, 0.117208912213209809,
                                              -5.0045950223797514e-08};

static void inv3(const double m[3][3], double r[3][3])
{
    double det = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) -
                 m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) +
                 m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++) {
            int a = (j + 1) % 3, b = (j + 2) % 3, c = (i + 1) % 3, d = (i + 2) % 3;
            r[i][j] = (m[a][c] * m[b][d] - m[a][d] * m[b][c]) / det;
        }
}

static void c172x_at_rest_should_match_jsbsim_at_the_start_of_c1723(void **state)
{
    (void)state;
    fixture *f = load_aircraft("c172x");
    for (int k = 0; k < 3; k++)
        f->env.cg_struct_m[k] = c1723_cg_in[k] * M_PER_IN;
    f->env.alt_asl_m = c1723_h_agl_ft * M_PER_FT;
    f->env.mass_kg = c1723_mass_slug * KG_PER_SLUG;
    double j[3][3] = {{c1723_inertia[0], -c1723_inertia[3], c1723_inertia[4]},
                      {-c1723_inertia[3], c1723_inertia[1], -c1723_inertia[5]},
                      {c1723_inertia[4], -c1723_inertia[5], c1723_inertia[2]}};
    for (int r = 0; r < 3; r++)
        for (int c = 0; c < 3; c++)
            f->env.inertia_kgm2[r][c] = j[r][c] * KGM2_PER_SLUGFT2;
    *prop(f, "fcs/left-brake-cmd-norm") = 1.0;
    *prop(f, "fcs/right-brake-cmd-norm") = 1.0;
    *prop(f, "fcs/center-brake-cmd-norm") = 1.0;
    f->env.dt_s = 0.0; /* initialisation run */

    fdm_forces out;
    run(f, &out);
    /* JSBSim measures on the curved Earth: up to 5e-7 ft apart here */
    assert_near(*prop(f, "gear/unit/compression-ft"), c1723_compression_ft[0], 1e-6);
    assert_near(*prop(f, "gear/unit[1]/compression-ft"), c1723_compression_ft[1], 1e-6);
    assert_near(*prop(f, "gear/unit[2]/compression-ft"), c1723_compression_ft[2], 1e-6);
    assert_near(out.force_body_n[2] / N_PER_LBF, c1723_fb_gear_lbs[2], 0.01);

    /* JSBSim's friction is its total gear force less the normal forces;
     * the accelerations before friction follow from the logged ones */
    double ff[3], mf[3], jinv[3][3], uvwdot[3], pqrdot[3];
    inv3(j, jinv);
    for (int k = 0; k < 3; k++) {
        ff[k] = c1723_fb_gear_lbs[k] - out.force_body_n[k] / N_PER_LBF;
        mf[k] = c1723_m_gear_lbsft[k] - out.moment_body_nm[k] / (N_PER_LBF * M_PER_FT);
    }
    for (int k = 0; k < 3; k++) {
        uvwdot[k] = (c1723_uvwdot_fps2[k] - ff[k] / c1723_mass_slug) * M_PER_FT;
        pqrdot[k] = c1723_pqrdot_radps2[k] - (jinv[k][0] * mf[0] + jinv[k][1] * mf[1] + jinv[k][2] * mf[2]);
    }
    fdm_forces extra = {{0.0, 0.0, 0.0}, {0.0, 0.0, 0.0}};
    ground_resolve_friction(f->g, &f->env, f->j.props.v, uvwdot, pqrdot, NULL, &extra);
    for (int k = 0; k < 3; k++) {
        assert_near(extra.force_body_n[k] / N_PER_LBF, ff[k], 0.01);
        assert_near(extra.moment_body_nm[k] / (N_PER_LBF * M_PER_FT), mf[k], 0.05);
        assert_near(*prop(f, k == 0 ? "forces/fbx-gear-lbs" : k == 1 ? "forces/fby-gear-lbs" : "forces/fbz-gear-lbs"),
                    c1723_fb_gear_lbs[k], 0.02);
    }
    unload(f);
}

/* An aircraft with more friction multipliers on the ground than the
 * solver's stack holds (19 braked wheels, two each: 38 over 36) has its
 * friction solved in its arena workspace, with the same physics: rolling forward, every braked wheel's
 * friction saturates at its static coefficient times its load, so the
 * total is 0.8 times the total normal load.  Each wheel's load is its
 * spring times its compression. */
static void nineteen_braked_wheels_should_stop_as_one(void **state)
{
    (void)state;
    fixture *f = new_fixture();
    char text[8192];
    size_t len = (size_t)snprintf(text, sizeof text, "<fdm_config>\n<ground_reactions>\n");
    for (int i = 0; i < 19; i++)
        len += (size_t)snprintf(text + len, sizeof text - len,
                                "<contact type=\"BOGEY\" name=\"W%d\">\n"
                                "<location unit=\"IN\"><x>%d</x><y>%d</y><z>-20</z></location>\n"
                                "<static_friction>0.8</static_friction><dynamic_friction>0.5</dynamic_friction>\n"
                                "<rolling_friction>0.02</rolling_friction>\n"
                                "<spring_coeff unit=\"LBS/FT\">2000</spring_coeff>\n"
                                "<damping_coeff unit=\"LBS/FT/SEC\">100</damping_coeff>\n"
                                "<brake_group>LEFT</brake_group>\n</contact>\n",
                                i, 10 * (i % 5) - 20, 30 * (i / 5) - 30);
    snprintf(text + len, sizeof text - len, "</ground_reactions>\n</fdm_config>\n");
    load_ground(f, jsb_load_text(&f->j, text));
    f->env.mass_kg = 2000.0 * KG_PER_LBM;
    for (int i = 0; i < 3; i++)
        f->env.inertia_kgm2[i][i] = 1500.0 * KGM2_PER_SLUGFT2;
    f->env.alt_asl_m = (20.0 / 12.0 - 0.05) * M_PER_FT; /* each tyre 0.05 ft into the ground */
    f->env.vel_body_mps[0] = 2.0;
    f->env.dt_s = 1.0 / 120.0;
    *prop(f, "fcs/left-brake-cmd-norm") = 1.0;
    fdm_forces out;
    run(f, &out);
    double normal_lbs = 0.0;
    for (int i = 0; i < 19; i++) {
        char name[64];
        snprintf(name, sizeof name, "gear/unit[%d]/compression-ft", i);
        assert_true(*prop(f, name) > 0.0);
        normal_lbs += *prop(f, name) * 2000.0;
    }
    const double zero[3] = {0.0, 0.0, 0.0};
    fdm_forces extra;
    memset(&extra, 0, sizeof extra);
    ground_resolve_friction(f->g, &f->env, f->j.props.v, zero, zero, NULL, &extra);
    printf("19 braked wheels: normal load %.1f lbf, friction %.2f lbf\n", normal_lbs,
           extra.force_body_n[0] / N_PER_LBF);
    assert_near(extra.force_body_n[0] / N_PER_LBF, -0.8 * normal_lbs, 1e-6 * normal_lbs);
    assert_near(extra.force_body_n[1], 0.0, 1e-6);
    unload(f);
}

/* A steerable wheel turned by the FCS (which writes fcs/steer-pos-deg
 * every frame, telling nobody) ends a quiet run: the c172x high in the
 * air, its nose wheel turned 5 degrees after two quiet runs. */
static void a_wheel_steered_in_the_air_should_end_the_quiet_run(void **state)
{
    (void)state;
    fixture *f = load_aircraft("c172x");
    c172_mass(f);
    ground_settle_flags(f->g, f->j.props.flags);
    f->env.alt_asl_m = f->env.alt_agl_m = 1000.0 * M_PER_FT;
    f->env.dt_s = 1.0 / 120.0;
    fdm_forces out;
    for (int k = 0; k < 3; k++)
        run(f, &out);
    assert_int_equal(f->g->heights_skipped, 1);
    *prop(f, "fcs/steer-pos-deg") = 5.0;
    run(f, &out);
    assert_int_equal(f->g->heights_skipped, 0);
    assert_near(f->g->units[0].steer_rad * DEG_PER_RAD, 5.0, 1e-12);
    unload(f);
}

/* One skid 100 in under the CG, x_in ahead and y_in to the right of it,
 * on a fresh fixture (level, at rest, 120 Hz). */
static fixture *skid_fixture(double x_in, double y_in)
{
    fixture *f = new_fixture();
    char xml[1024];
    snprintf(xml, sizeof xml,
             "<fdm_config><ground_reactions><contact type=\"STRUCTURE\" name=\"SKID\">"
             "<location unit=\"IN\"><x>%g</x><y>%g</y><z>-100</z></location>"
             "<static_friction>0.8</static_friction><dynamic_friction>0.5</dynamic_friction>"
             "<spring_coeff unit=\"LBS/FT\">2000</spring_coeff>"
             "<damping_coeff unit=\"LBS/FT/SEC\">100</damping_coeff></contact>"
             "</ground_reactions></fdm_config>",
             x_in, y_in);
    load_ground(f, jsb_load_text(&f->j, xml));
    ground_settle_flags(f->g, f->j.props.flags);
    f->env.dt_s = 1.0 / 120.0;
    f->env.mass_kg = 1000.0;
    for (int i = 0; i < 3; i++)
        f->env.inertia_kgm2[i][i] = 1000.0;
    return f;
}

/* A run is skipped while every unit was settled high in the air by the
 * last full one and the CG is still far enough up for all of them (ground.c's
 * quiet run): one skid 100 in under the CG, level, flown over at heights
 * that put it 1.01 m and then 0.99 m over the ground (the margin is 1 m). */
static void the_run_should_be_skipped_only_while_every_unit_is_over_a_metre_up(void **state)
{
    (void)state;
    fixture *f = skid_fixture(0.0, 0.0);
    const double skid_m = 100.0 * M_PER_IN;
    const double over_m[3] = {10.0, 1.01, 0.99}; /* the skid's height, frame by frame */
    const int skipped[3] = {0, 1, 0};
    int agl = prop_find(&f->j.props, "contact/unit/AGL-ft");
    for (int k = 0; k < 3; k++) {
        f->env.alt_asl_m = f->env.alt_agl_m = skid_m + over_m[k];
        fdm_forces out;
        run(f, &out);
        assert_int_equal(f->g->heights_skipped, skipped[k]);
        double agl_ft = f->j.props.v[agl];
        if (skipped[k])
            assert_int_equal(ground_height_value(f->g, &f->env, agl, &agl_ft), 1);
        assert_near(agl_ft, over_m[k] / M_PER_FT, 1e-6);
    }
    unload(f);
}

/* The CG put where the skid is about over_m above the terrain. */
static void skid_at(fixture *f, double over_m, fdm_forces *out)
{
    f->env.alt_asl_m = f->env.alt_agl_m = 100.0 * M_PER_IN + over_m;
    run(f, out);
}

/* A unit a little above the runway (the F-16's ventral fins and intake
 * stand 0.4 and 0.8 m up) settles too: the next run writes only its
 * height, the same bits the whole run finds (the ellipsoid's height, not
 * the flat one: the skid is 5 m ahead and 2.5 m to the side, where they
 * differ by ~8e-6 ft), and a touch brings back the whole run.  Below
 * 0.1 m it does not settle.  A report written without telling the contacts shows
 * which way a run took: the short way leaves it. */
static void a_unit_a_little_above_the_ground_should_settle_with_its_exact_height(void **state)
{
    (void)state;
    fixture *f = skid_fixture(200.0, 100.0), *whole = skid_fixture(200.0, 100.0);
    fdm_forces out;
    skid_at(f, 0.5, &out);
    double *solid = prop(f, "contact/unit/solid");
    *solid = 7.0; /* unannounced */
    skid_at(f, 0.4, &out);
    assert_near(*solid, 7.0, 0.0);
    skid_at(whole, 0.4, &out); /* a first run: the whole way */
    assert_memory_equal(prop(f, "contact/unit/AGL-ft"), prop(whole, "contact/unit/AGL-ft"), sizeof(double));
    /* the ellipsoid's height: the surface falls ~8e-6 ft below the
     * tangent plane there */
    double above_flat_ft = *prop(f, "contact/unit/AGL-ft") - 0.4 / M_PER_FT;
    assert_true(above_flat_ft > 2e-6 && above_flat_ft < 2e-5);

    skid_at(f, -0.01, &out); /* touching: the whole run, the spring pushes */
    assert_near(*prop(f, "contact/unit/WOW"), 1.0, 0.0);
    assert_true(out.force_body_n[2] < -100.0);
    assert_near(*solid, 1.0, 0.0);

    skid_at(f, 0.05, &out); /* up again, but too low to settle */
    *solid = 7.0;
    skid_at(f, 0.06, &out);
    assert_near(*solid, 1.0, 0.0);
    unload(f);
    unload(whole);
}

/* The units' locations are read again only after an outside write (no
 * model writes them here): the c172x at rest, its nose wheel moved an
 * inch down from outside, compresses an inch more at the next run. */
static void a_contact_moved_from_outside_should_be_where_the_next_run_puts_it(void **state)
{
    (void)state;
    fixture *f = c172x_on_its_springs();
    ground_settle_flags(f->g, f->j.props.flags);
    assert_int_equal(f->g->locations_fixed, 1);
    fdm_forces out;
    run(f, &out);
    run(f, &out);
    double before_ft = *prop(f, "gear/unit/compression-ft");
    *prop(f, "gear/unit/z-position") -= 1.0;
    ground_outside_write(f->g); /* as fdm_set_property does for a watched property */
    run(f, &out);
    assert_near(*prop(f, "gear/unit/compression-ft") - before_ft, 1.0 / 12.0, 1e-9);
    unload(f);
}

static void a_contact_without_location_should_fail_with_file_and_line(void **state)
{
    (void)state;
    fixture *f = new_fixture();
    xmlNode *root = jsb_load_text(&f->j, "<fdm_config>\n<ground_reactions>\n<contact type=\"BOGEY\" name=\"X\">\n"
                                         "<spring_coeff unit=\"LBS/FT\">100</spring_coeff>\n</contact>\n"
                                         "</ground_reactions>\n</fdm_config>\n");
    assert_int_equal(ground_load(&f->j.c, jx_first(root, "ground_reactions"), &f->g), SAQR_EPARSE);
    jsb_assert_error(&f->j, ":3:");
    unload(f);
}

/* JSBSim's contacts rewrite their reports (WOW, compression, the surface
 * factors, slip, wheel speed, side coefficient) every frame, so a value
 * written from outside, or by an FCS component, lasts until the contacts
 * next run.  Saqr's contacts high in the air skip rewriting reports that
 * cannot have changed; these must still come back. */
static void reports_written_from_outside_should_be_rewritten_in_the_air(void **state)
{
    (void)state;
    fixture *f = load_aircraft("c172x");
    c172_mass(f);
    f->env.alt_asl_m = f->env.alt_agl_m = 1000.0 * M_PER_FT;
    f->env.dt_s = 1.0 / 120.0;
    fdm_forces out;
    run(f, &out);
    run(f, &out); /* settled: the second run in the air takes the short way */
    static const char *const reports[] = {"gear/unit/WOW",          "gear/unit[1]/compression-ft",
                                          "gear/unit[2]/slip-angle-deg", "gear/unit/wheel-speed-fps",
                                          "contact/unit[3]/solid",  "contact/unit[4]/static-friction-factor"};
    for (size_t k = 0; k < sizeof reports / sizeof reports[0]; k++) {
        double *p = prop(f, reports[k]), before = *p;
        *p = 7.0; /* a script's or the API's write */
        ground_outside_write(f->g);
        run(f, &out);
        assert_memory_equal(p, &before, sizeof before);
    }
    /* an FCS component producing a report (found at load): every run
     * rewrites it, with no outside write announced */
    assert_true(prop_intern(&f->j.props, "gear/unit[1]/compression-ft", PROP_PRODUCED, NULL) >= 0);
    ground_settle_flags(f->g, f->j.props.flags);
    run(f, &out);
    *prop(f, "gear/unit[1]/compression-ft") = 3.0; /* the FCS ran */
    run(f, &out);
    assert_near(*prop(f, "gear/unit[1]/compression-ft"), 0.0, 0.0);
    /* the height keeps following the aircraft on the short way */
    f->env.alt_asl_m = f->env.alt_agl_m = 900.0 * M_PER_FT;
    run(f, &out);
    double z_cg_in = f->env.cg_struct_m[2] / M_PER_IN;
    assert_near(*prop(f, "gear/unit/AGL-ft"), 900.0 - (z_cg_in + 20.0) / 12.0, 1e-9);
    unload(f);
}

/* A report something else produced before the contacts loaded (a
 * <system> ahead of <ground_reactions>) is found as well. */
static void a_report_produced_before_the_contacts_load_should_be_foreign(void **state)
{
    (void)state;
    fixture *f = new_fixture();
    int wow = prop_intern(&f->j.props, "gear/unit/WOW", PROP_PRODUCED, NULL);
    assert_true(wow >= 0);
    load_ground(f, jsb_load_aircraft(&f->j, "c172x"));
    assert_true(f->j.props.flags[wow] & PROP_FOREIGN);
    assert_false(f->j.props.flags[prop_find(&f->j.props, "gear/unit[1]/WOW")] & PROP_FOREIGN);
    unload(f);
}

/* The same through the API: saqr_fdm_set on a report of a flying c172x
 * lasts until the next step. */
static void a_report_set_through_the_api_should_last_one_frame(void **state)
{
    (void)state;
    saqr_fdm *fdm = fdm_c172_in_flight(); /* 4,000 ft, 100 kt */
    for (int k = 0; k < 10; k++)
        assert_int_equal(saqr_fdm_step(fdm), SAQR_OK);
    int wow = saqr_fdm_property(fdm, "gear/unit[2]/WOW");
    int bump = saqr_fdm_property(fdm, "contact/unit[5]/bumpiness");
    assert_true(wow >= 0 && bump >= 0);
    assert_int_equal(saqr_fdm_set(fdm, wow, 1.0), SAQR_OK);
    assert_int_equal(saqr_fdm_set(fdm, bump, 0.5), SAQR_OK);
    assert_near(saqr_fdm_get(fdm, wow), 1.0, 0.0);
    assert_int_equal(saqr_fdm_step(fdm), SAQR_OK);
    assert_near(saqr_fdm_get(fdm, wow), 0.0, 0.0);
    assert_near(saqr_fdm_get(fdm, bump), 0.0, 0.0);
    saqr_fdm_destroy(fdm);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(c172x_should_load_its_six_contacts_with_jsbsim_property_names),
        cmocka_unit_test(c172x_should_rest_on_its_springs_with_the_weight_of_the_file),
        cmocka_unit_test(a_unit_above_the_ground_should_give_no_force),
        cmocka_unit_test(braking_friction_should_oppose_the_motion_with_the_static_coefficient),
        cmocka_unit_test(unbraked_wheels_should_only_feel_rolling_friction),
        cmocka_unit_test(a_side_slipping_tyre_should_feel_a_side_force_against_the_slip),
        cmocka_unit_test(a_pair_of_multipliers_should_solve_as_the_general_system),
        cmocka_unit_test(a_retracted_gear_should_give_no_force),
        cmocka_unit_test(the_nose_wheel_should_steer_with_the_steering_command),
        cmocka_unit_test(c172x_at_rest_should_match_jsbsim_at_the_start_of_c1723),
        cmocka_unit_test(nineteen_braked_wheels_should_stop_as_one),
        cmocka_unit_test(reports_written_from_outside_should_be_rewritten_in_the_air),
        cmocka_unit_test(a_report_set_through_the_api_should_last_one_frame),
        cmocka_unit_test(a_report_produced_before_the_contacts_load_should_be_foreign),
        cmocka_unit_test(the_run_should_be_skipped_only_while_every_unit_is_over_a_metre_up),
        cmocka_unit_test(a_unit_a_little_above_the_ground_should_settle_with_its_exact_height),
        cmocka_unit_test(a_wheel_steered_in_the_air_should_end_the_quiet_run),
        cmocka_unit_test(a_contact_moved_from_outside_should_be_where_the_next_run_puts_it),
        cmocka_unit_test(a_contact_without_location_should_fail_with_file_and_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
