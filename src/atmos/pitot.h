/*
 * pitot.h - compressible pitot-static relations for air (gamma = 1.4):
 * the total pressure a pitot tube reads at a Mach number (isentropic below
 * Mach 1, Rayleigh pitot formula behind a normal shock above) and its
 * inverse, the Mach number of an impact pressure.  Calibrated airspeed is
 * the sea-level speed of sound times the Mach number that gives the same
 * impact pressure at the sea-level pressure; the callers bring their own
 * sea-level constants.
 *
 * The arithmetic follows JSBSim's FGAuxiliary operation by operation, so
 * airspeeds agree with JSBSim to the last bits.
 * References: JSBSim src/models/FGAuxiliary.cpp (PitotTotalPressure,
 * MachFromImpactPressure); AFFTC-TIH-99-01, "Air Data Handbook",
 * sections 4.6-4.8, eqs. 4.12 and 4.17.
 */
#ifndef SAQR_ATMOS_PITOT_H
#define SAQR_ATMOS_PITOT_H

/* Total pressure (units of `pressure`) at `mach` and static `pressure`;
 * a negative Mach number gives the static pressure. */
double pitot_total_pressure(double mach, double pressure);

/* Mach number at which the impact pressure (total minus static) is `qc`
 * at static `pressure` (same units); above Mach 1 the Rayleigh formula is
 * inverted by ten fixed-point passes. */
double pitot_mach_from_impact_pressure(double qc, double pressure);

#endif
