/*
 * jxml.c - XML access for the JSBSim loaders: parsing with file:line
 * errors, element navigation, attributes and text copied into the arena,
 * numbers with unit conversion, file= includes, warnings.
 * Reference: JSBSim src/input_output/FGXMLElement.cpp, FGXMLParse.cpp,
 * FGModelLoader.cpp (how file= is resolved).
 */
#include "load/jsbsim/jxml.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>

#include "util/file.h"
#include "util/mem.h"

#define JX_MAX_FILE_BYTES ((size_t)1 << 26)
#define XML_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA)

void jx_ctx_close(jx_ctx *c)
{
    for (int i = 0; i < c->ndocs; i++)
        xmlFreeDoc(c->docs[i]);
    c->ndocs = 0;
    jx_templates_free(&c->own_templates);
}

void jx_templates_free(jx_templates *t)
{
    for (int i = 0; i < t->ndocs; i++)
        xmlFreeDoc(t->docs[i]);
    t->ndocs = t->n = 0;
}

static jx_templates *templates_of(jx_ctx *c)
{
    return c->templates ? c->templates : &c->own_templates;
}

saqr_status jx_template_add(jx_ctx *c, const xmlNode *el, const char *name)
{
    jx_templates *t = templates_of(c);
    /* its file moves from this load's documents to the set's */
    xmlDoc *doc = el->doc;
    int kept = 0;
    for (int i = 0; i < t->ndocs; i++)
        kept |= t->docs[i] == doc;
    if (!kept) {
        int at = -1;
        for (int i = 0; i < c->ndocs; i++)
            if (c->docs[i] == doc)
                at = i;
        if (at < 0 || t->ndocs == JX_MAX_DOCS)
            return jx_error(c, el, "template function \"%s\": its file cannot be kept", name);
        t->docs[t->ndocs++] = doc;
        c->docs[at] = c->docs[--c->ndocs];
    }
    for (int i = 0; i < t->n; i++)
        if (!strcmp(t->name[i], name)) {
            t->el[i] = el;
            t->name[i] = name;
            return SAQR_OK;
        }
    if (t->n == JX_MAX_TEMPLATES)
        return jx_error(c, el, "more than %d template functions", JX_MAX_TEMPLATES);
    t->name[t->n] = name;
    t->el[t->n++] = el;
    return SAQR_OK;
}

const xmlNode *jx_template_find(const jx_ctx *c, const char *name)
{
    const jx_templates *t = c->templates ? c->templates : &c->own_templates;
    for (int i = 0; i < t->n; i++)
        if (!strcmp(t->name[i], name))
            return t->el[i];
    return NULL;
}

