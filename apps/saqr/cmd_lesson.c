/*
 * cmd_lesson.c - `saqr lesson list` (one lesson id a line) and
 * `saqr lesson show ID` (briefing, set-up, exercises and what is graded,
 * with each tolerance's source) and `saqr lesson brief ID [-o FILE]` (the
 * same as the trainee's printable pre-flight briefing page).  Every listed lesson is loaded, so a
 * broken lesson file is reported (exit 2) rather than listed.
 */
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "train/briefing.h"
#include "train/flight_log.h"
#include "train/lesson_route.h"
#include "train_args.h"

#define MAX_LESSONS 512

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int ends_with_xml(const char *name)
{
    size_t n = strlen(name);
    return n > 4 && strcmp(name + n - 4, ".xml") == 0;
}

static int list(const train_paths *p)
{
    DIR *top = opendir(p->lessons);
    if (!top) {
        fprintf(stderr, "saqr lesson: cannot open the lessons folder %s\n", p->lessons);
        return 2;
    }
    char *ids[MAX_LESSONS];
    int n = 0, bad = 0;
    struct dirent *a;
    while ((a = readdir(top)) && n < MAX_LESSONS) {
        if (a->d_name[0] == '.')
            continue;
        char sub[1024];
        snprintf(sub, sizeof sub, "%s/%s", p->lessons, a->d_name);
        DIR *d = opendir(sub);
        if (!d)
            continue;
        struct dirent *e;
        while ((e = readdir(d)) && n < MAX_LESSONS) {
            if (e->d_name[0] == '.' || !ends_with_xml(e->d_name))
                continue;
            char id[600];
            snprintf(id, sizeof id, "%s/%.*s", a->d_name, (int)(strlen(e->d_name) - 4), e->d_name);
            lesson l;
            if (train_load_lesson(p, id, &l, "lesson")) {
                bad++;
                continue;
            }
            lesson_free(&l);
            ids[n] = strdup(id);
            if (ids[n])
                n++;
        }
        closedir(d);
    }
    closedir(top);
    qsort(ids, (size_t)n, sizeof ids[0], cmp_str);
    for (int i = 0; i < n; i++) {
        printf("%s\n", ids[i]);
        free(ids[i]);
    }
    return bad ? 2 : 0;
}

static void print_cond(const char *label, const lesson_cond *c)
{
    if (c->nclauses)
        printf("      %s %s\n", label, c->text);
}

