/*
 * protocol.c - parsing and encoding the station's JSON messages (see
 * protocol.h and docs/station-protocol.md).  JSON through cJSON.
 */
#include "station/protocol.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "train/lesson_route.h"

/* ---------------------------------------------------------------- parsing */

typedef enum field_type { F_NUM, F_BOOL, F_STR, F_ID_OR_NULL } field_type;

typedef struct field_spec {
    const char *name;
    field_type type;
    double lo, hi;          /* F_NUM: inclusive range; F_STR: max length in hi */
    const char *const *choices; /* F_STR: the accepted values (NULL: any)    */
} field_spec;

typedef struct message_spec {
    const char *type;
    int instructor_only;
    const field_spec *fields;
} message_spec;

/* the trainee, the reference pilot, or its degraded variants: the
 * instructor's demonstrations of a fault (train/pilot.h) */
static const char *const pilots[] = {"trainee",           "reference",         "degraded:bank",
                                     "degraded:altitude", "degraded:long",     "degraded:instruments",
                                     "degraded:drift",    NULL};
static const char *const places[] = {"threshold", "final", "airborne", NULL};
static const char *const malfs[] = {"engine-failure",     "partial-power",  "pitot-blocked", "attitude-failure",
                                    "flap-failure",       "brake-failure",  "gear-failure",  "fuel-leak",
                                    "pitot-heat-failure", "static-blocked", "reheat-failure", "fcs-degraded",
                                    NULL};
/* an armed malfunction's trigger (sortie_trigger_name) */
static const char *const triggers[] = {"after-s", "agl-above-ft", "agl-below-ft", "ias-above-kt", NULL};

/* an item's mark, as sheet_mark_name names them; "none" takes it off */
static const char *const item_marks[] = {"Excellent", "Good", "Fair", "Unsatisfactory", "none", NULL};

static const field_spec f_none[] = {{NULL, F_NUM, 0, 0, NULL}};
static const field_spec f_start[] = {{"lesson", F_STR, 0, 63, NULL},
                                     {"trainee", F_ID_OR_NULL, 0, 0, NULL},
                                     {"pilot", F_STR, 0, 23, pilots},
                                     {NULL, F_NUM, 0, 0, NULL}};
static const field_spec f_freeze[] = {{"on", F_BOOL, 0, 0, NULL}, {NULL, F_NUM, 0, 0, NULL}};
static const field_spec f_repo[] = {{"to", F_STR, 0, 15, places},        {"nm", F_NUM, 1, 20, NULL},
                                    {"alt_ft", F_NUM, 500, 50000, NULL}, {"heading_deg", F_NUM, 0, 360, NULL},
                                    {"ias_kt", F_NUM, 50, 700, NULL},    {"airport", F_STR, 0, 7, NULL},
                                    {"runway", F_STR, 0, 7, NULL},       {NULL, F_NUM, 0, 0, NULL}};
static const field_spec f_weather[] = {{"wind_from_deg", F_NUM, 0, 360, NULL}, {"wind_kt", F_NUM, 0, 100, NULL},
                                       {"gust_kt", F_NUM, 0, 50, NULL},        {"turbulence", F_NUM, 0, 3, NULL},
                                       {"temperature_c", F_NUM, -60, 60, NULL}, {"qnh_hpa", F_NUM, 900, 1100, NULL},
                                       {"icing", F_NUM, 0, 3, NULL},           {"rain", F_NUM, 0, 1, NULL},
                                       {"visibility_m", F_NUM, 50, 50000, NULL}, {"cloud_cover", F_NUM, 0, 4, NULL},
                                       {"cloud_base_ft", F_NUM, 100, 25000, NULL}, {"time_of_day", F_NUM, 0, 6, NULL},
                                       {NULL, F_NUM, 0, 0, NULL}};
static const field_spec f_load[] = {{"fuel_pct", F_NUM, 0, 100, NULL}, {"mass", F_NUM, 0, 7, NULL},
                                    {"mass_kg", F_NUM, 0, 500, NULL},   {NULL, F_NUM, 0, 0, NULL}};
static const field_spec f_control[] = {{"instructor", F_BOOL, 0, 0, NULL}, {"cockpit", F_BOOL, 0, 0, NULL},
                                       {NULL, F_NUM, 0, 0, NULL}};
static const field_spec f_note[] = {{"text", F_STR, 0, SORTIE_NOTE_MAX, NULL}, {NULL, F_NUM, 0, 0, NULL}};
static const field_spec f_mark[] = {{"exercise", F_STR, 0, LESSON_NAME_MAX - 1, NULL},
                                    {"item", F_STR, 0, LESSON_NAME_MAX - 1, NULL},
                                    {"mark", F_STR, 0, 15, item_marks},
                                    {NULL, F_NUM, 0, 0, NULL}};
static const field_spec f_divert[] = {{"to", F_STR, 0, LESSON_NAME_MAX - 1, NULL}, {NULL, F_NUM, 0, 0, NULL}};
static const field_spec f_slot[] = {{"slot", F_NUM, 1, SORTIE_SNAPSHOTS, NULL}, {NULL, F_NUM, 0, 0, NULL}};
static const field_spec f_rewind[] = {{"seconds", F_NUM, 1, SORTIE_REWIND_MAX_S, NULL}, {NULL, F_NUM, 0, 0, NULL}};
static const field_spec f_malf[] = {{"name", F_STR, 0, 31, malfs},
                                    {"on", F_BOOL, 0, 0, NULL},
                                    {"when", F_STR, 0, 15, triggers},
                                    {"value", F_NUM, 0, 60000, NULL},
                                    {NULL, F_NUM, 0, 0, NULL}};
static const field_spec f_replay[] = {{"seconds", F_NUM, 10, 600, NULL},
                                      {"speed", F_NUM, 0.25, 8, NULL},
                                      {"stop", F_BOOL, 0, 0, NULL},
                                      {NULL, F_NUM, 0, 0, NULL}};
static const field_spec f_controls[] = {{"elevator", F_NUM, -1, 1, NULL},   {"aileron", F_NUM, -1, 1, NULL},
                                        {"rudder", F_NUM, -1, 1, NULL},     {"throttle", F_NUM, 0, 1, NULL},
                                        {"flaps", F_NUM, 0, 1, NULL},       {"brake", F_NUM, 0, 1, NULL},
                                        {"gear", F_NUM, 0, 1, NULL},        {"speedbrake", F_NUM, 0, 1, NULL},
                                        {"pitch_trim", F_NUM, -1, 1, NULL}, {NULL, F_NUM, 0, 0, NULL}};

