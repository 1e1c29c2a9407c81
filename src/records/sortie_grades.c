/*
 * sortie_grades.c - what an instructor adds to a stored sortie's grading:
 * the comment, the instructor's grade (a result set with a reason) and
 * the marks of the lesson's items the simulator cannot observe
 * (<instructor-grade>: docs/records.md, "The instructor's marks").
 */
#include "records/records.h"

#include <stdio.h>
#include <string.h>

#include "records/records_sql.h"

int records_sortie_set_comment(rdb *db, long long id, const char *comment, saqr_err *err)
{
    if (comment && !rsql_comment_ok(comment))
        return err_set(err, SAQR_EINVAL, "a comment is at most 255 bytes of UTF-8 text (no control characters "
                                         "but new lines)");
    char b[32];
    const char *p[] = {comment && comment[0] ? comment : NULL, rsql_id_text(b, id)};
    long long found = 0;
    int st = rdb_begin(db, err);
    if (st)
        return st;
    st = rsql_query_id(db, "SELECT id FROM sorties WHERE id = ?", 1, p + 1, &found, err);
    if (st == SAQR_OK && !found)
        st = err_set(err, SAQR_ENOTFOUND, "no sortie %lld", id);
    if (st == SAQR_OK)
        st = rdb_exec(db, "UPDATE sorties SET comment = ? WHERE id = ?", 2, p, NULL, err);
    return rsql_finish(db, st, err);
}

/* SAQR_EINVAL unless `instructor` (NULL: none named) is in the records. */
static int instructor_known(rdb *db, const char *instructor, saqr_err *err)
{
    records_instructor in;
    saqr_err e2;
    if (instructor && records_instructor_find(db, instructor, &in, &e2))
        return err_set(err, SAQR_EINVAL, "no instructor \"%s\" in the records", instructor);
    return SAQR_OK;
}

/* The sortie row a grade changes (columns: result, auto_result, pilot,
 * flown_result, flown_summary, summary), refused for a demonstration.
 * Locked until the transaction ends: two instructors marking two items
 * of one sortie at once must not each work out its result without the
 * other's mark (SQLite's BEGIN IMMEDIATE already makes writers queue;
 * PostgreSQL's READ COMMITTED needs the row lock). */
static int graded_sortie(rdb *db, const char *id, rdb_rows **r, saqr_err *err)
{
    const char *p[] = {id};
    int st = rdb_exec(db,
                      rdb_kind(db) == RDB_POSTGRES
                          ? "SELECT result, auto_result, pilot, flown_result, flown_summary, summary FROM sorties "
                            "WHERE id = ? FOR UPDATE"
                          : "SELECT result, auto_result, pilot, flown_result, flown_summary, summary FROM sorties "
                            "WHERE id = ?",
                      1, p, r, err);
    if (st == SAQR_OK && rdb_rows_count(*r) == 0)
        st = err_set(err, SAQR_ENOTFOUND, "no sortie %s", id);
    if (st == SAQR_OK && sheet_pilot_is_automatic(rdb_value(*r, 0, 2)))
        st = err_set(err, SAQR_EINVAL, "sortie %s is a demonstration by the automatic pilot: no grade of the "
                                       "trainee's to set", id);
    return st;
}

int records_sortie_regrade(rdb *db, long long id, sortie_result result, const char *reason,
                           const char *instructor, saqr_err *err)
{
    if (result < SORTIE_PASS || result > SORTIE_INCOMPLETE)
        return err_set(err, SAQR_EINVAL, "result %d is not Pass, Marginal, Unsat or Incomplete", (int)result);
    if (!reason || !reason[0] || !rsql_comment_ok(reason))
        return err_set(err, SAQR_EINVAL, "the instructor's grade needs a reason: 1 to 255 bytes of UTF-8 text (no "
                                         "control characters but new lines)");
    if (instructor && !rsql_text_ok(instructor, RECORDS_NUMBER_MAX))
        return err_set(err, SAQR_EINVAL, "the instructor \"%s\" is not a service number", instructor);
    char b[32];
    const char *p[] = {rsql_id_text(b, id)};
    int st = rdb_begin(db, err);
    if (st)
        return st;
    rdb_rows *r = NULL;
    st = graded_sortie(db, p[0], &r, err);
    if (st == SAQR_OK)
        st = instructor_known(db, instructor, err);
    if (st == SAQR_OK) {
        /* the automatic grading's result: kept from the first regrade on */
        const char *automatic = rdb_value(r, 0, 1) ? rdb_value(r, 0, 1) : rdb_value(r, 0, 0);
        const char *name = sheet_result_name(result);
        if (automatic && strcmp(automatic, name) == 0) { /* back to as graded */
            const char *q[] = {name, p[0]};
            st = rdb_exec(db,
                          "UPDATE sorties SET result = ?, auto_result = NULL, regrade_reason = NULL, "
                          "regraded_by = NULL WHERE id = ?",
                          2, q, NULL, err);
        } else {
            const char *q[] = {name, automatic, reason, instructor, p[0]};
            st = rdb_exec(db,
                          "UPDATE sorties SET result = ?, auto_result = ?, regrade_reason = ?, regraded_by = ? "
                          "WHERE id = ?",
                          5, q, NULL, err);
        }
    }
    rdb_rows_free(r);
    return rsql_finish(db, st, err);
}

