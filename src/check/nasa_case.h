/*
 * nasa_case.h - definitions of NASA TM-2015-218675 check cases, read from
 * Saqr's own case files (data/nasa/atmos_NN.xml).
 *
 * A case file names the Earth model, the vehicle (DAVE-ML inertia and aero
 * models from NASA's package, with optional constant overrides), the
 * initial state, the wind, the run length and the integration step.  Values
 * carry JSBSim-style `unit=` attributes (FT, M, DEG, RAD, FT/SEC, M/SEC,
 * DEG/SEC, RAD/SEC, SEC, 1/SEC).  The format is described in
 * docs/nasa-check-cases.md.
 */
#ifndef SAQR_CHECK_NASA_CASE_H
#define SAQR_CHECK_NASA_CASE_H

#include "saqr.h"
#include "util/err.h"

#define NASA_MAX_OVERRIDES 8
#define NASA_MAX_EVENTS 8
#define NASA_MAX_CRITERIA 8

typedef struct nasa_override {
    char var[64];       /* DAVE-ML varID or name                         */
    double value;       /* in the model's own units                      */
    char from[64];      /* control inputs only: "" or the name of a      */
                        /* state input of the law whose value at t = 0   */
                        /* (after trim) is taken instead of `value`      */
} nasa_override;

typedef enum nasa_vehicle_kind {
    NASA_VEHICLE_BODY = 0,   /* inertia + optional wind-axis aero (spheres, */
                             /* bricks: model/daveml_vehicle.h)            */
    NASA_VEHICLE_AIRCRAFT    /* aero + propulsion + inertia + optional     */
                             /* control law (model/f16_vehicle.h)          */
} nasa_vehicle_kind;

/* A change of a control-law input during the run. */
typedef struct nasa_event {
    double time_s;      /* applied at the first step starting at or after */
    char var[64];       /* control-law input                              */
    double value;       /* file units                                     */
    int add;            /* 1: value is added to the input's current value */
} nasa_event;

/* Quantities the acceptance criteria of the flying cases look at. */
typedef enum nasa_quantity {
    NASA_Q_ALTITUDE,            /* geodetic altitude, m                  */
    NASA_Q_TRUE_AIRSPEED,       /* m/s                                   */
    NASA_Q_EQUIVALENT_AIRSPEED, /* m/s                                   */
    NASA_Q_HEADING,             /* yaw angle, rad (differences wrapped)  */
    NASA_Q_COURSE,              /* ground track angle, rad (wrapped)     */
    NASA_Q_CROSS_TRACK,         /* distance right of the initial ground  */
                                /* track, m (see nasa_run.h)             */
    NASA_Q_RANGE,               /* distance from the reference point, m  */
                                /* (0 without <reference-point>)         */
    NASA_Q_LATITUDE,            /* geodetic latitude, rad                */
    NASA_Q_LONGITUDE,           /* longitude, rad (differences wrapped)  */
    NASA_Q_COUNT
} nasa_quantity;

typedef enum nasa_criterion_kind {
    NASA_HOLD,     /* |q(t) - q(0)| <= within over the whole run          */
    NASA_REACH,    /* |q(t) - (q(0) + change)| <= within for t >= after_s */
                   /* (or |q(t) - value| with has_value)                  */
    NASA_CONTINUOUS, /* |q(t) - q(t - step)| <= within at every step      */
                   /* (angles wrapped), and latitude/longitude inside     */
                   /* +-90 / +-180 deg                                    */
    NASA_CROSS     /* q(t) - value changes sign at least `count` times    */
                   /* (angles wrapped; a wrap at value + 180 deg is no    */
                   /* crossing)                                           */
} nasa_criterion_kind;

typedef struct nasa_criterion {
    nasa_criterion_kind kind;
    nasa_quantity quantity;
    double within;      /* SI (m, m/s, rad)                               */
    double change;      /* SI; NASA_REACH only                            */
    double after_s;     /* NASA_REACH only                                */
    double value;       /* SI; NASA_CROSS, and NASA_REACH with has_value  */
    int has_value;
    int count;          /* NASA_CROSS: crossings required                 */
    int line;           /* in the case file, for messages                 */
} nasa_criterion;

/* A navigation input of the control law, fed at every step: the
 * cross-track distance of the aircraft from a desired track, +right.  The
 * desired track is the initial ground track (see NASA_Q_CROSS_TRACK)
 * moved offset_m to the right from time_s on (before: offset 0). */
typedef struct nasa_cross_track {
    char var[64];       /* control-law input; "" when the case has none   */
    double offset_m;    /* +right                                         */
    double time_s;
    double unit_per_m;  /* file units of the input per metre              */
} nasa_cross_track;

typedef struct nasa_case {
    char id[16];               /* "01" .. "10", "13p1": NASA's numbering   */
    char title[128];
    char reference[128];       /* folder of NASA's results, e.g.           */
                               /* "Atmos_01_DroppedSphere"                 */
    saqr_earth_kind earth;
    double duration_s;
    double step_s;             /* integration step                         */
    double output_dt_s;        /* spacing of the written trajectory        */
    saqr_integrator integrator;/* RK4 or one multistep scheme for all     */
    char inertia_file[256];    /* relative to the NASA data folder         */
    char aero_file[256];       /* "" when the vehicle has no aero model    */
    nasa_override overrides[NASA_MAX_OVERRIDES];
    int n_overrides;
    nasa_vehicle_kind vehicle;
    char prop_file[256];       /* aircraft: propulsion model               */
    char control_file[256];    /* aircraft: control law, "" for none       */
    int engine_lag;            /* aircraft: 1 Stevens & Lewis power lag    */
    nasa_override inertia_inputs[NASA_MAX_OVERRIDES];
    int n_inertia_inputs;
    nasa_override control_inputs[2 * NASA_MAX_OVERRIDES];
    int n_control_inputs;
    int trim;                  /* 1: trim straight and level at t = 0      */
    nasa_cross_track cross_track; /* aircraft with a control law only     */
    int has_ref_point;         /* <reference-point> given                  */
    double ref_lat_rad, ref_lon_rad; /* geodetic, on the reference surface */
    nasa_event events[NASA_MAX_EVENTS];
    int n_events;
    nasa_criterion criteria[NASA_MAX_CRITERIA];
    int n_criteria;
    saqr_initial_state init;
    int rates_wrt_ned;         /* init's body rates are relative to the    */
                               /* local NED frame (the workbook's "rates   */
                               /* w.r.t. local frame"); see nasa_trim.h    */
    saqr_wind_config wind;
} nasa_case;

/* Reads a case file.  On failure returns SAQR_EIO/SAQR_EPARSE/SAQR_EINVAL
 * with "file:line: ..." in err; `c` is then unspecified. */
saqr_status nasa_case_load(const char *path, nasa_case *c, saqr_err *err);

/* Same, from memory (`name` used in messages). */
saqr_status nasa_case_load_memory(const char *xml, size_t len, const char *name, nasa_case *c,
                                  saqr_err *err);

#endif
