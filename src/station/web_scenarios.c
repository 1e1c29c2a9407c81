/*
 * web_scenarios.c - the instructors' scenarios at the station (an
 * instructor station function 14 CFR Part 60 expects of a training
 * device: "scenario loading"): a named set of conditions - the weather,
 * the load, malfunctions in force or armed, a position - saved from the
 * instructor's page into the training records, and applied later to the
 * sortie being flown, at this station or any other on the same records.
 *
 * A scenario is kept as the station commands that set it up, the same
 * messages the instructor's page sends (docs/station-protocol.md): each
 * is checked by the protocol's own parser when the scenario is saved and
 * again when it is applied, and only these four kinds are taken:
 * `weather`, `load`, `malfunction` and `reposition`.
 *
 *   GET  /api/scenarios          {"scenarios": [{name, aircraft, saved_by, saved_at, commands}]}
 *   POST /api/scenarios          {"name", "aircraft", "commands": [...]}: 201 new, 200 replaced
 *   POST /api/scenarios/apply    {"name"}: 202, the commands queued in order
 *   POST /api/scenarios/delete   {"name"}: 200
 */
#include "station/web_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "records/records.h"
#include "records/scenarios.h"

#define SCENARIO_MAX_COMMANDS 32

/* Command i of a scenario, checked: SAQR_OK with the station command in
 * *out, else SAQR_EINVAL naming the command and the protocol's reason. */
static int scenario_command(const cJSON *item, int i, station_cmd *out, saqr_err *err)
{
    if (!cJSON_IsObject(item))
        return err_set(err, SAQR_EINVAL, "commands[%d]: not a JSON object", i);
    char *text = cJSON_PrintUnformatted(item);
    if (!text)
        return err_set(err, SAQR_ENOMEM, "out of memory");
    proto_msg m;
    saqr_err why;
    const int st = proto_parse(text, strlen(text), PROTO_INSTRUCTOR, &m, &why);
    free(text);
    if (st)
        return err_set(err, SAQR_EINVAL, "commands[%d]: %s", i, why.msg);
    const station_cmd_kind k = m.cmd.kind;
    if (m.kind != PROTO_COMMAND ||
        !(k == SCMD_WEATHER || k == SCMD_LOAD || k == SCMD_MALFUNCTION || k == SCMD_REPOSITION))
        return err_set(err, SAQR_EINVAL,
                       "commands[%d]: a scenario sets the weather, the load, malfunctions and a position only "
                       "(weather, load, malfunction, reposition)",
                       i);
    *out = m.cmd;
    return SAQR_OK;
}

/* The scenario's commands, checked: SAQR_OK with their count, each into
 * out[i] (NULL: only checked; else room for SCENARIO_MAX_COMMANDS), and
 * whether one sets a point mass (which is the aircraft's own: the
 * scenario must name its type). */
static int scenario_commands(const cJSON *a, station_cmd *out, int *n, int *sets_mass, saqr_err *err)
{
    *n = *sets_mass = 0;
    const int count = cJSON_GetArraySize(a);
    if (!cJSON_IsArray(a) || count < 1 || count > SCENARIO_MAX_COMMANDS)
        return err_set(err, SAQR_EINVAL, "commands: an array of 1 to %d station commands", SCENARIO_MAX_COMMANDS);
    for (int i = 0; i < count; i++) {
        station_cmd c;
        int st = scenario_command(cJSON_GetArrayItem(a, i), i, &c, err);
        if (st)
            return st;
        if (c.kind == SCMD_LOAD && cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(a, i), "mass"))
            *sets_mass = 1;
        if (out)
            out[i] = c;
    }
    *n = count;
    return SAQR_OK;
}

/* 1 when `aircraft` is a type the lessons folder holds (a folder of
 * lessons named so), or empty. */
static int aircraft_known(const web_server *w, const char *aircraft)
{
    if (!aircraft[0])
        return 1;
    if (!records_course_name_ok(aircraft))
        return 0;
    char path[1200];
    snprintf(path, sizeof path, "%s/%s/syllabus.txt", w->cfg.lessons_dir, aircraft);
    return access(path, R_OK) == 0;
}

static const char *string_field(const cJSON *o, const char *name)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* The scenarios as the list answers them. */
static cJSON *scenarios_json(const records_scenario *s, int n)
{
    cJSON *o = cJSON_CreateObject();
    cJSON *a = o ? cJSON_AddArrayToObject(o, "scenarios") : NULL;
    if (!a) {
        cJSON_Delete(o);
        return NULL;
    }
    for (int i = 0; i < n; i++) {
        cJSON *x = cJSON_CreateObject();
        if (!x || !cJSON_AddItemToArray(a, x)) {
            cJSON_Delete(x);
            cJSON_Delete(o);
            return NULL;
        }
        cJSON_AddStringToObject(x, "name", s[i].name);
        if (s[i].aircraft[0])
            cJSON_AddStringToObject(x, "aircraft", s[i].aircraft);
        else
            cJSON_AddNullToObject(x, "aircraft");
        cJSON_AddStringToObject(x, "saved_by", s[i].saved_by);
        cJSON_AddStringToObject(x, "saved_at", s[i].saved_at);
        /* stored as checked; a row changed by hand is shown as it is */
        cJSON *c = cJSON_Parse(s[i].commands);
        if (c)
            cJSON_AddItemToObject(x, "commands", c);
        else
            cJSON_AddNullToObject(x, "commands");
    }
    return o;
}

