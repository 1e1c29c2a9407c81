/*
 * nasa_run.c - builds a simulation from a check-case definition, runs it
 * and writes NASA-style CSV (see nasa_run.h).
 */
#include "check/nasa_run.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include "earth/earth.h"
#include "math/units.h"
#include "math/vec3.h"
#include "model/daveml_vehicle.h"
#include "model/f16_vehicle.h"
#include "math/trig.h"

const char *const nasa_columns[] = {
    "time",
    "gePosition_ft_X", "gePosition_ft_Y", "gePosition_ft_Z",
    "eiPosition_ft_X", "eiPosition_ft_Y", "eiPosition_ft_Z",
    "eiVelocity_ft_s_X", "eiVelocity_ft_s_Y", "eiVelocity_ft_s_Z",
    "feVelocity_ft_s_X", "feVelocity_ft_s_Y", "feVelocity_ft_s_Z",
    "altitudeMsl_ft", "latitude_deg", "longitude_deg", "localGravity_ft_s2",
    "eulerAngle_deg_Yaw", "eulerAngle_deg_Pitch", "eulerAngle_deg_Roll",
    "bodyAngularRateWrtEi_deg_s_Roll", "bodyAngularRateWrtEi_deg_s_Pitch",
    "bodyAngularRateWrtEi_deg_s_Yaw",
    "altitudeRateWrtMsl_ft_min", "speedOfSound_ft_s", "airDensity_slug_ft3",
    "ambientPressure_lbf_ft2", "ambientTemperature_dgR",
    "aero_bodyForce_lbf_X", "aero_bodyForce_lbf_Y", "aero_bodyForce_lbf_Z",
    "aero_bodyMoment_ftlbf_L", "aero_bodyMoment_ftlbf_M", "aero_bodyMoment_ftlbf_N",
    "mach", "dynamicPressure_lbf_ft2", "trueAirspeed_nmi_h",
};
const int nasa_column_count = (int)(sizeof nasa_columns / sizeof nasa_columns[0]);

void nasa_write_row(FILE *f, const saqr_outputs *o)
{
    if (!o) {
        for (int i = 0; i < nasa_column_count; i++)
            fprintf(f, "%s%s", nasa_columns[i], i + 1 < nasa_column_count ? "," : "\n");
        return;
    }
    const double ft = 1.0 / M_PER_FT, d = DEG_PER_RAD;
    double v[] = {
        o->time_s,
        o->pos_ecef_m[0] * ft, o->pos_ecef_m[1] * ft, o->pos_ecef_m[2] * ft,
        o->pos_eci_m[0] * ft, o->pos_eci_m[1] * ft, o->pos_eci_m[2] * ft,
        o->vel_eci_mps[0] * ft, o->vel_eci_mps[1] * ft, o->vel_eci_mps[2] * ft,
        o->vel_ned_mps[0] * ft, o->vel_ned_mps[1] * ft, o->vel_ned_mps[2] * ft,
        o->alt_m * ft, o->lat_rad * d, o->lon_rad * d, o->gravity_mps2 * ft,
        o->euler_rad[2] * d, o->euler_rad[1] * d, o->euler_rad[0] * d,
        o->omega_body_inertial_radps[0] * d, o->omega_body_inertial_radps[1] * d,
        o->omega_body_inertial_radps[2] * d,
        o->alt_rate_mps * ft * S_PER_MIN, o->sound_speed_mps * ft,
        o->density_kgpm3 / KGPM3_PER_SLUGPFT3, o->pressure_pa / PA_PER_PSF,
        o->temperature_k / K_PER_R,
        o->aero_force_body_n[0] / N_PER_LBF, o->aero_force_body_n[1] / N_PER_LBF,
        o->aero_force_body_n[2] / N_PER_LBF,
        o->aero_moment_body_nm[0] / (N_PER_LBF * M_PER_FT),
        o->aero_moment_body_nm[1] / (N_PER_LBF * M_PER_FT),
        o->aero_moment_body_nm[2] / (N_PER_LBF * M_PER_FT),
        o->mach, o->qbar_pa / PA_PER_PSF, o->airspeed_true_mps / MPS_PER_KT,
    };
    for (int i = 0; i < nasa_column_count; i++)
        fprintf(f, "%.17g%s", v[i], i + 1 < nasa_column_count ? "," : "\n");
}

/* Joins root and a relative file name. */
static int join(char *buf, size_t n, const char *root, const char *rel)
{
    int k = snprintf(buf, n, "%s/%s", root, rel);
    return k > 0 && (size_t)k < n;
}

