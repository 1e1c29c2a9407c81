/*
 * test_ic.c - initial conditions of JSBSim-format aircraft: the reference
 * initialisation files of the c172x and f16, ic/ properties set as a
 * script would, version 2.0 files (one state in each of their frames) and
 * bad input.
 *
 * Expected values are hand computations from FGInitialCondition's
 * documented semantics (e.g. vt 100 kt along psi 200 deg; alpha + gamma
 * = theta wings level without wind; the compressible pitot relation for
 * vc) and, where noted, numbers printed by JSBSim 1.3.2 itself for the
 * same input (geodetic latitudes, calibrated airspeed).
 *
 * And, on a whole aircraft, what JSBSim's TestICOverride and
 * TestInitialConditions (test_set_initial_geodetic_latitude,
 * testClimbRateSetting) ask: a script's <property value=> on an ic/
 * property overrides its initialisation file; an altitude set after the
 * latitude keeps the geodetic latitude, a geodetic latitude set keeps the
 * height above ground and places the aircraft there; a flight path angle
 * set reads back; each reference script starts, in its ic/ properties
 * and in the state flown, where its initialisation file says
 * (test_initial_conditions_v1).
 */
#include "jsb_fixture.h"

#include <math.h>

#include "atmos/us1976.h"
#include "fdm/ic.h"
#include "fdm/ic_model.h"
#include "math/units.h"

#include "fdm_util.h"

#define KT_FPS (MPS_PER_KT / M_PER_FT) /* 1.6878098571 */

typedef struct fixture {
    jsb_fixture j;
    ic_state *ic;
} fixture;

static int setup(void **state)
{
    fixture *fx = calloc(1, sizeof *fx);
    assert_non_null(fx);
    jsb_open(&fx->j);
    assert_int_equal(ic_create(&fx->j.c, &fx->ic), SAQR_OK);
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;
    jsb_close(&fx->j);
    free(fx);
    return 0;
}

static saqr_status load_ref(fixture *fx, const char *rel)
{
    char path[512];
    return ic_load(&fx->j.c, fx->ic, jsb_reference_path(path, sizeof path, rel), fx->j.props.v);
}

/* Loads `text` as an initialisation file. */
static saqr_status load_text(fixture *fx, const char *text)
{
    char path[] = "/tmp/saqr_ic_XXXXXX";
    saqr_status st = ic_load(&fx->j.c, fx->ic, jsb_write_temp(path, text), fx->j.props.v);
    remove(path);
    return st;
}

static double get(fixture *fx, const char *name) { return jsb_get(&fx->j, name); }
static void set(fixture *fx, const char *name, double x) { jsb_set(&fx->j, name, x); }

/* Resolves the specification and publishes it, so getters show it. */
static void resolve(fixture *fx, fdm_ic *out)
{
    ic_model m;
    assert_int_equal(ic_resolve_model(fx->ic, fx->j.props.v, &m, &fx->j.err), SAQR_OK);
    ic_publish(fx->ic, &m, fx->j.props.v);
    assert_int_equal(ic_resolve(fx->ic, fx->j.props.v, out, &fx->j.err), SAQR_OK);
}

/* An ic/ property and the value a script gives it. */
typedef struct ic_setting {
    const char *name;
    double value;
} ic_setting;

/* The c172x's reset01 (100 kt true on heading 200 at 4000 ft) with the
 * settings applied in order, as a script would, then resolved. */
#define N_SETTINGS(a) (sizeof(a) / sizeof((a)[0]))

static void resolve_reset01_with(fixture *fx, const ic_setting *settings, size_t n, fdm_ic *out)
{
    assert_int_equal(load_ref(fx, "aircraft/c172x/reset01.xml"), SAQR_OK);
    for (size_t i = 0; i < n; i++)
        set(fx, settings[i].name, settings[i].value);
    resolve(fx, out);
}

static void ic_properties_should_exist_as_inputs(void **state)
{
    fixture *fx = *state;
    static const char *const names[] = {"ic/vc-kts", "ic/vt-kts", "ic/vg-kts", "ic/mach", "ic/h-sl-ft",
                                        "ic/h-agl-ft", "ic/terrain-elevation-ft", "ic/lat-geod-deg",
                                        "ic/long-gc-deg", "ic/phi-deg", "ic/theta-deg", "ic/psi-true-deg",
                                        "ic/alpha-deg", "ic/beta-deg", "ic/gamma-deg", "ic/roc-fpm",
                                        "ic/u-fps", "ic/v-fps", "ic/w-fps", "ic/vn-fps", "ic/ve-fps",
                                        "ic/vd-fps", "ic/p-rad_sec", "ic/q-rad_sec", "ic/r-rad_sec",
                                        "ic/targetNlf", "ic/vw-mag-fps", "ic/vw-dir-deg"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        int s = prop_find(&fx->j.props, names[i]);
        assert_true(s >= 0);
        assert_true(fx->j.props.flags[s] & PROP_INPUT);
    }
    int s = prop_find(&fx->j.props, "ic/vw-north-fps");
    assert_true(s >= 0 && (fx->j.props.flags[s] & PROP_READONLY));
    assert_near(get(fx, "ic/targetNlf"), 1.0, 0.0);
}

