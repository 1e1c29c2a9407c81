// repo-seeds: aircraft/*/qtg.xml tests/fuzz/corpus/fuzz_qtg_plan/*
/*
 * fuzz_qtg_plan.c - libFuzzer driver for the qualification-plan reader:
 * any bytes give a plan whose tests are complete, or an error message;
 * never a crash, a leak or undefined behaviour.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "qtg/qtg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static qtg_plan plan;
    saqr_err err = {{0}};
    saqr_status st = qtg_plan_load_memory((const char *)data, size, "fuzz.xml", &plan, &err);
    if (st == SAQR_OK) {
        if (plan.ntests < 1 || plan.ntests > QTG_MAX_TESTS)
            abort();
        for (int i = 0; i < plan.ntests; i++) {
            double lo, hi;
            qtg_band(&plan.tests[i], &lo, &hi);
            if (!(lo <= hi) || !plan.tests[i].source[0])
                abort(); /* every figure has a band and a source */
        }
    } else if (err.msg[0] == '\0') {
        abort(); /* every failure explains itself */
    }
    return 0;
}
