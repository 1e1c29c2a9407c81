/*
 * buoyancy.c - gas cells and ballonets as JSBSim's FGGasCell/FGBallonet
 * model them: the gas is an ideal gas (p V = n R T, n in moles) whose
 * temperature follows the heat-transfer functions (dT = (dU dt - p dV -
 * heat given to the ballonets) / (Cv n R)) or the air's when there are
 * none; the pressure is that of the gas filling the free volume, at least
 * the air's and at most the air's plus the maximum overpressure; the
 * volume the gas then takes (plus the ballonets') displaces air of the
 * local density, which is the gross lift.  Valving removes gas at a rate
 * valve_open * coefficient * pressure difference.
 *
 * The arithmetic is kept in JSBSim's English units (the gas constant in
 * lbf ft / (mol R), molar masses in slug/mol, the properties in R, psf,
 * ft3, mol) so the numbers follow JSBSim's step for step; forces and
 * masses leave the module in SI.
 *
 * Reference: JSBSim src/models/FGBuoyantForces.cpp, FGGasCell.cpp,
 * FGGasCell.h (the configuration format), propulsion/FGForce.cpp (the
 * local-frame force and its moment).
 */
#include "fdm/buoyancy.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "earth/earth.h"
#include "expr/func.h"
#include "fdm/model_load.h"
#include "math/units.h"

/* JSBSim's gas constants (FGGasCell.cpp). */
#define GAS_R_LBFFT_PER_MOL_R 3.4071
#define M_AIR_SLUG_PER_MOL 0.0019186
#define M_HYDROGEN_SLUG_PER_MOL 0.00013841
#define M_HELIUM_SLUG_PER_MOL 0.00027409

/* The atmosphere a cell is filled in at load time: JSBSim builds its cells
 * before any initial condition, with the standard sea-level day. */
#define STD_SL_TEMP_R 518.67
#define STD_SL_PRESSURE_PSF 2116.228

#define MAX_CELLS 16
#define MAX_BALLONETS 8

/* What cells and ballonets have in common: geometry, limits and the
 * property slots holding their state (JSBSim units). */
typedef struct gas_bag {
    double pos_in[3];                /* centre, structural frame            */
    double pos_struct_m[3];
    double x_radius_ft, y_radius_ft, z_radius_ft;
    double x_width_ft, y_width_ft, z_width_ft;
    double max_volume_ft3;
    double max_overpressure_psf;
    double valve_coef;               /* ft4 s / slug, >= 0                  */
    jfunc **heat;                    /* heat flow in, lbf ft / s each       */
    int n_heat;
    double dvolume_ideal_ft3;        /* volume change the last run's gas law
                                        gave at constant contents         */
    double mass_slug;                /* after the last run                  */
    double own_j_slugft2[3];         /* about its own centre, principal     */
    int s_max_volume, s_temp, s_pressure, s_volume, s_contents, s_valve;
} gas_bag;

typedef struct ballonet {
    gas_bag bag;
    jfunc *blower;                   /* air flow in, ft3/s, or NULL         */
    double heat_flow;                /* last run's heat in, lbf ft / s      */
} ballonet;

typedef struct gas_cell {
    gas_bag bag;
    double molar_mass;               /* slug/mol                            */
    double cv;                       /* molar heat capacity / R             */
    int s_buoyancy;
    int n_ballonets;
    ballonet ballonets[MAX_BALLONETS];
    int ran;                         /* has run at least once               */
} gas_cell;

struct buoyancy {
    int n_cells;
    gas_cell cells[MAX_CELLS];
    jfunc **pre, **post;
    int n_pre, n_post;
    int s_force[3], s_moment[3];     /* forces/fb?-buoyancy-lbs, moments/ */
    int s_air_t, s_air_p, s_air_rho; /* atmosphere/T-R, P-psf, rho-slugs_ft3 */
};

/* ---- loading ---------------------------------------------------------- */

