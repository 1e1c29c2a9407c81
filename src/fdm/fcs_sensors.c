/*
 * fcs_sensors.c - sensors of a JSBSim flight control system: sensor (a
 * property seen through lag, noise, drift, gain, bias, delay, failure and
 * quantisation, in that order, then the clip), accelerometer (specific
 * force at a structural location, ft/s^2), gyro (inertial body rate,
 * rad/s) and magnetometer (Earth field, nT), the last three along one
 * axis of a sensor frame rotated from the body by <orientation>.
 *
 * Noise draws from the aircraft's generator: uniform in [-1, 1) or standard
 * normal, scaled as PERCENT (output *= 1 + k r) or ABSOLUTE (output += k r).
 * A sensor with noise publishes <name>/randomseed: a non-zero whole number
 * written there gives its noise a stream of its own, started from that
 * seed (again at each change and after a reset), whatever the aircraft's
 * seed; 0 (the default) keeps it on the aircraft's generator.  JSBSim's
 * sequence (std::default_random_engine) is not reproduced, only its
 * distributions.  The magnetometer uses a centred dipole with the
 * IGRF-13 2020 first-degree coefficients where JSBSim evaluates the World
 * Magnetic Model at the wall-clock date; the dipole is within a few
 * thousand nT of it, and deterministic.
 * Reference: JSBSim src/models/flight_control/FGSensor.cpp,
 * FGAccelerometer.cpp, FGGyro.cpp, FGMagnetometer.cpp,
 * FGSensorOrientation.h; IAGA, "International Geomagnetic Reference
 * Field: the thirteenth generation", Earth Planets Space 73:49, 2021.
 */
#include <math.h>
#include <string.h>

#include "fdm/fcs_internal.h"
#include "math/quat.h"
#include "math/units.h"
#include "math/trig.h"

#define FT_PER_M (1.0 / 0.3048)
#define MAG_UPDATE_FRAMES 1000 /* JSBSim's INERTIAL_UPDATE_RATE */

/* IGRF-13 at epoch 2020.0, nT, and the reference radius, m */
#define IGRF_G10 (-29404.8)
#define IGRF_G11 (-1450.9)
#define IGRF_H11 4652.5
#define IGRF_A_M 6371200.0

static saqr_status load_orientation(jx_ctx *c, const xmlNode *el, fcs_comp *k)
{
    fcs_sensor *s = &k->u.sens;
    double o[3] = {0.0, 0.0, 0.0};
    const xmlNode *oe = jx_first(el, "orientation");
    if (oe && jx_triplet(c, oe, "RAD", 1, o))
        return SAQR_EPARSE;
    dcm_from_euler(o, s->mT);
    s->axis = -1;
    const xmlNode *ax = jx_first(el, "axis");
    if (ax) {
        const char *t = jx_text(c, ax);
        if (strcmp(t, "X") == 0 || strcmp(t, "x") == 0)
            s->axis = 0;
        else if (strcmp(t, "Y") == 0 || strcmp(t, "y") == 0)
            s->axis = 1;
        else if (strcmp(t, "Z") == 0 || strcmp(t, "z") == 0)
            s->axis = 2;
    }
    if (s->axis < 0) {
        jx_warn(c, el, "%s \"%s\": no or bad <axis>, X assumed", (const char *)el->name, k->name);
        s->axis = 0;
    }
    if (k->type != FCS_GYRO) {
        const xmlNode *loc = jx_first(el, "location");
        if (!loc)
            return jx_error(c, el, "%s \"%s\" needs a <location>", (const char *)el->name, k->name);
        if (jx_triplet(c, loc, "M", 0, s->location_m))
            return SAQR_EPARSE;
    }
    return SAQR_OK;
}

