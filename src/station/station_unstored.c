/*
 * station_unstored.c - the sorties the training records refused (a full
 * disk, a server down), kept to be stored from their recordings once the
 * records take a sortie again, oldest first.  A sortie being flown is on
 * the list too, from its start until it ends (station_frame.c,
 * station_sortie.c): a station stopped before then (a crash, the power
 * lost) finds it on the list when it runs again and stores what was
 * recorded, as it stores a refused one.
 *
 * The list is also a file of the work folder, rewritten whole (to a
 * temporary file, then renamed over the old one, so a crash leaves one
 * or the other) whenever it changes, and read when the station starts:
 * a station restarted during the outage still stores them.  One line per
 * sortie, tab-separated: recording, trainee, instructor, start time (the
 * last two may be empty).  A line that is not that is reported with its
 * file and line and set aside with the whole file (renamed
 * ".unreadable"), never dropped.
 *
 * The simulation thread adds a sortie when it starts; the finishing
 * thread (station_finish.c) takes it off once stored, or marks it waiting
 * when refused.  `live` marks this run's sorties still being flown or
 * finished: a retry leaves them to their own store.  The list is not
 * held locked while a retry stores, which may take seconds.
 */
#include "station/station_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "records/records.h"
#include "train/recording_store.h"
#include "util/file.h"
#include "util/mem.h"

#define UNSTORED_FILE "unstored-sorties.tsv"
#define UNSTORED_FILE_MAX (STATION_UNSTORED_MAX * 1300) /* lines of up to ~1,250 bytes */

static void list_path(const station *s, char *out, size_t size, const char *suffix)
{
    snprintf(out, size, "%s/" UNSTORED_FILE "%s", s->work_dir, suffix);
}

/* A field that can be written on a line of the file. */
static int field_ok(const char *x)
{
    for (; *x; x++)
        if (*x == '\t' || *x == '\n' || *x == '\r')
            return 0;
    return 1;
}

static void save(station *s)
{
    char path[1200], tmp[1210];
    list_path(s, path, sizeof path, "");
    if (s->n_unstored == 0) {
        if (remove(path) != 0 && errno != ENOENT)
            station_post(s, 1, "%s: cannot remove: %s", path, strerror(errno));
        return;
    }
    list_path(s, tmp, sizeof tmp, ".tmp");
    FILE *fp = fopen(tmp, "w");
    int ok = fp != NULL;
    for (int i = 0; ok && i < s->n_unstored; i++) {
        const station_unstored *u = &s->unstored[i];
        ok = fprintf(fp, "%s\t%s\t%s\t%s\n", u->record_path, u->trainee_number, u->instructor_number,
                     u->started_utc) > 0;
    }
    if (fp && fclose(fp) != 0)
        ok = 0;
    if (!ok || rename(tmp, path) != 0) {
        station_post(s, 1, "%s: cannot write the list of sorties waiting for the records: %s", path,
                     strerror(errno));
        remove(tmp);
    }
}

void station_unstored_add(station *s, const char *record_path, const char *trainee, const char *instructor,
                          const char *started_utc, int live)
{
    pthread_mutex_lock(&s->unstored_lock);
    for (int i = 0; i < s->n_unstored; i++)
        if (strcmp(s->unstored[i].record_path, record_path) == 0) {
            s->unstored[i].live = live; /* in the file already */
            pthread_mutex_unlock(&s->unstored_lock);
            return;
        }
    if (s->n_unstored >= STATION_UNSTORED_MAX) {
        pthread_mutex_unlock(&s->unstored_lock);
        return; /* its message named the command that stores it */
    }
    station_unstored *u = &s->unstored[s->n_unstored++];
    u->live = live;
    snprintf(u->record_path, sizeof u->record_path, "%s", record_path);
    snprintf(u->trainee_number, sizeof u->trainee_number, "%s", trainee);
    snprintf(u->instructor_number, sizeof u->instructor_number, "%s", instructor);
    snprintf(u->started_utc, sizeof u->started_utc, "%s", started_utc);
    if (!field_ok(record_path) || !field_ok(trainee) || !field_ok(instructor) || !field_ok(started_utc))
        station_post(s, 1, "the sortie %s waits for the records in memory only (a tab or line break in its fields)",
                     record_path);
    else
        save(s);
    pthread_mutex_unlock(&s->unstored_lock);
}

void station_unstored_remove(station *s, const char *record_path)
{
    pthread_mutex_lock(&s->unstored_lock);
    int kept = 0;
    for (int i = 0; i < s->n_unstored; i++)
        if (strcmp(s->unstored[i].record_path, record_path) != 0)
            s->unstored[kept++] = s->unstored[i];
    if (kept != s->n_unstored) {
        s->n_unstored = kept;
        save(s);
    }
    pthread_mutex_unlock(&s->unstored_lock);
}