static int list(web_server *w, struct mg_connection *c)
{
    rdb *db = web_records_open(w, c);
    if (!db)
        return 503;
    records_scenario *s = NULL;
    int n = 0;
    saqr_err e;
    const int st = records_scenario_list(db, &s, &n, &e);
    rdb_close(db);
    if (st)
        return web_send_read_failure(c, st, &e, "scenarios");
    cJSON *o = scenarios_json(s, n);
    free(s);
    return o ? web_send_cjson(c, 200, "OK", o, NULL) : web_send_error(c, 503, "Service Unavailable", "out of memory");
}

/* POST {"name", "aircraft": TYPE|null, "commands": [...]}. */
static int save(web_server *w, struct mg_connection *c, const auth_who *who)
{
    cJSON *o;
    int answered = web_read_json(c, "a scenario", &o);
    if (answered)
        return answered;
    const char *name = string_field(o, "name"), *aircraft = string_field(o, "aircraft");
    const cJSON *ac = cJSON_GetObjectItemCaseSensitive(o, "aircraft");
    const cJSON *commands = cJSON_GetObjectItemCaseSensitive(o, "commands");
    saqr_err e;
    int n, sets_mass, st = SAQR_OK;
    if (!cJSON_IsObject(o) || !name)
        st = err_set(&e, SAQR_EINVAL, "name (a string), aircraft (a type or null) and commands are required");
    else if ((ac && !cJSON_IsNull(ac) && !aircraft) || !aircraft_known(w, aircraft ? aircraft : ""))
        st = err_set(&e, SAQR_EINVAL, "aircraft: null for any, or a type there are lessons for (super-mushak, jf17)");
    else if ((st = scenario_commands(commands, NULL, &n, &sets_mass, &e)) == SAQR_OK && sets_mass &&
             !(aircraft && aircraft[0]))
        st = err_set(&e, SAQR_EINVAL, "aircraft: a scenario that sets a point mass names the aircraft it is for");
    char *text = st ? NULL : cJSON_PrintUnformatted(commands);
    if (!st && !text)
        st = err_set(&e, SAQR_ENOMEM, "out of memory");
    if (st) {
        cJSON_Delete(o);
        return web_send_error(c, st == SAQR_ENOMEM ? 503 : 400,
                              st == SAQR_ENOMEM ? "Service Unavailable" : "Bad Request", e.msg);
    }
    rdb *db = web_records_open(w, c);
    if (!db) {
        free(text);
        cJSON_Delete(o);
        return 503;
    }
    char now[32];
    web_utc_now(now);
    int replaced = 0;
    st = records_scenario_save(db, name, aircraft, text, who->service_number, now, &replaced, &e);
    rdb_close(db);
    free(text);
    cJSON *a = st ? NULL : cJSON_CreateObject();
    if (a) {
        cJSON_AddStringToObject(a, "name", name);
        cJSON_AddBoolToObject(a, "replaced", replaced);
        cJSON_AddNumberToObject(a, "commands", n);
    }
    cJSON_Delete(o);
    if (st == SAQR_EINVAL)
        return web_send_error(c, 400, "Bad Request", e.msg);
    if (!a)
        return web_send_error(c, 503, "Service Unavailable", st ? "the scenario cannot be saved" : "out of memory");
    return web_send_cjson(c, replaced ? 200 : 201, replaced ? "OK" : "Created", a, NULL);
}

/* GET the list; POST a scenario to save. */
static int on_scenarios(struct mg_connection *c, void *data)
{
    web_server *w = data;
    const char *method = mg_get_request_info(c)->request_method;
    const int get = strcmp(method, "GET") == 0;
    if (!get && strcmp(method, "POST") != 0)
        return web_send_error(c, 405, "Method Not Allowed",
                              "GET lists the scenarios; POST {\"name\", \"aircraft\", \"commands\"} saves one");
    auth_who who;
    if (!web_instructor(w, c, &who))
        return web_send_error(c, 401, "Unauthorized", "not logged in");
    return get ? list(w, c) : save(w, c, &who);
}

/* A POST {"name": NAME} by a logged-in instructor: the scenario read into
 * *s (the caller frees it), or NULL with the answer given in *answered. */
