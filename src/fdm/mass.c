/*
 * mass.c - mass balance: empty aircraft + point masses + tanks -> mass,
 * CG, inertia about the CG (parallel-axis theorem in body axes).
 * Reference: JSBSim src/models/FGMassBalance.cpp (Load, Run,
 * GetPointmassInertia, PointMass::CalculateShapeInertia).
 */
#include "fdm/mass.h"

#include <math.h>
#include <string.h>

#include "math/units.h"
#include "util/mem.h"

#define MASS_MAX_POINTS 64

typedef struct point_mass {
    int weight_slot;                 /* inertia/pointmass-weight-lbs[i]    */
    int loc_slot[3];                 /* inertia/pointmass-location-X|Y|Z-inches[i],
                                        writable: the position in use      */
    double own_j_kgm2[3][3];         /* own inertia, or per-kg shape factors */
    int shape_scales;                /* own_j is per kg of weight (shapes)  */
    int own_zero;                    /* own_j is zero (+0 or -0) throughout,
                                        and not scaled: inertia() skips it */
    const char *name;                /* its name= ("" without one)          */
} point_mass;

/* The loaded mass properties: what a run reads and nothing changes after
 * loading, shared by the aircraft of a batch (mass_clone). */
typedef struct mass_def {
    double empty_kg;
    double base_cg_struct_m[3];
    double base_j_kgm2[3][3];        /* empty aircraft about its own CG     */
    int n_points;
    const point_mass *points;        /* n_points                            */
    unsigned own_plus_zero;          /* sym6 entries (bit 0 xx .. 5 yz) to
                                        which a skipped own_j adds +0       */
} mass_def;

/* One aircraft's mass properties: what the last run found. */
struct mass_balance {
    const mass_def *d;
    double last_cg_struct_m[3];
    int have_last;
    /* The inertia of the last run and every input it came from: when the
     * inputs are the same bits, so is the inertia (it rarely changes in
     * flight, and trim evaluations repeat it).  While fuel burns the CG
     * moves every run: then only the CGs are kept (cache_cg_set), and the
     * other inputs and the inertia (cache_valid) only once a run finds the
     * CGs of the run before it. */
    int cache_cg_set;
    int cache_valid;
    int cache_n_extra;
    int cache_cap_extra;             /* room in cache_extra (mass_size_cache) */
    double cache_cg[3], cache_tank_cg[3];
    double *cache_weight;            /* n_points                           */
    double (*cache_loc_in)[3];       /* n_points                           */
    fdm_point_mass *cache_extra;     /* cache_cap_extra                    */
    double cache_j[3][3];
};

/* ixx..iyz children in SLUG*FT2 -> tensor in kg m^2 with JSBSim's signs. */
static saqr_status read_inertia(jx_ctx *c, const xmlNode *el, double j[3][3])
{
    static const char *const names[6] = {"ixx", "iyy", "izz", "ixy", "ixz", "iyz"};
    double val[6] = {0};
    for (int i = 0; i < 6; i++) {
        saqr_status st = jx_child_number(c, el, names[i], "KG*M2", 0, &val[i]);
        if (st != SAQR_OK && st != SAQR_ENOTFOUND)
            return st;
    }
    const char *neg = jx_attr(c, el, "negated_crossproduct_inertia");
    double sgn = (neg && strcmp(neg, "false") == 0) ? 1.0 : -1.0;
    j[0][0] = val[0];
    j[1][1] = val[1];
    j[2][2] = val[2];
    j[0][1] = j[1][0] = sgn * val[3];
    j[0][2] = j[2][0] = -sgn * val[4];
    j[1][2] = j[2][1] = sgn * val[5];
    return SAQR_OK;
}

