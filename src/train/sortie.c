/*
 * sortie.c - flying a lesson headless and re-grading a recording (see
 * sortie.h).
 *
 * Each frame: the pilot reads the channels and moves the controls, the
 * instructor's malfunctions are enforced on them (sortie_control.c), the
 * aircraft steps; at the recording rate the channels (rounded as the
 * recorder stores them, so a re-graded recording gives the same sheet)
 * go to the grader and the recorder, with the events seen since.
 */
#include "train/sortie.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "math/units.h"
#include "saqr.h"
#include "fdm/throttle_detent.h"
#include "train/grade.h"
#include "train/pilot.h"
#include "train/pilot_gains.h"
#include "train/sortie_control.h"
#include "train/sortie_internal.h"
#include "math/trig.h"

/* A recorded channel: a JSBSim property times a scale, or computed. */
typedef struct channel_def {
    rec_channel ch;
    const char *property;     /* NULL: computed here                        */
    double scale;
} channel_def;

static const channel_def channel_defs[C_COUNT] = {
    [C_T] = {{"t-s", REC_F64}, "simulation/sim-time-sec", 1.0},
    [C_LAT] = {{"lat-deg", REC_F64}, "position/lat-geod-deg", 1.0},
    [C_LON] = {{"lon-deg", REC_F64}, "position/long-gc-deg", 1.0},
    [C_ALT] = {{"alt-ft", REC_F32}, "position/h-sl-ft", 1.0},
    [C_AGL] = {{"agl-ft", REC_F32}, "position/h-agl-ft", 1.0},
    [C_IAS] = {{"ias-kt", REC_F32}, "velocities/vc-kts", 1.0},
    [C_TAS] = {{"tas-kt", REC_F32}, "velocities/vtrue-kts", 1.0},
    [C_GS] = {{"gs-kt", REC_F32}, "velocities/vg-fps", M_PER_FT / MPS_PER_KT},
    [C_MACH] = {{"mach", REC_F32}, "velocities/mach", 1.0},
    [C_VS] = {{"vs-fpm", REC_F32}, "velocities/h-dot-fps", 60.0},
    [C_PITCH] = {{"pitch-deg", REC_F32}, "attitude/theta-deg", 1.0},
    [C_ROLL] = {{"roll-deg", REC_F32}, "attitude/phi-deg", 1.0},
    [C_HEADING] = {{"heading-deg", REC_F32}, "attitude/psi-deg", 1.0},
    [C_ALPHA] = {{"alpha-deg", REC_F32}, "aero/alpha-deg", 1.0},
    [C_BETA] = {{"beta-deg", REC_F32}, "aero/beta-deg", 1.0},
    [C_NZ] = {{"nz-g", REC_F32}, "accelerations/n-pilot-z-norm", -1.0},
    [C_P] = {{"p-dps", REC_F32}, "velocities/p-rad_sec", DEG_PER_RAD},
    [C_Q] = {{"q-dps", REC_F32}, "velocities/q-rad_sec", DEG_PER_RAD},
    [C_R] = {{"r-dps", REC_F32}, "velocities/r-rad_sec", DEG_PER_RAD},
    [C_ELEV] = {{"elevator", REC_F32}, "fcs/elevator-cmd-norm", 1.0},
    [C_AIL] = {{"aileron", REC_F32}, "fcs/aileron-cmd-norm", 1.0},
    [C_RUD] = {{"rudder", REC_F32}, "fcs/rudder-cmd-norm", 1.0},
    [C_THR] = {{"throttle", REC_F32}, "fcs/throttle-cmd-norm", 1.0},
    [C_FLAPS] = {{"flaps", REC_F32}, "fcs/flap-pos-norm", 1.0},
    [C_GEAR] = {{"gear", REC_F32}, "gear/gear-pos-norm", 1.0},
    [C_BRAKE] = {{"brake", REC_F32}, "fcs/left-brake-cmd-norm", 1.0},
    [C_WOW] = {{"wow", REC_F32}, "gear/wow", 1.0},
    [C_STALL] = {{"stall-warning", REC_F32}, "systems/stall-warning", 1.0},
    [C_OVERSTRESS] = {{"overstress", REC_F32}, "systems/overstress/flag", 1.0},
    [C_FUEL] = {{"fuel-kg", REC_F32}, "propulsion/total-fuel-lbs", KG_PER_LBM},
    [C_RWY_X] = {{"rwy-x-ft", REC_F32}, NULL, 1.0},
    [C_RWY_Y] = {{"rwy-y-ft", REC_F32}, NULL, 1.0},
    [C_LOC_DEV] = {{"loc-dev-deg", REC_F32}, NULL, 1.0},
    [C_GS_DEV] = {{"gs-dev-deg", REC_F32}, NULL, 1.0},
    /* the ground track (true): what wind-drift correction holds */
    [C_TRACK] = {{"track-deg", REC_F32}, "flight-path/psi-gt-deg", 1.0},
    /* the landing-gear warning (the JF-17's; 0 on aircraft without one) */
    [C_GEAR_WARN] = {{"gear-warning", REC_F32}, "systems/gear-warning", 1.0},
    /* the gust factor in force (the weather's setting: gusts up to this
     * much above the mean wind), what approach speeds add half of */
    [C_GUST] = {{LESSON_GUST_CHANNEL, REC_F32}, NULL, 1.0},
    /* the steady (mean) wind, without gusts or turbulence, as the lesson
     * or the instructor set it: what a heading's wind correction is worked
     * out from (wind_correction.h) */
    [C_WIND_FROM] = {{LESSON_WIND_FROM_CHANNEL, REC_F32}, NULL, 1.0},
    [C_WIND_KT] = {{LESSON_WIND_KT_CHANNEL, REC_F32}, NULL, 1.0},
    /* the aircraft's mass: what an approach speed given at a mass is
     * scaled by (lesson.h) */
    [C_MASS] = {{LESSON_MASS_CHANNEL, REC_F32}, "inertia/weight-lbs", KG_PER_LBM},
    /* the speed brake out, 0..1 (not a number on an aircraft without
     * one): a flame-out final's energy (docs/lessons.md, jf17/sfo) */
    [C_SPEEDBRAKE] = {{"speedbrake", REC_F32}, "fcs/speedbrake-pos-norm", 1.0},
    /* a formation lesson's lead (sortie_lead.c): where it is and its
     * attitude, and the aircraft's place in its frame - ahead along the
     * lead's heading, right of it, above it */
    [C_LEAD_LAT] = {{"lead-lat-deg", REC_F64}, NULL, 1.0},
    [C_LEAD_LON] = {{"lead-lon-deg", REC_F64}, NULL, 1.0},
    [C_LEAD_ALT] = {{"lead-alt-ft", REC_F32}, NULL, 1.0},
    [C_LEAD_HEADING] = {{"lead-heading-deg", REC_F32}, NULL, 1.0},
    [C_LEAD_PITCH] = {{"lead-pitch-deg", REC_F32}, NULL, 1.0},
    [C_LEAD_ROLL] = {{"lead-roll-deg", REC_F32}, NULL, 1.0},
    [C_LEAD_IAS] = {{"lead-ias-kt", REC_F32}, NULL, 1.0},
    [C_FORM_AHEAD] = {{"form-ahead-ft", REC_F32}, NULL, 1.0},
    [C_FORM_RIGHT] = {{"form-right-ft", REC_F32}, NULL, 1.0},
    [C_FORM_ABOVE] = {{"form-above-ft", REC_F32}, NULL, 1.0},
};

