/*
 * fdm_air.h - atmosphere, winds and auxiliary air data of a JSBSim-format
 * aircraft (see fdm_air.c).
 */
#ifndef SAQR_FDM_FDM_AIR_H
#define SAQR_FDM_FDM_AIR_H

#include "fdm/fdm_internal.h"

/* JSBSim's standard-day sea-level pressure (FGAtmosphere::StdDaySLpressure):
 * the default of atmosphere/P-sl-psf, and the reference of calibrated and
 * equivalent airspeed whatever the day's sea-level pressure. */
#define FDM_STD_SL_PRESSURE_PSF 2116.228

/* Atmosphere at the current altitude into env and atmosphere/ properties.
 * The day is set by atmosphere/delta-T (temperature bias, R) and
 * atmosphere/P-sl-psf (sea-level pressure), as JSBSim's
 * FGStandardAtmosphere::SetTemperatureBias / SetPressureSL; as there, no
 * temperature falls below 1 K (a lower bias is raised to the one that
 * gives 1 K in the coldest layer) and no pressure below 1e-15 Pa (a lower
 * sea-level pressure, zero too, is raised to it). */
void fdm_atmosphere(saqr_fdm *f, double *v);
/* After a write of atmosphere/delta-T or P-sl-psf: the value kept to
 * those floors and the day's sea level (T-sl-R, rho-sl-slugs_ft3,
 * a-sl-fps and the ratios to it) changed at once, as JSBSim's setters do;
 * the air at the altitude changes at the next run of the models. */
void fdm_atmosphere_day_written(saqr_fdm *f, double *v);
/* Its reports (atmosphere/T-R, rho-slugs_ft3, a-fps, the sea level's and
 * the ratios) to d[i[0]] ... d[i[9]], from what it last left in env: the
 * group fdm_reports.c publishes only when read. */
void fdm_atmosphere_report(const saqr_fdm *f, double *d, const int *i);

/* The standard day's sea level into env (sl_pressure_pa, sl_density_kgpm3):
 * for an environment built without fdm_atmosphere (model tests). */
void fdm_env_standard_sea_level(fdm_env *env);
/* Total wind (steady + atmosphere/gust-*-fps + cosine gust + turbulence)
 * into env; advances the cosine gust by dt. */
void fdm_winds(saqr_fdm *f, double *v, double dt_s);
/* The steady wind set by its speed (ft/s) or the direction it blows
 * towards (rad), NAN for the one not set, as JSBSim's FGWinds::
 * SetWindspeed and SetWindPsi do: a speed given to a calm air blows
 * towards the north; a direction turns the wind there is, keeping its
 * speed (so a direction set in calm air is lost: set the speed first);
 * either leaves the wind horizontal. */
void fdm_set_wind_polar(saqr_fdm *f, double speed_fps, double psi_rad);

/* Starts a one-minus-cosine gust (atmosphere/cosine-gust/start). */
void fdm_gust_start(saqr_fdm *f);
/* Air data (airspeeds, Mach, qbar, alpha, beta, rates) into env and the
 * velocities/, aero/, flight-path/ and accelerations/ load factors. */
void fdm_aux(saqr_fdm *f, double *v);
/* The properties JSBSim computes when read (distances from the start,
 * orbital elements), written into v when something in the model, a
 * script or an output directive reads them (PROP_READ); the API computes
 * them when asked (saqr_fdm_get).  fdm_aux calls it every frame. */
void fdm_publish_on_demand(saqr_fdm *f, double *v);
/* The same, and the groups their producers publish (fdm_internal.h's
 * FDM_LAZY_AT_PRODUCER on): every read group's current value, for an
 * output directive's first row. */
void fdm_publish_read_now(saqr_fdm *f, double *v);

/* Properties published by fdm_publish_on_demand only when read in the
 * model (the visual reference point, position/vrp-*; the flight path,
 * flight-path/gamma-* and psi-gt-*; the Euler angles' rates,
 * velocities/phidot-rad_sec ...; the ECI and ECEF coordinates; the
 * pressure and density altitudes, the geocentric latitude, the mass
 * properties and the reports of fdm_reports.c, which their producers
 * publish instead), else worked out when the API asks:
 * returns 1 with *value when slot is one of them and not published. */
int fdm_lazy_value(const saqr_fdm *f, int slot, double *value);
/* Flags those slots and the distances from the start PROP_LAZY at load,
 * so that reading any other property costs one test (saqr_fdm_get). */
void fdm_lazy_mark(saqr_fdm *f);
/* Whether they are read is settled again at the next frame (after new
 * readers, such as output directives, were added). */
void fdm_lazy_reconsider(saqr_fdm *f);
/* The geocentric latitude (rad, deg) of the position the models last ran
 * at (env.r_ecef_m): published by fdm_publish_state only when read. */
void fdm_geocentric_latitude(const saqr_fdm *f, double *lat_gc_rad, double *lat_gc_deg);

/* position/distance-from-start-{lon,lat,mag}-mt (which 0, 1, 2), metres
 * along the ellipsoid from the initial position. */
double fdm_distance_from_start_m(const saqr_fdm *f, int which);

/* Seed of the Dryden turbulence's noise for an atmosphere/randomseed value
 * (a whole number, 0..2^53; 0: Saqr's fixed default stream). */
uint64_t fdm_turbulence_seed(double random_seed);

#endif
