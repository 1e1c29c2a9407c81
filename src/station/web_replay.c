/*
 * web_replay.c - a stored sortie's flight loaded into the station's
 * replay (POST /api/records/replay {"sortie": ID, "from_s": T}), for a
 * debrief with the trainee after the day's flying: its recording read
 * from the records, graded again for the overlays' bands, sampled for the
 * replay (station_flight.h: ten minutes of it, the last or from T) and
 * handed to the simulation thread, which loads it when no sortie is
 * flown.  The answer lists where each exercise began, so that the page
 * can offer any part of a longer sortie.  The Replay panel then plays it
 * back.
 */
#include "station/web_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "station/station_flight.h"
#include "train/record_moment.h"
#include "train/sortie.h"

#define REPLAY_MAX_EXERCISES 32 /* exercise starts listed in the answer */
#define REPLAY_MAX_MOMENTS 32   /* and moments (record_moment.h)        */

/* The parts of recording rec the answer offers to replay from, in the
 * order recorded: where each exercise began ("exercise-start" events;
 * titled from lesson l, NULL: unread) and each moment a debrief goes back
 * to (a touch-down, a malfunction, a crash, the instructor's note, ...),
 * at most REPLAY_MAX_EXERCISES and REPLAY_MAX_MOMENTS of them. */
static void add_parts(cJSON *a, const rec_data *rec, const lesson *l)
{
    cJSON *parts = cJSON_AddArrayToObject(a, "parts");
    if (!parts)
        return;
    int nex = 0, nmo = 0;
    for (size_t i = 0; i < rec->nevents; i++) {
        const rec_event *e = &rec->events[i];
        const int exercise = strncmp(e->kind, "exercise-start", REC_NAME_MAX) == 0;
        const char *moment = exercise ? NULL : rec_moment_label(e->kind);
        if (!isfinite(e->t_s) || (!exercise && !moment) ||
            (exercise ? nex >= REPLAY_MAX_EXERCISES : nmo >= REPLAY_MAX_MOMENTS))
            continue;
        char title[REC_TEXT_MAX + 96];
        if (exercise) {
            const char *t = e->text;
            for (int k = 0; l && k < l->nexercises; k++)
                if (strcmp(l->exercises[k].id, e->text) == 0)
                    t = l->exercises[k].title;
            snprintf(title, sizeof title, "%s", t);
        } else {
            snprintf(title, sizeof title, "%s%s%s", moment, e->text[0] ? ": " : "", e->text);
        }
        cJSON *p = cJSON_CreateObject();
        cJSON_AddStringToObject(p, "kind", exercise ? "exercise" : e->kind);
        cJSON_AddStringToObject(p, "exercise", exercise ? e->text : "");
        cJSON_AddStringToObject(p, "title", title);
        cJSON_AddNumberToObject(p, "t_s", e->t_s);
        if (!cJSON_AddItemToArray(parts, p))
            cJSON_Delete(p);
        if (exercise)
            nex++;
        else
            nmo++;
    }
}

/* Into *out, the flight of stored sortie s with its recording rec from
 * from_s (NAN: its last minutes; station_flight_from_recording's
 * failures): graded again from the recording (its lesson's bands; without
 * them when the lesson cannot be read) and named as the records name it;
 * where its exercises began added to the answer. */
static saqr_status flight_of(web_server *w, const records_sortie *s, const rec_data *rec, double from_s, cJSON *answer,
                             station_flight **out, saqr_err *err)
{
    lesson l;
    grade_sheet sheet;
    saqr_err ignored;
    const int read = web_recording_lesson(w, rec, s->recording, &l, &ignored) == SAQR_OK;
    const int graded = read && sortie_regrade(&l, rec, &sheet, &ignored) == SAQR_OK;
    add_parts(answer, rec, read ? &l : NULL);
    if (read)
        lesson_free(&l);
    const saqr_status st = station_flight_from_recording(rec, graded ? &sheet : NULL, from_s, out, err);
    if (graded)
        sheet_free(&sheet);
    if (st)
        return st;
    station_flight *f = *out;
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
    return SAQR_OK;
}

/* The request's "from_s": NAN when absent or null, else a time of the
 * sortie 0..1e7 s; *bad set when it is anything else. */
static double from_of(const cJSON *o, int *bad)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, "from_s");
    *bad = 0;
    if (!v || cJSON_IsNull(v))
        return NAN;
    if (cJSON_IsNumber(v) && v->valuedouble >= 0.0 && v->valuedouble <= 1e7)
        return v->valuedouble;
    *bad = 1;
    return NAN;
}

/* POST {"sortie": ID[, "from_s": T]} by a logged-in instructor: 202
 * {"sortie", "seconds", "from_s", "to_s", "flight_from_s", "flight_to_s",
 * "parts"} once handed to the station; 400 (also a T after the flight's
 * end), 401, 404, 405, 409 (a sortie is being flown), 413, 503 otherwise. */
static int on_replay(struct mg_connection *c, void *data)
{
    web_server *w = data;
    static const char usage[] = "POST {\"sortie\": ID, \"from_s\": T} loads ten minutes of that stored sortie's "
                                "flight into the replay: from T s of the sortie (0..1e7), or without it the last ten";
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
    int bad_from;
    const double from_s = from_of(o, &bad_from);
    cJSON_Delete(o);
    if (!(id_d >= 1.0 && id_d <= 9e15) || id_d != (double)(long long)id_d || bad_from)
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
    cJSON *a = cJSON_CreateObject();
    station_flight *f = NULL;
    const saqr_status st = a ? flight_of(w, &s, &rec, from_s, a, &f, &e) : err_set(&e, SAQR_ENOMEM, "out of memory");
    rec_data_free(&rec);
    if (st) {
        cJSON_Delete(a);
        if (st == SAQR_EINVAL) /* a time past the flight's end */
            return web_send_error(c, 400, "Bad Request", e.msg);
        return st == SAQR_ENOMEM ? web_send_error(c, 503, "Service Unavailable", e.msg)
                                 : web_send_error(c, 404, "Not Found", e.msg);
    }
    snprintf(f->trainee_name, sizeof f->trainee_name, "%.*s", (int)sizeof f->trainee_name - 1, t.name);
    const double seconds = f->ins[f->n - 1].t_s - f->ins[0].t_s;
    station_cmd cmd;
    memset(&cmd, 0, sizeof cmd);
    cmd.kind = SCMD_LOAD_FLIGHT;
    cmd.flight = f;
    const double window[4] = {f->ins[0].t_s, f->ins[f->n - 1].t_s, f->flight_t0_s, f->flight_t1_s};
    if (station_submit(w->cfg.st, &cmd, &e)) {
        station_flight_free(f);
        cJSON_Delete(a);
        return web_send_error(c, 503, "Service Unavailable", e.msg);
    }
    cJSON_AddNumberToObject(a, "sortie", (double)s.id);
    cJSON_AddNumberToObject(a, "seconds", seconds);
    cJSON_AddNumberToObject(a, "from_s", window[0]);
    cJSON_AddNumberToObject(a, "to_s", window[1]);
    cJSON_AddNumberToObject(a, "flight_from_s", window[2]);
    cJSON_AddNumberToObject(a, "flight_to_s", window[3]);
    return web_send_cjson(c, 202, "Accepted", a, NULL);
}

void web_replay_register(web_server *w)
{
    mg_set_request_handler(w->ctx, "/api/records/replay$", on_replay, w);
}
