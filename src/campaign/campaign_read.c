/*
 * campaign_read.c - reading a campaign file (format: docs/campaigns.md,
 * model: campaign.h).  Strict like the lesson reader: every error names
 * the file and line, unknown elements and attributes are errors, numbers
 * must be whole and finite.
 */
#include <errno.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "campaign/campaign.h"
#include "props/props.h"
#include "util/file.h"
#include "util/mem.h"
#include "util/xml_attr.h"

#define CAMPAIGN_MAX_BYTES (1u << 20)

static const char *const param_names[CP_COUNT] = {
    [CP_WIND_KT] = "wind-kt",
    [CP_WIND_FROM_DEG] = "wind-from-deg",
    [CP_CROSSWIND_KT] = "crosswind-kt",
    [CP_HEADWIND_KT] = "headwind-kt",
    [CP_GUST_KT] = "gust-kt",
    [CP_TURBULENCE] = "turbulence",
    [CP_FUEL_PCT] = "fuel-pct",
    [CP_PAYLOAD_KG] = "payload-kg",
    [CP_CG_SHIFT_IN] = "cg-shift-in",
    [CP_ALT_OFFSET_FT] = "alt-offset-ft",
    [CP_IAS_OFFSET_KT] = "ias-offset-kt",
    [CP_HEADING_OFFSET_DEG] = "heading-offset-deg",
    [CP_PILOT_GAIN] = "pilot-gain",
    [CP_PROPERTY] = "property",
};

int camp_param_kind_from_name(const char *name)
{
    for (int i = 0; i < CP_COUNT; i++)
        if (strcmp(name, param_names[i]) == 0)
            return i;
    return -1;
}

const char *camp_param_kind_name(camp_param_kind k)
{
    return (unsigned)k < CP_COUNT ? param_names[k] : "?";
}

static void where(const xa_reader *rd, const xmlNode *n, char *buf, size_t size)
{
    snprintf(buf, size, "%s:%ld", rd->path, (long)xmlGetLineNo(n));
}

/* Attribute `name` into buf; an error when longer than fits. */
static saqr_status text_attr(const xa_reader *rd, const xmlNode *n, const char *name, char *buf, size_t size,
                             int *present)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    *present = v != NULL;
    buf[0] = '\0';
    if (!v)
        return SAQR_OK;
    size_t len = strlen((const char *)v);
    if (len >= size) {
        xmlFree(v);
        char what[96];
        snprintf(what, sizeof what, "%s= is longer than %zu characters", name, size - 1);
        return xa_fail(rd, n, what, NULL);
    }
    memcpy(buf, v, len + 1);
    xmlFree(v);
    return SAQR_OK;
}

/* A whole number attribute within lo..hi. */
static saqr_status int_attr(const xa_reader *rd, const xmlNode *n, const char *name, long lo, long hi, long *out)
{
    char buf[32];
    int present;
    saqr_status st = text_attr(rd, n, name, buf, sizeof buf, &present);
    if (st || !present)
        return st;
    char *end = NULL;
    errno = 0;
    long x = strtol(buf, &end, 10);
    if (end == buf || *end || errno || x < lo || x > hi) {
        char what[160];
        snprintf(what, sizeof what, "%s=\"%s\" is not a whole number from %ld to %ld", name, buf, lo, hi);
        return xa_fail(rd, n, what, NULL);
    }
    *out = x;
    return SAQR_OK;
}

/* values="1 2 3" into out (at most DIST_MAX_CHOICES); the count in *n. */
static saqr_status list_attr(const xa_reader *rd, const xmlNode *n, const char *name, double *out, int *count)
{
    char buf[512];
    int present;
    saqr_status st = text_attr(rd, n, name, buf, sizeof buf, &present);
    *count = 0;
    if (st || !present)
        return st;
    const char *s = buf;
    for (;;) {
        while (*s == ' ' || *s == '\t' || *s == '\n' || *s == ',')
            s++;
        if (!*s)
            break;
        char *end = NULL;
        double x = strtod(s, &end);
        if (end == s || !isfinite(x) || (*end && *end != ' ' && *end != '\t' && *end != '\n' && *end != ','))
            return xa_fail(rd, n, name, "wants numbers separated by spaces");
        if (*count == DIST_MAX_CHOICES)
            return xa_fail(rd, n, name, "holds more than 16 numbers");
        out[(*count)++] = x;
        s = end;
    }
    if (*count == 0)
        return xa_fail(rd, n, name, "is empty");
    return SAQR_OK;
}

