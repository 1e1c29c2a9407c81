/*
 * test_linearize.c - saqr_fdm_linearize and simulation/do_linearization
 * (src/fdm/linearize.c) on JSBSim's c172x trimmed in cruise.
 *
 * References independent of the code under test:
 * - the Euler-angle kinematics (phi' = p + ..., theta' = q cos phi -
 *   r sin phi, psi' = (q sin phi + r cos phi) / cos theta) and h' = V sin
 *   gamma fix several entries of A exactly or nearly;
 * - the outputs are the states, so C's diagonal is 1 and D zero but for
 *   the propeller's steady speed;
 * - the nonlinear aircraft itself: the change of its flight after a kick
 *   in pitch rate, against the linear model's prediction.
 * (JSBSim's own matrices for the same conditions are compared in
 * docs/linearization.md; they need JSBSim, which the tests do not.)
 * And JSBSim's TestLinearization: a jet's (the F-16's) model has the
 * twelve states, four inputs, names and units JSBSim's has.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fdm/linearize.h"
#include "fdm_util.h"
#include "script/linear_sce.h"

enum { VT, ALPHA, THETA, Q, RPM, BETA, PHI, P, PSI, R, LAT, LON, ALT, NX };
enum { THROTTLE, AILERON, ELEVATOR, RUDDER };

/* The c172x at reset01 (4,000 ft, 100 kt), engine running, trimmed. */
static saqr_fdm *trimmed_c172(void)
{
    saqr_fdm *f = fdm_c172_in_flight();
    fdm_set(f, "fcs/mixture-cmd-norm", 0.87);
    fdm_set(f, "propulsion/set-running", -1.0);
    assert_int_equal(saqr_fdm_trim(f, SAQR_TRIM_FULL), SAQR_OK);
    return f;
}

static void linearize(saqr_fdm *f, saqr_linear_model *m)
{
    if (saqr_fdm_linearize(f, m) != SAQR_OK)
        fail_msg("linearize: %s", saqr_fdm_error(f));
}

/* One linearisation of the trimmed c172x shared by the tests that only
 * read it (a linearisation is ~3,500 placings: seconds under valgrind),
 * with the values the aircraft had just before it and after it. */
static struct {
    saqr_linear_model m;
    double vt, alpha, rpm, alt, elevator;   /* before */
    double vt_after, alt_after;
    double gravity;
    char log[4096];                         /* what it logged          */
} lin;

static void collect(void *user, const char *msg)
{
    char *buf = user;
    if (strlen(buf) + strlen(msg) + 2 < sizeof lin.log) {
        strcat(buf, msg);
        strcat(buf, "\n");
    }
}

static int linearize_once(void **state)
{
    (void)state;
    saqr_fdm *f = trimmed_c172();
    lin.vt = fdm_get(f, "velocities/vt-fps");
    lin.alpha = fdm_get(f, "aero/alpha-rad");
    lin.rpm = fdm_get(f, "propulsion/engine[0]/propeller-rpm");
    lin.alt = fdm_get(f, "position/h-sl-ft");
    lin.elevator = fdm_get(f, "fcs/elevator-cmd-norm");
    saqr_fdm_set_log(f, collect, lin.log);
    linearize(f, &lin.m);
    lin.vt_after = fdm_get(f, "velocities/vt-fps");
    lin.alt_after = fdm_get(f, "position/h-sl-ft");
    lin.gravity = fdm_get(f, "accelerations/gravity-ft_sec2");
    saqr_fdm_destroy(f);
    return 0;
}

static void the_model_has_jsbsims_states_about_the_present_condition(void **state)
{
    (void)state;
    const saqr_linear_model m = lin.m;
    const double vt = lin.vt, alpha = lin.alpha, rpm = lin.rpm, alt = lin.alt, elevator = lin.elevator;
    /* a propeller aircraft: its speed after q */
    const char *names[NX] = {"Vt", "Alpha", "Theta", "Q", "Rpm0", "Beta", "Phi",
                             "P", "Psi", "R", "Latitude", "Longitude", "Alt"};
    assert_int_equal(m.n_states, NX);
    for (int i = 0; i < NX; i++)
        assert_string_equal(m.state_names[i], names[i]);
    assert_string_equal(m.state_units[RPM], "rev/min");
    assert_string_equal(m.input_names[ELEVATOR], "DeCmd");
    assert_true(fabs(m.x0[VT] - vt) < 1e-9 * vt);
    assert_true(fabs(m.x0[ALPHA] - alpha) < 1e-12);
    assert_true(fabs(m.x0[RPM] - rpm) < 1e-6 * rpm);
    assert_true(fabs(m.x0[ALT] - alt) < 1e-6);
    assert_true(m.u0[ELEVATOR] == elevator);
    /* placed again at x0 afterwards: the flight goes on from there */
    assert_true(fabs(lin.vt_after - vt) < 1e-6 * vt);
    assert_true(fabs(lin.alt_after - alt) < 1e-3);
}

