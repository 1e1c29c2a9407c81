/*
 * test_lesson.c - the lesson format: a valid lesson reads with its
 * set-up, exercises, segments and grades; conditions evaluate as written
 * (and/or, abs, entry-relative values); every kind of mistake is an error
 * naming the file and line.
 */
#include "test_util.h"

#include <math.h>

#include "train/lesson.h"

#include "lesson_errors.h"

static const char *good =
    "<?xml version=\"1.0\"?>\n"
    "<lesson id=\"test/turns\" aircraft=\"super-mushak\">\n"
    "  <title>Turns</title>\n"
    "  <briefing>Turn.</briefing>\n"
    "  <setup airport=\"OPRS\" runway=\"27L\">\n"
    "    <airborne bearing-deg=\"300\" distance-nm=\"10\" alt-ft=\"4500\" heading-deg=\"270\" ias-kt=\"110\"/>\n"
    "    <wind from-deg=\"250\" speed-kt=\"8\" turbulence=\"light\"/>\n"
    "  </setup>\n"
    "  <exercise id=\"left\" max-s=\"100\">\n"
    "    <entry when=\"abs(roll-deg) lt 5\"/>\n"
    "    <fly bank-deg=\"-45\" alt-ft=\"entry\" ias-kt=\"entry+5\" until=\"turn-deg le -335\"/>\n"
    "    <complete when=\"turn-deg le -355 and abs(roll-deg) &lt; 5\"/>\n"
    "    <grade id=\"altitude\" channel=\"alt-ft\" target=\"entry\" tolerance=\"100\" source=\"ACS\"/>\n"
    "    <grade id=\"floor\" channel=\"agl-ft\" min=\"1500\" source=\"ACS\"/>\n"
    "  </exercise>\n"
    "</lesson>\n";

static int parse(const char *text, lesson *l, saqr_err *err)
{
    err_clear(err);
    return lesson_parse_memory(text, strlen(text), "t.xml", l, err);
}

