/*
 * training_record.c - a trainee's individual training record as a
 * printable HTML page (see training_record.h).
 */
#include "records/training_record.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "records/record_trend.h"
#include "records/records_html.h"
#include "report/html_page.h"
#include "report/svg_plot.h"

typedef struct record_data {
    records_progress p;
    int have_progress;
    records_sortie *s;
    int ns;
    records_instructor *ins;
    int nins;
    char (*work_on)[RECORDS_WORK_ON_MAX]; /* per lesson of p (records_progress_work_on) */
    records_trend trend;
} record_data;

static void data_free(record_data *d)
{
    if (d->have_progress)
        records_progress_free(&d->p);
    free(d->s);
    free(d->ins);
    free(d->work_on);
    records_trend_free(&d->trend);
}

static const char *instructor_name(const record_data *d, const char *number)
{
    for (int i = 0; i < d->nins; i++)
        if (strcmp(d->ins[i].service_number, number) == 0)
            return d->ins[i].name;
    return "";
}

static const records_lesson_progress *lesson_of(const record_data *d, const char *lesson_id)
{
    for (int i = 0; i < d->p.nlessons; i++)
        if (strcmp(d->p.lessons[i].lesson_id, lesson_id) == 0)
            return &d->p.lessons[i];
    return NULL;
}

/* The date (YYYY-MM-DD) of the trainee's first own Pass of a lesson, or "". */
static const char *first_pass_date(const record_data *d, const char *lesson_id)
{
    for (int i = 0; i < d->ns; i++)
        if (d->s[i].result == SORTIE_PASS && !sheet_pilot_is_automatic(d->s[i].pilot) &&
            strcmp(d->s[i].lesson_id, lesson_id) == 0)
            return d->s[i].started_at;
    return "";
}

static void head(FILE *f, const record_data *d, const char *made_utc)
{
    const records_trainee *t = &d->p.trainee;
    html_page_open(f, "Training record", t->service_number, records_html_css);
    fputs("<h1>Individual training record</h1>\n<dl>\n<dt>Trainee</dt><dd id=\"trainee\">", f);
    svg_escape(f, t->name);
    fputs(", service number ", f);
    svg_escape(f, t->service_number);
    fputs("</dd>\n<dt>Course</dt><dd>", f);
    svg_escape(f, t->course);
    fputs(" (simulator syllabus)</dd>\n<dt>Record opened</dt><dd>", f);
    fprintf(f, "%.10s", t->created_at); /* YYYY-MM-DD */
    fputs("</dd>\n<dt>Made</dt><dd>", f);
    svg_escape(f, made_utc);
    fputs(" from the training records</dd>\n</dl>\n", f);
}

static void summary(FILE *f, const record_data *d)
{
    const records_progress *p = &d->p;
    fprintf(f, "<h2>Progress</h2>\n<p id=\"progress\">Lessons passed: <b>%d of %d</b>; outstanding: %d; "
               "repeated: %d.  ",
            p->passed, p->nsyllabus, p->outstanding, p->repeated);
    if (p->next_due >= 0) {
        fputs("Next lesson due: <b>", f);
        svg_escape(f, p->lessons[p->next_due].title[0] ? p->lessons[p->next_due].title : p->lessons[p->next_due].lesson_id);
        fputs("</b>.", f);
    } else {
        fputs("<b>The course's syllabus is complete.</b>", f);
    }
    fprintf(f, "</p>\n<p id=\"hours\">Simulator time: %.2f h in %d sortie%s", p->hours, p->sorties,
            p->sorties == 1 ? "" : "s");
    if (p->demonstrations)
        fprintf(f, ", of which %d demonstration%s flown by the automatic pilot (they show a lesson and never pass "
                   "it)",
                p->demonstrations, p->demonstrations == 1 ? "" : "s");
    fputs(".", f);
    for (int i = 0; i < p->ntypes; i++) {
        fputs(i ? "; " : " By aircraft type: ", f);
        svg_escape(f, p->types[i].aircraft_type);
        fprintf(f, " %.2f h (%d sortie%s)", p->types[i].hours, p->types[i].sorties,
                p->types[i].sorties == 1 ? "" : "s");
    }
    fputs(p->ntypes ? ".</p>\n" : "</p>\n", f);
}

static void syllabus(FILE *f, const record_data *d)
{
    const records_progress *p = &d->p;
    fputs("<h2>Syllabus</h2>\n<table id=\"syllabus\"><tr><th class=\"num\">#</th><th>lesson</th><th>status</th>"
          "<th class=\"num\">flown</th><th class=\"num\">pass</th><th class=\"num\">marginal</th>"
          "<th class=\"num\">unsat</th><th class=\"num\">incomplete</th><th class=\"num\">demos</th>"
          "<th>first passed</th></tr>\n",
          f);
    for (int i = 0; i < p->nlessons; i++) {
        const records_lesson_progress *l = &p->lessons[i];
        const int in_syllabus = i < p->nsyllabus, passed = in_syllabus && l->passes > 0;
        fprintf(f, "<tr data-lesson=\"");
        svg_escape(f, l->lesson_id);
        fputs("\"><td class=\"num\">", f);
        if (in_syllabus)
            fprintf(f, "%d", l->seq);
        fputs("</td><td>", f);
        svg_escape(f, l->title[0] ? l->title : l->lesson_id);
        fputs("</td><td", f);
        if (passed)
            fputs(" class=\"passed\">passed", f);
        else if (i == p->next_due)
            fputs(" class=\"due\">due next", f);
        else if (!in_syllabus)
            fputs(">outside the syllabus", f);
        else if (l->flown)
            fprintf(f, ">not yet passed (last %s)", sheet_result_name(l->last));
        else
            fputs(">not flown", f);
        if (l->demos && !passed)
            fputs(l->flown || i == p->next_due ? "; demonstrated" : " (demonstrated)", f);
        if (d->work_on && d->work_on[i][0]) {
            fputs("<div class=\"work-on\">to work on: ", f);
            svg_escape(f, d->work_on[i]);
            fputs("</div>", f);
        }
        fprintf(f, "</td><td class=\"num\">%d</td><td class=\"num\">%d</td><td class=\"num\">%d</td>"
                   "<td class=\"num\">%d</td><td class=\"num\">%d</td><td class=\"num\">%d</td><td>",
                l->flown, l->passes, l->marginals, l->unsats, l->incompletes, l->demos);
        fprintf(f, "%.10s", first_pass_date(d, l->lesson_id)); /* YYYY-MM-DD */
        fputs("</td></tr>\n", f);
    }
    fputs("</table>\n", f);
}

