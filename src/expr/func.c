/*
 * func.c - JSBSim <function> trees compiled to flat postfix programs.
 *
 * Loading walks the XML once and emits instructions for a small stack
 * machine: operands push, operators pop their arguments and push the
 * result.  Conditional operators (ifthen, and, or, switch) become jumps, so
 * only the branch JSBSim would evaluate runs (it matters for random draws
 * and named sub-results).  Jump offsets are relative, which lets the loader
 * run any finished sub-program on its own: an operator whose arguments are
 * all constants is evaluated at load time and replaced by its value, as
 * FGFunction::Load does.  The stack depth is computed while compiling and
 * bounded by JFUNC_STACK_MAX, so evaluation uses a fixed local array: no
 * recursion, no allocation, no name look-up.
 *
 * Every operator follows FGFunction.cpp, floating-point expression order
 * included (sum starts from 0.0, min from HUGE_VAL, quotient and fmod by
 * zero give HUGE_VAL, sqrt/ln/log2/log10 outside their domain give
 * -HUGE_VAL, sign(0) = 1, mod is an integer remainder, switch rounds its
 * index).  Where JSBSim throws an exception at run time we return a value
 * instead and say so next to the operator: a conditional argument that is
 * neither 0 nor 1 counts as true, a switch index outside the cases is
 * clamped to the nearest case, a rotation index outside 1..3 gives NaN,
 * mod by zero gives HUGE_VAL.  Named sub-results (name= on an operator or
 * nested table) are written when they are evaluated; JSBSim ties them and
 * recomputes them on every read.  Random operators draw from the caller's
 * generator (JSBSim's seed= attribute is ignored with a warning).
 *
 * Reference: JSBSim src/math/FGFunction.cpp and FGFunction.h (operator
 * documentation), src/math/FGPropertyValue.cpp (the "-name" sign),
 * src/math/FGQuaternion.cpp (rotation operators).
 */
#include "expr/func.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expr/func_program.h"
#include "expr/index_name.h"
#include "expr/table.h"
#include "math/quat.h"
#include "math/vec3.h"
#include "math/trig.h"

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

#define JFUNC_STACK_MAX 256   /* values on the evaluation stack          */
#define JFUNC_DEPTH_MAX 200   /* XML nesting of one expression           */
#define NAME_BUF 512

/* --------------------------------------------------------- evaluation */

/* JSBSim's GetBinary: |x| below 1e-9 is false.  JSBSim throws for values
 * above 1; we count them as true. */
static int truth(double x)
{
    return !(fabs(x) < 1e-9);
}

static double interpolate1d(const double *p, int n)
{
    double x = p[0], xmin = p[1], ymin = p[2];
    if (x <= xmin)
        return ymin;
    double xmax = p[n - 2], ymax = p[n - 1];
    if (x >= xmax)
        return ymax;
    int lo = 0, hi = (n - 3) / 2;
    while (hi - lo > 1) {
        int m = (hi - lo) / 2 + lo;
        double xm = p[2 * m + 1], ym = p[2 * m + 2];
        if (x < xm) {
            xmax = xm;
            ymax = ym;
            hi = m;
        } else if (x > xm) {
            xmin = xm;
            ymin = ym;
            lo = m;
        } else {
            return ym;
        }
    }
    return ymin + (x - xmin) * (ymax - ymin) / (xmax - xmin);
}

/* Rotation of `angle` about body axis `axis` (0 x, 1 y, 2 z). */
static void quat_axis(int axis, double angle, double q[4])
{
    q[0] = trig_cos(0.5 * angle);
    q[1] = q[2] = q[3] = 0.0;
    q[1 + axis] = trig_sin(0.5 * angle);
}

#define DEG2RAD (M_PI / 180.0)
#define RAD2DEG (180.0 / M_PI)

/* Unit wind-axis vector of (alpha, beta) seen in the local frame reached
 * by Euler angles p[3..5] (all degrees). */
static void wind_local(const double *p, double out[3])
{
    double alpha = p[0] * DEG2RAD, beta = p[1] * DEG2RAD;
    double q[4], m[3][3];
    quat_from_euler_jsbsim(p[3] * DEG2RAD, p[4] * DEG2RAD, p[5] * DEG2RAD, q);
    quat_to_dcm(q, m);
    double cb = trig_cos(beta);
    double w[3] = {trig_cos(alpha) * cb, trig_sin(beta), trig_sin(alpha) * cb};
    mat3_mul_vec(m, w, out);
}

static double rot_alpha_local(const double *p)
{
    double w[3];
    wind_local(p, w);
    if (fabs(fabs(w[1]) - 1.0) < 1e-9)
        return 0.0;
    return trig_atan2(w[2], w[0]) * RAD2DEG;
}

static double rot_beta_local(const double *p)
{
    double w[3];
    wind_local(p, w);
    if (fabs(fabs(w[1]) - 1.0) < 1e-9)
        return w[1] > 0.0 ? 0.5 * M_PI : -0.5 * M_PI;  /* radians, as JSBSim */
    double a = trig_atan2(w[2], w[0]);
    double ca = trig_cos(a), sa = trig_sin(a);
    double cb = fabs(ca) > fabs(sa) ? w[0] / ca : w[2] / sa;
    return trig_atan2(w[1], cb) * RAD2DEG;
}

static double rot_gamma_local(const double *p)
{
    double al = p[0] * DEG2RAD, be = p[1] * DEG2RAD, ga = p[2] * DEG2RAD;
    double ca = trig_cos(al), sa = trig_sin(al), cb = trig_cos(be), sb = trig_sin(be), cg = trig_cos(ga), sg = trig_sin(ga);
    double q[4], m[3][3];
    quat_from_euler_jsbsim(p[3] * DEG2RAD, p[4] * DEG2RAD, p[5] * DEG2RAD, q);
    quat_to_dcm(q, m);
    double bx[3] = {ca * cb, sb, sa * cb};
    double by[3] = {-sa * sg - sb * ca * cg, cb * cg, -sa * sb * cg + sg * ca};
    double lx[3], ly[3];
    mat3_mul_vec(m, bx, lx);
    mat3_mul_vec(m, by, ly);
    double cacb = lx[0], sinb = lx[1], sacb = lx[2], sc, cc;
    if (fabs(sinb) < 1e-9) {
        cc = ly[1];
        sc = fabs(cacb) > fabs(sacb) ? ly[2] / cacb : -ly[0] / sacb;
    } else if (fabs(fabs(sinb) - 1.0) < 1e-9) {
        sc = ly[2];
        cc = -ly[0];
    } else {
        sc = cacb * ly[2] - sacb * ly[0];
        cc = (-sacb * ly[2] - cacb * ly[0]) / sinb;
    }
    return trig_atan2(sc, cc) * RAD2DEG;
}

