/*
 * wind.c - steady wind with a linear altitude shear (NASA TM-2015-218675
 * cases 7 and 8 use exactly these two forms).
 */
#include "atmos/wind.h"

#include <math.h>

saqr_status wind_validate(const saqr_wind_config *w, saqr_err *err)
{
    if (!w)
        return err_set(err, SAQR_EINVAL, "wind: no configuration given");
    static const char *axis[3] = {"north", "east", "down"};
    for (int i = 0; i < 3; i++) {
        if (!isfinite(w->wind_ned_mps[i]) || fabs(w->wind_ned_mps[i]) > 1000.0)
            return err_set(err, SAQR_EINVAL, "wind: wind_ned_mps[%d] (%s) is not finite or > 1000 m/s", i, axis[i]);
        if (!isfinite(w->shear_ned_per_s[i]) || fabs(w->shear_ned_per_s[i]) > 1000.0)
            return err_set(err, SAQR_EINVAL, "wind: shear_ned_per_s[%d] (%s) is not finite or too large", i, axis[i]);
    }
    if (!isfinite(w->ref_alt_m))
        return err_set(err, SAQR_EINVAL, "wind: ref_alt_m is not finite");
    return SAQR_OK;
}

void wind_at(const saqr_wind_config *w, double alt_m, double out[3])
{
    double dh = alt_m - w->ref_alt_m;
    for (int i = 0; i < 3; i++)
        out[i] = w->wind_ned_mps[i] + w->shear_ned_per_s[i] * dh;
}
