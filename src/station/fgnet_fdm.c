/*
 * fgnet_fdm.c - the FlightGear packet filled from a running saqr_fdm
 * through the public property API: every JSBSim property the packet
 * needs is looked up once (fgnet_bind), then read by slot each frame
 * (fgnet_from_fdm) with the unit conversions FlightGear expects.
 *
 * Which property feeds which field, and in which unit, follows what
 * FlightGear's own JSBSim link publishes and what its native FDM output
 * sends (FlightGear src/FDM/JSBSim/JSBSim.cxx, src/Network/native_fdm.cxx):
 * position in radians and metres, attitude and rates in radians, speeds
 * in ft/s except the calibrated airspeed in knots, engine figures in
 * rev/min, US gal/h, degF, inHg and psi, gear compression in feet (as
 * FlightGear's JSBSim link does).  The slip-skid ball deflection is
 * worked out from the pilot's lateral and normal accelerations with the
 * scaling of FlightGear's own ball instrument (Instrumentation/
 * slip_skid_ball.cxx), since FlightGear shows what it is sent.
 * JSBSim publishes no fuel pressure, turbine inlet temperature or
 * per-wheel steering: those fields are sent as 0.
 */
#include "station/fgnet.h"

#include <stdio.h>
#include <string.h>

#include "math/units.h"

/* A property's value, or `dflt` when the aircraft has no such property. */
static double get_or(const saqr_fdm *f, int slot, double dflt)
{
    return slot >= 0 ? saqr_fdm_get(f, slot) : dflt;
}

/* ============================================================== tables */

/* A float field filled from one property: field = value * scale. */
typedef struct scalar_src {
    const char *property; /* JSBSim name                              */
    double scale;         /* to the packet's unit                     */
    double dflt;          /* sent (packet unit) when it does not exist */
    int required;         /* bind fails without it                    */
    size_t offset;        /* offsetof the float in fgnet_packet       */
} scalar_src;

#define F(field) offsetof(fgnet_packet, field)

static const scalar_src SCALARS[] = {
    /* agl < -9000 asks FlightGear to compute it from its scenery */
    {"position/h-agl-ft", M_PER_FT, -9999.0, 0, F(agl_m)},
    {"attitude/phi-rad", 1.0, 0.0, 1, F(phi_rad)},
    {"attitude/theta-rad", 1.0, 0.0, 1, F(theta_rad)},
    {"attitude/psi-rad", 1.0, 0.0, 1, F(psi_rad)},
    {"aero/alpha-rad", 1.0, 0.0, 0, F(alpha_rad)},
    {"aero/beta-rad", 1.0, 0.0, 0, F(beta_rad)},
    {"velocities/phidot-rad_sec", 1.0, 0.0, 0, F(phidot_radps)},
    {"velocities/thetadot-rad_sec", 1.0, 0.0, 0, F(thetadot_radps)},
    {"velocities/psidot-rad_sec", 1.0, 0.0, 0, F(psidot_radps)},
    {"velocities/vc-kts", 1.0, 0.0, 0, F(vcas_kt)},
    {"velocities/h-dot-fps", 1.0, 0.0, 0, F(climb_rate_fps)},
    {"velocities/v-north-fps", 1.0, 0.0, 0, F(v_north_fps)},
    {"velocities/v-east-fps", 1.0, 0.0, 0, F(v_east_fps)},
    {"velocities/v-down-fps", 1.0, 0.0, 0, F(v_down_fps)},
    {"velocities/u-aero-fps", 1.0, 0.0, 0, F(v_body_u_fps)},
    {"velocities/v-aero-fps", 1.0, 0.0, 0, F(v_body_v_fps)},
    {"velocities/w-aero-fps", 1.0, 0.0, 0, F(v_body_w_fps)},
    {"accelerations/a-pilot-x-ft_sec2", 1.0, 0.0, 0, F(a_x_pilot_fps2)},
    {"accelerations/a-pilot-y-ft_sec2", 1.0, 0.0, 0, F(a_y_pilot_fps2)},
    {"accelerations/a-pilot-z-ft_sec2", 1.0, 0.0, 0, F(a_z_pilot_fps2)},
    {"systems/stall-warn-norm", 1.0, 0.0, 0, F(stall_warning)}, /* aircraft's own system */
    {"fcs/elevator-pos-norm", 1.0, 0.0, 0, F(elevator_norm)},
    {"fcs/pitch-trim-cmd-norm", 1.0, 0.0, 0, F(elevator_trim_tab_norm)},
    {"fcs/flap-pos-norm", 1.0, 0.0, 0, F(left_flap_norm)},
    {"fcs/flap-pos-norm", 1.0, 0.0, 0, F(right_flap_norm)},
    {"fcs/left-aileron-pos-norm", 1.0, 0.0, 0, F(left_aileron_norm)},
    {"fcs/right-aileron-pos-norm", 1.0, 0.0, 0, F(right_aileron_norm)},
    {"fcs/rudder-pos-norm", 1.0, 0.0, 0, F(rudder_norm)},
    {"fcs/steer-cmd-norm", 1.0, 0.0, 0, F(nose_wheel_norm)}, /* no normalised steer position */
    {"fcs/speedbrake-pos-norm", 1.0, 0.0, 0, F(speedbrake_norm)},
    {"fcs/spoiler-pos-norm", 1.0, 0.0, 0, F(spoilers_norm)},
};
_Static_assert(sizeof SCALARS / sizeof SCALARS[0] == FGNET_BIND_SCALARS, "FGNET_BIND_SCALARS out of date");

