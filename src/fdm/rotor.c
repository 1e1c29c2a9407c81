/*
 * rotor.c - a helicopter rotor as a thruster (<rotor>): blade-element
 * thrust with a lagged inflow, coning and first-harmonic flapping from the
 * shaft's airspeed and the fuselage's rates, H (drag) and J (side) forces,
 * the shaft torque from profile and induced power, hub moments from the
 * flapping hinge offset, downwash angles for the aircraft's functions, and
 * an empirical ground effect.  The rotor's speed comes from its
 * transmission (transmission.c) driven by the engine's power, or is slaved
 * to another rotor (a tail rotor) or to a property.
 *
 * Frames, as JSBSim's: the thruster's <orient> maps body to "thruster
 * body" axes; the shaft frame (hub-shaft: x ahead, z down the shaft) is a
 * fixed right-angle turn of it; the control (wind) axes are the shaft
 * frame turned about the shaft by beta_orient so that the hub's in-plane
 * airspeed lies along x.  English units throughout (ft, slug, lbf, rpm),
 * as the model's constants and JSBSim's properties.
 *
 * References: JSBSim src/models/propulsion/FGRotor.cpp and .h
 * (T. Kreitler), whose equations these are; Shaughnessy, Deaux, Yenni,
 * "Development and Validation of a Piloted Simulation of a Helicopter and
 * External Sling Load", NASA TP-1285, 1979 (/SH79/, the equation numbers
 * below); Talbot, Corliss, NASA TM-73,254, 1977 (ground effect); Gessow,
 * Amer, NACA TN-1982, 1949 (inflow lag); Bramwell's Helicopter Dynamics,
 * 2nd ed., eqn 3.43-3.44 (torque).
 */
#include <math.h>
#include <string.h>
#include <strings.h>

#include "fdm/propulsion_internal.h"
#include "fdm/transmission.h"
#include "math/trig.h"

#define HP_TO_FTLBPS 550.0
#define HAGL_FILTER_COEFF 1.0   /* 1/s: smooths jumps of the height above ground */

enum { MAP_MAIN, MAP_TAIL, MAP_TANDEM };
enum { SOURCE_NONE = -2, SOURCE_PROPERTY = -1 };

struct rotor {
    /* configuration */
    double radius_ft, chord_ft, lift_slope_prad, twist_rad, hinge_offset_ft;
    double flap_moment_slugft2, mass_moment_slugft, polar_moment_slugft2;
    double nominal_rpm, min_rpm, max_rpm, sense, tip_loss;
    double inflow_lag_s, ge_exp_pft, ge_shift_ft;
    double lock_by_rho, solidity;
    double r2, b2, b3, b4;             /* radius^2, tip loss^2..^4          */
    int num_blades, control_map;
    int source;                        /* SOURCE_*, or the engine it follows */
    const xmlNode *source_el;          /* its <ExternalRPM>, while loading  */
    double source_gear_ratio;
    double model_dt_s, inflow_decay;   /* exp(-dt / inflow lag)             */
    int has_transmission;
    transmission tx;
    /* state */
    lag_filter hagl;
    double rpm, omega_radps, engine_rpm, source_rpm;
    double beta_orient_rad, a0, a_1, b_1, a_dw, a1s, b1s;
    double h_drag_lbs, j_side_lbs, torque_ftlb, c_t, lambda, mu, nu, v_induced_fps;
    double theta_dw_rad, phi_dw_rad, ge_scale;
    double collective_rad, lateral_rad, longitudinal_rad;
    /* slots */
    int s_rpm, s_engine_rpm, s_a0, s_a1, s_b1, s_lambda, s_mu, s_nu, s_vi, s_ct, s_torque,
        s_theta_dw, s_phi_dw, s_ge_scale, s_collective, s_lateral, s_longitudinal, s_source;
    int s_brake, s_clutch, s_free_wheel;
};

static double constrain(double lo, double x, double hi)
{
    return x < lo ? lo : (x > hi ? hi : x);
}

static double sqr(double x)
{
    return x * x;
}

/* ------------------------------------------------------------------ */
/* Loading                                                              */

