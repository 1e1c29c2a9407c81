/*
 * lesson_read.c - reading a lesson file (format: docs/lessons.md, model:
 * lesson.h).  Every error names the file and line; unknown elements and
 * attributes are errors, so a misspelt tolerance never passes silently.
 */
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "train/lesson.h"
#include "train/lesson_route.h"
#include "train/sortie_control.h"
#include "util/file.h"
#include "util/mem.h"
#include "util/xml_attr.h"

#define LESSON_MAX_BYTES (4u << 20)

static void where(const xa_reader *rd, const xmlNode *n, char *buf, size_t size)
{
    snprintf(buf, size, "%s:%ld", rd->path, (long)xmlGetLineNo(n));
}

/* "12.5", "entry", "entry+10", "entry-3"; with at_mass, also an airspeed
 * at a mass, "150@7600kg". */
static int parse_value(const char *s, int at_mass, lesson_value *out)
{
    out->from_entry = 0;
    out->at_mass_kg = 0.0;
    out->mass_ch = -1;
    if (strncmp(s, "entry", 5) == 0) {
        out->from_entry = 1;
        s += 5;
        if (*s == '\0') {
            out->v = 0.0;
            return 0;
        }
        if (*s != '+' && *s != '-')
            return -1;
    }
    char *end = NULL;
    double x = strtod(s, &end);
    if (end == s || !isfinite(x))
        return -1;
    if (*end == '@' && at_mass && !out->from_entry) {
        const char *m = end + 1;
        double kg = strtod(m, &end);
        if (end == m || strcmp(end, "kg") != 0 || !(kg >= 100.0 && kg <= 1e6) || !(x > 0.0))
            return -1;
        out->at_mass_kg = kg;
    } else if (*end != '\0') {
        return -1;
    }
    out->v = x;
    return 0;
}

static saqr_status value_attr(const xa_reader *rd, const xmlNode *n, const char *name, lesson_value *out)
{
    char buf[64];
    out->v = NAN;
    out->from_entry = 0;
    out->at_mass_kg = 0.0;
    out->mass_ch = -1;
    /* an airspeed flown or graded at a mass: a segment's ias-kt= and a
     * grade's target= (on the airspeed channel: checked by the caller) */
    const int at_mass = strcmp(name, "ias-kt") == 0 || strcmp(name, "target") == 0;
    if (!xa_text(n, name, buf, sizeof buf))
        return SAQR_OK;
    if (parse_value(buf, at_mass, out)) {
        char what[200];
        snprintf(what, sizeof what, "%s=\"%s\" is not a number, \"entry\" or \"entry+N\"%s", name, buf,
                 at_mass ? " (or an airspeed at a mass, \"150@7600kg\")" : "");
        return xa_fail(rd, n, what, NULL);
    }
    return SAQR_OK;
}

static int parse_op(const char *s, lesson_op *op)
{
    static const struct { const char *name; lesson_op op; } ops[] = {
        {"<", LOP_LT}, {"<=", LOP_LE}, {">", LOP_GT}, {">=", LOP_GE},
        {"lt", LOP_LT}, {"le", LOP_LE}, {"gt", LOP_GT}, {"ge", LOP_GE},
    };
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
        if (strcmp(s, ops[i].name) == 0) {
            *op = ops[i].op;
            return 0;
        }
    return -1;
}

/* "NAME OP VALUE [and|or NAME OP VALUE]...", NAME possibly abs(NAME). */
static saqr_status parse_cond(const xa_reader *rd, const xmlNode *n, const char *attr, lesson_cond *c)
{
    memset(c, 0, sizeof *c);
    char text[160];
    if (!xa_text(n, attr, text, sizeof text))
        return SAQR_OK;
    snprintf(c->text, sizeof c->text, "%s", text);
    char *save = NULL, *tok = strtok_r(text, " \t\n", &save);
    int joiner = -1;
    while (tok) {
        if (c->nclauses == LESSON_MAX_CLAUSES)
            return xa_fail(rd, n, "a condition has at most 4 clauses:", c->text);
        lesson_clause *k = &c->c[c->nclauses];
        k->ch = -1;
        if (strncmp(tok, "abs(", 4) == 0) {
            size_t len = strlen(tok);
            if (len < 6 || tok[len - 1] != ')')
                return xa_fail(rd, n, "bad abs( ) in condition:", c->text);
            tok[len - 1] = '\0';
            tok += 4;
            k->absolute = 1;
        }
        if (strlen(tok) >= sizeof k->channel || !tok[0])
            return xa_fail(rd, n, "bad channel name in condition:", c->text);
        snprintf(k->channel, sizeof k->channel, "%s", tok);
        char *op = strtok_r(NULL, " \t\n", &save), *val = op ? strtok_r(NULL, " \t\n", &save) : NULL;
        if (!op || parse_op(op, &k->op))
            return xa_fail(rd, n, "a clause is CHANNEL < | <= | > | >= VALUE (or lt le gt ge):", c->text);
        if (!val || parse_value(val, 0, &k->value))
            return xa_fail(rd, n, "a clause's value is a number, entry or entry+N:", c->text);
        c->nclauses++;
        tok = strtok_r(NULL, " \t\n", &save);
        if (!tok)
            break;
        int j = strcmp(tok, "or") == 0 ? 1 : strcmp(tok, "and") == 0 ? 0 : -1;
        if (j < 0 || (joiner >= 0 && j != joiner))
            return xa_fail(rd, n, "clauses are joined all by \"and\" or all by \"or\":", c->text);
        joiner = j;
        c->any = j;
        tok = strtok_r(NULL, " \t\n", &save);
        if (!tok)
            return xa_fail(rd, n, "a condition ends with a joiner:", c->text);
    }
    if (c->nclauses == 0)
        return xa_fail(rd, n, "empty condition in", attr);
    return SAQR_OK;
}

static saqr_status positive(const xa_reader *rd, const xmlNode *n, const char *name, double x)
{
    if (!isnan(x) && !(x > 0.0)) {
        char what[96];
        snprintf(what, sizeof what, "%s= must be positive", name);
        return xa_fail(rd, n, what, NULL);
    }
    return SAQR_OK;
}

static saqr_status fraction(const xa_reader *rd, const xmlNode *n, const char *name, double x)
{
    if (!isnan(x) && !(x >= 0.0 && x <= 1.0)) {
        char what[96];
        snprintf(what, sizeof what, "%s= must be between 0 and 1", name);
        return xa_fail(rd, n, what, NULL);
    }
    return SAQR_OK;
}