static saqr_status load_point(jx_ctx *c, const xmlNode *el, int index, point_mass *p)
{
    const xmlNode *loc = jx_first(el, "location");
    if (!loc)
        return jx_error(c, el, "<pointmass> has no <location>");
    double pos_in[3];
    saqr_status st = jx_triplet(c, loc, "IN", 0, pos_in);
    if (st)
        return st;
    static const char *const loc_names[3] = {"inertia/pointmass-location-X-inches",
                                             "inertia/pointmass-location-Y-inches",
                                             "inertia/pointmass-location-Z-inches"};
    for (int i = 0; i < 3; i++) {
        p->loc_slot[i] = prop_intern_indexed(c->props, loc_names[i], index, NULL, PROP_PRODUCED | PROP_INPUT,
                                             jx_where(c, el));
        if (p->loc_slot[i] < 0)
            return err_set(c->err, SAQR_ENOMEM, "out of memory");
        c->props->v[p->loc_slot[i]] = pos_in[i];
    }
    double w_lbs = 0.0;
    if ((st = jx_child_number(c, el, "weight", "LBS", 1, &w_lbs)))
        return st;
    p->weight_slot = prop_intern_indexed(c->props, "inertia/pointmass-weight-lbs", index, NULL,
                                         PROP_PRODUCED | PROP_INPUT, jx_where(c, el));
    if (p->weight_slot < 0)
        return err_set(c->err, SAQR_ENOMEM, "out of memory");
    c->props->v[p->weight_slot] = w_lbs;
    const char *name = jx_attr(c, el, "name");
    if (!(p->name = arena_strdup(c->ar, name ? name : "")))
        return err_set(c->err, SAQR_ENOMEM, "out of memory");
    memset(p->own_j_kgm2, 0, sizeof p->own_j_kgm2);
    const xmlNode *form = jx_first(el, "form");
    if (form) {
        double r = 0.0, len = 0.0;
        st = jx_child_number(c, form, "radius", "M", 0, &r);
        if (st != SAQR_OK && st != SAQR_ENOTFOUND)
            return st;
        st = jx_child_number(c, form, "length", "M", 0, &len);
        if (st != SAQR_OK && st != SAQR_ENOTFOUND)
            return st;
        const char *shape = jx_attr(c, form, "shape");
        double (*j)[3] = p->own_j_kgm2;     /* per kg of mass */
        if (shape && strcmp(shape, "tube") == 0) {
            j[0][0] = r * r;
            j[1][1] = j[2][2] = (6.0 * r * r + len * len) / 12.0;
        } else if (shape && strcmp(shape, "cylinder") == 0) {
            j[0][0] = 0.5 * r * r;
            j[1][1] = j[2][2] = (3.0 * r * r + len * len) / 12.0;
        } else if (shape && strcmp(shape, "sphere") == 0) {
            j[0][0] = j[1][1] = j[2][2] = 2.0 / 3.0 * r * r;
        } else if (shape && strcmp(shape, "ball") == 0) {
            j[0][0] = j[1][1] = j[2][2] = 0.4 * r * r;
        } else {
            jx_warn(c, form, "unknown point mass shape \"%s\": treated as a point", shape ? shape : "");
        }
        p->shape_scales = 1;
    } else {
        if ((st = read_inertia(c, el, p->own_j_kgm2)))
            return st;
    }
    const double (*j)[3] = (const double (*)[3])p->own_j_kgm2;
    p->own_zero = !p->shape_scales;
    for (int r = 0; r < 3; r++)
        for (int k = 0; k < 3; k++)
            p->own_zero &= j[r][k] == 0.0;
    return SAQR_OK;
}

/* The entries of sym6's order to which the own inertia j adds +0. */
static unsigned plus_zero_entries(const double j[3][3])
{
    const double e[6] = {j[0][0], j[1][1], j[2][2], j[0][1], j[0][2], j[1][2]};
    unsigned mask = 0;
    for (int i = 0; i < 6; i++)
        if (e[i] == 0.0 && !signbit(e[i]))
            mask |= 1u << i;
    return mask;
}

