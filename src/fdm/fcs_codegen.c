/*
 * fcs_codegen.c - C source for a flight control channel (fcs_codegen.h).
 *
 * Every written-out component mirrors its run function in fcs_internal.h
 * operation for operation: a parameter is `sign * v[slot]` or its
 * constant, a summer starts from 0.0 and adds its bias last (0.0 + -0.0
 * is +0.0, so neither is dropped), a constant clip is the same pair of
 * comparisons.  Constants are written as hexadecimal floating point, which
 * the compiler reads back exactly; a component with a constant that is not
 * finite is called, not written out.
 */
#include <float.h>
#include <math.h>
#include <stddef.h>

#include "expr/func_codegen.h"
#include "fdm/fcs_codegen.h"

static const char *const OP_TEXT[] = {"==", "!=", "<", "<=", ">", ">="};

static int param_inline(const fcs_param *p)
{
    return p->slot >= 0 ? isfinite(p->sign) : isfinite(p->value);
}

static void emit_param(FILE *o, const fcs_param *p)
{
    if (p->slot < 0)
        fprintf(o, "(%a)", p->value);
    else
        fprintf(o, "(%a * v[%d])", p->sign, p->slot);
}

/* A condition in its fast form (all members comparisons with constants). */
static int cond_inline(const cond *c)
{
    const cond_flat *h = (const cond_flat *)(const void *)c;
    if (h->n <= 0)
        return 0;
    for (int i = 0; i < h->n; i++)
        if (!isfinite(h->leaf[i].value) || h->leaf[i].op < COND_EQ || h->leaf[i].op > COND_GE)
            return 0;
    return 1;
}

static void emit_cond(FILE *o, const cond *c)
{
    const cond_flat *h = (const cond_flat *)(const void *)c;
    fputc('(', o);
    for (int i = 0; i < h->n; i++)
        fprintf(o, "%s(v[%d] %s %a)", i ? (h->logic_or ? " || " : " && ") : "", h->leaf[i].slot,
                OP_TEXT[h->leaf[i].op], h->leaf[i].value);
    fputc(')', o);
}

