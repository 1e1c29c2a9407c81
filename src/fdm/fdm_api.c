/*
 * fdm_api.c - the public saqr_fdm functions (include/saqr.h): handle
 * life cycle, loading, properties, initialisation, stepping and trim.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fdm/fdm_exec.h"
#include "fdm/linearize.h"
#include "fdm/mass.h"
#include "fdm/fdm_air.h"
#include "fdm/fdm_internal.h"
#include "fdm/fdm_load.h"
#include "fdm/fdm_native.h"
#include "fdm/propulsion.h"
#include "fdm/ic_model.h"
#include "fdm/fdm_slots.h"
#include "fdm/fdm_propagate.h"
#include "fdm/fcs.h"
#include "fdm/ground.h"
#include "math/units.h"
#include "script/output.h"
#include "script/script.h"
#include "util/mem.h"

#define FDM_DEFAULT_DT (1.0 / 120.0)

static saqr_status init_empty(saqr_fdm *f)
{
    const saqr_allocator *a = &f->alloc;
    f->ar.alloc = a;
    f->ar.head = NULL;
    f->alloc_cold = f->alloc; /* a clone's ar_cold only holds anything */
    f->alloc_user = f->alloc;
    f->ar_cold.alloc = &f->alloc_cold;
    f->ar_cold.head = NULL;
    f->dt_s = FDM_DEFAULT_DT;
    rng_seed(&f->rng, 1);
    saqr_earth_config ec = saqr_earth_default(SAQR_EARTH_WGS84);
    saqr_status st = earth_init(&f->earth, &ec, &f->err);
    if (st)
        return st;
    return prop_tree_init(&f->props, a);
}

/* Drops every loaded model; the handle is as created (log kept). */
static void clear(saqr_fdm *f)
{
    saqr_log_fn log = f->log;
    void *user = f->log_user;
    saqr_allocator a = f->alloc;
    saqr_err err = f->err;
    output_close(f);
    fdm_native_release(f);
    fdm_templates_free(f);
    prop_tree_free(&f->props);
    arena_free(&f->ar);
    arena_free(&f->ar_cold);
    memset(f, 0, sizeof *f);
    f->alloc = a;
    f->log = log;
    f->log_user = user;
    init_empty(f);
    f->err = err;
}

saqr_fdm *saqr_fdm_create(const saqr_allocator *alloc)
{
    const saqr_allocator *a = alloc ? alloc : mem_default();
    saqr_fdm *f = mem_alloc(a, sizeof *f);
    if (!f)
        return NULL;
    f->alloc = *a;
    if (init_empty(f) != SAQR_OK) {
        prop_tree_free(&f->props);
        mem_free(a, f);
        return NULL;
    }
    return f;
}

void saqr_fdm_destroy(saqr_fdm *f)
{
    if (!f)
        return;
    output_close(f);
    fdm_native_release(f);
    fdm_templates_free(f);
    prop_tree_free(&f->props);
    arena_free(&f->ar);
    arena_free(&f->ar_cold);
    saqr_allocator a = f->alloc;
    mem_free(&a, f);
}

const char *saqr_fdm_error(const saqr_fdm *f)
{
    return f ? f->err.msg : "no handle";
}

void saqr_fdm_set_log(saqr_fdm *f, saqr_log_fn fn, void *user)
{
    if (!f)
        return;
    f->log = fn;
    f->log_user = user;
}

saqr_status saqr_fdm_load_aircraft(saqr_fdm *f, const char *root_dir, const char *name)
{
    err_clear(&f->err);
    if (f->is_clone)
        return err_set(&f->err, SAQR_ESTATE, "load_aircraft: an aircraft of a batch cannot load");
    saqr_status st = fdm_load_aircraft(f, root_dir, name);
    if (st != SAQR_OK && !f->loaded)
        clear(f);
    return st;
}

/* Loaded, and not a batch's aircraft (which shares its model's code). */
static saqr_status compile_allowed(saqr_fdm *f, const char *what)
{
    err_clear(&f->err);
    if (!f->loaded)
        return err_set(&f->err, SAQR_ESTATE, "%s: load an aircraft first", what);
    if (f->is_clone)
        return err_set(&f->err, SAQR_ESTATE, "%s: an aircraft of a batch shares its model's code", what);
    return SAQR_OK;
}

saqr_status saqr_fdm_compile(saqr_fdm *f, const char *cc)
{
    saqr_status st = compile_allowed(f, "compile");
    return st ? st : fdm_compile(f, cc, NULL);
}

