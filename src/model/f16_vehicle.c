/*
 * f16_vehicle.c - the F-16 of NASA's DAVE-ML package as a force model for
 * the 6-DOF core (see f16_vehicle.h).
 *
 * References: NASA TM-2015-218675 F-16 package README (model I/O tables,
 * moment transfer to the CM, trim values); Stevens & Lewis, "Aircraft
 * Control and Simulation", 2nd ed., Wiley 2003, section 3.4 and appendix A
 * (engine power lag PDOT/RTAU).
 */
#include "model/f16_vehicle.h"

#include <math.h>
#include <string.h>

#include "math/units.h"
#include "math/vec3.h"

#define RHO_SL_KGPM3 1.225          /* US 1976 sea-level density */

/* Binds `name` in m (dv_port_bind). */
static saqr_status bind(const daveml_model *m, const char *path, const char *name, int inverse, int required,
                        dv_port *p, saqr_err *err)
{
    return dv_port_bind(m, path, name, inverse, required, p, err);
}

/* Binds a percent (or fraction) variable without unit conversion. */
static saqr_status bind_plain(const daveml_model *m, const char *path, const char *name, int required,
                              dv_port *p, saqr_err *err)
{
    p->slot = daveml_find(m, name);
    p->scale = 1.0;
    if (p->slot < 0 && required)
        return err_set(err, SAQR_EPARSE, "%s: model lacks %s", path, name);
    return SAQR_OK;
}

static saqr_status bind_aero(f16_vehicle *v, const char *path, saqr_err *err)
{
    static const char *in[F16_AI_COUNT] = {"trueAirspeed", "angleOfAttack", "angleOfSideslip",
                                           "bodyAngularRate_Roll", "bodyAngularRate_Pitch",
                                           "bodyAngularRate_Yaw", "elevatorDeflection",
                                           "aileronDeflection", "rudderDeflection"};
    static const char *out[F16_AO_COUNT] = {"aeroBodyForceCoefficient_X", "aeroBodyForceCoefficient_Y",
                                            "aeroBodyForceCoefficient_Z", "aeroBodyMomentCoefficient_Roll",
                                            "aeroBodyMomentCoefficient_Pitch",
                                            "aeroBodyMomentCoefficient_Yaw", "referenceWingArea",
                                            "referenceWingSpan", "referenceWingChord"};
    saqr_status st = SAQR_OK;
    for (int i = 0; i < F16_AI_COUNT && st == SAQR_OK; i++)
        st = bind(v->aero, path, in[i], 1, i < F16_AI_EL, &v->aero_in[i], err);
    for (int i = 0; i < F16_AO_COUNT && st == SAQR_OK; i++)
        st = bind(v->aero, path, out[i], 0, 1, &v->aero_out[i], err);
    return st;
}

static saqr_status bind_prop(f16_vehicle *v, const char *path, saqr_err *err)
{
    static const char *out[F16_PO_COUNT] = {"thrustBodyForce_X", "thrustBodyForce_Y", "thrustBodyForce_Z",
                                            "thrustBodyMoment_Roll", "thrustBodyMoment_Pitch",
                                            "thrustBodyMoment_Yaw"};
    saqr_status st;
    if ((st = bind(v->prop, path, "altitudeMSL", 1, 1, &v->prop_alt, err)) ||
        (st = bind(v->prop, path, "mach", 1, 1, &v->prop_mach, err)) ||
        (st = bind_plain(v->prop, path, "powerLeverAngle", 1, &v->prop_pla, err)))
        return st;
    for (int i = 0; i < F16_PO_COUNT; i++)
        if ((st = bind(v->prop, path, out[i], 0, i == F16_PO_FX, &v->prop_out[i], err)))
            return st;
    return SAQR_OK;
}

