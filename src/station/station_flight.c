/*
 * station_flight.c - a stored sortie's recording made ready to replay at
 * the station (see station_flight.h).
 *
 * The recording holds the aircraft's true values (sortie.c's channels),
 * so the replay shows what the aircraft did, as the station's own replay
 * shows the true values beside a failed instrument; what was not
 * recorded (the engine's gauges, the QNH set, the DME) is NAN, which the
 * pages show as absent.  The rate of turn is the heading's change between
 * two samples, as a turn coordinator's needle settles to.  A formation
 * lesson's lead replays beside the aircraft from its own channels.
 */
#include "station/station_flight.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "math/angle.h"

/* The recorded channels the replay reads, by name. */
enum { F_T, F_LAT, F_LON, F_ALT, F_AGL, F_IAS, F_GS, F_MACH, F_VS, F_PITCH, F_ROLL, F_HDG, F_ALPHA, F_NZ,
       F_ELEV, F_AIL, F_RUD, F_THR, F_FLAPS, F_GEAR, F_BRAKE, F_WOW, F_STALL, F_FUEL, F_LOC, F_GSD, F_TRACK,
       F_GEAR_WARN, F_SPEEDBRAKE, F_COUNT };

static const char *const flight_names[F_COUNT] = {
    "t-s",      "lat-deg",     "lon-deg",   "alt-ft",  "agl-ft",        "ias-kt",      "gs-kt",     "mach",
    "vs-fpm",   "pitch-deg",   "roll-deg",  "heading-deg", "alpha-deg", "nz-g",        "elevator",  "aileron",
    "rudder",   "throttle",    "flaps",     "gear",    "brake",         "wow",         "stall-warning",
    "fuel-kg",  "loc-dev-deg", "gs-dev-deg", "track-deg", "gear-warning", "speedbrake"};

/* A formation's lead (sortie.c's C_LEAD_* and C_FORM_*), in the order
 * of lead_sample's fields. */
enum { L_LAT, L_LON, L_ALT, L_HDG, L_PITCH, L_ROLL, L_AHEAD, L_RIGHT, L_ABOVE, L_COUNT };
static const char *const lead_names[L_COUNT] = {"lead-lat-deg",     "lead-lon-deg",   "lead-alt-ft",
                                                "lead-heading-deg", "lead-pitch-deg", "lead-roll-deg",
                                                "form-ahead-ft",    "form-right-ft",  "form-above-ft"};

static const char *const trace_names[STATION_TRACE_NCH] = {"t-s",       "ias-kt",   "alt-ft",     "vs-fpm",
                                                           "pitch-deg", "roll-deg", "heading-deg"};

static double at(const rec_data *rec, size_t k, int ch)
{
    return ch >= 0 ? rec_value(rec, k, ch) : NAN;
}

static int flag(double v)
{
    return v > 0.5;
}

/* Frame k of the recording as the replay's instruments (ch: the
 * channels' indices, -1 where not recorded). */
static void sample(const rec_data *rec, size_t k, const int *ch, sortie_instruments *o)
{
    memset(o, 0, sizeof *o);
    o->t_s = at(rec, k, ch[F_T]);
    o->ias_kt = o->true_ias_kt = at(rec, k, ch[F_IAS]);
    o->alt_ft = o->msl_ft = at(rec, k, ch[F_ALT]);
    o->vs_fpm = at(rec, k, ch[F_VS]);
    o->pitch_deg = o->true_pitch_deg = at(rec, k, ch[F_PITCH]);
    o->roll_deg = o->true_roll_deg = at(rec, k, ch[F_ROLL]);
    o->heading_deg = at(rec, k, ch[F_HDG]);
    o->turn_rate_dps = NAN;
    o->slip = 0.0; /* not recorded: the ball centred */
    o->mach = at(rec, k, ch[F_MACH]);
    o->nz_g = at(rec, k, ch[F_NZ]);
    o->alpha_deg = at(rec, k, ch[F_ALPHA]);
    o->agl_ft = at(rec, k, ch[F_AGL]);
    o->gs_kt = at(rec, k, ch[F_GS]);
    o->track_deg = at(rec, k, ch[F_TRACK]);
    o->lat_deg = at(rec, k, ch[F_LAT]);
    o->lon_deg = at(rec, k, ch[F_LON]);
    o->qnh_hpa = NAN;
    o->rpm = o->manifold_inhg = o->n1_pct = o->n2_pct = o->egt_c = o->fuel_flow_pph = NAN;
    o->fuel_kg = at(rec, k, ch[F_FUEL]);
    o->reheat_pct = o->throttle_mil = NAN;
    o->gear_pos = at(rec, k, ch[F_GEAR]);
    o->loc_dev_deg = at(rec, k, ch[F_LOC]);
    o->gs_dev_deg = at(rec, k, ch[F_GSD]);
    o->dme_nm = NAN;
    o->elevator = at(rec, k, ch[F_ELEV]);
    o->aileron = at(rec, k, ch[F_AIL]);
    o->rudder = at(rec, k, ch[F_RUD]);
    o->throttle = at(rec, k, ch[F_THR]);
    o->flaps = at(rec, k, ch[F_FLAPS]);
    o->gear = at(rec, k, ch[F_GEAR]);
    o->brake = at(rec, k, ch[F_BRAKE]);
    o->speedbrake = at(rec, k, ch[F_SPEEDBRAKE]);
    o->pitch_trim = NAN; /* not recorded */
    o->on_ground = flag(at(rec, k, ch[F_WOW]));
    o->stall_warning = flag(at(rec, k, ch[F_STALL]));
    o->gear_warning = flag(at(rec, k, ch[F_GEAR_WARN]));
}

