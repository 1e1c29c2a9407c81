/*
 * qtg_craft.c - an aircraft under test (see qtg_craft.h): loading, initial
 * conditions, trims, and the test pilot's simple autopilots.
 *
 * The autopilots are proportional-derivative laws on the pilot's controls
 * (JSBSim's normalised commands), with gentle gains so they suit a light
 * single and a fly-by-wire fighter alike; a test measures the aircraft,
 * and the pilot only keeps it on the test's path.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "qtg/qtg_craft.h"

static int slot(const qtg_craft *c, const char *name)
{
    return saqr_fdm_property(c->f, name);
}

double craft_get(const qtg_craft *c, int s)
{
    return s >= 0 ? saqr_fdm_get(c->f, s) : NAN;
}

void craft_set(qtg_craft *c, int s, double value)
{
    if (s >= 0)
        (void)saqr_fdm_set(c->f, s, value);
}

static double clampd(double x, double lo, double hi)
{
    return x < lo ? lo : (x > hi ? hi : x);
}

static void find_slots(qtg_craft *c)
{
    c->elevator = slot(c, "fcs/elevator-cmd-norm");
    c->aileron = slot(c, "fcs/aileron-cmd-norm");
    c->rudder = slot(c, "fcs/rudder-cmd-norm");
    c->throttle = slot(c, "fcs/throttle-cmd-norm");
    c->flaps = slot(c, "fcs/flap-cmd-norm");
    c->gear = slot(c, "gear/gear-cmd-norm");
    c->brake_l = slot(c, "fcs/left-brake-cmd-norm");
    c->brake_r = slot(c, "fcs/right-brake-cmd-norm");
    c->steer = slot(c, "fcs/steer-cmd-norm");
    c->vc_kts = slot(c, "velocities/vc-kts");
    c->vt_kts = slot(c, "velocities/vtrue-kts");
    c->mach = slot(c, "velocities/mach");
    c->alt_ft = slot(c, "position/h-sl-ft");
    c->agl_ft = slot(c, "position/h-agl-ft");
    c->alpha_deg = slot(c, "aero/alpha-deg");
    c->beta_deg = slot(c, "aero/beta-deg");
    c->theta_deg = slot(c, "attitude/theta-deg");
    c->phi_deg = slot(c, "attitude/phi-deg");
    c->psi_deg = slot(c, "attitude/psi-deg");
    c->p_rps = slot(c, "velocities/p-rad_sec");
    c->q_rps = slot(c, "velocities/q-rad_sec");
    c->r_rps = slot(c, "velocities/r-rad_sec");
    c->nz = slot(c, "accelerations/n-pilot-z-norm");
    c->hdot_fps = slot(c, "velocities/h-dot-fps");
    c->wow = slot(c, "gear/wow");
    c->vg_fps = slot(c, "velocities/vg-fps");
    c->load_factor = slot(c, "forces/load-factor");
    c->ic_h_sl_ft = slot(c, "ic/h-sl-ft");
    c->ic_terrain_ft = slot(c, "ic/terrain-elevation-ft");
    c->ic_vc_kts = slot(c, "ic/vc-kts");
    c->ic_mach = slot(c, "ic/mach");
    c->ic_gamma_deg = slot(c, "ic/gamma-deg");
    c->ic_phi_deg = slot(c, "ic/phi-deg");
    c->s_ecef[0] = slot(c, "position/ecef-x-ft");
    c->s_ecef[1] = slot(c, "position/ecef-y-ft");
    c->s_ecef[2] = slot(c, "position/ecef-z-ft");
}

/* The test's <set>s again once initialised: action properties
 * (propulsion/set-running) act only on an initialised aircraft, and every
 * initialisation resets the engines. */
static void reapply_sets(qtg_craft *c)
{
    const qtg_test *t = c->test;
    for (int i = 0; i < t->nset; i++)
        (void)saqr_fdm_set(c->f, slot(c, t->set[i].name), t->set[i].value);
    /* JSBSim's initialisation zeroes the flap command, as it does the
     * other pilot commands */
    if (!isnan(t->flaps))
        craft_set(c, c->flaps, t->flaps);
    if (!isnan(t->gear))
        craft_set(c, c->gear, t->gear);
}

saqr_status craft_open(qtg_craft *c, const char *root, const qtg_plan *p, const qtg_test *t, int ground,
                       char *note, size_t note_size)
{
    memset(c, 0, sizeof *c);
    c->test = t;
    c->f = saqr_fdm_create(NULL);
    if (!c->f) {
        snprintf(note, note_size, "out of memory");
        return SAQR_ENOMEM;
    }
    const char *ic = ground && p->ground_initfile[0] ? p->ground_initfile : p->initfile;
    saqr_status st = saqr_fdm_load_aircraft(c->f, root, p->aircraft);
    if (st == SAQR_OK)
        st = saqr_fdm_load_initfile(c->f, ic);
    if (st != SAQR_OK) {
        snprintf(note, note_size, "%s", saqr_fdm_error(c->f));
        craft_close(c);
        return st;
    }
    find_slots(c);
    for (int i = 0; i < t->nset; i++) {
        int s = slot(c, t->set[i].name);
        if (s < 0 || saqr_fdm_set(c->f, s, t->set[i].value) != SAQR_OK) {
            snprintf(note, note_size, "%s: cannot set %s", t->where, t->set[i].name);
            craft_close(c);
            return SAQR_EINVAL;
        }
    }
    if (!isnan(t->flaps))
        craft_set(c, c->flaps, t->flaps);
    if (!isnan(t->gear))
        craft_set(c, c->gear, t->gear);
    if ((st = saqr_fdm_init(c->f)) != SAQR_OK) {
        snprintf(note, note_size, "%s", saqr_fdm_error(c->f));
        craft_close(c);
        return st;
    }
    reapply_sets(c);
    return SAQR_OK;
}

