/*
 * index_name.c - the '#' rule of engine-file property names (see
 * index_name.h).
 *
 * Reference: JSBSim src/math/FGFunction.cpp, FGTable.cpp.
 */
#include "expr/index_name.h"

#include <stdlib.h>
#include <string.h>

int index_name_is_number(const char *s)
{
    if (!s || !*s)
        return 0;
    char *end;
    (void)strtod(s, &end);
    return *end == '\0';
}

int index_name_replace(const char *in, const char *index, char *out, size_t n)
{
    size_t k = 0, pl = strlen(index);
    for (const char *p = in; *p; p++) {
        if (*p == '#') {
            if (k + pl >= n)
                return -1;
            memcpy(out + k, index, pl);
            k += pl;
        } else {
            if (k + 1 >= n)
                return -1;
            out[k++] = *p;
        }
    }
    out[k] = '\0';
    return 0;
}
