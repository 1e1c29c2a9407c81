/*
 * nasa_run.h - runs a NASA check case and writes its trajectory with
 * NASA's column names and English units (TM-2015-218675 vol. II, appendix
 * on the data files), so any column can be compared with the references.
 */
#ifndef SAQR_CHECK_NASA_RUN_H
#define SAQR_CHECK_NASA_RUN_H

#include <stdio.h>

#include "check/nasa_case.h"
#include "check/nasa_trim.h"
#include "saqr.h"
#include "util/err.h"

/* NASA's columns in the order Saqr writes them. */
extern const char *const nasa_columns[];
extern const int nasa_column_count;

/* Writes one row of NASA columns for `o` (and the header when `o` is NULL). */
void nasa_write_row(FILE *f, const saqr_outputs *o);

/* How a flying case went: the trim, and each criterion of the case. */
typedef struct nasa_criterion_result {
    double worst;              /* largest |deviation| it looked at (SI)    */
    double at_time_s;          /* when (NASA_CROSS: the last crossing)     */
    int crossings;             /* NASA_CROSS: how many                     */
    int pass;
} nasa_criterion_result;

typedef struct nasa_run_result {
    int trimmed;                               /* the case asked for trim   */
    nasa_trim_result trim;
    double initial[NASA_Q_COUNT];              /* quantities at t = 0 (SI)  */
    double final[NASA_Q_COUNT];                /* and at the end            */
    double max_dev[NASA_Q_COUNT];              /* max |q(t) - q(0)| (SI)    */
    int n_criteria;
    nasa_criterion_result crit[NASA_MAX_CRITERIA];
    int pass;                                  /* every criterion passed    */
} nasa_run_result;

/* Position quantities (nasa_case.h):
 *  - cross-track: the distance of the aircraft right of the vertical plane
 *    through its position at t = 0 that holds its initial ground velocity,
 *    i.e. (p - p0) . right0 with ECEF positions p, p0 and right0 the unit
 *    horizontal vector 90 deg clockwise from the initial course.  On a
 *    sphere the plane holds the centre: the initial great circle; on the
 *    ellipsoid it is the normal section, within feet of the geodesic over
 *    the case lengths; on the flat Earth a straight line.  The same value
 *    feeds a case's <cross-track> control input;
 *  - range: from the case's reference point (on the reference surface),
 *    the angle between the two ECEF position vectors times the aircraft's
 *    distance from the Earth's centre (horizontal distance on the flat
 *    Earth). */

/* As nasa_run_case, and fills `res` (may be NULL). */
saqr_status nasa_run_case_ex(const nasa_case *c, const char *nasa_root, const char *csv_path,
                             nasa_run_result *res, saqr_err *err);

/* Runs case `c` with its models under `nasa_root` (the folder holding
 * models/) and writes the trajectory to `csv_path`.  Returns the status
 * with a message in err. */
saqr_status nasa_run_case(const nasa_case *c, const char *nasa_root, const char *csv_path,
                          saqr_err *err);

#endif
