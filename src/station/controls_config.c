/*
 * controls_config.c - reading the controls mapping (data/controls.xml,
 * format in docs/controls.md):
 *
 *   <controls>
 *     <flaps detents="0 0.5 1"/>
 *     <joystick name="pedals">
 *       <axis index="2" control="rudder" invert="yes" dead-zone="0.03"/>
 *       <axis index="0" control="brake-left"/>
 *     </joystick>
 *     <gamepad name="*">
 *       <axis name="lefty" control="elevator" invert="yes" curve="1.6"/>
 *       <button name="x" control="gear"/>
 *     </gamepad>
 *     <joystick name="*">
 *       <hat index="0" direction="up" control="trim-down"/>
 *     </joystick>
 *   </controls>
 *
 * Every error names the file and line: unknown elements, attributes and
 * controls, indexes out of range, dead zones of 1 or more, curve exponents
 * below 1, a reheat-detent= off a throttle axis or outside (0, 1), an input
 * mapped twice in one section, a section repeated.
 */
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "station/controls.h"
#include "util/file.h"
#include "util/mem.h"
#include "util/xml_attr.h"

#define CONTROLS_MAX_FILE_BYTES (1u << 20) /* a mapping is a few kB           */
#define MAX_EXPONENT 10.0                  /* steeper curves are useless       */
#define MAX_RATE_PER_S 10.0                /* faster than this is a jump       */

