// repo-seeds: data/airports.xml tests/fuzz/corpus/fuzz_airports/*
/*
 * fuzz_airports.c - libFuzzer driver for the airports reader
 * (src/train/airport.c): any bytes give airports whose every runway is
 * complete, in range and uniquely named, and whose runway frame maps a
 * nearby point there and back, or an error message; never a crash, a
 * leak or undefined behaviour.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "train/airport.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_runway(const airport *ap, const airport_runway *r)
{
    if (!r->ident[0] || airport_runway_find(ap, r->ident) != r)
        abort(); /* named, and the name finds this runway */
    if (!(fabs(r->lat_deg) <= 90.0 && fabs(r->lon_deg) <= 180.0 && r->heading_true_deg >= 0.0 &&
          r->heading_true_deg < 360.0 && r->length_ft > 0.0 && r->width_ft > 0.0 && isfinite(r->elevation_ft)))
        abort();
    const airport_runway *o = airport_runway_opposite(ap, r);
    if (o && airport_runway_opposite(ap, o) != r)
        abort(); /* the opposite of the opposite is the runway itself */
    /* 3,000 ft ahead and 500 ft right, away from the poles */
    if (fabs(r->lat_deg) < 80.0) {
        double lat, lon, x_ft, y_ft;
        runway_to_geodetic(r, 3000.0, 500.0, &lat, &lon);
        runway_from_geodetic(r, lat, lon, &x_ft, &y_ft);
        if (!(fabs(x_ft - 3000.0) < 1e-3 && fabs(y_ft - 500.0) < 1e-3))
            abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    airport_db db;
    saqr_err err = {{0}};
    int st = airport_db_parse_memory((const char *)data, size, "fuzz.xml", &db, &err);
    if (st == SAQR_OK) {
        if (db.nairports < 1 || !db.source[0])
            abort();
        for (int i = 0; i < db.nairports; i++) {
            const airport *ap = &db.airports[i];
            if (!ap->icao[0] || airport_find(&db, ap->icao) != ap || ap->nrunways < 1)
                abort(); /* unique, named, with runways */
            for (int j = 0; j < ap->nrunways; j++)
                check_runway(ap, &ap->runways[j]);
        }
    } else if (err.msg[0] == '\0' || strncmp(err.msg, "fuzz.xml", 8) != 0) {
        abort(); /* every failure explains itself, naming the file */
    }
    airport_db_free(&db);
    if (db.nairports != 0 || db.airports)
        abort();
    return 0;
}
