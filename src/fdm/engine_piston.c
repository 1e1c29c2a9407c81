/*
 * engine_piston.c - JSBSim's piston engine: manifold pressure from the
 * throttle, engine speed and intake (impedance model with ram air), with
 * optional turbo/supercharging; air flow from displacement and volumetric
 * efficiency; fuel flow from the mixture (equivalence ratio); indicated
 * power from fuel flow, BSFC and the mixture-efficiency correlation,
 * less friction (static, and FMEP rising with piston speed) and pumping
 * losses; magnetos, starter torque and the start/stop logic; exhaust gas,
 * cylinder head and oil temperatures and oil pressure.
 *
 * Units follow JSBSim's formulas (Pa, K, HP, ft/s, inHg); names carry
 * them.  Reference: JSBSim src/models/propulsion/FGPiston.cpp (the model
 * of Dave Luff and Ron Jensen).
 */
#include <math.h>
#include <stddef.h>
#include <string.h>

#include "fdm/propulsion_internal.h"

#define BOOST_SPEEDS_MAX 3
#define R_AIR 287.3                 /* J/(kg K), as FGPiston            */
#define CALORIFIC_FUEL 47.3e6       /* J/kg                              */
#define CP_AIR 1005.0               /* J/(kg K)                          */
#define CP_FUEL 1700.0
#define STANDARD_PRESSURE_PA 101320.73

struct piston {
    /* parameters */
    double min_map_inhg, max_map_inhg, map_lag_s, displacement_in3, max_hp;
    double static_friction_hp, spark_fail_drop, cycles, idle_rpm, max_rpm;
    double isfc, volumetric_efficiency, compression_ratio, bore_in, stroke_in, cylinders;
    double cylinder_head_mass_kg, z_airbox, ram_air_factor, cooling_factor;
    double starter_rpm, starter_torque, starter_gain;
    double fmep_dynamic_pa, fmep_static_pa, peak_piston_speed_fps;
    double z_throttle, displacement_m3, rated_piston_speed_fps;
    double min_map_pa, max_map_pa;
    double oil_relief_psi, design_oil_temp_k, oil_rpm_max, oil_viscosity_index;
    const jtable *combustion, *mixture_eff; /* NULL: built-in tables   */
    /* boost */
    int boost_speeds, boost_speed, boost_override, boost_manual, takeoff_boost_on;
    double takeoff_boost_psi, boost_loss_factor;
    double rated_boost_psi[BOOST_SPEEDS_MAX], rated_power_hp[BOOST_SPEEDS_MAX];
    double rated_rpm[BOOST_SPEEDS_MAX], rated_alt_ft[BOOST_SPEEDS_MAX];
    double boost_mul[BOOST_SPEEDS_MAX], rated_map_pa[BOOST_SPEEDS_MAX];
    double takeoff_map_pa[BOOST_SPEEDS_MAX];
    double boost_switch_alt_ft[BOOST_SPEEDS_MAX - 1], boost_switch_pa[BOOST_SPEEDS_MAX - 1];
    double boost_switch_hysteresis_pa;
    /* state */
    int magnetos;
    double rpm, map_pa, map_inhg, tmap_pa, pmep_pa, fmep_pa, hp, indicated_hp, boost_loss_hp;
    double p_amb_pa, p_ram_pa, t_amb_k, ias_kts, mean_piston_speed_fps;
    double rho_air, v_dot_air, m_dot_air, m_dot_fuel, equivalence_ratio;
    double volumetric_efficiency_reduced, combustion_efficiency;
    double egt_k, cht_k, oil_temp_k, oil_pressure_psi;
    /* slots */
    int s_power, s_friction, s_bsfc, s_starter_norm, s_ve, s_map_pa, s_map_inhg, s_z_airbox,
        s_ram, s_cooling, s_boost_speed, s_cht, s_oil_temp, s_oil_press, s_egt, s_afr,
        s_boostloss_factor, s_boostloss_hp;
};

/* Built-in correlations (FGPiston): combustion efficiency against the
 * equivalence ratio, and power against the fuel/air ratio. */
static const double combustion_default[][2] = {
    {0.00, 0.980}, {0.90, 0.980}, {1.00, 0.970}, {1.05, 0.950}, {1.10, 0.900}, {1.15, 0.850},
    {1.20, 0.790}, {1.30, 0.700}, {1.40, 0.630}, {1.50, 0.570}, {1.60, 0.525}, {2.00, 0.345}};
static const double mixture_default[][2] = {
    {0.05000, 0.00000}, {0.05137, 0.00862}, {0.05179, 0.21552}, {0.05430, 0.48276},
    {0.05842, 0.70690}, {0.06312, 0.83621}, {0.06942, 0.93103}, {0.07786, 1.00000},
    {0.08845, 1.00000}, {0.09270, 0.98276}, {0.10120, 0.93103}, {0.11455, 0.72414},
    {0.12158, 0.45690}, {0.12435, 0.23276}, {0.12500, 0.00000}};