static void reset01_should_fly_100_kt_true_on_heading_200_at_4000_ft(void **state)
{
    fixture *fx = *state;
    fdm_ic ic;
    resolve_reset01_with(fx, NULL, 0, &ic);
    double vt_fps = 100.0 * KT_FPS;
    assert_near(get(fx, "ic/u-fps"), vt_fps, 1e-9);
    assert_near(get(fx, "ic/w-fps"), 0.0, 1e-9);
    assert_near(get(fx, "ic/vn-fps"), vt_fps * cos(200.0 * RAD_PER_DEG), 1e-9);
    assert_near(get(fx, "ic/ve-fps"), vt_fps * sin(200.0 * RAD_PER_DEG), 1e-9);
    assert_near(get(fx, "ic/psi-true-deg"), 200.0, 1e-9);
    /* <altitude> is above ground; terrain at 0 ft, so geodetic altitude */
    assert_near(get(fx, "ic/h-agl-ft"), 4000.0, 1e-6);
    assert_near(ic.alt_asl_m, 4000.0 * M_PER_FT, 1e-6);
    /* latitude 28 deg is geocentric; JSBSim gives 28.1597957355 geodetic */
    assert_near(get(fx, "ic/lat-gc-deg"), 28.0, 1e-9);
    assert_near(ic.lat_geod_rad * DEG_PER_RAD, 28.1597957355, 1e-8);
    assert_near(ic.lon_rad * DEG_PER_RAD, -90.0, 1e-9);
    /* JSBSim: 94.2768911747 kt (its atmosphere differs by ~2 ppm) */
    assert_near(get(fx, "ic/vc-kts"), 94.2769, 0.002);
    assert_near(ic.vel_body_mps[0], 100.0 * MPS_PER_KT, 1e-9);
    assert_true(ic.running_mask == 1u && !ic.running_all);
}

static void reset00_should_rest_on_the_runway(void **state)
{
    fixture *fx = *state;
    assert_int_equal(load_ref(fx, "aircraft/c172x/reset00.xml"), SAQR_OK);
    fdm_ic ic;
    resolve(fx, &ic);
    for (int i = 0; i < 3; i++) {
        assert_near(ic.vel_body_mps[i], 0.0, 0.0);
        assert_near(ic.euler_rad[i], 0.0, 1e-12);
        assert_near(ic.wind_ned_mps[i], 0.0, 1e-12);
    }
    assert_near(ic.alt_asl_m, 4.305 * M_PER_FT, 1e-7);
    assert_near(ic.terrain_elev_m, 0.0, 0.0);
    assert_near(ic.lat_geod_rad * DEG_PER_RAD, 29.7595260252, 1e-8); /* JSBSim */
    assert_near(ic.lon_rad * DEG_PER_RAD, -95.163839, 1e-9);
    assert_int_equal(ic.running_mask, 0);
}

static void reset_at_rest_and_the_f16_reset_should_place_the_aircraft_at_their_heights(void **state)
{
    fixture *fx = *state;
    fdm_ic ic;
    assert_int_equal(load_ref(fx, "aircraft/c172x/reset_at_rest.xml"), SAQR_OK);
    resolve(fx, &ic);
    assert_near(ic.alt_asl_m / M_PER_FT, 4.6, 1e-7);
    assert_near(get(fx, "ic/lat-gc-deg"), 45.0, 1e-9);
    assert_near(get(fx, "ic/vt-kts"), 0.0, 1e-12);

    assert_int_equal(load_ref(fx, "aircraft/f16/reset00.xml"), SAQR_OK);
    resolve(fx, &ic);
    assert_near(ic.alt_asl_m / M_PER_FT, 5.5, 1e-7);
    assert_near(ic.euler_rad[2] * DEG_PER_RAD, 180.0, 1e-9);
    assert_near(get(fx, "ic/lat-gc-deg"), 47.0, 1e-9);
    assert_near(get(fx, "ic/long-gc-deg"), 122.0, 1e-9);
}

static void elevator_doublet_init_should_fly_level_at_96_kt(void **state)
{
    fixture *fx = *state;
    assert_int_equal(load_ref(fx, "aircraft/c172x/elevator_doublet_init.xml"), SAQR_OK);
    fdm_ic ic;
    resolve(fx, &ic);
    assert_near(get(fx, "ic/vt-kts"), 96.0, 1e-9);
    assert_near(get(fx, "ic/gamma-deg"), 0.0, 1e-9);
    assert_near(ic.euler_rad[1], 0.0, 1e-12);
    assert_near(ic.alt_asl_m / M_PER_FT, 2000.0, 1e-6);
}

/* Isentropic pitot relation, written out independently of the module. */
static double vt_from_vc(double vc_mps, double alt_m)
{
    atmos_state sl, a;
    us1976(0.0, &sl);
    us1976(alt_m, &a);
    double a0 = sqrt(1.4 * (8314.32 / 28.9645) * 288.15);
    double m0 = vc_mps / a0;
    double qc = sl.pressure_pa * (pow(1.0 + 0.2 * m0 * m0, 3.5) - 1.0);
    double mach = sqrt(5.0 * (pow(qc / a.pressure_pa + 1.0, 2.0 / 7.0) - 1.0));
    return mach * a.sound_speed_mps;
}

static void vc_should_convert_to_vt_at_the_altitude_given_with_it(void **state)
{
    fixture *fx = *state;
    /* a script sets the speed first, then the altitude: vc must hold */
    static const ic_setting speed_then_altitude[] = {{"ic/vc-kts", 120.0}, {"ic/h-sl-ft", 8000.0}};
    fdm_ic ic;
    resolve_reset01_with(fx, speed_then_altitude, N_SETTINGS(speed_then_altitude), &ic);
    double vt = vt_from_vc(120.0 * MPS_PER_KT, 8000.0 * M_PER_FT);
    assert_near(get(fx, "ic/vt-kts") * MPS_PER_KT, vt, 1e-3);
    assert_near(get(fx, "ic/vt-kts"), 135.155692493, 2e-3); /* JSBSim */
    assert_near(get(fx, "ic/vc-kts"), 120.0, 1e-3);
    assert_near(get(fx, "ic/h-sl-ft"), 8000.0, 1e-6);
    assert_near(ic.vel_body_mps[0], vt, 1e-3);
}

