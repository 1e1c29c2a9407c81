/*
 * sortie_item_mark.c - the instructor's marks of the lesson's items during
 * a sortie (see sortie_control.h): each an "item-mark" event of the
 * recording (item_mark.h), which the grader reads live and from the
 * recording alike.
 */
#include "train/sortie_control.h"

#include <string.h>

#include "train/item_mark.h"
#include "train/record.h"
#include "train/sortie_ctl_util.h"

_Static_assert(2 * LESSON_NAME_MAX + 4 + ITEM_MARK_BY_MAX <= REC_TEXT_MAX, "an item's mark fits an event's text");

int sortie_mark_item(sortie *s, const char *exercise, const char *item, grade_mark mark, const char *by, saqr_err *err)
{
    if (!exercise || !item)
        return err_set(err, SAQR_EINVAL, "mark: an item is named by its exercise and id");
    if (!item_mark_value_ok((double)mark))
        return err_set(err, SAQR_EINVAL, "mark: %d is not Excellent, Good, Fair, Unsatisfactory or none", (int)mark);
    if (!s->fl.manual)
        return err_set(err, SAQR_EINVAL, "mark: the automatic pilot flies this sortie, a demonstration: nothing of "
                                         "a trainee's to mark");
    if (by && strlen(by) >= ITEM_MARK_BY_MAX)
        return err_set(err, SAQR_EINVAL, "mark: the instructor \"%s\" is not a service number", by);
    char text[REC_TEXT_MAX];
    int x, k;
    char found_by[ITEM_MARK_BY_MAX];
    if (item_mark_text(text, sizeof text, exercise, item, by) || item_mark_find(s->l, text, &x, &k, found_by))
        return err_set(err, SAQR_EINVAL, "mark: the lesson %s has no item %s/%s marked by the instructor", s->l->id,
                       exercise, item);
    sortie_event(&s->fl, now_s(s), ITEM_MARK_EVENT, (double)mark, text);
    return SAQR_OK;
}

int sortie_running_items(const sortie *s, sheet_element *out, int max)
{
    return grader_peek_items(s->fl.gr, out, max);
}