static saqr_status read_dist(const xa_reader *rd, const xmlNode *n, dist *d)
{
    char kind[32];
    int present;
    saqr_status st = text_attr(rd, n, "dist", kind, sizeof kind, &present);
    if (st)
        return st;
    if (!present)
        return xa_fail(rd, n, "<disperse> needs dist= (uniform, normal, truncated-normal or choice)", NULL);
    int k = dist_kind_from_name(kind);
    if (k < 0)
        return xa_fail(rd, n, "dist= is uniform, normal, truncated-normal or choice, not", kind);
    memset(d, 0, sizeof *d);
    d->kind = (dist_kind)k;
    d->min = d->max = d->mean = d->sd = NAN;
    if ((st = xa_number(rd, n, "min", &d->min)) || (st = xa_number(rd, n, "max", &d->max)) ||
        (st = xa_number(rd, n, "mean", &d->mean)) || (st = xa_number(rd, n, "sd", &d->sd)))
        return st;
    /* the attributes that go with each kind, and only those */
    int want_mm = k == DIST_UNIFORM || k == DIST_TRUNC_NORMAL, want_ms = k == DIST_NORMAL || k == DIST_TRUNC_NORMAL;
    int has_values = xmlHasProp(n, (const xmlChar *)"values") != NULL;
    int has_weights = xmlHasProp(n, (const xmlChar *)"weights") != NULL;
    if ((!want_mm && (!isnan(d->min) || !isnan(d->max))) || (!want_ms && (!isnan(d->mean) || !isnan(d->sd))) ||
        (k != DIST_CHOICE && (has_values || has_weights)))
        return xa_fail(rd, n, "an attribute that does not go with dist=", kind);
    if (want_mm && (isnan(d->min) || isnan(d->max)))
        return xa_fail(rd, n, "this distribution needs min= and max=:", kind);
    if (want_ms && (isnan(d->mean) || isnan(d->sd)))
        return xa_fail(rd, n, "this distribution needs mean= and sd=:", kind);
    if (k == DIST_CHOICE) {
        if (!has_values)
            return xa_fail(rd, n, "dist=\"choice\" needs values=", NULL);
        if ((st = list_attr(rd, n, "values", d->choices, &d->nchoices)))
            return st;
        int nw = 0;
        if (has_weights) {
            if ((st = list_attr(rd, n, "weights", d->weights, &nw)))
                return st;
            if (nw != d->nchoices)
                return xa_fail(rd, n, "weights= needs one weight per value", NULL);
        } else {
            for (int i = 0; i < d->nchoices; i++)
                d->weights[i] = 1.0;
        }
    }
    const char *why = dist_check(d);
    return why ? xa_fail(rd, n, why, NULL) : SAQR_OK;
}

/* Parameters a script campaign cannot take (they need a lesson). */
static int lesson_only(camp_param_kind k)
{
    return k == CP_CROSSWIND_KT || k == CP_HEADWIND_KT || k == CP_GUST_KT || k == CP_PILOT_GAIN;
}

/* The initial-state quantity (0 altitude, 1 airspeed, 2 heading) an offset
 * parameter moves, or that an ic/ property sets (any of its spellings);
 * -1 for anything else.  Both on one run would leave it to the order of
 * the writes which one counts. */
static int offset_quantity(camp_param_kind k)
{
    return k == CP_ALT_OFFSET_FT ? 0 : k == CP_IAS_OFFSET_KT ? 1 : k == CP_HEADING_OFFSET_DEG ? 2 : -1;
}

static int ic_quantity(const char *property)
{
    static const char *const names[3][9] = {
        {"ic/h-sl-ft", "ic/h-agl-ft", "ic/h-sl-m", "ic/h-agl-m", NULL},
        {"ic/vc-kts", "ic/vt-kts", "ic/ve-kts", "ic/vg-kts", "ic/vt-fps", "ic/ve-fps", "ic/vg-fps", "ic/mach", NULL},
        {"ic/psi-true-deg", "ic/psi-true-rad", NULL},
    };
    char norm[CAMP_PROP_MAX];
    if (prop_normalize(property, norm, sizeof norm) != 0)
        return -1;
    for (int q = 0; q < 3; q++)
        for (int i = 0; names[q][i]; i++)
            if (strcmp(norm, names[q][i]) == 0)
                return q;
    return -1;
}