static void alpha_and_gamma_should_give_theta(void **state)
{
    fixture *fx = *state;
    static const ic_setting climb[] = {{"ic/gamma-deg", 5.0}, {"ic/alpha-deg", 3.0}};
    fdm_ic ic;
    resolve_reset01_with(fx, climb, N_SETTINGS(climb), &ic);
    assert_near(ic.euler_rad[1] * DEG_PER_RAD, 8.0, 1e-9);
    double vt_fps = 100.0 * KT_FPS;
    assert_near(get(fx, "ic/roc-fpm"), 60.0 * vt_fps * sin(5.0 * RAD_PER_DEG), 1e-6);
    assert_near(ic.vel_body_mps[0], 100.0 * MPS_PER_KT * cos(3.0 * RAD_PER_DEG), 1e-9);
    assert_near(ic.vel_body_mps[2], 100.0 * MPS_PER_KT * sin(3.0 * RAD_PER_DEG), 1e-9);
    assert_near(get(fx, "ic/psi-true-deg"), 200.0, 1e-9);
}

static void banked_alpha_should_match_jsbsim(void **state)
{
    fixture *fx = *state;
    static const ic_setting banked[] = {{"ic/phi-deg", 30.0}, {"ic/alpha-deg", 4.0}};
    fdm_ic ic;
    resolve_reset01_with(fx, banked, N_SETTINGS(banked), &ic);
    /* JSBSim 1.3.2 for the same specification */
    assert_near(get(fx, "ic/theta-deg"), 4.61630574456, 1e-8);
    assert_near(get(fx, "ic/beta-deg"), 2.30627919647, 1e-8);
    assert_near(get(fx, "ic/v-fps"), 6.7919657158, 1e-8);
    assert_near(get(fx, "ic/w-fps"), 11.764029703, 1e-8);
}

static void wind_should_change_airspeed_but_not_ground_speed(void **state)
{
    fixture *fx = *state;
    assert_int_equal(load_ref(fx, "aircraft/c172x/reset01.xml"), SAQR_OK);
    double vn = get(fx, "ic/vn-fps"), ve = get(fx, "ic/ve-fps");
    set(fx, "ic/vw-mag-fps", 20.0);
    set(fx, "ic/vw-dir-deg", 90.0); /* blowing towards the east */
    fdm_ic ic;
    resolve(fx, &ic);
    assert_near(get(fx, "ic/vn-fps"), vn, 1e-9);
    assert_near(get(fx, "ic/ve-fps"), ve, 1e-9);
    assert_near(get(fx, "ic/vw-east-fps"), 20.0, 1e-9);
    assert_near(get(fx, "ic/vw-north-fps"), 0.0, 1e-9);
    assert_near(get(fx, "ic/vt-kts"), hypot(vn, ve + 20.0) / KT_FPS, 1e-9);
    assert_near(ic.wind_ned_mps[1], 20.0 * M_PER_FT, 1e-9);
    /* the body velocity is the ground velocity, the wind is separate */
    assert_near(ic.vel_body_mps[0], 100.0 * MPS_PER_KT, 1e-9);
}

static void ground_speed_should_be_kept_when_the_wind_is_set_after_it(void **state)
{
    fixture *fx = *state;
    /* the wind blows along the track: a tail wind */
    static const ic_setting tail_wind[] = {{"ic/vg-kts", 80.0}, {"ic/vw-mag-fps", 15.0}, {"ic/vw-dir-deg", 20.0}};
    fdm_ic ic;
    resolve_reset01_with(fx, tail_wind, N_SETTINGS(tail_wind), &ic);
    assert_near(get(fx, "ic/vg-kts"), 80.0, 1e-9);
    assert_near(get(fx, "ic/vt-kts"), 80.0 - 15.0 / KT_FPS, 1e-9);
}

static void version_2_file_should_place_the_aircraft_as_jsbsim(void **state)
{
    fixture *fx = *state;
    saqr_status st = load_text(fx, "<?xml version=\"1.0\"?>\n<initialize name=\"t\" version=\"2.0\">\n"
          " <position frame=\"ECEF\">\n"
          "  <latitude unit=\"DEG\" type=\"geodetic\">35.0</latitude>\n"
          "  <longitude unit=\"DEG\">-120.0</longitude>\n"
          "  <altitudeMSL unit=\"FT\">10000</altitudeMSL>\n"
          " </position>\n"
          " <orientation unit=\"DEG\" frame=\"LOCAL\"><roll>10</roll><pitch>3</pitch><yaw>45</yaw></orientation>\n"
          " <velocity unit=\"FT/SEC\" frame=\"BODY\"><x>300</x><y>5</y><z>10</z></velocity>\n"
          " <attitude_rate unit=\"DEG/SEC\" frame=\"BODY\"><x>1</x><y>2</y><z>3</z></attitude_rate>\n"
          " <running>-1</running>\n"
          "</initialize>\n");
    assert_int_equal(st, SAQR_OK);
    fdm_ic ic;
    assert_int_equal(ic_resolve(fx->ic, fx->j.props.v, &ic, &fx->j.err), SAQR_OK);
    assert_near(ic.lat_geod_rad * DEG_PER_RAD, 35.0, 1e-9);
    assert_near(get(fx, "ic/h-sl-ft"), 10000.0, 1e-6);
    /* JSBSim 1.3.2 */
    assert_near(get(fx, "ic/lat-gc-deg"), 34.8194750657, 1e-8);
    assert_near(get(fx, "ic/alpha-deg"), 1.909152433, 1e-8);
    assert_near(get(fx, "ic/beta-deg"), 0.954311326204, 1e-8);
    assert_near(get(fx, "ic/vn-fps"), 209.983951583, 1e-7);
    assert_near(get(fx, "ic/vd-fps"), -4.99915479638, 1e-7);
    assert_near(ic.vel_body_mps[0], 300.0 * M_PER_FT, 1e-9);
    assert_near(ic.omega_body_radps[2], 3.0 * RAD_PER_DEG, 1e-12);
    assert_true(ic.running_all);
}

