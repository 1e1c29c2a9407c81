/*
 * item_mark.c - an instructor's in-flight item mark as a recording's
 * event (see item_mark.h).
 */
#include "train/item_mark.h"

#include <stdio.h>
#include <string.h>

int item_mark_text(char *out, size_t size, const char *exercise, const char *item, const char *by)
{
    const int n = by && by[0] ? snprintf(out, size, "%s/%s by %s", exercise, item, by)
                              : snprintf(out, size, "%s/%s", exercise, item);
    return n < 0 || (size_t)n >= size ? -1 : 0;
}

/* The item of exercise x that `rest` ("ITEM" or "ITEM by NUMBER") names,
 * -1 for none; who marked it into by. */
static int find_item(const lesson_exercise *x, const char *rest, char by[ITEM_MARK_BY_MAX])
{
    const char *tail = strstr(rest, " by ");
    const size_t ni = tail ? (size_t)(tail - rest) : strlen(rest);
    const size_t nb = tail ? strlen(tail + 4) : 0;
    if (tail && (nb == 0 || nb >= ITEM_MARK_BY_MAX))
        return -1;
    for (int k = 0; k < x->nitems; k++)
        if (strlen(x->items[k].id) == ni && strncmp(x->items[k].id, rest, ni) == 0) {
            memcpy(by, tail ? tail + 4 : "", nb + 1);
            return k;
        }
    return -1;
}

int item_mark_find(const lesson *l, const char *text, int *exercise, int *item, char by[ITEM_MARK_BY_MAX])
{
    by[0] = '\0';
    if (!text)
        return -1;
    /* an exercise's id may hold a '/' itself: each is tried as the prefix */
    for (int i = 0; i < l->nexercises; i++) {
        const lesson_exercise *x = &l->exercises[i];
        const size_t nx = strlen(x->id);
        if (strncmp(x->id, text, nx) != 0 || text[nx] != '/')
            continue;
        const int k = find_item(x, text + nx + 1, by);
        if (k >= 0) {
            *exercise = i;
            *item = k;
            return 0;
        }
    }
    return -1;
}

int item_mark_value_ok(double value)
{
    return value == (double)MARK_NOT_OBSERVED || value == (double)MARK_UNSAT || value == (double)MARK_FAIR ||
           value == (double)MARK_GOOD || value == (double)MARK_EXCELLENT;
}