/* Whether the component is written out (else called). */
static int comp_inline(const fcs_comp *k)
{
    if (k->clip && !(param_inline(&k->clip_min) && param_inline(&k->clip_max)))
        return 0;
    switch (k->type) {
    case FCS_SUMMER:
        for (int i = 0; i < k->n_in; i++)
            if (!param_inline(&k->in[i]))
                return 0;
        return isfinite(k->u.summer_bias);
    case FCS_PURE_GAIN:
        return param_inline(&k->in[0]) && param_inline(&k->u.gain.gain);
    case FCS_AEROSURFACE_SCALE: {
        const fcs_gain *g = &k->u.gain;
        return param_inline(&k->in[0]) && param_inline(&g->gain) && isfinite(g->in_min) &&
               isfinite(g->in_max) && isfinite(g->out_min) && isfinite(g->out_max);
    }
    case FCS_DEADBAND:
        return param_inline(&k->in[0]) && param_inline(&k->u.deadband.width) && isfinite(k->u.deadband.gain);
    case FCS_PID: {
        const fcs_pid *p = &k->u.pid;
        return param_inline(&k->in[0]) && param_inline(&p->kp) && param_inline(&p->ki) &&
               param_inline(&p->kd) && (p->trigger_slot < 0 || isfinite(p->trigger_sign));
    }
    case FCS_LAG:
    case FCS_LEAD_LAG:
    case FCS_WASHOUT:
    case FCS_SECOND_ORDER: /* coefficients from properties are recomputed by the call */
        return param_inline(&k->in[0]) && !k->u.filt.dynamic;
    case FCS_FUNCTION: /* a product or a straight-line program */
        return jfunc_codegen_writable(k->u.func) && (k->n_in == 0 || param_inline(&k->in[0]));
    case FCS_ACTUATOR: { /* a delay line is the run function's */
        const fcs_actuator *a = &k->u.act;
        return k->delay_time <= 0.0 && param_inline(&k->in[0]) && param_inline(&k->clip_min) &&
               param_inline(&k->clip_max) && (!a->has_incr || param_inline(&a->rate_incr)) &&
               (!a->has_decr || param_inline(&a->rate_decr)) && (!a->has_lag || param_inline(&a->lag)) &&
               isfinite(a->bias) && isfinite(a->hysteresis_width) && isfinite(a->deadband_width);
    }
    case FCS_SCHEDULED_GAIN:
        return param_inline(&k->in[0]) && param_inline(&k->u.gain.gain);
    case FCS_KINEMATIC: {
        const fcs_kinematic *m = &k->u.kin;
        for (int i = 0; i < m->n; i++)
            if (!isfinite(m->detent[i]) || !isfinite(m->time_s[i]))
                return 0;
        return k->n_out > 0 && m->n >= 2 && param_inline(&k->in[0]);
    }
    case FCS_SENSOR: { /* noise (the random stream), quantisation and delay are the run function's */
        const fcs_sensor *m = &k->u.sens;
        return m->noise_variance == 0.0 && m->bits == 0 && k->delay_time <= 0.0 && param_inline(&k->in[0]) &&
               isfinite(m->lag) && isfinite(m->drift_rate) && isfinite(m->gain) && isfinite(m->bias);
    }
    case FCS_SWITCH:
        if (k->delay_time > 0.0) /* the delay line is the run function's */
            return 0;
        for (int i = 0; i < k->u.sw.ntests; i++) {
            const fcs_switch_test *t = &k->u.sw.tests[i];
            if (!param_inline(&t->value) || (t->test && !cond_inline(t->test)))
                return 0;
        }
        return 1;
    default:
        return 0;
    }
}

/* <clipto> on o (fcs_clip). */
static void emit_clip(FILE *o, const fcs_comp *k, int j)
{
    if (k->clip) {
        const fcs_param *lo = &k->clip_min, *hi = &k->clip_max;
        if (!k->clip_cyclic && lo->slot < 0 && hi->slot < 0) {
            if (!(hi->value - lo->value < 0.0)) /* a negative range skips the clip */
                fprintf(o, "    o = o < %a ? %a : (o > %a ? %a : o);\n", lo->value, lo->value, hi->value,
                        hi->value);
        } else {
            fprintf(o, "    S[1] = o;\n    clip(k[%d], (struct fcs_cstate *)(void *)S, v);\n    o = S[1];\n", j);
        }
    }
}

/* Output and every output slot (fcs_set_output). */
static void emit_outputs(FILE *o, const fcs_comp *k)
{
    fprintf(o, "    S[1] = o;\n");
    for (int i = 0; i < k->n_out; i++)
        fprintf(o, "    v[%d] = o;\n", k->out[i]);
}

static void emit_summer(FILE *o, const fcs_comp *k)
{
    fprintf(o, "    double o = 0.0;\n");
    for (int i = 0; i < k->n_in; i++) {
        fprintf(o, "    o += ");
        emit_param(o, &k->in[i]);
        fprintf(o, ";\n");
    }
    fprintf(o, "    o = o + %a;\n", k->u.summer_bias);
}

static void emit_pure_gain(FILE *o, const fcs_comp *k)
{
    fprintf(o, "    S[0] = ");
    emit_param(o, &k->in[0]);
    fprintf(o, ";\n    double o = ");
    emit_param(o, &k->u.gain.gain);
    fprintf(o, " * S[0];\n");
}

