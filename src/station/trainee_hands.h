/*
 * trainee_hands.h - the cockpit's controls in a sortie where the
 * instructor may have control (an exercise flown-by="instructor",
 * lesson.h, or "I have control"): what the cockpit commands is kept,
 * reaches the aircraft only while the cockpit flies it (the trainee has
 * control, or the instructor flies from the cockpit: sortie_cockpit_flies),
 * and all of it when the cockpit gets the aircraft back - the controls go
 * where they are held, not where the reference pilot left them until
 * each one is moved again.  Used by the instructor station
 * (station_frame.c) and by a lesson flown in real time (station_fly.c).
 */
#ifndef SAQR_STATION_TRAINEE_HANDS_H
#define SAQR_STATION_TRAINEE_HANDS_H

#include "station/controls.h"
#include "train/sortie.h"

typedef struct trainee_hands {
    unsigned known;                 /* bit per control commanded this sortie */
    double value[CONTROLS_COUNT];   /* its latest command                    */
    int cockpit_out;                /* the cockpit did not fly the last frame */
} trainee_hands;

/* The aircraft's property of each control (-1 where it has none).  An
 * aircraft whose gear does not retract has no gear lever: a gear button
 * of the trainee's device or cockpit changes nothing there. */
void trainee_hands_bind(saqr_fdm *f, int slot[CONTROLS_COUNT]);

/* A new sortie: nothing commanded yet (the lesson's settings stand). */
void trainee_hands_reset(trainee_hands *h);

/* The trainee's commands of the controls in `mask` (values within their
 * limits): kept, and written to the aircraft's properties (`slot` per
 * control, -1 where it has none) when `fly` and the trainee has control. */
void trainee_hands_input(trainee_hands *h, sortie *so, const int slot[CONTROLS_COUNT], unsigned mask,
                         const double value[CONTROLS_COUNT], int fly);

/* After each frame of the sortie: when the instructor has just handed
 * over, writes every control the trainee has commanded. */
void trainee_hands_after_frame(trainee_hands *h, sortie *so, const int slot[CONTROLS_COUNT]);

#endif