/* A per-engine float array filled from propulsion/engine[i]/<suffix>. */
typedef struct engine_src {
    const char *suffix;   /* property after "propulsion/engine[i]/"  */
    size_t offset;        /* offsetof the float[4] in fgnet_packet    */
} engine_src;

static const engine_src ENGINE[] = {
    {"engine-rpm", F(rpm)},
    {"fuel-flow-rate-gph", F(fuel_flow_gph)},
    {"egt-degF", F(egt_degf)},
    {"cht-degF", F(cht_degf)},
    {"map-inhg", F(mp_osi)},
    {"oil-temperature-degF", F(oil_temp_degf)},
    {"oil-pressure-psi", F(oil_px_psi)},
};
_Static_assert(sizeof ENGINE / sizeof ENGINE[0] == FGNET_BIND_ENGINE_FIELDS, "FGNET_BIND_ENGINE_FIELDS out of date");

#undef F

static float *field_at(fgnet_packet *pkt, size_t offset)
{
    return (float *)(void *)((char *)pkt + offset);
}

/* =============================================================== binding */

/* Slot of "<prefix>[i]/<suffix>", or -1. */
static int indexed(const saqr_fdm *f, const char *prefix, int i, const char *suffix)
{
    char name[128];
    snprintf(name, sizeof name, "%s[%d]/%s", prefix, i, suffix);
    return saqr_fdm_property(f, name);
}

/* Units 0, 1, ... for as long as "<prefix>[i]/<suffix>" exists, at most
 * `max`: their slots go to slots[], the count is returned. */
static int find_units(const saqr_fdm *f, const char *prefix, const char *suffix, int max, int *slots)
{
    int n = 0;
    while (n < max && (slots[n] = indexed(f, prefix, n, suffix)) >= 0)
        n++;
    return n;
}

/* Slots of "<prefix>[i]/<suffix>" for units 0 .. n-1 (-1 where missing). */
static void unit_slots(const saqr_fdm *f, const char *prefix, const char *suffix, int n, int *slots)
{
    for (int i = 0; i < n; i++)
        slots[i] = indexed(f, prefix, i, suffix);
}

static saqr_status required(const saqr_fdm *f, const char *name, int *slot, saqr_err *err)
{
    *slot = saqr_fdm_property(f, name);
    if (*slot < 0)
        return err_set(err, SAQR_ENOTFOUND, "FlightGear link: the aircraft has no property %s (nothing loaded?)",
                       name);
    return SAQR_OK;
}

saqr_status fgnet_bind(fgnet_binding *b, const saqr_fdm *f, saqr_err *err)
{
    if (!b || !f)
        return err_set(err, SAQR_EINVAL, "fgnet_bind: no binding or no fdm");
    memset(b, 0xff, sizeof *b); /* every slot -1 until found */
    saqr_status st;
    if ((st = required(f, "position/lat-geod-rad", &b->lat_rad, err)) != SAQR_OK ||
        (st = required(f, "position/long-gc-rad", &b->lon_rad, err)) != SAQR_OK ||
        (st = required(f, "position/geod-alt-ft", &b->alt_ft, err)) != SAQR_OK)
        return st;
    for (int k = 0; k < FGNET_BIND_SCALARS; k++) {
        if (SCALARS[k].required) {
            if ((st = required(f, SCALARS[k].property, &b->scalar[k], err)) != SAQR_OK)
                return st;
        } else {
            b->scalar[k] = saqr_fdm_property(f, SCALARS[k].property);
        }
    }
    /* every JSBSim engine type publishes set-running */
    b->num_engines = find_units(f, "propulsion/engine", "set-running", FGNET_MAX_ENGINES, b->engine_running);
    unit_slots(f, "propulsion/engine", "starter-norm", b->num_engines, b->engine_starter);
    for (int i = 0; i < b->num_engines; i++)
        for (int k = 0; k < FGNET_BIND_ENGINE_FIELDS; k++)
            b->engine[i][k] = indexed(f, "propulsion/engine", i, ENGINE[k].suffix);
    b->num_tanks = find_units(f, "propulsion/tank", "contents-lbs", FGNET_MAX_TANKS, b->tank_lbs);
    unit_slots(f, "propulsion/tank", "density-lbs_per_gal", b->num_tanks, b->tank_density);
    b->num_wheels = find_units(f, "gear/unit", "WOW", FGNET_MAX_WHEELS, b->wow);
    unit_slots(f, "gear/unit", "compression-ft", b->num_wheels, b->compression_ft);
    b->gear_pos = saqr_fdm_property(f, "gear/gear-pos-norm");
    return SAQR_OK;
}

