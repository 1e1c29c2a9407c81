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
#include <math.h>

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

/* <clipto> on o, then Output and every output slot (fcs_clip and
 * fcs_set_output). */
static void emit_clip_and_outputs(FILE *o, const fcs_comp *k, int j)
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

void fcs_codegen_prologue(FILE *o)
{
    fprintf(o, "struct fcs_comp;\nstruct fcs_cstate;\nstruct fcs_frame;\n"
               "typedef void (*run_fn)(const struct fcs_comp *, struct fcs_cstate *, const struct fcs_frame *);\n"
               "typedef void (*clip_fn)(const struct fcs_comp *, struct fcs_cstate *, const double *);\n");
}

void fcs_codegen_channel(FILE *o, const char *name, const fcs_comp *comp, int ncomp)
{
    fprintf(o, "\nvoid %s(double *v, unsigned char *st, const struct fcs_comp *const *k, const run_fn *fn,\n"
               "        const struct fcs_frame *fr, clip_fn clip)\n{\n"
               "    (void)v; (void)st; (void)k; (void)fn; (void)fr; (void)clip;\n", name);
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
        default: emit_switch(o, k); break;
        }
        emit_clip_and_outputs(o, k, j);
        fprintf(o, "    }\n");
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
