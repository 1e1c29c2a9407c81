/*
 * pitot.c - pitot total pressure and its inverse (see pitot.h).
 *
 * References: JSBSim src/models/FGAuxiliary.cpp; AFFTC-TIH-99-01 sections
 * 4.6-4.8.
 */
#include "atmos/pitot.h"

#include <math.h>

#define GAMMA_AIR 1.4

double pitot_total_pressure(double mach, double pressure)
{
    const double g = GAMMA_AIR;
    if (mach < 0.0)
        return pressure;
    if (mach < 1.0) {
        /* (1 + 0.2 M^2)^3.5 as x^3 sqrt(x): JSBSim's exponent exactly,
         * without pow */
        double x = 1.0 + 0.2 * mach * mach;
        return pressure * x * x * x * sqrt(x);
    }
    const double b = g / (g - 1.0), c = 2.0 * b, d = 1.0 / (g - 1.0);
    /* normal shock ahead of the probe (Rayleigh pitot formula) */
    double coeff = pow(0.5 * (g + 1.0), b) * pow((g + 1.0) / (g - 1.0), d);
    return pressure * coeff * pow(mach, c) / pow(c * mach * mach - 1.0, d);
}

double pitot_mach_from_impact_pressure(double qc, double pressure)
{
    const double g = GAMMA_AIR;
    const double a = 2.0 / (g - 1.0), b = (g - 1.0) / g, c = 2.0 / b, d = 0.5 * a;
    double ratio = qc / pressure + 1.0;
    double mach = sqrt(a * (pow(ratio, b) - 1.0));
    if (mach > 1.0) {
        double coeff = pow(0.5 * (g + 1.0), -0.25 * c) * pow(0.5 * (g + 1.0) / g, -0.5 * d);
        for (int i = 0; i < 10; i++)
            mach = coeff * sqrt(ratio * pow(1.0 - 1.0 / (c * mach * mach), d));
    }
    return mach;
}
