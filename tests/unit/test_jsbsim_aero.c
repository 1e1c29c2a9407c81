/*
 * test_jsbsim_aero.c - the behaviour JSBSim's TestAeroFuncFrame and
 * TestAeroFuncOutput ask of the aerodynamics' axis systems, on a glider of
 * our own (JSBSim's tests use its X-15):
 *  - whatever axes the <axis> functions are given in (X, Y, Z in body
 *    axes, with frame="" or "BODY"; AXIAL, SIDE, NORMAL; X, Y, Z with
 *    frame="WIND" or "STABILITY"; DRAG, SIDE, LIFT), the aerodynamic force
 *    the aircraft reports in body axes (forces/fb?-aero-lbs), in wind axes
 *    with drag and lift positive (forces/fw?-aero-lbs) and in stability
 *    axes likewise (forces/fs?-aero-lbs), and its moment about the CG in
 *    body, stability and wind axes (moments/?-aero-lbsft,
 *    moments/{roll,pitch,yaw}-{stab,wind}-aero-lbsft), are the sums of
 *    the axis functions turned by alpha and beta, the moment taken from the
 *    aerodynamic reference point to the CG, every frame of a flight that
 *    sweeps alpha and beta (JSBSim's assertAlmostEqual: seven places);
 *  - the CSV output's F_{Drag} column is the sum of the DRAG functions'
 *    columns written by <coefficients> (TestAeroFuncOutput, to 1e-5).
 * The transformations are written as JSBSim's test writes them (its
 * aero2wind diag(-1, 1, -1), Ts2b a rotation by alpha, Tb2w by alpha then
 * beta).
 */
#include "fdm_util.h"
#include "temp_root.h"

#include "script/output.h"

#include <math.h>

static char root[64]; /* a JSBSim root holding aircraft/glider only */

/* The glider's six axis functions: coefficients of alpha, beta and the
 * rates times qbar S (and b or c); each axis has two functions. */
static const char *const coefficient[6][2] = {
    {"<sum><v>0.025</v><product><v>0.6</v><p>aero/alpha-rad</p><p>aero/alpha-rad</p></product></sum>",
     "<product><v>0.3</v><p>aero/beta-rad</p><p>aero/beta-rad</p></product>"},
    {"<product><v>-0.7</v><p>aero/beta-rad</p></product>",
     "<product><v>0.0005</v><p>velocities/r-aero-rad_sec</p></product>"},
    {"<sum><v>0.15</v><product><v>4.8</v><p>aero/alpha-rad</p></product></sum>",
     "<product><v>0.9</v><p>aero/beta-rad</p><p>aero/alpha-rad</p></product>"},
    {"<product><v>-0.09</v><p>aero/beta-rad</p></product>",
     "<product><v>-0.004</v><p>velocities/p-aero-rad_sec</p></product>"},
    {"<sum><v>0.02</v><product><v>-0.7</v><p>aero/alpha-rad</p></product></sum>",
     "<product><v>-0.03</v><p>velocities/q-aero-rad_sec</p></product>"},
    {"<product><v>0.11</v><p>aero/beta-rad</p></product>",
     "<product><v>-0.002</v><p>velocities/r-aero-rad_sec</p></product>"},
};
static const char *const length[6] = {"", "", "", "<p>metrics/bw-ft</p>", "<p>metrics/cbarw-ft</p>",
                                      "<p>metrics/bw-ft</p>"};

/* Writes the glider with its force axes named `names[0..2]` in `frame`
 * (NULL: no attribute), its moment axes ROLL, PITCH, YAW in the same
 * frame; the X and Z functions of body axes get a factor -1, as JSBSim's
 * test gives them (drag backwards, lift upwards). */