/* Body <-> wind frame transform of vector p[0..2] by alpha, beta, gamma
 * (p[3..5], degrees); component p[6] (1..3). */
static double rot_frames(const double *p, int to_body)
{
    if (!(p[6] >= 1.0 && p[6] < 4.0))
        return NAN;  /* JSBSim throws */
    int idx = (int)p[6];
    double qa[4], qb[4], qc[4], qab[4], q[4], m[3][3], r[3];
    quat_axis(1, -p[3] * DEG2RAD, qa);
    quat_axis(2, p[4] * DEG2RAD, qb);
    quat_axis(0, -p[5] * DEG2RAD, qc);
    quat_mul(qa, qb, qab);
    quat_mul(qab, qc, q);
    quat_to_dcm(q, m);
    if (to_body)
        mat3_tmul_vec(m, p, r);
    else
        mat3_mul_vec(m, p, r);
    return r[idx - 1];
}

/* JSBSim's int % int, without its undefined cases. */
static double int_mod(double a, double b)
{
    if (!(fabs(a) < 2147483648.0) || !(fabs(b) < 2147483648.0))
        return fmod(trunc(a), trunc(b));
    int ia = (int)a, ib = (int)b;
    if (ib == 0)
        return HUGE_VAL;
    if (ib == -1)
        return 0.0;
    return (double)(ia % ib);
}

static int switch_case(double x, int n)
{
    if (!(x >= 0.0))
        return 0;           /* JSBSim throws on a negative index */
    if (x + 0.5 >= (double)n)
        return n - 1;       /* JSBSim throws past the last case  */
    return (int)(x + 0.5);
}

/* Runs code[0..n) on `v`; returns the value left on the stack.  The top
 * of the stack lives in a local (`top`, a register) and s[] holds the
 * values below it, so the accumulator-style instructions that dominate
 * aerodynamic programs touch no memory besides their operand.  The first
 * push moves the initial `top` (0.0, never read) into s[0], and operators
 * of many operands spill `top` to s[sp], so s[] needs one slot more than
 * compile()'s depth bound. */
static double run(const jins *code, int n, const double *pool, jtable *const *tables, double *v,
                  saqr_rng *rng)
{
    double s[JFUNC_STACK_MAX + 1];
    double top = 0.0;
    int sp = 0;  /* values in s[], below top */
#define PUSH(x) do { double x_ = (x); s[sp++] = top; top = x_; } while (0)
#define POP() (top = s[--sp])
#define BELOW s[sp]
#define BINARY(expr) do { sp--; top = (expr); } while (0)
    for (const jins *in = code, *end = code + n; in < end; in++) {
        switch (in->op) {
        case OP_CONST: PUSH(in->k); break;
        case OP_PROP: PUSH(v[in->arg]); break;
        case OP_NPROP: PUSH(-v[in->arg]); break;
        case OP_TABLE: PUSH(jtable_eval(tables[in->arg], v)); break;
        case OP_RANDOM:
            PUSH((rng ? rng_normal(rng) : 0.0) * pool[in->arg + 1] + pool[in->arg]);
            break;
        case OP_URANDOM:
            PUSH((rng ? 2.0 * rng_uniform(rng) - 1.0 : 0.0) * pool[in->arg] + pool[in->arg + 1]);
            break;
        case OP_STORE: v[in->arg] = top; break;

        case OP_ADD: BINARY(BELOW + top); break;
        case OP_SUB: BINARY(BELOW - top); break;
        case OP_MUL: BINARY(BELOW * top); break;
        case OP_QUOT: BINARY(top != 0.0 ? BELOW / top : HUGE_VAL); break;
        case OP_POW: BINARY(pow(BELOW, top)); break;
        case OP_ATAN2: BINARY(trig_atan2(BELOW, top)); break;
        case OP_FMOD: BINARY(top != 0.0 ? fmod(BELOW, top) : HUGE_VAL); break;
        case OP_MOD: BINARY(int_mod(BELOW, top)); break;
        case OP_ROUNDM: BINARY(round(BELOW / top) * top); break;
        case OP_MIN2: BINARY(top < BELOW ? top : BELOW); break;
        case OP_MAX2: BINARY(top > BELOW ? top : BELOW); break;
        case OP_LT: BINARY(BELOW < top ? 1.0 : 0.0); break;
        case OP_LE: BINARY(BELOW <= top ? 1.0 : 0.0); break;
        case OP_GT: BINARY(BELOW > top ? 1.0 : 0.0); break;
        case OP_GE: BINARY(BELOW >= top ? 1.0 : 0.0); break;
        case OP_EQ: BINARY(BELOW == top ? 1.0 : 0.0); break;
        case OP_NQ: BINARY(BELOW != top ? 1.0 : 0.0); break;

        case OP_DIVN: top = top / (double)in->arg; break;
        case OP_SQRT: top = top >= 0.0 ? sqrt(top) : -HUGE_VAL; break;
        case OP_EXP: top = exp(top); break;
        case OP_LN: top = top > 0.0 ? log(top) : -HUGE_VAL; break;
        case OP_LOG2: top = top > 0.0 ? log10(top) * (1.0 / log10(2.0)) : -HUGE_VAL; break;
        case OP_LOG10: top = top > 0.0 ? log10(top) : -HUGE_VAL; break;
        case OP_ABS: top = fabs(top); break;
        case OP_SIGN: top = top < 0.0 ? -1.0 : 1.0; break;  /* 0 counts as positive */
        case OP_SIN: top = trig_sin(top); break;
        case OP_COS: top = trig_cos(top); break;
        case OP_TAN: top = tan(top); break;
        case OP_ASIN: top = asin(top); break;
        case OP_ACOS: top = acos(top); break;
        case OP_ATAN: top = trig_atan(top); break;
        case OP_FLOOR: top = floor(top); break;
        case OP_CEIL: top = ceil(top); break;
        case OP_ROUND: top = round(top); break;
        case OP_FRACTION: { double ip; top = modf(top, &ip); break; }
        case OP_INTEGER: { double ip; (void)modf(top, &ip); top = ip; break; }
        case OP_TORAD: top = top * M_PI / 180.0; break;
        case OP_TODEG: top = top * 180.0 / M_PI; break;
        case OP_NOT: top = truth(top) ? 0.0 : 1.0; break;

        case OP_JMP: in += in->arg - 1; break;
        case OP_JFALSE: {
            int t = truth(top);
            POP();
            if (!t)
                in += in->arg - 1;
            break;
        }
        case OP_ANDT:
            if (!truth(top)) {
                top = 0.0;
                in += in->arg - 1;
            } else {
                POP();
            }
            break;
        case OP_ORT:
            if (truth(top)) {
                top = 1.0;
                in += in->arg - 1;
            } else {
                POP();
            }
            break;
        case OP_SWITCH: {
            double index = top;
            POP();
            in += switch_case(index, in->arg);  /* lands on that case's OP_JMP */
            break;
        }

        /* many operands: spill top so that all of them lie in s[] */
        case OP_INTERP:
            s[sp] = top;
            sp -= in->arg - 1;
            top = interpolate1d(&s[sp], in->arg);
            break;
        case OP_ROT_ALPHA: s[sp] = top; sp -= 5; top = rot_alpha_local(&s[sp]); break;
        case OP_ROT_BETA: s[sp] = top; sp -= 5; top = rot_beta_local(&s[sp]); break;
        case OP_ROT_GAMMA: s[sp] = top; sp -= 5; top = rot_gamma_local(&s[sp]); break;
        case OP_BF_TO_WF: s[sp] = top; sp -= 6; top = rot_frames(&s[sp], 0); break;
        case OP_WF_TO_BF: s[sp] = top; sp -= 6; top = rot_frames(&s[sp], 1); break;

        case OP_ADD_K: top = top + in->k; break;
        case OP_ADD_P: top = top + v[in->arg]; break;
        case OP_ADD_T: top = top + jtable_eval(tables[in->arg], v); break;
        case OP_SUB_K: top = top - in->k; break;
        case OP_SUB_P: top = top - v[in->arg]; break;
        case OP_SUB_T: top = top - jtable_eval(tables[in->arg], v); break;
        case OP_MUL_K: top = top * in->k; break;
        case OP_MUL_P: top = top * v[in->arg]; break;
        case OP_MUL_T: top = top * jtable_eval(tables[in->arg], v); break;
        case OP_QUOT_K: top = in->k != 0.0 ? top / in->k : HUGE_VAL; break;
        case OP_QUOT_P: { double d = v[in->arg]; top = d != 0.0 ? top / d : HUGE_VAL; break; }
        default: break;
        }
    }
#undef PUSH
#undef POP
#undef BELOW
#undef BINARY
    return top;
}

