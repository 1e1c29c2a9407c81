/*
 * model_load.c - local property declarations and pre/post functions of a
 * JSBSim model section (see model_load.h).
 *
 * Reference: JSBSim src/models/FGModelFunctions.cpp (Load, PreLoad,
 * PostLoad), FGModel.cpp (Upload).
 */
#include "fdm/model_load.h"

#include <stdlib.h>
#include <string.h>

saqr_status model_load_properties(jx_ctx *c, const xmlNode *el)
{
    for (const xmlNode *p = jx_first(el, "property"); p; p = jx_next(p, "property")) {
        int slot = jx_property(c, p, NULL, PROP_INPUT);
        if (slot < 0)
            return SAQR_EPARSE;
        const char *val = jx_attr(c, p, "value");
        if (val)
            c->props->v[slot] = atof(val);
    }
    return SAQR_OK;
}

static int is_kind(jx_ctx *c, const xmlNode *f, int post)
{
    const char *t = jx_attr(c, f, "type");
    return post ? (t && !strcmp(t, "post")) : (!t || !strcmp(t, "pre"));
}

saqr_status model_load_functions(jx_ctx *c, const xmlNode *el, int post, jfunc ***out, int *n)
{
    int count = 0;
    for (const xmlNode *f = jx_first(el, "function"); f; f = jx_next(f, "function"))
        count += is_kind(c, f, post);
    *out = arena_array(c->ar, (size_t)(count ? count : 1), sizeof **out);
    if (!*out)
        return err_set(c->err, SAQR_ENOMEM, "out of memory");
    *n = 0;
    for (const xmlNode *f = jx_first(el, "function"); f; f = jx_next(f, "function")) {
        int t = jfunc_template_take(c, f);
        if (t < 0)
            return SAQR_EPARSE;
        if (t || !is_kind(c, f, post))
            continue;
        saqr_status st = jfunc_load(c, f, &(*out)[*n]);
        if (st)
            return st;
        (*n)++;
    }
    return SAQR_OK;
}