/* A version 2.0 file's text resolved in a fixture of its own. */
static void resolve_v2(const char *text, fdm_ic *out)
{
    fixture *fx = NULL;
    setup((void **)&fx);
    if (load_text(fx, text) != SAQR_OK)
        fail_msg("%s\nin:\n%s", fx->j.err.msg, text);
    if (ic_resolve(fx->ic, fx->j.props.v, out, &fx->j.err) != SAQR_OK)
        fail_msg("%s", fx->j.err.msg);
    teardown((void **)&fx);
}

/* The test's own frames (Stevens and Lewis; JSBSim's ellipsoid and
 * rotation rate): NED axes at a geodetic latitude and longitude in ECEF
 * axes (rows north, east, down), and the body's in NED from 3-2-1 Euler
 * angles. */
static void ned_from_ecef(double lat, double lon, double c[3][3])
{
    const double sl = sin(lat), cl = cos(lat), so = sin(lon), co = cos(lon);
    const double m[3][3] = {{-sl * co, -sl * so, cl}, {-so, co, 0.0}, {-cl * co, -cl * so, -sl}};
    memcpy(c, m, sizeof m);
}

static void body_from_ned(const double e[3], double c[3][3])
{
    const double sf = sin(e[0]), cf = cos(e[0]), st = sin(e[1]), ct = cos(e[1]), sp = sin(e[2]), cp = cos(e[2]);
    const double m[3][3] = {{ct * cp, ct * sp, -st},
                            {sf * st * cp - cf * sp, sf * st * sp + cf * cp, sf * ct},
                            {cf * st * cp + sf * sp, cf * st * sp - sf * cp, cf * ct}};
    memcpy(c, m, sizeof m);
}

static void mul(const double a[3][3], const double b[3][3], double c[3][3])
{
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++)
            c[i][j] = a[i][0] * b[0][j] + a[i][1] * b[1][j] + a[i][2] * b[2][j];
}

static void apply(const double a[3][3], int transposed, const double x[3], double y[3])
{
    for (int i = 0; i < 3; i++)
        y[i] = transposed ? a[0][i] * x[0] + a[1][i] * x[1] + a[2][i] * x[2]
                          : a[i][0] * x[0] + a[i][1] * x[1] + a[i][2] * x[2];
}

/* One state written in each of the frames a version 2.0 file allows
 * (JSBSim's FGInitialCondition::Load_v2): the position as a geodetic
 * place or as ECEF or ECI coordinates, the attitude as Euler angles from
 * the local, ECEF or ECI axes, the velocity in local, ECEF or ECI axes
 * (ECI: inertial, the Earth's w x r added), the rates relative to the
 * Earth in body, local or ECEF axes or inertial in ECI axes; and, turned by an
 * earth position angle, the ECI forms.  Each must resolve to the state
 * the local forms give. */
