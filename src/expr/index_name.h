/*
 * index_name.h - JSBSim's '#' rule for the property names of engine files:
 * when a table or function is loaded for engine i, every '#' in the names
 * it reads or writes stands for i ("propulsion/engine[#]/n1" ->
 * "propulsion/engine[2]/n1").  Shared by the table and function loaders.
 *
 * Reference: JSBSim src/math/FGFunction.cpp (replace of "#" with the
 * prefix), FGTable.cpp, FGPropertyValue.cpp.
 */
#ifndef SAQR_EXPR_INDEX_NAME_H
#define SAQR_EXPR_INDEX_NAME_H

#include <stddef.h>

/* 1 when `s` is a non-empty string that is a whole number (strtod reads it
 * to the end), as an engine index prefix must be; 0 otherwise. */
int index_name_is_number(const char *s);

/* Copies `in` to `out` (n bytes) with every '#' replaced by `index`.
 * Returns 0, or -1 when the result does not fit (out is then unusable). */
int index_name_replace(const char *in, const char *index, char *out, size_t n);

#endif
