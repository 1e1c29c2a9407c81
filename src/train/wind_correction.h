/*
 * wind_correction.h - the wind correction angle: how far into the wind an
 * aircraft must head to make good a ground track.  Shared by the
 * reference pilot (a heading flown with a multiple of it, as a holding's
 * outbound leg is) and the grader (the band of such a heading moved with
 * it), so both lay off the same correction.
 *
 * Reference: FAA-H-8083-25C (Pilot's Handbook of Aeronautical Knowledge)
 * ch. 16, the wind triangle; AIM 5-3-8 j (holding: "triple the inbound
 * drift correction" outbound).
 */
#ifndef SAQR_TRAIN_WIND_CORRECTION_H
#define SAQR_TRAIN_WIND_CORRECTION_H

/* The heading minus the track, deg (positive: head right of the track),
 * that makes good track_deg (true) at true airspeed tas_kt in a wind of
 * wind_kt from wind_from_deg (true): asin(crosswind / tas), the crosswind
 * from the right positive.  A crosswind as strong as the airspeed gives
 * +-90.  0 in calm air, or when any input is not a number or tas_kt is
 * not positive (no correction known). */
double wind_correction_deg(double track_deg, double tas_kt, double wind_from_deg, double wind_kt);

#endif
