/*
 * test_station_flight.c - a stored sortie's recording made ready for the
 * station's replay (src/station/station_flight.c).
 *
 * A synthetic recording at 30 Hz of a 700 s constant-rate turn at 3 deg/s
 * (the heading wrapping through north), climbing at 500 ft/min: the
 * replay keeps its last 10 minutes at 10 Hz, the values are the
 * recorded ones at those frames, the rate of turn is worked out across
 * the wrap, what was not recorded is NAN (an engine's gauges) or absent,
 * and the graded elements come with it.  A formation's lead replays from
 * its own channels beside the aircraft, where the recording has it.  Any ten minutes of it replay
 * from a time asked for (an exercise's start in a longer sortie), the
 * rest of the flight's span told.  A recording without time, or without
 * frames, and a time after the flight's end are refused with the reason.
 */
#include "test_util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "station/station_flight.h"

#define RATE_HZ 30.0
#define SECONDS 700.0

enum { CH_T, CH_HDG, CH_ALT, CH_IAS, CH_WOW, CH_LAT, CH_GEAR, CH_SB, NCH };

typedef struct flight_rec {
    rec_channel ch[NCH];
    rec_meta meta[2];
    rec_data rec;
} flight_rec;

static double heading_at(double t)
{
    return fmod(300.0 + 3.0 * t, 360.0);
}

static void record(flight_rec *r, double seconds)
{
    static const char *const names[NCH] = {"t-s",     "heading-deg", "alt-ft", "ias-kt",
                                           "wow",     "lat-deg",     "gear",   "speedbrake"};
    memset(r, 0, sizeof *r);
    for (int i = 0; i < NCH; i++) {
        snprintf(r->ch[i].name, sizeof r->ch[i].name, "%s", names[i]);
        r->ch[i].type = REC_F64;
    }
    r->rec.nch = NCH;
    r->rec.ch = r->ch;
    r->rec.rate_hz = RATE_HZ;
    r->rec.nframes = (size_t)(seconds * RATE_HZ) + 1;
    r->rec.values = calloc(r->rec.nframes * NCH, sizeof(double));
    assert_non_null(r->rec.values);
    for (size_t k = 0; k < r->rec.nframes; k++) {
        double *v = &r->rec.values[k * NCH];
        v[CH_T] = (double)k / RATE_HZ;
        v[CH_HDG] = heading_at(v[CH_T]);
        v[CH_ALT] = 2000.0 + 500.0 / 60.0 * v[CH_T];
        v[CH_IAS] = 110.0;
        v[CH_WOW] = v[CH_T] < 1.0;
        v[CH_LAT] = 34.0;
        v[CH_GEAR] = seconds < 100.0 && v[CH_T] > 6.0 ? 0.0 : 1.0; /* the short one retracts it */
        v[CH_SB] = 0.0;
    }
    snprintf(r->meta[0].key, sizeof r->meta[0].key, "lesson");
    snprintf(r->meta[0].value, sizeof r->meta[0].value, "super-mushak/steep-turns");
    snprintf(r->meta[1].key, sizeof r->meta[1].key, "pilot");
    snprintf(r->meta[1].value, sizeof r->meta[1].value, "trainee");
    r->rec.nmeta = 2;
    r->rec.meta = r->meta;
}

