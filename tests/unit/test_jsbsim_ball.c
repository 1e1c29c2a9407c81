/*
 * test_jsbsim_ball.c - behaviour JSBSim's own tests check on its "ball"
 * (a mass with inertia, no aerodynamics), here on a ball of our own
 * written into a temporary root:
 *  - TestPQRdot: spun up about a principal axis at p0 = 15 deg/s with no
 *    inertial rate otherwise, in orbit, the ball keeps its inertial spin
 *    (pi = p0, qi = ri = 0, pdot = 0) while the rates relative to the
 *    Earth show the Earth's rotation turning in body axes: q = w cos(p0 t),
 *    r = -w sin(p0 t), qdot = -w p0 sin(p0 t), rdot = -w p0 cos(p0 t)
 *    (w the Earth's rate; JSBSim's tolerances, 1e-8 and 2e-8);
 *  - TestExternalReactions (test_wind_frame, test_moment): a parachute
 *    force of magnitude qbar x reefing x area acting against the airflow
 *    (WIND frame, direction -x) is Tw2b (-1, 0, 0) x magnitude in body
 *    axes, its moment the lever arm from the CG crossed with it, and a
 *    WIND-frame <moment> of -3.5 lbf ft adds Tw2b times its (unit)
 *    direction; seven places, as JSBSim's assertAlmostEqual;
 *  - TestInitialConditions (testNorthPoleInitialization,
 *    testIndependenceOfInitialLocation): a ball initialised over the North
 *    Pole flies (a finite state, latitude 90 deg), and the initial body
 *    rates of a polar orbit are the same whether it starts near the pole
 *    heading east or over the equator heading north;
 *  - TestInitialConditions (test_initial_latitude): at latitudes 0, 30, 60
 *    and 90 deg, geocentric or geodetic, with or without a terrain
 *    elevation, its altitude above sea level or above the ground, in a
 *    version 1.0 or 2.0 file, the ic/ properties and the position after
 *    the initialisation are what the file says (1e-7 deg and ft).
 */
#include "fdm_util.h"
#include "temp_root.h"

#include <math.h>
#include <sys/stat.h>

#define PI 3.14159265358979323846
#define EARTH_RATE_RADPS 7.292115e-5 /* JSBSim's (and WGS84's) */

/* Our ball: principal axes along the body axes, a parachute 1 ft behind
 * the CG whose area (200 ft2 x Cd 1.2) the reefing scales, no engines, no
 * aerodynamics. */
static const char ball_xml[] =
    "<?xml version=\"1.0\"?>\n"
    "<fdm_config name=\"sphere\" version=\"2.0\" release=\"ALPHA\">\n"
    " <metrics>\n"
    "  <wingarea unit=\"FT2\"> 2 </wingarea> <wingspan unit=\"FT\"> 1.5 </wingspan>\n"
    "  <chord unit=\"FT\"> 1.5 </chord>\n"
    "  <location name=\"AERORP\" unit=\"IN\"> <x>0</x> <y>0</y> <z>0</z> </location>\n"
    "  <location name=\"VRP\" unit=\"IN\"> <x>0</x> <y>0</y> <z>0</z> </location>\n"
    " </metrics>\n"
    " <mass_balance>\n"
    "  <ixx unit=\"SLUG*FT2\"> 40 </ixx> <iyy unit=\"SLUG*FT2\"> 25 </iyy> <izz unit=\"SLUG*FT2\"> 30 </izz>\n"
    "  <emptywt unit=\"LBS\"> 5000 </emptywt>\n"
    "  <location name=\"CG\" unit=\"IN\"> <x>0</x> <y>0</y> <z>0</z> </location>\n"
    " </mass_balance>\n"
    " <external_reactions>\n"
    "  <property>fcs/chute-reef-norm</property>\n"
    "  <force name=\"chute\" frame=\"WIND\">\n"
    "   <function> <product> <property>aero/qbar-psf</property> <property>fcs/chute-reef-norm</property>\n"
    "    <value>1.2</value> <value>200.0</value> </product> </function>\n"
    "   <location unit=\"FT\"> <x>1</x> <y>0</y> <z>0</z> </location>\n"
    "   <direction> <x>-1</x> <y>0</y> <z>0</z> </direction>\n"
    "  </force>\n"
    "%s"
    " </external_reactions>\n"
    " <propulsion/>\n"
    " <aerodynamics/>\n"
    "</fdm_config>\n";

