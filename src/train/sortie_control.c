/*
 * sortie_control.c - what an instructor does to a sortie in progress (see
 * sortie_control.h): malfunctions, weather, the instruments as the
 * trainee sees them, and the running grade; reposition and position
 * freeze are in sortie_reposition.c (described here with the rest).
 *
 * Malfunctions are enforced on the controls every frame, after the pilot
 * (the reference pilot, or the trainee's controls set between frames) and
 * just before the aircraft steps (sortie_ctl_before_step):
 *   engine failure   fuel cut: throttle 0 and mixture 0 (piston), and
 *                    propulsion/cutoff_cmd for a turbine, whose phase then
 *                    goes to off (no thrust; N1/N2 wind down to their
 *                    windmilling speeds).  Cleared: the mixture returns to
 *                    where it was and the cutoff opens (a turbine relights
 *                    from windmilling as JSBSim's does, above 15% N2 with
 *                    some dynamic pressure; a piston fires again once it
 *                    turns).
 *   partial power    the throttle command is capped.  Turbine: at 0.70,
 *                    since the turbine model's thrust is idle + (military
 *                    - idle) N2norm^2 with N2norm following the throttle,
 *                    0.70 gives 0.70^2 = 49% of the idle-to-military span
 *                    and no afterburner (0.70 of the dry range: the lever
 *                    at 0.70 of its way to the military detent, 0.56 on
 *                    the JF-17's, fdm/throttle_detent.h).
 *                    Piston: at 0.75, chosen on the Super Mushak's IO-540
 *                    model (JSBSim's intake impedance model, manifold
 *                    pressure falling as (1 - throttle)^2 grows): at 3,000
 *                    ft and 2,700 rpm it gives 120 hp where full throttle
 *                    gives 236 (rated 260): about half.
 *   pitot blocked    pitot and drain blocked: the total pressure is trapped
 *                    at its value at blockage, so the indicator reads the
 *                    trapped total pressure less the present static
 *                    pressure as an impact pressure: it reads as an
 *                    altimeter (climbing raises it).  Calibrated airspeed
 *                    from impact pressure qc with the subsonic formula
 *                    Vc = a0 sqrt(5 ((qc/p0 + 1)^(2/7) - 1)) (Rayleigh's
 *                    above Mach 1), a0 and p0 the standard sea-level
 *                    speed of sound and pressure: src/atmos/pitot.h, after
 *                    AFFTC-TIH-99-01, "Air Data Handbook", eqs. 4.12 and
 *                    4.17, and NASA RP-1046 (Gracey, "Measurement of
 *                    Aircraft Speed and Altitude", 1980).  A negative
 *                    impact pressure reads 0.
 *   attitude failure the gyro's pitch and roll freeze at their values at
 *                    failure, then drift at a fixed rate: roll 3 deg/min
 *                    right, pitch 1.5 deg/min nose down (deterministic).
 *   flap failure     the flap command is held at the flap position at
 *                    failure (fcs/flap-pos-norm; on both aircraft the
 *                    position in 0..1 is the command that holds it).  The
 *                    JF-17's flight control system may still blow its
 *                    trailing-edge flaps back with speed.
 *   brake failure    the wheel-brake commands are held at 0.
 *   pitot heat       the pitot heater fails.  In icing conditions (below
 *   failure          0 C, above -20 C) the unheated pitot ices over 20
 *                    times faster than the airframe (a small cold probe
 *                    in the airflow: blocked in 3 min light, 45 s
 *                    moderate, 12 s severe; estimates), and once blocked
 *                    it traps its total pressure as pitot-blocked does
 *                    (the indicator reads as an altimeter; ice closes
 *                    the drain too).  The ice melts in 60 s above 0 C,
 *                    and in 30 s once the heater is restored (the
 *                    malfunction cleared); the airspeed is true again
 *                    when it has gone.  Events "pitot-iced" and
 *                    "pitot-clear" mark both.
 *   gear failure     the landing gear's command is held at the gear's
 *                    position at failure (gear/gear-pos-norm): up stays
 *                    up, down stays down, a gear in transit stops where
 *                    it is (and a unit not fully extended carries no
 *                    load: a wheels-up landing).  Refused on a fixed gear.
 *   fuel leak        the tank holding the most fuel at failure loses 1%
 *                    of the aircraft's whole fuel capacity a minute
 *                    (Super Mushak 3.0 lb/min, about twice the 94 lb/h
 *                    it burns in straight and level flight; JF-17 51
 *                    lb/min) until it is dry: the gauge falls faster
 *                    than the flow meter says, and a wing tank's loss
 *                    unbalances the aircraft laterally.
 *   reheat failure   the afterburner does not light, or goes out if lit
 *                    (fcs/afterburner-inhibit held at 1: the lever past
 *                    the military detent gives military power; aircraft/
 *                    jf17/Systems/throttle.xml).  The take-off case: the
 *                    thrust 40% short of the afterburning take-off's, and
 *                    the trainee must see it on the A/B gauge and decide.
 *                    Refused on an aircraft without an afterburner.
 *   FCS degraded     the fly-by-wire's control laws (the JF-17's g / AoA
 *                    command with its limiters, roll-rate command, turn
 *                    coordination) fail to its direct law: the stick and
 *                    trim move the surfaces, the rate dampers kept
 *                    (fcs/fbw-direct held at 1; aircraft/jf17/jf17.xml).
 *                    The pilot must trim, and nothing stops an over-g or
 *                    a stall.  A generic fly-by-wire fighter's
 *                    reversionary mode: the JF-17's own is not public.
 *                    Refused on an aircraft without fly-by-wire.
 *   static blocked   the static ports are blocked (ice, tape left on
 *                    after washing): the static pressure is trapped at
 *                    its value at blockage.  The altimeter reads that
 *                    pressure and stays where it was; the vertical speed
 *                    indicator, which senses the static pressure's
 *                    change, reads zero; the airspeed indicator reads the
 *                    live total pressure less the trapped static, so in
 *                    a climb (the outside pressure falling below the
 *                    trapped one) it under-reads and in a descent it
 *                    over-reads; the Machmeter follows the same two
 *                    pressures (FAA-H-8083-15B, Instrument Flying
 *                    Handbook, ch. 5, "Blockage of the Pitot-Static
 *                    System").  With the pitot blocked too, both
 *                    pressures are trapped and the airspeed stays put.
 *
 * Weather:
 *   wind             atmosphere/wind-north-fps and -east-fps (the steady
 *                    wind; a wind from `from` deg blows towards from+180).
 *   gusts            one-minus-cosine gusts (JSBSim's cosine-gust) along
 *                    the mean wind, one at a time, each of gust_kt times
 *                    0.5..1, rising over 1..3 s, holding 0..2 s, falling
 *                    over 1..3 s, 2..10 s apart; the sizes and intervals
 *                    come from a seeded generator in the sortie, so the
 *                    same sortie gets the same gusts.
 *   turbulence       the Dryden model through JSBSim's milspec settings:
 *                    MIL-F-8785C probabilities of exceedance 1e-2 (light),
 *                    1e-3 (moderate), 1e-5 (severe), the standard wind at
 *                    20 ft for that level (15, 30, 45 kt).
 *   temperature      atmosphere/delta-T, so that the sea-level temperature
 *                    is the one given (the whole profile shifts with it).
 *   QNH              the field's pressure reduced to sea level through the
 *                    standard atmosphere (ICAO's QNH): the pressure at the
 *                    lesson's runway is QNH (1 - L h / T0)^(g0 / R L), and
 *                    atmosphere/P-sl-psf is set so that the model's
 *                    atmosphere (with its temperature bias) has that
 *                    pressure there.  The altimeter is set to QNH and
 *                    reads the pressure altitude of the static pressure
 *                    over that setting,
 *                        h = (T0 / L) (1 - (p / QNH)^(R L / g0)),
 *                    (U.S. Standard Atmosphere 1976, troposphere): at the
 *                    field it reads the field's elevation whatever the
 *                    temperature; above it, a cold day over-reads and a
 *                    warm day under-reads, as real altimeters do.
 *   icing            airframe ice, environment/icing/ice-norm (0 clean, 1
 *                    the aircraft's design ice; the aircraft's files say
 *                    what it does: Super Mushak README, "Icing").  In
 *                    icing conditions it grows while the outside air is
 *                    between -20 C and 0 C (supercooled water; colder,
 *                    the cloud is ice crystals that do not stick), from
 *                    clean to the design ice in 60 min (light), 15 min
 *                    (moderate) or 4 min (severe) - estimates keyed to
 *                    the AIM's definitions (7-1-19: light is a problem
 *                    only over an hour, moderate hazardous even on short
 *                    encounters, severe beyond the ice protection) - and
 *                    sheds in 5 min above 0 C, icing or not, so that a
 *                    descent to warmer air clears it.
 *   rain             a wet runway: ground/static-friction-factor each
 *                    frame is the wet maximum tyre-to-ground braking
 *                    coefficient of 14 CFR 25.109(c)(1) (tyres up to
 *                    50 psi), mu = -0.0350 x^3 + 0.306 x^2 - 0.851 x +
 *                    0.883 with x = ground speed / 100 kt, over the
 *                    wheels' dry static friction (1 at most): 1 at a
 *                    walking pace, 0.91 at 20 kt, 0.59 at 60 kt, 0.38 at
 *                    100 kt (over the Super Mushak's 0.8).  It
 *                    scales the braking and the side friction.  (The
 *                    JF-17's high-pressure tyres would lose more; the
 *                    same curve is used.)
 *
 * Reposition: the aircraft's present state is taken as the initial
 * conditions (saqr_fdm_capture_ic), the new place set on top with the
 * velocity as north-east-down components over the ground (the air
 * velocity wanted plus the steady wind: the initial conditions keep those
 * through the trim's attitude changes), the aircraft placed without the
 * sim time going back (saqr_fdm_reposition), the true airspeed corrected
 * until the calibrated airspeed measured in the day's air is the one
 * asked for, and trimmed (ground trim on the runway; full, else
 * longitudinal, in the air).  A fly-by-wire aircraft (fcs/fbw-direct) is
 * trimmed on its direct law, and its control law's integrators then start
 * from zero, as at a lesson's start.  When the trim fails the old state
 * is placed back and the controls restored.
 *
 * Position freeze: after each step the aircraft is moved back to where
 * it was frozen (saqr_fdm_move_to), keeping its attitude, velocity and
 * rates, so it flies on the spot.
 */