void craft_close(qtg_craft *c)
{
    saqr_fdm_destroy(c->f);
    c->f = NULL;
}

saqr_status craft_trim_at(qtg_craft *c, double alt_ft, double vc_kt, double mach, double gamma_deg,
                          double phi_deg, saqr_trim_mode mode)
{
    /* JSBSim's ic/ setters act at once, each keeping the others' last
     * written kind of value: altitude first, then the speed */
    /* the terrain well below, so "sea level" is flight at sea-level air */
    craft_set(c, c->ic_terrain_ft, fmin(0.0, alt_ft - 5000.0));
    craft_set(c, c->ic_h_sl_ft, alt_ft);
    if (mach > 0.0)
        craft_set(c, c->ic_mach, mach);
    else
        craft_set(c, c->ic_vc_kts, vc_kt);
    craft_set(c, c->ic_gamma_deg, gamma_deg);
    craft_set(c, c->ic_phi_deg, phi_deg);
    if (saqr_fdm_init(c->f) != SAQR_OK)
        return SAQR_EINVAL;
    reapply_sets(c);
    return saqr_fdm_trim(c->f, mode);
}

saqr_status craft_reinit(qtg_craft *c)
{
    saqr_status st = saqr_fdm_init(c->f);
    if (st == SAQR_OK)
        reapply_sets(c);
    return st;
}

int craft_step(qtg_craft *c)
{
    return saqr_fdm_step(c->f) != SAQR_OK;
}

void craft_mark_origin(qtg_craft *c)
{
    for (int k = 0; k < 3; k++)
        c->r0_ft[k] = craft_get(c, c->s_ecef[k]);
}

double craft_distance_ft(const qtg_craft *c)
{
    /* the chord: within millimetres of the arc over a runway */
    double d2 = 0.0;
    for (int k = 0; k < 3; k++) {
        double d = craft_get(c, c->s_ecef[k]) - c->r0_ft[k];
        d2 += d * d;
    }
    return sqrt(d2);
}

/* Heading error in (-180, 180]. */
static double heading_error_deg(double target, double psi)
{
    double e = fmod(target - psi, 360.0);
    if (e > 180.0)
        e -= 360.0;
    if (e <= -180.0)
        e += 360.0;
    return e;
}

void craft_hold_wings_and_heading(qtg_craft *c, double psi_deg, int on_ground)
{
    double psi_err = heading_error_deg(psi_deg, craft_get(c, c->psi_deg));
    double r = craft_get(c, c->r_rps), p = craft_get(c, c->p_rps);
    if (on_ground) {
        /* rudder and nose-wheel steering keep the runway heading; JSBSim's
         * positive rudder command (and the steering that follows it) turns
         * the nose left */
        double cmd = clampd(-0.1 * psi_err + 1.5 * r, -1.0, 1.0);
        craft_set(c, c->rudder, cmd);
        craft_set(c, c->steer, cmd);
        craft_set(c, c->aileron, 0.0);
        return;
    }
    /* bank towards the heading, at most 10 degrees, and hold it */
    double phi_cmd = clampd(1.0 * psi_err, -10.0, 10.0);
    double phi_err = phi_cmd - craft_get(c, c->phi_deg);
    craft_set(c, c->aileron, clampd(0.03 * phi_err - 0.3 * p, -1.0, 1.0));
    craft_set(c, c->rudder, 0.0);
}

void craft_set_norm(qtg_craft *c, int slot, double value)
{
    craft_set(c, slot, clampd(value, -1.0, 1.0));
}

void craft_elevator_on_altitude(qtg_craft *c, double trim_elevator, double h0_ft, double *integ)
{
    double e = h0_ft - craft_get(c, c->alt_ft);
    *integ += e * saqr_fdm_dt(c->f);
    /* nose up is a negative elevator command */
    craft_set_norm(c, c->elevator, trim_elevator - (0.0006 * e + 0.00003 * *integ) + 0.004 * craft_get(c, c->hdot_fps));
}

void craft_hold_pitch_gain(qtg_craft *c, double theta_deg, double trim_elevator, double gain_per_deg)
{
    double e = theta_deg - craft_get(c, c->theta_deg);
    double q = craft_get(c, c->q_rps) * 57.29577951308232;
    /* nose up is a negative elevator command (JSBSim's convention) */
    craft_set(c, c->elevator, clampd(trim_elevator - gain_per_deg * e + 0.4 * gain_per_deg * q, -1.0, 1.0));
}

void craft_hold_pitch(qtg_craft *c, double theta_deg, double trim_elevator)
{
    craft_hold_pitch_gain(c, theta_deg, trim_elevator, 0.05);
}
