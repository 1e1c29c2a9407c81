/*
 * debrief.h - the sortie debrief: one self-contained HTML page (inline CSS
 * and SVG, no scripts, nothing fetched) that an instructor walks through
 * with the trainee after a flight.
 *
 * The page holds, in order: the lesson, aircraft, pilot and the sortie's
 * result (Pass / Marginal / Unsat) with its summary; the recording's
 * metadata and, when the recording was cut or damaged, a warning that the
 * debrief covers only what was recovered; the grade sheet (band, worst
 * moment, ratio, mark, source of the tolerance, deductions); one plot per
 * observed element (its channel against sortie time around the graded
 * window, the accepted band shaded, the worst moment marked); the ground
 * track from lat-deg / lon-deg, in the runway frame with the runway drawn
 * to scale when a runway is given, else north-up from the first point,
 * with the events marked where they happened; and the table of events.
 *
 * Every string that came from a file is escaped, so a hostile recording or
 * lesson cannot inject markup.  Nothing is allocated.
 */
#ifndef SAQR_TRAIN_DEBRIEF_H
#define SAQR_TRAIN_DEBRIEF_H

#include <stdio.h>

#include "train/airport.h"
#include "train/lesson.h"
#include "train/record.h"
#include "train/sheet.h"
#include "util/err.h"

#define DEBRIEF_MAX_PLOT_POINTS 1500 /* a trace is thinned to this many points */

/* Writes the debrief page to `path` (created or truncated).  `rwy` may be
 * NULL (the track is then drawn north-up).  `l`, the lesson flown, may be
 * NULL; with it the ground track shows its route's legs (the planned
 * courses) and checkpoints, north up from the runway's threshold.  Returns SAQR_OK; SAQR_EINVAL
 * when rec or sheet is NULL or not self-consistent; SAQR_EIO when the file
 * cannot be created or written; the message in `err` names the file.  A
 * failed write may leave a partial file behind. */
int debrief_write_html(const char *path, const rec_data *rec, const grade_sheet *sheet, const airport_runway *rwy,
                       const lesson *l, saqr_err *err);

/* The same onto an open stream; `name` stands for it in messages.  The
 * stream is not closed; SAQR_EIO when it reports an error. */
int debrief_write_html_stream(FILE *f, const char *name, const rec_data *rec, const grade_sheet *sheet,
                              const airport_runway *rwy, const lesson *l, saqr_err *err);

#endif
