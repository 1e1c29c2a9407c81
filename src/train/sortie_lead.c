/*
 * sortie_lead.c - a formation lesson's lead aircraft (lesson.h
 * lesson_lead).  The lead is a copy of the trainee's aircraft as the
 * sortie's set-up trimmed it (saqr_fdm_copy: the same speed, attitude and
 * power), moved so that the trainee starts at the lesson's place in the
 * lead's frame, and flown by a reference pilot of its own through the
 * lesson's lead profile.  It has no recording and no grader; what is
 * recorded of it is in the trainee's channels: where it is and its
 * attitude (lead-*), and the trainee's place in its frame (form-ahead-ft
 * along the lead's heading, form-right-ft square to it, form-above-ft) -
 * what a wingman flies by and the grades of a formation exercise read.
 *
 * The lead feels the air the instructor sets (the steady wind, the
 * turbulence's kind and strength, the sea-level pressure and the
 * temperature), copied from the trainee's aircraft before each of its
 * steps; not the discrete gusts, whose timing is the trainee's; and no
 * malfunction.  A position freeze holds it too (it does not step); a
 * jump of the trainee's (reposition, recall, rewind) takes the formation
 * up again at the lesson's starting place about the trainee's new one.
 *
 * Geometry: a flat frame about the lead on the WGS-84 ellipsoid's local
 * radii (lesson_nm_per_deg) - at a formation's spacing (under a mile)
 * the flat frame's error is far below a foot.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "math/trig.h"
#include "math/units.h"
#include "train/lesson_route.h"
#include "train/sortie_control.h"
#include "train/sortie_internal.h"

#define FT_PER_NM (M_PER_NMI / M_PER_FT)

/* The point ahead_ft / right_ft / above_ft from (lat, lon, alt) in the
 * frame of heading psi_deg. */
static void offset_point(double lat_deg, double lon_deg, double alt_ft, double psi_deg, double ahead_ft,
                         double right_ft, double above_ft, double *lat_out, double *lon_out, double *alt_out)
{
    double per_lat, per_lon, sp, cp;
    lesson_nm_per_deg(lat_deg, &per_lat, &per_lon);
    trig_sincos(psi_deg * RAD_PER_DEG, &sp, &cp);
    const double north_ft = ahead_ft * cp - right_ft * sp, east_ft = ahead_ft * sp + right_ft * cp;
    *lat_out = lat_deg + north_ft / FT_PER_NM / per_lat;
    *lon_out = lon_deg + east_ft / FT_PER_NM / per_lon;
    *alt_out = alt_ft + above_ft;
}

/* The lead placed from the trainee's aircraft now: its state taken (the
 * lead a copy of the same loaded aircraft) and moved so that the
 * trainee is at the lesson's place in the lead's frame. */
static saqr_status place_lead(sortie *s)
{
    const lesson_lead *ld = &s->l->lead;
    const double *v = s->fl.v;
    saqr_status st = saqr_fdm_restore(s->lead.f, s->fl.f, 0);
    if (st)
        return st;
    double lat, lon, alt;
    offset_point(v[C_LAT], v[C_LON], v[C_ALT], v[C_HEADING], -ld->ahead_ft, -ld->right_ft, -ld->above_ft, &lat, &lon,
                 &alt);
    return saqr_fdm_move_to(s->lead.f, lat, lon, alt);
}

