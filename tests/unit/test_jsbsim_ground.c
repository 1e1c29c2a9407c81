/*
 * test_jsbsim_ground.c - the behaviour JSBSim's own tests ask of its
 * ground reactions and gear steering:
 *  - TestGndReactions: a three-legged stand of our own (skids on springs
 *    and dampers, no wheels), trimmed on the ground at the North pole (no
 *    centrifugal or Coriolis force), carries its weight on its springs:
 *    the gear's force is the weight, each leg's compression is its share
 *    of it (a third with the mass in the middle of the legs), friction is
 *    negligible and, at rest, the dampers give nothing; with a heavy point
 *    mass ahead of the middle it pitches until the legs' spring forces
 *    balance the weight and have no moment about the CG (JSBSim 1.3's
 *    program, flying this stand, gives the pitch and the 1.3e-6 the
 *    vertical force is short of the weight);
 *  - TestLGearSteer: on the reference c172x (its nose wheel steers up to
 *    10 degrees, as the c172r's of JSBSim's test), in a copy of the
 *    reference root whose autopilot no longer writes the steering command
 *    (the c172r and L410 have no such autopilot), fcs/steer-pos-deg may
 *    be written directly and fcs/steer-cmd-norm sets it to command times
 *    max_steer (test_direct_steer); an FCS of our own may write the angle
 *    itself, scheduled on a switch (test_steer_with_fcs); and the nose
 *    wheel's type follows <max_steer> and <castered> (test_steer_type):
 *    fixed (0, no steering properties), castering (360, or <castered> 1
 *    whatever max_steer: a steering-angle-deg the command does not move
 *    until gear/unit/castered is cleared) or steered (command times
 *    max_steer).
 * The expected values are those of JSBSim's assertions (assertAlmostEqual's
 * seven places, or its 1e-6 deltas) and, for our own stand and FCS, the
 * same physics and tables worked out for our own numbers.
 */
#include "fdm_util.h"
#include "temp_root.h"

#include <math.h>

/* ---- TestGndReactions ------------------------------------------------- */

/* A stand of our own: 2,400 lbs, its CG at the origin, three stiff skids
 * whose centroid is under the CG, a point mass (empty until a test fills
 * it) 0.4 ft ahead of the CG. */
#define STAND_K_LBS_FT 8000.0
#define STAND_LEGS 3
#define STAND_MU 0.15
static const double stand_leg_ft[STAND_LEGS][3] = {{1.5, 0.0, -0.3}, {-0.75, 1.2, -0.3}, {-0.75, -1.2, -0.3}};
#define STAND_BALLAST_X_FT 0.4
/* the gravity at the poles (WGS-84's 9.8321849 m/s^2, the centrifugal
 * part nil there) over the standard g0; JSBSim's J2 gravitation, without
 * the higher harmonics, is 1.2e-5 short of it */
#define POLE_G_PER_G0 (9.8321849 / 9.80665)

static const char *const stand_xml =
    "<?xml version=\"1.0\"?>\n"
    "<fdm_config name=\"stand\" version=\"2.0\">\n"
    "  <metrics>\n"
    "    <wingarea unit=\"FT2\">1</wingarea> <wingspan unit=\"FT\">1</wingspan> <chord unit=\"FT\">1</chord>\n"
    "    <location name=\"AERORP\" unit=\"IN\"><x>0</x><y>0</y><z>0</z></location>\n"
    "  </metrics>\n"
    "  <mass_balance>\n"
    "    <ixx unit=\"SLUG*FT2\">2</ixx> <iyy unit=\"SLUG*FT2\">2</iyy> <izz unit=\"SLUG*FT2\">2</izz>\n"
    "    <emptywt unit=\"LBS\">2400</emptywt>\n"
    "    <location name=\"CG\" unit=\"IN\"><x>0</x><y>0</y><z>0</z></location>\n"
    "    <pointmass name=\"BALLAST\"><weight unit=\"LBS\">0</weight>\n"
    "      <location unit=\"FT\"><x>0.4</x><y>0</y><z>0</z></location></pointmass>\n"
    "  </mass_balance>\n"
    "  <ground_reactions>\n"
    "    <contact type=\"STRUCTURE\" name=\"FRONT\">\n"
    "      <location unit=\"FT\"><x>1.5</x><y>0</y><z>-0.3</z></location>\n"
    "      <spring_coeff unit=\"LBS/FT\">8000</spring_coeff> <damping_coeff unit=\"LBS/FT/SEC\">500</damping_coeff>\n"
    "      <static_friction>0.15</static_friction> <dynamic_friction>0.15</dynamic_friction>\n"
    "    </contact>\n"
    "    <contact type=\"STRUCTURE\" name=\"REAR_LEFT\">\n"
    "      <location unit=\"FT\"><x>-0.75</x><y>1.2</y><z>-0.3</z></location>\n"
    "      <spring_coeff unit=\"LBS/FT\">8000</spring_coeff> <damping_coeff unit=\"LBS/FT/SEC\">500</damping_coeff>\n"
    "      <static_friction>0.15</static_friction> <dynamic_friction>0.15</dynamic_friction>\n"
    "    </contact>\n"
    "    <contact type=\"STRUCTURE\" name=\"REAR_RIGHT\">\n"
    "      <location unit=\"FT\"><x>-0.75</x><y>-1.2</y><z>-0.3</z></location>\n"
    "      <spring_coeff unit=\"LBS/FT\">8000</spring_coeff> <damping_coeff unit=\"LBS/FT/SEC\">500</damping_coeff>\n"
    "      <static_friction>0.15</static_friction> <dynamic_friction>0.15</dynamic_friction>\n"
    "    </contact>\n"
    "  </ground_reactions>\n"
    "  <aerodynamics/>\n"
    "</fdm_config>\n";

