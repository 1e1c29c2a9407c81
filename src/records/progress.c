/*
 * progress.c - a trainee's progress through the syllabus of their course
 * (see records.h):
 *   passed      = syllabus lessons with at least one Pass sortie the
 *                 trainee flew;
 *   repeated    = lessons flown more than once (each with its count);
 *   demonstrations = sorties the automatic pilot flew with the trainee
 *                 (a lesson shown, as an instructor's demonstration is
 *                 logged): counted apart, in the hours, never a pass;
 *   outstanding = syllabus lessons not passed;
 *   next due    = the first outstanding lesson in syllabus order;
 *   hours       = per aircraft type, the sum of sortie durations / 3600.
 * Lessons flown outside the course's syllabus are listed after it and
 * count in the hours and the repeats, never as passed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "records/records.h"

void records_progress_free(records_progress *p)
{
    if (!p)
        return;
    free(p->lessons);
    free(p->types);
    memset(p, 0, sizeof *p);
}

static int find_lesson(const records_progress *p, const char *id)
{
    for (int i = 0; i < p->nlessons; i++)
        if (strcmp(p->lessons[i].lesson_id, id) == 0)
            return i;
    return -1;
}

static int find_type(const records_progress *p, const char *type)
{
    for (int i = 0; i < p->ntypes; i++)
        if (strcmp(p->types[i].aircraft_type, type) == 0)
            return i;
    return -1;
}

static int cmp_lesson_id(const void *a, const void *b)
{
    return strcmp(((const records_lesson_progress *)a)->lesson_id, ((const records_lesson_progress *)b)->lesson_id);
}

static int cmp_type(const void *a, const void *b)
{
    return strcmp(((const records_type_hours *)a)->aircraft_type, ((const records_type_hours *)b)->aircraft_type);
}

int records_progress_compute(const records_trainee *t, const records_lesson *syllabus, int nsyllabus,
                             const records_flown *flown, int nflown, records_progress *out, saqr_err *err)
{
    memset(out, 0, sizeof *out);
    if (t)
        out->trainee = *t;
    size_t nmax = (size_t)(nsyllabus > 0 ? nsyllabus : 0) + (size_t)(nflown > 0 ? nflown : 0) + 1;
    out->lessons = calloc(nmax, sizeof *out->lessons);
    out->types = calloc((size_t)(nflown > 0 ? nflown : 0) + 1, sizeof *out->types);
    if (!out->lessons || !out->types) {
        records_progress_free(out);
        return err_set(err, SAQR_ENOMEM, "out of memory");
    }
    for (int i = 0; i < nsyllabus; i++) {
        records_lesson_progress *l = &out->lessons[out->nlessons++];
        snprintf(l->lesson_id, sizeof l->lesson_id, "%s", syllabus[i].lesson_id);
        snprintf(l->title, sizeof l->title, "%s", syllabus[i].title);
        l->seq = syllabus[i].seq;
    }
    out->nsyllabus = out->nlessons;
    for (int k = 0; k < nflown; k++) {
        const records_flown *f = &flown[k];
        const char *id = f->lesson_id ? f->lesson_id : "";
        int i = find_lesson(out, id);
        if (i < 0) {
            i = out->nlessons++;
            snprintf(out->lessons[i].lesson_id, sizeof out->lessons[i].lesson_id, "%s", id);
        }
        records_lesson_progress *l = &out->lessons[i];
        if (f->demonstration) {
            l->demos++;
            out->demonstrations++;
        } else {
            l->flown++;
            l->passes += f->result == SORTIE_PASS;
            l->marginals += f->result == SORTIE_MARGINAL;
            l->unsats += f->result == SORTIE_UNSAT;
            l->incompletes += f->result == SORTIE_INCOMPLETE;
            l->last = f->result;
        }
        const char *type = f->aircraft_type ? f->aircraft_type : "";
        int j = find_type(out, type);
        if (j < 0) {
            j = out->ntypes++;
            snprintf(out->types[j].aircraft_type, sizeof out->types[j].aircraft_type, "%s", type);
        }
        out->types[j].sorties++;
        out->types[j].hours += f->duration_s / 3600.0;
        out->sorties++;
        out->hours += f->duration_s / 3600.0;
    }
    if (out->nlessons > out->nsyllabus)
        qsort(out->lessons + out->nsyllabus, (size_t)(out->nlessons - out->nsyllabus), sizeof *out->lessons,
              cmp_lesson_id);
    if (out->ntypes > 1)
        qsort(out->types, (size_t)out->ntypes, sizeof *out->types, cmp_type);
    out->next_due = -1;
    for (int i = 0; i < out->nlessons; i++) {
        const records_lesson_progress *l = &out->lessons[i];
        out->repeated += l->flown > 1;
        if (i >= out->nsyllabus)
            continue;
        if (l->passes > 0) {
            out->passed++;
        } else {
            out->outstanding++;
            if (out->next_due < 0)
                out->next_due = i;
        }
    }
    return SAQR_OK;
}

int records_progress_get(rdb *db, const char *service_number, records_progress *out, saqr_err *err)
{
    memset(out, 0, sizeof *out);
    records_trainee t;
    records_lesson *syl = NULL;
    records_flown *flown = NULL;
    rdb_rows *r = NULL;
    int nsyl = 0;
    /* one transaction: the syllabus and the sorties seen at one moment */
    int st = rdb_begin(db, err);
    if (st)
        return st;
    if ((st = records_trainee_find(db, service_number, &t, err)) == SAQR_OK &&
        (st = records_syllabus(db, t.course, &syl, &nsyl, err)) == SAQR_OK) {
        char b[32];
        snprintf(b, sizeof b, "%lld", t.id);
        const char *p[] = {b};
        st = rdb_exec(db,
                      "SELECT lesson_id, aircraft_type, result, duration_s, pilot FROM sorties WHERE trainee_id = ? "
                      "ORDER BY started_at, id",
                      1, p, &r, err);
    }
    rdb_rollback(db);
    int n = st ? 0 : rdb_rows_count(r);
    if (st == SAQR_OK && !(flown = calloc((size_t)n + 1, sizeof *flown)))
        st = err_set(err, SAQR_ENOMEM, "out of memory");
    for (int i = 0; i < n && st == SAQR_OK; i++) {
        int res = records_result_parse(rdb_value(r, i, 2));
        const char *d = rdb_value(r, i, 3);
        flown[i].lesson_id = rdb_value(r, i, 0);
        flown[i].aircraft_type = rdb_value(r, i, 1);
        flown[i].result = res < 0 ? SORTIE_UNSAT : (sortie_result)res;
        flown[i].duration_s = d ? strtod(d, NULL) : 0.0;
        flown[i].demonstration = sheet_pilot_is_automatic(rdb_value(r, i, 4));
    }
    if (st == SAQR_OK)
        st = records_progress_compute(&t, syl, nsyl, flown, n, out, err);
    free(flown);
    free(syl);
    rdb_rows_free(r);
    return st;
}

