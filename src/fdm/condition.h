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

/* 1 when the condition holds at property values v, else 0.  Can't fail. */
int cond_eval(const cond *k, const double *v);

#endif
