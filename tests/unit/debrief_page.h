/*
 * debrief_page.h - the debrief page of a recorded sortie written to
 * memory, at a runway of the airports fixture, for tests that look in it.
 * Include after airports_fixture.h.
 */
#ifndef SAQR_TEST_DEBRIEF_PAGE_H
#define SAQR_TEST_DEBRIEF_PAGE_H

#include <stdio.h>
#include <stdlib.h>

#include "airports_fixture.h"
#include "train/debrief.h"

/* The page of `rec` graded `sheet` in lesson l, charted at runway `ident`
 * of airport `icao` (both must be in the fixture); the caller frees it. */
static char *debrief_page(const rec_data *rec, const grade_sheet *sheet, const lesson *l, const char *icao,
                          const char *ident)
{
    const airport *ap = airport_find(&fixture_airports, icao);
    assert_non_null(ap);
    const airport_runway *rwy = airport_runway_find(ap, ident);
    assert_non_null(rwy);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    saqr_err err;
    err_clear(&err);
    int st = debrief_write_html_stream(f, "mem", rec, sheet, rwy, l, &err);
    fclose(f);
    if (st != SAQR_OK)
        fail_msg("debrief: %s", err.msg);
    return buf;
}

#endif
