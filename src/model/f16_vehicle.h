/*
 * f16_vehicle.h - an aircraft built from the DAVE-ML models of NASA's F-16
 * package (NASA TM-2015-218675, models/F16_package; Stevens & Lewis,
 * "Aircraft Control and Simulation", 2nd ed., 2003, section 3.4):
 * aerodynamics (body-axis coefficients), propulsion (thrust from power
 * lever angle, altitude and Mach), mass properties and, optionally, a
 * control law (F16_control.dml: SAS and autopilot, or F16_gnc.dml: the
 * circling navigator).
 *
 * Aero model inputs fed (AIAA standard names): trueAirspeed, angleOfAttack,
 * angleOfSideslip, bodyAngularRate_Roll/Pitch/Yaw (relative to the Earth),
 * elevatorDeflection, aileronDeflection, rudderDeflection.  Outputs used:
 * aeroBodyForceCoefficient_X/Y/Z, aeroBodyMomentCoefficient_Roll/Pitch/Yaw
 * (about the moment reference centre), referenceWingArea/Span/Chord.
 * Propulsion inputs: powerLeverAngle (percent; 50 = MIL, 100 = MAX),
 * altitudeMSL, mach; outputs thrustBodyForce_X/Y/Z, thrustBodyMoment_*.
 * As the F-16 README requires, the summed aero and propulsion forces and
 * moments are moved from the moment reference centre to the centre of mass.
 *
 * Engine: the propulsion model gives steady-state thrust for a power
 * setting.  With F16_ENGINE_LAG_STEVENS_LEWIS the engine power follows the
 * power lever angle through Stevens & Lewis's first-order power lag (their
 * PDOT/RTAU: reciprocal time constant 1 /s for changes up to 25 %, falling
 * linearly to 0.1 /s at 50 %, 5 /s in afterburner; crossing the MIL line
 * goes through 40 % or 60 %).  With F16_ENGINE_LAG_NONE (NASA's models as
 * written) power equals the lever angle at once.
 *
 * Controls: without a control law, the surfaces and the lever angle are
 * set directly (f16_vehicle_set_pilot: stick and throttle with the gearing
 * of NASA's control law, el = -25 deg x stick, PLA = 100 % x throttle).
 * With a control law, f16_vehicle_control evaluates it from the state
 * (altitude, equivalent airspeed, angles, rates, latitude, longitude) and
 * its command inputs, and takes its elevator, aileron, rudder and lever
 * angle outputs.  The law has no internal states (LQR full-state feedback,
 * NASA README), so it is evaluated once per step and held over the step.
 *
 * Not thread-safe for one vehicle; no allocation after load.
 */
#ifndef SAQR_MODEL_F16_VEHICLE_H
#define SAQR_MODEL_F16_VEHICLE_H

#include "load/daveml/daveml.h"
#include "model/daveml_vehicle.h"
#include "saqr.h"
#include "util/err.h"

#define F16_MAX_SETTINGS 16

typedef enum f16_engine_lag {
    F16_ENGINE_LAG_NONE = 0,        /* power = lever angle                 */
    F16_ENGINE_LAG_STEVENS_LEWIS    /* Stevens & Lewis first-order lag     */
} f16_engine_lag;

/* What to load.  Paths are complete; control_path may be "" (no law). */
typedef struct f16_config {
    char aero_path[1024];
    char prop_path[1024];
    char inertia_path[1024];
    char control_path[1024];
    daveml_setting inertia_inputs[F16_MAX_SETTINGS]; /* e.g. CG = 25 % MAC */
    int n_inertia_inputs;
    daveml_setting control_inputs[F16_MAX_SETTINGS]; /* flags and commands */
    int n_control_inputs;
    f16_engine_lag lag;
} f16_config;

/* State inputs of a control law (slot -1 when the law lacks one). */
enum { F16_CS_ALT, F16_CS_KEAS, F16_CS_ALPHA, F16_CS_BETA, F16_CS_PHI, F16_CS_THETA, F16_CS_PSI,
       F16_CS_P, F16_CS_Q, F16_CS_R, F16_CS_LAT, F16_CS_LON, F16_CS_COUNT };
enum { F16_AI_VT, F16_AI_ALPHA, F16_AI_BETA, F16_AI_P, F16_AI_Q, F16_AI_R, F16_AI_EL, F16_AI_AIL,
       F16_AI_RDR, F16_AI_COUNT };