#define CHUTE_AREA_FT2 (1.2 * 200.0)

/* A root of its own holding the ball (with `extra` inside its
 * <external_reactions>) and the initialisation file "init" of `init_xml`. */
static void make_ball_root(char *root, size_t n, const char *extra, const char *init_xml)
{
    snprintf(root, n, "/tmp/saqr_test_ball_XXXXXX");
    assert_non_null(mkdtemp(root));
    char dir[512], text[8192];
    snprintf(dir, sizeof dir, "%s/aircraft", root);
    assert_int_equal(mkdir(dir, 0700), 0);
    snprintf(dir, sizeof dir, "%s/aircraft/sphere", root);
    assert_int_equal(mkdir(dir, 0700), 0);
    snprintf(text, sizeof text, ball_xml, extra);
    temp_root_write(root, "aircraft/sphere/sphere.xml", text);
    temp_root_write(root, "aircraft/sphere/init.xml", init_xml);
}

static saqr_fdm *load_ball(const char *root)
{
    saqr_fdm *f = saqr_fdm_create(NULL);
    assert_non_null(f);
    if (saqr_fdm_load_aircraft(f, root, "sphere") != SAQR_OK || saqr_fdm_load_initfile(f, "init") != SAQR_OK)
        fail_msg("%s", saqr_fdm_error(f));
    return f;
}

/* In orbit heading east over the equator, no rotation in inertial space
 * (version 2.0: the attitude rate given in the ECI frame). */
static const char orbit_init[] = "<?xml version=\"1.0\"?>\n"
                                 "<initialize name=\"orbit\" version=\"2.0\">\n"
                                 " <position frame=\"ECEF\"> <altitudeMSL unit=\"FT\"> 700000 </altitudeMSL> "
                                 "</position>\n"
                                 " <orientation unit=\"DEG\" frame=\"LOCAL\"> <yaw> 90 </yaw> </orientation>\n"
                                 " <velocity unit=\"FT/SEC\" frame=\"BODY\"> <x> 24000 </x> </velocity>\n"
                                 " <attitude_rate unit=\"DEG/SEC\" frame=\"ECI\"> <x>0</x> <y>0</y> <z>0</z> "
                                 "</attitude_rate>\n"
                                 "</initialize>\n";

static void a_spinning_ball_keeps_its_spin_and_sees_the_earth_turn(void **state)
{
    (void)state;
    char root[256];
    make_ball_root(root, sizeof root, "", orbit_init);
    saqr_fdm *f = load_ball(root);
    const double w = EARTH_RATE_RADPS, p0 = 15.0 * PI / 180.0, period = 2.0 * PI / p0;
    fdm_set(f, "ic/p-rad_sec", p0);
    assert_int_equal(saqr_fdm_init(f), SAQR_OK);
    assert_int_equal(saqr_fdm_set_dt(f, 0.005), SAQR_OK);
    /* two turns (JSBSim's test flies ten) */
    while (saqr_fdm_time(f) < 2.0 * period) {
        assert_int_equal(saqr_fdm_step(f), SAQR_OK);
        const double t = saqr_fdm_time(f);
        assert_near(fdm_get(f, "velocities/p-rad_sec"), p0, 1e-8);
        assert_near(fdm_get(f, "velocities/q-rad_sec"), w * cos(p0 * t), 2e-8);
        assert_near(fdm_get(f, "velocities/r-rad_sec"), -w * sin(p0 * t), 2e-8);
        assert_near(fdm_get(f, "accelerations/pdot-rad_sec2"), 0.0, 1e-8);
        assert_near(fdm_get(f, "accelerations/qdot-rad_sec2"), -w * p0 * sin(p0 * t), 1e-8);
        assert_near(fdm_get(f, "accelerations/rdot-rad_sec2"), -w * p0 * cos(p0 * t), 1e-8);
        assert_near(fdm_get(f, "velocities/pi-rad_sec"), p0, 1e-8);
        assert_near(fdm_get(f, "velocities/qi-rad_sec"), 0.0, 1e-8);
        assert_near(fdm_get(f, "velocities/ri-rad_sec"), 0.0, 1e-8);
    }
    saqr_fdm_destroy(f);
    assert_int_equal(temp_root_remove(root), 0);
}