static saqr_status optional_number(jx_ctx *c, const xmlNode *el, const char *name, const char *unit,
                                   double *out)
{
    saqr_status st = jx_child_number(c, el, name, unit, 0, out);
    return st == SAQR_ENOTFOUND ? SAQR_OK : st;
}

/* Volume of the extruded ellipsoid JSBSim assumes; warns about shapes
 * other than an ellipsoid (three radii) or a cylinder along x (x width,
 * y and z radii), whose inertia is then that of a point. */
static double bag_volume(jx_ctx *c, const xmlNode *el, const gas_bag *g, const char *what)
{
    const double xr = g->x_radius_ft, yr = g->y_radius_ft, zr = g->z_radius_ft;
    const double xw = g->x_width_ft, yw = g->y_width_ft, zw = g->z_width_ft;
    if (xr != 0.0 && yr != 0.0 && zr != 0.0 && xw == 0.0 && yw == 0.0 && zw == 0.0)
        return 4.0 * UNITS_PI * xr * yr * zr / 3.0;
    if (xr == 0.0 && yr != 0.0 && zr != 0.0 && xw != 0.0 && yw == 0.0 && zw == 0.0)
        return UNITS_PI * yr * zr * xw;
    jx_warn(c, el, "unsupported %s shape: the volume is a guess and the inertia that of a point",
            what);
    return 4.0 * UNITS_PI * xr * yr * zr / 3.0 + UNITS_PI * yr * zr * xw + UNITS_PI * xr * zr * yw + UNITS_PI * xr * yr * zw +
           2.0 * xr * yw * zw + 2.0 * yr * xw * zw + 2.0 * zr * xw * yw + xw * yw * zw;
}

static saqr_status load_heat(jx_ctx *c, const xmlNode *el, gas_bag *g)
{
    const xmlNode *heat = jx_first(el, "heat");
    if (!heat)
        return SAQR_OK;
    g->n_heat = jx_count(heat, "function");
    g->heat = arena_array(c->ar, (size_t)(g->n_heat ? g->n_heat : 1), sizeof *g->heat);
    if (!g->heat)
        return err_set(c->err, SAQR_ENOMEM, "out of memory");
    int i = 0;
    for (const xmlNode *fn = jx_first(heat, "function"); fn; fn = jx_next(fn, "function")) {
        saqr_status st = jfunc_load(c, fn, &g->heat[i++]);
        if (st)
            return st;
    }
    return SAQR_OK;
}

/* Geometry, limits and the initial state of a cell or ballonet, filled at
 * temperature t_r and pressure p_psf (JSBSim's constructors). */
