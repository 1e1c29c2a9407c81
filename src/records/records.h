/*
 * records.h - the training records: trainees, instructors, aircraft types
 * and airframes, the syllabus (synced from the lesson files), sorties with
 * their graded elements, and each trainee's progress.  Stored through
 * db.h, so the same on SQLite and PostgreSQL; the tables are those of
 * docs/records.md.
 *
 * A sortie is stored whole or not at all: records_sortie_store writes the
 * sortie row and every element row in one transaction, so a crash (even
 * kill -9) at any moment leaves either the complete sortie or nothing.
 * The headless `saqr fly` and the real-time station both store through it.
 *
 * The library reads no clock: times (ISO 8601 UTC, "2026-11-29T05:30:00Z")
 * are given by the caller.
 *
 * Errors: SAQR_EINVAL for bad values (with the value named) and for a
 * duplicate ("already exists"), SAQR_ENOTFOUND for an unknown trainee,
 * instructor, airframe or sortie, SAQR_EPARSE for a bad syllabus file
 * (file:line), SAQR_EIO from the database, SAQR_ENOMEM.  A failed call
 * writes nothing.
 *
 * Who frees what: lists returned through `T **out, int *n` are one
 * malloc'd array freed with free(); records_progress_free frees a
 * progress.
 */
#ifndef SAQR_RECORDS_RECORDS_H
#define SAQR_RECORDS_RECORDS_H

#include "records/db.h"
#include "train/sheet.h"

#define RECORDS_TIME_LEN 21      /* "2026-11-29T05:30:00Z" and the NUL      */
#define RECORDS_NUMBER_MAX 32    /* service numbers, with the NUL           */
#define RECORDS_NAME_MAX 96      /* people's names, with the NUL            */
#define RECORDS_COURSE_MAX 32    /* course = aircraft type = lessons folder */
#define RECORDS_TAIL_MAX 16      /* tail numbers, with the NUL              */
#define RECORDS_LESSON_MAX 64    /* lesson ids "course/name", with the NUL  */
#define RECORDS_DEDUCTIONS_MAX (SHEET_MAX_DEDUCTIONS * 201)

/* ------------------------------------------------------------------ people */

typedef struct records_trainee {
    long long id;                        /* database id                     */
    char service_number[RECORDS_NUMBER_MAX]; /* unique                      */
    char name[RECORDS_NAME_MAX];
    char course[RECORDS_COURSE_MAX];     /* syllabus: "super-mushak", "jf17"*/
    char created_at[RECORDS_TIME_LEN];   /* ISO 8601 UTC                    */
} records_trainee;

typedef struct records_instructor {
    long long id;                        /* database id                     */
    char service_number[RECORDS_NUMBER_MAX]; /* unique                      */
    char name[RECORDS_NAME_MAX];
} records_instructor;

/* 1 when `s` is an ISO 8601 UTC time "YYYY-MM-DDTHH:MM:SSZ" with fields in
 * range, else 0. */
int records_time_valid(const char *s);

/* 1 when s names a course (an aircraft type, a lessons folder): 1 to
 * RECORDS_COURSE_MAX - 1 lower-case letters, digits and dashes, not
 * starting with a dash. */
int records_course_name_ok(const char *s);

/* Adds a trainee of course `course` (which must be in the synced
 * syllabus), created at `now_utc`.  A service number already present is
 * SAQR_EINVAL "... already exists" and nothing is written.  Fills *out
 * (may be NULL). */
int records_trainee_add(rdb *db, const char *service_number, const char *name, const char *course,
                        const char *now_utc, records_trainee *out, saqr_err *err);
/* SAQR_ENOTFOUND "no trainee with service number X" when absent. */
int records_trainee_find(rdb *db, const char *service_number, records_trainee *out, saqr_err *err);
/* Every trainee, by service number. */
int records_trainee_list(rdb *db, records_trainee **out, int *n, saqr_err *err);

int records_instructor_add(rdb *db, const char *service_number, const char *name, records_instructor *out,
                           saqr_err *err);
int records_instructor_find(rdb *db, const char *service_number, records_instructor *out, saqr_err *err);
int records_instructor_list(rdb *db, records_instructor **out, int *n, saqr_err *err);

/* An instructor's login password, stored only as the hash string
 * src/station/auth.h makes (schema version 2).  set: SAQR_ENOTFOUND for
 * an unknown instructor, SAQR_EINVAL for an empty or over-long hash.
 * get: fills *out and `hash` ("" when no password was ever set). */