saqr_status sortie_lead_begin(sortie *s, saqr_err *err)
{
    const lesson *l = s->l;
    if (!l->lead.present)
        return SAQR_OK;
    const lesson_setup *su = &l->setup;
    if (su->on_runway) { /* a formation take-off: the lead beside the aircraft on the runway */
        const double half_ft = 0.5 * s->fl.rwy->width_ft - LESSON_RUNWAY_EDGE_FT;
        const double lead_right_ft = su->runway_right_ft - l->lead.right_ft;
        if (l->lead.above_ft != 0.0)
            return err_set(err, SAQR_EINVAL,
                           "%s: a lesson that starts on the runway starts its lead there too: "
                           "above-ft=\"0\"",
                           l->lead.plan.where);
        if (fabs(lead_right_ft) > half_ft)
            return err_set(err, SAQR_EINVAL,
                           "%s: the lead would start off the runway, %.0f ft from its centreline (at most %.0f)",
                           l->lead.plan.where, lead_right_ft, half_ft);
        if (l->lead.ahead_ft > 0.0)
            return err_set(err, SAQR_EINVAL,
                           "%s: the lead would start short of the runway, behind the aircraft's place 50 ft past the "
                           "threshold (on the runway, ahead-ft= is at most 0)",
                           l->lead.plan.where);
    }
    flight *ld = &s->lead;
    *ld = s->fl; /* the same aircraft's slots and runway */
    ld->rec = NULL;
    ld->gr = NULL;
    ld->loaded = NULL;
    ld->manual = ld->engine_failed = 0;
    ld->nfeed = 0;
    if (!(ld->f = saqr_fdm_copy(s->fl.f)))
        return err_set(err, SAQR_ENOMEM, "%s: the lead: %s", l->path, saqr_fdm_error(s->fl.f));
    saqr_status st = place_lead(s);
    if (st)
        return err_set(err, st, "%s: the lead cannot be placed: %s", l->lead.plan.where, saqr_fdm_error(ld->f));
    pilot_inputs in = s->pl.in;
    in.lead_alt = in.lead_heading = in.lead_roll = in.lead_pitch = in.lead_ias = -1;
    in.form_ahead = in.form_right = in.form_above = -1;
    /* the standard technique: a campaign's dispersed pilot gains are the
     * trainee's (number two's), not the lead's */
    if (pilot_init(&s->lead_pl, 0, s->pl.fbw, &in, s->fl.rwy, C_COUNT + LESSON_NDERIVED))
        return err_set(err, SAQR_ENOMEM, "out of memory");
    s->lead_pilot_ready = 1;
    static const char *const vel[3] = {"velocities/v-north-fps", "velocities/v-east-fps", "velocities/v-down-fps"};
    for (int k = 0; k < 3; k++)
        s->lead_s_vel[k] = saqr_fdm_property(ld->f, vel[k]);
    pilot_set_throttle_mil(&s->lead_pl, s->pl.throttle_mil);
    flight_read_channels(ld, &s->ctl.wx);
    pilot_begin(&s->lead_pl, &l->lead.plan, NULL, ld->v);
    sortie_lead_read(s);
    return SAQR_OK;
}

void sortie_lead_read(sortie *s)
{
    if (!s->lead.f)
        return;
    flight_read_channels(&s->lead, &s->ctl.wx);
    const double *lv = s->lead.v;
    double *v = s->fl.v;
    v[C_LEAD_LAT] = lv[C_LAT];
    v[C_LEAD_LON] = lv[C_LON];
    v[C_LEAD_ALT] = lv[C_ALT];
    v[C_LEAD_HEADING] = lv[C_HEADING];
    v[C_LEAD_PITCH] = lv[C_PITCH];
    v[C_LEAD_ROLL] = lv[C_ROLL];
    v[C_LEAD_IAS] = lv[C_IAS];
    double per_lat, per_lon, sp, cp;
    lesson_nm_per_deg(0.5 * (v[C_LAT] + lv[C_LAT]), &per_lat, &per_lon);
    trig_sincos(lv[C_HEADING] * RAD_PER_DEG, &sp, &cp);
    const double north_ft = (v[C_LAT] - lv[C_LAT]) * per_lat * FT_PER_NM;
    const double east_ft = (v[C_LON] - lv[C_LON]) * per_lon * FT_PER_NM;
    v[C_FORM_AHEAD] = north_ft * cp + east_ft * sp;
    v[C_FORM_RIGHT] = -north_ft * sp + east_ft * cp;
    v[C_FORM_ABOVE] = v[C_ALT] - lv[C_ALT];
}

