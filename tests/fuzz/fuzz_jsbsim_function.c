// seeds: reference/jsbsim/aircraft/c172x/c172x.xml reference/jsbsim/aircraft/f16/f16.xml reference/jsbsim/engine/*.xml
/*
 * fuzz_jsbsim_function.c - libFuzzer driver for JSBSim <function> and
 * <table> loading and evaluation (src/expr).  Parses the input as XML; a
 * <function> root is loaded as one function, any other document has each
 * of its <function> elements and stand-alone <table> elements loaded (so
 * whole aircraft files are useful seeds).  Everything that loads is
 * evaluated with the properties set to a few probe values, extremes and
 * NaN included.  Any crash, leak, sanitizer report or timeout is a bug.
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>

#include <libxml/parser.h>

#include "expr/func.h"
#include "expr/table.h"

#define MAX_LOADED 64

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct loaded {
    jfunc *f[MAX_LOADED];
    jtable *t[MAX_LOADED];
    int nf, nt;
} loaded;

static void load_all(jx_ctx *c, const xmlNode *el, loaded *L, int depth)
{
    for (xmlNode *n = jx_first(el, NULL); n && depth < 64; n = jx_next(n, NULL)) {
        if (jx_is(n, "function")) {
            if (L->nf < MAX_LOADED && jfunc_load(c, n, &L->f[L->nf]) == SAQR_OK)
                L->nf++;
        } else if (jx_is(n, "table")) {
            if (L->nt < MAX_LOADED && jtable_load(c, n, &L->t[L->nt]) == SAQR_OK)
                L->nt++;
        } else {
            load_all(c, n, L, depth + 1);
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > (size_t)1 << 20)
        return 0;
    xmlDoc *doc = xmlReadMemory((const char *)data, (int)size, "fuzz.xml", NULL,
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!doc)
        return 0;
    arena ar = {0};
    prop_tree props;
    saqr_err err = {{0}};
    jx_ctx c = {0};
    if (prop_tree_init(&props, NULL) != SAQR_OK) {
        xmlFreeDoc(doc);
        return 0;
    }
    c.ar = &ar;
    c.props = &props;
    c.err = &err;
    c.docs[c.ndocs++] = doc;

    loaded L = {0};
    xmlNode *root = xmlDocGetRootElement(doc);
    if (jx_is(root, "function")) {
        if (jfunc_load(&c, root, &L.f[0]) == SAQR_OK)
            L.nf = 1;
    } else if (jx_is(root, "table")) {
        if (jtable_load(&c, root, &L.t[0]) == SAQR_OK)
            L.nt = 1;
    } else if (root) {
        load_all(&c, root, &L, 0);
    }

    static const double probes[] = {0.0, -1.5, 3.25, 1e6, -1e300, NAN, INFINITY};
    saqr_rng rng;
    rng_seed(&rng, 1);
    double sum = 0.0;
    for (size_t p = 0; p < sizeof probes / sizeof probes[0]; p++) {
        for (int s = 0; s < props.count; s++)
            props.v[s] = probes[p] * (double)(s % 5 + 1);
        for (int i = 0; i < L.nf; i++) {
            sum += jfunc_eval(L.f[i], props.v, &rng);
            (void)jfunc_output(L.f[i]);
            (void)jfunc_is_constant(L.f[i]);
            (void)jfunc_is_random(L.f[i]);
        }
        for (int i = 0; i < L.nt; i++) {
            sum += jtable_eval(L.t[i], props.v);
            sum += jtable_lookup(L.t[i], probes[p], -probes[p], probes[p] * 0.5);
        }
    }
    (void)sum;
    jx_ctx_close(&c);
    prop_tree_free(&props);
    arena_free(&ar);
    return 0;
}
