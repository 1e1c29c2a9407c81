/*
 * records.c - trainees, instructors, airframes, the syllabus and sorties
 * in the records database (see records.h; tables in docs/records.md).
 *
 * Every value crosses db.h as text: numbers are written with "%.17g"
 * (which round-trips a double) and NaN or infinite values as SQL NULL.
 * Every call that writes runs in one transaction, rolled back on any
 * failure, so nothing is ever written half.
 */
#include "records/records.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "records/records_recording.h"
#include "records/records_sql.h"
#include "train/lesson.h"
#include "util/utf8.h"

/* ================================================================ helpers */

/* Text that reads the same as shown: UTF-8, not blank, no space at
 * either end (where "PAF-101 " would look like PAF-101 in every list). */
static int trimmed_ok(const char *s, size_t max)
{
    if (!rsql_text_ok(s, max) || !utf8_valid(s))
        return 0;
    size_t n = strlen(s);
    return !isspace((unsigned char)s[0]) && !isspace((unsigned char)s[n - 1]);
}

static int number_ok(const char *s)
{
    return trimmed_ok(s, RECORDS_NUMBER_MAX) && s[0] != '-';
}

int records_course_name_ok(const char *s)
{
    if (!s || !*s || strlen(s) >= RECORDS_COURSE_MAX || s[0] == '-')
        return 0;
    for (const char *c = s; *c; c++)
        if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '-'))
            return 0;
    return 1;
}

static int tail_ok(const char *s)
{
    if (!s || !*s || strlen(s) >= RECORDS_TAIL_MAX || s[0] == '-')
        return 0;
    for (const char *c = s; *c; c++)
        if (!isalnum((unsigned char)*c) && *c != '-')
            return 0;
    return 1;
}

static int digits(const char *s, int n, int lo, int hi)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        v = v * 10 + (s[i] - '0');
    }
    return v >= lo && v <= hi;
}

/* Days in month m (1-12) of year y, Gregorian. */
static int month_days(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return days[m - 1] + (m == 2 && leap);
}

int records_time_valid(const char *s)
{
    /* YYYY-MM-DDTHH:MM:SSZ, a day the month has */
    if (!(s && strlen(s) == RECORDS_TIME_LEN - 1 && digits(s, 4, 1, 9999) && s[4] == '-' &&
          digits(s + 5, 2, 1, 12) && s[7] == '-' && digits(s + 8, 2, 1, 31) && s[10] == 'T' &&
          digits(s + 11, 2, 0, 23) && s[13] == ':' && digits(s + 14, 2, 0, 59) && s[16] == ':' &&
          digits(s + 17, 2, 0, 60) && s[19] == 'Z'))
        return 0;
    int y = atoi(s), m = (s[5] - '0') * 10 + (s[6] - '0'), d = (s[8] - '0') * 10 + (s[9] - '0');
    return d <= month_days(y, m);
}

/* Runs a write; a unique-key violation (SAQR_EINVAL) becomes "`what`
 * already exists". */
static int insert(rdb *db, const char *sql, int n, const char *const *p, long long *id, const char *what,
                  saqr_err *err)
{
    rdb_rows *r = NULL;
    int st = rdb_exec(db, sql, n, p, id ? &r : NULL, err);
    if (st == SAQR_EINVAL && what)
        err_set(err, st, "%s already exists", what);
    if (st == SAQR_OK && id)
        *id = rdb_rows_count(r) > 0 ? rsql_id_value(rdb_value(r, 0, 0)) : 0;
    rdb_rows_free(r);
    return st;
}

/* Inside a transaction: inserts a row (`insert_sql` with its n params,
 * "... RETURNING id") unless `exists_sql` finds one for `key` already -
 * then SAQR_EINVAL "`what` already exists". */
static int insert_new(rdb *db, const char *exists_sql, const char *key, const char *insert_sql, int n,
                      const char *const *p, const char *what, long long *id, saqr_err *err)
{
    const char *k[] = {key};
    int st = rsql_query_id(db, exists_sql, 1, k, id, err);
    if (st == SAQR_OK && *id) /* the same letters in another case count as the same */
        st = err_set(err, SAQR_EINVAL, "%s already exists (letter case aside)", what);
    if (st == SAQR_OK)
        st = insert(db, insert_sql, n, p, id, what, err);
    return st;
}

/* insert_new in a transaction of its own; when out is not NULL the new
 * row is read back into it (`find_sql` for key, converted by fill) before
 * the commit. */
static int add_row(rdb *db, const char *exists_sql, const char *key, const char *insert_sql, int n,
                   const char *const *p, const char *what, const char *find_sql,
                   void (*fill)(const rdb_rows *, int, void *), void *out, saqr_err *err)
{
    int st = rdb_begin(db, err);
    if (st)
        return st;
    long long id;
    st = insert_new(db, exists_sql, key, insert_sql, n, p, what, &id, err);
    if (st == SAQR_OK && out)
        st = rsql_find_one(db, find_sql, key, fill, out, what, err);
    return rsql_finish(db, st, err);
}