saqr_status mass_load(jx_ctx *c, const xmlNode *el, mass_balance **out)
{
    static const char *const known[] = {"ixx", "iyy", "izz", "ixy", "ixz", "iyz", "emptywt", "location",
                                        "pointmass", "description", NULL};
    mass_def *d = arena_alloc(c->ar, sizeof *d);
    mass_balance *m = arena_alloc(c->ar, sizeof *m);
    if (!d || !m)
        return err_set(c->err, SAQR_ENOMEM, "out of memory");
    m->d = d;
    saqr_status st;
    if ((st = read_inertia(c, el, d->base_j_kgm2)))
        return st;
    st = jx_child_number(c, el, "emptywt", "KG", 0, &d->empty_kg);
    if (st != SAQR_OK && st != SAQR_ENOTFOUND)
        return st;
    for (const xmlNode *loc = jx_first(el, "location"); loc; loc = jx_next(loc, "location")) {
        const char *name = jx_attr(c, loc, "name");
        if (name && strcmp(name, "CG") == 0) {
            if ((st = jx_triplet(c, loc, "M", 0, d->base_cg_struct_m)))
                return st;
        }
    }
    int np = jx_count(el, "pointmass");
    point_mass *points = np > 0 ? arena_array(c->ar, (size_t)np, sizeof *points) : NULL;
    m->cache_weight = np > 0 ? arena_array(c->ar, (size_t)np, sizeof *m->cache_weight) : NULL;
    m->cache_loc_in = np > 0 ? arena_array(c->ar, (size_t)np, sizeof *m->cache_loc_in) : NULL;
    if (np > 0 && (!points || !m->cache_weight || !m->cache_loc_in))
        return err_set(c->err, SAQR_ENOMEM, "out of memory");
    for (const xmlNode *pm = jx_first(el, "pointmass"); pm; pm = jx_next(pm, "pointmass")) {
        if (d->n_points >= MASS_MAX_POINTS)
            return jx_error(c, pm, "more than %d point masses", MASS_MAX_POINTS);
        if ((st = load_point(c, pm, d->n_points, &points[d->n_points])))
            return st;
        if (points[d->n_points].own_zero)
            d->own_plus_zero |= plus_zero_entries((const double (*)[3])points[d->n_points].own_j_kgm2);
        d->n_points++;
    }
    d->points = points;
    jx_warn_unknown(c, el, known);
    *out = m;
    return SAQR_OK;
}

/* A point mass's structural position now (its location properties). */
static void point_pos(const point_mass *p, const double *v, double pos_struct_m[3])
{
    for (int i = 0; i < 3; i++)
        pos_struct_m[i] = v[p->loc_slot[i]] * M_PER_IN;
}

void mass_reset(mass_balance *m)
{
    memset(m->last_cg_struct_m, 0, sizeof m->last_cg_struct_m);
    m->have_last = 0;
    m->cache_cg_set = 0;
    m->cache_valid = 0;
}

/* Non-zero when cg and tank_cg are bit for bit those of the last run. */
static int same_cgs(const mass_balance *m, const double cg[3], const double tank_cg[3])
{
    return m->cache_cg_set && mem_same_doubles(cg, m->cache_cg, 3) &&
           mem_same_doubles(tank_cg, m->cache_tank_cg, 3);
}

/* Non-zero when the other inertia inputs (point masses, extras) are bit
 * for bit those of the cache. */
static int same_inputs(const mass_balance *m, const double *v, const fdm_point_mass *extra, int n_extra)
{
    if (!m->cache_valid || n_extra != m->cache_n_extra)
        return 0;
    for (int k = 0; k < m->d->n_points; k++) {
        const double w = v[m->d->points[k].weight_slot];
        if (memcmp(&w, &m->cache_weight[k], sizeof w))
            return 0;
        for (int i = 0; i < 3; i++) {
            const double x = v[m->d->points[k].loc_slot[i]];
            if (memcmp(&x, &m->cache_loc_in[k][i], sizeof x))
                return 0;
        }
    }
    return n_extra == 0 || memcmp(extra, m->cache_extra, (size_t)n_extra * sizeof *extra) == 0;
}

static void remember_cgs(mass_balance *m, const double cg[3], const double tank_cg[3])
{
    memcpy(m->cache_cg, cg, sizeof m->cache_cg);
    memcpy(m->cache_tank_cg, tank_cg, sizeof m->cache_tank_cg);
    m->cache_cg_set = 1;
}

/* The inputs besides the CGs (those of the cache already) and the inertia. */
static void remember_inputs(mass_balance *m, const double *v, const fdm_point_mass *extra, int n_extra,
                            const double j[3][3])
{
    m->cache_valid = n_extra <= m->cache_cap_extra;
    if (!m->cache_valid)
        return;
    m->cache_n_extra = n_extra;
    for (int k = 0; k < m->d->n_points; k++) {
        m->cache_weight[k] = v[m->d->points[k].weight_slot];
        for (int i = 0; i < 3; i++)
            m->cache_loc_in[k][i] = v[m->d->points[k].loc_slot[i]];
    }
    if (n_extra > 0) /* cache_extra is NULL when there is no room: memcpy must not see it */
        memcpy(m->cache_extra, extra, (size_t)n_extra * sizeof *extra);
    memcpy(m->cache_j, j, sizeof m->cache_j);
}

/* The six distinct entries of a symmetric tensor: xx yy zz xy xz yz. */
typedef struct sym6 {
    double xx, yy, zz, xy, xz, yz;
} sym6;

/* j += (point mass m at pos, about cg, by the parallel-axis theorem, in
 * body axes) + scale * own, entry by entry. */
