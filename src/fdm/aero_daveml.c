/*
 * aero_daveml.c - DAVE-ML models inside a JSBSim aircraft's
 * <aerodynamics> (see aero_daveml.h): loading the model, binding its
 * variables to property slots with unit factors, and running it.
 *
 * The model is loaded through an allocator that takes its memory from the
 * aircraft's arena (frees are dropped), so it lives exactly as long as the
 * rest of the loaded aircraft and needs no destructor of its own.  The
 * file itself is read with the arena's underlying allocator and freed
 * again at once.
 *
 * Units: each unit name maps to a dimension and its SI value; the factor
 * between two units of the same dimension is the ratio of their SI values
 * (exactly 1 for the same unit, so a property and a variable in the same
 * unit pass through bit for bit).  Property units are JSBSim's (the unit=
 * names of FGXMLElement and the suffixes of property names); variable
 * units are DAVE-ML's (AIAA S-119 abbreviations as the NASA models write
 * them: deg, rad, ft, ft_s, kt, nmi_h, rad_s, lbf, ftlbf, slugft2, ...).
 *
 * References: AIAA S-119-2011 (units abbreviations); JSBSim
 * src/input_output/FGXMLElement.cpp (unit names); NIST SP 811 (factors).
 */
#include "fdm/aero_daveml.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "load/daveml/daveml.h"
#include "math/units.h"
#include "util/arena.h"
#include "util/file.h"
#include "util/mem.h"

#define DML_FILE_MAX_BYTES ((size_t)64 << 20) /* largest .dml accepted */

/* One binding: property slot <-> model variable. */
typedef struct dml_port {
    int prop;       /* property slot                                   */
    int var;        /* model variable slot                             */
    double scale;   /* inputs: var = prop * scale; outputs: prop = var * scale */
} dml_port;

struct aero_dml {
    daveml_model *m;   /* evaluated in place, memory in the arena      */
    int n_in, n_out;
    dml_port *in;      /* n_in bindings, file order                    */
    dml_port *out;     /* n_out bindings, file order                   */
};

/* ---- units -------------------------------------------------------------- */

enum dim { D_ND, D_LEN, D_AREA, D_ANGLE, D_PER_ANGLE, D_SPEED, D_RATE, D_ACCEL, D_PRESS, D_FORCE,
           D_MOMENT, D_MASS, D_INERTIA, D_TIME };

typedef struct unit_def {
    const char *name;  /* matched case-insensitively                      */
    int dim;           /* enum dim                                        */
    double si;         /* SI value of one unit                            */
} unit_def;

#define FT2 (M_PER_FT * M_PER_FT)

/* JSBSim unit= names and DAVE-ML unit names together: none of them means
 * two different things. */
