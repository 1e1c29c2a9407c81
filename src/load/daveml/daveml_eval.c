/*
 * daveml_eval.c - running a loaded DAVE-ML model: the stack machine that
 * executes the compiled programs, the evaluation loop in dependency order,
 * and the accessors of the public interface (find, set, get, ...).
 *
 * The machine's code was checked when it was compiled (operand counts,
 * stack depth, forward jumps only), so evaluation has no failure path: it
 * never allocates, reads no clock and touches nothing outside the model.
 * Arithmetic is plain IEEE-754 double; an undefined result is NaN.
 *
 * References: W3C MathML 2.0 chapter 4 and appendix C for the operator
 * definitions (rem keeps the sign of the dividend, quotient truncates
 * toward zero); the inverse reciprocal functions are taken through the
 * reciprocal (arccot x = arctan(1/x), arcsech x = arccosh(1/x), ...), the
 * principal values of Abramowitz & Stegun chapter 4 and of OpenMath's
 * transc1 content dictionary.
 */
#include "load/daveml/daveml_internal.h"

#include <assert.h>
#include <math.h>
#include <string.h>

#include "util/mem.h"
#include "math/trig.h"

/* ------------------------------------------------------------ index */

static size_t hash_str(const char *s)
{
    /* FNV-1a, 64 bit */
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return (size_t)h;
}

saqr_status dml_build_index(dml_ctx *c)
{
    daveml_model *m = c->m;
    size_t cap = 16;
    while (cap < 2 * m->n_vars)
        cap *= 2;
    m->index = arena_array(&m->arena, cap, sizeof *m->index);
    if (!m->index)
        return err_set(c->err, SAQR_ENOMEM, "%s: out of memory", c->file);
    m->index_cap = cap;
    for (size_t i = 0; i < m->n_vars; i++) {
        size_t b = hash_str(m->vars[i].varid) & (cap - 1);
        while (m->index[b]) {
            const dml_var *o = &m->vars[m->index[b] - 1];
            if (strcmp(o->varid, m->vars[i].varid) == 0)
                return err_set(c->err, SAQR_EPARSE, "%s:%ld: varID '%.80s' already defined at line %ld",
                               c->file, m->vars[i].line, m->vars[i].varid, o->line);
            b = (b + 1) & (cap - 1);
        }
        m->index[b] = i + 1;
    }
    return SAQR_OK;
}

long dml_find_varid(const daveml_model *m, const char *varid)
{
    if (!m->index)
        return -1;
    size_t b = hash_str(varid) & (m->index_cap - 1);
    while (m->index[b]) {
        size_t slot = m->index[b] - 1;
        if (strcmp(m->vars[slot].varid, varid) == 0)
            return (long)slot;
        b = (b + 1) & (m->index_cap - 1);
    }
    return -1;
}

/* ---------------------------------------------------------- machine */

static int truth(double v)
{
    return v != 0.0 && !isnan(v);
}

/* x^(1/d), with the real root of a negative x for odd integer degrees. */
static double root(double x, double d)
{
    if (x < 0.0 && d == trunc(d) && fabs(fmod(d, 2.0)) == 1.0)
        return -pow(-x, 1.0 / d);
    return pow(x, 1.0 / d);
}

/* 1 when x is a finite whole number. */
static int whole(double x)
{
    return isfinite(x) && x == floor(x);
}

/* n! for a whole n >= 0 (exact up to 22!, +inf past 170!); NaN otherwise. */
static double factorial(double n)
{
    if (!whole(n) || n < 0.0)
        return NAN;
    if (n > 170.0)
        return INFINITY;
    double r = 1.0;
    for (double k = 2.0; k <= n; k += 1.0)
        r *= k;
    return r;
}

/* Greatest common divisor of two finite whole numbers (Euclid; fmod is
 * exact, so is the result). */
static double gcd2(double a, double b)
{
    a = fabs(a);
    b = fabs(b);
    while (b != 0.0) {
        double t = fmod(a, b);
        a = b;
        b = t;
    }
    return a;
}

/* gcd (lcm when `lcm`) of v[0..n-1], n >= 1: NaN unless every value is a
 * finite whole number; non-negative; an lcm that overflows is +inf. */
static double gcd_lcm(const double *v, size_t n, int lcm)
{
    int zero = 0;
    for (size_t i = 0; i < n; i++) {
        if (!whole(v[i]))
            return NAN;
        zero |= v[i] == 0.0;
    }
    if (lcm && zero)
        return 0.0;
    double r = fabs(v[0]);
    for (size_t i = 1; i < n && isfinite(r); i++)
        r = lcm ? r / gcd2(r, v[i]) * fabs(v[i]) : gcd2(r, v[i]);
    return r;
}

/* The top of the machine stack, for the unary operations. */
#define TOP (s[sp - 1])

