/*
 * daveml_vehicle.h - a vehicle whose mass properties and aerodynamic
 * coefficients come from DAVE-ML models with AIAA standard variable names
 * (AIAA S-119-2011, annex "standard variable names").
 *
 * Inertia model outputs used: totalMass, bodyMomentOfInertia_Roll/Pitch/Yaw,
 * bodyProductOfInertia_XY/YZ/ZX, bodyPositionOfCmWrtMrc_X/Y/Z.
 * Aero model inputs fed (when the model declares them): trueAirspeed,
 * bodyAngularRate_Roll/Pitch/Yaw (relative to the air mass, i.e. to Earth),
 * angleOfAttack, angleOfSideslip, mach, dynamicPressure.
 * Aero model outputs used: totalCoefficientOfDrag and totalCoefficientOfLift
 * (wind/stability axes), aeroBodyForceCoefficient_Y (body side force),
 * aeroBodyMomentCoefficient_Roll/Pitch/Yaw, referenceWingArea, Span, Chord.
 * Every value is converted from the units the file declares; an unknown
 * unit is a load error naming the file and the variable.
 *
 * Forces: F = qbar S (-CD v_hat + CL l_hat + CY y_body) where v_hat is the
 * unit air-relative velocity and l_hat = (sin a, 0, -cos a) in body axes;
 * moments qbar S (b Cl, c Cm, b Cn), moved from the moment reference centre
 * to the centre of mass.
 */
#ifndef SAQR_MODEL_DAVEML_VEHICLE_H
#define SAQR_MODEL_DAVEML_VEHICLE_H

#include "load/daveml/daveml.h"
#include "saqr.h"
#include "util/err.h"

/* A model input: its slot and the factor from SI to the file's unit. */
typedef struct dv_port {
    int slot;        /* -1 when the model lacks it                        */
    double scale;    /* file units per SI unit (inputs) or SI per file    */
} dv_port;

/* Binds port `name` of model m (loaded from `path`, for messages): its
 * slot and the scale from SI to the file's unit (inverse, for inputs) or
 * from the file's unit to SI.  A missing variable is SAQR_EPARSE when
 * `required`, else slot -1; an unknown unit is SAQR_EPARSE. */
saqr_status dv_port_bind(const daveml_model *m, const char *path, const char *name, int inverse, int required,
                         dv_port *p, saqr_err *err);

enum { DV_IN_VT, DV_IN_P, DV_IN_Q, DV_IN_R, DV_IN_ALPHA, DV_IN_BETA, DV_IN_MACH, DV_IN_QBAR, DV_IN_COUNT };
enum { DV_OUT_CD, DV_OUT_CL, DV_OUT_CY, DV_OUT_CROLL, DV_OUT_CPITCH, DV_OUT_CYAW, DV_OUT_S, DV_OUT_B,
       DV_OUT_C, DV_OUT_COUNT };

typedef struct daveml_vehicle {
    daveml_model *aero;            /* NULL: no aerodynamic forces          */
    dv_port in[DV_IN_COUNT];
    dv_port out[DV_OUT_COUNT];
    double mass_kg;
    double inertia_kgm2[3][3];     /* tensor about the CM, body axes       */
    double cm_wrt_mrc_m[3];        /* centre of mass relative to the MRC   */
} daveml_vehicle;

/* A value for a DAVE-ML variable, in the file's units. */
typedef struct daveml_setting {
    char var[64];       /* varID or name                                  */
    double value;
} daveml_setting;

/* SI value of one unit of a DAVE-ML unit string (AIAA S-119 unit
 * abbreviations: ft, ft_s, deg, rad_s, slugft2, lbf, ftlbf, nmi_h ...);
 * 0 when unknown.  "nd" and "" are dimensionless. */
double daveml_unit_to_si(const char *units);

/* Reads a mass-properties model with AIAA standard output names (see
 * above), after setting its inputs (e.g. vrsPositionOfCM = 25 for the
 * F-16).  Results in SI; the tensor about the CM with the products of
 * inertia negated.  On failure returns the status with a message naming the
 * file and the variable; the outputs are then unspecified. */
saqr_status daveml_inertia_read(const char *path, const daveml_setting *inputs, int n_inputs,
                                const saqr_allocator *alloc, double *mass_kg, double inertia_kgm2[3][3],
                                double cm_wrt_mrc_m[3], saqr_err *err);

/* Loads the inertia model (required) and the aero model (`aero_path` may be
 * NULL).  On failure returns the status with the message in err and leaves
 * nothing allocated. */
saqr_status daveml_vehicle_load(daveml_vehicle *v, const char *inertia_path, const char *aero_path,
                                const saqr_allocator *alloc, saqr_err *err);

/* Overrides a constant of the aero model (e.g. CD = 0 for a dragless
 * sphere), value in the file's units.  SAQR_ENOTFOUND when absent. */
saqr_status daveml_vehicle_override(daveml_vehicle *v, const char *var, double value, saqr_err *err);

void daveml_vehicle_free(daveml_vehicle *v);

/* saqr_force_fn for a daveml_vehicle passed as `user`. */
int daveml_vehicle_forces(const saqr_force_input *in, saqr_force_output *out, void *user);

#endif