static const unit_def units[] = {
    {"", D_ND, 1.0}, {"nd", D_ND, 1.0}, {"norm", D_ND, 1.0}, {"frac", D_ND, 1.0}, {"pct", D_ND, 0.01},
    {"ft", D_LEN, M_PER_FT}, {"m", D_LEN, 1.0}, {"in", D_LEN, M_PER_IN}, {"km", D_LEN, 1000.0},
    {"nmi", D_LEN, M_PER_NMI},
    {"ft2", D_AREA, FT2}, {"sqft", D_AREA, FT2}, {"m2", D_AREA, 1.0}, {"in2", D_AREA, M_PER_IN * M_PER_IN},
    {"rad", D_ANGLE, 1.0}, {"deg", D_ANGLE, RAD_PER_DEG},
    {"_rad", D_PER_ANGLE, 1.0}, {"_deg", D_PER_ANGLE, DEG_PER_RAD},
    {"ft/sec", D_SPEED, M_PER_FT}, {"ft/s", D_SPEED, M_PER_FT}, {"fps", D_SPEED, M_PER_FT},
    {"ft_s", D_SPEED, M_PER_FT}, {"m/s", D_SPEED, 1.0}, {"m/sec", D_SPEED, 1.0}, {"m_s", D_SPEED, 1.0},
    {"mps", D_SPEED, 1.0}, {"kts", D_SPEED, MPS_PER_KT}, {"kt", D_SPEED, MPS_PER_KT},
    {"nmi_h", D_SPEED, MPS_PER_KT}, {"km/hr", D_SPEED, 1000.0 / 3600.0}, {"km_h", D_SPEED, 1000.0 / 3600.0},
    {"rad/sec", D_RATE, 1.0}, {"rad_sec", D_RATE, 1.0}, {"rad_s", D_RATE, 1.0}, {"rps", D_RATE, 1.0},
    {"deg/sec", D_RATE, RAD_PER_DEG}, {"deg_sec", D_RATE, RAD_PER_DEG}, {"deg_s", D_RATE, RAD_PER_DEG},
    {"ft/sec2", D_ACCEL, M_PER_FT}, {"ft_sec2", D_ACCEL, M_PER_FT}, {"ft_s2", D_ACCEL, M_PER_FT},
    {"m/sec2", D_ACCEL, 1.0}, {"m_s2", D_ACCEL, 1.0},
    {"psf", D_PRESS, PA_PER_PSF}, {"lbf_ft2", D_PRESS, PA_PER_PSF},
    {"psi", D_PRESS, PA_PER_PSF * 144.0}, {"pa", D_PRESS, 1.0}, {"n_m2", D_PRESS, 1.0},
    {"lbs", D_FORCE, N_PER_LBF}, {"lbf", D_FORCE, N_PER_LBF}, {"lb", D_FORCE, N_PER_LBF}, {"n", D_FORCE, 1.0},
    {"lbsft", D_MOMENT, N_PER_LBF * M_PER_FT}, {"lbs*ft", D_MOMENT, N_PER_LBF * M_PER_FT},
    {"ftlbf", D_MOMENT, N_PER_LBF * M_PER_FT}, {"ft_lbf", D_MOMENT, N_PER_LBF * M_PER_FT},
    {"n*m", D_MOMENT, 1.0}, {"nm", D_MOMENT, 1.0}, {"n_m", D_MOMENT, 1.0},
    {"slug", D_MASS, KG_PER_SLUG}, {"slugs", D_MASS, KG_PER_SLUG}, {"kg", D_MASS, 1.0},
    {"lbm", D_MASS, KG_PER_LBM},
    {"slug*ft2", D_INERTIA, KGM2_PER_SLUGFT2}, {"slugft2", D_INERTIA, KGM2_PER_SLUGFT2},
    {"slug_ft2", D_INERTIA, KGM2_PER_SLUGFT2}, {"kg*m2", D_INERTIA, 1.0}, {"kgm2", D_INERTIA, 1.0},
    {"sec", D_TIME, 1.0}, {"s", D_TIME, 1.0},
};

static const unit_def *unit_find(const char *name)
{
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (strcasecmp(name, units[i].name) == 0)
            return &units[i];
    return NULL;
}

int aero_dml_unit_factor(const char *from_unit, const char *to_unit, double *factor)
{
    if (!strcmp(from_unit, to_unit)) {
        *factor = 1.0;              /* same spelling: a unit we need not know */
        return 0;
    }
    const unit_def *a = unit_find(from_unit), *b = unit_find(to_unit);
    if (!a || !b || a->dim != b->dim)
        return -1;
    *factor = a->si / b->si;
    return 0;
}

/* The unit a property's name declares: the text after the last '-' of its
 * last path component when that is a known unit ("aero/alpha-deg" ->
 * "deg", "velocities/p-aero-rad_sec" -> "rad_sec"); NULL otherwise. */
static const char *name_unit(const char *prop)
{
    const char *last = strrchr(prop, '/');
    last = last ? last + 1 : prop;
    const char *dash = strrchr(last, '-');
    if (!dash || !dash[1])
        return NULL;
    return unit_find(dash + 1) ? dash + 1 : NULL;
}

