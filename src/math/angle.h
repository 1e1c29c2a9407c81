/*
 * angle.h - compass directions in degrees.
 */
#ifndef SAQR_MATH_ANGLE_H
#define SAQR_MATH_ANGLE_H

#include <math.h>

/* A direction within 0..360 deg (a heading, a wind's "from"). */
static inline double angle_wrap360_deg(double deg)
{
    double d = fmod(deg, 360.0);
    return d < 0.0 ? d + 360.0 : d;
}

/* An angle folded into -180..180 deg (a difference of two directions). */
static inline double angle_wrap180_deg(double deg)
{
    double d = fmod(deg, 360.0);
    if (d >= 180.0)
        d -= 360.0;
    else if (d < -180.0)
        d += 360.0;
    return d;
}

/* The turn from direction from_deg to direction to_deg, the short way
 * round: -180..180 deg. */
static inline double angle_turn_deg(double from_deg, double to_deg)
{
    return angle_wrap180_deg(to_deg - from_deg);
}

/* A direction as a compass card reads it: whole degrees, 360 for north
 * (never 0). */
static inline double angle_compass_deg(double deg)
{
    double r = fmod(floor(deg + 0.5), 360.0);
    return r <= 0.0 ? r + 360.0 : r;
}

#endif
