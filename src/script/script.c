/*
 * script.c - loads a JSBSim script (<runscript>) against a loaded aircraft
 * and runs its events each frame.
 *
 * Loading follows FGScript::LoadScript: <run start end dt> (the script ends
 * at end + 0.99 dt, so the frame at `end` still runs), script-level
 * <output> directives, <property value= persistent=> overrides of the run
 * element (an existing property takes the value, 0 when value= is absent;
 * a new one is created as an input), then the events.  Every name is
 * resolved to a slot here; a <set> or <notify> property the aircraft does
 * not have is created with a warning (JSBSim binds it late and fails only
 * when the event fires).  The event logic itself is in script_event.c.
 * Reference: JSBSim src/input_output/FGScript.cpp,
 * src/input_output/FGPropertyReader.cpp.
 */
#include "script/script.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "expr/func.h"
#include "fdm/condition.h"
#include "script/output.h"
#include "script/script_event.h"

/* A <property> declared in the run element, kept for resets. */
typedef struct script_prop {
    int slot;
    double value;
    int persistent;     /* persistent="true": a reset keeps its value      */
} script_prop;

struct script {
    const char *name;
    double start_s;
    double end_s;       /* end + 0.99 dt, as FGScript                      */
    sev_event *ev;
    int nev;
    sev_wake wake;      /* the events asleep until a time (sev_run)      */
    script_prop *props;
    int nprops;
    int done;
};

/* Number of an attribute; 0 when absent (with *present = 0). */
static saqr_status attr_number(jx_ctx *c, const xmlNode *el, const char *name, double *out, int *present)
{
    const char *s = jx_attr(c, el, name);
    *present = s != NULL && s[0] != '\0';
    if (!*present)
        return SAQR_OK;
    if (cond_parse_number(s, out) != 0 || !isfinite(*out))
        return jx_error(c, el, "%s=\"%.60s\" is not a number", name, s);
    return SAQR_OK;
}

/* Case-insensitive "contains", as JSBSim matches type= and action=. */
static int contains_nocase(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (; hay && *hay; hay++) {
        size_t i = 0;
        while (i < n && hay[i] && tolower((unsigned char)hay[i]) == needle[i])
            i++;
        if (i == n)
            return 1;
    }
    return 0;
}

static saqr_status read_run(jx_ctx *c, const xmlNode *root, const xmlNode **run, double *start, double *end,
                            double *dt)
{
    if (!jx_is(root, "runscript"))
        return jx_error(c, root, "<%s> is not a script (want <runscript>)", (const char *)root->name);
    *run = jx_first(root, "run");
    if (!*run)
        return jx_error(c, root, "the script has no <run> element");
    int have;
    *start = 0.0;
    if (attr_number(c, *run, "start", start, &have) != SAQR_OK)
        return SAQR_EPARSE;
    if (attr_number(c, *run, "end", end, &have) != SAQR_OK)
        return SAQR_EPARSE;
    if (!have)
        return jx_error(c, *run, "<run> needs an end= time");
    if (attr_number(c, *run, "dt", dt, &have) != SAQR_OK)
        return SAQR_EPARSE;
    if (!have || !(*dt > 0.0) || *dt > 1.0)
        return jx_error(c, *run, "<run> needs a time step dt= in (0, 1] s");
    if (*end < *start)
        return jx_error(c, *run, "<run> ends (%g s) before it starts (%g s)", *end, *start);
    return SAQR_OK;
}

saqr_status script_read_use(jx_ctx *c, const char *path, script_use *u)
{
    memset(u, 0, sizeof *u);
    xmlNode *root = jx_load_file(c, path);
    if (!root)
        return SAQR_EPARSE;
    const xmlNode *run = NULL;
    if (read_run(c, root, &run, &u->start_s, &u->end_s, &u->dt_s) != SAQR_OK)
        return SAQR_EPARSE;
    xmlNode *use = jx_first(root, "use");
    if (!use)
        return jx_error(c, root, "the script has no <use> element");
    u->aircraft = jx_attr(c, use, "aircraft");
    if (!u->aircraft || !u->aircraft[0])
        return jx_error(c, use, "<use> needs an aircraft= name");
    u->initfile = jx_attr(c, use, "initialize");
    if (u->initfile && !u->initfile[0])
        u->initfile = NULL;
    return SAQR_OK;
}

