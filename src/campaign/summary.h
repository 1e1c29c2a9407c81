/*
 * summary.h - what a campaign writes: runs.csv (one row per run: its
 * index, whether it was flown, every value drawn, every output, and why a
 * failed run failed), summary.html (a self-contained page: the campaign,
 * a statistics table per column, the pass rates, and an SVG histogram of
 * every dispersed parameter and measured value), and a short text
 * summary for the terminal.
 *
 * The outputs depend only on the campaign and the table: no times, no
 * host names, so any thread or process count writes the same bytes.
 */
#ifndef SAQR_CAMPAIGN_SUMMARY_H
#define SAQR_CAMPAIGN_SUMMARY_H

#include <stdio.h>

#include "campaign/campaign.h"
#include "campaign/campaign_run.h"

/* Statistics of every column (lay->ncols entries into `out`).  0, or -1
 * when out of memory. */
struct camp_stats;
int summary_stats(const camp_results *res, struct camp_stats *out);

/* The table as CSV.  0, or -1 when the stream failed. */
int summary_write_csv(FILE *f, const campaign *c, const camp_layout *lay, const camp_results *res);

/* The HTML page.  0, or -1 when the stream failed or memory ran out. */
int summary_write_html(FILE *f, const campaign *c, const camp_layout *lay, const camp_results *res);

/* A few lines: runs flown and failed, the pass rate, and each column's
 * mean, sd and 5/50/95th percentiles. */
int summary_write_text(FILE *f, const campaign *c, const camp_layout *lay, const camp_results *res);

/* The sensitivity section of the page (summary_sensitivity.c): the pass
 * rate across each parameter's range and the rank correlations.  0, or -1
 * when out of memory. */
int summary_sensitivity_html(FILE *f, const camp_layout *lay, const camp_results *res);

/* The same for the terminal: each parameter's lowest and highest binned
 * pass rate, and the five strongest correlations beyond chance. */
int summary_sensitivity_text(FILE *f, const camp_layout *lay, const camp_results *res);

/* One run's values, a line per column (for `saqr campaign --only I`). */
void summary_write_run(FILE *f, const camp_layout *lay, const camp_results *res, long run);

#endif