static double combustion_eff(const piston *p, double x)
{
    return p->combustion ? jtable_lookup(p->combustion, x, 0.0, 0.0)
                         : pj_lerp(combustion_default, 12, x);
}

static double mixture_eff(const piston *p, double x)
{
    return p->mixture_eff ? jtable_lookup(p->mixture_eff, x, 0.0, 0.0)
                          : pj_lerp(mixture_default, 15, x);
}

static double k_to_f(double k) { return 1.8 * k - 459.4; }

/* US standard pressure up to 100 000 ft, psf (FGPiston polynomial). */
static double std_pressure_100k_psf(double alt_ft)
{
    static const double coef[5] = {2116.217, -7.648932746E-2, 1.0925498604E-6, -7.1135726027E-12,
                                   1.7470331356E-17};
    if (alt_ft > 100000.0)
        alt_ft = 100000.0;
    double press = 0.0, a = 1.0;
    for (int i = 0; i < 5; i++) {
        press += coef[i] * a;
        a *= alt_ft;
    }
    return press;
}

static saqr_status load_numbers(jx_ctx *c, xmlNode *el, piston *p, engine *e)
{
    saqr_status st;
    double spark = -1.0, bsfc = -1.0;
    double n_boost = 0.0, boost_override = 0.0, boost_manual = 0.0;
    if ((st = pj_opt(c, el, "minmp", "INHG", &p->min_map_inhg)) ||
        (st = pj_opt(c, el, "maxmp", "INHG", &p->max_map_inhg)) ||
        (st = pj_opt(c, el, "man-press-lag", NULL, &p->map_lag_s)) ||
        (st = pj_opt(c, el, "displacement", "IN3", &p->displacement_in3)) ||
        (st = pj_opt(c, el, "maxhp", "HP", &p->max_hp)) ||
        (st = pj_opt(c, el, "static-friction", "HP", &p->static_friction_hp)) ||
        (st = pj_opt(c, el, "sparkfaildrop", NULL, &spark)) ||
        (st = pj_opt(c, el, "cycles", NULL, &p->cycles)) ||
        (st = pj_opt(c, el, "idlerpm", NULL, &p->idle_rpm)) ||
        (st = pj_opt(c, el, "maxrpm", NULL, &p->max_rpm)) ||
        (st = pj_opt(c, el, "maxthrottle", NULL, &e->max_throttle)) ||
        (st = pj_opt(c, el, "minthrottle", NULL, &e->min_throttle)) ||
        (st = pj_opt(c, el, "bsfc", "LBS/HP*HR", &bsfc)) ||
        (st = pj_opt(c, el, "volumetric-efficiency", NULL, &p->volumetric_efficiency)) ||
        (st = pj_opt(c, el, "compression-ratio", NULL, &p->compression_ratio)) ||
        (st = pj_opt(c, el, "bore", "IN", &p->bore_in)) ||
        (st = pj_opt(c, el, "stroke", "IN", &p->stroke_in)) ||
        (st = pj_opt(c, el, "cylinders", NULL, &p->cylinders)) ||
        (st = pj_opt(c, el, "cylinder-head-mass", "KG", &p->cylinder_head_mass_kg)) ||
        (st = pj_opt(c, el, "air-intake-impedance-factor", NULL, &p->z_airbox)) ||
        (st = pj_opt(c, el, "ram-air-factor", NULL, &p->ram_air_factor)) ||
        (st = pj_opt(c, el, "cooling-factor", NULL, &p->cooling_factor)) ||
        (st = pj_opt(c, el, "starter-rpm", NULL, &p->starter_rpm)) ||
        (st = pj_opt(c, el, "starter-torque", NULL, &p->starter_torque)) ||
        (st = pj_opt(c, el, "dynamic-fmep", "PA", &p->fmep_dynamic_pa)) ||
        (st = pj_opt(c, el, "static-fmep", "PA", &p->fmep_static_pa)) ||
        (st = pj_opt(c, el, "peak-piston-speed", NULL, &p->peak_piston_speed_fps)) ||
        (st = pj_opt(c, el, "numboostspeeds", NULL, &n_boost)))
        return st;
    if (jx_first(el, "sparkfaildrop"))
        p->spark_fail_drop = fmin(1.0, fmax(0.0, 1.0 - spark));
    if (jx_first(el, "bsfc"))
        p->isfc = bsfc;
    p->boost_speeds = prop_int(n_boost);
    if (p->boost_speeds > BOOST_SPEEDS_MAX) {
        jx_warn(c, jx_first(el, "numboostspeeds"), "at most %d boost speeds", BOOST_SPEEDS_MAX);
        p->boost_speeds = BOOST_SPEEDS_MAX;
    }
    if (p->boost_speeds > 0) {
        static const char *const boost[3] = {"ratedboost1", "ratedboost2", "ratedboost3"};
        static const char *const power[3] = {"ratedpower1", "ratedpower2", "ratedpower3"};
        static const char *const rpm[3] = {"ratedrpm1", "ratedrpm2", "ratedrpm3"};
        static const char *const alt[3] = {"ratedaltitude1", "ratedaltitude2", "ratedaltitude3"};
        if ((st = pj_opt(c, el, "boostoverride", NULL, &boost_override)) ||
            (st = pj_opt(c, el, "boostmanual", NULL, &boost_manual)) ||
            (st = pj_opt(c, el, "takeoffboost", "PSI", &p->takeoff_boost_psi)) ||
            (st = pj_opt(c, el, "boost-loss-factor", NULL, &p->boost_loss_factor)))
            return st;
        for (int i = 0; i < BOOST_SPEEDS_MAX; i++)
            if ((st = pj_opt(c, el, boost[i], "PSI", &p->rated_boost_psi[i])) ||
                (st = pj_opt(c, el, power[i], "HP", &p->rated_power_hp[i])) ||
                (st = pj_opt(c, el, rpm[i], NULL, &p->rated_rpm[i])) ||
                (st = pj_opt(c, el, alt[i], "FT", &p->rated_alt_ft[i])))
                return st;
    }
    p->boost_override = prop_int(boost_override);
    p->boost_manual = prop_int(boost_manual);
    return SAQR_OK;
}