#define RECORDS_HASH_MAX 256
int records_instructor_set_password_hash(rdb *db, const char *service_number, const char *hash, saqr_err *err);
int records_instructor_password_hash(rdb *db, const char *service_number, records_instructor *out, char *hash,
                                     size_t size, saqr_err *err);

/* --------------------------------------------------------------- aircraft */

typedef struct records_airframe {
    long long id;                        /* database id                     */
    char tail_number[RECORDS_TAIL_MAX];  /* unique                          */
    char aircraft_type[RECORDS_COURSE_MAX]; /* "super-mushak", "jf17"       */
} records_airframe;

/* Registers an airframe (and its aircraft type when new).  A tail number
 * already present is SAQR_EINVAL "... already exists". */
int records_airframe_add(rdb *db, const char *tail_number, const char *aircraft_type, records_airframe *out,
                         saqr_err *err);
int records_airframe_find(rdb *db, const char *tail_number, records_airframe *out, saqr_err *err);
int records_airframe_list(rdb *db, records_airframe **out, int *n, saqr_err *err);

/* --------------------------------------------------------------- syllabus */

typedef struct records_lesson {
    char lesson_id[RECORDS_LESSON_MAX];  /* "super-mushak/steep-turns"      */
    char course[RECORDS_COURSE_MAX];     /* its folder                      */
    int seq;                             /* 1.. : order within the course   */
    char title[96];
} records_lesson;

/* Reads the lesson files lessons_dir/COURSE/NAME.xml (every one is loaded,
 * so a broken lesson is an error naming its file:line) and orders each
 * course by lessons_dir/COURSE/syllabus.txt when present (one lesson name
 * a line; blank lines and lines starting with # ignored; a name without a
 * lesson file or listed twice is SAQR_EPARSE with file:line; lessons it
 * does not list follow, alphabetically), else alphabetically.  Fills
 * *out (free()) with every course's lessons, courses alphabetically. */
int records_syllabus_read(const char *lessons_dir, records_lesson **out, int *n, saqr_err *err);

/* Makes the `lessons` table (and the aircraft types) match the lesson
 * files, in one transaction: rows added, retitled or reordered, and rows
 * of a course present in the folder whose lesson file is gone removed.
 * Writes nothing when the table already matches.  *changed (may be NULL)
 * receives the number of rows written. */
int records_syllabus_sync(rdb *db, const char *lessons_dir, int *changed, saqr_err *err);

/* The stored syllabus of `course` (every course when NULL) in order. */
int records_syllabus(rdb *db, const char *course, records_lesson **out, int *n, saqr_err *err);

/* ---------------------------------------------------------------- sorties */

/* What records_sortie_store writes besides the grade sheet. */
typedef struct records_sortie_in {
    const grade_sheet *sheet;  /* lesson, aircraft type, pilot, result,
                                  summary and every element               */
    const char *trainee;       /* service number, or NULL                 */
    const char *instructor;    /* service number, or NULL                 */
    const char *tail_number;   /* a registered airframe of the sheet's
                                  aircraft type, or NULL                  */
    const char *started_at;    /* ISO 8601 UTC, the caller's clock        */
    double duration_s;         /* simulated time flown, >= 0, finite      */
    const char *recording;     /* absolute path of the recording, or NULL */
    const char *comment;       /* instructor's comment, or NULL           */
} records_sortie_in;

/* Stores the sortie and every element of its sheet in one transaction
 * (rolled back on any failure: nothing is written).  An unknown trainee,
 * instructor or tail number is SAQR_ENOTFOUND, a tail of another aircraft
 * type SAQR_EINVAL.  *id (may be NULL) receives the sortie's id. */
int records_sortie_store(rdb *db, const records_sortie_in *in, long long *id, saqr_err *err);

/* The records' copy of stored sortie `sortie_id`'s recording (kept with it
 * by records_sortie_store since schema version 3, when its file could be
 * read): *bytes (free() it) and *len, the file's bytes exactly.
 * SAQR_ENOTFOUND when the records keep none (a sortie stored before, or
 * flown without a recording), SAQR_EPARSE when their copy is damaged. */
int records_sortie_recording(rdb *db, long long sortie_id, unsigned char **bytes, size_t *len, saqr_err *err);

