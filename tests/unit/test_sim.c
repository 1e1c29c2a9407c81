/*
 * test_sim.c - the public API of saqr.h: closed-form free fall, bad input
 * rejected with the field named, determinism and independence of
 * instances, caller-supplied allocators.
 */
#include "test_util.h"

#include <math.h>

#include "saqr.h"

static saqr_sim *flat_sim(void)
{
    saqr_sim *sim = saqr_create(NULL);
    assert_non_null(sim);
    saqr_earth_config e = saqr_earth_default(SAQR_EARTH_FLAT);
    assert_int_equal(saqr_set_earth(sim, &e), SAQR_OK);
    return sim;
}

static void free_fall_on_a_flat_earth_should_follow_half_g_t_squared(void **state)
{
    (void)state;
    saqr_sim *sim = flat_sim();
    saqr_initial_state s = {0};
    s.alt_m = 1000.0;
    s.vel_ned_mps[0] = 20.0;
    assert_int_equal(saqr_init(sim, &s), SAQR_OK);
    for (int k = 0; k < 1000; k++)
        assert_int_equal(saqr_step(sim, 0.01), SAQR_OK);
    saqr_outputs o;
    assert_int_equal(saqr_get_outputs(sim, &o), SAQR_OK);
    assert_near(o.time_s, 10.0, 1e-9);
    assert_near(o.alt_m, 1000.0 - 0.5 * 9.80665 * 100.0, 1e-6);
    assert_near(o.vel_ned_mps[2], 98.0665, 1e-9);
    assert_near(o.pos_ecef_m[0], 200.0, 1e-9);
    saqr_destroy(sim);
}

static void init_should_reject_non_finite_values_and_name_the_field(void **state)
{
    (void)state;
    saqr_sim *sim = saqr_create(NULL);
    saqr_initial_state s = {0};
    s.lat_rad = NAN;
    assert_int_equal(saqr_init(sim, &s), SAQR_EINVAL);
    assert_non_null(strstr(saqr_error(sim), "lat_rad"));
    s.lat_rad = 0.0;
    s.vel_ned_mps[1] = INFINITY;
    assert_int_equal(saqr_init(sim, &s), SAQR_EINVAL);
    assert_non_null(strstr(saqr_error(sim), "vel_ned_mps"));
    s.vel_ned_mps[1] = 0.0;
    s.omega_body_radps[2] = NAN;
    assert_int_equal(saqr_init(sim, &s), SAQR_EINVAL);
    assert_non_null(strstr(saqr_error(sim), "omega_body_radps"));
    s.omega_body_radps[2] = 0.0;
    s.lat_rad = 2.0;
    assert_int_equal(saqr_init(sim, &s), SAQR_EINVAL);
    assert_int_equal(saqr_step(sim, 0.01), SAQR_ESTATE);
    assert_non_null(strstr(saqr_error(sim), "saqr_init"));
    saqr_destroy(sim);
}

static void setters_should_reject_bad_values_and_keep_the_old_ones(void **state)
{
    (void)state;
    saqr_sim *sim = flat_sim();
    double bad[3][3] = {{1, 0, 0}, {0, -1, 0}, {0, 0, 1}};
    assert_int_equal(saqr_set_mass(sim, 1.0, bad), SAQR_EINVAL);
    assert_non_null(strstr(saqr_error(sim), "positive definite"));
    double asym[3][3] = {{1, 0.1, 0}, {0, 1, 0}, {0, 0, 1}};
    assert_int_equal(saqr_set_mass(sim, 1.0, asym), SAQR_EINVAL);
    assert_int_equal(saqr_set_mass(sim, NAN, bad), SAQR_EINVAL);
    assert_non_null(strstr(saqr_error(sim), "mass_kg"));
    saqr_wind_config w = {{0, 0, 0}, {0, 0, 0}, NAN};
    assert_int_equal(saqr_set_wind(sim, &w), SAQR_EINVAL);
    saqr_turbulence_config t = {SAQR_TURB_SEVERE, -3.0, 1};
    assert_int_equal(saqr_set_turbulence(sim, &t), SAQR_EINVAL);
    t.wind20_mps = 0.0;
    t.severity = (saqr_turb_severity)9;
    assert_int_equal(saqr_set_turbulence(sim, &t), SAQR_EINVAL);
    saqr_initial_state s = {0};
    s.alt_m = 100.0;
    assert_int_equal(saqr_init(sim, &s), SAQR_OK);
    assert_int_equal(saqr_step(sim, NAN), SAQR_EINVAL);
    assert_int_equal(saqr_step(sim, -0.1), SAQR_EINVAL);
    assert_int_equal(saqr_step(sim, 0.01), SAQR_OK); /* still usable */
    saqr_destroy(sim);
}

