/*
 * web_records.c - the training records on the instructor station (see
 * docs/station-protocol.md, "Records"): a trainee's progress, the sortie
 * list, a trainee's printable training record, the course report, and
 * any stored sortie's debrief page, made from its recording (re-graded
 * against its lesson: the same sheet the sortie was graded with, since
 * the grader sees the recorded values live too).
 */
#include "station/web_internal.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "records/course_report.h"
#include "records/records.h"
#include "records/training_record.h"
#include "train/debrief.h"
#include "train/record.h"
#include "train/sortie.h"

int web_query_value(const struct mg_connection *c, const char *name, char *buf, size_t size)
{
    const char *q = mg_get_request_info(c)->query_string;
    if (!q)
        return 0;
    int n = mg_get_var(q, strlen(q), name, buf, size);
    return n > 0 && (size_t)n < size - 1;
}

long long web_query_sortie(const struct mg_connection *c)
{
    char idtext[24];
    char *end = NULL;
    errno = 0;
    long long id = web_query_value(c, "sortie", idtext, sizeof idtext) ? strtoll(idtext, &end, 10) : 0;
    /* past the largest id: not one clamped to it */
    return id <= 0 || !end || *end || errno == ERANGE ? 0 : id;
}

rdb *web_sortie_request(web_server *w, struct mg_connection *c, long long *id, int *answered)
{
    if ((*answered = web_instructor_get(w, c, NULL)))
        return NULL;
    if (!(*id = web_query_sortie(c))) {
        *answered = web_send_error(c, 400, "Bad Request", "sortie (a sortie id) is required");
        return NULL;
    }
    rdb *db = web_records_open(w, c);
    *answered = db ? 0 : 503;
    return db;
}

rdb *web_records_open(web_server *w, struct mg_connection *c)
{
    rdb *db = NULL;
    saqr_err e;
    if (!w->cfg.db_url || rdb_open(w->cfg.db_url, &db, &e)) {
        web_send_error(c, 503, "Service Unavailable", "the records database cannot be opened");
        return NULL;
    }
    return db;
}

int web_send_read_failure(struct mg_connection *c, int st, const saqr_err *e, const char *what)
{
    if (st == SAQR_ENOTFOUND)
        return web_send_error(c, 404, "Not Found", e->msg);
    char msg[96];
    snprintf(msg, sizeof msg, "the %s cannot be read", what);
    return web_send_error(c, 503, "Service Unavailable", msg);
}

/* A GET naming one trainee (?trainee=SERVICE_NO) by a logged-in
 * instructor: the open records and the number, or NULL with the HTTP
 * status already answered in *answered (405, 401, 400, 503). */
static rdb *trainee_request(web_server *w, struct mg_connection *c, char number[RECORDS_NUMBER_MAX], int *answered)
{
    if ((*answered = web_instructor_get(w, c, NULL)))
        return NULL;
    if (!web_query_value(c, "trainee", number, RECORDS_NUMBER_MAX)) {
        *answered = web_send_error(c, 400, "Bad Request", "trainee (a service number) is required");
        return NULL;
    }
    rdb *db = web_records_open(w, c);
    *answered = db ? 0 : 503;
    return db;
}