static saqr_status load_bag(jx_ctx *c, const xmlNode *el, const char *what, double t_r, double p_psf,
                            gas_bag *g)
{
    saqr_status st;
    const xmlNode *loc = jx_first(el, "location");
    if (!loc)
        return jx_error(c, el, "this %s has no <location>", what);
    if ((st = jx_triplet(c, loc, "IN", 0, g->pos_in)))
        return st;
    for (int i = 0; i < 3; i++)
        g->pos_struct_m[i] = g->pos_in[i] * M_PER_IN;
    static const char *const axes = "xyz";
    for (int i = 0; i < 3; i++) {
        char rn[16], wn[16];
        snprintf(rn, sizeof rn, "%c_radius", axes[i]);
        snprintf(wn, sizeof wn, "%c_width", axes[i]);
        if (!jx_first(el, rn) && !jx_first(el, wn))
            return jx_error(c, el, "the %s shape needs <%s> or <%s> (and the same along the other axes)",
                            what, rn, wn);
    }
    if ((st = optional_number(c, el, "x_radius", "FT", &g->x_radius_ft)) ||
        (st = optional_number(c, el, "y_radius", "FT", &g->y_radius_ft)) ||
        (st = optional_number(c, el, "z_radius", "FT", &g->z_radius_ft)) ||
        (st = optional_number(c, el, "x_width", "FT", &g->x_width_ft)) ||
        (st = optional_number(c, el, "y_width", "FT", &g->y_width_ft)) ||
        (st = optional_number(c, el, "z_width", "FT", &g->z_width_ft)))
        return st;
    g->max_volume_ft3 = bag_volume(c, el, g, what);
    if ((st = optional_number(c, el, "max_overpressure", "LBS/FT2", &g->max_overpressure_psf)))
        return st;
    double volume_ft3 = 0.0;
    const xmlNode *full = jx_first(el, "fullness");
    if (full) {
        double fullness;
        if ((st = jx_number(c, full, NULL, &fullness)))
            return st;
        if (fullness >= 0.0)
            volume_ft3 = fullness * g->max_volume_ft3;
        else
            jx_warn(c, full, "negative %s fullness ignored: the %s starts full", what, what);
    }
    if ((st = optional_number(c, el, "valve_coefficient", "FT4*SEC/SLUG", &g->valve_coef)))
        return st;
    g->valve_coef = fmax(g->valve_coef, 0.0);

    /* Contents at the given state; a cell filled beyond its volume is
     * pressurised, up to its relief pressure. */
    const double r = GAS_R_LBFFT_PER_MOL_R;
    double contents, p = p_psf;
    if (volume_ft3 != 0.0) {
        contents = p * volume_ft3 / (r * t_r);
        const double p_ideal = contents * r * t_r / g->max_volume_ft3;
        if (p_ideal > p + g->max_overpressure_psf) {
            contents = (p + g->max_overpressure_psf) * g->max_volume_ft3 / (r * t_r);
            p += g->max_overpressure_psf;
        } else {
            p = fmax(p_ideal, p);
        }
    } else {
        contents = p * g->max_volume_ft3 / (r * t_r);
    }
    double *v = c->props->v;
    v[g->s_max_volume] = g->max_volume_ft3;
    v[g->s_temp] = t_r;
    v[g->s_pressure] = p;
    v[g->s_contents] = contents;
    v[g->s_volume] = contents * r * t_r / p;
    return SAQR_OK;
}

/* Interns base/max_volume-ft3 ... base/valve_open. */
static saqr_status bag_slots(jx_ctx *c, const xmlNode *el, const char *base, gas_bag *g)
{
    static const char *const names[6] = {"max_volume-ft3", "temp-R", "pressure-psf",
                                         "volume-ft3", "contents-mol", "valve_open"};
    int *slots[6] = {&g->s_max_volume, &g->s_temp, &g->s_pressure, &g->s_volume, &g->s_contents, &g->s_valve};
    for (int i = 0; i < 6; i++) {
        char name[PROP_NAME_MAX];
        snprintf(name, sizeof name, "%s/%s", base, names[i]);
        unsigned flags = PROP_PRODUCED | (i == 0 ? PROP_READONLY : PROP_INPUT);
        *slots[i] = prop_intern(c->props, name, flags, jx_where(c, el));
        if (*slots[i] < 0)
            return err_set(c->err, SAQR_ENOMEM, "out of memory");
    }
    return SAQR_OK;
}

static saqr_status load_ballonet(jx_ctx *c, const xmlNode *el, int cell_index, int index, const gas_cell *cell,
                                 ballonet *b)
{
    static const char *const known[] = {"location", "x_radius", "y_radius", "z_radius", "x_width", "y_width",
                                        "z_width", "max_overpressure", "valve_coefficient", "fullness",
                                        "heat", "blower_input", NULL};
    char base[PROP_NAME_MAX];
    snprintf(base, sizeof base, "buoyant_forces/gas-cell[%d]/ballonet[%d]", cell_index, index);
    saqr_status st;
    const double *v = c->props->v;
    if ((st = bag_slots(c, el, base, &b->bag)) ||
        (st = load_bag(c, el, "ballonet", v[cell->bag.s_temp], v[cell->bag.s_pressure], &b->bag)) ||
        (st = load_heat(c, el, &b->bag)))
        return st;
    const xmlNode *blower = jx_first(el, "blower_input");
    if (blower) {
        const xmlNode *fn = jx_first(blower, "function");
        if (!fn)
            return jx_error(c, blower, "<blower_input> needs a <function>");
        if ((st = jfunc_load(c, fn, &b->blower)))
            return st;
    }
    b->bag.mass_slug = v[b->bag.s_contents] * M_AIR_SLUG_PER_MOL;
    jx_warn_unknown(c, el, known);
    return SAQR_OK;
}

