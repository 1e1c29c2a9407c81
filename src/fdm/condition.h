/*
 * condition.h - JSBSim's test conditions (FGCondition), compiled at load
 * time to a small tree over property slots.
 *
 * Syntax, as in <test>, <condition> and switch/distributor elements: each
 * non-empty text line of the element is one comparison "lhs op rhs", where
 * lhs is a property (a leading '-' negates it), op one of == != < <= > >=
 * or EQ NE LT LE GT GE (either case), and rhs a number or a property (with
 * optional '-').  Child elements carrying the same tag as their parent are
 * nested groups.  A group's logic= attribute is "AND" (default) or "OR".
 * An empty group is an error, as are unknown operators, malformed lines,
 * unknown logic tokens and children with another tag.
 *
 * Evaluation reads only the value array: no allocation, no name look-up.
 * Reference: JSBSim src/math/FGCondition.cpp.
 */
#ifndef SAQR_FDM_CONDITION_H
#define SAQR_FDM_CONDITION_H

#include <libxml/tree.h>

#include "load/jsbsim/jxml.h"

typedef struct cond cond;

/* Comparison operators. */
typedef enum cond_op { COND_EQ, COND_NE, COND_LT, COND_LE, COND_GT, COND_GE } cond_op;

/* A comparison of the property in `slot` with a constant (a leading '-'
 * folded into the operator and the constant). */
typedef struct cond_leaf {
    int slot;
    int op;                 /* cond_op                                    */
    double value;
} cond_leaf;

/* The first member of every condition.  n > 0 when all its members are
 * such comparisons (the fast form, evaluated inline by cond_eval). */
typedef struct cond_flat {
    int n;                  /* comparisons in `leaf`, or 0               */
    int logic_or;           /* 1: OR of the members, 0: AND              */
    const cond_leaf *leaf;
} cond_flat;

/* Compiles the condition element `condition_el` (memory from c->ar;
 * properties interned as read).  SAQR_EPARSE with file:line on bad input;
 * *out is untouched then. */
saqr_status cond_load(jx_ctx *c, const xmlNode *condition_el, cond **out);

/* Compiles one comparison line ("prop ge 3"); `el` gives file:line for
 * errors.  Used by cond_load and for single-line tests. */
saqr_status cond_load_line(jx_ctx *c, const xmlNode *el, const char *line, cond **out);

/* Parses `s` as JSBSim reads a number in a parameter (decimal digits,
 * optional sign, fraction and exponent, surrounding spaces; no inf, nan or
 * hex).  Returns 0, or -1 when `s` is not such a number (then it names a
 * property). */
int cond_parse_number(const char *s, double *out);

/* cond_eval for a condition without the fast form (a tree). */
int cond_eval_tree(const cond *k, const double *v);

/* 1 when `a op b` holds. */
static inline int cond_compare(int op, double a, double b)
{
    switch (op) {
    case COND_EQ: return a == b;
    case COND_NE: return a != b;
    case COND_LT: return a < b;
    case COND_LE: return a <= b;
    case COND_GT: return a > b;
    default: return a >= b;
    }
}

/* 1 when comparison l holds at property values v. */
static inline int cond_leaf_true(const cond_leaf *l, const double *v)
{
    return cond_compare(l->op, v[l->slot], l->value);
}

/* 1 when the condition holds at property values v, else 0.  Can't fail.
 * Members are evaluated in order until one decides (JSBSim evaluates
 * them all; they have no side effects). */
static inline int cond_eval(const cond *k, const double *v)
{
    const cond_flat *h = (const cond_flat *)(const void *)k; /* first member */
    if (h->n <= 0)
        return cond_eval_tree(k, v);
    const int stop_on = h->logic_or; /* OR stops on a true member, AND on a false one */
    for (const cond_leaf *l = h->leaf, *end = l + h->n; l < end; l++)
        if (cond_leaf_true(l, v) == stop_on)
            return stop_on;
    return !stop_on;
}

#endif