static saqr_status bind_control(f16_vehicle *v, const char *path, saqr_err *err)
{
    static const char *state[F16_CS_COUNT] = {"altitudeMsl", "equivalentAirspeed", "angleOfAttack",
                                              "angleOfSideslip", "eulerAngle_Roll", "eulerAngle_Pitch",
                                              "eulerAngle_Yaw", "bodyAngularRate_Roll",
                                              "bodyAngularRate_Pitch", "bodyAngularRate_Yaw",
                                              "geLatitude", "geLongitude"};
    static const char *out[F16_CO_COUNT] = {"elevatorDeflection", "aileronDeflection", "rudderDeflection",
                                            "powerLeverAngle"};
    saqr_status st = SAQR_OK;
    for (int i = 0; i < F16_CS_COUNT && st == SAQR_OK; i++)
        st = bind(v->control, path, state[i], 1, 0, &v->ctl_state[i], err);
    for (int i = 0; i < F16_CO_COUNT && st == SAQR_OK; i++)
        st = i == F16_CO_PLA ? bind_plain(v->control, path, out[i], 1, &v->ctl_out[i], err)
                             : bind(v->control, path, out[i], 0, 1, &v->ctl_out[i], err);
    if (st != SAQR_OK)
        return st;
    v->ctl_stick_trim = daveml_find(v->control, "trimmedPilotControl_long");
    v->ctl_throttle_trim = daveml_find(v->control, "trimmedPilotControl_throttle");
    v->ctl_sas = daveml_find(v->control, "stabilityAugmentationOn_disc");
    v->ctl_ap = daveml_find(v->control, "autopilotOn_disc");
    if (v->ctl_stick_trim < 0 || v->ctl_throttle_trim < 0)
        return err_set(err, SAQR_EPARSE, "%s: control law lacks trimmedPilotControl_long/_throttle", path);
    /* Pilot inputs start at zero; the trim handles carry the trim. */
    static const char *pilot[] = {"pilotControl_throttle", "pilotControl_long", "pilotControl_lat",
                                  "pilotControl_yaw"};
    for (size_t i = 0; i < sizeof pilot / sizeof pilot[0]; i++) {
        int s = daveml_find(v->control, pilot[i]);
        if (s >= 0)
            daveml_set(v->control, s, 0.0);
    }
    return SAQR_OK;
}

saqr_status f16_vehicle_load(f16_vehicle *v, const f16_config *c, const saqr_allocator *alloc,
                             saqr_err *err)
{
    memset(v, 0, sizeof *v);
    v->lag = c->lag;
    saqr_status st = daveml_inertia_read(c->inertia_path, c->inertia_inputs, c->n_inertia_inputs, alloc,
                                         &v->mass_kg, v->inertia_kgm2, v->cm_wrt_mrc_m, err);
    if (st == SAQR_OK && (st = daveml_load_file(c->aero_path, alloc, &v->aero, err)) == SAQR_OK)
        st = bind_aero(v, c->aero_path, err);
    if (st == SAQR_OK && (st = daveml_load_file(c->prop_path, alloc, &v->prop, err)) == SAQR_OK)
        st = bind_prop(v, c->prop_path, err);
    if (st == SAQR_OK && c->control_path[0] &&
        (st = daveml_load_file(c->control_path, alloc, &v->control, err)) == SAQR_OK)
        st = bind_control(v, c->control_path, err);
    for (int i = 0; i < c->n_control_inputs && st == SAQR_OK; i++)
        st = f16_vehicle_set_input(v, c->control_inputs[i].var, c->control_inputs[i].value, err);
    if (st != SAQR_OK) {
        f16_vehicle_free(v);
        return st;
    }
    if (v->control) {
        v->sas_flag = v->ctl_sas >= 0 ? daveml_get(v->control, v->ctl_sas) : 0.0;
        v->ap_flag = v->ctl_ap >= 0 ? daveml_get(v->control, v->ctl_ap) : 0.0;
    }
    return SAQR_OK;
}

