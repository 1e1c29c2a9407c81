/*
 * web_briefing.c - a lesson's pre-flight briefing on the station (GET
 * /api/lessons/briefing?lesson=ID, docs/station-protocol.md): the page of
 * train/briefing.h, read from the lesson file when asked for.  Open to the
 * cockpit's browser as well as to instructors: the trainee reads it before
 * the sortie, and it holds nothing but the lesson's published standards.
 */
#include "station/web_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "train/briefing.h"

static int on_briefing(struct mg_connection *c, void *data)
{
    web_server *w = data;
    if (web_not_get(c))
        return 405;
    const char *q = mg_get_request_info(c)->query_string;
    char id[64];
    int n = q ? mg_get_var(q, strlen(q), "lesson", id, sizeof id) : -1;
    if (n <= 0 || !lesson_id_valid(id))
        return web_send_error(c, 400, "Bad Request", "lesson (a lesson id: AIRCRAFT/NAME) is required");
    char path[1200];
    snprintf(path, sizeof path, "%s/%s.xml", w->cfg.lessons_dir, id);
    lesson *l = calloc(1, sizeof *l);
    if (!l)
        return web_send_error(c, 503, "Service Unavailable", "out of memory");
    saqr_err e;
    if (lesson_load(path, id, l, &e)) {
        free(l);
        return web_send_error(c, 404, "Not Found", "there is no such lesson");
    }
    char *page = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&page, &len);
    int bad = !f || briefing_write_html(l, f);
    if (f)
        bad |= fclose(f) != 0;
    lesson_free(l);
    free(l);
    if (bad) {
        free(page);
        return web_send_error(c, 500, "Internal Server Error", "the briefing could not be made");
    }
    web_send(c, 200, "OK", "text/html; charset=utf-8", page, len, NULL);
    free(page);
    return 200;
}

void web_briefing_register(web_server *w)
{
    mg_set_request_handler(w->ctx, "/api/lessons/briefing$", on_briefing, w);
}