int saqr_fdm_is_compiled(const saqr_fdm *f)
{
    return f && f->native != NULL;
}

saqr_status saqr_fdm_compile_like(saqr_fdm *f, const saqr_fdm *compiled)
{
    saqr_status st = compile_allowed(f, "compile_like");
    if (st)
        return st;
    if (!compiled)
        return err_set(&f->err, SAQR_EINVAL, "compile_like: no aircraft to take the code of");
    return fdm_compile(f, NULL, compiled);
}

saqr_status saqr_fdm_load_initfile(saqr_fdm *f, const char *file)
{
    err_clear(&f->err);
    if (!f->loaded)
        return err_set(&f->err, SAQR_ESTATE, "load_initfile: load an aircraft first");
    if (f->is_clone)
        return err_set(&f->err, SAQR_ESTATE,
                       "load_initfile: an aircraft of a batch cannot load (set its ic/ properties)");
    if (!file || !*file)
        return err_set(&f->err, SAQR_EINVAL, "load_initfile: no file name");
    char path[2200];
    size_t n = strlen(file);
    const char *ext = (n > 4 && strcmp(file + n - 4, ".xml") == 0) ? "" : ".xml";
    FILE *fp = fopen(file, "rb");
    if (fp) {
        fclose(fp);
        snprintf(path, sizeof path, "%s", file);
    } else {
        snprintf(path, sizeof path, "%s/%s%s", f->aircraft_dir, file, ext);
    }
    jx_ctx c;
    fdm_jx_open(f, &c);
    saqr_status st = ic_load(&c, f->ic, path, f->props.v);
    jx_ctx_close(&c);
    return st;
}

int saqr_fdm_property(const saqr_fdm *f, const char *name)
{
    return name ? prop_find(&f->props, name) : -1;
}

int saqr_fdm_property_count(const saqr_fdm *f)
{
    return f->props.count;
}

const char *saqr_fdm_property_name(const saqr_fdm *f, int slot)
{
    return (slot >= 0 && slot < f->props.count) ? f->props.names[slot] : NULL;
}

int saqr_fdm_pointmass_count(const saqr_fdm *f)
{
    return f ? mass_point_count(f->mass) : 0;
}

const char *saqr_fdm_pointmass_name(const saqr_fdm *f, int index)
{
    return f ? mass_point_name(f->mass, index) : NULL;
}

int saqr_fdm_retractable_gear_count(const saqr_fdm *f)
{
    return f && f->gnd ? ground_retractable_count(f->gnd) : 0;
}

int saqr_fdm_property_is_read(const saqr_fdm *f, int slot)
{
    return f && slot >= 0 && slot < f->props.count && (f->props.flags[slot] & PROP_READ) != 0;
}

double saqr_fdm_get(const saqr_fdm *f, int slot)
{
    if (!(slot >= 0 && slot < f->props.count))
        return NAN;
    double lazy;
    if ((f->props.flags[slot] & PROP_LAZY) && fdm_lazy_value(f, slot, &lazy))
        return lazy;
    if ((f->props.flags[slot] & PROP_IC) && f->ic && ic_read_pending(f->ic, f->props.v, slot, &lazy))
        return lazy;
    return f->props.v[slot];
}

saqr_status saqr_fdm_set(saqr_fdm *f, int slot, double value)
{
    err_clear(&f->err);
    return fdm_set_property(f, slot, value);
}

saqr_status saqr_fdm_init(saqr_fdm *f)
{
    err_clear(&f->err);
    if (!f->loaded)
        return err_set(&f->err, SAQR_ESTATE, "init: load an aircraft first");
    int u = prop_first_undefined(&f->props);
    if (u >= 0)
        return err_set(&f->err, SAQR_EPARSE, "%s: property \"%s\" is read but nothing defines or sets it",
                       f->props.where[u] ? f->props.where[u] : "?", f->props.names[u]);
    int reset = f->ready;
    f->ready = 0;
    fdm_settle_flags(f); /* every producer of every property is known now */
    saqr_status st = fdm_initialize(f, reset);
    /* An initialisation file's <trim> asks for a trim right after the
     * initial conditions, as JSBSim's program does after RunIC. */
    int mode = f->ic->base.trim_request;
    if (st == SAQR_OK && mode != IC_TRIM_NONE)
        st = fdm_set_property(f, f->slot->do_trim, (double)mode);
    return st;
}

