/*
 * replay_view.h - FlightGear's outside view during the instructor's
 * replay: the aircraft where the replayed flight was, not where the
 * paused one is.  The replay keeps the cockpit's readings 10 times a
 * second (station_internal.h, STATION_REPLAY_HZ); the view is fed faster
 * (60 Hz), so the position, attitude and speeds are interpolated
 * between two samples, angles the short way round.  What the replay
 * does not keep (the engines' temperatures, the tanks, the struts) stays
 * as the paused aircraft's packet has it.
 * A formation's lead replays beside it (lead_mp.h).
 */
#ifndef SAQR_STATION_REPLAY_VIEW_H
#define SAQR_STATION_REPLAY_VIEW_H

#include "station/fgnet.h"
#include "train/sortie_control.h"

/* Overwrites pkt's position, attitude, rates, speeds, accelerations,
 * controls and gear with the flight `frac` (0..1) of the way from sample
 * a to sample b, which are sample_dt_s apart (> 0). */
void replay_view_packet(const sortie_instruments *a, const sortie_instruments *b, double frac, double sample_dt_s,
                        fgnet_packet *pkt);

#endif
