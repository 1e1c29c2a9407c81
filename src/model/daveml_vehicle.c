/*
 * daveml_vehicle.c - mass properties and aerodynamic forces from DAVE-ML
 * models with AIAA standard names (see daveml_vehicle.h).
 */
#include "model/daveml_vehicle.h"

#include <math.h>
#include <string.h>

#include "math/units.h"
#include "math/vec3.h"
#include "math/trig.h"

double daveml_unit_to_si(const char *u)
{
    static const struct { const char *name; double si; } table[] = {
        {"", 1.0}, {"nd", 1.0}, {"ND", 1.0},
        {"ft", M_PER_FT}, {"m", 1.0}, {"in", M_PER_IN},
        {"ft2", M_PER_FT * M_PER_FT}, {"m2", 1.0},
        {"ft_s", M_PER_FT}, {"m_s", 1.0}, {"kt", MPS_PER_KT},
        {"rad", 1.0}, {"deg", RAD_PER_DEG}, {"rad_s", 1.0}, {"deg_s", RAD_PER_DEG},
        {"_rad", 1.0}, {"_deg", DEG_PER_RAD},
        {"slug", KG_PER_SLUG}, {"kg", 1.0}, {"lbm", KG_PER_LBM},
        {"slugft2", KGM2_PER_SLUGFT2}, {"kgm2", 1.0}, {"slug_ft2", KGM2_PER_SLUGFT2},
        {"lbf_ft2", PA_PER_PSF}, {"psf", PA_PER_PSF}, {"Pa", 1.0}, {"N_m2", 1.0},
        {"lbf", N_PER_LBF}, {"lb", N_PER_LBF}, {"N", 1.0},
        {"ftlbf", N_PER_LBF * M_PER_FT}, {"ft_lbf", N_PER_LBF * M_PER_FT}, {"Nm", 1.0}, {"N_m", 1.0},
        {"nmi_h", MPS_PER_KT}, {"m_s2", 1.0}, {"ft_s2", M_PER_FT},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (strcmp(u, table[i].name) == 0)
            return table[i].si;
    return 0.0;
}

saqr_status dv_port_bind(const daveml_model *m, const char *path, const char *name, int inverse, int required,
                         dv_port *p, saqr_err *err)
{
    p->slot = daveml_find(m, name);
    p->scale = 1.0;
    if (p->slot < 0)
        return required ? err_set(err, SAQR_EPARSE, "%s: model lacks %s", path, name) : SAQR_OK;
    const char *u = daveml_units(m, p->slot);
    double si = daveml_unit_to_si(u ? u : "");
    if (si == 0.0)
        return err_set(err, SAQR_EPARSE, "%s: variable %s has unsupported units \"%s\"", path, name, u);
    p->scale = inverse ? 1.0 / si : si;
    return SAQR_OK;
}

/* Binds an optional port by standard name; `inverse` for inputs (SI -> file). */
static saqr_status bind(const daveml_model *m, const char *path, const char *name, int inverse,
                        dv_port *p, saqr_err *err)
{
    return dv_port_bind(m, path, name, inverse, 0, p, err);
}

saqr_status daveml_inertia_read(const char *path, const daveml_setting *inputs, int n_inputs,
                                const saqr_allocator *alloc, double *mass_kg, double inertia_kgm2[3][3],
                                double cm_wrt_mrc_m[3], saqr_err *err)
{
    daveml_model *m = NULL;
    saqr_status st = daveml_load_file(path, alloc, &m, err);
    if (st != SAQR_OK)
        return st;
    for (int i = 0; i < n_inputs; i++) {
        int slot = daveml_find(m, inputs[i].var);
        if (slot < 0 || !daveml_is_input(m, slot)) {
            daveml_free(m);
            return err_set(err, SAQR_ENOTFOUND, "%s: no input variable \"%s\"", path, inputs[i].var);
        }
        daveml_set(m, slot, inputs[i].value);
    }
    daveml_eval(m);
    static const char *names[] = {"totalMass", "bodyMomentOfInertia_Roll", "bodyMomentOfInertia_Pitch",
                                  "bodyMomentOfInertia_Yaw", "bodyProductOfInertia_XY",
                                  "bodyProductOfInertia_YZ", "bodyProductOfInertia_ZX",
                                  "bodyPositionOfCmWrtMrc_X", "bodyPositionOfCmWrtMrc_Y",
                                  "bodyPositionOfCmWrtMrc_Z"};
    double val[10];
    for (int i = 0; i < 10; i++) {
        dv_port p;
        st = bind(m, path, names[i], 0, &p, err);
        if (st != SAQR_OK)
            break;
        if (p.slot < 0 && i < 4) {
            st = err_set(err, SAQR_EPARSE, "%s: inertia model lacks %s", path, names[i]);
            break;
        }
        val[i] = p.slot < 0 ? 0.0 : daveml_get(m, p.slot) * p.scale;
        if (!isfinite(val[i])) {
            st = err_set(err, SAQR_EPARSE, "%s: %s is not finite", path, names[i]);
            break;
        }
    }
    daveml_free(m);
    if (st != SAQR_OK)
        return st;
    *mass_kg = val[0];
    /* AIAA products of inertia are positive integrals (Ixy = int xy dm);
     * the tensor carries them negated. */
    double j[3][3] = {{val[1], -val[4], -val[6]}, {-val[4], val[2], -val[5]}, {-val[6], -val[5], val[3]}};
    memcpy(inertia_kgm2, j, sizeof j);
    vec3_set(cm_wrt_mrc_m, val[7], val[8], val[9]);
    return SAQR_OK;
}

static saqr_status bind_aero(daveml_vehicle *v, const char *path, saqr_err *err)
{
    static const char *in_names[DV_IN_COUNT] = {"trueAirspeed", "bodyAngularRate_Roll",
                                                "bodyAngularRate_Pitch", "bodyAngularRate_Yaw",
                                                "angleOfAttack", "angleOfSideslip", "mach",
                                                "dynamicPressure"};
    static const char *out_names[DV_OUT_COUNT] = {
        "totalCoefficientOfDrag", "totalCoefficientOfLift", "aeroBodyForceCoefficient_Y",
        "aeroBodyMomentCoefficient_Roll", "aeroBodyMomentCoefficient_Pitch",
        "aeroBodyMomentCoefficient_Yaw", "referenceWingArea", "referenceWingSpan",
        "referenceWingChord"};
    for (int i = 0; i < DV_IN_COUNT; i++) {
        saqr_status st = bind(v->aero, path, in_names[i], 1, &v->in[i], err);
        if (st != SAQR_OK)
            return st;
    }
    for (int i = 0; i < DV_OUT_COUNT; i++) {
        saqr_status st = bind(v->aero, path, out_names[i], 0, &v->out[i], err);
        if (st != SAQR_OK)
            return st;
    }
    if (v->out[DV_OUT_S].slot < 0)
        return err_set(err, SAQR_EPARSE, "%s: aero model lacks referenceWingArea", path);
    return SAQR_OK;
}

saqr_status daveml_vehicle_load(daveml_vehicle *v, const char *inertia_path, const char *aero_path,
                                const saqr_allocator *alloc, saqr_err *err)
{
    memset(v, 0, sizeof *v);
    saqr_status st = daveml_inertia_read(inertia_path, NULL, 0, alloc, &v->mass_kg, v->inertia_kgm2,
                                         v->cm_wrt_mrc_m, err);
    if (st != SAQR_OK || !aero_path)
        return st;
    st = daveml_load_file(aero_path, alloc, &v->aero, err);
    if (st == SAQR_OK)
        st = bind_aero(v, aero_path, err);
    if (st != SAQR_OK)
        daveml_vehicle_free(v);
    return st;
}

saqr_status daveml_vehicle_override(daveml_vehicle *v, const char *var, double value, saqr_err *err)
{
    int slot = v->aero ? daveml_find(v->aero, var) : -1;
    if (slot < 0)
        return err_set(err, SAQR_ENOTFOUND, "aero model has no variable \"%s\"", var);
    if (!isfinite(value))
        return err_set(err, SAQR_EINVAL, "override of \"%s\" is not finite", var);
    daveml_set(v->aero, slot, value);
    daveml_eval(v->aero);
    if (daveml_get(v->aero, slot) != value)
        return err_set(err, SAQR_EINVAL, "\"%s\" is calculated by the model and cannot be overridden", var);
    return SAQR_OK;
}

void daveml_vehicle_free(daveml_vehicle *v)
{
    daveml_free(v->aero);
    v->aero = NULL;
}

static double out_value(const daveml_vehicle *v, int which)
{
    const dv_port *p = &v->out[which];
    return p->slot < 0 ? 0.0 : daveml_get(v->aero, p->slot) * p->scale;
}

int daveml_vehicle_forces(const saqr_force_input *in, saqr_force_output *out, void *user)
{
    daveml_vehicle *v = user;
    vec3_set(out->force_body_n, 0.0, 0.0, 0.0);
    vec3_set(out->moment_body_nm, 0.0, 0.0, 0.0);
    if (!v->aero)
        return 0;
    double si[DV_IN_COUNT] = {in->airspeed_true_mps, in->omega_air_body_radps[0], in->omega_air_body_radps[1],
                              in->omega_air_body_radps[2], in->alpha_rad, in->beta_rad, in->mach,
                              in->qbar_pa};
    for (int i = 0; i < DV_IN_COUNT; i++)
        if (v->in[i].slot >= 0)
            daveml_set(v->aero, v->in[i].slot, si[i] * v->in[i].scale);
    daveml_eval(v->aero);

    double qs = in->qbar_pa * out_value(v, DV_OUT_S);
    double vt = in->airspeed_true_mps;
    double f[3] = {0.0, 0.0, 0.0};
    if (vt > 0.0) {
        double cd = out_value(v, DV_OUT_CD), cl = out_value(v, DV_OUT_CL);
        double sa = trig_sin(in->alpha_rad), ca = trig_cos(in->alpha_rad);
        for (int i = 0; i < 3; i++)
            f[i] = -cd * in->vel_air_body_mps[i] / vt;
        f[0] += cl * sa;
        f[2] -= cl * ca;
        f[1] += out_value(v, DV_OUT_CY);
        vec3_scale(f, qs, f);
    }
    double b = out_value(v, DV_OUT_B), c = out_value(v, DV_OUT_C);
    double m[3] = {qs * b * out_value(v, DV_OUT_CROLL), qs * c * out_value(v, DV_OUT_CPITCH),
                   qs * b * out_value(v, DV_OUT_CYAW)};
    /* M_cm = M_mrc + r_(mrc wrt cm) x F, with r_(mrc wrt cm) = -cm_wrt_mrc. */
    double r[3], rxf[3];
    vec3_scale(r, -1.0, v->cm_wrt_mrc_m);
    vec3_cross(rxf, r, f);
    vec3_add(out->moment_body_nm, m, rxf);
    vec3_copy(out->force_body_n, f);
    return 0;
}
