/*
 * test_protocol.c - the station's JSON messages (src/station/protocol.h,
 * docs/station-protocol.md): good messages become the commands they say,
 * every bad one is refused naming its field, the cockpit cannot command,
 * the state encodes what the snapshot holds (a leg flown with its live
 * values, a diversion from where it began), and a lesson's route is the
 * legs its exercises fly, its diversion and its checkpoints.
 */
#include "test_util.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "station/protocol.h"
#include "train/lesson_route.h"

static int parse(const char *text, proto_role role, proto_msg *m, saqr_err *err)
{
    return proto_parse(text, strlen(text), role, m, err);
}

static void a_start_becomes_a_start_command(void **state)
{
    (void)state;
    proto_msg m;
    saqr_err err = {""};
    assert_int_equal(parse("{\"type\":\"start\",\"id\":4,\"lesson\":\"super-mushak/steep-turns\",\"trainee\":12,"
                           "\"pilot\":\"reference\"}",
                           PROTO_INSTRUCTOR, &m, &err),
                     SAQR_OK);
    assert_int_equal(m.kind, PROTO_COMMAND);
    assert_int_equal(m.cmd.kind, SCMD_START);
    assert_string_equal(m.cmd.lesson, "super-mushak/steep-turns");
    assert_string_equal(m.cmd.pilot, "reference");
    assert_int_equal(m.trainee_id, 12);
    assert_true(m.has_id);
    assert_int_equal(m.id, 4);
    /* a demonstration of a fault, by its longest name */
    assert_int_equal(parse("{\"type\":\"start\",\"lesson\":\"a/b\",\"pilot\":\"degraded:instruments\"}",
                           PROTO_INSTRUCTOR, &m, &err),
                     SAQR_OK);
    assert_string_equal(m.cmd.pilot, "degraded:instruments");
    assert_int_equal(parse("{\"type\":\"start\",\"lesson\":\"a/b\",\"pilot\":\"degraded:drift\"}", PROTO_INSTRUCTOR, &m,
                           &err),
                     SAQR_OK);
    assert_string_equal(m.cmd.pilot, "degraded:drift");
    /* no trainee, the default pilot */
    assert_int_equal(parse("{\"type\":\"start\",\"lesson\":\"jf17/ils\",\"trainee\":null}", PROTO_INSTRUCTOR, &m, &err),
                     SAQR_OK);
    assert_int_equal(m.trainee_id, -1);
    assert_string_equal(m.cmd.pilot, "trainee");
    assert_false(m.has_id);
}

static void instructor_commands_carry_their_values(void **state)
{
    (void)state;
    proto_msg m;
    saqr_err err = {""};
    assert_int_equal(parse("{\"type\":\"reposition\",\"to\":\"final\",\"nm\":3}", PROTO_INSTRUCTOR, &m, &err), 0);
    assert_int_equal(m.cmd.kind, SCMD_REPOSITION);
    assert_int_equal(m.cmd.repo.kind, REPO_FINAL);
    assert_true(m.cmd.repo.nm == 3.0);
    assert_true(m.cmd.repo.airport[0] == '\0' && m.cmd.repo.runway[0] == '\0'); /* the sortie's runway */
    assert_int_equal(parse("{\"type\":\"reposition\",\"to\":\"threshold\",\"airport\":\"OPMS\",\"runway\":\"30\"}",
                           PROTO_INSTRUCTOR, &m, &err),
                     0);
    assert_int_equal(m.cmd.repo.kind, REPO_THRESHOLD);
    assert_string_equal(m.cmd.repo.airport, "OPMS");
    assert_string_equal(m.cmd.repo.runway, "30");
    assert_int_equal(parse("{\"type\":\"reposition\",\"to\":\"airborne\",\"alt_ft\":5000,\"heading_deg\":270}",
                           PROTO_INSTRUCTOR, &m, &err),
                     0);
    assert_int_equal(m.cmd.repo.kind, REPO_AIRBORNE);
    assert_true(m.cmd.repo.alt_ft == 5000.0 && m.cmd.repo.heading_deg == 270.0 && isnan(m.cmd.repo.ias_kt));
    assert_int_equal(parse("{\"type\":\"weather\",\"wind_from_deg\":250,\"wind_kt\":15,\"qnh_hpa\":1002}",
                           PROTO_INSTRUCTOR, &m, &err),
                     0);
    assert_int_equal(m.cmd.kind, SCMD_WEATHER);
    assert_true(m.cmd.weather.wind_kt == 15.0 && m.cmd.weather.qnh_hpa == 1002.0);
    assert_true(isnan(m.cmd.weather.gust_kt) && isnan(m.cmd.weather.temperature_c)); /* unchanged */
    assert_true(isnan(m.cmd.weather.icing) && isnan(m.cmd.weather.rain));
    assert_int_equal(parse("{\"type\":\"weather\",\"icing\":2,\"rain\":1}", PROTO_INSTRUCTOR, &m, &err), 0);
    assert_true(m.cmd.weather.icing == 2.0 && m.cmd.weather.rain == 1.0 && isnan(m.cmd.weather.wind_kt));
    assert_true(isnan(m.cmd.weather.visibility_m) && isnan(m.cmd.weather.time_of_day));
    /* the sky: visibility, the cloud layer and the time of day */
    assert_int_equal(parse("{\"type\":\"weather\",\"visibility_m\":800,\"cloud_cover\":4,\"cloud_base_ft\":200,"
                           "\"time_of_day\":6}",
                           PROTO_INSTRUCTOR, &m, &err),
                     0);
    assert_true(m.cmd.weather.visibility_m == 800.0 && m.cmd.weather.cloud_cover == 4.0 &&
                m.cmd.weather.cloud_base_ft == 200.0 && m.cmd.weather.time_of_day == 6.0 && isnan(m.cmd.weather.wind_kt));
    assert_int_equal(parse("{\"type\":\"load\",\"fuel_pct\":40}", PROTO_INSTRUCTOR, &m, &err), 0);
    assert_true(m.cmd.kind == SCMD_LOAD && m.cmd.fuel_pct == 40.0 && m.cmd.mass_index == -1);
    assert_int_equal(parse("{\"type\":\"load\",\"mass\":1,\"mass_kg\":0}", PROTO_INSTRUCTOR, &m, &err), 0);
    assert_true(isnan(m.cmd.fuel_pct) && m.cmd.mass_index == 1 && m.cmd.mass_kg == 0.0);
    assert_int_equal(parse("{\"type\":\"malfunction\",\"name\":\"pitot-blocked\",\"on\":true}", PROTO_INSTRUCTOR, &m,
                           &err),
                     0);
    assert_int_equal(m.cmd.kind, SCMD_MALFUNCTION);
    assert_int_equal(m.cmd.malfunction, MALF_PITOT_BLOCKED);
    assert_true(m.cmd.on);
    assert_int_equal(m.cmd.trigger, TRIG_NONE);
    /* armed to come: the engine passing 400 ft on the climb-out */
    assert_int_equal(parse("{\"type\":\"malfunction\",\"name\":\"engine-failure\",\"on\":true,"
                           "\"when\":\"agl-above-ft\",\"value\":400}",
                           PROTO_INSTRUCTOR, &m, &err),
                     0);
    assert_true(m.cmd.malfunction == MALF_ENGINE_FAILURE && m.cmd.on && m.cmd.trigger == TRIG_AGL_ABOVE &&
                m.cmd.trigger_value == 400.0);
    assert_int_equal(parse("{\"type\":\"snapshot\"}", PROTO_INSTRUCTOR, &m, &err), 0);
    assert_true(m.cmd.kind == SCMD_SNAPSHOT && m.cmd.slot == 1); /* the first when not said */
    assert_int_equal(parse("{\"type\":\"recall\"}", PROTO_INSTRUCTOR, &m, &err), 0);
    assert_true(m.cmd.kind == SCMD_RECALL && m.cmd.slot == 1);
    assert_int_equal(parse("{\"type\":\"snapshot\",\"slot\":3}", PROTO_INSTRUCTOR, &m, &err), 0);
    assert_true(m.cmd.kind == SCMD_SNAPSHOT && m.cmd.slot == 3);
    assert_int_equal(parse("{\"type\":\"recall\",\"slot\":4}", PROTO_INSTRUCTOR, &m, &err), 0);
    assert_true(m.cmd.kind == SCMD_RECALL && m.cmd.slot == 4);
    const char *bad_slots[] = {"0", "5", "1.5", "-1", "\"2\"", "null", "1e300"};
    for (size_t i = 0; i < sizeof bad_slots / sizeof bad_slots[0]; i++) {
        char msg[80];
        snprintf(msg, sizeof msg, "{\"type\":\"recall\",\"slot\":%s}", bad_slots[i]);
        assert_int_not_equal(parse(msg, PROTO_INSTRUCTOR, &m, &err), 0);
        assert_non_null(strstr(err.msg, "slot"));
    }
    assert_int_equal(parse("{\"type\":\"rewind\",\"seconds\":30}", PROTO_INSTRUCTOR, &m, &err), 0);
    assert_true(m.cmd.kind == SCMD_REWIND && m.cmd.rewind_s == 30.0);
    assert_int_equal(parse("{\"type\":\"note\",\"text\":\"flare late \\u2014 floated\"}", PROTO_INSTRUCTOR, &m, &err), 0);
    assert_int_equal(m.cmd.kind, SCMD_NOTE);
    assert_string_equal(m.cmd.note, "flare late \xe2\x80\x94 floated");
    /* the instructor's mark of an item in flight; "none" takes it off */
    assert_int_equal(parse("{\"type\":\"mark\",\"exercise\":\"cruise\",\"item\":\"lookout\",\"mark\":\"Fair\"}",
                           PROTO_INSTRUCTOR, &m, &err),
                     0);
    assert_int_equal(m.cmd.kind, SCMD_MARK_ITEM);
    assert_string_equal(m.cmd.item_exercise, "cruise");
    assert_string_equal(m.cmd.item_id, "lookout");
    assert_int_equal(m.cmd.item_mark, MARK_FAIR);
    static const struct {
        const char *name;
        grade_mark mark;
    } marks[] = {{"Excellent", MARK_EXCELLENT}, {"Good", MARK_GOOD}, {"Unsatisfactory", MARK_UNSAT},
                 {"none", MARK_NOT_OBSERVED}};
    for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++) {
        char msg[120];
        snprintf(msg, sizeof msg, "{\"type\":\"mark\",\"exercise\":\"a\",\"item\":\"b\",\"mark\":\"%s\"}",
                 marks[i].name);
        assert_int_equal(parse(msg, PROTO_INSTRUCTOR, &m, &err), 0);
        assert_int_equal(m.cmd.item_mark, marks[i].mark);
    }
    assert_int_equal(parse("{\"type\":\"divert\",\"id\":8,\"to\":\"charsadda\"}", PROTO_INSTRUCTOR, &m, &err), 0);
    assert_true(m.kind == PROTO_COMMAND && m.cmd.kind == SCMD_DIVERT && m.has_id && m.id == 8);
    assert_string_equal(m.cmd.divert_to, "charsadda");
    /* the longest id a lesson may give a checkpoint, every character allowed */
    assert_int_equal(parse("{\"type\":\"divert\",\"to\":\"Z.9_-abcdefghijklmnopqrstuvwxyz0123456789ABCDEF\"}",
                           PROTO_INSTRUCTOR, &m, &err),
                     0);
    assert_int_equal(strlen(m.cmd.divert_to), LESSON_NAME_MAX - 1);
    assert_string_equal(m.cmd.divert_to, "Z.9_-abcdefghijklmnopqrstuvwxyz0123456789ABCDEF");
    assert_int_equal(parse("{\"type\":\"fuel-freeze\",\"on\":true}", PROTO_INSTRUCTOR, &m, &err), 0);
    assert_true(m.cmd.kind == SCMD_FREEZE_FUEL && m.cmd.on);
    assert_int_equal(parse("{\"type\":\"control\",\"instructor\":true}", PROTO_INSTRUCTOR, &m, &err), 0);
    assert_true(m.cmd.kind == SCMD_CONTROL && m.cmd.on == SORTIE_INSTRUCTOR_PILOT);
    assert_int_equal(parse("{\"type\":\"control\",\"instructor\":true,\"cockpit\":true}", PROTO_INSTRUCTOR, &m, &err),
                     0);
    assert_true(m.cmd.kind == SCMD_CONTROL && m.cmd.on == SORTIE_INSTRUCTOR_COCKPIT);
    assert_int_equal(parse("{\"type\":\"control\",\"instructor\":false}", PROTO_INSTRUCTOR, &m, &err), 0);
    assert_true(m.cmd.kind == SCMD_CONTROL && !m.cmd.on);
    assert_int_equal(parse("{\"type\":\"freeze\",\"on\":false}", PROTO_INSTRUCTOR, &m, &err), 0);
    assert_int_equal(m.cmd.kind, SCMD_FREEZE_POSITION);
    assert_false(m.cmd.on);
    assert_int_equal(parse("{\"type\":\"replay\",\"seconds\":120,\"speed\":2}", PROTO_INSTRUCTOR, &m, &err), 0);
    assert_int_equal(m.cmd.kind, SCMD_REPLAY);
    assert_true(m.cmd.replay_s == 120.0 && m.cmd.replay_speed == 2.0);
    assert_int_equal(parse("{\"type\":\"replay\",\"stop\":true}", PROTO_INSTRUCTOR, &m, &err), 0);
    assert_int_equal(m.cmd.kind, SCMD_REPLAY_STOP);
    static const struct { const char *text; station_cmd_kind kind; } bare[] = {
        {"{\"type\":\"end\"}", SCMD_END}, {"{\"type\":\"pause\"}", SCMD_PAUSE}, {"{\"type\":\"resume\"}", SCMD_RESUME},
        {"{\"type\":\"rejoin\"}", SCMD_REJOIN}};
    for (size_t i = 0; i < sizeof bare / sizeof bare[0]; i++) {
        assert_int_equal(parse(bare[i].text, PROTO_INSTRUCTOR, &m, &err), 0);
        assert_int_equal(m.cmd.kind, bare[i].kind);
    }
}