static records_scenario *named(web_server *w, struct mg_connection *c, const char *usage, int *answered)
{
    *answered = 0;
    if (strcmp(mg_get_request_info(c)->request_method, "POST") != 0) {
        *answered = web_send_error(c, 405, "Method Not Allowed", usage);
        return NULL;
    }
    if (!web_instructor(w, c, NULL)) {
        *answered = web_send_error(c, 401, "Unauthorized", "not logged in");
        return NULL;
    }
    cJSON *o;
    if ((*answered = web_read_json(c, "the request", &o)) != 0)
        return NULL;
    const char *name = string_field(o, "name");
    records_scenario *s = name ? malloc(sizeof *s) : NULL;
    rdb *db = s ? web_records_open(w, c) : NULL;
    saqr_err e;
    int st = SAQR_EINVAL;
    if (db) {
        st = records_scenario_find(db, name, s, &e);
        rdb_close(db);
    }
    cJSON_Delete(o);
    if (!name)
        *answered = web_send_error(c, 400, "Bad Request", usage);
    else if (!s)
        *answered = web_send_error(c, 503, "Service Unavailable", "out of memory");
    else if (!db)
        *answered = 503; /* web_records_open answered */
    else if (st)
        *answered = web_send_read_failure(c, st, &e, "scenario");
    if (*answered) {
        free(s);
        return NULL;
    }
    return s;
}

/* POST {"name"}: the scenario's commands queued for the sortie flown, in
 * their order (202 {"name", "commands"}); 409 when no sortie is flown or
 * it is another aircraft's, 422 when what the records hold is not JSON
 * or a command no longer passes (nothing is applied then). */
static int on_apply(struct mg_connection *c, void *data)
{
    web_server *w = data;
    int answered;
    records_scenario *s = named(w, c, "POST {\"name\": NAME} applies that scenario to the sortie flown", &answered);
    if (!s)
        return answered;
    station_snapshot *n = malloc(sizeof *n);
    station_cmd *cmds = calloc(SCENARIO_MAX_COMMANDS, sizeof *cmds);
    cJSON *commands = cJSON_Parse(s->commands);
    saqr_err e;
    int count = 0, sets_mass, st = SAQR_OK;
    if (!n || !cmds)
        st = err_set(&e, SAQR_ENOMEM, "out of memory");
    else if (!commands) /* a row changed by hand, or cut short */
        st = err_set(&e, SAQR_EPARSE, "scenario \"%s\": its stored commands are not JSON (save it again)", s->name);
    if (st == SAQR_OK)
        station_snapshot_get(w->cfg.st, n);
    if (st == SAQR_OK && n->status != STATION_RUNNING && n->status != STATION_PAUSED)
        st = err_set(&e, SAQR_ESTATE, "no sortie is being flown: start a lesson, then apply the scenario to it");
    else if (st == SAQR_OK && s->aircraft[0] && strcmp(s->aircraft, n->aircraft) != 0)
        st = err_set(&e, SAQR_ESTATE, "scenario \"%s\" is for the %s: this sortie flies the %s", s->name, s->aircraft,
                     n->aircraft);
    else if (st == SAQR_OK)
        st = scenario_commands(commands, cmds, &count, &sets_mass, &e);
    if (st == SAQR_OK) { /* marked in the recording where it was applied */
        station_cmd mark;
        memset(&mark, 0, sizeof mark);
        mark.kind = SCMD_SCENARIO;
        snprintf(mark.note, sizeof mark.note, "%s", s->name);
        st = station_submit(w->cfg.st, &mark, &e);
    }
    for (int i = 0; st == SAQR_OK && i < count; i++)
        st = station_submit(w->cfg.st, &cmds[i], &e);
    free(cmds);
    free(n);
    cJSON_Delete(commands);
    if (st) {
        free(s);
        if (st == SAQR_ESTATE)
            return web_send_error(c, 409, "Conflict", e.msg);
        if (st == SAQR_EINVAL || st == SAQR_EPARSE) /* a stored command that does not pass (any more) */
            return web_send_error(c, 422, "Unprocessable Entity", e.msg);
        return web_send_error(c, 503, "Service Unavailable", e.msg);
    }
    cJSON *a = cJSON_CreateObject();
    if (a) {
        cJSON_AddStringToObject(a, "name", s->name);
        cJSON_AddNumberToObject(a, "commands", count);
    }
    free(s);
    return a ? web_send_cjson(c, 202, "Accepted", a, NULL)
             : web_send_error(c, 503, "Service Unavailable", "out of memory");
}

/* POST {"name"}: the scenario deleted from the records. */
static int on_delete(struct mg_connection *c, void *data)
{
    web_server *w = data;
    int answered;
    records_scenario *s = named(w, c, "POST {\"name\": NAME} deletes that scenario", &answered);
    if (!s)
        return answered;
    rdb *db = web_records_open(w, c);
    saqr_err e;
    int st = db ? records_scenario_delete(db, s->name, &e) : SAQR_EIO;
    rdb_close(db);
    cJSON *a = st ? NULL : cJSON_CreateObject();
    if (a)
        cJSON_AddStringToObject(a, "deleted", s->name);
    free(s);
    if (!db)
        return 503;
    if (st)
        return web_send_read_failure(c, st, &e, "scenario");
    return a ? web_send_cjson(c, 200, "OK", a, NULL) : web_send_error(c, 503, "Service Unavailable", "out of memory");
}

void web_scenarios_register(web_server *w)
{
    mg_set_request_handler(w->ctx, "/api/scenarios$", on_scenarios, w);
    mg_set_request_handler(w->ctx, "/api/scenarios/apply$", on_apply, w);
    mg_set_request_handler(w->ctx, "/api/scenarios/delete$", on_delete, w);
}
