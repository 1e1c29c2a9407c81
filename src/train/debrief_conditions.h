/*
 * debrief_conditions.h - the debrief's line on the weather the sortie was
 * flown in: the steady wind and the gust factor, from the recording's
 * channels (wind-from-deg, wind-kt, gust-kt); and on the sky the outside
 * view showed, from the lesson's <sky> and the recording's "sky" events.
 */
#ifndef SAQR_TRAIN_DEBRIEF_CONDITIONS_H
#define SAQR_TRAIN_DEBRIEF_CONDITIONS_H

#include <stdio.h>

#include "train/record.h"

/* Writes a paragraph (HTML) with the wind at the recording's first frame
 * ("from 004 deg true at 20 kt, gusts to 6 kt above it", or calm) and,
 * when the instructor changed it during the sortie, the range it took.
 * Nothing for a recording made before the wind was recorded, or with no
 * frames. */
void debrief_write_conditions(FILE *f, const rec_data *rec);

struct lesson;
/* Writes a paragraph (HTML) with the sky the outside view showed: the
 * lesson's <sky> at the start ("visibility 800 m, overcast at 150 ft,
 * noon") and each change the instructor made (the recording's "sky"
 * events, with their times).  Nothing when the lesson sets no sky and the
 * instructor changed none, or without the lesson. */
void debrief_write_sky(FILE *f, const rec_data *rec, const struct lesson *l);

#endif