/* A service number and a name fit to store, else SAQR_EINVAL. */
static int person_check(const char *service_number, const char *name, saqr_err *err)
{
    if (!number_ok(service_number))
        return err_set(err, SAQR_EINVAL,
                       "a service number is 1 to %d bytes of printable UTF-8, not starting with '-' and without "
                       "spaces at either end, not \"%s\"",
                       RECORDS_NUMBER_MAX - 1, service_number ? service_number : "");
    if (!trimmed_ok(name, RECORDS_NAME_MAX))
        return err_set(err, SAQR_EINVAL,
                       "a name is 1 to %d bytes of printable UTF-8 (fewer letters outside ASCII), not blank and "
                       "without spaces at either end",
                       RECORDS_NAME_MAX - 1);
    return SAQR_OK;
}

/* =============================================================== trainees */

#define TRAINEE_FIND "SELECT id, service_number, name, course, created_at FROM trainees WHERE service_number = ?"

static void fill_trainee(const rdb_rows *r, int i, void *out)
{
    records_trainee *t = out;
    t->id = rsql_id_value(rdb_value(r, i, 0));
    rsql_copy(t->service_number, sizeof t->service_number, rdb_value(r, i, 1));
    rsql_copy(t->name, sizeof t->name, rdb_value(r, i, 2));
    rsql_copy(t->course, sizeof t->course, rdb_value(r, i, 3));
    rsql_copy(t->created_at, sizeof t->created_at, rdb_value(r, i, 4));
}

/* The courses of the stored syllabus, "a, b", into buf. */
static void course_names(rdb *db, char *buf, size_t n)
{
    buf[0] = '\0';
    rdb_rows *r = NULL;
    if (rdb_exec(db, "SELECT DISTINCT course FROM lessons ORDER BY course", 0, NULL, &r, NULL) == SAQR_OK)
        for (int i = 0; i < rdb_rows_count(r); i++) {
            size_t len = strlen(buf);
            snprintf(buf + len, n - len, "%s%s", i ? ", " : "", rdb_value(r, i, 0));
        }
    rdb_rows_free(r);
}

static int check_course(rdb *db, const char *course, saqr_err *err)
{
    const char *p[] = {course};
    long long one;
    int st = rsql_query_id(db, "SELECT 1 FROM lessons WHERE course = ? LIMIT 1", 1, p, &one, err);
    if (st || one)
        return st;
    char names[256];
    course_names(db, names, sizeof names);
    return err_set(err, SAQR_EINVAL, "no course \"%s\" in the syllabus (courses: %s)", course,
                   names[0] ? names : "none; the lessons have not been synced");
}

int records_trainee_add(rdb *db, const char *service_number, const char *name, const char *course,
                        const char *now_utc, records_trainee *out, saqr_err *err)
{
    int st = person_check(service_number, name, err);
    if (st)
        return st;
    if (!records_course_name_ok(course))
        return err_set(err, SAQR_EINVAL, "\"%s\" is not a course name (a lessons folder: super-mushak, jf17)",
                       course ? course : "");
    if (!records_time_valid(now_utc))
        return err_set(err, SAQR_EINVAL, "\"%s\" is not an ISO 8601 UTC time (2026-11-29T05:30:00Z)",
                       now_utc ? now_utc : "");
    if ((st = check_course(db, course, err)))
        return st;
    char what[96];
    snprintf(what, sizeof what, "a trainee with service number %s", service_number);
    const char *p[] = {service_number, name, course, now_utc};
    st = add_row(db, "SELECT id FROM trainees WHERE upper(service_number) = upper(?)", service_number,
                 "INSERT INTO trainees (service_number, name, course, created_at) VALUES (?, ?, ?, ?) RETURNING id",
                 4, p, what, TRAINEE_FIND, fill_trainee, out, err);
    return st;
}

int records_trainee_find(rdb *db, const char *service_number, records_trainee *out, saqr_err *err)
{
    memset(out, 0, sizeof *out);
    return rsql_find_one(db, TRAINEE_FIND, service_number, fill_trainee, out, "trainee with service number", err);
}

int records_trainee_list(rdb *db, records_trainee **out, int *n, saqr_err *err)
{
    void *a;
    int st =
        rsql_query_list(db, "SELECT id, service_number, name, course, created_at FROM trainees ORDER BY service_number",
                        0, NULL, sizeof **out, fill_trainee, &a, n, err);
    *out = a;
    return st;
}

/* ============================================================ instructors */

#define INSTRUCTOR_FIND "SELECT id, service_number, name FROM instructors WHERE service_number = ?"

static void fill_instructor(const rdb_rows *r, int i, void *out)
{
    records_instructor *t = out;
    t->id = rsql_id_value(rdb_value(r, i, 0));
    rsql_copy(t->service_number, sizeof t->service_number, rdb_value(r, i, 1));
    rsql_copy(t->name, sizeof t->name, rdb_value(r, i, 2));
}

int records_instructor_add(rdb *db, const char *service_number, const char *name, records_instructor *out,
                           saqr_err *err)
{
    int st = person_check(service_number, name, err);
    if (st)
        return st;
    char what[96];
    snprintf(what, sizeof what, "an instructor with service number %s", service_number);
    const char *p[] = {service_number, name};
    st = add_row(db, "SELECT id FROM instructors WHERE upper(service_number) = upper(?)", service_number,
                 "INSERT INTO instructors (service_number, name) VALUES (?, ?) RETURNING id", 2, p, what,
                 INSTRUCTOR_FIND, fill_instructor, out, err);
    return st;
}