static char stand_root[64]; /* a JSBSim root holding aircraft/stand only */

static int stand_setup(void **state)
{
    (void)state;
    if (temp_root_for_aircraft(stand_root, sizeof stand_root, "saqr_stand", "stand") != 0)
        return -1;
    temp_root_write(stand_root, "aircraft/stand/stand.xml", stand_xml);
    return 0;
}

static int stand_teardown(void **state)
{
    (void)state;
    return temp_root_remove(stand_root);
}

/* The stand 0.1 ft up at the North pole, `ballast_lbs` in its point mass,
 * placed and trimmed on the ground (JSBSim's do_trim(2)). */
static saqr_fdm *stand_trimmed(double ballast_lbs)
{
    saqr_fdm *f = fdm_aircraft_in(stand_root, "stand");
    fdm_set(f, "ic/h-sl-ft", 0.1);
    fdm_set(f, "ic/lat-gc-deg", 90.0);
    fdm_set(f, "inertia/pointmass-weight-lbs", ballast_lbs);
    assert_int_equal(saqr_fdm_init(f), SAQR_OK);
    if (saqr_fdm_trim(f, SAQR_TRIM_GROUND) != SAQR_OK)
        fail_msg("ground trim: %s", saqr_fdm_error(f));
    return f;
}

static double leg_compression_ft(saqr_fdm *f, int i)
{
    char name[64];
    snprintf(name, sizeof name, "contact/unit[%d]/compression-ft", i);
    return fdm_get(f, name);
}

/* JSBSim's test_centered_mass. */
static void a_centred_mass_should_rest_evenly_on_its_springs(void **state)
{
    (void)state;
    saqr_fdm *f = stand_trimmed(0.0);
    const double weight = fdm_get(f, "forces/fbz-weight-lbs");
    assert_near(weight / 2400.0, POLE_G_PER_G0, 3e-5);
    assert_near(fdm_get(f, "forces/fbz-gear-lbs") / weight, -1.0, 1e-6);
    for (int i = 0; i < STAND_LEGS; i++) {
        assert_near(STAND_LEGS * STAND_K_LBS_FT * leg_compression_ft(f, i) / weight, 1.0, 1e-6);
        /* the spring alone: not moving, no damping force */
        char name[64];
        snprintf(name, sizeof name, "contact/unit[%d]/compression-velocity-fps", i);
        assert_near(fdm_get(f, name), 0.0, 1e-6);
    }
    /* friction (at most 0.15 times each leg's load) is negligible overall */
    assert_near(fdm_get(f, "forces/fbx-gear-lbs") / weight, 0.0, 1e-6);
    assert_near(fdm_get(f, "forces/fby-gear-lbs") / weight, 0.0, 1e-7);
    assert_near(fdm_get(f, "moments/m-gear-lbsft") / weight, 0.0, 1e-6);
    saqr_fdm_destroy(f);
}

