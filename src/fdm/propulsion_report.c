/*
 * propulsion_report.c - read access to the engines, thrusters and tanks
 * for JSBSim's <propulsion> output group: the columns each engine type
 * prints (piston: power available, HP, equivalence ratio, manifold
 * pressure; turbine: N1, N2; turboprop: N1, HP; electric and brushless
 * DC: HP; rocket: impulses, moment and force), then its thruster's
 * (propeller: torque, P-factor pitch and yaw, thrust, pitch when variable,
 * RPM; rotor: RPM; nozzle and direct: thrust), then every tank's
 * contents.  Labels are
 * built at output-open time; values are read between steps without
 * allocating.
 * Reference: JSBSim src/models/FGPropulsion.cpp (GetPropulsionStrings/
 * Values), propulsion/FGPiston.cpp, FGTurbine.cpp, FGTurboProp.cpp,
 * FGElectric.cpp, FGRocket.cpp, FGBrushLessDCMotor.cpp (GetEngineLabels/
 * Values), FGPropeller.cpp, FGRotor.cpp, FGNozzle.cpp, FGThruster.cpp
 * (GetThrusterLabels/Values, GetPFactor).
 */
#include <stdio.h>

#include "fdm/propulsion_internal.h"

enum {
    F_POWER_FTLBPS, F_HP, F_EQUIV_RATIO, F_MAP_INHG, F_N1, F_N2, F_IMPULSE, F_VAC_IMPULSE, F_MOMENT_L,
    F_MOMENT_M, F_MOMENT_N, F_FORCE_X, F_FORCE_Y, F_FORCE_Z, F_TORQUE, F_PFACTOR_PITCH, F_PFACTOR_YAW,
    F_THRUST, F_PITCH, F_RPM, F_TANK
};

/* The fields of engine e in JSBSim's order; returns how many. */
static int engine_fields(const engine *e, int f[16])
{
    int n = 0;
    switch (e->d->type) {
    case ENG_PISTON:
        f[n++] = F_POWER_FTLBPS, f[n++] = F_HP, f[n++] = F_EQUIV_RATIO, f[n++] = F_MAP_INHG;
        break;
    case ENG_TURBINE:
        f[n++] = F_N1, f[n++] = F_N2;
        break;
    case ENG_TURBOPROP:
        f[n++] = F_N1, f[n++] = F_HP;
        break;
    case ENG_ROCKET:
        f[n++] = F_IMPULSE, f[n++] = F_VAC_IMPULSE, f[n++] = F_MOMENT_L, f[n++] = F_MOMENT_M;
        f[n++] = F_MOMENT_N, f[n++] = F_FORCE_X, f[n++] = F_FORCE_Y, f[n++] = F_FORCE_Z;
        break;
    default: /* electric, brushless DC */
        f[n++] = F_HP;
        break;
    }
    if (e->thr.type == THR_PROPELLER) {
        f[n++] = F_TORQUE, f[n++] = F_PFACTOR_PITCH, f[n++] = F_PFACTOR_YAW, f[n++] = F_THRUST;
        if (e->thr.prop->d->max_pitch_deg != e->thr.prop->d->min_pitch_deg)
            f[n++] = F_PITCH;
        f[n++] = F_RPM;
    } else if (e->thr.type == THR_ROTOR) {
        f[n++] = F_RPM; /* FGRotor's only column */
    } else {
        f[n++] = F_THRUST;
    }
    return n;
}

int propulsion_report_columns(const propulsion *p, propulsion_report_col *out, int max)
{
    int n = 0;
    for (int i = 0; i < p->neng; i++) {
        int f[16];
        int nf = engine_fields(&p->eng[i], f);
        for (int k = 0; k < nf; k++, n++)
            if (n < max)
                out[n].index = i, out[n].field = f[k];
    }
    for (int i = 0; i < p->ntanks; i++, n++)
        if (n < max)
            out[n].index = i, out[n].field = F_TANK;
    return n;
}

