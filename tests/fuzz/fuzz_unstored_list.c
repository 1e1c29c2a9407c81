// repo-seeds: tests/fuzz/corpus/fuzz_unstored_list/*
/*
 * fuzz_unstored_list.c - libFuzzer driver for the station's list of
 * sorties waiting for the records (src/station/station_unstored.c):
 * station_unstored_parse on any text fills at most its maximum of
 * sorties, each with a recording and a trainee and every field
 * NUL-terminated within its size and free of tabs and line breaks; a
 * line it does not take is reported by number.  Never a crash, a leak or
 * undefined behaviour.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "station/station_internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_field(const char *x, size_t size, int required)
{
    size_t n = strnlen(x, size);
    if (n == size || (required && n == 0) || strpbrk(x, "\t\n"))
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    station_unstored out[4];
    int bad_line = -1;
    int n = station_unstored_parse(text, out, 4, &bad_line);
    if (n < 0 || bad_line < 0)
        abort();
    for (int i = 0; i < n && i < 4; i++) {
        check_field(out[i].record_path, sizeof out[i].record_path, 1);
        check_field(out[i].trainee_number, sizeof out[i].trainee_number, 1);
        check_field(out[i].instructor_number, sizeof out[i].instructor_number, 0);
        check_field(out[i].started_utc, sizeof out[i].started_utc, 0);
    }
    free(text);
    return 0;
}