saqr_status fcs_sensor_load(jx_ctx *c, const xmlNode *el, fcs_comp *k)
{
    fcs_sensor *s = &k->u.sens;
    s->quant_slot = -1;
    const xmlNode *q = jx_first(el, "quantization");
    if (q) {
        double bits = 0.0;
        if (fcs_child_number(c, q, "bits", &bits) || fcs_child_number(c, q, "min", &s->qmin) ||
            fcs_child_number(c, q, "max", &s->qmax))
            return SAQR_EPARSE;
        if (bits < 0.0 || bits > 30.0)
            return jx_error(c, q, "<bits> must be 0..30");
        s->bits = (int)bits;
        s->divisions = 1 << s->bits;
        s->span = s->qmax - s->qmin;
        s->granularity = s->span / s->divisions;
        const char *qn = jx_attr(c, q, "name");
        /* JSBSim publishes the count only for a name without '/' */
        if (qn && *qn && !strchr(qn, '/')) {
            char prop[PROP_NAME_MAX];
            fcs_component_property(qn, prop, sizeof prop);
            s->quant_slot = jx_property(c, q, prop, PROP_PRODUCED | PROP_READONLY);
            if (s->quant_slot < 0)
                return SAQR_EPARSE;
        }
    }
    if (fcs_child_number(c, el, "bias", &s->bias) || fcs_child_number(c, el, "gain", &s->gain) ||
        fcs_child_number(c, el, "drift_rate", &s->drift_rate) || fcs_child_number(c, el, "lag", &s->lag))
        return SAQR_EPARSE;
    const xmlNode *nz = jx_first(el, "noise");
    if (nz) {
        if (fcs_number(c, nz, &s->noise_variance))
            return SAQR_EPARSE;
        const char *var = jx_attr(c, nz, "variation");
        if (var && strcmp(var, "ABSOLUTE") == 0) {
            s->noise_type = NOISE_ABSOLUTE;
        } else {
            if (!var || strcmp(var, "PERCENT") != 0)
                jx_warn(c, nz, "sensor \"%s\": noise variation taken as PERCENT", k->name);
            s->noise_type = NOISE_PERCENT;
        }
        const char *dist = jx_attr(c, nz, "distribution");
        if (dist && strcmp(dist, "GAUSSIAN") == 0) {
            s->distribution = DIST_GAUSSIAN;
        } else {
            if (!dist || strcmp(dist, "UNIFORM") != 0)
                jx_warn(c, nz, "sensor \"%s\": noise distribution taken as UNIFORM", k->name);
            s->distribution = DIST_UNIFORM;
        }
    }
    s->fail_low_slot = fcs_comp_subproperty(c, el, k, "malfunction/fail_low", PROP_INPUT);
    s->fail_high_slot = fcs_comp_subproperty(c, el, k, "malfunction/fail_high", PROP_INPUT);
    s->fail_stuck_slot = fcs_comp_subproperty(c, el, k, "malfunction/fail_stuck", PROP_INPUT);
    if (s->fail_low_slot < 0 || s->fail_high_slot < 0 || s->fail_stuck_slot < 0)
        return SAQR_EPARSE;
    s->seed_slot = -1;
    if (s->noise_variance != 0.0 && (s->seed_slot = fcs_comp_subproperty(c, el, k, "randomseed", PROP_INPUT)) < 0)
        return SAQR_EPARSE;
    if (k->type != FCS_SENSOR)
        return load_orientation(c, el, k);
    return SAQR_OK;
}

void fcs_sensor_set_dt(const fcs_comp *k, fcs_cstate *s, double dt)
{
    const double lag = k->u.sens.lag;
    if (lag != 0.0)
        fcs_lag_coefficients(lag, dt, &fcs_sensor_st(s)->ca, &fcs_sensor_st(s)->cb);
}

/* Centred-dipole field at geodetic latitude/longitude (taken as
 * geocentric) and altitude: north, east, down, nT. */
static void dipole_field(double lat_rad, double lon_rad, double alt_m, double ned_nt[3])
{
    double theta = UNITS_PI_2 - lat_rad; /* colatitude */
    double ratio = IGRF_A_M / (IGRF_A_M + alt_m);
    double k3 = ratio * ratio * ratio;
    double st = trig_sin(theta), ct = trig_cos(theta), sp = trig_sin(lon_rad), cp = trig_cos(lon_rad);
    double h = IGRF_G11 * cp + IGRF_H11 * sp;
    ned_nt[0] = k3 * (-IGRF_G10 * st + h * ct);
    ned_nt[1] = k3 * (IGRF_G11 * sp - IGRF_H11 * cp);
    ned_nt[2] = -2.0 * k3 * (IGRF_G10 * ct + h * st);
}

static void mat_vec(const double m[3][3], const double x[3], double y[3])
{
    for (int i = 0; i < 3; i++)
        y[i] = m[i][0] * x[0] + m[i][1] * x[1] + m[i][2] * x[2];
}