int records_instructor_find(rdb *db, const char *service_number, records_instructor *out, saqr_err *err)
{
    memset(out, 0, sizeof *out);
    return rsql_find_one(db, INSTRUCTOR_FIND, service_number, fill_instructor, out, "instructor with service number",
                         err);
}

int records_instructor_list(rdb *db, records_instructor **out, int *n, saqr_err *err)
{
    void *a;
    int st = rsql_query_list(db, "SELECT id, service_number, name FROM instructors ORDER BY service_number", 0, NULL,
                             sizeof **out, fill_instructor, &a, n, err);
    *out = a;
    return st;
}

/* The stored hash is opaque here: src/station/auth.h makes and checks it. */
int records_instructor_set_password_hash(rdb *db, const char *service_number, const char *hash, saqr_err *err)
{
    records_instructor who;
    int st = records_instructor_find(db, service_number, &who, err);
    if (st)
        return st;
    if (!hash || !*hash || strlen(hash) >= RECORDS_HASH_MAX)
        return err_set(err, SAQR_EINVAL, "password hash: empty or longer than %d bytes", RECORDS_HASH_MAX - 1);
    const char *p[] = {hash, service_number};
    return rdb_exec(db, "UPDATE instructors SET password_hash = ? WHERE service_number = ?", 2, p, NULL, err);
}

int records_instructor_password_hash(rdb *db, const char *service_number, records_instructor *out, char *hash,
                                     size_t size, saqr_err *err)
{
    int st = records_instructor_find(db, service_number, out, err);
    if (st)
        return st;
    const char *p[] = {service_number};
    rdb_rows *r;
    int found;
    if ((st = rsql_query_one(db, "SELECT password_hash FROM instructors WHERE service_number = ?", 1, p, &r, &found,
                             err)))
        return st;
    const char *h = found ? rdb_value(r, 0, 0) : NULL;
    rsql_copy(hash, size, h ? h : "");
    rdb_rows_free(r);
    return SAQR_OK;
}

/* =============================================================== aircraft */

#define AIRFRAME_QUERY                                                                                          \
    "SELECT a.id, a.tail_number, t.name FROM airframes a JOIN aircraft_types t ON t.id = a.type_id"
#define AIRFRAME_FIND AIRFRAME_QUERY " WHERE a.tail_number = ?"

static void fill_airframe(const rdb_rows *r, int i, void *out)
{
    records_airframe *a = out;
    a->id = rsql_id_value(rdb_value(r, i, 0));
    rsql_copy(a->tail_number, sizeof a->tail_number, rdb_value(r, i, 1));
    rsql_copy(a->aircraft_type, sizeof a->aircraft_type, rdb_value(r, i, 2));
}

/* The id of aircraft type `name`, added when missing. */
static int type_id(rdb *db, const char *name, long long *id, saqr_err *err)
{
    const char *p[] = {name};
    int st = rsql_query_id(db, "SELECT id FROM aircraft_types WHERE name = ?", 1, p, id, err);
    if (st || *id)
        return st;
    return insert(db, "INSERT INTO aircraft_types (name) VALUES (?) RETURNING id", 1, p, id, NULL, err);
}

int records_airframe_add(rdb *db, const char *tail_number, const char *aircraft_type, records_airframe *out,
                         saqr_err *err)
{
    if (!tail_ok(tail_number))
        return err_set(err, SAQR_EINVAL, "a tail number is 1 to %d letters, digits and dashes, not \"%s\"",
                       RECORDS_TAIL_MAX - 1, tail_number ? tail_number : "");
    if (!records_course_name_ok(aircraft_type))
        return err_set(err, SAQR_EINVAL, "\"%s\" is not an aircraft type (super-mushak, jf17)",
                       aircraft_type ? aircraft_type : "");
    /* a type is a course of the syllabus (a lessons folder); a typo would
     * otherwise become a new aircraft type no lesson flies */
    int st = check_course(db, aircraft_type, err);
    if (st)
        return st;
    st = rdb_begin(db, err);
    if (st)
        return st;
    char what[64], tbuf[32];
    snprintf(what, sizeof what, "an airframe with tail number %s", tail_number);
    long long tid = 0, id = 0;
    if ((st = type_id(db, aircraft_type, &tid, err)) == SAQR_OK) {
        const char *p[] = {rsql_id_text(tbuf, tid), tail_number};
        st = insert_new(db, "SELECT id FROM airframes WHERE upper(tail_number) = upper(?)", tail_number,
                        "INSERT INTO airframes (type_id, tail_number) VALUES (?, ?) RETURNING id", 2, p, what, &id,
                        err);
    }
    if (st == SAQR_OK && out)
        st = rsql_find_one(db, AIRFRAME_FIND, tail_number, fill_airframe, out, what, err);
    return rsql_finish(db, st, err);
}

int records_airframe_find(rdb *db, const char *tail_number, records_airframe *out, saqr_err *err)
{
    memset(out, 0, sizeof *out);
    return rsql_find_one(db, AIRFRAME_FIND, tail_number, fill_airframe, out, "airframe with tail number", err);
}

int records_airframe_list(rdb *db, records_airframe **out, int *n, saqr_err *err)
{
    void *a;
    int st =
        rsql_query_list(db, AIRFRAME_QUERY " ORDER BY a.tail_number", 0, NULL, sizeof **out, fill_airframe, &a, n, err);
    *out = a;
    return st;
}

