/*
 * wind.h - the steady wind field: a constant wind plus a linear shear with
 * altitude (see saqr_wind_config in saqr.h).
 */
#ifndef SAQR_ATMOS_WIND_H
#define SAQR_ATMOS_WIND_H

#include "saqr.h"
#include "util/err.h"

/* Checks that every field is finite and below 1000 m/s (or (m/s)/m). */
saqr_status wind_validate(const saqr_wind_config *w, saqr_err *err);

/* Wind velocity (air mass over ground) in NED at geometric altitude alt_m. */
void wind_at(const saqr_wind_config *w, double alt_m, double wind_ned_mps[3]);

#endif
