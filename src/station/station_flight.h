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
#define STATION_FLIGHT_MAX 6000    /* samples kept: 10 minutes of flight   */

struct station_flight {
    long long sortie_id;           /* the records' id (0: none)           */
    char lesson_id[64], lesson_title[96];
    char airport[8], runway[8];
    char trainee_number[32], trainee_name[STATION_NAME_MAX], pilot[24];
    double flight_t0_s, flight_t1_s; /* the whole recorded flight's first
                                      and last times (the window is part
                                      of it when it is longer)             */
    int n;                         /* samples, oldest first, 1..MAX        */
    sortie_instruments *ins;       /* what the replay shows: the recorded,
                                      true values (no failed instrument's
                                      reading); NAN where not recorded    */
    double (*vals)[STATION_TRACE_NCH]; /* the overlays' channels           */
    sortie_lead_values *lead;          /* a formation's lead beside each sample
                                          (lat_deg NAN: none recorded); its
                                          velocity is not recorded: NAN        */
    int nel;                       /* the graded elements (their windows
                                      and bands), 0 when not graded        */
    sheet_element *el;
};

/* Into *out, the flight of recording `rec` with the elements of `sheet`
 * (NULL: none): at most STATION_FLIGHT_MAX samples at STATION_FLIGHT_HZ,
 * from the first frame at or after `from_s` of the sortie's time, or
 * (from_s NAN) the last ones, ending on the flight's last frame.
 * Otherwise *out NULL and the reason in err: SAQR_EPARSE for no "t-s"
 * channel or no frame with a time, SAQR_EINVAL for a `from_s` after the
 * flight's end, SAQR_ENOMEM. */
saqr_status station_flight_from_recording(const rec_data *rec, const grade_sheet *sheet, double from_s,
                                          station_flight **out, saqr_err *err);

void station_flight_free(station_flight *f);

#endif
