/*
 * daveml_math.c - compiles the MathML-2 content markup of a DAVE-ML
 * <calculation> into stack-machine code (see daveml_internal.h).
 *
 * Supported: cn (real, integer, e-notation, rational), ci, the constants
 * pi, exponentiale, eulergamma, infinity, notanumber, true, false,
 * piecewise/piece/otherwise, and apply with plus, minus (unary and
 * binary), times, divide, power, root (optional degree), abs, exp, ln, log
 * (optional logbase, default 10), factorial, gcd, lcm, floor, ceiling,
 * rem, quotient, min, max, the trigonometric functions sin cos tan sec csc
 * cot, their inverses arcsin ... arccot, the hyperbolic sinh ... coth and
 * their inverses arcsinh ... arccoth, lt, leq, gt, geq, eq, neq (also
 * spelled le, ge; chained comparisons hold when every adjacent pair
 * holds), and, or, xor, not, implies, and the DAVE-ML extension csymbol
 * atan2(y, x).  Anything else is rejected with its line (docs/daveml.md
 * lists the MathML-2 content elements that are not supported).
 * Nesting is limited to DML_MAX_DEPTH levels, so hostile input cannot
 * exhaust the C stack.
 *
 * References: W3C MathML 2.0 chapter 4 (content markup); DAVE-ML 2.0
 * reference manual and http://daveml.org/function_spaces.html (atan2: the
 * first argument is y, the second x).
 */
#include "load/daveml/daveml_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "util/mem.h"

/* State of compiling one expression. */
typedef struct compiler {
    dml_ctx *c;     /* load context                                        */
    size_t sp;      /* stack depth after the code emitted so far           */
    size_t max_sp;  /* deepest stack seen                                  */
} compiler;

saqr_status dml_emit(dml_ctx *c, dml_op op, uint32_t arg, double k, long line)
{
    daveml_model *m = c->m;
    if (m->n_code >= DML_MAX_CODE)
        return err_set(c->err, SAQR_EPARSE, "%s:%ld: model needs more than %d instructions",
                       c->file, line, DML_MAX_CODE);
    if (m->n_code == m->cap_code) {
        size_t cap = m->cap_code ? 2 * m->cap_code : 256;
        dml_instr *code = mem_alloc(&m->alloc, cap * sizeof *code);
        if (!code)
            return err_set(c->err, SAQR_ENOMEM, "%s: out of memory", c->file);
        if (m->n_code)
            memcpy(code, m->code, m->n_code * sizeof *code);
        mem_free(&m->alloc, m->code);
        m->code = code;
        m->cap_code = cap;
    }
    dml_instr *in = &m->code[m->n_code++];
    in->op = (uint32_t)op;
    in->arg = arg;
    in->k = k;
    return SAQR_OK;
}

/* Records one more value on the machine stack; fails past DML_MAX_STACK. */
static saqr_status stack_push(compiler *cc, const xmlNode *n)
{
    cc->sp++;
    if (cc->sp > DML_MAX_STACK)
        return err_set(cc->c->err, SAQR_EPARSE, "%s:%ld: expression is too large", cc->c->file,
                       dml_line(n));
    if (cc->sp > cc->max_sp)
        cc->max_sp = cc->sp;
    return SAQR_OK;
}

static saqr_status emit_const(compiler *cc, const xmlNode *n, double k)
{
    saqr_status st = dml_emit(cc->c, DML_OP_CONST, 0, k, dml_line(n));
    return st ? st : stack_push(cc, n);
}

/* ----------------------------------------------------------------- cn */

/* Removes leading and trailing white space from s in place. */
static void trim(char *s)
{
    size_t b = 0, e = strlen(s);
    while (b < e && strchr(" \t\r\n\f\v", s[b]))
        b++;
    while (e > b && strchr(" \t\r\n\f\v", s[e - 1]))
        e--;
    memmove(s, s + b, e - b);
    s[e - b] = '\0';
}

