/*
 * jxml.h - reading JSBSim's XML files: elements with file:line, numbers
 * with their `unit=` attribute converted, `file=` includes, warnings for
 * elements a loader does not know, and the first error kept for the caller.
 *
 * Built on libxml2's tree API (xmlNode carries its line; its document
 * carries the file name).  Every string handed out is copied into the
 * loader's arena, so callers never free anything.
 *
 * Units follow JSBSim's FGXMLElement conversion table (lengths FT, IN, M,
 * KM; areas FT2, M2, IN2; masses and weights LBS, KG, SLUG; inertia
 * SLUG*FT2, KG*M2; angles DEG, RAD; speeds FT/SEC, M/S, M/SEC, KTS, KM/HR,
 * FT/S; forces N, LBS; pressures PSF, PSI, PA, INHG, ATM; power HP, WATTS,
 * W, KW, FT*LBS/SEC; spring LBS/FT, N/M; damping LBS/FT/SEC, N/M/SEC,
 * LBS/FT2/SEC2, N/M2/SEC2; flow LBS/SEC, KG/SEC, KG/MIN; volume FT3, M3,
 * IN3, LTR, GAL; temperature DEGC, DEGF, DEGK, DEGR; mass flow per power
 * LBS/HP*HR, KG/KW*HR ...).  Reference: JSBSim src/input_output/FGXMLElement.cpp.
 */
#ifndef SAQR_LOAD_JSBSIM_JXML_H
#define SAQR_LOAD_JSBSIM_JXML_H

#include <libxml/tree.h>

#include "props/props.h"
#include "saqr.h"
#include "util/arena.h"
#include "util/err.h"

/* Warnings go to this function (the library never prints). */
typedef void (*jx_log_fn)(void *user, const char *message);

#define JX_MAX_DOCS 64   /* files one aircraft may pull in               */

#define JX_MAX_TEMPLATES 64 /* template functions one simulation may define */

/* JSBSim's template functions (<function type="template" name="...">,
 * applied to a property with apply="name"), by name, with the files that
 * define them kept open: an output directive loaded after the aircraft
 * may apply one the aircraft defined (FGFDMExec's TemplateFunctions). */
typedef struct jx_templates {
    const char *name[JX_MAX_TEMPLATES];
    const xmlNode *el[JX_MAX_TEMPLATES];
    int n;
    xmlDoc *docs[JX_MAX_DOCS];
    int ndocs;
} jx_templates;

/* Closes the kept files; the set is empty again. */
void jx_templates_free(jx_templates *t);

/* Everything a JSBSim loader needs; one per load. */
typedef struct jx_ctx {
    arena *ar;               /* memory of the loaded model                 */
    prop_tree *props;        /* where property names are interned          */
    saqr_err *err;           /* first error, "file:line: message"          */
    jx_log_fn log;           /* warnings; NULL drops them                  */
    void *log_user;
    int warnings;            /* how many were issued                       */
    const char *root_dir;    /* JSBSim root (aircraft/, engine/, systems/) */
    const char *aircraft_dir;/* root/aircraft/NAME                         */
    xmlDoc *docs[JX_MAX_DOCS]; /* parsed files, freed by jx_ctx_close     */
    int ndocs;
    jx_templates *templates; /* the simulation's; NULL: this load's own   */
    jx_templates own_templates;
} jx_ctx;

/* Frees the parsed documents (elements become invalid), except those a
 * template of c->templates lives in. */
void jx_ctx_close(jx_ctx *c);

/* Records template function `el` under `name` (a later one of the same
 * name replaces it, as JSBSim's); its file stays open with the set. */
saqr_status jx_template_add(jx_ctx *c, const xmlNode *el, const char *name);
/* The template function of that name, or NULL. */
const xmlNode *jx_template_find(const jx_ctx *c, const char *name);

/* Parses `path`; NULL with "path: ..." or "path:line: ..." in c->err on a
 * missing file or malformed XML.  The document lives until jx_ctx_close. */
xmlNode *jx_load_file(jx_ctx *c, const char *path);