static saqr_status setup(saqr_sim *sim, const nasa_case *c, double mass_kg, const double inertia[3][3],
                         saqr_force_fn fn, void *user, saqr_err *err)
{
    saqr_earth_config ec = saqr_earth_default(c->earth);
    saqr_initial_state init = c->init;
    if (c->rates_wrt_ned)
        nasa_rates_from_ned(&ec, c->init.omega_body_radps, &init);
    saqr_integrator s = c->integrator;
    saqr_integrator_config ic = {s, s, s, s};
    saqr_status st;
    if ((st = saqr_set_earth(sim, &ec)) || (st = saqr_set_integrator(sim, &ic)) ||
        (st = saqr_set_mass(sim, mass_kg, inertia)) || (st = saqr_set_wind(sim, &c->wind)) ||
        (st = saqr_set_force_model(sim, fn, user)) || (st = saqr_init(sim, &init)))
        return err_set(err, st, "case %s: %s", c->id, saqr_error(sim));
    return SAQR_OK;
}

/* Wraps an angle difference into (-pi, pi]. */
static double wrap_pi(double a)
{
    a = fmod(a, 2.0 * UNITS_PI);
    if (a > UNITS_PI)
        a -= 2.0 * UNITS_PI;
    else if (a <= -UNITS_PI)
        a += 2.0 * UNITS_PI;
    return a;
}

/* Geometry the position quantities are measured against, fixed at t = 0,
 * and the quantities of the previous step (for NASA_CONTINUOUS/_CROSS). */
typedef struct watcher {
    earth_model earth;
    double p0_ecef_m[3];       /* position at t = 0                        */
    double right0_ecef[3];     /* unit horizontal vector right of the      */
                               /* initial ground track, at p0              */
    int has_ref;
    double ref_ecef_m[3];      /* reference point on the surface           */
    double prev[NASA_Q_COUNT];
} watcher;

/* Distance of p right of the vertical plane through p0 along the initial
 * ground track (see nasa_run.h). */
static double cross_track_m(const watcher *w, const double p_ecef_m[3])
{
    double d[3];
    vec3_sub(d, p_ecef_m, w->p0_ecef_m);
    return vec3_dot(d, w->right0_ecef);
}

/* Distance from the reference point: on the flat Earth horizontal; else
 * the angle at the Earth's centre times the aircraft's radius. */
static double range_m(const watcher *w, const double p_ecef_m[3])
{
    if (!w->has_ref)
        return 0.0;
    if (w->earth.cfg.kind == SAQR_EARTH_FLAT)
        return hypot(p_ecef_m[0] - w->ref_ecef_m[0], p_ecef_m[1] - w->ref_ecef_m[1]);
    double x[3];
    vec3_cross(x, p_ecef_m, w->ref_ecef_m);
    return vec3_norm(p_ecef_m) * trig_atan2(vec3_norm(x), vec3_dot(p_ecef_m, w->ref_ecef_m));
}

static saqr_status watcher_init(watcher *w, const nasa_case *c, const saqr_outputs *o, saqr_err *err)
{
    memset(w, 0, sizeof *w);
    saqr_earth_config ec = saqr_earth_default(c->earth);
    saqr_status st = earth_init(&w->earth, &ec, err);
    if (st != SAQR_OK)
        return st;
    vec3_copy(w->p0_ecef_m, o->pos_ecef_m);
    double vh = hypot(o->vel_ned_mps[0], o->vel_ned_mps[1]);
    if (vh > 0.0) {
        double right_ned[3] = {-o->vel_ned_mps[1] / vh, o->vel_ned_mps[0] / vh, 0.0}, cne[3][3];
        earth_dcm_ned_from_ecef(&w->earth, o->lat_rad, o->lon_rad, cne);
        for (int i = 0; i < 3; i++)
            w->right0_ecef[i] = cne[0][i] * right_ned[0] + cne[1][i] * right_ned[1] + cne[2][i] * right_ned[2];
    }
    if (c->has_ref_point) {
        w->has_ref = 1;
        earth_ecef_from_geodetic(&w->earth, c->ref_lat_rad, c->ref_lon_rad, 0.0, w->ref_ecef_m);
    }
    return SAQR_OK;
}