static const message_spec messages[] = {
    {"start", 1, f_start},     {"end", 1, f_none},         {"pause", 1, f_none},
    {"resume", 1, f_none},     {"freeze", 1, f_freeze},    {"reposition", 1, f_repo},
    {"weather", 1, f_weather}, {"malfunction", 1, f_malf}, {"replay", 1, f_replay},
    {"load", 1, f_load},       {"controls", 0, f_controls}, {"control", 1, f_control},
    {"snapshot", 1, f_slot},   {"recall", 1, f_slot},      {"rewind", 1, f_rewind},
    {"note", 1, f_note},       {"fuel-freeze", 1, f_freeze}, {"divert", 1, f_divert},
    {"mark", 1, f_mark},       {"rejoin", 1, f_none},
};

static const field_spec *find_field(const field_spec *f, const char *name)
{
    for (; f->name; f++)
        if (strcmp(f->name, name) == 0)
            return f;
    return NULL;
}

/* Checks one present field against its spec. */
static int check_field(const char *type, const field_spec *f, const cJSON *v, saqr_err *err)
{
    switch (f->type) {
    case F_NUM:
        if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble))
            return err_set(err, SAQR_EINVAL, "%s.%s: a number is wanted", type, f->name);
        if (v->valuedouble < f->lo || v->valuedouble > f->hi)
            return err_set(err, SAQR_EINVAL, "%s.%s: %g is outside %g..%g", type, f->name, v->valuedouble, f->lo,
                           f->hi);
        return SAQR_OK;
    case F_BOOL:
        if (!cJSON_IsBool(v))
            return err_set(err, SAQR_EINVAL, "%s.%s: true or false is wanted", type, f->name);
        return SAQR_OK;
    case F_STR:
        if (!cJSON_IsString(v) || !v->valuestring)
            return err_set(err, SAQR_EINVAL, "%s.%s: a string is wanted", type, f->name);
        if (strlen(v->valuestring) > (size_t)f->hi || !v->valuestring[0])
            return err_set(err, SAQR_EINVAL, "%s.%s: 1 to %.0f characters", type, f->name, f->hi);
        if (f->choices) {
            for (const char *const *c = f->choices; *c; c++)
                if (strcmp(*c, v->valuestring) == 0)
                    return SAQR_OK;
            return err_set(err, SAQR_EINVAL, "%s.%s: \"%.40s\" is not one of the accepted values", type, f->name,
                           v->valuestring);
        }
        return SAQR_OK;
    case F_ID_OR_NULL:
        if (cJSON_IsNull(v))
            return SAQR_OK;
        if (!cJSON_IsNumber(v) || !(v->valuedouble >= 1 && v->valuedouble <= 9.0e15) ||
            v->valuedouble != floor(v->valuedouble))
            return err_set(err, SAQR_EINVAL, "%s.%s: a record id (a positive integer) or null is wanted", type,
                           f->name);
        return SAQR_OK;
    }
    return SAQR_OK;
}

static double num(const cJSON *o, const char *name, double dflt)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
    return cJSON_IsNumber(v) ? v->valuedouble : dflt;
}

static const char *str(const cJSON *o, const char *name, const char *dflt)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
    return cJSON_IsString(v) ? v->valuestring : dflt;
}

static int has(const cJSON *o, const char *name)
{
    return cJSON_GetObjectItemCaseSensitive(o, name) != NULL;
}

static int boolean(const cJSON *o, const char *name)
{
    return cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, name));
}

static int require(const cJSON *o, const char *type, const char *name, saqr_err *err)
{
    if (!has(o, name))
        return err_set(err, SAQR_EINVAL, "%s: \"%s\" is required", type, name);
    return SAQR_OK;
}

/* A checkpoint's id as lessons write them: letters, digits, '-', '_'
 * and '.' (the length is the field spec's). */
static int checkpoint_id_ok(const char *id)
{
    for (const char *c = id; *c; c++)
        if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') || *c == '-' ||
              *c == '_' || *c == '.'))
            return 0;
    return 1;
}