/* g= a load factor, "level" or "pull-out" (lesson.h). */
static saqr_status read_g(const xa_reader *rd, const xmlNode *n, lesson_segment *s)
{
    char text[12] = "";
    if (xa_text(n, "g", text, sizeof text) && strcmp(text, "level") == 0) {
        s->g_level = 1;
        return SAQR_OK;
    }
    if (strcmp(text, "pull-out") == 0) {
        if (!xmlHasProp(n, BAD_CAST "alt-ft"))
            return xa_fail(rd, n, "g=\"pull-out\" levels off at alt-ft=, which it needs", NULL);
        s->g_pullout = 1;
        return SAQR_OK;
    }
    return xa_number(rd, n, "g", &s->g); /* "... is not a number" */
}

/* wind-correction="K": how many times the wind correction angle a heading
 * lays off, 0 (none, when absent) up to 5 (a holding's outbound leg takes
 * three). */
static saqr_status wind_factor(const xa_reader *rd, const xmlNode *n, double *k)
{
    *k = NAN;
    saqr_status st = xa_number(rd, n, "wind-correction", k);
    if (st)
        return st;
    if (isnan(*k)) {
        *k = 0.0;
        return SAQR_OK;
    }
    if (!(*k > 0.0 && *k <= 5.0))
        return xa_fail(rd, n, "wind-correction= is a factor above 0, at most 5", NULL);
    return SAQR_OK;
}

/* <formation ahead-ft= right-ft= above-ft= max-bank-deg= flaps= gear=
 * until= max-s=/>: the station kept on the lead, in the lead's frame
 * (lesson.h lesson_lead).  Everything else a segment may say is the
 * lead's to decide. */
#define STATION_MAX_FT 6000.0
static saqr_status read_formation(const xa_reader *rd, const xmlNode *n, lesson_segment *s)
{
    static const char *const attrs[] = {"ahead-ft", "right-ft", "above-ft", "max-bank-deg", "flaps", "gear", "until",
                                        "max-s", "line-right-ft", "throttle", NULL};
    saqr_status st = xa_check_attrs(rd, n, attrs);
    if (st)
        return st;
    s->station_ahead_ft = s->station_right_ft = NAN;
    s->max_bank_deg = 45.0;
    if ((st = xa_number(rd, n, "ahead-ft", &s->station_ahead_ft)) ||
        (st = xa_number(rd, n, "right-ft", &s->station_right_ft)) ||
        (st = xa_number(rd, n, "above-ft", &s->station_above_ft)))
        return st;
    if (isnan(s->station_ahead_ft) || isnan(s->station_right_ft))
        return xa_fail(rd, n, "<formation> needs ahead-ft= and right-ft= (the station: where the aircraft keeps "
                       "itself from the lead)", NULL);
    if (!(fabs(s->station_ahead_ft) <= STATION_MAX_FT && fabs(s->station_right_ft) <= STATION_MAX_FT &&
          fabs(s->station_above_ft) <= STATION_MAX_FT))
        return xa_fail(rd, n, "<formation>: ahead-ft=, right-ft= and above-ft= are within -6000..6000", NULL);
    if (hypot(hypot(s->station_ahead_ft, s->station_right_ft), s->station_above_ft) < LESSON_MIN_SEPARATION_FT)
        return xa_fail(rd, n, "<formation>: the station is closer to the lead than the aircraft collide "
                       "(see docs/lessons.md)", NULL);
    return SAQR_OK;
}