/* JSBSim's test_eccentric_mass: 800 lbs 0.4 ft ahead of the CG of the
 * empty stand.  In the local frame (the stand pitched by theta) each
 * leg's normal force is its spring's k h (h its compression), their sum
 * is the weight and their moment about the CG is nil; the legs' horizontal
 * forces are negligible. */
static void an_eccentric_mass_should_pitch_until_the_springs_balance_it(void **state)
{
    (void)state;
    saqr_fdm *f = stand_trimmed(800.0);
    assert_int_equal(saqr_fdm_step(f), SAQR_OK); /* JSBSim's run() after the trim */
    const double theta = fdm_get(f, "attitude/theta-rad"), ct = cos(theta), st = sin(theta);
    /* body (x forward, z down) to local: a pitch by theta */
    const double wx = fdm_get(f, "forces/fbx-weight-lbs"), wz = fdm_get(f, "forces/fbz-weight-lbs");
    const double weight = -st * wx + ct * wz;
    const double gx = fdm_get(f, "forces/fbx-gear-lbs"), gy = fdm_get(f, "forces/fby-gear-lbs");
    const double gz = fdm_get(f, "forces/fbz-gear-lbs");
    assert_near(weight / 3200.0, POLE_G_PER_G0, 3e-5);
    /* it leans forward onto its front leg: JSBSim 1.3 trims this stand
     * (at 89.999 deg: its program traps a floating-point exception at
     * the pole) to 0.0123221357 rad, and its gear's vertical force is then
     * -0.9999987 of the weight (JSBSim's tripod holds 1e-6; this stand,
     * stiffer for its weight, 1.3e-6 off, so 2e-6 here) */
    assert_near(theta, 0.0123221357, 1e-8);
    assert_near((-st * gx + ct * gz) / weight, -1.0, 2e-6);
    assert_near((ct * gx + st * gz) / weight, 0.0, 1e-6);
    assert_near(gy / weight, 0.0, 1e-6);
    /* the CG, from the file's structural frame (x aft, in) */
    const double cg_x_ft = fdm_get(f, "inertia/cg-x-in") / 12.0;
    assert_near(cg_x_ft, STAND_BALLAST_X_FT * 800.0 / 3200.0, 1e-9);
    double fn_total = 0.0, my_total = 0.0, my_front = 0.0;
    for (int i = 0; i < STAND_LEGS; i++) {
        const double fn = STAND_K_LBS_FT * leg_compression_ft(f, i);
        assert_true(fn > 0.0);
        /* the leg's place relative to the CG in body axes (x forward,
         * z down: the structural frame's x and z reversed), then its
         * horizontal distance ahead of the CG in the local frame (the
         * compression moves the contact point vertically: no change) */
        const double xb = -(stand_leg_ft[i][0] - cg_x_ft), zb = -stand_leg_ft[i][2];
        const double d = ct * xb + st * zb;
        fn_total += fn;
        my_total += fn * d;
        if (i == 0)
            my_front = fn * d;
    }
    assert_near(fn_total / weight, 1.0, 2e-6);
    assert_near(my_total / my_front, 0.0, 1e-6);
    assert_near(fdm_get(f, "moments/m-gear-lbsft") / (weight * 1.5), 0.0, 1e-6);
    saqr_fdm_destroy(f);
}

/* ---- TestLGearSteer ---------------------------------------------------- */

/* A fresh copy of the reference root whose c172x has no autopilot
 * steering: the reference autopilot writes fcs/steer-cmd-norm every frame
 * (0 with the roll channel off), JSBSim's c172r and L410 have nothing
 * that does. */
static void c172x_root(char *root, size_t n)
{
    assert_int_equal(temp_root_make(root, n, "saqr_steer"), 0);
    temp_root_replace(root, "systems/Autopilot.xml", "<output>fcs/steer-cmd-norm</output>", "");
}

/* The c172x of such a root at reset00, initialised. */
static saqr_fdm *c172x_in(const char *root)
{
    saqr_fdm *f = fdm_aircraft_in(root, "c172x");
    if (saqr_fdm_load_initfile(f, "reset00") != SAQR_OK || saqr_fdm_init(f) != SAQR_OK)
        fail_msg("c172x at reset00: %s", saqr_fdm_error(f));
    return f;
}

static void done(saqr_fdm *f, const char *root)
{
    saqr_fdm_destroy(f);
    assert_int_equal(temp_root_remove(root), 0);
}