static void the_last_ten_minutes_at_ten_hertz(void **state)
{
    (void)state;
    flight_rec r;
    record(&r, SECONDS);
    saqr_err err = {""};
    station_flight *f = NULL;
    assert_int_equal(station_flight_from_recording(&r.rec, NULL, NAN, &f, &err), SAQR_OK);
    assert_non_null(f);
    assert_int_equal(f->n, STATION_FLIGHT_MAX);
    assert_near(f->flight_t0_s, 0.0, 0.0); /* the whole flight's span */
    assert_near(f->flight_t1_s, SECONDS, 1e-9);
    assert_near(f->ins[f->n - 1].t_s, SECONDS, 1e-9); /* to the end */
    assert_near(f->ins[0].t_s, SECONDS - (STATION_FLIGHT_MAX - 1) / 10.0, 0.034);
    for (int i = 1; i < f->n; i++) /* 0.1 s apart, to a frame (1/30 s) */
        assert_near(f->ins[i].t_s - f->ins[i - 1].t_s, 0.1, 1.0 / 30.0 + 1e-9);
    const sortie_instruments *x = &f->ins[1234];
    assert_near(x->heading_deg, heading_at(x->t_s), 1e-9);
    assert_near(x->alt_ft, 2000.0 + 500.0 / 60.0 * x->t_s, 1e-9);
    assert_near(x->msl_ft, x->alt_ft, 0.0);
    assert_near(x->ias_kt, 110.0, 0.0);
    assert_near(x->true_ias_kt, 110.0, 0.0); /* the true value: no failed instrument replayed */
    assert_near(x->lat_deg, 34.0, 0.0);
    assert_false(x->on_ground);
    /* not recorded: NAN, or absent */
    assert_true(isnan(x->rpm) && isnan(x->n2_pct) && isnan(x->vs_fpm) && isnan(x->lon_deg) && isnan(x->dme_nm));
    /* stowed and down throughout: taken as none, as in flight */
    assert_true(isnan(x->speedbrake) && isnan(x->gear_pos));
    assert_near(x->gear, 1.0, 0.0); /* the control as recorded */
    assert_false(x->stall_warning);
    /* the rate of turn from the heading's change, through north too */
    for (int i = 0; i < f->n; i++)
        assert_near(f->ins[i].turn_rate_dps, 3.0, 1e-6);
    /* the overlays' channels: the time, the airspeed, the altitude... */
    assert_near(f->vals[1234][0], x->t_s, 0.0);
    assert_near(f->vals[1234][1], 110.0, 0.0);
    assert_near(f->vals[1234][2], x->alt_ft, 0.0);
    assert_true(isnan(f->vals[1234][3])); /* vs-fpm not recorded */
    assert_near(f->vals[1234][6], x->heading_deg, 0.0);
    assert_true(isnan(f->lead[1234].lat_deg)); /* no lead recorded: none */
    assert_string_equal(f->lesson_id, "super-mushak/steep-turns");
    assert_string_equal(f->pilot, "trainee");
    assert_int_equal(f->nel, 0);
    assert_null(f->el);
    station_flight_free(f);
    free(r.rec.values);
}

static void a_short_flight_whole_with_its_graded_elements(void **state)
{
    (void)state;
    flight_rec r;
    record(&r, 12.0);
    sheet_element el[2];
    memset(el, 0, sizeof el);
    snprintf(el[1].name, sizeof el[1].name, "altitude");
    el[1].t_start_s = 2.0;
    grade_sheet sheet;
    memset(&sheet, 0, sizeof sheet);
    sheet.elements = el;
    sheet.nelements = 2;
    snprintf(sheet.title, sizeof sheet.title, "Steep turns");
    saqr_err err = {""};
    station_flight *f = NULL;
    assert_int_equal(station_flight_from_recording(&r.rec, &sheet, NAN, &f, &err), SAQR_OK);
    assert_non_null(f);
    assert_int_equal(f->n, 121); /* 0 to 12 s */
    assert_near(f->ins[0].t_s, 0.0, 0.0);
    assert_true(f->ins[0].on_ground);
    assert_near(f->ins[0].gear_pos, 1.0, 0.0); /* a gear that moved is shown */
    assert_near(f->ins[f->n - 1].gear_pos, 0.0, 0.0);
    assert_true(isnan(f->ins[0].speedbrake));
    assert_int_equal(f->nel, 2);
    assert_string_equal(f->el[1].name, "altitude");
    assert_near(f->el[1].t_start_s, 2.0, 0.0);
    assert_string_equal(f->lesson_title, "Steep turns");
    station_flight_free(f);
    free(r.rec.values);
}

