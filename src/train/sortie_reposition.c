/*
 * sortie_reposition.c - an instructor's reposition (runway threshold,
 * final approach at N nm on a 3-degree slope, airborne at an altitude and
 * heading), position freeze and fuel freeze of a sortie in progress (see
 * sortie_control.h).  The aircraft is placed through the flight library's
 * initial conditions on top of its present state (saqr_fdm_capture_ic,
 * saqr_fdm_reposition: time goes on, no model is reset), its airspeed set
 * for the day's wind and air, and trimmed; if it cannot be trimmed there
 * it goes back where it was.
 */
#include "train/sortie_control.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "math/units.h"
#include "train/sortie_ctl_util.h"
#include "math/trig.h"

/* Aircraft defaults when the lesson gives no speed: the approach speed
 * and flaps of the aircraft's approach lessons and a cruise speed. */
static const struct {
    const char *aircraft;
    double approach_kt, approach_flaps, cruise_kt;
} aircraft_speeds[] = {
    /* lessons/super-mushak/normal-approach-and-landing.xml (70 kt, landing
     * flap); straight-and-level.xml (110 kt) */
    {"super-mushak", 70.0, 1.0, 110.0},
    /* lessons/jf17/ils-approach.xml (155 kt, flaps 1); level flight at
     * 300 kt (between level-acceleration.xml's 250 and 410 kt) */
    {"jf17", 155.0, 1.0, 300.0},
};



/* The lesson's approach (its first approach segment, else its first
 * powered landing): speed (one given at a mass: at the mass in `now`, the
 * flight's values), flaps, gear and aim point; NAN where it says
 * nothing. */
static void lesson_approach(const lesson *l, const double *now, double *ias_kt, double *flaps, double *gear,
                            double *aim_ft)
{
    *ias_kt = *flaps = *gear = *aim_ft = NAN;
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < l->nexercises; i++)
            for (int k = 0; k < l->exercises[i].nsegments; k++) {
                const lesson_segment *g = &l->exercises[i].segments[k];
                if (pass == 0 ? g->mode != LMODE_APPROACH : g->mode != LMODE_LAND || g->glide_free)
                    continue;
                if (!g->ias_kt.from_entry)
                    *ias_kt = lesson_value_at(&g->ias_kt, C_IAS, now);
                *flaps = g->flaps;
                *gear = g->gear;
                *aim_ft = g->aim_ft;
                return;
            }
}

static int aircraft_defaults(const lesson *l)
{
    for (size_t i = 0; i < sizeof aircraft_speeds / sizeof aircraft_speeds[0]; i++)
        if (strcmp(l->aircraft, aircraft_speeds[i].aircraft) == 0)
            return (int)i;
    return -1;
}

/* The controls a reposition may change, to restore when it fails. */
typedef struct saved_controls {
    double thr, flap, gear, brake_l, brake_r, elev, ail, rud, pitch_trim;
} saved_controls;

static void save_controls(const sortie *s, saved_controls *k)
{
    const flight *fl = &s->fl;
    k->thr = get(s, fl->s_thr);
    k->flap = get(s, fl->s_flap_cmd);
    k->gear = get(s, fl->s_gear_cmd);
    k->brake_l = get(s, fl->s_brake_l);
    k->brake_r = get(s, fl->s_brake_r);
    k->elev = get(s, fl->s_elev);
    k->ail = get(s, fl->s_ail);
    k->rud = get(s, fl->s_rud);
    k->pitch_trim = get(s, s->ctl.s_pitch_trim);
}

static void restore_controls(sortie *s, const saved_controls *k)
{
    flight *fl = &s->fl;
    put(s, fl->s_thr, k->thr);
    put(s, fl->s_flap_cmd, k->flap);
    put(s, fl->s_gear_cmd, k->gear);
    put(s, fl->s_brake_l, k->brake_l);
    put(s, fl->s_brake_r, k->brake_r);
    put(s, fl->s_elev, k->elev);
    put(s, fl->s_ail, k->ail);
    put(s, fl->s_rud, k->rud);
    put(s, s->ctl.s_pitch_trim, k->pitch_trim);
}