static void emit_switch(FILE *o, const fcs_comp *k)
{
    const fcs_switch *sw = &k->u.sw;
    fprintf(o, "    double o;\n");
    const char *kw = "if";
    for (int i = sw->has_default; i < sw->ntests; i++) {
        fprintf(o, "    %s ", kw);
        emit_cond(o, sw->tests[i].test);
        fprintf(o, "\n        o = ");
        emit_param(o, &sw->tests[i].value);
        fprintf(o, ";\n");
        kw = "else if";
    }
    fprintf(o, "    %s", sw->has_default < sw->ntests ? "else\n        " : "");
    fprintf(o, "o = ");
    if (sw->has_default)
        emit_param(o, &sw->tests[0].value);
    else
        fprintf(o, "0.0");
    fprintf(o, ";\n");
}

/* Byte offsets in the channel's state of a component's Input and tail
 * fields: D(off) in the generated code is the double there. */
#define TAIL(k, type, field) ((k)->state_off + sizeof(fcs_cstate) + offsetof(type, field))

static void emit_aerosurface_scale(FILE *o, const fcs_comp *k)
{
    const fcs_gain *g = &k->u.gain;
    fprintf(o, "    double x = ");
    emit_param(o, &k->in[0]);
    fprintf(o, ";\n    S[0] = x;\n    double o;\n");
    if (g->zero_centered)
        fprintf(o, "    if (x == 0.0)\n        o = 0.0;\n    else if (x > 0.0)\n        o = (x / %a) * %a;\n"
                   "    else\n        o = (x / %a) * %a;\n",
                g->in_max, g->out_max, g->in_min, g->out_min);
    else
        fprintf(o, "    o = %a + ((x - %a) / (%a - %a)) * (%a - %a);\n", g->out_min, g->in_min, g->in_max,
                g->in_min, g->out_max, g->out_min);
    fprintf(o, "    o = o * ");
    emit_param(o, &g->gain);
    fprintf(o, ";\n");
}

static void emit_deadband(FILE *o, const fcs_comp *k)
{
    fprintf(o, "    S[0] = ");
    emit_param(o, &k->in[0]);
    fprintf(o, ";\n    double half = 0.5 * ");
    emit_param(o, &k->u.deadband.width);
    fprintf(o, ";\n    double o;\n    if (S[0] < -half)\n        o = (S[0] + half) * %a;\n"
               "    else if (S[0] > half)\n        o = (S[0] - half) * %a;\n    else\n        o = 0.0;\n",
            k->u.deadband.gain, k->u.deadband.gain);
}

static void emit_pid(FILE *o, const fcs_comp *k)
{
    const fcs_pid *p = &k->u.pid;
    const size_t init = TAIL(k, fcs_pid_state, init_seen), itot = TAIL(k, fcs_pid_state, i_total),
                 prev = TAIL(k, fcs_pid_state, in_prev), prev2 = TAIL(k, fcs_pid_state, in_prev2);
    fprintf(o, "    if (v[%d] != D(%zu)) {\n        D(%zu) = v[%d];\n        D(%zu) = S[1] = D(%zu);\n    }\n",
            p->init_slot, init, init, p->init_slot, itot, init);
    fprintf(o, "    double x = ");
    emit_param(o, &k->in[0]);
    fprintf(o, ";\n    S[0] = x;\n");
    if (p->pvdot_slot >= 0)
        fprintf(o, "    double dval = v[%d];\n", p->pvdot_slot);
    else
        fprintf(o, "    double dval = dt > 0.0 ? (x - D(%zu)) / dt : 0.0;\n", prev);
    if (p->trigger_slot >= 0)
        fprintf(o, "    double test = %a * v[%d];\n", p->trigger_sign, p->trigger_slot);
    else
        fprintf(o, "    double test = 0.0;\n");
    fprintf(o, "    double delta = 0.0;\n    if (__builtin_fabs(test) < 0.000001)\n        delta = ");
    switch (p->int_type) {
    case PID_INT_RECT: fprintf(o, "x;\n"); break;
    case PID_INT_TRAP: fprintf(o, "0.5 * (x + D(%zu));\n", prev); break;
    case PID_INT_AB2: fprintf(o, "1.5 * x - 0.5 * D(%zu);\n", prev); break;
    case PID_INT_AB3: fprintf(o, "(23.0 * x - 16.0 * D(%zu) + 5.0 * D(%zu)) / 12.0;\n", prev, prev2); break;
    default: fprintf(o, "0.0;\n"); break;
    }
    fprintf(o, "    if (test < 0.0)\n        D(%zu) = 0.0;\n    D(%zu) += ", itot, itot);
    emit_param(o, &p->ki);
    fprintf(o, " * dt * delta;\n    double kp = ");
    emit_param(o, &p->kp);
    fprintf(o, ", kd = ");
    emit_param(o, &p->kd);
    if (p->standard)
        fprintf(o, ";\n    double o = kp * (x + D(%zu) + kd * dval);\n", itot);
    else
        fprintf(o, ";\n    double o = kp * x + D(%zu) + kd * dval;\n", itot);
    fprintf(o, "    D(%zu) = test < 0.0 ? 0.0 : D(%zu);\n    D(%zu) = x;\n", prev2, prev, prev);
}

