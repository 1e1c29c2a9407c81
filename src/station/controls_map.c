/*
 * controls_map.c - from raw joystick readings to pilot commands (see
 * controls.h and docs/controls.md for the formulas): axis shaping (dead
 * zone, curve, inversion, range), button edges for toggles and detents,
 * held buttons, rate-limited trim, and the matching of devices to the
 * sections of a configuration.  Pure functions over plain data: no SDL,
 * no clock, no allocation.
 */
#include <ctype.h>
#include <math.h>
#include <string.h>

#include "station/controls.h"

/* ------------------------------------------------------------- tables */

static const struct {
    const char *name;     /* short name, as in the configuration file */
    const char *property; /* JSBSim command property                  */
    int centred;          /* 1: -1..1 with rest at 0; 0: 0..1          */
} control_table[CONTROLS_COUNT] = {
    [CONTROLS_ELEVATOR] = {"elevator", "fcs/elevator-cmd-norm", 1},
    [CONTROLS_AILERON] = {"aileron", "fcs/aileron-cmd-norm", 1},
    [CONTROLS_RUDDER] = {"rudder", "fcs/rudder-cmd-norm", 1},
    [CONTROLS_PITCH_TRIM] = {"pitch-trim", "fcs/pitch-trim-cmd-norm", 1},
    [CONTROLS_THROTTLE] = {"throttle", "fcs/throttle-cmd-norm", 0},
    [CONTROLS_MIXTURE] = {"mixture", "fcs/mixture-cmd-norm", 0},
    [CONTROLS_PROPELLER] = {"propeller", "fcs/advance-cmd-norm", 0},
    [CONTROLS_FLAPS] = {"flaps", "fcs/flap-cmd-norm", 0},
    [CONTROLS_GEAR] = {"gear", "gear/gear-cmd-norm", 0},
    [CONTROLS_BRAKE_LEFT] = {"brake-left", "fcs/left-brake-cmd-norm", 0},
    [CONTROLS_BRAKE_RIGHT] = {"brake-right", "fcs/right-brake-cmd-norm", 0},
    [CONTROLS_SPEEDBRAKE] = {"speedbrake", "fcs/speedbrake-cmd-norm", 0},
};

#define BIT(c) (1u << (c))
#define DEFAULT_TRIM_RATE_PER_S 0.1     /* full travel -1..1 in 20 s */
#define DEFAULT_THROTTLE_RATE_PER_S 0.5 /* idle to full in 2 s       */

/* The control= names of the configuration file. */
static const struct {
    const char *name;             /* as written in the file              */
    int is_button;                /* 1: a button or hat; 0: an axis      */
    controls_behaviour behaviour; /* what the input does                 */
    unsigned targets;             /* the controls it drives              */
    double rate_per_s;            /* default rate of a RATE behaviour    */
} action_table[] = {
    {"elevator", 0, CONTROLS_FOLLOW, BIT(CONTROLS_ELEVATOR), 0.0},
    {"aileron", 0, CONTROLS_FOLLOW, BIT(CONTROLS_AILERON), 0.0},
    {"rudder", 0, CONTROLS_FOLLOW, BIT(CONTROLS_RUDDER), 0.0},
    {"pitch-trim", 0, CONTROLS_FOLLOW, BIT(CONTROLS_PITCH_TRIM), 0.0},
    {"throttle", 0, CONTROLS_FOLLOW, BIT(CONTROLS_THROTTLE), 0.0},
    {"mixture", 0, CONTROLS_FOLLOW, BIT(CONTROLS_MIXTURE), 0.0},
    {"propeller", 0, CONTROLS_FOLLOW, BIT(CONTROLS_PROPELLER), 0.0},
    {"flaps", 0, CONTROLS_FOLLOW, BIT(CONTROLS_FLAPS), 0.0},
    {"brake-left", 0, CONTROLS_FOLLOW, BIT(CONTROLS_BRAKE_LEFT), 0.0},
    {"brake-right", 0, CONTROLS_FOLLOW, BIT(CONTROLS_BRAKE_RIGHT), 0.0},
    {"brakes", 0, CONTROLS_FOLLOW, BIT(CONTROLS_BRAKE_LEFT) | BIT(CONTROLS_BRAKE_RIGHT), 0.0},
    {"speedbrake", 0, CONTROLS_FOLLOW, BIT(CONTROLS_SPEEDBRAKE), 0.0},
    {"brake-left", 1, CONTROLS_HOLD, BIT(CONTROLS_BRAKE_LEFT), 0.0},
    {"brake-right", 1, CONTROLS_HOLD, BIT(CONTROLS_BRAKE_RIGHT), 0.0},
    {"brakes", 1, CONTROLS_HOLD, BIT(CONTROLS_BRAKE_LEFT) | BIT(CONTROLS_BRAKE_RIGHT), 0.0},
    {"gear", 1, CONTROLS_TOGGLE, BIT(CONTROLS_GEAR), 0.0},
    {"speedbrake", 1, CONTROLS_TOGGLE, BIT(CONTROLS_SPEEDBRAKE), 0.0},
    {"flaps-up", 1, CONTROLS_DETENT_UP, BIT(CONTROLS_FLAPS), 0.0},
    {"flaps-down", 1, CONTROLS_DETENT_DOWN, BIT(CONTROLS_FLAPS), 0.0},
    /* trim up is nose up: pitch-trim-cmd-norm falls */
    {"trim-up", 1, CONTROLS_RATE_DOWN, BIT(CONTROLS_PITCH_TRIM), DEFAULT_TRIM_RATE_PER_S},
    {"trim-down", 1, CONTROLS_RATE_UP, BIT(CONTROLS_PITCH_TRIM), DEFAULT_TRIM_RATE_PER_S},
    {"throttle-up", 1, CONTROLS_RATE_UP, BIT(CONTROLS_THROTTLE), DEFAULT_THROTTLE_RATE_PER_S},
    {"throttle-down", 1, CONTROLS_RATE_DOWN, BIT(CONTROLS_THROTTLE), DEFAULT_THROTTLE_RATE_PER_S},
};

