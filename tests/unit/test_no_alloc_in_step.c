/*
 * test_no_alloc_in_step.c - proves that saqr_step and saqr_get_outputs never
 * allocate: this program is linked with --wrap=malloc/calloc/realloc/free,
 * so every allocation made by any code in the binary (libsaqr included) is
 * counted.
 */
#include "test_util.h"

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(stepping_should_not_allocate_with_any_integrator),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
