/*
 * aero.c - JSBSim aerodynamics: sums of compiled functions per axis,
 * converted from the file's axis system to body axes, moments moved from
 * the aerodynamic reference point to the CG.  Function values are in
 * JSBSim units (lbf, lbf ft) and converted to SI here.  Saqr extension:
 * <daveml> elements (aero_daveml.c) run DAVE-ML models among the pre
 * functions, in file order, so the axis functions can read their outputs.
 * Reference: JSBSim src/models/FGAerodynamics.cpp (Load, Run,
 * DetermineAxisSystem, BuildStabilityTransformMatrices),
 * FGAuxiliary::UpdateWindMatrices (wind-to-body matrix).
 */
#include "fdm/aero.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include "expr/func.h"
#include "expr/func_codegen.h"
#include "fdm/aero_daveml.h"
#include "fdm/model_load.h"
#include "math/units.h"

#define AERO_MAX_FUNCS 512

enum axis_type { AX_NONE, AX_BODY, AX_WIND, AX_AXIAL_NORMAL, AX_STABILITY };

enum { AERO_SUM_PRE, AERO_SUM_F0, AERO_SUM_CG0 = AERO_SUM_F0 + 6, AERO_SUM_POST = AERO_SUM_CG0 + 3,
       AERO_SUM_N };

/* The loaded aerodynamics: what a run reads and nothing changes after
 * loading and compiling, shared by the aircraft of a batch (aero_clone). */
typedef struct aero_def {
    int force_axes, moment_axes;            /* enum axis_type              */
    double alpha_clmin_rad, alpha_clmax_rad;
    double alpha_hyst_min_rad, alpha_hyst_max_rad;
    jfunc *rp_shift;                        /* aero_ref_pt_shift_x or NULL */
    int n_pre;
    jfunc **pre;                            /* functions run first          */
    int n_post;
    jfunc **post;
    int n[6], n_cg[3];                      /* per axis: 0-2 forces, 3-5 moments */
    jfunc **f[6], **f_cg[3];
    int n_dml;
    int *dml_after;                         /* pre functions run before each */
    /* saqr_fdm_compile: generated sums (func_codegen.h) by AERO_SUM_*, with
     * the pointers each reads; NULL: interpreted */
    jfunc_native_sum native[AERO_SUM_N];
    const void **native_p[AERO_SUM_N];
    const jfunc_native_api *native_api;
} aero_def;

/* One aircraft's aerodynamics. */
struct aero {
    const aero_def *d;
    aero_dml **dml;                         /* <daveml> models, file order  */
    double stall_hyst;                      /* 0 or 1                       */
    double last_lift_lbs;                   /* for aero/cl-squared          */
};

/* The function lists aero_run sums: pre (when no DAVE-ML model splits
 * them), the six native axes, the three CG-force axes, post. */
static jfunc **sum_list(const aero *a, int k, int *n)
{
    if (k == AERO_SUM_PRE) {
        *n = a->d->n_dml == 0 ? a->d->n_pre : 0;
        return a->d->pre;
    }
    if (k < AERO_SUM_CG0) {
        *n = a->d->n[k - AERO_SUM_F0];
        return a->d->f[k - AERO_SUM_F0];
    }
    if (k < AERO_SUM_POST) {
        *n = a->d->n_cg[k - AERO_SUM_CG0];
        return a->d->f_cg[k - AERO_SUM_CG0];
    }
    *n = a->d->n_post;
    return a->d->post;
}

/* sum_list with the name of its generated function (name[48]). */
static jfunc **sum_named(const aero *a, int k, int *n, char *name)
{
    snprintf(name, 48, "saqr_aero_sum_%d", k);
    return sum_list(a, k, n);
}

void aero_codegen_emit(const aero *a, FILE *out)
{
    for (int k = 0; k < AERO_SUM_N; k++) {
        int n;
        char name[48];
        jfunc **f = sum_named(a, k, &n, name);
        if (n > 0)
            (void)jfunc_codegen_sum(out, name, f, n, NULL);
    }
}

/* The model's own definition, for compiling to bind its code: the only
 * writer after loading (a batch's aircraft cannot compile), as
 * engine_def_loading and fcs_def_loading. */
static aero_def *aero_def_compiling(aero *a)
{
    return (aero_def *)(uintptr_t)a->d;
}