/* Follows an element's `file=` attribute: returns the root element of the
 * named file, searched as JSBSim does (relative to `dirs`, a NULL-ended
 * list, adding ".xml" when missing), or `el` itself when it has no file=.
 * NULL on error. */
xmlNode *jx_resolve(jx_ctx *c, xmlNode *el, const char *const *dirs);

/* "file:line" of an element, in the arena ("?" when out of memory). */
const char *jx_where(jx_ctx *c, const xmlNode *el);
int jx_line(const xmlNode *el);
const char *jx_file(const xmlNode *el);

/* Element navigation; NULL name matches any element. */
xmlNode *jx_first(const xmlNode *parent, const char *name);
xmlNode *jx_next(const xmlNode *prev, const char *name);
int jx_count(const xmlNode *parent, const char *name);
int jx_is(const xmlNode *el, const char *name);

/* Attribute copied into the arena, or NULL when absent. */
const char *jx_attr(jx_ctx *c, const xmlNode *el, const char *name);
/* Text content, whitespace-trimmed, in the arena ("" when empty). */
const char *jx_text(jx_ctx *c, const xmlNode *el);

/* The element's text as one number, converted from its unit= attribute to
 * `to_unit` (NULL: no conversion, unit= must then be absent or equal).
 * SAQR_EPARSE with file:line on a bad number or an unknown or
 * incompatible unit. */
saqr_status jx_number(jx_ctx *c, const xmlNode *el, const char *to_unit, double *out);
/* Same for the first child `name` of `parent`.  When absent: returns
 * SAQR_ENOTFOUND without an error message if `required` is 0, else an
 * error naming the missing element. */
saqr_status jx_child_number(jx_ctx *c, const xmlNode *parent, const char *name,
                            const char *to_unit, int required, double *out);
/* <x>, <y>, <z> children (missing ones are 0) with the parent's unit=
 * applied, as JSBSim's FindElementTripletConvertTo.  Also accepts
 * <roll>/<pitch>/<yaw> when `angles` is non-zero. */
saqr_status jx_triplet(jx_ctx *c, const xmlNode *el, const char *to_unit, int angles,
                       double out[3]);

/* Parses a whole number list ("1 2 3\n4 5 6") of an element's text. */
saqr_status jx_numbers(jx_ctx *c, const xmlNode *el, double **out, int *count);

/* Converts `value` between two JSBSim unit names (case-insensitive).
 * Returns 0, or -1 when a unit is unknown or the dimensions differ. */
int jx_convert(double value, const char *from_unit, const char *to_unit, double *out);

/* Records an error "file:line: message" (first one wins); returns
 * SAQR_EPARSE so loaders can `return jx_error(...)`. */
saqr_status jx_error(jx_ctx *c, const xmlNode *el, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Sends "file:line: warning: message" to the log. */
void jx_warn(jx_ctx *c, const xmlNode *el, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Warns about every child element of `el` whose name is not in `known`
 * (a NULL-ended list). */
void jx_warn_unknown(jx_ctx *c, const xmlNode *el, const char *const *known);
/* Warns about every attribute of `el` (namespaced ones excepted) whose name
 * is not in `known` (a NULL-ended list).  jx_number does this for unit=. */
void jx_warn_unknown_attrs(jx_ctx *c, const xmlNode *el, const char *const *known);

/* Interns a property named by the text of `el` (or `name` when non-NULL)
 * with `flags`, recording el's file:line.  Returns the slot, or -1 with an
 * error naming the file and line. */
int jx_property(jx_ctx *c, const xmlNode *el, const char *name, unsigned flags);
/* JSBSim properties whose physics Saqr does not model (humidity, the
 * graded temperature bias): what they are ("humidity"), or NULL for any
 * other name.  jx_property makes them plain inputs (0 until set, so files
 * naming them load and fly as in dry air) and warns where they are named. */
const char *jx_unmodelled(const char *name);
/* That warning, at el, when `name` is one; 1 when it warned. */
int jx_warn_unmodelled(jx_ctx *c, const xmlNode *el, const char *name);

#endif
