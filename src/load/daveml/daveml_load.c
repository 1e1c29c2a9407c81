/*
 * daveml_load.c - the entry points daveml_load_file/daveml_load_memory:
 * parse the XML with libxml2, walk the DAVEfunc element and build the
 * model (see daveml_internal.h for its layout).
 *
 * The walk runs in passes so that nothing depends on the order of the
 * file's elements beyond what DAVE-ML itself fixes: all variableDefs (and
 * the varID index), then breakpointDefs, top-level griddedTableDefs and
 * ungriddedTableDefs, calculations, functions, the evaluation order, and
 * finally checkData.
 *
 * Parsing untrusted text: the network is never used (XML_PARSE_NONET) and
 * no DTD is loaded (the files name http://www.daveml.org DTDs); entities
 * are not substituted (no XML_PARSE_NOENT) and any remaining entity
 * reference is rejected, so only the predefined XML entities and
 * character references are understood.  libxml2 reports nothing on
 * stderr (XML_PARSE_NOERROR/NOWARNING): its message goes into `err`.
 * The text must be UTF-8 (ASCII is UTF-8): the encoding is forced and the
 * declared one ignored (XML_PARSE_IGNORE_ENC), because libxml2 2.9 reports
 * failed encoding conversions on stderr, bypassing the parser context.
 * libxml2 allocates its own tree with its own allocator; the model itself
 * is allocated only through the caller's.  xmlCleanupParser is never
 * called (it is process-wide).
 *
 * References: DAVE-ML 2.0 reference manual (DAVEfunc, variableDef);
 * libxml2 parser.h (xmlCtxtReadMemory, xmlParserOption).
 */
#include "load/daveml/daveml_internal.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include "util/file.h"
#include "util/mem.h"

#define XML_OPTIONS                                                                        \
    (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES |       \
     XML_PARSE_IGNORE_ENC)

/* Rejects every entity reference in the element tree under `root` (in
 * content and in attribute values), so later code sees plain text only. */
static saqr_status check_no_entities(dml_ctx *c, const xmlNode *root)
{
    const xmlNode *n = root;
    while (n) {
        if (n->type == XML_ENTITY_REF_NODE)
            return err_set(c->err, SAQR_EPARSE,
                           "%s:%ld: entity reference '&%.40s;' is not supported (only the predefined "
                           "XML entities and character references are)",
                           c->file, dml_line(n->parent), n->name ? (const char *)n->name : "");
        if (n->type == XML_ELEMENT_NODE) {
            for (const xmlAttr *a = n->properties; a; a = a->next)
                for (const xmlNode *t = a->children; t; t = t->next)
                    if (t->type != XML_TEXT_NODE)
                        return err_set(c->err, SAQR_EPARSE,
                                       "%s:%ld: entity reference in attribute '%.40s' is not supported",
                                       c->file, dml_line(n), (const char *)a->name);
            if (n->children) {
                n = n->children;
                continue;
            }
        }
        while (n != root && !n->next)
            n = n->parent;
        if (n == root)
            break;
        n = n->next;
    }
    return SAQR_OK;
}

/* Optional numeric attribute; *out keeps its value when absent. */
static saqr_status num_attr(dml_ctx *c, const xmlNode *n, const char *name, double *out)
{
    const char *s = dml_attr(n, name);
    return s ? dml_number(c, s, dml_line(n), name, out) : SAQR_OK;
}

/* Reads a variableDef's attributes and flags (not its calculation). */
static saqr_status load_variable(dml_ctx *c, const xmlNode *n, dml_var *v)
{
    arena *ar = &c->m->arena;
    long line = dml_line(n);
    const char *id = dml_attr(n, "varID");
    if (!id || !id[0])
        return err_set(c->err, SAQR_EPARSE, "%s:%ld: <variableDef> without varID", c->file, line);
    const char *name = dml_attr(n, "name");
    const char *units = dml_attr(n, "units");
    v->varid = arena_strdup(ar, id);
    v->name = arena_strdup(ar, name ? name : id);
    v->units = arena_strdup(ar, units ? units : "");
    if (!v->varid || !v->name || !v->units)
        return err_set(c->err, SAQR_ENOMEM, "%s: out of memory", c->file);
    v->line = line;
    v->min_value = -INFINITY;
    v->max_value = INFINITY;
    saqr_status st;
    if ((st = num_attr(c, n, "initialValue", &v->init)) ||
        (st = num_attr(c, n, "minValue", &v->min_value)) ||
        (st = num_attr(c, n, "maxValue", &v->max_value)))
        return st;
    if (v->min_value > v->max_value)
        return err_set(c->err, SAQR_EPARSE, "%s:%ld: minValue %g is above maxValue %g", c->file,
                       line, v->min_value, v->max_value);
    size_t n_calc = 0;
    for (const xmlNode *e = dml_first_elem(n); e; e = dml_next_elem(e)) {
        if (dml_is(e, "isInput") || dml_is(e, "isControl") || dml_is(e, "isDisturbance"))
            v->flags |= DML_F_INPUT;
        else if (dml_is(e, "isOutput"))
            v->flags |= DML_F_OUTPUT;
        else if (dml_is(e, "isState"))
            v->flags |= DML_F_STATE;
        else if (dml_is(e, "isStateDeriv"))
            v->flags |= DML_F_STATE_DERIV;
        else if (dml_is(e, "isStdAIAA"))
            v->flags |= DML_F_STD_AIAA;
        else if (dml_is(e, "calculation"))
            n_calc++;
    }
    if (n_calc > 1)
        return err_set(c->err, SAQR_EPARSE, "%s:%ld: variableDef '%.80s' has %zu calculations",
                       c->file, line, id, n_calc);
    return SAQR_OK;
}

