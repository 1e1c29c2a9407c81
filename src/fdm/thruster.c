/*
 * thruster.c - what turns an engine's output into a force: the direct
 * thruster (engine thrust passed through, reverser angle), the rocket
 * nozzle (vacuum thrust less ambient pressure times exit area) and the
 * propeller (Ct and Cp tables against advance ratio J, and blade angle for
 * variable pitch; helical-tip Mach corrections; constant-speed governor,
 * feathering and reverse; shaft speed integrated from the excess torque
 * and the propeller's inertia through the gear ratio; induced velocity;
 * P-factor as a shift of the thrust line; engine torque and gyroscopic
 * moments).  The helicopter rotor is a thruster too, in rotor.c.  Force
 * and moment about the CG follow FGForce.
 *
 * Reference: JSBSim src/models/propulsion/FGThruster.cpp, FGNozzle.cpp,
 * FGPropeller.cpp, FGForce.cpp.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fdm/propulsion_internal.h"
#include "math/trig.h"

/* Thruster axes -> body DCM from roll, pitch, yaw (FGForce). */
static void update_transform(thruster *t)
{
    double cp = trig_cos(t->orient_rad[1]), sp = trig_sin(t->orient_rad[1]);
    double cr = trig_cos(t->orient_rad[0]), sr = trig_sin(t->orient_rad[0]);
    double cy = trig_cos(t->orient_rad[2]), sy = trig_sin(t->orient_rad[2]);
    t->mt[0][0] = cp * cy;
    t->mt[1][0] = cp * sy;
    t->mt[2][0] = -sp;
    t->mt[0][1] = sr * sp * cy - cr * sy;
    t->mt[1][1] = sr * sp * sy + cr * cy;
    t->mt[2][1] = sr * cp;
    t->mt[0][2] = cr * cy * sp + sr * sy;
    t->mt[1][2] = cr * sy * sp - sr * cy;
    t->mt[2][2] = cr * cp;
}

/* Structural inches -> body feet relative to the CG (StructuralToBody). */
void thruster_arm_ft(const prop_in *in, const double pos_in[3], double out_ft[3])
{
    out_ft[0] = -(pos_in[0] - in->cg_in[0]) / 12.0;
    out_ft[1] = (pos_in[1] - in->cg_in[1]) / 12.0;
    out_ft[2] = -(pos_in[2] - in->cg_in[2]) / 12.0;
}

void pj_cross(const double a[3], const double b[3], double out[3])
{
    out[0] = a[1] * b[2] - a[2] * b[1];
    out[1] = a[2] * b[0] - a[0] * b[2];
    out[2] = a[0] * b[1] - a[1] * b[0];
}

static saqr_status load_table(jx_ctx *c, xmlNode *tel, const jtable **slot)
{
    jtable *t;
    saqr_status st = jtable_load(c, tel, &t);
    if (st == SAQR_OK)
        *slot = t;
    return st;
}