saqr_status aero_native_bind(aero *a, arena *ar, native_lib *lib, saqr_err *err)
{
    aero_def *d = aero_def_compiling(a);
    jfunc_native_sum fn[AERO_SUM_N] = {0};
    const void **ptrs[AERO_SUM_N] = {0};
    for (int k = 0; k < AERO_SUM_N; k++) {
        int n;
        char name[48];
        jfunc **f = sum_named(a, k, &n, name);
        if (n <= 0)
            continue;
        saqr_status st = jfunc_codegen_bind_sum(lib, ar, name, f, n, &fn[k], &ptrs[k], err);
        if (st != SAQR_OK)
            return st;
    }
    for (int k = 0; k < AERO_SUM_N; k++) {
        d->native[k] = fn[k];
        d->native_p[k] = ptrs[k];
    }
    d->native_api = jfunc_native_api_get();
    return SAQR_OK;
}

void aero_native_unbind(aero *a)
{
    aero_def *d = aero_def_compiling(a);
    for (int k = 0; k < AERO_SUM_N; k++)
        d->native[k] = NULL;
}

/* jfunc_eval_sum of list k, by its generated code when there is one. */
static inline double run_sum(const aero_def *d, int k, jfunc *const *f, int n, double *v, saqr_rng *rng)
{
    if (d->native[k])
        return d->native[k](v, d->native_p[k], d->native_api, rng);
    return jfunc_eval_sum(f, n, 0.0, v, rng);
}

static int axis_index(const char *name)
{
    static const char *const names[] = {"DRAG", "SIDE", "LIFT", "ROLL", "PITCH", "YAW",
                                        "X",    "Y",    "Z",    "AXIAL", "NORMAL"};
    static const int index[] = {0, 1, 2, 3, 4, 5, 0, 1, 2, 0, 2};
    for (int i = 0; i < 11; i++)
        if (strcmp(name, names[i]) == 0)
            return index[i];
    return -1;
}

static saqr_status axis_frame(jx_ctx *c, const xmlNode *el, const char *name, aero_def *d)
{
    const char *frame = jx_attr(c, el, "frame");
    int kind;
    int *target;
    if (!strcmp(name, "X") || !strcmp(name, "Y") || !strcmp(name, "Z") || !strcmp(name, "ROLL") ||
        !strcmp(name, "PITCH") || !strcmp(name, "YAW")) {
        target = (name[0] == 'X' || name[0] == 'Y' || name[0] == 'Z') && name[1] == '\0' ? &d->force_axes
                                                                                       : &d->moment_axes;
        if (!frame || !*frame || !strcmp(frame, "BODY"))
            kind = AX_BODY;
        else if (!strcmp(frame, "STABILITY"))
            kind = AX_STABILITY;
        else if (!strcmp(frame, "WIND"))
            kind = AX_WIND;
        else
            return jx_error(c, el, "unknown axis frame \"%s\"", frame);
    } else if (!strcmp(name, "LIFT") || !strcmp(name, "DRAG")) {
        target = &d->force_axes;
        kind = (frame && !strcmp(frame, "STABILITY")) ? AX_STABILITY : AX_WIND;
    } else if (!strcmp(name, "SIDE")) {
        return SAQR_OK;                    /* fits wind and axial/normal   */
    } else {
        target = &d->force_axes;
        kind = AX_AXIAL_NORMAL;
    }
    if (*target == AX_NONE)
        *target = kind;
    else if (*target != kind)
        jx_warn(c, el, "mixed aerodynamic axis systems (%s)", name);
    return SAQR_OK;
}

/* Loads the <daveml> children of `el`, noting for each how many pre
 * functions come before it in the file (they run in that order). */
static saqr_status load_daveml(jx_ctx *c, const xmlNode *el, aero_def *d, aero *a)
{
    int n = jx_count(el, "daveml");
    a->dml = arena_array(c->ar, (size_t)(n ? n : 1), sizeof *a->dml);
    d->dml_after = arena_array(c->ar, (size_t)(n ? n : 1), sizeof *d->dml_after);
    if (!a->dml || !d->dml_after)
        return err_set(c->err, SAQR_ENOMEM, "out of memory");
    int n_pre = 0;
    for (const xmlNode *k = jx_first(el, NULL); k; k = jx_next(k, NULL)) {
        if (jx_is(k, "function")) {
            const char *t = jx_attr(c, k, "type");
            n_pre += !t || !strcmp(t, "pre");
        } else if (jx_is(k, "daveml")) {
            saqr_status st = aero_dml_load(c, k, &a->dml[d->n_dml]);
            if (st)
                return st;
            d->dml_after[d->n_dml++] = n_pre;
        }
    }
    return SAQR_OK;
}