static int on_progress(struct mg_connection *c, void *data)
{
    web_server *w = data;
    char number[RECORDS_NUMBER_MAX];
    int answered;
    rdb *db = trainee_request(w, c, number, &answered);
    if (!db)
        return answered;
    records_progress p;
    saqr_err e;
    char (*work_on)[RECORDS_WORK_ON_MAX] = NULL;
    int st = records_progress_get(db, number, &p, &e);
    if (!st)
        st = records_progress_work_on(db, &p, &work_on, &e);
    rdb_close(db);
    if (st) {
        records_progress_free(&p);
        return web_send_read_failure(c, st, &e, "progress");
    }
    cJSON *o = cJSON_CreateObject();
    cJSON *t = cJSON_AddObjectToObject(o, "trainee");
    cJSON_AddStringToObject(t, "service_number", p.trainee.service_number);
    cJSON_AddStringToObject(t, "name", p.trainee.name);
    cJSON_AddStringToObject(t, "course", p.trainee.course);
    cJSON_AddNumberToObject(o, "passed", p.passed);
    cJSON_AddNumberToObject(o, "syllabus", p.nsyllabus);
    cJSON_AddNumberToObject(o, "repeated", p.repeated);
    cJSON_AddNumberToObject(o, "outstanding", p.outstanding);
    if (p.next_due >= 0) {
        cJSON *n = cJSON_AddObjectToObject(o, "next_due");
        cJSON_AddStringToObject(n, "lesson_id", p.lessons[p.next_due].lesson_id);
        cJSON_AddStringToObject(n, "title", p.lessons[p.next_due].title);
    } else {
        cJSON_AddNullToObject(o, "next_due");
    }
    cJSON_AddNumberToObject(o, "sorties", p.sorties);
    cJSON_AddNumberToObject(o, "demonstrations", p.demonstrations);
    cJSON_AddNumberToObject(o, "hours", p.hours);
    cJSON *types = cJSON_AddArrayToObject(o, "types");
    for (int i = 0; i < p.ntypes; i++) {
        cJSON *x = cJSON_CreateObject();
        cJSON_AddStringToObject(x, "aircraft_type", p.types[i].aircraft_type);
        cJSON_AddNumberToObject(x, "sorties", p.types[i].sorties);
        cJSON_AddNumberToObject(x, "hours", p.types[i].hours);
        cJSON_AddItemToArray(types, x);
    }
    cJSON *ls = cJSON_AddArrayToObject(o, "lessons");
    for (int i = 0; i < p.nlessons; i++) {
        const records_lesson_progress *l = &p.lessons[i];
        cJSON *x = cJSON_CreateObject();
        cJSON_AddStringToObject(x, "lesson_id", l->lesson_id);
        cJSON_AddStringToObject(x, "title", l->title);
        cJSON_AddNumberToObject(x, "seq", l->seq);
        cJSON_AddNumberToObject(x, "flown", l->flown);
        cJSON_AddNumberToObject(x, "passes", l->passes);
        cJSON_AddNumberToObject(x, "marginals", l->marginals);
        cJSON_AddNumberToObject(x, "unsats", l->unsats);
        cJSON_AddNumberToObject(x, "incompletes", l->incompletes);
        cJSON_AddNumberToObject(x, "demonstrations", l->demos);
        if (l->flown)
            cJSON_AddStringToObject(x, "last", sheet_result_name(l->last));
        else
            cJSON_AddNullToObject(x, "last");
        cJSON_AddStringToObject(x, "work_on", work_on[i]);
        cJSON_AddItemToArray(ls, x);
    }
    free(work_on);
    records_progress_free(&p);
    return web_send_cjson(c, 200, "OK", o, NULL);
}

/* Every trainee's progress in brief, by service number: the board. */
static int on_board(struct mg_connection *c, void *data)
{
    web_server *w = data;
    int refused = web_instructor_get(w, c, NULL);
    if (refused)
        return refused;
    rdb *db = web_records_open(w, c);
    if (!db)
        return 503;
    records_progress *p;
    int n;
    saqr_err e;
    int st = records_progress_all(db, &p, &n, &e);
    rdb_close(db);
    if (st)
        return web_send_read_failure(c, st, &e, "progress");
    cJSON *a = cJSON_CreateArray();
    for (int i = 0; i < n; i++) {
        cJSON *x = cJSON_CreateObject();
        cJSON_AddStringToObject(x, "service_number", p[i].trainee.service_number);
        cJSON_AddStringToObject(x, "name", p[i].trainee.name);
        cJSON_AddStringToObject(x, "course", p[i].trainee.course);
        cJSON_AddNumberToObject(x, "passed", p[i].passed);
        cJSON_AddNumberToObject(x, "syllabus", p[i].nsyllabus);
        cJSON_AddNumberToObject(x, "sorties", p[i].sorties);
        cJSON_AddNumberToObject(x, "demonstrations", p[i].demonstrations);
        cJSON_AddNumberToObject(x, "hours", p[i].hours);
        if (p[i].next_due >= 0) {
            cJSON *d = cJSON_AddObjectToObject(x, "next_due");
            cJSON_AddStringToObject(d, "lesson_id", p[i].lessons[p[i].next_due].lesson_id);
            cJSON_AddStringToObject(d, "title", p[i].lessons[p[i].next_due].title);
        } else {
            cJSON_AddNullToObject(x, "next_due");
        }
        cJSON_AddItemToArray(a, x);
    }
    records_progress_free_all(p, n);
    return web_send_cjson(c, 200, "OK", a, NULL);
}