static saqr_status load_cell(jx_ctx *c, const xmlNode *el, int index, gas_cell *cell)
{
    static const char *const known[] = {"location", "x_radius", "y_radius", "z_radius", "x_width", "y_width",
                                        "z_width", "max_overpressure", "valve_coefficient", "fullness",
                                        "heat", "ballonet", NULL};
    const char *type = jx_attr(c, el, "type");
    cell->cv = 2.5;
    if (type && strcmp(type, "HYDROGEN") == 0) {
        cell->molar_mass = M_HYDROGEN_SLUG_PER_MOL;
    } else if (type && strcmp(type, "HELIUM") == 0) {
        cell->molar_mass = M_HELIUM_SLUG_PER_MOL;
        cell->cv = 1.5;
    } else {
        cell->molar_mass = M_AIR_SLUG_PER_MOL;
        if (!type || strcmp(type, "AIR") != 0)
            jx_warn(c, el, "gas type \"%s\" is not HYDROGEN, HELIUM or AIR: the cell holds air",
                    type ? type : "");
    }
    char base[PROP_NAME_MAX];
    snprintf(base, sizeof base, "buoyant_forces/gas-cell[%d]", index);
    saqr_status st;
    if ((st = bag_slots(c, el, base, &cell->bag)) ||
        (st = load_bag(c, el, "gas cell", STD_SL_TEMP_R, STD_SL_PRESSURE_PSF, &cell->bag)) ||
        (st = load_heat(c, el, &cell->bag)))
        return st;
    cell->s_buoyancy = prop_intern_indexed(c->props, "buoyant_forces/gas-cell", index, "buoyancy-lbs",
                                           PROP_PRODUCED | PROP_INPUT, jx_where(c, el));
    if (cell->s_buoyancy < 0)
        return err_set(c->err, SAQR_ENOMEM, "out of memory");
    cell->bag.mass_slug = c->props->v[cell->bag.s_contents] * cell->molar_mass;
    for (const xmlNode *b = jx_first(el, "ballonet"); b; b = jx_next(b, "ballonet")) {
        if (cell->n_ballonets >= MAX_BALLONETS)
            return jx_error(c, b, "more than %d ballonets in a gas cell", MAX_BALLONETS);
        if ((st = load_ballonet(c, b, index, cell->n_ballonets, cell, &cell->ballonets[cell->n_ballonets])))
            return st;
        cell->n_ballonets++;
    }
    jx_warn_unknown(c, el, known);
    return SAQR_OK;
}