static void version_2_frames_should_describe_one_state(void **state)
{
    (void)state;
    const double a_m = 20925646.32546 * M_PER_FT, b_m = 20855486.5951 * M_PER_FT, omega = 7.292115e-5;
    const double euler[3] = {10.0 * RAD_PER_DEG, 3.0 * RAD_PER_DEG, 45.0 * RAD_PER_DEG};
    const double v_ned_fps[3] = {196.0, 82.0, -6.5}, pqr[3] = {0.02, -0.01, 0.03};
    char text[4096];
    snprintf(text, sizeof text,
             "<initialize version=\"2.0\">\n"
             " <position frame=\"ECEF\"><latitude unit=\"DEG\" type=\"geodetic\">35.0</latitude>"
             "<longitude unit=\"DEG\">-120.0</longitude><altitudeMSL unit=\"FT\">9842.5</altitudeMSL></position>\n"
             " <orientation unit=\"RAD\" frame=\"LOCAL\"><roll>%.17g</roll><pitch>%.17g</pitch><yaw>%.17g</yaw>"
             "</orientation>\n"
             " <velocity unit=\"FT/SEC\" frame=\"LOCAL\"><x>%.17g</x><y>%.17g</y><z>%.17g</z></velocity>\n"
             " <attitude_rate unit=\"RAD/SEC\" frame=\"BODY\"><x>%.17g</x><y>%.17g</y><z>%.17g</z></attitude_rate>\n"
             "</initialize>\n",
             euler[0], euler[1], euler[2], v_ned_fps[0], v_ned_fps[1], v_ned_fps[2], pqr[0], pqr[1], pqr[2]);
    fdm_ic ref;
    resolve_v2(text, &ref);
    assert_near(ref.lat_geod_rad, 35.0 * RAD_PER_DEG, 1e-12);

    /* the place in ECEF coordinates, from the resolved geodetic state */
    const double e2 = 1.0 - (b_m * b_m) / (a_m * a_m), lat = ref.lat_geod_rad, lon = ref.lon_rad;
    const double n = a_m / sqrt(1.0 - e2 * sin(lat) * sin(lat)), h = ref.alt_asl_m;
    const double r_m[3] = {(n + h) * cos(lat) * cos(lon), (n + h) * cos(lat) * sin(lon), (n * (1.0 - e2) + h) * sin(lat)};
    double c_ned[3][3], c_body_ned[3][3], c_body_ecef[3][3];
    ned_from_ecef(lat, lon, c_ned);
    body_from_ned(euler, c_body_ned);
    mul(c_body_ned, c_ned, c_body_ecef);
    /* 3-2-1 Euler angles of the body from ECEF */
    const double e_ecef[3] = {atan2(c_body_ecef[1][2], c_body_ecef[2][2]), -asin(c_body_ecef[0][2]),
                              atan2(c_body_ecef[0][1], c_body_ecef[0][0])};
    double v_ecef[3], w_ecef[3], r_ft[3];
    apply(c_ned, 1, v_ned_fps, v_ecef);
    apply(c_body_ecef, 1, pqr, w_ecef);
    for (int k = 0; k < 3; k++)
        r_ft[k] = r_m[k] / M_PER_FT;
    const double v_eci[3] = {v_ecef[0] - omega * r_ft[1], v_ecef[1] + omega * r_ft[0], v_ecef[2]};
    const double w_eci[3] = {w_ecef[0], w_ecef[1], w_ecef[2] + omega};

    /* ECI axes turned by the earth position angle: r_ecef = Ti2ec r_eci */
    const double epa = 0.3, ce = cos(epa), se = sin(epa);
    const double ti2ec[3][3] = {{ce, se, 0.0}, {-se, ce, 0.0}, {0.0, 0.0, 1.0}};
    double r_eci_turned[3], w_eci_turned[3], c_body_eci_turned[3][3];
    apply(ti2ec, 1, r_ft, r_eci_turned);
    apply(ti2ec, 1, w_ecef, w_eci_turned);
    w_eci_turned[2] += omega;
    mul(c_body_ecef, ti2ec, c_body_eci_turned);
    const double e_eci_turned[3] = {atan2(c_body_eci_turned[1][2], c_body_eci_turned[2][2]),
                                    -asin(c_body_eci_turned[0][2]),
                                    atan2(c_body_eci_turned[0][1], c_body_eci_turned[0][0])};

    /* rates relative to the Earth in local axes, less the local frame's own
     * rotation (JSBSim's Stevens and Lewis 1.5-14a, geocentric latitude) */
    const double rr = sqrt(r_ft[0] * r_ft[0] + r_ft[1] * r_ft[1] + r_ft[2] * r_ft[2]);
    const double lat_gc = atan2(r_ft[2], sqrt(r_ft[0] * r_ft[0] + r_ft[1] * r_ft[1]));
    double w_local[3];
    apply(c_body_ned, 1, pqr, w_local);
    w_local[0] -= v_ned_fps[1] / rr;
    w_local[1] += v_ned_fps[0] / rr;
    w_local[2] += v_ned_fps[1] * tan(lat_gc) / rr;
    snprintf(text, sizeof text,
             "<initialize version=\"2.0\">\n"
             " <position frame=\"ECEF\" unit=\"FT\"><x>%.17g</x><y>%.17g</y><z>%.17g</z></position>\n"
             " <orientation unit=\"RAD\" frame=\"LOCAL\"><roll>%.17g</roll><pitch>%.17g</pitch><yaw>%.17g</yaw>"
             "</orientation>\n"
             " <velocity unit=\"FT/SEC\" frame=\"LOCAL\"><x>%.17g</x><y>%.17g</y><z>%.17g</z></velocity>\n"
             " <attitude_rate unit=\"RAD/SEC\" frame=\"LOCAL\"><x>%.17g</x><y>%.17g</y><z>%.17g</z></attitude_rate>\n"
             "</initialize>\n",
             r_ft[0], r_ft[1], r_ft[2], euler[0], euler[1], euler[2], v_ned_fps[0], v_ned_fps[1], v_ned_fps[2],
             w_local[0], w_local[1], w_local[2]);
    fdm_ic local;
    resolve_v2(text, &local);
    for (int k = 0; k < 3; k++)
        assert_near(local.omega_body_radps[k], pqr[k], 1e-15);

    static const char *const frames[] = {"ECEF", "ECI", "ECI, turned"};
    for (int f = 0; f < 3; f++) {
        const char *fr = f == 0 ? "ECEF" : "ECI";
        const double *r = f == 2 ? r_eci_turned : r_ft, *e = f == 2 ? e_eci_turned : e_ecef;
        const double *w = f == 0 ? w_ecef : f == 1 ? w_eci : w_eci_turned;
        char vel[256];
        if (f == 2) /* JSBSim takes ECI velocities as if the axes were not turned: left local */
            snprintf(vel, sizeof vel, "<velocity unit=\"FT/SEC\" frame=\"LOCAL\"><x>%.17g</x><y>%.17g</y><z>%.17g</z>"
                     "</velocity>", v_ned_fps[0], v_ned_fps[1], v_ned_fps[2]);
        else
            snprintf(vel, sizeof vel, "<velocity unit=\"FT/SEC\" frame=\"%s\"><x>%.17g</x><y>%.17g</y><z>%.17g</z>"
                     "</velocity>", fr, f ? v_eci[0] : v_ecef[0], f ? v_eci[1] : v_ecef[1], f ? v_eci[2] : v_ecef[2]);
        snprintf(text, sizeof text,
                 "<initialize version=\"2.0\">\n%s"
                 " <position frame=\"%s\" unit=\"FT\"><x>%.17g</x><y>%.17g</y><z>%.17g</z></position>\n"
                 " <orientation unit=\"RAD\" frame=\"%s\"><roll>%.17g</roll><pitch>%.17g</pitch><yaw>%.17g</yaw>"
                 "</orientation>\n %s\n"
                 " <attitude_rate unit=\"RAD/SEC\" frame=\"%s\"><x>%.17g</x><y>%.17g</y><z>%.17g</z></attitude_rate>\n"
                 "</initialize>\n",
                 f == 2 ? " <earth_position_angle unit=\"RAD\">0.3</earth_position_angle>\n" : "", fr, r[0], r[1],
                 r[2], fr, e[0], e[1], e[2], vel, fr, w[0], w[1], w[2]);
        fdm_ic ic;
        resolve_v2(text, &ic);
        const char *what = frames[f];
        /* within a millimetre: the ellipsoid's inverse is iterated */
        if (fabs(ic.lat_geod_rad - ref.lat_geod_rad) > 1e-10 || fabs(ic.lon_rad - ref.lon_rad) > 1e-10 ||
            fabs(ic.alt_asl_m - ref.alt_asl_m) > 1e-3)
            fail_msg("%s: place %.12g %.12g %.6f against %.12g %.12g %.6f", what, ic.lat_geod_rad, ic.lon_rad,
                     ic.alt_asl_m, ref.lat_geod_rad, ref.lon_rad, ref.alt_asl_m);
        for (int k = 0; k < 3; k++) {
            if (fabs(ic.euler_rad[k] - ref.euler_rad[k]) > 1e-11)
                fail_msg("%s: Euler angle %d %.15g against %.15g", what, k, ic.euler_rad[k], ref.euler_rad[k]);
            if (fabs(ic.vel_body_mps[k] - ref.vel_body_mps[k]) > 1e-9)
                fail_msg("%s: body velocity %d %.15g against %.15g", what, k, ic.vel_body_mps[k], ref.vel_body_mps[k]);
            if (fabs(ic.omega_body_radps[k] - ref.omega_body_radps[k]) > 1e-12)
                fail_msg("%s: body rate %d %.15g against %.15g", what, k, ic.omega_body_radps[k],
                         ref.omega_body_radps[k]);
        }
    }
}