/* Runs the program code[start, start + len) and returns its value. */
static double run(daveml_model *m, size_t start, size_t len)
{
    const dml_instr *code = m->code;
    double *s = m->stack;
    size_t sp = 0;
    size_t pc = start, end = start + len;
    while (pc < end) {
        const dml_instr *in = &code[pc++];
        size_t n = in->arg;
        switch ((dml_op)in->op) {
        case DML_OP_CONST: s[sp++] = in->k; break;
        case DML_OP_LOAD: s[sp++] = m->val[n]; break;
        case DML_OP_NEG: TOP = -TOP; break;
        case DML_OP_SQRT: TOP = sqrt(TOP); break;
        case DML_OP_ABS: TOP = fabs(TOP); break;
        case DML_OP_EXP: TOP = exp(TOP); break;
        case DML_OP_LN: TOP = log(TOP); break;
        case DML_OP_LOG10: TOP = log10(TOP); break;
        case DML_OP_SIN: TOP = trig_sin(TOP); break;
        case DML_OP_COS: TOP = trig_cos(TOP); break;
        case DML_OP_TAN: TOP = tan(TOP); break;
        case DML_OP_SEC: TOP = 1.0 / trig_cos(TOP); break;
        case DML_OP_CSC: TOP = 1.0 / trig_sin(TOP); break;
        case DML_OP_COT: TOP = 1.0 / tan(TOP); break;
        case DML_OP_ASIN: TOP = asin(TOP); break;
        case DML_OP_ACOS: TOP = acos(TOP); break;
        case DML_OP_ATAN: TOP = trig_atan(TOP); break;
        case DML_OP_SINH: TOP = sinh(TOP); break;
        case DML_OP_COSH: TOP = cosh(TOP); break;
        case DML_OP_TANH: TOP = tanh(TOP); break;
        case DML_OP_FLOOR: TOP = floor(TOP); break;
        case DML_OP_CEIL: TOP = ceil(TOP); break;
        case DML_OP_NOT: TOP = truth(TOP) ? 0.0 : 1.0; break;
        case DML_OP_ASEC: TOP = acos(1.0 / TOP); break;
        case DML_OP_ACSC: TOP = asin(1.0 / TOP); break;
        case DML_OP_ACOT: TOP = trig_atan(1.0 / TOP); break;
        case DML_OP_SECH: TOP = 1.0 / cosh(TOP); break;
        case DML_OP_CSCH: TOP = 1.0 / sinh(TOP); break;
        case DML_OP_COTH: TOP = 1.0 / tanh(TOP); break;
        case DML_OP_ASINH: TOP = asinh(TOP); break;
        case DML_OP_ACOSH: TOP = acosh(TOP); break;
        case DML_OP_ATANH: TOP = atanh(TOP); break;
        case DML_OP_ASECH: TOP = acosh(1.0 / TOP); break;
        case DML_OP_ACSCH: TOP = asinh(1.0 / TOP); break;
        case DML_OP_ACOTH: TOP = atanh(1.0 / TOP); break;
        case DML_OP_FACT: TOP = factorial(TOP); break;
        case DML_OP_IMPLIES:
            sp--;
            s[sp - 1] = !truth(s[sp - 1]) || truth(s[sp]) ? 1.0 : 0.0;
            break;
        case DML_OP_GCD: case DML_OP_LCM:
            assert(n >= 1 && n <= sp);
            sp -= n - 1;
            s[sp - 1] = gcd_lcm(s + sp - 1, n, in->op == DML_OP_LCM);
            break;
        case DML_OP_SUB: sp--; s[sp - 1] -= s[sp]; break;
        case DML_OP_DIV: sp--; s[sp - 1] /= s[sp]; break;
        case DML_OP_POW: sp--; s[sp - 1] = pow(s[sp - 1], s[sp]); break;
        case DML_OP_ROOT: sp--; s[sp - 1] = root(s[sp - 1], s[sp]); break;
        case DML_OP_LOGB: sp--; s[sp - 1] = log(s[sp - 1]) / log(s[sp]); break;
        case DML_OP_ATAN2: sp--; s[sp - 1] = trig_atan2(s[sp - 1], s[sp]); break;
        case DML_OP_REM: sp--; s[sp - 1] = fmod(s[sp - 1], s[sp]); break;
        case DML_OP_QUOT: sp--; s[sp - 1] = trunc(s[sp - 1] / s[sp]); break;
        case DML_OP_NEQ: sp--; s[sp - 1] = s[sp - 1] != s[sp] ? 1.0 : 0.0; break;
        case DML_OP_ADD: case DML_OP_MUL: case DML_OP_MIN: case DML_OP_MAX:
        case DML_OP_LT: case DML_OP_LE: case DML_OP_GT: case DML_OP_GE: case DML_OP_EQ:
        case DML_OP_AND: case DML_OP_OR: case DML_OP_XOR: {
            assert(n >= 1 && n <= sp);
            double *v = s + sp - n;
            double r = v[0];
            int ok = 1;
            switch ((dml_op)in->op) {
            case DML_OP_ADD: for (size_t i = 1; i < n; i++) r += v[i]; break;
            case DML_OP_MUL: for (size_t i = 1; i < n; i++) r *= v[i]; break;
            case DML_OP_MIN: for (size_t i = 1; i < n; i++) r = fmin(r, v[i]); break;
            case DML_OP_MAX: for (size_t i = 1; i < n; i++) r = fmax(r, v[i]); break;
            case DML_OP_LT: for (size_t i = 1; i < n; i++) ok &= v[i - 1] < v[i]; r = ok; break;
            case DML_OP_LE: for (size_t i = 1; i < n; i++) ok &= v[i - 1] <= v[i]; r = ok; break;
            case DML_OP_GT: for (size_t i = 1; i < n; i++) ok &= v[i - 1] > v[i]; r = ok; break;
            case DML_OP_GE: for (size_t i = 1; i < n; i++) ok &= v[i - 1] >= v[i]; r = ok; break;
            case DML_OP_EQ: for (size_t i = 1; i < n; i++) ok &= v[i - 1] == v[i]; r = ok; break;
            case DML_OP_AND: for (size_t i = 0; i < n; i++) ok &= truth(v[i]); r = ok; break;
            case DML_OP_OR:
                ok = 0;
                for (size_t i = 0; i < n; i++) ok |= truth(v[i]);
                r = ok;
                break;
            default: /* XOR */
                ok = 0;
                for (size_t i = 0; i < n; i++) ok ^= truth(v[i]);
                r = ok;
                break;
            }
            sp -= n - 1;
            s[sp - 1] = r;
            break;
        }
        case DML_OP_JZ:
            sp--;
            if (!truth(s[sp]))
                pc = n;
            break;
        case DML_OP_JMP: pc = n; break;
        case DML_OP_TABLE: {
            const dml_func *f = &m->funcs[n];
            assert(f->ndim <= sp);
            sp -= f->ndim;
            s[sp] = dml_table_eval(f, s + sp);
            sp++;
            break;
        }
        }
        assert(sp <= m->stack_cap);
    }
    assert(sp == 1);
    return s[0];
}