static saqr_status read_segment(const xa_reader *rd, const xmlNode *n, lesson_segment *s)
{
    static const char *const attrs[] = {"bank-deg", "heading-deg", "alt-ft", "vs-fpm", "pitch-deg", "ias-kt", "mach",
                                        "throttle", "flaps", "gear", "brake", "vr-kt", "glide-deg", "aim-ft",
                                        "max-bank-deg", "until", "max-s", "event", "g", "alpha-deg", "aileron",
                                        "elevator", "rudder", "path", "course", "speedbrake", "wings", "gust-factor",
                                        "track-deg", "final-ias-kt", "final-glide-deg", "wind-correction", "circle",
                                        "intercept-deg-per-nm", "energy", "line-right-ft", NULL};
    memset(s, 0, sizeof *s);
    saqr_status st = xa_is(n, "formation") ? SAQR_OK : xa_check_attrs(rd, n, attrs);
    if (st)
        return st;
    where(rd, n, s->where, sizeof s->where);
    static const char *const modes[LMODE_COUNT] = {"fly", "takeoff", "approach", "land", "formation"};
    for (int m = 0; m < LMODE_COUNT; m++)
        if (xa_is(n, modes[m]))
            s->mode = (lesson_mode)m;
    s->throttle = s->flaps = s->gear = s->brake = s->vr_kt = s->max_s = s->final_ias_kt = s->final_glide_deg = NAN;
    s->intercept_deg_per_nm = NAN;
    s->g = s->alpha_deg = s->aileron = s->elevator = s->rudder = s->speedbrake = NAN;
    s->glide_deg = 3.0;
    s->aim_ft = s->mode == LMODE_APPROACH || s->mode == LMODE_LAND ? 1000.0 : NAN;
    s->max_bank_deg = 30.0;
    s->station_ahead_ft = s->station_right_ft = s->station_above_ft = 0.0;
    if (s->mode == LMODE_FORMATION && (st = read_formation(rd, n, s)))
        return st;
    if ((st = value_attr(rd, n, "bank-deg", &s->bank_deg)) || (st = value_attr(rd, n, "heading-deg", &s->heading_deg)) ||
        (st = value_attr(rd, n, "alt-ft", &s->alt_ft)) || (st = value_attr(rd, n, "vs-fpm", &s->vs_fpm)) ||
        (st = value_attr(rd, n, "pitch-deg", &s->pitch_deg)) || (st = value_attr(rd, n, "ias-kt", &s->ias_kt)) ||
        (st = value_attr(rd, n, "mach", &s->mach)) || (st = xa_number(rd, n, "throttle", &s->throttle)) ||
        (st = xa_number(rd, n, "flaps", &s->flaps)) || (st = xa_number(rd, n, "gear", &s->gear)) ||
        (st = xa_number(rd, n, "brake", &s->brake)) || (st = xa_number(rd, n, "vr-kt", &s->vr_kt)) ||
        (st = xa_number(rd, n, "glide-deg", &s->glide_deg)) || (st = xa_number(rd, n, "aim-ft", &s->aim_ft)) ||
        (st = xa_number(rd, n, "max-bank-deg", &s->max_bank_deg)) || (st = xa_number(rd, n, "max-s", &s->max_s)) ||
        (st = parse_cond(rd, n, "until", &s->until)) || (st = read_g(rd, n, s)) ||
        (st = xa_number(rd, n, "speedbrake", &s->speedbrake)) || (st = xa_number(rd, n, "alpha-deg", &s->alpha_deg)) ||
        (st = xa_number(rd, n, "aileron", &s->aileron)) || (st = xa_number(rd, n, "elevator", &s->elevator)) ||
        (st = xa_number(rd, n, "rudder", &s->rudder)) || (st = xa_number(rd, n, "final-ias-kt", &s->final_ias_kt)) ||
        (st = xa_number(rd, n, "final-glide-deg", &s->final_glide_deg)) ||
        (st = wind_factor(rd, n, &s->wind_factor)) ||
        (st = xa_number(rd, n, "intercept-deg-per-nm", &s->intercept_deg_per_nm)) ||
        (st = xa_number(rd, n, "line-right-ft", &s->line_right_ft)))
        return st;
    if (!(fabs(s->line_right_ft) <= LESSON_LINE_MAX_FT))
        return xa_fail(rd, n, "line-right-ft= is within -100..100 (a line along the runway)", NULL);
    if (!isnan(s->g) && !(s->g >= -3.0 && s->g <= 9.0))
        return xa_fail(rd, n, "g= must be within -3..9", NULL);
    if ((!isnan(s->aileron) && fabs(s->aileron) > 1.0) || (!isnan(s->elevator) && fabs(s->elevator) > 1.0) ||
        (!isnan(s->rudder) && fabs(s->rudder) > 1.0))
        return xa_fail(rd, n, "aileron=, elevator= and rudder= are within -1..1", NULL);
    /* path="glide": no engine, no glide path to fly */
    if ((st = xa_choice(rd, n, "wings", "level", "free", &s->wings_free)) ||
        (st = xa_choice(rd, n, "path", "glide-slope", "glide", &s->glide_free)))
        return st;
    /* an approach speed gets half the gust factor (FAA-H-8083-3C ch. 9);
     * a glide with no engine is flown at its best-glide speed */
    s->gust_share = (s->mode == LMODE_APPROACH || s->mode == LMODE_LAND) && !s->glide_free ? 0.5 : 0.0;
    if ((st = xa_number(rd, n, "gust-factor", &s->gust_share)) || (st = fraction(rd, n, "gust-factor", s->gust_share)))
        return st;
    char course[16] = "";
    if (xa_text(n, "course", course, sizeof course)) {
        if (strcmp(course, "runway") == 0)
            s->course_runway = 1;
        else if (strcmp(course, "leg") == 0)
            s->course_leg = 1;
        else
            return xa_fail(rd, n, "course= is \"runway\" (its extended centreline) or \"leg\" (the exercise's "
                           "leg of the route), not", course);
        if (s->course_leg && (xmlHasProp(n, BAD_CAST "heading-deg") || xmlHasProp(n, BAD_CAST "track-deg") ||
                              xmlHasProp(n, BAD_CAST "bank-deg")))
            return xa_fail(rd, n, "course=\"leg\" steers along the leg: no heading-deg=, track-deg= nor bank-deg=",
                           NULL);
    }
    char circle[16] = "";
    if (xa_text(n, "circle", circle, sizeof circle)) {
        if (strcmp(circle, "left") == 0)
            s->circle_dir = -1;
        else if (strcmp(circle, "right") == 0)
            s->circle_dir = 1;
        else
            return xa_fail(rd, n, "circle= is \"left\" or \"right\" (the way round the exercise's point), not",
                           circle);
        if (s->mode != LMODE_FLY || xmlHasProp(n, BAD_CAST "course") || xmlHasProp(n, BAD_CAST "heading-deg") ||
            xmlHasProp(n, BAD_CAST "track-deg") || xmlHasProp(n, BAD_CAST "bank-deg"))
            return xa_fail(rd, n, "circle= is a <fly> that steers its own bank: no course=, heading-deg=, "
                           "track-deg= nor bank-deg=", NULL);
    }
    char energy[16];
    if (xa_text(n, "energy", energy, sizeof energy)) {
        if (strcmp(energy, "speedbrake") != 0)
            return xa_fail(rd, n, "energy= is \"speedbrake\" (the glide's energy taken off with it), not", energy);
        if (s->mode != LMODE_LAND || !s->glide_free || xmlHasProp(n, BAD_CAST "speedbrake"))
            return xa_fail(rd, n, "energy=\"speedbrake\" is on a <land path=\"glide\">, without a speedbrake= of "
                           "its own", NULL);
        s->energy_speedbrake = 1;
    }
    if (!isnan(s->intercept_deg_per_nm) &&
        (!s->course_leg || !(s->intercept_deg_per_nm > 0.0 && s->intercept_deg_per_nm <= 1000.0)))
        return xa_fail(rd, n, "intercept-deg-per-nm= is above 0, at most 1000, on a course=\"leg\"", NULL);
    /* track-deg=: a heading target flown as a ground track */
    if (xmlHasProp(n, BAD_CAST "track-deg")) {
        if (xmlHasProp(n, BAD_CAST "heading-deg"))
            return xa_fail(rd, n, "give heading-deg= or track-deg=, not both", NULL);
        if ((st = value_attr(rd, n, "track-deg", &s->heading_deg)))
            return st;
        s->heading_is_track = 1;
    }
    if (s->wind_factor > 0.0 && (isnan(s->heading_deg.v) || s->heading_is_track || s->course_runway))
        return xa_fail(rd, n, "wind-correction= corrects a heading-deg= (not a track-deg= nor a course=)", NULL);
    /* aim-ft= on a <fly>: a turn to final to that point, gliding (the
     * throttle closed: begun when judged) or powered (descending to roll
     * out on the glide path, glide-deg=) */
    if (s->mode == LMODE_FLY && !isnan(s->aim_ft) && !(s->course_runway && !isnan(s->bank_deg.v)))
        return xa_fail(rd, n, "aim-ft= on a <fly> is for a turn to final: it needs course=\"runway\" and "
                       "bank-deg=", NULL);
    int gliding_turn = s->mode == LMODE_FLY && !isnan(s->aim_ft) && s->throttle == 0.0;
    if (!isnan(s->final_ias_kt) && (!gliding_turn || !(s->final_ias_kt > 0.0)))
        return xa_fail(rd, n, "final-ias-kt= is a positive airspeed, with aim-ft= on a gliding turn to final "
                       "(throttle=\"0\")", NULL);
    if (!isnan(s->final_glide_deg) && (!gliding_turn || !(s->final_glide_deg > 0.0 && s->final_glide_deg < 45.0)))
        return xa_fail(rd, n, "final-glide-deg= is an angle of 0..45 deg, with aim-ft= on a gliding turn to final "
                       "(throttle=\"0\")", NULL);
    if ((st = fraction(rd, n, "throttle", s->throttle)) || (st = fraction(rd, n, "flaps", s->flaps)) ||
        (st = fraction(rd, n, "gear", s->gear)) || (st = fraction(rd, n, "brake", s->brake)) ||
        (st = fraction(rd, n, "speedbrake", s->speedbrake)) ||
        (st = positive(rd, n, "max-s", s->max_s)) || (st = positive(rd, n, "vr-kt", s->vr_kt)) ||
        (st = positive(rd, n, "glide-deg", s->glide_deg)) || (st = positive(rd, n, "max-bank-deg", s->max_bank_deg)))
        return st;
    if (s->mode == LMODE_TAKEOFF && isnan(s->vr_kt))
        return xa_fail(rd, n, "<takeoff> needs vr-kt=", NULL);
    xa_text(n, "event", s->event, sizeof s->event);
    return SAQR_OK;
}