static inline void add_point(sym6 *j, double m, const double pos[3], const double cg[3], const double own[3][3],
                             double scale)
{
    double r0 = -(pos[0] - cg[0]), r1 = pos[1] - cg[1], r2 = -(pos[2] - cg[2]);
    double xx = m * r0 * r0, yy = m * r1 * r1, zz = m * r2 * r2;
    j->xx += yy + zz;
    j->yy += xx + zz;
    j->zz += xx + yy;
    j->xy += -m * r0 * r1;
    j->xz += -m * r0 * r2;
    j->yz += -m * r1 * r2;
    if (own) {
        j->xx += scale * own[0][0];
        j->yy += scale * own[1][1];
        j->zz += scale * own[2][2];
        j->xy += scale * own[0][1];
        j->xz += scale * own[0][2];
        j->yz += scale * own[1][2];
    }
}

/* Inertia about the CG: the empty aircraft, the point masses (masses mk
 * and positions pos, as mass_run read them, about cg) and the tanks
 * (about tank_cg, see mass_run).  The tensors are symmetric (read_inertia
 * and the shapes make them so), so six sums do. */
static void inertia(const mass_balance *m, const double *mk, const double (*pos)[3], const double cg[3],
                    const double tank_cg[3], const fdm_point_mass *extra, int n_extra, double j[3][3])
{
    const double (*b)[3] = (const double (*)[3])m->d->base_j_kgm2;
    sym6 s = {b[0][0], b[1][1], b[2][2], b[0][1], b[0][2], b[1][2]};
    add_point(&s, m->d->empty_kg, m->d->base_cg_struct_m, cg, NULL, 0.0);
    for (int k = 0; k < m->d->n_points; k++) {
        const point_mass *p = &m->d->points[k];
        if (p->own_zero)
            add_point(&s, mk[k], pos[k], cg, NULL, 0.0);
        else
            add_point(&s, mk[k], pos[k], cg, (const double (*)[3])p->own_j_kgm2, p->shape_scales ? mk[k] : 1.0);
    }
    /* A zero own inertia (scaled by 1) changes a sum only by turning -0
     * into +0, so adding +0 to an entry once, after the sums, gives the
     * same bits as adding it after each point; -0 changes nothing. */
    double *entry[6] = {&s.xx, &s.yy, &s.zz, &s.xy, &s.xz, &s.yz};
    for (int i = 0; i < 6; i++)
        if (m->d->own_plus_zero & (1u << i))
            *entry[i] += 0.0;
    for (int k = 0; k < n_extra; k++)
        add_point(&s, extra[k].mass_kg, extra[k].pos_struct_m, tank_cg,
                  (const double (*)[3])extra[k].inertia_kgm2, 1.0);
    j[0][0] = s.xx;
    j[1][1] = s.yy;
    j[2][2] = s.zz;
    j[0][1] = j[1][0] = s.xy;
    j[0][2] = j[2][0] = s.xz;
    j[1][2] = j[2][1] = s.yz;
}