#include "train/sortie_control.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "atmos/pitot.h"
#include "fdm/throttle_detent.h"
#include "math/units.h"
#include "train/sortie_ctl_util.h"
#include "math/trig.h"

/* ------------------------------------------------------------ constants */

#define THROTTLE_CAP_TURBINE 0.70
#define THROTTLE_CAP_PISTON 0.75
#define DRIFT_ROLL_DPS (3.0 / 60.0)    /* attitude failure: right roll     */
#define DRIFT_PITCH_DPS (-1.5 / 60.0)  /* ... and nose down                */
#define GUST_SEED 0x47555354u          /* "GUST"                            */
/* The sky a lesson without <sky> flies in: a clear day, noon */
#define SKY_DEFAULT_VISIBILITY_M 30000.0
#define SKY_DEFAULT_CLOUD_BASE_FT 3000.0
#define SKY_DEFAULT_TIME_OF_DAY 2.0
#define RELIGHT_N2_PCT 20.0            /* turbine air start: fuel on above  */

/* Standard sea level and troposphere (U.S. Standard Atmosphere 1976):
 * T0 288.15 K, lapse 6.5 K/km, g0 9.80665 m/s^2, R* / M0 for air; the
 * reference pressure of calibrated airspeed is JSBSim's standard day
 * (2116.228 psf) as the flight library uses it. */
#define STD_T0_K 288.15
#define STD_LAPSE_KPM 0.0065
#define STD_G0 9.80665
#define STD_R_AIR (8314.32 / 28.9645)
#define STD_P0_PSF 2116.228
#define STD_A0_MPS 340.29352035335023
#define STD_P0_HPA 1013.25
#define EARTH_R_GP_M 6356766.0         /* geopotential altitude radius      */
/* Pressures go to hPa with JSBSim's standard day as 1013.25 hPa (its
 * 2116.228 psf are 5 ppm more): a standard day reads QNH 1013.25. */
#define HPA_PER_PSF (STD_P0_HPA / STD_P0_PSF)
#define R_PER_K 1.8

/* Icing: seconds from clean to the design ice, by intensity (estimates,
 * see the header), and to shed it above freezing. */
static const double ice_full_s[4] = {0.0, 3600.0, 900.0, 240.0};
#define ICE_SHED_S 300.0
#define ICE_COLDEST_C (-20.0)
/* The unheated pitot (pitot heat failure): ices this many times faster
 * than the airframe; melts in these many seconds. */
#define PITOT_ICE_FACTOR 20.0
#define PITOT_MELT_HEATED_S 30.0
#define PITOT_MELT_WARM_S 60.0

static const char *const malfunction_names[MALF_COUNT] = {
    "engine-failure", "partial-power", "pitot-blocked", "attitude-failure", "flap-failure", "brake-failure",
    "pitot-heat-failure", "static-blocked", "gear-failure", "fuel-leak", "reheat-failure", "fcs-degraded",
};

/* Fuel leak: the share of the aircraft's whole fuel capacity lost a
 * minute. */
#define FUEL_LEAK_PER_MIN 0.01

/* Geopotential altitude (m) of a geometric one (ft). */
static double geopotential_m(double alt_ft)
{
    double h = alt_ft * M_PER_FT;
    return h * EARTH_R_GP_M / (EARTH_R_GP_M + h);
}

/* Pressure at geometric altitude alt_ft over the sea-level pressure, in
 * the troposphere with every temperature shifted by bias_k: the flight
 * library's (JSBSim's) atmosphere. */
static double pressure_ratio(double alt_ft, double bias_k)
{
    double t0 = STD_T0_K + bias_k;
    return pow(t0 / (t0 - STD_LAPSE_KPM * geopotential_m(alt_ft)), -STD_G0 / (STD_R_AIR * STD_LAPSE_KPM));
}

double sortie_altimeter_ft(double p_static_hpa, double setting_hpa)
{
    if (!(p_static_hpa > 0.0) || !(setting_hpa > 0.0))
        return NAN;
    double h_m = STD_T0_K / STD_LAPSE_KPM *
                 (1.0 - pow(p_static_hpa / setting_hpa, STD_R_AIR * STD_LAPSE_KPM / STD_G0));
    return h_m / M_PER_FT;
}