/* The command of a validated message of spec m. */
static int build(const message_spec *m, const cJSON *o, proto_msg *out, saqr_err *err)
{
    station_cmd *c = &out->cmd;
    const char *t = m->type;
    int st;
    if (strcmp(t, "controls") == 0) {
        out->kind = PROTO_CONTROLS;
        static const struct { const char *name; controls_id id; } map[] = {
            {"elevator", CONTROLS_ELEVATOR}, {"aileron", CONTROLS_AILERON}, {"rudder", CONTROLS_RUDDER},
            {"throttle", CONTROLS_THROTTLE}, {"flaps", CONTROLS_FLAPS},     {"gear", CONTROLS_GEAR},
            {"brake", CONTROLS_BRAKE_LEFT},  {"brake", CONTROLS_BRAKE_RIGHT}, {"speedbrake", CONTROLS_SPEEDBRAKE},
            {"pitch_trim", CONTROLS_PITCH_TRIM},
        };
        for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
            if (has(o, map[i].name)) {
                out->ctl[map[i].id] = num(o, map[i].name, 0.0);
                out->ctl_mask |= 1u << map[i].id;
            }
        if (has(o, "gear") && out->ctl[CONTROLS_GEAR] != 0.0 && out->ctl[CONTROLS_GEAR] != 1.0)
            return err_set(err, SAQR_EINVAL, "controls.gear: 0 (up) or 1 (down)");
        return SAQR_OK;
    }
    out->kind = PROTO_COMMAND;
    if (strcmp(t, "start") == 0) {
        if ((st = require(o, t, "lesson", err)))
            return st;
        c->kind = SCMD_START;
        snprintf(c->lesson, sizeof c->lesson, "%s", str(o, "lesson", ""));
        snprintf(c->pilot, sizeof c->pilot, "%s", str(o, "pilot", "trainee"));
        out->trainee_id = (long long)num(o, "trainee", -1.0);
    } else if (strcmp(t, "end") == 0) {
        c->kind = SCMD_END;
    } else if (strcmp(t, "rejoin") == 0) {
        c->kind = SCMD_REJOIN;
    } else if (strcmp(t, "pause") == 0) {
        c->kind = SCMD_PAUSE;
    } else if (strcmp(t, "resume") == 0) {
        c->kind = SCMD_RESUME;
    } else if (strcmp(t, "freeze") == 0 || strcmp(t, "fuel-freeze") == 0) {
        if ((st = require(o, t, "on", err)))
            return st;
        c->kind = strcmp(t, "freeze") == 0 ? SCMD_FREEZE_POSITION : SCMD_FREEZE_FUEL;
        c->on = boolean(o, "on");
    } else if (strcmp(t, "reposition") == 0) {
        if ((st = require(o, t, "to", err)))
            return st;
        c->kind = SCMD_REPOSITION;
        const char *to = str(o, "to", "");
        c->repo.nm = num(o, "nm", NAN);
        c->repo.alt_ft = num(o, "alt_ft", NAN);
        c->repo.heading_deg = num(o, "heading_deg", NAN);
        c->repo.ias_kt = num(o, "ias_kt", NAN);
        /* another runway: the sortie checks it against the airports file */
        snprintf(c->repo.airport, sizeof c->repo.airport, "%s", str(o, "airport", ""));
        snprintf(c->repo.runway, sizeof c->repo.runway, "%s", str(o, "runway", ""));
        if (strcmp(to, "threshold") == 0) {
            c->repo.kind = REPO_THRESHOLD;
        } else if (strcmp(to, "final") == 0) {
            c->repo.kind = REPO_FINAL;
            if ((st = require(o, t, "nm", err)))
                return st;
        } else {
            c->repo.kind = REPO_AIRBORNE;
            if ((st = require(o, t, "alt_ft", err)) || (st = require(o, t, "heading_deg", err)))
                return st;
        }
    } else if (strcmp(t, "weather") == 0) {
        c->kind = SCMD_WEATHER;
        sortie_weather *w = &c->weather;
        w->wind_from_deg = num(o, "wind_from_deg", NAN);
        w->wind_kt = num(o, "wind_kt", NAN);
        w->gust_kt = num(o, "gust_kt", NAN);
        w->turbulence = num(o, "turbulence", NAN);
        w->temperature_c = num(o, "temperature_c", NAN);
        w->qnh_hpa = num(o, "qnh_hpa", NAN);
        w->icing = num(o, "icing", NAN);
        w->rain = num(o, "rain", NAN);
        w->visibility_m = num(o, "visibility_m", NAN);
        w->cloud_cover = num(o, "cloud_cover", NAN);
        w->cloud_base_ft = num(o, "cloud_base_ft", NAN);
        w->time_of_day = num(o, "time_of_day", NAN);
        if (!isnan(w->turbulence) && w->turbulence != floor(w->turbulence))
            return err_set(err, SAQR_EINVAL, "weather.turbulence: 0, 1, 2 or 3");
        if (!isnan(w->icing) && w->icing != floor(w->icing))
            return err_set(err, SAQR_EINVAL, "weather.icing: 0, 1, 2 or 3");
        if (!isnan(w->rain) && w->rain != floor(w->rain))
            return err_set(err, SAQR_EINVAL, "weather.rain: 0 or 1");
        if (!isnan(w->cloud_cover) && w->cloud_cover != floor(w->cloud_cover))
            return err_set(err, SAQR_EINVAL, "weather.cloud_cover: 0 (clear), 1 (few), 2 (scattered), 3 (broken) or 4 (overcast)");
        if (!isnan(w->time_of_day) && w->time_of_day != floor(w->time_of_day))
            return err_set(err, SAQR_EINVAL,
                           "weather.time_of_day: 0 (dawn), 1 (morning), 2 (noon), 3 (afternoon), 4 (dusk), 5 (evening) or 6 (midnight)");
        if (cJSON_GetArraySize(o) < 2 + (has(o, "id") ? 1 : 0))
            return err_set(err, SAQR_EINVAL, "weather: nothing to change");
    } else if (strcmp(t, "load") == 0) {
        c->kind = SCMD_LOAD;
        c->fuel_pct = num(o, "fuel_pct", NAN);
        double index = num(o, "mass", NAN);
        if (!isnan(index) && index != floor(index))
            return err_set(err, SAQR_EINVAL, "load.mass: a point mass's index, 0..7");
        if (!isnan(index) && !has(o, "mass_kg"))
            return err_set(err, SAQR_EINVAL, "load: mass needs mass_kg");
        if (isnan(index) && has(o, "mass_kg"))
            return err_set(err, SAQR_EINVAL, "load: mass_kg needs mass (the point mass's index)");
        c->mass_index = isnan(index) ? -1 : (int)index;
        c->mass_kg = num(o, "mass_kg", NAN);
        if (isnan(c->fuel_pct) && c->mass_index < 0)
            return err_set(err, SAQR_EINVAL, "load: nothing to change");
    } else if (strcmp(t, "snapshot") == 0 || strcmp(t, "recall") == 0) {
        c->kind = t[0] == 's' ? SCMD_SNAPSHOT : SCMD_RECALL;
        double slot = num(o, "slot", 1.0); /* the first when not said */
        if (slot != floor(slot))
            return err_set(err, SAQR_EINVAL, "%s.slot: a snapshot's number, 1..%d", t, SORTIE_SNAPSHOTS);
        c->slot = (int)slot;
    } else if (strcmp(t, "note") == 0) {
        if ((st = require(o, t, "text", err)))
            return st;
        c->kind = SCMD_NOTE;
        snprintf(c->note, sizeof c->note, "%s", str(o, "text", ""));
    } else if (strcmp(t, "mark") == 0) {
        if ((st = require(o, t, "exercise", err)) || (st = require(o, t, "item", err)) ||
            (st = require(o, t, "mark", err)))
            return st;
        c->kind = SCMD_MARK_ITEM;
        snprintf(c->item_exercise, sizeof c->item_exercise, "%s", str(o, "exercise", ""));
        snprintf(c->item_id, sizeof c->item_id, "%s", str(o, "item", ""));
        const char *mark = str(o, "mark", "none");
        c->item_mark = MARK_NOT_OBSERVED;
        for (int k = MARK_UNSAT; k <= MARK_EXCELLENT; k++)
            if (strcmp(mark, sheet_mark_name((grade_mark)k)) == 0)
                c->item_mark = (grade_mark)k;
    } else if (strcmp(t, "divert") == 0) {
        if ((st = require(o, t, "to", err)))
            return st;
        const char *to = str(o, "to", "");
        if (!checkpoint_id_ok(to))
            return err_set(err, SAQR_EINVAL, "divert.to: a checkpoint's id (letters, digits, '-', '_', '.')");
        c->kind = SCMD_DIVERT;
        snprintf(c->divert_to, sizeof c->divert_to, "%s", to);
    } else if (strcmp(t, "rewind") == 0) {
        if ((st = require(o, t, "seconds", err)))
            return st;
        c->kind = SCMD_REWIND;
        c->rewind_s = num(o, "seconds", NAN);
    } else if (strcmp(t, "control") == 0) {
        if ((st = require(o, t, "instructor", err)))
            return st;
        c->kind = SCMD_CONTROL;
        /* sortie_hands: the reference pilot flies for the instructor, or
         * the instructor from the cockpit's own controls */
        const int cockpit = boolean(o, "cockpit");
        if (cockpit && !boolean(o, "instructor"))
            return err_set(err, SAQR_EINVAL, "control.cockpit: only when the instructor takes control");
        c->on = boolean(o, "instructor") ? (cockpit ? SORTIE_INSTRUCTOR_COCKPIT : SORTIE_INSTRUCTOR_PILOT)
                                         : SORTIE_TRAINEE_HAS_CONTROL;
    } else if (strcmp(t, "malfunction") == 0) {
        if ((st = require(o, t, "name", err)) || (st = require(o, t, "on", err)))
            return st;
        c->kind = SCMD_MALFUNCTION;
        c->malfunction = (sortie_malfunction)sortie_malfunction_from_name(str(o, "name", ""));
        c->on = boolean(o, "on");
        c->trigger = TRIG_NONE;
        if (cJSON_GetObjectItemCaseSensitive(o, "when")) { /* armed, to come later */
            if ((st = require(o, t, "value", err)))
                return st;
            if (!c->on)
                return err_set(err, SAQR_EINVAL, "malfunction.when: only to insert one (on: true)");
            c->trigger = (sortie_trigger)sortie_trigger_from_name(str(o, "when", ""));
            c->trigger_value = num(o, "value", NAN);
            double lo, hi;
            sortie_trigger_range(c->trigger, &lo, &hi);
            if (c->trigger_value < lo || c->trigger_value > hi)
                return err_set(err, SAQR_EINVAL, "malfunction.value: %g is outside %g..%g for %s", c->trigger_value, lo,
                               hi, str(o, "when", ""));
        } else if (cJSON_GetObjectItemCaseSensitive(o, "value")) {
            return err_set(err, SAQR_EINVAL, "malfunction.value: only with when");
        }
    } else if (strcmp(t, "replay") == 0) {
        if (boolean(o, "stop")) {
            c->kind = SCMD_REPLAY_STOP;
        } else {
            if ((st = require(o, t, "seconds", err)))
                return st;
            c->kind = SCMD_REPLAY;
            c->replay_s = num(o, "seconds", 60.0);
            c->replay_speed = num(o, "speed", 1.0);
        }
    }
    return SAQR_OK;
}