saqr_status buoyancy_load(jx_ctx *c, const xmlNode *el, buoyancy **out)
{
    static const char *const known[] = {"gas_cell", "property", "function", "documentation", "description",
                                        "limitation", NULL};
    buoyancy *b = arena_alloc(c->ar, sizeof *b);
    if (!b)
        return err_set(c->err, SAQR_ENOMEM, "out of memory");
    saqr_status st;
    if ((st = model_load_properties(c, el)) ||
        (st = model_load_functions(c, el, 0, &b->pre, &b->n_pre)))
        return st;
    for (const xmlNode *g = jx_first(el, "gas_cell"); g; g = jx_next(g, "gas_cell")) {
        if (b->n_cells >= MAX_CELLS)
            return jx_error(c, g, "more than %d gas cells", MAX_CELLS);
        if ((st = load_cell(c, g, b->n_cells, &b->cells[b->n_cells])))
            return st;
        b->n_cells++;
    }
    if ((st = model_load_functions(c, el, 1, &b->post, &b->n_post)))
        return st;
    static const char *const fnames[3] = {"forces/fbx-buoyancy-lbs", "forces/fby-buoyancy-lbs",
                                          "forces/fbz-buoyancy-lbs"};
    static const char *const mnames[3] = {"moments/l-buoyancy-lbsft", "moments/m-buoyancy-lbsft",
                                          "moments/n-buoyancy-lbsft"};
    b->s_air_t = prop_intern(c->props, "atmosphere/T-R", PROP_READ, jx_where(c, el));
    b->s_air_p = prop_intern(c->props, "atmosphere/P-psf", PROP_READ, jx_where(c, el));
    b->s_air_rho = prop_intern(c->props, "atmosphere/rho-slugs_ft3", PROP_READ, jx_where(c, el));
    if (b->s_air_t < 0 || b->s_air_p < 0 || b->s_air_rho < 0)
        return err_set(c->err, SAQR_ENOMEM, "out of memory");
    for (int i = 0; i < 3; i++) {
        b->s_force[i] = prop_intern(c->props, fnames[i], PROP_PRODUCED | PROP_READONLY, jx_where(c, el));
        b->s_moment[i] = prop_intern(c->props, mnames[i], PROP_PRODUCED | PROP_READONLY, jx_where(c, el));
        if (b->s_force[i] < 0 || b->s_moment[i] < 0)
            return err_set(c->err, SAQR_ENOMEM, "out of memory");
    }
    jx_warn_unknown(c, el, known);
    *out = b;
    return SAQR_OK;
}

/* ---- running ---------------------------------------------------------- */

/* Inertia of a uniform ellipsoid or x cylinder about its centre; zero
 * (a point) for other shapes, as in JSBSim.  The cylinder's formula takes
 * y_radius * z_radius for r^2, JSBSim's approximation. */
static void bag_inertia(gas_bag *g, double mass_slug)
{
    const double xr = g->x_radius_ft, yr = g->y_radius_ft, zr = g->z_radius_ft;
    const double xw = g->x_width_ft, yw = g->y_width_ft, zw = g->z_width_ft;
    double *j = g->own_j_slugft2;
    if (xr != 0.0 && yr != 0.0 && zr != 0.0 && xw == 0.0 && yw == 0.0 && zw == 0.0) {
        j[0] = 0.2 * mass_slug * (yr * yr + zr * zr);
        j[1] = 0.2 * mass_slug * (xr * xr + zr * zr);
        j[2] = 0.2 * mass_slug * (xr * xr + yr * yr);
    } else if (xr == 0.0 && yr != 0.0 && zr != 0.0 && xw != 0.0 && yw == 0.0 && zw == 0.0) {
        j[0] = 0.5 * mass_slug * yr * zr;
        j[1] = j[2] = 0.25 * mass_slug * yr * zr + mass_slug * xw * xw / 12.0;
    } else {
        j[0] = j[1] = j[2] = 0.0;
    }
    g->mass_slug = mass_slug;
}

static void run_ballonet(ballonet *bl, const gas_cell *cell, double air_p_psf, double dt_s, double *v,
                         saqr_rng *rng)
{
    gas_bag *g = &bl->bag;
    const double r = GAS_R_LBFFT_PER_MOL_R;
    const double parent_p = v[cell->bag.s_pressure];
    const double t_old = v[g->s_temp], p_old = v[g->s_pressure];
    double contents = v[g->s_contents];
    double t = t_old;

    bl->heat_flow = jfunc_eval_sum(g->heat, g->n_heat, 0.0, v, rng);
    if (contents > 0.0)
        t += (bl->heat_flow * dt_s - p_old * g->dvolume_ideal_ft3) / (2.5 * contents * r);
    else
        t = v[cell->bag.s_temp];
    v[g->s_temp] = t;

    /* never below the pressure of the gas around it */
    double p = fmax(contents * r * t / g->max_volume_ft3, parent_p);
    v[g->s_pressure] = p;

    if (bl->blower) {
        const double added_ft3 = jfunc_eval(bl->blower, v, rng) * dt_s;
        if (added_ft3 > 0.0)
            contents += p * added_ft3 / (r * t);
    }
    const double valve_open = v[g->s_valve];
    const int relief = p > air_p_psf + g->max_overpressure_psf;
    if (g->valve_coef > 0.0 && (valve_open > 0.0 || relief)) {
        const double out_ft3 = (relief ? 1.0 : valve_open) * g->valve_coef * (p - air_p_psf) * dt_s;
        /* JSBSim keeps at least one mole: fewer gave NaNs */
        contents = fmax(1.0, contents - p * out_ft3 / (r * t));
    }
    v[g->s_contents] = contents;
    v[g->s_volume] = contents * r * t / p;
    g->dvolume_ideal_ft3 = contents * r * (t / p - t_old / p_old);
    bag_inertia(g, contents * M_AIR_SLUG_PER_MOL);
}