/* The air the instructor set, from the trainee's aircraft to the lead's
 * (written only when it differs: most frames nothing changes). */
static void share_air(sortie *s)
{
    const sortie_ctl *c = &s->ctl;
    const int slots[] = {c->s_wind_n, c->s_wind_e, c->s_turb_type, c->s_turb_sev, c->s_turb_w20,
                         c->s_p_sl,   c->s_t_sl,   c->s_delta_t};
    for (size_t i = 0; i < sizeof slots / sizeof slots[0]; i++) {
        if (slots[i] < 0)
            continue;
        const double x = saqr_fdm_get(s->fl.f, slots[i]);
        if (isfinite(x) && saqr_fdm_get(s->lead.f, slots[i]) != x)
            (void)saqr_fdm_set(s->lead.f, slots[i], x);
    }
}

saqr_status sortie_lead_step(sortie *s, saqr_err *err)
{
    if (!s->lead.f)
        return SAQR_OK;
    share_air(s);
    pilot_controls c;
    pilot_fly(&s->lead_pl, s->lead.v, s->dt, &c);
    (void)pilot_take_event(&s->lead_pl); /* the lead's profile causes no malfunction */
    flight_apply(&s->lead, &c);
    saqr_status st = saqr_fdm_step(s->lead.f);
    if (st)
        return err_set(err, st, "%s: the lead's simulation stopped: %s", s->l->path, saqr_fdm_error(s->lead.f));
    return SAQR_OK;
}

void sortie_lead_rejoin(sortie *s)
{
    if (!s->lead.f)
        return;
    flight_read_channels(&s->fl, &s->ctl.wx);
    if (place_lead(s) != SAQR_OK)
        return; /* not where it can be: it flies on where it is */
    flight_read_channels(&s->lead, &s->ctl.wx);
    pilot_resume(&s->lead_pl, s->lead.v);
    sortie_lead_read(s);
}

int sortie_lead_rejoin_now(sortie *s, saqr_err *err)
{
    if (!s->lead.f)
        return err_set(err, SAQR_EINVAL, "rejoin: the lesson has no lead (a formation lesson's <lead>)");
    sortie_lead_rejoin(s);
    const lesson_lead *ld = &s->l->lead;
    char text[120];
    snprintf(text, sizeof text, "the formation taken up again, %.0f ft %s and %.0f ft %s of the lead",
             fabs(ld->ahead_ft), ld->ahead_ft < 0.0 ? "behind" : "ahead", fabs(ld->right_ft),
             ld->right_ft < 0.0 ? "left" : "right");
    sortie_event(&s->fl, s->fl.v[C_T], "rejoin", 0.0, text);
    return SAQR_OK;
}

int sortie_lead(const sortie *s, sortie_lead_values *out)
{
    if (!s->lead.f)
        return 0;
    const double *v = s->fl.v;
    out->lat_deg = v[C_LEAD_LAT];
    out->lon_deg = v[C_LEAD_LON];
    out->alt_ft = v[C_LEAD_ALT];
    out->heading_deg = v[C_LEAD_HEADING];
    out->pitch_deg = v[C_LEAD_PITCH];
    out->roll_deg = v[C_LEAD_ROLL];
    out->ahead_ft = v[C_FORM_AHEAD];
    out->right_ft = v[C_FORM_RIGHT];
    out->above_ft = v[C_FORM_ABOVE];
    double *vel[3] = {&out->v_north_fps, &out->v_east_fps, &out->v_down_fps};
    for (int k = 0; k < 3; k++)
        *vel[k] = s->lead_s_vel[k] >= 0 ? saqr_fdm_get(s->lead.f, s->lead_s_vel[k]) : NAN;
    return 1;
}

void sortie_lead_free(sortie *s)
{
    if (s->lead_pilot_ready)
        pilot_free(&s->lead_pl);
    s->lead_pilot_ready = 0;
    saqr_fdm_destroy(s->lead.f);
    s->lead.f = NULL;
}