/* A standard ILS for the lesson's runway (ICAO Annex 10 geometry): the
 * localizer 1,000 ft beyond the far end, the glide slope of 3 degrees from
 * 1,000 ft past the threshold.  Deviations are angles, positive when the
 * aircraft is right of the course or above the slope. */
#define ILS_GLIDE_DEG 3.0
#define ILS_GS_X_FT 1000.0
#define ILS_LOC_BEYOND_FT 1000.0

int sortie_channel_count(void)
{
    return C_COUNT;
}

const rec_channel *sortie_channel(int i)
{
    return i >= 0 && i < C_COUNT ? &channel_defs[i].ch : NULL;
}

static const char *channel_name(int i)
{
    return channel_defs[i].ch.name;
}

static int parse_pilot(const char *who, int *faults)
{
    *faults = 0;
    if (!who || strcmp(who, "reference") == 0 || strcmp(who, "trainee") == 0)
        return 0;
    if (strcmp(who, "degraded") == 0) {
        *faults = PILOT_FAULT_BANK | PILOT_FAULT_ALTITUDE | PILOT_FAULT_LONG | PILOT_FAULT_INSTRUMENTS |
                  PILOT_FAULT_DRIFT;
        return 0;
    }
    if (strncmp(who, "degraded:", 9) != 0)
        return -1;
    const char *f = who + 9;
    *faults = strcmp(f, "bank") == 0          ? PILOT_FAULT_BANK
            : strcmp(f, "altitude") == 0      ? PILOT_FAULT_ALTITUDE
            : strcmp(f, "long") == 0          ? PILOT_FAULT_LONG
            : strcmp(f, "instruments") == 0   ? PILOT_FAULT_INSTRUMENTS
            : strcmp(f, "drift") == 0         ? PILOT_FAULT_DRIFT
                                              : 0;
    return *faults ? 0 : -1;
}

const char *sortie_pilot_names(void)
{
    return "reference, degraded, degraded:bank|altitude|long|instruments|drift, trainee";
}

int sortie_pilot_valid(const char *who)
{
    int f;
    return parse_pilot(who, &f);
}

static int prop(const flight *fl, const char *name)
{
    return saqr_fdm_property(fl->f, name);
}

static void set_if(flight *fl, int slot, double x)
{
    if (slot >= 0 && !isnan(x))
        (void)saqr_fdm_set(fl->f, slot, x);
}

void flight_ils(const flight *fl, double *loc_dev_deg, double *gs_dev_deg, double *dme_nm)
{
    const double *v = fl->v;
    *loc_dev_deg = *gs_dev_deg = *dme_nm = NAN;
    const double x = v[C_RWY_X], y = v[C_RWY_Y], loc = v[C_LOC_DEV];
    const double to_loc_ft = fl->rwy->length_ft + ILS_LOC_BEYOND_FT - x, to_gs_ft = ILS_GS_X_FT - x;
    if (!(to_loc_ft > 0.0) || isnan(loc))
        return;
    const double loc_nm = hypot(to_loc_ft, y) * M_PER_FT / M_PER_NMI;
    if (!((fabs(loc) <= 10.0 && loc_nm <= 25.0) || (fabs(loc) <= 35.0 && loc_nm <= 17.0)))
        return;
    *loc_dev_deg = loc;
    const double up_ft = v[C_ALT] - fl->rwy->elevation_ft;
    *dme_nm = sqrt(x * x + y * y + up_ft * up_ft) * M_PER_FT / M_PER_NMI;
    if (!fl->glide_slope_off && to_gs_ft > 0.0 && fabs(loc) <= 8.0 &&
        hypot(to_gs_ft, y) * M_PER_FT / M_PER_NMI <= 10.0)
        *gs_dev_deg = v[C_GS_DEV];
}

/* The channels' values now; the weather's (the gust factor, the steady
 * wind) from the instructor's settings, wx (NULL before they are set up:
 * calm). */
void flight_read_channels(flight *fl, const sortie_weather *wx)
{
    for (int i = 0; i < C_COUNT; i++)
        fl->v[i] = fl->slot[i] >= 0 ? saqr_fdm_get(fl->f, fl->slot[i]) * channel_defs[i].scale : NAN;
    if (fl->slot[C_STALL] < 0)
        fl->v[C_STALL] = 0.0;
    if (fl->slot[C_OVERSTRESS] < 0)
        fl->v[C_OVERSTRESS] = 0.0;
    if (fl->slot[C_GEAR_WARN] < 0)
        fl->v[C_GEAR_WARN] = 0.0;
    fl->v[C_GUST] = wx ? wx->gust_kt : 0.0;
    fl->v[C_WIND_FROM] = wx ? wx->wind_from_deg : 0.0;
    fl->v[C_WIND_KT] = wx ? wx->wind_kt : 0.0;
    runway_from_geodetic(fl->rwy, fl->v[C_LAT], fl->v[C_LON], &fl->v[C_RWY_X], &fl->v[C_RWY_Y]);
    double x = fl->v[C_RWY_X], y = fl->v[C_RWY_Y];
    double to_loc = fl->rwy->length_ft + ILS_LOC_BEYOND_FT - x, to_gs = ILS_GS_X_FT - x;
    fl->v[C_LOC_DEV] = trig_atan2(y, to_loc) * DEG_PER_RAD;
    fl->v[C_GS_DEV] = trig_atan2(fl->v[C_ALT] - fl->rwy->elevation_ft, hypot(to_gs, y)) * DEG_PER_RAD - ILS_GLIDE_DEG;
}