static void set_defaults(piston *p)
{
    p->cycles = 4;
    p->idle_rpm = 600;
    p->max_rpm = 2800;
    p->displacement_in3 = 360;
    p->spark_fail_drop = 1.0;
    p->max_hp = 200;
    p->min_map_inhg = 6.5;
    p->max_map_inhg = 28.5;
    p->map_lag_s = 1.0;
    p->isfc = -1;
    p->volumetric_efficiency = 0.85;
    p->bore_in = 5.125;
    p->stroke_in = 4.375;
    p->cylinders = 4;
    p->cylinder_head_mass_kg = 2;
    p->compression_ratio = 8.5;
    p->z_airbox = -999;
    p->ram_air_factor = 1;
    p->peak_piston_speed_fps = 100;
    p->fmep_dynamic_pa = 18400;
    p->fmep_static_pa = 46500;
    p->cooling_factor = 0.5144444;
    p->static_friction_hp = 1.5;
    p->starter_gain = 1.0;
    p->starter_torque = -1.0;
    p->starter_rpm = -1.0;
    for (int i = 0; i < BOOST_SPEEDS_MAX; i++) {
        p->boost_mul[i] = 1.0;
        p->rated_map_pa[i] = 100000;
        p->rated_rpm[i] = 2500;
        p->takeoff_map_pa[i] = 100000;
    }
}

/* Derived constants, after the numbers are read (FGPiston constructor). */
static void derive(piston *p)
{
    p->oil_rpm_max = p->max_rpm * 0.75; /* default; overridden below if given */
    if (p->starter_rpm < 0.0)
        p->starter_rpm = 2 * p->idle_rpm;
    if (p->starter_torque < 0.0)
        p->starter_torque = p->max_hp * 0.4;
    p->displacement_m3 = p->displacement_in3 * PJ_IN3_TO_M3;
    p->rated_piston_speed_fps = (p->max_rpm * p->stroke_in) / 360.0;

    if (p->isfc < 0.0) { /* estimate from the rated power and the losses */
        double pmep = (29.92 - p->max_map_inhg) * PJ_INHG_TO_PA * p->volumetric_efficiency;
        double fmep = p->fmep_dynamic_pa * p->rated_piston_speed_fps * PJ_FT_TO_M + p->fmep_static_pa;
        double hp_loss = ((pmep + fmep) * p->displacement_m3 * p->max_rpm) / (p->cycles * 22371);
        p->isfc = (1.1 * p->displacement_in3 * p->max_rpm * p->volumetric_efficiency *
                   (p->max_map_inhg / 29.92)) /
                  (9411 * (p->max_hp + hp_loss - p->static_friction_hp));
    }
    if (p->max_map_inhg > 29.9) /* no boosting through a bogus number */
        p->max_map_inhg = 29.9;
    p->min_map_pa = p->min_map_inhg * PJ_INHG_TO_PA;
    p->max_map_pa = p->max_map_inhg * PJ_INHG_TO_PA;

    /* Intake impedances: Pm = Ze / (Ze + Zi + Zt) Pa, with Ze the inverse
     * mean piston speed; the airbox from full throttle at rated speed
     * giving maxmp, the throttle from idle giving minmp. */
    if (p->z_airbox < 0.0) {
        double ze = p->peak_piston_speed_fps / p->rated_piston_speed_fps;
        p->z_airbox = (STANDARD_PRESSURE_PA * ze / p->max_map_pa) - ze;
    }
    p->z_throttle = (p->peak_piston_speed_fps / ((p->idle_rpm * p->stroke_in) / 360.0)) *
                        (STANDARD_PRESSURE_PA / p->min_map_pa - 1) -
                    p->z_airbox;

    p->takeoff_boost_on = p->takeoff_boost_psi > p->rated_boost_psi[0];
    for (int i = 0; i < p->boost_speeds; ++i) {
        int bad = p->rated_boost_psi[i] <= 0.0 || p->rated_power_hp[i] <= 0.0 ||
                  p->rated_alt_ft[i] < 0.0 || (i > 0 && p->rated_alt_ft[i] < p->rated_alt_ft[i - 1]);
        if (bad) {
            p->boost_speeds--;
            break;
        }
        if (i < p->boost_speeds - 1) {
            if (p->boost_switch_alt_ft[i] < p->rated_alt_ft[i])
                p->boost_switch_alt_ft[i] = p->rated_alt_ft[i] + 1000;
            p->boost_switch_pa[i] = std_pressure_100k_psf(p->boost_switch_alt_ft[i]) * PJ_PSF_TO_PA;
            p->boost_switch_hysteresis_pa = 1000;
        }
        p->rated_map_pa[i] = STANDARD_PRESSURE_PA + p->rated_boost_psi[i] * 6895;
        if (p->takeoff_boost_psi > p->rated_boost_psi[0]) {
            p->takeoff_map_pa[i] = p->rated_map_pa[i] + (p->takeoff_boost_psi - p->rated_boost_psi[0]) * 6895;
            p->takeoff_boost_on = 1;
        } else {
            p->takeoff_map_pa[i] = p->rated_map_pa[i];
            p->takeoff_boost_on = 0;
        }
        p->boost_mul[i] = p->rated_map_pa[i] / (std_pressure_100k_psf(p->rated_alt_ft[i]) * PJ_PSF_TO_PA);
    }
}