/* run() specialised to a product program (see struct jfunc): the same
 * multiplications in the same order, without a dispatch per step. */
static inline __attribute__((always_inline)) double run_product(const jfunc *f, double *v)
{
    double top = 1.0;
    const int *p = f->prop, *e = p + f->nprop;
    while (e - p > 4)
        top = top * v[*p++];
    switch (e - p) {   /* the last four or fewer, unrolled, in order */
    case 4: top = top * v[e[-4]]; /* fall through */
    case 3: top = top * v[e[-3]]; /* fall through */
    case 2: top = top * v[e[-2]]; /* fall through */
    case 1: top = top * v[e[-1]]; /* fall through */
    default: break;
    }
    if (f->tail) {
        top = top * jtable_eval_inline(f->tail, v);
    } else {
        for (const jins *in = f->rest, *end = in + f->nrest; in < end; in++) {
            switch (in->op) {
            case OP_TABLE: top = top * jtable_eval(f->tables[in->arg], v); break;
            case OP_PROP: top = top * v[in->arg]; break;
            case OP_NPROP: top = top * -v[in->arg]; break;
            default: top = top * in->k; break;   /* OP_CONST */
            }
        }
    }
    if (f->nstore > 0) {
        v[f->store[0]] = top;
        for (int i = 1; i < f->nstore; i++)
            v[f->store[i]] = top;
    }
    return top;
}

double jfunc_eval(const jfunc *f, double *v, saqr_rng *rng)
{
    if (f->is_product)
        return run_product(f, v);
    return run(f->code, f->ncode, f->pool, f->tables, v, rng);
}

double jfunc_eval_sum(jfunc *const *f, int n, double acc, double *v, saqr_rng *rng)
{
    for (int i = 0; i < n; i++)
        acc += f[i]->is_product ? run_product(f[i], v)
                                : run(f[i]->code, f[i]->ncode, f[i]->pool, f[i]->tables, v, rng);
    return acc;
}

int jfunc_output(const jfunc *f)
{
    return f->out_slot;
}

int jfunc_is_random(const jfunc *f)
{
    return f->is_random;
}

int jfunc_is_constant(const jfunc *f)
{
    for (int i = 0; i < f->ncode; i++)
        if (f->code[i].op != OP_CONST && f->code[i].op != OP_STORE)
            return 0;
    return 1;
}

/* ------------------------------------------------------------ compiler */

typedef struct compiler {
    jx_ctx *c;
    const char *prefix;    /* numeric engine index, other prefix, or NULL  */
    jins *code;
    int ncode, capcode;
    jtable **tables;
    int ntables, captables;
    double *pool;
    int npool, cappool;
    int max_stack;
    int is_random;
    const char *arg;       /* in a template applied: what '#' stands for */
    int templates;         /* templates applied within one another now   */
} compiler;

/* `arr` (holding `used` items of `size` bytes, capacity *cap) with room
 * for one more: the same pointer, a larger copy in the arena, or NULL. */
static void *grow(compiler *cc, void *arr, int *cap, int used, size_t size)
{
    if (used < *cap)
        return arr;
    int ncap = *cap ? *cap * 2 : 16;
    void *n = arena_array(cc->c->ar, (size_t)ncap, size);
    if (!n)
        return NULL;
    if (arr)
        memcpy(n, arr, (size_t)used * size);
    *cap = ncap;
    return n;
}

static int emit(compiler *cc, const xmlNode *el, int op, int arg, double k)
{
    jins *code = grow(cc, cc->code, &cc->capcode, cc->ncode, sizeof *cc->code);
    if (!code) {
        jx_error(cc->c, el, "out of memory");
        return -1;
    }
    cc->code = code;
    cc->code[cc->ncode] = (jins){op, arg, k};
    return cc->ncode++;
}