saqr_status jx_error(jx_ctx *c, const xmlNode *el, const char *fmt, ...)
{
    if (c->err && c->err->msg[0])
        return SAQR_EPARSE;             /* the first error is the useful one */
    char msg[SAQR_ERR_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (el)
        return err_set(c->err, SAQR_EPARSE, "%s:%d: %s", jx_file(el), jx_line(el), msg);
    return err_set(c->err, SAQR_EPARSE, "%s", msg);
}

void jx_warn(jx_ctx *c, const xmlNode *el, const char *fmt, ...)
{
    c->warnings++;
    if (!c->log)
        return;
    char msg[SAQR_ERR_MAX], line[SAQR_ERR_MAX + 300];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (el)
        snprintf(line, sizeof line, "%s:%d: warning: %s", jx_file(el), jx_line(el), msg);
    else
        snprintf(line, sizeof line, "warning: %s", msg);
    c->log(c->log_user, line);
}

xmlNode *jx_load_file(jx_ctx *c, const char *path)
{
    if (c->ndocs >= JX_MAX_DOCS) {
        jx_error(c, NULL, "%s: too many included files (limit %d)", path, JX_MAX_DOCS);
        return NULL;
    }
    char *buf = NULL;
    size_t len = 0;
    const saqr_allocator *a = c->ar->alloc ? c->ar->alloc : mem_default();
    saqr_err ferr;
    err_clear(&ferr);
    saqr_status st = file_read_all(path, a, JX_MAX_FILE_BYTES, &buf, &len, &ferr);
    if (st != SAQR_OK) {
        if (!(c->err && c->err->msg[0]))
            err_set(c->err, st, "%s", ferr.msg);
        return NULL;
    }
    if (len > (size_t)0x7fffffff) {
        mem_free(a, buf);
        jx_error(c, NULL, "%s: file too large", path);
        return NULL;
    }
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (!ctxt) {
        mem_free(a, buf);
        err_set(c->err, SAQR_ENOMEM, "%s: out of memory", path);
        return NULL;
    }
    xmlDoc *doc = xmlCtxtReadMemory(ctxt, buf, (int)len, path, NULL, XML_OPTIONS);
    mem_free(a, buf);
    if (!doc) {
        const char *msg = ctxt->lastError.message;
        int n = msg ? (int)strcspn(msg, "\n") : 0;
        jx_error(c, NULL, "%s:%d: not well-formed XML: %.*s", path, ctxt->lastError.line, n,
                 msg ? msg : "");
        xmlFreeParserCtxt(ctxt);
        return NULL;
    }
    xmlFreeParserCtxt(ctxt);
    xmlNode *root = xmlDocGetRootElement(doc);
    if (!root) {
        xmlFreeDoc(doc);
        jx_error(c, NULL, "%s: no root element", path);
        return NULL;
    }
    c->docs[c->ndocs++] = doc;
    return root;
}

static int file_exists(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return 0;
    fclose(fp);
    return 1;
}

xmlNode *jx_resolve(jx_ctx *c, xmlNode *el, const char *const *dirs)
{
    xmlChar *file = xmlGetProp(el, (const xmlChar *)"file");
    if (!file)
        return el;
    char name[1024];
    size_t n = strlen((const char *)file);
    const char *ext = (n >= 4 && strcasecmp((const char *)file + n - 4, ".xml") == 0) ? "" : ".xml";
    char path[2048];
    int found = 0;
    if (((const char *)file)[0] == '/') {
        snprintf(path, sizeof path, "%s%s", (const char *)file, ext);
        found = file_exists(path);
    }
    for (int i = 0; !found && dirs && dirs[i]; i++) {
        snprintf(path, sizeof path, "%s/%s%s", dirs[i], (const char *)file, ext);
        found = file_exists(path);
    }
    snprintf(name, sizeof name, "%s", (const char *)file);
    xmlFree(file);
    if (!found) {
        jx_error(c, el, "file \"%s\" not found%s%s", name, dirs && dirs[0] ? " in " : "",
                 dirs && dirs[0] ? dirs[0] : "");
        return NULL;
    }
    return jx_load_file(c, path);
}

const char *jx_file(const xmlNode *el)
{
    if (el && el->doc && el->doc->URL)
        return (const char *)el->doc->URL;
    return "?";
}

int jx_line(const xmlNode *el)
{
    return el ? (int)xmlGetLineNo(el) : 0;
}

const char *jx_where(jx_ctx *c, const xmlNode *el)
{
    char buf[1200];
    snprintf(buf, sizeof buf, "%s:%d", jx_file(el), jx_line(el));
    const char *s = arena_strdup(c->ar, buf);
    return s ? s : "?";
}

int jx_is(const xmlNode *el, const char *name)
{
    return el && el->type == XML_ELEMENT_NODE && (!name || strcmp((const char *)el->name, name) == 0);
}

xmlNode *jx_next(const xmlNode *prev, const char *name)
{
    for (xmlNode *n = prev ? prev->next : NULL; n; n = n->next)
        if (jx_is(n, name))
            return n;
    return NULL;
}

xmlNode *jx_first(const xmlNode *parent, const char *name)
{
    if (!parent)
        return NULL;
    for (xmlNode *n = parent->children; n; n = n->next)
        if (jx_is(n, name))
            return n;
    return NULL;
}

int jx_count(const xmlNode *parent, const char *name)
{
    int k = 0;
    for (xmlNode *n = jx_first(parent, name); n; n = jx_next(n, name))
        k++;
    return k;
}

const char *jx_attr(jx_ctx *c, const xmlNode *el, const char *name)
{
    xmlChar *v = xmlGetProp(el, (const xmlChar *)name);
    if (!v)
        return NULL;
    char *s = arena_strdup(c->ar, (const char *)v);
    xmlFree(v);
    return s ? s : "";
}

const char *jx_text(jx_ctx *c, const xmlNode *el)
{
    /* Direct text children only: comments and child elements are skipped. */
    size_t total = 0;
    for (xmlNode *n = el->children; n; n = n->next)
        if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content)
            total += strlen((const char *)n->content);
    char *s = arena_alloc(c->ar, total + 1);
    if (!s)
        return "";
    size_t k = 0;
    for (xmlNode *n = el->children; n; n = n->next)
        if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content) {
            size_t m = strlen((const char *)n->content);
            memcpy(s + k, n->content, m);
            k += m;
        }
    s[k] = '\0';
    char *b = s;
    while (*b && isspace((unsigned char)*b))
        b++;
    char *e = b + strlen(b);
    while (e > b && isspace((unsigned char)e[-1]))
        *--e = '\0';
    return b;
}