static saqr_status propeller_load(jx_ctx *c, xmlNode *pel, xmlNode *thruster_el, int index,
                                  thruster *t)
{
    static const char *const known[] = {"ixx", "diameter", "numblades", "gearratio", "minpitch",
                                        "maxpitch", "minrpm", "maxrpm", "constspeed",
                                        "reversepitch", "ct_factor", "cp_factor", "table", NULL};
    saqr_status st;
    propeller_def *d = arena_alloc(c->ar, sizeof *d);
    propeller *p = arena_alloc(c->ar, sizeof *p);
    if (!d || !p)
        return jx_error(c, pel, "out of memory");
    p->d = d;
    t->prop = p;
    t->type = THR_PROPELLER;
    jx_warn_unknown(c, pel, known);
    p->sense = 1.0;
    d->sense_multiplier = 1.0;
    d->gear_ratio = 1.0;
    d->ct_factor = d->cp_factor = 1.0;

    double num_blades = 0.0, const_speed = -1.0;
    if ((st = pj_opt(c, pel, "ixx", "SLUG*FT2", &d->ixx_slugft2)) ||
        (st = pj_opt(c, pel, "diameter", "FT", &d->diameter_ft)) ||
        (st = pj_opt(c, pel, "numblades", NULL, &num_blades)) ||
        (st = pj_opt(c, pel, "gearratio", NULL, &d->gear_ratio)) ||
        (st = pj_opt(c, pel, "minpitch", NULL, &d->min_pitch_deg)) ||
        (st = pj_opt(c, pel, "maxpitch", NULL, &d->max_pitch_deg)) ||
        (st = pj_opt(c, pel, "minrpm", NULL, &d->min_rpm)) ||
        (st = pj_opt(c, pel, "maxrpm", NULL, &d->max_rpm)) ||
        (st = pj_opt(c, pel, "constspeed", NULL, &const_speed)) ||
        (st = pj_opt(c, pel, "reversepitch", NULL, &d->reverse_pitch_deg)) ||
        (st = pj_opt(c, pel, "ct_factor", NULL, &d->ct_factor)) ||
        (st = pj_opt(c, pel, "cp_factor", NULL, &d->cp_factor)))
        return st;
    if (jx_first(pel, "ixx"))
        d->ixx_slugft2 = fmax(d->ixx_slugft2, 1e-6);
    if (jx_first(pel, "diameter"))
        d->diameter_ft = fmax(d->diameter_ft, 0.001);
    d->gear_ratio = fmax(d->gear_ratio, 0.001);
    d->num_blades = prop_int(num_blades);
    p->constant_speed = jx_first(pel, "maxrpm") ? 1 : 0;
    if (const_speed >= 0.0 && jx_first(pel, "constspeed"))
        p->constant_speed = prop_int(const_speed);
    const char *version = jx_attr(c, pel, "version");
    if (version) {
        /* version > 1 files use the corrected gyroscopic sign */
        char *end;
        double ver = strtod(version, &end);
        if (end != version && ver > 1.0)
            d->sense_multiplier = -1.0;
    }

    for (xmlNode *tel = jx_first(pel, "table"); tel; tel = jx_next(tel, "table")) {
        const char *name = jx_attr(c, tel, "name");
        if (!name)
            name = "";
        if (strcmp(name, "C_THRUST") == 0)
            st = load_table(c, tel, &d->c_thrust);
        else if (strcmp(name, "C_POWER") == 0)
            st = load_table(c, tel, &d->c_power);
        else if (strcmp(name, "CT_MACH") == 0)
            st = load_table(c, tel, &d->ct_mach);
        else if (strcmp(name, "CP_MACH") == 0)
            st = load_table(c, tel, &d->cp_mach);
        else
            jx_warn(c, tel, "unknown table \"%s\" in a propeller definition", name);
        if (st != SAQR_OK)
            return st;
    }
    if (!d->c_thrust || !d->c_power)
        return jx_error(c, pel, "a propeller needs C_THRUST and C_POWER tables");

    xmlNode *sense_el = jx_first(thruster_el, "sense");
    if (sense_el) {
        double s;
        if ((st = jx_number(c, sense_el, NULL, &s)) != SAQR_OK)
            return st;
        p->sense = s >= 0.0 ? 1.0 : -1.0;
    }
    if ((st = pj_opt(c, thruster_el, "p_factor", NULL, &d->p_factor)) != SAQR_OK)
        return st;
    if (d->p_factor < 0.0)
        return jx_error(c, jx_first(thruster_el, "p_factor"), "the P-factor must not be negative");

    t->gear_ratio = d->gear_ratio;
    d->d4 = d->diameter_ft * d->diameter_ft * d->diameter_ft * d->diameter_ft;
    d->d5 = d->d4 * d->diameter_ft;

    const unsigned out = PROP_PRODUCED | PROP_READONLY, rw = PJ_MIRRORED;
    if ((d->s_engine_rpm = pj_slot(c, pel, "engine", index, "engine-rpm", out)) < 0 ||
        (d->s_advance_ratio = pj_slot(c, pel, "engine", index, "advance-ratio", PROP_PRODUCED)) < 0 ||
        (d->s_blade_angle = pj_slot(c, pel, "engine", index, "blade-angle", rw)) < 0 ||
        (d->s_ct = pj_slot(c, pel, "engine", index, "thrust-coefficient", out)) < 0 ||
        (d->s_prop_rpm = pj_slot(c, pel, "engine", index, "propeller-rpm", out)) < 0 ||
        (d->s_tip_mach = pj_slot(c, pel, "engine", index, "helical-tip-Mach", out)) < 0 ||
        (d->s_const_speed = pj_slot(c, pel, "engine", index, "constant-speed-mode", rw)) < 0 ||
        (d->s_induced = pj_slot(c, pel, "engine", index, "prop-induced-velocity_fps", rw)) < 0 ||
        (d->s_power = pj_slot(c, pel, "engine", index, "propeller-power-ftlbps", PROP_PRODUCED)) < 0 ||
        (d->s_torque = pj_slot(c, pel, "engine", index, "propeller-torque-ftlb", out)) < 0 ||
        (d->s_sense = pj_slot(c, pel, "engine", index, "propeller-sense", rw)) < 0)
        return SAQR_EPARSE;
    return SAQR_OK;
}

