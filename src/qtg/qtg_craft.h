/*
 * qtg_craft.h - an aircraft under test: one saqr_fdm handle, the slots the
 * test flights use, initial conditions, trims and the small autopilots
 * that stand in for the test pilot.
 */
#ifndef SAQR_QTG_QTG_CRAFT_H
#define SAQR_QTG_QTG_CRAFT_H

#include "qtg/qtg.h"

typedef struct qtg_craft {
    saqr_fdm *f;
    const qtg_test *test;
    /* controls */
    int elevator, aileron, rudder, throttle, flaps, gear, brake_l, brake_r, steer;
    /* state */
    int vc_kts, vt_kts, mach, alt_ft, agl_ft, alpha_deg, beta_deg, theta_deg, phi_deg, psi_deg;
    int p_rps, q_rps, r_rps, nz, hdot_fps, wow, vg_fps, load_factor;
    /* initial conditions */
    int ic_h_sl_ft, ic_terrain_ft, ic_vc_kts, ic_mach, ic_gamma_deg, ic_phi_deg;
    int s_ecef[3];
    double r0_ft[3];        /* ECEF point distances are measured from      */
} qtg_craft;

/* Loads the aircraft and its initialisation file (on the runway when
 * `ground` and the plan names one), applies the test's <set>s, flaps and
 * gear.  On failure the reason is in `note`. */
saqr_status craft_open(qtg_craft *c, const char *root, const qtg_plan *p, const qtg_test *t, int ground,
                       char *note, size_t note_size);
void craft_close(qtg_craft *c);

double craft_get(const qtg_craft *c, int slot);
void craft_set(qtg_craft *c, int slot, double value);

/* Initial conditions at altitude (ft), airspeed (kt CAS, or Mach when
 * mach > 0), flight path angle and bank, then JSBSim's trim in `mode`.
 * SAQR_EINVAL when no trim exists there. */
saqr_status craft_trim_at(qtg_craft *c, double alt_ft, double vc_kt, double mach, double gamma_deg,
                          double phi_deg, saqr_trim_mode mode);

/* Initial conditions again (after ic/ writes), with the test's <set>s. */
saqr_status craft_reinit(qtg_craft *c);

/* One frame; non-zero when the simulation failed. */
int craft_step(qtg_craft *c);

/* Ground distance (ft) from the point craft_mark_origin was called. */
void craft_mark_origin(qtg_craft *c);
double craft_distance_ft(const qtg_craft *c);

/* Keeps the wings level and the nose on `psi_deg` with aileron and rudder
 * (test-pilot inputs, gentle gains). */
void craft_hold_wings_and_heading(qtg_craft *c, double psi_deg, int on_ground);
/* A pilot command in JSBSim's normalised range, clipped to [-1, 1]. */
void craft_set_norm(qtg_craft *c, int slot, double value);
/* One frame's elevator (or FBW stick) on altitude h0_ft around
 * `trim_elevator`: proportional, integral (kept in *integ), climb-rate
 * damping. */
void craft_elevator_on_altitude(qtg_craft *c, double trim_elevator, double h0_ft, double *integ);
/* Elevator (or FBW stick) to hold pitch attitude `theta_deg`. */
void craft_hold_pitch(qtg_craft *c, double theta_deg, double trim_elevator);
/* The same with another gain (elevator per degree of pitch error; the
 * rate term scales with it). */
void craft_hold_pitch_gain(qtg_craft *c, double theta_deg, double trim_elevator, double gain_per_deg);

#endif