static void bad_files_should_fail_with_file_and_line(void **state)
{
    fixture *fx = *state;
    /* text, and what the message must contain (NULL: any message) */
    static const struct {
        const char *text, *expect;
    } bad[] = {
        {"<initialize>\n <vt unit=\"KTS\">fast</vt>\n</initialize>\n", ":2:"},
        {"<initialize>\n <vt unit=\"FURLONG\">3</vt>\n</initialize>\n", NULL},
        {"<initialize>\n <latitude unit=\"DEG\">95</latitude>\n</initialize>\n", "latitude"},
        {"<initialize version=\"3.0\"/>\n", NULL},
        {"<reset/>\n", NULL},
        {"<initialize version=\"2.0\"><elevation>0</elevation></initialize>", NULL},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        err_clear(&fx->j.err);
        if (load_text(fx, bad[i].text) == SAQR_OK)
            fail_msg("loaded: %s", bad[i].text);
        jsb_assert_error(&fx->j, bad[i].expect ? bad[i].expect : ":");
    }
    err_clear(&fx->j.err);
    assert_int_not_equal(ic_load(&fx->j.c, fx->ic, "/nonexistent/reset.xml", fx->j.props.v), SAQR_OK);
}

static void impossible_specification_should_name_the_property(void **state)
{
    fixture *fx = *state;
    assert_int_equal(load_ref(fx, "aircraft/c172x/reset01.xml"), SAQR_OK);
    set(fx, "ic/roc-fpm", 60.0 * 500.0); /* 500 ft/s climb at 169 ft/s */
    fdm_ic ic;
    assert_int_equal(ic_resolve(fx->ic, fx->j.props.v, &ic, &fx->j.err), SAQR_EINVAL);
    assert_non_null(strstr(fx->j.err.msg, "ic/roc-fpm"));
}

static void pitot_relations_should_invert_each_other_sub_and_supersonic(void **state)
{
    (void)state;
    atmos_state a;
    us1976(9000.0, &a);
    for (double mach = 0.1; mach < 2.5; mach += 0.3) {
        double vc = icm_vcas_from_mach(mach, a.pressure_pa);
        assert_near(icm_mach_from_vcas(vc, a.pressure_pa), mach, 1e-6); /* 10 fixed-point passes above M 1 */
    }
    us1976(0.0, &a);
    /* at sea level calibrated airspeed equals true airspeed (below M 1) */
    assert_near(icm_vcas_from_mach(0.5, a.pressure_pa), 0.5 * a.sound_speed_mps, 0.01);
}

#define IC_TEST(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

/* saqr_fdm_settle_engines: refused before the initialisation; after it,
 * the c172x's engine, started at full throttle by reset01's <running>,
 * runs down to its steady state at the closed throttle given, and
 * settling again there changes nothing. */
static void settling_the_engines_runs_them_to_the_present_throttle(void **state)
{
    (void)state;
    char root[1024];
    test_shared_path(root, sizeof root, "reference/jsbsim");
    saqr_fdm *f = saqr_fdm_create(NULL);
    assert_non_null(f);
    assert_int_equal(saqr_fdm_load_aircraft(f, root, "c172x"), SAQR_OK);
    assert_int_equal(saqr_fdm_load_initfile(f, "reset01"), SAQR_OK);
    assert_int_equal(saqr_fdm_settle_engines(f), SAQR_ESTATE);
    assert_non_null(strstr(saqr_fdm_error(f), "saqr_fdm_init"));
    assert_int_equal(saqr_fdm_init(f), SAQR_OK);
    const double full = fdm_get(f, "propulsion/engine/engine-rpm");
    assert_true(full > 2000.0);
    assert_int_equal(saqr_fdm_set(f, saqr_fdm_property(f, "fcs/throttle-cmd-norm"), 0.0), SAQR_OK);
    assert_int_equal(saqr_fdm_set(f, saqr_fdm_property(f, "fcs/throttle-pos-norm"), 0.0), SAQR_OK);
    assert_int_equal(saqr_fdm_settle_engines(f), SAQR_OK);
    const double idle = fdm_get(f, "propulsion/engine/engine-rpm");
    assert_true(idle < full - 500.0);
    assert_int_equal(saqr_fdm_settle_engines(f), SAQR_OK);
    assert_near(fdm_get(f, "propulsion/engine/engine-rpm"), idle, 1.0);
    saqr_fdm_destroy(f);
}

/* JSBSim's test_IC_override (c1724 there, at rest: here reset01, 100 kt). */
static void a_script_property_overrides_the_initialisation_file(void **state)
{
    (void)state;
    char root[1024];
    test_shared_path(root, sizeof root, "reference/jsbsim");
    for (int k = 0; k < 2; k++) {
        char path[] = "/tmp/saqr_test_ic_override_XXXXXX", text[1024];
        snprintf(text, sizeof text,
                 "<?xml version=\"1.0\"?>\n<runscript name=\"override\">\n"
                 "<use aircraft=\"c172x\" initialize=\"reset01\"/>\n"
                 "<run start=\"0.0\" end=\"1\" dt=\"0.0083333\">\n%s</run>\n</runscript>\n",
                 k ? "<property value=\"101.0\"> ic/vt-kts </property>\n" : "");
        test_write_temp(path, text);
        saqr_fdm *f = saqr_fdm_create(NULL);
        assert_non_null(f);
        assert_int_equal(saqr_fdm_load_script(f, root, path), SAQR_OK);
        remove(path);
        const double vt0 = k ? 101.0 : 100.0;
        assert_near(fdm_get(f, "ic/vt-kts"), vt0, 1e-6);
        assert_int_equal(saqr_fdm_init(f), SAQR_OK);
        assert_true(fdm_get(f, "simulation/sim-time-sec") == 0.0);
        assert_near(fdm_get(f, "velocities/vt-fps"), vt0 * KT_FPS, 1e-7);
        saqr_fdm_destroy(f);
    }
}