static int on_sorties(struct mg_connection *c, void *data)
{
    web_server *w = data;
    int refused = web_instructor_get(w, c, NULL);
    if (refused)
        return refused;
    char number[RECORDS_NUMBER_MAX] = "";
    int one = web_query_value(c, "trainee", number, sizeof number);
    rdb *db = web_records_open(w, c);
    if (!db)
        return 503;
    records_sortie *s = NULL;
    int n = 0;
    saqr_err e;
    int st = records_sortie_list(db, one ? number : NULL, &s, &n, &e);
    rdb_close(db);
    if (st)
        return web_send_read_failure(c, st, &e, "sorties");
    cJSON *a = cJSON_CreateArray();
    for (int i = 0; i < n; i++) {
        cJSON *x = cJSON_CreateObject();
        cJSON_AddNumberToObject(x, "id", (double)s[i].id);
        cJSON_AddStringToObject(x, "trainee", s[i].trainee);
        cJSON_AddStringToObject(x, "instructor", s[i].instructor);
        cJSON_AddStringToObject(x, "lesson_id", s[i].lesson_id);
        cJSON_AddStringToObject(x, "aircraft_type", s[i].aircraft_type);
        cJSON_AddStringToObject(x, "pilot", s[i].pilot);
        cJSON_AddBoolToObject(x, "demonstration", sheet_pilot_is_automatic(s[i].pilot));
        cJSON_AddStringToObject(x, "started_at", s[i].started_at);
        cJSON_AddNumberToObject(x, "duration_s", s[i].duration_s);
        cJSON_AddStringToObject(x, "result", sheet_result_name(s[i].result));
        cJSON_AddStringToObject(x, "summary", s[i].summary);
        cJSON_AddStringToObject(x, "comment", s[i].comment);
        /* the lesson's items the instructor has still to mark (none to
         * mark on a demonstration) */
        cJSON_AddNumberToObject(x, "items_to_mark", sheet_pilot_is_automatic(s[i].pilot) ? 0 : s[i].items_to_mark);
        if (s[i].regraded) { /* the instructor's grade: the automatic one beside it */
            cJSON *g = cJSON_AddObjectToObject(x, "instructor_grade");
            cJSON_AddStringToObject(g, "auto_result", sheet_result_name(s[i].auto_result));
            cJSON_AddStringToObject(g, "reason", s[i].regrade_reason);
            cJSON_AddStringToObject(g, "by", s[i].regraded_by);
        } else {
            cJSON_AddNullToObject(x, "instructor_grade");
        }
        if (s[i].recording[0]) {
            char url[64];
            snprintf(url, sizeof url, "/api/records/debrief?sortie=%lld", s[i].id);
            cJSON_AddStringToObject(x, "debrief_url", url);
            snprintf(url, sizeof url, "/api/records/export?sortie=%lld&format=csv", s[i].id);
            cJSON_AddStringToObject(x, "csv_url", url);
            snprintf(url, sizeof url, "/api/records/export?sortie=%lld&format=acmi", s[i].id);
            cJSON_AddStringToObject(x, "acmi_url", url);
        } else {
            cJSON_AddNullToObject(x, "debrief_url");
            cJSON_AddNullToObject(x, "csv_url");
            cJSON_AddNullToObject(x, "acmi_url");
        }
        cJSON_AddItemToArray(a, x);
    }
    free(s);
    return web_send_cjson(c, 200, "OK", a, NULL);
}

/* The instructor's marks of the items among the stored elements el put on
 * the sheet graded again from the recording. */
static void put_item_marks(grade_sheet *sheet, const records_element *el, int nel)
{
    for (int i = 0; i < sheet->nelements; i++) {
        sheet_element *x = &sheet->elements[i];
        for (int k = 0; k < nel && x->by_instructor; k++)
            if (el[k].by_instructor && strcmp(el[k].exercise, x->exercise) == 0 &&
                strcmp(el[k].element, x->name) == 0) {
                x->mark = el[k].mark;
                snprintf(x->marked_by, sizeof x->marked_by, "%s", el[k].marked_by);
            }
    }
}

/* The debrief page of a stored sortie (regraded from its recording `rec`,
 * with the result, summary, items' marks and comment the records keep),
 * into a malloc'd buffer. */
int web_recording_lesson(web_server *w, const rec_data *rec, const char *recording, lesson *l, saqr_err *err)
{
    const char *id = rec_meta_get(rec, "lesson");
    char path[1200];
    snprintf(path, sizeof path, "%s/%s.xml", w->cfg.lessons_dir, id ? id : "");
    if (!id || strstr(id, ".."))
        return err_set(err, SAQR_EPARSE, "%s: the recording names no lesson", recording);
    return lesson_load(path, id, l, err);
}