void f16_vehicle_free(f16_vehicle *v)
{
    daveml_free(v->aero);
    daveml_free(v->prop);
    daveml_free(v->control);
    v->aero = v->prop = v->control = NULL;
}

saqr_status f16_vehicle_set_input(f16_vehicle *v, const char *var, double value, saqr_err *err)
{
    int slot = v->control ? daveml_find(v->control, var) : -1;
    if (slot < 0 || !daveml_is_input(v->control, slot))
        return err_set(err, SAQR_ENOTFOUND, "the control law has no input \"%s\"", var);
    if (!isfinite(value))
        return err_set(err, SAQR_EINVAL, "control input \"%s\" is not finite", var);
    daveml_set(v->control, slot, value);
    return SAQR_OK;
}

double f16_vehicle_get(const f16_vehicle *v, const char *var)
{
    int slot = v->control ? daveml_find(v->control, var) : -1;
    return slot < 0 ? NAN : daveml_get(v->control, slot);
}

void f16_vehicle_set_pilot(f16_vehicle *v, double stick, double throttle)
{
    if (v->control) {
        daveml_set(v->control, v->ctl_stick_trim, stick);
        daveml_set(v->control, v->ctl_throttle_trim, throttle);
        return;
    }
    v->surface_rad[0] = -25.0 * stick * RAD_PER_DEG;
    v->surface_rad[1] = 0.0;
    v->surface_rad[2] = 0.0;
    v->pla_pct = 100.0 * throttle;
}

void f16_vehicle_augmentation(f16_vehicle *v, int on)
{
    if (!v->control)
        return;
    if (v->ctl_sas >= 0)
        daveml_set(v->control, v->ctl_sas, on ? v->sas_flag : 0.0);
    if (v->ctl_ap >= 0)
        daveml_set(v->control, v->ctl_ap, on ? v->ap_flag : 0.0);
}

double f16_eas_mps(double qbar_pa)
{
    return qbar_pa > 0.0 ? sqrt(2.0 * qbar_pa / RHO_SL_KGPM3) : 0.0;
}

void f16_vehicle_control(f16_vehicle *v, const saqr_outputs *o)
{
    if (!v->control)
        return;
    double si[F16_CS_COUNT] = {o->alt_m, f16_eas_mps(o->qbar_pa), o->alpha_rad, o->beta_rad,
                               o->euler_rad[0], o->euler_rad[1], o->euler_rad[2],
                               o->omega_body_earth_radps[0], o->omega_body_earth_radps[1],
                               o->omega_body_earth_radps[2], o->lat_rad, o->lon_rad};
    for (int i = 0; i < F16_CS_COUNT; i++)
        if (v->ctl_state[i].slot >= 0)
            daveml_set(v->control, v->ctl_state[i].slot, si[i] * v->ctl_state[i].scale);
    daveml_eval(v->control);
    for (int i = 0; i < 3; i++)
        v->surface_rad[i] = daveml_get(v->control, v->ctl_out[i].slot) * v->ctl_out[i].scale;
    v->pla_pct = daveml_get(v->control, v->ctl_out[F16_CO_PLA].slot);
}

/* Stevens & Lewis's RTAU: reciprocal time constant (1/s) for a change dp. */
static double rtau(double dp_pct)
{
    if (dp_pct <= 25.0)
        return 1.0;
    if (dp_pct >= 50.0)
        return 0.1;
    return 1.9 - 0.036 * dp_pct;
}

double f16_power_rate(double p, double cmd)
{
    double target, rate;
    if (cmd >= 50.0) {
        if (p >= 50.0) {
            rate = 5.0;
            target = cmd;
        } else {
            target = 60.0;
            rate = rtau(target - p);
        }
    } else if (p >= 50.0) {
        rate = 5.0;
        target = 40.0;
    } else {
        target = cmd;
        rate = rtau(target - p);
    }
    return rate * (target - p);
}