/* JSBSim's test_direct_steer (its c172r's nose wheel steers 10 degrees, as
 * the c172x's). */
static void the_steering_angle_should_follow_a_direct_write_and_the_command(void **state)
{
    (void)state;
    char root[64];
    c172x_root(root, sizeof root);
    saqr_fdm *f = c172x_in(root);
    assert_near(fdm_get(f, "fcs/steer-cmd-norm"), 0.0, 0.0);
    assert_near(fdm_get(f, "fcs/steer-pos-deg"), 0.0, 0.0);
    fdm_set(f, "fcs/steer-pos-deg", 5.0);
    assert_near(fdm_get(f, "fcs/steer-pos-deg"), 5.0, 1e-7);
    assert_int_equal(saqr_fdm_step(f), SAQR_OK);
    assert_near(fdm_get(f, "fcs/steer-cmd-norm"), 0.0, 1e-7);
    fdm_set(f, "fcs/steer-cmd-norm", 1.0);
    assert_near(fdm_get(f, "fcs/steer-cmd-norm"), 1.0, 1e-7);
    assert_int_equal(saqr_fdm_step(f), SAQR_OK);
    assert_near(fdm_get(f, "fcs/steer-cmd-norm"), 1.0, 1e-7);
    assert_near(fdm_get(f, "fcs/steer-pos-deg"), 10.0, 1e-7);
    done(f, root);
}

/* JSBSim's test_steer_with_fcs (its L410's FCS; ours: a scheduled gain of
 * the command, 6 degrees a unit with the switch at 0, none at 1, 30 at 2)
 * writes the nose wheel's angle fcs/steer-pos-deg[0] every frame. */
static void an_fcs_should_steer_the_wheel_through_steer_pos_deg(void **state)
{
    (void)state;
    char root[64];
    c172x_root(root, sizeof root);
    temp_root_insert(root, "aircraft/c172x/c172x.xml", "    </flight_control>",
                     "        <property>/controls/switches/steering-mode</property>\n"
                     "        <channel name=\"Steering\">\n"
                     "            <scheduled_gain name=\"fcs/steering-schedule\">\n"
                     "                <input>fcs/steer-cmd-norm</input>\n"
                     "                <table>\n"
                     "                    <independentVar>/controls/switches/steering-mode</independentVar>\n"
                     "                    <tableData>\n"
                     "                        0 6\n"
                     "                        1 0\n"
                     "                        2 30\n"
                     "                    </tableData>\n"
                     "                </table>\n"
                     "                <output>fcs/steer-pos-deg[0]</output>\n"
                     "            </scheduled_gain>\n"
                     "        </channel>\n");
    saqr_fdm *f = c172x_in(root);
    assert_near(fdm_get(f, "fcs/steer-cmd-norm"), 0.0, 1e-7);
    assert_near(fdm_get(f, "fcs/steer-pos-deg"), 0.0, 1e-7);
    static const struct {
        double cmd, mode, deg;
    } rows[] = {{1.0, 0.0, 6.0}, {1.0, 1.0, 0.0}, {1.0, 2.0, 30.0}, {-0.5, 2.0, -15.0}};
    for (size_t k = 0; k < sizeof rows / sizeof rows[0]; k++) {
        fdm_set(f, "fcs/steer-cmd-norm", rows[k].cmd);
        fdm_set(f, "/controls/switches/steering-mode", rows[k].mode);
        assert_near(fdm_get(f, "fcs/steer-cmd-norm"), rows[k].cmd, 1e-7);
        assert_int_equal(saqr_fdm_step(f), SAQR_OK);
        assert_near(fdm_get(f, "fcs/steer-cmd-norm"), rows[k].cmd, 1e-7);
        assert_near(fdm_get(f, "fcs/steer-pos-deg"), rows[k].deg, 1e-7);
    }
    done(f, root);
}

/* The c172x of a fresh copy of the reference root, its nose wheel given
 * `steer_tags` instead of the file's <max_steer>, at reset00. */
static saqr_fdm *c172x_nose_wheel(const char *steer_tags, char *root, size_t n)
{
    c172x_root(root, n);
    temp_root_replace(root, "aircraft/c172x/c172x.xml", "<max_steer unit=\"DEG\">10</max_steer>", steer_tags);
    return c172x_in(root);
}

