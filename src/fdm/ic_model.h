/*
 * ic_model.h - the working state behind the initial conditions: a small,
 * always consistent description of position, attitude, Earth-relative
 * velocity, airspeed and wind, changed by setters that each keep the
 * other quantities as JSBSim's FGInitialCondition keeps them (setting the
 * altitude after a calibrated airspeed keeps the calibrated airspeed;
 * setting alpha keeps the true airspeed, climb rate and heading and
 * changes theta; setting a wind keeps the ground velocity ...).  Used by
 * the initialisation-file reader, by ic_resolve and by the trim, which
 * works on its own copy as FGTrim does.
 *
 * Units are SI; angles in radians.  The wind is not stored: as in JSBSim it
 * is the difference between the air-relative velocity (vt along the wind
 * axes) and the Earth-relative velocity.
 * Reference: JSBSim src/initialization/FGInitialCondition.cpp,
 * src/models/FGAuxiliary.cpp (calibrated airspeed), src/math/FGLocation.cpp.
 */
#ifndef SAQR_FDM_IC_MODEL_H
#define SAQR_FDM_IC_MODEL_H

#include "earth/earth.h"
#include "fdm/ic.h"

/* Which speed, altitude or latitude was given last (FGInitialCondition's
 * speedset / altitudeset / latitudeset). */
typedef enum ic_speed_set { IC_SET_NED, IC_SET_UVW, IC_SET_VG, IC_SET_VT, IC_SET_VC, IC_SET_VE, IC_SET_MACH } ic_speed_set;
typedef enum ic_alt_set { IC_SET_ASL, IC_SET_AGL } ic_alt_set;
typedef enum ic_lat_set { IC_SET_GEOC, IC_SET_GEOD } ic_lat_set;

/* Trim requested by an initialisation file's <trim> (JSBSim TrimMode
 * numbers; -1 none). */
enum { IC_TRIM_NONE = -1 };

typedef struct ic_model {
    earth_model earth;              /* WGS-84, as JSBSim's FGInertial      */
    double r_ecef_m[3];             /* CG position (FGLocation)            */
    double terrain_elev_m;          /* flat terrain above the ellipsoid    */
    double euler_rad[3];            /* phi, theta, psi (psi in [0, 2 pi))  */
    double vel_ned_mps[3];          /* Earth-relative velocity, NED        */
    double omega_body_radps[3];     /* p, q, r                             */
    double vt_mps;                  /* true airspeed                       */
    double alpha_rad, beta_rad;
    double c_body_wind[3][3];       /* wind axes -> body (Tw2b)            */
    double target_nlf;              /* load factor for pull-up trims       */
    ic_speed_set last_speed;
    ic_alt_set last_alt;
    ic_lat_set last_lat;
    unsigned running_mask;          /* bit i: engine i starts running      */
    int running_all;                /* <running>-1</running> seen          */
    int trim_request;               /* <trim> of a v1 file, IC_TRIM_NONE   */
} ic_model;

/* Standard state: on the equator at sea level, level, at rest. */
void icm_init(ic_model *m);

/* ---- air data of the standard atmosphere (us1976) */
double icm_mach_from_vcas(double vcas_mps, double pressure_pa);
double icm_vcas_from_mach(double mach, double pressure_pa);

/* ---- getters */
double icm_alt_asl_m(const ic_model *m);    /* radius - sea-level radius  */
double icm_alt_agl_m(const ic_model *m);    /* geodetic alt - terrain     */
double icm_geod_alt_m(const ic_model *m);
double icm_lat_gc_rad(const ic_model *m);
double icm_lat_geod_rad(const ic_model *m);
double icm_lon_rad(const ic_model *m);
void icm_vt_ned(const ic_model *m, double vt_ned_mps[3]);  /* air-relative */
void icm_wind_ned(const ic_model *m, double wind_ned_mps[3]);
void icm_body_vel(const ic_model *m, double uvw_mps[3]);
void icm_body_wind(const ic_model *m, double wind_body_mps[3]);
double icm_climb_rate_mps(const ic_model *m);
double icm_gamma_rad(const ic_model *m);
double icm_vground_mps(const ic_model *m);
double icm_vcas_mps(const ic_model *m);
double icm_veas_mps(const ic_model *m);
double icm_mach(const ic_model *m);

