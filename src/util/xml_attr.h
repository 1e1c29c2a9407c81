/*
 * xml_attr.h - reading attributes of a libxml2 element strictly, for the
 * small XML formats of Saqr's own (qualification plans, lessons,
 * airports): every error names the file and line, numbers must be whole
 * and finite, and unknown attributes are errors (a misspelt attribute
 * would silently change a test or a lesson).
 */
#ifndef SAQR_UTIL_XML_ATTR_H
#define SAQR_UTIL_XML_ATTR_H

#include <libxml/tree.h>
#include <stddef.h>

#include "util/err.h"

typedef struct xa_reader {
    const char *path;   /* file name used in messages                    */
    saqr_err *err;      /* where messages go                              */
} xa_reader;

/* Parses `len` bytes named `name` (no network, no messages printed, line
 * numbers past 65535 kept) with a parser context of its own, so the error
 * stays out of libxml2's process-wide slot.  On failure *doc is NULL and
 * the status is SAQR_EPARSE ("NAME:LINE: <libxml2's message> (not
 * well-formed XML)") or SAQR_ENOMEM.  The caller frees *doc with
 * xmlFreeDoc. */
saqr_status xa_parse_memory(const char *buf, size_t len, const char *name, xmlDoc **doc, saqr_err *err);

/* SAQR_EPARSE with "PATH:LINE: what detail". */
saqr_status xa_fail(const xa_reader *rd, const xmlNode *n, const char *what, const char *detail);

/* 1 when n is the element `name`. */
int xa_is(const xmlNode *n, const char *name);

/* Copies attribute `name` into buf (truncated to fit); 0 when absent. */
int xa_text(const xmlNode *n, const char *name, char *buf, size_t size);

/* A two-valued attribute: *is_second = 0 when it reads `first`, 1 when it
 * reads `second`, unchanged when absent; anything else is an error
 * "NAME= is \"first\" or \"second\", not VALUE". */
saqr_status xa_choice(const xa_reader *rd, const xmlNode *n, const char *name, const char *first,
                      const char *second, int *is_second);

/* A finite number attribute into *out; *out unchanged when absent. */
saqr_status xa_number(const xa_reader *rd, const xmlNode *n, const char *name, double *out);

/* An error for any attribute not in the NULL-terminated `known`. */
saqr_status xa_check_attrs(const xa_reader *rd, const xmlNode *n, const char *const *known);

/* The longest value (bytes) each named attribute may have; a list ends
 * with a NULL name, and `other` applies to attributes not listed. */
typedef struct xa_limit {
    const char *name;
    size_t max_len;
} xa_limit;

/* An error naming the attribute when any value is longer than its limit
 * (a value cut to fit a buffer would silently change its meaning). */
saqr_status xa_check_lengths(const xa_reader *rd, const xmlNode *n, const xa_limit *limits, size_t other);

/* The element's text content with surrounding white space removed and
 * inner runs of white space kept, into buf; "" when empty. */
void xa_content(const xmlNode *n, char *buf, size_t size);

#endif
