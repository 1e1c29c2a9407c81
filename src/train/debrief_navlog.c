/*
 * debrief_navlog.c - a navigation sortie's log on its debrief page (see
 * debrief_navlog.h).
 */
#include "train/debrief_navlog.h"

#include <math.h>

#include "math/angle.h"
#include "report/svg_plot.h"
#include "train/lesson_route.h"
#include "train/debrief_derived.h"

/* Minutes as m:ss, or an en dash when not a number. */
static void put_min(FILE *f, double min)
{
    if (!isfinite(min) || min < 0.0 || min > 6000.0) {
        fputs("\xE2\x80\x93", f);
        return;
    }
    long s = lround(min * 60.0);
    fprintf(f, "%ld:%02ld", s / 60, s % 60);
}

/* A heading as a compass reads it (360, never 0), or an en dash. */
static void put_heading(FILE *f, double deg)
{
    if (!isfinite(deg)) {
        fputs("\xE2\x80\x93", f);
        return;
    }
    fprintf(f, "%03.0f\xC2\xB0", angle_compass_deg(deg));
}

void debrief_write_navlog(FILE *f, const rec_data *rec, const lesson *l)
{
    int header = 0;
    for (int i = 0; l && i < l->nexercises; i++) {
        const lesson_exercise *e = &l->exercises[i];
        const lesson_leg *leg = lesson_exercise_leg(l, i);
        if (!leg && !lesson_exercise_diversion(l, i))
            continue;
        if (!header) {
            fputs("<h2>Navigation log</h2>\n<table class=\"navlog\"><tr><th>leg</th><th>from</th><th>to</th>"
                  "<th>course</th><th>planned heading</th><th>planned ground speed</th><th>planned time</th>"
                  "<th>flown time</th><th>arrival against the ETA</th><th>widest off course</th><th>fuel used</th>"
                  "</tr>\n",
                  f);
            header = 1;
        }
        leg_flown lf;
        derived_leg_flown(rec, l, i, &lf);
        /* a diversion: as flown, from where it was called (if it was) */
        if (!leg)
            leg = lf.flew ? &lf.leg : &e->leg;
        fputs("<tr><td>", f);
        svg_escape(f, e->id);
        fputs("</td><td>", f);
        svg_escape(f, leg->from >= 0 ? l->route.cp[leg->from].name : "where the diversion began");
        fputs("</td><td>", f);
        svg_escape(f, l->route.cp[leg->to].name);
        fputs("</td><td>", f);
        put_heading(f, lf.flew ? leg->course_deg : NAN);
        fputs("</td><td>", f);
        put_heading(f, lf.plan_heading_deg);
        if (isfinite(lf.plan_gs_kt))
            fprintf(f, "</td><td>%.0f kt</td><td>", lf.plan_gs_kt);
        else
            fputs("</td><td>\xE2\x80\x93</td><td>", f);
        put_min(f, lf.plan_min);
        fputs("</td><td>", f);
        put_min(f, lf.flown_min);
        if (isfinite(lf.eta_error_min) && fabs(lf.eta_error_min) < 0.05)
            fputs("</td><td>on time", f);
        else if (isfinite(lf.eta_error_min))
            fprintf(f, "</td><td>%.1f min %s", fabs(lf.eta_error_min), lf.eta_error_min > 0.0 ? "late" : "early");
        else
            fputs("</td><td>not reached", f);
        if (isfinite(lf.widest_xtk_nm))
            fprintf(f, "</td><td>%.2f nm %s", fabs(lf.widest_xtk_nm), lf.widest_xtk_nm >= 0.0 ? "right" : "left");
        else
            fputs("</td><td>\xE2\x80\x93", f);
        if (isfinite(lf.fuel_used_kg))
            fprintf(f, "</td><td>%.1f kg</td></tr>\n", lf.fuel_used_kg);
        else
            fputs("</td><td>\xE2\x80\x93</td></tr>\n", f);
    }
    if (header)
        fputs("</table>\n<p class=\"cap\">The plan in the steady wind when each leg began (the forecast), at the "
              "route's true airspeed; its time for the distance from where the leg began.  Flown: from the leg's "
              "start until its checkpoint was abeam, worked out from the recording as the grader did; the fuel used in "
              "that time, for the trainee's estimate (ACS VI.C).</p>\n",
              f);
}
