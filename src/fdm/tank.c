/*
 * tank.c - fuel and oxidizer tanks of a JSBSim-format aircraft: contents,
 * capacity, unusable fuel, standpipe, priority (0: not selected), fuel
 * density from <density> or the fuel <type>, drain location, the
 * "shrinking snowball" inertia of liquid fuel, external flow and the fuel
 * temperature exchange with the total air temperature.
 *
 * Solid-propellant grains (<grain_config> CYLINDRICAL, burning outward from
 * a bore, or ENDBURNING, burning from one end) keep their outer radius; the
 * propellant's density comes from the full grain, and the inertia is that
 * of the hollow or shortened cylinder left.  FUNCTION grains (inertias as
 * functions) load as liquid tanks with a warning.
 * Reference: JSBSim src/models/propulsion/FGTank.cpp (CalculateInertias).
 */
#include <math.h>
#include <string.h>

#include "fdm/propulsion_internal.h"

#define TANK_NO_TEMPERATURE (-9999.0)

/* Densities of the named fuels, lbs/gal (FGTank::ProcessFuelName). */
static const struct {
    const char *name;
    double lbspgal;
} fuel_densities[] = {
    {"AVGAS", 6.02}, {"JET-A", 6.74},  {"JET-A1", 6.74}, {"JET-B", 6.48},    {"JP-1", 6.76},
    {"JP-2", 6.38},  {"JP-3", 6.34},   {"JP-4", 6.48},   {"JP-5", 6.81},     {"JP-6", 6.55},
    {"JP-7", 6.61},  {"JP-8", 6.66},   {"JP-8+100", 6.66}, {"RP-1", 6.73},   {"T-1", 6.88},
    {"ETHANOL", 6.58}, {"HYDRAZINE", 8.61}, {"F-34", 6.66}, {"F-35", 6.74},  {"F-40", 6.48},
    {"F-44", 6.81},  {"AVTAG", 6.48},  {"AVCAT", 6.81},
};

static void calculate_inertias(tank *t)
{
    /* a tank's contents hold still in most frames (a tank not feeding, or
     * tank_calculate's fill of no external flow after the drain): the same
     * contents give the same inertias */
    uint64_t bits;
    memcpy(&bits, &t->contents_lbs, sizeof bits);
    if (t->inertia_valid && bits == t->inertia_contents_bits)
        return;
    t->inertia_contents_bits = bits;
    t->inertia_valid = 1;
    double mass_slug = t->contents_lbs * PJ_LB_TO_SLUG;
    if (t->d->grain != TANK_LIQUID) {
        double rad2 = t->d->radius_in * t->d->radius_in;
        double volume = t->d->grain_density_slugpin3 > 0.0 ? mass_slug / t->d->grain_density_slugpin3 : 0.0; /* in^3 */
        if (t->d->grain == TANK_GRAIN_CYLINDRICAL) {
            double inner = sqrt(rad2 - volume / (PJ_PI * t->grain_length_in));
            double rad_sum_sqr = (rad2 + inner * inner) / 144.0;
            t->ixx_slugft2 = 0.5 * mass_slug * rad_sum_sqr;
            t->iyy_slugft2 = mass_slug * (3.0 * rad_sum_sqr + t->grain_length_in * t->grain_length_in / 144.0) / 12.0;
        } else {
            t->grain_length_in = volume / (PJ_PI * rad2);
            t->ixx_slugft2 = 0.5 * mass_slug * rad2 / 144.0;
            t->iyy_slugft2 = mass_slug * (3.0 * rad2 + t->grain_length_in * t->grain_length_in) / (144.0 * 12.0);
        }
        t->izz_slugft2 = t->iyy_slugft2;
        return;
    }
    if (t->d->radius_in > 0.0) {
        double i = mass_slug * t->d->inertia_factor * 0.4 * t->d->radius_in * t->d->radius_in / 144.0;
        t->ixx_slugft2 = t->iyy_slugft2 = t->izz_slugft2 = i;
    }
}

static void set_contents(tank *t, double lbs)
{
    t->contents_lbs = lbs;
    if (t->contents_lbs > t->d->capacity_lbs) {
        t->contents_lbs = t->d->capacity_lbs;
        t->pct_full = 100.0;
    } else {
        t->pct_full = t->contents_lbs / t->d->capacity_lbs * 100.0;
    }
    calculate_inertias(t);
}

double tank_unusable_lbs(const tank *t)
{
    return t->unusable_gal * t->d->density_lbspgal;
}

/* <grain_config type="CYLINDRICAL|ENDBURNING"> with <length> and (bored)
 * <bore_diameter>; the density is that of the full grain (capacity over
 * volume).  Needs the tank's radius and capacity, read before. */
