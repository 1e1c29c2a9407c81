/*
 * xml_attr.c - strict attribute reading (see xml_attr.h).
 */
#include "util/xml_attr.h"

#include <ctype.h>
#include <libxml/parser.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

saqr_status xa_parse_memory(const char *buf, size_t len, const char *name, xmlDoc **doc, saqr_err *err)
{
    *doc = NULL;
    if (len > (size_t)INT_MAX)
        return err_set(err, SAQR_EPARSE, "%s: too large", name);
    xmlParserCtxt *ctxt = xmlNewParserCtxt();
    if (!ctxt)
        return err_set(err, SAQR_ENOMEM, "%s: out of memory", name);
    const int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES;
    *doc = xmlCtxtReadMemory(ctxt, buf, (int)len, name, NULL, options);
    saqr_status st = SAQR_OK;
    if (!*doc) {
        const xmlError *e = xmlCtxtGetLastError(ctxt);
        if (e && e->message)
            st = err_set(err, SAQR_EPARSE, "%s:%d: %.*s (not well-formed XML)", name, e->line > 0 ? e->line : 1,
                         (int)strcspn(e->message, "\n"), e->message);
        else
            st = err_set(err, SAQR_EPARSE, "%s:1: not an XML document", name);
    }
    xmlFreeParserCtxt(ctxt);
    return st;
}

saqr_status xa_fail(const xa_reader *rd, const xmlNode *n, const char *what, const char *detail)
{
    return err_set(rd->err, SAQR_EPARSE, "%s:%ld: %s%s%s", rd->path, n ? (long)xmlGetLineNo(n) : 0L, what,
                   detail ? " " : "", detail ? detail : "");
}

int xa_is(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

int xa_text(const xmlNode *n, const char *name, char *buf, size_t size)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    if (!v)
        return 0;
    snprintf(buf, size, "%s", (const char *)v);
    xmlFree(v);
    return 1;
}

saqr_status xa_choice(const xa_reader *rd, const xmlNode *n, const char *name, const char *first,
                      const char *second, int *is_second)
{
    char buf[64];
    if (!xa_text(n, name, buf, sizeof buf))
        return SAQR_OK;
    if (strcmp(buf, first) == 0 || strcmp(buf, second) == 0) {
        *is_second = strcmp(buf, second) == 0;
        return SAQR_OK;
    }
    return err_set(rd->err, SAQR_EPARSE, "%s:%ld: %s= is \"%s\" or \"%s\", not %s", rd->path, (long)xmlGetLineNo(n),
                   name, first, second, buf);
}

saqr_status xa_number(const xa_reader *rd, const xmlNode *n, const char *name, double *out)
{
    char buf[64];
    if (!xa_text(n, name, buf, sizeof buf))
        return SAQR_OK;
    if (strlen(buf) >= sizeof buf - 1) {
        char what[160];
        snprintf(what, sizeof what, "%s= is too long to be a number", name);
        return xa_fail(rd, n, what, NULL);
    }
    char *end = NULL;
    double x = strtod(buf, &end);
    if (end == buf || *end != '\0' || !isfinite(x)) {
        char what[160];
        snprintf(what, sizeof what, "%s=\"%s\" is not a number", name, buf);
        return xa_fail(rd, n, what, NULL);
    }
    *out = x;
    return SAQR_OK;
}

saqr_status xa_check_attrs(const xa_reader *rd, const xmlNode *n, const char *const *known)
{
    for (const xmlAttr *a = n->properties; a; a = a->next) {
        int ok = 0;
        for (int i = 0; known[i]; i++)
            ok |= strcmp((const char *)a->name, known[i]) == 0;
        if (!ok) {
            char what[160];
            snprintf(what, sizeof what, "<%s> has no attribute \"%s\"", (const char *)n->name, (const char *)a->name);
            return xa_fail(rd, n, what, NULL);
        }
    }
    return SAQR_OK;
}

saqr_status xa_check_lengths(const xa_reader *rd, const xmlNode *n, const xa_limit *limits, size_t other)
{
    for (const xmlAttr *a = n->properties; a; a = a->next) {
        size_t max = other;
        for (int i = 0; limits[i].name; i++)
            if (strcmp((const char *)a->name, limits[i].name) == 0)
                max = limits[i].max_len;
        xmlChar *v = xmlGetProp(n, a->name);
        size_t len = v ? strlen((const char *)v) : 0;
        xmlFree(v);
        if (len > max) {
            char what[160];
            snprintf(what, sizeof what, "%s= is %zu characters long; at most %zu are allowed", (const char *)a->name, len,
                     max);
            return xa_fail(rd, n, what, NULL);
        }
    }
    return SAQR_OK;
}

void xa_content(const xmlNode *n, char *buf, size_t size)
{
    if (size == 0)
        return;
    buf[0] = '\0';
    xmlChar *v = xmlNodeGetContent(n);
    if (!v)
        return;
    const char *s = (const char *)v;
    while (*s && isspace((unsigned char)*s))
        s++;
    snprintf(buf, size, "%s", s);
    size_t len = strlen(buf);
    while (len > 0 && isspace((unsigned char)buf[len - 1]))
        buf[--len] = '\0';
    xmlFree(v);
}
