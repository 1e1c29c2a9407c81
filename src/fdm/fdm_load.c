/*
 * fdm_load.c - loading a JSBSim aircraft (root/aircraft/NAME/NAME.xml):
 * the <fdm_config> sections in JSBSim's order, each handed to its model's
 * loader, with file= includes resolved against the aircraft folder.
 * Systems load in JSBSim's order: every <system>, then <autopilot>, then
 * <flight_control>, since their channels run in load order.
 * Reference: JSBSim src/FGFDMExec.cpp (LoadModel, ReadChild...),
 * src/input_output/FGModelLoader.cpp.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fdm/aero.h"
#include "fdm/buoyancy.h"
#include "fdm/external.h"
#include "fdm/fcs.h"
#include "fdm/fdm_air.h"
#include "fdm/fdm_load.h"
#include "fdm/fdm_slots.h"
#include "fdm/ground.h"
#include "util/mem.h"
#include "fdm/mass.h"
#include "fdm/propulsion.h"
#include "script/output.h"

void fdm_jx_open(saqr_fdm *f, jx_ctx *c)
{
    memset(c, 0, sizeof *c);
    c->ar = &f->ar;
    c->props = &f->props;
    c->err = &f->err;
    c->log = f->log;
    c->log_user = f->log_user;
    c->root_dir = f->root_dir;
    c->aircraft_dir = f->aircraft_dir;
    if (!f->templates && (f->templates = mem_alloc(&f->alloc, sizeof *f->templates)))
        memset(f->templates, 0, sizeof *f->templates);
    c->templates = f->templates; /* NULL (out of memory): the load's own */
}

/* <input port="N"/>: JSBSim's property server (FGInputSocket), which
 * `saqr run` opens; the library only records the port.  QTJSBSIM's UDP
 * input is not supported. */
static saqr_status load_input(jx_ctx *c, saqr_fdm *f, const xmlNode *el)
{
    const char *type = jx_attr(c, el, "type"), *port = jx_attr(c, el, "port");
    if (type && *type && strcasecmp(type, "SOCKET") != 0) {
        jx_warn(c, el, "<input type=\"%s\"> is not supported; ignored", type);
        return SAQR_OK;
    }
    char *end;
    long p = port ? strtol(port, &end, 10) : 0;
    if (!port || end == port || *end || p < 1 || p > 65535)
        return jx_error(c, el, "<input> needs a port= from 1 to 65535");
    if (f->input_port)
        jx_warn(c, el, "a second property server is ignored (port %d is the one)", f->input_port);
    else
        f->input_port = (int)p;
    return SAQR_OK;
}

void fdm_templates_free(saqr_fdm *f)
{
    if (!f->templates)
        return;
    jx_templates_free(f->templates);
    mem_free(&f->alloc, f->templates);
    f->templates = NULL;
}

/* Follows file= on a section element. */
static const xmlNode *section(jx_ctx *c, xmlNode *el)
{
    const char *dirs[] = {c->aircraft_dir, c->root_dir, NULL};
    return jx_resolve(c, el, dirs);
}

static void set_defaults(saqr_fdm *f)
{
    const fdm_slots *s = f->slot;
    double *v = f->props.v;
    v[s->sim_dt] = f->dt_s;
    v[s->integ_rot_rate] = 1;   /* JSBSim's defaults: Euler, AB2, Euler, AB3 */
    v[s->integ_trans_rate] = 3;
    v[s->integ_rot_pos] = 1;
    v[s->integ_trans_pos] = 4;
    v[s->gravity_model] = 1;
    v[s->gust_frame] = 3;
    v[s->P_sl_psf] = FDM_STD_SL_PRESSURE_PSF;
    fdm_env_standard_sea_level(&f->env); /* until the first atmosphere run */
}