static void write_glider(const char *const names[3], const char *frame)
{
    static char xml[16384];
    size_t n = 0;
    n += (size_t)snprintf(xml + n, sizeof xml - n,
                          "<?xml version=\"1.0\"?>\n"
                          "<fdm_config name=\"glider\" version=\"2.0\">\n"
                          "  <metrics>\n"
                          "    <wingarea unit=\"FT2\">180</wingarea> <wingspan unit=\"FT\">36</wingspan>\n"
                          "    <chord unit=\"FT\">5</chord>\n"
                          "    <location name=\"AERORP\" unit=\"IN\"><x>110</x><y>4</y><z>-8</z></location>\n"
                          "  </metrics>\n"
                          "  <mass_balance>\n"
                          "    <ixx unit=\"SLUG*FT2\">1400</ixx> <iyy unit=\"SLUG*FT2\">1800</iyy>\n"
                          "    <izz unit=\"SLUG*FT2\">3000</izz> <ixz unit=\"SLUG*FT2\">60</ixz>\n"
                          "    <emptywt unit=\"LBS\">2500</emptywt>\n"
                          "    <location name=\"CG\" unit=\"IN\"><x>100</x><y>0</y><z>0</z></location>\n"
                          "  </mass_balance>\n"
                          "  <aerodynamics>\n");
    static const char *const moments[3] = {"ROLL", "PITCH", "YAW"};
    const int body = !strcmp(names[0], "X") && (!frame || !strcmp(frame, "BODY"));
    for (int ax = 0; ax < 6; ax++) {
        const char *name = ax < 3 ? names[ax] : moments[ax - 3];
        char attr[32] = "";
        if (frame)
            snprintf(attr, sizeof attr, " frame=\"%s\"", frame);
        n += (size_t)snprintf(xml + n, sizeof xml - n, "    <axis name=\"%s\"%s>\n", name, attr);
        for (int k = 0; k < 2; k++)
            n += (size_t)snprintf(xml + n, sizeof xml - n,
                                  "      <function name=\"aero/coefficient/%s%d\">\n"
                                  "        <product><p>aero/qbar-psf</p><p>metrics/Sw-sqft</p>%s%s%s</product>\n"
                                  "      </function>\n",
                                  name, k, length[ax], coefficient[ax][k],
                                  body && (ax == 0 || ax == 2) ? "<v>-1.0</v>" : "");
        n += (size_t)snprintf(xml + n, sizeof xml - n, "    </axis>\n");
    }
    n += (size_t)snprintf(xml + n, sizeof xml - n,
                          "  </aerodynamics>\n"
                          "  <output name=\"%s/glider.csv\" type=\"CSV\" rate=\"20\">\n"
                          "    <forces>ON</forces> <coefficients>ON</coefficients>\n"
                          "  </output>\n"
                          "</fdm_config>\n",
                          root);
    assert_true(n < sizeof xml);
    temp_root_write(root, "aircraft/glider/glider.xml", xml);
}

static int setup(void **state)
{
    (void)state;
    return temp_root_for_aircraft(root, sizeof root, "saqr_aero", "glider");
}

static int teardown(void **state)
{
    (void)state;
    return temp_root_remove(root);
}

/* 3x3 matrices and their products, as the test's numpy. */
static void mul(const double m[3][3], const double x[3], double y[3])
{
    for (int i = 0; i < 3; i++)
        y[i] = m[i][0] * x[0] + m[i][1] * x[1] + m[i][2] * x[2];
}

static void transpose(const double m[3][3], double t[3][3])
{
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++)
            t[i][j] = m[j][i];
}

/* aero2wind: drag and lift positive against the wind axes' x and z. */
static void flip(const double x[3], double y[3])
{
    y[0] = -x[0];
    y[1] = x[1];
    y[2] = -x[2];
}

/* The frames a native force or moment comes in. */
enum native { N_BODY, N_AXIAL, N_WIND, N_AERO, N_STABILITY };

/* The sum of axis ax's functions (its name `name`). */
static double axis_sum(saqr_fdm *f, const char *name)
{
    char prop[64];
    double s = 0.0;
    for (int k = 0; k < 2; k++) {
        snprintf(prop, sizeof prop, "aero/coefficient/%s%d", name, k);
        s += fdm_get(f, prop);
    }
    return s;
}

static void assert_vector(saqr_fdm *f, const double want[3], const char *const names[3])
{
    for (int i = 0; i < 3; i++)
        if (fabs(want[i] - fdm_get(f, names[i])) > 1e-7)
            fail_msg("%s = %.12g, expected %.12g (t = %.4f s)", names[i], fdm_get(f, names[i]), want[i],
                     saqr_fdm_time(f));
}

/* JSBSim's checkForcesAndMoments: the glider flown 4 s from 8,000 ft, 180
 * kt, alpha 4 deg, beta 5 deg, rolling, its forces and moments checked
 * every frame; then TestAeroFuncOutput's check of its CSV output. */