/* An airborne start in a wind: the air mass moves at the wind; the
 * aircraft's velocity over the ground is its airspeed along the heading
 * plus that wind.  Initialised in still air first (which gives the true
 * airspeed of the lesson's calibrated one at its altitude), the state is
 * made the initial conditions, the ground velocity and the wind set on
 * top and the aircraft placed there (saqr_fdm_reposition; the trim that
 * follows re-applies these conditions).  Not by giving JSBSim's ic/vw-*
 * before the airspeed, as its own files do: its initial conditions take
 * their wind as air velocity minus ground velocity while initialisation
 * hands it to the atmosphere as the air mass's velocity, which starts the
 * aircraft off by twice the wind. */
/* A start on the runway in a wind: the aircraft is set on its gear by a
 * ground trim in still air, and the wind then blows (the steady wind
 * JSBSim's atmosphere/wind-north-fps and -east-fps hold, toward where it
 * blows).  A ground trim has no control over the side force and the
 * rolling and yawing moments a crosswind makes, and fails in one; standing
 * on brakes, the gear takes them. */
static void runway_wind(flight *fl, double wind_fps, double from_deg)
{
    const double to = (from_deg + 180.0) * RAD_PER_DEG;
    set_if(fl, prop(fl, "atmosphere/wind-north-fps"), wind_fps * trig_cos(to));
    set_if(fl, prop(fl, "atmosphere/wind-east-fps"), wind_fps * trig_sin(to));
}

static saqr_status airborne_wind(flight *fl, double psi_deg, double wind_fps, double from_deg)
{
    int vt = prop(fl, "velocities/vt-fps"), vn = prop(fl, "ic/vn-fps"), ve = prop(fl, "ic/ve-fps");
    int mag = prop(fl, "ic/vw-mag-fps"), dir = prop(fl, "ic/vw-dir-deg");
    if (vt < 0 || vn < 0 || ve < 0 || mag < 0 || dir < 0)
        return SAQR_ENOTFOUND;
    double tas_fps = saqr_fdm_get(fl->f, vt), psi = psi_deg * RAD_PER_DEG, to = (from_deg + 180.0) * RAD_PER_DEG;
    saqr_status st = saqr_fdm_capture_ic(fl->f);
    if (!st)
        st = saqr_fdm_set(fl->f, vn, tas_fps * trig_cos(psi) + wind_fps * trig_cos(to));
    if (!st)
        st = saqr_fdm_set(fl->f, ve, tas_fps * trig_sin(psi) + wind_fps * trig_sin(to));
    if (!st)
        st = saqr_fdm_set(fl->f, mag, wind_fps);
    if (!st)
        st = saqr_fdm_set(fl->f, dir, fmod(from_deg + 180.0, 360.0));
    return st ? st : saqr_fdm_reposition(fl->f);
}