/* Splits the text of a <cn> at its <sep/> (if any) into a and b, each
 * trimmed of white space. */
static saqr_status cn_parts(compiler *cc, const xmlNode *n, char *a, char *b, int *has_sep)
{
    char *part = a;
    size_t len = 0;
    a[0] = b[0] = '\0';
    *has_sep = 0;
    for (const xmlNode *t = n->children; t; t = t->next) {
        if (t->type == XML_COMMENT_NODE || t->type == XML_PI_NODE)
            continue;
        if (dml_is(t, "sep") && !*has_sep) {
            *has_sep = 1;
            part = b;
            len = 0;
            continue;
        }
        if (t->type != XML_TEXT_NODE && t->type != XML_CDATA_SECTION_NODE)
            return err_set(cc->c->err, SAQR_EPARSE, "%s:%ld: unexpected content in <cn>",
                           cc->c->file, dml_line(t));
        const char *s = t->content ? (const char *)t->content : "";
        size_t k = strlen(s);
        if (k >= DML_MAX_TEXT / 2 - len)
            return err_set(cc->c->err, SAQR_EPARSE, "%s:%ld: <cn> text is too long", cc->c->file,
                           dml_line(n));
        memcpy(part + len, s, k);
        len += k;
        part[len] = '\0';
    }
    trim(a);
    trim(b);
    return SAQR_OK;
}

static saqr_status compile_cn(compiler *cc, const xmlNode *n)
{
    dml_ctx *c = cc->c;
    long line = dml_line(n);
    const char *type = dml_attr(n, "type");
    const char *base = dml_attr(n, "base");
    if (base && strcmp(base, "10") != 0)
        return err_set(c->err, SAQR_EPARSE, "%s:%ld: <cn base=\"%.20s\"> is not supported", c->file,
                       line, base);
    char a[DML_MAX_TEXT / 2], b[DML_MAX_TEXT / 2];
    int has_sep = 0;
    saqr_status st = cn_parts(cc, n, a, b, &has_sep);
    if (st)
        return st;
    double v = 0.0;
    if (!type || strcmp(type, "real") == 0 || strcmp(type, "integer") == 0 ||
        strcmp(type, "double") == 0) {
        if (has_sep)
            return err_set(c->err, SAQR_EPARSE, "%s:%ld: <sep/> in a <cn> of type %s", c->file,
                           line, type ? type : "real");
        st = dml_number(c, a, line, "<cn>", &v);
    } else if (strcmp(type, "e-notation") == 0 || strcmp(type, "rational") == 0) {
        double x = 0.0, y = 0.0;
        if (!has_sep)
            return err_set(c->err, SAQR_EPARSE, "%s:%ld: <cn type=\"%s\"> needs a <sep/>", c->file,
                           line, type);
        st = dml_number(c, a, line, "<cn>", &x);
        if (!st)
            st = dml_number(c, b, line, "<cn>", &y);
        if (st)
            return st;
        if (type[0] == 'e') {
            /* Re-read as one literal so that 1.5 <sep/> -3 is exactly 1.5e-3. */
            char lit[DML_MAX_TEXT + 4];
            snprintf(lit, sizeof lit, "%se%s", a, b);
            if (y != floor(y))
                return err_set(c->err, SAQR_EPARSE, "%s:%ld: e-notation exponent '%.40s' is not an integer",
                               c->file, line, b);
            st = dml_number(c, lit, line, "<cn type=\"e-notation\">", &v);
        } else {
            v = x / y;
            if (!isfinite(v))
                return err_set(c->err, SAQR_EPARSE, "%s:%ld: rational %g/%g is not finite", c->file,
                               line, x, y);
        }
    } else {
        return err_set(c->err, SAQR_EPARSE, "%s:%ld: <cn type=\"%.30s\"> is not supported", c->file,
                       line, type);
    }
    return st ? st : emit_const(cc, n, v);
}