static int failing_model(const saqr_force_input *in, saqr_force_output *out, void *user)
{
    (void)out;
    int *calls = user;
    (*calls)++;
    return in->time_s > 0.05; /* fails from the sixth step on */
}

static void a_failing_force_model_should_fail_the_step_and_keep_the_state(void **state)
{
    (void)state;
    saqr_sim *sim = flat_sim();
    int calls = 0;
    saqr_set_force_model(sim, failing_model, &calls);
    saqr_initial_state s = {0};
    s.alt_m = 500.0;
    assert_int_equal(saqr_init(sim, &s), SAQR_OK);
    saqr_status st = SAQR_OK;
    int k = 0;
    while (st == SAQR_OK && k < 100) {
        st = saqr_step(sim, 0.01);
        k++;
    }
    assert_int_equal(st, SAQR_EINVAL);
    assert_non_null(strstr(saqr_error(sim), "force model"));
    saqr_outputs o;
    saqr_get_outputs(sim, &o);
    assert_near(o.time_s, 0.01 * (k - 1), 1e-12);
    saqr_destroy(sim);
}

/* A turbulent sphere-like drag model so every part of the step is used. */
static int drag_model(const saqr_force_input *in, saqr_force_output *out, void *user)
{
    (void)user;
    double k = -in->qbar_pa * 0.2 * 0.5 / (in->airspeed_true_mps > 0 ? in->airspeed_true_mps : 1.0);
    for (int i = 0; i < 3; i++) {
        out->force_body_n[i] = k * in->vel_air_body_mps[i];
        out->moment_body_nm[i] = -0.01 * in->omega_body_radps[i];
    }
    return 0;
}

static saqr_initial_state turbulent_start(void)
{
    saqr_initial_state s = {0};
    s.lat_rad = 0.5;
    s.alt_m = 1500.0;
    s.vel_ned_mps[0] = 60.0;
    s.omega_body_radps[0] = 0.3;
    return s;
}

static saqr_sim *turbulent_sim(uint64_t seed)
{
    saqr_sim *sim = saqr_create(NULL);
    double j[3][3] = {{3, 0, -0.2}, {0, 4, 0}, {-0.2, 0, 5}};
    assert_int_equal(saqr_set_mass(sim, 14.0, j), SAQR_OK);
    saqr_set_force_model(sim, drag_model, NULL);
    saqr_turbulence_config t = {SAQR_TURB_MODERATE, 0.0, seed};
    assert_int_equal(saqr_set_turbulence(sim, &t), SAQR_OK);
    saqr_wind_config w = {{2.0, 5.0, 0.0}, {0.0, 0.001, 0.0}, 0.0};
    assert_int_equal(saqr_set_wind(sim, &w), SAQR_OK);
    saqr_initial_state s = turbulent_start();
    assert_int_equal(saqr_init(sim, &s), SAQR_OK);
    return sim;
}

static void two_instances_side_by_side_should_match_one_alone_bit_for_bit(void **state)
{
    (void)state;
    saqr_sim *alone = turbulent_sim(42);
    for (int k = 0; k < 500; k++)
        assert_int_equal(saqr_step(alone, 0.01), SAQR_OK);
    saqr_outputs ref;
    saqr_get_outputs(alone, &ref);

    saqr_sim *a = turbulent_sim(42), *b = turbulent_sim(7);
    for (int k = 0; k < 500; k++) {
        assert_int_equal(saqr_step(a, 0.01), SAQR_OK);
        assert_int_equal(saqr_step(b, 0.01), SAQR_OK);
    }
    saqr_outputs oa, ob;
    saqr_get_outputs(a, &oa);
    saqr_get_outputs(b, &ob);
    assert_memory_equal(&oa, &ref, sizeof ref);
    /* A different seed gives different gusts, so the test can fail. */
    assert_true(memcmp(&ob, &ref, sizeof ref) != 0);
    assert_true(fabs(ref.wind_ned_mps[2]) > 0.0);
    saqr_destroy(alone);
    saqr_destroy(a);
    saqr_destroy(b);
}

/* What the force model is told: the rates relative to the air differ
 * from the body rates by the turbulence's rotary gusts only. */
typedef struct rate_log {
    double sum2[3], max_calm;
    int n;
} rate_log;

static int rate_logger(const saqr_force_input *in, saqr_force_output *out, void *user)
{
    rate_log *log = user;
    for (int k = 0; k < 3; k++) {
        double d = in->omega_body_radps[k] - in->omega_air_body_radps[k];
        log->sum2[k] += d * d;
        out->force_body_n[k] = out->moment_body_nm[k] = 0.0;
    }
    log->n++;
    return 0;
}