/* A child's value or `fallback` when absent (JSBSim's ConfigValueConv;
 * `warn_missing`: the ones JSBSim reports when it has to estimate). */
static saqr_status value_or(jx_ctx *c, const xmlNode *el, const char *name, const char *unit,
                            double fallback, int warn_missing, double *out)
{
    *out = fallback;
    if (warn_missing && !jx_first(el, name))
        jx_warn(c, el, "rotor: no <%s>, using the estimate %g", name, fallback);
    return pj_opt(c, el, name, unit, out);
}

static saqr_status rotor_configure(jx_ctx *c, const xmlNode *el, rotor *r, double *gear_ratio,
                                   double *engine_power_est)
{
    saqr_status st;
    double diameter, blades, est;
    if ((st = value_or(c, el, "diameter", "FT", 42.0, 1, &diameter)))
        return st;
    r->radius_ft = constrain(1e-3, 0.5 * diameter, 1e9);
    if ((st = value_or(c, el, "numblades", NULL, 3.0, 1, &blades)))
        return st;
    r->num_blades = prop_int(blades);
    if (r->num_blades < 1)
        return jx_error(c, jx_first(el, "numblades"), "a rotor needs at least one blade");
    if ((st = value_or(c, el, "gearratio", NULL, 1.0, 1, gear_ratio)))
        return st;
    *gear_ratio = constrain(1e-9, *gear_ratio, 1e9);
    /* a tip speed under ~0.7 Mach: 750 ft/s */
    if ((st = value_or(c, el, "nominalrpm", NULL, (750.0 / r->radius_ft) / (2.0 * PJ_PI) * 60.0, 1,
                       &r->nominal_rpm)))
        return st;
    r->nominal_rpm = constrain(2.0, r->nominal_rpm, 1e9);
    if ((st = value_or(c, el, "minrpm", NULL, 1.0, 0, &r->min_rpm)) ||
        (st = value_or(c, el, "maxrpm", NULL, 2.0 * r->nominal_rpm, 0, &r->max_rpm)))
        return st;
    r->min_rpm = constrain(1.0, r->min_rpm, r->nominal_rpm - 1.0);
    r->max_rpm = constrain(r->nominal_rpm, r->max_rpm, 1e9);

    est = constrain(0.07, 2.0 / r->radius_ft, 0.14) * PJ_PI * r->radius_ft / r->num_blades; /* solidity */
    if ((st = value_or(c, el, "chord", "FT", est, 1, &r->chord_ft)) ||
        (st = value_or(c, el, "liftcurveslope", NULL, 6.0, 0, &r->lift_slope_prad)) ||
        (st = value_or(c, el, "twist", "RAD", -0.17, 0, &r->twist_rad)) ||
        (st = value_or(c, el, "hingeoffset", "FT", 0.05 * r->radius_ft, 0, &r->hinge_offset_ft)))
        return st;
    est = sqr(r->chord_ft) * sqr(r->radius_ft - r->hinge_offset_ft) * 0.57;
    if ((st = value_or(c, el, "flappingmoment", "SLUG*FT2", est, 0, &r->flap_moment_slugft2)))
        return st;
    r->flap_moment_slugft2 = constrain(1e-9, r->flap_moment_slugft2, 1e9);
    /* a thin stick's mass times its CG's distance from the hub */
    est = (3.0 * r->flap_moment_slugft2 / sqr(r->radius_ft)) * (0.45 * r->radius_ft);
    if ((st = value_or(c, el, "massmoment", NULL, est, 0, &r->mass_moment_slugft)))
        return st;
    r->mass_moment_slugft = constrain(1e-9, r->mass_moment_slugft, 1e9);
    est = 1.1 * r->flap_moment_slugft2 * r->num_blades;
    if ((st = value_or(c, el, "polarmoment", "SLUG*FT2", est, 0, &r->polar_moment_slugft2)))
        return st;
    r->polar_moment_slugft2 = constrain(1e-9, r->polar_moment_slugft2, 1e9);
    if ((st = value_or(c, el, "tiplossfactor", NULL, 1.0, 0, &r->tip_loss)))
        return st;

    *engine_power_est = 0.5 * r->num_blades * r->chord_ft * r->radius_ft * r->radius_ft;
    double brake_hp;
    if ((st = value_or(c, el, "maxbrakepower", "HP", *engine_power_est / 30.0, 0, &brake_hp)) ||
        (st = value_or(c, el, "groundeffectexp", NULL, 0.0, 0, &r->ge_exp_pft)) ||
        (st = value_or(c, el, "groundeffectshift", "FT", 0.0, 0, &r->ge_shift_ft)))
        return st;
    r->tx.max_brake_power_ftlbps = brake_hp * HP_TO_FTLBPS;

    double r4 = r->radius_ft * r->radius_ft * r->radius_ft * r->radius_ft;
    r->r2 = r->radius_ft * r->radius_ft;
    r->b2 = r->tip_loss * r->tip_loss;
    r->b3 = r->b2 * r->tip_loss;
    r->b4 = r->b3 * r->tip_loss;
    r->lock_by_rho = r->lift_slope_prad * r->chord_ft * r4 / r->flap_moment_slugft2;
    r->solidity = r->num_blades * r->chord_ft / (PJ_PI * r->radius_ft);
    /* /GE49/ eqn (1): tau = 16 / (gamma Omega), at sea level */
    double omega = (r->nominal_rpm / 60.0) * 2.0 * PJ_PI;
    if ((st = value_or(c, el, "inflowlag", NULL, 16.0 / (r->lock_by_rho * 0.002356 * omega), 1,
                       &r->inflow_lag_s)))
        return st;
    r->inflow_lag_s = constrain(1e-6, r->inflow_lag_s, 2.0);
    return SAQR_OK;
}