static void cross(const double a[3], const double b[3], double out[3])
{
    out[0] = a[1] * b[2] - a[2] * b[1];
    out[1] = a[2] * b[0] - a[0] * b[2];
    out[2] = a[0] * b[1] - a[1] * b[0];
}

/* The body-axis quantity an inertial sensor measures, JSBSim units. */
static double inertial_input(const fcs_comp *k, fcs_sensor_state *ss, const fdm_env *e)
{
    const fcs_sensor *s = &k->u.sens;
    double body[3], sensed[3];
    if (k->type == FCS_GYRO) {
        for (int i = 0; i < 3; i++)
            body[i] = e->omega_inertial_radps[i];
    } else if (k->type == FCS_ACCELEROMETER) {
        double r[3], a1[3], w_r[3], a2[3];
        fdm_arm_body_m(e, s->location_m, r);
        cross(e->omega_dot_inertial_radps2, r, a1);
        cross(e->omega_inertial_radps, r, w_r);
        cross(e->omega_inertial_radps, w_r, a2);
        for (int i = 0; i < 3; i++)
            body[i] = (e->accel_body_mps2[i] + a1[i] + a2[i]) * FT_PER_M;
    } else {
        if (ss->mag_counter++ % MAG_UPDATE_FRAMES == 0)
            dipole_field(e->lat_geod_rad, e->lon_rad, e->alt_asl_m, ss->mag_field_nt);
        mat_vec(e->c_body_ned, ss->mag_field_nt, body);
    }
    mat_vec(s->mT, body, sensed);
    return sensed[s->axis];
}

/* The generator a sensor's noise draws from: its own while its
 * randomseed is a non-zero whole number (JSBSim's int) up to 2^53,
 * (re)started from the seed when that changes; else the aircraft's. */
static saqr_rng *noise_stream(const fcs_sensor *s, fcs_sensor_state *ss, const double *v, saqr_rng *shared)
{
    const double seed = v[s->seed_slot];
    if (seed == 0.0 || !(fabs(seed) <= 9007199254740992.0) || seed != floor(seed))
        return shared;
    if (seed != ss->seed) {
        rng_seed(&ss->rng, (uint64_t)(int64_t)seed);
        ss->seed = seed;
    }
    return &ss->rng;
}

void fcs_sensor_run(const fcs_comp *k, fcs_cstate *st, const fcs_frame *fr)
{
    const fcs_sensor *s = &k->u.sens;
    fcs_sensor_state *ss = fcs_sensor_st(st);
    double *v = fr->v;
    st->input = k->type == FCS_SENSOR ? fcs_param_get(&k->in[0], v) : inertial_input(k, ss, fr->env);
    if (v[s->fail_stuck_slot] == 0.0) {
        st->output = st->input;
        if (s->lag != 0.0) {
            st->output = ss->ca * (st->output + ss->prev_in) + ss->prev_out * ss->cb;
            ss->prev_out = st->output;
            ss->prev_in = st->input;
        }
        if (s->noise_variance != 0.0) {
            saqr_rng *rng = noise_stream(s, ss, v, fr->rng);
            double r = s->distribution == DIST_UNIFORM ? 2.0 * rng_uniform(rng) - 1.0 : rng_normal(rng);
            if (s->noise_type == NOISE_PERCENT)
                st->output *= 1.0 + s->noise_variance * r;
            else
                st->output += s->noise_variance * r;
        }
        if (s->drift_rate != 0.0) {
            ss->drift += s->drift_rate * fr->dt;
            st->output += ss->drift;
        }
        if (s->gain != 0.0)
            st->output *= s->gain;
        if (s->bias != 0.0)
            st->output += s->bias;
        fcs_delay(&ss->delay, st, fr->trimming);
        if (v[s->fail_low_slot] != 0.0)
            st->output = -HUGE_VAL;
        if (v[s->fail_high_slot] != 0.0)
            st->output = HUGE_VAL;
        if (s->bits != 0) {
            double x = st->output;
            if (x < s->qmin)
                x = s->qmin;
            if (x > s->qmax)
                x = s->qmax;
            ss->quantized = prop_int((x - s->qmin) / s->granularity);
            st->output = ss->quantized * s->granularity + s->qmin;
            if (s->quant_slot >= 0)
                v[s->quant_slot] = ss->quantized;
        }
        fcs_clip(k, st, v);
    }
    fcs_set_output(k, st, v);
}