saqr_status saqr_fdm_set_dt(saqr_fdm *f, double dt_s)
{
    if (!isfinite(dt_s) || !(dt_s > 0.0) || dt_s > 1.0)
        return err_set(&f->err, SAQR_EINVAL, "dt must be in (0, 1] s (got %g)", dt_s);
    f->dt_s = dt_s;
    if (f->slot)
        f->props.v[f->slot->sim_dt] = dt_s;
    if (f->fcs)
        fcs_set_dt(f->fcs, dt_s);
    propulsion_set_dt(f->prop, dt_s);
    return SAQR_OK;
}

double saqr_fdm_dt(const saqr_fdm *f)
{
    return f->dt_s;
}

double saqr_fdm_time(const saqr_fdm *f)
{
    return f->t_s;
}

saqr_status saqr_fdm_step(saqr_fdm *f)
{
    if (!f->ready)
        return err_set(&f->err, SAQR_ESTATE, "step: call saqr_fdm_init first");
    return fdm_frame(f);
}

int saqr_fdm_script_done(const saqr_fdm *f)
{
    if (f->slot && f->props.v[f->slot->terminate] != 0.0)
        return 1;
    return f->scr ? script_done(f->scr) : 0;
}

saqr_status saqr_fdm_linearize(saqr_fdm *f, saqr_linear_model *out)
{
    if (!f)
        return SAQR_EINVAL;
    err_clear(&f->err);
    if (!out)
        return err_set(&f->err, SAQR_EINVAL, "linearize: no model to fill");
    return fdm_linearize(f, out);
}

const char *saqr_fdm_aircraft_name(const saqr_fdm *f)
{
    if (!f || !f->loaded)
        return "";
    return f->config_name ? f->config_name : f->aircraft_name;
}

void saqr_fdm_set_linear_sink(saqr_fdm *f, saqr_linear_fn fn, void *user)
{
    if (!f)
        return;
    f->lin_sink = fn;
    f->lin_user = user;
}

saqr_status saqr_fdm_trim(saqr_fdm *f, saqr_trim_mode mode)
{
    err_clear(&f->err);
    if (!f->ready)
        return err_set(&f->err, SAQR_ESTATE, "trim: call saqr_fdm_init first");
    return fdm_set_property(f, f->slot->do_trim, (double)mode);
}

saqr_status saqr_fdm_settle_engines(saqr_fdm *f)
{
    err_clear(&f->err);
    if (!f->ready)
        return err_set(&f->err, SAQR_ESTATE, "settle_engines: call saqr_fdm_init first");
    propulsion_steady_state(f->prop, &f->env, f->props.v);
    return SAQR_OK;
}

saqr_status saqr_fdm_capture_ic(saqr_fdm *f)
{
    err_clear(&f->err);
    if (!f->ready)
        return err_set(&f->err, SAQR_ESTATE, "capture_ic: call saqr_fdm_init first");
    fdm_capture_ic(f);
    return SAQR_OK;
}

saqr_status saqr_fdm_reposition(saqr_fdm *f)
{
    err_clear(&f->err);
    if (!f->ready)
        return err_set(&f->err, SAQR_ESTATE, "reposition: call saqr_fdm_init first");
    return fdm_reposition(f);
}

saqr_status saqr_fdm_move_to(saqr_fdm *f, double lat_geod_deg, double lon_deg, double alt_sl_ft)
{
    err_clear(&f->err);
    if (!f->ready)
        return err_set(&f->err, SAQR_ESTATE, "move_to: call saqr_fdm_init first");
    if (!(fabs(lat_geod_deg) <= 90.0) || !(fabs(lon_deg) <= 360.0) || !(alt_sl_ft >= -1e4 && alt_sl_ft <= 1e6))
        return err_set(&f->err, SAQR_EINVAL, "move_to: no such position (lat %g deg, lon %g deg, %g ft)",
                       lat_geod_deg, lon_deg, alt_sl_ft);
    /* the position through the initial conditions' own setters, so that
     * "altitude above sea level" means what position/h-sl-ft means */
    ic_model m = f->ic->base;
    m.last_alt = IC_SET_ASL;
    icm_set_lon(&m, lon_deg * RAD_PER_DEG);
    icm_set_lat_geod(&m, lat_geod_deg * RAD_PER_DEG);
    icm_set_alt_asl(&m, alt_sl_ft * M_PER_FT);
    fdm_move(f, m.r_ecef_m);
    return SAQR_OK;
}