/* Falling through the air at an angle of attack and of sideslip. */
static const char falling_init[] = "<?xml version=\"1.0\"?>\n"
                                   "<initialize name=\"falling\">\n"
                                   " <ubody unit=\"FT/SEC\"> 400 </ubody> <vbody unit=\"FT/SEC\"> 60 </vbody>\n"
                                   " <wbody unit=\"FT/SEC\"> 90 </wbody>\n"
                                   " <latitude unit=\"DEG\"> 30 </latitude> <longitude unit=\"DEG\"> 20 </longitude>\n"
                                   " <phi unit=\"DEG\"> 10 </phi> <theta unit=\"DEG\"> -20 </theta>\n"
                                   " <psi unit=\"DEG\"> 70 </psi>\n"
                                   " <altitude unit=\"FT\"> 8000 </altitude>\n"
                                   "</initialize>\n";

/* Body axes from wind axes (JSBSim's Tw2b) times v. */
static void wind_to_body(saqr_fdm *f, const double v[3], double b[3])
{
    const double a = fdm_get(f, "aero/alpha-rad"), be = fdm_get(f, "aero/beta-rad");
    const double ca = cos(a), sa = sin(a), cb = cos(be), sb = sin(be);
    b[0] = ca * cb * v[0] - ca * sb * v[1] - sa * v[2];
    b[1] = sb * v[0] + cb * v[1];
    b[2] = sa * cb * v[0] - sa * sb * v[1] + ca * v[2];
}

/* Flies 3 s with the chute opening, each frame checking the external
 * force and moment against JSBSim's formulas, plus `moment` (lbf ft,
 * wind axes) when not NULL. */