static void quantities(const watcher *w, const saqr_outputs *o, double q[NASA_Q_COUNT])
{
    q[NASA_Q_ALTITUDE] = o->alt_m;
    q[NASA_Q_TRUE_AIRSPEED] = o->airspeed_true_mps;
    q[NASA_Q_EQUIVALENT_AIRSPEED] = f16_eas_mps(o->qbar_pa);
    q[NASA_Q_HEADING] = o->euler_rad[2];
    q[NASA_Q_COURSE] = trig_atan2(o->vel_ned_mps[1], o->vel_ned_mps[0]);
    q[NASA_Q_CROSS_TRACK] = cross_track_m(w, o->pos_ecef_m);
    q[NASA_Q_RANGE] = range_m(w, o->pos_ecef_m);
    q[NASA_Q_LATITUDE] = o->lat_rad;
    q[NASA_Q_LONGITUDE] = o->lon_rad;
}

static int is_angle(int q)
{
    return q == NASA_Q_HEADING || q == NASA_Q_COURSE || q == NASA_Q_LONGITUDE;
}

/* Updates the result with the outputs at time t (first call: t = 0). */
static void watch(const nasa_case *c, nasa_run_result *res, watcher *w, const saqr_outputs *o, double t)
{
    double q[NASA_Q_COUNT];
    quantities(w, o, q);
    if (t == 0.0)
        memcpy(w->prev, q, sizeof q);
    for (int i = 0; i < NASA_Q_COUNT; i++) {
        double d = q[i] - res->initial[i];
        if (is_angle(i))
            d = wrap_pi(d);
        if (fabs(d) > res->max_dev[i])
            res->max_dev[i] = fabs(d);
        res->final[i] = q[i];
    }
    for (int k = 0; k < c->n_criteria; k++) {
        const nasa_criterion *cr = &c->criteria[k];
        nasa_criterion_result *r = &res->crit[k];
        int qi = cr->quantity;
        double d;
        if (cr->kind == NASA_CROSS) {
            double a = q[qi] - cr->value, b = w->prev[qi] - cr->value;
            if (is_angle(qi)) {
                a = wrap_pi(a);
                b = wrap_pi(b);
            }
            /* a sign change across the value, not across its antipode */
            if (((b < 0.0 && a >= 0.0) || (b > 0.0 && a <= 0.0)) && fabs(a - b) < UNITS_PI) {
                r->crossings++;
                r->at_time_s = t;
            }
            continue;
        }
        if (cr->kind == NASA_CONTINUOUS) {
            d = q[qi] - w->prev[qi];
            if (is_angle(qi))
                d = wrap_pi(d);
            if ((qi == NASA_Q_LONGITUDE && fabs(q[qi]) > UNITS_PI) ||
                (qi == NASA_Q_LATITUDE && fabs(q[qi]) > UNITS_PI / 2) || !isfinite(q[qi]))
                d = HUGE_VAL; /* outside the principal range: not wrapped */
        } else {
            d = q[qi] - (cr->has_value ? 0.0 : res->initial[qi]);
            if (cr->kind == NASA_REACH) {
                if (t < cr->after_s - 1e-9)
                    continue;
                d -= cr->has_value ? cr->value : cr->change;
            }
            if (is_angle(qi))
                d = wrap_pi(d);
        }
        if (fabs(d) > r->worst) {
            r->worst = fabs(d);
            r->at_time_s = t;
        }
    }
    memcpy(w->prev, q, sizeof q);
}

/* Feeds the control law its cross-track input for the state `o` at the
 * start of the step at t0. */
static saqr_status feed_cross_track(const nasa_case *c, const watcher *w, f16_vehicle *ac, const saqr_outputs *o,
                                    double t0, saqr_err *err)
{
    const nasa_cross_track *x = &c->cross_track;
    if (!x->var[0])
        return SAQR_OK;
    double offset = t0 >= x->time_s - 1e-9 ? x->offset_m : 0.0;
    return f16_vehicle_set_input(ac, x->var, (cross_track_m(w, o->pos_ecef_m) - offset) * x->unit_per_m, err);
}

/* Writes one row; for an aircraft the aero columns hold aerodynamics only
 * (the force model's total includes thrust). */
static void write_row(FILE *f, const saqr_outputs *o, const f16_vehicle *ac)
{
    if (!ac) {
        nasa_write_row(f, o);
        return;
    }
    saqr_outputs w = *o;
    vec3_copy(w.aero_force_body_n, ac->aero_force_body_n);
    vec3_copy(w.aero_moment_body_nm, ac->aero_moment_body_nm);
    nasa_write_row(f, &w);
}

/* Sets the control inputs that take their value from a state input of the
 * law at t = 0 (after trim), e.g. the altitude command = the altitude. */
