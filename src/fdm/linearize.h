/*
 * linearize.h - a linear model of a loaded aircraft about its present
 * condition, by JSBSim's method (linearize.c).
 */
#ifndef SAQR_FDM_LINEARIZE_H
#define SAQR_FDM_LINEARIZE_H

#include "saqr.h"

/* saqr_fdm_linearize; also simulation/do_linearization's action. */
saqr_status fdm_linearize(saqr_fdm *f, saqr_linear_model *out);

#endif