/* The ic/ values that pin down a state (after saqr_fdm_capture_ic). */
static const char *const state_ic[] = {
    "ic/lat-geod-deg", "ic/long-gc-deg", "ic/h-sl-ft", "ic/phi-deg", "ic/theta-deg", "ic/psi-true-deg",
    "ic/vn-fps", "ic/ve-fps", "ic/vd-fps", "ic/p-rad_sec", "ic/q-rad_sec", "ic/r-rad_sec",
};
#define N_STATE_IC (sizeof state_ic / sizeof state_ic[0])

static saqr_status set_ic(sortie *s, const char *name, double x, saqr_err *err)
{
    int slot = prop(s, name);
    if (slot < 0 || saqr_fdm_set(s->fl.f, slot, x) != SAQR_OK)
        return err_set(err, SAQR_EINVAL, "reposition: cannot set %s = %g", name, x);
    return SAQR_OK;
}

/* Places the aircraft back at a captured state (after a failed trim). */
static void place_back(sortie *s, const double *state)
{
    if (saqr_fdm_capture_ic(s->fl.f) != SAQR_OK)
        return;
    for (size_t i = 0; i < N_STATE_IC; i++)
        (void)set_ic(s, state_ic[i], state[i], NULL);
    (void)saqr_fdm_reposition(s->fl.f);
}

void sortie_placed(sortie *s)
{
    flight *fl = &s->fl;
    sortie_ctl *c = &s->ctl;
    c->crash_held = 0; /* somewhere else now: it flies on from there */
    double wow = get(s, c->s_wow);
    fl->prev_wow = wow;
    fl->airborne_since = wow < 0.5 ? now_s(s) : NAN;
    if (c->frozen) {
        c->frz_lat_deg = get(s, c->s_lat);
        c->frz_lon_deg = get(s, c->s_lon);
        c->frz_alt_ft = get(s, c->s_alt);
    }
    sortie_lead_rejoin(s); /* the formation taken up again where the aircraft is now */
}

/* The air-relative velocity (NED, ft/s) at true airspeed tas_fps and the
 * heading (deg) for the new place.  Final: the ground track down the
 * extended centreline on a 3-degree path over the ground, crabbed into
 * the crosswind; otherwise level along heading_deg.  -1 when the wind
 * across the track is as strong as the airspeed. */
static int air_velocity(const sortie *s, int final, double heading_deg, double tas_fps, double va_ned[3],
                        double *psi_deg)
{
    const sortie_weather *w = &s->ctl.wx;
    double fps = w->wind_kt * MPS_PER_KT / M_PER_FT, from = w->wind_from_deg * RAD_PER_DEG;
    double wind[2] = {-fps * trig_cos(from), -fps * trig_sin(from)};
    double h = heading_deg * RAD_PER_DEG, a[2] = {trig_cos(h), trig_sin(h)}, c[2] = {-trig_sin(h), trig_cos(h)};
    if (!final) {
        va_ned[0] = tas_fps * a[0];
        va_ned[1] = tas_fps * a[1];
        va_ned[2] = 0.0;
        *psi_deg = angle_wrap360_deg(heading_deg);
        return 0;
    }
    double w_along = wind[0] * a[0] + wind[1] * a[1], w_cross = wind[0] * c[0] + wind[1] * c[1];
    if (!(tas_fps > fabs(w_cross)))
        return -1;
    double along = sqrt(tas_fps * tas_fps - w_cross * w_cross), down = 0.0;
    for (int i = 0; i < 6; i++) {
        down = (along + w_along) * tan(3.0 * RAD_PER_DEG);
        along = sqrt(fmax(0.0, tas_fps * tas_fps - w_cross * w_cross - down * down));
    }
    va_ned[0] = along * a[0] - w_cross * c[0];
    va_ned[1] = along * a[1] - w_cross * c[1];
    va_ned[2] = down;
    *psi_deg = angle_wrap360_deg(trig_atan2(va_ned[1], va_ned[0]) * DEG_PER_RAD);
    return 0;
}

/* Sets the aircraft's velocity over the ground (air velocity plus the
 * steady wind), its attitude (wings level, pitched along the air path)
 * and heading into the initial conditions. */
