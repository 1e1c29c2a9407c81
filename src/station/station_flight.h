/*
 * station_flight.h - a stored sortie's flight made ready to replay at the
 * station (SCMD_LOAD_FLIGHT): its recording's last minutes as the
 * instruments the replay shows, sampled at the replay's 10 Hz, with the
 * overlays' channels and the graded elements whose bands the overlays
 * shade.  Built on a web thread from the records (web_records.c); handed
 * to the simulation thread with the command, which frees it.
 */
#ifndef SAQR_STATION_STATION_FLIGHT_H
#define SAQR_STATION_STATION_FLIGHT_H

#include "station/station.h"
#include "train/record.h"
#include "train/sheet.h"

#define STATION_FLIGHT_HZ 10.0     /* the replay's rate                    */
#define STATION_FLIGHT_MAX 6000    /* samples kept: the last 10 minutes    */

struct station_flight {
    long long sortie_id;           /* the records' id (0: none)           */
    char lesson_id[64], lesson_title[96];
    char airport[8], runway[8];
    char trainee_number[32], trainee_name[STATION_NAME_MAX], pilot[24];
    int n;                         /* samples, oldest first, 1..MAX        */
    sortie_instruments *ins;       /* what the replay shows: the recorded,
                                      true values (no failed instrument's
                                      reading); NAN where not recorded    */
    double (*vals)[STATION_TRACE_NCH]; /* the overlays' channels           */
    int nel;                       /* the graded elements (their windows
                                      and bands), 0 when not graded        */
    sheet_element *el;
};

/* The flight of recording `rec` (its last STATION_FLIGHT_MAX samples at
 * STATION_FLIGHT_HZ) with the elements of `sheet` (NULL: none).  NULL
 * with the reason in err: no "t-s" channel, no frame, no memory. */
station_flight *station_flight_from_recording(const rec_data *rec, const grade_sheet *sheet, saqr_err *err);

void station_flight_free(station_flight *f);

#endif