/* JSBSim's test_asl_override_vs_geod_lat (its c310 at Ellington there,
 * whose file gives a geodetic latitude) and
 * test_set_initial_geodetic_latitude (its 737 cruise there).  A new
 * altitude keeps the latitude last given, geodetic or geocentric
 * (reset01's is geocentric), as FGInitialCondition::SetAltitudeASLFtIC. */
static void the_geodetic_latitude_and_the_altitude_keep_each_other(void **state)
{
    (void)state;
    saqr_fdm *f = fdm_reference_aircraft_loaded("c172x", "reset01");
    const double lat = fdm_get(f, "ic/lat-geod-deg"), gc = fdm_get(f, "ic/lat-gc-deg");
    fdm_set(f, "ic/lat-geod-deg", lat); /* the value it shows: still a write */
    fdm_set(f, "ic/h-sl-ft", 35000.0);
    assert_near(fdm_get(f, "ic/lat-geod-deg"), lat, 5e-8);
    assert_true(fabs(fdm_get(f, "ic/lat-gc-deg") - gc) > 1e-6);
    saqr_fdm_destroy(f);

    f = fdm_reference_aircraft_loaded("c172x", "reset01");
    fdm_set(f, "ic/h-sl-ft", 35000.0);
    assert_near(fdm_get(f, "ic/lat-gc-deg"), gc, 5e-8);
    assert_true(fabs(fdm_get(f, "ic/lat-geod-deg") - lat) > 1e-6);
    saqr_fdm_destroy(f);

    f = fdm_reference_aircraft_loaded("c172x", "reset01");
    const double agl = fdm_get(f, "ic/h-agl-ft"), glat = fdm_get(f, "ic/lat-geod-deg") - 30.0;
    fdm_set(f, "ic/lat-geod-deg", glat);
    assert_int_equal(saqr_fdm_init(f), SAQR_OK);
    assert_near(fdm_get(f, "ic/h-agl-ft"), agl, 5e-8);
    assert_near(fdm_get(f, "ic/lat-geod-deg"), glat, 5e-8);
    assert_near(fdm_get(f, "ic/lat-geod-rad"), glat * UNITS_PI / 180.0, 5e-8);
    assert_near(fdm_get(f, "position/lat-geod-deg"), glat, 5e-8);
    saqr_fdm_destroy(f);
}

/* Before the initialisation, reading an ic/ property shows the ic/
 * properties written so far applied (JSBSim's FGInitialCondition works
 * every getter out again at each write): after ic/h-sl-ft, the height
 * above the ground and the calibrated airspeed at the new altitude, each
 * what the initialisation then flies; the written value itself reads
 * back; the file's values before any write. */
static void ic_properties_read_before_the_initialisation_show_what_was_written(void **state)
{
    (void)state;
    static const char *const watched[] = {"ic/h-sl-ft", "ic/h-agl-ft", "ic/vc-kts", "ic/vt-kts", "ic/mach",
                                          "ic/lat-geod-deg", "ic/theta-deg"};
    enum { NW = sizeof watched / sizeof watched[0] };
    saqr_fdm *f = fdm_reference_aircraft_loaded("c172x", "reset01");
    const double h0 = fdm_get(f, "ic/h-sl-ft"), agl0 = fdm_get(f, "ic/h-agl-ft"), vc0 = fdm_get(f, "ic/vc-kts");
    fdm_set(f, "ic/h-sl-ft", h0 + 6000.0);
    double before[NW];
    for (int k = 0; k < NW; k++)
        before[k] = fdm_get(f, watched[k]);
    assert_near(before[0], h0 + 6000.0, 1e-9);
    assert_near(before[1], agl0 + 6000.0, 0.1); /* over the ellipsoid, not a sphere */
    assert_true(before[2] < vc0 - 5.0); /* the true airspeed is kept: thinner air */
    assert_near(before[3], 100.0, 1e-9);
    /* a combination no state satisfies reads as written (no crash); the
     * initialisation names it and changes nothing of what it shows */
    saqr_fdm *g = fdm_reference_aircraft_loaded("c172x", "reset01");
    fdm_set(g, "ic/roc-fpm", 60.0 * 500.0);
    assert_true(fdm_get(g, "ic/roc-fpm") == 60.0 * 500.0);
    assert_near(fdm_get(g, "ic/vt-kts"), 100.0, 1e-9);
    assert_int_equal(saqr_fdm_init(g), SAQR_EINVAL);
    assert_non_null(strstr(saqr_fdm_error(g), "ic/roc-fpm"));
    saqr_fdm_destroy(g);
    assert_int_equal(saqr_fdm_init(f), SAQR_OK);
    for (int k = 0; k < NW; k++) {
        const double after = fdm_get(f, watched[k]);
        if (fabs(after - before[k]) > 1e-9 * (1.0 + fabs(after)))
            fail_msg("%s: %.17g before the initialisation, %.17g after it", watched[k], before[k], after);
    }
    saqr_fdm_destroy(f);
}

/* JSBSim's testClimbRateSetting (c1722: reset01, 100 kt level), and
 * the aircraft initialised with it. */
