/*
 * train_args.c - shared by the training commands (see train_args.h).
 */
#include "train_args.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app_paths.h"
#include "station/rt_priority.h"

int train_rt_priority(const char *text, int *priority, const char *cmd)
{
    char *end = NULL;
    long p = strtol(text, &end, 10);
    if (end == text || *end || p < 0 || p > RT_PRIORITY_MAX) {
        fprintf(stderr, "saqr %s: --rt-priority wants 0..%d, not \"%s\"\n", cmd, RT_PRIORITY_MAX, text);
        return 1;
    }
    *priority = (int)p;
    return 0;
}

void train_paths_default(train_paths *p)
{
    p->root = app_path_get(APP_ROOT);
    p->lessons = app_path_get(APP_LESSONS);
    p->airports = app_path_get(APP_AIRPORTS);
}

int train_needs_value(int argc, char **argv, int i, const char *cmd)
{
    if (i + 1 >= argc || !argv[i + 1][0]) {
        fprintf(stderr, "saqr %s: %s needs a value\n", cmd, argv[i]);
        return 1;
    }
    return 0;
}

int train_paths_option(train_paths *p, int argc, char **argv, int *i, const char *cmd)
{
    const char *a = argv[*i];
    const char **dst = strcmp(a, "--root") == 0 ? &p->root
                     : strcmp(a, "--lessons") == 0 ? &p->lessons
                     : strcmp(a, "--airports") == 0 ? &p->airports : NULL;
    if (!dst)
        return 0;
    if (train_needs_value(argc, argv, *i, cmd))
        return -1;
    *dst = argv[++*i];
    return 1;
}

int train_load_lesson(const train_paths *p, const char *id, lesson *l, const char *cmd)
{
    memset(l, 0, sizeof *l);
    if (!lesson_id_valid(id)) {
        fprintf(stderr, "saqr %s: \"%s\" is not a lesson id (AIRCRAFT/NAME, e.g. super-mushak/steep-turns; "
                        "saqr lesson list shows them)\n", cmd, id);
        return 1;
    }
    char path[1024];
    snprintf(path, sizeof path, "%s/%s.xml", p->lessons, id);
    saqr_err err = {""};
    if (lesson_load(path, id, l, &err)) {
        fprintf(stderr, "saqr %s: %s\n", cmd, err.msg);
        lesson_free(l);
        return 1;
    }
    return 0;
}

int train_load_airports(const train_paths *p, airport_db *db, const char *cmd)
{
    saqr_err err = {""};
    if (airport_db_load(p->airports, db, &err)) {
        fprintf(stderr, "saqr %s: %s\n", cmd, err.msg);
        airport_db_free(db);
        return 1;
    }
    return 0;
}

const char *train_absolute_path(const char *path, char *buf, size_t n)
{
    if (path[0] == '/')
        return path;
    char cwd[2048];
    if (!getcwd(cwd, sizeof cwd))
        return NULL;
    if (path[0] == '.' && path[1] == '/')
        path += 2;
    int len = snprintf(buf, n, "%s/%s", cwd, path);
    return len > 0 && (size_t)len < n ? buf : NULL;
}