static saqr_status load_sections(saqr_fdm *f, jx_ctx *c, xmlNode *root)
{
    static const char *const known[] = {"fileheader", "metrics", "mass_balance", "ground_reactions",
                                        "external_reactions", "propulsion", "system", "autopilot",
                                        "flight_control", "aerodynamics", "output", "input",
                                        "buoyant_forces", "planet", "description", NULL};
    saqr_status st = SAQR_OK;
    const xmlNode *el;
    xmlNode *k;
    if (!(k = jx_first(root, "metrics")))
        return jx_error(c, root, "<fdm_config> has no <metrics>");
    if (!(el = section(c, k)) || (st = metrics_load(c, el, &f->metrics)))
        return st ? st : SAQR_EPARSE;
    if (!(k = jx_first(root, "mass_balance")))
        return jx_error(c, root, "<fdm_config> has no <mass_balance>");
    if (!(el = section(c, k)) || (st = mass_load(c, el, &f->mass)))
        return st ? st : SAQR_EPARSE;
    if ((k = jx_first(root, "ground_reactions"))) {
        if (!(el = section(c, k)) || (st = ground_load(c, el, &f->gnd)))
            return st ? st : SAQR_EPARSE;
    }
    if ((k = jx_first(root, "external_reactions"))) {
        if (!(el = section(c, k)) || (st = external_load(c, el, &f->ext)))
            return st ? st : SAQR_EPARSE;
    }
    if ((k = jx_first(root, "buoyant_forces"))) {
        if (!(el = section(c, k)) || (st = buoyancy_load(c, el, &f->buoy)))
            return st ? st : SAQR_EPARSE;
    }
    k = jx_first(root, "propulsion");
    el = k ? section(c, k) : NULL;
    if (k && !el)
        return SAQR_EPARSE;
    if ((st = propulsion_load(c, el, &f->prop)))
        return st;
    if ((st = fcs_set_engine_count(c, f->fcs, propulsion_engine_count(f->prop))))
        return st;
    static const char *const systems[] = {"system", "autopilot", "flight_control"};
    for (int kind = 0; kind < 3; kind++)
        for (k = jx_first(root, systems[kind]); k; k = jx_next(k, systems[kind]))
            if ((st = fcs_load(c, f->fcs, k)))
                return st;
    /* the memo of the mass model, sized for the tanks and gas cells */
    if ((st = mass_size_cache(f->mass, c->ar, propulsion_tank_count(f->prop) + buoyancy_cell_count(f->buoy))))
        return err_set(c->err, st, "out of memory");
    if ((k = jx_first(root, "aerodynamics"))) {
        if (!(el = section(c, k)) || (st = aero_load(c, el, &f->aero)))
            return st ? st : SAQR_EPARSE;
    } else {
        jx_warn(c, root, "no <aerodynamics>: the aircraft has no aerodynamic forces");
    }
    /* JSBSim's <planet> (another body's radii, rotation, gravitation and
     * atmosphere model) is not modelled: said, not silently flown on the
     * Earth */
    if ((k = jx_first(root, "planet")))
        jx_warn(c, k, "<planet> is not supported; the Earth (WGS-84) is used");
    for (k = jx_first(root, "input"); k; k = jx_next(k, "input"))
        if ((st = load_input(c, f, k)))
            return st;
    for (k = jx_first(root, "output"); k; k = jx_next(k, "output"))
        if ((st = output_load(c, f, k)))
            return st;
    jx_warn_unknown(c, root, known);
    return SAQR_OK;
}

saqr_status fdm_load_aircraft(saqr_fdm *f, const char *root_dir, const char *name)
{
    if (f->loaded)
        return err_set(&f->err, SAQR_ESTATE, "load_aircraft: an aircraft is already loaded");
    if (!root_dir || !name || !*name || strchr(name, '/'))
        return err_set(&f->err, SAQR_EINVAL, "load_aircraft: give a root folder and an aircraft name");
    char dir[2048], path[2100];
    snprintf(dir, sizeof dir, "%s/aircraft/%s", root_dir, name);
    snprintf(path, sizeof path, "%s/%s.xml", dir, name);
    f->root_dir = arena_strdup(&f->ar, root_dir);
    f->aircraft_dir = arena_strdup(&f->ar, dir);
    f->aircraft_name = arena_strdup(&f->ar, name);
    f->slot = arena_alloc(&f->ar, sizeof *f->slot);
    if (!f->root_dir || !f->aircraft_dir || !f->aircraft_name || !f->slot)
        return err_set(&f->err, SAQR_ENOMEM, "out of memory");
    jx_ctx c;
    fdm_jx_open(f, &c);
    saqr_status st = SAQR_OK;
    xmlNode *root = jx_load_file(&c, path);
    if (!root) {
        /* a file that opens but does not parse is malformed, not missing */
        FILE *fp = fopen(path, "rb");
        st = fp ? SAQR_EPARSE : SAQR_EIO;
        if (fp)
            fclose(fp);
        if (!f->err.msg[0])
            err_set(&f->err, st, "%s: cannot load", path);
    } else if (!jx_is(root, "fdm_config")) {
        st = jx_error(&c, root, "root element is <%s>, not <fdm_config>", (const char *)root->name);
    } else if ((st = fdm_slots_intern(&c, f->slot)) == SAQR_OK) {
        /* <fdm_config name=...>: JSBSim's aircraft name (files it writes) */
        xmlChar *config_name = xmlGetProp(root, (const xmlChar *)"name");
        if (config_name && config_name[0])
            f->config_name = arena_strdup(&f->ar, (const char *)config_name);
        xmlFree(config_name);
        fdm_lazy_mark(f);
        set_defaults(f);
        if ((st = ic_create(&c, &f->ic)) == SAQR_OK && (st = fcs_create(&c, &f->fcs)) == SAQR_OK)
            st = load_sections(f, &c, root);
    }
    jx_ctx_close(&c);
    if (st == SAQR_OK && f->err.msg[0])
        st = SAQR_EPARSE;
    if (st != SAQR_OK)
        return st;
    fcs_set_dt(f->fcs, f->dt_s);
    propulsion_set_dt(f->prop, f->dt_s);
    f->set_running_slot = prop_find(&f->props, "propulsion/set-running");
    metrics_publish(&f->metrics, f->slot, f->props.v);
    f->loaded = 1;
    return SAQR_OK;
}