/* Makes room for `depth` values; errors when an expression is too deep. */
static saqr_status need_stack(compiler *cc, const xmlNode *el, int depth)
{
    if (depth > JFUNC_STACK_MAX)
        return jx_error(cc->c, el, "expression too large (needs more than %d stack values)",
                        JFUNC_STACK_MAX);
    if (depth > cc->max_stack)
        cc->max_stack = depth;
    return SAQR_OK;
}

/* Applies JSBSim's '#' rule to a property name of a function. */
static saqr_status hash_name(compiler *cc, const xmlNode *el, const char *name, char *out, size_t n)
{
    if (!strchr(name, '#')) {
        if (strlen(name) >= n)
            return jx_error(cc->c, el, "property name too long");
        strcpy(out, name);
        return SAQR_OK;
    }
    if (!cc->prefix || !index_name_is_number(cc->prefix))
        return jx_error(cc->c, el, "illegal use of '#' in \"%s\" (no engine index here)", name);
    if (index_name_replace(name, cc->prefix, out, n))
        return jx_error(cc->c, el, "property name too long");
    return SAQR_OK;
}

/* Output property of a name= attribute, following JSBSim's prefix rule
 * (FGFunction::CreateOutputNode).  Returns the slot, -1 when there is no
 * name, -2 on error. */
static int output_slot(compiler *cc, const xmlNode *el, const char *name)
{
    if (!name || !*name)
        return -1;
    char buf[NAME_BUF];
    const char *p = cc->prefix;
    if (p && index_name_is_number(p)) {
        if (!strchr(name, '#')) {
            jx_warn(cc->c, el, "name \"%s\" has no '#' for the index %s; no property is made", name, p);
            return -1;
        }
        if (hash_name(cc, el, name, buf, sizeof buf) != SAQR_OK)
            return -2;
        name = buf;
    } else if (p) {
        if ((size_t)snprintf(buf, sizeof buf, "%s/%s", p, name) >= sizeof buf) {
            jx_error(cc->c, el, "property name too long");
            return -2;
        }
        name = buf;
    }
    int slot = jx_property(cc->c, el, name, PROP_PRODUCED);
    return slot < 0 ? -2 : slot;
}

typedef enum {
    K_UNARY,    /* exactly one argument                              */
    K_BINARY,   /* exactly two                                       */
    K_VARARGS,  /* two or more; one is accepted (with a warning)     */
    K_LOGIC,    /* and/or: two or more                               */
    K_IFTHEN, K_SWITCH, K_INTERP, K_ROT6, K_ROT7, K_ROUNDM
} kind;

typedef struct opdef {
    const char *name;
    kind k;
    int op;
} opdef;

static const opdef OPS[] = {
    {"sum", K_VARARGS, OP_ADD},        {"difference", K_VARARGS, OP_SUB},
    {"product", K_VARARGS, OP_MUL},    {"min", K_VARARGS, OP_MIN2},
    {"max", K_VARARGS, OP_MAX2},       {"avg", K_VARARGS, OP_DIVN},
    {"quotient", K_BINARY, OP_QUOT},   {"pow", K_BINARY, OP_POW},
    {"atan2", K_BINARY, OP_ATAN2},     {"fmod", K_BINARY, OP_FMOD},
    {"mod", K_BINARY, OP_MOD},         {"lt", K_BINARY, OP_LT},
    {"le", K_BINARY, OP_LE},           {"gt", K_BINARY, OP_GT},
    {"ge", K_BINARY, OP_GE},           {"eq", K_BINARY, OP_EQ},
    {"nq", K_BINARY, OP_NQ},           {"sqrt", K_UNARY, OP_SQRT},
    {"exp", K_UNARY, OP_EXP},          {"ln", K_UNARY, OP_LN},
    {"log2", K_UNARY, OP_LOG2},        {"log10", K_UNARY, OP_LOG10},
    {"abs", K_UNARY, OP_ABS},          {"sign", K_UNARY, OP_SIGN},
    {"sin", K_UNARY, OP_SIN},          {"cos", K_UNARY, OP_COS},
    {"tan", K_UNARY, OP_TAN},          {"asin", K_UNARY, OP_ASIN},
    {"acos", K_UNARY, OP_ACOS},        {"atan", K_UNARY, OP_ATAN},
    {"floor", K_UNARY, OP_FLOOR},      {"ceil", K_UNARY, OP_CEIL},
    {"fraction", K_UNARY, OP_FRACTION}, {"integer", K_UNARY, OP_INTEGER},
    {"toradians", K_UNARY, OP_TORAD},  {"todegrees", K_UNARY, OP_TODEG},
    {"not", K_UNARY, OP_NOT},          {"and", K_LOGIC, OP_ANDT},
    {"or", K_LOGIC, OP_ORT},           {"ifthen", K_IFTHEN, OP_JFALSE},
    {"switch", K_SWITCH, OP_SWITCH},   {"interpolate1d", K_INTERP, OP_INTERP},
    {"roundmultiple", K_ROUNDM, OP_ROUNDM},
    {"rotation_alpha_local", K_ROT6, OP_ROT_ALPHA},
    {"rotation_beta_local", K_ROT6, OP_ROT_BETA},
    {"rotation_gamma_local", K_ROT6, OP_ROT_GAMMA},
    {"rotation_bf_to_wf", K_ROT7, OP_BF_TO_WF},
    {"rotation_wf_to_bf", K_ROT7, OP_WF_TO_BF},
};

static const opdef *find_op(const char *name)
{
    for (size_t i = 0; i < sizeof OPS / sizeof OPS[0]; i++)
        if (strcmp(OPS[i].name, name) == 0)
            return &OPS[i];
    return NULL;
}

static saqr_status compile(compiler *cc, const xmlNode *el, int base, int level, int *is_const);

/* The argument elements of an operator (every child but <description>). */
static int count_args(const xmlNode *el)
{
    int n = 0;
    for (const xmlNode *a = jx_first(el, NULL); a; a = jx_next(a, NULL))
        n += !jx_is(a, "description");
    return n;
}

static const xmlNode *first_arg(const xmlNode *el)
{
    const xmlNode *a = jx_first(el, NULL);
    while (a && jx_is(a, "description"))
        a = jx_next(a, NULL);
    return a;
}

static const xmlNode *next_arg(const xmlNode *a)
{
    a = jx_next(a, NULL);
    while (a && jx_is(a, "description"))
        a = jx_next(a, NULL);
    return a;
}

static saqr_status arity_error(compiler *cc, const xmlNode *el, const char *want, int n)
{
    return jx_error(cc->c, el, "<%s> takes %s (found %d)", (const char *)el->name, want, n);
}

