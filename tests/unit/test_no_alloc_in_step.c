/*
 * test_no_alloc_in_step.c - proves that saqr_step and saqr_get_outputs never
 * allocate: this program is linked with --wrap=malloc/calloc/realloc/free,
 * so every allocation made by any code in the binary (libsaqr included) is
 * counted.  The JSBSim-format aircraft are flown through their scripts,
 * whose events (throttle, trim, autopilot settings) run inside the steps:
 * the trim the c172x's script asks for is part of what must not allocate,
 * and so is a linearisation (simulation/do_linearization).
 */
#include "fdm_util.h"

#include <math.h>

#include "saqr.h"

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t m);
void *__real_realloc(void *p, size_t n);
void __real_free(void *p);

static long allocations;

void *__wrap_malloc(size_t n)
{
    allocations++;
    return __real_malloc(n);
}

void *__wrap_calloc(size_t n, size_t m)
{
    allocations++;
    return __real_calloc(n, m);
}

void *__wrap_realloc(void *p, size_t n)
{
    allocations++;
    return __real_realloc(p, n);
}

void __wrap_free(void *p)
{
    __real_free(p);
}

static int drag_model(const saqr_force_input *in, saqr_force_output *out, void *user)
{
    (void)user;
    for (int i = 0; i < 3; i++) {
        out->force_body_n[i] = -0.05 * in->qbar_pa * in->vel_air_body_mps[i] / (in->airspeed_true_mps + 1.0);
        out->moment_body_nm[i] = -0.1 * in->omega_body_radps[i];
    }
    return 0;
}

static void stepping_should_not_allocate_with_any_integrator(void **state)
{
    (void)state;
    const saqr_integrator schemes[] = {SAQR_INTEG_RK4, SAQR_INTEG_ADAMS_BASHFORTH3};
    for (size_t i = 0; i < 2; i++) {
        saqr_sim *sim = saqr_create(NULL);
        assert_non_null(sim);
        saqr_integrator s = schemes[i];
        saqr_integrator_config ic = {s, s, s, s};
        assert_int_equal(saqr_set_integrator(sim, &ic), SAQR_OK);
        saqr_set_force_model(sim, drag_model, NULL);
        saqr_turbulence_config t = {SAQR_TURB_SEVERE, 0.0, 3};
        assert_int_equal(saqr_set_turbulence(sim, &t), SAQR_OK);
        saqr_initial_state init = {0};
        init.alt_m = 300.0;
        init.vel_ned_mps[0] = 80.0;
        init.omega_body_radps[1] = 0.2;
        assert_int_equal(saqr_init(sim, &init), SAQR_OK);
        long before = allocations;
        saqr_outputs o;
        for (int k = 0; k < 2000; k++) {
            assert_int_equal(saqr_step(sim, 0.005), SAQR_OK);
            assert_int_equal(saqr_get_outputs(sim, &o), SAQR_OK);
        }
        assert_int_equal(allocations - before, 0);
        assert_true(allocations > 0); /* the counter works: create allocated */
        saqr_destroy(sim);
    }
}

/* Loads root/script, initialises, then steps `frames` frames (or to the
 * script's end) and returns how many allocations the steps made; *t_end
 * and *trimmed (simulation/trim-completed) tell what the flight did. */
static long allocations_while_flying(const char *script, int frames, double *t_end, double *trimmed)
{
    char root[1024];
    test_shared_path(root, sizeof root, "reference/jsbsim");
    saqr_fdm *f = saqr_fdm_create(NULL);
    assert_non_null(f);
    if (saqr_fdm_load_script(f, root, script) != SAQR_OK)
        fail_msg("%s: %s", script, saqr_fdm_error(f));
    assert_int_equal(saqr_fdm_init(f), SAQR_OK);
    long before = allocations;
    for (int k = 0; k < frames && !saqr_fdm_script_done(f); k++)
        if (saqr_fdm_step(f) != SAQR_OK)
            fail_msg("%s: step %d: %s", script, k, saqr_fdm_error(f));
    long made = allocations - before;
    *t_end = saqr_fdm_time(f);
    *trimmed = saqr_fdm_get(f, saqr_fdm_property(f, "simulation/trim-completed"));
    saqr_fdm_destroy(f);
    return made;
}

static void flying_the_c172x_cruise_script_with_its_trim_should_not_allocate(void **state)
{
    (void)state;
    double t, trimmed;
    /* 3000 frames = 25 s: past the trim event of c172_cruise_8K (t > 1 s) */
    long made = allocations_while_flying("scripts/c172_cruise_8K.xml", 3000, &t, &trimmed);
    assert_true(t > 20.0);
    assert_true(trimmed == 1.0);
    assert_int_equal(made, 0);
}

static void flying_the_f16_test_script_should_not_allocate(void **state)
{
    (void)state;
    double t, trimmed;
    long made = allocations_while_flying("scripts/f16_test.xml", 3000, &t, &trimmed);
    assert_true(t > 20.0);
    assert_int_equal(made, 0);
}

static void count_model(void *user, const saqr_linear_model *m)
{
    (void)m;
    ++*(int *)user;
}

/* simulation/do_linearization, set as a script event or the API sets it: ~3,500 placings
 * of the aircraft, and the model handed to the sink, without allocating. */
static void a_linearization_should_not_allocate(void **state)
{
    (void)state;
    saqr_fdm *f = fdm_c172_in_flight();
    int models = 0;
    saqr_fdm_set_linear_sink(f, count_model, &models);
    const int running = saqr_fdm_property(f, "propulsion/set-running");
    const int lin = saqr_fdm_property(f, "simulation/do_linearization");
    assert_int_equal(saqr_fdm_set(f, running, -1.0), SAQR_OK);
    long before = allocations;
    assert_int_equal(saqr_fdm_trim(f, SAQR_TRIM_FULL), SAQR_OK);
    assert_int_equal(saqr_fdm_set(f, lin, 0.0), SAQR_OK);
    for (int k = 0; k < 120; k++)
        assert_int_equal(saqr_fdm_step(f), SAQR_OK);
    long made = allocations - before;
    assert_int_equal(models, 1);
    assert_int_equal(made, 0);
    saqr_fdm_destroy(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(stepping_should_not_allocate_with_any_integrator),
        cmocka_unit_test(flying_the_c172x_cruise_script_with_its_trim_should_not_allocate),
        cmocka_unit_test(flying_the_f16_test_script_should_not_allocate),
        cmocka_unit_test(a_linearization_should_not_allocate),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