saqr_status piston_load(jx_ctx *c, xmlNode *el, engine *e)
{
    static const char *const known[] = {
        "minmp", "maxmp", "man-press-lag", "displacement", "maxhp", "static-friction",
        "sparkfaildrop", "cycles", "idlerpm", "maxrpm", "maxthrottle", "minthrottle", "bsfc",
        "volumetric-efficiency", "compression-ratio", "bore", "stroke", "cylinders",
        "cylinder-head-mass", "air-intake-impedance-factor", "ram-air-factor", "cooling-factor",
        "starter-rpm", "starter-torque", "dynamic-fmep", "static-fmep", "peak-piston-speed",
        "numboostspeeds", "boostoverride", "boostmanual", "takeoffboost", "boost-loss-factor",
        "ratedboost1", "ratedboost2", "ratedboost3", "ratedpower1", "ratedpower2", "ratedpower3",
        "ratedrpm1", "ratedrpm2", "ratedrpm3", "ratedaltitude1", "ratedaltitude2",
        "ratedaltitude3", "oil-pressure-relief-valve-psi", "design-oil-temp-degK",
        "oil-pressure-rpm-max", "oil-viscosity-index", "table", "function", "property",
        "thruster", "feed", NULL};
    saqr_status st;
    piston *p = arena_alloc(c->ar, sizeof *p);
    if (!p)
        return jx_error(c, el, "out of memory");
    e->pis = p;
    e->type = ENG_PISTON;
    jx_warn_unknown(c, el, known);
    set_defaults(p);
    if ((st = load_numbers(c, el, p, e)) != SAQR_OK)
        return st;
    p->design_oil_temp_k = 358;
    p->oil_viscosity_index = 0.25;
    p->oil_relief_psi = 60;
    double oil_rpm_max = -1.0;
    derive(p);
    /* oil parameters: read after the defaults (which depend on maxrpm) */
    if ((st = pj_opt(c, el, "oil-pressure-relief-valve-psi", "PSI", &p->oil_relief_psi)) ||
        (st = pj_opt(c, el, "design-oil-temp-degK", "DEGK", &p->design_oil_temp_k)) ||
        (st = pj_opt(c, el, "oil-pressure-rpm-max", NULL, &oil_rpm_max)) ||
        (st = pj_opt(c, el, "oil-viscosity-index", NULL, &p->oil_viscosity_index)))
        return st;
    if (oil_rpm_max >= 0.0 && jx_first(el, "oil-pressure-rpm-max"))
        p->oil_rpm_max = oil_rpm_max;

    for (xmlNode *tel = jx_first(el, "table"); tel; tel = jx_next(tel, "table")) {
        const char *name = jx_attr(c, tel, "name");
        jtable *t = NULL;
        if (!name || (strcmp(name, "COMBUSTION") != 0 && strcmp(name, "MIXTURE") != 0)) {
            jx_warn(c, tel, "unknown table \"%s\" in a piston engine", name ? name : "");
            continue;
        }
        if ((st = jtable_load(c, tel, &t)) != SAQR_OK)
            return st;
        if (strcmp(name, "COMBUSTION") == 0)
            p->combustion = t;
        else
            p->mixture_eff = t;
    }

    int i = e->index;
    const unsigned out = PROP_PRODUCED | PROP_READONLY, rw = PJ_MIRRORED;
    if ((p->s_power = pj_slot(c, el, "engine", i, "power-hp", PROP_PRODUCED)) < 0 ||
        (p->s_friction = pj_slot(c, el, "engine", i, "friction-hp", rw)) < 0 ||
        (p->s_bsfc = pj_slot(c, el, "engine", i, "bsfc-lbs_hphr", rw)) < 0 ||
        (p->s_starter_norm = pj_slot(c, el, "engine", i, "starter-norm", rw)) < 0 ||
        (p->s_ve = pj_slot(c, el, "engine", i, "volumetric-efficiency", rw)) < 0 ||
        (p->s_map_pa = pj_slot(c, el, "engine", i, "map-pa", PROP_PRODUCED)) < 0 ||
        (p->s_map_inhg = pj_slot(c, el, "engine", i, "map-inhg", PROP_PRODUCED)) < 0 ||
        (p->s_z_airbox = pj_slot(c, el, "engine", i, "air-intake-impedance-factor", rw)) < 0 ||
        (p->s_ram = pj_slot(c, el, "engine", i, "ram-air-factor", rw)) < 0 ||
        (p->s_cooling = pj_slot(c, el, "engine", i, "cooling-factor", rw)) < 0 ||
        (p->s_boost_speed = pj_slot(c, el, "engine", i, "boost-speed", rw)) < 0 ||
        (p->s_cht = pj_slot(c, el, "engine", i, "cht-degF", out)) < 0 ||
        (p->s_oil_temp = pj_slot(c, el, "engine", i, "oil-temperature-degF", out)) < 0 ||
        (p->s_oil_press = pj_slot(c, el, "engine", i, "oil-pressure-psi", out)) < 0 ||
        (p->s_egt = pj_slot(c, el, "engine", i, "egt-degF", out)) < 0 ||
        (p->s_afr = pj_slot(c, el, "engine", i, "AFR", out)) < 0)
        return SAQR_EPARSE;
    p->s_boostloss_factor = p->s_boostloss_hp = -1;
    if (p->boost_loss_factor > 0.0 &&
        ((p->s_boostloss_factor = pj_slot(c, el, "engine", i, "boostloss-factor", rw)) < 0 ||
         (p->s_boostloss_hp = pj_slot(c, el, "engine", i, "boostloss-hp", PROP_PRODUCED)) < 0))
        return SAQR_EPARSE;
    return SAQR_OK;
}

