/*
 * web_grading.c - a stored sortie's grading on the instructor station
 * (docs/station-protocol.md, "Records"): read whole for the debrief panel
 * (GET /api/records/sortie), and what an instructor adds to it - the
 * comment, the instructor's grade and the marks of the lesson's items
 * (POST /api/records/comment, grade, mark).
 */
#include "station/web_internal.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "records/records.h"

/* The sortie id of a request's "sortie": a whole number from 1; 0 if not. */
static long long request_sortie(const cJSON *id)
{
    if (!cJSON_IsNumber(id) || !(id->valuedouble >= 1.0) || id->valuedouble > 9e15 ||
        id->valuedouble != (double)(long long)id->valuedouble)
        return 0;
    return (long long)id->valuedouble;
}

/* The answer to a refused write of the records: 400 for what the
 * records refused, 404 for no such sortie, 503 otherwise (`what` cannot
 * be stored). */
static int send_write_refused(struct mg_connection *c, int st, const saqr_err *e, const char *what)
{
    char why[96];
    if (st == SAQR_EINVAL)
        return web_send_error(c, 400, "Bad Request", e->msg);
    if (st == SAQR_ENOTFOUND)
        return web_send_error(c, 404, "Not Found", e->msg);
    snprintf(why, sizeof why, "%s cannot be stored", what);
    return web_send_error(c, 503, "Service Unavailable", why);
}

/* Reads what a logged-in instructor POSTs to change a stored sortie
 * (`usage` says what it holds) into *o - NULL when it is not JSON, which
 * the caller refuses with its fields - with the instructor in *who.  0,
 * or the status already sent (405, 401, 413). */
static int write_request(web_server *w, struct mg_connection *c, const char *usage, const char *what, auth_who *who,
                         cJSON **o)
{
    *o = NULL;
    if (strcmp(mg_get_request_info(c)->request_method, "POST") != 0)
        return web_send_error(c, 405, "Method Not Allowed", usage);
    if (!web_instructor(w, c, who))
        return web_send_error(c, 401, "Unauthorized", "not logged in");
    return web_read_json(c, what, o);
}

/* A change to stored sortie `id` made in the records (its request o read). */
typedef int (*sortie_write)(rdb *db, long long id, const cJSON *o, const char *instructor, saqr_err *err);

/* Makes the change `write` to sortie `id` with the request o (deleted
 * here) and answers: 200 with the sortie's grading when `grading`, else
 * {"sortie"}; the records' refusal as send_write_refused says. */
static int write_sortie(web_server *w, struct mg_connection *c, cJSON *o, long long id, sortie_write write,
                        const char *instructor, int grading, const char *what)
{
    rdb *db = web_records_open(w, c);
    if (!db) {
        cJSON_Delete(o);
        return 503;
    }
    saqr_err e;
    records_sortie s;
    int st = write(db, id, o, instructor, &e);
    if (st == SAQR_OK)
        st = records_sortie_get(db, id, &s, &e);
    rdb_close(db);
    cJSON_Delete(o);
    if (st)
        return send_write_refused(c, st, &e, what);
    cJSON *a = cJSON_CreateObject();
    cJSON_AddNumberToObject(a, "sortie", (double)id);
    if (grading) { /* its result in force, the grading beside it, the summary */
        cJSON_AddStringToObject(a, "result", sheet_result_name(s.result));
        cJSON_AddBoolToObject(a, "regraded", s.regraded);
        cJSON_AddStringToObject(a, "auto_result", sheet_result_name(s.auto_result));
        cJSON_AddStringToObject(a, "summary", s.summary);
    }
    return web_send_cjson(c, 200, "OK", a, NULL);
}

/* A request's string field `name` (NULL when it is not one). */
static const char *field(const cJSON *o, const char *name)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static int set_comment(rdb *db, long long id, const cJSON *o, const char *instructor, saqr_err *err)
{
    (void)instructor;
    return records_sortie_set_comment(db, id, field(o, "comment"), err);
}

static int set_grade(rdb *db, long long id, const cJSON *o, const char *instructor, saqr_err *err)
{
    return records_sortie_regrade(db, id, (sortie_result)records_result_parse(field(o, "result")), field(o, "reason"),
                                  instructor, err);
}

