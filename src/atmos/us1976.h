/*
 * us1976.h - U.S. Standard Atmosphere 1976, lower atmosphere (0-86 km).
 *
 * Seven geopotential layers with linear temperature profiles, hydrostatic
 * pressure, ideal-gas density and speed of sound.  Geometric altitude is
 * converted to geopotential altitude with r0 = 6,356,766 m.
 * Reference: NOAA/NASA/USAF, "U.S. Standard Atmosphere, 1976", NOAA-S/T
 * 76-1562, Part 1, sections 1.2-1.3, tables 4 and 5.
 */
#ifndef SAQR_ATMOS_US1976_H
#define SAQR_ATMOS_US1976_H

typedef struct atmos_state {
    double temperature_k;
    double pressure_pa;
    double density_kgpm3;
    double sound_speed_mps;
} atmos_state;

#define US1976_MIN_ALT_M (-5000.0) /* lowest tabulated geometric altitude  */
#define US1976_MAX_ALT_M 86000.0   /* top of the lower atmosphere model    */

/* Fills `out` at geometric altitude alt_m.  Returns 0 inside
 * [US1976_MIN_ALT_M, US1976_MAX_ALT_M]; outside (or NaN) the altitude is
 * clamped to the nearest bound (NaN to 0), `out` is filled there, and 1 is
 * returned.  Never fails otherwise. */
int us1976(double alt_m, atmos_state *out);

/* Geopotential altitude (m') of a geometric altitude (m). */
double us1976_geopotential_m(double alt_m);
/* The temperature alone (K), clamped as us1976 clamps: the same bits as
 * us1976's temperature_k, without the pressure's pow. */
double us1976_temperature_k(double alt_m);

#endif
