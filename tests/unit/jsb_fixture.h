/*
 * jsb_fixture.h - the loader context shared by the JSBSim-side unit tests:
 * an arena, a property tree and a jx_ctx wired together, warnings kept as
 * text, XML given as a string (parsed in memory or written to a temporary
 * file), the reference JSBSim tree found through SAQR_SHARED, and property
 * access that fails the test on a name that does not exist.
 *
 * Usage: embed a jsb_fixture in the test's own fixture (or use it alone),
 * jsb_open it, load, check, jsb_close it.  Every helper that can go wrong
 * fails the running cmocka test with the loader's message.
 */
#ifndef SAQR_JSB_FIXTURE_H
#define SAQR_JSB_FIXTURE_H

#include <libxml/parser.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "load/jsbsim/jxml.h"
#include "props/props.h"
#include "test_util.h"
#include "util/arena.h"

/* File name of snippets parsed from memory, as error messages show it. */
#define JSB_SNIPPET "t.xml"

typedef struct jsb_fixture {
    arena ar;
    prop_tree props;
    saqr_err err;
    jx_ctx c;
    char warnings[2048]; /* every warning, one a line (truncated when full) */
    char root[512];      /* reference JSBSim root, once jsb_load_aircraft ran */
    char acdir[1024];    /* root/aircraft/NAME                                */
} jsb_fixture;

/* jx_log_fn appending the message to the fixture's warnings. */
static inline void jsb_collect_warning(void *user, const char *msg)
{
    jsb_fixture *f = user;
    size_t n = strlen(f->warnings);
    snprintf(f->warnings + n, sizeof f->warnings - n, "%s\n", msg);
}

/* An empty property tree and a loader context over it. */
static inline void jsb_open(jsb_fixture *f)
{
    memset(f, 0, sizeof *f);
    assert_int_equal(prop_tree_init(&f->props, NULL), SAQR_OK);
    f->c.ar = &f->ar;
    f->c.props = &f->props;
    f->c.err = &f->err;
    f->c.log = jsb_collect_warning;
    f->c.log_user = f;
}

/* Frees the parsed documents, the tree and the arena. */
static inline void jsb_close(jsb_fixture *f)
{
    jx_ctx_close(&f->c);
    prop_tree_free(&f->props);
    arena_free(&f->ar);
}

/* A heap fixture, for cmocka states and tests that make many. */
static inline jsb_fixture *jsb_new(void)
{
    jsb_fixture *f = malloc(sizeof *f);
    assert_non_null(f);
    jsb_open(f);
    return f;
}

static inline void jsb_free(jsb_fixture *f)
{
    jsb_close(f);
    free(f);
}

/* Parses `xml` as the file JSB_SNIPPET; the document lives until close. */
static inline xmlNode *jsb_parse(jsb_fixture *f, const char *xml)
{
    xmlDoc *doc = xmlReadMemory(xml, (int)strlen(xml), JSB_SNIPPET, NULL, XML_PARSE_NONET | XML_PARSE_HUGE);
    assert_non_null(doc);
    assert_true(f->c.ndocs < JX_MAX_DOCS);
    f->c.docs[f->c.ndocs++] = doc;
    return xmlDocGetRootElement(doc);
}

/* test_write_temp (test_util.h), by the name these tests know. */
static inline const char *jsb_write_temp(char *path, const char *text)
{
    return test_write_temp(path, text);
}

/* Loads `text` through a real file (so messages carry its path, as for an
 * aircraft file), removing the file again; the root element, or the test
 * fails with the loader's message. */
static inline xmlNode *jsb_load_text(jsb_fixture *f, const char *text)
{
    char path[] = "/tmp/saqr_jsb_XXXXXX";
    xmlNode *root = jx_load_file(&f->c, jsb_write_temp(path, text));
    remove(path);
    if (!root)
        fail_msg("%s", f->err.msg);
    return root;
}

/* "<shared>/reference/jsbsim/<rel>" into buf. */
static inline const char *jsb_reference_path(char *buf, size_t n, const char *rel)
{
    snprintf(buf, n, "%s/reference/jsbsim/%s", test_shared_dir(), rel);
    return buf;
}

