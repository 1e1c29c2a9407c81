/*
 * nasa_compare.h - compares a Saqr trajectory with NASA's reference
 * trajectories of the same check case.
 *
 * NASA set no pass/fail tolerance; its six tools form a "family of
 * solutions".  Saqr's criterion, per column: over the whole run, the largest
 * difference from any of SIM 04, 05 and 06 must not exceed 1.5 times the
 * largest spread among those three (max - min at one instant), plus a small
 * floor stated per quantity (nasa_compare_floor) for columns where the
 * tools agree to the last printed digit.  Reference values are linearly
 * interpolated to Saqr's output times; angles are compared modulo 360 deg.
 */
#ifndef SAQR_CHECK_NASA_COMPARE_H
#define SAQR_CHECK_NASA_COMPARE_H

#include "saqr.h"
#include "util/err.h"

#define NASA_MAX_REFS 8
#define NASA_MAX_COLS 64
#define NASA_SPREAD_FACTOR 1.5

typedef struct nasa_column_result {
    char column[48];        /* NASA column name                               */
    int n_family;           /* how many of SIM 04-06 have this column         */
    double max_diff;        /* max |ours - ref| over time and family members  */
    double at_time_s;       /* when max_diff happened                         */
    double max_diff_any;    /* max |ours - ref| over every tool that has it,  */
                            /* SIM 01-03 included (information only)          */
    int n_any;              /* how many tools have this column                */
    double spread;          /* max over time of the family's max - min        */
    double floor;           /* stated floor for this quantity                 */
    double tolerance;       /* NASA_SPREAD_FACTOR * spread + floor            */
    int pass;
} nasa_column_result;

typedef struct nasa_comparison {
    int n_refs;                          /* reference files found            */
    char refs[NASA_MAX_REFS][16];        /* their tool names, e.g. "sim_04"  */
    int n_cols;
    nasa_column_result cols[NASA_MAX_COLS];
    int pass;                            /* every column passed              */
} nasa_comparison;

/* Floor for a column (its units), e.g. 1e-3 ft for positions. */
double nasa_compare_floor(const char *column);

/* Compares `ours_csv` with the reference CSVs Atmos_<id>_sim_KK.csv in
 * `ref_dir`.  SAQR_ENOTFOUND when the folder holds no SIM 04-06 file;
 * SAQR_EIO/SAQR_EPARSE for unreadable files (message in err). */
saqr_status nasa_compare(const char *ours_csv, const char *ref_dir, const char *case_id,
                         nasa_comparison *out, saqr_err *err);

#endif
