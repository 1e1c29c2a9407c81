/*
 * model_load.h - loading steps shared by the JSBSim model sections that
 * carry their own property declarations and functions (<aerodynamics>,
 * <buoyant_forces>): JSBSim's FGModelFunctions and the local <property>
 * elements of FGModel::Upload.
 *
 * Reference: JSBSim src/models/FGModelFunctions.cpp, FGModel.cpp.
 */
#ifndef SAQR_FDM_MODEL_LOAD_H
#define SAQR_FDM_MODEL_LOAD_H

#include <libxml/tree.h>

#include "expr/func.h"
#include "load/jsbsim/jxml.h"

/* Interns each <property [value=]>name</property> child of `el` as an
 * input, setting it to `value` when given.  Returns SAQR_OK, or the error
 * (file:line recorded) of the first property that cannot be created. */
saqr_status model_load_properties(jx_ctx *c, const xmlNode *el);

/* Loads the <function> children of `el` of one kind: `post` 0 takes those
 * whose type is absent or "pre", 1 those of type "post" (others are left
 * out).  *out is an arena array (at least one element) of *n functions.
 * Returns SAQR_OK or the first error. */
saqr_status model_load_functions(jx_ctx *c, const xmlNode *el, int post, jfunc ***out, int *n);

#endif