static saqr_status setup_aircraft(flight *fl, lesson *l, const sortie_opts *o, const sortie_hooks *h,
                                  saqr_err *err)
{
    const lesson_setup *su = &l->setup;
    const airport *ap = airport_find(o->airports, su->airport);
    if (!ap)
        return err_set(err, SAQR_ENOTFOUND, "%s:%ld: airport \"%s\" is not in the airports file", l->path,
                       su->runway_line, su->airport);
    fl->apt = ap;
    fl->rwy = airport_runway_find(ap, su->runway);
    fl->glide_slope_off = su->glide_slope_off;
    if (!fl->rwy)
        return err_set(err, SAQR_ENOTFOUND, "%s:%ld: airport %s has no runway \"%s\"", l->path, su->runway_line,
                       su->airport, su->runway);
    fl->f = saqr_fdm_create(NULL);
    if (!fl->f)
        return err_set(err, SAQR_ENOMEM, "out of memory");
    saqr_status st = saqr_fdm_load_aircraft(fl->f, o->root, l->aircraft);
    if (st)
        return err_set(err, st, "%s: %s", l->path, saqr_fdm_error(fl->f));
    for (int i = 0; i < C_COUNT; i++)
        fl->slot[i] = channel_defs[i].property ? prop(fl, channel_defs[i].property) : -1;
    static const char *const ground_force[3] = {"forces/fbx-gear-lbs", "forces/fby-gear-lbs",
                                                "forces/fbz-gear-lbs"};
    for (int k = 0; k < 3; k++)
        fl->s_ground_force[k] = prop(fl, ground_force[k]);
    fl->s_elev = prop(fl, "fcs/elevator-cmd-norm");
    fl->s_ail = prop(fl, "fcs/aileron-cmd-norm");
    fl->s_rud = prop(fl, "fcs/rudder-cmd-norm");
    fl->s_thr = prop(fl, "fcs/throttle-cmd-norm");
    fl->s_flap_cmd = prop(fl, "fcs/flap-cmd-norm");
    fl->s_gear_cmd = prop(fl, "gear/gear-cmd-norm");
    fl->s_brake_l = prop(fl, "fcs/left-brake-cmd-norm");
    fl->s_brake_r = prop(fl, "fcs/right-brake-cmd-norm");
    fl->s_steer = prop(fl, "fcs/steer-cmd-norm");
    fl->s_mixture = prop(fl, "fcs/mixture-cmd-norm");
    fl->s_speedbrake = prop(fl, "fcs/speedbrake-cmd-norm");
    fl->s_pitch_trim = prop(fl, "fcs/pitch-trim-cmd-norm");
    const airport_runway *r = fl->rwy;
    double lat, lon, alt_ft, vc_kt, psi;
    if (su->on_runway) {
        /* lined up 50 ft past the threshold (right-ft= of the centreline) */
        if (fabs(su->runway_right_ft) > 0.5 * r->width_ft - LESSON_RUNWAY_EDGE_FT)
            return err_set(err, SAQR_EINVAL,
                           "%s:%ld: <on-runway right-ft=\"%g\">: runway %s %s is %.0f ft wide: the aircraft would "
                           "start off it (at most %.0f ft from its centreline)",
                           l->path, su->runway_line, su->runway_right_ft, su->airport, su->runway, r->width_ft,
                           0.5 * r->width_ft - LESSON_RUNWAY_EDGE_FT);
        runway_to_geodetic(r, 50.0, su->runway_right_ft, &lat, &lon);
        alt_ft = r->elevation_ft;
        vc_kt = 0.0;
        psi = r->heading_true_deg;
    } else {
        double b = (su->bearing_deg - r->heading_true_deg) * RAD_PER_DEG, d = su->distance_nm * M_PER_NMI / M_PER_FT;
        runway_to_geodetic(r, d * trig_cos(b), d * trig_sin(b), &lat, &lon);
        alt_ft = su->alt_ft;
        vc_kt = su->ias_kt;
        psi = su->heading_deg;
    }
    /* The wind: airborne see airborne_wind; on the runway it blows from
     * after the ground trim (runway_wind). */
    double wind_fps = su->wind_kt * MPS_PER_KT / M_PER_FT;
    struct { const char *name; double value; } ic[] = {
        {"ic/terrain-elevation-ft", r->elevation_ft}, {"ic/lat-geod-deg", lat}, {"ic/long-gc-deg", lon},
        {"ic/psi-true-deg", psi}, {"ic/vc-kts", vc_kt},
    };
    for (size_t i = 0; i < sizeof ic / sizeof ic[0]; i++) {
        int s = prop(fl, ic[i].name);
        if (s < 0 || saqr_fdm_set(fl->f, s, ic[i].value) != SAQR_OK)
            return err_set(err, SAQR_EINVAL, "%s: cannot set %s = %g", l->path, ic[i].name, ic[i].value);
    }
    /* on the runway: the gear's static height comes from a ground trim */
    set_if(fl, prop(fl, su->on_runway ? "ic/h-agl-ft" : "ic/h-sl-ft"), su->on_runway ? 5.0 : alt_ft);
    for (int i = 0; i < su->nsets; i++) {
        int s = prop(fl, su->sets[i].property);
        if (s < 0 || saqr_fdm_set(fl->f, s, su->sets[i].value) != SAQR_OK)
            return err_set(err, SAQR_EINVAL, "%s: <set>: no writable property %s", l->path, su->sets[i].property);
    }
    if (!isnan(su->fuel_pct))
        (void)sortie_set_fuel_pct(fl->f, su->fuel_pct);
    if (su->turbulence > 0) {
        /* MIL-F-8785C Dryden turbulence through JSBSim's milspec settings:
         * exceedance 1e-2 (light) or 1e-3 (moderate), the lesson's wind as
         * the wind at 20 ft */
        set_if(fl, prop(fl, "atmosphere/turb-type"), 3.0);
        set_if(fl, prop(fl, "atmosphere/turbulence/milspec/severity"), su->turbulence == 1 ? 3.0 : 4.0);
        set_if(fl, prop(fl, "atmosphere/turbulence/milspec/windspeed_at_20ft_AGL-fps"), isnan(wind_fps) ? 0.0 : wind_fps);
    }
    if (h && h->gust_seed)
        set_if(fl, prop(fl, "simulation/randomseed"), sortie_random_seed(h->gust_seed));
    if (h && h->before_init && (st = (saqr_status)h->before_init(fl->f, h->user, err)))
        return st;
    if ((st = saqr_fdm_init(fl->f)))
        return err_set(err, st, "%s: %s", l->path, saqr_fdm_error(fl->f));
    if (!su->on_runway && !isnan(wind_fps) && wind_fps > 0.0 && (st = airborne_wind(fl, psi, wind_fps, su->wind_from_deg)))
        return err_set(err, st, "%s: the wind cannot be set: %s", l->path, saqr_fdm_error(fl->f));
    set_if(fl, prop(fl, "propulsion/set-running"), -1.0);
    set_if(fl, fl->s_flap_cmd, su->flaps);
    set_if(fl, fl->s_gear_cmd, isnan(su->gear) ? 1.0 : su->gear);
    set_if(fl, fl->s_mixture, 1.0);
    st = saqr_fdm_trim(fl->f, su->on_runway ? SAQR_TRIM_GROUND : SAQR_TRIM_FULL);
    /* a fly-by-wire aircraft whose roll and yaw laws filter the stick may
     * not converge in all six axes; the longitudinal trim then does (as in
     * its QTG).  JSBSim's FGTrim alone never trimmed the JF-17 in full
     * (60 iterations, ~60 ms); the quick trim does, in under 0.3 ms
     * (src/fdm/trim_newton.c) */
    if (st && !su->on_runway)
        st = saqr_fdm_trim(fl->f, SAQR_TRIM_LONGITUDINAL);
    if (st)
        return err_set(err, st, "%s: the aircraft cannot be trimmed at the lesson's start: %s", l->path,
                       saqr_fdm_error(fl->f));
    if (su->on_runway && !isnan(wind_fps) && wind_fps > 0.0)
        runway_wind(fl, wind_fps, su->wind_from_deg);
    set_if(fl, fl->s_thr, su->on_runway ? 0.0 : NAN);
    set_if(fl, fl->s_thr, su->throttle);
    /* The initial conditions started the engine at full throttle
     * (JSBSim's InitRunning) and a ground trim keeps it there: lined up
     * on the runway it idles (or runs at the lesson's throttle) from the
     * first frame, as the instruments of a station waiting to start show */
    if (su->on_runway || !isnan(su->throttle)) {
        set_if(fl, prop(fl, "fcs/throttle-pos-norm"), saqr_fdm_get(fl->f, fl->s_thr));
        if ((st = saqr_fdm_settle_engines(fl->f)))
            return err_set(err, st, "%s: %s", l->path, saqr_fdm_error(fl->f));
    }
    return SAQR_OK;
}

void sortie_event(flight *fl, double t, const char *kind, double value, const char *text)
{
    if (fl->gr)
        grader_event_text(fl->gr, t, kind, value, text);
    if (fl->rec)
        (void)rec_write_event(fl->rec, t, kind, value, text, NULL);
    rec_event *e = &fl->feed[fl->nfeed++ % SORTIE_EVENT_FEED];
    e->t_s = t;
    snprintf(e->kind, sizeof e->kind, "%s", kind);
    e->value = value;
    /* a longer text (an error message) is cut to the feed's line */
    snprintf(e->text, sizeof e->text, "%.*s", (int)sizeof e->text - 1, text ? text : "");
}

/* A crash: the ground met too hard (over 1,200 ft/min, 20 ft/s, beyond
 * any landing gear's design sink speed), on a wing tip (over 30 degrees of
 * bank on the ground), or by the airframe itself (the reference point
 * within half a foot of the ground: the gear is not under it).  On the
 * ground is the gear's weight on wheels or any contact pushing back: a
 * wing tip or a spinner struck with the wheels in the air (a roll into
 * the ground, an inverted impact) is on the ground too. */
#define CRASH_SINK_FPM 1200.0
#define CRASH_BANK_DEG 30.0
#define CRASH_AGL_FT 0.5
/* A formation's aircraft closer than this (ft, between their reference
 * points) have collided: well inside a span of either type (Super Mushak
 * 29 ft, JF-17 31 ft), whatever the two attitudes. */
#define LEAD_COLLISION_FT 20.0
/* back on the ground within this of leaving it: the same landing (a skip
 * of the wheels, not a new touch-down) */
#define SKIP_MAX_S 1.0

static int touching(const flight *fl)
{
    if (fl->v[C_WOW] > 0.5)
        return 1;
    for (int k = 0; k < 3; k++)
        if (fl->s_ground_force[k] >= 0 && saqr_fdm_get(fl->f, fl->s_ground_force[k]) != 0.0)
            return 1;
    return 0;
}

