/*
 * grade.h - the grader: follows a flight sample by sample (live, or from a
 * recording) through a lesson's exercises and fills a grade sheet.
 *
 * Samples carry the recorded channels in the order the grader was created
 * with (channel 0 is "t-s"); the grader appends the derived channels
 * (lesson.h).  Marking rules (docs/lessons.md):
 *   ratio = worst deviation from the band's centre / tolerance;
 *   <= 0.5 Excellent, <= 0.75 Good, <= 1 Fair, > 1 Unsatisfactory;
 *   a one-sided limit is Excellent while never crossed, Unsatisfactory
 *   once crossed.  Sortie: Pass when every element is Fair or better;
 *   Marginal with a single Unsatisfactory element within 1.5 tolerances;
 *   Unsat otherwise, or when an element was not observed.
 */
#ifndef SAQR_TRAIN_GRADE_H
#define SAQR_TRAIN_GRADE_H

#include "train/lesson.h"
#include "train/sheet.h"

typedef struct grader grader;

typedef enum grader_phase { GPHASE_WAITING, GPHASE_RUNNING, GPHASE_DONE } grader_phase;

/* `l` must be bound (lesson_bind) to the same `nch` channel names and
 * outlive the grader.  NULL when out of memory. */
grader *grader_create(const lesson *l, const char *const *names, int nch, const char *pilot);
void grader_destroy(grader *g);

/* One sample: v[0..nch-1].  Returns 1 when an exercise began or ended at
 * this sample (the caller may record an event). */
int grader_sample(grader *g, const double *v);

/* An event (touchdown, stall-warning, ...) at time t_s, with its recorded
 * value; elements graded at="event:KIND" take the first sample at or
 * after it.  A "takeover" event (value 1: the instructor took control
 * from the trainee, 0: gave it back) stops and resumes the grading:
 * samples while the instructor has control are not graded, and every
 * element of an exercise that ran under the instructor's hands and was
 * not already closed is Unsatisfactory ("the instructor took control"),
 * which makes the sortie Unsat (docs/lessons.md).  A "divert" event
 * (value: a checkpoint index of the route) is the instructor's diversion
 * there: the exercise flown stops where it is, the lesson's diversion
 * exercise (divert-to=) begins at the next sample, flown to that
 * checkpoint, and what the exercises before it had not yet graded is not
 * observed without counting against the sortie ("not flown").  Ignored
 * when the lesson has no diversion, or it has begun. */
void grader_event(grader *g, double t_s, const char *kind, double value);

/* An event as a recording keeps it, text and all: an item-mark event
 * (item_mark.h) gives one of the lesson's items the instructor's mark
 * (the last one given stands; the sheet's result follows it,
 * sheet_apply_item_marks); any other is grader_event's. */
void grader_event_text(grader *g, double t_s, const char *kind, double value, const char *text);

/* The exercise being waited for or flown (index), or -1 when all done. */
int grader_exercise(const grader *g, grader_phase *phase);
int grader_done(const grader *g);

/* The values of the latest sample as the grader holds them: the recorded
 * channels, then the derived ones (lesson.h LESSON_CH_*) of the current
 * exercise - worked out from its start while it runs, from the sample
 * itself while it waits for its entry. */
const double *grader_values(const grader *g);

/* The current exercise's leg of the lesson's route; NULL when it flies
 * none, or when every exercise is over. */
const lesson_leg *grader_leg(const grader *g);

/* The current exercise's point (around=): 1 and its position when it
 * flies about one and the point is known (an abeam one once the exercise
 * has begun, or while it waits, where it would be taken now); 0 when it
 * flies none, or every exercise is over. */
int grader_point(const grader *g, double *lat_deg, double *lon_deg);

/* Exercise i's leg as the grader plans it: the lesson's, or for its
 * diversion the plan to the destination the instructor called. */
const lesson_leg *grader_leg_plan(const grader *g, int i);

/* When the instructor called the lesson's diversion (NAN: not called). */
double grader_diverted_at(const grader *g);

/* The marks as they stand, without changing the grader: for each graded
 * element in lesson order (the order of the final sheet), its mark so far
 * (MARK_NOT_OBSERVED until its window has graded a sample) and its worst
 * ratio so far (NAN when none).  `marks` and `ratios` may be NULL; at most
 * `max` entries are filled.  Returns the number of graded elements. */
int grader_peek(const grader *g, grade_mark *marks, double *ratios, int max);

/* The elements as they stand, without changing the grader: a copy of
 * each graded element's sheet entry in lesson order (its channel, band,
 * window so far - t_end_s NAN while it is open - and worst value), with
 * `mark` set as grader_peek's.  At most `max` are filled; returns the
 * number of graded elements. */
int grader_peek_elements(const grader *g, sheet_element *out, int max);

/* One of them: graded element `i` (lesson order) as grader_peek_elements
 * copies it; 1, or 0 (`out` untouched) for an index out of range. */
int grader_peek_element(const grader *g, int i, sheet_element *out);

/* The instructor's items as they stand: a copy of each item's sheet
 * entry in lesson order, with the mark given so far and who gave it.  At
 * most `max` are filled; returns the number of items. */
int grader_peek_items(const grader *g, sheet_element *out, int max);

/* Closes every open window and fills `out` (owned by the caller, free
 * with sheet_free).  SAQR_ENOMEM on failure. */
int grader_finish(grader *g, grade_sheet *out);

#endif
