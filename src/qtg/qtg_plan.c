/*
 * qtg_plan.c - reading aircraft/NAME/qtg.xml, the list of test flights
 * (see qtg.h):
 *
 *   <qtg aircraft="super-mushak" initfile="reset-cruise" ground-initfile="reset-runway">
 *     <test id="stall-clean" kind="stall-speed" title="Stall speed, clean"
 *           altitude-ft="5000" speed-kt="70" flaps="0">
 *       <set property="propulsion/tank[0]/contents-lbs" value="100"/>
 *       <expect value="62" tolerance="3" unit="kt" source="estimate: README, Stall"/>
 *     </test>
 *     <test id="phugoid" kind="phugoid-period" altitude-ft="5000" speed-kt="110">
 *       <range min="30" max="60" unit="s" source="14 CFR Part 60 App. B"/>
 *     </test>
 *   </qtg>
 *
 * Every error names the file and line; unknown attributes are errors too
 * (a misspelt condition would silently change a test).
 */
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qtg/qtg.h"
#include "util/xml_attr.h"

static const char *const kind_names[QTG_KIND_COUNT] = {
    [QTG_STALL_SPEED] = "stall-speed",
    [QTG_MAX_LEVEL_SPEED] = "max-level-speed",
    [QTG_BEST_CLIMB] = "best-climb",
    [QTG_SERVICE_CEILING] = "service-ceiling",
    [QTG_TAKEOFF_ROLL] = "takeoff-roll",
    [QTG_TAKEOFF_50FT] = "takeoff-50ft",
    [QTG_LANDING_ROLL] = "landing-roll",
    [QTG_PHUGOID_PERIOD] = "phugoid-period",
    [QTG_PHUGOID_DAMPING] = "phugoid-damping",
    [QTG_SHORT_PERIOD_DAMPING] = "short-period-damping",
    [QTG_DUTCH_ROLL_PERIOD] = "dutch-roll-period",
    [QTG_PHUGOID_HALF_CYCLES] = "phugoid-half-cycles",
    [QTG_DUTCH_ROLL_HALF_CYCLES] = "dutch-roll-half-cycles",
    [QTG_ROLL_RATE] = "roll-rate",
    [QTG_STALL_WARNING] = "stall-warning",
    [QTG_SUSTAINED_TURN] = "sustained-turn",
    [QTG_ACCEL_TIME] = "acceleration-time",
    [QTG_LIMITER_G] = "limiter-g",
    [QTG_LIMITER_ALPHA] = "limiter-alpha",
    [QTG_SPIRAL_STABILITY] = "spiral-stability",
    [QTG_RUDDER_RESPONSE] = "rudder-response",
    [QTG_SPIN_RECOVERY] = "spin-recovery",
    [QTG_ENGINE_ACCEL] = "engine-acceleration",
    [QTG_ENGINE_DECEL] = "engine-deceleration",
    [QTG_SIDESLIP_BANK] = "sideslip-bank",
    [QTG_SIDESLIP_BETA] = "sideslip-angle",
    [QTG_SIDESLIP_AILERON] = "sideslip-aileron",
};

const char *qtg_kind_name(qtg_kind k)
{
    return (unsigned)k < QTG_KIND_COUNT ? kind_names[k] : "?";
}

void qtg_band(const qtg_test *t, double *lo, double *hi)
{
    if (t->has_range) {
        *lo = t->range_min;
        *hi = t->range_max;
        return;
    }
    double tol = fmax(t->tol_abs, fabs(t->expect) * t->tol_pct / 100.0);
    *lo = t->expect - tol;
    *hi = t->expect + tol;
}