static int crashed(const flight *fl)
{
    const double *v = fl->v;
    return (touching(fl) && (v[C_VS] < -CRASH_SINK_FPM || fabs(v[C_ROLL]) > CRASH_BANK_DEG)) ||
           v[C_AGL] < CRASH_AGL_FT;
}

/* On the ground beyond the lesson's runway - short of its threshold, past
 * its far end or beside it - an "off-runway" event, once for each time
 * on the ground, with how far out: the debrief shows an undershoot or an
 * excursion the grades may not (the ground around a runway is flat and
 * firm here, so the aircraft rolls on as if on pavement).  Another
 * runway of the airfield counts as off the lesson's.  A time on the
 * ground ends, as a touch-down begins one (watch), only after
 * SKIP_MAX_S in the air: a skip of the wheels is the same landing. */
static void watch_surface(flight *fl, double t)
{
    const double *v = fl->v;
    if (v[C_WOW] < 0.5) {
        if (!isnan(fl->airborne_since) && t - fl->airborne_since > SKIP_MAX_S)
            fl->off_runway = 0;
        return;
    }
    if (fl->off_runway || !fl->rwy || isnan(v[C_RWY_X]) || isnan(v[C_RWY_Y]))
        return;
    const double x = v[C_RWY_X], y = v[C_RWY_Y], half_w = 0.5 * fl->rwy->width_ft;
    char text[128];
    double out;
    if (x < 0.0) {
        out = -x;
        snprintf(text, sizeof text, "short of runway %s's threshold by %.0f ft", fl->rwy->ident, out);
    } else if (x > fl->rwy->length_ft) {
        out = x - fl->rwy->length_ft;
        snprintf(text, sizeof text, "past runway %s's end by %.0f ft", fl->rwy->ident, out);
    } else if (fabs(y) > half_w) {
        out = fabs(y) - half_w;
        snprintf(text, sizeof text, "%.0f ft %s of runway %s's edge (%.0f ft wide)", out, y > 0.0 ? "right" : "left",
                 fl->rwy->ident, fl->rwy->width_ft);
    } else {
        return;
    }
    fl->off_runway = 1;
    sortie_event(fl, t, "off-runway", out, text);
}

/* Events from the state, every frame: touchdown / lift-off, stall
 * warning, gear, flaps, overstress, and a crash (returns 1: the sortie
 * ends). */
static int watch(flight *fl)
{
    const double *v = fl->v;
    double t = v[C_T];
    if (crashed(fl)) {
        char text[96];
        snprintf(text, sizeof text, "ground contact at %.0f ft/min, %.0f deg of bank", -v[C_VS], v[C_ROLL]);
        sortie_event(fl, t, "crash", v[C_VS], text);
        return 1;
    }
    const double apart_ft = hypot(hypot(v[C_FORM_AHEAD], v[C_FORM_RIGHT]), v[C_FORM_ABOVE]);
    if (apart_ft < LEAD_COLLISION_FT) { /* false for NAN: no lead */
        char text[96];
        snprintf(text, sizeof text, "mid-air collision with the lead (%.0f ft between them)", apart_ft);
        sortie_event(fl, t, "crash", v[C_VS], text);
        return 1;
    }
    if (v[C_WOW] != fl->prev_wow) {
        if (v[C_WOW] > 0.5 && !isnan(fl->airborne_since) && t - fl->airborne_since > SKIP_MAX_S)
            sortie_event(fl, t, "touchdown", v[C_VS], NULL);
        else if (v[C_WOW] < 0.5)
            sortie_event(fl, t, "liftoff", v[C_IAS], NULL);
        fl->airborne_since = v[C_WOW] < 0.5 ? t : NAN;
    }
    watch_surface(fl, t);
    if (v[C_STALL] != fl->prev_stall)
        sortie_event(fl, t, "stall-warning", v[C_STALL], NULL);
    if (!isnan(v[C_GEAR]) && fabs(v[C_GEAR] - fl->prev_gear) > 0.5) {
        sortie_event(fl, t, "gear", v[C_GEAR] > 0.5 ? 1.0 : 0.0, v[C_GEAR] > 0.5 ? "down" : "up");
        fl->prev_gear = v[C_GEAR] > 0.5 ? 1.0 : 0.0;
    }
    if (!isnan(v[C_FLAPS]) && fabs(v[C_FLAPS] - fl->prev_flaps) > 0.05) {
        sortie_event(fl, t, "flaps", v[C_FLAPS], NULL);
        fl->prev_flaps = v[C_FLAPS];
    }
    if (v[C_OVERSTRESS] != fl->prev_overstress && v[C_OVERSTRESS] > 0.5)
        sortie_event(fl, t, "overstress", v[C_NZ], "g limit exceeded");
    if (v[C_GEAR_WARN] != fl->prev_gear_warn)
        sortie_event(fl, t, "gear-warning", v[C_GEAR_WARN], NULL);
    fl->prev_wow = v[C_WOW];
    fl->prev_stall = v[C_STALL];
    fl->prev_overstress = v[C_OVERSTRESS];
    fl->prev_gear_warn = v[C_GEAR_WARN];
    return 0;
}

void flight_apply(flight *fl, const pilot_controls *c)
{
    set_if(fl, fl->s_elev, c->elevator);
    set_if(fl, fl->s_ail, c->aileron);
    set_if(fl, fl->s_rud, c->rudder);
    set_if(fl, fl->s_thr, fl->engine_failed ? 0.0 : c->throttle);
    set_if(fl, fl->s_flap_cmd, c->flaps);
    set_if(fl, fl->s_gear_cmd, c->gear);
    set_if(fl, fl->s_brake_l, c->brake);
    set_if(fl, fl->s_brake_r, c->brake);
    set_if(fl, fl->s_steer, c->steer);
    set_if(fl, fl->s_speedbrake, c->speedbrake);
    if (fl->engine_failed)
        set_if(fl, fl->s_mixture, 0.0);
}

/* The values as stored in the recording (float32 where it is float32). */
static void as_recorded(const double *v, double *out)
{
    for (int i = 0; i < C_COUNT; i++)
        out[i] = channel_defs[i].ch.type == REC_F32 ? (double)(float)v[i] : v[i];
}

static void flight_close(flight *fl)
{
    rec_writer_close(fl->rec, NULL);
    grader_destroy(fl->gr);
    saqr_fdm_destroy(fl->f);
    saqr_fdm_destroy(fl->loaded); /* after its copy */
}

int sortie_fly(lesson *l, const sortie_opts *o, grade_sheet *sheet, saqr_err *err)
{
    double flown_s;
    return sortie_fly_timed(l, o, sheet, &flown_s, err);
}

