/*
 * condition.c - compiles JSBSim test conditions to trees over property
 * slots and evaluates them (see condition.h for the syntax).
 *
 * A node is either a comparison (lhs property with a sign, operator, rhs
 * constant or signed property) or a group of child nodes joined by AND or
 * OR.  Like JSBSim, a group evaluates every child (no short cut), which
 * only matters for speed since evaluation has no side effects.
 * Reference: JSBSim src/math/FGCondition.cpp, FGParameterValue.h,
 * FGPropertyValue.cpp, input_output/string_utilities.cpp (atof_locale_c).
 */
#include "fdm/condition.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/words.h"

/* Each member of the fast form (cond_leaf, condition.h) is a comparison
 * with a constant right side, the sign of the left folded into the
 * operator and constant: -x < c is x > -c (negation is exact and keeps
 * NaN unordered, so every operator gives the same answer). */
struct cond {
    cond_flat head;         /* first member (cond_eval reads it): the fast */
                            /* form, and the logic of a group             */
    int nkids;              /* > 0: a group; 0: a comparison               */
    const cond **kids;      /* group members                               */
    int op;                 /* comparison: enum cond_op                    */
    int lhs_slot;           /* left property                               */
    double lhs_sign;        /* +1 or -1 (leading '-')                      */
    int rhs_slot;           /* right property, or -1 for a constant        */
    double rhs_sign;
    double rhs_value;       /* the constant when rhs_slot < 0              */
};

int cond_parse_number(const char *s, double *out)
{
    const char *p = s;
    while (isspace((unsigned char)*p))
        p++;
    const char *start = p;
    if (*p == '+' || *p == '-')
        p++;
    int digits = 0;
    while (isdigit((unsigned char)*p)) {
        p++;
        digits++;
    }
    if (*p == '.') {
        p++;
        while (isdigit((unsigned char)*p)) {
            p++;
            digits++;
        }
    }
    if (!digits)
        return -1;
    if (*p == 'e' || *p == 'E') {
        p++;
        if (*p == '+' || *p == '-')
            p++;
        if (!isdigit((unsigned char)*p))
            return -1;
        while (isdigit((unsigned char)*p))
            p++;
    }
    const char *end_num = p;
    while (isspace((unsigned char)*p))
        p++;
    if (*p)
        return -1;
    errno = 0;
    char *e;
    double x = strtod(start, &e);
    if (e != end_num || !isfinite(x))
        return -1;
    *out = x;
    return 0;
}

static const struct {
    const char *name;
    int op;
} op_names[] = {
    {"==", COND_EQ}, {"!=", COND_NE}, {"<", COND_LT}, {"<=", COND_LE}, {">", COND_GT}, {">=", COND_GE},
    {"EQ", COND_EQ}, {"NE", COND_NE}, {"LT", COND_LT}, {"LE", COND_LE}, {"GT", COND_GT}, {"GE", COND_GE},
    {"eq", COND_EQ}, {"ne", COND_NE}, {"lt", COND_LT}, {"le", COND_LE}, {"gt", COND_GT}, {"ge", COND_GE},
};

/* Signed property reference "name" or "-name". */
static saqr_status signed_property(jx_ctx *c, const xmlNode *el, const char *tok, int *slot, double *sign)
{
    *sign = 1.0;
    if (tok[0] == '-') {
        *sign = -1.0;
        tok++;
    }
    int s = jx_property(c, el, tok, PROP_READ);
    if (s < 0)
        return SAQR_EPARSE;
    *slot = s;
    return SAQR_OK;
}

static const int mirrored_op[] = {[COND_EQ] = COND_EQ, [COND_NE] = COND_NE, [COND_LT] = COND_GT,
                                  [COND_LE] = COND_GE, [COND_GT] = COND_LT, [COND_GE] = COND_LE};

/* Sets the fast form of `into` from comparisons kids[0..n) that all have
 * a constant right side; -1 when out of memory. */
static int flatten(jx_ctx *c, const cond *const *kids, int n, cond *into)
{
    cond_leaf *f = arena_array(c->ar, (size_t)n, sizeof *f);
    if (!f)
        return -1;
    for (int i = 0; i < n; i++) {
        const cond *k = kids[i];
        const int neg = k->lhs_sign < 0.0;
        f[i] = (cond_leaf){k->lhs_slot, neg ? mirrored_op[k->op] : k->op,
                           neg ? -k->rhs_value : k->rhs_value};
    }
    into->head.leaf = f;
    into->head.n = n;
    return 0;
}