static saqr_status read_control_map(jx_ctx *c, const xmlNode *el, rotor *r)
{
    r->control_map = MAP_MAIN;
    xmlNode *cm = jx_first(el, "controlmap");
    if (!cm)
        return SAQR_OK;
    const char *text = jx_text(c, cm);
    if (!text)
        return SAQR_EPARSE;
    if (strcasecmp(text, "TAIL") == 0)
        r->control_map = MAP_TAIL;
    else if (strcasecmp(text, "TANDEM") == 0)
        r->control_map = MAP_TANDEM;
    else if (strcasecmp(text, "MAIN") != 0)
        jx_warn(c, cm, "unknown rotor control map \"%s\"; using the main rotor's", text);
    return SAQR_OK;
}

static saqr_status bind_slots(jx_ctx *c, const xmlNode *el, int i, rotor *r)
{
    const unsigned out = PROP_PRODUCED | PROP_READONLY, rw = PROP_PRODUCED | PROP_INPUT;
    r->s_lateral = r->s_longitudinal = r->s_source = -1;
    r->s_brake = r->s_clutch = r->s_free_wheel = -1;
    if ((r->s_rpm = pj_slot(c, el, "engine", i, "rotor-rpm", out)) < 0 ||
        (r->s_engine_rpm = pj_slot(c, el, "engine", i, "engine-rpm", out)) < 0 ||
        (r->s_a0 = pj_slot(c, el, "engine", i, "a0-rad", out)) < 0 ||
        (r->s_a1 = pj_slot(c, el, "engine", i, "a1-rad", out)) < 0 ||
        (r->s_b1 = pj_slot(c, el, "engine", i, "b1-rad", out)) < 0 ||
        (r->s_lambda = pj_slot(c, el, "engine", i, "inflow-ratio", out)) < 0 ||
        (r->s_mu = pj_slot(c, el, "engine", i, "advance-ratio", out)) < 0 ||
        (r->s_nu = pj_slot(c, el, "engine", i, "induced-inflow-ratio", out)) < 0 ||
        (r->s_vi = pj_slot(c, el, "engine", i, "vi-fps", out)) < 0 ||
        (r->s_ct = pj_slot(c, el, "engine", i, "thrust-coefficient", out)) < 0 ||
        (r->s_torque = pj_slot(c, el, "engine", i, "torque-lbsft", out)) < 0 ||
        (r->s_theta_dw = pj_slot(c, el, "engine", i, "theta-downwash-rad", out)) < 0 ||
        (r->s_phi_dw = pj_slot(c, el, "engine", i, "phi-downwash-rad", out)) < 0 ||
        (r->s_ge_scale = pj_slot(c, el, "engine", i, "groundeffect-scale-norm", rw)) < 0)
        return SAQR_EPARSE;
    static const char *const collective_name[] = {"collective-ctrl-rad", "antitorque-ctrl-rad",
                                                  "tail-collective-ctrl-rad"};
    if ((r->s_collective = pj_slot(c, el, "engine", i, collective_name[r->control_map], rw)) < 0)
        return SAQR_EPARSE;
    if (r->control_map != MAP_TAIL &&
        ((r->s_lateral = pj_slot(c, el, "engine", i, "lateral-ctrl-rad", rw)) < 0 ||
         (r->s_longitudinal = pj_slot(c, el, "engine", i, "longitudinal-ctrl-rad", rw)) < 0))
        return SAQR_EPARSE;
    if (r->source == SOURCE_PROPERTY && (r->s_source = pj_slot(c, el, "engine", i, "x-rpm-dict", rw)) < 0)
        return SAQR_EPARSE;
    if (r->has_transmission &&
        ((r->s_brake = pj_slot(c, el, "engine", i, "brake-ctrl-norm", rw)) < 0 ||
         (r->s_clutch = pj_slot(c, el, "engine", i, "clutch-ctrl-norm", rw)) < 0 ||
         (r->s_free_wheel = pj_slot(c, el, "engine", i, "free-wheel-transmission", out)) < 0))
        return SAQR_EPARSE;
    return SAQR_OK;
}