static saqr_status set_ic_velocity(sortie *s, const double va_ned[3], double psi_deg, saqr_err *err)
{
    const sortie_weather *w = &s->ctl.wx;
    double fps = w->wind_kt * MPS_PER_KT / M_PER_FT, from = w->wind_from_deg * RAD_PER_DEG;
    double vg[3] = {va_ned[0] - fps * trig_cos(from), va_ned[1] - fps * trig_sin(from), va_ned[2]};
    double gamma_deg = -trig_atan2(va_ned[2], hypot(va_ned[0], va_ned[1])) * DEG_PER_RAD;
    saqr_status st;
    if ((st = set_ic(s, "ic/phi-deg", 0.0, err)) || (st = set_ic(s, "ic/theta-deg", gamma_deg, err)) ||
        (st = set_ic(s, "ic/psi-true-deg", psi_deg, err)) || (st = set_ic(s, "ic/vn-fps", vg[0], err)) ||
        (st = set_ic(s, "ic/ve-fps", vg[1], err)) || (st = set_ic(s, "ic/vd-fps", vg[2], err)))
        return st;
    return SAQR_OK;
}

/* The runway a reposition asks for (*apt, *rwy: the sortie's, unless
 * another is named). */
static saqr_status runway_asked(const sortie *s, const sortie_reposition *r, const airport **apt,
                                const airport_runway **rwy, saqr_err *err)
{
    if (!r->airport[0] && !r->runway[0])
        return SAQR_OK;
    if (r->kind == REPO_AIRBORNE)
        return err_set(err, SAQR_EINVAL, "reposition: a runway is for the threshold or final, not airborne");
    if (r->airport[0] && !(*apt = airport_find(s->airports, r->airport)))
        return err_set(err, SAQR_EINVAL, "reposition: no airport \"%.7s\" in the airports file", r->airport);
    const char *ident = r->runway[0] ? r->runway : (*rwy)->ident;
    if (!(*rwy = airport_runway_find(*apt, ident)))
        return err_set(err, SAQR_EINVAL, "reposition: airport %s has no runway \"%.7s\"", (*apt)->icao, ident);
    return SAQR_OK;
}

/* From now on the sortie's runway: the ILS (its glide slope out of
 * service only where the lesson took it out, on the lesson's own runway),
 * the touchdown and off-runway checks, the reference pilot's approach. */
static void use_runway(sortie *s, const airport *apt, const airport_runway *rwy)
{
    const lesson_setup *su = &s->l->setup;
    s->fl.apt = apt;
    s->fl.rwy = rwy;
    s->fl.glide_slope_off = strcmp(apt->icao, su->airport) == 0 && strcmp(rwy->ident, su->runway) == 0
                                ? su->glide_slope_off : 0;
    s->fl.off_runway = 0;
    pilot_set_runway(&s->pl, rwy);
}