double sortie_airspeed_from_impact_kt(double qc_psf)
{
    if (!(qc_psf > 0.0))
        return 0.0;
    return STD_A0_MPS * pitot_mach_from_impact_pressure(qc_psf, STD_P0_PSF) / MPS_PER_KT;
}

/* ------------------------------------------------------------ set-up */

void sortie_ctl_init(sortie *s)
{
    sortie_ctl *c = &s->ctl;
    memset(c, 0, sizeof *c);
    c->s_time = prop(s, "simulation/sim-time-sec");
    c->s_p_psf = prop(s, "atmosphere/P-psf");
    c->s_p_sl = prop(s, "atmosphere/P-sl-psf");
    c->s_t_sl = prop(s, "atmosphere/T-sl-R");
    c->s_delta_t = prop(s, "atmosphere/delta-T");
    c->s_wind_n = prop(s, "atmosphere/wind-north-fps");
    c->s_wind_e = prop(s, "atmosphere/wind-east-fps");
    c->s_turb_type = prop(s, "atmosphere/turb-type");
    c->s_turb_sev = prop(s, "atmosphere/turbulence/milspec/severity");
    c->s_turb_w20 = prop(s, "atmosphere/turbulence/milspec/windspeed_at_20ft_AGL-fps");
    c->s_gust_start = prop(s, "atmosphere/cosine-gust/start");
    c->s_gust_up = prop(s, "atmosphere/cosine-gust/startup-duration-sec");
    c->s_gust_steady = prop(s, "atmosphere/cosine-gust/steady-duration-sec");
    c->s_gust_down = prop(s, "atmosphere/cosine-gust/end-duration-sec");
    c->s_gust_mag = prop(s, "atmosphere/cosine-gust/magnitude-ft_sec");
    c->s_gust_frame = prop(s, "atmosphere/cosine-gust/frame");
    c->s_gust_x = prop(s, "atmosphere/cosine-gust/X-velocity-ft_sec");
    c->s_gust_y = prop(s, "atmosphere/cosine-gust/Y-velocity-ft_sec");
    c->s_gust_z = prop(s, "atmosphere/cosine-gust/Z-velocity-ft_sec");
    c->s_cutoff = prop(s, "propulsion/cutoff_cmd");
    c->s_fuel_freeze = prop(s, "propulsion/fuel_freeze");
    c->s_brake_c = prop(s, "fcs/center-brake-cmd-norm");
    c->s_flap_pos = prop(s, "fcs/flap-pos-norm");
    c->s_mach = prop(s, "velocities/mach");
    c->s_vc = prop(s, "velocities/vc-kts");
    c->s_theta = prop(s, "attitude/theta-deg");
    c->s_phi = prop(s, "attitude/phi-deg");
    c->s_psi = prop(s, "attitude/psi-deg");
    c->s_hdot = prop(s, "velocities/h-dot-fps");
    c->s_psidot = prop(s, "velocities/psidot-rad_sec");
    c->s_ny = prop(s, "accelerations/n-pilot-y-norm");
    c->s_nz_pilot = prop(s, "accelerations/n-pilot-z-norm");
    c->s_alpha = prop(s, "aero/alpha-deg");
    c->s_agl = prop(s, "position/h-agl-ft");
    c->s_alt = prop(s, "position/h-sl-ft");
    c->s_vg = prop(s, "velocities/vg-fps");
    c->s_track = prop(s, "flight-path/psi-gt-deg");
    c->s_lat = prop(s, "position/lat-geod-deg");
    c->s_lon = prop(s, "position/long-gc-deg");
    c->s_rpm = prop(s, "propulsion/engine/engine-rpm");
    c->s_map = prop(s, "propulsion/engine/map-inhg");
    c->s_n1 = prop(s, "propulsion/engine/n1");
    c->s_n2 = prop(s, "propulsion/engine/n2");
    c->s_reheat = prop(s, "fcs/afterburner-pos-norm"); /* aircraft/jf17/Systems/throttle.xml */
    c->s_reheat_inhibit = prop(s, "fcs/afterburner-inhibit");
    c->s_egt_f = prop(s, "propulsion/engine/egt-degF");
    c->s_ff_pps = prop(s, "propulsion/engine/fuel-flow-rate-pps");
    c->s_fuel = prop(s, "propulsion/total-fuel-lbs");
    c->s_wow = prop(s, "gear/wow");
    c->s_stall = prop(s, "systems/stall-warning");
    c->s_gear_warning = prop(s, "systems/gear-warning"); /* the JF-17's; -1 on the fixed-gear Mushak */
    c->s_pitch_trim = prop(s, "fcs/pitch-trim-cmd-norm");
    c->s_starter = prop(s, "propulsion/starter_cmd");
    c->s_fbw_direct = prop(s, "fcs/fbw-direct"); /* the fly-by-wire's direct law (-1: none) */
    /* the flight control system's integrators (JSBSim pid and integrator
     * components), to start afresh after a reposition */
    const char *suffix = "/initial-integrator-value";
    size_t ns = strlen(suffix);
    for (int i = 0, n = saqr_fdm_property_count(s->fl.f); i < n && c->n_integrators < 8; i++) {
        const char *name = saqr_fdm_property_name(s->fl.f, i);
        size_t len = name ? strlen(name) : 0;
        if (len > ns && strcmp(name + len - ns, suffix) == 0)
            c->s_integrator[c->n_integrators++] = i;
    }
    c->s_ice = prop(s, "environment/icing/ice-norm");
    c->s_t_r = prop(s, "atmosphere/T-R");
    c->s_surf_static = prop(s, "ground/static-friction-factor");
    c->mu_dry = 0.0;
    for (int i = 0; i < 32; i++) { /* the wheels': the largest of the contacts */
        char name[64];
        snprintf(name, sizeof name, "gear/unit[%d]/static_friction_coeff", i);
        int slot = prop(s, name);
        double mu = slot >= 0 ? get(s, slot) : NAN;
        if (mu > c->mu_dry)
            c->mu_dry = mu;
    }
    c->s_fuel_lbs = prop(s, "propulsion/total-fuel-lbs");
    c->s_weight_lbs = prop(s, "inertia/weight-lbs");
    c->s_cg_x_in = prop(s, "inertia/cg-x-in");
    for (c->n_tanks = 0; c->n_tanks < 16; c->n_tanks++) {
        char name[64];
        snprintf(name, sizeof name, "propulsion/tank[%d]/capacity-lbs", c->n_tanks);
        if ((c->s_tank_cap[c->n_tanks] = prop(s, name)) < 0)
            break;
        snprintf(name, sizeof name, "propulsion/tank[%d]/contents-lbs", c->n_tanks);
        if ((c->s_tank_lbs[c->n_tanks] = prop(s, name)) < 0)
            break;
    }
    c->s_gear_pos = prop(s, "gear/gear-pos-norm");
    c->retractable = saqr_fdm_retractable_gear_count(s->fl.f) > 0;
    const int nmass = saqr_fdm_pointmass_count(s->fl.f);
    for (c->n_masses = 0; c->n_masses < nmass && c->n_masses < SORTIE_MAX_MASSES; c->n_masses++) {
        char name[64];
        snprintf(name, sizeof name, "inertia/pointmass-weight-lbs[%d]", c->n_masses);
        c->s_mass_lbs[c->n_masses] = prop(s, name);
    }
    c->turbine = c->s_n2 >= 0;
    /* the turbine's cap is of its dry range, which ends at the lever's
     * military detent where the lever runs on into the afterburner */
    c->throttle_mil = throttle_mil_detent(s->fl.f);
    c->throttle_cap = c->turbine ? THROTTLE_CAP_TURBINE * c->throttle_mil : THROTTLE_CAP_PISTON;
    double mix = get(s, s->fl.s_mixture);
    c->mixture_before = isnan(mix) ? 1.0 : mix;
    c->gust_next_s = NAN;
    rng_seed(&c->rng, GUST_SEED);

    /* the weather as the lesson set it up, read back from the atmosphere */
    sortie_weather *w = &c->wx;
    double wn = get(s, c->s_wind_n), we = get(s, c->s_wind_e);
    double speed_fps = hypot(isnan(wn) ? 0.0 : wn, isnan(we) ? 0.0 : we);
    w->wind_kt = speed_fps * M_PER_FT / MPS_PER_KT;
    w->wind_from_deg = speed_fps > 1e-9 ? angle_wrap360_deg(trig_atan2(-we, -wn) * DEG_PER_RAD)
                       : isnan(s->l->setup.wind_from_deg) ? 0.0 : angle_wrap360_deg(s->l->setup.wind_from_deg);
    w->gust_kt = 0.0;
    w->turbulence = s->l->setup.turbulence;
    double t_sl_r = get(s, c->s_t_sl);
    w->temperature_c = isnan(t_sl_r) ? 15.0 : t_sl_r / R_PER_K - 273.15;
    double p_sl = get(s, c->s_p_sl), bias_k = (w->temperature_c + 273.15) - STD_T0_K;
    double elev = s->fl.rwy->elevation_ft;
    double qnh = isnan(p_sl) ? STD_P0_HPA
                             : p_sl * HPA_PER_PSF * pressure_ratio(elev, bias_k) / pressure_ratio(elev, 0.0);
    w->qnh_hpa = floor(qnh * 100.0 + 0.5) / 100.0; /* as a QNH is given: to 0.01 hPa */
    w->icing = 0.0;
    w->rain = 0.0;
    sortie_sky_of_lesson(&s->l->setup, w);
}

