/*
 * lesson_fixture.h - loads one of the repository's lessons by its id
 * (lessons/ID.xml), failing the test when it cannot.  Include once per
 * test file.
 */
#ifndef SAQR_TEST_LESSON_FIXTURE_H
#define SAQR_TEST_LESSON_FIXTURE_H

#include <stdio.h>

#include "train/lesson.h"

static inline void fixture_lesson_load(const char *id, lesson *l)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/lessons/%s.xml", SAQR_ROOT_DIR, id);
    saqr_err err;
    err_clear(&err);
    if (lesson_load(path, id, l, &err))
        fail_msg("%s", err.msg);
}

#endif