void piston_reset(engine *e, const prop_in *in, double *v)
{
    piston *p = e->pis;
    p->map_inhg = in->pressure_psf * PJ_PSF_TO_INHG;
    p->map_pa = in->pressure_psf * PJ_PSF_TO_PA;
    p->tmap_pa = p->map_pa;
    double t_k = in->temperature_r / 1.8;
    p->oil_temp_k = p->cht_k = p->egt_k = t_k;
    thruster_set_rpm(&e->thr, 0.0);
    p->rpm = 0.0;
    p->oil_pressure_psi = 0.0;
    p->boost_loss_hp = 0.0;
    p->magnetos = 0;
    p->m_dot_air = p->m_dot_fuel = 0.0;
    p->hp = p->indicated_hp = 0.0;
    p->combustion_efficiency = 0.0;
    p->boost_speed = 0;
    /* parameters back into their slots */
    v[p->s_friction] = p->static_friction_hp;
    v[p->s_bsfc] = p->isfc;
    v[p->s_starter_norm] = p->starter_gain;
    v[p->s_ve] = p->volumetric_efficiency;
    v[p->s_z_airbox] = p->z_airbox;
    v[p->s_ram] = p->ram_air_factor;
    v[p->s_cooling] = p->cooling_factor;
    if (p->s_boostloss_factor >= 0)
        v[p->s_boostloss_factor] = p->boost_loss_factor;
}

void piston_read(engine *e, const double *v)
{
    piston *p = e->pis;
    p->static_friction_hp = v[p->s_friction];
    p->isfc = v[p->s_bsfc];
    p->starter_gain = v[p->s_starter_norm];
    p->volumetric_efficiency = v[p->s_ve];
    p->z_airbox = v[p->s_z_airbox];
    p->ram_air_factor = v[p->s_ram];
    p->cooling_factor = v[p->s_cooling];
    p->boost_speed = prop_int(v[p->s_boost_speed]);
    if (p->s_boostloss_factor >= 0)
        p->boost_loss_factor = v[p->s_boostloss_factor];
}