/* The values a parameter can take and be flown as drawn: a wind or gust
 * speed and a payload are not negative, a fuel load is 0-100 % of the
 * tanks, a pilot's gain scale is above 0.  Elsewhere any value will do. */
typedef struct param_range {
    double lo, hi;
    int lo_open; /* lo itself is outside */
    const char *text;
} param_range;

static int param_range_of(camp_param_kind k, param_range *r)
{
    switch (k) {
    case CP_WIND_KT:
    case CP_GUST_KT:
        *r = (param_range){0.0, INFINITY, 0, "0 kt or more"};
        return 1;
    case CP_PAYLOAD_KG:
        *r = (param_range){0.0, INFINITY, 0, "0 kg or more"};
        return 1;
    case CP_FUEL_PCT:
        *r = (param_range){0.0, 100.0, 0, "0 to 100 %"};
        return 1;
    case CP_PILOT_GAIN:
        *r = (param_range){0.0, INFINITY, 1, "above 0"};
        return 1;
    default:
        return 0;
    }
}

static int in_range(const param_range *r, double x)
{
    return (r->lo_open ? x > r->lo : x >= r->lo) && x <= r->hi;
}

/* Every value the distribution can draw is in the parameter's range:
 * otherwise a run would be flown with another value than runs.csv shows
 * (clamped, or ignored) or fail to fly. */
static saqr_status check_support(const xa_reader *rd, const xmlNode *n, const camp_param *p, const char *kind)
{
    param_range r;
    if (!param_range_of(p->kind, &r))
        return SAQR_OK;
    char why[320];
    const dist *d = &p->d;
    if (d->kind == DIST_NORMAL) {
        /* a bound 6 sd or more away is drawn past once in 10^9 runs */
        if (d->mean - 6.0 * d->sd > r.lo && d->mean + 6.0 * d->sd <= r.hi)
            return SAQR_OK;
        snprintf(why, sizeof why, "is %s, and a normal distribution with a bound within 6 sd of its mean draws past "
                 "it; use dist=\"truncated-normal\" with min= and max= within the range, for", r.text);
        return xa_fail(rd, n, why, kind);
    }
    int ok = 1;
    if (d->kind == DIST_CHOICE) {
        for (int i = 0; i < d->nchoices; i++)
            ok &= in_range(&r, d->choices[i]);
    } else {
        ok = in_range(&r, d->min) && in_range(&r, d->max);
    }
    if (!ok) {
        snprintf(why, sizeof why, "every value drawn must be %s, and this distribution reaches outside that, for",
                 r.text);
        return xa_fail(rd, n, why, kind);
    }
    return SAQR_OK;
}