/* strtod that accepts only a whole, finite number. */
static int parse_double(const char *s, double *out)
{
    while (*s && isspace((unsigned char)*s))
        s++;
    if (!*s)
        return -1;
    errno = 0;
    char *end;
    double x = strtod(s, &end);
    if (end == s || !isfinite(x))
        return -1;
    while (*end && isspace((unsigned char)*end))
        end++;
    if (*end)
        return -1;
    *out = x;
    return 0;
}

static saqr_status convert_unit(jx_ctx *c, const xmlNode *el, double x, const char *to_unit, double *out)
{
    const char *from = jx_attr(c, el, "unit");
    if (!from || !to_unit || strcasecmp(from, to_unit) == 0) {
        *out = x;
        return SAQR_OK;
    }
    if (jx_convert(x, from, to_unit, out))
        return jx_error(c, el, "<%s>: cannot convert unit \"%s\" to %s", (const char *)el->name, from,
                        to_unit);
    return SAQR_OK;
}

saqr_status jx_number(jx_ctx *c, const xmlNode *el, const char *to_unit, double *out)
{
    /* unit=, plus what a loader reads beside a number: <noise variation=
     * distribution=>, <ki type=>, <rate_limit sense=>. */
    static const char *const number_attrs[] = {"unit", "variation", "distribution", "type", "sense", NULL};
    const char *t = jx_text(c, el);
    double x;
    if (parse_double(t, &x))
        return jx_error(c, el, "<%s>: \"%.60s\" is not a number", (const char *)el->name, t);
    jx_warn_unknown_attrs(c, el, number_attrs);
    return convert_unit(c, el, x, to_unit, out);
}

saqr_status jx_child_number(jx_ctx *c, const xmlNode *parent, const char *name, const char *to_unit,
                            int required, double *out)
{
    const xmlNode *el = jx_first(parent, name);
    if (!el) {
        if (required)
            return jx_error(c, parent, "<%s> needs a <%s> element", (const char *)parent->name, name);
        return SAQR_ENOTFOUND;
    }
    return jx_number(c, el, to_unit, out);
}

saqr_status jx_triplet(jx_ctx *c, const xmlNode *el, const char *to_unit, int angles, double out[3])
{
    static const char *const xyz[3] = {"x", "y", "z"};
    static const char *const rpy[3] = {"roll", "pitch", "yaw"};
    for (int i = 0; i < 3; i++) {
        out[i] = 0.0;
        const xmlNode *k = jx_first(el, xyz[i]);
        if (!k && angles)
            k = jx_first(el, rpy[i]);
        if (!k)
            continue;
        const char *t = jx_text(c, k);
        double x;
        if (parse_double(t, &x))
            return jx_error(c, k, "<%s>: \"%.60s\" is not a number", (const char *)k->name, t);
        /* JSBSim applies the parent's unit to the three components. */
        saqr_status st = convert_unit(c, el, x, to_unit, &out[i]);
        if (st)
            return st;
    }
    return SAQR_OK;
}