void propulsion_report_label(const propulsion *p, const propulsion_report_col *col, char *buf, size_t size)
{
    if (col->field == F_TANK) {
        const tank *t = &p->tanks[col->index];
        const char *kind = t->d->type == TANK_OXIDIZER ? "Oxidizer" : "Fuel";
        if (t->d->name && t->d->name[0])
            snprintf(buf, size, "%s Tank %d (%s)", kind, col->index, t->d->name);
        else
            snprintf(buf, size, "%s Tank %d", kind, col->index);
        return;
    }
    const engine *e = &p->eng[col->index];
    const char *en = e->d->name ? e->d->name : "", *tn = e->thr.name ? e->thr.name : "";
    int id = e->d->index;
    switch (col->field) {
    case F_POWER_FTLBPS: snprintf(buf, size, "%s Power Available (engine %d in ft-lbs/sec)", en, id); break;
    case F_HP: snprintf(buf, size, "%s HP (engine %d)", en, id); break;
    case F_EQUIV_RATIO: snprintf(buf, size, "%s equivalent ratio (engine %d)", en, id); break;
    case F_MAP_INHG: snprintf(buf, size, "%s MAP (engine %d in inHg)", en, id); break;
    case F_N1: snprintf(buf, size, "%s_N1[%d]", en, id); break;
    case F_N2: snprintf(buf, size, "%s_N2[%d]", en, id); break;
    case F_IMPULSE: snprintf(buf, size, "%s Total Impulse (engine %d in lbf)", en, id); break;
    case F_VAC_IMPULSE: snprintf(buf, size, "%s Total Vacuum Impulse (engine %d in lbf)", en, id); break;
    case F_MOMENT_L: snprintf(buf, size, "%s Roll Moment (engine %d in ft-lbf)", en, id); break;
    case F_MOMENT_M: snprintf(buf, size, "%s Pitch Moment (engine %d in ft-lbf)", en, id); break;
    case F_MOMENT_N: snprintf(buf, size, "%s Yaw Moment (engine %d in ft-lbf)", en, id); break;
    case F_FORCE_X: snprintf(buf, size, "%s X Force (engine %d in lbf)", en, id); break;
    case F_FORCE_Y: snprintf(buf, size, "%s Y Force (engine %d in lbf)", en, id); break;
    case F_FORCE_Z: snprintf(buf, size, "%s Z Force (engine %d in lbf)", en, id); break;
    case F_TORQUE: snprintf(buf, size, "%s Torque (engine %d)", tn, id); break;
    case F_PFACTOR_PITCH: snprintf(buf, size, "%s PFactor Pitch (engine %d)", tn, id); break;
    case F_PFACTOR_YAW: snprintf(buf, size, "%s PFactor Yaw (engine %d)", tn, id); break;
    case F_THRUST: snprintf(buf, size, "%s Thrust (engine %d in lbs)", tn, id); break;
    case F_PITCH: snprintf(buf, size, "%s Pitch (engine %d)", tn, id); break;
    case F_RPM: snprintf(buf, size, "%s RPM (engine %d)", tn, id); break;
    default: snprintf(buf, size, "?"); break;
    }
}

double propulsion_report_value(const propulsion *p, int index, int field, const double *v)
{
    if (field == F_TANK)
        return v[p->tanks[index].d->s_contents];
    const engine *e = &p->eng[index];
    const thruster *t = &e->thr;
    switch (field) {
    case F_EQUIV_RATIO: return piston_equivalence_ratio(e);
    case F_IMPULSE:
    case F_VAC_IMPULSE: return 0.0; /* not modelled */
    case F_MOMENT_L:
    case F_MOMENT_M:
    case F_MOMENT_N: return t->m_ftlb[field - F_MOMENT_L];
    case F_FORCE_X:
    case F_FORCE_Y:
    case F_FORCE_Z: return t->fb_lbs[field - F_FORCE_X];
    case F_TORQUE: return t->prop->torque_ftlb;
    case F_PFACTOR_PITCH: return t->thrust_lbs * t->prop->sense * (t->acting_in[2] - t->loc_in[2]) / 12.0;
    case F_PFACTOR_YAW: return t->thrust_lbs * t->prop->sense * (t->acting_in[1] - t->loc_in[1]) / 12.0;
    case F_THRUST: return t->thrust_lbs;
    case F_PITCH: return t->prop->pitch_deg;
    case F_RPM: return t->rot ? rotor_rpm(t->rot) : t->prop->rpm;
    default: return 0.0; /* a property column */
    }
}

const char *propulsion_report_property(const propulsion_report_col *col, double *scale)
{
    *scale = col->field == F_POWER_FTLBPS ? PJ_HP_TO_FTLBPS : 1.0;
    switch (col->field) {
    case F_POWER_FTLBPS:
    case F_HP: return "power-hp";
    case F_MAP_INHG: return "map-inhg";
    case F_N1: return "n1";
    case F_N2: return "n2";
    default: return NULL;
    }
}