saqr_status rotor_load(jx_ctx *c, xmlNode *def, xmlNode *thruster_el, int index, thruster *t)
{
    static const char *const known[] = {"diameter", "numblades", "gearratio", "nominalrpm", "minrpm",
                                        "maxrpm", "chord", "liftcurveslope", "twist", "hingeoffset",
                                        "flappingmoment", "massmoment", "polarmoment", "inflowlag",
                                        "tiplossfactor", "maxbrakepower", "gearloss", "gearmoment",
                                        "controlmap", "ExternalRPM", "groundeffectexp",
                                        "groundeffectshift", NULL};
    saqr_status st;
    rotor *r = arena_alloc(c->ar, sizeof *r);
    if (!r)
        return jx_error(c, def, "out of memory");
    memset(r, 0, sizeof *r);
    t->rot = r;
    t->type = THR_ROTOR;
    jx_warn_unknown(c, def, known);

    r->sense = 1.0; /* counter-clockwise seen from above; 0: coaxial, no torque */
    xmlNode *sense_el = jx_first(thruster_el, "sense");
    if (sense_el) {
        double s;
        if ((st = jx_number(c, sense_el, NULL, &s)) != SAQR_OK)
            return st;
        r->sense = s < -0.1 ? -1.0 : (s < 0.1 ? 0.0 : 1.0);
    }
    if ((st = read_control_map(c, def, r)))
        return st;

    r->source = SOURCE_NONE;
    r->source_gear_ratio = 1.0;
    xmlNode *ext = jx_first(def, "ExternalRPM");
    if (ext) {
        double src;
        if ((st = jx_number(c, ext, NULL, &src)) != SAQR_OK)
            return st;
        r->source = prop_int(src);
        /* only an engine loaded before this one can lead it (JSBSim's rule) */
        if (r->source < SOURCE_PROPERTY || r->source >= index) {
            jx_warn(c, ext, "rotor: no earlier engine %d to take the speed from; "
                            "it follows propulsion/engine[%d]/x-rpm-dict instead", r->source, index);
            r->source = SOURCE_PROPERTY;
        }
        if (r->source >= 0)
            r->source_el = ext; /* for rotor_link's message; cleared there */
    }

    double engine_power_est = 0.0;
    if ((st = rotor_configure(c, def, r, &t->gear_ratio, &engine_power_est)))
        return st;
    r->has_transmission = r->source == SOURCE_NONE;
    if (r->has_transmission) {
        double gear_moment, gear_loss_hp;
        if ((st = value_or(c, def, "gearmoment", "SLUG*FT2", 0.1 * r->polar_moment_slugft2, 0,
                           &gear_moment)) ||
            (st = value_or(c, def, "gearloss", "HP", 0.0025 * engine_power_est, 0, &gear_loss_hp)))
            return st;
        r->tx.thruster_moment_slugft2 = r->polar_moment_slugft2;
        r->tx.engine_moment_slugft2 = constrain(1e-6, gear_moment, 1e9);
        r->tx.engine_friction_ftlbps = constrain(0.0, gear_loss_hp, 1e9) * HP_TO_FTLBPS;
    }
    rotor_set_dt(r, 1.0 / 120.0); /* until the simulation's is set */
    return bind_slots(c, thruster_el, index, r);
}

