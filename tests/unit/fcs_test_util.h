/*
 * fcs_test_util.h - the flight-control fixture of test_fcs*.c: a
 * jsb_fixture (loader context, property tree) with an fcs, its frame
 * environment and random generator, and helpers to load a system snippet,
 * read and write properties and run frames.
 */
#ifndef SAQR_FCS_TEST_UTIL_H
#define SAQR_FCS_TEST_UTIL_H

#include "fdm/fcs.h"
#include "jsb_fixture.h"

typedef struct fcs_fixture {
    jsb_fixture j;
    fcs *f;
    fdm_env env;
    saqr_rng rng;
} fcs_fixture;

static inline void fx_open(fcs_fixture *x)
{
    memset(x, 0, sizeof *x);
    jsb_open(&x->j);
    rng_seed(&x->rng, 1);
    assert_int_equal(fcs_create(&x->j.c, &x->f), SAQR_OK);
}

static inline void fx_close(fcs_fixture *x)
{
    jsb_close(&x->j);
}

/* Loads a system snippet with step dt_s; the test fails on a load error. */
static inline void fx_load(fcs_fixture *x, const char *xml, double dt_s)
{
    if (fcs_load(&x->j.c, x->f, jsb_parse(&x->j, xml)) != SAQR_OK)
        fail_msg("load failed: %s", x->j.err.msg);
    fcs_set_dt(x->f, dt_s);
    x->env.dt_s = dt_s;
}

/* fx_open then fx_load. */
static inline void fx_open_with(fcs_fixture *x, const char *xml, double dt_s)
{
    fx_open(x);
    fx_load(x, xml, dt_s);
}

static inline int fx_slot(fcs_fixture *x, const char *name)
{
    return jsb_slot(&x->j, name);
}

static inline double fx_get(fcs_fixture *x, const char *name)
{
    return jsb_get(&x->j, name);
}

/* Writes `name`, declaring it an input when nothing uses it yet. */
static inline void fx_set(fcs_fixture *x, const char *name, double value)
{
    x->j.props.v[prop_intern(&x->j.props, name, PROP_INPUT, NULL)] = value;
}

static inline void fx_run(fcs_fixture *x, int frames)
{
    for (int i = 0; i < frames; i++)
        fcs_run(x->f, &x->env, x->j.props.v, &x->rng);
}

#endif
