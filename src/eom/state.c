/*
 * state.c - element-wise helpers over the rigid-body state (see state.h).
 */
#include "eom/state.h"

#include <math.h>
#include <stddef.h>

double *eom_group_ptr(eom_state *s, eom_group g, int *n)
{
    switch (g) {
    case EOM_ROT_RATE: *n = 3; return s->omega_body_radps;
    case EOM_TRANS_RATE: *n = 3; return s->vel_eci_mps;
    case EOM_ROT_POS: *n = 4; return s->q_eci_body;
    case EOM_TRANS_POS: *n = 3; return s->pos_eci_m;
    case EOM_GROUP_COUNT: break;
    }
    *n = 0;
    return NULL;
}

void eom_state_axpy(eom_state *out, const eom_state *x, double h, const eom_state *xdot)
{
    for (int i = 0; i < 3; i++) {
        out->pos_eci_m[i] = x->pos_eci_m[i] + h * xdot->pos_eci_m[i];
        out->vel_eci_mps[i] = x->vel_eci_mps[i] + h * xdot->vel_eci_mps[i];
        out->omega_body_radps[i] = x->omega_body_radps[i] + h * xdot->omega_body_radps[i];
    }
    for (int i = 0; i < 4; i++)
        out->q_eci_body[i] = x->q_eci_body[i] + h * xdot->q_eci_body[i];
}

int eom_state_is_finite(const eom_state *s)
{
    /* x * 0 is 0 for every finite x and NaN for an infinity or a NaN, so
     * the sum is 0 exactly when all are finite: one pass without a branch
     * per member (it runs every frame) */
    double z = 0.0;
    for (int i = 0; i < 3; i++)
        z += s->pos_eci_m[i] * 0.0 + s->vel_eci_mps[i] * 0.0 + s->omega_body_radps[i] * 0.0;
    for (int i = 0; i < 4; i++)
        z += s->q_eci_body[i] * 0.0;
    return z == 0.0;
}
