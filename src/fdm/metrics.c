/*
 * metrics.c - reads <metrics> and publishes the metrics/ properties.
 * Reference: JSBSim src/models/FGAircraft.cpp (Load, bindings).
 */
#include "fdm/metrics.h"

#include <string.h>

#include "math/units.h"

static saqr_status optional(jx_ctx *c, const xmlNode *el, const char *name, const char *unit, double *out)
{
    saqr_status st = jx_child_number(c, el, name, unit, 0, out);
    return st == SAQR_ENOTFOUND ? SAQR_OK : st;
}

saqr_status metrics_load(jx_ctx *c, const xmlNode *el, fdm_metrics *m)
{
    static const char *const known[] = {"wingarea", "wingspan", "chord", "wing_incidence", "htailarea",
                                        "htailarm", "vtailarea", "vtailarm", "location", "description",
                                        NULL};
    memset(m, 0, sizeof *m);
    double sw_ft2 = 0, bw_ft = 0, cbar_ft = 0, sh_ft2 = 0, lh_ft = 0, sv_ft2 = 0, lv_ft = 0;
    saqr_status st;
    if ((st = optional(c, el, "wingarea", "FT2", &sw_ft2)) || (st = optional(c, el, "wingspan", "FT", &bw_ft)) ||
        (st = optional(c, el, "chord", "FT", &cbar_ft)) ||
        (st = optional(c, el, "wing_incidence", "RAD", &m->iw_rad)) ||
        (st = optional(c, el, "htailarea", "FT2", &sh_ft2)) || (st = optional(c, el, "htailarm", "FT", &lh_ft)) ||
        (st = optional(c, el, "vtailarea", "FT2", &sv_ft2)) || (st = optional(c, el, "vtailarm", "FT", &lv_ft)))
        return st;
    m->sw_m2 = sw_ft2 * M_PER_FT * M_PER_FT;
    m->bw_m = bw_ft * M_PER_FT;
    m->cbarw_m = cbar_ft * M_PER_FT;
    m->sh_m2 = sh_ft2 * M_PER_FT * M_PER_FT;
    m->lh_m = lh_ft * M_PER_FT;
    m->sv_m2 = sv_ft2 * M_PER_FT * M_PER_FT;
    m->lv_m = lv_ft * M_PER_FT;
    if (cbar_ft != 0.0) {
        m->lbarh = lh_ft / cbar_ft;
        m->lbarv = lv_ft / cbar_ft;
        if (sw_ft2 != 0.0) {
            m->vbarh = lh_ft * sh_ft2 / (cbar_ft * sw_ft2);
            m->vbarv = lv_ft * sv_ft2 / (bw_ft * sw_ft2);
        }
    }
    for (const xmlNode *loc = jx_first(el, "location"); loc; loc = jx_next(loc, "location")) {
        const char *name = jx_attr(c, loc, "name");
        double *dst = NULL;
        if (name && strcmp(name, "AERORP") == 0)
            dst = m->rp_struct_m;
        else if (name && strcmp(name, "EYEPOINT") == 0)
            dst = m->ep_struct_m;
        else if (name && strcmp(name, "VRP") == 0)
            dst = m->vrp_struct_m;
        else {
            jx_warn(c, loc, "<location> with unknown name \"%s\" ignored", name ? name : "");
            continue;
        }
        if ((st = jx_triplet(c, loc, "M", 0, dst)))
            return st;
    }
    jx_warn_unknown(c, el, known);
    return SAQR_OK;
}

void metrics_publish(const fdm_metrics *m, const fdm_slots *s, double *v)
{
    const double ft2 = M_PER_FT * M_PER_FT;
    v[s->sw_sqft] = m->sw_m2 / ft2;
    v[s->bw_ft] = m->bw_m / M_PER_FT;
    v[s->cbarw_ft] = m->cbarw_m / M_PER_FT;
    v[s->iw_rad] = m->iw_rad;
    v[s->iw_deg] = m->iw_rad * DEG_PER_RAD;
    v[s->sh_sqft] = m->sh_m2 / ft2;
    v[s->lh_ft] = m->lh_m / M_PER_FT;
    v[s->sv_sqft] = m->sv_m2 / ft2;
    v[s->lv_ft] = m->lv_m / M_PER_FT;
    v[s->lh_norm] = m->lbarh;
    v[s->lv_norm] = m->lbarv;
    v[s->vbarh_norm] = m->vbarh;
    v[s->vbarv_norm] = m->vbarv;
    v[s->rp_x_in] = m->rp_struct_m[0] / M_PER_IN;
    v[s->rp_y_in] = m->rp_struct_m[1] / M_PER_IN;
    v[s->rp_z_in] = m->rp_struct_m[2] / M_PER_IN;
    v[s->ep_x_in] = m->ep_struct_m[0] / M_PER_IN;
    v[s->ep_y_in] = m->ep_struct_m[1] / M_PER_IN;
    v[s->ep_z_in] = m->ep_struct_m[2] / M_PER_IN;
    v[s->vrp_x_in] = m->vrp_struct_m[0] / M_PER_IN;
    v[s->vrp_y_in] = m->vrp_struct_m[1] / M_PER_IN;
    v[s->vrp_z_in] = m->vrp_struct_m[2] / M_PER_IN;
}