static void a_valid_lesson_reads_with_everything_it_says(void **state)
{
    (void)state;
    lesson l;
    saqr_err err;
    assert_int_equal(parse(good, &l, &err), SAQR_OK);
    assert_string_equal(l.id, "test/turns");
    assert_string_equal(l.setup.airport, "OPRS");
    assert_true(fabs(l.setup.wind_kt - 8.0) < 1e-12);
    assert_int_equal(l.setup.turbulence, 1);
    assert_int_equal(l.nexercises, 1);
    const lesson_exercise *e = &l.exercises[0];
    assert_int_equal(e->nsegments, 1);
    assert_int_equal(e->ngrades, 2);
    assert_int_equal(e->segments[0].ias_kt.from_entry, 1);
    assert_true(fabs(e->segments[0].ias_kt.v - 5.0) < 1e-12);
    assert_int_equal(e->complete.nclauses, 2);
    assert_true(isnan(e->grades[1].max) && fabs(e->grades[1].min - 1500.0) < 1e-12);
    assert_string_equal(e->malfunction, "");
    assert_int_equal(e->segments[0].wings_free, 0); /* the defaults: wings held level, a glide slope */
    assert_int_equal(e->segments[0].glide_free, 0);
    assert_true(isnan(l.setup.visibility_m) && isnan(l.setup.cloud_cover) && isnan(l.setup.time_of_day));
    lesson_free(&l);

    /* the sky, as written */
    char text[4096];
    const char *w_at = strstr(good, "  </setup>");
    snprintf(text, sizeof text,
             "%.*s    <sky visibility-m=\"800\" cloud-cover=\"broken\" cloud-base-ft=\"250\" time-of-day=\"dusk\"/>\n%s",
             (int)(w_at - good), good, w_at);
    assert_int_equal(parse(text, &l, &err), SAQR_OK);
    assert_near(l.setup.visibility_m, 800.0, 0.0);
    assert_near(l.setup.cloud_cover, 3.0, 0.0);
    assert_near(l.setup.cloud_base_ft, 250.0, 0.0);
    assert_near(l.setup.time_of_day, 4.0, 0.0);
    lesson_free(&l);

    /* an exercise's malfunction, by the instructor station's name */
    const char *at = strstr(good, "max-s=\"100\">");
    snprintf(text, sizeof text, "%.*smax-s=\"100\" malfunction=\"static-blocked\">%s", (int)(at - good), good,
             at + strlen("max-s=\"100\">"));
    assert_int_equal(parse(text, &l, &err), SAQR_OK);
    assert_string_equal(l.exercises[0].malfunction, "static-blocked");
    assert_string_equal(l.exercises[0].clear, "");
    assert_int_equal(l.exercises[0].by_instructor, 0); /* the trainee's, by default */
    lesson_free(&l);
    /* and one it clears (an airstart) */
    snprintf(text, sizeof text, "%.*smax-s=\"100\" clear=\"engine-failure\">%s", (int)(at - good), good,
             at + strlen("max-s=\"100\">"));
    assert_int_equal(parse(text, &l, &err), SAQR_OK);
    assert_string_equal(l.exercises[0].clear, "engine-failure");
    assert_string_equal(l.exercises[0].malfunction, "");
    lesson_free(&l);

    /* an exercise the instructor flies (a set-up), and one said to be the trainee's */
    const char *by[][2] = {{"flown-by=\"instructor\"", "1"}, {"flown-by=\"trainee\"", "0"}};
    for (size_t k = 0; k < 2; k++) {
        snprintf(text, sizeof text, "%.*smax-s=\"100\" %s>%s", (int)(at - good), good, by[k][0],
                 at + strlen("max-s=\"100\">"));
        assert_int_equal(parse(text, &l, &err), SAQR_OK);
        assert_int_equal(l.exercises[0].by_instructor, by[k][1][0] - '0');
        lesson_free(&l);
    }

    /* g="level": the pull of a level turn, not a number */
    at = strstr(good, "bank-deg=\"-45\"");
    snprintf(text, sizeof text, "%.*sg=\"level\" %s", (int)(at - good), good, at);
    assert_int_equal(parse(text, &l, &err), SAQR_OK);
    assert_int_equal(l.exercises[0].segments[0].g_level, 1);
    assert_true(isnan(l.exercises[0].segments[0].g));
    lesson_free(&l);
    snprintf(text, sizeof text, "%.*sg=\"2.5\" %s", (int)(at - good), good, at);
    assert_int_equal(parse(text, &l, &err), SAQR_OK);
    assert_int_equal(l.exercises[0].segments[0].g_level, 0);
    assert_near(l.exercises[0].segments[0].g, 2.5, 0.0);
    lesson_free(&l);

    /* a segment's two-valued choices, each way */
    const char *pairs[][2] = {{"wings=\"level\" path=\"glide-slope\"", "00"}, {"wings=\"free\" path=\"glide\"", "11"},
                              {"wings=\"free\"", "10"}, {"path=\"glide\"", "01"}};
    for (size_t k = 0; k < sizeof pairs / sizeof pairs[0]; k++) {
        at = strstr(good, "bank-deg=\"-45\"");
        snprintf(text, sizeof text, "%.*s%s %s", (int)(at - good), good, pairs[k][0], at);
        assert_int_equal(parse(text, &l, &err), SAQR_OK);
        assert_int_equal(l.exercises[0].segments[0].wings_free, pairs[k][1][0] - '0');
        assert_int_equal(l.exercises[0].segments[0].glide_free, pairs[k][1][1] - '0');
        lesson_free(&l);
    }
}

static void conditions_evaluate_as_written(void **state)
{
    (void)state;
    lesson l;
    saqr_err err;
    assert_int_equal(parse(good, &l, &err), SAQR_OK);
    const char *names[] = {"t-s", "alt-ft", "agl-ft", "ias-kt", "roll-deg", "heading-deg"};
    assert_int_equal(lesson_bind(&l, names, 6, &err), SAQR_OK);
    double v[9] = {0, 4500, 3450, 110, -3, 270, 0, -356, 0};
    double entry[9] = {0, 4500, 3450, 110, 0, 270, 0, 0, 0};
    const lesson_exercise *e = &l.exercises[0];
    assert_true(lesson_cond_holds(&e->complete, v, entry));
    v[4] = -6; /* abs(roll) 6: not below 5 */
    assert_false(lesson_cond_holds(&e->complete, v, entry));
    v[4] = 2;
    v[7] = -300;
    assert_false(lesson_cond_holds(&e->complete, v, entry));
    assert_true(fabs(lesson_value_at(&e->segments[0].ias_kt, 3, entry) - 115.0) < 1e-12);
    lesson_free(&l);
}