void sortie_sky_of_lesson(const lesson_setup *ls, sortie_weather *w)
{
    w->visibility_m = isnan(ls->visibility_m) ? SKY_DEFAULT_VISIBILITY_M : ls->visibility_m;
    w->cloud_cover = isnan(ls->cloud_cover) ? 0.0 : ls->cloud_cover;
    w->cloud_base_ft = isnan(ls->cloud_base_ft) ? SKY_DEFAULT_CLOUD_BASE_FT : ls->cloud_base_ft;
    w->time_of_day = isnan(ls->time_of_day) ? SKY_DEFAULT_TIME_OF_DAY : ls->time_of_day;
}

sortie_weather sortie_weather_unchanged(void)
{
    sortie_weather w = {NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN};
    return w;
}

const char *sortie_cloud_cover_name(double cover)
{
    static const char *const names[] = {"clear", "few", "scattered", "broken", "overcast"};
    return cover >= 0.0 && cover <= 4.0 && cover == floor(cover) ? names[(int)cover] : NULL;
}

const char *sortie_time_of_day_name(double time_of_day)
{
    static const char *const names[] = {"dawn", "morning", "noon", "afternoon", "dusk", "evening", "midnight"};
    return time_of_day >= 0.0 && time_of_day <= 6.0 && time_of_day == floor(time_of_day) ? names[(int)time_of_day]
                                                                                       : NULL;
}

/* ------------------------------------------------------------ malfunctions */

const char *sortie_malfunction_name(sortie_malfunction m)
{
    return (int)m >= 0 && (int)m < MALF_COUNT ? malfunction_names[m] : NULL;
}

int sortie_malfunction_from_name(const char *name)
{
    if (!name)
        return -1;
    for (int i = 0; i < MALF_COUNT; i++)
        if (strcmp(name, malfunction_names[i]) == 0)
            return i;
    return -1;
}

double sortie_throttle_mil(const sortie *s)
{
    return s->ctl.throttle_mil;
}

unsigned sortie_malfunctions(const sortie *s)
{
    return (s->ctl.malf & ~(1u << MALF_ENGINE_FAILURE)) | (s->fl.engine_failed ? 1u << MALF_ENGINE_FAILURE : 0u);
}

/* What a failed flap or gear is held at: its position now, or its
 * command where the aircraft publishes no position. */
static double held_position(const sortie *s, int pos_slot, int cmd_slot)
{
    double pos = get(s, pos_slot);
    return isnan(pos) ? get(s, cmd_slot) : pos;
}

/* The aircraft's whole fuel capacity (lb), all tanks. */
static double fuel_capacity_lbs(const sortie *s)
{
    double cap = 0.0;
    for (int k = 0; k < s->ctl.n_tanks; k++)
        cap += get(s, s->ctl.s_tank_cap[k]);
    return cap;
}

int sortie_malfunction_possible(const sortie *s, sortie_malfunction m, saqr_err *err)
{
    const sortie_ctl *c = &s->ctl;
    if (m == MALF_GEAR_FAILURE && (!c->retractable || s->fl.s_gear_cmd < 0))
        return err_set(err, SAQR_EINVAL, "gear-failure: this aircraft's landing gear is fixed");
    if (m == MALF_REHEAT_FAILURE && c->s_reheat_inhibit < 0)
        return err_set(err, SAQR_EINVAL, "reheat-failure: this aircraft has no afterburner");
    if (m == MALF_FCS_DEGRADED && c->s_fbw_direct < 0)
        return err_set(err, SAQR_EINVAL, "fcs-degraded: this aircraft has no fly-by-wire");
    return SAQR_OK;
}

int sortie_set_malfunction(sortie *s, sortie_malfunction m, int on, saqr_err *err)
{
    if ((int)m < 0 || (int)m >= MALF_COUNT)
        return err_set(err, SAQR_EINVAL, "malfunction %d does not exist (0..%d)", (int)m, MALF_COUNT - 1);
    sortie_ctl *c = &s->ctl;
    flight *fl = &s->fl;
    unsigned bit = 1u << m;
    on = on != 0;
    if (!on)
        sortie_armed_forget(s, m); /* cleared: not to come either */
    if (((sortie_malfunctions(s) & bit) != 0) == on)
        return SAQR_OK;
    saqr_status st;
    if (on && (st = sortie_malfunction_possible(s, m, err)))
        return st;
    switch (m) {
    case MALF_ENGINE_FAILURE:
        if (on) {
            double mix = get(s, fl->s_mixture);
            if (!isnan(mix) && mix > 0.0)
                c->mixture_before = mix;
            fl->engine_failed = 1;
        } else {
            fl->engine_failed = 0;
            put(s, fl->s_mixture, c->mixture_before);
            /* a turbine is air-started (sortie_ctl_before_step); a piston
             * fires again as the windmilling propeller turns it */
            c->relight = c->turbine;
        }
        break;
    case MALF_PITOT_BLOCKED:
        if (on)
            c->pitot_pt_psf = pitot_total_pressure(get(s, c->s_mach), get(s, c->s_p_psf));
        break;
    case MALF_STATIC_BLOCKED:
        if (on)
            c->static_p_psf = get(s, c->s_p_psf);
        break;
    case MALF_GEAR_FAILURE:
        if (on)
            c->gear_hold = held_position(s, c->s_gear_pos, fl->s_gear_cmd);
        break;
    case MALF_FUEL_LEAK:
        if (on) {
            /* the fullest tank leaks; the rate is the aircraft's */
            double most = -1.0;
            c->leak_tank = -1;
            for (int k = 0; k < c->n_tanks; k++) {
                double lbs = get(s, c->s_tank_lbs[k]);
                if (lbs > most) {
                    most = lbs;
                    c->leak_tank = k;
                }
            }
            c->leak_lbs_per_s = FUEL_LEAK_PER_MIN * fuel_capacity_lbs(s) / 60.0;
        }
        break;
    case MALF_ATTITUDE_FAILURE:
        if (on) {
            c->att_pitch_deg = get(s, c->s_theta);
            c->att_roll_deg = get(s, c->s_phi);
            c->att_t0_s = now_s(s);
        }
        break;
    case MALF_FLAP_FAILURE:
        if (on)
            c->flap_hold = held_position(s, c->s_flap_pos, fl->s_flap_cmd);
        break;
    default: /* partial power, brakes: enforced as they stand */
        break;
    }
    if (m != MALF_ENGINE_FAILURE)
        c->malf = on ? c->malf | bit : c->malf & ~bit;
    sortie_event(fl, now_s(s), on ? "malfunction" : "malfunction-cleared", on ? 1.0 : 0.0, malfunction_names[m]);
    return SAQR_OK;
}

