/*
 * batch_elevator_sweep.c - the batch API (include/saqr_batch.h) in a few
 * lines: 1,000 of JSBSim's c172x trimmed in level flight at 4,000 ft,
 * each given its own elevator step from -0.25 to +0.25 off the trim, flown
 * 20 s on every core; prints how the altitude change spreads with the
 * elevator (nose-up steps climb, nose-down steps dive; steps within the
 * elevator actuator's hysteresis, about +-0.06, change nothing; the
 * steepest dives reach the ground, and those aircraft stop there alone).
 *
 *   build/rel/examples/batch_elevator_sweep [JSBSIM_ROOT]
 *   (default root: ../shared/reference/jsbsim)
 */
#include <stdio.h>
#include <stdlib.h>

#include "saqr.h"
#include "saqr_batch.h"

#define N 1000

int main(int argc, char **argv)
{
    const char *root = argc > 1 ? argv[1] : "../shared/reference/jsbsim";
    saqr_fdm *model = saqr_fdm_create(NULL);
    if (!model || saqr_fdm_load_aircraft(model, root, "c172x") || saqr_fdm_load_initfile(model, "reset01") ||
        saqr_fdm_set(model, saqr_fdm_property(model, "propulsion/set-running"), -1) ||
        saqr_fdm_set(model, saqr_fdm_property(model, "fcs/throttle-cmd-norm"), 0.7) ||
        saqr_fdm_set(model, saqr_fdm_property(model, "fcs/mixture-cmd-norm"), 0.9) || saqr_fdm_init(model) ||
        saqr_fdm_trim(model, SAQR_TRIM_FULL)) {
        fprintf(stderr, "c172x: %s\n", model ? saqr_fdm_error(model) : "out of memory");
        saqr_fdm_destroy(model);
        return 1;
    }
    const int alt = saqr_fdm_property(model, "position/h-sl-ft");
    const double alt0_ft = saqr_fdm_get(model, alt);

    saqr_batch *batch = saqr_batch_create(NULL);
    if (!batch || saqr_batch_fill(batch, model, N, 0)) {
        fprintf(stderr, "batch: %s\n", batch ? saqr_batch_error(batch) : "out of memory");
        saqr_batch_destroy(batch);
        saqr_fdm_destroy(model);
        return 1;
    }
    const int elev = saqr_fdm_property(model, "fcs/elevator-cmd-norm");
    const double trim = saqr_fdm_get(model, elev);
    static double elevator[N], alt_ft[N];
    for (int i = 0; i < N; i++)
        elevator[i] = trim - 0.25 + 0.5 * i / (N - 1);
    saqr_status st = saqr_batch_set(batch, elev, elevator);
    int crashed = 0;
    if (!st && saqr_batch_step(batch, 20 * 120) != SAQR_OK) {
        /* an aircraft that flew into the ground stopped there; the others
         * flew on */
        for (int i = 0; i < N; i++)
            crashed += saqr_batch_failed(batch, i);
        printf("%d aircraft stopped early: %s\n", crashed, saqr_batch_error(batch));
    }
    if (!st)
        st = saqr_batch_get(batch, alt, alt_ft);
    if (st) {
        fprintf(stderr, "batch: %s\n", saqr_batch_error(batch));
    } else {
        printf("%d aircraft on %d threads, %zu bytes each beyond the model\n", N, saqr_batch_threads(batch),
               saqr_batch_bytes_per_aircraft(batch));
        printf("elevator (trim %+.4f)   altitude change after 20 s (ft)\n", trim);
        for (int i = 0; i < N; i += N / 20) {
            if (saqr_batch_failed(batch, i))
                printf("%+8.4f                (into the ground)\n", elevator[i]);
            else
                printf("%+8.4f                %+8.1f\n", elevator[i], alt_ft[i] - alt0_ft);
        }
    }
    saqr_batch_destroy(batch);
    saqr_fdm_destroy(model);
    return st ? 1 : 0;
}
