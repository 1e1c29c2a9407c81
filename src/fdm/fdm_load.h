/*
 * fdm_load.h - loading a JSBSim aircraft into a handle (fdm_load.c).
 */
#ifndef SAQR_FDM_FDM_LOAD_H
#define SAQR_FDM_FDM_LOAD_H

#include "fdm/fdm_internal.h"

saqr_status fdm_load_aircraft(saqr_fdm *f, const char *root_dir, const char *name);

#endif