/* Ten minutes from a time asked for: an exercise of a longer sortie. */
static void ten_minutes_from_a_time_asked_for(void **state)
{
    (void)state;
    flight_rec r;
    record(&r, SECONDS);
    saqr_err err = {""};
    station_flight *f = NULL;
    /* from 42.01 s: the first frame at or after it (42.0333, a 30 Hz frame) */
    assert_int_equal(station_flight_from_recording(&r.rec, NULL, 42.01, &f, &err), SAQR_OK);
    assert_int_equal(f->n, STATION_FLIGHT_MAX);
    assert_near(f->ins[0].t_s, 42.0 + 1.0 / 30.0, 1e-9);
    assert_near(f->ins[f->n - 1].t_s, 42.0 + 1.0 / 30.0 + (STATION_FLIGHT_MAX - 1) / 10.0, 0.034);
    for (int i = 1; i < f->n; i++)
        assert_near(f->ins[i].t_s - f->ins[i - 1].t_s, 0.1, 1.0 / 30.0 + 1e-9);
    const sortie_instruments *x = &f->ins[300];
    assert_near(x->heading_deg, heading_at(x->t_s), 1e-9);
    assert_near(x->alt_ft, 2000.0 + 500.0 / 60.0 * x->t_s, 1e-9);
    assert_near(f->ins[0].turn_rate_dps, 3.0, 1e-6);
    assert_near(f->flight_t0_s, 0.0, 0.0);
    assert_near(f->flight_t1_s, SECONDS, 1e-9);
    station_flight_free(f);
    /* near the end: what is left of the flight, to its last frame */
    assert_int_equal(station_flight_from_recording(&r.rec, NULL, 650.0, &f, &err), SAQR_OK);
    assert_int_equal(f->n, 501);
    assert_near(f->ins[0].t_s, 650.0, 1e-9);
    assert_near(f->ins[f->n - 1].t_s, SECONDS, 1e-9);
    station_flight_free(f);
    /* between two of the 10 Hz picks at the end: still to the last frame */
    assert_int_equal(station_flight_from_recording(&r.rec, NULL, 650.05, &f, &err), SAQR_OK);
    assert_near(f->ins[0].t_s, 650.0 + 2.0 / 30.0, 1e-9);
    assert_near(f->ins[f->n - 2].t_s, 700.0 - 1.0 / 30.0, 1e-9);
    assert_near(f->ins[f->n - 1].t_s, SECONDS, 1e-9);
    station_flight_free(f);
    /* before the start: from the first frame */
    assert_int_equal(station_flight_from_recording(&r.rec, NULL, 0.0, &f, &err), SAQR_OK);
    assert_near(f->ins[0].t_s, 0.0, 0.0);
    assert_true(f->ins[0].on_ground);
    station_flight_free(f);
    /* after the end: refused, saying where the flight ends */
    f = (station_flight *)&r; /* cleared on failure */
    assert_int_equal(station_flight_from_recording(&r.rec, NULL, 700.5, &f, &err), SAQR_EINVAL);
    assert_null(f);
    assert_non_null(strstr(err.msg, "the flight ends at 700.0 s"));
    free(r.rec.values);
}

static void a_recording_without_time_or_frames_is_refused(void **state)
{
    (void)state;
    flight_rec r;
    record(&r, 2.0);
    saqr_err err = {""};
    station_flight *f = NULL;
    snprintf(r.ch[CH_T].name, sizeof r.ch[CH_T].name, "time");
    assert_int_equal(station_flight_from_recording(&r.rec, NULL, NAN, &f, &err), SAQR_EPARSE);
    assert_null(f);
    assert_non_null(strstr(err.msg, "no t-s channel"));
    snprintf(r.ch[CH_T].name, sizeof r.ch[CH_T].name, "t-s");
    for (size_t k = 0; k < r.rec.nframes; k++)
        r.rec.values[k * NCH + CH_T] = NAN;
    assert_int_equal(station_flight_from_recording(&r.rec, NULL, NAN, &f, &err), SAQR_EPARSE);
    assert_non_null(strstr(err.msg, "no frame with a time"));
    /* from a time: still the recording's fault, not the time's */
    assert_int_equal(station_flight_from_recording(&r.rec, NULL, 1.0, &f, &err), SAQR_EPARSE);
    assert_non_null(strstr(err.msg, "no frame with a time"));
    r.rec.nframes = 0;
    assert_int_equal(station_flight_from_recording(&r.rec, NULL, NAN, &f, &err), SAQR_EPARSE);
    assert_null(f);
    station_flight_free(NULL);
    free(r.rec.values);
}

