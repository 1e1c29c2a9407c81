/*
 * briefing.c - a lesson's pre-flight briefing page (see briefing.h).
 */
#include "train/briefing.h"

#include <math.h>
#include <string.h>

#include "report/html_page.h"
#include "report/svg_plot.h"
#include "train/flight_log.h"
#include "train/lesson_route.h"

/* Appends to buf (size bytes, NUL-ended) what fmt makes of its arguments. */
#define APPEND(...)                                                                                             \
    do {                                                                                                        \
        size_t used_ = strlen(buf);                                                                             \
        if (used_ + 1 < size)                                                                                   \
            snprintf(buf + used_, size - used_, __VA_ARGS__);                                                   \
    } while (0)

void briefing_standard_text(const lesson_grade *g, char *buf, size_t size)
{
    const char *u = g->unit, *sp = g->unit[0] ? " " : ""; /* "45 deg", a bare "0.5" */
    if (size == 0)
        return;
    buf[0] = '\0';
    if (!isnan(g->target.v) && g->target.from_entry && g->target.v == 0.0)
        APPEND("within %g%s%s of the value at the exercise's entry", g->tolerance, sp, u);
    else if (!isnan(g->target.v) && g->target.from_entry)
        APPEND("the entry value %+g%s%s, \u00b1%g%s%s", g->target.v, sp, u, g->tolerance, sp, u);
    else if (!isnan(g->target.v) && g->target.at_mass_kg > 0.0) /* an airspeed for the weight */
        APPEND("%g \u00b1%g%s%s at %g kg, the target in proportion to the square root of the mass at the "
               "exercise's entry", g->target.v, g->tolerance, sp, u, g->target.at_mass_kg);
    else if (!isnan(g->target.v))
        APPEND("%g \u00b1%g%s%s", g->target.v, g->tolerance, sp, u);
    else if (!isnan(g->min) && !isnan(g->max))
        APPEND("%g to %g%s%s", g->min, g->max, sp, u);
    else if (!isnan(g->min))
        APPEND("no lower than %g%s%s", g->min, sp, u);
    else if (!isnan(g->max))
        APPEND("no higher than %g%s%s", g->max, sp, u);
    if (g->gust_share > 0.0) /* an approach speed "with gust factor applied" */
        APPEND(" plus %g of the gust factor", g->gust_share);
    if (g->wind_factor == 1.0) /* a heading that holds its course in the wind */
        APPEND(", corrected for the wind");
    else if (g->wind_factor > 0.0) /* a holding's outbound leg: triple drift */
        APPEND(", corrected for %g times the wind's drift", g->wind_factor);
    if (g->at == LAT_END) {
        APPEND(", at the end of the exercise");
    } else if (g->at == LAT_EVENT) {
        APPEND(", at the %s", g->event);
    } else if (g->from_captured) {
        APPEND(", held once captured");
    } else if (g->from.nclauses || g->until.nclauses) {
        APPEND(", held");
        if (g->from.nclauses)
            APPEND(" from when %s", g->from.text);
        if (g->until.nclauses)
            APPEND(" until %s", g->until.text);
    } else {
        APPEND(", held throughout");
    }
}

/* The briefing text: paragraphs at blank lines, each line's leading
 * blanks dropped. */
static void paragraphs(FILE *f, const char *s)
{
    int open = 0, at_line_start = 1, blank_run = 0;
    for (const char *p = s; *p; p++) {
        if (*p == '\n') {
            blank_run += at_line_start;
            at_line_start = 1;
            if (open && blank_run) {
                fputs("</p>\n", f);
                open = 0;
            }
            continue;
        }
        if (at_line_start && (*p == ' ' || *p == '\t'))
            continue;
        if (!open) {
            fputs("<p class=\"brief\">", f);
            open = 1;
        } else if (at_line_start) {
            fputc(' ', f);
        }
        at_line_start = 0;
        blank_run = 0;
        const char *e = p;
        while (*e && *e != '\n')
            e++;
        svg_escape_n(f, p, (size_t)(e - p));
        p = e - 1;
    }
    if (open)
        fputs("</p>\n", f);
}

