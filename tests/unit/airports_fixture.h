/*
 * airports_fixture.h - a cmocka group fixture with Saqr's airports file
 * loaded (data/airports.xml) into `fixture_airports`, for tests that fly
 * lessons.  Include once per test file.
 */
#ifndef SAQR_TEST_AIRPORTS_FIXTURE_H
#define SAQR_TEST_AIRPORTS_FIXTURE_H

#include "test_util.h"
#include "train/airport.h"

static airport_db fixture_airports;

static int airports_setup(void **state)
{
    (void)state;
    saqr_err err;
    err_clear(&err);
    if (airport_db_load(SAQR_DATA_DIR "/airports.xml", &fixture_airports, &err)) {
        fprintf(stderr, "%s\n", err.msg);
        return -1;
    }
    return 0;
}

static int airports_teardown(void **state)
{
    (void)state;
    airport_db_free(&fixture_airports);
    return 0;
}

#endif