/* Compiles the calculation of variable `slot`, if it has one. */
static saqr_status load_calculation(dml_ctx *c, const xmlNode *n, size_t slot, size_t *max_stack)
{
    for (const xmlNode *e = dml_first_elem(n); e; e = dml_next_elem(e)) {
        if (!dml_is(e, "calculation"))
            continue;
        dml_var *v = &c->m->vars[slot];
        if (v->flags & DML_F_INPUT)
            return err_set(c->err, SAQR_EPARSE, "%s:%ld: input '%.80s' has a calculation", c->file,
                           dml_line(e), v->varid);
        saqr_status st = dml_compile_calculation(c, e, slot, max_stack);
        if (st)
            return st;
        v->origin = DML_ORIGIN_CALC;
        v->origin_line = dml_line(e);
    }
    return SAQR_OK;
}

static int is_table_def(const xmlNode *e)
{
    return dml_is(e, "griddedTableDef") || dml_is(e, "griddedTable");
}

static int is_utable_def(const xmlNode *e)
{
    return dml_is(e, "ungriddedTableDef") || dml_is(e, "ungriddedTable");
}

/* Counts the top-level elements and sizes the model's arrays. */
static saqr_status size_model(dml_ctx *c, const xmlNode *root)
{
    daveml_model *m = c->m;
    size_t n_var = 0, n_bp = 0, n_gt = 0, n_ut = 0, n_fn = 0, n_pts = 0, n_check = 0;
    for (const xmlNode *e = dml_first_elem(root); e; e = dml_next_elem(e)) {
        if (dml_is(e, "variableDef"))
            n_var++;
        else if (dml_is(e, "breakpointDef"))
            n_bp++;
        else if (is_table_def(e))
            n_gt++;
        else if (is_utable_def(e))
            n_ut++;
        else if (dml_is(e, "function")) {
            n_fn++;
            n_pts += dml_count_children(e, "independentVarPts");
        } else if (dml_is(e, "checkData"))
            n_check++;
        else if (!dml_is(e, "fileHeader"))
            return err_set(c->err, SAQR_EPARSE, "%s:%ld: unexpected <%s> in <DAVEfunc>", c->file,
                           dml_line(e), dml_elem_name(e));
    }
    if (n_var > DML_MAX_COUNT || n_bp > DML_MAX_COUNT || n_gt > DML_MAX_COUNT ||
        n_ut > DML_MAX_COUNT || n_fn > DML_MAX_COUNT || n_pts > DML_MAX_COUNT)
        return err_set(c->err, SAQR_EPARSE, "%s:%ld: too many definitions", c->file,
                       dml_line(root));
    if (n_check > 1)
        return err_set(c->err, SAQR_EPARSE, "%s:%ld: more than one <checkData>", c->file,
                       dml_line(root));
    m->n_vars = n_var;
    m->cap_bps = n_bp + n_pts;
    m->cap_tables = n_gt + n_fn;
    m->cap_utables = n_ut + n_fn;
    m->cap_funcs = n_fn;
    m->vars = arena_array(&m->arena, n_var, sizeof *m->vars);
    m->val = arena_array(&m->arena, n_var, sizeof *m->val);
    m->bps = arena_array(&m->arena, m->cap_bps, sizeof *m->bps);
    m->tables = arena_array(&m->arena, m->cap_tables, sizeof *m->tables);
    m->utables = arena_array(&m->arena, m->cap_utables, sizeof *m->utables);
    m->funcs = arena_array(&m->arena, m->cap_funcs, sizeof *m->funcs);
    if (!m->vars || !m->val || !m->bps || !m->tables || !m->utables || !m->funcs)
        return err_set(c->err, SAQR_ENOMEM, "%s: out of memory", c->file);
    return SAQR_OK;
}