enum { F16_AO_CX, F16_AO_CY, F16_AO_CZ, F16_AO_CL, F16_AO_CM, F16_AO_CN, F16_AO_S, F16_AO_B, F16_AO_C,
       F16_AO_COUNT };
enum { F16_PO_FX, F16_PO_FY, F16_PO_FZ, F16_PO_L, F16_PO_M, F16_PO_N, F16_PO_COUNT };
enum { F16_CO_EL, F16_CO_AIL, F16_CO_RDR, F16_CO_PLA, F16_CO_COUNT };

typedef struct f16_vehicle {
    daveml_model *aero, *prop, *control;   /* control NULL: direct controls */
    dv_port aero_in[F16_AI_COUNT];          /* scale: file units per SI      */
    dv_port aero_out[F16_AO_COUNT];         /* scale: SI per file unit       */
    dv_port prop_alt, prop_mach, prop_pla;  /* inputs                        */
    dv_port prop_out[F16_PO_COUNT];
    dv_port ctl_state[F16_CS_COUNT];        /* inputs fed from the state     */
    dv_port ctl_out[F16_CO_COUNT];          /* surfaces: SI per file unit    */
    int ctl_stick_trim, ctl_throttle_trim;  /* trimmedPilotControl_* slots   */
    int ctl_sas, ctl_ap;                    /* the engage flags' slots       */
    double sas_flag, ap_flag;               /* their configured values       */
    double mass_kg;
    double inertia_kgm2[3][3];              /* about the CM, body axes       */
    double cm_wrt_mrc_m[3];                 /* CM relative to the MRC, body  */
    f16_engine_lag lag;
    /* controls */
    double surface_rad[3];                  /* elevator (+TED), aileron      */
                                            /* (+LWD), rudder (+TEL)         */
    double pla_pct;                         /* power lever angle, 0..100     */
    double power_pct;                       /* engine power state, 0..100    */
    /* last force evaluation, body axes, about the CM */
    double aero_force_body_n[3], aero_moment_body_nm[3];
    double thrust_body_n[3];
} f16_vehicle;

/* Loads the models and applies the settings.  On failure returns the
 * status with a message naming the file and variable, and leaves nothing
 * allocated. */
saqr_status f16_vehicle_load(f16_vehicle *v, const f16_config *c, const saqr_allocator *alloc,
                             saqr_err *err);

void f16_vehicle_free(f16_vehicle *v);

/* saqr_force_fn for an f16_vehicle passed as `user`. */
int f16_vehicle_forces(const saqr_force_input *in, saqr_force_output *out, void *user);

/* Sets an input of the control law (file units).  SAQR_ENOTFOUND when the
 * vehicle has no law or the law no such input. */
saqr_status f16_vehicle_set_input(f16_vehicle *v, const char *var, double value, saqr_err *err);

/* Value of a control-law variable (file units); NAN when absent. */
double f16_vehicle_get(const f16_vehicle *v, const char *var);

/* Sets the trim handles: longitudinal stick (-1..1, +aft) and throttle
 * (0..1).  With a law they are its trimmedPilotControl_long/_throttle
 * inputs (the law is then evaluated by f16_vehicle_control); without one
 * they set the elevator and lever angle directly through NASA's gearing.
 * Aileron and rudder are zeroed when there is no law. */
void f16_vehicle_set_pilot(f16_vehicle *v, double stick, double throttle);

/* Evaluates the control law (if any) for the state in `o` and takes its
 * surface and lever-angle outputs.  Can't fail. */
void f16_vehicle_control(f16_vehicle *v, const saqr_outputs *o);

/* Turns the law's stability augmentation and autopilot off (on = 0) or
 * restores the configured flags (on = 1).  For trimming, as the README
 * prescribes. */
void f16_vehicle_augmentation(f16_vehicle *v, int on);

/* Advances the engine power toward the lever angle over dt_s (RK4 of the
 * lag, lever angle held), or sets it equal without a lag. */
void f16_vehicle_engine_step(f16_vehicle *v, double dt_s);

/* Stevens & Lewis's power rate (%/s) for power p_pct and command cmd_pct. */
double f16_power_rate(double p_pct, double cmd_pct);

/* Equivalent airspeed (m/s) for a dynamic pressure (sea-level density of
 * the US 1976 atmosphere, 1.225 kg/m^3). */
double f16_eas_mps(double qbar_pa);

#endif