void mass_run(mass_balance *m, const fdm_point_mass *extra, int n_extra, const fdm_slots *s, double *v,
              fdm_env *env, double cg_shift_body_m[3])
{
    double mass = m->d->empty_kg;
    double mom[3];
    for (int i = 0; i < 3; i++)
        mom[i] = m->d->empty_kg * m->d->base_cg_struct_m[i];
    /* each point mass's mass and position, read once for the CG and the
     * inertia */
    double mk[MASS_MAX_POINTS], pos[MASS_MAX_POINTS][3];
    for (int k = 0; k < m->d->n_points; k++) {
        mk[k] = v[m->d->points[k].weight_slot] * KG_PER_LBM;
        point_pos(&m->d->points[k], v, pos[k]);
        mass += mk[k];
        for (int i = 0; i < 3; i++)
            mom[i] += mk[k] * pos[k][i];
    }
    for (int k = 0; k < n_extra; k++) {
        mass += extra[k].mass_kg;
        for (int i = 0; i < 3; i++)
            mom[i] += extra[k].mass_kg * extra[k].pos_struct_m[i];
    }
    double cg[3] = {0, 0, 0};
    if (mass > 0.0)
        for (int i = 0; i < 3; i++)
            cg[i] = mom[i] / mass;

    /* Shift of the CG, as a body-axis displacement of the old CG relative
     * to the new one (JSBSim's vDeltaXYZcgBody). */
    if (m->have_last) {
        cg_shift_body_m[0] = -(m->last_cg_struct_m[0] - cg[0]);
        cg_shift_body_m[1] = m->last_cg_struct_m[1] - cg[1];
        cg_shift_body_m[2] = -(m->last_cg_struct_m[2] - cg[2]);
    } else {
        cg_shift_body_m[0] = cg_shift_body_m[1] = cg_shift_body_m[2] = 0.0;
    }
    /* JSBSim reads the tanks' inertia (FGPropulsion::CalculateTankInertias)
     * before its mass balance moves the CG: about the previous run's CG,
     * the structural origin on the very first run (RunIC's first pass,
     * whose derivative becomes the integrators' history). */
    double tank_cg[3];
    memcpy(tank_cg, m->last_cg_struct_m, sizeof tank_cg);
    memcpy(m->last_cg_struct_m, cg, sizeof cg);
    m->have_last = 1;

    double j[3][3];
    if (!same_cgs(m, cg, tank_cg)) {
        inertia(m, mk, (const double (*)[3])pos, cg, tank_cg, extra, n_extra, j);
        remember_cgs(m, cg, tank_cg);
        m->cache_valid = 0;
    } else if (same_inputs(m, v, extra, n_extra)) {
        memcpy(j, m->cache_j, sizeof j);
    } else {
        inertia(m, mk, (const double (*)[3])pos, cg, tank_cg, extra, n_extra, j);
        remember_inputs(m, v, extra, n_extra, j);
    }

    env->mass_kg = mass;
    memcpy(env->cg_struct_m, cg, sizeof cg);
    memcpy(env->inertia_kgm2, j, sizeof j);
    v[s->empty_weight_lbs] = m->d->empty_kg / KG_PER_LBM;
}

void mass_report(const fdm_env *env, double out[MASS_REPORT_COUNT])
{
    const double slugft2 = KGM2_PER_SLUGFT2;
    const double (*j)[3] = env->inertia_kgm2;
    out[0] = env->mass_kg / KG_PER_SLUG;
    out[1] = env->mass_kg / KG_PER_LBM;
    for (int i = 0; i < 3; i++)
        out[2 + i] = env->cg_struct_m[i] / M_PER_IN;
    out[5] = j[0][0] / slugft2;
    out[6] = j[1][1] / slugft2;
    out[7] = j[2][2] / slugft2;
    out[8] = -j[0][1] / slugft2;
    out[9] = j[0][2] / slugft2;
    out[10] = -j[1][2] / slugft2;
}

void mass_report_slots(const fdm_slots *s, int out[MASS_REPORT_COUNT])
{
    const int slots[MASS_REPORT_COUNT] = {s->mass_slugs, s->weight_lbs, s->cg_x_in, s->cg_y_in,
                                          s->cg_z_in,    s->ixx,        s->iyy,     s->izz,
                                          s->ixy,        s->ixz,        s->iyz};
    memcpy(out, slots, sizeof slots);
}

saqr_status mass_size_cache(mass_balance *m, arena *ar, int n_extra)
{
    m->cache_valid = 0;
    m->cache_cap_extra = 0;
    if (n_extra <= 0)
        return SAQR_OK;
    if (!(m->cache_extra = arena_array(ar, (size_t)n_extra, sizeof *m->cache_extra)))
        return SAQR_ENOMEM;
    m->cache_cap_extra = n_extra;
    return SAQR_OK;
}

/* The point masses are shared (read-only); the memo is the aircraft's own. */
mass_balance *mass_clone(arena *ar, const mass_balance *src)
{
    mass_balance *m = arena_dup(ar, src, sizeof *src);
    if (!m)
        return NULL;
    size_t np = (size_t)src->d->n_points;
    if (np > 0 && (!(m->cache_weight = arena_dup(ar, src->cache_weight, np * sizeof *m->cache_weight)) ||
                   !(m->cache_loc_in = arena_dup(ar, src->cache_loc_in, np * sizeof *m->cache_loc_in))))
        return NULL;
    if (src->cache_cap_extra > 0 &&
        !(m->cache_extra = arena_dup(ar, src->cache_extra, (size_t)src->cache_cap_extra * sizeof *m->cache_extra)))
        return NULL;
    return m;
}

int mass_point_count(const mass_balance *m)
{
    return m ? m->d->n_points : 0;
}

const char *mass_point_name(const mass_balance *m, int i)
{
    return m && i >= 0 && i < m->d->n_points ? m->d->points[i].name : NULL;
}