static void check_frame(const char *const names[3], const char *frame, enum native kind)
{
    write_glider(names, frame);
    saqr_fdm *f = fdm_aircraft_in(root, "glider");
    fdm_set(f, "ic/h-sl-ft", 8000.0);
    fdm_set(f, "ic/vt-kts", 180.0);
    fdm_set(f, "ic/alpha-deg", 4.0);
    fdm_set(f, "ic/beta-deg", 5.0);
    fdm_set(f, "ic/p-rad_sec", 0.3);
    assert_int_equal(saqr_fdm_init(f), SAQR_OK);
    /* the glider's own <output>, written as saqr run writes it */
    assert_int_equal(output_open(f), SAQR_OK);
    assert_int_equal(output_write_due(f), SAQR_OK);
    const double rp[3] = {fdm_get(f, "metrics/aero-rp-x-in"), -fdm_get(f, "metrics/aero-rp-y-in"),
                          fdm_get(f, "metrics/aero-rp-z-in")};
    static const char *const fa_names[3] = {"forces/fwx-aero-lbs", "forces/fwy-aero-lbs", "forces/fwz-aero-lbs"};
    static const char *const fb_names[3] = {"forces/fbx-aero-lbs", "forces/fby-aero-lbs", "forces/fbz-aero-lbs"};
    static const char *const fs_names[3] = {"forces/fsx-aero-lbs", "forces/fsy-aero-lbs", "forces/fsz-aero-lbs"};
    static const char *const mb_names[3] = {"moments/l-aero-lbsft", "moments/m-aero-lbsft", "moments/n-aero-lbsft"};
    static const char *const ms_names[3] = {"moments/roll-stab-aero-lbsft", "moments/pitch-stab-aero-lbsft",
                                            "moments/yaw-stab-aero-lbsft"};
    static const char *const mw_names[3] = {"moments/roll-wind-aero-lbsft", "moments/pitch-wind-aero-lbsft",
                                            "moments/yaw-wind-aero-lbsft"};
    double alpha_lo = 1.0, alpha_hi = -1.0;
    while (saqr_fdm_time(f) < 4.0) {
        assert_int_equal(saqr_fdm_step(f), SAQR_OK);
        assert_int_equal(output_write_due(f), SAQR_OK);
        const double alpha = fdm_get(f, "aero/alpha-rad"), beta = fdm_get(f, "aero/beta-rad");
        alpha_lo = fmin(alpha_lo, alpha);
        alpha_hi = fmax(alpha_hi, alpha);
        const double ca = cos(alpha), sa = sin(alpha), cb = cos(beta), sb = sin(beta);
        const double ts2b[3][3] = {{ca, 0.0, -sa}, {0.0, 1.0, 0.0}, {sa, 0.0, ca}};
        const double tb2w[3][3] = {{ca * cb, sb, sa * cb}, {-ca * sb, cb, -sa * sb}, {-sa, 0.0, ca}};
        double tb2s[3][3], tw2b[3][3];
        transpose(ts2b, tb2s);
        transpose(tb2w, tw2b);
        const double native[3] = {axis_sum(f, names[0]), axis_sum(f, names[1]), axis_sum(f, names[2])};
        const double mnative[3] = {axis_sum(f, "ROLL"), axis_sum(f, "PITCH"), axis_sum(f, "YAW")};
        double fa[3], fb[3], fw[3], tmp[3], mb[3];
        switch (kind) {
        case N_BODY:
            memcpy(fb, native, sizeof fb);
            break;
        case N_AXIAL:
            flip(native, fb);
            break;
        case N_STABILITY:
            flip(native, tmp);
            mul(ts2b, tmp, fb);
            break;
        default: /* wind axes, drag and lift positive */
            flip(native, fw);
            mul(tw2b, fw, fb);
            break;
        }
        mul(tb2w, fb, fw);
        flip(fw, fa);
        /* the moment about the reference point, then about the CG */
        if (kind == N_WIND)
            mul(tw2b, mnative, mb);
        else if (kind == N_STABILITY)
            mul(ts2b, mnative, mb);
        else
            memcpy(mb, mnative, sizeof mb);
        const double cg[3] = {fdm_get(f, "inertia/cg-x-in"), -fdm_get(f, "inertia/cg-y-in"),
                              fdm_get(f, "inertia/cg-z-in")};
        const double arm[3] = {(cg[0] - rp[0]) / 12.0, (cg[1] - rp[1]) / 12.0, (cg[2] - rp[2]) / 12.0};
        mb[0] += arm[1] * fb[2] - arm[2] * fb[1];
        mb[1] += arm[2] * fb[0] - arm[0] * fb[2];
        mb[2] += arm[0] * fb[1] - arm[1] * fb[0];
        double fs[3], ms[3], mw[3];
        mul(tb2s, fb, tmp);
        flip(tmp, fs);
        mul(tb2s, mb, ms);
        mul(tb2w, mb, mw);
        assert_vector(f, fa, fa_names);
        assert_vector(f, fb, fb_names);
        assert_vector(f, fs, fs_names);
        assert_vector(f, mb, mb_names);
        assert_vector(f, ms, ms_names);
        assert_vector(f, mw, mw_names);
    }
    assert_true(alpha_hi - alpha_lo > 0.01); /* the flight swept alpha */
    output_close(f);
    saqr_fdm_destroy(f);
}