static void emit_filter(FILE *o, const fcs_comp *k)
{
    const size_t in1 = TAIL(k, fcs_filter_state, in1), in2 = TAIL(k, fcs_filter_state, in2),
                 out1 = TAIL(k, fcs_filter_state, out1), out2 = TAIL(k, fcs_filter_state, out2),
                 ca = TAIL(k, fcs_filter_state, ca), cb = TAIL(k, fcs_filter_state, cb),
                 cc = TAIL(k, fcs_filter_state, cc), cd = TAIL(k, fcs_filter_state, cd),
                 ce = TAIL(k, fcs_filter_state, ce), init = TAIL(k, fcs_filter_state, initialize);
    fprintf(o, "    double o;\n    if (*(int *)(void *)(st + %zu)) {\n        o = S[0];\n"
               "        D(%zu) = D(%zu) = D(%zu) = D(%zu) = o;\n        *(int *)(void *)(st + %zu) = 0;\n"
               "    } else {\n        double x = ",
            init, out2, in2, out1, in1, init);
    emit_param(o, &k->in[0]);
    fprintf(o, ";\n        S[0] = x;\n        o = ");
    switch (k->type) {
    case FCS_LAG: fprintf(o, "(x + D(%zu)) * D(%zu) + D(%zu) * D(%zu);\n", in1, ca, out1, cb); break;
    case FCS_LEAD_LAG:
        fprintf(o, "x * D(%zu) + D(%zu) * D(%zu) + D(%zu) * D(%zu);\n", ca, in1, cb, out1, cc);
        break;
    case FCS_SECOND_ORDER:
        fprintf(o, "x * D(%zu) + D(%zu) * D(%zu) + D(%zu) * D(%zu) - D(%zu) * D(%zu) - D(%zu) * D(%zu);\n", ca,
                in1, cb, in2, cc, out1, cd, out2, ce);
        break;
    default: fprintf(o, "x * D(%zu) - D(%zu) * D(%zu) + D(%zu) * D(%zu);\n", ca, in1, ca, out1, cb); break;
    }
    fprintf(o, "    }\n    D(%zu) = D(%zu);\n    D(%zu) = o;\n    D(%zu) = D(%zu);\n    D(%zu) = S[0];\n", out2,
            out1, out1, in2, in1, in1);
}

#define ACT(field) TAIL(k, fcs_actuator_state, field)

/* The actuator as fcs_actuator_run computes it without a delay line.  A
 * frame whose lag differs from the one its coefficients were made for is
 * left to the run function (which recomputes them), before anything
 * changed. */
