// repo-seeds: lessons/*/*.xml
/*
 * fuzz_lesson.c - arbitrary bytes as a lesson file: an error or a lesson,
 * never a crash or a leak; a lesson that reads is also bound to the
 * recorded channel list, and its briefing page is written (whatever its
 * texts and numbers).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "train/briefing.h"
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
        char *page = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&page, &len);
        if (f) {
            (void)briefing_write_html(&l, f);
            fclose(f);
        }
        free(page);
    }
    lesson_free(&l);
    return 0;
}