/* ----------------------------------------------------------- operators */

typedef struct op_info {
    const char *name; /* MathML element                                    */
    dml_op op;        /* instruction                                       */
    unsigned min_args, max_args; /* allowed operand counts (0 max: any)    */
    int nary;         /* 1: instruction takes the operand count as arg     */
} op_info;

static const op_info OPS[] = {
    {"plus", DML_OP_ADD, 1, 0, 1},     {"times", DML_OP_MUL, 1, 0, 1},
    {"minus", DML_OP_SUB, 1, 2, 0},    {"divide", DML_OP_DIV, 2, 2, 0},
    {"power", DML_OP_POW, 2, 2, 0},    {"root", DML_OP_SQRT, 1, 1, 0},
    {"abs", DML_OP_ABS, 1, 1, 0},      {"exp", DML_OP_EXP, 1, 1, 0},
    {"ln", DML_OP_LN, 1, 1, 0},        {"log", DML_OP_LOG10, 1, 1, 0},
    {"sin", DML_OP_SIN, 1, 1, 0},      {"cos", DML_OP_COS, 1, 1, 0},
    {"tan", DML_OP_TAN, 1, 1, 0},      {"sec", DML_OP_SEC, 1, 1, 0},
    {"csc", DML_OP_CSC, 1, 1, 0},      {"cot", DML_OP_COT, 1, 1, 0},
    {"arcsin", DML_OP_ASIN, 1, 1, 0},  {"arccos", DML_OP_ACOS, 1, 1, 0},
    {"arctan", DML_OP_ATAN, 1, 1, 0},  {"sinh", DML_OP_SINH, 1, 1, 0},
    {"cosh", DML_OP_COSH, 1, 1, 0},    {"tanh", DML_OP_TANH, 1, 1, 0},
    {"floor", DML_OP_FLOOR, 1, 1, 0},  {"ceiling", DML_OP_CEIL, 1, 1, 0},
    {"rem", DML_OP_REM, 2, 2, 0},      {"quotient", DML_OP_QUOT, 2, 2, 0},
    {"min", DML_OP_MIN, 1, 0, 1},      {"max", DML_OP_MAX, 1, 0, 1},
    {"lt", DML_OP_LT, 2, 0, 1},        {"leq", DML_OP_LE, 2, 0, 1},
    {"gt", DML_OP_GT, 2, 0, 1},        {"geq", DML_OP_GE, 2, 0, 1},
    {"eq", DML_OP_EQ, 2, 0, 1},        {"neq", DML_OP_NEQ, 2, 2, 0},
    {"and", DML_OP_AND, 1, 0, 1},      {"or", DML_OP_OR, 1, 0, 1},
    {"xor", DML_OP_XOR, 1, 0, 1},      {"not", DML_OP_NOT, 1, 1, 0},
    {"implies", DML_OP_IMPLIES, 2, 2, 0},
    {"arcsec", DML_OP_ASEC, 1, 1, 0},  {"arccsc", DML_OP_ACSC, 1, 1, 0},
    {"arccot", DML_OP_ACOT, 1, 1, 0},  {"sech", DML_OP_SECH, 1, 1, 0},
    {"csch", DML_OP_CSCH, 1, 1, 0},    {"coth", DML_OP_COTH, 1, 1, 0},
    {"arcsinh", DML_OP_ASINH, 1, 1, 0}, {"arccosh", DML_OP_ACOSH, 1, 1, 0},
    {"arctanh", DML_OP_ATANH, 1, 1, 0}, {"arcsech", DML_OP_ASECH, 1, 1, 0},
    {"arccsch", DML_OP_ACSCH, 1, 1, 0}, {"arccoth", DML_OP_ACOTH, 1, 1, 0},
    {"factorial", DML_OP_FACT, 1, 1, 0},
    {"gcd", DML_OP_GCD, 1, 0, 1},      {"lcm", DML_OP_LCM, 1, 0, 1},
};