double dml_clamp(const dml_var *v, double x)
{
    if (x < v->min_value)
        x = v->min_value;
    if (x > v->max_value)
        x = v->max_value;
    return x;
}

void daveml_eval(daveml_model *m)
{
    if (!m)
        return;
    for (size_t k = 0; k < m->n_order; k++) {
        size_t slot = m->order[k];
        const dml_var *v = &m->vars[slot];
        m->val[slot] = dml_clamp(v, run(m, v->code_start, v->code_len));
    }
}

/* ---------------------------------------------------------- accessors */

int daveml_find(const daveml_model *m, const char *varid_or_name)
{
    if (!m || !varid_or_name)
        return -1;
    long s = dml_find_varid(m, varid_or_name);
    if (s >= 0)
        return (int)s;
    for (size_t i = 0; i < m->n_vars; i++)
        if (strcmp(m->vars[i].name, varid_or_name) == 0)
            return (int)i;
    return -1;
}

size_t daveml_count(const daveml_model *m)
{
    return m ? m->n_vars : 0;
}

static const dml_var *var_at(const daveml_model *m, int slot)
{
    if (!m || slot < 0 || (size_t)slot >= m->n_vars)
        return NULL;
    return &m->vars[slot];
}

const char *daveml_varid(const daveml_model *m, int slot)
{
    const dml_var *v = var_at(m, slot);
    return v ? v->varid : NULL;
}

const char *daveml_name(const daveml_model *m, int slot)
{
    const dml_var *v = var_at(m, slot);
    return v ? v->name : NULL;
}

const char *daveml_units(const daveml_model *m, int slot)
{
    const dml_var *v = var_at(m, slot);
    return v ? v->units : NULL;
}

int daveml_is_input(const daveml_model *m, int slot)
{
    const dml_var *v = var_at(m, slot);
    return v && (v->flags & DML_F_INPUT) ? 1 : 0;
}

int daveml_is_output(const daveml_model *m, int slot)
{
    const dml_var *v = var_at(m, slot);
    return v && (v->flags & DML_F_OUTPUT) ? 1 : 0;
}

void daveml_set(daveml_model *m, int slot, double value)
{
    const dml_var *v = var_at(m, slot);
    if (v)
        m->val[slot] = dml_clamp(v, value);
}

double daveml_get(const daveml_model *m, int slot)
{
    return var_at(m, slot) ? m->val[slot] : NAN;
}

void daveml_free(daveml_model *m)
{
    if (!m)
        return;
    saqr_allocator a = m->alloc;
    mem_free(&a, m->code);
    arena_free(&m->arena);
    mem_free(&a, m);
}
