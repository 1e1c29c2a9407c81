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

/* The loaded engine: what a run reads and nothing changes after loading,
 * shared by the aircraft of a batch (piston_clone). */
typedef struct piston_def {
    double min_map_inhg, max_map_inhg, map_lag_s, displacement_in3, max_hp;
    double spark_fail_drop, cycles, idle_rpm, max_rpm;
    double compression_ratio, bore_in, stroke_in, cylinders;
    double cylinder_head_mass_kg;
    double starter_rpm, starter_torque;
    double fmep_dynamic_pa, fmep_static_pa, peak_piston_speed_fps;
    double z_throttle, displacement_m3, rated_piston_speed_fps;
    double min_map_pa, max_map_pa;
    double oil_relief_psi, design_oil_temp_k, oil_rpm_max, oil_viscosity_index;
    const jtable *combustion, *mixture_eff; /* NULL: built-in tables   */
    /* boost */
    int boost_speeds, boost_override, boost_manual, takeoff_boost_on;
    double takeoff_boost_psi;
    double rated_boost_psi[BOOST_SPEEDS_MAX], rated_power_hp[BOOST_SPEEDS_MAX];
    double rated_rpm[BOOST_SPEEDS_MAX], rated_alt_ft[BOOST_SPEEDS_MAX];
    double boost_mul[BOOST_SPEEDS_MAX], rated_map_pa[BOOST_SPEEDS_MAX];
    double takeoff_map_pa[BOOST_SPEEDS_MAX];
    double boost_switch_alt_ft[BOOST_SPEEDS_MAX - 1], boost_switch_pa[BOOST_SPEEDS_MAX - 1];
    double boost_switch_hysteresis_pa;
    /* slots */
    int s_power, s_friction, s_bsfc, s_starter_norm, s_ve, s_map_pa, s_map_inhg, s_z_airbox,
        s_ram, s_cooling, s_boost_speed, s_cht, s_oil_temp, s_oil_press, s_egt, s_afr,
        s_boostloss_factor, s_boostloss_hp;
} piston_def;

/* One aircraft's engine. */
struct piston {
    const piston_def *d;
    /* the parameters a property can change (piston_read) */
    double static_friction_hp, isfc, starter_gain, volumetric_efficiency;
    double z_airbox, ram_air_factor, cooling_factor, boost_loss_factor;
    int boost_speed;
    /* state */
    int magnetos;
    double rpm, map_pa, map_inhg, tmap_pa, pmep_pa, fmep_pa, hp, indicated_hp, boost_loss_hp;
    double p_amb_pa, p_ram_pa, t_amb_k, ias_kts, mean_piston_speed_fps;
    double rho_air, v_dot_air, m_dot_air, m_dot_fuel, equivalence_ratio;
    double volumetric_efficiency_reduced, combustion_efficiency;
    double egt_k, cht_k, oil_temp_k, oil_pressure_psi;
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
    return p->d->combustion ? jtable_lookup(p->d->combustion, x, 0.0, 0.0)
                         : pj_lerp(combustion_default, 12, x);
}