/* ---- loading ------------------------------------------------------------ */

static void *arena_alloc_fn(size_t size, void *ctx)
{
    return arena_alloc(ctx, size);
}

static void arena_free_fn(void *ptr, void *ctx)
{
    (void)ptr;
    (void)ctx;
}

/* Full path of the model file into buf; 0, or -1 when it does not fit. */
static int model_path(jx_ctx *c, const xmlNode *el, const char *file, char *buf, size_t n)
{
    int len;
    if (file[0] == '/') {
        len = snprintf(buf, n, "%s", file);
    } else if (c->aircraft_dir) {
        len = snprintf(buf, n, "%s/%s", c->aircraft_dir, file);
    } else {
        const char *doc = jx_file(el);
        const char *slash = strrchr(doc, '/');
        int dirlen = slash ? (int)(slash - doc) : 1;
        len = snprintf(buf, n, "%.*s/%s", dirlen, slash ? doc : ".", file);
    }
    return len < 0 || (size_t)len >= n ? -1 : 0;
}

static saqr_status load_model(jx_ctx *c, const xmlNode *el, const char *file, daveml_model **out)
{
    char path[2048];
    if (model_path(c, el, file, path, sizeof path))
        return jx_error(c, el, "<daveml> file name \"%s\" is too long", file);
    struct stat sb;
    if (stat(path, &sb) != 0)
        return jx_error(c, el, "DAVE-ML file \"%s\" not found (%s)", file, path);
    if (!S_ISREG(sb.st_mode))
        return jx_error(c, el, "DAVE-ML file \"%s\" is not a regular file", path);

    saqr_err e = {{0}};
    char *buf = NULL;
    size_t len = 0;
    saqr_status st = file_read_all(path, c->ar->alloc, DML_FILE_MAX_BYTES, &buf, &len, &e);
    if (st)
        return st == SAQR_ENOMEM ? err_set(c->err, st, "%s", e.msg) : jx_error(c, el, "%s", e.msg);
    saqr_allocator *al = arena_alloc(c->ar, sizeof *al);
    if (!al) {
        mem_free(c->ar->alloc, buf);
        return err_set(c->err, SAQR_ENOMEM, "out of memory");
    }
    al->alloc = arena_alloc_fn;
    al->free = arena_free_fn;
    al->ctx = c->ar;
    st = daveml_load_memory(buf, len, path, al, out, &e);
    mem_free(c->ar->alloc, buf);
    if (st == SAQR_ENOMEM)
        return err_set(c->err, st, "%s", e.msg);
    if (st)
        return jx_error(c, el, "in DAVE-ML model: %s", e.msg);
    return SAQR_OK;
}