static void controls_set_only_what_they_name(void **state)
{
    (void)state;
    proto_msg m;
    saqr_err err = {""};
    assert_int_equal(parse("{\"type\":\"controls\",\"elevator\":-0.25,\"throttle\":1,\"brake\":0.5}", PROTO_COCKPIT,
                           &m, &err),
                     0);
    assert_int_equal(m.kind, PROTO_CONTROLS);
    unsigned want = 1u << CONTROLS_ELEVATOR | 1u << CONTROLS_THROTTLE | 1u << CONTROLS_BRAKE_LEFT |
                    1u << CONTROLS_BRAKE_RIGHT;
    assert_int_equal(m.ctl_mask, want);
    assert_true(m.ctl[CONTROLS_ELEVATOR] == -0.25 && m.ctl[CONTROLS_THROTTLE] == 1.0);
    assert_true(m.ctl[CONTROLS_BRAKE_LEFT] == 0.5 && m.ctl[CONTROLS_BRAKE_RIGHT] == 0.5);
    assert_true(isnan(m.ctl[CONTROLS_AILERON]));
    /* the pitch trim, from the cockpit's Home / End and d-pad */
    assert_int_equal(parse("{\"type\":\"controls\",\"pitch_trim\":-0.125}", PROTO_COCKPIT, &m, &err), 0);
    assert_int_equal(m.ctl_mask, 1u << CONTROLS_PITCH_TRIM);
    assert_true(m.ctl[CONTROLS_PITCH_TRIM] == -0.125);
}