/* SDL_GameControllerAxis and SDL_GameControllerButton, in SDL's order and
 * with SDL's names (SDL_gamecontroller.h, SDL 2.0.14 and later). */
static const char *const pad_axes[CONTROLS_PAD_AXES] = {"leftx", "lefty", "rightx", "righty", "lefttrigger",
                                                        "righttrigger"};
static const char *const pad_buttons[CONTROLS_PAD_BUTTONS] = {
    "a",          "b",        "x",         "y",          "back",         "guide",   "start",
    "leftstick",  "rightstick", "leftshoulder", "rightshoulder", "dpup", "dpdown", "dpleft",
    "dpright",    "misc1",    "paddle1",   "paddle2",    "paddle3",      "paddle4", "touchpad"};

const char *controls_name(controls_id id)
{
    return (unsigned)id < CONTROLS_COUNT ? control_table[id].name : "?";
}

const char *controls_property(controls_id id)
{
    return (unsigned)id < CONTROLS_COUNT ? control_table[id].property : "?";
}

int controls_is_centred(controls_id id)
{
    return (unsigned)id < CONTROLS_COUNT && control_table[id].centred;
}

void controls_limits(controls_id id, double *lo, double *hi)
{
    *lo = controls_is_centred(id) ? -1.0 : 0.0;
    *hi = 1.0;
}

const char *controls_pad_axis_name(int i)
{
    return i >= 0 && i < CONTROLS_PAD_AXES ? pad_axes[i] : NULL;
}

const char *controls_pad_button_name(int i)
{
    return i >= 0 && i < CONTROLS_PAD_BUTTONS ? pad_buttons[i] : NULL;
}

int controls_action_find(const char *name, int is_button, controls_behaviour *behaviour, unsigned *targets,
                         double *rate_per_s)
{
    int other = 0;
    for (size_t i = 0; i < sizeof action_table / sizeof action_table[0]; i++) {
        if (strcmp(action_table[i].name, name) != 0)
            continue;
        if (action_table[i].is_button != (is_button != 0)) {
            other = 1;
            continue;
        }
        *behaviour = action_table[i].behaviour;
        *targets = action_table[i].targets;
        *rate_per_s = action_table[i].rate_per_s;
        return 1;
    }
    return other ? -1 : 0;
}

/* ------------------------------------------------------------ shaping */

static double clampd(double x, double lo, double hi)
{
    return x < lo ? lo : x > hi ? hi : x;
}

double controls_shape_one_sided(double t, double dead_zone, double exponent)
{
    t = clampd(t, 0.0, 1.0);
    if (t <= dead_zone)
        return 0.0;
    double s = (t - dead_zone) / (1.0 - dead_zone);
    return pow(clampd(s, 0.0, 1.0), exponent);
}

double controls_shape_centred(double x, double dead_zone, double exponent)
{
    double mag = controls_shape_one_sided(fabs(x), dead_zone, exponent);
    return x < 0.0 ? -mag : mag;
}