/* JSBSim's TestLinearization (its 737, twin jet; here the F-16, a jet):
 * without a propeller the model has twelve states, four inputs and the
 * states as outputs, named and in the units JSBSim's FGLinearization
 * gives them. */
static void a_jet_has_jsbsims_twelve_states_and_four_inputs(void **state)
{
    (void)state;
    saqr_fdm *f = fdm_reference_aircraft_loaded("f16", "reset00");
    fdm_set(f, "ic/h-sl-ft", 15000.0);
    fdm_set(f, "ic/vc-kts", 350.0);
    fdm_set(f, "ic/gamma-deg", 0.0);
    assert_int_equal(saqr_fdm_init(f), SAQR_OK);
    fdm_set(f, "propulsion/set-running", -1.0);
    assert_int_equal(saqr_fdm_step(f), SAQR_OK);
    assert_int_equal(saqr_fdm_trim(f, SAQR_TRIM_FULL), SAQR_OK);
    saqr_linear_model m;
    linearize(f, &m);
    static const char *const names[12] = {"Vt",  "Alpha", "Theta", "Q",        "Beta",      "Phi",
                                          "P",   "Psi",   "R",     "Latitude", "Longitude", "Alt"};
    static const char *const units[12] = {"ft/s", "rad", "rad",   "rad/s", "rad", "rad",
                                          "rad/s", "rad", "rad/s", "rad",   "rad", "ft"};
    static const char *const inputs[SAQR_LINEAR_INPUTS] = {"ThtlCmd", "DaCmd", "DeCmd", "DrCmd"};
    assert_int_equal(m.n_states, 12);
    for (int i = 0; i < 12; i++) {
        assert_string_equal(m.state_names[i], names[i]);
        assert_string_equal(m.state_units[i], units[i]);
    }
    for (int i = 0; i < SAQR_LINEAR_INPUTS; i++) {
        assert_string_equal(m.input_names[i], inputs[i]);
        assert_string_equal(m.input_units[i], "norm");
    }
    assert_true(fabs(m.x0[0] - fdm_get(f, "velocities/vt-fps")) < 1e-6 * m.x0[0]);
    saqr_fdm_destroy(f);
}

static void kinematic_entries_follow_the_euler_equations(void **state)
{
    (void)state;
    const saqr_linear_model m = lin.m;
    const double phi = m.x0[PHI], theta = m.x0[THETA];
    const double tol = 1e-4;
    assert_true(fabs(m.a[PHI][P] - 1.0) < tol);
    assert_true(fabs(m.a[THETA][Q] - cos(phi)) < tol);
    assert_true(fabs(m.a[THETA][R] + sin(phi)) < tol);
    assert_true(fabs(m.a[PSI][R] - cos(phi) / cos(theta)) < tol);
    /* h' = V sin(theta - alpha) at wings level: dh'/dtheta = V cos(gamma) */
    const double gamma = theta - m.x0[ALPHA];
    assert_true(fabs(m.a[ALT][THETA] - m.x0[VT] * cos(gamma)) < 1e-3 * m.x0[VT]);
    /* dV'/dtheta = -g cos(gamma) (gravity along the path; the Earth's
     * rotation takes up to 0.11 ft/s2 off the apparent g) */
    const double g = lin.gravity;
    if (fabs(m.a[VT][THETA] + g * cos(gamma)) > 0.15)
        fail_msg("dVt'/dtheta = %.6g, -g cos(gamma) = %.6g", m.a[VT][THETA], -g * cos(gamma));
    /* the pitch damping and the elevator's power have their signs */
    assert_true(m.a[Q][Q] < 0.0);
    assert_true(m.b[Q][ELEVATOR] < 0.0);     /* trailing edge down: nose down */
    assert_true(m.b[P][AILERON] != 0.0);
    assert_true(m.b[VT][THROTTLE] > 0.0);
    /* C: each state read back after setting it (off the diagonal, JSBSim's
     * initial-condition setters move other states: beta turns theta) */
    for (int i = 0; i < NX; i++)
        if (i != RPM && fabs(m.c[i][i] - 1.0) > 1e-3)
            fail_msg("C[%d][%d] = %.10g", i, i, m.c[i][i]);
    /* ... except the propeller's speed, which each placing starts again
     * (the engine's InitRunning) and settles: JSBSim's C has 0 there too */
    assert_true(fabs(m.c[RPM][RPM]) < 1e-3);
    /* D: an input moves no state directly, but the propeller's steady
     * speed, which the throttle raises */
    for (int i = 0; i < NX; i++)
        for (int j = 0; j < SAQR_LINEAR_INPUTS; j++)
            if (i != RPM && fabs(m.d[i][j]) > 1e-6 * (1.0 + fabs(m.x0[i])))
                fail_msg("D[%d][%d] = %.10g", i, j, m.d[i][j]);
    assert_true(m.d[RPM][THROTTLE] > 100.0);
}