/* A stored sortie. */
typedef struct records_sortie {
    long long id;                        /* database id                     */
    char trainee[RECORDS_NUMBER_MAX];    /* service number, "" for none     */
    char instructor[RECORDS_NUMBER_MAX]; /* service number, "" for none     */
    char lesson_id[RECORDS_LESSON_MAX];
    char aircraft_type[RECORDS_COURSE_MAX];
    char tail_number[RECORDS_TAIL_MAX];  /* "" for none                     */
    char pilot[32];
    char started_at[RECORDS_TIME_LEN];
    double duration_s;
    char recording[512];                 /* "" for none                     */
    sortie_result result;
    char summary[256];
    char comment[256];                   /* "" for none                     */
    int element_count;                   /* elements written with it        */
    /* the instructor's grade (records_sortie_regrade): `result` is then the
     * instructor's and auto_result the automatic grading's */
    int regraded;                        /* 1: an instructor set the result */
    sortie_result auto_result;           /* as graded (valid when regraded) */
    char regrade_reason[256];            /* why ("" when not regraded)      */
    char regraded_by[RECORDS_NUMBER_MAX]; /* the instructor's service number */
    int items_to_mark;                   /* its lesson's items not marked yet */
} records_sortie;

/* A stored graded element; numbers stored as NULL come back as NAN (lo
 * and hi: -HUGE_VAL and +HUGE_VAL, an open side). */
typedef struct records_element {
    int seq;                             /* 0.. : order on the sheet        */
    char exercise[48];
    char element[48];
    char title[96];
    grade_mark mark;
    double ratio;                        /* worst deviation / tolerance     */
    double worst;                        /* in `unit`                       */
    double worst_t_s;                    /* sortie time of the worst        */
    double lo, hi;                       /* accepted band, `unit`           */
    char unit[16];
    char source[160];
    char deductions[RECORDS_DEDUCTIONS_MAX]; /* texts joined with newlines  */
    char comment[256];                   /* "" for none                     */
    int by_instructor;                   /* an item the instructor marks    */
    char marked_by[RECORDS_NUMBER_MAX];  /* its marker's service number, "" */
} records_element;

/* Sorties, oldest first; only those of trainee `service_number` when not
 * NULL (SAQR_ENOTFOUND when there is no such trainee). */
int records_sortie_list(rdb *db, const char *service_number, records_sortie **out, int *n, saqr_err *err);
/* The first sortie stored with recording `recording` (an absolute path):
 * its id in *id, 0 when there is none. */
int records_sortie_with_recording(rdb *db, const char *recording, long long *id, saqr_err *err);
/* The first sortie of trainee `service_number` in lesson `lesson_id` that
 * started at `started_at` and lasted `duration_s` (to a millisecond): the
 * same flight, stored before from another copy of its recording.  Its id
 * in *id, 0 when there is none. */
int records_sortie_same_flight(rdb *db, const char *service_number, const char *lesson_id, const char *started_at,
                               double duration_s, long long *id, saqr_err *err);
/* Sets the instructor's comment on sortie `id` (NULL or "" clears it):
 * at most 255 bytes of UTF-8, new lines allowed, no other control
 * characters (SAQR_EINVAL); SAQR_ENOTFOUND for no such sortie.  Nothing
 * else of the sortie changes. */
int records_sortie_set_comment(rdb *db, long long id, const char *comment, saqr_err *err);
/* The instructor's grade of sortie `id`: its result becomes `result`, for
 * `reason` (1..255 bytes of UTF-8, new lines allowed, no other control
 * characters), given by instructor `instructor` (a service number in the
 * records, or NULL).  The automatic grading's result is kept beside it;
 * setting the sortie back to that result takes the instructor's grade
 * off (reason and instructor cleared).  SAQR_EINVAL for a bad result,
 * reason or instructor; SAQR_ENOTFOUND for no such sortie.  Nothing else
 * of the sortie changes. */
int records_sortie_regrade(rdb *db, long long id, sortie_result result, const char *reason,
                           const char *instructor, saqr_err *err);
/* The instructor's mark of item `exercise`/`item` of sortie `id` (an
 * <instructor-grade> of its lesson: what the simulator cannot observe):
 * MARK_EXCELLENT .. MARK_UNSAT, or MARK_NOT_OBSERVED to take it off, by
 * instructor `instructor` (a service number in the records, or NULL).
 * The sortie's result follows: Unsat while any
 * item is marked Unsatisfactory, else the flying's own, with the summary
 * saying so; an instructor's grade (records_sortie_regrade) stands, and
 * it is the grading kept beside it that follows.  SAQR_EINVAL for a
 * demonstration, a bad mark or instructor, or an element the simulator
 * grades; SAQR_ENOTFOUND for no such sortie or item.  Nothing else of
 * the sortie changes. */
int records_sortie_mark(rdb *db, long long id, const char *exercise, const char *item, grade_mark mark,
                        const char *instructor, saqr_err *err);