static void an_unknown_channel_is_reported_when_bound(void **state)
{
    (void)state;
    lesson l;
    saqr_err err;
    assert_int_equal(parse(good, &l, &err), SAQR_OK);
    const char *names[] = {"t-s", "alt-ft", "ias-kt", "roll-deg", "heading-deg"}; /* no agl-ft */
    assert_int_equal(lesson_bind(&l, names, 5, &err), SAQR_EPARSE);
    assert_non_null(strstr(err.msg, "t.xml:14"));
    assert_non_null(strstr(err.msg, "agl-ft"));
    lesson_free(&l);
}

#define ITEM_BEFORE_COMPLETE(attrs) "<instructor-grade " attrs "/><complete"

/* An item the instructor marks reads with its id, title and source; each
 * mistake in one is an error naming its line. */
static void the_instructors_items_read_and_their_mistakes_name_the_line(void **state)
{
    (void)state;
    char text[4096];
    const char *at = strstr(good, "<complete");
    snprintf(text, sizeof text, "%.*s%s%s", (int)(at - good), good,
             "<instructor-grade id=\"clearing_1\" title=\"Clearing turn\" source=\"ACS V.A\"/>", at);
    lesson l;
    lesson_parse_or_fail(text, &l);
    assert_int_equal(l.exercises[0].nitems, 1);
    assert_string_equal(l.exercises[0].items[0].id, "clearing_1");
    assert_string_equal(l.exercises[0].items[0].title, "Clearing turn");
    assert_string_equal(l.exercises[0].items[0].source, "ACS V.A");
    assert_int_equal(l.exercises[0].ngrades, 2);
    lesson_free(&l);
    char long_title[160];
    snprintf(long_title, sizeof long_title, "id=\"a\" title=\"%095d\" source=\"S\"", 0);
    char with_long[256];
    snprintf(with_long, sizeof with_long, "<instructor-grade %s/><complete", long_title);
    expect_lesson_error(good, "<complete", ITEM_BEFORE_COMPLETE("id=\"Look out\" title=\"L\" source=\"S\""), 12,
                        "lower-case letters, digits, - and _, not Look out");
    expect_lesson_error(good, "<complete", ITEM_BEFORE_COMPLETE("title=\"L\" source=\"S\""), 12, "needs id=");
    expect_lesson_error(good, "<complete", ITEM_BEFORE_COMPLETE("id=\"look\" source=\"S\""), 12, "needs title=");
    expect_lesson_error(good, "<complete", ITEM_BEFORE_COMPLETE("id=\"look\" title=\"L\""), 12, "source=");
    expect_lesson_error(good, "<complete", ITEM_BEFORE_COMPLETE("id=\"a\" title=\"L\" source=\"S\" weight=\"2\""),
                        12, "weight");
    expect_lesson_error(good, "<complete", with_long, 12, "at most 94 bytes");
    /* one id among the exercise's grades and items: the grade after it clashes */
    expect_lesson_error(good, "<complete", ITEM_BEFORE_COMPLETE("id=\"altitude\" title=\"L\" source=\"S\""), 13,
                        "two grades with id altitude");
}

/* A mistake put into good: an error naming the line. */
static void expect_error(const char *from, const char *to, int line, const char *what)
{
    expect_lesson_error(good, from, to, line, what);
}

