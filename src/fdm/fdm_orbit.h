/*
 * fdm_orbit.h - JSBSim's orbital/ properties: the classical orbital
 * elements of the vehicle's inertial position and velocity (FGPropagate::
 * ComputeOrbitalParameters), and inertial/sea-level-radius_ft, computed
 * only when something reads them.
 */
#ifndef SAQR_FDM_FDM_ORBIT_H
#define SAQR_FDM_FDM_ORBIT_H

#include "fdm/fdm_internal.h"

/* Which of these properties a slot is (an index), or -1. */
int fdm_orbit_element(const saqr_fdm *f, int slot);

/* The value of element `which` for the current state, in the property's
 * units (ft, ft^2/s, deg, s). */
double fdm_orbit_value(const saqr_fdm *f, int which);

/* Writes them all when something in the model reads one (f->orbit_read
 * caches that answer). */
void fdm_orbit_publish(saqr_fdm *f, double *v);

#endif