static int set_mark(rdb *db, long long id, const cJSON *o, const char *instructor, saqr_err *err)
{
    return records_sortie_mark(db, id, field(o, "exercise"), field(o, "item"),
                               (grade_mark)records_item_mark_parse(field(o, "mark")), instructor, err);
}

/* POST {"sortie": ID, "comment": TEXT}: the instructor's comment on a
 * stored sortie ("" clears it). */
static int on_comment(struct mg_connection *c, void *data)
{
    auth_who who;
    cJSON *o;
    int answered = write_request(data, c, "POST a JSON object with sortie and comment", "a comment request", &who, &o);
    if (answered)
        return answered;
    const long long id = request_sortie(cJSON_GetObjectItemCaseSensitive(o, "sortie"));
    if (!cJSON_IsObject(o) || !id || !field(o, "comment")) {
        cJSON_Delete(o);
        return web_send_error(c, 400, "Bad Request", "sortie (a sortie id) and comment (a string) are required");
    }
    return write_sortie(data, c, o, id, set_comment, who.service_number, 0, "the comment");
}

/* POST {"sortie": ID, "result": "Pass"|"Marginal"|"Unsat"|"Incomplete",
 * "reason": TEXT}: the logged-in instructor's grade of a stored sortie
 * (records_sortie_regrade). */
static int on_grade(struct mg_connection *c, void *data)
{
    auth_who who;
    cJSON *o;
    int answered =
        write_request(data, c, "POST a JSON object with sortie, result and reason", "a grade request", &who, &o);
    if (answered)
        return answered;
    const long long id = request_sortie(cJSON_GetObjectItemCaseSensitive(o, "sortie"));
    if (!cJSON_IsObject(o) || !id || records_result_parse(field(o, "result")) < 0 || !field(o, "reason")) {
        cJSON_Delete(o);
        return web_send_error(c, 400, "Bad Request",
                              "sortie (a sortie id), result (Pass, Marginal, Unsat or Incomplete) and reason (a "
                              "string) are required");
    }
    return write_sortie(data, c, o, id, set_grade, who.service_number, 1, "the grade");
}

/* POST {"sortie": ID, "exercise": ID, "item": ID, "mark": "Excellent"|
 * "Good"|"Fair"|"Unsatisfactory"|"none"}: the logged-in instructor's mark
 * of an item the simulator cannot observe (records_sortie_mark). */
static int on_mark(struct mg_connection *c, void *data)
{
    auth_who who;
    cJSON *o;
    int answered = write_request(data, c, "POST a JSON object with sortie, exercise, item and mark", "a mark request",
                                 &who, &o);
    if (answered)
        return answered;
    const long long id = request_sortie(cJSON_GetObjectItemCaseSensitive(o, "sortie"));
    if (!cJSON_IsObject(o) || !id || records_item_mark_parse(field(o, "mark")) < 0 || !field(o, "exercise") ||
        !field(o, "item")) {
        cJSON_Delete(o);
        return web_send_error(c, 400, "Bad Request",
                              "sortie (a sortie id), exercise and item (strings) and mark (Excellent, Good, Fair, "
                              "Unsatisfactory or none) are required");
    }
    return write_sortie(data, c, o, id, set_mark, who.service_number, 1, "the mark");
}

/* The grade sheet the records keep of sortie s (elements el, n of them;
 * the sheet points into el) titled from the records' syllabus. */
