// seeds: reference/nasa-eom-2015/expected/Atmos_01_DroppedSphere/Atmos_01_sim_05.csv
/*
 * fuzz_csv_table.c - libFuzzer driver for the numeric CSV reader used on
 * reference trajectories: no crash, leak or undefined behaviour; a table
 * that loads is rectangular and its cells are finite or NaN.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "check/csv_table.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    csv_table t;
    saqr_err err = {{0}};
    if (csv_read_memory((const char *)data, size, "fuzz.csv", NULL, &t, &err) == SAQR_OK) {
        for (size_t r = 0; r < t.nrows; r++)
            for (size_t c = 0; c < t.ncols; c++)
                if (isinf(csv_at(&t, r, c)))
                    abort();
        if (t.ncols > 0 && csv_column(&t, t.names[0]) != 0)
            abort();
    } else if (err.msg[0] == '\0') {
        abort();
    }
    csv_free(&t);
    return 0;
}