static void check_chute(saqr_fdm *f, const double *moment_wind)
{
    assert_near(fdm_get(f, "external_reactions/chute/location-x-in"), 12.0, 5e-8);
    assert_near(fdm_get(f, "external_reactions/chute/location-y-in"), 0.0, 5e-8);
    assert_near(fdm_get(f, "external_reactions/chute/location-z-in"), 0.0, 5e-8);
    assert_near(fdm_get(f, "external_reactions/chute/x"), -1.0, 5e-8);
    assert_near(fdm_get(f, "external_reactions/chute/y"), 0.0, 5e-8);
    assert_near(fdm_get(f, "external_reactions/chute/z"), 0.0, 5e-8);
    int frames = 0;
    while (saqr_fdm_time(f) < 3.0) {
        fdm_set(f, "fcs/chute-reef-norm", fmin(1.0, saqr_fdm_time(f) / 2.0));
        assert_int_equal(saqr_fdm_step(f), SAQR_OK);
        const double mag = fdm_get(f, "aero/qbar-psf") * fdm_get(f, "fcs/chute-reef-norm") * CHUTE_AREA_FT2;
        const double dir[3] = {-mag, 0.0, 0.0};
        double F[3];
        wind_to_body(f, dir, F);
        /* the lever arm from the CG (structural x and z point aft and up) */
        const double r[3] = {-(fdm_get(f, "external_reactions/chute/location-x-in") - fdm_get(f, "inertia/cg-x-in")) / 12.0,
                             (fdm_get(f, "external_reactions/chute/location-y-in") - fdm_get(f, "inertia/cg-y-in")) / 12.0,
                             -(fdm_get(f, "external_reactions/chute/location-z-in") - fdm_get(f, "inertia/cg-z-in")) / 12.0};
        double M[3] = {r[1] * F[2] - r[2] * F[1], r[2] * F[0] - r[0] * F[2], r[0] * F[1] - r[1] * F[0]};
        if (moment_wind) {
            double m[3];
            wind_to_body(f, moment_wind, m);
            for (int i = 0; i < 3; i++)
                M[i] += m[i];
        }
        assert_near(fdm_get(f, "forces/fbx-external-lbs"), F[0], 5e-8);
        assert_near(fdm_get(f, "forces/fby-external-lbs"), F[1], 5e-8);
        assert_near(fdm_get(f, "forces/fbz-external-lbs"), F[2], 5e-8);
        assert_near(fdm_get(f, "moments/l-external-lbsft"), M[0], 5e-8);
        assert_near(fdm_get(f, "moments/m-external-lbsft"), M[1], 5e-8);
        assert_near(fdm_get(f, "moments/n-external-lbsft"), M[2], 5e-8);
        frames++;
    }
    /* the checks had something to check: a sizeable force, all three
     * body components */
    assert_true(frames > 300);
    assert_true(fabs(fdm_get(f, "forces/fby-external-lbs")) > 1.0 && fabs(fdm_get(f, "forces/fbz-external-lbs")) > 1.0);
}

static void a_wind_frame_force_pulls_against_the_airflow(void **state)
{
    (void)state;
    char root[256];
    make_ball_root(root, sizeof root, "", falling_init);
    saqr_fdm *f = load_ball(root);
    assert_int_equal(saqr_fdm_init(f), SAQR_OK);
    check_chute(f, NULL);
    saqr_fdm_destroy(f);
    assert_int_equal(temp_root_remove(root), 0);
}

static void a_wind_frame_moment_adds_its_turned_direction(void **state)
{
    (void)state;
    char root[256];
    make_ball_root(root, sizeof root,
                   "  <moment name=\"chute\" frame=\"WIND\">\n"
                   "   <direction> <x>0.2</x> <y>0.0</y> <z>-1.5</z> </direction>\n"
                   "  </moment>\n",
                   falling_init);
    saqr_fdm *f = load_ball(root);
    assert_int_equal(saqr_fdm_init(f), SAQR_OK);
    /* the direction is made a unit vector */
    const double n = sqrt(0.2 * 0.2 + 1.5 * 1.5), dir[3] = {0.2 / n, 0.0, -1.5 / n};
    assert_near(fdm_get(f, "external_reactions/chute/l"), dir[0], 5e-8);
    assert_near(fdm_get(f, "external_reactions/chute/m"), dir[1], 5e-8);
    assert_near(fdm_get(f, "external_reactions/chute/n"), dir[2], 5e-8);
    fdm_set(f, "external_reactions/chute/magnitude-lbsft", -3.5);
    const double moment[3] = {-3.5 * dir[0], -3.5 * dir[1], -3.5 * dir[2]};
    check_chute(f, moment);
    saqr_fdm_destroy(f);
    assert_int_equal(temp_root_remove(root), 0);
}

/* Version 1.0 files of an orbiting ball: no rates given. */
static void polar_init(char *text, size_t n, double lat_deg, double lon_deg, double psi_deg, double alt_ft)
{
    snprintf(text, n,
             "<?xml version=\"1.0\"?>\n<initialize name=\"polar\">\n"
             " <ubody unit=\"FT/SEC\"> 24000 </ubody>\n"
             " <latitude unit=\"DEG\"> %.17g </latitude> <longitude unit=\"DEG\"> %.17g </longitude>\n"
             " <psi unit=\"DEG\"> %.17g </psi> <altitude unit=\"FT\"> %.17g </altitude>\n"
             "</initialize>\n",
             lat_deg, lon_deg, psi_deg, alt_ft);
}