/* Each refused message, and a word its error must contain. */
static void bad_messages_are_refused_naming_the_problem(void **state)
{
    (void)state;
    static const struct { const char *text; const char *says; } bad[] = {
        {"", "not JSON"},
        {"{\"type\":\"start\"", "not JSON"},
        {"{\"type\":\"pause\"} x", "after the value"},
        {"{\"type\":\"pause\"}{\"type\":\"end\"}", "after the value"},
        {"{\"type\":\"pause\",\"x\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}", "nested"},
        {"[1,2]", "object"},
        {"42", "object"},
        {"{}", "type"},
        {"{\"type\":7}", "type"},
        {"{\"type\":\"launch\"}", "unknown message type"},
        {"{\"type\":\"start\",\"lesson\":\"a/b\",\"colour\":1}", "unknown field \"colour\""},
        {"{\"type\":\"rejoin\",\"ahead_ft\":-50}", "unknown field \"ahead_ft\""},
        {"{\"type\":\"start\"}", "lesson"},
        {"{\"type\":\"rewind\"}", "seconds"},
        {"{\"type\":\"control\",\"instructor\":false,\"cockpit\":true}", "only when the instructor takes"},
        {"{\"type\":\"control\",\"instructor\":true,\"cockpit\":1}", "cockpit"},
        {"{\"type\":\"note\"}", "text"},
        {"{\"type\":\"mark\",\"exercise\":\"a\",\"item\":\"b\"}", "mark"},
        {"{\"type\":\"mark\",\"exercise\":\"a\",\"mark\":\"Good\"}", "item"},
        {"{\"type\":\"mark\",\"item\":\"b\",\"mark\":\"Good\"}", "exercise"},
        {"{\"type\":\"mark\",\"exercise\":\"a\",\"item\":\"b\",\"mark\":\"good\"}", "mark.mark"},
        {"{\"type\":\"mark\",\"exercise\":\"a\",\"item\":\"b\",\"mark\":\"Not observed\"}", "mark.mark"},
        {"{\"type\":\"mark\",\"exercise\":\"a\",\"item\":\"b\",\"mark\":3}", "mark.mark"},
        {"{\"type\":\"mark\",\"exercise\":\"\",\"item\":\"b\",\"mark\":\"Good\"}", "mark.exercise"},
        {"{\"type\":\"mark\",\"exercise\":\"a\",\"item\":\"0123456789012345678901234567890123456789012345678\","
         "\"mark\":\"Good\"}", "mark.item"},
        {"{\"type\":\"fuel-freeze\"}", "on"},
        {"{\"type\":\"fuel-freeze\",\"on\":1}", "on"},
        {"{\"type\":\"note\",\"text\":\"\"}", "text"},
        {"{\"type\":\"note\",\"text\":7}", "text"},
        {"{\"type\":\"note\",\"text\":\"0123456789012345678901234567890123456789012345678901234567890123456789"
         "0123456789012345678901234567890123456789012345678901234567890123456789012345678901\"}", "1 to 150"},
        {"{\"type\":\"rewind\",\"seconds\":0.5}", "seconds"},
        {"{\"type\":\"rewind\",\"seconds\":61}", "seconds"},
        {"{\"type\":\"rewind\",\"seconds\":\"30\"}", "seconds"},
        {"{\"type\":\"start\",\"lesson\":5}", "start.lesson"},
        {"{\"type\":\"start\",\"lesson\":\"\"}", "start.lesson"},
        {"{\"type\":\"start\",\"lesson\":\"a/b\",\"pilot\":\"robot\"}", "start.pilot"},
        {"{\"type\":\"start\",\"lesson\":\"a/b\",\"pilot\":\"degraded\"}", "start.pilot"},
        {"{\"type\":\"start\",\"lesson\":\"a/b\",\"pilot\":\"degraded:wings\"}", "start.pilot"},
        {"{\"type\":\"start\",\"lesson\":\"a/b\",\"trainee\":1.5}", "start.trainee"},
        {"{\"type\":\"start\",\"lesson\":\"a/b\",\"trainee\":-3}", "start.trainee"},
        {"{\"type\":\"reposition\",\"to\":\"final\"}", "nm"},
        {"{\"type\":\"reposition\",\"to\":\"final\",\"nm\":50}", "reposition.nm"},
        {"{\"type\":\"reposition\",\"to\":\"moon\"}", "reposition.to"},
        {"{\"type\":\"reposition\",\"to\":\"threshold\",\"runway\":\"\"}", "reposition.runway"},
        {"{\"type\":\"reposition\",\"to\":\"threshold\",\"runway\":\"09L-and-more\"}", "reposition.runway"},
        {"{\"type\":\"reposition\",\"to\":\"threshold\",\"airport\":27}", "reposition.airport"},
        {"{\"type\":\"reposition\",\"to\":\"airborne\",\"alt_ft\":5000}", "heading_deg"},
        {"{\"type\":\"weather\",\"wind_kt\":1e999}", "weather.wind_kt"},
        {"{\"type\":\"weather\",\"wind_kt\":-1}", "weather.wind_kt"},
        {"{\"type\":\"weather\",\"turbulence\":1.5}", "turbulence"},
        {"{\"type\":\"weather\",\"icing\":4}", "weather.icing"},
        {"{\"type\":\"load\"}", "nothing to change"},
        {"{\"type\":\"load\",\"fuel_pct\":101}", "load.fuel_pct"},
        {"{\"type\":\"load\",\"mass\":1}", "mass_kg"},
        {"{\"type\":\"load\",\"mass_kg\":80}", "needs mass"},
        {"{\"type\":\"load\",\"mass\":1.5,\"mass_kg\":80}", "load.mass"},
        {"{\"type\":\"load\",\"mass\":8,\"mass_kg\":80}", "load.mass"},
        {"{\"type\":\"load\",\"mass\":0,\"mass_kg\":900}", "load.mass_kg"},
        {"{\"type\":\"weather\",\"icing\":0.5}", "icing"},
        {"{\"type\":\"weather\",\"rain\":0.5}", "rain"},
        {"{\"type\":\"weather\",\"rain\":true}", "weather.rain"},
        {"{\"type\":\"weather\"}", "nothing to change"},
        {"{\"type\":\"weather\",\"visibility_m\":10}", "weather.visibility_m"},
        {"{\"type\":\"weather\",\"visibility_m\":\"fog\"}", "weather.visibility_m"},
        {"{\"type\":\"weather\",\"cloud_cover\":5}", "weather.cloud_cover"},
        {"{\"type\":\"weather\",\"cloud_cover\":2.5}", "cloud_cover"},
        {"{\"type\":\"weather\",\"cloud_base_ft\":50}", "weather.cloud_base_ft"},
        {"{\"type\":\"weather\",\"time_of_day\":7}", "weather.time_of_day"},
        {"{\"type\":\"weather\",\"time_of_day\":0.5}", "time_of_day"},
        {"{\"type\":\"weather\",\"qnh_hpa\":\"high\"}", "weather.qnh_hpa"},
        {"{\"type\":\"malfunction\",\"name\":\"wing-off\",\"on\":true}", "malfunction.name"},
        {"{\"type\":\"malfunction\",\"name\":\"engine-failure\"}", "on"},
        {"{\"type\":\"malfunction\",\"name\":\"engine-failure\",\"on\":1}", "malfunction.on"},
        {"{\"type\":\"malfunction\",\"name\":\"engine-failure\",\"on\":true,\"when\":\"soon\",\"value\":5}",
         "malfunction.when"},
        {"{\"type\":\"malfunction\",\"name\":\"engine-failure\",\"on\":true,\"when\":\"after-s\"}", "value"},
        {"{\"type\":\"malfunction\",\"name\":\"engine-failure\",\"on\":true,\"when\":\"after-s\",\"value\":0}",
         "malfunction.value: 0 is outside 1..3600 for after-s"},
        {"{\"type\":\"malfunction\",\"name\":\"engine-failure\",\"on\":true,\"when\":\"ias-above-kt\","
         "\"value\":1500}",
         "outside 0..1000"},
        {"{\"type\":\"malfunction\",\"name\":\"engine-failure\",\"on\":true,\"when\":\"after-s\",\"value\":\"5\"}",
         "malfunction.value"},
        {"{\"type\":\"malfunction\",\"name\":\"engine-failure\",\"on\":true,\"when\":\"after-s\",\"value\":-3}",
         "malfunction.value"},
        {"{\"type\":\"malfunction\",\"name\":\"engine-failure\",\"on\":false,\"when\":\"after-s\",\"value\":5}",
         "only to insert one"},
        {"{\"type\":\"malfunction\",\"name\":\"engine-failure\",\"on\":true,\"value\":5}", "only with when"},
        {"{\"type\":\"freeze\",\"on\":\"yes\"}", "freeze.on"},
        {"{\"type\":\"control\"}", "instructor"},
        {"{\"type\":\"control\",\"instructor\":1}", "control.instructor"},
        {"{\"type\":\"replay\",\"seconds\":5}", "replay.seconds"},
        {"{\"type\":\"controls\",\"elevator\":1.01}", "controls.elevator"},
        {"{\"type\":\"controls\",\"gear\":0.5}", "controls.gear"},
        {"{\"type\":\"controls\",\"throttle\":null}", "controls.throttle"},
        {"{\"type\":\"controls\",\"speedbrake\":1.5}", "controls.speedbrake"},
        {"{\"type\":\"controls\",\"pitch_trim\":-1.01}", "controls.pitch_trim"},
        {"{\"type\":\"controls\",\"pitch_trim\":\"up\"}", "controls.pitch_trim"},
        {"{\"type\":\"controls\",\"speedbrake\":\"out\"}", "controls.speedbrake"},
        {"{\"type\":\"pause\",\"id\":1.5}", "id"},
        {"{\"type\":\"divert\"}", "\"to\" is required"},
        {"{\"type\":\"divert\",\"to\":null}", "divert.to: a string"},
        {"{\"type\":\"divert\",\"to\":7}", "divert.to: a string"},
        {"{\"type\":\"divert\",\"to\":true}", "divert.to: a string"},
        {"{\"type\":\"divert\",\"to\":[\"opps\"]}", "divert.to: a string"},
        {"{\"type\":\"divert\",\"to\":{\"id\":\"opps\"}}", "divert.to: a string"},
        {"{\"type\":\"divert\",\"to\":\"\"}", "divert.to: 1 to 47"},
        {"{\"type\":\"divert\",\"to\":\"a12345678901234567890123456789012345678901234567\"}", "divert.to: 1 to 47"},
        {"{\"type\":\"divert\",\"to\":\"opps charsadda\"}", "divert.to: a checkpoint's id"},
        {"{\"type\":\"divert\",\"to\":\"opps\\n\"}", "divert.to: a checkpoint's id"},
        {"{\"type\":\"divert\",\"to\":\"\\\"opps\\\"\"}", "divert.to: a checkpoint's id"},
        {"{\"type\":\"divert\",\"to\":\"op/ps\"}", "divert.to: a checkpoint's id"},
        {"{\"type\":\"divert\",\"to\":\"\\u00e9\"}", "divert.to: a checkpoint's id"},
        {"{\"type\":\"divert\",\"to\":\"opps\",\"via\":\"takht\"}", "unknown field \"via\""},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        proto_msg m;
        saqr_err err = {""};
        if (parse(bad[i].text, PROTO_INSTRUCTOR, &m, &err) != SAQR_EINVAL || !strstr(err.msg, bad[i].says))
            fail_msg("%s: got \"%s\", wanted an error with \"%s\"", bad[i].text, err.msg, bad[i].says);
    }
}

/* cJSON recurses once per level; 1,000 levels overflowed a server
 * worker's stack.  The depth is counted before parsing, outside strings
 * (brackets in a string are text); a message may nest 32 deep. */
