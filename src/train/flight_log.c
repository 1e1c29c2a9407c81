/*
 * flight_log.c - a navigation lesson's flight log (see flight_log.h).
 * Reference: FAA-H-8083-25C ch. 16, "Flight planning" (the navigation log:
 * true course, wind correction, true heading, ground speed, time).
 */
#include "train/flight_log.h"

#include <math.h>

#include "math/angle.h"
#include "report/svg_plot.h"
#include "train/lesson_route.h"

#define DIVERSION_FROM "where the diversion is called"
#define DIVERSION_PLAN "a diversion: course, distance, heading, ground speed and time worked out in the air"

int flight_log_lines(const lesson *l, flight_log_line *out, int max)
{
    int n = 0;
    const lesson_setup *s = &l->setup;
    double wind_kt = isnan(s->wind_kt) ? 0.0 : s->wind_kt, wind_from = isnan(s->wind_from_deg) ? 0.0
                                                                                                  : s->wind_from_deg;
    for (int i = 0; i < l->nexercises && n < max; i++) {
        const lesson_exercise *e = &l->exercises[i];
        const lesson_leg *divert = lesson_exercise_diversion(l, i);
        if (divert) {
            /* its start is wherever the instructor calls it */
            flight_log_line *ln = &out[n++];
            ln->ex = e;
            ln->from = NULL;
            ln->to = &l->route.cp[divert->to];
            ln->course_deg = ln->dist_nm = ln->heading_deg = ln->gs_kt = ln->time_min = NAN;
            continue;
        }
        if (!lesson_exercise_leg(l, i))
            continue;
        flight_log_line *ln = &out[n++];
        ln->ex = e;
        ln->from = &l->route.cp[e->leg.from];
        ln->to = &l->route.cp[e->leg.to];
        ln->course_deg = e->leg.course_deg;
        ln->dist_nm = e->leg.length_nm;
        ln->heading_deg = ln->gs_kt = ln->time_min = NAN;
        if (!isnan(e->leg.plan_tas_kt)) {
            lesson_leg_plan(&e->leg, e->leg.plan_tas_kt, wind_from, wind_kt, &ln->heading_deg, &ln->gs_kt);
            if (ln->gs_kt > 0.0)
                ln->time_min = ln->dist_nm / ln->gs_kt * 60.0;
        }
    }
    return n;
}

void flight_log_write_html(FILE *f, const lesson *l)
{
    flight_log_line lines[LESSON_MAX_CHECKPOINTS * 4];
    int n = flight_log_lines(l, lines, (int)(sizeof lines / sizeof lines[0]));
    if (n == 0)
        return;
    fputs("<h2>Flight log</h2>\n<p>", f);
    if (!isnan(l->route.tas_kt))
        fprintf(f, "Planned true airspeed %.0f kt, in the forecast wind (the start's). ", l->route.tas_kt);
    fputs("Courses and headings true.</p>\n<table id=\"flight-log\"><tr><th>leg</th><th>from</th><th>to</th>"
          "<th>course</th><th>distance</th><th>heading</th><th>ground speed</th><th>time</th></tr>\n", f);
    for (int i = 0; i < n; i++) {
        const flight_log_line *ln = &lines[i];
        fputs("<tr><td>", f);
        svg_escape(f, ln->ex->id);
        fputs("</td><td>", f);
        svg_escape(f, ln->from ? ln->from->name : DIVERSION_FROM);
        fputs("</td><td>", f);
        svg_escape(f, ln->to->name);
        if (!ln->from) {
            fputs("</td><td colspan=\"5\">" DIVERSION_PLAN "</td></tr>\n", f);
            continue;
        }
        fprintf(f, "</td><td>%03.0f&deg;</td><td>%.1f nm</td>", angle_compass_deg(ln->course_deg), ln->dist_nm);
        if (isnan(ln->heading_deg))
            fputs("<td>&ndash;</td><td>&ndash;</td><td>&ndash;</td></tr>\n", f);
        else if (isnan(ln->time_min))
            fprintf(f, "<td>%03.0f&deg;</td><td>%.0f kt</td><td>no headway</td></tr>\n", angle_compass_deg(ln->heading_deg),
                    ln->gs_kt);
        else
            fprintf(f, "<td>%03.0f&deg;</td><td>%.0f kt</td><td>%.1f min</td></tr>\n", angle_compass_deg(ln->heading_deg),
                    ln->gs_kt, ln->time_min);
    }
    fputs("</table>\n", f);
}

void flight_log_write_text(FILE *f, const lesson *l)
{
    flight_log_line lines[LESSON_MAX_CHECKPOINTS * 4];
    int n = flight_log_lines(l, lines, (int)(sizeof lines / sizeof lines[0]));
    if (n == 0)
        return;
    fprintf(f, "\nFlight log (true; planned TAS ");
    if (isnan(l->route.tas_kt))
        fputs("not given", f);
    else
        fprintf(f, "%.0f kt", l->route.tas_kt);
    fputs(", in the start's wind):\n", f);
    for (int i = 0; i < n; i++) {
        const flight_log_line *ln = &lines[i];
        if (!ln->from) {
            fprintf(f, "  %-10s %s -> %s: %s\n", ln->ex->id, DIVERSION_FROM, ln->to->name, DIVERSION_PLAN);
            continue;
        }
        fprintf(f, "  %-10s %s -> %s: course %03.0f, %.1f nm", ln->ex->id, ln->from->name, ln->to->name,
                angle_compass_deg(ln->course_deg), ln->dist_nm);
        if (!isnan(ln->heading_deg))
            fprintf(f, ", heading %03.0f, ground speed %.0f kt", angle_compass_deg(ln->heading_deg), ln->gs_kt);
        if (!isnan(ln->time_min))
            fprintf(f, ", %.1f min", ln->time_min);
        fputc('\n', f);
    }
}