/* cJSON's parser recurses once per nested array or object, up to 1,000
 * deep: deeper than a web server worker's stack holds (a body of 2 kB
 * of brackets overflowed it).  So the depth is counted first, outside
 * strings, without recursion; no message of the protocol nests past 3. */
static int json_depth_ok(const char *text, size_t len)
{
    int depth = 0, in_string = 0;
    for (size_t i = 0; i < len; i++) {
        char ch = text[i];
        if (in_string) {
            if (ch == '\\')
                i++;
            else if (ch == '"')
                in_string = 0;
        } else if (ch == '"') {
            in_string = 1;
        } else if (ch == '[' || ch == '{') {
            if (++depth > PROTO_MAX_DEPTH)
                return 0;
        } else if (ch == ']' || ch == '}') {
            depth--;
        }
    }
    return 1;
}

cJSON *proto_json_parse(const char *text, size_t len, saqr_err *err)
{
    if (!json_depth_ok(text, len)) {
        err_set(err, SAQR_EINVAL, "not JSON the station reads: nested more than %d deep", PROTO_MAX_DEPTH);
        return NULL;
    }
    const char *end = NULL;
    cJSON *o = cJSON_ParseWithLengthOpts(text, len, &end, 0);
    if (!o) {
        err_set(err, SAQR_EINVAL, "not JSON");
        return NULL;
    }
    /* one value a message: anything after it but white space is refused
     * rather than dropped unread */
    size_t used = end ? (size_t)(end - text) : len;
    while (used < len && (text[used] == ' ' || text[used] == '\t' || text[used] == '\n' || text[used] == '\r' ||
                          text[used] == '\0'))
        used++;
    if (used < len) {
        cJSON_Delete(o);
        err_set(err, SAQR_EINVAL, "not JSON: text after the value at byte %zu", used);
        return NULL;
    }
    return o;
}

int proto_parse(const char *text, size_t len, proto_role role, proto_msg *out, saqr_err *err)
{
    memset(out, 0, sizeof *out);
    out->trainee_id = -1;
    for (int i = 0; i < CONTROLS_COUNT; i++)
        out->ctl[i] = NAN;
    if (len > PROTO_MAX_MESSAGE)
        return err_set(err, SAQR_EINVAL, "message of %zu bytes: at most %d", len, PROTO_MAX_MESSAGE);
    cJSON *o = proto_json_parse(text, len, err);
    if (!o)
        return SAQR_EINVAL;
    int st = SAQR_OK;
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(o, "id");
    if (!cJSON_IsObject(o)) {
        st = err_set(err, SAQR_EINVAL, "a JSON object is wanted");
        goto done;
    }
    if (id) {
        if (!cJSON_IsNumber(id) || id->valuedouble != floor(id->valuedouble) || fabs(id->valuedouble) > 9.0e15) {
            st = err_set(err, SAQR_EINVAL, "id: an integer is wanted");
            goto done;
        }
        out->has_id = 1;
        out->id = (long long)id->valuedouble;
    }
    const char *type = str(o, "type", NULL);
    if (!type) {
        st = err_set(err, SAQR_EINVAL, "\"type\" (a string) is required");
        goto done;
    }
    const message_spec *m = NULL;
    for (size_t i = 0; i < sizeof messages / sizeof messages[0]; i++)
        if (strcmp(messages[i].type, type) == 0)
            m = &messages[i];
    if (!m) {
        st = err_set(err, SAQR_EINVAL, "unknown message type \"%.40s\"", type);
        goto done;
    }
    if (m->instructor_only && role != PROTO_INSTRUCTOR) {
        st = err_set(err, SAQR_EINVAL, "%s: not allowed from the cockpit", type);
        goto done;
    }
    for (const cJSON *v = o->child; v; v = v->next) {
        if (!v->string) {
            st = err_set(err, SAQR_EINVAL, "%s: a field without a name", type);
            goto done;
        }
        if (strcmp(v->string, "type") == 0 || strcmp(v->string, "id") == 0)
            continue;
        const field_spec *f = find_field(m->fields, v->string);
        if (!f) {
            st = err_set(err, SAQR_EINVAL, "%s: unknown field \"%.40s\"", type, v->string);
            goto done;
        }
        if ((st = check_field(type, f, v, err)))
            goto done;
    }
    st = build(m, o, out, err);
done:
    cJSON_Delete(o);
    return st;
}

/* --------------------------------------------------------------- encoding */

static char *finish(cJSON *o)
{
    char *s = o ? cJSON_PrintUnformatted(o) : NULL;
    cJSON_Delete(o);
    return s;
}

/* Numbers rounded to what a display needs (and NAN as null). */
static void add_num(cJSON *o, const char *name, double v, double step)
{
    if (!isfinite(v))
        cJSON_AddNullToObject(o, name);
    else
        cJSON_AddNumberToObject(o, name, step > 0.0 ? round(v / step) * step : v);
}

char *proto_hello_json(proto_role role, double rate_hz)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "type", "hello");
    cJSON_AddStringToObject(o, "role", role == PROTO_INSTRUCTOR ? "instructor" : "cockpit");
    cJSON_AddNumberToObject(o, "version", PROTO_VERSION);
    cJSON_AddNumberToObject(o, "rate_hz", rate_hz);
    return finish(o);
}

/* Whether a malfunction makes the airspeed or attitude shown differ
 * from the aircraft's (without one they are the same values). */
static int differs(double shown, double truth)
{
    return shown != truth && !(isnan(shown) && isnan(truth));
}