static saqr_status read_param(const xa_reader *rd, const xmlNode *n, campaign *c)
{
    static const char *const attrs[] = {"param", "name", "property", "pointmass", "dist", "min", "max", "mean",
                                        "sd", "values", "weights", NULL};
    saqr_status st = xa_check_attrs(rd, n, attrs);
    if (st)
        return st;
    if (c->nparams == CAMP_MAX_PARAMS)
        return xa_fail(rd, n, "a campaign disperses at most 32 parameters", NULL);
    camp_param *p = &c->params[c->nparams];
    memset(p, 0, sizeof *p);
    where(rd, n, p->where, sizeof p->where);
    char kind[32], name[CAMP_PROP_MAX];
    int present, has_name;
    if ((st = text_attr(rd, n, "param", kind, sizeof kind, &present)))
        return st;
    int k = present ? camp_param_kind_from_name(kind) : -1;
    if (k < 0)
        return xa_fail(rd, n, "<disperse> needs param= (wind-kt, wind-from-deg, crosswind-kt, headwind-kt, gust-kt, "
                              "turbulence, fuel-pct, payload-kg, cg-shift-in, alt-offset-ft, ias-offset-kt, "
                              "heading-offset-deg, pilot-gain or property), not",
                       present ? kind : "nothing");
    p->kind = (camp_param_kind)k;
    if ((st = text_attr(rd, n, "property", p->property, sizeof p->property, &present)))
        return st;
    if (present != (k == CP_PROPERTY))
        return xa_fail(rd, n, k == CP_PROPERTY ? "param=\"property\" needs property=" : "property= goes with param=\"property\" only", NULL);
    if (k == CP_PROPERTY && !p->property[0])
        return xa_fail(rd, n, "property= is empty", NULL);
    long pm = -1;
    if ((st = int_attr(rd, n, "pointmass", 0, 63, &pm)))
        return st;
    int wants_pm = k == CP_PAYLOAD_KG || k == CP_CG_SHIFT_IN;
    if (wants_pm != (pm >= 0))
        return xa_fail(rd, n, wants_pm ? "this parameter needs pointmass= (the index of the aircraft's point mass)"
                                       : "pointmass= goes with payload-kg and cg-shift-in only", NULL);
    p->pointmass = (int)pm;
    if (c->is_script && lesson_only(p->kind))
        return xa_fail(rd, n, "a script campaign cannot disperse (it needs a lesson)", kind);
    if ((st = text_attr(rd, n, "name", name, sizeof name, &has_name)))
        return st;
    if (has_name && (!name[0] || strpbrk(name, ",\"\n\r")))
        return xa_fail(rd, n, "name= must be non-empty, without commas or quotes", NULL);
    snprintf(p->name, sizeof p->name, "%s", has_name ? name : k == CP_PROPERTY ? p->property : kind);
    if ((st = read_dist(rd, n, &p->d)) || (st = check_support(rd, n, p, kind)))
        return st;
    if (k == CP_TURBULENCE) {
        if (p->d.kind != DIST_CHOICE)
            return xa_fail(rd, n, "turbulence is a level: give dist=\"choice\" values= of 0, 1, 2", NULL);
        for (int i = 0; i < p->d.nchoices; i++)
            if (p->d.choices[i] != 0.0 && p->d.choices[i] != 1.0 && p->d.choices[i] != 2.0)
                return xa_fail(rd, n, "turbulence levels are 0 (none), 1 (light) and 2 (moderate)", NULL);
    }
    for (int i = 0; i < c->nparams; i++) {
        if (strcmp(c->params[i].name, p->name) == 0)
            return xa_fail(rd, n, "two dispersed parameters named", p->name);
        camp_param_kind o = c->params[i].kind;
        int clash = (o == CP_WIND_KT || o == CP_WIND_FROM_DEG) && (k == CP_CROSSWIND_KT || k == CP_HEADWIND_KT);
        clash |= (k == CP_WIND_KT || k == CP_WIND_FROM_DEG) && (o == CP_CROSSWIND_KT || o == CP_HEADWIND_KT);
        if (clash)
            return xa_fail(rd, n, "give the wind as wind-kt/wind-from-deg or as crosswind-kt/headwind-kt, not both",
                           NULL);
        const int qa = o == CP_PROPERTY ? ic_quantity(c->params[i].property) : offset_quantity(o);
        const int qb = k == CP_PROPERTY ? ic_quantity(p->property) : offset_quantity(p->kind);
        if (qa >= 0 && qa == qb && (o == CP_PROPERTY) != (k == CP_PROPERTY))
            return xa_fail(rd, n,
                           "an initial-state offset and a property setting the same quantity cannot both be "
                           "dispersed (one would overwrite the other); the other is",
                           c->params[i].name);
        if (o == p->kind && o != CP_PROPERTY && !((o == CP_PAYLOAD_KG || o == CP_CG_SHIFT_IN) &&
                                                  c->params[i].pointmass != p->pointmass))
            return xa_fail(rd, n, "this parameter is dispersed twice:", kind);
    }
    c->nparams++;
    return SAQR_OK;
}

