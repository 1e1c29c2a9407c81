/*
 * fgscene.c - the sky sent to FlightGear's property server (fgscene.h):
 * the METAR and the lines that carry it, and the non-blocking TCP link.
 */
#include "station/fgscene.h"

#include <errno.h>
#include <math.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "station/fgnet.h"
#include "util/mem.h"

#define RETRY_S 2.0 /* a failed or closed connection is tried again after  */

/* ============================================================ the METAR */

/* "OPRS" when icao is 4 upper-case letters or digits, else "XXXX". */
static const char *station_id(const char *icao)
{
    if (!icao || strlen(icao) != 4)
        return "XXXX";
    for (int i = 0; i < 4; i++)
        if (!((icao[i] >= 'A' && icao[i] <= 'Z') || (icao[i] >= '0' && icao[i] <= '9')))
            return "XXXX";
    return icao;
}

/* Visibility as a METAR reports it (Annex 3, App. 3, 4.2.4.4): below 800 m
 * in steps of 50 m, below 5 km of 100 m, below 10 km of 1,000 m, else
 * 9999 (10 km or more); each rounded down. */
static int metar_visibility(double vis_m)
{
    if (vis_m >= 10000.0)
        return 9999;
    double step = vis_m < 800.0 ? 50.0 : vis_m < 5000.0 ? 100.0 : 1000.0;
    return (int)(floor(vis_m / step) * step);
}

/* A temperature as METAR writes it: whole degrees, "M" for below zero. */
static void metar_temp(int c, char *out, size_t n)
{
    snprintf(out, n, c < 0 ? "M%02d" : "%02d", c < 0 ? -c : c);
}

int fgscene_metar(const sortie_weather *w, const char *icao, char *out, size_t n)
{
    char wind[40];
    int kt = (int)lround(w->wind_kt);
    if (kt < 1) {
        snprintf(wind, sizeof wind, "00000KT");
    } else {
        int dir = (int)lround(w->wind_from_deg / 10.0) * 10 % 360;
        int peak = (int)lround(w->wind_kt + w->gust_kt);
        if (w->gust_kt >= 1.0)
            snprintf(wind, sizeof wind, "%03d%02dG%02dKT", dir == 0 ? 360 : dir, kt, peak);
        else
            snprintf(wind, sizeof wind, "%03d%02dKT", dir == 0 ? 360 : dir, kt);
    }
    int vis = metar_visibility(w->visibility_m);
    /* present weather: rain as set; without it, fog below 1 km and mist
     * below 5 km (Annex 3, App. 3, 4.4.2.3) */
    const char *present = w->rain > 0.0 ? " RA" : vis < 1000 ? " FG" : vis < 5000 ? " BR" : "";
    char cloud[16];
    static const char *const cover[] = {"SKC", "FEW", "SCT", "BKN", "OVC"};
    int c = (int)w->cloud_cover;
    if (c <= 0 || c > 4)
        snprintf(cloud, sizeof cloud, "SKC");
    else
        snprintf(cloud, sizeof cloud, "%s%03d", cover[c], (int)fmin(999.0, floor(w->cloud_base_ft / 100.0)));
    /* The dew point is not an instructor's setting: saturated air in rain
     * or fog, nearly so in mist, else 8 C below (a dry day's spread) -
     * only FlightGear's haze reads it. */
    int t = (int)lround(w->temperature_c);
    int dew = w->rain > 0.0 || vis < 1000 ? t : vis < 5000 ? t - 1 : t - 8;
    char ts[16], ds[16];
    metar_temp(t, ts, sizeof ts);
    metar_temp(dew, ds, sizeof ds);
    int len = snprintf(out, n, "%s 011200Z %s %04d%s %s %s/%s Q%04d", station_id(icao), wind, vis, present, cloud, ts,
                       ds, (int)floor(w->qnh_hpa));
    return len >= 0 && (size_t)len < n ? len : -1;
}

/* Where the beacon goes: FlightGear's model manager follows these. */
#define MARKER_PROPS "/saqr/ground-point/"
#define MARKER_MODEL "/models/model[900]/" /* far above the low indices a scenario uses */
#define MARKER_BURIED_FT (-10000.0)

