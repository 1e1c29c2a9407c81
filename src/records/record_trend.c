/*
 * record_trend.c - the element trend on a trainee's training record (see
 * record_trend.h).
 */
#include "records/record_trend.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report/svg_plot.h"

void records_trend_free(records_trend *t)
{
    if (!t)
        return;
    for (int i = 0; i < t->nlessons; i++)
        free(t->lessons[i].rows);
    free(t->lessons);
    memset(t, 0, sizeof *t);
}

/* The row of element (exercise, element) in `tl`, added when new; NULL
 * when out of memory. */
static trend_row *row_of(trend_lesson *tl, int *cap, const records_element *e)
{
    for (int r = 0; r < tl->nrows; r++)
        if (strcmp(tl->rows[r].exercise, e->exercise) == 0 && strcmp(tl->rows[r].element, e->element) == 0)
            return &tl->rows[r];
    if (tl->nrows == *cap) {
        int grown = *cap ? 2 * *cap : 8;
        trend_row *rows = realloc(tl->rows, (size_t)grown * sizeof *rows);
        if (!rows)
            return NULL;
        tl->rows = rows;
        *cap = grown;
    }
    trend_row *row = &tl->rows[tl->nrows++];
    memset(row, 0, sizeof *row);
    snprintf(row->exercise, sizeof row->exercise, "%s", e->exercise);
    snprintf(row->element, sizeof row->element, "%s", e->element);
    return row;
}

/* The lesson's columns: its sorties flown by hand, the latest eight. */
static void columns(trend_lesson *tl, const records_sortie *s, int ns)
{
    for (int k = 0; k < ns; k++) {
        if (sheet_pilot_is_automatic(s[k].pilot) || strcmp(s[k].lesson_id, tl->lesson->lesson_id) != 0)
            continue;
        if (tl->nsorties == TREND_MAX_SORTIES) {
            memmove(tl->sortie, tl->sortie + 1, (TREND_MAX_SORTIES - 1) * sizeof tl->sortie[0]);
            tl->nsorties--;
        }
        tl->sortie[tl->nsorties++] = &s[k];
    }
}

static int load_lesson(rdb *db, trend_lesson *tl, saqr_err *err)
{
    int cap = 0;
    for (int c = 0; c < tl->nsorties; c++) {
        records_element *e = NULL;
        int n = 0, st = records_sortie_elements(db, tl->sortie[c]->id, &e, &n, err);
        if (st)
            return st;
        for (int k = 0; k < n; k++) {
            trend_row *row = row_of(tl, &cap, &e[k]);
            if (!row) {
                free(e);
                return err_set(err, SAQR_ENOMEM, "out of memory");
            }
            snprintf(row->title, sizeof row->title, "%s", e[k].title);
            row->seen[c] = 1;
            row->mark[c] = e[k].mark;
            row->ratio[c] = e[k].ratio;
        }
        free(e);
    }
    return SAQR_OK;
}

int records_trend_load(rdb *db, const records_progress *p, const records_sortie *s, int ns, records_trend *out,
                       saqr_err *err)
{
    memset(out, 0, sizeof *out);
    out->lessons = calloc((size_t)p->nlessons + 1, sizeof *out->lessons);
    if (!out->lessons)
        return err_set(err, SAQR_ENOMEM, "out of memory");
    for (int i = 0; i < p->nlessons; i++) {
        if (p->lessons[i].flown < 2)
            continue;
        trend_lesson *tl = &out->lessons[out->nlessons++];
        tl->lesson = &p->lessons[i];
        columns(tl, s, ns);
        int st = load_lesson(db, tl, err);
        if (st) {
            records_trend_free(out);
            return st;
        }
    }
    return SAQR_OK;
}

static const char *mark_letter(grade_mark m)
{
    switch (m) {
    case MARK_EXCELLENT: return "E";
    case MARK_GOOD: return "G";
    case MARK_FAIR: return "F";
    case MARK_UNSAT: return "U";
    case MARK_NOT_OBSERVED: break;
    }
    return "\xE2\x80\x93"; /* en dash: not observed */
}

static const char *mark_class(grade_mark m)
{
    switch (m) {
    case MARK_EXCELLENT: return "t-e";
    case MARK_GOOD: return "t-g";
    case MARK_FAIR: return "t-f";
    case MARK_UNSAT: return "t-u";
    case MARK_NOT_OBSERVED: break;
    }
    return "t-n";
}

static void write_lesson(FILE *f, const trend_lesson *tl)
{
    fputs("<h3>", f);
    svg_escape(f, tl->lesson->title[0] ? tl->lesson->title : tl->lesson->lesson_id);
    fputs("</h3>\n<table class=\"trend keep\" data-lesson=\"", f);
    svg_escape(f, tl->lesson->lesson_id);
    fputs("\"><tr><th>element</th>", f);
    for (int c = 0; c < tl->nsorties; c++) {
        const records_sortie *s = tl->sortie[c];
        /* "11-05 Pass": the day and the sortie's result */
        fprintf(f, "<th class=\"num\" data-sortie=\"%lld\">%.5s<br>%s</th>", s->id,
                strlen(s->started_at) >= 10 ? s->started_at + 5 : s->started_at, sheet_result_name(s->result));
    }
    fputs("</tr>\n", f);
    for (int r = 0; r < tl->nrows; r++) {
        const trend_row *row = &tl->rows[r];
        fputs("<tr data-element=\"", f);
        svg_escape(f, row->exercise);
        fputc('/', f);
        svg_escape(f, row->element);
        fputs("\"><td>", f);
        svg_escape(f, row->title);
        fputs("</td>", f);
        for (int c = 0; c < tl->nsorties; c++) {
            if (!row->seen[c]) { /* not on that sortie's sheet (the lesson changed) */
                fputs("<td class=\"num\"></td>", f);
                continue;
            }
            fprintf(f, "<td class=\"num %s\"", mark_class(row->mark[c]));
            if (isfinite(row->ratio[c]))
                fprintf(f, " data-ratio=\"%.2f\" title=\"worst %.2f of the tolerance\"", row->ratio[c],
                        row->ratio[c]);
            fprintf(f, ">%s", mark_letter(row->mark[c]));
            if (isfinite(row->ratio[c]) && row->mark[c] != MARK_NOT_OBSERVED)
                fprintf(f, " %.2f", row->ratio[c]);
            fputs("</td>", f);
        }
        fputs("</tr>\n", f);
    }
    fputs("</table>\n", f);
}

void records_trend_write(FILE *f, const records_trend *t)
{
    if (t->nlessons == 0)
        return;
    fputs("<h2>Element trend</h2>\n<p>Each lesson flown by hand more than once (the latest eight sorties): "
          "each graded element's mark, E excellent, G good, F fair, U unsatisfactory, \xE2\x80\x93 not "
          "observed, with its worst deviation as a share of the tolerance (up to 0.5 excellent, 0.75 good, "
          "1 fair).</p>\n",
          f);
    for (int i = 0; i < t->nlessons; i++)
        write_lesson(f, &t->lessons[i]);
}