int sortie_reposition_to(sortie *s, const sortie_reposition *r, saqr_err *err)
{
    flight *fl = &s->fl;
    sortie_ctl *c = &s->ctl;
    const lesson *l = s->l;
    if (!r)
        return err_set(err, SAQR_EINVAL, "reposition: none given");
    const airport *apt = fl->apt;
    const airport_runway *rwy = fl->rwy;
    saqr_status st = runway_asked(s, r, &apt, &rwy, err);
    if (st)
        return st;
    int def = aircraft_defaults(l);
    double ias = r->ias_kt, lat, lon, alt_ft = NAN, heading, flaps = NAN, gear = NAN;
    int ground = 0, final = 0;
    char text[160];
    if (!isnan(ias) && !(ias >= 50.0 && ias <= 700.0))
        return err_set(err, SAQR_EINVAL, "reposition: ias_kt %g is not within 50..700", ias);
    switch (r->kind) {
    case REPO_THRESHOLD:
        /* lined up 50 ft past the threshold, as a lesson's runway start */
        runway_to_geodetic(rwy, 50.0, 0.0, &lat, &lon);
        heading = rwy->heading_true_deg;
        ground = 1;
        gear = 1.0;
        snprintf(text, sizeof text, "threshold of runway %s %s", apt->icao, rwy->ident);
        break;
    case REPO_FINAL: {
        if (!(r->nm >= 1.0 && r->nm <= 20.0))
            return err_set(err, SAQR_EINVAL, "reposition: nm %g is not within 1..20", r->nm);
        double l_ias, l_flaps, l_gear, aim_ft;
        lesson_approach(l, fl->v, &l_ias, &l_flaps, &l_gear, &aim_ft);
        if (isnan(ias))
            ias = !isnan(l_ias) ? l_ias : def >= 0 ? aircraft_speeds[def].approach_kt : NAN;
        if (isnan(ias))
            return err_set(err, SAQR_EINVAL, "reposition: no approach speed known for %s: give ias_kt", l->aircraft);
        flaps = !isnan(l_flaps) ? l_flaps : def >= 0 ? aircraft_speeds[def].approach_flaps : NAN;
        gear = isnan(l_gear) ? 1.0 : l_gear;
        if (isnan(aim_ft))
            aim_ft = 1000.0; /* the glide slope's origin (sortie.c's ILS) */
        /* on the extended centreline, on a 3-degree slope to the aim point */
        double x_ft = -r->nm * M_PER_NMI / M_PER_FT;
        runway_to_geodetic(rwy, x_ft, 0.0, &lat, &lon);
        alt_ft = rwy->elevation_ft + (aim_ft - x_ft) * tan(3.0 * RAD_PER_DEG);
        heading = rwy->heading_true_deg;
        final = 1;
        snprintf(text, sizeof text, "final runway %s %s, %.1f nm, %.0f ft, %.0f kt", apt->icao, rwy->ident, r->nm,
                 alt_ft, ias);
        break;
    }
    case REPO_AIRBORNE:
        if (!(r->alt_ft >= 500.0 && r->alt_ft <= 50000.0) || !(r->alt_ft >= rwy->elevation_ft + 500.0))
            return err_set(err, SAQR_EINVAL, "reposition: alt_ft %g is not within 500..50000 ft and 500 ft above "
                           "the runway (%.0f ft)", r->alt_ft, rwy->elevation_ft);
        if (!(r->heading_deg >= 0.0 && r->heading_deg <= 360.0))
            return err_set(err, SAQR_EINVAL, "reposition: heading_deg %g is not within 0..360", r->heading_deg);
        if (isnan(ias))
            ias = !l->setup.on_runway && !isnan(l->setup.ias_kt) ? l->setup.ias_kt
                  : def >= 0 ? aircraft_speeds[def].cruise_kt : NAN;
        if (isnan(ias))
            return err_set(err, SAQR_EINVAL, "reposition: no cruise speed known for %s: give ias_kt", l->aircraft);
        lat = get(s, c->s_lat);
        lon = get(s, c->s_lon);
        alt_ft = r->alt_ft;
        heading = r->heading_deg;
        gear = 0.0;
        flaps = 0.0;
        snprintf(text, sizeof text, "airborne %.0f ft, heading %03.0f, %.0f kt", alt_ft, angle_wrap360_deg(heading), ias);
        break;
    default:
        return err_set(err, SAQR_EINVAL, "reposition: kind %d does not exist", (int)r->kind);
    }
    double va[3] = {0.0, 0.0, 0.0}, psi = angle_wrap360_deg(heading), tas_fps = ias * MPS_PER_KT / M_PER_FT;
    if (!ground && air_velocity(s, final, heading, tas_fps, va, &psi))
        return err_set(err, SAQR_EINVAL, "reposition: the crosswind is as strong as the approach speed");

    /* where the aircraft is, to go back to if it cannot be trimmed there */
    saved_controls saved;
    save_controls(s, &saved);
    saqr_fdm *f = fl->f;
    st = saqr_fdm_capture_ic(f);
    if (st)
        return err_set(err, st, "reposition: %s", saqr_fdm_error(f));
    double state[N_STATE_IC];
    for (size_t i = 0; i < N_STATE_IC; i++)
        state[i] = get(s, prop(s, state_ic[i]));

    /* the new place on top of the present state (the steady wind stays);
     * velocities as NED components, which the initial conditions keep
     * through attitude changes (the trim's) */
    if ((st = set_ic(s, "ic/lat-geod-deg", lat, err)) || (st = set_ic(s, "ic/long-gc-deg", lon, err)) ||
        (st = ground ? set_ic(s, "ic/h-agl-ft", 5.0, err) /* the ground trim finds the gear's height */
                     : set_ic(s, "ic/h-sl-ft", alt_ft, err)) ||
        (st = set_ic_velocity(s, va, psi, err)) || (st = set_ic(s, "ic/p-rad_sec", 0.0, err)) ||
        (st = set_ic(s, "ic/q-rad_sec", 0.0, err)) || (st = set_ic(s, "ic/r-rad_sec", 0.0, err))) {
        place_back(s, state);
        return st;
    }
    if ((st = saqr_fdm_reposition(f))) {
        char why[SAQR_ERR_MAX];
        snprintf(why, sizeof why, "%s", saqr_fdm_error(f));
        place_back(s, state);
        return err_set(err, st, "reposition (%s): %s", text, why);
    }
    /* the true airspeed that gives the calibrated one in the day's air,
     * measured on the aircraft placed */
    for (int i = 0; i < 8 && !ground; i++) {
        double vc = get(s, c->s_vc);
        if (!(vc > 1.0) || fabs(vc - ias) < 0.02)
            break;
        tas_fps *= ias / vc;
        if (air_velocity(s, final, heading, tas_fps, va, &psi) || set_ic_velocity(s, va, psi, NULL) ||
            saqr_fdm_reposition(f))
            break;
    }
    put(s, fl->s_gear_cmd, gear);
    put(s, fl->s_flap_cmd, flaps);
    put(s, fl->s_elev, 0.0); /* the trim moves the pitch trim, stick centred */
    /* A fly-by-wire law's integrators would run through the trim's many
     * evaluations (the FCS runs at its own rate while trimming, as in
     * JSBSim) and wind up: trim on the direct law, whose surfaces are the
     * same as the integrating law's with the integrators at zero, then
     * start those from zero. */
    double fbw_direct = get(s, c->s_fbw_direct);
    put(s, c->s_fbw_direct, 1.0);
    if (ground) {
        put(s, fl->s_thr, 0.0);
        st = saqr_fdm_trim(f, SAQR_TRIM_GROUND);
    } else {
        st = saqr_fdm_trim(f, SAQR_TRIM_FULL);
        /* a fly-by-wire aircraft may not converge in all six axes (as at
         * a lesson's start; the quick trim spares the JF-17 the ~60 ms of
         * FGTrim's failing that used to stall a real-time frame here) */
        if (st)
            st = saqr_fdm_trim(f, SAQR_TRIM_LONGITUDINAL);
    }
    char why[SAQR_ERR_MAX];
    snprintf(why, sizeof why, "%s", saqr_fdm_error(f));
    put(s, c->s_fbw_direct, fbw_direct);
    for (int i = 0; i < c->n_integrators; i++) {
        /* a write that differs from the last one sets the integrator (to
         * zero, or as good as zero) */
        double x = get(s, c->s_integrator[i]);
        put(s, c->s_integrator[i], x == 0.0 ? 1e-300 : 0.0);
    }
    if (st) {
        place_back(s, state);
        restore_controls(s, &saved);
        return err_set(err, SAQR_EINVAL, "reposition (%s): the aircraft cannot be trimmed there (%s); it stays "
                       "where it was", text, why);
    }
    if (rwy != fl->rwy)
        use_runway(s, apt, rwy);
    sortie_placed(s);
    sortie_event(fl, now_s(s), "reposition", (double)r->kind, text);
    return SAQR_OK;
}