static void a_ball_initialised_over_the_north_pole_flies(void **state)
{
    (void)state;
    char root[256], init[1024];
    polar_init(init, sizeof init, 90.0, 0.0, 90.0, 700000.0);
    make_ball_root(root, sizeof root, "", init);
    saqr_fdm *f = load_ball(root);
    assert_int_equal(saqr_fdm_init(f), SAQR_OK);
    assert_near(fdm_get(f, "ic/lat-gc-deg"), 90.0, 5e-8);
    static const char *const state_props[] = {"position/lat-gc-deg", "position/long-gc-deg", "position/h-sl-ft",
                                              "velocities/p-rad_sec", "velocities/q-rad_sec", "velocities/r-rad_sec",
                                              "velocities/u-fps",     "attitude/phi-rad",     "attitude/psi-rad"};
    while (saqr_fdm_time(f) < 1.0) {
        assert_int_equal(saqr_fdm_step(f), SAQR_OK);
        for (size_t k = 0; k < sizeof state_props / sizeof state_props[0]; k++)
            if (!isfinite(fdm_get(f, state_props[k])))
                fail_msg("%s is not finite at %.3f s", state_props[k], saqr_fdm_time(f));
    }
    saqr_fdm_destroy(f);
    assert_int_equal(temp_root_remove(root), 0);
}

/* The equatorial radius is 70159 ft more than the polar one: the same
 * orbit radius over the equator is that much higher above the surface. */
static void initial_rates_do_not_depend_on_where_a_polar_orbit_starts(void **state)
{
    (void)state;
    const double h0 = 700000.0;
    double pqr[2][3];
    for (int k = 0; k < 2; k++) {
        char root[256], init[1024];
        if (k == 0)
            polar_init(init, sizeof init, 89.9, 0.0, 90.0, h0); /* near the pole, heading east */
        else
            polar_init(init, sizeof init, 0.0, 90.0, 0.0, h0 - 70159.0); /* over the equator, north */
        make_ball_root(root, sizeof root, "", init);
        saqr_fdm *f = load_ball(root);
        assert_int_equal(saqr_fdm_init(f), SAQR_OK);
        pqr[k][0] = fdm_get(f, "ic/p-rad_sec");
        pqr[k][1] = fdm_get(f, "ic/q-rad_sec");
        pqr[k][2] = fdm_get(f, "ic/r-rad_sec");
        saqr_fdm_destroy(f);
        assert_int_equal(temp_root_remove(root), 0);
    }
    /* both zero: a version 1.0 file without rates starts the vehicle at
     * rest relative to the Earth (JSBSim's Load_v1 too) */
    for (int i = 0; i < 3; i++) {
        assert_near(pqr[0][i], pqr[1][i], 5e-8);
        assert_near(pqr[0][i], 0.0, 5e-8);
    }
}

/* JSBSim's test_initial_latitude: every combination of the latitude's
 * type, a terrain elevation and the altitude's reference, both versions. */