/* One cell: gas temperature, pressure, manual valve, ballonets, relief
 * valve, volume and buoyancy (lbf), in JSBSim's order. */
static double run_cell(gas_cell *cell, double air_t_r, double air_p_psf, double air_rho, double g_fps2,
                       double dt_s, double *v, saqr_rng *rng)
{
    gas_bag *g = &cell->bag;
    const double r = GAS_R_LBFFT_PER_MOL_R;
    const double t_old = v[g->s_temp], p_old = v[g->s_pressure];
    double contents = v[g->s_contents];
    double bal_volume = 0.0, bal_heat = 0.0;
    for (int i = 0; i < cell->n_ballonets; i++) {
        bal_volume += v[cell->ballonets[i].bag.s_volume];
        bal_heat += cell->ballonets[i].heat_flow;
    }

    double t = t_old;
    if (g->n_heat > 0 && contents > 0.0) {
        const double du = jfunc_eval_sum(g->heat, g->n_heat, 0.0, v, rng);
        /* the expansion term is already a change over the step */
        t += (du * dt_s - p_old * g->dvolume_ideal_ft3 - bal_heat) / (cell->cv * contents * r);
    } else {
        if (g->n_heat > 0)
            (void)jfunc_eval_sum(g->heat, g->n_heat, 0.0, v, rng);   /* named results still update */
        t = air_t_r;
    }
    v[g->s_temp] = t;

    const double p_ideal = contents * r * t / (g->max_volume_ft3 - bal_volume);
    double p = p_ideal > air_p_psf + g->max_overpressure_psf ? air_p_psf + g->max_overpressure_psf
                                                               : fmax(p_ideal, air_p_psf);
    v[g->s_pressure] = p;

    const double valve_open = v[g->s_valve];
    if (g->valve_coef > 0.0 && valve_open > 0.0) {
        /* The valve is at the top: the gas column above the centre adds
         * pressure; the column shrinks as the cell empties (JSBSim's ad hoc
         * formula). */
        const double gas_volume = contents * r * t / p;
        const double height_ft =
            (2.0 * g->z_radius_ft + g->z_width_ft) * fmin(1.0, gas_volume / g->max_volume_ft3);
        const double gas_rho = cell->molar_mass * p / (r * t);
        const double dp = fmax(0.0, p + height_ft * g_fps2 * (air_rho - gas_rho) - air_p_psf);
        const double out_ft3 = valve_open * g->valve_coef * dp * dt_s;
        contents = fmax(0.0, contents - p * out_ft3 / (r * t));
    }
    v[g->s_contents] = contents;

    bal_volume = 0.0;
    for (int i = 0; i < cell->n_ballonets; i++) {
        run_ballonet(&cell->ballonets[i], cell, air_p_psf, dt_s, v, rng);
        bal_volume += v[cell->ballonets[i].bag.s_volume];
    }

    if (contents * r * t / (g->max_volume_ft3 - bal_volume) > air_p_psf + g->max_overpressure_psf)
        contents = (air_p_psf + g->max_overpressure_psf) * (g->max_volume_ft3 - bal_volume) / (r * t);
    v[g->s_contents] = contents;

    const double volume = contents * r * t / p + bal_volume;
    v[g->s_volume] = volume;
    g->dvolume_ideal_ft3 = contents * r * (t / p - t_old / p_old);
    const double lift_lbf = volume * air_rho * g_fps2;
    v[cell->s_buoyancy] = lift_lbf;
    bag_inertia(g, contents * cell->molar_mass);
    cell->ran = 1;
    return lift_lbf;
}

