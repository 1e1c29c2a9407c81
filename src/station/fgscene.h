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
 * and, while the exercise flies about a point (a ground reference
 * manoeuvre), a beacon tower standing on it - an airport beacon, seen
 * from afar and lit at night - placed by FlightGear's model manager
 * (a /models/model node whose "load" child appears) at a position it
 * follows from properties of Saqr's own:
 *   set /saqr/ground-point/latitude-deg 34.0119200
 *   set /saqr/ground-point/longitude-deg 71.9863000
 *   set /saqr/ground-point/elevation-ft 1050.0
 *   set /models/model[900]/path Models/Airport/beacon.xml
 *   set /models/model[900]/latitude-deg-prop /saqr/ground-point/latitude-deg
 *   set /models/model[900]/longitude-deg-prop /saqr/ground-point/longitude-deg
 *   set /models/model[900]/elevation-ft-prop /saqr/ground-point/elevation-ft
 *   set /models/model[900]/load true
 * (with no point, only the elevation, 10,000 ft below the sea: the tower
 * buried); each line ending in CR LF.
 *
 * References: FlightGear, src/Network/props.cxx (the property server's
 * commands: "data", "set PATH VALUE" with the value's words joined by
 * spaces, "run timeofday NAME"; lines end in CR LF),
 * src/Environment/metarproperties.cxx (/environment/metar/data parsed as
 * a METAR when written), src/Environment/presets.cxx (the visibility
 * preset and its override), src/Time/TimeManager.cxx (the timeofday names
 * and their sun angles), src/Model/modelmgr.cxx (a model added when a
 * "load" child appears under /models/model[n], placed from its path and
 * position, the "-prop" forms followed every frame), FGData's Nasal
 * geo.put_model (the same from a script), Models/Airport/beacon.xml (the
 * airport beacon TerraGear places); FGData's weather scenarios (a METAR written to
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
#define FGSCENE_TEXT_MAX 1280     /* every line of one sky, NUL included  */

/* A ground reference's point shown in FlightGear's view (on 0: none). */
typedef struct fgscene_marker {
    int on;
    double lat_deg, lon_deg, elev_ft;
} fgscene_marker;

/* The marker of sortie so's current exercise: its point about which it
 * flies (sortie_circle), standing at the elevation of the sortie's runway
 * (Saqr's ground; FlightGear's terrain there may differ by the local
 * relief); off when it flies about none. */
void fgscene_marker_of(const sortie *so, fgscene_marker *m);

/* The METAR FlightGear is given for weather w at aerodrome icao (4
 * letters or digits; "XXXX" when not): "OPRS 011200Z 22016G26KT 0800 RA
 * OVC002 15/14 Q1013".  The length written (without the NUL), or -1 when
 * it does not fit in n. */
int fgscene_metar(const sortie_weather *w, const char *icao, char *out, size_t n);

/* The property server's lines that set w's sky and marker m's beacon
 * (NULL or off: buried), each ending in CR LF ("data" not included); the
 * length, or -1 when they do not fit. */
int fgscene_commands(const sortie_weather *w, const char *icao, const fgscene_marker *m, char *out, size_t n);

/* The TCP link to FlightGear's property server.  fg_props_open checks the
 * host and port and resolves the host; the connection itself is made,
 * and remade every 2 s after a failure or a close, by fg_props_update,
 * which never blocks. */
typedef struct fg_props fg_props;

saqr_status fg_props_open(const char *host, int port, fg_props **out, saqr_err *err);
/* Called each frame (or every few): moves the connection on, and sends
 * w's sky and m's marker whenever they differ from those last sent, or
 * the link is new.  now_s: a clock in seconds (the station's frames),
 * for the retries. */
void fg_props_update(fg_props *p, const sortie_weather *w, const char *icao, const fgscene_marker *m, double now_s);
/* 1 while connected. */
int fg_props_connected(const fg_props *p);
/* Skies sent whole (each a complete set of lines). */
uint64_t fg_props_skies_sent(const fg_props *p);
void fg_props_close(fg_props *p);

#endif