static saqr_status read_output(const xa_reader *rd, const xmlNode *n, campaign *c)
{
    static const char *const attrs[] = {"name", "property", "at", "pass-min", "pass-max", NULL};
    saqr_status st = xa_check_attrs(rd, n, attrs);
    if (st)
        return st;
    if (c->noutputs == CAMP_MAX_OUTPUTS)
        return xa_fail(rd, n, "a campaign collects at most 32 outputs", NULL);
    camp_output *o = &c->outputs[c->noutputs];
    memset(o, 0, sizeof *o);
    where(rd, n, o->where, sizeof o->where);
    int present;
    if ((st = text_attr(rd, n, "property", o->property, sizeof o->property, &present)))
        return st;
    if (!present || !o->property[0])
        return xa_fail(rd, n, "<output> needs property=", NULL);
    if ((st = text_attr(rd, n, "name", o->name, sizeof o->name, &present)))
        return st;
    if (!present || !o->name[0] || strpbrk(o->name, ",\"\n\r"))
        return xa_fail(rd, n, "<output> needs name= (no commas or quotes)", NULL);
    char at[16];
    if ((st = text_attr(rd, n, "at", at, sizeof at, &present)))
        return st;
    if (!present || strcmp(at, "end") == 0)
        o->at = CAT_END;
    else if (strcmp(at, "max") == 0)
        o->at = CAT_MAX;
    else if (strcmp(at, "min") == 0)
        o->at = CAT_MIN;
    else
        return xa_fail(rd, n, "at= is end, max or min, not", at);
    o->pass_min = o->pass_max = NAN;
    if ((st = xa_number(rd, n, "pass-min", &o->pass_min)) || (st = xa_number(rd, n, "pass-max", &o->pass_max)))
        return st;
    if (!isnan(o->pass_min) && !isnan(o->pass_max) && !(o->pass_min <= o->pass_max))
        return xa_fail(rd, n, "pass-min= is above pass-max=", NULL);
    for (int i = 0; i < c->noutputs; i++)
        if (strcmp(c->outputs[i].name, o->name) == 0)
            return xa_fail(rd, n, "two outputs named", o->name);
    for (int i = 0; i < c->nparams; i++)
        if (strcmp(c->params[i].name, o->name) == 0)
            return xa_fail(rd, n, "an output has the name of a dispersed parameter:", o->name);
    c->noutputs++;
    return SAQR_OK;
}

static saqr_status read_source(const xa_reader *rd, const xmlNode *n, campaign *c, int *have)
{
    if (*have)
        return xa_fail(rd, n, "a campaign flies one <lesson> or one <script>", NULL);
    *have = 1;
    where(rd, n, c->where_source, sizeof c->where_source);
    int present;
    saqr_status st;
    if (xa_is(n, "lesson")) {
        static const char *const attrs[] = {"id", NULL};
        if ((st = xa_check_attrs(rd, n, attrs)) ||
            (st = text_attr(rd, n, "id", c->lesson_id, sizeof c->lesson_id, &present)))
            return st;
        if (!present || !strchr(c->lesson_id, '/') || strstr(c->lesson_id, ".."))
            return xa_fail(rd, n, "<lesson> needs id=\"AIRCRAFT/NAME\"", NULL);
        return SAQR_OK;
    }
    static const char *const attrs[] = {"root", "path", "end-s", NULL};
    c->is_script = 1;
    if ((st = xa_check_attrs(rd, n, attrs)) ||
        (st = text_attr(rd, n, "path", c->script_path, sizeof c->script_path, &present)))
        return st;
    if (!present || !c->script_path[0])
        return xa_fail(rd, n, "<script> needs path= (the script, relative to root=)", NULL);
    char root[CAMP_PATH_MAX];
    if ((st = text_attr(rd, n, "root", root, sizeof root, &present)))
        return st;
    if (!present || !root[0])
        return xa_fail(rd, n, "<script> needs root= (the JSBSim root; \"shared:DIR\" for DIR under --shared)",
                       NULL);
    c->root_in_shared = strncmp(root, "shared:", 7) == 0;
    snprintf(c->script_root, sizeof c->script_root, "%s", root + (c->root_in_shared ? 7 : 0));
    c->end_s = NAN;
    if ((st = xa_number(rd, n, "end-s", &c->end_s)))
        return st;
    if (!isnan(c->end_s) && !(c->end_s > 0.0 && c->end_s <= 86400.0))
        return xa_fail(rd, n, "end-s= is a time from 0 to 86400 s", NULL);
    return SAQR_OK;
}