/* ------------------------------------------------------------ freeze */

void sortie_freeze_position(sortie *s, int on)
{
    sortie_ctl *c = &s->ctl;
    on = on != 0;
    if (on == c->frozen)
        return;
    if (on) {
        c->frz_lat_deg = get(s, c->s_lat);
        c->frz_lon_deg = get(s, c->s_lon);
        c->frz_alt_ft = get(s, c->s_alt);
    }
    c->frozen = on;
    sortie_event(&s->fl, now_s(s), "freeze", on ? 1.0 : 0.0, on ? "position frozen" : "position released");
}

int sortie_position_frozen(const sortie *s)
{
    return s->ctl.frozen;
}

void sortie_freeze_fuel(sortie *s, int on)
{
    on = on != 0;
    if (s->ctl.s_fuel_freeze < 0 || on == sortie_fuel_frozen(s))
        return;
    put(s, s->ctl.s_fuel_freeze, on ? 1.0 : 0.0);
    sortie_event(&s->fl, now_s(s), "fuel-freeze", on ? 1.0 : 0.0, on ? "fuel frozen" : "fuel released");
}

void sortie_crash_freeze(sortie *s, int on)
{
    s->ctl.crash_freeze = on != 0;
    if (!on)
        s->ctl.crash_held = 0;
}

int sortie_crash_held(const sortie *s)
{
    return s->ctl.crash_held;
}

int sortie_fuel_frozen(const sortie *s)
{
    return s->ctl.s_fuel_freeze >= 0 && get(s, s->ctl.s_fuel_freeze) != 0.0;
}

