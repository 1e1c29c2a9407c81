// repo-seeds: lessons/*/*.xml
/*
 * fuzz_lesson.c - arbitrary bytes as a lesson file: an error or a lesson,
 * never a crash or a leak; a lesson that reads is also bound to the
 * recorded channel list.
 */
#include <stddef.h>
#include <stdint.h>

#include "train/lesson.h"
#include "train/sortie.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    lesson l;
    saqr_err err;
    if (lesson_parse_memory((const char *)data, size, "fuzz.xml", &l, &err) == SAQR_OK) {
        const char *names[64];
        int n = sortie_channel_count();
        for (int i = 0; i < n && i < 64; i++)
            names[i] = sortie_channel(i)->name;
        (void)lesson_bind(&l, names, n < 64 ? n : 64, &err);
    }
    lesson_free(&l);
    return 0;
}
