/*
 * nasa_run.h - runs a NASA check case and writes its trajectory with
 * NASA's column names and English units (TM-2015-218675 vol. II, appendix
 * on the data files), so any column can be compared with the references.
 */
#ifndef SAQR_CHECK_NASA_RUN_H
#define SAQR_CHECK_NASA_RUN_H

#include <stdio.h>

#include "check/nasa_case.h"
#include "saqr.h"
#include "util/err.h"

/* NASA's columns in the order Saqr writes them. */
extern const char *const nasa_columns[];
extern const int nasa_column_count;

/* Writes one row of NASA columns for `o` (and the header when `o` is NULL). */
void nasa_write_row(FILE *f, const saqr_outputs *o);

/* Runs case `c` with its models under `nasa_root` (the folder holding
 * models/) and writes the trajectory to `csv_path`.  Returns the status
 * with a message in err. */
saqr_status nasa_run_case(const nasa_case *c, const char *nasa_root, const char *csv_path,
                          saqr_err *err);

#endif