static void mistakes_are_errors_that_name_the_line(void **state)
{
    (void)state;
    expect_error("tolerance=\"100\" source=\"ACS\"", "tolerance=\"100\"", 13, "source=");
    expect_error("tolerance=\"100\"", "tolerance=\"-1\"", 13, "positive");
    expect_error("target=\"entry\"", "target=\"entrance\"", 13, "target=");
    expect_error("le -335", "lq -335", 11, "clause");
    expect_error("turn-deg le -355 and abs", "turn-deg le -355 or x lt 1 and abs", 12, "joined");
    expect_error("ias-kt=\"110\"/>", "ias-kt=\"fast\"/>", 6, "not a number");
    expect_error("turbulence=\"light\"", "turbulence=\"severe\"", 7, "turbulence");
    expect_error("bank-deg=\"-45\"", "bank-deg=\"-45\" wings=\"loose\"", 11,
                 "wings= is \"level\" or \"free\", not loose");
    expect_error("bank-deg=\"-45\"", "bank-deg=\"-45\" path=\"GLIDE\"", 11,
                 "path= is \"glide-slope\" or \"glide\", not GLIDE");
    expect_error("<complete", "<complet", 12, "unknown element");
    expect_error("max-s=\"100\">", "max-s=\"100\" colour=\"red\">", 9, "colour");
    expect_error("max-s=\"100\">", "max-s=\"100\" malfunction=\"wing-fell-off\">", 9, "wing-fell-off");
    expect_error("max-s=\"100\">", "max-s=\"100\" clear=\"hangover\">", 9,
                 "clear= names an unknown malfunction (see docs/lessons.md): hangover");
    expect_error("max-s=\"100\">", "max-s=\"100\" clear=\"engine-failure-of-a-very-long-name-beyond-the-field\">", 9,
                 "clear");
    expect_error("max-s=\"100\">", "max-s=\"100\" flown-by=\"autopilot\">", 9, "flown-by=");
    expect_error("bank-deg=\"-45\"", "bank-deg=\"-45\" g=\"levelled\"", 11, "g=\"levelled\" is not a number");
    expect_error("<fly bank-deg=\"-45\" alt-ft=\"entry\"", "<fly bank-deg=\"-45\" g=\"pull-out\"", 11,
                 "g=\"pull-out\" levels off at alt-ft=");
    expect_error("runway=\"27L\">", "runway=\"27L\" glide-slope=\"out\">", 5,
                 "glide-slope= is \"on\" or \"off\", not out");
    expect_error("bank-deg=\"-45\"", "bank-deg=\"-45\" rudder=\"1.5\"", 11, "rudder= are within -1..1");
    expect_error("bank-deg=\"-45\"", "bank-deg=\"-45\" rudder=\"full\"", 11, "rudder=\"full\" is not a number");
    /* a flame-out final's energy: on a <land path="glide"> only, its speed
     * brake the pilot's */
    expect_error("<fly bank-deg=\"-45\"", "<fly energy=\"speedbrake\" bank-deg=\"-45\"", 11,
                 "energy=\"speedbrake\" is on a <land path=\"glide\">");
    expect_error("<fly bank-deg=\"-45\"", "<land path=\"glide\" energy=\"flaps\" bank-deg=\"-45\"", 11,
                 "energy= is \"speedbrake\"");
    expect_error("<fly bank-deg=\"-45\"", "<land path=\"glide\" energy=\"speedbrake\" speedbrake=\"1\" bank-deg=\"-45\"",
                 11, "without a speedbrake=");
    expect_error("<fly bank-deg=\"-45\"", "<land energy=\"speedbrake\" bank-deg=\"-45\"", 11,
                 "energy=\"speedbrake\" is on a <land path=\"glide\">");
    /* a segment's wheel brakes (a take-off roll's: a rejected take-off) */
    expect_error("bank-deg=\"-45\"", "bank-deg=\"-45\" brake=\"1.5\"", 11, "brake= must be between 0 and 1");
    expect_error("bank-deg=\"-45\"", "bank-deg=\"-45\" brake=\"hard\"", 11, "brake=\"hard\" is not a number");
    /* the sky the visuals show: ranges and names */
    const char *wind = "turbulence=\"light\"/>";
    expect_error(wind, "turbulence=\"light\"/><sky visibility-m=\"20\"/>", 7, "visibility-m= must be within 50..50000");
    expect_error(wind, "turbulence=\"light\"/><sky visibility-m=\"fog\"/>", 7, "visibility-m=\"fog\" is not a number");
    expect_error(wind, "turbulence=\"light\"/><sky cloud-cover=\"overcast\" cloud-base-ft=\"30000\"/>", 7,
                 "cloud-base-ft= must be within 100..25000");
    expect_error(wind, "turbulence=\"light\"/><sky cloud-cover=\"cumulus\" cloud-base-ft=\"300\"/>", 7,
                 "cloud-cover= is clear, few, scattered, broken or overcast, not cumulus");
    expect_error(wind, "turbulence=\"light\"/><sky cloud-cover=\"broken\"/>", 7, "needs cloud-base-ft=");
    expect_error(wind, "turbulence=\"light\"/><sky time-of-day=\"teatime\"/>", 7, "time-of-day= is dawn");
    expect_error(wind, "turbulence=\"light\"/><sky ceiling=\"200\"/>", 7, "ceiling");
    expect_error(wind, "turbulence=\"light\"/><sky time-of-day=\"dusk\"/><sky time-of-day=\"dawn\"/>", 7,
                 "one <sky> in a <setup>");
    expect_error("<lesson id=\"test/turns\"", "<lesson id=\"turns\"", 2, "AIRCRAFT/NAME");
    expect_error("</lesson>", "", 17, "XML");
    /* the turn to final (pilot_glide.c): an aim point only on a turn to
     * the runway's line, its final's airspeed and glide only on a gliding
     * one (the throttle closed), a heading or a track, the pilot's share
     * of the gust factor 0..1 */
    expect_error("bank-deg=\"-45\"", "bank-deg=\"-45\" aim-ft=\"600\"", 11, "turn to final: it needs course=");
    expect_error("bank-deg=\"-45\"", "bank-deg=\"-45\" course=\"runway\" aim-ft=\"600\" final-ias-kt=\"70\"", 11,
                 "gliding turn to final (throttle=\"0\")");
    expect_error("bank-deg=\"-45\"", "bank-deg=\"-45\" course=\"runway\" final-ias-kt=\"70\"", 11,
                 "final-ias-kt=");
    expect_error("bank-deg=\"-45\"", "bank-deg=\"-45\" course=\"runway\" aim-ft=\"600\" final-ias-kt=\"-70\"", 11,
                 "final-ias-kt=");
    expect_error("bank-deg=\"-45\"", "bank-deg=\"-45\" course=\"runway\" aim-ft=\"600\" final-glide-deg=\"60\"",
                 11, "final-glide-deg=");
    expect_error("bank-deg=\"-45\"", "bank-deg=\"-45\" heading-deg=\"90\" track-deg=\"90\"", 11, "not both");
    expect_error("bank-deg=\"-45\"", "bank-deg=\"-45\" track-deg=\"east\"", 11, "track-deg=\"east\"");
    expect_error("bank-deg=\"-45\"", "bank-deg=\"-45\" gust-factor=\"1.5\"", 11, "gust-factor= must be between");
    expect_error("bank-deg=\"-45\"", "bank-deg=\"-45\" gust-factor=\"nan\"", 11, "gust-factor");
    /* a condition too long for its buffer is refused, never cut short
     * (cut, "alt-ft ge 10000" could read as "alt-ft ge 10") */
    expect_error("until=\"turn-deg le -335\"",
                 "until=\"turn-deg le -335 and alt-ft ge 1000 and alt-ft ge 1000 and alt-ft ge 1000 and alt-ft ge 1000 "
                 "and alt-ft ge 1000 and alt-ft ge 1000 and alt-ft ge 1000 and alt-ft ge 1000 and alt-ft ge 10000\"",
                 11, "at most 159");
}

