/*
 * propulsion_fixture.h - a propulsion section loaded from inline XML, at
 * rest at sea level on the standard day, for the engine tests that check
 * one engine type against its JSBSim formulas (test_bldc, test_rocket,
 * test_turboprop).
 */
#ifndef SAQR_TEST_PROPULSION_FIXTURE_H
#define SAQR_TEST_PROPULSION_FIXTURE_H

#include "jsb_fixture.h"

#include "atmos/us1976.h"
#include "fdm/fdm_air.h"
#include "fdm/propulsion.h"
#include "math/units.h"

typedef struct prop_fixture {
    jsb_fixture j;
    propulsion *p;
    fdm_env env;
} prop_fixture;

/* Loads `xml` (a <propulsion> element); fails the test on a load error.
 * The frame step is dt_s. */
static inline prop_fixture *prop_fixture_load(const char *xml, double dt_s)
{
    prop_fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    jsb_open(&f->j);
    if (propulsion_load(&f->j.c, jsb_load_text(&f->j, xml), &f->p) != SAQR_OK)
        fail_msg("%s", f->j.err.msg);
    us1976(0.0, &f->env.atmos);
    fdm_env_standard_sea_level(&f->env);
    f->env.dt_s = dt_s;
    f->env.gravity_mps2 = G0_MPS2;
    return f;
}

static inline void prop_fixture_free(prop_fixture *f)
{
    jsb_close(&f->j);
    free(f);
}

static inline double prop_get(prop_fixture *f, const char *name)
{
    return jsb_get(&f->j, name);
}

/* One propulsion frame. */
static inline void prop_step(prop_fixture *f)
{
    fdm_forces out;
    memset(&out, 0, sizeof out);
    propulsion_run(f->p, &f->env, f->j.props.v, &out);
}

#endif
