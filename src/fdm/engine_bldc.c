/*
 * engine_bldc.c - JSBSim's brushless DC motor (<brushless_dc_motor>), for
 * small electric propeller aircraft such as multirotors.  The voltage is
 * maxvolts x throttle; the current follows Drela's first-order motor model,
 * I = (V - rpm / Kv) / R, with Kv the velocity constant (rpm per volt) and
 * R the coil resistance; the no-load current is a dead band that always
 * opposes the torque: torque = (I -/+ I0) / Kv (N m per amp = 60 / (2 pi
 * Kv)), converted to lbf ft with JSBSim's 1.3558.  The shaft power handed
 * to the propeller is 2 pi rpm torque / 60, with the rpm held at least at
 * 1e-4 so that a stopped propeller can be spun up.  No fuel is used.
 *
 * The rpm is the propeller's own (not multiplied by its gear ratio), as
 * FGBrushLessDCMotor reads Thruster->GetRPM().
 *
 * Reference: JSBSim src/models/propulsion/FGBrushLessDCMotor.cpp and .h;
 * M. Drela, "First-Order DC Electric Motor Model", MIT, 2007.
 */
#include <math.h>

#include "fdm/propulsion_internal.h"

#define BLDC_NM_TO_FTLB 1.3558          /* JSBSim's constant in this model */
#define BLDC_HP_TO_W 745.7

struct bldc {
    double max_volts, kv_rpm_per_volt, coil_resistance_ohm, no_load_current_a;
    double current_a, hp;
    int s_power, s_current;
};

saqr_status bldc_load(jx_ctx *c, xmlNode *el, engine *e)
{
    static const char *const known[] = {"maxvolts", "velocityconstant", "coilresistance",
                                        "noloadcurrent", "function", "property", NULL};
    engine_def *ed = engine_def_loading(e);
    saqr_status st;
    bldc *b = arena_alloc(c->ar, sizeof *b);
    if (!b)
        return jx_error(c, el, "out of memory");
    e->bl = b;
    ed->type = ENG_BLDC;
    jx_warn_unknown(c, el, known);
    if ((st = jx_child_number(c, el, "maxvolts", "VOLTS", 1, &b->max_volts)) ||
        (st = jx_child_number(c, el, "velocityconstant", NULL, 1, &b->kv_rpm_per_volt)) ||
        (st = jx_child_number(c, el, "coilresistance", "OHMS", 1, &b->coil_resistance_ohm)) ||
        (st = jx_child_number(c, el, "noloadcurrent", "AMPERES", 1, &b->no_load_current_a)))
        return st;
    if (b->kv_rpm_per_volt <= 0.0 || b->coil_resistance_ohm <= 0.0)
        return jx_error(c, el, "<velocityconstant> and <coilresistance> must be positive");
    const unsigned rw = PROP_PRODUCED | PROP_INPUT;
    if ((b->s_power = pj_slot(c, el, "engine", ed->index, "power-hp", rw)) < 0 ||
        (b->s_current = pj_slot(c, el, "engine", ed->index, "current-amperes", rw)) < 0)
        return SAQR_EPARSE;
    return SAQR_OK;
}

void bldc_reset(engine *e, double *v)
{
    e->bl->current_a = e->bl->hp = 0.0;
    bldc_write(e, v);
}

void bldc_write(const engine *e, double *v)
{
    v[e->bl->s_power] = e->bl->hp;
    v[e->bl->s_current] = e->bl->current_a;
}

/* Shaft torque in lbf ft for a winding current, with the no-load current
 * as a dead band: Kq = 1/Kv N m per amp. */
static double torque_ftlb(const bldc *b, double current_a)
{
    const double watt_per_rpm_to_ftlb = 60.0 / (2.0 * PJ_PI * BLDC_NM_TO_FTLB);
    double active_a = 0.0;
    if (current_a >= b->no_load_current_a)
        active_a = current_a - b->no_load_current_a;
    else if (current_a <= -b->no_load_current_a)
        active_a = current_a + b->no_load_current_a;
    return active_a / b->kv_rpm_per_volt * watt_per_rpm_to_ftlb;
}

void bldc_calculate(engine *e, const prop_in *in, double *v)
{
    bldc *b = e->bl;
    engine_run_pre(e, v);
    propeller *p = e->thr.prop;
    if (p) {
        p->advance = e->ctl.advance;
        p->feathered = e->ctl.feather;
    }
    double rpm = p ? p->rpm : 0.0;
    double volts = b->max_volts * e->ctl.throttle;
    b->current_a = (volts - rpm / b->kv_rpm_per_volt) / b->coil_resistance_ohm;
    double torque = torque_ftlb(b, b->current_a);
    double power_ftlbps = 2.0 * PJ_PI * fmax(rpm, 0.0001) * torque / 60.0;
    b->hp = power_ftlbps / BLDC_HP_TO_W * BLDC_NM_TO_FTLB;
    thruster_calculate(&e->thr, in, power_ftlbps);
    engine_run_post(e, v);
}

/* A copy for another aircraft of a batch (tables shared, read-only). */
bldc *bldc_clone(arena *ar, const bldc *src)
{
    return arena_dup(ar, src, sizeof *src);
}