static saqr_status read_acceptance(const xa_reader *rd, const xmlNode *n, qtg_test *t)
{
    static const char *const expect_attrs[] = {"value", "tolerance", "tolerance-pct", "unit", "source", NULL};
    static const char *const range_attrs[] = {"min", "max", "unit", "source", NULL};
    saqr_status st;
    if (xa_is(n, "expect")) {
        if ((st = xa_check_attrs(rd, n, expect_attrs)))
            return st;
        if ((st = xa_number(rd, n, "value", &t->expect)) || (st = xa_number(rd, n, "tolerance", &t->tol_abs)) ||
            (st = xa_number(rd, n, "tolerance-pct", &t->tol_pct)))
            return st;
        if (isnan(t->expect))
            return xa_fail(rd, n, "<expect> needs value=", NULL);
        if (!(t->tol_abs > 0.0) && !(t->tol_pct > 0.0))
            return xa_fail(rd, n, "<expect> needs a positive tolerance= or tolerance-pct=", NULL);
    } else {
        if ((st = xa_check_attrs(rd, n, range_attrs)))
            return st;
        if ((st = xa_number(rd, n, "min", &t->range_min)) || (st = xa_number(rd, n, "max", &t->range_max)))
            return st;
        if (isnan(t->range_min) || isnan(t->range_max) || !(t->range_min < t->range_max))
            return xa_fail(rd, n, "<range> needs min= below max=", NULL);
        t->has_range = 1;
    }
    xa_text(n, "unit", t->unit, sizeof t->unit);
    if (!xa_text(n, "source", t->source, sizeof t->source) || !t->source[0])
        return xa_fail(rd, n, "every figure needs its source=", NULL);
    return SAQR_OK;
}