/* Loads reference/jsbsim/<rel>; skips the test when the reference data
 * are not there and fails it on a load error. */
static inline xmlNode *jsb_load_reference(jsb_fixture *f, const char *rel)
{
    char path[1024];
    jsb_reference_path(path, sizeof path, rel);
    if (access(path, R_OK) != 0)
        skip();
    xmlNode *root = jx_load_file(&f->c, path);
    if (!root)
        fail_msg("%s", f->err.msg);
    return root;
}

/* Loads one element, returning nonzero on a load error. */
typedef int (*jsb_element_fn)(jsb_fixture *f, xmlNode *el);

/* Calls `load` on every element named `name` below `el`, without looking
 * inside those or inside elements named `skip` (may be NULL); adds them to
 * `*count`.  Nonzero as soon as a load fails. */
static inline int jsb_load_each(jsb_fixture *f, xmlNode *el, const char *name, const char *skip,
                                jsb_element_fn load, int *count)
{
    for (xmlNode *n = jx_first(el, NULL); n; n = jx_next(n, NULL)) {
        if (skip && jx_is(n, skip))
            continue;
        if (jx_is(n, name)) {
            if (load(f, n))
                return -1;
            (*count)++;
        } else if (jsb_load_each(f, n, name, skip, load, count)) {
            return -1;
        }
    }
    return 0;
}

/* jsb_load_each over the `n` reference files reference/jsbsim/<rel>, each
 * in a fresh fixture; the test fails with the loader's message on an
 * error and is skipped when the reference data are absent.  Returns how
 * many elements loaded. */
static inline int jsb_load_each_in_references(const char *const *rel, size_t n, const char *name,
                                              const char *skip, jsb_element_fn load)
{
    int total = 0;
    for (size_t i = 0; i < n; i++) {
        char path[1024];
        if (access(jsb_reference_path(path, sizeof path, rel[i]), R_OK) != 0)
            skip(); /* before allocating: a skip does not return */
        jsb_fixture *f = jsb_new();
        if (jsb_load_each(f, jsb_load_reference(f, rel[i]), name, skip, load, &total))
            fail_msg("%s: %s", rel[i], f->err.msg);
        jsb_free(f);
    }
    return total;
}

/* Points the context at the reference JSBSim root (for engine/ and
 * systems/ look-ups) without loading anything. */
static inline void jsb_use_reference_root(jsb_fixture *f)
{
    snprintf(f->root, sizeof f->root, "%s/reference/jsbsim", test_shared_dir());
    f->c.root_dir = f->root;
}

/* Loads aircraft/<name>/<name>.xml of the reference tree with the root
 * and aircraft directories set as JSBSim's loader has them; the test
 * fails (not skips) when it cannot. */
static inline xmlNode *jsb_load_aircraft(jsb_fixture *f, const char *name)
{
    jsb_use_reference_root(f);
    snprintf(f->acdir, sizeof f->acdir, "%s/aircraft/%s", f->root, name);
    f->c.aircraft_dir = f->acdir;
    char path[1300];
    snprintf(path, sizeof path, "%s/%s.xml", f->acdir, name);
    xmlNode *root = jx_load_file(&f->c, path);
    if (!root)
        fail_msg("%s", f->err.msg);
    return root;
}

/* Fails the test unless the loader's message contains `expect`. */
static inline void jsb_assert_error(const jsb_fixture *f, const char *expect)
{
    if (!strstr(f->err.msg, expect))
        fail_msg("got \"%s\", expected \"%s\"", f->err.msg, expect);
}

/* Slot of an existing property; the test fails when there is none. */
static inline int jsb_slot(const jsb_fixture *f, const char *name)
{
    int s = prop_find(&f->props, name);
    if (s < 0)
        fail_msg("no property %s", name);
    return s;
}

static inline double *jsb_prop(jsb_fixture *f, const char *name)
{
    return &f->props.v[jsb_slot(f, name)];
}

static inline double jsb_get(const jsb_fixture *f, const char *name)
{
    return f->props.v[jsb_slot(f, name)];
}

static inline void jsb_set(jsb_fixture *f, const char *name, double x)
{
    f->props.v[jsb_slot(f, name)] = x;
}

#endif
