/*
 * station_fly.h - a lesson flown in real time: the sortie of
 * src/train/sortie.h driven by the real-time loop (realtime.h), with the
 * outside view streamed to FlightGear (fgnet.h).  The same frames, the
 * same pilot, the same grader and recorder as the headless path, so a
 * sortie flown in real time grades exactly as one flown headless.
 */
#ifndef SAQR_STATION_STATION_FLY_H
#define SAQR_STATION_STATION_FLY_H

#include "station/realtime.h"
#include "train/sortie.h"

typedef struct station_fly_opts {
    rt_clock clock;          /* rt_clock_monotonic() for real time         */
    double scale;            /* 1 real time, 2.. faster (replays, tests)   */
    const char *fg_host;     /* FlightGear's host, NULL: no visuals        */
    int fg_port;             /* its native-fdm port (FGNET_DEFAULT_PORT)   */
    double fg_rate_hz;       /* packets per sim second (60 if 0)           */
    volatile const int *stop;/* set (e.g. by SIGINT) to end the sortie     */
    const char *controls;    /* with pilot "trainee": the controls mapping
                                (data/controls.xml); NULL: none            */
    int rt_priority;         /* the flight's thread runs under SCHED_FIFO
                                at this priority (rt_priority.h) while it
                                flies; 0: its scheduling is left alone     */
    int fg_props_port;       /* FlightGear's property server on fg_host
                                (fgfs --telnet=PORT): the lesson's sky
                                sent there (fgscene.h); 0: not sent        */
    int fg_mp_port;          /* FlightGear's multiplayer input on fg_host
                                (fgfs --multiplay=in,10,,PORT): a
                                formation's lead sent there (lead_mp.h);
                                0: not sent                                */
    const char *fg_mp_model; /* the lead's model (fgmp_model_ok); NULL:
                                FGMP_DEFAULT_MODEL                         */
} station_fly_opts;

typedef struct station_fly_report {
    rt_stats loop;           /* frames, overruns, drops                    */
    unsigned long fg_sent;   /* packets sent to FlightGear                 */
    unsigned long fg_failed; /* packets that could not be sent             */
    char fg_error[SAQR_ERR_MAX]; /* the first send failure, "" when none   */
    unsigned long fg_skies;  /* skies sent to FlightGear's property server */
    unsigned long lead_sent; /* the lead's messages sent                   */
    int stopped;             /* 1 when ended early through `stop`          */
    int devices;             /* input devices SDL reported at the start    */
    int rt_priority;         /* the real-time priority it flew at, 0: none */
    char rt_refused[SAQR_ERR_MAX]; /* why rt_priority was refused, "" when
                                it was not                                 */
} station_fly_report;

/* Flies lesson `l` in real time and grades it (`sheet`, `flown_s` as
 * sortie_fly_timed).  Errors: the sortie's (set-up, simulation), a bad
 * scale, a FlightGear host that cannot be resolved, a FlightGear link
 * without the host or a lead's model that cannot be sent, a controls
 * mapping that cannot be read or SDL that cannot start.  A FlightGear that is
 * not listening is not an error (UDP); the report counts the packets. */
int station_fly(lesson *l, const sortie_opts *o, const station_fly_opts *so, grade_sheet *sheet, double *flown_s,
                station_fly_report *report, saqr_err *err);

#endif