/* x' = A x + B u from x = 0 except x[i0] = x0, input step `du`, for
 * `t_s`, RK4 at 1/480 s; the states listed only (the rest held at 0). */
static void linear_response(const saqr_linear_model *m, const int *use, int n, const double *du, int i0, double x0,
                            double t_s, double *x)
{
    double k[4][NX], xt[NX];
    memset(x, 0, sizeof(double) * NX);
    memset(xt, 0, sizeof xt);
    x[i0] = x0;
    const double h = 1.0 / 480.0;
    for (double t = 0.0; t < t_s - 1e-9; t += h) {
        for (int s = 0; s < 4; s++) {
            const double c = s == 0 ? 0.0 : s == 3 ? 1.0 : 0.5;
            for (int a = 0; a < n; a++)
                xt[use[a]] = x[use[a]] + (s ? c * h * k[s - 1][use[a]] : 0.0);
            for (int a = 0; a < n; a++) {
                int i = use[a];
                double d = 0.0;
                for (int b = 0; b < n; b++)
                    d += m->a[i][use[b]] * xt[use[b]];
                for (int j = 0; j < SAQR_LINEAR_INPUTS; j++)
                    d += m->b[i][j] * du[j];
                k[s][i] = d;
            }
        }
        for (int a = 0; a < n; a++) {
            int i = use[a];
            x[i] += h / 6.0 * (k[0][i] + 2.0 * k[1][i] + 2.0 * k[2][i] + k[3][i]);
        }
    }
}

/* The trimmed aircraft placed again at its own state, pitch rate q
 * increased by dq (a gust's kick): the free response follows A.  (An
 * elevator step would not do: the c172x's elevator actuator has a
 * hysteresis of 0.05 rad, which a linear model cannot show.) */
static saqr_fdm *kicked_c172(double dq_radps)
{
    saqr_fdm *f = trimmed_c172();
    assert_int_equal(saqr_fdm_capture_ic(f), SAQR_OK);
    if (dq_radps != 0.0)
        fdm_set(f, "ic/q-rad_sec", fdm_get(f, "ic/q-rad_sec") + dq_radps);
    assert_int_equal(saqr_fdm_reposition(f), SAQR_OK);
    return f;
}

static void predicts_the_aircrafts_response_to_a_pitch_rate_kick(void **state)
{
    (void)state;
    const saqr_linear_model m = lin.m;
    const double dq = 0.01;
    saqr_fdm *base = kicked_c172(0.0), *kick = kicked_c172(dq);
    const char *props[] = {"velocities/vt-fps", "aero/alpha-rad", "attitude/theta-rad", "velocities/q-rad_sec"};
    const int idx[4] = {VT, ALPHA, THETA, Q};
    /* the longitudinal states with the engine's speed, from x(0) = dq */
    const int use[] = {VT, ALPHA, THETA, Q, RPM};
    const double du[SAQR_LINEAR_INPUTS] = {0.0, 0.0, 0.0, 0.0};
    int frames = 0;
    for (int check = 0; check < 2; check++) {
        const int until = check == 0 ? 30 : 120;   /* 0.25 s, then 1 s */
        for (; frames < until; frames++) {
            assert_int_equal(saqr_fdm_step(base), SAQR_OK);
            assert_int_equal(saqr_fdm_step(kick), SAQR_OK);
        }
        double x[NX];
        linear_response(&m, use, 5, du, Q, dq, frames / 120.0, x);
        for (int i = 0; i < 4; i++) {
            double sim = fdm_get(kick, props[i]) - fdm_get(base, props[i]);
            printf("t = %.2f s %-22s nonlinear %+.6e linear %+.6e\n", frames / 120.0, props[i], sim, x[idx[i]]);
            assert_true(fabs(sim) > 1e-5);                  /* the kick did something */
            /* within 10%; q, which falls to an eighth of the kick by 0.25 s
             * and dies away by 1 s, within 2.5% of the kick */
            if (fabs(x[idx[i]] - sim) > (idx[i] == Q ? 0.025 * dq : 0.1 * fabs(sim)))
                fail_msg("%s at %.2f s: linear %.6g, nonlinear %.6g", props[i], frames / 120.0, x[idx[i]], sim);
        }
    }
    saqr_fdm_destroy(base);
    saqr_fdm_destroy(kick);
}