int rotor_source(const rotor *r)
{
    return r->source;
}

saqr_status rotor_link(jx_ctx *c, rotor *r, const thruster *source)
{
    const xmlNode *el = r->source_el;
    r->source_el = NULL; /* the documents close after loading */
    if (!source->rot)
        return jx_error(c, el, "rotor: <ExternalRPM> %d names an engine without a rotor", r->source);
    r->source_gear_ratio = source->gear_ratio;
    return SAQR_OK;
}

void rotor_set_dt(rotor *r, double dt_s)
{
    r->model_dt_s = dt_s;
    r->inflow_decay = exp(-dt_s / r->inflow_lag_s);
    lag_filter_set_dt(&r->hagl, HAGL_FILTER_COEFF, dt_s);
    if (r->has_transmission)
        transmission_set_dt(&r->tx, dt_s);
}

/* ------------------------------------------------------------------ */
/* State                                                                */

void rotor_reset(rotor *r, double *v)
{
    r->rpm = r->omega_radps = r->engine_rpm = r->source_rpm = 0.0;
    r->beta_orient_rad = r->a0 = r->a_1 = r->b_1 = r->a_dw = r->a1s = r->b1s = 0.0;
    r->h_drag_lbs = r->j_side_lbs = r->torque_ftlb = r->c_t = r->mu = r->v_induced_fps = 0.0;
    r->lambda = -0.001; /* JSBSim's starting inflow */
    r->nu = 0.001;
    r->theta_dw_rad = r->phi_dw_rad = 0.0;
    r->ge_scale = 1.0;
    r->collective_rad = r->lateral_rad = r->longitudinal_rad = 0.0;
    lag_filter_init(&r->hagl, HAGL_FILTER_COEFF, r->model_dt_s);
    if (r->has_transmission)
        transmission_init(&r->tx, r->model_dt_s);
    rotor_write(r, v);
}

void rotor_read(rotor *r, const double *v)
{
    r->collective_rad = v[r->s_collective];
    if (r->s_lateral >= 0) {
        r->lateral_rad = v[r->s_lateral];
        r->longitudinal_rad = v[r->s_longitudinal];
    }
    r->ge_scale = v[r->s_ge_scale];
    if (r->s_source >= 0)
        r->source_rpm = v[r->s_source];
    if (r->has_transmission) {
        r->tx.brake_norm = v[r->s_brake];
        r->tx.clutch_norm = v[r->s_clutch];
    }
}

void rotor_write(const rotor *r, double *v)
{
    v[r->s_rpm] = r->rpm;
    v[r->s_engine_rpm] = r->engine_rpm;
    v[r->s_a0] = r->a0;
    v[r->s_a1] = r->a1s;
    v[r->s_b1] = r->b1s;
    v[r->s_lambda] = r->lambda;
    v[r->s_mu] = r->mu;
    v[r->s_nu] = r->nu;
    v[r->s_vi] = r->v_induced_fps;
    v[r->s_ct] = r->c_t;
    v[r->s_torque] = r->torque_ftlb;
    v[r->s_theta_dw] = r->theta_dw_rad;
    v[r->s_phi_dw] = r->phi_dw_rad;
    v[r->s_ge_scale] = r->ge_scale;
    v[r->s_collective] = r->collective_rad;
    if (r->s_lateral >= 0) {
        v[r->s_lateral] = r->lateral_rad;
        v[r->s_longitudinal] = r->longitudinal_rad;
    }
    if (r->s_source >= 0)
        v[r->s_source] = r->source_rpm;
    if (r->has_transmission) {
        v[r->s_brake] = r->tx.brake_norm;
        v[r->s_clutch] = r->tx.clutch_norm;
        v[r->s_free_wheel] = r->tx.free_wheel;
    }
}

