/*
 * fdm_reports.h - the executive's reports that few models read, grouped
 * so that their producers publish a group only when something reads it
 * (see fdm_reports.c and fdm_air.c's lazy groups).
 */
#ifndef SAQR_FDM_FDM_REPORTS_H
#define SAQR_FDM_FDM_REPORTS_H

#include "fdm/fdm_internal.h"
#include "fdm/fdm_slots.h"

/* The groups are FDM_LAZY_STATE_POSITION and those after it
 * (fdm_internal.h). */

/* A group's slots, in the order of its values; returns their number. */
int fdm_report_slots(const fdm_slots *s, int group, int out[FDM_LAZY_MAX_SLOTS]);
/* A group's values from the state the models last ran at.  `slots` (from
 * fdm_report_slots) gives a value its producer leaves as it is (the
 * heights over the span of an aircraft without one). */
void fdm_report_values(const saqr_fdm *f, int group, const int slots[FDM_LAZY_MAX_SLOTS],
                       double out[FDM_LAZY_MAX_SLOTS]);

/* Fills fdm_slots' table of the groups' slots (at load, after interning). */
void fdm_report_map(fdm_slots *s);

/* Writes the group's values into v (fdm_report_publish's work). */
void fdm_report_write(const saqr_fdm *f, int group, double *v);

/* Publishes the group into v unless nothing reads it (then the API works
 * it out when asked: fdm_lazy_value). */
static inline void fdm_report_publish(const saqr_fdm *f, int group, double *v)
{
    if (f->lazy_read[group] >= 0)
        fdm_report_write(f, group, v);
}

#endif