saqr_status thruster_load(jx_ctx *c, xmlNode *thruster_el, xmlNode *def, int index,
                          thruster *t)
{
    static const char *const known[] = {"location", "orient", "pointing", "sense", "p_factor",
                                        "propeller", "nozzle", "direct", "rotor", NULL};
    saqr_status st;
    memset(t, 0, sizeof *t);
    t->gear_ratio = 1.0;
    t->mt[0][0] = t->mt[1][1] = t->mt[2][2] = 1.0;
    jx_warn_unknown(c, thruster_el, known);
    t->name = jx_attr(c, def, "name");

    xmlNode *loc = jx_first(thruster_el, "location");
    if (loc) {
        if ((st = jx_triplet(c, loc, "IN", 0, t->loc_in)) != SAQR_OK)
            return st;
    } else {
        jx_warn(c, thruster_el, "no thruster location found (taken as 0, 0, 0)");
    }
    memcpy(t->acting_in, t->loc_in, sizeof t->acting_in);

    const unsigned out = PROP_PRODUCED | PROP_READONLY, rw = PJ_MIRRORED;
    if ((t->s_xref = pj_slot(c, thruster_el, "engine", index, "x-reference-position", out)) < 0 ||
        (t->s_yref = pj_slot(c, thruster_el, "engine", index, "y-reference-position", out)) < 0 ||
        (t->s_zref = pj_slot(c, thruster_el, "engine", index, "z-reference-position", out)) < 0 ||
        (t->s_x = pj_slot(c, thruster_el, "engine", index, "x-position", rw)) < 0 ||
        (t->s_y = pj_slot(c, thruster_el, "engine", index, "y-position", rw)) < 0 ||
        (t->s_z = pj_slot(c, thruster_el, "engine", index, "z-position", rw)) < 0)
        return SAQR_EPARSE;
    t->s_pitch = t->s_yaw = t->s_reverser = -1;

    xmlNode *pointing = jx_first(thruster_el, "pointing");
    if (pointing) {
        /* A fixed direction vector: the first column of the DCM only. */
        double d[3];
        if ((st = jx_triplet(c, pointing, NULL, 0, d)) != SAQR_OK)
            return st;
        memset(t->mt, 0, sizeof t->mt);
        t->mt[0][0] = d[0];
        t->mt[1][0] = d[1];
        t->mt[2][0] = d[2];
        t->pointing = 1;
    } else {
        xmlNode *orient = jx_first(thruster_el, "orient");
        if (orient && (st = jx_triplet(c, orient, "RAD", 1, t->orient_rad)) != SAQR_OK)
            return st;
        update_transform(t);
        if ((t->s_pitch = pj_slot(c, thruster_el, "engine", index, "pitch-angle-rad", rw)) < 0 ||
            (t->s_yaw = pj_slot(c, thruster_el, "engine", index, "yaw-angle-rad", rw)) < 0)
            return SAQR_EPARSE;
        if (jx_is(def, "direct") &&
            (t->s_reverser = pj_slot(c, thruster_el, "engine", index, "reverser-angle-rad", rw)) < 0)
            return SAQR_EPARSE;
    }

    if (jx_is(def, "propeller"))
        return propeller_load(c, def, thruster_el, index, t);
    if (jx_is(def, "rotor"))
        return rotor_load(c, def, thruster_el, index, t);
    if (jx_is(def, "nozzle")) {
        t->type = THR_NOZZLE;
        return pj_opt(c, def, "area", "FT2", &t->area_ft2) != SAQR_OK
                   ? SAQR_EPARSE
                   : (jx_first(def, "area") ? SAQR_OK
                                            : jx_error(c, def, "a nozzle needs its exit <area>"));
    }
    if (jx_is(def, "direct")) {
        t->type = THR_DIRECT;
        return SAQR_OK;
    }
    return jx_error(c, def, "unknown thruster type <%s>", (const char *)def->name);
}