/* A gliding turn to final's aim point, final airspeed and glide, a
 * powered turn to final's aim point and path, a track to hold and a
 * segment's share of the gust factor read as written; the
 * defaults: half the gust factor on an approach and a powered landing,
 * none on a glide or a <fly>, an approach aimed 1,000 ft in. */
static void the_glides_judgement_reads_as_written(void **state)
{
    (void)state;
    char *text = strdup(good);
    assert_non_null(text);
    const char *from = "<fly bank-deg=\"-45\" alt-ft=\"entry\" ias-kt=\"entry+5\" until=\"turn-deg le -335\"/>";
    const char *to = "<fly course=\"runway\" bank-deg=\"-30\" throttle=\"0\" aim-ft=\"1240\" final-ias-kt=\"70\" "
                     "final-glide-deg=\"7.4\" track-deg=\"93.68\" gust-factor=\"0.5\" until=\"turn-deg le -335\"/>"
                     "<approach ias-kt=\"70\" max-s=\"1\"/><land path=\"glide\" ias-kt=\"70\" max-s=\"1\"/>"
                     "<fly ias-kt=\"90\" max-s=\"1\"/>"
                     "<fly course=\"runway\" bank-deg=\"-34\" aim-ft=\"1000\" glide-deg=\"2.5\" ias-kt=\"160\" "
                     "max-s=\"1\"/><fly g=\"pull-out\" alt-ft=\"entry\"/>";
    char edited[4096];
    const char *at = strstr(text, from);
    assert_non_null(at);
    snprintf(edited, sizeof edited, "%.*s%s%s", (int)(at - text), text, to, at + strlen(from));
    free(text);
    lesson l;
    saqr_err err;
    if (parse(edited, &l, &err))
        fail_msg("%s", err.msg);
    const lesson_segment *s = l.exercises[0].segments;
    assert_int_equal(l.exercises[0].nsegments, 6);
    assert_true(s[0].course_runway && s[0].heading_is_track);
    assert_true(fabs(s[0].heading_deg.v - 93.68) < 1e-12 && fabs(s[0].aim_ft - 1240.0) < 1e-12);
    assert_true(fabs(s[0].final_ias_kt - 70.0) < 1e-12 && fabs(s[0].final_glide_deg - 7.4) < 1e-12);
    assert_true(fabs(s[0].gust_share - 0.5) < 1e-12);
    assert_true(fabs(s[1].gust_share - 0.5) < 1e-12 && fabs(s[1].aim_ft - 1000.0) < 1e-12); /* <approach> */
    assert_true(s[2].glide_free && s[2].gust_share == 0.0);                                    /* a glide */
    assert_true(s[3].gust_share == 0.0 && isnan(s[3].aim_ft) && !s[3].heading_is_track);   /* a <fly> */
    /* a powered turn to final: its aim point and the glide path it rolls
     * out on, the throttle left to the pilot */
    assert_true(s[4].course_runway && fabs(s[4].aim_ft - 1000.0) < 1e-12 && fabs(s[4].glide_deg - 2.5) < 1e-12);
    assert_true(isnan(s[4].throttle) && isnan(s[4].final_ias_kt));
    /* a dive's pull-out to the altitude given */
    assert_true(s[5].g_pullout && !s[5].g_level && isnan(s[5].g) && s[5].alt_ft.from_entry);
    lesson_free(&l);
}