double controls_map_axis(const controls_map *m, int raw)
{
    double r = (double)raw / CONTROLS_RAW_FULL;
    double lo = m->out_lo, hi = m->out_hi, out;
    if (m->half) {
        double t = clampd(r, 0.0, 1.0);
        if (m->invert)
            t = 1.0 - t;
        out = lo + controls_shape_one_sided(t, m->dead_zone, m->exponent) * (hi - lo);
    } else {
        double x = clampd(r, -1.0, 1.0);
        if (m->invert)
            x = -x;
        if (m->centred)
            out = lo + 0.5 * (controls_shape_centred(x, m->dead_zone, m->exponent) + 1.0) * (hi - lo);
        else
            out = lo + controls_shape_one_sided(0.5 * (x + 1.0), m->dead_zone, m->exponent) * (hi - lo);
    }
    /* rounding must not step outside the range */
    return lo < hi ? clampd(out, lo, hi) : clampd(out, hi, lo);
}

double controls_detent_step(const double *detent, int n, double value, int dir)
{
    const double eps = 1e-6;
    if (dir > 0) {
        for (int i = 0; i < n; i++)
            if (detent[i] > value + eps)
                return detent[i];
    } else if (dir < 0) {
        for (int i = n - 1; i >= 0; i--)
            if (detent[i] < value - eps)
                return detent[i];
    }
    return value;
}

/* ----------------------------------------------------------- matching */

/* 1 when `pattern` occurs in `text`, ignoring ASCII case. */
static int contains_nocase(const char *text, const char *pattern)
{
    size_t n = strlen(pattern);
    for (const char *t = text;; t++) {
        size_t i = 0;
        while (i < n && t[i] && tolower((unsigned char)t[i]) == tolower((unsigned char)pattern[i]))
            i++;
        if (i == n)
            return 1;
        if (!*t)
            return 0;
    }
}

static int group_claims(const controls_group *g, const char *name, const char *guid, int is_gamepad)
{
    if (g->gamepad && !is_gamepad)
        return 0;
    if (g->name[0] && strcmp(g->name, "*") != 0 && !contains_nocase(name ? name : "", g->name))
        return 0;
    if (g->guid[0] && !(guid && strlen(guid) == strlen(g->guid) && contains_nocase(guid, g->guid)))
        return 0;
    return 1;
}

int controls_config_match(const controls_config *cfg, const char *name, const char *guid, int is_gamepad)
{
    for (int i = 0; i < cfg->ngroups; i++)
        if (group_claims(&cfg->group[i], name, guid, is_gamepad))
            return i;
    return -1;
}

/* -------------------------------------------------------------- state */

void controls_state_init(controls_state *s, const controls_config *cfg)
{
    memset(s, 0, sizeof *s);
    s->value[CONTROLS_MIXTURE] = 1.0;
    s->value[CONTROLS_GEAR] = 1.0;
    s->throttle_mil = 1.0;
    s->ndetents = cfg->ndetents;
    memcpy(s->detent, cfg->detent, sizeof s->detent);
    for (int d = 0; d < CONTROLS_MAX_DEVICES; d++)
        s->dev[d].group = -1;
}

saqr_status controls_state_set(controls_state *s, controls_id id, double value, saqr_err *err)
{
    if ((unsigned)id >= CONTROLS_COUNT)
        return err_set(err, SAQR_EINVAL, "controls: no control number %d", (int)id);
    double lo, hi;
    controls_limits(id, &lo, &hi);
    if (!(value >= lo && value <= hi))
        return err_set(err, SAQR_EINVAL, "controls: %s = %g is outside %g..%g", controls_name(id), value, lo, hi);
    s->value[id] = value;
    return SAQR_OK;
}

saqr_status controls_state_set_detents(controls_state *s, const double *detent, int n, saqr_err *err)
{
    if (n < 1 || n > CONTROLS_MAX_DETENTS)
        return err_set(err, SAQR_EINVAL, "controls: %d flap detents (1..%d allowed)", n, CONTROLS_MAX_DETENTS);
    for (int i = 0; i < n; i++)
        if (!(detent[i] >= 0.0 && detent[i] <= 1.0) || (i > 0 && !(detent[i] > detent[i - 1])))
            return err_set(err, SAQR_EINVAL, "controls: flap detents must ascend within 0..1 (detent %d)", i + 1);
    memcpy(s->detent, detent, (size_t)n * sizeof *detent);
    s->ndetents = n;
    return SAQR_OK;
}

unsigned controls_take_changed(controls_state *s)
{
    unsigned m = s->changed;
    s->changed = 0;
    return m;
}