/* Frame k's lead (lc: the lead's channels' indices); its latitude NAN
 * where the recording has none. */
static void lead_sample(const rec_data *rec, size_t k, const int *lc, sortie_lead_values *o)
{
    double v[L_COUNT];
    for (int i = 0; i < L_COUNT; i++)
        v[i] = at(rec, k, lc[i]);
    *o = (sortie_lead_values){v[L_LAT],   v[L_LON],   v[L_ALT],   v[L_HDG], v[L_PITCH], v[L_ROLL],
                              v[L_AHEAD], v[L_RIGHT], v[L_ABOVE], NAN,      NAN,        NAN};
    if (!isfinite(o->lat_deg) || !isfinite(o->lon_deg) || !isfinite(o->alt_ft))
        o->lat_deg = NAN;
}

/* The recording cannot say whether the aircraft has a speed brake or a
 * gear that retracts (an aircraft without records them stowed and down):
 * what never moves in the flight kept is taken as absent, so that the
 * pages show no speed brake and no gear indicator for it, as they would
 * have in flight. */
static void blank_what_never_moved(station_flight *f)
{
    int brake_used = 0, gear_moved = 0;
    for (int i = 0; i < f->n; i++) {
        brake_used |= f->ins[i].speedbrake > 0.0;
        gear_moved |= f->ins[i].gear_pos != f->ins[0].gear_pos;
    }
    for (int i = 0; i < f->n; i++) {
        if (!brake_used)
            f->ins[i].speedbrake = NAN;
        if (!gear_moved)
            f->ins[i].gear_pos = NAN;
    }
}

void station_flight_free(station_flight *f)
{
    if (!f)
        return;
    free(f->ins);
    free(f->vals);
    free(f->lead);
    free(f->el);
    free(f);
}

/* The frames the replay takes, oldest first into pick[], one every
 * 1/STATION_FLIGHT_HZ of recorded time and at most STATION_FLIGHT_MAX in
 * all: from the first frame at or after from_s, or (from_s NAN) back from
 * the last frame with a time (the flight's end); their count. */
static int pick_frames(const rec_data *rec, int it, double from_s, size_t *pick)
{
    const double step_s = 1.0 / STATION_FLIGHT_HZ;
    int n = 0;
    if (!isnan(from_s)) {
        double next = from_s; /* the earliest time the next frame may have */
        double last = -HUGE_VAL;
        size_t k = 0, k_end = 0; /* k_end: the last frame with a later time */
        for (; k < rec->nframes && n < STATION_FLIGHT_MAX; k++) {
            const double t = rec_value(rec, k, it);
            if (isfinite(t) && t > last)
                k_end = k;
            /* (strictly later too: far out, t + step_s rounds back to t) */
            if (!isfinite(t) || t < next || !(t > last))
                continue;
            pick[n++] = k_end = k;
            last = t;
            next = t + step_s - 1e-9;
        }
        /* a window that runs to the end ends on the flight's last frame,
         * as the last minutes do (the end the replay's stop shows) */
        if (k == rec->nframes && n > 0 && k_end != pick[n - 1]) {
            if (n == STATION_FLIGHT_MAX)
                n--;
            pick[n++] = k_end;
        }
        return n;
    }
    double next = HUGE_VAL; /* the latest time the next frame back may have */
    double last = HUGE_VAL; /* the time of the frame picked last */
    for (size_t k = rec->nframes; k-- > 0 && n < STATION_FLIGHT_MAX;) {
        const double t = rec_value(rec, k, it);
        /* (strictly earlier too: far out, t - step_s rounds back to t) */
        if (!isfinite(t) || t > next || !(t < last))
            continue;
        pick[n++] = k;
        last = t;
        next = t - step_s + 1e-9;
    }
    for (int i = 0; i < n / 2; i++) {
        const size_t x = pick[i];
        pick[i] = pick[n - 1 - i];
        pick[n - 1 - i] = x;
    }
    return n;
}