/* Builds the model from the DAVEfunc element. */
static saqr_status build(dml_ctx *c, const xmlNode *root)
{
    daveml_model *m = c->m;
    if (!dml_is(root, "DAVEfunc"))
        return err_set(c->err, SAQR_EPARSE, "%s:%ld: root element is <%s>, not <DAVEfunc>", c->file,
                       dml_line(root), root && root->name ? (const char *)root->name : "?");
    saqr_status st = check_no_entities(c, root);
    if (!st)
        st = size_model(c, root);
    size_t k = 0;
    for (const xmlNode *e = dml_first_elem(root); e && !st; e = dml_next_elem(e))
        if (dml_is(e, "variableDef"))
            st = load_variable(c, e, &m->vars[k++]);
    if (!st)
        st = dml_build_index(c);
    for (const xmlNode *e = dml_first_elem(root); e && !st; e = dml_next_elem(e))
        if (dml_is(e, "breakpointDef"))
            st = dml_load_breakpoint_def(c, e);
    size_t index = 0;
    for (const xmlNode *e = dml_first_elem(root); e && !st; e = dml_next_elem(e))
        if (is_table_def(e))
            st = dml_load_gridded_table(c, e, &index);
    for (const xmlNode *e = dml_first_elem(root); e && !st; e = dml_next_elem(e))
        if (is_utable_def(e))
            st = dml_load_ungridded_table(c, e, &index);
    size_t max_stack = 1;
    k = 0;
    for (const xmlNode *e = dml_first_elem(root); e && !st; e = dml_next_elem(e))
        if (dml_is(e, "variableDef"))
            st = load_calculation(c, e, k++, &max_stack);
    for (const xmlNode *e = dml_first_elem(root); e && !st; e = dml_next_elem(e))
        if (dml_is(e, "function"))
            st = dml_load_function(c, e, &max_stack);
    if (!st)
        st = dml_build_order(c);
    for (const xmlNode *e = dml_first_elem(root); e && !st; e = dml_next_elem(e))
        if (dml_is(e, "checkData"))
            st = dml_load_checkdata(c, e);
    if (st)
        return st;
    m->stack_cap = max_stack;
    m->stack = arena_array(&m->arena, max_stack, sizeof *m->stack);
    if (!m->stack)
        return err_set(c->err, SAQR_ENOMEM, "%s: out of memory", c->file);
    for (size_t i = 0; i < m->n_vars; i++)
        m->val[i] = dml_clamp(&m->vars[i], m->vars[i].init);
    daveml_eval(m);
    return SAQR_OK;
}

/* Message for a document libxml2 refused. */
static saqr_status xml_error(dml_ctx *c, xmlParserCtxtPtr px)
{
    const xmlError *e = px ? xmlCtxtGetLastError(px) : NULL;
    if (!e || !e->message)
        return err_set(c->err, SAQR_EPARSE, "%s: not well-formed XML", c->file);
    char msg[256];
    snprintf(msg, sizeof msg, "%s", e->message);
    size_t n = strlen(msg);
    while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
        msg[--n] = '\0';
    for (size_t i = 0; i < n; i++)
        if (msg[i] == '\n')
            msg[i] = ' ';
    return err_set(c->err, SAQR_EPARSE, "%s:%d: not well-formed XML: %s", c->file, e->line, msg);
}

saqr_status daveml_load_memory(const char *xml, size_t len, const char *name,
                               const saqr_allocator *alloc, daveml_model **out, saqr_err *err)
{
    if (!name)
        name = "<memory>";
    if (!out)
        return err_set(err, SAQR_EINVAL, "%s: daveml_load_memory: no output pointer", name);
    *out = NULL;
    if (!xml && len)
        return err_set(err, SAQR_EINVAL, "%s: daveml_load_memory: no text", name);
    if (len > INT_MAX)
        return err_set(err, SAQR_EPARSE, "%s: file is too large (%zu bytes)", name, len);
    daveml_model *m = mem_alloc(alloc, sizeof *m);
    if (!m)
        return err_set(err, SAQR_ENOMEM, "%s: out of memory", name);
    m->alloc = alloc ? *alloc : *mem_default();
    m->arena.alloc = &m->alloc;
    dml_ctx c = {m, name, err};
    m->file = arena_strdup(&m->arena, name);
    if (!m->file) {
        daveml_free(m);
        return err_set(err, SAQR_ENOMEM, "%s: out of memory", name);
    }
    c.file = m->file;
    saqr_status st = SAQR_OK;
    xmlParserCtxtPtr px = xmlNewParserCtxt();
    xmlDocPtr doc = NULL;
    if (!px)
        st = err_set(err, SAQR_ENOMEM, "%s: out of memory", name);
    else if (!(doc = xmlCtxtReadMemory(px, xml ? xml : "", (int)len, NULL, "UTF-8", XML_OPTIONS)))
        st = xml_error(&c, px);
    xmlFreeParserCtxt(px);
    if (!st)
        st = build(&c, xmlDocGetRootElement(doc));
    xmlFreeDoc(doc);
    if (st) {
        daveml_free(m);
        return st;
    }
    *out = m;
    return SAQR_OK;
}

saqr_status daveml_load_file(const char *path, const saqr_allocator *alloc, daveml_model **out,
                             saqr_err *err)
{
    if (!out)
        return err_set(err, SAQR_EINVAL, "daveml_load_file: no output pointer");
    *out = NULL;
    if (!path)
        return err_set(err, SAQR_EINVAL, "daveml_load_file: no path");
    char *buf;
    size_t len;
    saqr_status st = file_read_all(path, alloc, DML_MAX_FILE_BYTES, &buf, &len, err);
    if (st)
        return st;
    st = daveml_load_memory(buf, len, path, alloc, out, err);
    mem_free(alloc, buf);
    return st;
}