saqr_status jx_numbers(jx_ctx *c, const xmlNode *el, double **out, int *count)
{
    const char *t = jx_text(c, el);
    int n = 0;
    const char *p = t;
    while (*p) {
        while (*p && isspace((unsigned char)*p))
            p++;
        if (!*p)
            break;
        n++;
        while (*p && !isspace((unsigned char)*p))
            p++;
    }
    double *a = arena_array(c->ar, n ? (size_t)n : 1, sizeof *a);
    if (!a)
        return err_set(c->err, SAQR_ENOMEM, "%s:%d: out of memory", jx_file(el), jx_line(el));
    p = t;
    for (int i = 0; i < n; i++) {
        while (isspace((unsigned char)*p))
            p++;
        char *end;
        double x = strtod(p, &end);
        if (end == p || !isfinite(x) || (*end && !isspace((unsigned char)*end)))
            return jx_error(c, el, "<%s>: item %d is not a number", (const char *)el->name, i + 1);
        a[i] = x;
        p = end;
    }
    *out = a;
    *count = n;
    return SAQR_OK;
}

void jx_warn_unknown(jx_ctx *c, const xmlNode *el, const char *const *known)
{
    /* Human-readable notes JSBSim ignores everywhere. */
    static const char *const notes[] = {"description", "documentation", "limitation", "note", NULL};
    for (xmlNode *n = jx_first(el, NULL); n; n = jx_next(n, NULL)) {
        int ok = 0;
        for (int i = 0; notes[i]; i++)
            ok |= strcmp((const char *)n->name, notes[i]) == 0;
        for (int i = 0; !ok && known && known[i]; i++)
            if (strcmp((const char *)n->name, known[i]) == 0) {
                ok = 1;
                break;
            }
        if (!ok)
            jx_warn(c, n, "unknown element <%s> in <%s> ignored", (const char *)n->name,
                    (const char *)el->name);
    }
}

void jx_warn_unknown_attrs(jx_ctx *c, const xmlNode *el, const char *const *known)
{
    for (const xmlAttr *a = el->properties; a; a = a->next) {
        if (a->ns)
            continue;   /* xmlns:xsi, xsi:noNamespaceSchemaLocation, ... */
        int ok = 0;
        for (int i = 0; known && known[i]; i++)
            if (strcmp((const char *)a->name, known[i]) == 0) {
                ok = 1;
                break;
            }
        if (!ok)
            jx_warn(c, el, "unknown attribute %s= on <%s> ignored", (const char *)a->name,
                    (const char *)el->name);
    }
}

const char *jx_unmodelled(const char *name)
{
    static const struct {
        const char *name, *what;
    } list[] = {
        {"atmosphere/RH", "humidity"},
        {"atmosphere/dew-point-R", "humidity"},
        {"atmosphere/vapor-pressure-psf", "humidity"},
        {"atmosphere/saturated-vapor-pressure-psf", "humidity"},
        {"atmosphere/vapor-fraction-ppm", "humidity"},
        {"atmosphere/SL-graded-delta-T", "temperature bias graded with altitude"},
    };
    for (size_t i = 0; i < sizeof list / sizeof list[0]; i++)
        if (strcmp(name, list[i].name) == 0)
            return list[i].what;
    return NULL;
}

int jx_property(jx_ctx *c, const xmlNode *el, const char *name, unsigned flags)
{
    const char *p = name ? name : jx_text(c, el);
    char where[1200];
    snprintf(where, sizeof where, "%s:%d", jx_file(el), jx_line(el));
    if (jx_unmodelled(p))
        flags |= PROP_INPUT; /* defined: a plain value, as JSBSim's default 0 */
    int s = prop_intern(c->props, p, flags, where);
    if (s < 0)
        jx_error(c, el, "\"%.100s\" is not a valid property name", p);
    else
        jx_warn_unmodelled(c, el, p);
    return s;
}

int jx_warn_unmodelled(jx_ctx *c, const xmlNode *el, const char *name)
{
    const char *what = jx_unmodelled(name);
    if (what)
        jx_warn(c, el, "\"%s\" is JSBSim's %s, which Saqr does not model: the value is kept but changes nothing",
                name, what);
    return what != NULL;
}
