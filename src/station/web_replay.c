/*
 * web_replay.c - a stored sortie's flight loaded into the station's
 * replay (POST /api/records/replay {"sortie": ID}), for a debrief with
 * the trainee after the day's flying: its recording read from the
 * records, graded again for the overlays' bands, sampled for the replay
 * (station_flight.h) and handed to the simulation thread, which loads it
 * when no sortie is flown.  The Replay panel then plays it back.
 */
#include "station/web_internal.h"

#include <stdio.h>
#include <string.h>

#include "station/station_flight.h"
#include "train/sortie.h"

/* The flight of stored sortie s with its recording rec: graded again from
 * the recording (its lesson's bands; without them when the lesson cannot
 * be read) and named as the records name it. */
static station_flight *flight_of(web_server *w, const records_sortie *s, const rec_data *rec, saqr_err *err)
{
    lesson l;
    grade_sheet sheet;
    saqr_err ignored;
    int graded = web_recording_lesson(w, rec, s->recording, &l, &ignored) == SAQR_OK;
    if (graded) {
        graded = sortie_regrade(&l, rec, &sheet, &ignored) == SAQR_OK;
        lesson_free(&l);
    }
    station_flight *f = station_flight_from_recording(rec, graded ? &sheet : NULL, err);
    if (graded)
        sheet_free(&sheet);
    if (!f)
        return NULL;
    f->sortie_id = s->id;
    snprintf(f->lesson_id, sizeof f->lesson_id, "%.*s", (int)sizeof f->lesson_id - 1, s->lesson_id);
    if (!f->lesson_title[0])
        snprintf(f->lesson_title, sizeof f->lesson_title, "%.*s", (int)sizeof f->lesson_title - 1, s->lesson_id);
    snprintf(f->trainee_number, sizeof f->trainee_number, "%.*s", (int)sizeof f->trainee_number - 1, s->trainee);
    snprintf(f->pilot, sizeof f->pilot, "%.*s", (int)sizeof f->pilot - 1, s->pilot);
    const airport_runway *r = web_recording_runway(w, rec);
    const char *rwy = rec_meta_get(rec, "runway");
    if (r && rwy) { /* "OPRS 27L" */
        sscanf(rwy, "%7s", f->airport);
        snprintf(f->runway, sizeof f->runway, "%s", r->ident);
    }
    return f;
}

/* POST {"sortie": ID} by a logged-in instructor: 202 {"sortie", "seconds"}
 * once handed to the station; 400, 401, 404, 405, 409 (a sortie is being
 * flown), 413, 503 otherwise. */
static int on_replay(struct mg_connection *c, void *data)
{
    web_server *w = data;
    static const char usage[] = "POST {\"sortie\": ID} loads that stored sortie's flight into the replay";
    if (strcmp(mg_get_request_info(c)->request_method, "POST") != 0)
        return web_send_error(c, 405, "Method Not Allowed", usage);
    if (!web_instructor(w, c, NULL))
        return web_send_error(c, 401, "Unauthorized", "not logged in");
    cJSON *o = NULL;
    int answered = web_read_json(c, "the replay request", &o);
    if (answered)
        return answered;
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, "sortie");
    const double id_d = cJSON_IsNumber(v) ? v->valuedouble : 0.0;
    cJSON_Delete(o);
    if (!(id_d >= 1.0 && id_d <= 9e15) || id_d != (double)(long long)id_d)
        return web_send_error(c, 400, "Bad Request", usage);
    rdb *db = web_records_open(w, c);
    if (!db)
        return 503;
    records_sortie s;
    rec_data rec;
    answered = web_stored_sortie(c, db, (long long)id_d, &s, &rec, NULL, NULL);
    records_trainee t;
    saqr_err e;
    if (answered || !s.trainee[0] || records_trainee_find(db, s.trainee, &t, &e))
        t.name[0] = '\0';
    rdb_close(db);
    if (answered)
        return answered;
    /* the simulation thread refuses it too, and would have to free it */
    station_snapshot n;
    station_snapshot_get(w->cfg.st, &n);
    if (n.status == STATION_RUNNING || n.status == STATION_PAUSED) {
        rec_data_free(&rec);
        return web_send_error(c, 409, "Conflict", "a sortie is being flown: end it before replaying a stored one");
    }
    station_flight *f = flight_of(w, &s, &rec, &e);
    rec_data_free(&rec);
    if (!f)
        return web_send_error(c, 404, "Not Found", e.msg);
    snprintf(f->trainee_name, sizeof f->trainee_name, "%.*s", (int)sizeof f->trainee_name - 1, t.name);
    const double seconds = f->ins[f->n - 1].t_s - f->ins[0].t_s;
    station_cmd cmd;
    memset(&cmd, 0, sizeof cmd);
    cmd.kind = SCMD_LOAD_FLIGHT;
    cmd.flight = f;
    if (station_submit(w->cfg.st, &cmd, &e)) {
        station_flight_free(f);
        return web_send_error(c, 503, "Service Unavailable", e.msg);
    }
    cJSON *a = cJSON_CreateObject();
    cJSON_AddNumberToObject(a, "sortie", (double)s.id);
    cJSON_AddNumberToObject(a, "seconds", seconds);
    return web_send_cjson(c, 202, "Accepted", a, NULL);
}

void web_replay_register(web_server *w)
{
    mg_set_request_handler(w->ctx, "/api/records/replay$", on_replay, w);
}