saqr_status cond_load_line(jx_ctx *c, const xmlNode *el, const char *line, cond **out)
{
    char buf[3 * PROP_NAME_MAX];
    char *tok[4];
    size_t len = strlen(line);
    if (len >= sizeof buf)
        return jx_error(c, el, "condition \"%.60s...\" is too long", line);
    memcpy(buf, line, len + 1);
    const int n = words_split(buf, tok, 4);
    if (n != 3)
        return jx_error(c, el, "condition \"%.100s\" must read \"property operator value\"", line);
    int op = -1;
    for (size_t i = 0; i < sizeof op_names / sizeof op_names[0]; i++)
        if (strcmp(tok[1], op_names[i].name) == 0)
            op = op_names[i].op;
    if (op < 0)
        return jx_error(c, el, "condition \"%.100s\": unknown comparison \"%s\"", line, tok[1]);
    cond *k = arena_alloc(c->ar, sizeof *k);
    if (!k)
        return jx_error(c, el, "out of memory");
    k->op = op;
    if (signed_property(c, el, tok[0], &k->lhs_slot, &k->lhs_sign))
        return SAQR_EPARSE;
    k->rhs_slot = -1;
    k->rhs_sign = 1.0;
    if (cond_parse_number(tok[2], &k->rhs_value) != 0) {
        if (signed_property(c, el, tok[2], &k->rhs_slot, &k->rhs_sign))
            return SAQR_EPARSE;
    }
    if (k->rhs_slot < 0 && flatten(c, (const cond *const *)&k, 1, k))
        return jx_error(c, el, "out of memory");
    *out = k;
    return SAQR_OK;
}

/* Counts the non-blank lines of `text`. */
static int count_lines(const char *text)
{
    int n = 0, blank = 1;
    for (const char *p = text;; p++) {
        if (*p == '\n' || *p == '\0') {
            if (!blank)
                n++;
            blank = 1;
            if (!*p)
                break;
        } else if (!isspace((unsigned char)*p)) {
            blank = 0;
        }
    }
    return n;
}

saqr_status cond_load(jx_ctx *c, const xmlNode *el, cond **out)
{
    const char *logic = jx_attr(c, el, "logic");
    int logic_or = 0;
    if (logic && *logic) {
        if (strcmp(logic, "OR") == 0)
            logic_or = 1;
        else if (strcmp(logic, "AND") != 0)
            return jx_error(c, el, "unknown logic \"%.40s\" (AND or OR)", logic);
    }
    const char *text = jx_text(c, el);
    int nlines = count_lines(text);
    int nchild = jx_count(el, NULL);
    if (nlines + nchild == 0)
        return jx_error(c, el, "<%s> holds no condition", (const char *)el->name);
    cond *g = arena_alloc(c->ar, sizeof *g);
    const cond **kids = arena_array(c->ar, (size_t)(nlines + nchild), sizeof *kids);
    if (!g || !kids)
        return jx_error(c, el, "out of memory");
    g->head.logic_or = logic_or;
    g->kids = kids;
    int k = 0;
    /* one comparison per text line */
    char *copy = arena_strdup(c->ar, text);
    if (!copy)
        return jx_error(c, el, "out of memory");
    for (char *line = copy; line && *line;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        const char *p = line;
        while (isspace((unsigned char)*p))
            p++;
        if (*p) {
            cond *leaf;
            if (cond_load_line(c, el, p, &leaf))
                return SAQR_EPARSE;
            kids[k++] = leaf;
        }
        line = nl ? nl + 1 : NULL;
    }
    for (xmlNode *ch = jx_first(el, NULL); ch; ch = jx_next(ch, NULL)) {
        if (strcmp((const char *)ch->name, (const char *)el->name) != 0)
            return jx_error(c, ch, "<%s> is not allowed inside <%s> (nest <%s> elements)",
                            (const char *)ch->name, (const char *)el->name, (const char *)el->name);
        cond *sub;
        if (cond_load(c, ch, &sub))
            return SAQR_EPARSE;
        kids[k++] = sub;
    }
    g->nkids = k;
    int all_const = 1;
    for (int i = 0; i < k; i++)
        all_const &= kids[i]->nkids == 0 && kids[i]->rhs_slot < 0;
    if (all_const && flatten(c, kids, k, g))
        return jx_error(c, el, "out of memory");
    *out = g;
    return SAQR_OK;
}

static inline int leaf_eval(const cond *k, const double *v)
{
    double a = k->lhs_sign * v[k->lhs_slot];
    double b = k->rhs_slot < 0 ? k->rhs_value : k->rhs_sign * v[k->rhs_slot];
    return cond_compare(k->op, a, b);
}

/* JSBSim evaluates every member of a group; the comparisons having no side
 * effects, stopping at the first one that decides gives the same result.
 * The fast form is evaluated by cond_eval (condition.h) before it calls
 * this. */
int cond_eval_tree(const cond *k, const double *v)
{
    if (k->nkids == 0)
        return leaf_eval(k, v);
    const int stop_on = k->head.logic_or; /* OR stops on a true member, AND on a false one */
    for (int i = 0; i < k->nkids; i++) {
        const cond *kid = k->kids[i];
        int r = kid->nkids > 0 ? cond_eval(kid, v) : leaf_eval(kid, v);
        if (r == stop_on)
            return stop_on;
    }
    return !stop_on;
}