/* The count of sortie `id`'s items marked Unsatisfactory and the first's
 * title. */
static int unsat_items(rdb *db, const char *id, int *count, char *first, size_t size, saqr_err *err)
{
    const char *p[] = {id};
    rdb_rows *r = NULL;
    int st = rdb_exec(db,
                      "SELECT title FROM sortie_elements WHERE sortie_id = ? AND by_instructor = 1 AND "
                      "mark = 'Unsatisfactory' ORDER BY seq",
                      1, p, &r, err);
    *count = st ? 0 : rdb_rows_count(r);
    rsql_copy(first, size, *count > 0 ? rdb_value(r, 0, 0) : "");
    rdb_rows_free(r);
    return st;
}

int records_item_mark_parse(const char *s)
{
    if (s && strcmp(s, "none") == 0)
        return MARK_NOT_OBSERVED;
    int m = records_mark_parse(s);
    return m > MARK_NOT_OBSERVED ? m : -1;
}

int records_sortie_mark(rdb *db, long long id, const char *exercise, const char *item, grade_mark mark,
                        const char *instructor, saqr_err *err)
{
    if (mark < MARK_NOT_OBSERVED || mark > MARK_EXCELLENT)
        return err_set(err, SAQR_EINVAL, "mark %d is not Excellent, Good, Fair, Unsatisfactory or none", (int)mark);
    if (!rsql_text_ok(exercise, 48) || !rsql_text_ok(item, 48))
        return err_set(err, SAQR_EINVAL, "an item is named by its exercise and id (EXERCISE/ITEM)");
    if (instructor && !rsql_text_ok(instructor, RECORDS_NUMBER_MAX))
        return err_set(err, SAQR_EINVAL, "the instructor \"%s\" is not a service number", instructor);
    char b[32];
    const char *sid = rsql_id_text(b, id);
    int st = rdb_begin(db, err);
    if (st)
        return st;
    rdb_rows *r = NULL, *el = NULL;
    if ((st = graded_sortie(db, sid, &r, err)) == SAQR_OK && (st = instructor_known(db, instructor, err)) == SAQR_OK) {
        const char *p[] = {sid, exercise, item};
        st = rdb_exec(db,
                      "SELECT id, by_instructor FROM sortie_elements WHERE sortie_id = ? AND exercise = ? AND "
                      "element = ?",
                      3, p, &el, err);
    }
    if (st == SAQR_OK && rdb_rows_count(el) == 0)
        st = err_set(err, SAQR_ENOTFOUND, "sortie %lld has no element %s/%s", id, exercise, item);
    if (st == SAQR_OK && !(rdb_value(el, 0, 1) && strcmp(rdb_value(el, 0, 1), "1") == 0))
        st = err_set(err, SAQR_EINVAL, "%s/%s of sortie %lld is graded by the simulator, not marked by the "
                                       "instructor", exercise, item, id);
    if (st == SAQR_OK) {
        const char *q[] = {sheet_mark_name(mark), mark == MARK_NOT_OBSERVED ? NULL : instructor, rdb_value(el, 0, 0)};
        st = rdb_exec(db, "UPDATE sortie_elements SET mark = ?, marked_by = ? WHERE id = ?", 3, q, NULL, err);
    }
    int nunsat = 0;
    char first[96], summary[256];
    if (st == SAQR_OK)
        st = unsat_items(db, sid, &nunsat, first, sizeof first, err);
    if (st == SAQR_OK) {
        /* the flying's own result and summary (flown_*: schema 6; before
         * it no sortie had items, so the grading's stand for them) */
        const char *flown = rdb_value(r, 0, 3) ? rdb_value(r, 0, 3)
                            : rdb_value(r, 0, 1) ? rdb_value(r, 0, 1) : rdb_value(r, 0, 0);
        const char *flown_summary = rdb_value(r, 0, 4) ? rdb_value(r, 0, 4) : rdb_value(r, 0, 5);
        int fr = records_result_parse(flown);
        sortie_result graded = nunsat > 0 ? SORTIE_UNSAT : fr < 0 ? SORTIE_UNSAT : (sortie_result)fr;
        if (nunsat > 0)
            sheet_items_summary(summary, sizeof summary, nunsat, first, flown_summary);
        else
            rsql_copy(summary, sizeof summary, flown_summary);
        /* an instructor's grade stands; it is the grading beside it that changes */
        const char *q[] = {sheet_result_name(graded), summary, sid};
        st = rdb_exec(db,
                      rdb_value(r, 0, 1) ? "UPDATE sorties SET auto_result = ?, summary = ? WHERE id = ?"
                                         : "UPDATE sorties SET result = ?, summary = ? WHERE id = ?",
                      3, q, NULL, err);
    }
    rdb_rows_free(el);
    rdb_rows_free(r);
    return rsql_finish(db, st, err);
}
