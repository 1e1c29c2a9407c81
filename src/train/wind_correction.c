/*
 * wind_correction.c - the wind correction angle of the wind triangle.
 * Reference: FAA-H-8083-25C ch. 16; AIM 5-3-8 j.
 */
#include "train/wind_correction.h"

#include <math.h>

#include "math/trig.h"
#include "math/units.h"

double wind_correction_deg(double track_deg, double tas_kt, double wind_from_deg, double wind_kt)
{
    if (!(tas_kt > 0.0) || !(wind_kt > 0.0) || !isfinite(track_deg) || !isfinite(wind_from_deg) ||
        !isfinite(wind_kt))
        return 0.0;
    /* the wind's component across the track, from the right positive */
    const double cross_kt = wind_kt * trig_sin((wind_from_deg - track_deg) * RAD_PER_DEG);
    const double s = cross_kt / tas_kt;
    if (s >= 1.0)
        return 90.0;
    if (s <= -1.0)
        return -90.0;
    return asin(s) * DEG_PER_RAD;
}