static void nesting_is_counted_before_parsing(void **state)
{
    (void)state;
    char deep[2100];
    memset(deep, '[', 1000);
    memset(deep + 1000, ']', 1000);
    deep[2000] = '\0';
    proto_msg m;
    saqr_err err = {""};
    assert_int_equal(parse(deep, PROTO_INSTRUCTOR, &m, &err), SAQR_EINVAL);
    assert_non_null(strstr(err.msg, "nested more than 32"));
    assert_null(proto_json_parse(deep, 2000, &err));
    /* 32 levels are read; brackets and escaped quotes in strings count not */
    char ok[200] = "{\"a\":";
    for (int i = 0; i < 30; i++)
        strcat(ok, "[");
    strcat(ok, "\"[[[\\\"{{\"");
    for (int i = 0; i < 30; i++)
        strcat(ok, "]");
    strcat(ok, "}  \n");
    cJSON *o = proto_json_parse(ok, strlen(ok), &err);
    assert_non_null(o);
    cJSON_Delete(o);
}

static void an_error_still_names_the_message_id(void **state)
{
    (void)state;
    proto_msg m;
    saqr_err err = {""};
    assert_int_equal(parse("{\"type\":\"weather\",\"id\":99,\"wind_kt\":500}", PROTO_INSTRUCTOR, &m, &err),
                     SAQR_EINVAL);
    assert_true(m.has_id);
    assert_int_equal(m.id, 99);
}

static void the_cockpit_may_only_send_controls(void **state)
{
    (void)state;
    static const char *const instructor_only[] = {
        "{\"type\":\"start\",\"lesson\":\"a/b\"}", "{\"type\":\"end\"}", "{\"type\":\"pause\"}",
        "{\"type\":\"resume\"}", "{\"type\":\"freeze\",\"on\":true}",
        "{\"type\":\"malfunction\",\"name\":\"engine-failure\",\"on\":true}", "{\"type\":\"replay\",\"seconds\":60}",
        "{\"type\":\"reposition\",\"to\":\"threshold\"}", "{\"type\":\"weather\",\"wind_kt\":5}",
        "{\"type\":\"control\",\"instructor\":false}", "{\"type\":\"snapshot\"}", "{\"type\":\"recall\"}",
        "{\"type\":\"rewind\",\"seconds\":30}", "{\"type\":\"note\",\"text\":\"x\"}",
        "{\"type\":\"fuel-freeze\",\"on\":true}", "{\"type\":\"divert\",\"to\":\"opps\"}",
        "{\"type\":\"mark\",\"exercise\":\"a\",\"item\":\"b\",\"mark\":\"Good\"}", "{\"type\":\"rejoin\"}"};
    for (size_t i = 0; i < sizeof instructor_only / sizeof instructor_only[0]; i++) {
        proto_msg m;
        saqr_err err = {""};
        assert_int_equal(parse(instructor_only[i], PROTO_COCKPIT, &m, &err), SAQR_EINVAL);
        assert_non_null(strstr(err.msg, "not allowed from the cockpit"));
        assert_int_equal(parse(instructor_only[i], PROTO_INSTRUCTOR, &m, &err), SAQR_OK);
    }
}

static void oversized_messages_are_refused_unread(void **state)
{
    (void)state;
    size_t n = PROTO_MAX_MESSAGE + 1;
    char *big = malloc(n + 1);
    memset(big, ' ', n);
    memcpy(big, "{\"type\":\"pause\"}", 16); /* valid JSON, then padding */
    big[n] = '\0';
    proto_msg m;
    saqr_err err = {""};
    assert_int_equal(proto_parse(big, n, PROTO_INSTRUCTOR, &m, &err), SAQR_EINVAL);
    assert_non_null(strstr(err.msg, "at most 4096"));
    assert_int_equal(proto_parse(big, PROTO_MAX_MESSAGE, PROTO_INSTRUCTOR, &m, &err), SAQR_OK);
    free(big);
}

static void the_state_carries_the_snapshot(void **state)
{
    (void)state;
    station_snapshot n;
    memset(&n, 0, sizeof n);
    n.seq = 41;
    n.status = STATION_PAUSED;
    n.ins.t_s = 12.5;
    n.ins.ias_kt = 101.234;
    n.ins.alt_ft = 4321.0;
    n.ins.roll_deg = -30.0;
    n.ins.rpm = 2450.0;
    n.ins.n2_pct = NAN;
    snprintf(n.lesson_id, sizeof n.lesson_id, "super-mushak/steep-turns");
    n.exercise = 0;
    n.exercise_by_instructor = 1;
    n.instructor_flying = 1;
    n.control_taken = SORTIE_INSTRUCTOR_COCKPIT;
    for (int k = 0; k < SORTIE_SNAPSHOTS; k++)
        n.snapshot_t_s[k] = NAN;
    n.snapshot_t_s[1] = 12.5;
    n.rewind_available_s = 42.04;
    n.fuel_frozen = 1;
    n.crash_held = 1;
    n.nelements = 2;
    snprintf(n.element_id[0], sizeof n.element_id[0], "altitude");
    n.element_mark[0] = MARK_GOOD;
    n.element_worst_t_s[0] = 132.437;
    snprintf(n.element_deduction[0], sizeof n.element_deduction[0], "t=132.4 s: altitude 4,870 ft, 130 ft below");
    snprintf(n.element_id[1], sizeof n.element_id[1], "heading");
    n.element_mark[1] = MARK_NOT_OBSERVED;
    n.element_worst_t_s[1] = NAN;
    n.malfunctions = 1u << MALF_ENGINE_FAILURE;
    n.armed[MALF_PITOT_BLOCKED] = TRIG_AFTER_S;
    n.armed_value[MALF_PITOT_BLOCKED] = 42.04;
    n.armed_with[MALF_PITOT_BLOCKED] = 120.0;
    n.ngauges = 1;
    n.gauges[0] = (station_gauge){"rpm", "RPM", "rpm", 2450.0, 0.0, 3000.0, NAN};
    n.weather.icing = 2.0;
    n.weather.rain = 1.0;
    n.weather.visibility_m = 1234.4;
    n.weather.cloud_cover = 3.0;
    n.weather.cloud_base_ft = 450.0;
    n.weather.time_of_day = 4.0;
    n.ice_norm = 0.4567;
    n.ins.speedbrake = NAN; /* the aircraft has none */
    n.ins.pitch_trim = -0.1234;
    n.ins.throttle_mil = 0.8;
    n.ins.gear = 1.0;
    n.ins.fcs_degraded = 1;
    n.fg_stream = 1;
    n.fg_packets = 4321;
    n.fg_sky = 0;
    n.fg_skies = 2;
    n.load.weight_kg = 1187.25;
    n.load.nmasses = 1;
    n.load.mass_kg[0] = 100.0;
    snprintf(n.load.mass_name[0], sizeof n.load.mass_name[0], "PILOT");
    n.loop.breaks = 2;
    n.finishing = 1;
    n.loop.break_s = 0.1234;
    n.rt_priority = 10;
    char *s = proto_state_json(&n, 3);
    assert_non_null(s);
    cJSON *o = cJSON_Parse(s);
    assert_non_null(o);
    assert_string_equal(cJSON_GetObjectItem(o, "type")->valuestring, "state");
    assert_string_equal(cJSON_GetObjectItem(o, "status")->valuestring, "paused");
    assert_true(cJSON_IsTrue(cJSON_GetObjectItem(cJSON_GetObjectItem(o, "frozen"), "total")));
    assert_true(cJSON_IsTrue(cJSON_GetObjectItem(cJSON_GetObjectItem(o, "frozen"), "fuel")));
    assert_true(cJSON_IsTrue(cJSON_GetObjectItem(cJSON_GetObjectItem(o, "frozen"), "crash")));
    assert_true(cJSON_IsFalse(cJSON_GetObjectItem(cJSON_GetObjectItem(o, "frozen"), "position")));
    station_snapshot r = n; /* paused by a replay: not a total freeze */
    r.replay = 1;
    char *rs = proto_state_json(&r, 3);
    cJSON *ro = cJSON_Parse(rs);
    assert_non_null(ro);
    assert_true(cJSON_IsTrue(cJSON_GetObjectItem(ro, "replay")));
    assert_true(cJSON_IsFalse(cJSON_GetObjectItem(cJSON_GetObjectItem(ro, "frozen"), "total")));
    cJSON_Delete(ro);
    free(rs);
    const cJSON *pfd = cJSON_GetObjectItem(o, "pfd");
    assert_near(cJSON_GetObjectItem(pfd, "ias_kt")->valuedouble, 101.23, 1e-9);
    assert_near(cJSON_GetObjectItem(pfd, "roll_deg")->valuedouble, -30.0, 1e-9);
    assert_string_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(o, "lesson"), "id")->valuestring,
                        "super-mushak/steep-turns");
    assert_true(cJSON_IsTrue(cJSON_GetObjectItem(cJSON_GetObjectItem(o, "exercise"), "instructor")));
    assert_true(cJSON_IsNull(cJSON_GetObjectItem(cJSON_GetObjectItem(o, "exercise"), "leg"))); /* flies none */
    assert_true(cJSON_IsTrue(cJSON_GetObjectItem(cJSON_GetObjectItem(o, "hands"), "instructor")));
    assert_true(cJSON_IsTrue(cJSON_GetObjectItem(cJSON_GetObjectItem(o, "hands"), "taken")));
    assert_true(cJSON_IsTrue(cJSON_GetObjectItem(cJSON_GetObjectItem(o, "hands"), "cockpit")));
    const cJSON *snaps = cJSON_GetObjectItem(o, "snapshots"); /* only those taken */
    assert_int_equal(cJSON_GetArraySize(snaps), 1);
    assert_int_equal(cJSON_GetObjectItem(cJSON_GetArrayItem(snaps, 0), "slot")->valueint, 2);
    assert_near(cJSON_GetObjectItem(cJSON_GetArrayItem(snaps, 0), "t")->valuedouble, 12.5, 0.0);
    assert_near(cJSON_GetObjectItem(cJSON_GetObjectItem(o, "rewind"), "available_s")->valuedouble, 42.0, 1e-9);
    const cJSON *el = cJSON_GetArrayItem(cJSON_GetObjectItem(cJSON_GetObjectItem(o, "exercise"), "elements"), 0);
    assert_string_equal(cJSON_GetObjectItem(el, "mark")->valuestring, "Good");
    /* where an element in flight replays from, and where it was last left */
    assert_near(cJSON_GetObjectItem(el, "worst_t_s")->valuedouble, 132.44, 1e-9);
    assert_string_equal(cJSON_GetObjectItem(el, "deduction")->valuestring,
                        "t=132.4 s: altitude 4,870 ft, 130 ft below");
    el = cJSON_GetArrayItem(cJSON_GetObjectItem(cJSON_GetObjectItem(o, "exercise"), "elements"), 1);
    assert_true(cJSON_IsNull(cJSON_GetObjectItem(el, "worst_t_s")));
    assert_string_equal(cJSON_GetObjectItem(el, "deduction")->valuestring, "");
    assert_string_equal(cJSON_GetArrayItem(cJSON_GetObjectItem(o, "malfunctions"), 0)->valuestring,
                        "engine-failure");
    const cJSON *armed = cJSON_GetObjectItem(o, "malfunctions_armed");
    assert_int_equal(cJSON_GetArraySize(armed), 1);
    assert_string_equal(cJSON_GetObjectItem(cJSON_GetArrayItem(armed, 0), "name")->valuestring, "pitot-blocked");
    assert_string_equal(cJSON_GetObjectItem(cJSON_GetArrayItem(armed, 0), "when")->valuestring, "after-s");
    assert_near(cJSON_GetObjectItem(cJSON_GetArrayItem(armed, 0), "value")->valuedouble, 42.0, 1e-9);
    assert_near(cJSON_GetObjectItem(cJSON_GetArrayItem(armed, 0), "armed_with")->valuedouble, 120.0, 1e-9);
    const cJSON *g = cJSON_GetArrayItem(cJSON_GetObjectItem(o, "engine"), 0);
    assert_near(cJSON_GetObjectItem(g, "value")->valuedouble, 2450.0, 1e-9);
    assert_true(cJSON_IsNull(cJSON_GetObjectItem(g, "red"))); /* NAN is null, never "nan" */
    assert_int_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(o, "loop"), "clients")->valueint, 3);
    assert_int_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(o, "loop"), "breaks")->valueint, 2);
    assert_int_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(o, "loop"), "rt_priority")->valueint, 10);
    assert_int_equal(cJSON_GetObjectItem(o, "finishing")->valueint, 1); /* a debrief is coming */
    assert_near(cJSON_GetObjectItem(cJSON_GetObjectItem(o, "loop"), "break_ms")->valuedouble, 123.4, 1e-9);
    assert_true(cJSON_IsTrue(cJSON_GetObjectItem(cJSON_GetObjectItem(o, "pfd"), "fcs_degraded")));
    const cJSON *fgj = cJSON_GetObjectItem(o, "flightgear");
    assert_true(cJSON_IsTrue(cJSON_GetObjectItem(fgj, "stream")));
    assert_near(cJSON_GetObjectItem(fgj, "packets")->valuedouble, 4321.0, 0.0);
    assert_string_equal(cJSON_GetObjectItem(fgj, "sky")->valuestring, "connecting");
    assert_near(cJSON_GetObjectItem(fgj, "skies")->valuedouble, 2.0, 0.0);
    const cJSON *ctl = cJSON_GetObjectItem(o, "controls");
    assert_true(cJSON_IsNull(cJSON_GetObjectItem(ctl, "speedbrake")));
    assert_near(cJSON_GetObjectItem(ctl, "pitch_trim")->valuedouble, -0.123, 1e-12);
    assert_near(cJSON_GetObjectItem(ctl, "throttle_mil")->valuedouble, 0.8, 0.0);
    assert_near(cJSON_GetObjectItem(ctl, "gear")->valuedouble, 1.0, 0.0);
    const cJSON *w = cJSON_GetObjectItem(o, "weather");
    assert_near(cJSON_GetObjectItem(w, "icing")->valuedouble, 2.0, 0.0);
    assert_near(cJSON_GetObjectItem(w, "rain")->valuedouble, 1.0, 0.0);
    assert_near(cJSON_GetObjectItem(w, "ice_pct")->valuedouble, 45.7, 1e-9);
    assert_near(cJSON_GetObjectItem(w, "visibility_m")->valuedouble, 1234.0, 0.0);
    assert_near(cJSON_GetObjectItem(w, "cloud_cover")->valuedouble, 3.0, 0.0);
    assert_near(cJSON_GetObjectItem(w, "cloud_base_ft")->valuedouble, 450.0, 0.0);
    assert_near(cJSON_GetObjectItem(w, "time_of_day")->valuedouble, 4.0, 0.0);
    const cJSON *ld = cJSON_GetObjectItem(o, "load");
    assert_near(cJSON_GetObjectItem(ld, "weight_kg")->valuedouble, 1187.3, 1e-9);
    const cJSON *pm = cJSON_GetArrayItem(cJSON_GetObjectItem(ld, "masses"), 0);
    assert_string_equal(cJSON_GetObjectItem(pm, "name")->valuestring, "PILOT");
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(ld, "masses")), 1);
    cJSON_Delete(o);
    free(s);
}