/* Binds one <input> (is_out 0) or <output> (1) element. */
static saqr_status bind(jx_ctx *c, const xmlNode *k, const daveml_model *m, int is_out, dml_port *p)
{
    static const char *const known[] = {"variable", "property", "unit", NULL};
    const char *kind = is_out ? "output" : "input";
    jx_warn_unknown_attrs(c, k, known);
    const char *var = jx_attr(c, k, "variable");
    const char *prop = jx_attr(c, k, "property");
    const char *unit = jx_attr(c, k, "unit");
    if (!var || !*var)
        return jx_error(c, k, "<%s> needs variable=", kind);
    if (!prop || !*prop)
        return jx_error(c, k, "<%s> needs property=", kind);
    p->var = daveml_find(m, var);
    if (p->var < 0)
        return jx_error(c, k, "the DAVE-ML model has no variable \"%s\"", var);
    if (!is_out && !daveml_is_input(m, p->var))
        return jx_error(c, k, "DAVE-ML variable \"%s\" is not an input of the model", var);

    if (is_out) {
        int old = prop_find(c->props, prop);
        if (old >= 0 && (c->props->flags[old] & PROP_PRODUCED))
            return jx_error(c, k, "property \"%s\" is already computed elsewhere", prop);
    }
    const char *var_unit = daveml_units(m, p->var);
    const char *prop_unit = unit && *unit ? unit : name_unit(prop);
    if (!prop_unit) {
        /* no unit in the name: only a dimensionless variable fits */
        const unit_def *u = unit_find(var_unit);
        if (!u)
            return jx_error(c, k, "DAVE-ML variable \"%s\" has unknown units \"%s\"", var, var_unit);
        if (u->dim != D_ND)
            return jx_error(c, k,
                            "property \"%s\" has no unit in its name; give unit= to convert to \"%s\" (%s)",
                            prop, var_unit, var);
        prop_unit = var_unit;
    }
    if (is_out ? aero_dml_unit_factor(var_unit, prop_unit, &p->scale)
               : aero_dml_unit_factor(prop_unit, var_unit, &p->scale)) {
        if (!unit_find(var_unit))
            return jx_error(c, k, "DAVE-ML variable \"%s\" has unknown units \"%s\"", var, var_unit);
        if (!unit_find(prop_unit))
            return jx_error(c, k, "unknown unit \"%s\" of property \"%s\"", prop_unit, prop);
        return jx_error(c, k, "cannot convert %s of property \"%s\" to %s of DAVE-ML variable \"%s\"",
                        prop_unit, prop, var_unit, var);
    }
    p->prop = jx_property(c, k, prop, is_out ? PROP_PRODUCED : PROP_READ);
    return p->prop < 0 ? SAQR_EPARSE : SAQR_OK;
}

saqr_status aero_dml_load(jx_ctx *c, const xmlNode *el, aero_dml **out)
{
    static const char *const known[] = {"input", "output", "description", NULL};
    static const char *const known_attrs[] = {"file", "name", NULL};
    jx_warn_unknown(c, el, known);
    jx_warn_unknown_attrs(c, el, known_attrs);
    const char *file = jx_attr(c, el, "file");
    if (!file || !*file)
        return jx_error(c, el, "<daveml> needs file= naming a DAVE-ML model");
    aero_dml *d = arena_alloc(c->ar, sizeof *d);
    if (!d)
        return err_set(c->err, SAQR_ENOMEM, "out of memory");
    saqr_status st = load_model(c, el, file, &d->m);
    if (st)
        return st;
    int n_in = jx_count(el, "input"), n_out = jx_count(el, "output");
    if (n_out == 0)
        jx_warn(c, el, "<daveml> has no <output>: the model's results are not used");
    d->in = arena_array(c->ar, (size_t)(n_in ? n_in : 1), sizeof *d->in);
    d->out = arena_array(c->ar, (size_t)(n_out ? n_out : 1), sizeof *d->out);
    if (!d->in || !d->out)
        return err_set(c->err, SAQR_ENOMEM, "out of memory");
    for (const xmlNode *k = jx_first(el, "input"); k; k = jx_next(k, "input"))
        if ((st = bind(c, k, d->m, 0, &d->in[d->n_in++])))
            return st;
    for (const xmlNode *k = jx_first(el, "output"); k; k = jx_next(k, "output"))
        if ((st = bind(c, k, d->m, 1, &d->out[d->n_out++])))
            return st;
    *out = d;
    return SAQR_OK;
}

/* ---- running ------------------------------------------------------------ */

void aero_dml_run(aero_dml *d, double *v)
{
    for (int i = 0; i < d->n_in; i++)
        daveml_set(d->m, d->in[i].var, v[d->in[i].prop] * d->in[i].scale);
    daveml_eval(d->m);
    for (int i = 0; i < d->n_out; i++)
        v[d->out[i].prop] = daveml_get(d->m, d->out[i].var) * d->out[i].scale;
}

aero_dml *aero_dml_clone(arena *ar, const aero_dml *src)
{
    aero_dml *d = arena_dup(ar, src, sizeof *src);
    if (d && !(d->m = daveml_clone_state(src->m, ar)))
        return NULL;
    return d;
}