/* A segment of what the reference pilot flies. */
static int is_segment(const xmlNode *c)
{
    return xa_is(c, "fly") || xa_is(c, "takeoff") || xa_is(c, "approach") || xa_is(c, "land") ||
           xa_is(c, "formation");
}

/* Every segment of e (read from n) but the last needs an end: the last
 * one holds until the exercise completes. */
static saqr_status segment_ends(const xa_reader *rd, const xmlNode *n, const lesson_exercise *e)
{
    int k = 0;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (!is_segment(c))
            continue;
        const lesson_segment *sg = &e->segments[k++];
        if (k < e->nsegments && sg->until.nclauses == 0 && isnan(sg->max_s) && sg->mode != LMODE_LAND)
            return xa_fail(rd, c, "a segment other than the last needs until= or max-s= (else the next never starts)",
                           NULL);
    }
    return SAQR_OK;
}

/* Whether exercise e already has a grade or an instructor's item `id`
 * (the records and the instructor's marks name them by it). */
static int exercise_has_id(const lesson_exercise *e, const char *id)
{
    for (int i = 0; i < e->ngrades; i++)
        if (strcmp(e->grades[i].id, id) == 0)
            return 1;
    for (int i = 0; i < e->nitems; i++)
        if (strcmp(e->items[i].id, id) == 0)
            return 1;
    return 0;
}

/* <instructor-grade id= title= source=/>: an item the instructor marks. */
static saqr_status read_item(const xa_reader *rd, const xmlNode *n, lesson_item *it)
{
    static const char *const attrs[] = {"id", "title", "source", NULL};
    saqr_status st = xa_check_attrs(rd, n, attrs);
    if (st)
        return st;
    memset(it, 0, sizeof *it);
    if (!xa_text(n, "id", it->id, sizeof it->id) || !it->id[0])
        return xa_fail(rd, n, "<instructor-grade> needs id=", NULL);
    if (it->id[strspn(it->id, "abcdefghijklmnopqrstuvwxyz0123456789-_")])
        return xa_fail(rd, n, "an <instructor-grade>'s id= is lower-case letters, digits, - and _, not", it->id);
    if (!xa_text(n, "title", it->title, sizeof it->title) || !it->title[0])
        return xa_fail(rd, n, "<instructor-grade> needs title= (what the instructor marks)", NULL);
    if (!xa_text(n, "source", it->source, sizeof it->source) || !it->source[0])
        return xa_fail(rd, n, "every grade needs its source=", NULL);
    /* a cut title or source would be stored and shown cut */
    if (strlen(it->title) + 1 >= sizeof it->title || strlen(it->source) + 1 >= sizeof it->source)
        return xa_fail(rd, n, "an <instructor-grade>'s title= is at most 94 bytes and its source= 158", NULL);
    return SAQR_OK;
}

static saqr_status read_grade(const xa_reader *rd, const xmlNode *n, lesson_grade *g)
{
    static const char *const attrs[] = {"id", "title", "channel", "unit", "source", "target", "tolerance", "min", "max",
                                        "wrap", "at", "from", "until", "gust-factor", "wind-correction", NULL};
    saqr_status st = xa_check_attrs(rd, n, attrs);
    if (st)
        return st;
    memset(g, 0, sizeof *g);
    where(rd, n, g->where, sizeof g->where);
    g->ch = g->gust_ch = -1;
    g->wind_ch[0] = g->wind_ch[1] = g->wind_ch[2] = -1;
    g->tolerance = g->min = g->max = NAN;
    if (!xa_text(n, "id", g->id, sizeof g->id) || !g->id[0])
        return xa_fail(rd, n, "<grade> needs id=", NULL);
    if (!xa_text(n, "channel", g->channel, sizeof g->channel) || !g->channel[0])
        return xa_fail(rd, n, "<grade> needs channel=", NULL);
    if (!xa_text(n, "title", g->title, sizeof g->title))
        snprintf(g->title, sizeof g->title, "%s", g->id);
    xa_text(n, "unit", g->unit, sizeof g->unit);
    if (!xa_text(n, "source", g->source, sizeof g->source) || !g->source[0])
        return xa_fail(rd, n, "every tolerance needs its source=", NULL);
    if ((st = value_attr(rd, n, "target", &g->target)) || (st = xa_number(rd, n, "tolerance", &g->tolerance)) ||
        (st = xa_number(rd, n, "min", &g->min)) || (st = xa_number(rd, n, "max", &g->max)) ||
        (st = parse_cond(rd, n, "until", &g->until)))
        return st;
    g->gust_share = 0.0;
    if ((st = xa_number(rd, n, "gust-factor", &g->gust_share)) || (st = fraction(rd, n, "gust-factor", g->gust_share)))
        return st;
    char from[16];
    if (xa_text(n, "from", from, sizeof from) && strcmp(from, "captured") == 0)
        g->from_captured = 1;
    else if ((st = parse_cond(rd, n, "from", &g->from)))
        return st;
    if ((st = positive(rd, n, "tolerance", g->tolerance)))
        return st;
    int has_target = !isnan(g->target.v), has_limit = !isnan(g->min) || !isnan(g->max);
    if (has_target == has_limit)
        return xa_fail(rd, n, "<grade> needs either target= with tolerance=, or min= and/or max=", NULL);
    if (has_target && isnan(g->tolerance))
        return xa_fail(rd, n, "target= needs tolerance=", NULL);
    if (g->target.at_mass_kg > 0.0 && strcmp(g->channel, "ias-kt") != 0)
        return xa_fail(rd, n, "a target at a mass (\"150@7600kg\") is an airspeed: channel=\"ias-kt\" only", NULL);
    if (g->from_captured && !has_target)
        return xa_fail(rd, n, "from=\"captured\" needs target= and tolerance=", NULL);
    if (!isnan(g->min) && !isnan(g->max) && !(g->min < g->max))
        return xa_fail(rd, n, "min= must be below max=", NULL);
    char buf[48];
    if (xa_text(n, "wrap", buf, sizeof buf)) {
        if (strcmp(buf, "360") != 0)
            return xa_fail(rd, n, "wrap= can only be \"360\", not", buf);
        g->wrap360 = 1;
    }
    if ((st = wind_factor(rd, n, &g->wind_factor)))
        return st;
    if (g->wind_factor > 0.0 && (!g->wrap360 || !has_target))
        return xa_fail(rd, n, "wind-correction= moves a heading's band: it needs target= and wrap=\"360\"", NULL);
    g->at = LAT_HOLD;
    if (xa_text(n, "at", buf, sizeof buf)) {
        if (strcmp(buf, "end") == 0)
            g->at = LAT_END;
        else if (strncmp(buf, "event:", 6) == 0 && buf[6]) {
            g->at = LAT_EVENT;
            snprintf(g->event, sizeof g->event, "%s", buf + 6);
        } else if (strcmp(buf, "hold") != 0)
            return xa_fail(rd, n, "at= is \"hold\", \"end\" or \"event:KIND\", not", buf);
    }
    return SAQR_OK;
}