static saqr_status load_grain(jx_ctx *c, xmlNode *grain, tank_def *d, tank *t)
{
    static const char *const known[] = {"length", "bore_diameter", "ixx", "iyy", "izz", NULL};
    jx_warn_unknown(c, grain, known);
    const char *type = jx_attr(c, grain, "type");
    if (type && strcmp(type, "FUNCTION") == 0) {
        jx_warn(c, grain, "FUNCTION grains are not modelled; treated as a liquid tank");
        return SAQR_OK;
    }
    if (!type || (strcmp(type, "CYLINDRICAL") != 0 && strcmp(type, "ENDBURNING") != 0))
        return jx_error(c, grain, "unknown grain type \"%s\" (CYLINDRICAL, ENDBURNING or FUNCTION)",
                        type ? type : "");
    double bore_in = 0.0;
    saqr_status st;
    if ((st = pj_opt(c, grain, "length", "IN", &t->grain_length_in)) ||
        (st = pj_opt(c, grain, "bore_diameter", "IN", &bore_in)))
        return st;
    double inner_in = 0.5 * bore_in, r = d->radius_in, volume;
    if (!(t->grain_length_in > 0.0) || !(r > 0.0))
        return jx_error(c, grain, "a grain needs a positive <length> and the tank a positive <radius>");
    if (strcmp(type, "CYLINDRICAL") == 0) {
        if (r <= inner_in)
            return jx_error(c, grain, "the bore diameter should be smaller than the grain's (twice the tank radius)");
        d->grain = TANK_GRAIN_CYLINDRICAL;
        volume = PJ_PI * t->grain_length_in * (r * r - inner_in * inner_in);
    } else {
        d->grain = TANK_GRAIN_ENDBURNING;
        volume = PJ_PI * t->grain_length_in * r * r;
    }
    d->grain_density_slugpin3 = d->capacity_lbs * PJ_LB_TO_SLUG / volume;
    return SAQR_OK;
}