saqr_status controls_attach(controls_state *s, const controls_config *cfg, int group, int *slot, saqr_err *err)
{
    if (group < 0 || group >= cfg->ngroups)
        return err_set(err, SAQR_EINVAL, "controls: no device section %d", group);
    for (int d = 0; d < CONTROLS_MAX_DEVICES; d++) {
        controls_device *dev = &s->dev[d];
        if (dev->group >= 0)
            continue;
        memset(dev, 0, sizeof *dev);
        dev->group = group;
        for (int k = 0; k < CONTROLS_MAX_GROUP_MAPS; k++)
            dev->axis_out[k] = NAN;
        *slot = d;
        return SAQR_OK;
    }
    return err_set(err, SAQR_ESTATE, "controls: %d devices are attached already", CONTROLS_MAX_DEVICES);
}

/* The attached device in `slot` and its section, or NULL. */
static controls_device *slot_device(controls_state *s, const controls_config *cfg, int slot,
                                    const controls_group **g)
{
    if (slot < 0 || slot >= CONTROLS_MAX_DEVICES)
        return NULL;
    controls_device *dev = &s->dev[slot];
    if (dev->group < 0 || dev->group >= cfg->ngroups)
        return NULL;
    *g = &cfg->group[dev->group];
    if (g[0]->first < 0 || g[0]->count < 0 || g[0]->count > CONTROLS_MAX_GROUP_MAPS ||
        g[0]->first + g[0]->count > cfg->nmaps)
        return NULL;
    return dev;
}

static void set_value(controls_state *s, int c, double v)
{
    double lo, hi;
    controls_limits((controls_id)c, &lo, &hi);
    s->value[c] = clampd(v, lo, hi);
    s->changed |= BIT(c);
}

/* Every control in `targets` gets what the device's mappings of
 * `behaviour` onto it say: FOLLOW, the sum of their last commands (so two
 * triggers can share the rudder); HOLD, 1 while any of them is down. */
static void recompute(controls_state *s, const controls_config *cfg, const controls_device *dev,
                      const controls_group *g, unsigned targets, controls_behaviour behaviour)
{
    for (int c = 0; c < CONTROLS_COUNT; c++) {
        if (!(targets & BIT(c)))
            continue;
        double sum = 0.0;
        int held = 0;
        for (int k = 0; k < g->count; k++) {
            const controls_map *m = &cfg->map[g->first + k];
            if (m->behaviour != behaviour || !(m->targets & BIT(c)))
                continue;
            held |= dev->down[k];
            if (!isnan(dev->axis_out[k]))
                sum += c == CONTROLS_THROTTLE ? controls_reheat_remap(dev->axis_out[k], m->reheat_at, s->throttle_mil)
                                              : dev->axis_out[k];
        }
        set_value(s, c, behaviour == CONTROLS_HOLD ? (held ? 1.0 : 0.0) : sum);
    }
}

double controls_reheat_remap(double v, double p, double mil)
{
    if (!(p > 0.0 && p < 1.0) || !(mil > 0.0 && mil < 1.0))
        return v;
    return v <= p ? v * mil / p : mil + (v - p) * (1.0 - mil) / (1.0 - p);
}

saqr_status controls_state_set_throttle_mil(controls_state *s, const controls_config *cfg, double mil,
                                            saqr_err *err)
{
    if (!(mil > 0.0 && mil <= 1.0))
        return err_set(err, SAQR_EINVAL, "controls: a military detent of %g is outside (0, 1]", mil);
    s->throttle_mil = mil;
    for (int d = 0; d < CONTROLS_MAX_DEVICES; d++) {
        const controls_group *g = NULL;
        const controls_device *dev = slot_device(s, cfg, d, &g);
        if (!dev)
            continue;
        /* only a device with a gated throttle axis it has read: the
         * others' throttle stays where their buttons or nothing put it */
        for (int k = 0; k < g->count; k++) {
            const controls_map *m = &cfg->map[g->first + k];
            if (m->behaviour == CONTROLS_FOLLOW && (m->targets & BIT(CONTROLS_THROTTLE)) && m->reheat_at > 0.0 &&
                !isnan(dev->axis_out[k])) {
                recompute(s, cfg, dev, g, BIT(CONTROLS_THROTTLE), CONTROLS_FOLLOW);
                break;
            }
        }
    }
    return SAQR_OK;
}