void thruster_reset(thruster *t, double *v)
{
    t->reverser_rad = 0.0;
    t->thrust_lbs = 0.0;
    memcpy(t->acting_in, t->loc_in, sizeof t->acting_in);
    memset(t->fn_lbs, 0, sizeof t->fn_lbs);
    memset(t->mn_ftlb, 0, sizeof t->mn_ftlb);
    memset(t->fb_lbs, 0, sizeof t->fb_lbs);
    memset(t->m_ftlb, 0, sizeof t->m_ftlb);
    if (t->prop) {
        propeller *p = t->prop;
        p->induced_fps = 0.0;
        p->rpm = 0.0;
        p->pitch_deg = p->d->min_pitch_deg;
        p->j = p->thrust_coeff = p->helical_tip_mach = 0.0;
        p->power_required_ftlbps = p->excess_torque_ftlb = p->torque_ftlb = 0.0;
        p->feathered = p->reversed = 0;
        p->reverse_coef = 0.0;
        v[p->d->s_const_speed] = p->constant_speed;
        v[p->d->s_sense] = p->sense;
    }
    if (t->rot)
        rotor_reset(t->rot, v);
    thruster_publish(t, v);
}

void thruster_read(thruster *t, const double *v)
{
    t->acting_in[0] = v[t->s_x];
    t->acting_in[1] = v[t->s_y];
    t->acting_in[2] = v[t->s_z];
    if (t->s_pitch >= 0 && (v[t->s_pitch] != t->orient_rad[1] || v[t->s_yaw] != t->orient_rad[2])) {
        t->orient_rad[1] = v[t->s_pitch];
        t->orient_rad[2] = v[t->s_yaw];
        update_transform(t);
    }
    if (t->s_reverser >= 0)
        t->reverser_rad = v[t->s_reverser];
    if (t->prop) {
        propeller *p = t->prop;
        p->pitch_deg = v[p->d->s_blade_angle];
        p->constant_speed = prop_int(v[p->d->s_const_speed]);
        p->induced_fps = v[p->d->s_induced];
        p->sense = v[p->d->s_sense];
    }
}

void thruster_read_controls(thruster *t, const double *v)
{
    if (t->rot)
        rotor_read(t->rot, v);
}

int thruster_mirrors_foreign(const thruster *t, const unsigned *flags)
{
    const int slot[] = {t->s_x, t->s_y, t->s_z, t->s_pitch, t->s_yaw, t->s_reverser};
    if (pj_any_foreign(flags, slot, (int)(sizeof slot / sizeof slot[0])))
        return 1;
    const propeller *p = t->prop;
    if (!p)
        return 0;
    const int pslot[] = {p->d->s_blade_angle, p->d->s_const_speed, p->d->s_induced, p->d->s_sense};
    return pj_any_foreign(flags, pslot, (int)(sizeof pslot / sizeof pslot[0]));
}

void thruster_publish(const thruster *t, double *v)
{
    v[t->s_xref] = t->loc_in[0];
    v[t->s_yref] = t->loc_in[1];
    v[t->s_zref] = t->loc_in[2];
    if (t->s_pitch >= 0) {
        v[t->s_pitch] = t->orient_rad[1];
        v[t->s_yaw] = t->orient_rad[2];
    }
    if (t->s_reverser >= 0)
        v[t->s_reverser] = t->reverser_rad;
    if (t->prop)
        v[t->prop->d->s_sense] = t->prop->sense;
    thruster_write(t, v);
}

void thruster_write(const thruster *t, double *v)
{
    /* the acting point: a propeller's P-factor moves it */
    v[t->s_x] = t->acting_in[0];
    v[t->s_y] = t->acting_in[1];
    v[t->s_z] = t->acting_in[2];
    if (t->prop) {
        const propeller *p = t->prop;
        v[p->d->s_engine_rpm] = p->rpm * p->d->gear_ratio;
        v[p->d->s_advance_ratio] = p->j;
        v[p->d->s_blade_angle] = p->pitch_deg;
        v[p->d->s_ct] = p->thrust_coeff;
        v[p->d->s_prop_rpm] = p->rpm;
        v[p->d->s_tip_mach] = p->helical_tip_mach;
        v[p->d->s_const_speed] = p->constant_speed;
        v[p->d->s_induced] = p->induced_fps;
        v[p->d->s_power] = p->power_required_ftlbps;
        v[p->d->s_torque] = p->torque_ftlb;
    }
    if (t->rot)
        rotor_write(t->rot, v);
}