static saqr_status copy_inputs(const nasa_case *c, f16_vehicle *ac, saqr_err *err)
{
    for (int i = 0; i < c->n_control_inputs; i++) {
        const nasa_override *o = &c->control_inputs[i];
        if (!o->from[0])
            continue;
        double v = f16_vehicle_get(ac, o->from);
        if (!isfinite(v))
            return err_set(err, SAQR_ENOTFOUND, "case %s: the control law has no variable \"%s\"", c->id, o->from);
        saqr_status st = f16_vehicle_set_input(ac, o->var, v, err);
        if (st != SAQR_OK)
            return st;
    }
    return SAQR_OK;
}

/* The time loop.  An aircraft's law is evaluated at the start of each
 * step from the state then and held; its engine power is held over the
 * step and advanced after it. */
static saqr_status fly(saqr_sim *sim, const nasa_case *c, f16_vehicle *ac, FILE *f, nasa_run_result *res,
                       saqr_err *err)
{
    long steps = lround(c->duration_s / c->step_s);
    long every = lround(c->output_dt_s / c->step_s);
    saqr_outputs o;
    nasa_write_row(f, NULL);
    saqr_get_outputs(sim, &o);
    watcher w;
    saqr_status st = watcher_init(&w, c, &o, err);
    if (st != SAQR_OK)
        return st;
    quantities(&w, &o, res->initial);
    watch(c, res, &w, &o, 0.0);
    write_row(f, &o, ac);
    int applied[NASA_MAX_EVENTS] = {0};
    for (long k = 1; k <= steps && st == SAQR_OK; k++) {
        double t0 = (double)(k - 1) * c->step_s;
        if (ac) {
            for (int e = 0; e < c->n_events && st == SAQR_OK; e++) {
                const nasa_event *ev = &c->events[e];
                if (applied[e] || ev->time_s > t0 + 1e-9)
                    continue;
                applied[e] = 1;
                double v = ev->value + (ev->add ? f16_vehicle_get(ac, ev->var) : 0.0);
                st = f16_vehicle_set_input(ac, ev->var, v, err);
            }
            if (st != SAQR_OK || (st = feed_cross_track(c, &w, ac, &o, t0, err)) != SAQR_OK)
                break;
            f16_vehicle_control(ac, &o);
        }
        if ((st = saqr_step(sim, c->step_s)) != SAQR_OK) {
            st = err_set(err, st, "case %s: %s", c->id, saqr_error(sim));
            break;
        }
        if (ac)
            f16_vehicle_engine_step(ac, c->step_s);
        saqr_get_outputs(sim, &o);
        double t = (double)k * c->step_s; /* no accumulated rounding in the time column */
        o.time_s = t;
        watch(c, res, &w, &o, t);
        if (k % every == 0)
            write_row(f, &o, ac);
    }
    return st;
}

static saqr_status run_body(const nasa_case *c, const char *root, FILE *f, nasa_run_result *res, saqr_err *err)
{
    char inertia[1024], aero[1024];
    if (!join(inertia, sizeof inertia, root, c->inertia_file) ||
        (c->aero_file[0] && !join(aero, sizeof aero, root, c->aero_file)))
        return err_set(err, SAQR_EINVAL, "case %s: model path too long", c->id);
    daveml_vehicle veh;
    saqr_status st = daveml_vehicle_load(&veh, inertia, c->aero_file[0] ? aero : NULL, NULL, err);
    if (st != SAQR_OK)
        return st;
    for (int i = 0; i < c->n_overrides && st == SAQR_OK; i++)
        st = daveml_vehicle_override(&veh, c->overrides[i].var, c->overrides[i].value, err);
    saqr_sim *sim = st == SAQR_OK ? saqr_create(NULL) : NULL;
    if (st == SAQR_OK && !sim)
        st = err_set(err, SAQR_ENOMEM, "out of memory");
    if (st == SAQR_OK)
        st = setup(sim, c, veh.mass_kg, veh.inertia_kgm2, daveml_vehicle_forces, &veh, err);
    if (st == SAQR_OK)
        st = fly(sim, c, NULL, f, res, err);
    saqr_destroy(sim);
    daveml_vehicle_free(&veh);
    return st;
}