static void show(const lesson *l)
{
    printf("%s: %s\n", l->id, l->title);
    printf("aircraft: %s\n", l->aircraft);
    const lesson_setup *s = &l->setup;
    if (s->on_runway)
        printf("start: lined up on runway %s at %s\n", s->runway, s->airport);
    else
        printf("start: airborne %.1f nm from %s runway %s (bearing %.0f deg), %.0f ft, heading %.0f, %.0f kt\n",
               s->distance_nm, s->airport, s->runway, s->bearing_deg, s->alt_ft, s->heading_deg, s->ias_kt);
    if (!isnan(s->fuel_pct))
        printf("fuel: %.0f%%\n", s->fuel_pct);
    if (!isnan(s->wind_kt))
        printf("wind: from %.0f deg at %.0f kt, turbulence %s\n", s->wind_from_deg, s->wind_kt,
               s->turbulence == 2 ? "moderate" : s->turbulence == 1 ? "light" : "none");
    if (l->lead.present)
        printf("lead: another %s, flying %d segment(s) of its own; the trainee starts %.0f ft ahead of it, %.0f ft "
               "right, %.0f ft above (negative: behind, left, below)\n",
               l->aircraft, l->lead.plan.nsegments, l->lead.ahead_ft, l->lead.right_ft, l->lead.above_ft);
    if (l->briefing)
        printf("\nBriefing:\n%s\n", l->briefing);
    fflush(stdout);
    flight_log_write_text(stdout, l);
    for (int i = 0; i < l->nexercises; i++) {
        const lesson_exercise *e = &l->exercises[i];
        printf("\nExercise %d, %s: %s\n", i + 1, e->id, e->title);
        char about[160];
        if (lesson_around_text(l, i, about, sizeof about))
            printf("      about: %s\n", about);
        print_cond("entry:", &e->entry);
        print_cond("complete:", &e->complete);
        for (int k = 0; k < e->ngrades; k++) {
            const lesson_grade *g = &e->grades[k];
            char band[96];
            if (!isnan(g->target.v) && g->target.from_entry) /* "entry+0 +-100": about the entry value */
                snprintf(band, sizeof band, "entry%+g +-%g", g->target.v, g->tolerance);
            else if (!isnan(g->target.v) && g->target.at_mass_kg > 0.0) /* "152.5@7600kg +-7.5": for the weight */
                snprintf(band, sizeof band, "%g@%gkg +-%g", g->target.v, g->target.at_mass_kg, g->tolerance);
            else if (!isnan(g->target.v)) /* "2523 +-100" */
                snprintf(band, sizeof band, "%g +-%g", g->target.v, g->tolerance);
            else if (!isnan(g->min) && !isnan(g->max))
                snprintf(band, sizeof band, "%g .. %g", g->min, g->max);
            else if (!isnan(g->min))
                snprintf(band, sizeof band, ">= %g", g->min);
            else
                snprintf(band, sizeof band, "<= %g", g->max);
            char moved[96] = ""; /* what moves the band when the exercise begins */
            if (g->gust_share > 0.0)
                snprintf(moved, sizeof moved, " (plus %g of the gust factor)", g->gust_share);
            else if (g->wind_factor > 0.0)
                snprintf(moved, sizeof moved, " (moved by %g x the wind correction angle)", g->wind_factor);
            printf("    - %s: %s %s %s%s [%s]\n", g->title, g->channel, band, g->unit, moved, g->source);
        }
        for (int k = 0; k < e->nitems; k++)
            printf("    - %s: the instructor's mark (%s) [%s]\n", e->items[k].title, e->items[k].id,
                   e->items[k].source);
    }
}

/* The briefing page to `out` ("-" or NULL: standard output). */
static int brief(const lesson *l, const char *out)
{
    FILE *f = out && strcmp(out, "-") != 0 ? fopen(out, "w") : stdout;
    if (!f) {
        perror(out);
        return 2;
    }
    int bad = briefing_write_html(l, f);
    if (f != stdout)
        bad |= fclose(f) != 0;
    if (bad) {
        fprintf(stderr, "saqr lesson: the briefing could not be written to %s\n", out ? out : "standard output");
        return 2;
    }
    if (f != stdout)
        printf("Wrote the briefing of %s to %s\n", l->id, out);
    return 0;
}

int cmd_lesson(int argc, char **argv)
{
    train_paths p;
    train_paths_default(&p);
    const char *sub = NULL, *id = NULL, *out = NULL;
    for (int i = 0; i < argc; i++) {
        int r = train_paths_option(&p, argc, argv, &i, "lesson");
        if (r < 0)
            return 2;
        if (r > 0)
            continue;
        if (strcmp(argv[i], "-o") == 0) {
            if (train_needs_value(argc, argv, i, "lesson"))
                return 2;
            out = argv[++i];
            continue;
        }
        if (argv[i][0] == '-') {
            fprintf(stderr, "saqr lesson: unknown option %s\n", argv[i]);
            return 2;
        }
        if (!sub)
            sub = argv[i];
        else if (!id)
            id = argv[i];
        else {
            fprintf(stderr, "saqr lesson: unexpected argument %s\n", argv[i]);
            return 2;
        }
    }
    if (sub && strcmp(sub, "list") == 0 && !id)
        return list(&p);
    if (sub && (strcmp(sub, "show") == 0 || strcmp(sub, "brief") == 0) && id && (!out || sub[0] == 'b')) {
        lesson l;
        if (train_load_lesson(&p, id, &l, "lesson"))
            return 2;
        int rc = 0;
        if (sub[0] == 's')
            show(&l);
        else
            rc = brief(&l, out);
        lesson_free(&l);
        return rc;
    }
    fprintf(stderr, "usage: saqr lesson list | saqr lesson show ID | saqr lesson brief ID [-o FILE]  [--lessons DIR]\n");
    return 2;
}