int piston_mirrors_foreign(const engine *e, const unsigned *flags)
{
    const piston *p = e->pis;
    const int slot[] = {p->s_friction, p->s_bsfc, p->s_starter_norm, p->s_ve, p->s_z_airbox,
                        p->s_ram, p->s_cooling, p->s_boost_speed, p->s_boostloss_factor};
    return pj_any_foreign(flags, slot, (int)(sizeof slot / sizeof slot[0]));
}

void piston_write(const engine *e, double *v)
{
    /* the parameters (friction, bsfc, ...) are read from their slots each
     * run and published by piston_reset */
    const piston *p = e->pis;
    v[p->s_power] = p->hp;
    v[p->s_map_pa] = p->map_pa;
    v[p->s_map_inhg] = p->map_inhg;
    v[p->s_boost_speed] = p->boost_speed;
    v[p->s_cht] = k_to_f(p->cht_k);
    v[p->s_oil_temp] = k_to_f(p->oil_temp_k);
    v[p->s_oil_press] = p->oil_pressure_psi;
    v[p->s_egt] = k_to_f(p->egt_k);
    v[p->s_afr] = p->m_dot_fuel > 0.0 ? p->m_dot_air / p->m_dot_fuel : INFINITY;
    if (p->s_boostloss_factor >= 0)
        v[p->s_boostloss_hp] = p->boost_loss_hp;
}

void piston_set_magnetos(engine *e, int magnetos)
{
    if (e->pis)
        e->pis->magnetos = magnetos;
}

void piston_init_running(engine *e, const prop_in *in)
{
    piston *p = e->pis;
    p->magnetos = 3;
    e->ctl.mixture = in->pressure_ratio * 1.3;
    thruster_set_rpm(&e->thr, 2.0 * p->idle_rpm / e->thr.gear_ratio);
    e->running = 1;
}

/* Start and stop: spark from the magnetos, fuel from last frame's flow,
 * enough speed to keep turning (FGPiston::doEngineStartup). */
static void engine_startup(engine *e, piston *p)
{
    int spark = p->magnetos != 0;
    int fuel = e->fuel_flow_rate_pps > 0.0;
    e->cranking = e->starter;
    if (e->running) {
        if (!spark || !fuel)
            e->running = 0;
        if (p->rpm < p->idle_rpm * 0.8)
            e->running = 0;
    } else if (spark && fuel && p->rpm > p->idle_rpm * 0.8) {
        e->running = 1; /* also an in-air start when windmilling */
    }
}

static void boost_control(piston *p)
{
    if (p->boost_manual) {
        if (p->boost_speed > p->boost_speeds - 1)
            p->boost_speed = p->boost_speeds - 1;
        if (p->boost_speed < 0)
            p->boost_speed = 0;
        return;
    }
    if (p->boost_speed < p->boost_speeds - 1 &&
        p->p_amb_pa < p->boost_switch_pa[p->boost_speed] - p->boost_switch_hysteresis_pa)
        p->boost_speed++;
    if (p->boost_speed > 0 &&
        p->p_amb_pa > p->boost_switch_pa[p->boost_speed - 1] + p->boost_switch_hysteresis_pa)
        p->boost_speed--;
}

static void manifold_pressure(engine *e, piston *p, const prop_in *in)
{
    double throttle = e->ctl.throttle;
    double zt = (1 - throttle) * (1 - throttle) * p->z_throttle;
    double ze = p->mean_piston_speed_fps > 0 ? p->peak_piston_speed_fps / p->mean_piston_speed_fps
                                             : 999999;
    double map_coefficient = ze / (ze + p->z_airbox + zt);
    double d_map = p->tmap_pa - p->p_ram_pa * map_coefficient;
    if (p->map_lag_s > in->dt_s)
        d_map *= in->dt_s / p->map_lag_s;
    p->tmap_pa -= d_map;
    /* pumping loss; ambient stands in for exhaust manifold pressure */
    p->pmep_pa = (p->tmap_pa - p->p_amb_pa) * p->volumetric_efficiency;

    if (p->boost_speeds > 0) {
        int bs = p->boost_speed;
        int takeoff = p->takeoff_boost_on && throttle > 0.98;
        double boost_factor = ((p->boost_mul[bs] - 1) / p->rated_rpm[bs]) * p->rpm + 1;
        p->map_pa = p->tmap_pa * boost_factor;
        if (!p->boost_override) {
            double limit = takeoff ? p->takeoff_map_pa[bs] : p->rated_map_pa[bs];
            if (p->map_pa > limit)
                p->map_pa = limit;
        }
    } else {
        p->map_pa = p->tmap_pa;
    }
    if (p->boost_loss_factor > 0.0) {
        const double gamma = 1.414, stages = 1;
        p->boost_loss_hp = ((stages * p->tmap_pa * p->v_dot_air * gamma) / (gamma - 1)) *
                           (pow(p->map_pa / p->tmap_pa, (gamma - 1) / (stages * gamma)) - 1) *
                           p->boost_loss_factor / 745.7;
    } else {
        p->boost_loss_hp = 0.0;
    }
    p->map_inhg = p->map_pa / PJ_INHG_TO_PA;
}