const airport_runway *web_recording_runway(web_server *w, const rec_data *rec)
{
    const char *rwy = rec_meta_get(rec, "runway");
    char icao[16] = "", ident[16] = "";
    if (!rwy || sscanf(rwy, "%15s %15s", icao, ident) != 2)
        return NULL;
    const airport *ap = airport_find(w->cfg.airports, icao);
    return ap ? airport_runway_find(ap, ident) : NULL;
}

static int debrief_page(web_server *w, const records_sortie *s, const records_element *el, int nel,
                        const rec_data *rec, char **page, size_t *len, saqr_err *err)
{
    const char *recording = s->recording;
    lesson l;
    int st = web_recording_lesson(w, rec, recording, &l, err);
    if (st)
        return st;
    grade_sheet sheet;
    st = sortie_regrade(&l, rec, &sheet, err);
    if (!st) {
        snprintf(sheet.comment, sizeof sheet.comment, "%s", s->comment);
        /* the records' grading: the instructor's marks and grade count */
        put_item_marks(&sheet, el, nel);
        sheet.result = s->result;
        snprintf(sheet.summary, sizeof sheet.summary, "%s", s->summary);
    }
    if (!st && s->regraded) { /* the result in force is the instructor's */
        snprintf(sheet.instructor_grade, sizeof sheet.instructor_grade, "%s (graded %s)%s%s: %s",
                 sheet_result_name(s->result), sheet_result_name(s->auto_result), s->regraded_by[0] ? " by " : "",
                 s->regraded_by, s->regrade_reason);
    }
    const airport_runway *r = web_recording_runway(w, rec);
    FILE *f = st ? NULL : open_memstream(page, len);
    if (!st && !f)
        st = err_set(err, SAQR_ENOMEM, "out of memory");
    if (f) {
        st = debrief_write_html_stream(f, recording, rec, &sheet, r, &l, err);
        fclose(f);
    }
    if (!st)
        sheet_free(&sheet);
    lesson_free(&l);
    return st;
}

/* Answers with a printable page of the records: the training record of
 * `number`, or the course report when number is NULL; `db` is closed. */
static int send_printable(struct mg_connection *c, rdb *db, const char *number)
{
    char *page = NULL, now[32];
    size_t len = 0;
    saqr_err e;
    int st;
    FILE *f = open_memstream(&page, &len);
    web_utc_now(now);
    if (!f)
        st = (int)err_set(&e, SAQR_ENOMEM, "out of memory");
    else if (number)
        st = records_training_record_html(db, number, now, f, &e);
    else
        st = records_course_report_html(db, now, f, &e);
    if (f)
        fclose(f);
    rdb_close(db);
    if (st) {
        free(page);
        return web_send_read_failure(c, st, &e, number ? "training record" : "course report");
    }
    web_send(c, 200, "OK", "text/html; charset=utf-8", page, len, NULL);
    free(page);
    return 200;
}

/* GET ?trainee=SERVICE_NO: the trainee's individual training record. */
static int on_training_record(struct mg_connection *c, void *data)
{
    char number[RECORDS_NUMBER_MAX];
    int answered;
    rdb *db = trainee_request(data, c, number, &answered);
    return db ? send_printable(c, db, number) : answered;
}

/* GET: the course report of every trainee. */
static int on_course_report(struct mg_connection *c, void *data)
{
    web_server *w = data;
    int refused = web_instructor_get(w, c, NULL);
    if (refused)
        return refused;
    rdb *db = web_records_open(w, c);
    return db ? send_printable(c, db, NULL) : 503;
}

int web_sortie_recording(rdb *db, const records_sortie *s, rec_data *rec, saqr_err *err)
{
    unsigned char *bytes;
    size_t n;
    int st = records_sortie_recording(db, s->id, &bytes, &n, err);
    if (st == SAQR_ENOTFOUND)
        return rec_read(s->recording, rec, err);
    if (st)
        return st;
    st = rec_parse_buffer(bytes, n, s->recording, rec, err);
    free(bytes);
    return st;
}

