/*
 * nasa_case.h - definitions of NASA TM-2015-218675 check cases, read from
 * Saqr's own case files (data/nasa/atmos_NN.xml).
 *
 * A case file names the Earth model, the vehicle (DAVE-ML inertia and aero
 * models from NASA's package, with optional constant overrides), the
 * initial state, the wind, the run length and the integration step.  Values
 * carry JSBSim-style `unit=` attributes (FT, M, DEG, RAD, FT/SEC, M/SEC,
 * DEG/SEC, RAD/SEC, SEC, 1/SEC).  The format is described in
 * docs/nasa-check-cases.md.
 */
#ifndef SAQR_CHECK_NASA_CASE_H
#define SAQR_CHECK_NASA_CASE_H

#include "saqr.h"
#include "util/err.h"

#define NASA_MAX_OVERRIDES 8

typedef struct nasa_override {
    char var[64];       /* DAVE-ML varID or name                         */
    double value;       /* in the model's own units                      */
} nasa_override;

typedef struct nasa_case {
    char id[16];               /* "01" .. "10", "13p1": NASA's numbering   */
    char title[128];
    char reference[128];       /* folder of NASA's results, e.g.           */
                               /* "Atmos_01_DroppedSphere"                 */
    saqr_earth_kind earth;
    double duration_s;
    double step_s;             /* integration step                         */
    double output_dt_s;        /* spacing of the written trajectory        */
    saqr_integrator integrator;/* RK4 or one multistep scheme for all     */
    char inertia_file[256];    /* relative to the NASA data folder         */
    char aero_file[256];       /* "" when the vehicle has no aero model    */
    nasa_override overrides[NASA_MAX_OVERRIDES];
    int n_overrides;
    saqr_initial_state init;
    saqr_wind_config wind;
} nasa_case;

/* Reads a case file.  On failure returns SAQR_EIO/SAQR_EPARSE/SAQR_EINVAL
 * with "file:line: ..." in err; `c` is then unspecified. */
saqr_status nasa_case_load(const char *path, nasa_case *c, saqr_err *err);

/* Same, from memory (`name` used in messages). */
saqr_status nasa_case_load_memory(const char *xml, size_t len, const char *name, nasa_case *c,
                                  saqr_err *err);

#endif