/* The next gust, when gusts blow and its time has come. */
static void run_gusts(sortie *s)
{
    sortie_ctl *c = &s->ctl;
    if (!(c->wx.gust_kt > 0.0) || c->s_gust_start < 0 || isnan(c->gust_next_s))
        return;
    double t = now_s(s);
    if (t < c->gust_next_s)
        return;
    double up = 1.0 + 2.0 * rng_uniform(&c->rng), hold = 2.0 * rng_uniform(&c->rng);
    double down = 1.0 + 2.0 * rng_uniform(&c->rng);
    double mag_fps = c->wx.gust_kt * (0.5 + 0.5 * rng_uniform(&c->rng)) * MPS_PER_KT / M_PER_FT;
    double to_rad = (c->wx.wind_from_deg + 180.0) * RAD_PER_DEG;
    put(s, c->s_gust_up, up);
    put(s, c->s_gust_steady, hold);
    put(s, c->s_gust_down, down);
    put(s, c->s_gust_mag, mag_fps);
    put(s, c->s_gust_frame, 3.0); /* local north-east-down axes */
    put(s, c->s_gust_x, trig_cos(to_rad));
    put(s, c->s_gust_y, trig_sin(to_rad));
    put(s, c->s_gust_z, 0.0);
    put(s, c->s_gust_start, 1.0);
    c->gust_next_s = t + up + hold + down + 2.0 + 8.0 * rng_uniform(&c->rng);
}

/* The unheated pitot's ice over this frame (see the header): `rate` is
 * the airframe's growth rate in these conditions (0: none). */
static void run_pitot_ice(sortie *s, double oat_c, double rate)
{
    sortie_ctl *c = &s->ctl;
    const int heat_failed = (c->malf >> MALF_PITOT_HEAT_FAILURE) & 1u;
    double d = 0.0;
    if (heat_failed && rate > 0.0)
        d = PITOT_ICE_FACTOR * rate;
    else if (!heat_failed)
        d = -1.0 / PITOT_MELT_HEATED_S;
    else if (oat_c > 0.0)
        d = -1.0 / PITOT_MELT_WARM_S;
    if (d == 0.0 || (d < 0.0 && c->pitot_ice <= 0.0) || (d > 0.0 && c->pitot_ice >= 1.0))
        return;
    c->pitot_ice = fmax(0.0, fmin(1.0, c->pitot_ice + d * s->dt));
    if (c->pitot_ice >= 1.0 && !c->pitot_iced) {
        c->pitot_iced = 1;
        if (!(c->malf & (1u << MALF_PITOT_BLOCKED))) /* already trapped: keep it */
            c->pitot_pt_psf = pitot_total_pressure(get(s, c->s_mach), get(s, c->s_p_psf));
        sortie_event(&s->fl, now_s(s), "pitot-iced", 1.0, "the pitot is iced over (no heat)");
    } else if (c->pitot_ice <= 0.0 && c->pitot_iced) {
        c->pitot_iced = 0;
        sortie_event(&s->fl, now_s(s), "pitot-clear", 0.0, "the pitot's ice has melted");
    }
}

/* Airframe ice over this frame (see the header). */
static void run_icing(sortie *s)
{
    sortie_ctl *c = &s->ctl;
    const double oat_c = get(s, c->s_t_r) / R_PER_K - 273.15;
    double rate = 0.0;
    if (oat_c > 0.0)
        rate = -1.0 / ICE_SHED_S;
    else if (oat_c > ICE_COLDEST_C && c->wx.icing > 0.0)
        rate = 1.0 / ice_full_s[(int)c->wx.icing];
    run_pitot_ice(s, oat_c, rate);
    if (c->s_ice < 0)
        return;
    const double ice = get(s, c->s_ice);
    if (rate == 0.0 || isnan(ice) || (rate < 0.0 && !(ice > 0.0)) || (rate > 0.0 && ice >= 1.0))
        return; /* nothing changes: a script's value stands */
    put(s, c->s_ice, fmax(0.0, fmin(1.0, ice + rate * s->dt)));
}

/* 14 CFR 25.109(c)(1): wet runway maximum tyre-to-ground braking
 * coefficient, tyre pressure up to 50 psi, at ground speed v_kt. */
static double wet_braking_mu(double v_kt)
{
    const double x = v_kt / 100.0;
    return ((-0.0350 * x + 0.306) * x - 0.851) * x + 0.883;
}

/* A wet runway's friction this frame (see the header); a dry one is
 * given back its factor 1 once, when the rain stops. */
static void run_rain(sortie *s)
{
    sortie_ctl *c = &s->ctl;
    if (c->s_surf_static < 0 || !(c->mu_dry > 0.0))
        return;
    if (c->wx.rain > 0.0) {
        double v_kt = fabs(get(s, c->s_vg)) * M_PER_FT / MPS_PER_KT;
        if (isnan(v_kt))
            v_kt = 0.0;
        const double mu = wet_braking_mu(fmin(v_kt, 200.0)); /* the rule's speeds */
        put(s, c->s_surf_static, fmin(1.0, fmax(0.0, mu) / c->mu_dry));
        c->wet_set = 1;
    } else if (c->wet_set) {
        put(s, c->s_surf_static, 1.0);
        c->wet_set = 0;
    }
}

double sortie_ice_norm(const sortie *s)
{
    return s->ctl.s_ice >= 0 ? get(s, s->ctl.s_ice) : NAN;
}