/* The snapshot's state, parsed back (cJSON_Delete it). */
static cJSON *state_of(const station_snapshot *n)
{
    char *s = proto_state_json(n, 1);
    assert_non_null(s);
    cJSON *o = cJSON_Parse(s);
    assert_non_null(o);
    free(s);
    return o;
}

/* The state of an exercise flying a route's leg: the leg's live values
 * (and no ends: the route has them). */
static void a_leg_exercise_carries_its_legs_values(void **state)
{
    (void)state;
    station_snapshot n;
    memset(&n, 0, sizeof n);
    n.exercise = 1;
    n.exercise_running = 1;
    snprintf(n.exercise_id, sizeof n.exercise_id, "leg-2");
    snprintf(n.leg_to, sizeof n.leg_to, "Takht-i-Bahi \"(town)\"");
    n.leg_course_deg = 52.345;
    n.leg = (sortie_leg_values){-0.3456, 4.2049, 0.2049, NAN};
    n.divert_open = 1;
    cJSON *o = state_of(&n);
    assert_true(cJSON_IsTrue(cJSON_GetObjectItem(cJSON_GetObjectItem(o, "exercise"), "divert_open")));
    const cJSON *leg = cJSON_GetObjectItem(cJSON_GetObjectItem(o, "exercise"), "leg");
    assert_true(cJSON_IsObject(leg));
    assert_true(cJSON_IsFalse(cJSON_GetObjectItem(leg, "diversion")));
    assert_null(cJSON_GetObjectItem(leg, "from_lat_deg"));
    assert_null(cJSON_GetObjectItem(leg, "to_lat_deg"));
    assert_string_equal(cJSON_GetObjectItem(leg, "to")->valuestring, "Takht-i-Bahi \"(town)\"");
    assert_near(cJSON_GetObjectItem(leg, "course_deg")->valuedouble, 52.3, 1e-9);
    assert_near(cJSON_GetObjectItem(leg, "xtk_nm")->valuedouble, -0.35, 1e-9); /* left of the course */
    assert_near(cJSON_GetObjectItem(leg, "to_go_nm")->valuedouble, 4.2, 1e-9);
    assert_near(cJSON_GetObjectItem(leg, "eta_error_min")->valuedouble, 0.2, 1e-9);
    assert_true(cJSON_IsNull(cJSON_GetObjectItem(leg, "hdg_error_deg"))); /* not known: null */
    cJSON_Delete(o);
}

/* A ground reference manoeuvre's circle: its point, radius, the distance
 * from it and the turns flown; null when the exercise flies none. */
static void a_circle_exercise_carries_its_point(void **state)
{
    (void)state;
    station_snapshot n;
    memset(&n, 0, sizeof n);
    n.exercise = 0;
    cJSON *o = state_of(&n);
    assert_true(cJSON_IsNull(cJSON_GetObjectItem(cJSON_GetObjectItem(o, "exercise"), "circle")));
    cJSON_Delete(o);
    n.has_circle = 1;
    n.circle = (sortie_circle_values){34.01192, 71.9863, 0.25, 0.26349, NAN};
    o = state_of(&n);
    const cJSON *c = cJSON_GetObjectItem(cJSON_GetObjectItem(o, "exercise"), "circle");
    assert_true(cJSON_IsObject(c));
    assert_near(cJSON_GetObjectItem(c, "lat_deg")->valuedouble, 34.01192, 0.0);
    assert_near(cJSON_GetObjectItem(c, "radius_nm")->valuedouble, 0.25, 1e-12);
    assert_near(cJSON_GetObjectItem(c, "point_nm")->valuedouble, 0.263, 1e-12);
    assert_true(cJSON_IsNull(cJSON_GetObjectItem(c, "around_deg"))); /* before it begins */
    cJSON_Delete(o);
}

