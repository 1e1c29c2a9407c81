/*
 * sortie_fixture.h - a trainee sortie of a one-exercise lesson at OPRS
 * runway 27L (heading ~274 true) with a set-up of the test's choosing, for
 * tests of what a lesson's <setup> does to the aircraft.  Uses the
 * airports group fixture (airports_fixture.h).  Include once per file.
 */
#ifndef SAQR_TEST_SORTIE_FIXTURE_H
#define SAQR_TEST_SORTIE_FIXTURE_H

#include "airports_fixture.h"

#include <string.h>

#include "train/sortie.h"

/* The set-up's start: airborne heading 270 at 4,500 ft and 110 kt, 5 nm
 * east of the field. */
#define FIXTURE_AIRBORNE \
    "<airborne bearing-deg=\"90\" distance-nm=\"5\" alt-ft=\"4500\" heading-deg=\"270\" ias-kt=\"110\"/>"

/* Begins the sortie of a lesson whose <setup> holds `setup_xml`. */
static inline sortie *fixture_sortie_begin(lesson *l, const char *setup_xml)
{
    char xml[2048];
    snprintf(xml, sizeof xml,
             "<lesson id=\"t/setup\" aircraft=\"super-mushak\" max-s=\"60\"><title>Set-up</title>"
             "<setup airport=\"OPRS\" runway=\"27L\">%s</setup>"
             "<exercise id=\"e\" title=\"E\" max-s=\"30\"><fly alt-ft=\"entry\" heading-deg=\"entry\" "
             "ias-kt=\"110\" max-s=\"30\"/><complete when=\"ex-time-s ge 20\"/>"
             "<grade id=\"a\" title=\"A\" channel=\"alt-ft\" target=\"entry\" tolerance=\"100\" unit=\"ft\" "
             "source=\"test\"/></exercise></lesson>",
             setup_xml);
    saqr_err err = {""};
    if (lesson_parse_memory(xml, strlen(xml), "setup.xml", l, &err))
        fail_msg("%s", err.msg);
    sortie_opts o = {SAQR_ROOT_DIR, &fixture_airports, NULL, "trainee", 20.0, NULL, NULL};
    sortie *s = NULL;
    if (sortie_begin(l, &o, &s, &err))
        fail_msg("%s", err.msg);
    return s;
}

/* A property of the sortie's aircraft; a missing one fails the test. */
static inline double fixture_sortie_get(sortie *s, const char *name)
{
    saqr_fdm *f = sortie_fdm(s);
    int k = saqr_fdm_property(f, name);
    if (k < 0)
        fail_msg("no property %s", name);
    return saqr_fdm_get(f, k);
}

static inline void fixture_sortie_end(sortie *s, lesson *l)
{
    grade_sheet sheet;
    double flown;
    sortie_end(s, &sheet, &flown, NULL);
    sheet_free(&sheet);
    lesson_free(l);
}

#endif