void sortie_ctl_before_step(sortie *s)
{
    sortie_ctl *c = &s->ctl;
    flight *fl = &s->fl;
    sortie_armed_check(s); /* before the failed engine's settings below */
    if (fl->engine_failed) {
        c->relight = 0;
        put(s, fl->s_thr, 0.0);
        put(s, fl->s_mixture, 0.0);
        if (c->turbine)
            put(s, c->s_cutoff, 1.0);
    } else if (c->relight) {
        /* JSBSim's turbine start: the starter spins the fuel-less engine
         * up past 15% N2, then the fuel opens and it lights; the starter
         * drops out once it runs */
        if (get(s, c->s_n2) < RELIGHT_N2_PCT) {
            put(s, c->s_starter, 1.0);
            put(s, c->s_cutoff, 1.0);
        } else {
            put(s, c->s_cutoff, 0.0);
            c->relight = 0;
        }
    }
    if (!fl->engine_failed && c->malf & (1u << MALF_PARTIAL_POWER)) {
        double thr = get(s, fl->s_thr);
        if (thr > c->throttle_cap)
            put(s, fl->s_thr, c->throttle_cap);
    }
    if (c->malf & (1u << MALF_FLAP_FAILURE))
        put(s, fl->s_flap_cmd, c->flap_hold);
    if (c->malf & (1u << MALF_GEAR_FAILURE))
        put(s, fl->s_gear_cmd, c->gear_hold);
    if ((c->malf & (1u << MALF_FUEL_LEAK)) && c->leak_tank >= 0) {
        const int slot = c->s_tank_lbs[c->leak_tank];
        const double lbs = get(s, slot);
        if (lbs > 0.0)
            put(s, slot, fmax(0.0, lbs - c->leak_lbs_per_s * s->dt));
    }
    if (c->malf & (1u << MALF_BRAKE_FAILURE)) {
        put(s, fl->s_brake_l, 0.0);
        put(s, fl->s_brake_r, 0.0);
        put(s, c->s_brake_c, 0.0);
    }
    /* written every frame, failed or not: a snapshot recalled or a
     * rewind brings back the property with the rest of the aircraft, and
     * the malfunction's state is what decides it */
    if (c->s_reheat_inhibit >= 0)
        put(s, c->s_reheat_inhibit, c->malf & (1u << MALF_REHEAT_FAILURE) ? 1.0 : 0.0);
    if (c->s_fbw_direct >= 0)
        put(s, c->s_fbw_direct, c->malf & (1u << MALF_FCS_DEGRADED) ? 1.0 : 0.0);
    run_gusts(s);
    run_icing(s);
    run_rain(s);
}

void sortie_ctl_after_step(sortie *s)
{
    sortie_ctl *c = &s->ctl;
    if (c->frozen)
        (void)saqr_fdm_move_to(s->fl.f, c->frz_lat_deg, c->frz_lon_deg, c->frz_alt_ft);
}

/* ------------------------------------------------------------ weather */

static int bad(double x, double lo, double hi)
{
    return !isnan(x) && !(x >= lo && x <= hi);
}

/* The sky's fields (what only the visuals show) differ. */
static int sky_changed(const sortie_weather *a, const sortie_weather *b)
{
    return a->visibility_m != b->visibility_m || a->cloud_cover != b->cloud_cover ||
           a->cloud_base_ft != b->cloud_base_ft || a->time_of_day != b->time_of_day;
}

/* The flight model's weather (wind .. rain) differs. */
static int weather_changed(const sortie_weather *a, const sortie_weather *b)
{
    return a->wind_from_deg != b->wind_from_deg || a->wind_kt != b->wind_kt || a->gust_kt != b->gust_kt ||
           a->turbulence != b->turbulence || a->temperature_c != b->temperature_c || a->qnh_hpa != b->qnh_hpa ||
           a->icing != b->icing || a->rain != b->rain;
}

void sortie_sky_text(const sortie_weather *w, char *out, size_t n)
{
    if (w->cloud_cover > 0.0)
        snprintf(out, n, "visibility %.0f m, %s at %.0f ft, %s", w->visibility_m,
                 sortie_cloud_cover_name(w->cloud_cover), w->cloud_base_ft, sortie_time_of_day_name(w->time_of_day));
    else
        snprintf(out, n, "visibility %.0f m, clear, %s", w->visibility_m, sortie_time_of_day_name(w->time_of_day));
}

int sortie_set_weather(sortie *s, const sortie_weather *w, saqr_err *err)
{
    sortie_ctl *c = &s->ctl;
    if (!w)
        return err_set(err, SAQR_EINVAL, "weather: none given");
    if (bad(w->wind_from_deg, 0.0, 360.0))
        return err_set(err, SAQR_EINVAL, "weather: wind_from_deg %g is not within 0..360", w->wind_from_deg);
    if (bad(w->wind_kt, 0.0, 100.0))
        return err_set(err, SAQR_EINVAL, "weather: wind_kt %g is not within 0..100", w->wind_kt);
    if (bad(w->gust_kt, 0.0, 50.0))
        return err_set(err, SAQR_EINVAL, "weather: gust_kt %g is not within 0..50", w->gust_kt);
    if (bad(w->turbulence, 0.0, 3.0) || (!isnan(w->turbulence) && w->turbulence != floor(w->turbulence)))
        return err_set(err, SAQR_EINVAL, "weather: turbulence %g is not 0, 1, 2 or 3", w->turbulence);
    if (bad(w->temperature_c, -60.0, 60.0))
        return err_set(err, SAQR_EINVAL, "weather: temperature_c %g is not within -60..60", w->temperature_c);
    if (bad(w->qnh_hpa, 900.0, 1100.0))
        return err_set(err, SAQR_EINVAL, "weather: qnh_hpa %g is not within 900..1100", w->qnh_hpa);
    if (bad(w->icing, 0.0, 3.0) || (!isnan(w->icing) && w->icing != floor(w->icing)))
        return err_set(err, SAQR_EINVAL, "weather: icing %g is not 0, 1, 2 or 3", w->icing);
    if (!isnan(w->rain) && w->rain != 0.0 && w->rain != 1.0)
        return err_set(err, SAQR_EINVAL, "weather: rain %g is not 0 or 1", w->rain);
    if (bad(w->visibility_m, 50.0, 50000.0))
        return err_set(err, SAQR_EINVAL, "weather: visibility_m %g is not within 50..50000", w->visibility_m);
    if (!isnan(w->cloud_cover) && !sortie_cloud_cover_name(w->cloud_cover))
        return err_set(err, SAQR_EINVAL, "weather: cloud_cover %g is not 0 (clear) .. 4 (overcast)", w->cloud_cover);
    if (bad(w->cloud_base_ft, 100.0, 25000.0))
        return err_set(err, SAQR_EINVAL, "weather: cloud_base_ft %g is not within 100..25000", w->cloud_base_ft);
    if (!isnan(w->time_of_day) && !sortie_time_of_day_name(w->time_of_day))
        return err_set(err, SAQR_EINVAL, "weather: time_of_day %g is not 0 (dawn) .. 6 (midnight)", w->time_of_day);

    sortie_weather old = c->wx, *nw = &c->wx;
    if (!isnan(w->wind_from_deg))
        nw->wind_from_deg = angle_wrap360_deg(w->wind_from_deg);
    if (!isnan(w->wind_kt))
        nw->wind_kt = w->wind_kt;
    if (!isnan(w->gust_kt))
        nw->gust_kt = w->gust_kt;
    if (!isnan(w->turbulence))
        nw->turbulence = w->turbulence;
    if (!isnan(w->temperature_c))
        nw->temperature_c = w->temperature_c;
    if (!isnan(w->qnh_hpa))
        nw->qnh_hpa = w->qnh_hpa;
    if (!isnan(w->icing))
        nw->icing = w->icing;
    if (!isnan(w->rain))
        nw->rain = w->rain;
    if (!isnan(w->visibility_m))
        nw->visibility_m = w->visibility_m;
    if (!isnan(w->cloud_cover))
        nw->cloud_cover = w->cloud_cover;
    if (!isnan(w->cloud_base_ft))
        nw->cloud_base_ft = w->cloud_base_ft;
    if (!isnan(w->time_of_day))
        nw->time_of_day = w->time_of_day;

    if (memcmp(&old, nw, sizeof old) == 0)
        return SAQR_OK; /* nothing new: no event either */
    if (nw->wind_kt != old.wind_kt || nw->wind_from_deg != old.wind_from_deg) {
        double fps = nw->wind_kt * MPS_PER_KT / M_PER_FT, from = nw->wind_from_deg * RAD_PER_DEG;
        put(s, c->s_wind_n, -fps * trig_cos(from));
        put(s, c->s_wind_e, -fps * trig_sin(from));
    }
    if (nw->gust_kt != old.gust_kt) {
        if (nw->gust_kt > 0.0) {
            if (isnan(c->gust_next_s))
                c->gust_next_s = now_s(s) + 1.0 + 2.0 * rng_uniform(&c->rng);
        } else {
            c->gust_next_s = NAN;
            put(s, c->s_gust_mag, 0.0); /* a gust blowing now stops */
        }
    }
    if (nw->turbulence != old.turbulence) {
        static const double milspec_index[4] = {0.0, 3.0, 4.0, 6.0};
        put(s, c->s_turb_type, 3.0); /* milspec */
        put(s, c->s_turb_sev, milspec_index[(int)nw->turbulence]);
        put(s, c->s_turb_w20, 0.0); /* the level's standard wind at 20 ft */
    }
    if (nw->temperature_c != old.temperature_c || nw->qnh_hpa != old.qnh_hpa) {
        double bias_k = nw->temperature_c + 273.15 - STD_T0_K;
        double elev = s->fl.rwy->elevation_ft;
        double p_field_psf = nw->qnh_hpa / HPA_PER_PSF * pressure_ratio(elev, 0.0);
        put(s, c->s_delta_t, bias_k * R_PER_K);
        put(s, c->s_p_sl, p_field_psf / pressure_ratio(elev, bias_k));
    }
    static const char *const icing_name[4] = {"none", "light", "moderate", "severe"};
    if (sky_changed(&old, nw)) {
        char sky[REC_TEXT_MAX];
        sortie_sky_text(nw, sky, sizeof sky);
        sortie_event(&s->fl, now_s(s), "sky", nw->visibility_m, sky);
    }
    if (!weather_changed(&old, nw))
        return SAQR_OK; /* only the sky: no "weather" event */
    char text[200];
    snprintf(text, sizeof text,
             "wind %03.0f/%.0f kt, gusts %.0f kt, turbulence %.0f, %.0f C, QNH %.0f hPa, icing %s, %s",
             nw->wind_from_deg, nw->wind_kt, nw->gust_kt, nw->turbulence, nw->temperature_c, nw->qnh_hpa,
             icing_name[(int)nw->icing], nw->rain > 0.0 ? "rain (runway wet)" : "no rain");
    sortie_event(&s->fl, now_s(s), "weather", nw->wind_kt, text);
    return SAQR_OK;
}