static void start_conditions(FILE *f, const lesson *l)
{
    const lesson_setup *s = &l->setup;
    fputs("<h2>The start</h2>\n<ul id=\"start\">\n<li>", f);
    if (s->on_runway) {
        fputs("Lined up on runway ", f);
        svg_escape(f, s->runway);
        fputs(" at ", f);
        svg_escape(f, s->airport);
    } else {
        fprintf(f, "Airborne %.1f nm from ", s->distance_nm);
        svg_escape(f, s->airport);
        fputs(" runway ", f);
        svg_escape(f, s->runway);
        fprintf(f, " (bearing %.0f&deg;), %.0f ft, heading %.0f&deg;, %.0f kt", s->bearing_deg, s->alt_ft,
                s->heading_deg, s->ias_kt);
    }
    fputs("</li>\n", f);
    if (!isnan(s->fuel_pct))
        fprintf(f, "<li>Fuel %.0f%%</li>\n", s->fuel_pct);
    if (!isnan(s->wind_kt)) {
        if (s->wind_kt > 0.0)
            fprintf(f, "<li>Wind from %03.0f&deg; at %.0f kt", s->wind_from_deg, s->wind_kt);
        else
            fputs("<li>Wind calm", f);
        fprintf(f, ", turbulence %s</li>\n", s->turbulence == 2 ? "moderate" : s->turbulence == 1 ? "light" : "none");
    }
    fputs("</ul>\n", f);
}

/* A row of the standards table: exercise.id, the title, the standard and
 * where it comes from; `attrs` the row's own attributes (" class=..."). */
static void standard_row(FILE *f, const char *attrs, const char *exercise, const char *id, const char *title,
                         const char *standard, const char *source)
{
    fprintf(f, "<tr%s data-element=\"", attrs);
    svg_escape(f, exercise);
    fputc('.', f);
    svg_escape(f, id);
    fputs("\"><td>", f);
    svg_escape(f, title);
    fputs("</td><td>", f);
    svg_escape(f, standard);
    fputs("</td><td class=\"src\">", f);
    svg_escape(f, source);
    fputs("</td></tr>\n", f);
}

int briefing_write_html(const lesson *l, FILE *f)
{
    html_page_open(f, "Briefing:", l->title,
                   "body{font-family:sans-serif;margin:2em;max-width:52em;font-size:11pt}"
                   "table{border-collapse:collapse;width:100%;margin-bottom:1em}td,th{border:1px solid #999;"
                   "padding:2px 6px;text-align:left;vertical-align:top}th{background:#eee}"
                   ".src{color:#555;font-size:90%}"
                   "@media print{body{margin:0;max-width:none}tr{break-inside:avoid}h2,h3{break-after:avoid}}");
    fputs("<h1>Briefing: ", f);
    svg_escape(f, l->title);
    fputs("</h1>\n<p class=\"meta\">Lesson <code>", f);
    svg_escape(f, l->id);
    fputs("</code> on the ", f);
    svg_escape(f, l->aircraft);
    fputs("</p>\n", f);
    if (l->briefing)
        paragraphs(f, l->briefing);
    start_conditions(f, l);
    flight_log_write_html(f, l);
    fputs("<h2>What is graded</h2>\n", f);
    char std[256];
    for (int i = 0; i < l->nexercises; i++) {
        const lesson_exercise *e = &l->exercises[i];
        fprintf(f, "<h3>Exercise %d: ", i + 1);
        svg_escape(f, e->title);
        fputs("</h3>\n", f);
        char about[160];
        if (lesson_around_text(l, i, about, sizeof about)) {
            fputs("<p class=\"about\">Flown as ", f);
            svg_escape(f, about);
            fputs(".</p>\n", f);
        }
        fputs("<table class=\"standards\"><tr><th>element</th><th>standard</th><th>from</th></tr>\n", f);
        for (int k = 0; k < e->ngrades; k++) {
            const lesson_grade *g = &e->grades[k];
            briefing_standard_text(g, std, sizeof std);
            standard_row(f, "", e->id, g->id, g->title, std, g->source);
        }
        for (int k = 0; k < e->nitems; k++) /* what the instructor watches */
            standard_row(f, " class=\"item\"", e->id, e->items[k].id, e->items[k].title, "marked by the instructor",
                         e->items[k].source);
        fputs("</table>\n", f);
    }
    fputs("<h2>How the sortie is graded</h2>\n<p id=\"marks\">Each element is marked by its worst deviation from "
          "the centre of its band, as a share of the tolerance: up to a half Excellent, up to three quarters Good, "
          "up to the whole tolerance Fair, beyond it Unsatisfactory.  A limit on one side only is Excellent while "
          "never crossed and Unsatisfactory once crossed.  The sortie is a Pass when every element is Fair or "
          "better; Marginal with a single Unsatisfactory element within one and a half tolerances; Unsat "
          "otherwise, or when an exercise ran out of its time.  The items marked by the instructor (what the "
          "simulator cannot see: the checklists, the lookout, the radio calls) are marked at the debrief, and "
          "one marked Unsatisfactory makes the sortie Unsat.  A sortie ended before every element was flown is "
          "Incomplete when nothing flown was Unsatisfactory (Unsat when something was): the lesson is flown "
          "again.</p>\n</body></html>\n",
          f);
    return ferror(f) ? -1 : 0;
}
