/*
 * daveml_text.c - reading the libxml2 tree of a DAVE-ML file: element
 * navigation by local name (namespaces are ignored, since files mix the
 * DAVE-ML and MathML namespaces freely), attributes, text content and
 * numbers.
 *
 * Numbers are parsed with strtod and must be complete and finite; lists
 * (bpVals, dataTable, ...) are separated by commas and/or white space, as
 * the DAVE-ML 2.0 reference manual allows.  strtod follows LC_NUMERIC, so a
 * host program that changes the locale must keep "." as decimal point.
 */
#include "load/daveml/daveml_internal.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

long dml_line(const xmlNode *n)
{
    return n ? xmlGetLineNo((xmlNode *)n) : 0;
}

const char *dml_elem_name(const xmlNode *n)
{
    return (n && n->type == XML_ELEMENT_NODE) ? (const char *)n->name : NULL;
}

int dml_is(const xmlNode *n, const char *name)
{
    const char *e = dml_elem_name(n);
    return e && strcmp(e, name) == 0;
}

xmlNode *dml_next_elem(const xmlNode *n)
{
    for (n = n ? n->next : NULL; n; n = n->next)
        if (n->type == XML_ELEMENT_NODE)
            return (xmlNode *)n;
    return NULL;
}

xmlNode *dml_first_elem(const xmlNode *parent)
{
    if (!parent)
        return NULL;
    for (const xmlNode *n = parent->children; n; n = n->next)
        if (n->type == XML_ELEMENT_NODE)
            return (xmlNode *)n;
    return NULL;
}

size_t dml_count_children(const xmlNode *parent, const char *name)
{
    size_t k = 0;
    for (xmlNode *n = dml_first_elem(parent); n; n = dml_next_elem(n))
        if (!name || dml_is(n, name))
            k++;
    return k;
}

const char *dml_attr(const xmlNode *n, const char *name)
{
    if (!n || n->type != XML_ELEMENT_NODE)
        return NULL;
    for (const xmlAttr *a = n->properties; a; a = a->next) {
        if (a->name && strcmp((const char *)a->name, name) == 0) {
            const xmlNode *t = a->children;
            if (!t)
                return "";
            return (t->type == XML_TEXT_NODE && t->content) ? (const char *)t->content : "";
        }
    }
    return NULL;
}

static int is_space(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '\v';
}

saqr_status dml_text(dml_ctx *c, const xmlNode *n, char *buf)
{
    size_t len = 0;
    buf[0] = '\0';
    for (const xmlNode *t = n->children; t; t = t->next) {
        if (t->type == XML_COMMENT_NODE || t->type == XML_PI_NODE)
            continue;
        if (t->type != XML_TEXT_NODE && t->type != XML_CDATA_SECTION_NODE)
            return err_set(c->err, SAQR_EPARSE, "%s:%ld: <%s> must hold only text",
                           c->file, dml_line(t), (const char *)n->name);
        const char *s = t->content ? (const char *)t->content : "";
        size_t k = strlen(s);
        if (k >= DML_MAX_TEXT - len)
            return err_set(c->err, SAQR_EPARSE, "%s:%ld: text of <%s> is longer than %d bytes",
                           c->file, dml_line(n), (const char *)n->name, DML_MAX_TEXT - 1);
        memcpy(buf + len, s, k);
        len += k;
        buf[len] = '\0';
    }
    size_t b = 0;
    while (b < len && is_space(buf[b]))
        b++;
    while (len > b && is_space(buf[len - 1]))
        len--;
    memmove(buf, buf + b, len - b);
    buf[len - b] = '\0';
    return SAQR_OK;
}

/* Parses s[0..n) as one number. */
static int parse_token(const char *s, size_t n, double *out)
{
    char tmp[128];
    if (n == 0 || n >= sizeof tmp)
        return 0;
    memcpy(tmp, s, n);
    tmp[n] = '\0';
    /* strtod also takes "inf", "nan" and hexadecimal; only plain decimal
     * numbers are accepted here. */
    for (size_t i = 0; i < n; i++) {
        char ch = tmp[i];
        if (!(isdigit((unsigned char)ch) || ch == '.' || ch == '+' || ch == '-' || ch == 'e' ||
              ch == 'E'))
            return 0;
    }
    char *end = NULL;
    errno = 0;
    double v = strtod(tmp, &end);
    if (end != tmp + n || !isfinite(v))
        return 0;
    *out = v;
    return 1;
}

saqr_status dml_number(dml_ctx *c, const char *s, long line, const char *what, double *out)
{
    size_t b = 0, e = strlen(s);
    while (b < e && is_space(s[b]))
        b++;
    while (e > b && is_space(s[e - 1]))
        e--;
    if (!parse_token(s + b, e - b, out))
        return err_set(c->err, SAQR_EPARSE, "%s:%ld: %s: '%.40s' is not a finite number", c->file,
                       line, what, s);
    return SAQR_OK;
}

long dml_scan_numbers(dml_ctx *c, const xmlNode *n, const char *what, double *out)
{
    long k = 0;
    for (const xmlNode *t = n->children; t; t = t->next) {
        if (t->type == XML_COMMENT_NODE || t->type == XML_PI_NODE)
            continue;
        if (t->type != XML_TEXT_NODE && t->type != XML_CDATA_SECTION_NODE) {
            err_set(c->err, SAQR_EPARSE, "%s:%ld: %s must hold only numbers", c->file,
                    dml_line(t), what);
            return -1;
        }
        const char *s = t->content ? (const char *)t->content : "";
        size_t i = 0;
        for (;;) {
            while (s[i] && (is_space(s[i]) || s[i] == ','))
                i++;
            if (!s[i])
                break;
            size_t b = i;
            while (s[i] && !is_space(s[i]) && s[i] != ',')
                i++;
            double v = 0.0;
            if (!parse_token(s + b, i - b, &v)) {
                err_set(c->err, SAQR_EPARSE, "%s:%ld: %s: '%.*s' is not a finite number",
                        c->file, dml_line(n), what, (int)(i - b > 40 ? 40 : i - b), s + b);
                return -1;
            }
            if (k >= DML_MAX_POINTS) {
                err_set(c->err, SAQR_EPARSE, "%s:%ld: %s has more than %d numbers", c->file,
                        dml_line(n), what, DML_MAX_POINTS);
                return -1;
            }
            if (out)
                out[k] = v;
            k++;
        }
    }
    return k;
}

saqr_status dml_number_list(dml_ctx *c, const xmlNode *n, const char *what, double **out,
                            size_t *count)
{
    long k = dml_scan_numbers(c, n, what, NULL);
    if (k < 0)
        return SAQR_EPARSE;
    if (k == 0)
        return err_set(c->err, SAQR_EPARSE, "%s:%ld: %s is empty", c->file, dml_line(n), what);
    double *v = arena_array(&c->m->arena, (size_t)k, sizeof *v);
    if (!v)
        return err_set(c->err, SAQR_ENOMEM, "%s: out of memory", c->file);
    if (dml_scan_numbers(c, n, what, v) != k)
        return SAQR_EPARSE; /* cannot happen: the tree did not change */
    *out = v;
    *count = (size_t)k;
    return SAQR_OK;
}