static int instruments_falsified(const sortie_instruments *i)
{
    return differs(i->ias_kt, i->true_ias_kt) || differs(i->pitch_deg, i->true_pitch_deg) ||
           differs(i->roll_deg, i->true_roll_deg);
}

static void add_pfd(cJSON *o, const station_snapshot *n)
{
    const sortie_instruments *i = &n->ins;
    cJSON *p = cJSON_AddObjectToObject(o, "pfd");
    add_num(p, "ias_kt", i->ias_kt, 0.01);
    add_num(p, "alt_ft", i->alt_ft, 0.1);
    add_num(p, "vs_fpm", i->vs_fpm, 1.0);
    add_num(p, "pitch_deg", i->pitch_deg, 0.01);
    add_num(p, "roll_deg", i->roll_deg, 0.01);
    add_num(p, "heading_deg", i->heading_deg, 0.01);
    add_num(p, "turn_rate_dps", i->turn_rate_dps, 0.01);
    add_num(p, "slip", i->slip, 0.001);
    add_num(p, "mach", i->mach, 0.001);
    add_num(p, "nz_g", i->nz_g, 0.01);
    add_num(p, "alpha_deg", i->alpha_deg, 0.01);
    add_num(p, "agl_ft", i->agl_ft, 0.1);
    add_num(p, "gs_kt", i->gs_kt, 0.01);
    add_num(p, "track_deg", i->track_deg, 0.01);
    add_num(p, "qnh_hpa", i->qnh_hpa, 0.01);
    add_num(p, "gear_pos", i->gear_pos, 0.01);
    add_num(p, "loc_dev_deg", i->loc_dev_deg, 0.001); /* null outside the ILS's coverage */
    add_num(p, "gs_dev_deg", i->gs_dev_deg, 0.001);
    add_num(p, "dme_nm", i->dme_nm, 0.01);
    /* a failed instrument (attitude, pitot): beside what the trainee sees,
     * what the aircraft does - the instructor's only (proto_cockpit_view) */
    if (instruments_falsified(i)) {
        cJSON *t = cJSON_AddObjectToObject(p, "true");
        add_num(t, "ias_kt", i->true_ias_kt, 0.01);
        add_num(t, "pitch_deg", i->true_pitch_deg, 0.01);
        add_num(t, "roll_deg", i->true_roll_deg, 0.01);
    }
    cJSON_AddBoolToObject(p, "stall_warning", i->stall_warning);
    cJSON_AddBoolToObject(p, "gear_warning", i->gear_warning);
    cJSON_AddBoolToObject(p, "fcs_degraded", i->fcs_degraded);
    cJSON_AddBoolToObject(p, "on_ground", i->on_ground);
}

/* The approach plot's point: null off a final approach. */
static void add_approach(cJSON *o, const station_snapshot *n)
{
    if (!n->has_approach) {
        cJSON_AddNullToObject(o, "approach");
        return;
    }
    cJSON *a = cJSON_AddObjectToObject(o, "approach");
    add_num(a, "x_ft", n->approach.x_ft, 0.1);
    add_num(a, "y_ft", n->approach.y_ft, 0.1);
    add_num(a, "h_ft", n->approach.h_ft, 0.1);
    add_num(a, "path_ft", n->approach.path_ft, 0.1); /* null: the lesson flies no path */
    add_num(a, "glide_deg", n->approach.path.glide_deg, 0.01);
    add_num(a, "aim_ft", n->approach.path.aim_ft, 1.0);
}

static void add_exercise(cJSON *o, const station_snapshot *n)
{
    if (n->exercise < 0) {
        cJSON_AddNullToObject(o, "exercise");
        return;
    }
    cJSON *x = cJSON_AddObjectToObject(o, "exercise");
    cJSON_AddNumberToObject(x, "index", n->exercise);
    cJSON_AddStringToObject(x, "id", n->exercise_id);
    cJSON_AddStringToObject(x, "title", n->exercise_title);
    cJSON_AddBoolToObject(x, "running", n->exercise_running);
    cJSON_AddBoolToObject(x, "instructor", n->exercise_by_instructor);
    cJSON *els = cJSON_AddArrayToObject(x, "elements");
    for (int i = 0; i < n->nelements; i++) {
        cJSON *e = cJSON_CreateObject();
        cJSON_AddStringToObject(e, "id", n->element_id[i]);
        cJSON_AddStringToObject(e, "title", n->element_title[i]);
        cJSON_AddStringToObject(e, "mark", sheet_mark_name(n->element_mark[i]));
        /* its worst moment so far (null: not observed), for replaying it in
         * flight, and the latest place it was left ("": never) */
        add_num(e, "worst_t_s", n->element_worst_t_s[i], 0.01);
        cJSON_AddStringToObject(e, "deduction", n->element_deduction[i]);
        cJSON_AddItemToArray(els, e);
    }
    cJSON_AddBoolToObject(x, "divert_open", n->divert_open);
    if (n->has_circle) { /* a ground reference manoeuvre's point */
        cJSON *c = cJSON_AddObjectToObject(x, "circle");
        add_num(c, "lat_deg", n->circle.lat_deg, 0.0);
        add_num(c, "lon_deg", n->circle.lon_deg, 0.0);
        add_num(c, "radius_nm", n->circle.radius_nm, 0.01);
        add_num(c, "point_nm", n->circle.point_nm, 0.001);
        add_num(c, "around_deg", n->circle.around_deg, 1.0);
    } else {
        cJSON_AddNullToObject(x, "circle");
    }
    if (!n->leg_to[0]) {
        cJSON_AddNullToObject(x, "leg");
        return;
    }
    cJSON *lg = cJSON_AddObjectToObject(x, "leg");
    cJSON_AddStringToObject(lg, "to", n->leg_to);
    add_num(lg, "course_deg", n->leg_course_deg, 0.1);
    add_num(lg, "xtk_nm", n->leg.xtk_nm, 0.01);
    add_num(lg, "to_go_nm", n->leg.to_go_nm, 0.01);
    add_num(lg, "eta_error_min", n->leg.eta_error_min, 0.01);
    add_num(lg, "hdg_error_deg", n->leg.hdg_error_deg, 0.1);
    cJSON_AddBoolToObject(lg, "diversion", n->leg_diversion);
    if (n->leg_diversion) { /* from where it began: no route's leg to draw */
        add_num(lg, "from_lat_deg", n->leg_from_lat_deg, 0.0);
        add_num(lg, "from_lon_deg", n->leg_from_lon_deg, 0.0);
        add_num(lg, "to_lat_deg", n->leg_to_lat_deg, 0.0);
        add_num(lg, "to_lon_deg", n->leg_to_lon_deg, 0.0);
    }
}

/* A formation lesson's lead (null: none): where it is, its attitude,
 * and the aircraft's place in its frame. */
