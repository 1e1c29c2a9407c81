/*
 * airport.h - the airports lessons start from and land at: real runway
 * thresholds, headings, lengths and elevations read from
 * data/airports.xml (which names its public source), and the runway frame
 * the grader measures touchdowns and tracks in.
 *
 * Runway frame: x along the runway from the threshold towards the far
 * end (ft), y to the right of the centreline seen from the threshold (ft).
 * Conversions use the WGS-84 ellipsoid's local radii at the threshold
 * (error well under a foot within 10 nm).
 *
 * Who frees what: airport_db_load fills a db that airport_db_free frees,
 * also after a failed load.
 */
#ifndef SAQR_TRAIN_AIRPORT_H
#define SAQR_TRAIN_AIRPORT_H

#include <stddef.h>

#include "util/err.h"

typedef struct airport_runway {
    char ident[8];          /* "36", "18L"                                */
    double lat_deg, lon_deg;/* threshold (landing end), geodetic WGS-84   */
    double elevation_ft;    /* threshold elevation, MSL                   */
    double heading_true_deg;/* direction of take-off / landing, true      */
    double length_ft, width_ft;
} airport_runway;

typedef struct airport {
    char icao[8];           /* "OPRS"                                     */
    char name[96];
    double elevation_ft;    /* field elevation, MSL                       */
    int nrunways;
    airport_runway *runways;/* both ends of each strip, each its own entry */
} airport;

typedef struct airport_db {
    char source[256];       /* the data file's citation of its source     */
    int nairports;
    airport *airports;
} airport_db;

/* Reads an airports file.  Errors name file:line (SAQR_EPARSE) or the
 * file (SAQR_EIO). */
int airport_db_load(const char *path, airport_db *db, saqr_err *err);
void airport_db_free(airport_db *db);

/* Reads an airports file already in memory (len bytes, need not end in
 * NUL); `name` stands for the file in messages ("name:line: ...").  Same
 * results as airport_db_load; the db is freed with airport_db_free. */
int airport_db_parse_memory(const char *buf, size_t len, const char *name, airport_db *db, saqr_err *err);

/* Look-ups; NULL when absent. */
const airport *airport_find(const airport_db *db, const char *icao);
const airport_runway *airport_runway_find(const airport *ap, const char *ident);
/* The other end of r's strip ("27R" for "09L", "36" for "18"); NULL when
 * the airport does not list it or r's ident is not a runway number. */
const airport_runway *airport_runway_opposite(const airport *ap, const airport_runway *r);

/* Geodetic point -> runway frame (ft), and back. */
void runway_from_geodetic(const airport_runway *r, double lat_deg, double lon_deg, double *x_ft, double *y_ft);
void runway_to_geodetic(const airport_runway *r, double x_ft, double y_ft, double *lat_deg, double *lon_deg);

#endif