/* JSBSim's testDragFunctions: in every row, F_{Drag} over the sum of the
 * DRAG functions' columns (written at six digits) is 1. */
static void the_drag_column_should_be_the_sum_of_the_drag_functions(void **state)
{
    (void)state;
    static const char *const names[3] = {"DRAG", "SIDE", "LIFT"};
    check_frame(names, NULL, N_AERO);
    char path[128];
    snprintf(path, sizeof path, "%s/glider.csv", root);
    FILE *fp = fopen(path, "r");
    assert_non_null(fp);
    static char line[16384];
    assert_non_null(fgets(line, sizeof line, fp));
    int col = 0, c_drag = -1, c_d[2] = {-1, -1};
    for (char *tok = strtok(line, ",\n"); tok; tok = strtok(NULL, ",\n"), col++) {
        if (!strcmp(tok, "F_{Drag} (lbs)"))
            c_drag = col;
        else if (!strcmp(tok, "aero/coefficient/DRAG0"))
            c_d[0] = col;
        else if (!strcmp(tok, "aero/coefficient/DRAG1"))
            c_d[1] = col;
    }
    assert_true(c_drag >= 0 && c_d[0] >= 0 && c_d[1] >= 0);
    int rows = 0;
    while (fgets(line, sizeof line, fp)) {
        double drag = NAN, d[2] = {NAN, NAN};
        col = 0;
        for (char *tok = strtok(line, ",\n"); tok; tok = strtok(NULL, ",\n"), col++) {
            if (col == c_drag)
                drag = atof(tok);
            else if (col == c_d[0])
                d[0] = atof(tok);
            else if (col == c_d[1])
                d[1] = atof(tok);
        }
        assert_near(fabs(drag / (d[0] + d[1])), 1.0, 1e-5);
        rows++;
    }
    fclose(fp);
    assert_int_equal(rows, 81); /* 0 to 4 s at 20 Hz */
}

/* JSBSim's testBodyFrame and testBodyFrameAltSyntax. */
static void body_axes_should_give_the_forces_and_moments_in_every_frame(void **state)
{
    (void)state;
    static const char *const names[3] = {"X", "Y", "Z"};
    check_frame(names, NULL, N_BODY);
    check_frame(names, "BODY", N_BODY);
}

/* JSBSim's testAxialFrame. */
static void axial_normal_axes_should_give_the_forces_and_moments_in_every_frame(void **state)
{
    (void)state;
    static const char *const names[3] = {"AXIAL", "SIDE", "NORMAL"};
    check_frame(names, NULL, N_AXIAL);
}

/* JSBSim's testWindFrame. */
static void wind_axes_should_give_the_forces_and_moments_in_every_frame(void **state)
{
    (void)state;
    static const char *const names[3] = {"X", "Y", "Z"};
    check_frame(names, "WIND", N_WIND);
}

/* JSBSim's testStabilityFrame. */
static void stability_axes_should_give_the_forces_and_moments_in_every_frame(void **state)
{
    (void)state;
    static const char *const names[3] = {"X", "Y", "Z"};
    check_frame(names, "STABILITY", N_STABILITY);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_drag_column_should_be_the_sum_of_the_drag_functions),
        cmocka_unit_test(body_axes_should_give_the_forces_and_moments_in_every_frame),
        cmocka_unit_test(axial_normal_axes_should_give_the_forces_and_moments_in_every_frame),
        cmocka_unit_test(wind_axes_should_give_the_forces_and_moments_in_every_frame),
        cmocka_unit_test(stability_axes_should_give_the_forces_and_moments_in_every_frame),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