static void add_lead(cJSON *o, const station_snapshot *n)
{
    if (!n->has_lead) {
        cJSON_AddNullToObject(o, "lead");
        return;
    }
    const sortie_lead_values *l = &n->lead;
    cJSON *x = cJSON_AddObjectToObject(o, "lead");
    add_num(x, "lat_deg", l->lat_deg, 0.0);
    add_num(x, "lon_deg", l->lon_deg, 0.0);
    add_num(x, "alt_ft", l->alt_ft, 0.1);
    add_num(x, "heading_deg", l->heading_deg, 0.1);
    add_num(x, "pitch_deg", l->pitch_deg, 0.1);
    add_num(x, "roll_deg", l->roll_deg, 0.1);
    add_num(x, "ahead_ft", l->ahead_ft, 0.1);
    add_num(x, "right_ft", l->right_ft, 0.1);
    add_num(x, "above_ft", l->above_ft, 0.1);
}

/* The lesson's items the instructor marks, with their marks so far. */
static void add_items(cJSON *o, const station_snapshot *n)
{
    cJSON *a = cJSON_AddArrayToObject(o, "items");
    for (int i = 0; i < n->nitems; i++) {
        cJSON *e = cJSON_CreateObject();
        cJSON_AddStringToObject(e, "exercise", n->item_exercise_id[i]);
        cJSON_AddNumberToObject(e, "exercise_index", n->item_exercise[i]);
        cJSON_AddStringToObject(e, "id", n->item_id[i]);
        cJSON_AddStringToObject(e, "title", n->item_title[i]);
        cJSON_AddStringToObject(e, "mark", sheet_mark_name(n->item_mark[i]));
        cJSON_AddStringToObject(e, "marked_by", n->item_marked_by[i]);
        cJSON_AddItemToArray(a, e);
    }
}

int proto_cockpit_view(station_snapshot *n)
{
    int changed = 0;
    sortie_instruments *i = &n->ins;
    if (instruments_falsified(i)) { /* the trainee finds the failure out */
        i->true_ias_kt = i->ias_kt;
        i->true_pitch_deg = i->pitch_deg;
        i->true_roll_deg = i->roll_deg;
        changed = 1;
    }
    for (int m = 0; m < MALF_COUNT; m++) /* nor what is failed, or armed to fail */
        if (n->armed[m] != TRIG_NONE) {
            n->armed[m] = TRIG_NONE;
            changed = 1;
        }
    if (n->malfunctions) {
        n->malfunctions = 0;
        changed = 1;
    }
    if (n->has_circle) { /* the ground reference's point is the trainee's to find */
        n->has_circle = 0;
        changed = 1;
    }
    if (n->has_approach) { /* high or low is the trainee's to judge */
        n->has_approach = 0;
        changed = 1;
    }
    if (n->nitems) { /* the instructor's marks are told at the debrief */
        n->nitems = 0;
        changed = 1;
    }
    if (n->leg_to[0] && n->leg_diversion) {
        n->leg_course_deg = n->leg_from_lat_deg = n->leg_from_lon_deg = NAN;
        n->leg.xtk_nm = n->leg.eta_error_min = n->leg.hdg_error_deg = NAN;
        changed = 1;
    }
    return changed;
}

