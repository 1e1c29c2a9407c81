/*
 * output_fdm.c - the output directives of a saqr_fdm handle: thin wrappers
 * that hand the handle's arena, property tree, time step, clock and log to
 * the output set of output.c, and find directive files next to the
 * aircraft (file= attributes) as JSBSim's FGOutput::Load does.
 * Reference: JSBSim src/models/FGOutput.cpp.
 */
#include "fdm/fdm_air.h"
#include "script/output.h"

saqr_status output_load_in(jx_ctx *c, saqr_fdm *f, const xmlNode *el, const char *const *dirs)
{
    xmlNode *r = jx_resolve(c, (xmlNode *)el, dirs);
    if (!r)
        return SAQR_EPARSE;
    if (!jx_is(r, "output"))
        return jx_error(c, r, "<%s> is not an output directive (want <output>)", (const char *)r->name);
    return output_set_add(c, &f->outs, el, r);
}

saqr_status output_load(jx_ctx *c, saqr_fdm *f, const xmlNode *el)
{
    const char *dirs[] = {f->aircraft_dir ? f->aircraft_dir : ".", f->root_dir ? f->root_dir : ".", ".", NULL};
    return output_load_in(c, f, el, dirs);
}

saqr_status output_load_file(saqr_fdm *f, const char *path)
{
    jx_ctx c;
    fdm_jx_open(f, &c);
    saqr_status st = SAQR_EPARSE;
    xmlNode *root = jx_load_file(&c, path);
    if (root)
        st = output_load(&c, f, root);
    jx_ctx_close(&c);
    return st;
}

int output_count(const saqr_fdm *f)
{
    return output_set_count(f->outs);
}

int output_flightgear_count(const saqr_fdm *f)
{
    return output_set_flightgear_count(f->outs);
}

const output_fg *output_flightgear(const saqr_fdm *f, int index)
{
    return output_set_flightgear(f->outs, index);
}

const char *output_name(const saqr_fdm *f, int index)
{
    const char *name = output_set_name(f->outs, index);
    return name ? name : "";
}

saqr_status output_rename(saqr_fdm *f, int index, const char *name)
{
    saqr_status st = output_set_rename(f->outs, index, name);
    if (st != SAQR_OK)
        return err_set(&f->err, st, "there is no output directive %d to name \"%s\"", index, name);
    return SAQR_OK;
}

saqr_status output_open(saqr_fdm *f)
{
    if (!f->outs)
        return SAQR_OK;
    output_source src;
    saqr_status st = output_model_source(f, &src);
    if (st != SAQR_OK)
        return st;
    st = output_set_open(f->outs, &f->props, &src, f->dt_s, f->log, f->log_user, &f->err);
    if (st != SAQR_OK)
        return st;
    /* what the directives write is now read: published from this frame on,
     * and now for the first row */
    output_set_mark_read(f->outs, &f->props);
    fdm_lazy_reconsider(f);
    if (f->ic_valid)
        fdm_publish_read_now(f, f->props.v);
    return SAQR_OK;
}

saqr_status output_write_due(saqr_fdm *f)
{
    return output_set_write_due(f->outs, f->props.v, f->t_s, &f->err);
}

void output_capture_ic(saqr_fdm *f)
{
    if (!output_set_opened(f->outs))
        return;
    /* the groups published only where they are produced, as for a first
     * row written at the open (output_open) */
    fdm_publish_read_now(f, f->props.v);
    output_set_capture_ic(f->outs, f->props.v, f->t_s);
}

void output_on_reset(saqr_fdm *f)
{
    output_set_on_reset(f->outs, f->props.v, f->t_s);
}

void output_close(saqr_fdm *f)
{
    output_set_close(f->outs);
}