/* A formation's lead: where it is, its attitude, the aircraft's place in
 * its frame; null without one; the cockpit sees it too (the lead is the
 * wingman's reference, as it is in the sky). */
static void a_formation_carries_its_lead_to_both_pages(void **state)
{
    (void)state;
    station_snapshot n;
    memset(&n, 0, sizeof n);
    n.exercise = -1;
    cJSON *o = state_of(&n);
    assert_true(cJSON_IsNull(cJSON_GetObjectItem(o, "lead")));
    cJSON_Delete(o);
    n.has_lead = 1;
    n.lead = (sortie_lead_values){34.1234567, 71.7654321, 4512.34, 271.26, 2.04, -30.06, -98.76, 101.23, NAN,
                                  NAN,        NAN,        NAN};
    assert_int_equal(proto_cockpit_view(&n), 0);
    assert_int_equal(n.has_lead, 1);
    o = state_of(&n);
    const cJSON *l = cJSON_GetObjectItem(o, "lead");
    assert_true(cJSON_IsObject(l));
    assert_near(cJSON_GetObjectItem(l, "lat_deg")->valuedouble, 34.1234567, 0.0);
    assert_near(cJSON_GetObjectItem(l, "lon_deg")->valuedouble, 71.7654321, 0.0);
    assert_near(cJSON_GetObjectItem(l, "alt_ft")->valuedouble, 4512.3, 1e-9);
    assert_near(cJSON_GetObjectItem(l, "heading_deg")->valuedouble, 271.3, 1e-9);
    assert_near(cJSON_GetObjectItem(l, "roll_deg")->valuedouble, -30.1, 1e-9);
    assert_near(cJSON_GetObjectItem(l, "ahead_ft")->valuedouble, -98.8, 1e-9);
    assert_near(cJSON_GetObjectItem(l, "right_ft")->valuedouble, 101.2, 1e-9);
    assert_true(cJSON_IsNull(cJSON_GetObjectItem(l, "above_ft")));
    cJSON_Delete(o);
}

/* A final approach's point for the approach plot: the runway frame, the
 * height, the lesson's path (null for a glide); null off a final, and
 * never in the cockpit's state (high or low is the trainee's to judge). */
static void a_final_approach_carries_the_plot_and_not_to_the_cockpit(void **state)
{
    (void)state;
    station_snapshot n;
    memset(&n, 0, sizeof n);
    n.exercise = -1;
    cJSON *o = state_of(&n);
    assert_true(cJSON_IsNull(cJSON_GetObjectItem(o, "approach")));
    cJSON_Delete(o);
    n.has_approach = 1;
    n.approach = (sortie_approach_values){-12152.2345, 41.26, 690.04, {3.0, 1000.0}, 689.3};
    o = state_of(&n);
    const cJSON *a = cJSON_GetObjectItem(o, "approach");
    assert_true(cJSON_IsObject(a));
    assert_near(cJSON_GetObjectItem(a, "x_ft")->valuedouble, -12152.2, 1e-9);
    assert_near(cJSON_GetObjectItem(a, "y_ft")->valuedouble, 41.3, 1e-9);
    assert_near(cJSON_GetObjectItem(a, "h_ft")->valuedouble, 690.0, 1e-9);
    assert_near(cJSON_GetObjectItem(a, "path_ft")->valuedouble, 689.3, 1e-9);
    assert_near(cJSON_GetObjectItem(a, "glide_deg")->valuedouble, 3.0, 1e-12);
    assert_near(cJSON_GetObjectItem(a, "aim_ft")->valuedouble, 1000.0, 1e-12);
    cJSON_Delete(o);
    n.approach.path = (approach_path){NAN, NAN}; /* a glide */
    n.approach.path_ft = NAN;
    o = state_of(&n);
    a = cJSON_GetObjectItem(o, "approach");
    assert_true(cJSON_IsNull(cJSON_GetObjectItem(a, "path_ft")));
    assert_true(cJSON_IsNull(cJSON_GetObjectItem(a, "glide_deg")));
    cJSON_Delete(o);
    station_snapshot c = n;
    assert_int_equal(proto_cockpit_view(&c), 1);
    o = state_of(&c);
    assert_true(cJSON_IsNull(cJSON_GetObjectItem(o, "approach")));
    cJSON_Delete(o);
}

/* The debrief message: the result, the stored sortie's id (null when it
 * was not stored) and whether the automatic pilot flew it (no trainee's
 * grade for the instructor to set then). */
static void the_debrief_says_whether_it_was_a_demonstration(void **state)
{
    (void)state;
    grade_sheet sh;
    memset(&sh, 0, sizeof sh);
    snprintf(sh.lesson, sizeof sh.lesson, "super-mushak/stalls");
    snprintf(sh.pilot, sizeof sh.pilot, "trainee");
    sh.result = SORTIE_INCOMPLETE;
    for (int demo = 0; demo < 2; demo++) {
        if (demo)
            snprintf(sh.pilot, sizeof sh.pilot, "reference");
        char *text = proto_debrief_json(&sh, demo ? 0 : 42, NULL);
        cJSON *o = cJSON_Parse(text);
        free(text);
        assert_non_null(o);
        assert_string_equal(cJSON_GetObjectItem(o, "result")->valuestring, "Incomplete");
        assert_true(demo ? cJSON_IsTrue(cJSON_GetObjectItem(o, "demonstration"))
                         : cJSON_IsFalse(cJSON_GetObjectItem(o, "demonstration")));
        if (demo)
            assert_true(cJSON_IsNull(cJSON_GetObjectItem(o, "sortie_id")));
        else
            assert_int_equal(cJSON_GetObjectItem(o, "sortie_id")->valueint, 42);
        cJSON_Delete(o);
    }
}

/* The debrief message tells an item the instructor marks from an element
 * graded, and who marked it; an element's window and worst moment. */
static void the_debrief_tells_the_instructors_items_and_who_marked_them(void **state)
{
    (void)state;
    grade_sheet sh;
    memset(&sh, 0, sizeof sh);
    sheet_element el[2];
    memset(el, 0, sizeof el);
    snprintf(el[0].name, sizeof el[0].name, "altitude");
    el[0].mark = MARK_GOOD;
    el[0].t_start_s = 12.3;
    el[0].t_end_s = 98.76;
    el[0].worst_t_s = 43.219;
    snprintf(el[1].name, sizeof el[1].name, "clearing");
    el[1].by_instructor = 1;
    el[1].t_start_s = el[1].t_end_s = el[1].worst_t_s = NAN;
    el[1].mark = MARK_UNSAT;
    snprintf(el[1].marked_by, sizeof el[1].marked_by, "IP-7");
    sh.elements = el;
    sh.nelements = 2;
    char *text = proto_debrief_json(&sh, 7, NULL);
    cJSON *o = cJSON_Parse(text);
    free(text);
    assert_non_null(o);
    const cJSON *els = cJSON_GetObjectItem(o, "elements");
    assert_int_equal(cJSON_GetArraySize(els), 2);
    const cJSON *a = cJSON_GetArrayItem(els, 0), *b = cJSON_GetArrayItem(els, 1);
    assert_true(cJSON_IsFalse(cJSON_GetObjectItem(a, "by_instructor")));
    assert_null(cJSON_GetObjectItem(a, "marked_by"));
    /* when it was graded, and its worst moment; none for an item */
    assert_near(cJSON_GetObjectItem(a, "t_start_s")->valuedouble, 12.3, 1e-9);
    assert_near(cJSON_GetObjectItem(a, "t_end_s")->valuedouble, 98.76, 1e-9);
    assert_near(cJSON_GetObjectItem(a, "worst_t_s")->valuedouble, 43.22, 1e-9);
    assert_true(cJSON_IsNull(cJSON_GetObjectItem(b, "t_start_s")) && cJSON_IsNull(cJSON_GetObjectItem(b, "t_end_s")) &&
                cJSON_IsNull(cJSON_GetObjectItem(b, "worst_t_s")));
    assert_true(cJSON_IsTrue(cJSON_GetObjectItem(b, "by_instructor")));
    assert_string_equal(cJSON_GetObjectItem(b, "marked_by")->valuestring, "IP-7");
    assert_string_equal(cJSON_GetObjectItem(b, "mark")->valuestring, "Unsatisfactory");
    cJSON_Delete(o);
}

/* A diversion's leg: from where the instructor called it to the
 * checkpoint diverted to, and no second one to call. */
