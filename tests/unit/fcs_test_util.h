/*
 * fcs_test_util.h - a loader context over an in-memory XML snippet for the
 * flight-control tests (test_fcs*.c).
 */
#ifndef SAQR_FCS_TEST_UTIL_H
#define SAQR_FCS_TEST_UTIL_H

#include <libxml/parser.h>
#include <string.h>

#include "fdm/fcs.h"
#include "load/jsbsim/jxml.h"
#include "props/props.h"
#include "test_util.h"

typedef struct fcs_fixture {
    arena ar;
    prop_tree props;
    saqr_err err;
    jx_ctx c;
    fcs *f;
    fdm_env env;
    saqr_rng rng;
} fcs_fixture;

static inline void fx_open(fcs_fixture *x)
{
    memset(x, 0, sizeof *x);
    assert_int_equal(prop_tree_init(&x->props, NULL), SAQR_OK);
    x->c.ar = &x->ar;
    x->c.props = &x->props;
    x->c.err = &x->err;
    rng_seed(&x->rng, 1);
    assert_int_equal(fcs_create(&x->c, &x->f), SAQR_OK);
}

static inline void fx_close(fcs_fixture *x)
{
    jx_ctx_close(&x->c);
    prop_tree_free(&x->props);
    arena_free(&x->ar);
}

/* Parses `xml` (named "test.xml") and returns its root element. */
static inline xmlNode *fx_parse(fcs_fixture *x, const char *xml)
{
    xmlDoc *d = xmlReadMemory(xml, (int)strlen(xml), "test.xml", NULL, XML_PARSE_NONET);
    assert_non_null(d);
    assert_true(x->c.ndocs < JX_MAX_DOCS);
    x->c.docs[x->c.ndocs++] = d;
    return xmlDocGetRootElement(d);
}

/* Loads a system snippet with step dt_s; the test fails on a load error. */
static inline void fx_load(fcs_fixture *x, const char *xml, double dt_s)
{
    xmlNode *root = fx_parse(x, xml);
    saqr_status st = fcs_load(&x->c, x->f, root);
    if (st != SAQR_OK)
        fail_msg("load failed: %s", x->err.msg);
    fcs_set_dt(x->f, dt_s);
    x->env.dt_s = dt_s;
}

static inline int fx_slot(fcs_fixture *x, const char *name)
{
    int s = prop_find(&x->props, name);
    if (s < 0)
        fail_msg("no property %s", name);
    return s;
}

static inline double fx_get(fcs_fixture *x, const char *name)
{
    return x->props.v[fx_slot(x, name)];
}

static inline void fx_set(fcs_fixture *x, const char *name, double value)
{
    x->props.v[prop_intern(&x->props, name, PROP_INPUT, NULL)] = value;
}

static inline void fx_run(fcs_fixture *x, int frames)
{
    for (int i = 0; i < frames; i++)
        fcs_run(x->f, &x->env, x->props.v, &x->rng);
}

#endif