static saqr_status read_campaign(const xa_reader *rd, const xmlNode *root, campaign *c)
{
    if (!root || !xa_is(root, "campaign"))
        return xa_fail(rd, root, "the root element must be <campaign>", NULL);
    static const char *const attrs[] = {"id", "runs", "seed", NULL};
    saqr_status st = xa_check_attrs(rd, root, attrs);
    if (st)
        return st;
    int present;
    if ((st = text_attr(rd, root, "id", c->id, sizeof c->id, &present)))
        return st;
    if (!present || !c->id[0])
        return xa_fail(rd, root, "<campaign> needs id=", NULL);
    c->runs = -1;
    if ((st = int_attr(rd, root, "runs", 1, CAMP_MAX_RUNS, &c->runs)))
        return st;
    if (c->runs < 0)
        return xa_fail(rd, root, "<campaign> needs runs= (1 to 1000000)", NULL);
    char seed[32];
    if ((st = text_attr(rd, root, "seed", seed, sizeof seed, &present)))
        return st;
    if (!present)
        return xa_fail(rd, root, "<campaign> needs seed= (a whole number, 0 to 2^64-1)", NULL);
    char *end = NULL;
    errno = 0;
    unsigned long long sd = strtoull(seed, &end, 10);
    if (end == seed || *end || errno || seed[0] == '-' || seed[0] == '+' || seed[0] == ' ')
        return xa_fail(rd, root, "seed= is a whole number from 0 to 2^64-1, not", seed);
    c->seed = (uint64_t)sd;
    int have_source = 0;
    /* the source first: which parameters are allowed depends on it */
    for (const xmlNode *n = root->children; n; n = n->next)
        if (n->type == XML_ELEMENT_NODE && (xa_is(n, "lesson") || xa_is(n, "script")) &&
            (st = read_source(rd, n, c, &have_source)))
            return st;
    if (!have_source)
        return xa_fail(rd, root, "a campaign needs a <lesson id=...> or a <script root=... path=...>", NULL);
    for (const xmlNode *n = root->children; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE || xa_is(n, "lesson") || xa_is(n, "script"))
            continue;
        if (xa_is(n, "title")) {
            char title[sizeof c->title + 1];
            xa_content(n, title, sizeof title);
            if (strlen(title) >= sizeof c->title)
                return xa_fail(rd, n, "a <title> has at most 127 characters", NULL);
            memcpy(c->title, title, sizeof c->title);
        } else if (xa_is(n, "description")) {
            continue; /* for the reader of the file */
        } else if (xa_is(n, "disperse")) {
            if ((st = read_param(rd, n, c)))
                return st;
        } else if (xa_is(n, "output")) {
            if ((st = read_output(rd, n, c)))
                return st;
        } else {
            return xa_fail(rd, n, "unknown element in <campaign>:", (const char *)n->name);
        }
    }
    if (c->is_script && c->noutputs == 0)
        return xa_fail(rd, root, "a script campaign needs at least one <output property=... name=...>", NULL);
    if (!c->title[0])
        snprintf(c->title, sizeof c->title, "%s", c->id);
    return SAQR_OK;
}

int campaign_parse_memory(const char *buf, size_t len, const char *name, campaign *c, saqr_err *err)
{
    memset(c, 0, sizeof *c);
    c->end_s = NAN;
    snprintf(c->path, sizeof c->path, "%s", name);
    xa_reader rd = {name, err};
    if (len > CAMPAIGN_MAX_BYTES)
        return err_set(err, SAQR_EPARSE, "%s: larger than 1 MiB", name);
    xmlDoc *doc;
    saqr_status st = xa_parse_memory(buf, len, name, &doc, err);
    if (st)
        return st;
    st = read_campaign(&rd, xmlDocGetRootElement(doc), c);
    xmlFreeDoc(doc);
    return st;
}

int campaign_load(const char *path, campaign *c, saqr_err *err)
{
    memset(c, 0, sizeof *c);
    char *buf = NULL;
    size_t len = 0;
    saqr_status st = file_read_all(path, NULL, CAMPAIGN_MAX_BYTES, &buf, &len, err);
    if (st)
        return st;
    st = campaign_parse_memory(buf, len, path, c, err);
    mem_free(NULL, buf);
    return st;
}
