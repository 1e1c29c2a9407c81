/*
 * test_jsbsim_turbine.c - the spooling of JSBSim's turbine engine as
 * JSBSim's TestTurbine (testSpoolUp) asks of it, on the reference F-16
 * flying its f16_test script (engine started, throttle ramped up): once
 * N2 passes 15%, every frame N1 and N2 move towards idle + throttle x
 * (max - idle) by exactly the rate FGSpoolUp gives, delay / (1 + 3 (1 -
 * n)^3 + (1 - sigma)) per frame with delay = 90 dt / (BPR + 3) and n =
 * min(1, N2norm + 0.1), N1 spooling down 2.4 times and N2 3 times as fast;
 * at 100% N2 the throttle is closed and the spools run down to idle.
 * Then the same with each of the four rates replaced by an engine
 * <function name="N1SpoolUp"> (N1SpoolDown, N2SpoolUp, N2SpoolDown) of the
 * engine's own N1 / 20 per second, in a copy of the reference root.
 * assertAlmostEqual's seven places of JSBSim's test: 5e-8 %.
 */
#include "fdm_util.h"
#include "temp_root.h"

#include <math.h>

/* F100-PW-229.xml of the reference root */
#define IDLE_N1 40.0
#define IDLE_N2 53.0
#define MAX_N1 100.0
#define MAX_N2 100.0
#define BYPASS_RATIO 0.4

enum { N1_UP, N1_DOWN, N2_UP, N2_DOWN, NO_FUNCTION };
static const char *const function_name[] = {"N1SpoolUp", "N1SpoolDown", "N2SpoolUp", "N2SpoolDown"};

/* The spool rate of `which` (per frame) the engine should use in the
 * frame after this one; `custom` the rate given by a function. */
static double spool_step(saqr_fdm *f, int which, int custom, double dt, double n2norm)
{
    if (which == custom)
        return fdm_get(f, "propulsion/engine/n1") * dt / 20.0;
    static const double factor[] = {1.0, 2.4, 1.0, 3.0};
    const double delay = 90.0 * dt / (BYPASS_RATIO + 3.0);
    const double sigma = fdm_get(f, "atmosphere/sigma");
    const double n = fmin(1.0, n2norm + 0.1);
    return factor[which] * delay / (1.0 + 3.0 * (1.0 - n) * (1.0 - n) * (1.0 - n) + (1.0 - sigma));
}

static double seek(double x, double target, double up, double down)
{
    if (x < target)
        return fmin(x + up, target);
    if (x > target)
        return fmax(x - down, target);
    return x;
}

/* JSBSim's runScript: the script flown until the engine is back at idle
 * with the throttle closed, each frame checked against the prediction
 * made after the frame before. */
static void spools_as_jsbsim(saqr_fdm *f, int custom)
{
    const double dt = fdm_get(f, "simulation/dt");
    double new_n1 = NAN, new_n2 = NAN;
    int checked = 0, closed = 0;
    for (;;) {
        assert_int_equal(saqr_fdm_step(f), SAQR_OK);
        const double n1 = fdm_get(f, "propulsion/engine/n1"), n2 = fdm_get(f, "propulsion/engine/n2");
        const double n2norm = (n2 - IDLE_N2) / (MAX_N2 - IDLE_N2);
        if (n2 >= 100.0) {
            fdm_set(f, "fcs/throttle-cmd-norm", 0.0);
            closed = 1;
        }
        if (n2norm > 0.0) {
            assert_near(n1, new_n1, 5e-8);
            assert_near(n2, new_n2, 5e-8);
            checked++;
        }
        if (n2 > 15.0) {
            const double throttle = fdm_get(f, "fcs/throttle-cmd-norm");
            new_n1 = seek(n1, IDLE_N1 + throttle * (MAX_N1 - IDLE_N1), spool_step(f, N1_UP, custom, dt, n2norm),
                          spool_step(f, N1_DOWN, custom, dt, n2norm));
            new_n2 = seek(n2, IDLE_N2 + throttle * (MAX_N2 - IDLE_N2), spool_step(f, N2_UP, custom, dt, n2norm),
                          spool_step(f, N2_DOWN, custom, dt, n2norm));
        }
        if (n2norm == 0.0 && fdm_get(f, "fcs/throttle-cmd-norm") == 0.0)
            break;
        if (saqr_fdm_time(f) > 300.0)
            fail_msg("N2 %g%% after 300 s (throttle %s)", n2, closed ? "closed at 100%" : "never closed");
    }
    /* from idle up to 100% and down again: 3.5 s (424 frames) */
    assert_true(closed && checked > 300);
}

static void the_spools_follow_jsbsims_default_rates(void **state)
{
    (void)state;
    saqr_fdm *f = fdm_reference_script("f16_test");
    spools_as_jsbsim(f, NO_FUNCTION);
    saqr_fdm_destroy(f);
}

static void a_spool_function_replaces_its_default_rate(void **state)
{
    (void)state;
    for (int which = N1_UP; which <= N2_DOWN; which++) {
        char root[256], text[256];
        assert_int_equal(temp_root_make(root, sizeof root, "saqr_test_spool"), 0);
        snprintf(text, sizeof text,
                 "<function name=\"%s\">\n  <product> <property>propulsion/engine/n1</property> <value>0.05</value> "
                 "</product>\n</function>\n",
                 function_name[which]);
        temp_root_insert(root, "engine/F100-PW-229.xml", "</turbine_engine>", text);
        saqr_fdm *f = fdm_script_in(root, "scripts/f16_test.xml");
        spools_as_jsbsim(f, which);
        saqr_fdm_destroy(f);
        assert_int_equal(temp_root_remove(root), 0);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_spools_follow_jsbsims_default_rates),
        cmocka_unit_test(a_spool_function_replaces_its_default_rate),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