/* An airspeed given at a mass ("150@7600kg", a fighter's approach speed
 * for its weight): flown and graded at the entry's mass as the speed
 * times the square root of the mass ratio; as given when the mass is not
 * recorded (an old recording graded again); refused anywhere but an
 * airspeed, and malformed, with the line. */
static void an_airspeed_at_a_mass_goes_with_the_root_of_the_mass(void **state)
{
    (void)state;
    char text[4096];
    const char *seg = strstr(good, "ias-kt=\"entry+5\""), *grade = strstr(good, "    <grade id=\"floor\"");
    assert_true(seg && grade && seg < grade);
    snprintf(text, sizeof text, "%.*sias-kt=\"150@7600kg\"%.*s"
             "    <grade id=\"speed\" channel=\"ias-kt\" target=\"152.5@7600kg\" tolerance=\"7.5\" source=\"x\"/>\n%s",
             (int)(seg - good), good, (int)(grade - (seg + strlen("ias-kt=\"entry+5\""))),
             seg + strlen("ias-kt=\"entry+5\""), grade);
    lesson l;
    saqr_err err;
    assert_int_equal(parse(text, &l, &err), SAQR_OK);
    const char *names[] = {"t-s", "alt-ft", "agl-ft", "ias-kt", "roll-deg", "heading-deg", "mass-kg"};
    assert_int_equal(lesson_bind(&l, names, 7, &err), SAQR_OK);
    const lesson_exercise *e = &l.exercises[0];
    const lesson_value *ias = &e->segments[0].ias_kt;
    assert_true(ias->at_mass_kg == 7600.0);
    double entry[7] = {0, 4500, 3450, 150, 0, 270, 9120};
    assert_true(fabs(lesson_value_at(ias, 3, entry) - 150.0 * sqrt(1.2)) < 1e-12);
    entry[6] = 7600;
    assert_true(lesson_value_at(ias, 3, entry) == 150.0);
    const lesson_grade *g = &e->grades[1];
    double target, lo, hi;
    assert_int_equal(lesson_grade_band(g, NULL, &target, &lo, &hi), 0); /* the entry's mass not known yet */
    entry[6] = 6840;
    assert_int_equal(lesson_grade_band(g, entry, &target, &lo, &hi), 1);
    assert_true(fabs(target - 152.5 * sqrt(0.9)) < 1e-12 && fabs(hi - lo - 15.0) < 1e-12);
    lesson_free(&l);
    /* no mass channel: a sortie cannot fly it; an old recording grades
     * the speed as given */
    assert_int_equal(parse(text, &l, &err), SAQR_OK);
    assert_int_equal(lesson_bind(&l, names, 6, &err), SAQR_EPARSE);
    assert_non_null(strstr(err.msg, "t.xml:11"));
    assert_non_null(strstr(err.msg, "mass-kg"));
    lesson_free(&l);
    assert_int_equal(parse(text, &l, &err), SAQR_OK);
    assert_int_equal(lesson_bind_recorded(&l, names, 6, &err), SAQR_OK);
    assert_true(lesson_value_at(&l.exercises[0].segments[0].ias_kt, 3, entry) == 150.0);
    lesson_free(&l);
    const char *bad[][3] = {
        {"ias-kt=\"entry+5\"", "ias-kt=\"150@\"", "is not a number"},
        {"ias-kt=\"entry+5\"", "ias-kt=\"150@7600\"", "150@7600kg"},
        {"ias-kt=\"entry+5\"", "ias-kt=\"150@7600lb\"", "is not a number"},
        {"ias-kt=\"entry+5\"", "ias-kt=\"150@20kg\"", "is not a number"},
        {"ias-kt=\"entry+5\"", "ias-kt=\"-150@7600kg\"", "is not a number"},
        {"ias-kt=\"entry+5\"", "ias-kt=\"entry+5@7600kg\"", "is not a number"},
        {"ias-kt=\"entry+5\"", "ias-kt=\"150@7600kg@1kg\"", "is not a number"},
        {"bank-deg=\"-45\"", "bank-deg=\"-45@7600kg\"", "bank-deg=\"-45@7600kg\" is not a number"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        expect_error(bad[i][0], bad[i][1], 11, bad[i][2]);
    expect_error("target=\"entry\"", "target=\"4500@7600kg\"", 13, "channel=\"ias-kt\" only");
}

static void a_missing_file_is_an_error_naming_it(void **state)
{
    (void)state;
    lesson l;
    saqr_err err;
    err_clear(&err);
    assert_int_equal(lesson_load("/nonexistent/x.xml", NULL, &l, &err), SAQR_EIO);
    assert_non_null(strstr(err.msg, "/nonexistent/x.xml"));
    lesson_free(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_valid_lesson_reads_with_everything_it_says),
        cmocka_unit_test(conditions_evaluate_as_written),
        cmocka_unit_test(an_unknown_channel_is_reported_when_bound),
        cmocka_unit_test(mistakes_are_errors_that_name_the_line),
        cmocka_unit_test(the_instructors_items_read_and_their_mistakes_name_the_line),
        cmocka_unit_test(the_glides_judgement_reads_as_written),
        cmocka_unit_test(an_airspeed_at_a_mass_goes_with_the_root_of_the_mass),
        cmocka_unit_test(a_missing_file_is_an_error_naming_it),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
