// seeds: reference/nasa-eom-2015/models/*.dml reference/nasa-eom-2015/models/F16_package/F16_S119_source/*.dml
/*
 * fuzz_daveml.c - libFuzzer driver for the DAVE-ML loader and evaluator
 * (src/load/daveml).  Loads the input as a DAVE-ML file; when it loads,
 * exercises every accessor, runs its checkData, and evaluates it at a few
 * input values (including extremes) to reach the interpolation and the
 * machine.  Any crash, leak, sanitizer report or timeout is a bug.
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>

#include "load/daveml/daveml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    daveml_model *m = NULL;
    saqr_err err = {{0}};
    if (daveml_load_memory((const char *)data, size, "fuzz.dml", NULL, &m, &err) != SAQR_OK)
        return 0;
    int shots = 0, failed = 0;
    (void)daveml_run_checkdata(m, &shots, &failed, &err);
    static const double probes[] = {0.0, -1.5, 3.25, 1e6, -1e300, NAN};
    int n = (int)daveml_count(m);
    for (size_t p = 0; p < sizeof probes / sizeof probes[0]; p++) {
        for (int s = 0; s < n; s++)
            if (daveml_is_input(m, s))
                daveml_set(m, s, probes[p] * (double)(s + 1));
        daveml_eval(m);
    }
    double sum = 0.0;
    for (int s = 0; s < n; s++) {
        sum += daveml_get(m, s);
        (void)daveml_find(m, daveml_varid(m, s));
        (void)daveml_find(m, daveml_name(m, s));
        (void)daveml_units(m, s);
        (void)daveml_is_output(m, s);
    }
    (void)sum;
    daveml_free(m);
    return 0;
}