static saqr_status limits(jx_ctx *c, const xmlNode *el, double *lo, double *hi)
{
    const char *unit = jx_attr(c, el, "unit");
    const char *u = unit && *unit ? unit : "RAD";
    double vals[2];
    const char *names[2] = {"min", "max"};
    for (int i = 0; i < 2; i++) {
        const xmlNode *k = jx_first(el, names[i]);
        if (!k)
            return jx_error(c, el, "<%s> needs <%s>", (const char *)el->name, names[i]);
        saqr_status st = jx_number(c, k, NULL, &vals[i]);
        if (st)
            return st;
        if (jx_convert(vals[i], u, "RAD", &vals[i]))
            return jx_error(c, el, "unit \"%s\" is not an angle", u);
    }
    *lo = vals[0];
    *hi = vals[1];
    return SAQR_OK;
}

saqr_status aero_load(jx_ctx *c, const xmlNode *el, aero **out)
{
    static const char *const known[] = {"alphalimits", "hysteresis_limits", "aero_ref_pt_shift_x", "axis",
                                        "function", "property", "daveml", "description", NULL};
    aero_def *d = arena_alloc(c->ar, sizeof *d);
    aero *a = arena_alloc(c->ar, sizeof *a);
    if (!d || !a)
        return err_set(c->err, SAQR_ENOMEM, "out of memory");
    a->d = d;
    saqr_status st;
    const xmlNode *k;
    if ((k = jx_first(el, "alphalimits")) && (st = limits(c, k, &d->alpha_clmin_rad, &d->alpha_clmax_rad)))
        return st;
    if ((k = jx_first(el, "hysteresis_limits")) &&
        (st = limits(c, k, &d->alpha_hyst_min_rad, &d->alpha_hyst_max_rad)))
        return st;
    if ((k = jx_first(el, "aero_ref_pt_shift_x"))) {
        const xmlNode *fn = jx_first(k, "function");
        if (!fn)
            return jx_error(c, k, "<aero_ref_pt_shift_x> needs a <function>");
        if ((st = jfunc_load(c, fn, &d->rp_shift)))
            return st;
    }
    if ((st = model_load_properties(c, el)) || (st = load_daveml(c, el, d, a)) ||
        (st = model_load_functions(c, el, 0, &d->pre, &d->n_pre)) ||
        (st = model_load_functions(c, el, 1, &d->post, &d->n_post)))
        return st;

    /* Count the functions of each axis first so arrays are exact. */
    for (int pass = 0; pass < 2; pass++) {
        for (const xmlNode *ax = jx_first(el, "axis"); ax; ax = jx_next(ax, "axis")) {
            const char *name = jx_attr(c, ax, "name");
            int idx = name ? axis_index(name) : -1;
            if (idx < 0)
                return jx_error(c, ax, "unknown axis \"%s\"", name ? name : "");
            if (pass == 0 && (st = axis_frame(c, ax, name, d)))
                return st;
            for (const xmlNode *f = jx_first(ax, "function"); f; f = jx_next(f, "function")) {
                const char *at_cg = jx_attr(c, f, "apply_at_cg");
                int cg = at_cg && !strcmp(at_cg, "true") && idx < 3;
                if (pass == 0) {
                    (cg ? d->n_cg : d->n)[idx]++;
                } else {
                    jfunc **slot = cg ? &d->f_cg[idx][d->n_cg[idx]++] : &d->f[idx][d->n[idx]++];
                    if ((st = jfunc_load(c, f, slot)))
                        return st;
                }
            }
            if (pass == 0) {
                static const char *const axis_known[] = {"function", "description", NULL};
                jx_warn_unknown(c, ax, axis_known);
            }
        }
        if (pass == 0) {
            for (int i = 0; i < 6; i++) {
                d->f[i] = arena_array(c->ar, (size_t)(d->n[i] ? d->n[i] : 1), sizeof *d->f[i]);
                if (!d->f[i])
                    return err_set(c->err, SAQR_ENOMEM, "out of memory");
                d->n[i] = 0;
            }
            for (int i = 0; i < 3; i++) {
                d->f_cg[i] = arena_array(c->ar, (size_t)(d->n_cg[i] ? d->n_cg[i] : 1), sizeof *d->f_cg[i]);
                if (!d->f_cg[i])
                    return err_set(c->err, SAQR_ENOMEM, "out of memory");
                d->n_cg[i] = 0;
            }
        }
    }
    if (d->force_axes == AX_NONE)
        d->force_axes = AX_WIND;
    if (d->moment_axes == AX_NONE)
        d->moment_axes = AX_BODY;
    jx_warn_unknown(c, el, known);
    *out = a;
    return SAQR_OK;
}