static saqr_status read_exercise(const xa_reader *rd, const xmlNode *n, const lesson_route *route,
                                 lesson_exercise *e)
{
    static const char *const attrs[] = {"id", "title", "max-s", "malfunction", "clear", "flown-by", "leg-from",
                                        "leg-to", "divert-to", "around", "radius-nm", NULL};
    saqr_status st = xa_check_attrs(rd, n, attrs);
    if (st)
        return st;
    where(rd, n, e->where, sizeof e->where);
    e->max_s = 600.0;
    e->entry_timeout_s = 120.0;
    if (!xa_text(n, "id", e->id, sizeof e->id) || !e->id[0])
        return xa_fail(rd, n, "<exercise> needs id=", NULL);
    if (!xa_text(n, "title", e->title, sizeof e->title))
        snprintf(e->title, sizeof e->title, "%s", e->id);
    if ((st = xa_number(rd, n, "max-s", &e->max_s)) || (st = positive(rd, n, "max-s", e->max_s)))
        return st;
    if (xa_text(n, "malfunction", e->malfunction, sizeof e->malfunction) &&
        sortie_malfunction_from_name(e->malfunction) < 0)
        return xa_fail(rd, n, "unknown malfunction (see docs/lessons.md):", e->malfunction);
    if (xa_text(n, "clear", e->clear, sizeof e->clear) && sortie_malfunction_from_name(e->clear) < 0)
        return xa_fail(rd, n, "clear= names an unknown malfunction (see docs/lessons.md):", e->clear);
    char by[LESSON_NAME_MAX];
    if (xa_text(n, "flown-by", by, sizeof by)) {
        if (strcmp(by, "instructor") == 0)
            e->by_instructor = 1;
        else if (strcmp(by, "trainee") != 0)
            return xa_fail(rd, n, "flown-by= is \"trainee\" (the default) or \"instructor\", not", by);
    }
    if ((st = lesson_leg_read(rd, n, route, &e->leg)) || (st = lesson_around_read(rd, n, route, &e->around)))
        return st;
    if (e->around.kind != LAROUND_NONE && e->leg.from != LESSON_LEG_NONE)
        return xa_fail(rd, n, "an exercise flies a leg of the route or a circle about a point (around=), not both",
                       NULL);
    int nseg = 0, ngrade = 0, nitem = 0;
    for (const xmlNode *c = n->children; c; c = c->next) {
        nseg += is_segment(c);
        ngrade += xa_is(c, "grade");
        nitem += xa_is(c, "instructor-grade");
    }
    e->segments = calloc((size_t)nseg + 1, sizeof *e->segments);
    e->grades = calloc((size_t)ngrade + 1, sizeof *e->grades);
    e->items = calloc((size_t)nitem + 1, sizeof *e->items);
    if (!e->segments || !e->grades || !e->items)
        return err_set(rd->err, SAQR_ENOMEM, "%s: out of memory", rd->path);
    int have_complete = 0;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (xa_is(c, "entry")) {
            static const char *const eattrs[] = {"when", "timeout-s", NULL};
            if ((st = xa_check_attrs(rd, c, eattrs)) || (st = parse_cond(rd, c, "when", &e->entry)) ||
                (st = xa_number(rd, c, "timeout-s", &e->entry_timeout_s)) ||
                (st = positive(rd, c, "timeout-s", e->entry_timeout_s)))
                return st;
        } else if (xa_is(c, "complete")) {
            static const char *const cattrs[] = {"when", NULL};
            if ((st = xa_check_attrs(rd, c, cattrs)) || (st = parse_cond(rd, c, "when", &e->complete)))
                return st;
            if (e->complete.nclauses == 0)
                return xa_fail(rd, c, "<complete> needs when=", NULL);
            have_complete = 1;
        } else if (xa_is(c, "grade")) {
            lesson_grade *g = &e->grades[e->ngrades];
            if ((st = read_grade(rd, c, g)))
                return st;
            if (exercise_has_id(e, g->id))
                return xa_fail(rd, c, "two grades with id", g->id);
            e->ngrades++;
        } else if (xa_is(c, "instructor-grade")) {
            lesson_item *it = &e->items[e->nitems];
            if ((st = read_item(rd, c, it)))
                return st;
            if (exercise_has_id(e, it->id))
                return xa_fail(rd, c, "two grades with id", it->id);
            e->nitems++;
        } else if (is_segment(c)) {
            if ((st = read_segment(rd, c, &e->segments[e->nsegments])))
                return st;
            if (e->segments[e->nsegments].circle_dir && e->around.kind == LAROUND_NONE)
                return xa_fail(rd, c, "circle= flies the exercise's circle: the <exercise> needs around= and "
                               "radius-nm=", NULL);
            if (e->segments[e->nsegments].course_leg && e->leg.from == LESSON_LEG_NONE)
                return xa_fail(rd, c, "course=\"leg\" flies the exercise's leg: the <exercise> needs leg-from= and "
                               "leg-to=, or divert-to=", NULL);
            e->nsegments++;
        } else {
            return xa_fail(rd, c, "unknown element in <exercise>:", (const char *)c->name);
        }
    }
    if (!have_complete)
        return xa_fail(rd, n, "<exercise> needs <complete when=\"...\"/>", NULL);
    if (e->nsegments == 0)
        return xa_fail(rd, n, "<exercise> needs at least one <fly>, <takeoff>, <approach>, <land> or <formation> for "
                       "the reference pilot", NULL);
    return segment_ends(rd, n, e);
}