static double mixture_eff(const piston *p, double x)
{
    return p->d->mixture_eff ? jtable_lookup(p->d->mixture_eff, x, 0.0, 0.0)
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

static saqr_status load_numbers(jx_ctx *c, xmlNode *el, piston_def *d, piston *p, engine *e)
{
    engine_def *ed = engine_def_loading(e);
    saqr_status st;
    double spark = -1.0, bsfc = -1.0;
    double n_boost = 0.0, boost_override = 0.0, boost_manual = 0.0;
    if ((st = pj_opt(c, el, "minmp", "INHG", &d->min_map_inhg)) ||
        (st = pj_opt(c, el, "maxmp", "INHG", &d->max_map_inhg)) ||
        (st = pj_opt(c, el, "man-press-lag", NULL, &d->map_lag_s)) ||
        (st = pj_opt(c, el, "displacement", "IN3", &d->displacement_in3)) ||
        (st = pj_opt(c, el, "maxhp", "HP", &d->max_hp)) ||
        (st = pj_opt(c, el, "static-friction", "HP", &p->static_friction_hp)) ||
        (st = pj_opt(c, el, "sparkfaildrop", NULL, &spark)) ||
        (st = pj_opt(c, el, "cycles", NULL, &d->cycles)) ||
        (st = pj_opt(c, el, "idlerpm", NULL, &d->idle_rpm)) ||
        (st = pj_opt(c, el, "maxrpm", NULL, &d->max_rpm)) ||
        (st = pj_opt(c, el, "maxthrottle", NULL, &ed->max_throttle)) ||
        (st = pj_opt(c, el, "minthrottle", NULL, &ed->min_throttle)) ||
        (st = pj_opt(c, el, "bsfc", "LBS/HP*HR", &bsfc)) ||
        (st = pj_opt(c, el, "volumetric-efficiency", NULL, &p->volumetric_efficiency)) ||
        (st = pj_opt(c, el, "compression-ratio", NULL, &d->compression_ratio)) ||
        (st = pj_opt(c, el, "bore", "IN", &d->bore_in)) ||
        (st = pj_opt(c, el, "stroke", "IN", &d->stroke_in)) ||
        (st = pj_opt(c, el, "cylinders", NULL, &d->cylinders)) ||
        (st = pj_opt(c, el, "cylinder-head-mass", "KG", &d->cylinder_head_mass_kg)) ||
        (st = pj_opt(c, el, "air-intake-impedance-factor", NULL, &p->z_airbox)) ||
        (st = pj_opt(c, el, "ram-air-factor", NULL, &p->ram_air_factor)) ||
        (st = pj_opt(c, el, "cooling-factor", NULL, &p->cooling_factor)) ||
        (st = pj_opt(c, el, "starter-rpm", NULL, &d->starter_rpm)) ||
        (st = pj_opt(c, el, "starter-torque", NULL, &d->starter_torque)) ||
        (st = pj_opt(c, el, "dynamic-fmep", "PA", &d->fmep_dynamic_pa)) ||
        (st = pj_opt(c, el, "static-fmep", "PA", &d->fmep_static_pa)) ||
        (st = pj_opt(c, el, "peak-piston-speed", NULL, &d->peak_piston_speed_fps)) ||
        (st = pj_opt(c, el, "numboostspeeds", NULL, &n_boost)))
        return st;
    if (jx_first(el, "sparkfaildrop"))
        d->spark_fail_drop = fmin(1.0, fmax(0.0, 1.0 - spark));
    if (jx_first(el, "bsfc"))
        p->isfc = bsfc;
    d->boost_speeds = prop_int(n_boost);
    if (d->boost_speeds > BOOST_SPEEDS_MAX) {
        jx_warn(c, jx_first(el, "numboostspeeds"), "at most %d boost speeds", BOOST_SPEEDS_MAX);
        d->boost_speeds = BOOST_SPEEDS_MAX;
    }
    if (d->boost_speeds > 0) {
        static const char *const boost[3] = {"ratedboost1", "ratedboost2", "ratedboost3"};
        static const char *const power[3] = {"ratedpower1", "ratedpower2", "ratedpower3"};
        static const char *const rpm[3] = {"ratedrpm1", "ratedrpm2", "ratedrpm3"};
        static const char *const alt[3] = {"ratedaltitude1", "ratedaltitude2", "ratedaltitude3"};
        if ((st = pj_opt(c, el, "boostoverride", NULL, &boost_override)) ||
            (st = pj_opt(c, el, "boostmanual", NULL, &boost_manual)) ||
            (st = pj_opt(c, el, "takeoffboost", "PSI", &d->takeoff_boost_psi)) ||
            (st = pj_opt(c, el, "boost-loss-factor", NULL, &p->boost_loss_factor)))
            return st;
        for (int i = 0; i < BOOST_SPEEDS_MAX; i++)
            if ((st = pj_opt(c, el, boost[i], "PSI", &d->rated_boost_psi[i])) ||
                (st = pj_opt(c, el, power[i], "HP", &d->rated_power_hp[i])) ||
                (st = pj_opt(c, el, rpm[i], NULL, &d->rated_rpm[i])) ||
                (st = pj_opt(c, el, alt[i], "FT", &d->rated_alt_ft[i])))
                return st;
    }
    d->boost_override = prop_int(boost_override);
    d->boost_manual = prop_int(boost_manual);
    return SAQR_OK;
}

static void set_defaults(piston_def *d, piston *p)
{
    d->cycles = 4;
    d->idle_rpm = 600;
    d->max_rpm = 2800;
    d->displacement_in3 = 360;
    d->spark_fail_drop = 1.0;
    d->max_hp = 200;
    d->min_map_inhg = 6.5;
    d->max_map_inhg = 28.5;
    d->map_lag_s = 1.0;
    p->isfc = -1;
    p->volumetric_efficiency = 0.85;
    d->bore_in = 5.125;
    d->stroke_in = 4.375;
    d->cylinders = 4;
    d->cylinder_head_mass_kg = 2;
    d->compression_ratio = 8.5;
    p->z_airbox = -999;
    p->ram_air_factor = 1;
    d->peak_piston_speed_fps = 100;
    d->fmep_dynamic_pa = 18400;
    d->fmep_static_pa = 46500;
    p->cooling_factor = 0.5144444;
    p->static_friction_hp = 1.5;
    p->starter_gain = 1.0;
    d->starter_torque = -1.0;
    d->starter_rpm = -1.0;
    for (int i = 0; i < BOOST_SPEEDS_MAX; i++) {
        d->boost_mul[i] = 1.0;
        d->rated_map_pa[i] = 100000;
        d->rated_rpm[i] = 2500;
        d->takeoff_map_pa[i] = 100000;
    }
}

/* Derived constants, after the numbers are read (FGPiston constructor). */
static void derive(piston_def *d, piston *p)
{
    d->oil_rpm_max = d->max_rpm * 0.75; /* default; overridden below if given */
    if (d->starter_rpm < 0.0)
        d->starter_rpm = 2 * d->idle_rpm;
    if (d->starter_torque < 0.0)
        d->starter_torque = d->max_hp * 0.4;
    d->displacement_m3 = d->displacement_in3 * PJ_IN3_TO_M3;
    d->rated_piston_speed_fps = (d->max_rpm * d->stroke_in) / 360.0;

    if (p->isfc < 0.0) { /* estimate from the rated power and the losses */
        double pmep = (29.92 - d->max_map_inhg) * PJ_INHG_TO_PA * p->volumetric_efficiency;
        double fmep = d->fmep_dynamic_pa * d->rated_piston_speed_fps * PJ_FT_TO_M + d->fmep_static_pa;
        double hp_loss = ((pmep + fmep) * d->displacement_m3 * d->max_rpm) / (d->cycles * 22371);
        p->isfc = (1.1 * d->displacement_in3 * d->max_rpm * p->volumetric_efficiency *
                   (d->max_map_inhg / 29.92)) /
                  (9411 * (d->max_hp + hp_loss - p->static_friction_hp));
    }
    if (d->max_map_inhg > 29.9) /* no boosting through a bogus number */
        d->max_map_inhg = 29.9;
    d->min_map_pa = d->min_map_inhg * PJ_INHG_TO_PA;
    d->max_map_pa = d->max_map_inhg * PJ_INHG_TO_PA;

    /* Intake impedances: Pm = Ze / (Ze + Zi + Zt) Pa, with Ze the inverse
     * mean piston speed; the airbox from full throttle at rated speed
     * giving maxmp, the throttle from idle giving minmp. */
    if (p->z_airbox < 0.0) {
        double ze = d->peak_piston_speed_fps / d->rated_piston_speed_fps;
        p->z_airbox = (STANDARD_PRESSURE_PA * ze / d->max_map_pa) - ze;
    }
    d->z_throttle = (d->peak_piston_speed_fps / ((d->idle_rpm * d->stroke_in) / 360.0)) *
                        (STANDARD_PRESSURE_PA / d->min_map_pa - 1) -
                    p->z_airbox;

    d->takeoff_boost_on = d->takeoff_boost_psi > d->rated_boost_psi[0];
    for (int i = 0; i < d->boost_speeds; ++i) {
        int bad = d->rated_boost_psi[i] <= 0.0 || d->rated_power_hp[i] <= 0.0 ||
                  d->rated_alt_ft[i] < 0.0 || (i > 0 && d->rated_alt_ft[i] < d->rated_alt_ft[i - 1]);
        if (bad) {
            d->boost_speeds--;
            break;
        }
        if (i < d->boost_speeds - 1) {
            if (d->boost_switch_alt_ft[i] < d->rated_alt_ft[i])
                d->boost_switch_alt_ft[i] = d->rated_alt_ft[i] + 1000;
            d->boost_switch_pa[i] = std_pressure_100k_psf(d->boost_switch_alt_ft[i]) * PJ_PSF_TO_PA;
            d->boost_switch_hysteresis_pa = 1000;
        }
        d->rated_map_pa[i] = STANDARD_PRESSURE_PA + d->rated_boost_psi[i] * 6895;
        if (d->takeoff_boost_psi > d->rated_boost_psi[0]) {
            d->takeoff_map_pa[i] = d->rated_map_pa[i] + (d->takeoff_boost_psi - d->rated_boost_psi[0]) * 6895;
            d->takeoff_boost_on = 1;
        } else {
            d->takeoff_map_pa[i] = d->rated_map_pa[i];
            d->takeoff_boost_on = 0;
        }
        d->boost_mul[i] = d->rated_map_pa[i] / (std_pressure_100k_psf(d->rated_alt_ft[i]) * PJ_PSF_TO_PA);
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
    engine_def *ed = engine_def_loading(e);
    saqr_status st;
    piston_def *d = arena_alloc(c->ar, sizeof *d);
    piston *p = arena_alloc(c->ar, sizeof *p);
    if (!d || !p)
        return jx_error(c, el, "out of memory");
    p->d = d;
    e->pis = p;
    ed->type = ENG_PISTON;
    jx_warn_unknown(c, el, known);
    set_defaults(d, p);
    if ((st = load_numbers(c, el, d, p, e)) != SAQR_OK)
        return st;
    d->design_oil_temp_k = 358;
    d->oil_viscosity_index = 0.25;
    d->oil_relief_psi = 60;
    double oil_rpm_max = -1.0;
    derive(d, p);
    /* oil parameters: read after the defaults (which depend on maxrpm) */
    if ((st = pj_opt(c, el, "oil-pressure-relief-valve-psi", "PSI", &d->oil_relief_psi)) ||
        (st = pj_opt(c, el, "design-oil-temp-degK", "DEGK", &d->design_oil_temp_k)) ||
        (st = pj_opt(c, el, "oil-pressure-rpm-max", NULL, &oil_rpm_max)) ||
        (st = pj_opt(c, el, "oil-viscosity-index", NULL, &d->oil_viscosity_index)))
        return st;
    if (oil_rpm_max >= 0.0 && jx_first(el, "oil-pressure-rpm-max"))
        d->oil_rpm_max = oil_rpm_max;

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
            d->combustion = t;
        else
            d->mixture_eff = t;
    }

    int i = ed->index;
    const unsigned out = PROP_PRODUCED | PROP_READONLY, rw = PJ_MIRRORED;
    if ((d->s_power = pj_slot(c, el, "engine", i, "power-hp", PROP_PRODUCED)) < 0 ||
        (d->s_friction = pj_slot(c, el, "engine", i, "friction-hp", rw)) < 0 ||
        (d->s_bsfc = pj_slot(c, el, "engine", i, "bsfc-lbs_hphr", rw)) < 0 ||
        (d->s_starter_norm = pj_slot(c, el, "engine", i, "starter-norm", rw)) < 0 ||
        (d->s_ve = pj_slot(c, el, "engine", i, "volumetric-efficiency", rw)) < 0 ||
        (d->s_map_pa = pj_slot(c, el, "engine", i, "map-pa", PROP_PRODUCED)) < 0 ||
        (d->s_map_inhg = pj_slot(c, el, "engine", i, "map-inhg", PROP_PRODUCED)) < 0 ||
        (d->s_z_airbox = pj_slot(c, el, "engine", i, "air-intake-impedance-factor", rw)) < 0 ||
        (d->s_ram = pj_slot(c, el, "engine", i, "ram-air-factor", rw)) < 0 ||
        (d->s_cooling = pj_slot(c, el, "engine", i, "cooling-factor", rw)) < 0 ||
        (d->s_boost_speed = pj_slot(c, el, "engine", i, "boost-speed", rw)) < 0 ||
        (d->s_cht = pj_slot(c, el, "engine", i, "cht-degF", out)) < 0 ||
        (d->s_oil_temp = pj_slot(c, el, "engine", i, "oil-temperature-degF", out)) < 0 ||
        (d->s_oil_press = pj_slot(c, el, "engine", i, "oil-pressure-psi", out)) < 0 ||
        (d->s_egt = pj_slot(c, el, "engine", i, "egt-degF", out)) < 0 ||
        (d->s_afr = pj_slot(c, el, "engine", i, "AFR", out)) < 0)
        return SAQR_EPARSE;
    d->s_boostloss_factor = d->s_boostloss_hp = -1;
    if (p->boost_loss_factor > 0.0 &&
        ((d->s_boostloss_factor = pj_slot(c, el, "engine", i, "boostloss-factor", rw)) < 0 ||
         (d->s_boostloss_hp = pj_slot(c, el, "engine", i, "boostloss-hp", PROP_PRODUCED)) < 0))
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
    v[p->d->s_friction] = p->static_friction_hp;
    v[p->d->s_bsfc] = p->isfc;
    v[p->d->s_starter_norm] = p->starter_gain;
    v[p->d->s_ve] = p->volumetric_efficiency;
    v[p->d->s_z_airbox] = p->z_airbox;
    v[p->d->s_ram] = p->ram_air_factor;
    v[p->d->s_cooling] = p->cooling_factor;
    if (p->d->s_boostloss_factor >= 0)
        v[p->d->s_boostloss_factor] = p->boost_loss_factor;
}

void piston_read(engine *e, const double *v)
{
    piston *p = e->pis;
    p->static_friction_hp = v[p->d->s_friction];
    p->isfc = v[p->d->s_bsfc];
    p->starter_gain = v[p->d->s_starter_norm];
    p->volumetric_efficiency = v[p->d->s_ve];
    p->z_airbox = v[p->d->s_z_airbox];
    p->ram_air_factor = v[p->d->s_ram];
    p->cooling_factor = v[p->d->s_cooling];
    p->boost_speed = prop_int(v[p->d->s_boost_speed]);
    if (p->d->s_boostloss_factor >= 0)
        p->boost_loss_factor = v[p->d->s_boostloss_factor];
}

int piston_mirrors_foreign(const engine *e, const unsigned *flags)
{
    const piston *p = e->pis;
    const int slot[] = {p->d->s_friction, p->d->s_bsfc, p->d->s_starter_norm, p->d->s_ve, p->d->s_z_airbox,
                        p->d->s_ram, p->d->s_cooling, p->d->s_boost_speed, p->d->s_boostloss_factor};
    return pj_any_foreign(flags, slot, (int)(sizeof slot / sizeof slot[0]));
}

void piston_write(const engine *e, double *v)
{
    /* the parameters (friction, bsfc, ...) are read from their slots each
     * run and published by piston_reset */
    const piston *p = e->pis;
    v[p->d->s_power] = p->hp;
    v[p->d->s_map_pa] = p->map_pa;
    v[p->d->s_map_inhg] = p->map_inhg;
    v[p->d->s_boost_speed] = p->boost_speed;
    v[p->d->s_cht] = k_to_f(p->cht_k);
    v[p->d->s_oil_temp] = k_to_f(p->oil_temp_k);
    v[p->d->s_oil_press] = p->oil_pressure_psi;
    v[p->d->s_egt] = k_to_f(p->egt_k);
    v[p->d->s_afr] = p->m_dot_fuel > 0.0 ? p->m_dot_air / p->m_dot_fuel : INFINITY;
    if (p->d->s_boostloss_factor >= 0)
        v[p->d->s_boostloss_hp] = p->boost_loss_hp;
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
    thruster_set_rpm(&e->thr, 2.0 * p->d->idle_rpm / e->thr.gear_ratio);
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
        if (p->rpm < p->d->idle_rpm * 0.8)
            e->running = 0;
    } else if (spark && fuel && p->rpm > p->d->idle_rpm * 0.8) {
        e->running = 1; /* also an in-air start when windmilling */
    }
}