void f16_vehicle_engine_step(f16_vehicle *v, double dt_s)
{
    if (v->lag == F16_ENGINE_LAG_NONE) {
        v->power_pct = v->pla_pct;
        return;
    }
    double p = v->power_pct, c = v->pla_pct;
    double k1 = f16_power_rate(p, c);
    double k2 = f16_power_rate(p + 0.5 * dt_s * k1, c);
    double k3 = f16_power_rate(p + 0.5 * dt_s * k2, c);
    double k4 = f16_power_rate(p + dt_s * k3, c);
    v->power_pct = p + dt_s / 6.0 * (k1 + 2.0 * k2 + 2.0 * k3 + k4);
}

static void set_in(daveml_model *m, const dv_port *p, double si)
{
    if (p->slot >= 0)
        daveml_set(m, p->slot, si * p->scale);
}

static double get_out(const daveml_model *m, const dv_port *p)
{
    return p->slot < 0 ? 0.0 : daveml_get(m, p->slot) * p->scale;
}

int f16_vehicle_forces(const saqr_force_input *in, saqr_force_output *out, void *user)
{
    f16_vehicle *v = user;
    double si[F16_AI_COUNT] = {in->airspeed_true_mps, in->alpha_rad, in->beta_rad,
                               in->omega_air_body_radps[0], in->omega_air_body_radps[1], in->omega_air_body_radps[2],
                               v->surface_rad[0], v->surface_rad[1], v->surface_rad[2]};
    for (int i = 0; i < F16_AI_COUNT; i++)
        set_in(v->aero, &v->aero_in[i], si[i]);
    daveml_eval(v->aero);
    double fa[3] = {0.0, 0.0, 0.0}, ma[3] = {0.0, 0.0, 0.0};
    if (in->airspeed_true_mps > 0.0) {
        double qs = in->qbar_pa * get_out(v->aero, &v->aero_out[F16_AO_S]);
        double b = get_out(v->aero, &v->aero_out[F16_AO_B]), c = get_out(v->aero, &v->aero_out[F16_AO_C]);
        vec3_set(fa, qs * get_out(v->aero, &v->aero_out[F16_AO_CX]), qs * get_out(v->aero, &v->aero_out[F16_AO_CY]),
                 qs * get_out(v->aero, &v->aero_out[F16_AO_CZ]));
        vec3_set(ma, qs * b * get_out(v->aero, &v->aero_out[F16_AO_CL]),
                 qs * c * get_out(v->aero, &v->aero_out[F16_AO_CM]),
                 qs * b * get_out(v->aero, &v->aero_out[F16_AO_CN]));
    }
    set_in(v->prop, &v->prop_alt, in->alt_m);
    set_in(v->prop, &v->prop_mach, in->mach);
    daveml_set(v->prop, v->prop_pla.slot, v->power_pct);
    daveml_eval(v->prop);
    double ft[3], mt[3];
    for (int i = 0; i < 3; i++) {
        ft[i] = get_out(v->prop, &v->prop_out[F16_PO_FX + i]);
        mt[i] = get_out(v->prop, &v->prop_out[F16_PO_L + i]);
    }
    /* About the CM: M_cm = M_mrc + r_(mrc wrt cm) x F, r = -cm_wrt_mrc. */
    double r[3], rxf[3];
    vec3_scale(r, -1.0, v->cm_wrt_mrc_m);
    vec3_cross(rxf, r, fa);
    vec3_add(v->aero_moment_body_nm, ma, rxf);
    vec3_copy(v->aero_force_body_n, fa);
    vec3_copy(v->thrust_body_n, ft);
    vec3_cross(rxf, r, ft);
    double mtc[3];
    vec3_add(mtc, mt, rxf);
    vec3_add(out->force_body_n, fa, ft);
    vec3_add(out->moment_body_nm, v->aero_moment_body_nm, mtc);
    return vec3_is_finite(out->force_body_n) && vec3_is_finite(out->moment_body_nm) ? 0 : 1;
}