/* A formation lesson's recording: the lead's channels (sortie.c's), its
 * first second without a lead (NAN, as a sortie records them without
 * one), then the lead 100 ft behind and right, flying north. */
static void a_formations_lead_replays_beside_the_aircraft(void **state)
{
    (void)state;
    enum { T, LAT, LON, ALT, LLAT, LLON, LALT, LHDG, LROLL, AHEAD, RIGHT, N };
    static const char *const names[N] = {"t-s",          "lat-deg",          "lon-deg",       "alt-ft",
                                         "lead-lat-deg", "lead-lon-deg",     "lead-alt-ft",   "lead-heading-deg",
                                         "lead-roll-deg", "form-ahead-ft",   "form-right-ft"};
    rec_channel ch[N];
    memset(ch, 0, sizeof ch);
    for (int i = 0; i < N; i++) {
        snprintf(ch[i].name, sizeof ch[i].name, "%s", names[i]);
        ch[i].type = REC_F64;
    }
    rec_data rec = {0};
    rec.nch = N;
    rec.ch = ch;
    rec.rate_hz = RATE_HZ;
    rec.nframes = 30 * 5 + 1;
    rec.values = calloc(rec.nframes * N, sizeof(double));
    assert_non_null(rec.values);
    for (size_t k = 0; k < rec.nframes; k++) {
        double *v = &rec.values[k * N], t = (double)k / RATE_HZ, none = t < 1.0 ? NAN : 0.0;
        v[T] = t;
        v[LAT] = 34.0 + 1e-4 * t;
        v[LON] = 72.0;
        v[ALT] = 3000.0;
        v[LLAT] = v[LAT] + 3e-4 + none;
        v[LLON] = 72.0 - 3e-4 + none;
        v[LALT] = 3000.0 + none;
        v[LHDG] = 0.0 + none;
        v[LROLL] = 10.0 * t + none;
        v[AHEAD] = -100.0 + t + none;
        v[RIGHT] = 100.0 + none;
    }
    saqr_err err = {""};
    station_flight *f = NULL;
    assert_int_equal(station_flight_from_recording(&rec, NULL, NAN, &f, &err), SAQR_OK);
    assert_int_equal(f->n, 51);
    assert_true(isnan(f->lead[5].lat_deg)); /* 0.5 s: no lead yet */
    const sortie_lead_values *l = &f->lead[30];
    const double t = f->ins[30].t_s;
    assert_near(t, 3.0, 1e-9);
    assert_near(l->lat_deg, 34.0 + 1e-4 * t + 3e-4, 1e-12);
    assert_near(l->lon_deg, 72.0 - 3e-4, 1e-12);
    assert_near(l->alt_ft, 3000.0, 0.0);
    assert_near(l->heading_deg, 0.0, 0.0);
    assert_near(l->roll_deg, 30.0, 1e-9);
    assert_near(l->ahead_ft, -97.0, 1e-9);
    assert_near(l->right_ft, 100.0, 0.0);
    /* not recorded: NAN */
    assert_true(isnan(l->pitch_deg) && isnan(l->above_ft) && isnan(l->v_north_fps));
    station_flight_free(f);
    /* a lead without its longitude is no place to draw: none */
    snprintf(ch[LLON].name, sizeof ch[LLON].name, "lead-lon");
    assert_int_equal(station_flight_from_recording(&rec, NULL, NAN, &f, &err), SAQR_OK);
    assert_true(isnan(f->lead[30].lat_deg));
    station_flight_free(f);
    free(rec.values);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_last_ten_minutes_at_ten_hertz),
        cmocka_unit_test(a_short_flight_whole_with_its_graded_elements),
        cmocka_unit_test(ten_minutes_from_a_time_asked_for),
        cmocka_unit_test(a_recording_without_time_or_frames_is_refused),
        cmocka_unit_test(a_formations_lead_replays_beside_the_aircraft),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