/* =============================================================== syllabus */

/* A growing list of names. */
typedef struct names {
    char **v;               /* owned strings                                */
    int n, cap;
} names;

static int names_add(names *s, const char *name, size_t len)
{
    if (s->n == s->cap) {
        int cap = s->cap ? 2 * s->cap : 16;
        char **v = realloc(s->v, (size_t)cap * sizeof *v);
        if (!v)
            return -1;
        s->v = v;
        s->cap = cap;
    }
    char *c = malloc(len + 1);
    if (!c)
        return -1;
    memcpy(c, name, len);
    c[len] = '\0';
    s->v[s->n++] = c;
    return 0;
}

static void names_free(names *s)
{
    for (int i = 0; i < s->n; i++)
        free(s->v[i]);
    free(s->v);
    memset(s, 0, sizeof *s);
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The entries of folder `dir` that are folders (want_dirs) or NAME.xml
 * files (the names without .xml), sorted. */
static int list_dir(const char *dir, int want_dirs, names *out, saqr_err *err)
{
    memset(out, 0, sizeof *out);
    DIR *d = opendir(dir);
    if (!d)
        return err_set(err, SAQR_EIO, "%s: cannot open the folder: %s", dir, strerror(errno));
    struct dirent *e;
    int st = SAQR_OK;
    while (st == SAQR_OK && (e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        size_t len = strlen(e->d_name);
        char path[2048];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        struct stat sb;
        if (stat(path, &sb) != 0)
            continue;
        int is_xml = S_ISREG(sb.st_mode) && len > 4 && strcmp(e->d_name + len - 4, ".xml") == 0;
        if (want_dirs ? !S_ISDIR(sb.st_mode) : !is_xml)
            continue;
        if (names_add(out, e->d_name, want_dirs ? len : len - 4))
            st = err_set(err, SAQR_ENOMEM, "out of memory");
    }
    closedir(d);
    if (st)
        names_free(out);
    else if (out->n > 1)
        qsort(out->v, (size_t)out->n, sizeof out->v[0], cmp_name);
    return st;
}

/* Orders `files` (n lesson names of a course) by the course's
 * syllabus.txt: order[k] = index into files of the k-th lesson. */
static int syllabus_order(const char *course_dir, const names *files, int *order, saqr_err *err)
{
    int n = files->n, k = 0;
    char *taken = calloc((size_t)n + 1, 1);
    if (!taken)
        return err_set(err, SAQR_ENOMEM, "out of memory");
    char path[2048];
    snprintf(path, sizeof path, "%s/syllabus.txt", course_dir);
    FILE *f = fopen(path, "r");
    int st = SAQR_OK;
    if (f) {
        char line[512];
        for (int lineno = 1; st == SAQR_OK && fgets(line, sizeof line, f); lineno++) {
            size_t len = strlen(line);
            if (len == sizeof line - 1 && line[len - 1] != '\n') {
                st = err_set(err, SAQR_EPARSE, "%s:%d: line too long", path, lineno);
                break;
            }
            char *s = line;
            while (isspace((unsigned char)*s))
                s++;
            while (len > 0 && isspace((unsigned char)line[len - 1]))
                line[--len] = '\0';
            if (!*s || *s == '#')
                continue;
            int found = -1;
            for (int i = 0; i < n && found < 0; i++)
                if (strcmp(files->v[i], s) == 0)
                    found = i;
            if (found < 0)
                st = err_set(err, SAQR_EPARSE, "%s:%d: no lesson file %s.xml in %s", path, lineno, s, course_dir);
            else if (taken[found])
                st = err_set(err, SAQR_EPARSE, "%s:%d: %s is listed twice", path, lineno, s);
            else {
                taken[found] = 1;
                order[k++] = found;
            }
        }
        if (st == SAQR_OK && ferror(f))
            st = err_set(err, SAQR_EIO, "%s: cannot read: %s", path, strerror(errno));
        fclose(f);
    } else if (errno != ENOENT) {
        st = err_set(err, SAQR_EIO, "%s: cannot open: %s", path, strerror(errno));
    }
    for (int i = 0; i < n && st == SAQR_OK; i++)
        if (!taken[i])
            order[k++] = i;
    free(taken);
    return st;
}

/* Appends course `course`'s lessons to *out (cap grows). */
static int read_course(const char *lessons_dir, const char *course, records_lesson **out, int *n, int *cap,
                       saqr_err *err)
{
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/%s", lessons_dir, course);
    if (!records_course_name_ok(course))
        return err_set(err, SAQR_EINVAL, "%s: a course folder is named with lower-case letters, digits and dashes",
                       dir);
    names files;
    int st = list_dir(dir, 0, &files, err);
    if (st)
        return st;
    int *order = calloc((size_t)files.n + 1, sizeof *order);
    if (!order) {
        names_free(&files);
        return err_set(err, SAQR_ENOMEM, "out of memory");
    }
    st = syllabus_order(dir, &files, order, err);
    if (st == SAQR_OK && *n + files.n > *cap) {
        int c = *cap + files.n + 16;
        records_lesson *a = realloc(*out, (size_t)c * sizeof *a);
        if (!a)
            st = err_set(err, SAQR_ENOMEM, "out of memory");
        else {
            *out = a;
            *cap = c;
        }
    }
    for (int k = 0; k < files.n && st == SAQR_OK; k++) {
        const char *name = files.v[order[k]];
        char id[RECORDS_LESSON_MAX + 8], path[2048];
        snprintf(id, sizeof id, "%s/%s", course, name);
        snprintf(path, sizeof path, "%s/%s.xml", dir, name);
        if (strlen(id) >= RECORDS_LESSON_MAX) {
            st = err_set(err, SAQR_EINVAL, "%s: the lesson id %s is longer than %d characters", path, id,
                         RECORDS_LESSON_MAX - 1);
            break;
        }
        lesson l;
        st = lesson_load(path, id, &l, err);
        if (st == SAQR_OK) {
            records_lesson *r = &(*out)[(*n)++];
            memset(r, 0, sizeof *r);
            rsql_copy(r->lesson_id, sizeof r->lesson_id, id);
            rsql_copy(r->course, sizeof r->course, course);
            r->seq = k + 1;
            rsql_copy(r->title, sizeof r->title, l.title);
        }
        lesson_free(&l);
    }
    free(order);
    names_free(&files);
    return st;
}

int records_syllabus_read(const char *lessons_dir, records_lesson **out, int *n, saqr_err *err)
{
    *out = NULL;
    *n = 0;
    names courses;
    int st = list_dir(lessons_dir, 1, &courses, err);
    if (st)
        return st;
    int cap = 0;
    for (int i = 0; i < courses.n && st == SAQR_OK; i++)
        st = read_course(lessons_dir, courses.v[i], out, n, &cap, err);
    names_free(&courses);
    if (st) {
        free(*out);
        *out = NULL;
        *n = 0;
    }
    return st;
}

static void fill_lesson(const rdb_rows *r, int i, void *out)
{
    records_lesson *l = out;
    rsql_copy(l->lesson_id, sizeof l->lesson_id, rdb_value(r, i, 0));
    rsql_copy(l->course, sizeof l->course, rdb_value(r, i, 1));
    l->seq = (int)rsql_id_value(rdb_value(r, i, 2));
    rsql_copy(l->title, sizeof l->title, rdb_value(r, i, 3));
}

int records_syllabus(rdb *db, const char *course, records_lesson **out, int *n, saqr_err *err)
{
    const char *p[] = {course};
    const char *one = "SELECT lesson_id, course, seq, title FROM lessons WHERE course = ? ORDER BY seq, lesson_id";
    const char *all = "SELECT lesson_id, course, seq, title FROM lessons ORDER BY course, seq, lesson_id";
    void *a;
    int st = rsql_query_list(db, course ? one : all, course ? 1 : 0, p, sizeof **out, fill_lesson, &a, n, err);
    *out = a;
    return st;
}

/* Writes the rows of `want` that differ from `have`, and deletes the
 * rows of have's courses that want lacks. */
static int sync_rows(rdb *db, const records_lesson *want, int nwant, const records_lesson *have, int nhave,
                     int *changed, saqr_err *err)
{
    int st = SAQR_OK;
    for (int i = 0; i < nwant && st == SAQR_OK; i++) {
        const records_lesson *w = &want[i], *h = NULL;
        for (int k = 0; k < nhave && !h; k++)
            if (strcmp(have[k].lesson_id, w->lesson_id) == 0)
                h = &have[k];
        if (h && h->seq == w->seq && strcmp(h->title, w->title) == 0 && strcmp(h->course, w->course) == 0)
            continue;
        char seq[32];
        const char *p[] = {w->course, rsql_id_text(seq, w->seq), w->title, w->lesson_id};
        st = rdb_exec(db,
                      h ? "UPDATE lessons SET course = ?, seq = ?, title = ? WHERE lesson_id = ?"
                        : "INSERT INTO lessons (course, seq, title, lesson_id) VALUES (?, ?, ?, ?)",
                      4, p, NULL, err);
        ++*changed;
    }
    for (int k = 0; k < nhave && st == SAQR_OK; k++) {
        int course_synced = 0, present = 0;
        for (int i = 0; i < nwant; i++) {
            course_synced |= strcmp(want[i].course, have[k].course) == 0;
            present |= strcmp(want[i].lesson_id, have[k].lesson_id) == 0;
        }
        if (course_synced && !present) {
            const char *p[] = {have[k].lesson_id};
            st = rdb_exec(db, "DELETE FROM lessons WHERE lesson_id = ?", 1, p, NULL, err);
            ++*changed;
        }
    }
    /* every course is an aircraft type */
    for (int i = 0; i < nwant && st == SAQR_OK; i++) {
        if (i > 0 && strcmp(want[i].course, want[i - 1].course) == 0)
            continue;
        long long tid;
        const char *p[] = {want[i].course};
        st = rsql_query_id(db, "SELECT id FROM aircraft_types WHERE name = ?", 1, p, &tid, err);
        if (st == SAQR_OK && !tid) {
            st = type_id(db, want[i].course, &tid, err);
            ++*changed;
        }
    }
    return st;
}

int records_syllabus_sync(rdb *db, const char *lessons_dir, int *changed, saqr_err *err)
{
    int nchanged = 0;
    if (changed)
        *changed = 0;
    records_lesson *want, *have = NULL;
    int nwant, nhave = 0;
    int st = records_syllabus_read(lessons_dir, &want, &nwant, err);
    if (st)
        return st;
    if ((st = rdb_begin(db, err))) {
        free(want);
        return st;
    }
    st = records_syllabus(db, NULL, &have, &nhave, err);
    if (st == SAQR_OK)
        st = sync_rows(db, want, nwant, have, nhave, &nchanged, err);
    st = rsql_finish(db, st, err);
    free(want);
    free(have);
    if (st == SAQR_OK && changed)
        *changed = nchanged;
    return st;
}

/* ================================================================ sorties */

int records_result_parse(const char *s)
{
    for (int r = SORTIE_PASS; r <= SORTIE_INCOMPLETE && s; r++)
        if (strcmp(s, sheet_result_name((sortie_result)r)) == 0)
            return r;
    return -1;
}

int records_mark_parse(const char *s)
{
    for (int m = MARK_NOT_OBSERVED; m <= MARK_EXCELLENT && s; m++)
        if (strcmp(s, sheet_mark_name((grade_mark)m)) == 0)
            return m;
    return -1;
}

/* Checks everything records_sortie_store is given before it writes. */
static int sortie_check(const records_sortie_in *in, saqr_err *err)
{
    const grade_sheet *s = in ? in->sheet : NULL;
    if (!s)
        return err_set(err, SAQR_EINVAL, "no grade sheet to store");
    if (!rsql_text_ok(s->lesson, RECORDS_LESSON_MAX) || !strchr(s->lesson, '/'))
        return err_set(err, SAQR_EINVAL, "the sheet's lesson \"%s\" is not a lesson id", s->lesson);
    if (!records_course_name_ok(s->aircraft))
        return err_set(err, SAQR_EINVAL, "the sheet's aircraft \"%s\" is not an aircraft type", s->aircraft);
    if (!rsql_text_ok(s->pilot, sizeof s->pilot))
        return err_set(err, SAQR_EINVAL, "the sheet names no pilot");
    if (s->result < SORTIE_PASS || s->result > SORTIE_INCOMPLETE)
        return err_set(err, SAQR_EINVAL, "the sheet's result %d is not Pass, Marginal, Unsat or Incomplete",
                       (int)s->result);
    if (!rsql_long_text_ok(s->summary, sizeof s->summary))
        return err_set(err, SAQR_EINVAL, "the sheet's summary holds control characters");
    if (s->nelements < 0 || (s->nelements > 0 && !s->elements))
        return err_set(err, SAQR_EINVAL, "the sheet's elements are missing");
    for (int i = 0; i < s->nelements; i++) {
        const sheet_element *e = &s->elements[i];
        if (e->mark < MARK_NOT_OBSERVED || e->mark > MARK_EXCELLENT || e->ndeductions < 0 ||
            e->ndeductions > SHEET_MAX_DEDUCTIONS)
            return err_set(err, SAQR_EINVAL, "element %d (%s) of the sheet has a bad mark or deduction count", i,
                           e->name);
    }
    if (!records_time_valid(in->started_at))
        return err_set(err, SAQR_EINVAL, "\"%s\" is not an ISO 8601 UTC time (2026-11-29T05:30:00Z)",
                       in->started_at ? in->started_at : "");
    if (!isfinite(in->duration_s) || in->duration_s < 0.0)
        return err_set(err, SAQR_EINVAL, "the duration %g s is not a time", in->duration_s);
    if (in->recording && (in->recording[0] != '/' || !rsql_text_ok(in->recording, 512)))
        return err_set(err, SAQR_EINVAL, "the recording \"%s\" is not an absolute path", in->recording);
    if (in->comment && !rsql_comment_ok(in->comment))
        return err_set(err, SAQR_EINVAL, "a comment is at most 255 bytes of UTF-8 text (no control characters "
                                         "but new lines)");
    return SAQR_OK;
}

/* The ids the sortie row refers to; each 0 when not given. */
typedef struct sortie_refs {
    long long trainee, instructor;
} sortie_refs;

static int sortie_refs_find(rdb *db, const records_sortie_in *in, sortie_refs *r, saqr_err *err)
{
    memset(r, 0, sizeof *r);
    int st = SAQR_OK;
    if (in->trainee) {
        const char *p[] = {in->trainee};
        if ((st = rsql_query_id(db, "SELECT id FROM trainees WHERE service_number = ?", 1, p, &r->trainee, err)))
            return st;
        if (!r->trainee)
            return err_set(err, SAQR_ENOTFOUND, "no trainee with service number %s", in->trainee);
    }
    if (in->instructor) {
        const char *p[] = {in->instructor};
        if ((st = rsql_query_id(db, "SELECT id FROM instructors WHERE service_number = ?", 1, p, &r->instructor, err)))
            return st;
        if (!r->instructor)
            return err_set(err, SAQR_ENOTFOUND, "no instructor with service number %s", in->instructor);
    }
    long long tid;
    if ((st = type_id(db, in->sheet->aircraft, &tid, err)))
        return st;
    if (in->tail_number) {
        records_airframe a;
        if ((st = records_airframe_find(db, in->tail_number, &a, err)))
            return st;
        if (strcmp(a.aircraft_type, in->sheet->aircraft) != 0)
            return err_set(err, SAQR_EINVAL, "airframe %s is a %s, not a %s", a.tail_number, a.aircraft_type,
                           in->sheet->aircraft);
    }
    return SAQR_OK;
}

static int element_store(rdb *db, const char *sortie_id, int seq, const sheet_element *e, saqr_err *err)
{
    char deductions[RECORDS_DEDUCTIONS_MAX] = "";
    size_t len = 0;
    for (int k = 0; k < e->ndeductions && len < sizeof deductions; k++)
        len += (size_t)snprintf(deductions + len, sizeof deductions - len, "%s%s", k ? "\n" : "",
                                e->deductions[k].text);
    char b[6][32];
    const char *p[] = {sortie_id,
                       rsql_id_text(b[0], seq),
                       e->exercise,
                       e->name,
                       e->title,
                       sheet_mark_name(e->mark),
                       rsql_num_text(b[1], e->ratio),
                       rsql_num_text(b[2], e->worst),
                       rsql_num_text(b[3], e->worst_t_s),
                       rsql_num_text(b[4], e->lo),
                       rsql_num_text(b[5], e->hi),
                       e->unit,
                       e->source,
                       e->ndeductions ? deductions : NULL,
                       e->by_instructor ? "1" : "0",
                       e->by_instructor && e->marked_by[0] ? e->marked_by : NULL};
    return rdb_exec(db,
                    "INSERT INTO sortie_elements (sortie_id, seq, exercise, element, title, mark, ratio, worst, "
                    "worst_t_s, lo, hi, unit, source, deductions, by_instructor, marked_by) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    16, p, NULL, err);
}

int records_sortie_store(rdb *db, const records_sortie_in *in, long long *id, saqr_err *err)
{
    if (id)
        *id = 0;
    int st = sortie_check(in, err);
    if (st || (st = rdb_begin(db, err)))
        return st;
    const grade_sheet *s = in->sheet;
    sortie_refs refs;
    long long sid = 0;
    if ((st = sortie_refs_find(db, in, &refs, err)) == SAQR_OK) {
        char b[4][32];
        const char *p[] = {refs.trainee ? rsql_id_text(b[0], refs.trainee) : NULL,
                           refs.instructor ? rsql_id_text(b[1], refs.instructor) : NULL,
                           s->lesson,
                           s->aircraft,
                           in->tail_number,
                           s->pilot,
                           in->started_at,
                           rsql_num_text(b[2], in->duration_s),
                           in->recording,
                           sheet_result_name(s->result),
                           s->summary,
                           in->comment,
                           rsql_id_text(b[3], s->nelements),
                           sheet_result_name(s->flown_set ? s->flown_result : s->result),
                           s->flown_set ? s->flown_summary : s->summary};
        /* flown_*: the flying's own grading, which the instructor's marks
         * of the items add to (records_sortie_mark) */
        st = insert(db,
                    "INSERT INTO sorties (trainee_id, instructor_id, lesson_id, aircraft_type, tail_number, pilot, "
                    "started_at, duration_s, recording, result, summary, comment, element_count, flown_result, "
                    "flown_summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                    15, p, &sid, NULL, err);
    }
    char sbuf[32];
    rsql_id_text(sbuf, sid);
    for (int i = 0; i < s->nelements && st == SAQR_OK; i++)
        st = element_store(db, sbuf, i, &s->elements[i], err);
    if (st == SAQR_OK && in->recording) /* the records' own copy (schema 3) */
        st = records_recording_keep(db, sbuf, in->recording, err);
    if ((st = rsql_finish(db, st, err)))
        return st;
    if (id)
        *id = sid;
    return SAQR_OK;
}

#define SORTIE_QUERY                                                                                           \
    "SELECT s.id, t.service_number, i.service_number, s.lesson_id, s.aircraft_type, s.tail_number, s.pilot, "  \
    "s.started_at, s.duration_s, s.recording, s.result, s.summary, s.comment, s.element_count, s.auto_result, "  \
    "s.regrade_reason, s.regraded_by, (SELECT COUNT(*) FROM sortie_elements e WHERE e.sortie_id = s.id AND "  \
    "e.by_instructor = 1 AND e.mark = 'Not observed') FROM sorties s "                                          \
    "LEFT JOIN trainees t ON t.id = s.trainee_id LEFT JOIN instructors i ON i.id = s.instructor_id"

static void fill_sortie(const rdb_rows *r, int i, void *out)
{
    records_sortie *s = out;
    s->id = rsql_id_value(rdb_value(r, i, 0));
    rsql_copy(s->trainee, sizeof s->trainee, rdb_value(r, i, 1));
    rsql_copy(s->instructor, sizeof s->instructor, rdb_value(r, i, 2));
    rsql_copy(s->lesson_id, sizeof s->lesson_id, rdb_value(r, i, 3));
    rsql_copy(s->aircraft_type, sizeof s->aircraft_type, rdb_value(r, i, 4));
    rsql_copy(s->tail_number, sizeof s->tail_number, rdb_value(r, i, 5));
    rsql_copy(s->pilot, sizeof s->pilot, rdb_value(r, i, 6));
    rsql_copy(s->started_at, sizeof s->started_at, rdb_value(r, i, 7));
    s->duration_s = rsql_num_value(rdb_value(r, i, 8));
    rsql_copy(s->recording, sizeof s->recording, rdb_value(r, i, 9));
    int res = records_result_parse(rdb_value(r, i, 10));
    s->result = res < 0 ? SORTIE_UNSAT : (sortie_result)res;
    rsql_copy(s->summary, sizeof s->summary, rdb_value(r, i, 11));
    rsql_copy(s->comment, sizeof s->comment, rdb_value(r, i, 12));
    s->element_count = (int)rsql_id_value(rdb_value(r, i, 13));
    int automatic = records_result_parse(rdb_value(r, i, 14));
    s->regraded = automatic >= 0;
    s->auto_result = automatic >= 0 ? (sortie_result)automatic : s->result;
    rsql_copy(s->regrade_reason, sizeof s->regrade_reason, rdb_value(r, i, 15));
    rsql_copy(s->regraded_by, sizeof s->regraded_by, rdb_value(r, i, 16));
    s->items_to_mark = (int)rsql_id_value(rdb_value(r, i, 17));
}

int records_sortie_list(rdb *db, const char *service_number, records_sortie **out, int *n, saqr_err *err)
{
    *out = NULL;
    *n = 0;
    records_trainee t;
    int st = service_number ? records_trainee_find(db, service_number, &t, err) : SAQR_OK;
    if (st)
        return st;
    char b[32];
    const char *p[] = {service_number ? rsql_id_text(b, t.id) : NULL};
    void *a;
    st = rsql_query_list(db,
                         service_number ? SORTIE_QUERY " WHERE s.trainee_id = ? ORDER BY s.started_at, s.id"
                                        : SORTIE_QUERY " ORDER BY s.started_at, s.id",
                         service_number ? 1 : 0, p, sizeof **out, fill_sortie, &a, n, err);
    *out = a;
    return st;
}

int records_sortie_with_recording(rdb *db, const char *recording, long long *id, saqr_err *err)
{
    const char *p[] = {recording};
    return rsql_query_id(db, "SELECT id FROM sorties WHERE recording = ? ORDER BY id LIMIT 1", 1, p, id, err);
}

int records_sortie_same_flight(rdb *db, const char *service_number, const char *lesson_id, const char *started_at,
                               double duration_s, long long *id, saqr_err *err)
{
    char b[32];
    const char *p[] = {service_number, lesson_id, started_at, rsql_num_text(b, duration_s)};
    *id = 0;
    if (!p[3])
        return SAQR_OK;
    return rsql_query_id(
        db,
        "SELECT s.id FROM sorties s JOIN trainees t ON t.id = s.trainee_id WHERE t.service_number = ? "
        "AND s.lesson_id = ? AND s.started_at = ? AND ABS(s.duration_s - ?) < 0.001 ORDER BY s.id LIMIT 1",
        4, p, id, err);
}

int records_sortie_get(rdb *db, long long id, records_sortie *out, saqr_err *err)
{
    memset(out, 0, sizeof *out);
    char b[32];
    return rsql_find_one(db, SORTIE_QUERY " WHERE s.id = ?", rsql_id_text(b, id), fill_sortie, out, "sortie", err);
}

static void fill_element(const rdb_rows *r, int i, void *out)
{
    records_element *e = out;
    e->seq = (int)rsql_id_value(rdb_value(r, i, 0));
    rsql_copy(e->exercise, sizeof e->exercise, rdb_value(r, i, 1));
    rsql_copy(e->element, sizeof e->element, rdb_value(r, i, 2));
    rsql_copy(e->title, sizeof e->title, rdb_value(r, i, 3));
    int m = records_mark_parse(rdb_value(r, i, 4));
    e->mark = m < 0 ? MARK_NOT_OBSERVED : (grade_mark)m;
    e->ratio = rsql_num_value(rdb_value(r, i, 5));
    e->worst = rsql_num_value(rdb_value(r, i, 6));
    e->worst_t_s = rsql_num_value(rdb_value(r, i, 7));
    e->lo = rdb_value(r, i, 8) ? rsql_num_value(rdb_value(r, i, 8)) : -HUGE_VAL;
    e->hi = rdb_value(r, i, 9) ? rsql_num_value(rdb_value(r, i, 9)) : HUGE_VAL;
    rsql_copy(e->unit, sizeof e->unit, rdb_value(r, i, 10));
    rsql_copy(e->source, sizeof e->source, rdb_value(r, i, 11));
    rsql_copy(e->deductions, sizeof e->deductions, rdb_value(r, i, 12));
    rsql_copy(e->comment, sizeof e->comment, rdb_value(r, i, 13));
    e->by_instructor = rdb_value(r, i, 14) && strcmp(rdb_value(r, i, 14), "1") == 0;
    rsql_copy(e->marked_by, sizeof e->marked_by, rdb_value(r, i, 15));
}

int records_sortie_elements(rdb *db, long long id, records_element **out, int *n, saqr_err *err)
{
    char b[32];
    const char *p[] = {rsql_id_text(b, id)};
    void *a;
    int st =
        rsql_query_list(db,
                        "SELECT seq, exercise, element, title, mark, ratio, worst, worst_t_s, lo, hi, unit, source, "
                        "deductions, comment, by_instructor, marked_by FROM sortie_elements WHERE sortie_id = ? "
                        "ORDER BY seq",
                        1, p, sizeof **out, fill_element, &a, n, err);
    *out = a;
    return st;
}