static void a_diversion_leg_carries_where_it_began(void **state)
{
    (void)state;
    station_snapshot n;
    memset(&n, 0, sizeof n);
    n.exercise = 1;
    snprintf(n.exercise_id, sizeof n.exercise_id, "diversion");
    snprintf(n.leg_to, sizeof n.leg_to, "Charsadda (town)");
    n.leg_diversion = 1;
    n.leg_course_deg = 231.04;
    n.leg_from_lat_deg = 34.21234567;
    n.leg_from_lon_deg = 71.95;
    n.leg_to_lat_deg = 34.145;
    n.leg_to_lon_deg = 71.731;
    n.leg = (sortie_leg_values){0.0, 11.94, NAN, NAN};
    cJSON *o = state_of(&n);
    const cJSON *x = cJSON_GetObjectItem(o, "exercise");
    assert_true(cJSON_IsFalse(cJSON_GetObjectItem(x, "divert_open"))); /* begun: no second one */
    const cJSON *leg = cJSON_GetObjectItem(x, "leg");
    assert_true(cJSON_IsTrue(cJSON_GetObjectItem(leg, "diversion")));
    assert_string_equal(cJSON_GetObjectItem(leg, "to")->valuestring, "Charsadda (town)");
    assert_near(cJSON_GetObjectItem(leg, "course_deg")->valuedouble, 231.0, 1e-9);
    assert_near(cJSON_GetObjectItem(leg, "to_go_nm")->valuedouble, 11.94, 1e-9);
    assert_near(cJSON_GetObjectItem(leg, "from_lat_deg")->valuedouble, 34.21234567, 1e-12); /* not rounded */
    assert_near(cJSON_GetObjectItem(leg, "from_lon_deg")->valuedouble, 71.95, 1e-12);
    assert_near(cJSON_GetObjectItem(leg, "to_lat_deg")->valuedouble, 34.145, 1e-12);
    assert_near(cJSON_GetObjectItem(leg, "to_lon_deg")->valuedouble, 71.731, 1e-12);
    cJSON_Delete(o);
    /* the cockpit's: what the trainee works out is taken out, where to
     * and how far stay */
    station_snapshot c = n;
    assert_int_equal(proto_cockpit_view(&c), 1);
    o = state_of(&c);
    leg = cJSON_GetObjectItem(cJSON_GetObjectItem(o, "exercise"), "leg");
    assert_string_equal(cJSON_GetObjectItem(leg, "to")->valuestring, "Charsadda (town)");
    assert_near(cJSON_GetObjectItem(leg, "to_go_nm")->valuedouble, 11.94, 1e-9);
    const char *hidden[] = {"course_deg", "xtk_nm", "eta_error_min", "hdg_error_deg", "from_lat_deg", "from_lon_deg"};
    for (size_t k = 0; k < sizeof hidden / sizeof hidden[0]; k++)
        assert_true(cJSON_IsNull(cJSON_GetObjectItem(leg, hidden[k])));
    cJSON_Delete(o);
    /* a route's leg: the cockpit is sent the instructors' state */
    c = n;
    c.leg_diversion = 0;
    assert_int_equal(proto_cockpit_view(&c), 0);
    assert_near(c.leg_course_deg, 231.04, 0.0);
}

/* The lesson's items in the instructor's state, with their marks and who
 * gave them; the cockpit's has none (the marks are told at the debrief). */
static void the_items_to_mark_are_the_instructors(void **state)
{
    (void)state;
    station_snapshot n;
    memset(&n, 0, sizeof n);
    n.exercise = -1;
    n.nitems = 2;
    n.item_exercise[0] = 0, n.item_exercise[1] = 2;
    snprintf(n.item_exercise_id[0], sizeof n.item_exercise_id[0], "takeoff");
    snprintf(n.item_exercise_id[1], sizeof n.item_exercise_id[1], "landing");
    snprintf(n.item_id[0], sizeof n.item_id[0], "checks");
    snprintf(n.item_id[1], sizeof n.item_id[1], "go-around");
    snprintf(n.item_title[0], sizeof n.item_title[0], "Before take-off \"checks\"");
    snprintf(n.item_title[1], sizeof n.item_title[1], "Go-around decision");
    n.item_mark[0] = MARK_GOOD;
    snprintf(n.item_marked_by[0], sizeof n.item_marked_by[0], "IP-7");
    cJSON *o = state_of(&n);
    const cJSON *a = cJSON_GetObjectItem(o, "items");
    assert_int_equal(cJSON_GetArraySize(a), 2);
    const cJSON *e = cJSON_GetArrayItem(a, 0);
    assert_string_equal(cJSON_GetObjectItem(e, "exercise")->valuestring, "takeoff");
    assert_int_equal(cJSON_GetObjectItem(e, "exercise_index")->valueint, 0);
    assert_string_equal(cJSON_GetObjectItem(e, "id")->valuestring, "checks");
    assert_string_equal(cJSON_GetObjectItem(e, "title")->valuestring, "Before take-off \"checks\"");
    assert_string_equal(cJSON_GetObjectItem(e, "mark")->valuestring, "Good");
    assert_string_equal(cJSON_GetObjectItem(e, "marked_by")->valuestring, "IP-7");
    e = cJSON_GetArrayItem(a, 1);
    assert_int_equal(cJSON_GetObjectItem(e, "exercise_index")->valueint, 2);
    assert_string_equal(cJSON_GetObjectItem(e, "mark")->valuestring, "Not observed");
    assert_string_equal(cJSON_GetObjectItem(e, "marked_by")->valuestring, "");
    cJSON_Delete(o);
    station_snapshot c = n;
    assert_int_equal(proto_cockpit_view(&c), 1);
    o = state_of(&c);
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(o, "items")), 0);
    cJSON_Delete(o);
}

/* A failed instrument: the instructor's state carries what the aircraft
 * does beside it (pfd.true), the cockpit's does not; with the
 * instruments sound there is no pfd.true and one state serves both. */
static void the_instructor_sees_the_truth_beside_a_failed_instrument(void **state)
{
    (void)state;
    station_snapshot n;
    memset(&n, 0, sizeof n);
    n.ins.ias_kt = n.ins.true_ias_kt = 300.0;
    n.ins.pitch_deg = n.ins.true_pitch_deg = 2.0;
    n.ins.roll_deg = n.ins.true_roll_deg = -1.0;
    cJSON *o = state_of(&n);
    assert_null(cJSON_GetObjectItem(cJSON_GetObjectItem(o, "pfd"), "true"));
    cJSON_Delete(o);
    station_snapshot c = n;
    assert_int_equal(proto_cockpit_view(&c), 0);

    n.ins.ias_kt = 412.5;      /* a blocked pitot in the climb */
    n.ins.roll_deg = 4.0;      /* an attitude indicator drifting */
    o = state_of(&n);
    const cJSON *t = cJSON_GetObjectItem(cJSON_GetObjectItem(o, "pfd"), "true");
    assert_non_null(t);
    assert_near(cJSON_GetObjectItem(t, "ias_kt")->valuedouble, 300.0, 1e-9);
    assert_near(cJSON_GetObjectItem(t, "pitch_deg")->valuedouble, 2.0, 1e-9);
    assert_near(cJSON_GetObjectItem(t, "roll_deg")->valuedouble, -1.0, 1e-9);
    assert_near(cJSON_GetObjectItem(cJSON_GetObjectItem(o, "pfd"), "ias_kt")->valuedouble, 412.5, 1e-9);
    cJSON_Delete(o);
    c = n;
    assert_int_equal(proto_cockpit_view(&c), 1);
    o = state_of(&c);
    const cJSON *p = cJSON_GetObjectItem(o, "pfd");
    assert_null(cJSON_GetObjectItem(p, "true"));
    assert_near(cJSON_GetObjectItem(p, "ias_kt")->valuedouble, 412.5, 1e-9); /* what the trainee sees */
    assert_near(cJSON_GetObjectItem(p, "roll_deg")->valuedouble, 4.0, 1e-9);
    cJSON_Delete(o);
    /* nor what is failed or armed: the cockpit's lists are empty */
    c = n;
    c.ins.ias_kt = c.ins.true_ias_kt;
    c.ins.roll_deg = c.ins.true_roll_deg;
    c.malfunctions = 1u << MALF_PITOT_BLOCKED;
    c.armed[MALF_ENGINE_FAILURE] = TRIG_AGL_ABOVE;
    c.armed_value[MALF_ENGINE_FAILURE] = 400.0;
    o = state_of(&c);
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(o, "malfunctions")), 1); /* the instructor's */
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(o, "malfunctions_armed")), 1);
    cJSON_Delete(o);
    assert_int_equal(proto_cockpit_view(&c), 1);
    o = state_of(&c);
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(o, "malfunctions")), 0);
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(o, "malfunctions_armed")), 0);
    cJSON_Delete(o);
}

static const cJSON *leg_end(const cJSON *route, int i, const char *end, const char *field)
{
    return cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetArrayItem(route, i), end), field);
}

/* lessons/NAME.xml loaded into l (lesson_free it) and its route's JSON
 * parsed back (cJSON_Delete it). */
static cJSON *route_of(const char *name, lesson *l)
{
    char path[256];
    saqr_err err = {""};
    snprintf(path, sizeof path, "%s/lessons/%s.xml", SAQR_ROOT_DIR, name);
    if (lesson_load(path, NULL, l, &err))
        fail_msg("%s", err.msg);
    char *s = proto_route_json(l);
    assert_non_null(s);
    cJSON *o = cJSON_Parse(s);
    assert_non_null(o);
    free(s);
    return o;
}

/* A lesson's route as its exercises fly it: a leg per exercise, from
 * checkpoint to checkpoint, with its course and length; none for a lesson
 * without a route. */
/* A replay's overlays: the columns named, the points in order with a
 * value that is not a number as null, and a band's open side as null. */