/* <lead ahead-ft= right-ft= above-ft=> with the lead's segments (lesson.h
 * lesson_lead): its profile, flown from the start of the sortie. */
static saqr_status read_lead(const xa_reader *rd, const xmlNode *n, lesson_lead *ld)
{
    static const char *const attrs[] = {"ahead-ft", "right-ft", "above-ft", NULL};
    saqr_status st = xa_check_attrs(rd, n, attrs);
    if (st)
        return st;
    if (ld->present)
        return xa_fail(rd, n, "one <lead> in a lesson", NULL);
    ld->present = 1;
    ld->ahead_ft = ld->right_ft = NAN;
    ld->above_ft = 0.0;
    lesson_exercise *e = &ld->plan;
    snprintf(e->id, sizeof e->id, "lead");
    snprintf(e->title, sizeof e->title, "The lead's profile");
    where(rd, n, e->where, sizeof e->where);
    e->max_s = HUGE_VAL;
    e->leg.from = LESSON_LEG_NONE;
    if ((st = xa_number(rd, n, "ahead-ft", &ld->ahead_ft)) || (st = xa_number(rd, n, "right-ft", &ld->right_ft)) ||
        (st = xa_number(rd, n, "above-ft", &ld->above_ft)))
        return st;
    if (isnan(ld->ahead_ft) || isnan(ld->right_ft))
        return xa_fail(rd, n, "<lead> needs ahead-ft= and right-ft= (where the trainee starts from the lead)", NULL);
    if (!(fabs(ld->ahead_ft) <= STATION_MAX_FT && fabs(ld->right_ft) <= STATION_MAX_FT &&
          fabs(ld->above_ft) <= STATION_MAX_FT) ||
        hypot(hypot(ld->ahead_ft, ld->right_ft), ld->above_ft) < LESSON_MIN_SEPARATION_FT)
        return xa_fail(rd, n, "<lead>: ahead-ft=, right-ft= and above-ft= are within -6000..6000 and keep the "
                       "aircraft apart (see docs/lessons.md)", NULL);
    int nseg = 0;
    for (const xmlNode *c = n->children; c; c = c->next)
        nseg += is_segment(c);
    if (!(e->segments = calloc((size_t)nseg + 1, sizeof *e->segments)))
        return err_set(rd->err, SAQR_ENOMEM, "%s: out of memory", rd->path);
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (!is_segment(c) || xa_is(c, "formation"))
            return xa_fail(rd, c, "<lead> holds the lead's <fly>, <takeoff>, <approach> and <land>, not",
                           (const char *)c->name);
        if ((st = read_segment(rd, c, &e->segments[e->nsegments])))
            return st;
        if (e->segments[e->nsegments].course_leg || e->segments[e->nsegments].circle_dir)
            return xa_fail(rd, c, "the lead flies no leg of the route nor a circle (course=\"leg\", circle=)", NULL);
        e->nsegments++;
    }
    if (e->nsegments == 0)
        return xa_fail(rd, n, "<lead> needs at least one segment for the lead's pilot to fly", NULL);
    return segment_ends(rd, n, e);
}

/* <sky visibility-m= cloud-cover= cloud-base-ft= time-of-day=/>: the
 * conditions the visuals show (sortie_control.h's ranges and names). */
static saqr_status read_sky(const xa_reader *rd, const xmlNode *c, lesson_setup *s)
{
    static const char *const a[] = {"visibility-m", "cloud-cover", "cloud-base-ft", "time-of-day", NULL};
    saqr_status st;
    if ((st = xa_check_attrs(rd, c, a)) || (st = xa_number(rd, c, "visibility-m", &s->visibility_m)) ||
        (st = xa_number(rd, c, "cloud-base-ft", &s->cloud_base_ft)))
        return st;
    if (!isnan(s->visibility_m) && !(s->visibility_m >= 50.0 && s->visibility_m <= 50000.0))
        return xa_fail(rd, c, "visibility-m= must be within 50..50000", NULL);
    if (!isnan(s->cloud_base_ft) && !(s->cloud_base_ft >= 100.0 && s->cloud_base_ft <= 25000.0))
        return xa_fail(rd, c, "cloud-base-ft= must be within 100..25000 (above the airfield)", NULL);
    char name[16] = "";
    if (xa_text(c, "cloud-cover", name, sizeof name)) {
        double cover = NAN;
        for (int i = 0; i <= 4 && isnan(cover); i++)
            if (strcmp(name, sortie_cloud_cover_name(i)) == 0)
                cover = i;
        if (isnan(cover))
            return xa_fail(rd, c, "cloud-cover= is clear, few, scattered, broken or overcast, not", name);
        s->cloud_cover = cover;
    }
    if (xa_text(c, "time-of-day", name, sizeof name)) {
        double when = NAN;
        for (int i = 0; i <= 6 && isnan(when); i++)
            if (strcmp(name, sortie_time_of_day_name(i)) == 0)
                when = i;
        if (isnan(when))
            return xa_fail(rd, c, "time-of-day= is dawn, morning, noon, afternoon, dusk, evening or midnight, not",
                           name);
        s->time_of_day = when;
    }
    if (!isnan(s->cloud_cover) && s->cloud_cover > 0.0 && isnan(s->cloud_base_ft))
        return xa_fail(rd, c, "a cloud-cover= other than clear needs cloud-base-ft=", NULL);
    return SAQR_OK;
}

