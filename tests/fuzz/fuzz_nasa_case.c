// seeds: reference/nasa-eom-2015/models/cannonball_inertia.dml
// repo-seeds: data/nasa/*.xml
/*
 * fuzz_nasa_case.c - libFuzzer driver for the check-case reader: any bytes
 * must give SAQR_OK with a valid case, or an error message; never a crash,
 * a leak or undefined behaviour.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "check/nasa_case.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    nasa_case c;
    saqr_err err = {{0}};
    saqr_status st = nasa_case_load_memory((const char *)data, size, "fuzz.xml", &c, &err);
    if (st == SAQR_OK) {
        /* A case that loads has a usable run length and finite state. */
        if (!(c.duration_s > 0.0) || !(c.step_s > 0.0) || !isfinite(c.init.alt_m))
            abort();
    } else if (err.msg[0] == '\0') {
        abort(); /* every failure explains itself */
    }
    return 0;
}