#define TEMPLATE_DEPTH_MAX 16

/* A template function applied to a property (apply="name"): its one
 * argument compiled in place, with the property for '#' (JSBSim's
 * FGFunctionValue; the template was defined before, FGTemplateFunc). */
static saqr_status compile_applied(compiler *cc, const xmlNode *at, const char *tname, const char *property,
                                   int base, int level)
{
    const xmlNode *t = jx_template_find(cc->c, tname);
    if (!t)
        return jx_error(cc->c, at, "apply=\"%s\": no template function of that name is defined before", tname);
    if (cc->templates >= TEMPLATE_DEPTH_MAX) /* one applying itself, at the latest */
        return jx_error(cc->c, at, "apply=\"%s\": templates applied more than %d deep", tname, TEMPLATE_DEPTH_MAX);
    const char *outer = cc->arg;
    cc->arg = property;
    cc->templates++;
    int k;
    saqr_status st = compile(cc, first_arg(t), base, level + 1, &k);
    cc->templates--;
    cc->arg = outer;
    return st;
}

/* "#" alone, blanks around it allowed: a template's argument. */
static int is_argument(const char *text)
{
    while (*text == ' ' || *text == '\t' || *text == '\n' || *text == '\r')
        text++;
    if (*text++ != '#')
        return 0;
    while (*text == ' ' || *text == '\t' || *text == '\n' || *text == '\r')
        text++;
    return *text == '\0';
}

static saqr_status compile_property(compiler *cc, const xmlNode *el, int base, int level)
{
    const char *text = jx_text(cc->c, el);
    if (cc->arg && text && is_argument(text))
        text = cc->arg;
    char name[NAME_BUF];
    saqr_status st = hash_name(cc, el, text, name, sizeof name);
    if (st != SAQR_OK)
        return st;
    const char *apply = jx_attr(cc->c, el, "apply");
    if (apply) {
        if (name[0] == '-')
            return jx_error(cc->c, el, "apply=\"%s\" on a negated property; negate the template instead", apply);
        return compile_applied(cc, el, apply, name, base, level);
    }
    int neg = name[0] == '-';
    if (!name[neg])
        return jx_error(cc->c, el, "<%s> names no property", (const char *)el->name);
    int slot = jx_property(cc->c, el, name + neg, PROP_READ);
    if (slot < 0)
        return SAQR_EPARSE;
    if ((st = need_stack(cc, el, base + 1)) != SAQR_OK)
        return st;
    return emit(cc, el, neg ? OP_NPROP : OP_PROP, slot, 0.0) < 0 ? SAQR_EPARSE : SAQR_OK;
}

static saqr_status compile_value(compiler *cc, const xmlNode *el, int base, int *is_const)
{
    const char *text = jx_text(cc->c, el);
    char *end;
    double x = strtod(text, &end);
    while (isspace((unsigned char)*end))
        end++;
    if (end == text || *end || !isfinite(x))
        return jx_error(cc->c, el, "<%s> needs one number, found \"%.40s\"", (const char *)el->name,
                        text);
    *is_const = 1;
    saqr_status st = need_stack(cc, el, base + 1);
    if (st != SAQR_OK)
        return st;
    return emit(cc, el, OP_CONST, 0, x) < 0 ? SAQR_EPARSE : SAQR_OK;
}

static saqr_status compile_table(compiler *cc, const xmlNode *el, int base)
{
    const char *type = jx_attr(cc->c, el, "type");
    if (type && strcmp(type, "internal") == 0)
        return jx_error(cc->c, el, "an internal table cannot be nested within a function");
    jtable *t;
    saqr_status st = jtable_load_prefixed(cc->c, el, cc->prefix, &t);
    if (st != SAQR_OK)
        return st;
    jtable **tables = grow(cc, cc->tables, &cc->captables, cc->ntables, sizeof *cc->tables);
    if (!tables)
        return jx_error(cc->c, el, "out of memory");
    cc->tables = tables;
    cc->tables[cc->ntables] = t;
    if ((st = need_stack(cc, el, base + 1)) != SAQR_OK)
        return st;
    return emit(cc, el, OP_TABLE, cc->ntables++, 0.0) < 0 ? SAQR_EPARSE : SAQR_OK;
}

/* Reads a numeric attribute (JSBSim's atof_locale_c); `*out` keeps its
 * default when the attribute is absent. */
static saqr_status num_attr(compiler *cc, const xmlNode *el, const char *name, double *out)
{
    const char *s = jx_attr(cc->c, el, name);
    if (!s || !*s)
        return SAQR_OK;
    char *end;
    double x = strtod(s, &end);
    while (isspace((unsigned char)*end))
        end++;
    if (end == s || *end || !isfinite(x))
        return jx_error(cc->c, el, "%s=\"%s\" is not a number", name, s);
    *out = x;
    return SAQR_OK;
}

static saqr_status compile_random(compiler *cc, const xmlNode *el, int base, int uniform)
{
    if (count_args(el) != 0)
        return jx_error(cc->c, el, "<%s> should have no arguments", (const char *)el->name);
    double a = uniform ? -1.0 : 0.0, b = 1.0;  /* lower/upper or mean/stddev */
    saqr_status st = num_attr(cc, el, uniform ? "lower" : "mean", &a);
    if (st == SAQR_OK)
        st = num_attr(cc, el, uniform ? "upper" : "stddev", &b);
    if (st != SAQR_OK)
        return st;
    if (jx_attr(cc->c, el, "seed"))
        jx_warn(cc->c, el, "seed= is ignored: <%s> draws from the simulation's generator",
                (const char *)el->name);
    for (int i = 0; i < 2; i++) {
        double *pool = grow(cc, cc->pool, &cc->cappool, cc->npool + i, sizeof *cc->pool);
        if (!pool)
            return jx_error(cc->c, el, "out of memory");
        cc->pool = pool;
    }
    int at = cc->npool;
    if (uniform) {
        cc->pool[at] = 0.5 * (b - a);      /* half-width */
        cc->pool[at + 1] = 0.5 * (b + a);  /* centre     */
    } else {
        cc->pool[at] = a;                  /* mean       */
        cc->pool[at + 1] = b;              /* stddev     */
    }
    cc->npool += 2;
    cc->is_random = 1;
    if ((st = need_stack(cc, el, base + 1)) != SAQR_OK)
        return st;
    return emit(cc, el, uniform ? OP_URANDOM : OP_RANDOM, at, 0.0) < 0 ? SAQR_EPARSE : SAQR_OK;
}