/* A printf into a local buffer, then xa_fail. */
static saqr_status failf(const xa_reader *rd, const xmlNode *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static saqr_status failf(const xa_reader *rd, const xmlNode *n, const char *fmt, ...)
{
    char what[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    return xa_fail(rd, n, what, NULL);
}

/* Reads "lo hi ..." (up to `max` numbers) from attribute `attr` into
 * v[]; *n counts them.  Absent attribute: *n = 0. */
static saqr_status read_list(const xa_reader *rd, const xmlNode *n, const char *attr, double *v, int max, int *count)
{
    char buf[256];
    *count = 0;
    if (!xa_text(n, attr, buf, sizeof buf))
        return SAQR_OK;
    const char *p = buf;
    for (;;) {
        while (isspace((unsigned char)*p))
            p++;
        if (!*p)
            return SAQR_OK;
        char *end = NULL;
        double x = strtod(p, &end);
        if (end == p || !isfinite(x) || (*end && !isspace((unsigned char)*end)))
            return failf(rd, n, "%s=\"%s\" is not a list of numbers", attr, buf);
        if (*count >= max)
            return failf(rd, n, "%s= has more than %d numbers", attr, max);
        v[(*count)++] = x;
        p = end;
    }
}

/* An index= attribute: a whole number in 0..limit-1. */
static saqr_status read_index(const xa_reader *rd, const xmlNode *n, const char *kind, int limit, int *out)
{
    double x = NAN;
    saqr_status st = xa_number(rd, n, "index", &x);
    if (st)
        return st;
    if (isnan(x))
        return failf(rd, n, "<%s> needs index=", kind);
    if (x != floor(x) || x < 0.0 || x >= (double)limit)
        return failf(rd, n, "%s index %g is out of range (0..%d)", kind, x, limit - 1);
    *out = (int)x;
    return SAQR_OK;
}

/* A name= attribute: one of SDL's gamepad axis or button names. */
static saqr_status read_pad_name(const xa_reader *rd, const xmlNode *n, int is_button, int *out)
{
    char name[32] = "";
    if (!xa_text(n, "name", name, sizeof name) || !name[0])
        return failf(rd, n, "a gamepad <%s> needs name= (SDL's name, such as \"%s\")", is_button ? "button" : "axis",
                     is_button ? "a" : "leftx");
    int limit = is_button ? CONTROLS_PAD_BUTTONS : CONTROLS_PAD_AXES;
    for (int i = 0; i < limit; i++) {
        const char *s = is_button ? controls_pad_button_name(i) : controls_pad_axis_name(i);
        if (strcmp(s, name) == 0) {
            *out = i;
            return SAQR_OK;
        }
    }
    return failf(rd, n, "\"%s\" is not a gamepad %s (SDL's names: %s)", name, is_button ? "button" : "axis",
                 is_button ? "a, b, x, y, back, guide, start, leftstick, rightstick, leftshoulder, rightshoulder, "
                             "dpup, dpdown, dpleft, dpright, misc1, paddle1..4, touchpad"
                           : "leftx, lefty, rightx, righty, lefttrigger, righttrigger");
}


/* The controls a mapping drives, as their union's limits. */
static void target_limits(unsigned targets, double *lo, double *hi)
{
    *lo = 0.0;
    *hi = 1.0;
    for (int c = 0; c < CONTROLS_COUNT; c++)
        if (targets & (1u << c))
            controls_limits((controls_id)c, lo, hi);
}

/* dead-zone=, curve=, invert= and range= of an axis. */
static saqr_status read_shaping(const xa_reader *rd, const xmlNode *n, controls_map *m)
{
    saqr_status st;
    if ((st = xa_number(rd, n, "dead-zone", &m->dead_zone)) || (st = xa_number(rd, n, "curve", &m->exponent)) ||
        (st = xa_choice(rd, n, "invert", "no", "yes", &m->invert)))
        return st;
    if (!(m->dead_zone >= 0.0 && m->dead_zone < 1.0))
        return failf(rd, n, "dead-zone=%g must be at least 0 and below 1", m->dead_zone);
    if (!(m->exponent >= 1.0 && m->exponent <= MAX_EXPONENT))
        return failf(rd, n, "curve=%g (an exponent) must be between 1 and %g", m->exponent, MAX_EXPONENT);
    double lim_lo, lim_hi, r[2];
    target_limits(m->targets, &lim_lo, &lim_hi);
    m->out_lo = m->centred ? lim_lo : 0.0;
    m->out_hi = lim_hi;
    int nr = 0;
    if ((st = read_list(rd, n, "range", r, 2, &nr)))
        return st;
    if (nr == 0)
        return SAQR_OK;
    if (nr != 2 || r[0] == r[1])
        return failf(rd, n, "range= needs two different numbers, the command at each end");
    for (int i = 0; i < 2; i++)
        if (r[i] < lim_lo || r[i] > lim_hi)
            return failf(rd, n, "range= %g is outside the control's %g..%g", r[i], lim_lo, lim_hi);
    m->out_lo = r[0];
    m->out_hi = r[1];
    return SAQR_OK;
}

/* "axis 1", "button \"a\"", "hat 0 up": an input, for messages. */
static void describe(const controls_map *m, int gamepad, char *buf, size_t size)
{
    static const char *const kinds[] = {"axis", "button", "hat"};
    const char *kind = kinds[m->source];
    if (gamepad)
        snprintf(buf, size, "%s \"%s\"", kind,
                 m->source == CONTROLS_SRC_AXIS ? controls_pad_axis_name(m->index)
                                                : controls_pad_button_name(m->index));
    else if (m->source == CONTROLS_SRC_HAT)
        snprintf(buf, size, "hat %d %s", m->index,
                 m->hat_bits == CONTROLS_HAT_UP      ? "up"
                 : m->hat_bits == CONTROLS_HAT_RIGHT ? "right"
                 : m->hat_bits == CONTROLS_HAT_DOWN  ? "down"
                                                     : "left");
    else
        snprintf(buf, size, "%s %d", kind, m->index);
}

static saqr_status read_hat_direction(const xa_reader *rd, const xmlNode *n, unsigned *bits)
{
    static const char *const dirs[] = {"up", "right", "down", "left"};
    char buf[16] = "";
    xa_text(n, "direction", buf, sizeof buf);
    for (unsigned i = 0; i < 4; i++)
        if (strcmp(buf, dirs[i]) == 0) {
            *bits = 1u << i;
            return SAQR_OK;
        }
    return failf(rd, n, "<hat> needs direction= up, right, down or left");
}

/* One <axis>, <button> or <hat> of a section. */
static saqr_status read_map(const xa_reader *rd, const xmlNode *n, const controls_group *g, controls_map *m)
{
    static const char *const axis_attrs[] = {"index", "name", "control", "invert", "dead-zone", "curve", "range",
                                             "reheat-detent", NULL};
    static const char *const button_attrs[] = {"index", "name", "control", "rate", NULL};
    static const char *const hat_attrs[] = {"index", "direction", "control", "rate", NULL};
    memset(m, 0, sizeof *m);
    m->exponent = 1.0;
    m->line = (int)xmlGetLineNo(n);
    int is_axis = xa_is(n, "axis"), is_hat = xa_is(n, "hat");
    m->source = is_axis ? CONTROLS_SRC_AXIS : is_hat ? CONTROLS_SRC_HAT : CONTROLS_SRC_BUTTON;
    const char *kind = (const char *)n->name;
    saqr_status st = xa_check_attrs(rd, n, is_axis ? axis_attrs : is_hat ? hat_attrs : button_attrs);
    if (st)
        return st;
    if (g->gamepad && is_hat)
        return failf(rd, n, "a gamepad has no <hat>: its d-pad is buttons dpup, dpdown, dpleft, dpright");
    if (g->gamepad && xmlHasProp(n, (const xmlChar *)"index"))
        return failf(rd, n, "a gamepad <%s> is named (name=), not numbered", kind);
    if (!g->gamepad && xmlHasProp(n, (const xmlChar *)"name"))
        return failf(rd, n, "a joystick <%s> is numbered (index=), not named", kind);
    if (g->gamepad)
        st = read_pad_name(rd, n, !is_axis, &m->index);
    else
        st = read_index(rd, n, kind, is_axis ? CONTROLS_MAX_AXIS : is_hat ? CONTROLS_MAX_HAT : CONTROLS_MAX_BUTTON,
                        &m->index);
    if (st || (is_hat && (st = read_hat_direction(rd, n, &m->hat_bits))))
        return st;
    char control[32] = "";
    if (!xa_text(n, "control", control, sizeof control) || !control[0])
        return failf(rd, n, "<%s> needs control=", kind);
    int found = controls_action_find(control, !is_axis, &m->behaviour, &m->targets, &m->rate_per_s);
    if (found == 0)
        return failf(rd, n, "unknown control \"%s\"", control);
    if (found < 0)
        return failf(rd, n, is_axis ? "control \"%s\" is for a button or hat, not an axis"
                                    : "control \"%s\" is for an axis, not a button or hat",
                     control);
    if (is_axis) {
        /* gamepad triggers rest at 0 and read up to 32767 */
        m->half = g->gamepad && m->index >= 4;
        int centred = 1;
        for (int c = 0; c < CONTROLS_COUNT; c++)
            if (m->targets & (1u << c))
                centred &= controls_is_centred((controls_id)c);
        m->centred = centred && !m->half;
        if ((st = read_shaping(rd, n, m)) || (st = xa_number(rd, n, "reheat-detent", &m->reheat_at)))
            return st;
        if (!xmlHasProp(n, (const xmlChar *)"reheat-detent"))
            return SAQR_OK;
        if (m->targets != (1u << CONTROLS_THROTTLE))
            return failf(rd, n, "reheat-detent= is only for a throttle axis");
        if (!(m->reheat_at > 0.0 && m->reheat_at < 1.0))
            return failf(rd, n, "reheat-detent=%g must be above 0 and below 1 (where on the axis the afterburner gate is)",
                         m->reheat_at);
        return SAQR_OK;
    }
    if ((st = xa_number(rd, n, "rate", &m->rate_per_s)))
        return st;
    int is_rate = m->behaviour == CONTROLS_RATE_UP || m->behaviour == CONTROLS_RATE_DOWN;
    if (!is_rate && xmlHasProp(n, (const xmlChar *)"rate"))
        return failf(rd, n, "rate= is only for trim-up, trim-down, throttle-up and throttle-down");
    if (is_rate && !(m->rate_per_s > 0.0 && m->rate_per_s <= MAX_RATE_PER_S))
        return failf(rd, n, "rate=%g must be above 0 and at most %g per second", m->rate_per_s, MAX_RATE_PER_S);
    return SAQR_OK;
}

/* 1 when two mappings of one section read the same input. */
static int same_input(const controls_map *a, const controls_map *b)
{
    return a->source == b->source && a->index == b->index &&
           (a->source != CONTROLS_SRC_HAT || a->hat_bits == b->hat_bits);
}

static saqr_status read_group(const xa_reader *rd, const xmlNode *n, controls_config *cfg)
{
    static const char *const attrs[] = {"name", "guid", NULL};
    static const xa_limit limits[] = {{"name", CONTROLS_NAME_MAX - 1}, {NULL, 0}};
    saqr_status st;
    if ((st = xa_check_attrs(rd, n, attrs)) || (st = xa_check_lengths(rd, n, limits, CONTROLS_GUID_LEN)))
        return st;
    if (cfg->ngroups >= CONTROLS_MAX_GROUPS)
        return failf(rd, n, "more than %d device sections", CONTROLS_MAX_GROUPS);
    controls_group *g = &cfg->group[cfg->ngroups];
    memset(g, 0, sizeof *g);
    g->gamepad = xa_is(n, "gamepad");
    g->line = (int)xmlGetLineNo(n);
    g->first = cfg->nmaps;
    xa_text(n, "name", g->name, sizeof g->name);
    if (xa_text(n, "guid", g->guid, sizeof g->guid)) {
        size_t len = strlen(g->guid);
        for (size_t i = 0; i < len; i++)
            g->guid[i] = (char)tolower((unsigned char)g->guid[i]);
        if (len != CONTROLS_GUID_LEN || strspn(g->guid, "0123456789abcdef") != len)
            return failf(rd, n, "guid= is SDL's GUID, %d hexadecimal digits", CONTROLS_GUID_LEN);
    }
    if (!g->name[0] && !g->guid[0])
        return failf(rd, n, "<%s> needs name= (part of the device's name, or \"*\") or guid=", (const char *)n->name);
    for (int i = 0; i < cfg->ngroups; i++) {
        const controls_group *o = &cfg->group[i];
        if (o->gamepad == g->gamepad && strcasecmp(o->name, g->name) == 0 && strcmp(o->guid, g->guid) == 0)
            return failf(rd, n, "duplicate device section: line %d has the same one", o->line);
    }
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (!xa_is(c, "axis") && !xa_is(c, "button") && !xa_is(c, "hat"))
            return xa_fail(rd, c, "unknown element", (const char *)c->name);
        if (g->count >= CONTROLS_MAX_GROUP_MAPS || cfg->nmaps >= CONTROLS_MAX_MAPS)
            return failf(rd, c, "too many mappings (%d in a section, %d in all)", CONTROLS_MAX_GROUP_MAPS,
                         CONTROLS_MAX_MAPS);
        controls_map *m = &cfg->map[cfg->nmaps];
        if ((st = read_map(rd, c, g, m)))
            return st;
        for (int k = 0; k < g->count; k++) {
            const controls_map *o = &cfg->map[g->first + k];
            if (same_input(o, m)) {
                char what[48];
                describe(m, g->gamepad, what, sizeof what);
                return failf(rd, c, "duplicate mapping: %s is mapped already at line %d", what, o->line);
            }
        }
        cfg->nmaps++;
        g->count++;
    }
    cfg->ngroups++;
    return SAQR_OK;
}

static saqr_status read_flaps(const xa_reader *rd, const xmlNode *n, controls_config *cfg, int *seen)
{
    static const char *const attrs[] = {"detents", NULL};
    saqr_status st = xa_check_attrs(rd, n, attrs);
    if (st)
        return st;
    if ((*seen)++)
        return failf(rd, n, "a second <flaps>");
    if ((st = read_list(rd, n, "detents", cfg->detent, CONTROLS_MAX_DETENTS, &cfg->ndetents)))
        return st;
    if (cfg->ndetents == 0)
        return failf(rd, n, "<flaps> needs detents=, e.g. \"0 0.5 1\"");
    for (int i = 0; i < cfg->ndetents; i++)
        if (cfg->detent[i] < 0.0 || cfg->detent[i] > 1.0 || (i > 0 && !(cfg->detent[i] > cfg->detent[i - 1])))
            return failf(rd, n, "flap detents must ascend within 0..1");
    return SAQR_OK;
}

static saqr_status read_doc(const xmlDoc *doc, const xa_reader *rd, controls_config *cfg)
{
    const xmlNode *root = xmlDocGetRootElement(doc);
    static const char *const no_attrs[] = {NULL};
    if (!root || !xa_is(root, "controls"))
        return xa_fail(rd, root, "the root element must be <controls>", NULL);
    saqr_status st = xa_check_attrs(rd, root, no_attrs);
    int flaps_seen = 0;
    for (const xmlNode *n = root->children; n && !st; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (xa_is(n, "joystick") || xa_is(n, "gamepad"))
            st = read_group(rd, n, cfg);
        else if (xa_is(n, "flaps"))
            st = read_flaps(rd, n, cfg, &flaps_seen);
        else
            st = xa_fail(rd, n, "unknown element", (const char *)n->name);
    }
    if (!st && cfg->ngroups == 0)
        st = xa_fail(rd, root, "no <joystick> or <gamepad> section", NULL);
    return st;
}

/* Empty, with the default flap detents up / half / full. */
static void config_clear(controls_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->detent[0] = 0.0;
    cfg->detent[1] = 0.5;
    cfg->detent[2] = 1.0;
    cfg->ndetents = 3;
}

saqr_status controls_config_load_memory(const char *text, size_t size, const char *name, controls_config *cfg,
                                        saqr_err *err)
{
    config_clear(cfg);
    if (size > CONTROLS_MAX_FILE_BYTES)
        return err_set(err, SAQR_EPARSE, "%s: larger than %u bytes", name, CONTROLS_MAX_FILE_BYTES);
    xmlDoc *doc;
    saqr_status st = xa_parse_memory(text, size, name, &doc, err);
    if (st)
        return st;
    xa_reader rd = {name, err};
    st = read_doc(doc, &rd, cfg);
    xmlFreeDoc(doc);
    if (st)
        config_clear(cfg);
    return st;
}

saqr_status controls_config_load(const char *path, controls_config *cfg, saqr_err *err)
{
    char *buf = NULL;
    size_t len = 0;
    config_clear(cfg);
    saqr_status st = file_read_all(path, mem_default(), CONTROLS_MAX_FILE_BYTES, &buf, &len, err);
    if (st)
        return st;
    st = controls_config_load_memory(buf, len, path, cfg, err);
    mem_free(mem_default(), buf);
    return st;
}
