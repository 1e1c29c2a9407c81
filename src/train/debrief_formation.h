/*
 * debrief_formation.h - a formation sortie's picture on its debrief page:
 * where the aircraft was from the lead through the sortie (the channels
 * form-right-ft and form-ahead-ft: a plan view in the lead's frame, the
 * lead at the origin pointing up), each exercise's part of it in a colour
 * of its own, and the stations the lesson keeps (its <formation>
 * segments), with how far from its station each exercise flew at most
 * and on average.
 */
#ifndef SAQR_TRAIN_DEBRIEF_FORMATION_H
#define SAQR_TRAIN_DEBRIEF_FORMATION_H

#include <stdio.h>

#include "train/lesson.h"
#include "train/record.h"

/* The "Formation" section: nothing when the recording holds no place in
 * a lead's frame (no lead, or a recording older than the channels). */
void debrief_write_formation(FILE *f, const rec_data *rec, const lesson *l);

#endif
