// repo-seeds: lessons/*/*.xml
/*
 * fuzz_lesson.c - arbitrary bytes as a lesson file: an error or a lesson,
 * never a crash or a leak; a lesson that reads is also bound to the
 * recorded channel list, its briefing page is written (whatever its
 * texts and numbers), and each leg of its route (a diversion's made
 * from its destination's antipode) is measured and planned at the far
 * side of the world and in a gale (no NaN-to-integer, no
 * overflow: UBSan watches); an exercise's circle about a point is begun
 * and flown round from the far side of the world and at the poles' edge.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "train/briefing.h"
#include "train/lesson.h"
#include "train/lesson_route.h"
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
        for (int i = 0; i < l.nexercises; i++) {
            char about[160];
            if (!lesson_around_text(&l, i, about, sizeof about))
                continue;
            /* t, lat, lon, heading, then the derived channels */
            const char *cn[4] = {"t-s", "lat-deg", "lon-deg", "heading-deg"};
            lesson_derived_inputs in = lesson_derived_inputs_find(cn, 4);
            lesson_derived d;
            lesson_derived_init(&d, 4, &in);
            const lesson_around *a = &l.exercises[i].around;
            double v[4 + LESSON_NDERIVED] = {0.0, 84.99, a->lon_deg + 179.9, 359.0};
            if (!(v[2] == v[2]))
                v[2] = 180.0;
            lesson_derived_begin(&d, v, NULL, a);
            v[0] = 1.0;
            v[1] = -a->lat_deg;
            lesson_derived_update(&d, v);
        }
        for (int i = 0; i < l.nexercises; i++) {
            const lesson_leg *leg = &l.exercises[i].leg;
            lesson_leg made;
            if (leg->from == LESSON_LEG_DIVERT) {
                /* a diversion called at its destination (no leg), then
                 * from the far side of the world */
                (void)lesson_leg_divert(&made, leg, leg->to_lat_deg, leg->to_lon_deg);
                if (!lesson_leg_divert(&made, leg, -leg->to_lat_deg, leg->to_lon_deg + 179.9))
                    continue;
                leg = &made;
            } else if (leg->from < 0) {
                continue;
            }
            double along, xtk, hdg, gs;
            lesson_leg_locate(leg, -leg->lat0_deg, leg->lon0_deg + 179.9, &along, &xtk);
            lesson_leg_plan(leg, leg->plan_tas_kt, leg->course_deg + 90.0, 2.0 * leg->plan_tas_kt, &hdg, &gs);
        }
    }
    lesson_free(&l);
    return 0;
}