static void air_flow(piston *p)
{
    const double gamma = 1.3;
    double mratio = p->map_pa < 1. ? p->compression_ratio : p->p_amb_pa / p->map_pa;
    if (mratio > p->compression_ratio)
        mratio = p->compression_ratio;
    double ve = ((gamma - 1) / gamma) +
                (p->compression_ratio - mratio) / (gamma * (p->compression_ratio - 1));
    p->rho_air = p->p_amb_pa / (R_AIR * p->t_amb_k);
    double swept_volume = (p->displacement_m3 * (p->rpm / 60)) / 2;
    p->volumetric_efficiency_reduced = p->volumetric_efficiency * ve;
    p->v_dot_air = swept_volume * p->volumetric_efficiency_reduced;
    double rho_manifold = p->map_pa / (R_AIR * p->t_amb_k);
    p->m_dot_air = p->v_dot_air * rho_manifold;
}

static void fuel_flow(engine *e, piston *p)
{
    /* mixture 1 gives an equivalence ratio of 1.3 at sea level */
    double thi_sea_level = 1.3 * e->ctl.mixture;
    p->equivalence_ratio = thi_sea_level * 101325.0 / p->p_amb_pa;
    p->m_dot_fuel = (p->m_dot_air * p->equivalence_ratio) / 14.7;
    e->fuel_flow_rate_pps = p->m_dot_fuel * 2.2046;
    if (e->starved) {
        p->equivalence_ratio = 0.0;
        e->fuel_flow_rate_pps = 0.0;
        p->m_dot_fuel = 0.0;
    }
    e->fuel_flow_pph = e->fuel_flow_rate_pps * 3600;
    e->fuel_flow_gph = e->fuel_flow_pph / e->fuel_density_lbspgal;
}

static void engine_power(engine *e, piston *p)
{
    p->indicated_hp = -p->static_friction_hp;
    p->fmep_pa = 0;
    if (e->running) {
        double me = mixture_eff(p, p->m_dot_fuel / p->m_dot_air);
        p->fmep_pa = -p->fmep_dynamic_pa * p->mean_piston_speed_fps * PJ_FT_TO_M - p->fmep_static_pa;
        double spark = p->magnetos != 3 ? p->spark_fail_drop : 1.0;
        p->indicated_hp = (e->fuel_flow_pph / p->isfc) * me * spark - p->static_friction_hp;
    } else if (e->cranking) {
        double rpm = p->rpm < 1.0 ? 1.0 : p->rpm;
        double k_torque = p->rpm < p->starter_rpm ? 1.0 - p->rpm / p->starter_rpm : 0.0;
        double torque = p->starter_torque * k_torque * p->starter_gain;
        p->indicated_hp = torque * rpm / 5252;
    }
    double pumping_hp = ((p->pmep_pa + p->fmep_pa) * p->displacement_m3 * p->rpm) / (p->cycles * 22371);
    p->hp = p->indicated_hp + pumping_hp - p->boost_loss_hp;
    e->pct_power = p->hp / p->max_hp;
}

/* What a run's temperatures and oil pressure follow, from the rest of the
 * run's results and the inputs: the exhaust's energy balance while fuel
 * burns, the cylinder head's heat sources and cooling, the oil pressure
 * before its viscosity correction.  Each product keeps the operands and
 * order of the formula it stands in, so the results are the same bits. */
void piston_thermal_inputs(const engine *e, const prop_in *in, piston_thermal_in *t)
{
    const piston *p = e->pis;
    const double h2 = -3.95, h3 = -140.0;
    t->dt_s = in->dt_s;
    t->t_amb_k = p->t_amb_k;
    t->burning = e->running && p->m_dot_air > 0.0;
    t->egt_k = 0.0;
    t->combustion_efficiency = 0.0;
    t->egt_ambient_k = in->temperature_r / 1.8;
    if (t->burning) { /* energy balance */
        t->combustion_efficiency = combustion_eff(p, p->equivalence_ratio);
        double enthalpy = p->m_dot_fuel * CALORIFIC_FUEL * t->combustion_efficiency * 0.30;
        double heat_capacity = CP_AIR * p->m_dot_air + CP_FUEL * p->m_dot_fuel;
        t->egt_k = p->t_amb_k + enthalpy / heat_capacity;
    }
    t->head_area = p->displacement_in3 / 360.0;
    double mass = p->cylinder_head_mass_kg * p->cylinders;
    t->head_capacity = 800.0 * mass;
    double v_apparent = p->ias_kts * p->cooling_factor;
    double m_dot_cooling = t->head_area * v_apparent * p->rho_air;
    t->q_combustion = p->m_dot_fuel * CALORIFIC_FUEL * t->combustion_efficiency * 0.33;
    t->forced_per_k = h2 * m_dot_cooling;
    t->rpm_per_k = h3 * p->rpm;
    t->max_rpm = p->max_rpm;
    double oil_psi = (p->oil_relief_psi / p->oil_rpm_max) * p->rpm;
    if (oil_psi >= p->oil_relief_psi)
        oil_psi = p->oil_relief_psi;
    t->oil_pressure_psi = oil_psi;
    t->oil_relief_psi = p->oil_relief_psi;
    t->design_oil_temp_k = p->design_oil_temp_k;
    t->oil_viscosity_index = p->oil_viscosity_index;
}