void rotor_follow(rotor *r, const rotor *source)
{
    r->source_rpm = source->rpm;
}

double rotor_rpm(const rotor *r)
{
    return r->rpm;
}

double rotor_engine_rpm(const rotor *r)
{
    return r->engine_rpm;
}

void rotor_set_rpm(rotor *r, double rpm)
{
    r->rpm = rpm;
}

rotor *rotor_clone(arena *ar, const rotor *src)
{
    return arena_dup(ar, src, sizeof *src);
}

/* ------------------------------------------------------------------ */
/* The rotor's aerodynamics                                             */

/* Body axes -> hub-shaft axes: the thruster's transpose, then the shaft's
 * right-angle turn (x_shaft = z_thruster, z_shaft = -x_thruster). */
static void body_to_shaft(const thruster *t, const double b[3], double s[3])
{
    double tb[3];
    for (int i = 0; i < 3; i++)
        tb[i] = t->mt[0][i] * b[0] + t->mt[1][i] * b[1] + t->mt[2][i] * b[2];
    s[0] = tb[2];
    s[1] = tb[1];
    s[2] = -tb[0];
}

/* Thrust and inflow, which depend on each other: the induced inflow nu
 * relaxes towards C_T / (2 sqrt(mu^2 + lambda^2)) with the inflow lag
 * (exactly, over a step, with mu and lambda held); flow_scale < 1 is the
 * ground effect's reduction of inflow (/TA77/ eqn 10a). */
static void flow_and_thrust(rotor *r, double *thrust_lbs, double rho, double theta_0, double uw, double ww,
                            double flow_scale)
{
    double tip_speed = r->omega_radps * r->radius_ft;
    r->mu = uw / tip_speed; /* /SH79/ eqn (24) */
    if (r->mu > 0.7)
        r->mu = 0.7;
    double mu = r->mu, mu2 = sqr(mu);
    double ct_t0 = (1.0 / 3.0 * r->b3 + 1.0 / 2.0 * r->tip_loss * mu2 - 4.0 / (9.0 * PJ_PI) * mu * mu2) * theta_0;
    double ct_t1 = (1.0 / 4.0 * r->b4 + 1.0 / 4.0 * r->b2 * mu2) * r->twist_rad;
    double ct_l = (1.0 / 2.0 * r->b2 + 1.0 / 4.0 * mu2) * r->lambda;
    double c0 = (r->lift_slope_prad / 2.0) * (ct_l + ct_t0 + ct_t1) * r->solidity;
    c0 = c0 / (2.0 * sqrt(sqr(mu) + sqr(r->lambda)) + 1e-15);
    r->nu = flow_scale * ((r->nu - c0) * r->inflow_decay + c0);

    r->lambda = ww / tip_speed - r->nu; /* /SH79/ eqn (25) */
    ct_l = (1.0 / 2.0 * r->b2 + 1.0 / 4.0 * mu2) * r->lambda;
    double ct_over_sigma = (r->lift_slope_prad / 2.0) * (ct_l + ct_t0 + ct_t1); /* eqn (27) */
    *thrust_lbs = r->num_blades * r->chord_ft * r->radius_ft * rho * sqr(tip_speed) * ct_over_sigma;
    r->c_t = ct_over_sigma * r->solidity;
    r->v_induced_fps = r->nu * tip_speed;
}

/* Coning, /SH79/ eqn (29) (a teetering rotor's pre-cone is close to it). */
static void coning(rotor *r, double rho, double theta_0)
{
    double lock_gamma = r->lock_by_rho * rho, mu = r->mu;
    double a0_l = (1.0 / 6.0 + 0.04 * mu * mu * mu) * r->lambda;
    double a0_t0 = (1.0 / 8.0 + 1.0 / 8.0 * mu * mu) * theta_0;
    double a0_t1 = (1.0 / 10.0 + 1.0 / 12.0 * mu * mu) * r->twist_rad;
    r->a0 = lock_gamma * (a0_l + a0_t0 + a0_t1);
}

/* First-harmonic flapping relative to the control axes, /SH79/ eqn (32);
 * a_dw is the longitudinal tilt the H force uses. */