static void sortie_free(sortie *s)
{
    if (s->pilot_ready)
        pilot_free(&s->pl);
    rec_writer_close(s->fl.rec, NULL);
    s->fl.rec = NULL;
    sortie_saved_free(s); /* copies: before the loaded aircraft */
    sortie_lead_free(s);
    flight_close(&s->fl);
    free(s);
}

static saqr_status open_recording(sortie *s, const sortie_opts *o, saqr_err *err)
{
    const lesson *l = s->l;
    rec_channel chs[C_COUNT];
    for (int i = 0; i < C_COUNT; i++)
        chs[i] = channel_defs[i].ch;
    rec_meta meta[6];
    memset(meta, 0, sizeof meta);
    snprintf(meta[0].key, sizeof meta[0].key, "lesson");
    snprintf(meta[0].value, sizeof meta[0].value, "%s", l->id);
    snprintf(meta[1].key, sizeof meta[1].key, "aircraft");
    snprintf(meta[1].value, sizeof meta[1].value, "%s", l->aircraft);
    snprintf(meta[2].key, sizeof meta[2].key, "pilot");
    snprintf(meta[2].value, sizeof meta[2].value, "%s", o->pilot ? o->pilot : "reference");
    snprintf(meta[3].key, sizeof meta[3].key, "runway");
    snprintf(meta[3].value, sizeof meta[3].value, "%s %s", l->setup.airport, l->setup.runway);
    int nmeta = 4;
    if (o->started_utc) {
        snprintf(meta[4].key, sizeof meta[4].key, "reference-time");
        snprintf(meta[4].value, sizeof meta[4].value, "%s", o->started_utc);
        nmeta = 5;
    }
    if (o->trainee) {
        snprintf(meta[nmeta].key, sizeof meta[nmeta].key, "trainee");
        snprintf(meta[nmeta].value, sizeof meta[nmeta].value, "%s", o->trainee);
        nmeta++;
    }
    /* the lead's channels are the last: a lesson without a lead records
     * the ones before them (not numbers throughout, they were a fifth of
     * each frame), and a reader finds channels by name */
    const int nch = l->lead.present ? C_COUNT : C_LEAD_LAT;
    s->fl.rec = rec_writer_open(o->record_path, meta, nmeta, chs, nch, 1.0 / (s->every * s->dt), err);
    return s->fl.rec ? SAQR_OK : SAQR_EIO;
}

int sortie_begin(lesson *l, const sortie_opts *o, sortie **out, saqr_err *err)
{
    return sortie_begin_hooked(l, o, NULL, out, err);
}

/* The pilot's gains scaled by `scale` (the limits and technique kept). */
static void scale_gains(pilot_gains *g, double scale)
{
    double *k[] = {&g->roll_kp, &g->roll_kd, &g->roll_ki, &g->pitch_kp, &g->pitch_kq, &g->pitch_ki,
                   &g->thr_kp, &g->thr_ki, &g->g_kp, &g->g_ki};
    for (size_t i = 0; i < sizeof k / sizeof k[0]; i++)
        *k[i] *= scale;
}

int sortie_begin_hooked(lesson *l, const sortie_opts *o, const sortie_hooks *h, sortie **out, saqr_err *err)
{
    *out = NULL;
    int faults;
    if (parse_pilot(o->pilot, &faults))
        return err_set(err, SAQR_EINVAL, "unknown pilot \"%s\" (%s)", o->pilot, sortie_pilot_names());
    const char *names[C_COUNT];
    for (int i = 0; i < C_COUNT; i++)
        names[i] = channel_name(i);
    saqr_status st = lesson_bind(l, names, C_COUNT, err);
    if (st)
        return st;
    sortie *s = calloc(1, sizeof *s);
    if (!s)
        return err_set(err, SAQR_ENOMEM, "out of memory");
    s->l = l;
    s->airports = o->airports;
    s->ex_pilot = -1;
    flight *fl = &s->fl;
    fl->prev_gear = fl->prev_flaps = fl->airborne_since = NAN;
    if ((st = setup_aircraft(fl, l, o, h, err))) {
        sortie_free(s);
        return st;
    }
    /* the sortie flies a copy of the loaded aircraft: only a copy takes
     * back a saved state (an instructor's recall), and the aircraft the
     * sortie hands out (sortie_fdm) stays the same one throughout */
    fl->loaded = fl->f;
    if (!(fl->f = saqr_fdm_copy(fl->loaded))) {
        st = err_set(err, SAQR_ENOMEM, "%s: %s", l->path, saqr_fdm_error(fl->loaded));
        sortie_free(s);
        return st;
    }
    double rate = o->rate_hz > 0.0 ? o->rate_hz : 20.0;
    s->dt = saqr_fdm_dt(fl->f);
    s->every = (int)fmax(1.0, floor(1.0 / (rate * s->dt) + 0.5));
    s->frames = (long)(l->max_s / s->dt);
    s->fl.manual = o->pilot && strcmp(o->pilot, "trainee") == 0;
    fl->gr = grader_create(l, names, C_COUNT, o->pilot ? o->pilot : "reference");
    pilot_inputs in = {C_T, C_ALT, C_AGL, C_IAS, C_TAS, C_MACH, C_VS, C_PITCH, C_ROLL, C_HEADING, C_ALPHA, C_BETA,
                       C_P, C_Q, C_R, C_WOW, C_RWY_X, C_RWY_Y, C_GS, C_ELEV, C_THR, C_NZ, C_GUST,
                       C_WIND_FROM, C_WIND_KT, C_LAT, C_LON, C_LEAD_ALT, C_LEAD_HEADING, C_LEAD_ROLL,
                       C_LEAD_PITCH, C_LEAD_IAS, C_FORM_AHEAD, C_FORM_RIGHT, C_FORM_ABOVE};
    int fbw = prop(fl, "fcs/fbw-direct") >= 0;
    if (!fl->gr || pilot_init(&s->pl, faults, fbw, &in, fl->rwy, C_COUNT + LESSON_NDERIVED)) {
        sortie_free(s);
        return err_set(err, SAQR_ENOMEM, "out of memory");
    }
    pilot_set_throttle_mil(&s->pl, throttle_mil_detent(fl->f));
    s->pilot_ready = 1;
    if (h && h->pilot_gain_scale > 0.0 && h->pilot_gain_scale != 1.0) {
        s->gains = *s->pl.gains;
        scale_gains(&s->gains, h->pilot_gain_scale);
        s->pl.gains = &s->gains;
    }
    if (o->record_path && (st = open_recording(s, o, err))) {
        sortie_free(s);
        return st;
    }
    flight_read_channels(fl, NULL); /* the weather is set up after (sortie_ctl_init) */
    fl->prev_wow = fl->v[C_WOW];
    fl->prev_stall = fl->v[C_STALL];
    fl->prev_overstress = fl->v[C_OVERSTRESS];
    fl->prev_gear_warn = fl->v[C_GEAR_WARN];
    if (fl->v[C_WOW] < 0.5)
        fl->airborne_since = fl->v[C_T];
    sortie_ctl_init(s);
    if (h && h->gust_seed)
        rng_seed(&s->ctl.rng, h->gust_seed);
    if ((st = sortie_lead_begin(s, err))) {
        sortie_free(s);
        return st;
    }
    *out = s;
    return SAQR_OK;
}

