/*
 * record_moment.h - the events of a recording that mark a moment worth
 * going back to in a debrief: a touch-down, a malfunction, leaving the
 * runway, a crash, "I have control", a recall or rewind, the instructor's
 * note.  The debrief page's map labels them and the station's replay
 * offers to play the flight from each.
 */
#ifndef SAQR_TRAIN_RECORD_MOMENT_H
#define SAQR_TRAIN_RECORD_MOMENT_H

#include "train/record.h"

/* The moment's name for a reader ("Touch-down", "Note", ...) when events
 * of `kind` mark one, else NULL. */
const char *rec_moment_label(const char *kind);

#endif