static void emit_actuator(FILE *o, const fcs_comp *k, int j)
{
    const fcs_actuator *a = &k->u.act;
    const size_t init = ACT(initialized);
    if (a->has_lag) {
        fprintf(o, "    if (");
        emit_param(o, &a->lag);
        fprintf(o, " != D(%zu)) {\n        fn[%d](k[%d], (struct fcs_cstate *)(void *)S, fr);\n"
                   "        goto done_%d;\n    }\n",
                ACT(lag_val), j, j, j);
    }
    fprintf(o, "    S[0] = ");
    emit_param(o, &k->in[0]);
    fprintf(o, ";\n    if (trimming)\n        I(%zu) = 0;\n    if (v[%d] != 0.0)\n        S[0] = 0.0;\n"
               "    if (v[%d] != 0.0)\n        S[0] = S[0] < 0.0 ? ",
            init, a->fail_zero_slot, a->fail_hardover_slot);
    emit_param(o, &k->clip_min);
    fprintf(o, " : ");
    emit_param(o, &k->clip_max);
    fprintf(o, ";\n    double o = S[0];\n    if (v[%d] != 0.0) {\n        o = D(%zu);\n    } else {\n",
            a->fail_stuck_slot, ACT(prev_output));
    if (a->has_lag)
        fprintf(o, "        double in = o;\n        if (I(%zu))\n            o = D(%zu) * (in + D(%zu)) + D(%zu) * D(%zu);\n"
                   "        D(%zu) = in;\n        D(%zu) = o;\n",
                init, ACT(ca), ACT(prev_lag_in), ACT(prev_lag_out), ACT(cb), ACT(prev_lag_in), ACT(prev_lag_out));
    if (a->has_incr || a->has_decr) {
        fprintf(o, "        {\n        double in = o;\n        if (I(%zu)) {\n            double delta = in - D(%zu);\n",
                init, ACT(prev_rate));
        if (a->has_incr) {
            fprintf(o, "            double rl = ");
            emit_param(o, &a->rate_incr);
            fprintf(o, ";\n            if (delta > dt * rl)\n                o = D(%zu) + rl * dt;\n", ACT(prev_rate));
        }
        if (a->has_decr) {
            fprintf(o, "            double rd = -");
            emit_param(o, &a->rate_decr);
            fprintf(o, ";\n            if (delta < dt * rd)\n                o = D(%zu) + rd * dt;\n", ACT(prev_rate));
        }
        fprintf(o, "        }\n        D(%zu) = o;\n        }\n", ACT(prev_rate));
    }
    if (a->deadband_width != 0.0)
        fprintf(o, "        {\n        double in = o, half = %a / 2.0;\n"
                   "        o = in < -half ? in + half : (in > half ? in - half : 0.0);\n        }\n",
                a->deadband_width);
    if (a->hysteresis_width != 0.0)
        fprintf(o, "        {\n        double in = o;\n        if (I(%zu)) {\n            if (in > D(%zu))\n"
                   "                o = __builtin_fmax(D(%zu), in - 0.5 * %a);\n            else if (in < D(%zu))\n"
                   "                o = __builtin_fmin(D(%zu), in + 0.5 * %a);\n        }\n        D(%zu) = o;\n        }\n",
                init, ACT(prev_hyst), ACT(prev_hyst), a->hysteresis_width, ACT(prev_hyst), ACT(prev_hyst),
                a->hysteresis_width, ACT(prev_hyst));
    if (a->bias != 0.0)
        fprintf(o, "        o += %a;\n", a->bias);
    fprintf(o, "    }\n    D(%zu) = o;\n    I(%zu) = 1;\n", ACT(prev_output), init);
}

/* After the clip: JSBSim's <name>/saturated. */
static void emit_actuator_saturated(FILE *o, const fcs_comp *k)
{
    if (!k->clip)
        return;
    fprintf(o, "    {\n    double cmax = ");
    emit_param(o, &k->clip_max);
    fprintf(o, ", cmin = ");
    emit_param(o, &k->clip_min);
    fprintf(o, ";\n    v[%d] = ((o >= cmax && cmax != 0.0) || (o <= cmin && cmin != 0.0)) ? 1.0 : 0.0;\n    }\n",
            k->u.act.saturated_slot);
}