static saqr_status read_setup(const xa_reader *rd, const xmlNode *n, lesson_setup *s)
{
    static const char *const attrs[] = {"airport", "runway", "glide-slope", NULL};
    saqr_status st = xa_check_attrs(rd, n, attrs);
    if (st || (st = xa_choice(rd, n, "glide-slope", "on", "off", &s->glide_slope_off)))
        return st;
    if (!xa_text(n, "airport", s->airport, sizeof s->airport) || !xa_text(n, "runway", s->runway, sizeof s->runway))
        return xa_fail(rd, n, "<setup> needs airport= and runway= (the lesson's runway)", NULL);
    s->runway_line = (long)xmlGetLineNo(n);
    int have_start = 0, have_sky = 0;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (xa_is(c, "on-runway")) {
            static const char *const a[] = {"right-ft", NULL};
            if ((st = xa_check_attrs(rd, c, a)) || (st = xa_number(rd, c, "right-ft", &s->runway_right_ft)))
                return st;
            if (!(fabs(s->runway_right_ft) <= LESSON_LINE_MAX_FT))
                return xa_fail(rd, c, "<on-runway right-ft=> is within -100..100 (a place on the runway)", NULL);
            s->on_runway = 1;
            have_start++;
        } else if (xa_is(c, "airborne")) {
            static const char *const a[] = {"bearing-deg", "distance-nm", "alt-ft", "heading-deg", "ias-kt", NULL};
            if ((st = xa_check_attrs(rd, c, a)) || (st = xa_number(rd, c, "bearing-deg", &s->bearing_deg)) ||
                (st = xa_number(rd, c, "distance-nm", &s->distance_nm)) || (st = xa_number(rd, c, "alt-ft", &s->alt_ft)) ||
                (st = xa_number(rd, c, "heading-deg", &s->heading_deg)) || (st = xa_number(rd, c, "ias-kt", &s->ias_kt)))
                return st;
            if (isnan(s->alt_ft) || isnan(s->heading_deg) || isnan(s->ias_kt) || isnan(s->distance_nm) ||
                isnan(s->bearing_deg))
                return xa_fail(rd, c, "<airborne> needs bearing-deg=, distance-nm=, alt-ft=, heading-deg= and ias-kt=", NULL);
            if (!(s->ias_kt > 0.0) || s->distance_nm < 0.0 || s->distance_nm > 200.0)
                return xa_fail(rd, c, "<airborne>: ias-kt= must be positive and distance-nm= within 0..200", NULL);
            have_start++;
        } else if (xa_is(c, "load")) {
            static const char *const a[] = {"fuel-pct", NULL};
            if ((st = xa_check_attrs(rd, c, a)) || (st = xa_number(rd, c, "fuel-pct", &s->fuel_pct)))
                return st;
            if (!(s->fuel_pct >= 0.0 && s->fuel_pct <= 100.0))
                return xa_fail(rd, c, "fuel-pct= must be within 0..100", NULL);
        } else if (xa_is(c, "wind")) {
            static const char *const a[] = {"from-deg", "speed-kt", "turbulence", NULL};
            char turb[16] = "none";
            if ((st = xa_check_attrs(rd, c, a)) || (st = xa_number(rd, c, "from-deg", &s->wind_from_deg)) ||
                (st = xa_number(rd, c, "speed-kt", &s->wind_kt)))
                return st;
            if (!(s->wind_kt >= 0.0 && s->wind_kt <= 100.0))
                return xa_fail(rd, c, "speed-kt= must be within 0..100", NULL);
            xa_text(c, "turbulence", turb, sizeof turb);
            s->turbulence = strcmp(turb, "none") == 0 ? 0 : strcmp(turb, "light") == 0 ? 1
                          : strcmp(turb, "moderate") == 0 ? 2 : -1;
            if (s->turbulence < 0)
                return xa_fail(rd, c, "turbulence= is none, light or moderate, not", turb);
        } else if (xa_is(c, "sky")) {
            if (have_sky++)
                return xa_fail(rd, c, "one <sky> in a <setup>", NULL);
            if ((st = read_sky(rd, c, s)))
                return st;
        } else if (xa_is(c, "controls")) {
            static const char *const a[] = {"flaps", "gear", "throttle", NULL};
            if ((st = xa_check_attrs(rd, c, a)) || (st = xa_number(rd, c, "flaps", &s->flaps)) ||
                (st = xa_number(rd, c, "gear", &s->gear)) || (st = xa_number(rd, c, "throttle", &s->throttle)) ||
                (st = fraction(rd, c, "flaps", s->flaps)) || (st = fraction(rd, c, "gear", s->gear)) ||
                (st = fraction(rd, c, "throttle", s->throttle)))
                return st;
        } else if (xa_is(c, "set")) {
            static const char *const a[] = {"property", "value", NULL};
            if (s->nsets == LESSON_MAX_SETS)
                return xa_fail(rd, c, "at most 16 <set>s", NULL);
            lesson_set *p = &s->sets[s->nsets];
            p->value = NAN;
            if ((st = xa_check_attrs(rd, c, a)) || (st = xa_number(rd, c, "value", &p->value)))
                return st;
            if (!xa_text(c, "property", p->property, sizeof p->property) || !p->property[0] || isnan(p->value))
                return xa_fail(rd, c, "<set> needs property= and value=", NULL);
            s->nsets++;
        } else {
            return xa_fail(rd, c, "unknown element in <setup>:", (const char *)c->name);
        }
    }
    if (have_start != 1)
        return xa_fail(rd, n, "<setup> needs exactly one of <on-runway/> and <airborne .../>", NULL);
    return SAQR_OK;
}

/* The buffers of lesson.h, so that no attribute is ever cut to fit. */
static saqr_status check_all_lengths(const xa_reader *rd, const xmlNode *n)
{
    static const xa_limit limits[] = {
        {"id", 47}, {"title", 95}, {"channel", 31}, {"unit", 15}, {"source", 159}, {"until", 159}, {"when", 159},
        {"from", 159}, {"event", LESSON_NAME_MAX - 1}, {"malfunction", LESSON_NAME_MAX - 1},
        {"clear", LESSON_NAME_MAX - 1}, {"leg-from", LESSON_NAME_MAX - 1}, {"leg-to", LESSON_NAME_MAX - 1}, {"divert-to", LESSON_NAME_MAX - 1},
        {"around", LESSON_NAME_MAX - 1},
        {"flown-by", LESSON_NAME_MAX - 1}, {"airport", 7}, {"runway", 7}, {"property", 95}, {"aircraft", 31},
        {NULL, 0},
    };
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        saqr_status st = xa_check_lengths(rd, n, limits, 63);
        if (st == SAQR_OK)
            st = check_all_lengths(rd, n->children);
        if (st)
            return st;
    }
    return SAQR_OK;
}

