/*
 * fgscene.h - the sky FlightGear draws: the instructor's visibility, cloud
 * layer and time of day (with the wind, rain, temperature and QNH in
 * force) sent to FlightGear's property server, the "telnet" interface of
 * `fgfs --telnet=5401`, over TCP.  The aircraft's state goes by UDP
 * (fgnet.h); this link carries only what changes when the instructor
 * changes it.  Optional like the rest of the FlightGear link: a station
 * without it, or with FlightGear not listening, flies as before.
 *
 * What FlightGear is told (docs/flightgear.md, "The sky"):
 *   data                                   (no prompts or echoes back)
 *   set /environment/realwx/enabled false  (no weather fetched)
 *   set /environment/config/enabled true
 *   set /environment/params/metar-updates-environment true
 *   set /environment/metar/data OPRS 011200Z 22016G26KT 0800 RA OVC002 15/14 Q1013
 *   set /environment/config/presets/visibility-m 800
 *   set /environment/config/presets/visibility-m-override true
 *   run timeofday dusk
 * each line ending in CR LF.
 *
 * References: FlightGear, src/Network/props.cxx (the property server's
 * commands: "data", "set PATH VALUE" with the value's words joined by
 * spaces, "run timeofday NAME"; lines end in CR LF),
 * src/Environment/metarproperties.cxx (/environment/metar/data parsed as
 * a METAR when written), src/Environment/presets.cxx (the visibility
 * preset and its override), src/Time/TimeManager.cxx (the timeofday names
 * and their sun angles); FGData's weather scenarios (a METAR written to
 * /environment/metar/data with metar-updates-environment on and realwx
 * off); the METAR's form: WMO Manual on Codes No. 306, FM 15, and ICAO
 * Annex 3 (visibility in metres to 9999, cloud bases in hundreds of feet
 * above the aerodrome, gusts as the peak speed).
 */
#ifndef SAQR_STATION_FGSCENE_H
#define SAQR_STATION_FGSCENE_H

#include <stddef.h>
#include <stdint.h>

#include "train/sortie_control.h"
#include "util/err.h"

#define FGSCENE_DEFAULT_PORT 5401 /* the port docs/flightgear.md uses     */
#define FGSCENE_METAR_MAX 96      /* a METAR of this form, NUL included   */
#define FGSCENE_TEXT_MAX 640      /* every line of one sky, NUL included  */

/* The METAR FlightGear is given for weather w at aerodrome icao (4
 * letters or digits; "XXXX" when not): "OPRS 011200Z 22016G26KT 0800 RA
 * OVC002 15/14 Q1013".  The length written (without the NUL), or -1 when
 * it does not fit in n. */
int fgscene_metar(const sortie_weather *w, const char *icao, char *out, size_t n);

/* The property server's lines that set w's sky, each ending in CR LF
 * ("data" not included); the length, or -1 when they do not fit. */
int fgscene_commands(const sortie_weather *w, const char *icao, char *out, size_t n);

/* The TCP link to FlightGear's property server.  fg_props_open checks the
 * host and port and resolves the host; the connection itself is made,
 * and remade every 2 s after a failure or a close, by fg_props_update,
 * which never blocks. */
typedef struct fg_props fg_props;

saqr_status fg_props_open(const char *host, int port, fg_props **out, saqr_err *err);
/* Called each frame (or every few): moves the connection on, and sends
 * w's sky whenever it differs from the sky last sent, or the link is new.
 * now_s: a clock in seconds (the station's frames), for the retries. */
void fg_props_update(fg_props *p, const sortie_weather *w, const char *icao, double now_s);
/* 1 while connected. */
int fg_props_connected(const fg_props *p);
/* Skies sent whole (each a complete set of lines). */
uint64_t fg_props_skies_sent(const fg_props *p);
void fg_props_close(fg_props *p);

#endif