int sortie_set_fuel_pct(saqr_fdm *f, double pct)
{
    const double share = fmin(fmax(pct, 0.0), 100.0) / 100.0;
    int k = 0;
    for (;; k++) {
        char name[64];
        snprintf(name, sizeof name, "propulsion/tank[%d]/capacity-lbs", k);
        const int cap = saqr_fdm_property(f, name);
        snprintf(name, sizeof name, "propulsion/tank[%d]/contents-lbs", k);
        const int con = saqr_fdm_property(f, name);
        if (cap < 0 || con < 0)
            break;
        (void)saqr_fdm_set(f, con, saqr_fdm_get(f, cap) * share);
    }
    return k;
}

double sortie_random_seed(uint64_t seed)
{
    const uint64_t k = seed & ((UINT64_C(1) << 53) - 1); /* exact in a double */
    return (double)(k ? k : 1);
}

saqr_fdm *sortie_fdm(sortie *s)
{
    return s->fl.f;
}

/* The pilot who believes the cockpit: it flies this frame from the
 * instruments as the trainee sees them (sortie_read_instruments: a failed
 * attitude indicator's drift, a blocked pitot's airspeed, the altimeter
 * for the QNH set), and the grader goes on seeing the true values. */
static void fly_by_the_instruments(sortie *s, pilot_controls *c)
{
    static const int seen[] = {C_IAS, C_MACH, C_ALT, C_VS, C_PITCH, C_ROLL};
    enum { NSEEN = sizeof seen / sizeof seen[0] };
    double *v = s->fl.v, truth[NSEEN];
    sortie_instruments ins;
    sortie_read_instruments(s, &ins);
    const double shown[NSEEN] = {ins.ias_kt, ins.mach, ins.alt_ft, ins.vs_fpm, ins.pitch_deg, ins.roll_deg};
    for (int i = 0; i < NSEEN; i++) {
        truth[i] = v[seen[i]];
        v[seen[i]] = shown[i];
    }
    pilot_fly(&s->pl, v, s->dt, c);
    for (int i = 0; i < NSEEN; i++)
        v[seen[i]] = truth[i];
}

/* The pilot's controls for this frame (none when a trainee flies, except
 * in the exercises the instructor flies), and the malfunction a segment
 * may cause.  In a trainee's sortie each change of hands is an event
 * ("control": 1 the instructor has it, 0 the trainee). */
static void fly_pilot(sortie *s, int ex)
{
    flight *fl = &s->fl;
    if (fl->manual) {
        int by_instructor = s->l->exercises[ex].by_instructor || s->taken;
        if (by_instructor != s->instructor_flying) {
            s->instructor_flying = by_instructor;
            sortie_event(fl, fl->v[C_T], "control", by_instructor ? 1.0 : 0.0,
                         by_instructor ? "the instructor has control" : "the trainee has control");
            /* taking over mid-exercise: the reference pilot flies the
             * exercise's profile from its start, from where the aircraft
             * is now (its own entry values taken now) */
            if (by_instructor)
                s->ex_pilot = -1;
        }
        /* the instructor's own hands on the cockpit's controls: they fly
         * the aircraft, as the trainee's did */
        if (!by_instructor || s->taken == SORTIE_INSTRUCTOR_COCKPIT)
            return;
    }
    if (ex != s->ex_pilot) {
        /* taken over in flight: out of an unusual attitude first */
        if (s->taken == SORTIE_INSTRUCTOR_PILOT && s->ex_pilot < 0)
            pilot_recover_first(&s->pl);
        pilot_begin(&s->pl, &s->l->exercises[ex], grader_leg_plan(fl->gr, ex), fl->v);
        s->ex_pilot = ex;
    }
    pilot_controls c;
    s->pl.fcs_direct = s->ctl.s_fbw_direct >= 0 && saqr_fdm_get(fl->f, s->ctl.s_fbw_direct) > 0.5;
    if (s->pl.faults & PILOT_FAULT_INSTRUMENTS)
        fly_by_the_instruments(s, &c);
    else
        pilot_fly(&s->pl, fl->v, s->dt, &c);
    const char *ev = pilot_take_event(&s->pl);
    if (ev) {
        if (strcmp(ev, "engine-failure") == 0)
            fl->engine_failed = 1;
        sortie_event(fl, fl->v[C_T], "malfunction", 1.0, ev);
    }
    flight_apply(fl, &c);
}

/* An exercise's own malfunction and the one it clears (an airstart),
 * whoever flies: the lesson checked both names, and inserting one can only
 * be refused for a fixed gear, which the lesson's aircraft then has. */
static void exercise_malfunctions(sortie *s, const lesson_exercise *e, double t)
{
    const char *names[2] = {e->clear, e->malfunction};
    for (int on = 0; on < 2; on++) {
        if (!names[on][0])
            continue;
        saqr_err merr;
        int m = sortie_malfunction_from_name(names[on]);
        if (sortie_set_malfunction(s, (sortie_malfunction)m, on, &merr))
            sortie_event(&s->fl, t, "malfunction-refused", (double)m, merr.msg);
    }
}

const lesson_leg *sortie_leg(const sortie *s, sortie_leg_values *out)
{
    /* the grader's values: fl.v's derived ones are the pilot's, which
     * stand still while a trainee flies */
    const lesson_leg *leg = s->fl.gr ? grader_leg(s->fl.gr) : NULL;
    if (!leg)
        return NULL;
    const double *v = grader_values(s->fl.gr);
    out->xtk_nm = v[LESSON_CH_XTK(C_COUNT)];
    out->to_go_nm = v[LESSON_CH_TO_GO(C_COUNT)];
    out->eta_error_min = v[LESSON_CH_ETA_ERR(C_COUNT)];
    out->hdg_error_deg = v[LESSON_CH_HDG_ERR(C_COUNT)];
    return leg;
}

