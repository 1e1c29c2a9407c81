/*
 * linear_sce.h - a linear model (saqr_linear_model) written as JSBSim's
 * FGLinearization writes it: a Scicoslab script <name>_lin.sce defining
 * NAME.x0, NAME.u0, the state-space system NAME.sys = syslin('c', A, B,
 * C, D) and its transfer functions NAME.tfm.
 */
#ifndef SAQR_SCRIPT_LINEAR_SCE_H
#define SAQR_SCRIPT_LINEAR_SCE_H

#include <stdio.h>

#include "saqr.h"

/* Writes the model to `out` under the name `name`. */
void linear_sce_write(FILE *out, const char *name, const saqr_linear_model *m);
/* The same into the file at `path`; 0, or -1 with errno set. */
int linear_sce_save(const char *path, const char *name, const saqr_linear_model *m);

#endif