static saqr_status aircraft_config(const nasa_case *c, const char *root, f16_config *cfg, saqr_err *err)
{
    memset(cfg, 0, sizeof *cfg);
    if (!join(cfg->inertia_path, sizeof cfg->inertia_path, root, c->inertia_file) ||
        !join(cfg->aero_path, sizeof cfg->aero_path, root, c->aero_file) ||
        !join(cfg->prop_path, sizeof cfg->prop_path, root, c->prop_file) ||
        (c->control_file[0] && !join(cfg->control_path, sizeof cfg->control_path, root, c->control_file)))
        return err_set(err, SAQR_EINVAL, "case %s: model path too long", c->id);
    cfg->lag = c->engine_lag ? F16_ENGINE_LAG_STEVENS_LEWIS : F16_ENGINE_LAG_NONE;
    for (int i = 0; i < c->n_inertia_inputs && i < F16_MAX_SETTINGS; i++) {
        daveml_setting *d = &cfg->inertia_inputs[cfg->n_inertia_inputs++];
        memcpy(d->var, c->inertia_inputs[i].var, sizeof d->var);
        d->value = c->inertia_inputs[i].value;
    }
    for (int i = 0; i < c->n_control_inputs; i++) {
        if (c->control_inputs[i].from[0])
            continue;
        if (cfg->n_control_inputs >= F16_MAX_SETTINGS)
            return err_set(err, SAQR_EINVAL, "case %s: too many control settings", c->id);
        daveml_setting *d = &cfg->control_inputs[cfg->n_control_inputs++];
        memcpy(d->var, c->control_inputs[i].var, sizeof d->var);
        d->value = c->control_inputs[i].value;
    }
    return SAQR_OK;
}

static saqr_status run_aircraft(const nasa_case *c, const char *root, FILE *f, nasa_run_result *res,
                                saqr_err *err)
{
    f16_config cfg;
    f16_vehicle ac;
    saqr_status st = aircraft_config(c, root, &cfg, err);
    if (st != SAQR_OK || (st = f16_vehicle_load(&ac, &cfg, NULL, err)) != SAQR_OK)
        return st;
    saqr_sim *sim = saqr_create(NULL);
    if (!sim)
        st = err_set(err, SAQR_ENOMEM, "out of memory");
    saqr_initial_state init = c->init;
    if (st == SAQR_OK)
        st = setup(sim, c, ac.mass_kg, ac.inertia_kgm2, f16_vehicle_forces, &ac, err);
    if (st == SAQR_OK && c->trim) {
        res->trimmed = 1;
        saqr_earth_config ec = saqr_earth_default(c->earth);
        st = nasa_trim_level(sim, &ac, &init, c->step_s, c->rates_wrt_ned ? &ec : NULL, &res->trim, err);
        if (st != SAQR_OK)
            st = err_set(err, st, "case %s: %s", c->id, err->msg);
    }
    if (st == SAQR_OK) {
        saqr_outputs o;
        saqr_get_outputs(sim, &o);
        f16_vehicle_control(&ac, &o); /* feeds the law the t = 0 state */
        st = copy_inputs(c, &ac, err);
        if (!c->trim)
            ac.power_pct = ac.pla_pct;
    }
    if (st == SAQR_OK)
        st = fly(sim, c, &ac, f, res, err);
    saqr_destroy(sim);
    f16_vehicle_free(&ac);
    return st;
}

saqr_status nasa_run_case_ex(const nasa_case *c, const char *root, const char *csv_path, nasa_run_result *res,
                             saqr_err *err)
{
    nasa_run_result local;
    if (!res)
        res = &local;
    memset(res, 0, sizeof *res);
    res->n_criteria = c->n_criteria;
    FILE *f = fopen(csv_path, "w");
    if (!f)
        return err_set(err, SAQR_EIO, "%s: cannot write: %s", csv_path, strerror(errno));
    saqr_status st = c->vehicle == NASA_VEHICLE_AIRCRAFT ? run_aircraft(c, root, f, res, err)
                                                         : run_body(c, root, f, res, err);
    if (fclose(f) != 0 && st == SAQR_OK)
        st = err_set(err, SAQR_EIO, "%s: write failed", csv_path);
    res->pass = st == SAQR_OK;
    for (int k = 0; k < c->n_criteria; k++) {
        res->crit[k].pass = c->criteria[k].kind == NASA_CROSS ? res->crit[k].crossings >= c->criteria[k].count
                                                             : res->crit[k].worst <= c->criteria[k].within;
        res->pass = res->pass && res->crit[k].pass;
    }
    return st;
}

saqr_status nasa_run_case(const nasa_case *c, const char *root, const char *csv_path, saqr_err *err)
{
    return nasa_run_case_ex(c, root, csv_path, NULL, err);
}