void fgscene_marker_of(const sortie *so, fgscene_marker *m)
{
    memset(m, 0, sizeof *m);
    sortie_circle_values c;
    const airport_runway *rwy = so ? sortie_runway(so) : NULL;
    if (!so || !rwy || !sortie_circle(so, &c) || !isfinite(c.lat_deg) || !isfinite(c.lon_deg))
        return;
    m->on = 1;
    m->lat_deg = c.lat_deg;
    m->lon_deg = c.lon_deg;
    m->elev_ft = isfinite(rwy->elevation_ft) ? rwy->elevation_ft : 0.0;
}

/* The marker's lines after the sky's at out (len so far): the tower on
 * the point, or buried. */
static int marker_commands(const fgscene_marker *m, char *out, size_t n, int len)
{
    if (len < 0 || (size_t)len >= n)
        return -1;
    int more;
    if (!m || !m->on || !isfinite(m->lat_deg) || !isfinite(m->lon_deg) || !isfinite(m->elev_ft))
        more = snprintf(out + len, n - (size_t)len, "set " MARKER_PROPS "elevation-ft %.1f\r\n", MARKER_BURIED_FT);
    else
        more = snprintf(out + len, n - (size_t)len,
                        "set " MARKER_PROPS "latitude-deg %.7f\r\n"
                        "set " MARKER_PROPS "longitude-deg %.7f\r\n"
                        "set " MARKER_PROPS "elevation-ft %.1f\r\n"
                        "set " MARKER_MODEL "path Models/Airport/beacon.xml\r\n"
                        "set " MARKER_MODEL "latitude-deg-prop " MARKER_PROPS "latitude-deg\r\n"
                        "set " MARKER_MODEL "longitude-deg-prop " MARKER_PROPS "longitude-deg\r\n"
                        "set " MARKER_MODEL "elevation-ft-prop " MARKER_PROPS "elevation-ft\r\n"
                        "set " MARKER_MODEL "load true\r\n",
                        m->lat_deg, m->lon_deg, m->elev_ft);
    return more >= 0 && (size_t)more < n - (size_t)len ? len + more : -1;
}

int fgscene_commands(const sortie_weather *w, const char *icao, const fgscene_marker *m, char *out, size_t n)
{
    char metar[FGSCENE_METAR_MAX];
    const char *when = sortie_time_of_day_name(w->time_of_day);
    if (fgscene_metar(w, icao, metar, sizeof metar) < 0 || !when)
        return -1;
    int len = snprintf(out, n,
                       "set /environment/realwx/enabled false\r\n"
                       "set /environment/config/enabled true\r\n"
                       "set /environment/params/metar-updates-environment true\r\n"
                       "set /environment/metar/data %s\r\n"
                       "set /environment/config/presets/visibility-m %.0f\r\n"
                       "set /environment/config/presets/visibility-m-override true\r\n"
                       "run timeofday %s\r\n",
                       metar, w->visibility_m, when);
    return marker_commands(m, out, n, len);
}

/* ============================================================ the link */

struct fg_props {
    int fd;                       /* -1 while not connected                */
    int connecting;               /* a connect() under way on fd           */
    int fresh;                    /* connected, nothing sent yet           */
    fgnet_address to;             /* the property server                 */
    double retry_at_s;            /* the next connection attempt           */
    char out[FGSCENE_TEXT_MAX + 8]; /* bytes waiting to be sent            */
    size_t out_len, out_off;
    char sent[FGSCENE_TEXT_MAX];  /* the sky's lines last queued           */
    sortie_weather sent_w;        /* ... from this weather and airfield: a
                                     frame with the same writes nothing     */
    fgscene_marker sent_m;        /* ... and this marker                   */
    char sent_icao[8];
    uint64_t skies;
};

saqr_status fg_props_open(const char *host, int port, fg_props **out, saqr_err *err)
{
    if (!out)
        return err_set(err, SAQR_EINVAL, "fg_props_open: no place for the link");
    *out = NULL;
    fgnet_address to;
    saqr_status st = fgnet_resolve("FlightGear property server", host, port, SOCK_STREAM, &to, err);
    if (st)
        return st;
    fg_props *p = mem_alloc(mem_default(), sizeof *p);
    if (!p)
        return err_set(err, SAQR_ENOMEM, "FlightGear property server: out of memory");
    p->to = to;
    p->fd = -1;
    *out = p;
    return SAQR_OK;
}

static void drop(fg_props *p, double now_s)
{
    if (p->fd >= 0)
        close(p->fd);
    p->fd = -1;
    p->connecting = p->fresh = 0;
    p->out_len = p->out_off = 0;
    p->retry_at_s = now_s + RETRY_S;
}