/* One sortie (SAQR_ENOTFOUND when absent). */
int records_sortie_get(rdb *db, long long id, records_sortie *out, saqr_err *err);
/* Its elements in sheet order. */
int records_sortie_elements(rdb *db, long long id, records_element **out, int *n, saqr_err *err);

/* "Pass" -> SORTIE_PASS ...; -1 when not a result name. */
int records_result_parse(const char *s);
/* "Excellent" -> MARK_EXCELLENT ...; -1 when not a mark name. */
int records_mark_parse(const char *s);
/* An instructor's mark of an item: "Excellent" .. "Unsatisfactory", or
 * "none" (MARK_NOT_OBSERVED: the mark taken off); -1 otherwise. */
int records_item_mark_parse(const char *s);

/* --------------------------------------------------------------- progress */

/* One lesson in a trainee's progress. */
typedef struct records_lesson_progress {
    char lesson_id[RECORDS_LESSON_MAX];
    char title[96];                      /* "" for a lesson not in the syllabus */
    int seq;                             /* syllabus order, 0 when outside  */
    int flown;                           /* sorties the trainee flew        */
    int passes, marginals, unsats, incompletes; /* of them, by result       */
    sortie_result last;                  /* the latest (valid when flown)   */
    int demos;                           /* sorties the automatic pilot flew
                                            with the trainee: demonstrations,
                                            never a pass                    */
} records_lesson_progress;

/* Simulator time on one aircraft type. */
typedef struct records_type_hours {
    char aircraft_type[RECORDS_COURSE_MAX];
    int sorties;
    double hours;                        /* sum of durations / 3600         */
} records_type_hours;

typedef struct records_progress {
    records_trainee trainee;
    int nlessons;
    records_lesson_progress *lessons;    /* owned: the course's syllabus in
                                            order (nsyllabus of them), then
                                            other lessons flown, by id      */
    int nsyllabus;
    int passed;                          /* syllabus lessons with a Pass    */
    int repeated;                        /* lessons flown more than once    */
    int outstanding;                     /* syllabus lessons not passed     */
    int next_due;                        /* index of the first outstanding
                                            lesson, -1 when all passed      */
    int ntypes;
    records_type_hours *types;           /* owned, by type name             */
    int sorties;                         /* in all, demonstrations included */
    int demonstrations;                  /* of them, flown by the automatic
                                            pilot                           */
    double hours;                        /* in all                          */
} records_progress;

/* A flown sortie as the progress counts it. */
typedef struct records_flown {
    const char *lesson_id;
    const char *aircraft_type;
    sortie_result result;
    double duration_s;
    int demonstration;                   /* the automatic pilot flew it     */
} records_flown;


/* Computes the progress from the course's syllabus (in order) and the
 * trainee's sorties (oldest first).  SAQR_ENOMEM (out emptied) on failure. */
int records_progress_compute(const records_trainee *t, const records_lesson *syllabus, int nsyllabus,
                             const records_flown *flown, int nflown, records_progress *out, saqr_err *err);

/* Reads the trainee, the stored syllabus of their course and their
 * sorties, and computes the progress.  SAQR_ENOTFOUND for an unknown
 * trainee. */
int records_progress_get(rdb *db, const char *service_number, records_progress *out, saqr_err *err);

void records_progress_free(records_progress *p);

/* What to work on in each lesson of `p` flown by hand and not yet passed:
 * the titles of the elements its last such sortie marked Unsatisfactory or
 * did not observe ("Bank in the turn; Roll-out heading (not flown)"), ""
 * for every other lesson.  *out (free()) holds p->nlessons strings. */
#define RECORDS_WORK_ON_MAX 400
int records_progress_work_on(rdb *db, const records_progress *p, char (**out)[RECORDS_WORK_ON_MAX], saqr_err *err);

/* Every trainee's progress, by service number: the course's board.
 * *out (free with records_progress_free_all) holds *n of them. */
int records_progress_all(rdb *db, records_progress **out, int *n, saqr_err *err);
void records_progress_free_all(records_progress *p, int n);

/* ----------------------------------------------------------------- export */

/* Writes every table as DIR/TABLE.csv (RFC 4180, a header line of column
 * names, rows by id; SQL NULL as an empty field), creating DIR when
 * missing.  Each file is written under a temporary name and renamed, so
 * a failure leaves no partial file.  *nrows (may be NULL) receives the
 * row counts in the order of records_table_name. */
#define RECORDS_NTABLES 7
const char *records_table_name(int i);  /* "trainees", ...; NULL out of range */
int records_export_csv(rdb *db, const char *dir, int nrows[RECORDS_NTABLES], saqr_err *err);

#endif
