/*
 * fdm_orbit.h - JSBSim's orbital/ properties: the classical orbital
 * elements of the vehicle's inertial position and velocity (FGPropagate::
 * ComputeOrbitalParameters), and inertial/sea-level-radius_ft, computed
 * only when something reads them.
 */
#ifndef SAQR_FDM_FDM_ORBIT_H
#define SAQR_FDM_FDM_ORBIT_H

#include "fdm/fdm_internal.h"

#define FDM_ORBIT_COUNT 10

/* Their slots, and their values for the current state in the properties'
 * units (ft, ft^2/s, deg, s), in the same order; published when read by
 * fdm_publish_on_demand (fdm_air.h). */
int fdm_orbit_slots(const fdm_slots *s, int slots[FDM_ORBIT_COUNT]);
void fdm_orbit_values(const saqr_fdm *f, double out[FDM_ORBIT_COUNT]);

#endif