/* ================================================================= filling */

static void fill_engines(const fgnet_binding *b, const saqr_fdm *f, fgnet_packet *pkt)
{
    pkt->num_engines = (uint32_t)b->num_engines;
    for (int i = 0; i < FGNET_MAX_ENGINES; i++) {
        int on = i < b->num_engines;
        uint32_t state = FGNET_ENGINE_OFF;
        if (on && get_or(f, b->engine_running[i], 0.0) >= 0.5)
            state = FGNET_ENGINE_RUNNING;
        else if (on && get_or(f, b->engine_starter[i], 0.0) >= 0.5)
            state = FGNET_ENGINE_CRANKING;
        pkt->eng_state[i] = state;
        for (int k = 0; k < FGNET_BIND_ENGINE_FIELDS; k++)
            field_at(pkt, ENGINE[k].offset)[i] = on ? fgnet_f32(get_or(f, b->engine[i][k], 0.0)) : 0.0f;
        pkt->fuel_px_psi[i] = 0.0f;
        pkt->tit_degf[i] = 0.0f;
    }
}

static void fill_tanks_and_gear(const fgnet_binding *b, const saqr_fdm *f, fgnet_packet *pkt)
{
    pkt->num_tanks = (uint32_t)b->num_tanks;
    for (int i = 0; i < FGNET_MAX_TANKS; i++) {
        double gal = 0.0;
        if (i < b->num_tanks) {
            double density = get_or(f, b->tank_density[i], 0.0);
            gal = density > 0.0 ? get_or(f, b->tank_lbs[i], 0.0) / density : 0.0;
        }
        pkt->fuel_quantity_gal[i] = fgnet_f32(gal);
    }
    /* fixed gear has no gear/gear-pos-norm worth the name: down */
    float gear_pos = fgnet_f32(get_or(f, b->gear_pos, 1.0));
    pkt->num_wheels = (uint32_t)b->num_wheels;
    for (int i = 0; i < FGNET_MAX_WHEELS; i++) {
        int on = i < b->num_wheels;
        pkt->wow[i] = on && saqr_fdm_get(f, b->wow[i]) >= 0.5 ? 1u : 0u;
        pkt->gear_pos_norm[i] = on ? gear_pos : 0.0f;
        pkt->gear_steer_norm[i] = 0.0f;
        pkt->gear_compression[i] = on ? fgnet_f32(get_or(f, b->compression_ft[i], 0.0)) : 0.0f;
    }
}

void fgnet_from_fdm(const fgnet_binding *b, const saqr_fdm *f, fgnet_packet *pkt)
{
    pkt->latitude_rad = saqr_fdm_get(f, b->lat_rad);
    pkt->longitude_rad = saqr_fdm_get(f, b->lon_rad);
    pkt->altitude_m = saqr_fdm_get(f, b->alt_ft) * M_PER_FT;
    for (int k = 0; k < FGNET_BIND_SCALARS; k++) {
        int slot = b->scalar[k];
        double v = slot >= 0 ? saqr_fdm_get(f, slot) * SCALARS[k].scale : SCALARS[k].dflt;
        *field_at(pkt, SCALARS[k].offset) = fgnet_f32(v);
    }
    /* the ball: lateral over normal acceleration (at least 1 ft/s^2), x10 */
    double down = -(double)pkt->a_z_pilot_fps2;
    if (!(down >= 1.0))
        down = 1.0;
    pkt->slip_deg = fgnet_f32((double)pkt->a_y_pilot_fps2 / down * 10.0);
    fill_engines(b, f, pkt);
    fill_tanks_and_gear(b, f, pkt);
}