int web_stored_sortie(struct mg_connection *c, rdb *db, long long id, records_sortie *s, rec_data *rec,
                      records_element **elements, int *nelements)
{
    saqr_err e;
    int st = records_sortie_get(db, id, s, &e);
    if (st)
        return web_send_read_failure(c, st, &e, "sortie");
    if (!s->recording[0])
        return web_send_error(c, 404, "Not Found", "the sortie was flown without a recording");
    if (elements && records_sortie_elements(db, id, elements, nelements, &e))
        return web_send_read_failure(c, SAQR_EIO, &e, "sortie");
    st = web_sortie_recording(db, s, rec, &e);
    if (st && elements) {
        free(*elements);
        *elements = NULL;
    }
    return st ? web_send_error(c, 404, "Not Found", e.msg) : 0;
}

/* The stored sortie a request names (?sortie=ID), for a logged-in
 * instructor, as web_stored_sortie gives it, or the HTTP status already
 * answered (401, 400, 404, 503...). */
static int requested_sortie(web_server *w, struct mg_connection *c, records_sortie *s, rec_data *rec,
                            records_element **elements, int *nelements)
{
    long long id;
    int answered;
    rdb *db = web_sortie_request(w, c, &id, &answered);
    if (!db)
        return answered;
    answered = web_stored_sortie(c, db, id, s, rec, elements, nelements);
    rdb_close(db);
    return answered;
}

static int on_debrief(struct mg_connection *c, void *data)
{
    web_server *w = data;
    if (web_not_get(c))
        return 405;
    records_sortie s;
    rec_data rec;
    records_element *el = NULL;
    int nel = 0;
    int answered = requested_sortie(w, c, &s, &rec, &el, &nel);
    if (answered)
        return answered;
    saqr_err e;
    char *page = NULL;
    size_t len = 0;
    int st = debrief_page(w, &s, el, nel, &rec, &page, &len, &e);
    rec_data_free(&rec);
    free(el);
    if (st) {
        free(page);
        return web_send_error(c, 404, "Not Found", e.msg);
    }
    web_send(c, 200, "OK", "text/html; charset=utf-8", page, len, NULL);
    free(page);
    return 200;
}

/* A sortie's recording exported (session export): the channels as CSV,
 * or a Tacview ACMI file to replay in Tacview (docs/recording.md), as a
 * download named after the sortie. */
static int on_export(struct mg_connection *c, void *data)
{
    web_server *w = data;
    if (web_not_get(c))
        return 405;
    records_sortie s;
    rec_data rec;
    int answered = requested_sortie(w, c, &s, &rec, NULL, NULL);
    if (answered)
        return answered;
    char format[8] = "";
    const int acmi = web_query_value(c, "format", format, sizeof format) && strcmp(format, "acmi") == 0;
    if (!acmi && strcmp(format, "csv") != 0) {
        rec_data_free(&rec);
        return web_send_error(c, 400, "Bad Request", "format must be csv or acmi");
    }
    saqr_err e;
    int st;
    char *body = NULL, name[48];
    size_t len = 0;
    snprintf(name, sizeof name, "sortie-%lld.%s", s.id, acmi ? "acmi" : "csv");
    FILE *f = open_memstream(&body, &len);
    if (!f)
        st = (int)err_set(&e, SAQR_ENOMEM, "out of memory");
    else if (acmi)
        st = rec_export_acmi_stream(&rec, f, name, &e);
    else
        st = rec_export_csv_stream(&rec, f, name, &e);
    if (f)
        fclose(f);
    rec_data_free(&rec);
    if (st) {
        free(body);
        return web_send_error(c, 500, "Internal Server Error", e.msg);
    }
    char extra[128];
    snprintf(extra, sizeof extra, "Content-Disposition: attachment; filename=\"%s\"\r\n", name);
    web_send(c, 200, "OK", acmi ? "text/plain; charset=utf-8" : "text/csv; charset=utf-8", body, len, extra);
    free(body);
    return 200;
}

void web_records_register(web_server *w)
{
    web_grading_register(w);
    mg_set_request_handler(w->ctx, "/api/records/board$", on_board, w);
    mg_set_request_handler(w->ctx, "/api/records/progress$", on_progress, w);
    mg_set_request_handler(w->ctx, "/api/records/record$", on_training_record, w);
    mg_set_request_handler(w->ctx, "/api/records/course$", on_course_report, w);
    mg_set_request_handler(w->ctx, "/api/records/sorties$", on_sorties, w);
    mg_set_request_handler(w->ctx, "/api/records/debrief$", on_debrief, w);
    mg_set_request_handler(w->ctx, "/api/records/export$", on_export, w);
}