typedef struct sink_seen {
    int calls, n_states;
    double vt0;
} sink_seen;

static void sink(void *user, const saqr_linear_model *model)
{
    sink_seen *s = user;
    s->calls++;
    s->n_states = model->n_states;
    s->vt0 = model->x0[0];
}

static void the_property_action_hands_the_model_to_the_sink(void **state)
{
    (void)state;
    saqr_fdm *f = trimmed_c172();
    sink_seen seen = {0, 0, 0.0};
    saqr_fdm_set_linear_sink(f, sink, &seen);
    const double t0 = saqr_fdm_time(f);
    fdm_set(f, "simulation/do_linearization", 0.0);
    assert_int_equal(seen.calls, 1);
    assert_int_equal(seen.n_states, NX);
    assert_true(fabs(seen.vt0 - fdm_get(f, "velocities/vt-fps")) < 1e-6 * seen.vt0);
    assert_true(saqr_fdm_time(f) == t0);       /* the time does not move */
    assert_int_equal(saqr_fdm_step(f), SAQR_OK);
    assert_string_equal(saqr_fdm_aircraft_name(f), "Cessna C-172 Skyhawk II");
    saqr_fdm_destroy(f);
}

static void refused_before_init_and_without_a_model(void **state)
{
    (void)state;
    char root[1024];
    test_shared_path(root, sizeof root, "reference/jsbsim");
    saqr_fdm *f = saqr_fdm_create(NULL);
    saqr_linear_model m;
    assert_int_equal(saqr_fdm_linearize(f, &m), SAQR_ESTATE);
    assert_int_equal(saqr_fdm_load_aircraft(f, root, "c172x"), SAQR_OK);
    assert_int_equal(saqr_fdm_linearize(f, &m), SAQR_ESTATE);
    assert_non_null(strstr(saqr_fdm_error(f), "saqr_fdm_init"));
    int slot = saqr_fdm_property(f, "simulation/do_linearization");
    assert_true(slot >= 0);
    assert_int_equal(saqr_fdm_set(f, slot, 0.0), SAQR_ESTATE);
    assert_int_equal(saqr_fdm_linearize(f, NULL), SAQR_EINVAL);
    assert_int_equal(saqr_fdm_linearize(NULL, &m), SAQR_EINVAL);
    saqr_fdm_destroy(f);
}

/* The file JSBSim's FGLinearization::WriteScicoslab writes, for a model of
 * two states: its layout written out from JSBSim's stream operators
 * (scientific, 10 digits, width 20, the first of each block 19). */
static void the_sce_file_is_laid_out_as_jsbsims(void **state)
{
    (void)state;
    saqr_linear_model m;
    memset(&m, 0, sizeof m);
    m.n_states = 2;
    m.x0[0] = 750.0;
    m.x0[1] = -0.03;
    m.u0[0] = 0.5;
    m.a[0][0] = -1.0;
    m.a[0][1] = 2.5;
    m.a[1][0] = 1e-3;
    m.a[1][1] = -4.0;
    m.b[1][2] = -0.75;
    m.c[0][0] = m.c[1][1] = 1.0;
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    assert_non_null(out);
    linear_sce_write(out, "ac", &m);
    fclose(out);
    const char *want =
        "ac.x0=..\n"
        "[   7.5000000000e+02;\n"
        "   -3.0000000000e-02];\n"
        "ac.u0=..\n"
        "[   5.0000000000e-01;\n"
        "    0.0000000000e+00;\n"
        "    0.0000000000e+00;\n"
        "    0.0000000000e+00];\n"
        "ac.sys = syslin('c',..\n"
        "[  -1.0000000000e+00,    2.5000000000e+00;\n"
        "    1.0000000000e-03,   -4.0000000000e+00],..\n"
        "[   0.0000000000e+00,    0.0000000000e+00,    0.0000000000e+00,    0.0000000000e+00;\n"
        "    0.0000000000e+00,    0.0000000000e+00,   -7.5000000000e-01,    0.0000000000e+00],..\n"
        "[   1.0000000000e+00,    0.0000000000e+00;\n"
        "    0.0000000000e+00,    1.0000000000e+00],..\n"
        "[   0.0000000000e+00,    0.0000000000e+00,    0.0000000000e+00,    0.0000000000e+00;\n"
        "    0.0000000000e+00,    0.0000000000e+00,    0.0000000000e+00,    0.0000000000e+00]);\n"
        "ac.tfm = ss2tf(ac.sys);\n\n";
    if (strcmp(text, want) != 0)
        fail_msg("got:\n%s", text);
    free(text);
    assert_int_equal(linear_sce_save("/nonexistent-folder/x_lin.sce", "x", &m), -1);
}

