/*
 * lead_mp.h - a formation lesson's lead to FlightGear's multiplayer input
 * (fgmp.h), so that FlightGear draws it as another aircraft: flying (the
 * sortie's lead as the last frame read it) or, at the station, replayed
 * beside the replayed aircraft (between two of the replay's samples, 10
 * a second, interpolated as replay_view.h interpolates the aircraft's;
 * its velocity the change between the two, as a stored sortie's
 * recording does not hold the lead's velocity).  The station
 * (station_frame.c) and `saqr fly --realtime` (station_fly.c) send it
 * about 20 times a second.
 */
#ifndef SAQR_STATION_LEAD_MP_H
#define SAQR_STATION_LEAD_MP_H

#include "station/fgmp.h"
#include "station/fgnet.h"
#include "train/sortie_control.h"

#define LEAD_MP_HZ 20.0 /* messages a second                     */
#define LEAD_MP_CALLSIGN "LEAD"
/* FlightGear plays the lead this late, interpolating between messages
 * by their time: one message and a half. */
#define LEAD_MP_LAG_S 0.15

/* The flying lead's position, attitude and velocity into *out. */
void lead_mp_flying(const sortie_lead_values *l, fgmp_position *out);

/* The lead's position, attitude and velocity over the ground in *out the
 * flight `frac` (0..1) of the way from sample a to sample b, sample_dt_s
 * apart (> 0). */
void lead_mp_replayed(const sortie_lead_values *a, const sortie_lead_values *b, double frac, double sample_dt_s,
                      fgmp_position *out);

/* Sends the lead *p (its position, attitude and velocity filled) as the
 * model `model` at the sender's time time_s, which must only go forward
 * (FlightGear orders the messages by it).  A lost datagram is not an
 * error (the next one follows); the sender counts it. */
void lead_mp_send(fg_sender *mp, const char *model, double time_s, fgmp_position *p);

#endif
