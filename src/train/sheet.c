/*
 * sheet.c - names of marks and results, the terminal grade sheet, freeing.
 */
#include "train/sheet.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "math/angle.h"
#include "util/utf8.h"

const char *sheet_mark_name(grade_mark m)
{
    switch (m) {
    case MARK_NOT_OBSERVED: return "Not observed";
    case MARK_UNSAT: return "Unsatisfactory";
    case MARK_FAIR: return "Fair";
    case MARK_GOOD: return "Good";
    case MARK_EXCELLENT: return "Excellent";
    }
    return "?";
}

const char *sheet_result_name(sortie_result r)
{
    switch (r) {
    case SORTIE_PASS: return "Pass";
    case SORTIE_MARGINAL: return "Marginal";
    case SORTIE_UNSAT: return "Unsat";
    case SORTIE_INCOMPLETE: return "Incomplete";
    }
    return "?";
}

int sheet_pilot_is_automatic(const char *pilot)
{
    return pilot && (strcmp(pilot, "reference") == 0 || strcmp(pilot, "degraded") == 0 ||
                     strncmp(pilot, "degraded:", 9) == 0);
}

const char *sheet_item_mark_text(const sheet_element *e)
{
    return e->mark == MARK_NOT_OBSERVED ? "For the instructor" : sheet_mark_name(e->mark);
}

void sheet_items_summary(char *out, size_t size, int nunsat, const char *first, const char *flown_summary)
{
    if (size == 0)
        return;
    const int whole = snprintf(out, size, "The instructor marked %d item(s) unsatisfactory (first: %s). %s", nunsat,
                               first ? first : "", flown_summary ? flown_summary : "");
    /* snprintf cuts at any byte: back to the last whole character (a
     * broken one would be refused by PostgreSQL) */
    size_t n = strlen(out);
    while (whole >= (int)size && n > 0 && !utf8_valid(out))
        out[--n] = '\0';
}

void sheet_apply_item_marks(grade_sheet *s)
{
    if (!s->flown_set) {
        s->flown_result = s->result;
        snprintf(s->flown_summary, sizeof s->flown_summary, "%s", s->summary);
        s->flown_set = 1;
    }
    int nunsat = 0;
    const char *first = NULL;
    for (int i = 0; i < s->nelements; i++)
        if (s->elements[i].by_instructor && s->elements[i].mark == MARK_UNSAT && nunsat++ == 0)
            first = s->elements[i].title;
    if (nunsat > 0) {
        s->result = SORTIE_UNSAT;
        sheet_items_summary(s->summary, sizeof s->summary, nunsat, first, s->flown_summary);
    } else {
        s->result = s->flown_result;
        snprintf(s->summary, sizeof s->summary, "%s", s->flown_summary);
    }
}

double sheet_band_shown(const sheet_element *e, double v)
{
    static const char *const compass[] = {"heading-deg", "track-deg", "wind-from-deg"};
    if (!isfinite(v))
        return v;
    for (size_t i = 0; i < sizeof compass / sizeof compass[0]; i++)
        if (strncmp(e->channel, compass[i], sizeof e->channel) == 0)
            return angle_wrap360_deg(v);
    return v;
}

int sheet_decimals(const sheet_element *e)
{
    return e->tolerance < 0.2 ? 2 : 1;
}

/* "4,900 .. 5,100" or "<= 60" / ">= 1,500" for one-sided bands. */
static void band_text(const sheet_element *e, char *buf, size_t n)
{
    double lo = sheet_band_shown(e, e->lo), hi = sheet_band_shown(e, e->hi);
    const int d = sheet_decimals(e);
    if (isinf(lo) && isinf(hi))
        snprintf(buf, n, "any");
    else if (isinf(lo))
        snprintf(buf, n, "<= %.*f", d, hi);
    else if (isinf(hi))
        snprintf(buf, n, ">= %.*f", d, lo);
    else
        snprintf(buf, n, "%.*f .. %.*f", d, lo, d, hi);
}

void sheet_print(const grade_sheet *s, FILE *f)
{
    fprintf(f, "Lesson %s: %s (%s, pilot %s)\n", s->lesson, s->title, s->aircraft, s->pilot);
    fprintf(f, "%-22s %-34s %12s %22s  %s\n", "exercise", "element", "worst", "accepted", "grade");
    for (int i = 0; i < s->nelements; i++) {
        const sheet_element *e = &s->elements[i];
        char band[64], worst[32];
        if (e->by_instructor) {
            fprintf(f, "%-22.22s %-34.34s %12s %22s  %s%s%s\n", e->exercise, e->title, "-", "instructor's mark",
                    sheet_item_mark_text(e), e->marked_by[0] ? " by " : "", e->marked_by);
            continue;
        }
        band_text(e, band, sizeof band);
        if (e->mark == MARK_NOT_OBSERVED || isnan(e->worst))
            snprintf(worst, sizeof worst, "-");
        else
            snprintf(worst, sizeof worst, "%.*f", sheet_decimals(e), e->worst);
        fprintf(f, "%-22.22s %-34.34s %12s %17s %-4.4s  %s\n", e->exercise, e->title, worst, band, e->unit,
                sheet_mark_name(e->mark));
        for (int k = 0; k < e->ndeductions; k++)
            fprintf(f, "%25s- %s\n", "", e->deductions[k].text);
        if (e->nexcursions > e->ndeductions)
            fprintf(f, "%25s- ... %d excursions in all\n", "", e->nexcursions);
    }
    fprintf(f, "Sortie: %s. %s\n", sheet_result_name(s->result), s->summary);
}

void sheet_free(grade_sheet *s)
{
    if (!s)
        return;
    free(s->elements);
    memset(s, 0, sizeof *s);
}
