/*
 * fcs_switch.c - the logic components of a JSBSim flight control system:
 * switch (first passing <test> gives the value, else <default>, else 0),
 * distributor (cases setting properties; exclusive stops at the first
 * passing test, cases without test always apply) and fcs_function (a
 * <function> value, times the first <input> when one is given).
 * Reference: JSBSim src/models/flight_control/FGSwitch.cpp,
 * FGDistributor.cpp, FGFCSFunction.cpp.
 */
#include <string.h>

#include "fdm/fcs_internal.h"

/* --- switch ------------------------------------------------------------ */

static saqr_status test_value(jx_ctx *c, const xmlNode *t, const fcs_comp *k, fcs_param *p)
{
    const char *value = jx_attr(c, t, "value");
    if (!value || !*value)
        return jx_error(c, t, "<%s> of switch \"%s\" needs a value=", (const char *)t->name, k->name);
    return fcs_param_load(c, t, value, p);
}

saqr_status fcs_switch_load(jx_ctx *c, const xmlNode *el, fcs_comp *k)
{
    fcs_switch *s = &k->u.sw;
    const xmlNode *dflt = jx_first(el, "default");
    int n = jx_count(el, "test") + (dflt ? 1 : 0);
    s->tests = n ? arena_array(c->ar, (size_t)n, sizeof *s->tests) : NULL;
    if (n && !s->tests)
        return jx_error(c, el, "out of memory");
    int i = 0;
    /* JSBSim keeps the default first wherever it is written; it only
     * supplies the value when no test passes. */
    if (dflt) {
        s->tests[i].test = NULL;
        if (test_value(c, dflt, k, &s->tests[i].value))
            return SAQR_EPARSE;
        s->has_default = 1;
        i++;
    }
    for (xmlNode *t = jx_first(el, "test"); t; t = jx_next(t, "test"), i++) {
        cond *kc;
        if (cond_load(c, t, &kc))
            return SAQR_EPARSE;
        s->tests[i].test = kc;
        if (test_value(c, t, k, &s->tests[i].value))
            return SAQR_EPARSE;
    }
    s->ntests = i;
    return SAQR_OK;
}

/* fcs_switch_run is inline in fcs_internal.h (the channel loop). */

/* --- distributor ------------------------------------------------------- */

saqr_status fcs_distributor_load(jx_ctx *c, const xmlNode *el, fcs_comp *k)
{
    fcs_distributor *d = &k->u.dist;
    const char *type = jx_attr(c, el, "type");
    if (type && strcmp(type, "inclusive") == 0)
        d->exclusive = 0;
    else if (type && strcmp(type, "exclusive") == 0)
        d->exclusive = 1;
    else
        return jx_error(c, el, "distributor \"%s\": type must be \"inclusive\" or \"exclusive\"", k->name);
    int n = jx_count(el, "case");
    d->cases = n ? arena_array(c->ar, (size_t)n, sizeof *d->cases) : NULL;
    if (n && !d->cases)
        return jx_error(c, el, "out of memory");
    int i = 0;
    for (xmlNode *ce = jx_first(el, "case"); ce; ce = jx_next(ce, "case"), i++) {
        fcs_distributor_case *cs = &d->cases[i];
        const xmlNode *t = jx_first(ce, "test");
        if (t) {
            cond *kc;
            if (cond_load(c, t, &kc))
                return SAQR_EPARSE;
            cs->test = kc;
        }
        int m = jx_count(ce, "property");
        cs->pairs = m ? arena_array(c->ar, (size_t)m, sizeof *cs->pairs) : NULL;
        if (m && !cs->pairs)
            return jx_error(c, ce, "out of memory");
        int j = 0;
        for (xmlNode *p = jx_first(ce, "property"); p; p = jx_next(p, "property"), j++) {
            const char *value = jx_attr(c, p, "value");
            if (!value || !*value)
                return jx_error(c, p, "distributor <property> needs a value=");
            cs->pairs[j].slot = jx_property(c, p, NULL, PROP_PRODUCED);
            if (cs->pairs[j].slot < 0 || fcs_param_load(c, p, value, &cs->pairs[j].value))
                return SAQR_EPARSE;
        }
        cs->npairs = j;
    }
    d->ncases = i;
    return SAQR_OK;
}

static void apply_case(const fcs_distributor_case *cs, double *v)
{
    for (int j = 0; j < cs->npairs; j++)
        v[cs->pairs[j].slot] = fcs_param_get(&cs->pairs[j].value, v);
}

void fcs_distributor_run(const fcs_comp *k, const fcs_frame *fr)
{
    const fcs_distributor *d = &k->u.dist;
    int completed = 0;
    for (int i = 0; i < d->ncases; i++) {
        const fcs_distributor_case *cs = &d->cases[i];
        if (cs->test) {
            if (cond_eval(cs->test, fr->v) && !(d->exclusive && completed)) {
                apply_case(cs, fr->v);
                completed = 1;
            }
        } else {
            apply_case(cs, fr->v);
        }
    }
}
