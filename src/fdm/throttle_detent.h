/*
 * throttle_detent.h - where a throttle lever gives military power.
 *
 * An aircraft whose lever runs on past military power into the
 * afterburner declares the lever position of its detent as the property
 * fcs/throttle-mil-detent-norm (the JF-17: aircraft/jf17/Systems/
 * throttle.xml).  Code that flies or limits the lever in units of the dry
 * engine's range - the reference pilot's speed hold, the partial-power
 * malfunction, the qualification tests' run-up - scales by it.  Without
 * the property the whole travel is dry (1).
 */
#ifndef SAQR_FDM_THROTTLE_DETENT_H
#define SAQR_FDM_THROTTLE_DETENT_H

#include <math.h>

#include "saqr.h"

static inline double throttle_mil_detent(const saqr_fdm *f)
{
    int s = saqr_fdm_property(f, "fcs/throttle-mil-detent-norm");
    double v = s >= 0 ? saqr_fdm_get(f, s) : NAN;
    return v > 0.0 && v <= 1.0 ? v : 1.0;
}

#endif