/* JSBSim's wrapping of differences for angle states, made safe: an
 * untrimmed 737 gave differences of 1e25 for states in radians, which
 * JSBSim's subtract-2-pi loop takes minutes (or, infinite, for ever) to
 * reduce. */
static void differences_wrap_as_jsbsims_and_never_hang(void **state)
{
    (void)state;
    const double pi = 3.14159265358979323846;
    assert_true(fdm_linearize_wrap(1.0, "rad", 1) == 1.0);
    assert_true(fabs(fdm_linearize_wrap(1.5 * pi, "rad", 1) + 0.5 * pi) < 1e-12);
    assert_true(fabs(fdm_linearize_wrap(5.5 * pi, "rad", 1) + 0.5 * pi) < 1e-12);  /* repeated */
    assert_true(fabs(fdm_linearize_wrap(5.5 * pi, "rad", 0) - 3.5 * pi) < 1e-12);  /* once */
    assert_true(fabs(fdm_linearize_wrap(-1.5 * pi, "rad", 1) - 0.5 * pi) < 1e-12);
    assert_true(fdm_linearize_wrap(200.0, "deg", 0) == -160.0);
    assert_true(fdm_linearize_wrap(200.0, "ft/s", 1) == 200.0);
    for (double d = 1e6; d < 1e300; d *= 1e7) {
        double w = fdm_linearize_wrap(d, "rad", 1);
        assert_true(w > -pi - 1e-9 && w <= pi + 1e-9);
    }
    assert_true(isinf(fdm_linearize_wrap(INFINITY, "rad", 1)));
    assert_true(isnan(fdm_linearize_wrap(NAN, "rad", 1)));
}

/* Untrimmed (the c172x at reset01, engine off, gliding down), the model is
 * still made, and the log says the condition is not steady. */
static void an_untrimmed_condition_is_named_in_a_warning(void **state)
{
    (void)state;
    static char log[sizeof lin.log];
    saqr_fdm *f = fdm_c172_in_flight();
    saqr_fdm_set_log(f, collect, log);
    saqr_linear_model m;
    linearize(f, &m);
    assert_non_null(strstr(log, "not steady"));
    assert_non_null(strstr(log, "trim first"));
    for (int i = 0; i < m.n_states; i++)
        for (int j = 0; j < m.n_states; j++)
            assert_true(isfinite(m.a[i][j]));
    saqr_fdm_destroy(f);
    /* and trimmed (the shared model's run), no such warning */
    assert_non_null(strstr(lin.log, "linearization: 13 states"));
    assert_null(strstr(lin.log, "not steady"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_model_has_jsbsims_states_about_the_present_condition),
        cmocka_unit_test(a_jet_has_jsbsims_twelve_states_and_four_inputs),
        cmocka_unit_test(kinematic_entries_follow_the_euler_equations),
        cmocka_unit_test(predicts_the_aircrafts_response_to_a_pitch_rate_kick),
        cmocka_unit_test(the_property_action_hands_the_model_to_the_sink),
        cmocka_unit_test(refused_before_init_and_without_a_model),
        cmocka_unit_test(the_sce_file_is_laid_out_as_jsbsims),
        cmocka_unit_test(differences_wrap_as_jsbsims_and_never_hang),
        cmocka_unit_test(an_untrimmed_condition_is_named_in_a_warning),
    };
    return cmocka_run_group_tests(tests, linearize_once, NULL);
}
