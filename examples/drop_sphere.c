/*
 * drop_sphere.c - the smallest complete use of libsaqr: a 1-slug sphere
 * with drag (NASA check case 6's vehicle) dropped from 30,000 ft over the
 * WGS-84 Earth, printing altitude, speed and Mach every five seconds.
 *
 *   build/rel/examples/drop_sphere
 */
#include <stdio.h>

#include "saqr.h"

/* Drag along the air-relative velocity: D = qbar S CD. */
static int sphere_drag(const saqr_force_input *in, saqr_force_output *out, void *user)
{
    const double *s_cd = user; /* reference area (m^2) x drag coefficient */
    if (in->airspeed_true_mps <= 0.0)
        return 0;
    for (int i = 0; i < 3; i++)
        out->force_body_n[i] = -in->qbar_pa * *s_cd * in->vel_air_body_mps[i] / in->airspeed_true_mps;
    return 0;
}

int main(void)
{
    double s_cd = 0.018241 * 0.1;                       /* 0.1963 ft^2, CD 0.1 */
    double inertia[3][3] = {{4.88, 0, 0}, {0, 4.88, 0}, {0, 0, 4.88}}; /* kg m^2 */
    saqr_initial_state start = {.alt_m = 9144.0};          /* 30,000 ft, at rest */

    saqr_sim *sim = saqr_create(NULL);
    if (!sim || saqr_set_mass(sim, 14.594, inertia) != SAQR_OK ||
        saqr_set_force_model(sim, sphere_drag, &s_cd) != SAQR_OK || saqr_init(sim, &start) != SAQR_OK) {
        fprintf(stderr, "drop_sphere: %s\n", sim ? saqr_error(sim) : "out of memory");
        saqr_destroy(sim);
        return 1;
    }
    printf("  t (s)   alt (m)   TAS (m/s)   Mach\n");
    for (int k = 0; k <= 3000; k++) {
        if (k % 500 == 0) {
            saqr_outputs o;
            saqr_get_outputs(sim, &o);
            printf("%7.1f %9.1f %11.2f %6.3f\n", o.time_s, o.alt_m, o.airspeed_true_mps, o.mach);
        }
        if (k < 3000 && saqr_step(sim, 0.01) != SAQR_OK) {
            fprintf(stderr, "drop_sphere: %s\n", saqr_error(sim));
            break;
        }
    }
    saqr_destroy(sim);
    return 0;
}
