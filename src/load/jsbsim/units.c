/*
 * units.c - the unit names JSBSim's XML files use and their conversion.
 *
 * Every unit is (dimension, factor to SI, offset) so any two units of the
 * same dimension convert.  The factors are exact where the definitions are
 * (ft = 0.3048 m, lbm = 0.45359237 kg, g0 = 9.80665 m/s^2); the slug is
 * lbf s^2/ft.  Names and synonyms follow JSBSim's FGXMLElement conversion
 * table.  Reference: JSBSim src/input_output/FGXMLElement.cpp; NIST SP 811.
 */
#include <stddef.h>
#include <strings.h>

#include "load/jsbsim/jxml.h"
#include "math/units.h"

typedef enum dim {
    D_LENGTH, D_AREA, D_VOLUME, D_MASS, D_FORCE, D_INERTIA, D_ANGLE, D_SPEED, D_ANGRATE,
    D_PRESSURE, D_POWER, D_SPRING, D_DAMP, D_DAMP2, D_MASSFLOW, D_TEMP, D_TSFC, D_BSFC,
    D_TIME, D_TORQUE, D_DENSITY, D_VALVE
} dim;

typedef struct unit_def {
    const char *name;
    dim d;
    double to_si;     /* SI value of one unit                              */
    double offset;    /* SI = value * to_si + offset (temperatures only)   */
} unit_def;

#define FT M_PER_FT
#define IN M_PER_IN
#define LBM KG_PER_LBM
#define LBF N_PER_LBF
#define SLUG KG_PER_SLUG
#define HP (550.0 * LBF * FT)
#define NMI M_PER_NMI