double thruster_engine_rpm(const thruster *t)
{
    if (t->rot)
        return rotor_engine_rpm(t->rot);
    return t->prop ? t->prop->rpm * t->prop->d->gear_ratio : 0.0;
}

double thruster_geared_rpm(const thruster *t)
{
    if (t->rot)
        return rotor_rpm(t->rot) * t->gear_ratio;
    return thruster_engine_rpm(t);
}

void thruster_set_rpm(thruster *t, double prop_rpm)
{
    if (t->prop)
        t->prop->rpm = prop_rpm;
    if (t->rot)
        rotor_set_rpm(t->rot, prop_rpm);
}

/* Power absorbed by the propeller at its current speed, with the blade
 * angle moved by the governor first (FGPropeller::GetPowerRequired). */
static double propeller_power_required(propeller *p, const prop_in *in)
{
    double cp;
    if (p->d->max_pitch_deg == p->d->min_pitch_deg) {
        cp = jtable_lookup(p->d->c_power, p->j, 0.0, 0.0);
    } else {
        if (p->constant_speed != 0) {
            if (!p->feathered) {
                if (!p->reversed) {
                    double rpm_req = p->d->min_rpm + (p->d->max_rpm - p->d->min_rpm) * p->advance;
                    double d_rpm = rpm_req - p->rpm;
                    if (p->rpm > 200.0)
                        p->pitch_deg -= d_rpm * in->dt_s;
                    if (p->pitch_deg < p->d->min_pitch_deg)
                        p->pitch_deg = p->d->min_pitch_deg;
                    else if (p->pitch_deg > p->d->max_pitch_deg)
                        p->pitch_deg = p->d->max_pitch_deg;
                } else {
                    double pitch_req =
                        p->d->min_pitch_deg - (p->d->min_pitch_deg - p->d->reverse_pitch_deg) * p->reverse_coef;
                    if (p->rpm > 200.0)
                        p->pitch_deg += (pitch_req - p->pitch_deg) / 200.0;
                    if (p->rpm > p->d->max_rpm) {
                        p->pitch_deg += (p->d->max_rpm - p->rpm) / 50.0;
                        if (p->pitch_deg < p->d->reverse_pitch_deg)
                            p->pitch_deg = p->d->reverse_pitch_deg;
                        else if (p->pitch_deg > p->d->max_pitch_deg)
                            p->pitch_deg = p->d->max_pitch_deg;
                    }
                }
            } else {
                /* about 5 s to feather (a guess of JSBSim's) */
                p->pitch_deg += (p->d->max_pitch_deg - p->pitch_deg) / 300.0;
            }
        }
        cp = jtable_lookup(p->d->c_power, p->j, p->pitch_deg, 0.0);
    }
    cp *= p->d->cp_factor;
    if (p->d->cp_mach)
        cp *= jtable_lookup(p->d->cp_mach, p->helical_tip_mach, 0.0, 0.0);
    double rps = p->rpm / 60.0;
    double local_rps = rps < 0.01 ? 0.01 : rps;
    p->power_required_ftlbps = cp * local_rps * local_rps * local_rps * p->d->d5 * in->density_slugpft3;
    return p->power_required_ftlbps;
}