int sortie_circle(const sortie *s, sortie_circle_values *out)
{
    int running = 0, ex = sortie_exercise(s, &running);
    double lat, lon;
    if (!s->fl.gr || ex < 0 || !grader_point(s->fl.gr, &lat, &lon))
        return 0;
    const double *v = grader_values(s->fl.gr);
    out->lat_deg = lat;
    out->lon_deg = lon;
    out->radius_nm = s->l->exercises[ex].around.radius_nm;
    out->point_nm = v[LESSON_CH_POINT_NM(C_COUNT)];
    out->around_deg = running ? v[LESSON_CH_AROUND(C_COUNT)] : NAN;
    return 1;
}

int sortie_approach(const sortie *s, sortie_approach_values *out)
{
    const flight *fl = &s->fl;
    if (!fl->rwy)
        return 0;
    const double x = fl->v[C_RWY_X], y = fl->v[C_RWY_Y], h = fl->v[C_ALT] - fl->rwy->elevation_ft;
    /* before the threshold: a take-off's roll is on the runway, in the cone */
    if (!(x < 0.0) || !isfinite(y) || !isfinite(h) || !approach_in_final_cone(x, y, h, fl->rwy->length_ft))
        return 0;
    out->x_ft = x;
    out->y_ft = y;
    out->h_ft = h;
    out->path = approach_path_of_lesson(s->l);
    out->path_ft = approach_path_height_ft(&out->path, x);
    return 1;
}

int sortie_frame(sortie *s, saqr_err *err)
{
    flight *fl = &s->fl;
    if (s->done)
        return 1;
    if (s->k >= s->frames || grader_done(fl->gr)) {
        s->done = 1;
        return 1;
    }
    if (s->ctl.crash_held)
        return 0; /* where it crashed, until placed elsewhere */
    flight_read_channels(fl, &s->ctl.wx);
    sortie_lead_read(s);
    int crash = watch(fl);
    /* a change of hands asked between frames takes effect here, before
     * this frame's sample, so that a recording graded again sees it where
     * the live grader did (its event is no later than the sample) */
    if (s->taken_wanted != s->taken) {
        static const char *const said[] = {
            "\"You have control\": the instructor handed control back",
            "\"I have control\": the instructor took control",
            "\"I have control\": the instructor took control, flying from the cockpit",
        };
        s->taken = s->taken_wanted;
        sortie_event(fl, fl->v[C_T], "takeover", (double)s->taken, said[s->taken]);
    }
    if (s->divert_wanted > 0)
        sortie_divert_now(s);
    if (s->k % s->every == 0 || crash) {
        double r[C_COUNT];
        as_recorded(fl->v, r);
        if (grader_sample(fl->gr, r)) {
            grader_phase ph;
            int ex = grader_exercise(fl->gr, &ph);
            if (ex >= 0)
                sortie_event(fl, r[C_T], ph == GPHASE_RUNNING ? "exercise-start" : "exercise-ready", (double)ex,
                             s->l->exercises[ex].id);
            if (ex >= 0 && ph == GPHASE_RUNNING)
                exercise_malfunctions(s, &s->l->exercises[ex], r[C_T]);
        }
        if (fl->rec && rec_write_frame(fl->rec, r, err)) {
            s->st = SAQR_EIO;
            s->done = 1;
            return -1;
        }
    }
    s->k++;
    int ex = grader_exercise(fl->gr, NULL);
    if (crash && ex >= 0 && s->ctl.crash_freeze) {
        s->ctl.crash_held = 1;
        return 0;
    }
    if (crash || ex < 0) {
        s->done = 1;
        return 1;
    }
    fly_pilot(s, ex);
    /* the controls as the pilot (or the trainee, between frames) left
     * them, with the instructor's malfunctions enforced on them */
    sortie_ctl_before_step(s);
    saqr_status st = saqr_fdm_step(fl->f);
    if (st) {
        s->st = err_set(err, st, "%s: the simulation stopped: %s", s->l->path, saqr_fdm_error(fl->f));
        s->done = 1;
        return -1;
    }
    if (!s->ctl.frozen && (st = sortie_lead_step(s, err))) {
        s->st = st;
        s->done = 1;
        return -1;
    }
    sortie_ctl_after_step(s);
    sortie_saved_after_step(s);
    return 0;
}

int sortie_end(sortie *s, grade_sheet *sheet, double *flown_s, saqr_err *err)
{
    memset(sheet, 0, sizeof *sheet);
    *flown_s = s->fl.v[C_T];
    saqr_status st = s->st;
    if (st == SAQR_OK && grader_finish(s->fl.gr, sheet))
        st = err_set(err, SAQR_ENOMEM, "out of memory");
    saqr_err cerr;
    if (s->fl.rec && rec_writer_close(s->fl.rec, &cerr) && st == SAQR_OK)
        st = err_set(err, SAQR_EIO, "%s", cerr.msg);
    s->fl.rec = NULL;
    sortie_free(s);
    return st;
}

int sortie_fly_timed(lesson *l, const sortie_opts *o, grade_sheet *sheet, double *flown_s, saqr_err *err)
{
    memset(sheet, 0, sizeof *sheet);
    *flown_s = 0.0;
    sortie *s;
    saqr_status st = sortie_begin(l, o, &s, err);
    if (st)
        return st;
    while (sortie_frame(s, err) == 0) {
    }
    return sortie_end(s, sheet, flown_s, err);
}

int sortie_regrade(lesson *l, const rec_data *rec, grade_sheet *sheet, saqr_err *err)
{
    memset(sheet, 0, sizeof *sheet);
    const char **names = calloc((size_t)rec->nch + 1, sizeof *names);
    if (!names)
        return err_set(err, SAQR_ENOMEM, "out of memory");
    for (int i = 0; i < rec->nch; i++)
        names[i] = rec->ch[i].name;
    saqr_status st = lesson_bind_recorded(l, names, rec->nch, err);
    const char *who = rec_meta_get(rec, "pilot");
    grader *g = st ? NULL : grader_create(l, names, rec->nch, who ? who : "");
    free(names);
    if (st)
        return st;
    if (!g)
        return err_set(err, SAQR_ENOMEM, "out of memory");
    /* events between two frames are seen before the later frame, as live */
    size_t e = 0;
    for (size_t k = 0; k < rec->nframes; k++) {
        const double *v = &rec->values[k * (size_t)rec->nch];
        while (e < rec->nevents && rec->events[e].t_s <= v[0]) {
            grader_event_text(g, rec->events[e].t_s, rec->events[e].kind, rec->events[e].value, rec->events[e].text);
            e++;
        }
        grader_sample(g, v);
    }
    st = grader_finish(g, sheet) ? err_set(err, SAQR_ENOMEM, "out of memory") : SAQR_OK;
    grader_destroy(g);
    return st;
}