void records_progress_free_all(records_progress *p, int n)
{
    for (int i = 0; p && i < n; i++)
        records_progress_free(&p[i]);
    free(p);
}

int records_progress_all(rdb *db, records_progress **out, int *n, saqr_err *err)
{
    *out = NULL;
    *n = 0;
    records_trainee *t;
    int nt;
    int st = records_trainee_list(db, &t, &nt, err);
    if (st)
        return st;
    records_progress *p = calloc((size_t)nt + 1, sizeof *p);
    if (!p) {
        free(t);
        return err_set(err, SAQR_ENOMEM, "out of memory");
    }
    int k = 0;
    for (; k < nt && st == SAQR_OK; k++)
        st = records_progress_get(db, t[k].service_number, &p[k], err);
    free(t);
    if (st) {
        records_progress_free_all(p, k);
        return st;
    }
    *out = p;
    *n = nt;
    return SAQR_OK;
}

int records_progress_work_on(rdb *db, const records_progress *p, char (**out)[RECORDS_WORK_ON_MAX], saqr_err *err)
{
    *out = calloc((size_t)p->nlessons + 1, sizeof **out);
    if (!*out)
        return err_set(err, SAQR_ENOMEM, "out of memory");
    records_sortie *s = NULL;
    int ns = 0, st = SAQR_OK;
    for (int i = 0; i < p->nlessons && st == SAQR_OK; i++) {
        const records_lesson_progress *l = &p->lessons[i];
        if (l->passes > 0 || l->flown == 0)
            continue;
        if (!s && (st = records_sortie_list(db, p->trainee.service_number, &s, &ns, err)))
            break;
        const records_sortie *last = NULL; /* sorties come oldest first */
        for (int k = 0; k < ns; k++)
            if (!sheet_pilot_is_automatic(s[k].pilot) && strcmp(s[k].lesson_id, l->lesson_id) == 0)
                last = &s[k];
        if (!last)
            continue;
        records_element *e;
        int n;
        if ((st = records_sortie_elements(db, last->id, &e, &n, err)))
            break;
        char *w = (*out)[i];
        size_t used = 0;
        if (last->regraded) /* the instructor's word first, on one line */
            for (const char *r = last->regrade_reason; *r && used + 1 < RECORDS_WORK_ON_MAX; r++)
                w[used++] = *r == '\n' ? ' ' : *r;
        /* what was flown below the standard, each by name; then what was
         * not flown, counted (the lesson's rest, not a fault to name) */
        int unflown = 0, first_unflown = -1;
        for (int k = 0; k < n && used + 1 < RECORDS_WORK_ON_MAX; k++) {
            if (e[k].mark == MARK_NOT_OBSERVED && !e[k].by_instructor && unflown++ == 0)
                first_unflown = k;
            if (e[k].mark != MARK_UNSAT)
                continue;
            int m = snprintf(w + used, RECORDS_WORK_ON_MAX - used, "%s%s", used ? "; " : "", e[k].title);
            if (m > 0)
                used = used + (size_t)m < RECORDS_WORK_ON_MAX ? used + (size_t)m : RECORDS_WORK_ON_MAX - 1;
        }
        if (unflown > 0 && used + 1 < RECORDS_WORK_ON_MAX) {
            if (unflown == 1)
                snprintf(w + used, RECORDS_WORK_ON_MAX - used, "%s%s (not flown)", used ? "; " : "",
                         e[first_unflown].title);
            else
                snprintf(w + used, RECORDS_WORK_ON_MAX - used, "%sthe rest of the lesson: %d elements not flown, "
                         "from %s", used ? "; " : "", unflown, e[first_unflown].title);
        }
        free(e);
    }
    free(s);
    if (st) {
        free(*out);
        *out = NULL;
    }
    return st;
}
