/*
 * course_report.c - the flight commander's course report (see
 * course_report.h).
 */
#include "records/course_report.h"

#include <stdlib.h>
#include <string.h>

#include "records/records_html.h"
#include "report/html_page.h"
#include "report/svg_plot.h"

int records_lesson_is_hard(int passes, int flown)
{
    return flown >= 3 && 2 * passes <= flown;
}

/* One syllabus lesson summed over a course's trainees. */
typedef struct lesson_sum {
    int trainees_passed, trainees_flying; /* passed; flew it, not passed yet */
    int flown, passes, marginals, unsats, incompletes, demos;
} lesson_sum;

static void trainees_table(FILE *f, const records_progress *p, int n, const char *course)
{
    fputs("<table class=\"trainees\"><tr><th>trainee</th><th class=\"num\">passed</th><th class=\"num\">demos</th>"
          "<th class=\"num\">hours</th><th>next lesson due</th></tr>\n",
          f);
    for (int i = 0; i < n; i++) {
        const records_progress *t = &p[i];
        if (strcmp(t->trainee.course, course) != 0)
            continue;
        fputs("<tr data-trainee=\"", f);
        svg_escape(f, t->trainee.service_number);
        fputs("\"><td>", f);
        svg_escape(f, t->trainee.name);
        fputs(" (", f);
        svg_escape(f, t->trainee.service_number);
        fprintf(f, ")</td><td class=\"num\">%d of %d</td><td class=\"num\">%d</td><td class=\"num\">%.2f</td><td>",
                t->passed, t->nsyllabus, t->demonstrations, t->hours);
        if (t->next_due >= 0) {
            const records_lesson_progress *l = &t->lessons[t->next_due];
            svg_escape(f, l->title[0] ? l->title : l->lesson_id);
        } else {
            fputs("<span class=\"passed\">the syllabus is complete</span>", f);
        }
        fputs("</td></tr>\n", f);
    }
    fputs("</table>\n", f);
}

/* The syllabus lesson `lesson_id` of a course, summed over its trainees. */
static lesson_sum sum_lesson(const records_progress *p, int n, const char *course, const char *lesson_id)
{
    lesson_sum s;
    memset(&s, 0, sizeof s);
    for (int i = 0; i < n; i++) {
        if (strcmp(p[i].trainee.course, course) != 0)
            continue;
        const records_lesson_progress *l = NULL;
        for (int k = 0; k < p[i].nsyllabus && !l; k++)
            if (strcmp(p[i].lessons[k].lesson_id, lesson_id) == 0)
                l = &p[i].lessons[k];
        if (!l)
            continue;
        s.trainees_passed += l->passes > 0;
        s.trainees_flying += l->flown > 0 && l->passes == 0;
        s.flown += l->flown;
        s.passes += l->passes;
        s.marginals += l->marginals;
        s.unsats += l->unsats;
        s.incompletes += l->incompletes;
        s.demos += l->demos;
    }
    return s;
}