/* One run's temperatures and oil pressure, from `t` and their last
 * values: the exhaust (towards ambient with a guessed time constant when
 * nothing burns), the cylinder head, the oil following it, the oil
 * pressure corrected for the oil's temperature. */
void piston_thermal_apply(engine *e, const piston_thermal_in *t)
{
    piston *p = e->pis;
    const double h1 = -95.0;
    p->combustion_efficiency = t->combustion_efficiency;
    if (t->burning)
        p->egt_k = t->egt_k;
    else
        p->egt_k += (t->egt_ambient_k - p->egt_k) / 100.0 * t->dt_s;

    double dt_k = p->cht_k - t->t_amb_k;
    double q_forced = t->forced_per_k * dt_k + t->rpm_per_k * dt_k / t->max_rpm;
    double q_free = h1 * dt_k * t->head_area;
    p->cht_k += ((t->q_combustion + q_forced + q_free) / t->head_capacity) * t->dt_s;

    double target = p->cht_k + 0.667 * (t->t_amb_k - p->cht_k);
    double tau = p->oil_pressure_psi > 5.0 ? 5000 / p->oil_pressure_psi : 1000;
    p->oil_temp_k += (target - p->oil_temp_k) / tau * t->dt_s;

    p->oil_pressure_psi = t->oil_pressure_psi;
    p->oil_pressure_psi += (t->design_oil_temp_k - p->oil_temp_k) * t->oil_viscosity_index * p->oil_pressure_psi /
                           t->oil_relief_psi;
}

/* The temperatures and the oil pressure of a run: they follow the run's
 * airflow, fuel flow and speed, and nothing else reads them (piston_thermal). */
static void piston_thermal_step(engine *e, const prop_in *in)
{
    piston_thermal_in t;
    piston_thermal_inputs(e, in, &t);
    piston_thermal_apply(e, &t);
}

void piston_thermal(size_t *offset, size_t *size)
{
    /* egt_k, cht_k, oil_temp_k and oil_pressure_psi, declared together */
    _Static_assert(offsetof(piston, oil_pressure_psi) == offsetof(piston, egt_k) + 3 * sizeof(double),
                   "the thermal state is contiguous");
    *offset = offsetof(piston, egt_k);
    *size = 4 * sizeof(double);
}

void piston_calculate(engine *e, const prop_in *in, double *v)
{
    piston *p = e->pis;
    p->p_amb_pa = in->pressure_psf * PJ_PSF_TO_PA;
    double p_total_pa = in->total_pressure_psf * PJ_PSF_TO_PA;
    p->p_ram_pa = (p_total_pa - p->p_amb_pa) * p->ram_air_factor + p->p_amb_pa;
    p->t_amb_k = in->temperature_r / 1.8;
    engine_run_pre(e, v);

    /* the propeller owns the speed: it holds the gear ratio */
    p->rpm = thruster_engine_rpm(&e->thr);
    p->mean_piston_speed_fps = (p->rpm * p->stroke_in) / 360.0;
    p->ias_kts = in->vc_kts;

    engine_startup(e, p);
    if (p->boost_speeds > 0)
        boost_control(p);
    manifold_pressure(e, p, in);
    air_flow(p);
    fuel_flow(e, p);
    engine_power(e, p);
    if (p->indicated_hp < 0.1250)
        e->running = 0;
    piston_thermal_step(e, in);

    if (e->thr.prop) {
        e->thr.prop->advance = e->ctl.advance;
        e->thr.prop->feathered = e->ctl.feather;
    }
    double power = p->hp * PJ_HP_TO_FTLBPS;
    if (p->rpm <= 0.1)
        power = fmax(power, 0.0);
    thruster_calculate(&e->thr, in, power);
    engine_run_post(e, v);
}

double piston_equivalence_ratio(const engine *e)
{
    return e->pis ? e->pis->equivalence_ratio : 0.0;
}

size_t piston_record_size(void)
{
    return sizeof(piston);
}

/* A copy for another aircraft of a batch (tables shared, read-only). */
piston *piston_clone(arena *ar, const piston *src)
{
    return arena_dup(ar, src, sizeof *src);
}