/* scheduled_gain: gain times the table times the input, in that order
 * (fcs_scheduled_gain_run); the table written out as a function's is. */
static void emit_scheduled_gain(jfunc_cg *cg, const fcs_comp *k)
{
    FILE *o = cg->out;
    fprintf(o, "    S[0] = ");
    emit_param(o, &k->in[0]);
    fprintf(o, ";\n    double g = ");
    emit_param(o, &k->u.gain.gain);
    fprintf(o, ", tv;\n");
    jfunc_codegen_table(cg, k->u.gain.table, "tv");
    fprintf(o, "    double o = g * tv * S[0];\n");
}

static void emit_values(FILE *o, const char *name, const double *x, int n)
{
    fprintf(o, "    static const double %s[] = {", name);
    for (int i = 0; i < n; i++)
        fprintf(o, "%s%a", i ? ", " : "", x[i]);
    fprintf(o, "};\n");
}

/* kinematic: fcs_kinematic_run with its detents and times in the code. */
static void emit_kinematic(FILE *o, const fcs_comp *k)
{
    const fcs_kinematic *m = &k->u.kin;
    const int n = m->n;
    emit_values(o, "KD", m->detent, n);
    emit_values(o, "KT", m->time_s, n);
    fprintf(o, "    double dt0 = dt, input = ");
    emit_param(o, &k->in[0]);
    fprintf(o, ";\n");
    if (m->scale)
        fprintf(o, "    input *= KD[%d];\n", n - 1);
    fprintf(o,
            "    double o = v[%d];\n"
            "    input = input < KD[0] ? KD[0] : (input > KD[%d] ? KD[%d] : input);\n"
            "    if (trimming) {\n        o = input;\n    } else {\n"
            "        for (;;) {\n"
            "            double fa = __builtin_fabs(input), fb = __builtin_fabs(o);\n"
            "            if (!(dt0 > 0.0) || __builtin_fabs(input - o) <= %a * (fa > fb ? fa : fb))\n"
            "                break;\n"
            "            int ind = 1;\n"
            "            while (ind < %d && ((input < o) ? KD[ind] < o : KD[ind] <= o))\n                ind++;\n"
            "            if (KT[ind] <= 0.0) {\n                o = input;\n                break;\n            }\n"
            "            double rate = (KD[ind] - KD[ind - 1]) / KT[ind];\n"
            "            double lo = KD[ind - 1], hi = KD[ind];\n"
            "            double this_input = input < lo ? lo : (input > hi ? hi : input);\n"
            "            double this_dt = __builtin_fabs((this_input - o) / rate);\n"
            "            if (dt0 < this_dt) {\n                this_dt = dt0;\n"
            "                if (o < input)\n                    o += this_dt * rate;\n"
            "                else\n                    o -= this_dt * rate;\n"
            "            } else {\n                o = this_input;\n            }\n"
            "            dt0 -= this_dt;\n        }\n    }\n"
            "    S[0] = input;\n",
            k->out[0], n - 1, n - 1, 2.0 * DBL_EPSILON, n - 1);
}

#define SEN(field) TAIL(k, fcs_sensor_state, field)

/* A sensor without noise, quantisation or delay, as fcs_sensor_run: lag,
 * drift, gain, bias and failures; its clip inside the working branch (a
 * stuck sensor keeps its last output). */