/* Compiles every argument of `el` in turn at stack depths base, base+1...
 * (stacked) or all at `base` followed by `op` (folded). */
static saqr_status compile_args(compiler *cc, const xmlNode *el, int base, int level, int stacked,
                                int fold_op, int *all_const)
{
    int i = 0;
    for (const xmlNode *a = first_arg(el); a; a = next_arg(a), i++) {
        int k = 0;
        saqr_status st = compile(cc, a, stacked ? base + i : base, level + 1, &k);
        if (st != SAQR_OK)
            return st;
        *all_const &= k;
        if (fold_op >= 0 && emit(cc, a, fold_op, 0, 0.0) < 0)
            return SAQR_EPARSE;
    }
    return SAQR_OK;
}

/* Patches the jump at `at` to land on the next instruction to be emitted. */
static void land(compiler *cc, int at)
{
    cc->code[at].arg = cc->ncode - at;
}

static saqr_status compile_operator(compiler *cc, const xmlNode *el, const opdef *d, int base,
                                    int level, int *all_const)
{
    int n = count_args(el);
    saqr_status st = SAQR_OK;
    *all_const = 1;
    switch (d->k) {
    case K_UNARY:
    case K_BINARY:
    case K_ROT6:
    case K_ROT7:
    case K_ROUNDM: {
        int want = d->k == K_UNARY ? 1 : d->k == K_BINARY ? 2 : d->k == K_ROT6 ? 6 : 7;
        if (d->k == K_ROUNDM) {
            if (n < 1 || n > 2)
                return arity_error(cc, el, "1 or 2 arguments", n);
            want = n;
        } else if (n != want) {
            return arity_error(cc, el, want == 1 ? "exactly 1 argument" : want == 2 ? "exactly 2 arguments"
                                       : want == 6 ? "exactly 6 arguments" : "exactly 7 arguments", n);
        }
        if ((st = compile_args(cc, el, base, level, 1, -1, all_const)) != SAQR_OK)
            return st;
        int op = d->op == OP_ROUNDM && n == 1 ? OP_ROUND : d->op;
        return emit(cc, el, op, 0, 0.0) < 0 ? SAQR_EPARSE : SAQR_OK;
    }
    case K_VARARGS: {
        if (n < 1)
            return arity_error(cc, el, "at least 2 arguments", n);
        if (n == 1) {
            jx_warn(cc->c, el, "<%s> has one argument, which makes it a no-op", (const char *)el->name);
            return compile(cc, first_arg(el), base, level + 1, all_const);
        }
        if (d->op == OP_MUL || d->op == OP_SUB) {
            /* 1.0 * x and the first minuend are exact: start from the first */
            const xmlNode *a = first_arg(el);
            int k = 0;
            if ((st = compile(cc, a, base, level + 1, &k)) != SAQR_OK)
                return st;
            *all_const &= k;
            for (a = next_arg(a); a; a = next_arg(a)) {
                if ((st = compile(cc, a, base + 1, level + 1, &k)) != SAQR_OK)
                    return st;
                *all_const &= k;
                if (emit(cc, a, d->op, 0, 0.0) < 0)
                    return SAQR_EPARSE;
            }
            return SAQR_OK;
        }
        double start = d->op == OP_MIN2 ? HUGE_VAL : d->op == OP_MAX2 ? -HUGE_VAL : 0.0;
        if ((st = need_stack(cc, el, base + 1)) != SAQR_OK || emit(cc, el, OP_CONST, 0, start) < 0)
            return st != SAQR_OK ? st : SAQR_EPARSE;
        int acc = d->op == OP_DIVN ? OP_ADD : d->op;
        if ((st = compile_args(cc, el, base + 1, level, 0, acc, all_const)) != SAQR_OK)
            return st;
        if (d->op == OP_DIVN && emit(cc, el, OP_DIVN, n, 0.0) < 0)
            return SAQR_EPARSE;
        return SAQR_OK;
    }
    case K_LOGIC: {
        if (n < 2)
            return arity_error(cc, el, "at least 2 arguments", n);
        int *jumps = arena_array(cc->c->ar, (size_t)n, sizeof(int));
        if (!jumps)
            return jx_error(cc->c, el, "out of memory");
        int i = 0;
        for (const xmlNode *a = first_arg(el); a; a = next_arg(a), i++) {
            int k = 0;
            if ((st = compile(cc, a, base, level + 1, &k)) != SAQR_OK)
                return st;
            *all_const &= k;
            if ((jumps[i] = emit(cc, a, d->op, 0, 0.0)) < 0)
                return SAQR_EPARSE;
        }
        if (emit(cc, el, OP_CONST, 0, d->op == OP_ANDT ? 1.0 : 0.0) < 0)
            return SAQR_EPARSE;
        for (i = 0; i < n; i++)
            land(cc, jumps[i]);
        return SAQR_OK;
    }
    case K_IFTHEN: {
        if (n != 3)
            return arity_error(cc, el, "exactly 3 arguments", n);
        const xmlNode *a = first_arg(el), *b = next_arg(a), *e = next_arg(b);
        int k = 0;
        if ((st = compile(cc, a, base, level + 1, &k)) != SAQR_OK)
            return st;
        *all_const &= k;
        int jf = emit(cc, el, OP_JFALSE, 0, 0.0);
        if (jf < 0)
            return SAQR_EPARSE;
        if ((st = compile(cc, b, base, level + 1, &k)) != SAQR_OK)
            return st;
        *all_const &= k;
        int jend = emit(cc, el, OP_JMP, 0, 0.0);
        if (jend < 0)
            return SAQR_EPARSE;
        land(cc, jf);
        if ((st = compile(cc, e, base, level + 1, &k)) != SAQR_OK)
            return st;
        *all_const &= k;
        land(cc, jend);
        return SAQR_OK;
    }
    case K_SWITCH: {
        if (n < 2)
            return arity_error(cc, el, "an index and at least 1 case", n);
        int ncase = n - 1;
        const xmlNode *a = first_arg(el);
        int k = 0;
        if ((st = compile(cc, a, base, level + 1, &k)) != SAQR_OK)
            return st;
        *all_const &= k;
        if (emit(cc, el, OP_SWITCH, ncase, 0.0) < 0)
            return SAQR_EPARSE;
        int table = cc->ncode;
        for (int i = 0; i < ncase; i++)
            if (emit(cc, el, OP_JMP, 0, 0.0) < 0)
                return SAQR_EPARSE;
        int *ends = arena_array(cc->c->ar, (size_t)ncase, sizeof(int));
        if (!ends)
            return jx_error(cc->c, el, "out of memory");
        int i = 0;
        for (a = next_arg(a); a; a = next_arg(a), i++) {
            land(cc, table + i);
            if ((st = compile(cc, a, base, level + 1, &k)) != SAQR_OK)
                return st;
            *all_const &= k;
            if ((ends[i] = emit(cc, a, OP_JMP, 0, 0.0)) < 0)
                return SAQR_EPARSE;
        }
        for (i = 0; i < ncase; i++)
            land(cc, ends[i]);
        return SAQR_OK;
    }
    case K_INTERP:
        if (n < 5 || n % 2 == 0)
            return arity_error(cc, el, "an odd number (at least 5) of arguments", n);
        if ((st = compile_args(cc, el, base, level, 1, -1, all_const)) != SAQR_OK)
            return st;
        return emit(cc, el, OP_INTERP, n, 0.0) < 0 ? SAQR_EPARSE : SAQR_OK;
    }
    return jx_error(cc->c, el, "internal error: operator kind");
}