static void boost_control(piston *p)
{
    if (p->d->boost_manual) {
        if (p->boost_speed > p->d->boost_speeds - 1)
            p->boost_speed = p->d->boost_speeds - 1;
        if (p->boost_speed < 0)
            p->boost_speed = 0;
        return;
    }
    if (p->boost_speed < p->d->boost_speeds - 1 &&
        p->p_amb_pa < p->d->boost_switch_pa[p->boost_speed] - p->d->boost_switch_hysteresis_pa)
        p->boost_speed++;
    if (p->boost_speed > 0 &&
        p->p_amb_pa > p->d->boost_switch_pa[p->boost_speed - 1] + p->d->boost_switch_hysteresis_pa)
        p->boost_speed--;
}

static void manifold_pressure(engine *e, piston *p, const prop_in *in)
{
    double throttle = e->ctl.throttle;
    double zt = (1 - throttle) * (1 - throttle) * p->d->z_throttle;
    double ze = p->mean_piston_speed_fps > 0 ? p->d->peak_piston_speed_fps / p->mean_piston_speed_fps
                                             : 999999;
    double map_coefficient = ze / (ze + p->z_airbox + zt);
    double d_map = p->tmap_pa - p->p_ram_pa * map_coefficient;
    if (p->d->map_lag_s > in->dt_s)
        d_map *= in->dt_s / p->d->map_lag_s;
    p->tmap_pa -= d_map;
    /* pumping loss; ambient stands in for exhaust manifold pressure */
    p->pmep_pa = (p->tmap_pa - p->p_amb_pa) * p->volumetric_efficiency;

    if (p->d->boost_speeds > 0) {
        int bs = p->boost_speed;
        int takeoff = p->d->takeoff_boost_on && throttle > 0.98;
        double boost_factor = ((p->d->boost_mul[bs] - 1) / p->d->rated_rpm[bs]) * p->rpm + 1;
        p->map_pa = p->tmap_pa * boost_factor;
        if (!p->d->boost_override) {
            double limit = takeoff ? p->d->takeoff_map_pa[bs] : p->d->rated_map_pa[bs];
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
    double mratio = p->map_pa < 1. ? p->d->compression_ratio : p->p_amb_pa / p->map_pa;
    if (mratio > p->d->compression_ratio)
        mratio = p->d->compression_ratio;
    double ve = ((gamma - 1) / gamma) +
                (p->d->compression_ratio - mratio) / (gamma * (p->d->compression_ratio - 1));
    p->rho_air = p->p_amb_pa / (R_AIR * p->t_amb_k);
    double swept_volume = (p->d->displacement_m3 * (p->rpm / 60)) / 2;
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
    e->fuel_flow_gph = e->fuel_flow_pph / e->d->fuel_density_lbspgal;
}

static void engine_power(engine *e, piston *p)
{
    p->indicated_hp = -p->static_friction_hp;
    p->fmep_pa = 0;
    if (e->running) {
        double me = mixture_eff(p, p->m_dot_fuel / p->m_dot_air);
        p->fmep_pa = -p->d->fmep_dynamic_pa * p->mean_piston_speed_fps * PJ_FT_TO_M - p->d->fmep_static_pa;
        double spark = p->magnetos != 3 ? p->d->spark_fail_drop : 1.0;
        p->indicated_hp = (e->fuel_flow_pph / p->isfc) * me * spark - p->static_friction_hp;
    } else if (e->cranking) {
        double rpm = p->rpm < 1.0 ? 1.0 : p->rpm;
        double k_torque = p->rpm < p->d->starter_rpm ? 1.0 - p->rpm / p->d->starter_rpm : 0.0;
        double torque = p->d->starter_torque * k_torque * p->starter_gain;
        p->indicated_hp = torque * rpm / 5252;
    }
    double pumping_hp = ((p->pmep_pa + p->fmep_pa) * p->d->displacement_m3 * p->rpm) / (p->d->cycles * 22371);
    p->hp = p->indicated_hp + pumping_hp - p->boost_loss_hp;
    e->pct_power = p->hp / p->d->max_hp;
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
    t->head_area = p->d->displacement_in3 / 360.0;
    double mass = p->d->cylinder_head_mass_kg * p->d->cylinders;
    t->head_capacity = 800.0 * mass;
    double v_apparent = p->ias_kts * p->cooling_factor;
    double m_dot_cooling = t->head_area * v_apparent * p->rho_air;
    t->q_combustion = p->m_dot_fuel * CALORIFIC_FUEL * t->combustion_efficiency * 0.33;
    t->forced_per_k = h2 * m_dot_cooling;
    t->rpm_per_k = h3 * p->rpm;
    t->max_rpm = p->d->max_rpm;
    double oil_psi = (p->d->oil_relief_psi / p->d->oil_rpm_max) * p->rpm;
    if (oil_psi >= p->d->oil_relief_psi)
        oil_psi = p->d->oil_relief_psi;
    t->oil_pressure_psi = oil_psi;
    t->oil_relief_psi = p->d->oil_relief_psi;
    t->design_oil_temp_k = p->d->design_oil_temp_k;
    t->oil_viscosity_index = p->d->oil_viscosity_index;
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
    p->mean_piston_speed_fps = (p->rpm * p->d->stroke_in) / 360.0;
    p->ias_kts = in->vc_kts;

    engine_startup(e, p);
    if (p->d->boost_speeds > 0)
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