static const op_info ATAN2 = {"atan2", DML_OP_ATAN2, 2, 2, 0};

static const op_info *find_op(const char *name)
{
    /* MathML 2 spells the non-strict comparisons leq/geq; "le"/"ge" are
     * accepted as well. */
    if (strcmp(name, "le") == 0)
        name = "leq";
    else if (strcmp(name, "ge") == 0)
        name = "geq";
    for (size_t i = 0; i < sizeof OPS / sizeof OPS[0]; i++)
        if (strcmp(OPS[i].name, name) == 0)
            return &OPS[i];
    return NULL;
}

static saqr_status compile_expr(compiler *cc, const xmlNode *n, int depth);

/* The single expression inside a qualifier such as <degree> or <logbase>. */
static saqr_status compile_qualifier(compiler *cc, const xmlNode *q, int depth)
{
    const xmlNode *e = dml_first_elem(q);
    if (!e || dml_next_elem(e))
        return err_set(cc->c->err, SAQR_EPARSE, "%s:%ld: <%s> must hold one expression",
                       cc->c->file, dml_line(q), (const char *)q->name);
    return compile_expr(cc, e, depth + 1);
}

static saqr_status compile_piecewise(compiler *cc, const xmlNode *pw, int depth)
{
    dml_ctx *c = cc->c;
    size_t base = cc->sp;
    size_t n_pieces = dml_count_children(pw, "piece");
    size_t n_other = dml_count_children(pw, "otherwise");
    if (n_pieces + n_other != dml_count_children(pw, NULL) || n_other > 1 ||
        n_pieces + n_other == 0)
        return err_set(c->err, SAQR_EPARSE,
                       "%s:%ld: <piecewise> must hold <piece> elements and at most one <otherwise>",
                       c->file, dml_line(pw));
    /* Jumps to the end are chained through their arg fields until patched. */
    size_t first_exit = SIZE_MAX;
    const xmlNode *other = NULL;
    saqr_status st;
    for (const xmlNode *p = dml_first_elem(pw); p; p = dml_next_elem(p)) {
        if (dml_is(p, "otherwise")) {
            other = p;
            continue;
        }
        const xmlNode *value = dml_first_elem(p);
        const xmlNode *cond = value ? dml_next_elem(value) : NULL;
        if (!cond || dml_next_elem(cond))
            return err_set(c->err, SAQR_EPARSE,
                           "%s:%ld: <piece> must hold a value and a condition", c->file,
                           dml_line(p));
        if ((st = compile_expr(cc, cond, depth + 1)))
            return st;
        size_t jz = c->m->n_code;
        if ((st = dml_emit(c, DML_OP_JZ, 0, 0.0, dml_line(p))))
            return st;
        cc->sp--;
        if ((st = compile_expr(cc, value, depth + 1)))
            return st;
        size_t jmp = c->m->n_code;
        if ((st = dml_emit(c, DML_OP_JMP, first_exit == SIZE_MAX ? UINT32_MAX : (uint32_t)first_exit,
                           0.0, dml_line(p))))
            return st;
        first_exit = jmp;
        c->m->code[jz].arg = (uint32_t)c->m->n_code;
        cc->sp = base;
    }
    if (other) {
        const xmlNode *value = dml_first_elem(other);
        if (!value || dml_next_elem(value))
            return err_set(c->err, SAQR_EPARSE, "%s:%ld: <otherwise> must hold one expression",
                           c->file, dml_line(other));
        st = compile_expr(cc, value, depth + 1);
    } else {
        /* MathML leaves the value undefined when no piece holds. */
        st = emit_const(cc, pw, NAN);
    }
    if (st)
        return st;
    uint32_t end = (uint32_t)c->m->n_code;
    for (size_t j = first_exit; j != SIZE_MAX;) {
        uint32_t next = c->m->code[j].arg;
        c->m->code[j].arg = end;
        j = next == UINT32_MAX ? SIZE_MAX : next;
    }
    cc->sp = base + 1;
    return SAQR_OK;
}