static void emit_sensor(FILE *o, const fcs_comp *k, int j)
{
    const fcs_sensor *m = &k->u.sens;
    fprintf(o, "    S[0] = ");
    emit_param(o, &k->in[0]);
    fprintf(o, ";\n    double o = S[1];\n    if (v[%d] == 0.0) {\n    o = S[0];\n", m->fail_stuck_slot);
    if (m->lag != 0.0)
        fprintf(o, "    o = D(%zu) * (o + D(%zu)) + D(%zu) * D(%zu);\n    D(%zu) = o;\n    D(%zu) = S[0];\n",
                SEN(ca), SEN(prev_in), SEN(prev_out), SEN(cb), SEN(prev_out), SEN(prev_in));
    if (m->drift_rate != 0.0)
        fprintf(o, "    D(%zu) += %a * dt;\n    o += D(%zu);\n", SEN(drift), m->drift_rate, SEN(drift));
    if (m->gain != 0.0)
        fprintf(o, "    o *= %a;\n", m->gain);
    if (m->bias != 0.0)
        fprintf(o, "    o += %a;\n", m->bias);
    fprintf(o, "    if (v[%d] != 0.0)\n        o = -__builtin_huge_val();\n"
               "    if (v[%d] != 0.0)\n        o = __builtin_huge_val();\n",
            m->fail_low_slot, m->fail_high_slot);
    emit_clip(o, k, j);
    fprintf(o, "    }\n");
}

/* fcs_function: its function's value (written out, its tables through
 * P), times the input when it has one. */
static void emit_function(jfunc_cg *cg, const fcs_comp *k)
{
    FILE *o = cg->out;
    fprintf(o, "    double o;\n");
    (void)jfunc_codegen_value(cg, k->u.func, "o", 0);
    if (k->n_in > 0) {
        fprintf(o, "    S[0] = ");
        emit_param(o, &k->in[0]);
        fprintf(o, ";\n    o = o * S[0];\n");
    }
}

void fcs_codegen_prologue(FILE *o)
{
    jfunc_codegen_prologue(o);
    fprintf(o, "#define D(off) (*(double *)(void *)(st + (off)))\n"
               "#define I(off) (*(int *)(void *)(st + (off)))\n"
               "struct fcs_comp;\nstruct fcs_cstate;\nstruct fcs_frame;\n"
               "typedef void (*run_fn)(const struct fcs_comp *, struct fcs_cstate *, const struct fcs_frame *);\n"
               "typedef void (*clip_fn)(const struct fcs_comp *, struct fcs_cstate *, const double *);\n");
}

#define CHANNEL_PARAMS                                                                               \
    "(double *v, unsigned char *st, const struct fcs_comp *const *k, const run_fn *fn,\n"                \
    "        const struct fcs_frame *fr, clip_fn clip, double dt, int trimming, const void *const *P,\n"      \
    "        const jfunc_native_api *api)"

int fcs_codegen_channel(FILE *o, const char *name, const fcs_comp *comp, int ncomp, const void **P)
{
    jfunc_cg cg = {o, P, 0, 0};
    fprintf(o, "\nstatic inline void body_%s" CHANNEL_PARAMS "\n{\n"
               "    (void)v; (void)st; (void)k; (void)fn; (void)fr; (void)clip; (void)dt; (void)trimming;\n"
               "    (void)P; (void)api;\n",
            name);
    for (int j = 0; j < ncomp; j++) {
        const fcs_comp *k = &comp[j];
        if (!comp_inline(k)) {
            fprintf(o, "    fn[%d](k[%d], (struct fcs_cstate *)(void *)(st + %zu), fr);\n", j, j, k->state_off);
            continue;
        }
        fprintf(o, "    { /* %d */\n    double *S = (double *)(void *)(st + %zu);\n", j, k->state_off);
        switch (k->type) {
        case FCS_SUMMER: emit_summer(o, k); break;
        case FCS_PURE_GAIN: emit_pure_gain(o, k); break;
        case FCS_AEROSURFACE_SCALE: emit_aerosurface_scale(o, k); break;
        case FCS_DEADBAND: emit_deadband(o, k); break;
        case FCS_PID: emit_pid(o, k); break;
        case FCS_LAG:
        case FCS_LEAD_LAG:
        case FCS_WASHOUT:
        case FCS_SECOND_ORDER: emit_filter(o, k); break;
        case FCS_ACTUATOR: emit_actuator(o, k, j); break;
        case FCS_FUNCTION: emit_function(&cg, k); break;
        case FCS_SCHEDULED_GAIN: emit_scheduled_gain(&cg, k); break;
        case FCS_KINEMATIC: emit_kinematic(o, k); break;
        case FCS_SENSOR: emit_sensor(o, k, j); break;
        default: emit_switch(o, k); break;
        }
        if (k->type != FCS_SENSOR) /* the sensor's is inside its branch */
            emit_clip(o, k, j);
        if (k->type == FCS_ACTUATOR)
            emit_actuator_saturated(o, k);
        emit_outputs(o, k);
        if (k->type == FCS_ACTUATOR && k->u.act.has_lag)
            fprintf(o, "    done_%d:;\n", j);
        fprintf(o, "    }\n");
    }
    fprintf(o, "}\n\nvoid %s" CHANNEL_PARAMS "\n{\n    body_%s(v, st, k, fn, fr, clip, dt, trimming, P, api);\n}\n",
            name, name);
    return cg.np;
}