static saqr_status read_lesson(const xa_reader *rd, const xmlNode *root, const char *expect_id, lesson *l)
{
    if (!root || !xa_is(root, "lesson"))
        return xa_fail(rd, root, "the root element must be <lesson>", NULL);
    static const char *const attrs[] = {"id", "aircraft", "max-s", NULL};
    saqr_status st = check_all_lengths(rd, root);
    if (st == SAQR_OK)
        st = xa_check_attrs(rd, root, attrs);
    if (st)
        return st;
    if (!xa_text(root, "id", l->id, sizeof l->id) || !strchr(l->id, '/'))
        return xa_fail(rd, root, "<lesson> needs id=\"AIRCRAFT/NAME\"", NULL);
    if (expect_id && strcmp(expect_id, l->id) != 0)
        return xa_fail(rd, root, "the lesson's id does not match its file name; expected", expect_id);
    if (!xa_text(root, "aircraft", l->aircraft, sizeof l->aircraft) || !l->aircraft[0])
        return xa_fail(rd, root, "<lesson> needs aircraft=", NULL);
    l->max_s = 1800.0;
    if ((st = xa_number(rd, root, "max-s", &l->max_s)) || (st = positive(rd, root, "max-s", l->max_s)))
        return st;
    lesson_setup *s = &l->setup;
    s->bearing_deg = s->distance_nm = s->alt_ft = s->heading_deg = s->ias_kt = s->fuel_pct = NAN;
    s->flaps = s->gear = s->throttle = NAN;
    s->visibility_m = s->cloud_cover = s->cloud_base_ft = s->time_of_day = NAN;
    int nex = 0, have_setup = 0;
    for (const xmlNode *c = root->children; c; c = c->next)
        nex += xa_is(c, "exercise");
    if (nex == 0)
        return xa_fail(rd, root, "a lesson needs at least one <exercise>", NULL);
    l->exercises = calloc((size_t)nex, sizeof *l->exercises);
    if (!l->exercises)
        return err_set(rd->err, SAQR_ENOMEM, "%s: out of memory", rd->path);
    for (const xmlNode *c = root->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (xa_is(c, "title")) {
            char title[sizeof l->title + 1];
            xa_content(c, title, sizeof title);
            if (strlen(title) >= sizeof l->title)
                return xa_fail(rd, c, "a <title> has at most 95 characters", NULL);
            memcpy(l->title, title, sizeof l->title);
        } else if (xa_is(c, "briefing")) {
            xmlChar *v = xmlNodeGetContent(c);
            free(l->briefing);
            l->briefing = strdup(v ? (const char *)v : "");
            xmlFree(v);
            if (!l->briefing)
                return err_set(rd->err, SAQR_ENOMEM, "%s: out of memory", rd->path);
        } else if (xa_is(c, "route")) {
            if ((st = lesson_route_read(rd, c, &l->route)))
                return st;
        } else if (xa_is(c, "lead")) {
            if ((st = read_lead(rd, c, &l->lead)))
                return st;
        } else if (xa_is(c, "setup")) {
            if ((st = read_setup(rd, c, s)))
                return st;
            have_setup = 1;
        } else if (xa_is(c, "exercise")) {
            lesson_exercise *e = &l->exercises[l->nexercises];
            l->nexercises++;
            if ((st = read_exercise(rd, c, &l->route, e)))
                return st;
            for (int i = 0; i < l->nexercises - 1; i++)
                if (strcmp(l->exercises[i].id, e->id) == 0)
                    return xa_fail(rd, c, "two exercises with id", e->id);
            if (e->leg.from == LESSON_LEG_DIVERT && lesson_diversion_exercise(l) != l->nexercises - 1)
                return xa_fail(rd, c, "a lesson has at most one diversion (divert-to=); another is", e->id);
        } else {
            return xa_fail(rd, c, "unknown element in <lesson>:", (const char *)c->name);
        }
    }
    if (!have_setup)
        return xa_fail(rd, root, "a lesson needs <setup>", NULL);
    if (!l->lead.present)
        for (int i = 0; i < l->nexercises; i++)
            for (int k = 0; k < l->exercises[i].nsegments; k++)
                if (l->exercises[i].segments[k].mode == LMODE_FORMATION)
                    return err_set(rd->err, SAQR_EPARSE, "%s: <formation> keeps station on the lesson's <lead>, "
                                   "and the lesson has none", l->exercises[i].segments[k].where);
    if (!l->title[0])
        snprintf(l->title, sizeof l->title, "%s", l->id);
    return SAQR_OK;
}

int lesson_parse_memory(const char *buf, size_t len, const char *name, lesson *l, saqr_err *err)
{
    memset(l, 0, sizeof *l);
    snprintf(l->path, sizeof l->path, "%s", name);
    xa_reader rd = {name, err};
    if (len > LESSON_MAX_BYTES || len > (size_t)0x7fffffff)
        return err_set(err, SAQR_EPARSE, "%s: larger than 4 MiB", name);
    xmlDoc *doc;
    saqr_status st = xa_parse_memory(buf, len, name, &doc, err);
    if (st)
        return st;
    st = read_lesson(&rd, xmlDocGetRootElement(doc), NULL, l);
    xmlFreeDoc(doc);
    return st;
}

int lesson_load(const char *path, const char *expect_id, lesson *l, saqr_err *err)
{
    memset(l, 0, sizeof *l);
    char *buf = NULL;
    size_t len = 0;
    saqr_status st = file_read_all(path, NULL, LESSON_MAX_BYTES, &buf, &len, err);
    if (st)
        return st;
    st = lesson_parse_memory(buf, len, path, l, err);
    mem_free(NULL, buf);
    if (st == SAQR_OK && expect_id && strcmp(expect_id, l->id) != 0)
        st = err_set(err, SAQR_EPARSE, "%s: its id \"%s\" does not match its file name (expected \"%s\")", path,
                     l->id, expect_id);
    return st;
}

void lesson_free(lesson *l)
{
    if (!l)
        return;
    for (int i = 0; i < l->nexercises; i++) {
        free(l->exercises[i].segments);
        free(l->exercises[i].grades);
        free(l->exercises[i].items);
    }
    free(l->exercises);
    free(l->lead.plan.segments);
    free(l->briefing);
    memset(l, 0, sizeof *l);
}

int lesson_id_valid(const char *id)
{
    int slashes = 0;
    size_t n = strlen(id);
    if (n == 0 || n > 63 || id[0] == '/' || id[n - 1] == '/')
        return 0;
    for (const char *c = id; *c; c++) {
        if (*c == '/')
            slashes++;
        else if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '-'))
            return 0;
    }
    return slashes == 1;
}