/* Compiles `el` so that it pushes one value on a stack holding `base`
 * values; *is_const tells whether that value is a load-time constant. */
static saqr_status compile(compiler *cc, const xmlNode *el, int base, int level, int *is_const)
{
    *is_const = 0;
    if (level > JFUNC_DEPTH_MAX)
        return jx_error(cc->c, el, "expression nested more than %d levels deep", JFUNC_DEPTH_MAX);
    const char *name = (const char *)el->name;
    if (strcmp(name, "property") == 0 || strcmp(name, "p") == 0)
        return compile_property(cc, el, base, level);
    if (strcmp(name, "value") == 0 || strcmp(name, "v") == 0)
        return compile_value(cc, el, base, is_const);
    if (strcmp(name, "table") == 0 || strcmp(name, "t") == 0)
        return compile_table(cc, el, base);
    if (strcmp(name, "pi") == 0) {
        *is_const = 1;
        saqr_status st = need_stack(cc, el, base + 1);
        if (st != SAQR_OK)
            return st;
        return emit(cc, el, OP_CONST, 0, M_PI) < 0 ? SAQR_EPARSE : SAQR_OK;
    }
    if (strcmp(name, "random") == 0 || strcmp(name, "urandom") == 0) {
        saqr_status st = compile_random(cc, el, base, name[0] == 'u');
        if (st != SAQR_OK)
            return st;
        int out = output_slot(cc, el, jx_attr(cc->c, el, "name"));
        if (out == -2)
            return SAQR_EPARSE;
        if (out >= 0 && emit(cc, el, OP_STORE, out, 0.0) < 0)
            return SAQR_EPARSE;
        return SAQR_OK;
    }
    const opdef *d = find_op(name);
    if (!d)
        return jx_error(cc->c, el, "unknown operator <%s> in a function", name);

    int start = cc->ncode;
    saqr_status st = need_stack(cc, el, base + 1);
    if (st == SAQR_OK)
        st = compile_operator(cc, el, d, base, level, is_const);
    if (st != SAQR_OK)
        return st;
    int out = output_slot(cc, el, jx_attr(cc->c, el, "name"));
    if (out == -2)
        return SAQR_EPARSE;
    if (*is_const && cc->ncode - start > 1) {
        /* FGFunction::Load replaces an operator on constants by its value
         * (and a named one keeps that value in its property). */
        double k = run(cc->code + start, cc->ncode - start, cc->pool, cc->tables, cc->c->props->v, NULL);
        cc->ncode = start;
        if (emit(cc, el, OP_CONST, 0, k) < 0)
            return SAQR_EPARSE;
        if (out >= 0)
            cc->c->props->v[out] = k;
    }
    if (out >= 0 && emit(cc, el, OP_STORE, out, 0.0) < 0)
        return SAQR_EPARSE;
    return SAQR_OK;
}

static int is_jump(int op)
{
    return op == OP_JMP || op == OP_JFALSE || op == OP_ANDT || op == OP_ORT;
}

/* The fused form of operand `a` followed by binary operator `b`, or -1. */
static int fused_op(int a, int b)
{
    static const int table[4][3] = {
        /*           CONST      PROP       TABLE   */
        /* ADD  */ {OP_ADD_K, OP_ADD_P, OP_ADD_T},
        /* SUB  */ {OP_SUB_K, OP_SUB_P, OP_SUB_T},
        /* MUL  */ {OP_MUL_K, OP_MUL_P, OP_MUL_T},
        /* QUOT */ {OP_QUOT_K, OP_QUOT_P, -1},
    };
    int col = a == OP_CONST ? 0 : a == OP_PROP ? 1 : a == OP_TABLE ? 2 : -1;
    int row = b == OP_ADD ? 0 : b == OP_SUB ? 1 : b == OP_MUL ? 2 : b == OP_QUOT ? 3 : -1;
    return row < 0 || col < 0 ? -1 : table[row][col];
}

/* Peephole pass: an operand push followed by ADD, SUB, MUL or QUOT
 * becomes one instruction (about half the dispatches of a typical
 * aerodynamic product), unless a jump lands between the two.  Jump
 * offsets are remapped.  The arithmetic is unchanged: TOP op operand in
 * the same order.  On out of memory the program is left as it was. */
static void fuse(compiler *cc)
{
    int n = cc->ncode;
    jins *code = cc->code;
    int *target = arena_array(cc->c->ar, (size_t)n + 1, sizeof(int));
    int *map = arena_array(cc->c->ar, (size_t)n + 1, sizeof(int));
    if (!target || !map)
        return;
    for (int i = 0; i < n; i++)
        if (is_jump(code[i].op))
            target[i + code[i].arg] = 1;
    int m = 0;
    for (int i = 0; i < n; i++) {
        int f = i + 1 < n && !target[i + 1] ? fused_op(code[i].op, code[i + 1].op) : -1;
        map[i] = m;
        if (f >= 0) {
            code[m] = (jins){f, code[i].arg, code[i].k};
            map[++i] = m;
        } else {
            code[m] = code[i];
            /* remember the old index of a jump to remap its offset below */
            if (is_jump(code[m].op))
                code[m].arg += i;   /* absolute old target for now */
        }
        m++;
    }
    map[n] = m;
    for (int j = 0; j < m; j++)
        if (is_jump(code[j].op))
            code[j].arg = map[code[j].arg] - j;
    cc->ncode = m;
}

