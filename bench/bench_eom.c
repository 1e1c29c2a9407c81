/*
 * bench_eom.c - integration steps per second of a 6-DOF case on the WGS-84
 * Earth with J2 gravity: a tumbling body with products of inertia, drag,
 * a wind shear and the US 1976 atmosphere (everything of NASA case 3 and
 * more), integrated with RK4 (four evaluations per step) and with JSBSim's
 * default one-evaluation schemes.
 *
 * Prints the rate for later comparisons (the JSBSim issue adds JSBSim
 * measured in the same run as the peer).  Usage: bench_eom [seconds]
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "saqr.h"

static int drag_and_damping(const saqr_force_input *in, saqr_force_output *out, void *user)
{
    (void)user;
    double k = -0.5 * in->density_kgpm3 * in->airspeed_true_mps * 0.02;
    for (int i = 0; i < 3; i++) {
        out->force_body_n[i] = k * in->vel_air_body_mps[i];
        out->moment_body_nm[i] = -1e-6 * in->qbar_pa * in->omega_body_radps[i];
    }
    return 0;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static double run(saqr_integrator scheme, double budget_s, double *checksum)
{
    saqr_sim *sim = saqr_create(NULL);
    if (!sim)
        exit(1);
    double j[3][3] = {{0.0019, -0.0001, -0.0002}, {-0.0001, 0.0062, 0.0}, {-0.0002, 0.0, 0.0072}};
    saqr_integrator_config ic = {scheme, scheme, scheme, scheme};
    saqr_wind_config w = {{0.0, 6.0, 0.0}, {0.0, 0.003, 0.0}, 9144.0};
    saqr_initial_state s = {0};
    s.lat_rad = 0.6;
    s.alt_m = 9144.0;
    s.vel_ned_mps[0] = 100.0;
    s.omega_body_radps[0] = 0.17;
    s.omega_body_radps[1] = 0.35;
    s.omega_body_radps[2] = 0.52;
    if (saqr_set_mass(sim, 2.27, j) || saqr_set_integrator(sim, &ic) || saqr_set_wind(sim, &w) ||
        saqr_set_force_model(sim, drag_and_damping, NULL) || saqr_init(sim, &s)) {
        fprintf(stderr, "bench: %s\n", saqr_error(sim));
        exit(1);
    }
    long steps = 0;
    double t0 = now_s(), t1 = t0;
    while (t1 - t0 < budget_s) {
        if (steps % 60000 == 0 && saqr_init(sim, &s) != SAQR_OK) /* a 60 s flight, then again */
            exit(1);
        for (int k = 0; k < 1000; k++)
            if (saqr_step(sim, 0.001) != SAQR_OK) {
                fprintf(stderr, "bench: %s\n", saqr_error(sim));
                exit(1);
                break;
            }
        steps += 1000;
        t1 = now_s();
    }
    saqr_outputs o;
    saqr_get_outputs(sim, &o);
    *checksum = o.alt_m;
    saqr_destroy(sim);
    return (double)steps / (t1 - t0);
}

int main(int argc, char **argv)
{
    double budget = argc > 1 ? atof(argv[1]) : 2.0;
    if (!(budget > 0.0))
        budget = 2.0;
    double c1, c2;
    double rk4 = run(SAQR_INTEG_RK4, budget, &c1);
    double ab = run(SAQR_INTEG_ADAMS_BASHFORTH2, budget, &c2);
    printf("bench_eom: 6-DOF, WGS-84 + J2, US 1976, wind shear, drag and damping\n");
    printf("  RK4 (4 evaluations/step):        %10.0f steps/s\n", rk4);
    printf("  Adams-Bashforth 2 (1 eval/step): %10.0f steps/s\n", ab);
    printf("  (checksums %.3f %.3f)\n", c1, c2);
    return 0;
}