static void a_flight_path_angle_set_reads_back(void **state)
{
    (void)state;
    saqr_fdm *f = fdm_reference_script_loaded("c1722");
    fdm_set(f, "ic/gamma-deg", 4.0);
    assert_near(fdm_get(f, "ic/gamma-deg"), 4.0, 5e-8);
    assert_int_equal(saqr_fdm_init(f), SAQR_OK);
    assert_near(fdm_get(f, "ic/gamma-deg"), 4.0, 5e-8);
    assert_near(fdm_get(f, "ic/vt-kts"), 100.0, 5e-8);
    assert_near(fdm_get(f, "flight-path/gamma-deg"), 4.0, 1e-6);
    saqr_fdm_destroy(f);
}

/* JSBSim's test_initial_conditions_v1 on the reference scripts: right
 * after the initialisation each value the file gives is in its ic/
 * property and in the state flown (1e-7 in the file's units, converted
 * as JSBSim's test does; the version 1.0 altitude is above the ground). */
static void each_reference_script_starts_where_its_file_says(void **state)
{
    (void)state;
    typedef struct check {
        const char *ic, *flown;
        double value;
    } check;
    static const struct {
        const char *script;
        check c[10];
    } runs[] = {
        {"c1722", /* reset01 */
         {{"ic/vt-fps", "velocities/vt-fps", 100.0 * KT_FPS},
          {"ic/lat-gc-deg", "position/lat-gc-deg", 28.0},
          {"ic/long-gc-deg", "position/long-gc-deg", -90.0},
          {"ic/psi-true-deg", "attitude/psi-deg", 200.0},
          {"ic/h-agl-ft", "position/h-agl-ft", 4000.0}}},
        {"c1723", /* reset00 */
         {{"ic/u-fps", "velocities/u-fps", 0.0},
          {"ic/v-fps", "velocities/v-fps", 0.0},
          {"ic/w-fps", "velocities/w-fps", 0.0},
          {"ic/long-gc-deg", "position/long-gc-deg", -95.163839},
          {"ic/lat-gc-deg", "position/lat-gc-deg", 29.593978},
          {"ic/phi-deg", "attitude/phi-deg", 0.0},
          {"ic/theta-deg", "attitude/theta-deg", 0.0},
          {"ic/psi-true-deg", "attitude/psi-deg", 0.0},
          {"ic/h-agl-ft", "position/h-agl-ft", 4.305},
          {"ic/terrain-elevation-ft", "position/terrain-elevation-asl-ft", 0.0}}},
        {"c172_elevator_doublet", /* elevator_doublet_init */
         {{"ic/vt-fps", "velocities/vt-fps", 96.0 * KT_FPS},
          {"ic/lat-gc-deg", "position/lat-gc-deg", 47.0},
          {"ic/long-gc-deg", "position/long-gc-deg", 122.0},
          {"ic/psi-true-deg", "attitude/psi-deg", 200.0},
          {"ic/h-agl-ft", "position/h-agl-ft", 2000.0}}},
        {"f16_test", /* the F-16's reset00 */
         {{"ic/u-fps", "velocities/u-fps", 0.0},
          {"ic/lat-gc-deg", "position/lat-gc-deg", 47.0},
          {"ic/long-gc-deg", "position/long-gc-deg", 122.0},
          {"ic/phi-deg", "attitude/phi-deg", 0.0},
          {"ic/theta-deg", "attitude/theta-deg", 0.0},
          {"ic/psi-true-deg", "attitude/psi-deg", 180.0},
          {"ic/h-agl-ft", "position/h-agl-ft", 5.5}}},
    };
    for (size_t r = 0; r < sizeof runs / sizeof runs[0]; r++) {
        saqr_fdm *f = fdm_reference_script(runs[r].script);
        assert_true(fdm_get(f, "simulation/sim-time-sec") == 0.0);
        for (const check *c = runs[r].c; c < runs[r].c + 10 && c->ic; c++)
            for (int k = 0; k < 2; k++) {
                const char *name = k ? c->flown : c->ic;
                const double x = fdm_get(f, name);
                if (!(fabs(x - c->value) <= 1e-7))
                    fail_msg("%s: %s = %.12g, its file says %.12g", runs[r].script, name, x, c->value);
            }
        saqr_fdm_destroy(f);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        IC_TEST(ic_properties_should_exist_as_inputs),
        IC_TEST(reset01_should_fly_100_kt_true_on_heading_200_at_4000_ft),
        IC_TEST(reset00_should_rest_on_the_runway),
        IC_TEST(reset_at_rest_and_the_f16_reset_should_place_the_aircraft_at_their_heights),
        IC_TEST(elevator_doublet_init_should_fly_level_at_96_kt),
        IC_TEST(vc_should_convert_to_vt_at_the_altitude_given_with_it),
        IC_TEST(alpha_and_gamma_should_give_theta),
        IC_TEST(banked_alpha_should_match_jsbsim),
        IC_TEST(wind_should_change_airspeed_but_not_ground_speed),
        IC_TEST(ground_speed_should_be_kept_when_the_wind_is_set_after_it),
        IC_TEST(version_2_file_should_place_the_aircraft_as_jsbsim),
        cmocka_unit_test(version_2_frames_should_describe_one_state),
        IC_TEST(bad_files_should_fail_with_file_and_line),
        IC_TEST(impossible_specification_should_name_the_property),
        cmocka_unit_test(pitot_relations_should_invert_each_other_sub_and_supersonic),
        cmocka_unit_test(a_script_property_overrides_the_initialisation_file),
        cmocka_unit_test(the_geodetic_latitude_and_the_altitude_keep_each_other),
        cmocka_unit_test(ic_properties_read_before_the_initialisation_show_what_was_written),
        cmocka_unit_test(a_flight_path_angle_set_reads_back),
        cmocka_unit_test(each_reference_script_starts_where_its_file_says),
        cmocka_unit_test(settling_the_engines_runs_them_to_the_present_throttle),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
