/*
 * train_args.h - what the training commands (lesson, fly, grade, debrief)
 * share: where lessons and airports live, and loading a lesson by id.
 */
#ifndef SAQR_APP_TRAIN_ARGS_H
#define SAQR_APP_TRAIN_ARGS_H

#include <stddef.h>

#include "train/airport.h"
#include "train/lesson.h"

typedef struct train_paths {
    const char *root;       /* Saqr's root: aircraft/ (JSBSim root)     */
    const char *lessons;    /* lessons/                                  */
    const char *airports;   /* data/airports.xml                         */
} train_paths;

/* The defaults compiled in (the source tree). */
void train_paths_default(train_paths *p);

/* Takes "--root DIR", "--lessons DIR", "--airports FILE" at argv[*i];
 * returns 1 when taken (advancing *i), 0 when argv[*i] is something else,
 * -1 (message printed) when the option lacks its value. */
int train_paths_option(train_paths *p, int argc, char **argv, int *i, const char *cmd);

/* Loads lesson ID (AIRCRAFT/NAME) from the lessons folder.  Prints the
 * error prefixed with cmd and returns non-zero on failure. */
int train_load_lesson(const train_paths *p, const char *id, lesson *l, const char *cmd);

/* Loads the airports file; prints and returns non-zero on failure. */
int train_load_airports(const train_paths *p, airport_db *db, const char *cmd);

/* `path` made absolute against the working folder (into buf when it is
 * relative); NULL when the working folder is unknown or buf too small. */
const char *train_absolute_path(const char *path, char *buf, size_t n);

/* 1 when an option-like argument needs a value it lacks. */
int train_needs_value(int argc, char **argv, int i, const char *cmd);

/* --rt-priority's value: 0 (leave the scheduling alone) to
 * RT_PRIORITY_MAX into *priority; 1, said on stderr, for anything else. */
int train_rt_priority(const char *text, int *priority, const char *cmd);

#endif