static void flapping(rotor *r, double rho, double theta_0, const double pqr_w[3])
{
    double lock_gamma = r->lock_by_rho * rho, mu = r->mu, omega = r->omega_radps;
    double mu2_2 = sqr(mu) / 2.0;
    double t075 = theta_0 + 0.75 * r->twist_rad; /* rectangular blades */
    r->a_1 = 1.0 / (1.0 - mu2_2) *
             ((2.0 * r->lambda + (8.0 / 3.0) * t075) * mu + pqr_w[0] / omega -
              16.0 * pqr_w[1] / (lock_gamma * omega));
    r->b_1 = 1.0 / (1.0 + mu2_2) *
             ((4.0 / 3.0) * mu * r->a0 - pqr_w[1] / omega - 16.0 * pqr_w[0] / (lock_gamma * omega));
    r->a_dw = 1.0 / (1.0 - mu2_2) *
              ((2.0 * r->lambda + (8.0 / 3.0) * t075) * mu -
               24.0 * pqr_w[1] / (lock_gamma * omega) * (1.0 - (0.29 * t075 / (r->c_t / r->solidity))));
}

/* H and J forces, /SH79/ eqn (38, 39). */
static void drag_and_side(rotor *r, double thrust_lbs, double rho, double theta_0)
{
    double t075 = theta_0 + 0.75 * r->twist_rad, mu = r->mu, lambda = r->lambda;
    double a0 = r->a0, a_1 = r->a_1, b_1 = r->b_1;
    r->h_drag_lbs = thrust_lbs * r->a_dw;
    double cy_over_sigma = (0.75 * b_1 * lambda - 1.5 * a0 * mu * lambda + 0.25 * a_1 * b_1 * mu -
                            a0 * a_1 * sqr(mu) + (1.0 / 6.0) * a0 * a_1 -
                            (0.75 * mu * a0 - (1.0 / 3.0) * b_1 - 0.5 * sqr(mu) * b_1) * t075);
    cy_over_sigma *= r->lift_slope_prad / 2.0;
    r->j_side_lbs =
        r->num_blades * r->chord_ft * r->radius_ft * rho * sqr(r->omega_radps * r->radius_ft) * cy_over_sigma;
}

/* Shaft torque: profile drag with a blade drag estimate, plus induced and
 * parasite power (Bramwell eqn 3.43, 3.44; simplified /SH79/ eqn 36). */
static void torque(rotor *r, double thrust_lbs, double rho)
{
    double delta_dr = 0.009 + 0.3 * sqr(6.0 * r->c_t / (r->lift_slope_prad * r->solidity));
    r->torque_ftlb = rho * r->num_blades * r->chord_ft * delta_dr * sqr(r->omega_radps * r->radius_ft) * r->r2 *
                         (1.0 + 4.5 * sqr(r->mu)) / 8.0 -
                     (thrust_lbs * r->lambda + r->h_drag_lbs * r->mu) * r->radius_ft;
}

/* The downwash's angles from the shaft axis, from the airspeed only; they
 * add last frame's cyclic flapping, as JSBSim's (it is updated after). */
static void downwash(rotor *r, const thruster *t, const prop_in *in)
{
    double vs[3];
    body_to_shaft(t, in->aero_uvw_fps, vs);
    r->theta_dw_rad = trig_atan2(-vs[0], r->v_induced_fps - vs[2]) + r->a1s;
    r->phi_dw_rad = trig_atan2(vs[1], r->v_induced_fps - vs[2]) + r->b1s;
}