/* Slot of a property an event writes or shows; created (with a warning)
 * when the aircraft does not have it. */
static int event_property(jx_ctx *c, const xmlNode *el, const char *name, unsigned flags)
{
    int slot = prop_find(c->props, name);
    if (slot >= 0) {
        jx_warn_unmodelled(c, el, name);
        return slot;
    }
    slot = jx_property(c, el, name, flags); /* warns of an unmodelled one itself */
    if (slot >= 0 && !jx_unmodelled(name))
        jx_warn(c, el, "the aircraft has no property \"%s\"; it is created here", name);
    return slot;
}

static saqr_status load_set(jx_ctx *c, const xmlNode *el, sev_set *s)
{
    static const char *const known[] = {"function", NULL};
    jx_warn_unknown(c, el, known);
    const char *name = jx_attr(c, el, "name");
    if (!name || !name[0])
        return jx_error(c, el, "<set> needs a name= property");
    s->slot = event_property(c, el, name, PROP_INPUT);
    if (s->slot < 0)
        return SAQR_EPARSE;
    if (c->props->flags[s->slot] & PROP_READONLY)
        jx_warn(c, el, "property \"%s\" is read-only; this <set> will be refused", name);

    int have;
    if (attr_number(c, el, "value", &s->value, &have) != SAQR_OK)
        return SAQR_EPARSE;
    if (!have) {
        xmlNode *fn = jx_first(el, "function");
        if (!fn)
            return jx_error(c, el, "<set> needs a value= or a <function>");
        jfunc *jf;
        if (jfunc_load(c, fn, &jf) != SAQR_OK)
            return SAQR_EPARSE;
        s->func = jf;
    }

    const char *type = jx_attr(c, el, "type");
    s->type = contains_nocase(type, "delta") ? SEV_DELTA : contains_nocase(type, "bool") ? SEV_BOOL : SEV_VALUE;
    const char *action = jx_attr(c, el, "action");
    s->action = contains_nocase(action, "ramp")   ? SEV_RAMP
                : contains_nocase(action, "step") ? SEV_STEP
                : contains_nocase(action, "exp")  ? SEV_EXP
                                                  : SEV_STEP;
    s->tc_s = 1.0;
    if (attr_number(c, el, "tc", &s->tc_s, &have) != SAQR_OK)
        return SAQR_EPARSE;
    if (s->action != SEV_STEP && !(s->tc_s > 0.0))
        return jx_error(c, el, "a ramp or exponential <set> needs tc > 0 (got %g)", s->tc_s);
    return SAQR_OK;
}

static saqr_status load_notify(jx_ctx *c, const xmlNode *el, sev_event *e)
{
    static const char *const known[] = {"property", "description", NULL};
    jx_warn_unknown(c, el, known);
    e->notify = 1;
    const char *format = jx_attr(c, el, "format");
    if (format && strcmp(format, "kml") == 0)
        jx_warn(c, el, "KML notifications are not supported; plain text is sent");
    xmlNode *d = jx_first(el, "description");
    if (d)
        e->description = jx_text(c, d);
    e->nitems = jx_count(el, "property");
    e->items = arena_array(c->ar, (size_t)e->nitems + 1, sizeof *e->items);
    if (!e->items)
        return err_set(c->err, SAQR_ENOMEM, "out of memory");
    int k = 0;
    for (xmlNode *p = jx_first(el, "property"); p; p = jx_next(p, "property")) {
        const char *name = jx_text(c, p);
        int slot = event_property(c, p, name, 0);
        if (slot < 0)
            return SAQR_EPARSE;
        const char *apply = jx_attr(c, p, "apply");
        jfunc *applied = NULL;
        if (apply && !jx_template_find(c, apply)) {
            jx_warn(c, p, "no template function \"%s\" is defined; %s is not shown", apply, name);
            continue; /* as JSBSim: left out */
        }
        if (apply && jfunc_load_applied(c, p, apply, name, &applied) != SAQR_OK)
            return SAQR_EPARSE;
        const char *caption = jx_attr(c, p, "caption");
        e->items[k].caption = caption && caption[0] ? caption : name;
        e->items[k].slot = slot;
        e->items[k].applied = applied;
        k++;
    }
    e->nitems = k;
    return SAQR_OK;
}

