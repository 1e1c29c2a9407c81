/*
 * linearize.h - a linear model of a loaded aircraft about its present
 * condition, by JSBSim's method (linearize.c).
 */
#ifndef SAQR_FDM_LINEARIZE_H
#define SAQR_FDM_LINEARIZE_H

#include "saqr.h"

/* saqr_fdm_linearize; also simulation/do_linearization's action. */
saqr_status fdm_linearize(saqr_fdm *f, saqr_linear_model *out);

/* JSBSim's wrapping of a difference of two values of a quantity
 * differentiated with respect to a state in `unit` ("rad": into
 * (-pi, pi], the first difference of a pair repeatedly (`repeat`); "deg":
 * into (-180, 180]); robust to huge and infinite differences. */
double fdm_linearize_wrap(double d, const char *unit, int repeat);

#endif
