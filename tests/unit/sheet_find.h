/*
 * sheet_find.h - a graded element of a sheet by its exercise and name,
 * for tests; fails the test when there is none.
 */
#ifndef SAQR_TEST_SHEET_FIND_H
#define SAQR_TEST_SHEET_FIND_H

#include <string.h>

#include "test_util.h"
#include "train/sheet.h"

static inline const sheet_element *element(const grade_sheet *s, const char *exercise, const char *name)
{
    for (int i = 0; i < s->nelements; i++)
        if (strcmp(s->elements[i].exercise, exercise) == 0 && strcmp(s->elements[i].name, name) == 0)
            return &s->elements[i];
    fail_msg("no element %s/%s", exercise, name);
    return NULL;
}

#endif