/* ---- setters (each keeps FGInitialCondition's invariants) */
void icm_set_vt(ic_model *m, double vt_mps);
void icm_set_vcas(ic_model *m, double vcas_mps);
void icm_set_veas(ic_model *m, double veas_mps);
void icm_set_mach(ic_model *m, double mach);
void icm_set_vground(ic_model *m, double vg_mps);
void icm_set_body_vel(ic_model *m, int axis, double vel_mps);
void icm_set_ned_vel(ic_model *m, int axis, double vel_mps);
/* Returns -1 (and changes nothing) when |climb rate| > vt. */
int icm_set_climb_rate(ic_model *m, double hdot_mps);
int icm_set_gamma(ic_model *m, double gamma_rad);
/* Returns -1 (and changes nothing) when alpha cannot be reached. */
int icm_set_alpha(ic_model *m, double alpha_rad);
void icm_set_beta(ic_model *m, double beta_rad);
void icm_set_euler(ic_model *m, int axis, double angle_rad);
void icm_set_wind_ned(ic_model *m, const double wind_ned_mps[3]);
void icm_set_wind_mag(ic_model *m, double mag_mps);
void icm_set_wind_dir(ic_model *m, double dir_rad);
void icm_set_head_wind(ic_model *m, double head_mps);
void icm_set_cross_wind(ic_model *m, double cross_mps);
void icm_set_wind_down(ic_model *m, double down_mps);
void icm_set_terrain_elev(ic_model *m, double elev_m);
void icm_set_alt_agl(ic_model *m, double agl_m);
void icm_set_alt_asl(ic_model *m, double asl_m);
void icm_set_lat_gc(ic_model *m, double lat_rad);
void icm_set_lat_geod(ic_model *m, double lat_rad);
void icm_set_lon(ic_model *m, double lon_rad);
/* Sets the geocentric radius keeping latitude and longitude (v2 files). */
void icm_set_radius(ic_model *m, double radius_m);

/* The state an aircraft is placed at. */
void icm_to_fdm_ic(const ic_model *m, fdm_ic *out);

/* ---- the ic/ properties (ic.c) */

#define IC_PROP_COUNT 52

/* Specification: the model as the initialisation files left it, the ic/
 * property slots, and the values last written to them, so that values
 * changed since (by a script or the command line) can be told apart. */
struct ic_state {
    ic_model base;
    int slot[IC_PROP_COUNT];
    double published[IC_PROP_COUNT];
    unsigned char written[IC_PROP_COUNT]; /* written from outside since
                                             published, if to the same value */
};

/* An outside write of ic/ property `slot` (fdm_set_property): applied at
 * the next resolution even when it wrote the value already shown, as a
 * JSBSim setter acts on any value (it makes, say, the geodetic latitude
 * the one a new altitude keeps). */
void ic_mark_written(ic_state *s, int slot);

/* The model with every ic/ property changed or written since the last
 * publication applied, in a fixed order (position, attitude, velocities, airspeeds,
 * flight-path angle, alpha, beta, winds, rates).  SAQR_EINVAL naming the
 * property when one cannot be satisfied. */
saqr_status ic_resolve_model(const ic_state *s, const double *v, ic_model *out, saqr_err *err);
/* What ic/ property `slot` reads with the ic/ properties written since
 * the last publication applied, as ic_resolve_model would apply them (JSBSim's
 * getters work out every ic/ property again at each write): 1 and *out;
 * 0 when nothing is pending, `slot` is not an ic/ property, or the
 * writes cannot be satisfied (the initialisation reports that). */
int ic_read_pending(const ic_state *s, const double *v, int slot, double *out);
/* Writes the model's values into the ic/ properties and remembers them. */
void ic_publish(ic_state *s, const ic_model *m, double *v);
/* Makes a flight state the initial conditions (and publishes them): the
 * CG at r_ecef_m over terrain at terrain_elev_m, attitude euler_rad,
 * Earth-relative velocity vel_ned_mps, body rates relative to the Earth
 * omega_body_radps, steady wind wind_ned_mps (as the atmosphere/wind-*
 * properties hold it).  The rest of the specification (running engines,
 * target load factor) is kept. */
void ic_capture(ic_state *s, const double r_ecef_m[3], double terrain_elev_m, const double euler_rad[3],
                const double vel_ned_mps[3], const double omega_body_radps[3], const double wind_ned_mps[3],
                double *v);
/* The same flight state as an IC model in `out`, nothing published. */
void ic_capture_model(const ic_state *s, const double r_ecef_m[3], double terrain_elev_m, const double euler_rad[3],
                      const double vel_ned_mps[3], const double omega_body_radps[3], const double wind_ned_mps[3],
                      ic_model *out);
/* Reads an <initialize> element (version 1 or 2) into `m` (ic_load.c). */
saqr_status ic_read_xml(jx_ctx *c, const xmlNode *root, ic_model *m);

#endif