static saqr_status load_event(jx_ctx *c, const xmlNode *el, sev_event *e)
{
    static const char *const known[] = {"condition", "delay", "set", "notify", "description", NULL};
    jx_warn_unknown(c, el, known);
    const char *name = jx_attr(c, el, "name");
    e->name = name ? name : "";
    const char *p = jx_attr(c, el, "persistent");
    e->persistent = p && strcmp(p, "true") == 0;
    p = jx_attr(c, el, "continuous");
    e->continuous = p && strcmp(p, "true") == 0;

    xmlNode *cel = jx_first(el, "condition");
    if (!cel)
        return jx_error(c, el, "event \"%s\" has no <condition>", e->name);
    cond *k;
    if (cond_load(c, cel, &k) != SAQR_OK)
        return SAQR_EPARSE;
    e->cond = k;
    /* an AND of comparisons (or one): its first is the event's gate */
    const cond_flat *flat = (const cond_flat *)(const void *)k;
    if (flat->n > 0 && (!flat->logic_or || flat->n == 1)) {
        e->gated = 1;
        e->gate_slot = flat->leaf[0].slot;
        e->gate_op = flat->leaf[0].op;
        e->gate_value = flat->leaf[0].value;
        e->gate_alone = flat->n == 1;
    }

    xmlNode *d = jx_first(el, "delay");
    if (d) {
        if (jx_number(c, d, NULL, &e->delay_s) != SAQR_OK)
            return SAQR_EPARSE;
        if (!(e->delay_s >= 0.0))
            return jx_error(c, d, "<delay> must not be negative");
    }

    xmlNode *n = jx_first(el, "notify");
    if (n && load_notify(c, n, e) != SAQR_OK)
        return SAQR_EPARSE;

    e->nsets = jx_count(el, "set");
    e->sets = arena_array(c->ar, (size_t)e->nsets + 1, sizeof *e->sets);
    if (!e->sets)
        return err_set(c->err, SAQR_ENOMEM, "out of memory");
    int i = 0;
    for (xmlNode *s = jx_first(el, "set"); s; s = jx_next(s, "set"))
        if (load_set(c, s, &e->sets[i++]) != SAQR_OK)
            return SAQR_EPARSE;
    return SAQR_OK;
}

/* <property value= persistent=> children of <run>, applied at once. */
static saqr_status load_properties(jx_ctx *c, saqr_fdm *f, const xmlNode *run, script *s)
{
    s->nprops = jx_count(run, "property");
    s->props = arena_array(c->ar, (size_t)s->nprops + 1, sizeof *s->props);
    if (!s->props)
        return err_set(c->err, SAQR_ENOMEM, "out of memory");
    int k = 0;
    for (xmlNode *p = jx_first(run, "property"); p; p = jx_next(p, "property")) {
        script_prop *sp = &s->props[k++];
        int have;
        sp->value = 0.0;
        if (attr_number(c, p, "value", &sp->value, &have) != SAQR_OK)
            return SAQR_EPARSE;
        const char *pers = jx_attr(c, p, "persistent");
        sp->persistent = pers && strcmp(pers, "true") == 0;
        const char *name = jx_text(c, p);
        sp->slot = prop_find(c->props, name);
        if (sp->slot >= 0) {
            jx_warn_unmodelled(c, p, name); /* jx_property does, below */
            /* An existing property goes through the handle so that
             * action properties act, as JSBSim's tied setters do. */
            if (fdm_set_property(f, sp->slot, sp->value) != SAQR_OK)
                jx_warn(c, p, "property \"%s\" refused the value %g", name, sp->value);
        } else {
            sp->slot = jx_property(c, p, name, PROP_INPUT);
            if (sp->slot < 0)
                return SAQR_EPARSE;
            c->props->v[sp->slot] = sp->value;
        }
    }
    return SAQR_OK;
}