static void rotor_state(thruster *t, const prop_in *in)
{
    rotor *r = t->rot;
    double rho = in->density_slugpft3;
    if (r->source != SOURCE_NONE)
        r->rpm = r->source_rpm * (r->source_gear_ratio / t->gear_ratio);
    r->rpm = constrain(r->min_rpm, r->rpm, r->max_rpm); /* min >= 1: omega > 0 */
    r->omega_radps = (r->rpm / 60.0) * 2.0 * PJ_PI;
    double a_ic = r->lateral_rad, b_ic = r->longitudinal_rad, theta_col = r->collective_rad;

    /* ground effect: 1 none, down to 0.5 at most */
    double ge_factor = 1.0;
    if (r->ge_exp_pft > 1e-5) {
        double h_agl_ft = in->h_agl_ft < 0.0 ? 0.0 : in->h_agl_ft;
        double filtered = lag_filter_run(&r->hagl, h_agl_ft) + r->ge_shift_ft;
        /* scaled by actual/nominal speed: no absurd factor while spinning up */
        ge_factor -= r->ge_scale * (exp(-filtered * r->ge_exp_pft) * (r->rpm / r->nominal_rpm));
        ge_factor = constrain(0.5, ge_factor, 1.0);
    }

    /* the hub's airspeed in control axes, /SH79/ eqn (19-22) */
    double arm[3], rot[3], v_r[3], vs[3];
    thruster_arm_ft(in, t->acting_in, arm);
    pj_cross(in->aero_pqr_radps, arm, rot);
    for (int i = 0; i < 3; i++)
        v_r[i] = in->aero_uvw_fps[i] + rot[i];
    body_to_shaft(t, v_r, vs);
    r->beta_orient_rad = trig_atan2(vs[1], vs[0]);
    double cb = trig_cos(r->beta_orient_rad), sb = trig_sin(r->beta_orient_rad);
    double uw = vs[0] * cb + vs[1] * sb;
    double ww = vs[2] - b_ic * vs[0] - a_ic * vs[1];
    /* the fuselage's rates in control axes, /SH79/ eqn (30, 31) */
    double ps[3], pw[3];
    body_to_shaft(t, in->aero_pqr_radps, ps);
    pw[0] = ps[0] * cb + ps[1] * sb;
    pw[1] = -ps[0] * sb + ps[1] * cb;
    pw[2] = ps[2];

    double thrust;
    flow_and_thrust(r, &thrust, rho, theta_col, uw, ww, ge_factor);
    coning(r, rho, theta_col);
    flapping(r, rho, theta_col, pw);
    drag_and_side(r, thrust, rho, theta_col);
    torque(r, thrust, rho);
    downwash(r, t, in);
    t->thrust_lbs = thrust;

    /* forces: control -> shaft axes (/SH79/ eqn 40, 41), then shaft ->
     * thruster axes (x_thruster = -z_shaft, z_thruster = x_shaft) */
    double fs[3] = {-r->h_drag_lbs * cb - r->j_side_lbs * sb + thrust * b_ic,
                    -r->h_drag_lbs * sb + r->j_side_lbs * cb + thrust * a_ic, -thrust};
    t->fn_lbs[0] = -fs[2];
    t->fn_lbs[1] = fs[1];
    t->fn_lbs[2] = fs[0];
    /* hub moments from the hinge offset (cyclic flapping relative to the
     * shaft, /SH79/ eqn 43) and the shaft torque, into body axes */
    r->a1s = r->a_1 * cb + r->b_1 * sb - b_ic;
    r->b1s = r->b_1 * cb - r->a_1 * sb + a_ic;
    double mf = 0.5 * r->hinge_offset_ft * r->num_blades * r->omega_radps * r->omega_radps * r->mass_moment_slugft;
    double ms[3] = {mf * r->b1s, mf * r->a1s, r->torque_ftlb * r->sense};
    double mn[3] = {-ms[2], ms[1], ms[0]};
    for (int i = 0; i < 3; i++)
        t->mn_ftlb[i] = t->mt[i][0] * mn[0] + t->mt[i][1] * mn[1] + t->mt[i][2] * mn[2];
}

double rotor_calculate(thruster *t, const prop_in *in, double engine_power_ftlbps)
{
    rotor *r = t->rot;
    rotor_state(t, in);
    if (r->has_transmission) {
        transmission_calculate(&r->tx, engine_power_ftlbps, r->torque_ftlb, in->dt_s);
        r->engine_rpm = r->tx.engine_rpm * t->gear_ratio;
        r->rpm = r->tx.thruster_rpm;
    } else {
        r->engine_rpm = r->rpm * t->gear_ratio;
    }
    r->rpm = constrain(r->min_rpm, r->rpm, r->max_rpm);
    return t->thrust_lbs;
}