void aero_pre(aero *a, const fdm_env *env, const fdm_metrics *m, const fdm_slots *s, double *v)
{
    double vt_fps = env->tas_mps / M_PER_FT;
    double twovel = 2.0 * vt_fps;
    if (twovel != 0.0) {
        v[s->bi2vel] = m->bw_m / M_PER_FT / twovel;
        v[s->ci2vel] = m->cbarw_m / M_PER_FT / twovel;
    }
    v[s->alpha_wing_rad] = env->alpha_rad + m->iw_rad;
    v[s->qbar_area] = m->sw_m2 / (M_PER_FT * M_PER_FT) * v[s->qbar_psf];
    if (a->d->alpha_clmax_rad != 0.0) {
        v[s->impending_stall] =
            env->alpha_rad > 0.85 * a->d->alpha_clmax_rad ? 10.0 * (env->alpha_rad / a->d->alpha_clmax_rad - 0.85) : 0.0;
    }
    if (a->d->alpha_hyst_max_rad != 0.0 && a->d->alpha_hyst_min_rad != 0.0) {
        if (env->alpha_rad > a->d->alpha_hyst_max_rad)
            a->stall_hyst = 1.0;
        else if (env->alpha_rad < a->d->alpha_hyst_min_rad)
            a->stall_hyst = 0.0;
    }
    v[s->stall_hyst] = a->stall_hyst;
    v[s->alpha_max_rad] = a->d->alpha_clmax_rad;
    v[s->alpha_min_rad] = a->d->alpha_clmin_rad;
    double qa = m->sw_m2 / (M_PER_FT * M_PER_FT) * v[s->qbar_psf];
    if (v[s->qbar_psf] > 1.0 && qa != 0.0) {
        double cl = a->last_lift_lbs / qa;
        v[s->cl_squared] = cl * cl;
    }
}

/* Wind -> body (JSBSim's mTw2b). */
static void wind_to_body(const fdm_env *env, const double w[3], double b[3])
{
    double ca = env->cos_alpha, sa = env->sin_alpha, cb = env->cos_beta, sb = env->sin_beta;
    b[0] = ca * cb * w[0] - ca * sb * w[1] - sa * w[2];
    b[1] = sb * w[0] + cb * w[1];
    b[2] = sa * cb * w[0] - sa * sb * w[1] + ca * w[2];
}

static void body_to_wind(const fdm_env *env, const double b[3], double w[3])
{
    double ca = env->cos_alpha, sa = env->sin_alpha, cb = env->cos_beta, sb = env->sin_beta;
    w[0] = ca * cb * b[0] + sb * b[1] + sa * cb * b[2];
    w[1] = -ca * sb * b[0] + cb * b[1] - sa * sb * b[2];
    w[2] = -sa * b[0] + ca * b[2];
}

/* Stability -> body (rotation by alpha about y). */
static void stab_to_body(const fdm_env *env, const double s[3], double b[3])
{
    double ca = env->cos_alpha, sa = env->sin_alpha;
    b[0] = ca * s[0] - sa * s[2];
    b[1] = s[1];
    b[2] = sa * s[0] + ca * s[2];
}

static void native_to_body(int axes, const fdm_env *env, double n[3], double b[3])
{
    switch (axes) {
    case AX_BODY:
        memcpy(b, n, 3 * sizeof *b);
        break;
    case AX_WIND:
        n[0] = -n[0];
        n[2] = -n[2];
        wind_to_body(env, n, b);
        break;
    case AX_AXIAL_NORMAL:
        b[0] = -n[0];
        b[1] = n[1];
        b[2] = -n[2];
        break;
    case AX_STABILITY:
    default:
        n[0] = -n[0];
        n[2] = -n[2];
        stab_to_body(env, n, b);
        break;
    }
}