static void stored_sheet(rdb *db, const records_sortie *s, const records_element *el, int n, sheet_element *out,
                         grade_sheet *sheet)
{
    memset(sheet, 0, sizeof *sheet);
    snprintf(sheet->lesson, sizeof sheet->lesson, "%s", s->lesson_id);
    snprintf(sheet->aircraft, sizeof sheet->aircraft, "%s", s->aircraft_type);
    snprintf(sheet->pilot, sizeof sheet->pilot, "%s", s->pilot);
    snprintf(sheet->summary, sizeof sheet->summary, "%s", s->summary);
    sheet->result = s->result;
    records_lesson *ls = NULL;
    int nls = 0;
    saqr_err e;
    if (records_syllabus(db, NULL, &ls, &nls, &e) == SAQR_OK)
        for (int i = 0; i < nls; i++)
            if (strcmp(ls[i].lesson_id, s->lesson_id) == 0)
                snprintf(sheet->title, sizeof sheet->title, "%s", ls[i].title);
    free(ls);
    for (int i = 0; i < n; i++) {
        sheet_element *x = &out[i];
        memset(x, 0, sizeof *x);
        snprintf(x->exercise, sizeof x->exercise, "%s", el[i].exercise);
        snprintf(x->name, sizeof x->name, "%s", el[i].element);
        snprintf(x->title, sizeof x->title, "%s", el[i].title);
        snprintf(x->marked_by, sizeof x->marked_by, "%s", el[i].marked_by);
        x->mark = el[i].mark;
        x->by_instructor = el[i].by_instructor;
        /* the records keep the worst moment, not the window */
        x->worst_t_s = el[i].worst_t_s;
        x->t_start_s = x->t_end_s = NAN;
        /* the deductions were stored joined by new lines */
        for (const char *d = el[i].deductions; *d && x->ndeductions < SHEET_MAX_DEDUCTIONS;) {
            size_t len = strcspn(d, "\n");
            snprintf(x->deductions[x->ndeductions++].text, sizeof x->deductions[0].text, "%.*s", (int)len, d);
            d += len + (d[len] == '\n');
        }
    }
    sheet->nelements = n;
    sheet->elements = out;
}

/* GET ?sortie=ID: a stored sortie's grading as the station's debrief
 * message gives it (docs/station-protocol.md, `debrief`), with the
 * instructor's comment and grade, for the debrief panel: an instructor
 * debriefs, grades and marks a sortie flown earlier as one just ended. */
static int on_sortie(struct mg_connection *c, void *data)
{
    long long id;
    int answered;
    rdb *db = web_sortie_request(data, c, &id, &answered);
    if (!db)
        return answered;
    records_sortie s;
    records_element *el = NULL;
    int n = 0;
    saqr_err e;
    int st = records_sortie_get(db, id, &s, &e);
    if (st == SAQR_OK)
        st = records_sortie_elements(db, id, &el, &n, &e);
    sheet_element *x = st ? NULL : calloc((size_t)n + 1, sizeof *x);
    if (st == SAQR_OK && !x)
        st = err_set(&e, SAQR_ENOMEM, "out of memory");
    grade_sheet sheet;
    if (st == SAQR_OK)
        stored_sheet(db, &s, el, n, x, &sheet);
    rdb_close(db);
    free(el);
    if (st) {
        free(x);
        return web_send_read_failure(c, st, &e, "sortie");
    }
    char url[64];
    snprintf(url, sizeof url, "/api/records/debrief?sortie=%lld", id);
    char *text = proto_debrief_json(&sheet, id, s.recording[0] ? url : NULL);
    free(x);
    cJSON *o = text ? cJSON_Parse(text) : NULL;
    free(text);
    if (!o)
        return web_send_error(c, 500, "Internal Server Error", "out of memory");
    cJSON_AddStringToObject(o, "comment", s.comment);
    if (s.regraded) {
        cJSON *g = cJSON_AddObjectToObject(o, "instructor_grade");
        cJSON_AddStringToObject(g, "auto_result", sheet_result_name(s.auto_result));
        cJSON_AddStringToObject(g, "reason", s.regrade_reason);
        cJSON_AddStringToObject(g, "by", s.regraded_by);
    } else {
        cJSON_AddNullToObject(o, "instructor_grade");
    }
    return web_send_cjson(c, 200, "OK", o, NULL);
}

void web_grading_register(web_server *w)
{
    mg_set_request_handler(w->ctx, "/api/records/sortie$", on_sortie, w);
    mg_set_request_handler(w->ctx, "/api/records/grade$", on_grade, w);
    mg_set_request_handler(w->ctx, "/api/records/mark$", on_mark, w);
    mg_set_request_handler(w->ctx, "/api/records/comment$", on_comment, w);
}