static saqr_status compile_apply(compiler *cc, const xmlNode *ap, int depth)
{
    dml_ctx *c = cc->c;
    long line = dml_line(ap);
    const xmlNode *head = dml_first_elem(ap);
    if (!head)
        return err_set(c->err, SAQR_EPARSE, "%s:%ld: empty <apply>", c->file, line);
    const char *hname = dml_elem_name(head);
    /* <apply><piecewise>...</piecewise></apply>, as the NASA F-16 files
     * write it, is the piecewise itself. */
    if (strcmp(hname, "piecewise") == 0) {
        if (dml_next_elem(head))
            return err_set(c->err, SAQR_EPARSE, "%s:%ld: <piecewise> takes no arguments", c->file,
                           line);
        return compile_piecewise(cc, head, depth + 1);
    }
    const op_info *op = NULL;
    if (strcmp(hname, "csymbol") == 0) {
        const char *url = dml_attr(head, "definitionURL");
        char text[DML_MAX_TEXT];
        saqr_status st = dml_text(c, head, text);
        if (st)
            return st;
        const char *hash = url ? strrchr(url, '#') : NULL;
        if ((hash && strcmp(hash, "#atan2") == 0) || (!url && strcmp(text, "atan2") == 0))
            op = &ATAN2;
        else
            return err_set(c->err, SAQR_EPARSE, "%s:%ld: csymbol '%.60s' is not supported", c->file,
                           dml_line(head), url ? url : text);
    } else if (head->children && dml_first_elem(head)) {
        return err_set(c->err, SAQR_EPARSE, "%s:%ld: <apply> must start with an operator, not <%s>",
                       c->file, dml_line(head), hname);
    } else {
        op = find_op(hname);
        if (!op)
            return err_set(c->err, SAQR_EPARSE, "%s:%ld: MathML operator <%s> is not supported",
                           c->file, dml_line(head), hname);
    }

    const xmlNode *degree = NULL, *logbase = NULL;
    size_t nargs = 0;
    saqr_status st;
    for (const xmlNode *a = dml_next_elem(head); a; a = dml_next_elem(a)) {
        if (dml_is(a, "degree") && op->op == DML_OP_SQRT && !degree && nargs == 0) {
            degree = a;
            continue;
        }
        if (dml_is(a, "logbase") && op->op == DML_OP_LOG10 && !logbase && nargs == 0) {
            logbase = a;
            continue;
        }
        if ((st = compile_expr(cc, a, depth + 1)))
            return st;
        nargs++;
    }
    if (nargs < op->min_args || (op->max_args && nargs > op->max_args)) {
        if (op->min_args == op->max_args)
            return err_set(c->err, SAQR_EPARSE, "%s:%ld: <%s> takes %u argument%s, not %zu", c->file,
                           line, op->name, op->min_args, op->min_args == 1 ? "" : "s", nargs);
        return err_set(c->err, SAQR_EPARSE, "%s:%ld: <%s> takes %u to %u arguments, not %zu",
                       c->file, line, op->name, op->min_args, op->max_args, nargs);
    }
    if (nargs > DML_MAX_COUNT)
        return err_set(c->err, SAQR_EPARSE, "%s:%ld: too many arguments", c->file, line);
    dml_op code = op->op;
    if (code == DML_OP_SUB && nargs == 1)
        code = DML_OP_NEG;
    if (degree) {
        if ((st = compile_qualifier(cc, degree, depth)))
            return st;
        code = DML_OP_ROOT;
        nargs++;
    }
    if (logbase) {
        if ((st = compile_qualifier(cc, logbase, depth)))
            return st;
        code = DML_OP_LOGB;
        nargs++;
    }
    if (op->nary && nargs == 1 && (code == DML_OP_ADD || code == DML_OP_MUL ||
                                   code == DML_OP_MIN || code == DML_OP_MAX))
        return SAQR_OK; /* unary plus, a product or extreme of one value */
    if ((st = dml_emit(c, code, (uint32_t)nargs, 0.0, line)))
        return st;
    cc->sp -= nargs - 1;
    return SAQR_OK;
}