saqr_status tank_load(jx_ctx *c, const xmlNode *el, int index, tank *t)
{
    static const char *const known[] = {"location", "drain_location", "radius", "inertia_factor",
                                        "capacity", "contents", "unusable-volume", "temperature",
                                        "standpipe", "priority", "density", "type",
                                        "grain_config", NULL};
    saqr_status st;
    memset(t, 0, sizeof *t);
    tank_def *d = arena_alloc(c->ar, sizeof *d);
    if (!d)
        return jx_error(c, el, "out of memory");
    t->d = d;
    jx_warn_unknown(c, el, known);

    const char *type = jx_attr(c, el, "type");
    if (type && strcmp(type, "FUEL") == 0)
        d->type = TANK_FUEL;
    else if (type && strcmp(type, "OXIDIZER") == 0)
        d->type = TANK_OXIDIZER;
    else
        return jx_error(c, el, "unknown tank type \"%s\" (FUEL or OXIDIZER)", type ? type : "");
    d->name = jx_attr(c, el, "name");

    d->density_lbspgal = 6.6;
    d->initial_temperature_c = TANK_NO_TEMPERATURE;
    d->inertia_factor = 1.0;
    d->capacity_lbs = 0.00001;
    d->initial_priority = 1;

    xmlNode *loc = jx_first(el, "location");
    if (loc) {
        if ((st = jx_triplet(c, loc, "IN", 0, t->xyz_in)) != SAQR_OK)
            return st;
    } else {
        jx_warn(c, el, "no location found for this tank (taken as 0, 0, 0)");
    }
    memcpy(d->drain_in, t->xyz_in, sizeof d->drain_in);
    xmlNode *drain = jx_first(el, "drain_location");
    if (drain && (st = jx_triplet(c, drain, "IN", 0, d->drain_in)) != SAQR_OK)
        return st;

    double temperature_f = TANK_NO_TEMPERATURE, priority = 1.0;
    if ((st = pj_opt(c, el, "radius", "IN", &d->radius_in)) ||
        (st = pj_opt(c, el, "inertia_factor", NULL, &d->inertia_factor)) ||
        (st = pj_opt(c, el, "capacity", "LBS", &d->capacity_lbs)) ||
        (st = pj_opt(c, el, "contents", "LBS", &d->initial_contents_lbs)) ||
        (st = pj_opt(c, el, "unusable-volume", "GAL", &d->initial_unusable_gal)) ||
        (st = pj_opt(c, el, "temperature", NULL, &temperature_f)) ||
        (st = pj_opt(c, el, "standpipe", "LBS", &d->initial_standpipe_lbs)) ||
        (st = pj_opt(c, el, "priority", NULL, &priority)) ||
        (st = pj_opt(c, el, "density", "LBS/GAL", &d->density_lbspgal)))
        return st;
    d->initial_priority = prop_int(priority);

    xmlNode *grain = jx_first(el, "grain_config");
    if (grain && (st = load_grain(c, grain, d, t)) != SAQR_OK)
        return st;

    if (d->capacity_lbs == 0.0) {
        jx_warn(c, el, "tank capacity must not be zero; reset to 0.00001 lbs");
        d->capacity_lbs = 0.00001;
        d->initial_contents_lbs = 0.0;
    }
    xmlNode *fuel_type = jx_first(el, "type");
    if (fuel_type) {
        const char *fuel = jx_text(c, fuel_type);
        size_t i, n = sizeof fuel_densities / sizeof fuel_densities[0];
        for (i = 0; i < n; i++)
            if (strcmp(fuel, fuel_densities[i].name) == 0)
                break;
        if (i < n) {
            d->density_lbspgal = fuel_densities[i].lbspgal;
        } else {
            jx_warn(c, fuel_type, "unknown fuel type \"%s\" (density 6.6 lbs/gal)", fuel);
            d->density_lbspgal = 6.6;
        }
    }
    if (d->capacity_lbs <= d->initial_unusable_gal * d->density_lbspgal)
        return jx_error(c, el,
                        "tank %d: capacity (%g lbs) is lower than the unusable fuel (%g lbs)",
                        index, d->capacity_lbs, d->initial_unusable_gal * d->density_lbspgal);
    if (d->initial_contents_lbs > d->capacity_lbs)
        return jx_error(c, el, "tank %d: contents (%g lbs) exceed the capacity (%g lbs)", index,
                        d->initial_contents_lbs, d->capacity_lbs);
    if (d->initial_contents_lbs < d->initial_unusable_gal * d->density_lbspgal)
        jx_warn(c, el, "tank %d: contents are lower than the unusable fuel", index);
    if (temperature_f != TANK_NO_TEMPERATURE)
        d->initial_temperature_c = (temperature_f - 32.0) / 1.8;
    d->area_ft2 = 40.0 * pow(d->capacity_lbs / 1975.0, 0.666666667);

    /* Properties (FGTank::bind). */
    const unsigned out = PROP_PRODUCED | PROP_READONLY, rw = PJ_MIRRORED;
    if ((d->s_contents = pj_slot(c, el, "tank", index, "contents-lbs", rw)) < 0 ||
        (d->s_unusable = pj_slot(c, el, "tank", index, "unusable-volume-gal", rw)) < 0 ||
        (d->s_pct = pj_slot(c, el, "tank", index, "pct-full", out)) < 0 ||
        /* Saqr's addition (JSBSim has no capacity property): what a
         * lesson or a campaign needs to load a share of full tanks */
        (d->s_capacity = pj_slot(c, el, "tank", index, "capacity-lbs", out)) < 0 ||
        (d->s_density = pj_slot(c, el, "tank", index, "density-lbs_per_gal", out)) < 0 ||
        (d->s_priority = pj_slot(c, el, "tank", index, "priority", rw)) < 0 ||
        (d->s_ext_flow = pj_slot(c, el, "tank", index, "external-flow-rate-pps", rw)) < 0 ||
        (d->s_ixx = pj_slot(c, el, "tank", index, "local-ixx-slug_ft2", out)) < 0 ||
        (d->s_iyy = pj_slot(c, el, "tank", index, "local-iyy-slug_ft2", out)) < 0 ||
        (d->s_izz = pj_slot(c, el, "tank", index, "local-izz-slug_ft2", out)) < 0 ||
        (d->s_x = pj_slot(c, el, "tank", index, "x-position", rw)) < 0 ||
        (d->s_y = pj_slot(c, el, "tank", index, "y-position", rw)) < 0 ||
        (d->s_z = pj_slot(c, el, "tank", index, "z-position", rw)) < 0)
        return SAQR_EPARSE;
    tank_reset(t, c->props->v);
    return SAQR_OK;
}

void tank_reset(tank *t, double *v)
{
    t->temperature_c = t->d->initial_temperature_c;
    t->standpipe_lbs = t->d->initial_standpipe_lbs;
    t->unusable_gal = t->d->initial_unusable_gal;
    t->external_flow_pps = 0.0;
    t->inertia_valid = 0;
    set_contents(t, t->d->initial_contents_lbs);
    t->priority = t->d->initial_priority;
    tank_publish(t, v);
}

