/*
 * scenarios.c - the instructors' scenarios in the training records (see
 * scenarios.h; the table is schema version 7's, src/records/schema.c).
 */
#include "records/scenarios.h"

#include <string.h>

#include "records/records.h"
#include "records/records_sql.h"
#include "util/utf8.h"

#define SCENARIO_COLUMNS "id, name, aircraft, commands, saved_by, saved_at"

_Static_assert(sizeof((records_scenario *)0)->aircraft == RECORDS_COURSE_MAX, "a scenario's type is a course name");

static void fill_scenario(const rdb_rows *r, int i, void *out)
{
    records_scenario *s = out;
    s->id = rsql_id_value(rdb_value(r, i, 0));
    rsql_copy(s->name, sizeof s->name, rdb_value(r, i, 1));
    rsql_copy(s->aircraft, sizeof s->aircraft, rdb_value(r, i, 2));
    rsql_copy(s->commands, sizeof s->commands, rdb_value(r, i, 3));
    rsql_copy(s->saved_by, sizeof s->saved_by, rdb_value(r, i, 4));
    rsql_copy(s->saved_at, sizeof s->saved_at, rdb_value(r, i, 5));
}

int records_scenario_save(rdb *db, const char *name, const char *aircraft, const char *commands, const char *saved_by,
                          const char *saved_at, int *replaced, saqr_err *err)
{
    *replaced = 0;
    if (!name || !rsql_text_ok(name, RECORDS_SCENARIO_NAME_MAX) || !utf8_valid(name))
        return err_set(err, SAQR_EINVAL, "a scenario's name is 1 to %d bytes of printable text",
                       RECORDS_SCENARIO_NAME_MAX - 1);
    if (!aircraft)
        aircraft = "";
    if (aircraft[0] && !records_course_name_ok(aircraft))
        return err_set(err, SAQR_EINVAL, "scenario \"%s\": \"%s\" is not an aircraft type", name, aircraft);
    if (!commands || strlen(commands) < 2 || !rsql_long_text_ok(commands, RECORDS_SCENARIO_COMMANDS_MAX) ||
        !utf8_valid(commands))
        return err_set(err, SAQR_EINVAL, "scenario \"%s\": its commands are 2 to %d bytes of text", name,
                       RECORDS_SCENARIO_COMMANDS_MAX - 1);
    if (!saved_by)
        saved_by = "";
    if (!saved_at || !rsql_text_ok(saved_at, 32))
        return err_set(err, SAQR_EINVAL, "scenario \"%s\": no time it was saved", name);
    int st = rdb_begin(db, err);
    if (st)
        return st;
    long long id = 0;
    const char *key[] = {name};
    st = rsql_query_id(db, "SELECT id FROM scenarios WHERE name = ?", 1, key, &id, err);
    if (st == SAQR_OK) {
        const char *p[] = {aircraft[0] ? aircraft : NULL, commands, saved_by[0] ? saved_by : NULL, saved_at, name};
        *replaced = id != 0;
        const char *sql = id ? "UPDATE scenarios SET aircraft = ?, commands = ?, saved_by = ?, saved_at = ? "
                               "WHERE name = ?"
                             : "INSERT INTO scenarios (aircraft, commands, saved_by, saved_at, name) "
                               "VALUES (?, ?, ?, ?, ?)";
        st = rdb_exec(db, sql, 5, p, NULL, err);
    }
    return rsql_finish(db, st, err);
}

int records_scenario_list(rdb *db, records_scenario **out, int *n, saqr_err *err)
{
    void *a;
    int st = rsql_query_list(db, "SELECT " SCENARIO_COLUMNS " FROM scenarios ORDER BY name", 0, NULL, sizeof **out,
                             fill_scenario, &a, n, err);
    *out = a;
    return st;
}

int records_scenario_find(rdb *db, const char *name, records_scenario *out, saqr_err *err)
{
    memset(out, 0, sizeof *out);
    return rsql_find_one(db, "SELECT " SCENARIO_COLUMNS " FROM scenarios WHERE name = ?", name, fill_scenario, out,
                         "scenario", err);
}

int records_scenario_delete(rdb *db, const char *name, saqr_err *err)
{
    const char *p[] = {name ? name : ""};
    long long id = 0;
    int st = rsql_query_id(db, "SELECT id FROM scenarios WHERE name = ?", 1, p, &id, err);
    if (st == SAQR_OK && !id)
        st = err_set(err, SAQR_ENOTFOUND, "no scenario %s", p[0]);
    return st ? st : rdb_exec(db, "DELETE FROM scenarios WHERE name = ?", 1, p, NULL, err);
}