/* The first and last finite times of the recording (NAN, NAN: none). */
static void flight_span(const rec_data *rec, int it, double *t0_s, double *t1_s)
{
    *t0_s = *t1_s = NAN;
    for (size_t k = 0; k < rec->nframes; k++) {
        const double t = rec_value(rec, k, it);
        if (!isfinite(t))
            continue;
        if (isnan(*t0_s))
            *t0_s = t;
        *t1_s = t;
    }
}

saqr_status station_flight_from_recording(const rec_data *rec, const grade_sheet *sheet, double from_s,
                                          station_flight **out, saqr_err *err)
{
    *out = NULL;
    int ch[F_COUNT], tc[STATION_TRACE_NCH], lc[L_COUNT];
    for (int i = 0; i < F_COUNT; i++)
        ch[i] = rec_channel_index(rec, flight_names[i]);
    for (int i = 0; i < STATION_TRACE_NCH; i++)
        tc[i] = rec_channel_index(rec, trace_names[i]);
    for (int i = 0; i < L_COUNT; i++)
        lc[i] = rec_channel_index(rec, lead_names[i]);
    if (ch[F_T] < 0)
        return err_set(err, SAQR_EPARSE, "the recording has no t-s channel: nothing to replay");
    station_flight *f = calloc(1, sizeof *f);
    size_t *pick = calloc(STATION_FLIGHT_MAX, sizeof *pick);
    if (f) {
        f->ins = calloc(STATION_FLIGHT_MAX, sizeof *f->ins);
        f->vals = calloc(STATION_FLIGHT_MAX, sizeof *f->vals);
        f->lead = calloc(STATION_FLIGHT_MAX, sizeof *f->lead);
    }
    if (!f || !pick || !f->ins || !f->vals || !f->lead) {
        free(pick);
        station_flight_free(f);
        return err_set(err, SAQR_ENOMEM, "out of memory");
    }
    flight_span(rec, ch[F_T], &f->flight_t0_s, &f->flight_t1_s);
    f->n = pick_frames(rec, ch[F_T], from_s, pick);
    for (int i = 0; i < f->n; i++) {
        sample(rec, pick[i], ch, &f->ins[i]);
        lead_sample(rec, pick[i], lc, &f->lead[i]);
        for (int c = 0; c < STATION_TRACE_NCH; c++)
            f->vals[i][c] = at(rec, pick[i], tc[c]);
        if (i > 0) { /* the heading's change, wrapped: the rate of turn */
            const double dt = f->ins[i].t_s - f->ins[i - 1].t_s;
            const double dh = angle_wrap180_deg(f->ins[i].heading_deg - f->ins[i - 1].heading_deg);
            f->ins[i].turn_rate_dps = dt > 0.0 ? dh / dt : NAN;
        }
    }
    if (f->n > 1)
        f->ins[0].turn_rate_dps = f->ins[1].turn_rate_dps;
    free(pick);
    blank_what_never_moved(f);
    if (f->n == 0) {
        const double end_s = f->flight_t1_s;
        station_flight_free(f);
        if (isnan(end_s) || isnan(from_s))
            return err_set(err, SAQR_EPARSE, "the recording holds no frame with a time: nothing to replay");
        return err_set(err, SAQR_EINVAL, "the flight ends at %.1f s: nothing to replay from %.1f s", end_s, from_s);
    }
    if (sheet && sheet->nelements > 0) {
        f->el = calloc((size_t)sheet->nelements, sizeof *f->el);
        if (!f->el) {
            station_flight_free(f);
            return err_set(err, SAQR_ENOMEM, "out of memory");
        }
        memcpy(f->el, sheet->elements, (size_t)sheet->nelements * sizeof *f->el);
        f->nel = sheet->nelements;
    }
    const char *lesson_id = rec_meta_get(rec, "lesson"), *pilot = rec_meta_get(rec, "pilot");
    snprintf(f->lesson_id, sizeof f->lesson_id, "%s", lesson_id ? lesson_id : "");
    snprintf(f->pilot, sizeof f->pilot, "%s", pilot ? pilot : "");
    if (sheet)
        snprintf(f->lesson_title, sizeof f->lesson_title, "%s", sheet->title);
    *out = f;
    return SAQR_OK;
}
