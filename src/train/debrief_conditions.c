/*
 * debrief_conditions.c - the weather line of the debrief page.
 */
#include "train/debrief_conditions.h"

#include <math.h>
#include <string.h>

#include "report/svg_plot.h"
#include "train/lesson.h"
#include "train/sortie_control.h"

/* The wind as a pilot reads it: "calm", or "from 004 deg true at 20 kt"
 * (the degree sign and dashes in UTF-8, as the rest of the page). */
static void put_wind(FILE *f, double from_deg, double kt)
{
    if (!(kt >= 0.5)) {
        fputs("calm", f);
        return;
    }
    double d = fmod(floor(from_deg + 0.5), 360.0);
    fprintf(f, "from %03.0f\xC2\xB0 true at %.0f kt", d == 0.0 ? 360.0 : d, kt);
}

void debrief_write_conditions(FILE *f, const rec_data *rec)
{
    int from = rec_channel_index(rec, LESSON_WIND_FROM_CHANNEL), kt = rec_channel_index(rec, LESSON_WIND_KT_CHANNEL);
    int gust = rec_channel_index(rec, LESSON_GUST_CHANNEL);
    if (from < 0 || kt < 0 || rec->nframes == 0)
        return;
    const double *v0 = rec->values;
    fputs("<p class=\"conditions\">Wind at the start: ", f);
    put_wind(f, v0[from], v0[kt]);
    double g0 = gust >= 0 ? v0[gust] : NAN;
    if (g0 >= 0.5)
        fprintf(f, ", gusts to %.0f kt above it", g0);
    fputs(".", f);
    const size_t stride = (size_t)rec->nch;
    double lo = NAN, hi = NAN, glo = NAN, ghi = NAN;
    svg_range(rec->values + kt, rec->nframes, stride, &lo, &hi);
    if (gust >= 0)
        svg_range(rec->values + gust, rec->nframes, stride, &glo, &ghi);
    /* the instructor's changes (the steady wind moves no other way) */
    int turned = 0;
    for (size_t k = 1; k < rec->nframes && !turned; k++) {
        const double *v = rec->values + k * stride;
        turned = v[kt] >= 0.5 && v0[kt] >= 0.5 && fabs(lesson_angle_step_deg(v0[from], v[from])) >= 1.0;
    }
    int faster = hi - lo >= 0.5, gustier = ghi - glo >= 0.5;
    if (faster || gustier || turned) {
        fputs(" Changed during the sortie:", f);
        const char *sep = " ";
        if (faster) {
            fprintf(f, "%sthe wind %.0f\xE2\x80\x93%.0f kt", sep, lo, hi);
            sep = ", ";
        }
        if (turned) {
            fprintf(f, "%sits direction", sep);
            sep = ", ";
        }
        if (gustier)
            fprintf(f, "%sgusts %.0f\xE2\x80\x93%.0f kt", sep, glo, ghi);
        fputs(".", f);
    }
    fputs("</p>\n", f);
}

void debrief_write_sky(FILE *f, const rec_data *rec, const lesson *l)
{
    if (!l)
        return;
    const lesson_setup *ls = &l->setup;
    int set = !isnan(ls->visibility_m) || !isnan(ls->cloud_cover) || !isnan(ls->time_of_day);
    size_t changes = 0;
    for (size_t i = 0; i < rec->nevents; i++)
        changes += strcmp(rec->events[i].kind, "sky") == 0;
    if (!set && changes == 0)
        return;
    sortie_weather w = sortie_weather_unchanged();
    sortie_sky_of_lesson(ls, &w);
    char text[REC_TEXT_MAX];
    sortie_sky_text(&w, text, sizeof text);
    fprintf(f, "<p class=\"conditions\">Sky at the start: %s.", text);
    if (changes) {
        fputs(" Changed by the instructor:", f);
        const char *sep = " ";
        for (size_t i = 0; i < rec->nevents; i++) {
            const rec_event *e = &rec->events[i];
            if (strcmp(e->kind, "sky") != 0)
                continue;
            fprintf(f, "%sat t=%.0f s to ", sep, e->t_s);
            svg_escape(f, e->text);
            sep = "; ";
        }
        fputs(".", f);
    }
    fputs("</p>\n", f);
}
