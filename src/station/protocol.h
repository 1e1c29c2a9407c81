/*
 * protocol.h - the instructor station's JSON messages (docs/station-
 * protocol.md): browser messages parsed and validated field by field into
 * station commands, and the station's state, track, debrief and a lesson's
 * route encoded for the browsers.
 *
 * Validation is by table: each message type lists its fields with type,
 * range and whether required; an unknown type or field, a wrong type, a
 * value out of range or not finite, a message over PROTO_MAX_MESSAGE bytes
 * or not a JSON object is refused with a message naming the field.
 */
#ifndef SAQR_STATION_PROTOCOL_H
#define SAQR_STATION_PROTOCOL_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "station/station.h"

#define PROTO_MAX_MESSAGE 4096
#define PROTO_MAX_DEPTH 32 /* arrays and objects inside one another */
#define PROTO_VERSION 1

typedef enum proto_role { PROTO_INSTRUCTOR, PROTO_COCKPIT } proto_role;

typedef enum proto_kind {
    PROTO_COMMAND,  /* cmd is a station command                      */
    PROTO_CONTROLS  /* ctl_mask / ctl: trainee controls                */
} proto_kind;

typedef struct proto_msg {
    int has_id;
    long long id;           /* the message's "id", echoed as "ref"      */
    proto_kind kind;
    station_cmd cmd;
    long long trainee_id;   /* SCMD_START: the trainee's record id, -1: none
                               (the caller fills cmd's trainee fields)  */
    unsigned ctl_mask;
    double ctl[CONTROLS_COUNT];
} proto_msg;

/* Parses one browser message of `len` bytes (need not end in NUL).
 * SAQR_EINVAL with the reason in err when refused; a message with a
 * readable integer "id" sets out->has_id/id even then, so the error can
 * name it. */
int proto_parse(const char *text, size_t len, proto_role role, proto_msg *out, saqr_err *err);
/* The one JSON value of text[0..len) (cJSON_Delete it), or NULL with the
 * reason in err: not JSON, text after the value, or nested deeper than
 * PROTO_MAX_DEPTH (refused before cJSON's recursive parser sees it). */
cJSON *proto_json_parse(const char *text, size_t len, saqr_err *err);

/* Encodings; each returns a malloc'd NUL-terminated string (NULL when out
 * of memory) the caller frees. */
char *proto_hello_json(proto_role role, double rate_hz);
char *proto_state_json(const station_snapshot *n, int clients);
/* The snapshot as the cockpit is sent it: during a diversion, the leg's
 * course, the cross-track, the ETA error and the heading error - what the
 * trainee works out in the air - and where it began are taken out (null
 * in the state); its destination and the distance to go stay.  With an
 * instrument failed, the true airspeed and attitude the instructor is
 * shown beside it (the state's pfd.true) are left out, and so are the
 * malfunctions in force and those armed: the trainee finds a failure out
 * in the cockpit; nor is a ground reference's point (the state's
 * exercise.circle), which the trainee picks out on the ground.  0 when
 * nothing was taken out (the cockpit may share the instructors' state). */
int proto_cockpit_view(station_snapshot *n);
char *proto_track_json(const double (*points)[3], int n);
/* A replay's overlays (station_replay_trace): {"type": "replay_trace",
 * "epoch", "channels": [the columns' names], "points": [[t_s, ...], ...],
 * "bands": [{"exercise", "title", "channel", "unit", "lo", "hi",
 * "t_start_s", "t_end_s", "mark"}]}; an open side of a band, and a value
 * that is not a number, is null. */
char *proto_replay_trace_json(const station_replay_trace *t, uint64_t epoch);
/* A lesson's route as its exercises fly it: {"lesson", "route": [a leg
 * per exercise that flies one; the diversion exercise with only its
 * destination], "checkpoints": [every checkpoint of the route]} (GET
 * /api/lessons/route). */
char *proto_route_json(const lesson *l);
char *proto_debrief_json(const grade_sheet *sheet, long long sortie_id, const char *url);
char *proto_error_json(const char *message, int has_ref, long long ref);
char *proto_ack_json(long long ref);
char *proto_notice_json(const char *message);

#endif