static double propeller_calculate(thruster *t, const prop_in *in, double engine_power_ftlbps)
{
    propeller *p = t->prop;
    double arm[3], rot[3], rel[3], local[3];
    thruster_arm_ft(in, t->loc_in, arm);
    pj_cross(in->aero_pqr_radps, arm, rot);
    for (int i = 0; i < 3; i++)
        rel[i] = in->aero_uvw_fps[i] + rot[i];
    for (int i = 0; i < 3; i++) /* transpose(mT) * rel */
        local[i] = t->mt[0][i] * rel[0] + t->mt[1][i] * rel[1] + t->mt[2][i] * rel[2];

    double vel = local[0], rho = in->density_slugpft3;
    double rps = p->rpm / 60.0;
    double area = 0.25 * p->d->diameter_ft * p->d->diameter_ft * PJ_PI;
    double vtip = rps * p->d->diameter_ft * PJ_PI;
    p->helical_tip_mach = sqrt(vtip * vtip + vel * vel) / in->sound_speed_fps;
    p->j = rps > 0.01 ? vel / (p->d->diameter_ft * rps) : vel / p->d->diameter_ft;

    double power_available = engine_power_ftlbps - propeller_power_required(p, in);
    if (p->d->max_pitch_deg == p->d->min_pitch_deg)
        p->thrust_coeff = jtable_lookup(p->d->c_thrust, p->j, 0.0, 0.0);
    else
        p->thrust_coeff = jtable_lookup(p->d->c_thrust, p->j, p->pitch_deg, 0.0);
    p->thrust_coeff *= p->d->ct_factor;
    if (p->d->ct_mach)
        p->thrust_coeff *= jtable_lookup(p->d->ct_mach, p->helical_tip_mach, 0.0, 0.0);
    t->thrust_lbs = p->thrust_coeff * rps * rps * p->d->d4 * rho;

    /* Induced velocity from momentum theory. */
    double vel2sum = vel * fabs(vel) + 2.0 * t->thrust_lbs / (rho * area);
    p->induced_fps = vel2sum > 0.0 ? 0.5 * (-vel + sqrt(vel2sum)) : 0.5 * (-vel - sqrt(-vel2sum));

    /* P-factor: the thrust line moves sideways with the flow angle. */
    if (p->d->p_factor > 0.0001) {
        double tangential = sqrt(local[1] * local[1] + local[2] * local[2]);
        if (tangential > 0.0001) {
            double angle = trig_atan2_hinted(tangential, vel + p->induced_fps, &p->p_factor_hint);
            double factor = p->sense * p->d->p_factor * angle / tangential;
            t->acting_in[1] = t->loc_in[1] + factor * local[2];
            t->acting_in[2] = t->loc_in[2] + factor * local[1];
        }
    }

    double omega = rps * 2.0 * PJ_PI;
    t->fn_lbs[0] = t->thrust_lbs;
    t->fn_lbs[1] = t->fn_lbs[2] = 0.0;
    p->torque_ftlb = -p->sense * engine_power_ftlbps / fmax(0.01, omega);
    double h[3] = {p->d->ixx_slugft2 * omega * p->sense * p->d->sense_multiplier, 0.0, 0.0};

    p->excess_torque_ftlb = omega > 0.01 ? power_available / omega : power_available / 1.0;
    p->rpm = (rps + ((p->excess_torque_ftlb / p->d->ixx_slugft2) / (2.0 * PJ_PI)) * in->dt_s) * 60.0;
    if (p->rpm < 0.0)
        p->rpm = 0.0; /* the engine does not turn backwards */

    /* Gyroscopic moment pqr_i x (mT h) plus the reaction torque mT tau. */
    double mh[3], mtau[3], gyro[3];
    for (int i = 0; i < 3; i++) {
        mh[i] = t->mt[i][0] * h[0];
        mtau[i] = t->mt[i][0] * p->torque_ftlb;
    }
    pj_cross(in->pqri_radps, mh, gyro);
    for (int i = 0; i < 3; i++)
        t->mn_ftlb[i] = gyro[i] + mtau[i];
    return t->thrust_lbs;
}

double thruster_calculate(thruster *t, const prop_in *in, double power_or_thrust)
{
    switch (t->type) {
    case THR_PROPELLER:
        return propeller_calculate(t, in, power_or_thrust);
    case THR_ROTOR:
        return rotor_calculate(t, in, power_or_thrust);
    case THR_NOZZLE:
        t->thrust_lbs = fmax(0.0, power_or_thrust - in->pressure_psf * t->area_ft2);
        t->fn_lbs[0] = t->thrust_lbs * trig_cos(t->reverser_rad);
        return t->thrust_lbs;
    default:
        t->thrust_lbs = trig_cos(t->reverser_rad) * power_or_thrust;
        t->fn_lbs[0] = t->thrust_lbs;
        return t->thrust_lbs;
    }
}

void thruster_body_forces(thruster *t, const prop_in *in)
{
    double arm[3], rxf[3];
    for (int i = 0; i < 3; i++)
        t->fb_lbs[i] = t->mt[i][0] * t->fn_lbs[0] + t->mt[i][1] * t->fn_lbs[1] +
                       t->mt[i][2] * t->fn_lbs[2];
    thruster_arm_ft(in, t->acting_in, arm);
    pj_cross(arm, t->fb_lbs, rxf);
    for (int i = 0; i < 3; i++)
        t->m_ftlb[i] = t->mn_ftlb[i] + rxf[i];
}

/* A copy for another aircraft of a batch (tables shared, read-only). */
propeller *propeller_clone(arena *ar, const propeller *src)
{
    return arena_dup(ar, src, sizeof *src);
}
