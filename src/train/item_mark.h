/*
 * item_mark.h - the instructor's mark of one of a lesson's items
 * (<instructor-grade>) given during the sortie, as the recording keeps
 * it: an "item-mark" event whose value is the mark (grade_mark; 0 takes
 * it off) and whose text names the item, "EXERCISE/ITEM", followed by
 * " by NUMBER" when the marking instructor is known.  The grader reads
 * the event live and from a recording alike, so a regrade keeps it.
 */
#ifndef SAQR_TRAIN_ITEM_MARK_H
#define SAQR_TRAIN_ITEM_MARK_H

#include <stddef.h>

#include "train/lesson.h"
#include "train/sheet.h"

#define ITEM_MARK_EVENT "item-mark"
#define ITEM_MARK_BY_MAX 32 /* the instructor's service number, NUL included */

/* The event's text for exercise/item marked by `by` (NULL or "": nobody
 * named).  -1 when it would not fit `size`. */
int item_mark_text(char *out, size_t size, const char *exercise, const char *item, const char *by);

/* The item an event's text names in lesson l: its exercise's index and
 * the item's index within it, and who marked it ("" when not said).
 * -1 when the text names no item of the lesson. */
int item_mark_find(const lesson *l, const char *text, int *exercise, int *item, char by[ITEM_MARK_BY_MAX]);

/* 1 when value is a mark an item can be given (0 takes it off). */
int item_mark_value_ok(double value);

#endif
