/*
 * web_briefing.c - a lesson's pre-flight data on the station, read from
 * the lesson file when asked for (docs/station-protocol.md): its briefing
 * (GET /api/lessons/briefing?lesson=ID, the page of train/briefing.h) and
 * its route as the exercises fly it (GET /api/lessons/route?lesson=ID,
 * the legs the instructor's map draws).  The briefing is open to the
 * cockpit's browser as well as to instructors: the trainee reads it before
 * the sortie, and it holds nothing but the lesson's published standards.
 * The route is the instructor's map's only.
 */
#include "station/web_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "train/briefing.h"

/* The lesson the request's lesson=ID names, loaded (lesson_free and free
 * it); NULL when it cannot be, the error answered and its status in
 * *status: 400 for no lesson id, 404 for no such lesson, 503 out of
 * memory. */
static lesson *requested_lesson(web_server *w, struct mg_connection *c, int *status)
{
    const char *q = mg_get_request_info(c)->query_string;
    char id[64];
    int n = q ? mg_get_var(q, strlen(q), "lesson", id, sizeof id) : -1;
    if (n <= 0 || !lesson_id_valid(id)) {
        *status = web_send_error(c, 400, "Bad Request", "lesson (a lesson id: AIRCRAFT/NAME) is required");
        return NULL;
    }
    char path[1200];
    snprintf(path, sizeof path, "%s/%s.xml", w->cfg.lessons_dir, id);
    lesson *l = calloc(1, sizeof *l);
    if (!l) {
        *status = web_send_error(c, 503, "Service Unavailable", "out of memory");
        return NULL;
    }
    saqr_err e;
    if (lesson_load(path, id, l, &e)) {
        free(l);
        *status = web_send_error(c, 404, "Not Found", "there is no such lesson");
        return NULL;
    }
    return l;
}

static void lesson_unload(lesson *l)
{
    lesson_free(l);
    free(l);
}

static int on_briefing(struct mg_connection *c, void *data)
{
    web_server *w = data;
    if (web_not_get(c))
        return 405;
    int status;
    lesson *l = requested_lesson(w, c, &status);
    if (!l)
        return status;
    char *page = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&page, &len);
    int bad = !f || briefing_write_html(l, f);
    if (f)
        bad |= fclose(f) != 0;
    lesson_unload(l);
    if (bad) {
        free(page);
        return web_send_error(c, 500, "Internal Server Error", "the briefing could not be made");
    }
    web_send(c, 200, "OK", "text/html; charset=utf-8", page, len, NULL);
    free(page);
    return 200;
}

static int on_route(struct mg_connection *c, void *data)
{
    web_server *w = data;
    int status = web_instructor_get(w, c, NULL);
    if (status)
        return status;
    lesson *l = requested_lesson(w, c, &status);
    if (!l)
        return status;
    char *json = proto_route_json(l);
    lesson_unload(l);
    if (!json)
        return web_send_error(c, 503, "Service Unavailable", "out of memory");
    web_send(c, 200, "OK", "application/json", json, strlen(json), NULL);
    free(json);
    return 200;
}

void web_briefing_register(web_server *w)
{
    mg_set_request_handler(w->ctx, "/api/lessons/briefing$", on_briefing, w);
    mg_set_request_handler(w->ctx, "/api/lessons/route$", on_route, w);
}
