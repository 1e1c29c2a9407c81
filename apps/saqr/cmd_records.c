/*
 * cmd_records.c - the training-records commands (docs/records.md):
 *
 *   saqr trainee add NAME --number SERVICE_NO [--course C]
 *   saqr trainee list | saqr trainee show SERVICE_NO
 *   saqr instructor add NAME --number SERVICE_NO | saqr instructor list
 *   saqr airframe add TAIL --type AIRCRAFT | saqr airframe list
 *   saqr progress SERVICE_NO [--html FILE] | saqr progress --all [--html FILE]
 *   saqr sorties [--trainee SERVICE_NO] [--id ID]
 *   saqr export --csv DIR
 *
 * each with --db URL (sqlite:///path/records.db or postgres://...; the
 * default is the SQLite file in the user's data folder) and --lessons DIR
 * where the syllabus is read.  Exit 0 on success, 2 for bad usage or
 * input (an unknown or duplicate trainee, a database that cannot be
 * opened or is newer than this Saqr); the message goes to stderr.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "commands.h"
#include "records/records.h"
#include "records/course_report.h"
#include "records/training_record.h"
#include "train_args.h"

#define DEFAULT_COURSE "super-mushak"
#define MAX_POSITIONAL 3

/* ================================================================ shared */

void records_cli_now(char buf[RECORDS_TIME_LEN])
{
    time_t now = time(NULL);
    struct tm tm;
    if (now == (time_t)-1 || !gmtime_r(&now, &tm) || strftime(buf, RECORDS_TIME_LEN, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
        snprintf(buf, RECORDS_TIME_LEN, "1970-01-01T00:00:00Z");
}

rdb *records_cli_open(const char *url, const char *lessons_dir, const char *cmd, int reads_only)
{
    char def[1024];
    saqr_err err = {""};
    if (!url) {
        rdb_default_url(def, sizeof def);
        url = def;
    } else if (reads_only && rdb_check_exists(url, &err)) {
        /* a --db naming no database is a typo more often than an empty
         * store: said, and nothing created (the default store is made on
         * first use whatever the command) */
        fprintf(stderr, "saqr %s: %s\n", cmd, err.msg);
        return NULL;
    }
    rdb *db = NULL;
    if (rdb_open(url, &db, &err)) {
        fprintf(stderr, "saqr %s: %s\n", cmd, err.msg);
        return NULL;
    }
    if (lessons_dir && records_syllabus_sync(db, lessons_dir, NULL, &err)) {
        fprintf(stderr, "saqr %s: the syllabus: %s\n", cmd, err.msg);
        rdb_close(db);
        return NULL;
    }
    return db;
}

/* Prints "saqr CMD: message" and returns the exit status 2. */
static int fail(const char *cmd, const saqr_err *err)
{
    fprintf(stderr, "saqr %s: %s\n", cmd, err->msg);
    return 2;
}

/* A value option of a command. */
typedef struct value_opt {
    const char *name;      /* "--number"                                   */
    const char **value;    /* where its value goes                         */
} value_opt;

/* What every records command takes. */
typedef struct cmd_args {
    const char *db;                        /* --db URL, NULL: the default */
    train_paths paths;                     /* --lessons DIR, ...          */
    const char *pos[MAX_POSITIONAL];       /* the bare arguments          */
    int npos;
    int help;                              /* -h / --help given           */
} cmd_args;

/* Parses argv into a and the command's options; prints the problem and
 * returns -1 on bad usage. */
static int parse_args(int argc, char **argv, const char *cmd, const value_opt *opts, int nopts, cmd_args *a)
{
    memset(a, 0, sizeof *a);
    train_paths_default(&a->paths);
    for (int i = 0; i < argc; i++) {
        int r = train_paths_option(&a->paths, argc, argv, &i, cmd);
        if (r < 0)
            return -1;
        if (r > 0)
            continue;
        const char *s = argv[i];
        const char **dst = strcmp(s, "--db") == 0 ? &a->db : NULL;
        for (int k = 0; k < nopts && !dst; k++)
            if (strcmp(s, opts[k].name) == 0)
                dst = opts[k].value;
        if (dst) {
            if (train_needs_value(argc, argv, i, cmd))
                return -1;
            *dst = argv[++i];
        } else if (strcmp(s, "-h") == 0 || strcmp(s, "--help") == 0) {
            a->help = 1;
        } else if (s[0] == '-' && s[1]) {
            fprintf(stderr, "saqr %s: unknown option %s\n", cmd, s);
            return -1;
        } else if (a->npos < MAX_POSITIONAL) {
            a->pos[a->npos++] = s;
        } else {
            fprintf(stderr, "saqr %s: unexpected argument \"%s\" (quote a name with spaces)\n", cmd, s);
            return -1;
        }
    }
    return 0;
}

static int is(const char *s, const char *word)
{
    return s && strcmp(s, word) == 0;
}

/* "1 h 05 min" / "12.5 min" for a duration in seconds. */
static void duration_text(double s, char *buf, size_t n)
{
    if (!(s >= 0.0))
        snprintf(buf, n, "-");
    else if (s < 3600.0)
        snprintf(buf, n, "%.1f min", s / 60.0);
    else
        snprintf(buf, n, "%d h %02d min", (int)(s / 3600.0), (int)(s / 60.0) % 60);
}

static void print_sortie_line(const records_sortie *s)
{
    char d[32];
    duration_text(s->duration_s, d, sizeof d);
    char to_mark[32] = ""; /* the lesson's items an instructor has still to mark */
    if (s->items_to_mark > 0 && !sheet_pilot_is_automatic(s->pilot))
        snprintf(to_mark, sizeof to_mark, " (%d to mark)", s->items_to_mark);
    printf("%6lld  %-20s  %-12s  %-36s %-8s %11s  %s%s%s\n", s->id, s->started_at, s->trainee[0] ? s->trainee : "-",
           s->lesson_id, s->tail_number[0] ? s->tail_number : "-", d, sheet_result_name(s->result),
           sheet_pilot_is_automatic(s->pilot) ? " (demonstration)" : "", to_mark);
}

static void print_sortie_header(void)
{
    printf("%6s  %-20s  %-12s  %-36s %-8s %11s  %s\n", "sortie", "started (UTC)", "trainee", "lesson", "tail",
           "duration", "result");
}

/* ================================================================ trainee */

static const char trainee_usage[] =
    "usage: saqr trainee add NAME --number SERVICE_NO [--course super-mushak|jf17] [--db URL]\n"
    "       saqr trainee list [--db URL]\n"
    "       saqr trainee show SERVICE_NO [--db URL]\n";

static int trainee_show(rdb *db, const char *number)
{
    saqr_err err = {""};
    records_trainee t;
    if (records_trainee_find(db, number, &t, &err))
        return fail("trainee", &err);
    printf("Trainee %s: %s\ncourse: %s\nadded: %s\n", t.service_number, t.name, t.course, t.created_at);
    records_sortie *s;
    int n;
    if (records_sortie_list(db, number, &s, &n, &err))
        return fail("trainee", &err);
    printf("sorties: %d\n", n);
    if (n) {
        print_sortie_header();
        for (int i = 0; i < n; i++)
            print_sortie_line(&s[i]);
    }
    free(s);
    return 0;
}

int cmd_trainee(int argc, char **argv)
{
    const char *number = NULL, *course = NULL;
    value_opt opts[] = {{"--number", &number}, {"--course", &course}};
    cmd_args a;
    if (parse_args(argc, argv, "trainee", opts, 2, &a)) {
        fputs(trainee_usage, stderr);
        return 2;
    }
    if (a.help) {
        fputs(trainee_usage, stdout);
        return 0;
    }
    const char *sub = a.npos ? a.pos[0] : NULL;
    int ok = (is(sub, "add") && a.npos == 2 && number) || (is(sub, "list") && a.npos == 1) ||
             (is(sub, "show") && a.npos == 2);
    if (!ok) {
        if (is(sub, "add") && a.npos == 2)
            fprintf(stderr, "saqr trainee: add needs --number SERVICE_NO\n");
        fputs(trainee_usage, stderr);
        return 2;
    }
    rdb *db = records_cli_open(a.db, is(sub, "add") ? a.paths.lessons : NULL, "trainee", !is(sub, "add"));
    if (!db)
        return 2;
    saqr_err err = {""};
    int rc = 0;
    if (is(sub, "add")) {
        char now[RECORDS_TIME_LEN];
        records_cli_now(now);
        records_trainee t;
        if (records_trainee_add(db, number, a.pos[1], course ? course : DEFAULT_COURSE, now, &t, &err))
            rc = fail("trainee", &err);
        else
            printf("Added trainee %s: %s, course %s\n", t.service_number, t.name, t.course);
    } else if (is(sub, "list")) {
        records_trainee *t;
        int n;
        if (records_trainee_list(db, &t, &n, &err)) {
            rc = fail("trainee", &err);
        } else {
            printf("%-16s %-32s %-14s %s\n", "service number", "name", "course", "added (UTC)");
            for (int i = 0; i < n; i++)
                printf("%-16s %-32s %-14s %s\n", t[i].service_number, t[i].name, t[i].course, t[i].created_at);
            printf("%d trainee%s\n", n, n == 1 ? "" : "s");
            free(t);
        }
    } else {
        rc = trainee_show(db, a.pos[1]);
    }
    rdb_close(db);
    return rc;
}

/* ==================================================== instructor, airframe */

/* A command that adds and lists one kind of record. */
typedef struct registry_cmd {
    const char *name;      /* "instructor"                                 */
    const char *usage;
    const char *option;    /* the option `add` needs: "--number"          */
    /* Adds `arg` with the option's value and says so; a status. */
    int (*add)(rdb *db, const char *arg, const char *value, saqr_err *err);
    /* Prints every record; a status. */
    int (*list)(rdb *db, saqr_err *err);
} registry_cmd;

static int run_registry(int argc, char **argv, const registry_cmd *c)
{
    const char *value = NULL;
    value_opt opts[] = {{c->option, &value}};
    cmd_args a;
    if (parse_args(argc, argv, c->name, opts, 1, &a)) {
        fputs(c->usage, stderr);
        return 2;
    }
    if (a.help) {
        fputs(c->usage, stdout);
        return 0;
    }
    const char *sub = a.npos ? a.pos[0] : NULL;
    if (!((is(sub, "add") && a.npos == 2 && value) || (is(sub, "list") && a.npos == 1))) {
        fputs(c->usage, stderr);
        return 2;
    }
    /* an airframe's type is checked against the syllabus's courses */
    int typed = is(sub, "add") && strcmp(c->name, "airframe") == 0;
    rdb *db = records_cli_open(a.db, typed ? a.paths.lessons : NULL, c->name, !is(sub, "add"));
    if (!db)
        return 2;
    saqr_err err = {""};
    int st = is(sub, "add") ? c->add(db, a.pos[1], value, &err) : c->list(db, &err);
    rdb_close(db);
    return st ? fail(c->name, &err) : 0;
}

static int instructor_add(rdb *db, const char *name, const char *number, saqr_err *err)
{
    records_instructor t;
    int st = records_instructor_add(db, number, name, &t, err);
    if (!st)
        printf("Added instructor %s: %s\n", t.service_number, t.name);
    return st;
}

static int instructor_list(rdb *db, saqr_err *err)
{
    records_instructor *t;
    int n;
    int st = records_instructor_list(db, &t, &n, err);
    if (st)
        return st;
    printf("%-16s %s\n", "service number", "name");
    for (int i = 0; i < n; i++)
        printf("%-16s %s\n", t[i].service_number, t[i].name);
    printf("%d instructor%s\n", n, n == 1 ? "" : "s");
    free(t);
    return SAQR_OK;
}

int cmd_instructor(int argc, char **argv)
{
    if (argc > 0 && strcmp(argv[0], "passwd") == 0)
        return cmd_instructor_passwd(argc - 1, argv + 1);
    static const registry_cmd c = {"instructor",
                                   "usage: saqr instructor add NAME --number SERVICE_NO [--db URL]\n"
                                   "       saqr instructor list [--db URL]\n"
                                   "       saqr instructor passwd SERVICE_NO [--db URL]   (password on stdin)\n",
                                   "--number", instructor_add, instructor_list};
    return run_registry(argc, argv, &c);
}

static int airframe_add(rdb *db, const char *tail, const char *type, saqr_err *err)
{
    records_airframe f;
    int st = records_airframe_add(db, tail, type, &f, err);
    if (!st)
        printf("Added airframe %s (%s)\n", f.tail_number, f.aircraft_type);
    return st;
}

static int airframe_list(rdb *db, saqr_err *err)
{
    records_airframe *f;
    int n;
    int st = records_airframe_list(db, &f, &n, err);
    if (st)
        return st;
    printf("%-16s %s\n", "tail number", "type");
    for (int i = 0; i < n; i++)
        printf("%-16s %s\n", f[i].tail_number, f[i].aircraft_type);
    printf("%d airframe%s\n", n, n == 1 ? "" : "s");
    free(f);
    return SAQR_OK;
}

int cmd_airframe(int argc, char **argv)
{
    static const registry_cmd c = {"airframe",
                                   "usage: saqr airframe add TAIL --type super-mushak|jf17 [--db URL]\n"
                                   "       saqr airframe list [--db URL]\n",
                                   "--type", airframe_add, airframe_list};
    return run_registry(argc, argv, &c);
}

/* =============================================================== progress */

/* A lesson's status: passed, outstanding (with the trainee's last
 * result) or outside the syllabus; a demonstration is said apart, since it
 * never passes a lesson. */
static void lesson_status(const records_progress *p, int i, char *status, size_t size)
{
    const records_lesson_progress *l = &p->lessons[i];
    size_t n;
    if (i >= p->nsyllabus)
        n = (size_t)snprintf(status, size, "outside the syllabus");
    else if (l->passes)
        n = (size_t)snprintf(status, size, "passed");
    else
        n = (size_t)snprintf(status, size, "outstanding");
    if (l->flown && !(i < p->nsyllabus && l->passes) && n < size)
        n += (size_t)snprintf(status + n, size - n, ", last %s", sheet_result_name(l->last));
    if (l->demos && !l->flown && n < size)
        n += (size_t)snprintf(status + n, size - n, ", demonstrated");
    if (i == p->next_due && n < size)
        snprintf(status + n, size - n, " <- next");
}

static void print_progress(const records_progress *p, FILE *f)
{
    const records_trainee *t = &p->trainee;
    fprintf(f, "Progress of %s %s, course %s\n", t->service_number, t->name, t->course);
    fprintf(f, "Lessons passed: %d of %d; outstanding: %d\n", p->passed, p->nsyllabus, p->outstanding);
    if (p->next_due >= 0)
        fprintf(f, "Next due: %s (%s)\n", p->lessons[p->next_due].lesson_id, p->lessons[p->next_due].title);
    else
        fprintf(f, "Next due: none, the course is complete\n");
    if (p->demonstrations)
        fprintf(f, "Demonstrations: %d sortie%s flown by the automatic pilot (they show a lesson, never pass it)\n",
                p->demonstrations, p->demonstrations == 1 ? "" : "s");
    fprintf(f, "\n%4s  %-42s %5s %5s %5s  %s\n", "seq", "lesson", "flown", "pass", "demo", "status");
    for (int i = 0; i < p->nlessons; i++) {
        const records_lesson_progress *l = &p->lessons[i];
        char seq[16], status[96];
        snprintf(seq, sizeof seq, i < p->nsyllabus ? "%d" : "-", l->seq);
        lesson_status(p, i, status, sizeof status);
        fprintf(f, "%4s  %-42s %5d %5d %5d  %s\n", seq, l->lesson_id, l->flown, l->passes, l->demos, status);
    }
    fprintf(f, "\nRepeated lessons: %d", p->repeated);
    for (int i = 0, first = 1; i < p->nlessons; i++)
        if (p->lessons[i].flown > 1) {
            fprintf(f, "%s%s x%d", first ? " (" : ", ", p->lessons[i].lesson_id, p->lessons[i].flown);
            first = 0;
        }
    fprintf(f, "%s\n", p->repeated ? ")" : "");
    fprintf(f, "Simulator hours:");
    for (int i = 0; i < p->ntypes; i++)
        fprintf(f, " %s %.2f h (%d sortie%s);", p->types[i].aircraft_type, p->types[i].hours, p->types[i].sorties,
                p->types[i].sorties == 1 ? "" : "s");
    fprintf(f, " total %.2f h in %d sortie%s", p->hours, p->sorties, p->sorties == 1 ? "" : "s");
    if (p->demonstrations)
        fprintf(f, " (%d by the automatic pilot)", p->demonstrations);
    fprintf(f, "\n");
}

static const char progress_usage[] =
    "usage: saqr progress SERVICE_NO [--db URL] [--lessons DIR] [--html FILE]\n"
    "       (--html: the trainee's printable training record; - for standard output)\n"
    "       saqr progress --all [--db URL] [--lessons DIR] [--html FILE]\n"
    "       (one line per trainee: the course's board; --html: the printable course report)\n";

/* Every trainee's progress on one line each, by service number: the
 * board a flight commander reads. */
static int print_board(rdb *db)
{
    saqr_err err = {""};
    records_progress *p;
    int n;
    if (records_progress_all(db, &p, &n, &err))
        return fail("progress", &err);
    printf("%-14s  %-26s  %-13s %9s  %5s  %7s  %-s\n", "service number", "name", "course", "passed", "demos",
           "hours", "next due");
    for (int i = 0; i < n; i++) {
        const records_trainee *t = &p[i].trainee;
        char passed[24];
        snprintf(passed, sizeof passed, "%d/%d", p[i].passed, p[i].nsyllabus);
        printf("%-14s  %-26.26s  %-13s %9s  %5d  %7.2f  %s\n", t->service_number, t->name, t->course, passed,
               p[i].demonstrations, p[i].hours,
               p[i].next_due >= 0 ? p[i].lessons[p[i].next_due].lesson_id : "none: the course is complete");
    }
    printf("%d trainee%s\n", n, n == 1 ? "" : "s");
    records_progress_free_all(p, n);
    return 0;
}

/* A printable page of the records: the training record of `number`, or
 * the course report when number is NULL. */
static int write_page(rdb *db, const char *number, const char *now, FILE *f, saqr_err *err)
{
    return number ? records_training_record_html(db, number, now, f, err) : records_course_report_html(db, now, f, err);
}

/* Writes a printable page (write_page) to `path` ("-": standard output)
 * through a temporary file renamed into place, so that a failure leaves
 * no partial page and an earlier one as it was. */
static int write_printable(rdb *db, const char *number, const char *path)
{
    char now[RECORDS_TIME_LEN], tmp[4200];
    records_cli_now(now);
    saqr_err err = {""};
    if (strcmp(path, "-") == 0)
        return write_page(db, number, now, stdout, &err) ? fail("progress", &err) : 0;
    if (snprintf(tmp, sizeof tmp, "%s.tmp", path) >= (int)sizeof tmp) {
        fprintf(stderr, "saqr progress: --html %s: the path is too long\n", path);
        return 2;
    }
    FILE *f = fopen(tmp, "w");
    if (!f) {
        fprintf(stderr, "saqr progress: --html %s: %s\n", path, strerror(errno));
        return 2;
    }
    int st = write_page(db, number, now, f, &err);
    if (fclose(f) != 0 && !st)
        st = err_set(&err, SAQR_EIO, "--html %s: %s", path, strerror(errno));
    if (!st && rename(tmp, path) != 0)
        st = err_set(&err, SAQR_EIO, "--html %s: %s", path, strerror(errno));
    if (st) {
        remove(tmp);
        return fail("progress", &err);
    }
    if (number)
        printf("Wrote the training record of %s to %s\n", number, path);
    else
        printf("Wrote the course report to %s\n", path);
    return 0;
}

int cmd_progress(int argc, char **argv)
{
    cmd_args a;
    const char *html = NULL;
    const value_opt opts[] = {{"--html", &html}};
    int all = 0;
    for (int i = 0; i < argc; i++)
        if (strcmp(argv[i], "--all") == 0) { /* taken out before the common options */
            all = 1;
            memmove(argv + i, argv + i + 1, (size_t)(argc - i - 1) * sizeof *argv);
            argc--;
            i--;
        }
    if (parse_args(argc, argv, "progress", opts, 1, &a) || (!a.help && a.npos != (all ? 0 : 1))) {
        fputs(progress_usage, stderr);
        return 2;
    }
    if (a.help) {
        fputs(progress_usage, stdout);
        return 0;
    }
    rdb *db = records_cli_open(a.db, a.paths.lessons, "progress", 1);
    if (!db)
        return 2;
    if (all) {
        int rc = html ? write_printable(db, NULL, html) : print_board(db);
        rdb_close(db);
        return rc;
    }
    if (html) {
        int rc = write_printable(db, a.pos[0], html);
        rdb_close(db);
        return rc;
    }
    saqr_err err = {""};
    records_progress p;
    int rc = 0;
    if (records_progress_get(db, a.pos[0], &p, &err))
        rc = fail("progress", &err);
    else
        print_progress(&p, stdout);
    records_progress_free(&p);
    rdb_close(db);
    return rc;
}

/* ================================================================ sorties */

static const char sorties_usage[] =
    "usage: saqr sorties [--trainee SERVICE_NO] [--id ID] [--db URL]\n"
    "  lists the stored sorties (of one trainee), or shows one with its elements\n"
    "       saqr sorties add REC --trainee SERVICE_NO [--instructor SERVICE_NO] [--tail TAIL]\n"
    "                        [--started YYYY-MM-DDTHH:MM:SSZ] [--db URL] [--lessons DIR]\n"
    "  grades a recorded sortie and stores it (one that could not be stored when flown)\n"
    "       saqr sorties comment ID TEXT [--db URL]\n"
    "  sets the instructor's comment on a stored sortie (\"\" clears it; at most 255 bytes)\n"
    "       saqr sorties grade ID Pass|Marginal|Unsat|Incomplete --reason TEXT [--instructor SERVICE_NO]\n"
    "                          [--db URL]\n"
    "  sets the instructor's grade of a stored sortie, with the reason (the automatic grade is\n"
    "  kept beside it; grading it as the automatic grading did takes the instructor's off)\n"
    "       saqr sorties mark ID EXERCISE/ITEM Excellent|Good|Fair|Unsatisfactory|none\n"
    "                         [--instructor SERVICE_NO] [--db URL]\n"
    "  marks an item of the lesson the simulator cannot observe (a checklist, the lookout);\n"
    "  an item marked Unsatisfactory makes the sortie Unsat; none takes the mark off\n"
    "       saqr sorties recording ID -o FILE [--db URL]\n"
    "  writes the records' copy of a stored sortie's recording (for debrief, grade, export\n"
    "  on any machine; FILE must not exist)\n";

/* A sortie id from the command line; 0 (said) when it is not one. */
static long long sortie_id(const char *idtext)
{
    char *end;
    errno = 0;
    long long id = strtoll(idtext, &end, 10);
    if (*end || end == idtext || id <= 0 || errno == ERANGE) { /* not clamped to the largest id */
        fprintf(stderr, "saqr sorties: \"%s\" is not a sortie id\n", idtext);
        return 0;
    }
    return id;
}

static int sortie_show(rdb *db, const char *idtext)
{
    long long id = sortie_id(idtext);
    saqr_err err = {""};
    if (!id)
        return 2;
    records_sortie s;
    records_element *e;
    int n;
    if (records_sortie_get(db, id, &s, &err) || records_sortie_elements(db, id, &e, &n, &err))
        return fail("sorties", &err);
    char d[32];
    duration_text(s.duration_s, d, sizeof d);
    printf("Sortie %lld: %s on %s%s%s, pilot %s\n", s.id, s.lesson_id, s.aircraft_type, s.tail_number[0] ? " " : "",
           s.tail_number, s.pilot);
    printf("trainee: %s; instructor: %s\nstarted: %s; duration: %s\nrecording: %s\n",
           s.trainee[0] ? s.trainee : "-", s.instructor[0] ? s.instructor : "-", s.started_at, d,
           s.recording[0] ? s.recording : "-");
    printf("%-22s %-34s %12s %10s  %s\n", "exercise", "element", "worst", "ratio", "grade");
    for (int i = 0; i < n; i++) {
        if (e[i].by_instructor)
            printf("%-22.22s %-34.34s %23s  %s%s%s  [%s/%s]\n", e[i].exercise, e[i].title, "instructor's mark",
                   e[i].mark == MARK_NOT_OBSERVED ? "not yet marked" : sheet_mark_name(e[i].mark),
                   e[i].marked_by[0] ? " by " : "", e[i].marked_by, e[i].exercise, e[i].element);
        else
            printf("%-22.22s %-34.34s %12.4g %10.3g  %s\n", e[i].exercise, e[i].title, e[i].worst, e[i].ratio,
                   sheet_mark_name(e[i].mark));
        const char *ded = e[i].deductions;
        while (*ded) {
            size_t len = strcspn(ded, "\n");
            printf("%25s- %.*s\n", "", (int)len, ded);
            ded += len + (ded[len] == '\n');
        }
    }
    printf("Sortie: %s. %s\n", sheet_result_name(s.result), s.summary);
    if (s.regraded)
        printf("Graded %s by the instructor%s%s (the automatic grading: %s): %s\n", sheet_result_name(s.result),
               s.regraded_by[0] ? " " : "", s.regraded_by, sheet_result_name(s.auto_result), s.regrade_reason);
    if (s.comment[0])
        printf("Instructor's comment: %s\n", s.comment);
    if (n != s.element_count)
        printf("warning: %d elements stored, %d expected\n", n, s.element_count);
    free(e);
    return 0;
}

/* The start every `saqr sorties SUB ID ...` shares: its arguments (npos
 * bare ones, ID first; *required, when given, an option that must be
 * there), the sortie id and the open records.  NULL with *rc the exit
 * status: 0 after --help, 2 for bad usage or records that cannot be
 * opened (said). */
static rdb *sortie_cmd_open(int argc, char **argv, const char *cmd, const value_opt *opts, int nopts, int npos,
                            const char *const *required, cmd_args *a, long long *id, int *rc)
{
    *rc = 2;
    if (parse_args(argc, argv, cmd, opts, nopts, a) || (!a->help && (a->npos != npos || (required && !*required)))) {
        fputs(sorties_usage, stderr);
        return NULL;
    }
    if (a->help) {
        fputs(sorties_usage, stdout);
        *rc = 0;
        return NULL;
    }
    if (!(*id = sortie_id(a->pos[0])))
        return NULL;
    return records_cli_open(a->db, NULL, cmd, 1);
}

/* saqr sorties comment ID TEXT: the instructor's comment on a sortie. */
static int sortie_comment(int argc, char **argv)
{
    cmd_args a;
    long long id;
    int rc;
    rdb *db = sortie_cmd_open(argc, argv, "sorties comment", NULL, 0, 2, NULL, &a, &id, &rc);
    if (!db)
        return rc;
    saqr_err err = {""};
    rc = 0;
    if (records_sortie_set_comment(db, id, a.pos[1], &err))
        rc = fail("sorties comment", &err);
    else
        printf(a.pos[1][0] ? "Sortie %lld: comment stored\n" : "Sortie %lld: comment cleared\n", id);
    rdb_close(db);
    return rc;
}

/* saqr sorties grade ID RESULT --reason TEXT: the instructor's grade. */
static int sortie_grade(int argc, char **argv)
{
    const char *reason = NULL, *instructor = NULL;
    value_opt opts[] = {{"--reason", &reason}, {"--instructor", &instructor}};
    cmd_args a;
    long long id;
    int rc;
    rdb *db = sortie_cmd_open(argc, argv, "sorties grade", opts, 2, 2, &reason, &a, &id, &rc);
    if (!db)
        return rc;
    int result = records_result_parse(a.pos[1]);
    saqr_err err = {""};
    rc = 0;
    if (result < 0) {
        fprintf(stderr, "saqr sorties grade: \"%s\" is not a result: Pass, Marginal, Unsat or Incomplete\n",
                a.pos[1]);
        rc = 2;
    } else if (records_sortie_regrade(db, id, (sortie_result)result, reason, instructor, &err)) {
        rc = fail("sorties grade", &err);
    } else {
        records_sortie s;
        if (records_sortie_get(db, id, &s, &err) == SAQR_OK && !s.regraded)
            printf("Sortie %lld: %s, as the automatic grading gave it (the instructor's grade taken off)\n", id,
                   sheet_result_name(s.result));
        else
            printf("Sortie %lld: graded %s by the instructor\n", id, sheet_result_name((sortie_result)result));
    }
    rdb_close(db);
    return rc;
}

/* saqr sorties mark ID EXERCISE/ITEM MARK: the instructor's mark of an
 * item the simulator cannot observe. */
static int sortie_mark(int argc, char **argv)
{
    const char *instructor = NULL;
    value_opt opts[] = {{"--instructor", &instructor}};
    cmd_args a;
    long long id;
    int rc;
    rdb *db = sortie_cmd_open(argc, argv, "sorties mark", opts, 1, 3, NULL, &a, &id, &rc);
    if (!db)
        return rc;
    char exercise[48] = "";
    const char *slash = strchr(a.pos[1], '/');
    size_t len = slash ? (size_t)(slash - a.pos[1]) : 0;
    int mark = records_item_mark_parse(a.pos[2]);
    saqr_err err = {""};
    rc = 0;
    if (!slash || len == 0 || len >= sizeof exercise || !slash[1]) {
        fprintf(stderr, "saqr sorties mark: \"%s\" is not EXERCISE/ITEM (`saqr sorties --id %lld` lists them)\n",
                a.pos[1], id);
        rc = 2;
    } else if (mark < 0) {
        fprintf(stderr, "saqr sorties mark: \"%s\" is not a mark: Excellent, Good, Fair, Unsatisfactory or none\n",
                a.pos[2]);
        rc = 2;
    } else {
        memcpy(exercise, a.pos[1], len);
        records_sortie s;
        if (records_sortie_mark(db, id, exercise, slash + 1, (grade_mark)mark, instructor, &err) ||
            records_sortie_get(db, id, &s, &err))
            rc = fail("sorties mark", &err);
        else
            printf("Sortie %lld: %s %s; the sortie %s%s\n", id, a.pos[1],
                   mark == MARK_NOT_OBSERVED ? "not marked" : sheet_mark_name((grade_mark)mark),
                   s.regraded ? "stays as the instructor graded it: " : "is ", sheet_result_name(s.result));
    }
    rdb_close(db);
    return rc;
}

/* saqr sorties recording ID -o FILE: the records' own copy of a stored
 * sortie's recording (docs/records.md), written to a new file. */
static int sortie_recording_out(int argc, char **argv)
{
    const char *out = NULL;
    value_opt opts[] = {{"-o", &out}};
    cmd_args a;
    long long id;
    int rc;
    rdb *db = sortie_cmd_open(argc, argv, "sorties recording", opts, 1, 1, &out, &a, &id, &rc);
    if (!db)
        return rc;
    saqr_err err = {""};
    unsigned char *bytes = NULL;
    size_t n = 0;
    rc = records_sortie_recording(db, id, &bytes, &n, &err) ? fail("sorties recording", &err) : 0;
    rdb_close(db);
    FILE *f = NULL;
    if (!rc) {
        /* "x": never over a file that is there (a stored sortie's evidence) */
        f = fopen(out, "wbx");
        if (!f) {
            fprintf(stderr, "saqr sorties recording: %s: %s\n", out,
                    errno == EEXIST ? "the file exists; give a new name" : strerror(errno));
            rc = 2;
        }
    }
    if (f) {
        int bad = fwrite(bytes, 1, n, f) != n;
        bad |= fclose(f) != 0;
        if (bad) {
            fprintf(stderr, "saqr sorties recording: %s: cannot write it whole\n", out);
            remove(out);
            rc = 2;
        } else {
            printf("Sortie %lld's recording: %s (%zu bytes)\n", id, out, n);
        }
    }
    free(bytes);
    return rc;
}

int cmd_sorties(int argc, char **argv)
{
    if (argc > 0 && strcmp(argv[0], "add") == 0)
        return cmd_sorties_add(argc - 1, argv + 1);
    if (argc > 0 && strcmp(argv[0], "comment") == 0)
        return sortie_comment(argc - 1, argv + 1);
    if (argc > 0 && strcmp(argv[0], "recording") == 0)
        return sortie_recording_out(argc - 1, argv + 1);
    if (argc > 0 && strcmp(argv[0], "grade") == 0)
        return sortie_grade(argc - 1, argv + 1);
    if (argc > 0 && strcmp(argv[0], "mark") == 0)
        return sortie_mark(argc - 1, argv + 1);
    const char *trainee = NULL, *id = NULL;
    value_opt opts[] = {{"--trainee", &trainee}, {"--id", &id}};
    cmd_args a;
    if (parse_args(argc, argv, "sorties", opts, 2, &a) || (!a.help && (a.npos || (id && trainee)))) {
        fputs(sorties_usage, stderr);
        return 2;
    }
    if (a.help) {
        fputs(sorties_usage, stdout);
        return 0;
    }
    rdb *db = records_cli_open(a.db, NULL, "sorties", 1);
    if (!db)
        return 2;
    int rc = 0;
    if (id) {
        rc = sortie_show(db, id);
    } else {
        saqr_err err = {""};
        records_sortie *s;
        int n;
        if (records_sortie_list(db, trainee, &s, &n, &err)) {
            rc = fail("sorties", &err);
        } else {
            print_sortie_header();
            for (int i = 0; i < n; i++)
                print_sortie_line(&s[i]);
            printf("%d sortie%s\n", n, n == 1 ? "" : "s");
            free(s);
        }
    }
    rdb_close(db);
    return rc;
}

/* ================================================================= export */

int cmd_export_records(int argc, char **argv)
{
    const char *dir = NULL;
    value_opt opts[] = {{"--csv", &dir}};
    cmd_args a;
    if (parse_args(argc, argv, "export", opts, 1, &a) || a.npos || !dir) {
        fprintf(stderr, "usage: saqr export --csv DIR [--db URL]\n");
        return 2;
    }
    rdb *db = records_cli_open(a.db, NULL, "export", 1);
    if (!db)
        return 2;
    saqr_err err = {""};
    int rows[RECORDS_NTABLES];
    int rc = 0;
    if (records_export_csv(db, dir, rows, &err)) {
        rc = fail("export", &err);
    } else {
        for (int i = 0; i < RECORDS_NTABLES; i++)
            printf("%s/%s.csv: %d row%s\n", dir, records_table_name(i), rows[i], rows[i] == 1 ? "" : "s");
    }
    rdb_close(db);
    return rc;
}