static void the_force_model_should_see_the_air_turning_in_turbulence(void **state)
{
    (void)state;
    double rms_p[2];
    for (int turbulent = 0; turbulent < 2; turbulent++) {
        rate_log log = {{0, 0, 0}, 0, 0};
        saqr_sim *sim = saqr_create(NULL);
        double j[3][3] = {{3, 0, 0}, {0, 4, 0}, {0, 0, 5}};
        assert_int_equal(saqr_set_mass(sim, 14.0, j), SAQR_OK);
        saqr_set_force_model(sim, rate_logger, &log);
        saqr_turbulence_config t = {turbulent ? SAQR_TURB_MODERATE : SAQR_TURB_NONE, 0.0, 3};
        assert_int_equal(saqr_set_turbulence(sim, &t), SAQR_OK);
        saqr_initial_state s = turbulent_start();
        s.alt_m = 3000.0; /* falling freely, still above 2,000 ft (L_w = 1,750 ft) after 20 s */
        assert_int_equal(saqr_init(sim, &s), SAQR_OK);
        for (int k = 0; k < 2000; k++)
            assert_int_equal(saqr_step(sim, 0.01), SAQR_OK);
        rms_p[turbulent] = sqrt(log.sum2[0] / log.n);
        if (!turbulent)
            for (int k = 0; k < 3; k++)
                assert_true(log.sum2[k] == 0.0);
        else
            assert_true(log.sum2[1] > 0.0 && log.sum2[2] > 0.0);
        saqr_destroy(sim);
    }
    /* MIL-F-8785C's p_g spectrum: sigma_p^2 = sigma_w^2 0.8 pi^2 (pi/4b)^(1/3)
     * / (8 b L_w^(2/3)), b the 10 m span the core simulation's turbulence
     * assumes; moderate sigma_w is ~3 m/s at these heights (10.6 ft/s at
     * 3,750 ft) */
    const double pi = 3.14159265358979323846, b = 10.0, lw = 1750.0 * 0.3048;
    const double sigma_p = 3.0 * sqrt(0.8 * pi * pi * cbrt(pi / (4.0 * b)) / (8.0 * b * pow(lw, 2.0 / 3.0)));
    printf("rms p_g %.4f rad/s against sigma_p %.4f\n", rms_p[1], sigma_p);
    assert_true(rms_p[1] > 0.4 * sigma_p && rms_p[1] < 2.5 * sigma_p);
}

static void reinitialising_should_replay_the_same_flight(void **state)
{
    (void)state;
    saqr_sim *sim = turbulent_sim(5);
    saqr_outputs first, second;
    for (int k = 0; k < 200; k++)
        saqr_step(sim, 0.02);
    saqr_get_outputs(sim, &first);
    saqr_initial_state s = turbulent_start();
    assert_int_equal(saqr_init(sim, &s), SAQR_OK);
    for (int k = 0; k < 200; k++)
        saqr_step(sim, 0.02);
    saqr_get_outputs(sim, &second);
    assert_memory_equal(&first, &second, sizeof first);
    saqr_destroy(sim);
}

typedef struct counting {
    int allocs, frees;
} counting;

static void *count_alloc(size_t n, void *ctx)
{
    ((counting *)ctx)->allocs++;
    return malloc(n);
}

static void count_free(void *p, void *ctx)
{
    ((counting *)ctx)->frees++;
    free(p);
}

static void a_caller_allocator_should_see_every_allocation(void **state)
{
    (void)state;
    counting c = {0, 0};
    saqr_allocator a = {count_alloc, count_free, &c};
    saqr_sim *sim = saqr_create(&a);
    assert_non_null(sim);
    assert_true(c.allocs >= 1);
    saqr_destroy(sim);
    assert_int_equal(c.allocs, c.frees);
    assert_string_equal(saqr_status_name(SAQR_EPARSE), "malformed input");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(free_fall_on_a_flat_earth_should_follow_half_g_t_squared),
        cmocka_unit_test(init_should_reject_non_finite_values_and_name_the_field),
        cmocka_unit_test(setters_should_reject_bad_values_and_keep_the_old_ones),
        cmocka_unit_test(a_failing_force_model_should_fail_the_step_and_keep_the_state),
        cmocka_unit_test(two_instances_side_by_side_should_match_one_alone_bit_for_bit),
        cmocka_unit_test(the_force_model_should_see_the_air_turning_in_turbulence),
        cmocka_unit_test(reinitialising_should_replay_the_same_flight),
        cmocka_unit_test(a_caller_allocator_should_see_every_allocation),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