/* The factor op of a product program's instruction (its first operand
 * or a multiplication), or -1 when it is neither. */
static int factor_op(const jins *in, int first)
{
    if (first)
        return in->op == OP_PROP || in->op == OP_NPROP || in->op == OP_CONST || in->op == OP_TABLE
                   ? in->op : -1;
    return in->op == OP_MUL_P ? OP_PROP : in->op == OP_MUL_K ? OP_CONST
         : in->op == OP_MUL_T ? OP_TABLE : -1;
}

/* Fills the product fields of f when its program has run_product's shape
 * (struct jfunc); leaves is_product 0 otherwise or on out of memory. */
static void classify_product(compiler *cc, jfunc *f)
{
    f->is_product = 0;
    int n = f->ncode, nfac = 0;
    while (nfac < n && factor_op(&f->code[nfac], nfac == 0) >= 0)
        nfac++;
    if (nfac == 0)
        return;
    for (int i = nfac; i < n; i++)
        if (f->code[i].op != OP_STORE)
            return;
    int nprop = 0;
    while (nprop < nfac && factor_op(&f->code[nprop], nprop == 0) == OP_PROP)
        nprop++;
    f->nprop = nprop;
    f->nrest = nfac - nprop;
    f->nstore = n - nfac;
    f->prop = arena_array(cc->c->ar, (size_t)nprop + 1, sizeof(int));
    f->rest = arena_array(cc->c->ar, (size_t)f->nrest + 1, sizeof(jins));
    f->store = arena_array(cc->c->ar, (size_t)f->nstore + 1, sizeof(int));
    if (!f->prop || !f->rest || !f->store)
        return;
    for (int i = 0; i < nprop; i++)
        f->prop[i] = f->code[i].arg;
    for (int i = nprop; i < nfac; i++)
        f->rest[i - nprop] = (jins){factor_op(&f->code[i], i == 0), f->code[i].arg, f->code[i].k};
    for (int i = nfac; i < n; i++)
        f->store[i - nfac] = f->code[i].arg;
    f->tail = f->nrest == 1 && f->rest[0].op == OP_TABLE ? f->tables[f->rest[0].arg] : NULL;
    f->is_product = 1;
}

static saqr_status finish(compiler *cc, const xmlNode *el, int out_slot, jfunc **out)
{
    jfunc *f = arena_alloc(cc->c->ar, sizeof *f);
    if (!f)
        return jx_error(cc->c, el, "out of memory");
    fuse(cc);
    f->code = cc->code;
    f->ncode = cc->ncode;
    f->tables = cc->tables;
    f->ntables = cc->ntables;
    f->pool = cc->pool;
    f->npool = cc->npool;
    f->out_slot = out_slot;
    f->is_random = cc->is_random;
    f->max_stack = cc->max_stack;
    classify_product(cc, f);
    *out = f;
    return SAQR_OK;
}

static void compiler_init(compiler *cc, jx_ctx *c, const char *prefix)
{
    memset(cc, 0, sizeof *cc);
    cc->c = c;
    cc->prefix = prefix && *prefix ? prefix : NULL;
}

saqr_status jfunc_load_prefixed(jx_ctx *c, const xmlNode *function_el, const char *prefix,
                                jfunc **out)
{
    *out = NULL;
    compiler cc;
    compiler_init(&cc, c, prefix);
    int n = count_args(function_el);
    if (n != 1)
        return jx_error(c, function_el, "<%s> takes exactly 1 argument (found %d)",
                        (const char *)function_el->name, n);
    int k = 0;
    saqr_status st = compile(&cc, first_arg(function_el), 0, 1, &k);
    if (st != SAQR_OK)
        return st;
    int slot = output_slot(&cc, function_el, jx_attr(c, function_el, "name"));
    if (slot == -2)
        return SAQR_EPARSE;
    if (slot >= 0 && emit(&cc, function_el, OP_STORE, slot, 0.0) < 0)
        return SAQR_EPARSE;
    const char *copyto = jx_attr(c, function_el, "copyto");
    if (copyto && *copyto) {
        char buf[NAME_BUF];
        if (strchr(copyto, '#') && !(cc.prefix && index_name_is_number(cc.prefix))) {
            jx_warn(c, function_el, "copyto=\"%s\": illegal use of '#'; ignored", copyto);
        } else {
            if ((st = hash_name(&cc, function_el, copyto, buf, sizeof buf)) != SAQR_OK)
                return st;
            int cs = jx_property(c, function_el, buf, PROP_PRODUCED);
            if (cs < 0)
                return SAQR_EPARSE;
            if (emit(&cc, function_el, OP_STORE, cs, 0.0) < 0)
                return SAQR_EPARSE;
        }
    }
    return finish(&cc, function_el, slot, out);
}

int jfunc_template_take(jx_ctx *c, const xmlNode *function_el)
{
    const char *type = jx_attr(c, function_el, "type");
    if (!type || strcmp(type, "template") != 0)
        return 0;
    const char *name = jx_attr(c, function_el, "name");
    if (!name || !*name) {
        jx_error(c, function_el, "a template function needs a name=");
        return -1;
    }
    int n = count_args(function_el);
    if (n != 1) {
        jx_error(c, function_el, "<function> takes exactly 1 argument (found %d)", n);
        return -1;
    }
    return jx_template_add(c, function_el, name) == SAQR_OK ? 1 : -1;
}

saqr_status jfunc_load_applied(jx_ctx *c, const xmlNode *at_el, const char *template_name, const char *property,
                               jfunc **out)
{
    *out = NULL;
    compiler cc;
    compiler_init(&cc, c, NULL);
    saqr_status st = compile_applied(&cc, at_el, template_name, property, 0, 1);
    if (st != SAQR_OK)
        return st;
    return finish(&cc, at_el, -1, out);
}

saqr_status jfunc_load(jx_ctx *c, const xmlNode *function_el, jfunc **out)
{
    return jfunc_load_prefixed(c, function_el, NULL, out);
}

saqr_status jfunc_load_expr(jx_ctx *c, const xmlNode *expr_el, jfunc **out)
{
    *out = NULL;
    compiler cc;
    compiler_init(&cc, c, NULL);
    int k = 0;
    saqr_status st = compile(&cc, expr_el, 0, 1, &k);
    if (st != SAQR_OK)
        return st;
    return finish(&cc, expr_el, -1, out);
}
