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

#endif