static void start_connect(fg_props *p, double now_s)
{
    p->fd = socket(p->to.family, p->to.socktype, p->to.protocol);
    if (p->fd < 0) {
        p->retry_at_s = now_s + RETRY_S;
        return;
    }
    if (fgnet_nonblocking(p->fd) != 0) {
        drop(p, now_s);
        return;
    }
    if (connect(p->fd, (const struct sockaddr *)&p->to.addr, p->to.len) == 0)
        p->fresh = 1;
    else if (errno == EINPROGRESS)
        p->connecting = 1;
    else
        drop(p, now_s);
}

/* A connect() under way: finished (fresh), failed (dropped) or not yet. */
static void finish_connect(fg_props *p, double now_s)
{
    struct pollfd pfd = {p->fd, POLLOUT, 0};
    if (poll(&pfd, 1, 0) <= 0)
        return;
    int e = 0;
    socklen_t len = sizeof e;
    if (getsockopt(p->fd, SOL_SOCKET, SO_ERROR, &e, &len) != 0 || e != 0) {
        drop(p, now_s);
        return;
    }
    p->connecting = 0;
    p->fresh = 1;
}

/* Reads and discards what the server says (an error line, in data mode):
 * 0, or -1 when it closed the connection. */
static int drain_input(fg_props *p)
{
    char buf[256];
    for (;;) {
        ssize_t n = recv(p->fd, buf, sizeof buf, MSG_DONTWAIT);
        if (n > 0)
            continue;
        if (n == 0)
            return -1;
        return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR ? 0 : -1;
    }
}

static void flush(fg_props *p, double now_s)
{
    while (p->out_off < p->out_len) {
        ssize_t n = send(p->fd, p->out + p->out_off, p->out_len - p->out_off, MSG_DONTWAIT | MSG_NOSIGNAL);
        if (n > 0) {
            p->out_off += (size_t)n;
        } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
            return; /* the rest on a later frame */
        } else {
            drop(p, now_s);
            return;
        }
    }
    p->out_len = p->out_off = 0;
}

/* Whether two markers place the beacon alike (field by field: a struct's
 * padding is not compared). */
static int marker_same(const fgscene_marker *a, const fgscene_marker *b)
{
    return a->on == b->on && a->lat_deg == b->lat_deg && a->lon_deg == b->lon_deg && a->elev_ft == b->elev_ft;
}

void fg_props_update(fg_props *p, const sortie_weather *w, const char *icao, const fgscene_marker *m, double now_s)
{
    if (!p)
        return;
    if (p->fd < 0) {
        if (now_s < p->retry_at_s)
            return;
        start_connect(p, now_s);
        if (p->fd < 0)
            return;
    }
    if (p->connecting)
        finish_connect(p, now_s);
    if (p->fd < 0 || p->connecting)
        return;
    if (drain_input(p) != 0) {
        drop(p, now_s);
        return;
    }
    fgscene_marker none = {0, 0.0, 0.0, 0.0}, mk = m && m->on ? *m : none;
    int same = w && !p->fresh && memcmp(w, &p->sent_w, sizeof *w) == 0 && icao &&
               strncmp(icao, p->sent_icao, sizeof p->sent_icao) == 0 && marker_same(&mk, &p->sent_m);
    if (w && p->out_len == 0 && !same) {
        char lines[FGSCENE_TEXT_MAX];
        int len = fgscene_commands(w, icao, &mk, lines, sizeof lines);
        if (len > 0 && (p->fresh || strcmp(lines, p->sent) != 0)) {
            size_t at = 0;
            if (p->fresh) {
                memcpy(p->out, "data\r\n", 6);
                at = 6;
            }
            memcpy(p->out + at, lines, (size_t)len);
            p->out_len = at + (size_t)len;
            p->out_off = 0;
            memcpy(p->sent, lines, (size_t)len + 1);
            p->fresh = 0;
            p->skies++;
        }
        p->sent_w = *w;
        p->sent_m = mk;
        snprintf(p->sent_icao, sizeof p->sent_icao, "%s", icao ? icao : "");
    }
    if (p->out_len)
        flush(p, now_s);
}

int fg_props_connected(const fg_props *p)
{
    return p && p->fd >= 0 && !p->connecting;
}

uint64_t fg_props_skies_sent(const fg_props *p)
{
    return p ? p->skies : 0;
}

void fg_props_close(fg_props *p)
{
    if (!p)
        return;
    if (p->fd >= 0)
        close(p->fd);
    mem_free(mem_default(), p);
}