saqr_status script_load(jx_ctx *c, saqr_fdm *f, const char *path, script **out)
{
    xmlNode *root = jx_load_file(c, path);
    if (!root)
        return SAQR_EPARSE;
    script *s = arena_alloc(c->ar, sizeof *s);
    if (!s)
        return err_set(c->err, SAQR_ENOMEM, "out of memory");
    const xmlNode *run = NULL;
    double end_s, dt_s;
    if (read_run(c, root, &run, &s->start_s, &end_s, &dt_s) != SAQR_OK)
        return SAQR_EPARSE;
    double dt_now = f->dt_s > 0.0 ? f->dt_s : dt_s;
    s->end_s = end_s + 0.99 * dt_now;
    const char *name = jx_attr(c, root, "name");
    s->name = name ? name : "";

    static const char *const known[] = {"use", "run", "output", "description", NULL};
    jx_warn_unknown(c, root, known);
    static const char *const known_run[] = {"property", "event", "description", NULL};
    jx_warn_unknown(c, run, known_run);

    /* Output directives: a file= is looked up next to the script first. */
    char dir[1024];
    const char *slash = strrchr(path, '/');
    if (slash && (size_t)(slash - path) < sizeof dir) {
        memcpy(dir, path, (size_t)(slash - path));
        dir[slash - path] = '\0';
    } else {
        strcpy(dir, ".");
    }
    const char *dirs[] = {dir, f->root_dir ? f->root_dir : ".", NULL};
    for (xmlNode *o = jx_first(root, "output"); o; o = jx_next(o, "output"))
        if (output_load_in(c, f, o, dirs) != SAQR_OK)
            return SAQR_EPARSE;

    if (load_properties(c, f, run, s) != SAQR_OK)
        return SAQR_EPARSE;

    s->nev = jx_count(run, "event");
    s->ev = arena_array(c->ar, (size_t)s->nev + 1, sizeof *s->ev);
    if (!s->ev)
        return err_set(c->err, SAQR_ENOMEM, "out of memory");
    s->wake.slot = SEV_WAKE_UNKNOWN;
    int i = 0;
    for (xmlNode *e = jx_first(run, "event"); e; e = jx_next(e, "event"))
        if (load_event(c, e, &s->ev[i++]) != SAQR_OK)
            return SAQR_EPARSE;
    *out = s;
    return SAQR_OK;
}

/* ---- running ----------------------------------------------------------- */

static int hook_cond(void *user, const void *k, const double *v)
{
    (void)user;
    return cond_eval(k, v);
}

static double hook_func(void *user, const void *fn, double *v)
{
    saqr_fdm *f = user;
    return jfunc_eval(fn, v, &f->rng);
}

static void hook_set(void *user, int slot, double value)
{
    /* A refused write (read-only, non-finite) is ignored, as JSBSim's
     * setDoubleValue on an untied node, but said; actions that fail
     * fatally (a trim) stop the run through f->fatal. */
    saqr_fdm *f = user;
    if (fdm_set_property(f, slot, value) != SAQR_OK)
        fdm_log(f, "warning: t = %.4f s: %s", f->t_s, f->err.msg);
}

static void hook_line(void *user, const char *text)
{
    fdm_log(user, "%s", text);
}

/* as the API reads it: some properties are worked out only when read */
static double hook_value(void *user, int slot, const double *v)
{
    (void)v;
    return saqr_fdm_get(user, slot);
}

int script_run(script *s, saqr_fdm *f)
{
    if (s->done)
        return 1;
    if (f->t_s > s->end_s) {
        s->done = 1;
        return 1;
    }
    sev_hooks h = {hook_cond, hook_func, hook_set, hook_line, f, hook_value};
    sev_run(s->ev, s->nev, f->props.v, f->t_s, &h, &s->wake);
    return 0;
}

int script_done(const script *s)
{
    return s->done;
}

double script_start_time(const script *s)
{
    return s->start_s;
}

void script_reset(script *s, saqr_fdm *f)
{
    for (int i = 0; i < s->nprops; i++)
        if (!s->props[i].persistent)
            f->props.v[s->props[i].slot] = s->props[i].value;
    sev_reset(s->ev, s->nev, &s->wake);
    s->done = 0;
}