char *proto_state_json(const station_snapshot *n, int clients)
{
    cJSON *o = cJSON_CreateObject();
    const sortie_instruments *i = &n->ins;
    cJSON_AddStringToObject(o, "type", "state");
    cJSON_AddNumberToObject(o, "seq", (double)n->seq);
    cJSON_AddStringToObject(o, "status", station_status_name(n->status));
    /* ended sorties whose grade, debrief page and records are still coming */
    cJSON_AddNumberToObject(o, "finishing", n->finishing);
    cJSON_AddBoolToObject(o, "replay", n->replay);
    cJSON_AddNumberToObject(o, "replay_epoch", (double)n->replay_epoch);
    add_num(o, "t", i->t_s, 0.001);
    cJSON *fz = cJSON_AddObjectToObject(o, "frozen");
    /* a replay holds the flight itself (state "paused", "replay": true):
     * not the instructor's total freeze, which may be asked for during it
     * and holds once it ends */
    cJSON_AddBoolToObject(fz, "total", n->status == STATION_PAUSED && !n->replay);
    cJSON_AddBoolToObject(fz, "position", n->position_frozen);
    cJSON_AddBoolToObject(fz, "fuel", n->fuel_frozen);
    cJSON_AddBoolToObject(fz, "crash", n->crash_held);
    if (n->lesson_id[0]) {
        cJSON *l = cJSON_AddObjectToObject(o, "lesson");
        cJSON_AddStringToObject(l, "id", n->lesson_id);
        cJSON_AddStringToObject(l, "title", n->lesson_title);
        cJSON_AddStringToObject(l, "aircraft", n->aircraft);
    } else {
        cJSON_AddNullToObject(o, "lesson");
    }
    cJSON_AddStringToObject(o, "aircraft", n->aircraft);
    if (n->trainee_number[0]) {
        cJSON *t = cJSON_AddObjectToObject(o, "trainee");
        cJSON_AddStringToObject(t, "service_number", n->trainee_number);
        cJSON_AddStringToObject(t, "name", n->trainee_name);
    } else {
        cJSON_AddNullToObject(o, "trainee");
    }
    cJSON_AddStringToObject(o, "pilot", n->pilot);
    add_pfd(o, n);
    cJSON *eng = cJSON_AddArrayToObject(o, "engine");
    for (int k = 0; k < n->ngauges; k++) {
        const station_gauge *g = &n->gauges[k];
        cJSON *e = cJSON_CreateObject();
        cJSON_AddStringToObject(e, "id", g->id);
        cJSON_AddStringToObject(e, "label", g->label);
        add_num(e, "value", g->value, 0.01);
        cJSON_AddStringToObject(e, "unit", g->unit);
        add_num(e, "min", g->min, 0.0);
        add_num(e, "max", g->max, 0.0);
        add_num(e, "red", g->red, 0.0);
        cJSON_AddItemToArray(eng, e);
    }
    cJSON *c = cJSON_AddObjectToObject(o, "controls");
    add_num(c, "elevator", i->elevator, 0.001);
    add_num(c, "aileron", i->aileron, 0.001);
    add_num(c, "rudder", i->rudder, 0.001);
    add_num(c, "throttle", i->throttle, 0.001);
    add_num(c, "throttle_mil", i->throttle_mil, 0.001); /* null: no reheat range */
    add_num(c, "flaps", i->flaps, 0.001);
    add_num(c, "gear", i->gear, 0.001);
    add_num(c, "brake", i->brake, 0.001);
    add_num(c, "speedbrake", i->speedbrake, 0.001); /* null: the aircraft has none */
    add_num(c, "pitch_trim", i->pitch_trim, 0.001);
    cJSON *p = cJSON_AddObjectToObject(o, "position");
    add_num(p, "lat_deg", i->lat_deg, 0.0);
    add_num(p, "lon_deg", i->lon_deg, 0.0);
    add_num(p, "alt_ft", i->msl_ft, 0.1); /* true altitude: the map's, not the altimeter's */
    cJSON *r = cJSON_AddObjectToObject(o, "runway");
    cJSON_AddStringToObject(r, "airport", n->airport);
    cJSON_AddStringToObject(r, "ident", n->runway);
    add_exercise(o, n);
    add_items(o, n);
    add_approach(o, n);
    add_lead(o, n);
    cJSON *h = cJSON_AddObjectToObject(o, "hands");
    cJSON_AddBoolToObject(h, "instructor", n->instructor_flying);
    cJSON_AddBoolToObject(h, "taken", n->control_taken != SORTIE_TRAINEE_HAS_CONTROL);
    cJSON_AddBoolToObject(h, "cockpit", n->control_taken == SORTIE_INSTRUCTOR_COCKPIT);
    cJSON *snaps = cJSON_AddArrayToObject(o, "snapshots"); /* those taken */
    for (int k = 0; k < SORTIE_SNAPSHOTS; k++)
        if (!isnan(n->snapshot_t_s[k])) {
            cJSON *sn = cJSON_CreateObject();
            cJSON_AddNumberToObject(sn, "slot", k + 1);
            add_num(sn, "t", n->snapshot_t_s[k], 0.001);
            cJSON_AddItemToArray(snaps, sn);
        }
    if (isnan(n->rewind_available_s)) {
        cJSON_AddNullToObject(o, "rewind");
    } else {
        cJSON *rw = cJSON_AddObjectToObject(o, "rewind");
        add_num(rw, "available_s", n->rewind_available_s, 0.1);
    }
    cJSON *m = cJSON_AddArrayToObject(o, "malfunctions");
    for (int k = 0; k < MALF_COUNT; k++)
        if (n->malfunctions >> k & 1u)
            cJSON_AddItemToArray(m, cJSON_CreateString(sortie_malfunction_name((sortie_malfunction)k)));
    /* armed to come: each with its trigger and value (after-s: seconds left) */
    cJSON *armed = cJSON_AddArrayToObject(o, "malfunctions_armed");
    for (int k = 0; k < MALF_COUNT; k++)
        if (n->armed[k] != TRIG_NONE) {
            cJSON *a = cJSON_CreateObject();
            cJSON_AddStringToObject(a, "name", sortie_malfunction_name((sortie_malfunction)k));
            cJSON_AddStringToObject(a, "when", sortie_trigger_name(n->armed[k]));
            add_num(a, "value", n->armed_value[k], 0.1);
            add_num(a, "armed_with", n->armed_with[k], 0.1);
            cJSON_AddItemToArray(armed, a);
        }
    cJSON *w = cJSON_AddObjectToObject(o, "weather");
    add_num(w, "wind_from_deg", n->weather.wind_from_deg, 0.1);
    add_num(w, "wind_kt", n->weather.wind_kt, 0.1);
    add_num(w, "gust_kt", n->weather.gust_kt, 0.1);
    add_num(w, "turbulence", n->weather.turbulence, 0.0);
    add_num(w, "temperature_c", n->weather.temperature_c, 0.1);
    add_num(w, "qnh_hpa", n->weather.qnh_hpa, 0.01);
    add_num(w, "icing", n->weather.icing, 0.0);
    add_num(w, "rain", n->weather.rain, 0.0);
    add_num(w, "visibility_m", n->weather.visibility_m, 1.0);
    add_num(w, "cloud_cover", n->weather.cloud_cover, 0.0);
    add_num(w, "cloud_base_ft", n->weather.cloud_base_ft, 1.0);
    add_num(w, "time_of_day", n->weather.time_of_day, 0.0);
    add_num(w, "ice_pct", n->ice_norm * 100.0, 0.1);
    cJSON *ld = cJSON_AddObjectToObject(o, "load");
    add_num(ld, "fuel_pct", n->load.fuel_pct, 0.1);
    add_num(ld, "fuel_kg", n->load.fuel_kg, 0.1);
    add_num(ld, "weight_kg", n->load.weight_kg, 0.1);
    add_num(ld, "cg_x_in", n->load.cg_x_in, 0.01);
    cJSON *ms = cJSON_AddArrayToObject(ld, "masses");
    for (int k = 0; k < n->load.nmasses && k < SORTIE_MAX_MASSES; k++) {
        cJSON *pm = cJSON_CreateObject();
        cJSON_AddStringToObject(pm, "name", n->load.mass_name[k]);
        add_num(pm, "kg", n->load.mass_kg[k], 0.1);
        cJSON_AddItemToArray(ms, pm);
    }
    cJSON *lp = cJSON_AddObjectToObject(o, "loop");
    add_num(lp, "rate_hz", n->loop.sim_dt_s > 0.0 ? 1.0 / n->loop.sim_dt_s : NAN, 0.01);
    cJSON_AddNumberToObject(lp, "frames", (double)n->loop.frames);
    cJSON_AddNumberToObject(lp, "overruns", (double)n->loop.overruns);
    cJSON_AddNumberToObject(lp, "dropped", (double)n->loop.dropped_frames);
    add_num(lp, "worst_late_ms", n->loop.worst_late_s * 1000.0, 0.01);
    cJSON_AddNumberToObject(lp, "breaks", (double)n->loop.breaks);
    add_num(lp, "break_ms", n->loop.break_s * 1000.0, 0.1);
    cJSON_AddNumberToObject(lp, "rt_priority", n->rt_priority);
    cJSON_AddNumberToObject(lp, "clients", clients);
    cJSON *fg = cJSON_AddObjectToObject(o, "flightgear");
    cJSON_AddBoolToObject(fg, "stream", n->fg_stream);
    cJSON_AddNumberToObject(fg, "packets", (double)n->fg_packets);
    cJSON_AddStringToObject(fg, "sky", n->fg_sky < 0 ? "off" : n->fg_sky ? "connected" : "connecting");
    cJSON_AddNumberToObject(fg, "skies", (double)n->fg_skies);
    return finish(o);
}

char *proto_track_json(const double (*points)[3], int n)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "type", "track");
    cJSON *a = cJSON_AddArrayToObject(o, "points");
    for (int i = 0; i < n; i++) {
        cJSON *p = cJSON_CreateArray();
        for (int k = 0; k < 3; k++)
            cJSON_AddItemToArray(p, isfinite(points[i][k]) ? cJSON_CreateNumber(points[i][k]) : cJSON_CreateNull());
        cJSON_AddItemToArray(a, p);
    }
    return finish(o);
}