void sortie_get_weather(const sortie *s, sortie_weather *out)
{
    *out = s->ctl.wx;
}

/* ------------------------------------------------------------ load */

#define MASS_MAX_KG 500.0

int sortie_set_load(sortie *s, double fuel_pct, int mass_index, double mass_kg, saqr_err *err)
{
    saqr_fdm *f = s->fl.f;
    const int nmass = saqr_fdm_pointmass_count(f);
    if (!isnan(fuel_pct) && !(fuel_pct >= 0.0 && fuel_pct <= 100.0))
        return err_set(err, SAQR_EINVAL, "load: fuel_pct %g is not within 0..100", fuel_pct);
    if (mass_index < -1 || mass_index >= nmass)
        return err_set(err, SAQR_EINVAL, "load: the aircraft has no point mass %d (it has %d)", mass_index, nmass);
    if (mass_index >= 0 && !(mass_kg >= 0.0 && mass_kg <= MASS_MAX_KG))
        return err_set(err, SAQR_EINVAL, "load: mass_kg %g is not within 0..%g", mass_kg, MASS_MAX_KG);
    if (isnan(fuel_pct) && mass_index < 0)
        return err_set(err, SAQR_EINVAL, "load: nothing to change");
    char text[160] = "";
    if (!isnan(fuel_pct)) {
        if (sortie_set_fuel_pct(f, fuel_pct) == 0)
            return err_set(err, SAQR_EINVAL, "load: the aircraft has no fuel tank");
        snprintf(text, sizeof text, "fuel %.0f %%", fuel_pct);
    }
    if (mass_index >= 0) {
        char name[64];
        snprintf(name, sizeof name, "inertia/pointmass-weight-lbs[%d]", mass_index);
        put(s, prop(s, name), mass_kg / KG_PER_LBM);
        size_t n = strlen(text);
        snprintf(text + n, sizeof text - n, "%s%s %.0f kg", n ? ", " : "",
                 saqr_fdm_pointmass_name(f, mass_index), mass_kg);
    }
    sortie_event(&s->fl, now_s(s), "load", isnan(fuel_pct) ? mass_kg : fuel_pct, text);
    return SAQR_OK;
}

void sortie_get_load(const sortie *s, sortie_load *out)
{
    const sortie_ctl *c = &s->ctl;
    memset(out, 0, sizeof *out);
    const double cap = fuel_capacity_lbs(s);
    const double fuel_lbs = get(s, c->s_fuel_lbs);
    out->fuel_kg = fuel_lbs * KG_PER_LBM;
    out->fuel_pct = cap > 0.0 ? 100.0 * fuel_lbs / cap : NAN;
    out->weight_kg = get(s, c->s_weight_lbs) * KG_PER_LBM;
    out->cg_x_in = get(s, c->s_cg_x_in);
    out->nmasses = c->n_masses;
    for (int i = 0; i < c->n_masses; i++) {
        out->mass_kg[i] = get(s, c->s_mass_lbs[i]) * KG_PER_LBM;
        snprintf(out->mass_name[i], sizeof out->mass_name[i], "%s", saqr_fdm_pointmass_name(s->fl.f, i));
    }
}

/* ------------------------------------------------------------ instruments */