void tank_read_mass(tank *t, const double *v)
{
    if (v[t->d->s_contents] != t->contents_lbs)
        set_contents(t, v[t->d->s_contents]);
    t->xyz_in[0] = v[t->d->s_x];
    t->xyz_in[1] = v[t->d->s_y];
    t->xyz_in[2] = v[t->d->s_z];
}

void tank_contents_written(tank *t, double *v)
{
    set_contents(t, v[t->d->s_contents]);
    v[t->d->s_contents] = t->contents_lbs;
    v[t->d->s_pct] = t->pct_full;
    v[t->d->s_ixx] = t->ixx_slugft2;
    v[t->d->s_iyy] = t->iyy_slugft2;
    v[t->d->s_izz] = t->izz_slugft2;
}

void tank_read(tank *t, const double *v)
{
    if (v[t->d->s_contents] != t->contents_lbs)
        set_contents(t, v[t->d->s_contents]);
    t->unusable_gal = v[t->d->s_unusable];
    t->priority = prop_int(v[t->d->s_priority]);
    t->external_flow_pps = v[t->d->s_ext_flow];
    t->xyz_in[0] = v[t->d->s_x];
    t->xyz_in[1] = v[t->d->s_y];
    t->xyz_in[2] = v[t->d->s_z];
}

int tank_mirrors_foreign(const tank *t, const unsigned *flags)
{
    const int slot[] = {t->d->s_contents, t->d->s_unusable, t->d->s_priority, t->d->s_ext_flow, t->d->s_x, t->d->s_y, t->d->s_z};
    return pj_any_foreign(flags, slot, (int)(sizeof slot / sizeof slot[0]));
}

void tank_publish(const tank *t, double *v)
{
    tank_write(t, v);
    v[t->d->s_unusable] = t->unusable_gal;
    v[t->d->s_capacity] = t->d->capacity_lbs;
    v[t->d->s_density] = t->d->density_lbspgal;
    v[t->d->s_ext_flow] = t->external_flow_pps;
    v[t->d->s_x] = t->xyz_in[0];
    v[t->d->s_y] = t->xyz_in[1];
    v[t->d->s_z] = t->xyz_in[2];
}

void tank_write(const tank *t, double *v)
{
    v[t->d->s_contents] = t->contents_lbs;
    v[t->d->s_pct] = t->pct_full;
    v[t->d->s_priority] = (double)t->priority; /* the whole number tank_read took */
    v[t->d->s_ixx] = t->ixx_slugft2;
    v[t->d->s_iyy] = t->iyy_slugft2;
    v[t->d->s_izz] = t->izz_slugft2;
}

double tank_drain(tank *t, double used_lbs)
{
    double unusable = tank_unusable_lbs(t);
    double remaining = t->contents_lbs - used_lbs;
    if (remaining >= unusable) {
        t->contents_lbs -= used_lbs;
    } else {
        if (t->contents_lbs > unusable)
            t->contents_lbs = unusable;
        remaining = t->contents_lbs;
    }
    t->pct_full = 100.0 * t->contents_lbs / t->d->capacity_lbs;
    calculate_inertias(t);
    return remaining;
}

double tank_fill(tank *t, double amount_lbs)
{
    double overage = 0.0;
    t->contents_lbs += amount_lbs;
    if (t->contents_lbs > t->d->capacity_lbs) {
        overage = t->contents_lbs - t->d->capacity_lbs;
        t->contents_lbs = t->d->capacity_lbs;
        t->pct_full = 100.0;
    } else {
        t->pct_full = t->contents_lbs / t->d->capacity_lbs * 100.0;
    }
    calculate_inertias(t);
    return overage;
}

void tank_calculate(tank *t, double dt_s, double tat_c)
{
    if (t->external_flow_pps < 0.0)
        tank_drain(t, -t->external_flow_pps * dt_s);
    else
        tank_fill(t, t->external_flow_pps * dt_s);

    if (t->temperature_c == TANK_NO_TEMPERATURE)
        return;
    /* Heat exchange through the upper and lower surfaces (taken equal):
     * 900 J/lbm/C heat capacity, 1.115 W/ft^2/C flow factor. */
    double diff_c = tat_c - t->temperature_c, d_c = 0.0;
    if (fabs(diff_c) > 0.1 && t->contents_lbs > 0.01)
        d_c = (1.115 * t->d->area_ft2 * diff_c * dt_s) / (t->contents_lbs * 900.0);
    t->temperature_c += d_c + d_c;
}

void tank_xyz_in(const tank *t, double out_in[3])
{
    double f = t->contents_lbs / t->d->capacity_lbs;
    for (int i = 0; i < 3; i++)
        out_in[i] = t->d->drain_in[i] + f * (t->xyz_in[i] - t->d->drain_in[i]);
}