static void a_replay_trace_carries_its_points_and_bands(void **state)
{
    (void)state;
    station_replay_trace *t = calloc(1, sizeof *t);
    assert_non_null(t);
    t->npoints = 2;
    for (int k = 0; k < STATION_TRACE_NCH; k++) {
        t->v[0][k] = 10.0 + k;
        t->v[1][k] = 10.1 + k;
    }
    t->v[1][3] = NAN;
    t->nbands = 1;
    station_trace_band *b = &t->bands[0];
    snprintf(b->exercise, sizeof b->exercise, "level");
    snprintf(b->title, sizeof b->title, "Altitude \"held\"");
    snprintf(b->channel, sizeof b->channel, "alt-ft");
    snprintf(b->unit, sizeof b->unit, "ft");
    b->lo = -HUGE_VAL;
    b->hi = 4100.0;
    b->t_start_s = 10.0;
    b->t_end_s = 10.1;
    b->mark = MARK_GOOD;
    char *s = proto_replay_trace_json(t, 7);
    cJSON *o = cJSON_Parse(s);
    assert_non_null(o);
    assert_string_equal(cJSON_GetObjectItem(o, "type")->valuestring, "replay_trace");
    assert_int_equal((int)cJSON_GetObjectItem(o, "epoch")->valuedouble, 7);
    cJSON *ch = cJSON_GetObjectItem(o, "channels");
    assert_int_equal(cJSON_GetArraySize(ch), STATION_TRACE_NCH);
    assert_string_equal(cJSON_GetArrayItem(ch, 0)->valuestring, "t-s");
    assert_string_equal(cJSON_GetArrayItem(ch, 2)->valuestring, "alt-ft");
    cJSON *pts = cJSON_GetObjectItem(o, "points");
    assert_int_equal(cJSON_GetArraySize(pts), 2);
    assert_near(cJSON_GetArrayItem(cJSON_GetArrayItem(pts, 1), 0)->valuedouble, 10.1, 1e-12);
    assert_near(cJSON_GetArrayItem(cJSON_GetArrayItem(pts, 1), 2)->valuedouble, 12.1, 1e-5);
    assert_true(cJSON_IsNull(cJSON_GetArrayItem(cJSON_GetArrayItem(pts, 1), 3)));
    cJSON *band = cJSON_GetArrayItem(cJSON_GetObjectItem(o, "bands"), 0);
    assert_string_equal(cJSON_GetObjectItem(band, "title")->valuestring, "Altitude \"held\"");
    assert_string_equal(cJSON_GetObjectItem(band, "channel")->valuestring, "alt-ft");
    assert_true(cJSON_IsNull(cJSON_GetObjectItem(band, "lo")));
    assert_near(cJSON_GetObjectItem(band, "hi")->valuedouble, 4100.0, 0.0);
    assert_string_equal(cJSON_GetObjectItem(band, "mark")->valuestring, "Good");
    cJSON_Delete(o);
    free(s);
    free(t);
}

static void a_lessons_route_is_the_legs_its_exercises_fly(void **state)
{
    (void)state;
    lesson l;
    cJSON *o = route_of("super-mushak/navigation", &l);
    assert_string_equal(cJSON_GetObjectItem(o, "lesson")->valuestring, "super-mushak/navigation");
    const cJSON *route = cJSON_GetObjectItem(o, "route");
    assert_int_equal(cJSON_GetArraySize(route), 3);
    /* the flight plan's courses and lengths, as the exercises' titles give them */
    static const struct {
        const char *exercise, *from, *to;
        double course_deg, length_nm;
    } want[] = {
        {"leg-1", "Risalpur (overhead the airfield)", "Charsadda (town)", 288.0, 12.6},
        {"leg-2", "Charsadda (town)", "Takht-i-Bahi (town, by the ruins)", 52.0, 13.6},
        {"leg-3", "Takht-i-Bahi (town, by the ruins)", "Risalpur (overhead the airfield)", 174.0, 12.3},
    };
    for (int i = 0; i < 3; i++) {
        const cJSON *leg = cJSON_GetArrayItem(route, i);
        assert_int_equal(cJSON_GetObjectItem(leg, "exercise")->valueint, i);
        assert_string_equal(cJSON_GetObjectItem(leg, "exercise_id")->valuestring, want[i].exercise);
        assert_string_equal(leg_end(route, i, "from", "name")->valuestring, want[i].from);
        assert_string_equal(leg_end(route, i, "to", "name")->valuestring, want[i].to);
        assert_near(cJSON_GetObjectItem(leg, "course_deg")->valuedouble, want[i].course_deg, 0.5);
        assert_near(cJSON_GetObjectItem(leg, "length_nm")->valuedouble, want[i].length_nm, 0.05);
    }
    assert_near(leg_end(route, 0, "from", "lat_deg")->valuedouble, 34.0815, 0.0);
    assert_near(leg_end(route, 0, "to", "lon_deg")->valuedouble, 71.7310, 0.0);
    assert_string_equal(leg_end(route, 1, "to", "id")->valuestring, "takht");
    assert_true(cJSON_IsFalse(cJSON_GetObjectItem(cJSON_GetArrayItem(route, 0), "diversion")));
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(o, "checkpoints")), 3);
    cJSON_Delete(o);
    lesson_free(&l);

    o = route_of("super-mushak/steep-turns", &l);
    assert_true(cJSON_IsArray(cJSON_GetObjectItem(o, "route")));
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(o, "route")), 0);
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(o, "checkpoints")), 0);
    cJSON_Delete(o);
    lesson_free(&l);
}

/* A lesson with a diversion: its exercise in the route with only its
 * default destination (where it begins, its course and length are known
 * only in flight), and every checkpoint of the route, the destinations
 * the instructor may call instead. */
static void a_lessons_diversion_is_in_its_route_with_every_checkpoint(void **state)
{
    (void)state;
    lesson l;
    cJSON *o = route_of("super-mushak/diversion", &l);
    const cJSON *route = cJSON_GetObjectItem(o, "route");
    assert_int_equal(cJSON_GetArraySize(route), 2);
    const cJSON *leg = cJSON_GetArrayItem(route, 0);
    assert_true(cJSON_IsFalse(cJSON_GetObjectItem(leg, "diversion")));
    assert_string_equal(leg_end(route, 0, "to", "id")->valuestring, "takht");
    const cJSON *div = cJSON_GetArrayItem(route, 1);
    assert_int_equal(cJSON_GetObjectItem(div, "exercise")->valueint, lesson_diversion_exercise(&l));
    assert_string_equal(cJSON_GetObjectItem(div, "exercise_id")->valuestring, "diversion");
    assert_string_equal(cJSON_GetObjectItem(div, "title")->valuestring, "Diversion to the alternate");
    assert_true(cJSON_IsTrue(cJSON_GetObjectItem(div, "diversion")));
    assert_string_equal(leg_end(route, 1, "to", "id")->valuestring, "opps");
    assert_string_equal(leg_end(route, 1, "to", "name")->valuestring, "Peshawar (the airfield)");
    assert_near(leg_end(route, 1, "to", "lat_deg")->valuedouble, 33.9939, 0.0);
    assert_null(cJSON_GetObjectItem(div, "from"));
    assert_null(cJSON_GetObjectItem(div, "course_deg"));
    assert_null(cJSON_GetObjectItem(div, "length_nm"));
    const cJSON *cps = cJSON_GetObjectItem(o, "checkpoints");
    static const char *const ids[] = {"rsp", "takht", "opps", "charsadda"};
    assert_int_equal(cJSON_GetArraySize(cps), 4);
    for (int i = 0; i < 4; i++) {
        const cJSON *c = cJSON_GetArrayItem(cps, i);
        assert_string_equal(cJSON_GetObjectItem(c, "id")->valuestring, ids[i]);
        assert_string_equal(cJSON_GetObjectItem(c, "name")->valuestring, l.route.cp[i].name);
        assert_near(cJSON_GetObjectItem(c, "lon_deg")->valuedouble, l.route.cp[i].lon_deg, 0.0);
    }
    cJSON_Delete(o);
    lesson_free(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_start_becomes_a_start_command),
        cmocka_unit_test(instructor_commands_carry_their_values),
        cmocka_unit_test(controls_set_only_what_they_name),
        cmocka_unit_test(bad_messages_are_refused_naming_the_problem),
        cmocka_unit_test(nesting_is_counted_before_parsing),
        cmocka_unit_test(an_error_still_names_the_message_id),
        cmocka_unit_test(the_cockpit_may_only_send_controls),
        cmocka_unit_test(oversized_messages_are_refused_unread),
        cmocka_unit_test(the_state_carries_the_snapshot),
        cmocka_unit_test(a_leg_exercise_carries_its_legs_values),
        cmocka_unit_test(a_circle_exercise_carries_its_point),
        cmocka_unit_test(a_formation_carries_its_lead_to_both_pages),
        cmocka_unit_test(a_final_approach_carries_the_plot_and_not_to_the_cockpit),
        cmocka_unit_test(the_debrief_says_whether_it_was_a_demonstration),
        cmocka_unit_test(the_debrief_tells_the_instructors_items_and_who_marked_them),
        cmocka_unit_test(a_replay_trace_carries_its_points_and_bands),
        cmocka_unit_test(a_lessons_route_is_the_legs_its_exercises_fly),
        cmocka_unit_test(a_diversion_leg_carries_where_it_began),
        cmocka_unit_test(the_items_to_mark_are_the_instructors),
        cmocka_unit_test(the_instructor_sees_the_truth_beside_a_failed_instrument),
        cmocka_unit_test(a_lessons_diversion_is_in_its_route_with_every_checkpoint),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