static const unit_def units[] = {
    {"M", D_LENGTH, 1.0, 0}, {"FT", D_LENGTH, FT, 0}, {"IN", D_LENGTH, IN, 0},
    {"KM", D_LENGTH, 1000.0, 0}, {"CM", D_LENGTH, 0.01, 0}, {"MM", D_LENGTH, 0.001, 0},
    {"NM", D_LENGTH, NMI, 0},
    {"M2", D_AREA, 1.0, 0}, {"FT2", D_AREA, FT * FT, 0}, {"IN2", D_AREA, IN * IN, 0},
    {"CM2", D_AREA, 1e-4, 0}, {"MM2", D_AREA, 1e-6, 0},
    {"M3", D_VOLUME, 1.0, 0}, {"FT3", D_VOLUME, FT * FT * FT, 0},
    {"IN3", D_VOLUME, IN * IN * IN, 0}, {"CC", D_VOLUME, 1e-6, 0}, {"LTR", D_VOLUME, 1e-3, 0},
    {"GAL", D_VOLUME, 3.785411784e-3, 0},
    {"KG", D_MASS, 1.0, 0}, {"LBS", D_MASS, LBM, 0}, {"SLUG", D_MASS, SLUG, 0},
    {"N", D_FORCE, 1.0, 0}, {"LBF", D_FORCE, LBF, 0},
    {"SLUG*FT2", D_INERTIA, SLUG * FT * FT, 0}, {"KG*M2", D_INERTIA, 1.0, 0},
    {"RAD", D_ANGLE, 1.0, 0}, {"DEG", D_ANGLE, UNITS_PI / 180.0, 0},
    {"M/S", D_SPEED, 1.0, 0}, {"M/SEC", D_SPEED, 1.0, 0}, {"FT/S", D_SPEED, FT, 0},
    {"FT/SEC", D_SPEED, FT, 0}, {"KTS", D_SPEED, NMI / 3600.0, 0},
    {"KM/HR", D_SPEED, 1000.0 / 3600.0, 0},
    {"KM/SEC", D_SPEED, 1000.0, 0}, {"KM/S", D_SPEED, 1000.0, 0}, {"KM/H", D_SPEED, 1000.0 / 3600.0, 0},
    {"RAD/SEC", D_ANGRATE, 1.0, 0}, {"DEG/SEC", D_ANGRATE, UNITS_PI / 180.0, 0},
    {"RPM", D_ANGRATE, 2.0 * UNITS_PI / 60.0, 0},
    {"PA", D_PRESSURE, 1.0, 0}, {"PSF", D_PRESSURE, LBF / (FT * FT), 0},
    {"PSI", D_PRESSURE, LBF / (IN * IN), 0}, {"INHG", D_PRESSURE, 3386.389, 0},
    {"ATM", D_PRESSURE, 101325.0, 0}, {"N/M2", D_PRESSURE, 1.0, 0},
    {"LBS/FT2", D_PRESSURE, LBF / (FT * FT), 0},
    {"WATTS", D_POWER, 1.0, 0}, {"W", D_POWER, 1.0, 0}, {"KW", D_POWER, 1000.0, 0},
    {"HP", D_POWER, HP, 0}, {"FT*LBS/SEC", D_POWER, LBF * FT, 0},
    {"N/M", D_SPRING, 1.0, 0}, {"LBS/FT", D_SPRING, LBF / FT, 0},
    {"N/M/SEC", D_DAMP, 1.0, 0}, {"LBS/FT/SEC", D_DAMP, LBF / FT, 0},
    {"N/M2/SEC2", D_DAMP2, 1.0, 0}, {"LBS/FT2/SEC2", D_DAMP2, LBF / (FT * FT), 0},
    {"LBS/SEC", D_MASSFLOW, LBM, 0}, {"KG/SEC", D_MASSFLOW, 1.0, 0},
    {"KG/MIN", D_MASSFLOW, 1.0 / 60.0, 0}, {"LBS/MIN", D_MASSFLOW, LBM / 60.0, 0},
    {"LBS/HR", D_MASSFLOW, LBM / 3600.0, 0},
    {"DEGK", D_TEMP, 1.0, 0}, {"K", D_TEMP, 1.0, 0}, {"DEGC", D_TEMP, 1.0, 273.15},
    {"DEGR", D_TEMP, 5.0 / 9.0, 0}, {"DEGF", D_TEMP, 5.0 / 9.0, 459.67 * 5.0 / 9.0},
    /* thrust specific fuel consumption: mass flow per force */
    {"LBS/LBF/HR", D_TSFC, LBM / LBF / 3600.0, 0}, {"KG/N/SEC", D_TSFC, 1.0, 0},
    /* brake specific fuel consumption: mass per energy */
    {"LBS/HP*HR", D_BSFC, LBM / (HP * 3600.0), 0}, {"KG/KW*HR", D_BSFC, 1.0 / (1000.0 * 3600.0), 0},
    {"SEC", D_TIME, 1.0, 0}, {"S", D_TIME, 1.0, 0}, {"MIN", D_TIME, 60.0, 0},
    {"HR", D_TIME, 3600.0, 0},
    {"N*M", D_TORQUE, 1.0, 0}, {"FT*LBS", D_TORQUE, LBF * FT, 0}, {"LBS*FT", D_TORQUE, LBF * FT, 0},
    {"KG/L", D_DENSITY, 1000.0, 0}, {"LBS/GAL", D_DENSITY, LBM / 3.785411784e-3, 0},
    /* gas-cell valve coefficient: volume flow per pressure difference */
    {"M4*SEC/KG", D_VALVE, 1.0, 0}, {"FT4*SEC/SLUG", D_VALVE, FT * FT * FT * FT / SLUG, 0},
};

static const unit_def *find_unit(const char *name)
{
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (strcasecmp(units[i].name, name) == 0)
            return &units[i];
    return NULL;
}

int jx_convert(double value, const char *from_unit, const char *to_unit, double *out)
{
    const unit_def *a = find_unit(from_unit);
    const unit_def *b = find_unit(to_unit);
    if (!a || !b || a->d != b->d)
        return -1;
    double si = value * a->to_si + a->offset;
    *out = (si - b->offset) / b->to_si;
    return 0;
}
