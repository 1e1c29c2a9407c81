/*
 * fdm_util.h - helpers for tests that fly JSBSim aircraft through the
 * public saqr_fdm API: JSBSim's c172x in flight, and property reads and
 * writes by name that fail the test when the property does not exist.
 */
#ifndef SAQR_TEST_FDM_UTIL_H
#define SAQR_TEST_FDM_UTIL_H

#include "test_util.h"

#include "saqr.h"

/* A JSBSim aircraft of the shared reference root with one of its
 * initialisation files loaded, not yet run (properties set now reach the
 * initial conditions); the caller destroys it. */
static inline saqr_fdm *fdm_reference_aircraft_loaded(const char *aircraft, const char *initfile)
{
    char root[1024];
    test_shared_path(root, sizeof root, "reference/jsbsim");
    saqr_fdm *f = saqr_fdm_create(NULL);
    assert_non_null(f);
    assert_int_equal(saqr_fdm_load_aircraft(f, root, aircraft), SAQR_OK);
    assert_int_equal(saqr_fdm_load_initfile(f, initfile), SAQR_OK);
    return f;
}

/* The same, initialised. */
static inline saqr_fdm *fdm_reference_aircraft(const char *aircraft, const char *initfile)
{
    saqr_fdm *f = fdm_reference_aircraft_loaded(aircraft, initfile);
    assert_int_equal(saqr_fdm_init(f), SAQR_OK);
    return f;
}

/* The aircraft NAME of a JSBSim root, loaded, not yet initialised; the
 * test fails with the loader's message otherwise.  The caller destroys
 * it. */
static inline saqr_fdm *fdm_aircraft_in(const char *root, const char *name)
{
    saqr_fdm *f = saqr_fdm_create(NULL);
    assert_non_null(f);
    if (saqr_fdm_load_aircraft(f, root, name) != SAQR_OK)
        fail_msg("%s: %s", name, saqr_fdm_error(f));
    return f;
}

/* A script of a JSBSim root (REL under ROOT), loaded, not yet
 * initialised (properties set now reach the initial conditions); the
 * test fails with the loader's message otherwise.  The caller destroys
 * it. */
static inline saqr_fdm *fdm_script_in_loaded(const char *root, const char *rel)
{
    char path[2048];
    snprintf(path, sizeof path, "%s/%s", root, rel);
    saqr_fdm *f = saqr_fdm_create(NULL);
    assert_non_null(f);
    if (saqr_fdm_load_script(f, root, path) != SAQR_OK)
        fail_msg("%s: %s", rel, saqr_fdm_error(f));
    return f;
}

/* The same, initialised. */
static inline saqr_fdm *fdm_script_in(const char *root, const char *rel)
{
    saqr_fdm *f = fdm_script_in_loaded(root, rel);
    if (saqr_fdm_init(f) != SAQR_OK)
        fail_msg("%s: %s", rel, saqr_fdm_error(f));
    return f;
}

/* A script of the shared reference root (scripts/NAME.xml), loaded, not
 * yet initialised. */
static inline saqr_fdm *fdm_reference_script_loaded(const char *name)
{
    char root[1024], rel[256];
    test_shared_path(root, sizeof root, "reference/jsbsim");
    snprintf(rel, sizeof rel, "scripts/%s.xml", name);
    return fdm_script_in_loaded(root, rel);
}

/* The same, initialised. */
static inline saqr_fdm *fdm_reference_script(const char *name)
{
    saqr_fdm *f = fdm_reference_script_loaded(name);
    if (saqr_fdm_init(f) != SAQR_OK)
        fail_msg("scripts/%s.xml: %s", name, saqr_fdm_error(f));
    return f;
}

/* JSBSim's c172x at reset01 (4,000 ft, 100 kt). */
static inline saqr_fdm *fdm_c172_in_flight(void)
{
    return fdm_reference_aircraft("c172x", "reset01");
}

static inline double fdm_get(saqr_fdm *f, const char *name)
{
    int s = saqr_fdm_property(f, name);
    if (s < 0)
        fail_msg("no property %s", name);
    return saqr_fdm_get(f, s);
}

static inline void fdm_set(saqr_fdm *f, const char *name, double x)
{
    int s = saqr_fdm_property(f, name);
    if (s < 0 || saqr_fdm_set(f, s, x) != SAQR_OK)
        fail_msg("cannot set %s", name);
}

/* JSBSim's F-16 (from an initialisation file on the runway) at 8,000 ft
 * and 300 kt, its engine running and its gear selected up. */
static inline saqr_fdm *fdm_reference_f16_in_flight(const char *initfile)
{
    saqr_fdm *f = fdm_reference_aircraft_loaded("f16", initfile);
    fdm_set(f, "ic/h-sl-ft", 8000.0);
    fdm_set(f, "ic/vc-kts", 300.0);
    fdm_set(f, "propulsion/set-running", -1.0);
    assert_int_equal(saqr_fdm_init(f), SAQR_OK);
    fdm_set(f, "gear/gear-cmd-norm", 0.0);
    return f;
}

#endif