void buoyancy_run(buoyancy *b, const fdm_env *env, double *v, saqr_rng *rng, fdm_forces *out)
{
    memset(out, 0, sizeof *out);
    if (b->n_cells == 0)
        return;
    (void)jfunc_eval_sum(b->pre, b->n_pre, 0.0, v, rng);
    /* the air as the other models see it, in JSBSim's units */
    const double air_t_r = v[b->s_air_t], air_p_psf = v[b->s_air_p], air_rho = v[b->s_air_rho];
    /* gravitation where the aircraft is now, JSBSim's FGInertial value */
    double g_ecef[3];
    if (env->gravity_central)
        earth_gravitation_central_ecef(env->earth, env->r_ecef_m, g_ecef);
    else
        earth_gravitation_ecef(env->earth, env->r_ecef_m, g_ecef);
    const double g_fps2 =
        sqrt(g_ecef[0] * g_ecef[0] + g_ecef[1] * g_ecef[1] + g_ecef[2] * g_ecef[2]) / M_PER_FT;

    for (int k = 0; k < b->n_cells; k++) {
        gas_cell *cell = &b->cells[k];
        const double lift_n =
            run_cell(cell, air_t_r, air_p_psf, air_rho, g_fps2, env->dt_s, v, rng) * N_PER_LBF;
        /* straight up in the local frame, at the cell's centre */
        const double f_body[3] = {-lift_n * env->c_body_ned[0][2], -lift_n * env->c_body_ned[1][2],
                                  -lift_n * env->c_body_ned[2][2]};
        fdm_forces_add_at(out, env, f_body, cell->bag.pos_struct_m);
    }
    for (int i = 0; i < 3; i++) {
        v[b->s_force[i]] = out->force_body_n[i] / N_PER_LBF;
        v[b->s_moment[i]] = out->moment_body_nm[i] / (N_PER_LBF * M_PER_FT);
    }
    (void)jfunc_eval_sum(b->post, b->n_post, 0.0, v, rng);
}

static void to_point_mass(const gas_bag *g, fdm_point_mass *pm)
{
    memset(pm, 0, sizeof *pm);
    pm->mass_kg = g->mass_slug * KG_PER_SLUG;
    memcpy(pm->pos_struct_m, g->pos_struct_m, sizeof pm->pos_struct_m);
    for (int i = 0; i < 3; i++)
        pm->inertia_kgm2[i][i] = g->own_j_slugft2[i] * KGM2_PER_SLUGFT2;
}

int buoyancy_cell_count(const buoyancy *b)
{
    return b ? b->n_cells : 0;
}

int buoyancy_point_masses(const buoyancy *b, fdm_point_mass *out, int max)
{
    int n = 0;
    for (int k = 0; k < b->n_cells && n < max; k++) {
        const gas_cell *cell = &b->cells[k];
        if (!cell->ran) {
            /* JSBSim's mass balance first sees the gas's weight but no
             * moment or inertia (they come from the first run) */
            memset(&out[n], 0, sizeof out[n]);
            out[n++].mass_kg = cell->bag.mass_slug * KG_PER_SLUG;
            continue;
        }
        to_point_mass(&cell->bag, &out[n++]);
        for (int i = 0; i < cell->n_ballonets && n < max; i++)
            to_point_mass(&cell->ballonets[i].bag, &out[n++]);
    }
    return n;
}

/* Everything but the functions (shared, read-only) is state or small. */
buoyancy *buoyancy_clone(arena *ar, const buoyancy *src)
{
    return arena_dup(ar, src, sizeof *src);
}