char *proto_replay_trace_json(const station_replay_trace *t, uint64_t epoch)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "type", "replay_trace");
    cJSON_AddNumberToObject(o, "epoch", (double)epoch);
    cJSON *ch = cJSON_AddArrayToObject(o, "channels");
    for (int k = 0; k < STATION_TRACE_NCH; k++)
        cJSON_AddItemToArray(ch, cJSON_CreateString(station_trace_channel(k)));
    cJSON *a = cJSON_AddArrayToObject(o, "points");
    for (int i = 0; i < t->npoints && i < STATION_TRACE_MAX_POINTS; i++) {
        cJSON *p = cJSON_CreateArray();
        for (int k = 0; k < STATION_TRACE_NCH; k++) /* to the recording's precision (float) */
            cJSON_AddItemToArray(p, isfinite(t->v[i][k]) ? cJSON_CreateNumber(k ? (double)(float)t->v[i][k] : t->v[i][k])
                                                         : cJSON_CreateNull());
        cJSON_AddItemToArray(a, p);
    }
    cJSON *bands = cJSON_AddArrayToObject(o, "bands");
    for (int i = 0; i < t->nbands && i < STATION_TRACE_MAX_BANDS; i++) {
        const station_trace_band *b = &t->bands[i];
        cJSON *j = cJSON_CreateObject();
        cJSON_AddStringToObject(j, "exercise", b->exercise);
        cJSON_AddStringToObject(j, "title", b->title);
        cJSON_AddStringToObject(j, "channel", b->channel);
        cJSON_AddStringToObject(j, "unit", b->unit);
        add_num(j, "lo", b->lo, 0.0);
        add_num(j, "hi", b->hi, 0.0);
        add_num(j, "t_start_s", b->t_start_s, 0.0);
        add_num(j, "t_end_s", b->t_end_s, 0.0);
        cJSON_AddStringToObject(j, "mark", sheet_mark_name(b->mark));
        cJSON_AddItemToArray(bands, j);
    }
    return finish(o);
}

/* A checkpoint as the route's JSON has it: {id, name, lat_deg, lon_deg}. */
static cJSON *checkpoint_json(const lesson_checkpoint *cp)
{
    cJSON *c = cJSON_CreateObject();
    cJSON_AddStringToObject(c, "id", cp->id);
    cJSON_AddStringToObject(c, "name", cp->name);
    add_num(c, "lat_deg", cp->lat_deg, 0.0);
    add_num(c, "lon_deg", cp->lon_deg, 0.0);
    return c;
}

static void add_checkpoint(cJSON *o, const char *name, const lesson_checkpoint *cp)
{
    cJSON_AddItemToObject(o, name, checkpoint_json(cp));
}

char *proto_route_json(const lesson *l)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "lesson", l->id);
    cJSON *a = cJSON_AddArrayToObject(o, "route");
    for (int i = 0; i < l->nexercises; i++) {
        const lesson_leg *leg = lesson_exercise_leg(l, i);
        /* a diversion: only its default destination is known before it
         * is flown (its start, course and length are where it begins) */
        const lesson_leg *div = leg ? NULL : lesson_exercise_diversion(l, i);
        if (!leg && !(div && div->to >= 0 && div->to < l->route.n))
            continue;
        cJSON *e = cJSON_CreateObject();
        cJSON_AddNumberToObject(e, "exercise", i);
        cJSON_AddStringToObject(e, "exercise_id", l->exercises[i].id);
        if (div) {
            cJSON_AddStringToObject(e, "title", l->exercises[i].title);
            cJSON_AddBoolToObject(e, "diversion", 1);
            add_checkpoint(e, "to", &l->route.cp[div->to]);
            cJSON_AddItemToArray(a, e);
            continue;
        }
        cJSON_AddBoolToObject(e, "diversion", 0);
        add_checkpoint(e, "from", &l->route.cp[leg->from]);
        add_checkpoint(e, "to", &l->route.cp[leg->to]);
        add_num(e, "course_deg", leg->course_deg, 0.1);
        add_num(e, "length_nm", leg->length_nm, 0.01);
        cJSON_AddItemToArray(a, e);
    }
    /* every checkpoint: the destinations a diversion may be called to */
    cJSON *cps = cJSON_AddArrayToObject(o, "checkpoints");
    for (int k = 0; k < l->route.n; k++)
        cJSON_AddItemToArray(cps, checkpoint_json(&l->route.cp[k]));
    return finish(o);
}

char *proto_debrief_json(const grade_sheet *sheet, long long sortie_id, const char *url)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "type", "debrief");
    cJSON_AddStringToObject(o, "lesson", sheet->lesson);
    cJSON_AddStringToObject(o, "title", sheet->title);
    cJSON_AddStringToObject(o, "result", sheet_result_name(sheet->result));
    cJSON_AddStringToObject(o, "summary", sheet->summary);
    /* the automatic pilot's: no trainee's grade to set */
    cJSON_AddBoolToObject(o, "demonstration", sheet_pilot_is_automatic(sheet->pilot));
    if (sortie_id > 0)
        cJSON_AddNumberToObject(o, "sortie_id", (double)sortie_id);
    else
        cJSON_AddNullToObject(o, "sortie_id");
    if (url)
        cJSON_AddStringToObject(o, "url", url);
    else
        cJSON_AddNullToObject(o, "url");
    cJSON *els = cJSON_AddArrayToObject(o, "elements");
    for (int i = 0; i < sheet->nelements; i++) {
        const sheet_element *el = &sheet->elements[i];
        cJSON *e = cJSON_CreateObject();
        cJSON_AddStringToObject(e, "exercise", el->exercise);
        cJSON_AddStringToObject(e, "id", el->name);
        cJSON_AddStringToObject(e, "title", el->title);
        cJSON_AddStringToObject(e, "mark", sheet_mark_name(el->mark));
        /* an item the instructor marks: the debrief panel offers the marks */
        cJSON_AddBoolToObject(e, "by_instructor", el->by_instructor);
        if (el->by_instructor) /* who marked it: "" while not marked */
            cJSON_AddStringToObject(e, "marked_by", el->marked_by);
        /* when it was graded and its worst moment (null: not observed), for
         * replaying that part of a stored sortie */
        add_num(e, "t_start_s", el->t_start_s, 0.01);
        add_num(e, "t_end_s", el->t_end_s, 0.01);
        add_num(e, "worst_t_s", el->worst_t_s, 0.01);
        cJSON *d = cJSON_AddArrayToObject(e, "deductions");
        for (int k = 0; k < el->ndeductions; k++)
            cJSON_AddItemToArray(d, cJSON_CreateString(el->deductions[k].text));
        cJSON_AddItemToArray(els, e);
    }
    return finish(o);
}

char *proto_error_json(const char *message, int has_ref, long long ref)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "type", "error");
    cJSON_AddStringToObject(o, "message", message);
    if (has_ref)
        cJSON_AddNumberToObject(o, "ref", (double)ref);
    return finish(o);
}

char *proto_ack_json(long long ref)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "type", "ack");
    cJSON_AddNumberToObject(o, "ref", (double)ref);
    return finish(o);
}

char *proto_notice_json(const char *message)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "type", "notice");
    cJSON_AddStringToObject(o, "message", message);
    return finish(o);
}