/* "Sqn Ldr Raza (IP-7)": an instructor by name and service number. */
static void put_instructor(FILE *f, const record_data *d, const char *number)
{
    svg_escape(f, instructor_name(d, number));
    fputs(" (", f);
    svg_escape(f, number);
    fputs(")", f);
}

static void sortie_log(FILE *f, const record_data *d)
{
    fputs("<h2>Sorties</h2>\n", f);
    if (d->ns == 0) {
        fputs("<p id=\"sorties\">No sorties flown yet.</p>\n", f);
        return;
    }
    fputs("<table id=\"sorties\"><tr><th class=\"num\">id</th><th>date (UTC)</th><th>lesson</th><th>flown by</th>"
          "<th>result</th><th class=\"num\">min</th><th>instructor</th><th>summary and comment</th></tr>\n",
          f);
    for (int i = 0; i < d->ns; i++) {
        const records_sortie *s = &d->s[i];
        const int demo = sheet_pilot_is_automatic(s->pilot);
        const records_lesson_progress *l = lesson_of(d, s->lesson_id);
        fprintf(f, "<tr data-sortie=\"%lld\"%s><td class=\"num\">%lld</td><td>", s->id,
                demo ? " class=\"demo\"" : "", s->id);
        /* "YYYY-MM-DD HH:MM" of the stored ISO time (shorter text as it is) */
        fprintf(f, "%.10s %.5s", s->started_at, strlen(s->started_at) >= 16 ? s->started_at + 11 : "");
        fputs("</td><td>", f);
        svg_escape(f, l && l->title[0] ? l->title : s->lesson_id);
        fputs("</td><td>", f);
        if (demo) {
            fputs("demonstration (", f);
            svg_escape(f, s->pilot);
            fputs(")", f);
        } else {
            fputs("the trainee", f);
        }
        fprintf(f, "</td><td>%s", sheet_result_name(s->result));
        if (s->regraded) /* the instructor's grade, the automatic one beside it */
            fprintf(f, "<div class=\"regraded\">the instructor's grade (graded %s)</div>",
                    sheet_result_name(s->auto_result));
        fprintf(f, "</td><td class=\"num\">%.0f</td><td>", isfinite(s->duration_s) ? s->duration_s / 60.0 : 0.0);
        if (s->instructor[0])
            put_instructor(f, d, s->instructor);
        fputs("</td><td>", f);
        svg_escape(f, s->summary);
        if (s->regraded) {
            fputs("<div class=\"comment\">Instructor's grade, ", f);
            svg_escape(f, sheet_result_name(s->result));
            if (s->regraded_by[0]) {
                fputs(" by ", f);
                put_instructor(f, d, s->regraded_by);
            }
            fputs(": ", f);
            svg_escape(f, s->regrade_reason);
            fputs("</div>", f);
        }
        if (s->comment[0]) {
            fputs("<div class=\"comment\">Instructor: ", f);
            svg_escape(f, s->comment);
            fputs("</div>", f);
        }
        fputs("</td></tr>\n", f);
    }
    fputs("</table>\n", f);
}

static void signatures(FILE *f)
{
    fputs("<h2>Certification</h2>\n<p>The progress above is a true record of the simulator training given.</p>\n"
          "<table class=\"sign keep\"><tr><th>Instructor (name, service number)</th><th>Signature</th>"
          "<th>Date</th></tr>"
          "<tr><td></td><td></td><td></td></tr>"
          "<tr><th>Trainee</th><th>Signature</th><th>Date</th></tr><tr><td></td><td></td><td></td></tr></table>\n"
          "</body></html>\n",
          f);
}

int records_training_record_html(rdb *db, const char *service_number, const char *made_utc, FILE *f, saqr_err *err)
{
    if (!made_utc || !records_time_valid(made_utc))
        return err_set(err, SAQR_EINVAL, "time \"%s\": not an ISO 8601 UTC time (YYYY-MM-DDTHH:MM:SSZ)",
                       made_utc ? made_utc : "(null)");
    record_data d;
    memset(&d, 0, sizeof d);
    int st = records_progress_get(db, service_number, &d.p, err);
    if (st)
        return st;
    d.have_progress = 1;
    if ((st = records_sortie_list(db, service_number, &d.s, &d.ns, err)) ||
        (st = records_instructor_list(db, &d.ins, &d.nins, err)) || (st = records_progress_work_on(db, &d.p, &d.work_on, err)) ||
        (st = records_trend_load(db, &d.p, d.s, d.ns, &d.trend, err))) {
        data_free(&d);
        return st;
    }
    head(f, &d, made_utc);
    summary(f, &d);
    syllabus(f, &d);
    records_trend_write(f, &d.trend);
    sortie_log(f, &d);
    signatures(f);
    data_free(&d);
    if (ferror(f))
        return err_set(err, SAQR_EIO, "the training record could not be written");
    return SAQR_OK;
}