void sortie_read_instruments(const sortie *s, sortie_instruments *out)
{
    const sortie_ctl *c = &s->ctl;
    const flight *fl = &s->fl;
    unsigned malf = sortie_malfunctions(s);
    double t = now_s(s);
    out->t_s = t;
    double p_psf = get(s, c->s_p_psf);
    const int pitot_blocked = (malf & (1u << MALF_PITOT_BLOCKED)) || c->pitot_iced;
    const int static_blocked = (malf >> MALF_STATIC_BLOCKED) & 1u;
    /* the pressures the instruments see: trapped where blocked */
    double ps_psf = static_blocked ? c->static_p_psf : p_psf;
    out->mach = get(s, c->s_mach);
    if (pitot_blocked || static_blocked) {
        double pt_psf = pitot_blocked ? c->pitot_pt_psf : pitot_total_pressure(out->mach, p_psf);
        out->ias_kt = sortie_airspeed_from_impact_kt(pt_psf - ps_psf);
        out->mach = pt_psf > ps_psf ? pitot_mach_from_impact_pressure(pt_psf - ps_psf, ps_psf) : 0.0;
    } else {
        out->ias_kt = get(s, c->s_vc);
    }
    out->true_ias_kt = get(s, c->s_vc);
    out->qnh_hpa = c->wx.qnh_hpa;
    out->alt_ft = sortie_altimeter_ft(ps_psf * HPA_PER_PSF, c->wx.qnh_hpa);
    /* the vertical speed indicator senses the static pressure's change */
    out->vs_fpm = static_blocked ? 0.0 : get(s, c->s_hdot) * 60.0;
    out->true_pitch_deg = get(s, c->s_theta);
    out->true_roll_deg = get(s, c->s_phi);
    if (malf & (1u << MALF_ATTITUDE_FAILURE)) {
        double dt = t - c->att_t0_s;
        out->pitch_deg = fmax(-90.0, fmin(90.0, c->att_pitch_deg + DRIFT_PITCH_DPS * dt));
        double roll = fmod(c->att_roll_deg + DRIFT_ROLL_DPS * dt + 180.0, 360.0);
        out->roll_deg = (roll < 0.0 ? roll + 360.0 : roll) - 180.0;
    } else {
        out->pitch_deg = out->true_pitch_deg;
        out->roll_deg = out->true_roll_deg;
    }
    out->heading_deg = get(s, c->s_psi);
    out->turn_rate_dps = get(s, c->s_psidot) * DEG_PER_RAD;
    /* the ball lies along the apparent vertical: displaced by the lateral
     * specific force, full scale at 15 deg (0.27 g), right positive */
    double ny = get(s, c->s_ny), nz = get(s, c->s_nz_pilot);
    double ball = trig_atan2(-ny, fabs(nz)) / (15.0 * RAD_PER_DEG);
    out->slip = isnan(ball) ? NAN : fmax(-1.0, fmin(1.0, ball));
    out->nz_g = -nz;
    out->alpha_deg = get(s, c->s_alpha);
    out->agl_ft = get(s, c->s_agl);
    out->gs_kt = get(s, c->s_vg) * M_PER_FT / MPS_PER_KT;
    double track = get(s, c->s_track);
    out->track_deg = isnan(track) ? NAN : angle_wrap360_deg(track);
    out->lat_deg = get(s, c->s_lat);
    out->msl_ft = get(s, c->s_alt);
    out->lon_deg = get(s, c->s_lon);
    /* engine: the piston's tachometer and manifold pressure, the
     * turbine's N1 and N2; the turbine model publishes no EGT */
    out->rpm = c->turbine ? NAN : get(s, c->s_rpm);
    out->manifold_inhg = c->turbine ? NAN : get(s, c->s_map);
    out->n1_pct = c->turbine ? get(s, c->s_n1) : NAN;
    out->n2_pct = c->turbine ? get(s, c->s_n2) : NAN;
    out->reheat_pct = 100.0 * get(s, c->s_reheat);
    out->throttle_mil = c->throttle_mil < 1.0 ? c->throttle_mil : NAN; /* the cockpit's mark: none */
    double egt_f = get(s, c->s_egt_f);
    out->egt_c = isnan(egt_f) ? NAN : (egt_f - 32.0) / R_PER_K;
    out->fuel_flow_pph = get(s, c->s_ff_pps) * 3600.0;
    out->fuel_kg = get(s, c->s_fuel) * KG_PER_LBM;
    out->gear_pos = c->retractable ? get(s, c->s_gear_pos) : NAN;
    flight_ils(fl, &out->loc_dev_deg, &out->gs_dev_deg, &out->dme_nm);
    out->elevator = get(s, fl->s_elev);
    out->aileron = get(s, fl->s_ail);
    out->rudder = get(s, fl->s_rud);
    out->throttle = get(s, fl->s_thr);
    out->flaps = get(s, fl->s_flap_cmd);
    out->gear = get(s, fl->s_gear_cmd);
    out->brake = get(s, fl->s_brake_l);
    /* every aircraft has the command; one with a speed brake reads it */
    out->speedbrake = saqr_fdm_property_is_read(fl->f, fl->s_speedbrake) ? get(s, fl->s_speedbrake) : NAN;
    out->pitch_trim = get(s, fl->s_pitch_trim);
    out->on_ground = get(s, c->s_wow) > 0.5;
    out->stall_warning = get(s, c->s_stall) > 0.5;
    out->gear_warning = get(s, c->s_gear_warning) > 0.5;
    out->fcs_degraded = get(s, c->s_fbw_direct) > 0.5;
}

/* ------------------------------------------------------------ lesson */

const airport_runway *sortie_runway(const sortie *s)
{
    return s->fl.rwy;
}

const char *sortie_airport(const sortie *s)
{
    return s->fl.apt->icao;
}

const lesson *sortie_lesson(const sortie *s)
{
    return s->l;
}

int sortie_exercise(const sortie *s, int *running)
{
    grader_phase ph;
    int ex = grader_exercise(s->fl.gr, &ph);
    if (running)
        *running = ex >= 0 && ph == GPHASE_RUNNING;
    return ex;
}

int sortie_take_events(const sortie *s, uint64_t *cursor, rec_event *out, int max)
{
    const flight *fl = &s->fl;
    if (fl->nfeed > SORTIE_EVENT_FEED && *cursor < fl->nfeed - SORTIE_EVENT_FEED)
        *cursor = fl->nfeed - SORTIE_EVENT_FEED; /* older ones were overwritten */
    int n = 0;
    while (*cursor < fl->nfeed && n < max)
        out[n++] = fl->feed[(*cursor)++ % SORTIE_EVENT_FEED];
    return n;
}

int sortie_take_control(sortie *s, sortie_hands hands, saqr_err *err)
{
    if (!s->fl.manual)
        return err_set(err, SAQR_EINVAL, "the automatic pilot flies this sortie: no trainee has control to take");
    if (hands != SORTIE_TRAINEE_HAS_CONTROL && hands != SORTIE_INSTRUCTOR_PILOT && hands != SORTIE_INSTRUCTOR_COCKPIT)
        return err_set(err, SAQR_EINVAL, "control: %d is not a way of having the aircraft (0, 1 or 2)", (int)hands);
    s->taken_wanted = hands;
    return SAQR_OK;
}

sortie_hands sortie_control_taken(const sortie *s)
{
    return s->taken_wanted;
}

int sortie_cockpit_flies(const sortie *s)
{
    return !s->instructor_flying || s->taken == SORTIE_INSTRUCTOR_COCKPIT;
}

int sortie_instructor_flying(const sortie *s)
{
    return s->instructor_flying;
}

int sortie_running_marks(const sortie *s, grade_mark *marks, double *ratios, int max)
{
    return grader_peek(s->fl.gr, marks, ratios, max);
}

int sortie_running_elements(const sortie *s, sheet_element *out, int max)
{
    return grader_peek_elements(s->fl.gr, out, max);
}

int sortie_running_element(const sortie *s, int i, sheet_element *out)
{
    return grader_peek_element(s->fl.gr, i, out);
}

double sortie_channel_value(const sortie *s, int ch)
{
    return ch >= 0 && ch < C_COUNT ? s->fl.v[ch] : NAN;
}
