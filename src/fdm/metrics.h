/*
 * metrics.h - the aircraft's reference geometry (<metrics>): wing area,
 * span, chord, incidence, tail areas and arms, and the reference points
 * AERORP (aerodynamic moments), EYEPOINT (pilot) and VRP (visual
 * reference).  Reference: JSBSim src/models/FGAircraft.cpp (Load).
 */
#ifndef SAQR_FDM_METRICS_H
#define SAQR_FDM_METRICS_H

#include <libxml/tree.h>

#include "fdm/fdm_slots.h"
#include "load/jsbsim/jxml.h"

typedef struct fdm_metrics {
    double sw_m2, bw_m, cbarw_m, iw_rad;   /* wing area, span, chord, incidence */
    double sh_m2, lh_m, sv_m2, lv_m;       /* horizontal/vertical tail area, arm */
    double lbarh, lbarv, vbarh, vbarv;     /* normalised arms, volume ratios     */
    double rp_struct_m[3];                 /* aerodynamic reference point        */
    double ep_struct_m[3];                 /* eye point                          */
    double vrp_struct_m[3];                /* visual reference point             */
} fdm_metrics;

saqr_status metrics_load(jx_ctx *c, const xmlNode *el, fdm_metrics *m);
/* Writes the metrics/ properties (constant; done once after loading). */
void metrics_publish(const fdm_metrics *m, const fdm_slots *s, double *v);

#endif