static saqr_status read_test(const xa_reader *rd, const xmlNode *n, qtg_test *t)
{
    static const char *const attrs[] = {"id", "kind", "title", "altitude-ft", "speed-kt", "mach", "mach-end",
                                        "flaps", "gear", "throttle", "control", "rotate-kt", "property", "graded",
                                        "method", "bank-deg", NULL};
    saqr_status st = xa_check_attrs(rd, n, attrs);
    if (st)
        return st;
    memset(t, 0, sizeof *t);
    t->altitude_ft = 0.0;
    t->speed_kt = t->mach = t->mach_end = t->flaps = t->gear = t->throttle = t->control = t->rotate_kt = NAN;
    t->bank_deg = NAN;
    t->expect = t->range_min = t->range_max = NAN;
    snprintf(t->where, sizeof t->where, "%s:%ld", rd->path, (long)xmlGetLineNo(n));
    if (!xa_text(n, "id", t->id, sizeof t->id) || !t->id[0])
        return xa_fail(rd, n, "<test> needs id=", NULL);
    char kind[48] = "";
    xa_text(n, "kind", kind, sizeof kind);
    int k = -1;
    for (int i = 0; i < QTG_KIND_COUNT; i++)
        if (strcmp(kind, kind_names[i]) == 0)
            k = i;
    if (k < 0)
        return xa_fail(rd, n, "unknown test kind", kind);
    t->kind = (qtg_kind)k;
    if (!xa_text(n, "title", t->title, sizeof t->title))
        memcpy(t->title, t->id, sizeof t->id); /* id fits: 48 < 96 */
    xa_text(n, "property", t->property, sizeof t->property);
    int not_graded = 0;
    if ((st = xa_choice(rd, n, "graded", "yes", "no", &not_graded)) ||
        (st = xa_choice(rd, n, "method", "time-history", "linear-model", &t->linear_model)))
        return st;
    t->graded = !not_graded;
    if (t->linear_model && t->kind != QTG_SHORT_PERIOD_DAMPING)
        return xa_fail(rd, n, "method=\"linear-model\" is for short-period-damping tests, not", kind);
    if ((st = xa_number(rd, n, "altitude-ft", &t->altitude_ft)) || (st = xa_number(rd, n, "speed-kt", &t->speed_kt)) ||
        (st = xa_number(rd, n, "mach", &t->mach)) || (st = xa_number(rd, n, "mach-end", &t->mach_end)) ||
        (st = xa_number(rd, n, "flaps", &t->flaps)) || (st = xa_number(rd, n, "gear", &t->gear)) ||
        (st = xa_number(rd, n, "throttle", &t->throttle)) || (st = xa_number(rd, n, "control", &t->control)) ||
        (st = xa_number(rd, n, "rotate-kt", &t->rotate_kt)) || (st = xa_number(rd, n, "bank-deg", &t->bank_deg)))
        return st;
    int have = 0;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (xa_is(c, "set")) {
            static const char *const set_attrs[] = {"property", "value", NULL};
            if ((st = xa_check_attrs(rd, c, set_attrs)))
                return st;
            if (t->nset >= QTG_MAX_SETS)
                return xa_fail(rd, c, "too many <set>s", NULL);
            qtg_set *s = &t->set[t->nset];
            s->value = NAN;
            if (!xa_text(c, "property", s->name, sizeof s->name) || (st = xa_number(rd, c, "value", &s->value)))
                return st ? st : xa_fail(rd, c, "<set> needs property=", NULL);
            if (isnan(s->value))
                return xa_fail(rd, c, "<set> needs value=", NULL);
            t->nset++;
        } else if (xa_is(c, "expect") || xa_is(c, "range")) {
            if (have++)
                return xa_fail(rd, c, "a test has one <expect> or <range>", NULL);
            if ((st = read_acceptance(rd, c, t)))
                return st;
        } else {
            return xa_fail(rd, c, "unknown element", (const char *)c->name);
        }
    }
    if (!have)
        return xa_fail(rd, n, "<test> needs an <expect> or a <range>", NULL);
    /* what each kind cannot do without */
    int engine = t->kind == QTG_ENGINE_ACCEL || t->kind == QTG_ENGINE_DECEL;
    int needs_speed = t->kind != QTG_SERVICE_CEILING && t->kind != QTG_TAKEOFF_ROLL && t->kind != QTG_TAKEOFF_50FT &&
                      t->kind != QTG_SUSTAINED_TURN && t->kind != QTG_ACCEL_TIME && t->kind != QTG_LIMITER_G &&
                      t->kind != QTG_LIMITER_ALPHA && !engine;
    if (needs_speed && isnan(t->speed_kt) && !(t->mach > 0.0))
        return xa_fail(rd, n, "this test needs speed-kt= (or mach=)", NULL);
    if ((t->kind == QTG_TAKEOFF_ROLL || t->kind == QTG_TAKEOFF_50FT) && isnan(t->rotate_kt))
        return xa_fail(rd, n, "a take-off test needs rotate-kt=", NULL);
    if ((t->kind == QTG_SUSTAINED_TURN || t->kind == QTG_LIMITER_G || t->kind == QTG_LIMITER_ALPHA) &&
        !(t->mach > 0.0))
        return xa_fail(rd, n, "this test needs mach=", NULL);
    if (t->kind == QTG_ACCEL_TIME && !(t->mach > 0.0 && t->mach_end > t->mach))
        return xa_fail(rd, n, "an acceleration test needs mach= and a higher mach-end=", NULL);
    if (t->kind == QTG_STALL_WARNING && !t->property[0])
        return xa_fail(rd, n, "a stall-warning test needs property=", NULL);
    if (t->kind == QTG_SERVICE_CEILING && isnan(t->speed_kt))
        return xa_fail(rd, n, "a ceiling test needs speed-kt= (a guess of Vy)", NULL);
    /* Part 60's spiral test starts from a 20-30 degree bank, either way */
    if (t->kind == QTG_SPIRAL_STABILITY && !(fabs(t->bank_deg) >= 5.0 && fabs(t->bank_deg) <= 60.0))
        return xa_fail(rd, n, "a spiral-stability test needs bank-deg= between 5 and 60 degrees, either sign", NULL);
    int rudder = t->kind == QTG_RUDDER_RESPONSE || t->kind == QTG_SIDESLIP_BANK || t->kind == QTG_SIDESLIP_BETA ||
                 t->kind == QTG_SIDESLIP_AILERON || t->kind == QTG_SPIN_RECOVERY;
    if (rudder && !isnan(t->control) && !(fabs(t->control) > 0.0 && fabs(t->control) <= 1.0))
        return xa_fail(rd, n, "a rudder test's control= is a fraction of full rudder, 0 < |x| <= 1", NULL);
    if (engine && !isnan(t->throttle) && !(t->throttle > 0.0 && t->throttle <= 1.0))
        return xa_fail(rd, n, "an engine test's throttle= (take-off power) is in (0, 1]", NULL);
    if (!isnan(t->bank_deg) && t->kind != QTG_SPIRAL_STABILITY)
        return xa_fail(rd, n, "bank-deg= is for spiral-stability tests, not", kind);
    return SAQR_OK;
}