void aero_run(aero *a, const fdm_env *env, const fdm_metrics *m, const fdm_slots *s, double *v,
              saqr_rng *rng, fdm_forces *out)
{
    const aero_def *d = a->d;
    /* pre functions and DAVE-ML models in file order */
    int done = 0;
    for (int i = 0; i < d->n_dml; i++) {
        (void)jfunc_eval_sum(d->pre + done, d->dml_after[i] - done, 0.0, v, rng);
        aero_dml_run(a->dml[i], v);
        done = d->dml_after[i];
    }
    (void)run_sum(d, AERO_SUM_PRE, d->pre + done, d->n_pre - done, v, rng);
    double fn[3], fcg[3], mn[3];
    for (int ax = 0; ax < 3; ax++) {
        fn[ax] = run_sum(d, AERO_SUM_F0 + ax, d->f[ax], d->n[ax], v, rng);
        fcg[ax] = run_sum(d, AERO_SUM_CG0 + ax, d->f_cg[ax], d->n_cg[ax], v, rng);
    }
    for (int ax = 0; ax < 3; ax++)
        mn[ax] = run_sum(d, AERO_SUM_F0 + 3 + ax, d->f[ax + 3], d->n[ax + 3], v, rng);

    double f_lbs[3], fcg_lbs[3];
    native_to_body(d->force_axes, env, fn, f_lbs);
    native_to_body(d->force_axes, env, fcg, fcg_lbs);

    /* Moment arm from the CG to the (shifted) reference point, ft, body. */
    double shift_x_m = d->rp_shift ? jfunc_eval(d->rp_shift, v, rng) * m->cbarw_m : 0.0;
    double rp_m[3] = {m->rp_struct_m[0] + shift_x_m, m->rp_struct_m[1], m->rp_struct_m[2]};
    double arm_m[3];
    fdm_arm_body_m(env, rp_m, arm_m);
    double arm_ft[3] = {arm_m[0] / M_PER_FT, arm_m[1] / M_PER_FT, arm_m[2] / M_PER_FT};

    double mb[3];
    if (d->moment_axes == AX_STABILITY)
        stab_to_body(env, mn, mb);
    else if (d->moment_axes == AX_WIND)
        wind_to_body(env, mn, mb);
    else
        memcpy(mb, mn, sizeof mb);
    mb[0] += arm_ft[1] * f_lbs[2] - arm_ft[2] * f_lbs[1];
    mb[1] += arm_ft[2] * f_lbs[0] - arm_ft[0] * f_lbs[2];
    mb[2] += arm_ft[0] * f_lbs[1] - arm_ft[1] * f_lbs[0];
    for (int i = 0; i < 3; i++)
        f_lbs[i] += fcg_lbs[i];

    double fw[3];
    body_to_wind(env, f_lbs, fw);
    fw[0] = -fw[0];
    fw[2] = -fw[2];
    a->last_lift_lbs = fw[2];
    if (fabs(fw[0]) > 0.0)
        v[s->lod_norm] = fabs(fw[2] / fw[0]);

    v[s->fbx_aero] = f_lbs[0];
    v[s->fby_aero] = f_lbs[1];
    v[s->fbz_aero] = f_lbs[2];
    v[s->fwx_aero] = fw[0];
    v[s->fwy_aero] = fw[1];
    v[s->fwz_aero] = fw[2];
    v[s->l_aero] = mb[0];
    v[s->m_aero] = mb[1];
    v[s->n_aero] = mb[2];
    for (int i = 0; i < 3; i++) {
        out->force_body_n[i] += f_lbs[i] * N_PER_LBF;
        out->moment_body_nm[i] += mb[i] * N_PER_LBF * M_PER_FT;
    }
    (void)run_sum(d, AERO_SUM_POST, d->post, d->n_post, v, rng);
}

/* ---- read access for the output groups (script/output_model.c) ---- */

int aero_output_functions(const aero *a, const jfunc **out, int max)
{
    int n = 0;
    for (int ax = 0; ax < 6; ax++)
        for (int i = 0; i < a->d->n[ax]; i++, n++)
            if (n < max)
                out[n] = a->d->f[ax][i];
    for (int i = 0; i < a->d->n_pre; i++, n++)
        if (n < max)
            out[n] = a->d->pre[i];
    for (int i = 0; i < a->d->n_post; i++, n++)
        if (n < max)
            out[n] = a->d->post[i];
    return n;
}

double aero_moment_mrc_lbsft(const aero *a, int axis, const double *v)
{
    double sum = 0.0;
    for (int i = 0; i < a->d->n[axis + 3]; i++) {
        int slot = jfunc_output(a->d->f[axis + 3][i]);
        if (slot >= 0)
            sum += v[slot];
    }
    return sum;
}

/* The definition is shared; the stall hysteresis, the last lift and each
 * DAVE-ML model's values are per aircraft. */
aero *aero_clone(arena *ar, const aero *src)
{
    aero *a = arena_dup(ar, src, sizeof *src);
    if (!a || src->d->n_dml == 0)
        return a;
    a->dml = arena_array(ar, (size_t)src->d->n_dml, sizeof *a->dml);
    if (!a->dml)
        return NULL;
    for (int i = 0; i < src->d->n_dml; i++)
        if (!(a->dml[i] = aero_dml_clone(ar, src->dml[i])))
            return NULL;
    return a;
}