static saqr_status compile_expr(compiler *cc, const xmlNode *n, int depth)
{
    dml_ctx *c = cc->c;
    long line = dml_line(n);
    if (depth > DML_MAX_DEPTH)
        return err_set(c->err, SAQR_EPARSE, "%s:%ld: MathML nested deeper than %d levels", c->file,
                       line, DML_MAX_DEPTH);
    const char *name = dml_elem_name(n);
    if (strcmp(name, "cn") == 0)
        return compile_cn(cc, n);
    if (strcmp(name, "ci") == 0) {
        char id[DML_MAX_TEXT];
        saqr_status st = dml_text(c, n, id);
        if (st)
            return st;
        long slot = dml_find_varid(c->m, id);
        if (slot < 0)
            return err_set(c->err, SAQR_EPARSE, "%s:%ld: <ci>%.80s</ci> names no variableDef",
                           c->file, line, id);
        if ((st = dml_emit(c, DML_OP_LOAD, (uint32_t)slot, 0.0, line)))
            return st;
        return stack_push(cc, n);
    }
    if (strcmp(name, "apply") == 0)
        return compile_apply(cc, n, depth);
    if (strcmp(name, "piecewise") == 0)
        return compile_piecewise(cc, n, depth);
    if (strcmp(name, "semantics") == 0) {
        const xmlNode *e = dml_first_elem(n);
        if (!e)
            return err_set(c->err, SAQR_EPARSE, "%s:%ld: empty <semantics>", c->file, line);
        return compile_expr(cc, e, depth + 1);
    }
    if (strcmp(name, "pi") == 0)
        return emit_const(cc, n, 3.14159265358979323846);
    if (strcmp(name, "exponentiale") == 0)
        return emit_const(cc, n, 2.71828182845904523536);
    if (strcmp(name, "true") == 0)
        return emit_const(cc, n, 1.0);
    if (strcmp(name, "false") == 0)
        return emit_const(cc, n, 0.0);
    if (strcmp(name, "infinity") == 0)
        return emit_const(cc, n, INFINITY);
    if (strcmp(name, "notanumber") == 0)
        return emit_const(cc, n, NAN);
    if (strcmp(name, "eulergamma") == 0)
        return emit_const(cc, n, 0.57721566490153286061);
    return err_set(c->err, SAQR_EPARSE, "%s:%ld: MathML element <%s> is not supported here",
                   c->file, line, name);
}

saqr_status dml_compile_calculation(dml_ctx *c, const xmlNode *calc, size_t slot,
                                    size_t *max_stack)
{
    long line = dml_line(calc);
    const xmlNode *math = dml_first_elem(calc);
    if (!math || !dml_is(math, "math") || dml_next_elem(math))
        return err_set(c->err, SAQR_EPARSE, "%s:%ld: <calculation> must hold one <math> element",
                       c->file, line);
    const xmlNode *e = dml_first_elem(math);
    if (!e || dml_next_elem(e))
        return err_set(c->err, SAQR_EPARSE, "%s:%ld: <math> must hold exactly one expression",
                       c->file, dml_line(math));
    compiler cc = {c, 0, 0};
    size_t start = c->m->n_code;
    saqr_status st = compile_expr(&cc, e, 1);
    if (st)
        return st;
    dml_var *v = &c->m->vars[slot];
    v->code_start = start;
    v->code_len = c->m->n_code - start;
    if (cc.max_sp > *max_stack)
        *max_stack = cc.max_sp;
    return SAQR_OK;
}