static saqr_status read_doc(xmlDoc *doc, const char *path, qtg_plan *plan, saqr_err *err)
{
    xa_reader rd = {path, err};
    saqr_status st = SAQR_OK;
    const xmlNode *root = xmlDocGetRootElement(doc);
    static const char *const root_attrs[] = {"aircraft", "initfile", "ground-initfile", NULL};
    if (!root || !xa_is(root, "qtg"))
        return xa_fail(&rd, root, "the root element must be <qtg>", NULL);
    if ((st = xa_check_attrs(&rd, root, root_attrs)))
        return st;
    if (!xa_text(root, "aircraft", plan->aircraft, sizeof plan->aircraft) ||
        !xa_text(root, "initfile", plan->initfile, sizeof plan->initfile))
        return xa_fail(&rd, root, "<qtg> needs aircraft= and initfile=", NULL);
    xa_text(root, "ground-initfile", plan->ground_initfile, sizeof plan->ground_initfile);
    for (const xmlNode *n = root->children; n && st == SAQR_OK; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (!xa_is(n, "test"))
            st = xa_fail(&rd, n, "unknown element", (const char *)n->name);
        else if (plan->ntests >= QTG_MAX_TESTS)
            st = xa_fail(&rd, n, "too many tests", NULL);
        else if ((st = read_test(&rd, n, &plan->tests[plan->ntests])) == SAQR_OK)
            plan->ntests++;
    }
    if (st == SAQR_OK && plan->ntests == 0)
        st = xa_fail(&rd, root, "the plan has no <test>", NULL);
    return st;
}

static saqr_status parse_failed(const char *path, saqr_err *err)
{
    const xmlError *e = xmlGetLastError();
    if (e && e->line > 0)
        return err_set(err, SAQR_EPARSE, "%s:%d: %s", path, e->line, e->message ? e->message : "bad XML");
    return err_set(err, SAQR_EPARSE, "%s: not an XML document", path);
}

static const int parse_options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;

saqr_status qtg_plan_load(const char *path, qtg_plan *plan, saqr_err *err)
{
    memset(plan, 0, sizeof *plan);
    FILE *f = fopen(path, "rb");
    if (!f)
        return err_set(err, SAQR_EIO, "%s: cannot read the file", path);
    fclose(f);
    xmlDoc *doc = xmlReadFile(path, NULL, parse_options);
    if (!doc)
        return parse_failed(path, err);
    saqr_status st = read_doc(doc, path, plan, err);
    xmlFreeDoc(doc);
    return st;
}

saqr_status qtg_plan_load_memory(const char *text, size_t size, const char *name, qtg_plan *plan, saqr_err *err)
{
    memset(plan, 0, sizeof *plan);
    if (size > (size_t)1 << 30)
        return err_set(err, SAQR_EPARSE, "%s: too large", name);
    xmlDoc *doc = xmlReadMemory(text, (int)size, name, NULL, parse_options);
    if (!doc)
        return parse_failed(name, err);
    saqr_status st = read_doc(doc, name, plan, err);
    xmlFreeDoc(doc);
    return st;
}