void fcs_codegen_group(FILE *o, const char *name, const char *const *channels, int n, const fcs_group_layout *l)
{
    fprintf(o, "\nvoid %s(double *v, const unsigned char *ch, unsigned char *const *st, const struct fcs_frame *fr,\n"
               "        clip_fn clip, double dt, int trimming, double dt_s, const jfunc_native_api *api)\n{\n",
            name);
    for (int i = 0; i < n; i++) {
        if (!channels[i])
            continue; /* a channel without components */
        fprintf(o, "    v[%d] = dt_s;\n    body_%s(v, st[%d],\n"
                   "        *(const struct fcs_comp *const *const *)(ch + %zu), *(const run_fn *const *)(ch + %zu),\n"
                   "        fr, clip, dt, trimming, *(const void *const *const *)(ch + %zu), api);\n",
                l->dt_slot, channels[i], i, (size_t)i * l->stride + l->off_k, (size_t)i * l->stride + l->off_fn,
                (size_t)i * l->stride + l->off_p);
    }
    fprintf(o, "}\n");
}

/* --- the functions generated code calls --- */

static void run_any(const fcs_comp *k, fcs_cstate *s, const fcs_frame *fr)
{
    fcs_comp_run(k, s, fr);
}

static void run_distributor(const fcs_comp *k, fcs_cstate *s, const fcs_frame *fr)
{
    (void)s;
    fcs_distributor_run(k, fr);
}

fcs_native_run fcs_codegen_runner(const fcs_comp *k)
{
    switch (k->type) {
    case FCS_SCHEDULED_GAIN: return fcs_scheduled_gain_run;
    case FCS_AEROSURFACE_SCALE: return fcs_aerosurface_scale_run;
    case FCS_DEADBAND: return fcs_deadband_run;
    case FCS_LAG:
    case FCS_LEAD_LAG:
    case FCS_WASHOUT:
    case FCS_SECOND_ORDER: return fcs_filter_run;
    case FCS_PID: return fcs_pid_run;
    case FCS_KINEMATIC: return fcs_kinematic_run;
    case FCS_DISTRIBUTOR: return run_distributor;
    case FCS_FUNCTION:
    case FCS_ANGLE:
    case FCS_WAYPOINT_HEADING:
    case FCS_WAYPOINT_DISTANCE: return fcs_misc_run;
    case FCS_ACTUATOR: return fcs_actuator_run;
    case FCS_LINEAR_ACTUATOR: return fcs_linact_run;
    case FCS_SENSOR:
    case FCS_ACCELEROMETER:
    case FCS_GYRO:
    case FCS_MAGNETOMETER: return fcs_sensor_run;
    default: return run_any; /* summer, gain, switch not written out */
    }
}