/* A button mapping k of the device goes down or up; only edges act. */
static void button_edge(controls_state *s, const controls_config *cfg, controls_device *dev, const controls_group *g,
                        int k, int down)
{
    const controls_map *m = &cfg->map[g->first + k];
    down = down != 0;
    if (dev->down[k] == down)
        return; /* no edge: a repeated report changes nothing */
    dev->down[k] = (unsigned char)down;
    if (down)
        dev->pressed[k] = 1;
    for (int c = 0; c < CONTROLS_COUNT; c++) {
        if (!(m->targets & BIT(c)))
            continue;
        switch (m->behaviour) {
        case CONTROLS_HOLD:
            recompute(s, cfg, dev, g, BIT(c), CONTROLS_HOLD);
            break;
        case CONTROLS_TOGGLE:
            if (down)
                set_value(s, c, s->value[c] >= 0.5 ? 0.0 : 1.0);
            break;
        case CONTROLS_DETENT_UP:
        case CONTROLS_DETENT_DOWN:
            if (down)
                set_value(s, c,
                          controls_detent_step(s->detent, s->ndetents, s->value[c],
                                               m->behaviour == CONTROLS_DETENT_DOWN ? 1 : -1));
            break;
        default: /* FOLLOW is not a button; RATE moves in controls_advance */
            break;
        }
    }
}

void controls_input(controls_state *s, const controls_config *cfg, int slot, controls_source src, int index,
                    int value)
{
    const controls_group *g = NULL;
    controls_device *dev = slot_device(s, cfg, slot, &g);
    if (!dev)
        return;
    for (int k = 0; k < g->count; k++) {
        const controls_map *m = &cfg->map[g->first + k];
        if (m->source != src || m->index != index)
            continue;
        if (src == CONTROLS_SRC_HAT) {
            button_edge(s, cfg, dev, g, k, ((unsigned)value & m->hat_bits) != 0);
        } else if (src == CONTROLS_SRC_BUTTON) {
            button_edge(s, cfg, dev, g, k, value);
        } else if (m->behaviour == CONTROLS_FOLLOW) {
            dev->axis_out[k] = controls_map_axis(m, value);
            recompute(s, cfg, dev, g, m->targets, CONTROLS_FOLLOW);
        }
    }
}

void controls_axis(controls_state *s, const controls_config *cfg, int slot, int axis, int raw)
{
    controls_input(s, cfg, slot, CONTROLS_SRC_AXIS, axis, raw);
}

void controls_button(controls_state *s, const controls_config *cfg, int slot, int button, int down)
{
    controls_input(s, cfg, slot, CONTROLS_SRC_BUTTON, button, down);
}

void controls_hat(controls_state *s, const controls_config *cfg, int slot, int hat, unsigned bits)
{
    controls_input(s, cfg, slot, CONTROLS_SRC_HAT, hat, (int)(bits & 0xffu));
}

void controls_detach(controls_state *s, const controls_config *cfg, int slot)
{
    const controls_group *g = NULL;
    controls_device *dev = slot_device(s, cfg, slot, &g);
    if (!dev) {
        if (slot >= 0 && slot < CONTROLS_MAX_DEVICES)
            s->dev[slot].group = -1;
        return;
    }
    for (int k = 0; k < g->count; k++)
        if (dev->down[k])
            button_edge(s, cfg, dev, g, k, 0);
    dev->group = -1;
}

saqr_status controls_advance(controls_state *s, const controls_config *cfg, double dt_s, saqr_err *err)
{
    if (!(dt_s >= 0.0) || !isfinite(dt_s))
        return err_set(err, SAQR_EINVAL, "controls: time step %g s", dt_s);
    double up[CONTROLS_COUNT] = {0}, down[CONTROLS_COUNT] = {0};
    unsigned moved = 0;
    for (int d = 0; d < CONTROLS_MAX_DEVICES; d++) {
        const controls_group *g = NULL;
        controls_device *dev = slot_device(s, cfg, d, &g);
        if (!dev)
            continue;
        for (int k = 0; k < g->count; k++) {
            const controls_map *m = &cfg->map[g->first + k];
            int active = dev->down[k] || dev->pressed[k];
            dev->pressed[k] = 0;
            if (!active || (m->behaviour != CONTROLS_RATE_UP && m->behaviour != CONTROLS_RATE_DOWN))
                continue;
            for (int c = 0; c < CONTROLS_COUNT; c++) {
                if (!(m->targets & BIT(c)))
                    continue;
                double *r = m->behaviour == CONTROLS_RATE_UP ? &up[c] : &down[c];
                *r = fmax(*r, m->rate_per_s);
                moved |= BIT(c);
            }
        }
    }
    for (int c = 0; c < CONTROLS_COUNT; c++)
        if (moved & BIT(c))
            set_value(s, c, s->value[c] + (up[c] - down[c]) * dt_s);
    return SAQR_OK;
}