static void lessons_table(FILE *f, const records_progress *p, int n, const records_lesson *syl, int nsyl,
                          const char *course, int ntrainees)
{
    fputs("<table class=\"lessons\"><tr><th class=\"num\">#</th><th>lesson</th><th class=\"num\">passed</th>"
          "<th class=\"num\">not yet passed</th><th class=\"num\">sorties by hand</th><th class=\"num\">pass</th>"
          "<th class=\"num\">marginal</th><th class=\"num\">unsat</th><th class=\"num\">incomplete</th>"
          "<th class=\"num\">share passed</th>"
          "<th class=\"num\">demos</th></tr>\n",
          f);
    for (int k = 0; k < nsyl; k++) {
        if (strcmp(syl[k].course, course) != 0)
            continue;
        lesson_sum s = sum_lesson(p, n, course, syl[k].lesson_id);
        /* an incomplete sortie graded nobody's flying: not counted in the
         * share passed */
        const int graded = s.flown - s.incompletes;
        const int hard = records_lesson_is_hard(s.passes, graded);
        fputs("<tr data-lesson=\"", f);
        svg_escape(f, syl[k].lesson_id);
        fprintf(f, "\"%s><td class=\"num\">%d</td><td>", hard ? " class=\"hard\"" : "", syl[k].seq);
        svg_escape(f, syl[k].title);
        fprintf(f, "%s</td><td class=\"num\">%d of %d</td><td class=\"num\">%d</td><td class=\"num\">%d</td>"
                   "<td class=\"num\">%d</td><td class=\"num\">%d</td><td class=\"num\">%d</td><td class=\"num\">%d</td>"
                   "<td class=\"num\">",
                hard ? " <b>(hard)</b>" : "", s.trainees_passed, ntrainees, s.trainees_flying, s.flown, s.passes,
                s.marginals, s.unsats, s.incompletes);
        if (graded > 0)
            fprintf(f, "%.0f%%", 100.0 * s.passes / graded);
        fprintf(f, "</td><td class=\"num\">%d</td></tr>\n", s.demos);
    }
    fputs("</table>\n", f);
}

static void write_report(FILE *f, const records_progress *p, int n, const records_lesson *syl, int nsyl,
                         const char *made_utc)
{
    html_page_open(f, "Course report", made_utc, records_html_css);
    fputs("<h1>Simulator training: course report</h1>\n<p id=\"made\">Made ", f);
    svg_escape(f, made_utc);
    fprintf(f, " from the training records: %d trainee%s.  A lesson is marked hard where at most half of the "
               "sorties trainees flew by hand in it passed (three or more flown).  Demonstrations by the "
               "automatic pilot are counted apart; they never pass a lesson.</p>\n",
            n, n == 1 ? "" : "s");
    for (int k = 0; k < nsyl; k++) {
        const char *course = syl[k].course;
        if (k > 0 && strcmp(syl[k - 1].course, course) == 0)
            continue; /* a course's lessons are together, in order */
        int ntrainees = 0;
        double hours = 0.0;
        for (int i = 0; i < n; i++)
            if (strcmp(p[i].trainee.course, course) == 0) {
                ntrainees++;
                hours += p[i].hours;
            }
        if (ntrainees == 0)
            continue;
        fputs("<section class=\"course\" data-course=\"", f);
        svg_escape(f, course);
        fputs("\"><h2>Course ", f);
        svg_escape(f, course);
        fprintf(f, "</h2>\n<p>%d trainee%s, %.2f h in the simulator between them.</p>\n", ntrainees,
                ntrainees == 1 ? "" : "s", hours);
        trainees_table(f, p, n, course);
        fputs("<h3>The syllabus across the trainees</h3>\n", f);
        lessons_table(f, p, n, syl, nsyl, course, ntrainees);
        fputs("</section>\n", f);
    }
    if (n == 0)
        fputs("<p>No trainees yet.</p>\n", f);
    fputs("</body></html>\n", f);
}

int records_course_report_html(rdb *db, const char *made_utc, FILE *f, saqr_err *err)
{
    if (!made_utc || !records_time_valid(made_utc))
        return err_set(err, SAQR_EINVAL, "time \"%s\": not an ISO 8601 UTC time (YYYY-MM-DDTHH:MM:SSZ)",
                       made_utc ? made_utc : "(null)");
    records_progress *p;
    int n;
    int st = records_progress_all(db, &p, &n, err);
    if (st)
        return st;
    records_lesson *syl;
    int nsyl;
    if ((st = records_syllabus(db, NULL, &syl, &nsyl, err))) {
        records_progress_free_all(p, n);
        return st;
    }
    write_report(f, p, n, syl, nsyl, made_utc);
    free(syl);
    records_progress_free_all(p, n);
    if (ferror(f))
        return err_set(err, SAQR_EIO, "the course report could not be written");
    return SAQR_OK;
}