/* JSBSim's steerType: which of the steering properties exist. */
static void assert_steering_names(saqr_fdm *f, int steer_pos, int steering_angle, int castered)
{
    assert_int_equal(saqr_fdm_property(f, "fcs/steer-pos-deg") >= 0, steer_pos);
    assert_int_equal(saqr_fdm_property(f, "gear/unit/steering-angle-deg") >= 0, steering_angle);
    assert_int_equal(saqr_fdm_property(f, "gear/unit/castered") >= 0, castered);
}

/* JSBSim's isCastered: the command does not turn a castering wheel, nor a
 * write of fcs/steer-pos-deg; cleared, gear/unit/castered makes it a
 * steered wheel of max_steer. */
static void check_castered(const char *steer_tags, double max_steer_deg)
{
    char root[64];
    saqr_fdm *f = c172x_nose_wheel(steer_tags, root, sizeof root);
    assert_steering_names(f, 1, 1, 1);
    assert_true(fdm_get(f, "gear/unit/castered") != 0.0);
    fdm_set(f, "fcs/steer-cmd-norm", 0.5);
    assert_int_equal(saqr_fdm_step(f), SAQR_OK);
    assert_true(fdm_get(f, "gear/unit/steering-angle-deg") == 0.0);
    fdm_set(f, "fcs/steer-pos-deg", 20.0);
    assert_true(fdm_get(f, "gear/unit/steering-angle-deg") == 0.0);
    fdm_set(f, "gear/unit/castered", 0.0);
    fdm_set(f, "fcs/steer-cmd-norm", 1.0);
    assert_int_equal(saqr_fdm_step(f), SAQR_OK);
    assert_true(fdm_get(f, "gear/unit/steering-angle-deg") == max_steer_deg);
    done(f, root);
}

/* JSBSim's isSteered: half the command, half max_steer. */
static void check_steered(const char *steer_tags, double max_steer_deg)
{
    char root[64];
    saqr_fdm *f = c172x_nose_wheel(steer_tags, root, sizeof root);
    assert_steering_names(f, 1, 0, 0);
    fdm_set(f, "fcs/steer-cmd-norm", 0.5);
    assert_int_equal(saqr_fdm_step(f), SAQR_OK);
    assert_true(fdm_get(f, "fcs/steer-pos-deg") == 0.5 * max_steer_deg);
    done(f, root);
}

static void check_fixed(const char *steer_tags)
{
    char root[64];
    saqr_fdm *f = c172x_nose_wheel(steer_tags, root, sizeof root);
    assert_steering_names(f, 0, 0, 0); /* the mains are fixed too */
    done(f, root);
}

/* JSBSim's test_steer_type. */
static void the_nose_wheel_type_should_follow_max_steer_and_castered(void **state)
{
    (void)state;
    check_fixed("<max_steer unit=\"DEG\">0</max_steer>");
    check_castered("<max_steer unit=\"DEG\">360</max_steer>", 360.0);
    check_steered("<max_steer unit=\"DEG\">10</max_steer>", 10.0);
    /* <castered> 1 castors whatever max_steer */
    check_castered("<max_steer unit=\"DEG\">10</max_steer><castered>1</castered>", 10.0);
    check_castered("<max_steer unit=\"DEG\">0</max_steer><castered>1</castered>", 0.0);
    check_castered("<max_steer unit=\"DEG\">360</max_steer><castered>1</castered>", 360.0);
    /* <castered> 0: max_steer decides, 360 steered */
    check_fixed("<max_steer unit=\"DEG\">0</max_steer><castered>0</castered>");
    check_steered("<max_steer unit=\"DEG\">10</max_steer><castered>0</castered>", 10.0);
    check_steered("<max_steer unit=\"DEG\">360</max_steer><castered>0</castered>", 360.0);
}

int main(void)
{
    const struct CMUnitTest stand[] = {
        cmocka_unit_test(a_centred_mass_should_rest_evenly_on_its_springs),
        cmocka_unit_test(an_eccentric_mass_should_pitch_until_the_springs_balance_it),
    };
    const struct CMUnitTest steering[] = {
        cmocka_unit_test(the_steering_angle_should_follow_a_direct_write_and_the_command),
        cmocka_unit_test(an_fcs_should_steer_the_wheel_through_steer_pos_deg),
        cmocka_unit_test(the_nose_wheel_type_should_follow_max_steer_and_castered),
    };
    return cmocka_run_group_tests(stand, stand_setup, stand_teardown) |
           cmocka_run_group_tests(steering, NULL, NULL);
}
