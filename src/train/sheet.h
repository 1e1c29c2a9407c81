/*
 * sheet.h - a graded sortie: one line per graded element with the band it
 * was held to, the worst moment, the mark on the five-point scale
 * (CNATRA: Not observed, Unsatisfactory, Fair, Good, Excellent) and each
 * deduction explained; and the sortie's overall Pass / Marginal / Unsat.
 * docs/lessons.md gives the marking rules.
 */
#ifndef SAQR_TRAIN_SHEET_H
#define SAQR_TRAIN_SHEET_H

#include <stdio.h>

typedef enum grade_mark {
    MARK_NOT_OBSERVED = 0,
    MARK_UNSAT = 1,
    MARK_FAIR = 2,
    MARK_GOOD = 3,
    MARK_EXCELLENT = 4
} grade_mark;

/* Incomplete: the sortie ended with elements not observed and nothing
 * observed unsatisfactory - neither a pass nor a failure; the lesson is
 * flown again (CNATRA's "incomplete" event).  Appended last: stored by
 * name, and 0..2 keep their meaning in campaign tables. */
typedef enum sortie_result {
    SORTIE_PASS = 0,
    SORTIE_MARGINAL = 1,
    SORTIE_UNSAT = 2,
    SORTIE_INCOMPLETE = 3
} sortie_result;

#define SHEET_MAX_DEDUCTIONS 4

/* One moment the value left its band (or, for a limit, crossed it). */
typedef struct sheet_deduction {
    double t_s;             /* sortie time                                */
    double measured;        /* value at that time                         */
    char text[200];         /* "t=132.4 s: altitude 4,870 ft, 130 ft below 5,000 +-100 ft" */
} sheet_deduction;

typedef struct sheet_element {
    char exercise[48];      /* exercise id within the lesson             */
    char name[48];          /* element id, e.g. "altitude"               */
    char title[96];         /* "Altitude within 100 ft of entry"         */
    char channel[32];       /* recorded channel graded, e.g. "alt-ft"    */
    char unit[16];          /* for display                               */
    char source[160];       /* where the tolerance comes from            */
    double lo, hi;          /* accepted band (absolute, channel units);
                               +-HUGE_VAL for an open side              */
    double target;          /* centre of the band (NAN for a limit)      */
    double tolerance;       /* half-width (or margin for a limit)        */
    double t_start_s, t_end_s; /* graded window; NAN when not observed   */
    double worst;           /* value furthest outside / nearest the edge */
    double worst_t_s;
    double ratio;           /* worst deviation / tolerance (<= 1 is in)  */
    grade_mark mark;
    int ndeductions;        /* 0..SHEET_MAX_DEDUCTIONS listed            */
    int nexcursions;        /* how many times the band was left in all   */
    sheet_deduction deductions[SHEET_MAX_DEDUCTIONS];
    /* An item the instructor marks (<instructor-grade>): no channel, band
     * or window; MARK_NOT_OBSERVED until marked, which the automatic
     * result does not count; one marked Unsatisfactory makes the sortie
     * Unsat (records_sortie_mark). */
    int by_instructor;
    char marked_by[32];     /* the marking instructor's service number, "" */
} sheet_element;

typedef struct grade_sheet {
    char lesson[64];        /* "super-mushak/steep-turns"                */
    char title[96];
    char aircraft[32];
    char pilot[32];         /* "reference", "degraded", a trainee's name */
    int nelements;
    sheet_element *elements;/* owned; free with sheet_free             */
    sortie_result result;
    char summary[256];      /* one line: why Pass / Marginal / Unsat     */
    char comment[256];      /* the instructor's, from the records; ""    */
    char instructor_grade[320]; /* from the records when an instructor set
                               the result: "Unsat (graded Incomplete) by
                               IP-7: why" (result is then the instructor's);
                               ""                                         */
    /* The flying's own result and summary, before the instructor's items
     * (sheet_apply_item_marks); flown_set 0: result and summary are. */
    int flown_set;
    sortie_result flown_result;
    char flown_summary[256];
} grade_sheet;

const char *sheet_mark_name(grade_mark m);      /* "Excellent", ...      */
const char *sheet_result_name(sortie_result r); /* "Pass", ...           */

/* Whether a sheet's pilot is the automatic one ("reference", "degraded",
 * "degraded:bank", ...) rather than a person at the controls: its sortie
 * is a demonstration, which shows a lesson and never passes it. */
int sheet_pilot_is_automatic(const char *pilot);

/* An instructor's item's mark as a sheet shows it: "For the instructor"
 * until it is marked, then the mark's name. */
const char *sheet_item_mark_text(const sheet_element *e);

/* The sortie's summary when `nunsat` (> 0) of the instructor's items are
 * marked Unsatisfactory, the first titled `first`: "The instructor marked
 * N item(s) unsatisfactory (first: T). FLOWN", cut at a whole UTF-8
 * character to fit `size`. */
void sheet_items_summary(char *out, size_t size, int nunsat, const char *first, const char *flown_summary);

/* Puts the instructor's items' marks into the sheet's result: one marked
 * Unsatisfactory makes the sortie Unsat (CNATRA: an unsatisfactory item
 * fails the event) with sheet_items_summary's summary; none, and the
 * flying's own result and summary stand.  The first call keeps the
 * flying's own in flown_*; it may be called again after a mark changes. */
void sheet_apply_item_marks(grade_sheet *s);

/* The terminal table. */
void sheet_print(const grade_sheet *s, FILE *f);

/* The decimals an element's numbers are shown with: a tenth, or a
 * hundredth for a tolerance under 0.2 (a radius of 0.25 +- 0.1 nm, a Mach
 * number), so that the band's edges differ as shown. */
int sheet_decimals(const sheet_element *e);
/* An edge of element e's band as it is shown: a compass direction's
 * (heading-deg, track-deg, wind-from-deg) within 0..360, so that a band
 * about north reads 349.4 .. 9.4 rather than 349.4 .. 369.4 (the
 * grading itself takes deviations modulo 360); any other as it is. */
double sheet_band_shown(const sheet_element *e, double v);

void sheet_free(grade_sheet *s);

#endif