void station_unstored_retry(station *s, rdb *db)
{
    /* the waiting ones, copied: the list stays free while they are stored */
    station_unstored *waiting = malloc(STATION_UNSTORED_MAX * sizeof *waiting);
    if (!waiting)
        return; /* tried again with the next sortie stored */
    int n = 0;
    pthread_mutex_lock(&s->unstored_lock);
    for (int i = 0; i < s->n_unstored; i++)
        if (!s->unstored[i].live)
            waiting[n++] = s->unstored[i];
    pthread_mutex_unlock(&s->unstored_lock);
    for (int i = 0; i < n; i++) {
        station_unstored *u = &waiting[i];
        recording_who who = {u->trainee_number, u->instructor_number[0] ? u->instructor_number : NULL, NULL,
                             u->started_utc[0] ? u->started_utc : NULL};
        long long id;
        saqr_err e;
        int st = recording_store(db, s->lessons_dir, u->record_path, &who, &id, NULL, NULL, &e);
        if (st == SAQR_OK)
            station_post(s, 0, "the earlier sortie of %s (%s) is now stored in the records as sortie %lld",
                         u->trainee_number, u->record_path, id);
        else if (st == SAQR_ESTATE && id > 0)
            station_post(s, 0, "the earlier sortie %s was already stored as sortie %lld", u->record_path, id);
        else
            continue; /* kept for next time, in order */
        station_unstored_remove(s, u->record_path);
    }
    free(waiting);
}

/* Splits a line into its four fields; 0 when it is not one. */
static int parse_line(char *line, station_unstored *u)
{
    char *f[4];
    int n = 0;
    f[n++] = line;
    for (char *p = line; *p; p++)
        if (*p == '\t') {
            if (n == 4)
                return 0;
            *p = '\0';
            f[n++] = p + 1;
        }
    if (n != 4 || !f[0][0] || !f[1][0] || strlen(f[0]) >= sizeof u->record_path ||
        strlen(f[1]) >= sizeof u->trainee_number || strlen(f[2]) >= sizeof u->instructor_number ||
        strlen(f[3]) >= sizeof u->started_utc)
        return 0;
    strcpy(u->record_path, f[0]);
    strcpy(u->trainee_number, f[1]);
    strcpy(u->instructor_number, f[2]);
    strcpy(u->started_utc, f[3]);
    u->live = 0; /* a sortie of an earlier run */
    return 1;
}

int station_unstored_parse(char *text, station_unstored *out, int max, int *bad_line)
{
    int n = 0, line_no = 0;
    *bad_line = 0;
    char *next;
    for (char *line = text; line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        line_no++;
        station_unstored u;
        if (!*line)
            continue; /* the last line's end, or a blank one */
        if (!parse_line(line, &u)) {
            if (!*bad_line)
                *bad_line = line_no;
        } else {
            if (n < max)
                out[n] = u;
            n++;
        }
    }
    return n;
}

static void load(station *s)
{
    char path[1200];
    list_path(s, path, sizeof path, "");
    struct stat sb;
    if (stat(path, &sb) != 0)
        return; /* nothing waits */
    char *text;
    size_t len;
    saqr_err e;
    char aside[1220];
    list_path(s, aside, sizeof aside, ".unreadable");
    if (file_read_all(path, NULL, UNSTORED_FILE_MAX, &text, &len, &e)) {
        /* set aside: the next refusal would write over it */
        int moved = rename(path, aside) == 0;
        station_post(s, 1, "%s; the file is kept as %s", e.msg, moved ? aside : path);
        return;
    }
    int bad_line = 0, has_nul = strlen(text) != len; /* what follows a NUL byte is unread */
    int seen = station_unstored_parse(text, s->unstored, STATION_UNSTORED_MAX, &bad_line);
    if (!bad_line && has_nul)
        bad_line = 1;
    mem_free(NULL, text);
    s->n_unstored = seen < STATION_UNSTORED_MAX ? seen : STATION_UNSTORED_MAX;
    if (bad_line || seen > STATION_UNSTORED_MAX) {
        int moved = rename(path, aside) == 0;
        if (bad_line)
            station_post(s, 1, "%s:%d: not a sortie waiting for the records (recording, trainee, instructor, "
                               "start); the file is kept as %s",
                         path, bad_line, moved ? aside : path);
        else
            station_post(s, 1, "%s: %d sorties wait, more than the %d the station keeps; the file is kept as %s",
                         path, seen, STATION_UNSTORED_MAX, moved ? aside : path);
        if (moved)
            save(s); /* the sorties that were taken */
    }
    if (s->n_unstored > 0)
        station_post(s, 0,
                     "%d earlier sortie%s refused by the records (or cut short when the station stopped) will be "
                     "stored with the next sortie stored",
                     s->n_unstored, s->n_unstored == 1 ? "" : "s");
}

void station_unstored_load(station *s)
{
    pthread_mutex_lock(&s->unstored_lock);
    load(s);
    pthread_mutex_unlock(&s->unstored_lock);
}