static void the_initial_position_is_the_files_whatever_the_form(void **state)
{
    (void)state;
    enum { GEODETIC = 1, ELEVATION = 2, ALTITUDE = 4 };
    char root[256];
    make_ball_root(root, sizeof root, "", orbit_init);
    for (int version = 1; version <= 2; version++)
        for (int i = 0; i < 8; i++)
            for (int k = 0; k < 4; k++) {
                const double lat = 30.0 * k, lon = -35.0, alt = 700000.0;
                const char *type = (i & GEODETIC) ? " type=\"geod\"" : "";
                const char *elevation = (i & ELEVATION) ? " <elevation unit=\"FT\"> 1000 </elevation>\n" : "";
                /* version 1.0 files say altitude (above the ground) or
                 * altitudeMSL; 2.0 files altitudeMSL or altitudeAGL */
                const char *alt_tag = version == 1 ? ((i & ALTITUDE) ? "altitudeMSL" : "altitude")
                                                   : ((i & ALTITUDE) ? "altitudeAGL" : "altitudeMSL");
                char init[2048];
                if (version == 1)
                    snprintf(init, sizeof init,
                             "<?xml version=\"1.0\"?>\n<initialize name=\"grid\">\n"
                             " <ubody unit=\"FT/SEC\"> 24000 </ubody> <psi unit=\"DEG\"> 90 </psi>\n"
                             " <latitude unit=\"DEG\"%s> %g </latitude> <longitude unit=\"DEG\"> %g </longitude>\n"
                             " <%s unit=\"FT\"> %g </%s>\n%s</initialize>\n",
                             type, lat, lon, alt_tag, alt, alt_tag, elevation);
                else
                    snprintf(init, sizeof init,
                             "<?xml version=\"1.0\"?>\n<initialize name=\"grid\" version=\"2.0\">\n"
                             " <position frame=\"ECEF\">\n"
                             "  <latitude unit=\"DEG\"%s> %g </latitude> <longitude unit=\"DEG\"> %g </longitude>\n"
                             "  <%s unit=\"FT\"> %g </%s>\n </position>\n"
                             " <orientation unit=\"DEG\" frame=\"LOCAL\"> <yaw> 90 </yaw> </orientation>\n"
                             " <velocity unit=\"FT/SEC\" frame=\"BODY\"> <x> 24000 </x> </velocity>\n"
                             "%s</initialize>\n",
                             type, lat, lon, alt_tag, alt, alt_tag, elevation);
                temp_root_write(root, "aircraft/sphere/init.xml", init);
                saqr_fdm *f = load_ball(root);
                assert_int_equal(saqr_fdm_init(f), SAQR_OK);
                const char *kind = (i & GEODETIC) ? "geod" : "gc";
                const char *ref = strcmp(alt_tag, "altitudeMSL") == 0 ? "sl" : "agl";
                char ic_lat[64], lat_prop[64], ic_alt[64], alt_prop[64];
                snprintf(ic_lat, sizeof ic_lat, "ic/lat-%s-deg", kind);
                snprintf(lat_prop, sizeof lat_prop, "position/lat-%s-deg", kind);
                snprintf(ic_alt, sizeof ic_alt, "ic/h-%s-ft", ref);
                snprintf(alt_prop, sizeof alt_prop, "position/h-%s-ft", ref);
                const char *const names[] = {ic_lat, lat_prop, ic_alt, alt_prop, "ic/long-gc-deg", "position/long-gc-deg"};
                const double want[] = {lat, lat, alt, alt, lon, lon};
                for (int n = 0; n < 6; n++)
                    if (!(fabs(fdm_get(f, names[n]) - want[n]) <= 1e-7))
                        fail_msg("version %d, case %d, latitude %g: %s = %.12g, the file says %g", version, i, lat,
                                 names[n], fdm_get(f, names[n]), want[n]);
                saqr_fdm_destroy(f);
            }
    assert_int_equal(temp_root_remove(root), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_spinning_ball_keeps_its_spin_and_sees_the_earth_turn),
        cmocka_unit_test(a_wind_frame_force_pulls_against_the_airflow),
        cmocka_unit_test(a_wind_frame_moment_adds_its_turned_direction),
        cmocka_unit_test(a_ball_initialised_over_the_north_pole_flies),
        cmocka_unit_test(initial_rates_do_not_depend_on_where_a_polar_orbit_starts),
        cmocka_unit_test(the_initial_position_is_the_files_whatever_the_form),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
